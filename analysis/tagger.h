// The theme tagger: a corpus::Document and a Codebook in, theme hits with
// evidence spans out.  Pure functions over plain data; no index.
//
// How a document is tagged:
//  1. Every passage is split into words and sentences (match.h); the codebook
//     phrases are found with hash lookups on word stems.
//  2. A theme's rules turn phrase matches into candidate hits: "phrases"
//     count the theme weight (default 1.0), "weak" phrases the weak weight
//     (default 0.5), "near" rules fire when all their terms occur within N
//     words of each other in one sentence (or anywhere in it).
//  3. A candidate is dropped when it overlaps one of the theme's "exclude"
//     phrases, has an "unless_near" word close by, or (unless the theme says
//     "names_count") is part of a capitalised name such as "Domestic Abuse
//     Training".  Of overlapping candidates of one theme the heaviest stays.
//  4. A hit is negated (kept, flagged, scoring 0) when a negation cue of the
//     codebook governs it: a "before" cue ("no evidence of") at most
//     before_scope words earlier, an "after" cue ("was ruled out") at most
//     after_scope words later, or a "hypothetical" cue ("if there had been")
//     earlier in the clause; a cue's scope never crosses a clause boundary
//     (clause punctuation, a clause word such as "but", a sentence end).
//  5. When the codebook sets weights.weak_repeat, a weak phrase that already
//     counted earlier in the document (same rule, not negated) scores that
//     weight instead: the same hint repeated is still one hint.
//
// Present/absent rule: a theme is present in a document when the sum of the
// scores of its non-negated hits reaches the threshold
//     max(present.min_score, present.per_1000_words * words / 1000)
// where words counts the words of all passages.  The shipped codebook has
// min_score 1.0 (one phrase hit, one near hit, or two weak hits) and
// per_1000_words 0.4, so up to 2500 words one hit is enough and a
// 10000-word review needs a score of 4.
#ifndef CASELENS_ANALYSIS_TAGGER_H_
#define CASELENS_ANALYSIS_TAGGER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/codebook.h"
#include "corpus/document.h"

namespace caselens::analysis {

struct ThemeHit {
  std::string theme;         // theme id
  std::size_t passage = 0;   // index into Document::passages
  // The evidence: the sentence (or sentences) holding the match, as byte
  // offsets into Document::text, half-open.
  std::size_t begin = 0;
  std::size_t end = 0;
  // The matched words themselves, same convention.
  std::size_t match_begin = 0;
  std::size_t match_end = 0;
  double score = 0;   // the rule's weight; 0 when negated
  std::string rule;   // which rule fired, e.g. "phrase: coercive control"
  // A weak phrase that already counted earlier in the document; it scores
  // the codebook's weak_repeat weight (when the codebook sets one).
  bool repeat = false;
  bool negated = false;
  std::string negated_by;  // the cue, e.g. "no evidence of"; "" if not negated
};

struct ThemeScore {
  std::string theme;
  double score = 0;          // sum of non-negated hit scores
  std::size_t passages = 0;  // passages with at least one non-negated hit
  bool present = false;      // score reaches the threshold (file comment)
  // One hit per evidence sentence (the heaviest), strongest first, then in
  // text order.
  std::vector<ThemeHit> evidence;
};

struct DocumentThemes {
  std::size_t words = 0;           // words in the passages
  double threshold = 0;            // score a theme needs to be present
  std::vector<ThemeHit> hits;      // every hit, negated ones too, text order
  std::vector<ThemeScore> themes;  // one per codebook theme, codebook order
};

// Tags every passage of `doc` (headings are not passages and are not
// tagged).  Deterministic; safe to call from several threads at once.
DocumentThemes tag_document(const corpus::Document& doc,
                            const Codebook& codebook);

// Tags a bare text as a single passage (for sentences, snippets, tests).
DocumentThemes tag_text(std::string_view text, const Codebook& codebook);

// The ids of the themes judged present, in codebook order.
std::vector<std::string> present_themes(const DocumentThemes& tags);

}  // namespace caselens::analysis

#endif  // CASELENS_ANALYSIS_TAGGER_H_
