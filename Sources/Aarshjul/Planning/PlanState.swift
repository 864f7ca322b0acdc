import ICalendar

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

/// How the solver keeps a rule's findings up to date when one item moves, so a move costs in
/// proportion to the items it touches rather than to the whole cycle:
///
/// - `required` never changes (moving an item does not change what it is);
/// - `working-day` and `within` judge each item alone, by its date;
/// - `precedes` judges each `then` against the earliest `first` (and names its nearest
///   `first`), so a move of a `then` changes only its own finding, and a move of a `first`
///   changes every `then` only when the earliest `first` changes (else only the failing ones);
/// - `lead-time` judges each deadline against the next meeting, so a moved meeting changes
///   only the deadlines between the meeting before it and it, at its old and new dates;
/// - `no-overlap` pairs the moved item with the items near its new date;
/// - `crowding` sweeps again over its own items (not the whole cycle);
/// - info-level rules do not count in the score and are not followed at all.
enum RuleTracking: Sendable {
    case ignored
    case constant
    case workingDay(match: Match, closed: [String])
    case within(match: Match, from: LocalDate, to: LocalDate)
    case precedes(PrecedesRule)
    case leadTime(LeadTimeRule)
    case noOverlap(NoOverlapRule)
    case crowding(CrowdingRule)
    /// A rule of another kind: evaluated again over the whole cycle.
    case full

    /// The tracking for a rule; info-level rules are `ignored` unless `trackInfo`.
    init(_ rule: any ConflictRule, year: CycleYear, trackInfo: Bool = false) {
        let skip = !trackInfo
        switch rule {
        case let rule as WorkingDayRule:
            self = skip && rule.severity == .info ? .ignored : .workingDay(match: rule.match, closed: rule.closed)
        case let rule as WithinRule:
            let from = rule.after.map { WithinRule.date($0, in: year) } ?? year.firstDay
            let to = rule.before.map { WithinRule.date($0, after: from) } ?? year.endDay
            self = skip && rule.severity == .info ? .ignored : .within(match: rule.match, from: from, to: to)
        case let rule as RequiredRule:
            self = skip && rule.severity == .info ? .ignored : .constant
        case let rule as PrecedesRule:
            self = skip && rule.severity == .info ? .ignored : .precedes(rule)
        case let rule as LeadTimeRule:
            self = skip && rule.severity == .info ? .ignored : .leadTime(rule)
        case let rule as NoOverlapRule:
            self = skip && rule.severity == .info ? .ignored : .noOverlap(rule)
        case let rule as CrowdingRule:
            self = skip && rule.severity == .info ? .ignored : .crowding(rule)
        default:
            self = .full
        }
    }
}

/// A schedule being searched: the offsets, each item at its current date, and the findings
/// that count (warning and error level), kept up to date move by move: each rule keeps its own
/// items sorted by start, and a move evaluates again only the findings it can change (see
/// ``RuleTracking``). ``fullHits()`` evaluates every rule over the whole cycle instead; the
/// two agree (a property test checks it).
struct PlanState: Sendable {
    let problem: PlanProblem
    /// Days moved, per id.
    private(set) var offsets: [Int]
    /// Index of the candidate each id is at (0: not moved).
    private(set) var choice: [Int]
    /// Each id's occurrence at its current date.
    private(set) var current: [CycleOccurrence]
    /// Each id's current start instant.
    private var starts: [Int]
    /// For each rule, its sides' ids sorted by (start, id): precedes (firsts in the year,
    /// thens in the year), lead-time (deadlines, meetings), no-overlap and crowding (matched).
    private var lists: [[[Int]]]
    /// For each rule, its findings by anchor: the item judged (working-day, within, the `then`
    /// of precedes, the deadline of lead-time), the pair's code (no-overlap), the cluster's
    /// number (crowding), or the finding's number (required, other rules).
    private var found: [[Int: Hit]]
    /// For no-overlap rules: each id's partners in its findings.
    private var partners: [[Int: Set<Int>]]
    /// For no-overlap rules: how far (in seconds) apart two starts can be and still clash.
    private var reach: [Int]
    /// Occupied (body, day) pairs with their counts.
    private var bodyDays: [String: [Int: Int]] = [:]
    /// The current score.
    private(set) var score: PlanScore
    /// Rule evaluations over the whole cycle done (only rules of kinds not tracked).
    private(set) var evaluations = 0

    init(problem: PlanProblem) {
        self.problem = problem
        let count = problem.occurrences.count
        offsets = [Int](repeating: 0, count: count)
        choice = offsets
        current = problem.occurrences
        starts = problem.occurrences.map(\.startInstant)
        lists = Array(repeating: [], count: problem.rules.count)
        found = Array(repeating: [:], count: problem.rules.count)
        partners = Array(repeating: [:], count: problem.rules.count)
        reach = Array(repeating: 0, count: problem.rules.count)
        score = PlanScore(errors: 0, warnings: 0, moved: 0, days: 0)
        for (id, occurrence) in problem.occurrences.enumerated() {
            if let body = problem.bodies[id] { bodyDays[body, default: [:]][occurrence.startDate.daysSinceEpoch, default: 0] += 1 }
        }
        let order = problem.startOrder
        for rule in problem.rules.indices {
            switch problem.tracking[rule] {
            case .ignored:
                break
            case .constant, .full:
                replaceAll(rule, with: evaluate(rule: rule))
            case .workingDay(let match, _), .within(let match, _, _):
                for id in order where fits(match, id) { judge(rule, id) }
            case .precedes(let precedes):
                lists[rule] = [order.filter { fits(precedes.first, $0) && inYear($0) }, order.filter { fits(precedes.then, $0) && inYear($0) }]
                for t in lists[rule][1] { judgePrecedes(rule, precedes, t) }
            case .leadTime(let lead):
                lists[rule] = [order.filter { fits(lead.deadline, $0) }, order.filter { fits(lead.meeting, $0) }]
                for d in lists[rule][0] { judgeLeadTime(rule, lead, d) }
            case .noOverlap(let noOverlap):
                lists[rule] = [order.filter { fits(noOverlap.match, $0) }]
                var widest = 0
                for id in lists[rule][0] {
                    let span = interval(noOverlap, id)
                    widest = max(widest, noOverlap.sameDay ? (span.1 - span.0) * 86_400 : span.1 - span.0)
                }
                // Two days' margin: a moved item keeps its local times, so its length in
                // seconds can change by an hour at a DST change, and days and instants differ.
                reach[rule] = widest + 2 * 86_400
                for id in lists[rule][0] { pairUp(rule, noOverlap, id) }
            case .crowding(let crowding):
                lists[rule] = [order.filter { fits(crowding.match, $0) }]
                sweep(rule, crowding)
            }
        }
    }

    // MARK: Moves

    /// Moves `id` to its candidate `index` and brings the findings up to date.
    ///
    /// - Complexity: for each rule that matches the item, O(*k*) array moves in the rule's
    ///   own sorted lists of *k* items plus the findings it can change (see ``RuleTracking``);
    ///   a crowding rule sweeps its *k* items again.
    mutating func set(_ id: Int, candidate index: Int) {
        guard choice[id] != index else { return }
        let offset = problem.candidates[id][index].offset
        let base = problem.occurrences[id]
        if let body = problem.bodies[id] {
            bodyDays[body, default: [:]][base.startDate.daysSinceEpoch + offsets[id], default: 0] -= 1
            bodyDays[body, default: [:]][base.startDate.daysSinceEpoch + offset, default: 0] += 1
        }
        if choice[id] != 0 {
            score.moved -= 1
            score.days -= problem.candidates[id][choice[id]].cost
        }
        if index != 0 {
            score.moved += 1
            score.days += problem.candidates[id][index].cost
        }
        offsets[id] = offset
        choice[id] = index
        let moved = offset == 0 ? base : ConflictEngine.shift(base, days: offset, zone: problem.start.zone)
        let rules = problem.affects[id]
        // Before the move: take the item out of each rule's lists, and note what depends on
        // where it was.
        var earliest: [Int: Int?] = [:]
        var touched: [Int: Set<Int>] = [:]
        for rule in rules {
            switch problem.tracking[rule] {
            case .precedes:
                earliest[rule] = lists[rule][0].first
                remove(id, fromList: 0, of: rule)
                remove(id, fromList: 1, of: rule)
            case .leadTime(let lead):
                if fits(lead.meeting, id) { touched[rule, default: []].formUnion(deadlinesFed(rule, by: id)) }
                remove(id, fromList: 0, of: rule)
                remove(id, fromList: 1, of: rule)
            case .noOverlap:
                for other in partners[rule][id] ?? [] {
                    drop(rule, anchor: pairCode(id, other))
                    partners[rule][other]?.remove(id)
                }
                partners[rule][id] = nil
                remove(id, fromList: 0, of: rule)
            case .crowding:
                remove(id, fromList: 0, of: rule)
            default:
                break
            }
        }
        current[id] = moved
        starts[id] = moved.startInstant
        // After: put it back and judge what can have changed.
        for rule in rules {
            switch problem.tracking[rule] {
            case .ignored, .constant:
                break
            case .full:
                replaceAll(rule, with: evaluate(rule: rule))
            case .workingDay, .within:
                judge(rule, id)
            case .precedes(let precedes):
                if fits(precedes.first, id) && inYear(id) { insert(id, intoList: 0, of: rule) }
                if fits(precedes.then, id) && inYear(id) { insert(id, intoList: 1, of: rule) }
                let before = earliest[rule] ?? nil
                let after = lists[rule][0].first
                if fits(precedes.first, id) && (before != after || before == id || after == id) {
                    // The earliest first moved: every then is judged again.
                    for anchor in Array(found[rule].keys) { drop(rule, anchor: anchor) }
                    for t in lists[rule][1] { judgePrecedes(rule, precedes, t) }
                } else if fits(precedes.first, id) {
                    // The failing thens stay the failing ones; their nearest first may change.
                    var again = Set(found[rule].keys)
                    again.insert(id)
                    for t in again { judgePrecedes(rule, precedes, t) }
                } else {
                    judgePrecedes(rule, precedes, id)
                }
            case .leadTime(let lead):
                if fits(lead.deadline, id) { insert(id, intoList: 0, of: rule) }
                if fits(lead.meeting, id) {
                    insert(id, intoList: 1, of: rule)
                    touched[rule, default: []].formUnion(deadlinesFed(rule, by: id))
                }
                var again = touched[rule] ?? []
                if fits(lead.deadline, id) { again.insert(id) }
                for d in again { judgeLeadTime(rule, lead, d) }
            case .noOverlap(let noOverlap):
                insert(id, intoList: 0, of: rule)
                pairUp(rule, noOverlap, id)
            case .crowding(let crowding):
                insert(id, intoList: 0, of: rule)
                sweep(rule, crowding)
            }
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

    // MARK: Findings

    /// Each rule's findings that count (warning and error level), in the order a full
    /// evaluation gives them.
    var hits: [[Hit]] {
        problem.rules.indices.map { rule -> [Hit] in
            let entries = found[rule]
            switch problem.tracking[rule] {
            case .ignored:
                return []
            case .constant, .full, .crowding:
                return entries.keys.sorted().compactMap { entries[$0] }
            case .workingDay, .within, .precedes, .leadTime:
                return entries.keys.sorted { (starts[$0], $0) < (starts[$1], $1) }.compactMap { entries[$0] }
            case .noOverlap(let noOverlap):
                let count = problem.occurrences.count
                func rank(_ id: Int) -> (Int, Int, Int) { (interval(noOverlap, id).0, starts[id], id) }
                func key(_ code: Int) -> (Int, Int, Int, Int, Int, Int) {
                    let (a, b) = (code / count, code % count)
                    let (early, late) = rank(a) < rank(b) ? (rank(a), rank(b)) : (rank(b), rank(a))
                    return (late.0, late.1, late.2, early.0, early.1, early.2)
                }
                return entries.keys.sorted { key($0) < key($1) }.compactMap { entries[$0] }
            }
        }
    }

    /// One rule's findings that count, in no particular order.
    func findings(of rule: Int) -> Dictionary<Int, Hit>.Values { found[rule].values }

    /// The findings that count (errors, then warnings), in rule order.
    var open: [Hit] {
        let all = hits.flatMap { $0 }
        return all.filter { $0.severity == .error } + all.filter { $0.severity == .warning }
    }

    /// The movable ids that could resolve a finding: those involved, and for `precedes` the
    /// items of its `first` side.
    func resolvers(of hit: Hit) -> [Int] {
        var ids = hit.ids.filter { problem.movable[$0] }
        for extra in problem.extraResolvers[hit.rule] where !ids.contains(extra) { ids.append(extra) }
        return ids.sorted()
    }

    /// The context at the current dates: the occurrences in start order (ties by id), with
    /// their memberships.
    var context: RuleContext {
        let order = current.indices.sorted { (starts[$0], $0) < (starts[$1], $1) }
        var context = problem.start
        context.occurrences = order.map { current[$0] }
        for (match, column) in problem.bits { context.memberships[match] = order.map { column[$0] } }
        return context
    }

    /// Every rule evaluated over the whole cycle at the current dates, as ``hits`` gives them
    /// (warning and error level only): what the tracked findings must equal.
    func fullHits() -> [[Hit]] {
        let context = self.context
        let order = current.indices.sorted { (starts[$0], $0) < (starts[$1], $1) }
        return problem.rules.indices.map { rule in
            problem.rules[rule].evaluate(context).filter { $0.severity >= .warning }.map { finding in
                Hit(rule: rule, ids: finding.occurrences.map { order[$0] }.sorted(), key: finding.key, severity: finding.severity)
            }
        }
    }

    // MARK: Tracking, rule by rule

    private func fits(_ match: Match, _ id: Int) -> Bool { problem.bits[match]?[id] ?? false }

    private func inYear(_ id: Int) -> Bool { problem.start.year.contains(current[id].startDate) }

    /// A rule's findings over the whole cycle (rules of kinds not tracked).
    private mutating func evaluate(rule index: Int) -> [Hit] {
        evaluations += 1
        return fullHits(rule: index)
    }

    private func fullHits(rule index: Int) -> [Hit] {
        let context = self.context
        let order = current.indices.sorted { (starts[$0], $0) < (starts[$1], $1) }
        return problem.rules[index].evaluate(context).filter { $0.severity >= .warning }.map { finding in
            Hit(rule: index, ids: finding.occurrences.map { order[$0] }.sorted(), key: finding.key, severity: finding.severity)
        }
    }

    private mutating func replaceAll(_ rule: Int, with hits: [Hit]) {
        for anchor in Array(found[rule].keys) { drop(rule, anchor: anchor) }
        for (number, hit) in hits.enumerated() { put(hit, rule: rule, anchor: number) }
    }

    private mutating func put(_ hit: Hit, rule: Int, anchor: Int) {
        drop(rule, anchor: anchor)
        found[rule][anchor] = hit
        if hit.severity == .error { score.errors += 1 } else if hit.severity == .warning { score.warnings += 1 }
    }

    private mutating func drop(_ rule: Int, anchor: Int) {
        guard let hit = found[rule].removeValue(forKey: anchor) else { return }
        if hit.severity == .error { score.errors -= 1 } else if hit.severity == .warning { score.warnings -= 1 }
    }

    private func severity(_ rule: Int) -> RuleSeverity {
        switch problem.rules[rule] {
        case let rule as WorkingDayRule: return rule.severity
        case let rule as WithinRule: return rule.severity
        case let rule as PrecedesRule: return rule.severity
        case let rule as LeadTimeRule: return rule.severity
        case let rule as NoOverlapRule: return rule.severity
        case let rule as CrowdingRule: return rule.severity
        case let rule as RequiredRule: return rule.severity
        default: return .warning
        }
    }

    /// Working-day and within rules: the item alone, by its date.
    private mutating func judge(_ rule: Int, _ id: Int) {
        drop(rule, anchor: id)
        let date = current[id].startDate
        let calendar = problem.start.calendar
        let broken: Bool
        switch problem.tracking[rule] {
        case .workingDay(let match, let closed):
            guard fits(match, id) else { return }
            broken = calendar.holiday(on: date) != nil || calendar.closedPeriod(on: date, among: closed) != nil || calendar.isWeekend(date)
        case .within(let match, let from, let to):
            guard fits(match, id) else { return }
            broken = !(date >= from && date < to)
        default:
            return
        }
        if broken { put(Hit(rule: rule, ids: [id], key: "", severity: severity(rule)), rule: rule, anchor: id) }
    }

    /// Precedes: one `then` against the earliest `first`, named by its nearest `first`.
    private mutating func judgePrecedes(_ rule: Int, _ precedes: PrecedesRule, _ t: Int) {
        drop(rule, anchor: t)
        let firsts = lists[rule][0]
        guard binarySearch(lists[rule][1], for: t) != nil else { return }
        if let e = firsts.first, e != t, starts[e] < starts[t], gapSatisfied(from: current[e], to: current[t], min: precedes.minGap) {
            return
        }
        let position = firstAtOrAfter(firsts, instant: starts[t])
        let before: Int? = position > 0 ? firsts[position - 1] : nil
        let after: Int? = position < firsts.count ? firsts[position] : nil
        let hit: Hit
        if let f = before, f != t {
            hit = Hit(rule: rule, ids: [f, t].sorted(), key: "", severity: precedes.severity)
        } else if let f = after ?? (before == t ? nil : before), f != t {
            hit = Hit(rule: rule, ids: [f, t].sorted(), key: "", severity: precedes.severity)
        } else {
            hit = Hit(rule: rule, ids: [t], key: "missing", severity: precedes.severity)
        }
        put(hit, rule: rule, anchor: t)
    }

    /// Lead-time: one deadline against the next meeting at or after it.
    private mutating func judgeLeadTime(_ rule: Int, _ lead: LeadTimeRule, _ d: Int) {
        drop(rule, anchor: d)
        guard fits(lead.deadline, d) else { return }
        let meetings = lists[rule][1]
        var position = firstAtOrAfter(meetings, instant: starts[d])
        while position < meetings.count && meetings[position] == d { position += 1 }
        guard position < meetings.count else { return }
        let m = meetings[position]
        let from = current[d], to = current[m]
        let enough = lead.workingDays
            ? problem.start.calendar.workingDays(after: from.startDate, through: to.startDate, closed: lead.closed) >= lead.min.nominalDays
            : gapSatisfied(from: from, to: to, min: lead.min)
        if !enough { put(Hit(rule: rule, ids: [d, m].sorted(), key: "", severity: lead.severity), rule: rule, anchor: d) }
    }

    /// Lead-time: the deadlines whose next meeting can be `meeting` where it is now: those
    /// from the last meeting that starts before it up to it.
    private func deadlinesFed(_ rule: Int, by meeting: Int) -> [Int] {
        let meetings = lists[rule][1], deadlines = lists[rule][0]
        let position = firstAtOrAfter(meetings, instant: starts[meeting])
        let low = position > 0 ? starts[meetings[position - 1]] : Int.min
        var ids: [Int] = []
        var index = firstAtOrAfter(deadlines, instant: low)
        while index < deadlines.count && starts[deadlines[index]] <= starts[meeting] {
            ids.append(deadlines[index])
            index += 1
        }
        return ids
    }

    /// No-overlap: the interval the rule compares (days, or instants).
    private func interval(_ rule: NoOverlapRule, _ id: Int) -> (Int, Int) {
        let occurrence = current[id]
        if rule.sameDay { return (occurrence.startDate.daysSinceEpoch, occurrence.lastDate.daysSinceEpoch + 1) }
        return (occurrence.startInstant, max(occurrence.endInstant, occurrence.startInstant + 1))
    }

    private func pairCode(_ a: Int, _ b: Int) -> Int {
        min(a, b) * problem.occurrences.count + max(a, b)
    }

    /// No-overlap: the findings of `id` with the items whose starts are near its own. Of two
    /// items, the one first by (interval start, start, id) clashes with the other when its
    /// interval ends after the other's begins (as the rule's sweep decides).
    private mutating func pairUp(_ rule: Int, _ noOverlap: NoOverlapRule, _ id: Int) {
        let list = lists[rule][0]
        guard binarySearch(list, for: id) != nil else { return }
        let mine = interval(noOverlap, id)
        let low = starts[id] - reach[rule]
        let high = max(starts[id], current[id].endInstant) + reach[rule]
        var index = firstAtOrAfter(list, instant: low)
        while index < list.count && starts[list[index]] <= high {
            let other = list[index]
            index += 1
            guard other != id else { continue }
            let theirs = interval(noOverlap, other)
            let otherFirst = (theirs.0, starts[other], other) < (mine.0, starts[id], id)
            let clash = otherFirst ? theirs.1 > mine.0 : mine.1 > theirs.0
            guard clash else { continue }
            let (a, b) = otherFirst ? (other, id) : (id, other)
            guard noOverlap.qualifies(current[a], current[b]) else { continue }
            let code = pairCode(id, other)
            if found[rule][code] == nil {
                put(Hit(rule: rule, ids: [id, other].sorted(), key: "", severity: noOverlap.severity), rule: rule, anchor: code)
            }
            partners[rule][id, default: []].insert(other)
            partners[rule][other, default: []].insert(id)
        }
    }

    /// Crowding: the rule's sweep over its own items, clusters numbered in order.
    private mutating func sweep(_ rule: Int, _ crowding: CrowdingRule) {
        for anchor in Array(found[rule].keys) { drop(rule, anchor: anchor) }
        let sorted = lists[rule][0]
        let byDays = crowding.per.exactSeconds == 0
        let length = byDays ? crowding.per.nominalDays : crowding.per.totalSeconds
        func position(_ id: Int) -> Int { byDays ? current[id].startDate.daysSinceEpoch : starts[id] }
        var clusters: [ClosedRange<Int>] = []
        var low = 0
        for high in sorted.indices {
            while position(sorted[high]) - position(sorted[low]) >= length { low += 1 }
            if high - low + 1 > crowding.max {
                if let last = clusters.last, last.upperBound >= low {
                    clusters[clusters.count - 1] = last.lowerBound...high
                } else {
                    clusters.append(low...high)
                }
            }
        }
        for (number, range) in clusters.enumerated() {
            put(Hit(rule: rule, ids: sorted[range].sorted(), key: "", severity: crowding.severity), rule: rule, anchor: number)
        }
    }

    // MARK: Sorted lists

    /// The first position in `list` whose item starts at or after `instant`.
    private func firstAtOrAfter(_ list: [Int], instant: Int) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if starts[list[middle]] < instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The position of `id` in `list` (sorted by start, then id), if it is there.
    private func binarySearch(_ list: [Int], for id: Int) -> Int? {
        let key = (starts[id], id)
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if (starts[list[middle]], list[middle]) < key { low = middle + 1 } else { high = middle }
        }
        return low < list.count && list[low] == id ? low : nil
    }

    private mutating func remove(_ id: Int, fromList side: Int, of rule: Int) {
        guard side < lists[rule].count, let position = binarySearch(lists[rule][side], for: id) else { return }
        lists[rule][side].remove(at: position)
    }

    private mutating func insert(_ id: Int, intoList side: Int, of rule: Int) {
        let key = (starts[id], id)
        let list = lists[rule][side]
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if (starts[list[middle]], list[middle]) < key { low = middle + 1 } else { high = middle }
        }
        lists[rule][side].insert(id, at: low)
    }
}
