// Dates and Reg. 1182/71 periods: the examples of PRODUCT.md and docs/language.md, the French
// calendar of the FLEXIS policy, and day-by-day checks against naive implementations written
// here independently of engine/dates.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/dates/date.hpp"

using namespace gavel::dates;
using gavel::syntax::PeriodUnit;

namespace Catch {
template <>
struct StringMaker<Date> {
  static std::string convert(Date d) { return in_range(d) ? to_string(d) : "Date{" + std::to_string(d.days) + "}"; }
};
template <>
struct StringMaker<YearMonthDay> {
  static std::string convert(const YearMonthDay& x) {
    return std::to_string(x.year) + "-" + std::to_string(x.month) + "-" + std::to_string(x.day);
  }
};
}  // namespace Catch

namespace {

Date D(std::string_view text) {
  const auto d = parse_date(text);
  REQUIRE(d.has_value());
  return *d;
}

std::string S(Date d) { return to_string(d); }
std::string S(std::optional<Date> d) { return d ? to_string(*d) : "out of range"; }

// ---- naive references, sharing no code with engine/dates ----------------------------

bool naive_leap(int y) {
  if (y % 400 == 0) return true;
  if (y % 100 == 0) return false;
  return y % 4 == 0;
}

int naive_month_length(int y, int m) {
  switch (m) {
    case 4: case 6: case 9: case 11: return 30;
    case 2: return naive_leap(y) ? 29 : 28;
    default: return 31;
  }
}

struct Civil {
  int y, m, d;
  void next() {
    if (++d > naive_month_length(y, m)) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
};

// Steps through calendar months one by one, then clamps to the month's end.
Civil naive_add_months(Civil start, int months) {
  int y = start.y, m = start.m;
  for (int i = 0; i < months; ++i) {
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  const int last = naive_month_length(y, m);
  return Civil{y, m, start.d < last ? start.d : last};
}

// Gauss's Easter algorithm, with its two exceptions: a different route from Meeus's.
Civil gauss_easter(int year) {
  const int a = year % 19, b = year % 4, c = year % 7;
  const int k = year / 100;
  const int p = (13 + 8 * k) / 25;
  const int q = k / 4;
  const int M = (15 - p + k - q) % 30;
  const int N = (4 + k - q) % 7;
  const int d = (19 * a + M) % 30;
  const int e = (2 * b + 4 * c + 6 * d + N) % 7;
  if (d == 29 && e == 6) return {year, 4, 19};
  if (d == 28 && e == 6 && (11 * M + 11) % 30 < 19) return {year, 4, 18};
  if (22 + d + e <= 31) return {year, 3, 22 + d + e};
  return {year, 4, d + e - 9};
}

std::string naive_format(const Civil& c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

// The FLEXIS controller's calendar: France.
gavel::syntax::Calendar french_syntax_calendar() {
  gavel::syntax::Calendar cal;
  cal.name.text = "france";
  const auto fixed = [&](const char* name, int day, int month) {
    gavel::syntax::Holiday h;
    h.name.value = name;
    h.kind = gavel::syntax::Holiday::Kind::fixed;
    h.day = day;
    h.month = month;
    cal.holidays.push_back(h);
  };
  const auto easter = [&](const char* name, int offset) {
    gavel::syntax::Holiday h;
    h.name.value = name;
    h.kind = gavel::syntax::Holiday::Kind::easter_relative;
    h.easter_offset = offset;
    cal.holidays.push_back(h);
  };
  fixed("New Year's Day", 1, 1);
  easter("Easter Monday", 1);
  fixed("Labour Day", 1, 5);
  fixed("Victory in Europe Day", 8, 5);
  easter("Ascension Day", 39);
  easter("Whit Monday", 50);
  fixed("Bastille Day", 14, 7);
  fixed("Assumption", 15, 8);
  fixed("All Saints' Day", 1, 11);
  fixed("Armistice Day", 11, 11);
  fixed("Christmas Day", 25, 12);
  return cal;
}

const HolidayCalendar& france() {
  static const HolidayCalendar calendar(french_syntax_calendar());
  return calendar;
}

// The same holidays, checked naively for one civil day.
bool naive_french_holiday(const Civil& c) {
  static const std::array<std::pair<int, int>, 8> fixed = {
      {{1, 1}, {1, 5}, {8, 5}, {14, 7}, {15, 8}, {1, 11}, {11, 11}, {25, 12}}};
  for (const auto& [d, m] : fixed)
    if (c.d == d && c.m == m) return true;
  Civil e = gauss_easter(c.y);
  for (int offset = 0; offset <= 50; ++offset, e.next()) {
    if ((offset == 1 || offset == 39 || offset == 50) && e.y == c.y && e.m == c.m && e.d == c.d) return true;
  }
  return false;
}

// Reports the first few mismatches of an exhaustive loop without an assertion per day.
struct Mismatches {
  int count = 0;
  long checks = 0;
  template <class F>
  void check(bool ok, F&& describe) {
    ++checks;
    if (ok) return;
    if (++count <= 10) FAIL_CHECK(describe());
  }
};

}  // namespace

// ---- compile-time -----------------------------------------------------------------------

static_assert(sizeof(Date) == 4);
static_assert(from_ymd(1970, 1, 1).days == 0);
static_assert(from_ymd(2000, 3, 1).days == 11017);
static_assert(from_ymd(1969, 12, 31).days == -1);
static_assert(to_ymd(Date{0}) == YearMonthDay{1970, 1, 1});
static_assert(from_ymd(to_ymd(Date{-25567})) == Date{-25567});
static_assert(weekday(from_ymd(1970, 1, 1)) == 4);
static_assert(weekday(from_ymd(2026, 9, 5)) == 6);
static_assert(min_date == from_ymd(1900, 1, 1) && max_date == from_ymd(2999, 12, 31));
static_assert(parse_date("2024-02-29") == from_ymd(2024, 2, 29));
static_assert(!parse_date("2025-02-29"));
static_assert(add_period(from_ymd(2024, 2, 29), 1, PeriodUnit::year) == from_ymd(2025, 2, 28));
static_assert(easter_sunday(2026) == from_ymd(2026, 4, 5));

// ---- the examples of PRODUCT.md -----------------------------------------------------------

TEST_CASE("retention: kept through the end day, over from the next", "[dates][product]") {
  const Date kept_through = add_period(D("2023-03-15"), 3, PeriodUnit::year);
  CHECK(S(kept_through) == "2026-03-15");
  CHECK(S(Date{kept_through.days + 1}) == "2026-03-16");
  CHECK(S(add_period(D("2024-02-29"), 1, PeriodUnit::year)) == "2025-02-28");
}

TEST_CASE("answer deadline received 2026-08-05", "[dates][product]") {
  const Date received = D("2026-08-05");
  CHECK(S(add_period(received, 1, PeriodUnit::month)) == "2026-09-05");
  CHECK(weekday(D("2026-09-05")) == 6);
  CHECK(S(deadline(received, 1, PeriodUnit::month, france())) == "2026-09-07");
  CHECK(S(deadline(received, 1, PeriodUnit::month)) == "2026-09-07");
  // 1 month + the 2-month extension = 3 months from receipt.
  CHECK(S(deadline(received, 3, PeriodUnit::month, france())) == "2026-11-05");
}

TEST_CASE("answer deadline received 2026-01-31", "[dates][product]") {
  const Date received = D("2026-01-31");
  CHECK(S(add_period(received, 1, PeriodUnit::month)) == "2026-02-28");
  CHECK(weekday(D("2026-02-28")) == 6);
  CHECK(S(deadline(received, 1, PeriodUnit::month, france())) == "2026-03-02");
  CHECK(S(deadline(received, 1, PeriodUnit::month, nullptr)) == "2026-03-02");
  CHECK(S(add_period(received, 3, PeriodUnit::month)) == "2026-04-30");
  CHECK(weekday(D("2026-04-30")) == 4);
  CHECK(S(deadline(received, 3, PeriodUnit::month, france())) == "2026-04-30");
}

TEST_CASE("periods of days, weeks, months and years", "[dates][period]") {
  CHECK(S(add_period(D("2026-01-31"), 1, PeriodUnit::month)) == "2026-02-28");
  CHECK(S(add_period(D("2024-01-31"), 1, PeriodUnit::month)) == "2024-02-29");
  CHECK(S(add_period(D("2026-03-31"), 1, PeriodUnit::month)) == "2026-04-30");
  CHECK(S(add_period(D("2026-12-15"), 1, PeriodUnit::month)) == "2027-01-15");
  CHECK(S(add_period(D("2026-12-31"), 2, PeriodUnit::month)) == "2027-02-28");
  CHECK(S(add_period(D("2026-05-10"), 0, PeriodUnit::month)) == "2026-05-10");
  CHECK(S(add_period(D("2026-12-28"), 5, PeriodUnit::day)) == "2027-01-02");
  CHECK(S(add_period(D("2024-02-28"), 1, PeriodUnit::day)) == "2024-02-29");
  CHECK(S(add_period(D("2026-02-26"), 2, PeriodUnit::week)) == "2026-03-12");
  CHECK(S(add_period(D("2000-02-29"), 100, PeriodUnit::year)) == "2100-02-28");
  CHECK(S(add_period(D("2000-02-29"), 4, PeriodUnit::year)) == "2004-02-29");
  CHECK(S(add_period(D("2026-03-31"), -1, PeriodUnit::month)) == "2026-02-28");
}

TEST_CASE("a period that ends outside the range has no end day", "[dates][period]") {
  CHECK_FALSE(period_end(D("2999-12-01"), 31, PeriodUnit::day));
  CHECK(S(period_end(D("2999-12-01"), 30, PeriodUnit::day)) == "2999-12-31");
  CHECK_FALSE(period_end(D("2999-12-01"), 1, PeriodUnit::month));
  CHECK(S(period_end(D("2999-11-30"), 1, PeriodUnit::month)) == "2999-12-30");
  CHECK_FALSE(period_end(D("2990-06-15"), 20, PeriodUnit::year));
  CHECK(S(period_end(D("2989-12-31"), 10, PeriodUnit::year)) == "2999-12-31");
  CHECK_FALSE(period_end(D("2999-12-25"), 1, PeriodUnit::week));
  CHECK(S(period_end(D("2999-12-24"), 1, PeriodUnit::week)) == "2999-12-31");
  CHECK_FALSE(period_end(D("2026-01-01"), 2147483647, PeriodUnit::year));
  CHECK_FALSE(period_end(D("2026-01-01"), 2147483647, PeriodUnit::week));
  CHECK_FALSE(period_end(D("2026-01-01"), 2147483647, PeriodUnit::day));
  CHECK_FALSE(period_end(D("2026-01-01"), INT64_MAX, PeriodUnit::week));
  CHECK_FALSE(period_end(D("2026-01-01"), INT64_MIN, PeriodUnit::month));
  CHECK_FALSE(period_end(D("1900-01-10"), -1, PeriodUnit::month));
  CHECK_FALSE(period_end(Date{max_date.days + 1}, 0, PeriodUnit::day));  // a start out of range
  // The saturating form is for tools only; it never stands for a result.
  CHECK(add_period(D("2999-12-01"), 31, PeriodUnit::day) == max_date);
  CHECK(add_period(D("1900-01-10"), -1, PeriodUnit::month) == min_date);
  CHECK(add_days(D("2026-01-01"), INT64_MAX) == max_date);
}

TEST_CASE("a deadline after 2999-12-31 is out of range, never that day", "[dates][deadline]") {
  // Was reported as 2999-12-31: the answer to a request of 2999-12-15 is due 2000-01-15.
  CHECK_FALSE(deadline(D("2999-12-15"), 1, PeriodUnit::month, france()));
  CHECK_FALSE(deadline(D("2999-12-15"), 1, PeriodUnit::month));
  CHECK(S(deadline(D("2999-11-29"), 1, PeriodUnit::month, france())) == "2999-12-30");  // a Monday
  CHECK_FALSE(deadline(max_date, 1, PeriodUnit::day, france()));
  CHECK(S(deadline(max_date, 0, PeriodUnit::day, france())) == "2999-12-31");  // a Tuesday
  // The last day a holiday: no working day follows it within the range.
  const FixedHoliday eve[] = {{31, 12, "New Year's Eve"}};
  const HolidayCalendar closing(eve, {});
  CHECK_FALSE(closing.next_working_day(max_date));
  CHECK_FALSE(deadline(D("2999-12-30"), 1, PeriodUnit::day, closing));  // was 2999-12-31, the holiday itself
  CHECK(S(deadline(D("2999-12-30"), 1, PeriodUnit::day)) == "2999-12-31");
  CHECK(S(deadline(D("2999-11-29"), 1, PeriodUnit::month, closing)) == "2999-12-30");
  CHECK_FALSE(closing.next_working_day(Date{max_date.days + 1}));
  CHECK_FALSE(closing.next_working_day(Date{min_date.days - 1}));
}

TEST_CASE("a date just outside the range is written as what it is", "[dates][format]") {
  CHECK(S(Date{min_date.days - 1}) == "1899-12-31");
  CHECK(S(Date{max_date.days + 1}) == "3000-01-01");
}

// ---- parsing and formatting ---------------------------------------------------------------

TEST_CASE("parse_date is strict", "[dates][parse]") {
  CHECK(parse_date("2024-02-29"));
  CHECK(parse_date("1900-01-01") == min_date);
  CHECK(parse_date("2999-12-31") == max_date);
  const std::string_view rejected[] = {
           "2026-2-01", "2026-02-30", "20260201", "2026-13-01", "2026-00-10", "1899-12-31", "3000-01-01", "",
           "2026-02-01x", "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x96-02-01",  // ２０２６-02-01
           "2025-02-29", "2026-02-00", "2026-04-31", "2026/02/01", " 2026-02-01", "2026-02-01 ", "+026-02-01",
           "-026-02-01", "2026-0a-01", "2026-02-1 ", "2026--2-01", "0000-01-01", "9999-12-31",
           "2026-02-\xC2\xB2",  // 2026-02-², ten bytes
           "2026-02-\xD9\xA1",  // an Arabic-Indic one, ten bytes
           std::string_view("2026-02-0\0", 10)};
  for (const std::string_view bad : rejected) {
    INFO('"' << std::string(bad) << '"');
    CHECK_FALSE(parse_date(bad));
  }
}

TEST_CASE("the reason a date is rejected", "[dates][parse]") {
  CHECK(parse_date_checked("2026-02-01").error == DateError::none);
  CHECK(date_error_message("2026-02-01").empty());
  CHECK(date_error_message("2026-2-01") == "not in YYYY-MM-DD form");
  CHECK(date_error_message("20260201") == "not in YYYY-MM-DD form");
  CHECK(date_error_message("") == "not in YYYY-MM-DD form");
  CHECK(date_error_message("2026-02-30") == "2026-02-30 is not a day of the calendar");
  CHECK(date_error_message("2026-13-01") == "2026-13-01 is not a day of the calendar");
  CHECK(date_error_message("2026-00-10") == "2026-00-10 is not a day of the calendar");
  CHECK(date_error_message("1899-12-31") == "outside 1900-01-01 … 2999-12-31");
  CHECK(date_error_message("3000-01-01") == "outside 1900-01-01 … 2999-12-31");
  CHECK(describe(DateError::malformed) == "not in YYYY-MM-DD form");
}

TEST_CASE("format_date writes exactly ten characters", "[dates][format]") {
  char buf[12] = "##########!";
  format_date(D("2026-03-02"), buf);
  CHECK(std::string(buf) == "2026-03-02!");
  CHECK(S(min_date) == "1900-01-01");
  CHECK(S(max_date) == "2999-12-31");
}

// ---- Easter and the French calendar ---------------------------------------------------------

TEST_CASE("known Easter Sundays", "[dates][easter]") {
  CHECK(S(easter_sunday(2024)) == "2024-03-31");
  CHECK(S(easter_sunday(2025)) == "2025-04-20");
  CHECK(S(easter_sunday(2026)) == "2026-04-05");
  CHECK(S(easter_sunday(2027)) == "2027-03-28");
  CHECK(S(easter_sunday(2038)) == "2038-04-25");
  CHECK(S(easter_sunday(2285)) == "2285-03-22");
  CHECK(S(easter_sunday(1981)) == "1981-04-19");  // Gauss's first exception
  CHECK(S(easter_sunday(1954)) == "1954-04-18");  // and his second
}

TEST_CASE("Easter agrees with Gauss's algorithm 1900..2999", "[dates][easter][exhaustive]") {
  Mismatches m;
  for (int y = min_year; y <= max_year; ++y) {
    const Civil g = gauss_easter(y);
    const Date e = easter_sunday(y);
    m.check(S(e) == naive_format(g), [&] { return "Easter " + std::to_string(y) + ": " + S(e) + " vs " + naive_format(g); });
    m.check(weekday(e) == 7, [&] { return "Easter not a Sunday in " + std::to_string(y); });
  }
  CHECK(m.count == 0);
}

TEST_CASE("the French calendar", "[dates][holidays]") {
  const HolidayCalendar& fr = france();
  CHECK(fr.holiday_name(D("2026-04-06")) == "Easter Monday");
  CHECK(fr.holiday_name(D("2026-05-14")) == "Ascension Day");
  CHECK(fr.holiday_name(D("2026-05-25")) == "Whit Monday");
  CHECK(fr.holiday_name(D("2026-07-14")) == "Bastille Day");
  CHECK(fr.holiday_name(D("2026-04-05")).empty());  // Easter Sunday itself: a Sunday, no holiday
  CHECK(fr.holiday_name(D("2026-05-15")).empty());
  CHECK_FALSE(fr.is_holiday(D("2026-05-15")));
  CHECK(fr.is_working_day(D("2026-05-15")));
  // A holiday on a Saturday is still a holiday (and not a working day twice over).
  CHECK(fr.is_holiday(D("2026-08-15")));
  CHECK(weekday(D("2026-08-15")) == 6);
  CHECK_FALSE(fr.is_working_day(D("2026-08-15")));
  CHECK(fr.holiday_name(D("2026-08-15")) == "Assumption");

  const HolidayCalendar none;
  CHECK_FALSE(none.is_holiday(D("2026-12-25")));
  CHECK(none.is_working_day(D("2026-12-25")));
  CHECK(none.holiday_name(D("2026-12-25")).empty());
  CHECK(none.empty());
  CHECK_FALSE(fr.empty());
}

TEST_CASE("a calendar from fixed days and Easter offsets", "[dates][holidays]") {
  const FixedHoliday fixed[] = {{1, 1, "New Year"}, {29, 2, "Leap Day"}};
  const EasterHoliday easter[] = {{-2, "Good Friday"}, {1, "Easter Monday"}, {-47, "Mardi Gras"}};
  const HolidayCalendar cal(fixed, easter);
  CHECK(cal.holiday_name(D("2026-04-03")) == "Good Friday");
  CHECK(cal.holiday_name(D("2026-02-17")) == "Mardi Gras");
  CHECK(cal.holiday_name(D("2024-02-29")) == "Leap Day");  // leap years only: in 2025, no holiday
  CHECK_FALSE(cal.is_holiday(D("2025-02-28")));
  CHECK_FALSE(cal.is_holiday(D("2025-03-01")));
  CHECK(cal.holiday_name(D("2027-01-01")) == "New Year");
  CHECK_FALSE(cal.is_holiday(D("2026-04-30")));
  CHECK_FALSE(cal.is_holiday(D("2026-05-01")));
  CHECK(cal.is_holiday(D("2000-04-21")));  // Easter 2000 was 04-23
  // The widest offsets that stay in Easter's year in every year: 1 January 2285 (Easter on
  // 22 March) and 31 December 2038 (Easter on 25 April).
  const EasterHoliday widest[] = {{-80, "earliest"}, {250, "latest"}};
  const HolidayCalendar reach({}, widest);
  CHECK(S(easter_sunday(2285)) == "2285-03-22");
  CHECK(reach.holiday_name(D("2285-01-01")) == "earliest");
  CHECK(S(easter_sunday(2038)) == "2038-04-25");
  CHECK(reach.holiday_name(D("2038-12-31")) == "latest");
  CHECK(reach.holiday_name(D("2999-12-24")).empty());
  // Two holidays on one day: the first declared names it (2008-05-01 was also Ascension).
  CHECK(france().holiday_name(D("2008-05-01")) == "Labour Day");
}

TEST_CASE("a holiday that is not a day of every year is refused, not dropped", "[dates][holidays]") {
  const FixedHoliday no_such_day[] = {{31, 4, "no such day"}};
  CHECK_THROWS_AS(HolidayCalendar(no_such_day, {}), std::invalid_argument);
  const FixedHoliday no_such_month[] = {{1, 13, "nor this"}};
  CHECK_THROWS_AS(HolidayCalendar(no_such_month, {}), std::invalid_argument);
  const FixedHoliday february_30[] = {{30, 2, "never"}};
  CHECK_THROWS_AS(HolidayCalendar(february_30, {}), std::invalid_argument);
  // Was silently left out: 400 days after Easter is in the next year.
  for (int offset : {400, 251, -81, -400, 367, -367}) {
    INFO(offset);
    const EasterHoliday far[] = {{offset, "far"}};
    CHECK_THROWS_AS(HolidayCalendar({}, far), std::invalid_argument);
  }
}

TEST_CASE("Easter offsets that stay in the year, over every year of the range", "[dates][holidays][exhaustive]") {
  // Independently of easter_offset_bounds: every year, every offset of a wide window.
  int earliest = -1000, latest = 1000;
  for (int y = min_year; y <= max_year; ++y) {
    const Date sunday = easter_sunday(y);
    earliest = std::max(earliest, from_ymd(y, 1, 1).days - sunday.days);
    latest = std::min(latest, from_ymd(y, 12, 31).days - sunday.days);
  }
  CHECK(earliest == -80);
  CHECK(latest == 250);
  for (int offset = -400; offset <= 400; ++offset) {
    INFO(offset);
    const bool stays = first_year_left_by_easter_offset(offset) == 0;
    CHECK(stays == easter_offset_stays_in_year(offset));
    CHECK(stays == (offset >= earliest && offset <= latest));
  }
  CHECK(first_year_left_by_easter_offset(251) == 1943);  // Easter on 25 April: 1 January 1944
  CHECK(first_year_left_by_easter_offset(-81) == 2285);
  CHECK(first_year_left_by_easter_offset(400) == 1900);
}

TEST_CASE("deadlines move past holidays and weekends", "[dates][deadline]") {
  const HolidayCalendar& fr = france();
  // 2026-05-01, a Friday and Labour Day -> Monday 2026-05-04.
  CHECK(S(deadline(D("2026-04-01"), 1, PeriodUnit::month, fr)) == "2026-05-04");
  // 2026-05-14, Ascension Thursday -> Friday 2026-05-15.
  CHECK(S(deadline(D("2026-04-14"), 1, PeriodUnit::month, fr)) == "2026-05-15");
  // Without the calendar only the weekend counts.
  CHECK(S(deadline(D("2026-04-14"), 1, PeriodUnit::month)) == "2026-05-14");
  // 2026-05-08, V-E Day, a Friday -> 2026-05-11.
  CHECK(S(deadline(D("2026-04-08"), 1, PeriodUnit::month, fr)) == "2026-05-11");
  // Saturday 2026-05-23, Sunday, Whit Monday 05-25 -> Tuesday 2026-05-26.
  CHECK(S(deadline(D("2026-04-23"), 1, PeriodUnit::month, fr)) == "2026-05-26");
  // Christmas 2026 on a Friday, then the weekend -> Monday 2026-12-28.
  CHECK(S(deadline(D("2026-11-25"), 1, PeriodUnit::month, fr)) == "2026-12-28");
  // New Year 2027 on a Friday -> 2027-01-04.
  CHECK(S(deadline(D("2026-12-01"), 1, PeriodUnit::month, fr)) == "2027-01-04");
  // Saturday 2027-03-27, Easter Sunday, Easter Monday -> Tuesday 2027-03-30.
  CHECK(S(deadline(D("2027-02-27"), 1, PeriodUnit::month, fr)) == "2027-03-30");
  // Retention does not move: add_period alone.
  CHECK(S(add_period(D("2026-04-01"), 1, PeriodUnit::month)) == "2026-05-01");
  CHECK(S(fr.next_working_day(D("2026-05-04"))) == "2026-05-04");
  CHECK(deadline(D("2026-04-01"), 1, PeriodUnit::month, &fr) == deadline(D("2026-04-01"), 1, PeriodUnit::month, fr));
}

// ---- exhaustive, day by day -------------------------------------------------------------------

TEST_CASE("every day 1900..2999: civil conversions, weekday, text", "[dates][exhaustive]") {
  Mismatches m;
  Civil c{1900, 1, 1};
  std::int32_t serial = -25567;  // 1900-01-01, counted by hand: 70 years, 17 of them leap
  int wd = 1;                    // 1900-01-01 was a Monday
  Date previous{serial - 1};
  char buf[10];
  for (; c.y <= 2999; c.next(), ++serial, wd = wd % 7 + 1) {
    const Date d = from_ymd(c.y, c.m, c.d);
    m.check(d.days == serial, [&] { return naive_format(c) + ": from_ymd " + std::to_string(d.days); });
    const YearMonthDay ymd = to_ymd(Date{serial});
    m.check(ymd == YearMonthDay{c.y, c.m, c.d}, [&] { return naive_format(c) + ": to_ymd"; });
    m.check(weekday(d) == wd, [&] { return naive_format(c) + ": weekday " + std::to_string(weekday(d)); });
    m.check(previous < d && d.days == previous.days + 1, [&] { return naive_format(c) + ": order"; });
    m.check(days_in_month(c.y, c.m) == naive_month_length(c.y, c.m), [&] { return naive_format(c) + ": month length"; });
    m.check(is_leap(c.y) == naive_leap(c.y), [&] { return naive_format(c) + ": leap"; });
    const std::string text = naive_format(c);
    format_date(d, buf);
    m.check(std::string_view(buf, 10) == text, [&] { return text + ": format_date"; });
    m.check(parse_date(text) == d, [&] { return text + ": parse_date"; });
    m.check(in_range(d), [&] { return text + ": in_range"; });
    previous = d;
  }
  CHECK(serial - 1 == max_date.days);
  CHECK(m.count == 0);
  CHECK(m.checks > 3'000'000);
}

TEST_CASE("every day 1900..2989: months and years against stepping by hand", "[dates][exhaustive][period]") {
  Mismatches m;
  for (Civil c{1900, 1, 1}; c.y <= 2989; c.next()) {
    const Date start = from_ymd(c.y, c.m, c.d);
    for (int n = 1; n <= 36; ++n) {
      const Civil want = naive_add_months(c, n);
      const YearMonthDay got = to_ymd(add_period(start, n, PeriodUnit::month));
      m.check(got == YearMonthDay{want.y, want.m, want.d},
              [&] { return naive_format(c) + " + " + std::to_string(n) + " months"; });
    }
    for (int n = 1; n <= 10; ++n) {
      const Civil want = naive_add_months(c, 12 * n);
      const YearMonthDay got = to_ymd(add_period(start, n, PeriodUnit::year));
      m.check(got == YearMonthDay{want.y, want.m, want.d},
              [&] { return naive_format(c) + " + " + std::to_string(n) + " years"; });
    }
    for (int n = 0; n <= 60; n += 7) {
      Civil want = c;
      for (int i = 0; i < n; ++i) want.next();
      m.check(add_period(start, n, PeriodUnit::day) == from_ymd(want.y, want.m, want.d),
              [&] { return naive_format(c) + " + " + std::to_string(n) + " days"; });
    }
    m.check(add_period(start, 3, PeriodUnit::week).days == start.days + 21, [&] { return naive_format(c) + " + 3 weeks"; });
  }
  CHECK(m.count == 0);
  CHECK(m.checks > 20'000'000);
}

TEST_CASE("every day 2990..2999: a period ends in range or has no end", "[dates][exhaustive][period]") {
  Mismatches m;
  for (Civil c{2990, 1, 1}; c.y <= 2999; c.next()) {
    const Date start = from_ymd(c.y, c.m, c.d);
    for (int n = 1; n <= 130; ++n) {
      const Civil want = naive_add_months(c, n);
      const auto got = period_end(start, n, PeriodUnit::month);
      m.check(got.has_value() == (want.y <= 2999), [&] { return naive_format(c) + " + " + std::to_string(n) + " months"; });
      m.check(!got || to_ymd(*got) == YearMonthDay{want.y, want.m, want.d},
              [&] { return naive_format(c) + " + " + std::to_string(n) + " months: " + S(got); });
    }
    for (int n = 0; n <= 400; n += 13) {
      const auto got = period_end(start, n, PeriodUnit::day);
      m.check(got.has_value() == (start.days + n <= max_date.days), [&] { return naive_format(c) + " + days"; });
      m.check(!got || got->days == start.days + n, [&] { return naive_format(c) + " + days: " + S(got); });
    }
  }
  CHECK(m.count == 0);
}

TEST_CASE("every day 1900..2999: French holidays and working days", "[dates][exhaustive][holidays]") {
  const HolidayCalendar& fr = france();
  Mismatches m;
  int holidays = 0, holidays_1990_2040 = 0;
  for (Civil c{1900, 1, 1}; c.y <= 2999; c.next()) {
    const Date d = from_ymd(c.y, c.m, c.d);
    const bool holiday = naive_french_holiday(c);
    holidays += holiday;
    holidays_1990_2040 += holiday && c.y >= 1990 && c.y <= 2040;
    m.check(fr.is_holiday(d) == holiday, [&] { return naive_format(c) + ": is_holiday"; });
    m.check(fr.holiday_name(d).empty() != holiday, [&] { return naive_format(c) + ": holiday_name"; });
    const bool weekend = weekday(d) >= 6;
    m.check(fr.is_working_day(d) == (!weekend && !holiday), [&] { return naive_format(c) + ": is_working_day"; });

    const auto next_day = fr.next_working_day(d);
    m.check(next_day.has_value(), [&] { return naive_format(c) + ": no next_working_day"; });
    const Date next = next_day.value_or(d);
    m.check(fr.is_working_day(next) && next >= d, [&] { return naive_format(c) + ": next_working_day " + S(next); });
    bool none_between = true;
    for (Date x = d; x < next; x.days += 1) none_between = none_between && !fr.is_working_day(x);
    m.check(none_between, [&] { return naive_format(c) + ": a working day before " + S(next); });
    m.check(next.days - d.days <= 4, [&] { return naive_format(c) + ": gap " + S(next); });

    const Date weekday_deadline = deadline(d, 0, PeriodUnit::day).value_or(Date{});
    m.check(weekday(weekday_deadline) <= 5 && weekday_deadline.days - d.days == (weekend ? 8 - weekday(d) : 0),
            [&] { return naive_format(c) + ": weekend-only deadline"; });
  }
  // 11 holidays a year, less the days that are two holidays at once (Ascension on 1 or 8 May):
  // in 1990..2040, 8 May 1997 and 1 May 2008.
  CHECK(holidays_1990_2040 == 11 * 51 - 2);
  CHECK(holidays == 11 * 1100 - 51);
  CHECK(m.count == 0);
}
