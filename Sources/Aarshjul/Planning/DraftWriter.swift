import ICalendar

/// Writes a plan's drafts: one `VCALENDAR` per source, holding the items that source holds.
///
/// - **Plan** (next year): every planned item as a new `VEVENT`: a new UID (``Planner`` derives
///   it from the original UID, the instance and the year), `RELATED-TO` the original UID,
///   `X-AARSHJUL-PATTERN` (the pattern's code), `STATUS:TENTATIVE`, `SEQUENCE:0`, and the
///   original's SUMMARY, LOCATION, DESCRIPTION, CATEGORIES, CLASS, TRANSP and `X-AARSHJUL-*`
///   tags, its duration (DTEND or DURATION) and its kind of time (date, zone, UTC, floating);
///   an item the solver moved from its pattern date has `X-AARSHJUL-MOVED` with the days
///   moved (`aarshjul wheel --plan` marks it).
/// - **Resolve** (this year): only the moved items, as new versions: the same component with
///   new DTSTART/DTEND and SEQUENCE raised by one; an instance of a series becomes an
///   override (`RECURRENCE-ID`) of that instance. `aarshjul merge` of the draft into its
///   source gives the resolved calendar.
///
/// Every TZID used gets its VTIMEZONE: the one a source file defines, else one built from the
/// system zone database. Events are sorted by start and UID, so the bytes are deterministic.
struct DraftWriter {
    let configuration: AarshjulConfiguration
    let sources: [SourceCalendar]
    let zone: ZoneRules

    /// Properties a planned item keeps from its original.
    static let kept: Set<String> = ["SUMMARY", "LOCATION", "DESCRIPTION", "CATEGORIES", "CLASS", "TRANSP",
                                    "X-AARSHJUL-BODY", "X-AARSHJUL-KIND", "X-AARSHJUL-AREA", "X-AARSHJUL-FIXED"]
    /// Properties a new version or override drops from its original.
    static let recurrence: Set<String> = ["RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID"]

    func drafts(mode: Plan.Mode, year: Int, seeds: [Planner.Seed], planned: [CycleOccurrence], items: [PlannedItem]) -> [Draft] {
        var events: [String: [(key: String, event: Component)]] = [:]
        for (index, seed) in seeds.enumerated() {
            let item = items[index]
            let days = planned[index].startDate.daysSinceEpoch - seed.original.startDate.daysSinceEpoch
            let event: Component
            switch mode {
            case .plan:
                var planned = newEvent(seed.original, uid: item.uid, days: days, pattern: item.patternCode ?? "", year: year)
                if item.moved { planned.properties.append(Property(name: "X-AARSHJUL-MOVED", value: "\(item.days)")) }
                event = planned
            case .resolve:
                guard item.moved else { continue }
                event = newVersion(seed.original, days: days)
            }
            let key = planned[index].startText + "\u{1}" + item.uid + "\u{1}" + (item.recurrenceID ?? "")
            for source in seed.original.sources { events[source, default: []].append((key, event)) }
        }
        return configuration.sources.compactMap { source -> Draft? in
            guard let list = events[source.id], !list.isEmpty else { return nil }
            let sorted = list.sorted { $0.key < $1.key }.map(\.event)
            return Draft(source: source.id, calendar: calendar(for: source, events: sorted, year: year, mode: mode))
        }
    }

    // MARK: Events

    func newEvent(_ original: CycleOccurrence, uid: String, days: Int, pattern: String, year: Int) -> Component {
        let component = original.occurrence.component
        var properties = [Property(name: "UID", value: uid)]
        properties.append(component.property("DTSTAMP") ?? Property(name: "DTSTAMP", value: "\(year - 1)0101T000000Z"))
        properties.append(contentsOf: times(original, component: component, days: days))
        properties.append(contentsOf: component.properties.filter { Self.kept.contains($0.name) })
        properties.append(Property(name: "STATUS", value: "TENTATIVE"))
        properties.append(Property(name: "SEQUENCE", value: "0"))
        properties.append(Property(name: "RELATED-TO", value: TextEscaping.escape(original.uid)))
        properties.append(Property(name: "X-AARSHJUL-PATTERN", value: pattern))
        return Component(name: "VEVENT", properties: properties)
    }

    func newVersion(_ original: CycleOccurrence, days: Int) -> Component {
        let component = original.occurrence.component
        let isInstance = component.property("RECURRENCE-ID") == nil && original.occurrence.recurrenceID != nil
        let sequence = (component.property("SEQUENCE")?.integerValue ?? 0) + 1
        var properties: [Property] = []
        let times = self.times(original, component: component, days: days)
        for property in component.properties {
            switch property.name {
            case "DTSTART":
                properties.append(contentsOf: times.filter { $0.name == "DTSTART" })
                if isInstance, let recurrenceID = original.occurrence.recurrenceID {
                    var id = property
                    id.name = "RECURRENCE-ID"
                    id.value = recurrenceID.icalendarText
                    properties.append(id)
                } else if let id = component.property("RECURRENCE-ID") {
                    properties.append(id)
                }
            case "DTEND", "DURATION":
                properties.append(contentsOf: times.filter { $0.name == property.name })
            case "SEQUENCE":
                properties.append(Property(name: "SEQUENCE", value: "\(sequence)"))
            default:
                if !Self.recurrence.contains(property.name) { properties.append(property) }
            }
        }
        if component.property("SEQUENCE") == nil { properties.append(Property(name: "SEQUENCE", value: "\(sequence)")) }
        return Component(name: "VEVENT", properties: properties, components: component.components)
    }

    /// DTSTART and DTEND (or DURATION) of an occurrence moved by whole days, in the original's
    /// kind of time.
    func times(_ original: CycleOccurrence, component: Component, days: Int) -> [Property] {
        var result: [Property] = []
        let start = shifted(original.occurrence.start, instant: original.occurrence.startUTC, days: days)
        var property = component.property("DTSTART") ?? Property(name: "DTSTART", value: "")
        property.value = start.icalendarText
        result.append(property)
        if let end = component.property("DTEND") {
            var property = end
            property.value = shifted(original.occurrence.end, instant: original.occurrence.endUTC, days: days).icalendarText
            result.append(property)
        } else if let duration = component.property("DURATION") {
            result.append(duration)
        }
        return result
    }

    /// A value moved by whole days of wall time (a UTC value through the cycle's zone).
    func shifted(_ value: DateTimeValue, instant: Int?, days: Int) -> DateTimeValue {
        switch value {
        case .date(let date): return .date(date.adding(days: days))
        case .floating(let time): return .floating(time.adding(seconds: days * 86_400))
        case .zoned(let time, let tzid): return .zoned(time.adding(seconds: days * 86_400), tzid: tzid)
        case .utc(let time):
            let local = zone.local(forUTC: instant ?? time.secondsSinceEpoch).adding(seconds: days * 86_400)
            return .utc(LocalDateTime(secondsSinceEpoch: zone.utc(for: local)))
        }
    }

    // MARK: Calendars

    func calendar(for source: SourceSettings, events: [Component], year: Int, mode: Plan.Mode) -> Component {
        var tzids: [String] = []
        for event in events {
            for property in event.properties where ["DTSTART", "DTEND", "RECURRENCE-ID"].contains(property.name) {
                if let tzid = property.parameter("TZID"), !tzids.contains(tzid) { tzids.append(tzid) }
            }
        }
        let title = mode == .plan ? "\(source.name) – plan \(year)" : "\(source.name) – resolve \(year)"
        var calendar = Component(name: "VCALENDAR", properties: [
            Property(name: "VERSION", value: "2.0"),
            Property(name: "PRODID", value: "-//Aarshjul//plan//EN"),
            Property(name: "CALSCALE", value: "GREGORIAN"),
            Property(name: "X-WR-CALNAME", value: TextEscaping.escape(title)),
        ])
        for tzid in tzids.sorted() {
            if let zone = definedZone(tzid, preferring: source.id) ?? VTimezoneBuilder.vtimezone(for: tzid, referenceYear: year) {
                calendar.components.append(zone)
            }
        }
        calendar.components.append(contentsOf: events)
        return calendar
    }

    /// The VTIMEZONE a source file defines for a TZID, the draft's own source first.
    func definedZone(_ tzid: String, preferring source: String) -> Component? {
        let ordered = sources.filter { $0.id == source } + sources.filter { $0.id != source }
        for calendar in ordered.flatMap(\.document.calendars) {
            if let zone = calendar.components(named: "VTIMEZONE").first(where: { $0.property("TZID")?.value == tzid }) { return zone }
        }
        return nil
    }
}
