// Running the real caselens binary from the end-to-end tests (Catch2
// assertions included, so for tests/cli only).
#ifndef CASELENS_TESTS_CLI_CLI_HELPERS_H_
#define CASELENS_TESTS_CLI_CLI_HELPERS_H_

#include <rapidjson/document.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_support.h"
#include "tests/support/xapian_check.h"

namespace caselens::testing {

inline ProcessResult caselens(std::vector<std::string> args, const RunOptions& options = {}) {
  args.insert(args.begin(), CASELENS_BINARY);
  return run_process(args, options);
}

// Runs and requires the exit code, printing everything when it differs.
inline ProcessResult expect_exit(int code, std::vector<std::string> args,
                                 const RunOptions& options = {}) {
  ProcessResult r = caselens(std::move(args), options);
  INFO(r.describe());
  REQUIRE(r.exit_code == code);
  return r;
}

// The command's stdout as JSON (an object or, for `tag`, an array).
inline rapidjson::Document parse_json(const ProcessResult& r) {
  rapidjson::Document doc;
  doc.Parse(r.out.c_str(), r.out.size());
  INFO(r.describe());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE((doc.IsObject() || doc.IsArray()));
  return doc;
}

// `caselens info --json`'s document and review counts.
inline std::uint64_t documents_in(const std::filesystem::path& db) {
  return parse_json(expect_exit(
      0, {"info", "--db", db.string(), "--json"}))["documents"]
      .GetUint64();
}
inline std::uint64_t reviews_in(const std::filesystem::path& db) {
  return parse_json(
             expect_exit(0, {"info", "--db", db.string(), "--json"}))["reviews"]
      .GetUint64();
}

// The one line a failing command prints on stderr.
inline std::string single_error_line(const ProcessResult& r) {
  INFO(r.describe());
  const auto lines = lines_of(r.err);
  REQUIRE(lines.size() == 1);
  CHECK(r.err.back() == '\n');
  return lines[0];
}

// Sets `options` so that permissions apply to the child: as root it runs
// as user "nobody" (65534), otherwise as we are.  Returns "" when that is
// possible, else why not (the caller skips its case with that message).
// `dir` is the temporary folder the child must reach.
inline std::string permissions_apply_to_child(
    RunOptions& options, const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  if (::geteuid() != 0) {
    return permissions_do_not_apply()
               ? "this user can read and write files whatever their mode"
               : "";
  }
  options.uid = 65534;
  options.gid = 65534;
  // "nobody" must be able to reach the binary and the temporary folder.
  for (const fs::path& target :
       {fs::path(CASELENS_BINARY).parent_path(), dir.parent_path()}) {
    for (fs::path p = target; p != p.root_path(); p = p.parent_path()) {
      if ((fs::status(p).permissions() & fs::perms::others_exec) ==
          fs::perms::none) {
        return "user nobody cannot reach " + p.string();
      }
    }
  }
  return "";
}

}  // namespace caselens::testing

#endif  // CASELENS_TESTS_CLI_CLI_HELPERS_H_
