import ICalendar

/// `lead-time`: a deadline must come at least `min` before the meeting it feeds.
///
/// - A deadline feeds the next matching meeting that starts at or after it (same cycle year).
/// - The gap is whole calendar days between the dates (`min = "P14D"`), exact time when `min`
///   has hours, or, with `working-days = true`, working days after the deadline up to and
///   including the meeting day (weekends, public holidays and the rule's `closed` periods
///   do not count).
/// - A deadline with no meeting after it in the cycle is not flagged (use `required`).
///
/// - Complexity: O(*n* log *n*), plus O(*d*) per pair when counting working days.
public struct LeadTimeRule: ConflictRule {
    public let id: String
    let severity: RuleSeverity
    let deadline: Match
    let meeting: Match
    let min: ICalDuration
    let workingDays: Bool
    let closed: [String]
    let fixed: Bool

    /// Creates the rule from its settings.
    public init(id: String, severity: RuleSeverity, deadline: Match, meeting: Match, min: ICalDuration,
                workingDays: Bool, closed: [String] = [], fixed: Bool = false) {
        self.id = id
        self.severity = severity
        self.deadline = deadline
        self.meeting = meeting
        self.min = min
        self.workingDays = workingDays
        self.closed = closed
        self.fixed = fixed
    }

    public var matches: [Match] { [deadline, meeting] }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let deadlines = context.select(deadline)
        let meetings = context.select(meeting)
        let occurrences = context.occurrences
        let words = context.labels.messages.rules
        var findings: [Finding] = []
        for d in deadlines {
            let position = firstIndex(in: meetings, of: occurrences, atOrAfter: occurrences[d].startInstant)
            guard let m = meetings[position...].first(where: { $0 != d }) else { continue }
            let from = occurrences[d], to = occurrences[m]
            let enough: Bool
            let actual: String
            let required: String
            if workingDays {
                let count = context.calendar.workingDays(after: from.startDate, through: to.startDate, closed: closed)
                enough = count >= min.nominalDays
                actual = context.workingDays(count)
                required = context.workingDays(min.nominalDays)
            } else {
                enough = gapSatisfied(from: from, to: to, min: min)
                actual = context.gap(from: from, to: to, min: min)
                required = context.duration(min)
            }
            if enough { continue }
            let text = words.leadTime(context.describe(d), actual, context.describe(m), context.ruleSays(id), required)
            findings.append(Finding(rule: id, type: RuleType.leadTime.rawValue, severity: severity, occurrences: [d, m], explanation: text, fixed: fixed))
        }
        return findings
    }
}

extension ICalDuration {
    /// An exact duration of some seconds (split into hours, minutes and seconds).
    init(exactSeconds seconds: Int) {
        let total = abs(seconds)
        self.init(isNegative: seconds < 0, hours: total / 3_600, minutes: total / 60 % 60, seconds: total % 60)
    }
}
