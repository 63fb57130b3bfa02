#include "digest/regions.h"

#include <algorithm>
#include <iterator>
#include <fstream>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "digest/words.h"

namespace caselens::digest {
namespace {

// Words that say what kind of body a name is, not where it is.
constexpr std::string_view kBodyWords[] = {
    "safeguarding", "children", "childrens", "child", "adults", "adult", "people",
    "partnership", "partnerships", "board", "boards", "council", "borough",
    "city", "county", "metropolitan", "district", "royal", "local", "authority",
    "la", "lscb", "lscp", "scp", "sab", "lsab"};
constexpr std::string_view kLinkWords[] = {"of", "the", "and"};

std::vector<std::string> key_words(std::string_view name) {
  std::vector<std::string> out;
  const std::vector<std::string> all = words::slug_words(name);
  for (std::size_t i = 0; i < all.size(); ++i) {
    // "Children's" slugs to "children-s": the "s" goes with it.
    if (all[i] == "s" && i > 0) continue;
    if (!words::one_of(kBodyWords, all[i]) && !words::one_of(kLinkWords, all[i])) {
      out.push_back(all[i]);
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// Whole-word containment of `inner` in `outer` (both key strings).
bool holds_words(const std::string& outer, const std::string& inner) {
  if (inner.empty()) return false;
  const std::string padded = " " + outer + " ";
  return padded.find(" " + inner + " ") != std::string::npos;
}

}  // namespace

std::string place_key(std::string_view name) { return join(key_words(name)); }

bool same_place(std::string_view a, std::string_view b) {
  const std::string ka = place_key(a);
  return !ka.empty() && ka == place_key(b);
}

Result<RegionMap> parse_regions(std::string_view json, const std::string& where) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    return Error{ErrorKind::kUsage, where + ": invalid JSON at offset " +
                                        std::to_string(doc.GetErrorOffset()) + ": " +
                                        rapidjson::GetParseError_En(doc.GetParseError())};
  }
  if (!doc.IsObject() || !doc.HasMember("regions") || !doc["regions"].IsArray()) {
    return Error{ErrorKind::kUsage, where + ": expected an object with a \"regions\" array"};
  }
  RegionMap map;
  std::size_t n = 0;
  for (const auto& r : doc["regions"].GetArray()) {
    ++n;
    if (!r.IsObject() || !r.HasMember("name") || !r["name"].IsString() ||
        place_key(r["name"].GetString()).empty()) {
      return Error{ErrorKind::kUsage,
                   where + ": region " + std::to_string(n) + " has no \"name\" string"};
    }
    Region region{r["name"].GetString(), {}};
    if (r.HasMember("areas")) {
      if (!r["areas"].IsArray()) {
        return Error{ErrorKind::kUsage,
                     where + ": region \"" + region.name + "\": \"areas\" is not an array"};
      }
      for (const auto& a : r["areas"].GetArray()) {
        if (!a.IsString()) {
          return Error{ErrorKind::kUsage, where + ": region \"" + region.name +
                                              "\": an area is not a string"};
        }
        region.areas.emplace_back(a.GetString());
      }
    }
    map.regions.push_back(std::move(region));
  }
  return map;
}

Result<RegionMap> load_regions(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorKind::kUsage, path.string() + ": cannot read regions file"};
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_regions(buf.str(), path.string());
}

const Region* region_of(const RegionMap& map, std::string_view partnership) {
  const std::string key = place_key(partnership);
  if (key.empty()) return nullptr;
  const Region* best = nullptr;
  std::size_t best_length = 0;
  for (const auto& region : map.regions) {
    for (const auto& area : region.areas) {
      const std::string area_key = place_key(area);
      if (area_key == key) return &region;
      if (area_key.size() > best_length && holds_words(key, area_key)) {
        best = &region;
        best_length = area_key.size();
      }
    }
  }
  return best;
}

const Region* find_region(const RegionMap& map, std::string_view name) {
  const std::string key = place_key(name);
  for (const auto& region : map.regions) {
    if (!key.empty() && place_key(region.name) == key) return &region;
  }
  return nullptr;
}

Placement place_review(const RegionMap& map, std::string_view review_partnership,
                       std::string_view bulletin_partnership,
                       const std::vector<const Region*>& regions) {
  if (same_place(review_partnership, bulletin_partnership)) return Placement::kLocal;
  const Region* region = region_of(map, review_partnership);
  if (region && std::find(regions.begin(), regions.end(), region) != regions.end()) {
    return Placement::kRegional;
  }
  return Placement::kNational;
}

}  // namespace caselens::digest
