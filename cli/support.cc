#include "cli/support.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <cstdlib>
#include <iostream>

#include "indexer/indexer.h"
#include "query/database.h"

namespace caselens::cli {

namespace fs = std::filesystem;

const char* const kExitCodes =
    "Exit codes:\n"
    "  0  ok\n"
    "  1  usage error (bad option, unknown id)\n"
    "  2  some inputs could not be read (the rest were indexed)\n"
    "  3  database error (missing, locked by another writer, corrupt, not a\n"
    "     caselens index, cannot be written: disk full, read-only)\n"
    "  4  query syntax error\n";

int fail(const Error& e) {
  std::cerr << "caselens: " << e.message << '\n';
  return static_cast<int>(e.kind);
}

void add_common(po::options_description& desc, Common& c, bool with_csv, bool read_many) {
  desc.add_options()("help,h", "show this help");
  if (read_many) {
    desc.add_options()("db", po::value(&c.db)->composing(),
                       "index to read: a folder (single or sharded index) or tcp://HOST:PORT "
                       "(xapian-tcpsrv); repeat --db to search several as one (default: "
                       "$CASELENS_DB, else ./caselens.db)");
  } else {
    desc.add_options()("db", po::value(&c.db),
                       "index folder (default: $CASELENS_DB, else ./caselens.db)");
  }
  desc.add_options()("json", po::bool_switch(&c.json), "machine-readable JSON on stdout");
  if (with_csv) desc.add_options()("csv", po::bool_switch(&c.csv), "CSV table on stdout");
}

int parse(const std::string& command, const std::string& usage, const std::string& about,
          const po::options_description& visible, const Positional& positional,
          const Args& args) {
  po::options_description all;
  all.add(visible);
  po::positional_options_description pos;
  if (positional.name) {
    all.add_options()(positional.name, positional.value);
    pos.add(positional.name, positional.max);
  }
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    if (vm.count("help")) {
      std::cout << "Usage: caselens " << command << " " << usage << "\n\n"
                << about << "\n\n"
                << visible << '\n'
                << kExitCodes;
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "caselens " << command << ": " << e.what() << " (see caselens "
              << command << " --help)\n";
    return 1;
  }
  return -1;
}

fs::path data_dir() {
  const char* dir = std::getenv("CASELENS_DATA_DIR");
  return dir && *dir ? dir : CASELENS_DEFAULT_DATA_DIR;
}

Result<query::Synonyms> load_synonyms(const std::string& option) {
  return query::Synonyms::load(option.empty() ? data_dir() / "synonyms.txt" : fs::path(option));
}


Result<query::OpenIndex> open_databases(const Common& common) {
  return query::open_indexes(query::resolve_db_specs(common.db));
}

std::string db_label(const Common& common) {
  std::string out;
  for (const auto& spec : query::resolve_db_specs(common.db)) {
    out += (out.empty() ? "" : ", ") + spec;
  }
  return out;
}

Result<QueryContext> open_query_context(const Common& common, const std::string& synonyms_file) {
  auto synonyms = load_synonyms(synonyms_file);
  if (!synonyms.ok()) return synonyms.error();
  auto index = open_databases(common);
  if (!index.ok()) return index.error();
  return QueryContext{std::move(index->db), std::move(index->shards), std::move(*synonyms)};
}

Result<std::unordered_set<std::string>> load_word_list(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return Error{ErrorKind::kUsage, path.string() + ": cannot read word list"};
  std::unordered_set<std::string> words;
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line.substr(0, line.find('#')));
    for (std::string w; fields >> w;) {
      for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      words.insert(w);
    }
  }
  return words;
}

void add_codebook_options(po::options_description& desc, CodebookOptions& c) {
  desc.add_options()("codebook", po::value(&c.codebook),
                     "theme codebook (default: data/codebook.json)")(
      "extend", po::value(&c.extend)->composing(),
      "a codebook file whose themes and phrases are added (repeatable)");
}


Result<LoadedCodebook> load_codebook(const CodebookOptions& c) {
  std::vector<fs::path> files = {c.codebook.empty() ? data_dir() / "codebook.json"
                                                    : fs::path(c.codebook)};
  files.insert(files.end(), c.extend.begin(), c.extend.end());
  std::error_code ec;
  if (!fs::is_regular_file(files[0], ec)) {
    return Error{ErrorKind::kUsage, files[0].string() + ": codebook not found"};
  }
  auto codebook = analysis::load_codebook(files[0], {files.begin() + 1, files.end()});
  if (!codebook.ok()) return codebook.error();
  auto fingerprint = indexer::fingerprint_files(files);
  if (!fingerprint.ok()) return fingerprint.error();
  return LoadedCodebook{std::move(*codebook), std::move(*fingerprint)};
}

std::string format_bytes(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  return buf;
}

void add_filter_options(po::options_description& desc, query::SearchRequest& req,
                        std::string& synonyms_file) {
  desc.add_options()("type", po::value(&req.types)->composing(),
                     "review type, e.g. serious-case-review or scr (repeatable: any of them)")(
      "partnership", po::value(&req.partnership), "words of the partnership name")(
      "nation", po::value(&req.nation), "England, Wales, Scotland, Northern Ireland")(
      "from", po::value(&req.from), "published in or after YYYY or YYYY-MM")(
      "to", po::value(&req.to), "published in or before YYYY or YYYY-MM")(
      "section", po::value(&req.section), "words of a section heading, e.g. recommendations")(
      "theme", po::value(&req.themes)->composing(),
      "theme id or name, e.g. hidden_men (repeatable: all of them)")(
      "synonyms", po::value(&synonyms_file), "synonyms file (default: data/synonyms.txt)");
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace caselens::cli
