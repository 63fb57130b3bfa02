#include "digest/extract.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "analysis/sentences.h"
#include "corpus/slug.h"
#include "digest/words.h"

namespace caselens::digest {
namespace {

using words::count_phrases;
using words::has_phrase;
using words::one_of;
using words::phrase_at;
using words::slug_words;

// ---- section roles ----

bool has_prefix_word(const std::vector<std::string>& ws, std::string_view prefix) {
  return std::any_of(ws.begin(), ws.end(),
                     [&](const std::string& w) { return w.rfind(prefix, 0) == 0; });
}

constexpr std::string_view kProceduralHeadings[] = {
    "purpose", "scope", "methodology", "method", "terms of reference", "framework",
    "agency involvement", "agencies involved", "contents", "to be addressed",
    "review process", "panel", "membership", "glossary", "author", "governance",
    "references", "appendix", "abbreviations", "timescale", "period under review",
    "family involvement", "involvement of the family", "parallel processes", "workshop",
    "learning event", "learning events", "feedback session", "acknowledgements"};
constexpr std::string_view kLearningHeadings[] = {
    "reflective questions", "key messages", "practice points", "what we learned"};
constexpr std::string_view kGoodPracticeHeadings[] = {"good practice", "positive practice",
                                                      "strengths"};
constexpr std::string_view kFindingsHeadings[] = {"key issues", "themes", "issues",
                                                  "appraisal of practice"};
constexpr std::string_view kSummaryHeadings[] = {
    "reason", "reasons", "facts", "introduction", "family", "case", "overview",
    "brief", "events", "chronology", "what happened", "history"};

// "6.1 Domestic violence" -> "6", true (a sub-heading); "6. Analysis" -> "6", false.
std::string heading_number(std::string_view heading, bool* sub) {
  std::size_t i = 0;
  while (i < heading.size() && std::isdigit(static_cast<unsigned char>(heading[i]))) ++i;
  const std::string top(heading.substr(0, i));
  *sub = !top.empty() && i + 1 < heading.size() && heading[i] == '.' &&
         std::isdigit(static_cast<unsigned char>(heading[i + 1]));
  return top;
}

// ---- bullets ----

bool starts_with(std::string_view s, std::size_t at, std::string_view prefix) {
  return s.substr(at, prefix.size()) == prefix;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where the words start after list marks, numbering and "Finding 2 -".
std::size_t skip_marks(std::string_view t, std::size_t b, std::size_t e) {
  for (bool moved = true; moved && b < e;) {
    moved = false;
    while (b < e && is_space(t[b])) ++b;
    for (std::string_view mark : {"- ", "* ", "\u2022 ", "\u2013 ", "\u00b7 ", "\u25aa "}) {
      if (starts_with(t, b, mark) && b + mark.size() <= e) {
        b += mark.size();
        moved = true;
      }
    }
    // "3.", "3.1", "3.1.2", "(a)", "a)", "iv)", "12)" followed by a space.
    // A bare number ("2019 was ...") is not numbering.
    std::size_t i = b;
    const bool bracket = i < e && t[i] == '(';
    if (bracket) ++i;
    const std::size_t start = i;
    bool digits = false;
    bool inner_dot = false;
    while (i < e && (std::isdigit(static_cast<unsigned char>(t[i])) ||
                     (t[i] == '.' && i > start && i + 1 < e &&
                      std::isdigit(static_cast<unsigned char>(t[i + 1]))))) {
      digits = true;
      inner_dot = inner_dot || t[i] == '.';
      ++i;
    }
    if (!digits) {
      while (i < e && i - start < 4 && std::islower(static_cast<unsigned char>(t[i]))) ++i;
    }
    const bool closed = i < e && i > start && (t[i] == ')' || (digits && t[i] == '.'));
    if (closed) ++i;
    const bool numbered = i > start && (closed || inner_dot) &&
                          (!bracket || t[i - 1] == ')') && i < e && is_space(t[i]);
    if (numbered && i + 1 < e) {
      b = i;
      moved = true;
      continue;
    }
    // "Finding 2 - ", "Recommendation 3: ", "Learning point 1 – ".
    for (std::string_view label : {"Finding", "Key finding", "Recommendation", "Learning point",
                                   "Learning", "Lesson"}) {
      if (!starts_with(t, b, label)) continue;
      std::size_t j = b + label.size();
      while (j < e && t[j] == ' ') ++j;
      const std::size_t number = j;
      while (j < e && std::isdigit(static_cast<unsigned char>(t[j]))) ++j;
      if (j == number) break;
      while (j < e && t[j] == ' ') ++j;
      bool dash = false;
      for (std::string_view d : {"-", ":", ".", "\u2013", "\u2014"}) {
        if (starts_with(t, j, d)) {
          j += d.size();
          dash = true;
          break;
        }
      }
      if (!dash) break;
      while (j < e && t[j] == ' ') ++j;
      if (j < e) {
        b = j;
        moved = true;
      }
      break;
    }
  }
  return b;
}

std::size_t trim_end(std::string_view t, std::size_t b, std::size_t e) {
  while (e > b && is_space(t[e - 1])) --e;
  return e;
}

// The last position of `needle` in t[b + floor, b + max), or npos.
std::size_t last_in(std::string_view t, std::size_t b, std::size_t max, std::size_t floor,
                    std::string_view needle) {
  const std::string_view window = t.substr(b, max);
  const std::size_t at = window.rfind(needle);
  return at != std::string_view::npos && at >= floor ? b + at : std::string_view::npos;
}

// ---- candidates ----

struct Candidate {
  Bullet bullet;
  std::size_t passage = 0;  // index into the passages
  analysis::TextSpan span;  // within the passage's text, before marks and cuts
  std::string sentence;  // the whole sentence or item, before any cut
  std::vector<std::string> words;
  SectionRole role = SectionRole::kOther;
  bool list_item = false;
  std::size_t passage_themes = 0;
  std::size_t order = 0;
  double score = 0;
};

bool usable(const Candidate& c, std::size_t min_words) {
  if (c.words.size() < min_words) return false;
  const std::string& s = c.sentence;
  if (!s.empty() && s.back() == ':') return false;
  return s.find("www.") == std::string::npos && s.find("://") == std::string::npos;
}

// One candidate per list item (its first sentence when the item is too
// long) and per sentence of other passages.
std::vector<Candidate> candidates(const std::string& source,
                                  const std::vector<query::PassageRecord>& passages,
                                  const std::vector<SectionRole>& passage_roles,
                                  std::size_t max_bytes) {
  std::vector<Candidate> out;
  for (std::size_t i = 0; i < passages.size(); ++i) {
    const query::PassageRecord& p = passages[i];
    std::vector<analysis::TextSpan> spans;
    if (p.list_item) {
      spans.push_back({0, p.text.size()});
      if (p.text.size() > max_bytes) {
        auto sentences = analysis::sentence_spans(p.text, 0, p.text.size());
        if (!sentences.empty()) spans = {sentences.front()};
      }
    } else {
      spans = analysis::sentence_spans(p.text, 0, p.text.size());
    }
    for (const auto& span : spans) {
      auto bullet = make_bullet(source, p, span.begin, span.end, max_bytes);
      if (!bullet) continue;
      Candidate c;
      const std::size_t from = bullet->begin - p.begin;
      c.sentence = p.text.substr(from, trim_end(p.text, from, span.end) - from);
      c.words = slug_words(c.sentence);
      c.bullet = std::move(*bullet);
      c.passage = i;
      c.span = span;
      c.role = passage_roles[i];
      c.list_item = p.list_item;
      c.passage_themes = p.themes.size();
      c.order = out.size();
      out.push_back(std::move(c));
    }
  }
  return out;
}

// The best `n` by score (earlier first among equals), back in text order.
std::vector<Candidate> top(std::vector<Candidate> pool, std::size_t n) {
  std::stable_sort(pool.begin(), pool.end(),
                   [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  if (pool.size() > n) pool.resize(n);
  std::sort(pool.begin(), pool.end(),
            [](const Candidate& a, const Candidate& b) { return a.order < b.order; });
  return pool;
}

std::vector<Bullet> bullets_of(const std::vector<Candidate>& chosen) {
  std::vector<Bullet> out;
  for (const auto& c : chosen) out.push_back(c.bullet);
  return out;
}

constexpr std::string_view kProceduralStarts[] = {
    "this review", "the review", "this report", "the report", "the purpose", "the scope",
    "the panel", "the author", "terms of reference", "the following", "this is a summary",
    "the aim", "safeguarding practice reviews", "serious case reviews", "a serious case review",
    "reviews of all records", "at the time of writing"};
constexpr std::string_view kProceduralAnywhere[] = {
    "terms of reference", "individual management review", "overview author", "review panel"};

bool procedural(const Candidate& c) {
  for (auto p : kProceduralStarts) {
    if (phrase_at(c.words, 0, p)) return true;
  }
  return count_phrases(c.words, kProceduralAnywhere) > 0;
}

constexpr std::string_view kFactCues[] = {
    "known to", "history of", "referral", "referred", "concerns", "police", "social care",
    "social worker", "health visitor", "school", "gp", "child protection", "child in need",
    "domestic", "mental health", "alcohol", "drug", "drugs", "convicted", "arrested",
    "hospital", "injuries", "injury", "assessment", "partner", "plan"};
constexpr std::string_view kLearningCues[] = {
    "should", "need", "needs", "importance", "important", "must", "lesson", "lessons",
    "learning", "highlighted", "identified", "understanding", "opportunities", "ensure",
    "required"};
constexpr std::string_view kLearningStatements[] = {
    "highlighted the need", "highlighted the importance", "the importance of", "need for",
    "missed opportunities", "missed opportunity", "lessons", "learning", "should have"};
constexpr std::string_view kRecommendationCues[] = {
    "should", "must", "ensure", "to be", "consider", "review", "develop", "recommend",
    "recommends", "need", "training", "guidance", "policy", "explore", "promote", "improve",
    "establish"};
constexpr std::string_view kHarmWords[] = {
    "died", "death", "dead", "injury", "injuries", "injured", "harm", "harmed", "abuse",
    "abused", "assault", "assaulted", "attack", "killed", "murder", "murdered", "fracture",
    "fractures", "fractured", "bruise", "bruising", "overdose", "exploitation", "exploited",
    "neglect", "neglected", "shaking", "shaken", "unresponsive", "strangulation", "stabbed"};
constexpr std::string_view kAgePhrases[] = {
    "month old", "months old", "year old", "years old", "week old", "weeks old", "day old",
    "days old", "aged", "age"};
constexpr std::string_view kChildWords[] = {"child", "baby", "infant", "boy", "girl", "son",
                                            "daughter", "toddler", "teenager"};
constexpr std::string_view kEthnicityCues[] = {
    "ethnicity", "ethnic", "white british", "black british", "black caribbean",
    "dual heritage", "mixed heritage", "mixed race", "asian", "traveller", "travellers",
    "nationality"};

template <std::size_t N>
int count_in(const std::vector<std::string>& ws, const std::string_view (&list)[N]) {
  int n = 0;
  for (const auto& w : ws) n += one_of(list, w) ? 1 : 0;
  return n;
}

bool has_year(const std::vector<std::string>& ws) {
  return std::any_of(ws.begin(), ws.end(), [](const std::string& w) {
    return w.size() == 4 && (w.rfind("19", 0) == 0 || w.rfind("20", 0) == 0) &&
           std::all_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  });
}

// "Child E (Steven)" -> {"child e", "steven"}.
std::vector<std::string> case_name_phrases(const std::string& case_name) {
  std::vector<std::string> out;
  const std::size_t open = case_name.find('(');
  std::string main = case_name.substr(0, open);
  if (!slug_words(main).empty()) out.push_back(main);
  if (open != std::string::npos) {
    std::string inner = case_name.substr(open + 1);
    inner = inner.substr(0, inner.find(')'));
    if (!slug_words(inner).empty()) out.push_back(inner);
  }
  return out;
}

bool is_summary(SectionRole r) { return r == SectionRole::kSummary; }

// "Finding 1 - ...", "Key finding 2: ..." at the start of the span.
bool headline_finding(const query::PassageRecord& p, const analysis::TextSpan& span) {
  const auto ws = slug_words(std::string_view(p.text).substr(span.begin, 24));
  return phrase_at(ws, 0, "finding") || phrase_at(ws, 0, "key finding");
}

}  // namespace

SectionRole section_role(std::string_view heading) {
  const std::vector<std::string> ws = slug_words(heading);
  if (ws.empty()) return SectionRole::kOther;
  if (count_phrases(ws, kProceduralHeadings) > 0) return SectionRole::kProcedural;
  if (has_prefix_word(ws, "recommend") || has_phrase(ws, "improving systems and practice")) {
    return SectionRole::kRecommendations;
  }
  if (has_prefix_word(ws, "learn") || has_prefix_word(ws, "lesson") ||
      count_phrases(ws, kLearningHeadings) > 0) {
    return SectionRole::kLearning;
  }
  if (count_phrases(ws, kGoodPracticeHeadings) > 0) return SectionRole::kGoodPractice;
  if (has_prefix_word(ws, "finding") || has_prefix_word(ws, "conclu") ||
      has_prefix_word(ws, "analys") || count_phrases(ws, kFindingsHeadings) > 0) {
    return SectionRole::kFindings;
  }
  if (has_prefix_word(ws, "summar") || has_prefix_word(ws, "circumstan") ||
      has_prefix_word(ws, "background") || count_phrases(ws, kSummaryHeadings) > 0) {
    return SectionRole::kSummary;
  }
  return SectionRole::kOther;
}

std::vector<SectionRole> section_roles(const std::vector<std::string>& headings) {
  std::vector<SectionRole> out;
  std::string parent_number;
  SectionRole parent_role = SectionRole::kOther;
  for (const auto& h : headings) {
    SectionRole role = section_role(h);
    bool sub = false;
    const std::string number = heading_number(h, &sub);
    if (!sub && !number.empty()) {
      parent_number = number;
      parent_role = role;
    } else if (sub && role == SectionRole::kOther && number == parent_number) {
      role = parent_role;
    }
    out.push_back(role);
  }
  return out;
}

std::optional<Bullet> make_bullet(const std::string& source, const query::PassageRecord& passage,
                                  std::size_t local_begin, std::size_t local_end,
                                  std::size_t max_bytes) {
  const std::string_view t = passage.text;
  std::size_t e = trim_end(t, 0, std::min(local_end, t.size()));
  std::size_t b = skip_marks(t, std::min(local_begin, e), e);
  const bool has_word = std::any_of(t.begin() + b, t.begin() + e, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80);
  });
  if (b >= e || !has_word) return std::nullopt;
  Bullet bullet;
  if (e - b > max_bytes && max_bytes > 0) {
    std::size_t cut = std::string_view::npos;
    for (std::string_view at : {"; ", ", "}) {
      cut = last_in(t, b, max_bytes, max_bytes / 3, at);
      if (cut != std::string_view::npos) break;
    }
    if (cut == std::string_view::npos) cut = last_in(t, b, max_bytes, 1, " ");
    if (cut == std::string_view::npos) cut = b + max_bytes;
    // Never inside a UTF-8 sequence.
    while (cut > b && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
    while (cut > b && (is_space(t[cut - 1]) || t[cut - 1] == ',' || t[cut - 1] == ';' ||
                       t[cut - 1] == ':' || t[cut - 1] == '-')) {
      --cut;
    }
    if (cut > b) {
      e = cut;
      bullet.condensed = true;
    }
  }
  bullet.text = std::string(t.substr(b, e - b));
  bullet.source = source;
  bullet.passage = passage.id;
  bullet.section = passage.section;
  bullet.begin = passage.begin + b;
  bullet.end = passage.begin + e;
  return bullet;
}

Extract extract_review(const std::string& review_id,
                       const std::vector<query::PassageRecord>& passages,
                       const std::string& case_name, const ExtractOptions& options) {
  // Roles of the sections, in order of first appearance.
  std::vector<std::string> headings;
  std::vector<std::size_t> heading_of(passages.size());
  for (std::size_t i = 0; i < passages.size(); ++i) {
    if (i == 0 || passages[i].section != passages[i - 1].section) {
      headings.push_back(passages[i].section);
    }
    heading_of[i] = headings.size() - 1;
  }
  const std::vector<SectionRole> roles = section_roles(headings);
  std::vector<SectionRole> passage_roles(passages.size());
  for (std::size_t i = 0; i < passages.size(); ++i) passage_roles[i] = roles[heading_of[i]];

  Extract out;
  std::vector<Candidate> all =
      candidates(review_id, passages, passage_roles, options.max_bullet_bytes);
  const std::vector<std::string> names = case_name_phrases(case_name);
  auto names_child = [&](const Candidate& c) {
    for (const auto& n : names) {
      if (has_phrase(c.words, n)) return true;
    }
    return count_in(c.words, kChildWords) > 0;
  };

  // Case line: a summary (or opening) sentence that names a harm.
  const Candidate* case_line = nullptr;
  double best = 0;
  std::size_t considered = 0;
  for (const auto& c : all) {
    if (!(is_summary(c.role) || c.role == SectionRole::kOther) || !usable(c, 5)) continue;
    if (++considered > 60) break;
    if (count_in(c.words, kHarmWords) == 0 || c.sentence.back() == '?') continue;
    double score = 3 + (is_summary(c.role) ? 1 : 0);
    score += count_phrases(c.words, kAgePhrases) > 0 ? 2 : 0;
    score += has_year(c.words) ? 1 : 0;
    score += names_child(c) ? 1 : 0;
    if (procedural(c)) score -= 2;
    if (score > best) {
      best = score;
      case_line = &c;
    }
  }
  if (case_line) {
    out.case_line = make_bullet(review_id, passages[case_line->passage], case_line->span.begin,
                                case_line->span.end, options.max_case_line_bytes);
    out.case_sentences.push_back(case_line->sentence);
  }
  auto is_case_line = [&](const Candidate& c) { return case_line && c.order == case_line->order; };

  // Key issues: the facts of the case from the summary sections.
  const bool has_summary = std::any_of(all.begin(), all.end(), [](const Candidate& c) {
    return is_summary(c.role);
  });
  std::vector<Candidate> facts;
  for (const auto& c : all) {
    if (is_summary(c.role) && out.case_sentences.size() < 80) {
      out.case_sentences.push_back(c.sentence);
    }
    const bool eligible = has_summary ? is_summary(c.role)
                                      : (c.role == SectionRole::kFindings ||
                                         c.role == SectionRole::kOther);
    if (!eligible || is_case_line(c) || !usable(c, 5) || procedural(c) ||
        c.sentence.back() == '?') {
      continue;
    }
    Candidate f = c;
    f.score = std::min<double>(c.passage_themes, 3) + std::min(count_phrases(c.words, kFactCues), 3) +
              (names_child(c) ? 1 : 0);
    facts.push_back(std::move(f));
  }
  std::vector<Candidate> chosen = top(facts, options.key_issues);
  // Ethnicity, where the review states it, ends the key issues.
  auto states_ethnicity = [](const Candidate& c) {
    return count_phrases(c.words, kEthnicityCues) > 0;
  };
  auto ethnicity = std::find_if(chosen.begin(), chosen.end(), states_ethnicity);
  if (ethnicity != chosen.end()) {
    std::rotate(ethnicity, ethnicity + 1, chosen.end());
  } else {
    for (const auto& c : all) {
      if (c.role != SectionRole::kProcedural && usable(c, 4) && states_ethnicity(c)) {
        chosen.push_back(c);
        break;
      }
    }
  }
  out.key_issues = bullets_of(chosen);

  // Learning: learning and findings sections; else statements of learning.
  std::vector<Candidate> learning;
  for (const auto& c : all) {
    const bool section = c.role == SectionRole::kLearning || c.role == SectionRole::kFindings;
    if (!section || !usable(c, 5) || is_case_line(c)) continue;
    // Headline findings first, then what learning sections say; a
    // reflective question is learning only when nothing states it.
    Candidate l = c;
    l.score = (headline_finding(passages[c.passage], c.span) ? 3 : 0) +
              (c.role == SectionRole::kLearning ? 2 : 1) + (c.list_item ? 0.5 : 0) +
              std::min(count_in(c.words, kLearningCues), 2) * 0.5 +
              std::min<double>(c.passage_themes, 2) * 0.5 - (c.sentence.back() == '?' ? 2 : 0) -
              (procedural(c) ? 2 : 0);
    learning.push_back(std::move(l));
  }
  if (learning.empty()) {
    for (const auto& c : all) {
      if (c.role == SectionRole::kProcedural || c.role == SectionRole::kRecommendations ||
          c.role == SectionRole::kGoodPractice || !usable(c, 5) || is_case_line(c) ||
          count_phrases(c.words, kLearningStatements) == 0) {
        continue;
      }
      Candidate l = c;
      l.score = std::min(count_in(c.words, kLearningCues), 3) +
                std::min<double>(c.passage_themes, 2) * 0.5;
      learning.push_back(std::move(l));
    }
  }
  out.learning = bullets_of(top(learning, options.learning));

  // Recommendations.
  std::vector<Candidate> recs;
  for (const auto& c : all) {
    if (c.role != SectionRole::kRecommendations || !usable(c, 4) ||
        has_phrase(c.words, "following recommendations")) {
      continue;
    }
    Candidate r = c;
    r.score = (c.list_item ? 2 : 0) + std::min(count_in(c.words, kRecommendationCues), 3) -
              (procedural(c) ? 2 : 0);
    recs.push_back(std::move(r));
  }
  out.recommendations = bullets_of(top(recs, options.recommendations));
  return out;
}

Extract extract_digest_entry(const std::string& entry_id,
                             const std::vector<query::PassageRecord>& passages,
                             const std::string& summary, const ExtractOptions& options) {
  Extract out;
  // Bullets of a passage: the whole list item, else each sentence.
  auto bullets = [&](const query::PassageRecord& p, std::vector<Bullet>& list) {
    // A bare label ("Learning:", "- Recommendations:") is not a bullet.
    const std::size_t last = p.text.find_last_not_of(" \t\r\n");
    if (last != std::string::npos && p.text[last] == ':' && slug_words(p.text).size() <= 3) return;
    std::vector<analysis::TextSpan> spans;
    if (p.list_item) {
      spans.push_back({0, p.text.size()});
    } else {
      spans = analysis::sentence_spans(p.text, 0, p.text.size());
    }
    for (const auto& span : spans) {
      auto bullet = make_bullet(entry_id, p, span.begin, span.end, options.max_entry_bullet_bytes);
      if (bullet) list.push_back(std::move(*bullet));
    }
  };
  // The Case section: the case line ("Feb 2021 - Hull City Council - Baby
  // B"), the summary, and for a regional row the rest of its account.
  std::vector<const query::PassageRecord*> case_passages;
  for (const auto& p : passages) {
    const std::string section = corpus::slugify(p.section);
    if (section == "case") {
      case_passages.push_back(&p);
      out.case_sentences.push_back(p.text);
      continue;
    }
    std::vector<Bullet>* list = section == "key-issues"        ? &out.key_issues
                                : section == "learning"        ? &out.learning
                                : section == "recommendations" ? &out.recommendations
                                                               : nullptr;
    if (!list) continue;
    if (section == "key-issues") out.case_sentences.push_back(p.text);
    bullets(p, *list);
  }
  const query::PassageRecord* summary_passage = nullptr;
  for (const auto* p : case_passages) {
    const std::size_t at = summary.empty() ? std::string::npos : p->text.find(summary);
    if (at == std::string::npos) continue;
    out.case_line = make_bullet(entry_id, *p, at, at + summary.size(), options.max_entry_bullet_bytes);
    summary_passage = p;
    break;
  }
  if (!out.case_line && !summary.empty()) {
    // Some rows carry the summary in their key issues column: quote it
    // there, and leave it out of the key issues.
    for (const auto& p : passages) {
      const std::size_t at = p.text.find(summary);
      if (at == std::string::npos) continue;
      out.case_line = make_bullet(entry_id, p, at, at + summary.size(), options.max_entry_bullet_bytes);
      if (out.case_line) {
        const Bullet& line = *out.case_line;
        std::erase_if(out.key_issues, [&](const Bullet& b) {
          return b.passage == line.passage && b.begin < line.end && line.begin < b.end;
        });
      }
      break;
    }
  }
  if (!out.case_line && case_passages.size() > 1) {
    // No summary to find: the passage after the case line.
    summary_passage = case_passages[1];
    out.case_line = make_bullet(entry_id, *summary_passage, 0, summary_passage->text.size(),
                                options.max_entry_bullet_bytes);
  }
  // A row without key issues (a regional one) has its account under Case:
  // what follows the case line and the summary are its key issues.
  if (out.key_issues.empty()) {
    for (std::size_t i = 1; i < case_passages.size(); ++i) {
      const query::PassageRecord& p = *case_passages[i];
      if (&p != summary_passage) {
        bullets(p, out.key_issues);
        continue;
      }
      // The summary's passage may go on after the summary.
      std::vector<Bullet> rest;
      bullets(p, rest);
      for (auto& b : rest) {
        if (out.case_line && b.end <= out.case_line->end) continue;
        out.key_issues.push_back(std::move(b));
      }
    }
  }
  return out;
}

}  // namespace caselens::digest
