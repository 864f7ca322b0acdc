import CLibical

/// A `RECUR` value (RFC 5545 §3.3.10), checked by libical's rule parser.
///
/// The text is kept as written; the fields the expander needs are read out. Iteration runs on
/// libical's `icalrecur_iterator` (see ``RuleIterator``), which is sound for the rule itself;
/// DTSTART, RDATE, EXDATE, overrides and zones are handled in Swift by ``Expander``.
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
        var trimmed = text.trimmingCharacters(in: .whitespaces)
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

/// Steps through a rule's instances in the wall time of DTSTART, on libical's iterator.
///
/// Not `Sendable`: it owns a libical iterator that is freed on `deinit`; use it on one task.
final class RuleIterator {
    private let iterator: OpaquePointer?
    private let isDate: Bool

    /// `start` is DTSTART's wall time; `jumpTo`, when given and the rule has no COUNT, skips
    /// ahead to instances at or after that wall time.
    init?(rule: RecurrenceRule, start: LocalDateTime, isDate: Bool, jumpTo: LocalDateTime?) {
        let recurrence = rule.textWithoutUntil.withCString { icalrecurrencetype_from_string($0) }
        guard recurrence.freq != ICAL_NO_RECURRENCE else { return nil }
        self.isDate = isDate
        let dtstart = RuleIterator.icalTime(start, isDate: isDate)
        guard let iterator = icalrecur_iterator_new(recurrence, dtstart) else {
            aarshjul_clear_icalerrno()
            return nil
        }
        self.iterator = iterator
        if let jumpTo, rule.count == nil, jumpTo > start {
            _ = icalrecur_iterator_set_start(iterator, RuleIterator.icalTime(jumpTo, isDate: isDate))
        }
    }

    deinit {
        if let iterator { icalrecur_iterator_free(iterator) }
    }

    /// The next instance's wall time, or nil at the end of the rule.
    func next() -> LocalDateTime? {
        guard let iterator else { return nil }
        let time = icalrecur_iterator_next(iterator)
        if icaltime_is_null_time(time) != 0 { return nil }
        return LocalDateTime(year: Int(time.year), month: Int(time.month), day: Int(time.day),
                             hour: isDate ? 0 : Int(time.hour), minute: isDate ? 0 : Int(time.minute), second: isDate ? 0 : Int(time.second))
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
