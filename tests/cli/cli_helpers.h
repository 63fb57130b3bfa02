// Running the real caselens binary from the end-to-end tests (Catch2
// assertions included, so for tests/cli only).
#ifndef CASELENS_TESTS_CLI_CLI_HELPERS_H_
#define CASELENS_TESTS_CLI_CLI_HELPERS_H_

#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_support.h"

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

}  // namespace caselens::testing

#endif  // CASELENS_TESTS_CLI_CLI_HELPERS_H_
