// Regions: which local area's partnership belongs to which region, from an
// editable data file (data/regions.json), and where a review goes in a
// bulletin for a given partnership: local, regional or national.
#ifndef CASELENS_DIGEST_REGIONS_H_
#define CASELENS_DIGEST_REGIONS_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/error.h"

namespace caselens::digest {

struct Region {
  std::string name;                // "North East"
  std::vector<std::string> areas;  // "Darlington", "South Tees", ...
};

struct RegionMap {
  std::vector<Region> regions;  // in file order
};

// Reads a regions file: {"regions": [{"name": "...", "areas": ["..."]}]}.
// Error (kUsage) naming the file when it cannot be read, is not such an
// object, or a region has no name.
Result<RegionMap> load_regions(const std::filesystem::path& path);
Result<RegionMap> parse_regions(std::string_view json, const std::string& where);

// The place a partnership, board or council name stands for: its words,
// lower-cased ASCII, without the words that name the kind of body
// (safeguarding, children, adults, people, partnership, board, council,
// borough, city, county, metropolitan, district, royal, local, authority,
// LSCB, ...) and without "of", "the" and "and", joined by single spaces.
// "Metropolitan Borough of Dudley" and "Dudley Safeguarding People
// Partnership" are both "dudley"; "Hartlepool & Stockton-on-Tees
// Safeguarding Children Partnership" is "hartlepool stockton on tees".
std::string place_key(std::string_view name);

// True when both names stand for the same place (equal, non-empty keys).
bool same_place(std::string_view a, std::string_view b);

// The region of a partnership: the region with an area whose key equals
// the partnership's; failing that, the region of the longest area whose
// key occurs in the partnership's key as whole words ("london merton"
// holds "merton").  nullptr when none does.
const Region* region_of(const RegionMap& map, std::string_view partnership);

// The region named `name` (compared by place_key, so "Yorkshire & Humber"
// finds "Yorkshire and the Humber"); nullptr when there is none.
const Region* find_region(const RegionMap& map, std::string_view name);

enum class Placement { kLocal, kRegional, kNational };

// Local when the review's partnership is the same place as the bulletin's,
// regional when it is in one of `regions`, national otherwise (also when
// the review names no partnership).
Placement place_review(const RegionMap& map, std::string_view review_partnership,
                       std::string_view bulletin_partnership,
                       const std::vector<const Region*>& regions);

}  // namespace caselens::digest

#endif  // CASELENS_DIGEST_REGIONS_H_
