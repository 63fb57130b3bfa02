// The themes an index was tagged with (from its metadata), and resolving
// what users type ("hidden_men", "hidden-men", "Hidden men") to a theme.
#ifndef CASELENS_QUERY_THEMES_H_
#define CASELENS_QUERY_THEMES_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "corpus/error.h"

namespace caselens::query {

struct IndexTheme {
  std::string id;
  std::string name;
  bool core = false;
  Xapian::valueno score_slot = 0;  // sortable theme score
};

// Empty when the index was built without theme tagging.
std::vector<IndexTheme> index_themes(const Xapian::Database& db);

// The theme whose id or name matches `input` (case, spaces, hyphens and
// underscores aside).  Error (kUsage) lists the known ids.
Result<IndexTheme> resolve_theme(const std::vector<IndexTheme>& themes,
                                 const std::string& input);

}  // namespace caselens::query

#endif  // CASELENS_QUERY_THEMES_H_
