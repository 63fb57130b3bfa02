#include "query/themes.h"

#include <cctype>

#include <rapidjson/document.h>

#include "indexer/schema.h"

namespace caselens::query {
namespace {

// "Hidden men", "hidden-men" and "hidden_men" all give "hidden_men".
std::string theme_key(const std::string& s) {
  std::string out;
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

}  // namespace

std::vector<IndexTheme> index_themes(const Xapian::Database& db) {
  std::vector<IndexTheme> themes;
  rapidjson::Document list;
  list.Parse(db.get_metadata(std::string(schema::kThemesKey)).c_str());
  if (list.HasParseError() || !list.IsArray()) return themes;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const auto& t = list[i];
    if (!t.IsObject() || !t.HasMember("id") || !t["id"].IsString()) continue;
    IndexTheme theme;
    theme.id = t["id"].GetString();
    theme.name = t.HasMember("name") && t["name"].IsString() ? t["name"].GetString() : theme.id;
    theme.core = t.HasMember("core") && t["core"].IsBool() && t["core"].GetBool();
    theme.score_slot = schema::kSlotThemeScoreBase + i;
    themes.push_back(std::move(theme));
  }
  return themes;
}

Result<IndexTheme> resolve_theme(const std::vector<IndexTheme>& themes,
                                 const std::string& input) {
  const std::string key = theme_key(input);
  for (const auto& t : themes) {
    if (key == t.id || key == theme_key(t.name)) return t;
  }
  if (themes.empty()) {
    return Error{ErrorKind::kUsage, "theme '" + input +
                                        "': this index has no themes (index with "
                                        "theme tagging first)"};
  }
  std::string known;
  for (const auto& t : themes) known += (known.empty() ? "" : ", ") + t.id;
  return Error{ErrorKind::kUsage, "theme '" + input + "': unknown theme (known: " + known + ")"};
}

}  // namespace caselens::query
