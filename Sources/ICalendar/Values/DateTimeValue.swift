/// A `DATE` or `DATE-TIME` value with its kind of time (RFC 5545 §3.3.4, §3.3.5).
public enum DateTimeValue: Hashable, Sendable, CustomStringConvertible {
    /// An all-day date.
    case date(LocalDate)
    /// A floating wall time, the same in every zone (form 1).
    case floating(LocalDateTime)
    /// A UTC time, written with `Z` (form 2).
    case utc(LocalDateTime)
    /// A wall time in a named zone, written with `TZID=` (form 3). The TZID is as written.
    case zoned(LocalDateTime, tzid: String)

    /// Whether this is a date without a time.
    public var isDate: Bool {
        if case .date = self { return true }
        return false
    }

    /// The wall-clock fields (midnight for a date).
    public var local: LocalDateTime {
        switch self {
        case .date(let date): return LocalDateTime(date: date)
        case .floating(let time), .utc(let time), .zoned(let time, _): return time
        }
    }

    /// The date part.
    public var date: LocalDate { local.date }

    /// The TZID, for a zoned value.
    public var tzid: String? {
        if case .zoned(_, let tzid) = self { return tzid }
        return nil
    }

    /// The same kind of value with other wall-clock fields.
    public func with(local time: LocalDateTime) -> DateTimeValue {
        switch self {
        case .date: return .date(time.date)
        case .floating: return .floating(time)
        case .utc: return .utc(time)
        case .zoned(_, let tzid): return .zoned(time, tzid: tzid)
        }
    }

    /// The value text as written after the colon (`20270328`, `20270328T090000Z`).
    public var icalendarText: String {
        switch self {
        case .date(let date): return date.icalendarText
        case .floating(let time), .zoned(let time, _): return time.icalendarText
        case .utc(let time): return time.icalendarText + "Z"
        }
    }

    /// A readable form: `2027-03-28`, `2027-03-28T09:00:00`, `…Z`, `… [Europe/Oslo]`.
    public var description: String {
        switch self {
        case .date(let date): return date.description
        case .floating(let time): return time.description
        case .utc(let time): return time.description + "Z"
        case .zoned(let time, let tzid): return "\(time) [\(tzid)]"
        }
    }

    /// Parses the value text of a DATE or DATE-TIME. `tzid` is the property's TZID parameter.
    ///
    /// Accepts exactly `YYYYMMDD`, `YYYYMMDDTHHMMSS` and `YYYYMMDDTHHMMSSZ`; a `TZID` on a UTC or
    /// date value is ignored, as RFC 5545 §3.2.19 says it must not be there.
    public static func parse(_ text: String, tzid: String? = nil) -> DateTimeValue? {
        var text = text
        return text.withUTF8 { parse(bytes: $0, tzid: tzid) }
    }

    /// ``parse(_:tzid:)`` on the UTF-8 bytes, without copying them.
    static func parse(bytes: UnsafeBufferPointer<UInt8>, tzid: String?) -> DateTimeValue? {
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 8, let year = number(0..<4), let month = number(4..<6), let day = number(6..<8) else { return nil }
        let date = LocalDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        if bytes.count == 8 { return .date(date) }
        guard bytes.count == 15 || (bytes.count == 16 && (bytes[15] == 0x5A || bytes[15] == 0x7A)), bytes[8] == 0x54 || bytes[8] == 0x74,
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              hour < 24, minute < 60, second <= 60 else { return nil }
        let time = LocalDateTime(date: date, hour: hour, minute: minute, second: second)
        if bytes.count == 16 { return .utc(time) }
        if let tzid, !tzid.isEmpty { return .zoned(time, tzid: tzid) }
        return .floating(time)
    }
}

extension Property {
    /// The value as a DATE or DATE-TIME (first of a list), honouring `VALUE=DATE` and `TZID`.
    public var dateTimeValue: DateTimeValue? {
        // One value (DTSTART, DTEND, DTSTAMP…): parsed in place, without splitting a list.
        if !value.containsByte(where: { $0 == 0x2C }) {
            return DateTimeValue.parse(value.trimmedSpaces, tzid: parameter("TZID"))
        }
        return dateTimeValues?.first
    }

    /// The value as a comma-separated list of DATE or DATE-TIME values (EXDATE, RDATE);
    /// `nil` when any element does not parse.
    public var dateTimeValues: [DateTimeValue]? {
        let tzid = parameter("TZID")
        var result: [DateTimeValue] = []
        for part in value.split(separator: ",", omittingEmptySubsequences: true) {
            let trimmed = part.trimmedSpaces
            guard let parsed = DateTimeValue.parse(trimmed, tzid: tzid) else { return nil }
            result.append(parsed)
        }
        return result.isEmpty ? nil : result
    }
}
