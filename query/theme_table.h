// Theme counts over the documents a request selects, read from the index
// (each document's theme value), not by re-reading texts: prevalence,
// crosstabs by a metadata field, and theme co-occurrence.
#ifndef CASELENS_QUERY_THEME_TABLE_H_
#define CASELENS_QUERY_THEME_TABLE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

#include "corpus/error.h"
#include "query/search.h"
#include "query/synonyms.h"
#include "query/themes.h"

namespace caselens::query {

struct ThemeTableRequest {
  // The documents counted: the request's query and filters, reviews (or
  // passages with scope.passages).  Limit, offset and sort are ignored.
  SearchRequest scope;
  // Group by "year", "type", "partnership" or "nation"; "" for none.  With
  // group_of, `by` only names the grouping (in messages).
  std::string by;
  // Groups computed per review rather than read from a field: called once
  // with each matching review's id, it returns the review's group.  Reviews
  // only (not with scope.passages); its errors end the count.
  std::function<Result<std::string>(const std::string& review_id)> group_of;
  bool pairs = false;  // also count theme pairs (co-occurrence)
  // Only these themes (ids or names); empty: all of the index's themes.
  std::vector<std::string> themes;
};

struct ThemeTable {
  std::size_t units = 0;            // documents counted
  std::vector<IndexTheme> themes;   // the rows
  std::vector<std::size_t> counts;  // documents with each theme
  // With `by`: the groups (years in order; other fields by size), the
  // documents in each, and counts[theme][group].
  std::vector<std::string> groups;
  std::vector<std::size_t> group_totals;
  std::vector<std::vector<std::size_t>> by_group;
  // With `pairs`: joint[i][j] = documents with both theme i and theme j
  // (joint[i][i] = counts[i]).
  std::vector<std::vector<std::size_t>> joint;
};

// Errors: as search(); kUsage for an unknown `by` or theme, or an index
// without themes.
Result<ThemeTable> theme_table(const Xapian::Database& db, const ThemeTableRequest& request,
                               const Synonyms& synonyms);

}  // namespace caselens::query

#endif  // CASELENS_QUERY_THEME_TABLE_H_
