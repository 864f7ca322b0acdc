/// Finds the schedule with the best ``PlanScore`` for a ``PlanProblem``.
///
/// Two searches, both conflict-directed (a move is only ever tried to clear a finding that
/// the item to move is involved in):
///
/// - **Exact** (branch and bound), part by part (see ``exactByParts(_:)``), when no part has
///   more than ``exactLimit`` movable items: take the first open finding (errors before warnings, in rule
///   order); branch on each movable item that can clear it and each of its candidate dates
///   that changes the open findings (clearing this one, or another so that a second move can
///   clear this one), and on leaving the finding open; items decided on a branch stay
///   decided below it. A branch is cut when its bound (findings that can no longer change
///   or were left open on it, items moved and days moved so far) is no better than the best schedule found. If the
///   search finishes within ``nodeBudget`` nodes, its result is optimal over these moves,
///   unless tightening it (as local search ends) finds it cheaper: then the tightened
///   schedule is returned and not called optimal.
/// - **Local search** with restarts otherwise (or when the exact search runs out of budget):
///   repeatedly take the first open finding and make the best single move among its items'
///   candidate dates, if it improves the score, else set the finding aside; then try to move
///   each moved item back or nearer. Restarts shuffle the order findings and items are taken
///   in with a seeded generator, so runs are repeatable; the best schedule of all restarts wins
///   (above 500 occurrences two restarts, above 2,000 one, with 12 dates per item and step).
struct PlanSolver: Sendable {
    /// The most movable items involved at the start for which the exact search is tried.
    var exactLimit = 16
    /// The most search nodes the exact search may visit.
    var nodeBudget = 3_000
    /// Local-search restarts.
    var restarts = 8
    /// The seed of the restarts' shuffles.
    var seed: UInt64 = 2028
    /// The most candidate dates tried per item in one local-search step.
    var candidatesPerStep = 40

    /// Which search produced a result.
    enum Method: String, Sendable {
        case exact
        case localSearch = "local-search"
    }

    struct Result: Sendable {
        var choice: [Int]
        var score: PlanScore
        var method: Method
        var optimal: Bool
    }

    func solve(_ problem: PlanProblem) -> Result {
        let start = PlanState(problem: problem)
        if start.open.isEmpty { return Result(choice: start.choice, score: start.score, method: .exact, optimal: true) }
        if var exact = exactByParts(start) {
            // Items decided on a branch stay decided, so moving one back nearer after another
            // move can still save days: the schedule is tightened, and called optimal only
            // when that finds nothing cheaper (seed 5 of the planner benchmark did).
            let found = exact.score
            tighten(&exact)
            return Result(choice: exact.choice, score: exact.score, method: .exact, optimal: !(exact.score < found))
        }
        let local = localSearch(start)
        return Result(choice: local.choice, score: local.score, method: .localSearch, optimal: false)
    }

    /// The exact search, part by part: open findings are grouped into parts that cannot touch
    /// each other (no shared item, and no item of one matched by a relational rule another is
    /// a finding of), each part is searched on its own with the rest held still, and the
    /// parts' schedules are put together. `nil` when a part is too large or runs out of budget,
    /// or when the parts, put together, score worse than the sum of their gains (they touched
    /// after all).
    func exactByParts(_ start: PlanState) -> PlanState? {
        let parts = Self.parts(of: start)
        guard parts.allSatisfy({ $0.count <= exactLimit }) else { return nil }
        var combined = start
        var expected = start.score
        for part in parts {
            guard let best = exactSearch(start, within: part) else { return nil }
            expected.errors += best.score.errors - start.score.errors
            expected.warnings += best.score.warnings - start.score.warnings
            expected.moved += best.score.moved
            expected.days += best.score.days
            for id in part where best.choice[id] != 0 { combined.set(id, candidate: best.choice[id]) }
        }
        return combined.score == expected ? combined : nil
    }

    /// The movable items of the open findings, grouped into parts that cannot affect each other.
    static func parts(of state: PlanState) -> [[Int]] {
        let hits = state.open.filter { !state.resolvers(of: $0).isEmpty }
        let resolvers = hits.map { state.resolvers(of: $0) }
        var parent = Array(hits.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        func relational(_ hit: Hit) -> Bool {
            let rule = state.problem.rules[hit.rule]
            return !(rule is WorkingDayRule || rule is WithinRule || rule is RequiredRule)
        }
        for i in hits.indices {
            for j in hits.indices where j > i {
                let shared = !Set(resolvers[i]).isDisjoint(with: resolvers[j])
                let touches = (relational(hits[j]) && resolvers[i].contains { state.problem.affects[$0].contains(hits[j].rule) })
                    || (relational(hits[i]) && resolvers[j].contains { state.problem.affects[$0].contains(hits[i].rule) })
                if shared || touches { parent[root(i)] = root(j) }
            }
        }
        var groups: [Int: Set<Int>] = [:]
        for i in hits.indices { groups[root(i), default: []].formUnion(resolvers[i]) }
        return groups.values.map { $0.sorted() }.sorted { ($0.first ?? 0) < ($1.first ?? 0) }
    }

    // MARK: Exact

    /// Branch and bound over the items of `part` (the others stay put); `nil` when the budget
    /// ran out.
    func exactSearch(_ start: PlanState, within part: [Int]) -> PlanState? {
        var best = start
        var nodes = 0
        var state = start
        var decided = [Bool](repeating: true, count: start.problem.occurrences.count)
        for id in part { decided[id] = false }
        var ignored: Set<Hit> = []
        var exhausted = false

        func bound(_ state: PlanState) -> PlanScore {
            // Findings whose resolvers are all decided (or none) can no longer be cleared, and
            // findings left open on this branch count as open.
            var errors = 0, warnings = 0
            for hit in state.open where ignored.contains(hit) || state.resolvers(of: hit).allSatisfy({ decided[$0] }) {
                if hit.severity == .error { errors += 1 } else { warnings += 1 }
            }
            return PlanScore(errors: errors, warnings: warnings, moved: state.score.moved, days: state.score.days)
        }

        func search() {
            if exhausted { return }
            nodes += 1
            if nodes > nodeBudget { exhausted = true; return }
            if state.score < best.score { best = state }
            guard bound(state) < best.score else { return }
            guard let hit = state.open.first(where: { !ignored.contains($0) && state.resolvers(of: $0).contains { !decided[$0] } }) else { return }
            let resolvers = state.resolvers(of: hit).filter { !decided[$0] }
            for id in resolvers {
                decided[id] = true
                // Staying put is the cheapest way to leave the findings as they are.
                var outcomes: Set<Set<Hit>> = [Set(state.open)]
                for index in state.problem.candidates[id].indices.dropFirst() where state.allows(id, candidate: index) {
                    state.set(id, candidate: index)
                    // A dearer date that leaves the same findings as a cheaper one is dominated.
                    if outcomes.insert(Set(state.open)).inserted { search() }
                    state.set(id, candidate: 0)
                    if exhausted { break }
                }
                if exhausted { break }
            }
            if !exhausted {
                ignored.insert(hit)
                search()
                ignored.remove(hit)
            }
            for id in resolvers { decided[id] = false }
        }
        // The items of other parts count as decided, so their findings are constant here.
        search()
        return exhausted ? nil : best
    }

    // MARK: Local search

    func localSearch(_ start: PlanState) -> PlanState {
        var best = start
        var generator = SplitMix(seed: seed)
        // Large instances: fewer restarts and fewer dates per step, so a run stays in minutes.
        let size = start.problem.occurrences.count
        let rounds = size > 2_000 ? 1 : size > 500 ? min(restarts, 2) : restarts
        let perStep = size > 2_000 ? min(candidatesPerStep, 12) : candidatesPerStep
        for restart in 0..<max(1, rounds) {
            var state = start
            var setAside: Set<Hit> = []
            var steps = 0
            let limit = 20 * max(1, start.open.count) + 100
            while steps < limit {
                steps += 1
                var open = state.open.filter { !setAside.contains($0) }
                if restart > 0 { open.shuffle(using: &generator) }
                guard let hit = open.first(where: { !state.resolvers(of: $0).isEmpty }) else { break }
                var resolvers = state.resolvers(of: hit)
                if restart > 0 { resolvers.shuffle(using: &generator) }
                var bestMove: (id: Int, index: Int, score: PlanScore)?
                for id in resolvers {
                    let current = state.choice[id]
                    var tried = 0
                    for index in state.problem.candidates[id].indices where index != current && state.allows(id, candidate: index) {
                        tried += 1
                        if tried > perStep { break }
                        state.set(id, candidate: index)
                        if bestMove == nil || state.score < bestMove?.score ?? state.score { bestMove = (id, index, state.score) }
                        state.set(id, candidate: current)
                    }
                }
                if let move = bestMove, move.score < state.score {
                    state.set(move.id, candidate: move.index)
                } else {
                    setAside.insert(hit)
                }
            }
            tighten(&state)
            if state.score < best.score { best = state }
        }
        return best
    }

    /// Moves each moved item back, or to a cheaper candidate, where that does not worsen the
    /// score.
    func tighten(_ state: inout PlanState) {
        var improved = true
        while improved {
            improved = false
            for id in state.choice.indices where state.choice[id] != 0 {
                let current = state.choice[id]
                let before = state.score
                for index in state.problem.candidates[id].indices where index < current && state.allows(id, candidate: index) {
                    state.set(id, candidate: index)
                    if state.score < before { improved = true; break }
                    state.set(id, candidate: current)
                }
            }
        }
    }
}

/// A small, fast, seeded generator (SplitMix64), so local search is repeatable.
struct SplitMix: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
