#include "indexer/shards.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <system_error>

#include <xapian.h>
#include <xxhash.h>

#include "corpus/load.h"
#include "indexer/schema.h"

namespace caselens::indexer {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStubMarker = "# caselens sharded index: ";
// Held (flock) by the process writing a sharded index, with its pid inside:
// each shard has its own Xapian lock, but a second writer must not start on
// shard 0 while the first is on shard 3.
constexpr const char* kLockFile = "caselens-writer.lock";

std::string shard_name(std::size_t i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "shard-%03zu", i);
  return buf;
}

std::string stub_text(std::size_t shards) {
  std::ostringstream out;
  out << kStubMarker << shards << " shards; a file's shard is xxh3_64(absolute path) % "
      << shards << ".\n# Written by caselens index --shards; do not edit.\n";
  for (std::size_t i = 0; i < shards; ++i) out << "auto " << shard_name(i) << '\n';
  return out.str();
}

// Written to a temporary file and renamed, so readers see no stub or a
// whole one.
Status write_stub(const fs::path& dir, std::size_t shards) {
  const fs::path tmp = dir / (std::string(kStubFile) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << stub_text(shards);
    if (!out.flush()) {
      return Error{ErrorKind::kDatabase, tmp.string() + ": cannot write: " + std::strerror(errno)};
    }
  }
  std::error_code ec;
  fs::rename(tmp, dir / kStubFile, ec);
  if (ec) {
    return Error{ErrorKind::kDatabase, (dir / kStubFile).string() + ": cannot write: " + ec.message()};
  }
  return Ok{};
}

// True when `dir` is missing, empty, or holds only what an interrupted
// creation of a sharded index leaves (shard folders, the lock, a temporary
// stub): a layout can be created there.
bool can_create_layout(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  if (!fs::is_directory(dir, ec)) return false;
  static const std::regex kLeftover("shard-[0-9]{3}|caselens-writer\\.lock|XAPIANDB\\.tmp");
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!std::regex_match(entry.path().filename().string(), kLeftover)) return false;
  }
  return !ec;
}

bool is_xapian_database(const fs::path& dir) {
  try {
    Xapian::Database db(dir.string());
    return true;
  } catch (const Xapian::Error&) {
    return false;
  }
}

class WriterLock {
 public:
  // Error (kDatabase) when another process holds it.
  static Result<WriterLock> acquire(const fs::path& dir) {
    const fs::path path = dir / kLockFile;
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      return Error{ErrorKind::kDatabase, path.string() + ": cannot open: " + std::strerror(errno)};
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      char buf[32] = {};
      const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
      ::close(fd);
      const long pid = n > 0 ? std::strtol(buf, nullptr, 10) : 0;
      return Error{ErrorKind::kDatabase,
                   dir.string() + ": index is being updated by another process" +
                       (pid > 0 ? " (pid " + std::to_string(pid) + ")" : "")};
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
      // The pid is only a courtesy for the message above; the lock holds.
    }
    return WriterLock(fd);
  }
  WriterLock(WriterLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;
  WriterLock& operator=(WriterLock&&) = delete;
  ~WriterLock() {
    if (fd_ < 0) return;
    if (::ftruncate(fd_, 0) != 0) {
      // A stale pid is harmless: it is read only while the lock is held.
    }
    ::close(fd_);  // releases the flock
  }

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_;
};

// Creates the shards (empty caselens indexes, tagged with the codebook's
// themes so that all shards list the same themes) and then the stub.
Result<ShardLayout> create_layout(const fs::path& dir, std::size_t shards,
                                  const IndexOptions& options) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    return Error{ErrorKind::kDatabase, dir.string() + ": cannot create folder: " + ec.message()};
  }
  ShardLayout layout{dir, {}};
  IndexOptions create = options;
  create.prune = false;
  for (std::size_t i = 0; i < shards; ++i) {
    layout.shards.push_back(dir / shard_name(i));
    auto made = index_paths(layout.shards.back(), {}, create, {});
    if (!made.ok()) return made.error();
  }
  if (auto written = write_stub(dir, shards); !written.ok()) return written.error();
  return layout;
}

void add(IndexStats& total, const IndexStats& s) {
  total.added += s.added;
  total.updated += s.updated;
  total.unchanged += s.unchanged;
  total.removed += s.removed;
  total.failed += s.failed;
  total.passages += s.passages;
  total.bytes += s.bytes;
  total.compacted = total.compacted || s.compacted;
  total.compact_warnings.insert(total.compact_warnings.end(), s.compact_warnings.begin(),
                                s.compact_warnings.end());
}

}  // namespace

Result<std::optional<ShardLayout>> read_shard_layout(const fs::path& dir) {
  const fs::path stub = dir / kStubFile;
  std::error_code ec;
  if (!fs::is_regular_file(stub, ec)) return std::optional<ShardLayout>();
  std::ifstream in(stub);
  std::string first;
  if (!in || !std::getline(in, first)) {
    return Error{ErrorKind::kDatabase, stub.string() + ": cannot read: " + std::strerror(errno)};
  }
  const std::string marker = kStubMarker;
  std::size_t count = 0;
  if (first.compare(0, marker.size(), marker) == 0) {
    count = std::strtoul(first.c_str() + marker.size(), nullptr, 10);
  }
  if (count == 0) {
    return Error{ErrorKind::kDatabase,
                 stub.string() + ": not a caselens sharded index (a Xapian stub file not "
                                 "written by caselens; give its databases with --db)"};
  }
  ShardLayout layout{dir, {}};
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (line != "auto " + shard_name(layout.shards.size())) {
      return Error{ErrorKind::kDatabase,
                   stub.string() + ": unexpected line '" + line +
                       "' (the stub was edited; it must list shard-000 to shard-" +
                       shard_name(count - 1).substr(6) + ")"};
    }
    layout.shards.push_back(dir / shard_name(layout.shards.size()));
  }
  if (layout.shards.size() != count) {
    return Error{ErrorKind::kDatabase, stub.string() + ": lists " +
                                           std::to_string(layout.shards.size()) +
                                           " shards, its first line says " +
                                           std::to_string(count)};
  }
  return std::optional<ShardLayout>(std::move(layout));
}

std::size_t shard_of(const std::string& absolute, std::size_t shards) {
  return static_cast<std::size_t>(XXH3_64bits(absolute.data(), absolute.size()) % shards);
}

Result<IndexStats> index_sharded(const fs::path& dir, std::size_t shards,
                                 const std::vector<fs::path>& roots,
                                 const IndexOptions& options, const IndexCallbacks& callbacks) {
  auto existing = read_shard_layout(dir);
  if (!existing.ok()) return existing.error();
  if (existing->has_value() && shards != 0 && (*existing)->shards.size() != shards) {
    return Error{ErrorKind::kUsage,
                 dir.string() + ": has " + std::to_string((*existing)->shards.size()) +
                     " shards, not " + std::to_string(shards) +
                     " (a file's shard depends on the count: index into a new folder to "
                     "change it)"};
  }
  if (!existing->has_value()) {
    if (shards == 0) {
      return Error{ErrorKind::kUsage, dir.string() + ": not a sharded index (use --shards N)"};
    }
    if (is_xapian_database(dir)) {
      return Error{ErrorKind::kUsage, dir.string() +
                                          ": is a single index; --shards needs a new folder "
                                          "(index into one, or drop --shards)"};
    }
    if (!can_create_layout(dir)) {
      return Error{ErrorKind::kDatabase,
                   dir.string() + ": not a caselens index (folder holds other files)"};
    }
  }
  std::error_code ec;
  if (!existing->has_value()) fs::create_directories(dir, ec);
  auto lock = WriterLock::acquire(dir);
  if (!lock.ok()) return lock.error();

  ShardLayout layout;
  if (existing->has_value()) {
    layout = std::move(**existing);
  } else {
    auto created = create_layout(dir, shards, options);
    if (!created.ok()) return created.error();
    layout = std::move(*created);
  }
  const std::size_t n = layout.shards.size();

  IndexStats total;
  auto report = [&](const Error& e) {
    ++total.failed;
    if (callbacks.on_file_error) callbacks.on_file_error(e);
  };
  std::vector<std::vector<fs::path>> files(n);
  Progress before;  // of the shards already done
  for (const auto& f : corpus::find_documents(roots, report)) {
    files[shard_of(absolute_path(f.path), n)].push_back(f.path);
    ++before.files_total;
    before.bytes_total += f.size;
  }

  for (std::size_t i = 0; i < n; ++i) {
    IndexOptions shard_options = options;
    Xapian::Database others;
    try {
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) others.add_database(Xapian::Database(layout.shards[j].string()));
      }
    } catch (const Xapian::Error& e) {
      return Error{ErrorKind::kDatabase,
                   dir.string() + ": cannot open its shards: " + e.get_description()};
    }
    shard_options.id_taken_elsewhere = [&others](const std::string& id) {
      return others.get_termfreq(schema::term(schema::kUniqueId, id)) != 0;
    };
    IndexCallbacks shard_callbacks;
    shard_callbacks.on_file_error = callbacks.on_file_error;
    shard_callbacks.on_compact = callbacks.on_compact;
    Progress last;
    if (callbacks.on_progress) {
      shard_callbacks.on_progress = [&](const Progress& p) {
        last = p;
        Progress all = before;
        all.files_done += p.files_done;
        all.bytes_done += p.bytes_done;
        callbacks.on_progress(all);
      };
    }
    auto stats = index_paths(layout.shards[i], files[i], shard_options, shard_callbacks);
    if (!stats.ok()) return stats.error();
    add(total, *stats);
    before.files_done += last.files_done;
    before.bytes_done += last.bytes_done;
  }
  return total;
}

}  // namespace caselens::indexer
