// Evaluation metrics against hand-computed values.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis/evaluation.h"

namespace caselens::analysis {
namespace {

// Gold and predictions over four units and three themes:
//   a: gold u1 u2 u3,  predicted u1 u2 u4   -> tp 2, fp 1, fn 1
//   b: gold u1,        predicted u1 u3      -> tp 1, fp 1, fn 0
//   c: gold u2 u3 u4,  predicted none       -> tp 0, fp 0, fn 3
const LabelSets kGold = {{"u1", {"a", "b"}},
                         {"u2", {"a", "c"}},
                         {"u3", {"a", "c"}},
                         {"u4", {"c"}}};
const LabelSets kPredicted = {
    {"u1", {"a", "b"}}, {"u2", {"a"}}, {"u3", {"b"}}, {"u4", {"a"}}};

TEST_CASE("per-theme precision, recall, F1 and support", "[evaluation]") {
  EvaluationOptions options;
  options.core_themes = {"a"};
  const EvaluationReport report =
      evaluate(kGold, kPredicted, {"a", "b", "c"}, options);
  REQUIRE(report.units == 4);
  REQUIRE(report.themes.size() == 3);
  struct Row {
    std::string theme;
    std::size_t support, predicted, tp;
    double precision, recall, f1;
  };
  const std::vector<Row> rows = {
      {"a", 3, 3, 2, 2.0 / 3, 2.0 / 3, 2.0 / 3},
      {"b", 1, 2, 1, 0.5, 1.0, 2.0 / 3},
      {"c", 3, 0, 0, 0.0, 0.0, 0.0},
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ThemeMetrics& m = report.themes[i];
    INFO(rows[i].theme);
    CHECK(m.theme == rows[i].theme);
    CHECK(m.support == rows[i].support);
    CHECK(m.predicted == rows[i].predicted);
    CHECK(m.true_positives == rows[i].tp);
    CHECK(m.precision == Catch::Detail::Approx(rows[i].precision));
    CHECK(m.recall == Catch::Detail::Approx(rows[i].recall));
    CHECK(m.f1 == Catch::Detail::Approx(rows[i].f1));
  }
  CHECK(report.themes[0].core);
  CHECK_FALSE(report.themes[1].core);
  // Micro: tp 3, predicted 5, gold 7.
  CHECK(report.micro_precision == Catch::Detail::Approx(3.0 / 5));
  CHECK(report.micro_recall == Catch::Detail::Approx(3.0 / 7));
  CHECK(report.micro_f1 == Catch::Detail::Approx(2 * 0.6 * (3.0 / 7) / (0.6 + 3.0 / 7)));
  // Macro over themes with support >= 3: a and c.
  CHECK(report.macro_themes == 2);
  CHECK(report.macro_f1 == Catch::Detail::Approx((2.0 / 3 + 0.0) / 2));
}

TEST_CASE("macro support threshold and unknown themes", "[evaluation]") {
  EvaluationOptions options;
  options.macro_min_support = 1;
  const LabelSets predicted = {{"u1", {"z"}}};
  const EvaluationReport report =
      evaluate(kGold, predicted, {"a", "b", "c"}, options);
  REQUIRE(report.themes.size() == 4);  // "z" appended
  CHECK(report.themes[3].theme == "z");
  CHECK(report.themes[3].predicted == 1);
  CHECK(report.themes[3].support == 0);
  CHECK(report.macro_themes == 3);  // z has no support
  CHECK(report.macro_f1 == Catch::Detail::Approx(0.0));
  CHECK(report.micro_precision == Catch::Detail::Approx(0.0));
}

TEST_CASE("a perfect prediction scores 1 everywhere", "[evaluation]") {
  const EvaluationReport report = evaluate(kGold, kGold, {"a", "b", "c"});
  CHECK(report.micro_f1 == Catch::Detail::Approx(1.0));
  CHECK(report.macro_f1 == Catch::Detail::Approx(1.0));
  for (const ThemeMetrics& m : report.themes) CHECK(m.f1 == Catch::Detail::Approx(1.0));
}

TEST_CASE("table and JSON output", "[evaluation]") {
  EvaluationOptions options;
  options.core_themes = {"a"};
  const EvaluationReport report =
      evaluate(kGold, kPredicted, {"a", "b", "c"}, options);
  const std::string table = format_table(report);
  CHECK_THAT(table, Catch::Contains("theme"));
  CHECK_THAT(table, Catch::Contains("a                            core"));
  CHECK_THAT(table, Catch::Contains("macro F1 0.333 (2 themes with support >= 3)"));
  CHECK_THAT(table, Catch::Contains("core F1: a 0.667"));
  const std::string json = format_json(report);
  CHECK_THAT(json, Catch::StartsWith("{\"units\":4,\"themes\":[{\"id\":\"a\""));
  CHECK_THAT(json, Catch::Contains("\"macro\":{\"f1\":0.3333"));
}

TEST_CASE("gold label files are parsed and checked", "[evaluation]") {
  Result<LabelSets> labels = parse_labels(
      R"({"codebook_version": 1, "units": {"x": {"themes": ["a", "b"]},
          "y": {"themes": []}}})",
      "gold.json");
  REQUIRE(labels.ok());
  CHECK(labels->size() == 2);
  CHECK(labels->at("x") == std::set<std::string>{"a", "b"});
  CHECK(labels->at("y").empty());

  const std::vector<std::pair<std::string, std::string>> bad = {
      {"{", "gold.json: invalid JSON"},
      {"{\"units\": []}", "expected {\"units\""},
      {"{\"units\": {\"x\": {}}}", "unit \"x\" has no \"themes\" list"},
      {"{\"units\": {\"x\": {\"themes\": [1]}}}", "themes must be strings"},
  };
  for (const auto& [json, message] : bad) {
    Result<LabelSets> result = parse_labels(json, "gold.json");
    INFO(json);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::kUsage);
    CHECK_THAT(result.error().message, Catch::Contains(message));
  }
}

}  // namespace
}  // namespace caselens::analysis
