// Normalisation: a reader's raw UTF-8 into the canonical text that offsets,
// search and display all refer to.
//
// Characters: NFC; typographic quotes become ' and "; en/em dashes and minus
// become "-"; ligatures are expanded; soft hyphens and zero-width characters
// are removed; non-breaking and other spaces become a space; bullet glyphs
// become "- " list items.
//
// Layout: runs of spaces and tabs collapse to one space; lines are trimmed;
// markdown heading markers ("## ") and bold markers ("**") are removed; page
// furniture ("Page 3 of 12", lone page numbers, short running header/footer
// lines repeated three or more times) is dropped; a table of contents
// becomes one "Contents: ...; ..." line; words hyphenated across a line
// break are rejoined; hard-wrapped lines are joined with a space unless the
// next line is a list item or heading; a paragraph broken by a page break in
// mid-sentence is rejoined.
//
// Output: paragraphs separated by exactly one blank line ("\n\n"), one unit
// (running text, list item, numbered paragraph or heading) per line, no
// leading or trailing blank lines.  Empty when the input has no text.
#ifndef CASELENS_CORPUS_NORMALISE_H_
#define CASELENS_CORPUS_NORMALISE_H_

#include <string>
#include <string_view>

namespace caselens::corpus {

// `raw` must be valid UTF-8 (as produced by decode_text()).
std::string normalise_text(std::string_view raw);

}  // namespace caselens::corpus

#endif  // CASELENS_CORPUS_NORMALISE_H_
