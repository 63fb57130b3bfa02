// Reading a research digest end to end: the real Darlington digest in
// ../shared/corpus (read at run time), indexed by the real binary into a
// real on-disk index, its entries read back with `show` and `search`.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "tests/cli/cli_helpers.h"

namespace {

namespace fs = std::filesystem;
using caselens::testing::expect_exit;
using caselens::testing::parse_json;
using caselens::testing::ProcessResult;
using caselens::testing::TempDir;

const fs::path kDigest =
    fs::path(CASELENS_SHARED_DIR) / "corpus" /
    "darlington-lessons-learned-digest-issue-4-2021-10.txt";
const std::string kBulletin =
    "darlington-lessons-learned-digest-issue-4-2021-10";

struct DigestIndex {
  TempDir dir;
  std::string db;
  DigestIndex() : db((dir / "db").string()) {
    expect_exit(0, {"index", kDigest.string(), "--db", db});
  }
};

const DigestIndex& digest_index() {
  static DigestIndex index;
  return index;
}

// One case of the digest, as it states it: publication month ("YYYY-MM",
// "YYYY" when only the year is given, "" when none), publisher, case name
// ("" when the row names none), and its table's category (for rows with no
// table heading, the category their content gives).  Read from the digest
// by hand, in digest order.
struct Case {
  std::string date, partnership, name, category;
};

const std::vector<Case>& expected_cases() {
  static const std::vector<Case> kCases = {
      // Regional learning (no table headings: by content).
      {"2021-03",
       "Hartlepool & Stockton on Tees Safeguarding Children Partnership",
       "Child T", "physical-emotional-abuse"},
      {"2021-03",
       "Hartlepool & Stockton on Tees Safeguarding Children Partnership",
       "Emma", "child-deaths"},
      {"2021-04", "South Tees Safeguarding Children Partnership", "Liam",
       "physical-emotional-abuse"},
      {"2021-05", "South Tees Safeguarding Children Partnership", "Daniel",
       "physical-emotional-abuse"},
      {"2021-05", "South Tees Safeguarding Children Partnership", "Fred",
       "behavioural-mental-health"},
      {"2021-05", "South Tees Safeguarding Children Partnership", "Kingfisher",
       "neglect"},
      {"2021-05", "Newcastle Safeguarding Children Partnership", "Laura",
       "sexual-abuse"},
      {"2021-02", "North Yorkshire Safeguarding Adults Board", "Anne",
       "adults"},
      {"2021-08", "Sunderland Safeguarding Adults Board", "Alan", "adults"},
      // Thematic / national review (undated in the digest).
      {"", "Child Safeguarding Practice Review Panel",
       "Safeguarding children under 1 year old from non-accidental injury "
       "caused by male "
       "carers",
       "physical-emotional-abuse"},
      // PHYSICAL AND EMOTIONAL ABUSE
      {"2021-02", "Hull City Council", "Baby B", "physical-emotional-abuse"},
      {"2021-02", "Sutton Council", "Child O", "physical-emotional-abuse"},
      {"2021-03", "Birmingham City Council", "", "physical-emotional-abuse"},
      {"2021-04", "City & Hackney London Borough Council", "Child A",
       "physical-emotional-abuse"},
      {"2021-05", "Plymouth City Council", "Baby F",
       "physical-emotional-abuse"},
      {"2021-06", "Sefton Council", "Beatrice", "physical-emotional-abuse"},
      {"2021-06", "Warwickshire County Council", "Child K",
       "physical-emotional-abuse"},
      {"2021-07", "Bradford City Council", "Emily", "physical-emotional-abuse"},
      {"2021-07", "Nottingham City Council", "Child R",
       "physical-emotional-abuse"},
      {"2021-07", "Unnamed LA", "PS", "physical-emotional-abuse"},
      {"2021-07", "Sandwell Metropolitan Borough Council", "JS",
       "physical-emotional-abuse"},
      {"2021-08", "Dudley Metropolitan Borough Council", "Children Q&R",
       "physical-emotional-abuse"},
      {"2021-06", "London Borough of Merton Council", "Jason",
       "physical-emotional-abuse"},
      // NEGLECT
      {"2021-05", "City & Hackney London Borough Council", "Child B",
       "neglect"},
      {"2021-06", "London Borough of Bexley Council", "Child O", "neglect"},
      {"2021-08", "Wandsworth Borough Council", "Child A", "neglect"},
      // CHILD DEATHS (heading lost)
      {"2021-02", "Metropolitan Borough of Dudley", "Child A", "child-deaths"},
      {"2021-03", "Thurrock Council", "Sam and Kyle", "child-deaths"},
      {"2021-03", "Metropolitan Borough of Dudley", "Child L", "child-deaths"},
      {"2021-03", "Nottinghamshire County Council", "Child RN19",
       "child-deaths"},
      {"2021-04", "Medway Council", "Baby Harris", "child-deaths"},
      {"2021-04", "Oxfordshire County Council", "Jacob", "child-deaths"},
      {"2021-04", "Unnamed LA", "Child E", "child-deaths"},
      {"2021-04", "Portsmouth City Council", "Child H", "child-deaths"},
      {"2021-04", "Wandsworth Borough Council", "Frankie", "child-deaths"},
      {"2021-05", "Blackburn with Darwen Borough Council", "Child CD",
       "child-deaths"},
      {"2021-05", "Sandwell Metropolitan Borough Council", "Child NS",
       "child-deaths"},
      {"2021-06", "Rochdale Borough Council", "Child A1", "child-deaths"},
      {"2021-06", "Surrey County Council", "Baby KK", "child-deaths"},
      {"2021-06", "Surrey County Council", "Baby LL", "child-deaths"},
      {"2021-07", "Wakefield Council", "Jason", "child-deaths"},
      {"2021-07", "Surrey County Council", "Child A", "child-deaths"},
      {"2021-08", "City & Hackney London Borough Council", "Child I",
       "child-deaths"},
      {"2021-08", "Thurrock Council", "Leo", "child-deaths"},
      {"2021-08", "Cornwall and Isle of Scilly Councils", "Child C",
       "child-deaths"},
      {"2021-08", "London Borough of Waltham Forest Council", "Khalsa",
       "child-deaths"},
      {"2021-05", "Borough A and Borough B", "Child E", "child-deaths"},
      // SEXUAL ABUSE (heading lost)
      {"2021-03", "Dudley", "Child D", "sexual-abuse"},
      {"2021-03", "St Helens Borough Council", "Child B", "sexual-abuse"},
      {"2021-04", "Unnamed LA", "Anonymous Family", "sexual-abuse"},
      {"2021-05", "Medway Council", "Faith", "sexual-abuse"},
      {"2021-06", "Unnamed LA", "Anonymous Victims", "sexual-abuse"},
      {"2021-07", "Surrey County Council", "Child G", "sexual-abuse"},
      {"2021-08", "Richmond upon Thames Council",
       "Keeping Children Safe in Schools", "sexual-abuse"},
      {"2021-08", "Surrey County Council", "3 children; HH, II and JJ",
       "sexual-abuse"},
      {"2021-05", "Wiltshire Children's Safeguarding Board", "Family N",
       "sexual-abuse"},
      // BEHAVIOURAL/MENTAL HEALTH CONCERNS: no rows.  HOMICIDE
      {"2021-02", "City & Hackney London Borough Council", "Child C",
       "homicide"},
      {"2021-02", "Thurrock Council", "Frankie", "homicide"},
      {"2021-04", "Medway Council", "George", "homicide"},
      {"2021-05", "London Borough of Merton Council", "Child D", "homicide"},
      {"2021-05", "Plymouth City Council", "Baby G", "homicide"},
      {"2021-06", "London Borough of Ealing Council", "James", "homicide"},
      {"2021-07", "London Borough of Richard upon Thames", "", "homicide"},
      {"2021", "Southampton Safeguarding Children Partnership", "Liam",
       "homicide"},
      // National learning - adults
      {"2021-09", "Norfolk Safeguarding Adults Board", "Joanna, Jon & Ben",
       "adults"},
      {"2021-09", "Salford Safeguarding Adults Board", "Matthew", "adults"},
      {"2021-07", "Salford Safeguarding Adults Board", "Kannu", "adults"},
  };
  return kCases;
}

struct Entry {
  std::string id, date, partnership, name, category;
  rapidjson::Document record;
};

std::string describe(const std::string& date, const std::string& partnership,
                     const std::string& name, const std::string& category) {
  return "[" + date + " | " + partnership + " | " + name + " | " + category +
         "]";
}

std::vector<Entry> entries() {
  const DigestIndex& index = digest_index();
  const auto list =
      parse_json(expect_exit(0, {"search", "--type", "digest-entry", "--limit",
                                 "1000", "--db", index.db, "--json"}));
  std::set<std::string> ids;
  for (const auto& r : list["results"].GetArray())
    ids.insert(r["id"].GetString());
  std::vector<Entry> out;
  for (const std::string& id : ids) {
    Entry e;
    e.id = id;
    e.record =
        parse_json(expect_exit(0, {"show", id, "--db", index.db, "--json"}));
    e.date = e.record["date"].GetString();
    e.partnership = e.record["partnership"].GetString();
    e.name = e.record["case_name"].GetString();
    const auto& extra = e.record["extra"];
    e.category =
        extra.HasMember("category") ? extra["category"].GetString() : "";
    out.push_back(std::move(e));
  }
  return out;
}

TEST_CASE("digest: the Darlington digest's 67 cases come out as entries",
          "[cli][digest-read][e2e]") {
  const std::vector<Case>& expected = expected_cases();
  REQUIRE(expected.size() == 67);
  const std::vector<Entry> got = entries();
  // Ids in digest order: <bulletin>-entry-NN.
  for (std::size_t i = 0; i < got.size(); ++i) {
    char nn[24];
    std::snprintf(nn, sizeof nn, "%02zu", i + 1);
    CHECK(got[i].id == kBulletin + "-entry-" + nn);
  }

  // An entry is the case's when it has the case's date and name (or, for a
  // row naming no case, its publisher); correct when publisher and category
  // agree too.  An entry that is no case's is invented.
  std::vector<bool> used(got.size(), false);
  std::size_t correct = 0;
  std::vector<std::string> mismatches;
  for (const Case& c : expected) {
    std::size_t found = got.size();
    for (std::size_t k = 0; k < got.size() && found == got.size(); ++k) {
      const bool same_case =
          got[k].date == c.date &&
          (c.name.empty()
               ? got[k].name.empty() && got[k].partnership == c.partnership
               : got[k].name == c.name);
      if (!used[k] && same_case) found = k;
    }
    if (found == got.size()) {
      mismatches.push_back("missing " +
                           describe(c.date, c.partnership, c.name, c.category));
      continue;
    }
    used[found] = true;
    const Entry& e = got[found];
    if (e.partnership == c.partnership && e.category == c.category) {
      ++correct;
    } else {
      mismatches.push_back(e.id + ": expected " +
                           describe(c.date, c.partnership, c.name, c.category) +
                           ", got " +
                           describe(e.date, e.partnership, e.name, e.category));
    }
  }
  std::vector<std::string> invented;
  for (std::size_t k = 0; k < got.size(); ++k) {
    if (!used[k]) {
      invented.push_back(got[k].id + " " +
                         describe(got[k].date, got[k].partnership, got[k].name,
                                  got[k].category));
    }
  }
  for (const std::string& m : mismatches) WARN("digest entry mismatch: " << m);
  for (const std::string& m : invented) WARN("digest entry invented: " << m);
  WARN("digest entries correct: " << correct << " of " << expected.size());
  CHECK(correct >= 64);
  CHECK(invented.empty());
  CHECK(got.size() <= expected.size());

  // Every entry has the contract's fields; a link where the row gives one
  // (two homicide rows give none).
  std::size_t with_link = 0;
  for (const Entry& e : got) {
    INFO(e.id);
    const auto& r = e.record;
    CHECK(std::string(r["type"].GetString()) == "digest-entry");
    const auto& extra = r["extra"];
    CHECK(std::string(extra["bulletin"].GetString()) == kBulletin);
    for (const char* key : {"digest_section", "category", "summary"}) {
      INFO(key);
      REQUIRE(extra.HasMember(key));
    }
    with_link += extra.HasMember("link_text");
    CHECK_FALSE(std::string(extra["summary"].GetString()).empty());
    std::set<std::string> headings;
    for (const auto& s : r["sections"].GetArray())
      headings.insert(s["heading"].GetString());
    CHECK(headings.count("Case") == 1);
    for (const std::string& h : headings) {
      CHECK((h == "Case" || h == "Key issues" || h == "Learning" ||
             h == "Recommendations"));
    }
  }
  CHECK(with_link == got.size() - 2);
}

TEST_CASE("digest: entries are found by search --type and carry themes",
          "[cli][digest-read][e2e]") {
  const DigestIndex& index = digest_index();
  const auto json =
      parse_json(expect_exit(0, {"search", "--type", "digest-entry",
                                 "safe sleep", "--db", index.db, "--json"}));
  CHECK(json["total"].GetUint64() >= 2);
  std::set<std::string> found;
  for (const auto& r : json["results"].GetArray()) {
    CHECK(std::string(r["type"].GetString()) == "digest-entry");
    CHECK(std::string(r["id"].GetString()).rfind(kBulletin + "-entry-", 0) ==
          0);
    found.insert(r["case_name"].GetString());
  }
  CHECK(found.count("Baby Harris") == 1);  // "safer sleep messages"
  CHECK(found.count("Jason") == 1);        // "safe sleeping procedures"

  // Themes, as for reviews: most entries have some; the co-sleeping deaths
  // have the sudden infant death theme.
  const auto tagged = parse_json(expect_exit(
      0, {"search", "--type", "digest-entry", "--theme", "sudden_infant_death",
          "--limit", "100", "--db", index.db, "--json"}));
  std::set<std::string> sudi;
  for (const auto& r : tagged["results"].GetArray())
    sudi.insert(r["case_name"].GetString());
  CHECK(sudi.count("Baby Harris") == 1);
  const auto all =
      parse_json(expect_exit(0, {"search", "--type", "digest-entry", "--limit",
                                 "100", "--db", index.db, "--json"}));
  std::size_t with_themes = 0;
  for (const auto& r : all["results"].GetArray())
    with_themes += r["themes"].Size() > 0;
  CHECK(with_themes * 10 >= all["results"].Size() * 9);
}

TEST_CASE("digest: show prints an entry's digest fields",
          "[cli][digest-read][e2e]") {
  const DigestIndex& index = digest_index();
  const std::string id = kBulletin + "-entry-11";
  const ProcessResult text = expect_exit(0, {"show", id, "--db", index.db});
  for (const std::string& line : std::vector<std::string>{
           "type:        digest-entry", "case:        Baby B",
           "partnership: Hull City Council", "date:        2021-02",
           "bulletin:    " + kBulletin, "digest_section: national-children",
           "category:    physical-emotional-abuse",
           "link_text:   Read full overview (PDF)",
           "summary:     Serious non-accidental head injury and bite marks to "
           "Baby B."}) {
    CHECK_THAT(text.out, Catch::Contains(line));
  }
  CHECK_THAT(text.out, Catch::Contains("Key issues"));
  CHECK_THAT(text.out, Catch::Contains("Recommendations"));
  // The bulletin is still a review of its own.
  const auto bulletin = parse_json(
      expect_exit(0, {"show", kBulletin, "--db", index.db, "--json"}));
  CHECK(std::string(bulletin["type"].GetString()) == "research-digest");
}

}  // namespace
