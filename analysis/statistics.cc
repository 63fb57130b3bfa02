#include "analysis/statistics.h"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/complement.hpp>
#include <boost/math/distributions/normal.hpp>

namespace caselens::analysis {
namespace {

// Upper tail of chi-square with `df` degrees of freedom; 1 on any error.
double chi_square_upper_tail(double statistic, double df) {
  if (!(statistic > 0) || !(df > 0)) return 1.0;
  if (std::isinf(statistic)) return 0.0;
  try {
    const boost::math::chi_squared_distribution<double> chi2(df);
    return boost::math::cdf(boost::math::complement(chi2, statistic));
  } catch (...) {
    return 1.0;
  }
}

// Two-sided p-value of a standard normal z; 1 on any error.
double normal_two_sided(double z) {
  if (std::isnan(z)) return 1.0;
  if (std::isinf(z)) return 0.0;
  try {
    const boost::math::normal_distribution<double> normal;
    return std::min(1.0, 2 * boost::math::cdf(
                                 boost::math::complement(normal, std::abs(z))));
  } catch (...) {
    return 1.0;
  }
}

}  // namespace

Interval wilson_interval(std::size_t successes, std::size_t n,
                         double confidence) {
  if (n == 0 || !(confidence > 0 && confidence < 1)) return {0, 1};
  successes = std::min(successes, n);
  double z = 0;
  try {
    const boost::math::normal_distribution<double> normal;
    z = boost::math::quantile(
        boost::math::complement(normal, (1 - confidence) / 2));
  } catch (...) {
    return {0, 1};
  }
  const double count = static_cast<double>(n);
  const double p = static_cast<double>(successes) / count;
  const double z2 = z * z;
  const double denominator = 1 + z2 / count;
  const double centre = (p + z2 / (2 * count)) / denominator;
  const double half_width =
      z / denominator *
      std::sqrt(p * (1 - p) / count + z2 / (4 * count * count));
  Interval interval{std::max(0.0, centre - half_width),
                    std::min(1.0, centre + half_width)};
  // The formula gives these exactly in real arithmetic; make them exact.
  if (successes == 0) interval.low = 0;
  if (successes == n) interval.high = 1;
  return interval;
}

ChiSquareTest chi_square_independence(
    const std::vector<std::vector<double>>& table) {
  ChiSquareTest result;
  std::size_t columns = 0;
  for (const std::vector<double>& row : table) {
    columns = std::max(columns, row.size());
    for (double count : row) {
      if (!std::isfinite(count) || count < 0) return result;
    }
  }
  std::vector<double> row_totals;
  std::vector<const std::vector<double>*> rows;
  std::vector<double> column_totals(columns, 0.0);
  for (const std::vector<double>& row : table) {
    double total = 0;
    for (std::size_t j = 0; j < row.size(); ++j) {
      total += row[j];
      column_totals[j] += row[j];
    }
    if (total > 0) {
      rows.push_back(&row);
      row_totals.push_back(total);
    }
  }
  std::vector<std::size_t> kept_columns;
  double grand_total = 0;
  for (std::size_t j = 0; j < columns; ++j) {
    if (column_totals[j] > 0) {
      kept_columns.push_back(j);
      grand_total += column_totals[j];
    }
  }
  if (rows.empty() || kept_columns.empty()) return result;

  double statistic = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::vector<double>& row = *rows[i];
    for (std::size_t j : kept_columns) {
      const double expected = row_totals[i] * column_totals[j] / grand_total;
      const double observed = j < row.size() ? row[j] : 0.0;
      statistic += (observed - expected) * (observed - expected) / expected;
      if (expected < 5) ++result.low_expected_cells;
    }
  }
  result.df = static_cast<int>((rows.size() - 1) * (kept_columns.size() - 1));
  if (result.df == 0) return result;  // one row or one column: nothing to test
  result.statistic = statistic;
  result.p_value = chi_square_upper_tail(statistic, result.df);
  result.valid = true;
  return result;
}

double fisher_exact_two_sided(std::size_t a, std::size_t b, std::size_t c,
                              std::size_t d) {
  // Hypergeometric: N units, K in the first row, n in the first column;
  // x = a ranges over [lo, hi] with the margins fixed.
  const double N = static_cast<double>(a) + b + c + d;
  const double K = static_cast<double>(a) + b;
  const double n = static_cast<double>(a) + c;
  if (K == 0 || K == N || n == 0 || n == N) return 1.0;
  const double lo = std::max(0.0, n - (N - K));
  const double hi = std::min(K, n);
  // log P(x + 1) - log P(x), exact in its factors.
  auto log_step = [&](double x) {
    return std::log((K - x) * (n - x)) -
           std::log((x + 1) * (N - K - n + x + 1));
  };
  // Start at the mode (the distribution is unimodal) and walk outwards in
  // log space relative to it, until terms vanish in double precision.
  double mode = std::floor((n + 1) * (K + 1) / (N + 2));
  mode = std::clamp(mode, lo, hi);
  while (mode < hi && log_step(mode) > 0) ++mode;
  while (mode > lo && log_step(mode - 1) < 0) --mode;

  constexpr double kNegligible = -750;  // exp() of it is 0 in double
  std::vector<double> below;            // log weights at mode-1, mode-2, ...
  std::vector<double> above;            // log weights at mode+1, mode+2, ...
  for (double x = mode, lw = 0; x > lo;) {
    lw -= log_step(x - 1);
    --x;
    if (lw < kNegligible) break;
    below.push_back(lw);
  }
  for (double x = mode, lw = 0; x < hi; ++x) {
    lw += log_step(x);
    if (lw < kNegligible) break;
    above.push_back(lw);
  }
  const double observed = static_cast<double>(a);
  double observed_lw = 0;
  if (observed < mode) {
    const double steps = mode - observed;
    if (steps > static_cast<double>(below.size())) return 0.0;
    observed_lw = below[static_cast<std::size_t>(steps) - 1];
  } else if (observed > mode) {
    const double steps = observed - mode;
    if (steps > static_cast<double>(above.size())) return 0.0;
    observed_lw = above[static_cast<std::size_t>(steps) - 1];
  }
  // Tables at most (1 + 1e-7) times as probable as the observed one count.
  const double threshold = observed_lw + std::log1p(1e-7);
  double total = 0;
  double tail = 0;
  auto add = [&](double lw) {
    const double w = std::exp(lw);
    total += w;
    if (lw <= threshold) tail += w;
  };
  // Smallest terms first, for accuracy of the sums.
  for (auto it = below.rbegin(); it != below.rend(); ++it) add(*it);
  for (auto it = above.rbegin(); it != above.rend(); ++it) add(*it);
  add(0);
  return std::min(1.0, tail / total);
}

double lift(std::size_t joint, std::size_t a, std::size_t b, std::size_t n) {
  if (a == 0 || b == 0 || n == 0) return 0.0;
  return static_cast<double>(joint) * static_cast<double>(n) /
         (static_cast<double>(a) * static_cast<double>(b));
}

double jaccard(std::size_t joint, std::size_t a, std::size_t b) {
  const double union_size = static_cast<double>(a) + static_cast<double>(b) -
                            static_cast<double>(joint);
  if (!(union_size > 0)) return 0.0;
  return static_cast<double>(joint) / union_size;
}

TrendTest cochran_armitage(const std::vector<std::size_t>& successes,
                           const std::vector<std::size_t>& totals,
                           std::vector<double> scores) {
  TrendTest result;
  if (successes.size() != totals.size()) return result;
  if (scores.empty()) {
    for (std::size_t i = 0; i < totals.size(); ++i) {
      scores.push_back(static_cast<double>(i));
    }
  }
  if (scores.size() != totals.size()) return result;

  // Pooled proportion and weighted mean score over the groups with data.
  double all_successes = 0;
  double all_units = 0;
  double score_sum = 0;
  std::size_t groups = 0;
  for (std::size_t i = 0; i < totals.size(); ++i) {
    if (successes[i] > totals[i] || !std::isfinite(scores[i])) return result;
    if (totals[i] == 0) continue;
    ++groups;
    all_successes += static_cast<double>(successes[i]);
    all_units += static_cast<double>(totals[i]);
    score_sum += static_cast<double>(totals[i]) * scores[i];
  }
  if (groups < 2 || all_successes == 0 || all_successes == all_units) {
    return result;
  }
  const double pooled = all_successes / all_units;
  const double mean_score = score_sum / all_units;
  double trend = 0;            // sum x_i (s_i - mean)
  double score_variation = 0;  // sum N_i (s_i - mean)^2
  for (std::size_t i = 0; i < totals.size(); ++i) {
    if (totals[i] == 0) continue;
    const double deviation = scores[i] - mean_score;
    trend += static_cast<double>(successes[i]) * deviation;
    score_variation += static_cast<double>(totals[i]) * deviation * deviation;
  }
  const double variance = pooled * (1 - pooled) * score_variation;
  if (!(variance > 0)) return result;  // the groups with data share a score
  result.z = trend / std::sqrt(variance);
  result.chi_square = result.z * result.z;
  result.p_value = normal_two_sided(result.z);
  result.valid = true;
  return result;
}

Keyness log_likelihood_keyness(std::size_t target_freq,
                               std::size_t target_total,
                               std::size_t reference_freq,
                               std::size_t reference_total) {
  Keyness result;
  if (target_total == 0 || reference_total == 0 || target_freq > target_total ||
      reference_freq > reference_total) {
    return result;
  }
  const double a = static_cast<double>(target_freq);
  const double b = static_cast<double>(reference_freq);
  const double c = static_cast<double>(target_total);
  const double d = static_cast<double>(reference_total);
  if (a == 0 && b == 0) return result;

  // Rayson & Garside: expected frequencies from the corpus sizes.
  const double expected_target = c * (a + b) / (c + d);
  const double expected_reference = d * (a + b) / (c + d);
  double g2 = 0;
  if (a > 0) g2 += a * std::log(a / expected_target);
  if (b > 0) g2 += b * std::log(b / expected_reference);
  result.g2 = std::max(0.0, 2 * g2);  // rounding can leave -1e-16 for a tie
  result.p_value = chi_square_upper_tail(result.g2, 1);
  const double target_relative = (a > 0 ? a : 0.5) / c;
  const double reference_relative = (b > 0 ? b : 0.5) / d;
  result.log_ratio = std::log2(target_relative / reference_relative);
  result.overused = a / c > b / d;
  return result;
}

}  // namespace caselens::analysis
