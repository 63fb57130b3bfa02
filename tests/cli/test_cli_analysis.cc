// End-to-end tests of the cross-case analysis commands (themes, cooccur,
// trend) through the real binary on a real index of the shared corpus:
// their counts must agree with `search --theme` totals.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <cctype>
#include <map>
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


struct Index {
  TempDir dir;
  std::string db;
  Index() : db((dir / "db").string()) {
    expect_exit(0, {"index", (fs::path(CASELENS_SHARED_DIR) / "corpus").string(), "--db", db});
  }
};

const Index& corpus() {
  static Index index;
  return index;
}

std::uint64_t search_total(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"search", "--db", corpus().db, "--json", "--limit", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  return parse_json(expect_exit(0, args))["total"].GetUint64();
}

TEST_CASE("themes: counts agree with search --theme, shares and intervals are consistent",
          "[analysis]") {
  auto r = parse_json(expect_exit(0, {"themes", "--db", corpus().db, "--json"}));
  CHECK(r["units"].GetUint64() == search_total({}));
  REQUIRE(r["themes"].Size() >= 26);
  for (const auto& t : r["themes"].GetArray()) {
    const std::string id = t["id"].GetString();
    INFO(id);
    CHECK(t["count"].GetUint64() == search_total({"--theme", id}));
    const double share = t["share"].GetDouble();
    CHECK(share == Approx(static_cast<double>(t["count"].GetUint64()) / r["units"].GetUint64()));
    CHECK(t["ci95"][0].GetDouble() <= share);
    CHECK(t["ci95"][1].GetDouble() >= share);
  }
  // A query narrows the scope the same way search does.
  auto narrowed = parse_json(expect_exit(0, {"themes", "--db", corpus().db, "--json", "\"hidden men\""}));
  CHECK(narrowed["units"].GetUint64() == search_total({"\"hidden men\""}));
  auto filtered = parse_json(expect_exit(0, {"themes", "--db", corpus().db, "--json", "--nation", "Wales"}));
  CHECK(filtered["units"].GetUint64() == search_total({"--nation", "Wales"}));
}

TEST_CASE("themes --by: group counts add up and agree with filtered searches", "[analysis]") {
  auto r = parse_json(expect_exit(0, {"themes", "--db", corpus().db, "--by", "nation", "--json"}));
  std::uint64_t units = 0;
  for (const auto& g : r["groups"].GetArray()) {
    units += g["units"].GetUint64();
    CHECK(g["units"].GetUint64() == search_total({"--nation", g["value"].GetString()}));
  }
  CHECK(units == r["units"].GetUint64());
  const auto& groups = r["groups"];
  for (const auto& t : r["themes"].GetArray()) {
    std::uint64_t sum = 0;
    for (rapidjson::SizeType g = 0; g < groups.Size(); ++g) {
      const auto count = t["by_group"][g]["count"].GetUint64();
      sum += count;
      CHECK(count == search_total({"--theme", t["id"].GetString(), "--nation",
                                   groups[g]["value"].GetString()}));
    }
    CHECK(sum == t["count"].GetUint64());
    CHECK(t["chi_square"].HasMember("p_value"));
  }
  expect_exit(1, {"themes", "--db", corpus().db, "--by", "colour"});
}

// The Darlington digest's entries carry the category of the table they were
// read from, which is what a bulletin (and so --by category) puts them in.
TEST_CASE("themes --by category: entries count in the category of their digest table",
          "[analysis]") {
  auto r = parse_json(expect_exit(0, {"themes", "--db", corpus().db, "--by", "category",
                                      "--type", "digest-entry", "--json"}));
  std::map<std::string, std::uint64_t> got;
  for (const auto& g : r["groups"].GetArray()) got[g["value"].GetString()] = g["units"].GetUint64();

  auto entries = parse_json(expect_exit(0, {"search", "--db", corpus().db, "--type", "digest-entry",
                                            "--limit", "1000", "--json"}));
  REQUIRE(entries["results"].Size() >= 64);
  std::map<std::string, std::uint64_t> expected;
  for (const auto& hit : entries["results"].GetArray()) {
    auto show = parse_json(expect_exit(0, {"show", "--db", corpus().db, hit["id"].GetString(), "--json"}));
    REQUIRE(show["extra"].HasMember("category"));
    ++expected[show["extra"]["category"].GetString()];
  }
  CHECK(got == expected);
  CHECK(r["units"].GetUint64() == entries["results"].Size());
  for (const auto& t : r["themes"].GetArray()) {
    std::uint64_t sum = 0;
    for (const auto& g : t["by_group"].GetArray()) sum += g["count"].GetUint64();
    CHECK(sum == t["count"].GetUint64());
  }
  // Every review has one; passages are not grouped this way.
  auto all = parse_json(expect_exit(0, {"themes", "--db", corpus().db, "--by", "category", "--json"}));
  std::uint64_t units = 0;
  for (const auto& g : all["groups"].GetArray()) units += g["units"].GetUint64();
  CHECK(units == search_total({}));
  expect_exit(1, {"themes", "--db", corpus().db, "--by", "category", "--passages"});
}

TEST_CASE("cooccur: joint counts agree with searches for both themes", "[analysis]") {
  auto r = parse_json(expect_exit(0, {"cooccur", "--db", corpus().db, "--themes",
                        "domestic_abuse,hidden_men,neglect", "--json"}));
  REQUIRE(r["themes"].Size() == 3);
  REQUIRE(r["pairs"].Size() == 3);
  for (const auto& p : r["pairs"].GetArray()) {
    const std::string a = p["a"].GetString(), b = p["b"].GetString();
    INFO(a << " & " << b);
    CHECK(p["joint"].GetUint64() == search_total({"--theme", a, "--theme", b}));
    CHECK(p["fisher_p"].GetDouble() >= 0);
    CHECK(p["fisher_p"].GetDouble() <= 1);
    CHECK(p["jaccard"].GetDouble() <= 1);
  }
  // Passage level counts passages.
  auto passages = parse_json(expect_exit(0, {"cooccur", "--db", corpus().db, "--level", "passage", "--themes",
                               "domestic_abuse,hidden_men", "--json"}));
  CHECK(passages["level"] == "passage");
  CHECK(passages["units"].GetUint64() == search_total({"--passages"}));
  CHECK(passages["pairs"][0]["joint"].GetUint64() ==
        search_total({"--passages", "--theme", "domestic_abuse", "--theme", "hidden_men"}));
  expect_exit(1, {"cooccur", "--db", corpus().db, "--level", "chapter"});
  expect_exit(1, {"cooccur", "--db", corpus().db, "--themes", "no_such_theme"});
}

TEST_CASE("trend: counts per year agree with searches, and the test is reported", "[analysis]") {
  auto r = parse_json(expect_exit(0, {"trend", "neglect", "--db", corpus().db, "--json"}));
  const auto& periods = r["periods"];
  REQUIRE(periods.Size() >= 2);
  const auto& theme = r["themes"][0];
  CHECK(theme["id"] == "neglect");
  for (rapidjson::SizeType g = 0; g < periods.Size(); ++g) {
    const std::string year = periods[g]["year"].GetString();
    CHECK(periods[g]["units"].GetUint64() == search_total({"--from", year, "--to", year}));
    CHECK(theme["counts"][g].GetUint64() ==
          search_total({"--theme", "neglect", "--from", year, "--to", year}));
  }
  CHECK(theme["trend"].HasMember("z"));
  // --query narrows the reviews counted, as search does.
  auto narrowed = parse_json(expect_exit(0, {"trend", "neglect", "--query", "\"safe sleep\"",
                                             "--db", corpus().db, "--json"}));
  std::uint64_t units = 0;
  for (const auto& p : narrowed["periods"].GetArray()) units += p["units"].GetUint64();
  const std::uint64_t dated = search_total({"\"safe sleep\"", "--from", "1900", "--to", "2100"});
  CHECK(units == dated);
  CHECK(units < search_total({}));
  expect_exit(1, {"trend", "--db", corpus().db});
  expect_exit(1, {"trend", "no_such_theme", "--db", corpus().db});
}

TEST_CASE("Charts and pages are written with theme names, and CSV has a header", "[analysis]") {
  TempDir dir;
  const std::string svg = (dir / "themes.svg").string();
  const std::string html = (dir / "cooccur.html").string();
  expect_exit(0, {"themes", "--db", corpus().db, "--svg", svg});
  const std::string chart = caselens::testing::read_file(svg);
  CHECK(chart.find("<svg") != std::string::npos);
  CHECK(chart.find("Hidden men") != std::string::npos);
  CHECK(chart.find("</svg>") != std::string::npos);
  expect_exit(0, {"cooccur", "--db", corpus().db, "--html", html});
  const std::string page = caselens::testing::read_file(html);
  CHECK(page.find("<svg") != std::string::npos);
  CHECK(page.find("<table") != std::string::npos);
  CHECK(page.find("Domestic abuse") != std::string::npos);
  auto csv = expect_exit(0, {"themes", "--db", corpus().db, "--csv"});
  CHECK(csv.out.rfind("theme,name,count,units,share,ci95_low,ci95_high", 0) == 0);
  expect_exit(1, {"themes", "--db", corpus().db, "--svg", (dir / "no" / "such" / "dir.svg").string()});
}

TEST_CASE("kwic: every line shows the phrase with its context", "[analysis][kwic]") {
  auto r = parse_json(expect_exit(0, {"kwic", "information sharing", "--db", corpus().db, "--json"}));
  REQUIRE(r["total"].GetUint64() > 0);
  CHECK(r["lines"].Size() == r["total"].GetUint64());
  for (const auto& l : r["lines"].GetArray()) {
    std::string keyword = l["keyword"].GetString();
    for (char& c : keyword) {
      c = c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    // By stem: "information sharing", "information shared", "Information-sharing".
    CHECK(keyword.rfind("information shar", 0) == 0);
    CHECK(std::string(l["passage"].GetString()).rfind(l["review"].GetString(), 0) == 0);
  }
  // Words match by stem: "shared" finds "sharing" as well.
  auto stems = parse_json(expect_exit(0, {"kwic", "shared", "--db", corpus().db, "--json"}));
  bool saw_sharing = false;
  for (const auto& l : stems["lines"].GetArray()) {
    saw_sharing = saw_sharing || std::string(l["keyword"].GetString()) == "sharing";
  }
  CHECK(saw_sharing);
  // Sorted by right context.
  auto sorted = parse_json(
      expect_exit(0, {"kwic", "information sharing", "--db", corpus().db, "--json", "--sort", "right"}));
  std::string previous;
  for (const auto& l : sorted["lines"].GetArray()) {
    std::string right = l["right"].GetString();
    for (char& c : right) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(previous <= right);
    previous = right;
  }
  // A filter narrows the passages searched.
  auto wales = parse_json(expect_exit(0, {"kwic", "information sharing", "--db", corpus().db, "--json",
                            "--nation", "Wales"}));
  CHECK(wales["total"].GetUint64() < r["total"].GetUint64());
  expect_exit(1, {"kwic", "--db", corpus().db});
  expect_exit(1, {"kwic", "neglect", "--db", corpus().db, "--sort", "sideways"});
}

TEST_CASE("terms: distinctive words of the matching reviews", "[analysis][terms]") {
  auto r = parse_json(expect_exit(0, {"terms", "\"hidden men\"", "--db", corpus().db, "--json"}));
  CHECK(r["target_reviews"].GetUint64() == search_total({"\"hidden men\""}));
  CHECK(r["target_reviews"].GetUint64() + r["reference_reviews"].GetUint64() == search_total({}));
  REQUIRE(r["key_terms"].Size() > 0);
  double previous = 1e300;
  for (const auto& k : r["key_terms"].GetArray()) {
    CHECK(k["g2"].GetDouble() <= previous);
    previous = k["g2"].GetDouble();
    CHECK(k["log_ratio"].GetDouble() > 0);  // over-used in the target
    const std::string term = k["term"].GetString();
    CHECK(term.size() >= 3);
    CHECK(term != "the");  // data/stopwords.txt
    CHECK(term != "and");
  }
  CHECK(r["expansion"].Size() > 0);
  expect_exit(1, {"terms", "--db", corpus().db});  // everything matches: nothing to compare
  expect_exit(1, {"terms", "xylophonist", "--db", corpus().db});
}

TEST_CASE("similar: the other reviews, ranked, with shared themes", "[analysis][similar]") {
  const std::string id = "kirklees-child-e-executive-summary-2019";
  auto r = parse_json(expect_exit(0, {"similar", id, "--db", corpus().db, "--json"}));
  // All the other reviews (digest entries included), up to --limit's 10.
  REQUIRE(r["results"].Size() == std::min<std::uint64_t>(search_total({}) - 1, 10));
  auto source = parse_json(expect_exit(0, {"show", id, "--db", corpus().db, "--json"}));
  std::set<std::string> mine;
  for (const auto& t : source["themes"].GetArray()) mine.insert(t.GetString());
  double previous = 2;
  for (const auto& s : r["results"].GetArray()) {
    CHECK(std::string(s["id"].GetString()) != id);
    CHECK(s["score"].GetDouble() <= previous);
    previous = s["score"].GetDouble();
    for (const auto& t : s["shared_themes"].GetArray()) CHECK(mine.count(t.GetString()) == 1);
  }
  expect_exit(1, {"similar", "no-such-review", "--db", corpus().db});
}

TEST_CASE("recommendations: near-identical recommendations of different reviews are grouped",
          "[analysis][recommendations]") {
  TempDir dir;
  dir.write("docs/north-2019.txt",
            "Northshire Safeguarding Children Partnership\n\nSerious Case Review: Child A\n\n"
            "January 2019\n\nBackground\n\nChild A lived with his mother.\n\n"
            "Recommendations\n\n"
            "- Agencies should routinely share information about fathers and male carers with "
            "the MASH.\n"
            "- The partnership should audit the quality of pre-birth assessments.\n");
  dir.write("docs/south-2021.txt",
            "Southshire Safeguarding Children Partnership\n\nSerious Case Review: Child B\n\n"
            "March 2021\n\nBackground\n\nChild B lived with her father.\n\n"
            "Recommendations\n\n"
            "- Agencies must share information on fathers and male carers with the local "
            "MASH.\n"
            "- Schools should record every missed day of attendance on the same system.\n");
  const std::string db = (dir / "db").string();
  expect_exit(0, {"index", (dir / "docs").string(), "--db", db});
  auto r = parse_json(expect_exit(0, {"recommendations", "--db", db, "--json"}));
  CHECK(r["statements"].GetUint64() == 4);
  CHECK(r["groups"].GetUint64() == 3);
  const auto& top = r["results"][0];
  REQUIRE(top["reviews"].Size() == 2);
  CHECK(top["members"].Size() == 2);
  CHECK_THAT(top["representative"]["text"].GetString(), Catch::Contains("male carers"));
  for (const auto& g : r["results"].GetArray()) {
    for (const auto& m : g["members"].GetArray()) {
      CHECK_THAT(m["section"].GetString(), Catch::Contains("Recommendations"));
    }
  }
  // A stricter threshold keeps them apart; a query narrows the statements.
  auto strict = parse_json(expect_exit(0, {"recommendations", "--db", db, "--json", "--threshold", "0.99"}));
  CHECK(strict["groups"].GetUint64() == 4);
  auto narrowed = parse_json(expect_exit(0, {"recommendations", "attendance", "--db", db, "--json"}));
  CHECK(narrowed["statements"].GetUint64() == 1);
  expect_exit(1, {"recommendations", "--db", db, "--threshold", "0"});
}

}  // namespace
