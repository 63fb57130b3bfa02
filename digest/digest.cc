#include "digest/digest.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "corpus/metadata.h"
#include "corpus/slug.h"
#include "digest/category.h"
#include "query/search.h"
#include "query/synonyms.h"
#include "query/themes.h"

namespace caselens::digest {
namespace {

constexpr const char* kDash = "\u2013";  // en dash, as the bulletins write it

struct SectionSpec {
  const char* id;
  const char* heading;
  const char* empty_note;
};
constexpr SectionSpec kSections[] = {
    {"local", "Local learning", "There were no reviews of the partnership published in this period."},
    {"regional", "Regional learning", "There were no reviews from the region published in this period."},
    {"thematic-national", "Thematic and national reviews",
     "There were no thematic or national reviews published in this period."},
    {"national-children", "National learning \u2013 children",
     "There were no other reviews about children published in this period."},
    {"national-adults", "National learning \u2013 adults",
     "There were no other safeguarding adults reviews published in this period."},
};

std::string extra(const query::ReviewRecord& r, const char* key) {
  auto it = r.extra.find(key);
  return it == r.extra.end() ? "" : it->second;
}

Extract extract(const query::ReviewRecord& r, const std::vector<query::PassageRecord>& passages,
                const ExtractOptions& options) {
  return r.type == "digest-entry" ? extract_digest_entry(r.id, passages, extra(r, "summary"), options)
                                  : extract_review(r.id, passages, r.case_name, options);
}

// The scores of a review's present themes, from its whole record (search
// results carry only the theme ids).
std::map<std::string, double> theme_scores(const query::ReviewRecord& full) {
  std::map<std::string, double> scores;
  for (const auto& t : full.theme_evidence) scores[t.id] = t.score;
  for (const auto& t : full.themes) scores.emplace(t, 1.0);
  return scores;
}

CategoryChoice category_of(const query::ReviewRecord& r, std::vector<std::string> case_sentences,
                           std::map<std::string, double> scores) {
  CategoryInput in;
  in.override_value = extra(r, "category");
  in.type = r.type;
  in.digest_section = extra(r, "digest_section");
  in.case_sentences = std::move(case_sentences);
  in.theme_scores = std::move(scores);
  return choose_category(in);
}

std::string type_name(std::string_view slug) {
  for (const auto& t : corpus::review_types()) {
    if (t.slug == slug) return std::string(t.name);
  }
  return std::string(slug);
}

// A file path as a file:// URL (RFC 3986: unreserved characters and '/'
// kept, everything else percent-encoded).
std::string file_url(const std::string& path) {
  std::string out = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string entry_heading(const query::ReviewRecord& r) {
  const std::string date =
      r.year > 0 ? (r.month ? month_abbreviation(r.month) + " " : "") + std::to_string(r.year) : "";
  // Without a case name (a thematic review), the title says what it is; a
  // digest entry's title is made of the same parts, so it adds nothing.
  const std::string& what =
      r.case_name.empty() && r.type != "digest-entry" ? r.title : r.case_name;
  std::string out;
  for (const std::string* part : {&date, &r.partnership, &what}) {
    if (part->empty()) continue;
    if (!out.empty()) out += std::string(" ") + kDash + " ";
    out += *part;
  }
  return out.empty() ? r.title : out;
}

// Entries repeating a review: same place, case name and month.
std::string case_key(const Entry& e) {
  return place_key(e.partnership) + "|" + corpus::slugify(e.case_name) + "|" +
         std::to_string(e.year) + "-" + std::to_string(e.month);
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string introduction(const Bulletin& b, const std::map<std::string, std::size_t>& types) {
  std::string text = "Welcome to ";
  text += b.issue > 0 ? "issue " + std::to_string(b.issue) + " of " : "";
  text += "the " + b.partnership + " " + b.title + ". ";
  const std::size_t n = b.reviews + b.digest_entries;
  const std::string when =
      (b.period.from == b.period.to ? "in " : "from ") + describe(b.period);
  if (n == 0) {
    return text + "No reviews published " + when + " are in the index, so this bulletin has no entries.";
  }
  std::vector<std::string> kinds;
  for (const auto& [type, count] : types) {
    if (type == "digest-entry") continue;  // said apart, below
    std::string name = type.empty() ? "other review" : type_name(type);
    if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    kinds.push_back(std::to_string(count) + " " + name + (count == 1 ? "" : "s"));
  }
  const std::string summaries =
      std::to_string(b.digest_entries) + (b.digest_entries == 1 ? " summary" : " summaries") +
      " of reviews read from other digests";
  if (b.reviews == 0) {
    text += "It shares the learning from " + summaries + ", published " + when;
  } else {
    text += "It shares the learning from the reviews published " + when + " (" +
            join_names(kinds) + ")";
    if (b.digest_entries > 0) text += " and from " + summaries;
  }
  text += ", so that practitioners can read the messages without reading every report. "
          "Every point is quoted from the review itself; the notes give the passage each "
          "comes from.";
  return text;
}

}  // namespace

std::size_t BulletinSection::entries() const {
  std::size_t n = 0;
  for (const auto& t : tables) n += t.entries.size();
  return n;
}

Result<Bulletin> build_digest(const Xapian::Database& db, const DigestRequest& request) {
  if (request.partnership.find_first_not_of(" \t") == std::string::npos) {
    return Error{ErrorKind::kUsage, "no partnership given (--partnership NAME)"};
  }
  if (!request.region_map) return Error{ErrorKind::kUsage, "no regions map"};
  const RegionMap& map = *request.region_map;

  Bulletin b;
  b.title = request.title;
  b.issue = request.issue;
  b.period = request.period;
  b.issued = month_after(request.period);
  b.partnership = request.partnership;

  std::vector<const Region*> regions;
  for (const auto& name : request.regions) {
    const Region* region = find_region(map, name);
    if (!region) {
      std::string known;
      for (const auto& r : map.regions) known += (known.empty() ? "" : ", ") + r.name;
      return Error{ErrorKind::kUsage, "--region '" + name + "': not in the regions file (known: " +
                                          known + ")"};
    }
    regions.push_back(region);
  }
  if (request.regions.empty()) {
    if (const Region* own = region_of(map, request.partnership)) {
      regions.push_back(own);
    } else {
      b.notes.push_back("no region is known for '" + request.partnership +
                           "' in the regions file, so no review is regional (pass --region)");
    }
  }
  for (const Region* r : regions) b.regions.push_back(r->name);

  std::vector<query::IndexTheme> themes;
  try {
    themes = query::index_themes(db);
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "reading the index's themes: " + e.get_description()};
  }
  for (const auto& name : request.priority_themes) {
    auto theme = query::resolve_theme(themes, name);
    if (!theme.ok()) return Error{ErrorKind::kUsage, "--priority-themes: " + theme.error().message};
    if (std::find(b.priority_themes.begin(), b.priority_themes.end(), theme->id) ==
        b.priority_themes.end()) {
      b.priority_themes.push_back(theme->id);
      b.priority_theme_names.push_back(theme->name);
    }
  }

  // The period's reviews: the index's date filter by whole years, then
  // in_period() for the months (and its rule for reviews dated by year).
  query::SearchRequest search;
  search.from = std::to_string(request.period.from.year);
  search.to = std::to_string(request.period.to.year);
  search.sort = "date";
  // Every match: the document count bounds it (a match total can be an
  // estimate on a large index).
  try {
    search.limit = db.get_doccount();
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "reading the index: " + e.get_description()};
  }
  const query::Synonyms no_synonyms;
  search.snippet_length = 0;
  auto found = query::search(db, search, no_synonyms);
  if (!found.ok()) return found.error();

  std::vector<Entry> entries;
  std::map<std::string, std::size_t> types;
  const std::size_t total = found->hits.size();
  std::size_t done = 0;
  for (const auto& hit : found->hits) {
    const query::ReviewRecord& r = hit.review;
    if (request.on_progress) request.on_progress(++done, total);
    if (r.type == "research-digest" || !in_period(request.period, r.year, r.month)) continue;
    auto passages = query::get_passages(db, r.id);
    if (!passages.ok()) return passages.error();

    Entry e;
    e.id = r.id;
    e.kind = r.type == "digest-entry" ? "digest-entry" : "review";
    e.type = r.type;
    e.review_type = extra(r, "review_type");
    e.title = r.title;
    e.partnership = r.partnership;
    if (const Region* region = region_of(map, r.partnership)) e.region = region->name;
    e.case_name = r.case_name;
    e.child_age = r.child_age;
    e.date = r.date;
    e.year = r.year;
    e.month = r.month;
    e.bulletin = extra(r, "bulletin");
    e.heading = entry_heading(r);
    e.themes = r.themes;
    const bool is_entry = e.kind == "digest-entry";
    Extract x = extract(r, *passages, request.extract);
    e.case_line = std::move(x.case_line);
    e.key_issues = std::move(x.key_issues);
    e.learning = std::move(x.learning);
    e.recommendations = std::move(x.recommendations);
    const std::string url = extra(r, "url");
    e.link = !url.empty() ? url : r.path.empty() ? "" : file_url(r.path);
    // An entry's own link is in its bulletin, which is what we can point to.
    e.link_text = !is_entry                      ? "Read full report"
                  : extra(r, "link_text").empty() ? "Read the digest"
                  : url.empty() ? extra(r, "link_text") + " (link in the digest)"
                                : extra(r, "link_text");

    auto full = query::get_review(db, r.id);
    if (!full.ok()) return full.error();
    const CategoryChoice choice = category_of(r, std::move(x.case_sentences), theme_scores(*full));
    e.category = choice.id;
    e.category_basis = choice.basis;
    if (choice.bad_override) {
      std::string known;
      for (const auto& c : categories()) known += (known.empty() ? "" : ", ") + std::string(c.id);
      b.warnings.push_back(r.id + ": category '" + extra(r, "category") +
                           "' is not a category (known: " + known + "); the rule chose " +
                           e.category);
    }

    for (std::size_t i = 0; i < b.priority_themes.size(); ++i) {
      if (std::find(e.themes.begin(), e.themes.end(), b.priority_themes[i]) != e.themes.end()) {
        e.priority_themes.push_back(b.priority_themes[i]);
      }
    }
    if (!e.priority_themes.empty()) {
      std::vector<std::string> names;
      for (const auto& id : e.priority_themes) {
        const auto at = std::find(b.priority_themes.begin(), b.priority_themes.end(), id);
        names.push_back(b.priority_theme_names[at - b.priority_themes.begin()]);
      }
      e.priority_reason = "Priority theme" + std::string(names.size() == 1 ? "" : "s") + ": " +
                          join_names(names);
    }

    const Placement placement = place_review(map, r.partnership, request.partnership, regions);
    if (placement == Placement::kLocal) {
      e.section = "local";
    } else if (placement == Placement::kRegional) {
      e.section = "regional";
    } else if (r.type == "thematic-review" || extra(r, "digest_section") == "thematic-national") {
      e.section = "thematic-national";
    } else {
      e.section = e.category == "adults" ? "national-adults" : "national-children";
    }
    entries.push_back(std::move(e));
  }

  // A digest entry that repeats a review of the period is left out.
  std::set<std::string> reviewed;
  for (const auto& e : entries) {
    if (e.kind == "review" && !e.case_name.empty()) reviewed.insert(case_key(e));
  }
  std::vector<Entry> kept;
  for (auto& e : entries) {
    if (e.kind == "digest-entry" && !e.case_name.empty() && reviewed.count(case_key(e))) {
      ++b.duplicates;
      continue;
    }
    ++(e.kind == "review" ? b.reviews : b.digest_entries);
    ++types[e.type];
    kept.push_back(std::move(e));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const Entry& a, const Entry& c) {
    if (a.year != c.year) return a.year < c.year;
    if (a.month != c.month) return a.month < c.month;
    if (a.partnership != c.partnership) return a.partnership < c.partnership;
    return a.case_name < c.case_name;
  });

  for (const auto& spec : kSections) {
    BulletinSection section{spec.id, spec.heading, "", {}};
    const std::string id = spec.id;
    const bool by_category = id == "national-children";
    if (by_category) {
      for (const auto& c : categories()) {
        Table t{std::string(c.id), std::string(c.heading), {}};
        for (const auto& e : kept) {
          if (e.section == id && e.category == c.id) t.entries.push_back(e);
        }
        if (!t.entries.empty()) section.tables.push_back(std::move(t));
      }
    } else {
      Table t;
      if (id == "national-adults") {
        t.category = "adults";
        t.heading = std::string(category_heading("adults"));
      }
      for (const auto& e : kept) {
        if (e.section == id) t.entries.push_back(e);
      }
      if (!t.entries.empty()) section.tables.push_back(std::move(t));
    }
    if (section.tables.empty()) section.note = spec.empty_note;
    b.sections.push_back(std::move(section));
  }
  b.introduction = introduction(b, types);
  return b;
}

Result<CategoryChoice> review_category(const Xapian::Database& db, const std::string& review_id) {
  auto r = query::get_review(db, review_id);
  if (!r.ok()) return r.error();
  auto passages = query::get_passages(db, review_id);
  if (!passages.ok()) return passages.error();
  return category_of(*r, extract(*r, *passages, ExtractOptions{}).case_sentences,
                     theme_scores(*r));
}

}  // namespace caselens::digest
