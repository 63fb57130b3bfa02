#include "digest/category.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <cstdio>

#include "corpus/slug.h"
#include "digest/words.h"

namespace caselens::digest {
namespace {

struct CategoryRow {
  CategoryInfo info;
  std::vector<std::string_view> aliases;
};

const std::vector<CategoryRow>& rows() {
  static const std::vector<CategoryRow> kRows = {
      {{"physical-emotional-abuse", "PHYSICAL AND EMOTIONAL ABUSE"},
       {"physical_emotional_abuse", "physical abuse", "emotional abuse"}},
      {{"neglect", "NEGLECT"}, {}},
      {{"child-deaths", "CHILD DEATHS"}, {"child_death", "child death", "deaths"}},
      {{"sexual-abuse", "SEXUAL ABUSE"}, {"sexual_abuse"}},
      {{"behavioural-mental-health", "BEHAVIOURAL/MENTAL HEALTH CONCERNS"},
       {"behaviour_mental_health", "behavioural mental health", "mental health",
        "behavioural/mental health"}},
      {{"homicide", "HOMICIDE"}, {}},
      {{"exploitation", "EXPLOITATION"},
       {"extrafamilial_harm", "exploitation and extra-familial harm", "extra-familial harm"}},
      {{"adults", "ADULTS"}, {"adult", "national-adults"}},
  };
  return kRows;
}

using words::has_phrase;
using words::one_of;
using words::phrase_at;
using words::slug_words;

constexpr std::string_view kDeathWords[] = {
    "died", "death", "dead", "deceased", "fatal", "fatally", "sudi"};
constexpr std::string_view kAdultWords[] = {
    "mother", "father", "parent", "parents", "grandmother", "grandfather", "partner",
    "stepfather", "stepmother", "uncle", "aunt", "man", "woman", "wife", "husband",
    "adult", "mum", "dad"};
constexpr std::string_view kPossessives[] = {"his", "her", "their", "the", "a"};
// The statutory criteria for a review, quoted in many introductions.
constexpr std::string_view kCriteriaPhrases[] = {
    "died or", "death or serious", "or been seriously harmed", "criteria", "working together"};

bool is_criteria(const std::vector<std::string>& words) {
  return std::any_of(std::begin(kCriteriaPhrases), std::end(kCriteriaPhrases),
                     [&](std::string_view p) { return has_phrase(words, p); });
}

bool says_child_died(const std::vector<std::string>& words) {
  if (is_criteria(words)) return false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const bool cue = one_of(kDeathWords, words[i]) || phrase_at(words, i, "passed away");
    if (!cue) continue;
    if (i > 0 && words[i - 1] == "near") continue;
    // "the death of her mother", "his father died", "mother had died".
    if (words[i] == "death" && i + 3 < words.size() && words[i + 1] == "of" &&
        one_of(kPossessives, words[i + 2]) && one_of(kAdultWords, words[i + 3])) {
      continue;
    }
    if (words[i] == "died" || words[i] == "passed") {
      const bool adult_before =
          (i > 0 && one_of(kAdultWords, words[i - 1])) ||
          (i > 1 && one_of(kAdultWords, words[i - 2]) &&
           (words[i - 1] == "had" || words[i - 1] == "has" || words[i - 1] == "later"));
      if (adult_before) continue;
    }
    return true;
  }
  return false;
}

constexpr std::string_view kHomicideWords[] = {
    "murder", "murdered", "manslaughter", "homicide", "infanticide"};
constexpr std::string_view kHomicidePhrases[] = {
    "unlawfully killed", "unlawful killing", "killed by", "was killed", "were killed"};
constexpr std::string_view kViolentWords[] = {
    "stabbed", "stab", "shot", "strangled", "strangulation", "beaten", "shooting"};
constexpr std::string_view kNotHomicide[] = {
    "attempt", "attempted", "attempting", "attempts", "suspicion", "suspected", "alleged",
    "threatened"};

bool says_homicide(const std::vector<std::string>& words) {
  bool violent = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    violent = violent || one_of(kViolentWords, words[i]);
    bool cue = one_of(kHomicideWords, words[i]);
    for (auto p : kHomicidePhrases) cue = cue || phrase_at(words, i, p);
    if (!cue) continue;
    if (words[i] == "homicide" && i + 1 < words.size() && words[i + 1] == "review") continue;
    bool hedged = false;
    for (std::size_t back = 1; back <= 3 && back <= i; ++back) {
      hedged = hedged || one_of(kNotHomicide, words[i - back]);
    }
    if (!hedged) return true;
  }
  return violent && says_child_died(words);
}

std::string quote(const std::string& sentence) {
  constexpr std::size_t kMax = 90;
  if (sentence.size() <= kMax) return "\"" + sentence + "\"";
  std::size_t cut = sentence.rfind(' ', kMax);
  if (cut == std::string::npos || cut < kMax / 2) cut = kMax;
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
  std::string quoted = "\"";
  quoted.append(sentence, 0, cut);
  return quoted + " ...\"";
}

struct HarmTheme {
  std::string_view theme;
  std::string_view category;
};
constexpr std::array<HarmTheme, 5> kHarmThemes = {{
    {"sexual_abuse", "sexual-abuse"},
    {"exploitation_extrafamilial", "exploitation"},
    {"neglect", "neglect"},
    {"physical_abuse", "physical-emotional-abuse"},
    {"self_harm_suicide", "behavioural-mental-health"},
}};

}  // namespace

const std::vector<CategoryInfo>& categories() {
  static const std::vector<CategoryInfo> kList = [] {
    std::vector<CategoryInfo> list;
    for (const auto& r : rows()) list.push_back(r.info);
    return list;
  }();
  return kList;
}

std::string normalise_category(std::string_view text) {
  const std::string slug = corpus::slugify(text);
  if (slug.empty()) return {};
  for (const auto& r : rows()) {
    if (slug == corpus::slugify(r.info.id) || slug == corpus::slugify(r.info.heading)) {
      return std::string(r.info.id);
    }
    for (auto alias : r.aliases) {
      if (slug == corpus::slugify(alias)) return std::string(r.info.id);
    }
  }
  return {};
}

std::string_view category_heading(std::string_view id) {
  for (const auto& r : rows()) {
    if (r.info.id == id) return r.info.heading;
  }
  return {};
}

std::string death_sentence(const std::vector<std::string>& sentences) {
  for (const auto& s : sentences) {
    if (says_child_died(slug_words(s))) return s;
  }
  return {};
}

std::string homicide_sentence(const std::vector<std::string>& sentences) {
  for (const auto& s : sentences) {
    if (says_homicide(slug_words(s))) return s;
  }
  return {};
}

CategoryChoice choose_category(const CategoryInput& in) {
  CategoryChoice choice;
  if (!in.override_value.empty()) {
    const std::string id = normalise_category(in.override_value);
    if (!id.empty()) return {id, "meta category \"" + in.override_value + "\"", false};
    choice.bad_override = true;
  }
  auto chosen = [&](std::string_view id, std::string basis) {
    choice.id = std::string(id);
    choice.basis = std::move(basis);
    return choice;
  };
  if (in.type == "safeguarding-adults-review") return chosen("adults", "type: safeguarding adults review");
  if (in.digest_section == "national-adults") return chosen("adults", "digest section: national adults");
  if (in.type == "domestic-homicide-review") return chosen("homicide", "type: domestic homicide review");
  if (auto s = homicide_sentence(in.case_sentences); !s.empty()) {
    return chosen("homicide", "homicide: " + quote(s));
  }
  if (auto s = death_sentence(in.case_sentences); !s.empty()) {
    return chosen("child-deaths", "the child died: " + quote(s));
  }
  const HarmTheme* best = nullptr;
  double best_score = 0;
  for (const auto& h : kHarmThemes) {
    auto it = in.theme_scores.find(std::string(h.theme));
    if (it != in.theme_scores.end() && it->second > best_score) {
      best = &h;
      best_score = it->second;
    }
  }
  if (best) {
    char score[32];
    std::snprintf(score, sizeof score, "%.1f", best_score);
    return chosen(best->category, "theme " + std::string(best->theme) + " (score " + score +
                                      ", the highest harm theme)");
  }
  return chosen("physical-emotional-abuse", "default: no harm theme present");
}

}  // namespace caselens::digest
