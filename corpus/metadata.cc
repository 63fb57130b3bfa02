#include "corpus/metadata.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/text_util.h"

namespace caselens::corpus {
namespace {

using text::fold_for_matching;
using text::is_digit;
using text::is_upper;
using text::split_words;
using text::trim;

// ------------------------------------------------------------ data tables

struct TypeEntry {
  std::string_view slug;
  std::string_view name;
};

constexpr std::array<TypeEntry, 14> kTypes{{
    {"child-safeguarding-practice-review",
     "Child safeguarding practice review"},
    {"serious-case-review", "Serious case review"},
    {"concise-child-practice-review", "Concise child practice review (Wales)"},
    {"extended-child-practice-review",
     "Extended child practice review (Wales)"},
    {"safeguarding-adults-review", "Safeguarding adults review"},
    {"domestic-homicide-review", "Domestic homicide review"},
    {"multi-agency-review", "Multi-agency review"},
    {"table-top-review", "Table-top review"},
    {"rapid-review", "Rapid review"},
    {"lessons-learned-review", "Lessons learned review"},
    {"thematic-review", "Thematic review"},
    {"research-digest", "Research digest"},
    {"digest-entry", "Research digest entry"},
    {"prevention-of-future-deaths-report",
     "Prevention of future deaths report"},
}};

constexpr std::string_view kPfdType = "prevention-of-future-deaths-report";

// Phrases naming a review type, in fold_for_matching() form.  No phrase of a
// type contains another of the same type, so a mention counts once.
struct TypePhrase {
  std::string_view slug;
  std::string_view phrase;
};

constexpr std::array<TypePhrase, 24> kTypePhrases{{
    {"child-safeguarding-practice-review", "safeguarding practice review"},
    {"serious-case-review", "serious case review"},
    {"concise-child-practice-review", "concise child practice review"},
    {"concise-child-practice-review", "concise review"},
    {"extended-child-practice-review", "extended child practice review"},
    {"safeguarding-adults-review", "safeguarding adults review"},
    {"safeguarding-adults-review", "safeguarding adult review"},
    {"domestic-homicide-review", "domestic homicide review"},
    {"multi-agency-review", "multi agency child safeguarding report"},
    {"multi-agency-review", "multi agency review"},
    {"multi-agency-review", "multi agency case review"},
    {"multi-agency-review", "multi agency learning review"},
    {"table-top-review", "table top review"},
    {"table-top-review", "tabletop review"},
    {"rapid-review", "rapid review"},
    {"lessons-learned-review", "lessons learned review"},
    {"lessons-learned-review", "lessons learnt review"},
    {"thematic-review", "thematic review"},
    {"research-digest", "research digest"},
    {"research-digest", "learning digest"},
    {"research-digest", "lessons learned digest"},
    {"prevention-of-future-deaths-report",
     "prevention of future deaths report"},
    {"prevention-of-future-deaths-report", "prevention of future death report"},
    {"prevention-of-future-deaths-report", "regulation 28 report"},
}};

// Types that cover many cases: no single case name or age.
bool is_multi_case_type(std::string_view slug) {
  return slug == "research-digest" || slug == "thematic-review";
}

// Review series known by an acronym that does not name the publisher.
struct Series {
  std::string_view acronym;  // as written, whole word
  std::string_view partnership;
  std::string_view nation;
};

constexpr std::array<Series, 1> kSeries{{
    {"CYSUR", "Mid and West Wales Safeguarding Board", "Wales"},
}};

// Words closing a publisher's name, longest first.
constexpr std::array<std::string_view, 11> kPublisherSuffixes{
    "safeguarding children partnership",
    "local safeguarding children board",
    "safeguarding children board",
    "children's safeguarding board",
    "safeguarding adults board",
    "safeguarding adult board",
    "safeguarding people partnership",
    "community safety partnership",
    "safeguarding partnership",
    "safeguarding board",
    "council",  // last: a council publishes only when no board is named
};

constexpr std::string_view kCouncilSuffix = "council";

// Capitalised words that start or qualify a phrase without being a place.
constexpr std::array<std::string_view, 14> kNotPlaceWords{
    "The",  "This", "That",     "Local",       "A",        "An",    "Our",
    "Each", "All",  "National", "Independent", "Regional", "Every", "Their"};

// Evidence of the nation a review was published in, matched as folded
// phrases; a nation needs a total weight of kMinNationEvidence.
struct NationEvidence {
  std::string_view phrase;
  std::string_view nation;
  int weight;
};

constexpr int kMinNationEvidence = 2;

constexpr std::array<NationEvidence, 44> kNationEvidence{{
    {"working together", "England", 3},
    {"ofsted", "England", 2},
    {"safeguarding children partnership", "England", 2},
    {"safeguarding practice review", "England", 2},
    {"local safeguarding children board", "England", 2},
    {"safeguarding children board", "England", 1},
    {"england", "England", 1},
    {"wales", "Wales", 1},
    {"welsh", "Wales", 1},
    {"cymru", "Wales", 2},
    {"child practice review", "Wales", 3},
    {"social services and well being wales act", "Wales", 3},
    {"cardiff", "Wales", 1},
    {"swansea", "Wales", 1},
    {"gwent", "Wales", 1},
    {"powys", "Wales", 1},
    {"ceredigion", "Wales", 1},
    {"pembrokeshire", "Wales", 1},
    {"carmarthenshire", "Wales", 1},
    {"gwynedd", "Wales", 1},
    {"anglesey", "Wales", 1},
    {"conwy", "Wales", 1},
    {"denbighshire", "Wales", 1},
    {"flintshire", "Wales", 1},
    {"wrexham", "Wales", 1},
    {"merthyr tydfil", "Wales", 1},
    {"rhondda", "Wales", 1},
    {"bridgend", "Wales", 1},
    {"caerphilly", "Wales", 1},
    {"torfaen", "Wales", 1},
    {"monmouthshire", "Wales", 1},
    {"neath port talbot", "Wales", 1},
    {"cwm taf", "Wales", 1},
    {"scotland", "Scotland", 2},
    {"scottish", "Scotland", 2},
    {"significant case review", "Scotland", 3},
    {"child protection committee", "Scotland", 2},
    {"glasgow", "Scotland", 1},
    {"edinburgh", "Scotland", 1},
    {"northern ireland", "Northern Ireland", 3},
    {"case management review", "Northern Ireland", 3},
    {"sbni", "Northern Ireland", 3},
    {"belfast", "Northern Ireland", 1},
    {"health and social care trust", "Northern Ireland", 1},
}};

// "England and Wales" names a jurisdiction, not where a report comes from.
constexpr std::string_view kJurisdictionPhrase = " england and wales ";

// Words a child's given name is never.
constexpr std::array<std::string_view, 20> kNotNames{
    "Child",   "Baby",  "Mother", "Father", "Mr",     "Mrs",  "Ms",
    "Miss",    "The",   "A",      "An",     "His",    "Her",  "Their",
    "Sibling", "Adult", "Male",   "Female", "Family", "Young"};

constexpr std::array<std::string_view, 20> kNumberWords{
    "zero",    "one",     "two",       "three",    "four",
    "five",    "six",     "seven",     "eight",    "nine",
    "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};

// Words that keep lower case inside a title.
constexpr std::array<std::string_view, 17> kSmallTitleWords{
    "a",    "an", "and", "as", "at",  "by", "for",  "from",   "in",
    "into", "of", "on",  "or", "the", "to", "with", "respect"};

// Lines that state a date but not the publication date.
constexpr std::array<std::string_view, 6> kLifeEventWords{
    "birth", "death", "born", "died", "dob", "dod"};

constexpr std::size_t kOpeningLines = 40;    // where titles and dates live
constexpr std::size_t kTitleZoneLines = 15;  // before the first long text
constexpr std::size_t kLongLineWords = 20;
constexpr std::size_t kTitleLineWords = 14;

// ---------------------------------------------------------------- helpers

std::string_view strip_punctuation(std::string_view word) {
  while (!word.empty() && !text::is_alpha(word.front()) &&
         !is_digit(word.front())) {
    word.remove_prefix(1);
  }
  while (!word.empty() && !text::is_alpha(word.back()) &&
         !is_digit(word.back())) {
    word.remove_suffix(1);
  }
  return word;
}

bool is_all_capitals(std::string_view s) {
  bool any = false;
  for (char c : s) {
    if (text::is_lower(c)) return false;
    any = any || is_upper(c);
  }
  return any;
}

// "SERIOUS CASE REVIEW IN RESPECT OF CHILD R" ->
// "Serious Case Review in respect of Child R".
std::string title_case(std::string_view s) {
  std::string out;
  bool first = true;
  for (std::string_view word : split_words(s)) {
    std::string w = text::to_lower(word);
    const bool small =
        std::find(kSmallTitleWords.begin(), kSmallTitleWords.end(), w) !=
        kSmallTitleWords.end();
    if (word.size() == 1) {
      w = std::string(word);
    } else if (first || !small) {
      if (text::is_lower(w[0])) w[0] = static_cast<char>(w[0] - 'a' + 'A');
    }
    if (!out.empty()) out += ' ';
    out += w;
    first = false;
  }
  return out;
}

std::string display_form(std::string_view line) {
  return is_all_capitals(line) ? title_case(line) : std::string(line);
}

struct OpeningLine {
  std::string_view text;
  std::string folded;  // fold_for_matching(text)
  std::size_t words = 0;
  bool in_title_zone = false;
};

std::vector<OpeningLine> opening_lines(std::string_view text) {
  std::vector<OpeningLine> lines;
  bool zone = true;
  for (std::string_view line : text::split_lines(text)) {
    line = trim(line);
    if (line.empty()) continue;
    if (lines.size() == kOpeningLines) break;
    OpeningLine l{line, fold_for_matching(line), text::word_count(line), false};
    if (l.words > kLongLineWords || lines.size() >= kTitleZoneLines)
      zone = false;
    l.in_title_zone = zone;
    lines.push_back(l);
  }
  return lines;
}

// ------------------------------------------------------------ header block

// A leading paragraph made only of "Label: value" lines.
std::map<std::string, std::string> header_fields(std::string_view text) {
  std::map<std::string, std::string> fields;
  const std::size_t end = text.find("\n\n");
  const std::vector<std::string_view> lines =
      text::split_lines(text.substr(0, end));
  if (lines.size() < 2) return fields;
  for (std::string_view line : lines) {
    const std::string_view label = text::field_label(line);
    if (label.empty()) return {};
    std::string key = text::to_lower(label);
    std::replace(key.begin(), key.end(), ' ', '_');
    const std::string_view value = trim(line.substr(label.size() + 1));
    if (value.empty() || value.front() == '(') continue;  // "(none in source)"
    fields[key] = std::string(value);
  }
  return fields;
}

// "2013-08-20" or "2013-08" or "2013" -> year, month.
bool parse_iso_date(std::string_view s, int* year, int* month) {
  if (s.size() < 4 || !text::year_number(s.substr(0, 4))) return false;
  int m = 0;
  if (s.size() >= 7) {
    if (s[4] != '-' || !is_digit(s[5]) || !is_digit(s[6])) return false;
    m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12) return false;
    if (s.size() != 7 &&
        !(s.size() == 10 && s[7] == '-' && is_digit(s[8]) && is_digit(s[9]))) {
      return false;
    }
  } else if (s.size() != 4) {
    return false;
  }
  *year = text::year_number(s.substr(0, 4));
  *month = m;
  return true;
}

// ".../prevention-of-future-death-reports/nicola-matthews/" -> "Nicola
// Matthews"
std::string name_from_url(std::string_view url) {
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  std::string_view slug = url.substr(url.rfind('/') + 1);
  for (std::string_view tail : {"-prevention-of-future-deaths-report",
                                "-prevention-of-future-death-report"}) {
    if (slug.size() > tail.size() &&
        slug.substr(slug.size() - tail.size()) == tail) {
      slug.remove_suffix(tail.size());
    }
  }
  // "joshua-smith-2", "anderson-2013-0227": numbers only disambiguate.
  while (!slug.empty()) {
    const std::size_t dash = slug.rfind('-');
    const std::string_view last =
        slug.substr(dash == std::string_view::npos ? 0 : dash + 1);
    if (last.empty() || !std::all_of(last.begin(), last.end(),
                                     [](char c) { return is_digit(c); })) {
      break;
    }
    slug = dash == std::string_view::npos ? std::string_view{}
                                          : slug.substr(0, dash);
  }
  std::string name;
  bool start = true;
  for (char c : slug) {
    if (c == '-') {
      name += ' ';
      start = true;
    } else if (text::is_alpha(c) || c == '\'') {
      name += start && text::is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
      start = false;
    } else {
      return "";  // digits or odd characters: not a plain name
    }
  }
  return text::word_count(name) >= 2 ? name : "";
}

bool is_welsh_place(std::string_view area) {
  const std::string folded = fold_for_matching(area);
  for (const NationEvidence& e : kNationEvidence) {
    if (e.nation == "Wales" &&
        folded.find(" " + std::string(e.phrase) + " ") != std::string::npos) {
      return true;
    }
  }
  return false;
}

void apply_coroner_header(const std::map<std::string, std::string>& fields,
                          Metadata* meta) {
  meta->type = kPfdType;
  for (const auto& [key, value] : fields) meta->extra[key] = value;
  if (auto it = fields.find("date"); it != fields.end()) {
    parse_iso_date(it->second, &meta->year, &meta->month);
  }
  if (auto it = fields.find("area"); it != fields.end()) {
    meta->partnership = it->second;
    // Coroners' areas are in England or Wales.
    meta->nation = is_welsh_place(it->second) ? "Wales" : "England";
  }
  std::string name;
  if (auto it = fields.find("url"); it != fields.end()) {
    name = name_from_url(it->second);
  }
  if (!name.empty()) {
    meta->title = "Prevention of future deaths report: " + name;
    meta->case_name = name;
  } else if (auto it = fields.find("reference"); it != fields.end()) {
    meta->title = "Prevention of future deaths report " + it->second;
  } else {
    meta->title = "Prevention of future deaths report";
  }
}

// ------------------------------------------------------------------- type

// The phrase starts within the first words of a short opening line: the
// line is the title, e.g. "SERIOUS CASE REVIEW IN RESPECT OF CHILD R".
bool names_type_in_title(std::string_view folded_line,
                         std::string_view phrase) {
  const std::size_t pos = text::find_phrase(folded_line, phrase);
  if (pos == std::string::npos) return false;
  return text::word_count(folded_line.substr(0, pos)) < 4;
}

std::string detect_type(std::string_view folded_text,
                        const std::vector<OpeningLine>& opening) {
  constexpr int kTitleWeight = 20;
  std::map<std::string_view, int> scores;
  for (const TypePhrase& p : kTypePhrases) {
    const int hits =
        static_cast<int>(text::count_phrase(folded_text, p.phrase));
    scores[p.slug] += hits;
    for (const OpeningLine& line : opening) {
      if (line.words <= kTitleLineWords &&
          names_type_in_title(line.folded, p.phrase)) {
        scores[p.slug] += kTitleWeight;
      }
    }
  }
  std::string_view best;
  int best_score = 0;
  for (const TypeEntry& t : kTypes) {  // table order breaks ties
    const int s = scores[t.slug];
    if (s > best_score) {
      best = t.slug;
      best_score = s;
    }
  }
  return std::string(best);
}

// ------------------------------------------------------------ partnership

struct Word {
  std::string_view text;     // without surrounding punctuation
  bool ends_clause = false;  // followed by , ; : . ( ) in the source
  bool starts_clause = false;
};

std::vector<Word> words_of(std::string_view line) {
  std::vector<Word> words;
  for (std::string_view raw : split_words(line)) {
    Word w;
    std::string_view t = raw;
    while (!t.empty() &&
           (t.front() == '(' || t.front() == '"' || t.front() == '\'')) {
      t.remove_prefix(1);
      w.starts_clause = true;
    }
    while (!t.empty() && std::string_view(",;:.()\"'").find(t.back()) !=
                             std::string_view::npos) {
      t.remove_suffix(1);
      w.ends_clause = true;
    }
    w.text = t;
    if (!t.empty()) words.push_back(w);
  }
  return words;
}

bool is_place_word(std::string_view w) {
  return !w.empty() && is_upper(w[0]) &&
         std::find(kNotPlaceWords.begin(), kNotPlaceWords.end(), w) ==
             kNotPlaceWords.end();
}

bool is_connector(std::string_view w) {
  return w == "and" || w == "&" || w == "on" || w == "upon" || w == "of";
}

// Publisher names in one line, in order of appearance.
struct Publisher {
  std::string name;
  bool council = false;
};

std::vector<Publisher> publishers_in(std::string_view line) {
  std::vector<Publisher> found;
  const std::vector<Word> words = words_of(line);
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (std::string_view suffix : kPublisherSuffixes) {
      const std::vector<std::string_view> parts = split_words(suffix);
      if (i + parts.size() > words.size()) continue;
      bool match = true;
      for (std::size_t k = 0; k < parts.size() && match; ++k) {
        match = text::equals_ci(words[i + k].text, parts[k]) &&
                (k + 1 == parts.size() || !words[i + k].ends_clause);
      }
      if (!match) continue;
      // Walk back over the place name.
      std::size_t start = i;
      while (start > 0 && i - start < 6) {
        const Word& prev = words[start - 1];
        if (prev.ends_clause) break;
        if (!is_place_word(prev.text) && !is_connector(prev.text)) break;
        --start;
        if (prev.starts_clause) break;
      }
      while (start < i && is_connector(words[start].text)) ++start;
      if (start < i) {
        std::string name;
        for (std::size_t k = start; k < i + parts.size(); ++k) {
          if (!name.empty()) name += ' ';
          name += words[k].text;
        }
        found.push_back({display_form(name), suffix == kCouncilSuffix});
      }
      i += parts.size() - 1;
      break;
    }
  }
  return found;
}

std::string detect_partnership(std::string_view text,
                               const std::vector<OpeningLine>& opening) {
  for (const OpeningLine& line : opening) {
    if (!line.in_title_zone) break;
    std::vector<Publisher> names = publishers_in(line.text);
    if (!names.empty()) return names.front().name;
  }
  // Else the first named in the text; a council only when no partnership or
  // board is named anywhere.
  std::string first_council;
  for (std::string_view line : text::split_lines(text)) {
    for (Publisher& p : publishers_in(line)) {
      if (!p.council) return std::move(p.name);
      if (first_council.empty()) first_council = std::move(p.name);
    }
  }
  return first_council;
}

const Series* detect_series(std::string_view text) {
  for (const Series& s : kSeries) {
    for (std::string_view w : split_words(text.substr(0, 20000))) {
      if (strip_punctuation(w) == s.acronym) return &s;
    }
  }
  return nullptr;
}

// ----------------------------------------------------------------- nation

std::string detect_nation(std::string folded_text) {
  for (std::size_t pos = folded_text.find(kJurisdictionPhrase);
       pos != std::string::npos;
       pos = folded_text.find(kJurisdictionPhrase, pos)) {
    folded_text.replace(pos, kJurisdictionPhrase.size(), " ");
  }
  std::map<std::string_view, int> scores;
  for (const NationEvidence& e : kNationEvidence) {
    scores[e.nation] +=
        e.weight * static_cast<int>(text::count_phrase(folded_text, e.phrase));
  }
  std::string_view best;
  int best_score = kMinNationEvidence - 1;
  bool tie = false;
  for (const auto& [nation, score] : scores) {
    if (score > best_score) {
      best = nation;
      best_score = score;
      tie = false;
    } else if (score == best_score && !best.empty()) {
      tie = true;
    }
  }
  return tie ? "" : std::string(best);
}

// ------------------------------------------------------------------- date

bool mentions_life_event(std::string_view line) {
  const std::string folded = fold_for_matching(line);
  for (std::string_view w : kLifeEventWords) {
    if (folded.find(" " + std::string(w) + " ") != std::string::npos)
      return true;
  }
  return false;
}

struct DateFound {
  int year = 0;
  int month = 0;
};

// The first "Month YYYY" in the line, else a lone four-digit year.
DateFound date_in_line(std::string_view line) {
  DateFound date;
  const std::vector<std::string_view> words = split_words(line);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = strip_punctuation(words[i]);
    int y = 0, m = 0;
    if (w.size() >= 7 && parse_iso_date(w, &y, &m)) return {y, m};
    if (const int year = text::year_number(w)) {
      const int month =
          i > 0 ? text::month_number(strip_punctuation(words[i - 1])) : 0;
      if (month) return {year, month};
      if (!date.year) date.year = year;
    }
  }
  return date;
}

DateFound publication_date(const std::vector<OpeningLine>& opening) {
  constexpr std::size_t kDateLineWords = 8;
  for (const OpeningLine& line : opening) {
    if (line.words > kDateLineWords || mentions_life_event(line.text)) continue;
    const DateFound date = date_in_line(line.text);
    if (date.year) return date;
  }
  return {};
}

int latest_year_mentioned(std::string_view text) {
  int latest = 0;
  std::string_view previous;
  for (std::string_view w : split_words(text)) {
    w = strip_punctuation(w);
    if (const int year = text::year_number(w);
        year && text::month_number(previous)) {
      latest = std::max(latest, year);
    }
    previous = w;
  }
  return latest;
}

// ------------------------------------------------------------------- case

// "Child A", "child A", "Child T's", "Child RN19" -> "A", "T", "RN19".
std::string case_letter(std::string_view word) {
  std::string_view w = word;
  if (w.size() >= 2 && (w.substr(w.size() - 2) == "'s")) w.remove_suffix(2);
  w = strip_punctuation(w);
  if (w.empty() || w.size() > 4 || !is_upper(w[0])) return "";
  std::size_t letters = 0;
  while (letters < w.size() && is_upper(w[letters])) ++letters;
  if (letters > 2) return "";
  for (std::size_t k = letters; k < w.size(); ++k) {
    if (!is_digit(w[k])) return "";
  }
  return std::string(w);
}

std::string most_prominent_child(std::string_view text,
                                 const std::vector<OpeningLine>& opening) {
  constexpr int kTitleBonus = 1000;
  std::map<std::string, int> scores;
  const auto scan = [&](std::string_view s, int weight) {
    const std::vector<std::string_view> words = split_words(s);
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      if (!text::equals_ci(words[i], "child")) continue;
      const std::string letter = case_letter(words[i + 1]);
      if (!letter.empty()) scores["Child " + letter] += weight;
    }
  };
  scan(text, 1);
  for (const OpeningLine& line : opening) {
    if (line.in_title_zone) scan(line.text, kTitleBonus);
  }
  std::string best;
  int best_score = 0;
  for (const auto& [name, score] : scores) {
    if (score > best_score) {
      best = name;
      best_score = score;
    }
  }
  return best;
}

// "the death of Steven" (or "known as", "referred to as", "called") with the
// name used again at least twice more.
std::string named_child(std::string_view text, const std::string& folded_text) {
  constexpr std::size_t kMinMentions = 3;
  static constexpr std::array<std::string_view, 4> kLeadIns{
      "death of ", "known as ", "referred to as ", "called "};
  std::set<std::string_view> rejected;  // each name is counted once
  for (std::string_view lead : kLeadIns) {
    for (std::size_t pos = text.find(lead); pos != std::string_view::npos;
         pos = text.find(lead, pos + 1)) {
      const std::vector<std::string_view> next =
          split_words(text.substr(pos + lead.size(), 40));
      if (next.empty()) continue;
      std::string_view name = strip_punctuation(next[0]);
      if (name.size() > 2 && name.substr(name.size() - 2) == "'s") {
        name.remove_suffix(2);
      }
      const bool word = name.size() >= 3 && is_upper(name[0]) &&
                        std::all_of(name.begin() + 1, name.end(),
                                    [](char c) { return text::is_lower(c); });
      if (!word || rejected.count(name) ||
          std::find(kNotNames.begin(), kNotNames.end(), name) !=
              kNotNames.end()) {
        continue;
      }
      if (text::count_occurrences(
              folded_text, " " + text::to_lower(name) + " ") >= kMinMentions) {
        return std::string(name);
      }
      rejected.insert(name);
    }
  }
  return "";
}

// -------------------------------------------------------------------- age

int number_value(std::string_view w) {
  w = strip_punctuation(w);
  if (!w.empty() && w.size() <= 2 &&
      std::all_of(w.begin(), w.end(), [](char c) { return is_digit(c); })) {
    return std::stoi(std::string(w));
  }
  const std::string lower = text::to_lower(w);
  for (std::size_t k = 0; k < kNumberWords.size(); ++k) {
    if (lower == kNumberWords[k]) return static_cast<int>(k);
  }
  return -1;
}

// "months" for "month", "month", "months", "month-old" ...; "" otherwise.
std::string age_unit(std::string_view w) {
  const std::string lower = text::to_lower(strip_punctuation(w));
  for (std::string_view unit : {"day", "week", "month", "year"}) {
    if (lower == unit || lower == std::string(unit) + "s") {
      return std::string(unit) + "s";
    }
  }
  return "";
}

std::string format_age(int n, const std::string& unit) {
  if (unit.empty()) return std::to_string(n);
  return std::to_string(n) + " " +
         (n == 1 ? unit.substr(0, unit.size() - 1) : unit);
}

bool is_adult_age(int n, const std::string& unit) {
  return (unit.empty() || unit == "years") && n >= 18;
}

std::string child_age(std::string_view text) {
  std::string spaced(text.substr(0, 6000));
  std::replace(spaced.begin(), spaced.end(), '-', ' ');
  const std::vector<std::string_view> words = split_words(spaced);
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string lead = text::to_lower(strip_punctuation(words[i]));
    // "aged 10 months", "age 8", "aged two years"
    if (lead == "aged" || lead == "age") {
      const int n = number_value(words[i + 1]);
      if (n < 0) continue;
      const std::string unit =
          i + 2 < words.size() ? age_unit(words[i + 2]) : "";
      if (!is_adult_age(n, unit)) return format_age(n, unit);
      continue;
    }
    // "a 4 month old baby", "11-week-old"
    const int n = number_value(words[i]);
    if (n >= 0 && i + 2 < words.size()) {
      const std::string unit = age_unit(words[i + 1]);
      if (!unit.empty() &&
          text::equals_ci(strip_punctuation(words[i + 2]), "old") &&
          !is_adult_age(n, unit)) {
        return format_age(n, unit);
      }
    }
  }
  return "";
}

// ------------------------------------------------------------------ title

bool is_date_line(std::string_view line) {
  return date_in_line(line).year != 0;
}

bool is_title_candidate(const OpeningLine& line) {
  return line.words <= kTitleLineWords && line.text.back() != '.' &&
         line.text.substr(0, 2) != "- " && !is_date_line(line.text) &&
         text::field_label(line.text).empty();
}

// `child` is the case's "Child X" label (without a given name), or "".
std::string detect_title(const std::vector<OpeningLine>& opening,
                         const std::string& partnership,
                         const std::string& child) {
  constexpr int kTitleZoneScore = 2;
  constexpr int kTypeScore = 6;
  constexpr int kInRespectOfScore = 2;
  constexpr int kMinTitleScore = kTypeScore;
  const std::string partnership_folded = fold_for_matching(partnership);
  int best_score = 0;
  std::size_t best = 0;
  for (std::size_t k = 0; k < opening.size(); ++k) {
    const OpeningLine& line = opening[k];
    if (!is_title_candidate(line) || line.folded == partnership_folded)
      continue;
    int score = line.in_title_zone ? kTitleZoneScore : 0;
    for (const TypePhrase& p : kTypePhrases) {
      if (names_type_in_title(line.folded, p.phrase)) score += kTypeScore;
    }
    if (line.folded.find(" in respect of ") != std::string::npos) {
      score += kInRespectOfScore;
    }
    if (score > best_score) {
      best_score = score;
      best = k;
    }
  }
  const auto is_child_line = [&](std::size_t k) {
    return !child.empty() && k < opening.size() &&
           text::equals_ci(opening[k].text, child);
  };
  if (best_score < kMinTitleScore) {
    // No line names the review: the case and what the document is, as in
    // "Child E" over "Executive Summary".
    for (std::size_t k = 0; k + 1 < opening.size(); ++k) {
      if (opening[k].in_title_zone && is_child_line(k) &&
          is_title_candidate(opening[k + 1])) {
        return child + ": " + display_form(opening[k + 1].text);
      }
    }
    return "";
  }
  std::string title = display_form(opening[best].text);
  // "Issue 4 - October 2021" under a bulletin's name; the case under a
  // report's name; a series reference above it.
  const std::vector<std::string_view> next =
      best + 1 < opening.size() ? split_words(opening[best + 1].text)
                                : std::vector<std::string_view>{};
  if (next.size() >= 2 && (text::equals_ci(next[0], "issue") ||
                           text::equals_ci(next[0], "edition") ||
                           text::equals_ci(next[0], "volume"))) {
    title += " " + std::string(next[0]) + " " +
             std::string(strip_punctuation(next[1]));
  } else if (is_child_line(best + 1) &&
             opening[best].folded.find(fold_for_matching(child)) ==
                 std::string::npos) {
    title += ": " + child;
  }
  if (best > 0) {
    const OpeningLine& previous = opening[best - 1];
    for (const Series& s : kSeries) {
      if (previous.text.substr(0, s.acronym.size()) == s.acronym &&
          previous.words <= 4) {
        title = std::string(previous.text) + " " + title;
      }
    }
  }
  return title;
}

// A title from a file's properties worth using: not a file name, not a
// word processor's "Microsoft Word - draft.docx", not a placeholder.
bool plausible_properties_title(std::string_view title) {
  const std::string l = text::to_lower(text::trim(title));
  if (l.size() < 3 || l.size() > 300 ||
      std::none_of(l.begin(), l.end(), [](char c) { return text::is_alpha(c); })) {
    return false;
  }
  for (std::string_view junk : {"microsoft word", "microsoft powerpoint",
                                "powerpoint", "untitled"}) {
    if (l.rfind(junk, 0) == 0) return false;
  }
  for (std::string_view ext : {".doc", ".docx", ".pdf", ".rtf", ".odt", ".dot",
                               ".dotx", ".indd", ".tmp"}) {
    if (l.size() > ext.size() &&
        l.compare(l.size() - ext.size(), ext.size(), ext) == 0) {
      return false;
    }
  }
  static const std::set<std::string, std::less<>> kPlaceholders = {
      "title", "document", "slide 1", "report", "template", "word document"};
  return kPlaceholders.count(l) == 0;
}

// ---------------------------------------------------------------- sidecar

Error sidecar_error(const std::filesystem::path& sidecar,
                    const std::string& what) {
  return Error{ErrorKind::kInput, sidecar.string() + ": " + what};
}

bool known_type(std::string_view slug) {
  return std::any_of(kTypes.begin(), kTypes.end(),
                     [&](const TypeEntry& t) { return t.slug == slug; });
}

}  // namespace

const std::vector<ReviewType>& review_types() {
  static const std::vector<ReviewType> kList = [] {
    std::vector<ReviewType> list;
    for (const TypeEntry& t : kTypes) list.push_back({t.slug, t.name});
    return list;
  }();
  return kList;
}

Metadata extract_metadata(
    std::string_view text,
    const std::map<std::string, std::string>& format_meta) {
  Metadata meta;
  const std::vector<OpeningLine> opening = opening_lines(text);
  const std::string folded = fold_for_matching(text);

  const std::map<std::string, std::string> header = header_fields(text);
  if (header.count("coroner")) {
    apply_coroner_header(header, &meta);
    meta.child_age = child_age(text);
    return meta;
  }
  for (const auto& [key, value] : header) meta.extra[key] = value;

  meta.type = detect_type(folded, opening);
  const Series* series = detect_series(text);
  meta.partnership = detect_partnership(text, opening);
  if (meta.partnership.empty() && series)
    meta.partnership = series->partnership;

  if (meta.type == "concise-child-practice-review" ||
      meta.type == "extended-child-practice-review") {
    meta.nation = "Wales";
  } else if (series) {
    meta.nation = series->nation;
  } else {
    meta.nation = detect_nation(folded);
  }

  DateFound date = publication_date(opening);
  if (auto it = header.find("date"); !date.year && it != header.end()) {
    parse_iso_date(it->second, &date.year, &date.month);
  }
  // A PDF's or word processor's creation date is nearer publication than
  // the latest date the text mentions.
  if (auto it = format_meta.find("date"); !date.year && it != format_meta.end() &&
                                          parse_iso_date(it->second, &date.year,
                                                         &date.month)) {
    meta.extra["date_basis"] = "document properties";
  }
  if (!date.year) {
    date.year = latest_year_mentioned(text);
    if (date.year) meta.extra["date_basis"] = "latest date in text";
  }
  meta.year = date.year;
  meta.month = date.month;

  std::string child;  // "Child E"
  if (!is_multi_case_type(meta.type)) {
    child = most_prominent_child(text, opening);
    const std::string name = named_child(text, folded);
    if (name.empty()) {
      meta.case_name = child;
    } else {
      meta.case_name = child.empty() ? name : child + " (" + name + ")";
    }
    meta.child_age = child_age(text);
  }

  if (auto it = format_meta.find("author");
      it != format_meta.end() && !it->second.empty()) {
    meta.extra["author"] = it->second;
  }
  if (auto it = format_meta.find("title"); it != format_meta.end()) {
    meta.title = it->second;
  } else {
    meta.title = detect_title(opening, meta.partnership, child);
    const auto props = format_meta.find("properties_title");
    if (meta.title.empty() && props != format_meta.end() &&
        plausible_properties_title(props->second)) {
      meta.title = std::string(text::trim(props->second));
    }
  }
  return meta;
}

Status apply_sidecar(std::string_view json,
                     const std::filesystem::path& sidecar, Metadata* meta) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    return sidecar_error(sidecar,
                         "invalid JSON at offset " +
                             std::to_string(doc.GetErrorOffset()) + ": " +
                             rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) return sidecar_error(sidecar, "not a JSON object");

  Metadata updated = *meta;
  const auto field_error = [&](std::string_view name, std::string_view what) {
    return sidecar_error(
        sidecar, "field \"" + std::string(name) + "\" " + std::string(what));
  };
  for (const auto& member : doc.GetObject()) {
    const std::string name(member.name.GetString(),
                           member.name.GetStringLength());
    const rapidjson::Value& v = member.value;
    const auto as_string = [&]() -> std::optional<std::string> {
      if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
      return std::nullopt;
    };
    if (name == "year" || name == "month") {
      if (!v.IsInt()) return field_error(name, "must be an integer");
      const int n = v.GetInt();
      if (name == "year") {
        if (n < 1900 || n > 2099) return field_error(name, "is out of range");
        updated.year = n;
      } else {
        if (n < 0 || n > 12) return field_error(name, "must be 1..12");
        updated.month = n;
      }
    } else if (name == "date") {
      const std::optional<std::string> s = as_string();
      if (!s || !parse_iso_date(*s, &updated.year, &updated.month)) {
        return field_error(name,
                           "must be a date string YYYY, YYYY-MM or YYYY-MM-DD");
      }
      updated.extra["date"] = *s;
    } else if (name == "child_age") {
      if (v.IsInt()) {
        updated.child_age = std::to_string(v.GetInt());
      } else if (const std::optional<std::string> s = as_string()) {
        updated.child_age = *s;
      } else {
        return field_error(name, "must be a string or an integer");
      }
    } else {
      const std::optional<std::string> s = as_string();
      if (!s) return field_error(name, "must be a string");
      if (name == "title") {
        updated.title = *s;
      } else if (name == "type") {
        if (!s->empty() && !known_type(*s)) {
          return field_error(name,
                             "is not a known review type: \"" + *s + "\"");
        }
        updated.type = *s;
      } else if (name == "partnership") {
        updated.partnership = *s;
      } else if (name == "nation") {
        updated.nation = *s;
      } else if (name == "case_name") {
        updated.case_name = *s;
      } else {
        updated.extra[name] = *s;
      }
    }
    if (std::find(updated.overridden.begin(), updated.overridden.end(), name) ==
        updated.overridden.end()) {
      updated.overridden.push_back(name);
    }
  }
  *meta = std::move(updated);
  return Ok{};
}

}  // namespace caselens::corpus
