/// Every text Aarshjul shows a person, in one language: one table per language.
///
/// Each area of the program has its own part (``words``, ``reports``, ``rules``, ``plan``,
/// ``wheel``, ``feeds``, ``sync``, ``server``, ``configuration``), each a type with one stored property per
/// message: a `String` for fixed text, a closure for text with arguments (counts, names,
/// dates already formatted), a ``Plural`` for a noun that follows a count. The three values
/// ``nb``, ``nn`` and ``en`` are built with the types' memberwise initialisers, so a language
/// that lacks a message does not compile.
///
/// The table is plain Swift rather than `.strings` resources: the language is chosen per
/// report (`[cycle] language`, `--language`), while Foundation's localised lookup on Linux
/// follows the process locale.
///
/// ```swift
/// let words = Language.nn.messages
/// words.reports.noOpenConflicts        // "Ingen opne konfliktar."
/// words.words.day.counted(2)           // "2 dagar"
/// ```
public struct Messages: Sendable {
    /// The language of the table.
    public let language: Language
    /// Words and date formats every surface shares.
    public let words: WordMessages
    /// The conflict, cycle and plan reports.
    public let reports: ReportMessages
    /// The rules' explanations.
    public let rules: RuleMessages
    /// The planner's notes and errors, and the annual patterns in words.
    public let plan: PlanMessages
    /// The wheel (SVG and HTML page).
    public let wheel: WheelMessages
    /// Feed names and descriptions, and the conflict feed's events.
    public let feeds: FeedMessages
    /// The sync and changes reports, and the sync command's progress lines.
    public let sync: SyncMessages
    /// The pages of `aarshjul serve`.
    public let server: ServerMessages
    /// The problems found in `aarshjul.toml`.
    public let configuration: ConfigurationMessages

    /// The table of a language.
    public static func `for`(_ language: Language) -> Messages {
        switch language {
        case .nb: return .nb
        case .nn: return .nn
        case .en: return .en
        }
    }

    /// Bokmål.
    public static let nb = Messages(language: .nb, words: .nb, reports: .nb, rules: .nb, plan: .nb, wheel: .nb, feeds: .nb, sync: .nb, server: .nb, configuration: .nb)
    /// Nynorsk.
    public static let nn = Messages(language: .nn, words: .nn, reports: .nn, rules: .nn, plan: .nn, wheel: .nn, feeds: .nn, sync: .nn, server: .nn, configuration: .nn)
    /// English.
    public static let en = Messages(language: .en, words: .en, reports: .en, rules: .en, plan: .en, wheel: .en, feeds: .en, sync: .en, server: .en, configuration: .en)
}

extension Language {
    /// The language's table of messages (``Messages/for(_:)``).
    public var messages: Messages { Messages.for(self) }
}

/// A noun that follows a count: `1 konflikt`, `2 konfliktar`.
///
/// All three languages have two forms, one for a count of ±1 and one for every other count.
public struct Plural: Sendable, Hashable {
    /// The form after 1 (and -1): `konflikt`.
    public let one: String
    /// The form after every other count: `konfliktar`.
    public let other: String

    /// A noun with its two forms.
    public init(_ one: String, _ other: String) {
        self.one = one
        self.other = other
    }

    /// The form that follows `count`.
    public func callAsFunction(_ count: Int) -> String { abs(count) == 1 ? one : other }

    /// The count and its noun: `2 konfliktar`.
    public func counted(_ count: Int) -> String { "\(count) \(self(count))" }
}

/// One word for each severity: `FEIL`, `ADVARSEL`, `INFO`.
public struct SeverityWords: Sendable, Hashable {
    /// For ``RuleSeverity/error``.
    public let error: String
    /// For ``RuleSeverity/warning``.
    public let warning: String
    /// For ``RuleSeverity/info``.
    public let info: String

    /// The words for the three severities.
    public init(error: String, warning: String, info: String) {
        self.error = error
        self.warning = warning
        self.info = info
    }

    /// The word for a severity.
    public func callAsFunction(_ severity: RuleSeverity) -> String {
        switch severity {
        case .error: return error
        case .warning: return warning
        case .info: return info
        }
    }

    /// The word for a severity written as in the configuration (`error`, `warning`, `info`);
    /// other text is returned unchanged.
    public func callAsFunction(_ severity: String) -> String {
        RuleSeverity(rawValue: severity).map { self($0) } ?? severity
    }
}
