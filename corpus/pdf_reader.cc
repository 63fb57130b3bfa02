#include "corpus/pdf_reader.h"

#include <dlfcn.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corpus/pdf_module.h"
#include "corpus/segment.h"

namespace caselens::corpus {
namespace {

// ------------------------------------------------------------- poppler

// The poppler module's entry point, loaded once (see pdf_module.h); null
// with *why set when it cannot be loaded.
pdf::ExtractFunction pdf_module(std::string* why) {
  static const std::pair<pdf::ExtractFunction, std::string> loaded = [] {
    const char* env = std::getenv("CASELENS_PDF_MODULE");
    const std::string path = env && *env ? env : CASELENS_PDF_MODULE;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      return std::pair<pdf::ExtractFunction, std::string>(nullptr, dlerror());
    }
    void* entry = dlsym(handle, pdf::kExtractSymbol);
    if (!entry) return std::pair<pdf::ExtractFunction, std::string>(nullptr, dlerror());
    return std::pair<pdf::ExtractFunction, std::string>(
        reinterpret_cast<pdf::ExtractFunction>(entry), "");
  }();
  *why = loaded.second;
  return loaded.first;
}

Error input_error(const std::filesystem::path& path, const std::string& what) {
  return Error{ErrorKind::kInput, path.string() + ": " + what};
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

bool has_letter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) ||
           static_cast<unsigned char>(c) >= 0xC0;
  });
}

// ------------------------------------------------------------ geometry

struct Word {
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // y grows downwards
  double size = 0;                        // font size in points
  double height() const { return y1 - y0; }
};

struct Row {
  std::vector<Word> words;      // sorted by x0
  double y0 = 0, y1 = 0;        // band of the row's words
  double seed0 = 0, seed1 = 0;  // band of the word that started the row
  double size = 0;              // largest font size in the row
};

// One line in reading order.
struct Line {
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double size = 0;
  double first_word = 0;  // width of the first word
  int region = 0;         // -1 full width; 2*block + 0/1 for left/right column
  bool table = false;
};

struct PageText {
  double width = 0, height = 0;
  std::vector<Line> lines;  // reading order
};

// Font size from poppler, or from the box when poppler has none (or a
// nonsensical one, as with a scaled text matrix in some producers).  The
// box's height across the line is its width for text turned sideways.
double word_size(const pdf::Box& box, int rotation) {
  const double h = rotation % 2 == 1 ? box.x1 - box.x0 : box.y1 - box.y0;
  if (box.has_font) {
    const double fs = box.font_size;
    if (fs > 0 && fs < 5 * h && fs > 0.3 * h) return fs;
  }
  return h / 1.16;
}

// Rotates a box into the frame in which words of `rotation` run left to
// right (poppler: 1 = 90 degrees clockwise, 2 = upside down, 3 = 270).
void unrotate(int rotation, double w, double h, Word* word) {
  const double x0 = word->x0, y0 = word->y0, x1 = word->x1, y1 = word->y1;
  switch (rotation) {
    case 1:  // text runs downwards; the first line is rightmost
      word->x0 = y0, word->x1 = y1, word->y0 = w - x1, word->y1 = w - x0;
      break;
    case 2:
      word->x0 = w - x1, word->x1 = w - x0, word->y0 = h - y1,
      word->y1 = h - y0;
      break;
    case 3:  // text runs upwards; the first line is leftmost
      word->x0 = h - y1, word->x1 = h - y0, word->y0 = x0, word->y1 = x1;
      break;
    default:
      break;
  }
}

std::vector<Word> page_words(const pdf::Page& page, double* width,
                             double* height) {
  *width = page.width;
  *height = page.height;
  std::vector<std::vector<Word>> by_rotation(4);
  for (const pdf::Box& box : page.boxes) {
    if (!(box.x1 - box.x0 > 0) || !(box.y1 - box.y0 > 0)) continue;
    Word w;
    w.text = trim(box.text);
    if (w.text.empty()) continue;
    w.x0 = box.x0;
    w.y0 = box.y0;
    w.x1 = box.x1;
    w.y1 = box.y1;
    const int rotation = box.rotation;
    w.size = word_size(box, rotation);
    by_rotation[rotation >= 0 && rotation < 4 ? rotation : 0].push_back(
        std::move(w));
  }
  // The page's main direction; stray rotated words (side labels,
  // watermarks) are left out.
  std::size_t best = 0;
  for (std::size_t r = 1; r < 4; ++r) {
    if (by_rotation[r].size() > by_rotation[best].size()) best = r;
  }
  std::vector<Word> words = std::move(by_rotation[best]);
  if (best != 0) {
    for (Word& w : words) unrotate(static_cast<int>(best), *width, *height, &w);
    if (best != 2) std::swap(*width, *height);
  }
  return words;
}

double vertical_overlap(double a0, double a1, double b0, double b1) {
  return std::min(a1, b1) - std::max(a0, b0);
}

// Rows: words whose boxes overlap the box of the row's first word by half
// the smaller height.  A superscript overlaps its line enough to join it;
// a tall heading in one column does not pull two lines of the other column
// into one row.
std::vector<Row> group_rows(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.y0 + a.y1 < b.y0 + b.y1;
  });
  std::vector<Row> rows;
  for (Word& w : words) {
    Row* target = nullptr;
    // A superscript sorts above its line: look back a few rows.
    for (std::size_t k = rows.size(); k > 0 && k + 3 > rows.size(); --k) {
      Row& row = rows[k - 1];
      const double overlap = vertical_overlap(w.y0, w.y1, row.seed0, row.seed1);
      if (overlap >= 0.5 * std::min(w.height(), row.seed1 - row.seed0)) {
        target = &row;
        break;
      }
    }
    if (!target) {
      rows.emplace_back();
      target = &rows.back();
      target->y0 = target->seed0 = w.y0;
      target->y1 = target->seed1 = w.y1;
    } else {
      target->y0 = std::min(target->y0, w.y0);
      target->y1 = std::max(target->y1, w.y1);
    }
    target->size = std::max(target->size, w.size);
    target->words.push_back(std::move(w));
  }
  for (Row& row : rows) {
    std::sort(row.words.begin(), row.words.end(),
              [](const Word& a, const Word& b) { return a.x0 < b.x0; });
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.y0 + a.y1 < b.y0 + b.y1;
  });
  return rows;
}

// Drops superscript digits glued to the word before them: footnote markers.
// Raised and smaller than that word (not than the row, which may hold a
// heading of the other column).
void drop_footnote_markers(std::vector<Row>* rows) {
  for (Row& row : *rows) {
    std::vector<Word> kept;
    for (std::size_t i = 0; i < row.words.size(); ++i) {
      const Word& w = row.words[i];
      std::string digits = w.text;
      std::erase(digits, ',');
      bool marker = false;
      if (i > 0 && is_digits(digits) && digits.size() <= 3) {
        const Word& before = row.words[i - 1];
        marker = w.size < 0.8 * before.size &&
                 w.y1 < before.y1 - 0.12 * before.size &&
                 w.x0 - before.x1 < 0.2 * before.size;
      }
      if (!marker) kept.push_back(w);
    }
    row.words = std::move(kept);
  }
  std::erase_if(*rows, [](const Row& r) { return r.words.empty(); });
}

// The row's words split at x: the gap between the last word ending before
// x and the first starting after it, or -1 when a word crosses x.
struct Split {
  bool crosses = false;
  bool left = false;      // has words left of x
  bool right = false;     // has words right of x
  double left_edge = 0;   // right end of the left part
  double right_edge = 0;  // left end of the right part
};

Split split_at(const Row& row, double x) {
  Split s;
  for (const Word& w : row.words) {
    if (w.x1 <= x) {
      s.left_edge = s.left ? std::max(s.left_edge, w.x1) : w.x1;
      s.left = true;
    } else if (w.x0 >= x) {
      s.right_edge = s.right ? std::min(s.right_edge, w.x0) : w.x0;
      s.right = true;
    } else {
      s.crosses = true;
    }
  }
  return s;
}

double min_gutter(const Row& row) { return std::max(8.0, 0.8 * row.size); }

bool splits_both(const Row& row, double x) {
  const Split s = split_at(row, x);
  return !s.crosses && s.left && s.right &&
         s.right_edge - s.left_edge >= min_gutter(row);
}

// The x of a gutter between two columns of text, or a negative number when
// the page has none.  The gutter is the x in the middle of the text that
// separates the most rows into a left and a right part; the parts must
// mostly fill their columns (running text does, a table's cells seldom do).
double find_gutter(const std::vector<Row>& rows) {
  double left = 1e9, right = -1e9;
  for (const Row& row : rows) {
    for (const Word& w : row.words) {
      left = std::min(left, w.x0);
      right = std::max(right, w.x1);
    }
  }
  if (rows.size() < 6 || right - left < 150) return -1;
  int best_count = 0;
  double best_from = 0, best_to = 0;
  for (double x = left + 0.3 * (right - left); x <= left + 0.7 * (right - left);
       x += 1.0) {
    int count = 0;
    for (const Row& row : rows) count += splits_both(row, x) ? 1 : 0;
    if (count > best_count) {
      best_count = count;
      best_from = best_to = x;
    } else if (count == best_count && best_to >= x - 1.5) {
      best_to = x;
    }
  }
  if (best_count < 3) return -1;
  const double gutter = (best_from + best_to) / 2;
  int filled = 0;
  for (const Row& row : rows) {
    if (!splits_both(row, gutter)) continue;
    const Split s = split_at(row, gutter);
    if (s.left_edge >= gutter - 0.25 * (gutter - left)) ++filled;
  }
  // The right column's edge: where most of its lines end (a long URL may
  // run past it).
  std::vector<double> right_ends;
  for (const Row& row : rows) {
    if (!splits_both(row, gutter)) continue;
    double end = 0;
    for (const Word& w : row.words) end = std::max(end, w.x1);
    right_ends.push_back(end);
  }
  std::sort(right_ends.begin(), right_ends.end());
  const double right_edge = right_ends[right_ends.size() * 9 / 10];
  int filled_right = 0;
  for (double end : right_ends) {
    if (end >= right_edge - 0.25 * (right_edge - gutter)) ++filled_right;
  }
  // Columns: lines on both sides mostly run to the column edge (headings,
  // list items and last lines of paragraphs do not); a table's label column
  // seldom does.  Reading a table column by column keeps its words, reading
  // columns row by row loses the sentences, so doubt favours columns.
  const bool columns = filled * 100 >= best_count * 25 &&
                       (filled + filled_right) * 10 >= best_count * 9;
  return columns ? gutter : -1;
}

// A line's text from its words: glued where they touch, " | " across a gap
// wider than two ems (a table), a space otherwise.
Line make_line(const std::vector<Word>& words, int region) {
  Line line;
  line.region = region;
  line.x0 = words.front().x0;
  line.y0 = words.front().y0;
  line.x1 = words.front().x1;
  line.y1 = words.front().y1;
  line.first_word = words.front().x1 - words.front().x0;
  double size = 0;
  for (const Word& w : words) size = std::max(size, w.size);
  line.size = size;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    if (i > 0) {
      const double gap = w.x0 - words[i - 1].x1;
      if (gap > 2.0 * size) {
        line.text += " | ";
        line.table = true;
      } else if (gap > 0.12 * size) {
        line.text += ' ';
      }
    }
    line.text += w.text;
    line.x0 = std::min(line.x0, w.x0);
    line.x1 = std::max(line.x1, w.x1);
    line.y0 = std::min(line.y0, w.y0);
    line.y1 = std::max(line.y1, w.y1);
  }
  return line;
}

// Whether the other column has text at the height of this one-sided row:
// if not, the row stands across the page (a heading between column runs).
bool other_side_nearby(const std::vector<Row>& rows, std::size_t k,
                       double gutter, bool row_is_left) {
  const Row& row = rows[k];
  const double pad = 0.5 * row.size;
  const double top = row.y0 - pad, bottom = row.y1 + pad;
  // Rows are in order of their middles: look outwards until they are far.
  const auto check = [&](const Row& other) {
    return vertical_overlap(other.y0, other.y1, top, bottom) > 0 &&
           (row_is_left ? split_at(other, gutter).right
                        : split_at(other, gutter).left);
  };
  const double reach = 4 * row.size + pad;
  for (std::size_t j = k; j-- > 0 && rows[j].y1 >= top - reach;) {
    if (check(rows[j])) return true;
  }
  for (std::size_t j = k + 1; j < rows.size() && rows[j].y0 <= bottom + reach;
       ++j) {
    if (check(rows[j])) return true;
  }
  return false;
}

std::vector<Line> reading_order(const std::vector<Row>& rows) {
  std::vector<Line> lines;
  const double gutter = find_gutter(rows);
  const auto full_row = [&](const Row& row) {
    lines.push_back(make_line(row.words, -1));
  };
  if (gutter < 0) {
    for (const Row& row : rows) full_row(row);
    return lines;
  }
  // Each row: crossing (full width) or split; one-sided rows with nothing
  // beside them between two column runs are full width too.
  const std::size_t n = rows.size();
  std::vector<bool> split(n, false), both(n, false);
  for (std::size_t k = 0; k < n; ++k) {
    const Split s = split_at(rows[k], gutter);
    both[k] = splits_both(rows[k], gutter);
    split[k] = both[k] || (!s.crosses && (s.left != s.right));
  }
  std::size_t first_both = n, last_both = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (both[k]) first_both = std::min(first_both, k), last_both = k;
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (!split[k] || both[k]) continue;
    const bool before = first_both < k, after = first_both < n && last_both > k;
    const Split s = split_at(rows[k], gutter);
    if (before && after && !other_side_nearby(rows, k, gutter, s.left)) {
      split[k] = false;
    }
  }
  int block = 0;
  for (std::size_t k = 0; k < n;) {
    if (!split[k]) {
      full_row(rows[k]);
      ++k;
      continue;
    }
    std::size_t end = k;
    int both_count = 0;
    while (end < n && split[end]) both_count += both[end++] ? 1 : 0;
    if (both_count < 2) {
      for (; k < end; ++k) full_row(rows[k]);
      continue;
    }
    for (int side = 0; side < 2; ++side) {
      for (std::size_t j = k; j < end; ++j) {
        std::vector<Word> part;
        for (const Word& w : rows[j].words) {
          if ((side == 0) == (w.x1 <= gutter)) part.push_back(w);
        }
        if (!part.empty()) lines.push_back(make_line(part, 2 * block + side));
      }
    }
    ++block;
    k = end;
  }
  return lines;
}

// ---------------------------------------------------- page furniture

// Digits masked, lower case, spaces collapsed: "Page 3 of 12" and
// "Page 4 of 12" have one key.
std::string furniture_key(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (key.empty() || key.back() != '#') key.push_back('#');
    } else if (c == ' ' || c == '\t') {
      if (!key.empty() && key.back() != ' ') key.push_back(' ');
    } else {
      key.push_back(
          static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return trim(key);
}

bool is_page_number_line(std::string_view text) {
  std::string key = furniture_key(text);
  std::erase_if(key, [](char c) { return c == '-' || c == '|' || c == ' '; });
  static const std::set<std::string> kShapes = {
      "#", "page#", "page#of#", "#of#", "#/#", "p.#", "pg#", "(#)", "[#]"};
  if (kShapes.count(key)) return true;
  // Roman page numbers in front matter.
  return !key.empty() && key.size() <= 5 &&
         key.find_first_not_of("ivxl") == std::string::npos;
}

constexpr double kFurnitureBand = 0.14;  // top and bottom of the page
constexpr std::size_t kEdgeLines = 3;    // lines looked at in each band

// Indices of the lines at the top or bottom edge of a page.
std::vector<std::pair<std::size_t, bool>> edge_lines(const PageText& page) {
  std::vector<std::size_t> order(page.lines.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return page.lines[a].y0 < page.lines[b].y0;
  });
  std::vector<std::pair<std::size_t, bool>> out;  // (index, at top)
  for (std::size_t k = 0; k < order.size() && k < kEdgeLines; ++k) {
    if (page.lines[order[k]].y1 <= page.height * kFurnitureBand) {
      out.push_back({order[k], true});
    }
  }
  for (std::size_t k = 0; k < order.size() && k < kEdgeLines; ++k) {
    const std::size_t i = order[order.size() - 1 - k];
    if (page.lines[i].y0 >= page.height * (1 - kFurnitureBand)) {
      out.push_back({i, false});
    }
  }
  return out;
}

void drop_furniture(std::vector<PageText>* pages) {
  std::map<std::pair<std::string, bool>, std::set<std::size_t>> seen;
  std::size_t pages_with_text = 0;
  for (std::size_t p = 0; p < pages->size(); ++p) {
    if (!(*pages)[p].lines.empty()) ++pages_with_text;
    for (const auto& [i, top] : edge_lines((*pages)[p])) {
      seen[{furniture_key((*pages)[p].lines[i].text), top}].insert(p);
    }
  }
  // Two fifths of the pages: odd and even pages may have headers of their
  // own, and a cover or section pages none.
  const std::size_t needed =
      std::max<std::size_t>(2, (2 * pages_with_text + 4) / 5);
  for (std::size_t p = 0; p < pages->size(); ++p) {
    PageText& page = (*pages)[p];
    std::set<std::size_t> drop;
    for (const auto& [i, top] : edge_lines(page)) {
      const std::string key = furniture_key(page.lines[i].text);
      if (is_page_number_line(page.lines[i].text) ||
          seen[{key, top}].size() >= needed) {
        drop.insert(i);
      }
    }
    std::vector<Line> kept;
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
      if (!drop.count(i)) kept.push_back(std::move(page.lines[i]));
    }
    page.lines = std::move(kept);
  }
}

// ----------------------------------------------------------- footnotes

// The size most characters are set in.
double body_size(const std::vector<PageText>& pages) {
  std::map<long, std::size_t> chars;
  for (const PageText& page : pages) {
    for (const Line& line : page.lines) {
      chars[std::lround(line.size * 2)] += line.text.size();
    }
  }
  long best = 0;
  std::size_t most = 0;
  for (const auto& [size, count] : chars) {
    if (count > most) most = count, best = size;
  }
  return static_cast<double>(best) / 2;
}

bool starts_with_number(std::string_view text) {
  return !text.empty() && ((text[0] >= '0' && text[0] <= '9') ||
                           text[0] == '*' || text.substr(0, 3) == "\u2020");
}

// Moves each page's footnotes (the smaller lines at its foot, starting with
// a number) out of the running text: "[1] Working Together 2018.".
std::vector<std::string> take_footnotes(std::vector<PageText>* pages) {
  const double body = body_size(*pages);
  std::vector<std::string> notes;
  if (body <= 0) return notes;
  for (PageText& page : *pages) {
    std::size_t first = page.lines.size();
    while (first > 0) {
      const Line& l = page.lines[first - 1];
      if (l.size >= 0.88 * body || l.y0 < page.height * 0.5) break;
      --first;
    }
    // The run must begin with a numbered note, and nothing of body size
    // may sit below it (a caption under a figure is not a footnote).
    while (first < page.lines.size() &&
           !starts_with_number(page.lines[first].text)) {
      ++first;
    }
    if (first == page.lines.size()) continue;
    double lowest_body = 0;
    for (std::size_t i = 0; i < first; ++i) {
      lowest_body = std::max(lowest_body, page.lines[i].y1);
    }
    if (lowest_body > page.lines[first].y0) continue;
    for (std::size_t i = first; i < page.lines.size(); ++i) {
      const std::string& t = page.lines[i].text;
      if (starts_with_number(t)) {
        std::size_t num = 0;
        while (num < t.size() && t[num] >= '0' && t[num] <= '9') ++num;
        if (num > 0) {
          notes.push_back("[" + t.substr(0, num) + "] " +
                          trim(std::string_view(t).substr(num)));
        } else {
          notes.push_back(t);
        }
      } else if (!notes.empty()) {
        notes.back() += "\n" + t;
      }
    }
    page.lines.resize(first);
  }
  return notes;
}

// ------------------------------------------------------- paragraphs

enum class Break {
  kParagraph,  // a blank line before the line
  kLine,       // a newline: the normaliser decides whether it is wrapped
  kWrap,       // the line before was full: one paragraph, joined here
};

struct Unit {
  std::string text;
  Break before = Break::kParagraph;
};

// "1. ", "12) ", "a) ", "1.2 ": a numbered item or paragraph starts here
// (not "- ", which after a full line is a dash, nor "2020 ").
bool starts_numbered(std::string_view t) {
  if (t.substr(0, 2) != "- " && is_list_item(t)) return true;
  std::size_t i = 0;
  while (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t[i] == '.')) ++i;
  return i > 0 && i < t.size() && t[i] == ' ' && t[0] != '.' &&
         t.substr(0, i).find('.') != std::string_view::npos;
}

bool ends_sentence(std::string_view t) {
  if (t.empty()) return false;
  char last = t.back();
  if ((last == '"' || last == '\'' || last == ')') && t.size() > 1) {
    last = t[t.size() - 2];
  }
  return last == '.' || last == '!' || last == '?' || last == ':';
}

bool starts_with_glyph_bullet(std::string_view t) {
  return t.substr(0, 3) == "\u2022" || t.substr(0, 3) == "\u25AA" ||
         t.substr(0, 3) == "\u25CF" || t.substr(0, 3) == "\uF0B7";
}

bool starts_with_bullet(std::string_view t) {
  return t.substr(0, 3) == "\u2022" || t.substr(0, 3) == "\u25AA" ||
         t.substr(0, 3) == "\u25CF" || t.substr(0, 3) == "\uF0B7" ||
         t.substr(0, 2) == "- " || t.substr(0, 2) == "o ";
}

// Line pitch as a multiple of font size: the most common spacing of
// consecutive lines in one column.
double typical_pitch(const std::vector<PageText>& pages) {
  std::vector<double> ratios;
  for (const PageText& page : pages) {
    for (std::size_t i = 1; i < page.lines.size(); ++i) {
      const Line& a = page.lines[i - 1];
      const Line& b = page.lines[i];
      if (a.region != b.region || std::abs(a.size - b.size) > 0.5) continue;
      const double r = (b.y0 - a.y0) / std::max(1.0, a.size);
      if (r > 0.8 && r < 3.0) ratios.push_back(r);
    }
  }
  if (ratios.empty()) return 1.25;
  std::sort(ratios.begin(), ratios.end());
  // The lower quartile: paragraph gaps are the outliers above.
  return ratios[ratios.size() / 4];
}

// Ends where a sentence cannot: a lower-case letter or a comma.
bool ends_mid_sentence(std::string_view t) {
  return !t.empty() && (std::islower(static_cast<unsigned char>(t.back())) ||
                        t.back() == ',');
}

std::vector<Unit> assemble(const std::vector<PageText>& pages) {
  const double pitch = typical_pitch(pages);
  const double body = body_size(pages);
  std::vector<Unit> units;
  const Line* last = nullptr;  // the line before, across pages
  for (const PageText& page : pages) {
    // Each column's edges: where its lines start, and where most of them
    // end (a long URL may run past the margin).
    std::map<int, double> region_left, region_right;
    std::map<int, std::vector<double>> ends;
    for (const Line& l : page.lines) {
      auto [lt, fresh] = region_left.emplace(l.region, l.x0);
      if (!fresh) lt->second = std::min(lt->second, l.x0);
      ends[l.region].push_back(l.x1);
    }
    for (auto& [region, x1s] : ends) {
      std::sort(x1s.begin(), x1s.end());
      region_right[region] = x1s[x1s.size() * 9 / 10];
    }
    for (std::size_t i = 0; i < page.lines.size(); last = &page.lines[i++]) {
      const Line& b = page.lines[i];
      bool paragraph = true;
      if (i > 0) {
        const Line& a = page.lines[i - 1];
        const double width = region_right[a.region] - region_left[a.region];
        const bool same_size =
            std::abs(a.size - b.size) <= 0.12 * std::max(a.size, b.size);
        const double step = (b.y0 - a.y0) / std::max(1.0, a.size);
        const bool close = step > 0 && step < pitch * 1.3 + 0.1;
        const bool short_end = ends_sentence(a.text) &&
                               a.x1 < region_right[a.region] - 0.25 * width;
        paragraph = a.region != b.region || !same_size || !close || a.table ||
                    b.table || (short_end && !starts_with_bullet(b.text));
        if (!paragraph) {
          // The line before was wrapped when the first word of this one
          // would not have fitted at its end.
          const bool full = a.x1 + 0.3 * b.size + b.first_word >
                            region_right[a.region] - 0.01 * width;
          const bool wrapped = full && !ends_sentence(a.text) &&
                               !starts_with_glyph_bullet(b.text) &&
                               !starts_numbered(b.text);
          units.push_back({b.text, wrapped ? Break::kWrap : Break::kLine});
          continue;
        }
      }
      // A paragraph (of body text, not a heading) carried on over a column
      // or page break.
      const bool carried_on =
          last && (i == 0 || last->region != b.region) &&
          std::abs(b.size - body) <= 0.12 * body &&
          ends_mid_sentence(last->text) && !last->table && !b.table &&
          std::abs(last->size - b.size) <=
              0.12 * std::max(last->size, b.size) &&
          !starts_with_bullet(b.text) && !starts_numbered(b.text);
      units.push_back({b.text, carried_on ? Break::kWrap : Break::kParagraph});
    }
  }
  return units;
}

// ------------------------------------------------------- hyphenation

// Prefixes that keep their hyphen at a line break unless the document
// writes the word solid.
bool is_compound_prefix(std::string_view head) {
  static const std::set<std::string, std::less<>> kPrefixes = {
      "multi", "inter", "non",  "self", "cross", "co",  "pre",  "post",
      "anti",  "ex",    "semi", "well", "child", "sub", "long", "short",
      "full",  "part",  "step", "half", "mid",   "e"};
  return kPrefixes.count(head) > 0;
}

void count_words(std::string_view text, std::map<std::string, int>* vocab) {
  std::string cur;
  const auto flush = [&] {
    while (!cur.empty() && (cur.back() == '-' || cur.back() == '\'')) {
      cur.pop_back();
    }
    if (!cur.empty()) ++(*vocab)[cur];
    cur.clear();
  };
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80 ||
        ((c == '-' || c == '\'') && !cur.empty())) {
      cur.push_back(static_cast<char>(std::tolower(u)));
    } else {
      flush();
    }
  }
  flush();
}

constexpr std::string_view kSoftHyphen = "\xC2\xAD";

bool word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

// Rejoins words hyphenated across a line break (see pdf_reader.h).
void join_hyphenated(std::vector<Unit>* units) {
  std::map<std::string, int> vocab;
  for (const Unit& u : *units) count_words(u.text, &vocab);
  std::vector<Unit> out;
  for (Unit& u : *units) {
    if (!out.empty() && !u.text.empty() &&
        std::islower(static_cast<unsigned char>(u.text[0]))) {
      std::string& prev = out.back().text;
      const bool soft = prev.size() > kSoftHyphen.size() &&
                        std::string_view(prev).substr(
                            prev.size() - kSoftHyphen.size()) == kSoftHyphen;
      const bool hard =
          prev.size() >= 2 && prev.back() == '-' &&
          std::isalpha(static_cast<unsigned char>(prev[prev.size() - 2]));
      if (soft || hard) {
        const std::size_t cut = prev.size() - (soft ? kSoftHyphen.size() : 1);
        std::size_t start = cut;
        while (start > 0 &&
               (word_byte(prev[start - 1]) || prev[start - 1] == '-')) {
          --start;
        }
        const std::string head = lower_ascii(prev.substr(start, cut - start));
        std::size_t tail_end = 0;
        while (tail_end < u.text.size() && word_byte(u.text[tail_end])) {
          ++tail_end;
        }
        const std::string tail = lower_ascii(u.text.substr(0, tail_end));
        bool keep = false;
        if (hard) {
          const int with =
              vocab.count(head + "-" + tail) ? vocab[head + "-" + tail] : 0;
          const int solid = vocab.count(head + tail) ? vocab[head + tail] : 0;
          if (with != solid) {
            keep = with > solid;
          } else {
            const std::size_t dash = head.rfind('-');
            keep = dash != std::string::npos ||
                   is_compound_prefix(head.substr(0, dash));
          }
        }
        if (!keep) prev.erase(cut);
        prev += u.text;
        continue;
      }
    }
    if (!out.empty() && u.before == Break::kWrap) {
      out.back().text += ' ' + u.text;
      continue;
    }
    out.push_back(std::move(u));
  }
  *units = std::move(out);
}

// ------------------------------------------------------------ metadata

// "D:20191015103000+01'00'" -> "2019-10-15" ("2019-10", "2019" when the
// date is partial; "" when it is not a date).
std::string pdf_date(std::string_view raw) {
  std::string_view s = raw;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (s.substr(0, 2) == "D:") s.remove_prefix(2);
  std::string digits;
  for (char c : s) {
    if (c < '0' || c > '9') break;
    digits.push_back(c);
  }
  if (digits.size() < 4) return "";
  const int year = std::stoi(digits.substr(0, 4));
  if (year < 1990 || year > 2100) return "";
  std::string out = digits.substr(0, 4);
  if (digits.size() >= 6) {
    const int month = std::stoi(digits.substr(4, 2));
    if (month < 1 || month > 12) return out;
    out += "-" + digits.substr(4, 2);
    if (digits.size() >= 8) {
      const int day = std::stoi(digits.substr(6, 2));
      if (day >= 1 && day <= 31) out += "-" + digits.substr(6, 2);
    }
  }
  return out;
}

std::string one_line(std::string s, std::size_t max_bytes) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  s = trim(s);
  if (s.size() > max_bytes) s = s.substr(0, max_bytes) + "...";
  return s;
}

}  // namespace

Result<RawText> PdfReader::read(std::string_view bytes,
                                const std::filesystem::path& path) const {
  if (bytes.empty()) return input_error(path, "empty file");
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return input_error(path, "not a readable PDF (file too large)");
  }
  std::string why;
  const pdf::ExtractFunction extract = pdf_module(&why);
  if (!extract) return input_error(path, "cannot read PDFs here (" + one_line(why, 200) + ")");
  pdf::Content doc;
  extract(bytes.data(), static_cast<int>(bytes.size()), &doc);
  if (doc.status == pdf::Content::Status::kUnreadable) {
    why = doc.error.empty() ? "damaged or not a PDF" : one_line(doc.error, 100);
    return input_error(path, "not a readable PDF (" + why + ")");
  }
  if (doc.status == pdf::Content::Status::kLocked) {
    return input_error(path, "encrypted PDF; cannot read its text");
  }
  if (doc.status == pdf::Content::Status::kNoPages) {
    return input_error(path, "not a readable PDF (no pages)");
  }

  std::vector<PageText> pages;
  bool any_words = false;
  for (const pdf::Page& page : doc.pages) {
    if (!page.present) continue;
    PageText text;
    std::vector<Word> words = page_words(page, &text.width, &text.height);
    any_words = any_words || !words.empty();
    std::vector<Row> rows = group_rows(std::move(words));
    drop_footnote_markers(&rows);
    text.lines = reading_order(rows);
    pages.push_back(std::move(text));
  }
  if (!any_words) return input_error(path, "no text layer; OCR it first");
  drop_furniture(&pages);
  const std::vector<std::string> notes = take_footnotes(&pages);
  std::vector<Unit> units = assemble(pages);
  join_hyphenated(&units);

  RawText raw;
  raw.format = "pdf";
  for (const Unit& u : units) {
    if (!raw.text.empty()) {
      raw.text += u.before == Break::kParagraph ? "\n\n" : "\n";
    }
    raw.text += u.text;
  }
  for (const std::string& note : notes) raw.text += "\n\n" + note;
  if (!has_letter(raw.text)) {
    return input_error(path, "no text layer; OCR it first");
  }

  const std::string title = one_line(doc.title, 300);
  if (has_letter(title)) raw.format_meta["properties_title"] = title;
  const std::string author = one_line(doc.author, 200);
  if (has_letter(author)) raw.format_meta["author"] = author;
  const std::string date = pdf_date(doc.creation_date);
  if (!date.empty()) raw.format_meta["date"] = date;
  return raw;
}

}  // namespace caselens::corpus
