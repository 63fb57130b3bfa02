// search(), get_review() and summarize() on a small index built at test
// time from synthetic texts and sidecars (metadata fixed by the sidecars, so
// these tests do not depend on metadata extraction).
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "corpus/load.h"
#include "indexer/indexer.h"
#include "query/database.h"
#include "query/review.h"
#include "query/search.h"
#include "query/synonyms.h"
#include "tests/support/test_support.h"

namespace {

namespace fs = std::filesystem;
using caselens::ErrorKind;
using caselens::query::SearchRequest;
using caselens::query::SearchResult;
using caselens::query::Synonyms;

struct FixtureFile {
  const char* name;
  const char* sidecar;
  const char* text;
};

// Five reviews.  Words that tests rely on:
//   "hidden men" as a phrase: scr only; "hidden" and "men" apart: ccpr too.
//   "information sharing": scr, cspr, ccpr, undated (not mar).
//   "domestic violence": scr; "domestic abuse": cspr.
//   "bruising" near "visit": cspr; far apart: scr.
//   zebrafish: cspr (a Recommendations item); zebrawood: mar.
//   neglect: scr, ccpr, mar.
const FixtureFile kFiles[] = {
    {"northshire-scr-2012.txt",
     R"({"type": "serious-case-review", "partnership": "Northshire Safeguarding Children Board",
         "nation": "England", "date": "2012-01", "title": "Serious Case Review: Child P"})",
     "Serious Case Review: Child P\n\n"
     "Executive Summary\n\n"
     "This review considers the circumstances of Child P, who lived with her "
     "mother and a "
     "series of hidden men whose presence was not known to agencies.\n\n"
     "Information sharing between the police and children's social care was "
     "poor, and "
     "domestic violence in the household was not recognised.\n\n"
     "Bruising on the arm of the child was seen by a nursery worker, who did "
     "not know what to "
     "do with the concern and did not tell anyone about it until a much later "
     "health visit.\n\n"
     "The family were also known for neglect of the home and of the children's "
     "basic needs.\n\n"
     "Recommendations\n\n"
     "- Agencies should ask about men in the household at every assessment.\n"
     "- The partnership should audit information sharing at the front door.\n"},
    {"westvale-cspr-2019.txt",
     R"({"type": "child-safeguarding-practice-review",
         "partnership": "Westvale Safeguarding Children Partnership", "nation": "England",
         "date": "2019-10", "title": "Child Safeguarding Practice Review: Child W"})",
     "Child Safeguarding Practice Review: Child W\n\n"
     "Executive Summary\n\n"
     "Child W was an infant whose parents had a history of domestic abuse. "
     "Information "
     "sharing between the midwife and the health visitor was timely.\n\n"
     "Bruising was seen on a home visit and the child was referred for a "
     "medical "
     "examination.\n\n"
     "Recommendations\n\n"
     "- Practitioners should record every zebrafish observation in the child's "
     "file.\n"
     "- Professional curiosity about the father's role should be "
     "encouraged.\n"},
    {"cwm-ccpr-2020.txt",
     R"({"type": "concise-child-practice-review",
         "partnership": "Cwm Taf Regional Safeguarding Board", "nation": "Wales",
         "date": "2020-03", "title": "Concise Child Practice Review: Child C"})",
     "Concise Child Practice Review: Child C\n\n"
     "Executive Summary\n\n"
     "The men in the family were hidden from view when professionals called. "
     "Information "
     "sharing across the regional board was inconsistent.\n\n"
     "Neglect of the children's dental health was a long-standing concern.\n"},
    {"eastport-mar-2021.txt",
     R"({"type": "multi-agency-review", "partnership": "Eastport Safeguarding Partnership",
         "nation": "England", "date": "2021", "title": "Multi-Agency Review: Child T"})",
     "Multi-Agency Review: Child T\n\n"
     "Executive Summary\n\n"
     "Professional curiosity and escalation were missing when the school "
     "raised neglect "
     "concerns. The zebrawood furniture in the flat was noted.\n"},
    {"undated-northshire.txt",
     R"({"type": "serious-case-review", "partnership": "Northshire Safeguarding Children Board",
         "nation": "England", "title": "Serious Case Review: Child U"})",
     "Serious Case Review: Child U\n\n"
     "Executive Summary\n\n"
     "Information sharing failed when the family moved between areas.\n\n"
     "The hidden harm of parental substance misuse was not assessed.\n"},
};

const std::string kScr = "northshire-scr-2012";
const std::string kCspr = "westvale-cspr-2019";
const std::string kCcpr = "cwm-ccpr-2020";
const std::string kMar = "eastport-mar-2021";
const std::string kUndated = "undated-northshire";

// The index, built once for all tests in this file.
struct Fixture {
  caselens::testing::TempDir dir;
  fs::path db;
  Fixture() : db(dir / "db") {
    for (const auto& f : kFiles) {
      const fs::path p = dir.write(std::string("in/") + f.name, f.text);
      caselens::testing::write_file(caselens::corpus::sidecar_path(p),
                                    f.sidecar);
    }
    std::vector<std::string> errors;
    caselens::indexer::IndexCallbacks callbacks;
    callbacks.on_file_error = [&](const caselens::Error& e) {
      errors.push_back(e.message);
    };
    auto stats =
        caselens::indexer::index_paths(db, {dir / "in"}, {}, callbacks);
    INFO("errors: " << (errors.empty() ? "" : errors.front()));
    REQUIRE(stats.ok());
    REQUIRE(stats->added == 5);
    REQUIRE(stats->failed == 0);
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

Xapian::Database open_db() {
  auto db = caselens::query::open_index(fixture().db);
  REQUIRE(db.ok());
  return *db;
}

SearchResult must_search(const SearchRequest& request,
                         const Synonyms& synonyms = {}) {
  auto result = caselens::query::search(open_db(), request, synonyms);
  if (!result.ok()) FAIL("search failed: " << result.error().message);
  return *result;
}

std::set<std::string> ids_of(const SearchResult& r) {
  std::set<std::string> ids;
  for (const auto& h : r.hits) ids.insert(h.id);
  return ids;
}

SearchRequest query(const std::string& q) {
  SearchRequest r;
  r.query = q;
  r.limit = 100;
  return r;
}

TEST_CASE("Queries and filters select the expected reviews", "[search]") {
  struct Row {
    const char* what;
    SearchRequest request;
    std::set<std::string> expected;
  };
  auto with = [](auto change) {
    SearchRequest r = query("");
    change(r);
    return r;
  };
  const std::vector<Row> rows = {
      {"empty query: everything",
       query(""),
       {kScr, kCspr, kCcpr, kMar, kUndated}},
      {"blank query: everything",
       query("   "),
       {kScr, kCspr, kCcpr, kMar, kUndated}},
      {"words (AND)", query("hidden men"), {kScr, kCcpr}},
      {"phrase", query("\"hidden men\""), {kScr}},
      {"two words",
       query("information sharing"),
       {kScr, kCspr, kCcpr, kUndated}},
      {"NOT", query("information sharing NOT neglect"), {kCspr, kUndated}},
      {"pure NOT", query("NOT neglect"), {kCspr, kUndated}},
      {"hate", query("information sharing -neglect"), {kCspr, kUndated}},
      {"OR", query("zebrafish OR zebrawood"), {kCspr, kMar}},
      {"NEAR", query("bruising NEAR/8 visit"), {kCspr}},
      {"wildcard", query("zebra*"), {kCspr, kMar}},
      {"stemming", query("escalate"), {kMar}},
      {"no match", query("xylophone"), {}},
      {"date range in the query", query("2019..2020"), {kCspr, kCcpr}},
      {"month range in the query", query("2019-11..2021"), {kCcpr, kMar}},
      {"open range in the query", query("2020.."), {kCcpr, kMar}},
      {"words and range", query("information 2010..2019"), {kScr, kCspr}},
      {"nation: field", query("nation:wales"), {kCcpr}},
      {"type: field", query("type:serious-case-review"), {kScr, kUndated}},
      {"year: field", query("year:2019"), {kCspr}},
      {"title: field", query("title:concise"), {kCcpr}},
      {"partnership: field", query("partnership:northshire"), {kScr, kUndated}},
      {"--type",
       with([](auto& r) { r.types = {"serious-case-review"}; }),
       {kScr, kUndated}},
      {"--type by name",
       with([](auto& r) { r.types = {"Serious Case Review"}; }),
       {kScr, kUndated}},
      {"--type twice: any",
       with([](auto& r) {
         r.types = {"serious-case-review", "multi-agency-review"};
       }),
       {kScr, kUndated, kMar}},
      {"--nation", with([](auto& r) { r.nation = "Wales"; }), {kCcpr}},
      {"--nation England",
       with([](auto& r) { r.nation = "england"; }),
       {kScr, kCspr, kMar, kUndated}},
      {"--partnership one word",
       with([](auto& r) { r.partnership = "Northshire"; }),
       {kScr, kUndated}},
      {"--partnership phrase",
       with([](auto& r) { r.partnership = "safeguarding children board"; }),
       {kScr, kUndated}},
      {"--partnership other",
       with([](auto& r) { r.partnership = "Cwm Taf"; }),
       {kCcpr}},
      {"--from year",
       with([](auto& r) { r.from = "2019"; }),
       {kCspr, kCcpr, kMar}},
      {"--from month",
       with([](auto& r) { r.from = "2019-11"; }),
       {kCcpr, kMar}},
      {"--to year (undated excluded)",
       with([](auto& r) { r.to = "2019"; }),
       {kScr, kCspr}},
      {"--to month", with([](auto& r) { r.to = "2019-09"; }), {kScr}},
      {"--from and --to",
       with([](auto& r) {
         r.from = "2019";
         r.to = "2020";
       }),
       {kCspr, kCcpr}},
      {"--section",
       with([](auto& r) { r.section = "Recommendations"; }),
       {kScr, kCspr}},
      {"query and filters",
       with([](auto& r) {
         r.query = "information sharing";
         r.types = {"serious-case-review"};
         r.partnership = "Northshire";
       }),
       {kScr, kUndated}},
      {"query and date filter",
       with([](auto& r) {
         r.query = "information sharing";
         r.from = "2012";
         r.to = "2012";
       }),
       {kScr}},
  };
  for (const auto& row : rows) {
    INFO(row.what << ": query '" << row.request.query << "'");
    const SearchResult r = must_search(row.request);
    CHECK(ids_of(r) == row.expected);
    CHECK(r.total == row.expected.size());
    CHECK(r.total_exact);
    CHECK(r.query == row.request.query);
    for (const auto& h : r.hits) CHECK(h.review.id == h.id);
  }
}

TEST_CASE("Synonyms from the file widen a query", "[search]") {
  auto synonyms =
      Synonyms::parse("domestic abuse | domestic violence | DA\n", "test");
  REQUIRE(synonyms.ok());
  CHECK(ids_of(must_search(query("DA"), *synonyms)) ==
        std::set<std::string>{kScr, kCspr});
  CHECK(ids_of(must_search(query("domestic abuse"), *synonyms)) ==
        std::set<std::string>{kScr, kCspr});
  // Excluding a phrase excludes all its variants.
  CHECK(ids_of(must_search(query("information sharing -\"domestic abuse\""),
                           *synonyms)) ==
        std::set<std::string>{kCcpr, kUndated});
  CHECK(ids_of(must_search(query("information sharing -\"domestic abuse\""))) ==
        std::set<std::string>{kScr, kCcpr, kUndated});
  // Without the synonyms, each finds only its own words.
  CHECK(must_search(query("DA")).total == 0);
  CHECK(ids_of(must_search(query("\"domestic abuse\""))) ==
        std::set<std::string>{kCspr});
}

TEST_CASE(
    "The type filter accepts a slug - a name or an abbreviation from the "
    "synonyms file",
    "[search]") {
  auto synonyms = Synonyms::parse(
      "serious case review | SCR\nconcise child practice review | CCPR\n",
      "test");
  REQUIRE(synonyms.ok());
  const std::vector<std::pair<std::string, std::set<std::string>>> rows = {
      {"serious-case-review", {kScr, kUndated}},
      {"Serious Case Review", {kScr, kUndated}},
      {"SCR", {kScr, kUndated}},
      {"scr", {kScr, kUndated}},
      {"ccpr", {kCcpr}},
  };
  for (const auto& [type, expected] : rows) {
    INFO("--type " << type);
    SearchRequest r = query("");
    r.types = {type};
    CHECK(ids_of(must_search(r, *synonyms)) == expected);
  }
  // The type: field of the query resolves the same way.
  CHECK(ids_of(must_search(query("type:scr"), *synonyms)) ==
        std::set<std::string>{kScr, kUndated});
  SearchRequest r = query("");
  r.types = {"serious-case-review", "not a type"};
  auto result = caselens::query::search(open_db(), r, *synonyms);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::kUsage);
  CHECK_THAT(result.error().message, Catch::Contains("--type 'not a type'"));
  // The message lists the known types.
  CHECK_THAT(result.error().message, Catch::Contains("multi-agency-review"));
}

TEST_CASE(
    "Hits carry rank - score - the review record and a highlighted snippet",
    "[search]") {
  SearchRequest r = query("zebrafish");
  SearchResult result = must_search(r);
  REQUIRE(result.hits.size() == 1);
  const auto& hit = result.hits[0];
  CHECK(hit.rank == 1);
  CHECK(hit.score > 0);
  CHECK(hit.review.id == kCspr);
  CHECK(hit.review.type == "child-safeguarding-practice-review");
  CHECK(hit.review.partnership == "Westvale Safeguarding Children Partnership");
  CHECK(hit.review.nation == "England");
  CHECK(hit.review.date == "2019-10");
  CHECK_THAT(hit.passage_id, Catch::StartsWith(kCspr + "#"));
  CHECK(hit.section == "Recommendations");
  CHECK(hit.end > hit.begin);
  CHECK_THAT(hit.snippet, Catch::Contains("[zebrafish]"));
  CHECK(result.did_you_mean.empty());

  r.highlight_start = "<b>";
  r.highlight_end = "</b>";
  result = must_search(r);
  REQUIRE(result.hits.size() == 1);
  CHECK_THAT(result.hits[0].snippet, Catch::Contains("<b>zebrafish</b>"));
  CHECK_THAT(result.hits[0].snippet, !Catch::Contains("[zebrafish]"));

  // A phrase is highlighted in the passage that holds it.
  result = must_search(query("\"hidden men\""));
  REQUIRE(result.hits.size() == 1);
  CHECK_THAT(result.hits[0].snippet, Catch::Contains("[hidden"));
  CHECK_THAT(result.hits[0].snippet, Catch::Contains("men]"));
}

TEST_CASE("Limit and offset page through the results", "[search]") {
  SearchRequest r = query("");
  r.limit = 2;
  r.offset = 1;
  const SearchResult page = must_search(r);
  CHECK(page.total == 5);
  REQUIRE(page.hits.size() == 2);
  CHECK(page.hits[0].rank == 2);
  CHECK(page.hits[1].rank == 3);

  r.limit = 10;
  r.offset = 4;
  CHECK(must_search(r).hits.size() == 1);
  r.offset = 0;
  r.limit = 0;
  const SearchResult none = must_search(r);
  CHECK(none.hits.empty());
  CHECK(none.total == 5);
}

TEST_CASE("Passage mode returns passages with their review", "[search]") {
  SearchRequest r = query("zebrafish");
  r.passages = true;
  SearchResult result = must_search(r);
  REQUIRE(result.total == 1);
  REQUIRE(result.hits.size() == 1);
  const auto& hit = result.hits[0];
  CHECK_THAT(hit.id, Catch::StartsWith(kCspr + "#"));
  CHECK(hit.id == hit.passage_id);
  CHECK(hit.review.id == kCspr);
  CHECK(hit.review.type == "child-safeguarding-practice-review");
  CHECK(hit.section == "Recommendations");
  CHECK_THAT(hit.snippet, Catch::Contains("[zebrafish]"));

  // Passages of one section, across reviews: the two list items of each
  // Recommendations section.
  r = query("");
  r.passages = true;
  r.section = "recommendations";
  result = must_search(r);
  CHECK(result.total == 4);
  std::set<std::string> reviews;
  for (const auto& h : result.hits) {
    CHECK(h.section == "Recommendations");
    reviews.insert(h.review.id);
  }
  CHECK(reviews == std::set<std::string>{kScr, kCspr});

  // Filters apply to passages too.
  r = query("information sharing");
  r.passages = true;
  r.nation = "Wales";
  result = must_search(r);
  REQUIRE(result.total == 1);
  CHECK(result.hits[0].review.id == kCcpr);
}

TEST_CASE("Facets count every match - not only the page shown", "[search]") {
  SearchRequest r = query("information sharing");
  r.facets = true;
  r.limit = 1;
  const SearchResult result = must_search(r);
  CHECK(result.total == 4);
  CHECK(result.hits.size() == 1);
  using caselens::query::Count;
  auto as_pairs = [](const std::vector<Count>& counts) {
    std::vector<std::pair<std::string, std::size_t>> out;
    for (const auto& c : counts) out.emplace_back(c.value, c.count);
    return out;
  };
  using Pairs = std::vector<std::pair<std::string, std::size_t>>;
  REQUIRE(result.facets.count("type") == 1);
  CHECK(as_pairs(result.facets.at("type")) ==
        Pairs{{"serious-case-review", 2},
              {"child-safeguarding-practice-review", 1},
              {"concise-child-practice-review", 1}});
  CHECK(as_pairs(result.facets.at("nation")) ==
        Pairs{{"England", 3}, {"Wales", 1}});
  CHECK(as_pairs(result.facets.at("partnership")) ==
        Pairs{{"Northshire Safeguarding Children Board", 2},
              {"Cwm Taf Regional Safeguarding Board", 1},
              {"Westvale Safeguarding Children Partnership", 1}});
  CHECK(as_pairs(result.facets.at("year")) ==
        Pairs{{"2012", 1}, {"2019", 1}, {"2020", 1}});
  REQUIRE(result.facets.count("theme") == 1);
  CHECK(result.facets.at("theme").empty());

  // Without --facets there are none.
  r.facets = false;
  CHECK(must_search(r).facets.empty());

  // Facets follow the filters.
  r.facets = true;
  r.nation = "England";
  const SearchResult england = must_search(r);
  CHECK(as_pairs(england.facets.at("nation")) == Pairs{{"England", 3}});
}

TEST_CASE("A misspelt word with no match gets a suggestion", "[search]") {
  SearchResult result = must_search(query("neglekt"));
  CHECK(result.total == 0);
  CHECK(result.hits.empty());
  CHECK(result.did_you_mean == "neglect");

  result = must_search(query("neglect"));
  CHECK(result.total == 3);
  CHECK(result.did_you_mean.empty());
}

TEST_CASE("Bad queries and filter values are errors of the right kind",
          "[search]") {
  struct Row {
    SearchRequest request;
    ErrorKind kind;
    std::string message_part;
  };
  auto with = [](auto change) {
    SearchRequest r = query("neglect");
    change(r);
    return r;
  };
  const std::vector<Row> rows = {
      {query("\"hidden men"), ErrorKind::kQuery, "'\"hidden men'"},
      {query("(neglect OR abuse"), ErrorKind::kQuery, "'(neglect OR abuse'"},
      {query("neglect) OR abuse"), ErrorKind::kQuery, "unmatched ')'"},
      {query("type:nonsense neglect"), ErrorKind::kQuery,
       "type:nonsense: unknown review type"},
      {with([](auto& r) { r.from = "201"; }), ErrorKind::kUsage,
       "--from '201'"},
      {with([](auto& r) { r.from = "2019-13"; }), ErrorKind::kUsage,
       "--from '2019-13'"},
      {with([](auto& r) { r.to = "last year"; }), ErrorKind::kUsage,
       "--to 'last year'"},
  };
  for (const auto& row : rows) {
    INFO("query '" << row.request.query << "' from '" << row.request.from
                   << "' to '" << row.request.to << "'");
    auto result = caselens::query::search(open_db(), row.request, Synonyms());
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == row.kind);
    CHECK_THAT(result.error().message, Catch::Contains(row.message_part));
  }
}

TEST_CASE("get_review returns the stored record", "[review]") {
  const Xapian::Database db = open_db();
  auto review = caselens::query::get_review(db, kCcpr);
  REQUIRE(review.ok());
  CHECK(review->id == kCcpr);
  CHECK(review->title == "Concise Child Practice Review: Child C");
  CHECK(review->type == "concise-child-practice-review");
  CHECK(review->partnership == "Cwm Taf Regional Safeguarding Board");
  CHECK(review->nation == "Wales");
  CHECK(review->date == "2020-03");
  CHECK(review->year == 2020);
  CHECK(review->month == 3);
  CHECK(review->format == "txt");
  CHECK(fs::path(review->path).filename() == "cwm-ccpr-2020.txt");
  for (const char* field : {"type", "nation", "partnership", "title"}) {
    INFO("field " << field);
    CHECK(std::count(review->overridden.begin(), review->overridden.end(),
                     field) == 1);
  }
  CHECK(review->passages >= 2);
  std::size_t section_passages = 0;
  for (const auto& s : review->sections) {
    section_passages += s.passages;
    CHECK(s.end >= s.begin);
  }
  CHECK(section_passages == review->passages);
  CHECK(review->themes.empty());

  auto undated = caselens::query::get_review(db, kUndated);
  REQUIRE(undated.ok());
  CHECK(undated->date.empty());
  CHECK(undated->year == 0);

  auto missing = caselens::query::get_review(db, "no-such-review");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::kUsage);
  CHECK_THAT(missing.error().message, Catch::Contains("no-such-review"));
  // A passage id is not a review id.
  CHECK_FALSE(caselens::query::get_review(db, kCcpr + "#1").ok());
}

TEST_CASE("summarize counts documents - dates and reviews by field",
          "[review]") {
  auto summary = caselens::query::summarize(open_db());
  REQUIRE(summary.ok());
  CHECK(summary->reviews == 5);
  CHECK(summary->passages > 10);
  CHECK(summary->documents == summary->reviews + summary->passages);
  CHECK(summary->first_date == "2012-01");
  CHECK(summary->last_date == "2021");
  const auto& types = summary->by_field.at("type");
  REQUIRE(types.size() == 4);
  CHECK(types[0].value == "serious-case-review");
  CHECK(types[0].count == 2);
  const auto& nations = summary->by_field.at("nation");
  REQUIRE(nations.size() == 2);
  CHECK(nations[0].value == "England");
  CHECK(nations[0].count == 4);
  CHECK(nations[1].value == "Wales");
  CHECK(nations[1].count == 1);
}

TEST_CASE("open_index refuses what is not a caselens index", "[database]") {
  caselens::testing::TempDir dir;
  struct Row {
    fs::path path;
    std::string message_part;
  };
  dir.write("folder/notes.txt", "hello");
  dir.write("plain-file", "hello");
  {
    Xapian::WritableDatabase other((dir / "other.db").string(),
                                   Xapian::DB_CREATE);
    other.add_document(Xapian::Document());
    other.commit();
  }
  const std::vector<Row> rows = {
      {dir / "missing", "no index here"},
      {dir / "folder", "not a caselens index"},
      {dir / "plain-file", "not a caselens index"},
      {dir / "other.db", "not a caselens index"},
  };
  for (const auto& row : rows) {
    INFO("path " << row.path);
    auto db = caselens::query::open_index(row.path);
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().kind == ErrorKind::kDatabase);
    CHECK_THAT(db.error().message, Catch::Contains(row.path.string()));
    CHECK_THAT(db.error().message, Catch::Contains(row.message_part));
  }
  CHECK(caselens::query::open_index(fixture().db).ok());
}

TEST_CASE("resolve_db_path prefers --db - then CASELENS_DB", "[database]") {
  CHECK(caselens::query::resolve_db_path("given.db") == fs::path("given.db"));
  ::setenv("CASELENS_DB", "/from/env.db", 1);
  CHECK(caselens::query::resolve_db_path("") == fs::path("/from/env.db"));
  CHECK(caselens::query::resolve_db_path("given.db") == fs::path("given.db"));
  ::unsetenv("CASELENS_DB");
  CHECK(caselens::query::resolve_db_path("") == fs::path("caselens.db"));
}

}  // namespace
