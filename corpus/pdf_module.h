// What the PDF reader gets from poppler: the words of each page with their
// boxes, and the document information.  Poppler and its dependencies
// (NSS, OpenJPEG, FreeType, fontconfig, ... about 25 shared libraries) take
// about as long to load and relocate as a whole search takes, so they live
// in a module of their own (caselens_pdf, pdf_poppler.cc) that the reader
// loads on the first PDF: the commands that read no PDF never load them.
// The layout work stays in pdf_reader.cc.
#ifndef CASELENS_CORPUS_PDF_MODULE_H_
#define CASELENS_CORPUS_PDF_MODULE_H_

#include <string>
#include <vector>

namespace caselens::corpus::pdf {

struct Box {
  std::string text;                       // UTF-8, as poppler gives it
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // y grows downwards
  int rotation = 0;  // 0..3, quarter turns clockwise
  bool has_font = false;
  double font_size = 0;  // when has_font
};

struct Page {
  bool present = false;  // false: poppler could not create the page
  double width = 0, height = 0;
  std::vector<Box> boxes;
};

struct Content {
  enum class Status { kOk, kUnreadable, kLocked, kNoPages };
  Status status = Status::kUnreadable;
  std::string error;  // poppler's first complaint, for kUnreadable
  std::vector<Page> pages;
  std::string title, author, creation_date;  // document information
};

// The module's one entry point (extern "C", so dlsym finds it by this name).
// `bytes` must stay valid during the call; never throws.
using ExtractFunction = void (*)(const char* bytes, int size, Content* out);
inline constexpr const char* kExtractSymbol = "caselens_pdf_extract";

}  // namespace caselens::corpus::pdf

#endif  // CASELENS_CORPUS_PDF_MODULE_H_
