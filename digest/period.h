// The period a bulletin covers: whole months from --from to --to, or a
// quarter ("2021Q3" = July to September 2021).
#ifndef CASELENS_DIGEST_PERIOD_H_
#define CASELENS_DIGEST_PERIOD_H_

#include <string>

#include "corpus/error.h"

namespace caselens::digest {

struct YearMonth {
  int year = 0;
  int month = 0;  // 1..12
  bool operator==(const YearMonth&) const = default;
  auto operator<=>(const YearMonth&) const = default;
};

struct Period {
  YearMonth from;
  YearMonth to;           // inclusive
  std::string quarter;    // "2021Q3" when given as a quarter, else ""
};

// From "YYYY-MM" bounds, or a quarter "YYYYQn" (n 1..4).  Give either the
// quarter or both bounds.  Errors (kUsage) name the option: a malformed
// value, --from after --to, a quarter together with --from/--to, or
// neither.
Result<Period> parse_period(const std::string& from, const std::string& to,
                            const std::string& quarter);

// Whether a review published in `year`/`month` (0 when the month is not
// known) falls in the period.  A review known only by its year is in the
// period when the whole year is (a year half inside is not "exactly the
// period"); an undated review (year 0) never is.
bool in_period(const Period& period, int year, int month);

// "Jul 2021", "September 2021": English month names.
std::string month_abbreviation(int month);  // "Jan" ... "Dec", "" for 0
std::string month_name(int month);          // "January" ... "December"

// "July to September 2021", "February 2021 to January 2022", "March 2021".
std::string describe(const Period& period);

// The month after the period: when a bulletin for it is issued.
YearMonth month_after(const Period& period);

}  // namespace caselens::digest

#endif  // CASELENS_DIGEST_PERIOD_H_
