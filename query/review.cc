#include "query/review.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>

#include <rapidjson/document.h>

#include "indexer/schema.h"
#include "query/search.h"

namespace caselens::query {
namespace {

std::string get_string(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

std::size_t get_size(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsUint64() ? it->value.GetUint64() : 0;
}

int get_int(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsInt() ? it->value.GetInt() : 0;
}

std::string as_date(const std::string& yyyymm) {
  if (yyyymm.size() != 6) return {};
  return yyyymm.substr(4) == "00" ? yyyymm.substr(0, 4)
                                  : yyyymm.substr(0, 4) + "-" + yyyymm.substr(4);
}

// Index just past the JSON string starting at raw[at] (a quote), or npos.
std::size_t skip_string(const std::string& raw, std::size_t at) {
  for (++at; at < raw.size(); ++at) {
    if (raw[at] == '\\') {
      ++at;
    } else if (raw[at] == '"') {
      return at + 1;
    }
  }
  return std::string::npos;
}

// Index just past the JSON value starting at raw[at], or npos.  Scans for
// quotes and brackets only: the parser checks the rest later.
std::size_t skip_value(const std::string& raw, std::size_t at) {
  if (at >= raw.size()) return std::string::npos;
  if (raw[at] == '"') return skip_string(raw, at);
  if (raw[at] != '{' && raw[at] != '[') {
    while (at < raw.size() && raw[at] != ',' && raw[at] != '}' && raw[at] != ']' &&
           !std::isspace(static_cast<unsigned char>(raw[at]))) {
      ++at;
    }
    return at;
  }
  int depth = 0;
  while (at < raw.size()) {
    const char c = raw[at];
    if (c == '"') {
      at = skip_string(raw, at);
      if (at == std::string::npos) return at;
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if ((c == '}' || c == ']') && --depth == 0) return at + 1;
    ++at;
  }
  return std::string::npos;
}

// The stored record with the values of the named top-level members
// replaced by null, found by scanning rather than parsing: building the
// DOM of a record's theme evidence cost more than the rest of a search
// result.  Empty when the text is not a JSON object as expected (the
// caller then parses it whole).
std::string without_members(const std::string& raw, std::initializer_list<std::string_view> names) {
  auto ws = [&](std::size_t at) {
    while (at < raw.size() && std::isspace(static_cast<unsigned char>(raw[at]))) ++at;
    return at;
  };
  std::string out;
  std::size_t copied = 0;
  std::size_t at = ws(0);
  if (at >= raw.size() || raw[at] != '{') return {};
  at = ws(at + 1);
  if (at < raw.size() && raw[at] == '}') return raw;
  while (at < raw.size()) {
    if (raw[at] != '"') return {};
    const std::size_t key_end = skip_string(raw, at);
    if (key_end == std::string::npos) return {};
    const std::string_view key(raw.data() + at + 1, key_end - at - 2);
    at = ws(key_end);
    if (at >= raw.size() || raw[at] != ':') return {};
    const std::size_t value = ws(at + 1);
    at = skip_value(raw, value);
    if (at == std::string::npos) return {};
    if (std::find(names.begin(), names.end(), key) != names.end()) {
      out.append(raw, copied, value - copied);
      out += "null";
      copied = at;
    }
    at = ws(at);
    if (at >= raw.size()) return {};
    if (raw[at] == '}') {
      out.append(raw, copied, std::string::npos);
      return out;
    }
    if (raw[at] != ',') return {};
    at = ws(at + 1);
  }
  return {};
}

void parse_record(rapidjson::Document& data, const std::string& raw, ReviewParts parts) {
  if (parts == ReviewParts::kSummary) {
    const std::string summary = without_members(raw, {"sections", "themes"});
    if (!summary.empty()) {
      data.Parse(summary.c_str(), summary.size());
      return;
    }
  }
  data.Parse(raw.c_str(), raw.size());
}

}  // namespace

Result<ReviewRecord> review_from_document(const Xapian::Document& doc, ReviewParts parts) {
  rapidjson::Document data;
  const std::string raw = doc.get_data();
  parse_record(data, raw, parts);
  if (data.HasParseError() || !data.IsObject() || !data.HasMember("meta") ||
      !data["meta"].IsObject()) {
    return Error{ErrorKind::kDatabase, "document " + std::to_string(doc.get_docid()) +
                                           " holds no review record"};
  }
  ReviewRecord r;
  r.id = get_string(data, "id");
  r.path = get_string(data, "path");
  r.format = get_string(data, "format");
  r.passages = get_size(data, "passages");
  const rapidjson::Value& m = data["meta"];
  r.title = get_string(m, "title");
  r.type = get_string(m, "type");
  r.partnership = get_string(m, "partnership");
  r.nation = get_string(m, "nation");
  r.date = get_string(m, "date");
  r.year = get_int(m, "year");
  r.month = get_int(m, "month");
  r.case_name = get_string(m, "case_name");
  r.child_age = get_string(m, "child_age");
  if (auto it = m.FindMember("extra"); it != m.MemberEnd() && it->value.IsObject()) {
    for (const auto& kv : it->value.GetObject()) {
      if (kv.value.IsString()) r.extra[kv.name.GetString()] = kv.value.GetString();
    }
  }
  if (auto it = m.FindMember("overridden"); it != m.MemberEnd() && it->value.IsArray()) {
    for (const auto& v : it->value.GetArray()) {
      if (v.IsString()) r.overridden.emplace_back(v.GetString());
    }
  }
  if (auto it = data.FindMember("sections"); it != data.MemberEnd() && it->value.IsArray()) {
    for (const auto& s : it->value.GetArray()) {
      if (!s.IsObject()) continue;
      r.sections.push_back({get_string(s, "heading"), get_size(s, "begin"),
                            get_size(s, "end"), get_size(s, "passages")});
    }
  }
  r.themes = schema::split_facet_values(doc.get_value(schema::kSlotThemes));
  if (auto it = data.FindMember("themes"); it != data.MemberEnd() && it->value.IsArray()) {
    for (const auto& t : it->value.GetArray()) {
      if (!t.IsObject()) continue;
      ThemeRecord theme{get_string(t, "id"), get_string(t, "name"), 0, get_size(t, "passages"), {}};
      if (auto score = t.FindMember("score"); score != t.MemberEnd() && score->value.IsNumber()) {
        theme.score = score->value.GetDouble();
      }
      if (auto ev = t.FindMember("evidence"); ev != t.MemberEnd() && ev->value.IsArray()) {
        for (const auto& e : ev->value.GetArray()) {
          if (!e.IsObject()) continue;
          theme.evidence.push_back({get_string(e, "passage"), get_string(e, "section"),
                                    get_size(e, "begin"), get_size(e, "end"),
                                    get_string(e, "rule"), get_string(e, "text")});
        }
      }
      r.theme_evidence.push_back(std::move(theme));
    }
  }
  return r;
}

PassageRecord passage_from_document(const Xapian::Document& doc) {
  PassageRecord p;
  rapidjson::Document data;
  const std::string raw = doc.get_data();
  data.Parse(raw.c_str(), raw.size());
  if (data.HasParseError() || !data.IsObject()) return p;
  p.id = get_string(data, "id");
  p.review = get_string(data, "review");
  p.section = get_string(data, "section");
  p.begin = get_size(data, "begin");
  p.end = get_size(data, "end");
  if (auto it = data.FindMember("list_item"); it != data.MemberEnd() && it->value.IsBool()) {
    p.list_item = it->value.GetBool();
  }
  p.text = get_string(data, "text");
  p.themes = schema::split_facet_values(doc.get_value(schema::kSlotThemes));
  return p;
}

Result<std::vector<PassageRecord>> get_passages(const Xapian::Database& db,
                                                const std::string& review_id) {
  std::vector<PassageRecord> out;
  try {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_FILTER,
        Xapian::Query(schema::term(schema::kReview, review_id)),
        Xapian::Query(schema::term(schema::kKind, schema::kKindPassage))));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    prefetch(mset);
    out.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      out.push_back(passage_from_document(it.get_document()));
    }
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase,
                 "reading the passages of '" + review_id + "': " + e.get_description()};
  }
  // Passages are written in text order, but a stable sort by offset keeps
  // that true whatever order the backend returns them in.
  std::stable_sort(out.begin(), out.end(), [](const PassageRecord& a, const PassageRecord& b) {
    return a.begin < b.begin;
  });
  return out;
}

Result<ReviewRecord> get_review(const Xapian::Database& db, const std::string& id,
                                ReviewParts parts) {
  try {
    const std::string qterm = schema::term(schema::kUniqueId, id);
    const std::string kind = schema::term(schema::kKind, schema::kKindReview);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(qterm),
                                    Xapian::Query(kind)));
    Xapian::MSet mset = enquire.get_mset(0, 1);
    if (mset.empty()) {
      return Error{ErrorKind::kUsage, "no review with id '" + id +
                                          "' (ids are shown by `caselens search`)"};
    }
    return review_from_document(mset.begin().get_document(), parts);
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "reading review '" + id + "': " + e.get_description()};
  }
}

Result<DocumentCounts> count_documents(const Xapian::Database& db) {
  try {
    return DocumentCounts{db.get_doccount(),
                          db.get_termfreq(schema::term(schema::kKind, schema::kKindReview)),
                          db.get_termfreq(schema::term(schema::kKind, schema::kKindPassage))};
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "reading index counts: " + e.get_description()};
  }
}

Result<std::vector<std::string>> duplicate_review_ids(const Xapian::Database& db) {
  std::vector<std::string> ids;
  const std::string prefix(schema::kUniqueId);
  try {
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      // A passage id (REVIEW#N) repeats when its review's id does.
      if (t.get_termfreq() > 1 && (*t).find('#') == std::string::npos) {
        ids.push_back((*t).substr(prefix.size()));
      }
    }
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "reading review ids: " + e.get_description()};
  }
  return ids;
}

Result<IndexSummary> summarize(const Xapian::Database& db) {
  IndexSummary s;
  auto counts = count_documents(db);
  if (!counts.ok()) return counts.error();
  s.documents = counts->documents;
  s.reviews = counts->reviews;
  s.passages = counts->passages;
  try {
    if (s.documents) {
      s.first_date = as_date(db.get_value_lower_bound(schema::kSlotDate));
      s.last_date = as_date(db.get_value_upper_bound(schema::kSlotDate));
    }
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "reading index summary: " + e.get_description()};
  }
  SearchRequest all;
  all.limit = 0;
  all.facets = true;
  auto result = search(db, all, Synonyms());
  if (!result.ok()) return result.error();
  s.by_field = std::move(result->facets);
  return s;
}

}  // namespace caselens::query
