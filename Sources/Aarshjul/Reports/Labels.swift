import ICalendar

/// The words reports use, from the language's ``Messages`` table: months, weekdays, dates.
public struct Labels: Sendable {
    /// The language.
    public var language: Language

    /// Labels for a language.
    public init(_ language: Language) {
        self.language = language
    }

    /// The language's table of messages.
    public var messages: Messages { language.messages }

    /// The month's name, capitalised (`Januar`, `January`).
    public func month(_ month: Int) -> String {
        messages.words.months[max(0, min(11, month - 1))]
    }

    /// The month's name in running text (`januar` in bokmål and nynorsk, `January` in English).
    public func monthInText(_ month: Int) -> String {
        messages.words.monthsInText[max(0, min(11, month - 1))]
    }

    /// The weekday's short name for ISO weekday 1 (Monday) … 7 (`ma`, `må`, `Mon`).
    public func weekdayShort(_ weekday: Int) -> String {
        messages.words.weekdaysShort[max(0, min(6, weekday - 1))]
    }

    /// A date in running text: `10. desember 2027`, `10 December 2027`.
    public func date(_ date: LocalDate, withYear: Bool = true) -> String {
        let base = messages.words.dayOfMonth(date.day, monthInText(date.month))
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
        return day + messages.words.dayMonthSeparator + month
    }

    /// "hele dagen" / "heile dagen" / "all day".
    public var allDay: String { messages.words.allDay }

    /// A kind's readable name (`decision` → `vedtak`); unknown kinds are shown as written.
    public func kind(_ kind: String?) -> String {
        guard let kind else { return "" }
        return messages.words.kinds[kind.lowercased()] ?? kind
    }

    /// Column headers of the cycle table.
    public var cycleHeaders: [String] { messages.reports.cycleHeaders }

    /// "avlyst" / "cancelled".
    public var cancelled: String { messages.words.cancelled }
}

/// `HH:MM`.
func clock(_ time: LocalDateTime) -> String {
    (time.hour < 10 ? "0" : "") + "\(time.hour):" + (time.minute < 10 ? "0" : "") + "\(time.minute)"
}
