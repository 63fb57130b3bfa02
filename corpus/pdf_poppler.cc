// The caselens_pdf module: a PDF's words and document information through
// poppler-cpp (see pdf_module.h for why this is a module of its own).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <poppler/cpp/poppler-rectangle.h>

#include <memory>
#include <mutex>
#include <new>
#include <type_traits>
#include <string>
#include <string_view>

#include "corpus/pdf_module.h"

namespace {

using caselens::corpus::pdf::Content;

// Poppler reports problems through one global callback; the first message
// since the last reset explains a failed load.
thread_local std::string t_first_poppler_error;

void capture_poppler_message(const std::string& message, void*) {
  if (!t_first_poppler_error.empty()) return;
  std::string_view m = message;
  for (std::string_view prefix : {"error: ", "Error: ", "Syntax Error: ", "Syntax Warning: ",
                                  "Internal Error: ", "I/O Error: "}) {
    if (m.substr(0, prefix.size()) == prefix) m.remove_prefix(prefix.size());
  }
  t_first_poppler_error = std::string(m);
}

void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(capture_poppler_message, nullptr); });
}

std::string utf8_of(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

void extract(const char* bytes, int size, Content* out) {
  silence_poppler();
  t_first_poppler_error.clear();
  // load_from_raw_data does not copy: `bytes` outlives the document.
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(bytes, size));
  if (!doc) {
    out->status = Content::Status::kUnreadable;
    out->error = t_first_poppler_error;
    return;
  }
  if (doc->is_locked()) {
    out->status = Content::Status::kLocked;
    return;
  }
  const int page_count = doc->pages();
  if (page_count <= 0) {
    out->status = Content::Status::kNoPages;
    return;
  }
  out->pages.resize(static_cast<std::size_t>(page_count));
  for (int i = 0; i < page_count; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    auto& p = out->pages[static_cast<std::size_t>(i)];
    p.present = true;
    const poppler::rectf rect = page->page_rect();
    p.width = rect.width();
    p.height = rect.height();
    for (const poppler::text_box& box : page->text_list(poppler::page::text_list_include_font)) {
      const poppler::rectf r = box.bbox();
      caselens::corpus::pdf::Box b;
      b.text = utf8_of(box.text());
      b.x0 = r.left();
      b.y0 = r.top();
      b.x1 = r.right();
      b.y1 = r.bottom();
      b.rotation = box.rotation();
      b.has_font = box.has_font_info();
      if (b.has_font) b.font_size = box.get_font_size();
      p.boxes.push_back(std::move(b));
    }
  }
  out->title = utf8_of(doc->get_title());
  out->author = utf8_of(doc->get_author());
  out->creation_date = utf8_of(doc->info_key("CreationDate"));
  out->status = Content::Status::kOk;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) void caselens_pdf_extract(const char* bytes,
                                                                            int size,
                                                                            Content* out) {
  try {
    extract(bytes, size, out);
  } catch (const std::bad_alloc&) {
    *out = Content();
    out->error = "out of memory";
  } catch (...) {
    *out = Content();
    out->error = "poppler failed";
  }
}

// The entry point's type is the one the reader looks up.
static_assert(std::is_same_v<decltype(&caselens_pdf_extract),
                             caselens::corpus::pdf::ExtractFunction>);
