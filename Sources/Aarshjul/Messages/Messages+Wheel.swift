/// The wheel (`aarshjul wheel`): its SVG, legend, description for screen readers and HTML page.
public struct WheelMessages: Sendable {
    /// The title, from the cycle year and the cycle's name.
    public let title: @Sendable (_ year: String, _ cycle: String) -> String
    /// The open conflicts, counted: `3 åpne konflikter`.
    public let openConflictCount: @Sendable (_ count: Int) -> String
    /// The legend's heading of the rings.
    public let rings: String
    /// The legend's heading of the kinds.
    public let kinds: String
    /// The heading of the conflicts.
    public let conflicts: String
    /// When no conflict is open.
    public let noConflicts: String
    /// The kind of an item of no known kind.
    public let other: String
    /// The legend's word for an arc over several days.
    public let span: String
    /// The legend's word for a week's grouped count.
    public let aggregate: String
    /// The marker of today.
    public let today: String
    /// The legend's word for an item the plan moved.
    public let moved: String
    /// The legend's word for a conflict's wedge.
    public let wedge: String
    /// The legend's word for the line between a conflict's items.
    public let connector: String
    /// The ring of items without a thematic area.
    public let noArea: String
    /// The ring of items without a body.
    public let noBody: String
    /// The ring that gathers the rings beyond the last one shown.
    public let otherRings: String
    /// An item without a date.
    public let noDate: String
    /// The heading of the month-by-month list.
    public let months: String
    /// The heading of the accepted conflicts.
    public let accepted: String
    /// Before why a conflict is accepted.
    public let acceptedBecause: String
    /// Before the items a conflict involves.
    public let involves: String
    /// The details' label of the sources.
    public let sources: String
    /// The details' label of the body.
    public let body: String
    /// The details' label of the thematic area.
    public let area: String
    /// The heading of the picture.
    public let wheel: String
    /// The heading of the feed links.
    public let links: String
    /// How to see an item's details.
    public let details: String
    /// The conflicts left out of the SVG's list, from their count.
    public let more: @Sendable (_ count: Int) -> String
    /// The legend's words for the severities' badges.
    public let severityLegend: SeverityWords
    /// The description's first sentence, from the cycle year, the cycle's name and the top month.
    public let describeWheel: @Sendable (_ year: String, _ cycle: String, _ firstMonth: String) -> String
    /// The description of the rings, from their count and the rings in words.
    public let describeRings: @Sendable (_ count: Int, _ rings: String) -> String
    /// The description of the shapes.
    public let describeShapes: String
    /// The page header's breakdown of the open conflicts, from the errors, warnings and infos.
    public let breakdown: @Sendable (_ errors: Int, _ warnings: Int, _ infos: Int) -> String
    /// Two rings' colours too close, from the first and second ring (name and colour) and the
    /// measure (`6.6`, or `6.6 med deuteranopi` from ``withVision``).
    public let colourWarning: @Sendable (_ first: String, _ second: String, _ measure: String) -> String
    /// A colour difference as seen with a colour-vision deficiency, from the difference and the deficiency.
    public let withVision: @Sendable (_ difference: String, _ vision: String) -> String
    /// The link from the feed page to this year's wheel.
    public let thisYearsWheel: String
}

extension WheelMessages {
    /// Bokmål.
    public static let nb = WheelMessages(
        title: { year, cycle in "Årshjul \(year) — \(cycle)" },
        openConflictCount: { count in "\(count) åpne \(Plural("konflikt", "konflikter")(count))" },
        rings: "Ringer (ytterst først)",
        kinds: "Type",
        conflicts: "Konflikter",
        noConflicts: "Ingen åpne konflikter.",
        other: "annet",
        span: "periode over flere dager",
        aggregate: "antall i uka (samlet)",
        today: "I dag",
        moved: "flyttet av planen",
        wedge: "dagene konflikten gjelder",
        connector: "linje mellom hendelsene i konflikten",
        noArea: "uten temaområde",
        noBody: "uten organ",
        otherRings: "andre",
        noDate: "uten dato",
        months: "Måned for måned",
        accepted: "Aksepterte konflikter",
        acceptedBecause: "Akseptert:",
        involves: "Gjelder",
        sources: "Kilder",
        body: "Organ",
        area: "Temaområde",
        wheel: "Hjulet",
        links: "Abonner",
        details: "Pek på eller gå med Tab til en hendelse for detaljer.",
        more: { count in "… og \(count) til (se HTML-siden eller `aarshjul conflicts`)" },
        severityLegend: SeverityWords(error: "feil (heltrukket)", warning: "advarsel (stiplet)", info: "til informasjon (prikket)"),
        describeWheel: { year, cycle, first in "Årshjulet \(year) for \(cycle): tolv måneder med klokka, \(first) øverst. " },
        describeRings: { count, rings in "\(count) ringer fra ytterst til innerst: \(rings). " },
        describeShapes: "Form viser type: ruter vedtak, trekant frist, sirkel møte, kvadrat milepæl, bue periode. ",
        breakdown: { errors, warnings, infos in "\(errors) feil, \(Plural("advarsel", "advarsler").counted(warnings)), \(infos) til informasjon" },
        colourWarning: { first, second, measure in
            "Advarsel: fargene til \(first) og \(second) er vanskelige å skille (CIEDE2000 \(measure)); gi en av dem en annen farge."
        },
        withVision: { difference, vision in "\(difference) med \(vision)" },
        thisYearsWheel: "Årshjulet i år"
    )

    /// Nynorsk.
    public static let nn = WheelMessages(
        title: { year, cycle in "Årshjul \(year) — \(cycle)" },
        openConflictCount: { count in abs(count) == 1 ? "\(count) open konflikt" : "\(count) opne konfliktar" },
        rings: "Ringar (ytst først)",
        kinds: "Type",
        conflicts: "Konfliktar",
        noConflicts: "Ingen opne konfliktar.",
        other: "anna",
        span: "periode over fleire dagar",
        aggregate: "talet i veka (samla)",
        today: "I dag",
        moved: "flytta av planen",
        wedge: "dagane konflikten gjeld",
        connector: "linje mellom hendingane i konflikten",
        noArea: "utan temaområde",
        noBody: "utan organ",
        otherRings: "andre",
        noDate: "utan dato",
        months: "Månad for månad",
        accepted: "Aksepterte konfliktar",
        acceptedBecause: "Akseptert:",
        involves: "Gjeld",
        sources: "Kjelder",
        body: "Organ",
        area: "Temaområde",
        wheel: "Hjulet",
        links: "Abonner",
        details: "Peik på eller gå med Tab til ei hending for å sjå detaljar.",
        more: { count in "… og \(count) til (sjå HTML-sida eller `aarshjul conflicts`)" },
        severityLegend: SeverityWords(error: "feil (heiltrekt)", warning: "åtvaring (stipla)", info: "til informasjon (prikka)"),
        describeWheel: { year, cycle, first in "Årshjulet \(year) for \(cycle): tolv månader med klokka, \(first) øvst. " },
        describeRings: { count, rings in "\(count) \(Plural("ring", "ringar")(count)) frå ytst til inst: \(rings). " },
        describeShapes: "Forma viser type: ruter vedtak, trekant frist, sirkel møte, kvadrat milepæl, boge periode. ",
        breakdown: { errors, warnings, infos in "\(errors) feil, \(Plural("åtvaring", "åtvaringar").counted(warnings)), \(infos) til informasjon" },
        colourWarning: { first, second, measure in
            "Åtvaring: fargane til \(first) og \(second) er vanskelege å skilje (CIEDE2000 \(measure)); gi ein av dei ein annan farge."
        },
        withVision: { difference, vision in "\(difference) med \(vision)" },
        thisYearsWheel: "Årshjulet i år"
    )

    /// English.
    public static let en = WheelMessages(
        title: { year, cycle in "Annual cycle \(year) — \(cycle)" },
        openConflictCount: { count in "\(count) open \(Plural("conflict", "conflicts")(count))" },
        rings: "Rings (outermost first)",
        kinds: "Kind",
        conflicts: "Conflicts",
        noConflicts: "No open conflicts.",
        other: "other",
        span: "span of several days",
        aggregate: "count in the week (grouped)",
        today: "Today",
        moved: "moved by the plan",
        wedge: "the days the conflict covers",
        connector: "line between the occurrences in conflict",
        noArea: "no thematic area",
        noBody: "no body",
        otherRings: "others",
        noDate: "no date",
        months: "Month by month",
        accepted: "Accepted conflicts",
        acceptedBecause: "Accepted:",
        involves: "Involves",
        sources: "Sources",
        body: "Body",
        area: "Thematic area",
        wheel: "The wheel",
        links: "Subscribe",
        details: "Point at or Tab to an occurrence for details.",
        more: { count in "… and \(count) more (see the HTML page or `aarshjul conflicts`)" },
        severityLegend: SeverityWords(error: "error (solid)", warning: "warning (dashed)", info: "for information (dotted)"),
        describeWheel: { year, cycle, first in "The \(year) annual cycle of \(cycle): twelve months clockwise, \(first) at the top. " },
        describeRings: { count, rings in "\(count) rings from outermost to innermost: \(rings). " },
        describeShapes: "Shape shows kind: diamond decision, triangle deadline, circle meeting, square milestone, arc span. ",
        breakdown: { errors, warnings, infos in
            "\(Plural("error", "errors").counted(errors)), \(Plural("warning", "warnings").counted(warnings)), \(infos) for information"
        },
        colourWarning: { first, second, measure in
            "Warning: the colours of \(first) and \(second) are hard to tell apart (CIEDE2000 \(measure), below \(ColorDifference.tooCloseText)); give one of them another colour."
        },
        withVision: { difference, vision in "\(difference) with \(vision)" },
        thisYearsWheel: "This year's wheel"
    )
}
