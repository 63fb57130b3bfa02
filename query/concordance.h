// Keyword in context: every occurrence of a word or phrase in the passages
// a request selects, with its left and right context.
#ifndef CASELENS_QUERY_CONCORDANCE_H_
#define CASELENS_QUERY_CONCORDANCE_H_

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "corpus/error.h"
#include "query/search.h"
#include "query/synonyms.h"

namespace caselens::query {

struct ConcordanceRequest {
  std::string term;      // a word or a phrase; words match by English stem
  SearchRequest scope;   // query and filters; passages are searched
  std::size_t width = 50;       // context characters on each side
  std::size_t limit = 1000;     // most lines returned
  std::string sort = "position";  // "position", "left" or "right"
};

struct ConcordanceLine {
  std::string left;     // context before, at most `width` characters
  std::string keyword;  // the occurrence as written
  std::string right;    // context after
  std::string review;   // review id
  std::string passage;  // passage id
  std::string section;
  std::string title;    // the review's title
  std::size_t begin = 0;  // offset of the keyword in the review's text
};

struct Concordance {
  std::size_t total = 0;  // occurrences found (lines may be fewer: limit)
  std::vector<ConcordanceLine> lines;
};

// Errors: kUsage for an empty term or a bad sort; as search() otherwise.
Result<Concordance> concordance(const Xapian::Database& db, const ConcordanceRequest& request,
                                const Synonyms& synonyms);

}  // namespace caselens::query

#endif  // CASELENS_QUERY_CONCORDANCE_H_
