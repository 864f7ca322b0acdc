import ICalendar

/// `required`: at least `min-count` matched occurrences in the cycle year (a missing board
/// meeting, a missing budget step). Cancelled occurrences do not count.
///
/// - Complexity: O(*n*).
public struct RequiredRule: ConflictRule {
    public let id: String
    let severity: RuleSeverity
    let match: Match
    let minCount: Int
    let fixed: Bool

    /// Creates the rule from its settings.
    public init(id: String, severity: RuleSeverity, match: Match, minCount: Int, fixed: Bool = false) {
        self.id = id
        self.severity = severity
        self.match = match
        self.minCount = minCount
        self.fixed = fixed
    }

    public var matches: [Match] { [match] }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let found = context.select(match)
        guard found.count < minCount else { return [] }
        let text = context.labels.messages.rules.required(context.year.description, found.count, "\(match)", context.ruleSays(id), minCount)
        return [Finding(rule: id, type: RuleType.required.rawValue, severity: severity, occurrences: found,
                        key: "required-\(context.year.year)", explanation: text, fixed: true)]
    }
}
