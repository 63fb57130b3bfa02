#include "digest/words.h"

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

bool phrase_at(const std::vector<std::string>& words, std::size_t i, std::string_view phrase) {
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
