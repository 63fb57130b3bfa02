// Opening a caselens index for reading.
#ifndef CASELENS_QUERY_DATABASE_H_
#define CASELENS_QUERY_DATABASE_H_

#include <filesystem>
#include <string>

#include <xapian.h>

#include "corpus/error.h"

namespace caselens::query {

// The database path from, in order: --db (when not empty), $CASELENS_DB,
// "./caselens.db".
std::filesystem::path resolve_db_path(const std::string& db_option);

// Opens the index read-only; readers see the last committed state even
// while a writer is running.  Errors (kDatabase): missing, not a caselens
// index, corrupt.
Result<Xapian::Database> open_index(const std::filesystem::path& path);

}  // namespace caselens::query

#endif  // CASELENS_QUERY_DATABASE_H_
