// The index schema: every Xapian term prefix and value slot caselens uses,
// declared once.  Nothing else in the code spells a prefix or a slot number.
//
// Two kinds of document share one database:
//   review  - one per source file: all its text, metadata terms and values;
//             data = JSON {id, path, format, hash, meta, sections}.  A
//             research digest's case entries are reviews too (type
//             digest-entry, id "<bulletin>-entry-NN"), with the bulletin's
//             path, term XB<bulletin> and no file key: they are written,
//             replaced and removed with their bulletin.
//   passage - one per paragraph or list item: its text and its review's
//             metadata terms (so filters work on passages too);
//             data = JSON {id, review, section, begin, end, text}.
// Xapian's convention: capital-letter prefixes, "X..." for custom ones.
#ifndef CASELENS_INDEXER_SCHEMA_H_
#define CASELENS_INDEXER_SCHEMA_H_

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace caselens::schema {

// Version of this schema, stored as database metadata under kSchemaKey.
// A database without it is not a caselens index.
inline constexpr std::string_view kSchemaKey = "caselens.schema";
inline constexpr std::string_view kSchemaVersion = "1";

// ---- Boolean terms (exact values, for filtering and identity) ----
inline constexpr std::string_view kUniqueId = "Q";      // Q<doc id>: review "leicester-child-r", passage "leicester-child-r#12"
inline constexpr std::string_view kKind = "XK";         // XKreview | XKpassage
inline constexpr std::string_view kReview = "XR";       // XR<review id>: on a review and on each of its passages
inline constexpr std::string_view kFileKey = "XF";      // XF<hash of absolute path>: finds a file's review doc
inline constexpr std::string_view kType = "XTYPE";      // XTYPEserious-case-review
inline constexpr std::string_view kNation = "XNATION";  // XNATIONwales (lower case)
inline constexpr std::string_view kPartnershipExact = "XPARTX";  // XPARTX<slug of partnership>
inline constexpr std::string_view kYear = "Y";          // Y2019
inline constexpr std::string_view kTheme = "XTHEME";    // XTHEME<theme id> (set by theme tagging)
inline constexpr std::string_view kBulletin = "XB";     // XB<bulletin review id>: on a digest entry and its passages

// ---- Free-text field prefixes (stemmed words, for field searches) ----
inline constexpr std::string_view kTitle = "S";         // title words (Xapian's S = subject/title)
inline constexpr std::string_view kPartnership = "XP";  // partnership words
inline constexpr std::string_view kSection = "XS";      // section heading words
inline constexpr std::string_view kCase = "XC";         // case name words ("child", "e", "steven")

// The "kind" term values.
inline constexpr std::string_view kKindReview = "review";
inline constexpr std::string_view kKindPassage = "passage";

// ---- Document ids ----
// Reviews (and digest entries) take document ids from 1 up, passages from
// kFirstPassageDocid up, so that in every term's posting list a review's
// postings come before all passages' postings.  A search over reviews then
// reads the review part of each list only, not the ~80 times as many
// passage postings interleaved with it (measured on 10,000 synthetic
// reviews: facet search p50 22 ms with interleaved ids, 9.6 ms with the
// reviews alone).  A new review takes the id after the highest one in use
// below kFirstPassageDocid; when there is none left (an index built before
// this layout, whose ids are interleaved, or a shard of 2^20 - 1 reviews)
// it takes the id after the highest, as passages do: slower to search,
// never wrong.  2^20 keeps the combined ids of hundreds of shards searched
// together within 32 bits.
inline constexpr Xapian::docid kFirstPassageDocid = Xapian::docid{1} << 20;

// ---- Value slots ----
enum Slot : Xapian::valueno {
  kSlotDate = 0,         // "YYYYMM" publication date, "00" for an unknown month;
                         // absent when the year is unknown.  Ranges and sorting.
  kSlotType = 1,         // facet value list (see join_facet_values)
  kSlotPartnership = 2,  // facet value list
  kSlotNation = 3,       // facet value list
  kSlotYear = 4,         // facet value list ("2019")
  kSlotReviewId = 5,     // review id (on passages: their review's), for grouping
  kSlotContentHash = 6,  // hex content hash of the source file and its sidecar
  kSlotThemes = 7,       // facet value list of theme ids present (review) or
                         // hit (passage)
  kSlotReviewFacets = 8,  // reviews only: the five facet slots' values packed
                          // into one (pack_facets).  Counting facets over
                          // matching reviews then reads one value per review
                          // from a value stream holding reviews alone, instead
                          // of five from streams that are mostly passages.
  // Slot kSlotThemeScoreBase + i: Xapian::sortable_serialise(score) of theme
  // i of the index's theme list (kThemesKey), for sorting by a theme.
  kSlotThemeScoreBase = 100,
};

// The themes an index was tagged with, as database metadata: a JSON array
// [{"id", "name", "core"}].  Append-only, so a theme's score slot
// (kSlotThemeScoreBase + its position) never changes.
inline constexpr std::string_view kThemesKey = "caselens.themes";

// Facet value slots hold several values (e.g. several themes) joined by this
// separator, counted one by one by the query layer's facet spy.
inline constexpr char kFacetSeparator = '\x1f';

inline std::string join_facet_values(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (v.empty()) continue;
    if (!out.empty()) out += kFacetSeparator;
    out += v;
  }
  return out;
}

// Calls f(std::string_view) on each value of a facet value list.
template <typename F>
void for_each_facet_value(std::string_view encoded, F&& f) {
  while (!encoded.empty()) {
    auto cut = encoded.find(kFacetSeparator);
    f(encoded.substr(0, cut));
    if (cut == std::string_view::npos) break;
    encoded.remove_prefix(cut + 1);
  }
}

inline std::vector<std::string> split_facet_values(std::string_view encoded) {
  std::vector<std::string> out;
  for_each_facet_value(encoded, [&](std::string_view v) { out.emplace_back(v); });
  return out;
}

// The facet slots packed into kSlotReviewFacets, in this order.
inline constexpr std::array<Slot, 5> kPackedFacetSlots = {kSlotType, kSlotPartnership, kSlotNation,
                                                          kSlotYear, kSlotThemes};

// kSlotReviewFacets of a document: each packed slot's value as its length
// (base-128, low 7 bits first) then its bytes, so no value can be mistaken
// for a separator.
inline std::string pack_facets(const Xapian::Document& doc) {
  std::string out;
  for (Slot slot : kPackedFacetSlots) {
    const std::string v = doc.get_value(slot);
    for (std::size_t n = v.size();; n >>= 7) {
      out += static_cast<char>((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
      if (n <= 0x7f) break;
    }
    out += v;
  }
  return out;
}

// The slot values packed by pack_facets, in kPackedFacetSlots order; false
// when `packed` is not such a value.
inline bool unpack_facets(std::string_view packed,
                          std::array<std::string_view, kPackedFacetSlots.size()>& out) {
  std::size_t at = 0;
  for (auto& field : out) {
    std::size_t n = 0;
    for (int shift = 0;; shift += 7) {
      if (at >= packed.size() || shift > 28) return false;
      const auto byte = static_cast<unsigned char>(packed[at++]);
      n |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
    }
    if (n > packed.size() - at) return false;
    field = packed.substr(at, n);
    at += n;
  }
  return at == packed.size();
}

// A term with its prefix, e.g. term(kYear, "2019") == "Y2019".
inline std::string term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t += value;
  return t;
}

}  // namespace caselens::schema

#endif  // CASELENS_INDEXER_SCHEMA_H_
