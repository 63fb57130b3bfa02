// Region membership and placement (local / regional / national), with the
// shipped data/regions.json and with small maps made here.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "digest/regions.h"
#include "tests/support/test_support.h"

namespace {

namespace fs = std::filesystem;
using caselens::digest::find_region;
using caselens::digest::load_regions;
using caselens::digest::parse_regions;
using caselens::digest::place_key;
using caselens::digest::place_review;
using caselens::digest::Placement;
using caselens::digest::region_of;
using caselens::digest::RegionMap;

const RegionMap& shipped() {
  static const RegionMap map = [] {
    auto m = load_regions(fs::path(CASELENS_DATA_DIR) / "regions.json");
    if (!m.ok()) FAIL(m.error().message);
    return *m;
  }();
  return map;
}

TEST_CASE("place_key: the place a body's name stands for", "[digest][regions]") {
  const std::pair<const char*, const char*> rows[] = {
      {"Darlington Safeguarding Partnership", "darlington"},
      {"Metropolitan Borough of Dudley", "dudley"},
      {"Dudley Safeguarding People Partnership", "dudley"},
      {"Hartlepool & Stockton on Tees Safeguarding Children Partnership",
       "hartlepool stockton on tees"},
      {"Hartlepool and Stockton-on-Tees Safeguarding Children Partnership",
       "hartlepool stockton on tees"},
      {"London Borough of Merton Council", "london merton"},
      {"North Yorkshire Safeguarding Adults Board", "north yorkshire"},
      {"Kirklees Safeguarding Children's Partnership", "kirklees"},
      {"Hull City Council", "hull"},
      {"Unnamed LA", "unnamed"},
      {"", ""},
  };
  for (const auto& [name, key] : rows) {
    INFO(name);
    CHECK(place_key(name) == key);
  }
}

TEST_CASE("region_of: the shipped regions know the Darlington digest's neighbours",
          "[digest][regions]") {
  // Partnerships as the Darlington digest (Issue 4) names them, with the
  // region each belongs to.
  const std::pair<const char*, const char*> rows[] = {
      {"Darlington Safeguarding Partnership", "North East"},
      {"Hartlepool & Stockton on Tees Safeguarding Children Partnership", "North East"},
      {"South Tees Safeguarding Children Partnership", "North East"},
      {"Newcastle Safeguarding Children Partnership", "North East"},
      {"Sunderland Safeguarding Adults Board", "North East"},
      {"Durham Safeguarding Children Partnership", "North East"},
      {"North Yorkshire Safeguarding Adults Board", "Yorkshire and the Humber"},
      {"Kirklees Safeguarding Children Partnership", "Yorkshire and the Humber"},
      {"Hull City Council", "Yorkshire and the Humber"},
      {"Wakefield Council", "Yorkshire and the Humber"},
      {"North East Lincolnshire Safeguarding Children Partnership", "Yorkshire and the Humber"},
      {"Metropolitan Borough of Dudley", "West Midlands"},
      {"Leicester Safeguarding Children Board", "East Midlands"},
      {"London Borough of Merton Council", "London"},
      {"City & Hackney London Borough Council", "London"},
      {"Blackburn with Darwen Borough Council", "North West"},
      {"Plymouth City Council", "South West"},
      {"Thurrock Council", "East of England"},
      {"Medway Council", "South East"},
  };
  for (const auto& [partnership, region] : rows) {
    INFO(partnership);
    const auto* r = region_of(shipped(), partnership);
    REQUIRE(r != nullptr);
    CHECK(r->name == region);
  }
  for (const char* unknown : {"Unnamed LA", "Mid and West Wales Safeguarding Board", ""}) {
    INFO(unknown);
    CHECK(region_of(shipped(), unknown) == nullptr);
  }
  CHECK(find_region(shipped(), "Yorkshire & Humber") != nullptr);
  CHECK(find_region(shipped(), "north east")->name == "North East");
  CHECK(find_region(shipped(), "Atlantis") == nullptr);
}

TEST_CASE("place_review: local, regional or national for a bulletin's partnership",
          "[digest][regions]") {
  auto map = parse_regions(R"({"regions": [
      {"name": "North", "areas": ["Alpha", "Beta Vale", "Gamma"]},
      {"name": "South", "areas": ["Delta", "Beta"]}]})",
                           "test.json");
  REQUIRE(map.ok());
  const auto* north = find_region(*map, "North");
  const auto* south = find_region(*map, "South");
  struct Row {
    const char* review;
    std::vector<const caselens::digest::Region*> regions;
    Placement expected;
  };
  const Row rows[] = {
      {"Alpha Safeguarding Children Partnership", {north}, Placement::kLocal},
      {"Alpha Safeguarding Adults Board", {}, Placement::kLocal},
      {"Gamma Council", {north}, Placement::kRegional},
      {"Gamma Council", {south}, Placement::kNational},
      {"Gamma Council", {}, Placement::kNational},
      {"Delta Borough Council", {north, south}, Placement::kRegional},
      // Exact area names win over the shorter area inside them.
      {"Beta Vale Safeguarding Partnership", {north}, Placement::kRegional},
      {"Beta Safeguarding Partnership", {north}, Placement::kNational},
      // Whole words only, and the longest area contained.
      {"Upper Beta Vale Council", {north}, Placement::kRegional},
      {"Alphabet Council", {north}, Placement::kNational},
      {"", {north, south}, Placement::kNational},
  };
  for (const auto& r : rows) {
    INFO(r.review);
    CHECK(place_review(*map, r.review, "Alpha Safeguarding Partnership", r.regions) ==
          r.expected);
  }
}

TEST_CASE("regions files: errors name the file and the problem", "[digest][regions]") {
  const std::pair<const char*, const char*> rows[] = {
      {"{", "invalid JSON"},
      {"[]", "\"regions\" array"},
      {R"({"regions": [{"areas": []}]})", "region 1 has no \"name\""},
      {R"({"regions": [{"name": "X", "areas": "Y"}]})", "\"areas\" is not an array"},
      {R"({"regions": [{"name": "X", "areas": [1]}]})", "an area is not a string"},
  };
  for (const auto& [json, says] : rows) {
    INFO(json);
    auto m = parse_regions(json, "bad.json");
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().kind == caselens::ErrorKind::kUsage);
    CHECK_THAT(m.error().message, Catch::StartsWith("bad.json:") && Catch::Contains(says));
  }
  caselens::testing::TempDir dir;
  auto missing = load_regions(dir / "none.json");
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("none.json: cannot read"));
}

}  // namespace
