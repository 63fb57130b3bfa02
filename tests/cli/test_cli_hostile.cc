// Hostile inputs through the real binary on a real index: every one in a
// single run, each bad file reported in one line naming it, every readable
// one indexed whole and found, and very long queries.
#include <rapidjson/document.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/cli/cli_helpers.h"
#include "tests/corpus/format_fixtures.h"

namespace {

namespace fs = std::filesystem;
using caselens::testing::caselens;
using caselens::testing::expect_exit;
using caselens::testing::lines_of;
using caselens::testing::parse_json;
using caselens::testing::ProcessResult;
using caselens::testing::reviews_in;
using caselens::testing::synthetic_review;
using caselens::testing::TempDir;

// A PDF of a short review holding `word`, written with cairo.
std::string review_pdf(const std::string& word) {
  return caselens::testing::make_pdf(caselens::testing::parse_fixture(
      "# Executive Summary\n\nPractitioners recorded " + word +
      " concerns at several home visits over two years.\n\n# "
      "Recommendations\n\n"
      "- Agencies should share information about the household promptly."));
}

// `pdf` with every offset of its cross-reference table pointing at the
// wrong place.
std::string with_broken_xref(std::string pdf) {
  const std::size_t xref = pdf.rfind("\nxref\n");
  REQUIRE(xref != std::string::npos);
  for (std::size_t i = xref + 6;
       i < pdf.size() && pdf.compare(i, 7, "trailer") != 0; ++i) {
    if (pdf[i] >= '1' && pdf[i] <= '8') pdf[i] += 1;
  }
  return pdf;
}

TEST_CASE(
    "hostile inputs in one run: one line per bad file, the readable ones "
    "indexed and found",
    "[cli][bad-input]") {
  TempDir dir;
  const fs::path in = dir / "in";
  struct Input {
    std::string name;  // under in/
    std::string bytes;
    std::string
        message;  // the stderr line names the file and says this; "": indexed
    std::string word;  // indexed: a word only this file has
  };
  const std::string pdf = review_pdf("pdfquokkaword");
  std::string one_line = "Northshire Safeguarding Children Partnership. ";
  while (one_line.size() < (3u << 20)) {
    one_line +=
        "The practitioners visited the family home and recorded what they saw "
        "there. ";
  }
  one_line += "At the very end: longlineword.";
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "<div><b>";
  nested += "Practitioners recorded nestedword concerns.";
  for (int i = 0; i < 100000; ++i) nested += "</b></div>";
  const std::vector<Input> inputs = {
      {"good.txt", synthetic_review("Northshire", "quokkaword"), "",
       "quokkaword"},
      {"truncated.pdf", pdf.substr(0, pdf.size() / 2),
       "not a readable PDF (Couldn't find trailer dictionary)", ""},
      // poppler rebuilds a broken cross-reference table from the objects.
      {"broken-xref.pdf", with_broken_xref(review_pdf("xrefwombatword")), "",
       "xrefwombatword"},
      {"zero.txt", "", "empty file", ""},
      {"zero.pdf", "", "empty file", ""},
      {"zero.docx", "", "empty file", ""},
      {"zero.html", "", "empty file", ""},
      {"one-line.txt", one_line, "", "longlineword"},
      {"nested.html", nested, "", "nestedword"},
      {"nul.txt", std::string("Some words\0 then a NUL byte.", 28),
       "binary file (NUL byte at offset 10)", ""},
      {"mixed-encodings.txt",
       "Caf\xC3\xA9 in UTF-8, then na\xEFve in Latin-1.\n",
       "invalid UTF-8 at byte offset 23", ""},
      {"windows-1252.txt",
       "Northshire Partnership\n\nThe \x93na\xEFvewordone\x94 visit.\n", "",
       "na\xC3\xAFvewordone"},
      // Spaces and non-ASCII characters in folder and file names.
      {"Fälle 2021/Child A – review (final) Ä.txt",
       synthetic_review("Northshire", "umlautword"), "", "umlautword"},
      {"typed-sidecar.txt", synthetic_review("Northshire", "sidecarword"),
       "field \"year\" must be an integer", ""},
  };
  for (const Input& input : inputs) dir.write("in/" + input.name, input.bytes);
  dir.write("in/typed-sidecar.meta.json", "{\"year\": \"2019\"}");
  // Symlink loops: each folder is walked once, its file indexed once.
  dir.write("in/loops/inner/looped.txt",
            synthetic_review("Northshire", "loopword"));
  fs::create_directory_symlink("..", in / "loops" / "inner" / "up");
  fs::create_directory_symlink(".", in / "loops" / "self");
  fs::create_directory_symlink(in, in / "loops" / "inner" / "root");

  const std::string db = (dir / "db").string();
  const ProcessResult r =
      caselens({"index", in.string(), "--db", db, "--json", "-q"});
  INFO(r.describe());
  REQUIRE(r.exit_code == 2);
  const auto json = parse_json(r);

  // Each bad file: one line naming it; the rest of the run went on.
  std::set<std::string> lines;
  for (const auto& line : lines_of(r.err)) lines.insert(line);
  std::size_t bad = 0, good = 1;  // good: looped.txt too
  for (const Input& input : inputs) {
    CAPTURE(input.name);
    if (input.message.empty()) {
      ++good;
      continue;
    }
    ++bad;
    const std::string named = input.name == "typed-sidecar.txt"
                                  ? "typed-sidecar.meta.json"
                                  : input.name;
    const std::string expected =
        "caselens: " + (in / named).string() + ": " + input.message;
    CHECK(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) {
            return l.rfind(expected, 0) == 0;
          }) == 1);
  }
  CHECK(lines.size() == bad);
  CHECK(lines_of(r.err).size() == bad);
  CHECK(json["failed"].GetUint64() == bad);
  CHECK(json["added"].GetUint64() == good);

  // Nothing lost: every readable file is there once, and found.
  CHECK(reviews_in(db) == good);
  for (const Input& input : inputs) {
    if (!input.message.empty()) continue;
    CAPTURE(input.name);
    const auto found = parse_json(
        expect_exit(0, {"search", input.word, "--db", db, "--json"}));
    REQUIRE(found["total"].GetUint64() == 1);
    const std::string id = found["results"][0]["id"].GetString();
    const auto shown =
        parse_json(expect_exit(0, {"show", id, "--db", db, "--json"}));
    CHECK(fs::path(shown["path"].GetString()) == in / input.name);
  }
  const auto looped =
      parse_json(expect_exit(0, {"search", "loopword", "--db", db, "--json"}));
  REQUIRE(looped["total"].GetUint64() ==
          1);  // once, however many ways lead to it
  CHECK(std::string(looped["results"][0]["id"].GetString()) == "looped");
  // The long line is cut into many passages, the last of them searchable.
  const auto long_line = parse_json(expect_exit(
      0, {"search", "longlineword", "--db", db, "--json", "--passages"}));
  REQUIRE(long_line["total"].GetUint64() == 1);
  const auto shown = parse_json(
      expect_exit(0, {"show", long_line["results"][0]["review"].GetString(),
                      "--db", db, "--json"}));
  CHECK(shown["passages"].GetUint64() > 100);
}

TEST_CASE("queries 10,000 characters long: results or exit 4, never a crash",
          "[cli][query]") {
  TempDir dir;
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  const std::string db = (dir / "db").string();
  expect_exit(0, {"index", (dir / "in").string(), "--db", db, "-q"});
  auto repeat = [](const std::string& unit, std::size_t length) {
    std::string s;
    while (s.size() < length) s += unit;
    s.resize(length);
    return s;
  };
  const std::string nested = std::string(5000, '(') + std::string(5000, ')');
  std::string phrase = repeat("home visits ", 9998);
  phrase.insert(phrase.begin(), '"');
  phrase.push_back('"');
  const std::map<std::string, std::string> queries = {
      {"plain words", repeat("neglect concerns quokkaword ", 10000)},
      {"operators",
       repeat("neglect AND (home OR visit) NOT school NEAR/3 ", 10000)},
      {"nested brackets", nested},
      {"a phrase", phrase},
      {"one word", repeat("a", 10000)},
      {"field prefixes",
       repeat("title:child section:summary theme:neglect ", 10000)},
      {"unbalanced", repeat("(\"neglect ", 10000)},
      {"non-ASCII", repeat("\xC3\xA9t\xC3\xA9 \xE2\x80\x93 ", 10000)},
  };
  for (const auto& [shape, query] : queries) {
    for (const bool passages : {false, true}) {
      CAPTURE(shape, passages, query.size());
      std::vector<std::string> args = {"search", query, "--db", db, "--json"};
      if (passages) args.push_back("--passages");
      const ProcessResult r = caselens(args);
      INFO(r.describe().substr(0, 2000));
      REQUIRE((r.exit_code == 0 || r.exit_code == 4));
      if (r.exit_code == 0) {
        const auto json = parse_json(r);
        CHECK(json["total"].IsUint64());
        CHECK(r.err.empty());
      } else {
        CHECK(lines_of(r.err).size() == 1);
        CHECK_THAT(r.err, Catch::StartsWith("caselens: "));
        CHECK(r.out.empty());
      }
    }
  }
}

// Poppler and its two dozen libraries load on the first PDF only: a search
// starts without them (glibc's LD_DEBUG=libs names every library loaded),
// and a PDF read without the module is an error naming the file.
TEST_CASE("the PDF module loads on the first PDF, and its absence is one error line",
          "[cli][pdf]") {
  TempDir dir;
  const auto pdf = dir.write("in/review.pdf", review_pdf("quokkaword"));
  const std::string db = (dir / "db").string();
  caselens::testing::RunOptions trace;
  trace.env = {"LD_DEBUG=libs"};
  const ProcessResult index = caselens({"index", (dir / "in").string(), "--db", db}, trace);
  INFO(index.describe().substr(0, 2000));
  REQUIRE(index.exit_code == 0);
  CHECK(index.err.find("libpoppler") != std::string::npos);
  const ProcessResult search = caselens({"search", "quokkaword", "--db", db, "--json"}, trace);
  INFO(search.describe().substr(0, 2000));
  REQUIRE(search.exit_code == 0);
  CHECK(parse_json(search)["total"].GetUint64() == 1);
  CHECK(search.err.find("libpoppler") == std::string::npos);
  CHECK(search.err.find("calling init") != std::string::npos);  // the trace is on

  caselens::testing::RunOptions missing;
  missing.env = {"CASELENS_PDF_MODULE=" + (dir / "no-such-module.so").string()};
  const ProcessResult tag = caselens({"tag", pdf.string()}, missing);
  INFO(tag.describe());
  CHECK(tag.exit_code == 2);
  REQUIRE(lines_of(tag.err).size() == 1);
  CHECK_THAT(tag.err, Catch::Contains(pdf.string()) && Catch::Contains("cannot read PDFs here") &&
                          Catch::Contains("no-such-module.so"));
}

}  // namespace
