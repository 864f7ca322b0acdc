/// The planner (`aarshjul plan`, `aarshjul resolve`): annual patterns in words, notes and errors.
public struct PlanMessages: Sendable {
    /// `nthWeekday`, from the ordinal, the weekday and the month in running text: `2. torsdag i desember`.
    public let nthWeekday: @Sendable (_ n: Int, _ weekday: String, _ month: String) -> String
    /// `lastWeekday`, from the weekday and the month: `siste torsdag i desember`.
    public let lastWeekday: @Sendable (_ weekday: String, _ month: String) -> String
    /// `isoWeek`, from the weekday and the week number: `torsdag i uke 50`.
    public let weekdayOfWeek: @Sendable (_ weekday: String, _ week: Int) -> String
    /// A tied pattern on its anchor's day, from the anchor's name.
    public let sameDayAs: @Sendable (_ anchor: String) -> String
    /// A tied pattern before its anchor, from the working days in words and the anchor's name.
    public let workingDaysBefore: @Sendable (_ days: String, _ anchor: String) -> String
    /// A tied pattern after its anchor, from the working days in words and the anchor's name.
    public let workingDaysAfter: @Sendable (_ days: String, _ anchor: String) -> String
    /// `--from` not before the year planned, from both years.
    public let fromNotBefore: @Sendable (_ from: String, _ year: String) -> String
    /// Nothing to plan from, from the year planned from and the year planned.
    public let nothingToPlanFrom: @Sendable (_ from: String, _ year: String) -> String
    /// Items tied to themselves, from their names and the rule.
    public let tiedInCircle: @Sendable (_ names: String, _ rule: String) -> String
    /// One item tied to itself by a `precedes` rule, from its summary and the rule.
    public let tiedToItself: @Sendable (_ summary: String, _ rule: String) -> String
    /// A pattern missing in the year, from the summary, the missing pattern, the year, the fallback and its date.
    public let patternMissing: @Sendable (_ summary: String, _ missing: String, _ year: Int, _ fallback: String, _ date: String) -> String
    /// A tied pattern outside the cycle, from the summary, the pattern, the cycle year and the fallback.
    public let patternOutside: @Sendable (_ summary: String, _ pattern: String, _ year: String, _ fallback: String) -> String
    /// Nothing to resolve, from the cycle year.
    public let nothingToResolve: @Sendable (_ year: String) -> String
    /// An unmovable item behind an unsatisfiable rule, from its summary.
    public let isFixed: @Sendable (_ summary: String) -> String
    /// A rule that cannot hold with the others of its set.
    public let cannotHoldTogether: String
}

extension PlanMessages {
    /// Bokmål.
    public static let nb = PlanMessages(
        nthWeekday: { n, weekday, month in "\(n). \(weekday) i \(month)" },
        lastWeekday: { weekday, month in "siste \(weekday) i \(month)" },
        weekdayOfWeek: { weekday, week in "\(weekday) i uke \(week)" },
        sameDayAs: { anchor in "samme dag som «\(anchor)»" },
        workingDaysBefore: { days, anchor in "\(days) før «\(anchor)»" },
        workingDaysAfter: { days, anchor in "\(days) etter «\(anchor)»" },
        fromNotBefore: { from, year in "--from \(from) må være før året som planlegges (\(year))" },
        nothingToPlanFrom: { from, year in "årshjulet \(from) har ingen hendelser å planlegge \(year) fra (kildene har ingen hendelser som starter i \(from))" },
        tiedInCircle: { names, rule in "hendelsene \(names) er knyttet til seg selv gjennom reglene (\(rule))" },
        tiedToItself: { summary, rule in
            "«\(summary)» er knyttet til seg selv gjennom regelen «\(rule)»: den passer både first og then, og ingen annen hendelse kan komme før den; rett match-tabellene i regelen"
        },
        patternMissing: { summary, missing, year, fallback, date in "«\(summary)»: mønsteret «\(missing)» finnes ikke i \(year); bruker «\(fallback)» (\(date))" },
        patternOutside: { summary, pattern, year, fallback in "«\(summary)»: «\(pattern)» havner utenfor årshjulet \(year); bruker «\(fallback)»" },
        nothingToResolve: { year in "årshjulet \(year) har ingen hendelser" },
        isFixed: { summary in "«\(summary)» er fast (fixed = true) og flyttes ikke." },
        cannotHoldTogether: "Regelen kan ikke oppfylles sammen med de andre i settet uten å bryte en av dem."
    )

    /// Nynorsk.
    public static let nn = PlanMessages(
        nthWeekday: { n, weekday, month in "\(n). \(weekday) i \(month)" },
        lastWeekday: { weekday, month in "siste \(weekday) i \(month)" },
        weekdayOfWeek: { weekday, week in "\(weekday) i veke \(week)" },
        sameDayAs: { anchor in "same dag som «\(anchor)»" },
        workingDaysBefore: { days, anchor in "\(days) før «\(anchor)»" },
        workingDaysAfter: { days, anchor in "\(days) etter «\(anchor)»" },
        fromNotBefore: { from, year in "--from \(from) må vere før året som blir planlagt (\(year))" },
        nothingToPlanFrom: { from, year in "årshjulet \(from) har ingen hendingar å planleggje \(year) frå (kjeldene har ingen hendingar som byrjar i \(from))" },
        tiedInCircle: { names, rule in "hendingane \(names) er knytte til seg sjølve gjennom reglane (\(rule))" },
        tiedToItself: { summary, rule in
            "«\(summary)» er knytt til seg sjølv gjennom regelen «\(rule)»: ho passar både first og then, og ingen annan hending kan kome før ho; rett match-tabellane i regelen"
        },
        patternMissing: { summary, missing, year, fallback, date in "«\(summary)»: mønsteret «\(missing)» finst ikkje i \(year); brukar «\(fallback)» (\(date))" },
        patternOutside: { summary, pattern, year, fallback in "«\(summary)»: «\(pattern)» hamnar utanfor årshjulet \(year); brukar «\(fallback)»" },
        nothingToResolve: { year in "årshjulet \(year) har ingen hendingar" },
        isFixed: { summary in "«\(summary)» er fast (fixed = true) og blir ikkje flytta." },
        cannotHoldTogether: "Regelen kan ikkje oppfyllast saman med dei andre i settet utan å bryte ein av dei."
    )

    /// English.
    public static let en = PlanMessages(
        nthWeekday: { n, weekday, month in "\(englishOrdinal(n)) \(weekday) of \(month)" },
        lastWeekday: { weekday, month in "last \(weekday) of \(month)" },
        weekdayOfWeek: { weekday, week in "\(weekday) of week \(week)" },
        sameDayAs: { anchor in "the same day as «\(anchor)»" },
        workingDaysBefore: { days, anchor in "\(days) before «\(anchor)»" },
        workingDaysAfter: { days, anchor in "\(days) after «\(anchor)»" },
        fromNotBefore: { from, year in "--from \(from) must be before the year planned (\(year))" },
        nothingToPlanFrom: { from, year in "the \(from) cycle has no items to plan \(year) from (no item of the sources starts in \(from))" },
        tiedInCircle: { names, rule in "the items \(names) are tied to themselves through the rules (\(rule))" },
        tiedToItself: { summary, rule in
            "«\(summary)» is tied to itself through the rule «\(rule)»: it matches both first and then, and no other item can come before it; correct the rule's match tables"
        },
        patternMissing: { summary, missing, year, fallback, date in "«\(summary)»: the pattern «\(missing)» does not exist in \(year); using «\(fallback)» (\(date))" },
        patternOutside: { summary, pattern, year, fallback in "«\(summary)»: «\(pattern)» falls outside the \(year) cycle; using «\(fallback)»" },
        nothingToResolve: { year in "the \(year) cycle has no items" },
        isFixed: { summary in "«\(summary)» is fixed (fixed = true) and is not moved." },
        cannotHoldTogether: "The rule cannot hold together with the others of the set without breaking one of them."
    )
}

/// `1st`, `2nd`, `3rd`, `4th` (the nth weekday of a month is at most the 5th).
private func englishOrdinal(_ n: Int) -> String {
    switch n {
    case 1: "1st"
    case 2: "2nd"
    case 3: "3rd"
    default: "\(n)th"
    }
}
