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
    /// The candidate offsets of each id (0 first, then by cost), with their cost in working days.
    let candidates: [[(offset: Int, cost: Int)]]

    /// Builds an instance.
    ///
    /// - Complexity: O(*m*·*n*) glob tests, plus O(*n*·*w*) for the candidate days.
    init(occurrences: [CycleOccurrence], movable: [Bool], freeDay: [Bool], rules: [any ConflictRule],
         year: CycleYear, calendar: NorwegianCalendar, labels: Labels, sourceNames: [String: String],
         zone: ZoneRules, closed: [String], window: Int = 60) {
        self.occurrences = occurrences
        self.movable = movable
        self.freeDay = freeDay
        self.rules = rules
        self.closed = closed
        self.window = window
        // Memberships in id order, computed once by a context over the unsorted occurrences.
        let unsorted = RuleContext(occurrences: occurrences, year: year, calendar: calendar, labels: labels,
                                   sourceNames: sourceNames, zone: zone, matches: rules.flatMap(\.matches))
        bits = unsorted.memberships
        var affects = [[Int]](repeating: [], count: occurrences.count)
        for (index, rule) in rules.enumerated() {
            var hit = [Bool](repeating: false, count: occurrences.count)
            for match in rule.matches { if let column = unsorted.memberships[match] { for id in column.indices where column[id] { hit[id] = true } } }
            for id in hit.indices where hit[id] { affects[id].append(index) }
        }
        self.affects = affects
        local = rules.map { $0 is WorkingDayRule || $0 is WithinRule }
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
                for distance in stride(from: step, through: window, by: step) {
                    for offset in [distance, -distance] {
                        let day = date.adding(days: offset)
                        guard year.contains(day), calendar.isWorkingDay(day, closed: closed) else { continue }
                        let cost = offset > 0 ? calendar.workingDays(after: date, through: day)
                            : calendar.workingDays(after: day, through: date)
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

/// One finding in id space.
struct Hit: Hashable, Sendable {
    /// The rule's position in the problem's rules.
    var rule: Int
    /// The ids involved, sorted.
    var ids: [Int]
    /// The finding's key.
    var key: String
    /// Its severity.
    var severity: RuleSeverity
}

/// A schedule being searched: the offsets, the context in start order, and each rule's
/// findings, kept up to date move by move (only the rules a moved item is matched by are
/// evaluated again).
struct PlanState: Sendable {
    let problem: PlanProblem
    /// Days moved, per id.
    private(set) var offsets: [Int]
    /// Index of the candidate each id is at (0: not moved).
    private(set) var choice: [Int]
    /// The context at the current dates.
    private(set) var context: RuleContext
    /// Id at each context position.
    private(set) var idAt: [Int]
    /// Context position of each id.
    private(set) var position: [Int]
    /// Each rule's findings.
    private(set) var hits: [[Hit]]
    /// Occupied (body, day) pairs with their counts.
    private var bodyDays: [String: [Int: Int]] = [:]
    /// The current score.
    private(set) var score: PlanScore
    /// Rule evaluations done (for the search budget).
    private(set) var evaluations = 0

    init(problem: PlanProblem) {
        self.problem = problem
        offsets = [Int](repeating: 0, count: problem.occurrences.count)
        choice = offsets
        context = problem.start
        idAt = problem.startOrder
        var position = [Int](repeating: 0, count: problem.occurrences.count)
        for (index, id) in problem.startOrder.enumerated() { position[id] = index }
        self.position = position
        hits = []
        score = PlanScore(errors: 0, warnings: 0, moved: 0, days: 0)
        for (id, occurrence) in problem.occurrences.enumerated() {
            if let body = problem.bodies[id] { bodyDays[body, default: [:]][occurrence.startDate.daysSinceEpoch, default: 0] += 1 }
        }
        hits = problem.rules.indices.map { evaluate(rule: $0) }
        rescore()
    }

    private mutating func rescore() {
        var errors = 0, warnings = 0
        for list in hits {
            for hit in list {
                if hit.severity == .error { errors += 1 } else if hit.severity == .warning { warnings += 1 }
            }
        }
        var moved = 0, days = 0
        for id in choice.indices where choice[id] != 0 {
            moved += 1
            days += problem.candidates[id][choice[id]].cost
        }
        score = PlanScore(errors: errors, warnings: warnings, moved: moved, days: days)
    }

    private mutating func evaluate(rule index: Int) -> [Hit] {
        evaluations += 1
        return problem.rules[index].evaluate(context).map { finding in
            Hit(rule: index, ids: finding.occurrences.map { idAt[$0] }.sorted(), key: finding.key, severity: finding.severity)
        }
    }

    /// A local rule's findings for one occurrence, judged alone.
    private mutating func evaluate(rule index: Int, only id: Int, moved: CycleOccurrence) -> [Hit] {
        evaluations += 1
        var single = problem.start
        single.occurrences = [moved]
        single.memberships = [:]
        for match in problem.rules[index].matches { single.memberships[match] = [problem.bits[match]?[id] ?? false] }
        return problem.rules[index].evaluate(single).map { finding in
            Hit(rule: index, ids: [id], key: finding.key, severity: finding.severity)
        }
    }

    /// Whether moving `id` to candidate `index` keeps it off the days of other items of its
    /// body (staying put is always allowed).
    func allows(_ id: Int, candidate index: Int) -> Bool {
        guard index != 0, let body = problem.bodies[id] else { return true }
        let day = problem.occurrences[id].startDate.daysSinceEpoch + problem.candidates[id][index].offset
        let taken = bodyDays[body]?[day] ?? 0
        let own = offsets[id] == problem.candidates[id][index].offset ? 1 : 0
        return taken - own == 0
    }

    /// Moves `id` to its candidate `index` and brings the findings up to date.
    ///
    /// - Complexity: O(*m*·*n*) to keep the context sorted, plus the affected rules.
    mutating func set(_ id: Int, candidate index: Int) {
        guard choice[id] != index else { return }
        let offset = problem.candidates[id][index].offset
        let base = problem.occurrences[id]
        if let body = problem.bodies[id] {
            bodyDays[body, default: [:]][base.startDate.daysSinceEpoch + offsets[id], default: 0] -= 1
            bodyDays[body, default: [:]][base.startDate.daysSinceEpoch + offset, default: 0] += 1
        }
        offsets[id] = offset
        choice[id] = index
        let moved = offset == 0 ? base : ConflictEngine.shift(base, days: offset, zone: context.zone)
        // Take it out and put it back in start order (ties by id).
        let from = position[id]
        context.occurrences.remove(at: from)
        idAt.remove(at: from)
        var low = 0, high = idAt.count
        while low < high {
            let middle = (low + high) / 2
            let other = context.occurrences[middle]
            if (other.startInstant, idAt[middle]) < (moved.startInstant, id) { low = middle + 1 } else { high = middle }
        }
        context.occurrences.insert(moved, at: low)
        idAt.insert(id, at: low)
        for (match, column) in context.memberships {
            var column = column
            let fits = column.remove(at: from)
            column.insert(fits, at: low)
            context.memberships[match] = column
        }
        for index in min(from, low)...max(from, low) { position[idAt[index]] = index }
        for rule in problem.affects[id] {
            if problem.local[rule] {
                // A rule that judges each occurrence on its own: only the moved one changes.
                var list = hits[rule].filter { !$0.ids.contains(id) }
                list.append(contentsOf: evaluate(rule: rule, only: id, moved: moved))
                list.sort { (position[$0.ids.first ?? 0], $0.key) < (position[$1.ids.first ?? 0], $1.key) }
                hits[rule] = list
            } else {
                hits[rule] = evaluate(rule: rule)
            }
        }
        rescore()
    }

    /// The findings that count (errors, then warnings), in rule order.
    var open: [Hit] {
        let all = hits.flatMap { $0 }.filter { $0.severity >= .warning }
        return all.filter { $0.severity == .error } + all.filter { $0.severity == .warning }
    }

    /// The movable ids that could resolve a finding: those involved, and for `precedes` the
    /// items of its `first` side.
    func resolvers(of hit: Hit) -> [Int] {
        var ids = hit.ids.filter { problem.movable[$0] }
        for extra in problem.extraResolvers[hit.rule] where !ids.contains(extra) { ids.append(extra) }
        return ids.sorted()
    }
}
