// The PDF reader against PDFs written at test time by cairo
// (tests/corpus/format_fixtures.h): text recovered in reading order, page
// furniture gone, metadata, and clear errors for what cannot be read.
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "corpus/load.h"
#include "corpus/pdf_reader.h"
#include "corpus/reader.h"
#include "tests/corpus/format_fixtures.h"
#include "tests/support/test_support.h"

namespace caselens::corpus {
namespace {

using testing::fixture_text;
using testing::FixtureDoc;
using testing::make_pdf;
using testing::parse_fixture;
using testing::word_similarity;

// Deterministic filler: "Paragraph N notes that ...", so the order of
// paragraphs in the output can be checked by their numbers.
std::string paragraph(int n, int words) {
  static const std::vector<std::string> kWords = {
      "the",     "health", "visitor", "recorded", "concerns", "about",
      "neglect", "and",    "shared",  "them",     "with",     "children's",
      "social",  "care",   "after",   "a",        "strategy", "meeting",
      "where",   "police", "agreed",  "to",       "visit",    "family",
      "home",    "school", "nurse",   "reported", "bruising", "on",
      "child's", "arm",    "which",   "was",      "not",      "followed",
      "up",      "by",     "any",     "agency"};
  // A small linear congruential generator: no line of the output repeats
  // (repeated short lines would be taken for running headers).
  std::uint32_t state = 2166136261u ^ static_cast<std::uint32_t>(n);
  std::string out = "Paragraph " + std::to_string(n) + " notes that";
  for (int i = 0; i < words; ++i) {
    state = state * 1664525u + 1013904223u;
    out += " " + kWords[(state >> 8) % kWords.size()];
  }
  return out + ".";
}

// Four pages: a title page with metadata, running headers and "Page N of M"
// footers on every page, two hyphenated line breaks, a footnote, a list, a
// two-column stretch that fills both columns of a page and spills over,
// and a table.
std::string review_markup() {
  std::string m =
      "# Child Safeguarding Practice Review: Child B\n\n"
      "# 1. Introduction\n\n"
      "This review considers the safe\xC2\xAC"
      "guarding response to Child B "
      "and the multi-\xC2\xAC"
      "agency work of the partners over two years "
      "before the incident that led to it.^1 The multi-agency panel met "
      "four times and heard from the family.\n\n"
      "[fn] 1 Working Together to Safeguard Children 2018, chapter 4.\n\n" +
      paragraph(1, 70) + "\n\n" + paragraph(2, 55) +
      "\n\n"
      "- The first key finding concerns information sharing between "
      "agencies.\n"
      "- The second key finding concerns the voice of the child, which was "
      "seldom heard in the records that the review panel examined.\n\n"
      "# 2. Background\n\n" +
      paragraph(3, 60) + "\n\n[page]\n\n[2col]\n\n";
  for (int n = 4; n <= 17; ++n) m += paragraph(n, 48) + "\n\n";
  m += "[1col]\n\n# 3. Agencies involved\n\n"
       "| Agency | Role | Contacts |\n"
       "| Police | Investigated | Twice |\n"
       "| Health visiting | Universal service | Monthly |\n\n" +
       paragraph(18, 40) + "\n";
  return m;
}

FixtureDoc review_fixture() {
  FixtureDoc doc = parse_fixture(review_markup());
  doc.title = "Child Safeguarding Practice Review: Child B";
  doc.author = "Northshire Safeguarding Children Partnership";
  doc.created = "2021-06-14";
  doc.running_header = "Child B - Final report - Northshire";
  return doc;
}

Result<RawText> read_pdf(const std::string& bytes,
                         const std::string& name = "review.pdf") {
  return PdfReader().read(bytes, name);
}

TEST_CASE("PDF: a generated multi-page review reads back nearly word for word",
          "[pdf]") {
  const FixtureDoc fixture = review_fixture();
  const std::string pdf = make_pdf(fixture);
  Result<Document> doc = load_document_bytes(pdf, "child-b.pdf");
  REQUIRE(doc);
  CHECK(doc->format == "pdf");
  const double similarity = word_similarity(fixture_text(fixture), doc->text);
  CAPTURE(doc->text);
  CAPTURE(similarity);
  CHECK(similarity >= 0.98);
}

TEST_CASE("PDF: running headers and page numbers are removed", "[pdf]") {
  const std::string pdf = make_pdf(review_fixture());
  Result<RawText> raw = read_pdf(pdf);
  REQUIRE(raw);
  CAPTURE(raw->text);
  CHECK(raw->text.find("Final report") == std::string::npos);
  CHECK(raw->text.find("Page 1 of") == std::string::npos);
  CHECK(raw->text.find("Page 2 of") == std::string::npos);
  CHECK(raw->text.find(" of 3") == std::string::npos);
}

TEST_CASE("PDF: odd and even running headers, other page labels", "[pdf]") {
  // Eleven pages: the even pages' header is on fewer than half of them.
  std::string m;
  for (int n = 1; n <= 11; ++n) {
    if (n > 1) m += "[page]\n\n";
    m += paragraph(n, 60) + "\n\n" + paragraph(100 + n, 30) + "\n\n";
  }
  for (const std::string label :
       {"{n}", "- {n} -", "Page {n}", "Child B review | page {n}", "{n}/{m}"}) {
    CAPTURE(label);
    FixtureDoc fixture = parse_fixture(m);
    fixture.running_header = "Serious Case Review Child B";
    fixture.running_header_even =
        "Northshire Safeguarding Children Partnership";
    fixture.page_label = label;
    Result<RawText> raw = read_pdf(make_pdf(fixture));
    REQUIRE(raw);
    CAPTURE(raw->text);
    CHECK(raw->text.find("Serious Case Review Child B") == std::string::npos);
    CHECK(raw->text.find("Northshire") == std::string::npos);
    CHECK(word_similarity(fixture_text(fixture), raw->text) == 1.0);
  }
}

TEST_CASE("PDF: two columns are read column by column, in order", "[pdf]") {
  const std::string pdf = make_pdf(review_fixture());
  Result<Document> doc = load_document_bytes(pdf, "child-b.pdf");
  REQUIRE(doc);
  CAPTURE(doc->text);
  std::size_t previous = 0;
  for (int n = 1; n <= 18; ++n) {
    CAPTURE(n);
    const std::size_t at =
        doc->text.find("Paragraph " + std::to_string(n) + " ");
    REQUIRE(at != std::string::npos);
    CHECK(at > previous);
    previous = at;
  }
  // A paragraph that runs on from the foot of the left column into the
  // right one (or the next page) is one passage, not two.
  for (const Passage& p : doc->passages) {
    const std::string text = doc->text.substr(p.begin, p.end - p.begin);
    if (text.rfind("Paragraph ", 0) == 0) CHECK(text.back() == '.');
  }
}

TEST_CASE("PDF: hyphenation at line breaks, footnote markers and footnotes",
          "[pdf]") {
  Result<Document> doc =
      load_document_bytes(make_pdf(review_fixture()), "child-b.pdf");
  REQUIRE(doc);
  CAPTURE(doc->text);
  // "safe-" / "guarding": a hyphen of the line break, dropped; "multi-" /
  // "agency": a real hyphen (the text has "multi-agency" elsewhere), kept.
  CHECK(doc->text.find("the safeguarding response") != std::string::npos);
  CHECK(doc->text.find("the multi-agency work") != std::string::npos);
  CHECK(doc->text.find("safe-") == std::string::npos);
  // The superscript marker after "it." is gone from the running text ...
  CHECK(doc->text.find("led to it. The multi-agency panel") !=
        std::string::npos);
  // ... and the footnote follows the text instead of interrupting it.
  const std::size_t note = doc->text.find("[1] Working Together to Safeguard");
  REQUIRE(note != std::string::npos);
  CHECK(note > doc->text.find("Paragraph 18 "));
}

TEST_CASE("PDF: lists, headings and table rows become sections and passages",
          "[pdf]") {
  Result<Document> doc =
      load_document_bytes(make_pdf(review_fixture()), "child-b.pdf");
  REQUIRE(doc);
  CAPTURE(doc->text);
  std::vector<std::string> headings;
  for (const Section& s : doc->sections) headings.push_back(s.heading);
  CAPTURE(headings);
  CHECK(std::find(headings.begin(), headings.end(), "1. Introduction") !=
        headings.end());
  CHECK(std::find(headings.begin(), headings.end(), "2. Background") !=
        headings.end());
  CHECK(std::find(headings.begin(), headings.end(), "3. Agencies involved") !=
        headings.end());
  std::size_t list_items = 0;
  bool police_row = false;
  for (const Passage& p : doc->passages) {
    const std::string text = doc->text.substr(p.begin, p.end - p.begin);
    if (p.list_item) ++list_items;
    if (text == "Police | Investigated | Twice") police_row = true;
  }
  CHECK(list_items == 2);
  CHECK(police_row);
}

TEST_CASE("PDF: document information feeds the metadata", "[pdf]") {
  FixtureDoc fixture =
      parse_fixture(paragraph(1, 80) + "\n\n" + paragraph(2, 80));
  fixture.title = "Rapid Review: Child K";
  fixture.author = "Northshire Safeguarding Children Partnership";
  fixture.created = "2020-03-09";
  const std::string pdf = make_pdf(fixture);

  Result<RawText> raw = read_pdf(pdf);
  REQUIRE(raw);
  CHECK(raw->format == "pdf");
  CHECK(raw->format_meta.at("properties_title") == "Rapid Review: Child K");
  CHECK(raw->format_meta.at("author") ==
        "Northshire Safeguarding Children Partnership");
  CHECK(raw->format_meta.at("date") == "2020-03-09");

  // The text has no date of its own: the creation date gives year and month.
  Result<Document> doc = load_document_bytes(pdf, "k.pdf");
  REQUIRE(doc);
  CHECK(doc->meta.title == "Rapid Review: Child K");
  CHECK(doc->meta.year == 2020);
  CHECK(doc->meta.month == 3);
  CHECK(doc->meta.extra.at("date_basis") == "document properties");
  CHECK(doc->meta.extra.at("author") ==
        "Northshire Safeguarding Children Partnership");
}

TEST_CASE("PDF: the title in the text beats the document information",
          "[pdf]") {
  FixtureDoc fixture = parse_fixture(
      "# Serious Case Review in respect of Child D\n\n" + paragraph(1, 60));
  fixture.title = "Overview report v3";
  Result<Document> doc = load_document_bytes(make_pdf(fixture), "d.pdf");
  REQUIRE(doc);
  CHECK(doc->meta.title == "Serious Case Review in respect of Child D");
}

TEST_CASE("PDF: a word processor's placeholder title is not a title", "[pdf]") {
  for (const std::string title : {"Microsoft Word - SCR Child D FINAL v3.docx",
                                  "draft-report.doc", "Untitled"}) {
    CAPTURE(title);
    FixtureDoc fixture = parse_fixture(paragraph(1, 60));
    fixture.title = title;
    Result<Document> doc = load_document_bytes(make_pdf(fixture), "scr-d.pdf");
    REQUIRE(doc);
    CHECK(doc->meta.title == "scr-d");
  }
}

// Runs `f` with stderr sent to a file; returns what was written there.
template <class F>
std::string stderr_of(F&& f) {
  std::fflush(stderr);
  char name[] = "/tmp/pdf-stderr-XXXXXX";
  const int fd = mkstemp(name);
  REQUIRE(fd >= 0);
  const int saved = dup(2);
  dup2(fd, 2);
  f();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  close(fd);
  std::string out = testing::read_file(name);
  std::remove(name);
  return out;
}

TEST_CASE("PDF: unreadable files get a clear error naming the file", "[pdf]") {
  const std::string good = make_pdf(review_fixture());
  struct Case {
    std::string name;
    std::string bytes;
    std::string expected;
  };
  std::string broken_xref = good;
  {
    // Every offset in the cross-reference table points at the wrong place.
    const std::size_t xref = broken_xref.rfind("\nxref\n");
    REQUIRE(xref != std::string::npos);
    for (std::size_t i = xref + 6; i < broken_xref.size(); ++i) {
      if (broken_xref.compare(i, 7, "trailer") == 0) break;
      if (broken_xref[i] >= '1' && broken_xref[i] <= '8') broken_xref[i] += 1;
    }
  }
  const std::vector<Case> cases = {
      {"locked.pdf", testing::make_locked_pdf(),
       "locked.pdf: encrypted PDF; cannot read its text"},
      {"scan.pdf", testing::make_image_only_pdf(),
       "scan.pdf: no text layer; OCR it first"},
      {"half.pdf", good.substr(0, good.size() / 2),
       "half.pdf: not a readable PDF (Couldn't find trailer dictionary)"},
      {"empty.pdf", "", "empty.pdf: empty file"},
      {"text.pdf", "This is not a PDF at all.\n",
       "text.pdf: not a readable PDF ("},
      {"header-only.pdf", "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n",
       "header-only.pdf: not a readable PDF ("},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::string message;
    const std::string err = stderr_of([&] {
      Result<RawText> raw = read_pdf(c.bytes, c.name);
      REQUIRE_FALSE(raw);
      CHECK(raw.error().kind == ErrorKind::kInput);
      message = raw.error().message;
    });
    CAPTURE(message);
    CHECK(message.rfind(c.expected, 0) == 0);
    CHECK(message.find('\n') == std::string::npos);
    CHECK(err.empty());  // poppler's complaints do not reach stderr
  }

  SECTION("a broken cross-reference table is rebuilt, or reported") {
    Result<RawText> raw = read_pdf(broken_xref, "xref.pdf");
    if (raw) {
      CHECK(word_similarity(fixture_text(review_fixture()), raw->text) > 0.9);
    } else {
      CHECK(raw.error().message.rfind("xref.pdf: not a readable PDF (", 0) ==
            0);
    }
  }
}

TEST_CASE("PDF: every prefix of a PDF reads or fails cleanly", "[pdf]") {
  const std::string good = make_pdf(parse_fixture(paragraph(1, 200)));
  for (std::size_t cut = 0; cut < good.size(); cut += good.size() / 23 + 1) {
    CAPTURE(cut);
    Result<RawText> raw = read_pdf(good.substr(0, cut), "cut.pdf");
    if (!raw) CHECK(raw.error().message.rfind("cut.pdf: ", 0) == 0);
  }
}

TEST_CASE("PDF: full-width headings between runs of two columns", "[pdf]") {
  // One page: a heading, two balanced columns, a full-width heading, two
  // more balanced columns, a full-width paragraph.
  std::string m = "# 4. Analysis\n\n[2col]\n\n";
  for (int n = 1; n <= 3; ++n) m += paragraph(n, 45) + "\n\n";
  m += "[1col]\n\n# 5. Learning\n\n[2col]\n\n";
  for (int n = 4; n <= 6; ++n) m += paragraph(n, 45) + "\n\n";
  m += "[1col]\n\n" + paragraph(7, 70) + "\n";
  const FixtureDoc fixture = parse_fixture(m);
  const std::string pdf = make_pdf(fixture);
  Result<Document> doc = load_document_bytes(pdf, "runs.pdf");
  REQUIRE(doc);
  CAPTURE(doc->text);
  CHECK(word_similarity(fixture_text(fixture), doc->text) >= 0.98);
  std::size_t previous = 0;
  for (const std::string mark :
       {"4. Analysis", "Paragraph 1 ", "Paragraph 2 ", "Paragraph 3 ",
        "5. Learning", "Paragraph 4 ", "Paragraph 5 ", "Paragraph 6 ",
        "Paragraph 7 "}) {
    CAPTURE(mark);
    const std::size_t at = doc->text.find(mark);
    REQUIRE(at != std::string::npos);
    CHECK(at >= previous);
    previous = at;
  }
  REQUIRE(doc->sections.size() == 2);
  CHECK(doc->sections[1].heading == "5. Learning");
  CHECK(doc->sections[1].passage_count == 4);
}

TEST_CASE("PDF: a page printed sideways reads in its own direction", "[pdf]") {
  const std::vector<std::string> lines = {
      "The first line of the sideways page tells of the agencies",
      "and the second line carries on with the health visitor who",
      "recorded the concerns about neglect in the family home."};
  for (const int turns : {1, 3}) {
    CAPTURE(turns);
    Result<RawText> raw =
        read_pdf(testing::make_turned_pdf(lines, turns), "sideways.pdf");
    REQUIRE(raw);
    CAPTURE(raw->text);
    CHECK(word_similarity(lines[0] + " " + lines[1] + " " + lines[2],
                          raw->text) == 1.0);
  }
}

TEST_CASE("PDF: files are found and dispatched by extension", "[pdf]") {
  CHECK(is_supported("a/Review.PDF"));
  CHECK(dynamic_cast<const PdfReader*>(reader_for("x.pdf")) != nullptr);
}

}  // namespace
}  // namespace caselens::corpus
