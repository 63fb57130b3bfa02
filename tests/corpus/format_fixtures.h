// Test fixtures for the PDF, DOCX and ODT readers, generated at test time
// from a small markup: PDFs through cairo's PDF surface, DOCX and ODT files
// through libzip.  Nothing is downloaded and no binary fixture is committed.
//
// Markup: blocks separated by blank lines.
//   "# Heading"          a heading (bigger, bold; DOCX style Heading1)
//   "- item"             a list item (one per line; PDF draws a bullet)
//   "| a | b | c |"      a table row (one per line)
//   "[fn] 1 text"        a footnote, drawn at the foot of the current page
//   "[page]"             a page break
//   "[2col]" / "[1col]"  body text in two columns / one column from here (a
//                        run that ends on its first page is balanced)
//   anything else        a paragraph; its lines are joined with spaces.
// Inside text: "safe¬guarding" forces a PDF line break after "safe-" (the
// word is "safeguarding"); "multi-¬agency" breaks after the real hyphen (the
// word is "multi-agency"); "word^1" puts a superscript footnote marker after
// the word (PDF only; the marker is not part of the text).
#ifndef CASELENS_TESTS_CORPUS_FORMAT_FIXTURES_H_
#define CASELENS_TESTS_CORPUS_FORMAT_FIXTURES_H_

#include <string>
#include <string_view>
#include <vector>

namespace caselens::testing {

struct FixtureBlock {
  enum class Kind {
    kParagraph,
    kHeading,
    kListItem,
    kTableRow,
    kFootnote,
    kPageBreak,
    kTwoColumns,
    kOneColumn
  };
  Kind kind = Kind::kParagraph;
  std::string text;                // markup text (paragraph, heading, item)
  std::vector<std::string> cells;  // table row cells
  // A paragraph that continues the paragraph before it on a new line, with
  // no paragraph spacing (DOCX: a line break in the same w:p).
  bool joined = false;
};

struct FixtureDoc {
  std::vector<FixtureBlock> blocks;
  // Document properties ("" leaves one out).  created: "YYYY-MM-DD".
  std::string title;
  std::string author;
  std::string created;
  // PDF only: a running header at the top of every page (even pages use
  // running_header_even when it is set), and a page label at the foot of
  // every page: "{n}" and "{m}" become the page number and count.
  std::string running_header;
  std::string running_header_even;
  bool page_numbers = true;
  std::string page_label = "Page {n} of {m}";
  // PDF only: body font size in points.
  double font_size = 10.5;
};

FixtureDoc parse_fixture(std::string_view markup);

// The text a perfect reader recovers, in reading order: headings,
// paragraphs, list items and table cells, then the footnotes; markers and
// forced breaks resolved; running headers and page numbers left out.
std::string fixture_text(const FixtureDoc& doc);

// Builds a FixtureDoc from normalised caselens text (paragraphs separated by
// blank lines, one unit per line): lines in `headings` become headings,
// "- " lines list items, other lines paragraphs; the second and later units
// of a paragraph are joined to the one before.
FixtureDoc fixture_from_text(std::string_view normalised,
                             const std::vector<std::string>& headings);

// The whole file, as bytes.
std::string make_pdf(const FixtureDoc& doc);
std::string make_docx(const FixtureDoc& doc);
std::string make_odt(const FixtureDoc& doc);

// A one-page PDF whose lines of text all run turned by quarter_turns * 90
// degrees clockwise (a landscape table printed sideways), plus a stray
// upright word at the foot of the page.
std::string make_turned_pdf(const std::vector<std::string>& lines,
                            int quarter_turns);

// A one-page PDF with a drawn rectangle and no text (a scan's shape).
std::string make_image_only_pdf();

// A hand-written PDF whose /Encrypt dictionary needs a user password that
// nobody knows: poppler opens it locked.
std::string make_locked_pdf();

// A zip archive holding the given (name, content) entries.
std::string make_zip(
    const std::vector<std::pair<std::string, std::string>>& entries);

// Words of `text` for comparisons: lower-cased, split on anything that is
// not a letter, digit or inner hyphen/apostrophe.
std::vector<std::string> comparable_words(std::string_view text);

// Word-level similarity of two texts: 2 * LCS / (|a| + |b|) over
// comparable_words(); 1.0 for identical word sequences.
double word_similarity(std::string_view a, std::string_view b);

}  // namespace caselens::testing

#endif  // CASELENS_TESTS_CORPUS_FORMAT_FIXTURES_H_
