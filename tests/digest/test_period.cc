// Periods: parsing --from/--to/--quarter and which publication dates fall
// in a period.
#include <catch2/catch.hpp>
#include <string>

#include "digest/period.h"

namespace {

using caselens::digest::describe;
using caselens::digest::in_period;
using caselens::digest::month_after;
using caselens::digest::parse_period;
using caselens::digest::Period;

Period period(const std::string& from, const std::string& to, const std::string& quarter = "") {
  auto p = parse_period(from, to, quarter);
  INFO((p.ok() ? "" : p.error().message));
  REQUIRE(p.ok());
  return *p;
}

TEST_CASE("parse_period: months and quarters", "[digest][period]") {
  const Period q = period("", "", "2021Q3");
  CHECK(q.from.year == 2021);
  CHECK(q.from.month == 7);
  CHECK(q.to.month == 9);
  CHECK(q.quarter == "2021Q3");
  CHECK(period("", "", "2020q1").to.month == 3);
  const Period p = period("2021-02", "2022-01");
  CHECK(p.from.month == 2);
  CHECK(p.to.year == 2022);
  CHECK(p.quarter.empty());
}

TEST_CASE("parse_period: bad values are usage errors naming the option", "[digest][period]") {
  struct Row {
    const char* from;
    const char* to;
    const char* quarter;
    const char* says;
  };
  const Row rows[] = {
      {"2021-13", "2021-12", "", "--from '2021-13'"},
      {"2021", "2021-12", "", "--from '2021'"},
      {"2021-01", "21-12", "", "--to '21-12'"},
      {"2021-06", "2021-05", "", "is after --to"},
      {"", "", "2021Q5", "--quarter '2021Q5'"},
      {"", "", "Q3", "--quarter 'Q3'"},
      {"2021-01", "", "2021Q1", "cannot be combined"},
      {"", "", "", "give the period"},
      {"2021-01", "", "", "give the period"},
  };
  for (const auto& r : rows) {
    INFO(r.from << " " << r.to << " " << r.quarter);
    auto p = parse_period(r.from, r.to, r.quarter);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().kind == caselens::ErrorKind::kUsage);
    CHECK_THAT(p.error().message, Catch::Contains(r.says));
  }
}

TEST_CASE("in_period: months inclusive, a bare year only when the whole year is in",
          "[digest][period]") {
  const Period q3 = period("", "", "2021Q3");
  const Period year = period("2021-01", "2021-12");
  const Period span = period("2020-11", "2022-02");
  struct Row {
    const Period* p;
    int year;
    int month;
    bool in;
  };
  const Row rows[] = {
      {&q3, 2021, 7, true},   {&q3, 2021, 9, true},    {&q3, 2021, 6, false},
      {&q3, 2021, 10, false}, {&q3, 2020, 8, false},   {&q3, 2021, 0, false},
      {&year, 2021, 0, true}, {&year, 2020, 0, false}, {&year, 2021, 12, true},
      {&span, 2021, 0, true}, {&span, 2020, 0, false}, {&span, 2022, 0, false},
      {&span, 2020, 11, true}, {&span, 2022, 2, true}, {&span, 2022, 3, false},
      {&year, 0, 0, false},   {&q3, 0, 8, false},
  };
  for (const auto& r : rows) {
    INFO(r.year << "-" << r.month << " in " << describe(*r.p));
    CHECK(in_period(*r.p, r.year, r.month) == r.in);
  }
}

TEST_CASE("describe and month_after", "[digest][period]") {
  CHECK(describe(period("", "", "2021Q3")) == "July to September 2021");
  CHECK(describe(period("2021-02", "2022-01")) == "February 2021 to January 2022");
  CHECK(describe(period("2021-03", "2021-03")) == "March 2021");
  CHECK(month_after(period("", "", "2021Q3")).month == 10);
  CHECK(month_after(period("", "", "2021Q4")).year == 2022);
  CHECK(month_after(period("", "", "2021Q4")).month == 1);
}

}  // namespace
