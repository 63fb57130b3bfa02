// Reviews like a given review, by text (Xapian's relevance feedback: the
// review's most distinctive terms as a query) and by theme profile.
#ifndef CASELENS_QUERY_SIMILAR_H_
#define CASELENS_QUERY_SIMILAR_H_

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "corpus/error.h"
#include "query/review.h"

namespace caselens::query {

struct SimilarReview {
  ReviewRecord review;
  double text_score = 0;     // BM25 of the expansion query, scaled so the best is 1
  double theme_jaccard = 0;  // shared themes / themes of either
  double score = 0;          // (text_score + theme_jaccard) / 2: the ranking
  std::vector<std::string> shared_themes;
};

struct SimilarResult {
  ReviewRecord source;
  std::vector<std::string> terms;  // the expansion terms used
  std::vector<SimilarReview> reviews;
};

// Error (kUsage) for an unknown id.
Result<SimilarResult> similar_reviews(const Xapian::Database& db, const std::string& id,
                                      std::size_t limit = 10, std::size_t expansion_terms = 40);

}  // namespace caselens::query

#endif  // CASELENS_QUERY_SIMILAR_H_
