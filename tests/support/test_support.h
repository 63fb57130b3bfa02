// Helpers shared by the test executables: temporary folders, files, and
// running the caselens binary as a subprocess.  Test-only code.
#ifndef CASELENS_TESTS_SUPPORT_TEST_SUPPORT_H_
#define CASELENS_TESTS_SUPPORT_TEST_SUPPORT_H_

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caselens::testing {

// A fresh folder under $TMPDIR (else /tmp), removed with everything in it
// when the object goes out of scope (permissions are restored first so that
// chmod'ed test files do not block the removal).  With CASELENS_TEST_KEEP
// set in the environment, folders are kept (and named on stderr) instead.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view relative) const {
    return path_ / relative;
  }
  // Writes `bytes` to path()/relative (parent folders created); returns the
  // full path.
  std::filesystem::path write(std::string_view relative,
                              std::string_view bytes) const;

 private:
  std::filesystem::path path_;
};

// Writes `bytes` to `path` (binary, truncating), creating parent folders.
// Throws std::runtime_error on failure.
void write_file(const std::filesystem::path& path, std::string_view bytes);

// The whole file; throws std::runtime_error when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// The sizes of the files directly in `folder` (an index's tables), summed.
std::uintmax_t folder_bytes(const std::filesystem::path& folder);

struct RunOptions {
  // Run the child as this user and group (needs root); unset: as we are.
  std::optional<uid_t> uid;
  std::optional<gid_t> gid;
  // Working folder of the child; unset: ours.
  std::optional<std::filesystem::path> cwd;
  // The child is killed (SIGKILL) when still running after this long: a
  // guard against hanging tests, and a way to interrupt a run on purpose.
  std::chrono::milliseconds kill_after{std::chrono::minutes(5)};
  // The child's RLIMIT_FSIZE in bytes, with SIGXFSZ ignored: a write that
  // would pass it fails with EFBIG, as on a full disk (which needs no
  // privileges to make).  Unset: unlimited (or as inherited).
  std::optional<std::uintmax_t> file_size_limit;
  // "NAME=value" entries added to (or replacing in) the inherited
  // environment.  CASELENS_DB is always removed from the inherited one so a
  // developer's setting cannot leak into the tests.
  std::vector<std::string> env;
};

struct ProcessResult {
  int exit_code = -1;   // 128 + signal number when killed by a signal
  bool killed = false;  // killed because RunOptions::kill_after passed
  std::string out;      // everything written to stdout
  std::string err;      // everything written to stderr
  // The command, exit code, stdout and stderr, for failure messages.
  std::string describe() const;
  std::string command;
};

// Runs argv[0] (an absolute path; no shell, no PATH lookup) with stdin from
// /dev/null, capturing stdout and stderr.  Throws std::runtime_error when
// the process cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const RunOptions& options = {});

// A child process left running in the background (stdin, stdout and stderr
// on /dev/null, in a process group of its own), e.g. a server; its group is
// stopped (SIGTERM, then SIGKILL after two seconds) and the child reaped by
// stop() or when the object goes out of scope.
// Throws std::runtime_error when it cannot be started.
class BackgroundProcess {
 public:
  explicit BackgroundProcess(const std::vector<std::string>& argv);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();  // false once it has exited (it is then reaped)
  void stop();

 private:
  pid_t pid_ = -1;
};

// A TCP port of 127.0.0.1 that was free when asked (the kernel's choice).
int free_tcp_port();

// Waits until something accepts connections on 127.0.0.1:port; false when
// nothing does within `timeout`.
bool wait_for_tcp_port(int port, std::chrono::milliseconds timeout);

// A small review-like text: a partnership line, an Executive Summary whose
// one paragraph contains `word`, and a Recommendations list of two items.
// Distinctive made-up words ("quokkaword") make terms easy to count.
std::string synthetic_review(std::string_view partnership,
                             std::string_view word);

// Lines of `text` without their '\n' (a trailing newline adds no line).
std::vector<std::string> lines_of(std::string_view text);

// True when this process can read a file whose mode is 000 (e.g. as root),
// so chmod cannot make an input unreadable for it.
bool permissions_do_not_apply();

}  // namespace caselens::testing

#endif  // CASELENS_TESTS_SUPPORT_TEST_SUPPORT_H_
