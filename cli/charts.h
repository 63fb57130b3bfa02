// Charts for the analysis commands (themes, cooccur, trend), written
// directly as SVG, and a self-contained HTML page holding a chart and its
// table.  Pure functions: data in, text out, no I/O.
//
// Every chart is a standalone SVG document (xmlns set, no XML declaration,
// so it can be written to a .svg file or inlined in HTML as is).  Sizes
// are computed from the data: label widths are estimated from character
// counts with generous per-character widths, so long theme names fit.
// All text is escaped.  Output is deterministic: numbers are formatted
// with fixed decimals, independent of the locale.  Empty or all-missing
// data gives a valid SVG that says "no data".
#ifndef CASELENS_CLI_CHARTS_H_
#define CASELENS_CLI_CHARTS_H_

#include <string>
#include <string_view>
#include <vector>

namespace caselens::cli {

struct BarDatum {
  std::string label;
  double value = 0;          // non-finite: no bar, shown as "n/a"
  double low = 0, high = 0;  // interval whisker; low == high: none
  std::string annotation;    // e.g. "12 of 40", shown after the value text
};

// Horizontal bar chart, one bar per datum in the given order (e.g. theme
// names with their share of reviews).  With `percent`, values are
// proportions 0..1 shown as percentages on the value axis and at the bar
// end; otherwise plain numbers.  The legend names the bars after
// `value_axis_label` and, when any bar has one, the whisker after
// `interval_label`.
std::string bar_chart_svg(const std::string& title,
                          const std::string& value_axis_label,
                          const std::vector<BarDatum>& bars,
                          bool percent = true,
                          const std::string& interval_label = "95% interval");

// Heatmap of rows x columns of `values` (e.g. lift), coloured on a
// diverging blue-white-red scale around `center` (1.0 for lift) with a
// legend; each cell shows `cell_text[r][c]` (e.g. the joint count).  When
// `center` > 0 and no value is negative the scale is logarithmic (ratios:
// lift 2 and lift 0.5 get equally strong colours).  Non-finite values: a
// grey "n/a" cell.  Missing entries (ragged rows) count as non-finite /
// empty text.
std::string heatmap_svg(const std::string& title,
                        const std::vector<std::string>& row_labels,
                        const std::vector<std::string>& column_labels,
                        const std::vector<std::vector<double>>& values,
                        const std::vector<std::vector<std::string>>& cell_text,
                        const std::string& legend_label, double center = 1.0);

struct Series {
  std::string name;
  std::vector<double> values;  // one per x label; NaN (non-finite) = gap
};

// Line chart with markers, labelled axes and a legend; each series has its
// own colour (Okabe-Ito, colour-blind safe) and marker shape.  With
// `percent`, values are proportions 0..1 shown as percentages.
std::string line_chart_svg(const std::string& title,
                           const std::vector<std::string>& x_labels,
                           const std::string& x_axis_label,
                           const std::string& y_axis_label,
                           const std::vector<Series>& series,
                           bool percent = true);

// A self-contained HTML page (no external resources): the title as a
// heading, the SVG inline (an XML declaration, if any, is dropped), then
// `table_html` as given (e.g. from html_table).
std::string html_page(const std::string& title, const std::string& svg,
                      const std::string& table_html);

// An HTML table with a header row; every cell's text is escaped.  Cells
// that look numeric ("42", "42.6%", "0.031") are right-aligned.
std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);

// XML/HTML escaping of text (&, <, >, ", ').  Also keeps the result valid
// XML: control characters other than tab, newline and carriage return are
// dropped, and invalid UTF-8 bytes become U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace caselens::cli

#endif  // CASELENS_CLI_CHARTS_H_
