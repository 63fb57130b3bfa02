// The category rule (digest/category.h), one row per case it decides.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "digest/category.h"

namespace {

using caselens::digest::CategoryInput;
using caselens::digest::choose_category;
using caselens::digest::normalise_category;

CategoryInput with_sentences(std::vector<std::string> sentences) {
  CategoryInput in;
  in.type = "child-safeguarding-practice-review";
  in.case_sentences = std::move(sentences);
  return in;
}

TEST_CASE("choose_category: the rule, row by row", "[digest][category]") {
  struct Row {
    const char* what;
    CategoryInput input;
    const char* expected;
    const char* basis;  // part of the basis
  };
  auto themed = [](std::map<std::string, double> scores) {
    CategoryInput in = with_sentences({"The family were known to children's services."});
    in.theme_scores = std::move(scores);
    return in;
  };
  auto typed = [](const char* type, std::vector<std::string> s) {
    CategoryInput in = with_sentences(std::move(s));
    in.type = type;
    return in;
  };
  auto overridden = [](const char* value, CategoryInput in) {
    in.override_value = value;
    return in;
  };
  const std::vector<Row> rows = {
      {"override by id", overridden("neglect", with_sentences({"Child A died."})), "neglect", "meta"},
      {"override by heading", overridden("CHILD DEATHS", themed({})), "child-deaths", "meta"},
      {"override by codebook spec id", overridden("extrafamilial_harm", themed({})), "exploitation", "meta"},
      {"bad override falls through", overridden("unknown", with_sentences({"Baby B died at home."})),
       "child-deaths", "died"},
      {"safeguarding adults review", typed("safeguarding-adults-review", {"Anne died in her flat."}),
       "adults", "type"},
      {"entry from an adults section",
       [] { CategoryInput in = with_sentences({"He died."}); in.type = "digest-entry";
            in.digest_section = "national-adults"; return in; }(),
       "adults", "digest section"},
      {"domestic homicide review", typed("domestic-homicide-review", {}), "homicide", "type"},
      {"murdered", with_sentences({"Child D was murdered by her father in the family home."}),
       "homicide", "homicide"},
      {"convicted of murder",
       with_sentences({"Her mother was convicted for causing or allowing her child's death, and "
                       "her partner convicted of murder."}),
       "homicide", "homicide"},
      {"manslaughter", with_sentences({"Father was charged with manslaughter."}), "homicide", ""},
      {"stabbed and died",
       with_sentences({"Liam was a 17-year-old boy who died on the 19 January 2020 having been stabbed."}),
       "homicide", ""},
      {"attempted murder is not homicide",
       [] { CategoryInput in = with_sentences({"Mother attempted to murder him by strangulation; "
                                               "he survived."});
            in.theme_scores = {{"physical_abuse", 3}}; return in; }(),
       "physical-emotional-abuse", "theme"},
      {"suspicion of murder: a death, not a homicide",
       with_sentences({"Mother's partner has been arrested on suspicion of murder.",
                       "Child R was pronounced dead in the afternoon the following day."}),
       "child-deaths", "died"},
      {"died", with_sentences({"Emma was three months old at the time of her death."}),
       "child-deaths", "died"},
      {"found dead", with_sentences({"Jacob was found dead in his bedroom in April 2019."}),
       "child-deaths", ""},
      {"SUDI", with_sentences({"Cause of death was identified as SUDI associated with co-sleeping."}),
       "child-deaths", ""},
      {"a parent's death is not the child's",
       [] { CategoryInput in = with_sentences({"After the death of her mother, Child C lived with "
                                               "her aunt.", "His father died in 2015."});
            in.theme_scores = {{"neglect", 2}}; return in; }(),
       "neglect", "theme neglect"},
      {"review criteria are not a death",
       [] { CategoryInput in = with_sentences({"A review is held when abuse or neglect is known or "
                                               "suspected and the child has died or been seriously "
                                               "harmed."});
            in.theme_scores = {{"physical_abuse", 2}}; return in; }(),
       "physical-emotional-abuse", "theme"},
      {"highest harm theme", themed({{"neglect", 18.5}, {"physical_abuse", 5.5}}), "neglect", "18.5"},
      {"sexual abuse", themed({{"sexual_abuse", 4}, {"neglect", 2}}), "sexual-abuse", ""},
      {"exploitation", themed({{"exploitation_extrafamilial", 6}, {"neglect", 2}}), "exploitation", ""},
      {"self-harm", themed({{"self_harm_suicide", 3}}), "behavioural-mental-health", ""},
      {"tie: order of the rule", themed({{"neglect", 2}, {"sexual_abuse", 2}}), "sexual-abuse", ""},
      {"other themes do not decide", themed({{"domestic_abuse", 9}, {"hidden_men", 4}}),
       "physical-emotional-abuse", "default"},
  };
  for (const auto& r : rows) {
    const CategoryInput& in = r.input;
    INFO(r.what);
    const auto choice = choose_category(in);
    CHECK(choice.id == r.expected);
    CHECK_THAT(choice.basis, Catch::Contains(r.basis));
    CHECK(choice.bad_override == (in.override_value == "unknown"));
  }
}

TEST_CASE("normalise_category: ids, headings and aliases", "[digest][category]") {
  const std::pair<const char*, const char*> rows[] = {
      {"physical-emotional-abuse", "physical-emotional-abuse"},
      {"PHYSICAL AND EMOTIONAL ABUSE", "physical-emotional-abuse"},
      {"child_death", "child-deaths"},
      {"BEHAVIOURAL/MENTAL HEALTH CONCERNS", "behavioural-mental-health"},
      {"behaviour_mental_health", "behavioural-mental-health"},
      {"Exploitation", "exploitation"},
      {"adult", "adults"},
      {"", ""},
      {"bananas", ""},
  };
  for (const auto& [text, id] : rows) {
    INFO(text);
    CHECK(normalise_category(text) == id);
  }
  CHECK(caselens::digest::categories().size() == 8);
  CHECK(caselens::digest::category_heading("neglect") == "NEGLECT");
}

}  // namespace
