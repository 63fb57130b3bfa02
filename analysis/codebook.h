// The codebook: the themes of spec/themes.md and the rules that find them,
// read from a JSON data file (data/codebook.json) that people can edit.
//
// File format (the shipped file's "_comment" fields say the same for its
// readers):
//
//   {
//     "codebook_version": 1,
//     "present": {"min_score": 1.0, "per_1000_words": 0.4},  // see tagger.h
//     "weights": {"phrase": 1.0, "weak": 0.5, "near": 1.0, "weak_repeat": 0},
//     "negation": {
//       "before": ["no evidence of", ...], "before_scope": 6,
//       "after": ["ruled out", ...], "after_scope": 4,
//       "hypothetical": ["if there had been", ...],
//       "clause_words": ["but", ...], "clause_punctuation": ",;:()",
//       "name_words": ["Training", "Strategy", ...]
//     },
//     "themes": [
//       {"id": "domestic_abuse", "name": "Domestic abuse", "core": true,
//        "definition": "...",
//        "phrases": ["domestic abuse", "coercive control*", "MARAC"],
//        "weak": ["violent relationship"],
//        "near": [{"all": [["father", "stepfather"], "not assessed"],
//                  "within": 8}],
//        "exclude": ["Black Country"],
//        "unless_near": {"any": ["father", "mother"], "within": 3},
//        "names_count": false}
//     ]
//   }
//
// Phrases are matched word by word on the text's words: each word by its
// English stem (so "neglected" matches "neglect"), a word written in
// capitals ("MARAC") only as that capitalised word, "=word" as exactly that
// word in any case, and "word*" as any word starting with "word".
// Punctuation and hyphens separate words ("non-accidental" = "non
// accidental").  Keys starting with "_" are comments; any other unknown key
// is an error, so a misspelt rule never silently does nothing.
//
// An extension file has the same format; load_codebook() merges it into the
// base: a theme with a known id gets its lists appended and any scalar it
// names replaced, a new id adds a theme, negation lists are appended.
#ifndef CASELENS_ANALYSIS_CODEBOOK_H_
#define CASELENS_ANALYSIS_CODEBOOK_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/error.h"

namespace caselens::analysis {

// A list of alternative phrases, any one of which satisfies a term.
using Alternatives = std::vector<std::string>;

// "All these terms in one sentence, within `within` words of each other"
// (0: anywhere in the sentence).
struct NearRule {
  std::vector<Alternatives> all;
  int within = 0;
  double weight = 0;  // 0: the codebook's default near weight
};

struct Theme {
  std::string id;  // stable: appears in the index, CLI, JSON and eval files
  std::string name;
  std::string definition;
  bool core = false;
  double weight = 0;  // weight of a "phrases" hit; 0: the codebook default
  std::vector<std::string> phrases;  // each hit counts `weight`
  std::vector<std::string> weak;     // each hit counts the "weak" weight
  std::vector<NearRule> near;
  std::vector<std::string> exclude;  // a hit overlapping one is no hit
  // A hit with one of these within `unless_within` words (same sentence) is
  // no hit: e.g. "father" vetoes a child's-suicide phrase.
  std::vector<std::string> unless_near;
  int unless_within = 0;
  // False: a hit that is part of a capitalised name followed by a name word
  // ("Domestic Abuse Training", "Neglect Strategy") is no hit.
  bool names_count = false;
};

struct Negation {
  std::vector<std::string> before;  // cue, then the hit within before_scope
  int before_scope = 6;
  std::vector<std::string> after;   // the hit, then the cue within after_scope
  int after_scope = 4;
  // Cues of a hypothetical ("if there had been"): scope runs to the end of
  // the clause.
  std::vector<std::string> hypothetical;
  std::vector<std::string> clause_words;  // end a negation scope
  std::string clause_punctuation = ",;:()";
  std::vector<std::string> name_words;  // "Training" in "Neglect Training"
};

struct CodebookSpec {
  int version = 1;
  // A theme is present when its score reaches the larger of min_score and
  // per_1000_words for every 1000 words of the document (so a long review
  // needs more than one passing mention).
  double min_score = 1.0;
  double per_1000_words = 0;
  double phrase_weight = 1.0;
  double weak_weight = 0.5;
  // What a weak phrase scores when the same weak phrase already counted
  // earlier in the document: a report naming "the Home Treatment Team" five
  // times holds one hint, not five.  Negative (the default, "weak_repeat"
  // absent): the weak weight, so repeats add up.
  double weak_repeat_weight = -1;
  double near_weight = 1.0;
  Negation negation;
  std::vector<Theme> themes;
};

// A validated, compiled codebook, cheap to copy and safe to share between
// threads.
class Codebook {
 public:
  const CodebookSpec& spec() const { return *spec_; }
  const std::vector<Theme>& themes() const { return spec_->themes; }
  // Index into themes(), or -1.
  int theme_index(std::string_view id) const;

  // Compiled matching tables; opaque outside analysis/.
  struct Compiled;
  const Compiled& compiled() const { return *compiled_; }

 private:
  friend Result<Codebook> compile_codebook(CodebookSpec spec,
                                           const std::string& source);
  std::shared_ptr<const CodebookSpec> spec_;
  std::shared_ptr<const Compiled> compiled_;
};

// Parses one codebook file's text.  `source` names it in error messages.
// Errors (kUsage): "SOURCE:LINE: what is wrong", naming the theme and rule.
// With `extension`, themes may omit what the base already gives.
Result<CodebookSpec> parse_codebook(std::string_view json,
                                    const std::string& source,
                                    bool extension = false);

// Merges an extension spec into `base` (see the file comment).
void merge_codebook(CodebookSpec& base, CodebookSpec extension);

// Validates a merged spec (every theme named and with at least one rule,
// ids unique, phrases non-empty) and builds the matching tables.
Result<Codebook> compile_codebook(CodebookSpec spec,
                                  const std::string& source);

// Reads `base` and then each extension in order, merges, compiles.
// Errors: kUsage for unreadable or invalid files.
Result<Codebook> load_codebook(
    const std::filesystem::path& base,
    const std::vector<std::filesystem::path>& extensions = {});

// The codebook that ships with the program (data/codebook.json).
std::filesystem::path default_codebook_path();

}  // namespace caselens::analysis

#endif  // CASELENS_ANALYSIS_CODEBOOK_H_
