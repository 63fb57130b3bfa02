#include "query/database.h"

#include <cstdlib>
#include <system_error>

#include "indexer/schema.h"

namespace caselens::query {

namespace fs = std::filesystem;

fs::path resolve_db_path(const std::string& db_option) {
  if (!db_option.empty()) return db_option;
  if (const char* env = std::getenv("CASELENS_DB"); env && *env) return env;
  return "caselens.db";
}

Result<Xapian::Database> open_index(const fs::path& path) {
  const std::string where = path.string();
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return Error{ErrorKind::kDatabase,
                 where + ": no index here (run `caselens index PATH --db " +
                     where + "` first)"};
  }
  try {
    Xapian::Database db(where);
    if (db.get_metadata(std::string(schema::kSchemaKey)).empty()) {
      return Error{ErrorKind::kDatabase,
                   where + ": not a caselens index (no caselens schema)"};
    }
    return db;
  } catch (const Xapian::DatabaseCorruptError& e) {
    return Error{ErrorKind::kDatabase, where + ": index is corrupt: " + e.get_msg()};
  } catch (const Xapian::DatabaseOpeningError&) {
    return Error{ErrorKind::kDatabase,
                 where + ": not a caselens index (no Xapian database there)"};
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase,
                 where + ": cannot open index: " + e.get_description()};
  }
}

}  // namespace caselens::query
