#include "cli/analysis_commands.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

#include "analysis/statistics.h"
#include "cli/charts.h"
#include "digest/digest.h"
#include "query/concordance.h"
#include "query/database.h"
#include "query/recommendations.h"
#include "query/similar.h"
#include "query/terms.h"
#include "query/theme_table.h"

namespace caselens::cli {
namespace {

// Options all analysis commands share: the scope (query and filters),
// output formats and chart files.
struct AnalysisOptions {
  Common common;
  std::vector<std::string> words;
  query::ThemeTableRequest table;
  std::string synonyms_file;
  std::string svg;
  std::string html;
};

void add_analysis_options(po::options_description& desc, AnalysisOptions& o, bool charts) {
  add_common(desc, o.common, true);
  add_filter_options(desc, o.table.scope, o.synonyms_file);
  if (charts) {
    desc.add_options()("svg", po::value(&o.svg), "write the chart as SVG to FILE")(
        "html", po::value(&o.html), "write the chart and its table as one HTML page to FILE");
  }
}

Result<query::ThemeTable> compute(AnalysisOptions& o) {
  auto ctx = open_query_context(o.common, o.synonyms_file);
  if (!ctx.ok()) return ctx.error();
  if (o.table.by == "category") {
    // A review's category is a bulletin's (digest/category.h), decided
    // from its record, themes and summary passages.
    const Xapian::Database& db = ctx->db;
    o.table.group_of = [&db](const std::string& review_id) -> Result<std::string> {
      auto category = digest::review_category(db, review_id);
      if (!category.ok()) return category.error();
      return category->id;
    };
  }
  return query::theme_table(ctx->db, o.table, ctx->synonyms);
}

std::string percent(double share) { return format_number("%.1f%%", 100 * share); }

std::string p_value_text(double p) {
  return p < 0.001 ? "<0.001" : format_number("%.3f", p);
}

double share_of(std::size_t count, std::size_t total) {
  return total ? static_cast<double>(count) / total : 0;
}

Status write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  out.close();
  if (!out) return Error{ErrorKind::kUsage, path + ": cannot write"};
  return Ok{};
}

// Writes --svg and --html when asked.
Status write_charts(const AnalysisOptions& o, const std::string& title, const std::string& svg,
                    const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows) {
  if (!o.svg.empty()) {
    if (auto ok = write_file(o.svg, svg); !ok.ok()) return ok;
  }
  if (!o.html.empty()) {
    if (auto ok = write_file(o.html, html_page(title, svg, html_table(header, rows))); !ok.ok()) {
      return ok;
    }
  }
  return Ok{};
}

void print_table(Format format, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
  if (format == Format::kCsv) {
    print_csv_row(header);
    for (const auto& r : rows) print_csv_row(r);
  } else {
    print_text_table(header, rows);
  }
}

void json_scope(Json& w, const AnalysisOptions& o, const query::ThemeTable& t) {
  json_field(w, "query", o.table.scope.query);
  json_field(w, "level", o.table.scope.passages ? "passage" : "review");
  json_uint(w, "units", t.units);
}

// "a,b" and repeated options both give a list.
std::vector<std::string> split_commas(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    std::stringstream in(item);
    for (std::string part; std::getline(in, part, ',');) {
      if (!part.empty()) out.push_back(part);
    }
  }
  return out;
}

// ---- themes ----

int themes_overall(const AnalysisOptions& o, const query::ThemeTable& t) {
  const std::vector<std::string> header = {"theme", "name", "count", "units", "share",
                                           "ci95_low", "ci95_high"};
  std::vector<std::vector<std::string>> rows;
  std::vector<BarDatum> bars;
  rapidjson::StringBuffer buf;
  Json w(buf);
  w.StartObject();
  json_scope(w, o, t);
  w.Key("themes");
  w.StartArray();
  for (std::size_t i = 0; i < t.themes.size(); ++i) {
    const double share = share_of(t.counts[i], t.units);
    const analysis::Interval ci = analysis::wilson_interval(t.counts[i], t.units);
    rows.push_back({t.themes[i].id, t.themes[i].name, std::to_string(t.counts[i]),
                    std::to_string(t.units), percent(share), percent(ci.low), percent(ci.high)});
    bars.push_back({t.themes[i].name, share, ci.low, ci.high,
                    std::to_string(t.counts[i]) + " of " + std::to_string(t.units)});
    w.StartObject();
    json_field(w, "id", t.themes[i].id);
    json_field(w, "name", t.themes[i].name);
    json_bool(w, "core", t.themes[i].core);
    json_uint(w, "count", t.counts[i]);
    json_double(w, "share", share);
    w.Key("ci95");
    w.StartArray();
    w.Double(ci.low);
    w.Double(ci.high);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  const std::string unit = o.table.scope.passages ? "passages" : "reviews";
  const std::string title = "Theme prevalence (" + std::to_string(t.units) + " " + unit + ")";
  if (auto ok = write_charts(o, title, bar_chart_svg(title, "Share of " + unit, bars), header, rows);
      !ok.ok()) {
    return fail(ok.error());
  }
  if (o.common.json) {
    print_json(buf);
  } else {
    if (o.common.format() == Format::kText) {
      std::cout << t.units << " " << unit << "; share with each theme and its 95% Wilson interval:\n";
    }
    print_table(o.common.format(), header, rows);
  }
  return 0;
}

int themes_by_group(const AnalysisOptions& o, const query::ThemeTable& t) {
  const std::size_t groups = t.groups.size();
  // Text: one row per theme, "count (col%)" per group, then the test.
  std::vector<std::string> text_header = {"theme", "all"};
  for (std::size_t g = 0; g < groups; ++g) {
    text_header.push_back(t.groups[g] + " (n=" + std::to_string(t.group_totals[g]) + ")");
  }
  text_header.insert(text_header.end(), {"chi2", "df", "p"});
  std::vector<std::vector<std::string>> text_rows;
  // CSV and HTML: long format, one row per theme and group.
  const std::vector<std::string> long_header = {"theme", "name", o.table.by, "count",
                                                "group_total", "share", "chi2", "df", "p"};
  std::vector<std::vector<std::string>> long_rows;
  rapidjson::StringBuffer buf;
  Json w(buf);
  w.StartObject();
  json_scope(w, o, t);
  json_field(w, "by", o.table.by);
  w.Key("groups");
  w.StartArray();
  for (std::size_t g = 0; g < groups; ++g) {
    w.StartObject();
    json_field(w, "value", t.groups[g]);
    json_uint(w, "units", t.group_totals[g]);
    w.EndObject();
  }
  w.EndArray();
  w.Key("themes");
  w.StartArray();
  for (std::size_t i = 0; i < t.themes.size(); ++i) {
    std::vector<double> present, absent;
    for (std::size_t g = 0; g < groups; ++g) {
      present.push_back(static_cast<double>(t.by_group[i][g]));
      absent.push_back(static_cast<double>(t.group_totals[g] - t.by_group[i][g]));
    }
    const analysis::ChiSquareTest test = analysis::chi_square_independence({present, absent});
    const std::string chi2 = test.valid ? format_number("%.2f", test.statistic) : "-";
    const std::string df = test.valid ? std::to_string(test.df) : "-";
    const std::string p = test.valid ? p_value_text(test.p_value) : "-";
    std::vector<std::string> row = {t.themes[i].id,
                                    std::to_string(t.counts[i]) + " (" +
                                        percent(share_of(t.counts[i], t.units)) + ")"};
    w.StartObject();
    json_field(w, "id", t.themes[i].id);
    json_field(w, "name", t.themes[i].name);
    json_uint(w, "count", t.counts[i]);
    json_double(w, "share", share_of(t.counts[i], t.units));
    w.Key("by_group");
    w.StartArray();
    for (std::size_t g = 0; g < groups; ++g) {
      const double share = share_of(t.by_group[i][g], t.group_totals[g]);
      row.push_back(std::to_string(t.by_group[i][g]) + " (" + percent(share) + ")");
      long_rows.push_back({t.themes[i].id, t.themes[i].name, t.groups[g],
                           std::to_string(t.by_group[i][g]), std::to_string(t.group_totals[g]),
                           format_number("%.4f", share), chi2, df, p});
      w.StartObject();
      json_uint(w, "count", t.by_group[i][g]);
      json_double(w, "share", share);
      w.EndObject();
    }
    w.EndArray();
    w.Key("chi_square");
    w.StartObject();
    json_bool(w, "valid", test.valid);
    json_double(w, "statistic", test.statistic);
    json_int(w, "df", test.df);
    json_double(w, "p_value", test.p_value);
    json_uint(w, "low_expected_cells", test.low_expected_cells);
    w.EndObject();
    w.EndObject();
    row.insert(row.end(), {chi2, df, p});
    text_rows.push_back(std::move(row));
  }
  w.EndArray();
  w.EndObject();
  // Chart: each theme's share per group, groups as the x axis.
  std::vector<Series> series;
  for (std::size_t i = 0; i < t.themes.size(); ++i) {
    if (t.counts[i] == 0) continue;
    Series s{t.themes[i].name, {}};
    for (std::size_t g = 0; g < groups; ++g) {
      s.values.push_back(share_of(t.by_group[i][g], t.group_totals[g]));
    }
    series.push_back(std::move(s));
  }
  const std::string title = "Themes by " + o.table.by;
  if (auto ok = write_charts(o, title,
                             line_chart_svg(title, t.groups, o.table.by, "Share of reviews", series),
                             long_header, long_rows);
      !ok.ok()) {
    return fail(ok.error());
  }
  switch (o.common.format()) {
    case Format::kJson: print_json(buf); break;
    case Format::kCsv: print_table(Format::kCsv, long_header, long_rows); break;
    case Format::kText:
      std::cout << t.units << " units by " << o.table.by
                << ": count (column %) and a chi-square test of independence per theme\n";
      print_text_table(text_header, text_rows);
      break;
  }
  return 0;
}

}  // namespace

int cmd_themes(const Args& args) {
  AnalysisOptions o;
  po::options_description desc("Options");
  add_analysis_options(desc, o, true);
  desc.add_options()("by", po::value(&o.table.by),
                     "year, type, partnership, nation or category (the bulletin table "
                     "`caselens digest` puts the review in)")(
      "passages", po::bool_switch(&o.table.scope.passages), "count passages, not reviews");
  const int parsed = parse(
      "themes", "[QUERY] [--by year|type|partnership|nation|category] [filters] [--svg FILE]",
      "How common each theme is among the reviews matching QUERY and the filters\n"
      "(all reviews when none): count, share and 95% Wilson interval.  With --by,\n"
      "a crosstab of themes by group with column percentages and a chi-square\n"
      "test of independence per theme.",
      desc, {"query", -1, po::value(&o.words)}, args);
  if (parsed >= 0) return parsed;
  o.table.scope.query = join_words(o.words);
  auto table = compute(o);
  if (!table.ok()) return fail(table.error());
  return o.table.by.empty() ? themes_overall(o, *table) : themes_by_group(o, *table);
}

int cmd_cooccur(const Args& args) {
  AnalysisOptions o;
  std::vector<std::string> themes;
  std::string level = "review";
  std::size_t limit = 20;
  po::options_description desc("Options");
  add_analysis_options(desc, o, true);
  desc.add_options()("themes", po::value(&themes)->composing(),
                     "themes to pair, comma-separated or repeated (default: all)")(
      "level", po::value(&level)->default_value(level),
      "review: themes in the same review; passage: in the same passage")(
      "limit", po::value(&limit)->default_value(limit), "pairs to list (text output)");
  const int parsed = parse(
      "cooccur", "[QUERY] [--themes a,b,...] [--level review|passage] [filters] [--svg FILE]",
      "Which themes occur together: for each pair, the joint count, lift\n"
      "(observed/expected), Jaccard and a two-sided Fisher exact test, strongest\n"
      "pairs first.",
      desc, {"query", -1, po::value(&o.words)}, args);
  if (parsed >= 0) return parsed;
  if (level != "review" && level != "passage") {
    return fail({ErrorKind::kUsage, "--level '" + level + "': expected review or passage"});
  }
  o.table.scope.query = join_words(o.words);
  o.table.scope.passages = level == "passage";
  o.table.themes = split_commas(themes);
  o.table.pairs = true;
  auto result = compute(o);
  if (!result.ok()) return fail(result.error());
  const query::ThemeTable& t = *result;

  struct Pair {
    std::size_t a, b, joint;
    double lift, jaccard, p;
  };
  std::vector<Pair> pairs;
  const std::size_t n = t.themes.size();
  std::vector<std::vector<double>> lift(n, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      lift[i][j] = analysis::lift(t.joint[i][j], t.counts[i], t.counts[j], t.units);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const std::size_t joint = t.joint[i][j];
      const std::size_t only_a = t.counts[i] - joint, only_b = t.counts[j] - joint;
      const std::size_t neither = t.units - t.counts[i] - t.counts[j] + joint;
      pairs.push_back({i, j, joint, lift[i][j],
                       analysis::jaccard(joint, t.counts[i], t.counts[j]),
                       analysis::fisher_exact_two_sided(joint, only_a, only_b, neither)});
    }
  }
  // Strongest first: highest lift among pairs seen together, then the most
  // significant; pairs never seen together last.
  std::sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) {
    if ((x.joint > 0) != (y.joint > 0)) return x.joint > 0;
    if (x.lift != y.lift) return x.lift > y.lift;
    return x.p < y.p;
  });
  const std::vector<std::string> header = {"theme_a", "theme_b", "joint", "count_a", "count_b",
                                           "lift", "jaccard", "fisher_p"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : pairs) {
    rows.push_back({t.themes[p.a].id, t.themes[p.b].id, std::to_string(p.joint),
                    std::to_string(t.counts[p.a]), std::to_string(t.counts[p.b]),
                    format_number("%.2f", p.lift), format_number("%.3f", p.jaccard),
                    format_number("%.4g", p.p)});
  }
  // Heatmap over the themes that occur at all.
  std::vector<std::size_t> shown;
  for (std::size_t i = 0; i < n; ++i) {
    if (t.counts[i] > 0) shown.push_back(i);
  }
  std::vector<std::string> labels;
  std::vector<std::vector<double>> values;
  std::vector<std::vector<std::string>> cells;
  for (std::size_t i : shown) {
    labels.push_back(t.themes[i].name);
    values.emplace_back();
    cells.emplace_back();
    for (std::size_t j : shown) {
      values.back().push_back(i == j ? std::numeric_limits<double>::quiet_NaN() : lift[i][j]);
      cells.back().push_back(std::to_string(t.joint[i][j]));
    }
  }
  const std::string title = "Theme co-occurrence by " + level + " (" + std::to_string(t.units) +
                            " " + level + "s)";
  if (auto ok = write_charts(o, title,
                             heatmap_svg(title, labels, labels, values, cells, "Lift (observed / expected)"),
                             header, rows);
      !ok.ok()) {
    return fail(ok.error());
  }
  if (o.common.json) {
    rapidjson::StringBuffer buf;
    Json w(buf);
    w.StartObject();
    json_scope(w, o, t);
    w.Key("themes");
    w.StartArray();
    for (std::size_t i = 0; i < n; ++i) {
      w.StartObject();
      json_field(w, "id", t.themes[i].id);
      json_field(w, "name", t.themes[i].name);
      json_uint(w, "count", t.counts[i]);
      w.EndObject();
    }
    w.EndArray();
    w.Key("joint");
    w.StartArray();
    for (const auto& row : t.joint) {
      w.StartArray();
      for (std::size_t v : row) w.Uint64(v);
      w.EndArray();
    }
    w.EndArray();
    w.Key("pairs");
    w.StartArray();
    for (const auto& p : pairs) {
      w.StartObject();
      json_field(w, "a", t.themes[p.a].id);
      json_field(w, "b", t.themes[p.b].id);
      json_uint(w, "joint", p.joint);
      json_double(w, "lift", p.lift);
      json_double(w, "jaccard", p.jaccard);
      json_double(w, "fisher_p", p.p);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    print_json(buf);
  } else if (o.common.csv) {
    print_table(Format::kCsv, header, rows);
  } else {
    std::cout << t.units << " " << level << "s; theme pairs, strongest first:\n";
    if (rows.size() > limit) rows.resize(limit);
    print_text_table(header, rows);
  }
  return 0;
}

int cmd_trend(const Args& args) {
  AnalysisOptions o;
  std::vector<std::string> themes;
  std::string by = "year";
  po::options_description desc("Options");
  add_analysis_options(desc, o, true);
  desc.add_options()("by", po::value(&by)->default_value(by), "the period: year")(
      "query", po::value(&o.table.scope.query), "count only reviews matching this query");
  const int parsed = parse(
      "trend", "THEME... [--by year] [--query QUERY] [filters] [--svg FILE]",
      "Counts and shares of reviews with each THEME per year, with a\n"
      "Cochran-Armitage test for trend (z > 0: rising).  Reviews without a\n"
      "known year are left out.",
      desc, {"trend-theme", -1, po::value(&themes)}, args);
  if (parsed >= 0) return parsed;
  if (by != "year") return fail({ErrorKind::kUsage, "--by '" + by + "': only year is supported"});
  o.table.themes = split_commas(themes);
  if (o.table.themes.empty()) {
    std::cerr << "caselens trend: no THEME given (see caselens trend --help)\n";
    return 1;
  }
  o.table.by = "year";
  auto result = compute(o);
  if (!result.ok()) return fail(result.error());
  const query::ThemeTable& t = *result;

  std::vector<double> scores;
  for (const auto& year : t.groups) scores.push_back(std::stod(year));
  const std::vector<std::string> header = {"theme", "year", "count", "reviews", "share"};
  std::vector<std::vector<std::string>> rows;
  std::vector<Series> series;
  rapidjson::StringBuffer buf;
  Json w(buf);
  w.StartObject();
  json_scope(w, o, t);
  w.Key("periods");
  w.StartArray();
  for (std::size_t g = 0; g < t.groups.size(); ++g) {
    w.StartObject();
    json_field(w, "year", t.groups[g]);
    json_uint(w, "units", t.group_totals[g]);
    w.EndObject();
  }
  w.EndArray();
  w.Key("themes");
  w.StartArray();
  std::vector<std::string> summaries;
  for (std::size_t i = 0; i < t.themes.size(); ++i) {
    const analysis::TrendTest test =
        analysis::cochran_armitage(t.by_group[i], t.group_totals, scores);
    Series s{t.themes[i].name, {}};
    w.StartObject();
    json_field(w, "id", t.themes[i].id);
    json_field(w, "name", t.themes[i].name);
    w.Key("counts");
    w.StartArray();
    for (std::size_t c : t.by_group[i]) w.Uint64(c);
    w.EndArray();
    w.Key("shares");
    w.StartArray();
    for (std::size_t g = 0; g < t.groups.size(); ++g) {
      const double share = share_of(t.by_group[i][g], t.group_totals[g]);
      w.Double(share);
      s.values.push_back(share);
      rows.push_back({t.themes[i].id, t.groups[g], std::to_string(t.by_group[i][g]),
                      std::to_string(t.group_totals[g]), percent(share)});
    }
    w.EndArray();
    w.Key("trend");
    w.StartObject();
    json_bool(w, "valid", test.valid);
    json_double(w, "z", test.z);
    json_double(w, "chi_square", test.chi_square);
    json_double(w, "p_value", test.p_value);
    w.EndObject();
    w.EndObject();
    summaries.push_back(t.themes[i].name + ": " +
                        (test.valid ? "z = " + format_number("%.2f", test.z) +
                                          ", p = " + p_value_text(test.p_value)
                                    : std::string("no test (needs two years with reviews, and variation)")));
    series.push_back(std::move(s));
  }
  w.EndArray();
  w.EndObject();
  const std::string title = "Share of reviews by year";
  if (auto ok = write_charts(o, title,
                             line_chart_svg(title, t.groups, "Year", "Share of reviews", series),
                             header, rows);
      !ok.ok()) {
    return fail(ok.error());
  }
  switch (o.common.format()) {
    case Format::kJson: print_json(buf); break;
    case Format::kCsv: print_table(Format::kCsv, header, rows); break;
    case Format::kText:
      print_text_table(header, rows);
      std::cout << "\nCochran-Armitage test for trend:\n";
      for (const auto& line : summaries) std::cout << "  " << line << '\n';
      break;
  }
  return 0;
}

int cmd_kwic(const Args& args) {
  Common common;
  query::ConcordanceRequest req;
  std::vector<std::string> words;
  std::string synonyms_file;
  po::options_description desc("Options");
  add_common(desc, common, true);
  add_filter_options(desc, req.scope, synonyms_file);
  desc.add_options()("query", po::value(&req.scope.query), "only passages matching this query")(
      "width", po::value(&req.width)->default_value(req.width), "context characters each side")(
      "limit", po::value(&req.limit)->default_value(req.limit), "most lines")(
      "sort", po::value(&req.sort)->default_value(req.sort), "position, left or right context");
  const int parsed = parse(
      "kwic", "TERM-OR-PHRASE [--query QUERY] [filters] [--width N] [--sort left|right]",
      "Keyword in context: each occurrence of a word or phrase (words match by\n"
      "stem: 'shared' finds 'sharing'), with its left and right context, review\n"
      "and section.",
      desc, {"term", -1, po::value(&words)}, args);
  if (parsed >= 0) return parsed;
  req.term = join_words(words);
  if (req.term.empty()) {
    std::cerr << "caselens kwic: no TERM given (see caselens kwic --help)\n";
    return 1;
  }
  auto ctx = open_query_context(common, synonyms_file);
  if (!ctx.ok()) return fail(ctx.error());
  auto result = query::concordance(ctx->db, req, ctx->synonyms);
  if (!result.ok()) return fail(result.error());
  const auto& lines = result->lines;
  if (common.json) {
    rapidjson::StringBuffer buf;
    Json w(buf);
    w.StartObject();
    json_field(w, "term", req.term);
    json_uint(w, "total", result->total);
    w.Key("lines");
    w.StartArray();
    for (const auto& l : lines) {
      w.StartObject();
      json_field(w, "left", l.left);
      json_field(w, "keyword", l.keyword);
      json_field(w, "right", l.right);
      json_field(w, "review", l.review);
      json_field(w, "title", l.title);
      json_field(w, "passage", l.passage);
      json_field(w, "section", l.section);
      json_uint(w, "begin", l.begin);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    print_json(buf);
  } else if (common.csv) {
    print_csv_row({"left", "keyword", "right", "review", "passage", "section", "begin"});
    for (const auto& l : lines) {
      print_csv_row({l.left, l.keyword, l.right, l.review, l.passage, l.section,
                     std::to_string(l.begin)});
    }
  } else {
    std::cout << result->total << " occurrence" << (result->total == 1 ? "" : "s") << " of '"
              << req.term << "'" << (lines.size() < result->total ? " (showing " + std::to_string(lines.size()) + ")" : "")
              << "\n";
    for (const auto& l : lines) {
      const std::string pad(req.width > l.left.size() ? req.width - l.left.size() : 0, ' ');
      std::cout << pad << l.left << " [" << l.keyword << "] " << l.right << "   ("
                << l.passage << ")\n";
    }
  }
  return 0;
}

int cmd_terms(const Args& args) {
  Common common;
  query::TermsRequest req;
  std::vector<std::string> words;
  std::string synonyms_file;
  po::options_description desc("Options");
  add_common(desc, common, true);
  add_filter_options(desc, req.scope, synonyms_file);
  desc.add_options()("limit", po::value(&req.limit)->default_value(req.limit), "terms to list")(
      "min-freq", po::value(&req.min_freq)->default_value(req.min_freq),
      "leave out words seen fewer times in the matching reviews");
  const int parsed = parse(
      "terms", "QUERY [filters]",
      "The words most distinctive of the reviews matching QUERY against the rest\n"
      "of the index: log-likelihood keyness (G2, p) with Log Ratio effect size\n"
      "(log2 of the ratio of relative frequencies), and Xapian's expansion terms.",
      desc, {"query", -1, po::value(&words)}, args);
  if (parsed >= 0) return parsed;
  req.scope.query = join_words(words);
  auto stopwords = load_word_list(data_dir() / "stopwords.txt");
  if (!stopwords.ok()) return fail(stopwords.error());
  req.stopwords = std::move(*stopwords);
  auto ctx = open_query_context(common, synonyms_file);
  if (!ctx.ok()) return fail(ctx.error());
  auto result = query::distinctive_terms(ctx->db, req, ctx->synonyms);
  if (!result.ok()) return fail(result.error());
  const auto& r = *result;
  const std::vector<std::string> header = {"term", "target_freq", "reference_freq", "g2", "p",
                                           "log_ratio"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& k : r.key_terms) {
    rows.push_back({k.term, std::to_string(k.target_freq), std::to_string(k.reference_freq),
                    format_number("%.2f", k.keyness.g2), p_value_text(k.keyness.p_value),
                    format_number("%.2f", k.keyness.log_ratio)});
  }
  if (common.json) {
    rapidjson::StringBuffer buf;
    Json w(buf);
    w.StartObject();
    json_field(w, "query", req.scope.query);
    for (const auto& [key, value] :
         {std::pair{"target_reviews", r.target_reviews}, {"reference_reviews", r.reference_reviews},
          {"target_words", r.target_words}, {"reference_words", r.reference_words}}) {
      json_uint(w, key, value);
    }
    w.Key("key_terms");
    w.StartArray();
    for (const auto& k : r.key_terms) {
      w.StartObject();
      json_field(w, "term", k.term);
      json_uint(w, "target_freq", k.target_freq);
      json_uint(w, "reference_freq", k.reference_freq);
      json_double(w, "g2", k.keyness.g2);
      json_double(w, "p_value", k.keyness.p_value);
      json_double(w, "log_ratio", k.keyness.log_ratio);
      w.EndObject();
    }
    w.EndArray();
    w.Key("expansion");
    w.StartArray();
    for (const auto& e : r.expansion) {
      w.StartObject();
      json_field(w, "term", e.term);
      json_double(w, "weight", e.weight);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    print_json(buf);
  } else if (common.csv) {
    print_table(Format::kCsv, header, rows);
  } else {
    std::cout << r.target_reviews << " matching reviews (" << r.target_words << " words) against "
              << r.reference_reviews << " others (" << r.reference_words << " words):\n";
    print_text_table(header, rows);
    std::cout << "\nXapian expansion terms:";
    for (const auto& e : r.expansion) std::cout << ' ' << e.term;
    std::cout << '\n';
  }
  return 0;
}

int cmd_similar(const Args& args) {
  Common common;
  std::string id;
  std::size_t limit = 10;
  po::options_description desc("Options");
  add_common(desc, common, true);
  desc.add_options()("limit", po::value(&limit)->default_value(limit), "reviews to list");
  const int parsed = parse(
      "similar", "ID [--limit N]",
      "Reviews most like review ID: by text (its most distinctive terms, from\n"
      "Xapian's relevance feedback, as a query) and by theme profile (Jaccard of\n"
      "the themes present); ranked by the mean of the two, with shared themes.",
      desc, {"id", 1, po::value(&id)}, args);
  if (parsed >= 0) return parsed;
  if (id.empty()) {
    std::cerr << "caselens similar: no ID given (ids are shown by `caselens search`)\n";
    return 1;
  }
  auto index = open_databases(common);
  if (!index.ok()) return fail(index.error());
  auto result = query::similar_reviews(index->db, id, limit);
  if (!result.ok()) return fail(result.error());
  const std::vector<std::string> header = {"rank", "id", "score", "text", "themes", "title",
                                           "shared_themes"};
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < result->reviews.size(); ++i) {
    const auto& s = result->reviews[i];
    rows.push_back({std::to_string(i + 1), s.review.id, format_number("%.3f", s.score),
                    format_number("%.3f", s.text_score), format_number("%.3f", s.theme_jaccard),
                    s.review.title, join_words(s.shared_themes)});
  }
  if (common.json) {
    rapidjson::StringBuffer buf;
    Json w(buf);
    w.StartObject();
    json_field(w, "id", id);
    w.Key("terms");
    w.StartArray();
    for (const auto& t : result->terms) w.String(t.c_str());
    w.EndArray();
    w.Key("results");
    w.StartArray();
    for (std::size_t i = 0; i < result->reviews.size(); ++i) {
      const auto& s = result->reviews[i];
      w.StartObject();
      json_uint(w, "rank", i + 1);
      json_field(w, "id", s.review.id);
      json_double(w, "score", s.score);
      json_double(w, "text_score", s.text_score);
      json_double(w, "theme_jaccard", s.theme_jaccard);
      w.Key("shared_themes");
      w.StartArray();
      for (const auto& t : s.shared_themes) w.String(t.c_str());
      w.EndArray();
      json_review_fields(w, s.review);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    print_json(buf);
  } else {
    if (!common.csv) std::cout << "Reviews like " << result->source.title << " [" << id << "]:\n";
    print_table(common.format(), header, rows);
  }
  return 0;
}

void json_statement(Json& w, const query::Statement& s) {
  w.StartObject();
  json_field(w, "review", s.review);
  json_field(w, "date", s.date);
  json_field(w, "passage", s.passage);
  json_field(w, "section", s.section);
  json_field(w, "text", s.text);
  w.EndObject();
}

int cmd_recommendations(const Args& args) {
  Common common;
  query::RecommendationsRequest req;
  std::vector<std::string> words;
  std::string synonyms_file;
  po::options_description desc("Options");
  add_common(desc, common, true);
  add_filter_options(desc, req.scope, synonyms_file);
  desc.add_options()("threshold", po::value(&req.threshold)->default_value(req.threshold),
                     "cosine similarity (TF-IDF of stemmed words) that links two statements")(
      "limit", po::value(&req.limit)->default_value(req.limit), "groups to list");
  const int parsed = parse(
      "recommendations", "[QUERY] [filters] [--threshold X]",
      "Recommendation and learning statements (passages of sections headed\n"
      "Recommendations, Learning or Lessons), grouped across reviews when their\n"
      "wording is nearly the same; the groups made in the most reviews first.\n"
      "QUERY selects statements that match it.",
      desc, {"query", -1, po::value(&words)}, args);
  if (parsed >= 0) return parsed;
  if (req.threshold <= 0 || req.threshold > 1) {
    return fail({ErrorKind::kUsage, "--threshold must be in (0, 1]"});
  }
  req.scope.query = join_words(words);
  auto ctx = open_query_context(common, synonyms_file);
  if (!ctx.ok()) return fail(ctx.error());
  auto result = query::recurring_recommendations(ctx->db, req, ctx->synonyms);
  if (!result.ok()) return fail(result.error());
  const auto& r = *result;
  if (common.json) {
    rapidjson::StringBuffer buf;
    Json w(buf);
    w.StartObject();
    json_uint(w, "statements", r.statements);
    json_uint(w, "groups", r.groups);
    json_double(w, "threshold", r.threshold);
    w.Key("results");
    w.StartArray();
    for (const auto& g : r.top) {
      w.StartObject();
      w.Key("reviews");
      w.StartArray();
      for (const auto& id : g.reviews) w.String(id.c_str());
      w.EndArray();
      w.Key("representative");
      json_statement(w, g.representative);
      w.Key("members");
      w.StartArray();
      for (const auto& m : g.members) json_statement(w, m);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    print_json(buf);
  } else if (common.csv) {
    print_csv_row({"group", "reviews_in_group", "representative", "review", "date", "passage",
                   "section", "text"});
    for (std::size_t i = 0; i < r.top.size(); ++i) {
      const auto& g = r.top[i];
      for (const auto& m : g.members) {
        print_csv_row({std::to_string(i + 1), std::to_string(g.reviews.size()),
                       m.passage == g.representative.passage ? "yes" : "no", m.review, m.date,
                       m.passage, m.section, m.text});
      }
    }
  } else {
    std::cout << r.statements << " statements in " << r.groups << " groups (similarity >= "
              << format_number("%.2f", r.threshold) << "); most recurring first:\n";
    for (std::size_t i = 0; i < r.top.size(); ++i) {
      const auto& g = r.top[i];
      std::cout << "\n" << i + 1 << ". " << g.reviews.size() << " review"
                << (g.reviews.size() == 1 ? "" : "s") << ", " << g.members.size() << " statement"
                << (g.members.size() == 1 ? "" : "s") << ": \"" << g.representative.text << "\"\n";
      for (const auto& m : g.members) {
        if (m.passage == g.representative.passage) continue;
        std::cout << "     also: \"" << m.text << "\" (" << m.passage
                  << (m.date.empty() ? "" : ", " + m.date) << ")\n";
      }
      std::cout << "     in: ";
      for (std::size_t k = 0; k < g.reviews.size(); ++k) std::cout << (k ? ", " : "") << g.reviews[k];
      std::cout << '\n';
    }
  }
  return 0;
}

}  // namespace caselens::cli
