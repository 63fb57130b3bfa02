// PDF and DOCX versions of the demo texts (../shared/corpus, generated at
// test time, never committed) read, index and search like the text
// versions.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "corpus/load.h"
#include "tests/corpus/format_fixtures.h"
#include "tests/support/test_support.h"

namespace caselens::corpus {
namespace {

namespace fs = std::filesystem;
using testing::FixtureDoc;

const fs::path kCorpus = fs::path(CASELENS_SHARED_DIR) / "corpus";

std::vector<fs::path> demo_texts() {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kCorpus, ec)) {
    if (entry.path().extension() == ".txt") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The text version's normalised text laid out as a PDF or DOCX would have
// it: its headings as headings, a running header and page numbers, and,
// when `two_columns`, the body after the first heading in two columns.
FixtureDoc fixture_for(const Document& txt, bool two_columns) {
  std::vector<std::string> headings;
  for (const Section& s : txt.sections) {
    if (!s.heading.empty()) headings.push_back(s.heading);
  }
  FixtureDoc doc = testing::fixture_from_text(txt.text, headings);
  doc.title = txt.meta.title;
  // Made in the month the text version is dated (cairo would stamp today).
  if (txt.meta.year) {
    const int month = txt.meta.month ? txt.meta.month : 1;
    doc.created = std::to_string(txt.meta.year) + (month < 10 ? "-0" : "-") +
                  std::to_string(month) + "-01";
  }
  doc.running_header = txt.meta.title.substr(0, 60) + " - published review";
  if (two_columns) {
    for (std::size_t i = 1; i < doc.blocks.size(); ++i) {
      if (doc.blocks[i].kind == testing::FixtureBlock::Kind::kHeading) {
        doc.blocks.insert(doc.blocks.begin() + static_cast<long>(i) + 1,
                          {testing::FixtureBlock::Kind::kTwoColumns, "", {}});
        break;
      }
    }
  }
  return doc;
}

std::string passages_text(const Document& doc) {
  std::string out;
  for (const Passage& p : doc.passages) {
    out += doc.text.substr(p.begin, p.end - p.begin) + "\n";
  }
  return out;
}

// Writes txt/, pdf/ and docx/ copies of the demo texts under `root`.
void write_versions(const fs::path& root,
                    std::map<std::string, Document>* txt_docs) {
  int n = 0;
  for (const fs::path& txt_path : demo_texts()) {
    Result<Document> txt = load_document(txt_path);
    REQUIRE(txt);
    const std::string stem = txt_path.stem().string();
    const FixtureDoc fixture = fixture_for(*txt, n++ % 2 == 1);
    testing::write_file(root / "txt" / (stem + ".txt"),
                        testing::read_file(txt_path));
    testing::write_file(root / "pdf" / (stem + ".pdf"),
                        testing::make_pdf(fixture));
    testing::write_file(root / "docx" / (stem + ".docx"),
                        testing::make_docx(fixture));
    (*txt_docs)[stem] = std::move(*txt);
  }
}

TEST_CASE("Demo texts: PDF and DOCX versions read like the text versions",
          "[pdf][docx][demo]") {
  const std::vector<fs::path> texts = demo_texts();
  if (texts.empty()) {
    WARN("no demo texts in " + kCorpus.string());
    return;
  }
  testing::TempDir dir;
  std::map<std::string, Document> txt_docs;
  write_versions(dir.path(), &txt_docs);
  for (const auto& [stem, txt] : txt_docs) {
    for (const char* format : {"pdf", "docx"}) {
      CAPTURE(stem, format);
      Result<Document> doc =
          load_document(dir.path() / format / (stem + "." + format));
      REQUIRE(doc);
      CHECK(doc->meta.title == txt.meta.title);
      CHECK(doc->meta.type == txt.meta.type);
      CHECK(doc->meta.partnership == txt.meta.partnership);
      CHECK(doc->meta.nation == txt.meta.nation);
      CHECK(doc->meta.year == txt.meta.year);
      CHECK(doc->meta.case_name == txt.meta.case_name);
      const double similarity =
          testing::word_similarity(passages_text(txt), passages_text(*doc));
      CAPTURE(similarity);
      CHECK(similarity >= 0.95);
      // Sections are found as in the text version.
      std::size_t same_headings = 0;
      for (const Section& s : doc->sections) {
        for (const Section& t : txt.sections) {
          if (s.heading == t.heading) {
            ++same_headings;
            break;
          }
        }
      }
      CAPTURE(doc->sections.size(), txt.sections.size(), same_headings);
      CHECK(same_headings * 10 >= txt.sections.size() * 9);
    }
  }
}

// The top three results that are files' own reviews.  Digest entries are
// left out: the PDF and DOCX fixtures are laid out from the normalised text,
// where the digest's table cells are already gone, so only the text version
// has the tables its entries are read from.
std::vector<std::string> top_ids(const fs::path& db, const std::string& query,
                                 bool passages) {
  std::vector<std::string> args = {CASELENS_BINARY, "search", query,     "--db",
                                   db.string(),     "--json", "--limit", "200"};
  if (passages) args.push_back("--passages");
  const testing::ProcessResult r = testing::run_process(args);
  INFO(r.describe());
  REQUIRE(r.exit_code == 0);
  rapidjson::Document json;
  json.Parse(r.out.c_str());
  REQUIRE(json.IsObject());
  std::vector<std::string> ids;
  for (const auto& result : json["results"].GetArray()) {
    if (std::string(result["type"].GetString()) == "digest-entry") continue;
    if (ids.size() == 3) break;
    ids.push_back(passages ? result["review"].GetString()
                           : result["id"].GetString());
  }
  return ids;
}

TEST_CASE(
    "Demo texts: PDF and DOCX versions index and search like the text "
    "versions",
    "[pdf][docx][demo][e2e]") {
  if (demo_texts().empty()) {
    WARN("no demo texts in " + kCorpus.string());
    return;
  }
  testing::TempDir dir;
  std::map<std::string, Document> txt_docs;
  write_versions(dir.path(), &txt_docs);
  for (const char* format : {"txt", "pdf", "docx"}) {
    const testing::ProcessResult r = testing::run_process(
        {CASELENS_BINARY, "index", (dir.path() / format).string(), "--db",
         (dir.path() / (std::string(format) + ".db")).string(), "-q"});
    INFO(r.describe());
    REQUIRE(r.exit_code == 0);
  }
  const std::vector<std::string> queries = {"information sharing",
                                            "neglect",
                                            "\"domestic abuse\"",
                                            "health visitor",
                                            "mental health",
                                            "school attendance",
                                            "police",
                                            "\"voice of the child\"",
                                            "housing",
                                            "recommendations"};
  // Reviews: the same top three in the same order.  Passages: the best
  // passage comes from the same review (passage boundaries and lengths
  // differ a little between formats, so lower ranks may swap).
  std::map<std::string, int> same_passage_lists;
  for (const std::string& query : queries) {
    for (const bool passages : {false, true}) {
      CAPTURE(query, passages);
      const std::vector<std::string> txt =
          top_ids(dir.path() / "txt.db", query, passages);
      REQUIRE_FALSE(txt.empty());
      for (const char* format : {"pdf", "docx"}) {
        CAPTURE(format);
        const std::vector<std::string> other = top_ids(
            dir.path() / (std::string(format) + ".db"), query, passages);
        if (passages) {
          REQUIRE_FALSE(other.empty());
          CHECK(other.front() == txt.front());
          if (other == txt) ++same_passage_lists[format];
        } else {
          CHECK(other == txt);
        }
      }
    }
  }
  for (const char* format : {"pdf", "docx"}) {
    CAPTURE(format, same_passage_lists[format]);
    CHECK(same_passage_lists[format] * 10 >=
          static_cast<int>(queries.size()) * 7);
  }
}

}  // namespace
}  // namespace caselens::corpus
