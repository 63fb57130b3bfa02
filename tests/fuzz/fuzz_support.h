// Shared by the fuzz harnesses (tests/fuzz/fuzz_*.cc).  Test-only code.
//
// Each harness defines one entry point, CASELENS_FUZZ_ENTRY.  In the fuzz
// build (-DCASELENS_FUZZ=ON) that is libFuzzer's LLVMFuzzerTestOneInput, one
// executable per harness; in the normal build every harness is compiled into
// the one regression runner (fuzz_regressions.cc) under its own name, so the
// saved crashing inputs go through exactly the code that found them.
#ifndef CASELENS_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define CASELENS_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#ifndef CASELENS_FUZZ_ENTRY
#define CASELENS_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

namespace caselens::fuzz {

// A broken contract: report it and abort, which both libFuzzer and the
// regression test treat as a crash.
[[noreturn]] inline void fail(std::string_view what) {
  std::fprintf(stderr, "fuzz contract violated: %.*s\n",
               static_cast<int>(what.size()), what.data());
  std::abort();
}

inline void check(bool ok, std::string_view what) {
  if (!ok) fail(what);
}

inline std::string_view as_view(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace caselens::fuzz

#endif  // CASELENS_TESTS_FUZZ_FUZZ_SUPPORT_H_
