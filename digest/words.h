// Word helpers shared by the digest .cc files (internal to digest/).
//
// Texts are compared as "slug words": lower-case ASCII letters and digits,
// accents folded, everything else a separator (corpus::slugify), so
// "Child A's death," is {"child", "a", "s", "death"}.
#ifndef CASELENS_DIGEST_WORDS_H_
#define CASELENS_DIGEST_WORDS_H_

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace caselens::digest::words {

std::vector<std::string> slug_words(std::string_view text);

// True when words[i...] spell the phrase's slug words.
bool phrase_at(const std::vector<std::string>& words, std::size_t i, std::string_view phrase);
bool has_phrase(const std::vector<std::string>& words, std::string_view phrase);

// How many of the phrases occur (each counted once).
template <std::size_t N>
int count_phrases(const std::vector<std::string>& words, const std::string_view (&phrases)[N]) {
  int n = 0;
  for (auto p : phrases) n += has_phrase(words, p) ? 1 : 0;
  return n;
}

template <std::size_t N>
bool one_of(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

}  // namespace caselens::digest::words

#endif  // CASELENS_DIGEST_WORDS_H_
