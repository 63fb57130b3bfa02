#include "corpus/digest.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corpus/metadata.h"
#include "corpus/normalise.h"
#include "corpus/segment.h"
#include "corpus/slug.h"
#include "corpus/text_util.h"

namespace caselens::corpus {
namespace {

using text::fold_for_matching;
using text::is_digit;
using text::is_lower;
using text::is_upper;
using text::split_words;
using text::trim;

// ------------------------------------------------------------ vocabulary

enum Part { kLocal, kRegional, kThematic, kNationalChildren, kNationalAdults };

constexpr std::array<std::string_view, 5> kSectionNames{
    "local", "regional", "thematic-national", "national-children",
    "national-adults"};

enum Category {
  kPhysical,
  kNeglect,
  kDeaths,
  kSexual,
  kBehavioural,
  kHomicide,
  kExploitation,
  kAdults,
  kCategoryCount
};

constexpr std::array<std::string_view, kCategoryCount> kCategoryNames{
    "physical-emotional-abuse",  "neglect",  "child-deaths", "sexual-abuse",
    "behavioural-mental-health", "homicide", "exploitation", "adults"};

// Children's categories: the ones a national children's table can have.
constexpr int kChildCategories = kAdults;

// Words of an all-capitals table heading naming each category (folded).
struct HeadingWord {
  std::string_view word;
  Category category;
};
constexpr std::array<HeadingWord, 9> kHeadingWords{{
    {"adult", kAdults},  // first: "ADULT - BEHAVIOURAL/MENTAL HEALTH"
    {"adults", kAdults},
    {"physical", kPhysical},
    {"neglect", kNeglect},
    {"deaths", kDeaths},
    {"sexual", kSexual},
    {"behavioural", kBehavioural},
    {"homicide", kHomicide},
    {"exploitation", kExploitation},
}};

// Evidence of a category in an entry's text, as folded phrases (a plural
// "s" on the last word also matches).  Non-fatal violence counts as
// physical harm, as the digests file it; homicide needs a killing.
struct Evidence {
  Category category;
  std::string_view phrase;
};
constexpr std::array<Evidence, 68> kEvidence{{
    {kDeaths, "death"},
    {kDeaths, "died"},
    {kDeaths, "dead"},
    {kDeaths, "sudi"},
    {kDeaths, "asphyxiation"},
    {kDeaths, "co sleeping"},
    {kDeaths, "lifeless"},
    {kDeaths, "suicide"},
    {kDeaths, "post mortem"},
    {kDeaths, "life support"},
    {kSexual, "sexual abuse"},
    {kSexual, "sexually abused"},
    {kSexual, "sexually abusing"},
    {kSexual, "sexual assault"},
    {kSexual, "sexually assaulted"},
    {kSexual, "rape"},
    {kSexual, "raped"},
    {kSexual, "indecent image"},
    {kSexual, "indecent photograph"},
    {kSexual, "sexual offence"},
    {kSexual, "sexualised"},
    {kSexual, "paedophile"},
    {kSexual, "sex offender"},
    {kSexual, "sexual activity"},
    {kPhysical, "non accidental"},
    {kPhysical, "head injury"},
    {kPhysical, "head injuries"},
    {kPhysical, "fracture"},
    {kPhysical, "fractured"},
    {kPhysical, "bruising"},
    {kPhysical, "bruise"},
    {kPhysical, "abusive head trauma"},
    {kPhysical, "shaking"},
    {kPhysical, "physical abuse"},
    {kPhysical, "emotional abuse"},
    {kPhysical, "physical harm"},
    {kPhysical, "injury"},
    {kPhysical, "injuries"},
    {kPhysical, "bite mark"},
    {kPhysical, "strangulation"},
    {kPhysical, "fabricated or induced illness"},
    {kPhysical, "assault"},
    {kPhysical, "stabbed"},
    {kPhysical, "stab"},
    {kPhysical, "shooting"},
    {kNeglect, "neglect"},
    {kNeglect, "neglected"},
    {kNeglect, "home conditions"},
    {kNeglect, "malnourished"},
    {kNeglect, "underweight"},
    {kNeglect, "not brought"},
    {kBehavioural, "mental health"},
    {kBehavioural, "self harm"},
    {kBehavioural, "suicidal"},
    {kBehavioural, "overdose"},
    {kBehavioural, "eating disorder"},
    {kBehavioural, "anorexia"},
    {kHomicide, "murder"},
    {kHomicide, "murdered"},
    {kHomicide, "manslaughter"},
    {kHomicide, "killed"},
    {kHomicide, "homicide"},
    {kExploitation, "exploitation"},
    {kExploitation, "exploited"},
    {kExploitation, "county lines"},
    {kExploitation, "grooming"},
    {kExploitation, "trafficking"},
    {kAdults, "safeguarding adults review"},
}};

// The case line states the harm; it counts this many times.
constexpr double kCaseLineWeight = 3;
// What a change of category inside one table costs (a heading lost together
// with its header row): the evidence of two mentions.
constexpr double kLostHeadingPenalty = 2;

// Words that end a publisher's name.
constexpr std::array<std::string_view, 7> kPublisherEnds{
    "council", "councils", "partnership", "board", "la", "authority", "trust"};

// Words that open a case name ("Child A", "Baby Harris", "Family N").
constexpr std::array<std::string_view, 14> kNameStarts{
    "child", "children", "baby",   "babies", "family", "sibling", "siblings",
    "young", "adult",    "adults", "mr",     "mrs",    "ms",      "miss"};

// Lower-case words that may join the words of a name or place.
constexpr std::array<std::string_view, 8> kConnectors{
    "and", "&", "of", "on", "upon", "with", "in", "the"};

// Labels that open a learning column; dropped, the section is their heading.
constexpr std::array<std::string_view, 8> kLearningLabels{
    "learning",
    "findings",
    "key findings",
    "key learning points",
    "learning points",
    "learning & recommendations",
    "learning and recommendations",
    "learning recommendations"};

// Header-row words (folded).
constexpr std::array<std::string_view, 9> kHeaderWords{
    "case", "key",    "issues", "learning",      "recommendations",
    "and",  "report", "theme",  "recommendation"};

// Longer fragments are compared by their start only (fuzzy comparison is
// quadratic in the lengths).
constexpr std::size_t kFuzzyWindow = 300;
// A repeated run of words where two fragments meet, at most this long.
constexpr std::size_t kMaxOverlapWords = 40;

// ------------------------------------------------------------ text helpers

template <std::size_t N>
bool in_list(const std::array<std::string_view, N>& list, std::string_view w) {
  const std::string lower = text::to_lower(w);
  return std::find(list.begin(), list.end(), lower) != list.end();
}

// Typographic dashes, quotes and spaces as ASCII, so that the parsing below
// sees one form; the entries' text is normalised later like any text.
std::string ascii_punctuation(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xE2 && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0x80) {
      const auto d = static_cast<unsigned char>(s[i + 2]);
      if (d == 0x93 || d == 0x94 || d == 0x90 || d == 0x91) {
        out += '-';
        i += 2;
        continue;
      }
      if (d == 0x98 || d == 0x99) {
        out += '\'';
        i += 2;
        continue;
      }
      if (d == 0x9C || d == 0x9D) {
        out += '"';
        i += 2;
        continue;
      }
    }
    if (c == 0xC2 && i + 1 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      out += ' ';
      ++i;
      continue;
    }
    if (c == '\r' || c == '\f' || c == '\v') {
      out += ' ';
      continue;
    }
    // What normalisation removes goes first, so that "<\0li>" cannot turn
    // into a tag after the tags were stripped: control characters, soft
    // hyphens, zero-width characters.
    if ((c < 0x20 && c != '\t') || c == 0x7F) continue;
    if (c == 0xC2 && i + 1 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0xAD) {
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0x80) {
      const auto d = static_cast<unsigned char>(s[i + 2]);
      if (d >= 0x8B && d <= 0x8D) {
        i += 2;
        continue;
      }
    }
    if (c == 0xE2 && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0x81 &&
        static_cast<unsigned char>(s[i + 2]) == 0xA0) {
      i += 2;
      continue;
    }
    if (c == 0xEF && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0xBB &&
        static_cast<unsigned char>(s[i + 2]) == 0xBF) {
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

// Spaces collapsed, trimmed.
std::string squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (text::is_space(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string decode_entities(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7>
      kEntities{{{"&amp;", "&"},
                 {"&lt;", "<"},
                 {"&gt;", ">"},
                 {"&quot;", "\""},
                 {"&#39;", "'"},
                 {"&apos;", "'"},
                 {"&nbsp;", " "}}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&') {
      for (const auto& [entity, value] : kEntities) {
        if (s.substr(i, entity.size()) == entity) {
          out += value;
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += s[i++];
  }
  return out;
}

// An HTML tag at s[i] ('<'): its length and lower-case name ("li", "/ul").
std::size_t tag_at(std::string_view s, std::size_t i, std::string* name) {
  constexpr std::size_t kMaxTag = 40;
  if (i >= s.size() || s[i] != '<') return 0;
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '/') ++j;
  const std::size_t name_start = j;
  while (j < s.size() && text::is_alpha(s[j])) ++j;
  if (j == name_start) return 0;
  const std::size_t name_end = j;
  while (j < s.size() && s[j] != '>' && s[j] != '<' && j - i < kMaxTag) ++j;
  if (j >= s.size() || s[j] != '>') return 0;
  *name = text::to_lower(s.substr(i + 1, name_end - i - 1));
  return j + 1 - i;
}

bool is_block_tag(std::string_view name) {
  if (!name.empty() && name.front() == '/') name.remove_prefix(1);
  return name == "li" || name == "ul" || name == "ol" || name == "p" ||
         name == "br" || name == "div" || name == "tr" || name == "td";
}

// A bullet glyph at s[i]: its byte length, else 0.
std::size_t bullet_at(std::string_view s, std::size_t i) {
  static constexpr std::array<std::string_view, 6> kBullets{
      "\xE2\x80\xA2", "\xE2\x97\x8F", "\xE2\x96\xAA",
      "\xEF\x82\xB7", "\xE2\x97\xA6", "\xC2\xB7"};
  for (std::string_view b : kBullets) {
    if (s.substr(i, b.size()) == b) return b.size();
  }
  return 0;
}

// Text without tags (tags become spaces) and without bullet glyphs.
std::string plain(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::string name;
    if (const std::size_t n = tag_at(s, i, &name)) {
      out += ' ';
      i += n;
    } else if (const std::size_t b = bullet_at(s, i)) {
      out += ' ';
      i += b;
    } else {
      out += s[i++];
    }
  }
  return squeeze(out);
}

std::string_view strip_punctuation(std::string_view w) {
  while (!w.empty() && !text::is_alpha(w.front()) && !is_digit(w.front()) &&
         w.front() != '&') {
    w.remove_prefix(1);
  }
  while (!w.empty() && !text::is_alpha(w.back()) && !is_digit(w.back()) &&
         w.back() != '&') {
    w.remove_suffix(1);
  }
  return w;
}

bool is_dash_token(std::string_view w) {
  return !w.empty() &&
         std::all_of(w.begin(), w.end(), [](char c) { return c == '-'; });
}

// First letter (skipping quotes and brackets) is lower case, or the text
// starts with a digit or bracket: a continuation rather than a new item.
bool starts_lowerish(std::string_view s) {
  s = trim(s);
  if (s.empty()) return false;
  if (is_digit(s[0]) || s[0] == '(') return true;
  for (char c : s) {
    if (text::is_alpha(c)) return is_lower(c);
    if (c != '\'' && c != '"') return false;
  }
  return false;
}

bool ends_sentence(std::string_view s) {
  s = trim(s);
  while (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ')'))
    s.remove_suffix(1);
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?');
}

// A list item or line that stops where a sentence or list item cannot end.
bool ends_open(std::string_view s) {
  s = trim(s);
  if (s.empty()) return false;
  const char last = s.back();
  return !(last == '.' || last == '!' || last == '?' || last == ';' ||
           last == ':' || last == '"' || last == ')');
}

// Ends on a word no phrase ends with, or a comma or hyphen: the item goes
// on in the next one.
bool ends_dangling(std::string_view s) {
  static constexpr std::array<std::string_view, 30> kDangling{
      "a",    "an",      "the",   "of",  "to",   "for",    "and",  "or",
      "with", "in",      "on",    "at",  "by",   "from",   "that", "which",
      "when", "whether", "their", "his", "her",  "its",    "is",   "are",
      "was",  "were",    "be",    "as",  "into", "between"};
  s = trim(s);
  if (s.empty()) return false;
  if (s.back() == ',' || s.back() == '-') return true;
  std::size_t w = s.size();
  while (w > 0 && !text::is_space(s[w - 1])) --w;
  const std::string_view last = s.substr(w);
  if (last.size() > 2 && last.substr(last.size() - 2) == "'s") return true;
  return in_list(kDangling, last);
}

// Levenshtein distance between a and some prefix of b (b's tail is free).
std::size_t prefix_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return *std::min_element(prev.begin(), prev.end());
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Two short items that differ by a garbled letter or two ("bullying;",
// "burying,").
bool near_duplicate(std::string_view a, std::string_view b);

// Folded, without the padding spaces.
std::string folded(std::string_view s) {
  return std::string(trim(fold_for_matching(s)));
}

// `a` is (nearly: one edit in eight) the start of `b`, and long enough for
// that to mean a repeat: at least three words.
bool repeats_start_of(std::string_view a, std::string_view b) {
  const std::string fa = folded(a);
  std::string fb = folded(b);
  if (text::word_count(fa) < 3 || fb.size() < fa.size()) return false;
  if (fa.size() > kFuzzyWindow) return fb.compare(0, fa.size(), fa) == 0;
  if (fb.size() > fa.size() + fa.size() / 4 + 2) {
    fb.resize(fa.size() + fa.size() / 4 + 2);
  }
  return prefix_distance(fa, fb) * 8 <= fa.size();
}

bool near_duplicate(std::string_view a, std::string_view b) {
  constexpr std::size_t kMaxCompared = 200;
  const std::string fa = folded(a), fb = folded(b);
  if (fa.size() < 6 || fb.size() < 6 || fa.size() > kMaxCompared ||
      fb.size() > kMaxCompared) {
    return fa == fb && !fa.empty();
  }
  const std::size_t longer = std::max(fa.size(), fb.size());
  const std::size_t shorter = std::min(fa.size(), fb.size());
  if (longer - shorter > 2) return false;
  const std::size_t d = edit_distance(fa, fb);
  return d <= 2 && d * 3 <= shorter;
}

// Words of `next` that repeat the end of `prev` (at least three), counted
// in `next`'s whitespace words; 0 when none.
std::size_t overlap_words(std::string_view prev, std::string_view next) {
  const std::vector<std::string_view> p = split_words(prev);
  const std::vector<std::string_view> n = split_words(next);
  const std::size_t most = std::min({p.size(), n.size(), kMaxOverlapWords});
  for (std::size_t k = most; k >= 3; --k) {
    bool same = true;
    for (std::size_t t = 0; t < k && same; ++t) {
      same = text::equals_ci(strip_punctuation(p[p.size() - k + t]),
                             strip_punctuation(n[t]));
    }
    if (same) return k;
  }
  return 0;
}

// `next` without its first `words` whitespace words.
std::string drop_words(std::string_view next, std::size_t words) {
  std::size_t i = 0;
  for (std::size_t w = 0; w < words; ++w) {
    while (i < next.size() && text::is_space(next[i])) ++i;
    while (i < next.size() && !text::is_space(next[i])) ++i;
  }
  return std::string(trim(next.substr(i)));
}

// ---------------------------------------------------------------- lines

std::vector<std::string> cells_of(std::string_view line) {
  std::vector<std::string> cells;
  const bool tabs = line.find('\t') != std::string_view::npos;
  const std::string_view sep = tabs ? std::string_view("\t") : " | ";
  std::size_t pos = 0;
  while (true) {
    const std::size_t cut = line.find(sep, pos);
    const std::string_view cell =
        line.substr(pos, cut == std::string_view::npos ? cut : cut - pos);
    std::string c = squeeze(decode_entities(cell));
    // A rule drawn with dashes ("---") is no text, nor is a stray letter.
    if (c.find_first_not_of("-_=* ") == std::string::npos || c.size() == 1)
      c.clear();
    cells.push_back(std::move(c));
    if (cut == std::string_view::npos) break;
    pos = cut + sep.size();
  }
  return cells;
}

// The index of the only non-empty cell, or -1 (none or several).
int only_cell(const std::vector<std::string>& cells) {
  int found = -1;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (plain(cells[i]).empty()) continue;
    if (found >= 0) return -1;
    found = static_cast<int>(i);
  }
  return found;
}

bool is_blank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const std::string& c) { return plain(c).empty(); });
}

// A heading line without its markdown ("## **Regional Learning**").
std::string heading_text(std::string_view cell) {
  std::string s = plain(cell);
  std::string out;
  for (char c : s) {
    if (c != '#' && c != '*') out += c;
  }
  return squeeze(out);
}

bool all_capitals(std::string_view s) {
  bool any = false;
  for (char c : s) {
    if (is_lower(c)) return false;
    any = any || is_upper(c);
  }
  return any;
}

std::optional<Part> section_heading(const std::vector<std::string>& cells) {
  if (only_cell(cells) != 0) return std::nullopt;
  const std::string h = heading_text(cells[0]);
  if (h.empty() || text::word_count(h) > 12 || ends_sentence(h))
    return std::nullopt;
  const std::string f = fold_for_matching(h);
  const auto has = [&](std::string_view phrase) {
    return text::find_phrase(f, phrase) != std::string::npos;
  };
  if (has("national learning")) {
    return has("adult") ? kNationalAdults : kNationalChildren;
  }
  if (has("regional learning") || has("regional review")) return kRegional;
  if (has("local learning") || has("local review")) return kLocal;
  if (has("thematic") || has("national review")) return kThematic;
  return std::nullopt;
}

std::optional<Category> category_heading(
    const std::vector<std::string>& cells) {
  constexpr std::size_t kMaxHeadingWords = 8;
  if (only_cell(cells) != 0) return std::nullopt;
  const std::string h = heading_text(cells[0]);
  if (!all_capitals(h) || text::word_count(h) > kMaxHeadingWords) {
    return std::nullopt;
  }
  const std::string f = fold_for_matching(h);
  for (const HeadingWord& w : kHeadingWords) {
    if (f.find(" " + std::string(w.word) + " ") != std::string::npos) {
      return w.category;
    }
  }
  if (f.find(" death ") != std::string::npos) return kDeaths;
  return std::nullopt;
}

enum class Table { kNone, kLocal, kRegional, kThematic, kNational };

// A header row: every word of every cell a header word, opening with CASE
// or THEME.  Returns the kind of table it heads.
std::optional<Table> header_row(const std::vector<std::string>& cells) {
  std::vector<std::string> words;
  for (const std::string& c : cells) {
    const std::string f = fold_for_matching(plain(c));
    for (std::string_view w : split_words(f)) words.emplace_back(w);
  }
  if (words.size() < 2 || (words[0] != "case" && words[0] != "theme")) {
    return std::nullopt;
  }
  bool key = false, report = false, theme = false;
  for (const std::string& w : words) {
    if (!in_list(kHeaderWords, w)) return std::nullopt;
    key = key || w == "key";
    report = report || w == "report";
    theme = theme || w == "theme";
  }
  if (theme) return Table::kThematic;
  if (key) return Table::kNational;
  if (report) return Table::kRegional;
  return Table::kLocal;
}

// ----------------------------------------------------------------- dates

struct Date {
  int year = 0;
  int month = 0;
  std::string text;       // as stated: "Feb 2021"
  std::size_t words = 0;  // words it takes
};

// A date opening `words`: "Feb 2021", "March 2021", or a bare year.
Date date_at(const std::vector<std::string_view>& words, std::size_t i) {
  Date d;
  if (i >= words.size()) return d;
  const std::string_view first = strip_punctuation(words[i]);
  if (i + 1 < words.size()) {
    const std::string_view second = words[i + 1];
    const int month = text::month_number(first);
    const int year = text::year_number(strip_punctuation(second));
    if (month && year) {
      d.year = year;
      d.month = month;
      d.text =
          std::string(first) + " " + std::string(strip_punctuation(second));
      d.words = 2;
      return d;
    }
  }
  if (const int year = text::year_number(first); year && first == words[i]) {
    d.year = year;
    d.text = std::string(first);
    d.words = 1;
  }
  return d;
}

bool is_publisher_end(std::string_view w) {
  return in_list(kPublisherEnds, strip_punctuation(w));
}

// Whether a case column's text opens a case row: a month and year alone or
// followed by a dash, a review type or a name (not ", resulting in" or
// "at Borough B" continuing a sentence); or a bare year followed by a
// publisher's name.
bool opens_case_row(std::string_view case_text) {
  constexpr std::size_t kPublisherWithin = 10;
  std::vector<std::string_view> words = split_words(case_text);
  std::size_t i = 0;
  if (!words.empty() && words[0] == "CASE") i = 1;  // header run into the row
  const Date d = date_at(words, i);
  if (!d.year) return false;
  if (d.month) {
    const std::string_view year_word = words[i + 1];
    if (year_word.back() == ',' || year_word.back() == '.') return false;
    if (i + 2 >= words.size()) return true;
    const std::string_view next = words[i + 2];
    return next[0] == '-' || is_upper(next[0]) || next[0] == '\'' ||
           next[0] == '"';
  }
  if (i + 1 >= words.size() || !is_upper(words[i + 1][0])) return false;
  for (std::size_t k = i + 1; k < words.size() && k <= i + kPublisherWithin;
       ++k) {
    if (is_publisher_end(words[k])) return true;
  }
  return false;
}

// --------------------------------------------------------------- items

struct Item {
  std::string text;          // plain text, squeezed
  bool bullet = false;       // from <li> or a bullet glyph
  bool start_line = false;   // on its entry's first line
  std::size_t fragment = 0;  // which fragment of the column it came from
  std::string link;  // link text removed from it ("Read full overview (PDF)")
};

// Removes the first link ("Read full overview (PDF)", "View report online:",
// "Read full report here") from `s`, returning its text.
std::string take_link(std::string* s) {
  constexpr std::size_t kMaxLinkWords = 8;
  const std::string& t = *s;
  for (std::size_t start = 0; start < t.size(); ++start) {
    if (start > 0 && !text::is_space(t[start - 1]) && t[start - 1] != ')' &&
        t[start - 1] != '.') {
      continue;
    }
    const std::string_view rest = std::string_view(t).substr(start);
    if (rest.substr(0, 5) != "Read " && rest.substr(0, 5) != "View ") continue;
    std::size_t end = 0, soft_end = 0, words = 0;
    std::size_t pos = 5;
    while (pos < rest.size() && words < kMaxLinkWords) {
      while (pos < rest.size() && rest[pos] == ' ') ++pos;
      const std::size_t w_start = pos;
      while (pos < rest.size() && rest[pos] != ' ') ++pos;
      const std::string_view w = rest.substr(w_start, pos - w_start);
      ++words;
      if (w.substr(0, 5) == "(PDF)") {
        end = w_start + 5;
        break;
      }
      const std::string_view bare = strip_punctuation(w);
      if (!soft_end && (bare == "here" || bare == "online")) {
        soft_end = w.back() == ':' ? pos : w_start + bare.size();
      }
      if (!w.empty() && w.back() == '.') break;
    }
    if (!end) end = soft_end;
    if (!end) continue;
    std::string link = squeeze(rest.substr(0, end));
    while (!link.empty() && link.back() == ':') link.pop_back();
    s->erase(start, end);
    *s = squeeze(*s);
    return link;
  }
  return "";
}

// "prison sentence.Mother was" -> two items: list items run together when
// the PDF lost the line breaks between them.
std::vector<std::string> cut_glued(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (std::size_t i = 2; i + 1 < s.size(); ++i) {
    if (s[i - 1] == '.' && text::is_alpha(s[i - 2]) && is_upper(s[i]) &&
        is_lower(s[i + 1])) {
      parts.push_back(squeeze(std::string_view(s).substr(from, i - from)));
      from = i;
    }
  }
  parts.push_back(squeeze(std::string_view(s).substr(from)));
  return parts;
}

// A cell's items: one per <li> or bullet, the text between them another.
std::vector<Item> items_of(std::string_view cell) {
  std::vector<Item> items;
  std::string current;
  bool bullet = false;
  const auto flush = [&](bool next_bullet) {
    std::string t = squeeze(current);
    current.clear();
    const bool was_bullet = bullet;
    bullet = next_bullet;
    if (t.empty()) return;
    Item item;
    item.bullet = was_bullet;
    if (t.size() > 2 && t[0] == '-' && t[1] == ' ') {  // "- burying,"
      item.bullet = true;
      t.erase(0, 2);
    }
    item.link = take_link(&t);
    std::vector<std::string> parts = cut_glued(t);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      if (parts[k].empty() && !(k == 0 && !item.link.empty())) continue;
      Item piece = item;
      piece.text = parts[k];
      if (k > 0) piece.link.clear();
      items.push_back(std::move(piece));
    }
  };
  for (std::size_t i = 0; i < cell.size();) {
    std::string name;
    if (const std::size_t n = tag_at(cell, i, &name)) {
      if (is_block_tag(name)) flush(name == "li");
      i += n;
    } else if (const std::size_t b = bullet_at(cell, i)) {
      flush(true);
      i += b;
    } else {
      current += cell[i++];
    }
  }
  flush(false);
  return items;
}

// ------------------------------------------------------------- raw rows

constexpr std::size_t kColumns = 3;  // case | key issues | learning

struct Fragment {
  std::string cell;  // as in the source, entities decoded
  bool start_line = false;
};

struct RawEntry {
  Part section = kNationalChildren;
  Table table = Table::kNational;
  int table_index = 0;
  std::string review_type;  // from a regional row's date line
  std::array<std::vector<Fragment>, kColumns> cols;
};

struct TableInfo {
  Part section = kNationalChildren;
  int heading = -1;  // Category, or -1 when the heading was lost
};

struct Layout {
  std::vector<RawEntry> entries;
  std::vector<TableInfo> tables;
};

// The review type a regional row states beside its date ("Practice
// Review;", "Safeguarding Adult Review (SAR):"), or "".
std::string stated_review_type(std::string_view cell) {
  constexpr std::size_t kMaxTypeWords = 7;
  const std::string p = plain(cell);
  if (p.empty() || text::word_count(p) > kMaxTypeWords) return "";
  if (p.back() != ';' && p.back() != ':') return "";
  if (fold_for_matching(p).find(" review ") == std::string::npos) return "";
  return std::string(trim(std::string_view(p).substr(0, p.size() - 1)));
}

// Text still open in a column: its last fragment ends mid-sentence.
bool column_open(const std::vector<Fragment>& col) {
  if (col.empty()) return false;
  std::vector<Item> items = items_of(col.back().cell);
  if (items.empty()) return false;
  const Item& last = items.back();
  if (!last.link.empty() && last.text.empty()) return false;
  return ends_open(last.text);
}

bool column_ends_sentence(const std::vector<Fragment>& col) {
  if (col.empty()) return false;
  std::vector<Item> items = items_of(col.back().cell);
  return !items.empty() && ends_sentence(items.back().text);
}

Layout read_layout(std::string_view raw) {
  Layout out;
  int section = -1;
  Table table = Table::kNone;
  bool heading_open = false;  // a category heading waits for its header row
  RawEntry* current = nullptr;
  bool current_has_link = false;
  // Column reassembly: lines that lost their leading tab.
  int moved_by = 0;
  std::array<int, 3> moved_shape{};

  const auto new_table = [&](Part s, int heading) {
    out.tables.push_back({s, heading});
  };

  for (std::string_view line : text::split_lines(raw)) {
    const std::vector<std::string> cells = cells_of(ascii_punctuation(line));
    if (is_blank(cells)) {
      moved_by = 0;
      continue;
    }
    if (const auto s = section_heading(cells)) {
      section = *s;
      current = nullptr;
      heading_open = false;
      table = *s == kRegional   ? Table::kRegional
              : *s == kThematic ? Table::kThematic
              : *s == kLocal    ? Table::kLocal
                                : Table::kNational;
      // A section's rows before any header belong to a table of their own.
      new_table(*s, -1);
      continue;
    }
    if (const auto c = category_heading(cells)) {
      if (*c == kAdults) section = kNationalAdults;
      if (section < 0 || section == kLocal || section == kRegional ||
          section == kThematic) {
        section = kNationalChildren;
      }
      new_table(static_cast<Part>(section), *c);
      table = Table::kNational;
      heading_open = true;
      current = nullptr;
      continue;
    }
    if (const auto h = header_row(cells)) {
      if (section < 0) {
        section = *h == Table::kRegional   ? kRegional
                  : *h == Table::kThematic ? kThematic
                  : *h == Table::kLocal    ? kLocal
                                           : kNationalChildren;
      } else if (*h == Table::kThematic) {
        section = kThematic;
      }
      if (!heading_open) new_table(static_cast<Part>(section), -1);
      heading_open = false;
      table = *h;
      current = nullptr;
      continue;
    }
    if (table == Table::kNone) continue;  // the title block

    const std::string case_cell = plain(cells[0]);
    bool starts = false;
    if (table == Table::kThematic) {
      starts = !case_cell.empty() && is_upper(case_cell[0]) &&
               (!current || current_has_link);
    } else {
      starts = opens_case_row(case_cell);
    }
    if (starts) {
      heading_open = false;
      if (out.tables.empty())
        new_table(static_cast<Part>(std::max(section, 0)), -1);
      RawEntry e;
      e.section = static_cast<Part>(std::max(section, 0));
      e.table = table;
      e.table_index = static_cast<int>(out.tables.size()) - 1;
      out.entries.push_back(std::move(e));
      current = &out.entries.back();
      current_has_link = false;
    }
    if (!current) continue;

    const std::size_t columns = table == Table::kNational ? 3 : 2;
    std::vector<std::string> row(columns);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      std::string& target = row[std::min(i, columns - 1)];
      if (cells[i].empty()) continue;
      if (!target.empty()) target += ' ';
      target += cells[i];
    }
    if (starts) {
      // A header word run into the first row.
      std::string& c0 = row[0];
      if (c0.compare(0, 5, "CASE ") == 0) c0.erase(0, 5);
      if (columns == 3 && row[1].compare(0, 11, "KEY ISSUES ") == 0) {
        row[1].erase(0, 11);
      }
      if (table == Table::kRegional) {
        const std::string type = stated_review_type(row[1]);
        if (!type.empty()) {
          current->review_type = type;
          row[1].clear();
        }
      }
    }

    // Column reassembly: a line that lost its leading tab has its first
    // cell in a column whose text has ended, carrying on in lower case the
    // text of a column to its right that was left open mid-sentence; its
    // cells go right by that much, and so do the next lines of the same
    // shape (a run of such lines).
    if (!starts) {
      int first = -1, last = -1;
      for (std::size_t c = 0; c < columns; ++c) {
        if (plain(row[c]).empty()) continue;
        if (first < 0) first = static_cast<int>(c);
        last = static_cast<int>(c);
      }
      const std::array<int, 3> shape{static_cast<int>(cells.size()), first,
                                     last};
      int shift = 0;
      if (first >= 0 && moved_by > 0 && shape == moved_shape) {
        shift = moved_by;
      } else if (first >= 0) {
        moved_by = 0;
        const std::string p = plain(row[static_cast<std::size_t>(first)]);
        // A national row's case cell holds its case line and a one-line
        // account; long running text after a finished account is the next
        // column's.
        constexpr std::size_t kMaxCaseContinuationWords = 20;
        if (columns == 3 && first == 0 && last + 1 < 3 &&
            text::word_count(p) >= kMaxCaseContinuationWords &&
            column_ends_sentence(current->cols[0])) {
          shift = 1;
        } else if (starts_lowerish(p) && !column_open(current->cols[first])) {
          for (std::size_t g = static_cast<std::size_t>(first) + 1; g < columns;
               ++g) {
            if (!column_open(current->cols[g])) continue;
            const int by = static_cast<int>(g) - first;
            if (last + by < static_cast<int>(columns)) shift = by;
            break;
          }
        }
        if (shift > 0) {
          moved_by = shift;
          moved_shape = shape;
        }
      }
      if (shift > 0) {
        for (int c = last; c >= first; --c) {
          row[static_cast<std::size_t>(c + shift)] =
              std::move(row[static_cast<std::size_t>(c)]);
          row[static_cast<std::size_t>(c)].clear();
        }
      }
    } else {
      moved_by = 0;
    }

    for (std::size_t c = 0; c < columns; ++c) {
      if (plain(row[c]).empty()) continue;
      if (row[c].find("Read ") != std::string::npos ||
          row[c].find("View ") != std::string::npos) {
        std::string probe = plain(row[c]);
        if (!take_link(&probe).empty()) current_has_link = true;
      }
      current->cols[c].push_back({row[c], starts});
    }
  }
  return out;
}

// ------------------------------------------------------------ case line

struct CaseLine {
  Date date;
  std::string review_type;
  std::string partnership;
  std::string name;
  std::string summary;
};

struct Token {
  std::string text;
  std::size_t fragment = 0;
};

bool capitalised(std::string_view w) {
  w = strip_punctuation(w);
  return !w.empty() && (is_upper(w[0]) || is_digit(w[0]));
}

bool is_connector(std::string_view w) { return in_list(kConnectors, w); }

bool is_name_start(std::string_view w) {
  return in_list(kNameStarts, strip_punctuation(w));
}

// "B", "RN19", "A1", "Q&R", "HH": a case's letters.
bool is_case_code(std::string_view w) {
  w = strip_punctuation(w);
  if (w.size() > 2 && w.substr(w.size() - 2) == "'s") w.remove_suffix(2);
  if (w.empty() || w.size() > 6 || !is_upper(w[0])) return false;
  return std::all_of(w.begin(), w.end(), [](char c) {
    return is_upper(c) || is_digit(c) || c == '&';
  });
}

bool opens_quote(std::string_view w) {
  return !w.empty() && (w[0] == '\'' || w[0] == '"');
}

// End of a run of capitalised words (with connectors between them) from i,
// stopping before a name start or quote when `stop_at_names`.  When the run
// is followed by a lower-case word, a month or a number, its last word
// opens the sentence after it and is not part of the run.
std::size_t capitalised_run(const std::vector<Token>& t, std::size_t i,
                            bool stop_at_names) {
  const std::size_t fragment = i < t.size() ? t[i].fragment : 0;
  const auto word_at = [&](std::size_t k) {
    if (k >= t.size() || t[k].fragment != fragment) return false;
    const std::string_view w = strip_punctuation(t[k].text);
    return !w.empty() && is_upper(w[0]);
  };
  std::size_t j = i;
  std::size_t last_word = i;  // where the run's last capitalised word starts
  while (j < t.size() && t[j].fragment == fragment) {
    const std::string_view w = t[j].text;
    if (j > i && stop_at_names && (is_name_start(w) || opens_quote(w)))
      return j;
    if (is_dash_token(w)) return j;
    if (word_at(j)) {
      if (j > i && text::month_number(strip_punctuation(w))) break;
      last_word = j;
      ++j;
      if (w.back() == '.' || w.back() == ';' || w.back() == ':') return j;
      continue;
    }
    if (j > i && is_connector(w) && word_at(j + 1)) {
      ++j;
      continue;
    }
    break;
  }
  const bool fragment_ended = j >= t.size() || t[j].fragment != fragment;
  if (fragment_ended || j == i) return j;
  // Followed by a lower-case word, a month or a number: the run's last word
  // starts the sentence.
  return last_word;
}

std::string join_tokens(const std::vector<Token>& t, std::size_t from,
                        std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to && k < t.size(); ++k) {
    if (!out.empty()) out += ' ';
    out += t[k].text;
  }
  return out;
}

std::string clean_name(std::string s) {
  s = std::string(trim(s));
  while (!s.empty() && (s.back() == ',' || s.back() == ';' || s.back() == ':' ||
                        s.back() == '.')) {
    s.pop_back();
  }
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') &&
      s.back() == s.front()) {
    s = s.substr(1, s.size() - 2);
  }
  return std::string(trim(s));
}

// The end of a case name at i, or i when the row names none.
std::size_t name_end(const std::vector<Token>& t, std::size_t i) {
  constexpr std::size_t kMaxQuotedWords = 6;
  constexpr std::size_t kMaxNameWords = 8;
  if (i >= t.size()) return i;
  const std::string_view first = t[i].text;
  // 'Daniel', "Jon"
  if (opens_quote(first)) {
    const char q = first[0];
    for (std::size_t j = i; j < t.size() && j < i + kMaxQuotedWords; ++j) {
      std::string_view w = t[j].text;
      while (!w.empty() &&
             (w.back() == ',' || w.back() == ';' || w.back() == ':'))
        w.remove_suffix(1);
      if (w.size() >= (j == i ? 2u : 1u) && w.back() == q) return j + 1;
    }
  }
  // The rest of its cell, when that reads as a name: "Kingfisher",
  // "Keeping Children Safe in Schools", "3 children; HH, II and JJ".
  std::size_t cell_end = i;
  while (cell_end < t.size() && t[cell_end].fragment == t[i].fragment)
    ++cell_end;
  if (cell_end - i <= kMaxNameWords) {
    std::size_t lower = 0;
    for (std::size_t j = i; j < cell_end; ++j) {
      const std::string_view w = strip_punctuation(t[j].text);
      if (!w.empty() && is_lower(w[0]) && !is_connector(w)) ++lower;
    }
    const std::string_view last = t[cell_end - 1].text;
    if (lower <= 1 && !ends_sentence(last)) return cell_end;
  }
  // "Child A", "Baby Harris", "Family N"
  if (is_name_start(first) && i + 1 < t.size() &&
      t[i + 1].fragment == t[i].fragment) {
    const std::string_view id = t[i + 1].text;
    if (is_case_code(id)) return i + 2;
    if (capitalised(id)) {
      const bool then_lower = i + 2 < t.size() &&
                              t[i + 2].fragment == t[i].fragment &&
                              !capitalised(t[i + 2].text);
      if (!then_lower) return i + 2;
    }
  }
  // "Sam and Kyle", "Joanna, Jon & Ben", "Frankie", "Anonymous Family"
  return capitalised_run(t, i, false);
}

CaseLine parse_case(const std::vector<std::string>& fragments) {
  constexpr std::size_t kDashWithin = 12;
  constexpr std::size_t kPublisherWithin = 14;
  constexpr std::size_t kMaxCellPublisher = 8;
  CaseLine c;
  std::vector<Token> t;
  for (std::size_t f = 0; f < fragments.size(); ++f) {
    for (std::string_view w : split_words(fragments[f])) {
      t.push_back({std::string(w), f});
    }
  }
  std::size_t i = 0;
  if (i < t.size() && t[i].text == "CASE") ++i;
  {
    std::vector<std::string_view> words;
    for (const Token& tok : t) words.push_back(tok.text);
    c.date = date_at(words, i);
  }
  i += c.date.words;
  // "May 2021 Practice Review;"
  if (c.date.year) {
    for (std::size_t j = i;
         j < t.size() && j < i + 7 && t[j].fragment == t[i].fragment; ++j) {
      const std::string_view w = t[j].text;
      if (w.back() == ';' || w.back() == ':') {
        const std::string type = stated_review_type(join_tokens(t, i, j + 1));
        if (!type.empty()) {
          c.review_type = type;
          i = j + 1;
        }
        break;
      }
    }
  }
  const auto skip_dashes = [&] {
    while (i < t.size() && is_dash_token(t[i].text)) ++i;
    if (i < t.size()) {
      std::string& w = t[i].text;
      std::size_t k = 0;
      while (k < w.size() && w[k] == '-') ++k;
      if (k > 0 && k < w.size()) w.erase(0, k);
    }
  };
  skip_dashes();

  // The publisher: up to its closing word ("Council", "Partnership"), else
  // up to a dash, else "Borough of <Place>", else the rest of its cell.
  const std::size_t start = i;
  std::size_t dash = std::string::npos, end_word = std::string::npos;
  for (std::size_t j = i; j < t.size() && j < i + kPublisherWithin; ++j) {
    if (dash == std::string::npos && j < i + kDashWithin &&
        is_dash_token(t[j].text)) {
      dash = j;
    }
    if (end_word == std::string::npos && is_publisher_end(t[j].text))
      end_word = j;
  }
  std::size_t end = start;
  if (end_word != std::string::npos &&
      (dash == std::string::npos || end_word < dash)) {
    end = end_word + 1;
  } else if (dash != std::string::npos && dash > start) {
    end = dash;
  } else {
    for (std::size_t j = start + 1; j < t.size() && j < start + 5; ++j) {
      if (t[j].text == "of" && t[j].fragment == t[start].fragment &&
          (text::equals_ci(t[j - 1].text, "borough") ||
           text::equals_ci(t[j - 1].text, "city") ||
           text::equals_ci(t[j - 1].text, "county"))) {
        end = capitalised_run(t, j + 1, true);
        break;
      }
    }
    if (end == start && start < t.size()) {
      std::size_t cell_end = start;
      while (cell_end < t.size() && t[cell_end].fragment == t[start].fragment) {
        ++cell_end;
      }
      if (cell_end - start <= kMaxCellPublisher && cell_end < t.size()) {
        end = cell_end;
      }
    }
  }
  c.partnership = clean_name(join_tokens(t, start, end));
  i = end;
  skip_dashes();
  const std::size_t name_to = name_end(t, i);
  c.name = clean_name(join_tokens(t, i, name_to));
  i = name_to;
  skip_dashes();
  c.summary = std::string(trim(join_tokens(t, i, t.size())));
  return c;
}

// ------------------------------------------------------------- entries

struct Entry {
  Part section = kNationalChildren;
  Table table = Table::kNational;
  int table_index = 0;
  std::string review_type;
  CaseLine line;
  std::vector<std::string> case_text;  // case column, plain, links removed
  std::array<std::vector<Item>, kColumns> items;
  std::string link;
  std::string
      summary;  // the case line's account, else the row's first sentence
  std::array<double, kCategoryCount> evidence{};
  int category = -1;
  std::string category_basis;
};

bool same_case(const CaseLine& a, const CaseLine& b) {
  if (a.date.year != b.date.year || a.date.month != b.date.month) return false;
  if (a.name.empty() || !text::equals_ci(a.name, b.name)) return false;
  const std::string pa = folded(a.partnership), pb = folded(b.partnership);
  return edit_distance(pa, pb) <= 2;
}

std::vector<std::string> case_fragments(const RawEntry& e) {
  std::vector<std::string> out;
  for (const Fragment& f : e.cols[0]) {
    std::string p;
    for (Item& item : items_of(f.cell)) {
      if (!p.empty() && !item.text.empty()) p += ' ';
      p += item.text;
    }
    if (!p.empty()) out.push_back(p);
  }
  return out;
}

// Consecutive rows of the same table that are one case written twice.
std::vector<RawEntry> merge_repeated_rows(std::vector<RawEntry> rows) {
  std::vector<RawEntry> out;
  std::optional<CaseLine> last;
  for (RawEntry& row : rows) {
    CaseLine line = parse_case(case_fragments(row));
    if (!out.empty() && last && out.back().table_index == row.table_index &&
        same_case(*last, line)) {
      RawEntry& kept = out.back();
      for (std::size_t c = 0; c < kColumns; ++c) {
        for (Fragment& f : row.cols[c]) kept.cols[c].push_back(std::move(f));
      }
      if (kept.review_type.empty()) kept.review_type = row.review_type;
      last = line;
      continue;
    }
    out.push_back(std::move(row));
    last = std::move(line);
  }
  return out;
}

// Drops a fragment that repeats the start of the next one in its column
// (a row the PDF extraction wrote twice, the first time cut short).
void drop_repeated_fragments(std::vector<Fragment>* col) {
  std::vector<Fragment> kept;
  for (std::size_t k = 0; k < col->size(); ++k) {
    if (k + 1 < col->size() &&
        repeats_start_of(plain((*col)[k].cell), plain((*col)[k + 1].cell))) {
      // The copy keeps the first one's place on the row's first line.
      (*col)[k + 1].start_line =
          (*col)[k + 1].start_line || (*col)[k].start_line;
      continue;
    }
    kept.push_back(std::move((*col)[k]));
  }
  *col = std::move(kept);
}

std::vector<Item> column_items(const std::vector<Fragment>& col) {
  std::vector<Item> out;
  for (std::size_t f = 0; f < col.size(); ++f) {
    for (Item& item : items_of(col[f].cell)) {
      item.start_line = col[f].start_line;
      item.fragment = f;
      out.push_back(std::move(item));
    }
  }
  return out;
}

std::string label_key(std::string_view s) { return folded(s); }

bool is_learning_label(const Item& item) {
  const std::string k = label_key(item.text);
  return in_list(kLearningLabels, k);
}

// An item that opens learning: a pure label, or "Learning ...:",
// "Findings include:", "Key learning points:".
bool opens_learning(const Item& item) {
  if (is_learning_label(item)) return true;
  const std::string k = label_key(item.text);
  return k.rfind("learning ", 0) == 0 || k.rfind("findings ", 0) == 0 ||
         k.rfind("key findings", 0) == 0 || k.rfind("key learning", 0) == 0;
}

bool opens_recommendations(const Item& item) {
  const std::string k = label_key(item.text);
  return k.rfind("recommendation", 0) == 0 || k.rfind("recommends", 0) == 0 ||
         k.rfind("makes no recommendation", 0) == 0 ||
         k.rfind("makes no formal recommendation", 0) == 0;
}

// Whether the learning column has reached recommendations.
bool has_recommendations(const std::vector<Item>& col) {
  return std::any_of(col.begin(), col.end(), opens_recommendations);
}

bool has_learning(const std::vector<Item>& col) {
  return std::any_of(col.begin(), col.end(),
                     [](const Item& i) { return !opens_recommendations(i); });
}

bool list_open(const std::vector<Item>& col) {
  for (auto it = col.rbegin(); it != col.rend(); ++it) {
    if (it->text.empty()) continue;
    return !ends_sentence(it->text);
  }
  return false;
}

// A row's first cell that carries on the previous row of its table goes
// back to it: key issues in lower case after an open sentence; learning
// items up to the first label that opens learning, when they carry on an
// open list or bring the "Recommendations" the previous row lacks.
void return_carried_items(std::vector<Entry>* entries) {
  for (std::size_t k = 1; k < entries->size(); ++k) {
    Entry& e = (*entries)[k];
    Entry& p = (*entries)[k - 1];
    if (p.table_index != e.table_index) continue;
    for (std::size_t c = 1; c < kColumns; ++c) {
      std::vector<Item>& mine = e.items[c];
      std::vector<Item>& theirs = p.items[c];
      if (mine.empty() || !mine.front().start_line || theirs.empty()) continue;
      const Item& first = mine.front();
      const bool carries = starts_lowerish(first.text) && list_open(theirs);
      const bool learning_column = c == 2 || e.table != Table::kNational;
      const bool brings_recs =
          learning_column && opens_recommendations(first) &&
          has_learning(theirs) && !has_recommendations(theirs);
      if (!carries && !brings_recs) continue;
      std::size_t n = 0;
      while (n < mine.size() && mine[n].fragment == first.fragment &&
             !(learning_column && opens_learning(mine[n]))) {
        ++n;
      }
      if (!learning_column) {
        n = 0;
        while (n < mine.size() && mine[n].fragment == first.fragment) ++n;
      }
      for (std::size_t m = 0; m < n; ++m) {
        Item moved = std::move(mine[m]);
        moved.start_line = false;
        moved.fragment = std::numeric_limits<std::size_t>::max();
        theirs.push_back(std::move(moved));
      }
      mine.erase(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(n));
    }
  }
}

// Joins items split across lines and cells: an item that stops mid-
// sentence and one that carries on in lower case; in running text (`prose`),
// any line after one left open.  A repeated run of words where they meet is
// kept once.
std::vector<Item> join_items(std::vector<Item> items, bool prose) {
  std::vector<Item> out;
  for (Item& item : items) {
    if (item.text.empty()) {
      if (!item.link.empty()) {
        Item link_only;
        link_only.link = item.link;
        out.push_back(std::move(link_only));
      }
      continue;
    }
    Item* prev = nullptr;
    for (auto it = out.rbegin(); it != out.rend(); ++it) {
      if (!it->text.empty()) {
        prev = &*it;
        break;
      }
    }
    if (prev && near_duplicate(prev->text, item.text)) {
      if (prev->link.empty()) prev->link = item.link;
      continue;  // a row written twice, once garbled: "bullying;", "burying,"
    }
    if (prev && prev->fragment != item.fragment &&
        repeats_start_of(prev->text, item.text)) {
      if (item.link.empty()) item.link = prev->link;
      *prev = std::move(item);  // the first copy was cut short
      continue;
    }
    // Two list items of one cell are two bullets unless the first stops on
    // a word no phrase ends with ("before a", "parent's", "children,").
    const bool same_cell =
        prev && prev->fragment == item.fragment && prev->bullet && item.bullet;
    const bool continues =
        prev && ends_open(prev->text) && !opens_learning(item) &&
        !opens_recommendations(item) &&
        (same_cell ? ends_dangling(prev->text)
                   : starts_lowerish(item.text) ||
                         (prose && !item.bullet && !prev->bullet));
    if (continues) {
      std::string rest = item.text;
      if (const std::size_t k = overlap_words(prev->text, rest)) {
        rest = drop_words(rest, k);
      }
      if (!rest.empty()) {
        const std::string& t = prev->text;
        if (t.back() == '-' && text::is_alpha(rest[0]) && t.size() >= 2 &&
            (text::is_alpha(t[t.size() - 2]) || is_digit(t[t.size() - 2]))) {
          prev->text += rest;  // "A 15-" + "year-old"
        } else {
          prev->text += ' ';
          prev->text += rest;
        }
      }
      if (prev->link.empty()) prev->link = item.link;
      continue;
    }
    out.push_back(std::move(item));
  }
  return out;
}

// Drops items repeated (same folded text) in one list.
void drop_duplicate_items(std::vector<std::string>* items) {
  std::vector<std::string> kept;
  std::vector<std::string> seen;
  for (std::string& s : *items) {
    std::string f = folded(s);
    if (f.empty() || std::find(seen.begin(), seen.end(), f) != seen.end())
      continue;
    seen.push_back(std::move(f));
    kept.push_back(std::move(s));
  }
  *items = std::move(kept);
}

std::string first_sentence(std::string_view s) {
  static constexpr std::array<std::string_view, 6> kAbbreviations{
      "mr", "mrs", "ms", "dr", "st", "no"};
  for (std::size_t i = 1; i + 2 < s.size(); ++i) {
    if ((s[i] != '.' && s[i] != '!' && s[i] != '?') || s[i + 1] != ' ' ||
        !is_upper(s[i + 2])) {
      continue;
    }
    std::size_t w = i;
    while (w > 0 && text::is_alpha(s[w - 1])) --w;
    if (s[i] == '.' && in_list(kAbbreviations, s.substr(w, i - w))) continue;
    return std::string(s.substr(0, i + 1));
  }
  return std::string(s);
}

std::string_view month_abbreviation(int month) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun",
      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return month >= 1 && month <= 12
             ? kMonths[static_cast<std::size_t>(month - 1)]
             : std::string_view{};
}

// ------------------------------------------------------------ categories

void score_evidence(Entry* e, const std::vector<std::string>& sections_text) {
  const auto add = [&](const std::string& s, double weight) {
    const std::string f = fold_for_matching(s);
    for (const Evidence& ev : kEvidence) {
      e->evidence[ev.category] +=
          weight * static_cast<double>(text::count_phrase(f, ev.phrase));
    }
  };
  add(e->line.summary, kCaseLineWeight);
  for (const std::string& s : sections_text) add(s, 1);
}

bool is_adults_case(const Entry& e) {
  const std::string f =
      fold_for_matching(e.review_type + " " + e.line.partnership);
  return text::find_phrase(f, "adult review") != std::string::npos ||
         text::find_phrase(f, "adults review") != std::string::npos ||
         text::find_phrase(f, "adults board") != std::string::npos ||
         text::find_phrase(f, "adult board") != std::string::npos;
}

int best_by_content(const Entry& e, int first, int last) {
  int best = first;
  for (int k = first; k <= last; ++k) {
    if (e.evidence[k] > e.evidence[best]) best = k;
  }
  return best;
}

// National children's entries: their table's heading, and where headings
// were lost the best path through the categories in canonical order.
void assign_national_categories(std::vector<Entry*> entries,
                                const std::vector<TableInfo>& tables) {
  if (entries.empty()) return;
  const std::size_t n = entries.size();
  // Headings must come in canonical order for position to mean anything.
  int last_heading = -1;
  bool ordered = true;
  for (const Entry* e : entries) {
    const int h = tables[static_cast<std::size_t>(e->table_index)].heading;
    if (h >= 0) {
      if (h < last_heading) ordered = false;
      last_heading = std::max(last_heading, h);
    }
  }
  if (!ordered) {
    for (Entry* e : entries) {
      const int h = tables[static_cast<std::size_t>(e->table_index)].heading;
      e->category = h >= 0 ? h : best_by_content(*e, 0, kChildCategories - 1);
      e->category_basis = h >= 0 ? "heading" : "content";
    }
    return;
  }
  // Allowed range per entry.  A table with a heading: from the heading to
  // just before the next heading (categories between two headings were
  // lost); with no heading after it, only its heading (a category missing
  // at the end may just have had no cases).  A table without a heading:
  // past the previous heading, before the next.
  std::vector<int> lo(n), hi(n);
  std::vector<bool> fixed(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const int t = entries[i]->table_index;
    const int own = tables[static_cast<std::size_t>(t)].heading;
    int before = -1, after = -1;
    for (int k = t - 1; k >= 0; --k) {
      const TableInfo& info = tables[static_cast<std::size_t>(k)];
      if (info.section != kNationalChildren) break;
      if (info.heading >= 0) {
        before = info.heading;
        break;
      }
    }
    for (std::size_t k = static_cast<std::size_t>(t) + 1; k < tables.size();
         ++k) {
      if (tables[k].section != kNationalChildren) break;
      if (tables[k].heading >= 0) {
        after = tables[k].heading;
        break;
      }
    }
    if (own >= 0) {
      lo[i] = own;
      hi[i] = after >= 0 ? after - 1 : own;
    } else {
      lo[i] = before >= 0 ? before + 1 : 0;
      hi[i] = after >= 0 ? after - 1 : kChildCategories - 1;
    }
    const bool first_in_table = i == 0 || entries[i - 1]->table_index != t;
    if (own >= 0 && first_in_table) {
      hi[i] = lo[i];
      fixed[i] = true;
    }
    lo[i] = std::min(lo[i], kChildCategories - 1);
    if (lo[i] > hi[i]) hi[i] = lo[i];
  }
  constexpr double kNone = -std::numeric_limits<double>::infinity();
  const int kc = kChildCategories;
  std::vector<std::vector<double>> best(n, std::vector<double>(kc, kNone));
  std::vector<std::vector<int>> from(n, std::vector<int>(kc, -1));
  for (std::size_t i = 0; i < n; ++i) {
    for (int k = lo[i]; k <= hi[i]; ++k) {
      const double own = entries[i]->evidence[k];
      if (i == 0) {
        best[i][k] = own;
        continue;
      }
      const bool new_table =
          entries[i]->table_index != entries[i - 1]->table_index;
      for (int j = 0; j < kc; ++j) {
        if (best[i - 1][j] == kNone) continue;
        if (new_table ? j >= k : j > k) continue;
        const double score = best[i - 1][j] + own -
                             (!new_table && j != k ? kLostHeadingPenalty : 0);
        if (score > best[i][k]) {
          best[i][k] = score;
          from[i][k] = j;
        }
      }
    }
  }
  int k = -1;
  for (int j = 0; j < kc; ++j) {
    if (best[n - 1][j] != kNone && (k < 0 || best[n - 1][j] > best[n - 1][k]))
      k = j;
  }
  if (k < 0) {  // no consistent path: each by its own table
    for (Entry* e : entries) {
      const int h = tables[static_cast<std::size_t>(e->table_index)].heading;
      e->category = h >= 0 ? h : best_by_content(*e, 0, kc - 1);
      e->category_basis = h >= 0 ? "heading" : "content";
    }
    return;
  }
  for (std::size_t i = n; i-- > 0;) {
    Entry* e = entries[i];
    e->category = k;
    const int h = tables[static_cast<std::size_t>(e->table_index)].heading;
    e->category_basis = fixed[i] || (h == k && lo[i] == hi[i]) ? "heading"
                        : h == k                               ? "heading"
                                 : "position and content";
    if (i > 0) k = from[i][k];
  }
}

void assign_categories(std::vector<Entry>* entries,
                       const std::vector<TableInfo>& tables) {
  std::vector<Entry*> national;
  for (Entry& e : *entries) {
    if (e.section == kNationalAdults ||
        tables[static_cast<std::size_t>(e.table_index)].heading == kAdults) {
      e.category = kAdults;
      e.category_basis = "heading";
    } else if (e.section == kNationalChildren) {
      national.push_back(&e);
    } else if (is_adults_case(e)) {
      e.category = kAdults;
      e.category_basis = "content";
    } else {
      e.category = best_by_content(e, 0, kChildCategories - 1);
      e.category_basis = "content";
    }
  }
  assign_national_categories(std::move(national), tables);
}

// ------------------------------------------------------------- documents

// One line per item; an item longer than a passage may be is cut.
void add_line(std::string* text, std::vector<Passage>* passages,
              std::size_t section, std::string_view line, bool list_item) {
  std::size_t from = 0;
  while (from < line.size()) {
    std::size_t len = std::min(line.size() - from, kMaxPassageBytes);
    if (from + len < line.size()) {
      const std::size_t space = line.rfind(' ', from + len);
      if (space != std::string_view::npos && space > from + len / 2) {
        len = space - from;
      }
      while (len > 1 &&
             (static_cast<unsigned char>(line[from + len]) & 0xC0) == 0x80) {
        --len;
      }
    }
    const std::string_view piece = trim(line.substr(from, len));
    if (!piece.empty()) {
      Passage p;
      p.section = section;
      p.begin = text->size();
      text->append(piece);
      p.end = text->size();
      p.list_item = list_item && from == 0;
      passages->push_back(p);
      text->push_back('\n');
    }
    from += len;
    while (from < line.size() && line[from] == ' ') ++from;
  }
}

// Normalised text of one item on one line.
std::string normal_line(std::string_view s) {
  std::string n = normalise_text(s);
  for (char& c : n) {
    if (c == '\n') c = ' ';
  }
  return squeeze(n);
}

struct SectionLines {
  std::string heading;
  std::vector<std::pair<std::string, bool>> lines;  // text, list item
};

Document build_document(const Entry& e, std::size_t number,
                        const Document& bulletin,
                        const std::string& bulletin_id,
                        const std::vector<SectionLines>& sections) {
  Document doc;
  doc.path = bulletin.path;
  doc.format = bulletin.format;
  for (const SectionLines& s : sections) {
    bool any = false;
    for (const auto& [line, bullet] : s.lines) any = any || !line.empty();
    if (!any) continue;
    if (!doc.text.empty()) doc.text += '\n';
    Section section;
    section.heading = s.heading;
    section.begin = doc.text.size();
    section.first_passage = doc.passages.size();
    doc.text += s.heading;
    doc.text += '\n';
    const std::size_t index = doc.sections.size();
    for (const auto& [line, bullet] : s.lines) {
      if (line.empty()) continue;
      add_line(&doc.text, &doc.passages, index, bullet ? "- " + line : line,
               bullet);
    }
    section.passage_count = doc.passages.size() - section.first_passage;
    doc.sections.push_back(section);
  }
  while (!doc.text.empty() && doc.text.back() == '\n') doc.text.pop_back();
  for (std::size_t k = 0; k < doc.sections.size(); ++k) {
    doc.sections[k].end = k + 1 < doc.sections.size()
                              ? doc.sections[k + 1].begin
                              : doc.text.size();
  }

  Metadata& m = doc.meta;
  m.type = std::string(kDigestEntryType);
  m.partnership = normal_line(e.line.partnership);
  m.case_name = normal_line(e.line.name);
  m.year = e.line.date.year;
  m.month = e.line.date.month;
  if (!m.case_name.empty()) {
    m.title = m.partnership.empty() ? m.case_name
                                    : m.case_name + " (" + m.partnership + ")";
  } else {
    m.title = m.partnership;
    if (m.year) {
      m.title +=
          (m.title.empty() ? "" : ", ") +
          (m.month ? std::string(month_abbreviation(m.month)) + " " : "") +
          std::to_string(m.year);
    }
  }
  const Metadata read = extract_metadata(doc.text);
  m.child_age = read.child_age;
  m.nation = read.nation.empty() ? bulletin.meta.nation : read.nation;
  std::string nn = std::to_string(number);
  if (nn.size() < 2) nn.insert(nn.begin(), '0');
  m.extra["bulletin"] = bulletin_id;
  m.extra["entry"] = nn;
  m.extra["digest_section"] = std::string(kSectionNames[e.section]);
  m.extra["category"] =
      std::string(kCategoryNames[static_cast<std::size_t>(e.category)]);
  m.extra["category_basis"] = e.category_basis;
  if (!e.summary.empty()) m.extra["summary"] = normal_line(e.summary);
  if (!e.link.empty()) m.extra["link_text"] = normal_line(e.link);
  if (!e.review_type.empty())
    m.extra["review_type"] = normal_line(e.review_type);
  return doc;
}

// The national panel, when the bulletin names it: the publisher of its
// thematic reviews.
std::string national_panel(std::string_view raw) {
  static constexpr std::string_view kPanel =
      "Child Safeguarding Practice Review Panel";
  return raw.find(kPanel) != std::string_view::npos ? std::string(kPanel) : "";
}

}  // namespace

const std::vector<std::string_view>& digest_sections() {
  static const std::vector<std::string_view> kList(kSectionNames.begin(),
                                                   kSectionNames.end());
  return kList;
}

const std::vector<std::string_view>& digest_categories() {
  static const std::vector<std::string_view> kList(kCategoryNames.begin(),
                                                   kCategoryNames.end());
  return kList;
}

bool is_research_digest(std::string_view raw, const Metadata& meta) {
  if (meta.type != "research-digest") return false;
  for (std::string_view line : text::split_lines(raw)) {
    if (line.size() > 200) continue;
    if (header_row(cells_of(ascii_punctuation(line)))) return true;
  }
  return false;
}

std::vector<Document> split_digest(std::string_view raw,
                                   const Document& bulletin) {
  Layout layout = read_layout(raw);
  std::vector<RawEntry> rows = merge_repeated_rows(std::move(layout.entries));
  const std::string panel = national_panel(raw);

  std::vector<Entry> entries;
  for (RawEntry& row : rows) {
    for (auto& col : row.cols) drop_repeated_fragments(&col);
    Entry e;
    e.section = row.section;
    e.table = row.table;
    e.table_index = row.table_index;
    e.review_type = row.review_type;
    // The case column: the case line and its summary, as plain text.
    std::vector<Item> case_items = column_items(row.cols[0]);
    std::vector<std::string> fragments;
    std::size_t fragment = std::numeric_limits<std::size_t>::max();
    for (Item& item : case_items) {
      if (e.link.empty()) e.link = item.link;
      if (item.text.empty()) continue;
      if (item.fragment == fragment && !fragments.empty()) {
        fragments.back() += ' ' + item.text;
      } else {
        fragments.push_back(item.text);
      }
      fragment = item.fragment;
    }
    if (row.table == Table::kThematic) {
      std::string theme;
      for (const std::string& f : fragments)
        theme += (theme.empty() ? "" : " ") + f;
      e.line.name = theme;
      e.line.partnership = panel;
    } else {
      e.line = parse_case(fragments);
      if (e.review_type.empty()) e.review_type = e.line.review_type;
    }
    for (std::size_t c = 1; c < kColumns; ++c)
      e.items[c] = column_items(row.cols[c]);
    entries.push_back(std::move(e));
  }
  return_carried_items(&entries);

  std::vector<std::vector<SectionLines>> per_entry;
  for (Entry& e : entries) {
    const bool national = e.table == Table::kNational;
    std::vector<Item> details = join_items(std::move(e.items[1]), true);
    std::vector<Item> learning = join_items(std::move(e.items[2]), false);
    e.summary = e.line.summary;
    for (const Item& item : details) {
      if (!e.summary.empty()) break;
      e.summary = first_sentence(item.text);
    }
    if (!national) {
      // Two columns: the second is a regional row's account, or learning.
      if (e.table == Table::kRegional) {
        e.items[1] = std::move(details);
      } else {
        learning = std::move(details);
        e.items[1].clear();
      }
    } else {
      e.items[1] = std::move(details);
    }
    for (const auto& col : {std::cref(e.items[1]), std::cref(learning)}) {
      for (const Item& item : col.get()) {
        if (e.link.empty() && !item.link.empty()) e.link = item.link;
      }
    }

    std::vector<SectionLines> sections(4);
    sections[0].heading = "Case";
    sections[1].heading = "Key issues";
    sections[2].heading = "Learning";
    sections[3].heading = "Recommendations";
    std::string case_line;
    if (!e.line.date.text.empty()) case_line = e.line.date.text;
    for (const std::string* part : {&e.line.partnership, &e.line.name}) {
      if (part->empty()) continue;
      if (!case_line.empty()) case_line += " - ";
      case_line += *part;
    }
    sections[0].lines.push_back({normal_line(case_line), false});
    if (!e.line.summary.empty()) {
      sections[0].lines.push_back({normal_line(e.line.summary), false});
    }
    const auto add_items = [&](SectionLines* s,
                               const std::vector<Item>& items) {
      std::vector<std::string> texts;
      std::vector<bool> bullets;
      for (const Item& item : items) {
        if (item.text.empty()) continue;
        texts.push_back(normal_line(item.text));
        // Learning and recommendations are lists in a digest, whatever
        // the extraction left of their bullets; key issues may be prose.
        bullets.push_back(item.bullet || s->heading == "Learning" ||
                          s->heading == "Recommendations");
      }
      std::vector<std::string> unique = texts;
      drop_duplicate_items(&unique);
      std::size_t u = 0;
      for (std::size_t k = 0; k < texts.size() && u < unique.size(); ++k) {
        if (texts[k] != unique[u]) continue;
        s->lines.push_back({texts[k], bullets[k]});
        ++u;
      }
    };
    // A regional row's account stays under Case, after its case line: the
    // row has no key issues column (the digest generator relies on this).
    add_items(e.table == Table::kRegional ? &sections[0] : &sections[1],
              e.items[1]);
    std::vector<Item> learn, recs;
    bool in_recs = false;
    for (Item& item : learning) {
      if (item.text.empty()) continue;
      if (opens_recommendations(item)) {
        in_recs = true;
        const std::string k = label_key(item.text);
        if (k == "recommendations" || k == "recommendation" ||
            k == "recommends") {
          continue;
        }
        // "Recommendations: Medway agencies to ..." keeps what follows.
        const std::size_t colon = item.text.find(':');
        const std::string_view head =
            std::string_view(item.text).substr(0, colon);
        if (colon != std::string::npos && text::word_count(head) <= 2) {
          item.text =
              std::string(trim(std::string_view(item.text).substr(colon + 1)));
          if (item.text.empty()) continue;
        }
        recs.push_back(std::move(item));
        continue;
      }
      if (opens_learning(item)) {
        in_recs = false;
        if (is_learning_label(item)) continue;
      }
      (in_recs ? recs : learn).push_back(std::move(item));
    }
    add_items(&sections[2], learn);
    add_items(&sections[3], recs);

    std::vector<std::string> all;
    for (const SectionLines& s : sections) {
      for (const auto& line : s.lines) all.push_back(line.first);
    }
    score_evidence(&e, all);
    per_entry.push_back(std::move(sections));
  }
  assign_categories(&entries, layout.tables);

  std::vector<Document> out;
  const std::string bulletin_id =
      slugify(std::filesystem::path(bulletin.path).stem().string());
  for (std::size_t k = 0; k < entries.size(); ++k) {
    out.push_back(
        build_document(entries[k], k + 1, bulletin, bulletin_id, per_entry[k]));
  }
  return out;
}

}  // namespace caselens::corpus
