#include "query/database.h"

#include <cstdlib>
#include <system_error>

#include "indexer/schema.h"
#include "indexer/shards.h"
#include "query/themes.h"

namespace caselens::query {

namespace fs = std::filesystem;

namespace {

Result<Xapian::Database> open_local(const fs::path& path) {
  const std::string where = path.string();
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return Error{ErrorKind::kDatabase,
                 where + ": no index here (run `caselens index PATH --db " +
                     where + "` first)"};
  }
  try {
    return Xapian::Database(where);
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

// "tcp://HOST:PORT" (HOST may be "[v6 address]").
Result<Xapian::Database> open_remote(const std::string& spec) {
  const std::string rest = spec.substr(kRemotePrefix.size());
  const auto colon = rest.rfind(':');
  std::string host = colon == std::string::npos ? "" : rest.substr(0, colon);
  const std::string port_text = colon == std::string::npos ? "" : rest.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  char* end = nullptr;
  const long port = std::strtol(port_text.c_str(), &end, 10);
  if (host.empty() || port_text.empty() || *end != '\0' || port < 1 || port > 65535) {
    return Error{ErrorKind::kDatabase, spec + ": expected tcp://HOST:PORT"};
  }
  try {
    return Xapian::Remote::open(host, static_cast<unsigned>(port));
  } catch (const Xapian::Error& e) {
    const char* why = e.get_error_string();
    return Error{ErrorKind::kDatabase, spec + ": cannot reach the remote database: " +
                                           e.get_msg() + (why && *why ? std::string(": ") + why : "")};
  }
}

// The theme list of a shard, as text that differs when the lists differ.
std::string describe_themes(const std::vector<IndexTheme>& themes) {
  std::string out;
  for (const auto& t : themes) out += t.id + "=" + t.name + (t.core ? "*" : "") + ";";
  return out;
}

// Why two shards' theme lists are not the same, naming both.
std::string themes_mismatch(const Shard& a, const std::vector<IndexTheme>& ta, const Shard& b,
                            const std::vector<IndexTheme>& tb) {
  std::size_t i = 0;
  while (i < ta.size() && i < tb.size() && ta[i].id == tb[i].id && ta[i].name == tb[i].name &&
         ta[i].core == tb[i].core) {
    ++i;
  }
  auto at = [i](const std::vector<IndexTheme>& t) {
    return i < t.size() ? "'" + t[i].id + "'" : std::string("none");
  };
  return a.where + " and " + b.where + " were tagged with different themes (theme " +
         std::to_string(i + 1) + ": " + at(ta) + " in " + a.where + ", " + at(tb) + " in " +
         b.where + "); index them with the same codebook";
}

Status check_shards(const std::vector<Shard>& shards) {
  std::string schema;
  std::vector<IndexTheme> themes;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const Shard& s = shards[i];
    std::string version, uuid;
    std::vector<IndexTheme> mine;
    try {
      version = s.db.get_metadata(std::string(schema::kSchemaKey));
      mine = index_themes(s.db);
      uuid = s.db.get_uuid();
    } catch (const Xapian::Error& e) {
      return Error{ErrorKind::kDatabase, s.where + ": cannot read index: " + e.get_description()};
    }
    if (version.empty()) {
      return Error{ErrorKind::kDatabase, s.where + ": not a caselens index (no caselens schema)"};
    }
    for (std::size_t j = 0; j < i && !uuid.empty(); ++j) {
      if (shards[j].db.get_uuid() == uuid) {
        return Error{ErrorKind::kDatabase, shards[j].where + " and " + s.where +
                                               " are the same database (its documents would "
                                               "count twice)"};
      }
    }
    if (i == 0) {
      schema = version;
      themes = std::move(mine);
      continue;
    }
    if (version != schema) {
      return Error{ErrorKind::kDatabase, shards[0].where + " and " + s.where +
                                             " have different schema versions (" + schema +
                                             ", " + version + "); re-index one"};
    }
    if (describe_themes(mine) != describe_themes(themes)) {
      return Error{ErrorKind::kDatabase, themes_mismatch(shards[0], themes, s, mine)};
    }
  }
  return Ok{};
}

}  // namespace

fs::path resolve_db_path(const std::string& db_option) {
  if (!db_option.empty()) return db_option;
  if (const char* env = std::getenv("CASELENS_DB"); env && *env) return env;
  return "caselens.db";
}

std::vector<std::string> resolve_db_specs(const std::vector<std::string>& db_options) {
  std::vector<std::string> specs;
  for (const auto& s : db_options) {
    if (!s.empty()) specs.push_back(s);
  }
  if (specs.empty()) specs.push_back(resolve_db_path("").string());
  return specs;
}

Result<OpenIndex> open_indexes(const std::vector<std::string>& specs) {
  OpenIndex index;
  for (const auto& spec : specs) {
    if (spec.compare(0, kRemotePrefix.size(), kRemotePrefix) == 0) {
      auto db = open_remote(spec);
      if (!db.ok()) return db.error();
      index.shards.push_back({spec, true, std::move(*db)});
      continue;
    }
    auto layout = indexer::read_shard_layout(spec);
    if (!layout.ok()) return layout.error();
    std::vector<fs::path> paths;
    if (layout->has_value()) {
      paths = (*layout)->shards;
    } else {
      paths.push_back(spec);
    }
    for (const auto& path : paths) {
      auto db = open_local(path);
      if (!db.ok()) return db.error();
      index.shards.push_back({path.string(), false, std::move(*db)});
    }
  }
  if (auto ok = check_shards(index.shards); !ok.ok()) return ok.error();
  if (index.shards.size() == 1) {
    index.db = index.shards[0].db;
  } else {
    for (const auto& s : index.shards) index.db.add_database(s.db);
  }
  return index;
}

Result<Xapian::Database> open_index(const fs::path& path) {
  auto index = open_indexes({path.string()});
  if (!index.ok()) return index.error();
  return index->db;
}

}  // namespace caselens::query
