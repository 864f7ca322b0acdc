import Foundation
import ICalendar

/// One occurrence in the combined cycle, with where it came from and what it is.
public struct CycleOccurrence: Sendable, Hashable {
    /// The item (UID, and RECURRENCE-ID for a modified instance).
    public var identity: ItemIdentity
    /// The occurrence as expanded.
    public var occurrence: Occurrence
    /// Every source that holds a copy of the item (its provenance): the source of the winning
    /// copy first, then the others in source order. `source = X` in a match holds when X is any
    /// of them, in tags, rules and feeds; see ``primarySource`` for the one whose copy is shown.
    public var sources: [String]
    /// Body, kind, area and whether it is fixed.
    public var tags: Tags
    /// The start as an instant (a date or floating time is read as wall time in the cycle's
    /// time zone), for ordering and rules.
    public var startInstant: Int
    /// The end as an instant (exclusive).
    public var endInstant: Int
    /// The start's wall time in the cycle's time zone.
    public var startLocal: LocalDateTime
    /// The end's wall time in the cycle's time zone (exclusive).
    public var endLocal: LocalDateTime
    /// The position of the occurrence's item in ``Cycle/merge``'s items: the instances of a
    /// series share it, so per-item work (matching, tagging) can be done once per item.
    public var item: Int
    /// Whether the item is cancelled (`STATUS:CANCELLED`), decided once per item.
    public var isCancelled: Bool

    /// The source of the winning copy, the one whose times, summary and colour are shown (the
    /// first of ``sources``).
    public var primarySource: String { sources.first ?? "" }
    /// Whether the occurrence is an all-day (DATE) item.
    public var isAllDay: Bool { occurrence.start.isDate }
    /// The summary.
    public var summary: String { occurrence.summary }
    /// The UID.
    public var uid: String { occurrence.uid }
    /// STATUS, upper-cased ("" when absent).
    public var status: String { occurrence.component.property("STATUS")?.value.uppercased() ?? "" }
    /// The day it starts, in the cycle's time zone.
    public var startDate: LocalDate { startLocal.date }
    /// The last day it covers, in the cycle's time zone.
    public var lastDate: LocalDate {
        if endInstant <= startInstant { return startDate }
        let end = endLocal
        return (end.hour == 0 && end.minute == 0 && end.second == 0) ? end.date.adding(days: -1) : end.date
    }

    /// The local start in the cycle's zone as reports and conflicts write it:
    /// `2027-12-16T10:00:00`, or the date of an all-day item.
    public var startText: String { isAllDay ? startDate.description : startLocal.description }
    /// The RECURRENCE-ID of a modified instance as reports and conflicts write it (wall time),
    /// or `nil`.
    public var recurrenceIDText: String? { occurrence.recurrenceID.map { Occurrence.normalizedText($0, instant: nil) } }

    /// The facts `match` tables test.
    public var subject: MatchSubject { MatchSubject(component: occurrence.component, sources: sources, tags: tags) }
}

/// The combined annual cycle: every source's items merged, expanded over one cycle year and
/// tagged. This is what rules, reports, feeds and the wheel read.
public struct Cycle: Sendable {
    /// The cycle's name from the configuration.
    public var name: String
    /// The cycle year.
    public var year: CycleYear
    /// The cycle's time zone (IANA).
    public var timezone: String
    /// The sources, in configuration order.
    public var sources: [SourceSettings]
    /// The occurrences in the cycle year, sorted by start, then primary source, then UID.
    public var occurrences: [CycleOccurrence]
    /// The merge behind it (items, mismatches, likely duplicates).
    public var merge: MergeResult
    /// Problems reading, merging and expanding.
    public var diagnostics: [Diagnostic]
}

/// Builds a ``Cycle`` from a configuration.
///
/// ```swift
/// let configuration = try AarshjulConfiguration.load(fileAt: "Calendars/aarshjul.toml")
/// let builder = CycleBuilder(configuration: configuration)
/// let cycle = builder.build(year: CycleYear(year: 2027, start: configuration.cycle.start),
///                           sources: try builder.loadSources())
/// ```
public struct CycleBuilder: Sendable {
    /// The configuration.
    public var configuration: AarshjulConfiguration

    /// Creates a builder.
    public init(configuration: AarshjulConfiguration) {
        self.configuration = configuration
    }

    /// The cycle year containing a day (by default today in the cycle's time zone).
    public func year(containing date: LocalDate? = nil, now: Date = Date()) -> CycleYear {
        let today = date ?? Self.today(timezone: configuration.cycle.timezone, now: now)
        return CycleYear.containing(today, start: configuration.cycle.start)
    }

    /// The day `now` falls on in an IANA time zone (UTC when the zone is unknown).
    static func today(timezone: String, now: Date) -> LocalDate {
        let zone = ZoneRules.system(timezone) ?? .fixed(seconds: 0)
        return zone.local(forUTC: Int(now.timeIntervalSince1970.rounded(.down))).date
    }

    /// Reads every source with a local path.
    ///
    /// - Throws: ``SourceError`` naming the source and the path it looked for.
    public func loadSources() throws -> [SourceCalendar] {
        try configuration.sources.map { source in
            guard let path = source.path else {
                throw SourceError(source: source.id, path: source.origin, message: "only local files (path = …) can be read here; url and caldav sources are read by `aarshjul sync`")
            }
            do {
                let document = try ICalendarReader().read(fileAt: path)
                return SourceCalendar(id: source.id, name: source.name, document: document)
            } catch let error as ICalendarError {
                throw SourceError(source: source.id, path: path, message: error.message, line: error.line)
            }
        }
    }

    /// Merges, expands and tags the sources over a cycle year.
    ///
    /// - Complexity: O(*n* log *n*) in the items and occurrences.
    public func build(year: CycleYear, sources: [SourceCalendar]) -> Cycle {
        let merge = Merger().merge(sources)
        var diagnostics = merge.diagnostics
        let zone = ZoneRules.system(configuration.cycle.timezone) ?? .fixed(seconds: 0)

        // One calendar of the winners, so a series and its overrides expand together.
        let calendar = merge.calendar()
        let resolver = ZoneResolver(calendar: calendar)
        let expansion = Expander(options: ExpansionOptions(maxOccurrencesPerEvent: configuration.cycle.maxOccurrencesPerEvent))
            .expand(calendar: calendar, fileName: configuration.fileName,
                    from: year.firstDay.adding(days: -1), to: year.endDay.adding(days: 1))
        diagnostics.append(contentsOf: expansion.diagnostics)

        var itemPositions: [ItemIdentity: Int] = [:]
        for (position, item) in merge.items.enumerated() { itemPositions[item.identity] = position }
        let tagger = Tagger(rules: configuration.tags)
        let fixedSources = Set(configuration.sources.filter(\.fixed).map(\.id))
        let cycleStart = zone.utc(for: LocalDateTime(date: year.firstDay))
        let cycleEnd = zone.utc(for: LocalDateTime(date: year.endDay))

        var occurrences: [CycleOccurrence] = []
        occurrences.reserveCapacity(expansion.occurrences.count)
        var factsByComponent: [ItemIdentity: (tags: Tags, cancelled: Bool, sources: [String])] = [:]  // a series' instances share their component
        for occurrence in expansion.occurrences {
            let recurrenceID = occurrence.component.property("RECURRENCE-ID")?.dateTimeValue.map { resolver.normalized($0) }
            let identity = ItemIdentity(uid: occurrence.uid, recurrenceID: recurrenceID)
            guard let position = itemPositions[identity] ?? itemPositions[ItemIdentity(uid: occurrence.uid)] else { continue }
            let item = merge.items[position]
            let start = occurrence.startUTC ?? zone.utc(for: occurrence.start.local)
            let end = occurrence.endUTC ?? zone.utc(for: occurrence.end.local)
            // In the cycle when it overlaps the year (an instant item on the first day counts).
            guard start < cycleEnd, end > cycleStart || (end <= start && start >= cycleStart) else { continue }
            let tags: Tags
            let cancelled: Bool
            let sources: [String]
            if let known = factsByComponent[identity] {
                (tags, cancelled, sources) = known
            } else {
                // Tagged per copy and combined: the winning copy (as expanded) first, then the
                // losing copies of the other sources.
                let copies = [(component: occurrence.component, source: item.winner.source)]
                    + item.losingVersions.map { (component: $0.component, source: $0.source) }
                var tagged = tagger.tags(forCopies: copies)
                // A source marked `fixed = true` fixes every item it holds.
                if !fixedSources.isEmpty, item.provenance.contains(where: fixedSources.contains) { tagged.fixed = true }
                tags = tagged
                cancelled = occurrence.component.property("STATUS")?.value.uppercased() == "CANCELLED"
                sources = item.provenance
                factsByComponent[identity] = (tags, cancelled, sources)
            }
            occurrences.append(CycleOccurrence(
                identity: item.identity, occurrence: occurrence, sources: sources,
                tags: tags,
                startInstant: start, endInstant: max(start, end),
                startLocal: occurrence.startUTC == nil ? occurrence.start.local : zone.local(forUTC: start),
                endLocal: occurrence.endUTC == nil ? occurrence.end.local : zone.local(forUTC: max(start, end)),
                item: position, isCancelled: cancelled))
        }
        // Sorted through positions over precomputed keys: comparing whole occurrences copies
        // them, and looking the source's rank up in each comparison hashes its id every time.
        let order = Dictionary(uniqueKeysWithValues: configuration.sources.enumerated().map { ($1.id, $0) })
        let starts = occurrences.map(\.startInstant)
        let ranks = occurrences.map { order[$0.primarySource] ?? Int.max }
        let positions = occurrences.indices.sorted { a, b in
            if starts[a] != starts[b] { return starts[a] < starts[b] }
            if ranks[a] != ranks[b] { return ranks[a] < ranks[b] }
            let (uidA, uidB) = (occurrences[a].uid, occurrences[b].uid)
            if uidA != uidB { return uidA < uidB }
            return occurrences[a].endInstant < occurrences[b].endInstant
        }
        occurrences = positions.map { occurrences[$0] }
        return Cycle(name: configuration.cycle.name, year: year, timezone: configuration.cycle.timezone,
                     sources: configuration.sources, occurrences: occurrences, merge: merge, diagnostics: diagnostics)
    }
}

/// A source that cannot be read.
public struct SourceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The source's id.
    public var source: String
    /// The path (or URL) it looked for.
    public var path: String
    /// What is wrong.
    public var message: String
    /// The line in the file, or 0.
    public var line: Int

    /// Creates an error.
    public init(source: String, path: String, message: String, line: Int = 0) {
        self.source = source
        self.path = path
        self.message = message
        self.line = line
    }

    /// `source "tk": PATH:LINE: message`.
    public var description: String {
        "source \"\(source)\": \(path)\(line > 0 ? ":\(line)" : ""): \(message)"
    }
}
