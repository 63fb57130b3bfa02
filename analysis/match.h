// Words, sentences and phrase matching shared by the codebook compiler and
// the tagger.  Internal to analysis/: not part of the module's public API.
//
// Text is tokenised once into words (letters and digits; an apostrophe
// between letters stays in the word; everything else separates words), each
// with its byte span, sentence and clause number.  Codebook phrases are
// tokenised the same way and compiled into "atoms" (one per distinct phrase)
// indexed by their first word, so matching is one hash lookup per text word
// plus a check of the few candidate atoms.
#ifndef CASELENS_ANALYSIS_MATCH_H_
#define CASELENS_ANALYSIS_MATCH_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/codebook.h"

namespace caselens::analysis::internal {

struct Token {
  std::uint32_t begin = 0;  // byte span in the tokenised text
  std::uint32_t end = 0;
  std::string lower;  // lower-cased, curly apostrophe folded to '
  int stem_id = -1;   // codebook vocabulary ids, -1 when not in it
  int word_id = -1;
  std::uint32_t sentence = 0;  // counts up through the whole text
  std::uint32_t clause = 0;    // ditto; a sentence break is a clause break
  bool all_caps = false;       // "MARAC" (two or more letters, no lower case)
  bool capitalised = false;    // first letter upper case
};

// Splits text[begin, end) into tokens appended to `out`, numbering sentences
// and clauses on from the last token already in `out`.  A new sentence
// starts after . ! ? followed by a space (not after an abbreviation such as
// "Mr" or a single letter), at a tab or a bullet; a new clause also at any
// of `clause_punctuation` (UTF-8 characters).  Only lower/all_caps/
// capitalised and spans are filled; ids are left at -1.
void tokenize(std::string_view text, std::size_t begin, std::size_t end,
              std::u32string_view clause_punctuation, std::vector<Token>& out);

// The end of a sentence's quotable span: `end` extended over closing
// punctuation (". ) \"") that directly follows it.
std::size_t extend_over_closing(std::string_view text, std::size_t end);

enum class WordKind { kStem, kExact, kCaps, kPrefix };

struct PatternWord {
  WordKind kind = WordKind::kStem;
  int id = -1;         // stem id (kStem) or word id (kExact, kCaps)
  std::string prefix;  // kPrefix: lower-case prefix
};

struct Atom {
  std::string text;  // the phrase as written in the codebook
  std::vector<PatternWord> words;
};

// One match of an atom: tokens [first, last].
struct Occurrence {
  int atom = 0;
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};

}  // namespace caselens::analysis::internal

namespace caselens::analysis {

struct Codebook::Compiled {
  // Distinguishes compiled codebooks for per-thread caches (never reused).
  std::uint64_t serial = 0;
  struct PhraseRule {
    int atom = 0;
    double weight = 0;
    std::string label;  // "phrase: coercive control" for --explain
    bool weak = false;  // from "weak": repeats may count less
  };
  struct NearRule {
    std::vector<std::vector<int>> terms;  // per term, its alternative atoms
    int within = 0;                       // 0: same sentence
    double weight = 0;
    std::string label;
  };
  struct ThemeRules {
    std::vector<PhraseRule> phrases;  // "phrases" and "weak"
    std::vector<NearRule> near;
    std::vector<int> exclude;
    std::vector<int> unless_near;
    int unless_within = 0;
    bool names_count = false;
  };

  std::unordered_map<std::string, int> stem_ids;  // stem -> id
  std::unordered_map<std::string, int> word_ids;  // lower-case word -> id
  std::vector<internal::Atom> atoms;
  std::unordered_map<int, std::vector<int>> atoms_by_first_stem;
  std::unordered_map<int, std::vector<int>> atoms_by_first_word;
  std::vector<std::vector<int>> atoms_by_first_prefix_byte =
      std::vector<std::vector<int>>(256);

  std::vector<ThemeRules> themes;  // parallel to CodebookSpec::themes
  std::vector<int> negation_before;
  std::vector<int> negation_after;
  std::vector<int> hypothetical;
  std::unordered_set<int> clause_word_ids;
  std::unordered_set<int> name_word_ids;
  std::u32string clause_punctuation;
};

namespace internal {

// Fills each token's stem_id and word_id from the codebook vocabulary,
// stemming each distinct word once per thread and codebook.
void assign_ids(const Codebook::Compiled& compiled, std::vector<Token>& tokens);

// Every occurrence of every atom, grouped by atom (result[atom]), in token
// order.  An occurrence never spans a sentence break.
std::vector<std::vector<Occurrence>> find_atoms(
    const Codebook::Compiled& compiled, const std::vector<Token>& tokens);

}  // namespace internal
}  // namespace caselens::analysis

#endif  // CASELENS_ANALYSIS_MATCH_H_
