// Small ASCII-level string helpers shared by the corpus .cc files.  Internal
// to corpus/: not part of the module's public API.
//
// All functions treat UTF-8 as bytes; case folding and character classes
// are ASCII only, which is what the English report vocabulary needs.
#ifndef CASELENS_CORPUS_TEXT_UTIL_H_
#define CASELENS_CORPUS_TEXT_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

namespace caselens::corpus::text {

bool is_space(char c);
bool is_digit(char c);
bool is_upper(char c);
bool is_lower(char c);
bool is_alpha(char c);

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);
bool equals_ci(std::string_view a, std::string_view b);

// Lines without their '\n'; a trailing newline does not add an empty line.
std::vector<std::string_view> split_lines(std::string_view s);

// Whitespace-separated tokens.
std::vector<std::string_view> split_words(std::string_view s);
std::size_t word_count(std::string_view s);

// 1..12 for an English month name or its common abbreviation ("Sept"),
// case-insensitive, else 0.
int month_number(std::string_view word);

// A year 1900..2099 written as exactly four digits, else 0.
int year_number(std::string_view word);

// Lower-cases and replaces every run of non-alphanumeric bytes with one
// space, so phrase matching ignores hyphens and punctuation:
// "Multi-Agency  Review," -> " multi agency review ".  Padded with spaces so
// that " phrase " matches whole words only.
std::string fold_for_matching(std::string_view s);

// For a "Label: value" line with a short capitalised label (at most three
// words, e.g. "Date of birth: 2010", "Sent to: ..."), the label; else "".
std::string_view field_label(std::string_view line);

// Position in `folded` (a fold_for_matching() string) of the first whole-word
// occurrence of `phrase` (folded, no padding) at or after `from`, allowing a
// plural "s" on its last word; npos when there is none.
std::size_t find_phrase(std::string_view folded, std::string_view phrase,
                        std::size_t from = 0);
std::size_t count_phrase(std::string_view folded, std::string_view phrase);

// Number of non-overlapping occurrences of `needle` in `haystack`.
std::size_t count_occurrences(std::string_view haystack,
                              std::string_view needle);

}  // namespace caselens::corpus::text

#endif  // CASELENS_CORPUS_TEXT_UTIL_H_
