// Codebook loading: the shipped file implements themes.md; invalid files
// are reported with file, line and the rule at fault; extensions merge.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/codebook.h"
#include "analysis/tagger.h"
#include "tests/support/test_support.h"

namespace caselens::analysis {
namespace {

const std::filesystem::path kShared = CASELENS_SHARED_DIR;
const std::filesystem::path kData = CASELENS_DATA_DIR;

Codebook shipped() {
  Result<Codebook> codebook = load_codebook(kData / "codebook.json");
  INFO((codebook ? "" : codebook.error().message));
  REQUIRE(codebook.ok());
  return *codebook;
}

// The ids in the first column of themes.md's theme table, in order.
std::vector<std::string> spec_theme_ids() {
  std::ifstream in(kShared / "spec" / "themes.md");
  REQUIRE(in);
  std::vector<std::string> ids;
  const std::regex row(R"(^\| `([a-z_]+)` \| [A-Z])");
  std::string line;
  bool in_themes = true;
  while (std::getline(in, line)) {
    if (line.rfind("## Review categories", 0) == 0) in_themes = false;
    std::smatch m;
    if (in_themes && std::regex_search(line, m, row)) ids.push_back(m[1]);
  }
  return ids;
}

TEST_CASE("the shipped codebook implements every theme of themes.md",
          "[codebook]") {
  const Codebook codebook = shipped();
  const std::vector<std::string> spec = spec_theme_ids();
  REQUIRE(spec.size() == 26);
  std::vector<std::string> ids;
  for (const Theme& theme : codebook.themes()) {
    ids.push_back(theme.id);
    CHECK(!theme.name.empty());
    CHECK(!theme.definition.empty());
  }
  CHECK(ids == spec);
  std::set<std::string> core;
  for (const Theme& theme : codebook.themes()) {
    if (theme.core) core.insert(theme.id);
  }
  CHECK(core == std::set<std::string>{"domestic_abuse", "neglect",
                                      "information_sharing", "hidden_men"});
  CHECK(codebook.theme_index("neglect") == 1);
  CHECK(codebook.theme_index("no_such_theme") == -1);
}

std::string minimal(const std::string& theme_body) {
  return "{\"themes\": [{\"id\": \"t\", \"name\": \"T\", " + theme_body +
         "}]}";
}

TEST_CASE("invalid codebooks name the file, the line and the rule",
          "[codebook]") {
  struct Row {
    std::string json;
    std::string expected;  // a fragment of the message
  };
  const std::vector<Row> rows = {
      {"{\n\"themes\": [\n{\"id\": \"t\",\n\"phrases\": [\"a\",]}]}",
       "book.json:4: invalid JSON"},
      {"[1, 2]", "book.json:1: the codebook must be a JSON object"},
      {"{\"codebook_version\": 1}", "no \"themes\""},
      {"{\"themes\": [],\n \"colour\": 3}",
       "book.json:2: unknown field \"colour\""},
      {"{\"themes\": [\n{\"id\": \"t\", \"name\": \"T\"}]}",
       "book.json:2: theme \"t\": has no rules"},
      {"{\"themes\": [{\"name\": \"T\", \"phrases\": [\"a\"]}]}",
       "a theme has no \"id\""},
      {"{\"themes\": [{\"id\": \"t\", \"phrases\": [\"a\"]}]}",
       "theme \"t\": has no \"name\""},
      {minimal("\"phrases\": \"abuse\""),
       "theme \"t\": \"phrases\" must be a list"},
      {minimal("\"phrases\": [\"a\", 3]"),
       "\"phrases\" must contain only phrases in quotes"},
      {minimal("\"phrases\": [\"--\"]"),
       "theme \"t\": \"phrases\": phrase \"--\" has no words"},
      {minimal("\"weight\": -1, \"phrases\": [\"a\"]"),
       "\"weight\" must be a number greater than 0"},
      {minimal("\"core\": \"yes\", \"phrases\": [\"a\"]"),
       "\"core\" must be true or false"},
      {minimal("\"phrasse\": [\"a\"]"),
       "unknown field \"phrasse\" in theme \"t\""},
      {minimal("\"near\": [{\"all\": [\"a\"], \"within\": 3}]"),
       "near rule 1: \"all\" needs at least two terms"},
      {minimal("\"near\": [{\"all\": [\"a\", \"b\"], \"within\": \"far\"}]"),
       "near rule 1: \"within\" must be a number of words or \"sentence\""},
      {minimal("\"near\": [{\"all\": [\"a\", []]}]"),
       "a term of \"all\" is empty"},
      {minimal("\"phrases\": [\"a\"], \"unless_near\": {\"any\": [\"b\"]}"),
       "\"unless_near\" needs both \"any\" and \"within\""},
      {"{\"negation\": {\"clause_words\": [\"and then\"]}, \"themes\": []}",
       "\"clause_words\": \"and then\" must be one word"},
      {"{\"present\": {\"min_score\": 0}, \"themes\": []}",
       "\"min_score\" must be a number greater than 0"},
      {"{\"weights\": {\"weak_repeat\": -1}, \"themes\": []}",
       "\"weak_repeat\" must be a number of at least 0"},
      {"{\"weights\": {\"weak_repeat\": \"none\"}, \"themes\": []}",
       "\"weak_repeat\" must be a number of at least 0"},
  };
  for (const Row& row : rows) {
    testing::TempDir dir;
    const auto path = dir.write("book.json", row.json);
    Result<Codebook> codebook = load_codebook(path);
    INFO(row.json);
    REQUIRE_FALSE(codebook.ok());
    CHECK(codebook.error().kind == ErrorKind::kUsage);
    CHECK_THAT(codebook.error().message, Catch::Contains(row.expected));
  }
}

TEST_CASE("a missing codebook file is a usage error naming it", "[codebook]") {
  Result<Codebook> codebook = load_codebook("/nonexistent/book.json");
  REQUIRE_FALSE(codebook.ok());
  CHECK(codebook.error().kind == ErrorKind::kUsage);
  CHECK_THAT(codebook.error().message, Catch::Contains("/nonexistent/book.json"));
}

TEST_CASE("duplicate theme ids are rejected", "[codebook]") {
  testing::TempDir dir;
  const auto path = dir.write(
      "book.json",
      R"({"themes": [{"id": "t", "name": "T", "phrases": ["a"]},
                     {"id": "t", "name": "U", "phrases": ["b"]}]})");
  Result<Codebook> codebook = load_codebook(path);
  REQUIRE_FALSE(codebook.ok());
  CHECK_THAT(codebook.error().message, Catch::Contains("defined twice"));
}

bool present(const Codebook& codebook, const std::string& text,
             const std::string& theme) {
  const auto ids = present_themes(tag_text(text, codebook));
  return std::find(ids.begin(), ids.end(), theme) != ids.end();
}

TEST_CASE("an extension adds phrases to a theme and adds new themes",
          "[codebook]") {
  testing::TempDir dir;
  const auto extension = dir.write("extra.json", R"({
    "_comment": "our local additions",
    "themes": [
      {"id": "neglect", "phrases": ["holey socks"]},
      {"id": "online_harm", "name": "Online harm", "phrases": ["TikTok"]}
    ]})");
  Result<Codebook> codebook =
      load_codebook(kData / "codebook.json", {extension});
  INFO((codebook ? "" : codebook.error().message));
  REQUIRE(codebook.ok());
  CHECK(codebook->themes().size() == 27);
  CHECK(codebook->themes().back().id == "online_harm");
  CHECK(present(*codebook, "He wore holey socks to school.", "neglect"));
  CHECK(present(*codebook, "She used TikTok every night.", "online_harm"));
  CHECK_FALSE(present(shipped(), "He wore holey socks.", "neglect"));
}

TEST_CASE("an extension theme without a name is an error", "[codebook]") {
  testing::TempDir dir;
  const auto extension =
      dir.write("extra.json", R"({"themes": [{"id": "new", "phrases": ["x"]}]})");
  Result<Codebook> codebook =
      load_codebook(kData / "codebook.json", {extension});
  REQUIRE_FALSE(codebook.ok());
  CHECK_THAT(codebook.error().message, Catch::Contains("theme \"new\" has no \"name\""));
}

TEST_CASE("phrase words match by stem, exactly, in capitals or by prefix",
          "[codebook]") {
  testing::TempDir dir;
  const auto path = dir.write("book.json", R"({"themes": [
      {"id": "stem", "name": "S", "phrases": ["neglect"]},
      {"id": "exact", "name": "E", "phrases": ["=fathers"]},
      {"id": "caps", "name": "C", "phrases": ["MASH"]},
      {"id": "prefix", "name": "P", "phrases": ["sexual* abuse"]},
      {"id": "multi", "name": "M", "phrases": ["non-accidental injury"]}]})");
  Result<Codebook> codebook = load_codebook(path);
  REQUIRE(codebook.ok());
  struct Row {
    std::string text;
    std::string theme;
    bool expected;
  };
  const std::vector<Row> rows = {
      {"The children were neglected.", "stem", true},
      {"Neglectful parenting.", "stem", true},
      {"Engage the fathers.", "exact", true},
      {"The father was absent.", "exact", false},
      {"The MASH received it.", "caps", true},
      {"They had mash for tea.", "caps", false},
      {"Sexualised abuse was suspected.", "prefix", true},
      {"Sex abuse.", "prefix", false},
      {"A non accidental injury.", "multi", true},
      {"Non-accidental injuries were found.", "multi", true},
      {"It was non-accidental. Injury followed.", "multi", false},
  };
  for (const Row& row : rows) {
    INFO(row.text << " / " << row.theme);
    CHECK(present(*codebook, row.text, row.theme) == row.expected);
  }
}

}  // namespace
}  // namespace caselens::analysis
