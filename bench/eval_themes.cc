// Measures the theme tagger.
//
//   caselens_eval_themes [--codebook FILE] [--json] GOLD.json
//       per-theme precision, recall, F1, support; micro and macro averages
//   caselens_eval_themes [--codebook FILE] --tag FILE...
//       the themes present in each file, with every hit (negated ones too)
//   caselens_eval_themes [--codebook FILE] --recall THEME FILE...
//       how many of the files have THEME present (lists the misses)
//   caselens_eval_themes [--codebook FILE] --speed FILE...
//       tagging throughput in MB/s over the files (loaded first, untimed)
//
// Exit status: 0 on success, 1 on usage errors, 2 on unreadable inputs.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "analysis/codebook.h"
#include "analysis/evaluation.h"
#include "analysis/tagger.h"
#include "corpus/load.h"

namespace {

using caselens::Error;
using caselens::analysis::Codebook;
using caselens::corpus::Document;

int report(const Error& error) {
  std::fprintf(stderr, "caselens_eval_themes: %s\n", error.message.c_str());
  return error.kind == caselens::ErrorKind::kUsage ? 1 : 2;
}

std::vector<Document> load_all(const std::vector<std::string>& paths) {
  std::vector<Document> docs;
  for (const std::string& path : paths) {
    auto doc = caselens::corpus::load_document(path);
    if (!doc) {
      std::fprintf(stderr, "skipped: %s\n", doc.error().message.c_str());
      continue;
    }
    docs.push_back(std::move(*doc));
  }
  return docs;
}

void print_tags(const Document& doc, const Codebook& codebook) {
  const auto tags = caselens::analysis::tag_document(doc, codebook);
  std::printf("== %s\n", doc.path.c_str());
  for (const auto& score : tags.themes) {
    if (!score.present) continue;
    std::printf("  %-28s score %.1f  passages %zu\n", score.theme.c_str(),
                score.score, score.passages);
    for (const auto& hit : score.evidence) {
      std::printf("      [%zu,%zu) %s\n", hit.begin, hit.end,
                  doc.text.substr(hit.begin, hit.end - hit.begin).c_str());
    }
  }
  for (const auto& hit : tags.hits) {
    const std::string words =
        doc.text.substr(hit.match_begin, hit.match_end - hit.match_begin);
    std::printf("    %s%-26s %-40s \"%s\"%s%s\n", hit.negated ? "-" : " ",
                hit.theme.c_str(), hit.rule.c_str(), words.c_str(),
                hit.negated ? " negated by " : "", hit.negated_by.c_str());
  }
}

int recall(const std::string& theme, const std::vector<Document>& docs,
           const Codebook& codebook) {
  std::size_t found = 0;
  for (const Document& doc : docs) {
    const auto ids =
        caselens::analysis::present_themes(caselens::analysis::tag_document(doc, codebook));
    if (std::find(ids.begin(), ids.end(), theme) != ids.end()) {
      ++found;
    } else {
      std::printf("missed: %s\n", doc.path.c_str());
    }
  }
  std::printf("%s present in %zu of %zu (%.1f%%)\n", theme.c_str(), found,
              docs.size(), docs.empty() ? 0.0 : 100.0 * found / docs.size());
  return 0;
}

int speed(const std::vector<Document>& docs, const Codebook& codebook) {
  std::size_t bytes = 0, hits = 0;
  for (const Document& doc : docs) bytes += doc.text.size();
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  for (const Document& doc : docs) {
    hits += caselens::analysis::tag_document(doc, codebook).hits.size();
  }
  const double cpu =
      static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  // CPU time is the fairer figure on a shared machine; both are printed.
  std::printf(
      "tagged %zu documents, %.1f MB, %zu hits: %.3f s wall (%.1f MB/s), "
      "%.3f s CPU (%.1f MB/s), one thread\n",
      docs.size(), bytes / 1e6, hits, wall, wall > 0 ? bytes / 1e6 / wall : 0.0,
      cpu, cpu > 0 ? bytes / 1e6 / cpu : 0.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string codebook_path = caselens::analysis::default_codebook_path();
  std::string mode = "eval";
  std::string theme;
  bool json = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--codebook" && i + 1 < argc) {
      codebook_path = argv[++i];
    } else if (arg == "--json") {
      json = true;
    } else if (arg == "--tag" || arg == "--speed") {
      mode = arg.substr(2);
    } else if (arg == "--recall" && i + 1 < argc) {
      mode = "recall";
      theme = argv[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      return report(Error{caselens::ErrorKind::kUsage, "unknown option " + arg});
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    return report(Error{caselens::ErrorKind::kUsage,
                        "usage: caselens_eval_themes [--codebook FILE] "
                        "[--json] GOLD.json | --tag FILE... | --recall THEME "
                        "FILE... | --speed FILE..."});
  }
  auto codebook = caselens::analysis::load_codebook(codebook_path);
  if (!codebook) return report(codebook.error());

  if (mode == "eval") {
    auto result = caselens::analysis::evaluate_gold_file(files[0], *codebook);
    if (!result) return report(result.error());
    std::fputs((json ? caselens::analysis::format_json(*result) + "\n"
                     : caselens::analysis::format_table(*result))
                   .c_str(),
               stdout);
    return 0;
  }
  const std::vector<Document> docs = load_all(files);
  if (mode == "tag") {
    for (const Document& doc : docs) print_tags(doc, *codebook);
    return 0;
  }
  if (mode == "recall") return recall(theme, docs, *codebook);
  return speed(docs, *codebook);
}
