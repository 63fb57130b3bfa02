// Xapian's own consistency check of an index folder, for tests that use
// Catch2.  It runs xapian-check as a subprocess rather than calling
// Xapian::Database::check(): in Xapian 1.4.22 that function deletes an
// object with the wrong type (AddressSanitizer: new-delete-type-mismatch,
// inside libxapian), which would fail the sanitizer build.
#ifndef CASELENS_TESTS_SUPPORT_XAPIAN_CHECK_H_
#define CASELENS_TESTS_SUPPORT_XAPIAN_CHECK_H_

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/test_support.h"

namespace caselens::testing {

// Requires xapian-check (Debian's xapian-tools) to find no error in `db`.
inline void require_xapian_check(const std::filesystem::path& db) {
  const std::filesystem::path tool = "/usr/bin/xapian-check";
  INFO(
      "xapian-check comes with Debian's xapian-tools "
      "(scripts/install-deps.sh)");
  REQUIRE(std::filesystem::exists(tool));
  const ProcessResult r = run_process({tool.string(), db.string()});
  INFO(r.describe());
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Catch::Contains("No errors found"));
}

}  // namespace caselens::testing

#endif  // CASELENS_TESTS_SUPPORT_XAPIAN_CHECK_H_
