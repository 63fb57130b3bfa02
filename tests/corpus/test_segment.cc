#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "corpus/segment.h"

namespace caselens::corpus {
namespace {

std::vector<std::string> headings_of(const std::string& text) {
  std::vector<std::string> headings;
  for (const Section& s : segment_text(text).sections) {
    if (!s.heading.empty()) headings.push_back(s.heading);
  }
  return headings;
}

const std::string kBody =
    "This paragraph is running text with more than ten words in it.";

struct HeadingCase {
  std::string name;
  std::string text;
  std::vector<std::string> headings;
};

TEST_CASE("segment_text finds headings and rejects look-alikes", "[segment]") {
  const std::vector<HeadingCase> cases = {
      {"named section", "Executive Summary\n\n" + kBody, {"Executive Summary"}},
      {"named with colon", "Learning:\n\n6.1.9 " + kBody, {"Learning:"}},
      {"lessons to be learnt",
       "7. Lessons to be learnt\n\n" + kBody,
       {"7. Lessons to be learnt"}},
      {"numbered headings",
       "6. Analysis\n\n6.1 Domestic Violence and coercive control\n\n6.1.1 " +
           kBody,
       {"6. Analysis", "6.1 Domestic Violence and coercive control"}},
      {"numbered heading with short colon",
       "8. Reflective Learning Workshop / Feedback Session:\n\n8.1 " + kBody,
       {"8. Reflective Learning Workshop / Feedback Session:"}},
      {"numbered paragraph is not a heading",
       "1.1 The review was commissioned by the partnership in 2019 after a "
       "referral.",
       {}},
      {"numbered lead-in sentence is not a heading",
       "3.10 The Terms of Reference were set out as follows:\n\n- a) x",
       {}},
      {"long line ending in a full stop",
       "Background to the review is set out in the following sections.\n\n" +
           kBody,
       {}},
      {"short line with full stop",
       "Recommendation 1.\n\n" + kBody,
       {"Recommendation 1."}},
      {"all capitals", "EXECUTIVE SUMMARY\n\n" + kBody, {"EXECUTIVE SUMMARY"}},
      {"a table row is not a heading",
       "Police | Investigated\n\n" + kBody, {}},
      {"a heading over a table",
       "Agencies involved\n\nAgency | Role\n\nPolice | Investigated",
       {"Agencies involved"}},
      {"all capitals date is not a heading", "CYSUR 1 2021\n\n" + kBody, {}},
      {"numbered list is not headings",
       "1. First thing to do\n2. Second thing to do\n3. Third thing",
       {}},
      {"list restarting at 1 is not a heading",
       "3. Process\n\n" + kBody + "\n\n1. In relation to Thresholds\n\n" +
           kBody,
       {"3. Process"}},
      {"numbered item followed by its list",
       "2. Scope\n\n" + kBody + "\n\n4. In relation to care\n- a) one",
       {"2. Scope"}},
      {"question is not a heading",
       "10. What could be done better?\n\n" + kBody,
       {}},
      {"stand-alone line before a paragraph",
       "Circumstances Resulting in the Review\n\n" + kBody,
       {"Circumstances Resulting in the Review"}},
      {"stand-alone line before a list",
       "Identified Good Practice\n\n- The health visitor visited",
       {"Identified Good Practice"}},
      {"title lines before a heading are not headings",
       "Kirklees Partnership\n\nChild E\n\nExecutive Summary\n\n" + kBody,
       {"Executive Summary"}},
      {"lead-in with colon is not a heading",
       "The agencies that gave information:\n\n- Police\n- Health",
       {}},
      {"data line is not a heading", "Mother R - age 34\n\n" + kBody, {}},
      {"date line is not a heading", "Version 1 October 2019\n\n" + kBody, {}},
      {"contents line is not a heading",
       "Contents: 1. Introduction; 2. Scope\n\n" + kBody,
       {}},
      {"bullet is not a heading", "- Background\n\n" + kBody, {}},
      {"lower case start is not a heading", "www.example.org\n\n" + kBody, {}},
  };
  for (const HeadingCase& c : cases) {
    SECTION(c.name) { CHECK(headings_of(c.text) == c.headings); }
  }
}

TEST_CASE("segment_text offsets quote the passages", "[segment]") {
  const std::string text =
      "Preamble line.\n\nBackground\n\nFirst para.\n- item one\n- item two\n\n"
      "Findings\n\n1. A numbered item\n2. Another item\n\nLast para.";
  const Segmentation seg = segment_text(text);
  REQUIRE(seg.sections.size() == 3);
  CHECK(seg.sections[0].heading.empty());
  CHECK(seg.sections[1].heading == "Background");
  CHECK(seg.sections[2].heading == "Findings");
  CHECK(seg.sections[0].begin == 0);
  CHECK(text.substr(seg.sections[1].begin, 10) == "Background");
  for (std::size_t i = 0; i + 1 < seg.sections.size(); ++i) {
    CHECK(seg.sections[i].end == seg.sections[i + 1].begin);
  }
  CHECK(seg.sections.back().end == text.size());

  struct Expected {
    std::string text;
    std::size_t section;
    bool list_item;
  };
  const std::vector<Expected> expected = {
      {"Preamble line.", 0, false},    {"First para.", 1, false},
      {"- item one", 1, true},         {"- item two", 1, true},
      {"1. A numbered item", 2, true}, {"2. Another item", 2, true},
      {"Last para.", 2, false},
  };
  REQUIRE(seg.passages.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Passage& p = seg.passages[i];
    CAPTURE(i);
    CHECK(text.substr(p.begin, p.end - p.begin) == expected[i].text);
    CHECK(p.section == expected[i].section);
    CHECK(p.list_item == expected[i].list_item);
  }
  CHECK(seg.sections[0].first_passage == 0);
  CHECK(seg.sections[0].passage_count == 1);
  CHECK(seg.sections[1].first_passage == 1);
  CHECK(seg.sections[1].passage_count == 3);
  CHECK(seg.sections[2].first_passage == 4);
  CHECK(seg.sections[2].passage_count == 3);
}

TEST_CASE("segment_text edge cases", "[segment]") {
  SECTION("no headings: one preamble section") {
    const Segmentation seg = segment_text("one.\n\ntwo.");
    REQUIRE(seg.sections.size() == 1);
    CHECK(seg.sections[0].heading.empty());
    CHECK(seg.passages.size() == 2);
  }
  SECTION("heading first: no preamble") {
    const Segmentation seg = segment_text("Background\n\n" + kBody);
    REQUIRE(seg.sections.size() == 1);
    CHECK(seg.sections[0].heading == "Background");
    CHECK(seg.sections[0].begin == 0);
  }
  SECTION("empty text") {
    const Segmentation seg = segment_text("");
    CHECK(seg.sections.empty());
    CHECK(seg.passages.empty());
  }
  SECTION("heading followed by heading keeps an empty section") {
    const Segmentation seg =
        segment_text("6. Analysis\n\n6.1 Sub heading here\n\n" + kBody);
    REQUIRE(seg.sections.size() == 2);
    CHECK(seg.sections[0].passage_count == 0);
    CHECK(seg.sections[1].passage_count == 1);
  }
}

TEST_CASE("segment_text cuts an overlong line into bounded passages",
          "[segment]") {
  const std::string sentence = "The child was seen at home by the visitor. ";
  const std::string words = "neglected ";
  struct Row {
    const char* what;
    std::string line;
    char last_before_cut;  // the character each cut passage ends with
  };
  std::string no_spaces;
  while (no_spaces.size() < 3 * caselens::corpus::kMaxPassageBytes) no_spaces += "\u00e9";
  std::string sentences, no_stops;
  while (sentences.size() < 3 * caselens::corpus::kMaxPassageBytes) sentences += sentence;
  while (no_stops.size() < 3 * caselens::corpus::kMaxPassageBytes) no_stops += words;
  const std::vector<Row> rows = {
      {"at sentence ends", "Intro.\n\n" + sentences, '.'},
      {"at spaces", "Intro.\n\n" + no_stops, 'd'},
      {"at character boundaries", "Intro.\n\n" + no_spaces, '\xa9'},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    const Segmentation seg = segment_text(row.line);
    REQUIRE(seg.passages.size() >= 4);  // "Intro." and three or more pieces
    std::size_t covered = seg.passages[1].begin;
    for (std::size_t p = 1; p < seg.passages.size(); ++p) {
      const auto& passage = seg.passages[p];
      CHECK(passage.begin >= covered);
      CHECK(passage.end - passage.begin <= caselens::corpus::kMaxPassageBytes);
      CHECK(passage.end > passage.begin);
      CHECK(row.line[passage.begin] != ' ');
      if (p + 1 < seg.passages.size()) {
        CHECK(row.line[passage.end - 1] == row.last_before_cut);
      }
      covered = passage.end;
    }
    CHECK(covered + 1 >= row.line.size());
    CHECK(seg.sections[0].passage_count == seg.passages.size());
  }
}

TEST_CASE("is_list_item and looks_like_heading", "[segment]") {
  const std::vector<std::pair<std::string, bool>> list_items = {
      {"- item", true},    {"1. item", true},     {"12) item", true},
      {"a) item", true},   {"(b) item", true},    {"iv) item", true},
      {"1.1 Para", false}, {"2019. Year", false}, {"e.g. this", false},
      {"-dash", false},    {"Text", false},
  };
  for (const auto& [line, expected] : list_items) {
    CAPTURE(line);
    CHECK(is_list_item(line) == expected);
  }
  const std::vector<std::pair<std::string, bool>> headings = {
      {"6. Analysis", true},
      {"Recommendations", true},
      {"KEY FINDINGS", true},
      {"Circumstances Resulting in the Review", true},  // named: circumstances
      {"Improving Systems and Practice", false},        // needs context
      {"1.1 The review was commissioned in 2019 following a referral.", false},
      {"- Background", false},
      {"", false},
  };
  for (const auto& [line, expected] : headings) {
    CAPTURE(line);
    CHECK(looks_like_heading(line) == expected);
  }
}

}  // namespace
}  // namespace caselens::corpus
