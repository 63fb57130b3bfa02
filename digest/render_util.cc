#include "digest/render_util.h"

#include "corpus/metadata.h"

namespace caselens::digest::render {

std::string source_of(const Bullet& b) {
  std::string out = b.passage.empty() ? b.source : b.passage;
  if (!b.section.empty()) out += ", \u00a7 " + b.section;
  out += ", bytes " + std::to_string(b.begin) + "\u2013" + std::to_string(b.end);
  if (b.condensed) out += " (condensed: the sentence goes on)";
  return out;
}

std::string counted(std::size_t n, const std::string& noun) {
  std::string out = std::to_string(n) + " " + noun;
  if (n == 1) return out;
  if (noun.size() > 1 && noun.back() == 'y') return out.substr(0, out.size() - 1) + "ies";
  return out + "s";
}

std::string issue_line(const Bulletin& b) {
  std::string date = month_name(b.issued.month) + " " + std::to_string(b.issued.year);
  return b.issue > 0 ? "Issue " + std::to_string(b.issue) + " \u2013 " + date : date;
}

std::string italics_note(const Bulletin& b) {
  if (b.priority_themes.empty()) return {};
  std::string names;
  for (std::size_t i = 0; i < b.priority_theme_names.size(); ++i) {
    names += (i ? ", " : "") + b.priority_theme_names[i];
  }
  return "Cases shown in italics are those whose learning may be relevant to the "
         "partnership's own reviews: they share one of its priority themes (" + names +
         "); the themes are named under each case.";
}

std::vector<std::string> columns(const BulletinSection& s) {
  if (s.id == "thematic-national") return {"THEME", "LEARNING"};
  if (s.id == "local" || s.id == "regional") return {"CASE", "REPORT"};
  return {"CASE", "KEY ISSUES", "LEARNING & RECOMMENDATIONS"};
}

std::string kind_line(const Entry& e) {
  std::string type;
  for (const auto& t : corpus::review_types()) {
    if (t.slug == e.type) type = std::string(t.name);
  }
  if (e.kind == "digest-entry") {
    std::string line = "Digest entry";
    if (!e.bulletin.empty()) line += " (from " + e.bulletin + ")";
    if (!e.review_type.empty()) line += ": " + e.review_type;
    return line;
  }
  return type.empty() ? e.type : type;
}

}  // namespace caselens::digest::render
