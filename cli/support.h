// Shared pieces of the caselens subcommands (internal to cli/): common
// options, parsing with --help, data files, errors to exit codes.
#ifndef CASELENS_CLI_SUPPORT_H_
#define CASELENS_CLI_SUPPORT_H_

#include <filesystem>
#include <string>
#include <unordered_set>
#include <vector>

#include <boost/program_options.hpp>
#include <xapian.h>

#include "analysis/codebook.h"
#include "cli/output.h"
#include "corpus/error.h"
#include "query/database.h"
#include "query/search.h"
#include "query/synonyms.h"

namespace caselens::cli {

namespace po = boost::program_options;
using Args = std::vector<std::string>;

// The exit codes, as printed by every --help.
extern const char* const kExitCodes;

// Prints "caselens: MESSAGE" on stderr; returns the error's exit code.
int fail(const Error& e);

// Options every command has.
struct Common {
  // --db, once per database (read commands: any number, searched as one;
  // index: at most one).
  std::vector<std::string> db;
  bool json = false;
  bool csv = false;
  Format format() const { return json ? Format::kJson : csv ? Format::kCsv : Format::kText; }
};

// `read_many`: --db may be repeated and name sharded folders and
// tcp://HOST:PORT (read commands); otherwise it names one index folder.
void add_common(po::options_description& desc, Common& c, bool with_csv,
                bool read_many = true);

// The search filters (--type --partnership --nation --from --to --section
// --theme) and --synonyms, shared by search and the analysis commands.
void add_filter_options(po::options_description& desc, query::SearchRequest& request,
                        std::string& synonyms_file);

// Positional arguments of a command: their name in the option table, how
// many (-1: any number), and where they go.
struct Positional {
  const char* name = nullptr;  // nullptr: the command takes none
  int max = 0;
  po::value_semantic* value = nullptr;
};

// Parses args; returns -1 to go on, else the exit code to return (help
// printed: 0, usage error: 1).  --help shows `visible` only.
int parse(const std::string& command, const std::string& usage, const std::string& about,
          const po::options_description& visible, const Positional& positional,
          const Args& args);

// Words given as separate arguments, joined by spaces.
std::string join_words(const std::vector<std::string>& words);

// The folder of the shipped data files: $CASELENS_DATA_DIR, else data/ of
// the source tree the binary was built from.
std::filesystem::path data_dir();

Result<query::Synonyms> load_synonyms(const std::string& option);

// Opens the databases of --db (all of them as one), else $CASELENS_DB, else
// ./caselens.db.
Result<query::OpenIndex> open_databases(const Common& common);

// The --db values as given (or the default), joined by ", ": how output
// names the index.
std::string db_label(const Common& common);

// What a query command needs: the index (read-only) and the synonyms.
struct QueryContext {
  Xapian::Database db;            // every shard, searched as one
  std::vector<query::Shard> shards;
  query::Synonyms synonyms;
};

// Loads the synonyms (--synonyms, else data/synonyms.txt) and opens the
// databases (open_databases()).
Result<QueryContext> open_query_context(const Common& common, const std::string& synonyms_file);

// The words of a word-list data file (whitespace-separated, '#' comments),
// lower-cased.  Error (kUsage) when it cannot be read.
Result<std::unordered_set<std::string>> load_word_list(const std::filesystem::path& path);

struct CodebookOptions {
  std::string codebook;             // empty: data/codebook.json
  std::vector<std::string> extend;  // extension files merged into it
};

void add_codebook_options(po::options_description& desc, CodebookOptions& c);

struct LoadedCodebook {
  analysis::Codebook codebook;
  std::string fingerprint;  // of the files' contents
};

Result<LoadedCodebook> load_codebook(const CodebookOptions& c);

// "12.3 MB"
std::string format_bytes(double bytes);

}  // namespace caselens::cli

#endif  // CASELENS_CLI_SUPPORT_H_
