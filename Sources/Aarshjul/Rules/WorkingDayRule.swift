import ICalendar

/// `working-day`: a matched occurrence must start on a working day: not a Saturday or Sunday,
/// not a Norwegian public holiday (or a `[[holiday]]`), and not in any of the rule's `closed`
/// periods (`fellesferie`, `christmas`, `easter`, or a `[[closed]]` name).
///
/// The day is the start's date in the cycle's time zone.
///
/// - Complexity: O(*n*).
public struct WorkingDayRule: ConflictRule {
    public let id: String
    let severity: RuleSeverity
    let match: Match
    let closed: [String]
    let fixed: Bool

    /// Creates the rule from its settings.
    public init(id: String, severity: RuleSeverity, match: Match, closed: [String], fixed: Bool = false) {
        self.id = id
        self.severity = severity
        self.match = match
        self.closed = closed
        self.fixed = fixed
    }

    public var matches: [Match] { [match] }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let words = context.labels.messages
        var findings: [Finding] = []
        for index in context.select(match) {
            let date = context.occurrences[index].startDate
            let reason: String
            if let holiday = context.calendar.holiday(on: date) {
                reason = words.rules.onHoliday(words.words.holiday(holiday))
            } else if let period = context.calendar.closedPeriod(on: date, among: closed) {
                reason = words.rules.inClosedPeriod(Self.periodName(period, words: words.rules))
            } else if context.calendar.isWeekend(date) {
                reason = date.weekday == 6 ? words.rules.onSaturday : words.rules.onSunday
            } else {
                continue
            }
            let text = words.rules.workingDay(context.describe(index), reason, context.ruleSays(id))
            findings.append(Finding(rule: id, type: RuleType.workingDay.rawValue, severity: severity, occurrences: [index], explanation: text, fixed: fixed))
        }
        return findings
    }

    static func periodName(_ name: String, words: RuleMessages) -> String {
        switch name {
        case "fellesferie": return words.fellesferie
        case "christmas": return words.christmas
        case "easter": return words.easter
        default: return words.closedPeriod(name)
        }
    }
}
