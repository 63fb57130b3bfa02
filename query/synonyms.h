// Safeguarding synonyms: abbreviations and variants that mean the same
// thing ("DA", "DV", "domestic violence", "domestic abuse").
//
// Loaded from a data file (data/synonyms.txt): one group per line, variants
// separated by "|", '#' starts a comment, matching is case-insensitive.
// Xapian's own synonym support expands single terms only, while most of
// these are multi-word, so expansion rewrites the query string: a variant
// typed as plain words, or as a whole quoted phrase, becomes
// ("variant 1" OR "variant 2" OR ...).  Field-prefixed words, operators,
// words with +, - or * and the operands of NEAR and ADJ (which take single
// terms only) are left alone.
#ifndef CASELENS_QUERY_SYNONYMS_H_
#define CASELENS_QUERY_SYNONYMS_H_

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/error.h"

namespace caselens::query {

class Synonyms {
 public:
  Synonyms() = default;

  // Errors (kUsage): the file is missing or a line has fewer than two variants.
  static Result<Synonyms> load(const std::filesystem::path& path);
  static Result<Synonyms> parse(std::string_view text, const std::string& where);

  std::string expand(std::string_view query) const;
  // Every variant of the group `phrase` belongs to (as lower-case words
  // joined by spaces, `phrase` included), or empty when it is in none.
  std::vector<std::string> variants(std::string_view phrase) const;
  std::size_t group_count() const { return groups_.size(); }

 private:
  // Each group's variants as lower-case word lists.
  std::vector<std::vector<std::vector<std::string>>> groups_;
  // First word of a variant -> (group, variant) pairs starting with it.
  std::multimap<std::string, std::pair<std::size_t, std::size_t>> by_first_word_;
};

// Checks what Xapian's parser forgives silently: unbalanced double quotes
// and brackets.  Error (kQuery) names the query and the character position.
Status check_query_syntax(std::string_view query);

}  // namespace caselens::query

#endif  // CASELENS_QUERY_SYNONYMS_H_
