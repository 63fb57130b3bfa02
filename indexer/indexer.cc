#include "indexer/indexer.h"

#include <fcntl.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>
#include <unistd.h>
#include <xapian.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>

#include "analysis/tagger.h"
#include "corpus/load.h"
#include "corpus/slug.h"
#include "indexer/schema.h"

namespace caselens::indexer {
namespace {

namespace fs = std::filesystem;
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string hex128(XXH128_hash_t h) {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx",
                static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

std::string hex64(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// The key term of a file: a hash of its absolute path, since paths can be
// longer than Xapian's term length limit.
std::string file_key(const std::string& absolute) {
  return schema::term(schema::kFileKey,
                      hex64(XXH3_64bits(absolute.data(), absolute.size())));
}

Result<std::string> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error{ErrorKind::kInput,
                 path.string() + ": cannot read: " + std::strerror(errno)};
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    return Error{ErrorKind::kInput, path.string() + ": read error"};
  }
  return buf.str();
}

// Hash of the document bytes, its sidecar when present, and the codebook:
// editing the sidecar or the theme rules must re-index the document.
std::string content_hash(const std::string& bytes, const fs::path& path,
                         const std::string& codebook_fingerprint) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  XXH3_128bits_update(state, bytes.data(), bytes.size());
  XXH3_128bits_update(state, "\0codebook\0", 10);
  XXH3_128bits_update(state, codebook_fingerprint.data(), codebook_fingerprint.size());
  std::error_code ec;
  const fs::path sidecar = corpus::sidecar_path(path);
  if (fs::is_regular_file(sidecar, ec)) {
    auto side = read_bytes(sidecar);
    if (side.ok()) {
      XXH3_128bits_update(state, "\0sidecar\0", 9);
      XXH3_128bits_update(state, side->data(), side->size());
    }
  }
  const std::string out = hex128(XXH3_128bits_digest(state));
  XXH3_freeState(state);
  return out;
}

std::string date_value(const corpus::Metadata& m) {
  if (m.year <= 0) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d", m.year % 10000, m.month);
  return buf;
}

std::string display_date(const corpus::Metadata& m) {
  if (m.year <= 0) return {};
  char buf[16];
  if (m.month > 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", m.year % 10000, m.month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d", m.year % 10000);
  }
  return buf;
}

void write_string(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_metadata(JsonWriter& w, const corpus::Metadata& m) {
  w.StartObject();
  write_string(w, "title", m.title);
  write_string(w, "type", m.type);
  write_string(w, "partnership", m.partnership);
  write_string(w, "nation", m.nation);
  write_string(w, "date", display_date(m));
  w.Key("year");
  w.Int(m.year);
  w.Key("month");
  w.Int(m.month);
  write_string(w, "case_name", m.case_name);
  write_string(w, "child_age", m.child_age);
  w.Key("extra");
  w.StartObject();
  for (const auto& [k, v] : m.extra) write_string(w, k.c_str(), v);
  w.EndObject();
  w.Key("overridden");
  w.StartArray();
  for (const auto& f : m.overridden) w.String(f.c_str());
  w.EndArray();
  w.EndObject();
}

// The themes judged present, with up to `per_theme` evidence sentences each.
void write_themes(JsonWriter& w, const std::string& id, const corpus::Document& doc,
                  const analysis::DocumentThemes& tags, const analysis::Codebook& codebook,
                  std::size_t per_theme) {
  w.StartArray();
  for (const auto& t : tags.themes) {
    if (!t.present) continue;
    const int index = codebook.theme_index(t.theme);
    w.StartObject();
    write_string(w, "id", t.theme);
    write_string(w, "name", index >= 0 ? codebook.themes()[index].name : t.theme);
    w.Key("score");
    w.Double(t.score);
    w.Key("passages");
    w.Uint64(t.passages);
    w.Key("evidence");
    w.StartArray();
    for (std::size_t i = 0; i < t.evidence.size() && i < per_theme; ++i) {
      const analysis::ThemeHit& h = t.evidence[i];
      w.StartObject();
      write_string(w, "passage", id + "#" + std::to_string(h.passage + 1));
      write_string(w, "section", doc.sections[doc.passages[h.passage].section].heading);
      w.Key("begin");
      w.Uint64(h.begin);
      w.Key("end");
      w.Uint64(h.end);
      write_string(w, "rule", h.rule);
      write_string(w, "text", doc.text.substr(h.begin, h.end - h.begin));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

std::string review_data(const std::string& id, const std::string& hash,
                        const corpus::Document& doc, const analysis::DocumentThemes* tags,
                        const IndexOptions& options) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  write_string(w, "id", id);
  write_string(w, "path", doc.path);  // absolute: set by index_paths()
  write_string(w, "format", doc.format);
  write_string(w, "hash", hash);
  w.Key("meta");
  write_metadata(w, doc.meta);
  w.Key("passages");
  w.Uint64(doc.passages.size());
  if (tags) {
    w.Key("themes");
    write_themes(w, id, doc, *tags, *options.codebook, options.evidence_per_theme);
  }
  w.Key("sections");
  w.StartArray();
  for (const auto& s : doc.sections) {
    w.StartObject();
    write_string(w, "heading", s.heading);
    w.Key("begin");
    w.Uint64(s.begin);
    w.Key("end");
    w.Uint64(s.end);
    w.Key("passages");
    w.Uint64(s.passage_count);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buf.GetString();
}

std::string passage_data(const std::string& id, const std::string& review,
                         const corpus::Document& doc,
                         const corpus::Passage& p) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  write_string(w, "id", id);
  write_string(w, "review", review);
  write_string(w, "section", doc.sections[p.section].heading);
  w.Key("begin");
  w.Uint64(p.begin);
  w.Key("end");
  w.Uint64(p.end);
  w.Key("list_item");
  w.Bool(p.list_item);
  write_string(w, "text", doc.text.substr(p.begin, p.end - p.begin));
  w.EndObject();
  return buf.GetString();
}

// Terms and values that reviews and their passages share, so every filter
// and facet works on both kinds.
void add_shared_fields(Xapian::Document& xdoc, Xapian::TermGenerator& tg,
                       const std::string& review_id,
                       const corpus::Metadata& m) {
  xdoc.add_boolean_term(schema::term(schema::kReview, review_id));
  if (!m.type.empty()) xdoc.add_boolean_term(schema::term(schema::kType, m.type));
  if (!m.nation.empty()) {
    xdoc.add_boolean_term(schema::term(schema::kNation, corpus::slugify(m.nation)));
  }
  if (!m.partnership.empty()) {
    xdoc.add_boolean_term(
        schema::term(schema::kPartnershipExact, corpus::slugify(m.partnership)));
  }
  if (m.year > 0) {
    xdoc.add_boolean_term(schema::term(schema::kYear, std::to_string(m.year)));
  }
  xdoc.add_value(schema::kSlotReviewId, review_id);
  const std::string date = date_value(m);
  if (!date.empty()) xdoc.add_value(schema::kSlotDate, date);
  xdoc.add_value(schema::kSlotType, m.type);
  xdoc.add_value(schema::kSlotPartnership, m.partnership);
  xdoc.add_value(schema::kSlotNation, m.nation);
  if (m.year > 0) xdoc.add_value(schema::kSlotYear, std::to_string(m.year));

  // Field text: searchable with title:, partnership:, case:.
  tg.index_text(m.title, 1, std::string(schema::kTitle));
  tg.increase_termpos();
  tg.index_text(m.partnership, 1, std::string(schema::kPartnership));
  tg.increase_termpos();
  tg.index_text(m.case_name, 1, std::string(schema::kCase));
  tg.increase_termpos();
}

// Removes a review and all its passages.  Returns the number removed.
// Removes a review and all its passages, and a digest's entries with
// theirs.  Returns the number removed.
Xapian::doccount remove_review(Xapian::WritableDatabase& db,
                               const std::string& review_id) {
  Xapian::doccount n = 0;
  for (const std::string_view prefix : {schema::kReview, schema::kBulletin}) {
    const std::string t = schema::term(prefix, review_id);
    const Xapian::doccount found = db.get_termfreq(t);
    if (found) db.delete_document(t);
    n += found;
  }
  return n;
}

// A digest entry: it goes with its bulletin, never on its own.
bool is_digest_entry(const Xapian::Document& doc) {
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(std::string(schema::kBulletin));
  return t != doc.termlist_end() &&
         std::string_view(*t).substr(0, schema::kBulletin.size()) == schema::kBulletin;
}

// "<bulletin>-entry-07": entries numbered from 1 in digest order.
std::string entry_id(const std::string& bulletin, std::size_t number) {
  std::string nn = std::to_string(number);
  if (nn.size() < 2) nn.insert(nn.begin(), '0');
  return bulletin + "-entry-" + nn;
}

std::string stored_review_id(const Xapian::Document& doc) {
  return doc.get_value(schema::kSlotReviewId);
}

// A unique review id for this path: the slug of the file name, with a short
// path hash added when another file already uses that slug.
std::string unique_review_id(const Xapian::WritableDatabase& db,
                             const fs::path& path, const std::string& key,
                             const IndexOptions& options) {
  std::string id = review_id_for(path);
  if (id.empty()) id = "review";
  const std::string qterm = schema::term(schema::kUniqueId, id);
  if (db.get_termfreq(qterm) == 0) {
    // A file never moves between shards, so an id another shard holds
    // belongs to another file.
    const bool elsewhere = options.id_taken_elsewhere && options.id_taken_elsewhere(id);
    if (!elsewhere) return id;
  } else {
    // Taken: by this same file (re-index) or by another one.
    Xapian::PostingIterator it = db.postlist_begin(qterm);
    Xapian::Document other = db.get_document(*it);
    for (Xapian::TermIterator t = other.termlist_begin(); t != other.termlist_end(); ++t) {
      if (*t == key) return id;
    }
  }
  return id + "-" + key.substr(schema::kFileKey.size(), 6);
}

// Adds the codebook's themes to the index's append-only theme list
// (schema::kThemesKey) and returns each codebook theme's score slot.
std::vector<Xapian::valueno> register_themes(Xapian::WritableDatabase& db,
                                             const analysis::Codebook& codebook) {
  const std::string key(schema::kThemesKey);
  rapidjson::Document list;
  list.Parse(db.get_metadata(key).c_str());
  if (list.HasParseError() || !list.IsArray()) list.SetArray();
  std::vector<Xapian::valueno> slots;
  bool changed = false;
  for (const auto& theme : codebook.themes()) {
    rapidjson::SizeType position = 0;
    while (position < list.Size() && list[position].IsObject() &&
           list[position].HasMember("id") && list[position]["id"].IsString() &&
           theme.id != list[position]["id"].GetString()) {
      ++position;
    }
    auto& alloc = list.GetAllocator();
    rapidjson::Value entry(rapidjson::kObjectType);
    entry.AddMember("id", rapidjson::Value(theme.id.c_str(), alloc), alloc);
    entry.AddMember("name", rapidjson::Value(theme.name.c_str(), alloc), alloc);
    entry.AddMember("core", theme.core, alloc);
    if (position == list.Size()) {
      list.PushBack(entry, alloc);
      changed = true;
    } else if (list[position] != entry) {
      list[position] = entry;  // a renamed theme keeps its slot
      changed = true;
    }
    slots.push_back(schema::kSlotThemeScoreBase + position);
  }
  if (changed) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    list.Accept(w);
    db.set_metadata(key, buf.GetString());
  }
  return slots;
}

// The Xapian documents of one file: its review and its passages, built
// away from the writer thread, and the words its review adds to the
// spelling table.
struct BuiltDocuments {
  Xapian::Document review;
  std::vector<Xapian::Document> passages;
  std::vector<std::pair<std::string, Xapian::termcount>> spellings;
  std::vector<BuiltDocuments> entries;  // a research digest's entries
};

// Turns a loaded, tagged document into its Xapian documents: the term
// generation, which is most of an index run's work that does not need the
// database.  One per thread (it holds a TermGenerator).
class DocumentBuilder {
 public:
  DocumentBuilder(const IndexOptions& options,
                  const std::vector<Xapian::valueno>& theme_slots)
      : options_(options), theme_slots_(theme_slots) {
    tg_.set_stemmer(Xapian::Stem("english"));
    tg_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  }

  // A file's documents: its review and passages, and a research digest's
  // entries, each a review of its own with its passages and themes.
  BuiltDocuments build(const corpus::Document& doc,
                       const analysis::DocumentThemes* tags,
                       const std::string& id, const std::string& key,
                       const std::string& hash) {
    BuiltDocuments out = build_record(doc, tags, id, key, hash, "");
    for (std::size_t k = 0; k < doc.entries.size(); ++k) {
      corpus::Document entry = doc.entries[k];
      entry.path = doc.path;
      entry.meta.extra["bulletin"] = id;
      std::optional<analysis::DocumentThemes> entry_tags;
      if (options_.codebook) entry_tags = analysis::tag_document(entry, *options_.codebook);
      BuiltDocuments built = build_record(entry, entry_tags ? &*entry_tags : nullptr,
                                          entry_id(id, k + 1), "", hash, id);
      built.spellings.clear();  // the bulletin's text has the same words
      out.entries.push_back(std::move(built));
    }
    return out;
  }

 private:
  // One review-kind document and its passages.  `key` (the file key) is on
  // a file's own review only; `bulletin` is set for a digest entry, whose
  // documents carry the bulletin's term so they go when it goes.
  BuiltDocuments build_record(const corpus::Document& doc,
                              const analysis::DocumentThemes* tags,
                              const std::string& id, const std::string& key,
                              const std::string& hash, const std::string& bulletin) {
    BuiltDocuments out;
    std::vector<std::vector<std::string>> passage_themes(doc.passages.size());
    std::vector<std::string> present;
    if (tags) {
      present = analysis::present_themes(*tags);
      for (const auto& hit : tags->hits) {
        auto& list = passage_themes[hit.passage];
        if (!hit.negated && std::find(list.begin(), list.end(), hit.theme) == list.end()) {
          list.push_back(hit.theme);
        }
      }
    }

    Xapian::Document& review = out.review;
    tg_.set_document(review);
    review.add_boolean_term(schema::term(schema::kUniqueId, id));
    review.add_boolean_term(schema::term(schema::kKind, schema::kKindReview));
    if (!key.empty()) review.add_boolean_term(key);
    if (!bulletin.empty()) review.add_boolean_term(schema::term(schema::kBulletin, bulletin));
    add_shared_fields(review, tg_, id, doc.meta);
    for (const auto& s : doc.sections) {
      tg_.index_text(s.heading, 1, std::string(schema::kSection));
      tg_.increase_termpos();
    }
    tg_.index_text(doc.meta.title);  // title words also rank as plain text
    tg_.increase_termpos();
    tg_.index_text(doc.text);
    review.add_value(schema::kSlotContentHash, hash);
    add_themes(review, present);
    review.add_value(schema::kSlotReviewFacets, schema::pack_facets(review));
    if (tags) {
      for (std::size_t i = 0; i < tags->themes.size(); ++i) {
        if (tags->themes[i].score > 0) {
          review.add_value(theme_slots_[i], Xapian::sortable_serialise(tags->themes[i].score));
        }
      }
    }
    review.set_data(review_data(id, hash, doc, tags, options_));
    if (options_.spelling) out.spellings = spelling_words(review);

    out.passages.reserve(doc.passages.size());
    for (std::size_t i = 0; i < doc.passages.size(); ++i) {
      const corpus::Passage& p = doc.passages[i];
      const std::string pid = id + "#" + std::to_string(i + 1);
      Xapian::Document& passage = out.passages.emplace_back();
      tg_.set_document(passage);
      passage.add_boolean_term(schema::term(schema::kUniqueId, pid));
      passage.add_boolean_term(schema::term(schema::kKind, schema::kKindPassage));
      if (!bulletin.empty()) passage.add_boolean_term(schema::term(schema::kBulletin, bulletin));
      add_shared_fields(passage, tg_, id, doc.meta);
      tg_.index_text(doc.sections[p.section].heading, 1,
                     std::string(schema::kSection));
      tg_.increase_termpos();
      tg_.index_text(Xapian::Utf8Iterator(doc.text.data() + p.begin, p.end - p.begin));
      add_themes(passage, passage_themes[i]);
      passage.set_data(passage_data(pid, id, doc, p));
    }
    return out;
  }

  static void add_themes(Xapian::Document& xdoc, const std::vector<std::string>& themes) {
    for (const auto& t : themes) xdoc.add_boolean_term(schema::term(schema::kTheme, t));
    if (!themes.empty()) xdoc.add_value(schema::kSlotThemes, schema::join_facet_values(themes));
  }

  // The spelling table takes the review's plain words (not field or
  // passage text), each as often as it occurs: what TermGenerator's
  // FLAG_SPELLING would add one occurrence at a time, but that needs the
  // database, which only the writer thread may touch.  Plain terms are
  // the ones without a capital-letter prefix (stems start with Z).
  // Words with a digit are left out: numbers, dates and reference numbers
  // are never a useful suggestion, and a run of them is what breaks Xapian
  // 1.4.22's spelling table: add_spelling() of "r000000", "r000001", ...
  // with a commit every 100 words throws DatabaseCorruptError ("Too few
  // chunks of compressed data") at the 15,400th word (60,000 random words
  // with a shared prefix do not).  Synthetic corpora with numbered names
  // stopped indexing with it, xapian-check then failing on the committed
  // spelling table.
  static std::vector<std::pair<std::string, Xapian::termcount>> spelling_words(
      const Xapian::Document& review) {
    std::vector<std::pair<std::string, Xapian::termcount>> words;
    for (auto t = review.termlist_begin(); t != review.termlist_end(); ++t) {
      const std::string& term = *t;
      if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
      if (std::any_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        continue;
      }
      words.emplace_back(term, t.get_wdf());
    }
    return words;
  }

  const IndexOptions& options_;
  const std::vector<Xapian::valueno>& theme_slots_;  // per codebook theme
  Xapian::TermGenerator tg_;
};

// The provisional review id of a file, used to build its documents before
// the writer knows whether another file holds that id.
std::string provisional_review_id(const std::string& path) {
  std::string id = review_id_for(fs::path(path));
  return id.empty() ? "review" : id;
}

// Gives documents their ids in the layout of schema::kFirstPassageDocid:
// reviews below it, passages from it up.
class DocidLayout {
 public:
  // Reviews go after the highest id below kFirstPassageDocid that any
  // document has, so the ids they take are free whatever wrote the index.
  explicit DocidLayout(Xapian::WritableDatabase& db) : db_(db) {
    Xapian::docid highest = 0;
    for (const std::string_view kind : {schema::kKindReview, schema::kKindPassage}) {
      highest = std::max(highest, last_below_passages(schema::term(schema::kKind, kind)));
    }
    next_review_ = highest + 1;
  }

  // A review-kind document, replacing the one with its unique id term.
  void put_review(const std::string& unique_term, const Xapian::Document& doc) {
    if (next_review_ >= schema::kFirstPassageDocid || db_.get_termfreq(unique_term) != 0) {
      db_.replace_document(unique_term, doc);
      return;
    }
    db_.replace_document(next_review_++, doc);
  }

  void add_passage(const Xapian::Document& doc) {
    if (db_.get_lastdocid() < schema::kFirstPassageDocid) {
      db_.replace_document(schema::kFirstPassageDocid, doc);
    } else {
      db_.add_document(doc);
    }
  }

 private:
  // The highest document id below kFirstPassageDocid in a posting list, or
  // 0: a binary search with skip_to (posting lists only go forward).  It
  // ends with an id of the list in [lo, kFirstPassageDocid) and none in
  // (lo, kFirstPassageDocid), so lo is that id.
  Xapian::docid last_below_passages(const std::string& term) const {
    auto first_from = [&](Xapian::docid from) -> Xapian::docid {
      Xapian::PostingIterator it = db_.postlist_begin(term);
      if (it == db_.postlist_end(term)) return 0;
      it.skip_to(from);
      return it == db_.postlist_end(term) ? 0 : *it;
    };
    auto below = [&](Xapian::docid from) {  // some id in [from, kFirstPassageDocid)
      const Xapian::docid d = first_from(from);
      return d != 0 && d < schema::kFirstPassageDocid;
    };
    if (!below(1)) return 0;
    Xapian::docid lo = 1, hi = schema::kFirstPassageDocid;  // below(lo), !below(hi)
    while (hi - lo > 1) {
      const Xapian::docid mid = lo + (hi - lo) / 2;
      (below(mid) ? lo : hi) = mid;
    }
    return lo;
  }

  Xapian::WritableDatabase& db_;
  Xapian::docid next_review_;
};

// Writes files' documents into the database: the only user of the
// database once the run has started, on one thread.
class Writer {
 public:
  Writer(Xapian::WritableDatabase& db, const IndexOptions& options)
      : db_(db), options_(options), ids_(db) {
    if (options.codebook)
      theme_slots_ = register_themes(db_, *options.codebook);
  }

  const std::vector<Xapian::valueno>& theme_slots() const {
    return theme_slots_;
  }

  // Writes the review and its passages, and a digest's entries with theirs,
  // replacing any previous version; returns the passages written.
  // `built` was made for the provisional id; it is made again here in the
  // rare case that another file holds that id.
  std::size_t write(const corpus::Document& doc,
                    const analysis::DocumentThemes* tags,
                    const std::string& key, const std::string& hash,
                    const std::string& old_id, BuiltDocuments built) {
    if (!old_id.empty()) remove_review(db_, old_id);
    const std::string id = unique_review_id(db_, fs::path(doc.path), key, options_);
    if (id != provisional_review_id(doc.path)) {
      if (!builder_) builder_.emplace(options_, theme_slots_);
      built = builder_->build(doc, tags, id, key, hash);
    }
    std::size_t passages = 0;
    const auto put = [&](const std::string& doc_id, const BuiltDocuments& b) {
      ids_.put_review(schema::term(schema::kUniqueId, doc_id), b.review);
      for (const auto& passage : b.passages) ids_.add_passage(passage);
      for (const auto& [word, count] : b.spellings) db_.add_spelling(word, count);
      passages += b.passages.size();
    };
    put(id, built);
    for (std::size_t k = 0; k < built.entries.size(); ++k) {
      put(entry_id(id, k + 1), built.entries[k]);
    }
    return passages;
  }

 private:
  Xapian::WritableDatabase& db_;
  const IndexOptions& options_;
  std::vector<Xapian::valueno> theme_slots_;  // per codebook theme
  DocidLayout ids_;
  std::optional<DocumentBuilder> builder_;    // for files whose id was taken
};

bool looks_like_xapian_db(const fs::path& dir) {
  std::error_code ec;
  for (const char* marker : {"iamglass", "iamchert", "iamhoney"}) {
    if (fs::exists(dir / marker, ec)) return true;
  }
  return false;
}

// The errno behind a Xapian error, or 0.  Xapian keeps the system error's
// text, not its number, and for a lock file only inside the message
// ("Couldn't open lockfile: Permission denied"), so the text is matched.
int system_errno(const Xapian::Error& e) {
  const char* system = e.get_error_string();
  const std::string message = e.get_msg();
  for (const int err : {ENOSPC, EDQUOT, EFBIG, EROFS, EACCES, EPERM}) {
    const char* text = std::strerror(err);
    if ((system && std::strcmp(system, text) == 0) ||
        message.find(text) != std::string::npos) {
      return err;
    }
  }
  return 0;
}

// Why a write failed, in words a user can act on, for the errors that mean
// the index cannot be written at all (disk full, read-only, ...); "" for
// the others.  `folder` names the folder that must be writable.
std::string write_failure(int err,
                          const std::string& folder = "the index folder") {
  const std::string system = std::string(" (") + std::strerror(err) + ")";
  switch (err) {
    case ENOSPC:
      return "the disk is full" + system;
    case EDQUOT:
      return "the disk quota is used up" + system;
    case EFBIG:
      return "a file size limit was reached" + system;
    case EROFS:
      return "the file system is read-only" + system;
    case EACCES:
    case EPERM:
      return folder + " is not writable by this user" + system;
    default:
      return {};
  }
}

Error cannot_write(const fs::path& db_path, const std::string& why) {
  return Error{ErrorKind::kDatabase, db_path.string() +
                                         ": cannot write the index: " + why +
                                         "; nothing was changed"};
}

// The writer's pid, kept in the index folder while it writes so that a
// second writer can say who holds the lock.  The lock itself is Xapian's,
// which the operating system releases when a writer dies, so the file a
// crash leaves behind is stale but harmless: the next writer overwrites it
// once Xapian has given it the lock, and a pid that no longer runs is not
// named (writer_pid_note).  Writing it is also the first write into the
// folder, so a read-only folder is found before any work is done.
constexpr const char* kWriterPidFile = "caselens-writer.pid";

class WriterPidFile {
 public:
  // 0, else the errno of the failed write.
  static int write(const fs::path& db_path, std::optional<WriterPidFile>& out) {
    const fs::path path = db_path / kWriterPidFile;
    const int fd =
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return errno;
    const std::string line = std::to_string(::getpid()) + "\n";
    const bool written = ::write(fd, line.data(), line.size()) ==
                         static_cast<ssize_t>(line.size());
    const int err = written ? 0 : (errno ? errno : EIO);
    ::close(fd);
    if (err != 0) {
      ::unlink(path.c_str());
      return err;
    }
    out.emplace(path);
    return 0;
  }
  explicit WriterPidFile(fs::path path) : path_(std::move(path)) {}
  ~WriterPidFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  WriterPidFile(WriterPidFile&& other) noexcept
      : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  WriterPidFile(const WriterPidFile&) = delete;
  WriterPidFile& operator=(const WriterPidFile&) = delete;

 private:
  fs::path path_;
};

// True when `dir` holds only what Xapian writes while it creates a glass
// database before the "iamglass" marker that makes it one (renamed from
// v.tmp last), and a writer's pid file: a first run killed while the index
// was being created, or one creating it now.
bool interrupted_creation(const fs::path& dir) {
  static const std::set<std::string> kLeftovers = {
      "flintlock",      "v.tmp",         "postlist.glass",
      "termlist.glass", "docdata.glass", "position.glass",
      "spelling.glass", "synonym.glass", kWriterPidFile};
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (kLeftovers.count(it->path().filename().string()) == 0) return false;
  }
  return !ec;
}

// Removes what an interrupted creation left (Xapian will not create a
// database over half a one), holding Xapian's own write lock (an OFD lock
// on the first byte of flintlock) meanwhile so that a writer creating the
// index right now is never disturbed.  False when that lock is held.
bool clear_interrupted_creation(const fs::path& dir) {
  const int fd =
      ::open((dir / "flintlock").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return true;  // Xapian reports why when it tries the same
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_len = 1;
#ifdef F_OFD_SETLK
  const int locked = ::fcntl(fd, F_OFD_SETLK, &lock);
#else
  const int locked = ::fcntl(fd, F_SETLK, &lock);
#endif
  if (locked == 0) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->path().filename() != "flintlock") fs::remove(it->path(), ec);
    }
  }
  ::close(fd);  // releases the lock
  return locked == 0;
}

// " (pid N)" from the running writer's pid file, or "" when there is none
// or its process is gone (a file left by a crash; the lock is then held by
// some other program).
std::string writer_pid_note(const fs::path& db_path) {
  std::ifstream in(db_path / kWriterPidFile);
  long pid = 0;
  if (!(in >> pid) || pid <= 0) return {};
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return {};
  return " (pid " + std::to_string(pid) + ")";
}

Result<Xapian::WritableDatabase> open_writable(const fs::path& db_path) {
  const std::string where = db_path.string();
  std::error_code ec;
  const bool existed = fs::exists(db_path, ec);
  if (existed) {
    if (!fs::is_directory(db_path, ec)) {
      return Error{ErrorKind::kDatabase,
                   where + ": not a caselens index (it is a file, not a folder)"};
    }
    if (!fs::is_empty(db_path, ec) && !looks_like_xapian_db(db_path)) {
      if (!interrupted_creation(db_path)) {
        return Error{
            ErrorKind::kDatabase,
            where + ": not a caselens index (folder holds other files)"};
      }
      if (!clear_interrupted_creation(db_path)) {
        return Error{ErrorKind::kDatabase,
                     where + ": index is being created by another process" +
                         writer_pid_note(db_path)};
      }
    }
  }
  // Xapian flushes a transaction's postings to the tables every this many
  // documents (default 10,000).  A review has hundreds of small passage
  // documents; flushing every 1,000 keeps the in-memory posting maps
  // small: measured on 100 synthetic reviews, 15% less CPU and half the
  // memory, same database size.  The user's own setting wins.
  ::setenv("XAPIAN_FLUSH_THRESHOLD", "1000", 0);
  try {
    Xapian::WritableDatabase db(where, Xapian::DB_CREATE_OR_OPEN);
    const std::string version = db.get_metadata(std::string(schema::kSchemaKey));
    if (version.empty()) {
      if (db.get_doccount() != 0) {
        return Error{ErrorKind::kDatabase,
                     where + ": not a caselens index (a Xapian database of "
                             "another program)"};
      }
      db.set_metadata(std::string(schema::kSchemaKey),
                      std::string(schema::kSchemaVersion));
      db.commit();
    } else if (version != schema::kSchemaVersion) {
      return Error{ErrorKind::kDatabase,
                   where + ": index schema version " + version +
                       " is not supported (expected " +
                       std::string(schema::kSchemaVersion) + "); re-index"};
    }
    return db;
  } catch (const Xapian::DatabaseLockError& e) {
    // Xapian reports a lock file it cannot create (read-only folder or
    // file system) as a lock error too: only a held lock is another writer.
    if (const std::string why = write_failure(system_errno(e)); !why.empty()) {
      return cannot_write(db_path, why);
    }
    return Error{ErrorKind::kDatabase, where + ": index is being updated by another process" +
                                           writer_pid_note(db_path)};
  } catch (const Xapian::DatabaseCorruptError& e) {
    return Error{ErrorKind::kDatabase, where + ": index is corrupt: " + e.get_msg()};
  } catch (const Xapian::Error& e) {
    if (const std::string why = write_failure(system_errno(e)); !why.empty()) {
      if (!existed) {
        const fs::path parent =
            db_path.has_parent_path() ? db_path.parent_path() : ".";
        return Error{ErrorKind::kDatabase,
                     where + ": cannot create the index: " +
                         write_failure(system_errno(e), parent.string())};
      }
      return cannot_write(db_path, why);
    }
    return Error{ErrorKind::kDatabase, where + ": cannot open index for writing: " +
                                           e.get_description()};
  }
}

struct Compaction {
  bool done = false;    // the compacted tables replaced the old ones
  std::string warning;  // why not, or what was left behind; "" when clean
};

// Rewrites the index's committed revision with Xapian's compaction (every
// block full) into a folder beside it and swaps the two folders in one
// atomic rename (RENAME_EXCHANGE), while `db` still holds the write lock,
// so a reader opens either the old tables or the new ones and no second
// writer can change the old ones meanwhile.  Document ids are kept (the
// reviews-first layout).  Then `db` is closed and the old tables removed.
// On any failure before the swap the index is left exactly as committed.
Compaction compact_in_place(Xapian::WritableDatabase& db, const fs::path& db_path) {
  Compaction out;
  std::error_code ec;
  // Beside the real folder: a symlink to the index keeps pointing at it.
  const fs::path real = fs::canonical(db_path, ec);
  if (ec) {
    out.warning = "not compacted: " + ec.message();
    return out;
  }
  // The swap replaces the whole folder: anything in it that is not the
  // database's own would go with the old tables.
  for (fs::directory_iterator it(real, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name != "iamglass" && name != "flintlock" && it->path().extension() != ".glass") {
      out.warning = "not compacted: the folder also holds " + name + ", which is not the index's";
      return out;
    }
  }
  if (ec) {
    out.warning = "not compacted: " + ec.message();
    return out;
  }
  fs::path scratch = real;
  scratch += ".compacting";
  fs::remove_all(scratch, ec);  // what a run killed while compacting left
  if (ec) {
    out.warning = "not compacted: cannot remove " + scratch.string() + ": " + ec.message();
    return out;
  }
  auto give_up = [&](const std::string& why) {
    std::error_code ignored;
    fs::remove_all(scratch, ignored);
    out.warning = "not compacted: " + why;
    return out;
  };
  try {
    Xapian::Database(real.string()).compact(scratch.string(), Xapian::DBCOMPACT_NO_RENUMBER);
  } catch (const Xapian::Error& e) {
    const std::string why = write_failure(system_errno(e), real.parent_path().string());
    return give_up(why.empty() ? e.get_description() : why);
  }
  if (::renameat2(AT_FDCWD, scratch.c_str(), AT_FDCWD, real.c_str(), RENAME_EXCHANGE) != 0) {
    return give_up(std::string("cannot swap the compacted tables in (") +
                   std::strerror(errno) + ")");
  }
  out.done = true;
  if (const int dir = ::open(real.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      dir >= 0) {
    ::fsync(dir);  // the swap itself survives a power cut
    ::close(dir);
  }
  db.close();  // its lock and open tables are the old folder's, now `scratch`
  fs::remove_all(scratch, ec);
  if (ec) {
    out.warning = "compacted, but the old tables were not removed: " + scratch.string() +
                  ": " + ec.message();
  }
  return out;
}

// One input file on its way through a run.  The writer thread fills in
// what needs the database (old version, hash check); a worker loads, tags
// and builds its documents; the writer then writes it, in file order.
struct Job {
  const corpus::FoundFile* file = nullptr;
  std::string bytes;  // the file's content, until it is loaded
  std::string path;   // absolute
  std::string key, hash, old_id;
  std::optional<Error> error;  // unreadable or not a document
  bool unchanged = false;
  bool needs_work = false;  // to be loaded and built
  // Set by the worker:
  std::optional<corpus::Document> doc;
  std::optional<analysis::DocumentThemes> tags;
  BuiltDocuments built;
  std::exception_ptr
      exception;      // an unexpected failure, rethrown by the writer
  bool done = false;  // guarded by the pool's mutex
};

// Loads, tags and builds one job's documents (any thread).
void prepare(Job& job, DocumentBuilder& builder, const IndexOptions& options) {
  try {
    auto doc = corpus::load_document_bytes(job.bytes, job.file->path);
    std::string().swap(job.bytes);
    if (!doc.ok()) {
      job.error = doc.error();  // the previous version, if any, stays
      return;
    }
    doc->path = job.path;
    if (options.codebook)
      job.tags = analysis::tag_document(*doc, *options.codebook);
    job.built =
        builder.build(*doc, job.tags ? &*job.tags : nullptr,
                      provisional_review_id(job.path), job.key, job.hash);
    job.doc = std::move(*doc);
  } catch (...) {
    job.exception = std::current_exception();
  }
}

// Worker threads that prepare jobs in the order they are queued; the
// writer waits for each job in that order, so the index is the same
// whatever the number of workers.
class WorkerPool {
 public:
  WorkerPool(std::size_t workers, const IndexOptions& options,
             const std::vector<Xapian::valueno>& theme_slots)
      : options_(options) {
    for (std::size_t i = 0; i < workers; ++i) {
      threads_.emplace_back([this, &theme_slots] {
        DocumentBuilder builder(options_, theme_slots);
        run(builder);
      });
    }
  }
  // Stops after the jobs being prepared (on an error, the rest are dropped).
  ~WorkerPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      queue_.clear();
    }
    work_ready_.notify_all();
    for (auto& t : threads_) t.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(Job* job) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(job);
    }
    work_ready_.notify_one();
  }

  void wait(Job* job) {
    std::unique_lock lock(mutex_);
    job_done_.wait(lock, [job] { return job->done; });
  }

 private:
  void run(DocumentBuilder& builder) {
    for (;;) {
      Job* job = nullptr;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping
        job = queue_.front();
        queue_.pop_front();
      }
      prepare(*job, builder, options_);
      {
        std::lock_guard lock(mutex_);
        job->done = true;
      }
      job_done_.notify_all();
    }
  }

  const IndexOptions& options_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable job_done_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

std::size_t worker_count(const IndexOptions& options) {
  if (options.jobs > 0) return options.jobs;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

}  // namespace

Result<std::string> fingerprint_files(const std::vector<fs::path>& files) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  for (const auto& f : files) {
    auto bytes = read_bytes(f);
    if (!bytes.ok()) {
      XXH3_freeState(state);
      return Error{ErrorKind::kUsage, bytes.error().message};
    }
    XXH3_128bits_update(state, bytes->data(), bytes->size());
    XXH3_128bits_update(state, "\0", 1);
  }
  const std::string out = hex128(XXH3_128bits_digest(state));
  XXH3_freeState(state);
  return out;
}

std::string absolute_path(const fs::path& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  return (ec ? path : abs).lexically_normal().string();
}

std::string review_id_for(const fs::path& path) {
  return corpus::slugify(path.stem().string());
}

Result<IndexStats> index_paths(const fs::path& db_path,
                               const std::vector<fs::path>& roots,
                               const IndexOptions& options,
                               const IndexCallbacks& callbacks) {
  IndexStats stats;
  auto report = [&](const Error& e) {
    ++stats.failed;
    if (callbacks.on_file_error) callbacks.on_file_error(e);
  };
  const std::vector<corpus::FoundFile> files = corpus::find_documents(roots, report);

  auto opened = open_writable(db_path);
  if (!opened.ok()) return opened.error();
  Xapian::WritableDatabase& db = *opened;
  const bool empty_at_start = db.get_doccount() == 0;
  std::optional<WriterPidFile> pid_file;
  if (const int err = WriterPidFile::write(db_path, pid_file); err != 0) {
    const std::string why = write_failure(err);
    return cannot_write(db_path, why.empty() ? std::strerror(err) : why);
  }

  Progress progress;
  progress.files_total = files.size();
  for (const auto& f : files) progress.bytes_total += f.size;

  try {
    Writer writer(db, options);
    // --jobs 1 does everything on this thread; more start that many
    // workers, and this thread reads files and writes the index.
    const std::size_t workers = worker_count(options);
    std::deque<std::unique_ptr<Job>>
        in_flight;  // in file order; outlives the pool
    std::uintmax_t in_flight_bytes = 0;
    std::optional<DocumentBuilder> inline_builder;
    std::optional<WorkerPool> pool;
    if (workers <= 1) {
      inline_builder.emplace(options, writer.theme_slots());
    } else {
      pool.emplace(workers, options, writer.theme_slots());
    }
    std::size_t batch_files = 0;
    std::uintmax_t batch_bytes = 0;

    // Writes (or counts) the oldest job in flight, then commits when the
    // batch is full.
    auto finish_oldest = [&] {
      std::unique_ptr<Job> job = std::move(in_flight.front());
      in_flight.pop_front();
      if (job->needs_work) {
        if (pool) {
          pool->wait(job.get());
        } else {
          prepare(*job, *inline_builder, options);
        }
        in_flight_bytes -= job->file->size;
      }
      if (job->exception) std::rethrow_exception(job->exception);
      if (job->error) {
        report(*job->error);
      } else if (job->unchanged) {
        ++stats.unchanged;
      } else if (job->doc) {
        stats.passages +=
            writer.write(*job->doc, job->tags ? &*job->tags : nullptr, job->key,
                         job->hash, job->old_id, std::move(job->built));
        ++(job->old_id.empty() ? stats.added : stats.updated);
        ++batch_files;
        batch_bytes += job->file->size;
      }
      ++progress.files_done;
      progress.bytes_done += job->file->size;
      if (batch_files >= options.batch_files ||
          batch_bytes >= options.batch_bytes) {
        db.commit_transaction();
        db.begin_transaction();
        batch_files = 0;
        batch_bytes = 0;
      }
      if (callbacks.on_progress) callbacks.on_progress(progress);
    };

    db.begin_transaction();
    for (const auto& f : files) {
      auto job = std::make_unique<Job>();
      job->file = &f;
      auto bytes = read_bytes(f.path);
      if (!bytes.ok()) {
        job->error = bytes.error();
      } else {
        stats.bytes += bytes->size();
        job->path = absolute_path(f.path);
        job->key = file_key(job->path);
        job->hash = content_hash(*bytes, f.path, options.codebook_fingerprint);
        std::string old_hash;
        if (db.get_termfreq(job->key) != 0) {
          Xapian::Document old = db.get_document(*db.postlist_begin(job->key));
          job->old_id = stored_review_id(old);
          old_hash = old.get_value(schema::kSlotContentHash);
        }
        if (!job->old_id.empty() && old_hash == job->hash) {
          job->unchanged = true;
        } else {
          job->bytes = std::move(*bytes);
          job->needs_work = true;
        }
      }
      // Bounded read-ahead: a job's documents take several times its size.
      while (!in_flight.empty() &&
             (in_flight.size() >= 4 * workers ||
              (job->needs_work &&
               in_flight_bytes + f.size > options.queue_bytes))) {
        finish_oldest();
      }
      if (job->needs_work) {
        in_flight_bytes += f.size;
        if (pool) pool->submit(job.get());
      }
      in_flight.push_back(std::move(job));
    }
    while (!in_flight.empty()) finish_oldest();
    if (options.prune) {
      const std::string kind = schema::term(schema::kKind, schema::kKindReview);
      std::vector<std::string> gone;
      for (auto it = db.postlist_begin(kind); it != db.postlist_end(kind); ++it) {
        Xapian::Document d = db.get_document(*it);
        rapidjson::Document data;
        data.Parse(d.get_data().c_str());
        if (data.HasParseError() || !data.IsObject() || !data.HasMember("path") ||
            !data["path"].IsString()) {
          continue;
        }
        const std::string path = data["path"].GetString();
        std::error_code ec;
        if (!fs::exists(path, ec) && !is_digest_entry(d)) gone.push_back(stored_review_id(d));
      }
      for (const auto& id : gone) {
        remove_review(db, id);
        ++stats.removed;
      }
    }
    db.commit_transaction();
  } catch (const Xapian::Error& e) {
    if (const std::string why = write_failure(system_errno(e)); !why.empty()) {
      return Error{ErrorKind::kDatabase,
                   db_path.string() + ": cannot write the index: " + why +
                       "; the last committed batch is kept"};
    }
    return Error{ErrorKind::kDatabase,
                 db_path.string() + ": index error, last committed batch kept: " +
                     e.get_description()};
  } catch (const std::exception& e) {
    return Error{ErrorKind::kDatabase,
                 db_path.string() + ": index error, last committed batch kept: " +
                     e.what()};
  }
  using Compact = IndexOptions::Compact;
  if (options.compact == Compact::kAlways ||
      (options.compact == Compact::kAuto && empty_at_start && stats.added > 0)) {
    if (callbacks.on_compact) callbacks.on_compact(db_path);
    // After the swap this path would name the new folder, where a second
    // writer may have written its own pid file.  The lock is still held.
    pid_file.reset();
    const Compaction compaction = compact_in_place(db, db_path);
    stats.compacted = compaction.done;
    if (!compaction.warning.empty()) {
      stats.compact_warnings.push_back(db_path.string() + ": " + compaction.warning);
    }
  }
  return stats;
}

}  // namespace caselens::indexer
