import ICalendar

/// `within`: a matched occurrence must start inside a window of the cycle year: on or after
/// `after` and before `before` (both `MM-DD`; `before` is exclusive). `after` is its first
/// date inside the cycle year (the cycle's first day when absent); `before` is the first such
/// date after that (the cycle's end when absent), so a window can cross New Year, and
/// `before = "01-01"` in a calendar-year cycle means "by the end of the year".
///
/// - Complexity: O(*n*).
public struct WithinRule: ConflictRule {
    public let id: String
    let severity: RuleSeverity
    let match: Match
    let after: MonthDay?
    let before: MonthDay?
    let fixed: Bool

    /// Creates the rule from its settings.
    public init(id: String, severity: RuleSeverity, match: Match, after: MonthDay?, before: MonthDay?, fixed: Bool = false) {
        self.id = id
        self.severity = severity
        self.match = match
        self.after = after
        self.before = before
        self.fixed = fixed
    }

    /// The first date in the cycle year with this month and day.
    static func date(_ monthDay: MonthDay, in year: CycleYear) -> LocalDate {
        for candidateYear in [year.firstDay.year, year.firstDay.year + 1] {
            let day = min(monthDay.day, LocalDate.daysIn(month: monthDay.month, year: candidateYear))
            let candidate = LocalDate(year: candidateYear, month: monthDay.month, day: day)
            if year.contains(candidate) { return candidate }
        }
        return year.firstDay
    }

    public var matches: [Match] { [match] }

    /// The first date with this month and day after `from` (so a window never comes out empty:
    /// `before = "01-01"` in a calendar-year cycle is the end of the year).
    static func date(_ monthDay: MonthDay, after from: LocalDate) -> LocalDate {
        for year in [from.year, from.year + 1] {
            let day = min(monthDay.day, LocalDate.daysIn(month: monthDay.month, year: year))
            let candidate = LocalDate(year: year, month: monthDay.month, day: day)
            if candidate > from { return candidate }
        }
        return from.adding(days: 366)
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let from = after.map { Self.date($0, in: context.year) } ?? context.year.firstDay
        let to = before.map { Self.date($0, after: from) } ?? context.year.endDay
        let words = context.labels.messages.rules
        let window = words.window(context.labels.date(from, withYear: false), context.labels.date(to, withYear: false))
        var findings: [Finding] = []
        for index in context.select(match) {
            let date = context.occurrences[index].startDate
            let inside = date >= from && date < to
            if inside { continue }
            let text = words.outsideWindow(context.describe(index), context.ruleSays(id), window)
            findings.append(Finding(rule: id, type: RuleType.within.rawValue, severity: severity, occurrences: [index], explanation: text, fixed: fixed))
        }
        return findings
    }
}
