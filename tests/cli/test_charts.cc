// Tests of the SVG charts and HTML pages (cli/charts.h): well-formed XML,
// the expected labels, values and legend entries, escaping, empty data,
// deterministic output.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/charts.h"

namespace {

using caselens::cli::BarDatum;
using caselens::cli::Series;
namespace cli = caselens::cli;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---------------------------------------------------------------------------
// A small XML well-formedness checker (XML 1.0 without DTDs, which the
// charts never use): one root element, tags nest and match, attributes are
// quoted and unique, `&` only starts a predefined or numeric reference,
// no `<` in attribute values, no control characters, no text outside the
// root.

struct XmlCheck {
  bool ok = true;
  std::string error;
  std::string root;  // the root element's name
  std::size_t elements = 0;
};

bool name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool name_char(char c) {
  return name_start(c) || std::isdigit(static_cast<unsigned char>(c)) ||
         c == '-' || c == '.';
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

XmlCheck check_xml(std::string_view s) {
  XmlCheck result;
  std::size_t i = 0;
  std::vector<std::string> open;
  bool root_done = false;
  const auto fail = [&](const std::string& why) {
    result.ok = false;
    result.error = why + " at offset " + std::to_string(i) + ": \"" +
                   std::string(s.substr(i, 40)) + "\"";
    return result;
  };
  // A reference after '&' at s[i]; advances past the ';'.
  const auto reference = [&]() {
    const std::size_t end = s.find(';', i);
    if (end == std::string_view::npos || end - i > 12) return false;
    const std::string_view ref = s.substr(i + 1, end - i - 1);
    bool good = ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" ||
                ref == "apos";
    if (!good && ref.size() >= 2 && ref[0] == '#') {
      const bool hex = ref[1] == 'x';
      const std::string_view digits = ref.substr(hex ? 2 : 1);
      good = !digits.empty();
      for (char c : digits) {
        good = good && (hex ? std::isxdigit(static_cast<unsigned char>(c))
                            : std::isdigit(static_cast<unsigned char>(c)));
      }
    }
    if (good) i = end + 1;
    return good;
  };
  const auto read_name = [&]() {
    const std::size_t start = i;
    if (i < s.size() && name_start(s[i])) {
      ++i;
      while (i < s.size() && name_char(s[i])) ++i;
    }
    return std::string(s.substr(start, i - start));
  };
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' &&
        c != '\r') {
      return fail("control character");
    }
  }
  i = 0;
  if (s.substr(0, 5) == "<?xml") {
    i = s.find("?>");
    if (i == std::string_view::npos)
      return fail("unterminated XML declaration");
    i += 2;
  }
  while (i < s.size()) {
    const char c = s[i];
    if (c != '<') {
      if (open.empty() && !space(c))
        return fail("text outside the root element");
      if (c == '>' && i >= 2 && s.substr(i - 2, 3) == "]]>")
        return fail("]]> in text");
      if (c == '&') {
        if (!reference()) return fail("bad reference");
        continue;
      }
      ++i;
      continue;
    }
    if (s.substr(i, 4) == "<!--") {
      const std::size_t end = s.find("--", i + 4);
      if (end == std::string_view::npos || s.substr(end, 3) != "-->") {
        return fail("bad comment");
      }
      i = end + 3;
    } else if (s.substr(i, 9) == "<![CDATA[") {
      if (open.empty()) return fail("CDATA outside the root element");
      const std::size_t end = s.find("]]>", i);
      if (end == std::string_view::npos) return fail("unterminated CDATA");
      i = end + 3;
    } else if (s.substr(i, 2) == "<?") {
      const std::size_t end = s.find("?>", i);
      if (end == std::string_view::npos)
        return fail("unterminated processing instruction");
      i = end + 2;
    } else if (s.substr(i, 2) == "</") {
      i += 2;
      const std::string name = read_name();
      while (i < s.size() && space(s[i])) ++i;
      if (i >= s.size() || s[i] != '>') return fail("bad end tag");
      if (open.empty() || open.back() != name)
        return fail("mismatched end tag </" + name + ">");
      open.pop_back();
      ++i;
    } else {
      ++i;
      const std::string name = read_name();
      if (name.empty()) return fail("bad element name");
      if (open.empty() && root_done) return fail("second root element");
      if (open.empty()) result.root = name;
      ++result.elements;
      std::set<std::string> attributes;
      while (true) {
        const std::size_t before = i;
        while (i < s.size() && space(s[i])) ++i;
        if (i >= s.size()) return fail("unterminated start tag");
        if (s[i] == '>' || s.substr(i, 2) == "/>") break;
        if (i == before) return fail("no space before attribute");
        const std::string attr = read_name();
        if (attr.empty()) return fail("bad attribute name");
        if (!attributes.insert(attr).second)
          return fail("duplicate attribute " + attr);
        while (i < s.size() && space(s[i])) ++i;
        if (i >= s.size() || s[i] != '=')
          return fail("attribute without value");
        ++i;
        while (i < s.size() && space(s[i])) ++i;
        if (i >= s.size() || (s[i] != '"' && s[i] != '\''))
          return fail("unquoted attribute");
        const char quote = s[i++];
        while (i < s.size() && s[i] != quote) {
          if (s[i] == '<') return fail("< in attribute value");
          if (s[i] == '&') {
            if (!reference()) return fail("bad reference in attribute");
          } else {
            ++i;
          }
        }
        if (i >= s.size()) return fail("unterminated attribute value");
        ++i;
      }
      if (s[i] == '/') {
        i += 2;
        if (open.empty()) root_done = true;
      } else {
        ++i;
        open.push_back(name);
      }
      continue;
    }
    if (open.empty() && !result.root.empty()) root_done = true;
  }
  if (!open.empty()) return fail("unclosed element <" + open.back() + ">");
  if (result.root.empty()) return fail("no root element");
  return result;
}

// Requires a well-formed SVG document.
void require_svg(const std::string& svg) {
  const XmlCheck check = check_xml(svg);
  INFO(check.error);
  INFO(svg.substr(0, 2000));
  REQUIRE(check.ok);
  REQUIRE(check.root == "svg");
  REQUIRE(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  REQUIRE(svg.find(" viewBox=\"0 0 ") != std::string::npos);
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// The numeric attribute `name` of every element `tag` carrying `marker`.
std::vector<double> attribute_values(const std::string& svg,
                                     const std::string& tag,
                                     const std::string& marker,
                                     const std::string& name) {
  std::vector<double> out;
  const std::regex element("<" + tag + "\\b[^>]*>");
  const std::regex attribute("\\b" + name + "=\"([-0-9.]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), element);
       it != std::sregex_iterator(); ++it) {
    const std::string text = it->str();
    std::smatch m;
    if (contains(text, marker) && std::regex_search(text, m, attribute)) {
      out.push_back(std::stod(m[1]));
    }
  }
  return out;
}

double svg_size(const std::string& svg, const std::string& name) {
  std::smatch m;
  const std::regex attribute("<svg [^>]*\\b" + name + "=\"([0-9.]+)\"");
  REQUIRE(std::regex_search(svg, m, attribute));
  return std::stod(m[1]);
}

// Realistic data: theme prevalence in 240 reviews with Wilson intervals.
std::vector<BarDatum> theme_bars() {
  const std::vector<std::pair<std::string, int>> themes = {
      {"Domestic abuse", 102},
      {"Parental mental health", 77},
      {"Information sharing", 131},
      {"Hidden men", 38},
      {"Sudden infant death and safe sleep", 21},
      {"Physical abuse and non-accidental injury", 45},
  };
  const double n = 240, z = 1.959964;
  std::vector<BarDatum> bars;
  for (const auto& [name, k] : themes) {
    const double p = k / n;
    const double d = 1 + z * z / n;
    const double c = (p + z * z / (2 * n)) / d;
    const double h = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d;
    bars.push_back({name, p, c - h, c + h, std::to_string(k) + " of 240"});
  }
  return bars;
}

// ---------------------------------------------------------------------------

TEST_CASE("the XML checker accepts well-formed and rejects malformed documents",
          "[charts]") {
  const std::vector<std::pair<std::string, bool>> table = {
      {"<a/>", true},
      {"<a x=\"1\" y='2'><b>t &amp; &#39; &#x3C;</b><!-- c --></a>\n", true},
      {"<?xml version=\"1.0\"?>\n<a></a>", true},
      {"<a><b></a></b>", false},
      {"<a>&</a>", false},
      {"<a>&nbsp;</a>", false},
      {"<a x=\"<\"/>", false},
      {"<a x=\"1\" x=\"2\"/>", false},
      {"<a x=1/>", false},
      {"<a/><b/>", false},
      {"text<a/>", false},
      {"<a>", false},
      {"<a>\x01</a>", false},
      {"", false},
  };
  for (const auto& [xml, ok] : table) {
    INFO(xml);
    CHECK(check_xml(xml).ok == ok);
  }
}

TEST_CASE("xml_escape escapes markup and keeps the text valid XML",
          "[charts]") {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"", ""},
      {"Domestic abuse", "Domestic abuse"},
      {"<b>&", "&lt;b&gt;&amp;"},
      {"\"quoted\" and 'single'", "&quot;quoted&quot; and &#39;single&#39;"},
      {"a&amp;b", "a&amp;amp;b"},
      {"tab\tnew\nline\r", "tab\tnew\nline\r"},
      {"bell\x07 nul", "bell nul"},
      {std::string("nul\0byte", 8), "nulbyte"},
      {"Ménage ≤ 0.05 – “quotes”", "Ménage ≤ 0.05 – “quotes”"},
      {"bad \xFF byte", "bad \xEF\xBF\xBD byte"},
      {"truncated \xC3", "truncated \xEF\xBF\xBD"},
      {"overlong \xC0\xAF", "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
      {"surrogate \xED\xA0\x80",
       "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
  };
  for (const auto& [text, escaped] : table) {
    INFO(text);
    CHECK(cli::xml_escape(text) == escaped);
    CHECK(check_xml("<a x=\"" + cli::xml_escape(text) + "\">" +
                    cli::xml_escape(text) + "</a>")
              .ok);
  }
}

TEST_CASE("bar chart: labels, percentages, annotations, whiskers and legend",
          "[charts]") {
  const auto bars = theme_bars();
  const std::string svg =
      cli::bar_chart_svg("Themes in 240 reviews", "Share of reviews", bars);
  require_svg(svg);
  CHECK(contains(svg, "<title>Themes in 240 reviews</title>"));
  for (const auto& b : bars) CHECK(contains(svg, ">" + b.label + "<"));
  // Value text at the bar end, with the annotation.
  CHECK(contains(svg, ">42.5% (102 of 240)</text>"));
  CHECK(contains(svg, ">54.6% (131 of 240)</text>"));
  CHECK(contains(svg, ">8.8% (21 of 240)</text>"));
  // Percent axis from 0% to 80% in steps of 20% (the highest whisker
  // ends at 60.8%).
  for (const char* tick : {">0%</text>", ">20%</text>", ">40%</text>",
                           ">60%</text>", ">80%</text>"}) {
    CHECK(contains(svg, tick));
  }
  CHECK_FALSE(contains(svg, ">100%</text>"));
  CHECK_FALSE(contains(svg, ">10%</text>"));
  // Axis label (under the axis and in the legend) and whisker legend entry.
  CHECK(count(svg, ">Share of reviews</text>") == 2);
  CHECK(contains(svg, ">95% interval</text>"));
  // Tooltip with the interval: Wilson 95% for 102 of 240 is 36.4% to 48.8%.
  CHECK(contains(svg,
                 "<title>Domestic abuse: 42.5% (95% interval 36.4% to 48.8%), "
                 "102 of 240</title>"));
  // One bar per datum, three lines per whisker (plus three for the legend's).
  CHECK(attribute_values(svg, "rect", "fill=\"#56B4E9\"", "x").size() ==
        bars.size() + 1);
  CHECK(count(svg, "stroke-width=\"1.5\"") == 3 * bars.size() + 3);
}

TEST_CASE("bar chart: long labels get room, overlong ones wrap", "[charts]") {
  const auto bars = theme_bars();
  const std::string svg =
      cli::bar_chart_svg("Themes", "Share of reviews", bars);
  // Bars start right of the label column; the longest label, "Physical
  // abuse and non-accidental injury", is 245.5 px wide in DejaVu Sans 12px
  // (measured in Chromium), the widest of the fonts asked for.
  const auto bar_x =
      attribute_values(svg, "rect", "height=\"16\" fill=\"#56B4E9\"", "x");
  REQUIRE(bar_x.size() == bars.size());
  for (double x : bar_x) CHECK(x >= 16 + 245.5 + 8);

  const std::string long_label =
      "Education, home schooling, elective home education and attendance at "
      "school "
      "and college";
  const std::string wrapped =
      cli::bar_chart_svg("Themes", "Share", {{long_label, 0.25, 0, 0, ""}});
  require_svg(wrapped);
  CHECK(contains(wrapped, ">Education, home schooling, elective home</tspan>"));
  CHECK(contains(wrapped,
                 ">education and attendance at school and college</tspan>"));
  CHECK(svg_size(wrapped, "width") < 1000);
}

TEST_CASE("bar chart: plain numbers, negatives, missing values, no whiskers",
          "[charts]") {
  const std::vector<BarDatum> bars = {
      {"Increase", 12.5, 10, 15.25, "n = 40"},
      {"Decrease", -3.25, 0, 0, ""},
      {"Unknown", kNaN, 0, 0, ""},
  };
  const std::string svg =
      cli::bar_chart_svg("Change", "Difference", bars, false, "90% interval");
  require_svg(svg);
  CHECK(contains(svg, ">12.5 (n = 40)</text>"));
  CHECK(contains(svg, ">-3.25</text>"));
  CHECK(contains(svg, ">n/a</text>"));
  CHECK(contains(svg, ">-5</text>"));  // axis from -5 to 20 in steps of 5
  CHECK(contains(svg, ">20</text>"));
  CHECK(contains(svg, ">90% interval</text>"));
  CHECK_FALSE(contains(svg, "%<"));

  const std::string without =
      cli::bar_chart_svg("Plain", "Share", {{"A", 0.5, 0, 0, ""}});
  require_svg(without);
  CHECK_FALSE(contains(without, "interval"));
}

TEST_CASE("charts escape every text: titles, labels, annotations, names",
          "[charts]") {
  const std::string nasty = "<b>&\"'";
  const std::string escaped = "&lt;b&gt;&amp;&quot;&#39;";
  const std::vector<std::string> svgs = {
      cli::bar_chart_svg(nasty, nasty, {{nasty, 0.5, 0.4, 0.6, nasty}}, true,
                         nasty),
      cli::heatmap_svg(nasty, {nasty}, {nasty}, {{2.0}}, {{nasty}}, nasty),
      cli::line_chart_svg(nasty, {nasty, "2013"}, nasty, nasty,
                          {{nasty, {0.1, 0.2}}}),
      cli::bar_chart_svg(nasty, "x", {}),
  };
  for (const auto& svg : svgs) {
    require_svg(svg);
    CHECK(contains(svg, ">" + escaped + "<"));
    CHECK_FALSE(contains(svg, "<b>"));
  }
}

TEST_CASE("empty or all-missing data gives a valid SVG saying no data",
          "[charts]") {
  const std::vector<std::string> svgs = {
      cli::bar_chart_svg("Themes", "Share", {}),
      cli::bar_chart_svg("Themes", "Share", {{"A", kNaN, 0, 0, ""}}),
      cli::heatmap_svg("Lift", {}, {}, {}, {}, "Lift"),
      cli::heatmap_svg("Lift", {"A"}, {}, {{}}, {{}}, "Lift"),
      cli::heatmap_svg("Lift", {"A", "B"}, {"A", "B"},
                       {{kNaN, kNaN}, {kNaN, kNaN}}, {{"1", "2"}, {"3", "4"}},
                       "Lift"),
      cli::heatmap_svg("Lift", {"A", "B"}, {"A", "B"}, {}, {}, "Lift"),
      cli::line_chart_svg("Trend", {}, "Year", "Share", {{"A", {}}}),
      cli::line_chart_svg("Trend", {"2012", "2013"}, "Year", "Share", {}),
      cli::line_chart_svg("Trend", {"2012", "2013"}, "Year", "Share",
                          {{"A", {kNaN, kNaN}}, {"B", {}}}),
      cli::bar_chart_svg("", "", {}),
  };
  for (const auto& svg : svgs) {
    require_svg(svg);
    CHECK(contains(svg, ">no data</text>"));
  }
}

TEST_CASE("heatmap: labels, cell texts, diverging colours, n/a cells, legend",
          "[charts]") {
  const std::vector<std::string> themes = {
      "Domestic abuse",
      "Parental mental health",
      "Information sharing",
      "Hidden men",
      "Sudden infant death and safe sleep",
      "Physical abuse and non-accidental injury"};
  std::vector<std::vector<double>> lift(6, std::vector<double>(6, 1.0));
  std::vector<std::vector<std::string>> joint(6, std::vector<std::string>(6));
  for (std::size_t r = 0; r < 6; ++r) {
    for (std::size_t c = 0; c < 6; ++c)
      joint[r][c] = std::to_string(100 + 10 * r + c);
    lift[r][r] = kNaN;  // a theme with itself: not shown
  }
  lift[0][1] = lift[1][0] = 2.9;  // strongest association: full red
  lift[2][3] = lift[3][2] = 0.5;  // avoidance
  lift[4][5] = lift[5][4] = 0.0;  // never together: beyond the low end
  const std::string svg =
      cli::heatmap_svg("Co-occurrence", themes, themes, lift, joint,
                       "Lift (observed / expected)");
  require_svg(svg);
  for (const auto& t : themes) {
    CHECK(count(svg, ">" + t + "<") == 2);  // row and column label
  }
  CHECK(contains(svg, ">Lift (observed / expected)</text>"));
  CHECK(count(svg, ">n/a</text>") == 6 + 1);  // diagonal cells and legend
  CHECK_FALSE(contains(svg, ">100</text>"));  // diagonal's text is replaced
  CHECK(contains(svg, ">101</text>"));        // joint count in row 0, column 1
  CHECK(contains(svg, ">145</text>"));
  // Log scale around 1 with nice ends: 1/3, 1, 3; zeros fall below it.
  CHECK(contains(svg,
                 ">\xE2\x89\xA4"
                 "0.33</text>"));
  CHECK(contains(svg, ">1</text>"));
  CHECK(contains(svg, ">3</text>"));
  // Colours: the centre is near white, above it red, below it blue.
  const std::regex cell(
      "<rect [^>]*fill=\"(#[0-9A-F]{6})\" stroke=\"#ffffff\"");
  std::vector<std::string> fills;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), cell);
       it != std::sregex_iterator(); ++it) {
    fills.push_back((*it)[1]);
  }
  REQUIRE(fills.size() == 36);
  const auto fill = [&](std::size_t r, std::size_t c) {
    return fills[6 * r + c];
  };
  CHECK(fill(0, 0) == "#D0D0D0");  // n/a
  CHECK(fill(0, 2) == "#F7F7F7");  // lift 1
  const auto red = [](const std::string& hex) {
    return std::stoi(hex.substr(1, 2), nullptr, 16);
  };
  const auto blue = [](const std::string& hex) {
    return std::stoi(hex.substr(5, 2), nullptr, 16);
  };
  CHECK(red(fill(0, 1)) > blue(fill(0, 1)));
  CHECK(blue(fill(2, 3)) > red(fill(2, 3)));
  CHECK(fill(4, 5) == "#2166AC");  // zero: the low end
  // Tooltips carry the value.
  CHECK(contains(svg,
                 "<title>Domestic abuse \xC3\x97 Parental mental health: "
                 "Lift (observed / expected) 2.90 (101)</title>"));
}

TEST_CASE("heatmap: linear scale with negatives, ragged input", "[charts]") {
  const std::string svg = cli::heatmap_svg(
      "Correlation", {"A", "B"}, {"C", "D", "E"}, {{-0.4, 0.1, 0.35}, {0.2}},
      {{"-0.40", "0.10"}}, "Phi", 0.0);
  require_svg(svg);
  CHECK(contains(svg, ">-0.50</text>"));
  CHECK(contains(svg, ">0.00</text>"));
  CHECK(contains(svg, ">0.50</text>"));
  CHECK(contains(svg, ">-0.40</text>"));
  CHECK(count(svg, ">n/a</text>") == 2 + 1);  // B×D, B×E and the legend
}

TEST_CASE("line chart: axes, legend, colours, markers and gaps", "[charts]") {
  std::vector<std::string> years;
  for (int y = 2012; y <= 2021; ++y) years.push_back(std::to_string(y));
  const std::vector<Series> series = {
      {"Domestic abuse", {.38, .41, .40, .44, .47, .45, .49, .52, .55, .53}},
      {"Neglect", {.52, .50, .48, .47, .49, .46, .44, .45, .43, .41}},
      {"Parental mental health",
       {.30, .33, kNaN, .36, .35, .39, .41, .40, .44, .46}},
      {"Hidden men", {.05, .06, .08}},  // shorter: the rest are gaps
  };
  const std::string svg =
      cli::line_chart_svg("Themes by year", years, "Year of publication",
                          "Share of reviews", series);
  require_svg(svg);
  for (const auto& y : years) CHECK(contains(svg, ">" + y + "</text>"));
  for (const auto& s : series) CHECK(contains(svg, ">" + s.name + "</text>"));
  CHECK(contains(svg, ">Year of publication</text>"));
  CHECK(contains(svg, ">Share of reviews</text>"));
  CHECK(contains(svg, ">0%</text>"));
  CHECK(contains(svg, ">60%</text>"));
  CHECK(contains(svg, "<title>Neglect, 2016: 49.0%</title>"));
  CHECK(contains(svg, "<title>Hidden men, 2014: 8.0%</title>"));
  CHECK_FALSE(contains(svg, "Hidden men, 2015"));
  // Distinct Okabe-Ito colours; one polyline per unbroken run (the gap
  // splits Parental mental health in two).
  for (const char* colour : {"#0072B2", "#D55E00", "#009E73", "#CC79A7"}) {
    CHECK(contains(svg, std::string("stroke=\"") + colour + "\""));
  }
  CHECK(count(svg, "<polyline") == 5);
  // Markers (white-edged shapes): 10 + 10 + 9 + 3 in the plot, one per
  // legend entry; the first series' are circles, the second's squares.
  CHECK(count(svg, "stroke=\"#ffffff\" stroke-width=\"1\"/>") == 32 + 4);
  CHECK(count(svg, "<circle") == 10 + 1);
}

TEST_CASE("line chart: many long x labels are rotated and thinned",
          "[charts]") {
  std::vector<std::string> quarters;
  for (int i = 0; i < 40; ++i) {
    quarters.push_back("Quarter " + std::to_string(2012 + i / 4) + " Q" +
                       std::to_string(i % 4 + 1));
  }
  Series counts{"Reviews", {}};
  for (int i = 0; i < 40; ++i) counts.values.push_back(i % 7);
  const std::string svg = cli::line_chart_svg(
      "Per quarter", quarters, "Quarter", "Reviews", {counts}, false);
  require_svg(svg);
  CHECK(contains(svg, ">Quarter 2012 Q1</text>"));
  CHECK(contains(svg, "rotate(-45"));
  CHECK(count(svg, ">Quarter 20") < 40);
  CHECK(contains(svg, ">6</text>"));
  CHECK_FALSE(contains(svg, "%<"));
}

TEST_CASE("charts are deterministic", "[charts]") {
  const auto bars = theme_bars();
  CHECK(cli::bar_chart_svg("T", "S", bars) ==
        cli::bar_chart_svg("T", "S", bars));
  const std::vector<Series> series = {{"A", {0.1, 0.2}}};
  CHECK(cli::line_chart_svg("T", {"1", "2"}, "X", "Y", series) ==
        cli::line_chart_svg("T", {"1", "2"}, "X", "Y", series));
}

TEST_CASE("html_table escapes cells and right-aligns numbers", "[charts]") {
  const std::string table = cli::html_table(
      {"Theme", "Reviews", "Share", "p"},
      {{"Domestic <abuse> & \"more\"", "102", "42.5%", "<0.001"},
       {"Hidden men", "38 of 240", "15.8%", "1.2e-05"}});
  CHECK(check_xml(table).ok);
  CHECK(contains(table, "<th scope=\"col\">Theme</th>"));
  CHECK(count(table, "<th ") == 4);
  CHECK(count(table, "<tr>") == 3);
  CHECK(contains(table,
                 "<td>Domestic &lt;abuse&gt; &amp; &quot;more&quot;</td>"));
  CHECK(contains(table, "<td class=\"num\">102</td>"));
  CHECK(contains(table, "<td class=\"num\">42.5%</td>"));
  CHECK(contains(table, "<td class=\"num\">&lt;0.001</td>"));
  CHECK(contains(table, "<td class=\"num\">1.2e-05</td>"));
  CHECK(contains(table, "<td>38 of 240</td>"));
  CHECK(check_xml(cli::html_table({}, {})).ok);
}

TEST_CASE("html_page holds the title, the SVG inline and the table",
          "[charts]") {
  const std::string svg =
      cli::bar_chart_svg("Themes", "Share of reviews", theme_bars());
  const std::string table =
      cli::html_table({"Theme", "Share"}, {{"Hidden men", "15.8%"}});
  const std::string page =
      cli::html_page("Themes <in> reviews & more", svg, table);
  CHECK(page.rfind("<!DOCTYPE html>\n", 0) == 0);
  CHECK(contains(page, "<meta charset=\"utf-8\">"));
  CHECK(contains(page, "<title>Themes &lt;in&gt; reviews &amp; more</title>"));
  CHECK(contains(page, "<h1>Themes &lt;in&gt; reviews &amp; more</h1>"));
  CHECK(contains(page, svg));
  CHECK(contains(page, table));
  CHECK(page.find(svg) < page.find(table));
  // Self-contained: nothing loaded from elsewhere.
  CHECK_FALSE(contains(page, "<script"));
  CHECK_FALSE(contains(page, "<link"));
  CHECK_FALSE(contains(page, "src="));
  // The body, from <h1> to </body>, is well-formed once wrapped.
  const std::size_t begin = page.find("<h1>");
  const std::size_t end = page.find("</body>");
  CHECK(check_xml("<body>" + page.substr(begin, end - begin) + "</body>").ok);
  // An XML declaration in front of the SVG is dropped.
  const std::string declared =
      cli::html_page("T", "<?xml version=\"1.0\"?>\n" + svg, "");
  CHECK_FALSE(contains(declared, "<?xml"));
  CHECK(contains(declared, svg));
}

}  // namespace
