#include "analysis/evaluation.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "analysis/tagger.h"
#include "corpus/load.h"

namespace caselens::analysis {
namespace {

double ratio(std::size_t numerator, std::size_t denominator) {
  return denominator == 0 ? 0.0
                          : static_cast<double>(numerator) /
                                static_cast<double>(denominator);
}

double harmonic(double precision, double recall) {
  return precision + recall == 0 ? 0.0
                                 : 2 * precision * recall / (precision + recall);
}

std::string format_row(const char* name, const char* flag, std::size_t support,
                       std::size_t predicted, std::size_t tp, double p,
                       double r, double f1) {
  char row[160];
  std::snprintf(row, sizeof row, "%-28s %-4s %7zu %9zu %4zu %9.3f %7.3f %6.3f\n",
                name, flag, support, predicted, tp, p, r, f1);
  return row;
}

}  // namespace

EvaluationReport evaluate(const LabelSets& gold, const LabelSets& predicted,
                          const std::vector<std::string>& themes,
                          const EvaluationOptions& options) {
  std::vector<std::string> order = themes;
  std::set<std::string> extra;
  for (const LabelSets* labels : {&gold, &predicted}) {
    for (const auto& [unit, ids] : *labels) {
      for (const std::string& id : ids) {
        if (std::find(themes.begin(), themes.end(), id) == themes.end()) {
          extra.insert(id);
        }
      }
    }
  }
  order.insert(order.end(), extra.begin(), extra.end());

  static const std::set<std::string> kNone;
  EvaluationReport report;
  report.units = gold.size();
  report.macro_min_support = options.macro_min_support;
  std::size_t all_tp = 0, all_support = 0, all_predicted = 0;
  double macro_sum = 0;
  for (const std::string& theme : order) {
    ThemeMetrics m;
    m.theme = theme;
    m.core = options.core_themes.count(theme) > 0;
    for (const auto& [unit, gold_ids] : gold) {
      const auto found = predicted.find(unit);
      const std::set<std::string>& predicted_ids =
          found == predicted.end() ? kNone : found->second;
      const bool in_gold = gold_ids.count(theme) > 0;
      const bool in_predicted = predicted_ids.count(theme) > 0;
      m.support += in_gold;
      m.predicted += in_predicted;
      m.true_positives += in_gold && in_predicted;
    }
    m.precision = ratio(m.true_positives, m.predicted);
    m.recall = ratio(m.true_positives, m.support);
    m.f1 = harmonic(m.precision, m.recall);
    all_tp += m.true_positives;
    all_support += m.support;
    all_predicted += m.predicted;
    if (m.support >= options.macro_min_support) {
      macro_sum += m.f1;
      ++report.macro_themes;
    }
    report.themes.push_back(std::move(m));
  }
  report.micro_precision = ratio(all_tp, all_predicted);
  report.micro_recall = ratio(all_tp, all_support);
  report.micro_f1 = harmonic(report.micro_precision, report.micro_recall);
  report.macro_f1 = report.macro_themes == 0
                        ? 0.0
                        : macro_sum / static_cast<double>(report.macro_themes);
  return report;
}

std::string format_table(const EvaluationReport& report) {
  char line[200];
  std::string out;
  std::snprintf(line, sizeof line, "%-28s %-4s %7s %9s %4s %9s %7s %6s\n",
                "theme", "", "support", "predicted", "tp", "precision",
                "recall", "f1");
  out += line;
  for (const ThemeMetrics& m : report.themes) {
    out += format_row(m.theme.c_str(), m.core ? "core" : "", m.support,
                      m.predicted, m.true_positives, m.precision, m.recall,
                      m.f1);
  }
  std::snprintf(line, sizeof line,
                "\nunits %zu   micro P %.3f  R %.3f  F1 %.3f   "
                "macro F1 %.3f (%zu themes with support >= %zu)\n",
                report.units, report.micro_precision, report.micro_recall,
                report.micro_f1, report.macro_f1, report.macro_themes,
                report.macro_min_support);
  out += line;
  std::string core;
  for (const ThemeMetrics& m : report.themes) {
    if (!m.core) continue;
    std::snprintf(line, sizeof line, "%s%s %.3f", core.empty() ? "" : ", ",
                  m.theme.c_str(), m.f1);
    core += line;
  }
  if (!core.empty()) out += "core F1: " + core + "\n";
  return out;
}

std::string format_json(const EvaluationReport& report) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("units");
  w.Uint64(report.units);
  w.Key("themes");
  w.StartArray();
  for (const ThemeMetrics& m : report.themes) {
    w.StartObject();
    w.Key("id");
    w.String(m.theme.c_str());
    w.Key("core");
    w.Bool(m.core);
    w.Key("support");
    w.Uint64(m.support);
    w.Key("predicted");
    w.Uint64(m.predicted);
    w.Key("true_positives");
    w.Uint64(m.true_positives);
    w.Key("precision");
    w.Double(m.precision);
    w.Key("recall");
    w.Double(m.recall);
    w.Key("f1");
    w.Double(m.f1);
    w.EndObject();
  }
  w.EndArray();
  w.Key("micro");
  w.StartObject();
  w.Key("precision");
  w.Double(report.micro_precision);
  w.Key("recall");
  w.Double(report.micro_recall);
  w.Key("f1");
  w.Double(report.micro_f1);
  w.EndObject();
  w.Key("macro");
  w.StartObject();
  w.Key("f1");
  w.Double(report.macro_f1);
  w.Key("themes");
  w.Uint64(report.macro_themes);
  w.Key("min_support");
  w.Uint64(report.macro_min_support);
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

Result<LabelSets> parse_labels(std::string_view json,
                               const std::string& source) {
  auto fail = [&](const std::string& what) {
    return Error{ErrorKind::kUsage, source + ": " + what};
  };
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    return fail(std::string("invalid JSON: ") +
                rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject() || !doc.HasMember("units") || !doc["units"].IsObject()) {
    return fail("expected {\"units\": {\"<id>\": {\"themes\": [...]}}}");
  }
  LabelSets labels;
  for (const auto& unit : doc["units"].GetObject()) {
    const std::string id = unit.name.GetString();
    const auto& value = unit.value;
    if (!value.IsObject() || !value.HasMember("themes") ||
        !value["themes"].IsArray()) {
      return fail("unit \"" + id + "\" has no \"themes\" list");
    }
    std::set<std::string>& themes = labels[id];
    for (const auto& theme : value["themes"].GetArray()) {
      if (!theme.IsString()) {
        return fail("unit \"" + id + "\": themes must be strings");
      }
      themes.insert(theme.GetString());
    }
  }
  return labels;
}

Result<EvaluationReport> evaluate_gold_file(const std::filesystem::path& gold,
                                            const Codebook& codebook,
                                            std::size_t macro_min_support) {
  std::ifstream in(gold, std::ios::binary);
  if (!in) {
    return Error{ErrorKind::kUsage, gold.string() + ": cannot read the file"};
  }
  const std::string json((std::istreambuf_iterator<char>(in)),
                         std::istreambuf_iterator<char>());
  Result<LabelSets> labels = parse_labels(json, gold.string());
  if (!labels) return labels.error();

  LabelSets predicted;
  const std::filesystem::path units = gold.parent_path() / "units";
  for (const auto& [unit, themes] : *labels) {
    Result<corpus::Document> doc =
        corpus::load_document(units / (unit + ".txt"));
    if (!doc) return doc.error();
    const std::vector<std::string> present =
        present_themes(tag_document(*doc, codebook));
    predicted[unit] = std::set<std::string>(present.begin(), present.end());
  }
  EvaluationOptions options;
  options.macro_min_support = macro_min_support;
  std::vector<std::string> ids;
  for (const Theme& theme : codebook.themes()) {
    ids.push_back(theme.id);
    if (theme.core) options.core_themes.insert(theme.id);
  }
  return evaluate(*labels, predicted, ids, options);
}

}  // namespace caselens::analysis
