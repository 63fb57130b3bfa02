#include "cli/charts.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace caselens::cli {
namespace {

// ---------------------------------------------------------------------------
// Text: UTF-8, escaping, estimated widths.

// Decodes the code point at text[i] and advances i; -1 for an invalid or
// truncated sequence (i advances by one byte).
int32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) {
    return static_cast<unsigned char>(text[k]);
  };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int length = 0;
  int32_t cp = 0;
  int32_t min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4, cp = c & 0x07, min = 0x10000;
  } else {
    ++i;
    return -1;
  }
  if (i + length > text.size()) {
    ++i;
    return -1;
  }
  for (int k = 1; k < length; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return -1;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return -1;
  }
  i += length;
  return cp;
}

// Approximate advance width of one character in em, after DejaVu Sans (a
// wide sans-serif): with Arial or Helvetica the text comes out narrower,
// so estimates err on the side of room to spare.
double char_em(int32_t cp) {
  if (cp >= 0x2E80) return 1.0;  // CJK and other wide scripts
  if (cp >= 0x80) return 0.66;   // accented Latin, Greek, dashes, …
  const char c = static_cast<char>(cp);
  switch (c) {
    case ' ':
    case '.':
    case ',':
    case ':':
    case ';':
    case '\'':
    case '!':
    case '|':
      return 0.33;
    case 'i':
    case 'l':
    case 'j':
    case 'I':
    case 'J':
      return 0.30;
    case 'f':
    case 't':
    case '(':
    case ')':
    case '[':
    case ']':
    case '-':
    case '/':
    case '"':
      return 0.40;
    case 'r':
      return 0.42;
    case 'm':
      return 0.98;
    case 'w':
      return 0.82;
    case 'M':
    case 'W':
      return 0.99;
    case '%':
    case '@':
      return 0.96;
    default:
      break;
  }
  if (c >= '0' && c <= '9') return 0.64;
  if (c >= 'A' && c <= 'Z') return 0.74;
  if (c >= 'a' && c <= 'z') return 0.62;
  return 0.70;
}

double text_width(std::string_view text, double font_size, bool bold = false) {
  double em = 0;
  for (std::size_t i = 0; i < text.size();) {
    const int32_t cp = next_code_point(text, i);
    em += cp < 0 ? 0.66 : char_em(cp);
  }
  return em * font_size * (bold ? 1.13 : 1.0);
}

// Splits a label into lines no wider than max_width (a single word wider
// than that gets a line of its own).
std::vector<std::string> wrap(const std::string& text, double font_size,
                              double max_width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) break;
    std::size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(i, end - i);
    i = end;
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && text_width(candidate, font_size) > max_width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

double max_line_width(const std::vector<std::string>& lines, double font_size) {
  double w = 0;
  for (const auto& line : lines) w = std::max(w, text_width(line, font_size));
  return w;
}

// ---------------------------------------------------------------------------
// Numbers: fixed decimals, the same everywhere (no locale).

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "n/a";
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, v,
                                    std::chars_format::fixed, decimals);
  std::string s(buf, result.ptr);
  if (s.size() > 1 && s[0] == '-' &&
      s.find_first_not_of("0.", 1) == std::string::npos) {
    s.erase(0, 1);  // no "-0.0"
  }
  return s;
}

// An SVG coordinate: one decimal, no trailing ".0".
std::string coord(double v) {
  std::string s = fixed(v, 1);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
    s.resize(s.size() - 2);
  return s;
}

// The fewest decimals (0..6) that show multiples of `step` exactly.
int decimals_for_step(double step) {
  for (int d = 0; d < 6; ++d) {
    const double x = step * std::pow(10.0, d);
    if (std::fabs(x - std::round(x)) < 1e-6 * std::max(1.0, std::fabs(x)))
      return d;
  }
  return 6;
}

// A value as text: percent with one decimal, or a plain number with
// decimals by magnitude.
std::string value_text(double v, bool percent) {
  if (!std::isfinite(v)) return "n/a";
  if (percent) return fixed(v * 100, 1) + "%";
  const double a = std::fabs(v);
  if (a == std::round(a) && a < 1e15) return fixed(v, 0);
  if (a >= 100) return fixed(v, 0);
  if (a >= 10) return fixed(v, 1);
  if (a >= 0.01) return fixed(v, 2);
  return fixed(v, 4);
}

// A positive number with up to two decimals, trailing zeros dropped
// ("0.5", "2", "1.25"); small numbers keep two significant digits.
std::string short_number(double v) {
  const int decimals =
      v >= 0.01 || v <= 0
          ? 2
          : std::min(8, 1 - static_cast<int>(std::floor(std::log10(v))));
  std::string s = fixed(v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

// An axis from lo to hi in whole steps of 1, 2, 2.5 or 5 times a power of
// ten, with about `target` intervals.
struct Axis {
  double lo = 0, hi = 1, step = 0.2;
  int intervals = 5;
  int decimals = 1;  // of tick labels (of percentages when percent)
  bool percent = false;

  double fraction(double v) const { return (v - lo) / (hi - lo); }
  double tick(int k) const { return lo + k * step; }
  std::string label(int k) const {
    const double v = tick(k);
    return percent ? fixed(v * 100, decimals) + "%" : fixed(v, decimals);
  }
};

Axis make_axis(double lo, double hi, bool percent, int target = 6) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) {
    if (lo == 0) {
      hi = 1;
    } else if (lo > 0) {
      lo = 0;
    } else {
      hi = 0;
    }
  }
  const double raw = (hi - lo) / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / magnitude;
  const double nice = f <= 1     ? 1
                      : f <= 2   ? 2
                      : f <= 2.5 ? 2.5
                      : f <= 5   ? 5
                                 : 10;
  Axis axis;
  axis.percent = percent;
  axis.step = nice * magnitude;
  const double first = std::floor(lo / axis.step + 1e-9);
  const double last = std::ceil(hi / axis.step - 1e-9);
  axis.intervals = std::max(1, static_cast<int>(std::lround(last - first)));
  axis.lo = first * axis.step;
  axis.hi = axis.lo + axis.intervals * axis.step;
  axis.decimals = decimals_for_step(percent ? axis.step * 100 : axis.step);
  return axis;
}

// ---------------------------------------------------------------------------
// SVG pieces.

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMargin = 16;
constexpr double kFont = 12;       // labels, legend
constexpr double kTickFont = 11;   // tick labels
constexpr double kTitleFont = 16;  // chart title (bold)
constexpr double kLineHeight = 14.5;
constexpr double kTitleBlock = 30;  // title baseline and the gap below it
constexpr const char* kInk = "#1a1a1a";
constexpr const char* kMuted = "#555555";
constexpr const char* kGrid = "#e3e3e3";
constexpr const char* kFontFamily =
    "Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif";

// Okabe-Ito, ordered for contrast on white (yellow last).
constexpr std::array<const char*, 8> kPalette = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7",
    "#E69F00", "#56B4E9", "#000000", "#F0E442"};

std::string attr(std::string_view name, double v) {
  return std::string(" ") + std::string(name) + "=\"" + coord(v) + "\"";
}

std::string attr(std::string_view name, std::string_view v) {
  return std::string(" ") + std::string(name) + "=\"" + xml_escape(v) + "\"";
}

void add_text(std::string& out, double x, double y, std::string_view text,
              const std::string& extra = "") {
  out += "<text" + attr("x", x) + attr("y", y) + extra + ">" +
         xml_escape(text) + "</text>\n";
}

// Lines of text, the block vertically centred on cy.
void add_lines(std::string& out, double x, double cy,
               const std::vector<std::string>& lines, double font_size,
               const std::string& extra = "") {
  const double first_baseline =
      cy - (lines.size() - 1) * kLineHeight / 2 + font_size * 0.35;
  out += "<text" + attr("x", x) + attr("y", first_baseline) + extra + ">";
  for (std::size_t k = 0; k < lines.size(); ++k) {
    out += "<tspan" + attr("x", x) +
           attr("y", first_baseline + k * kLineHeight) + ">" +
           xml_escape(lines[k]) + "</tspan>";
  }
  out += "</text>\n";
}

void add_line(std::string& out, double x1, double y1, double x2, double y2,
              std::string_view stroke, double width = 1,
              const std::string& extra = "") {
  out += "<line" + attr("x1", x1) + attr("y1", y1) + attr("x2", x2) +
         attr("y2", y2) + attr("stroke", stroke) + attr("stroke-width", width) +
         extra + "/>\n";
}

void add_rect(std::string& out, double x, double y, double w, double h,
              std::string_view fill, const std::string& extra = "") {
  out += "<rect" + attr("x", x) + attr("y", y) +
         attr("width", std::max(0.0, w)) + attr("height", std::max(0.0, h)) +
         attr("fill", fill) + extra + "/>\n";
}

void add_title(std::string& out, const std::string& title) {
  add_text(out, kMargin, kMargin + kTitleFont, title,
           " font-size=\"16\" font-weight=\"bold\"" + attr("fill", kInk));
}

double title_width(const std::string& title) {
  return text_width(title, kTitleFont, true) + 2 * kMargin;
}

// The whole document around a body drawn in a width x height box.
std::string svg_document(const std::string& title, double width, double height,
                         const std::string& body) {
  const double w = std::ceil(width), h = std::ceil(height);
  std::string out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\"" + attr("width", w) +
      attr("height", h) + " viewBox=\"0 0 " + coord(w) + " " + coord(h) + "\"" +
      attr("font-family", kFontFamily) + " font-size=\"12\" role=\"img\"" +
      attr("aria-label", title) + ">\n";
  out += "<title>" + xml_escape(title) + "</title>\n";
  add_rect(out, 0, 0, w, h, "#ffffff");
  out += body;
  out += "</svg>\n";
  return out;
}

std::string no_data_svg(const std::string& title) {
  const double width = std::max(400.0, title_width(title));
  const double height = 140;
  std::string body;
  add_title(body, title);
  add_text(body, width / 2, 90, "no data",
           " font-size=\"14\" text-anchor=\"middle\"" + attr("fill", kMuted));
  return svg_document(title, width, height, body);
}

// Marker shapes, one per series in turn (circle, square, triangle,
// diamond, inverted triangle), so series differ by more than colour.
std::string marker(int shape, double x, double y, std::string_view fill) {
  const double r = 4.2;
  std::string points;
  const auto pt = [&](double dx, double dy) {
    if (!points.empty()) points += ' ';
    points += coord(x + dx) + "," + coord(y + dy);
  };
  switch (shape % 5) {
    case 0:
      return "<circle" + attr("cx", x) + attr("cy", y) + attr("r", r) +
             attr("fill", fill) + " stroke=\"#ffffff\" stroke-width=\"1\"/>";
    case 1:
      return "<rect" + attr("x", x - r * 0.9) + attr("y", y - r * 0.9) +
             attr("width", r * 1.8) + attr("height", r * 1.8) +
             attr("fill", fill) + " stroke=\"#ffffff\" stroke-width=\"1\"/>";
    case 2:
      pt(0, -r * 1.15), pt(r * 1.1, r * 0.8), pt(-r * 1.1, r * 0.8);
      break;
    case 3:
      pt(0, -r * 1.25), pt(r * 1.25, 0), pt(0, r * 1.25), pt(-r * 1.25, 0);
      break;
    default:
      pt(0, r * 1.15), pt(r * 1.1, -r * 0.8), pt(-r * 1.1, -r * 0.8);
      break;
  }
  return "<polygon points=\"" + points + "\"" + attr("fill", fill) +
         " stroke=\"#ffffff\" stroke-width=\"1\"/>";
}

// Dash pattern for series beyond the palette's eight colours.
std::string dash_for(std::size_t index) {
  switch ((index / kPalette.size()) % 3) {
    case 1:
      return " stroke-dasharray=\"6 3\"";
    case 2:
      return " stroke-dasharray=\"2 2\"";
    default:
      return "";
  }
}

// ---------------------------------------------------------------------------
// Diverging colour scale (ColorBrewer RdBu, colour-blind safe): t in
// [-1, 1], blue below the centre, red above.

struct Rgb {
  double r, g, b;
};

constexpr std::array<Rgb, 7> kDiverging = {{{0x21, 0x66, 0xAC},
                                            {0x67, 0xA9, 0xCF},
                                            {0xD1, 0xE5, 0xF0},
                                            {0xF7, 0xF7, 0xF7},
                                            {0xFD, 0xDB, 0xC7},
                                            {0xEF, 0x8A, 0x62},
                                            {0xB2, 0x18, 0x2B}}};

Rgb diverging(double t) {
  t = std::clamp(t, -1.0, 1.0);
  const double pos = (t + 1) / 2 * (kDiverging.size() - 1);
  const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(pos),
                                              kDiverging.size() - 2);
  const double f = pos - k;
  const Rgb& a = kDiverging[k];
  const Rgb& b = kDiverging[k + 1];
  return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

std::string hex(const Rgb& c) {
  static const char* digits = "0123456789ABCDEF";
  std::string s = "#";
  for (double v : {c.r, c.g, c.b}) {
    const int x = std::clamp(static_cast<int>(std::lround(v)), 0, 255);
    s += digits[x / 16];
    s += digits[x % 16];
  }
  return s;
}

// Relative luminance (sRGB), to pick black or white text on a fill.
double luminance(const Rgb& c) {
  const auto channel = [](double v) {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

}  // namespace

// ---------------------------------------------------------------------------

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const int32_t cp = next_code_point(text, i);
    if (cp < 0) {
      out += "\xEF\xBF\xBD";
      continue;
    }
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            cp == 0xFFFE || cp == 0xFFFF) {
          break;  // not allowed in XML 1.0
        }
        out.append(text.substr(start, i - start));
    }
  }
  return out;
}

std::string bar_chart_svg(const std::string& title,
                          const std::string& value_axis_label,
                          const std::vector<BarDatum>& bars, bool percent,
                          const std::string& interval_label) {
  const auto has_whisker = [](const BarDatum& b) {
    return std::isfinite(b.low) && std::isfinite(b.high) && b.low != b.high;
  };
  double lo = 0, hi = 0;
  bool any_value = false, any_whisker = false;
  for (const auto& b : bars) {
    if (std::isfinite(b.value)) {
      any_value = true;
      lo = std::min(lo, b.value), hi = std::max(hi, b.value);
    }
    if (has_whisker(b)) {
      any_whisker = true;
      lo = std::min({lo, b.low, b.high}), hi = std::max({hi, b.low, b.high});
    }
  }
  if (bars.empty() || !any_value) return no_data_svg(title);
  const Axis axis = make_axis(lo, hi, percent);

  // Rows: wrapped labels, height by their line count.
  constexpr double kMaxLabelWidth = 320;
  constexpr double kBarHeight = 16;
  std::vector<std::vector<std::string>> labels;
  std::vector<double> row_top, row_height;
  double label_width = 0;
  const bool top_ticks = bars.size() > 15;  // long charts: ticks above too
  const double legend_y = kMargin + kTitleBlock + 6;  // centre of legend row
  const double plot_top = legend_y + 12 + (top_ticks ? 22 : 8);
  double y = plot_top;
  for (const auto& b : bars) {
    labels.push_back(wrap(b.label, kFont, kMaxLabelWidth));
    label_width = std::max(label_width, max_line_width(labels.back(), kFont));
    const double h = std::max(26.0, labels.back().size() * kLineHeight + 10);
    row_top.push_back(y);
    row_height.push_back(h);
    y += h;
  }
  const double plot_bottom = y + 4;

  const double plot_left = kMargin + label_width + 12;
  const double plot_width = 480;
  const double plot_right = plot_left + plot_width;
  const auto x_of = [&](double v) {
    return plot_left + std::clamp(axis.fraction(v), 0.0, 1.0) * plot_width;
  };

  // Value text after each bar (and its whisker): "42.6% (12 of 40)".
  std::vector<std::string> end_text;
  std::vector<double> end_x;
  double right =
      plot_right + 6 + text_width(axis.label(axis.intervals), kTickFont) / 2;
  for (const auto& b : bars) {
    std::string t = value_text(b.value, percent);
    if (!b.annotation.empty()) t += " (" + b.annotation + ")";
    double end = std::isfinite(b.value) ? std::max(b.value, 0.0) : 0.0;
    if (has_whisker(b)) end = std::max({end, b.low, b.high});
    const double x = x_of(end) + 7;
    end_text.push_back(t);
    end_x.push_back(x);
    right = std::max(right, x + text_width(t, kFont));
  }

  // Legend: bar swatch named after the axis, whisker glyph.
  const double legend_whisker_x =
      plot_left + 22 + text_width(value_axis_label, kFont) + 24;
  double legend_right = legend_whisker_x;
  if (any_whisker) legend_right += 28 + text_width(interval_label, kFont);
  right = std::max(right, legend_right);

  const double width = std::max(right + kMargin, title_width(title));
  const double height = plot_bottom + 44 + kMargin;
  const std::string ink = attr("fill", kInk);
  const std::string muted = attr("fill", kMuted);
  const char* bar_fill = "#56B4E9";
  const char* whisker_colour = "#1a1a1a";

  std::string body;
  add_title(body, title);

  // Legend.
  add_rect(body, plot_left, legend_y - 6, 16, 12, bar_fill);
  add_text(body, plot_left + 22, legend_y + 4, value_axis_label, ink);
  if (any_whisker) {
    const double x = legend_whisker_x;
    add_line(body, x, legend_y, x + 20, legend_y, whisker_colour, 1.5);
    add_line(body, x, legend_y - 5, x, legend_y + 5, whisker_colour, 1.5);
    add_line(body, x + 20, legend_y - 5, x + 20, legend_y + 5, whisker_colour,
             1.5);
    add_text(body, x + 28, legend_y + 4, interval_label, ink);
  }

  // Zebra rows, then grid lines and tick labels.
  for (std::size_t k = 1; k < bars.size(); k += 2) {
    add_rect(body, kMargin / 2, row_top[k], width - kMargin, row_height[k],
             "#f4f4f4");
  }
  for (int k = 0; k <= axis.intervals; ++k) {
    const double x = x_of(axis.tick(k));
    const bool zero = std::fabs(axis.tick(k)) < axis.step * 1e-6;
    add_line(body, x, plot_top, x, plot_bottom, zero ? "#9a9a9a" : kGrid, 1);
    add_line(body, x, plot_bottom, x, plot_bottom + 5, kMuted, 1);
    const std::string anchor =
        " font-size=\"11\" text-anchor=\"middle\"" + muted;
    add_text(body, x, plot_bottom + 18, axis.label(k), anchor);
    if (top_ticks) add_text(body, x, plot_top - 8, axis.label(k), anchor);
  }
  add_line(body, plot_left, plot_bottom, plot_right, plot_bottom, kMuted, 1);
  add_text(body, plot_left + plot_width / 2, plot_bottom + 38, value_axis_label,
           " text-anchor=\"middle\"" + ink);

  // Bars.
  const double zero_x = x_of(0);
  for (std::size_t k = 0; k < bars.size(); ++k) {
    const BarDatum& b = bars[k];
    const double cy = row_top[k] + row_height[k] / 2;
    std::string tip = b.label + ": " + value_text(b.value, percent);
    if (has_whisker(b)) {
      tip += " (" + interval_label + " " +
             value_text(std::min(b.low, b.high), percent) + " to " +
             value_text(std::max(b.low, b.high), percent) + ")";
    }
    if (!b.annotation.empty()) tip += ", " + b.annotation;
    body += "<g><title>" + xml_escape(tip) + "</title>\n";
    add_lines(body, plot_left - 10, cy, labels[k], kFont,
              " text-anchor=\"end\"" + ink);
    if (std::isfinite(b.value)) {
      const double x = x_of(b.value);
      add_rect(body, std::min(x, zero_x), cy - kBarHeight / 2,
               std::fabs(x - zero_x), kBarHeight, bar_fill);
    }
    if (has_whisker(b)) {
      const double x1 = x_of(std::min(b.low, b.high));
      const double x2 = x_of(std::max(b.low, b.high));
      add_line(body, x1, cy, x2, cy, whisker_colour, 1.5);
      add_line(body, x1, cy - 5, x1, cy + 5, whisker_colour, 1.5);
      add_line(body, x2, cy - 5, x2, cy + 5, whisker_colour, 1.5);
    }
    add_text(body, end_x[k], cy + kFont * 0.35, end_text[k], ink);
    body += "</g>\n";
  }
  return svg_document(title, width, height, body);
}

std::string heatmap_svg(const std::string& title,
                        const std::vector<std::string>& row_labels,
                        const std::vector<std::string>& column_labels,
                        const std::vector<std::vector<double>>& values,
                        const std::vector<std::vector<std::string>>& cell_text,
                        const std::string& legend_label, double center) {
  const std::size_t rows = row_labels.size(), cols = column_labels.size();
  const auto value_at = [&](std::size_t r, std::size_t c) {
    if (r >= values.size() || c >= values[r].size()) return kNaN;
    return std::isfinite(values[r][c]) ? values[r][c] : kNaN;
  };
  const auto text_at = [&](std::size_t r, std::size_t c) -> std::string {
    if (!std::isfinite(value_at(r, c))) return "n/a";
    if (r >= cell_text.size() || c >= cell_text[r].size()) return "";
    return cell_text[r][c];
  };

  // The colour scale: log ratios to the centre when that makes sense.
  bool any_value = false, any_missing = false, any_negative = false;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      const double v = value_at(r, c);
      if (std::isfinite(v)) {
        any_value = true;
        any_negative = any_negative || v < 0;
      } else {
        any_missing = true;
      }
    }
  }
  if (rows == 0 || cols == 0 || !any_value) return no_data_svg(title);
  const bool log_scale = std::isfinite(center) && center > 0 && !any_negative;
  if (!std::isfinite(center)) center = 0;
  double extent = 0;  // of log(v / center) or of v - center
  bool any_zero = false;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      const double v = value_at(r, c);
      if (log_scale && v == 0) any_zero = true;
      if (!std::isfinite(v) || (log_scale && v <= 0)) continue;
      extent = std::max(
          extent, std::fabs(log_scale ? std::log(v / center) : v - center));
    }
  }
  // Round the scale's ends to nice values, so the legend reads 0.5, 1, 2
  // rather than 0.34, 1, 2.9.
  bool half_ticks = true;  // legend ticks at the half-way points too
  if (log_scale) {
    const double ratio = extent > 0 ? std::exp(extent) : 1;
    double nice = 0;
    for (double r : {1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 10.0, 20.0, 50.0, 100.0}) {
      if (r >= ratio * (1 - 1e-9)) {
        nice = r;
        break;
      }
    }
    if (nice == 0) nice = std::pow(10.0, std::ceil(std::log10(ratio) - 1e-9));
    const double root = std::sqrt(nice);
    half_ticks = std::fabs(root - std::round(root)) < 1e-9;  // 4, 100, …
    extent = std::log(nice);
  } else {
    if (!(extent > 0)) extent = std::max(1.0, std::fabs(center));
    const double magnitude = std::pow(10.0, std::floor(std::log10(extent)));
    const double f = extent / magnitude;
    extent = magnitude * (f <= 1     ? 1
                          : f <= 2   ? 2
                          : f <= 2.5 ? 2.5
                          : f <= 5   ? 5
                                     : 10);
  }
  const auto position = [&](double v) {  // in [-1, 1]
    if (log_scale) return v <= 0 ? -1.0 : std::log(v / center) / extent;
    return (v - center) / extent;
  };
  const auto value_of_position = [&](double t) {
    return log_scale ? center * std::exp(t * extent) : center + t * extent;
  };

  // Sizes: cells fit their text; column labels at 45 degrees above.
  constexpr double kMaxLabelWidth = 280;
  constexpr double kCos45 = 0.7071;
  double cell_width = 56;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      cell_width = std::max(cell_width, text_width(text_at(r, c), kFont) + 14);
    }
  }
  std::vector<std::vector<std::string>> labels;
  double label_width = 0;
  std::vector<double> row_top, row_height;
  double column_label_rise = 0;
  for (const auto& label : column_labels) {
    column_label_rise =
        std::max(column_label_rise, text_width(label, kFont) * kCos45);
  }
  const double grid_top =
      kMargin + kTitleBlock + column_label_rise + kFont + 10;
  double y = grid_top;
  for (const auto& label : row_labels) {
    labels.push_back(wrap(label, kFont, kMaxLabelWidth));
    label_width = std::max(label_width, max_line_width(labels.back(), kFont));
    const double h = std::max(36.0, labels.back().size() * kLineHeight + 10);
    row_top.push_back(y);
    row_height.push_back(h);
    y += h;
  }
  const double grid_bottom = y;
  const double grid_left = kMargin + label_width + 10;
  const double grid_right = grid_left + cols * cell_width;
  double right = grid_right;
  for (std::size_t c = 0; c < cols; ++c) {
    const double cx = grid_left + (c + 0.5) * cell_width;
    right = std::max(right,
                     cx + text_width(column_labels[c], kFont) * kCos45 + kFont);
  }

  // Legend below the grid: label, colour bar, ticks, n/a swatch.
  constexpr double kBarWidth = 240, kBarHeight = 12;
  const double legend_left = grid_left;
  const double legend_label_y = grid_bottom + 30;
  const double bar_top = legend_label_y + 8;
  double legend_right =
      legend_left + std::max(kBarWidth + 8, text_width(legend_label, kFont));
  if (any_missing) legend_right += 24 + 10 + text_width("n/a", kFont);
  right = std::max(right, legend_right);
  const double width = std::max(right + kMargin, title_width(title));
  const double height = bar_top + kBarHeight + 20 + kMargin;
  const std::string ink = attr("fill", kInk);

  std::string body;
  add_title(body, title);
  for (std::size_t c = 0; c < cols; ++c) {
    const double cx = grid_left + (c + 0.5) * cell_width;
    const double base = grid_top - 8;
    add_text(body, cx, base, column_labels[c],
             " transform=\"rotate(-45 " + coord(cx) + " " + coord(base) +
                 ")\"" + ink);
  }
  for (std::size_t r = 0; r < rows; ++r) {
    const double cy = row_top[r] + row_height[r] / 2;
    add_lines(body, grid_left - 10, cy, labels[r], kFont,
              " text-anchor=\"end\"" + ink);
    for (std::size_t c = 0; c < cols; ++c) {
      const double v = value_at(r, c);
      const double x = grid_left + c * cell_width;
      const bool missing = !std::isfinite(v);
      const Rgb fill = missing ? Rgb{0xD0, 0xD0, 0xD0} : diverging(position(v));
      const char* text_colour = luminance(fill) < 0.36 ? "#ffffff" : kInk;
      std::string tip = row_labels[r] + " \xC3\x97 " + column_labels[c] + ": " +
                        legend_label + " " +
                        (missing ? "n/a" : value_text(v, false));
      const std::string text = text_at(r, c);
      if (!missing && !text.empty()) tip += " (" + text + ")";
      body += "<g><title>" + xml_escape(tip) + "</title>\n";
      add_rect(body, x, row_top[r], cell_width, row_height[r], hex(fill),
               " stroke=\"#ffffff\" stroke-width=\"2\"");
      add_text(body, x + cell_width / 2, cy + kFont * 0.35, text,
               " text-anchor=\"middle\"" + attr("fill", text_colour) +
                   (missing ? " font-style=\"italic\"" : ""));
      body += "</g>\n";
    }
  }

  add_text(body, legend_left, legend_label_y, legend_label, ink);
  constexpr int kSteps = 48;
  for (int k = 0; k < kSteps; ++k) {
    const double t = -1 + 2 * (k + 0.5) / kSteps;
    // Slight overlap so no hairline gaps show between the steps.
    add_rect(body, legend_left + k * kBarWidth / kSteps, bar_top,
             kBarWidth / kSteps + 0.6, kBarHeight, hex(diverging(t)));
  }
  for (int k = 0; k <= 4; ++k) {
    if (k % 2 == 1 && !half_ticks) continue;
    const double t = -1 + k * 0.5;
    const double x = legend_left + (t + 1) / 2 * kBarWidth;
    add_line(body, x, bar_top + kBarHeight, x, bar_top + kBarHeight + 4, kMuted,
             1);
    const char* anchor = k == 0 ? "start" : k == 4 ? "end" : "middle";
    std::string label =
        log_scale ? short_number(value_of_position(t))
                  : fixed(value_of_position(t), decimals_for_step(extent / 2));
    // Zeros lie beyond a log scale's low end: drawn in its colour.
    if (k == 0 && any_zero) label = "\xE2\x89\xA4" + label;  // "≤"
    add_text(body, x, bar_top + kBarHeight + 15, label,
             std::string(" font-size=\"11\" text-anchor=\"") + anchor + "\"" +
                 attr("fill", kMuted));
  }
  if (any_missing) {
    const double x = legend_left + kBarWidth + 24;
    add_rect(body, x, bar_top, 24, kBarHeight, "#D0D0D0");
    add_text(body, x + 30, bar_top + kBarHeight - 2, "n/a", ink);
  }
  return svg_document(title, width, height, body);
}

std::string line_chart_svg(const std::string& title,
                           const std::vector<std::string>& x_labels,
                           const std::string& x_axis_label,
                           const std::string& y_axis_label,
                           const std::vector<Series>& series, bool percent) {
  const std::size_t n = x_labels.size();
  const auto value_at = [&](const Series& s, std::size_t i) {
    return i < s.values.size() && std::isfinite(s.values[i]) ? s.values[i]
                                                             : kNaN;
  };
  double lo = 0, hi = 0;
  bool any_value = false;
  for (const auto& s : series) {
    for (std::size_t i = 0; i < n; ++i) {
      const double v = value_at(s, i);
      if (std::isfinite(v)) {
        any_value = true;
        lo = std::min(lo, v), hi = std::max(hi, v);
      }
    }
  }
  if (n == 0 || series.empty() || !any_value) return no_data_svg(title);
  const Axis axis = make_axis(lo, hi, percent);

  // Horizontal layout: y axis label, tick labels, plot, legend.
  const double plot_width = std::clamp(n * 64.0, 360.0, 720.0);
  const double spacing = plot_width / n;
  double tick_width = 0;
  for (int k = 0; k <= axis.intervals; ++k) {
    tick_width = std::max(tick_width, text_width(axis.label(k), kTickFont));
  }
  double x_label_width = 0;
  for (const auto& label : x_labels) {
    x_label_width = std::max(x_label_width, text_width(label, kTickFont));
  }
  constexpr double kCos45 = 0.7071;
  const bool rotate = x_label_width > spacing - 8;
  // Show every `every`-th x label so that labels do not collide.
  const std::size_t every = rotate ? static_cast<std::size_t>(std::ceil(
                                         kTickFont * 1.5 / kCos45 / spacing))
                                   : 1;
  double plot_left = kMargin + kFont + 10 + tick_width + 8;
  if (rotate) {  // the first labels reach left of the plot
    for (std::size_t i = 0; i < n; i += every) {
      const double reach =
          text_width(x_labels[i], kTickFont) * kCos45 - (i + 0.5) * spacing;
      plot_left = std::max(plot_left, kMargin + reach + 6);
    }
  }
  const double plot_right = plot_left + plot_width;
  const double plot_top = kMargin + kTitleBlock + 10;
  const double plot_height = 300;
  const double plot_bottom = plot_top + plot_height;
  const double x_labels_height = rotate ? x_label_width * kCos45 + 16 : 20;
  const double x_axis_label_y = plot_bottom + x_labels_height + 20;

  const double legend_left = plot_right + 24;
  double legend_width = 0;
  for (const auto& s : series)
    legend_width = std::max(legend_width, text_width(s.name, kFont));
  const double legend_right = legend_left + 34 + legend_width;
  const double legend_bottom = plot_top + series.size() * 20;
  const double width = std::max(legend_right + kMargin, title_width(title));
  const double height = std::max(x_axis_label_y, legend_bottom) + kMargin;

  const auto x_of = [&](std::size_t i) {
    return plot_left + (i + 0.5) * spacing;
  };
  const auto y_of = [&](double v) {
    return plot_bottom - std::clamp(axis.fraction(v), 0.0, 1.0) * plot_height;
  };
  const std::string ink = attr("fill", kInk);
  const std::string muted = attr("fill", kMuted);

  std::string body;
  add_title(body, title);

  // Grid, axes, tick labels, axis labels.
  for (int k = 0; k <= axis.intervals; ++k) {
    const double y = y_of(axis.tick(k));
    const bool zero = std::fabs(axis.tick(k)) < axis.step * 1e-6;
    add_line(body, plot_left, y, plot_right, y, zero ? "#9a9a9a" : kGrid, 1);
    add_line(body, plot_left - 5, y, plot_left, y, kMuted, 1);
    add_text(body, plot_left - 8, y + kTickFont * 0.35, axis.label(k),
             " font-size=\"11\" text-anchor=\"end\"" + muted);
  }
  add_line(body, plot_left, plot_top, plot_left, plot_bottom, kMuted, 1);
  add_line(body, plot_left, plot_bottom, plot_right, plot_bottom, kMuted, 1);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = x_of(i);
    add_line(body, x, plot_bottom, x, plot_bottom + 5, kMuted, 1);
    if (i % every != 0) continue;
    if (rotate) {
      const double base = plot_bottom + 14;
      add_text(body, x, base, x_labels[i],
               " font-size=\"11\" text-anchor=\"end\" transform=\"rotate(-45 " +
                   coord(x) + " " + coord(base) + ")\"" + muted);
    } else {
      add_text(body, x, plot_bottom + 18, x_labels[i],
               " font-size=\"11\" text-anchor=\"middle\"" + muted);
    }
  }
  add_text(body, (plot_left + plot_right) / 2, x_axis_label_y, x_axis_label,
           " text-anchor=\"middle\"" + ink);
  const double y_label_x = kMargin + kFont;
  const double y_label_y = (plot_top + plot_bottom) / 2;
  add_text(body, y_label_x, y_label_y, y_axis_label,
           " text-anchor=\"middle\" transform=\"rotate(-90 " +
               coord(y_label_x) + " " + coord(y_label_y) + ")\"" + ink);

  // Series: line segments between gaps, then markers with tooltips.
  for (std::size_t s = 0; s < series.size(); ++s) {
    const std::string colour = kPalette[s % kPalette.size()];
    const std::string dash = dash_for(s);
    body += "<g>\n";
    std::string points;
    std::size_t in_segment = 0;
    const auto flush = [&] {
      if (in_segment >= 2) {
        body += "<polyline points=\"" + points + "\" fill=\"none\"" +
                attr("stroke", colour) +
                " stroke-width=\"2\" stroke-linejoin=\"round\"" + dash + "/>\n";
      }
      points.clear();
      in_segment = 0;
    };
    for (std::size_t i = 0; i < n; ++i) {
      const double v = value_at(series[s], i);
      if (!std::isfinite(v)) {
        flush();
        continue;
      }
      if (!points.empty()) points += ' ';
      points += coord(x_of(i)) + "," + coord(y_of(v));
      ++in_segment;
    }
    flush();
    for (std::size_t i = 0; i < n; ++i) {
      const double v = value_at(series[s], i);
      if (!std::isfinite(v)) continue;
      body += "<g><title>" +
              xml_escape(series[s].name + ", " + x_labels[i] + ": " +
                         value_text(v, percent)) +
              "</title>" +
              marker(static_cast<int>(s), x_of(i), y_of(v), colour) + "</g>\n";
    }
    body += "</g>\n";

    // Legend entry.
    const double ly = plot_top + 8 + s * 20;
    add_line(body, legend_left, ly, legend_left + 24, ly, colour, 2, dash);
    body += marker(static_cast<int>(s), legend_left + 12, ly, colour) + "\n";
    add_text(body, legend_left + 34, ly + kFont * 0.35, series[s].name, ink);
  }
  return svg_document(title, width, height, body);
}

std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  // Numbers, percentages, p-values like "<0.001": right-aligned.
  const auto numeric = [](std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '<' || s[i] == '>')) ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (i >= s.size() ||
        !(std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) {
      return false;
    }
    bool digit = false;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        digit = true;
      } else if (c == '.' || c == ',') {
      } else if ((c == 'e' || c == 'E') && digit && i + 1 < s.size()) {
        if (s[i + 1] == '-' || s[i + 1] == '+') ++i;
      } else if (c == '%' && i + 1 == s.size()) {
      } else {
        return false;
      }
    }
    return digit;
  };
  std::string out = "<table>\n<thead>\n<tr>";
  for (const auto& h : header)
    out += "<th scope=\"col\">" + xml_escape(h) + "</th>";
  out += "</tr>\n</thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& cell : row) {
      out += numeric(cell) ? "<td class=\"num\">" : "<td>";
      out += xml_escape(cell) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  return out;
}

std::string html_page(const std::string& title, const std::string& svg,
                      const std::string& table_html) {
  std::string_view chart = svg;
  if (chart.substr(0, 5) == "<?xml") {
    const std::size_t end = chart.find("?>");
    chart = end == std::string_view::npos ? std::string_view()
                                          : chart.substr(end + 2);
    while (!chart.empty() && (chart.front() == '\n' || chart.front() == '\r')) {
      chart.remove_prefix(1);
    }
  }
  std::string out =
      "<!DOCTYPE html>\n"
      "<html lang=\"en\">\n"
      "<head>\n"
      "<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n"
      "<title>" +
      xml_escape(title) +
      "</title>\n"
      "<style>\n"
      "body { font-family: Arial, Helvetica, 'Liberation Sans', sans-serif; "
      "color: #1a1a1a; margin: 2em; }\n"
      "h1 { font-size: 1.4em; }\n"
      "figure { margin: 0 0 2em 0; }\n"
      "figure svg { max-width: 100%; height: auto; }\n"
      "table { border-collapse: collapse; font-size: 0.9em; }\n"
      "th, td { border: 1px solid #cccccc; padding: 0.3em 0.6em; "
      "text-align: left; vertical-align: top; }\n"
      "th { background: #f0f0f0; }\n"
      "td.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
      "tbody tr:nth-child(even) { background: #fafafa; }\n"
      "</style>\n"
      "</head>\n"
      "<body>\n"
      "<h1>" +
      xml_escape(title) + "</h1>\n<figure>\n";
  out += chart;
  if (!chart.empty() && chart.back() != '\n') out += '\n';
  out += "</figure>\n";
  out += table_html;
  if (!table_html.empty() && table_html.back() != '\n') out += '\n';
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace caselens::cli
