// Reading a research digest: a bulletin such as a "Lessons Learned Research
// Digest" (../shared/spec/digest.md) split into one Document per reviewed
// case, so that its summaries of reviews that are not themselves in the
// corpus become searchable entries.
//
// The input is a reader's raw text, before normalisation, because the
// table structure lives in it: cells separated by tabs (text converted from
// PDF) or " | " (the PDF and DOCX readers' tables).  Recognition needs both
// the title (the bulletin's metadata type is research-digest) and a case
// table's header row ("CASE | KEY ISSUES | LEARNING & RECOMMENDATIONS",
// "CASE | REPORT", "CASE | LEARNING", "THEME | LEARNING").
//
// Structure read:
// - Sections from their headings ("Regional Learning", "National Learning -
//   Children", "National Learning - Adults", "National Reviews" / "thematic")
//   and from the header rows (a "CASE | LEARNING" table before any other is
//   the local one, "THEME | LEARNING" the thematic/national one).
// - Categories from the all-capitals table headings ("PHYSICAL AND
//   EMOTIONAL ABUSE", "NEGLECT", ..., "ADULT - ..."), in the canonical order
//   of digest_categories().
// - A case row starts where the case column opens with a date ("Feb 2021 -
//   Hull City Council - Baby B ...", "March 2021 | Practice Review;", a
//   bare year before a partnership); a thematic row where its theme starts.
//   Nothing else starts an entry, so none is invented.
//
// Defects handled, generally:
// - HTML list fragments (<ul><li>, <u>, <b>, &amp;) are stripped; each <li>
//   and bullet glyph is one item; items glued together ("(PDF)Father") are
//   cut apart; "Read full overview (PDF)"-like links become link_text.
// - Split rows: a cell continuing in the next line(s) is joined to the item
//   it continues (an item that stops mid-sentence and one that carries on in
//   lower case); a row's first learning or key-issues cell that carries on
//   the previous row's open list (up to the next "Learning:"-like label, or
//   a "Recommendations" block the previous row lacks) goes back to it.
// - Interleaved columns: a run of lines whose only cell sits in a column
//   whose text had ended while another column's text is left open mid-
//   sentence (a line that lost its leading tab) goes to the open column.
// - Repeated rows: consecutive case rows with the same date and case name
//   and a partnership spelled within two edits ("Modway"/"Medway") are one
//   entry; a fragment that is a (near-)copy of the start of the next one in
//   its column is dropped, a repeated run of words where two fragments meet
//   is kept once, and an item repeated in a section is kept once.
// - Lost category headings: entries of national tables take their table's
//   heading; where headings were lost (a header row with no heading, or
//   categories missing between two headings), categories are assigned in
//   canonical order, one table after another, by a best path that scores
//   each entry's content (keyword evidence, the case line counted three
//   times) and charges a change of category inside a table (a heading lost
//   together with its header row) a penalty, so only clear evidence moves
//   an entry past its position.  Regional, local and thematic rows have no
//   table heading: their category is inferred from content by the same
//   scores (a safeguarding adults review, or an adults board, is "adults";
//   no evidence at all gives the first category).  extra["category_basis"]
//   says which rule decided: "heading", "position and content", "content".
#ifndef CASELENS_CORPUS_DIGEST_H_
#define CASELENS_CORPUS_DIGEST_H_

#include <string_view>
#include <vector>

#include "corpus/document.h"

namespace caselens::corpus {

// Metadata::type of a digest entry (listed in review_types()).
inline constexpr std::string_view kDigestEntryType = "digest-entry";

// Values of an entry's extra["digest_section"], in bulletin order:
// local, regional, thematic-national, national-children, national-adults.
const std::vector<std::string_view>& digest_sections();

// Values of an entry's extra["category"], in the digest's table order:
// physical-emotional-abuse, neglect, child-deaths, sexual-abuse,
// behavioural-mental-health, homicide, exploitation, adults.
const std::vector<std::string_view>& digest_categories();

// True when `raw` is a research digest by its title (`meta`, extracted from
// its text, has type research-digest) and its structure (a case or theme
// table header row).
bool is_research_digest(std::string_view raw, const Metadata& meta);

// The bulletin's entries, one per reviewed case, in digest order.  Each is
// a Document of meta.type kDigestEntryType with path and format of
// `bulletin` and:
// - meta.year / meta.month: the case's publication month as stated (month 0
//   when only a year is given, year 0 when no date is);
// - meta.partnership, meta.case_name (quotes removed: "'Daniel'" ->
//   "Daniel"; "" when the row names no case), meta.title ("Baby B (Hull City
//   Council)", or "Birmingham City Council, Mar 2021" without a case name);
// - meta.child_age where the entry states an age under 18; meta.nation from
//   the entry's own text, else the bulletin's;
// - meta.extra: "bulletin" (the bulletin's review id as the indexer derives
//   it from the file name; the indexer sets the final one), "entry" (NN, two
//   digits, 1-based), "digest_section", "category", "category_basis",
//   "summary" (the one-line account after the case line; for a regional or
//   thematic row the first sentence of its account), "link_text" ("Read
//   full overview (PDF)") and "review_type" ("Practice Review") where
//   stated;
// - text: normalised, sections headed exactly "Case", "Key issues",
//   "Learning", "Recommendations" (those present): the case line and
//   summary (and a regional row's account) under Case, each bullet a
//   list-item passage "- ...".
// Never fails: a digest whose rows cannot be read gives fewer entries.
std::vector<Document> split_digest(std::string_view raw,
                                   const Document& bulletin);

}  // namespace caselens::corpus

#endif  // CASELENS_CORPUS_DIGEST_H_
