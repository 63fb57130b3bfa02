// Runs saved inputs through the fuzz harnesses' entry points in the normal
// build, so inputs that once crashed a target stay fixed.
//
//   fuzz_regressions TARGET DIR_OR_FILE...
//
// Every regular file under each DIR (recursively, sorted) is one input; a
// DIR that does not exist is skipped (a target with no saved crashes yet).  An
// input that crashes, trips a sanitizer or breaks a harness's contract check
// aborts the process, which fails the test; the file being run is printed
// first so the failure names it.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#define CASELENS_FUZZ_TARGET(name) \
  extern "C" int caselens_fuzz_##name(const uint8_t* data, size_t size);
#include "tests/fuzz/targets.inc"
#undef CASELENS_FUZZ_TARGET

namespace {

namespace fs = std::filesystem;
using Entry = int (*)(const uint8_t*, size_t);

struct Target {
  std::string_view name;
  Entry entry;
};

const Target kTargets[] = {
#define CASELENS_FUZZ_TARGET(name) {#name, caselens_fuzz_##name},
#include "tests/fuzz/targets.inc"
#undef CASELENS_FUZZ_TARGET
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s TARGET DIR_OR_FILE...\n", argv[0]);
    return 2;
  }
  const std::string_view name = argv[1];
  const auto target = std::find_if(std::begin(kTargets), std::end(kTargets),
                                   [&](const Target& t) { return t.name == name; });
  if (target == std::end(kTargets)) {
    std::fprintf(stderr, "unknown fuzz target '%s'\n", argv[1]);
    return 2;
  }
  std::vector<fs::path> inputs;
  for (int i = 2; i < argc; ++i) {
    const fs::path dir = argv[i];
    if (fs::is_regular_file(dir)) inputs.push_back(dir);
    if (!fs::is_directory(dir)) continue;  // a target with no saved inputs yet
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file()) inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& path : inputs) {
    std::fprintf(stderr, "%s: %s\n", argv[1], path.c_str());
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      std::fprintf(stderr, "cannot read %s\n", path.c_str());
      return 1;
    }
    target->entry(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("fuzz target %s: %zu saved inputs ran cleanly\n", argv[1], inputs.size());
  return 0;
}
