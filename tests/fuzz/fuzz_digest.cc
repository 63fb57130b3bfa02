// Fuzz target: the digest splitter, corpus::split_digest (corpus/digest.h).
// The first input byte picks how the rest is read:
//   0: as it is, the whole digest;
//   1: inside a national table (a title, a category heading and a
//      CASE | KEY ISSUES | LEARNING & RECOMMENDATIONS header before it);
//   2: inside a regional table (CASE | REPORT);
//   3: through corpus::load_document_bytes as a .txt file with a digest's
//      title before it (the indexer's path: reader, metadata, splitter).
// Input that is not UTF-8 is skipped (the readers reject it before the
// splitter sees it).  Besides crashes and sanitizer reports, checks every
// entry's contract: the Document contract and the tagger over it
// (document_checks.h), type digest-entry, numbered 01.., a section and a
// category from the fixed lists, sections headed only Case / Key issues /
// Learning / Recommendations with Case first, no tab or HTML tag left.
#include <algorithm>
#include <string>
#include <string_view>

#include "corpus/digest.h"
#include "corpus/load.h"
#include "tests/fuzz/document_checks.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

namespace corpus = caselens::corpus;
using caselens::fuzz::check;

constexpr std::string_view kTitle =
    "Lessons Learned Research Digest\n\nIssue 1 - January 2022\n\n";

bool listed(const std::vector<std::string_view>& list,
            const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string extra(const corpus::Document& d, const std::string& key) {
  const auto it = d.meta.extra.find(key);
  return it == d.meta.extra.end() ? "" : it->second;
}

void check_entries(const std::vector<corpus::Document>& entries) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const corpus::Document& e = entries[i];
    caselens::fuzz::check_document(e);
    check(e.meta.type == corpus::kDigestEntryType,
          "entry type is not digest-entry");
    std::string nn = std::to_string(i + 1);
    if (nn.size() < 2) nn.insert(nn.begin(), '0');
    check(extra(e, "entry") == nn, "entries not numbered 01.. in order");
    check(listed(corpus::digest_sections(), extra(e, "digest_section")),
          "entry section not in digest_sections()");
    check(listed(corpus::digest_categories(), extra(e, "category")),
          "entry category not in digest_categories()");
    check(e.meta.month >= 0 && e.meta.month <= 12, "entry month out of range");
    check(!e.sections.empty() && e.sections.front().heading == "Case",
          "entry does not open with its Case section");
    for (const corpus::Section& s : e.sections) {
      check(s.heading == "Case" || s.heading == "Key issues" ||
                s.heading == "Learning" || s.heading == "Recommendations",
            "entry section heading not one of the four");
    }
    check(e.text.find('\t') == std::string::npos,
          "tab left in an entry's text");
    for (const corpus::Passage& p : e.passages) {
      const std::string_view t =
          std::string_view(e.text).substr(p.begin, p.end - p.begin);
      check(t.find("<li>") == std::string_view::npos &&
                t.find("</ul>") == std::string_view::npos,
            "HTML list tag left in a passage");
    }
  }
}

}  // namespace

extern "C" int CASELENS_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int mode = data[0] % 4;
  const std::string_view input = caselens::fuzz::as_view(data + 1, size - 1);
  if (!caselens::fuzz::valid_utf8(input)) return 0;
  corpus::Document bulletin;
  bulletin.path = "/fuzz/digest.txt";
  bulletin.format = "txt";
  bulletin.meta.type = "research-digest";
  std::string raw;
  switch (mode) {
    case 0:
      raw = std::string(input);
      break;
    case 1:
      raw = std::string(kTitle) +
            "NEGLECT\t\t\nCASE\tKEY ISSUES\tLEARNING & RECOMMENDATIONS\n" +
            std::string(input);
      break;
    case 2:
      raw = std::string(kTitle) + "## Regional Learning\n\nCASE\tREPORT\t\n" +
            std::string(input);
      break;
    default: {
      const std::string file = std::string(kTitle) + std::string(input);
      auto doc = corpus::load_document_bytes(file, "digest.txt");
      caselens::fuzz::report(doc);
      if (!doc) {
        caselens::fuzz::check_load_error(doc.error());
        return 0;
      }
      caselens::fuzz::check_document(*doc);
      check_entries(doc->entries);
      return 0;
    }
  }
  check_entries(corpus::split_digest(raw, bulletin));
  return 0;
}
