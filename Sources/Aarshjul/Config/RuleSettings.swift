import ICalendar

/// The kinds of `[[rule]]` (`type = …`); see DESIGN.md, "Conflict vocabulary".
public enum RuleType: String, Sendable, Hashable, CaseIterable {
    /// A `then` occurrence needs a `first` occurrence at least `min-gap` before it.
    case precedes
    /// A `deadline` occurrence at least `min` (calendar or working days) before the
    /// `meeting` it feeds.
    case leadTime = "lead-time"
    /// Matched occurrences must not overlap (or share a day, with `same-day = true`).
    case noOverlap = "no-overlap"
    /// Matched occurrences must fall on working days, outside the `closed` periods.
    case workingDay = "working-day"
    /// Matched occurrences must fall between `after` and `before` in the cycle year.
    case within
    /// A cycle needs at least `min-count` matched occurrences.
    case required
    /// At most `max` matched occurrences within any `per` period.
    case crowding

    /// The keys every rule may have.
    public static let commonKeys = ["id", "type", "severity", "fixed", "description"]

    /// The keys a rule of this type may have besides ``commonKeys``, in documented order.
    public var specificKeys: [String] {
        switch self {
        case .precedes: return ["first", "then", "min-gap"]
        case .leadTime: return ["deadline", "meeting", "min", "working-days", "closed"]
        case .noOverlap: return ["match", "same-day", "across"]
        case .workingDay: return ["match", "closed"]
        case .within: return ["match", "after", "before"]
        case .required: return ["match", "min-count"]
        case .crowding: return ["match", "max", "per"]
        }
    }

    /// Every key a rule of this type may have: ``commonKeys`` then ``specificKeys``.
    public var allowedKeys: [String] { RuleType.commonKeys + specificKeys }
}

/// How serious a conflict is (`severity`); ordered `info` < `warning` < `error`.
public enum RuleSeverity: String, Sendable, Hashable, Comparable, CaseIterable {
    /// Worth knowing.
    case info
    /// Should be looked at; the default.
    case warning
    /// Must be fixed; `--fail-on error` (the default) fails on these.
    case error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    /// Less serious first.
    public static func < (lhs: RuleSeverity, rhs: RuleSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// Which pairs a `no-overlap` rule compares (`across`): only occurrences from different
/// sources, or owned by different bodies.
public enum Across: String, Sendable, Hashable {
    /// Only pairs from different sources (`across = "sources"`, or `"source"`).
    case sources
    /// Only pairs of different bodies (`across = "bodies"`, or `"body"`).
    case bodies
}

/// A `[[rule]]` table: one check over the cycle that produces conflicts.
///
/// Every rule has an `id` (unique), a `type`, and optionally `severity` (default
/// `warning`), `fixed` and `description`. The other keys depend on the type; a key the
/// type does not use is an error:
///
/// | type | keys |
/// | --- | --- |
/// | `precedes` | `first`, `then` (required), `min-gap` |
/// | `lead-time` | `deadline`, `meeting`, `min` (required), `working-days`, `closed` (with `working-days`) |
/// | `no-overlap` | `match` (required), `same-day`, `across` |
/// | `working-day` | `match` (required), `closed` |
/// | `within` | `match` (required), `after` and/or `before` |
/// | `required` | `match` (required), `min-count` (default 1) |
/// | `crowding` | `match`, `max`, `per` (all required) |
///
/// ```toml
/// [[rule]]
/// id = "budget-feeds-hop"
/// type = "precedes"
/// first = { source = "ntnu", summary = "*budsjettfordeling*" }
/// then  = { source = "tk", body = "bystyret", summary = "*økonomiplan*" }
/// min-gap = "P14D"
/// severity = "error"
/// ```
///
/// For `lead-time`, `working-days = true` counts `min` in working days (then `min` must be
/// whole days, `"P8D"`); `working-days = 8` is short for `working-days = true` with
/// `min = "P8D"`.
public struct RuleSettings: Hashable, Sendable {
    /// The rule's id (`id`, required, unique); part of every conflict id it produces.
    public var id: String
    /// What the rule checks (`type`, required).
    public var type: RuleType
    /// How serious its conflicts are (`severity`, default ``RuleSeverity/warning``).
    public var severity: RuleSeverity
    /// Whether the occurrences it involves are fixed, so no move is suggested
    /// (`fixed`, default false).
    public var fixed: Bool
    /// A sentence for reports (`description`).
    public var description: String?
    /// The line of the `[[rule]]` header.
    public var line: Int

    /// `precedes`: what must come first (`first`).
    public var first: Match?
    /// `precedes`: what must come after it (`then`).
    public var then: Match?
    /// `precedes`: the least time between them (`min-gap`); `nil` checks the order only.
    public var minGap: ICalDuration?

    /// `lead-time`: the deadlines (`deadline`).
    public var deadline: Match?
    /// `lead-time`: the meetings they feed (`meeting`).
    public var meeting: Match?
    /// `lead-time`: the least time from deadline to meeting (`min`); whole days when
    /// ``workingDays`` is set.
    public var min: ICalDuration?
    /// `lead-time`: whether ``min`` counts working days (`working-days`).
    public var workingDays: Bool

    /// `no-overlap`, `working-day`, `within`, `required`, `crowding`: the occurrences the
    /// rule looks at (`match`).
    public var match: Match?

    /// `no-overlap`: whether sharing a day is already a conflict (`same-day`).
    public var sameDay: Bool
    /// `no-overlap`: compare only across sources or bodies (`across`).
    public var across: Across?

    /// `working-day` and `lead-time` (with `working-days`): the closed periods that also count
    /// as non-working (`closed`): names
    /// from ``ClosedPeriod/builtInNames`` or of a `[[closed]]` period.
    public var closed: [String]

    /// `within`: the first allowed day of the cycle year (`after`, inclusive).
    public var after: MonthDay?
    /// `within`: the day the window ends (`before`, exclusive): the first such date after
    /// `after` (so `before = "01-01"` in a calendar-year cycle means "by the end of the year").
    public var before: MonthDay?

    /// `required`: the least number of matched occurrences in a cycle (`min-count`,
    /// default 1); `nil` for other types.
    public var minCount: Int?

    /// `crowding`: the most matched occurrences allowed in any ``per`` period (`max`).
    public var max: Int?
    /// `crowding`: the length of the sliding period (`per`).
    public var per: ICalDuration?

    /// Creates rule settings; the per-type fields default to unset.
    public init(
        id: String, type: RuleType, severity: RuleSeverity = .warning, fixed: Bool = false,
        description: String? = nil, line: Int = 0,
        first: Match? = nil, then: Match? = nil, minGap: ICalDuration? = nil,
        deadline: Match? = nil, meeting: Match? = nil, min: ICalDuration? = nil, workingDays: Bool = false,
        match: Match? = nil, sameDay: Bool = false, across: Across? = nil, closed: [String] = [],
        after: MonthDay? = nil, before: MonthDay? = nil, minCount: Int? = nil,
        max: Int? = nil, per: ICalDuration? = nil
    ) {
        self.id = id
        self.type = type
        self.severity = severity
        self.fixed = fixed
        self.description = description
        self.line = line
        self.first = first
        self.then = then
        self.minGap = minGap
        self.deadline = deadline
        self.meeting = meeting
        self.min = min
        self.workingDays = workingDays
        self.match = match
        self.sameDay = sameDay
        self.across = across
        self.closed = closed
        self.after = after
        self.before = before
        self.minCount = minCount
        self.max = max
        self.per = per
    }
}
