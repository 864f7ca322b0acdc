import Foundation

/// Builds a `VTIMEZONE` for an IANA zone from the system database, for output that names a
/// zone no input defined (RFC 5545 §3.6.5 requires one per TZID used).
///
/// The zone's current rules are written as yearly RRULEs derived from the transitions of a
/// reference year (`BYMONTH` and `BYDAY` such as `-1SU` or `2SU`); a zone without daylight
/// saving time gets one STANDARD observance. Historical rule changes are not written: clients
/// use the VTIMEZONE for the dates in the feed, which are recent.
public enum VTimezoneBuilder {
    /// A VTIMEZONE with `TZID:` `tzid`, or nil when the system does not know the zone.
    ///
    /// - Parameters:
    ///   - identifier: the IANA zone, e.g. `Europe/Oslo`.
    ///   - tzid: the `TZID` to write, when not `identifier`.
    ///   - referenceYear: the year whose transitions define the rules.
    public static func vtimezone(for identifier: String, tzid: String? = nil, referenceYear: Int = 2026) -> Component? {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        var component = Component(name: "VTIMEZONE", properties: [
            Property(name: "TZID", value: tzid ?? identifier),
            Property(name: "X-LIC-LOCATION", value: identifier),
        ])
        let yearStart = LocalDateTime(year: referenceYear, month: 1, day: 1).secondsSinceEpoch
        var transitions: [Int] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(yearStart))
        while transitions.count < 2, let next = zone.nextDaylightSavingTimeTransition(after: cursor),
              next.timeIntervalSince1970 < TimeInterval(yearStart + 366 * 86_400) {
            transitions.append(Int(next.timeIntervalSince1970))
            cursor = next
        }
        if transitions.isEmpty {
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(yearStart)))
            component.components.append(Component(name: "STANDARD", properties: [
                Property(name: "DTSTART", value: "19700101T000000"),
                Property(name: "TZOFFSETFROM", value: UTCOffset(seconds: offset).description),
                Property(name: "TZOFFSETTO", value: UTCOffset(seconds: offset).description),
                Property(name: "TZNAME", value: zone.abbreviation(for: Date(timeIntervalSince1970: TimeInterval(yearStart))) ?? identifier),
            ]))
            return component
        }
        for instant in transitions {
            let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant - 1)))
            let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
            let isDaylight = zone.isDaylightSavingTime(for: Date(timeIntervalSince1970: TimeInterval(instant)))
            // The onset in the wall time before the change, as RFC 5545 §3.6.5 writes it.
            let onset = LocalDateTime(secondsSinceEpoch: instant + before)
            let daysInMonth = LocalDate.daysIn(month: onset.date.month, year: onset.date.year)
            let position = onset.date.day + 7 > daysInMonth ? -1 : (onset.date.day - 1) / 7 + 1
            let weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][onset.date.weekday - 1]
            let first = LocalDateTime(date: LocalDate(year: 1970, month: onset.date.month, day: 1),
                                      hour: onset.hour, minute: onset.minute, second: onset.second)
            // DTSTART: the rule's first instance in 1970.
            var start = first
            var matches: [LocalDateTime] = []
            for day in 1...LocalDate.daysIn(month: onset.date.month, year: 1970) {
                let candidate = LocalDateTime(date: LocalDate(year: 1970, month: onset.date.month, day: day),
                                              hour: onset.hour, minute: onset.minute, second: onset.second)
                if candidate.date.weekday == onset.date.weekday { matches.append(candidate) }
            }
            if position == -1, let last = matches.last { start = last } else if position - 1 < matches.count { start = matches[position - 1] }
            component.components.append(Component(name: isDaylight ? "DAYLIGHT" : "STANDARD", properties: [
                Property(name: "DTSTART", value: start.icalendarText),
                Property(name: "RRULE", value: "FREQ=YEARLY;BYMONTH=\(onset.date.month);BYDAY=\(position)\(weekday)"),
                Property(name: "TZOFFSETFROM", value: UTCOffset(seconds: before).description),
                Property(name: "TZOFFSETTO", value: UTCOffset(seconds: after).description),
                Property(name: "TZNAME", value: zone.abbreviation(for: Date(timeIntervalSince1970: TimeInterval(instant))) ?? identifier),
            ]))
        }
        component.components.sort { ($0.name == "STANDARD" ? 0 : 1) < ($1.name == "STANDARD" ? 0 : 1) }
        return component
    }
}
