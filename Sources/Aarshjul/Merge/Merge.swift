import Foundation
import ICalendar

/// Which item a component is: its UID and, for a modified instance, its RECURRENCE-ID in the
/// normalised text form (`…Z` for a time with a known instant, the bare wall time for a
/// floating time, `YYYY-MM-DD` for a date), so the same instance written in two zones is one.
public struct ItemIdentity: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The UID.
    public var uid: String
    /// The normalised RECURRENCE-ID, nil for a master or a one-off item.
    public var recurrenceID: String?

    /// Creates an identity.
    public init(uid: String, recurrenceID: String? = nil) {
        self.uid = uid
        self.recurrenceID = recurrenceID
    }

    public static func < (lhs: ItemIdentity, rhs: ItemIdentity) -> Bool {
        (lhs.uid, lhs.recurrenceID ?? "") < (rhs.uid, rhs.recurrenceID ?? "")
    }

    /// `UID` or `UID@RECURRENCE-ID`.
    public var description: String { recurrenceID.map { "\(uid)@\($0)" } ?? uid }
}

/// A normalised time (the form of ``ItemIdentity/recurrenceID`` and ``ItemVersion/start``:
/// `2027-12-16`, `2027-12-16T08:00:00Z`, or a bare floating wall time) read back as wall time.
public enum NormalizedTime: Hashable, Sendable {
    /// A date (an all-day item).
    case date(LocalDate)
    /// A wall time: a `…Z` time converted to the zone, a floating time as written.
    case time(LocalDateTime)

    /// Reads `normalized` as wall time in `zone`; `nil` when it is not a normalised time.
    public init?(_ normalized: String, in zone: ZoneRules) {
        let compact = normalized.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        guard let value = DateTimeValue.parse(compact) else { return nil }
        switch value {
        case .date(let date): self = .date(date)
        case .utc(let time): self = .time(zone.local(forUTC: time.secondsSinceEpoch))
        default: self = .time(value.local)  // a floating time is the same wall time everywhere
        }
    }
}

/// One version of an item as one source has it.
public struct ItemVersion: Sendable, Hashable {
    /// The source's id.
    public var source: String
    /// The component as that source wrote it (floating times of a calendar with
    /// `X-WR-TIMEZONE` are given that zone as TZID).
    public var component: Component
    /// When it starts, normalised (see ``ItemIdentity``); nil without DTSTART.
    public var start: String?
    /// When it ends, normalised; nil without DTEND, DUE or DURATION.
    public var end: String?
    /// SEQUENCE (0 when absent).
    public var sequence: Int
    /// LAST-MODIFIED as an instant, if present.
    public var lastModified: Int?
    /// DTSTAMP as an instant, if present.
    public var stamp: Int?
}

/// An item after merging: the winning version, and every source it came from.
public struct MergedItem: Sendable {
    /// UID and RECURRENCE-ID.
    public var identity: ItemIdentity
    /// The newest version: highest SEQUENCE, then latest LAST-MODIFIED, then latest DTSTAMP;
    /// of equals, the one from the source listed first.
    public var winner: ItemVersion
    /// Every version, in source order (the winner included).
    public var versions: [ItemVersion]
    /// Whether the UID was made up because the item had none.
    public var uidWasDerived: Bool

    /// The ids of every source that has this item, in source order, without repeats.
    public var sources: [String] {
        var seen: Set<String> = []
        return versions.map(\.source).filter { seen.insert($0).inserted }
    }

    /// The item's provenance: the ids of every source that holds a copy of it, the winning
    /// copy's source first, then the others in source order, without repeats. A joint meeting
    /// belongs to each of these calendars (`source = X` matches it for every X here).
    public var provenance: [String] {
        var seen: Set<String> = [winner.source]
        return [winner.source] + versions.map(\.source).filter { seen.insert($0).inserted }
    }

    /// The versions other than the winning one, in source order (the losing copies).
    public var losingVersions: [ItemVersion] {
        guard versions.count > 1 else { return [] }
        var skipped = false
        return versions.filter { version in
            if !skipped && version == winner { skipped = true; return false }
            return true
        }
    }

    /// The properties in which a losing version differs from the winner (names, sorted).
    public func differences(of version: ItemVersion) -> [String] {
        let ignored: Set<String> = ["DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "CREATED"]
        var names = Set(winner.component.properties.map(\.name)).union(version.component.properties.map(\.name))
        names.subtract(ignored)
        return names.filter { winner.component.properties(named: $0) != version.component.properties(named: $0) }.sorted()
    }
}

/// One item that two sources place at different times.
public struct SyncMismatch: Sendable, Hashable {
    /// The item.
    public var identity: ItemIdentity
    /// The summary of the winning version.
    public var summary: String
    /// Each source's version: source id, start and end (normalised).
    public var versions: [Placement]

    /// Where one source places the item.
    public struct Placement: Sendable, Hashable {
        /// The source id.
        public var source: String
        /// The normalised start.
        public var start: String
        /// The normalised end, if any.
        public var end: String?
        /// The recurrence rules, as written, sorted.
        public var rules: [String]
        /// Whether this is the winning version.
        public var isWinner: Bool
    }
}

/// Items with different UIDs that are evidently the same meeting: the same normalised summary
/// and the same start. Reported, never dropped.
public struct LikelyDuplicate: Sendable, Hashable {
    /// The normalised start they share.
    public var start: String
    /// The summary (of the first).
    public var summary: String
    /// The items, sorted.
    public var items: [ItemIdentity]
    /// Their sources, in the order of ``items``.
    public var sources: [String]
}

/// One UID that two sources use for different items (different summary and start).
public struct UIDCollision: Sendable, Hashable {
    /// The UID both use.
    public var uid: String
    /// The UID the later source's item is given.
    public var newUID: String
    /// The two sources, the one keeping the UID first.
    public var sources: [String]
    /// The two items' summaries.
    public var summaries: [String]
}

/// The outcome of ``Merger/merge(_:)``.
public struct MergeResult: Sendable {
    /// Every item, sorted by identity (a master before its overrides).
    public var items: [MergedItem]
    /// One VTIMEZONE per TZID used by the items (from the first source that defines it, or
    /// built from the system database when none does).
    public var timezones: [Component]
    /// Items two sources place at different times.
    public var mismatches: [SyncMismatch]
    /// Likely duplicates with different UIDs.
    public var duplicates: [LikelyDuplicate]
    /// UIDs that two sources use for different items; those items are kept apart.
    public var collisions: [UIDCollision]
    /// Warnings (made-up UIDs) and the sources' own diagnostics.
    public var diagnostics: [Diagnostic]

    /// The merged items as one calendar: VTIMEZONEs, then masters each followed by its
    /// overrides, in UID order. The output is the same bytes for the same inputs.
    public func calendar(prodID: String = "-//Aarshjul//Aarshjul \(AarshjulEngine.version)//NB",
                         extraProperties: [Property] = []) -> Component {
        var calendar = Component(name: "VCALENDAR", properties: [
            Property(name: "PRODID", value: prodID),
            Property(name: "VERSION", value: "2.0"),
            Property(name: "CALSCALE", value: "GREGORIAN"),
        ] + extraProperties)
        calendar.components = timezones + items.map(\.winner.component)
        return calendar
    }
}
