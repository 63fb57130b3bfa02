// End-to-end tests: the real caselens binary, run as a subprocess, on real
// on-disk indexes in temporary folders, over the shared corpus (read from
// CASELENS_SHARED_DIR at test time, never copied) and small bad inputs.
#include <rapidjson/document.h>
#include <signal.h>
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/cli/cli_helpers.h"

namespace {

namespace fs = std::filesystem;
using caselens::testing::caselens;
using caselens::testing::documents_in;
using caselens::testing::expect_exit;
using caselens::testing::lines_of;
using caselens::testing::parse_json;
using caselens::testing::ProcessResult;
using caselens::testing::reviews_in;
using caselens::testing::RunOptions;
using caselens::testing::single_error_line;
using caselens::testing::synthetic_review;
using caselens::testing::TempDir;

const fs::path kShared = CASELENS_SHARED_DIR;
const fs::path kCorpus = kShared / "corpus";
const fs::path kReports = kShared / "realworld" / "pfd-reports";

const std::string kCysur = "cysur-1-2021-child-a-concise-review";
const std::string kDarlington =
    "darlington-lessons-learned-digest-issue-4-2021-10";
const std::string kDudley = "dudley-child-t-multi-agency-review";
const std::string kKirklees = "kirklees-child-e-executive-summary-2019";
const std::string kLeicester = "leicester-child-r-scr-executive-summary-2012";


std::set<std::string> result_ids(const rapidjson::Document& doc) {
  std::set<std::string> ids;
  for (const auto& r : doc["results"].GetArray())
    ids.insert(r["id"].GetString());
  return ids;
}

// The shared corpus indexed once for the tests that only read it.
struct CorpusIndex {
  TempDir dir;
  fs::path db = dir / "corpus.db";
  ProcessResult first_run;
  CorpusIndex() {
    first_run = caselens({"index", kCorpus.string(), "--db", db.string()});
  }
};

const CorpusIndex& corpus_index() {
  static const CorpusIndex index;
  return index;
}

std::string corpus_db() {
  const CorpusIndex& index = corpus_index();
  INFO(index.first_run.describe());
  REQUIRE(index.first_run.exit_code == 0);
  return index.db.string();
}

TEST_CASE("index the shared corpus: every file added - then unchanged",
          "[cli][corpus]") {
  const CorpusIndex& index = corpus_index();
  INFO(index.first_run.describe());
  REQUIRE(index.first_run.exit_code == 0);
  CHECK_THAT(index.first_run.out, Catch::Contains("added 5,"));
  CHECK_THAT(index.first_run.out, Catch::Contains("failed 0"));
  CHECK(index.first_run.err.empty());

  const ProcessResult again = expect_exit(
      0, {"index", kCorpus.string(), "--db", corpus_db(), "--json"});
  const auto json = parse_json(again);
  CHECK(json["added"].GetUint64() == 0);
  CHECK(json["updated"].GetUint64() == 0);
  CHECK(json["unchanged"].GetUint64() == 5);
  CHECK(json["failed"].GetUint64() == 0);
  CHECK(json["errors"].GetArray().Size() == 0);
}

// The Darlington digest's entries are reviews of their own (type
// digest-entry): 67 of them, read from its tables.
constexpr std::uint64_t kDarlingtonEntries = 67;

TEST_CASE("search a phrase", "[cli][corpus]") {
  const ProcessResult text =
      expect_exit(0, {"search", "\"hidden men\"", "--db", corpus_db()});
  // The digest, and its one entry (Children Q&R) that names hidden men.
  CHECK_THAT(text.out, Catch::StartsWith("2 reviews match '\"hidden men\"'"));
  CHECK_THAT(text.out, Catch::Contains("[" + kDarlington + "]"));
  CHECK_THAT(text.out, Catch::Contains("[" + kDarlington + "-entry-22]"));
  // Not a terminal: plain highlight marks, no colour codes.
  CHECK_THAT(text.out, Catch::Contains("[hidden"));
  CHECK_THAT(text.out, !Catch::Contains("\033["));

  const auto json = parse_json(expect_exit(
      0, {"search", "\"hidden men\"", "--db", corpus_db(), "--json"}));
  CHECK(json["total"].GetUint64() == 2);
  CHECK(result_ids(json) ==
        std::set<std::string>{kDarlington, kDarlington + "-entry-22"});
}

TEST_CASE("search with --type keeps only that type", "[cli][corpus]") {
  const auto all = parse_json(expect_exit(
      0, {"search", "information sharing", "--db", corpus_db(), "--json"}));
  // The five corpus files, and the digest's entries that mention it.
  const auto entries = parse_json(
      expect_exit(0, {"search", "information sharing", "--type", "digest-entry",
                      "--db", corpus_db(), "--json"}));
  CHECK(entries["total"].GetUint64() >= 10);
  CHECK(all["total"].GetUint64() == 5 + entries["total"].GetUint64());
  const auto scr = parse_json(
      expect_exit(0, {"search", "information sharing", "--type",
                      "serious-case-review", "--db", corpus_db(), "--json"}));
  CHECK(scr["total"].GetUint64() >= 1);
  CHECK(scr["total"].GetUint64() < all["total"].GetUint64());
  CHECK(result_ids(scr).count(kLeicester) == 1);
  for (const auto& r : scr["results"].GetArray()) {
    CHECK(std::string(r["type"].GetString()) == "serious-case-review");
  }
}

TEST_CASE("search --from --facets --json has the documented shape",
          "[cli][corpus]") {
  const auto json =
      parse_json(expect_exit(0, {"search", "domestic abuse", "--from", "2019",
                                 "--facets", "--db", corpus_db(), "--json"}));
  REQUIRE(json.HasMember("query"));
  CHECK(std::string(json["query"].GetString()) == "domestic abuse");
  CHECK(std::string(json["kind"].GetString()) == "review");
  REQUIRE(json["total"].IsUint64());
  CHECK(json["total_exact"].IsBool());
  CHECK(json["offset"].GetUint64() == 0);
  CHECK(json["limit"].GetUint64() == 10);
  CHECK(json["did_you_mean"].IsNull());
  const std::uint64_t total = json["total"].GetUint64();
  CHECK(total >= 2);
  REQUIRE(json["results"].IsArray());
  CHECK(json["results"].Size() == std::min<std::uint64_t>(total, 10));
  std::size_t rank = 0;
  for (const auto& r : json["results"].GetArray()) {
    for (const char* key :
         {"id", "review", "title", "type", "partnership", "nation", "date",
          "case_name", "child_age", "path", "snippet"}) {
      INFO("key " << key);
      REQUIRE(r.HasMember(key));
      CHECK(r[key].IsString());
    }
    CHECK(r["rank"].GetUint64() == ++rank);
    CHECK(r["score"].IsNumber());
    CHECK(r["themes"].IsArray());
    REQUIRE(r["year"].IsInt());
    CHECK(r["year"].GetInt() >= 2019);
    CHECK(std::string(r["date"].GetString()).substr(0, 4) >= "2019");
    CHECK(std::string(r["id"].GetString()) != kLeicester);
    CHECK(std::string(r["snippet"].GetString()).find('[') != std::string::npos);
    REQUIRE(r["passage"].IsObject());
    CHECK(std::string(r["passage"]["id"].GetString())
              .rfind(r["id"].GetString(), 0) == 0);
    CHECK(r["passage"]["end"].GetUint64() > r["passage"]["begin"].GetUint64());
  }
  REQUIRE(json.HasMember("facets"));
  const auto& facets = json["facets"];
  for (const char* field : {"type", "partnership", "nation", "year", "theme"}) {
    INFO("facet " << field);
    REQUIRE(facets.HasMember(field));
    REQUIRE(facets[field].IsArray());
  }
  std::uint64_t type_sum = 0;
  for (const auto& c : facets["type"].GetArray())
    type_sum += c["count"].GetUint64();
  CHECK(type_sum == total);  // every corpus review has a type
  for (const auto& c : facets["year"].GetArray()) {
    CHECK(std::string(c["value"].GetString()) >= "2019");
  }
  // Without --from, Leicester (2012) is among the matches.
  const auto unfiltered = parse_json(expect_exit(
      0, {"search", "domestic abuse", "--db", corpus_db(), "--json"}));
  CHECK(result_ids(unfiltered).count(kLeicester) == 1);
  CHECK(unfiltered["total"].GetUint64() > total);
  CHECK_FALSE(unfiltered.HasMember("facets"));
}

TEST_CASE("search --csv prints a header and one row per result",
          "[cli][corpus]") {
  const ProcessResult csv =
      expect_exit(0, {"search", "information sharing", "--limit", "3", "--db",
                      corpus_db(), "--csv"});
  const auto rows = lines_of(csv.out);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0] ==
        "rank,id,review,title,type,partnership,nation,date,score,section,begin,"
        "end,snippet\r");
  CHECK_THAT(rows[1], Catch::StartsWith("1,"));
  CHECK_THAT(rows[3], Catch::StartsWith("3,"));
  for (const auto& row : rows) CHECK(row.back() == '\r');
}

TEST_CASE("show --json gives each corpus review metadata", "[cli][corpus]") {
  struct Row {
    std::string id;
    std::string type;
    std::string partnership_part;  // "" when not checked
    std::string nation;
    int year;  // 0: not checked
  };
  const std::vector<Row> rows = {
      {kCysur, "concise-child-practice-review", "", "Wales", 2021},
      {kDarlington, "research-digest", "Darlington", "England", 2021},
      {kDudley, "multi-agency-review", "Dudley", "England", 0},
      {kKirklees, "child-safeguarding-practice-review", "Kirklees", "England",
       2019},
      {kLeicester, "serious-case-review", "Leicester", "England", 2012},
  };
  for (const auto& row : rows) {
    INFO("review " << row.id);
    const auto json = parse_json(
        expect_exit(0, {"show", row.id, "--db", corpus_db(), "--json"}));
    CHECK(std::string(json["id"].GetString()) == row.id);
    CHECK(std::string(json["type"].GetString()) == row.type);
    CHECK_THAT(json["partnership"].GetString(),
               Catch::Contains(row.partnership_part));
    CHECK(std::string(json["nation"].GetString()) == row.nation);
    if (row.year) {
      REQUIRE(json["year"].IsInt());
      CHECK(json["year"].GetInt() == row.year);
    }
    CHECK(std::string(json["format"].GetString()) == "txt");
    CHECK(fs::path(json["path"].GetString()).filename() == row.id + ".txt");
    CHECK(json["passages"].GetUint64() > 0);
    REQUIRE(json["sections"].IsArray());
    std::uint64_t in_sections = 0;
    for (const auto& s : json["sections"].GetArray())
      in_sections += s["passages"].GetUint64();
    CHECK(in_sections == json["passages"].GetUint64());
    CHECK(json["from_sidecar"].IsArray());
    CHECK(json["extra"].IsObject());
  }
  const ProcessResult text =
      expect_exit(0, {"show", kLeicester, "--db", corpus_db()});
  CHECK_THAT(text.out, Catch::Contains("serious-case-review"));
  CHECK_THAT(text.out, Catch::Contains(kLeicester + ".txt"));

  const ProcessResult unknown =
      expect_exit(1, {"show", "no-such-review", "--db", corpus_db()});
  CHECK_THAT(single_error_line(unknown), Catch::Contains("no-such-review"));
}

TEST_CASE("info --json summarises the index", "[cli][corpus]") {
  const auto json =
      parse_json(expect_exit(0, {"info", "--db", corpus_db(), "--json"}));
  CHECK(std::string(json["db"].GetString()) == corpus_db());
  // Five files, and the digest's entries.
  CHECK(json["reviews"].GetUint64() == 5 + kDarlingtonEntries);
  std::uint64_t entries = 0;
  for (const auto& c : json["counts"]["type"].GetArray()) {
    if (std::string(c["value"].GetString()) == "digest-entry") entries = c["count"].GetUint64();
  }
  CHECK(entries == kDarlingtonEntries);
  CHECK(json["passages"].GetUint64() > 100);
  CHECK(json["documents"].GetUint64() ==
        json["reviews"].GetUint64() + json["passages"].GetUint64());
  CHECK_THAT(json["first_date"].GetString(), Catch::StartsWith("2012"));
  CHECK_THAT(json["last_date"].GetString(), Catch::StartsWith("2021"));
  REQUIRE(json["counts"].IsObject());
  std::uint64_t nations = 0;
  for (const auto& c : json["counts"]["nation"].GetArray())
    nations += c["count"].GetUint64();
  CHECK(nations == 5 + kDarlingtonEntries);

  const ProcessResult text = expect_exit(0, {"info", "--db", corpus_db()});
  CHECK_THAT(text.out, Catch::Contains("reviews:   72"));
  // $CASELENS_DB names the index when --db is not given.
  RunOptions env;
  env.env = {"CASELENS_DB=" + corpus_db()};
  const ProcessResult from_env = expect_exit(0, {"info", "--json"}, env);
  CHECK(parse_json(from_env)["reviews"].GetUint64() == 5 + kDarlingtonEntries);
}

TEST_CASE("help on every command exits 0 and lists the exit codes", "[cli]") {
  const std::vector<std::vector<std::string>> commands = {{"--help"},
                                                          {"help"},
                                                          {"-h"},
                                                          {"index", "--help"},
                                                          {"search", "--help"},
                                                          {"show", "--help"},
                                                          {"info", "--help"},
                                                          {"search", "-h"}};
  for (const auto& args : commands) {
    const ProcessResult r = expect_exit(0, args);
    INFO(r.describe());
    CHECK_THAT(r.out, Catch::Contains("Exit codes"));
    CHECK_THAT(r.out, Catch::Contains("4  query syntax error"));
    CHECK_THAT(r.out, Catch::Contains("Usage: caselens"));
    CHECK(r.err.empty());
  }
  CHECK_THAT(expect_exit(0, {"--version"}).out, Catch::StartsWith("caselens "));
}

TEST_CASE("usage errors exit 1 with one line on stderr", "[cli]") {
  struct Row {
    std::vector<std::string> args;
    std::string message_part;
  };
  TempDir dir;
  const std::string db = (dir / "db").string();
  const std::vector<Row> rows = {
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"search", "--frobnicate", "--db", db}, "frobnicate"},
      {{"index", "--db", db}, "no PATH given"},
      {{"info", "extra-argument", "--db", db}, "caselens info"},
      {{"search", "neglect", "--limit", "many", "--db", db}, "many"},
      {{"show", "--db", db}, "caselens show"},
  };
  for (const auto& row : rows) {
    const ProcessResult r = expect_exit(1, row.args);
    CHECK_THAT(single_error_line(r), Catch::Contains(row.message_part));
    CHECK(r.out.empty());
  }
  // No command at all: the usage goes to stderr.
  const ProcessResult none = expect_exit(1, {});
  CHECK_THAT(none.err, Catch::Contains("Usage: caselens"));
  CHECK(none.out.empty());
  // No database was created by any of them.
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("a bad --from is a usage error", "[cli]") {
  TempDir dir;
  dir.write("in/good.txt", synthetic_review("Northshire", "quokkaword"));
  const std::string db = (dir / "db").string();
  expect_exit(0, {"index", (dir / "in").string(), "--db", db});
  const ProcessResult r =
      expect_exit(1, {"search", "neglect", "--from", "201", "--db", db});
  CHECK_THAT(single_error_line(r), Catch::Contains("--from '201'"));
}

TEST_CASE("bad input files: exit 2 - one line naming the file - the index kept",
          "[cli][bad-input]") {
  struct Row {
    std::string name;  // the input file written next to good.txt
    std::string bytes;
    std::string message_part;  // the stderr line names `named` and says this
    std::string named;
    std::string sidecar;  // when not empty: NAME.meta.json's content
  };
  const std::vector<Row> rows = {
      {"empty.txt", "", "empty file", "empty.txt", ""},
      {"blank.txt", "  \n\n\t\n", "empty file", "blank.txt", ""},
      {"binary.txt", std::string("PK\x03\x04\0\0binary", 12),
       "binary file (NUL byte at offset 4)", "binary.txt", ""},
      // 0x81 0x8D 0x8F 0x90 0x9D are undefined in Windows-1252.
      {"not-cp1252.txt", "Some words \x81\x8D\x8F\x90\x9D and more words.\n",
       "invalid UTF-8 at byte offset 11 (and not Windows-1252 text)",
       "not-cp1252.txt", ""},
      // Valid UTF-8 with one stray Latin-1 byte: a damaged UTF-8 file.
      {"damaged-utf8.txt", "Caf\xC3\xA9 and a stray \xE9 byte.\n",
       "invalid UTF-8 at byte offset 18", "damaged-utf8.txt", ""},
      // A sidecar that is not JSON, or has a field of the wrong type: the
      // message names the sidecar.
      {"broken-sidecar.txt", synthetic_review("Northshire", "wombatword"),
       "invalid JSON", "broken-sidecar.meta.json", "{\"year\": 2019"},
      {"typed-sidecar.txt", synthetic_review("Northshire", "wombatword"),
       "year", "typed-sidecar.meta.json", "{\"year\": \"not a number\"}"},
      {"number-sidecar.txt", synthetic_review("Northshire", "wombatword"),
       "field \"partnership\" must be a string", "number-sidecar.meta.json",
       "{\"partnership\": 12}"},
      {"array-sidecar.txt", synthetic_review("Northshire", "wombatword"),
       "field \"date\" must be a date string", "array-sidecar.meta.json",
       "{\"date\": [2019, 10]}"},
      {"list-sidecar.txt", synthetic_review("Northshire", "wombatword"),
       "not a JSON object", "list-sidecar.meta.json",
       "[\"partnership\", \"Northshire\"]"},
  };
  for (const auto& row : rows) {
    INFO("input " << row.name);
    TempDir dir;
    dir.write("in/good.txt", synthetic_review("Northshire", "quokkaword"));
    const std::string db = (dir / "db").string();
    expect_exit(0, {"index", (dir / "in").string(), "--db", db});
    const std::uint64_t before = documents_in(db);

    const fs::path bad = dir.write("in/" + row.name, row.bytes);
    if (!row.sidecar.empty()) {
      dir.write("in/" + fs::path(row.name).stem().string() + ".meta.json",
                row.sidecar);
    }
    const ProcessResult r =
        expect_exit(2, {"index", (dir / "in").string(), "--db", db});
    const std::string line = single_error_line(r);
    CHECK_THAT(line, Catch::StartsWith("caselens: "));
    CHECK_THAT(line, Catch::Contains(row.message_part));
    CHECK_THAT(line, Catch::Contains((bad.parent_path() / row.named).string()));
    CHECK_THAT(r.out, Catch::Contains("failed 1"));
    CHECK_THAT(r.out, Catch::Contains("unchanged 1"));
    CHECK(documents_in(db) == before);
    CHECK(reviews_in(db) == 1);

    // --json lists the same message.
    const auto json = parse_json(
        expect_exit(2, {"index", (dir / "in").string(), "--db", db, "--json"}));
    CHECK(json["failed"].GetUint64() == 1);
    REQUIRE(json["errors"].Size() == 1);
    CHECK_THAT(json["errors"][0].GetString(), Catch::Contains(row.named));
  }
}

TEST_CASE("show: a sidecar's fields are marked, each shown once", "[cli]") {
  TempDir dir;
  dir.write("in/case.txt", "Northshire Safeguarding Children Partnership\n\nThe family moved.\n");
  dir.write("in/case.meta.json", "{\"date\": \"2019-10\", \"case_name\": \"Child E\", \"url\": \"https://example.org/e\"}");
  const std::string db = (dir / "db").string();
  expect_exit(0, {"index", (dir / "in").string(), "--db", db});
  const std::string out = expect_exit(0, {"show", "case", "--db", db}).out;
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto at = out.find(needle); at != std::string::npos; at = out.find(needle, at + 1)) ++n;
    return n;
  };
  CHECK(count("\ndate:        2019-10  (sidecar)\n") == 1);
  CHECK(count("\ncase:        Child E  (sidecar)\n") == 1);
  CHECK(count("2019-10") == 1);
  CHECK(count("\nurl:         https://example.org/e") == 1);
}

TEST_CASE("Windows-1252 text is converted - not refused", "[cli][bad-input]") {
  TempDir dir;
  // "café", curly quotes and "naïve" in Windows-1252.
  dir.write(
      "in/legacy.txt",
      "Northshire Safeguarding Children Partnership\n\n"
      "The caf\xE9 worker said \x93nothing was wrong\x94 in a na\xEFve way.\n");
  const std::string db = (dir / "db").string();
  const ProcessResult r =
      expect_exit(0, {"index", (dir / "in").string(), "--db", db});
  CHECK(r.err.empty());
  const auto json = parse_json(
      expect_exit(0, {"search", "caf\xC3\xA9", "--db", db, "--json"}));
  CHECK(json["total"].GetUint64() == 1);
  CHECK(result_ids(json) == std::set<std::string>{"legacy"});
}

TEST_CASE("a path that does not exist: exit 2 - the others indexed",
          "[cli][bad-input]") {
  TempDir dir;
  const fs::path good =
      dir.write("good.txt", synthetic_review("Northshire", "quokkaword"));
  const fs::path missing = dir / "vanished.txt";
  const std::string db = (dir / "db").string();
  const ProcessResult r =
      expect_exit(2, {"index", good.string(), missing.string(), "--db", db});
  const std::string line = single_error_line(r);
  CHECK_THAT(line, Catch::Contains(missing.string()));
  CHECK_THAT(line, Catch::Contains("no such file"));
  CHECK(reviews_in(db) == 1);
}

TEST_CASE("unreadable inputs: exit 2 - one line naming them - the rest indexed",
          "[cli][bad-input]") {
  // chmod 000 does not stop root: as root, the command runs as "nobody".
  TempDir dir;
  RunOptions options;
  if (const std::string why =
          caselens::testing::permissions_apply_to_child(options, dir.path());
      !why.empty()) {
    WARN("SKIPPED: " << why << ", so this case cannot be made");
    return;
  }
  fs::permissions(dir.path(),
                  fs::perms::all);  // the index is created by "nobody"
  const fs::path in = dir / "in";
  const fs::path good =
      dir.write("in/good.txt", synthetic_review("Northshire", "quokkaword"));
  const std::string db = (dir / "db").string();

  SECTION("a file") {
    const fs::path secret = dir.write(
        "in/secret.txt", synthetic_review("Northshire", "wombatword"));
    fs::permissions(secret, fs::perms::none);
    const ProcessResult r =
        caselens({"index", in.string(), "--db", db}, options);
    if (options.uid && r.exit_code == 126) {
      WARN(
          "SKIPPED: could not switch to user nobody to run the unreadable-file "
          "case");
      return;
    }
    INFO(r.describe());
    REQUIRE(r.exit_code == 2);
    const std::string line = single_error_line(r);
    CHECK_THAT(line, Catch::Contains(secret.string()));
    CHECK_THAT(line, Catch::Contains("cannot read"));
    CHECK(reviews_in(db) == 1);
  }
  SECTION("a folder") {
    dir.write("in/locked/inside.txt",
              synthetic_review("Northshire", "wombatword"));
    fs::permissions(in / "locked", fs::perms::none);
    const ProcessResult r =
        caselens({"index", in.string(), "--db", db}, options);
    if (options.uid && r.exit_code == 126) {
      WARN(
          "SKIPPED: could not switch to user nobody to run the "
          "unreadable-folder case");
      return;
    }
    INFO(r.describe());
    REQUIRE(r.exit_code == 2);
    const std::string line = single_error_line(r);
    CHECK_THAT(line, Catch::Contains((in / "locked").string()));
    CHECK_THAT(line, Catch::Contains("cannot read folder"));
    CHECK(reviews_in(db) == 1);
  }
}

TEST_CASE("query syntax errors exit 4 with one line naming the query",
          "[cli]") {
  const std::vector<std::string> queries = {"\"hidden men", "(neglect OR abuse",
                                            "neglect) OR (abuse",
                                            "title:\"hidden men"};
  for (const auto& q : queries) {
    const ProcessResult r = expect_exit(4, {"search", q, "--db", corpus_db()});
    CHECK_THAT(single_error_line(r), Catch::Contains("'" + q + "'"));
    CHECK(r.out.empty());
  }
  // The same in JSON mode: still an error on stderr, nothing on stdout.
  const ProcessResult json =
      expect_exit(4, {"search", "\"open", "--db", corpus_db(), "--json"});
  CHECK(json.out.empty());
}

TEST_CASE("a --db that is not a caselens index exits 3 naming it",
          "[cli][db]") {
  TempDir dir;
  const fs::path in =
      dir.write("in/good.txt", synthetic_review("Northshire", "quokkaword"))
          .parent_path();
  const fs::path folder = dir / "notes";
  dir.write("notes/todo.txt", "not an index");
  const fs::path plain = dir.write("plain-file", "just a file");
  const fs::path missing = dir / "missing.db";
  struct Row {
    std::vector<std::string> args;
    fs::path db;
    std::string message_part;
  };
  const std::vector<Row> rows = {
      {{"index", in.string()}, folder, "not a caselens index"},
      {{"index", in.string()}, plain, "not a caselens index"},
      {{"search", "neglect"}, folder, "not a caselens index"},
      {{"search", "neglect"}, plain, "not a caselens index"},
      {{"info"}, plain, "not a caselens index"},
      {{"show", "good"}, folder, "not a caselens index"},
      {{"search", "neglect"}, missing, "no index here"},
      {{"info"}, missing, "no index here"},
      {{"show", "good"}, missing, "no index here"},
  };
  for (const auto& row : rows) {
    auto args = row.args;
    args.insert(args.end(), {"--db", row.db.string()});
    const ProcessResult r = expect_exit(3, args);
    const std::string line = single_error_line(r);
    CHECK_THAT(line, Catch::Contains(row.db.string()));
    CHECK_THAT(line, Catch::Contains(row.message_part));
  }
  // Nothing was created or changed.
  CHECK_FALSE(fs::exists(missing));
  CHECK(caselens::testing::read_file(plain) == "just a file");
  CHECK(std::distance(fs::directory_iterator(folder),
                      fs::directory_iterator()) == 1);
}

TEST_CASE(
    "a --db being written by another process exits 3 - readers still work",
    "[cli][db]") {
  TempDir dir;
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  const std::string db = (dir / "db").string();
  expect_exit(0, {"index", (dir / "in").string(), "--db", db});
  const std::uint64_t before = documents_in(db);
  dir.write("in/b.txt", synthetic_review("Northshire", "wombatword"));
  {
    Xapian::WritableDatabase writer(db, Xapian::DB_OPEN);
    const ProcessResult r =
        expect_exit(3, {"index", (dir / "in").string(), "--db", db});
    const std::string line = single_error_line(r);
    CHECK_THAT(line, Catch::Contains("another process"));
    CHECK_THAT(line, Catch::Contains(db));
    // Readers see the last committed state meanwhile.
    CHECK(documents_in(db) == before);
    const auto json = parse_json(
        expect_exit(0, {"search", "quokkaword", "--db", db, "--json"}));
    CHECK(json["total"].GetUint64() == 1);
  }
  expect_exit(0, {"index", (dir / "in").string(), "--db", db});
  CHECK(reviews_in(db) == 2);
}

TEST_CASE("files indexed by a relative path survive --prune run from elsewhere",
          "[cli][prune]") {
  TempDir dir;
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  dir.write("in/b.txt", synthetic_review("Northshire", "wombatword"));
  fs::create_directories(dir / "elsewhere");
  const std::string db = (dir / "db").string();
  RunOptions in_dir;
  in_dir.cwd = dir.path();
  expect_exit(0, {"index", "in", "--db", db}, in_dir);
  // The stored path does not depend on the working folder of that run.
  const auto shown =
      parse_json(expect_exit(0, {"show", "a", "--db", db, "--json"}));
  CHECK(fs::path(shown["path"].GetString()) == dir / "in" / "a.txt");

  fs::remove(dir / "in" / "b.txt");
  RunOptions elsewhere;
  elsewhere.cwd = dir / "elsewhere";
  const auto json = parse_json(expect_exit(
      0, {"index", (dir / "in").string(), "--db", db, "--prune", "--json"},
      elsewhere));
  CHECK(json["unchanged"].GetUint64() == 1);
  CHECK(json["removed"].GetUint64() == 1);  // b only
  CHECK(reviews_in(db) == 1);
  expect_exit(0, {"show", "a", "--db", db});
}

TEST_CASE("a coroner report header gives its metadata", "[cli][realworld]") {
  TempDir dir;
  const std::string db = (dir / "db").string();
  expect_exit(0, {"index", (kReports / "2013-0192.txt").string(), "--db", db});
  const auto json =
      parse_json(expect_exit(0, {"show", "2013-0192", "--db", db, "--json"}));
  CHECK(std::string(json["type"].GetString()) ==
        "prevention-of-future-deaths-report");
  CHECK(std::string(json["date"].GetString()) == "2013-08");
  const auto& extra = json["extra"];
  REQUIRE(extra.IsObject());
  // The header lines ("Reference:", "Coroner:", "Area:", "Sent to:",
  // "URL:") each give one field (corpus/metadata.h).
  REQUIRE(extra.HasMember("reference"));
  CHECK(std::string(extra["reference"].GetString()) == "2013-0192");
  REQUIRE(extra.HasMember("coroner"));
  CHECK(std::string(extra["coroner"].GetString()) == "R. Palmer");
  CHECK(std::string(json["partnership"].GetString()) == "London South");
  CHECK(std::string(json["nation"].GetString()) != "");
}

// The coroners' reports (their folder also holds SOURCE.md and index.json,
// which are not reports).
std::vector<std::string> report_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kReports)) {
    if (entry.path().extension() == ".txt")
      files.push_back(entry.path().string());
  }
  return files;
}

TEST_CASE("an index run killed midway leaves the last committed batch readable",
          "[cli][realworld]") {
  const std::vector<std::string> files = report_files();
  REQUIRE(files.size() == 364);
  TempDir dir;
  const std::string db = (dir / "db").string();
  std::vector<std::string> args = {"index",   "--db", db,
                                   "--batch", "10",   "--json"};
  args.insert(args.end(), files.begin(), files.end());
  RunOptions interrupt;
  interrupt.kill_after = std::chrono::milliseconds(1000);
  const ProcessResult killed = caselens(args, interrupt);
  INFO(killed.describe());
  std::uint64_t committed = 0;
  if (killed.killed) {
    CHECK(killed.exit_code == 128 + SIGKILL);
    if (!fs::exists(fs::path(db) / "iamglass")) {
      WARN("killed before the first commit; nothing to check");
    } else {
      const auto info =
          parse_json(expect_exit(0, {"info", "--db", db, "--json"}));
      committed = info["reviews"].GetUint64();
      CHECK(committed % 10 == 0);  // whole batches only
      CHECK(committed < 364);
      CHECK(info["documents"].GetUint64() ==
            committed + info["passages"].GetUint64());
    }
  } else {
    WARN("the run finished within 1 s, before it could be interrupted");
    REQUIRE(killed.exit_code == 0);
    committed = 364;
  }
  // A second run picks up where the first stopped.
  args.erase(args.begin() + 3, args.begin() + 5);  // no --batch
  const auto json = parse_json(expect_exit(0, args));
  CHECK(json["unchanged"].GetUint64() == committed);
  CHECK(json["added"].GetUint64() == 364 - committed);
  CHECK(json["failed"].GetUint64() == 0);
  CHECK(reviews_in(db) == 364);
}

TEST_CASE("the 364 coroner reports index with no failures",
          "[cli][realworld]") {
  std::vector<std::string> args = {"index"};
  for (const auto& file : report_files()) args.push_back(file);
  REQUIRE(args.size() == 365);
  TempDir dir;
  const std::string db = (dir / "db").string();
  args.insert(args.end(), {"--db", db, "--json"});
  const auto json = parse_json(expect_exit(0, args));
  CHECK(json["added"].GetUint64() == 364);
  CHECK(json["failed"].GetUint64() == 0);
  CHECK(json["errors"].Size() == 0);
  CHECK(reviews_in(db) == 364);
  const auto search = parse_json(
      expect_exit(0, {"search", "inquest", "--db", db, "--json", "--facets"}));
  CHECK(search["total"].GetUint64() > 300);
}

TEST_CASE("A second caselens writer is refused with the first one's pid",
          "[cli][lock]") {
  TempDir dir;
  const std::string db = (dir / "db").string();
  // The first writer: the 364 reports in batches of one, a few seconds.
  ProcessResult first;
  std::thread writer([&] {
    first = caselens({"index", kReports.string(), "--db", db, "--batch", "1", "-q"});
  });
  const fs::path pid_file = fs::path(db) / "caselens-writer.pid";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!fs::exists(pid_file) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::string pid;
  if (fs::exists(pid_file)) {
    pid = caselens::testing::read_file(pid_file);
    pid.erase(pid.find_last_not_of("\n") + 1);
  }
  ProcessResult second = caselens({"index", (kShared / "corpus").string(), "--db", db});
  writer.join();
  INFO(second.describe());
  REQUIRE_FALSE(pid.empty());
  // Unless the first run finished in between, the second is refused.
  if (second.exit_code != 0) {
    CHECK(second.exit_code == 3);
    CHECK_THAT(second.err, Catch::Contains("index is being updated by another process (pid " +
                                           pid + ")"));
    CHECK(std::stol(pid) != static_cast<long>(::getpid()));
  } else {
    WARN("the first writer finished before the second started; lock not exercised");
  }
  INFO(first.describe());
  CHECK(first.exit_code == 0);
  // The pid file goes with the writer.
  CHECK_FALSE(fs::exists(pid_file));
}

TEST_CASE("index --no-spelling writes no spelling data: no suggestions", "[cli][spelling]") {
  TempDir dir;
  const std::string with = (dir / "with").string(), without = (dir / "without").string();
  const std::string corpus = (kShared / "corpus").string();
  expect_exit(0, {"index", corpus, "--db", with, "-q"});
  expect_exit(0, {"index", corpus, "--db", without, "-q", "--no-spelling"});
  auto suggested = parse_json(expect_exit(0, {"search", "neglekt", "--db", with, "--json"}));
  CHECK(suggested["did_you_mean"] == "neglect");
  auto none = parse_json(expect_exit(0, {"search", "neglekt", "--db", without, "--json"}));
  CHECK(none["did_you_mean"].IsNull());
  // Everything else is the same.
  CHECK(parse_json(expect_exit(0, {"search", "neglect", "--db", with, "--json"}))["total"] ==
        parse_json(expect_exit(0, {"search", "neglect", "--db", without, "--json"}))["total"]);
}

}  // namespace
