#include "digest/period.h"

#include <array>
#include <cctype>

namespace caselens::digest {
namespace {

constexpr std::array<const char*, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

bool digits(const std::string& s, std::size_t from, std::size_t n) {
  if (s.size() < from + n) return false;
  for (std::size_t i = from; i < from + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool parse_year_month(const std::string& s, YearMonth* out) {
  if (s.size() != 7 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2)) return false;
  out->year = std::stoi(s.substr(0, 4));
  out->month = std::stoi(s.substr(5, 2));
  return out->year >= 1900 && out->year <= 2099 && out->month >= 1 && out->month <= 12;
}

}  // namespace

Result<Period> parse_period(const std::string& from, const std::string& to,
                            const std::string& quarter) {
  Period p;
  if (!quarter.empty()) {
    if (!from.empty() || !to.empty()) {
      return Error{ErrorKind::kUsage, "--quarter cannot be combined with --from or --to"};
    }
    const bool ok = quarter.size() == 6 && digits(quarter, 0, 4) &&
                    (quarter[4] == 'Q' || quarter[4] == 'q') && quarter[5] >= '1' &&
                    quarter[5] <= '4';
    const int year = ok ? std::stoi(quarter.substr(0, 4)) : 0;
    if (!ok || year < 1900 || year > 2099) {
      return Error{ErrorKind::kUsage, "--quarter '" + quarter + "': expected YYYYQ1..YYYYQ4"};
    }
    const int q = quarter[5] - '0';
    p.from = {year, 3 * q - 2};
    p.to = {year, 3 * q};
    p.quarter = quarter.substr(0, 4) + "Q" + quarter.substr(5);
    return p;
  }
  if (from.empty() || to.empty()) {
    return Error{ErrorKind::kUsage, "give the period: --from YYYY-MM and --to YYYY-MM, or --quarter YYYYQn"};
  }
  if (!parse_year_month(from, &p.from)) {
    return Error{ErrorKind::kUsage, "--from '" + from + "': expected YYYY-MM"};
  }
  if (!parse_year_month(to, &p.to)) {
    return Error{ErrorKind::kUsage, "--to '" + to + "': expected YYYY-MM"};
  }
  if (p.to < p.from) {
    return Error{ErrorKind::kUsage, "--from " + from + " is after --to " + to};
  }
  return p;
}

bool in_period(const Period& period, int year, int month) {
  if (year <= 0) return false;
  if (month >= 1 && month <= 12) {
    const YearMonth at{year, month};
    return period.from <= at && at <= period.to;
  }
  return period.from <= YearMonth{year, 1} && YearMonth{year, 12} <= period.to;
}

std::string month_name(int month) {
  return month >= 1 && month <= 12 ? kMonths[month - 1] : "";
}

std::string month_abbreviation(int month) { return month_name(month).substr(0, 3); }

std::string describe(const Period& p) {
  const auto one = [](const YearMonth& m) { return month_name(m.month) + " " + std::to_string(m.year); };
  if (p.from == p.to) return one(p.from);
  if (p.from.year == p.to.year) {
    return month_name(p.from.month) + " to " + one(p.to);
  }
  return one(p.from) + " to " + one(p.to);
}

YearMonth month_after(const Period& p) {
  return p.to.month == 12 ? YearMonth{p.to.year + 1, 1} : YearMonth{p.to.year, p.to.month + 1};
}

}  // namespace caselens::digest
