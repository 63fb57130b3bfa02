// End-to-end tests of sharded indexes, several databases searched as one,
// remote shards (a real xapian-tcpsrv on localhost) and shards merged by
// xapian-compact: every read command must answer exactly as it does on a
// single index of the same files (real binary, real on-disk databases).
#include <fcntl.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/file.h>
#include <unistd.h>

#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "tests/cli/cli_helpers.h"

namespace {

namespace fs = std::filesystem;
using caselens::testing::BackgroundProcess;
using caselens::testing::expect_exit;
using caselens::testing::parse_json;
using caselens::testing::ProcessResult;
using caselens::testing::TempDir;

const fs::path kSharedCorpus = fs::path(CASELENS_SHARED_DIR) / "corpus";

// Sentences that the codebook tags (and words to search for), mixed
// differently into each synthetic review.
const char* const kSentences[] = {
    "Police attended a domestic abuse incident at the family home.",
    "Home conditions were poor and the health visitor raised concerns about neglect.",
    "Information sharing between health and children's social care was delayed.",
    "The mother's new partner was one of the hidden men in the household.",
    "The mother had postnatal depression and was not referred for support.",
    "Parental substance misuse was known to the GP but not to the school.",
    "Practitioners showed little professional curiosity about the bruising.",
    "The voice of the child was not heard in the assessment.",
    "Supervision did not challenge the drift in the plan.",
    "The family moved to temporary accommodation after eviction.",
    "Poor attendance at school was not followed up with the family.",
    "A strategy discussion was not held despite the threshold being met.",
};
constexpr int kSentenceCount = sizeof kSentences / sizeof kSentences[0];

const char* const kTypes[] = {"serious-case-review", "child-safeguarding-practice-review",
                              "safeguarding-adults-review", "multi-agency-review"};
const char* const kNations[] = {"England", "Wales", "Scotland"};
const char* const kPartnerships[] = {"Northshire Safeguarding Partnership",
                                     "Eastvale Safeguarding Children Board",
                                     "Westmoor Safeguarding Adults Board",
                                     "Southdale Safeguarding Partnership"};

std::string synthetic_text(int i) {
  std::string text = "Review of the circumstances of Child " + std::to_string(i) + "\n\n";
  const char* const sections[] = {"Executive Summary", "Findings", "Recommendations"};
  for (int s = 0; s < 3; ++s) {
    text += std::string(sections[s]) + "\n\n";
    for (int k = 0; k < 2 + (i + s) % 3; ++k) {
      text += kSentences[(i * 5 + s * 7 + k * 3) % kSentenceCount];
      text += k % 2 ? "\n\n" : " ";
    }
    text += "\n\n";
  }
  return text;
}

std::string sidecar(int i) {
  char date[16];
  std::snprintf(date, sizeof date, "%d-%02d", 2010 + i % 12, 1 + i % 12);
  return std::string("{\"date\": \"") + date + "\", \"type\": \"" + kTypes[i % 4] +
         "\", \"nation\": \"" + kNations[i % 3] + "\", \"partnership\": \"" +
         kPartnerships[i % 4] + "\"}";
}

// The shared corpus plus synthetic reviews written here: varied metadata
// and themes, and three files of identical content and metadata, whose
// scores tie (ties are where a sharded index could order differently).
struct Corpus {
  TempDir dir;
  fs::path synth = dir / "synth";
  Corpus() {
    for (int i = 0; i < 36; ++i) {
      const std::string base = "synth/region-" + std::to_string(i % 3) + "/review-" + std::to_string(i);
      dir.write(base + ".txt", synthetic_text(i));
      dir.write(base + ".meta.json", sidecar(i));
    }
    for (const char* name : {"copy-a", "copy-b", "copy-c"}) {
      dir.write(std::string("synth/copies/") + name + ".txt", synthetic_text(7));
      dir.write(std::string("synth/copies/") + name + ".meta.json", sidecar(7));
    }
  }
  std::vector<std::string> index_args(const std::string& db) const {
    return {"index", kSharedCorpus.string(), synth.string(), "--db", db, "--json"};
  }
};

// The same files as one index and as a sharded index of three shards.
struct Indexes {
  Corpus corpus;
  std::string single = (corpus.dir / "single.db").string();
  std::string sharded = (corpus.dir / "sharded.db").string();
  Indexes() {
    expect_exit(0, corpus.index_args(single));
    auto args = corpus.index_args(sharded);
    args.insert(args.end(), {"--shards", "3"});
    auto made = parse_json(expect_exit(0, args));
    REQUIRE(made["shards"].GetUint64() == 3);
    REQUIRE(made["added"].GetUint64() == 44);
  }
  std::string shard(int i) const {
    char name[16];
    std::snprintf(name, sizeof name, "shard-%03d", i);
    return (fs::path(sharded) / name).string();
  }
};

const Indexes& indexes() {
  static Indexes built;
  return built;
}

// Read commands and their arguments (without --db), covering search
// (queries, filters, facets, sorts, passages, paging, spelling) and every
// analysis command.
std::vector<std::vector<std::string>> read_commands() {
  std::vector<std::vector<std::string>> commands;
  for (const std::string q : {"neglect", "\"domestic abuse\"", "school OR supervision",
                              "child NOT curiosity", "", "theme:hidden_men", "neglekt",
                              "information sharing", "2012..2016"}) {
    commands.push_back({"search", q, "--facets", "--limit", "15", "--json"});
  }
  commands.push_back({"search", "family", "--passages", "--limit", "25", "--json"});
  commands.push_back({"search", "family", "--offset", "10", "--limit", "10", "--json"});
  commands.push_back({"search", "--type", "scr", "--nation", "England", "--facets", "--json"});
  commands.push_back({"search", "family", "--sort", "theme:neglect", "--limit", "20", "--json"});
  commands.push_back({"search", "health", "--sort", "date", "--facets", "--limit", "5", "--json"});
  commands.push_back({"search", "--theme", "domestic_abuse", "--from", "2014", "--json"});
  // Without query text every score is 0: months and theme scores tie.
  commands.push_back({"search", "--sort", "date", "--limit", "30", "--json"});
  commands.push_back({"search", "--sort", "date", "--offset", "4", "--limit", "7", "--json"});
  commands.push_back({"search", "--sort", "theme:neglect", "--passages", "--limit", "30", "--json"});
  commands.push_back({"show", "review-5", "--json"});
  commands.push_back({"themes", "--json"});
  commands.push_back({"themes", "--by", "year", "--json"});
  commands.push_back({"themes", "--by", "partnership", "--passages", "--json"});
  commands.push_back({"themes", "family", "--by", "nation", "--json"});
  commands.push_back({"themes", "--by", "category", "--json"});
  commands.push_back({"cooccur", "--json"});
  commands.push_back({"trend", "neglect", "hidden_men", "domestic_abuse", "--json"});
  commands.push_back({"kwic", "the family", "--limit", "40", "--json"});
  commands.push_back({"kwic", "school", "--sort", "left", "--json"});
  commands.push_back({"terms", "neglect", "--json"});
  commands.push_back({"similar", "review-5", "--json"});
  commands.push_back({"similar", "copy-a", "--json"});
  commands.push_back({"recommendations", "--threshold", "0.3", "--json"});
  return commands;
}

// Where two JSON values differ ("" when they do not).  Numbers that are not
// integers may differ in the last bits: on shards Xapian adds up a score's
// parts in another order (relative difference up to 1e-12).
std::string json_difference(const rapidjson::Value& a, const rapidjson::Value& b,
                            const std::string& path = "") {
  if (a.IsNumber() && b.IsNumber()) {
    if (a.IsUint64() && b.IsUint64()) {
      return a.GetUint64() == b.GetUint64() ? "" : path + ": " + std::to_string(a.GetUint64()) +
                                                       " vs " + std::to_string(b.GetUint64());
    }
    const double x = a.GetDouble(), y = b.GetDouble();
    const double scale = std::max({1.0, std::abs(x), std::abs(y)});
    return std::abs(x - y) <= 1e-12 * scale
               ? ""
               : path + ": " + std::to_string(x) + " vs " + std::to_string(y);
  }
  if (a.GetType() != b.GetType()) return path + ": different types";
  if (a.IsObject()) {
    if (a.MemberCount() != b.MemberCount()) return path + ": different members";
    for (const auto& m : a.GetObject()) {
      const std::string key = m.name.GetString();
      auto other = b.FindMember(m.name);
      if (other == b.MemberEnd()) return path + "." + key + ": missing";
      auto why = json_difference(m.value, other->value, path + "." + key);
      if (!why.empty()) return why;
    }
    return "";
  }
  if (a.IsArray()) {
    if (a.Size() != b.Size()) {
      return path + ": " + std::to_string(a.Size()) + " vs " + std::to_string(b.Size()) +
             " items";
    }
    for (rapidjson::SizeType i = 0; i < a.Size(); ++i) {
      auto why = json_difference(a[i], b[i], path + "[" + std::to_string(i) + "]");
      if (!why.empty()) return why;
    }
    return "";
  }
  return a == b ? "" : path + ": differs";
}

ProcessResult run_on(std::vector<std::string> args, const std::vector<std::string>& dbs) {
  for (const auto& db : dbs) args.insert(args.end(), {"--db", db});
  return caselens::testing::caselens(args);
}

// Every read command prints exactly what it prints on the single index.
void check_same_as_single(const std::vector<std::string>& dbs) {
  for (const auto& command : read_commands()) {
    const ProcessResult expected = run_on(command, {indexes().single});
    const ProcessResult got = run_on(command, dbs);
    INFO(expected.describe());
    INFO(got.describe());
    REQUIRE(expected.exit_code == 0);
    REQUIRE(got.exit_code == 0);
    CHECK(json_difference(parse_json(expected), parse_json(got)) == "");
  }
}

// info's counts: those of the whole index, and each shard's.
struct InfoCounts {
  std::string counts;  // the "counts" object, as JSON text
  std::uint64_t reviews = 0, passages = 0, documents = 0;
  std::vector<std::uint64_t> shard_reviews;
  std::size_t duplicates = 0;
};

InfoCounts info(const std::vector<std::string>& dbs) {
  auto r = parse_json(run_on({"info", "--json"}, dbs));
  InfoCounts c;
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  r["counts"].Accept(w);
  c.counts = buf.GetString();
  c.reviews = r["reviews"].GetUint64();
  c.passages = r["passages"].GetUint64();
  c.documents = r["documents"].GetUint64();
  for (const auto& s : r["shards"].GetArray()) c.shard_reviews.push_back(s["reviews"].GetUint64());
  c.duplicates = r["duplicate_ids"].Size();
  return c;
}

void check_info_same_as_single(const std::vector<std::string>& dbs, std::size_t shards) {
  const InfoCounts single = info({indexes().single});
  const InfoCounts got = info(dbs);
  CHECK(got.counts == single.counts);
  CHECK(got.reviews == single.reviews);
  CHECK(got.passages == single.passages);
  CHECK(got.documents == single.documents);
  CHECK(got.duplicates == 0);
  REQUIRE(got.shard_reviews.size() == shards);
  std::uint64_t sum = 0;
  for (auto n : got.shard_reviews) sum += n;
  CHECK(sum == single.reviews);
}

TEST_CASE("A sharded index answers every read command exactly as a single index", "[shards]") {
  const Indexes& ix = indexes();
  // The files are spread: a test where one shard holds everything would
  // prove nothing.
  const InfoCounts counts = info({ix.sharded});
  int used = 0;
  for (auto n : counts.shard_reviews) used += n > 0;
  REQUIRE(used >= 2);
  check_info_same_as_single({ix.sharded}, 3);
  check_same_as_single({ix.sharded});
  // The shards named one by one are the same index.
  check_same_as_single({ix.shard(0), ix.shard(1), ix.shard(2)});
}

TEST_CASE("Ties rank the same on shards: identical files come in review id order", "[shards]") {
  auto copies = parse_json(
      run_on({"search", "\"strategy discussion\"", "--json", "--limit", "50"}, {indexes().sharded}));
  std::vector<std::string> ids;
  std::vector<double> scores;
  for (const auto& h : copies["results"].GetArray()) {
    const std::string id = h["id"].GetString();
    if (id.rfind("copy-", 0) == 0) {
      ids.push_back(id);
      scores.push_back(h["score"].GetDouble());
    }
  }
  REQUIRE(ids.size() == 3);
  CHECK(scores[0] == scores[1]);
  CHECK(scores[1] == scores[2]);
  CHECK(ids == std::vector<std::string>{"copy-a", "copy-b", "copy-c"});
}

TEST_CASE("Sharded index: incremental runs, updates and --prune work shard by shard", "[shards]") {
  Corpus corpus;
  const std::string single = (corpus.dir / "single.db").string();
  const std::string sharded = (corpus.dir / "sharded.db").string();
  expect_exit(0, corpus.index_args(single));
  auto args = corpus.index_args(sharded);
  args.insert(args.end(), {"--shards", "4"});
  expect_exit(0, args);
  const InfoCounts before = info({sharded});

  // A second run changes nothing; it needs no --shards.
  auto again = parse_json(expect_exit(0, corpus.index_args(sharded)));
  CHECK(again["unchanged"].GetUint64() == 44);
  CHECK(again["added"].GetUint64() == 0);
  CHECK(again["shards"].GetUint64() == 4);

  // Change one file, remove another, add one, on both indexes.
  corpus.dir.write("synth/region-1/review-4.txt", synthetic_text(4) + "\nAn addendum on neglect.\n");
  fs::remove(corpus.synth / "region-2" / "review-5.txt");
  fs::remove(corpus.synth / "region-2" / "review-5.meta.json");
  corpus.dir.write("synth/region-0/review-99.txt", synthetic_text(99));
  for (const auto& db : {single, sharded}) {
    auto run = corpus.index_args(db);
    run.push_back("--prune");
    auto r = parse_json(expect_exit(0, run));
    CHECK(r["added"].GetUint64() == 1);
    CHECK(r["updated"].GetUint64() == 1);
    CHECK(r["removed"].GetUint64() == 1);
    CHECK(r["unchanged"].GetUint64() == 42);
  }
  // The updated file stayed in its shard: shard sizes moved by the added
  // and removed reviews only.
  const InfoCounts after = info({sharded});
  std::int64_t moved = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    moved += std::llabs(static_cast<long long>(after.shard_reviews[i]) -
                        static_cast<long long>(before.shard_reviews[i]));
  }
  CHECK(moved <= 2);
  CHECK(after.reviews == before.reviews);
  for (const auto& command : read_commands()) {
    if (command[0] == "show" || command[0] == "similar") continue;  // review-5 is gone
    const ProcessResult expected = run_on(command, {single});
    const ProcessResult got = run_on(command, {sharded});
    INFO(got.describe());
    CHECK(json_difference(parse_json(expected), parse_json(got)) == "");
  }
}

TEST_CASE("Files of the same name in different shards get unique ids", "[shards]") {
  TempDir dir;
  for (int i = 0; i < 12; ++i) {
    dir.write("docs/d" + std::to_string(i) + "/report.txt", synthetic_text(i));
  }
  const std::string db = (dir / "db").string();
  expect_exit(0, {"index", (dir / "docs").string(), "--db", db, "--shards", "4"});
  expect_exit(0, {"index", (dir / "docs").string(), "--db", db});  // re-run keeps them
  auto r = parse_json(expect_exit(0, {"search", "--db", db, "--json", "--limit", "50"}));
  std::set<std::string> ids;
  for (const auto& h : r["results"].GetArray()) ids.insert(h["id"].GetString());
  CHECK(ids.size() == 12);
  CHECK(ids.count("report") == 1);
  auto about = parse_json(expect_exit(0, {"info", "--db", db, "--json"}));
  CHECK(about["duplicate_ids"].Size() == 0);
  int used = 0;
  for (const auto& s : about["shards"].GetArray()) used += s["reviews"].GetUint64() > 0;
  CHECK(used >= 2);

  // Two indexes built apart can share ids: info says so.
  const std::string other = (dir / "other").string();
  expect_exit(0, {"index", (dir / "docs" / "d0").string(), "--db", other});
  auto both = parse_json(expect_exit(0, {"info", "--db", db, "--db", other, "--json"}));
  REQUIRE(both["duplicate_ids"].Size() == 1);
  CHECK(std::string(both["duplicate_ids"][0].GetString()) == "report");
}

TEST_CASE("Several --db: mistakes are one-line errors", "[shards]") {
  const Indexes& ix = indexes();
  TempDir dir;
  SECTION("the same database twice would count twice") {
    auto r = expect_exit(3, {"search", "--db", ix.sharded, "--db", ix.shard(1)});
    CHECK(caselens::testing::lines_of(r.err).size() == 1);
    CHECK_THAT(r.err, Catch::Contains("are the same database"));
  }
  SECTION("indexes tagged with different codebooks") {
    dir.write("a/one.txt", synthetic_text(1));
    dir.write("b/two.txt", synthetic_text(2));
    const fs::path extension = dir.write(
        "extra.json",
        "{\"codebook_version\": 1, \"themes\": [{\"id\": \"zebra_theme\", \"name\": \"Zebras\", "
        "\"phrases\": [\"zebrafish\"]}]}");
    const std::string a = (dir / "a.db").string(), b = (dir / "b.db").string();
    expect_exit(0, {"index", (dir / "a").string(), "--db", a});
    expect_exit(0, {"index", (dir / "b").string(), "--db", b, "--extend", extension.string()});
    for (const std::string command : {"search", "themes", "info"}) {
      auto r = expect_exit(3, {command, "--db", a, "--db", b});
      CHECK(caselens::testing::lines_of(r.err).size() == 1);
      CHECK_THAT(r.err, Catch::Contains("different themes") && Catch::Contains(a) &&
                            Catch::Contains(b) && Catch::Contains("zebra_theme"));
    }
  }
  SECTION("--shards on a single index, or a different count") {
    auto single = expect_exit(1, {"index", kSharedCorpus.string(), "--db", ix.single, "--shards", "2"});
    CHECK_THAT(single.err, Catch::Contains("is a single index"));
    auto count = expect_exit(1, {"index", kSharedCorpus.string(), "--db", ix.sharded, "--shards", "2"});
    CHECK_THAT(count.err, Catch::Contains("has 3 shards, not 2"));
    expect_exit(1, {"index", kSharedCorpus.string(), "--db", "a", "--db", "b"});
    expect_exit(1, {"index", kSharedCorpus.string(), "--db", "tcp://127.0.0.1:1"});
  }
  SECTION("an edited stub") {
    const fs::path copy = dir / "copy.db";
    fs::copy(ix.sharded, copy, fs::copy_options::recursive);
    std::string stub = caselens::testing::read_file(copy / "XAPIANDB");
    caselens::testing::write_file(copy / "XAPIANDB", stub + "auto ../elsewhere\n");
    auto r = expect_exit(3, {"search", "--db", copy.string()});
    CHECK_THAT(r.err, Catch::Contains("XAPIANDB") && Catch::Contains("edited"));
  }
}

TEST_CASE("A second writer of a sharded index is refused with the first one's pid", "[shards]") {
  Corpus corpus;
  const std::string db = (corpus.dir / "db").string();
  auto args = corpus.index_args(db);
  args.insert(args.end(), {"--shards", "2"});
  expect_exit(0, args);
  // Hold the writer's lock as a running caselens index would.
  const fs::path lock = fs::path(db) / "caselens-writer.lock";
  const int fd = ::open(lock.c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  const std::string pid = std::to_string(::getpid()) + "\n";
  REQUIRE(::pwrite(fd, pid.data(), pid.size(), 0) == static_cast<ssize_t>(pid.size()));
  auto r = expect_exit(3, corpus.index_args(db));
  ::close(fd);
  CHECK_THAT(r.err, Catch::Contains("being updated by another process (pid " +
                                    std::to_string(::getpid()) + ")"));
  CHECK(r.out.empty());
  // Readers are not blocked, and the lock is free again afterwards.
  expect_exit(0, {"search", "--db", db, "neglect"});
  expect_exit(0, corpus.index_args(db));
}

// xapian-tcpsrv serving one shard on a free localhost port.
struct RemoteShard {
  int port = caselens::testing::free_tcp_port();
  BackgroundProcess server;
  explicit RemoteShard(const std::string& db)
      : server({XAPIAN_TCPSRV, "--port", std::to_string(port), "--interface", "127.0.0.1", db}) {
    REQUIRE(caselens::testing::wait_for_tcp_port(port, std::chrono::seconds(10)));
  }
  std::string address() const { return "tcp://127.0.0.1:" + std::to_string(port); }
};

TEST_CASE("Local and remote shards together answer as a single index", "[shards][remote]") {
  const Indexes& ix = indexes();
  RemoteShard remote(ix.shard(1));
  const std::vector<std::string> dbs = {ix.shard(0), remote.address(), ix.shard(2)};
  check_info_same_as_single(dbs, 3);
  check_same_as_single(dbs);
  auto about = parse_json(run_on({"info", "--json"}, dbs));
  CHECK(about["shards"][1]["remote"].GetBool());
  CHECK(std::string(about["shards"][1]["db"].GetString()) == remote.address());

  // The server stops: the same command is one line naming the address.
  remote.server.stop();
  for (const std::string command : {"search", "info", "themes"}) {
    auto r = run_on({command}, dbs);
    INFO(r.describe());
    CHECK(r.exit_code == 3);
    CHECK(r.out.empty());
    REQUIRE(caselens::testing::lines_of(r.err).size() == 1);
    CHECK_THAT(r.err, Catch::Contains(remote.address()) && Catch::Contains("cannot reach"));
  }
}

TEST_CASE("A remote database that is not a caselens index is refused", "[shards][remote]") {
  TempDir dir;
  {  // a Xapian database without caselens' schema, as another program makes

    Xapian::WritableDatabase empty((dir / "plain").string(), Xapian::DB_CREATE_OR_OPEN);
    empty.commit();
  }
  RemoteShard remote((dir / "plain").string());
  auto r = expect_exit(3, {"search", "--db", remote.address()});
  CHECK_THAT(r.err, Catch::Contains(remote.address()) && Catch::Contains("not a caselens index"));
}

TEST_CASE("Shards merged by xapian-compact search like the single index", "[shards]") {
  const Indexes& ix = indexes();
  TempDir dir;
  const std::string merged = (dir / "merged.db").string();
  auto r = caselens::testing::run_process({XAPIAN_COMPACT, ix.sharded, merged});
  INFO(r.describe());
  REQUIRE(r.exit_code == 0);
  check_info_same_as_single({merged}, 1);
  check_same_as_single({merged});
}

}  // namespace
