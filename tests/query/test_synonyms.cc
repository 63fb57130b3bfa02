// Synonym expansion of query strings and the query syntax check.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "query/synonyms.h"
#include "tests/support/test_support.h"

namespace {

using caselens::ErrorKind;
using caselens::query::check_query_syntax;
using caselens::query::Synonyms;

constexpr const char* kSynonymsText =
    "# a comment line\n"
    "\n"
    "domestic abuse | domestic violence | DA\n"
    "child protection | CP\n"
    "child protection plan | CPP\n"
    "multi-agency safeguarding hub | MASH   # a trailing comment\n";

const std::string kDomestic =
    "(\"domestic abuse\" OR \"domestic violence\" OR da)";
const std::string kChildProtection = "(\"child protection\" OR cp)";
const std::string kPlan = "(\"child protection plan\" OR cpp)";
const std::string kMash = "(\"multi-agency safeguarding hub\" OR mash)";

Synonyms test_synonyms() {
  auto s = Synonyms::parse(kSynonymsText, "test-synonyms.txt");
  REQUIRE(s.ok());
  return *s;
}

TEST_CASE(
    "Synonyms::parse reads one group per line - skipping comments and blanks",
    "[synonyms]") {
  CHECK(test_synonyms().group_count() == 4);
  auto only_comments = Synonyms::parse("# nothing here\n\n   \n", "x");
  REQUIRE(only_comments.ok());
  CHECK(only_comments->group_count() == 0);
}

TEST_CASE("Synonyms::expand rewrites variants and leaves everything else alone",
          "[synonyms]") {
  const Synonyms synonyms = test_synonyms();
  struct Row {
    std::string query;
    std::string expected;
  };
  const std::vector<Row> rows = {
      // No synonym: unchanged.
      {"", ""},
      {"neglect", "neglect"},
      {"domestic", "domestic"},
      // Any variant of a group, in any case, becomes the whole group.
      {"DA", kDomestic},
      {"da", kDomestic},
      {"Domestic Violence", kDomestic},
      {"DOMESTIC ABUSE", kDomestic},
      {"domestic abuse training", kDomestic + " training"},
      {"neglect   DA", "neglect " + kDomestic},
      {"multi-agency safeguarding hub", kMash},
      {"MASH referral", kMash + " referral"},
      // Longest match wins.
      {"child protection", kChildProtection},
      {"child protection plan", kPlan},
      {"child protection conference", kChildProtection + " conference"},
      {"CPP", kPlan},
      // A quoted phrase is expanded only when it is a whole variant.
      {"\"domestic violence\"", kDomestic},
      {"\"DA\"", kDomestic},
      {"\"domestic violence incidents\"", "\"domestic violence incidents\""},
      // Field prefixes, operators, +/- words, wildcards, ranges: untouched.
      {"title:DA", "title:DA"},
      {"title:\"domestic abuse\"", "title:\"domestic abuse\""},
      {"domestic title:abuse", "domestic title:abuse"},
      {"domestic AND abuse", "domestic AND abuse"},
      {"DA OR neglect", kDomestic + " OR neglect"},
      // NEAR and ADJ take single terms: a bracketed group beside one would
      // make Xapian reparse the whole query as plain words.
      {"DA NEAR/3 neglect", "DA NEAR/3 neglect"},
      {"neglect ADJ DA", "neglect ADJ DA"},
      {"child protection NEAR/2 fathers", "child protection NEAR/2 fathers"},
      {"\"domestic abuse\" NEAR neglect", "\"domestic abuse\" NEAR neglect"},
      {"DA OR neglect NEAR/3 fathers", kDomestic + " OR neglect NEAR/3 fathers"},
      {"+DA", "+DA"},
      {"-DA neglect", "-DA neglect"},
      {"DA*", "DA*"},
      {"2019..2020 DA", "2019..2020 " + kDomestic},
      // A +, - or field prefix keeps binding what follows it: the
      // expanded group, or a phrase left alone.
      {"neglect -\"domestic abuse\"", "neglect -" + kDomestic},
      {"neglect +\"domestic abuse\"", "neglect +" + kDomestic},
      {"title:(domestic abuse)", "title:(" + kDomestic + ")"},
      {"-(DA OR neglect)", "-(" + kDomestic + " OR neglect)"},
      {"title: DA", "title: " + kDomestic},
      // Brackets keep their place.
      {"(DA OR neglect)", "(" + kDomestic + " OR neglect)"},
      {"(child protection)", "(" + kChildProtection + ")"},
  };
  for (const auto& row : rows) {
    INFO("query: " << row.query);
    CHECK(synonyms.expand(row.query) == row.expected);
  }
}

TEST_CASE("Synonyms::variants lists the group of a whole variant",
          "[synonyms]") {
  const Synonyms synonyms = test_synonyms();
  using V = std::vector<std::string>;
  CHECK(synonyms.variants("DA") ==
        V{"domestic abuse", "domestic violence", "da"});
  CHECK(synonyms.variants("Domestic  Violence") ==
        V{"domestic abuse", "domestic violence", "da"});
  CHECK(synonyms.variants("child protection plan") ==
        V{"child protection plan", "cpp"});
  CHECK(synonyms.variants("child protection") == V{"child protection", "cp"});
  CHECK(synonyms.variants("domestic").empty());
  CHECK(synonyms.variants("domestic abuse training").empty());
  CHECK(synonyms.variants("").empty());
}

TEST_CASE("Synonyms::parse rejects a line with fewer than two variants",
          "[synonyms]") {
  struct Row {
    std::string text;
    std::string where;  // expected "file:line" in the message
  };
  const std::vector<Row> rows = {
      {"lonely\n", "syn.txt:1"},
      {"a | b\n# comment\nlonely word\n", "syn.txt:3"},
      {"a | b\nc |   | \n", "syn.txt:2"},
      {" | \n", "syn.txt:1"},
  };
  for (const auto& row : rows) {
    INFO("text: " << row.text);
    auto parsed = Synonyms::parse(row.text, "syn.txt");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().kind == ErrorKind::kUsage);
    CHECK_THAT(parsed.error().message, Catch::Contains(row.where));
  }
}

TEST_CASE("Synonyms::load reports a missing file by name", "[synonyms]") {
  caselens::testing::TempDir dir;
  auto loaded = Synonyms::load(dir / "no-such-synonyms.txt");
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().kind == ErrorKind::kUsage);
  CHECK_THAT(loaded.error().message, Catch::Contains("no-such-synonyms.txt"));

  dir.write("mine.txt", "looked after child | LAC\n");
  auto mine = Synonyms::load(dir / "mine.txt");
  REQUIRE(mine.ok());
  CHECK(mine->expand("LAC") == "(\"looked after child\" OR lac)");
}

TEST_CASE("The shipped data/synonyms.txt loads and expands abbreviations",
          "[synonyms]") {
  auto shipped =
      Synonyms::load(std::string(CASELENS_DATA_DIR) + "/synonyms.txt");
  REQUIRE(shipped.ok());
  // One group per line that is not blank or a comment.
  std::size_t groups = 0;
  for (const auto& line :
       caselens::testing::lines_of(caselens::testing::read_file(
           std::string(CASELENS_DATA_DIR) + "/synonyms.txt"))) {
    const std::string content = line.substr(0, line.find('#'));
    if (content.find_first_not_of(" \t\r") != std::string::npos) ++groups;
  }
  CHECK(groups > 10);
  CHECK(shipped->group_count() == groups);
  const std::string da = shipped->expand("DA");
  CHECK_THAT(da, Catch::Contains("\"domestic violence\""));
  CHECK_THAT(da, Catch::Contains("\"domestic abuse\""));
  CHECK_THAT(shipped->expand("SCR"),
             Catch::Contains("\"serious case review\""));
}

TEST_CASE("check_query_syntax finds unbalanced quotes and brackets",
          "[syntax]") {
  struct Row {
    std::string query;
    bool ok;
    std::string message_part;  // for errors: where the problem is
  };
  const std::vector<Row> rows = {
      {"", true, ""},
      {"hidden men", true, ""},
      {"\"hidden men\"", true, ""},
      {"(a OR b) AND \"c d\"", true, ""},
      {"((a) OR (b))", true, ""},
      {"\"a (b\"", true, ""},  // brackets inside a phrase do not count
      {"\"a ) b\"", true, ""},
      {"\"hidden men", false, "unbalanced quote opened at character 1"},
      {"abuse \"hidden men", false, "unbalanced quote opened at character 7"},
      {"\"a\" \"b", false, "unbalanced quote opened at character 5"},
      {"(a OR b", false, "unclosed '(' (1 missing ')')"},
      {"((a OR b)", false, "unclosed '(' (1 missing ')')"},
      {"((a", false, "unclosed '(' (2 missing ')')"},
      {"a) OR b", false, "unmatched ')' at character 2"},
      {"(a)) OR (b", false, "unmatched ')' at character 4"},
  };
  for (const auto& row : rows) {
    INFO("query: " << row.query);
    auto status = check_query_syntax(row.query);
    REQUIRE(status.ok() == row.ok);
    if (!row.ok) {
      CHECK(status.error().kind == ErrorKind::kQuery);
      CHECK_THAT(status.error().message, Catch::Contains(row.message_part));
      CHECK_THAT(status.error().message,
                 Catch::Contains("'" + row.query + "'"));
    }
  }
}

}  // namespace
