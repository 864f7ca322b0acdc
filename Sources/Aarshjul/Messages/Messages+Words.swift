/// Words and date formats that every surface shares: months, weekdays, holidays, units.
public struct WordMessages: Sendable {
    /// The months, capitalised, January first (`Januar`, `January`).
    public let months: [String]
    /// The months as written inside a sentence (`januar`, `January`).
    public let monthsInText: [String]
    /// The weekdays inside a sentence, Monday first (`måndag`, `Monday`).
    public let weekdays: [String]
    /// The weekdays' short names for tables, Monday first (`må`, `Mon`).
    public let weekdaysShort: [String]
    /// A day of a month in running text, from the day and the month's name: `12. mars`, `12 March`.
    public let dayOfMonth: @Sendable (_ day: Int, _ month: String) -> String
    /// Separates day and month in a numeric date: `13.09`, `13/09`.
    public let dayMonthSeparator: String
    /// A run of days within one month, from the first day and the last day in running text:
    /// `10.–16. desember`, `10–16 December`.
    public let dayRange: @Sendable (_ firstDay: Int, _ last: String) -> String
    /// Between a date and a time of day: ` kl. `, ` at `.
    public let atTime: String
    /// Joins the last two names of a list: ` og `, ` and `.
    public let and: String
    /// Joins alternatives: ` eller `, ` or `.
    public let or: String
    /// `hele dagen`, `heile dagen`, `all day`.
    public let allDay: String
    /// `avlyst`, `cancelled`.
    public let cancelled: String
    /// The readable names of the `kind` values (`decision` → `vedtak`), by value.
    public let kinds: [String: String]
    /// The public holidays' names, by their bokmål name as ``NorwegianCalendar/holidays(_:)`` gives it.
    public let holidays: [String: String]
    /// Days.
    public let day: Plural
    /// Working days.
    public let workingDay: Plural
    /// Hours.
    public let hour: Plural
    /// Minutes in a duration, after the count: `min`.
    public let minutesShort: String
    /// A duration of no time: `0 minutter`.
    public let noTime: String
    /// Weeks in dates (`uke 12`, `veke 12`, `week 12`).
    public let week: String
    /// Occurrences (`hendelse`, `hending`, `occurrence`).
    public let occurrence: Plural
    /// Conflicts.
    public let conflict: Plural
    /// How explanations begin to name a rule: `Regelen «frist»`.
    public let ruleNamed: @Sendable (_ id: String) -> String
    /// Severity badges: `FEIL`, `ADVARSEL`, `INFO`.
    public let severityBadges: SeverityWords
    /// Severities in running text: `feil`, `advarsel`, `info`.
    public let severities: SeverityWords
}

extension WordMessages {
    /// Bokmål.
    public static let nb = WordMessages(
        months: ["Januar", "Februar", "Mars", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Desember"],
        monthsInText: ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
        weekdays: ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
        weekdaysShort: ["ma", "ti", "on", "to", "fr", "lø", "sø"],
        dayOfMonth: { day, month in "\(day). \(month)" },
        dayMonthSeparator: ".",
        dayRange: { first, last in "\(first).–\(last)" },
        atTime: " kl. ",
        and: " og ",
        or: " eller ",
        allDay: "hele dagen",
        cancelled: "avlyst",
        kinds: ["decision": "vedtak", "deadline": "frist", "meeting": "møte", "milestone": "milepæl", "hearing": "høring"],
        holidays: [
            "1. nyttårsdag": "1. nyttårsdag", "Skjærtorsdag": "Skjærtorsdag", "Langfredag": "Langfredag",
            "1. påskedag": "1. påskedag", "2. påskedag": "2. påskedag", "Kristi himmelfartsdag": "Kristi himmelfartsdag",
            "1. pinsedag": "1. pinsedag", "2. pinsedag": "2. pinsedag", "1. juledag": "1. juledag",
            "2. juledag": "2. juledag", "Arbeidernes dag": "Arbeidernes dag", "Grunnlovsdagen": "Grunnlovsdagen",
        ],
        day: Plural("dag", "dager"),
        workingDay: Plural("arbeidsdag", "arbeidsdager"),
        hour: Plural("time", "timer"),
        minutesShort: "min",
        noTime: "0 minutter",
        week: "uke",
        occurrence: Plural("hendelse", "hendelser"),
        conflict: Plural("konflikt", "konflikter"),
        ruleNamed: { id in "Regelen «\(id)»" },
        severityBadges: SeverityWords(error: "FEIL", warning: "ADVARSEL", info: "INFO"),
        severities: SeverityWords(error: "feil", warning: "advarsel", info: "info")
    )

    /// Nynorsk.
    public static let nn = WordMessages(
        months: ["Januar", "Februar", "Mars", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Desember"],
        monthsInText: ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
        weekdays: ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"],
        weekdaysShort: ["må", "ty", "on", "to", "fr", "la", "su"],
        dayOfMonth: { day, month in "\(day). \(month)" },
        dayMonthSeparator: ".",
        dayRange: { first, last in "\(first).–\(last)" },
        atTime: " kl. ",
        and: " og ",
        or: " eller ",
        allDay: "heile dagen",
        cancelled: "avlyst",
        kinds: ["decision": "vedtak", "deadline": "frist", "meeting": "møte", "milestone": "milepæl", "hearing": "høyring"],
        holidays: [
            "1. nyttårsdag": "1. nyttårsdag", "Skjærtorsdag": "Skjærtorsdag", "Langfredag": "Langfredag",
            "1. påskedag": "1. påskedag", "2. påskedag": "2. påskedag", "Kristi himmelfartsdag": "Kristi himmelfartsdag",
            "1. pinsedag": "1. pinsedag", "2. pinsedag": "2. pinsedag", "1. juledag": "1. juledag",
            "2. juledag": "2. juledag", "Arbeidernes dag": "Arbeidarane sin dag", "Grunnlovsdagen": "Grunnlovsdagen",
        ],
        day: Plural("dag", "dagar"),
        workingDay: Plural("arbeidsdag", "arbeidsdagar"),
        hour: Plural("time", "timar"),
        minutesShort: "min",
        noTime: "0 minutt",
        week: "veke",
        occurrence: Plural("hending", "hendingar"),
        conflict: Plural("konflikt", "konfliktar"),
        ruleNamed: { id in "Regelen «\(id)»" },
        severityBadges: SeverityWords(error: "FEIL", warning: "ÅTVARING", info: "INFO"),
        severities: SeverityWords(error: "feil", warning: "åtvaring", info: "info")
    )

    /// English.
    public static let en = WordMessages(
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        monthsInText: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        weekdaysShort: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        dayOfMonth: { day, month in "\(day) \(month)" },
        dayMonthSeparator: "/",
        dayRange: { first, last in "\(first)–\(last)" },
        atTime: " at ",
        and: " and ",
        or: " or ",
        allDay: "all day",
        cancelled: "cancelled",
        kinds: ["decision": "decision", "deadline": "deadline", "meeting": "meeting", "milestone": "milestone", "hearing": "hearing"],
        holidays: [
            "1. nyttårsdag": "New Year's Day", "Skjærtorsdag": "Maundy Thursday", "Langfredag": "Good Friday",
            "1. påskedag": "Easter Sunday", "2. påskedag": "Easter Monday", "Kristi himmelfartsdag": "Ascension Day",
            "1. pinsedag": "Whit Sunday", "2. pinsedag": "Whit Monday", "1. juledag": "Christmas Day",
            "2. juledag": "Boxing Day", "Arbeidernes dag": "Labour Day", "Grunnlovsdagen": "Constitution Day",
        ],
        day: Plural("day", "days"),
        workingDay: Plural("working day", "working days"),
        hour: Plural("hour", "hours"),
        minutesShort: "min",
        noTime: "0 minutes",
        week: "week",
        occurrence: Plural("occurrence", "occurrences"),
        conflict: Plural("conflict", "conflicts"),
        ruleNamed: { id in "The rule «\(id)»" },
        severityBadges: SeverityWords(error: "ERROR", warning: "WARNING", info: "INFO"),
        severities: SeverityWords(error: "error", warning: "warning", info: "info")
    )

    /// A holiday's name in this language; `Grunnlovsdagen / 2. pinsedag` is translated part by
    /// part, and configured names (not in ``holidays``) are kept as written.
    public func holiday(_ name: String) -> String {
        name.components(separatedBy: " / ").map { holidays[$0] ?? $0 }.joined(separator: " / ")
    }
}
