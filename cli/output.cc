#include "cli/output.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>

namespace caselens::cli {

void json_field(Json& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void json_double(Json& w, const char* key, double value) {
  w.Key(key);
  w.Double(value);
}

void json_uint(Json& w, const char* key, std::uint64_t value) {
  w.Key(key);
  w.Uint64(value);
}

void json_int(Json& w, const char* key, int value) {
  w.Key(key);
  w.Int(value);
}

void json_bool(Json& w, const char* key, bool value) {
  w.Key(key);
  w.Bool(value);
}

void json_review_fields(Json& w, const query::ReviewRecord& r) {
  json_field(w, "title", r.title);
  json_field(w, "type", r.type);
  json_field(w, "partnership", r.partnership);
  json_field(w, "nation", r.nation);
  json_field(w, "date", r.date);
  w.Key("year");
  r.year ? w.Int(r.year) : w.Null();
  json_field(w, "case_name", r.case_name);
  json_field(w, "child_age", r.child_age);
  json_field(w, "path", r.path);
  w.Key("themes");
  w.StartArray();
  for (const auto& t : r.themes) w.String(t.c_str());
  w.EndArray();
}

void json_counts(Json& w, const std::map<std::string, std::vector<query::Count>>& counts) {
  w.StartObject();
  for (const auto& [field, values] : counts) {
    w.Key(field.c_str());
    w.StartArray();
    for (const auto& c : values) {
      w.StartObject();
      json_field(w, "value", c.value);
      json_uint(w, "count", c.count);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

void json_theme_records(Json& w, const std::vector<query::ThemeRecord>& themes) {
  w.StartArray();
  for (const auto& t : themes) {
    w.StartObject();
    json_field(w, "id", t.id);
    json_field(w, "name", t.name);
    json_double(w, "score", t.score);
    json_uint(w, "passages", t.passages);
    w.Key("evidence");
    w.StartArray();
    for (const auto& e : t.evidence) {
      w.StartObject();
      json_field(w, "text", e.text);
      json_field(w, "section", e.section);
      json_uint(w, "begin", e.begin);
      json_uint(w, "end", e.end);
      json_field(w, "passage", e.passage);
      json_field(w, "rule", e.rule);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

void print_theme_records(const std::vector<query::ThemeRecord>& themes, std::size_t per_theme) {
  for (const auto& t : themes) {
    std::printf("  %s (%s): score %.1f in %zu passage%s\n", t.name.c_str(), t.id.c_str(),
                t.score, t.passages, t.passages == 1 ? "" : "s");
    for (std::size_t i = 0; i < t.evidence.size() && i < per_theme; ++i) {
      const auto& e = t.evidence[i];
      std::printf("      \"%s\"%s%s\n", e.text.c_str(), e.section.empty() ? "" : "  (§ ",
                  e.section.empty() ? "" : (e.section + ")").c_str());
    }
  }
}

void print_json(const rapidjson::StringBuffer& buffer) {
  std::cout << buffer.GetString() << '\n';
}

void print_csv_row(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) line += ',';
    const std::string& c = cells[i];
    if (c.find_first_of(",\"\r\n") == std::string::npos) {
      line += c;
    } else {
      line += '"';
      for (char ch : c) {
        if (ch == '"') line += '"';
        line += ch;
      }
      line += '"';
    }
  }
  std::cout << line << "\r\n";
}

void print_text_table(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size());
  // Columns of numbers are right-aligned, others left-aligned.
  std::vector<bool> numeric(header.size(), !rows.empty());
  auto looks_numeric = [](const std::string& cell) {
    return cell.empty() || cell == "-" || std::isdigit(static_cast<unsigned char>(cell[0])) ||
           ((cell[0] == '-' || cell[0] == '<') && cell.size() > 1 &&
            std::isdigit(static_cast<unsigned char>(cell[1])));
  };
  for (std::size_t i = 0; i < header.size(); ++i) width[i] = header[i].size();
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i) {
      width[i] = std::max(width[i], row[i].size());
      numeric[i] = numeric[i] && looks_numeric(row[i]);
    }
  }
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i) {
      const std::string pad(width[i] - row[i].size(), ' ');
      if (i) line += "  ";
      line += numeric[i] ? pad + row[i] : row[i] + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::cout << line << '\n';
  };
  print(header);
  for (const auto& row : rows) print(row);
}

std::string format_number(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

}  // namespace caselens::cli
