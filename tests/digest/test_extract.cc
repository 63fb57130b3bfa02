// Extraction: section roles, bullets that quote their passage exactly, and
// the entries made from a small review and a small digest entry.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "corpus/load.h"
#include "digest/extract.h"
#include "tests/digest/digest_fixtures.h"

namespace {

using caselens::digest::Bullet;
using caselens::digest::extract_digest_entry;
using caselens::digest::extract_review;
using caselens::digest::ExtractOptions;
using caselens::digest::make_bullet;
using caselens::digest::section_role;
using caselens::digest::section_roles;
using caselens::digest::SectionRole;
using caselens::query::PassageRecord;
using caselens::testing::passages_of;

PassageRecord passage(const std::string& text, std::size_t begin = 1000) {
  return PassageRecord{std::string("r#7"), std::string("r"), std::string("Findings"), begin,
                       begin + text.size(), false, text, {}};
}

TEST_CASE("make_bullet: marks and numbering dropped, long sentences cut, offsets exact",
          "[digest][extract]") {
  struct Row {
    const char* text;
    std::size_t max;
    const char* expected;
    bool condensed;
  };
  const Row rows[] = {
      {"- Agencies should share information.", 300, "Agencies should share information.", false},
      {"\u2022 Agencies should share information.", 300, "Agencies should share information.", false},
      {"3.1 Child T was living with his mother.", 300, "Child T was living with his mother.", false},
      {"12) Agencies should act.", 300, "Agencies should act.", false},
      {"(a) Agencies should act.", 300, "Agencies should act.", false},
      {"b) Agencies should act.", 300, "Agencies should act.", false},
      {"Finding 2 \u2013 Clear records are the foundation.", 300, "Clear records are the foundation.", false},
      {"Recommendation 3: Review the protocol.", 300, "Review the protocol.", false},
      {"- 1.6 Mother's partner was arrested.", 300, "Mother's partner was arrested.", false},
      {"2019 was the year the family moved.", 300, "2019 was the year the family moved.", false},
      {"First clause here, second clause there; third part goes on and on", 40,
       "First clause here, second clause there", true},
      {"one two three four five six seven eight nine ten", 20, "one two three four", true},
      {"Caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9", 7, "Caf\u00e9", true},
  };
  for (const auto& r : rows) {
    INFO(r.text);
    const PassageRecord p = passage(r.text);
    auto b = make_bullet("r", p, 0, p.text.size(), r.max);
    REQUIRE(b);
    CHECK(b->text == r.expected);
    CHECK(b->condensed == r.condensed);
    CHECK(b->source == "r");
    CHECK(b->passage == "r#7");
    CHECK(b->section == "Findings");
    // The bullet is exactly the review's text at its offsets.
    CHECK(p.text.substr(b->begin - p.begin, b->end - b->begin) == b->text);
  }
  CHECK_FALSE(make_bullet("r", passage("- "), 0, 2, 300));
  CHECK_FALSE(make_bullet("r", passage("   "), 0, 3, 300));
}

TEST_CASE("section roles, with numbered sub-headings inheriting", "[digest][extract]") {
  const std::pair<const char*, SectionRole> rows[] = {
      {"Executive Summary", SectionRole::kSummary},
      {"Reason for this Review", SectionRole::kSummary},
      {"Circumstances Resulting in the Review", SectionRole::kSummary},
      {"Background of Family and Male B", SectionRole::kSummary},
      {"3. Summary of Facts", SectionRole::kSummary},
      {"4. The Family Background", SectionRole::kSummary},
      {"Key findings explored in this review", SectionRole::kFindings},
      {"5. Summary and conclusions of the Integrated Chronology", SectionRole::kFindings},
      {"6. Analysis", SectionRole::kFindings},
      {"Learning:", SectionRole::kLearning},
      {"7. Lessons to be learnt", SectionRole::kLearning},
      {"Reflective questions raised by this Serious Case Review", SectionRole::kLearning},
      {"8. Recommendations", SectionRole::kRecommendations},
      {"Recommendation 1.", SectionRole::kRecommendations},
      {"10. Conclusions and Recommendations", SectionRole::kRecommendations},
      {"Improving Systems and Practice", SectionRole::kRecommendations},
      {"Good practice identified in this review", SectionRole::kGoodPractice},
      {"Purpose of the review", SectionRole::kProcedural},
      {"9. Terms of reference", SectionRole::kProcedural},
      {"Key Issues to be addressed by the Review:", SectionRole::kProcedural},
      {"3. The Serious Case Review Process", SectionRole::kProcedural},
      {"8. Reflective Learning Workshop / Feedback Session:", SectionRole::kProcedural},
      {"Agency involvement", SectionRole::kProcedural},
      {"The Assessment Process", SectionRole::kOther},
      {"", SectionRole::kOther},
  };
  for (const auto& [heading, role] : rows) {
    INFO(heading);
    CHECK(section_role(heading) == role);
  }
  const auto roles = section_roles({"6. Analysis", "6.1 Domestic violence", "Learning",
                                    "6.2 Mental health", "7. Evidence", "7.1 More"});
  CHECK(roles == std::vector<SectionRole>{SectionRole::kFindings, SectionRole::kFindings,
                                          SectionRole::kLearning, SectionRole::kFindings,
                                          SectionRole::kOther, SectionRole::kOther});
}

void check_quotes(const std::vector<Bullet>& bullets, const std::string& text) {
  for (const auto& b : bullets) {
    INFO(b.text);
    REQUIRE(b.end <= text.size());
    CHECK(text.substr(b.begin, b.end - b.begin) == b.text);
  }
}

TEST_CASE("extract_review: a small review's case line, key issues, learning, recommendations",
          "[digest][extract]") {
  auto doc = caselens::corpus::load_document_bytes(caselens::testing::kChildPReview, "child-p.txt");
  REQUIRE(doc.ok());
  const auto passages = passages_of(*doc, "child-p");
  const auto x = extract_review("child-p", passages, "Child P", ExtractOptions{});
  REQUIRE(x.case_line);
  CHECK(x.case_line->text ==
        "Child P, a 7 month old baby, died in hospital in March 2021 after being found "
        "unresponsive at home.");
  CHECK(x.case_line->section == "Executive Summary");

  std::vector<std::string> issues;
  for (const auto& b : x.key_issues) issues.push_back(b.text);
  CHECK(issues == std::vector<std::string>{
                      "The family were known to children's social care because of concerns about "
                      "neglect and home conditions.",
                      "Mother had a history of depression and alcohol misuse.",
                      "The family are White British."});
  std::vector<std::string> learning;
  for (const auto& b : x.learning) learning.push_back(b.text);
  CHECK(learning == std::vector<std::string>{
                        "Safe sleep advice was given but not followed by the family.",
                        "Practitioners should check where the baby sleeps at every visit.",
                        "Managers need to ensure that neglect tools are used when home "
                        "conditions are poor."});
  REQUIRE(x.recommendations.size() == 2);
  CHECK(x.recommendations[0].text == "The partnership should review its safe sleep guidance.");
  CHECK(x.recommendations[1].section == "Recommendations");
  // Nothing from the procedural section.
  for (const auto* list : {&x.key_issues, &x.learning, &x.recommendations}) {
    for (const auto& b : *list) CHECK(b.section != "Purpose of the review");
    check_quotes(*list, doc->text);
  }
  check_quotes({*x.case_line}, doc->text);
  CHECK_FALSE(x.case_sentences.empty());

  ExtractOptions tight;
  tight.key_issues = 1;
  tight.learning = 1;
  tight.recommendations = 1;
  const auto few = extract_review("child-p", passages, "Child P", tight);
  CHECK(few.key_issues.size() == 2);  // one, then the ethnicity
  CHECK(few.key_issues.back().text == "The family are White British.");
  CHECK(few.learning.size() == 1);
  CHECK(few.learning[0].text == "Safe sleep advice was given but not followed by the family.");
  CHECK(few.recommendations.size() == 1);
}

TEST_CASE("extract_review: a text without sections gives what it can, all quoted",
          "[digest][extract]") {
  const std::string text =
      "Baby Q was taken to hospital with a fracture in 2020.\n\n"
      "The review highlighted the need for agencies to share information promptly.\n";
  auto doc = caselens::corpus::load_document_bytes(text, "q.txt");
  REQUIRE(doc.ok());
  const auto x = extract_review("q", passages_of(*doc, "q"), "Baby Q", ExtractOptions{});
  REQUIRE(x.case_line);
  CHECK(x.case_line->text == "Baby Q was taken to hospital with a fracture in 2020.");
  REQUIRE(x.learning.size() == 1);
  CHECK_THAT(x.learning[0].text, Catch::StartsWith("The review highlighted the need"));
  CHECK(x.recommendations.empty());
  check_quotes(x.learning, doc->text);
}

// Passages laid out as the digest reader documents them (corpus/digest.h):
// the case line and the summary under "Case", bullets as list items.
struct EntryText {
  std::string text;
  std::vector<PassageRecord> passages;
  void add(const std::string& section, const std::string& line, bool item) {
    const std::size_t begin = text.size();
    text += line + "\n";
    passages.push_back({"e#" + std::to_string(passages.size() + 1), "e", section, begin,
                        begin + line.size(), item, line, {}});
  }
};

TEST_CASE("extract_digest_entry: bullets from the entry's own sections", "[digest][extract]") {
  EntryText e;
  e.add("Case", "Feb 2021 \u2013 Hull City Council \u2013 Baby B", false);
  e.add("Case", "Serious non-accidental head injury to Baby B.", false);
  e.add("Key issues", "- A 20-week-old baby who was taken to hospital.", true);
  e.add("Key issues", "- Baby B's father was found guilty of grievous bodily harm.", true);
  e.add("Key issues", "- Ethnicity or nationality is not stated.", true);
  e.add("Learning", "Learning:", false);
  e.add("Learning", "- maintaining a focus on fathers of children;", true);
  e.add("Learning", "- engage with fathers.", true);
  e.add("Recommendations", "- children's social care to ensure that Child in Need plans are in place.", true);
  const auto x = extract_digest_entry("e", e.passages, "Serious non-accidental head injury to Baby B.",
                                      ExtractOptions{});
  REQUIRE(x.case_line);
  CHECK(x.case_line->text == "Serious non-accidental head injury to Baby B.");
  CHECK(x.case_line->passage == "e#2");
  REQUIRE(x.key_issues.size() == 3);
  CHECK(x.key_issues[0].text == "A 20-week-old baby who was taken to hospital.");
  CHECK(x.key_issues[2].text == "Ethnicity or nationality is not stated.");
  REQUIRE(x.learning.size() == 2);  // the bare label is not a bullet
  CHECK(x.learning[1].text == "engage with fathers.");
  REQUIRE(x.recommendations.size() == 1);
  for (const auto* list : {&x.key_issues, &x.learning, &x.recommendations}) {
    check_quotes(*list, e.text);
  }
  check_quotes({*x.case_line}, e.text);
  // Without the summary in the text, the passage after the case line.
  const auto y = extract_digest_entry("e", e.passages, "not in the text", ExtractOptions{});
  REQUIRE(y.case_line);
  CHECK(y.case_line->passage == "e#2");
}

TEST_CASE("extract_digest_entry: a summary in the key issues column is the case line",
          "[digest][extract]") {
  EntryText e;
  e.add("Case", "Aug 2021 \u2013 Exampleton Council \u2013 Safe Schools", false);
  e.add("Key issues", "Review commissioned in 2017 after convictions. Allegations were made "
                      "against staff. Ethnicity not stated.", false);
  const auto x = extract_digest_entry("e", e.passages,
                                      "Review commissioned in 2017 after convictions.",
                                      ExtractOptions{});
  REQUIRE(x.case_line);
  CHECK(x.case_line->passage == "e#2");
  CHECK(x.case_line->text == "Review commissioned in 2017 after convictions.");
  std::vector<std::string> issues;
  for (const auto& b : x.key_issues) issues.push_back(b.text);
  CHECK(issues == std::vector<std::string>{"Allegations were made against staff.",
                                           "Ethnicity not stated."});
}

TEST_CASE("extract_digest_entry: a regional row's account is its key issues", "[digest][extract]") {
  EntryText e;
  e.add("Case", "May 2021 \u2013 South Tees Safeguarding Children Partnership \u2013 Fred", false);
  e.add("Case", "Fred, an older teenager, was found unconscious in the street. He was admitted to "
                "hospital. He has made a full recovery.", false);
  e.add("Case", "The review looked at the year before.", false);
  e.add("Learning", "- Agencies should share information.", true);
  const auto x = extract_digest_entry("e", e.passages,
                                      "Fred, an older teenager, was found unconscious in the street.",
                                      ExtractOptions{});
  REQUIRE(x.case_line);
  CHECK(x.case_line->text == "Fred, an older teenager, was found unconscious in the street.");
  std::vector<std::string> issues;
  for (const auto& b : x.key_issues) issues.push_back(b.text);
  CHECK(issues == std::vector<std::string>{"He was admitted to hospital.",
                                           "He has made a full recovery.",
                                           "The review looked at the year before."});
  check_quotes(x.key_issues, e.text);
  CHECK(x.learning.size() == 1);
  CHECK(x.recommendations.empty());
}

}  // namespace
