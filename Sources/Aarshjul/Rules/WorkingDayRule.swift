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
        let nb = context.labels.language == .nb
        var findings: [Finding] = []
        for index in context.select(match) {
            let date = context.occurrences[index].startDate
            let reason: String
            if let holiday = context.calendar.holiday(on: date) {
                reason = nb ? "er en helligdag (\(holiday))" : "is a public holiday (\(NorwegianCalendar.englishName(holiday)))"
            } else if let period = context.calendar.closedPeriod(on: date, among: closed) {
                reason = nb ? "er i \(Self.periodName(period, nb: true))" : "falls in \(Self.periodName(period, nb: false))"
            } else if context.calendar.isWeekend(date) {
                reason = nb ? "er en \(date.weekday == 6 ? "lørdag" : "søndag")" : "is a \(date.weekday == 6 ? "Saturday" : "Sunday")"
            } else {
                continue
            }
            let text = nb
                ? "\(context.describe(index)) \(reason). \(context.ruleSays(id)) krever en arbeidsdag."
                : "\(context.describe(index)) \(reason). \(context.ruleSays(id)) requires a working day."
            findings.append(Finding(rule: id, type: RuleType.workingDay.rawValue, severity: severity, occurrences: [index], explanation: text, fixed: fixed))
        }
        return findings
    }

    static func periodName(_ name: String, nb: Bool) -> String {
        switch name {
        case "fellesferie": return nb ? "fellesferien" : "the common summer holiday (fellesferie)"
        case "christmas": return nb ? "julen" : "Christmas"
        case "easter": return nb ? "påsken (skjærtorsdag–2. påskedag)" : "Easter (Maundy Thursday–Easter Monday)"
        default: return nb ? "den stengte perioden «\(name)»" : "the closed period «\(name)»"
        }
    }
}
