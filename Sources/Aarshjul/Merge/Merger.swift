import Foundation
import ICalendar

/// Merges the calendars of several sources into one set of items (DESIGN.md §Data flow 3).
///
/// - Identity is (UID, RECURRENCE-ID), the RECURRENCE-ID compared as an instant, so one
///   instance written in two zones is one item.
/// - The newer version wins by SEQUENCE, then LAST-MODIFIED, then DTSTAMP; of equals, the
///   source listed first. Every item remembers every source it came from, and the losing
///   versions stay available (``MergedItem/versions``).
/// - The same item at different times in two sources is a ``SyncMismatch``.
/// - Items with different UIDs but the same normalised summary and start are reported as
///   ``LikelyDuplicate``s and kept.
/// - An item without a UID gets one derived from its content (summary, start, end, rule), the
///   same on every run, with a warning.
/// - Floating times in a calendar with `X-WR-TIMEZONE` (Google) are given that zone, so they
///   keep their meaning beside other sources.
///
/// ```swift
/// let result = Merger().merge([try SourceCalendar.read(fileAt: "tk.ics"), try SourceCalendar.read(fileAt: "ntnu.ics")])
/// print(result.items.count, result.mismatches.count)
/// ```
///
/// - Complexity: O(*n* log *n*) for *n* components in all sources.
public struct Merger: Sendable {
    /// The component kinds that are merged as items.
    public var itemKinds: Set<String>

    /// Creates a merger for events, to-dos and journal entries.
    public init(itemKinds: Set<String> = ["VEVENT", "VTODO", "VJOURNAL"]) {
        self.itemKinds = itemKinds
    }

    /// Merges sources, given in order of precedence for ties.
    public func merge(_ sources: [SourceCalendar]) -> MergeResult {
        var versionsByIdentity: [ItemIdentity: [ItemVersion]] = [:]
        var derived: Set<ItemIdentity> = []
        var diagnostics: [Diagnostic] = []
        var timezoneByTZID: [String: Component] = [:]

        for source in sources {
            diagnostics.append(contentsOf: source.document.diagnostics)
            for calendar in source.document.calendars {
                let resolver = ZoneResolver(calendar: calendar)
                for child in calendar.components where child.name == "VTIMEZONE" {
                    guard let tzid = child.property("TZID")?.value, timezoneByTZID[tzid] == nil else { continue }
                    timezoneByTZID[tzid] = child
                }
                for child in calendar.components where itemKinds.contains(child.name) {
                    var component = Self.anchorFloatingTimes(child, resolver: resolver)
                    var uid = component.uid ?? ""
                    var wasDerived = false
                    if uid.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }) {
                        uid = Self.derivedUID(for: component, resolver: resolver)
                        component.removeProperties(named: "UID")
                        component.properties.insert(Property(name: "UID", value: uid), at: 0)
                        wasDerived = true
                        diagnostics.append(Diagnostic(severity: .warning, file: source.document.fileName, line: child.line,
                                                      property: child.name,
                                                      message: "\"\(child.summary ?? "")\" has no UID; it is given the UID \(uid), made from its content"))
                    }
                    var recurrenceID = component.property("RECURRENCE-ID")?.dateTimeValue.map { resolver.normalized($0) }
                    if recurrenceID == nil, let raw = component.property("RECURRENCE-ID")?.value {
                        // An unreadable RECURRENCE-ID still names an instance, never the series.
                        recurrenceID = "unreadable:" + raw
                    }
                    let identity = ItemIdentity(uid: uid, recurrenceID: recurrenceID)
                    if wasDerived { derived.insert(identity) }
                    let version = Self.version(of: component, source: source.id, resolver: resolver)
                    versionsByIdentity[identity, default: []].append(version)
                }
            }
        }

        let collisions = Self.separateCollidingUIDs(&versionsByIdentity)
        for collision in collisions {
            diagnostics.append(Diagnostic(severity: .warning, file: "merge", line: 0, property: "UID",
                                          message: "the UID \(collision.uid) names different items in \(collision.sources.joined(separator: " and ")) (\(collision.summaries.map { "\"\($0)\"" }.joined(separator: " / "))); the one from \(collision.sources.last ?? "") is kept apart as \(collision.newUID)"))
        }

        var items: [MergedItem] = []
        items.reserveCapacity(versionsByIdentity.count)
        var mismatches: [SyncMismatch] = []
        // Sorting the keys alone, not (key, versions) pairs: a sort moves what it sorts.
        for identity in versionsByIdentity.keys.sorted() {
            guard let versions = versionsByIdentity[identity] else { continue }
            var winner = versions[0]
            for candidate in versions.dropFirst() where Self.isNewer(candidate, than: winner) { winner = candidate }
            items.append(MergedItem(identity: identity, winner: winner, versions: versions, uidWasDerived: derived.contains(identity)))
            if let mismatch = Self.mismatch(identity: identity, versions: versions, winner: winner) {
                mismatches.append(mismatch)
            }
        }
        mismatches.sort { $0.identity < $1.identity }

        // One VTIMEZONE per TZID the items use.
        var used: Set<String> = []
        for item in items {
            for component in [item.winner.component] + item.winner.component.components {
                for property in component.properties {
                    if let tzid = property.parameter("TZID") { used.insert(tzid) }
                }
            }
        }
        var timezones: [Component] = []
        for tzid in used.sorted() {
            if let own = timezoneByTZID[tzid] {
                timezones.append(own)
            } else if let iana = ZoneResolver.ianaName(for: tzid), let built = VTimezoneBuilder.vtimezone(for: iana, tzid: tzid) {
                timezones.append(built)
            }
        }

        return MergeResult(items: items, timezones: timezones, mismatches: mismatches,
                           duplicates: Self.likelyDuplicates(items), collisions: collisions, diagnostics: diagnostics)
    }

    // MARK: UID collisions

    /// Two sources that use one UID for evidently different items (different summary and
    /// different start — meeting systems that number their events 1, 2, 3…) are kept apart:
    /// the later source's item gets the UID `UID-SOURCE`, deterministically, and is reported.
    static func separateCollidingUIDs(_ versionsByIdentity: inout [ItemIdentity: [ItemVersion]]) -> [UIDCollision] {
        var collisions: [UIDCollision] = []
        // Masters that more than one source has: few, so they are found without copying the
        // table and sorted on their own.
        let shared = versionsByIdentity.compactMap { key, versions -> ItemIdentity? in
            guard key.recurrenceID == nil, versions.count > 1, versions.contains(where: { $0.source != versions[0].source }) else { return nil }
            return key
        }.sorted()
        var keysByUID: [String: [ItemIdentity]]?  // made on the first collision
        for identity in shared {
            guard let versions = versionsByIdentity[identity] else { continue }
            let reference = versions[0]
            let referenceSummary = Glob.fold(reference.component.summary ?? "")
            var renamed: Set<String> = []
            for version in versions where version.source != reference.source && !renamed.contains(version.source) {
                guard Glob.fold(version.component.summary ?? "") != referenceSummary, version.start != reference.start else { continue }
                renamed.insert(version.source)
                let newUID = identity.uid + "-" + version.source
                collisions.append(UIDCollision(uid: identity.uid, newUID: newUID, sources: [reference.source, version.source],
                                               summaries: [reference.component.summary ?? "", version.component.summary ?? ""]))
                if keysByUID == nil { keysByUID = Dictionary(grouping: versionsByIdentity.keys, by: \.uid) }
                // Move every component of that UID from that source (master and overrides).
                for key in keysByUID?[identity.uid] ?? [] {
                    guard let all = versionsByIdentity[key] else { continue }
                    let moving = all.filter { $0.source == version.source }
                    guard !moving.isEmpty else { continue }
                    let staying = all.filter { $0.source != version.source }
                    versionsByIdentity[key] = staying.isEmpty ? nil : staying
                    let target = ItemIdentity(uid: newUID, recurrenceID: key.recurrenceID)
                    versionsByIdentity[target, default: []].append(contentsOf: moving.map { moved in
                        var copy = moved
                        copy.component.removeProperties(named: "UID")
                        copy.component.properties.insert(Property(name: "UID", value: TextEscaping.escape(newUID)), at: 0)
                        return copy
                    })
                }
            }
        }
        return collisions
    }

    // MARK: Versions

    static func version(of component: Component, source: String, resolver: ZoneResolver) -> ItemVersion {
        let start = component.property("DTSTART")?.dateTimeValue
        var end: String?
        if let value = (component.property("DTEND") ?? component.property("DUE"))?.dateTimeValue {
            end = resolver.normalized(value)
        } else if let duration = component.property("DURATION")?.durationValue, let start {
            // DTSTART + DURATION as the same normalised end a DTEND would give.
            switch start {
            case .date(let day):
                end = day.adding(days: duration.nominalDays).description
            default:
                if let instant = resolver.instant(of: start) {
                    end = LocalDateTime(secondsSinceEpoch: instant + duration.totalSeconds).description + "Z"
                } else {
                    end = start.local.adding(seconds: duration.totalSeconds).description
                }
            }
        }
        let stamp = component.property("DTSTAMP")?.dateTimeValue.flatMap { resolver.instant(of: $0) ?? $0.local.secondsSinceEpoch }
        let modified = component.property("LAST-MODIFIED")?.dateTimeValue.flatMap { resolver.instant(of: $0) ?? $0.local.secondsSinceEpoch }
        return ItemVersion(source: source, component: component, start: start.map { resolver.normalized($0) }, end: end,
                           sequence: component.property("SEQUENCE")?.integerValue ?? 0,
                           lastModified: modified, stamp: stamp)
    }

    /// SEQUENCE, then LAST-MODIFIED, then DTSTAMP (RFC 5546 §2.1.5's order of precedence).
    static func isNewer(_ candidate: ItemVersion, than current: ItemVersion) -> Bool {
        if candidate.sequence != current.sequence { return candidate.sequence > current.sequence }
        if let a = candidate.lastModified, let b = current.lastModified, a != b { return a > b }
        if candidate.lastModified != nil && current.lastModified == nil { return true }
        if candidate.lastModified == nil && current.lastModified != nil { return false }
        if let a = candidate.stamp, let b = current.stamp, a != b { return a > b }
        return false
    }

    static func mismatch(identity: ItemIdentity, versions: [ItemVersion], winner: ItemVersion) -> SyncMismatch? {
        guard versions.count > 1 else { return nil }  // one version cannot disagree with itself
        let placements = versions.map { version in
            SyncMismatch.Placement(source: version.source, start: version.start ?? "", end: version.end,
                                   rules: version.component.properties(named: "RRULE").map { Self.canonicalRule($0.value) }.sorted(),
                                   isWinner: version == winner)
        }
        let bySource = Set(placements.map(\.source))
        guard bySource.count > 1 else { return nil }
        let distinct = Set(placements.map { [$0.start, $0.end ?? "", $0.rules.joined(separator: "|")] })
        guard distinct.count > 1 else { return nil }
        // Only differences between sources count; one source's own old copy is not a clash.
        let perSource = Dictionary(grouping: placements, by: \.source).mapValues { group in
            group.first(where: \.isWinner) ?? group[0]
        }
        let kept = placements.filter { perSource[$0.source] == $0 }
        guard Set(kept.map { [$0.start, $0.end ?? "", $0.rules.joined(separator: "|")] }).count > 1 else { return nil }
        return SyncMismatch(identity: identity, summary: winner.component.summary ?? "", versions: kept)
    }

    /// A rule with its parts in a fixed order and upper case, so the same rule written in
    /// another order (`FREQ=WEEKLY;COUNT=6;BYDAY=TU` / `BYDAY=TU;FREQ=WEEKLY;COUNT=6`) is equal.
    static func canonicalRule(_ text: String) -> String {
        text.uppercased().split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "INTERVAL=1" }.sorted().joined(separator: ";")
    }

    // MARK: Likely duplicates

    static func likelyDuplicates(_ items: [MergedItem]) -> [LikelyDuplicate] {
        var groups: [String: [Int]] = [:]
        for (position, item) in items.enumerated() {
            guard let start = item.winner.start else { continue }
            let summary = collapsingWhitespace(Glob.fold(item.winner.component.summary ?? ""))
            guard !summary.isEmpty else { continue }
            groups[start + "\u{0}" + summary, default: []].append(position)
        }
        var result: [LikelyDuplicate] = []
        for (_, group) in groups where group.count > 1 {
            let uids = Set(group.map { items[$0].identity.uid })
            guard uids.count > 1 else { continue }
            let sorted = group.sorted { items[$0].identity < items[$1].identity }.map { items[$0] }
            result.append(LikelyDuplicate(start: sorted[0].winner.start ?? "", summary: sorted[0].winner.component.summary ?? "",
                                          items: sorted.map(\.identity), sources: sorted.map(\.winner.source)))
        }
        return result.sorted { ($0.start, $0.items.first?.uid ?? "") < ($1.start, $1.items.first?.uid ?? "") }
    }

    /// Runs of white space as one space, none at the ends: `"  Styremøte \t NTNU "` →
    /// `"Styremøte NTNU"`.
    static func collapsingWhitespace(_ text: String) -> String {
        // Most summaries are already collapsed ASCII or Latin text: check the bytes first.
        var previousSpace = true
        var clean = true
        for byte in text.utf8 {
            if byte >= 0x80 || (0x09...0x0D).contains(byte) || (byte == 0x20 && previousSpace) { clean = false; break }
            previousSpace = byte == 0x20
        }
        if clean && !previousSpace { return text }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isWhitespace = value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value)) : scalar.properties.isWhitespace
            if isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    // MARK: Normalisation

    /// Gives the floating times of a component the calendar's `X-WR-TIMEZONE`.
    static func anchorFloatingTimes(_ component: Component, resolver: ZoneResolver) -> Component {
        guard let zone = resolver.floatingZoneName, resolver.floatingZone != nil else { return component }
        let timed: Set<String> = ["DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "RDATE", "EXDATE"]
        var copy = component
        for index in copy.properties.indices where timed.contains(copy.properties[index].name) {
            let property = copy.properties[index]
            guard property.parameter("TZID") == nil, property.parameter("VALUE")?.uppercased() != "DATE",
                  let values = property.dateTimeValues,
                  values.allSatisfy({ if case .floating = $0 { return true } else { return false } }) else { continue }
            copy.properties[index].setParameter("TZID", zone)
        }
        return copy
    }

    /// A UID made from the content: the same item gives the same UID on every run.
    static func derivedUID(for component: Component, resolver: ZoneResolver) -> String {
        var text = component.name + "\n" + Glob.fold(component.summary ?? "")
        for name in ["DTSTART", "DTEND", "DURATION", "RRULE", "LOCATION"] {
            if let property = component.property(name) {
                if let value = property.dateTimeValue { text += "\n" + resolver.normalized(value) } else { text += "\n" + property.value }
            }
        }
        return "aarshjul-" + StableHash.hex(text) + "@aarshjul.invalid"
    }
}

/// FNV-1a, 64 bits: a hash that is the same on every run and platform (Swift's `Hasher` is
/// seeded per process).
public enum StableHash {
    /// The 64-bit FNV-1a hash of the UTF-8 bytes of `text`.
    public static func value(_ text: String) -> UInt64 {
        value(bytes: text.utf8)
    }

    /// The 64-bit FNV-1a hash of bytes.
    public static func value(bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The hash as 16 lower-case hex digits.
    public static func hex(_ text: String) -> String {
        hex(value: value(text))
    }

    /// A hash value as 16 lower-case hex digits.
    public static func hex(value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
