// The PDF reader: a PDF's text layer, through poppler-cpp, as raw text with
// paragraph structure.
//
// Layout is rebuilt from word boxes, page by page:
// - words are grouped into rows by vertical overlap; a page whose rows leave
//   a common gutter (a vertical strip no word crosses, with text on both
//   sides filling a left column) is read column by column, full-width rows
//   (titles, headings between column runs) in their place;
// - running headers and footers (lines at the top or bottom of the page that
//   repeat on two fifths of the pages or more, digits ignored, so "Page 3 of
//   12" repeats too) and lone page numbers there are dropped;
// - superscript footnote markers glued to a word are dropped; footnotes (a
//   run of smaller lines at the foot of a page starting with a number) move
//   to the end of the text as "[1] ..." paragraphs, so a paragraph that
//   goes on over the page break is not cut by them;
// - words hyphenated across a line break are rejoined: without the hyphen
//   ("safe-" "guarding"), or with it when the hyphenated form occurs in the
//   document or the first part is a prefix like "multi" or "self";
// - rows with wide gaps (tables) become one paragraph per row with the cells
//   joined by " | "; a vertical gap wider than the line spacing, a change of
//   font size, a short line ending a sentence or a change of column starts
//   a new paragraph (blank line); other lines stay one per line for the
//   normaliser to join.
// Document information: "properties_title" (the title when the text has
// none, see metadata.h), "author", and "date" (YYYY-MM-DD from
// CreationDate) go into RawText::format_meta.
//
// Errors (kInput, naming the file): "encrypted PDF; cannot read its text"
// for a file that needs a password; "no text layer; OCR it first" for
// scanned pages with no text; "not a readable PDF (...)" when poppler cannot
// open it, with poppler's first complaint in the brackets ("Couldn't find
// trailer dictionary" for a truncated file); "empty file".  Poppler's own
// messages never reach stderr.  A damaged cross-reference table is rebuilt
// by poppler and the file reads as usual.
#ifndef CASELENS_CORPUS_PDF_READER_H_
#define CASELENS_CORPUS_PDF_READER_H_

#include <filesystem>
#include <string_view>

#include "corpus/reader.h"

namespace caselens::corpus {

class PdfReader : public Reader {
 public:
  Result<RawText> read(std::string_view bytes,
                       const std::filesystem::path& path) const override;
};

}  // namespace caselens::corpus

#endif  // CASELENS_CORPUS_PDF_READER_H_
