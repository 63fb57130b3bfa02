// Query latency in-process: the search library called directly on an open
// index, so the figures leave out process start, option parsing and output.
// bench/run drives it; it can be run alone.
//
//   caselens_bench_query --db DIR --queries FILE [--repeat N] [--warmup N]
//                        [--facets] [--synonyms FILE]
//
// --db is repeatable and takes what `caselens search --db` takes (a
// folder, a sharded folder, tcp://HOST:PORT): the databases are searched
// as one.
//
// FILE is a JSON array of queries (bench/queries.json): each an object with
// "name" and "query" and optionally the filters of `caselens search`
// ("type", "theme": arrays; "from", "to", "partnership", "nation",
// "section", "sort": strings; "limit", "offset": numbers; "facets",
// "passages": booleans).  --facets turns facets on for every query.
//
// Every query runs --warmup times untimed, then --repeat times timed, the
// rounds interleaved (query 1..n, then again) so that a slow spell of a
// shared machine spreads over all queries rather than hitting one.  Output:
// JSON on stdout, {"db", "documents", "queries": [{"name", "expanded",
// "total", "hits", "seconds": [...]}]} ("expanded": the query text after
// synonym expansion).
//
// Exit status: 0 ok, 1 usage, 3 database error, 4 query error (the query is
// named).
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/error.h"
#include "query/database.h"
#include "query/search.h"
#include "query/synonyms.h"

namespace {

using caselens::Error;
using caselens::ErrorKind;
using caselens::Result;
using caselens::query::SearchRequest;

struct NamedRequest {
  std::string name;
  SearchRequest request;
};

int fail(const Error& error) {
  std::fprintf(stderr, "caselens_bench_query: %s\n", error.message.c_str());
  return static_cast<int>(error.kind);
}

Error usage(const std::string& what) { return Error{ErrorKind::kUsage, what}; }

Result<std::vector<std::string>> strings(const rapidjson::Value& v,
                                         const std::string& where) {
  std::vector<std::string> out;
  if (v.IsString()) {
    out.emplace_back(v.GetString(), v.GetStringLength());
    return out;
  }
  if (!v.IsArray())
    return usage(where + ": expected a string or an array of strings");
  for (const auto& item : v.GetArray()) {
    if (!item.IsString())
      return usage(where + ": expected an array of strings");
    out.emplace_back(item.GetString(), item.GetStringLength());
  }
  return out;
}

Result<NamedRequest> parse_request(const rapidjson::Value& v,
                                   const std::string& where) {
  if (!v.IsObject()) return usage(where + ": expected an object");
  NamedRequest out;
  for (const auto& m : v.GetObject()) {
    const std::string key = m.name.GetString();
    const rapidjson::Value& val = m.value;
    const std::string at = where + "." + key;
    if (key == "quest" || key == "note") {
      continue;  // for bench/run and for people, not for the search
    } else if (key == "type" || key == "theme") {
      auto list = strings(val, at);
      if (!list) return list.error();
      (key == "type" ? out.request.types : out.request.themes) =
          std::move(*list);
    } else if (key == "facets" || key == "passages") {
      if (!val.IsBool()) return usage(at + ": expected true or false");
      (key == "facets" ? out.request.facets : out.request.passages) =
          val.GetBool();
    } else if (key == "limit" || key == "offset") {
      if (!val.IsUint()) return usage(at + ": expected a non-negative integer");
      (key == "limit" ? out.request.limit : out.request.offset) = val.GetUint();
    } else if (val.IsString() || val.IsNull()) {
      const std::string s = val.IsString() ? val.GetString() : "";
      if (key == "name")
        out.name = s;
      else if (key == "query")
        out.request.query = s;
      else if (key == "from")
        out.request.from = s;
      else if (key == "to")
        out.request.to = s;
      else if (key == "partnership")
        out.request.partnership = s;
      else if (key == "nation")
        out.request.nation = s;
      else if (key == "section")
        out.request.section = s;
      else if (key == "sort")
        out.request.sort = s;
      else
        return usage(at + ": unknown field");
    } else {
      return usage(at + ": unknown field or wrong type");
    }
  }
  if (out.name.empty()) return usage(where + ": a query needs a \"name\"");
  return out;
}

Result<std::vector<NamedRequest>> load_queries(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return usage("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  if (doc.HasParseError()) {
    return usage(path + ": offset " + std::to_string(doc.GetErrorOffset()) +
                 ": " + rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsArray()) return usage(path + ": expected a JSON array of queries");
  std::vector<NamedRequest> out;
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
    auto req = parse_request(doc[i], path + "[" + std::to_string(i) + "]");
    if (!req) return req.error();
    out.push_back(std::move(*req));
  }
  if (out.empty()) return usage(path + ": no queries");
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> db_specs;
  std::string queries_path;
  std::string synonyms_path = CASELENS_BENCH_DATA_DIR "/synonyms.txt";
  long repeat = 5, warmup = 1;
  bool force_facets = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--db" && has_value) {
      db_specs.push_back(argv[++i]);
    } else if (arg == "--queries" && has_value) {
      queries_path = argv[++i];
    } else if (arg == "--synonyms" && has_value) {
      synonyms_path = argv[++i];
    } else if ((arg == "--repeat" || arg == "--warmup") && has_value) {
      char* end = nullptr;
      const long n = std::strtol(argv[++i], &end, 10);
      if (*end != '\0' || n < (arg == "--repeat" ? 1 : 0)) {
        return fail(usage(arg + " needs a number (at least 1 for --repeat)"));
      }
      (arg == "--repeat" ? repeat : warmup) = n;
    } else if (arg == "--facets") {
      force_facets = true;
    } else {
      return fail(
          usage("unknown option " + arg +
                "; usage: caselens_bench_query --db DIR --queries FILE "
                "[--repeat N] [--warmup N] [--facets] [--synonyms FILE]"));
    }
  }
  if (db_specs.empty() || queries_path.empty()) {
    return fail(usage("--db DIR and --queries FILE are required"));
  }
  auto queries = load_queries(queries_path);
  if (!queries) return fail(queries.error());
  auto synonyms = caselens::query::Synonyms::load(synonyms_path);
  if (!synonyms) return fail(synonyms.error());
  auto index = caselens::query::open_indexes(db_specs);
  if (!index) return fail(index.error());
  const Xapian::Database* db = &index->db;
  if (force_facets) {
    for (auto& q : *queries) q.request.facets = true;
  }

  std::vector<std::vector<double>> seconds(queries->size());
  std::vector<std::size_t> totals(queries->size()), hits(queries->size());
  for (long round = 0; round < warmup + repeat; ++round) {
    for (std::size_t i = 0; i < queries->size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      auto result =
          caselens::query::search(*db, (*queries)[i].request, *synonyms);
      const double s = std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - start)
                           .count();
      if (!result) {
        return fail(Error{
            result.error().kind,
            "query \"" + (*queries)[i].name + "\": " + result.error().message});
      }
      totals[i] = result->total;
      hits[i] = result->hits.size();
      if (round >= warmup) seconds[i].push_back(s);
    }
  }

  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("db");
  std::string dbs;
  for (const auto& spec : db_specs) dbs += (dbs.empty() ? "" : " ") + spec;
  w.String(dbs.c_str());
  w.Key("documents");
  w.Uint64(db->get_doccount());
  w.Key("queries");
  w.StartArray();
  for (std::size_t i = 0; i < queries->size(); ++i) {
    w.StartObject();
    w.Key("name");
    w.String((*queries)[i].name.c_str());
    // The query text after synonym expansion: what Xapian's parser gets, so
    // other tools can be given the same text.
    w.Key("expanded");
    w.String(synonyms->expand((*queries)[i].request.query).c_str());
    w.Key("total");
    w.Uint64(totals[i]);
    w.Key("hits");
    w.Uint64(hits[i]);
    w.Key("seconds");
    w.StartArray();
    for (double s : seconds[i]) w.Double(s);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::printf("%s\n", buf.GetString());
  return 0;
}
