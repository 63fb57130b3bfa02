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

// Coroners' reports and clinical records use safeguarding words in other
// senses: the inquest's formal record, injuries as a cause of death, a
// patient's own crisis team, a policy "adopted" by a Trust.  Sentences
// written for these tests (not taken from any evaluation text).
TEST_CASE("coroners' and clinical language is not a safeguarding theme",
          "[negation]") {
  check_rows({
      {"A copy of the Record of Inquest is attached to this report.",
       "information_sharing", false},
      {"I recorded a conclusion of suicide.", "information_sharing", false},
      {"The medical cause of death was recorded as multiple injuries.",
       "information_sharing", false},
      {"He was an informal patient and the informant rang the ward.",
       "information_sharing", false},
      {"He died of multiple injuries when his car left the road.",
       "physical_abuse", false},
      {"She sustained a fracture of the hip in a fall at the care home and "
       "died from her injuries.",
       "physical_abuse", false},
      {"He described two episodes of self-strangulation.", "physical_abuse",
       false},
      {"She had been assaulted sexually by a stranger.", "physical_abuse",
       false},
      {"He suffered a cardiac arrest in the ambulance.",
       "exploitation_extrafamilial", false},
      {"He drank alcohol at the party.", "substance_misuse", false},
      {"The home treatment team visited him twice, and the home treatment "
       "team then discharged him to the crisis team.",
       "parental_mental_health", false},
      {"He had a long history of psychosis and personality disorder.",
       "parental_mental_health", false},
      {"She was referred to the Child and Adult Mental Health Service.",
       "parental_mental_health", false},
      {"His care was due to transition to adult mental health services at "
       "eighteen.",
       "parental_mental_health", false},
      {"Her partner collected her from the ward. Her partner later found her "
       "unresponsive.",
       "hidden_men", false},
      {"The appeal was due to be heard in May.", "voice_of_child", false},
      {"He had been hearing voices for a week.", "voice_of_child", false},
      {"The views of the family were not sought before discharge.",
       "voice_of_child", false},
      {"The family's solicitor complained that documents were not disclosed "
       "to the coroner.",
       "voice_of_child", false},
      {"In my opinion there is a risk that future deaths will occur.",
       "assessment", false},
      {"The Trust adopted a new policy on observations.", "care_experience",
       false},
      {"There were delays in care on the ward and omissions in care overnight.",
       "care_experience", false},
      {"She moved into a residential care home in 2019.", "care_experience",
       false},
      {"He could not be accommodated on the ward that night.",
       "care_experience", false},
      {"He was transferred under section 30 of the Health and Social Care Act.",
       "adult_safeguarding", false},
      {"Moving him was not in his best interests.", "adult_safeguarding",
       false},
      {"He was detained under the Mental Health Act, and the Mental Health "
       "Act was applied again in May.",
       "adult_safeguarding", false},
      {"He attended the training college every week.", "supervision_management",
       false},
      {"The medical cause of death was fatal pressure on the neck.",
       "supervision_management", false},
      {"Retention of the data was poor.", "supervision_management", false},
      {"The service's lack of engagement with families was criticised.",
       "engagement_hostility", false},
      {"Police attendance at the address was delayed.", "education_school",
       false},
      {"He was discharged with guidance and the procedure was not followed.",
       "multi_agency_working", false},
      {"The situation had become challenging and stressful.",
       "professional_curiosity", false},
      {"The escalation in his self-harm was not recognised.",
       "thresholds_escalation", false},
      {"He was interpreting the guidelines too strictly.",
       "race_culture_identity", false},
      {"He was diagnosed with acute coronary syndrome.",
       "disability_health_needs", false},
      {"Care home residents were left unsupervised at night.", "neglect",
       false},
      {"She had cognitive difficulties after a stroke.", "parental_history",
       false},
      {"Post-mortem toxicology found a therapeutic level of his medication.",
       "substance_misuse", false},
  });
}

TEST_CASE("the safeguarding sense of the same words still counts",
          "[negation]") {
  check_rows({
      {"The care plan was not documented and the referral was not followed up.",
       "information_sharing", true},
      {"Records were not shared between the GP and the health visitor.",
       "information_sharing", true},
      {"A 3-month-old baby was found to have a fractured femur.",
       "physical_abuse", true},
      {"The baby had injuries to his face that nobody could explain.",
       "physical_abuse", true},
      {"She had been assaulted sexually by a stranger.", "sexual_abuse", true},
      {"He was arrested for possession of a knife.",
       "exploitation_extrafamilial", true},
      {"Mother's alcohol misuse and relapse were known to the GP.",
       "substance_misuse", true},
      {"Mother was known to the community mental health team.",
       "parental_mental_health", true},
      {"The child was seen alone and her wishes and feelings were recorded.",
       "voice_of_child", true},
      {"No risk assessment was completed before discharge.", "assessment",
       true},
      {"She was a child in care, placed with foster carers.", "care_experience",
       true},
      {"He had been adopted as a baby.", "care_experience", true},
      {"A best interests decision was made under the Mental Capacity Act.",
       "adult_safeguarding", true},
      {"Staff had not been trained in observations.", "supervision_management",
       true},
      {"There were pressures on the service and too few resources.",
       "supervision_management", true},
      {"The parents did not engage with services.", "engagement_hostility",
       true},
      {"A strategy discussion was held with police and health.",
       "multi_agency_working", true},
      {"The social worker did not escalate her concerns to a manager.",
       "thresholds_escalation", true},
      {"An interpreter was not offered to the mother.", "race_culture_identity",
       true},
      {"He had a diagnosis of Asperger's syndrome.", "disability_health_needs",
       true},
      {"The toddler was left alone in the flat for hours.", "neglect", true},
  });
}

}  // namespace
}  // namespace caselens::analysis
