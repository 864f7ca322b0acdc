import Foundation
import Synchronization

/// The offset rules of one time zone: from the system database, a file's VTIMEZONE, or fixed.
public struct ZoneRules: Sendable {
    enum Source: Sendable {
        case system(SystemZone)
        case fixed(Int)
        case transitions([Transition], initialOffset: Int)
    }

    struct Transition: Sendable {
        var utc: Int
        var offset: Int
    }

    let source: Source
    /// The IANA name when known (from the system database or a mapped Windows name).
    public let ianaName: String?

    init(source: Source, ianaName: String?) {
        self.source = source
        self.ianaName = ianaName
    }

    /// A zone from the system database, by IANA name (`Europe/Oslo`).
    public static func system(_ identifier: String) -> ZoneRules? {
        guard identifier.contains("/") || identifier == "UTC" || identifier == "GMT",
              let zone = TimeZone(identifier: identifier) else { return nil }
        return ZoneRules(source: .system(SystemZone(zone)), ianaName: identifier)
    }

    /// A zone with a fixed offset from UTC.
    public static func fixed(seconds: Int) -> ZoneRules {
        ZoneRules(source: .fixed(seconds), ianaName: seconds == 0 ? "UTC" : nil)
    }

    /// The offset from UTC, in seconds, at an instant (seconds since the epoch).
    public func offset(atUTC seconds: Int) -> Int {
        switch source {
        case .fixed(let offset):
            return offset
        case .system(let zone):
            return zone.offset(atUTC: seconds)
        case .transitions(let transitions, let initial):
            return Self.offset(atUTC: seconds, changes: transitions, initial: initial)
        }
    }

    /// The offset in force at an instant, given the offset before the first change and the
    /// changes sorted by instant.
    ///
    /// - Complexity: O(log *c*) for *c* changes.
    static func offset(atUTC seconds: Int, changes: [Transition], initial: Int) -> Int {
        var low = 0
        var high = changes.count
        while low < high {
            let middle = (low + high) / 2
            if changes[middle].utc <= seconds { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? initial : changes[low - 1].offset
    }

    /// The instant of a wall time in this zone.
    ///
    /// A wall time skipped by a DST gap is read with the offset before the gap (02:30 on the
    /// spring-forward day in Oslo is 01:30 UTC, shown as 03:30); a wall time that occurs twice
    /// in a fold is the first one (RFC 5545 §3.3.5).
    public func utc(for local: LocalDateTime) -> Int {
        let wall = local.secondsSinceEpoch
        let before = offset(atUTC: wall - 129_600)
        let after = offset(atUTC: wall + 129_600)
        if offset(atUTC: wall - before) == before { return wall - before }
        if offset(atUTC: wall - after) == after { return wall - after }
        return wall - before
    }

    /// The wall time of an instant in this zone.
    public func local(forUTC seconds: Int) -> LocalDateTime {
        LocalDateTime(secondsSinceEpoch: seconds + offset(atUTC: seconds))
    }
}

/// A zone of the system database, with the offsets of each year it is asked about read once
/// and kept: Foundation's `TimeZone` answers every question through ICU, which made the
/// offset look-up a fifth of an expansion's time.
///
/// A year's table holds the offset at its first instant (UTC) and every change in it, found
/// by reading the offset at each midnight (UTC) and, where it differs from the day before,
/// searching for the second it changed. A zone that changes its offset twice within one day
/// (none in the database does) would show neither change. Years outside 1800–2399 are asked
/// of Foundation directly.
final class SystemZone: Sendable {
    let zone: TimeZone
    private let years = Mutex<[Int: YearOffsets]>([:])

    init(_ zone: TimeZone) {
        self.zone = zone
    }

    /// The offsets of one year: the one at its start and each change, sorted by instant.
    struct YearOffsets: Sendable {
        var initial: Int
        var changes: [ZoneRules.Transition]

        func offset(atUTC seconds: Int) -> Int {
            ZoneRules.offset(atUTC: seconds, changes: changes, initial: initial)
        }
    }

    /// The offset from UTC at an instant.
    ///
    /// - Complexity: O(log *c*) for *c* changes in the instant's year once the year is known;
    ///   O(*d* + *c* log *s*) the first time a year is asked about (*d* days, *s* seconds a day).
    func offset(atUTC seconds: Int) -> Int {
        let year = LocalDateTime(secondsSinceEpoch: seconds).date.year
        guard (1800...2399).contains(year) else { return foundationOffset(seconds) }
        if let table = years.withLock({ $0[year] }) { return table.offset(atUTC: seconds) }
        let table = offsets(of: year)
        years.withLock { $0[year] = table }
        return table.offset(atUTC: seconds)
    }

    private func foundationOffset(_ seconds: Int) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Reads one year's offsets from Foundation.
    private func offsets(of year: Int) -> YearOffsets {
        let first = LocalDate(year: year, month: 1, day: 1).daysSinceEpoch * 86_400
        let last = LocalDate(year: year + 1, month: 1, day: 1).daysSinceEpoch * 86_400
        let initial = foundationOffset(first)
        var changes: [ZoneRules.Transition] = []
        var previous = initial
        var before = first
        var probe = first + 86_400
        while probe <= last {
            let current = foundationOffset(probe)
            if current != previous {
                // The first second in (before, probe] with the new offset.
                var low = before + 1
                var high = probe
                while low < high {
                    let middle = low + (high - low) / 2
                    if foundationOffset(middle) == previous { low = middle + 1 } else { high = middle }
                }
                if low < last { changes.append(ZoneRules.Transition(utc: low, offset: current)) }
                previous = current
            }
            before = probe
            probe += 86_400
        }
        return YearOffsets(initial: initial, changes: changes)
    }
}
