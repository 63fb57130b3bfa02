#include "corpus/normalise.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/segment.h"
#include "corpus/text_util.h"

namespace caselens::corpus {
namespace {

using text::is_digit;
using text::is_lower;
using text::trim;

// ------------------------------------------------------- character level

bool is_bullet_glyph(UChar32 c) {
  switch (c) {
    case 0x2022:  // • bullet
    case 0x25E6:  // ◦ white bullet
    case 0x25AA:  // ▪ small black square
    case 0x25AB:  // ▫
    case 0x25A0:  // ■
    case 0x25A1:  // □
    case 0x25CF:  // ●
    case 0x25CB:  // ○
    case 0x25BA:  // ►
    case 0x25B6:  // ▶
    case 0x27A2:  // ➢
    case 0x27A4:  // ➤
    case 0x2043:  // ⁃ hyphen bullet
    case 0x2219:  // ∙
    case 0xF0B7:  // Symbol-font bullet from Word/PDF (private use)
    case 0xF0A7:  // Wingdings square (private use)
    case 0xF0D8:  // Wingdings arrow (private use)
      return true;
    default:
      return false;
  }
}

// NFC, then the character mappings listed in normalise.h.  Bullets start a
// new "- " line; a bullet glyph in mid-line (PDF text run together) breaks
// the line.
std::string map_characters(std::string_view raw) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return std::string(raw);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
  icu::UnicodeString normal = nfc->normalize(in, status);
  if (U_FAILURE(status)) normal = in;

  icu::UnicodeString out;
  bool at_line_start = true;
  const int32_t n = normal.length();
  for (int32_t i = 0; i < n;) {
    const UChar32 c = normal.char32At(i);
    i += U16_LENGTH(c);
    if (c == '\r') {
      if (i < n && normal.char32At(i) == '\n') continue;
      out.append(static_cast<UChar>('\n'));
      at_line_start = true;
      continue;
    }
    if (c == '\n' || c == 0x2028 || c == 0x85) {
      out.append(static_cast<UChar>('\n'));
      at_line_start = true;
      continue;
    }
    if (c == '\f' || c == 0x2029) {  // page or paragraph separator
      out.append(u"\n\n");
      at_line_start = true;
      continue;
    }
    if (is_bullet_glyph(c)) {
      out.append(at_line_start ? u"- " : u"\n- ");
      at_line_start = false;
      continue;
    }
    switch (c) {
      case 0x2018:
      case 0x2019:
      case 0x201A:
      case 0x201B:
      case 0x2032:
      case 0x02BC:
      case 0x00B4:
      case 0x0060:
        out.append(static_cast<UChar>('\''));
        break;
      case 0x201C:
      case 0x201D:
      case 0x201E:
      case 0x201F:
      case 0x2033:
        out.append(static_cast<UChar>('"'));
        break;
      case 0x2010:
      case 0x2011:
      case 0x2012:
      case 0x2013:
      case 0x2014:
      case 0x2015:
      case 0x2212:
      case 0xFE58:
      case 0xFE63:
      case 0xFF0D:
        out.append(static_cast<UChar>('-'));
        break;
      case 0x00AD:
      case 0x200B:
      case 0x200C:
      case 0x200D:
      case 0x2060:
      case 0xFEFF:
        break;  // soft hyphen, zero-width characters
      default:
        if (c >= 0xFB00 && c <= 0xFB06) {  // ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
          out.append(nfkc->normalize(icu::UnicodeString(c), status));
        } else if (c == '\t' || u_charType(c) == U_SPACE_SEPARATOR) {
          out.append(static_cast<UChar>(c == '\t' ? '\t' : ' '));
        } else if (u_iscntrl(c)) {
          // Other control characters carry no text.
        } else {
          out.append(c);
        }
    }
    if (c != ' ' && c != '\t' && u_charType(c) != U_SPACE_SEPARATOR) {
      at_line_start = false;
    }
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

// ------------------------------------------------------------ line level

struct Line {
  std::string text;  // cleaned; empty for a blank line
  // Must be a paragraph of its own (markdown heading, contents block).
  bool standalone = false;
};

// Collapses space/tab runs, trims, and turns bullet-like line starts ("* ",
// "- ", "o ", "· ") into "- ".
std::string clean_spacing(std::string_view line) {
  std::string out;
  for (char c : trim(line)) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  for (std::string_view marker : {"* ", "o ", "\u00B7 ", "- "}) {
    if (std::string_view(out).substr(0, marker.size()) == marker &&
        out.size() > marker.size()) {
      out =
          "- " + std::string(trim(std::string_view(out).substr(marker.size())));
      break;
    }
  }
  return out;
}

// Removes markdown bold markers ("**" runs).  Between two words the marker
// becomes a space: "Author**January" was two lines in the source.
std::string strip_bold_markers(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    std::size_t run = i;
    while (run < line.size() && line[run] == '*') ++run;
    if (run - i < 2) {
      out.push_back(line[i]);
      continue;
    }
    const bool word_before = i > 0 && !text::is_space(line[i - 1]);
    const bool word_after = run < line.size() && !text::is_space(line[run]);
    if (word_before && word_after) out.push_back(' ');
    i = run - 1;
  }
  return out;
}

// "## Heading ##" -> "Heading", returning true; false (line untouched) when
// the line is not an ATX heading.
bool strip_atx_heading(std::string* line) {
  std::size_t hashes = 0;
  while (hashes < line->size() && (*line)[hashes] == '#') ++hashes;
  if (hashes == 0 || hashes > 6 || hashes >= line->size() ||
      (*line)[hashes] != ' ') {
    return false;
  }
  std::string_view rest = trim(std::string_view(*line).substr(hashes));
  while (!rest.empty() && rest.back() == '#') rest.remove_suffix(1);
  *line = std::string(trim(rest));
  return true;
}

bool is_page_number(std::string_view word) {
  return !word.empty() && word.size() <= 4 &&
         std::all_of(word.begin(), word.end(),
                     [](char c) { return is_digit(c); });
}

// A lone page number, "Page 3" or "Page 3 of 12" (any case), and nothing
// else on the line.
bool is_page_furniture(std::string_view line) {
  if (is_page_number(line)) return true;
  const std::vector<std::string_view> words = text::split_words(line);
  if (words.size() != 2 && words.size() != 4) return false;
  if (!text::equals_ci(words[0], "page") || !is_page_number(words[1])) {
    return false;
  }
  return words.size() == 2 ||
         (text::equals_ci(words[2], "of") && is_page_number(words[3]));
}

bool is_numbered(std::string_view line) {
  return !line.empty() && is_digit(line[0]);
}

// Running headers and footers: short lines that repeat on page after page.
// A line that is a heading by shape, a list item or numbered is structure,
// not furniture.  The first occurrence survives when it is among the opening
// lines, where a repeated header usually doubles as the title.
void drop_running_lines(std::vector<Line>* lines) {
  constexpr std::size_t kMinRepeats = 3;
  constexpr std::size_t kMaxBytes = 70;
  constexpr std::size_t kMaxWords = 10;
  constexpr std::size_t kOpeningLines = 20;
  std::map<std::string, std::size_t> counts;
  for (const Line& line : *lines) {
    const std::string& t = line.text;
    if (t.empty() || t.size() > kMaxBytes || text::word_count(t) > kMaxWords ||
        is_list_item(t) || is_numbered(t) || looks_like_heading(t)) {
      continue;
    }
    ++counts[t];
  }
  std::set<std::string> kept_first;
  std::size_t non_blank = 0;
  for (Line& line : *lines) {
    if (line.text.empty()) continue;
    ++non_blank;
    const auto it = counts.find(line.text);
    if (it == counts.end() || it->second < kMinRepeats) continue;
    if (non_blank <= kOpeningLines && kept_first.insert(line.text).second) {
      continue;
    }
    line.text.clear();
  }
}

// ------------------------------------------------------ contents blocks

bool is_contents_title(std::string_view line) {
  std::string l = text::to_lower(line);
  while (!l.empty() && (l.back() == ':' || l.back() == '.')) l.pop_back();
  return l == "contents" || l == "table of contents" || l == "content";
}

// One contents entry without its bullet, dotted leader and page number;
// empty when the line is not shaped like one.
std::string contents_entry(std::string_view line) {
  std::string_view s = line;
  if (s.substr(0, 2) == "- ") s.remove_prefix(2);
  bool has_page = false;
  std::size_t end = s.size();
  while (end > 0 && is_digit(s[end - 1])) --end;
  if (end < s.size() && s.size() - end <= 3 && end > 0 && s[end - 1] == ' ') {
    has_page = true;
    s = trim(s.substr(0, end));
    while (!s.empty() && (s.back() == '.' || s.back() == ' '))
      s.remove_suffix(1);
  }
  while (!s.empty() && s.back() == ':') s.remove_suffix(1);
  const std::size_t words = text::word_count(s);
  if (s.empty() || words > 15) return "";
  const bool numbered_heading =
      is_numbered(s) && words <= 12 && s.back() != '.';
  if (!has_page && !numbered_heading) return "";
  return std::string(s);
}

// Replaces a "Contents" line and the entries after it with one standalone
// line.  The block ends at the first line that is not an entry, or at an
// entry repeated (the body's first heading, which the contents listed).
void collapse_contents(std::vector<Line>* lines) {
  for (std::size_t i = 0; i < lines->size(); ++i) {
    if (!is_contents_title((*lines)[i].text)) continue;
    std::vector<std::string> entries;
    std::set<std::string> seen;
    std::size_t end = i + 1;  // one past the last line of the block
    for (std::size_t j = i + 1; j < lines->size(); ++j) {
      const std::string& t = (*lines)[j].text;
      if (t.empty()) continue;
      std::string entry = contents_entry(t);
      if (entry.empty() || !seen.insert(text::to_lower(entry)).second) break;
      entries.push_back(std::move(entry));
      end = j + 1;
    }
    if (entries.size() < 2) continue;
    std::string joined = "Contents: ";
    for (std::size_t k = 0; k < entries.size(); ++k) {
      if (k > 0) joined += "; ";
      joined += entries[k];
    }
    (*lines)[i] = Line{std::move(joined), true};
    lines->erase(lines->begin() + static_cast<std::ptrdiff_t>(i) + 1,
                 lines->begin() + static_cast<std::ptrdiff_t>(end));
  }
}

// --------------------------------------------------------------- joining

// Numbered paragraphs ("1.1 The ...") start a new unit like list items.
bool is_numbered_paragraph(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (is_digit(line[i]) || line[i] == '.')) ++i;
  return i > 0 && i < line.size() && line[i] == ' ' &&
         line.substr(0, i).find('.') != std::string_view::npos;
}

bool starts_unit(std::string_view line) {
  return is_list_item(line) || is_numbered_paragraph(line) ||
         looks_like_heading(line) || !text::field_label(line).empty();
}

bool ends_with_letter_hyphen(std::string_view s) {
  return s.size() >= 2 && s.back() == '-' && text::is_alpha(s[s.size() - 2]);
}

// Appends a wrapped continuation line to a unit.
void join_wrapped(std::string* unit, std::string_view next) {
  if (ends_with_letter_hyphen(*unit) && !next.empty() && is_lower(next[0])) {
    unit->pop_back();  // "safe-" + "guarding"
    unit->append(next);
    return;
  }
  unit->push_back(' ');
  unit->append(next);
}

// Running text (not a heading) that stops where a sentence cannot end.
bool ends_mid_sentence(std::string_view unit) {
  if (unit.empty() || looks_like_heading(unit)) return false;
  const char last = unit.back();
  return is_lower(last) || last == ',' || ends_with_letter_hyphen(unit);
}

// Whether `next` continues the unit `prev` on the following line.  After a
// line broken in mid-sentence only a list item, numbered paragraph or
// "Label: value" line starts afresh, so a wrapped line that happens to begin
// "Learning Together model" is not taken for a heading.
bool continues_line(std::string_view prev, std::string_view next) {
  if (is_list_item(next) || is_numbered_paragraph(next) ||
      !text::field_label(next).empty()) {
    return false;
  }
  if (ends_mid_sentence(prev)) return true;
  return !starts_unit(next) && !looks_like_heading(prev);
}

// A paragraph that stops in mid-sentence and one that carries on in lower
// case were split by a page break.
bool continues_across_break(std::string_view prev, std::string_view next) {
  return !next.empty() && is_lower(next[0]) && !is_list_item(next) &&
         ends_mid_sentence(prev);
}

using Paragraph = std::vector<std::string>;  // units, one per output line

std::vector<Paragraph> assemble(const std::vector<Line>& lines) {
  std::vector<Paragraph> paragraphs;
  bool in_paragraph = false;
  bool blank_since_last = true;
  bool last_standalone = false;
  for (const Line& line : lines) {
    if (line.text.empty()) {
      blank_since_last = true;
      in_paragraph = false;
      continue;
    }
    const std::string& t = line.text;
    if (line.standalone) {
      paragraphs.push_back({t});
      in_paragraph = false;
      blank_since_last = false;
      last_standalone = true;
      continue;
    }
    if (in_paragraph && continues_line(paragraphs.back().back(), t)) {
      join_wrapped(&paragraphs.back().back(), t);
    } else if (in_paragraph) {
      paragraphs.back().push_back(t);
    } else if (!paragraphs.empty() && blank_since_last && !last_standalone &&
               continues_across_break(paragraphs.back().back(), t)) {
      std::string& unit = paragraphs.back().back();
      if (!ends_with_letter_hyphen(unit)) unit.push_back(' ');
      unit.append(t);
      in_paragraph = true;
    } else {
      paragraphs.push_back({t});
      in_paragraph = true;
    }
    blank_since_last = false;
    last_standalone = false;
  }
  return paragraphs;
}

}  // namespace

std::string normalise_text(std::string_view raw) {
  const std::string mapped = map_characters(raw);
  std::vector<Line> lines;
  for (std::string_view source : text::split_lines(mapped)) {
    Line line{clean_spacing(strip_bold_markers(source)), false};
    if (strip_atx_heading(&line.text)) {
      line.standalone = true;
    }
    if (line.text.find_first_not_of("*-_= ") == std::string::npos ||
        is_page_furniture(line.text)) {
      line.text.clear();  // rules and page numbers
    }
    lines.push_back(std::move(line));
  }
  collapse_contents(&lines);
  drop_running_lines(&lines);

  std::string out;
  for (const Paragraph& paragraph : assemble(lines)) {
    if (!out.empty()) out += "\n\n";
    for (std::size_t i = 0; i < paragraph.size(); ++i) {
      if (i > 0) out += '\n';
      out += paragraph[i];
    }
  }
  return out;
}

}  // namespace caselens::corpus
