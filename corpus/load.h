// From a path on disk to a corpus::Document: read, normalise, segment,
// extract metadata, apply the sidecar.  The one entry point the indexer uses.
#ifndef CASELENS_CORPUS_LOAD_H_
#define CASELENS_CORPUS_LOAD_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/document.h"
#include "corpus/error.h"

namespace caselens::corpus {

// Reads and fully prepares one document.  Errors (kInput): unreadable,
// empty, binary, wrongly encoded, unsupported extension, bad sidecar.
// A research digest (corpus/digest.h) also gets its case entries in
// Document::entries.
Result<Document> load_document(const std::filesystem::path& path);

// Same, from bytes already read (used by load_document and by tests).
Result<Document> load_document_bytes(std::string_view bytes,
                                     const std::filesystem::path& path);

// The sidecar for a document: "NAME.meta.json" next to "NAME.ext".
std::filesystem::path sidecar_path(const std::filesystem::path& document);

struct FoundFile {
  std::filesystem::path path;
  std::uintmax_t size = 0;
};

// Expands files and folders (recursively, following no symlink loops) into
// the supported document files, sorted, without duplicates; sidecars are not
// documents.  Problems (a path that does not exist, an unreadable folder) are
// passed to on_error with a one-line message and the walk goes on.
std::vector<FoundFile> find_documents(
    const std::vector<std::filesystem::path>& roots,
    const std::function<void(const Error&)>& on_error);

}  // namespace caselens::corpus

#endif  // CASELENS_CORPUS_LOAD_H_
