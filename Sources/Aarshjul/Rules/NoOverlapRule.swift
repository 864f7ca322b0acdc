import ICalendar

/// `no-overlap`: two matched occurrences must not overlap in time, or, with `same-day = true`,
/// must not fall on the same day; `across = "sources"` or `"bodies"` limits it to pairs from
/// different sources (held by different sets of sources: a joint item in `tk` and `ntnu` and
/// an item only `tk` holds are compared, two items both calendars hold are not) or bodies.
///
/// - Overlap is of half-open intervals `[start, end)` as instants; an all-day item covers its
///   days from midnight to midnight in the cycle's time zone, so it overlaps every timed item
///   on those days. Back-to-back items (one ends 12:00, the next starts 12:00) do not overlap.
/// - Same day compares the days each covers in the cycle's time zone.
///
/// - Complexity: O(*n* log *n* + *k*) for *k* pairs found (a sweep over starts with the
///   active items, never all pairs).
public struct NoOverlapRule: ConflictRule {
    public let id: String
    let severity: RuleSeverity
    let match: Match
    let sameDay: Bool
    let across: Across?
    let fixed: Bool
    let type: String

    /// Creates the rule from its settings.
    public init(id: String, severity: RuleSeverity, match: Match, sameDay: Bool, across: Across?, fixed: Bool = false,
                type: String = RuleType.noOverlap.rawValue) {
        self.id = id
        self.severity = severity
        self.match = match
        self.sameDay = sameDay
        self.across = across
        self.fixed = fixed
        self.type = type
    }

    public var matches: [Match] { [match] }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let selected = context.select(match)
        let occurrences = context.occurrences
        // Intervals: days (first day, day after last) or instants.
        func interval(_ index: Int) -> (Int, Int) {
            let occurrence = occurrences[index]
            if sameDay { return (occurrence.startDate.daysSinceEpoch, occurrence.lastDate.daysSinceEpoch + 1) }
            return (occurrence.startInstant, max(occurrence.endInstant, occurrence.startInstant + 1))
        }
        let sorted = selected.map { ($0, interval($0)) }.sorted { $0.1.0 < $1.1.0 || ($0.1.0 == $1.1.0 && $0.0 < $1.0) }
        var active: [(Int, (Int, Int))] = []
        var findings: [Finding] = []
        let words = context.labels.messages.rules
        for (index, span) in sorted {
            active.removeAll { $0.1.1 <= span.0 }
            for (other, _) in active where qualifies(occurrences[other], occurrences[index]) {
                let a = other, b = index
                let text: String
                if sameDay {
                    text = words.sameDay(context.describe(a, withTime: true), context.describe(b, withTime: true), context.ruleSays(id))
                } else {
                    text = words.overlap(context.describe(a, withTime: true), context.describe(b, withTime: true), context.ruleSays(id))
                }
                findings.append(Finding(rule: id, type: type, severity: severity, occurrences: [a, b], explanation: text, fixed: fixed))
            }
            active.append((index, span))
        }
        return findings
    }

    func qualifies(_ a: CycleOccurrence, _ b: CycleOccurrence) -> Bool {
        if a.identity == b.identity && a.occurrence.recurrenceID == b.occurrence.recurrenceID { return false }
        switch across {
        case .sources?:
            if a.sources.count == 1 && b.sources.count == 1 { return a.sources[0] != b.sources[0] }  // the common case
            return Set(a.sources) != Set(b.sources)
        case .bodies?: return a.tags.body != b.tags.body
        case nil: return true
        }
    }
}
