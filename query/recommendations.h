// Recurring recommendations: the recommendation and learning statements of
// the reviews (passages in sections headed "Recommendations", "Learning",
// "Lessons ..."), grouped across reviews when their wording is nearly the
// same.
//
// Similarity is the cosine of TF-IDF vectors of stemmed words (stopwords
// and list numbering dropped; IDF over the statements found).  Statements
// whose similarity reaches `threshold` are linked, and groups are the
// connected sets (single linkage).  Each group's representative is its
// medoid: the statement most similar on average to the rest.  Web
// addresses are not statements.
#ifndef CASELENS_QUERY_RECOMMENDATIONS_H_
#define CASELENS_QUERY_RECOMMENDATIONS_H_

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "corpus/error.h"
#include "query/search.h"
#include "query/synonyms.h"

namespace caselens::query {

struct RecommendationsRequest {
  // Query and filters; the query selects statements that match it (empty:
  // all statements of the reviews passing the filters).
  SearchRequest scope;
  double threshold = 0.5;      // cosine similarity that links two statements
  std::size_t min_words = 5;   // fewer content words: a fragment or link text, left out
  std::size_t limit = 20;      // groups returned
};

struct Statement {
  std::string passage;  // passage id
  std::string review;
  std::string date;     // the review's date
  std::string section;
  std::string text;
};

struct RecommendationGroup {
  Statement representative;
  std::vector<Statement> members;    // all statements, the representative too
  std::vector<std::string> reviews;  // distinct review ids, in order of date
};

struct RecommendationsResult {
  std::size_t statements = 0;  // statements considered
  std::size_t groups = 0;      // groups found (before limit)
  double threshold = 0;
  std::vector<RecommendationGroup> top;  // by reviews, then statements
};

Result<RecommendationsResult> recurring_recommendations(const Xapian::Database& db,
                                                        const RecommendationsRequest& request,
                                                        const Synonyms& synonyms);

}  // namespace caselens::query

#endif  // CASELENS_QUERY_RECOMMENDATIONS_H_
