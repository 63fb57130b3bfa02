// Checks of the corpus::Document contract shared by the reader targets
// (fuzz_text_readers.cc, fuzz_pdf_docx.cc).  Test-only code.
#ifndef CASELENS_TESTS_FUZZ_DOCUMENT_CHECKS_H_
#define CASELENS_TESTS_FUZZ_DOCUMENT_CHECKS_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "analysis/codebook.h"
#include "analysis/tagger.h"
#include "corpus/document.h"
#include "corpus/error.h"
#include "tests/fuzz/fuzz_support.h"

namespace caselens::fuzz {

// Well-formed UTF-8 lead and continuation bytes (overlong forms not checked).
inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// The shipped codebook, loaded once.
inline const caselens::analysis::Codebook& codebook() {
  static const caselens::analysis::Codebook book = [] {
    auto loaded = caselens::analysis::load_codebook(
        caselens::analysis::default_codebook_path());
    if (!loaded) caselens::fuzz::fail("cannot load the default codebook: " + loaded.error().message);
    return *loaded;
  }();
  return book;
}

// The Document contract (corpus/document.h, corpus/segment.h): valid UTF-8
// text, sections and passages with offsets inside the text, every passage
// non-empty and in a section; then the tagger over it, as `caselens index`
// does, with evidence spans inside the text.
inline void check_document(const caselens::corpus::Document& doc) {
  const std::size_t n = doc.text.size();
  check(!doc.text.empty(), "loaded document has empty text");
  check(valid_utf8(doc.text), "document text is not valid UTF-8");
  for (const auto& s : doc.sections) {
    check(s.begin <= s.end && s.end <= n, "section offsets outside the text");
    check(s.first_passage + s.passage_count <= doc.passages.size(),
          "section passage range outside passages");
  }
  for (const auto& p : doc.passages) {
    check(p.begin < p.end && p.end <= n, "passage empty or outside the text");
    check(p.section < doc.sections.size(), "passage in no section");
  }
  const auto tags = caselens::analysis::tag_document(doc, codebook());
  for (const auto& h : tags.hits) {
    check(h.begin <= h.end && h.end <= n, "evidence span outside the text");
    check(h.match_begin <= h.match_end && h.match_end <= n, "match span outside the text");
    check(h.passage < doc.passages.size(), "hit in no passage");
  }
}


// A reader's error must be a message; load_document_bytes turns an escaped
// exception into "cannot load: what", and only running out of memory may
// get there.
inline void check_load_error(const Error& error) {
  const std::string& m = error.message;
  check(!m.empty(), "error without a message");
  const auto at = m.find("cannot load: ");
  check(at == std::string::npos || m.find("bad_alloc", at) != std::string::npos,
        "exception escaped the reader: " + m);
}

// With CASELENS_FUZZ_VERBOSE set, prints what an input gave (the start of
// the text, or the error), to look at what seeds and crashes do.
inline void report(const Result<corpus::Document>& doc) {
  if (!std::getenv("CASELENS_FUZZ_VERBOSE")) return;
  if (doc) {
    std::fprintf(stderr, "  %zu sections, %zu passages: %.300s\n", doc->sections.size(),
                 doc->passages.size(), doc->text.c_str());
  } else {
    std::fprintf(stderr, "  error: %s\n", doc.error().message.c_str());
  }
}

}  // namespace caselens::fuzz

#endif  // CASELENS_TESTS_FUZZ_DOCUMENT_CHECKS_H_
