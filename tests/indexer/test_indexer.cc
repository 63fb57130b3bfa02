// The indexer on a real on-disk index in a temporary folder: incremental
// runs, bad inputs, database problems, review ids.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/codebook.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "tests/support/test_support.h"
#include "tests/support/xapian_check.h"

namespace {

namespace fs = std::filesystem;
namespace schema = caselens::schema;
using caselens::ErrorKind;
using caselens::indexer::index_paths;
using caselens::indexer::IndexOptions;
using caselens::indexer::IndexStats;
using caselens::testing::folder_bytes;
using caselens::testing::require_xapian_check;
using caselens::testing::synthetic_review;
using caselens::testing::TempDir;

struct Run {
  caselens::Result<IndexStats> stats = caselens::Error{};
  std::vector<caselens::Error> errors;
};

Run run_index(const fs::path& db, const std::vector<fs::path>& roots,
              IndexOptions options = {}) {
  Run run;
  caselens::indexer::IndexCallbacks callbacks;
  callbacks.on_file_error = [&](const caselens::Error& e) {
    run.errors.push_back(e);
  };
  run.stats = index_paths(db, roots, options, callbacks);
  return run;
}

// Runs and requires success (per-file failures allowed).
IndexStats index_ok(const fs::path& db, const std::vector<fs::path>& roots,
                    IndexOptions options = {}) {
  Run run = run_index(db, roots, options);
  if (!run.stats.ok())
    FAIL("index_paths failed: " << run.stats.error().message);
  return *run.stats;
}

Xapian::doccount termfreq(const fs::path& db, const std::string& term) {
  return Xapian::Database(db.string()).get_termfreq(term);
}

Xapian::doccount doc_count(const fs::path& db) {
  return Xapian::Database(db.string()).get_doccount();
}

Xapian::doccount review_count(const fs::path& db) {
  return termfreq(db, schema::term(schema::kKind, schema::kKindReview));
}

Xapian::doccount passage_count(const fs::path& db) {
  return termfreq(db, schema::term(schema::kKind, schema::kKindPassage));
}

std::set<std::string> review_ids(const fs::path& db) {
  Xapian::Database x(db.string());
  const std::string kind = schema::term(schema::kKind, schema::kKindReview);
  std::set<std::string> ids;
  for (auto it = x.postlist_begin(kind); it != x.postlist_end(kind); ++it) {
    ids.insert(x.get_document(*it).get_value(schema::kSlotReviewId));
  }
  return ids;
}

TEST_CASE("A first run adds every file - a second finds them unchanged",
          "[indexer]") {
  TempDir dir;
  const fs::path a =
      dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  const fs::path b =
      dir.write("in/b.txt", synthetic_review("Southshire", "wallabyword"));
  const fs::path db = dir / "db";

  const IndexStats first = index_ok(db, {dir / "in"});
  CHECK(first.added == 2);
  CHECK(first.updated == 0);
  CHECK(first.unchanged == 0);
  CHECK(first.failed == 0);
  CHECK(first.removed == 0);
  CHECK(first.bytes == fs::file_size(a) + fs::file_size(b));
  CHECK(first.passages > 2);
  CHECK(review_count(db) == 2);
  CHECK(passage_count(db) == first.passages);
  CHECK(doc_count(db) == 2 + first.passages);
  CHECK(review_ids(db) == std::set<std::string>{"a", "b"});
  // The distinctive word is on review a and its passage, not on b.
  CHECK(termfreq(db, "quokkaword") == 2);
  CHECK(termfreq(db, "wallabyword") == 2);
  CHECK(Xapian::Database(db.string())
            .get_metadata(std::string(schema::kSchemaKey)) ==
        schema::kSchemaVersion);

  const Xapian::doccount docs = doc_count(db);
  const IndexStats second = index_ok(db, {dir / "in"});
  CHECK(second.added == 0);
  CHECK(second.updated == 0);
  CHECK(second.unchanged == 2);
  CHECK(second.passages == 0);
  CHECK(doc_count(db) == docs);
}

TEST_CASE("A changed file is replaced - review and passages", "[indexer]") {
  TempDir dir;
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  dir.write("in/b.txt", synthetic_review("Southshire", "wallabyword"));
  const fs::path db = dir / "db";
  index_ok(db, {dir / "in"});

  dir.write("in/a.txt",
            synthetic_review("Northshire", "wombatword") +
                "\nA further paragraph added in the second version.\n");
  const IndexStats run = index_ok(db, {dir / "in"});
  CHECK(run.added == 0);
  CHECK(run.updated == 1);
  CHECK(run.unchanged == 1);
  CHECK(termfreq(db, "quokkaword") == 0);
  CHECK(termfreq(db, "wombatword") == 2);
  CHECK(termfreq(db, "wallabyword") == 2);
  // No leftovers of the old version: every document belongs to a or b.
  CHECK(review_count(db) == 2);
  CHECK(doc_count(db) == termfreq(db, "XRa") + termfreq(db, "XRb"));
  CHECK(review_ids(db) == std::set<std::string>{"a", "b"});
}

TEST_CASE("Adding or editing a sidecar re-indexes its document", "[indexer]") {
  TempDir dir;
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  const fs::path db = dir / "db";
  CHECK(index_ok(db, {dir / "in"}).added == 1);

  dir.write("in/a.meta.json", "{}\n");
  IndexStats run = index_ok(db, {dir / "in"});
  CHECK(run.updated == 1);
  CHECK(run.unchanged == 0);
  CHECK(run.failed == 0);
  CHECK(review_count(db) == 1);  // the sidecar is not a document

  CHECK(index_ok(db, {dir / "in"}).unchanged == 1);

  dir.write("in/a.meta.json",
            "{\"title\": \"Child Q: a review with a new title\"}\n");
  run = index_ok(db, {dir / "in"});
  CHECK(run.updated == 1);
  CHECK(run.failed == 0);
  CHECK(review_count(db) == 1);
  // The sidecar's title is the title of the review and of its passages.
  CHECK(termfreq(db, "Snew") == termfreq(db, "XRa"));
  CHECK(termfreq(db, "Snew") > 1);

  fs::remove(dir / "in" / "a.meta.json");
  run = index_ok(db, {dir / "in"});
  CHECK(run.updated == 1);
  CHECK(termfreq(db, "Snew") == 0);
}

TEST_CASE("A file reached twice is indexed once", "[indexer]") {
  TempDir dir;
  const fs::path a =
      dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  dir.write("in/b.txt", synthetic_review("Southshire", "wallabyword"));
  fs::create_symlink(a, dir / "in" / "link-to-a.txt");
  const fs::path db = dir / "db";
  Run run = run_index(db, {a, dir / "in", a, dir / "in" / "." / "a.txt"});
  REQUIRE(run.stats.ok());
  CHECK(run.stats->added == 2);
  CHECK(run.stats->failed == 0);
  CHECK(review_ids(db) == std::set<std::string>{"a", "b"});
  CHECK(termfreq(db, "quokkaword") == 2);
}

TEST_CASE(
    "Files that are gone stay until --prune removes them with their passages",
    "[indexer]") {
  TempDir dir;
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  const fs::path b =
      dir.write("in/b.txt", synthetic_review("Southshire", "wallabyword"));
  const fs::path db = dir / "db";
  index_ok(db, {dir / "in"});
  const Xapian::doccount b_docs = termfreq(db, "XRb");
  REQUIRE(b_docs > 1);  // the review and its passages

  fs::remove(b);
  IndexStats run = index_ok(db, {dir / "in"});
  CHECK(run.removed == 0);
  CHECK(run.unchanged == 1);
  CHECK(termfreq(db, "XRb") == b_docs);

  IndexOptions prune;
  prune.prune = true;
  run = index_ok(db, {dir / "in"}, prune);
  CHECK(run.removed == 1);
  CHECK(run.unchanged == 1);
  CHECK(termfreq(db, "XRb") == 0);
  CHECK(termfreq(db, "wallabyword") == 0);
  CHECK(review_ids(db) == std::set<std::string>{"a"});
  CHECK(doc_count(db) == termfreq(db, "XRa"));
}

TEST_CASE("A bad file among good ones fails alone", "[indexer]") {
  TempDir dir;
  dir.write("in/good1.txt", synthetic_review("Northshire", "quokkaword"));
  dir.write("in/good2.txt", synthetic_review("Southshire", "wallabyword"));
  dir.write("in/empty.txt", "");
  dir.write("in/binary.txt", std::string("some text\0\x01\x02 more", 18));
  const fs::path db = dir / "db";

  Run run = run_index(db, {dir / "in"});
  REQUIRE(run.stats.ok());
  CHECK(run.stats->added == 2);
  CHECK(run.stats->failed == 2);
  REQUIRE(run.errors.size() == 2);
  std::string messages;
  for (const auto& e : run.errors) {
    CHECK(e.kind == ErrorKind::kInput);
    CHECK(e.message.find('\n') == std::string::npos);
    messages += e.message + "\n";
  }
  CHECK_THAT(messages, Catch::Contains("empty.txt"));
  CHECK_THAT(messages, Catch::Contains("binary.txt"));
  CHECK(review_ids(db) == std::set<std::string>{"good1", "good2"});
}

TEST_CASE("A path that does not exist is a failed input - the rest is indexed",
          "[indexer]") {
  TempDir dir;
  const fs::path good =
      dir.write("good.txt", synthetic_review("Northshire", "quokkaword"));
  const fs::path db = dir / "db";
  Run run = run_index(db, {dir / "missing.txt", good});
  REQUIRE(run.stats.ok());
  CHECK(run.stats->added == 1);
  CHECK(run.stats->failed == 1);
  REQUIRE(run.errors.size() == 1);
  CHECK_THAT(run.errors[0].message, Catch::Contains("missing.txt"));
  CHECK(review_count(db) == 1);
}

TEST_CASE("A file that turns bad keeps its last indexed version", "[indexer]") {
  TempDir dir;
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  dir.write("in/b.txt", synthetic_review("Southshire", "wallabyword"));
  const fs::path db = dir / "db";
  index_ok(db, {dir / "in"});
  const Xapian::doccount before = doc_count(db);

  dir.write("in/a.txt", std::string("\0\0\0binary now", 13));
  dir.write("in/c.txt", "   \n\n  ");
  Run run = run_index(db, {dir / "in"});
  REQUIRE(run.stats.ok());
  CHECK(run.stats->failed == 2);
  CHECK(run.stats->updated == 0);
  CHECK(run.stats->added == 0);
  CHECK(run.stats->unchanged == 1);
  CHECK(doc_count(db) == before);
  CHECK(termfreq(db, "quokkaword") == 2);
  CHECK(review_ids(db) == std::set<std::string>{"a", "b"});
}

TEST_CASE("Each batch is committed: readers see the files indexed so far",
          "[indexer]") {
  TempDir dir;
  for (const char* name : {"a", "b", "c"}) {
    dir.write(std::string("in/") + name + ".txt",
              synthetic_review(name, "quokkaword"));
  }
  const fs::path db = dir / "db";
  auto reviews_seen_during = [&](std::size_t batch) {
    std::vector<Xapian::doccount> seen;
    IndexOptions options;
    options.batch_files = batch;
    caselens::indexer::IndexCallbacks callbacks;
    callbacks.on_progress = [&](const caselens::indexer::Progress& p) {
      seen.push_back(review_count(db));
      CHECK(p.files_total == 3);
      CHECK(p.files_done == seen.size());
    };
    fs::remove_all(db);
    auto stats = index_paths(db, {dir / "in"}, options, callbacks);
    REQUIRE(stats.ok());
    CHECK(review_count(db) == 3);
    return seen;
  };
  CHECK(reviews_seen_during(1) == std::vector<Xapian::doccount>{1, 2, 3});
  CHECK(reviews_seen_during(2) == std::vector<Xapian::doccount>{0, 2, 2});
  CHECK(reviews_seen_during(100) == std::vector<Xapian::doccount>{0, 0, 0});
}

TEST_CASE("A database path that is not a caselens index is refused",
          "[indexer]") {
  TempDir dir;
  const fs::path good =
      dir.write("good.txt", synthetic_review("Northshire", "quokkaword"));

  SECTION("a folder holding other files") {
    const fs::path folder = dir / "notes";
    dir.write("notes/todo.txt", "not an index");
    Run run = run_index(folder, {good});
    REQUIRE_FALSE(run.stats.ok());
    CHECK(run.stats.error().kind == ErrorKind::kDatabase);
    CHECK_THAT(run.stats.error().message, Catch::Contains(folder.string()));
    CHECK_THAT(run.stats.error().message,
               Catch::Contains("not a caselens index"));
    // Nothing was written there.
    CHECK(std::distance(fs::directory_iterator(folder),
                        fs::directory_iterator()) == 1);
  }
  SECTION("a plain file") {
    const fs::path file = dir.write("plain", "just a file");
    Run run = run_index(file, {good});
    REQUIRE_FALSE(run.stats.ok());
    CHECK(run.stats.error().kind == ErrorKind::kDatabase);
    CHECK_THAT(run.stats.error().message, Catch::Contains(file.string()));
    CHECK(caselens::testing::read_file(file) == "just a file");
  }
  SECTION("a Xapian database of another program") {
    const fs::path other = dir / "other.db";
    {
      Xapian::WritableDatabase x(other.string(), Xapian::DB_CREATE);
      Xapian::Document d;
      d.add_term("hello");
      x.add_document(d);
      x.commit();
    }
    Run run = run_index(other, {good});
    REQUIRE_FALSE(run.stats.ok());
    CHECK(run.stats.error().kind == ErrorKind::kDatabase);
    CHECK_THAT(run.stats.error().message, Catch::Contains("another program"));
    CHECK(doc_count(other) == 1);
  }
}

TEST_CASE("A second writer is refused while another holds the index",
          "[indexer]") {
  TempDir dir;
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  const fs::path db = dir / "db";
  index_ok(db, {dir / "in"});
  dir.write("in/b.txt", synthetic_review("Southshire", "wallabyword"));
  {
    Xapian::WritableDatabase holder(db.string(), Xapian::DB_OPEN);
    Run run = run_index(db, {dir / "in"});
    REQUIRE_FALSE(run.stats.ok());
    CHECK(run.stats.error().kind == ErrorKind::kDatabase);
    CHECK_THAT(run.stats.error().message, Catch::Contains("another process"));
    CHECK_THAT(run.stats.error().message, Catch::Contains(db.string()));
  }
  CHECK(review_ids(db) == std::set<std::string>{"a"});
  // Once the other writer is gone, indexing works again.
  CHECK(index_ok(db, {dir / "in"}).added == 1);
}

TEST_CASE("review_id_for slugs the file name stem", "[indexer]") {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"Kirklees Child E.txt", "kirklees-child-e"},
      {"/some/folder/leicester-child-r-scr-executive-summary-2012.txt",
       "leicester-child-r-scr-executive-summary-2012"},
      {"Child E (Steven).html", "child-e-steven"},
      {"Ynys M\xC3\xB4n  Review.md", "ynys-mon-review"},
      {"report.v2.txt", "report-v2"},
      {"UPPER_case--name.TXT", "upper-case-name"},
  };
  for (const auto& [path, id] : rows) {
    INFO("path: " << path);
    CHECK(caselens::indexer::review_id_for(path) == id);
  }
}

TEST_CASE(
    "Files with the same name in different folders get distinct - stable ids",
    "[indexer]") {
  TempDir dir;
  dir.write("in/one/report.txt", synthetic_review("Northshire", "quokkaword"));
  dir.write("in/two/report.txt", synthetic_review("Southshire", "wallabyword"));
  const fs::path db = dir / "db";
  CHECK(index_ok(db, {dir / "in"}).added == 2);
  const std::set<std::string> ids = review_ids(db);
  REQUIRE(ids.size() == 2);
  CHECK(ids.count("report") == 1);
  std::string other;
  for (const auto& id : ids) {
    if (id != "report") other = id;
  }
  CHECK_THAT(other, Catch::Matches("report-[0-9a-f]{6}"));
  // Each id's passages are its own.
  CHECK(termfreq(db, "XR" + other) + termfreq(db, "XRreport") == doc_count(db));

  CHECK(index_ok(db, {dir / "in"}).unchanged == 2);
  CHECK(review_ids(db) == ids);
  dir.write("in/two/report.txt", synthetic_review("Southshire", "wombatword"));
  dir.write("in/one/report.txt", synthetic_review("Northshire", "numbatword"));
  CHECK(index_ok(db, {dir / "in"}).updated == 2);
  CHECK(review_ids(db) == ids);
  CHECK(termfreq(db, "wallabyword") == 0);
  CHECK(termfreq(db, "quokkaword") == 0);
}

// Everything an index holds, in docid order: each document's terms with
// wdf and positions, values and data; the spelling table; metadata.
std::string dump_index(const fs::path& db) {
  Xapian::Database x(db.string());
  std::ostringstream out;
  out << "documents " << x.get_doccount() << " last " << x.get_lastdocid()
      << '\n';
  for (auto it = x.postlist_begin(""); it != x.postlist_end(""); ++it) {
    const Xapian::Document d = x.get_document(*it);
    out << "doc " << *it << '\n';
    for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
      out << " term " << *t << ' ' << t.get_wdf() << ':';
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
        out << ' ' << *p;
      out << '\n';
    }
    for (auto v = d.values_begin(); v != d.values_end(); ++v) {
      out << " value " << v.get_valueno() << ' ' << *v << '\n';
    }
    out << " data " << d.get_data() << '\n';
  }
  for (auto w = x.spellings_begin(); w != x.spellings_end(); ++w) {
    out << "spelling " << *w << ' ' << w.get_termfreq() << '\n';
  }
  for (auto k = x.metadata_keys_begin(); k != x.metadata_keys_end(); ++k) {
    out << "metadata " << *k << ' ' << x.get_metadata(*k) << '\n';
  }
  return out.str();
}

TEST_CASE("Several jobs build the same index as one", "[indexer][jobs]") {
  TempDir dir;
  for (int i = 0; i < 12; ++i) {
    dir.write("in/r" + std::to_string(i) + ".txt",
              synthetic_review(
                  i % 2 ? "Northshire" : "Southshire",
                  "uniqueword" + std::string(1, static_cast<char>('a' + i))));
  }
  // Two files with one name (the second id is decided by the writer, after
  // its documents were built), and files that fail.
  dir.write("in/sub/r3.txt", synthetic_review("Eastshire", "quokkaword"));
  dir.write("in/empty.txt", "");
  dir.write("in/binary.txt", std::string("text\0\x01 more", 12));
  auto codebook = caselens::analysis::load_codebook(
      fs::path(CASELENS_DATA_DIR) / "codebook.json");
  REQUIRE(codebook.ok());

  IndexOptions one;
  one.jobs = 1;
  one.codebook = &*codebook;
  const IndexStats single = index_ok(dir / "db1", {dir / "in"}, one);
  CHECK(single.added == 13);
  CHECK(single.failed == 2);
  const std::string expected = dump_index(dir / "db1");
  REQUIRE(termfreq(dir / "db1", "XRr3") > 1);

  for (std::size_t jobs : {2, 3, 8}) {
    IndexOptions many = one;
    many.jobs = jobs;
    // Small batches and read-ahead: the bounds are exercised too.
    many.batch_bytes = 3000;
    many.queue_bytes = 1;
    const fs::path db = dir / ("db" + std::to_string(jobs));
    const IndexStats run = index_ok(db, {dir / "in"}, many);
    INFO("jobs " << jobs);
    CHECK(run.added == single.added);
    CHECK(run.failed == single.failed);
    CHECK(run.passages == single.passages);
    CHECK(dump_index(db) == expected);
  }
}

}  // namespace

// A small research digest: title, one national table of two case rows.
std::string synthetic_digest(const std::string& second_case) {
  return "Lessons Learned Research Digest\n\nIssue 3 - May 2022\n\n"
         "Exampleshire Safeguarding Partnership\n\nNEGLECT\t\t\n"
         "CASE\tKEY ISSUES\tLEARNING & RECOMMENDATIONS\n"
         "Feb 2022 - Exampleton City Council - Baby Q Neglect of a baby.\t<ul> "
         "<li>Baby Q was not brought to clinics.</li> </ul>\t<ul><li>Learning:</li>"
         "<li>safer sleep advice was not followed up.</li></ul>\n"
         "Mar 2022 - Rivermouth Borough Council - " +
         second_case +
         " Neglect of a boy.\tHome conditions were poor.\t<ul><li>Learning:</li>"
         "<li>visit the home.</li></ul>\n";
}

TEST_CASE("A digest's entries are written, replaced and removed with it",
          "[indexer][digest]") {
  TempDir dir;
  const fs::path digest = dir.write("docs/example-digest-3.txt", synthetic_digest("Child K"));
  dir.write("docs/other.txt", synthetic_review("Northshire Safeguarding Partnership", "quokkaword"));
  const fs::path db = dir / "db";
  const std::string bulletin = "example-digest-3";
  const std::string entries_term = schema::term(schema::kBulletin, bulletin);

  IndexStats first = index_ok(db, {dir / "docs"});
  CHECK(first.added == 2);
  CHECK(review_ids(db) == std::set<std::string>{"other", bulletin, bulletin + "-entry-01",
                                                bulletin + "-entry-02"});
  CHECK(termfreq(db, schema::term(schema::kType, "digest-entry")) > 2);  // reviews and passages
  {
    Xapian::Database x(db.string());
    const Xapian::Document entry =
        x.get_document(*x.postlist_begin(schema::term(schema::kUniqueId, bulletin + "-entry-02")));
    CHECK(entry.get_data().find("\"bulletin\":\"" + bulletin + "\"") != std::string::npos);
    CHECK(entry.get_data().find("\"case_name\":\"Child K\"") != std::string::npos);
    // Entries carry no file key: the file's own review is the bulletin.
    Xapian::TermIterator t = entry.termlist_begin();
    t.skip_to(std::string(schema::kFileKey));
    CHECK((t == entry.termlist_end() || std::string(*t).rfind(std::string(schema::kFileKey), 0) != 0));
  }
  const Xapian::doccount with_entries = termfreq(db, entries_term);
  CHECK(with_entries > 2);  // two entries and their passages

  // Edited: the entries are replaced, none left over.
  caselens::testing::write_file(digest, synthetic_digest("Child M"));
  IndexStats second = index_ok(db, {dir / "docs"});
  CHECK(second.updated == 1);
  CHECK(review_count(db) == 4);
  CHECK(termfreq(db, entries_term) == with_entries);
  {
    Xapian::Database x(db.string());
    const Xapian::Document entry =
        x.get_document(*x.postlist_begin(schema::term(schema::kUniqueId, bulletin + "-entry-02")));
    CHECK(entry.get_data().find("\"case_name\":\"Child M\"") != std::string::npos);
  }

  // Pruned: the bulletin goes, and its entries with it (counted once).
  fs::remove(digest);
  IndexOptions prune;
  prune.prune = true;
  IndexStats third = index_ok(db, {dir / "docs"}, prune);
  CHECK(third.removed == 1);
  CHECK(review_ids(db) == std::set<std::string>{"other"});
  CHECK(termfreq(db, entries_term) == 0);
  CHECK(termfreq(db, schema::term(schema::kReview, bulletin + "-entry-01")) == 0);
}

// Every review-kind document's id below schema::kFirstPassageDocid and
// every passage's from it up.
void check_docid_layout(const fs::path& db) {
  Xapian::Database x(db.string());
  const std::string reviews = schema::term(schema::kKind, schema::kKindReview);
  const std::string passages = schema::term(schema::kKind, schema::kKindPassage);
  REQUIRE(x.get_termfreq(reviews) > 0);
  REQUIRE(x.get_termfreq(passages) > 0);
  for (auto it = x.postlist_begin(reviews); it != x.postlist_end(reviews); ++it) {
    CHECK(*it < schema::kFirstPassageDocid);
  }
  for (auto it = x.postlist_begin(passages); it != x.postlist_end(passages); ++it) {
    CHECK(*it >= schema::kFirstPassageDocid);
  }
}

// What each review holds: its id and how many documents carry its term.
std::map<std::string, Xapian::doccount> documents_per_review(const fs::path& db) {
  std::map<std::string, Xapian::doccount> out;
  for (const auto& id : review_ids(db)) out[id] = termfreq(db, schema::term(schema::kReview, id));
  return out;
}

// Reviews a and b indexed into dir/db; returns the index.
fs::path index_two_reviews(TempDir& dir) {
  dir.write("in/a.txt", synthetic_review("Northshire", "quokkaword"));
  dir.write("in/b.txt", synthetic_review("Southshire", "wallabyword"));
  const fs::path db = dir / "db";
  index_ok(db, {dir / "in"});
  return db;
}

TEST_CASE("Reviews take document ids below all passages, across runs and replacements",
          "[indexer][docids]") {
  TempDir dir;
  dir.write("docs/a.txt", synthetic_review("Northshire", "quokkaword"));
  dir.write("docs/example-digest-3.txt", synthetic_digest("Child K"));
  const fs::path db = dir / "db";
  index_ok(db, {dir / "docs"});
  check_docid_layout(db);

  // Replaced, added and indexed with workers: still in layout.
  dir.write("docs/a.txt", synthetic_review("Northshire", "wombatword") +
                              "\nA further paragraph added in the second version.\n");
  dir.write("docs/b.txt", synthetic_review("Southshire", "wallabyword"));
  IndexOptions jobs;
  jobs.jobs = 2;
  const IndexStats second = index_ok(db, {dir / "docs"}, jobs);
  CHECK(second.updated == 1);
  CHECK(second.added == 1);
  check_docid_layout(db);
  CHECK(review_count(db) == 5);  // a, b, the bulletin and its two entries
  Xapian::doccount total = 0;
  for (const auto& [id, n] : documents_per_review(db)) total += n;
  CHECK(total == doc_count(db));
}

TEST_CASE("An index whose low document ids are taken loses no document",
          "[indexer][docids]") {
  TempDir dir;
  const fs::path db = index_two_reviews(dir);
  const auto before = documents_per_review(db);
  REQUIRE(before.size() == 2);

  // A passage just below the passages' range, as an index built before
  // the layout (ids interleaved) has: no review id is left below it, so a
  // new review goes after the highest id.
  {
    Xapian::WritableDatabase w(db.string(), Xapian::DB_OPEN);
    Xapian::Document old;
    old.add_boolean_term(schema::term(schema::kKind, schema::kKindPassage));
    old.add_boolean_term(schema::term(schema::kReview, "b"));
    w.replace_document(schema::kFirstPassageDocid - 1, old);
    w.commit();
  }
  const Xapian::docid last = Xapian::Database(db.string()).get_lastdocid();
  dir.write("in/c.txt", synthetic_review("Eastshire", "numbatword"));
  const IndexStats run = index_ok(db, {dir / "in"});
  CHECK(run.added == 1);
  auto after = documents_per_review(db);
  CHECK(after.size() == 3);
  CHECK(after["a"] == before.at("a"));
  CHECK(after["b"] == before.at("b") + 1);
  CHECK(after["c"] > 1);
  CHECK(doc_count(db) == after["a"] + after["b"] + after["c"]);
  Xapian::Database x(db.string());
  CHECK(*x.postlist_begin(schema::term(schema::kUniqueId, "c")) > last);
  CHECK(termfreq(db, "numbatword") == 2);
}

TEST_CASE("A review goes after the highest review id below the passages'",
          "[indexer][docids]") {
  TempDir dir;
  const fs::path db = index_two_reviews(dir);
  // A document at a high review id, as xapian-compact leaves the first
  // shard's reviews when it merges shards: the next review goes after it.
  constexpr Xapian::docid kHigh = 5000;
  {
    Xapian::WritableDatabase w(db.string(), Xapian::DB_OPEN);
    Xapian::Document other;
    other.add_boolean_term(schema::term(schema::kKind, schema::kKindReview));
    other.add_boolean_term(schema::term(schema::kReview, "other"));
    w.replace_document(kHigh, other);
    w.commit();
  }
  dir.write("in/c.txt", synthetic_review("Eastshire", "numbatword"));
  index_ok(db, {dir / "in"});
  Xapian::Database x(db.string());
  CHECK(*x.postlist_begin(schema::term(schema::kUniqueId, "c")) == kHigh + 1);
  check_docid_layout(db);
  CHECK(termfreq(db, schema::term(schema::kReview, "other")) == 1);
}

TEST_CASE("The spelling table takes a review's words but no word with a digit",
          "[indexer][spelling]") {
  TempDir dir;
  dir.write("in/case-000123.txt",
            synthetic_review("Northshire", "quokkaword") +
                "\nReference r000123 of 2019 and 3rd visit; the wombatword entry.\n");
  const fs::path db = dir / "db";
  index_ok(db, {dir / "in"});
  Xapian::Database x(db.string());
  std::set<std::string> words;
  for (auto w = x.spellings_begin(); w != x.spellings_end(); ++w) words.insert(*w);
  CHECK(words.count("quokkaword") == 1);
  CHECK(words.count("wombatword") == 1);
  CHECK(words.count("reference") == 1);
  for (const auto& w : words) {
    INFO(w);
    CHECK(w.find_first_of("0123456789") == std::string::npos);
  }
  // The words are still searchable; they are only kept out of suggestions.
  CHECK(termfreq(db, "r000123") >= 1);
  CHECK(termfreq(db, "2019") >= 1);
}

TEST_CASE("A run that fills a new index compacts it - later runs only when asked",
          "[indexer][compact]") {
  TempDir dir;
  for (int i = 0; i < 40; ++i) {
    dir.write("in/r" + std::to_string(i) + ".txt",
              synthetic_review(i % 2 ? "Northshire" : "Southshire",
                               "uniqueword" + std::string(1, static_cast<char>('a' + i % 26))));
  }
  IndexOptions never;
  never.compact = IndexOptions::Compact::kNever;
  CHECK_FALSE(index_ok(dir / "plain", {dir / "in"}, never).compacted);

  const fs::path db = dir / "db";
  const IndexStats first = index_ok(db, {dir / "in"});
  CHECK(first.compacted);
  CHECK(first.compact_warnings.empty());
  CHECK_FALSE(fs::exists(dir / "db.compacting"));
  require_xapian_check(db);
  // Same documents, ids, terms, positions, values, data, spelling and
  // metadata as the uncompacted index; fewer bytes.
  CHECK(dump_index(db) == dump_index(dir / "plain"));
  CHECK(folder_bytes(db) < folder_bytes(dir / "plain"));

  // An incremental run writes into the compacted index as into any other.
  dir.write("in/new.txt", synthetic_review("Eastshire", "quokkaword"));
  const IndexStats second = index_ok(db, {dir / "in"});
  CHECK(second.added == 1);
  CHECK_FALSE(second.compacted);
  require_xapian_check(db);
  CHECK(termfreq(db, "quokkaword") > 1);
  check_docid_layout(db);

  // Asked, through a symlink: the link still leads to the compacted index.
  const std::string grown = dump_index(db);
  fs::create_directory_symlink(db, dir / "link");
  IndexOptions always;
  always.compact = IndexOptions::Compact::kAlways;
  const IndexStats third = index_ok(dir / "link", {dir / "in"}, always);
  CHECK(third.unchanged == 41);
  CHECK(third.compacted);
  CHECK(fs::is_symlink(dir / "link"));
  CHECK_FALSE(fs::exists(dir / "db.compacting"));
  require_xapian_check(db);
  CHECK(dump_index(db) == grown);

  // A file of the user's in the index folder is never swapped away.
  dir.write("db/notes.txt", "mine");
  const IndexStats fourth = index_ok(db, {dir / "in"}, always);
  CHECK_FALSE(fourth.compacted);
  REQUIRE(fourth.compact_warnings.size() == 1);
  CHECK(fourth.compact_warnings[0] == (dir / "db").string() +
                                          ": not compacted: the folder also holds notes.txt, "
                                          "which is not the index's");
  CHECK(caselens::testing::read_file(dir / "db/notes.txt") == "mine");
}
