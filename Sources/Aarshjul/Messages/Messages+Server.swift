/// The pages of `aarshjul serve` (the `AarshjulServer` module): the index of feeds and the plan page.
public struct ServerMessages: Sendable {
    /// The index page's title, from the cycle's name and the year.
    public let title: @Sendable (_ cycle: String, _ year: String) -> String
    /// Between the date and the time the feeds were built: `kl.`, `at`.
    public let at: String
    /// The introduction, from when the feeds were last built (already escaped for HTML).
    public let introduction: @Sendable (_ built: String) -> String
    /// The link to the wheel page.
    public let wheelLink: String
    /// The link to the plan page.
    public let planLink: String
    /// The feeds' heading.
    public let calendars: String
    /// The feed table's header of the calendar.
    public let calendar: String
    /// The feed table's header of the events.
    public let events: String
    /// The feed table's header of the address.
    public let address: String
    /// The heading of the open conflicts.
    public let openConflicts: String
    /// When no conflict is open.
    public let noOpenConflicts: String
    /// Before a conflict's proposed moves.
    public let proposals: String
    /// The accepted conflicts left out, from their count.
    public let acceptedHidden: @Sendable (_ count: Int) -> String
    /// Before the link to the conflicts as JSON.
    public let asJSON: String
    /// The heading of how to subscribe.
    public let howToSubscribe: String
    /// How to subscribe, as HTML list items.
    public let subscribeSteps: String
    /// The plan page's title when the year could not be planned, from the year.
    public let planFailed: @Sendable (_ year: String) -> String
}

extension ServerMessages {
    /// Bokmål.
    public static let nb = ServerMessages(
        title: { cycle, year in "\(cycle) – årshjul \(year)" },
        at: "kl.",
        introduction: { built in
            "Abonner på kalenderne under i Outlook, Google Kalender eller en annen kalenderapp. De bygges på nytt fra kildene med jevne mellomrom; sist bygget \(built)."
        },
        wheelLink: "Årshjulet med månedsliste, konfliktene og detaljer for hver hendelse",
        planLink: "Utkast til neste års årshjul (planlagt fra årets hendelser)",
        calendars: "Kalendere",
        calendar: "Kalender",
        events: "Hendelser",
        address: "Adresse",
        openConflicts: "Åpne konflikter",
        noOpenConflicts: "Ingen åpne konflikter.",
        proposals: "Forslag: ",
        acceptedHidden: { count in "\(count) konflikter er akseptert og vises ikke." },
        asJSON: "Som JSON: ",
        howToSubscribe: "Slik abonnerer du",
        subscribeSteps: "<li><strong>Outlook</strong> (nett og ny Outlook): Kalender → Legg til kalender → Abonner fra nettet → lim inn https-adressen.</li>\n"
            + "<li><strong>Google Kalender</strong>: Andre kalendere → + → Fra nettadresse → lim inn https-adressen. Google henter kalenderen på nytt etter eget skjema (ofte flere timer).</li>\n"
            + "<li><strong>Apple Kalender og andre</strong>: klikk på webcal-adressen.</li>\n",
        planFailed: { year in "Årshjulet \(year) kunne ikke planlegges" }
    )

    /// Nynorsk.
    public static let nn = ServerMessages(
        title: { cycle, year in "\(cycle) – årshjul \(year)" },
        at: "kl.",
        introduction: { built in
            "Abonner på kalendrane under i Outlook, Google Kalender eller ein annan kalenderapp. Dei blir bygde på nytt frå kjeldene med jamne mellomrom; sist bygde \(built)."
        },
        wheelLink: "Årshjulet med månadsliste, konfliktane og detaljar for kvar hending",
        planLink: "Utkast til årshjulet for neste år (planlagt frå hendingane i år)",
        calendars: "Kalendrar",
        calendar: "Kalender",
        events: "Hendingar",
        address: "Adresse",
        openConflicts: "Opne konfliktar",
        noOpenConflicts: "Ingen opne konfliktar.",
        proposals: "Forslag: ",
        acceptedHidden: { count in "\(count) \(Plural("konflikt", "konfliktar")(count)) er aksepterte og blir ikkje viste." },
        asJSON: "Som JSON: ",
        howToSubscribe: "Slik abonnerer du",
        subscribeSteps: "<li><strong>Outlook</strong> (nett og nye Outlook): Kalender → Legg til kalender → Abonner frå nettet → lim inn https-adressa.</li>\n"
            + "<li><strong>Google Kalender</strong>: Andre kalendrar → + → Frå nettadresse → lim inn https-adressa. Google hentar kalenderen på nytt etter eigen timeplan (ofte fleire timar).</li>\n"
            + "<li><strong>Apple Kalender og andre</strong>: klikk på webcal-adressa.</li>\n",
        planFailed: { year in "Årshjulet \(year) kunne ikkje planleggjast" }
    )

    /// English.
    public static let en = ServerMessages(
        title: { cycle, year in "\(cycle) – annual cycle \(year)" },
        at: "at",
        introduction: { built in
            "Subscribe to the calendars below in Outlook, Google Calendar or another calendar app. They are rebuilt from the sources at regular intervals; last built \(built)."
        },
        wheelLink: "The wheel with the month-by-month list, the conflicts and each item's details",
        planLink: "A draft of next year's wheel (planned from this year's items)",
        calendars: "Calendars",
        calendar: "Calendar",
        events: "Events",
        address: "Address",
        openConflicts: "Open conflicts",
        noOpenConflicts: "No open conflicts.",
        proposals: "Proposals: ",
        acceptedHidden: { count in "\(count) accepted conflicts are not shown." },
        asJSON: "As JSON: ",
        howToSubscribe: "How to subscribe",
        subscribeSteps: "<li><strong>Outlook</strong> (web and new Outlook): Calendar → Add calendar → Subscribe from web → paste the https address.</li>\n"
            + "<li><strong>Google Calendar</strong>: Other calendars → + → From URL → paste the https address. Google refreshes on its own schedule (often several hours).</li>\n"
            + "<li><strong>Apple Calendar and others</strong>: click the webcal address.</li>\n",
        planFailed: { year in "The \(year) cycle could not be planned" }
    )
}
