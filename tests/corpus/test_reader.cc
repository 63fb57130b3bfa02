#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/reader.h"

namespace caselens::corpus {
namespace {

using namespace std::string_literals;

struct DecodeCase {
  std::string name;
  std::string bytes;
  std::string expected;        // decoded text when ok
  std::string error_fragment;  // non-empty: must fail with this in the message
};

TEST_CASE("decode_text detects encodings and rejects bad input", "[reader]") {
  const std::vector<DecodeCase> cases = {
      {"ascii", "Plain text.\n", "Plain text.\n", ""},
      {"utf-8", "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D",
       "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D", ""},
      {"utf-8 bom stripped", "\xEF\xBB\xBFHello", "Hello", ""},
      {"cp1252 smart quotes", "\x93Hi\x94 \x96 caf\xE9 \x92s",
       "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x93 caf\xC3\xA9 \xE2\x80\x99s", ""},
      {"latin-1 pound",
       "\xA3"
       "5",
       "\xC2\xA3"
       "5",
       ""},
      {"utf-16le bom", "\xFF\xFEH\0i\0"s, "Hi", ""},
      {"invalid utf-8 mixed with valid", "caf\xC3\xA9 and \xFF!", "",
       "invalid UTF-8 at byte offset 10"},
      {"truncated sequence at end", "\xC3\xA9 abc\xE2\x80", "",
       "byte offset 6"},
      {"byte undefined in cp1252",
       "abc\x81"
       "def",
       "", "byte offset 3"},
      {"nul byte", "ab\0cd"s, "", "binary file (NUL byte at offset 2)"},
      {"empty", "", "", "empty file"},
      {"only whitespace", " \n\t\r\n ", "", "empty file"},
      {"bom only", "\xEF\xBB\xBF\n", "", "empty file"},
  };
  for (const DecodeCase& c : cases) {
    SECTION(c.name) {
      Result<std::string> r = decode_text(c.bytes, "dir/f.txt");
      if (c.error_fragment.empty()) {
        REQUIRE(r.ok());
        CHECK(*r == c.expected);
      } else {
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == ErrorKind::kInput);
        CHECK(r.error().message.rfind("dir/f.txt: ", 0) == 0);
        CHECK_THAT(r.error().message, Catch::Contains(c.error_fragment));
        CHECK(r.error().message.find('\n') == std::string::npos);
      }
    }
  }
}

TEST_CASE("reader_for chooses by extension, case-insensitively", "[reader]") {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"a.txt", true},      {"a.TXT", true},   {"a.md", true},
      {"a.markdown", true}, {"a.html", true},  {"a.HTM", true},
      {"a.pdf", true},      {"a.json", false}, {"a.meta.json", false},
      {"a.DOCX", true},     {"a.odt", true},   {"a.doc", false},
      {"noext", false},
  };
  for (const auto& [path, supported] : cases) {
    CAPTURE(path);
    CHECK(is_supported(path) == supported);
    CHECK((reader_for(path) != nullptr) == supported);
  }
}

RawText read_html(std::string_view html) {
  Result<RawText> r = reader_for("x.html")->read(html, "x.html");
  REQUIRE(r.ok());
  CHECK(r->format == "html");
  return *r;
}

TEST_CASE("HTML reader keeps text structure and drops code", "[reader]") {
  const RawText raw = read_html(
      "<!DOCTYPE html><html><head><title> Child A &amp; Child B </title>"
      "<style>p { color: red }</style>"
      "<script>var s = \"<p>not text</p>\";</script></head><body>"
      "<!-- a comment <p> -->"
      "<h1>Executive   Summary</h1><p>First &ldquo;para&rdquo; &#8211; "
      "&#x41;&nbsp;b &unknown; &amp</p>"
      "<ul><li>One</li><li>Two <b>bold</b></li></ul>"
      "<p>Line<br>break</p><table><tr><td>a</td><td>b</td></tr></table>"
      "</body></html>");
  CHECK(raw.format_meta.at("title") == "Child A & Child B");
  const std::string& t = raw.text;
  CHECK(t.find("var s") == std::string::npos);
  CHECK(t.find("not text") == std::string::npos);
  CHECK(t.find("color") == std::string::npos);
  CHECK(t.find("comment") == std::string::npos);
  CHECK(t.find("Child A & Child B") == std::string::npos);  // title not body
  CHECK_THAT(t, Catch::Contains("Executive Summary\n\n"));
  CHECK_THAT(t,
             Catch::Contains("First \xE2\x80\x9Cpara\xE2\x80\x9D \xE2\x80\x93 "
                             "A\xC2\xA0"
                             "b &unknown; &amp"));
  CHECK_THAT(t, Catch::Contains("\n- One\n- Two bold\n"));
  CHECK_THAT(t, Catch::Contains("Line\nbreak"));
  CHECK_THAT(t, Catch::Contains("a b"));
}

TEST_CASE("HTML reader survives malformed and deeply nested markup",
          "[reader]") {
  std::string deep;
  for (int i = 0; i < 200000; ++i) deep += "<div><span>";
  deep += "deep text";
  CHECK_THAT(read_html(deep).text, Catch::Contains("deep text"));

  const RawText malformed =
      read_html("a < b and 3<4</p></p></li><p unclosed attr=\"x>y");
  CHECK_THAT(malformed.text, Catch::Contains("a < b and 3<4"));

  const RawText unclosed_script = read_html("<p>kept</p><script>lost");
  CHECK_THAT(unclosed_script.text, Catch::Contains("kept"));
  CHECK(unclosed_script.text.find("lost") == std::string::npos);
}

TEST_CASE("Markdown reader strips markup but keeps lists", "[reader]") {
  Result<RawText> r = reader_for("x.md")->read(
      "# Title\n\nSome *italic* and _under_ text, snake_case kept, 2 * 3.\n\n"
      "* item one\n+ item two\n- item three\n\n"
      "See [the report](http://example.org/r.pdf).\n\n---\n",
      "x.md");
  REQUIRE(r.ok());
  CHECK(r->format == "md");
  const std::string& t = r->text;
  CHECK_THAT(t, Catch::Contains("# Title"));  // heading markers: normaliser
  CHECK_THAT(t, Catch::Contains("Some italic and under text, snake_case kept, "
                                "2 * 3."));
  CHECK_THAT(t, Catch::Contains("- item one\n- item two\n- item three"));
  CHECK_THAT(t, Catch::Contains("See the report."));
  CHECK(t.find("http") == std::string::npos);
}

TEST_CASE("Text and Markdown readers undo inline markup", "[reader]") {
  for (const char* path : {"t.txt", "t.md"}) {
    CAPTURE(path);
    Result<RawText> r = reader_for(path)->read(
        "Case\t<ul> <li>First &amp; <u>one</u></li><li>Second</li> </ul>\n"
        "x <y and <unknown> tag kept",
        path);
    REQUIRE(r.ok());
    CHECK_THAT(r->text, Catch::Contains("\n- First & one\n\n- Second\n"));
    CHECK_THAT(r->text, Catch::Contains("x <y and <unknown> tag kept"));
  }
}

TEST_CASE("Readers report decoding errors with the path", "[reader]") {
  for (const char* path : {"r.txt", "r.md", "r.html"}) {
    Result<RawText> r = reader_for(path)->read("x\0y"s, path);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message ==
          std::string(path) + ": binary file (NUL byte at offset 1)");
  }
}

}  // namespace
}  // namespace caselens::corpus
