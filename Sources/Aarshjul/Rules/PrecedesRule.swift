import ICalendar

/// `precedes`: every `then` occurrence needs a `first` occurrence in the same cycle year at
/// least `min-gap` before it.
///
/// - "Before" compares dates when `min-gap` is whole days or weeks (10 December is 6 days
///   before 16 December, whatever the hours), and exact instants otherwise; with no `min-gap`
///   the first must simply start earlier.
/// - Only occurrences in the same cycle year count: a budget step in last year's cycle does
///   not satisfy this year's.
/// - Flags each `then` that is missing its `first`, has it in the wrong order, or too close.
///
/// - Complexity: O(*n* log *n*): the firsts are sorted once and searched per `then`.
public struct PrecedesRule: ConflictRule {
    public let id: String
    let severity: RuleSeverity
    let first: Match
    let then: Match
    let minGap: ICalDuration
    let fixed: Bool

    /// Creates the rule from its settings.
    public init(id: String, severity: RuleSeverity, first: Match, then: Match, minGap: ICalDuration?, fixed: Bool = false) {
        self.id = id
        self.severity = severity
        self.first = first
        self.then = then
        self.minGap = minGap ?? ICalDuration()
        self.fixed = fixed
    }

    public var matches: [Match] { [first, then] }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        // Only occurrences that start in this cycle year count, on either side: a step that
        // began in last year's cycle (even one still running on 1 January) is last year's.
        let inYear = { (index: Int) in context.year.contains(context.occurrences[index].startDate) }
        let firsts = context.select(first).filter(inYear)
        let thens = context.select(then).filter(inYear)
        let occurrences = context.occurrences
        let words = context.labels.messages.rules
        var findings: [Finding] = []
        let earliest = firsts.first
        for t in thens {
            let target = occurrences[t]
            if let e = earliest, e != t, occurrences[e].startInstant < target.startInstant,
               gapSatisfied(from: occurrences[e], to: target, min: minGap) {
                continue
            }
            // Explain with the nearest first before it, or the earliest after it.
            let position = firstIndex(in: firsts, of: occurrences, atOrAfter: target.startInstant)
            let before: Int? = position > 0 ? firsts[position - 1] : nil
            let after: Int? = position < firsts.count ? firsts[position] : nil
            let requirement = minGap.totalSeconds == 0
                ? words.mustComeFirst
                : words.atLeast(context.duration(minGap))
            if let f = before, f != t {
                let gap = context.gap(from: occurrences[f], to: target, min: minGap)
                let text = words.tooClose(context.describe(f), gap, context.describe(t), context.ruleSays(id), requirement)
                findings.append(Finding(rule: id, type: RuleType.precedes.rawValue, severity: severity, occurrences: [f, t], explanation: text, fixed: fixed))
            } else if let f = after ?? (before == t ? nil : before), f != t {
                let gap = occurrences[f].startDate.daysSinceEpoch - target.startDate.daysSinceEpoch
                let text = words.wrongOrder(context.describe(f), context.days(gap), context.describe(t), context.ruleSays(id), requirement)
                findings.append(Finding(rule: id, type: RuleType.precedes.rawValue, severity: severity, occurrences: [f, t], explanation: text, fixed: fixed))
            } else {
                let text = words.nothingBefore(context.describe(t), "\(first)", context.year.description, context.ruleSays(id), requirement)
                findings.append(Finding(rule: id, type: RuleType.precedes.rawValue, severity: severity, occurrences: [t], key: "missing", explanation: text, fixed: fixed))
            }
        }
        return findings
    }
}
