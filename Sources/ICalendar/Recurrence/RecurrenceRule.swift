import CLibical

/// A `RECUR` value (RFC 5545 §3.3.10), checked by libical's rule parser.
///
/// The text is kept as written; the fields the expander needs are read out. Gregorian rules
/// are iterated in Swift by the RFC 5545 algorithm, `RSCALE` rules by libical (see
/// `RuleIterator`); DTSTART, RDATE, EXDATE, overrides and zones are handled in Swift by
/// ``Expander``.
public struct RecurrenceRule: Hashable, Sendable {
    /// How often the rule repeats.
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        case secondly = "SECONDLY", minutely = "MINUTELY", hourly = "HOURLY", daily = "DAILY"
        case weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY"
    }

    /// The rule text as written (`FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231T230000Z`).
    public var text: String
    /// The frequency.
    public var frequency: Frequency
    /// `COUNT`, if given.
    public var count: Int?
    /// `UNTIL`, if given, as written (a date, a UTC time or a floating time).
    public var until: DateTimeValue?
    /// `INTERVAL` (1 when absent).
    public var interval: Int

    /// Why a rule text was refused.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The reason in plain words.
        public var description: String
    }

    /// Parses and checks a rule.
    ///
    /// With `lenient`, the mistakes real producers make and whose meaning is clear are
    /// forgiven: a negative COUNT beside UNTIL (seen from some CalDAV servers) is dropped.
    public static func parse(_ text: String, lenient: Bool = false) -> Result<RecurrenceRule, ParseError> {
        var trimmed = text.trimmedSpaces
        if lenient {
            trimmed = trimmed.split(separator: ";").filter { part in
                let upper = part.uppercased()
                return !(upper.hasPrefix("COUNT=-"))
            }.joined(separator: ";")
        }
        var parts: [String: String] = [:]
        for part in trimmed.split(separator: ";", omittingEmptySubsequences: true) {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return .failure(ParseError(description: "\"\(part)\" is not NAME=VALUE")) }
            let key = pair[0].uppercased()
            if parts[key] != nil { return .failure(ParseError(description: "\(key) is given twice")) }
            parts[key] = String(pair[1])
        }
        guard let freqText = parts["FREQ"] else { return .failure(ParseError(description: "FREQ is missing")) }
        guard let frequency = Frequency(rawValue: freqText.uppercased()) else {
            return .failure(ParseError(description: "FREQ=\(freqText) is not a frequency (SECONDLY … YEARLY)"))
        }
        if parts["COUNT"] != nil && parts["UNTIL"] != nil {
            return .failure(ParseError(description: "COUNT and UNTIL must not both be given"))
        }
        var count: Int?
        if let countText = parts["COUNT"] {
            guard let value = Int(countText), value >= 0 else { return .failure(ParseError(description: "COUNT=\(countText) is not a whole number")) }
            count = value
        }
        var until: DateTimeValue?
        if let untilText = parts["UNTIL"] {
            guard let value = DateTimeValue.parse(untilText) else {
                return .failure(ParseError(description: "UNTIL=\(untilText) is not a DATE or DATE-TIME"))
            }
            until = value
        }
        var interval = 1
        if let intervalText = parts["INTERVAL"] {
            guard let value = Int(intervalText), value >= 1, value <= Int(Int16.max) else {
                return .failure(ParseError(description: "INTERVAL=\(intervalText) is not a positive whole number"))
            }
            interval = value
        }
        // libical is the judge of the BY* parts.
        let parsed = trimmed.withCString { icalrecurrencetype_from_string($0) }
        if parsed.freq == ICAL_NO_RECURRENCE {
            aarshjul_clear_icalerrno()
            return .failure(ParseError(description: "libical cannot read the rule \"\(trimmed)\""))
        }
        return .success(RecurrenceRule(text: trimmed, frequency: frequency, count: count, until: until, interval: interval))
    }

    /// The rule text without `UNTIL` (the expander applies UNTIL itself, in the right zone).
    var textWithoutUntil: String {
        text.split(separator: ";").filter { !$0.uppercased().hasPrefix("UNTIL=") }.joined(separator: ";")
    }
}

extension Property {
    /// The value as a RECUR, if it parses.
    public var recurrenceRule: RecurrenceRule? {
        if case .success(let rule) = RecurrenceRule.parse(value) { return rule }
        return nil
    }
}

/// Steps through a non-Gregorian (`RSCALE`, RFC 7529) rule's instances in the wall time of
/// DTSTART, on libical's iterator (Debian's libical is built with ICU, which knows the Hebrew,
/// Chinese and other calendars). Gregorian rules are iterated in Swift by
/// ``GregorianRuleIterator``; see ``RuleIterator``.
///
/// Two guards keep libical 3.0.16 from spinning: a rule whose time filters name no real time
/// (`BYSECOND=60`) yields nothing without asking libical, and a SECONDLY, MINUTELY or HOURLY
/// rule with day filters (which libical steps through second by second) takes its days from a
/// DAILY rule and its times from ``SubDailySteps``.
///
/// Not `Sendable`: it owns a libical iterator that is freed on `deinit`; use it on one task.
final class LibicalRuleIterator {
    private let iterator: OpaquePointer?
    private let isDate: Bool
    private var subDaily: SubDailySteps?

    /// `start` is DTSTART's wall time; `jumpTo`, when given and the rule has no COUNT, skips
    /// ahead to instances at or after that wall time.
    init?(rule: RecurrenceRule, start: LocalDateTime, isDate: Bool, jumpTo: LocalDateTime?) {
        let parts = RuleParts(rule.textWithoutUntil)
        self.isDate = isDate
        if parts.timeFiltersCannotMatch {
            iterator = nil
            return
        }
        // libical steps these second by second and may never return: refused (the expander
        // reports the rule as unreadable).
        let subDailyFrequency = [.secondly, .minutely, .hourly].contains(rule.frequency)
        if subDailyFrequency && (isDate || parts.values["BYSETPOS"] != nil) { return nil }
        var text = rule.textWithoutUntil
        var steps: SubDailySteps?
        if !isDate, let plan = SubDailySteps(rule: rule, parts: parts, start: start) {
            text = plan.dayRule
            steps = plan
        }
        let recurrence = text.withCString { icalrecurrencetype_from_string($0) }
        guard recurrence.freq != ICAL_NO_RECURRENCE else {
            aarshjul_clear_icalerrno()
            return nil
        }
        let dayStart = steps == nil ? start : LocalDateTime(date: start.date)
        let dtstart = LibicalRuleIterator.icalTime(dayStart, isDate: steps == nil ? isDate : true)
        guard let iterator = icalrecur_iterator_new(recurrence, dtstart) else {
            aarshjul_clear_icalerrno()
            return nil
        }
        self.iterator = iterator
        self.subDaily = steps
        if let jumpTo, rule.count == nil, jumpTo > start {
            let target = steps == nil ? jumpTo : LocalDateTime(date: jumpTo.date)
            _ = icalrecur_iterator_set_start(iterator, LibicalRuleIterator.icalTime(target, isDate: steps == nil ? isDate : true))
            subDaily?.skip(before: jumpTo)
        }
    }

    deinit {
        if let iterator { icalrecur_iterator_free(iterator) }
    }

    /// The next instance's wall time, or nil at the end of the rule.
    func next() -> LocalDateTime? {
        if subDaily != nil { return nextSubDaily() }
        return nextFromLibical()
    }

    private func nextFromLibical() -> LocalDateTime? {
        guard let iterator else { return nil }
        let time = icalrecur_iterator_next(iterator)
        if icaltime_is_null_time(time) != 0 { return nil }
        return LocalDateTime(year: Int(time.year), month: Int(time.month), day: Int(time.day),
                             hour: isDate ? 0 : Int(time.hour), minute: isDate ? 0 : Int(time.minute), second: isDate ? 0 : Int(time.second))
    }

    private func nextSubDaily() -> LocalDateTime? {
        // Days whose times never fit (BYSECOND=1 with a 2-second INTERVAL that started on :00)
        // would be stepped through for ever: after this many empty days in a row, the rule is
        // taken to have no more instances.
        var emptyDays = 0
        while subDaily != nil {
            if let time = subDaily?.next() { return time }
            if subDaily?.isExhausted ?? true { return nil }
            guard let iterator, emptyDays < 400 else { return nil }
            let day = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(day) != 0 { return nil }
            subDaily?.begin(LocalDate(year: Int(day.year), month: Int(day.month), day: Int(day.day)))
            emptyDays += 1
        }
        return nil
    }

    private static func icalTime(_ time: LocalDateTime, isDate: Bool) -> icaltimetype {
        var value = icaltime_null_time()
        value.year = Int32(time.date.year)
        value.month = Int32(time.date.month)
        value.day = Int32(time.date.day)
        if isDate {
            value.is_date = 1
        } else {
            value.hour = Int32(time.hour)
            value.minute = Int32(time.minute)
            value.second = Int32(min(time.second, 59))
        }
        return value
    }
}

/// The `BY…` parts of a rule, read as numbers.
struct RuleParts {
    var values: [String: [String]] = [:]

    init(_ text: String) {
        for part in text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            values[pair[0].uppercased()] = pair[1].split(separator: ",").map { $0.trimmedSpaces.uppercased() }
        }
    }

    func numbers(_ key: String) -> [Int]? {
        values[key].map { $0.compactMap { Int($0) } }
    }

    /// Whether BYHOUR, BYMINUTE or BYSECOND name no real time (libical accepts BYSECOND=60
    /// and then never produces it). Nothing is reasoned about months or month lengths: this
    /// guards RSCALE rules, whose months (`5L`) and lengths are not Gregorian.
    var timeFiltersCannotMatch: Bool {
        if let hours = numbers("BYHOUR"), !hours.isEmpty, !hours.contains(where: { (0...23).contains($0) }) { return true }
        if let minutes = numbers("BYMINUTE"), !minutes.isEmpty, !minutes.contains(where: { (0...59).contains($0) }) { return true }
        if let seconds = numbers("BYSECOND"), !seconds.isEmpty, !seconds.contains(where: { (0...59).contains($0) }) { return true }
        return false
    }

    var hasTimeFilters: Bool {
        ["BYHOUR", "BYMINUTE", "BYSECOND"].contains { values[$0] != nil }
    }

    var hasDayFilters: Bool {
        ["BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY"].contains { values[$0] != nil }
    }
}

/// The times of a SECONDLY, MINUTELY or HOURLY rule with day filters, one matching day at a
/// time: every DTSTART + k × INTERVAL × unit on that day whose hour, minute and second pass
/// BYHOUR, BYMINUTE and BYSECOND. COUNT is counted here.
struct SubDailySteps {
    let dayRule: String
    private let start: Int
    private let step: Int
    private let hours: [Int]
    private let minutes: Set<Int>?
    private let seconds: Set<Int>?
    private var remaining: Int?
    private var pending: [Int] = []
    private var floor: Int

    init?(rule: RecurrenceRule, parts: RuleParts, start: LocalDateTime) {
        let unit: Int
        switch rule.frequency {
        case .secondly: unit = 1
        case .minutely: unit = 60
        case .hourly: unit = 3_600
        default: return nil
        }
        guard parts.hasDayFilters || parts.hasTimeFilters, parts.values["BYSETPOS"] == nil else { return nil }
        var dayParts = ["FREQ=DAILY"]
        for key in ["BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY", "WKST"] {
            if let list = parts.values[key] { dayParts.append("\(key)=\(list.joined(separator: ","))") }
        }
        dayRule = dayParts.joined(separator: ";")
        self.start = start.secondsSinceEpoch
        step = unit * rule.interval
        hours = (parts.numbers("BYHOUR") ?? Array(0...23)).filter { (0...23).contains($0) }.sorted()
        minutes = parts.numbers("BYMINUTE").map(Set.init)
        seconds = parts.numbers("BYSECOND").map(Set.init)
        remaining = rule.count
        floor = start.secondsSinceEpoch
    }

    /// Skips instances before a wall time (for a jump to the window).
    mutating func skip(before time: LocalDateTime) {
        floor = max(floor, time.secondsSinceEpoch)
    }

    /// Fills the times of one day.
    mutating func begin(_ day: LocalDate) {
        let dayStart = day.daysSinceEpoch * 86_400
        var found: [Int] = []
        for hour in hours {
            let windowStart = max(dayStart + hour * 3_600, floor)
            let windowEnd = dayStart + (hour + 1) * 3_600
            guard windowStart < windowEnd else { continue }
            let offset = windowStart - start
            var time = start + ((offset + step - 1) / step) * step
            if offset <= 0 { time = start }
            while time < windowEnd {
                if time >= windowStart {
                    let second = ((time % 60) + 60) % 60
                    let minute = ((((time - second) / 60) % 60) + 60) % 60
                    if (minutes?.contains(minute) ?? true) && (seconds?.contains(second) ?? true) { found.append(time) }
                }
                time += step
                if found.count > 100_000 { break }
            }
        }
        pending = found.reversed()
    }

    /// The next time of the current day, counting COUNT.
    mutating func next() -> LocalDateTime? {
        if let left = remaining, left <= 0 { pending = []; return nil }
        guard let time = pending.popLast() else { return nil }
        if remaining != nil { remaining! -= 1 }
        return LocalDateTime(secondsSinceEpoch: time)
    }

    var isExhausted: Bool { remaining.map { $0 <= 0 } ?? false }
}
