// Fuzz target: the text readers (txt, html, md) through the one entry point
// the indexer uses, corpus::load_document_bytes, then the tagger over the
// document, as `caselens index` does.  The first input byte picks the format,
// the rest is the file.  Besides crashes and sanitizer reports, checks the
// Document contract and that an error is a message, not an escaped
// exception (document_checks.h).
#include "corpus/load.h"
#include "tests/fuzz/document_checks.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int CASELENS_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kNames[] = {"x.txt", "x.html", "x.md"};
  const char* name = kNames[data[0] % 3];
  const std::string_view bytes = caselens::fuzz::as_view(data + 1, size - 1);
  auto doc = caselens::corpus::load_document_bytes(bytes, name);
  caselens::fuzz::report(doc);
  if (doc) {
    caselens::fuzz::check_document(*doc);
  } else {
    caselens::fuzz::check_load_error(doc.error());
  }
  return 0;
}
