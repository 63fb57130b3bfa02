// Crash safety of `caselens index`, end to end: the real binary killed with
// SIGKILL at random points, a full disk, a read-only index folder, and what
// a crash leaves behind (a stale pid file, a half-created index).  After
// each: the index opens, passes xapian-check, holds every batch committed
// before, and the same command run again completes the work.
#include <fcntl.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "indexer/schema.h"
#include "tests/cli/cli_helpers.h"

namespace {

namespace fs = std::filesystem;
namespace schema = caselens::schema;
using caselens::testing::caselens;
using caselens::testing::documents_in;
using caselens::testing::expect_exit;
using caselens::testing::folder_bytes;
using caselens::testing::parse_json;
using caselens::testing::ProcessResult;
using caselens::testing::require_xapian_check;
using caselens::testing::reviews_in;
using caselens::testing::RunOptions;
using caselens::testing::single_error_line;
using caselens::testing::synthetic_review;
using caselens::testing::TempDir;

const fs::path kReports =
    fs::path(CASELENS_SHARED_DIR) / "realworld" / "pfd-reports";
constexpr const char* kPidFile = "caselens-writer.pid";

// What an index holds, read with Xapian itself rather than through caselens.
struct Contents {
  Xapian::doccount documents = 0;
  Xapian::doccount passage_documents = 0;  // all of them, a review's or not
  std::map<std::string, Xapian::doccount>
      passages;                         // review id -> its passage documents
  std::vector<std::string> duplicates;  // ids held by more than one document
  std::vector<std::string>
      incomplete;  // reviews with fewer or more passages than they record

  bool whole() const {
    Xapian::doccount sum = 0;
    for (const auto& [id, n] : passages) sum += n;
    return duplicates.empty() && incomplete.empty() &&
           passage_documents == sum && documents == passages.size() + sum;
  }
};

Contents contents_of(const fs::path& db) {
  Xapian::Database x(db.string());
  Contents c;
  c.documents = x.get_doccount();
  c.passage_documents =
      x.get_termfreq(schema::term(schema::kKind, schema::kKindPassage));
  const std::string reviews = schema::term(schema::kKind, schema::kKindReview);
  for (auto it = x.postlist_begin(reviews); it != x.postlist_end(reviews);
       ++it) {
    const std::string data = x.get_document(*it).get_data();
    rapidjson::Document json;
    json.Parse(data.c_str(), data.size());
    INFO(data);
    REQUIRE(json.IsObject());
    const std::string id = json["id"].GetString();
    const auto recorded = json["passages"].GetUint64();
    // Each passage carries its review's XR term, as does the review.
    const Xapian::doccount held =
        x.get_termfreq(schema::term(schema::kReview, id)) - 1;
    if (c.passages.count(id) ||
        x.get_termfreq(schema::term(schema::kUniqueId, id)) != 1) {
      c.duplicates.push_back(id);
    }
    c.passages[id] = held;
    if (held != recorded) c.incomplete.push_back(id);
    for (Xapian::doccount i = 1; i <= held; ++i) {
      const std::string pid = id + "#" + std::to_string(i);
      if (x.get_termfreq(schema::term(schema::kUniqueId, pid)) != 1)
        c.duplicates.push_back(pid);
    }
  }
  return c;
}

// The coroners' reports, sorted: the order `caselens index` takes them in.
std::vector<std::string> report_files(std::size_t count) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kReports)) {
    if (entry.path().extension() == ".txt")
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= count);
  files.resize(count);
  return files;
}

// A pid that no process has: a child's, once it has exited and been reaped.
pid_t dead_pid() {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) ::_exit(0);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  return pid;
}

std::uint64_t seed_for_this_run() {
  if (const char* s = std::getenv("CASELENS_KILL_SEED"); s && *s)
    return std::stoull(s);
  return std::random_device{}();
}

TEST_CASE(
    "index killed with SIGKILL at random points: whole batches kept, a re-run "
    "completes",
    "[cli][crash][realworld]") {
  // 120 reports in batches of 6: 20 commits to land between.
  const std::vector<std::string> files = report_files(120);
  const std::size_t kBatch = 6;
  const int kRuns = 6;
  TempDir dir;
  auto index_args = [&](const fs::path& db) {
    std::vector<std::string> args = {
        "index",  "--db", db.string(), "--batch", std::to_string(kBatch),
        "--json", "-q"};
    args.insert(args.end(), files.begin(), files.end());
    return args;
  };

  // A run nobody kills: what every killed index must end up as, and how
  // long a run lasts here, to spread the kill points over it.
  const auto start = std::chrono::steady_clock::now();
  expect_exit(0, index_args(dir / "clean"));
  const auto run_time = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  const Contents clean = contents_of(dir / "clean");
  REQUIRE(clean.passages.size() == files.size());
  REQUIRE(clean.whole());
  std::vector<std::string> ids_in_order;  // file order is id order here
  for (const auto& [id, n] : clean.passages) ids_in_order.push_back(id);

  const std::uint64_t seed = seed_for_this_run();
  WARN("kill points from seed " << seed << " (CASELENS_KILL_SEED=" << seed
                                << " repeats them); a clean run took "
                                << run_time.count() << " ms");
  std::mt19937_64 rng(seed);
  int killed_with_batches = 0;
  for (int run = 0; run < kRuns; ++run) {
    // Run i dies in the i-th sixth of a clean run's time: from before the
    // index exists to the last commit.
    std::uniform_real_distribution<double> within(double(run) / kRuns,
                                                  double(run + 1) / kRuns);
    const auto delay = std::chrono::milliseconds(
        std::max<long long>(1, std::llround(within(rng) * run_time.count())));
    INFO("run " << run << ": SIGKILL after " << delay.count() << " ms (seed "
                << seed << ")");
    const fs::path db = dir / ("killed-" + std::to_string(run));

    // A reader polls the index meanwhile: any batch it saw committed must
    // still be there after the kill.
    std::atomic<bool> stop{false};
    std::atomic<Xapian::doccount> seen{0};
    std::thread reader([&] {
      while (!stop) {
        try {
          if (fs::exists(db / "iamglass")) {
            Xapian::Database x(db.string());
            const Xapian::doccount n = x.get_termfreq(
                schema::term(schema::kKind, schema::kKindReview));
            if (n > seen) seen = n;
          }
        } catch (const Xapian::Error&) {
          // Not created yet, or mid-commit: try again.
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
    RunOptions kill;
    kill.kill_after = delay;
    const ProcessResult killed = caselens(index_args(db), kill);
    stop = true;
    reader.join();
    INFO(killed.describe());

    std::size_t committed = 0;
    if (!killed.killed) {
      WARN("run " << run << " finished within " << delay.count()
                  << " ms, before the kill");
      REQUIRE(killed.exit_code == 0);
      committed = files.size();
    } else if (fs::exists(db / "iamglass")) {
      CHECK(killed.exit_code == 128 + SIGKILL);
      require_xapian_check(db);
      const Contents after = contents_of(db);
      CAPTURE(after.duplicates, after.incomplete);
      CHECK(after.whole());
      committed = after.passages.size();
      CHECK(committed % kBatch == 0);  // whole batches only
      CHECK(committed >= seen);        // nothing a reader saw is lost
      // The batches are the first files, each review with all its passages.
      for (std::size_t i = 0; i < committed; ++i) {
        const std::string& id = ids_in_order[i];
        REQUIRE(after.passages.count(id));
        CHECK(after.passages.at(id) == clean.passages.at(id));
      }
      CHECK(reviews_in(db) == committed);  // caselens opens it too
      if (committed > 0 && committed < files.size()) ++killed_with_batches;
    } else {
      CHECK(seen == 0);
    }

    // The same command again: the rest is added, nothing twice; the pid
    // file the killed writer left is no obstacle and goes with this one.
    const auto rerun = parse_json(expect_exit(0, index_args(db)));
    CHECK(rerun["unchanged"].GetUint64() == committed);
    CHECK(rerun["added"].GetUint64() == files.size() - committed);
    CHECK(rerun["failed"].GetUint64() == 0);
    CHECK_FALSE(fs::exists(db / kPidFile));
    require_xapian_check(db);
    const Contents done = contents_of(db);
    CAPTURE(done.duplicates, done.incomplete);
    CHECK(done.whole());
    CHECK(done.passages == clean.passages);
    CHECK(done.documents == clean.documents);
  }
  // Most runs should die between commits; if none did, the test proved little.
  CHECK(killed_with_batches >= 1);
}

TEST_CASE(
    "a pid file left by a crash is stale: the next writer proceeds, its pid is "
    "not named",
    "[cli][crash][lock]") {
  TempDir dir;
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  const fs::path db = dir / "db";
  expect_exit(0, {"index", (dir / "in").string(), "--db", db.string()});
  const std::uint64_t before = documents_in(db);
  dir.write("in/b.txt", synthetic_review("Northshire", "wombatword"));
  const pid_t gone = dead_pid();
  caselens::testing::write_file(db / kPidFile, std::to_string(gone) + "\n");

  SECTION("nobody holds the lock: the writer takes over and removes the file") {
    expect_exit(0, {"index", (dir / "in").string(), "--db", db.string()});
    CHECK(reviews_in(db) == 2);
    CHECK_FALSE(fs::exists(db / kPidFile));
  }
  SECTION("another program holds the lock: refused, without the dead pid") {
    Xapian::WritableDatabase other(db.string(), Xapian::DB_OPEN);
    const ProcessResult r =
        expect_exit(3, {"index", (dir / "in").string(), "--db", db.string()});
    const std::string line = single_error_line(r);
    CHECK(line == "caselens: " + db.string() +
                      ": index is being updated by another process");
    CHECK(documents_in(db) == before);
  }
  SECTION("a live pid holds the lock: refused, naming it") {
    caselens::testing::write_file(db / kPidFile,
                                  std::to_string(::getpid()) + "\n");
    Xapian::WritableDatabase other(db.string(), Xapian::DB_OPEN);
    const ProcessResult r =
        expect_exit(3, {"index", (dir / "in").string(), "--db", db.string()});
    CHECK_THAT(
        single_error_line(r),
        Catch::EndsWith("index is being updated by another process (pid " +
                        std::to_string(::getpid()) + ")"));
  }
}

// Holds Xapian's write lock on `db` the way Xapian takes it (an OFD lock on
// the first byte of flintlock), without a database: a writer that is
// creating the index right now.
class CreationLock {
 public:
  explicit CreationLock(const fs::path& db) {
    fd_ = ::open((db / "flintlock").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC,
                 0666);
    REQUIRE(fd_ >= 0);
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_len = 1;
    REQUIRE(::fcntl(fd_, F_OFD_SETLK, &lock) == 0);
  }
  ~CreationLock() { ::close(fd_); }
  CreationLock(const CreationLock&) = delete;
  CreationLock& operator=(const CreationLock&) = delete;

 private:
  int fd_ = -1;
};

TEST_CASE("an index whose creation was killed is created again",
          "[cli][crash]") {
  // What Xapian has written before its "iamglass" marker when a first run
  // is killed while it creates the index (seen with strace), and the pid
  // file of the killed run.
  TempDir dir;
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  const fs::path db = dir / "db";
  dir.write("db/flintlock", "");
  dir.write("db/v.tmp", "half a version file");
  dir.write("db/termlist.glass", std::string(8192, '\x01'));
  dir.write("db/postlist.glass", "");
  dir.write("db/caselens-writer.pid", std::to_string(dead_pid()) + "\n");

  SECTION("nobody is creating it: created again") {
    expect_exit(0, {"index", (dir / "in").string(), "--db", db.string()});
    require_xapian_check(db);
    CHECK(reviews_in(db) == 1);
    CHECK_FALSE(fs::exists(db / "v.tmp"));
  }
  SECTION("another writer is creating it: refused, its files left alone") {
    const CreationLock other(db);
    const ProcessResult r =
        expect_exit(3, {"index", (dir / "in").string(), "--db", db.string()});
    CHECK_THAT(single_error_line(r),
               Catch::Contains("index is being created by another process"));
    CHECK(caselens::testing::read_file(db / "v.tmp") == "half a version file");
  }
  SECTION("any other file: not taken for a half-created index") {
    dir.write("db/notes.txt", "mine");
    const ProcessResult r =
        expect_exit(3, {"index", (dir / "in").string(), "--db", db.string()});
    CHECK_THAT(single_error_line(r), Catch::Contains("not a caselens index"));
    CHECK(fs::exists(db / "v.tmp"));
  }
}

// `count` review-like files of about 25 KB each, in dir/name-NN.txt, from
// a vocabulary of a thousand made-up words, so that the index grows with
// every file.
void write_bulky_reviews(const TempDir& dir, const std::string& name,
                         int count) {
  unsigned next = 1;
  for (int f = 0; f < count; ++f) {
    std::string text =
        synthetic_review("Northshire", "bulk" + std::to_string(f) + "word");
    for (int p = 0; p < 50; ++p) {
      text += "\nParagraph " + std::to_string(p) + " of the chronology:";
      for (int w = 0; w < 50; ++w) {
        next = next * 1103515245u + 12345u;  // any spread of words will do
        text += " w" + std::to_string((next >> 16) % 1000) + "x";
      }
      text += ".\n";
    }
    dir.write(name + "-" + std::to_string(100 + f) + ".txt", text);
  }
}

std::uintmax_t largest_file_in(const fs::path& folder) {
  std::uintmax_t largest = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    largest = std::max(largest, entry.file_size());
  }
  return largest;
}

TEST_CASE(
    "index hits a file size limit (as on a full disk): exit 3, one line, "
    "committed state kept",
    "[cli][crash][disk]") {
  TempDir dir;
  for (const char* word : {"quokkaword", "wombatword", "numbatword"}) {
    dir.write(std::string("in/first-") + word + ".txt",
              synthetic_review("Northshire", word));
  }
  const fs::path db = dir / "db";
  expect_exit(0, {"index", (dir / "in").string(), "--db", db.string()});
  const Contents before = contents_of(db);
  write_bulky_reviews(dir, "in/more", 24);  // 0.4 MB of text, 7 MB of index
  RunOptions full;

  SECTION("in the first batch: the index as it was") {
    // No table may grow past the largest one: the first flush fails.
    full.file_size_limit = largest_file_in(db);
    const ProcessResult r =
        caselens({"index", (dir / "in").string(), "--db", db.string()}, full);
    INFO(r.describe());
    REQUIRE(r.exit_code == 3);
    CHECK(single_error_line(r) == "caselens: " + db.string() +
                                      ": cannot write the index: a file size "
                                      "limit was reached (File too large); the "
                                      "last committed batch is kept");
    require_xapian_check(db);
    const Contents after = contents_of(db);
    CHECK(after.passages == before.passages);
    CHECK(after.documents == before.documents);
  }
  SECTION("in a later batch: whole batches kept") {
    // Room for a few batches of two (the positions table grows fastest).
    full.file_size_limit = largest_file_in(db) + (1u << 20);
    const ProcessResult r = caselens(
        {"index", (dir / "in").string(), "--db", db.string(), "--batch", "2"},
        full);
    INFO(r.describe());
    REQUIRE(r.exit_code == 3);
    CHECK_THAT(single_error_line(r),
               Catch::Contains("a file size limit was reached"));
    require_xapian_check(db);
    const Contents after = contents_of(db);
    CAPTURE(after.duplicates, after.incomplete);
    CHECK(after.whole());
    CHECK(after.passages.size() >
          before.passages.size());  // a batch got in first
    CHECK(after.passages.size() < before.passages.size() + 24);
    CHECK((after.passages.size() - before.passages.size()) % 2 == 0);
  }
  // With room again, the same command completes the work.
  expect_exit(0, {"index", (dir / "in").string(), "--db", db.string()});
  require_xapian_check(db);
  CHECK(reviews_in(db) == 27);
  CHECK(contents_of(db).whole());
}

TEST_CASE(
    "compaction that hits a file size limit: exit 0, one warning line, the "
    "index as committed",
    "[cli][crash][disk][compact]") {
  TempDir dir;
  write_bulky_reviews(dir, "in/bulky", 6);
  const fs::path db = dir / "db";
  const fs::path scratch = dir / "db.compacting";
  auto index_json = [&](const std::vector<std::string>& extra,
                        const RunOptions& options = {}) {
    std::vector<std::string> args = {"index", (dir / "in").string(), "--db",
                                     db.string(), "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return caselens(args, options);
  };
  const ProcessResult plain = index_json({"--no-compact"});
  REQUIRE(plain.exit_code == 0);
  CHECK_FALSE(parse_json(plain)["compacted"].GetBool());
  const Contents before = contents_of(db);
  REQUIRE(before.whole());
  const std::uintmax_t uncompacted = folder_bytes(db);

  // Nothing to index, so only the compacted copy's tables grow: the first
  // one to pass two blocks fails.
  RunOptions full;
  full.file_size_limit = 2 * 8192;
  // In the sanitizer build: Xapian 1.4.22's compaction does not free its
  // tables when a write fails (LeakSanitizer, inside libxapian), so leak
  // checking is off for this one run.
  const char* asan = std::getenv("ASAN_OPTIONS");
  full.env = {std::string("ASAN_OPTIONS=") + (asan ? asan : "") + ":detect_leaks=0"};
  const ProcessResult r = index_json({"--compact"}, full);
  INFO(r.describe());
  REQUIRE(r.exit_code == 0);
  CHECK(single_error_line(r) == "caselens: " + db.string() +
                                    ": not compacted: a file size limit was "
                                    "reached (File too large)");
  CHECK_FALSE(parse_json(r)["compacted"].GetBool());
  CHECK_FALSE(fs::exists(scratch));
  require_xapian_check(db);
  CHECK(contents_of(db).passages == before.passages);
  CHECK(folder_bytes(db) == uncompacted);

  // With room, the same command compacts: the same documents, smaller.
  const ProcessResult ok = index_json({"--compact"});
  INFO(ok.describe());
  REQUIRE(ok.exit_code == 0);
  CHECK(ok.err.empty());
  CHECK(parse_json(ok)["compacted"].GetBool());
  CHECK_FALSE(fs::exists(scratch));
  require_xapian_check(db);
  const Contents after = contents_of(db);
  CHECK(after.whole());
  CHECK(after.passages == before.passages);
  CHECK(folder_bytes(db) < uncompacted);

  const ProcessResult both = index_json({"--compact", "--no-compact"});
  CHECK(both.exit_code == 1);
  CHECK_THAT(single_error_line(both), Catch::Contains("--compact and --no-compact together"));
}

TEST_CASE(
    "a full disk and a read-only file system: exit 3, one line, committed "
    "state kept",
    "[cli][crash][disk]") {
  // A 1 MB tmpfs in a mount namespace of our own (unshare -rm: no
  // privileges needed where user namespaces are allowed).  The index lives
  // and dies with the namespace, so one shell script does every step and
  // leaves the outputs in `out`.
  TempDir dir;
  for (const char* word : {"quokkaword", "wombatword", "numbatword"}) {
    dir.write(std::string("small/first-") + word + ".txt",
              synthetic_review("Northshire", word));
  }
  write_bulky_reviews(dir, "big/more",
                      30);  // an index of some 8 MB: does not fit
  fs::create_directories(dir / "mnt");
  fs::create_directories(dir / "out");
  const std::string script = R"(
set -u
mount -t tmpfs -o size=1m caselens-test "$MNT" || exit 100
db="$MNT/db"
"$BIN" index "$DIR/small" --db "$db" -q > "$OUT/first.out" 2>&1 || exit 101
"$BIN" info --db "$db" --json > "$OUT/before.json"
# In the sanitizer build: Xapian 1.4.22 does not free its pending postings
# when a write fails with ENOSPC (LeakSanitizer, inside libxapian), so leak
# checking is off for this one run.
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
  "$BIN" index "$DIR/small" "$DIR/big" --db "$db" -q > "$OUT/full.out" 2> "$OUT/full.err"
echo $? > "$OUT/full.rc"
"$BIN" info --db "$db" --json > "$OUT/full-after.json"
xapian-check "$db" > "$OUT/full-check.out" 2>&1; echo $? > "$OUT/full-check.rc"
mount -o remount,ro "$MNT" || exit 102
"$BIN" index "$DIR/small" "$DIR/big" --db "$db" -q > "$OUT/ro.out" 2> "$OUT/ro.err"
echo $? > "$OUT/ro.rc"
"$BIN" info --db "$db" --json > "$OUT/ro-after.json"
)";
  RunOptions env;
  env.env = {"MNT=" + (dir / "mnt").string(), "DIR=" + dir.path().string(),
             "OUT=" + (dir / "out").string(),
             std::string("BIN=") + CASELENS_BINARY};
  const ProcessResult r = caselens::testing::run_process(
      {"/usr/bin/unshare", "-rm", "/bin/sh", "-c", script}, env);
  if (!fs::exists("/usr/bin/unshare") || r.exit_code == 100 ||
      (r.exit_code != 0 && !fs::exists(dir / "out" / "first.out"))) {
    WARN("SKIPPED: no tmpfs in a mount namespace here (" << r.describe()
                                                         << ")");
    return;
  }
  INFO(r.describe());
  REQUIRE(r.exit_code == 0);
  auto out = [&](const std::string& name) {
    return caselens::testing::read_file(dir / "out" / name);
  };
  auto counts = [&](const std::string& name) {
    rapidjson::Document json;
    const std::string text = out(name);
    json.Parse(text.c_str());
    INFO(name << ": " << text);
    REQUIRE(json.IsObject());
    return std::pair{json["documents"].GetUint64(),
                     json["reviews"].GetUint64()};
  };
  const std::string db = (dir / "mnt" / "db").string();
  const auto before = counts("before.json");
  CHECK(before.second == 3);

  // The disk fills up: one line, the committed state kept.
  CHECK(out("full.rc") == "3\n");
  CHECK(out("full.err") ==
        "caselens: " + db +
            ": cannot write the index: the disk is full (No space left on "
            "device); the last committed batch is kept\n");
  CHECK(counts("full-after.json") == before);
  CHECK(out("full-check.rc") == "0\n");
  CHECK_THAT(out("full-check.out"), Catch::Contains("No errors found"));

  // The file system turns read-only: refused before any work.
  CHECK(out("ro.rc") == "3\n");
  CHECK(out("ro.err") ==
        "caselens: " + db +
            ": cannot write the index: the file system is read-only "
            "(Read-only file system); nothing was changed\n");
  CHECK(counts("ro-after.json") == before);
}

TEST_CASE("a read-only index folder: exit 3, one line, the index unchanged",
          "[cli][crash][disk]") {
  // chmod does not stop root: as root, the writer runs as "nobody".
  TempDir dir;
  RunOptions options;
  if (const std::string why =
          caselens::testing::permissions_apply_to_child(options, dir.path());
      !why.empty()) {
    WARN("SKIPPED: " << why << ", so this case cannot be made");
    return;
  }
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  const fs::path db = dir / "db";
  expect_exit(0, {"index", (dir / "in").string(), "--db", db.string()});
  dir.write("in/b.txt", synthetic_review("Northshire", "wombatword"));
  const std::uint64_t before = documents_in(db);
  // The index belongs to the user the writer runs as.
  auto own = [&](const fs::path& p) {
    if (options.uid)
      REQUIRE(::chown(p.c_str(), *options.uid, *options.gid) == 0);
  };
  own(db);
  for (const auto& entry : fs::directory_iterator(db)) own(entry.path());
  fs::permissions(dir.path(), fs::perms::all);  // "nobody" may pass through
  fs::permissions(dir / "in", fs::perms::all);

  std::string expected;
  SECTION("the folder is read-only, its files are not") {
    fs::permissions(db, fs::perms::owner_read | fs::perms::owner_exec |
                            fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
  }
  SECTION("the folder and its files are read-only") {
    for (const auto& entry : fs::directory_iterator(db)) {
      fs::permissions(entry.path(),
                      fs::perms::owner_write | fs::perms::group_write |
                          fs::perms::others_write,
                      fs::perm_options::remove);
    }
    fs::permissions(db,
                    fs::perms::owner_write | fs::perms::group_write |
                        fs::perms::others_write,
                    fs::perm_options::remove);
  }
  const ProcessResult r =
      caselens({"index", (dir / "in").string(), "--db", db.string()}, options);
  if (options.uid && r.exit_code == 126) {
    WARN("SKIPPED: could not switch to user nobody");
    return;
  }
  INFO(r.describe());
  REQUIRE(r.exit_code == 3);
  CHECK(single_error_line(r) ==
        "caselens: " + db.string() +
            ": cannot write the index: the index folder is not writable "
            "by this user (Permission denied); nothing was changed");
  fs::permissions(db, fs::perms::owner_all, fs::perm_options::add);
  CHECK(documents_in(db) == before);
  require_xapian_check(db);
}

TEST_CASE(
    "a new index in a read-only folder: exit 3, one line naming the folder",
    "[cli][crash][disk]") {
  TempDir dir;
  RunOptions options;
  if (const std::string why =
          caselens::testing::permissions_apply_to_child(options, dir.path());
      !why.empty()) {
    WARN("SKIPPED: " << why << ", so this case cannot be made");
    return;
  }
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  fs::create_directories(dir / "locked");
  fs::permissions(dir.path(), fs::perms::all);
  fs::permissions(dir / "in", fs::perms::all);
  fs::permissions(dir / "locked",
                  fs::perms::owner_read | fs::perms::owner_exec |
                      fs::perms::others_read | fs::perms::others_exec);
  const fs::path db = dir / "locked" / "db";
  const ProcessResult r =
      caselens({"index", (dir / "in").string(), "--db", db.string()}, options);
  if (options.uid && r.exit_code == 126) {
    WARN("SKIPPED: could not switch to user nobody");
    return;
  }
  INFO(r.describe());
  REQUIRE(r.exit_code == 3);
  CHECK(single_error_line(r) ==
        "caselens: " + db.string() +
            ": cannot create the index: " + (dir / "locked").string() +
            " is not writable by this user (Permission denied)");
  CHECK_FALSE(fs::exists(db));
}

}  // namespace
