#include "cli/digest_command.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "digest/digest.h"
#include "digest/render.h"
#include "query/database.h"

namespace caselens::cli {
namespace {

// "a,b" and repeated options alike: every comma-separated item, trimmed.
std::vector<std::string> split_items(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      std::size_t cut = v.find(',', start);
      if (cut == std::string::npos) cut = v.size();
      std::string item = v.substr(start, cut - start);
      const auto b = item.find_first_not_of(" \t");
      const auto e = item.find_last_not_of(" \t");
      if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
      start = cut + 1;
    }
  }
  return out;
}

}  // namespace

int cmd_digest(const Args& args) {
  Common common;
  std::string from, to, quarter, format = "html", output, regions_file;
  std::vector<std::string> regions, priority;
  digest::DigestRequest request;
  bool quiet = false;
  po::options_description desc("Options");
  desc.add_options()("help,h", "show this help")(
      "db", po::value(&common.db)->composing(),
      "index to read: a folder (single or sharded index) or tcp://HOST:PORT; repeat --db to "
      "read several as one (default: $CASELENS_DB, else ./caselens.db)")(
      "from", po::value(&from), "first month of the period, YYYY-MM")(
      "to", po::value(&to), "last month of the period, YYYY-MM (inclusive)")(
      "quarter", po::value(&quarter), "the period as a quarter, e.g. 2021Q3 (instead of --from/--to)")(
      "partnership", po::value(&request.partnership),
      "the bulletin's partnership, e.g. \"Darlington Safeguarding Partnership\" (required)")(
      "region", po::value(&regions)->composing(),
      "a region whose partnerships are regional learning (repeatable or a,b; default: the "
      "partnership's own region)")(
      "regions", po::value(&regions_file),
      "regions file (default: data/regions.json): which areas are in which region")(
      "priority-themes", po::value(&priority)->composing(),
      "theme ids or names, e.g. domestic_abuse,hidden_men: entries with one are in italics")(
      "issue", po::value(&request.issue), "issue number, e.g. 5")(
      "title", po::value(&request.title)->default_value(request.title), "the bulletin's title")(
      "format", po::value(&format)->default_value(format), "html, md or json")(
      "json", po::bool_switch(&common.json), "same as --format json")(
      "output,o", po::value(&output), "write the bulletin to FILE (default: stdout)")(
      "quiet,q", po::bool_switch(&quiet), "no progress line");
  const int parsed = parse(
      "digest",
      "--from YYYY-MM --to YYYY-MM | --quarter YYYYQn --partnership NAME [--region NAME]\n"
      "       [--priority-themes a,b] [--issue N] [--format html|md|json] [-o FILE]",
      "Write a Lessons Learned Research Digest bulletin: the reviews (and entries read\n"
      "from other digests) published in the period, as local, regional or national\n"
      "learning for the partnership, national ones in one table per category (child\n"
      "deaths, neglect, ...; meta.extra \"category\" in a sidecar overrides the rule).\n"
      "CASE, KEY ISSUES and LEARNING & RECOMMENDATIONS quote the review's own text;\n"
      "every point names the passage and offsets it came from.  HTML is a print-ready\n"
      "A4 page.  Exit 2 when a review's metadata had to be ignored (the bulletin is\n"
      "still written).",
      desc, {}, args);
  if (parsed >= 0) return parsed;
  if (common.json) {
    if (format != "html" && format != "json") {
      std::cerr << "caselens digest: --json and --format " << format << " disagree\n";
      return 1;
    }
    format = "json";
  }
  if (format != "html" && format != "md" && format != "json") {
    std::cerr << "caselens digest: --format '" << format << "': expected html, md or json\n";
    return 1;
  }
  if (request.partnership.find_first_not_of(" \t") == std::string::npos) {
    std::cerr << "caselens digest: no --partnership given (see caselens digest --help)\n";
    return 1;
  }
  if (request.issue < 0) {
    std::cerr << "caselens digest: --issue " << request.issue << ": expected a positive number\n";
    return 1;
  }
  auto period = digest::parse_period(from, to, quarter);
  if (!period.ok()) {
    std::cerr << "caselens digest: " << period.error().message << '\n';
    return 1;
  }
  request.period = *period;
  auto map = digest::load_regions(regions_file.empty() ? data_dir() / "regions.json"
                                                       : std::filesystem::path(regions_file));
  if (!map.ok()) return fail(map.error());
  request.region_map = &*map;
  request.regions = split_items(regions);
  request.priority_themes = split_items(priority);

  auto index = open_databases(common);
  if (!index.ok()) return fail(index.error());
  const bool progress = !quiet && is_terminal(2);
  if (progress) {
    request.on_progress = [](std::size_t done, std::size_t total) {
      if (done % 20 == 0 || done == total) {
        std::cerr << "\r\033[Kdigest: " << done << "/" << total << " reviews read" << std::flush;
      }
    };
  }
  auto bulletin = digest::build_digest(index->db, request);
  if (progress) std::cerr << "\r\033[K";
  if (!bulletin.ok()) return fail(bulletin.error());
  const std::string text = format == "json" ? digest::render_json(*bulletin)
                           : format == "md" ? digest::render_markdown(*bulletin)
                                            : digest::render_html(*bulletin);
  for (const auto& w : bulletin->warnings) std::cerr << "caselens: " << w << '\n';
  for (const auto& n : bulletin->notes) std::cerr << "caselens digest: note: " << n << '\n';
  if (output.empty()) {
    std::cout << text << std::flush;
  } else {
    std::ofstream out(output, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::cerr << "caselens: " << output << ": cannot write: " << std::strerror(errno) << '\n';
      return 1;
    }
    std::size_t sections = 0;
    for (const auto& s : bulletin->sections) sections += s.tables.empty() ? 0 : 1;
    auto counted = [](std::size_t n, const char* one, const char* many) {
      return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    std::cout << output << ": "
              << counted(bulletin->reviews + bulletin->digest_entries, "entry", "entries") << " ("
              << counted(bulletin->reviews, "review", "reviews") << ", "
              << counted(bulletin->digest_entries, "digest entry", "digest entries") << ") in "
              << counted(sections, "section", "sections") << ", " << describe(request.period)
              << '\n';
  }
  return bulletin->warnings.empty() ? 0 : static_cast<int>(ErrorKind::kInput);
}

}  // namespace caselens::cli
