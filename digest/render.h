// A bulletin as a print-ready HTML page, as Markdown, and as JSON (the
// format is documented in docs/json.md).  All three carry the same content;
// each bullet's source (review or entry id, passage id, offsets) is a
// numbered footnote (and in HTML also the bullet's hover title).
#ifndef CASELENS_DIGEST_RENDER_H_
#define CASELENS_DIGEST_RENDER_H_

#include <string>

#include "digest/digest.h"

namespace caselens::digest {

// A self-contained page (no external files): A4 with margins, bordered
// tables that never overflow, one section per page, priority entries in
// italics with the reason.
std::string render_html(const Bulletin& bulletin);
std::string render_markdown(const Bulletin& bulletin);
// Pretty-printed, ending in a newline.
std::string render_json(const Bulletin& bulletin);

}  // namespace caselens::digest

#endif  // CASELENS_DIGEST_RENDER_H_
