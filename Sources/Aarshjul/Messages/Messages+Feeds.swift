/// The feeds' names and descriptions (`X-WR-CALNAME`, `X-WR-CALDESC`) and the conflict feed's events.
public struct FeedMessages: Sendable {
    /// The `PRODID` language tag: `NB`, `NN`, `EN`.
    public let productLanguage: String
    /// The combined feed's name, from the cycle's name and year.
    public let combinedTitle: @Sendable (_ cycle: String, _ year: String) -> String
    /// The combined feed's description, from the year.
    public let combinedDescription: @Sendable (_ year: String) -> String
    /// A source's feed name, from the source's name and the year.
    public let sourceTitle: @Sendable (_ source: String, _ year: String) -> String
    /// A source's feed description, from the source's name and the year.
    public let sourceDescription: @Sendable (_ source: String, _ year: String) -> String
    /// A thematic area's feed name, from the area and the year.
    public let areaTitle: @Sendable (_ area: String, _ year: String) -> String
    /// A thematic area's feed description, from the area and the year.
    public let areaDescription: @Sendable (_ area: String, _ year: String) -> String
    /// A body's feed name, from the body and the year.
    public let bodyTitle: @Sendable (_ body: String, _ year: String) -> String
    /// A body's feed description, from the body and the year.
    public let bodyDescription: @Sendable (_ body: String, _ year: String) -> String
    /// The conflict feed's name, from the year.
    public let conflictsTitle: @Sendable (_ year: String) -> String
    /// The conflict feed's description, from the cycle's name and the year.
    public let conflictsDescription: @Sendable (_ cycle: String, _ year: String) -> String
    /// Before the items a conflict involves.
    public let involves: String
    /// A conflict event's last line, from the rule, its type and the conflict's id.
    public let ruleLine: @Sendable (_ rule: String, _ type: String, _ id: String) -> String
    /// A conflict event's summary, from the severity and the last item's summary.
    public let conflictSummary: @Sendable (_ severity: String, _ summary: String) -> String
    /// A conflict event's category.
    public let conflictCategory: String
}

extension FeedMessages {
    /// Bokmål.
    public static let nb = FeedMessages(
        productLanguage: "NB",
        combinedTitle: { cycle, year in "\(cycle) – årshjul \(year)" },
        combinedDescription: { year in "Det felles årshjulet for alle kildene, \(year)." },
        sourceTitle: { source, year in "\(source) – årshjul \(year)" },
        sourceDescription: { source, year in "Hendelsene fra \(source) i årshjulet \(year)." },
        areaTitle: { area, year in "Temaområde \(area) – årshjul \(year)" },
        areaDescription: { area, year in "Hendelsene i temaområdet \(area), \(year)." },
        bodyTitle: { body, year in "\(body) – årshjul \(year)" },
        bodyDescription: { body, year in "Hendelsene til \(body) i årshjulet \(year)." },
        conflictsTitle: { year in "Konflikter i årshjulet \(year)" },
        conflictsDescription: { cycle, year in "Åpne konflikter mellom datoene i \(cycle), \(year), med forklaring." },
        involves: "Gjelder:",
        ruleLine: { rule, type, id in "Regel: \(rule) (\(type)), konflikt-id \(id)" },
        conflictSummary: { severity, summary in "Konflikt (\(severity)): \(summary)" },
        conflictCategory: "Konflikt"
    )

    /// Nynorsk.
    public static let nn = FeedMessages(
        productLanguage: "NN",
        combinedTitle: { cycle, year in "\(cycle) – årshjul \(year)" },
        combinedDescription: { year in "Det felles årshjulet for alle kjeldene, \(year)." },
        sourceTitle: { source, year in "\(source) – årshjul \(year)" },
        sourceDescription: { source, year in "Hendingane frå \(source) i årshjulet \(year)." },
        areaTitle: { area, year in "Temaområde \(area) – årshjul \(year)" },
        areaDescription: { area, year in "Hendingane i temaområdet \(area), \(year)." },
        bodyTitle: { body, year in "\(body) – årshjul \(year)" },
        bodyDescription: { body, year in "Hendingane til \(body) i årshjulet \(year)." },
        conflictsTitle: { year in "Konfliktar i årshjulet \(year)" },
        conflictsDescription: { cycle, year in "Opne konfliktar mellom datoane i \(cycle), \(year), med forklaring." },
        involves: "Gjeld:",
        ruleLine: { rule, type, id in "Regel: \(rule) (\(type)), konflikt-id \(id)" },
        conflictSummary: { severity, summary in "Konflikt (\(severity)): \(summary)" },
        conflictCategory: "Konflikt"
    )

    /// English.
    public static let en = FeedMessages(
        productLanguage: "EN",
        combinedTitle: { cycle, year in "\(cycle) – annual cycle \(year)" },
        combinedDescription: { year in "The combined annual cycle of all sources, \(year)." },
        sourceTitle: { source, year in "\(source) – annual cycle \(year)" },
        sourceDescription: { source, year in "The items from \(source) in the \(year) cycle." },
        areaTitle: { area, year in "Thematic area \(area) – annual cycle \(year)" },
        areaDescription: { area, year in "The items of the thematic area \(area), \(year)." },
        bodyTitle: { body, year in "\(body) – annual cycle \(year)" },
        bodyDescription: { body, year in "The items of \(body) in the \(year) cycle." },
        conflictsTitle: { year in "Conflicts in the \(year) cycle" },
        conflictsDescription: { cycle, year in "Open conflicts between the dates of \(cycle), \(year), with explanations." },
        involves: "Involves:",
        ruleLine: { rule, type, id in "Rule: \(rule) (\(type)), conflict id \(id)" },
        conflictSummary: { severity, summary in "Conflict (\(severity)): \(summary)" },
        conflictCategory: "Conflict"
    )
}
