// The category of a review in a bulletin: the main harm in the case, one
// per review, as the digest tables group them.
//
// The rule, first match wins:
//   1. meta.extra["category"] (a sidecar field, or what the digest reader
//      stored for an entry), when it names a category (id, heading, or the
//      codebook spec's id: "child_death", "CHILD DEATHS", "child-deaths");
//   2. adults: a safeguarding adults review (or an entry read from a
//      bulletin's national-adults section);
//   3. homicide: a domestic homicide review, or a sentence describing the
//      case says the child was murdered, killed by someone, unlawfully
//      killed, the victim of manslaughter or homicide, or died after being
//      stabbed, shot, strangled or beaten (not "attempted murder", not
//      "arrested on suspicion of murder");
//   4. child-deaths: a sentence describing the case says the child died
//      (died, death, dead, deceased, fatal, SUDI; not the death of a parent,
//      not the review criteria "has died or been seriously harmed");
//   5. the harm theme with the highest score among those present:
//      sexual_abuse -> sexual-abuse, exploitation_extrafamilial ->
//      exploitation, neglect -> neglect, physical_abuse ->
//      physical-emotional-abuse, self_harm_suicide ->
//      behavioural-mental-health (ties in that order);
//   6. physical-emotional-abuse, when nothing above applies.
// "Sentences describing the case" are the case line and the sentences of
// the review's summary sections (see extract.h), never its procedural
// sections.
#ifndef CASELENS_DIGEST_CATEGORY_H_
#define CASELENS_DIGEST_CATEGORY_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace caselens::digest {

struct CategoryInfo {
  std::string_view id;       // "child-deaths"
  std::string_view heading;  // "CHILD DEATHS"
};

// The categories in bulletin order (children's tables, then adults).
const std::vector<CategoryInfo>& categories();

// The category id `text` names (an id, a heading, or an alias such as the
// codebook spec's "child_death"), compared by slug; "" when none.
std::string normalise_category(std::string_view text);

// The heading of a category id; "" for an unknown id.
std::string_view category_heading(std::string_view id);

struct CategoryInput {
  std::string override_value;  // meta.extra["category"], "" when not set
  std::string type;            // review type slug
  std::string digest_section;  // an entry's meta.extra["digest_section"]
  std::vector<std::string> case_sentences;
  std::map<std::string, double> theme_scores;  // present themes: id -> score
};

struct CategoryChoice {
  std::string id;
  // Which rule chose it, for people: "meta category \"neglect\"",
  // "the child died: \"...\"", "theme neglect (score 18.5)", ...
  std::string basis;
  // The override named no category (reported as a warning; the rule
  // below it chose instead).
  bool bad_override = false;
};

CategoryChoice choose_category(const CategoryInput& input);

// The first sentence saying the child died, or was the victim of homicide;
// "" when none does.  Exposed for tests.
std::string death_sentence(const std::vector<std::string>& sentences);
std::string homicide_sentence(const std::vector<std::string>& sentences);

}  // namespace caselens::digest

#endif  // CASELENS_DIGEST_CATEGORY_H_
