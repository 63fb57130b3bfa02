#include "analysis/match.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace caselens::analysis::internal {
namespace {

constexpr UChar32 kRightSingleQuote = 0x2019;
constexpr UChar32 kBullet = 0x2022;

// Words after which a full stop does not end the sentence ("Mr. Smith").
// Single letters ("e.g.", initials) are handled separately.
constexpr std::array<std::string_view, 10> kAbbreviations = {
    "mr", "mrs", "ms", "dr", "st", "no", "vs", "prof", "approx", "cf"};

bool is_abbreviation(const std::string& lower) {
  if (lower.size() == 1) return true;
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) !=
         kAbbreviations.end();
}

void append_utf8(std::string& out, UChar32 c) {
  char buffer[U8_MAX_LENGTH];
  std::int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buffer, static_cast<std::size_t>(length));
}

// What separates two words, for sentence and clause numbering.
struct Gap {
  bool full_stop = false;  // . ! or ? followed by white space or the end
  bool hard_break = false;  // tab or bullet: always a new sentence
  bool clause = false;
};

}  // namespace

void tokenize(std::string_view text, std::size_t begin, std::size_t end,
              std::u32string_view clause_punctuation, std::vector<Token>& out) {
  std::uint32_t sentence = out.empty() ? 0 : out.back().sentence + 1;
  std::uint32_t clause = out.empty() ? 0 : out.back().clause + 1;
  const std::size_t first_new = out.size();
  Gap gap;
  Token current;
  bool in_word = false;
  bool has_lower = false;
  int letters = 0;

  auto finish_word = [&](std::size_t at) {
    current.end = static_cast<std::uint32_t>(at);
    current.all_caps = letters >= 2 && !has_lower;
    if (out.size() > first_new) {
      const Token& previous = out.back();
      const bool sentence_break =
          gap.hard_break ||
          (gap.full_stop && !is_abbreviation(previous.lower));
      if (sentence_break) ++sentence;
      if (sentence_break || gap.clause) ++clause;
    }
    current.sentence = sentence;
    current.clause = clause;
    out.push_back(std::move(current));
    current = Token();
    gap = Gap();
    in_word = false;
    has_lower = false;
    letters = 0;
  };

  std::size_t i = begin;
  while (i < end) {
    const std::size_t at = i;
    UChar32 c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;  // ASCII, the common case: no decoding, no ICU property lookups
      if (std::isalnum(c)) {
        if (!in_word) {
          in_word = true;
          current.begin = static_cast<std::uint32_t>(at);
          current.capitalised = std::isupper(c);
        }
        if (std::isalpha(c)) {
          ++letters;
          if (std::islower(c)) has_lower = true;
        }
        current.lower.push_back(static_cast<char>(std::tolower(c)));
        continue;
      }
    } else {
      U8_NEXT(text.data(), i, end, c);
      if (c < 0) c = 0xFFFD;
      if (u_isalnum(c)) {
        if (!in_word) {
          in_word = true;
          current.begin = static_cast<std::uint32_t>(at);
          current.capitalised = u_isupper(c);
        }
        if (u_isalpha(c)) {
          ++letters;
          if (u_islower(c)) has_lower = true;
        }
        append_utf8(current.lower, u_tolower(c));
        continue;
      }
    }
    const bool apostrophe = c == '\'' || c == kRightSingleQuote;
    if (in_word && apostrophe && i < end) {
      std::size_t next = i;
      UChar32 following = 0;
      U8_NEXT(text.data(), next, end, following);
      if (following > 0 && u_isalpha(following)) {
        current.lower.push_back('\'');
        continue;
      }
    }
    if (in_word) finish_word(at);
    if (c == '.' || c == '!' || c == '?') {
      if (i >= end || u_isspace(static_cast<unsigned char>(text[i]))) {
        gap.full_stop = true;
      }
    } else if (c == '\t' || c == kBullet) {
      gap.hard_break = true;
    } else if (clause_punctuation.find(static_cast<char32_t>(c)) !=
               std::u32string_view::npos) {
      gap.clause = true;
    }
  }
  if (in_word) finish_word(end);
}

std::size_t extend_over_closing(std::string_view text, std::size_t end) {
  while (end < text.size()) {
    const char c = text[end];
    if (c != '.' && c != '!' && c != '?' && c != ')' && c != '"' &&
        c != '\'') {
      break;
    }
    ++end;
  }
  return end;
}

void assign_ids(const Codebook::Compiled& compiled, std::vector<Token>& tokens) {
  // Stemming is the costly part and the same words recur from document to
  // document, so each thread keeps the ids of the words it has seen for the
  // codebook it last used (bounded; cleared when the codebook changes).
  struct Cache {
    std::uint64_t codebook = 0;
    std::unordered_map<std::string, std::pair<int, int>> ids;  // stem, word
  };
  constexpr std::size_t kMaxCachedWords = 200000;
  thread_local Cache cache;
  thread_local Xapian::Stem stemmer("english");
  if (cache.codebook != compiled.serial || cache.ids.size() > kMaxCachedWords) {
    cache.ids.clear();
    cache.codebook = compiled.serial;
  }
  for (Token& token : tokens) {
    auto [it, inserted] = cache.ids.try_emplace(token.lower, -1, -1);
    if (inserted) {
      const auto stem = compiled.stem_ids.find(stemmer(token.lower));
      if (stem != compiled.stem_ids.end()) it->second.first = stem->second;
      const auto word = compiled.word_ids.find(token.lower);
      if (word != compiled.word_ids.end()) it->second.second = word->second;
    }
    token.stem_id = it->second.first;
    token.word_id = it->second.second;
  }
}

namespace {

bool word_matches(const PatternWord& word, const Token& token) {
  switch (word.kind) {
    case WordKind::kStem:
      return token.stem_id == word.id;
    case WordKind::kExact:
      return token.word_id == word.id;
    case WordKind::kCaps:
      return token.word_id == word.id && token.all_caps;
    case WordKind::kPrefix:
      return token.lower.compare(0, word.prefix.size(), word.prefix) == 0;
  }
  return false;
}

void try_atom(const Codebook::Compiled& compiled, int atom_id,
              const std::vector<Token>& tokens, std::size_t first,
              std::vector<std::vector<Occurrence>>& result) {
  const Atom& atom = compiled.atoms[static_cast<std::size_t>(atom_id)];
  const std::size_t last = first + atom.words.size() - 1;
  if (last >= tokens.size()) return;
  for (std::size_t k = 0; k < atom.words.size(); ++k) {
    const Token& token = tokens[first + k];
    if (token.sentence != tokens[first].sentence) return;
    if (!word_matches(atom.words[k], token)) return;
  }
  result[static_cast<std::size_t>(atom_id)].push_back(
      Occurrence{atom_id, static_cast<std::uint32_t>(first),
                 static_cast<std::uint32_t>(last)});
}

}  // namespace

std::vector<std::vector<Occurrence>> find_atoms(
    const Codebook::Compiled& compiled, const std::vector<Token>& tokens) {
  std::vector<std::vector<Occurrence>> result(compiled.atoms.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.stem_id >= 0) {
      const auto it = compiled.atoms_by_first_stem.find(token.stem_id);
      if (it != compiled.atoms_by_first_stem.end()) {
        for (int atom : it->second) try_atom(compiled, atom, tokens, i, result);
      }
    }
    if (token.word_id >= 0) {
      const auto it = compiled.atoms_by_first_word.find(token.word_id);
      if (it != compiled.atoms_by_first_word.end()) {
        for (int atom : it->second) try_atom(compiled, atom, tokens, i, result);
      }
    }
    if (!token.lower.empty()) {
      const auto byte = static_cast<unsigned char>(token.lower[0]);
      for (int atom : compiled.atoms_by_first_prefix_byte[byte]) {
        try_atom(compiled, atom, tokens, i, result);
      }
    }
  }
  return result;
}

}  // namespace caselens::analysis::internal
