/// The times iCalendar can write: years 0000 to 9999, as `date-fullyear = 4DIGIT` in
/// RFC 5545 §3.3.4 allows.
///
/// Arithmetic on dates can leave that range (a start in 9999 plus a long DURATION, or a
/// late wall time moved to UTC); such a result has no iCalendar text, so it is reported as
/// out of range and never written or printed.
///
/// ```swift
/// CalendarRange.contains(LocalDateTime(year: 9999, month: 12, day: 31, hour: 23))   // true
/// CalendarRange.end(of: LocalDateTime(year: 9999, month: 12, day: 31),
///                   plus: ICalDuration(days: 1))                                     // nil
/// ```
public enum CalendarRange {
    /// The first time: 0000-01-01T00:00:00.
    public static let first = LocalDateTime(year: 0, month: 1, day: 1)
    /// The last time: 9999-12-31T23:59:59.
    public static let last = LocalDateTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)
    /// ``first`` in seconds since 1970-01-01T00:00:00.
    public static let firstSecond = first.secondsSinceEpoch
    /// ``last`` in seconds since 1970-01-01T00:00:00.
    public static let lastSecond = last.secondsSinceEpoch

    /// Whether a wall time lies between ``first`` and ``last``.
    public static func contains(_ time: LocalDateTime) -> Bool { contains(time.date) }

    /// Whether a date lies in years 0000–9999.
    public static func contains(_ date: LocalDate) -> Bool { date.year >= 0 && date.year <= 9999 }

    /// Whether a value (its wall time, or its instant when one is given) lies in the range.
    public static func contains(_ value: DateTimeValue, instant: Int? = nil) -> Bool {
        if let instant, instant < firstSecond || instant > lastSecond { return false }
        return contains(value.local)
    }

    /// `start` plus `duration` on the wall clock (days nominal, then exact seconds), or nil
    /// when the end falls outside the range.
    ///
    /// - Complexity: O(1).
    public static func end(of start: LocalDateTime, plus duration: ICalDuration) -> LocalDateTime? {
        // A parsed duration is at most ICalDuration.maximumSeconds, but one built in code
        // may hold any fields: sum them with checked arithmetic.
        var length = 0
        for (value, unit) in [(duration.weeks, 604_800), (duration.days, 86_400), (duration.hours, 3_600),
                              (duration.minutes, 60), (duration.seconds, 1)] {
            let (product, overflowProduct) = value.multipliedReportingOverflow(by: unit)
            let (sum, overflowSum) = length.addingReportingOverflow(product)
            guard !overflowProduct, !overflowSum else { return nil }
            length = sum
        }
        guard length.magnitude <= UInt(lastSecond - firstSecond) else { return nil }
        if duration.isNegative { length = -length }
        let end = start.secondsSinceEpoch + length
        guard end >= firstSecond, end <= lastSecond else { return nil }
        return LocalDateTime(secondsSinceEpoch: end)
    }
}

extension Expansion {
    /// Leaves out the occurrences that start or end outside ``CalendarRange`` (in wall time or
    /// as an instant), with one error per item: their times have no iCalendar text.
    ///
    /// - Complexity: O(*k*) in the number of occurrences.
    mutating func leaveOutOccurrencesBeyondCalendarRange(fileName: String) {
        guard occurrences.contains(where: { !$0.isWithinCalendarRange }) else { return }
        var reported: Set<Int> = []
        occurrences.removeAll { occurrence in
            guard !occurrence.isWithinCalendarRange else { return false }
            let component = occurrence.component
            let property = component.property("DTSTART") ?? component.property("RECURRENCE-ID")
            let line = property?.line ?? component.line
            if reported.insert(line).inserted {
                let name = component.summary ?? (occurrence.uid.isEmpty ? component.name : occurrence.uid)
                let start = CalendarRange.contains(occurrence.start.local) ? " starting \(occurrence.start)" : ""
                diagnostics.append(Diagnostic(severity: .error, file: fileName, line: line, property: property?.name,
                                              message: "\"\(name)\": an occurrence\(start) reaches past 9999-12-31T23:59:59 (or before year 0000), out of the range of iCalendar dates; it is left out"))
            }
            return true
        }
    }
}

extension Occurrence {
    /// Whether the start and the end lie in ``CalendarRange``.
    var isWithinCalendarRange: Bool {
        CalendarRange.contains(start, instant: startUTC) && CalendarRange.contains(end, instant: endUTC)
    }
}
