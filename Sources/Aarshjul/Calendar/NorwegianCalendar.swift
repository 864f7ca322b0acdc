import ICalendar
import Synchronization

/// Norwegian public holidays (helligdager, lov om helligdager og helligdagsfred; 1 and 17 May
/// by the 1947 law on høgtidsdager) and the closed periods planning avoids.
///
/// ```swift
/// let calendar = NorwegianCalendar()
/// calendar.easterSunday(2027)                 // 2027-03-28
/// calendar.holiday(on: LocalDate(year: 2027, month: 5, day: 17))   // "Grunnlovsdagen / 2. pinsedag"
/// ```
public struct NorwegianCalendar: Sendable {
    /// A named closed period in the cycle.
    public struct ClosedSpan: Hashable, Sendable {
        /// The name (`fellesferie`, `christmas`, `easter`, or a configured one).
        public var name: String
        /// First day.
        public var from: LocalDate
        /// Last day (inclusive).
        public var through: LocalDate
    }

    /// Extra holidays (from the configuration), by date.
    public var extraHolidays: [LocalDate: String] {
        didSet { tables = HolidayTables() }
    }
    /// Each year's holidays, built on first use (rules ask about every day of a cycle), shared
    /// by copies until ``extraHolidays`` changes.
    private var tables = HolidayTables()

    private final class HolidayTables: Sendable {
        let years = Mutex<[Int: [LocalDate: String]]>([:])
    }
    /// Extra closed periods (from the configuration): name, first and last month-day.
    public var extraClosed: [(name: String, from: MonthDay, to: MonthDay)]
    /// The ISO weeks of fellesferie (28–30 by default).
    public var fellesferieWeeks: ClosedRange<Int>

    /// Creates a calendar with optional extra holidays and closed periods.
    public init(extraHolidays: [LocalDate: String] = [:], extraClosed: [(name: String, from: MonthDay, to: MonthDay)] = [],
                fellesferieWeeks: ClosedRange<Int> = 28...30) {
        self.extraHolidays = extraHolidays
        self.extraClosed = extraClosed
        self.fellesferieWeeks = fellesferieWeeks
    }

    /// Easter Sunday (Gregorian computus, the anonymous algorithm of 1876).
    public func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)
    }

    /// The public holidays of a year, by date, with their bokmål names (``WordMessages/holiday(_:)``
    /// gives them in another language).
    public func holidays(_ year: Int) -> [LocalDate: String] {
        let easter = easterSunday(year)
        var days: [LocalDate: String] = [
            LocalDate(year: year, month: 1, day: 1): "1. nyttårsdag",
            easter.adding(days: -3): "Skjærtorsdag",
            easter.adding(days: -2): "Langfredag",
            easter: "1. påskedag",
            easter.adding(days: 1): "2. påskedag",
            easter.adding(days: 39): "Kristi himmelfartsdag",
            easter.adding(days: 49): "1. pinsedag",
            easter.adding(days: 50): "2. pinsedag",
            LocalDate(year: year, month: 12, day: 25): "1. juledag",
            LocalDate(year: year, month: 12, day: 26): "2. juledag",
        ]
        if year >= 1947 {
            let may1 = LocalDate(year: year, month: 5, day: 1)
            let may17 = LocalDate(year: year, month: 5, day: 17)
            days[may1] = days[may1].map { "Arbeidernes dag / \($0)" } ?? "Arbeidernes dag"
            days[may17] = days[may17].map { "Grunnlovsdagen / \($0)" } ?? "Grunnlovsdagen"
        }
        for (date, name) in extraHolidays where date.year == year { days[date] = days[date].map { "\($0) / \(name)" } ?? name }
        return days
    }

    /// A holiday's name in English (`Grunnlovsdagen / 2. pinsedag` → `Constitution Day /
    /// Whit Monday`); configured names are kept as written.
    public static func englishName(_ name: String) -> String {
        Messages.en.words.holiday(name)
    }

    /// The holiday's name, if the date is a public (or configured) holiday.
    public func holiday(on date: LocalDate) -> String? {
        if let table = tables.years.withLock({ $0[date.year] }) { return table[date] }
        let table = holidays(date.year)
        tables.years.withLock { $0[date.year] = table }
        return table[date]
    }

    /// Whether the date is a Saturday or Sunday.
    public func isWeekend(_ date: LocalDate) -> Bool { date.weekday >= 6 }

    /// The ISO 8601 week number.
    public static func isoWeek(_ date: LocalDate) -> Int {
        let thursday = date.adding(days: 4 - date.weekday)
        let firstOfYear = LocalDate(year: thursday.year, month: 1, day: 1)
        return (thursday.daysSinceEpoch - firstOfYear.daysSinceEpoch) / 7 + 1
    }

    /// The named closed period a date falls in, among `names` (`fellesferie`, `christmas`,
    /// `easter`, configured ones).
    ///
    /// - fellesferie: the configured ISO weeks (28–30);
    /// - christmas: 24 December – 1 January;
    /// - easter: Maundy Thursday – Easter Monday.
    public func closedPeriod(on date: LocalDate, among names: [String]) -> String? {
        for name in names {
            switch name {
            case "fellesferie":
                if date.month >= 6 && date.month <= 8 && fellesferieWeeks.contains(Self.isoWeek(date)) { return name }
            case "christmas":
                if (date.month == 12 && date.day >= 24) || (date.month == 1 && date.day == 1) { return name }
            case "easter":
                let easter = easterSunday(date.year)
                let offset = date.daysSinceEpoch - easter.daysSinceEpoch
                if offset >= -3 && offset <= 1 { return name }
            default:
                for period in extraClosed where period.name == name {
                    let value = (date.month, date.day)
                    let from = (period.from.month, period.from.day)
                    let to = (period.to.month, period.to.day)
                    let inside = from <= to ? (value >= from && value <= to) : (value >= from || value <= to)
                    if inside { return name }
                }
            }
        }
        return nil
    }

    /// Whether a date is a working day: not a weekend, not a holiday, not in any of the named
    /// closed periods.
    public func isWorkingDay(_ date: LocalDate, closed: [String] = []) -> Bool {
        !isWeekend(date) && holiday(on: date) == nil && closedPeriod(on: date, among: closed) == nil
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
    ///
    /// - Complexity: O(*d*) for *d* days between.
    public func workingDays(after from: LocalDate, through to: LocalDate, closed: [String] = []) -> Int {
        guard to > from else { return 0 }
        var count = 0
        var day = from.adding(days: 1)
        while day <= to {
            if isWorkingDay(day, closed: closed) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }
}
