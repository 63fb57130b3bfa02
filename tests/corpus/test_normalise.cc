#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "corpus/normalise.h"

namespace caselens::corpus {
namespace {

struct Case {
  std::string name;
  std::string input;
  std::string expected;
};

TEST_CASE("normalise_text rules", "[normalise]") {
  const std::vector<Case> cases = {
      {"nfc composes", "Cafe\xCC\x81", "Caf\xC3\xA9"},
      {"typographic quotes",
       "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x98single\xE2\x80\x99 "
       "it\xE2\x80\x99s",
       "\"Quoted\" 'single' it's"},
      {"dashes keep their spaces",
       "2019 \xE2\x80\x93 2020 \xE2\x80\x94 done \xE2\x88\x92"
       "5",
       "2019 - 2020 - done -5"},
      {"ligatures", "\xEF\xAC\x81nal \xEF\xAC\x82ow", "final flow"},
      {"soft hyphen and zero width", "safe\xC2\xADguard\xE2\x80\x8Bing",
       "safeguarding"},
      {"non-breaking space",
       "a\xC2\xA0\xC2\xA0"
       "b",
       "a b"},
      {"spaces and tabs collapse", "  a  \t b\t ", "a b"},
      {"crlf", "One.\r\n\r\nTwo\rthree", "One.\n\nTwo three"},
      {"hyphenated across a line break", "the safe-\nguarding partners",
       "the safeguarding partners"},
      {"hyphen before capital is kept", "Covid-\nNineteen", "Covid- Nineteen"},
      {"bullet glyphs",
       "\xE2\x80\xA2 one\n\xE2\x97\xA6 two\n\xE2\x96\xAA three",
       "- one\n- two\n- three"},
      {"private-use and middle-dot bullets",
       "\xEF\x82\xB7 one\n\xC2\xB7 two\no three\n* four",
       "- one\n- two\n- three\n- four"},
      {"bullets run together in one line",
       "Issues: \xE2\x80\xA2 a \xE2\x80\xA2 b", "Issues:\n- a\n- b"},
      {"three or more newlines", "Para one.\n\n\n\nPara two.",
       "Para one.\n\nPara two."},
      {"hard-wrapped lines join", "a line that was\nwrapped by the printer",
       "a line that was wrapped by the printer"},
      {"list items stay lines", "Agencies:\n- Police\n- Health\nmore on health",
       "Agencies:\n- Police\n- Health more on health"},
      {"numbered paragraphs stay lines", "1.1 First point.\n1.2 Second point.",
       "1.1 First point.\n1.2 Second point."},
      {"heading-like words inside a wrapped sentence are joined",
       "the panel used the\nLearning Together model and\nfound gaps.",
       "the panel used the Learning Together model and found gaps."},
      {"heading line not joined", "Some text.\nEXECUTIVE SUMMARY\nBody text",
       "Some text.\nEXECUTIVE SUMMARY\nBody text"},
      {"field lines stay lines", "Date of birth: 2010\nDate of death: 2011",
       "Date of birth: 2010\nDate of death: 2011"},
      {"page x of y dropped", "Text here\nPage 3 of 12\ncontinues here.",
       "Text here continues here."},
      {"page n and lone numbers dropped",
       "Para one.\n\n12\n\nPage 4\n\nPara two.", "Para one.\n\nPara two."},
      {"page break in mid-sentence", "which ended in the\n\nmiddle of it.",
       "which ended in the middle of it."},
      {"hyphen across page break", "an ex-\n\npartner", "an ex-partner"},
      {"markdown bold", "Leicester **Safeguarding** **Children Board**",
       "Leicester Safeguarding Children Board"},
      {"bold between words is a break", "Author**January 2012**",
       "Author January 2012"},
      {"markdown headings", "## **Regional Learning**\nBody text here.",
       "Regional Learning\n\nBody text here."},
      {"rules dropped", "Above.\n\n---\n\nBelow.", "Above.\n\nBelow."},
      {"contents block",
       "Contents\n\n1. Introduction\t3\n2. Background\t4\n"
       "6.2 Maternal mental health\t9\n\n1. Introduction\n\nIntro text.",
       "Contents: 1. Introduction; 2. Background; 6.2 Maternal mental health"
       "\n\n1. Introduction\n\nIntro text."},
      {"contents of bulleted headings",
       "CONTENTS:\n\n- 1. Introduction**\n"
       "- 2. Findings**\n\n1. Introduction\n\nText.",
       "Contents: 1. Introduction; 2. Findings\n\n1. Introduction\n\nText."},
      {"a word contents is not a block", "Contents\n\nThe file holds text.",
       "Contents\n\nThe file holds text."},
      {"running header dropped after the opening",
       "Intro paragraph.\n\nRunning head\n\nA para.\n\nRunning head\n\nB para."
       "\n\nRunning head\n\nC para.",
       "Intro paragraph.\n\nRunning head\n\nA para.\n\nB para.\n\nC para."},
      {"repeated structural heading kept",
       "Learning\n\nA para.\n\nLearning\n\nB para.\n\nLearning\n\nC para.",
       "Learning\n\nA para.\n\nLearning\n\nB para.\n\nLearning\n\nC para."},
      {"leading and trailing blank lines", "\n\n  text  \n\n", "text"},
      {"control characters dropped",
       "a\x01"
       "b\x7F"
       "c",
       "abc"},
      {"nothing left", "\n 12 \n\nPage 2 of 3\n", ""},
  };
  for (const Case& c : cases) {
    SECTION(c.name) { CHECK(normalise_text(c.input) == c.expected); }
  }
}

TEST_CASE("running headers beyond the opening lines all go", "[normalise]") {
  std::string input;
  for (int i = 0; i < 25; ++i) {
    input += "Paragraph " + std::to_string(i) + " of the report.\n\n";
  }
  for (int i = 0; i < 3; ++i) input += "OFFICIAL sensitive\n\nMore text.\n\n";
  const std::string out = normalise_text(input);
  CHECK(out.find("OFFICIAL sensitive") == std::string::npos);
  CHECK(out.find("Paragraph 24 of the report.") != std::string::npos);
}

TEST_CASE("normalised text has no blank-line runs or edge blanks",
          "[normalise]") {
  const std::string out =
      normalise_text("\n\n\nA.\n\n\n\n\nB.\n \n \nC.\n\n\n");
  CHECK(out == "A.\n\nB.\n\nC.");
}

}  // namespace
}  // namespace caselens::corpus
