// End-to-end tests of the cross-case analysis commands (themes, cooccur,
// trend) through the real binary on a real index of the shared corpus:
// their counts must agree with `search --theme` totals.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace {

namespace fs = std::filesystem;
using caselens::testing::ProcessResult;
using caselens::testing::TempDir;

ProcessResult run(std::vector<std::string> args, int expected) {
  args.insert(args.begin(), CASELENS_BINARY);
  ProcessResult r = caselens::testing::run_process(args);
  INFO(r.describe());
  REQUIRE(r.exit_code == expected);
  return r;
}

rapidjson::Document json_of(const ProcessResult& r) {
  rapidjson::Document doc;
  doc.Parse(r.out.c_str(), r.out.size());
  INFO(r.describe());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

struct Index {
  TempDir dir;
  std::string db;
  Index() : db((dir / "db").string()) {
    run({"index", (fs::path(CASELENS_SHARED_DIR) / "corpus").string(), "--db", db}, 0);
  }
};

const Index& corpus() {
  static Index index;
  return index;
}

std::uint64_t search_total(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"search", "--db", corpus().db, "--json", "--limit", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  return json_of(run(args, 0))["total"].GetUint64();
}

TEST_CASE("themes: counts agree with search --theme, shares and intervals are consistent",
          "[analysis]") {
  auto r = json_of(run({"themes", "--db", corpus().db, "--json"}, 0));
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
  auto narrowed = json_of(run({"themes", "--db", corpus().db, "--json", "\"hidden men\""}, 0));
  CHECK(narrowed["units"].GetUint64() == search_total({"\"hidden men\""}));
  auto filtered = json_of(run({"themes", "--db", corpus().db, "--json", "--nation", "Wales"}, 0));
  CHECK(filtered["units"].GetUint64() == search_total({"--nation", "Wales"}));
}

TEST_CASE("themes --by: group counts add up and agree with filtered searches", "[analysis]") {
  auto r = json_of(run({"themes", "--db", corpus().db, "--by", "nation", "--json"}, 0));
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
  run({"themes", "--db", corpus().db, "--by", "colour"}, 1);
  run({"themes", "--db", corpus().db, "--by", "category"}, 1);
}

TEST_CASE("cooccur: joint counts agree with searches for both themes", "[analysis]") {
  auto r = json_of(run({"cooccur", "--db", corpus().db, "--themes",
                        "domestic_abuse,hidden_men,neglect", "--json"},
                       0));
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
  auto passages = json_of(run({"cooccur", "--db", corpus().db, "--level", "passage", "--themes",
                               "domestic_abuse,hidden_men", "--json"},
                              0));
  CHECK(passages["level"] == "passage");
  CHECK(passages["units"].GetUint64() == search_total({"--passages"}));
  CHECK(passages["pairs"][0]["joint"].GetUint64() ==
        search_total({"--passages", "--theme", "domestic_abuse", "--theme", "hidden_men"}));
  run({"cooccur", "--db", corpus().db, "--level", "chapter"}, 1);
  run({"cooccur", "--db", corpus().db, "--themes", "no_such_theme"}, 1);
}

TEST_CASE("trend: counts per year agree with searches; the test is reported", "[analysis]") {
  auto r = json_of(run({"trend", "neglect", "--db", corpus().db, "--json"}, 0));
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
  run({"trend", "--db", corpus().db}, 1);
  run({"trend", "no_such_theme", "--db", corpus().db}, 1);
}

TEST_CASE("Charts and pages are written with theme names; CSV has a header", "[analysis]") {
  TempDir dir;
  const std::string svg = (dir / "themes.svg").string();
  const std::string html = (dir / "cooccur.html").string();
  run({"themes", "--db", corpus().db, "--svg", svg}, 0);
  const std::string chart = caselens::testing::read_file(svg);
  CHECK(chart.find("<svg") != std::string::npos);
  CHECK(chart.find("Hidden men") != std::string::npos);
  CHECK(chart.find("</svg>") != std::string::npos);
  run({"cooccur", "--db", corpus().db, "--html", html}, 0);
  const std::string page = caselens::testing::read_file(html);
  CHECK(page.find("<svg") != std::string::npos);
  CHECK(page.find("<table") != std::string::npos);
  CHECK(page.find("Domestic abuse") != std::string::npos);
  auto csv = run({"themes", "--db", corpus().db, "--csv"}, 0);
  CHECK(csv.out.rfind("theme,name,count,units,share,ci95_low,ci95_high", 0) == 0);
  run({"themes", "--db", corpus().db, "--svg", (dir / "no" / "such" / "dir.svg").string()}, 1);
}

TEST_CASE("kwic: every line shows the phrase with its context", "[analysis][kwic]") {
  auto r = json_of(run({"kwic", "information sharing", "--db", corpus().db, "--json"}, 0));
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
  auto stems = json_of(run({"kwic", "shared", "--db", corpus().db, "--json"}, 0));
  bool saw_sharing = false;
  for (const auto& l : stems["lines"].GetArray()) {
    saw_sharing = saw_sharing || std::string(l["keyword"].GetString()) == "sharing";
  }
  CHECK(saw_sharing);
  // Sorted by right context.
  auto sorted = json_of(
      run({"kwic", "information sharing", "--db", corpus().db, "--json", "--sort", "right"}, 0));
  std::string previous;
  for (const auto& l : sorted["lines"].GetArray()) {
    std::string right = l["right"].GetString();
    for (char& c : right) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(previous <= right);
    previous = right;
  }
  // A filter narrows the passages searched.
  auto wales = json_of(run({"kwic", "information sharing", "--db", corpus().db, "--json",
                            "--nation", "Wales"},
                           0));
  CHECK(wales["total"].GetUint64() < r["total"].GetUint64());
  run({"kwic", "--db", corpus().db}, 1);
  run({"kwic", "neglect", "--db", corpus().db, "--sort", "sideways"}, 1);
}

TEST_CASE("terms: distinctive words of the matching reviews", "[analysis][terms]") {
  auto r = json_of(run({"terms", "\"hidden men\"", "--db", corpus().db, "--json"}, 0));
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
  run({"terms", "--db", corpus().db}, 1);  // everything matches: nothing to compare
  run({"terms", "xylophonist", "--db", corpus().db}, 1);
}

TEST_CASE("similar: the other reviews, ranked, with shared themes", "[analysis][similar]") {
  const std::string id = "kirklees-child-e-executive-summary-2019";
  auto r = json_of(run({"similar", id, "--db", corpus().db, "--json"}, 0));
  REQUIRE(r["results"].Size() == search_total({}) - 1);
  auto source = json_of(run({"show", id, "--db", corpus().db, "--json"}, 0));
  std::set<std::string> mine;
  for (const auto& t : source["themes"].GetArray()) mine.insert(t.GetString());
  double previous = 2;
  for (const auto& s : r["results"].GetArray()) {
    CHECK(std::string(s["id"].GetString()) != id);
    CHECK(s["score"].GetDouble() <= previous);
    previous = s["score"].GetDouble();
    for (const auto& t : s["shared_themes"].GetArray()) CHECK(mine.count(t.GetString()) == 1);
  }
  run({"similar", "no-such-review", "--db", corpus().db}, 1);
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
  run({"index", (dir / "docs").string(), "--db", db}, 0);
  auto r = json_of(run({"recommendations", "--db", db, "--json"}, 0));
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
  auto strict = json_of(run({"recommendations", "--db", db, "--json", "--threshold", "0.99"}, 0));
  CHECK(strict["groups"].GetUint64() == 4);
  auto narrowed = json_of(run({"recommendations", "attendance", "--db", db, "--json"}, 0));
  CHECK(narrowed["statements"].GetUint64() == 1);
  run({"recommendations", "--db", db, "--threshold", "0"}, 1);
}

}  // namespace
