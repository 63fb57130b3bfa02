// Opening caselens indexes for reading: one index, the shards of a sharded
// index, several indexes, and shards served by xapian-tcpsrv, searched as
// one database.
#ifndef CASELENS_QUERY_DATABASE_H_
#define CASELENS_QUERY_DATABASE_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "corpus/error.h"

namespace caselens::query {

// The database path from, in order: --db (when not empty), $CASELENS_DB,
// "./caselens.db".
std::filesystem::path resolve_db_path(const std::string& db_option);

// The databases to read: the --db values (one per --db), else
// $CASELENS_DB, else "./caselens.db".
std::vector<std::string> resolve_db_specs(const std::vector<std::string>& db_options);

// "tcp://HOST:PORT" names a database served by xapian-tcpsrv.
inline constexpr std::string_view kRemotePrefix = "tcp://";

// One database of those opened together.
struct Shard {
  std::string where;  // its folder, or "tcp://HOST:PORT"
  bool remote = false;
  Xapian::Database db;
};

struct OpenIndex {
  // Every shard, searched as one (Xapian::Database::add_database): term
  // statistics, and so scores, are those of a single index of all the
  // documents.  Document ids are Xapian's interleaved ones: never store them.
  Xapian::Database db;
  std::vector<Shard> shards;
};

// Opens, read-only, each of `specs`: a folder holding an index, a sharded
// index folder (all its shards; see indexer/shards.h), or "tcp://HOST:PORT".
// Readers see the last committed state even while a writer is running.
// Errors (kDatabase), naming the database: missing, not a caselens index,
// corrupt, server unreachable, the same database given twice, or shards
// whose schema versions or theme lists (schema::kThemesKey, which fixes the
// theme score slots) differ.
Result<OpenIndex> open_indexes(const std::vector<std::string>& specs);

// open_indexes({path}).db
Result<Xapian::Database> open_index(const std::filesystem::path& path);

}  // namespace caselens::query

#endif  // CASELENS_QUERY_DATABASE_H_
