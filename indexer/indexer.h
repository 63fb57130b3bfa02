// Writing review and passage documents into an on-disk Xapian index.
//
// The index moves from one committed state to the next: files are written in
// batches, each batch one Xapian transaction, so an interrupted run leaves
// the last committed batch readable.  Runs are incremental: a file whose
// content hash (including its sidecar) is unchanged is skipped, a changed
// file's review and passages are replaced, and --prune removes documents
// whose source files are gone.
#ifndef CASELENS_INDEXER_INDEXER_H_
#define CASELENS_INDEXER_INDEXER_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "analysis/codebook.h"
#include "corpus/document.h"
#include "corpus/error.h"

namespace caselens::indexer {

struct IndexOptions {
  std::size_t batch_files = 100;       // files per committed transaction
  // ... or this many input bytes, whichever first.  Xapian holds a whole
  // transaction's changes in memory (about ten times the input bytes), so
  // this bounds the writer's memory whatever the corpus size.
  std::uintmax_t batch_bytes = 16u << 20;
  // Threads that load, tag and build documents while the calling thread
  // writes them; 0 = one per core, 1 = everything on the calling thread.
  // The index is the same whatever the number.
  std::size_t jobs = 0;
  // Input bytes read ahead of the writer (at least one file), which bounds
  // the memory of documents built but not yet written.
  std::uintmax_t queue_bytes = 16u << 20;
  bool prune = false;                  // remove documents whose files are gone
  // Whether the run ends by compacting the index (Xapian's compaction,
  // every block full: measured a third smaller, for about 5% of the
  // indexing time).  kAuto compacts an index this run filled from empty
  // (a first, full build); later incremental runs add to it uncompacted.
  enum class Compact { kAuto, kAlways, kNever };
  Compact compact = Compact::kAuto;
  bool spelling = true;                // record words for "did you mean"
  // Tags every review and passage with themes when set (not owned).
  const analysis::Codebook* codebook = nullptr;
  // Identifies the codebook's rules (e.g. a hash of its files); part of each
  // file's content hash, so changed rules re-tag every file on the next run.
  std::string codebook_fingerprint;
  std::size_t evidence_per_theme = 5;  // evidence sentences kept per theme
  // Whether another database searched with this one (another shard of a
  // sharded index) already holds a review with this id; a new file then
  // gets a suffixed id, as when two files share a name.  Unset: only this
  // database is checked.
  std::function<bool(const std::string& review_id)> id_taken_elsewhere;
};

struct IndexStats {
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t removed = 0;
  std::size_t failed = 0;
  std::size_t passages = 0;     // passages written in this run
  std::uintmax_t bytes = 0;     // input bytes read in this run
  bool compacted = false;       // the run ended by compacting the index
  // One line per database whose compaction failed or left something
  // behind, saying what and where; the index is then complete and
  // searchable, as committed.
  std::vector<std::string> compact_warnings;
};

struct Progress {
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  std::uintmax_t bytes_done = 0;
  std::uintmax_t bytes_total = 0;
};

struct IndexCallbacks {
  // One call per input that could not be read or indexed; the run goes on.
  std::function<void(const Error&)> on_file_error;
  // Called after each file.
  std::function<void(const Progress&)> on_progress;
  // Called when the compaction of a database begins.
  std::function<void(const std::filesystem::path& db)> on_compact;
};

// Indexes the supported files under `roots` into the database at `db_path`
// (created when missing).  Per-file problems go to on_file_error and count
// as failed; the returned error (kDatabase) is for problems with the
// database itself (locked by another writer, not a caselens index, not
// writable: disk full, read-only, ...).
Result<IndexStats> index_paths(const std::filesystem::path& db_path,
                               const std::vector<std::filesystem::path>& roots,
                               const IndexOptions& options,
                               const IndexCallbacks& callbacks);

// A fingerprint of files' contents (e.g. the codebook and its extensions),
// for IndexOptions::codebook_fingerprint.  Error (kUsage) if one is unreadable.
Result<std::string> fingerprint_files(const std::vector<std::filesystem::path>& files);

// A file's absolute, lexically normal path: how the index knows a file
// (its key term, --prune), whatever folder the indexer was run from.
std::string absolute_path(const std::filesystem::path& path);

// The review id a document gets from its file name: the slug of the file's
// stem ("Kirklees Child E.txt" -> "kirklees-child-e").
std::string review_id_for(const std::filesystem::path& path);

}  // namespace caselens::indexer

#endif  // CASELENS_INDEXER_INDEXER_H_
