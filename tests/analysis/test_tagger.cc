// The tagger on small synthetic fixtures: evidence sentences and offsets,
// passages, near rules, vetoes, scores and the present threshold.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/codebook.h"
#include "analysis/tagger.h"
#include "corpus/load.h"
#include "tests/support/test_support.h"

namespace caselens::analysis {
namespace {

const char kBook[] = R"({
  "present": {"min_score": 1.0, "per_1000_words": 0.4},
  "negation": {"before": ["no evidence of"], "after": ["ruled out"],
               "hypothetical": ["if there had been"], "clause_words": ["but"],
               "name_words": ["Training"]},
  "themes": [
    {"id": "da", "name": "Domestic abuse", "phrases": ["domestic abuse", "MARAC"],
     "weak": ["volatile"]},
    {"id": "men", "name": "Hidden men",
     "near": [{"all": [["father", "stepfather"], "not assessed"], "within": 4}]},
    {"id": "suicide", "name": "Suicide", "phrases": ["took her own life"],
     "unless_near": {"any": ["mother"], "within": 2}},
    {"id": "race", "name": "Race", "phrases": ["black"], "exclude": ["Black Country"]}
  ]})";

Codebook book() {
  testing::TempDir dir;
  Result<Codebook> codebook = load_codebook(dir.write("book.json", kBook));
  INFO((codebook ? "" : codebook.error().message));
  REQUIRE(codebook.ok());
  return *codebook;
}

const ThemeScore& score_of(const DocumentThemes& tags, const std::string& id) {
  const auto it = std::find_if(tags.themes.begin(), tags.themes.end(),
                               [&](const ThemeScore& s) { return s.theme == id; });
  REQUIRE(it != tags.themes.end());
  return *it;
}

std::string quote(const std::string& text, std::size_t begin, std::size_t end) {
  return text.substr(begin, end - begin);
}

TEST_CASE("evidence offsets quote the sentence that holds the match",
          "[tagger]") {
  const Codebook codebook = book();
  Result<corpus::Document> doc = corpus::load_document_bytes(
      "The family moved in 2019. Police recorded domestic abuse at the home. "
      "Nobody asked why.\n\nThe case was referred to MARAC (in May).\n",
      "fixture.txt");
  REQUIRE(doc.ok());
  REQUIRE(doc->passages.size() == 2);
  const DocumentThemes tags = tag_document(*doc, codebook);
  const ThemeScore& da = score_of(tags, "da");
  CHECK(da.present);
  CHECK(da.score == 2.0);
  CHECK(da.passages == 2);
  REQUIRE(da.evidence.size() == 2);
  const ThemeHit& first = da.evidence[0];
  CHECK(quote(doc->text, first.begin, first.end) ==
        "Police recorded domestic abuse at the home.");
  CHECK(quote(doc->text, first.match_begin, first.match_end) ==
        "domestic abuse");
  CHECK(first.passage == 0);
  CHECK(first.rule == "phrase: domestic abuse");
  CHECK_FALSE(first.negated);
  const ThemeHit& second = da.evidence[1];
  CHECK(quote(doc->text, second.begin, second.end) ==
        "The case was referred to MARAC (in May).");
  CHECK(second.passage == 1);
  CHECK(present_themes(tags) == std::vector<std::string>{"da"});
}

TEST_CASE("negated hits are kept, flagged with their cue, and score 0",
          "[tagger]") {
  const Codebook codebook = book();
  const std::string text =
      "There was no evidence of domestic abuse. Domestic abuse was ruled out. "
      "If there had been domestic abuse, they would act.";
  const DocumentThemes tags = tag_text(text, codebook);
  REQUIRE(tags.hits.size() == 3);
  const std::vector<std::string> cues = {"no evidence of", "ruled out",
                                         "if there had been"};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(tags.hits[i].negated);
    CHECK(tags.hits[i].negated_by == cues[i]);
    CHECK(tags.hits[i].score == 0);
  }
  CHECK_FALSE(score_of(tags, "da").present);
  CHECK(score_of(tags, "da").evidence.empty());
}

TEST_CASE("rules: near, weak, unless_near, exclude and names", "[tagger]") {
  const Codebook codebook = book();
  struct Row {
    std::string text;
    std::string theme;
    bool present;
  };
  const std::vector<Row> rows = {
      {"The stepfather was not assessed.", "men", true},
      {"The stepfather lived far away and in the end was not assessed.", "men",
       false},
      {"The father moved. He was not assessed.", "men", false},
      {"A volatile relationship.", "da", false},
      {"A volatile relationship. Volatile again.", "da", true},
      {"The girl took her own life.", "suicide", true},
      {"Her mother took her own life.", "suicide", false},
      {"A black teenager.", "race", true},
      {"They lived in the Black Country.", "race", false},
      {"Staff attended Domestic Abuse Training.", "da", false},
      {"Staff attended domestic abuse training.", "da", true},
      {"No evidence of neglect but domestic abuse was common.", "da", true},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const auto ids = present_themes(tag_text(row.text, codebook));
    CHECK((std::find(ids.begin(), ids.end(), row.theme) != ids.end()) ==
          row.present);
  }
}

TEST_CASE("a near hit spans its words and names its rule", "[tagger]") {
  const std::string text = "Sadly the father was not assessed at all.";
  const DocumentThemes tags = tag_text(text, book());
  REQUIRE(tags.hits.size() == 1);
  CHECK(quote(text, tags.hits[0].match_begin, tags.hits[0].match_end) ==
        "father was not assessed");
  CHECK(tags.hits[0].rule == "near: father + not assessed within 4");
}

TEST_CASE("long documents need more than one passing mention", "[tagger]") {
  const Codebook codebook = book();
  std::string filler;
  for (int i = 0; i < 700; ++i) filler += "The review read many records. ";
  // 3500 words: threshold max(1.0, 0.4 * 3.5) = 1.4.
  DocumentThemes tags = tag_text(filler + "Domestic abuse was noted.", codebook);
  CHECK(tags.words >= 3500);
  CHECK(tags.threshold == Catch::Detail::Approx(0.4 * static_cast<double>(tags.words) / 1000));
  CHECK_FALSE(score_of(tags, "da").present);
  tags = tag_text(filler + "Domestic abuse was noted. MARAC met.", codebook);
  CHECK(score_of(tags, "da").present);
}

TEST_CASE("overlapping matches of one theme count once", "[tagger]") {
  testing::TempDir dir;
  Result<Codebook> codebook = load_codebook(dir.write("book.json", R"({
    "themes": [{"id": "da", "name": "DA",
                "phrases": ["domestic abuse", "domestic abuse incident"]}]})"));
  REQUIRE(codebook.ok());
  const DocumentThemes tags =
      tag_text("A domestic abuse incident happened.", *codebook);
  REQUIRE(tags.hits.size() == 1);
  CHECK(tags.hits[0].rule == "phrase: domestic abuse incident");
  CHECK(score_of(tags, "da").score == 1.0);
}

TEST_CASE("weak_repeat: the same weak phrase again is not new evidence",
          "[tagger]") {
  testing::TempDir dir;
  Result<Codebook> zero = load_codebook(dir.write("zero.json", R"({
    "weights": {"weak": 0.5, "weak_repeat": 0},
    "negation": {"before": ["no evidence of"]},
    "themes": [{"id": "da", "name": "DA", "weak": ["volatile", "refuge"]}]})"));
  REQUIRE(zero.ok());
  Result<Codebook> quarter = load_codebook(dir.write("quarter.json", R"({
    "weights": {"weak": 0.5, "weak_repeat": 0.25},
    "themes": [{"id": "da", "name": "DA", "weak": ["volatile"]}]})"));
  REQUIRE(quarter.ok());
  struct Row {
    const Codebook* codebook;
    std::string text;
    double score;
    bool present;
  };
  const std::vector<Row> rows = {
      {&*zero, "A volatile relationship. Volatile again. Still volatile.", 0.5,
       false},
      {&*zero, "A volatile relationship. She went to a refuge.", 1.0, true},
      {&*zero, "A volatile home, a refuge, then another refuge.", 1.0, true},
      // A denied match has not counted, so the next one is the first.
      {&*zero,
       "There was no evidence of a volatile home. Later it was volatile.", 0.5,
       false},
      {&*quarter, "Volatile. Volatile. Volatile.", 1.0, true},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const DocumentThemes tags = tag_text(row.text, *row.codebook);
    CHECK(score_of(tags, "da").score == Catch::Detail::Approx(row.score));
    CHECK(score_of(tags, "da").present == row.present);
  }
  // The repeats are still listed (for --explain), flagged and scored 0.
  const DocumentThemes tags =
      tag_text("Volatile at first. Volatile later.", *zero);
  REQUIRE(tags.hits.size() == 2);
  CHECK_FALSE(tags.hits[0].repeat);
  CHECK(tags.hits[0].score == 0.5);
  CHECK(tags.hits[1].repeat);
  CHECK(tags.hits[1].score == 0.0);
  CHECK(score_of(tags, "da").passages == 1);
}

TEST_CASE("sentences split at full stops but not after titles", "[tagger]") {
  const std::string text = "Mr. Smith met Dr. Jones. Domestic abuse was raised.";
  const DocumentThemes tags = tag_text(text, book());
  REQUIRE(tags.hits.size() == 1);
  CHECK(quote(text, tags.hits[0].begin, tags.hits[0].end) ==
        "Domestic abuse was raised.");
}

TEST_CASE("an empty document has no hits and no theme present", "[tagger]") {
  const DocumentThemes tags = tag_text("", book());
  CHECK(tags.hits.empty());
  CHECK(tags.themes.size() == 4);
  CHECK(present_themes(tags).empty());
}

}  // namespace
}  // namespace caselens::analysis
