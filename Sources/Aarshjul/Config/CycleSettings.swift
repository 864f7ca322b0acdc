import Foundation
import ICalendar

/// The `[cycle]` table: what the annual cycle is called, where it is, and when its year starts.
///
/// ```toml
/// [cycle]
/// name = "Universitetskommunen Trondheim"
/// timezone = "Europe/Oslo"
/// start = "08-01"          # the academic year; default "01-01" (the budget year)
/// language = "nb"          # nb | nn | en; default nb
/// max-occurrences = 10000  # per recurring event and cycle; default 10000
/// ```
public struct CycleSettings: Hashable, Sendable {
    /// The name shown in reports, feeds and the wheel (`name`, required).
    public var name: String
    /// The IANA time zone the cycle is planned in (`timezone`, required), e.g. `Europe/Oslo`.
    /// Checked with `TimeZone(identifier:)`.
    public var timezone: String
    /// The first day of the cycle year (`start`, default `01-01`).
    public var start: MonthDay
    /// The language of explanations and reports (`language`, default ``Language/nb``).
    public var language: Language
    /// The most occurrences one recurring event may expand to in a cycle
    /// (`max-occurrences`, default 10 000): a guard against runaway rules.
    public var maxOccurrencesPerEvent: Int

    /// The default of ``maxOccurrencesPerEvent``.
    public static let defaultMaxOccurrencesPerEvent = 10_000

    /// Creates cycle settings.
    public init(
        name: String,
        timezone: String,
        start: MonthDay = .januaryFirst,
        language: Language = .nb,
        maxOccurrencesPerEvent: Int = CycleSettings.defaultMaxOccurrencesPerEvent
    ) {
        self.name = name
        self.timezone = timezone
        self.start = start
        self.language = language
        self.maxOccurrencesPerEvent = maxOccurrencesPerEvent
    }
}

/// The language of explanations and reports (`[cycle] language`, `--language`); its texts
/// are in ``Messages`` (``messages``).
public enum Language: String, Sendable, Hashable, CaseIterable {
    /// Norwegian bokmål, the default.
    case nb
    /// Norwegian nynorsk.
    case nn
    /// English.
    case en
}

/// A day of the year without a year, written `"MM-DD"` in the configuration
/// (`start = "08-01"`, `after = "12-01"`).
///
/// `02-29` is allowed; what it means in a year without 29 February is up to the code that
/// uses the value.
///
/// ```swift
/// MonthDay("08-01")    // August 1st
/// MonthDay("8-1")      // nil: two digits each
/// MonthDay("02-30")    // nil
/// ```
public struct MonthDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The month, 1–12.
    public var month: Int
    /// The day of the month, 1–31 (at most 29 in February).
    public var day: Int

    /// 1 January, the default start of a cycle.
    public static let januaryFirst = MonthDay(validMonth: 1, day: 1)

    /// Parses `"MM-DD"`: two digits, a hyphen, two digits, naming a day that exists in some
    /// year (so `02-29` is accepted and `04-31` is not).
    public init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 5, scalars[2] == "-" else { return nil }
        let digits = [scalars[0], scalars[1], scalars[3], scalars[4]]
        guard digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
        let values = digits.map { Int($0.value) - 48 }
        self.init(month: values[0] * 10 + values[1], day: values[2] * 10 + values[3])
    }

    /// Creates a day of the year, or `nil` when the day does not exist (`02-29` exists).
    public init?(month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: 2000) else { return nil }
        self.month = month
        self.day = day
    }

    private init(validMonth month: Int, day: Int) {
        self.month = month
        self.day = day
    }

    /// `"MM-DD"`.
    public var description: String {
        (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
    }

    /// Earlier in the calendar year first.
    public static func < (lhs: MonthDay, rhs: MonthDay) -> Bool {
        (lhs.month, lhs.day) < (rhs.month, rhs.day)
    }
}
