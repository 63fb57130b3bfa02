// digest/words: phrase matching on slug words.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "digest/words.h"

namespace {

using caselens::digest::words::has_phrase;
using caselens::digest::words::phrase_at;
using caselens::digest::words::slug_words;

// What phrase_at must mean: the phrase's slug words at position i.
bool by_definition(const std::vector<std::string>& words, std::size_t i, const std::string& phrase) {
  const auto wanted = slug_words(phrase);
  if (wanted.empty() || i + wanted.size() > words.size()) return false;
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    if (words[i + k] != wanted[k]) return false;
  }
  return true;
}

TEST_CASE("phrase_at: slug words of the phrase at a position, ASCII or not", "[digest][words]") {
  const auto words = slug_words("The baby PASSED away; Child A's death (aged 4) was unexpected. Café staff");
  const std::vector<std::string> phrases = {
      "passed away", "Passed  Away", "passed-away!", "child a s death", "Child A's", "aged 4",
      "4 was", "away child", "unexpected", "café staff", "cafe staff", "CAFÉ", "passed awayx",
      "", "  ", "'", "staff more", "the", "baby passed away child"};
  for (const auto& phrase : phrases) {
    for (std::size_t i = 0; i <= words.size(); ++i) {
      INFO("phrase '" << phrase << "' at " << i);
      CHECK(phrase_at(words, i, phrase) == by_definition(words, i, phrase));
    }
  }
  CHECK(phrase_at(words, 2, "passed away"));
  CHECK(phrase_at(words, 4, "Child A's death"));
  CHECK(has_phrase(words, "CAFE STAFF"));
  CHECK_FALSE(has_phrase(words, "passed on"));
  CHECK_FALSE(has_phrase(words, ""));
}

}  // namespace
