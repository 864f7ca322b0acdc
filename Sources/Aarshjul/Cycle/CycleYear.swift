import ICalendar

/// One cycle year: from `cycle.start` in a year to the same day a year later (exclusive).
///
/// With `start = "01-01"` the cycle year 2027 is the calendar year 2027 (the budget year);
/// with `start = "08-01"` it runs from 1 August 2027 to 31 July 2028 (the academic year).
public struct CycleYear: Hashable, Sendable, CustomStringConvertible {
    /// The year the cycle starts in.
    public var year: Int
    /// The first day of every cycle year.
    public var start: MonthDay

    /// Creates a cycle year.
    public init(year: Int, start: MonthDay) {
        self.year = year
        self.start = start
    }

    /// The first day (29 February becomes 28 February in other years).
    public var firstDay: LocalDate { CycleYear.day(start, in: year) }

    /// The day after the last day.
    public var endDay: LocalDate { CycleYear.day(start, in: year + 1) }

    /// The cycle year that contains a date.
    public static func containing(_ date: LocalDate, start: MonthDay) -> CycleYear {
        date < day(start, in: date.year) ? CycleYear(year: date.year - 1, start: start) : CycleYear(year: date.year, start: start)
    }

    /// Whether a date is in this cycle year.
    public func contains(_ date: LocalDate) -> Bool { date >= firstDay && date < endDay }

    /// `2027` for a calendar-year cycle, `2027–28` otherwise.
    public var description: String {
        start == MonthDay.januaryFirst ? "\(year)" : "\(year)–\(String(year + 1).suffix(2))"
    }

    private static func day(_ start: MonthDay, in year: Int) -> LocalDate {
        let day = min(start.day, LocalDate.daysIn(month: start.month, year: year))
        return LocalDate(year: year, month: start.month, day: day)
    }
}
