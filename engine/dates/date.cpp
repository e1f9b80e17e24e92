#include "engine/dates/date.hpp"

#include <stdexcept>

namespace gavel::dates {

std::string_view describe(DateError error) noexcept {
  switch (error) {
    case DateError::none: return {};
    case DateError::malformed: return "not in YYYY-MM-DD form";
    case DateError::no_such_day: return "not a day of the calendar";
    case DateError::out_of_range: return "outside 1900-01-01 … 2999-12-31";
  }
  return {};
}

std::string date_error_message(std::string_view text) {
  const DateError error = parse_date_checked(text).error;
  if (error == DateError::no_such_day) {
    std::string message(text);
    message += " is ";
    message += describe(error);
    return message;
  }
  return std::string(describe(error));
}

std::string to_string(Date d) {
  std::string s(10, '\0');
  format_date(d, s.data());
  return s;
}

namespace {

// 29 February included: it falls in leap years only (the language refuses it; the calendar
// itself can hold it).
bool fixed_is_valid(int day, int month) { return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(2000, month); }

}  // namespace

HolidayCalendar::HolidayCalendar(const syntax::Calendar& calendar) {
  rules_.reserve(calendar.holidays.size());
  for (const syntax::Holiday& h : calendar.holidays)
    rules_.push_back(Rule{h.kind, h.day, h.month, h.easter_offset, h.name.value});
  build();
}

HolidayCalendar::HolidayCalendar(std::span<const FixedHoliday> fixed, std::span<const EasterHoliday> easter) {
  rules_.reserve(fixed.size() + easter.size());
  for (const FixedHoliday& h : fixed)
    rules_.push_back(Rule{syntax::Holiday::Kind::fixed, h.day, h.month, 0, std::string(h.name)});
  for (const EasterHoliday& h : easter)
    rules_.push_back(Rule{syntax::Holiday::Kind::easter_relative, 0, 0, h.offset, std::string(h.name)});
  build();
}

void HolidayCalendar::build() {
  bits_.clear();
  for (const Rule& r : rules_) {
    if (r.kind == syntax::Holiday::Kind::fixed ? !fixed_is_valid(r.day, r.month)
                                               : !easter_offset_stays_in_year(r.easter_offset))
      throw std::invalid_argument("holiday `" + r.name + "` does not fall on a day of every year");
  }
  if (rules_.empty()) return;
  const auto total = static_cast<std::size_t>(max_date.days - min_date.days + 1);
  bits_.assign((total + 63) / 64, 0);
  const auto set = [&](Date d) {
    const auto i = static_cast<std::uint32_t>(d.days - min_date.days);
    bits_[i >> 6] |= std::uint64_t{1} << (i & 63);
  };
  // Each holiday stays in its year (checked above), so the years of the range are all.
  for (const Rule& r : rules_) {
    if (r.kind == syntax::Holiday::Kind::fixed) {
      for (int y = min_year; y <= max_year; ++y)
        if (r.day <= days_in_month(y, r.month)) set(from_ymd(y, r.month, r.day));
    } else {
      for (int y = min_year; y <= max_year; ++y) set(Date{easter_sunday(y).days + r.easter_offset});
    }
  }
}

std::string_view HolidayCalendar::holiday_name(Date d) const noexcept {
  if (!is_holiday(d)) return {};
  const YearMonthDay ymd = to_ymd(d);
  for (const Rule& r : rules_) {
    if (r.kind == syntax::Holiday::Kind::fixed) {
      if (r.month == ymd.month && r.day == ymd.day) return r.name;
    } else {
      const Date sunday{d.days - r.easter_offset};
      if (easter_sunday(ymd.year) == sunday) return r.name;
    }
  }
  return {};
}

}  // namespace gavel::dates
