// Negation, denial, hypotheticals and names, as tables of sentences tagged
// with the shipped codebook: is the theme present or not?
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/codebook.h"
#include "analysis/tagger.h"

namespace caselens::analysis {
namespace {

const std::filesystem::path kData = CASELENS_DATA_DIR;

const Codebook& shipped() {
  static const Codebook codebook = [] {
    Result<Codebook> loaded = load_codebook(kData / "codebook.json");
    if (!loaded) FAIL(loaded.error().message);
    return *loaded;
  }();
  return codebook;
}

struct Row {
  std::string text;
  std::string theme;
  bool present;
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    const auto ids = present_themes(tag_text(row.text, shipped()));
    const bool found =
        std::find(ids.begin(), ids.end(), row.theme) != ids.end();
    INFO("\"" << row.text << "\" -> " << row.theme);
    CHECK(found == row.present);
  }
}

TEST_CASE("denials and absences do not make a theme present", "[negation]") {
  check_rows({
      {"There was no evidence of domestic abuse.", "domestic_abuse", false},
      {"There were no concerns about neglect.", "neglect", false},
      {"No concerns were raised about neglect.", "neglect", false},
      {"The family was not known to children's social care.",
       "multi_agency_working", false},
      {"Mother denied any domestic abuse.", "domestic_abuse", false},
      {"There was no history of domestic violence in the family.",
       "domestic_abuse", false},
      {"Skeletal surveys found no injuries.", "physical_abuse", false},
      {"Domestic abuse was ruled out by the police.", "domestic_abuse", false},
      {"There was nothing to suggest sexual abuse.", "sexual_abuse", false},
      {"The parents denied drug use.", "substance_misuse", false},
  });
}

TEST_CASE("the same words affirmed make the theme present", "[negation]") {
  check_rows({
      {"There was evidence of domestic abuse.", "domestic_abuse", true},
      {"There were concerns about neglect of the children.", "neglect", true},
      {"Police attended a domestic abuse incident.", "domestic_abuse", true},
      {"The home conditions were poor and the children were unkempt.",
       "neglect", true},
      {"The baby had unexplained bruising to the face.", "physical_abuse",
       true},
      {"Mother said she had been raped by her partner.", "sexual_abuse", true},
  });
}

TEST_CASE("a clause boundary ends the scope of a denial", "[negation]") {
  check_rows({
      {"There was no evidence of neglect, but domestic abuse was reported "
       "to police.",
       "domestic_abuse", true},
      {"There were no concerns about school attendance; however the home "
       "conditions were squalid.",
       "neglect", true},
      {"There was no evidence of neglect, but domestic abuse was reported.",
       "neglect", false},
  });
}

TEST_CASE("a cue far before the match does not negate it", "[negation]") {
  check_rows({
      {"No concerns were noted at the first visit by the health visitor "
       "and later the baby showed weight loss.",
       "neglect", true},
  });
}

TEST_CASE("failures written as phrases are findings, not denials",
          "[negation]") {
  check_rows({
      {"No referral was made to children's social care.",
       "information_sharing", true},
      {"The child was not seen alone.", "voice_of_child", true},
      {"Father was not assessed.", "hidden_men", true},
      {"The parents did not engage with services.", "engagement_hostility",
       true},
  });
}

TEST_CASE("hypotheticals do not make a theme present", "[negation]") {
  check_rows({
      {"If there had been any domestic abuse or coercive control the school "
       "would have been told.",
       "domestic_abuse", false},
      {"Had there been neglect, the school would have noticed.", "neglect",
       false},
      {"In the event of a strategy discussion, police attend.",
       "multi_agency_working", false},
  });
}

TEST_CASE("training-course and policy names do not make a theme present",
          "[negation]") {
  check_rows({
      {"Staff attended Domestic Abuse Training in 2019.", "domestic_abuse",
       false},
      {"The Neglect Strategy was launched last year.", "neglect", false},
      {"Staff attended Domestic Abuse Training in 2019.",
       "supervision_management", true},
      {"She was referred to the domestic abuse service.", "domestic_abuse",
       true},
  });
}

TEST_CASE("exclusions and other meanings are not matches", "[negation]") {
  check_rows({
      {"The family lived in the Black Country.", "race_culture_identity",
       false},
      {"Ethnicity or nationality not stated.", "race_culture_identity", false},
      {"He lived with self-neglect in his flat.", "neglect", false},
      {"His father took his own life in 2019.", "self_harm_suicide", false},
      {"His father took his own life in 2019.", "parental_mental_health",
       true},
      {"The teenager took her own life after months of self-harm.",
       "self_harm_suicide", true},
      {"The care home applied for a deprivation of liberty authorisation.",
       "housing_poverty", false},
      {"The care home applied for a deprivation of liberty authorisation.",
       "adult_safeguarding", true},
  });
}

}  // namespace
}  // namespace caselens::analysis
