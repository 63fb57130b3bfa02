// Fuzz target: the PDF, DOCX and ODT readers through
// corpus::load_document_bytes, then the tagger (checks as for the text
// readers, document_checks.h).  Input byte 0 picks a mode:
//   0, 1, 2  the rest is a whole .pdf, .docx or .odt file;
//   3        the rest is page content streams (pages separated by '\f') of
//            a PDF built around them with a Helvetica font, so mutations
//            reach the layout code rather than breaking the file's xref;
//   4        the rest is word/document.xml, word/styles.xml,
//            word/footnotes.xml and docProps/core.xml (separated by '\x1e')
//            of a DOCX built around them;
//   5        the rest is content.xml and meta.xml ('\x1e') of an ODT.
// Poppler, libzip and pugixml are not instrumented: coverage guidance comes
// from caselens's own code, but a crash inside them still shows.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corpus/load.h"
#include "tests/fuzz/document_checks.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

std::vector<std::string_view> split(std::string_view s, char sep, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    const auto at = s.find(sep);
    if (at == std::string_view::npos) break;
    parts.push_back(s.substr(0, at));
    s.remove_prefix(at + 1);
  }
  parts.push_back(s);
  return parts;
}

// --- A stored (uncompressed) zip archive --------------------------------

uint32_t crc32(std::string_view data) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (const char ch : data) c = table[(c ^ static_cast<uint8_t>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void put16(std::string* out, uint32_t v) {
  out->push_back(static_cast<char>(v & 0xFF));
  out->push_back(static_cast<char>((v >> 8) & 0xFF));
}
void put32(std::string* out, uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

std::string zip(const std::vector<std::pair<std::string, std::string_view>>& files) {
  std::string out;
  std::string central;
  for (const auto& [name, data] : files) {
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const uint32_t crc = crc32(data);
    const auto size = static_cast<uint32_t>(data.size());
    put32(&out, 0x04034b50);
    put16(&out, 20); put16(&out, 0); put16(&out, 0);  // version, flags, stored
    put16(&out, 0); put16(&out, 0x21);                // time, date (1980-01-01)
    put32(&out, crc); put32(&out, size); put32(&out, size);
    put16(&out, static_cast<uint32_t>(name.size())); put16(&out, 0);
    out += name;
    out += data;
    put32(&central, 0x02014b50);
    put16(&central, 20); put16(&central, 20); put16(&central, 0); put16(&central, 0);
    put16(&central, 0); put16(&central, 0x21);
    put32(&central, crc); put32(&central, size); put32(&central, size);
    put16(&central, static_cast<uint32_t>(name.size()));
    put16(&central, 0); put16(&central, 0); put16(&central, 0); put16(&central, 0);
    put32(&central, 0); put32(&central, offset);
    central += name;
  }
  const uint32_t central_at = static_cast<uint32_t>(out.size());
  out += central;
  put32(&out, 0x06054b50);
  put16(&out, 0); put16(&out, 0);
  put16(&out, static_cast<uint32_t>(files.size())); put16(&out, static_cast<uint32_t>(files.size()));
  put32(&out, static_cast<uint32_t>(central.size())); put32(&out, central_at);
  put16(&out, 0);
  return out;
}

std::string docx(std::string_view input) {
  const auto parts = split(input, '\x1e', 4);
  std::vector<std::pair<std::string, std::string_view>> files = {
      {"[Content_Types].xml",
       R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)"},
      {"_rels/.rels",
       R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)"},
      {"word/document.xml", parts[0]}};
  static const char* const kOptional[] = {"word/styles.xml", "word/footnotes.xml",
                                          "docProps/core.xml"};
  for (std::size_t i = 1; i < parts.size(); ++i) files.emplace_back(kOptional[i - 1], parts[i]);
  return zip(files);
}

std::string odt(std::string_view input) {
  const auto parts = split(input, '\x1e', 2);
  std::vector<std::pair<std::string, std::string_view>> files = {
      {"mimetype", "application/vnd.oasis.opendocument.text"},
      {"META-INF/manifest.xml",
       R"(<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>)"},
      {"content.xml", parts[0]}};
  if (parts.size() > 1) files.emplace_back("meta.xml", parts[1]);
  return zip(files);
}

// --- A PDF around given content streams ----------------------------------

std::string pdf(std::string_view input) {
  const auto pages = split(input, '\f', 8);
  const std::size_t n = pages.size();
  // Objects: 1 catalog, 2 pages, 3 font, 4 info, then per page (page, contents).
  std::vector<std::string> objects;
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (std::size_t i = 0; i < n; ++i) kids += std::to_string(5 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objects.push_back("<< /Title (Child A review) /Author (Board) /CreationDate (D:20210305120000Z) >>");
  for (std::size_t i = 0; i < n; ++i) {
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(6 + 2 * i) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(pages[i].size()) + " >>\nstream\n" +
                      std::string(pages[i]) + "\nendstream");
  }
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t at : offsets) {
    std::string num = std::to_string(at);
    out += std::string(10 - num.size(), '0') + num + " 00000 n \n";
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Info 4 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace

extern "C" int CASELENS_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view rest = caselens::fuzz::as_view(data + 1, size - 1);
  std::string built;
  std::string_view bytes = rest;
  const char* name = "x.pdf";
  switch (data[0] % 6) {
    case 0: name = "x.pdf"; break;
    case 1: name = "x.docx"; break;
    case 2: name = "x.odt"; break;
    case 3: built = pdf(rest); bytes = built; name = "x.pdf"; break;
    case 4: built = docx(rest); bytes = built; name = "x.docx"; break;
    case 5: built = odt(rest); bytes = built; name = "x.odt"; break;
  }
  auto doc = caselens::corpus::load_document_bytes(bytes, name);
  caselens::fuzz::report(doc);
  if (doc) {
    caselens::fuzz::check_document(*doc);
  } else {
    caselens::fuzz::check_load_error(doc.error());
  }
  return 0;
}
