// caselens_bench_query, the in-process query benchmark of bench/run: every
// query of bench/queries.json must run on a real index (a full benchmark
// run that fails on query 30 after hours of indexing is the failure this
// guards against), and bad input must fail the documented way.  No timing
// is asserted: timings belong to bench/.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "tests/support/test_support.h"

namespace {

using caselens::testing::ProcessResult;
using caselens::testing::run_process;
using caselens::testing::TempDir;

const std::string kQueries =
    std::string(CASELENS_SOURCE_DIR) + "/bench/queries.json";

ProcessResult bench(std::vector<std::string> args) {
  args.insert(args.begin(), CASELENS_BENCH_QUERY);
  return run_process(args);
}

// The shared corpus indexed once for all tests of this file.
const std::string& corpus_db() {
  static TempDir dir;
  static const std::string db = [] {
    const std::string path = (dir / "index").string();
    ProcessResult r =
        run_process({CASELENS_BINARY, "index", CASELENS_SHARED_DIR "/corpus",
                     "--db", path, "--quiet"});
    INFO(r.describe());
    REQUIRE(r.exit_code == 0);
    return path;
  }();
  return db;
}

}  // namespace

TEST_CASE("every query of bench/queries.json runs on a real index") {
  rapidjson::Document spec;
  spec.Parse(caselens::testing::read_file(kQueries).c_str());
  REQUIRE(spec.IsArray());
  REQUIRE(spec.Size() >= 30);

  for (const bool facets : {false, true}) {
    std::vector<std::string> args = {"--db",     corpus_db(), "--queries",
                                     kQueries,   "--repeat",  "2",
                                     "--warmup", "0"};
    if (facets) args.push_back("--facets");
    ProcessResult r = bench(args);
    INFO(r.describe());
    REQUIRE(r.exit_code == 0);
    rapidjson::Document out;
    out.Parse(r.out.c_str());
    REQUIRE(out.IsObject());
    REQUIRE(out["documents"].GetUint64() > 5);  // reviews and their passages
    const auto& queries = out["queries"];
    REQUIRE(queries.Size() == spec.Size());
    std::map<std::string, std::uint64_t> totals;
    for (rapidjson::SizeType i = 0; i < queries.Size(); ++i) {
      CHECK(std::string(queries[i]["name"].GetString()) ==
            spec[i]["name"].GetString());
      CHECK(queries[i]["seconds"].Size() == 2);
      CHECK(queries[i]["hits"].GetUint64() <= queries[i]["total"].GetUint64());
      totals[queries[i]["name"].GetString()] = queries[i]["total"].GetUint64();
    }
    // Known matches in the shared corpus (README: one review has "hidden
    // men"); an empty query lists every review: the five files and the
    // Darlington digest's 67 entries.
    CHECK(totals["phrase-hidden-men"] >= 1);
    CHECK(totals["facets-all"] == 5 + 67);
  }
}

TEST_CASE("the expanded text is what the synonyms make of the query") {
  ProcessResult r =
      bench({"--db", corpus_db(), "--queries", kQueries, "--repeat", "1"});
  REQUIRE(r.exit_code == 0);
  rapidjson::Document out;
  out.Parse(r.out.c_str());
  const auto& first = out["queries"][0];
  REQUIRE(std::string(first["name"].GetString()) == "phrase-domestic-abuse");
  const std::string expanded = first["expanded"].GetString();
  CHECK(expanded.find("\"domestic violence\"") != std::string::npos);
}

TEST_CASE(
    "bad input to caselens_bench_query fails with one line and its exit code") {
  TempDir dir;
  struct Case {
    std::string what;
    std::string queries;  // file content; empty: use bench/queries.json
    std::string db;       // empty: the corpus index
    int exit_code;
    std::string message;
  };
  const Case cases[] = {
      {"not JSON", "[{\"name\": ", "", 1, "offset"},
      {"not an array", "{}", "", 1, "expected a JSON array"},
      {"unknown field", R"([{"name": "a", "query": "x", "colour": "red"}])", "",
       1, "[0].colour: unknown field"},
      {"wrong type", R"([{"name": "a", "facets": "yes"}])", "", 1,
       "expected true or false"},
      {"no name", R"([{"query": "x"}])", "", 1, "needs a \"name\""},
      {"query syntax", R"([{"name": "bad", "query": "\"unbalanced"}])", "", 4,
       "query \"bad\""},
      {"missing index", "", (dir / "nowhere").string(), 3, "nowhere"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.what) {
      const std::string queries =
          c.queries.empty() ? kQueries
                            : dir.write(c.what + ".json", c.queries).string();
      ProcessResult r = bench(
          {"--db", c.db.empty() ? corpus_db() : c.db, "--queries", queries});
      INFO(r.describe());
      CHECK(r.exit_code == c.exit_code);
      CHECK(r.out.empty());
      CHECK(caselens::testing::lines_of(r.err).size() == 1);
      CHECK(r.err.find(c.message) != std::string::npos);
    }
  }
}

TEST_CASE("caselens_bench_query usage errors exit 1") {
  CHECK(bench({}).exit_code == 1);
  CHECK(bench({"--db", corpus_db(), "--queries", kQueries, "--repeat", "0"})
            .exit_code == 1);
  CHECK(bench({"--db", corpus_db(), "--queries", kQueries, "--bogus"})
            .exit_code == 1);
}
