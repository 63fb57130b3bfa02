#include "query/search.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <memory>
#include <string_view>
#include <unordered_map>

#include <rapidjson/document.h>

#include "corpus/metadata.h"
#include "corpus/slug.h"
#include "indexer/schema.h"
#include "query/themes.h"

namespace caselens::query {
namespace {

// The facet fields, in schema::kPackedFacetSlots order.
constexpr std::array<const char*, schema::kPackedFacetSlots.size()> kFacetNames = {
    "type", "partnership", "nation", "year", "theme"};

// Facet counts by field: each value of a slot's facet value list counted
// once per document.
class FacetTally {
 public:
  void add(std::size_t field, std::string_view list, std::size_t n = 1) {
    schema::for_each_facet_value(list, [&](std::string_view v) {
      auto& counts = counts_[field];
      auto it = counts.find(v);
      if (it == counts.end()) it = counts.emplace(std::string(v), 0).first;
      it->second += n;
    });
  }
  void add_slots(const Xapian::Document& doc) {
    for (std::size_t f = 0; f < kFacetNames.size(); ++f) {
      add(f, doc.get_value(schema::kPackedFacetSlots[f]));
    }
  }
  std::map<std::string, std::vector<Count>> sorted() const {
    std::map<std::string, std::vector<Count>> out;
    for (std::size_t f = 0; f < kFacetNames.size(); ++f) {
      auto& list = out[kFacetNames[f]];
      for (const auto& [value, n] : counts_[f]) list.push_back({value, n});
      std::sort(list.begin(), list.end(), [](const Count& a, const Count& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
      });
    }
    return out;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::array<std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>,
             kFacetNames.size()>
      counts_;
};

// Counts the facets of matching reviews from schema::kSlotReviewFacets: one
// value per review, from a slot that reviews alone hold.  On a single
// database it is read as a value stream: the matcher hands documents over in
// ascending id order, so the stream is read through once instead of looked
// up per document (a document met out of order restarts it).  Over several
// databases the document handed over is its shard's, with the shard's
// document id, so the value is looked up in the document.  A review without
// the packed value (indexed by an older version) is read from the separate
// slots, so counts stay exact.
class ReviewFacetSpy : public Xapian::MatchSpy {
 public:
  ReviewFacetSpy(const Xapian::Database& db, FacetTally& tally)
      : db_(db), tally_(tally), stream_(db.size() == 1) {
    if (stream_) values_ = db.valuestream_begin(schema::kSlotReviewFacets);
  }
  void operator()(const Xapian::Document& doc, double) override {
    std::string packed;
    if (stream_) {
      const Xapian::docid did = doc.get_docid();
      if (did < last_) values_ = db_.valuestream_begin(schema::kSlotReviewFacets);
      last_ = did;
      if (values_ != end_) values_.skip_to(did);
      if (values_ != end_ && values_.get_docid() == did) packed = *values_;
    } else {
      packed = doc.get_value(schema::kSlotReviewFacets);
    }
    std::array<std::string_view, kFacetNames.size()> fields;
    if (packed.empty() || !schema::unpack_facets(packed, fields)) {
      tally_.add_slots(doc);
      return;
    }
    for (std::size_t f = 0; f < fields.size(); ++f) tally_.add(f, fields[f]);
  }
  // No clone() or name(): a remote shard cannot run this spy, so Xapian
  // refuses it there and run() counts with its own spies instead.

 private:
  const Xapian::Database& db_;
  FacetTally& tally_;
  const bool stream_;
  Xapian::ValueIterator values_;
  const Xapian::ValueIterator end_;
  Xapian::docid last_ = 0;
};

// Facet counts with Xapian's ValueCountMatchSpy, one per slot: slower (five
// value lookups per document), but it runs on a remote shard too.
class SlotFacetSpies {
 public:
  SlotFacetSpies() {
    for (std::size_t f = 0; f < kFacetNames.size(); ++f) {
      spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(schema::kPackedFacetSlots[f]));
    }
  }
  void attach(Xapian::Enquire& enquire) {
    for (auto& spy : spies_) enquire.add_matchspy(spy.get());
  }
  // Each distinct slot value's count goes to every value in its list.
  void tally(FacetTally& out) const {
    for (std::size_t f = 0; f < spies_.size(); ++f) {
      for (auto it = spies_[f]->values_begin(); it != spies_[f]->values_end(); ++it) {
        out.add(f, *it, it.get_termfreq());
      }
    }
  }

 private:
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;
};

// "YYYY" or "YYYY-MM" -> the "YYYYMM" bound of the date slot; the month of a
// bare year is 00 for a lower bound and 12 for an upper one.  Empty when the
// text is not a date.
std::string date_bound(const std::string& text, bool upper) {
  auto digits = [&](std::size_t from, std::size_t n) {
    if (text.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
  };
  if (text.size() == 4 && digits(0, 4)) return text + (upper ? "12" : "00");
  if (text.size() == 7 && digits(0, 4) && text[4] == '-' && digits(5, 2)) {
    const int month = std::stoi(text.substr(5));
    if (month >= 1 && month <= 12) return text.substr(0, 4) + text.substr(5);
  }
  return {};
}

// Date ranges in the query string: 2019..2021, 2019-03..2020-06, 2019..
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  DateRangeProcessor() : Xapian::RangeProcessor(schema::kSlotDate) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    const std::string lo = begin.empty() ? "000000" : date_bound(begin, false);
    const std::string hi = end.empty() ? "999999" : date_bound(end, true);
    if (lo.empty() || hi.empty()) return Xapian::Query(Xapian::Query::OP_INVALID);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
  }
};

// A review type as users write it: its slug, its name, or an abbreviation
// that the synonyms file links to its name ("scr", "CSPR").
Result<std::string> resolve_type(const std::string& input, const Synonyms& synonyms) {
  std::vector<std::string> candidates = synonyms.variants(input);
  candidates.insert(candidates.begin(), input);
  for (const auto& candidate : candidates) {
    const std::string slug = corpus::slugify(candidate);
    for (const auto& type : corpus::review_types()) {
      if (slug == type.slug || slug == corpus::slugify(type.name)) return std::string(type.slug);
    }
  }
  std::string known;
  for (const auto& type : corpus::review_types()) {
    known += (known.empty() ? "" : ", ") + std::string(type.slug);
  }
  return Error{ErrorKind::kUsage, "--type '" + input + "': unknown review type (known: " +
                                      known + ")"};
}

// Boolean fields whose values users type freely ("nation:Wales",
// "type:serious case review" in a phrase): matched by slug.
class SlugField : public Xapian::FieldProcessor {
 public:
  explicit SlugField(std::string_view prefix) : prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(prefix_ + corpus::slugify(value));
  }

 private:
  std::string prefix_;
};

// The first unknown field value met while parsing, shared by the field
// processors of one parser.  They report through it rather than by
// throwing, because Xapian 1.4's parser leaks when a field processor throws.
using FieldErrors = std::shared_ptr<std::string>;

// "type:scr", "type:serious-case-review": resolved like --type; an unknown
// type is a query error rather than a silent empty result.
class TypeField : public Xapian::FieldProcessor {
 public:
  TypeField(const Synonyms& synonyms, FieldErrors errors)
      : synonyms_(synonyms), errors_(std::move(errors)) {}
  Xapian::Query operator()(const std::string& value) override {
    auto slug = resolve_type(value, synonyms_);
    if (!slug.ok()) {
      if (errors_->empty()) *errors_ = "type:" + value + ": unknown review type";
      return Xapian::Query::MatchNothing;
    }
    return Xapian::Query(schema::term(schema::kType, *slug));
  }

 private:
  const Synonyms& synonyms_;
  FieldErrors errors_;
};

// "theme:hidden_men", "theme:hidden-men": resolved against the index's
// themes; an unknown theme is a query error.
class ThemeField : public Xapian::FieldProcessor {
 public:
  ThemeField(const std::vector<IndexTheme>& themes, FieldErrors errors)
      : themes_(themes), errors_(std::move(errors)) {}
  Xapian::Query operator()(const std::string& value) override {
    auto theme = resolve_theme(themes_, value);
    if (!theme.ok()) {
      if (errors_->empty()) *errors_ = theme.error().message;
      return Xapian::Query::MatchNothing;
    }
    return Xapian::Query(schema::term(schema::kTheme, theme->id));
  }

 private:
  const std::vector<IndexTheme>& themes_;
  FieldErrors errors_;
};

Xapian::QueryParser make_parser(const Xapian::Database& db, const Synonyms& synonyms,
                                const std::vector<IndexTheme>& themes,
                                const FieldErrors& errors) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("title", std::string(schema::kTitle));
  qp.add_prefix("partnership", std::string(schema::kPartnership));
  qp.add_prefix("section", std::string(schema::kSection));
  qp.add_prefix("case", std::string(schema::kCase));
  qp.add_boolean_prefix("type", (new TypeField(synonyms, errors))->release());
  qp.add_boolean_prefix("nation", (new SlugField(schema::kNation))->release());
  qp.add_boolean_prefix("theme", (new ThemeField(themes, errors))->release());
  qp.add_boolean_prefix("year", std::string(schema::kYear));
  qp.add_rangeprocessor((new DateRangeProcessor())->release());
  return qp;
}

constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                 Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PURE_NOT;
// Spelling correction looks words up in the spelling table, and its
// correction is wanted only when nothing matched: see suggestion().
constexpr unsigned kSpellingParseFlags =
    kParseFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION;

// Words of a filter option as a phrase in a free-text field.
Xapian::Query field_phrase(Xapian::QueryParser& qp, const std::string& field,
                           std::string words) {
  words.erase(std::remove(words.begin(), words.end(), '"'), words.end());
  return qp.parse_query(field + ":\"" + words + "\"", Xapian::QueryParser::FLAG_PHRASE);
}

// The request's filters (not the document kind); MatchAll when none.
Result<Xapian::Query> build_filter(Xapian::QueryParser& qp, const SearchRequest& r,
                                   const Synonyms& synonyms,
                                   const std::vector<IndexTheme>& themes) {
  std::vector<Xapian::Query> filters;
  if (!r.types.empty()) {
    std::vector<Xapian::Query> any;
    for (const auto& t : r.types) {
      auto slug = resolve_type(t, synonyms);
      if (!slug.ok()) return slug.error();
      any.emplace_back(schema::term(schema::kType, *slug));
    }
    filters.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  if (!r.nation.empty()) {
    filters.emplace_back(schema::term(schema::kNation, corpus::slugify(r.nation)));
  }
  if (!r.partnership.empty()) filters.push_back(field_phrase(qp, "partnership", r.partnership));
  if (!r.section.empty()) filters.push_back(field_phrase(qp, "section", r.section));
  for (const auto& name : r.themes) {
    auto theme = resolve_theme(themes, name);
    if (!theme.ok()) return Error{ErrorKind::kUsage, "--" + theme.error().message};
    filters.emplace_back(schema::term(schema::kTheme, theme->id));
  }
  if (!r.from.empty()) {
    const std::string lo = date_bound(r.from, false);
    if (lo.empty()) {
      return Error{ErrorKind::kUsage, "--from '" + r.from + "': expected YYYY or YYYY-MM"};
    }
    filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, lo);
  }
  if (!r.to.empty()) {
    const std::string hi = date_bound(r.to, true);
    if (hi.empty()) {
      return Error{ErrorKind::kUsage, "--to '" + r.to + "': expected YYYY or YYYY-MM"};
    }
    filters.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, hi);
  }
  if (filters.empty()) return Xapian::Query::MatchAll;
  return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

std::string unescape_html(const std::string& s) {
  static const std::pair<const char*, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        const std::size_t n = std::char_traits<char>::length(entity);
        if (s.compare(i, n, entity) == 0) {
          out += c;
          i += n;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += s[i++];
  }
  return out;
}

// The documents a request selects, as Xapian queries.
struct Scope {
  Xapian::QueryParser qp;
  FieldErrors field_errors = std::make_shared<std::string>();  // of qp's fields
  bool has_text = false;  // the user typed a query (not only filters)
  Xapian::Query filter;   // the request's filters: MatchAll when none
  Xapian::Query text;     // the user's query with the filters
  Xapian::Query kind;     // the document kind asked for
  Xapian::Query query;    // text restricted to the kind
};

Result<Scope> build_scope(const Xapian::Database& db, const SearchRequest& request,
                          const Synonyms& synonyms, const std::vector<IndexTheme>& themes) {
  if (auto ok = check_query_syntax(request.query); !ok.ok()) return ok.error();
  Scope sc;
  sc.qp = make_parser(db, synonyms, themes, sc.field_errors);
  Xapian::Query text_query = Xapian::Query::MatchAll;
  sc.has_text = request.query.find_first_not_of(" \t\r\n") != std::string::npos;
  if (sc.has_text) {
    try {
      text_query = sc.qp.parse_query(synonyms.expand(request.query), kParseFlags);
    } catch (const Xapian::QueryParserError& e) {
      return Error{ErrorKind::kQuery, "query '" + request.query + "': " + e.get_msg()};
    }
    if (!sc.field_errors->empty()) {
      return Error{ErrorKind::kQuery, "query '" + request.query + "': " + *sc.field_errors};
    }
    if (text_query.empty()) text_query = Xapian::Query::MatchAll;
  }
  auto filter = build_filter(sc.qp, request, synonyms, themes);
  if (!filter.ok()) return filter.error();
  sc.filter = *filter;
  sc.text = Xapian::Query(Xapian::Query::OP_FILTER, text_query, sc.filter);
  sc.kind = Xapian::Query(schema::term(
      schema::kKind, request.passages ? schema::kKindPassage : schema::kKindReview));
  sc.query = Xapian::Query(Xapian::Query::OP_FILTER, sc.text, sc.kind);
  return sc;
}

class Searcher {
 public:
  Searcher(const Xapian::Database& db, const SearchRequest& r)
      : db_(db), request_(r), stem_("english"), themes_(index_themes(db)) {}

  Result<SearchResult> run(const Synonyms& synonyms) {
    SearchResult result;
    result.query = request_.query;
    auto scope = build_scope(db_, request_, synonyms, themes_);
    if (!scope.ok()) return scope.error();
    Scope& sc = *scope;
    filter_ = sc.filter;
    text_query_ = sc.text;
    query_ = sc.query;
    result.parsed = query_.get_description();
    Xapian::Enquire enquire(db_);
    enquire.set_query(query_);
    if (auto sorted = set_sort(enquire, sc.has_text); !sorted.ok()) return sorted.error();
    // Counting every match for a few results would be wasted work, so the
    // facets come from a pass of their own that computes no scores.  It
    // also keeps the spies out of a sorted match: on a remote shard,
    // Xapian 1.4 calls them more than once per document when the match is
    // sorted by a value and more documents match than are returned.
    if (request_.facets) {
      FacetTally tally;
      const Xapian::MSet all = count_facets(tally);
      result.total = all.get_matches_estimated();
      result.total_exact = all.get_matches_lower_bound() == all.get_matches_upper_bound();
      result.facets = tally.sorted();
    }
    // Counting up to a thousand matches keeps small totals exact at little cost.
    const auto check = static_cast<Xapian::doccount>(request_.offset + request_.limit + 1000);
    Xapian::MSet mset;
    std::vector<Xapian::MSetIterator> page;
    if (by_value_) {
      try {
        page = page_by_value(enquire, check, mset);
      } catch (const Xapian::UnimplementedError&) {
        if (!by_key_) throw;
        // A remote shard: Xapian cannot send it a KeyMaker.
        enquire.set_sort_by_value_then_relevance(by_value_slot_, true);
        page = page_by_value(enquire, check, mset);
      }
    } else {
      mset = enquire.get_mset(request_.offset, request_.limit, check);
      prefetch(mset);
      for (auto it = mset.begin(); it != mset.end(); ++it) page.push_back(it);
    }
    if (!request_.facets) {
      result.total = mset.get_matches_estimated();
      result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    }

    std::vector<PassageRecord> passages;
    for (std::size_t i = 0; i < page.size(); ++i) {
      auto hit = make_hit(page[i], request_.offset + i + 1, passages);
      if (!hit.ok()) return hit.error();
      result.hits.push_back(std::move(*hit));
    }
    if (!request_.passages && !result.hits.empty()) {
      std::vector<std::string> ids;
      for (const auto& hit : result.hits) ids.push_back(hit.review.id);
      auto best = best_passages(ids);
      for (const auto& hit : result.hits) passages.push_back(best[hit.review.id]);
    }
    for (std::size_t i = 0; i < result.hits.size(); ++i) {
      add_passage(result.hits[i], mset, passages[i]);
    }
    if (mset.empty() && sc.has_text) {
      result.did_you_mean = suggestion(sc.qp, synonyms, sc.kind);
    }
    return result;
  }

 private:
  // Every match of the query, unscored, with its facets counted: reviews
  // from their packed facet value, passages (whose facets are not packed)
  // and remote shards with Xapian's value counting.
  Xapian::MSet count_facets(FacetTally& tally) {
    Xapian::Enquire counting(db_);
    counting.set_query(query_);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    if (!request_.passages) {
      ReviewFacetSpy spy(db_, tally);
      counting.add_matchspy(&spy);
      try {
        return counting.get_mset(0, 0, db_.get_doccount());
      } catch (const Xapian::UnimplementedError&) {
        counting.clear_matchspies();
        tally = FacetTally();
      }
    }
    SlotFacetSpies spies;
    spies.attach(counting);
    Xapian::MSet all = counting.get_mset(0, 0, db_.get_doccount());
    spies.tally(tally);
    return all;
  }

  Status set_sort(Xapian::Enquire& enquire, bool has_text) {
    const std::string& sort = request_.sort;
    if (sort.empty() || sort == "relevance") {
      rank_ties_by_review(enquire);
      return Ok{};
    }
    if (sort == "date") {
      sort_by_value(enquire, schema::kSlotDate, has_text);
      return Ok{};
    }
    if (sort.rfind("theme:", 0) == 0) {
      auto theme = resolve_theme(themes_, sort.substr(6));
      if (!theme.ok()) return Error{ErrorKind::kUsage, "--sort " + theme.error().message};
      sort_by_value(enquire, theme->score_slot, has_text);
      return Ok{};
    }
    return Error{ErrorKind::kUsage,
                 "--sort '" + sort + "': expected relevance, date or theme:ID"};
  }

  // Highest value first, then by relevance, then by review id: Xapian
  // orders documents equal in value and score by document id, which
  // depends on the sharding.  Without query text every score is 0 and whole
  // months tie, so the review id joins the sort key (a KeyMaker, which a
  // remote shard cannot run: see run()); with text, ties are rarer and
  // page_by_value() orders them.
  void sort_by_value(Xapian::Enquire& enquire, Xapian::valueno slot, bool has_text) {
    by_value_ = true;
    by_value_slot_ = slot;
    if (has_text) {
      enquire.set_sort_by_value_then_relevance(slot, true);
      return;
    }
    by_key_ = std::make_unique<Xapian::MultiValueKeyMaker>();
    by_key_->add_value(slot, true);
    by_key_->add_value(schema::kSlotReviewId);
    enquire.set_sort_by_key_then_relevance(by_key_.get(), false);
  }

  // The requested page of a match sorted by value, runs of documents equal
  // in sort key and score put in review id order.  Fetches from the first
  // item, and past the page while a run goes on (up to kMaxTieRun more),
  // so that a run crossing the page's edges is ordered whole.
  std::vector<Xapian::MSetIterator> page_by_value(Xapian::Enquire& enquire,
                                                  Xapian::doccount check, Xapian::MSet& mset) {
    constexpr Xapian::doccount kMaxTieRun = 4096;
    const auto end = static_cast<Xapian::doccount>(request_.offset + request_.limit);
    auto tied = [](const Xapian::MSetIterator& a, const Xapian::MSetIterator& b) {
      return a.get_weight() == b.get_weight() && a.get_sort_key() == b.get_sort_key();
    };
    for (Xapian::doccount extra = 16;; extra *= 4) {
      mset = enquire.get_mset(0, end + extra, std::max(check, end + extra));
      prefetch(mset);
      if (end == 0 || mset.size() <= end || extra >= kMaxTieRun ||
          !tied(mset[end - 1], mset[mset.size() - 1])) {
        break;
      }
    }
    std::vector<Xapian::MSetIterator> items;
    for (auto it = mset.begin(); it != mset.end(); ++it) items.push_back(it);
    for (std::size_t i = 0; i < items.size() && i < end;) {
      std::size_t j = i + 1;
      while (j < items.size() && tied(items[i], items[j])) ++j;
      if (j - i > 1 && j > request_.offset) {
        std::vector<std::pair<std::string, Xapian::MSetIterator>> run;
        for (std::size_t k = i; k < j; ++k) {
          run.emplace_back(items[k].get_document().get_value(schema::kSlotReviewId), items[k]);
        }
        // Stable: a review's passages are in one shard, in their order.
        std::stable_sort(run.begin(), run.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t k = i; k < j; ++k) items[k] = run[k - i].second;
      }
      i = j;
    }
    if (items.size() > end) items.resize(end);
    items.erase(items.begin(), items.begin() + std::min<std::size_t>(request_.offset, items.size()));
    return items;
  }

  // Xapian's spelling correction of the query, offered only when the
  // corrected query finds something with the same filters.
  std::string suggestion(Xapian::QueryParser& qp, const Synonyms& synonyms,
                         const Xapian::Query& kind) {
    try {
      qp.parse_query(request_.query, kSpellingParseFlags);
      const std::string corrected = qp.get_corrected_query_string();
      if (corrected.empty()) return {};
      Xapian::Query q = qp.parse_query(synonyms.expand(corrected), kParseFlags);
      Xapian::Enquire enquire(db_);
      enquire.set_query(Xapian::Query(
          Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_AND, filter_, kind)));
      return enquire.get_mset(0, 0, 1).get_matches_lower_bound() > 0 ? corrected : "";
    } catch (const Xapian::QueryParserError&) {
      return {};
    }
  }

  // A hit without its passage; a passage hit's passage goes to `passages`.
  Result<Hit> make_hit(const Xapian::MSetIterator& it, std::size_t rank,
                       std::vector<PassageRecord>& passages) {
    Hit hit;
    hit.rank = rank;
    hit.score = it.get_weight();
    Xapian::Document doc = it.get_document();
    if (request_.passages) {
      passages.push_back(passage_from_document(doc));
      hit.id = passages.back().id;
      auto review = review_by_id(passages.back().review);
      if (!review.ok()) return review.error();
      hit.review = std::move(*review);
    } else {
      auto review = review_from_document(doc, ReviewParts::kSummary);
      if (!review.ok()) return review.error();
      hit.review = std::move(*review);
      hit.id = hit.review.id;
    }
    return hit;
  }

  // The hit's passage (the passage itself, or its review's best) and its
  // snippet: only for the hits shown.
  void add_passage(Hit& hit, const Xapian::MSet& mset, const PassageRecord& passage) {
    hit.passage_id = passage.id;
    hit.section = passage.section;
    hit.begin = passage.begin;
    hit.end = passage.end;
    if (!passage.text.empty()) {
      hit.snippet = unescape_html(mset.snippet(
          passage.text, request_.snippet_length, stem_,
          Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
          request_.highlight_start, request_.highlight_end, "..."));
    }
  }

  Result<ReviewRecord> review_by_id(const std::string& id) {
    auto cached = reviews_.find(id);
    if (cached != reviews_.end()) return cached->second;
    auto review = get_review(db_, id, ReviewParts::kSummary);
    if (review.ok()) reviews_.emplace(id, *review);
    return review;
  }

  // The passage of each review that best matches the query: the whole query
  // when one of its passages satisfies it, else any of its terms; none for
  // a review without passages.  One match for all the reviews, collapsed on
  // the review id: its best passage is the one a match over that review's
  // passages alone would rank first (weights use database-wide statistics,
  // and collapsing keeps the first in the same order).
  std::unordered_map<std::string, PassageRecord> best_passages(
      const std::vector<std::string>& review_ids) {
    std::unordered_map<std::string, PassageRecord> best;
    auto find = [&](const Xapian::Query& query, const std::vector<std::string>& ids) {
      if (ids.empty()) return;
      std::vector<Xapian::Query> reviews;
      for (const auto& id : ids) reviews.emplace_back(schema::term(schema::kReview, id));
      const Xapian::Query within(
          Xapian::Query::OP_AND,
          Xapian::Query(Xapian::Query::OP_OR, reviews.begin(), reviews.end()),
          Xapian::Query(schema::term(schema::kKind, schema::kKindPassage)));
      Xapian::Enquire enquire(db_);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, within));
      enquire.set_collapse_key(schema::kSlotReviewId);
      const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(ids.size()));
      prefetch(mset);
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        PassageRecord p = passage_from_document(it.get_document());
        const std::string review = it.get_collapse_key();
        best.emplace(review, std::move(p));
      }
    };
    find(text_query_, review_ids);
    std::vector<std::string> missing;
    for (const auto& id : review_ids) {
      if (!best.count(id)) missing.push_back(id);
    }
    if (!missing.empty()) {
      std::vector<Xapian::Query> terms;
      for (auto t = text_query_.get_unique_terms_begin(); t != text_query_.get_unique_terms_end();
           ++t) {
        terms.emplace_back(*t);
      }
      find(terms.empty() ? Xapian::Query::MatchAll
                         : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
           missing);
    }
    return best;
  }

  const Xapian::Database& db_;
  const SearchRequest& request_;
  Xapian::Stem stem_;
  const std::vector<IndexTheme> themes_;
  Xapian::Query filter_;      // the request's filters
  Xapian::Query text_query_;  // the user's query with the filters
  Xapian::Query query_;       // ... restricted to the kind asked for
  std::unordered_map<std::string, ReviewRecord> reviews_;
  bool by_value_ = false;  // sort_by_value() was used
  Xapian::valueno by_value_slot_ = 0;
  std::unique_ptr<Xapian::MultiValueKeyMaker> by_key_;  // ... without query text
};

}  // namespace

void prefetch(const Xapian::MSet& mset) {
  if (!mset.empty() && mset.get_firstitem() == 0) mset.fetch();
}

void rank_ties_by_review(Xapian::Enquire& enquire) {
  enquire.set_sort_by_relevance_then_value(schema::kSlotReviewId, false);
}

void order_by_review(Xapian::Enquire& enquire) {
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(schema::kSlotReviewId, false);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
}

Result<Xapian::Query> scope_query(const Xapian::Database& db, const SearchRequest& request,
                                  const Synonyms& synonyms) {
  try {
    auto scope = build_scope(db, request, synonyms, index_themes(db));
    if (!scope.ok()) return scope.error();
    return scope->query;
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "reading the index: " + e.get_description()};
  }
}

Result<SearchResult> search(const Xapian::Database& db, const SearchRequest& request,
                            const Synonyms& synonyms) {
  try {
    return Searcher(db, request).run(synonyms);
  } catch (const Xapian::DatabaseModifiedError&) {
    return Error{ErrorKind::kDatabase,
                 "index changed during the search (a writer committed); try again"};
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "search failed: " + e.get_description()};
  }
}

}  // namespace caselens::query
