#include "corpus/text_util.h"

#include <array>

namespace caselens::corpus::text {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool equals_ci(std::string_view a, std::string_view b) {
  return a.size() == b.size() && to_lower(a) == to_lower(b);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         equals_ci(s.substr(0, prefix.size()), prefix);
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) nl = s.size();
    lines.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

std::size_t word_count(std::string_view s) { return split_words(s).size(); }

int month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string w = to_lower(word);
  if (w == "sept") return 9;
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (w == kMonths[m]) return static_cast<int>(m) + 1;
    // Three-letter abbreviations ("Feb") are unambiguous.
    if (w.size() == 3 && kMonths[m].substr(0, 3) == w) {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

int year_number(std::string_view word) {
  if (word.size() != 4) return 0;
  for (char c : word) {
    if (!is_digit(c)) return 0;
  }
  const int year = (word[0] - '0') * 1000 + (word[1] - '0') * 100 +
                   (word[2] - '0') * 10 + (word[3] - '0');
  return year >= 1900 && year <= 2099 ? year : 0;
}

std::string fold_for_matching(std::string_view s) {
  std::string out = " ";
  for (char c : s) {
    const bool keep =
        is_alpha(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80;
    if (keep) {
      out.push_back(is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (out.back() != ' ') {
      out.push_back(' ');
    }
  }
  if (out.back() != ' ') out.push_back(' ');
  return out;
}

std::string_view field_label(std::string_view line) {
  const std::size_t colon = line.find(": ");
  if (colon == std::string_view::npos || colon == 0 || colon > 25 ||
      !is_upper(line[0])) {
    return {};
  }
  const std::string_view label = line.substr(0, colon);
  for (char c : label) {
    if (!is_alpha(c) && c != ' ' && c != '\'' && c != '/') return {};
  }
  return word_count(label) <= 3 ? label : std::string_view{};
}

std::size_t find_phrase(std::string_view folded, std::string_view phrase,
                        std::size_t from) {
  std::string needle(1, ' ');  // (not " " + ...: GCC 12 warns falsely, -Wrestrict)
  needle += phrase;
  for (std::size_t pos = folded.find(needle, from);
       pos != std::string_view::npos; pos = folded.find(needle, pos + 1)) {
    const std::string_view after = folded.substr(pos + needle.size());
    if (after.substr(0, 1) == " " || after.substr(0, 2) == "s ") return pos;
  }
  return std::string_view::npos;
}

std::size_t count_phrase(std::string_view folded, std::string_view phrase) {
  std::size_t count = 0;
  for (std::size_t pos = find_phrase(folded, phrase);
       pos != std::string_view::npos;
       pos = find_phrase(folded, phrase, pos + 1)) {
    ++count;
  }
  return count;
}

std::size_t count_occurrences(std::string_view haystack,
                              std::string_view needle) {
  if (needle.empty()) return 0;
  std::size_t count = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++count;
  }
  return count;
}

}  // namespace caselens::corpus::text
