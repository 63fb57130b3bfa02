#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "corpus/metadata.h"

namespace caselens::corpus {
namespace {

TEST_CASE("review_types lists every slug once", "[metadata]") {
  const std::vector<std::string> expected = {
      "child-safeguarding-practice-review",
      "serious-case-review",
      "concise-child-practice-review",
      "extended-child-practice-review",
      "safeguarding-adults-review",
      "domestic-homicide-review",
      "multi-agency-review",
      "table-top-review",
      "rapid-review",
      "lessons-learned-review",
      "thematic-review",
      "research-digest",
      "digest-entry",
      "prevention-of-future-deaths-report"};
  std::vector<std::string> slugs;
  for (const ReviewType& t : review_types()) {
    slugs.emplace_back(t.slug);
    CHECK_FALSE(t.name.empty());
  }
  CHECK(slugs == expected);
}

// Expected values; a field left at its default is not checked unless listed
// in `check_empty`.
struct MetaCase {
  std::string name;
  std::string text;
  Metadata expected;
  std::vector<std::string> check_empty;
};

Metadata meta(std::string title, std::string type, std::string partnership,
              std::string nation, int year, int month, std::string case_name,
              std::string age) {
  Metadata m;
  m.title = std::move(title);
  m.type = std::move(type);
  m.partnership = std::move(partnership);
  m.nation = std::move(nation);
  m.year = year;
  m.month = month;
  m.case_name = std::move(case_name);
  m.child_age = std::move(age);
  return m;
}

void check_field(const std::string& field, const std::string& got,
                 const std::string& want,
                 const std::vector<std::string>& empty) {
  CAPTURE(field);
  const bool must_be_empty =
      std::find(empty.begin(), empty.end(), field) != empty.end();
  if (!want.empty() || must_be_empty) CHECK(got == want);
}

TEST_CASE("extract_metadata on synthetic snippets", "[metadata]") {
  const std::string body =
      "\n\nThis paragraph is running text with more than twenty words so that "
      "the title zone ends here and nothing in it is a title of any kind.";
  const std::vector<MetaCase> cases = {
      {"english serious case review",
       "Leicester Safeguarding Children Board\n\nSERIOUS CASE REVIEW IN "
       "RESPECT OF CHILD R\n\nDate of birth: 2010\nDate of death: 2011, aged "
       "10 months\n\nJanuary 2012\n\nThis review follows Working Together "
       "guidance after the death of Child R." +
           body,
       meta("Serious Case Review in respect of Child R", "serious-case-review",
            "Leicester Safeguarding Children Board", "England", 2012, 1,
            "Child R", "10 months"),
       {}},
      {"welsh concise review in a series",
       "Background\n\nChild B was known to services." + body +
           "\n\nCYSUR 2 2020\n\nConcise Child Practice Review",
       meta("CYSUR 2 2020 Concise Child Practice Review",
            "concise-child-practice-review",
            "Mid and West Wales Safeguarding Board", "Wales", 2020, 0,
            "Child B", ""),
       {"child_age"}},
      {"child safeguarding practice review with a named child",
       "Kirklees Safeguarding Children Partnership\n\nChild E\n\nExecutive "
       "Summary\n\nVersion 1 October 2019\n\nWe learnt of the death of "
       "Steven, a 4 month old baby. Steven lived with his mother. Steven's "
       "father visited. Safeguarding Practice Reviews seek learning." +
           body,
       meta("Child E: Executive Summary", "child-safeguarding-practice-review",
            "Kirklees Safeguarding Children Partnership", "England", 2019, 10,
            "Child E (Steven)", "4 months"),
       {}},
      {"report title with case on the next line",
       "Dudley Safeguarding People Partnership\n\nMULTI AGENCY CHILD "
       "SAFEGUARDING REPORT\n\nChild T\n\nWorking Together 2018 applies to "
       "this table top review of events in May 2019 and July 2020 when Child "
       "T- age 8 was at home." +
           body,
       meta("Multi Agency Child Safeguarding Report: Child T",
            "multi-agency-review", "Dudley Safeguarding People Partnership",
            "England", 2020, 0, "Child T", "8"),
       {"month"}},
      {"digest has no single case",
       "Lessons Learned Research Digest\n\nIssue 4 - October 2021\n\n"
       "Welcome to the Darlington Safeguarding Partnership digest of Child "
       "Safeguarding Practice Reviews about Child A and Child B, Child A "
       "aged 3." +
           body,
       meta("Lessons Learned Research Digest Issue 4", "research-digest",
            "Darlington Safeguarding Partnership", "England", 2021, 10, "", ""),
       {"case_name", "child_age"}},
      {"scotland",
       "Significant Case Review\n\nGlasgow Child Protection "
       "Committee" +
           body,
       meta("", "", "", "Scotland", 0, 0, "", ""),
       {}},
      {"northern ireland",
       "Case Management Review\n\nSBNI report" + body,
       meta("", "", "", "Northern Ireland", 0, 0, "", ""),
       {}},
      {"no evidence of nation or date",
       "A review of a case.\n\nNothing says where or when." + body,
       meta("", "", "", "", 0, 0, "", ""),
       {"nation", "type", "partnership", "case_name", "child_age"}},
      {"adult age is not a child age",
       "Safeguarding Adults Review\n\nThe man, aged 34 years, lived alone." +
           body,
       meta("Safeguarding Adults Review", "safeguarding-adults-review", "", "",
            0, 0, "", ""),
       {"child_age"}},
      {"hyphenated age",
       "Review of an 11-week-old baby's injuries." + body,
       meta("", "", "", "", 0, 0, "", "11 weeks"),
       {}},
      {"age in words",
       "Child C was aged two years." + body,
       meta("", "", "", "", 0, 0, "Child C", "2 years"),
       {}},
      {"council publisher when no partnership",
       "Report to the Sunderland City Council cabinet." + body,
       meta("", "", "Sunderland City Council", "", 0, 0, "", ""),
       {}},
  };
  for (const MetaCase& c : cases) {
    SECTION(c.name) {
      const Metadata m = extract_metadata(c.text);
      const Metadata& e = c.expected;
      check_field("title", m.title, e.title, c.check_empty);
      check_field("type", m.type, e.type, c.check_empty);
      check_field("partnership", m.partnership, e.partnership, c.check_empty);
      check_field("nation", m.nation, e.nation, c.check_empty);
      check_field("case_name", m.case_name, e.case_name, c.check_empty);
      check_field("child_age", m.child_age, e.child_age, c.check_empty);
      if (e.year) CHECK(m.year == e.year);
      if (e.month ||
          std::count(c.check_empty.begin(), c.check_empty.end(), "month")) {
        CHECK(m.month == e.month);
      }
    }
  }
}

TEST_CASE("a date stated only in passing gives the year, marked as such",
          "[metadata]") {
  const Metadata m = extract_metadata(
      "Report\n\nEvents between May 2019 and July 2020 were reviewed in full "
      "by the panel members who met several times in that period.");
  CHECK(m.year == 2020);
  CHECK(m.month == 0);
  CHECK(m.extra.at("date_basis") == "latest date in text");
}

TEST_CASE("coroner's report header", "[metadata]") {
  const std::string header =
      "Reference: 2020-0001\nDate: 2020-05-06\nCoroner: A. Person\n"
      "Area: Gwent\nSent to: Chief Executive, Some Trust\n"
      "URL: https://www.judiciary.uk/prevention-of-future-death-reports/"
      "jane-doe-2/\n\nINVESTIGATION AND INQUEST\n\nOn 1 May 2019 I commenced "
      "an investigation into the death of Jane Doe aged 16.";
  const Metadata m = extract_metadata(header);
  CHECK(m.type == "prevention-of-future-deaths-report");
  CHECK(m.year == 2020);
  CHECK(m.month == 5);
  CHECK(m.partnership == "Gwent");
  CHECK(m.nation == "Wales");
  CHECK(m.title == "Prevention of future deaths report: Jane Doe");
  CHECK(m.case_name == "Jane Doe");
  CHECK(m.child_age == "16");
  CHECK(m.extra.at("reference") == "2020-0001");
  CHECK(m.extra.at("coroner") == "A. Person");
  CHECK(m.extra.at("area") == "Gwent");
  CHECK(m.extra.at("sent_to") == "Chief Executive, Some Trust");
  CHECK(m.extra.at("url").rfind("https://", 0) == 0);

  SECTION("no usable name or reference") {
    const Metadata n = extract_metadata(
        "Reference: (none in source)\nDate: 2016-08-11\nCoroner: B. C\n"
        "Area: Norfolk\nURL: https://example.org/reports/2016-0001-"
        "prevention-of-future-deaths-report/\n\nText.");
    CHECK(n.title == "Prevention of future deaths report");
    CHECK(n.nation == "England");
    CHECK(n.extra.count("reference") == 0);
  }
}

TEST_CASE("an HTML title is the title", "[metadata]") {
  const Metadata m = extract_metadata("SERIOUS CASE REVIEW\n\nText.",
                                      {{"title", "From HTML"}});
  CHECK(m.title == "From HTML");
}

TEST_CASE("a file's properties title is the title only when the text has none",
          "[metadata]") {
  const std::string untitled =
      "Some text without a title line runs on here for a while.";
  CHECK(extract_metadata(untitled, {{"properties_title", " Rapid Review: K "}})
            .title == "Rapid Review: K");
  CHECK(extract_metadata("Serious Case Review in respect of Child D\n\n" + untitled,
                         {{"properties_title", "Overview report v3"}})
            .title == "Serious Case Review in respect of Child D");
  for (const char* junk : {"Microsoft Word - Child D.docx", "draft.doc",
                           "Untitled", "Title", "12345", "ab"}) {
    CAPTURE(junk);
    CHECK(extract_metadata(untitled, {{"properties_title", junk}}).title == "");
  }
}

TEST_CASE("a file's creation date and author from its properties",
          "[metadata]") {
  const std::string body =
      "Review\n\nEvents between May 2019 and July 2020 were reviewed in "
      "full by the panel members who met several times in that period.";
  const std::map<std::string, std::string> props = {
      {"date", "2021-03-04"}, {"author", "Northshire Safeguarding Partnership"}};
  // No dated line opens the text: the creation date beats the latest date
  // the text mentions.
  const Metadata m = extract_metadata(body, props);
  CHECK(m.year == 2021);
  CHECK(m.month == 3);
  CHECK(m.extra.at("date_basis") == "document properties");
  CHECK(m.extra.at("author") == "Northshire Safeguarding Partnership");
  // A dated line near the top beats the file's date.
  const Metadata dated =
      extract_metadata("Child D\n\nVersion 1 October 2019\n\n" + body, props);
  CHECK(dated.year == 2019);
  CHECK(dated.month == 10);
  CHECK(dated.extra.count("date_basis") == 0);
  // A date that is not one is ignored.
  const Metadata junk = extract_metadata(body, {{"date", "soon"}});
  CHECK(junk.year == 2020);
  CHECK(junk.extra.at("date_basis") == "latest date in text");
}

TEST_CASE("apply_sidecar overrides and adds fields", "[metadata]") {
  Metadata m = extract_metadata("Serious Case Review\n\nText.");
  REQUIRE(apply_sidecar(R"({"title": "T", "type": "rapid-review",
      "partnership": "P", "nation": "Wales", "year": 2021, "month": 4,
      "case_name": "Child Z", "child_age": 7, "custom": "x"})",
                        "d/a.meta.json", &m)
              .ok());
  CHECK(m.title == "T");
  CHECK(m.type == "rapid-review");
  CHECK(m.partnership == "P");
  CHECK(m.nation == "Wales");
  CHECK(m.year == 2021);
  CHECK(m.month == 4);
  CHECK(m.case_name == "Child Z");
  CHECK(m.child_age == "7");
  CHECK(m.extra.at("custom") == "x");
  const std::vector<std::string> overridden = {
      "title", "type",      "partnership", "nation", "year",
      "month", "case_name", "child_age",   "custom"};
  CHECK(m.overridden == overridden);

  REQUIRE(apply_sidecar(R"({"date": "2019-03-15"})", "d/a.meta.json", &m).ok());
  CHECK(m.year == 2019);
  CHECK(m.month == 3);
  CHECK(m.extra.at("date") == "2019-03-15");
  REQUIRE(apply_sidecar(R"({"date": "2018"})", "d/a.meta.json", &m).ok());
  CHECK(m.year == 2018);
  CHECK(m.month == 0);
}

TEST_CASE("apply_sidecar rejects bad sidecars and names the field",
          "[metadata]") {
  struct Bad {
    std::string json;
    std::string fragment;
  };
  const std::vector<Bad> cases = {
      {"{\"year\": [2021]}", "field \"year\" must be an integer"},
      {"{\"year\": \"2021\"}", "field \"year\" must be an integer"},
      {"{\"year\": 3000}", "field \"year\" is out of range"},
      {"{\"month\": 13}", "field \"month\" must be 1..12"},
      {"{\"title\": 5}", "field \"title\" must be a string"},
      {"{\"custom\": {\"a\": 1}}", "field \"custom\" must be a string"},
      {"{\"type\": \"novel\"}", "field \"type\" is not a known review type"},
      {"{\"date\": \"March 2021\"}", "field \"date\" must be a date"},
      {"{\"date\": \"2021-13\"}", "field \"date\" must be a date"},
      {"{\"title\": \"x\",}", "invalid JSON at offset"},
      {"[1, 2]", "not a JSON object"},
      {"", "invalid JSON"},
  };
  for (const Bad& c : cases) {
    CAPTURE(c.json);
    Metadata m;
    m.title = "kept";
    const Status s = apply_sidecar(c.json, "dir/a.meta.json", &m);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().kind == ErrorKind::kInput);
    CHECK(s.error().message.rfind("dir/a.meta.json: ", 0) == 0);
    CHECK_THAT(s.error().message, Catch::Contains(c.fragment));
    CHECK(m.title == "kept");
    CHECK(m.overridden.empty());
  }
}

}  // namespace
}  // namespace caselens::corpus
