#include "query/theme_table.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "indexer/schema.h"

namespace caselens::query {
namespace {

// Counts of the matching documents' themes, into a table's rows.
class Tally {
 public:
  Tally(const std::unordered_map<std::string, std::size_t>& row_of, bool pairs)
      : counts(row_of.size()),
        joint(pairs ? row_of.size() : 0, std::vector<std::size_t>(row_of.size())),
        row_of_(&row_of) {}

  struct Group {
    std::size_t total = 0;
    std::vector<std::size_t> by_theme;
  };

  // `n` documents with this theme list (a kSlotThemes value), in the groups
  // of `group_list` (a group slot's value) when `group_list` is given.
  void add(const std::string& theme_list, std::size_t n, const std::string* group_list) {
    rows(theme_list);
    if (!group_list) {
      for (std::size_t r : rows_) counts[r] += n;
      if (joint.empty()) return;
      for (std::size_t a : rows_) {
        for (std::size_t b : rows_) joint[a][b] += n;
      }
      return;
    }
    for (const auto& name : schema::split_facet_values(*group_list)) {
      Group& g = group(name);
      for (std::size_t r : rows_) g.by_theme[r] += n;
    }
  }
  void add_group_total(const std::string& group_list, std::size_t n) {
    for (const auto& name : schema::split_facet_values(group_list)) group(name).total += n;
  }

  std::size_t units = 0;
  std::vector<std::size_t> counts;
  std::vector<std::vector<std::size_t>> joint;
  std::unordered_map<std::string, Group> groups;

 private:
  void rows(const std::string& theme_list) {
    rows_.clear();
    for (const auto& theme : schema::split_facet_values(theme_list)) {
      auto it = row_of_->find(theme);
      if (it != row_of_->end()) rows_.push_back(it->second);
    }
  }
  Group& group(const std::string& name) {
    Group& g = groups[name];
    if (g.by_theme.empty()) g.by_theme.resize(row_of_->size());
    return g;
  }

  const std::unordered_map<std::string, std::size_t>* row_of_;
  std::vector<std::size_t> rows_;
};

// Tallies each matching document as the match visits it: one pass, however
// many groups.  Xapian cannot run a MatchSpy of ours on a remote shard
// (UnimplementedError); count_by_value() is the way there.
class ThemeSpy : public Xapian::MatchSpy {
 public:
  ThemeSpy(Tally& tally, bool grouped, Xapian::valueno group_slot)
      : tally_(tally), grouped_(grouped), group_slot_(group_slot) {}

  void operator()(const Xapian::Document& doc, double) override {
    ++tally_.units;
    const std::string themes = doc.get_value(schema::kSlotThemes);
    tally_.add(themes, 1, nullptr);
    if (grouped_) {
      const std::string groups = doc.get_value(group_slot_);
      tally_.add_group_total(groups, 1);
      tally_.add(themes, 1, &groups);
    }
  }
  std::string name() const override { return "caselens::ThemeSpy"; }

 private:
  Tally& tally_;
  bool grouped_;
  Xapian::valueno group_slot_;
};

void count_with_spy(const Xapian::Database& db, const Xapian::Query& query, bool grouped,
                    Xapian::valueno group_slot, Tally& tally) {
  ThemeSpy spy(tally, grouped, group_slot);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());  // counting, not ranking
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 0, db.get_doccount());
}

// The same counts from Xapian's own ValueCountMatchSpy, which runs on remote
// shards too: it counts each distinct theme list, and with groups, one more
// pass per distinct group value counts the theme lists within it.
void count_by_value(const Xapian::Database& db, const Xapian::Query& query, bool grouped,
                    Xapian::valueno group_slot, Tally& tally) {
  auto count = [&](const Xapian::Query& q, Xapian::ValueCountMatchSpy& themes,
                   Xapian::ValueCountMatchSpy* groups) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.add_matchspy(&themes);
    if (groups) enquire.add_matchspy(groups);
    enquire.get_mset(0, 0, db.get_doccount());
  };
  Xapian::ValueCountMatchSpy all(schema::kSlotThemes);
  Xapian::ValueCountMatchSpy groups(group_slot);
  count(query, all, grouped ? &groups : nullptr);
  tally.units += all.get_total();
  for (auto it = all.values_begin(); it != all.values_end(); ++it) {
    tally.add(*it, it.get_termfreq(), nullptr);
  }
  if (!grouped) return;
  for (auto g = groups.values_begin(); g != groups.values_end(); ++g) {
    const std::string group_list = *g;
    tally.add_group_total(group_list, g.get_termfreq());
    const Xapian::Query within(
        Xapian::Query::OP_FILTER, query,
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, group_slot, group_list, group_list));
    Xapian::ValueCountMatchSpy in_group(schema::kSlotThemes);
    count(within, in_group, nullptr);
    for (auto it = in_group.values_begin(); it != in_group.values_end(); ++it) {
      tally.add(*it, it.get_termfreq(), &group_list);
    }
  }
}

// Tallies every matching review into the group `group_of` gives it: the
// documents are read from the match (which works on remote shards too),
// then grouped one by one.
Status count_by_function(const Xapian::Database& db, const Xapian::Query& query,
                         const ThemeTableRequest& request, Tally& tally) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  rank_ties_by_review(enquire);
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  prefetch(mset);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    auto group = request.group_of(doc.get_value(schema::kSlotReviewId));
    if (!group.ok()) return group.error();
    const std::string themes = doc.get_value(schema::kSlotThemes);
    ++tally.units;
    tally.add(themes, 1, nullptr);
    tally.add_group_total(*group, 1);
    tally.add(themes, 1, &*group);
  }
  return Ok{};
}

Result<Xapian::valueno> group_slot(const std::string& by) {
  if (by == "year") return schema::kSlotYear;
  if (by == "type") return schema::kSlotType;
  if (by == "partnership") return schema::kSlotPartnership;
  if (by == "nation") return schema::kSlotNation;
  return Error{ErrorKind::kUsage,
               "--by '" + by + "': expected year, type, partnership or nation"};
}

}  // namespace

Result<ThemeTable> theme_table(const Xapian::Database& db, const ThemeTableRequest& request,
                               const Synonyms& synonyms) {
  ThemeTable table;
  Xapian::valueno slot = 0;
  if (request.group_of && request.scope.passages) {
    return Error{ErrorKind::kUsage, "--by " + request.by + " groups reviews, not passages"};
  }
  if (!request.by.empty() && !request.group_of) {
    auto s = group_slot(request.by);
    if (!s.ok()) return s.error();
    slot = *s;
  }
  try {
    const std::vector<IndexTheme> all = index_themes(db);
    if (all.empty()) {
      return Error{ErrorKind::kUsage,
                   "this index has no themes (it was built with --no-themes)"};
    }
    if (request.themes.empty()) {
      table.themes = all;
    } else {
      for (const auto& name : request.themes) {
        auto theme = resolve_theme(all, name);
        if (!theme.ok()) return theme.error();
        table.themes.push_back(*theme);
      }
    }
    std::unordered_map<std::string, std::size_t> row_of;
    for (std::size_t i = 0; i < table.themes.size(); ++i) row_of.emplace(table.themes[i].id, i);

    auto query = scope_query(db, request.scope, synonyms);
    if (!query.ok()) return query.error();
    Tally tally(row_of, request.pairs);
    const bool grouped = !request.by.empty();
    if (request.group_of) {
      auto counted = count_by_function(db, *query, request, tally);
      if (!counted.ok()) return counted.error();
    } else {
      try {
        count_with_spy(db, *query, grouped, slot, tally);
      } catch (const Xapian::UnimplementedError&) {
        tally = Tally(row_of, request.pairs);  // a remote shard: nothing was counted
        count_by_value(db, *query, grouped, slot, tally);
      }
    }

    table.units = tally.units;
    table.counts = tally.counts;
    table.joint = tally.joint;
    std::vector<std::pair<std::string, Tally::Group>> groups(tally.groups.begin(),
                                                             tally.groups.end());
    std::sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) {
      if (request.by == "year") return a.first < b.first;
      return a.second.total != b.second.total ? a.second.total > b.second.total
                                              : a.first < b.first;
    });
    table.by_group.assign(table.themes.size(), {});
    for (const auto& [name, g] : groups) {
      table.groups.push_back(name);
      table.group_totals.push_back(g.total);
      for (std::size_t r = 0; r < table.themes.size(); ++r) {
        table.by_group[r].push_back(g.by_theme[r]);
      }
    }
    return table;
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "counting themes: " + e.get_description()};
  }
}

}  // namespace caselens::query
