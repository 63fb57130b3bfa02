#include "tests/corpus/format_fixtures.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace caselens::testing {
namespace {

constexpr std::string_view kBreak = "\xC2\xAC";  // ¬ forced hyphen break

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> split_on(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t next = s.find(sep, pos);
    out.emplace_back(s.substr(pos, next == std::string_view::npos
                                       ? std::string_view::npos
                                       : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

std::vector<std::string> split_spaces(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// Markup text to plain text: "¬" and "^N" markers dropped.
std::string plain(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, kBreak.size()) == kBreak) {
      i += kBreak.size() - 1;
      continue;
    }
    if (s[i] == '^') {
      while (i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') ++i;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// A superscript footnote marker's number inside a markup word, or "".
struct WordParts {
  std::string before;  // text before the marker (or the whole word)
  std::string marker;  // digits
  std::string after;   // text after the marker
};

WordParts word_parts(std::string_view w) {
  WordParts p;
  const std::size_t caret = w.find('^');
  if (caret == std::string_view::npos) {
    p.before = std::string(w);
    return p;
  }
  p.before = std::string(w.substr(0, caret));
  std::size_t i = caret + 1;
  while (i < w.size() && w[i] >= '0' && w[i] <= '9') p.marker.push_back(w[i++]);
  p.after = std::string(w.substr(i));
  return p;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
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
      default:
        out.push_back(c);
    }
  }
  return out;
}

// ------------------------------------------------------------------ PDF

constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 72;
constexpr double kTop = 92;
constexpr double kBottom = kPageHeight - 84;
constexpr double kGutter = 26;

struct DrawOp {
  double x = 0;
  double y = 0;  // baseline
  double size = 0;
  bool bold = false;
  std::string text;
};

struct PdfPage {
  std::vector<DrawOp> ops;
  std::vector<std::string> footnotes;
};

class Layout {
 public:
  Layout(cairo_t* measure, const FixtureDoc& doc)
      : cr_(measure), size_(doc.font_size) {
    pages_.emplace_back();
  }

  void run(const FixtureDoc& doc) {
    using Kind = FixtureBlock::Kind;
    bool have_previous = false;  // a block drawn on this page already
    Kind previous = Kind::kParagraph;
    for (const FixtureBlock& b : doc.blocks) {
      switch (b.kind) {
        case Kind::kPageBreak:
          new_page();
          have_previous = false;
          continue;
        case Kind::kTwoColumns:
          two_columns_ = true;
          column_ = 0;
          column_top_ = y_;
          column_max_y_ = y_;
          run_page_ = pages_.size();
          run_first_op_ = pages_.back().ops.size();
          continue;
        case Kind::kOneColumn:
          if (two_columns_) {
            balance_columns();
            y_ = std::max(y_, column_max_y_);
          }
          two_columns_ = false;
          column_ = 0;
          continue;
        case Kind::kFootnote:
          pages_.back().footnotes.push_back(b.text);
          reserved_ += size_ * 1.1;
          continue;
        default:
          break;
      }
      if (have_previous) y_ += gap_before(previous, b);
      switch (b.kind) {
        case Kind::kHeading:
          // Kept with what follows, as word processors do.
          if (y_ + size_ * 6 > kBottom - reserved_) break_column();
          flow(b.text, size_ * 1.35, true, 0, "");
          y_ += size_ * 0.5;
          break;
        case Kind::kParagraph:
          flow(b.text, size_, false, 0, "");
          break;
        case Kind::kListItem:
          flow(b.text, size_, false, 14, "\u2022");
          break;
        case Kind::kTableRow:
          table_row(b.cells);
          break;
        default:
          break;
      }
      previous = b.kind;
      have_previous = true;
    }
  }

  std::vector<PdfPage>& pages() { return pages_; }

 private:
  double gap_before(FixtureBlock::Kind previous, const FixtureBlock& b) const {
    using Kind = FixtureBlock::Kind;
    if (b.joined && b.kind != Kind::kHeading) return 0;
    if (b.kind == Kind::kHeading) return size_ * 1.6;
    if (b.kind == previous && b.kind == Kind::kListItem) return size_ * 0.25;
    if (b.kind == previous && b.kind == Kind::kTableRow) return 0;
    return size_ * 0.9;
  }

  double column_width() const {
    const double full = kPageWidth - 2 * kMargin;
    return two_columns_ ? (full - kGutter) / 2 : full;
  }
  double column_x() const {
    return kMargin + (two_columns_ && column_ == 1
                          ? (kPageWidth - 2 * kMargin + kGutter) / 2
                          : 0);
  }

  double width_of(std::string_view s, double size, bool bold) {
    cairo_select_font_face(
        cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
        bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
    cairo_text_extents_t ext;
    const std::string str(s);
    cairo_text_extents(cr_, str.c_str(), &ext);
    return ext.x_advance;
  }

  void new_page() {
    pages_.emplace_back();
    column_ = 0;
    y_ = kTop;
    reserved_ = 0;
    column_top_ = kTop;
    column_max_y_ = kTop;
  }

  // Moves to the next line position, breaking the column or page first
  // when the line would not fit.
  // A two-column run that ended in the left column of the page it began
  // on is split into two columns of (nearly) equal length, as word
  // processors do before full-width text.
  void balance_columns() {
    if (column_ != 0 || pages_.size() != run_page_) return;
    std::vector<DrawOp>& ops = pages_.back().ops;
    std::vector<double> baselines;
    for (std::size_t i = run_first_op_; i < ops.size(); ++i) {
      baselines.push_back(ops[i].y);
    }
    std::sort(baselines.begin(), baselines.end());
    baselines.erase(std::unique(baselines.begin(), baselines.end(),
                                [](double a, double b) { return b - a < 2.0; }),
                    baselines.end());
    if (baselines.size() < 4) return;
    const double from = baselines[(baselines.size() + 1) / 2];
    const double shift = from - baselines.front();
    const double offset = (kPageWidth - 2 * kMargin + kGutter) / 2;
    double end = column_top_;
    for (std::size_t i = run_first_op_; i < ops.size(); ++i) {
      if (ops[i].y >= from - 2.0) {
        ops[i].x += offset;
        ops[i].y -= shift;
      }
      end = std::max(end, ops[i].y + size_ * 0.6);
    }
    y_ = end;
    column_max_y_ = end;
  }

  void break_column() {
    if (two_columns_ && column_ == 0) {
      column_ = 1;
      y_ = column_top_;
    } else {
      const bool two = two_columns_;
      new_page();
      two_columns_ = two;
    }
  }

  double next_line(double line_height) {
    if (y_ + line_height > kBottom - reserved_) break_column();
    y_ += line_height;
    if (two_columns_) column_max_y_ = std::max(column_max_y_, y_);
    return y_ - line_height * 0.25;  // baseline
  }

  double word_width(const std::string& word, double size, bool bold) {
    const WordParts p = word_parts(word);
    return width_of(p.before, size, bold) +
           width_of(p.marker, size * 0.6, false) +
           width_of(p.after, size, bold);
  }

  // Draws one line: runs of words as single strings with their spaces (as
  // word processors write them), superscript markers as their own runs.
  void emit_line(const std::vector<std::string>& words, double size, bool bold,
                 double indent, const std::string& bullet, bool first) {
    const double baseline = next_line(size * 1.3);
    const double x0 = column_x();
    if (first && !bullet.empty()) {
      pages_.back().ops.push_back({x0 + 2, baseline, size, false, bullet});
    }
    double x = x0 + indent;
    std::string run;
    const auto flush_run = [&] {
      if (run.empty()) return;
      pages_.back().ops.push_back({x, baseline, size, bold, run});
      x += width_of(run, size, bold);
      run.clear();
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
      const WordParts p = word_parts(words[i]);
      run += p.before;
      if (!p.marker.empty()) {
        flush_run();
        const double sup = size * 0.6;
        pages_.back().ops.push_back(
            {x, baseline - size * 0.38, sup, false, p.marker});
        x += width_of(p.marker, sup, false);
        run += p.after;
      }
      if (i + 1 < words.size()) run += ' ';
    }
    flush_run();
  }

  void flow(const std::string& text, double size, bool bold, double indent,
            const std::string& bullet) {
    const double avail = column_width() - indent;
    const double space = width_of(" ", size, bold);
    std::vector<std::string> line;
    double line_w = 0;
    bool first = true;
    const auto flush = [&] {
      emit_line(line, size, bold, indent, bullet, first);
      first = false;
      line.clear();
      line_w = 0;
    };
    for (const std::string& raw : split_spaces(text)) {
      std::string word = raw;
      while (true) {
        const std::size_t brk = word.find(kBreak);
        std::string head =
            brk == std::string::npos ? word : word.substr(0, brk);
        if (brk != std::string::npos && (head.empty() || head.back() != '-')) {
          head += "-";
        }
        const double w = word_width(head, size, bold);
        if (!line.empty() && line_w + space + w > avail) flush();
        line_w += (line.empty() ? 0 : space) + w;
        line.push_back(head);
        if (brk == std::string::npos) break;
        flush();  // the forced break after "safe-"
        word = word.substr(brk + kBreak.size());
        if (word.empty()) break;
      }
    }
    if (!line.empty()) flush();
  }

  void table_row(const std::vector<std::string>& cells) {
    const double baseline = next_line(size_ * 1.4);
    const double cell_w =
        column_width() / std::max<std::size_t>(1, cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
      pages_.back().ops.push_back({column_x() + static_cast<double>(i) * cell_w,
                                   baseline, size_, false, cells[i]});
    }
  }

  cairo_t* cr_;
  double size_;
  std::vector<PdfPage> pages_;
  bool two_columns_ = false;
  int column_ = 0;
  double y_ = kTop;
  double reserved_ = 0;  // footnote space at the foot of the page
  double column_top_ = kTop;
  double column_max_y_ = kTop;
  std::size_t run_page_ = 0;      // page count when the two-column run began
  std::size_t run_first_op_ = 0;  // its first draw op on that page
};

cairo_status_t append_to_string(void* closure, const unsigned char* data,
                                unsigned int length) {
  static_cast<std::string*>(closure)->append(
      reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void show(cairo_t* cr, const DrawOp& op) {
  cairo_select_font_face(
      cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
      op.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, op.size);
  cairo_move_to(cr, op.x, op.y);
  cairo_show_text(cr, op.text.c_str());
}

// ------------------------------------------------------------------ zip

std::string temp_path(std::string_view suffix) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "fixture-XXXXXX").string();
  const int fd = mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  std::filesystem::remove(pattern);
  return pattern + std::string(suffix);
}

// --------------------------------------------------------------- office

// Markup text with the forced breaks dropped but footnote markers kept.
std::string plain_keep_markers(std::string_view s) {
  std::string out(s);
  for (std::size_t pos; (pos = out.find(kBreak)) != std::string::npos;) {
    out.erase(pos, kBreak.size());
  }
  return out;
}

std::string docx_runs(std::string_view markup) {
  // Two runs (the first word bold) to exercise run joining; footnote
  // markers become footnote references.
  std::string out;
  const std::vector<std::string> words = split_spaces(markup);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const WordParts p = word_parts(plain_keep_markers(words[i]));
    std::string text =
        p.before + (i + 1 < words.size() && p.marker.empty() && p.after.empty()
                        ? " "
                        : "");
    out += i == 0 ? "<w:r><w:rPr><w:b/></w:rPr>" : "<w:r>";
    out += "<w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t></w:r>";
    if (!p.marker.empty()) {
      out += "<w:r><w:footnoteReference w:id=\"" + p.marker + "\"/></w:r>";
      std::string rest = p.after + (i + 1 < words.size() ? " " : "");
      if (!rest.empty()) {
        out += "<w:r><w:t xml:space=\"preserve\">" + xml_escape(rest) +
               "</w:t></w:r>";
      }
    }
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------- markup

FixtureDoc parse_fixture(std::string_view markup) {
  using Kind = FixtureBlock::Kind;
  FixtureDoc doc;
  std::vector<std::string> paragraph;
  const auto flush = [&] {
    if (paragraph.empty()) return;
    std::string text;
    for (const std::string& l : paragraph) {
      if (!text.empty()) text += ' ';
      text += l;
    }
    doc.blocks.push_back({Kind::kParagraph, text, {}});
    paragraph.clear();
  };
  for (const std::string& raw : split_on(markup, '\n')) {
    const std::string line = trim(raw);
    if (line.empty()) {
      flush();
      continue;
    }
    if (line == "[page]" || line == "[2col]" || line == "[1col]") {
      flush();
      doc.blocks.push_back({line == "[page]"   ? Kind::kPageBreak
                            : line == "[2col]" ? Kind::kTwoColumns
                                               : Kind::kOneColumn,
                            "",
                            {}});
    } else if (line.rfind("# ", 0) == 0) {
      flush();
      doc.blocks.push_back({Kind::kHeading, line.substr(2), {}});
    } else if (line.rfind("- ", 0) == 0) {
      flush();
      doc.blocks.push_back({Kind::kListItem, line.substr(2), {}});
    } else if (line.rfind("[fn] ", 0) == 0) {
      flush();
      doc.blocks.push_back({Kind::kFootnote, line.substr(5), {}});
    } else if (line.size() > 1 && line.front() == '|' && line.back() == '|') {
      flush();
      FixtureBlock row{Kind::kTableRow, "", {}};
      std::vector<std::string> cells =
          split_on(std::string_view(line).substr(1, line.size() - 2), '|');
      for (std::string& c : cells) row.cells.push_back(trim(c));
      doc.blocks.push_back(std::move(row));
    } else {
      paragraph.push_back(line);
    }
  }
  flush();
  return doc;
}

std::string fixture_text(const FixtureDoc& doc) {
  using Kind = FixtureBlock::Kind;
  std::string out;
  std::string notes;
  for (const FixtureBlock& b : doc.blocks) {
    switch (b.kind) {
      case Kind::kParagraph:
      case Kind::kHeading:
      case Kind::kListItem:
        out += plain(b.text) + "\n\n";
        break;
      case Kind::kTableRow:
        for (const std::string& c : b.cells) out += c + " ";
        out += "\n\n";
        break;
      case Kind::kFootnote:
        notes += b.text + "\n\n";
        break;
      default:
        break;
    }
  }
  return out + notes;
}

FixtureDoc fixture_from_text(std::string_view normalised,
                             const std::vector<std::string>& headings) {
  using Kind = FixtureBlock::Kind;
  const std::set<std::string> heading_set(headings.begin(), headings.end());
  FixtureDoc doc;
  bool paragraph_start = true;
  for (const std::string& raw : split_on(normalised, '\n')) {
    const std::string line = trim(raw);
    if (line.empty()) {
      paragraph_start = true;
      continue;
    }
    if (heading_set.count(line)) {
      doc.blocks.push_back({Kind::kHeading, line, {}, false});
    } else if (line.rfind("- ", 0) == 0) {
      doc.blocks.push_back(
          {Kind::kListItem, line.substr(2), {}, !paragraph_start});
    } else {
      doc.blocks.push_back({Kind::kParagraph, line, {}, !paragraph_start});
    }
    paragraph_start = false;
  }
  return doc;
}

std::string make_pdf(const FixtureDoc& doc) {
  // Measured on a PDF surface (whose output is thrown away) so that the
  // metrics are exactly those of the file drawn below.
  std::string discarded;
  cairo_surface_t* scratch = cairo_pdf_surface_create_for_stream(
      append_to_string, &discarded, kPageWidth, kPageHeight);
  cairo_t* measure = cairo_create(scratch);
  Layout layout(measure, doc);
  layout.run(doc);
  cairo_destroy(measure);
  cairo_surface_finish(scratch);
  cairo_surface_destroy(scratch);

  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      append_to_string, &bytes, kPageWidth, kPageHeight);
  if (!doc.title.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   doc.title.c_str());
  }
  if (!doc.author.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR,
                                   doc.author.c_str());
  }
  if (!doc.created.empty()) {
    const std::string when = doc.created + "T10:00:00";
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   when.c_str());
  }
  cairo_t* cr = cairo_create(surface);
  std::vector<PdfPage>& pages = layout.pages();
  const double fn_size = doc.font_size * 0.75;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    const std::string& header = p % 2 == 1 && !doc.running_header_even.empty()
                                    ? doc.running_header_even
                                    : doc.running_header;
    if (!header.empty()) show(cr, {kMargin, 52, 8, false, header});
    for (const DrawOp& op : pages[p].ops) show(cr, op);
    double y = kBottom + 4 -
               fn_size * 1.4 * static_cast<double>(pages[p].footnotes.size());
    for (const std::string& note : pages[p].footnotes) {
      // "1 text": the number as a small raised label.
      const std::size_t sp = note.find(' ');
      const std::string num = note.substr(0, sp);
      const std::string rest =
          sp == std::string::npos ? "" : note.substr(sp + 1);
      y += fn_size * 1.4;
      show(cr, {kMargin, y - fn_size * 0.35, fn_size * 0.7, false, num});
      show(cr, {kMargin + 8, y, fn_size, false, rest});
    }
    if (doc.page_numbers) {
      std::string footer = doc.page_label;
      for (const auto& [key, value] :
           {std::pair<std::string, std::string>{"{n}", std::to_string(p + 1)},
            {"{m}", std::to_string(pages.size())}}) {
        for (std::size_t at; (at = footer.find(key)) != std::string::npos;) {
          footer.replace(at, key.size(), value);
        }
      }
      show(cr, {kPageWidth / 2 - 20, kPageHeight - 40, 8, false, footer});
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return bytes;
}

std::string make_turned_pdf(const std::vector<std::string>& lines,
                            int quarter_turns) {
  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      append_to_string, &bytes, kPageWidth, kPageHeight);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 10.5);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const double step = 14.0 * static_cast<double>(k);
    cairo_save(cr);
    if (quarter_turns == 1) {  // reads downwards, first line on the right
      cairo_translate(cr, kPageWidth - 90 - step, 90);
    } else {  // reads upwards, first line on the left
      cairo_translate(cr, 90 + step, kPageHeight - 90);
    }
    cairo_rotate(cr, quarter_turns * 1.5707963267948966);
    cairo_move_to(cr, 0, 0);
    cairo_show_text(cr, lines[k].c_str());
    cairo_restore(cr);
  }
  cairo_move_to(cr, kMargin, kPageHeight - 30);
  cairo_show_text(cr, "stray");
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return bytes;
}

std::string make_image_only_pdf() {
  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      append_to_string, &bytes, kPageWidth, kPageHeight);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_rectangle(cr, 72, 72, 300, 400);
  cairo_fill(cr);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return bytes;
}

std::string make_locked_pdf() {
  // Standard security handler, revision 2: the /U entry does not match the
  // empty user password, so the file stays locked.
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
      ">>",
      "<< /Length 8 >>\nstream\n\x8f\x11\x42\x99\x01\x7e\x33\x5a\nendstream",
      "<< /Filter /Standard /V 1 /R 2 /P -44 "
      "/O <6b2b0a3c5d8e1f2a9b7c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a> "
      "/U <1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b> "
      ">>",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) +
         "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    pdf += entry;
  }
  pdf +=
      "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
      " /Root 1 0 R /Encrypt 5 0 R /ID "
      "[<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>]"
      " >>\nstartxref\n" +
      std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string make_zip(
    const std::vector<std::pair<std::string, std::string>>& entries) {
  const std::string path = temp_path(".zip");
  int error = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!za) throw std::runtime_error("zip_open failed");
  for (const auto& [name, content] : entries) {
    zip_source_t* src =
        zip_source_buffer(za, content.data(), content.size(), 0);
    const zip_int64_t index = zip_file_add(za, name.c_str(), src,
                                           ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(src);
      zip_discard(za);
      throw std::runtime_error("zip_file_add failed");
    }
    if (name == "mimetype") {
      zip_set_file_compression(za, static_cast<zip_uint64_t>(index),
                               ZIP_CM_STORE, 0);
    }
  }
  if (zip_close(za) != 0) {
    zip_discard(za);
    throw std::runtime_error("zip_close failed");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

std::string make_docx(const FixtureDoc& doc) {
  using Kind = FixtureBlock::Kind;
  std::string body;
  std::string footnotes;
  bool in_table = false;
  Kind previous = Kind::kPageBreak;
  for (const FixtureBlock& b : doc.blocks) {
    if (b.kind != Kind::kTableRow && in_table) {
      body += "</w:tbl>";
      in_table = false;
    }
    switch (b.kind) {
      case Kind::kParagraph:
        if (b.joined && previous == Kind::kParagraph &&
            body.compare(body.size() - 6, 6, "</w:p>") == 0) {
          body.resize(body.size() - 6);
          body += "<w:r><w:br/></w:r>" + docx_runs(b.text) + "</w:p>";
        } else {
          body += "<w:p>" + docx_runs(b.text) + "</w:p>";
        }
        break;
      case Kind::kHeading:
        body += "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" +
                docx_runs(b.text) + "</w:p>";
        break;
      case Kind::kListItem:
        body +=
            "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr>"
            "<w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>" +
            docx_runs(b.text) + "</w:p>";
        break;
      case Kind::kTableRow:
        if (!in_table) body += "<w:tbl>";
        in_table = true;
        body += "<w:tr>";
        for (const std::string& c : b.cells) {
          body += "<w:tc><w:p><w:r><w:t>" + xml_escape(c) +
                  "</w:t></w:r></w:p></w:tc>";
        }
        body += "</w:tr>";
        break;
      case Kind::kFootnote: {
        const std::size_t sp = b.text.find(' ');
        footnotes +=
            "<w:footnote w:id=\"" + b.text.substr(0, sp) +
            "\"><w:p><w:r><w:t>" +
            xml_escape(sp == std::string::npos ? "" : b.text.substr(sp + 1)) +
            "</w:t></w:r></w:p></w:footnote>";
        break;
      }
      default:
        break;
    }
    if (b.kind != Kind::kFootnote) previous = b.kind;
  }
  if (in_table) body += "</w:tbl>";
  const std::string w_ns =
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
      "main\"";
  std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
       "content-types\">"
       "<Default Extension=\"rels\" "
       "ContentType=\"application/vnd.openxmlformats-package.relationships+"
       "xml\"/>"
       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
       "<Override PartName=\"/word/document.xml\" "
       "ContentType=\"application/"
       "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/"
       ">"
       "<Override PartName=\"/docProps/core.xml\" "
       "ContentType=\"application/vnd.openxmlformats-package.core-properties+"
       "xml\"/>"
       "</Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
       "<Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/"
       "relationships\">"
       "<Relationship Id=\"rId1\" "
       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
       "relationships/officeDocument\" Target=\"word/document.xml\"/>"
       "<Relationship Id=\"rId2\" "
       "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/"
       "metadata/core-properties\" Target=\"docProps/core.xml\"/>"
       "</Relationships>"},
      {"word/document.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
       "<w:document " +
           w_ns + "><w:body>" + body + "<w:sectPr/></w:body></w:document>"},
  };
  if (!footnotes.empty()) {
    entries.push_back(
        {"word/footnotes.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes " + w_ns +
             "><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r>"
             "<w:separator/></w:r></w:p></w:footnote>" +
             footnotes + "</w:footnotes>"});
  }
  std::string core =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
      "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
      "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  if (!doc.title.empty()) {
    core += "<dc:title>" + xml_escape(doc.title) + "</dc:title>";
  }
  if (!doc.author.empty()) {
    core += "<dc:creator>" + xml_escape(doc.author) + "</dc:creator>";
  }
  if (!doc.created.empty()) {
    core += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + doc.created +
            "T10:00:00Z</dcterms:created>";
  }
  core += "</cp:coreProperties>";
  entries.push_back({"docProps/core.xml", core});
  return make_zip(entries);
}

std::string make_odt(const FixtureDoc& doc) {
  using Kind = FixtureBlock::Kind;
  std::string body;
  bool in_table = false;
  bool in_list = false;
  Kind previous = Kind::kPageBreak;
  for (const FixtureBlock& b : doc.blocks) {
    if (b.kind != Kind::kTableRow && in_table) {
      body += "</table:table>";
      in_table = false;
    }
    if (b.kind != Kind::kListItem && in_list) {
      body += "</text:list>";
      in_list = false;
    }
    const std::string text = xml_escape(plain(b.text));
    switch (b.kind) {
      case Kind::kParagraph:
        if (b.joined && previous == Kind::kParagraph &&
            body.compare(body.size() - 9, 9, "</text:p>") == 0) {
          body.resize(body.size() - 9);
          body += "<text:line-break/>" + text + "</text:p>";
        } else {
          body += "<text:p text:style-name=\"Standard\">" + text + "</text:p>";
        }
        break;
      case Kind::kHeading:
        body += "<text:h text:outline-level=\"1\">" + text + "</text:h>";
        break;
      case Kind::kListItem:
        if (!in_list) body += "<text:list>";
        in_list = true;
        body +=
            "<text:list-item><text:p>" + text + "</text:p></text:list-item>";
        break;
      case Kind::kTableRow:
        if (!in_table) body += "<table:table>";
        in_table = true;
        body += "<table:table-row>";
        for (const std::string& c : b.cells) {
          body += "<table:table-cell><text:p>" + xml_escape(c) +
                  "</text:p></table:table-cell>";
        }
        body += "</table:table-row>";
        break;
      default:
        break;
    }
    if (b.kind != Kind::kFootnote) previous = b.kind;
  }
  if (in_table) body += "</table:table>";
  if (in_list) body += "</text:list>";
  const std::string ns =
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";
  std::string meta =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<office:document-meta " +
      ns + "><office:meta>";
  if (!doc.title.empty())
    meta += "<dc:title>" + xml_escape(doc.title) + "</dc:title>";
  if (!doc.author.empty()) {
    meta += "<meta:initial-creator>" + xml_escape(doc.author) +
            "</meta:initial-creator>";
  }
  if (!doc.created.empty()) {
    meta +=
        "<meta:creation-date>" + doc.created + "T10:00:00</meta:creation-date>";
  }
  meta += "</office:meta></office:document-meta>";
  return make_zip({
      {"mimetype", "application/vnd.oasis.opendocument.text"},
      {"content.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
       "<office:document-content " +
           ns + "><office:body><office:text>" + body +
           "</office:text></office:body>"
           "</office:document-content>"},
      {"meta.xml", meta},
  });
}

// ----------------------------------------------------------- similarity

std::vector<std::string> comparable_words(std::string_view text) {
  std::vector<std::string> words;
  std::string cur;
  const auto word_char = [](unsigned char c) {
    return std::isalnum(c) || c >= 0x80;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (word_char(c)) {
      cur.push_back(static_cast<char>(std::tolower(c)));
    } else if ((c == '-' || c == '\'') && !cur.empty() && i + 1 < text.size() &&
               word_char(static_cast<unsigned char>(text[i + 1]))) {
      cur.push_back(static_cast<char>(c));
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

double word_similarity(std::string_view a_text, std::string_view b_text) {
  std::unordered_map<std::string, int> ids;
  const auto intern = [&](std::string_view text) {
    std::vector<int> out;
    for (std::string& w : comparable_words(text)) {
      out.push_back(ids.emplace(std::move(w), static_cast<int>(ids.size()))
                        .first->second);
    }
    return out;
  };
  const std::vector<int> a = intern(a_text);
  const std::vector<int> b = intern(b_text);
  const long n = static_cast<long>(a.size());
  const long m = static_cast<long>(b.size());
  if (n + m == 0) return 1.0;
  // Myers' O((N+M)D) shortest edit script; LCS = (N + M - D) / 2.
  const long max = n + m;
  std::vector<long> v(static_cast<std::size_t>(2 * max + 2), 0);
  for (long d = 0; d <= max; ++d) {
    for (long k = -d; k <= d; k += 2) {
      const auto at = [&](long kk) -> long& {
        return v[static_cast<std::size_t>(kk + max + 1)];
      };
      long x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1)
                                                              : at(k - 1) + 1;
      long y = x - k;
      while (x < n && y < m &&
             a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) {
        ++x;
        ++y;
      }
      at(k) = x;
      if (x >= n && y >= m) {
        const double lcs = static_cast<double>(n + m - d) / 2.0;
        return 2.0 * lcs / static_cast<double>(n + m);
      }
    }
  }
  return 0.0;
}

}  // namespace caselens::testing
