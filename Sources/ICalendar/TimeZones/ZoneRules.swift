import Foundation

/// The offset rules of one time zone: from the system database, a file's VTIMEZONE, or fixed.
public struct ZoneRules: Sendable {
    enum Source: Sendable {
        case system(TimeZone)
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
        return ZoneRules(source: .system(zone), ianaName: identifier)
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
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        case .transitions(let transitions, let initial):
            var low = 0
            var high = transitions.count
            while low < high {
                let middle = (low + high) / 2
                if transitions[middle].utc <= seconds { low = middle + 1 } else { high = middle }
            }
            return low == 0 ? initial : transitions[low - 1].offset
        }
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
