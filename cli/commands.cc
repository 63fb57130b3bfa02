#include "cli/commands.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <iostream>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "analysis/codebook.h"
#include "analysis/evaluation.h"
#include "analysis/tagger.h"
#include "cli/analysis_commands.h"
#include "cli/digest_command.h"
#include "cli/output.h"
#include "cli/support.h"
#include "corpus/load.h"
#include "indexer/indexer.h"
#include "indexer/shards.h"
#include "query/database.h"
#include "query/review.h"
#include "query/search.h"
#include "query/synonyms.h"

namespace caselens::cli {
namespace {

namespace fs = std::filesystem;

// ---- index ----

int cmd_index(const Args& args) {
  Common common;
  std::vector<std::string> paths;
  indexer::IndexOptions options;
  bool quiet = false;
  bool no_themes = false;
  CodebookOptions codebook_options;
  po::options_description desc("Options");
  add_common(desc, common, false, false);
  add_codebook_options(desc, codebook_options);
  bool no_spelling = false;
  std::size_t shards = 0;
  desc.add_options()("shards", po::value(&shards),
                     "split a new index into N shards (sub-indexes of one folder, read as "
                     "one; a file's shard is fixed by its path); a sharded folder keeps its "
                     "count, so later runs need no --shards");
  desc.add_options()("no-themes", po::bool_switch(&no_themes), "do not tag themes")(
      "no-spelling", po::bool_switch(&no_spelling),
      "do not record words for \"did you mean\" (faster indexing)");
  bool compact = false;
  bool no_compact = false;
  desc.add_options()("compact", po::bool_switch(&compact),
                     "compact the index when the run ends, whatever it held before (Xapian's "
                     "compaction: about a third smaller; by default only an index this run "
                     "filled from empty is compacted)")(
      "no-compact", po::bool_switch(&no_compact), "do not compact, not even a new index");
  desc.add_options()("prune", po::bool_switch(&options.prune),
                     "remove documents whose files are gone")(
      "batch",
      po::value(&options.batch_files)->default_value(options.batch_files),
      "files per committed batch (a batch also ends after 16 MB of input)")(
      "jobs,j", po::value(&options.jobs)->default_value(options.jobs),
      "threads that load, tag and build documents while one writes the index "
      "(0 = one per core, 1 = all on one thread; the index is the same either "
      "way)")("quiet,q", po::bool_switch(&quiet), "no progress line");
  const int parsed = parse(
      "index", "PATH... [--db DIR] [--prune]",
      "Index review texts (.txt, .md, .html, .pdf, .docx, .odt; folders recursively) into\n"
      "an on-disk Xapian index.  Incremental: unchanged files are skipped, changed files\n"
      "replaced.  A NAME.meta.json sidecar next to a file overrides its metadata.",
      desc, {"path", -1, po::value(&paths)}, args);
  if (parsed >= 0) return parsed;
  if (options.batch_files == 0) options.batch_files = 1;
  if (paths.empty()) {
    std::cerr << "caselens index: no PATH given (see caselens index --help)\n";
    return 1;
  }
  options.spelling = !no_spelling;
  if (compact && no_compact) {
    std::cerr << "caselens index: --compact and --no-compact together\n";
    return 1;
  }
  if (compact) options.compact = indexer::IndexOptions::Compact::kAlways;
  if (no_compact) options.compact = indexer::IndexOptions::Compact::kNever;
  std::optional<LoadedCodebook> codebook;
  if (!no_themes) {
    auto loaded = load_codebook(codebook_options);
    if (!loaded.ok()) return fail(loaded.error());
    codebook = std::move(*loaded);
    options.codebook = &codebook->codebook;
    options.codebook_fingerprint = codebook->fingerprint;
  }
  if (common.db.size() > 1) {
    std::cerr << "caselens index: --db given " << common.db.size()
              << " times; index writes one index (a sharded one with --shards N)\n";
    return 1;
  }
  const fs::path db = query::resolve_db_path(common.db.empty() ? "" : common.db[0]);
  if (db.string().compare(0, query::kRemotePrefix.size(), query::kRemotePrefix) == 0) {
    std::cerr << "caselens index: --db " << db.string()
              << ": cannot index into a remote database (index the shard where it is "
                 "served)\n";
    return 1;
  }
  if (shards > 999) {
    std::cerr << "caselens index: --shards " << shards << ": at most 999\n";
    return 1;
  }
  auto layout = indexer::read_shard_layout(db);
  if (!layout.ok()) return fail(layout.error());
  const bool sharded = shards > 0 || layout->has_value();
  const bool progress_line = !quiet && is_terminal(2);
  const auto start = std::chrono::steady_clock::now();
  auto last_draw = start;
  std::vector<std::string> errors;
  indexer::IndexCallbacks callbacks;
  callbacks.on_file_error = [&](const Error& e) {
    if (progress_line) std::cerr << "\r\033[K";
    std::cerr << "caselens: " << e.message << '\n';
    errors.push_back(e.message);
  };
  if (progress_line) {
    callbacks.on_progress = [&](const indexer::Progress& p) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_draw < std::chrono::milliseconds(200) && p.files_done != p.files_total) {
        return;
      }
      last_draw = now;
      const double secs = std::chrono::duration<double>(now - start).count();
      const double rate = secs > 0 ? p.bytes_done / secs : 0;
      const double eta = rate > 0 ? (p.bytes_total - p.bytes_done) / rate : 0;
      char line[160];
      std::snprintf(line, sizeof line, "\r\033[Kindexing: %zu/%zu files  %s of %s  %.1f MB/s  ETA %.0fs",
                    p.files_done, p.files_total, format_bytes(p.bytes_done).c_str(),
                    format_bytes(p.bytes_total).c_str(), rate / 1e6, eta);
      std::cerr << line << std::flush;
    };
  }
  if (progress_line) {
    callbacks.on_compact = [](const fs::path& shard) {
      std::cerr << "\r\033[Kcompacting " << shard.string() << " ..." << std::flush;
    };
  }
  std::vector<fs::path> roots(paths.begin(), paths.end());
  auto stats = sharded ? indexer::index_sharded(db, shards, roots, options, callbacks)
                       : indexer::index_paths(db, roots, options, callbacks);
  if (progress_line) std::cerr << "\r\033[K";
  if (!stats.ok()) return fail(stats.error());
  for (const auto& w : stats->compact_warnings) std::cerr << "caselens: " << w << '\n';
  const std::size_t shard_count = layout->has_value() ? (*layout)->shards.size()
                                  : sharded           ? shards
                                                      : 1;
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (common.json) {
    rapidjson::StringBuffer buf;
    Json w(buf);
    w.StartObject();
    json_field(w, "db", db.string());
    for (const auto& [k, v] : {std::pair{"added", stats->added}, {"updated", stats->updated},
                               {"unchanged", stats->unchanged}, {"removed", stats->removed},
                               {"failed", stats->failed}, {"passages", stats->passages}}) {
      json_uint(w, k, v);
    }
    json_uint(w, "bytes", stats->bytes);
    json_uint(w, "shards", shard_count);
    json_bool(w, "compacted", stats->compacted);
    json_double(w, "seconds", secs);
    w.Key("errors");
    w.StartArray();
    for (const auto& e : errors) w.String(e.c_str());
    w.EndArray();
    w.EndObject();
    print_json(buf);
  } else {
    const std::string label =
        sharded ? db.string() + " (" + std::to_string(shard_count) + " shards)" : db.string();
    std::printf("%s: added %zu, updated %zu, unchanged %zu, removed %zu, failed %zu"
                " (%zu passages, %s in %.2fs%s)\n",
                label.c_str(), stats->added, stats->updated, stats->unchanged,
                stats->removed, stats->failed, stats->passages,
                format_bytes(stats->bytes).c_str(), secs,
                stats->compacted ? ", compacted" : "");
  }
  return stats->failed ? static_cast<int>(ErrorKind::kInput) : 0;
}

// ---- search ----

void print_text_results(const query::SearchResult& r, const query::SearchRequest& req) {
  const char* noun = req.passages ? (r.total == 1 ? "passage" : "passages")
                                  : (r.total == 1 ? "review" : "reviews");
  if (r.total == 0) {
    std::printf("No %s match '%s'.\n", noun, r.query.c_str());
    if (!r.did_you_mean.empty()) std::printf("Did you mean: %s\n", r.did_you_mean.c_str());
  } else {
    std::printf("%s%zu %s match%s%s", r.total_exact ? "" : "about ", r.total, noun,
                r.total == 1 ? "es" : "",
                r.query.empty() ? "" : (" '" + r.query + "'").c_str());
    if (!r.hits.empty()) {
      std::printf(" (showing %zu-%zu)", r.hits.front().rank, r.hits.back().rank);
    }
    std::printf("\n");
  }
  for (const auto& h : r.hits) {
    const auto& v = h.review;
    std::printf("\n%zu. %s  [%s]\n", h.rank, v.title.empty() ? "(untitled)" : v.title.c_str(),
                h.id.c_str());
    std::string line = "   ";
    for (const std::string* f : {&v.type, &v.partnership, &v.nation, &v.date}) {
      if (f->empty()) continue;
      if (line.size() > 3) line += " | ";
      line += *f;
    }
    char score[32];
    std::snprintf(score, sizeof score, "%sscore %.2f", line.size() > 3 ? " | " : "", h.score);
    std::printf("%s%s\n", line.c_str(), score);
    if (!h.snippet.empty()) {
      std::string section = h.section;
      while (!section.empty() && section.back() == ':') section.pop_back();
      std::printf("   %s%s\n", section.empty() ? "" : ("§ " + section + ": ").c_str(),
                  h.snippet.c_str());
    }
  }
  if (!r.facets.empty()) {
    std::printf("\nFacets (over all %zu matches):\n", r.total);
    for (const auto& [field, counts] : r.facets) {
      if (counts.empty()) continue;
      std::printf("  %s:", field.c_str());
      for (std::size_t i = 0; i < counts.size(); ++i) {
        std::printf("%s %s (%zu)", i ? "," : "", counts[i].value.c_str(), counts[i].count);
      }
      std::printf("\n");
    }
  }
}

void print_json_results(const query::SearchResult& r, const query::SearchRequest& req) {
  rapidjson::StringBuffer buf;
  Json w(buf);
  w.StartObject();
  json_field(w, "query", r.query);
  json_field(w, "kind", req.passages ? "passage" : "review");
  json_uint(w, "total", r.total);
  json_bool(w, "total_exact", r.total_exact);
  json_uint(w, "offset", req.offset);
  json_uint(w, "limit", req.limit);
  w.Key("results");
  w.StartArray();
  for (const auto& h : r.hits) {
    w.StartObject();
    json_uint(w, "rank", h.rank);
    json_field(w, "id", h.id);
    json_field(w, "review", h.review.id);
    json_double(w, "score", h.score);
    json_review_fields(w, h.review);
    json_field(w, "snippet", h.snippet);
    w.Key("passage");
    if (h.passage_id.empty()) {
      w.Null();
    } else {
      w.StartObject();
      json_field(w, "id", h.passage_id);
      json_field(w, "section", h.section);
      json_uint(w, "begin", h.begin);
      json_uint(w, "end", h.end);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray();
  if (req.facets) {
    w.Key("facets");
    json_counts(w, r.facets);
  }
  w.Key("did_you_mean");
  r.did_you_mean.empty() ? w.Null() : w.String(r.did_you_mean.c_str());
  w.EndObject();
  print_json(buf);
}

void print_csv_results(const query::SearchResult& r) {
  print_csv_row({"rank", "id", "review", "title", "type", "partnership", "nation", "date",
                 "score", "section", "begin", "end", "snippet"});
  for (const auto& h : r.hits) {
    char score[32];
    std::snprintf(score, sizeof score, "%.4f", h.score);
    print_csv_row({std::to_string(h.rank), h.id, h.review.id, h.review.title, h.review.type,
                   h.review.partnership, h.review.nation, h.review.date, score, h.section,
                   std::to_string(h.begin), std::to_string(h.end), h.snippet});
  }
}

int cmd_search(const Args& args) {
  Common common;
  query::SearchRequest req;
  std::vector<std::string> words;
  std::string synonyms_file;
  po::options_description desc("Options");
  add_common(desc, common, true);
  add_filter_options(desc, req, synonyms_file);
  desc.add_options()("sort", po::value(&req.sort), "relevance (default), date, or theme:ID")(
      "limit", po::value(&req.limit)->default_value(req.limit), "results to show")(
      "offset", po::value(&req.offset)->default_value(req.offset), "results to skip")(
      "passages", po::bool_switch(&req.passages), "return matching passages, not reviews")(
      "facets", po::bool_switch(&req.facets),
      "counts by type, partnership, nation, year, theme over all matches");
  const int parsed = parse(
      "search", "[QUERY] [options]",
      "Full-text search of the indexed reviews.  QUERY uses Xapian syntax: AND, OR,\n"
      "NOT, \"phrases\", NEAR, wildcard*, fields (title: type: partnership: nation:\n"
      "section: case: theme: year:) and date ranges (2019..2021, 2019-03..2020-06).\n"
      "Abbreviations (DA, CSE, MASH, ...) expand through the synonyms file.  With\n"
      "no QUERY, every review passing the filters is listed.",
      desc, {"query", -1, po::value(&words)}, args);
  if (parsed >= 0) return parsed;
  req.query = join_words(words);
  const bool color = common.format() == Format::kText && is_terminal(1) && !std::getenv("NO_COLOR");
  if (color) {
    req.highlight_start = "\033[1;31m";
    req.highlight_end = "\033[0m";
  }
  auto ctx = open_query_context(common, synonyms_file);
  if (!ctx.ok()) return fail(ctx.error());
  auto result = query::search(ctx->db, req, ctx->synonyms);
  if (!result.ok()) return fail(result.error());
  switch (common.format()) {
    case Format::kJson: print_json_results(*result, req); break;
    case Format::kCsv: print_csv_results(*result); break;
    case Format::kText: print_text_results(*result, req); break;
  }
  return 0;
}

// ---- show ----

int cmd_show(const Args& args) {
  Common common;
  std::string id;
  bool list_passages = false;
  po::options_description desc("Options");
  add_common(desc, common, false);
  desc.add_options()("passages", po::bool_switch(&list_passages),
                     "also list every passage: id, section, offsets and text");
  const int parsed = parse("show", "ID [--json] [--passages]",
                           "Show one review: its metadata (and where each field came from),\n"
                           "its sections with passage counts, and its themes.",
                           desc, {"id", 1, po::value(&id)}, args);
  if (parsed >= 0) return parsed;
  if (id.empty()) {
    std::cerr << "caselens show: no ID given (ids are shown by `caselens search`)\n";
    return 1;
  }
  auto index = open_databases(common);
  if (!index.ok()) return fail(index.error());
  auto review = query::get_review(index->db, id);
  if (!review.ok()) return fail(review.error());
  const query::ReviewRecord& r = *review;
  std::vector<query::PassageRecord> passages;
  if (list_passages) {
    auto listed = query::get_passages(index->db, id);
    if (!listed.ok()) return fail(listed.error());
    passages = std::move(*listed);
  }
  if (common.json) {
    rapidjson::StringBuffer buf;
    Json w(buf);
    w.StartObject();
    json_field(w, "id", r.id);
    json_review_fields(w, r);
    json_field(w, "format", r.format);
    w.Key("month");
    r.month ? w.Int(r.month) : w.Null();
    w.Key("extra");
    w.StartObject();
    for (const auto& [k, v] : r.extra) json_field(w, k.c_str(), v);
    w.EndObject();
    w.Key("from_sidecar");
    w.StartArray();
    for (const auto& f : r.overridden) w.String(f.c_str());
    w.EndArray();
    json_uint(w, "passages", r.passages);
    w.Key("sections");
    w.StartArray();
    for (const auto& s : r.sections) {
      w.StartObject();
      json_field(w, "heading", s.heading);
      json_uint(w, "begin", s.begin);
      json_uint(w, "end", s.end);
      json_uint(w, "passages", s.passages);
      w.EndObject();
    }
    w.EndArray();
    w.Key("theme_evidence");
    json_theme_records(w, r.theme_evidence);
    if (list_passages) {
      w.Key("passage_list");
      w.StartArray();
      for (const auto& p : passages) {
        w.StartObject();
        json_field(w, "id", p.id);
        json_field(w, "section", p.section);
        json_uint(w, "begin", p.begin);
        json_uint(w, "end", p.end);
        json_bool(w, "list_item", p.list_item);
        json_field(w, "text", p.text);
        w.Key("themes");
        w.StartArray();
        for (const auto& t : p.themes) w.String(t.c_str());
        w.EndArray();
        w.EndObject();
      }
      w.EndArray();
    }
    w.EndObject();
    print_json(buf);
    return 0;
  }
  auto field = [&](const char* name, const std::string& key, const std::string& value) {
    bool sidecar = false;
    for (const auto& f : r.overridden) sidecar = sidecar || f == key;
    std::printf("%-12s %s%s\n", name, value.empty() ? "-" : value.c_str(),
                sidecar ? "  (sidecar)" : "");
  };
  field("id:", "", r.id);
  field("title:", "title", r.title);
  field("type:", "type", r.type);
  field("partnership:", "partnership", r.partnership);
  field("nation:", "nation", r.nation);
  field("date:", "date", r.date);
  field("case:", "case_name", r.case_name);
  field("child age:", "child_age", r.child_age);
  field("file:", "", r.path);
  std::string themes;
  for (const auto& t : r.themes) themes += (themes.empty() ? "" : ", ") + t;
  field("themes:", "", themes.empty() ? "(not tagged)" : themes);
  for (const auto& [k, v] : r.extra) {
    // A sidecar's own copy of a field shown above (its "date", say) is not shown twice.
    static const std::set<std::string> shown = {"title", "type", "partnership", "nation",
                                                "date", "case_name", "child_age"};
    if (!shown.count(k)) field((k + ":").c_str(), k, v);
  }
  std::printf("\n%zu sections, %zu passages:\n", r.sections.size(), r.passages);
  for (const auto& s : r.sections) {
    std::printf("  %4zu  %s\n", s.passages, s.heading.empty() ? "(opening)" : s.heading.c_str());
  }
  if (!r.theme_evidence.empty()) {
    std::printf("\nThemes, with evidence:\n");
    print_theme_records(r.theme_evidence, 2);
  }
  if (list_passages) {
    std::printf("\nPassages (id [begin-end] section: text):\n");
    for (const auto& p : passages) {
      std::printf("  %s [%zu-%zu] %s%s%s\n", p.id.c_str(), p.begin, p.end,
                  p.section.empty() ? "" : p.section.c_str(), p.section.empty() ? "" : ": ",
                  p.text.c_str());
    }
  }
  return 0;
}

// ---- tag ----

// "#N" for passage index N-1 (passage ids without a review).
std::string passage_label(std::size_t passage) {
  std::string label = std::to_string(passage + 1);
  label.insert(label.begin(), '#');
  return label;
}

// The themes judged present, as records with their evidence.
std::vector<query::ThemeRecord> present_records(const corpus::Document& doc,
                                                const analysis::DocumentThemes& tags,
                                                const analysis::Codebook& codebook) {
  std::vector<query::ThemeRecord> out;
  for (const auto& t : tags.themes) {
    if (!t.present) continue;
    const int index = codebook.theme_index(t.theme);
    query::ThemeRecord r{t.theme, index >= 0 ? codebook.themes()[index].name : t.theme,
                         t.score, t.passages, {}};
    for (const auto& h : t.evidence) {
      r.evidence.push_back({passage_label(h.passage),
                            doc.sections[doc.passages[h.passage].section].heading, h.begin,
                            h.end, h.rule, doc.text.substr(h.begin, h.end - h.begin)});
    }
    out.push_back(std::move(r));
  }
  return out;
}

void json_hits(Json& w, const corpus::Document& doc, const analysis::DocumentThemes& tags) {
  w.StartArray();
  for (const auto& h : tags.hits) {
    w.StartObject();
    json_field(w, "theme", h.theme);
    json_field(w, "rule", h.rule);
    json_field(w, "match", doc.text.substr(h.match_begin, h.match_end - h.match_begin));
    json_uint(w, "begin", h.match_begin);
    json_uint(w, "end", h.match_end);
    json_double(w, "score", h.score);
    json_bool(w, "repeat", h.repeat);
    json_bool(w, "negated", h.negated);
    json_field(w, "negated_by", h.negated_by);
    w.EndObject();
  }
  w.EndArray();
}

void print_hits(const corpus::Document& doc, const analysis::DocumentThemes& tags) {
  std::printf("  rules fired (%zu words; a theme needs a score of %.1f):\n", tags.words,
              tags.threshold);
  for (const auto& h : tags.hits) {
    std::printf(
        "    %-28s %-40s \"%s\"%s%s%s%s\n", h.theme.c_str(), h.rule.c_str(),
        doc.text.substr(h.match_begin, h.match_end - h.match_begin).c_str(),
        h.negated ? "  NEGATED by \"" : "",
        h.negated ? h.negated_by.c_str() : "", h.negated ? "\"" : "",
        h.repeat ? "  repeat: scores weak_repeat" : "");
  }
}

int cmd_tag(const Args& args) {
  Common common;
  CodebookOptions codebook_options;
  std::vector<std::string> paths;
  bool explain = false;
  po::options_description desc("Options");
  desc.add_options()("help,h", "show this help")(
      "json", po::bool_switch(&common.json), "machine-readable JSON on stdout")(
      "explain", po::bool_switch(&explain),
      "show every rule that fired, on which words, and which were negated");
  add_codebook_options(desc, codebook_options);
  const int parsed = parse(
      "tag", "FILE... [--json] [--explain] [--codebook FILE]",
      "Tag files with the themes of the codebook, without an index: for each file,\n"
      "the themes present with their score and the sentences that earned them.",
      desc, {"file", -1, po::value(&paths)}, args);
  if (parsed >= 0) return parsed;
  if (paths.empty()) {
    std::cerr << "caselens tag: no FILE given (see caselens tag --help)\n";
    return 1;
  }
  auto loaded = load_codebook(codebook_options);
  if (!loaded.ok()) return fail(loaded.error());
  const analysis::Codebook& codebook = loaded->codebook;

  bool failed = false;
  auto report = [&](const Error& e) {
    std::cerr << "caselens: " << e.message << '\n';
    failed = true;
  };
  const auto files = corpus::find_documents({paths.begin(), paths.end()}, report);
  rapidjson::StringBuffer buf;
  Json w(buf);
  w.StartArray();
  for (const auto& f : files) {
    auto doc = corpus::load_document(f.path);
    if (!doc.ok()) {
      report(doc.error());
      continue;
    }
    const analysis::DocumentThemes tags = analysis::tag_document(*doc, codebook);
    const auto records = present_records(*doc, tags, codebook);
    if (common.json) {
      w.StartObject();
      json_field(w, "file", f.path.string());
      w.Key("themes");
      json_theme_records(w, records);
      if (explain) {
        w.Key("hits");
        json_hits(w, *doc, tags);
      }
      w.EndObject();
    } else {
      std::printf("%s: %zu theme%s\n", f.path.string().c_str(), records.size(),
                  records.size() == 1 ? "" : "s");
      print_theme_records(records, explain ? 100 : 3);
      if (explain) print_hits(*doc, tags);
    }
  }
  w.EndArray();
  if (common.json) print_json(buf);
  return failed ? static_cast<int>(ErrorKind::kInput) : 0;
}

// ---- eval-themes ----

int cmd_eval_themes(const Args& args) {
  Common common;
  CodebookOptions codebook_options;
  std::string gold;
  std::size_t min_support = 3;
  po::options_description desc("Options");
  desc.add_options()("help,h", "show this help")(
      "json", po::bool_switch(&common.json), "machine-readable JSON on stdout")(
      "min-support", po::value(&min_support)->default_value(min_support),
      "themes with fewer gold units are left out of macro-F1");
  add_codebook_options(desc, codebook_options);
  const int parsed = parse(
      "eval-themes", "GOLD.json [--json] [--codebook FILE]",
      "Measure the tagger against gold labels: GOLD.json is {\"units\": {ID: {\"themes\":\n"
      "[...]}}} with the texts in units/ID.txt beside it.  Prints per-theme\n"
      "precision, recall, F1 and support, and micro and macro averages.",
      desc, {"gold", 1, po::value(&gold)}, args);
  if (parsed >= 0) return parsed;
  if (gold.empty()) {
    std::cerr << "caselens eval-themes: no GOLD.json given (see caselens eval-themes --help)\n";
    return 1;
  }
  auto loaded = load_codebook(codebook_options);
  if (!loaded.ok()) return fail(loaded.error());
  auto report = analysis::evaluate_gold_file(gold, loaded->codebook, min_support);
  if (!report.ok()) return fail(report.error());
  std::cout << (common.json ? analysis::format_json(*report) : analysis::format_table(*report));
  if (common.json) std::cout << '\n';
  return 0;
}

// ---- info ----

int cmd_info(const Args& args) {
  Common common;
  po::options_description desc("Options");
  add_common(desc, common, false);
  const int parsed = parse("info", "[--db DB]... [--json]",
                           "Summarise the index: documents, reviews, passages, date range,\n"
                           "review counts by type, nation, year, partnership and theme; with\n"
                           "several databases (shards), the counts of each.",
                           desc, {}, args);
  if (parsed >= 0) return parsed;
  auto index = open_databases(common);
  if (!index.ok()) return fail(index.error());
  auto s = query::summarize(index->db);
  if (!s.ok()) return fail(s.error());
  std::vector<query::DocumentCounts> shard_counts;
  for (const auto& shard : index->shards) {
    auto counts = query::count_documents(shard.db);
    if (!counts.ok()) return fail({counts.error().kind, shard.where + ": " + counts.error().message});
    shard_counts.push_back(*counts);
  }
  std::vector<std::string> duplicates;
  if (index->shards.size() > 1) {
    auto found = query::duplicate_review_ids(index->db);
    if (!found.ok()) return fail(found.error());
    duplicates = std::move(*found);
  }
  if (common.json) {
    rapidjson::StringBuffer buf;
    Json w(buf);
    w.StartObject();
    json_field(w, "db", db_label(common));
    json_uint(w, "documents", s->documents);
    json_uint(w, "reviews", s->reviews);
    json_uint(w, "passages", s->passages);
    json_field(w, "first_date", s->first_date);
    json_field(w, "last_date", s->last_date);
    w.Key("counts");
    json_counts(w, s->by_field);
    w.Key("shards");
    w.StartArray();
    for (std::size_t i = 0; i < index->shards.size(); ++i) {
      w.StartObject();
      json_field(w, "db", index->shards[i].where);
      w.Key("remote");
      w.Bool(index->shards[i].remote);
      json_uint(w, "documents", shard_counts[i].documents);
      json_uint(w, "reviews", shard_counts[i].reviews);
      json_uint(w, "passages", shard_counts[i].passages);
      w.EndObject();
    }
    w.EndArray();
    w.Key("duplicate_ids");
    w.StartArray();
    for (const auto& id : duplicates) w.String(id.c_str());
    w.EndArray();
    w.EndObject();
    print_json(buf);
    return 0;
  }
  std::printf("index:     %s\nreviews:   %zu\npassages:  %zu\ndocuments: %zu\n",
              db_label(common).c_str(), s->reviews, s->passages, s->documents);
  std::printf("dates:     %s to %s\n", s->first_date.empty() ? "-" : s->first_date.c_str(),
              s->last_date.empty() ? "-" : s->last_date.c_str());
  if (index->shards.size() > 1) {
    std::printf("shards:    %zu\n", index->shards.size());
    for (std::size_t i = 0; i < index->shards.size(); ++i) {
      std::printf("  %7zu reviews %9zu passages  %s\n", shard_counts[i].reviews,
                  shard_counts[i].passages, index->shards[i].where.c_str());
    }
  }
  if (!duplicates.empty()) {
    std::printf("duplicate ids: %zu review ids are in more than one database (e.g. %s);\n"
                "  `show` finds the first one; index the files into one index (or --shards)\n"
                "  for unique ids\n",
                duplicates.size(), duplicates[0].c_str());
  }
  for (const auto& [field, counts] : s->by_field) {
    std::printf("%s:\n", field.c_str());
    if (counts.empty()) std::printf("  (none yet)\n");
    for (const auto& c : counts) std::printf("  %5zu  %s\n", c.count, c.value.c_str());
  }
  return 0;
}

struct Command {
  const char* name;
  const char* summary;
  std::function<int(const Args&)> run;
};

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"index", "index review texts into an on-disk Xapian index", cmd_index},
      {"search", "full-text search with filters, facets and snippets", cmd_search},
      {"show", "show one review's metadata and sections", cmd_show},
      {"info", "summarise the index", cmd_info},
      {"tag", "tag files with themes and show the evidence (no index)", cmd_tag},
      {"eval-themes", "measure theme tagging against gold labels", cmd_eval_themes},
      {"themes", "how common each theme is, overall or by year/type/...", cmd_themes},
      {"cooccur", "which themes occur together (lift, Jaccard, Fisher)", cmd_cooccur},
      {"trend", "themes per year with a test for trend", cmd_trend},
      {"kwic", "keyword in context: each occurrence with its context", cmd_kwic},
      {"terms", "words most distinctive of the matching reviews", cmd_terms},
      {"similar", "reviews most like a given review", cmd_similar},
      {"recommendations", "recurring recommendations, grouped across reviews", cmd_recommendations},
      {"digest", "write a research digest bulletin for a period (HTML, Markdown, JSON)", cmd_digest},
  };
  return kCommands;
}

void print_usage(std::ostream& out) {
  out << "Usage: caselens COMMAND [options]   (caselens COMMAND --help for details)\n\n"
         "Full-text search and thematic analysis of published case reviews.\n\n"
         "Commands:\n";
  for (const auto& c : commands()) {
    char line[128];
    std::snprintf(line, sizeof line, "  %-8s %s\n", c.name, c.summary);
    out << line;
  }
  out << "\nThe index is --db DIR, else $CASELENS_DB, else ./caselens.db.  Read commands\n"
         "take --db more than once to search several indexes as one; a DIR made with\n"
         "`index --shards N` is read whole, and --db tcp://HOST:PORT reads a database\n"
         "served by xapian-tcpsrv (see docs/scaling.md).\n\n"
      << kExitCodes;
}

}  // namespace

int run(int argc, char** argv) {
  if (argc < 2) {
    print_usage(std::cerr);
    return 1;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(std::cout);
    return 0;
  }
  if (name == "--version") {
    std::cout << "caselens " << CASELENS_VERSION << '\n';
    return 0;
  }
  for (const auto& c : commands()) {
    if (name == c.name) {
      try {
        return c.run(Args(argv + 2, argv + argc));
      } catch (const std::exception& e) {
        std::cerr << "caselens " << name << ": internal error: " << e.what() << '\n';
        return 3;
      }
    }
  }
  std::cerr << "caselens: unknown command '" << name << "' (see caselens --help)\n";
  return 1;
}

}  // namespace caselens::cli
