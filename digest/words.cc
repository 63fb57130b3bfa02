#include "digest/words.h"

#include <algorithm>

#include "corpus/slug.h"

namespace caselens::digest::words {

std::vector<std::string> slug_words(std::string_view text) {
  std::vector<std::string> out;
  const std::string slug = corpus::slugify(text);
  std::size_t start = 0;
  while (start < slug.size()) {
    std::size_t cut = slug.find('-', start);
    if (cut == std::string::npos) cut = slug.size();
    out.push_back(slug.substr(start, cut - start));
    start = cut + 1;
  }
  return out;
}

namespace {

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

bool phrase_at(const std::vector<std::string>& words, std::size_t i, std::string_view phrase) {
  // The phrases are mostly ASCII literals, looked for at every word of a
  // text: for those, slug words are runs of letters and digits, lower-cased,
  // compared in place without ICU (slugify() per call was most of the time
  // of `themes --by category`).
  if (std::all_of(phrase.begin(), phrase.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    bool any = false;
    std::size_t p = 0;
    while (true) {
      while (p < phrase.size() && !ascii_alnum(phrase[p])) ++p;
      if (p == phrase.size()) return any;
      std::size_t q = p;
      while (q < phrase.size() && ascii_alnum(phrase[q])) ++q;
      if (i >= words.size() || words[i].size() != q - p) return false;
      for (std::size_t k = 0; k < q - p; ++k) {
        const char c = phrase[p + k];
        if (words[i][k] != (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c)) {
          return false;
        }
      }
      ++i;
      any = true;
      p = q;
    }
  }
  const std::vector<std::string> wanted = slug_words(phrase);
  if (wanted.empty()) return false;
  for (const auto& w : wanted) {
    if (i >= words.size() || words[i] != w) return false;
    ++i;
  }
  return true;
}

bool has_phrase(const std::vector<std::string>& words, std::string_view phrase) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (phrase_at(words, i, phrase)) return true;
  }
  return false;
}

}  // namespace caselens::digest::words
