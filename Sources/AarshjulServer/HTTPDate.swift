import Aarshjul
import ICalendar

/// HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, read in all three forms a
/// recipient must accept.
///
/// ```swift
/// HTTPDate.format(784_111_777)                          // "Sun, 06 Nov 1994 08:49:37 GMT"
/// HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")      // 784111777
/// HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT")     // 784111777 (RFC 850)
/// HTTPDate.parse("Sun Nov  6 08:49:37 1994")           // 784111777 (asctime)
/// ```
///
/// Pure arithmetic on seconds since 1970 (no `DateFormatter`, no locale, no time zone).
public enum HTTPDate {
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let longWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// IMF-fixdate for seconds since 1970-01-01T00:00:00Z.
    ///
    /// - Complexity: O(1).
    public static func format(_ seconds: Int) -> String {
        let time = LocalDateTime(secondsSinceEpoch: seconds)
        let date = time.date
        return "\(weekdays[date.weekday - 1]), \(two(date.day)) \(months[date.month - 1]) \(date.year) "
            + "\(two(time.hour)):\(two(time.minute)):\(two(time.second)) GMT"
    }

    /// Seconds since 1970 for an HTTP date in IMF-fixdate, RFC 850 or asctime form, or `nil`
    /// when the text is none of them (RFC 9110: an invalid date in `If-Modified-Since` is
    /// ignored). A two-digit RFC 850 year is read as 2000–2069 for `00`–`69` and 1970–1999
    /// for `70`–`99`. The weekday is not checked against the date.
    ///
    /// - Complexity: O(*n*) in the length of the text.
    public static func parse(_ text: String) -> Int? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        if words.count == 6, words[0].hasSuffix(","), weekdays.contains(String(words[0].dropLast())), words[5] == "GMT",
           let day = Int(words[1]), words[1].count == 2, let month = monthNumber(words[2]),
           words[3].count == 4, let year = Int(words[3]) {
            return seconds(year: year, month: month, day: day, time: words[4])
        }
        // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
        if words.count == 4, words[0].hasSuffix(","), longWeekdays.contains(String(words[0].dropLast())), words[3] == "GMT" {
            let parts = words[1].split(separator: "-").map(String.init)
            guard parts.count == 3, parts[0].count == 2, let day = Int(parts[0]), let month = monthNumber(parts[1]),
                  parts[2].count == 2, let short = Int(parts[2]) else { return nil }
            return seconds(year: 1900 + short < 1970 ? 2000 + short : 1900 + short, month: month, day: day, time: words[2])
        }
        // asctime: Sun Nov  6 08:49:37 1994
        if words.count == 5, weekdays.contains(words[0]), let month = monthNumber(words[1]),
           let day = Int(words[2]), (1...2).contains(words[2].count), words[4].count == 4, let year = Int(words[4]) {
            return seconds(year: year, month: month, day: day, time: words[3])
        }
        return nil
    }

    private static func monthNumber(_ text: String) -> Int? {
        months.firstIndex(of: text).map { $0 + 1 }
    }

    private static func seconds(year: Int, month: Int, day: Int, time: String) -> Int? {
        let parts = time.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), let second = Int(parts[2]),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        return LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).secondsSinceEpoch
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
