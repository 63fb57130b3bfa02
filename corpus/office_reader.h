// Readers for word-processor files: DOCX (Office Open XML) and ODT
// (OpenDocument text), both zip archives of XML, read with libzip and
// pugixml.
//
// The body is read in document order:
// - paragraphs become paragraphs (blank line between);
// - headings (DOCX styles Heading 1-9, Title, Subtitle or an outline level;
//   ODT text:h) are paragraphs of their own;
// - list paragraphs (DOCX w:numPr or a list style; ODT text:list) become
//   "- " lines, one per item;
// - tables are read row by row, one paragraph per row, cells joined by
//   " | " (empty cells left out);
// - footnotes and endnotes move to the end as "[1] ..." paragraphs;
//   deleted revisions, field codes and the duplicate fallback of
//   alternate content are skipped; page headers and footers are not read.
// Document properties (DOCX docProps/core.xml, ODT meta.xml):
// "properties_title" (the title when the text has none, see metadata.h),
// "author" (creator) and "date" (created, YYYY-MM-DD) go into
// RawText::format_meta.
//
// Errors (kInput, naming the file): "not a DOCX file (...)" / "not an ODT
// file (...)" for a broken zip, an old-format or password-protected Word
// file, or a missing or malformed main part; "empty file".
#ifndef CASELENS_CORPUS_OFFICE_READER_H_
#define CASELENS_CORPUS_OFFICE_READER_H_

#include <filesystem>
#include <string_view>

#include "corpus/reader.h"

namespace caselens::corpus {

class DocxReader : public Reader {
 public:
  Result<RawText> read(std::string_view bytes,
                       const std::filesystem::path& path) const override;
};

class OdtReader : public Reader {
 public:
  Result<RawText> read(std::string_view bytes,
                       const std::filesystem::path& path) const override;
};

}  // namespace caselens::corpus

#endif  // CASELENS_CORPUS_OFFICE_READER_H_
