import ICalendar

/// The result of `aarshjul plan`: every item with its pattern, its pattern date and its
/// planned date, the drafts to send to each source, and what could not be satisfied.
public struct Plan: Sendable {
    /// Planning next year from patterns, or resolving this year from today's dates.
    public enum Mode: String, Sendable {
        /// Next year's dates from this year's patterns.
        case plan
        /// This year's dates, moved as little as needed.
        case resolve
    }

    /// The cycle year planned.
    public var year: CycleYear
    /// The cycle year the items and patterns come from (the same year for `resolve`).
    public var from: CycleYear
    /// What was done.
    public var mode: Mode
    /// The search that found the schedule: `exact` or `local-search`.
    public var method: String
    /// Whether the schedule is optimal (the exact search finished).
    public var optimal: Bool
    /// The score of the schedule as the solver saw it.
    public var score: PlanScore
    /// Every item, in planned order.
    public var items: [PlannedItem]
    /// The open conflicts of the planned cycle, found by running the conflict engine on the
    /// sources with the drafts merged in (the same conflicts the drafts give).
    public var unsatisfied: [Conflict]
    /// When error-level rules cannot all hold: the smallest set of rules found that cannot be
    /// satisfied together, with the reasons.
    public var conflictingRules: [ConflictingRule]
    /// Notes on patterns (a 5th weekday that does not exist next year, a date pushed back into
    /// the cycle year).
    public var notes: [String]
    /// One draft calendar per source that has items in it, by source id, in source order.
    public var drafts: [Draft]

    /// Whether every error-level rule holds in the plan.
    public var errorsCleared: Bool { !unsatisfied.contains { $0.severity == .error && !$0.isAccepted } }
}

/// One item of a plan.
public struct PlannedItem: Sendable, Hashable {
    /// The UID in the draft: new for a plan (from the original UID and the year), the original
    /// for `resolve`.
    public var uid: String
    /// The UID of the item it comes from.
    public var originalUID: String
    /// The RECURRENCE-ID (wall time) of the instance it comes from, for a series instance.
    public var recurrenceID: String?
    /// The source whose copy is shown, and every source that holds it.
    public var source: String
    /// Every source that holds it (its draft goes to each).
    public var sources: [String]
    /// The summary.
    public var summary: String
    /// The pattern in words (`nil` for `resolve`).
    public var pattern: String?
    /// The pattern's code for `X-AARSHJUL-PATTERN` (`nil` for `resolve`).
    public var patternCode: String?
    /// The starting date: the pattern date, or the current date for `resolve`.
    public var patternDate: String
    /// The planned start: a date for all-day items, else local date-time in the cycle's zone.
    public var planned: String
    /// Whether the solver moved it from its starting date.
    public var moved: Bool
    /// Days moved (negative: earlier).
    public var days: Int
    /// The rules that would be broken if it stayed at its starting date.
    public var rules: [String]
    /// Whether its date is fixed.
    public var fixed: Bool
}

/// A set of rules that cannot all hold, and why.
public struct ConflictingRule: Sendable, Hashable {
    /// The rule's id.
    public var rule: String
    /// Why, in the plan's language: the open conflicts of the rule in the best schedule, and
    /// the fixed items involved.
    public var reasons: [String]
}

/// A draft calendar for one source.
public struct Draft: Sendable, Hashable {
    /// The source's id; the file is `<source>.ics`.
    public var source: String
    /// The `VCALENDAR`.
    public var calendar: Component

    /// Creates a draft (for drafts read back from a folder).
    public init(source: String, calendar: Component) {
        self.source = source
        self.calendar = calendar
    }

    /// `<source>.ics`.
    public var fileName: String { source + ".ics" }

    /// The UIDs of the items this draft moves: in a plan's draft those the solver moved from
    /// their pattern date (`X-AARSHJUL-MOVED`), in a `--resolve` draft every item (it holds
    /// only moved ones).
    public var movedUIDs: Set<String> {
        let events = calendar.components(named: "VEVENT")
        let isPlan = events.contains { $0.property("X-AARSHJUL-PATTERN") != nil }
        return Set(events.filter { !isPlan || $0.property("X-AARSHJUL-MOVED") != nil }.compactMap(\.uid))
    }

    /// The sources with each draft's `VCALENDAR` added to its source's document: the cycle
    /// built from them is the cycle once the drafts are accepted.
    public static func merging(_ drafts: [Draft], into sources: [SourceCalendar]) -> [SourceCalendar] {
        sources.map { source -> SourceCalendar in
            var document = source.document
            for draft in drafts where draft.source == source.id { document.calendars.append(draft.calendar) }
            return SourceCalendar(id: source.id, name: source.name, document: document)
        }
    }
    /// The bytes, deterministic for the same input.
    public var bytes: [UInt8] { ICalendarWriter().bytes([calendar]) }
}

/// Input that cannot be planned: the message names the year, items and rules.
public struct PlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
