/// The rules' explanations (DESIGN.md §Conflict vocabulary). Occurrences arrive named as
/// ``RuleContext/describe(_:withTime:)`` names them, rules as ``WordMessages/ruleNamed``
/// names them, durations and dates already in words.
public struct RuleMessages: Sendable {
    /// `working-day`: why the date is not a working day, from the holiday's name.
    public let onHoliday: @Sendable (_ holiday: String) -> String
    /// `working-day`: why the date is not a working day, from the closed period's name.
    public let inClosedPeriod: @Sendable (_ period: String) -> String
    /// `working-day`: on a Saturday.
    public let onSaturday: String
    /// `working-day`: on a Sunday.
    public let onSunday: String
    /// `working-day`: the explanation, from the occurrence, the reason and the rule.
    public let workingDay: @Sendable (_ occurrence: String, _ reason: String, _ rule: String) -> String
    /// The closed period `fellesferie`.
    public let fellesferie: String
    /// The closed period `christmas`.
    public let christmas: String
    /// The closed period `easter`.
    public let easter: String
    /// A configured closed period, from its name.
    public let closedPeriod: @Sendable (_ name: String) -> String
    /// `precedes` without a gap: what the rule requires.
    public let mustComeFirst: String
    /// `precedes` with a gap: what the rule requires, from the gap in words.
    public let atLeast: @Sendable (_ gap: String) -> String
    /// `precedes`: too close, from the first, the gap, the then, the rule and the requirement.
    public let tooClose: @Sendable (_ first: String, _ gap: String, _ then: String, _ rule: String, _ requirement: String) -> String
    /// `precedes`: the wrong order, from the first, the days after, the then, the rule and the requirement.
    public let wrongOrder: @Sendable (_ first: String, _ days: String, _ then: String, _ rule: String, _ requirement: String) -> String
    /// `precedes`: nothing before, from the then, the first's match, the cycle year, the rule and the requirement.
    public let nothingBefore: @Sendable (_ then: String, _ first: String, _ year: String, _ rule: String, _ requirement: String) -> String
    /// `lead-time`: from the deadline, the actual gap, the meeting, the rule and the required gap.
    public let leadTime: @Sendable (_ deadline: String, _ actual: String, _ meeting: String, _ rule: String, _ required: String) -> String
    /// `required`: from the year, the count found, the match, the rule and the least count.
    public let required: @Sendable (_ year: String, _ found: Int, _ match: String, _ rule: String, _ least: Int) -> String
    /// `crowding`: from the count, the match, the span of dates, the rule, the most allowed and the period.
    public let crowding: @Sendable (_ count: Int, _ match: String, _ span: String, _ rule: String, _ most: Int, _ per: String) -> String
    /// `no-overlap` by day: from the two occurrences and the rule.
    public let sameDay: @Sendable (_ first: String, _ second: String, _ rule: String) -> String
    /// `no-overlap` by time: from the two occurrences and the rule.
    public let overlap: @Sendable (_ first: String, _ second: String, _ rule: String) -> String
    /// `within`: the window, from its first day and its end date.
    public let window: @Sendable (_ from: String, _ to: String) -> String
    /// `within`: from the occurrence, the rule and the window.
    public let outsideWindow: @Sendable (_ occurrence: String, _ rule: String, _ window: String) -> String
    /// `sync-mismatch`: from the summary, the places, the newest source and the stale ones.
    public let mismatch: @Sendable (_ summary: String, _ places: String, _ newest: String, _ stale: String) -> String
    /// `likely-duplicate`: from the occurrences' names joined.
    public let duplicate: @Sendable (_ names: String) -> String
}

extension RuleMessages {
    /// Bokmål.
    public static let nb = RuleMessages(
        onHoliday: { holiday in "er en helligdag (\(holiday))" },
        inClosedPeriod: { period in "er i \(period)" },
        onSaturday: "er en lørdag",
        onSunday: "er en søndag",
        workingDay: { occurrence, reason, rule in "\(occurrence) \(reason). \(rule) krever en arbeidsdag." },
        fellesferie: "fellesferien",
        christmas: "julen",
        easter: "påsken (skjærtorsdag–2. påskedag)",
        closedPeriod: { name in "den stengte perioden «\(name)»" },
        mustComeFirst: "krever at dette skjer før",
        atLeast: { gap in "krever minst \(gap)" },
        tooClose: { first, gap, then, rule, requirement in "\(first) er bare \(gap) før \(then). \(rule) \(requirement)." },
        wrongOrder: { first, days, then, rule, requirement in "\(first) kommer \(days) etter \(then), men skal komme før. \(rule) \(requirement)." },
        nothingBefore: { then, first, year, rule, requirement in "\(then) har ikke noe forutgående «\(first)» i årshjulet \(year). \(rule) \(requirement)." },
        leadTime: { deadline, actual, meeting, rule, required in "\(deadline) er bare \(actual) før \(meeting). \(rule) krever minst \(required)." },
        required: { year, found, match, rule, least in
            "Årshjulet \(year) har \(Plural("hendelse", "hendelser").counted(found)) som passer «\(match)». \(rule) krever minst \(least)."
        },
        crowding: { count, match, span, rule, most, per in
            "\(count) hendelser som passer «\(match)» ligger tett \(span). \(rule) tillater høyst \(most) per \(per)."
        },
        sameDay: { first, second, rule in "\(first) og \(second) er samme dag. \(rule) tillater ikke to slike på én dag." },
        overlap: { first, second, rule in "\(first) og \(second) overlapper. \(rule) tillater ikke overlapp." },
        window: { from, to in "mellom \(from) og \(to)" },
        outsideWindow: { occurrence, rule, window in "\(occurrence) er utenfor vinduet. \(rule) krever at det ligger \(window) (til, ikke med, sluttdatoen)." },
        mismatch: { summary, places, newest, stale in
            "«\(summary)» står med ulike tider i kildene (\(places)). Den nyeste versjonen er fra \(newest); avklar at den gjelder, og rett kalenderen til \(stale)."
        },
        duplicate: { names in "\(names) ser ut til å være samme møte registrert to ganger (ulik UID). Slett den ene kopien, eller gi dem samme UID." }
    )

    /// Nynorsk.
    public static let nn = RuleMessages(
        onHoliday: { holiday in "er ein heilagdag (\(holiday))" },
        inClosedPeriod: { period in "er i \(period)" },
        onSaturday: "er ein laurdag",
        onSunday: "er ein sundag",
        workingDay: { occurrence, reason, rule in "\(occurrence) \(reason). \(rule) krev ein arbeidsdag." },
        fellesferie: "fellesferien",
        christmas: "jula",
        easter: "påska (skjærtorsdag–2. påskedag)",
        closedPeriod: { name in "den stengde perioden «\(name)»" },
        mustComeFirst: "krev at dette skjer før",
        atLeast: { gap in "krev minst \(gap)" },
        tooClose: { first, gap, then, rule, requirement in "\(first) er berre \(gap) før \(then). \(rule) \(requirement)." },
        wrongOrder: { first, days, then, rule, requirement in "\(first) kjem \(days) etter \(then), men skal kome før. \(rule) \(requirement)." },
        nothingBefore: { then, first, year, rule, requirement in "\(then) har ikkje noko «\(first)» før seg i årshjulet \(year). \(rule) \(requirement)." },
        leadTime: { deadline, actual, meeting, rule, required in "\(deadline) er berre \(actual) før \(meeting). \(rule) krev minst \(required)." },
        required: { year, found, match, rule, least in
            "Årshjulet \(year) har \(Plural("hending", "hendingar").counted(found)) som passar «\(match)». \(rule) krev minst \(least)."
        },
        crowding: { count, match, span, rule, most, per in
            "\(Plural("hending", "hendingar").counted(count)) som passar «\(match)», ligg tett \(span). \(rule) tillèt høgst \(most) per \(per)."
        },
        sameDay: { first, second, rule in "\(first) og \(second) er same dag. \(rule) tillèt ikkje to slike på ein dag." },
        overlap: { first, second, rule in "\(first) og \(second) overlappar. \(rule) tillèt ikkje overlapp." },
        window: { from, to in "mellom \(from) og \(to)" },
        outsideWindow: { occurrence, rule, window in "\(occurrence) er utanfor vindauget. \(rule) krev at det ligg \(window) (til, ikkje med, sluttdatoen)." },
        mismatch: { summary, places, newest, stale in
            "«\(summary)» står med ulike tider i kjeldene (\(places)). Den nyaste versjonen er frå \(newest); avklar at han gjeld, og rett kalenderen til \(stale)."
        },
        duplicate: { names in "\(names) ser ut til å vere same møtet registrert to gonger (ulik UID). Slett den eine kopien, eller gi dei same UID." }
    )

    /// English.
    public static let en = RuleMessages(
        onHoliday: { holiday in "is a public holiday (\(holiday))" },
        inClosedPeriod: { period in "falls in \(period)" },
        onSaturday: "is a Saturday",
        onSunday: "is a Sunday",
        workingDay: { occurrence, reason, rule in "\(occurrence) \(reason). \(rule) requires a working day." },
        fellesferie: "the common summer holiday (fellesferie)",
        christmas: "Christmas",
        easter: "Easter (Maundy Thursday–Easter Monday)",
        closedPeriod: { name in "the closed period «\(name)»" },
        mustComeFirst: "requires this to come first",
        atLeast: { gap in "requires at least \(gap)" },
        tooClose: { first, gap, then, rule, requirement in "\(first) is only \(gap) before \(then). \(rule) \(requirement)." },
        wrongOrder: { first, days, then, rule, requirement in "\(first) comes \(days) after \(then), but must come first. \(rule) \(requirement)." },
        nothingBefore: { then, first, year, rule, requirement in "\(then) has no preceding «\(first)» in the \(year) cycle. \(rule) \(requirement)." },
        leadTime: { deadline, actual, meeting, rule, required in "\(deadline) is only \(actual) before \(meeting). \(rule) requires at least \(required)." },
        required: { year, found, match, rule, least in
            "The \(year) cycle has \(Plural("occurrence", "occurrences").counted(found)) matching «\(match)». \(rule) requires at least \(least)."
        },
        crowding: { count, match, span, rule, most, per in
            "\(count) occurrences matching «\(match)» crowd together \(span). \(rule) allows at most \(most) per \(per)."
        },
        sameDay: { first, second, rule in "\(first) and \(second) fall on the same day. \(rule) allows only one such item a day." },
        overlap: { first, second, rule in "\(first) and \(second) overlap. \(rule) does not allow overlaps." },
        window: { from, to in "between \(from) and \(to)" },
        outsideWindow: { occurrence, rule, window in "\(occurrence) is outside its window. \(rule) requires it \(window) (the end date excluded)." },
        mismatch: { summary, places, newest, stale in
            "«\(summary)» has different times in the sources (\(places)). The newest version is from \(newest); agree that it holds and correct the calendar of \(stale)."
        },
        duplicate: { names in "\(names) look like one meeting entered twice (different UIDs). Delete one copy, or give them the same UID." }
    )
}
