#include "corpus/segment.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/text_util.h"

namespace caselens::corpus {
namespace {

using text::is_digit;
using text::is_lower;
using text::is_upper;

// Section names that head a part of a review, matched as the start of a
// line (after any numbering), case-insensitively.
constexpr std::array<std::string_view, 44> kSectionNames{
    "executive summary",
    "summary",
    "introduction",
    "background",
    "context",
    "findings",
    "finding",
    "key findings",
    "learning",
    "key learning",
    "lessons learned",
    "lessons learnt",
    "lessons to be learnt",
    "lessons to be learned",
    "lessons for",
    "learning points",
    "recommendations",
    "recommendation",
    "conclusions",
    "conclusion",
    "analysis",
    "methodology",
    "methods",
    "terms of reference",
    "scope",
    "appendix",
    "glossary",
    "references",
    "bibliography",
    "good practice",
    "purpose",
    "family background",
    "chronology",
    "next steps",
    "actions",
    "action plan",
    "acknowledgements",
    "foreword",
    "circumstances",
    "case summary",
    "key issues",
    "themes",
    "overview",
    "reflective questions"};

// Punctuation a heading never ends with: a line ending so is a sentence or a
// clause of one.
bool ends_in_sentence_punctuation(std::string_view line) {
  const char last = line.back();
  return last == '.' || last == ',' || last == ';' || last == '?' ||
         last == '!';
}

// "6.", "6.1", "6.1.2" followed by a space: the numbers, else nullopt.
std::optional<std::vector<int>> heading_number(std::string_view line,
                                               std::string_view* rest) {
  std::vector<int> numbers;
  std::size_t i = 0;
  while (i < line.size() && is_digit(line[i])) {
    int value = 0;
    const std::size_t start = i;
    while (i < line.size() && is_digit(line[i])) {
      // Only up to three digits count (no int overflow on a long run).
      if (i - start < 3) value = value * 10 + (line[i] - '0');
      ++i;
    }
    if (i - start > 2) return std::nullopt;  // a year, not a number
    numbers.push_back(value);
    if (i < line.size() && line[i] == '.') ++i;
    if (i < line.size() && line[i] == ' ') break;
    if (i < line.size() && !is_digit(line[i])) return std::nullopt;
  }
  if (numbers.empty() || numbers.size() > 4 || i >= line.size() ||
      line[i] != ' ') {
    return std::nullopt;
  }
  *rest = text::trim(line.substr(i));
  return numbers;
}

bool is_section_name(std::string_view rest) {
  const std::string folded = text::fold_for_matching(rest);
  for (std::string_view name : kSectionNames) {
    if (folded.compare(1, name.size() + 1, std::string(name) + " ") == 0) {
      return true;
    }
  }
  return false;
}

bool is_all_capitals(std::string_view line) {
  std::size_t letters = 0;
  for (char c : line) {
    if (is_lower(c)) return false;
    if (is_upper(c)) ++letters;
  }
  return letters >= 4;
}

// Short enough to be a heading; a closing full stop is allowed only on very
// short lines ("Recommendation 1.").
bool heading_sized(std::string_view line, std::size_t max_words) {
  const std::size_t words = text::word_count(line);
  if (words == 0 || words > max_words || line.size() > 120) return false;
  if (line.back() == '.') return words <= 3;
  return !ends_in_sentence_punctuation(line);
}

bool is_contents_line(std::string_view line) {
  return text::starts_with_ci(line, "contents");
}

bool mentions_date(std::string_view line) {
  const std::vector<std::string_view> words = text::split_words(line);
  for (std::string_view w : words) {
    while (!w.empty() && !text::is_alpha(w.back()) && !is_digit(w.back())) {
      w.remove_suffix(1);
    }
    if (text::year_number(w) || text::month_number(w)) return true;
  }
  return false;
}

enum class HeadingKind { kNone, kNumbered, kNamed, kCapitals };

HeadingKind heading_shape(std::string_view line) {
  if (line.empty() || line.substr(0, 2) == "- " || is_contents_line(line)) {
    return HeadingKind::kNone;
  }
  std::string_view rest;
  if (heading_number(line, &rest)) {
    if (rest.empty() || !(is_upper(rest[0]) || is_digit(rest[0]))) {
      return HeadingKind::kNone;
    }
    if (!heading_sized(line, 12) || line.back() == '.')
      return HeadingKind::kNone;
    // A colon ends a lead-in sentence unless the heading is short.
    if (line.back() == ':' && text::word_count(rest) > 6) {
      return HeadingKind::kNone;
    }
    return HeadingKind::kNumbered;
  }
  if (!is_upper(line[0])) return HeadingKind::kNone;
  if (is_section_name(line) && heading_sized(line, 12))
    return HeadingKind::kNamed;
  if (is_all_capitals(line) && heading_sized(line, 14) &&
      !mentions_date(line)) {
    return HeadingKind::kCapitals;
  }
  return HeadingKind::kNone;
}

// A table row as the PDF and DOCX readers write it: cells joined by " | ".
bool is_table_row(std::string_view line) {
  return line.find(" | ") != std::string_view::npos;
}

// A short stand-alone line that could head what follows it.
bool is_weak_heading_candidate(std::string_view line) {
  if (line.empty() || !is_upper(line[0]) || line.substr(0, 2) == "- " ||
      is_table_row(line)) {
    return false;
  }
  if (text::word_count(line) > 10 || line.size() > 80) return false;
  if (ends_in_sentence_punctuation(line) || line.back() == ':') return false;
  if (line.find(": ") != std::string_view::npos ||
      line.find("://") != std::string_view::npos || line.find("www.") == 0) {
    return false;
  }
  // Numbers in a short line make it data ("Mother R - age 34"), and numbered
  // headings have their own rule.
  for (std::string_view word : text::split_words(line)) {
    if (std::all_of(word.begin(), word.end(),
                    [](char c) { return is_digit(c); })) {
      return false;
    }
  }
  return !mentions_date(line) && !is_contents_line(line);
}

// Running text or a list: what a heading is followed by.
bool is_body_line(std::string_view line) {
  return is_list_item(line) || is_table_row(line) ||
         text::word_count(line) > 10 ||
         ends_in_sentence_punctuation(line) || line.back() == ':';
}

struct LineSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t paragraph = 0;
};

std::vector<LineSpan> line_spans(std::string_view text) {
  std::vector<LineSpan> spans;
  std::size_t paragraph = 0;
  std::size_t pos = 0;
  bool previous_blank = false;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    if (nl == pos) {
      previous_blank = true;
    } else {
      if (previous_blank && !spans.empty()) ++paragraph;
      previous_blank = false;
      // Trailing spaces are not part of the passage.
      std::size_t end = nl;
      while (end > pos && text::is_space(text[end - 1])) --end;
      if (end > pos) spans.push_back({pos, end, paragraph});
    }
    pos = nl + 1;
  }
  return spans;
}

}  // namespace

bool is_list_item(std::string_view line) {
  if (line.substr(0, 2) == "- ") return true;
  // "1. text", "12) text", "a) text", "(a) text", "iv) text"
  std::size_t i = 0;
  if (i < line.size() && line[i] == '(') ++i;
  const std::size_t start = i;
  if (i < line.size() && is_digit(line[i])) {
    while (i < line.size() && is_digit(line[i])) ++i;
    if (i - start > 2) return false;
  } else {
    while (i < line.size() && is_lower(line[i]) && i - start < 4) ++i;
    if (i == start || (i - start > 1 &&
                       line.substr(start, i - start).find_first_not_of("ivx") !=
                           std::string_view::npos)) {
      return false;
    }
    if (i >= line.size() || line[i] != ')') return false;
  }
  if (i >= line.size() || (line[i] != '.' && line[i] != ')')) return false;
  ++i;
  return i < line.size() && line[i] == ' ';
}

// Where a passage of `line` starting at `begin` ends when the rest is longer
// than kMaxPassageBytes: after the last sentence end (". ", "? ", "! ") in the
// second half of the window, else at the last space there, else at the
// window's end moved back to a UTF-8 character boundary.
std::size_t passage_cut(std::string_view line, std::size_t begin) {
  const std::size_t limit = begin + kMaxPassageBytes;
  const std::size_t half = begin + kMaxPassageBytes / 2;
  for (std::size_t i = limit; i > half; --i) {
    const char c = line[i - 1];
    if ((c == '.' || c == '?' || c == '!') && line[i] == ' ') return i;
  }
  for (std::size_t i = limit; i > half; --i) {
    if (line[i] == ' ') return i;
  }
  std::size_t i = limit;
  while (i > half && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) --i;
  return i;
}

bool looks_like_heading(std::string_view line) {
  return heading_shape(line) != HeadingKind::kNone;
}

Segmentation segment_text(std::string_view text) {
  const std::vector<LineSpan> spans = line_spans(text);
  const auto line_at = [&](std::size_t k) {
    return text.substr(spans[k].begin, spans[k].end - spans[k].begin);
  };
  const auto alone = [&](std::size_t k) {
    const bool first = k == 0 || spans[k - 1].paragraph != spans[k].paragraph;
    const bool last =
        k + 1 == spans.size() || spans[k + 1].paragraph != spans[k].paragraph;
    return first && last;
  };
  const auto first_of_paragraph = [&](std::size_t k) {
    return k == 0 || spans[k - 1].paragraph != spans[k].paragraph;
  };

  Segmentation out;
  std::vector<int> last_number;
  const auto open_section = [&](std::string heading, std::size_t begin) {
    if (!out.sections.empty()) out.sections.back().end = begin;
    Section section;
    section.heading = std::move(heading);
    section.begin = begin;
    section.end = text.size();
    section.first_passage = out.passages.size();
    out.sections.push_back(std::move(section));
  };

  for (std::size_t k = 0; k < spans.size(); ++k) {
    const std::string_view line = line_at(k);
    const bool has_next = k + 1 < spans.size();
    bool heading = false;
    switch (heading_shape(line)) {
      case HeadingKind::kNumbered: {
        // Numbered lists ("1. ...", "2. ...") and numbers going backwards
        // (a list restarting at 1) are not headings.
        std::string_view rest;
        const std::vector<int> number = *heading_number(line, &rest);
        const bool in_list =
            !alone(k) && (!first_of_paragraph(k) ||
                          (has_next && is_list_item(line_at(k + 1))));
        if (!in_list && number > last_number) {
          heading = true;
          last_number = number;
        }
        break;
      }
      case HeadingKind::kNamed:
      case HeadingKind::kCapitals:
        heading = true;
        break;
      case HeadingKind::kNone:
        heading = alone(k) && has_next && is_weak_heading_candidate(line) &&
                  is_body_line(line_at(k + 1));
        break;
    }
    if (heading) {
      open_section(std::string(line), spans[k].begin);
      continue;
    }
    if (out.sections.empty()) open_section("", 0);
    Passage passage;
    passage.section = out.sections.size() - 1;
    passage.list_item = is_list_item(line);
    // An overlong line (a text layer or file without line breaks) is cut
    // into passages of at most kMaxPassageBytes: the tagger's work and a
    // passage document's size grow with the passage.
    std::size_t begin = 0;
    while (line.size() - begin > kMaxPassageBytes) {
      const std::size_t cut = passage_cut(line, begin);
      passage.begin = spans[k].begin + begin;
      passage.end = spans[k].begin + cut;
      out.passages.push_back(passage);
      ++out.sections.back().passage_count;
      begin = cut;
      while (begin < line.size() && line[begin] == ' ') ++begin;
      passage.list_item = false;
    }
    if (begin < line.size()) {
      passage.begin = spans[k].begin + begin;
      passage.end = spans[k].end;
      out.passages.push_back(passage);
      ++out.sections.back().passage_count;
    }
  }
  return out;
}

}  // namespace caselens::corpus
