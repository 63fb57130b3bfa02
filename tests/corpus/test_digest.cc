// The digest splitter (corpus/digest.h) on small synthetic digests, one per
// defect of text converted from PDF.  All names are made up.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "corpus/digest.h"
#include "corpus/load.h"

namespace caselens::corpus {
namespace {

const std::string kTitle =
    "## **Lessons Learned Research Digest**\n\nIssue 2 - March 2022\n\n"
    "Welcome to the second edition of the Exampleshire Safeguarding "
    "Partnership Research Digest bulletin.\n\n";

const std::string kNationalHeader =
    "CASE\tKEY ISSUES\tLEARNING & RECOMMENDATIONS\n";

Document bulletin() {
  Document b;
  b.path = "/digests/exampleshire-digest-2.txt";
  b.format = "txt";
  b.meta.type = "research-digest";
  b.meta.nation = "England";
  return b;
}

std::vector<Document> split(const std::string& raw) {
  return split_digest(raw, bulletin());
}

std::string extra(const Document& d, const std::string& key) {
  const auto it = d.meta.extra.find(key);
  return it == d.meta.extra.end() ? "" : it->second;
}

// The passages of a section, as text.
std::vector<std::string> section(const Document& d,
                                 const std::string& heading) {
  std::vector<std::string> out;
  for (std::size_t s = 0; s < d.sections.size(); ++s) {
    if (d.sections[s].heading != heading) continue;
    for (const Passage& p : d.passages) {
      if (p.section == s)
        out.push_back(d.text.substr(p.begin, p.end - p.begin));
    }
  }
  return out;
}

std::vector<std::string> headings(const Document& d) {
  std::vector<std::string> out;
  for (const Section& s : d.sections) out.push_back(s.heading);
  return out;
}

// The Document contract for every entry: sections in order and covering
// the text, passages inside their section, list items "- ".
void check_entry(const Document& e) {
  CHECK(e.meta.type == "digest-entry");
  REQUIRE_FALSE(e.sections.empty());
  CHECK(e.sections.front().heading == "Case");
  std::size_t passages = 0;
  for (std::size_t s = 0; s < e.sections.size(); ++s) {
    const Section& sec = e.sections[s];
    CHECK(e.text.compare(sec.begin, sec.heading.size(), sec.heading) == 0);
    CHECK(sec.end <= e.text.size());
    CHECK(sec.first_passage == passages);
    passages += sec.passage_count;
  }
  CHECK(passages == e.passages.size());
  for (const Passage& p : e.passages) {
    REQUIRE(p.section < e.sections.size());
    CHECK(p.begin < p.end);
    CHECK(p.begin >= e.sections[p.section].begin);
    CHECK(p.end <= e.sections[p.section].end);
    const std::string text = e.text.substr(p.begin, p.end - p.begin);
    CHECK(p.list_item == (text.rfind("- ", 0) == 0));
    CHECK(text.find('<') == std::string::npos);
    CHECK(text.find('\t') == std::string::npos);
  }
}

TEST_CASE("digest: a clean national table gives one entry per row",
          "[digest]") {
  const std::string raw =
      kTitle + "## **National Learning - Children**\n\nNEGLECT\t\t\n" +
      kNationalHeader +
      "Feb 2022 - Exampleton City Council - Baby Q Neglect of a 9-month-old "
      "baby in 2020.\tBaby Q was often not brought to appointments. Read full "
      "overview (PDF)\tLearning:\n"
      "\t\t- workers should record missed appointments;\n"
      "\t\tRecommendations:\n"
      "\t\t- audit the use of the neglect toolkit.\n"
      "Mar 2022 - Rivermouth Borough Council - 'Kestrel' Neglect of a "
      "teenager over several years.\tKestrel lived with his "
      "father.\tLearning:\n";
  REQUIRE(is_research_digest(raw, bulletin().meta));
  const std::vector<Document> entries = split(raw);
  REQUIRE(entries.size() == 2);
  for (const Document& e : entries) check_entry(e);

  const Document& q = entries[0];
  CHECK(q.meta.year == 2022);
  CHECK(q.meta.month == 2);
  CHECK(q.meta.partnership == "Exampleton City Council");
  CHECK(q.meta.case_name == "Baby Q");
  CHECK(q.meta.title == "Baby Q (Exampleton City Council)");
  CHECK(q.meta.child_age == "9 months");
  CHECK(q.meta.nation == "England");
  CHECK(extra(q, "bulletin") == "exampleshire-digest-2");
  CHECK(extra(q, "entry") == "01");
  CHECK(extra(q, "digest_section") == "national-children");
  CHECK(extra(q, "category") == "neglect");
  CHECK(extra(q, "category_basis") == "heading");
  CHECK(extra(q, "summary") == "Neglect of a 9-month-old baby in 2020.");
  CHECK(extra(q, "link_text") == "Read full overview (PDF)");
  CHECK(headings(q) == std::vector<std::string>{"Case", "Key issues",
                                                "Learning", "Recommendations"});
  CHECK(section(q, "Case") ==
        std::vector<std::string>{"Feb 2022 - Exampleton City Council - Baby Q",
                                 "Neglect of a 9-month-old baby in 2020."});
  CHECK(
      section(q, "Learning") ==
      std::vector<std::string>{"- workers should record missed appointments;"});
  CHECK(section(q, "Recommendations") ==
        std::vector<std::string>{"- audit the use of the neglect toolkit."});

  CHECK(entries[1].meta.case_name == "Kestrel");
  CHECK(entries[1].meta.partnership == "Rivermouth Borough Council");
  CHECK(extra(entries[1], "entry") == "02");
}

TEST_CASE("digest: case lines are read into date, publisher, case and summary",
          "[digest]") {
  struct Row {
    std::string case_cell;
    int year, month;
    std::string partnership, name, summary;
  };
  const std::vector<Row> rows = {
      {"Feb 2022 - Exampleton City Council - Baby Q Serious head injury to "
       "Baby Q.",
       2022, 2, "Exampleton City Council", "Baby Q",
       "Serious head injury to Baby Q."},
      {"Mar 2022 - Northvale City Council Serious injury to a baby.", 2022, 3,
       "Northvale City Council", "", "Serious injury to a baby."},
      {"Apr 2022 - Eastport Council Baby Rowan", 2022, 4, "Eastport Council",
       "Baby Rowan", ""},
      {"Jul 2022 - London Borough of Weir upon Avon Death of two brothers in "
       "2019.",
       2022, 7, "London Borough of Weir upon Avon", "",
       "Death of two brothers in 2019."},
      {"Mar 2022 - - Metropolitan Borough of Hillford Child Z Death of a baby.",
       2022, 3, "Metropolitan Borough of Hillford", "Child Z",
       "Death of a baby."},
      {"Sept 2022 - Lowmoor Safeguarding Adults Board - 'Owen' Owen died in "
       "2020.",
       2022, 9, "Lowmoor Safeguarding Adults Board", "Owen",
       "Owen died in 2020."},
      {"Sept 2022 -Highmoor Safeguarding Adults Board Ann, Bea & Cy During May "
       "2019, "
       "a review was commissioned.",
       2022, 9, "Highmoor Safeguarding Adults Board", "Ann, Bea & Cy",
       "During May 2019, a review was commissioned."},
      {"Mar 2022 - Greyhaven Council - Tom and Ray Death at home of Tom.", 2022,
       3, "Greyhaven Council", "Tom and Ray", "Death at home of Tom."},
      {"Apr 2022 - Unnamed LA - Anonymous Family Chronic neglect of siblings.",
       2022, 4, "Unnamed LA", "Anonymous Family",
       "Chronic neglect of siblings."},
      {"2022 Westbay Safeguarding Children Partnership - 'Ash' Ash was "
       "stabbed.",
       2022, 0, "Westbay Safeguarding Children Partnership", "Ash",
       "Ash was stabbed."},
      {"May 2022 Southdown Children's Safeguarding Board Family K Following a "
       "call, "
       "police attended.",
       2022, 5, "Southdown Children's Safeguarding Board", "Family K",
       "Following a call, police attended."},
      {"Aug 2022 - Lakeside Council - Children M&N Serious injuries to two "
       "children.",
       2022, 8, "Lakeside Council", "Children M&N",
       "Serious injuries to two children."},
      {"Jun 2022 - Upton Council - Wren Unexpected death of Wren, aged 14.",
       2022, 6, "Upton Council", "Wren", "Unexpected death of Wren, aged 14."},
  };
  for (const Row& row : rows) {
    CAPTURE(row.case_cell);
    const std::vector<Document> entries =
        split(kTitle + "NEGLECT\t\t\n" + kNationalHeader + row.case_cell +
              "\tKey issue.\t\n");
    REQUIRE(entries.size() == 1);
    const Metadata& m = entries[0].meta;
    CHECK(m.year == row.year);
    CHECK(m.month == row.month);
    CHECK(m.partnership == row.partnership);
    CHECK(m.case_name == row.name);
    CHECK(extra(entries[0], "summary") ==
          (row.summary.empty() ? "Key issue." : row.summary));
  }
}

TEST_CASE("digest: HTML list fragments are stripped, one item per <li>",
          "[digest]") {
  const std::string raw =
      kTitle + "PHYSICAL AND EMOTIONAL ABUSE\t\t\n" + kNationalHeader +
      "Jan 2022 - Exampleton City Council - Child V Injuries to a 3-month-old "
      "girl.\t<ul> <li>Child V was seen at A&amp;E twice.</li> <li>Father was "
      "convicted.</li> <li><u>Read review online (PDF)</u></li> </ul>\t<ul> "
      "<li>Learning:</li> <li>injuries in non-mobile babies need a "
      "paediatric opinion;</li> <li>Findings include: <ul> <li>records were "
      "not "
      "shared.</li> </ul> </li> <li><b>Recommendations:</b> <ul> <li>train "
      "staff on bruising;</li></ul></li></ul>\n";
  const std::vector<Document> entries = split(raw);
  REQUIRE(entries.size() == 1);
  const Document& e = entries[0];
  check_entry(e);
  CHECK(section(e, "Key issues") ==
        std::vector<std::string>{"- Child V was seen at A&E twice.",
                                 "- Father was convicted."});
  CHECK(section(e, "Learning") ==
        std::vector<std::string>{
            "- injuries in non-mobile babies need a paediatric opinion;",
            "- Findings include:", "- records were not shared."});
  CHECK(section(e, "Recommendations") ==
        std::vector<std::string>{"- train staff on bruising;"});
  CHECK(extra(e, "link_text") == "Read review online (PDF)");
  CHECK(e.text.find("<") == std::string::npos);
  CHECK(e.text.find("&amp;") == std::string::npos);
  // What normalisation removes (NUL, zero-width space) cannot hide a tag
  // from the splitter and reveal it in the entry's text (found by fuzzing).
  const std::vector<Document> hidden =
      split(kTitle + "NEGLECT\t\t\n" + kNationalHeader +
            "Feb 2022 - Upton Council - Baby W Neglect of a baby.\t<" +
            std::string(1, '\0') +
            "li>Baby W was cold.</li>\t<\u200Bli>share records.</li>\n");
  REQUIRE(hidden.size() == 1);
  check_entry(hidden[0]);
  CHECK(hidden[0].text.find('<') == std::string::npos);
  // Items run together without their tags are cut apart.
  const std::vector<Document> glued = split(
      kTitle + "HOMICIDE\t\t\n" + kNationalHeader +
      "May 2022 - Upton Council - Baby W Death of a baby.\tRead full overview "
      "(PDF)Father was charged.Mother was 18 years old.\t\n");
  REQUIRE(glued.size() == 1);
  CHECK(section(glued[0], "Key issues") ==
        std::vector<std::string>{"Father was charged.",
                                 "Mother was 18 years old."});
  CHECK(extra(glued[0], "link_text") == "Read full overview (PDF)");
}

TEST_CASE("digest: interleaved columns are reassembled", "[digest]") {
  SECTION("a case cell across lines") {
    const std::vector<Document> entries = split(
        kTitle + "NEGLECT\t\t\n" + kNationalHeader +
        "Jul 2022 - Greyhaven Metropolitan Borough\tRB was born early to "
        "young\tLearning:\n"
        "Council - RB\tparents.\t<ul><li>share records;</li></ul>\n"
        "Neglect of a 6-month-old baby in 2019.\tFather was convicted.\t\n");
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].meta.partnership ==
          "Greyhaven Metropolitan Borough Council");
    CHECK(entries[0].meta.case_name == "RB");
    CHECK(extra(entries[0], "summary") ==
          "Neglect of a 6-month-old baby in 2019.");
    CHECK(section(entries[0], "Key issues") ==
          std::vector<std::string>{"RB was born early to young parents.",
                                   "Father was convicted."});
  }
  SECTION("lines that lost their leading tab go back to the open column") {
    const std::vector<Document> entries =
        split(kTitle + "HOMICIDE\t\t\n" + kNationalHeader +
              "2022 Westbay Safeguarding Children Partnership - 'Ash' Ash was "
              "a 16-year-old "
              "boy who died having been stabbed.\tPolice found Ash in a park. "
              "A 15-\t\n"
              "\n"
              "year-old boy was arrested and at the time was\t\n"
              "missing from care.\t\n"
              "He was found not guilty.\t\n"
              "Read full overview (PDF)\t\n");
    REQUIRE(entries.size() == 1);
    const Document& e = entries[0];
    check_entry(e);
    CHECK(extra(e, "summary") ==
          "Ash was a 16-year-old boy who died having been stabbed.");
    CHECK(section(e, "Key issues") ==
          std::vector<std::string>{"Police found Ash in a park. A 15-year-old "
                                   "boy was arrested and at the "
                                   "time was missing from care.",
                                   "He was found not guilty."});
    CHECK(extra(e, "link_text") == "Read full overview (PDF)");
  }
  SECTION("a row of cells shifted one column left") {
    const std::vector<Document> entries = split(
        kTitle + "NEGLECT\t\t\n" + kNationalHeader +
        "Jul 2022 - Upton Council - Ivy\tIvy lived with her\tLearning:\n"
        "Neglect of a 2-year-old girl.\tmother. There were referrals to "
        "social\t<ul>"
        "<li>records were incomplete;</li></ul>\n"
        "care about the home. <u>Read full overview (PDF)</u>\t<ul><li>visits "
        "were "
        "missed.</li><li>Recommendations:</li><li>audit visits.</li></ul>\n");
    REQUIRE(entries.size() == 1);
    const Document& e = entries[0];
    CHECK(extra(e, "summary") == "Neglect of a 2-year-old girl.");
    CHECK(section(e, "Key issues") ==
          std::vector<std::string>{"Ivy lived with her mother. There were "
                                   "referrals to social care about the home."});
    CHECK(section(e, "Learning") ==
          std::vector<std::string>{"- records were incomplete;",
                                   "- visits were missed."});
    CHECK(section(e, "Recommendations") ==
          std::vector<std::string>{"- audit visits."});
  }
}

TEST_CASE("digest: split rows are joined, carried cells go back to their row",
          "[digest]") {
  const std::vector<Document> entries = split(
      kTitle + "NEGLECT\t\t\n" + kNationalHeader +
      // A bullet split over two lines, and a row left open at its end.
      "May 2022 - Upton Council - Child P Neglect of a disabled child.\tChild "
      "P "
      "missed appointments.\t<ul> <li>Learning:</li> <li>practice with "
      "disabled "
      "children should make sure they</li> </ul>\n"
      "\t\t<ul> <li>are seen and heard;</li> <li>supervision helps, "
      "particularly when</li> </ul>\n"
      // The next row's first learning cell carries on the open list and
      // brings the recommendations the previous row lacks.
      "Jun 2022 - Greyhaven Council - Child S Neglect of a baby.\tChild S was "
      "underweight.\t<ul> <li>cases are complex.</li> "
      "<li>Recommendations:</li> "
      "<li>audit attendance.</li> <li>Learning:</li> <li>weigh babies at every "
      "visit.</li> </ul>\n");
  REQUIRE(entries.size() == 2);
  const Document& p = entries[0];
  const Document& s = entries[1];
  CHECK(section(p, "Learning") ==
        std::vector<std::string>{
            "- practice with disabled children should make sure they are seen "
            "and heard;",
            "- supervision helps, particularly when cases are complex."});
  CHECK(section(p, "Recommendations") ==
        std::vector<std::string>{"- audit attendance."});
  CHECK(section(s, "Learning") ==
        std::vector<std::string>{"- weigh babies at every visit."});
  CHECK(section(s, "Recommendations").empty());
}

TEST_CASE("digest: repeated rows become one entry", "[digest]") {
  SECTION("a row written twice, the first copy misspelt and cut short") {
    const std::vector<Document> entries = split(
        kTitle + "NEGLECT\t\t\n" + kNationalHeader +
        "Apr 2022 - Unnamed LA - Anonymous Family Chronic neglect of five "
        "siblings.\t"
        "Parents were convicted.\t<ul> <li>Learning:</li> <li>records were "
        "lost.</li> </ul>\n"
        "May 2022 - Bramwich Council - Hazel\tIn 2016, before Hazcl's 16th "
        "birthday, "
        "Hazel\t<ul> <li>Recommendations are provided under these themes:</li> "
        "<li>information sharing.</li> </ul>\n"
        "May 2022 - Bramwick Council - Hazel Neglect of an adolescent girl\tIn "
        "2016, "
        "before Hazel's 17th birthday, Hazel told a teacher about home.\t<ul> "
        "<li>Findings:</li> <li>her voice was not heard;</li> </ul>\n");
    REQUIRE(entries.size() == 2);
    const Document& hazel = entries[1];
    CHECK(hazel.meta.partnership == "Bramwick Council");
    CHECK(hazel.meta.case_name == "Hazel");
    CHECK(extra(hazel, "summary") == "Neglect of an adolescent girl");
    CHECK(section(hazel, "Key issues") ==
          std::vector<std::string>{"In 2016, before Hazel's 17th birthday, "
                                   "Hazel told a teacher about home."});
    CHECK(section(hazel, "Learning") ==
          std::vector<std::string>{"- her voice was not heard;"});
    // The first copy's learning cell carried the previous row's
    // recommendations.
    CHECK(section(entries[0], "Recommendations") ==
          std::vector<std::string>{
              "- Recommendations are provided under these themes:",
              "- information sharing."});
  }
  SECTION("a case line and a key issue repeated") {
    const std::vector<Document> entries =
        split(kTitle + "NEGLECT\t\t\n" + kNationalHeader +
              "Mar 2022 - Northvale City Council Serious neglect of a baby "
              "in\tThe baby was "
              "adopted.\t\n"
              "June 2021, resulting in harm\tFamily was known to many agemcies "
              "including\t\n"
              "June 2021, resulting in lasting harm.\tFamily was known to many "
              "agencies, "
              "including the police.\t\n"
              "Mar 2022 - Northvale City Council - Child Y Neglect of a "
              "boy.\tFather left "
              "in 2019. Father left in "
              "2019.\t<ul><li>Learning:</li><li>bullying;</li>"
              "<li>burying,</li><li>share records.</li></ul>\n");
    REQUIRE(entries.size() == 2);
    CHECK(extra(entries[0], "summary") ==
          "Serious neglect of a baby in June 2021, resulting in lasting harm.");
    CHECK(section(entries[0], "Key issues") ==
          std::vector<std::string>{
              "The baby was adopted.",
              "Family was known to many agencies, including the police."});
    CHECK(section(entries[1], "Learning") ==
          std::vector<std::string>{"- bullying;", "- share records."});
    CHECK(entries[1].meta.case_name == "Child Y");
  }
}

TEST_CASE(
    "digest: a lost category heading is inferred from position and content",
    "[digest]") {
  const std::string raw =
      kTitle +
      "## **National Learning - Children**\n\n"
      "NEGLECT\t\t\n" +
      kNationalHeader +
      "Feb 2022 - Upton Council - Child N Neglect of a 4-year-old boy.\tHome "
      "conditions were poor.\t\n"
      "\n" +
      kNationalHeader +  // CHILD DEATHS lost: a header row alone
      "Mar 2022 - Greyhaven Council - Baby D Death of a 2-month-old "
      "baby.\tBaby D "
      "died while co-sleeping.\t\n"
      "Apr 2022 - Eastport Council - Child F Death of a 12-year-old "
      "girl.\tChild F "
      "was found dead at home; the cause of death was unknown.\t\n"
      // SEXUAL ABUSE lost with its header row.
      "Mar 2022 - Lakeside Council - Child G Sexual abuse of a 10-year-old "
      "girl.\t"
      "Child G was sexually abused by a neighbour; the neighbour was convicted "
      "of "
      "rape.\t\n"
      "May 2022 - Upton Council - Child H Sexual assault of a boy.\tChild H "
      "was "
      "sexually assaulted by a coach.\t\n"
      "BEHAVIOURAL/MENTAL HEALTH CONCERNS\t\t\n" +
      kNationalHeader + "HOMICIDE\t\t\n" + kNationalHeader +
      "Jun 2022 - Westbay Council - Child K Death of a 15-year-old boy who was "
      "stabbed.\tA man was convicted of murder.\t\n";
  const std::vector<Document> entries = split(raw);
  REQUIRE(entries.size() == 6);
  struct Expected {
    std::string name, category, basis;
  };
  const std::vector<Expected> expected = {
      {"Child N", "neglect", "heading"},
      {"Baby D", "child-deaths", "position and content"},
      {"Child F", "child-deaths", "position and content"},
      {"Child G", "sexual-abuse", "position and content"},
      {"Child H", "sexual-abuse", "position and content"},
      {"Child K", "homicide", "heading"},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(entries[i].meta.case_name == expected[i].name);
    CHECK(extra(entries[i], "category") == expected[i].category);
    CHECK(extra(entries[i], "category_basis") == expected[i].basis);
  }
  // A table with its heading and no lost heading after it keeps its
  // category, whatever its rows' content.
  const std::vector<Document> kept = split(
      kTitle + "HOMICIDE\t\t\n" + kNationalHeader +
      "Jun 2022 - Westbay Council - Child K Death of a boy who was stabbed.\tA "
      "man "
      "was convicted of murder.\t\n"
      "Jul 2022 - Eastport Council - Child L Death of a 17-year-old linked to "
      "county lines exploitation.\tChild L was stabbed.\t\n");
  REQUIRE(kept.size() == 2);
  CHECK(extra(kept[1], "category") == "homicide");
}

TEST_CASE("digest: a regional table's rows and their categories", "[digest]") {
  const std::string raw =
      kTitle +
      "CASE\tLEARNING\nExampleshire Safeguarding Partnership\tThere have been "
      "no reviews published in March 2021.\n\n"
      "## **Regional Learning**\n\nCASE\tREPORT\t\n"
      "March 2022\tPractice Review;\t\n"
      "Northvale Safeguarding Children Partnership Child J\tThis review "
      "examined the "
      "care of Child J. Child J's father assaulted him and he was injured.\t\n"
      "\tRead full overview (PDF)\t\n"
      "April 2022\tSerious Case Review;\t\n"
      "Northvale Safeguarding Children Partnership - 'Robin'\tRobin was two "
      "months "
      "old at the time of his death; he died after co-sleeping.\t\n"
      "\tRead full overview (PDF)\t\n"
      "May 2022 Practice Review;\t\t\n"
      "Lowmoor Safeguarding Children Partnership - Kite\tThis review "
      "considered the "
      "sexual abuse of a girl by her stepfather.\t\n"
      "February 2022\tSafeguarding Adult Review (SAR):\t\n"
      "Lowmoor Safeguarding Adults Board - 'Ada'\t'Ada' was a woman of 40 who "
      "lived "
      "alone.\t\n";
  const std::vector<Document> entries = split(raw);
  REQUIRE(entries.size() == 4);  // the local "no reviews" row is no entry
  struct Expected {
    int month;
    std::string partnership, name, category, review_type;
  };
  const std::vector<Expected> expected = {
      {3, "Northvale Safeguarding Children Partnership", "Child J",
       "physical-emotional-abuse", "Practice Review"},
      {4, "Northvale Safeguarding Children Partnership", "Robin",
       "child-deaths", "Serious Case Review"},
      {5, "Lowmoor Safeguarding Children Partnership", "Kite", "sexual-abuse",
       "Practice Review"},
      {2, "Lowmoor Safeguarding Adults Board", "Ada", "adults",
       "Safeguarding Adult Review (SAR)"},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    const Document& e = entries[i];
    check_entry(e);
    CHECK(e.meta.month == expected[i].month);
    CHECK(e.meta.partnership == expected[i].partnership);
    CHECK(e.meta.case_name == expected[i].name);
    CHECK(extra(e, "category") == expected[i].category);
    CHECK(extra(e, "category_basis") == "content");
    CHECK(extra(e, "review_type") == expected[i].review_type);
    CHECK(extra(e, "digest_section") == "regional");
  }
  CHECK(extra(entries[0], "summary") ==
        "This review examined the care of Child J.");
  CHECK(extra(entries[0], "link_text") == "Read full overview (PDF)");
  // The account is under Case, after the case line: the row has no key
  // issues column.
  CHECK(section(entries[1], "Case") ==
        std::vector<std::string>{
            "April 2022 - Northvale Safeguarding Children Partnership - Robin",
            "Robin was two months old at the time of his death; he died after "
            "co-sleeping."});
  CHECK(section(entries[1], "Key issues").empty());
}

TEST_CASE("digest: an adults table, its header run into the first row",
          "[digest]") {
  const std::string raw =
      kTitle +
      "## National Learning - Adults\n\n"
      "ADULT - BEHAVIOURAL/MENTAL HEALTH CONCERNS\t\t\n"
      "CASE Sept 2022 -Highmoor Safeguarding Adults Board Ann, Bea & Cy During "
      "May "
      "2019, the board commissioned a review.\tKEY ISSUES The three adults had "
      "learning disabilities. Read full overview here\t<ul> <li>LEARNING &amp; "
      "RECOMMENDATIONS</li> <li>the trauma of transition</li> <li>mental "
      "capacity</li> </ul>\n"
      "Sept 2022 - Lowmoor Safeguarding Adults Board - 'Owen' Owen took his "
      "own life "
      "in 2020.\tOwen had a long history of drug use.\t<ul> <li>Key learning "
      "points:</li> <li>better understanding of disguised compliance</li> "
      "</ul>\n";
  const std::vector<Document> entries = split(raw);
  REQUIRE(entries.size() == 2);
  for (const Document& e : entries) {
    check_entry(e);
    CHECK(extra(e, "category") == "adults");
    CHECK(extra(e, "digest_section") == "national-adults");
  }
  CHECK(entries[0].meta.case_name == "Ann, Bea & Cy");
  CHECK(entries[0].meta.month == 9);
  CHECK(
      section(entries[0], "Key issues") ==
      std::vector<std::string>{"The three adults had learning disabilities."});
  // Two list items of one cell stay two bullets.
  CHECK(section(entries[0], "Learning") ==
        std::vector<std::string>{"- the trauma of transition",
                                 "- mental capacity"});
  CHECK(extra(entries[0], "link_text") == "Read full overview here");
  CHECK(entries[1].meta.case_name == "Owen");
}

TEST_CASE("digest: a thematic review row", "[digest]") {
  const std::vector<Document> entries =
      split(kTitle +
            "THEME\tLEARNING\n"
            "Safeguarding babies from\tThe Panel's review of babies harmed by\n"
            "shaking\tmale carers, with non-accidental injury.\n"
            "\tRead full report here\n\n"
            "## National Reviews (undertaken by the Child Safeguarding "
            "Practice Review Panel)\n");
  REQUIRE(entries.size() == 1);
  const Document& e = entries[0];
  check_entry(e);
  CHECK(e.meta.case_name == "Safeguarding babies from shaking");
  CHECK(e.meta.partnership == "Child Safeguarding Practice Review Panel");
  CHECK(e.meta.year == 0);
  CHECK(extra(e, "digest_section") == "thematic-national");
  CHECK(extra(e, "category") == "physical-emotional-abuse");
  CHECK(extra(e, "link_text") == "Read full report here");
  CHECK(section(e, "Learning") ==
        std::vector<std::string>{"- The Panel's review of babies harmed by "
                                 "male carers, with non-accidental "
                                 "injury."});
}

TEST_CASE("digest: cells separated by \" | \" (PDF and DOCX tables)",
          "[digest]") {
  const std::vector<Document> entries = split(
      kTitle + "NEGLECT\n" +
      "CASE | KEY ISSUES | LEARNING & RECOMMENDATIONS\n" +
      "Feb 2022 - Exampleton City Council - Baby Q Neglect of a baby. | Baby Q "
      "was not brought to clinics. | Learning:\n");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].meta.case_name == "Baby Q");
  CHECK(section(entries[0], "Key issues") ==
        std::vector<std::string>{"Baby Q was not brought to clinics."});
}

TEST_CASE("digest: nothing outside a case row becomes an entry", "[digest]") {
  const std::vector<std::string> inputs = {
      // No table header: not a digest's tables.
      kTitle +
          "Feb 2022 - Exampleton City Council - Baby Q Neglect of a baby.\n",
      // Dates in running text and in continuation lines.
      kTitle + "NEGLECT\t\t\n" + kNationalHeader +
          "In March 2022 we published a report.\tIt covers 2021.\t\n"
          "November 2015, resulting in harm.\t\t\n"
          "September 2020 at the hospital\t\t\n",
      "",
      "\t\t\n\n\t",
      kNationalHeader + kNationalHeader,
  };
  for (const std::string& raw : inputs) {
    CAPTURE(raw);
    CHECK(split(raw).empty());
  }
  Metadata digest;
  digest.type = "research-digest";
  CHECK_FALSE(is_research_digest(inputs[0], digest));
  Metadata review;
  review.type = "serious-case-review";
  CHECK_FALSE(is_research_digest(kTitle + kNationalHeader, review));
}

TEST_CASE("digest: load_document fills the bulletin's entries",
          "[digest][load]") {
  const std::string raw =
      "Lessons Learned Research Digest\n\nIssue 2 - March 2022\n\n"
      "Exampleshire Safeguarding Partnership\n\n"
      "NEGLECT\t\t\n" +
      kNationalHeader +
      "Feb 2022 - Exampleton City Council - Baby Q Neglect of a baby.\t<ul> "
      "<li>Baby Q was not brought to clinics.</li> "
      "</ul>\t<ul><li>Learning:</li>"
      "<li>follow up missed visits.</li></ul>\n";
  Result<Document> doc =
      load_document_bytes(raw, "/digests/Example Digest 2.txt");
  REQUIRE(doc);
  CHECK(doc->meta.type == "research-digest");
  REQUIRE(doc->entries.size() == 1);
  const Document& e = doc->entries[0];
  CHECK(e.path == "/digests/Example Digest 2.txt");
  CHECK(extra(e, "bulletin") == "example-digest-2");
  CHECK(section(e, "Key issues") ==
        std::vector<std::string>{"- Baby Q was not brought to clinics."});
  CHECK(section(e, "Learning") ==
        std::vector<std::string>{"- follow up missed visits."});
  // The bulletin itself is read as before.
  CHECK_FALSE(doc->passages.empty());
  Result<Document> review = load_document_bytes(
      "Serious Case Review: Child A\n\nChild A lived with her mother.\n",
      "/r/a.txt");
  REQUIRE(review);
  CHECK(review->entries.empty());
}

}  // namespace
}  // namespace caselens::corpus
