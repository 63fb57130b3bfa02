// The DOCX and ODT readers against files written at test time with libzip
// (tests/corpus/format_fixtures.h): structure kept, properties read, clear
// errors for broken archives.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "corpus/load.h"
#include "corpus/office_reader.h"
#include "corpus/reader.h"
#include "tests/corpus/format_fixtures.h"

namespace caselens::corpus {
namespace {

using testing::fixture_text;
using testing::FixtureDoc;
using testing::make_zip;
using testing::parse_fixture;
using testing::word_similarity;

constexpr const char* kMarkup =
    "# Concise Child Practice Review: Child M\n\n"
    "# Background\n\n"
    "Child M lived with her mother and two older brothers. The family was "
    "known to children's services^1 and to the health visiting service, "
    "which saw the family regularly.\n\n"
    "[fn] 1 Two referrals were made before her birth.\n\n"
    "# Learning\n\n"
    "- Information about the father was not shared between agencies.\n"
    "- Practitioners did not ask about the child's daily life.\n\n"
    "# Agencies involved\n\n"
    "| Agency | Role |\n"
    "| Police | Investigated the injury |\n"
    "| School | Raised the first concern |\n\n"
    "The review panel thanks the family for taking part in the review and "
    "for sharing their views with the reviewer.\n";

FixtureDoc fixture() {
  FixtureDoc doc = parse_fixture(kMarkup);
  doc.title = "Concise Child Practice Review: Child M";
  doc.author = "Cwm Taf Morgannwg Safeguarding Board";
  doc.created = "2022-02-28";
  return doc;
}

std::vector<std::string> headings_of(const Document& doc) {
  std::vector<std::string> out;
  for (const Section& s : doc.sections) out.push_back(s.heading);
  return out;
}

std::string passage_text(const Document& doc, const Passage& p) {
  return doc.text.substr(p.begin, p.end - p.begin);
}

void check_structure(const Document& doc) {
  CAPTURE(doc.text);
  const std::vector<std::string> headings = headings_of(doc);
  CAPTURE(headings);
  for (const char* h : {"Background", "Learning", "Agencies involved"}) {
    CHECK(std::find(headings.begin(), headings.end(), h) != headings.end());
  }
  std::vector<std::string> items, rows;
  for (const Passage& p : doc.passages) {
    const std::string text = passage_text(doc, p);
    if (p.list_item) items.push_back(text);
    if (text.find(" | ") != std::string::npos) rows.push_back(text);
  }
  CHECK(items == std::vector<std::string>{
                     "- Information about the father was not shared between "
                     "agencies.",
                     "- Practitioners did not ask about the child's daily "
                     "life."});
  CHECK(rows == std::vector<std::string>{"Agency | Role",
                                         "Police | Investigated the injury",
                                         "School | Raised the first concern"});
}

TEST_CASE("DOCX: headings, lists and tables become sections and passages",
          "[docx]") {
  Result<Document> doc =
      load_document_bytes(testing::make_docx(fixture()), "child-m.docx");
  REQUIRE(doc);
  CHECK(doc->format == "docx");
  check_structure(*doc);
  const double similarity = word_similarity(fixture_text(fixture()), doc->text);
  CAPTURE(similarity);
  CHECK(similarity >= 0.98);
  // The footnote reference is not in the text; the footnote is, at the end.
  CHECK(doc->text.find("children's services and to") != std::string::npos);
  CHECK(doc->text.find("[1] Two referrals were made before her birth.") !=
        std::string::npos);
}

TEST_CASE("DOCX: core properties feed the metadata", "[docx]") {
  const std::string docx = testing::make_docx(fixture());
  Result<RawText> raw = DocxReader().read(docx, "m.docx");
  REQUIRE(raw);
  CHECK(raw->format_meta.at("properties_title") ==
        "Concise Child Practice Review: Child M");
  CHECK(raw->format_meta.at("author") ==
        "Cwm Taf Morgannwg Safeguarding Board");
  CHECK(raw->format_meta.at("date") == "2022-02-28");
  Result<Document> doc = load_document_bytes(docx, "m.docx");
  REQUIRE(doc);
  CHECK(doc->meta.title == "Concise Child Practice Review: Child M");
  CHECK(doc->meta.type == "concise-child-practice-review");
  CHECK(doc->meta.year == 2022);
  CHECK(doc->meta.month == 2);
}

// A document.xml written by hand: what real Word files contain beyond the
// fixture writer's plain paragraphs.
std::string docx_with_body(const std::string& body,
                           const std::string& styles = "") {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", "<Types/>"},
      {"word/document.xml",
       "<?xml version=\"1.0\"?><w:document "
       "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
       "main\" "
       "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/"
       "2006\"><w:body>" +
           body + "</w:body></w:document>"}};
  if (!styles.empty()) {
    parts.push_back(
        {"word/styles.xml",
         "<?xml version=\"1.0\"?><w:styles "
         "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
         "main\">" +
             styles + "</w:styles>"});
  }
  return make_zip(parts);
}

TEST_CASE("DOCX: styles, revisions, fields, text boxes and hidden text",
          "[docx]") {
  const std::string styles =
      "<w:style w:type=\"paragraph\" w:styleId=\"berschrift1\">"
      "<w:name w:val=\"heading 1\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"MyHead\">"
      "<w:name w:val=\"Report Heading\"/><w:basedOn w:val=\"berschrift1\"/>"
      "</w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Bulleted\">"
      "<w:name w:val=\"Bulleted\"/><w:pPr><w:numPr><w:numId w:val=\"4\"/>"
      "</w:numPr></w:pPr></w:style>";
  const std::string body =
      "<w:p><w:pPr><w:pStyle w:val=\"berschrift1\"/></w:pPr>"
      "<w:r><w:t>Findings</w:t></w:r></w:p>"
      "<w:p><w:r><w:t xml:space=\"preserve\">The plan was </w:t></w:r>"
      "<w:del><w:r><w:delText>never </w:delText></w:r></w:del>"
      "<w:ins><w:r><w:t xml:space=\"preserve\">rarely </w:t></w:r></w:ins>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
      "<w:r><w:t>reviewed</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
      "<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN</w:t></w:r>"
      "<w:r><w:t xml:space=\"preserve\"> by the </w:t></w:r>"
      "<w:r><w:t>co</w:t></w:r><w:r><w:noBreakHyphen/></w:r>"
      "<w:r><w:t>ordinator.</w:t></w:r>"
      "<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>"
      "<w:p><w:r><w:t>A text box says something.</w:t></w:r></w:p>"
      "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
      "<w:txbxContent><w:p><w:r><w:t>A text box says something.</w:t>"
      "</w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
      "</mc:AlternateContent></w:r></w:p>"
      "<w:p><w:pPr><w:pStyle w:val=\"MyHead\"/></w:pPr>"
      "<w:r><w:t>Recommendations</w:t></w:r></w:p>"
      "<w:p><w:pPr><w:pStyle w:val=\"Bulleted\"/></w:pPr>"
      "<w:r><w:t>Share the plan.</w:t></w:r></w:p>"
      "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/>"
      "</w:numPr></w:pPr><w:r><w:t>Numbering switched off.</w:t></w:r></w:p>"
      "<w:sdt><w:sdtContent><w:p><w:r><w:t>Inside a content control.</w:t>"
      "</w:r></w:p></w:sdtContent></w:sdt>"
      "<w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr>"
      "<w:r><w:t>Outline heading</w:t></w:r></w:p>"
      "<w:p><w:pPr><w:pStyle w:val=\"berschrift1\"/><w:numPr>"
      "<w:ilvl w:val=\"0\"/><w:numId w:val=\"7\"/></w:numPr></w:pPr>"
      "<w:r><w:t>Numbered heading</w:t></w:r></w:p>"
      "<w:p><w:pPr><w:pStyle w:val=\"Bulleted\"/><w:numPr>"
      "<w:numId w:val=\"0\"/></w:numPr></w:pPr>"
      "<w:r><w:t>Bullet switched off.</w:t></w:r></w:p>";
  Result<RawText> raw =
      DocxReader().read(docx_with_body(body, styles), "styled.docx");
  REQUIRE(raw);
  CHECK(raw->text ==
        "Findings\n\n"
        "The plan was rarely reviewed by the co-ordinator.\n\n"
        "A text box says something.\n\n"
        "Recommendations\n\n"
        "- Share the plan.\n\n"
        "Numbering switched off.\n\n"
        "Inside a content control.\n\n"
        "Outline heading\n\n"
        "Numbered heading\n\n"
        "Bullet switched off.");
}

TEST_CASE("DOCX: broken files get a clear error naming the file", "[docx]") {
  const std::string good = testing::make_docx(fixture());
  struct Case {
    std::string bytes;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"", "bad.docx: empty file"},
      {"PK\x03\x04 not really a zip",
       "bad.docx: not a DOCX file (not a zip archive"},
      {good.substr(0, good.size() / 2), "bad.docx: not a DOCX file ("},
      {std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) +
           std::string(600, '\0'),
       "bad.docx: not a DOCX file (an old-format or password-protected Word "
       "file)"},
      {make_zip({{"word/other.xml", "<x/>"}}),
       "bad.docx: not a DOCX file (no word/document.xml)"},
      {make_zip({{"word/document.xml", "<w:document><w:body><w:p>"}}),
       "bad.docx: not a DOCX file (word/document.xml: "},
      {make_zip({{"word/document.xml", "<w:document/>"}}),
       "bad.docx: not a DOCX file (word/document.xml has no body)"},
  };
  for (const Case& c : cases) {
    Result<RawText> raw = DocxReader().read(c.bytes, "bad.docx");
    REQUIRE_FALSE(raw);
    CAPTURE(raw.error().message);
    CHECK(raw.error().kind == ErrorKind::kInput);
    CHECK(raw.error().message.rfind(c.expected, 0) == 0);
  }
  // A document with no text at all loads as an empty file, like any other.
  Result<Document> empty = load_document_bytes(
      docx_with_body("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>"), "e.docx");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message == "e.docx: empty file (no text)");
}

TEST_CASE("DOCX: deeply nested XML is cut off, not a stack overflow",
          "[docx]") {
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "<w:sdt><w:sdtContent>";
  body += "<w:p><w:r><w:t>deep</w:t></w:r></w:p>";
  for (int i = 0; i < 20000; ++i) body += "</w:sdtContent></w:sdt>";
  body += "<w:p><w:r><w:t>Shallow text survives.</w:t></w:r></w:p>";
  Result<RawText> raw = DocxReader().read(docx_with_body(body), "deep.docx");
  REQUIRE(raw);
  CHECK(raw->text == "Shallow text survives.");
}

TEST_CASE("ODT: headings, lists and tables become sections and passages",
          "[odt]") {
  const std::string odt = testing::make_odt(fixture());
  Result<Document> doc = load_document_bytes(odt, "child-m.odt");
  REQUIRE(doc);
  CHECK(doc->format == "odt");
  check_structure(*doc);
  CHECK(doc->meta.title == "Concise Child Practice Review: Child M");
  CHECK(doc->meta.extra.at("author") == "Cwm Taf Morgannwg Safeguarding Board");
  // The ODT writer leaves footnotes out; everything else is there.
  FixtureDoc without_notes = fixture();
  std::erase_if(without_notes.blocks, [](const testing::FixtureBlock& b) {
    return b.kind == testing::FixtureBlock::Kind::kFootnote;
  });
  CHECK(word_similarity(fixture_text(without_notes), doc->text) >= 0.98);
}

TEST_CASE("ODT: spaces, notes and broken files", "[odt]") {
  const std::string ns =
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"";
  const std::string content =
      "<office:document-content " + ns +
      "><office:body><office:text><text:p>Two<text:s text:c=\"2\"/>spaces"
      "<text:note><text:note-citation>1</text:note-citation><text:note-body>"
      "<text:p>A note.</text:p></text:note-body></text:note> and a"
      "<text:line-break/>break.</text:p></office:text></office:body>"
      "</office:document-content>";
  Result<RawText> raw =
      OdtReader().read(make_zip({{"content.xml", content}}), "n.odt");
  REQUIRE(raw);
  CHECK(raw->text == "Two spaces and a\nbreak.\n\n[1] A note.");

  Result<RawText> bad = OdtReader().read("garbage", "bad.odt");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.rfind("bad.odt: not an ODT file (not a zip", 0) ==
        0);
  Result<RawText> missing =
      OdtReader().read(make_zip({{"meta.xml", "<x/>"}}), "bad.odt");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "bad.odt: not an ODT file (no content.xml)");
}

TEST_CASE("DOCX and ODT are found by extension", "[docx][odt]") {
  CHECK(is_supported("Review.DOCX"));
  CHECK(is_supported("review.odt"));
  CHECK_FALSE(is_supported("review.doc"));
  CHECK(dynamic_cast<const DocxReader*>(reader_for("x.docx")) != nullptr);
  CHECK(dynamic_cast<const OdtReader*>(reader_for("x.odt")) != nullptr);
}

}  // namespace
}  // namespace caselens::corpus
