#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "digest/render.h"
#include "digest/render_util.h"

namespace caselens::digest {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void field(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void number_or_null(Writer& w, const char* key, int value) {
  w.Key(key);
  value > 0 ? w.Int(value) : w.Null();
}

std::string year_month(const YearMonth& m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", m.year, m.month);
  return buf;
}

void strings(Writer& w, const char* key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const auto& v : values) w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  w.EndArray();
}

class JsonWriter {
 public:
  JsonWriter(const Bulletin& b, Writer& w) : b_(b), w_(w) {}

  void run() {
    w_.StartObject();
    field(w_, "title", b_.title);
    number_or_null(w_, "issue", b_.issue);
    field(w_, "issued", year_month(b_.issued));
    field(w_, "partnership", b_.partnership);
    strings(w_, "regions", b_.regions);
    w_.Key("period");
    w_.StartObject();
    field(w_, "from", year_month(b_.period.from));
    field(w_, "to", year_month(b_.period.to));
    field(w_, "quarter", b_.period.quarter);
    w_.EndObject();
    w_.Key("priority_themes");
    w_.StartArray();
    for (std::size_t i = 0; i < b_.priority_themes.size(); ++i) {
      w_.StartObject();
      field(w_, "id", b_.priority_themes[i]);
      field(w_, "name", b_.priority_theme_names[i]);
      w_.EndObject();
    }
    w_.EndArray();
    field(w_, "introduction", b_.introduction);
    field(w_, "italics_note", render::italics_note(b_));
    w_.Key("counts");
    w_.StartObject();
    w_.Key("entries");
    w_.Uint64(b_.reviews + b_.digest_entries);
    w_.Key("reviews");
    w_.Uint64(b_.reviews);
    w_.Key("digest_entries");
    w_.Uint64(b_.digest_entries);
    w_.Key("duplicates_left_out");
    w_.Uint64(b_.duplicates);
    w_.EndObject();
    strings(w_, "warnings", b_.warnings);
    strings(w_, "notes", b_.notes);
    w_.Key("sections");
    w_.StartArray();
    for (const auto& s : b_.sections) section(s);
    w_.EndArray();
    w_.EndObject();
  }

 private:
  void section(const BulletinSection& s) {
    w_.StartObject();
    field(w_, "id", s.id);
    field(w_, "heading", s.heading);
    strings(w_, "columns", render::columns(s));
    field(w_, "note", s.note);
    w_.Key("tables");
    w_.StartArray();
    for (const auto& t : s.tables) {
      w_.StartObject();
      field(w_, "category", t.category);
      field(w_, "heading", t.heading);
      w_.Key("entries");
      w_.StartArray();
      for (const auto& e : t.entries) entry(e);
      w_.EndArray();
      w_.EndObject();
    }
    w_.EndArray();
    w_.EndObject();
  }

  void entry(const Entry& e) {
    w_.StartObject();
    field(w_, "id", e.id);
    field(w_, "kind", e.kind);
    field(w_, "type", e.type);
    field(w_, "review_type", e.review_type);
    field(w_, "title", e.title);
    field(w_, "partnership", e.partnership);
    field(w_, "region", e.region);
    field(w_, "case_name", e.case_name);
    field(w_, "child_age", e.child_age);
    field(w_, "date", e.date);
    number_or_null(w_, "year", e.year);
    number_or_null(w_, "month", e.month);
    field(w_, "bulletin", e.bulletin);
    field(w_, "section", e.section);
    field(w_, "category", e.category);
    field(w_, "category_basis", e.category_basis);
    field(w_, "heading", e.heading);
    w_.Key("case_line");
    e.case_line ? bullet(*e.case_line) : static_cast<void>(w_.Null());
    bullets("key_issues", e.key_issues);
    bullets("learning", e.learning);
    bullets("recommendations", e.recommendations);
    w_.Key("link");
    w_.StartObject();
    field(w_, "text", e.link_text);
    field(w_, "href", e.link);
    w_.EndObject();
    strings(w_, "themes", e.themes);
    w_.Key("priority");
    w_.StartObject();
    w_.Key("italic");
    w_.Bool(!e.priority_themes.empty());
    strings(w_, "themes", e.priority_themes);
    field(w_, "reason", e.priority_reason);
    w_.EndObject();
    w_.EndObject();
  }

  void bullets(const char* key, const std::vector<Bullet>& list) {
    w_.Key(key);
    w_.StartArray();
    for (const auto& b : list) bullet(b);
    w_.EndArray();
  }

  void bullet(const Bullet& b) {
    w_.StartObject();
    w_.Key("note");
    w_.Uint64(notes_.add(b));
    field(w_, "text", b.text);
    field(w_, "source", b.source);
    field(w_, "passage", b.passage);
    field(w_, "section", b.section);
    w_.Key("begin");
    w_.Uint64(b.begin);
    w_.Key("end");
    w_.Uint64(b.end);
    w_.Key("condensed");
    w_.Bool(b.condensed);
    w_.EndObject();
  }

  const Bulletin& b_;
  Writer& w_;
  render::Notes notes_;
};

}  // namespace

std::string render_json(const Bulletin& bulletin) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  JsonWriter(bulletin, w).run();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

}  // namespace caselens::digest
