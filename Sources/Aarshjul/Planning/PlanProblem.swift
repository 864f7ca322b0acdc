import ICalendar

/// A scheduling instance: occurrences at their starting dates, which of them may move and
/// how, and the rules they must satisfy. The solver's view of the cycle.
///
/// Occurrences are numbered by their position in ``occurrences`` (their *id*); a schedule is
/// one day offset per id. Rule severity comes from the findings; info-level findings do not
/// count in the objective.
struct PlanProblem: Sendable {
    /// The occurrences at their starting dates, in id order.
    let occurrences: [CycleOccurrence]
    /// Whether each may move.
    let movable: [Bool]
    /// Whether each may move to any working day (deadlines, or all items when
    /// `[plan] keep-weekday = false`); otherwise it moves by whole weeks.
    let freeDay: [Bool]
    /// The rules.
    let rules: [any ConflictRule]
    /// The context at the starting dates (sorted by start, memberships computed).
    let start: RuleContext
    /// For each match the rules use, whether each id fits it.
    let bits: [Match: [Bool]]
    /// For each id, the rules whose matches select it (the rules a move of it can change).
    let affects: [[Int]]
    /// For each rule, extra ids a finding of it can be resolved by (a `precedes` rule's
    /// `first` side: moving any of them earlier may satisfy it).
    let extraResolvers: [[Int]]
    /// The closed periods no move may enter: every one a `working-day` rule names.
    let closed: [String]
    /// How far (in days) an item may move either way.
    let window: Int
    /// The body of each id (for "never onto another item of the same body the same day").
    let bodies: [String?]
    /// Whether each rule judges each occurrence on its own (`working-day`, `within`), so a move
    /// only changes the moved occurrence's findings.
    let local: [Bool]
    /// How the solver keeps each rule's findings up to date when one item moves.
    let tracking: [RuleTracking]
    /// The candidate offsets of each id (0 first, then by cost), with their cost in working days.
    let candidates: [[(offset: Int, cost: Int)]]

    /// Builds an instance.
    ///
    /// - Complexity: O(*m*·*n*) glob tests, plus O(*n*·*w*) for the candidate days.
    init(occurrences: [CycleOccurrence], movable: [Bool], freeDay: [Bool], rules: [any ConflictRule],
         year: CycleYear, calendar: NorwegianCalendar, labels: Labels, sourceNames: [String: String],
         zone: ZoneRules, closed: [String], window: Int = 60) {
        // Memberships in id order, computed once by a context over the unsorted occurrences.
        let unsorted = RuleContext(occurrences: occurrences, year: year, calendar: calendar, labels: labels,
                                   sourceNames: sourceNames, zone: zone, matches: rules.flatMap(\.matches))
        self.init(context: unsorted, movable: movable, freeDay: freeDay, rules: rules, closed: closed, window: window)
    }

    /// Builds an instance over a context whose memberships are already worked out (the
    /// conflict engine's): its occurrences, in its order, are the ids.
    ///
    /// - Complexity: O(*n*·*w*) for the candidate days of the movable items.
    /// With `trackInfo`, info-level rules are followed too (they never count in the score;
    /// the conflict engine's proposals must not add to them either).
    init(context unsorted: RuleContext, movable: [Bool], freeDay: [Bool], rules: [any ConflictRule], closed: [String], window: Int = 60,
         trackInfo: Bool = false) {
        let occurrences = unsorted.occurrences
        let year = unsorted.year, calendar = unsorted.calendar
        self.occurrences = occurrences
        self.movable = movable
        self.freeDay = freeDay
        self.rules = rules
        self.closed = closed
        self.window = window
        bits = unsorted.memberships
        var affects = [[Int]](repeating: [], count: occurrences.count)
        for (index, rule) in rules.enumerated() {
            var hit = [Bool](repeating: false, count: occurrences.count)
            for match in rule.matches { if let column = unsorted.memberships[match] { for id in column.indices where column[id] { hit[id] = true } } }
            for id in hit.indices where hit[id] { affects[id].append(index) }
        }
        self.affects = affects
        local = rules.map { $0 is WorkingDayRule || $0 is WithinRule }
        tracking = rules.map { RuleTracking($0, year: year, trackInfo: trackInfo) }
        extraResolvers = rules.map { rule in
            guard let precedes = rule as? PrecedesRule, let column = unsorted.memberships[precedes.first] else { return [] }
            return column.indices.filter { column[$0] && movable[$0] }
        }
        bodies = occurrences.map(\.tags.body)
        var candidates: [[(offset: Int, cost: Int)]] = []
        candidates.reserveCapacity(occurrences.count)
        for id in occurrences.indices {
            var list: [(offset: Int, cost: Int)] = [(0, 0)]
            if movable[id] {
                let date = occurrences[id].startDate
                let step = freeDay[id] ? 1 : 7
                // Working days counted outward day by day, so each candidate's cost is O(1).
                var later = 0, earlier = 0
                for distance in stride(from: 1, through: window, by: 1) {
                    let after = date.adding(days: distance)
                    if calendar.isWorkingDay(after) { later += 1 }
                    // `before` itself counts for a move back onto it: working days after it
                    // through the starting date.
                    let before = date.adding(days: -distance)
                    if calendar.isWorkingDay(date.adding(days: -distance + 1)) { earlier += 1 }
                    guard distance % step == 0 else { continue }
                    for (offset, day, cost) in [(distance, after, later), (-distance, before, earlier)] {
                        guard year.contains(day), calendar.isWorkingDay(day, closed: closed) else { continue }
                        list.append((offset, max(cost, 1)))
                    }
                }
                list[1...].sort { ($0.cost, abs($0.offset), -$0.offset) < ($1.cost, abs($1.offset), -$1.offset) }
            }
            candidates.append(list)
        }
        self.candidates = candidates
        // The starting context, sorted by start then id.
        let order = occurrences.indices.sorted { (occurrences[$0].startInstant, $0) < (occurrences[$1].startInstant, $1) }
        var context = unsorted
        context.occurrences = order.map { occurrences[$0] }
        for (match, column) in unsorted.memberships { context.memberships[match] = order.map { column[$0] } }
        start = context
        startOrder = order
    }

    /// The ids in start order at the starting dates.
    let startOrder: [Int]
}

/// The value a schedule is judged by, compared lexicographically: error-level findings left,
/// then warning-level findings left, then items moved, then working days moved in total.
public struct PlanScore: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Error-level findings left.
    public var errors: Int
    /// Warning-level findings left.
    public var warnings: Int
    /// Items moved.
    public var moved: Int
    /// Working days moved, summed over the items.
    public var days: Int

    /// Creates a score.
    public init(errors: Int, warnings: Int, moved: Int, days: Int) {
        self.errors = errors
        self.warnings = warnings
        self.moved = moved
        self.days = days
    }

    public static func < (lhs: PlanScore, rhs: PlanScore) -> Bool {
        (lhs.errors, lhs.warnings, lhs.moved, lhs.days) < (rhs.errors, rhs.warnings, rhs.moved, rhs.days)
    }

    /// `errors=0 warnings=2 moved=3 days=7`.
    public var description: String { "errors=\(errors) warnings=\(warnings) moved=\(moved) days=\(days)" }
}
