/// Resolves the TZIDs of one calendar to zone rules, in the order RFC 5545 and real producers
/// call for:
///
/// 1. the system zone database, for an IANA name (also behind the `/freeassociation…/` and
///    `/mozilla.org/…/` prefixes some producers write): exported VTIMEZONEs are often cut to
///    a few years around the export, and the system's rules are the same rules in full;
/// 2. the calendar's own `VTIMEZONE` with that TZID (Outlook's "W. Europe Standard Time",
///    custom zones);
/// 3. the Windows zone names Outlook and Exchange write, mapped to IANA (``WindowsZones``).
///
/// An unknown TZID gives `nil`: the caller reports it and treats the time as floating. The
/// calendar's `X-WR-TIMEZONE` (Google) is the zone for floating times, see ``floatingZone``.
public struct ZoneResolver: Sendable {
    private var vtimezones: [String: ZoneRules] = [:]
    /// Look-ups made through the non-mutating ``lookUp(_:)``, shared by copies of the resolver.
    private let memo = Memo()

    private final class Memo: Sendable {
        private let found = Mutex<[String: ZoneRules?]>([:])
        func value(for tzid: String) -> ZoneRules?? { found.withLock { $0[tzid] } }
        func set(_ rules: ZoneRules?, for tzid: String) { found.withLock { $0[tzid] = rules } }
    }
    /// The zone named by `X-WR-TIMEZONE`, applied to floating times, if the calendar has one.
    public private(set) var floatingZone: ZoneRules?
    /// The `X-WR-TIMEZONE` value as written.
    public private(set) var floatingZoneName: String?

    /// Builds a resolver for one `VCALENDAR`.
    ///
    /// - Complexity: O(*z*·*y*) for *z* VTIMEZONEs with yearly rules over *y* years up to 2200.
    public init(calendar: Component) {
        for zone in calendar.components where zone.name == "VTIMEZONE" {
            guard let tzid = zone.property("TZID")?.value, !tzid.isEmpty, vtimezones[tzid] == nil,
                  let rules = ZoneResolver.rules(from: zone, tzid: tzid) else { continue }
            vtimezones[tzid] = rules
        }
        if let name = calendar.property("X-WR-TIMEZONE")?.textValue.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            floatingZoneName = name
            floatingZone = ZoneResolver.lookUp(name, vtimezones: vtimezones)
        }
    }

    /// An empty resolver that knows the system database and Windows names only.
    public init() {}

    /// The zone for a TZID, or nil when it cannot be resolved (the same as ``lookUp(_:)``).
    public func zone(for tzid: String) -> ZoneRules? {
        lookUp(tzid)
    }

    /// The zone for a TZID, or nil when it cannot be resolved. Look-ups are remembered, also
    /// for copies of the resolver.
    public func lookUp(_ tzid: String) -> ZoneRules? {
        if let remembered = memo.value(for: tzid) { return remembered }
        let found = ZoneResolver.lookUp(tzid, vtimezones: vtimezones)
        memo.set(found, for: tzid)
        return found
    }

    /// The instant of a value in seconds since the epoch: UTC as is, a zoned time through its
    /// zone, a floating time through `X-WR-TIMEZONE` when the calendar has one; nil for dates,
    /// other floating times and unknown zones.
    public func instant(of value: DateTimeValue) -> Int? {
        switch value {
        case .date: return nil
        case .utc(let time): return time.secondsSinceEpoch
        case .floating(let time): return floatingZone?.utc(for: time)
        case .zoned(let time, let tzid): return lookUp(tzid)?.utc(for: time)
        }
    }

    /// A value as the comparable text the conformance oracle prints: `…Z` for anything with a
    /// known instant, the bare wall time for floating times, `YYYY-MM-DD` for dates.
    public func normalized(_ value: DateTimeValue) -> String {
        Occurrence.normalized(value, instant: instant(of: value))
    }

    /// The IANA name for a TZID: the name itself, the name behind a known prefix, or a mapped
    /// Windows name.
    public static func ianaName(for tzid: String) -> String? {
        let trimmed = tzid.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        if ZoneRules.system(trimmed) != nil { return trimmed }
        if let stripped = stripPrefix(trimmed), ZoneRules.system(stripped) != nil { return stripped }
        if let windows = WindowsZones.ianaName(forWindowsName: trimmed) { return windows }
        return nil
    }

    private static func lookUp(_ tzid: String, vtimezones: [String: ZoneRules]) -> ZoneRules? {
        // An IANA name goes to the system database even when the file has a VTIMEZONE for it:
        // exported VTIMEZONEs are often cut to the years around the export (times before the
        // first transition would get a wrong offset), and the system rules are the same rules
        // in full. Other names (Outlook's, custom ones) use the file's own definition.
        let trimmed = tzid.trimmingCharacters(in: .whitespaces)
        if let rules = ZoneRules.system(trimmed) { return rules }
        if let stripped = stripPrefix(trimmed), let rules = ZoneRules.system(stripped) { return rules }
        if let own = vtimezones[tzid] {
            return own
        }
        if let iana = ianaName(for: tzid), let rules = ZoneRules.system(iana) { return rules }
        return nil
    }

    /// `/freeassociation.sourceforge.net/Europe/Oslo`, `/mozilla.org/20050126_1/Europe/Oslo`,
    /// `/softwarestudio.org/Olson_20011030_5/Europe/Oslo` → `Europe/Oslo`.
    private static func stripPrefix(_ tzid: String) -> String? {
        guard tzid.hasPrefix("/") else { return nil }
        let parts = tzid.split(separator: "/")
        for start in parts.indices {
            let candidate = parts[start...].joined(separator: "/")
            if candidate.contains("/"), TimeZone(identifier: candidate) != nil, !candidate.contains(".") { return candidate }
        }
        return nil
    }

    /// Transitions from a VTIMEZONE's STANDARD and DAYLIGHT observances.
    static func rules(from zone: Component, tzid: String) -> ZoneRules? {
        var transitions: [ZoneRules.Transition] = []
        var earliest: (utc: Int, offsetFrom: Int)?
        let horizon = LocalDateTime(year: 2200, month: 1, day: 1)
        for observance in zone.components where observance.name == "STANDARD" || observance.name == "DAYLIGHT" {
            guard let start = observance.property("DTSTART")?.dateTimeValue,
                  let from = observance.property("TZOFFSETFROM")?.utcOffsetValue,
                  let to = observance.property("TZOFFSETTO")?.utcOffsetValue else { continue }
            var onsets: [LocalDateTime] = [start.local]
            for rrule in observance.properties(named: "RRULE") {
                // Zones change a few times a year: a sub-daily observance rule is nonsense and
                // could keep libical busy for ever.
                guard let rule = rrule.recurrenceRule, ![.secondly, .minutely, .hourly].contains(rule.frequency),
                      let iterator = RuleIterator(rule: rule, start: start.local, isDate: false, jumpTo: nil) else { continue }
                var steps = 0
                while let next = iterator.next(), next < horizon, steps < 2_000 {
                    steps += 1
                    if let until = rule.until {
                        let limit: Int
                        switch until {
                        case .utc(let time): limit = time.secondsSinceEpoch
                        default: limit = until.local.secondsSinceEpoch - from.seconds
                        }
                        if next.secondsSinceEpoch - from.seconds > limit { break }
                    }
                    onsets.append(next)
                }
            }
            for rdate in observance.properties(named: "RDATE") {
                for value in rdate.dateTimeValues ?? [] { onsets.append(value.local) }
            }
            for onset in onsets {
                let utc = onset.secondsSinceEpoch - from.seconds
                transitions.append(ZoneRules.Transition(utc: utc, offset: to.seconds))
                if earliest == nil || utc < earliest!.utc { earliest = (utc, from.seconds) }
            }
        }
        guard let first = earliest else { return nil }
        transitions.sort { $0.utc < $1.utc }
        var unique: [ZoneRules.Transition] = []
        unique.reserveCapacity(transitions.count)
        for transition in transitions where unique.last?.utc != transition.utc { unique.append(transition) }
        return ZoneRules(source: .transitions(unique, initialOffset: first.offsetFrom), ianaName: ianaName(for: tzid))
    }
}

import Foundation
import Synchronization
