// Searching the index: reviews or passages, with filters, facets, snippets,
// synonyms and spelling suggestions.
#ifndef CASELENS_QUERY_SEARCH_H_
#define CASELENS_QUERY_SEARCH_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "corpus/error.h"
#include "query/review.h"
#include "query/synonyms.h"

namespace caselens::query {

struct SearchRequest {
  // Xapian query syntax: AND/OR/NOT, "phrases", NEAR, wildcards*, fields
  // (title: type: partnership: nation: section: case: theme: year:) and date
  // ranges (2019..2021, 2019-03..2020-06).  Empty: every document that
  // passes the filters.
  std::string query;
  std::vector<std::string> types;  // review type slugs or names; any of them
  std::string partnership;         // words of the partnership name, as a phrase
  std::string nation;
  std::string from;                // "YYYY" or "YYYY-MM", inclusive
  std::string to;                  // "YYYY" or "YYYY-MM", inclusive
  std::string section;             // words of a section heading, as a phrase
  std::vector<std::string> themes; // theme ids or names; all of them
  // "relevance" (default), "date" (newest first) or "theme:ID" (highest
  // score of that theme first).
  std::string sort;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool passages = false;  // return passages instead of reviews
  bool facets = false;    // exact counts over the whole match set
  std::size_t snippet_length = 300;  // characters
  std::string highlight_start = "[";
  std::string highlight_end = "]";
};

struct Hit {
  std::size_t rank = 0;  // 1-based, counting from the first result overall
  std::string id;        // review id, or passage id "review#n"
  double score = 0;
  // The review (or the passage's review): its metadata and theme ids; no
  // sections or theme evidence (get_review() reads those).
  ReviewRecord review;
  // The best matching passage (for a review) or the passage itself.
  std::string passage_id;
  std::string section;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string snippet;  // query terms wrapped in the highlight marks
};

struct SearchResult {
  std::string query;
  std::string parsed;        // Xapian's description of the final query
  std::size_t total = 0;     // matching documents
  bool total_exact = false;  // false: total is Xapian's estimate
  std::vector<Hit> hits;
  // By field ("type", "partnership", "nation", "year", "theme"): counts over
  // every matching document; only when facets were asked for.
  std::map<std::string, std::vector<Count>> facets;
  std::string did_you_mean;  // a spelling correction when nothing matched
};

// Ranks documents of equal score by review id, then by Xapian document id,
// instead of by document id alone: a document's id depends on how the
// index is split into shards (or compacted), so without this a sharded
// index would order ties differently from a single one.  The passages of a
// review are in one shard, in order, so their order is the same anyway.
void rank_ties_by_review(Xapian::Enquire& enquire);

// Asks for all of an MSet's documents at once: a remote shard then sends
// them in one exchange instead of one round trip per document.  An MSet
// that does not start at the first match is left alone: Xapian 1.4.22's
// MSet::fetch() reads past its items then (a crash, seen with
// get_mset(20, 10)).
void prefetch(const Xapian::MSet& mset);

// Orders documents (unscored) by review id, then passages in their order:
// the reading order of analyses that list passages, the same however the
// index is sharded.
void order_by_review(Xapian::Enquire& enquire);

// The Xapian query selecting the documents `request` would return (its
// query text, filters and document kind; limit, offset, sort and facets
// aside), for analyses over the same documents.  Errors as search().
Result<Xapian::Query> scope_query(const Xapian::Database& db, const SearchRequest& request,
                                  const Synonyms& synonyms);

// Errors: kQuery for query syntax, kUsage for bad filter values, kDatabase
// for index problems.
Result<SearchResult> search(const Xapian::Database& db, const SearchRequest& request,
                            const Synonyms& synonyms);

}  // namespace caselens::query

#endif  // CASELENS_QUERY_SEARCH_H_
