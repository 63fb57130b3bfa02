// Fuzz target: the sidecar metadata parser, corpus::apply_sidecar
// (corpus/metadata.h), applied to metadata extracted from a small review.
// Checks the documented contract: an error has a message and leaves the
// metadata unchanged; on success month stays 0..12.
#include <string>

#include "corpus/metadata.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using caselens::fuzz::check;
namespace corpus = caselens::corpus;

bool same(const corpus::Metadata& a, const corpus::Metadata& b) {
  return a.title == b.title && a.type == b.type && a.partnership == b.partnership &&
         a.nation == b.nation && a.year == b.year && a.month == b.month &&
         a.case_name == b.case_name && a.child_age == b.child_age &&
         a.extra == b.extra && a.overridden == b.overridden;
}

const corpus::Metadata& base() {
  static const corpus::Metadata meta = corpus::extract_metadata(
      "Serious Case Review: Child A\n\nKirklees Safeguarding Children "
      "Partnership\n\nVersion 1 October 2019\n\nChild A was aged 10 months.\n");
  return meta;
}

}  // namespace

extern "C" int CASELENS_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  corpus::Metadata meta = base();
  const auto applied =
      corpus::apply_sidecar(caselens::fuzz::as_view(data, size), "x.meta.json", &meta);
  if (!applied) {
    check(!applied.error().message.empty(), "error without a message");
    check(same(meta, base()), "metadata changed by a sidecar that was rejected");
  } else {
    check(meta.month >= 0 && meta.month <= 12, "month out of range after a sidecar");
  }
  return 0;
}
