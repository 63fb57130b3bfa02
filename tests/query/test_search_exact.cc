// The shortcuts search() takes for speed give the results of the plain way
// of computing them, on a real index of a few hundred tagged reviews:
//   - facets from the packed per-review value (schema::kSlotReviewFacets),
//     read as a value stream, equal counts over every match read from the
//     five facet slots, also when some reviews lack the packed value (an
//     index written by an older version) or hold a broken one;
//   - the best passages of a page, found in one collapsed match, are the
//     ones a match over each review's passages alone ranks first;
//   - a search result's review record, read without its sections and theme
//     evidence, has every other field of the whole record.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "analysis/codebook.h"
#include "corpus/load.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "query/database.h"
#include "query/review.h"
#include "query/search.h"
#include "query/synonyms.h"
#include "tests/support/test_support.h"

namespace {

namespace fs = std::filesystem;
namespace schema = caselens::schema;
using caselens::query::Count;
using caselens::query::SearchRequest;
using caselens::query::SearchResult;
using caselens::query::Synonyms;

constexpr int kReviews = 240;

// Made-up sentences, several of them phrases the codebook tags.
const char* const kSentences[] = {
    "The mother described domestic abuse by her partner and the police "
    "attended twice.",
    "Neglect of the home conditions was noted by the health visitor on a home "
    "visit.",
    "Information sharing between the school and children's social care was "
    "slow.",
    "Hidden men in the household were not identified by agencies during the "
    "assessment.",
    "The baby was found unresponsive after co-sleeping with a parent who had "
    "been drinking.",
    "Professional curiosity about the father's role would have helped "
    "practitioners.",
    "The GP made a referral to mental health services for the mother after the "
    "birth.",
    "Quokkaword alpha was recorded in the chronology by the social worker.",
    "Quokkaword beta was discussed at the strategy meeting with the police.",
    "The child said that she was frightened at home and wanted to stay with "
    "her aunt.",
};
constexpr int kSentenceCount = sizeof kSentences / sizeof kSentences[0];

const char* const kTypes[] = {"serious-case-review",
                              "child-safeguarding-practice-review",
                              "concise-child-practice-review", "rapid-review",
                              "safeguarding-adults-review"};
// Names with characters a packed value must carry through unchanged.
const char* const kPartnerships[] = {
    "Northshire Safeguarding Children Board",
    "St. Helen's & Knowsley Partnership",
    "Cwm Taf Morgannwg Regional Board",
    "Eastport \\\"Together\\\" Partnership",
    "Westvale Safeguarding Children Partnership",
    "Ynys Môn Safeguarding Board",
    "Southborough Children's Partnership"};
const char* const kNations[] = {"England", "Wales", "Scotland"};

// Deterministic pseudo-random bits, so the corpus is the same every run.
unsigned bits(int i, int k) {
  unsigned x = static_cast<unsigned>(i) * 2654435761u +
               static_cast<unsigned>(k) * 40503u + 17u;
  x ^= x >> 13;
  x *= 0x5bd1e995u;
  x ^= x >> 15;
  return x;
}

std::string review_text(int i) {
  std::string text =
      "Review of Child " + std::to_string(i) + "\n\nExecutive Summary\n\n";
  const char* const sections[] = {"Findings", "Recommendations"};
  for (int part = 0; part < 3; ++part) {
    if (part > 0) text += std::string(sections[part - 1]) + "\n\n";
    for (int para = 0; para < 3; ++para) {
      std::string p;
      for (int k = 0; k < kSentenceCount; ++k) {
        if (bits(i, k * 10 + part * 3 + para) % 5 == 0)
          p += std::string(kSentences[k]) + " ";
      }
      if (p.empty())
        p = std::string(kSentences[(i + part + para) % kSentenceCount]) + " ";
      text += p + "\n\n";
    }
  }
  return text;
}

std::string sidecar(int i) {
  std::string s = "{\"type\": \"" + std::string(kTypes[i % 5]) +
                  "\", \"partnership\": \"" + kPartnerships[i % 7] +
                  "\", \"nation\": \"" + kNations[i % 3] + "\"";
  if (i % 11 != 0) {  // some undated reviews: no year facet
    s += ", \"date\": \"" + std::to_string(2010 + i % 13) + "-0" +
         std::to_string(1 + i % 9) + "\"";
  }
  // A title that looks like the members a summary read leaves out.
  if (i % 17 == 0)
    s += R"(, "title": "A \"themes\": [{\"sections\": ]} \\ review")";
  return s + "}";
}

struct Fixture {
  caselens::testing::TempDir dir;
  fs::path db;
  Fixture() : db(dir / "db") {
    for (int i = 0; i < kReviews; ++i) {
      const fs::path p =
          dir.write("in/review-" + std::to_string(i) + ".txt", review_text(i));
      caselens::testing::write_file(caselens::corpus::sidecar_path(p),
                                    sidecar(i));
    }
    auto codebook = caselens::analysis::load_codebook(
        fs::path(CASELENS_DATA_DIR) / "codebook.json");
    REQUIRE(codebook.ok());
    caselens::indexer::IndexOptions options;
    options.codebook = &*codebook;
    options.codebook_fingerprint = "test";
    std::vector<std::string> errors;
    caselens::indexer::IndexCallbacks callbacks;
    callbacks.on_file_error = [&](const caselens::Error& e) {
      errors.push_back(e.message);
    };
    auto stats =
        caselens::indexer::index_paths(db, {dir / "in"}, options, callbacks);
    INFO("errors: " << (errors.empty() ? "" : errors.front()));
    REQUIRE(stats.ok());
    REQUIRE(stats->added == static_cast<std::size_t>(kReviews));
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

Xapian::Database open(const fs::path& path) {
  auto db = caselens::query::open_index(path);
  REQUIRE(db.ok());
  return *db;
}

SearchResult must_search(const Xapian::Database& db, const SearchRequest& r) {
  auto result = caselens::query::search(db, r, Synonyms());
  if (!result.ok()) FAIL("search failed: " << result.error().message);
  return *result;
}

using Facets = std::map<std::string, std::map<std::string, std::size_t>>;

Facets as_map(const std::map<std::string, std::vector<Count>>& facets) {
  Facets out;
  for (const auto& [field, counts] : facets) {
    auto& m = out[field];
    for (const auto& c : counts) m[c.value] = c.count;
  }
  return out;
}

// Every match of the request's documents, its facets counted from the five
// slots one by one: the straightforward way.
Facets facets_by_slots(const Xapian::Database& db, const SearchRequest& r,
                       std::size_t& total) {
  auto query = caselens::query::scope_query(db, r, Synonyms());
  REQUIRE(query.ok());
  Xapian::Enquire enquire(db);
  enquire.set_query(*query);
  const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
  total = all.size();
  const std::pair<const char*, Xapian::valueno> fields[] = {
      {"type", schema::kSlotType},
      {"partnership", schema::kSlotPartnership},
      {"nation", schema::kSlotNation},
      {"year", schema::kSlotYear},
      {"theme", schema::kSlotThemes}};
  Facets out;
  for (const auto& [name, slot] : fields) out[name];
  for (auto it = all.begin(); it != all.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    for (const auto& [name, slot] : fields) {
      for (const auto& v : schema::split_facet_values(doc.get_value(slot)))
        ++out[name][v];
    }
  }
  return out;
}

SearchRequest request(const std::string& q) {
  SearchRequest r;
  r.query = q;
  r.facets = true;
  return r;
}

std::vector<std::pair<std::string, SearchRequest>> facet_requests() {
  std::vector<std::pair<std::string, SearchRequest>> rows = {
      {"everything", request("")},
      {"a phrase", request("\"domestic abuse\"")},
      {"two words", request("quokkaword alpha")},
      {"OR", request("frightened OR unresponsive")},
      {"a rare word", request("strategy AND aunt")},
      {"no match", request("xylophone")},
  };
  SearchRequest filtered = request("mother");
  filtered.from = "2015";
  filtered.nation = "Wales";
  rows.emplace_back("filters", filtered);
  SearchRequest themed = request("");
  themed.themes = {"neglect"};
  rows.emplace_back("a theme filter", themed);
  SearchRequest passages = request("police");
  passages.passages = true;
  rows.emplace_back("passages", passages);
  SearchRequest sorted = request("health");
  sorted.sort = "date";
  sorted.offset = 5;
  rows.emplace_back("sorted, second page", sorted);
  return rows;
}

void check_facets_exact(const fs::path& path) {
  const Xapian::Database db = open(path);
  for (const auto& [what, r] : facet_requests()) {
    INFO(what);
    std::size_t total = 0;
    const Facets expected = facets_by_slots(db, r, total);
    const SearchResult result = must_search(db, r);
    CHECK(result.total == total);
    CHECK(result.total_exact);
    CHECK(as_map(result.facets) == expected);
  }
}

TEST_CASE("Facet counts equal counts over every match, read slot by slot",
          "[search][facets]") {
  const Xapian::Database db = open(fixture().db);
  // The corpus spreads over every field, so the comparison means something.
  const SearchResult all = must_search(db, request(""));
  CHECK(all.total == static_cast<std::size_t>(kReviews));
  CHECK(all.facets.at("type").size() == 5);
  CHECK(all.facets.at("partnership").size() == 7);
  CHECK(all.facets.at("nation").size() == 3);
  CHECK(all.facets.at("year").size() == 13);
  CHECK(all.facets.at("theme").size() >= 4);
  // Every review carries the packed value.
  CHECK(db.get_value_freq(schema::kSlotReviewFacets) ==
        static_cast<Xapian::doccount>(kReviews));
  check_facets_exact(fixture().db);
}

TEST_CASE(
    "Facets stay exact when reviews lack the packed value or hold a broken one",
    "[search][facets]") {
  caselens::testing::TempDir dir;
  const fs::path copy = dir / "db";
  fs::copy(fixture().db, copy, fs::copy_options::recursive);
  {
    Xapian::WritableDatabase w(copy.string(), Xapian::DB_OPEN);
    const std::string kind = schema::term(schema::kKind, schema::kKindReview);
    int n = 0;
    for (auto p = w.postlist_begin(kind); p != w.postlist_end(kind); ++p, ++n) {
      if (n % 3 == 2) continue;
      Xapian::Document doc = w.get_document(*p);
      if (n % 3 == 0) {
        doc.remove_value(
            schema::kSlotReviewFacets);  // as an older version wrote it
      } else {
        doc.add_value(schema::kSlotReviewFacets,
                      std::string("\x7f", 1));  // truncated
      }
      w.replace_document(*p, doc);
    }
    w.commit();
  }
  REQUIRE(open(copy).get_value_freq(schema::kSlotReviewFacets) <
          static_cast<Xapian::doccount>(kReviews));
  check_facets_exact(copy);
}

TEST_CASE("Packed facet values round-trip, and broken ones are refused",
          "[search][facets]") {
  Xapian::Document doc;
  const std::string long_value(300, 'x');  // a length of two bytes
  doc.add_value(schema::kSlotType, "rapid-review");
  doc.add_value(schema::kSlotPartnership, long_value);
  doc.add_value(schema::kSlotThemes,
                schema::join_facet_values({"neglect", "hidden_men"}));
  const std::string packed = schema::pack_facets(doc);
  std::array<std::string_view, schema::kPackedFacetSlots.size()> fields;
  REQUIRE(schema::unpack_facets(packed, fields));
  CHECK(fields[0] == "rapid-review");
  CHECK(fields[1] == long_value);
  CHECK(fields[2].empty());
  CHECK(fields[3].empty());
  CHECK(fields[4] == "neglect\x1fhidden_men");
  for (std::size_t cut = 0; cut < packed.size(); ++cut) {
    CHECK_FALSE(
        schema::unpack_facets(std::string_view(packed).substr(0, cut), fields));
  }
  CHECK_FALSE(schema::unpack_facets(packed + "x", fields));
}

// The passage of `review` a match over its passages alone ranks first: the
// whole query, else any of its terms (as search() did one review at a time).
std::string best_passage_alone(const Xapian::Database& db,
                               const SearchRequest& r,
                               const std::string& review, bool& fell_back) {
  SearchRequest as_passages = r;
  as_passages.passages = true;
  auto passages = caselens::query::scope_query(db, as_passages, Synonyms());
  auto reviews = caselens::query::scope_query(db, r, Synonyms());
  REQUIRE(passages.ok());
  REQUIRE(reviews.ok());
  const Xapian::Query within(schema::term(schema::kReview, review));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, *passages, within));
  Xapian::MSet mset = enquire.get_mset(0, 1);
  fell_back = mset.empty();
  if (fell_back) {
    const std::string review_kind =
        schema::term(schema::kKind, schema::kKindReview);
    std::vector<Xapian::Query> terms;
    for (auto t = reviews->get_unique_terms_begin();
         t != reviews->get_unique_terms_end(); ++t) {
      if (*t != review_kind) terms.emplace_back(*t);
    }
    const Xapian::Query any =
        terms.empty()
            ? Xapian::Query::MatchAll
            : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_FILTER, any,
        Xapian::Query(
            Xapian::Query::OP_AND, within,
            Xapian::Query(schema::term(schema::kKind, schema::kKindPassage)))));
    mset = enquire.get_mset(0, 1);
  }
  if (mset.empty()) return {};
  return caselens::query::passage_from_document(mset.begin().get_document()).id;
}

TEST_CASE(
    "A page's best passages are those each review's own match ranks first",
    "[search][passages]") {
  const Xapian::Database db = open(fixture().db);
  std::size_t fallbacks = 0, hits = 0;
  for (const char* q : {"\"domestic abuse\"", "quokkaword alpha beta",
                        "police AND aunt", "neglect OR curiosity", ""}) {
    SearchRequest r;
    r.query = q;
    r.limit = 25;
    INFO("query " << q);
    const SearchResult result = must_search(db, r);
    REQUIRE_FALSE(result.hits.empty());
    for (const auto& hit : result.hits) {
      INFO("review " << hit.id);
      bool fell_back = false;
      CHECK(hit.passage_id == best_passage_alone(db, r, hit.id, fell_back));
      CHECK_FALSE(hit.snippet.empty());
      fallbacks += fell_back;
      ++hits;
    }
  }
  // Some reviews match only across passages (words in different ones).
  CHECK(fallbacks > 0);
  CHECK(fallbacks < hits);
}

TEST_CASE(
    "A summary review record has every field of the whole one but the big "
    "parts",
    "[search][review]") {
  const Xapian::Database db = open(fixture().db);
  using caselens::query::ReviewParts;
  const std::string kind = schema::term(schema::kKind, schema::kKindReview);
  int odd_titles = 0;
  for (auto p = db.postlist_begin(kind); p != db.postlist_end(kind); ++p) {
    const Xapian::Document doc = db.get_document(*p);
    auto all = caselens::query::review_from_document(doc, ReviewParts::kAll);
    auto summary =
        caselens::query::review_from_document(doc, ReviewParts::kSummary);
    REQUIRE(all.ok());
    REQUIRE(summary.ok());
    INFO("review " << all->id);
    CHECK_FALSE(all->sections.empty());
    CHECK(summary->sections.empty());
    CHECK(summary->theme_evidence.empty());
    odd_titles += all->title.find("\"themes\"") != std::string::npos;
    auto& a = *all;
    a.sections.clear();
    a.theme_evidence.clear();
    const auto& s = *summary;
    CHECK(s.id == a.id);
    CHECK(s.path == a.path);
    CHECK(s.format == a.format);
    CHECK(s.title == a.title);
    CHECK(s.type == a.type);
    CHECK(s.partnership == a.partnership);
    CHECK(s.nation == a.nation);
    CHECK(s.date == a.date);
    CHECK(s.year == a.year);
    CHECK(s.month == a.month);
    CHECK(s.case_name == a.case_name);
    CHECK(s.child_age == a.child_age);
    CHECK(s.extra == a.extra);
    CHECK(s.overridden == a.overridden);
    CHECK(s.passages == a.passages);
    CHECK(s.themes == a.themes);
  }
  CHECK(odd_titles > 0);

  // Stored data that is not a review record is refused either way.
  for (const char* data :
       {"", "[]", "{\"id\": \"x\"", "{\"id\" \"x\"}", "{\"meta\": 3}"}) {
    Xapian::Document doc;
    doc.set_data(data);
    INFO("data " << data);
    CHECK_FALSE(
        caselens::query::review_from_document(doc, ReviewParts::kSummary).ok());
    CHECK_FALSE(
        caselens::query::review_from_document(doc, ReviewParts::kAll).ok());
  }
}

}  // namespace
