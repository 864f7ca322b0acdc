import ICalendar

/// The words reports use, in bokmål and English.
public struct Labels: Sendable {
    /// The language.
    public var language: Language

    /// Labels for a language.
    public init(_ language: Language) {
        self.language = language
    }

    /// The month's name, capitalised (`Januar`, `January`).
    public func month(_ month: Int) -> String {
        let nb = ["Januar", "Februar", "Mars", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Desember"]
        let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return (language == .nb ? nb : en)[max(0, min(11, month - 1))]
    }

    /// The month's name in running text (`januar` in bokmål, `January` in English).
    public func monthInText(_ month: Int) -> String {
        language == .nb ? self.month(month).lowercased() : self.month(month)
    }

    /// The weekday's short name for ISO weekday 1 (Monday) … 7 (`ma`, `Mon`).
    public func weekdayShort(_ weekday: Int) -> String {
        let nb = ["ma", "ti", "on", "to", "fr", "lø", "sø"]
        let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return (language == .nb ? nb : en)[max(0, min(6, weekday - 1))]
    }

    /// A date in running text: `10. desember 2027`, `10 December 2027`.
    public func date(_ date: LocalDate, withYear: Bool = true) -> String {
        let base = language == .nb ? "\(date.day). \(monthInText(date.month))" : "\(date.day) \(monthInText(date.month))"
        return withYear ? "\(base) \(date.year)" : base
    }

    /// A short date for tables: `ma 13.09`, `Mon 13/09`.
    public func shortDate(_ date: LocalDate) -> String {
        weekdayShort(date.weekday) + " " + dayMonth(date)
    }

    /// Day and month: `13.09`, `13/09`.
    public func dayMonth(_ date: LocalDate) -> String {
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 10 ? "0\(date.month)" : "\(date.month)"
        return language == .nb ? "\(day).\(month)" : "\(day)/\(month)"
    }

    /// "hele dagen" / "all day".
    public var allDay: String { language == .nb ? "hele dagen" : "all day" }

    /// A kind's readable name (`decision` → `vedtak`); unknown kinds are shown as written.
    public func kind(_ kind: String?) -> String {
        guard let kind else { return "" }
        guard language == .nb else { return kind }
        switch kind.lowercased() {
        case "decision": return "vedtak"
        case "deadline": return "frist"
        case "meeting": return "møte"
        case "milestone": return "milepæl"
        case "hearing": return "høring"
        default: return kind
        }
    }

    /// Column headers of the cycle table.
    public var cycleHeaders: [String] {
        language == .nb ? ["Dato", "Tid", "Kilde", "Organ", "Type", "Hva"] : ["Date", "Time", "Source", "Body", "Kind", "What"]
    }

    /// "avlyst" / "cancelled".
    public var cancelled: String { language == .nb ? "avlyst" : "cancelled" }
}

/// `HH:MM`.
func clock(_ time: LocalDateTime) -> String {
    (time.hour < 10 ? "0" : "") + "\(time.hour):" + (time.minute < 10 ? "0" : "") + "\(time.minute)"
}
