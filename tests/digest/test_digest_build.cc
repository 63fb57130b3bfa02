// build_digest on a real on-disk index of the fixture reviews (tagged with
// the shipped codebook), and the three renderings of the bulletin.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/codebook.h"
#include "digest/digest.h"
#include "digest/render.h"
#include "indexer/indexer.h"
#include "query/database.h"
#include "tests/digest/digest_fixtures.h"

namespace {

namespace fs = std::filesystem;
using caselens::digest::Bulletin;
using caselens::digest::Bullet;
using caselens::digest::DigestRequest;
using caselens::digest::Entry;
using caselens::testing::TempDir;

struct FixtureIndex {
  TempDir dir;
  fs::path db = dir / "db";
  caselens::digest::RegionMap regions;
  FixtureIndex() {
    caselens::testing::write_fixture_corpus(dir / "corpus");
    auto codebook = caselens::analysis::load_codebook(fs::path(CASELENS_DATA_DIR) / "codebook.json", {});
    if (!codebook.ok()) FAIL(codebook.error().message);
    caselens::indexer::IndexOptions options;
    options.codebook = &*codebook;
    auto stats = caselens::indexer::index_paths(db, {dir / "corpus"}, options, {});
    if (!stats.ok()) FAIL(stats.error().message);
    REQUIRE(stats->failed == 0);
    auto map = caselens::digest::load_regions(fs::path(CASELENS_DATA_DIR) / "regions.json");
    if (!map.ok()) FAIL(map.error().message);
    regions = *map;
  }
};

const FixtureIndex& fixture() {
  static FixtureIndex index;
  return index;
}

DigestRequest q3_request() {
  DigestRequest r;
  r.period = *caselens::digest::parse_period("", "", "2021Q3");
  r.partnership = "Darlington Safeguarding Partnership";
  r.region_map = &fixture().regions;
  r.issue = 5;
  return r;
}

Bulletin build(const DigestRequest& request) {
  auto db = caselens::query::open_index(fixture().db);
  REQUIRE(db.ok());
  auto b = caselens::digest::build_digest(*db, request);
  INFO((b.ok() ? "" : b.error().message));
  REQUIRE(b.ok());
  return *b;
}

// section id -> category -> entry ids
std::map<std::string, std::map<std::string, std::vector<std::string>>> layout(const Bulletin& b) {
  std::map<std::string, std::map<std::string, std::vector<std::string>>> out;
  for (const auto& s : b.sections) {
    for (const auto& t : s.tables) {
      for (const auto& e : t.entries) out[s.id][e.category].push_back(e.id);
    }
  }
  return out;
}

std::vector<const Bullet*> all_bullets(const Bulletin& b) {
  std::vector<const Bullet*> out;
  for (const auto& s : b.sections) {
    for (const auto& t : s.tables) {
      for (const auto& e : t.entries) {
        if (e.case_line) out.push_back(&*e.case_line);
        for (const auto* list : {&e.key_issues, &e.learning, &e.recommendations}) {
          for (const auto& x : *list) out.push_back(&x);
        }
      }
    }
  }
  return out;
}

TEST_CASE("build_digest: the quarter's reviews, placed and categorised", "[digest][build]") {
  const Bulletin b = build(q3_request());
  using Layout = std::map<std::string, std::map<std::string, std::vector<std::string>>>;
  CHECK(layout(b) == Layout{
                         {"local", {{"child-deaths", {"darlington-child-p"}}}},
                         {"regional", {{"neglect", {"sunderland-child-n"}}}},
                         {"thematic-national", {{"exploitation", {"panel-thematic-review"}}}},
                         {"national-children",
                          {{"physical-emotional-abuse", {"leeds-child-k"}},
                           {"sexual-abuse", {"kent-child-s"}}}},
                         {"national-adults", {{"adults", {"norfolk-adult-j"}}}},
                     });
  CHECK(b.reviews == 6);
  CHECK(b.digest_entries == 0);
  CHECK(b.regions == std::vector<std::string>{"North East"});
  CHECK(b.issued.year == 2021);
  CHECK(b.issued.month == 10);
  // The sidecar category that names none is a warning; the rule decided.
  REQUIRE(b.warnings.size() == 1);
  CHECK_THAT(b.warnings[0], Catch::StartsWith("leeds-child-k: category 'nonsense'"));
  CHECK(b.notes.empty());
  // Without a case name, the heading names the review by its title.
  for (const auto& s : b.sections) {
    for (const auto& t : s.tables) {
      for (const auto& e : t.entries) {
        if (e.id == "panel-thematic-review") {
          CHECK(e.heading == "Jul 2021 \u2013 Child Safeguarding Practice Review Panel \u2013 "
                             "Safeguarding children at risk from criminal exploitation");
        }
      }
    }
  }
  CHECK_THAT(b.introduction, Catch::Contains("issue 5") && Catch::Contains("July to September 2021"));
  // Table order follows the category list; sections with nothing say so.
  for (const auto& s : b.sections) {
    if (s.id == "national-children") {
      REQUIRE(s.tables.size() == 2);
      CHECK(s.tables[0].heading == "PHYSICAL AND EMOTIONAL ABUSE");
      CHECK(s.tables[1].heading == "SEXUAL ABUSE");
    }
    CHECK(s.note.empty() == (s.entries() > 0));
  }
}

TEST_CASE("build_digest: entries are filled from their own text", "[digest][build]") {
  const Bulletin b = build(q3_request());
  const Entry* p = nullptr;
  for (const auto& s : b.sections) {
    for (const auto& t : s.tables) {
      for (const auto& e : t.entries) {
        if (e.id == "darlington-child-p") p = &e;
      }
    }
  }
  REQUIRE(p);
  CHECK(p->heading == "Aug 2021 \u2013 Darlington Safeguarding Partnership \u2013 Child P");
  CHECK(p->kind == "review");
  CHECK(p->region == "North East");
  REQUIRE(p->case_line);
  CHECK_THAT(p->case_line->text, Catch::StartsWith("Child P, a 7 month old baby, died"));
  CHECK_THAT(p->category_basis, Catch::StartsWith("the child died"));
  CHECK(p->key_issues.size() == 3);
  CHECK(p->learning.size() == 3);
  CHECK(p->recommendations.size() == 2);
  CHECK(p->link_text == "Read full report");
  CHECK_THAT(p->link, Catch::StartsWith("file:///") && Catch::EndsWith("/darlington-child-p.txt"));
  // Every bullet quotes its passage of the index exactly.
  auto db = caselens::query::open_index(fixture().db);
  REQUIRE(db.ok());
  for (const Bullet* x : all_bullets(b)) {
    auto passages = caselens::query::get_passages(*db, x->source);
    REQUIRE(passages.ok());
    bool found = false;
    for (const auto& q : *passages) {
      if (q.id != x->passage) continue;
      found = true;
      INFO(x->passage << ": " << x->text);
      REQUIRE(q.begin <= x->begin);
      REQUIRE(x->end <= q.end);
      CHECK(q.text.substr(x->begin - q.begin, x->end - x->begin) == x->text);
      CHECK(q.section == x->section);
    }
    CHECK(found);
  }
}

TEST_CASE("build_digest: regions, priority themes and the period", "[digest][build]") {
  DigestRequest wide = q3_request();
  wide.regions = {"North East", "Yorkshire and the Humber"};
  wide.priority_themes = {"neglect"};
  const Bulletin b = build(wide);
  auto l = layout(b);
  CHECK(l["regional"]["neglect"] == std::vector<std::string>{"sunderland-child-n"});
  CHECK(l["regional"]["physical-emotional-abuse"] == std::vector<std::string>{"leeds-child-k"});
  CHECK(b.priority_themes == std::vector<std::string>{"neglect"});
  std::set<std::string> italic;
  for (const auto& s : b.sections) {
    for (const auto& t : s.tables) {
      for (const auto& e : t.entries) {
        if (!e.priority_themes.empty()) {
          italic.insert(e.id);
          CHECK(e.priority_reason == "Priority theme: Neglect");
        }
        const bool neglect = std::find(e.themes.begin(), e.themes.end(), "neglect") != e.themes.end();
        CHECK(neglect == !e.priority_themes.empty());
      }
    }
  }
  CHECK(italic.count("sunderland-child-n") == 1);

  // The whole year: the review dated only "2021" comes in, March too.
  DigestRequest year = q3_request();
  year.period = *caselens::digest::parse_period("2021-01", "2021-12", "");
  const Bulletin y = build(year);
  CHECK(y.reviews == 8);
  // A month with nothing.
  DigestRequest empty = q3_request();
  empty.period = *caselens::digest::parse_period("2019-01", "2019-02", "");
  const Bulletin e = build(empty);
  CHECK(e.reviews == 0);
  CHECK_THAT(e.introduction, Catch::Contains("no entries"));
}

TEST_CASE("build_digest: requests it cannot meet", "[digest][build]") {
  auto db = caselens::query::open_index(fixture().db);
  REQUIRE(db.ok());
  struct Row {
    const char* what;
    DigestRequest request;
    const char* says;
  };
  DigestRequest no_partnership = q3_request();
  no_partnership.partnership = " ";
  DigestRequest bad_region = q3_request();
  bad_region.regions = {"Atlantis"};
  DigestRequest bad_theme = q3_request();
  bad_theme.priority_themes = {"not_a_theme"};
  DigestRequest no_map = q3_request();
  no_map.region_map = nullptr;
  const Row rows[] = {
      {"no partnership", no_partnership, "no partnership"},
      {"unknown region", bad_region, "--region 'Atlantis'"},
      {"unknown theme", bad_theme, "--priority-themes"},
      {"no map", no_map, "regions"},
  };
  for (const auto& r : rows) {
    INFO(r.what);
    auto b = caselens::digest::build_digest(*db, r.request);
    REQUIRE_FALSE(b.ok());
    CHECK(b.error().kind == caselens::ErrorKind::kUsage);
    CHECK_THAT(b.error().message, Catch::Contains(r.says));
  }
  // A partnership outside every region: nothing regional, and a note.
  DigestRequest nowhere = q3_request();
  nowhere.partnership = "Atlantis Safeguarding Partnership";
  const Bulletin b = build(nowhere);
  CHECK(b.regions.empty());
  REQUIRE(b.notes.size() == 1);
  CHECK_THAT(b.notes[0], Catch::Contains("no region is known"));
  CHECK(layout(b).count("regional") == 0);
  CHECK(layout(b).count("local") == 0);
}

std::string html_escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else if (c == '\'') out += "&#39;";
    else out += c;
  }
  return out;
}

std::string markdown_escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::string("|*_`[]\\#").find(c) != std::string::npos) out += '\\';
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

TEST_CASE("render: HTML, Markdown and JSON carry the same entries and bullets", "[digest][render]") {
  DigestRequest request = q3_request();
  request.priority_themes = {"neglect"};
  const Bulletin b = build(request);
  const std::string html = caselens::digest::render_html(b);
  const std::string md = caselens::digest::render_markdown(b);
  const std::string json = caselens::digest::render_json(b);
  const auto bullets = all_bullets(b);
  REQUIRE(bullets.size() > 15);

  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  std::vector<std::string> json_texts;
  std::size_t note = 0;
  for (const auto& s : doc["sections"].GetArray()) {
    for (const auto& t : s["tables"].GetArray()) {
      for (const auto& e : t["entries"].GetArray()) {
        CHECK(html.find(html_escaped(e["heading"].GetString())) != std::string::npos);
        CHECK(md.find(markdown_escaped(e["heading"].GetString())) != std::string::npos);
        std::vector<const rapidjson::Value*> list;
        if (!e["case_line"].IsNull()) list.push_back(&e["case_line"]);
        for (const char* k : {"key_issues", "learning", "recommendations"}) {
          for (const auto& x : e[k].GetArray()) list.push_back(&x);
        }
        for (const auto* x : list) {
          CHECK((*x)["note"].GetUint64() == ++note);  // numbered in order
          json_texts.push_back((*x)["text"].GetString());
        }
      }
    }
  }
  REQUIRE(json_texts.size() == bullets.size());
  for (std::size_t i = 0; i < bullets.size(); ++i) {
    INFO(bullets[i]->text);
    CHECK(json_texts[i] == bullets[i]->text);
    const std::string n = std::to_string(i + 1);
    // HTML: the text with its hover source and note number; the note itself.
    CHECK(html.find(">" + html_escaped(bullets[i]->text)) != std::string::npos);
    CHECK(html.find("<li id=\"note-" + n + "\">" + html_escaped(bullets[i]->passage)) != std::string::npos);
    // Markdown: the text followed by its footnote; the footnote itself.
    CHECK(md.find(markdown_escaped(bullets[i]->text) + (bullets[i]->condensed ? " \u2026" : "") +
                  "[^" + n + "]") != std::string::npos);
    CHECK(md.find("[^" + n + "]: ") != std::string::npos);
  }
  CHECK(count(html, "<sup class=\"n\">") == bullets.size());
  CHECK(count(html, "<tr class=\"entry") == b.reviews);
  // Italics only for the priority entries, with the reason.
  CHECK(count(html, "<tr class=\"entry priority\"") > 0);
  CHECK(count(html, "<tr class=\"entry priority\"") ==
        count(html, "<p class=\"reason\">Priority theme: Neglect</p>"));
  CHECK(count(md, "**Priority theme: Neglect**") ==
        count(html, "<p class=\"reason\">Priority theme: Neglect</p>"));
  // Print layout: A4, bordered fixed tables, words that wrap, page breaks.
  for (const char* css : {"@page { size: A4;", "table-layout: fixed", "border: 1px solid",
                          "overflow-wrap: anywhere", "break-before: page"}) {
    CHECK_THAT(html, Catch::Contains(css));
  }
  CHECK(html.find("<link") == std::string::npos);    // self-contained
  CHECK(html.find("<script") == std::string::npos);
  CHECK(json.back() == '\n');
}

}  // namespace
