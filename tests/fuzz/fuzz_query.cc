// Fuzz target: the query side.  query::check_query_syntax and
// Synonyms::expand (with the shipped data/synonyms.txt) on the query text,
// Synonyms::parse on the whole input, and query::search on a small on-disk
// index built once, at the first call, from three tiny reviews in a
// temporary folder (removed at exit).  With CASELENS_FUZZ_VERBOSE set,
// each search's outcome is printed.  search() must return a result or an
// error, never crash or throw.
//
// Input: byte 0 holds flags (passages, facets, sort, offset); the rest is
// fields separated by '\x1f': query, types (',' separated), from, to,
// themes (',' separated), partnership, section, nation, sort.
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "analysis/codebook.h"
#include "indexer/indexer.h"
#include "query/database.h"
#include "query/search.h"
#include "query/synonyms.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

namespace fs = std::filesystem;
namespace query = caselens::query;
using caselens::fuzz::check;
using caselens::fuzz::fail;

struct Fixture {
  fs::path dir;
  Xapian::Database db;
  query::Synonyms synonyms;
};

fs::path temp_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/caselens-fuzz-XXXXXX";
  if (!mkdtemp(tmpl.data())) fail("cannot make a temporary folder");
  return tmpl;
}

void write(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) fail("cannot write " + path.string());
}

fs::path g_dir;  // removed at exit
void remove_dir() {
  std::error_code ec;
  if (!g_dir.empty()) fs::remove_all(g_dir, ec);
}

Fixture build() {
  Fixture f;
  f.dir = g_dir = temp_dir();
  std::atexit(remove_dir);
  const fs::path in = f.dir / "in";
  fs::create_directories(in);
  write(in / "child a.txt",
        "Serious Case Review: Child A\n\nKirklees Safeguarding Children Partnership\n\n"
        "Executive Summary\n\nChild A was aged 10 months. There was neglect and "
        "domestic abuse; the hidden men in the household were not assessed.\n\n"
        "Recommendations\n\n- Practitioners should ask about fathers.\n"
        "- Information sharing between agencies must improve.\n");
  write(in / "child a.meta.json",
        R"({"type": "serious-case-review", "year": 2019, "month": 10, "nation": "England"})");
  write(in / "child b.md",
        "# Child Safeguarding Practice Review: Child B\n\nLeeds Safeguarding Children "
        "Partnership\n\n## Analysis\n\nDV and coercive control; the MASH did not share "
        "information. Bruising was seen at a home visit.\n");
  write(in / "child b.meta.json",
        R"({"type": "child-safeguarding-practice-review", "date": "2021-03-05"})");
  write(in / "adult c.html",
        "<html><head><title>Safeguarding Adults Review: C</title></head><body>"
        "<h1>Findings</h1><p>Self-neglect and exploitation; CSE was not recognised "
        "in 2020.</p><ul><li>Learning: professional curiosity.</li></ul></body></html>");

  auto book = caselens::analysis::load_codebook(caselens::analysis::default_codebook_path());
  if (!book) fail("cannot load the codebook: " + book.error().message);
  caselens::indexer::IndexOptions options;
  options.codebook = &*book;
  caselens::indexer::IndexCallbacks callbacks;
  callbacks.on_file_error = [](const caselens::Error& e) { fail("fixture not indexed: " + e.message); };
  auto stats = caselens::indexer::index_paths(f.dir / "db", {in}, options, callbacks);
  if (!stats) fail("cannot build the fixture index: " + stats.error().message);
  auto db = query::open_index(f.dir / "db");
  if (!db) fail("cannot open the fixture index: " + db.error().message);
  f.db = *db;
  auto synonyms = query::Synonyms::load(fs::path(CASELENS_DATA_DIR) / "synonyms.txt");
  if (!synonyms) fail("cannot load synonyms: " + synonyms.error().message);
  f.synonyms = std::move(*synonyms);
  return f;
}

const Fixture& fixture() {
  static const Fixture f = build();
  return f;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto at = s.find(sep, start);
    out.emplace_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::vector<std::string> list(const std::string& s) {
  if (s.empty()) return {};
  return split(s, ',');
}

}  // namespace

extern "C" int CASELENS_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Fixture& f = fixture();
  const uint8_t flags = data[0];
  const std::string_view rest = caselens::fuzz::as_view(data + 1, size - 1);

  (void)query::Synonyms::parse(rest, "fuzz.txt");

  std::vector<std::string> fields = split(rest, '\x1f');
  fields.resize(9);
  query::SearchRequest request;
  request.query = fields[0];
  request.types = list(fields[1]);
  request.from = fields[2];
  request.to = fields[3];
  request.themes = list(fields[4]);
  request.partnership = fields[5];
  request.section = fields[6];
  request.nation = fields[7];
  static const char* const kSorts[] = {"", "date", "theme:neglect", nullptr};
  const char* sort = kSorts[(flags >> 2) & 3];
  request.sort = sort ? sort : fields[8];
  request.passages = flags & 1;
  request.facets = flags & 2;
  request.offset = (flags >> 4) & 3;
  request.limit = 1 + ((flags >> 6) & 3) * 3;

  (void)query::check_query_syntax(request.query);
  (void)f.synonyms.expand(request.query);

  try {
    auto result = query::search(f.db, request, f.synonyms);
    if (std::getenv("CASELENS_FUZZ_VERBOSE")) {  // to look at what inputs do
      std::fprintf(stderr, "  query [%s]: %s\n", request.query.c_str(),
                   result ? ("total " + std::to_string(result->total) + ", parsed " +
                             result->parsed).c_str()
                          : result.error().message.c_str());
    }
    if (result) {
      check(result->hits.size() <= request.limit, "more hits than the limit");
      for (const auto& hit : result->hits) {
        check(hit.begin <= hit.end, "hit span reversed");
      }
    } else {
      check(!result.error().message.empty(), "search error without a message");
    }
  } catch (const std::exception& e) {
    fail(std::string("search threw: ") + e.what());
  }
  return 0;
}
