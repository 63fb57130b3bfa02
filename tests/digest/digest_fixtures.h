// Small review texts and a fixture corpus for the digest tests (tests/digest
// and the end-to-end tests in tests/cli), written at test time.  Made up;
// nothing here is copied from the shared corpus.
#ifndef CASELENS_TESTS_DIGEST_DIGEST_FIXTURES_H_
#define CASELENS_TESTS_DIGEST_DIGEST_FIXTURES_H_

#include <filesystem>
#include <string>
#include <vector>

#include "corpus/document.h"
#include "query/review.h"
#include "tests/support/test_support.h"

namespace caselens::testing {

inline constexpr const char* kChildPReview =
    "Child P: Child Safeguarding Practice Review\n\n"
    "Executive Summary\n\n"
    "Child P, a 7 month old baby, died in hospital in March 2021 after being found "
    "unresponsive at home. The family were known to children's social care because of "
    "concerns about neglect and home conditions. Mother had a history of depression and "
    "alcohol misuse. The family are White British.\n\n"
    "Purpose of the review\n\n"
    "This review considers how agencies worked together with the family of Child P.\n\n"
    "Key findings\n\n"
    "Finding 1 - Safe sleep advice was given but not followed by the family.\n\n"
    "Learning\n\n"
    "- Practitioners should check where the baby sleeps at every visit.\n"
    "- Managers need to ensure that neglect tools are used when home conditions are poor.\n\n"
    "Recommendations\n\n"
    "1. The partnership should review its safe sleep guidance.\n"
    "2. Health visitors must record the sleeping arrangements of every infant.\n";

// A document's passages as the indexer stores them (without themes).
inline std::vector<query::PassageRecord> passages_of(const corpus::Document& doc,
                                                     const std::string& id) {
  std::vector<query::PassageRecord> out;
  for (std::size_t i = 0; i < doc.passages.size(); ++i) {
    const corpus::Passage& p = doc.passages[i];
    out.push_back({id + "#" + std::to_string(i + 1), id, doc.sections[p.section].heading,
                   p.begin, p.end, p.list_item, doc.text.substr(p.begin, p.end - p.begin), {}});
  }
  return out;
}

struct FixtureReview {
  const char* name;     // file name without .txt
  const char* sidecar;  // JSON
  const char* text;
};

// Reviews for a bulletin of the Darlington Safeguarding Partnership for
// 2021Q3 (region North East): one local, one regional, one national with a
// category set by its sidecar, one safeguarding adults review, one
// thematic review, two outside the quarter, one with a category that names
// none.
inline const std::vector<FixtureReview>& fixture_reviews() {
  static const std::vector<FixtureReview> kReviews = {
      {"darlington-child-p",
       R"({"partnership": "Darlington Safeguarding Partnership", "date": "2021-08",
           "case_name": "Child P", "type": "child-safeguarding-practice-review"})",
       kChildPReview},
      {"sunderland-child-n",
       R"({"partnership": "Sunderland Safeguarding Children Partnership", "date": "2021-07",
           "case_name": "Child N", "type": "child-safeguarding-practice-review"})",
       "Child N: Practice Review\n\n"
       "Executive Summary\n\n"
       "Child N, aged 4, lived with chronic neglect in 2020: the home was dirty, there was "
       "little food and Child N was often not brought to medical appointments. Neglect of the "
       "children had been a concern for five years and the home conditions were poor at every "
       "visit. School staff referred the family to children's social care twice.\n\n"
       "Learning\n\n"
       "- Practitioners should use the neglect toolkit when home conditions are poor.\n"
       "- Cumulative neglect needs a plan that looks at the whole history of the family.\n\n"
       "Recommendations\n\n"
       "- The partnership should provide neglect training for school staff.\n"},
      {"kent-child-s",
       R"({"partnership": "Kent Safeguarding Children Partnership", "date": "2021-09",
           "case_name": "Child S", "type": "serious-case-review", "category": "sexual-abuse"})",
       "Child S: Serious Case Review\n\n"
       "Executive Summary\n\n"
       "Child S, aged 14, told a teacher in 2020 that she had been harmed by an adult known to "
       "the family. The family were known to the police and to children's social care.\n\n"
       "Findings\n\n"
       "- Professionals did not ask Child S about her life at home often enough.\n\n"
       "Recommendations\n\n"
       "- Schools should make sure that children know whom to tell.\n"},
      {"norfolk-adult-j",
       R"({"partnership": "Norfolk Safeguarding Adults Board", "date": "2021-08",
           "case_name": "Jon", "type": "safeguarding-adults-review"})",
       "Safeguarding Adults Review: Jon\n\n"
       "Summary\n\n"
       "Jon, a man in his 30s with a learning disability, died in hospital in 2020 after a "
       "long stay. His family were not told of the changes in his care.\n\n"
       "Learning\n\n"
       "- Staff should ask families about changes in an adult's behaviour.\n\n"
       "Recommendations\n\n"
       "- The board should review how placements far from home are checked.\n"},
      {"panel-thematic-review",
       R"({"partnership": "Child Safeguarding Practice Review Panel", "date": "2021-07",
           "case_name": "", "title": "Safeguarding children at risk from criminal exploitation",
           "type": "thematic-review"})",
       "Safeguarding children at risk from criminal exploitation\n\n"
       "Summary\n\n"
       "This national review looked at 21 children who were harmed through criminal "
       "exploitation in 2019 and 2020.\n\n"
       "Learning\n\n"
       "- Practitioners need to understand the risks outside the home.\n\n"
       "Recommendations\n\n"
       "- Agencies should share intelligence about exploitation promptly.\n"},
      {"leeds-child-k",
       R"({"partnership": "Leeds Safeguarding Children Partnership", "date": "2021-08",
           "case_name": "Child K", "type": "child-safeguarding-practice-review",
           "category": "nonsense"})",
       "Child K: Practice Review\n\n"
       "Executive Summary\n\n"
       "Child K, aged 6, was seriously injured at home in 2020 and was taken to hospital with "
       "a fracture. The family had moved house four times.\n\n"
       "Recommendations\n\n"
       "- Agencies should record every change of address.\n"},
      {"durham-child-m-early",
       R"({"partnership": "Durham Safeguarding Children Partnership", "date": "2021-03",
           "case_name": "Child M", "type": "child-safeguarding-practice-review"})",
       "Child M: Practice Review\n\n"
       "Executive Summary\n\n"
       "Child M, aged 2, was injured at home in 2020.\n"},
      {"gateshead-child-y-yearonly",
       R"({"partnership": "Gateshead Safeguarding Children Partnership", "date": "2021",
           "case_name": "Child Y", "type": "child-safeguarding-practice-review"})",
       "Child Y: Practice Review\n\n"
       "Executive Summary\n\n"
       "Child Y, aged 3, was injured at home in 2020.\n"},
  };
  return kReviews;
}

// Writes the fixture reviews (NAME.txt and NAME.meta.json) into `dir`.
inline void write_fixture_corpus(const std::filesystem::path& dir) {
  for (const auto& r : fixture_reviews()) {
    write_file(dir / (std::string(r.name) + ".txt"), r.text);
    write_file(dir / (std::string(r.name) + ".meta.json"), r.sidecar);
  }
}

}  // namespace caselens::testing

#endif  // CASELENS_TESTS_DIGEST_DIGEST_FIXTURES_H_
