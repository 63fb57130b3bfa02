// Metadata: what a review is (type, publisher, nation, date, case) read from
// its normalised text, and the sidecar that overrides it.
//
// Extraction is heuristic and never fails; a field it cannot find stays
// empty (or 0).  Rules, in short:
// - A leading block of "Label: value" lines (a coroner's report header) is
//   kept in Metadata::extra under snake_case keys; "Coroner" marks a
//   prevention-of-future-deaths report, "Date" gives year and month, "Area"
//   the partnership, "URL" the deceased's name for the title.
// - type: review-type phrases counted through the text; a short opening
//   line that starts with one (the title) outweighs any number of mentions.
// - partnership: the first "<Place> Safeguarding Children Partnership /
//   Board / Safeguarding Adults Board / ... / Council" named, preferring the
//   opening lines; else a known review series ("CYSUR").
// - nation: from the type (Welsh child practice reviews), the series, a
//   coroner's area, else weighted evidence (e.g. "Working Together",
//   "Safeguarding Children Partnership" for England); "" without evidence.
// - year/month: a short dated line near the top ("Version 1 October 2019",
//   "Issue 4 - October 2021", "CYSUR 1 2021"), never a date of birth or
//   death; failing that the year of the latest "Month YYYY" date in the text
//   (month left 0, extra["date_basis"] = "latest date in text").
// - case_name: the most prominent "Child X" ("Child A"), with the child's
//   name when the text gives it ("the death of Steven" -> "Child E (Steven)").
// - child_age: the first "aged 10 months" / "a 4 month old" / "age 8"
//   (under 18 years), as "10 months", "4 months", "8".
#ifndef CASELENS_CORPUS_METADATA_H_
#define CASELENS_CORPUS_METADATA_H_

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/document.h"
#include "corpus/error.h"

namespace caselens::corpus {

struct ReviewType {
  std::string_view slug;  // "serious-case-review"
  std::string_view name;  // "Serious case review"
};

// Every review type slug that Metadata::type may hold, in a fixed order.
const std::vector<ReviewType>& review_types();

// `text` is normalised (normalise_text()); `format_meta` is the reader's:
// "title" (HTML <title>) becomes the title; "properties_title" (a PDF's,
// DOCX's or ODT's document properties) is the title only when the text
// gives none and it is not a placeholder ("Microsoft Word - x.docx",
// "Untitled", a file name);
// "date" (YYYY-MM-DD, a PDF's or DOCX's creation date) gives year and month
// when no dated line opens the text (extra["date_basis"] = "document
// properties"), before the latest date in the text is tried; "author" is
// kept in extra["author"].
Metadata extract_metadata(
    std::string_view text,
    const std::map<std::string, std::string>& format_meta = {});

// Applies a sidecar's JSON object to `meta`: known fields (title, type,
// partnership, nation, year, month, date "YYYY[-MM[-DD]]", case_name,
// child_age) replace the extracted ones, any other key goes into
// meta->extra; each is recorded in meta->overridden.  Errors (kInput) name
// `sidecar` and the offending field: invalid JSON, not an object, a value of
// the wrong type or out of range, an unknown review type.  On error `meta`
// is left unchanged.
Status apply_sidecar(std::string_view json,
                     const std::filesystem::path& sidecar, Metadata* meta);

}  // namespace caselens::corpus

#endif  // CASELENS_CORPUS_METADATA_H_
