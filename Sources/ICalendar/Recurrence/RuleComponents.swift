/// A Gregorian rule's parts read into numbers, with the defaults RFC 5545 §3.3.10 takes from
/// DTSTART filled in, ready for ``GregorianRuleIterator``.
///
/// The rule text has already been judged by libical (``RecurrenceRule/parse(_:lenient:)``);
/// this only reads it. A rule with `RSCALE` (RFC 7529) is not read here: libical iterates it.
struct RuleComponents: Sendable, Hashable {
    /// One `BYDAY` entry: a weekday (ISO, 1 = Monday … 7 = Sunday), with an ordinal or not.
    struct Weekday: Sendable, Hashable {
        var ordinal: Int?
        var weekday: Int
    }

    var frequency: RecurrenceRule.Frequency
    var interval: Int
    var count: Int?
    /// `WKST` as an ISO weekday (Monday when absent).
    var weekStart = 1
    var months: [Int] = []
    var weekNumbers: [Int] = []
    var yearDays: [Int] = []
    var monthDays: [Int] = []
    /// `BYDAY` entries without an ordinal (and, under WEEKLY or shorter, every entry: an
    /// ordinal means nothing there).
    var weekdays: Set<Int> = []
    /// `BYDAY` entries with an ordinal, under MONTHLY and YEARLY.
    var ordinalWeekdays: [Weekday] = []
    var hasWeekdayFilter = false
    var hours: [Int] = []
    var minutes: [Int] = []
    var seconds: [Int] = []
    var setPositions: [Int] = []
    /// Whether a part names no real value (only `BYSECOND=60`): the rule has no instances.
    var matchesNothing = false

    /// The ISO weekday of a two-letter iCalendar day code.
    static func weekday(code: Substring) -> Int? {
        switch code {
        case "MO": return 1
        case "TU": return 2
        case "WE": return 3
        case "TH": return 4
        case "FR": return 5
        case "SA": return 6
        case "SU": return 7
        default: return nil
        }
    }

    /// Reads a rule for DTSTART `start`; nil for a rule with `RSCALE` or a part this reader
    /// does not know how to read (libical then iterates it).
    init?(rule: RecurrenceRule, start: LocalDateTime) {
        frequency = rule.frequency
        interval = rule.interval
        count = rule.count
        var sawMonthDayFilters = false
        for part in rule.text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            let key = pair[0].uppercased()
            let items = pair[1].uppercased().split(separator: ",").map { $0.trimmedSpaces }
            func numbers(_ range: ClosedRange<Int>, zeroAllowed: Bool = true) -> [Int]? {
                var values: [Int] = []
                for item in items {
                    let text = item.hasPrefix("+") ? String(item.dropFirst()) : item
                    guard let value = Int(text), range.contains(value), zeroAllowed || value != 0 else { return nil }
                    values.append(value)
                }
                return values
            }
            switch key {
            case "FREQ", "INTERVAL", "COUNT", "UNTIL":
                continue
            case "RSCALE", "SKIP":
                return nil
            case "WKST":
                guard items.count == 1, let day = Self.weekday(code: Substring(items[0])) else { return nil }
                weekStart = day
            case "BYMONTH":
                guard let values = numbers(1...12) else { return nil }
                months = values
            case "BYWEEKNO":
                guard let values = numbers(-53...53, zeroAllowed: false) else { return nil }
                weekNumbers = values
                sawMonthDayFilters = true
            case "BYYEARDAY":
                guard let values = numbers(-366...366, zeroAllowed: false) else { return nil }
                yearDays = values
                sawMonthDayFilters = true
            case "BYMONTHDAY":
                guard let values = numbers(-31...31, zeroAllowed: false) else { return nil }
                monthDays = values
                sawMonthDayFilters = true
            case "BYDAY":
                for item in items {
                    guard item.count >= 2, let day = Self.weekday(code: item.suffix(2)) else { return nil }
                    let prefix = item.dropLast(2)
                    var ordinal: Int?
                    if !prefix.isEmpty {
                        let digits = prefix.hasPrefix("+") ? prefix.dropFirst() : prefix
                        guard let value = Int(digits), value != 0, abs(value) <= 53 else { return nil }
                        ordinal = value
                    }
                    if let ordinal, frequency == .monthly || frequency == .yearly {
                        ordinalWeekdays.append(Weekday(ordinal: ordinal, weekday: day))
                    } else {
                        weekdays.insert(day)
                    }
                }
                hasWeekdayFilter = true
                sawMonthDayFilters = true
            case "BYHOUR":
                guard let values = numbers(0...23) else { return nil }
                hours = values
            case "BYMINUTE":
                guard let values = numbers(0...59) else { return nil }
                minutes = values
            case "BYSECOND":
                // 60 (a leap second) is valid text but no wall time has it: it never matches.
                guard let values = numbers(0...60) else { return nil }
                seconds = values.filter { $0 < 60 }
                if seconds.isEmpty { matchesNothing = true }
            case "BYSETPOS":
                guard let values = numbers(-366...366, zeroAllowed: false) else { return nil }
                setPositions = values
            default:
                // X- parts and other extensions do not change the dates.
                continue
            }
        }
        // RFC 5545 §3.3.10: what the rule does not say is taken from DTSTART.
        if !sawMonthDayFilters {
            switch frequency {
            case .yearly:
                if months.isEmpty { months = [start.date.month] }
                monthDays = [start.date.day]
            case .monthly:
                monthDays = [start.date.day]
            case .weekly:
                weekdays = [start.date.weekday]
                hasWeekdayFilter = true
            default:
                break
            }
        }
        if hours.isEmpty, [.daily, .weekly, .monthly, .yearly].contains(frequency) { hours = [start.hour] }
        if minutes.isEmpty, frequency != .minutely && frequency != .secondly { minutes = [start.minute] }
        if seconds.isEmpty, frequency != .secondly { seconds = [min(start.second, 59)] }
        months = Array(Set(months)).sorted()
        hours = Array(Set(hours)).sorted()
        minutes = Array(Set(minutes)).sorted()
        seconds = Array(Set(seconds)).sorted()
    }
}
