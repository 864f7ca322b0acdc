import ICalendar

/// Plans a cycle year: next year's dates from this year's patterns (``plan(year:from:sources:language:)``),
/// or the fewest, smallest moves that clear this year's errors (``resolve(year:sources:language:)``).
///
/// No I/O: the sources are given as read, and the drafts come back as values.
///
/// ```swift
/// let planner = Planner(configuration: configuration)
/// let plan = try planner.plan(year: 2028, from: 2027, sources: try CycleBuilder(configuration: configuration).loadSources(), language: .nb)
/// for item in plan.items where item.moved { print(item.summary, item.patternDate, "→", item.planned) }
/// ```
///
/// The steps, in order: build the cycle(s); infer each item's pattern and pattern date
/// (plan) or take its date (resolve); run the solver (`PlanSolver`); name the rules behind each move;
/// write the drafts; build the cycle again from the sources with the drafts merged in and run
/// the conflict engine on it (what it finds is ``Plan/unsatisfied``); and, when errors are left,
/// look for the smallest set of rules that cannot hold together.
public struct Planner: Sendable {
    /// The configuration.
    public var configuration: AarshjulConfiguration
    /// The seed of the local search's restarts.
    public var seed: UInt64 = 2028
    /// Which search to run (the benchmark compares the two on the same instance).
    public var search: Search = .automatic

    /// Which search ``Planner`` runs.
    public enum Search: Sendable {
        /// Exact search when every part of the instance is small, local search otherwise.
        case automatic
        /// Exact search with no limit on a part's size and a large node budget (local search
        /// only if even that runs out); for measuring the optimum.
        case exact
        /// Local search only.
        case localSearch
    }

    /// Creates a planner.
    public init(configuration: AarshjulConfiguration) {
        self.configuration = configuration
    }

    /// One item being planned: where it comes from and where it starts.
    struct Seed {
        var original: CycleOccurrence
        var start: CycleOccurrence
        var pattern: AnnualPattern?
        var anchorName: String
        var anchorUID: String
        var movable: Bool
    }

    // MARK: Plan

    /// Plans `year` from the items of `from` (usually the year before).
    ///
    /// - Throws: ``PlanError`` for a year with no items, or an item tied to itself by a rule.
    /// - Complexity: dominated by the search; see the Planning article.
    public func plan(year: Int, from: Int, sources: [SourceCalendar], language: Language) throws(PlanError) -> Plan {
        let words = language.messages.plan
        let builder = CycleBuilder(configuration: configuration)
        let fromYear = CycleYear(year: from, start: configuration.cycle.start)
        let toYear = CycleYear(year: year, start: configuration.cycle.start)
        guard year > from else {
            throw PlanError(words.fromNotBefore("\(from)", "\(year)"))
        }
        let past = builder.build(year: fromYear, sources: sources)
        let existing = builder.build(year: toYear, sources: sources)
        let engine = ConflictEngine(configuration: configuration)
        let labels = Labels(language)
        let calendar = engine.calendar
        // Items already in the planned year (series that continue, items already dated) stay.
        let continuing = Set(existing.occurrences.map(\.uid))
        let items = past.occurrences.filter { !$0.isCancelled && fromYear.contains($0.startDate) && !continuing.contains($0.uid) }
        guard !items.isEmpty else {
            throw PlanError(words.nothingToPlanFrom(fromYear.description, toYear.description))
        }
        let rules = engine.rules
        let pastContext = engine.context(for: past, language: language, rules: rules)
        try checkSelfTies(items: items, context: pastContext, rules: rules, language: language)
        let anchors = anchorsOf(items: items, context: pastContext, rules: rules)

        // Patterns, anchors first (an anchored item needs its anchor's date).
        var seeds: [Seed?] = Array(repeating: nil, count: items.count)
        var notes: [String] = []
        var visiting = Set<Int>()
        func place(_ index: Int) throws(PlanError) {
            if seeds[index] != nil { return }
            guard visiting.insert(index).inserted else {
                let names = visiting.sorted().map { "«\(items[$0].summary)»" }.joined(separator: ", ")
                throw PlanError(words.tiedInCircle(names, anchors[index]?.rule ?? ""))
            }
            let item = items[index]
            let shift = year - from
            var pattern: AnnualPattern
            var date: LocalDate
            var anchorName = "", anchorUID = ""
            let tie = anchors[index].map { ($0, Self.workingDaysBetween(item.startDate, items[$0.index].startDate, calendar: calendar)) }
            if let (anchor, days) = tie, !item.tags.fixed, abs(days) <= Self.maxTie {
                try place(anchor.index)
                let anchorDate = seeds[anchor.index]?.start.startDate ?? item.startDate
                pattern = .workingDaysFrom(anchor: anchor.index, days: -days, rule: anchor.rule)
                date = pattern.date(anchoredAt: anchorDate, calendar: calendar)
                anchorName = items[anchor.index].summary
                anchorUID = Self.planUID(for: items[anchor.index], year: year)
            } else {
                let best = AnnualPattern.best(for: item.startDate, allDay: item.isAllDay, in: item.startDate.year + shift)
                pattern = best.pattern
                date = best.date
                for missing in best.missing {
                    notes.append(words.patternMissing(item.summary, missing.words(labels), date.year, pattern.words(labels), labels.date(date)))
                }
            }
            if !toYear.contains(date) {
                // A pattern that lands outside the planned cycle year: the same day of the month instead.
                let fallback = AnnualPattern.dayOfMonth(day: item.startDate.day, month: item.startDate.month)
                if case .found(let day) = fallback.date(in: item.startDate.year + shift), toYear.contains(day) {
                    notes.append(words.patternOutside(item.summary, pattern.words(labels, anchorName: anchorName), toYear.description, fallback.words(labels)))
                    pattern = fallback
                    date = day
                    anchorName = ""
                    anchorUID = ""
                }
            }
            let start = ConflictEngine.shift(item, days: date.daysSinceEpoch - item.startDate.daysSinceEpoch, zone: pastContext.zone)
            seeds[index] = Seed(original: item, start: start, pattern: pattern, anchorName: anchorName, anchorUID: anchorUID,
                                movable: !item.tags.fixed)
            visiting.remove(index)
        }
        for index in items.indices { try place(index) }
        let placed = seeds.compactMap { $0 }
        let context = existing.occurrences.filter { !$0.isCancelled }
        return finish(mode: .plan, year: toYear, from: fromYear, seeds: placed, context: context, sources: sources,
                      language: language, notes: notes)
    }

    // MARK: Resolve

    /// The fewest, smallest moves that clear the errors of `year`, from the items' current dates.
    ///
    /// - Throws: ``PlanError`` for a year with no items.
    public func resolve(year: Int, sources: [SourceCalendar], language: Language) throws(PlanError) -> Plan {
        let words = language.messages.plan
        let cycleYear = CycleYear(year: year, start: configuration.cycle.start)
        let cycle = CycleBuilder(configuration: configuration).build(year: cycleYear, sources: sources)
        let live = cycle.occurrences.filter { !$0.isCancelled }
        guard !live.isEmpty else {
            throw PlanError(words.nothingToResolve(cycleYear.description))
        }
        let seeds = live.map { occurrence in
            Seed(original: occurrence, start: occurrence, pattern: nil, anchorName: "", anchorUID: "",
                 movable: !occurrence.tags.fixed && cycleYear.contains(occurrence.startDate))
        }
        return finish(mode: .resolve, year: cycleYear, from: cycleYear, seeds: seeds, context: [], sources: sources,
                      language: language, notes: [])
    }

    // MARK: Shared steps

    func finish(mode: Plan.Mode, year: CycleYear, from: CycleYear, seeds: [Seed], context: [CycleOccurrence],
                sources: [SourceCalendar], language: Language, notes: [String]) -> Plan {
        let engine = ConflictEngine(configuration: configuration)
        let rules = engine.rules
        let occurrences = seeds.map(\.start) + context
        let movable = seeds.map(\.movable) + context.map { _ in false }
        let freeDay = occurrences.map { $0.movesToAnyWorkingDay(keepWeekday: configuration.plan.keepWeekday) }
        let problem = makeProblem(occurrences: occurrences, movable: movable, freeDay: freeDay, rules: rules, year: year, language: language)
        var solver = PlanSolver()
        solver.seed = seed
        switch search {
        case .automatic: break
        case .exact:
            solver.exactLimit = Int.max
            solver.nodeBudget = 2_000_000
        case .localSearch:
            solver.exactLimit = -1
        }
        let result = solver.solve(problem)
        var state = PlanState(problem: problem)
        for id in result.choice.indices where result.choice[id] != 0 { state.set(id, candidate: result.choice[id]) }

        // The rules each move answers: those that would break if it went back.
        let finalHits = Set(state.hits.flatMap { $0 })
        var items: [PlannedItem] = []
        let labels = Labels(language)
        var finalOccurrences: [CycleOccurrence] = []
        for (id, seed) in seeds.enumerated() {
            let offset = state.offsets[id]
            let planned = offset == 0 ? seed.start : ConflictEngine.shift(seed.start, days: offset, zone: problem.start.zone)
            finalOccurrences.append(planned)
            var forced: [String] = []
            if offset != 0 {
                var back = state
                back.set(id, candidate: 0)
                let broken = back.hits.flatMap { $0 }.filter { $0.ids.contains(id) && $0.severity >= .warning && !finalHits.contains($0) }
                for hit in broken {
                    let name = rules[hit.rule].id
                    if !forced.contains(name) { forced.append(name) }
                }
            }
            let uid = mode == .plan ? Self.planUID(for: seed.original, year: year.year) : seed.original.uid
            items.append(PlannedItem(
                uid: uid, originalUID: seed.original.uid, recurrenceID: seed.original.recurrenceIDText,
                source: seed.original.primarySource, sources: seed.original.sources, summary: seed.original.summary,
                pattern: seed.pattern.map { $0.words(labels, anchorName: seed.anchorName) },
                patternCode: seed.pattern.map { $0.code(anchorUID: seed.anchorUID) },
                patternDate: seed.start.startText, planned: planned.startText, moved: offset != 0, days: offset,
                rules: forced, fixed: seed.original.tags.fixed))
        }

        let drafts = DraftWriter(configuration: configuration, sources: sources, zone: problem.start.zone)
            .drafts(mode: mode, year: year.year, seeds: seeds, planned: finalOccurrences, items: items)
        let report = verify(year: year, sources: sources, drafts: drafts, language: language)
        var plan = Plan(year: year, from: from, mode: mode, method: result.method.rawValue, optimal: result.optimal,
                        score: result.score, items: [], unsatisfied: report.open, conflictingRules: [], notes: notes, drafts: drafts)
        let order = items.indices.sorted { (items[$0].planned, items[$0].source, items[$0].uid) < (items[$1].planned, items[$1].source, items[$1].uid) }
        plan.items = order.map { items[$0] }
        if !plan.errorsCleared {
            plan.conflictingRules = conflictingRules(problem: problem, report: report, language: language)
        }
        return plan
    }

    func makeProblem(occurrences: [CycleOccurrence], movable: [Bool], freeDay: [Bool], rules: [any ConflictRule],
                     year: CycleYear, language: Language) -> PlanProblem {
        let engine = ConflictEngine(configuration: configuration)
        let closed = Array(Set(configuration.rules.filter { $0.type == .workingDay }.flatMap(\.closed))).sorted()
        return PlanProblem(occurrences: occurrences, movable: movable, freeDay: freeDay, rules: rules, year: year,
                           calendar: engine.calendar, labels: Labels(language),
                           sourceNames: Dictionary(configuration.sources.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                           zone: ZoneRules.system(configuration.cycle.timezone) ?? .fixed(seconds: 0), closed: closed)
    }

    /// Runs the conflict engine on the sources with the drafts merged in: what `aarshjul
    /// conflicts` reports once the drafts are accepted.
    public func verify(year: CycleYear, sources: [SourceCalendar], drafts: [Draft], language: Language) -> ConflictReport {
        let merged = Draft.merging(drafts, into: sources)
        let cycle = CycleBuilder(configuration: configuration).build(year: year, sources: merged)
        return ConflictEngine(configuration: configuration).run(on: cycle, language: language)
    }

    /// Deletion filter: drop each error-level rule in turn and keep it out when the rest still
    /// cannot all hold; what is left is a set of rules that cannot be satisfied together, and
    /// no rule of it can be left out (as far as the local search can tell).
    func conflictingRules(problem: PlanProblem, report: ConflictReport, language: Language) -> [ConflictingRule] {
        let words = language.messages.plan
        let errorRules = configuration.rules.enumerated().filter { $0.element.severity == .error }.map(\.offset)
        guard !errorRules.isEmpty else { return [] }
        var solver = PlanSolver()
        solver.restarts = 2
        solver.exactLimit = 0
        solver.seed = seed
        func unsatisfiable(_ subset: [Int]) -> Bool {
            let rules = subset.map { problem.rules[$0] }
            let sub = PlanProblem(occurrences: problem.occurrences, movable: problem.movable, freeDay: problem.freeDay, rules: rules,
                                  year: problem.start.year, calendar: problem.start.calendar, labels: problem.start.labels,
                                  sourceNames: problem.start.sourceNames, zone: problem.start.zone, closed: problem.closed)
            return solver.solve(sub).score.errors > 0
        }
        var set = errorRules
        // Large instances: only the rules left broken (each solve costs a whole search).
        if problem.occurrences.count > 2_000 {
            let broken = Set(report.open.filter { $0.severity == .error }.map(\.rule))
            set = set.filter { broken.contains(configuration.rules[$0].id) }
        } else {
            for rule in errorRules where set.count > 1 {
                let without = set.filter { $0 != rule }
                if unsatisfiable(without) { set = without }
            }
        }
        return set.map { index in
            let id = configuration.rules[index].id
            var reasons = report.open.filter { $0.rule == id }.map(\.explanation)
            let fixed = report.open.filter { $0.rule == id }.flatMap(\.occurrences).filter(\.fixed).map(\.summary)
            for summary in Array(Set(fixed)).sorted() {
                reasons.append(words.isFixed(summary))
            }
            if reasons.isEmpty {
                reasons.append(words.cannotHoldTogether)
            }
            return ConflictingRule(rule: id, reasons: reasons)
        }
    }

    // MARK: Patterns and anchors

    /// For each item, the item it is tied to by a `precedes` (as `first`) or `lead-time` (as
    /// `deadline`) rule: the next `then` or meeting after it, in rule order.
    func anchorsOf(items: [CycleOccurrence], context: RuleContext, rules: [any ConflictRule]) -> [(index: Int, rule: String)?] {
        var byIdentity: [String: Int] = [:]
        for (index, item) in items.enumerated() { byIdentity[Self.key(item)] = index }
        var anchors: [(index: Int, rule: String)?] = Array(repeating: nil, count: items.count)
        for rule in rules {
            let sides: (Match, Match)
            if let precedes = rule as? PrecedesRule { sides = (precedes.first, precedes.then) }
            else if let lead = rule as? LeadTimeRule { sides = (lead.deadline, lead.meeting) }
            else { continue }
            let later = context.select(sides.1)
            for index in context.select(sides.0) {
                let occurrence = context.occurrences[index]
                guard let own = byIdentity[Self.key(occurrence)], anchors[own] == nil else { continue }
                let position = firstIndex(in: later, of: context.occurrences, atOrAfter: occurrence.startInstant)
                guard let next = later[position...].first(where: { $0 != index }),
                      let target = byIdentity[Self.key(context.occurrences[next])], target != own else { continue }
                anchors[own] = (target, rule.id)
            }
        }
        return anchors
    }

    /// A `precedes` rule whose only `first` item is also a `then` item can never hold.
    func checkSelfTies(items: [CycleOccurrence], context: RuleContext, rules: [any ConflictRule], language: Language) throws(PlanError) {
        for rule in rules {
            guard let precedes = rule as? PrecedesRule else { continue }
            let firsts = context.select(precedes.first).filter { context.year.contains(context.occurrences[$0].startDate) }
            let thens = Set(context.select(precedes.then))
            if firsts.count == 1, let only = firsts.first, thens.contains(only) {
                let summary = context.occurrences[only].summary
                throw PlanError(language.messages.plan.tiedToItself(summary, rule.id))
            }
        }
    }

    /// The most working days between an item and the item it is tied to for the tie to be its
    /// pattern (about a month): further apart, the calendar places it better than the tie.
    static let maxTie = 22

    static func key(_ occurrence: CycleOccurrence) -> String {
        occurrence.uid + "@" + (occurrence.recurrenceIDText ?? occurrence.startText)
    }

    /// Working days from `a` to `b` (positive when `b` is later): how many steps over working
    /// days lead from one to the other.
    static func workingDaysBetween(_ a: LocalDate, _ b: LocalDate, calendar: NorwegianCalendar) -> Int {
        a <= b ? calendar.workingDays(after: a, through: b) : -calendar.workingDays(after: b, through: a)
    }

    /// The draft UID of an item planned for a year: stable, from the original UID, the
    /// instance (for a series instance) and the year.
    static func planUID(for occurrence: CycleOccurrence, year: Int) -> String {
        let instance = occurrence.recurrenceIDText ?? ""
        return "plan-\(year)-" + StableHash.hex(occurrence.uid + "\n" + instance + "\n\(year)").prefix(16) + "@aarshjul"
    }
}

extension CycleOccurrence {
    /// Whether the planner may move the item to any working day, not only to its own weekday:
    /// deadlines and all-day items always, everything when `[plan] keep-weekday = false`.
    func movesToAnyWorkingDay(keepWeekday: Bool) -> Bool {
        !keepWeekday || isAllDay || tags.kind?.lowercased() == "deadline"
    }
}
