// Calendar dates and the periods of Regulation (EEC, Euratom) No 1182/71.
//
// Every retention rule and every answer deadline of a rights request is a date computed
// here, on the decision engine's hot path: the types are one integer wide, the arithmetic
// is constexpr, nothing allocates or throws once a HolidayCalendar is built.
//
// Dates are proleptic Gregorian calendar days between 1900-01-01 and 2999-12-31. A period or
// deadline that would end outside that range has no end day (period_end and deadline return
// none): it is never reported as the last day of the range. The civil <-> serial conversions
// are Howard Hinnant's days_from_civil / civil_from_days.
#pragma once

#include <algorithm>
#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/syntax_tree.hpp"

namespace gavel::dates {

// A calendar day: days since 1970-01-01 (negative before it).
struct Date {
  std::int32_t days = 0;
  friend constexpr auto operator<=>(Date, Date) = default;
  friend constexpr bool operator==(Date, Date) = default;
};

struct YearMonthDay {
  int year = 1970;
  int month = 1;
  int day = 1;
  friend constexpr bool operator==(const YearMonthDay&, const YearMonthDay&) = default;
};

inline constexpr int min_year = 1900;
inline constexpr int max_year = 2999;

constexpr bool is_leap(int y) noexcept { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

// 28..31 for month 1..12; 0 for a month that does not exist.
constexpr int days_in_month(int y, int m) noexcept {
  constexpr int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap(y) ? 29 : lengths[m - 1];
}

// The date of y-m-d. Expects a real day (see parse_date for checked input); an overflowing
// day or month rolls over into the following ones, as days_from_civil does.
constexpr Date from_ymd(int y, int m, int d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;                                   // [0, 399]
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return Date{era * 146097 + doe - 719468};
}

constexpr YearMonthDay to_ymd(Date date) noexcept {
  const int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;                                      // [0, 146096]
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               // [0, 365]
  const int mp = (5 * doy + 2) / 153;                                    // [0, 11]
  const int d = doy - (153 * mp + 2) / 5 + 1;                            // [1, 31]
  const int m = mp < 10 ? mp + 3 : mp - 9;                               // [1, 12]
  return YearMonthDay{yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

constexpr Date from_ymd(const YearMonthDay& ymd) noexcept { return from_ymd(ymd.year, ymd.month, ymd.day); }

inline constexpr Date min_date = from_ymd(min_year, 1, 1);    // 1900-01-01
inline constexpr Date max_date = from_ymd(max_year, 12, 31);  // 2999-12-31

constexpr bool in_range(Date d) noexcept { return d >= min_date && d <= max_date; }
constexpr Date clamp(Date d) noexcept { return std::clamp(d, min_date, max_date); }

// ISO 8601 weekday: 1 = Monday ... 7 = Sunday. 1970-01-01 was a Thursday.
constexpr int weekday(Date d) noexcept {
  const int r = (d.days % 7 + 7 + 3) % 7;  // 0 = Monday
  return r + 1;
}
constexpr bool is_weekend(Date d) noexcept { return weekday(d) >= 6; }

// ---- text ---------------------------------------------------------------------------

enum class DateError : std::uint8_t {
  none,
  malformed,     // not exactly YYYY-MM-DD in ASCII digits
  no_such_day,   // well formed, but e.g. 2026-02-30 or 2026-13-01
  out_of_range,  // a real day before 1900-01-01 or after 2999-12-31
};

struct ParsedDate {
  Date date;
  DateError error = DateError::none;
};

// Strict YYYY-MM-DD, with the reason of a rejection.
constexpr ParsedDate parse_date_checked(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return {{}, DateError::malformed};
  int v[3] = {0, 0, 0};
  const int field_of[10] = {0, 0, 0, 0, -1, 1, 1, -1, 2, 2};
  for (std::size_t i = 0; i < 10; ++i) {
    if (field_of[i] < 0) continue;
    const char c = text[i];
    if (c < '0' || c > '9') return {{}, DateError::malformed};
    v[field_of[i]] = v[field_of[i]] * 10 + (c - '0');
  }
  const int y = v[0], m = v[1], d = v[2];
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return {{}, DateError::no_such_day};
  if (y < min_year || y > max_year) return {{}, DateError::out_of_range};
  return {from_ymd(y, m, d), DateError::none};
}

constexpr std::optional<Date> parse_date(std::string_view text) noexcept {
  const ParsedDate p = parse_date_checked(text);
  if (p.error != DateError::none) return std::nullopt;
  return p.date;
}

// Why `text` is not a date, for an error message: "not in YYYY-MM-DD form",
// "2026-02-30 is not a day of the calendar", "outside 1900-01-01 … 2999-12-31";
// empty when it is one.
std::string date_error_message(std::string_view text);
// The same without the text itself (no allocation); empty for DateError::none.
std::string_view describe(DateError error) noexcept;

// Writes exactly 10 characters, YYYY-MM-DD, no terminating NUL: the true date for any year
// 0..9999 (a result is reported only when in_range; a date just outside, such as the day
// before 1900-01-01, is still written as what it is). Years beyond are written 0000 / 9999.
constexpr void format_date(Date d, char out[10]) noexcept {
  const YearMonthDay ymd = to_ymd(std::clamp(d, from_ymd(0, 1, 1), from_ymd(9999, 12, 31)));
  const auto put = [&](int at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, ymd.year, 4);
  out[4] = '-';
  put(5, ymd.month, 2);
  out[7] = '-';
  put(8, ymd.day, 2);
}

std::string to_string(Date d);

// ---- periods (Reg. 1182/71) -----------------------------------------------------------

// The last day of a period of `count` units that starts with an event on `start`: the day
// of the event is not counted (Art. 3(1)); days and weeks end on start + n (x 7); months
// and years end on the same day of the month in the last month, or that month's last day
// when it has no such day (Art. 3(2)(c)). The period ends at the END of the returned day.
// 2024-02-29 + 1 year = 2025-02-28; 2026-01-31 + 1 month = 2026-02-28.
//
// None when that day is outside 1900-01-01 … 2999-12-31 (or `start` is): a date gavel
// reports is never one it cannot compute, so the caller says so instead of clamping.
constexpr std::optional<Date> period_end(Date start, std::int64_t count, syntax::PeriodUnit unit) noexcept {
  if (!in_range(start)) return std::nullopt;
  // Any larger period leaves the range whatever its unit; below it nothing overflows.
  constexpr std::int64_t range_days = std::int64_t{max_date.days} - min_date.days;
  if (count > range_days || count < -range_days) return std::nullopt;
  std::int64_t days = 0;
  switch (unit) {
    case syntax::PeriodUnit::day: days = std::int64_t{start.days} + count; break;
    case syntax::PeriodUnit::week: days = std::int64_t{start.days} + count * 7; break;
    case syntax::PeriodUnit::month:
    case syntax::PeriodUnit::year: {
      const YearMonthDay s = to_ymd(start);
      const std::int64_t months = unit == syntax::PeriodUnit::year ? count * 12 : count;
      const std::int64_t index = std::int64_t{s.year} * 12 + (s.month - 1) + months;
      if (index < std::int64_t{min_year} * 12 || index > std::int64_t{max_year} * 12 + 11) return std::nullopt;
      const int y = static_cast<int>(index / 12);
      const int m = static_cast<int>(index % 12) + 1;
      return from_ymd(y, m, std::min(s.day, days_in_month(y, m)));
    }
  }
  if (days < min_date.days || days > max_date.days) return std::nullopt;
  return Date{static_cast<std::int32_t>(days)};
}

// The same, saturating at min_date / max_date: for tools that need some day in range (request
// generators, displays). Never for a date reported as a result: that is period_end's job.
constexpr Date add_period(Date start, std::int64_t count, syntax::PeriodUnit unit) noexcept {
  if (const auto end = period_end(clamp(start), count, unit)) return *end;
  return count < 0 ? min_date : max_date;
}
constexpr Date add_months(Date start, std::int64_t months) noexcept {
  return add_period(start, months, syntax::PeriodUnit::month);
}
constexpr Date add_days(Date start, std::int64_t days) noexcept {
  return add_period(start, days, syntax::PeriodUnit::day);
}

// Gregorian Easter Sunday (the anonymous algorithm, as given by Meeus).
constexpr Date easter_sunday(int year) noexcept {
  const int a = year % 19, b = year / 100, c = year % 100;
  const int d = b / 4, e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return from_ymd(year, month, day);
}

// ---- holidays and working days ----------------------------------------------------------

// A holiday falls on one day of every year (docs/language.md, "calendar"). Easter Sunday
// falls between 22 March and 25 April, so an Easter-relative holiday stays in Easter's year,
// for every year 1900..2999, from 80 days before Easter (1 January when Easter is on 22 March,
// as in 2285) to 250 days after it (31 December when Easter is on 25 April, as in 1943 and 2038).
struct EasterOffsetBounds {
  int earliest, latest;
};
constexpr EasterOffsetBounds easter_offset_bounds() noexcept {
  EasterOffsetBounds b{-366, 366};
  for (int y = min_year; y <= max_year; ++y) {
    const Date sunday = easter_sunday(y);
    b.earliest = std::max(b.earliest, from_ymd(y, 1, 1).days - sunday.days);
    b.latest = std::min(b.latest, from_ymd(y, 12, 31).days - sunday.days);
  }
  return b;
}
inline constexpr int min_easter_offset = easter_offset_bounds().earliest;
inline constexpr int max_easter_offset = easter_offset_bounds().latest;
static_assert(min_easter_offset == -80 && max_easter_offset == 250);

constexpr bool easter_offset_stays_in_year(std::int64_t offset) noexcept {
  return offset >= min_easter_offset && offset <= max_easter_offset;
}

// The first year 1900..2999 in which `offset` days from Easter leaves Easter's year; 0 when
// it never does. For a message that shows where a holiday would land.
constexpr int first_year_left_by_easter_offset(std::int64_t offset) noexcept {
  for (int y = min_year; y <= max_year; ++y) {
    const std::int64_t day = std::int64_t{easter_sunday(y).days} + offset;
    if (day < from_ymd(y, 1, 1).days || day > from_ymd(y, 12, 31).days) return y;
  }
  return 0;
}

struct FixedHoliday {
  int day = 1;
  int month = 1;
  std::string_view name = {};
};

struct EasterHoliday {
  int offset = 0;  // days after Easter Sunday: Easter Monday = 1, Ascension = 39
  std::string_view name = {};
};

// The public holidays of a controller's calendar. Building one precomputes a bitset of every
// holiday in 1900..2999 (about 50 KB); the queries then cost a bit test. A default-built
// calendar has no holidays: only Saturdays and Sundays are not working days.
//
// Every holiday must fall on a day of every year, as the checker makes sure: a fixed day
// that exists in its month (29 February: in leap years only), an Easter offset that stays in
// Easter's year (easter_offset_stays_in_year). Building from any other throws
// std::invalid_argument: a holiday is never dropped without a word.
class HolidayCalendar {
 public:
  HolidayCalendar() = default;
  explicit HolidayCalendar(const syntax::Calendar& calendar);
  HolidayCalendar(std::span<const FixedHoliday> fixed, std::span<const EasterHoliday> easter);

  bool is_holiday(Date d) const noexcept {
    if (bits_.empty() || !in_range(d)) return false;
    const auto i = static_cast<std::uint32_t>(d.days - min_date.days);
    return (bits_[i >> 6] >> (i & 63)) & 1U;
  }
  bool is_working_day(Date d) const noexcept { return !is_weekend(d) && !is_holiday(d); }

  // d itself when it is a working day, else the first working day after it; none when d is
  // out of range or no working day follows it up to max_date (its holidays are not known).
  std::optional<Date> next_working_day(Date d) const noexcept {
    for (; in_range(d); d.days += 1)
      if (is_working_day(d)) return d;
    return std::nullopt;
  }

  // The name of the holiday on d, for explanations; empty when d is none (or it has no name).
  std::string_view holiday_name(Date d) const noexcept;

  bool empty() const noexcept { return rules_.empty(); }

 private:
  struct Rule {
    syntax::Holiday::Kind kind;
    int day, month, easter_offset;
    std::string name;
  };
  void build();

  std::vector<Rule> rules_;
  std::vector<std::uint64_t> bits_;  // bit i: min_date + i is a holiday
};

// Art. 3(4): a deadline for the controller that ends on a Saturday, a Sunday or a public
// holiday ends at the end of the next working day. None when that day is after 2999-12-31:
// the deadline cannot be computed, and must not be reported as some earlier day.
inline std::optional<Date> deadline(Date received, std::int64_t count, syntax::PeriodUnit unit,
                                    const HolidayCalendar& calendar) noexcept {
  const auto end = period_end(received, count, unit);
  return end ? calendar.next_working_day(*end) : std::nullopt;
}

// Without a calendar (nullptr): only weekends move the deadline.
inline std::optional<Date> deadline(Date received, std::int64_t count, syntax::PeriodUnit unit,
                                    const HolidayCalendar* calendar = nullptr) noexcept {
  static const HolidayCalendar weekends_only;
  return deadline(received, count, unit, calendar ? *calendar : weekends_only);
}

}  // namespace gavel::dates
