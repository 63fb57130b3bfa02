// Generating a "Lessons Learned Research Digest" bulletin from the index:
// the reviews (and digest entries read from other bulletins) published in a
// period, each placed as local, regional or national learning for one
// partnership, put in one category, and summarised by quotations of its own
// text (extract.h), every bullet carrying the passage it came from.
//
// Bulletin sections, in order:
//   local               reviews of the partnership itself;
//   regional            reviews of partnerships in the regions asked for;
//   thematic-national   thematic reviews (and entries a bulletin listed as
//                       thematic/national), not local or regional;
//   national-children   the rest, one table per category (category.h);
//   national-adults     the rest in the adults category.
// A digest entry that repeats a review in the selection (same place, case
// name and month) is left out in favour of the review.  Research digests
// themselves (type research-digest) are not entries of a bulletin.
#ifndef CASELENS_DIGEST_DIGEST_H_
#define CASELENS_DIGEST_DIGEST_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "corpus/error.h"
#include "digest/category.h"
#include "digest/extract.h"
#include "digest/period.h"
#include "digest/regions.h"

namespace caselens::digest {

struct DigestRequest {
  Period period;
  std::string partnership;            // the bulletin's partnership (required)
  // Regions whose partnerships count as regional; empty: the region of
  // `partnership` in the regions map, if it has one.
  std::vector<std::string> regions;
  const RegionMap* region_map = nullptr;  // not owned; required
  // Theme ids or names; entries sharing one are shown in italics.
  std::vector<std::string> priority_themes;
  int issue = 0;  // issue number, 0 when not given
  std::string title = "Lessons Learned Research Digest";
  ExtractOptions extract;
  // Called after each review is read (done, total), for a progress line.
  std::function<void(std::size_t, std::size_t)> on_progress;
};

struct Entry {
  std::string id;
  std::string kind;  // "review" or "digest-entry"
  std::string type;  // review type slug
  std::string review_type;  // an entry's review type as its bulletin gave it
  std::string title;
  std::string partnership;
  std::string region;  // the partnership's region in the map, "" when unknown
  std::string case_name;
  std::string child_age;
  std::string date;  // "YYYY-MM" or "YYYY"
  int year = 0;
  int month = 0;
  std::string bulletin;  // a digest entry's bulletin id
  std::string section;   // bulletin section id (see the file comment)
  std::string category;  // category id (category.h)
  std::string category_basis;
  std::string heading;  // "Feb 2021 – Hull City Council – Baby B"
  std::optional<Bullet> case_line;
  std::vector<Bullet> key_issues;
  std::vector<Bullet> learning;
  std::vector<Bullet> recommendations;
  std::string link_text;  // "Read full report"
  std::string link;       // the report: meta.extra["url"], else the file ("file://...")
  std::vector<std::string> themes;           // theme ids of the review
  std::vector<std::string> priority_themes;  // ids shared with the request's
  std::string priority_reason;  // "Priority themes: Domestic abuse, Hidden men"; "" if none
};

struct Table {
  std::string category;  // category id; "" in the local, regional, thematic sections
  std::string heading;   // "NEGLECT"; "" when category is ""
  std::vector<Entry> entries;
};

struct BulletinSection {
  std::string id;       // "local", "regional", ...
  std::string heading;  // "Local learning", ...
  std::string note;     // said when the section has no entries
  std::vector<Table> tables;  // only tables with entries
  std::size_t entries() const;
};

struct Bulletin {
  std::string title;
  int issue = 0;
  YearMonth issued;  // the month after the period
  std::string partnership;
  std::vector<std::string> regions;  // region names used for "regional"
  Period period;
  std::vector<std::string> priority_themes;       // ids
  std::vector<std::string> priority_theme_names;  // parallel
  std::string introduction;  // the welcome paragraph
  std::vector<BulletinSection> sections;
  std::size_t reviews = 0;         // entries that are reviews
  std::size_t digest_entries = 0;  // entries read from other bulletins
  std::size_t duplicates = 0;      // digest entries left out as repeats of reviews
  // Problems with single reviews (a category override that names no
  // category), one line each; the bulletin is still made.
  std::vector<std::string> warnings;
  // Things worth saying that are not problems with the input ("no region
  // is known for the partnership").
  std::vector<std::string> notes;
};

// Errors: kUsage for a request that cannot be met (no partnership, an
// unknown region or priority theme, no region map), kDatabase for index
// problems.
Result<Bulletin> build_digest(const Xapian::Database& db, const DigestRequest& request);

// The category a bulletin gives the review (or digest entry) with this id,
// by the rule of category.h.  Errors: kUsage for an unknown id, kDatabase.
Result<CategoryChoice> review_category(const Xapian::Database& db, const std::string& review_id);

}  // namespace caselens::digest

#endif  // CASELENS_DIGEST_DIGEST_H_
