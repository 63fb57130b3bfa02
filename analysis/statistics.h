// Statistics for cross-case analysis: pure functions over counts.
//
// Prevalence with a Wilson interval, the chi-square test of independence on
// a crosstab, Fisher's exact test and lift/Jaccard for theme co-occurrence,
// the Cochran-Armitage test for trend, and log-likelihood keyness.
//
// Every function is pure and never throws: an input a test cannot be done
// on (no data, a single group, no variation) gives a result marked invalid
// (or the documented edge value) with p = 1, never NaN.  Reference values
// for the tests come from SciPy (tests/analysis/test_statistics.cc).
#ifndef CASELENS_ANALYSIS_STATISTICS_H_
#define CASELENS_ANALYSIS_STATISTICS_H_

#include <cstddef>
#include <vector>

namespace caselens::analysis {

struct Interval {
  double low = 0;
  double high = 0;
};

// Wilson score interval for the proportion successes/n at `confidence`
// (two-sided, e.g. 0.95).  Bounds lie in [0, 1]; no successes gives low 0
// and all successes high 1 exactly.  No data (n == 0) gives {0, 1}: the
// proportion is unknown, not zero.  A confidence outside (0, 1) also gives
// {0, 1}; successes > n is treated as n.
Interval wilson_interval(std::size_t successes, std::size_t n,
                         double confidence = 0.95);

struct ChiSquareTest {
  double statistic = 0;
  int df = 0;
  double p_value = 1;
  // False when there is nothing to test: df == 0 after dropping empty rows
  // and columns (a single group, a single category, an empty table), or a
  // negative or non-finite count.  Then statistic 0 and p_value 1.
  bool valid = false;
  // Cells of the reduced table whose expected count is below 5, so the
  // caller can warn that the chi-square approximation is rough.
  std::size_t low_expected_cells = 0;
};

// Pearson chi-square test of independence on an r x c table of counts,
// table[row][column], without continuity correction.  Rows and columns
// whose totals are zero are dropped first (ragged rows are padded with
// zeros), so df = (rows kept - 1) * (columns kept - 1).
ChiSquareTest chi_square_independence(
    const std::vector<std::vector<double>>& table);

// Two-sided Fisher exact test p-value for the 2x2 table [[a, b], [c, d]]:
// the sum of the probabilities (hypergeometric, margins fixed) of all
// tables no more probable than the observed one (SciPy's and R's
// definition), counting as ties tables up to 1 + 1e-7 times as probable (R's
// tolerance; SciPy uses 1e-14, which differs only for near-ties).  A table
// with a zero row or column total gives 1.  Computed in log space, so counts
// in the millions are fine; a p below about 1e-300 comes out as 0.
double fisher_exact_two_sided(std::size_t a, std::size_t b, std::size_t c,
                              std::size_t d);

// Co-occurrence of two themes over n units: joint = units with both,
// a = units with the first, b = units with the second.
//
// Lift = P(both) / (P(first) P(second)) = joint * n / (a * b): 1 when the
// themes are independent, above 1 when they go together.  0 when a, b or n
// is 0.
double lift(std::size_t joint, std::size_t a, std::size_t b, std::size_t n);
// Jaccard = joint / (a + b - joint), in [0, 1].  0 when the union is 0.
double jaccard(std::size_t joint, std::size_t a, std::size_t b);

struct TrendTest {
  double z = 0;           // > 0 when the proportion rises with the score
  double chi_square = 0;  // z * z, R's prop.trend.test statistic (1 df)
  double p_value = 1;     // two-sided, from the normal distribution
  // False when fewer than 2 groups have data (totals > 0), the groups with
  // data share one score, the outcome does not vary (no successes or all
  // successes overall), or the input is malformed (vector sizes differ,
  // successes > totals).  Then z 0 and p_value 1.
  bool valid = false;
};

// Cochran-Armitage test for trend in the proportions successes[i] /
// totals[i] over ordered groups with `scores` (default 0, 1, 2, ...; if
// given, one per group).  Groups with totals 0 are ignored.  Equal
// proportions give a valid test with z 0 and p 1.
TrendTest cochran_armitage(const std::vector<std::size_t>& successes,
                           const std::vector<std::size_t>& totals,
                           std::vector<double> scores = {});

struct Keyness {
  double g2 = 0;       // log-likelihood statistic, >= 0
  double p_value = 1;  // from chi-square with 1 df
  // Hardie's Log Ratio, the effect size: log2 of the ratio of relative
  // frequencies (target / reference), with 0.5 used for a zero frequency.
  // 0 when the word is absent from both corpora.
  double log_ratio = 0;
  bool overused = false;  // relatively more frequent in target than reference
};

// Dunning log-likelihood (G2) keyness of a word with frequency
// `target_freq` in a target corpus of `target_total` words against
// `reference_freq` in `reference_total` words, by Rayson and Garside's
// formula: G2 = 2 * sum O ln(O / E) over the two frequencies, with E from
// the corpus sizes.  A total of 0 or a frequency above its total gives the
// default Keyness (g2 0, p 1).
Keyness log_likelihood_keyness(std::size_t target_freq,
                               std::size_t target_total,
                               std::size_t reference_freq,
                               std::size_t reference_total);

}  // namespace caselens::analysis

#endif  // CASELENS_ANALYSIS_STATISTICS_H_
