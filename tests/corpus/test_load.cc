#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "corpus/load.h"

namespace caselens::corpus {
namespace {

namespace fs = std::filesystem;

const fs::path kShared = CASELENS_SHARED_DIR;

// A fresh folder under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (fs::temp_directory_path() / "corpus-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path write(const std::string& relative,
                 const std::string& content) const {
    const fs::path p = path_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  fs::path path_;
};

void check_invariants(const Document& doc) {
  REQUIRE_FALSE(doc.passages.empty());
  REQUIRE_FALSE(doc.sections.empty());
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < doc.passages.size(); ++i) {
    const Passage& p = doc.passages[i];
    CAPTURE(i);
    REQUIRE(p.section < doc.sections.size());
    const Section& s = doc.sections[p.section];
    CHECK(p.begin < p.end);
    CHECK(p.end <= doc.text.size());
    CHECK(p.begin >= previous_end);
    CHECK(p.begin >= s.begin);
    CHECK(p.end <= s.end);
    CHECK(i >= s.first_passage);
    CHECK(i < s.first_passage + s.passage_count);
    previous_end = p.end;
  }
  std::size_t counted = 0;
  for (std::size_t k = 0; k < doc.sections.size(); ++k) {
    counted += doc.sections[k].passage_count;
    if (k + 1 < doc.sections.size()) {
      CHECK(doc.sections[k].end == doc.sections[k + 1].begin);
    }
  }
  CHECK(counted == doc.passages.size());
  CHECK(doc.sections.back().end == doc.text.size());
}

TEST_CASE("load_document reads, prepares and applies the sidecar", "[load]") {
  TempDir dir;
  const fs::path doc = dir.write(
      "review.txt",
      "Kirklees Safeguarding Children Partnership\n\nSERIOUS CASE REVIEW\n\n"
      "Background\n\nThe review was written in line with Working Together and "
      "the\nrelevant guidance for Child Q.\n");
  Result<Document> r = load_document(doc);
  REQUIRE(r.ok());
  CHECK(r->path == doc.string());
  CHECK(r->format == "txt");
  CHECK(r->meta.type == "serious-case-review");
  CHECK(r->meta.overridden.empty());
  check_invariants(*r);

  CHECK(sidecar_path(doc) == dir.path() / "review.meta.json");
  dir.write("review.meta.json", R"({"year": 2017, "reviewer": "J. Smith"})");
  r = load_document(doc);
  REQUIRE(r.ok());
  CHECK(r->meta.year == 2017);
  CHECK(r->meta.extra.at("reviewer") == "J. Smith");
  CHECK(r->meta.overridden == std::vector<std::string>{"year", "reviewer"});

  dir.write("review.meta.json", R"({"year": [2017]})");
  r = load_document(doc);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kInput);
  CHECK(r.error().message == (dir.path() / "review.meta.json").string() +
                                 ": field \"year\" must be an integer");
}

TEST_CASE("HTML and Markdown documents load with structure", "[load]") {
  Result<Document> html = load_document_bytes(
      "<html><head><title>Rapid Review: Child K</title></head><body>"
      "<h1>Rapid Review</h1><h2>Background</h2><p>Child K was seen by the "
      "health visitor\non several occasions before the incident.</p>"
      "<h2>Learning</h2><ul><li>Share information</li><li>Escalate</li></ul>"
      "</body></html>",
      "k.html");
  REQUIRE(html.ok());
  CHECK(html->format == "html");
  CHECK(html->meta.title == "Rapid Review: Child K");
  CHECK(html->meta.type == "rapid-review");
  check_invariants(*html);
  std::vector<std::string> headings;
  for (const Section& s : html->sections) headings.push_back(s.heading);
  // A title directly over a heading stays in the preamble: the segmenter
  // sees text, not tags.
  CHECK(headings == std::vector<std::string>{"", "Background", "Learning"});
  REQUIRE(html->passages.size() == 4);
  const Passage& wrapped = html->passages[1];
  CHECK(html->text.substr(wrapped.begin, wrapped.end - wrapped.begin) ==
        "Child K was seen by the health visitor on several occasions before "
        "the incident.");
  CHECK(html->passages[3].list_item);

  Result<Document> md = load_document_bytes(
      "# Thematic Review of Neglect\n\n## Findings\n\nPractitioners "
      "**did not** see the\nchildren alone.\n\n* One\n* Two\n",
      "n.md");
  REQUIRE(md.ok());
  CHECK(md->format == "md");
  CHECK(md->meta.title == "Thematic Review of Neglect");
  CHECK(md->meta.type == "thematic-review");
  check_invariants(*md);
  CHECK(md->sections.back().heading == "Findings");
  CHECK(md->text.find("Practitioners did not see the children alone.\n\n"
                      "- One\n- Two") != std::string::npos);
}

TEST_CASE("load_document errors name the file", "[load]") {
  TempDir dir;
  struct Case {
    std::string file;
    std::string content;
    std::string message_tail;
  };
  const std::vector<Case> cases = {
      {"empty.txt", "", ": empty file"},
      {"blank.md", "  \n\n\t", ": empty file"},
      {"bin.txt", std::string("ab\0c", 4),
       ": binary file (NUL byte at offset 2)"},
      {"script.html", "<script>x()</script>", ": empty file (no text)"},
      {"bad.txt", "ok \xC3\xA9 \xC3",
       ": invalid UTF-8 at byte offset 6 (and not "
       "Windows-1252 text)"},
      {"doc.rtf", "{\\rtf1}", ": unsupported file type \".rtf\""},
      {"doc.pdf", "%PDF", ": not a readable PDF (damaged or not a PDF)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const fs::path p = dir.write(c.file, c.content);
    Result<Document> r = load_document(p);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::kInput);
    CHECK(r.error().message == p.string() + c.message_tail);
  }
  Result<Document> missing = load_document(dir.path() / "nope.txt");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message ==
        (dir.path() / "nope.txt").string() + ": no such file or directory");
  Result<Document> folder = load_document(dir.path());
  REQUIRE_FALSE(folder.ok());
  CHECK_THAT(folder.error().message, Catch::EndsWith(": is a directory"));
}

TEST_CASE("load_document_bytes never throws on arbitrary bytes", "[load]") {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 400);
  const std::string alphabet = "<>/&;#-*\n\n abcXYZ.1:!\"'";
  for (int i = 0; i < 600; ++i) {
    std::string bytes;
    const int n = length(rng);
    for (int k = 0; k < n; ++k) {
      // Mostly markup-ish ASCII, sometimes any byte.
      bytes.push_back(k % 7 == 0 ? static_cast<char>(byte(rng))
                                 : alphabet[byte(rng) % alphabet.size()]);
    }
    for (const char* name : {"f.txt", "f.md", "f.html"}) {
      Result<Document> r = load_document_bytes(bytes, name);
      if (r.ok()) check_invariants(*r);
    }
  }
}

std::vector<std::string> relative_paths(const std::vector<FoundFile>& found,
                                        const fs::path& root) {
  std::vector<std::string> out;
  for (const FoundFile& f : found) {
    out.push_back(f.path.lexically_relative(root).generic_string());
  }
  return out;
}

TEST_CASE("find_documents walks folders", "[load]") {
  TempDir dir;
  const fs::path root = dir.path();
  dir.write("b.txt", "b");
  dir.write("a.md", "a");
  dir.write("a.meta.json", "{}");
  dir.write("notes.rtf", "{\\rtf1}");
  dir.write("sub/deeper/c.HTML", "<p>c</p>");
  dir.write("sub/d.htm", "<p>d</p>");
  dir.write("sub/skip.doc", "x");
  fs::create_directory_symlink(root, root / "sub" / "loop");
  fs::create_symlink(root / "b.txt", root / "sub" / "b-link.txt");

  std::vector<std::string> errors;
  const auto on_error = [&](const Error& e) { errors.push_back(e.message); };
  const std::vector<FoundFile> found =
      find_documents({root, root / "b.txt", root / "missing"}, on_error);
  CHECK(relative_paths(found, root) ==
        std::vector<std::string>{"a.md", "b.txt", "sub/d.htm",
                                 "sub/deeper/c.HTML"});
  CHECK(found[1].size == 1);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] ==
        (root / "missing").string() + ": no such file or directory");

  SECTION("an explicit unsupported file is reported") {
    errors.clear();
    CHECK(find_documents({root / "notes.rtf"}, on_error).empty());
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::Contains("unsupported file type"));
  }
}

TEST_CASE("find_documents reports an unreadable folder", "[load]") {
  TempDir dir;
  dir.write("ok/a.txt", "a");
  dir.write("locked/b.txt", "b");
  fs::permissions(dir.path() / "locked", fs::perms::none);
  std::error_code ec;
  fs::directory_iterator probe(dir.path() / "locked", ec);
  if (!ec) {
    fs::permissions(dir.path() / "locked", fs::perms::owner_all);
    WARN("running with permission to read any folder; check skipped");
    return;
  }
  std::vector<std::string> errors;
  const std::vector<FoundFile> found = find_documents(
      {dir.path()}, [&](const Error& e) { errors.push_back(e.message); });
  fs::permissions(dir.path() / "locked", fs::perms::owner_all);
  CHECK(relative_paths(found, dir.path()) ==
        std::vector<std::string>{"ok/a.txt"});
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Catch::StartsWith((dir.path() / "locked").string() +
                                          ": cannot read folder"));
}

struct RealExpectation {
  std::string file;
  std::string title_fragment;
  std::string type;
  std::string partnership;
  std::string nation;
  int year;
  int month;
  std::string case_name;
  std::string child_age;
};

TEST_CASE("the real corpus comes out with sensible metadata", "[load][real]") {
  const std::vector<RealExpectation> cases = {
      {"cysur-1-2021-child-a-concise-review.txt",
       "Concise Child Practice Review", "concise-child-practice-review",
       "Mid and West Wales Safeguarding Board", "Wales", 2021, 0, "Child A",
       ""},
      {"darlington-lessons-learned-digest-issue-4-2021-10.txt",
       "Lessons Learned Research Digest Issue 4", "research-digest",
       "Darlington Safeguarding Partnership", "England", 2021, 10, "", ""},
      // No publication date is stated: the year is that of the latest date
      // the text mentions (July 2020), and the month is left unknown.
      {"dudley-child-t-multi-agency-review.txt",
       "Multi Agency Child Safeguarding Report: Child T", "multi-agency-review",
       "Dudley Safeguarding People Partnership", "England", 2020, 0, "Child T",
       "8"},
      {"kirklees-child-e-executive-summary-2019.txt", "Child E",
       "child-safeguarding-practice-review",
       "Kirklees Safeguarding Children Partnership", "England", 2019, 10,
       "Child E (Steven)", "4 months"},
      {"leicester-child-r-scr-executive-summary-2012.txt",
       "Serious Case Review in respect of Child R", "serious-case-review",
       "Leicester Safeguarding Children Board", "England", 2012, 1, "Child R",
       "10 months"},
  };
  for (const RealExpectation& c : cases) {
    SECTION(c.file) {
      Result<Document> r = load_document(kShared / "corpus" / c.file);
      REQUIRE(r.ok());
      const Metadata& m = r->meta;
      CHECK_THAT(m.title, Catch::Contains(c.title_fragment));
      CHECK(m.type == c.type);
      CHECK(m.partnership == c.partnership);
      CHECK(m.nation == c.nation);
      CHECK(m.year == c.year);
      CHECK(m.month == c.month);
      CHECK(m.case_name == c.case_name);
      CHECK(m.child_age == c.child_age);
      check_invariants(*r);
      // Normalisation left no typographic quotes, dashes or double spaces.
      for (const char* gone : {"\xE2\x80\x9C", "\xE2\x80\x99", "\xE2\x80\x93",
                               "  ", "\n\n\n", "**"}) {
        CHECK(r->text.find(gone) == std::string::npos);
      }
    }
  }
}

TEST_CASE("real corpus section structure", "[load][real]") {
  Result<Document> dudley = load_document(
      kShared / "corpus" / "dudley-child-t-multi-agency-review.txt");
  REQUIRE(dudley.ok());
  std::vector<std::string> headings;
  for (const Section& s : dudley->sections) headings.push_back(s.heading);
  for (const char* expected :
       {"1. Framework of the review", "6.2 Maternal mental health",
        "10. Conclusions and Recommendations"}) {
    CHECK(std::count(headings.begin(), headings.end(), expected) == 1);
  }
  // The contents block is one passage in the opening, not ten headings.
  CHECK(std::count(headings.begin(), headings.end(), "6. Analysis") == 1);
  const auto contents = std::find_if(
      dudley->passages.begin(), dudley->passages.end(), [&](const Passage& p) {
        return dudley->text.compare(p.begin, 9, "Contents:") == 0;
      });
  REQUIRE(contents != dudley->passages.end());
  CHECK(dudley->sections[contents->section].begin < dudley->sections[1].end);

  Result<Document> leicester = load_document(
      kShared / "corpus" / "leicester-child-r-scr-executive-summary-2012.txt");
  REQUIRE(leicester.ok());
  headings.clear();
  for (const Section& s : leicester->sections) headings.push_back(s.heading);
  CHECK(std::count(headings.begin(), headings.end(),
                   "7. Lessons to be learnt") == 1);
  CHECK(std::count(headings.begin(), headings.end(), "8. Recommendations") ==
        1);
  // The numbered terms-of-reference list inside section 3 is not headings.
  CHECK(
      std::none_of(headings.begin(), headings.end(), [](const std::string& h) {
        return h.rfind("1. In relation", 0) == 0 ||
               h.rfind("3. In relation", 0) == 0;
      }));
}

TEST_CASE("every coroner's report loads with type and year", "[load][real]") {
  const fs::path folder = kShared / "realworld" / "pfd-reports";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  CHECK(files.size() == 364);
  std::vector<std::string> failures;
  for (const fs::path& file : files) {
    Result<Document> r = load_document(file);
    if (!r.ok()) {
      failures.push_back(r.error().message);
      continue;
    }
    const Metadata& m = r->meta;
    if (m.type != "prevention-of-future-deaths-report" || m.year < 2000 ||
        m.month < 1 || m.partnership.empty() || m.nation.empty() ||
        m.title.empty() || !m.extra.count("coroner")) {
      failures.push_back(file.string() + ": incomplete metadata");
    }
  }
  CHECK(failures == std::vector<std::string>{});
}

}  // namespace
}  // namespace caselens::corpus
