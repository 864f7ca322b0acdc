import Foundation
import ICalendar

/// Builds the subscribable feeds of a cycle (DESIGN.md §Data flow 6).
///
/// - Which items: every merged item with an occurrence in the cycle year; a series goes in
///   whole (master and overrides), never exploded into single events.
/// - Feeds: the combined feed, one per source, one per thematic area and per body that has
///   tagged items, and one of the open conflicts. A source's feed has every item that source
///   holds a copy of, so a joint meeting is in the feed of each calendar it is in.
/// - Each event keeps its UID, SEQUENCE, DTSTAMP and properties as the winning source wrote
///   them, and gains `CATEGORIES` (every source that holds it, the winner's first, then body
///   and area) and `COLOR` (the winning source's colour as a CSS3 name, RFC 7986). Windows zone names become IANA names with a VTIMEZONE from the
///   system database; a zone with neither is written in UTC. An all-day event without DTEND
///   gets the exclusive next-day DTEND clients expect. `X-LIC-ERROR` lines are dropped.
/// - The same input gives the same bytes (no clock is read), so ETags stay stable.
///
/// - Complexity: O(*n* log *n*) in items and occurrences.
public struct FeedBuilder: Sendable {
    /// The configuration (feed settings, sources, language).
    public var configuration: AarshjulConfiguration
    /// The labels' language (titles, conflict texts).
    public var language: Language

    /// Creates a builder in the configuration's language unless another is given.
    public init(configuration: AarshjulConfiguration, language: Language? = nil) {
        self.configuration = configuration
        self.language = language ?? configuration.cycle.language
    }

    /// Every feed of the cycle, in a stable order: combined, sources, areas, bodies, conflicts.
    public func feeds(for cycle: Cycle, conflicts: ConflictReport) -> [Feed] {
        let words = language.messages.feeds
        let itemsByUID = Dictionary(grouping: cycle.merge.items, by: \.identity.uid)
        // The UIDs with an occurrence in the cycle, with what their occurrences are tagged.
        var order: [String] = []
        var facts: [String: (sources: Set<String>, bodies: Set<String>, areas: Set<String>)] = [:]
        for occurrence in cycle.occurrences {
            let uid = occurrence.identity.uid
            if facts[uid] == nil { order.append(uid); facts[uid] = ([], [], []) }
            facts[uid]?.sources.formUnion(occurrence.sources)
            if let body = occurrence.tags.body { facts[uid]?.bodies.insert(body) }
            if let area = occurrence.tags.area { facts[uid]?.areas.insert(area) }
        }
        let uids = order.sorted()
        let resolver = ZoneResolver(calendar: cycle.merge.calendar())
        let sourceNames = Dictionary(cycle.sources.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let colors = Dictionary(cycle.sources.map { ($0.id, $0.color) }, uniquingKeysWith: { a, _ in a })

        // Windows and other mapped zone names, decided once per TZID.
        var zoneNames: [String: String] = [:]
        for item in cycle.merge.items {
            for property in item.winner.component.properties {
                guard let tzid = property.parameter("TZID"), zoneNames[tzid] == nil, ZoneRules.system(tzid) == nil,
                      let iana = ZoneResolver.ianaName(for: tzid) else { continue }
                zoneNames[tzid] = preferredName(for: iana)
            }
        }

        // Each UID's events, prepared once.
        var events: [String: [Component]] = [:]
        for uid in uids {
            guard let items = itemsByUID[uid], let fact = facts[uid] else { continue }
            let sorted = items.sorted { $0.identity < $1.identity }
            events[uid] = sorted.map { item in
                prepare(item.winner.component, sourceNames: item.provenance.map { sourceNames[$0] ?? $0 },
                        color: colors[item.winner.source] ?? nil,
                        bodies: fact.bodies.sorted(), areas: fact.areas.sorted(), zoneNames: zoneNames, resolver: resolver)
            }
        }
        func select(_ keep: (String) -> Bool) -> [Component] {
            uids.filter(keep).flatMap { events[$0] ?? [] }
        }

        let year = cycle.year.description
        var vtimezones: [String: Component?] = [:]  // built once per TZID, shared by the feeds
        var feeds: [Feed] = []
        feeds.append(feed(vtimezones: &vtimezones, name: "combined", kind: .combined,
                          title: words.combinedTitle(cycle.name, year),
                          description: words.combinedDescription(year),
                          events: select { _ in true }))
        for source in cycle.sources {
            let chosen = select { facts[$0]?.sources.contains(source.id) ?? false }
            feeds.append(feed(vtimezones: &vtimezones, name: "source-" + feedSlug(source.id), kind: .source,
                              title: words.sourceTitle(source.name, year),
                              description: words.sourceDescription(source.name, year),
                              events: chosen))
        }
        let areas = Set(facts.values.flatMap(\.areas)).sorted()
        for area in areas {
            feeds.append(feed(vtimezones: &vtimezones, name: "area-" + feedSlug(area), kind: .area,
                              title: words.areaTitle(area, year),
                              description: words.areaDescription(area, year),
                              events: select { facts[$0]?.areas.contains(area) ?? false }))
        }
        let bodies = Set(facts.values.flatMap(\.bodies)).sorted()
        for body in bodies {
            feeds.append(feed(vtimezones: &vtimezones, name: "body-" + feedSlug(body), kind: .body,
                              title: words.bodyTitle(body, year),
                              description: words.bodyDescription(body, year),
                              events: select { facts[$0]?.bodies.contains(body) ?? false }))
        }
        feeds.append(feed(vtimezones: &vtimezones, name: "conflicts", kind: .conflicts,
                          title: words.conflictsTitle(year),
                          description: words.conflictsDescription(cycle.name, year),
                          events: conflictEvents(conflicts, cycle: cycle, sourceNames: sourceNames)))
        // Names must be unique even if two areas fold to one slug.
        var seen: [String: Int] = [:]
        for index in feeds.indices {
            let count = seen[feeds[index].name, default: 0]
            seen[feeds[index].name] = count + 1
            if count > 0 { feeds[index].name += "-\(count + 1)" }
        }
        return feeds
    }

    // MARK: Calendars

    private func feed(vtimezones: inout [String: Component?], name: String, kind: Feed.Kind, title: String, description: String,
                      events: [Component]) -> Feed {
        let refresh = configuration.feeds.refresh.description
        var calendar = Component(name: "VCALENDAR", properties: [
            Property(name: "PRODID", value: "-//Aarshjul//Aarshjul \(AarshjulEngine.version)//\(language.messages.feeds.productLanguage)"),
            Property(name: "VERSION", value: "2.0"),
            Property(name: "CALSCALE", value: "GREGORIAN"),
            Property(name: "METHOD", value: "PUBLISH"),
            Property(name: "NAME", value: TextEscaping.escape(title)),
            Property(name: "X-WR-CALNAME", value: TextEscaping.escape(title)),
            Property(name: "X-WR-CALDESC", value: TextEscaping.escape(description)),
            Property(name: "X-WR-TIMEZONE", value: configuration.cycle.timezone),
            Property(name: "REFRESH-INTERVAL", parameters: [Parameter("VALUE", "DURATION")], value: refresh),
            Property(name: "X-PUBLISHED-TTL", value: refresh),
        ])
        var tzids: Set<String> = []
        for event in events {
            for property in event.properties { if let tzid = property.parameter("TZID") { tzids.insert(tzid) } }
        }
        let zones = tzids.sorted().compactMap { tzid -> Component? in
            if let built = vtimezones[tzid] { return built }
            let built = VTimezoneBuilder.vtimezone(for: tzid)
            vtimezones[tzid] = built
            return built
        }
        calendar.components = zones + events
        return Feed(name: name, kind: kind, title: title, description: description, calendar: calendar)
    }

    /// The event as a feed carries it.
    func prepare(_ original: Component, sourceNames: [String], color: String?, bodies: [String], areas: [String],
                 zoneNames: [String: String] = [:], resolver: ZoneResolver) -> Component {
        var event = original
        event.properties.removeAll { $0.name == "X-LIC-ERROR" }
        let timed: Set<String> = ["DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "RDATE", "EXDATE"]
        for index in event.properties.indices where timed.contains(event.properties[index].name) {
            guard let tzid = event.properties[index].parameter("TZID") else { continue }
            if ZoneRules.system(tzid) != nil { continue }
            if let iana = zoneNames[tzid] ?? ZoneResolver.ianaName(for: tzid) {
                event.properties[index].setParameter("TZID", iana)
                continue
            }
            // A custom zone: write the instants in UTC.
            let property = event.properties[index]
            if property.parameter("VALUE")?.uppercased() == "PERIOD" { continue }
            guard let values = property.dateTimeValues else { continue }
            let converted = values.map { value -> String in
                guard let instant = resolver.instant(of: value) else { return value.icalendarText }
                return LocalDateTime(secondsSinceEpoch: instant).icalendarText + "Z"
            }
            event.properties[index].setParameter("TZID", nil)
            event.properties[index].value = converted.joined(separator: ",")
        }
        if event.property("DTSTAMP") == nil {
            let stamp = event.property("LAST-MODIFIED")?.value ?? event.property("CREATED")?.value ?? "19700101T000000Z"
            event.properties.insert(Property(name: "DTSTAMP", value: stamp), at: min(1, event.properties.count))
        }
        // All-day items end on the next day, exclusive, as clients expect.
        if let start = event.property("DTSTART")?.dateTimeValue, case .date(let day) = start, event.property("DTEND") == nil {
            let days = max(1, event.property("DURATION")?.durationValue?.nominalDays ?? 1)
            event.removeProperties(named: "DURATION")
            if let position = event.properties.firstIndex(where: { $0.name == "DTSTART" }) {
                event.properties.insert(Property(name: "DTEND", parameters: [Parameter("VALUE", "DATE")],
                                                value: day.adding(days: days).icalendarText), at: position + 1)
            }
        }
        let existing = Set(event.properties(named: "CATEGORIES").flatMap { MatchSubject.splitList($0.value).map(TextEscaping.unescape) })
        var added: [String] = []
        for category in sourceNames + bodies + areas where !existing.contains(category) && !added.contains(category) {
            added.append(category)
        }
        if !added.isEmpty {
            event.properties.append(Property(name: "CATEGORIES", value: added.map(TextEscaping.escape).joined(separator: ",")))
        }
        if event.property("COLOR") == nil, let color, let name = CSSColor.name(for: color) {
            event.properties.append(Property(name: "COLOR", value: name))
        }
        return event
    }

    /// The cycle's own zone when a mapped Windows zone keeps the same clock as it
    /// ("W. Europe Standard Time" maps to Europe/Berlin, which a Trondheim reader would rather
    /// see as Europe/Oslo), otherwise the mapped zone.
    func preferredName(for iana: String) -> String {
        let own = configuration.cycle.timezone
        guard iana != own, let mapped = ZoneRules.system(iana), let home = ZoneRules.system(own) else { return iana }
        // Same offsets every six hours from 2000 to 2040: the same clock for any feed date.
        let from = LocalDateTime(year: 2000, month: 1, day: 1).secondsSinceEpoch
        let to = LocalDateTime(year: 2040, month: 1, day: 1).secondsSinceEpoch
        var instant = from
        while instant < to {
            if mapped.offset(atUTC: instant) != home.offset(atUTC: instant) { return iana }
            instant += 21_600
        }
        return own
    }

    /// One all-day event per open conflict, on the date of the later item.
    func conflictEvents(_ report: ConflictReport, cycle: Cycle, sourceNames: [String: String]) -> [Component] {
        let labels = Labels(language)
        let words = labels.messages.feeds
        let stamp = cycle.year.firstDay.icalendarText + "T000000Z"
        return report.open.sorted { $0.id < $1.id }.compactMap { conflict in
            let dates = conflict.occurrences.compactMap { LocalDate(iso: String($0.start.prefix(10))) }
            guard let later = dates.max() else { return nil }
            let severity = labels.messages.words.severities(conflict.severity)
            let lastSummary = conflict.occurrences.last?.summary ?? conflict.rule
            let items = conflict.occurrences.map { occurrence -> String in
                let date = LocalDate(iso: String(occurrence.start.prefix(10))).map { labels.date($0) } ?? occurrence.start
                let time = occurrence.start.count > 10 ? labels.messages.words.atTime + String(occurrence.start.dropFirst(11).prefix(5)) : ""
                let names = occurrence.sources.map { sourceNames[$0] ?? $0 }.joined(separator: ", ")
                return "– \(occurrence.summary) (\(names)), \(date)\(time)"
            }
            let text = conflict.explanation + "\n\n" + words.involves + "\n" + items.joined(separator: "\n")
                + "\n\n" + words.ruleLine(conflict.rule, conflict.type, conflict.id)
            return Component(name: "VEVENT", properties: [
                Property(name: "UID", value: "\(conflict.id)@aarshjul"),
                Property(name: "DTSTAMP", value: stamp),
                Property(name: "DTSTART", parameters: [Parameter("VALUE", "DATE")], value: later.icalendarText),
                Property(name: "DTEND", parameters: [Parameter("VALUE", "DATE")], value: later.adding(days: 1).icalendarText),
                Property(name: "SUMMARY", value: TextEscaping.escape(words.conflictSummary(severity, lastSummary))),
                Property(name: "DESCRIPTION", value: TextEscaping.escape(text)),
                Property(name: "CATEGORIES", value: TextEscaping.escape(words.conflictCategory) + "," + TextEscaping.escape(severity)),
                Property(name: "TRANSP", value: "TRANSPARENT"),
                Property(name: "SEQUENCE", value: "0"),
            ])
        }
    }
}
