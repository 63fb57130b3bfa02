// End-to-end tests of theme tagging through the real binary: themes in the
// index (filters, facets, sort, show), `caselens tag`, codebook errors and
// `caselens eval-themes`.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "tests/cli/cli_helpers.h"

namespace {

namespace fs = std::filesystem;
using caselens::testing::expect_exit;
using caselens::testing::parse_json;
using caselens::testing::ProcessResult;
using caselens::testing::TempDir;

const fs::path kShared = CASELENS_SHARED_DIR;


bool has_theme(const rapidjson::Value& result, const std::string& theme) {
  for (const auto& t : result["themes"].GetArray()) {
    if (theme == t.GetString()) return true;
  }
  return false;
}

// The shared corpus indexed once for the tests below.
const fs::path& corpus_db() {
  static TempDir dir;
  static const fs::path db = [] {
    expect_exit(0, {"index", (kShared / "corpus").string(), "--db", (dir / "db").string()});
    return dir / "db";
  }();
  return db;
}

TEST_CASE("The theme filter, theme: field and theme facet agree", "[themes]") {
  const std::string db = corpus_db().string();
  auto all = parse_json(expect_exit(0, {"search", "--db", db, "--facets", "--json", "--limit", "100"}));
  REQUIRE(all["facets"].HasMember("theme"));
  const auto& facet = all["facets"]["theme"];
  REQUIRE(facet.Size() > 0);
  for (const char* theme : {"domestic_abuse", "hidden_men", "information_sharing"}) {
    INFO(theme);
    std::size_t facet_count = 0;
    for (const auto& c : facet.GetArray()) {
      if (theme == std::string(c["value"].GetString())) facet_count = c["count"].GetUint64();
    }
    std::size_t tagged = 0;
    for (const auto& r : all["results"].GetArray()) tagged += has_theme(r, theme);
    CHECK(facet_count == tagged);
    CHECK(tagged > 0);

    auto filtered = parse_json(expect_exit(0, {"search", "--db", db, "--theme", theme, "--json"}));
    CHECK(filtered["total"].GetUint64() == tagged);
    for (const auto& r : filtered["results"].GetArray()) CHECK(has_theme(r, theme));
    auto field = parse_json(expect_exit(0, {"search", "--db", db, std::string("theme:") + theme, "--json"}));
    CHECK(field["total"].GetUint64() == tagged);
  }
  // A name works as well as an id.
  auto by_name = parse_json(expect_exit(0, {"search", "--db", db, "--theme", "Hidden men", "--json"}));
  CHECK(by_name["total"].GetUint64() > 0);
}

TEST_CASE("Passages carry the themes hit in them", "[themes]") {
  auto r = parse_json(expect_exit(0, {"search", "--db", corpus_db().string(), "--passages", "--theme",
                        "domestic_abuse", "--json", "--limit", "20"}));
  REQUIRE(r["total"].GetUint64() > 0);
  for (const auto& hit : r["results"].GetArray()) CHECK(has_theme(hit, "domestic_abuse"));
}

TEST_CASE("Unknown themes are errors", "[themes]") {
  const std::string db = corpus_db().string();
  auto bad_option = expect_exit(1, {"search", "--db", db, "--theme", "no_such_theme"});
  CHECK_THAT(bad_option.err, Catch::Contains("no_such_theme"));
  CHECK_THAT(bad_option.err, Catch::Contains("hidden_men"));  // lists the known ones
  auto bad_field = expect_exit(4, {"search", "--db", db, "theme:no_such_theme"});
  CHECK_THAT(bad_field.err, Catch::Contains("no_such_theme"));
  expect_exit(1, {"search", "--db", db, "--sort", "theme:no_such_theme"});
  expect_exit(1, {"search", "--db", db, "--sort", "sideways"});
}

TEST_CASE("Sorting by a theme puts a review with that theme first", "[themes]") {
  auto r = parse_json(expect_exit(0, {"search", "--db", corpus_db().string(), "--sort", "theme:neglect",
                        "--json", "--limit", "1"}));
  REQUIRE(r["results"].Size() == 1);
  CHECK(has_theme(r["results"][0], "neglect"));
}

TEST_CASE("show lists each theme with evidence quoted from the text", "[themes]") {
  auto r = parse_json(expect_exit(0, {"show", "kirklees-child-e-executive-summary-2019", "--db",
                        corpus_db().string(), "--json"}));
  const std::string text =
      caselens::testing::read_file(kShared / "corpus" / "kirklees-child-e-executive-summary-2019.txt");
  REQUIRE(r["theme_evidence"].Size() == r["themes"].Size());
  REQUIRE(r["themes"].Size() > 0);
  for (const auto& t : r["theme_evidence"].GetArray()) {
    INFO(t["id"].GetString());
    REQUIRE(t["evidence"].Size() > 0);
    for (const auto& e : t["evidence"].GetArray()) {
      CHECK(e["begin"].GetUint64() < e["end"].GetUint64());
      CHECK(std::string(e["text"].GetString()).size() == e["end"].GetUint64() - e["begin"].GetUint64());
    }
  }
}

TEST_CASE("caselens tag: present themes with evidence, negated mentions not counted",
          "[themes][tag]") {
  TempDir dir;
  const fs::path present = dir.write(
      "a-present.txt",
      "Background\n\nThe mother disclosed domestic abuse by her partner, and a MARAC "
      "referral was made after he threatened to kill her.\n");
  const fs::path denied = dir.write(
      "b-denied.txt", "Background\n\nThere was no evidence of domestic abuse in the household.\n");
  // Files come out in path order.
  auto r = parse_json(expect_exit(0, {"tag", denied.string(), present.string(), "--json"}));
  REQUIRE(r.IsArray());
  REQUIRE(r.Size() == 2);
  std::set<std::string> present_ids;
  for (const auto& t : r[0]["themes"].GetArray()) {
    present_ids.insert(t["id"].GetString());
    CHECK(t["score"].IsNumber());
    CHECK(t["passages"].GetUint64() >= 1);
    for (const auto& e : t["evidence"].GetArray()) {
      CHECK(e.HasMember("text"));
      CHECK(e.HasMember("section"));
      CHECK(e["begin"].GetUint64() < e["end"].GetUint64());
    }
  }
  CHECK(r[0]["file"].GetString() == present.string());
  CHECK(present_ids.count("domestic_abuse") == 1);
  for (const auto& t : r[1]["themes"].GetArray()) {
    CHECK(std::string(t["id"].GetString()) != "domestic_abuse");
  }
  auto explained = expect_exit(0, {"tag", denied.string(), "--explain"});
  CHECK_THAT(explained.out, Catch::Contains("NEGATED"));
  CHECK_THAT(explained.out, Catch::Contains("no evidence of"));
}

TEST_CASE("caselens tag: a weak phrase said again is shown as a repeat and adds nothing",
          "[themes][tag]") {
  TempDir dir;
  const fs::path file = dir.write(
      "partner.txt",
      "Circumstances\n\nHer partner drove her to the ward. Her partner stayed the night. "
      "Her partner went home in the morning.\n");
  auto r = parse_json(expect_exit(0, {"tag", file.string(), "--json", "--explain"}));
  REQUIRE(r.Size() == 1);
  for (const auto& t : r[0]["themes"].GetArray()) {
    CHECK(std::string(t["id"].GetString()) != "hidden_men");
  }
  int first = 0, repeats = 0;
  for (const auto& h : r[0]["hits"].GetArray()) {
    if (std::string(h["theme"].GetString()) != "hidden_men") continue;
    if (h["repeat"].GetBool()) {
      ++repeats;
      CHECK(h["score"].GetDouble() == 0.0);
    } else {
      ++first;
      CHECK(h["score"].GetDouble() == 0.5);
    }
  }
  CHECK(first == 1);
  CHECK(repeats == 2);
  auto explained = expect_exit(0, {"tag", file.string(), "--explain"});
  CHECK_THAT(explained.out, Catch::Contains("repeat: scores weak_repeat"));
}

TEST_CASE("tag reports unreadable files and goes on", "[themes][tag]") {
  TempDir dir;
  const fs::path good = dir.write("good.txt", "Neglect\n\nThe home conditions were poor.\n");
  const fs::path empty = dir.write("empty.txt", "");
  auto r = expect_exit(2, {"tag", good.string(), empty.string(), "--json"});
  CHECK_THAT(r.err, Catch::Contains("empty.txt"));
  CHECK(parse_json(r).Size() == 1);
}

TEST_CASE("A missing or invalid codebook is a clear error and the index is untouched",
          "[themes][codebook]") {
  TempDir dir;
  const fs::path doc = dir.write("a.txt", "Background\n\nThe school raised concerns.\n");
  const std::string db = (dir / "db").string();
  expect_exit(0, {"index", doc.string(), "--db", db});
  auto before = parse_json(expect_exit(0, {"info", "--db", db, "--json"}))["documents"].GetUint64();

  auto missing = expect_exit(1, {"index", doc.string(), "--db", db, "--codebook", (dir / "nope.json").string()});
  CHECK_THAT(missing.err, Catch::Contains("nope.json"));
  CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);

  const fs::path broken = dir.write("broken.json", "{\n  \"themes\": [\n    {\"id\": }\n  ]\n}\n");
  auto invalid = expect_exit(1, {"index", doc.string(), "--db", db, "--extend", broken.string()});
  CHECK_THAT(invalid.err, Catch::Contains("broken.json:3"));
  expect_exit(1, {"tag", doc.string(), "--codebook", broken.string()});

  CHECK(parse_json(expect_exit(0, {"info", "--db", db, "--json"}))["documents"].GetUint64() == before);
}

TEST_CASE("A changed codebook re-tags every file on the next run", "[themes][codebook]") {
  TempDir dir;
  dir.write("docs/a.txt", "Background\n\nThe family kept zebrafish in the flat.\n");
  dir.write("docs/b.txt", "Background\n\nThe school raised concerns.\n");
  const std::string db = (dir / "db").string();
  const std::string docs = (dir / "docs").string();
  expect_exit(0, {"index", docs, "--db", db});
  auto rerun = parse_json(expect_exit(0, {"index", docs, "--db", db, "--json"}));
  CHECK(rerun["unchanged"].GetUint64() == 2);
  expect_exit(0, {"search", "--db", db, "--theme", "housing_poverty"});

  // An extension adds a phrase to a theme: both files are re-tagged.
  const fs::path extension = dir.write(
      "extra.json",
      "{\"codebook_version\": 1, \"themes\": [{\"id\": \"housing_poverty\", "
      "\"phrases\": [\"zebrafish\"]}]}");
  auto retag = parse_json(expect_exit(0, {"index", docs, "--db", db, "--extend", extension.string(), "--json"}));
  CHECK(retag["updated"].GetUint64() == 2);
  auto found = parse_json(expect_exit(0, {"search", "--db", db, "--theme", "housing_poverty", "--json"}));
  CHECK(found["total"].GetUint64() == 1);
}

TEST_CASE("eval-themes prints per-theme scores and averages", "[themes][eval]") {
  const std::string gold = (kShared / "eval" / "themes-dev.json").string();
  auto table = expect_exit(0, {"eval-themes", gold});
  CHECK_THAT(table.out, Catch::Contains("hidden_men"));
  CHECK_THAT(table.out, Catch::Contains("micro"));
  auto r = parse_json(expect_exit(0, {"eval-themes", gold, "--json"}));
  CHECK(r["units"].GetUint64() == 36);
  CHECK(r["micro"]["f1"].GetDouble() > 0);
  CHECK(r["themes"].Size() >= 26);
  expect_exit(1, {"eval-themes", (kShared / "eval" / "missing.json").string()});
}

}  // namespace
