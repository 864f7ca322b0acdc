import ICalendar

/// One occurrence a conflict involves, as a report shows it.
public struct ConflictOccurrence: Hashable, Sendable, Codable {
    /// The id of the source whose copy is shown (the winning copy's; for a `sync-mismatch`,
    /// the source of this placement).
    public var source: String
    /// Every source that holds the item, ``source`` first (for a `sync-mismatch`, the one
    /// source of this placement).
    public var sources: [String]
    /// The summary.
    public var summary: String
    /// The start in the cycle's time zone (`2027-12-16T10:00:00`, or a date for all-day items).
    public var start: String
    /// The UID.
    public var uid: String
    /// The RECURRENCE-ID of the instance, for an instance of a series.
    public var recurrenceId: String?
    /// Whether its date is fixed.
    public var fixed: Bool

    /// Creates an occurrence of a conflict.
    public init(source: String, sources: [String], summary: String, start: String, uid: String, recurrenceId: String?, fixed: Bool) {
        self.source = source
        self.sources = sources
        self.summary = summary
        self.start = start
        self.uid = uid
        self.recurrenceId = recurrenceId
        self.fixed = fixed
    }

    private enum CodingKeys: String, CodingKey {
        case source, sources, summary, start, uid, recurrenceId, fixed
    }

    /// Reads a conflict occurrence; JSON written before `sources` existed gets `[source]`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(String.self, forKey: .source)
        sources = try container.decodeIfPresent([String].self, forKey: .sources) ?? [source]
        summary = try container.decode(String.self, forKey: .summary)
        start = try container.decode(String.self, forKey: .start)
        uid = try container.decode(String.self, forKey: .uid)
        recurrenceId = try container.decodeIfPresent(String.self, forKey: .recurrenceId)
        fixed = try container.decode(Bool.self, forKey: .fixed)
    }
}

/// A date a conflict could move to.
public struct Suggestion: Hashable, Sendable, Codable {
    /// Which involved occurrence moves (index into ``Conflict/occurrences``).
    public var occurrence: Int
    /// The new date (the time of day is kept).
    public var date: String
    /// How many days from the current date (negative: earlier).
    public var days: Int
}

/// A clash between planned dates, found by a rule.
public struct Conflict: Hashable, Sendable, Codable {
    /// A stable id: the same clash keeps its id across runs and edits elsewhere (a hash of the
    /// rule id and the items involved, not their dates).
    public var id: String
    /// The rule's id (`budget-feeds-hop`, or `sync-mismatch`, `likely-duplicate`,
    /// `decisions-same-day` for the built-in checks).
    public var rule: String
    /// The rule's type (`precedes`, `lead-time`, …, `sync-mismatch`, `likely-duplicate`).
    public var type: String
    /// How serious it is.
    public var severity: RuleSeverity
    /// The occurrences involved.
    public var occurrences: [ConflictOccurrence]
    /// The explanation, in the report's language, ready to forward.
    public var explanation: String
    /// The nearest dates that would satisfy every rule, for a movable side (up to three).
    public var suggestions: [Suggestion]
    /// The acceptance that suppresses it, if any.
    public var acceptedBecause: String?
    /// Whether an `[[accept]]` suppresses it.
    public var isAccepted: Bool { acceptedBecause != nil }
}

extension RuleSeverity: Codable {}
