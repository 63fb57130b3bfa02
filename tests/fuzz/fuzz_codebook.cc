// Fuzz target: the codebook loader (analysis/codebook.h).  The first input
// byte's low bit picks a base codebook file or an extension; the rest is the
// JSON.  An extension is merged into the shipped codebook, as
// load_codebook() does with --codebook-extra files.  A codebook that compiles
// then tags a fixed text, so the compiled tables are exercised too.
#include <fstream>
#include <sstream>
#include <string>

#include "analysis/codebook.h"
#include "analysis/tagger.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using caselens::fuzz::check;
namespace analysis = caselens::analysis;

const analysis::CodebookSpec& shipped_spec() {
  static const analysis::CodebookSpec spec = [] {
    std::ifstream in(analysis::default_codebook_path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = analysis::parse_codebook(text.str(), "codebook.json");
    if (!parsed) caselens::fuzz::fail("cannot parse the shipped codebook: " + parsed.error().message);
    return *parsed;
  }();
  return spec;
}

constexpr std::string_view kText =
    "There was no evidence of domestic abuse, but the father was violent. "
    "Neglect of the baby (aged 4 months) was not recognised; the MARAC and "
    "the MASH did not share information. If there had been a strategy "
    "discussion, coercive control might have been seen. Domestic Abuse "
    "Training was delivered. Self-neglect was ruled out.";

}  // namespace

extern "C" int CASELENS_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool extension = data[0] & 1;
  const std::string_view json = caselens::fuzz::as_view(data + 1, size - 1);
  auto parsed = analysis::parse_codebook(json, "fuzz.json", extension);
  if (!parsed) {
    check(!parsed.error().message.empty(), "parse error without a message");
    return 0;
  }
  analysis::CodebookSpec spec;
  if (extension) {
    spec = shipped_spec();
    analysis::merge_codebook(spec, std::move(*parsed));
  } else {
    spec = std::move(*parsed);
  }
  auto book = analysis::compile_codebook(std::move(spec), "fuzz.json");
  if (!book) {
    check(!book.error().message.empty(), "compile error without a message");
    return 0;
  }
  const auto tags = analysis::tag_text(kText, *book);
  check(tags.themes.size() == book->themes().size(), "one score per theme");
  for (const auto& h : tags.hits) {
    check(h.begin <= h.end && h.end <= kText.size(), "evidence span outside the text");
    check(h.match_begin <= h.match_end && h.match_end <= kText.size(),
          "match span outside the text");
    check(book->theme_index(h.theme) >= 0, "hit for an unknown theme");
  }
  return 0;
}
