import ICalendar

/// `crowding`: no more than `max` matched occurrences within any period of length `per`
/// (crunch weeks). A period of whole days counts start dates in any run of that many
/// consecutive days; a period with hours counts starts within that exact time.
///
/// Overloaded windows that overlap are reported as one cluster listing all its occurrences.
///
/// - Complexity: O(*n* log *n*): a two-pointer sweep over the sorted starts.
public struct CrowdingRule: ConflictRule {
    public let id: String
    let severity: RuleSeverity
    let match: Match
    let max: Int
    let per: ICalDuration
    let fixed: Bool

    /// Creates the rule from its settings.
    public init(id: String, severity: RuleSeverity, match: Match, max: Int, per: ICalDuration, fixed: Bool = false) {
        self.id = id
        self.severity = severity
        self.match = match
        self.max = max
        self.per = per
        self.fixed = fixed
    }

    public var matches: [Match] { [match] }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let selected = context.select(match)
        let occurrences = context.occurrences
        let byDays = per.exactSeconds == 0
        let length = byDays ? per.nominalDays : per.totalSeconds
        func position(_ index: Int) -> Int {
            byDays ? occurrences[index].startDate.daysSinceEpoch : occurrences[index].startInstant
        }
        let sorted = selected.sorted { (position($0), $0) < (position($1), $1) }
        var clusters: [ClosedRange<Int>] = []  // ranges of positions in `sorted`
        var low = 0
        for high in sorted.indices {
            while position(sorted[high]) - position(sorted[low]) >= length { low += 1 }
            if high - low + 1 > max {
                if let last = clusters.last, last.upperBound >= low {
                    clusters[clusters.count - 1] = last.lowerBound...high
                } else {
                    clusters.append(low...high)
                }
            }
        }
        let words = context.labels.messages.rules
        return clusters.map { range in
            let members = Array(sorted[range])
            let first = occurrences[members[0]].startDate
            let last = occurrences[members[members.count - 1]].startDate
            let span = "\(context.labels.date(first, withYear: false))–\(context.labels.date(last))"
            let text = words.crowding(members.count, "\(match)", span, context.ruleSays(id), max, context.duration(per))
            return Finding(rule: id, type: RuleType.crowding.rawValue, severity: severity, occurrences: members, explanation: text, fixed: fixed)
        }
    }
}
