import Foundation
import ICalendar

/// Runs the rules over a cycle and turns findings into ``Conflict``s with stable ids,
/// acceptances and proposed dates.
///
/// Besides the configured rules it always reports the built-in checks: `sync-mismatch` (one
/// item, two sources, two times) and `likely-duplicate` (two UIDs, one meeting). With no rules
/// configured it also checks `decisions-same-day`: decision items of different sources on
/// the same day (DESIGN.md's zero-configuration default).
///
/// ```swift
/// let report = ConflictEngine(configuration: configuration).run(on: cycle, language: .nb)
/// for conflict in report.open { print(conflict.explanation) }
/// ```
///
/// - Complexity: O(*r* · *n* log *n*) for *r* rules over *n* occurrences; proposing dates
///   judges each candidate date of each conflict (at most ``maxConflictsWithSuggestions``
///   conflicts) with the planner's incremental evaluation.
public struct ConflictEngine: Sendable {
    /// The configuration (rules, acceptances, closed periods, holidays).
    public var configuration: AarshjulConfiguration
    /// Whether to propose dates.
    public var proposeDates: Bool
    /// Conflicts beyond this many get no proposals.
    public var maxConflictsWithSuggestions: Int

    /// Creates an engine.
    public init(configuration: AarshjulConfiguration, proposeDates: Bool = true, maxConflictsWithSuggestions: Int = 50) {
        self.configuration = configuration
        self.proposeDates = proposeDates
        self.maxConflictsWithSuggestions = maxConflictsWithSuggestions
    }

    /// The Norwegian calendar with the configuration's extra holidays and closed periods.
    public var calendar: NorwegianCalendar {
        var holidays: [LocalDate: String] = [:]
        for holiday in configuration.holidays { holidays[holiday.date] = holiday.name }
        return NorwegianCalendar(extraHolidays: holidays,
                                 extraClosed: configuration.closedPeriods.map { ($0.name, $0.from, $0.to) })
    }

    /// The configured rules as rule values, or the zero-configuration default.
    public var rules: [any ConflictRule] {
        if configuration.rules.isEmpty {
            return [NoOverlapRule(id: "decisions-same-day", severity: .warning, match: Match(kind: "decision"),
                                  sameDay: true, across: .sources, type: "decisions-same-day")]
        }
        return configuration.rules.map(Self.rule(from:))
    }

    /// The rule value for a rule's settings.
    public static func rule(from settings: RuleSettings) -> any ConflictRule {
        let any = Match()
        switch settings.type {
        case .precedes:
            return PrecedesRule(id: settings.id, severity: settings.severity, first: settings.first ?? any,
                                then: settings.then ?? any, minGap: settings.minGap, fixed: settings.fixed)
        case .leadTime:
            return LeadTimeRule(id: settings.id, severity: settings.severity, deadline: settings.deadline ?? any,
                                meeting: settings.meeting ?? any, min: settings.min ?? ICalDuration(),
                                workingDays: settings.workingDays, closed: settings.closed, fixed: settings.fixed)
        case .noOverlap:
            return NoOverlapRule(id: settings.id, severity: settings.severity, match: settings.match ?? any,
                                 sameDay: settings.sameDay, across: settings.across, fixed: settings.fixed)
        case .workingDay:
            return WorkingDayRule(id: settings.id, severity: settings.severity, match: settings.match ?? any,
                                  closed: settings.closed, fixed: settings.fixed)
        case .within:
            return WithinRule(id: settings.id, severity: settings.severity, match: settings.match ?? any,
                              after: settings.after, before: settings.before, fixed: settings.fixed)
        case .required:
            return RequiredRule(id: settings.id, severity: settings.severity, match: settings.match ?? any,
                                minCount: settings.minCount ?? 1, fixed: settings.fixed)
        case .crowding:
            return CrowdingRule(id: settings.id, severity: settings.severity, match: settings.match ?? any,
                                max: settings.max ?? 1, per: settings.per ?? ICalDuration(days: 7), fixed: settings.fixed)
        }
    }

    /// The context rules read for a cycle.
    public func context(for cycle: Cycle, language: Language) -> RuleContext {
        context(for: cycle, language: language, rules: rules)
    }

    /// The context for rules already built from the configuration.
    func context(for cycle: Cycle, language: Language, rules: [any ConflictRule]) -> RuleContext {
        // Most cycles have nothing cancelled: then the array is shared, not copied.
        let live = cycle.occurrences.contains(where: \.isCancelled) ? cycle.occurrences.filter { !$0.isCancelled } : cycle.occurrences
        return RuleContext(occurrences: live, year: cycle.year, calendar: calendar,
                    labels: Labels(language), sourceNames: Dictionary(cycle.sources.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                    zone: ZoneRules.system(cycle.timezone) ?? .fixed(seconds: 0), matches: rules.flatMap(\.matches))
    }

    /// Finds every conflict in a cycle.
    public func run(on cycle: Cycle, language: Language) -> ConflictReport {
        let rules = self.rules
        let context = self.context(for: cycle, language: language, rules: rules)
        var conflicts = detect(context, rules: rules)
        conflicts.append(contentsOf: builtIns(cycle: cycle, context: context))

        // Acceptances.
        var acceptedIDs: Set<String> = []
        for index in conflicts.indices {
            if let acceptance = configuration.accepts.first(where: { $0.conflict == conflicts[index].id }) {
                conflicts[index].acceptedBecause = acceptance.reason ?? ""
                acceptedIDs.insert(acceptance.conflict)
            }
        }
        let stale = configuration.accepts.filter { !acceptedIDs.contains($0.conflict) }

        // Dates that clear a conflict without a new one, found with the planner's solver.
        if proposeDates {
            var budget = maxConflictsWithSuggestions
            // The most severe conflicts get proposals first.
            let order = conflicts.indices.sorted { conflicts[$0].severity > conflicts[$1].severity }
            var chosen: [Int] = []
            for index in order where !conflicts[index].isAccepted && budget > 0 {
                guard let finding = conflicts[index].finding, !finding.fixed else { continue }
                budget -= 1
                chosen.append(index)
            }
            if !chosen.isEmpty {
                let proposals = propose(for: chosen.compactMap { conflicts[$0].finding }, context: context, rules: rules)
                for (index, suggestions) in zip(chosen, proposals) { conflicts[index].suggestions = suggestions }
            }
        }
        // Sorted through their positions: moving whole conflicts in a sort of tens of thousands
        // costs more than the comparisons.
        let severities = conflicts.map(\.severity)
        let starts = conflicts.map(\.firstStart)
        let order = conflicts.indices.sorted { a, b in
            if severities[a] != severities[b] { return severities[a] > severities[b] }
            if starts[a] != starts[b] { return starts[a] < starts[b] }
            return (conflicts[a].rule, conflicts[a].id) < (conflicts[b].rule, conflicts[b].id)
        }
        return ConflictReport(cycle: cycle.name, year: cycle.year, conflicts: order.map { conflicts[$0].conflict }, staleAcceptances: stale)
    }

    // MARK: Detection

    struct Found {
        var conflict: Conflict
        var finding: Finding?
        var firstStart: Int
        var id: String { conflict.id }
        var severity: RuleSeverity { conflict.severity }
        var rule: String { conflict.rule }
        var isAccepted: Bool { conflict.isAccepted }
        var acceptedBecause: String? {
            get { conflict.acceptedBecause }
            set { conflict.acceptedBecause = newValue }
        }
        var suggestions: [Suggestion] {
            get { conflict.suggestions }
            set { conflict.suggestions = newValue }
        }
    }

    func detect(_ context: RuleContext, rules: [any ConflictRule]) -> [Found] {
        var found: [Found] = []
        var seen: Set<String> = []
        for rule in rules {
            for finding in rule.evaluate(context) {
                let conflict = makeConflict(finding, context: context)
                guard seen.insert(conflict.id).inserted else { continue }
                found.append(Found(conflict: conflict, finding: finding,
                                   firstStart: finding.occurrences.map { context.occurrences[$0].startInstant }.min() ?? 0))
            }
        }
        return found
    }

    func makeConflict(_ finding: Finding, context: RuleContext) -> Conflict {
        let involved = finding.occurrences.map { context.occurrences[$0] }
        return Conflict(id: Self.conflictID(rule: finding.rule, key: finding.key, occurrences: involved),
                        rule: finding.rule, type: finding.type, severity: finding.severity,
                        occurrences: involved.map(Self.describe), explanation: finding.explanation,
                        suggestions: [], acceptedBecause: nil)
    }

    /// `c-` and 12 hex digits of a hash of the rule id and the items involved (UID and the
    /// instance's RECURRENCE-ID — not the dates, so moving a date elsewhere keeps the id).
    static func conflictID(rule: String, key: String, occurrences: [CycleOccurrence]) -> String {
        let parts = occurrences.map { occurrence -> String in
            occurrence.uid + "@" + (occurrence.recurrenceIDText ?? "")
        }.sorted()
        return "c-" + StableHash.hex(([rule, key] + parts).joined(separator: "\n")).prefix(12)
    }

    static func describe(_ occurrence: CycleOccurrence) -> ConflictOccurrence {
        ConflictOccurrence(source: occurrence.primarySource, sources: occurrence.sources, summary: occurrence.summary,
                           start: occurrence.startText, uid: occurrence.uid, recurrenceId: occurrence.recurrenceIDText,
                           fixed: occurrence.tags.fixed)
    }

    // MARK: Built-in checks

    func builtIns(cycle: Cycle, context: RuleContext) -> [Found] {
        var found: [Found] = []
        let words = context.labels.messages
        // The occurrences of the items the built-in checks name, by UID (only those: hashing
        // every occurrence's UID would cost more than the checks).
        let needed = Set(cycle.merge.mismatches.map(\.identity.uid) + cycle.merge.duplicates.flatMap { $0.items.map(\.uid) })
        var byUID: [String: [Int]] = [:]
        if !needed.isEmpty {
            var neededItems = [Bool](repeating: false, count: cycle.merge.items.count)
            for position in cycle.merge.items.indices where needed.contains(cycle.merge.items[position].identity.uid) {
                neededItems[position] = true
            }
            for (index, occurrence) in context.occurrences.enumerated()
            where neededItems.indices.contains(occurrence.item) && neededItems[occurrence.item] {
                byUID[occurrence.uid, default: []].append(index)
            }
        }
        for mismatch in cycle.merge.mismatches {
            guard let indices = byUID[mismatch.identity.uid] else { continue }
            let involved = indices.filter { context.occurrences[$0].identity == mismatch.identity }
            guard !involved.isEmpty else { continue }
            let places = mismatch.versions.map { placement -> String in
                let name = context.sourceNames[placement.source] ?? placement.source
                return "\(name): \(Self.readable(placement.start, context: context))"
            }.joined(separator: "; ")
            let winner = mismatch.versions.first(where: \.isWinner)
            let stale = mismatch.versions.filter { placement in
                !placement.isWinner && (placement.start != winner?.start || placement.end != winner?.end || placement.rules != winner?.rules)
            }.map { context.sourceNames[$0.source] ?? $0.source }
            let newest = winner.map { context.sourceNames[$0.source] ?? $0.source } ?? ""
            let staleList = stale.joined(separator: words.words.and)
            let text = words.rules.mismatch(mismatch.summary, places, newest, staleList)
            let finding = Finding(rule: "sync-mismatch", type: "sync-mismatch", severity: .warning, occurrences: Array(involved.prefix(1)),
                                  key: mismatch.identity.description, explanation: text, fixed: true)
            var conflict = makeConflict(finding, context: context)
            conflict.occurrences = mismatch.versions.sorted { $0.isWinner && !$1.isWinner }.map { placement in
                ConflictOccurrence(source: placement.source, sources: [placement.source], summary: mismatch.summary, start: Self.readable(placement.start, context: context, iso: true),
                                   uid: mismatch.identity.uid, recurrenceId: mismatch.identity.recurrenceID, fixed: false)
            }
            found.append(Found(conflict: conflict, finding: finding, firstStart: context.occurrences[involved[0]].startInstant))
        }
        for duplicate in cycle.merge.duplicates {
            let involved = duplicate.items.compactMap { identity in byUID[identity.uid]?.first(where: { context.occurrences[$0].identity == identity }) }
            guard involved.count > 1 else { continue }
            let names = involved.map { context.describe($0, withTime: true) }.joined(separator: words.words.and)
            let text = words.rules.duplicate(names)
            let finding = Finding(rule: "likely-duplicate", type: "likely-duplicate", severity: .info, occurrences: involved,
                                  explanation: text, fixed: true)
            found.append(Found(conflict: makeConflict(finding, context: context), finding: finding,
                               firstStart: context.occurrences[involved[0]].startInstant))
        }
        return found
    }

    /// A normalised time as wall time in the cycle's zone: `16. desember 2027 kl. 10:00`.
    static func readable(_ normalized: String, context: RuleContext, iso: Bool = false) -> String {
        switch NormalizedTime(normalized, in: context.zone) {
        case nil:
            return normalized
        case .date(let date)?:
            return iso ? date.description : context.labels.date(date)
        case .time(let local)?:
            if iso { return local.description }
            return context.labels.date(local.date) + context.labels.messages.words.atTime + clock(local)
        }
    }

    // MARK: Proposals

    /// Proposed dates for each finding: single moves of one of its items (not fixed ones) to a
    /// date the planner's solver would consider (a working day outside the closed periods, in
    /// the cycle year, within 60 days; a meeting keeps its weekday unless `[plan] keep-weekday
    /// = false` or it is on a weekend; never onto another item of the same body that day) that clear the finding and
    /// add no finding anywhere. The cheapest first (working days
    /// moved, then days, later dates before earlier), up to three.
    ///
    /// - Complexity: the solver's incremental evaluation: per candidate date, the findings of
    ///   the rules that match the moved item, not the whole cycle again.
    func propose(for findings: [Finding], context: RuleContext, rules: [any ConflictRule]) -> [[Suggestion]] {
        var movable = [Bool](repeating: false, count: context.occurrences.count)
        for finding in findings {
            for index in finding.occurrences where !context.occurrences[index].tags.fixed {
                movable[index] = true
            }
        }
        let keepWeekday = configuration.plan.keepWeekday
        // As the planner moves items, except that a meeting on a weekend may move to any
        // working day (its weekday has none to keep).
        let freeDay = context.occurrences.map {
            $0.movesToAnyWorkingDay(keepWeekday: keepWeekday) || context.calendar.isWeekend($0.startDate)
        }
        let problem = PlanProblem(context: context, movable: movable, freeDay: freeDay, rules: rules, closed: ClosedPeriod.builtInNames,
                                  trackInfo: true)
        var state = PlanState(problem: problem)
        let baseline = state.hits.map(Set.init)
        let ruleIndex = Dictionary(rules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        return findings.map { finding -> [Suggestion] in
            guard let rule = ruleIndex[finding.rule] else { return [] }
            let target = Hit(rule: rule, ids: finding.occurrences.sorted(), key: finding.key, severity: finding.severity)
            // The later item first (the one that can usually give way) where costs tie.
            let items = finding.occurrences.enumerated().filter { movable[$0.element] }
                .sorted { context.occurrences[$0.element].startInstant > context.occurrences[$1.element].startInstant }
            var found: [(cost: Int, days: Int, rank: Int, suggestion: Suggestion)] = []
            for (rank, (position, id)) in items.enumerated() {
                for candidate in problem.candidates[id].indices.dropFirst() where state.allows(id, candidate: candidate) {
                    state.set(id, candidate: candidate)
                    // Only the rules that match the item can change: the target must be gone
                    // and nothing new found.
                    let clean = problem.affects[id].allSatisfy { affected in
                        state.findings(of: affected).allSatisfy { hit in hit != target && baseline[affected].contains(hit) }
                    }
                    let (days, cost) = problem.candidates[id][candidate]
                    state.set(id, candidate: 0)
                    guard clean else { continue }
                    let date = context.occurrences[id].startDate.adding(days: days)
                    found.append((cost, days, rank, Suggestion(occurrence: position, date: date.description, days: days)))
                }
            }
            found.sort { ($0.cost, abs($0.days), -$0.days, $0.rank) < ($1.cost, abs($1.days), -$1.days, $1.rank) }
            return found.prefix(3).map(\.suggestion)
        }
    }

    static func shift(_ occurrence: CycleOccurrence, days: Int, zone: ZoneRules) -> CycleOccurrence {
        var moved = occurrence
        moved.startLocal = occurrence.startLocal.adding(seconds: days * 86_400)
        moved.endLocal = occurrence.endLocal.adding(seconds: days * 86_400)
        if occurrence.isAllDay || occurrence.occurrence.startUTC == nil {
            moved.startInstant = zone.utc(for: moved.startLocal)
            moved.endInstant = max(moved.startInstant, zone.utc(for: moved.endLocal))
        } else {
            moved.startInstant = zone.utc(for: moved.startLocal)
            moved.endInstant = moved.startInstant + (occurrence.endInstant - occurrence.startInstant)
        }
        return moved
    }
}

/// Every conflict of a cycle, accepted ones included, and acceptances that match nothing.
public struct ConflictReport: Sendable {
    /// The cycle's name.
    public var cycle: String
    /// The cycle year.
    public var year: CycleYear
    /// Every conflict, most severe first, then by date.
    public var conflicts: [Conflict]
    /// `[[accept]]` entries whose conflict no longer exists.
    public var staleAcceptances: [Acceptance]

    /// The conflicts not accepted.
    public var open: [Conflict] { conflicts.filter { !$0.isAccepted } }
    /// The accepted conflicts.
    public var accepted: [Conflict] { conflicts.filter(\.isAccepted) }

    /// Whether an open conflict is at or above a severity.
    public func hasOpen(atLeast severity: RuleSeverity) -> Bool {
        open.contains { $0.severity >= severity }
    }
}
