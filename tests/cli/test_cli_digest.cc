// End-to-end tests of `caselens digest`: the real binary on real on-disk
// indexes of the shared corpus and of fixture reviews written here.  Every
// bullet of a generated bulletin is traced back to its source, the HTML is
// printed to PDF by headless Chromium and read back with poppler, and bad
// requests get one line on stderr and their exit code.
#include <rapidjson/document.h>

#include <poppler-document.h>
#include <poppler-page.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "corpus/load.h"
#include "tests/cli/cli_helpers.h"
#include "tests/digest/digest_fixtures.h"

namespace {

namespace fs = std::filesystem;
using caselens::testing::expect_exit;
using caselens::testing::lines_of;
using caselens::testing::parse_json;
using caselens::testing::ProcessResult;
using caselens::testing::RunOptions;
using caselens::testing::TempDir;

const fs::path kCorpus = fs::path(CASELENS_SHARED_DIR) / "corpus";

struct Index {
  TempDir dir;
  std::string db;
  explicit Index(const fs::path& corpus) : db((dir / "db").string()) {
    expect_exit(0, {"index", corpus.string(), "--db", db, "-q"});
  }
};

const Index& shared_index() {
  static Index index(kCorpus);
  return index;
}

struct FixtureIndex {
  TempDir corpus;
  Index index;
  FixtureIndex() : index((caselens::testing::write_fixture_corpus(corpus.path()), corpus.path())) {}
};

const FixtureIndex& fixture_index() {
  static FixtureIndex index;
  return index;
}

// The Darlington digest's own choice: its region and its neighbours'.
std::vector<std::string> darlington_args(const std::string& db) {
  return {"digest", "--db", db, "--from", "2012-01", "--to", "2021-12",
          "--partnership", "Darlington Safeguarding Partnership", "--region", "North East",
          "--region", "Yorkshire and the Humber", "--priority-themes",
          "domestic_abuse,hidden_men", "--issue", "4"};
}

std::vector<std::string> plus(std::vector<std::string> args, std::vector<std::string> more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::vector<const rapidjson::Value*> entries_of(const rapidjson::Value& bulletin) {
  std::vector<const rapidjson::Value*> out;
  for (const auto& s : bulletin["sections"].GetArray()) {
    for (const auto& t : s["tables"].GetArray()) {
      for (const auto& e : t["entries"].GetArray()) out.push_back(&e);
    }
  }
  return out;
}

std::vector<const rapidjson::Value*> bullets_of(const rapidjson::Value& entry) {
  std::vector<const rapidjson::Value*> out;
  if (!entry["case_line"].IsNull()) out.push_back(&entry["case_line"]);
  for (const char* k : {"key_issues", "learning", "recommendations"}) {
    for (const auto& b : entry[k].GetArray()) out.push_back(&b);
  }
  return out;
}

// Checks every bullet of a bulletin against its source: the passage that
// `show ID --passages --json` lists, and, for reviews, the normalised text
// of the source file read again.  Returns the number of bullets checked.
std::size_t check_provenance(const rapidjson::Value& bulletin, const std::string& db) {
  std::size_t checked = 0;
  std::map<std::string, rapidjson::Document> shown;
  std::map<std::string, std::string> texts;
  for (const auto* e : entries_of(bulletin)) {
    const std::string id = (*e)["id"].GetString();
    auto& show = shown[id];
    if (show.IsNull()) {
      show = parse_json(expect_exit(0, {"show", id, "--db", db, "--passages", "--json"}));
    }
    if (std::string((*e)["kind"].GetString()) == "review" && !texts.count(id)) {
      auto doc = caselens::corpus::load_document(show["path"].GetString());
      REQUIRE(doc.ok());
      texts[id] = doc->text;
    }
    for (const auto* b : bullets_of(*e)) {
      const std::string text = (*b)["text"].GetString();
      const std::size_t begin = (*b)["begin"].GetUint64();
      const std::size_t end = (*b)["end"].GetUint64();
      INFO(id << " " << (*b)["passage"].GetString() << " [" << begin << ", " << end << "): " << text);
      CHECK(std::string((*b)["source"].GetString()) == id);
      REQUIRE(begin < end);
      CHECK(text.size() == end - begin);
      const rapidjson::Value* passage = nullptr;
      for (const auto& p : show["passage_list"].GetArray()) {
        if (std::string(p["id"].GetString()) == (*b)["passage"].GetString()) passage = &p;
      }
      REQUIRE(passage != nullptr);
      const std::size_t pb = (*passage)["begin"].GetUint64();
      REQUIRE(pb <= begin);
      REQUIRE(end <= (*passage)["end"].GetUint64());
      CHECK(std::string((*passage)["text"].GetString()).substr(begin - pb, end - begin) == text);
      CHECK(std::string((*passage)["section"].GetString()) == (*b)["section"].GetString());
      if (texts.count(id)) {
        REQUIRE(end <= texts[id].size());
        CHECK(texts[id].substr(begin, end - begin) == text);
      }
      ++checked;
    }
  }
  return checked;
}

TEST_CASE("digest over the shared corpus: every bullet traces to its passage", "[digest][e2e]") {
  const std::string db = shared_index().db;
  auto r = parse_json(expect_exit(0, plus(darlington_args(db), {"--format", "json"})));
  // Exactly the period's reviews and digest entries: everything dated from
  // 2012 to 2021 but the research digest itself (nothing here is dated by a
  // year only half inside), less entries that repeat a review.
  auto all = parse_json(expect_exit(0, {"search", "--db", db, "--json", "--limit", "1000",
                                        "--from", "2012", "--to", "2021"}));
  std::set<std::string> expected;
  for (const auto& h : all["results"].GetArray()) {
    if (std::string(h["type"].GetString()) != "research-digest") expected.insert(h["id"].GetString());
  }
  std::set<std::string> got;
  std::size_t reviews = 0;
  for (const auto* e : entries_of(r)) {
    got.insert((*e)["id"].GetString());
    reviews += std::string((*e)["kind"].GetString()) == "review" ? 1 : 0;
  }
  CHECK(std::includes(expected.begin(), expected.end(), got.begin(), got.end()));
  CHECK(got.size() + r["counts"]["duplicates_left_out"].GetUint64() == expected.size());
  CHECK(reviews == 4);
  CHECK(r["counts"]["entries"].GetUint64() == got.size());
  CHECK(r["counts"]["reviews"].GetUint64() == reviews);
  // Every entry has quotations; every one of them is the source's text.
  for (const auto* e : entries_of(r)) {
    INFO((*e)["id"].GetString());
    CHECK_FALSE((*e)["case_line"].IsNull());
    if (std::string((*e)["kind"].GetString()) == "review") {
      CHECK((*e)["key_issues"].Size() > 0);
      CHECK((*e)["learning"].Size() + (*e)["recommendations"].Size() > 0);
    } else {
      CHECK(bullets_of(*e).size() >= 2);
      // An entry quotes the sections its row had: a regional row, and a few
      // national ones, have no learning column.
      auto shown = parse_json(expect_exit(0, {"show", (*e)["id"].GetString(), "--db", db, "--json"}));
      bool has_learning = false;
      for (const auto& s : shown["sections"].GetArray()) {
        const std::string heading = s["heading"].GetString();
        has_learning = has_learning || heading == "Learning" || heading == "Recommendations";
      }
      if (has_learning) CHECK((*e)["learning"].Size() + (*e)["recommendations"].Size() > 0);
    }
  }
  CHECK(check_provenance(r, db) >= 300);
  // The passages as text, for people.
  auto shown = expect_exit(0, {"show", "kirklees-child-e-executive-summary-2019", "--db", db,
                               "--passages"});
  CHECK_THAT(shown.out, Catch::Contains("Passages (id [begin-end] section: text):\n"
                                        "  kirklees-child-e-executive-summary-2019#1 [0-"));
  // Placement of the reviews: Kirklees is in Yorkshire and the Humber, the
  // others national.
  for (const auto* e : entries_of(r)) {
    if (std::string((*e)["kind"].GetString()) != "review") continue;
    const std::string id = (*e)["id"].GetString();
    const std::string section = (*e)["section"].GetString();
    INFO(id);
    if (id == "kirklees-child-e-executive-summary-2019") {
      CHECK(section == "regional");
      CHECK(std::string((*e)["category"].GetString()) == "child-deaths");
    } else {
      CHECK(section == "national-children");
    }
  }
}

TEST_CASE("digest round trip on the Darlington digest: its entries go back to its sections and "
          "categories", "[digest][e2e][roundtrip]") {
  // Darlington's "regional" is the North East and North Yorkshire: a
  // regions file that says so.
  rapidjson::Document shipped;
  shipped.Parse(caselens::testing::read_file(fs::path(CASELENS_DATA_DIR) / "regions.json").c_str());
  REQUIRE(shipped.IsObject());
  std::string areas = "\"North Yorkshire\"";
  for (const auto& region : shipped["regions"].GetArray()) {
    if (std::string(region["name"].GetString()) != "North East") continue;
    for (const auto& a : region["areas"].GetArray()) areas += std::string(", \"") + a.GetString() + "\"";
  }
  TempDir dir;
  const fs::path regions = dir.write("neighbours.json", "{\"regions\": [{\"name\": \"Darlington "
                                                        "neighbours\", \"areas\": [" + areas + "]}]}");
  const std::string db = shared_index().db;
  auto r = parse_json(expect_exit(0, {"digest", "--db", db, "--from", "2021-01", "--to", "2021-12",
                                      "--partnership", "Darlington Safeguarding Partnership",
                                      "--regions", regions.string(), "--json"}));
  auto entries = parse_json(expect_exit(0, {"search", "--db", db, "--json", "--limit", "1000",
                                            "--type", "digest-entry", "--from", "2021",
                                            "--to", "2021"}));
  REQUIRE(entries["total"].GetUint64() >= 60);
  std::size_t checked = 0;
  for (const auto* e : entries_of(r)) {
    if (std::string((*e)["kind"].GetString()) != "digest-entry") continue;
    const std::string id = (*e)["id"].GetString();
    INFO(id << " " << (*e)["heading"].GetString());
    auto show = parse_json(expect_exit(0, {"show", id, "--db", db, "--json"}));
    CHECK(std::string((*e)["section"].GetString()) == show["extra"]["digest_section"].GetString());
    CHECK(std::string((*e)["category"].GetString()) == show["extra"]["category"].GetString());
    ++checked;
  }
  CHECK(checked == entries["total"].GetUint64());
}

TEST_CASE("digest: the same bulletin as HTML, Markdown and JSON, written with -o", "[digest][e2e]") {
  const std::string db = shared_index().db;
  TempDir out;
  const std::string html = (out / "d.html").string();
  const std::string md = (out / "d.md").string();
  auto printed = expect_exit(0, plus(darlington_args(db), {"-o", html}));
  CHECK_THAT(printed.out, Catch::StartsWith(html + ": "));
  CHECK_THAT(printed.out, Catch::Contains("January 2012 to December 2021"));
  expect_exit(0, plus(darlington_args(db), {"--format", "md", "-o", md}));
  auto json = parse_json(expect_exit(0, plus(darlington_args(db), {"--json"})));
  const std::string h = caselens::testing::read_file(html);
  const std::string m = caselens::testing::read_file(md);
  std::size_t bullets = 0;
  for (const auto* e : entries_of(json)) bullets += bullets_of(*e).size();
  auto count = [](const std::string& s, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) ++n;
    return n;
  };
  CHECK(count(h, "<sup class=\"n\">") == bullets);
  CHECK(count(h, "<li id=\"note-") == bullets);
  CHECK(count(m, "]: ") == bullets);  // one footnote per bullet
  CHECK_THAT(h, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(m, Catch::StartsWith("# Lessons Learned Research Digest"));
  // stdout is the bulletin itself without -o.
  auto to_stdout = expect_exit(0, plus(darlington_args(db), {"--format", "md"}));
  CHECK(to_stdout.out == m);
}

std::string without_space(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (!std::isspace(c)) out += static_cast<char>(c);
  }
  return out;
}

// Prints an HTML file to PDF with headless Chromium, as a person would.
void print_to_pdf(const fs::path& html, const fs::path& pdf, const TempDir& profile) {
  const fs::path chromium = "/usr/bin/chromium";
  INFO("chromium is installed by scripts/install-deps.sh");
  REQUIRE(fs::exists(chromium));
  RunOptions options;
  options.kill_after = std::chrono::minutes(3);
  auto r = caselens::testing::run_process(
      {chromium.string(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
       "--no-first-run", "--disable-background-networking", "--disable-component-update",
       "--disable-sync", "--user-data-dir=" + profile.path().string(),
       "--print-to-pdf=" + pdf.string(), "file://" + html.string()},
      options);
  INFO(r.describe());
  REQUIRE(r.exit_code == 0);
  REQUIRE(fs::exists(pdf));
}

TEST_CASE("digest: the HTML printed to PDF by Chromium holds every entry's case", "[digest][e2e][pdf]") {
  for (const bool fixtures : {false, true}) {
    const std::string db = fixtures ? fixture_index().index.db : shared_index().db;
    INFO((fixtures ? "fixture corpus" : "shared corpus"));
    TempDir out;
    TempDir profile;
    const fs::path html = out / "digest.html";
    const fs::path pdf = out / "digest.pdf";
    std::vector<std::string> args =
        fixtures ? std::vector<std::string>{"digest", "--db", db, "--quarter", "2021Q3",
                                            "--partnership", "Darlington Safeguarding Partnership",
                                            "--priority-themes", "neglect"}
                 : darlington_args(db);
    auto json = parse_json(caselens::testing::caselens(plus(args, {"--json"})));
    caselens::testing::caselens(plus(args, {"-o", html.string()}));
    REQUIRE(fs::exists(html));
    print_to_pdf(html, pdf, profile);

    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(pdf.string()));
    REQUIRE(doc);
    REQUIRE(doc->pages() >= 2);
    std::string text;
    for (int i = 0; i < doc->pages(); ++i) {
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      REQUIRE(page);
      // A4 portrait: 210 x 297 mm = 595 x 842 points.
      CHECK(page->page_rect().width() == Approx(595).margin(2));
      CHECK(page->page_rect().height() == Approx(842).margin(2));
      auto bytes = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
      text.append(bytes.begin(), bytes.end());
      text += '\n';
    }
    const std::string flat = without_space(text);
    const auto entries = entries_of(json);
    REQUIRE(entries.size() >= 4);
    for (const auto* e : entries) {
      INFO((*e)["heading"].GetString());
      CHECK(flat.find(without_space((*e)["heading"].GetString())) != std::string::npos);
      REQUIRE_FALSE((*e)["case_line"].IsNull());
      CHECK(flat.find(without_space((*e)["case_line"]["text"].GetString())) != std::string::npos);
    }
    for (const auto& s : json["sections"].GetArray()) {
      CHECK(flat.find(without_space(s["heading"].GetString())) != std::string::npos);
    }
  }
}

TEST_CASE("digest: sidecar categories, and one that names none", "[digest][e2e]") {
  const std::string db = fixture_index().index.db;
  auto r = expect_exit(2, {"digest", "--db", db, "--quarter", "2021Q3", "--partnership",
                           "Darlington Safeguarding Partnership", "--json"});
  const auto errors = lines_of(r.err);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Catch::StartsWith("caselens: leeds-child-k: category 'nonsense'"));
  auto json = parse_json(r);  // the bulletin is still written
  std::map<std::string, std::string> category;
  for (const auto* e : entries_of(json)) category[(*e)["id"].GetString()] = (*e)["category"].GetString();
  CHECK(category["kent-child-s"] == "sexual-abuse");
  CHECK(category["darlington-child-p"] == "child-deaths");
  CHECK(category["norfolk-adult-j"] == "adults");
  CHECK(category.count("durham-child-m-early") == 0);
  CHECK(category.count("gateshead-child-y-yearonly") == 0);
  CHECK(json["warnings"].Size() == 1);
  CHECK(check_provenance(json, db) > 10);
}

TEST_CASE("digest: bad requests get one line on stderr and their exit code", "[digest][e2e]") {
  const std::string db = fixture_index().index.db;
  TempDir dir;
  const std::string bad_regions = dir.write("regions.json", "{\"regions\": 3}").string();
  const std::vector<std::string> ok = {"digest", "--db", db, "--partnership", "Darlington"};
  struct Row {
    std::vector<std::string> args;
    int code;
    const char* says;
  };
  const std::vector<Row> rows = {
      {plus(ok, {"--from", "2021-13", "--to", "2021-12"}), 1, "--from '2021-13'"},
      {plus(ok, {"--from", "2021-06", "--to", "2021-01"}), 1, "is after --to"},
      {plus(ok, {}), 1, "give the period"},
      {plus(ok, {"--quarter", "2021Q9"}), 1, "--quarter '2021Q9'"},
      {plus(ok, {"--quarter", "2021Q3", "--from", "2021-01"}), 1, "cannot be combined"},
      {{"digest", "--db", db, "--quarter", "2021Q3"}, 1, "no --partnership"},
      {plus(ok, {"--quarter", "2021Q3", "--format", "pdf"}), 1, "--format 'pdf'"},
      {plus(ok, {"--quarter", "2021Q3", "--format", "md", "--json"}), 1, "disagree"},
      {plus(ok, {"--quarter", "2021Q3", "--region", "Atlantis"}), 1, "--region 'Atlantis'"},
      {plus(ok, {"--quarter", "2021Q3", "--priority-themes", "nope"}), 1, "--priority-themes"},
      {plus(ok, {"--quarter", "2021Q3", "--regions", bad_regions}), 1, "regions.json"},
      {plus(ok, {"--quarter", "2021Q3", "--regions", (dir / "none.json").string()}), 1,
       "cannot read regions file"},
      {plus(ok, {"--quarter", "2021Q3", "--bogus"}), 1, "bogus"},
      {{"digest", "--db", shared_index().db, "--quarter", "2021Q3", "--partnership", "Darlington",
        "-o", (dir / "no" / "such" / "x.html").string()},
       1, "cannot write"},
      {{"digest", "--db", (dir / "missing.db").string(), "--quarter", "2021Q3",
        "--partnership", "Darlington"},
       3, "missing.db"},
  };
  for (const auto& r : rows) {
    auto p = caselens::testing::caselens(r.args);
    INFO(p.describe());
    CHECK(p.exit_code == r.code);
    CHECK(lines_of(p.err).size() == 1);
    CHECK_THAT(p.err, Catch::Contains(r.says));
    if (r.code != 0) CHECK(p.out.empty());
  }
  auto help = expect_exit(0, {"digest", "--help"});
  for (const char* option : {"--from", "--to", "--quarter", "--partnership", "--region",
                             "--regions", "--priority-themes", "--issue", "--format", "--output",
                             "--db", "Exit codes"}) {
    CHECK_THAT(help.out, Catch::Contains(option));
  }
}

}  // namespace

namespace {

// A small synthetic digest in the shape of a bulletin converted from PDF
// (tab-separated cells, list items in the learning column): the reader
// splits it into entries, and a digest generated from those entries must
// put the same cases in the same category tables.  All names are made up.
const char* const kSyntheticDigest =
    "## **Lessons Learned Research Digest**\n\n"
    "Issue 2 - April 2022\n\n"
    "Welcome to the second edition of the Exampleshire Safeguarding Partnership Research "
    "Digest bulletin.\n\n"
    "## **National Learning - Children**\n\n"
    "PHYSICAL AND EMOTIONAL ABUSE\t\t\n"
    "CASE\tKEY ISSUES\tLEARNING & RECOMMENDATIONS\n"
    "Jan 2022 - Northbridge City Council - Child F Serious injury to a 5-month-old baby in "
    "2020.\tChild F was taken to hospital with bruising. Read full overview (PDF)\tLearning:\n"
    "\t\t- professionals should ask how an injury happened;\n"
    "\t\tRecommendations:\n"
    "\t\t- review the bruising protocol.\n"
    "NEGLECT\t\t\n"
    "CASE\tKEY ISSUES\tLEARNING & RECOMMENDATIONS\n"
    "Feb 2022 - Exampleton City Council - Baby Q Neglect of a 9-month-old baby in 2020.\t"
    "Baby Q was often not brought to appointments. Read full overview (PDF)\tLearning:\n"
    "\t\t- workers should record missed appointments;\n"
    "\t\tRecommendations:\n"
    "\t\t- audit the use of the neglect toolkit.\n"
    "Mar 2022 - Rivermouth Borough Council - Child K Neglect of a 7-year-old boy over several "
    "years.\tChild K lived in poor home conditions. Read full overview (PDF)\tLearning:\n"
    "\t\t- cumulative neglect needs a long view;\n"
    "CHILD DEATHS\t\t\n"
    "CASE\tKEY ISSUES\tLEARNING & RECOMMENDATIONS\n"
    "Jan 2022 - Lowmoor Council - Baby L Death of a 2-month-old boy in 2021.\tBaby L was "
    "found unresponsive after co-sleeping. Read full overview (PDF)\tLearning:\n"
    "\t\t- safe sleep advice should be repeated at every contact;\n"
    "Mar 2022 - Highfield County Council - Child H Death of a 6-year-old girl in 2020.\tChild "
    "H had complex health needs. Read full overview (PDF)\tLearning:\n"
    "\t\t- health plans should be shared between agencies;\n"
    "SEXUAL ABUSE\t\t\n"
    "CASE\tKEY ISSUES\tLEARNING & RECOMMENDATIONS\n"
    "Feb 2022 - Eastport Borough Council - Child S Sexual abuse of a 13-year-old girl.\tChild S "
    "disclosed abuse to a teacher. Read full overview (PDF)\tLearning:\n"
    "\t\t- children need a trusted adult to tell;\n"
    "HOMICIDE\t\t\n"
    "CASE\tKEY ISSUES\tLEARNING & RECOMMENDATIONS\n"
    "Mar 2022 - Westvale Council - Child D Death of a 4-year-old boy who was killed by his "
    "father.\tFather was convicted of murder. Read full overview (PDF)\tLearning:\n"
    "\t\t- risk from a parent's mental illness should be assessed;\n"
    "## **National Learning - Adults**\n\n"
    "ADULT - BEHAVIOURAL/MENTAL HEALTH CONCERNS\t\t\n"
    "CASE\tKEY ISSUES\tLEARNING & RECOMMENDATIONS\n"
    "Feb 2022 - Northbridge Safeguarding Adults Board - 'Alan' Alan was a man in his 50s who "
    "died after a fire.\tAlan had a long history of alcohol dependency. Read full overview "
    "(PDF)\tLearning:\n"
    "\t\t- self-neglect should be considered early;\n";

// Category -> the cases in its table, as "Mon YYYY – partnership – case".
using Tables = std::map<std::string, std::vector<std::string>>;

TEST_CASE("digest round trip: a digest made from a digest's entries has its category tables",
          "[digest][e2e][roundtrip]") {
  TempDir dir;
  caselens::testing::write_file(dir / "corpus" / "exampleshire-digest-2.txt", kSyntheticDigest);
  const std::string db = (dir / "db").string();
  expect_exit(0, {"index", (dir / "corpus").string(), "--db", db, "-q"});
  auto r = expect_exit(0, {"digest", "--db", db, "--quarter", "2022Q1", "--partnership",
                           "Exampleshire Safeguarding Partnership", "--json"});
  auto json = parse_json(r);
  const std::string dash = " \u2013 ";
  const Tables expected = {
      {"physical-emotional-abuse", {"Jan 2022" + dash + "Northbridge City Council" + dash + "Child F"}},
      {"neglect", {"Feb 2022" + dash + "Exampleton City Council" + dash + "Baby Q",
                   "Mar 2022" + dash + "Rivermouth Borough Council" + dash + "Child K"}},
      {"child-deaths", {"Jan 2022" + dash + "Lowmoor Council" + dash + "Baby L",
                        "Mar 2022" + dash + "Highfield County Council" + dash + "Child H"}},
      {"sexual-abuse", {"Feb 2022" + dash + "Eastport Borough Council" + dash + "Child S"}},
      {"homicide", {"Mar 2022" + dash + "Westvale Council" + dash + "Child D"}},
      {"adults", {"Feb 2022" + dash + "Northbridge Safeguarding Adults Board" + dash + "Alan"}},
  };
  Tables got;
  for (const auto& s : json["sections"].GetArray()) {
    const std::string id = s["id"].GetString();
    for (const auto& t : s["tables"].GetArray()) {
      for (const auto& e : t["entries"].GetArray()) {
        CHECK(std::string(e["kind"].GetString()) == "digest-entry");
        CHECK(std::string(e["bulletin"].GetString()) == "exampleshire-digest-2");
        CHECK(std::string(t["category"].GetString()) == e["category"].GetString());
        CHECK((id == "national-children" || id == "national-adults"));
        got[e["category"].GetString()].push_back(e["heading"].GetString());
      }
    }
  }
  CHECK(got == expected);
  CHECK(json["counts"]["digest_entries"].GetUint64() == 8);
  CHECK(json["counts"]["reviews"].GetUint64() == 0);
  // The entries' bullets quote the entries' own text.
  CHECK(check_provenance(json, db) >= 18);
  // The same tables in the HTML, in the same order.
  auto html = expect_exit(0, {"digest", "--db", db, "--quarter", "2022Q1", "--partnership",
                              "Exampleshire Safeguarding Partnership"});
  std::size_t at = 0;
  for (const char* heading : {"PHYSICAL AND EMOTIONAL ABUSE", "NEGLECT", "CHILD DEATHS",
                              "SEXUAL ABUSE", "HOMICIDE", "ADULTS"}) {
    INFO(heading);
    at = html.out.find(std::string("<h3>") + heading + "</h3>", at);
    CHECK(at != std::string::npos);
  }
}

}  // namespace
