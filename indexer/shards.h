// A sharded index: one folder holding N caselens indexes (shard-000,
// shard-001, ...) and a Xapian stub file (XAPIANDB) that lists them, so that
// every reader -- caselens and Xapian's own tools (quest, xapian-compact,
// xapian-tcpsrv) -- opens the folder as one database.
//
// A file always goes to the same shard, chosen by a stable hash of its
// absolute path, so incremental runs, --prune and updates work shard by
// shard exactly as they do on a single index.  Review ids are kept unique
// across the shards.
#ifndef CASELENS_INDEXER_SHARDS_H_
#define CASELENS_INDEXER_SHARDS_H_

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "corpus/error.h"
#include "indexer/indexer.h"

namespace caselens::indexer {

// The stub file in a sharded folder; its first line marks it as caselens'.
inline constexpr const char* kStubFile = "XAPIANDB";

struct ShardLayout {
  std::filesystem::path dir;                  // the sharded folder
  std::vector<std::filesystem::path> shards;  // dir/shard-000 ..., in shard order
};

// The layout of `dir` when it is a sharded index (it holds XAPIANDB), else
// nullopt.  Error (kDatabase) when the stub file is unreadable or was not
// written by caselens (an edited or foreign stub).
Result<std::optional<ShardLayout>> read_shard_layout(const std::filesystem::path& dir);

// The shard (0 .. shards-1) of a file, from its absolute path (see
// absolute_path()).  Stable across runs, machines and versions.
std::size_t shard_of(const std::string& absolute, std::size_t shards);

// Indexes `roots` into the sharded index at `dir`.  `shards` > 0 creates the
// layout when `dir` is missing or empty (an existing layout must have that
// many shards); 0 uses the existing layout.  Each shard is updated in turn
// by index_paths() with the files that belong to it; a shard that fails
// stops the run (error kDatabase) with the shards before it committed.
// Errors: kUsage when `dir` is a single index or the shard count differs,
// kDatabase for database problems (another writer, corrupt, ...).
Result<IndexStats> index_sharded(const std::filesystem::path& dir, std::size_t shards,
                                 const std::vector<std::filesystem::path>& roots,
                                 const IndexOptions& options, const IndexCallbacks& callbacks);

}  // namespace caselens::indexer

#endif  // CASELENS_INDEXER_SHARDS_H_
