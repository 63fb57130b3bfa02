// Filling a bulletin entry from a review's own text: the case line, KEY
// ISSUES, LEARNING and RECOMMENDATIONS, each bullet a quotation of one
// passage (a whole list item, or one sentence), never new words.
//
// Sections are given a role by their heading (see section_role):
//   summary          "Executive summary", "Reason for this review",
//                    "Circumstances ...", "Background", "Summary of facts",
//                    "The family", "Introduction", "Case summary", ...
//   findings         "Findings", "Key findings", "Conclusions", "Analysis",
//                    "Key issues", "Themes"
//   learning         "Learning", "Lessons learnt", "Reflective questions",
//                    "Key messages"
//   recommendations  "Recommendations", "Recommendation 3",
//                    "Improving systems and practice" (the Welsh template)
//   good practice    "Good practice ..." (not used)
//   procedural       "Purpose", "Scope", "Methodology", "Terms of
//                    reference", "Framework", "Agency involvement",
//                    "Contents", "... to be addressed by the review", ...
// (checked in this order: procedural, recommendations, learning, good
// practice, findings, summary).  A numbered sub-heading without a role of
// its own ("6.1 Domestic violence") takes the role of its numbered parent
// ("6. Analysis").
//
// Then, for a review:
//   case line   the summary sentence that best says what happened: it must
//               name a harm (died, injured, abuse, neglect, ...); an age, a
//               year and the child's name or "baby"/"child" count for it;
//   key issues  summary sentences (findings, then other non-procedural
//               sections, when a review has no summary section), ranked by
//               the themes hit in their passage and by cue words (known to,
//               history of, referral, police, ...), then in text order; a
//               sentence stating ethnicity, wherever it is, comes last;
//   learning    list items and sentences of learning and findings sections
//               ("Finding 1 - ..." first); without such sections, sentences
//               elsewhere that state learning ("highlighted the need for",
//               "the importance of", "missed opportunities");
//   recommendations  list items and sentences of recommendations sections.
// Sentences ending in ':' (introductions to a list), web addresses and
// fragments of fewer than five words are never bullets.  Leading list
// marks and numbering ("- ", "3.1 ", "a) ", "Finding 2 - ") are dropped
// from a bullet by starting it later; a bullet longer than the limit is
// cut at the last "; " or ", " (else space) before it and marked
// condensed.  So a bullet's text is always exactly
// review_text[begin, end).
//
// A digest entry (type "digest-entry", read from a bulletin) already has
// sections "Case", "Key issues", "Learning" and "Recommendations": its
// bullets are taken from them as they are, in order, and its case line is
// its summary (meta.extra["summary"]) where the Case section holds it (else
// where another section does, e.g. the Key issues of a row that names its
// case only; the summary is then not a key issue too).  A row without key
// issues (a regional one) gives the rest of its Case section, its account,
// as key issues.
#ifndef CASELENS_DIGEST_EXTRACT_H_
#define CASELENS_DIGEST_EXTRACT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query/review.h"

namespace caselens::digest {

enum class SectionRole {
  kOther,
  kProcedural,
  kSummary,
  kFindings,
  kLearning,
  kRecommendations,
  kGoodPractice,
};

// The role of a heading on its own (no inheritance).
SectionRole section_role(std::string_view heading);

// The roles of a review's section headings in order, numbered sub-headings
// inheriting their parent's role.
std::vector<SectionRole> section_roles(const std::vector<std::string>& headings);

// One bullet: a quotation of a passage.
struct Bullet {
  std::string text;     // exactly the source's normalised text[begin, end)
  std::string source;   // id of the review or digest entry
  std::string passage;  // passage id ("review#12")
  std::string section;  // the passage's section heading
  std::size_t begin = 0;
  std::size_t end = 0;
  bool condensed = false;  // the leading part of a longer sentence
};

struct ExtractOptions {
  std::size_t key_issues = 6;          // most KEY ISSUES bullets of a review
  std::size_t learning = 6;            // most Learning bullets of a review
  std::size_t recommendations = 6;     // most Recommendations bullets of a review
  std::size_t max_bullet_bytes = 320;  // a longer sentence is cut and condensed
  std::size_t max_case_line_bytes = 260;
  // Digest entries keep all their bullets; only a very long one is cut.
  std::size_t max_entry_bullet_bytes = 700;
};

struct Extract {
  std::optional<Bullet> case_line;
  std::vector<Bullet> key_issues;
  std::vector<Bullet> learning;
  std::vector<Bullet> recommendations;
  // The sentences describing the case (case line, summary sections), for
  // the category rule.
  std::vector<std::string> case_sentences;
};

// `passages` are the review's, in text order (query::get_passages);
// `case_name` ("Child E (Steven)") helps find the case line.
Extract extract_review(const std::string& review_id,
                       const std::vector<query::PassageRecord>& passages,
                       const std::string& case_name, const ExtractOptions& options);

// For a digest entry; `summary` is its meta.extra["summary"] ("" if none).
Extract extract_digest_entry(const std::string& entry_id,
                             const std::vector<query::PassageRecord>& passages,
                             const std::string& summary, const ExtractOptions& options);

// A bullet quoting passage[local_begin, local_end) (offsets within the
// passage's text), list marks and numbering dropped, cut to `max_bytes`.
// nullopt when nothing is left.  Exposed for tests.
std::optional<Bullet> make_bullet(const std::string& source, const query::PassageRecord& passage,
                                  std::size_t local_begin, std::size_t local_end,
                                  std::size_t max_bytes);

}  // namespace caselens::digest

#endif  // CASELENS_DIGEST_EXTRACT_H_
