// Segmentation: normalised text into sections (by heading) and passages.
//
// Input is the output of normalise_text(): paragraphs separated by a blank
// line, and within a paragraph one unit per line (a list item, a numbered
// paragraph, a heading or running text).  Every non-empty line that is not
// a heading becomes one passage (several when longer than kMaxPassageBytes,
// below), so passages are never empty, and every passage belongs to exactly
// one section.  When text precedes the first
// heading, section 0 is the preamble with heading "".
//
// A line is a heading when it is short, has no closing full stop (a long
// line ending in a full stop never is), and is one of: a numbered heading
// ("6. Analysis", "6.1 Domestic violence") whose number moves forward from
// the previous numbered heading and which is not part of a numbered list; a
// known section name ("Executive Summary", "Learning:", "Recommendations");
// an all-capitals line; or a short stand-alone line followed by a paragraph,
// list or table (e.g. "Circumstances Resulting in the Review").  A table row
// (cells joined by " | ") is never such a stand-alone heading.
#ifndef CASELENS_CORPUS_SEGMENT_H_
#define CASELENS_CORPUS_SEGMENT_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "corpus/document.h"

namespace caselens::corpus {

// A bullet ("- text") or numbered/lettered list item ("1. text", "a) text").
bool is_list_item(std::string_view line);

// True when the line on its own has the shape of a numbered, named or
// all-capitals heading.  Context rules (numbering order, what follows) are
// applied by segment_text(); the normaliser uses this to keep such lines
// from being joined into the paragraph around them.
bool looks_like_heading(std::string_view line);

struct Segmentation {
  std::vector<Section> sections;
  std::vector<Passage> passages;
};

// A line longer than this becomes several passages, cut after a sentence
// end where there is one in the second half of each piece, else at a space.
// (Real reviews' longest lines are under 8 KB; a file or text layer without
// line breaks would otherwise be one passage, which tags in quadratic time.)
inline constexpr std::size_t kMaxPassageBytes = 20000;

// Offsets in the result are byte offsets into `text`.
Segmentation segment_text(std::string_view text);

}  // namespace caselens::corpus

#endif  // CASELENS_CORPUS_SEGMENT_H_
