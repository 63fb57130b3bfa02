// The plain data that flows from corpus/ into analysis/ and indexer/.
//
// Offsets are UTF-8 byte offsets into Document::text (the normalised text),
// half-open [begin, end), so text.substr(begin, end - begin) quotes a hit.
#ifndef CASELENS_CORPUS_DOCUMENT_H_
#define CASELENS_CORPUS_DOCUMENT_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace caselens::corpus {

struct Metadata {
  std::string title;
  // Review type as a slug; see review_types() in metadata.h for the list
  // ("serious-case-review", "child-safeguarding-practice-review", ...).
  // Empty when unknown.
  std::string type;
  std::string partnership;  // publishing partnership, board or council
  std::string nation;       // "England", "Wales", "Scotland", "Northern Ireland" or ""
  int year = 0;             // publication year, 0 when unknown
  int month = 0;            // 1..12, 0 when unknown
  std::string case_name;    // "Child A", "Child E (Steven)"
  std::string child_age;    // as stated: "10 months", "4 months", "14"
  // Further fields: from sidecars, or format-specific header lines (e.g. a
  // coroner's report's "Reference", "Coroner", "Area", "Sent to", "URL").
  std::map<std::string, std::string> extra;
  // Which fields came from the sidecar rather than the text (for `show`).
  std::vector<std::string> overridden;
};

struct Section {
  std::string heading;  // as written, e.g. "6. Analysis"; "" for preamble
  std::size_t begin = 0;  // offset of the heading line (or text start)
  std::size_t end = 0;    // offset where the next section starts
  std::size_t first_passage = 0;  // index into Document::passages
  std::size_t passage_count = 0;
};

struct Passage {
  std::size_t section = 0;  // index into Document::sections
  std::size_t begin = 0;
  std::size_t end = 0;
  bool list_item = false;  // a bullet or numbered list item
};

struct Document {
  std::string path;    // the file it was read from, as given
  std::string format;  // "txt", "md", "html", later "pdf", "docx"
  Metadata meta;
  std::string text;    // normalised UTF-8 (NFC)
  std::vector<Section> sections;
  std::vector<Passage> passages;
  // A research digest's case entries (corpus/digest.h), each a document of
  // its own of type "digest-entry"; empty for any other document.
  std::vector<Document> entries;
};

}  // namespace caselens::corpus

#endif  // CASELENS_CORPUS_DOCUMENT_H_
