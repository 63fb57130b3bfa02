// Readers turn a file's bytes into UTF-8 text with line structure.
//
// A Reader knows one family of formats by file extension.  It returns the raw
// text (paragraphs separated by blank lines, list items one per line starting
// "- ") plus any metadata the format itself carries (HTML <title>, PDF
// document information, DOCX/ODT core properties).  Normalisation and
// segmentation happen after, the same for all formats.  Readers: .txt .text,
// .md .markdown, .html .htm .xhtml (here), .pdf (pdf_reader.h), .docx .odt
// (office_reader.h).
#ifndef CASELENS_CORPUS_READER_H_
#define CASELENS_CORPUS_READER_H_

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "corpus/error.h"

namespace caselens::corpus {

struct RawText {
  std::string text;    // UTF-8, not yet normalised
  std::string format;  // "txt", "md", "html", "pdf", "docx", "odt"
  // "title" (HTML), "properties_title", "author", "date" (YYYY-MM-DD)
  // where the format has them; see extract_metadata().
  std::map<std::string, std::string> format_meta;
};

class Reader {
 public:
  virtual ~Reader() = default;
  // `bytes` is the whole file; `path` is for error messages only.
  // Errors (kind kInput) name the file and, for bad encodings, the byte offset.
  virtual Result<RawText> read(std::string_view bytes,
                               const std::filesystem::path& path) const = 0;
};

// The reader for a file's extension (case-insensitive), or nullptr when the
// format is not supported.
const Reader* reader_for(const std::filesystem::path& path);

// True when reader_for(path) would return a reader.
bool is_supported(const std::filesystem::path& path);

// Decodes bytes to UTF-8: valid UTF-8 (optional BOM stripped) as is; text
// that is not UTF-8 but looks like Windows-1252/Latin-1 converted with ICU;
// anything else (NUL bytes, binary, invalid sequences that fit no legacy
// encoding) is an error naming the file and byte offset.
Result<std::string> decode_text(std::string_view bytes,
                                const std::filesystem::path& path);

}  // namespace caselens::corpus

#endif  // CASELENS_CORPUS_READER_H_
