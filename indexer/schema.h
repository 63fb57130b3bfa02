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

inline std::vector<std::string> split_facet_values(std::string_view encoded) {
  std::vector<std::string> out;
  while (!encoded.empty()) {
    auto cut = encoded.find(kFacetSeparator);
    out.emplace_back(encoded.substr(0, cut));
    if (cut == std::string_view::npos) break;
    encoded.remove_prefix(cut + 1);
  }
  return out;
}

// A term with its prefix, e.g. term(kYear, "2019") == "Y2019".
inline std::string term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t += value;
  return t;
}

}  // namespace caselens::schema

#endif  // CASELENS_INDEXER_SCHEMA_H_
