import ICalendar

/// How an item recurs from one cycle year to the next: the rule `aarshjul plan` infers from
/// its date in year *Y* and applies to year *Y*+1 to get the item's *pattern date*, the
/// starting point the solver moves from.
///
/// ```swift
/// let pattern = AnnualPattern.nthWeekday(n: 2, weekday: 4, month: 12)   // 2. torsdag i desember
/// pattern.date(in: 2028)   // .found(2028-12-14)
/// ```
public enum AnnualPattern: Hashable, Sendable {
    /// The *n*th (1–5) ISO weekday (1 Monday … 7 Sunday) of a month.
    case nthWeekday(n: Int, weekday: Int, month: Int)
    /// The last ISO weekday of a month.
    case lastWeekday(weekday: Int, month: Int)
    /// An ISO week and weekday.
    case isoWeek(week: Int, weekday: Int)
    /// A fixed day of a month.
    case dayOfMonth(day: Int, month: Int)
    /// A number of working days before (negative) or after (positive) the item it is tied to
    /// by a `precedes` or `lead-time` rule (the anchor), counted as the rule's calendar does.
    case workingDaysFrom(anchor: Int, days: Int, rule: String)

    /// Where a pattern lands in a year.
    public enum Placement: Hashable, Sendable {
        /// The date.
        case found(LocalDate)
        /// The pattern has no date that year (a 5th Thursday, week 53, 29 February); the
        /// nearest date of the fallback is given.
        case missing(fallback: LocalDate)
    }

    /// The pattern's date in a year (the calendar patterns; an anchored pattern needs its
    /// anchor's date, see ``date(anchoredAt:calendar:)``). For ``isoWeek(week:weekday:)``
    /// the year is the ISO week-numbering year.
    ///
    /// - Complexity: O(1).
    public func date(in year: Int) -> Placement {
        switch self {
        case .nthWeekday(let n, let weekday, let month):
            let first = LocalDate(year: year, month: month, day: 1)
            let day = 1 + (weekday - first.weekday + 7) % 7 + (n - 1) * 7
            if day <= LocalDate.daysIn(month: month, year: year) { return .found(LocalDate(year: year, month: month, day: day)) }
            return .missing(fallback: Self.lastWeekday(weekday, month: month, year: year))
        case .lastWeekday(let weekday, let month):
            return .found(Self.lastWeekday(weekday, month: month, year: year))
        case .isoWeek(let week, let weekday):
            // Monday of ISO week 1 is the Monday on or before 4 January.
            let january4 = LocalDate(year: year, month: 1, day: 4)
            let monday = january4.adding(days: 1 - january4.weekday)
            let date = monday.adding(days: (week - 1) * 7 + weekday - 1)
            if NorwegianCalendar.isoWeek(date) == week { return .found(date) }
            return .missing(fallback: date.adding(days: -7))
        case .dayOfMonth(let day, let month):
            let last = LocalDate.daysIn(month: month, year: year)
            if day <= last { return .found(LocalDate(year: year, month: month, day: day)) }
            return .missing(fallback: LocalDate(year: year, month: month, day: last))
        case .workingDaysFrom:
            return .missing(fallback: LocalDate(year: year, month: 1, day: 1))
        }
    }

    /// An anchored pattern's date, given the anchor's date: `days` working days from it.
    public func date(anchoredAt anchor: LocalDate, calendar: NorwegianCalendar) -> LocalDate {
        guard case .workingDaysFrom(_, let days, _) = self else { return anchor }
        return Self.step(anchor, workingDays: days, calendar: calendar)
    }

    /// The date `count` working days after (or, negative, before) a date.
    static func step(_ date: LocalDate, workingDays count: Int, calendar: NorwegianCalendar) -> LocalDate {
        var day = date
        var left = abs(count)
        let direction = count < 0 ? -1 : 1
        while left > 0 {
            day = day.adding(days: direction)
            if calendar.isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    static func lastWeekday(_ weekday: Int, month: Int, year: Int) -> LocalDate {
        let last = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))
        return last.adding(days: -((last.weekday - weekday + 7) % 7))
    }

    /// The pattern in words: `2. torsdag i desember`, `2nd Thursday of December`,
    /// `8 arbeidsdager før «Styremøte NTNU»`. `anchorName` names the anchor of a tied pattern.
    public func words(_ labels: Labels, anchorName: String = "") -> String {
        let words = labels.messages.plan
        func weekdayName(_ weekday: Int) -> String { labels.messages.words.weekdays[max(0, min(6, weekday - 1))] }
        switch self {
        case .nthWeekday(let n, let weekday, let month):
            return words.nthWeekday(n, weekdayName(weekday), labels.monthInText(month))
        case .lastWeekday(let weekday, let month):
            return words.lastWeekday(weekdayName(weekday), labels.monthInText(month))
        case .isoWeek(let week, let weekday):
            return words.weekdayOfWeek(weekdayName(weekday), week)
        case .dayOfMonth(let day, let month):
            return labels.messages.words.dayOfMonth(day, labels.monthInText(month))
        case .workingDaysFrom(_, let days, _):
            let count = labels.messages.words.workingDay.counted(abs(days))
            if days == 0 { return words.sameDayAs(anchorName) }
            return days < 0 ? words.workingDaysBefore(count, anchorName) : words.workingDaysAfter(count, anchorName)
        }
    }

    /// A language-neutral form for `X-AARSHJUL-PATTERN`, in RRULE words:
    /// `FREQ=YEARLY;BYMONTH=12;BYDAY=2TH`, `FREQ=YEARLY;BYMONTH=12;BYDAY=-1TH`,
    /// `FREQ=YEARLY;BYWEEKNO=50;BYDAY=TH`, `FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15`, and
    /// `WORKDAYS=-8;ANCHOR=<the anchor's UID>` for a tied item.
    public func code(anchorUID: String = "") -> String {
        let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        func day(_ weekday: Int) -> String { days[max(0, min(6, weekday - 1))] }
        switch self {
        case .nthWeekday(let n, let weekday, let month): return "FREQ=YEARLY;BYMONTH=\(month);BYDAY=\(n)\(day(weekday))"
        case .lastWeekday(let weekday, let month): return "FREQ=YEARLY;BYMONTH=\(month);BYDAY=-1\(day(weekday))"
        case .isoWeek(let week, let weekday): return "FREQ=YEARLY;BYWEEKNO=\(week);BYDAY=\(day(weekday))"
        case .dayOfMonth(let dayOfMonth, let month): return "FREQ=YEARLY;BYMONTH=\(month);BYMONTHDAY=\(dayOfMonth)"
        case .workingDaysFrom(_, let offset, _): return "WORKDAYS=\(offset);ANCHOR=\(anchorUID)"
        }
    }

    /// The ISO 8601 week-numbering year of a date (the year of its week's Thursday).
    static func isoYear(_ date: LocalDate) -> Int {
        date.adding(days: 4 - date.weekday).year
    }

    /// The calendar patterns a date fits, most telling first: for a timed item (a meeting)
    /// the weekday patterns (nth or last weekday of the month, ISO week); for an all-day item
    /// the day of the month first.
    ///
    /// - Complexity: O(1).
    public static func calendarPatterns(of date: LocalDate, allDay: Bool) -> [AnnualPattern] {
        let n = (date.day - 1) / 7 + 1
        var weekday: [AnnualPattern] = [.nthWeekday(n: n, weekday: date.weekday, month: date.month)]
        if date.day + 7 > LocalDate.daysIn(month: date.month, year: date.year) {
            weekday.append(.lastWeekday(weekday: date.weekday, month: date.month))
        }
        weekday.append(.isoWeek(week: NorwegianCalendar.isoWeek(date), weekday: date.weekday))
        let day = AnnualPattern.dayOfMonth(day: date.day, month: date.month)
        return allDay ? [day] + weekday : weekday + [day]
    }

    /// Picks the calendar pattern that places an item in the next year closest to its role in
    /// this one: among the patterns of its kind (weekday patterns for meetings, the day of the
    /// month for all-day items), the one whose date next year is nearest the same day of the
    /// year; a pattern that has no date next year (a 5th weekday) is passed over. Ties go to
    /// the earlier pattern in ``calendarPatterns(of:allDay:)``.
    ///
    /// - Returns: the pattern, its date in `year`, and the patterns passed over because they
    ///   do not exist that year.
    public static func best(for date: LocalDate, allDay: Bool, in year: Int) -> (pattern: AnnualPattern, date: LocalDate, missing: [AnnualPattern]) {
        let sameDay = LocalDate(year: year, month: date.month, day: min(date.day, LocalDate.daysIn(month: date.month, year: year)))
        var candidates = calendarPatterns(of: date, allDay: allDay)
        // Meetings keep their weekday: the day of the month is only their last resort.
        if !allDay { candidates.removeLast() }
        var missing: [AnnualPattern] = []
        var best: (pattern: AnnualPattern, date: LocalDate, distance: Int)?
        for pattern in candidates {
            // An ISO week belongs to its week-numbering year: 1 January 2027 is in week 53 of 2026.
            let target: Int
            if case .isoWeek = pattern { target = isoYear(date) + (year - date.year) } else { target = year }
            guard case .found(let placed) = pattern.date(in: target) else { missing.append(pattern); continue }
            let distance = abs(placed.daysSinceEpoch - sameDay.daysSinceEpoch)
            if best == nil || distance < best?.distance ?? .max { best = (pattern, placed, distance) }
        }
        if let best { return (best.pattern, best.date, missing) }
        let fallback = AnnualPattern.dayOfMonth(day: date.day, month: date.month)
        switch fallback.date(in: year) {
        case .found(let placed): return (fallback, placed, missing)
        case .missing(let placed): return (fallback, placed, missing + [fallback])
        }
    }
}
