#include "analysis/tagger.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <span>
#include <utility>

#include "analysis/match.h"

namespace caselens::analysis {
namespace {

using internal::Occurrence;
using internal::Token;
using Rules = Codebook::Compiled::ThemeRules;

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// A tokenised document: words, the passage of each word, sentence spans.
struct Words {
  std::vector<Token> tokens;
  std::vector<std::uint32_t> passage;  // parallel to tokens
  std::vector<Span> sentences;         // indexed by Token::sentence
};

Words read_words(const corpus::Document& doc, const Codebook::Compiled& cb) {
  Words words;
  words.tokens.reserve(doc.text.size() / 5);
  for (std::size_t p = 0; p < doc.passages.size(); ++p) {
    const corpus::Passage& passage = doc.passages[p];
    internal::tokenize(doc.text, passage.begin, passage.end,
                       cb.clause_punctuation, words.tokens);
    words.passage.resize(words.tokens.size(), static_cast<std::uint32_t>(p));
  }
  internal::assign_ids(cb, words.tokens);
  // A clause word ("but") starts a new clause: renumber the clauses.
  std::uint32_t clause = 0;
  std::uint32_t previous = 0;
  for (std::size_t i = 0; i < words.tokens.size(); ++i) {
    Token& token = words.tokens[i];
    const std::uint32_t original = token.clause;
    if (i > 0 && (original != previous ||
                  cb.clause_word_ids.count(token.word_id) > 0)) {
      ++clause;
    }
    previous = original;
    token.clause = clause;
  }
  if (!words.tokens.empty()) {
    words.sentences.resize(words.tokens.back().sentence + 1);
    for (std::size_t i = 0; i < words.tokens.size(); ++i) {
      const Token& token = words.tokens[i];
      Span& span = words.sentences[token.sentence];
      if (i == 0 || words.tokens[i - 1].sentence != token.sentence) {
        span.begin = token.begin;
      }
      span.end = internal::extend_over_closing(doc.text, token.end);
    }
  }
  return words;
}

struct Candidate {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  double weight = 0;
  const std::string* rule = nullptr;
  // A near hit's terms, each of which a cue may negate on its own ("the
  // parents denied drug use"); empty for a phrase hit.
  std::vector<Occurrence> terms;
  bool weak = false;  // from a "weak" phrase
};

class ThemeMatcher {
 public:
  ThemeMatcher(const Codebook::Compiled& cb, const CodebookSpec& spec,
               const Words& words,
               const std::vector<std::vector<Occurrence>>& occurrences)
      : cb_(cb),
        weak_repeat_(spec.weak_repeat_weight),
        before_scope_(static_cast<std::uint32_t>(spec.negation.before_scope)),
        after_scope_(static_cast<std::uint32_t>(spec.negation.after_scope)),
        words_(words),
        tokens_(words.tokens),
        occurrences_(occurrences),
        before_at_end_(tokens_.size()),
        after_at_start_(tokens_.size()),
        hypothetical_at_end_(tokens_.size()) {
    mark(cb.negation_before, before_at_end_, /*at_end=*/true);
    mark(cb.negation_after, after_at_start_, /*at_end=*/false);
    mark(cb.hypothetical, hypothetical_at_end_, /*at_end=*/true);
  }

  void tag(const std::string& theme_id, const Rules& rules,
           std::vector<ThemeHit>& out) {
    std::vector<Candidate> candidates;
    for (const auto& phrase : rules.phrases) {
      for (const Occurrence& occ : occurrences_[phrase.atom]) {
        Candidate c{occ.first, occ.last, phrase.weight, &phrase.label, {}};
        c.weak = phrase.weak;
        candidates.push_back(std::move(c));
      }
    }
    for (const auto& near : rules.near) add_near(near, candidates);
    std::erase_if(candidates,
                  [&](const Candidate& c) { return vetoed(rules, c); });
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) {
                if (a.weight != b.weight) return a.weight > b.weight;
                if (a.last - a.first != b.last - b.first) {
                  return a.last - a.first > b.last - b.first;
                }
                return a.first < b.first;
              });
    // Spans taken so far, first word -> last word.  They never overlap, so
    // the one starting last at or before c.last is the only one that can
    // overlap c (a scan of all of them is quadratic in a huge document).
    std::map<std::uint32_t, std::uint32_t> taken;
    std::vector<const Candidate*> chosen;
    for (const Candidate& c : candidates) {
      auto next = taken.upper_bound(c.last);
      if (next != taken.begin() && std::prev(next)->second >= c.first) continue;
      taken.emplace(c.first, c.last);
      chosen.push_back(&c);
    }
    // In text order, so that "earlier in the document" decides which match
    // of a weak phrase is the first and which are repeats.
    std::sort(chosen.begin(), chosen.end(),
              [](const Candidate* a, const Candidate* b) {
                return a->first < b->first;
              });
    std::set<const std::string*> weak_counted;
    for (const Candidate* c : chosen) {
      ThemeHit hit = make_hit(theme_id, *c);
      if (c->weak && weak_repeat_ >= 0 && !hit.negated &&
          !weak_counted.insert(c->rule).second) {
        hit.repeat = true;
        hit.score = weak_repeat_;
      }
      out.push_back(std::move(hit));
    }
  }

 private:
  // Records each cue occurrence at its last (or first) word; of two cues
  // sharing that word the longer wins.
  void mark(const std::vector<int>& atoms, std::vector<const Occurrence*>& at,
            bool at_end) {
    for (int atom : atoms) {
      for (const Occurrence& occ : occurrences_[atom]) {
        const Occurrence*& slot = at[at_end ? occ.last : occ.first];
        if (!slot || occ.last - occ.first > slot->last - slot->first) {
          slot = &occ;
        }
      }
    }
  }

  // The occurrences (of one atom, in token order) in sentence `sentence`:
  // found by binary search, since scanning all of them for every candidate
  // is quadratic in a long document full of theme words (3 MB of one line
  // took 18 s to tag).
  std::span<const Occurrence> in_sentence(
      const std::vector<Occurrence>& occurrences,
      std::uint32_t sentence) const {
    const auto begin = std::partition_point(
        occurrences.begin(), occurrences.end(), [&](const Occurrence& o) {
          return tokens_[o.first].sentence < sentence;
        });
    const auto end = std::partition_point(
        begin, occurrences.end(), [&](const Occurrence& o) {
          return tokens_[o.first].sentence == sentence;
        });
    return {begin, end};
  }

  static std::uint32_t distance(const Occurrence& a, const Occurrence& b) {
    if (b.first > a.last) return b.first - a.last;
    if (a.first > b.last) return a.first - b.last;
    return 0;
  }

  void add_near(const Codebook::Compiled::NearRule& rule,
                std::vector<Candidate>& out) const {
    for (int anchor_atom : rule.terms.front()) {
      for (const Occurrence& anchor : occurrences_[anchor_atom]) {
        Candidate candidate{anchor.first, anchor.last, rule.weight, &rule.label,
                            {anchor}};
        for (std::size_t t = 1; t < rule.terms.size(); ++t) {
          const Occurrence* best = closest(rule, rule.terms[t], anchor);
          if (!best) break;
          candidate.first = std::min(candidate.first, best->first);
          candidate.last = std::max(candidate.last, best->last);
          candidate.terms.push_back(*best);
        }
        if (candidate.terms.size() == rule.terms.size()) {
          out.push_back(std::move(candidate));
        }
      }
    }
  }

  const Occurrence* closest(const Codebook::Compiled::NearRule& rule,
                            const std::vector<int>& atoms,
                            const Occurrence& anchor) const {
    const Occurrence* best = nullptr;
    std::uint32_t best_distance = UINT32_MAX;
    for (int atom : atoms) {
      for (const Occurrence& occ :
           in_sentence(occurrences_[atom], tokens_[anchor.first].sentence)) {
        if (occ.first <= anchor.last && anchor.first <= occ.last) continue;
        const std::uint32_t d = distance(anchor, occ);
        const bool close =
            rule.within == 0 || d <= static_cast<std::uint32_t>(rule.within);
        if (close && d < best_distance) {
          best = &occ;
          best_distance = d;
        }
      }
    }
    return best;
  }

  bool vetoed(const Rules& rules, const Candidate& c) const {
    const Occurrence span{0, c.first, c.last};
    // A candidate lies in one sentence, and no occurrence crosses a
    // sentence break, so only the candidate's sentence can veto it.
    const std::uint32_t sentence = tokens_[c.first].sentence;
    for (int atom : rules.exclude) {
      for (const Occurrence& occ : in_sentence(occurrences_[atom], sentence)) {
        if (occ.first <= c.last && c.first <= occ.last) return true;
      }
    }
    for (int atom : rules.unless_near) {
      for (const Occurrence& occ : in_sentence(occurrences_[atom], sentence)) {
        if (distance(span, occ) <=
            static_cast<std::uint32_t>(rules.unless_within)) {
          return true;
        }
      }
    }
    return !rules.names_count && in_name(c);
  }

  // "Domestic Abuse Training": the match starts capitalised and one of the
  // next few capitalised words is a name word.
  bool in_name(const Candidate& c) const {
    if (!tokens_[c.first].capitalised) return false;
    for (std::size_t i = c.last + 1;
         i < tokens_.size() && i <= c.last + 3 &&
         tokens_[i].sentence == tokens_[c.last].sentence &&
         tokens_[i].capitalised;
         ++i) {
      if (cb_.name_word_ids.count(tokens_[i].word_id) > 0) return true;
    }
    return false;
  }

  // The cue that negates the candidate, or -1.  A cue may overlap the
  // match ("no known concerns") but must start before it (before cues) or
  // end after it (after cues): a cue inside the matched phrase ("no
  // referral") is part of what the rule looks for.
  int negation(const Candidate& c) const {
    int cue = negation(Occurrence{0, c.first, c.last});
    for (std::size_t t = 0; cue < 0 && t < c.terms.size(); ++t) {
      cue = negation(c.terms[t]);
    }
    return cue;
  }

  int negation(const Occurrence& c) const {
    const std::uint32_t clause = tokens_[c.first].clause;
    for (std::uint32_t k = c.last + 1; k-- > 0;) {
      if (k < c.first && tokens_[k].clause != clause) break;
      const Occurrence* hypothetical = hypothetical_at_end_[k];
      if (hypothetical && hypothetical->first < c.first) {
        return hypothetical->atom;
      }
      const Occurrence* before = before_at_end_[k];
      if (before && before->first < c.first &&
          (k >= c.first || c.first - k <= before_scope_)) {
        return before->atom;
      }
    }
    const std::uint32_t end_clause = tokens_[c.last].clause;
    for (std::size_t k = c.first + 1;
         k < tokens_.size() && k <= c.last + after_scope_; ++k) {
      if (k > c.last && tokens_[k].clause != end_clause) break;
      const Occurrence* after = after_at_start_[k];
      if (after && after->last > c.last) return after->atom;
    }
    return -1;
  }

  ThemeHit make_hit(const std::string& theme_id, const Candidate& c) const {
    ThemeHit hit;
    hit.theme = theme_id;
    hit.passage = words_.passage[c.first];
    hit.begin = words_.sentences[tokens_[c.first].sentence].begin;
    hit.end = words_.sentences[tokens_[c.last].sentence].end;
    hit.match_begin = tokens_[c.first].begin;
    hit.match_end = tokens_[c.last].end;
    hit.rule = *c.rule;
    const int cue = negation(c);
    if (cue >= 0) {
      hit.negated = true;
      hit.negated_by = cb_.atoms[static_cast<std::size_t>(cue)].text;
    } else {
      hit.score = c.weight;
    }
    return hit;
  }

  const Codebook::Compiled& cb_;
  const double weak_repeat_;          // < 0: repeats score the weak weight
  const std::uint32_t before_scope_;  // words
  const std::uint32_t after_scope_;
  const Words& words_;
  const std::vector<Token>& tokens_;
  const std::vector<std::vector<Occurrence>>& occurrences_;
  std::vector<const Occurrence*> before_at_end_;
  std::vector<const Occurrence*> after_at_start_;
  std::vector<const Occurrence*> hypothetical_at_end_;
};

bool by_position(const ThemeHit& a, const ThemeHit& b) {
  return a.match_begin < b.match_begin;
}

// Scores one theme from its hits, which are in text order.
ThemeScore score_theme(const std::string& theme_id,
                       std::vector<ThemeHit>::const_iterator begin,
                       std::vector<ThemeHit>::const_iterator end,
                       double threshold) {
  ThemeScore score;
  score.theme = theme_id;
  std::size_t last_passage = SIZE_MAX;
  for (auto hit = begin; hit != end; ++hit) {
    if (hit->negated) continue;
    score.score += hit->score;
    if (hit->passage != last_passage) {
      ++score.passages;
      last_passage = hit->passage;
    }
    if (!score.evidence.empty() && score.evidence.back().begin == hit->begin) {
      if (hit->score > score.evidence.back().score) {
        score.evidence.back() = *hit;
      }
    } else {
      score.evidence.push_back(*hit);
    }
  }
  // The strongest evidence first (phrases before weak words), text order
  // among equals.
  std::stable_sort(score.evidence.begin(), score.evidence.end(),
                   [](const ThemeHit& a, const ThemeHit& b) { return a.score > b.score; });
  score.present = score.score >= threshold;
  return score;
}

}  // namespace

DocumentThemes tag_document(const corpus::Document& doc,
                            const Codebook& codebook) {
  const Codebook::Compiled& cb = codebook.compiled();
  const CodebookSpec& spec = codebook.spec();
  const Words words = read_words(doc, cb);
  const auto occurrences = internal::find_atoms(cb, words.tokens);
  ThemeMatcher matcher(cb, spec, words, occurrences);

  DocumentThemes result;
  result.words = words.tokens.size();
  result.threshold =
      std::max(spec.min_score, spec.per_1000_words *
                                   static_cast<double>(result.words) / 1000.0);
  for (std::size_t t = 0; t < spec.themes.size(); ++t) {
    const std::size_t first = result.hits.size();
    matcher.tag(spec.themes[t].id, cb.themes[t], result.hits);
    const auto begin = result.hits.begin() + static_cast<std::ptrdiff_t>(first);
    std::sort(begin, result.hits.end(), by_position);
    result.themes.push_back(score_theme(spec.themes[t].id, begin,
                                        result.hits.end(), result.threshold));
  }
  std::stable_sort(result.hits.begin(), result.hits.end(), by_position);
  return result;
}

DocumentThemes tag_text(std::string_view text, const Codebook& codebook) {
  corpus::Document doc;
  doc.text = std::string(text);
  doc.sections.push_back(corpus::Section{"", 0, text.size(), 0, 1});
  doc.passages.push_back(corpus::Passage{0, 0, text.size(), false});
  return tag_document(doc, codebook);
}

std::vector<std::string> present_themes(const DocumentThemes& tags) {
  std::vector<std::string> ids;
  for (const ThemeScore& score : tags.themes) {
    if (score.present) ids.push_back(score.theme);
  }
  return ids;
}

}  // namespace caselens::analysis
