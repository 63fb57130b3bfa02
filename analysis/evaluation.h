// Measuring a tagger against gold labels: per-theme precision, recall, F1
// and support, micro and macro averages; table and JSON output.
//
// Scoring (as in ../shared/eval/README.md): a unit is a labelled text; for
// each theme, true positives are units where both gold and prediction have
// it.  Micro-F1 pools all (unit, theme) pairs; macro-F1 is the mean F1 of
// the themes with at least `macro_min_support` gold units.  A ratio whose
// denominator is 0 is 0 (a theme never predicted has precision 0).
#ifndef CASELENS_ANALYSIS_EVALUATION_H_
#define CASELENS_ANALYSIS_EVALUATION_H_

#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/codebook.h"
#include "corpus/error.h"

namespace caselens::analysis {

// unit id -> theme ids present in it
using LabelSets = std::map<std::string, std::set<std::string>>;

struct ThemeMetrics {
  std::string theme;
  bool core = false;
  std::size_t support = 0;  // gold units with the theme
  std::size_t predicted = 0;
  std::size_t true_positives = 0;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

struct EvaluationReport {
  std::size_t units = 0;
  std::vector<ThemeMetrics> themes;  // in the order of the themes given
  double micro_precision = 0;
  double micro_recall = 0;
  double micro_f1 = 0;
  double macro_f1 = 0;
  std::size_t macro_themes = 0;  // themes averaged in macro_f1
  std::size_t macro_min_support = 3;
};

struct EvaluationOptions {
  std::size_t macro_min_support = 3;  // themes below it are left out of macro
  std::set<std::string> core_themes;  // flagged in the table
};

// Scores `predicted` against `gold` over the units of `gold` (a unit missing
// from `predicted` has no themes) and over `themes` (gold or predicted
// themes outside that list are counted too, appended in name order).
EvaluationReport evaluate(const LabelSets& gold, const LabelSets& predicted,
                          const std::vector<std::string>& themes,
                          const EvaluationOptions& options = {});

// Fixed-width text table: one row per theme, then micro and macro lines and
// the core themes' F1.
std::string format_table(const EvaluationReport& report);

// The same as a JSON object.
std::string format_json(const EvaluationReport& report);

// Reads gold labels: {"units": {"<id>": {"themes": ["..."]}}}.
// Errors (kUsage) name the file and what is wrong.
Result<LabelSets> parse_labels(std::string_view json,
                               const std::string& source);

// Loads the gold file, tags each unit's text (units/<id>.txt next to it)
// with `codebook`, and scores the result.  Errors: kUsage for a bad gold
// file, kInput for a unit text that cannot be loaded.
Result<EvaluationReport> evaluate_gold_file(const std::filesystem::path& gold,
                                            const Codebook& codebook,
                                            std::size_t macro_min_support = 3);

}  // namespace caselens::analysis

#endif  // CASELENS_ANALYSIS_EVALUATION_H_
