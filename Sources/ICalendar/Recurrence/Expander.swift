/// Limits and choices for ``Expander``.
public struct ExpansionOptions: Hashable, Sendable {
    /// The most occurrences one event may produce in a window; more are cut with a diagnostic.
    public var maxOccurrencesPerEvent: Int
    /// The component kinds to expand.
    public var componentNames: Set<String>
    /// Whether ``Expansion/occurrences`` come in their documented order (the default). A
    /// caller that orders them its own way anyway sets this to `false` and gets them in the
    /// order they were generated (item by item), saving a sort of the whole expansion.
    public var sortsOccurrences: Bool

    /// Creates options: at most 10,000 occurrences per event, `VEVENT` only, sorted, by default.
    public init(maxOccurrencesPerEvent: Int = 10_000, componentNames: Set<String> = ["VEVENT"], sortsOccurrences: Bool = true) {
        self.maxOccurrencesPerEvent = max(1, maxOccurrencesPerEvent)
        self.componentNames = componentNames
        self.sortsOccurrences = sortsOccurrences
    }
}

/// The occurrences of a calendar in a window, and what went wrong on the way.
public struct Expansion: Sendable {
    /// Occurrences sorted by start (instants and wall times compared as wall times in UTC),
    /// then UID.
    public var occurrences: [Occurrence]
    /// Unresolvable zones, unreadable values, rules cut at the limit.
    public var diagnostics: [Diagnostic]
}

/// Expands recurring items into occurrences (RFC 5545 §3.8.5, §3.3.10).
///
/// - DTSTART is always the first instance, even when the rule would not produce it.
/// - RRULE (one or more) is iterated in the wall time of DTSTART by the RFC 5545 algorithm
///   in Swift (`RuleIterator`; libical only for RSCALE rules); UNTIL is applied here, in
///   the zone of DTSTART (a UTC UNTIL with a zoned DTSTART compares instants).
/// - RDATE (dates, date-times in any zone, periods), EXDATE (in any zone; a DATE excludes that
///   day), RECURRENCE-ID overrides (matched by instant, so a zone change is no obstacle) and
///   RANGE=THISANDFUTURE (shifts and restyles every later instance) are handled here, because
///   libical 3.0.16 loses the TZID of RDATE and RECURRENCE-ID.
/// - The length of each instance comes from DTEND − DTSTART (exact), or DURATION (days nominal,
///   hours exact), or defaults to one day for dates and zero for date-times.
/// - A wall time in a DST gap is read with the offset before the gap; a time in a fold is
///   the first one.
///
/// ```swift
/// let document = try ICalendarReader().read(fileAt: "ntnu.ics")
/// let expansion = Expander().expand(document,
///     from: LocalDate(year: 2027, month: 1, day: 1), to: LocalDate(year: 2028, month: 1, day: 1))
/// ```
///
/// - Complexity: O(*r* + *k* log *k*) per item, for *r* rule steps from the window's start
///   (or from DTSTART when the rule has COUNT) and *k* occurrences.
public struct Expander: Sendable {
    /// The limits in force.
    public var options: ExpansionOptions

    /// Creates an expander.
    public init(options: ExpansionOptions = ExpansionOptions()) {
        self.options = options
    }

    /// Expands every calendar of a document over `[from, to)`. The bounds are dates read as
    /// local midnight in each item's own zone, so an item is in the window when its own wall
    /// clock says so.
    public func expand(_ document: ICalendarDocument, from: LocalDate, to: LocalDate) -> Expansion {
        let parts = document.calendars.map { expand(calendar: $0, fileName: document.fileName, from: from, to: to) }
        // One calendar (the usual case) is sorted already.
        if parts.count == 1, let only = parts.first { return only }
        let all = parts.flatMap(\.occurrences)
        return Expansion(occurrences: options.sortsOccurrences ? Expander.sorted(all) : all, diagnostics: parts.flatMap(\.diagnostics))
    }

    /// Expands one `VCALENDAR` over `[from, to)`.
    public func expand(calendar: Component, fileName: String = "<input>", from: LocalDate, to: LocalDate) -> Expansion {
        var run = ExpansionRun(calendar: calendar, fileName: fileName, options: options,
                               from: LocalDateTime(date: from), to: LocalDateTime(date: to))
        run.expandAll()
        var expansion = Expansion(occurrences: options.sortsOccurrences ? Expander.sorted(run.occurrences) : run.occurrences,
                                  diagnostics: run.diagnostics)
        expansion.leaveOutOccurrencesBeyondCalendarRange(fileName: fileName)
        return expansion
    }

    /// Occurrences in the order of ``Expansion/occurrences``: by start (instants and wall
    /// times compared as wall times in UTC), then UID, then end; of equals, the earlier first.
    ///
    /// The keys are read once and indices are sorted, not whole occurrences: moving
    /// `Occurrence` values (each holding its component) through a sort cost about a fifth of
    /// `aarshjul expand` on a large calendar in retains and releases.
    ///
    /// - Complexity: O(*n* log *n*).
    static func sorted(_ occurrences: [Occurrence]) -> [Occurrence] {
        let starts = occurrences.map { $0.startUTC ?? $0.start.local.secondsSinceEpoch }
        let ends = occurrences.map { $0.endUTC ?? $0.end.local.secondsSinceEpoch }
        let order = occurrences.indices.sorted { left, right in
            if starts[left] != starts[right] { return starts[left] < starts[right] }
            let leftUID = occurrences[left].uid, rightUID = occurrences[right].uid
            if leftUID != rightUID { return leftUID < rightUID }
            if ends[left] != ends[right] { return ends[left] < ends[right] }
            return left < right
        }
        return order.map { occurrences[$0] }
    }
}

/// The kind of time an item's instances are generated in.
enum Frame {
    case date
    case floating
    case utc
    case zone(ZoneRules, tzid: String)

    func value(_ local: LocalDateTime) -> DateTimeValue {
        switch self {
        case .date: return .date(local.date)
        case .floating: return .floating(local)
        case .utc: return .utc(local)
        case .zone(_, let tzid): return .zoned(local, tzid: tzid)
        }
    }

    func instant(_ local: LocalDateTime) -> Int? {
        switch self {
        case .date, .floating: return nil
        case .utc: return local.secondsSinceEpoch
        case .zone(let rules, _): return rules.utc(for: local)
        }
    }

    func local(forInstant instant: Int) -> LocalDateTime {
        switch self {
        case .zone(let rules, _): return rules.local(forUTC: instant)
        default: return LocalDateTime(secondsSinceEpoch: instant)
        }
    }

    var isDate: Bool {
        if case .date = self { return true }
        return false
    }
}

/// How long an instance lasts: nominal days on the wall clock, then exact seconds.
struct Span {
    var days: Int
    var seconds: Int
}

struct ExpansionRun {
    let calendar: Component
    let fileName: String
    let options: ExpansionOptions
    let from: LocalDateTime
    let to: LocalDateTime
    var resolver: ZoneResolver
    var occurrences: [Occurrence] = []
    var diagnostics: [Diagnostic] = []
    private var reportedZones: Set<String> = []

    init(calendar: Component, fileName: String, options: ExpansionOptions, from: LocalDateTime, to: LocalDateTime) {
        self.calendar = calendar
        self.fileName = fileName
        self.options = options
        self.from = from
        self.to = to
        self.resolver = ZoneResolver(calendar: calendar)
    }

    mutating func expandAll() {
        var groups: [String: (masters: [Component], overrides: [Component])] = [:]
        var order: [String] = []
        var anonymous = 0
        for component in calendar.components where options.componentNames.contains(component.name) {
            var key = component.uid ?? ""
            if key.isEmpty {
                anonymous += 1
                key = "\u{0}anonymous-\(anonymous)"
            }
            if groups[key] == nil {
                groups[key] = ([], [])
                order.append(key)
            }
            if component.property("RECURRENCE-ID") != nil {
                groups[key]!.overrides.append(component)
            } else {
                groups[key]!.masters.append(component)
            }
        }
        for key in order {
            guard let group = groups[key] else { continue }
            if group.masters.isEmpty {
                for override in group.overrides { expandSingle(override) }
            } else {
                // Several masters with one UID are versions of one series: the highest
                // SEQUENCE wins, the first of equals (as iTIP's update rules imply).
                var core = group.masters[0]
                for candidate in group.masters.dropFirst() where Self.sequence(candidate) > Self.sequence(core) {
                    core = candidate
                }
                expandSeries(master: core, overrides: group.overrides)
            }
        }
    }

    // MARK: Frames and values

    private mutating func frame(for value: DateTimeValue, line: Int, property: String) -> Frame {
        switch value {
        case .date: return .date
        case .utc: return .utc
        case .floating:
            if let zone = resolver.floatingZone, let name = resolver.floatingZoneName { return .zone(zone, tzid: name) }
            return .floating
        case .zoned(_, let tzid):
            if let rules = resolver.zone(for: tzid) { return .zone(rules, tzid: tzid) }
            if !reportedZones.contains(tzid) {
                reportedZones.insert(tzid)
                diagnostics.append(Diagnostic(severity: .error, file: fileName, line: line, property: property,
                                              message: "unknown time zone \"\(tzid)\" (no VTIMEZONE in the file, not an IANA or Windows zone name); its times are read as floating"))
            }
            return .floating
        }
    }

    /// A value in another kind of time, moved into `frame`'s wall time.
    private mutating func local(_ value: DateTimeValue, in frame: Frame, line: Int, property: String) -> LocalDateTime {
        switch frame {
        case .date, .floating:
            return value.local
        case .utc, .zone:
            let own = self.frame(for: value, line: line, property: property)
            if let instant = own.instant(value.local) { return frame.local(forInstant: instant) }
            return value.local
        }
    }

    /// When an item starts and how long it lasts, read leniently: DTEND before DTSTART is taken
    /// as swapped, a DATE start with a DATE-TIME end (or a DURATION with hours) becomes midnight
    /// in the end's kind of time, as RFC 5545 requires both to be of one type.
    func timing(of component: Component) -> (start: DateTimeValue, span: Span)? {
        guard let startValue = (component.property("DTSTART") ?? component.property("RECURRENCE-ID"))?.dateTimeValue else { return nil }
        var start = startValue
        if var end = (component.property("DTEND") ?? component.property("DUE"))?.dateTimeValue {
            if start.isDate && end.isDate {
                let days = end.date.daysSinceEpoch - start.date.daysSinceEpoch
                if days < 0 { start = end }
                return (start, Span(days: abs(days), seconds: 0))
            }
            if start.isDate { start = end.with(local: LocalDateTime(date: start.date)) }
            if end.isDate { end = start.with(local: LocalDateTime(date: end.date)) }
            // A floating time beside a zoned one is read in that zone.
            if case .floating(let time) = start, !Self.isFloating(end) { start = end.with(local: time) }
            if case .floating(let time) = end, !Self.isFloating(start) { end = start.with(local: time) }
            let startKey = resolver.instant(of: start) ?? start.local.secondsSinceEpoch
            let endKey = resolver.instant(of: end) ?? end.local.secondsSinceEpoch
            if endKey < startKey { start = end }
            return (start, Span(days: 0, seconds: abs(endKey - startKey)))
        }
        if let duration = component.property("DURATION")?.durationValue {
            if duration.isNegative { return (start, start.isDate ? Span(days: 1, seconds: 0) : Span(days: 0, seconds: 0)) }
            if start.isDate && duration.exactSeconds != 0 { start = .floating(LocalDateTime(date: start.date)) }
            return (start, Span(days: duration.nominalDays, seconds: start.isDate ? 0 : duration.exactSeconds))
        }
        return (start, start.isDate ? Span(days: 1, seconds: 0) : Span(days: 0, seconds: 0))
    }

    private func occurrence(uid: String, recurrenceID: DateTimeValue?, start: LocalDateTime, frame: Frame,
                            span: Span, component: Component) -> Occurrence {
        let startValue = frame.value(start)
        let startUTC = frame.instant(start)
        var endLocal = start.adding(seconds: span.days * 86_400)
        var endUTC: Int?
        if case .date = frame {
            // Date items end on a date.
        } else if let nominalEnd = frame.instant(endLocal) {
            let exact = nominalEnd + span.seconds
            endUTC = exact
            endLocal = frame.local(forInstant: exact)
        } else {
            endLocal = endLocal.adding(seconds: span.seconds)
        }
        return Occurrence(uid: uid, recurrenceID: recurrenceID, start: startValue, end: frame.value(endLocal),
                          startUTC: startUTC, endUTC: endUTC, component: component)
    }

    private func inWindow(_ occurrence: Occurrence) -> Bool {
        let start = occurrence.start.local
        let end = occurrence.end.local
        guard start < to else { return false }
        if end > start { return end > from }
        return start >= from
    }

    // MARK: Single items and series

    private mutating func expandSingle(_ component: Component) {
        guard let startProperty = component.property("DTSTART") ?? component.property("RECURRENCE-ID"),
              let (start, length) = timing(of: component) else { return }
        let frame = self.frame(for: start, line: startProperty.line, property: startProperty.name)
        let recurrenceID = component.property("RECURRENCE-ID")?.dateTimeValue
        let item = occurrence(uid: component.uid ?? "", recurrenceID: recurrenceID, start: start.local, frame: frame,
                              span: length, component: component)
        if inWindow(item) { occurrences.append(item) }
    }

    private struct Override {
        /// RECURRENCE-ID as wall time in the series' frame.
        var key: LocalDateTime
        /// RECURRENCE-ID as a matching key (an instant where there is one, see `matchKey`).
        var match: Int
        var component: Component
        var thisAndFuture: Bool
    }

    /// What instances, EXDATEs and RECURRENCE-IDs are matched by: the instant for a zoned or
    /// UTC series (so a wall time in a DST gap or fold, or a value in another zone, names the
    /// instance it means), the wall time for a floating series, the day for an all-day one.
    private func matchKey(instance local: LocalDateTime, in frame: Frame) -> Int {
        if frame.isDate { return local.date.daysSinceEpoch * 86_400 }
        return frame.instant(local) ?? local.secondsSinceEpoch
    }

    private mutating func matchKey(value: DateTimeValue, in frame: Frame, line: Int, property: String) -> Int {
        switch frame {
        case .date: return value.date.daysSinceEpoch * 86_400
        case .floating: return value.local.secondsSinceEpoch
        case .utc, .zone:
            if case .floating = value { return frame.instant(value.local) ?? value.local.secondsSinceEpoch }
            if case .date = value { return frame.instant(value.local) ?? value.local.secondsSinceEpoch }
            let own = self.frame(for: value, line: line, property: property)
            return own.instant(value.local) ?? frame.instant(value.local) ?? value.local.secondsSinceEpoch
        }
    }

    /// Expands a series in phases: its rules, its overrides and exclusions, how far before
    /// and after the window to generate, the instances of the rules and RDATEs, and the
    /// occurrences they become.
    private mutating func expandSeries(master: Component, overrides: [Component]) {
        guard let rrules = readRules(of: master) else { return }
        let rdates = master.properties(named: "RDATE")
        if rrules.isEmpty && rdates.isEmpty && overrides.isEmpty {
            expandSingle(master)
            return
        }
        guard let startProperty = master.property("DTSTART"), let (dtstart, masterSpan) = timing(of: master) else { return }
        let series = Series(master: master, uid: master.uid ?? "", start: dtstart.local, span: masterSpan,
                            frame: frame(for: dtstart, line: startProperty.line, property: "DTSTART"))
        var (overrideByKey, futureOverrides) = collectOverrides(overrides, of: series)
        let exclusions = readExclusions(of: series)
        let (generateFrom, generateTo) = generationWindow(rrules: rrules, series: series, overrides: overrideByKey.values)
        var instances = ruleInstances(rrules, of: series, from: generateFrom, to: generateTo)
        addRecurrenceDates(rdates, of: series, to: &instances)
        emitInstances(instances, of: series, exclusions: exclusions, overrides: &overrideByKey, futureOverrides: futureOverrides)
        emitRemainingOverrides(overrideByKey, of: series, excluded: exclusions.instants)
    }

    /// What the phases of ``expandSeries(master:overrides:)`` share about the series.
    private struct Series {
        var master: Component
        var uid: String
        /// DTSTART in the series' own wall time.
        var start: LocalDateTime
        var span: Span
        var frame: Frame
        var name: String { master.summary ?? uid }
    }

    /// The series' RRULEs, or `nil` when one cannot be read: without its rule the series'
    /// dates are unknown, and showing only DTSTART would pass a wrong picture on; the error
    /// says what to fix.
    private mutating func readRules(of master: Component) -> [(Property, RecurrenceRule)]? {
        var rrules: [(Property, RecurrenceRule)] = []
        for property in master.properties(named: "RRULE") {
            if property.value.trimmedSpaces.isEmpty { continue }
            switch RecurrenceRule.parse(property.value, lenient: true) {
            case .success(let rule):
                rrules.append((property, rule))
            case .failure(let error):
                diagnostics.append(Diagnostic(severity: .error, file: fileName, line: property.line, property: "RRULE",
                                              message: "\"\(master.summary ?? master.uid ?? "")\" is left out: its rule cannot be read (\(error))"))
                return nil
            }
        }
        return rrules
    }

    /// Overrides keyed by their RECURRENCE-ID's match key (the newest SEQUENCE wins), and the
    /// `RANGE=THISANDFUTURE` ones in order.
    private mutating func collectOverrides(_ overrides: [Component], of series: Series) -> (byKey: [Int: Override], future: [Override]) {
        var byKey: [Int: Override] = [:]
        var future: [Override] = []
        for component in overrides {
            guard let property = component.property("RECURRENCE-ID"), let value = property.dateTimeValue else { continue }
            var key = local(value, in: series.frame, line: property.line, property: "RECURRENCE-ID")
            if series.frame.isDate { key = LocalDateTime(date: key.date) }
            let match = matchKey(value: value, in: series.frame, line: property.line, property: "RECURRENCE-ID")
            let isFuture = property.parameter("RANGE")?.uppercased() == "THISANDFUTURE"
            let entry = Override(key: key, match: match, component: component, thisAndFuture: isFuture)
            if let existing = byKey[match], Self.sequence(existing.component) >= Self.sequence(component) { continue }
            byKey[match] = entry
            if isFuture { future.append(entry) }
        }
        future.sort { $0.match < $1.match }
        return (byKey, future)
    }

    /// EXDATEs: match keys, and whole days for a DATE value on a timed series.
    private struct Exclusions {
        var instants: Set<Int> = []
        var days: Set<LocalDate> = []
    }

    private mutating func readExclusions(of series: Series) -> Exclusions {
        var exclusions = Exclusions()
        for property in series.master.properties(named: "EXDATE") {
            for value in property.dateTimeValues ?? [] {
                if value.isDate && !series.frame.isDate {
                    exclusions.days.insert(value.date)
                } else {
                    exclusions.instants.insert(matchKey(value: value, in: series.frame, line: property.line, property: "EXDATE"))
                }
            }
        }
        return exclusions
    }

    /// The wall times to generate instances between: the window widened by the longest an
    /// instance can last, with room for the wall clock to move (DST, zones of RDATEs). Two days
    /// of room is nothing for a DAILY rule, but 172,800 instances of a SECONDLY one that are
    /// generated only to be dropped (found by the expander fuzz target): sub-daily rules get
    /// three hours, more than any change of offset.
    private func generationWindow(rrules: [(Property, RecurrenceRule)], series: Series,
                                  overrides: some Collection<Override>) -> (from: LocalDateTime, to: LocalDateTime) {
        let room = rrules.contains { $0.1.frequency.isSubDaily } ? 3 * 3_600 : 2 * 86_400
        var lookBack = series.span.days * 86_400 + series.span.seconds + room
        for override in overrides {
            if let (start, overrideSpan) = timing(of: override.component) {
                lookBack = max(lookBack, overrideSpan.days * 86_400 + overrideSpan.seconds + 2 * 86_400)
                lookBack = max(lookBack, abs(override.key.secondsSinceEpoch - start.local.secondsSinceEpoch) + 2 * 86_400)
            }
        }
        return (from.adding(seconds: -lookBack), to.adding(seconds: 2 * 86_400 + 14 * 3_600))
    }

    /// Instance starts of DTSTART and the rules, each with `.some(nil)` for the series' own
    /// span (RDATE periods add their own later). DTSTART is the first instance unless every
    /// rule ended before it began. A rule that gives more than the cap in the window is cut
    /// with a warning.
    private mutating func ruleInstances(_ rrules: [(Property, RecurrenceRule)], of series: Series,
                                        from generateFrom: LocalDateTime, to generateTo: LocalDateTime) -> [LocalDateTime: Span?] {
        var instances: [LocalDateTime: Span?] = [:]
        let untils = rrules.map { untilLocal(of: $0.1, in: series.frame) }
        if untils.isEmpty || untils.contains(where: { $0 == nil || series.start <= $0! }) {
            instances[series.start] = .some(nil)
        }
        var steps = 0
        let stepLimit = max(options.maxOccurrencesPerEvent * 20, 200_000)
        let spanSeconds = series.span.days * 86_400 + series.span.seconds
        for (property, rule) in rrules {
            guard let iterator = RuleIterator(rule: rule, start: series.start, isDate: series.frame.isDate, jumpTo: generateFrom,
                                              horizon: generateTo) else {
                if rule.frequency.isSubDaily {
                    let what = series.frame.isDate ? "on an all-day item" : "with RSCALE and BYSETPOS"
                    diagnostics.append(Diagnostic(severity: .error, file: fileName, line: property.line, property: "RRULE",
                                                  message: "the rule \"\(rule.text)\" of \"\(series.name)\" is not expanded: a \(rule.frequency.rawValue) rule \(what) is not supported"))
                }
                continue
            }
            let untilLocal = untilLocal(of: rule, in: series.frame)
            var inWindowCount = 0
            // Instances that start before the window but reach into it (an item lasting
            // centuries, repeated daily, found by the expander fuzz target) are capped too.
            var reachingInCount = 0
            while let next = iterator.next() {
                steps += 1
                if let untilLocal, next > untilLocal { break }
                if next >= generateTo { break }
                if steps > stepLimit || inWindowCount >= options.maxOccurrencesPerEvent
                    || reachingInCount >= options.maxOccurrencesPerEvent {
                    diagnostics.append(Diagnostic(severity: .warning, file: fileName, line: property.line, property: "RRULE",
                                                  message: "the rule \"\(rule.text)\" of \"\(series.name)\" gives more than \(options.maxOccurrencesPerEvent) occurrences in the window; it is cut at \(next)"))
                    return instances
                }
                if next < generateFrom { continue }
                // The cap counts instances from the window's start (the look-back before it
                // only catches long items that reach into the window).
                if next >= from {
                    inWindowCount += 1
                } else if next.secondsSinceEpoch + spanSeconds > from.secondsSinceEpoch {
                    reachingInCount += 1
                }
                if instances[next] == nil { instances[next] = .some(nil) }
            }
        }
        return instances
    }

    /// Adds the RDATEs: a PERIOD carries its own span, a date or date-time the series'.
    private mutating func addRecurrenceDates(_ rdates: [Property], of series: Series, to instances: inout [LocalDateTime: Span?]) {
        for property in rdates {
            if property.parameter("VALUE")?.uppercased() == "PERIOD" {
                for period in property.periodValues ?? [] {
                    let start = local(period.start, in: series.frame, line: property.line, property: "RDATE")
                    let length: Span
                    switch period.end {
                    case .duration(let duration): length = Span(days: duration.nominalDays, seconds: duration.exactSeconds)
                    case .date(let end):
                        let startInstant = resolver.instant(of: period.start) ?? period.start.local.secondsSinceEpoch
                        let endInstant = resolver.instant(of: end) ?? end.local.secondsSinceEpoch
                        length = Span(days: 0, seconds: max(0, endInstant - startInstant))
                    }
                    instances[start] = .some(length)
                }
            } else {
                for value in property.dateTimeValues ?? [] {
                    var start = local(value, in: series.frame, line: property.line, property: "RDATE")
                    if series.frame.isDate { start = LocalDateTime(date: start.date) }
                    if instances[start] == nil { instances[start] = .some(nil) }
                }
            }
        }
    }

    /// The instances in order as occurrences: excluded ones dropped (with their override),
    /// overridden ones replaced, later ones shifted by the last `THISANDFUTURE` override
    /// before them. The overrides used are taken out of `overrides`.
    private mutating func emitInstances(_ instances: [LocalDateTime: Span?], of series: Series, exclusions: Exclusions,
                                        overrides: inout [Int: Override], futureOverrides: [Override]) {
        for (key, ownSpan) in instances.sorted(by: { $0.key < $1.key }) {
            let match = matchKey(instance: key, in: series.frame)
            if exclusions.instants.contains(match) || exclusions.days.contains(key.date) {
                // EXDATE removes the instance, a modification of it included.
                overrides[match] = nil
                continue
            }
            let recurrenceID = series.frame.value(key)
            if let override = overrides.removeValue(forKey: match) {
                if let item = overridden(override, uid: series.uid, recurrenceID: recurrenceID, masterFrame: series.frame,
                                         masterSpan: series.span), inWindow(item) {
                    occurrences.append(item)
                }
                continue
            }
            var component = series.master
            var start = key
            var length = (ownSpan ?? nil) ?? series.span
            if let future = futureOverrides.last(where: { $0.match < match }),
               let (futureStart, futureSpan) = timing(of: future.component) {
                let shiftedFrom = local(futureStart, in: series.frame, line: 0, property: "DTSTART")
                start = key.adding(seconds: shiftedFrom.secondsSinceEpoch - future.key.secondsSinceEpoch)
                length = futureSpan
                component = future.component
            }
            let item = occurrence(uid: series.uid, recurrenceID: recurrenceID, start: start, frame: series.frame, span: length,
                                  component: component)
            if inWindow(item) { occurrences.append(item) }
        }
    }

    /// Overrides whose RECURRENCE-ID names no generated instance still happen (RFC 5545
    /// §3.8.4.4 lets an override add to the set), unless excluded, or carrying their own rule
    /// and older than the series (superseded by the series' later version).
    private mutating func emitRemainingOverrides(_ overrides: [Int: Override], of series: Series, excluded: Set<Int>) {
        let coreSequence = Self.sequence(series.master)
        for override in overrides.values.sorted(by: { $0.match < $1.match }) {
            if excluded.contains(override.match) { continue }
            if override.component.property("RRULE") != nil, Self.sequence(override.component) < coreSequence { continue }
            if let item = overridden(override, uid: series.uid, recurrenceID: series.frame.value(override.key),
                                     masterFrame: series.frame, masterSpan: series.span),
               inWindow(item) {
                occurrences.append(item)
            }
        }
    }

    /// A rule's UNTIL in the wall time of the series (a date UNTIL is its midnight).
    private func untilLocal(of rule: RecurrenceRule, in frame: Frame) -> LocalDateTime? {
        guard let until = rule.until else { return nil }
        if frame.isDate { return LocalDateTime(date: until.date) }
        if case .utc(let time) = until, case .zone(let rules, _) = frame {
            return rules.local(forUTC: time.secondsSinceEpoch)
        }
        return until.local
    }

    private mutating func overridden(_ override: Override, uid: String, recurrenceID: DateTimeValue,
                                     masterFrame: Frame, masterSpan: Span) -> Occurrence? {
        let component = override.component
        if let property = component.property("DTSTART"), let (start, ownSpan) = timing(of: component) {
            let frame = self.frame(for: start, line: property.line, property: "DTSTART")
            let hasOwnLength = component.property("DTEND") != nil || component.property("DURATION") != nil
            let length = hasOwnLength ? ownSpan : masterSpan
            return occurrence(uid: uid, recurrenceID: recurrenceID, start: start.local, frame: frame, span: length, component: component)
        }
        return occurrence(uid: uid, recurrenceID: recurrenceID, start: override.key, frame: masterFrame, span: masterSpan, component: component)
    }

    private static func isFloating(_ value: DateTimeValue) -> Bool {
        if case .floating = value { return true }
        return false
    }

    private static func sequence(_ component: Component) -> Int {
        component.property("SEQUENCE")?.integerValue ?? 0
    }
}
