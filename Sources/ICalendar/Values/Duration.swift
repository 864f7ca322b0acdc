/// A `DURATION` value (RFC 5545 §3.3.6): `P1W`, `PT1H30M`, `-P1D`.
///
/// Days and weeks are nominal (a day is a calendar day, 23 or 25 hours across a DST change);
/// hours, minutes and seconds are exact.
public struct ICalDuration: Hashable, Sendable, CustomStringConvertible {
    /// Whether the duration is negative.
    public var isNegative: Bool
    /// Weeks.
    public var weeks: Int
    /// Days.
    public var days: Int
    /// Hours.
    public var hours: Int
    /// Minutes.
    public var minutes: Int
    /// Seconds.
    public var seconds: Int

    /// Creates a duration.
    public init(isNegative: Bool = false, weeks: Int = 0, days: Int = 0, hours: Int = 0, minutes: Int = 0, seconds: Int = 0) {
        self.isNegative = isNegative
        self.weeks = weeks
        self.days = days
        self.hours = hours
        self.minutes = minutes
        self.seconds = seconds
    }

    /// The nominal part in days (weeks × 7 + days), signed.
    public var nominalDays: Int { (weeks * 7 + days) * (isNegative ? -1 : 1) }

    /// The exact part in seconds, signed.
    public var exactSeconds: Int { (hours * 3_600 + minutes * 60 + seconds) * (isNegative ? -1 : 1) }

    /// The whole duration in seconds with days counted as 86,400 s.
    public var totalSeconds: Int { nominalDays * 86_400 + exactSeconds }

    /// The longest duration that fits between two dates iCalendar can write: from
    /// 0000-01-01T00:00:00 to 9999-12-31T23:59:59 (3,652,425 days less a second).
    public static let maximumSeconds = CalendarRange.lastSecond - CalendarRange.firstSecond

    /// Why a text is not a usable duration.
    public enum ParseError: Error, Hashable, Sendable {
        /// The text does not follow the grammar of RFC 5545 §3.3.6.
        case notADuration
        /// It follows the grammar but is longer than ``maximumSeconds``: no two dates that
        /// iCalendar can write are that far apart.
        case outOfRange
    }

    /// Parses `[+-]P…`; nil when the text is not a duration or is out of range.
    public static func parse(_ text: String) -> ICalDuration? {
        try? read(text).get()
    }

    /// Parses `[+-]P…`, telling a text that is not a duration from one that is too long.
    ///
    /// - Complexity: O(*n*) in the length of the text.
    public static func read(_ text: String) -> Result<ICalDuration, ParseError> {
        var bytes = Substring(text.trimmedSpaces.uppercased())
        var result = ICalDuration()
        if bytes.first == "-" { result.isNegative = true; bytes = bytes.dropFirst() }
        else if bytes.first == "+" { bytes = bytes.dropFirst() }
        guard bytes.first == "P" else { return .failure(.notADuration) }
        bytes = bytes.dropFirst()
        // A number past the maximum is held at maximum + 1: out of range, but no overflow.
        let cap = maximumSeconds + 1
        var inTime = false
        var number: Int?
        var sawAny = false
        for character in bytes {
            if let digit = character.wholeNumberValue, character.isASCII {
                number = min(cap, (number ?? 0) * 10 + digit)
                continue
            }
            switch character {
            case "T":
                guard !inTime, number == nil else { return .failure(.notADuration) }
                inTime = true
                sawAny = false  // "P1DT" is not a duration: T must be followed by H, M or S
            case "W", "D", "H", "M", "S":
                guard let value = number else { return .failure(.notADuration) }
                switch (character, inTime) {
                case ("W", false): result.weeks = value
                case ("D", false): result.days = value
                case ("H", true): result.hours = value
                case ("M", true): result.minutes = value
                case ("S", true): result.seconds = value
                default: return .failure(.notADuration)
                }
                number = nil
                sawAny = true
            default:
                return .failure(.notADuration)
            }
        }
        guard sawAny, number == nil else { return .failure(.notADuration) }
        // Each field is at most `cap` (3.2e11), so the sum stays far below Int.max.
        let length = (result.weeks * 7 + result.days) * 86_400 + result.hours * 3_600 + result.minutes * 60 + result.seconds
        guard length <= maximumSeconds else { return .failure(.outOfRange) }
        return .success(result)
    }

    /// The canonical text (`P1D`, `PT1H30M`, `-P1W`, `PT0S`).
    public var description: String {
        var text = isNegative ? "-P" : "P"
        if weeks > 0 { text += "\(weeks)W" }
        if days > 0 { text += "\(days)D" }
        if hours > 0 || minutes > 0 || seconds > 0 {
            text += "T"
            if hours > 0 { text += "\(hours)H" }
            if minutes > 0 { text += "\(minutes)M" }
            if seconds > 0 { text += "\(seconds)S" }
        }
        if text.hasSuffix("P") { text += weeks == 0 && days == 0 ? "T0S" : "" }
        return text
    }
}

/// A `PERIOD` value (RFC 5545 §3.3.9): a start with an end or a duration.
public struct Period: Hashable, Sendable {
    /// The start.
    public var start: DateTimeValue
    /// How it ends.
    public var end: End

    /// The two ways a period ends.
    public enum End: Hashable, Sendable {
        /// An explicit end.
        case date(DateTimeValue)
        /// A duration from the start.
        case duration(ICalDuration)
    }

    /// Creates a period.
    public init(start: DateTimeValue, end: End) {
        self.start = start
        self.end = end
    }

    /// Parses `start/end` or `start/duration`; `tzid` applies to both times.
    public static func parse(_ text: String, tzid: String? = nil) -> Period? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = DateTimeValue.parse(String(parts[0]), tzid: tzid), !start.isDate else { return nil }
        if let duration = ICalDuration.parse(String(parts[1])), !duration.isNegative {
            return Period(start: start, end: .duration(duration))
        }
        guard let end = DateTimeValue.parse(String(parts[1]), tzid: tzid), !end.isDate else { return nil }
        return Period(start: start, end: .date(end))
    }
}

/// A `UTC-OFFSET` value (RFC 5545 §3.3.14): `+0100`, `-053000`.
public struct UTCOffset: Hashable, Sendable, CustomStringConvertible {
    /// Seconds east of UTC.
    public var seconds: Int

    /// Creates an offset.
    public init(seconds: Int) { self.seconds = seconds }

    /// Parses `±HHMM` or `±HHMMSS`.
    public static func parse(_ text: String) -> UTCOffset? {
        let trimmed = text.trimmedSpaces
        guard let sign = trimmed.first, sign == "+" || sign == "-" else { return nil }
        let digits = trimmed.dropFirst()
        guard digits.count == 4 || digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int(digits) else { return nil }
        let (hours, minutes, seconds) = digits.count == 4 ? (value / 100, value % 100, 0) : (value / 10_000, value / 100 % 100, value % 100)
        guard hours < 24, minutes < 60, seconds < 60 else { return nil }
        let total = hours * 3_600 + minutes * 60 + seconds
        return UTCOffset(seconds: sign == "-" ? -total : total)
    }

    /// `+0100`, or `+013045` when there are seconds.
    public var description: String {
        let sign = seconds < 0 ? "-" : "+"
        let total = abs(seconds)
        let text = sign + pad(total / 3_600, 2) + pad(total / 60 % 60, 2)
        return total % 60 == 0 ? text : text + pad(total % 60, 2)
    }
}

extension Property {
    /// The value as a DURATION.
    public var durationValue: ICalDuration? { ICalDuration.parse(value) }

    /// The value as a list of PERIODs (`RDATE;VALUE=PERIOD`, `FREEBUSY`).
    public var periodValues: [Period]? {
        let tzid = parameter("TZID")
        var result: [Period] = []
        for part in value.split(separator: ",") {
            guard let period = Period.parse(part.trimmedSpaces, tzid: tzid) else { return nil }
            result.append(period)
        }
        return result.isEmpty ? nil : result
    }

    /// The value as a UTC-OFFSET.
    public var utcOffsetValue: UTCOffset? { UTCOffset.parse(value) }

    /// The value as an INTEGER.
    public var integerValue: Int? { Int(value.trimmedSpaces) }

    /// The value as TEXT with `\n`, `\,`, `\;` and `\\` unescaped (RFC 5545 §3.3.11).
    public var textValue: String { TextEscaping.unescape(value) }
}

/// TEXT escaping (RFC 5545 §3.3.11).
public enum TextEscaping {
    /// Decodes `\\`, `\;`, `\,`, `\n` and `\N`; other backslashes are kept.
    public static func unescape(_ text: String) -> String {
        guard text.utf8.contains(0x5C) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "n", "N": out.append("\n")
                case "\\", ";", ",", ":", "\"": out.append(character)
                default: out.append("\\"); out.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        if escaping { out.append("\\") }
        return out
    }

    /// Encodes a text for a TEXT value.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out
    }
}
