import ICalendar

/// What rules read: the cycle's live (not cancelled) occurrences in start order, the
/// Norwegian calendar, the cycle year, and the words of the report's language.
public struct RuleContext: Sendable {
    /// The live occurrences, sorted by start.
    public var occurrences: [CycleOccurrence]
    /// The cycle year.
    public var year: CycleYear
    /// Holidays and closed periods.
    public var calendar: NorwegianCalendar
    /// Labels of the report's language.
    public var labels: Labels
    /// Source display names by id.
    public var sourceNames: [String: String]
    /// The cycle's time zone.
    public var zone: ZoneRules
    /// For each match the rules use, whether each occurrence fits it (computed once; moving an
    /// occurrence's date does not change what it is).
    var memberships: [Match: [Bool]] = [:]

    /// Creates a context and works out, once, which occurrences each of `matches` selects.
    ///
    /// - Complexity: O(*m*·*n*) glob tests, each subject folded once per item.
    public init(occurrences: [CycleOccurrence], year: CycleYear, calendar: NorwegianCalendar, labels: Labels,
                sourceNames: [String: String], zone: ZoneRules, matches: [Match] = []) {
        self.occurrences = occurrences
        self.year = year
        self.calendar = calendar
        self.labels = labels
        self.sourceNames = sourceNames
        self.zone = zone
        let distinct = Array(Set(matches))
        let compiled = distinct.map(CompiledMatch.init)
        var bits = Array(repeating: [Bool](repeating: false, count: occurrences.count), count: distinct.count)
        // Fold only the fields some match tests, and test each item once: the instances of a
        // series share their item's answers (by the item's position, not a hashed key).
        let fields = Set(distinct.flatMap { $0.fields.map(\.key) })
        var answers = [[Int]?](repeating: nil, count: (occurrences.map(\.item).max() ?? -1) + 1)
        for index in occurrences.indices {
            let item = occurrences[index].item
            let fits: [Int]
            if item >= 0, let known = answers[item] {
                fits = known
            } else {
                let subject = MatchSubject(component: occurrences[index].occurrence.component, sources: occurrences[index].sources,
                                           tags: occurrences[index].tags, fields: fields)
                fits = compiled.indices.filter { compiled[$0].matches(subject) }
                if item >= 0 { answers[item] = fits }
            }
            for position in fits { bits[position][index] = true }
        }
        for (position, match) in distinct.enumerated() { memberships[match] = bits[position] }
    }

    /// The indices of the occurrences a match selects, in start order.
    ///
    /// - Complexity: O(*n*).
    public func select(_ match: Match?) -> [Int] {
        guard let match else { return Array(occurrences.indices) }
        if let bits = memberships[match] { return occurrences.indices.filter { bits[$0] } }
        let compiled = CompiledMatch(match)
        return occurrences.indices.filter { compiled.matches(occurrences[$0].subject) }
    }

    /// The same context with one occurrence replaced by a moved copy, kept in start order.
    ///
    /// - Complexity: O(*m*·*n*) array moves for *m* matches.
    func moving(_ index: Int, to moved: CycleOccurrence) -> RuleContext {
        var copy = self
        copy.occurrences.remove(at: index)
        var low = 0
        var high = copy.occurrences.count
        while low < high {
            let middle = (low + high) / 2
            if copy.occurrences[middle].startInstant <= moved.startInstant { low = middle + 1 } else { high = middle }
        }
        copy.occurrences.insert(moved, at: low)
        for (match, values) in memberships {
            var values = values
            let fits = values.remove(at: index)
            values.insert(fits, at: low)
            copy.memberships[match] = values
        }
        return copy
    }

    /// «"Summary" (Source) 10. desember 2027» — how explanations name an occurrence; an item
    /// held by several sources is named by all of them, the winning copy's first:
    /// «Styringsgruppen» (NTNU, Universitetskommunen TK–NTNU) 13. september 2027.
    public func describe(_ index: Int, withTime: Bool = false) -> String {
        let occurrence = occurrences[index]
        var text = "«\(occurrence.summary)» (\(names(of: occurrence.sources))) \(labels.date(occurrence.startDate))"
        if withTime && !occurrence.isAllDay {
            text += labels.messages.words.atTime + clock(occurrence.startLocal)
        }
        return text
    }

    /// The display names of sources, comma-separated: `NTNU, Universitetskommunen TK–NTNU`.
    public func names(of sources: [String]) -> String {
        sources.map { sourceNames[$0] ?? $0 }.joined(separator: ", ")
    }

    /// "1 dag" / "6 dager", "6 dagar", "1 day" / "6 days".
    public func days(_ count: Int) -> String { labels.messages.words.day.counted(count) }

    /// "8 arbeidsdager", "8 working days".
    public func workingDays(_ count: Int) -> String { labels.messages.words.workingDay.counted(count) }

    /// A duration in words: "14 dager", "2 timer", "1 uke".
    public func duration(_ duration: ICalDuration) -> String {
        if duration.exactSeconds == 0 { return days(duration.nominalDays) }
        let hours = duration.totalSeconds / 3_600
        let minutes = duration.totalSeconds % 3_600 / 60
        let words = labels.messages.words
        var parts: [String] = []
        if hours > 0 { parts.append(words.hour.counted(hours)) }
        if minutes > 0 { parts.append("\(minutes) \(words.minutesShort)") }
        return parts.isEmpty ? words.noTime : parts.joined(separator: " ")
    }

    /// «Regelen «id» krever …» prefix.
    public func ruleSays(_ id: String) -> String { labels.messages.words.ruleNamed(id) }
}

/// One thing a rule found, before it gets its id and suggestions.
public struct Finding: Sendable {
    /// The rule id.
    public var rule: String
    /// The rule type.
    public var type: String
    /// Severity.
    public var severity: RuleSeverity
    /// Indices into the context's occurrences.
    public var occurrences: [Int]
    /// Extra text that makes the id unique when the occurrences do not (e.g. `required`).
    public var key: String
    /// The explanation.
    public var explanation: String
    /// Whether the rule forbids proposing new dates.
    public var fixed: Bool

    /// Creates a finding.
    public init(rule: String, type: String, severity: RuleSeverity, occurrences: [Int], key: String = "",
                explanation: String, fixed: Bool = false) {
        self.rule = rule
        self.type = type
        self.severity = severity
        self.occurrences = occurrences
        self.key = key
        self.explanation = explanation
        self.fixed = fixed
    }
}

/// A rule: one small check with one job (DESIGN.md §Conflict vocabulary).
public protocol ConflictRule: Sendable {
    /// The rule's id.
    var id: String { get }
    /// The `match` tables it selects occurrences with.
    var matches: [Match] { get }
    /// Finds the clashes in a cycle.
    func evaluate(_ context: RuleContext) -> [Finding]
}

/// The gap between two occurrences: whole days between their dates when the required gap is
/// in days or weeks, otherwise the exact time between their starts.
func gapSatisfied(from first: CycleOccurrence, to then: CycleOccurrence, min: ICalDuration) -> Bool {
    if min.exactSeconds == 0 {
        return then.startDate.daysSinceEpoch - first.startDate.daysSinceEpoch >= min.nominalDays
    }
    return then.startInstant - first.startInstant >= min.totalSeconds
}

extension RuleContext {
    /// The gap between two occurrences in words, in the unit ``gapSatisfied(from:to:min:)``
    /// measures it in: days for a required gap in days or weeks, the exact time otherwise.
    func gap(from first: CycleOccurrence, to then: CycleOccurrence, min: ICalDuration) -> String {
        min.exactSeconds == 0
            ? days(then.startDate.daysSinceEpoch - first.startDate.daysSinceEpoch)
            : duration(ICalDuration(exactSeconds: then.startInstant - first.startInstant))
    }
}

/// Binary search: the first index in `indices` whose occurrence starts at or after `instant`.
func firstIndex(in indices: [Int], of occurrences: [CycleOccurrence], atOrAfter instant: Int) -> Int {
    var low = 0
    var high = indices.count
    while low < high {
        let middle = (low + high) / 2
        if occurrences[indices[middle]].startInstant < instant { low = middle + 1 } else { high = middle }
    }
    return low
}
