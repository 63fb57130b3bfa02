#include "query/theme_table.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "indexer/schema.h"

namespace caselens::query {
namespace {

// Reads each matching document's themes (and group values) once.
class ThemeSpy : public Xapian::MatchSpy {
 public:
  ThemeSpy(const std::unordered_map<std::string, std::size_t>& row_of, bool pairs,
           bool grouped, Xapian::valueno group_slot)
      : counts_(row_of.size()),
        joint_(pairs ? row_of.size() : 0, std::vector<std::size_t>(row_of.size())),
        row_of_(row_of),
        grouped_(grouped),
        group_slot_(group_slot) {}

  void operator()(const Xapian::Document& doc, double) override {
    ++units_;
    rows_.clear();
    for (const auto& theme : schema::split_facet_values(doc.get_value(schema::kSlotThemes))) {
      auto it = row_of_.find(theme);
      if (it != row_of_.end()) rows_.push_back(it->second);
    }
    for (std::size_t r : rows_) ++counts_[r];
    if (!joint_.empty()) {
      for (std::size_t a : rows_) {
        for (std::size_t b : rows_) ++joint_[a][b];
      }
    }
    if (grouped_) {
      for (const auto& group : schema::split_facet_values(doc.get_value(group_slot_))) {
        auto& g = groups_[group];
        if (g.by_theme.empty()) g.by_theme.resize(row_of_.size());
        ++g.total;
        for (std::size_t r : rows_) ++g.by_theme[r];
      }
    }
  }
  Xapian::MatchSpy* clone() const override {
    return new ThemeSpy(row_of_, !joint_.empty(), grouped_, group_slot_);
  }
  std::string name() const override { return "caselens::ThemeSpy"; }

  struct Group {
    std::size_t total = 0;
    std::vector<std::size_t> by_theme;
  };
  std::size_t units_ = 0;
  std::unordered_map<std::string, Group> groups_;
  std::vector<std::size_t> counts_;
  std::vector<std::vector<std::size_t>> joint_;

 private:
  const std::unordered_map<std::string, std::size_t>& row_of_;
  bool grouped_;
  Xapian::valueno group_slot_;
  std::vector<std::size_t> rows_;
};

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
  if (!request.by.empty()) {
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
    ThemeSpy spy(row_of, request.pairs, !request.by.empty(), slot);
    Xapian::Enquire enquire(db);
    enquire.set_query(*query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // counting, not ranking
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());

    table.units = spy.units_;
    table.counts = spy.counts_;
    table.joint = spy.joint_;
    std::vector<std::pair<std::string, ThemeSpy::Group>> groups(spy.groups_.begin(),
                                                                 spy.groups_.end());
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
