import Foundation
import ICalendar

/// A plan as text: a table for people, JSON for scripts.
public struct PlanReportText: Sendable {
    /// The plan.
    public var plan: Plan
    /// The cycle's name.
    public var cycleName: String
    /// The words of the report's language.
    public var labels: Labels

    /// Creates the text of a plan.
    public init(plan: Plan, cycleName: String, language: Language) {
        self.plan = plan
        self.cycleName = cycleName
        self.labels = Labels(language)
    }

    /// The plan: a heading with the search and the score, every item (for `resolve` the moved
    /// ones) with its pattern, pattern date and planned date, each move with the rules behind
    /// it, then the notes, what could not be satisfied and, when errors are left, the rules that
    /// cannot hold together.
    public func table(width: Int = 80) -> String {
        let words = labels.messages.reports
        var out: String
        switch plan.mode {
        case .plan:
            out = words.planTitle(plan.year.description, plan.from.description, cycleName) + "\n"
        case .resolve:
            out = words.resolveTitle(plan.year.description, cycleName) + "\n"
        }
        let method = plan.method == "exact" ? words.exactSearch : words.localSearch
        let moved = plan.items.filter(\.moved)
        out += words.planSearch(method, moved.count, plan.score.days) + "\n"

        let shown = plan.mode == .plan ? plan.items : moved
        if shown.isEmpty {
            out += "\n" + words.nothingMoves + "\n"
        } else {
            let headers = plan.mode == .plan ? words.planHeaders : words.resolveHeaders
            let rows = shown.map { item -> [String] in
                let move = item.moved ? signed(item.days) : ""
                let planned = readable(item.planned)
                if plan.mode == .plan {
                    return [planned, item.sources.joined(separator: "+"), item.summary, item.pattern ?? "", readable(item.patternDate), move]
                }
                return [planned, item.sources.joined(separator: "+"), item.summary, readable(item.patternDate), move]
            }
            out += "\n" + TextTable.render(headers: headers, rows: rows, width: max(width, 132))
        }
        if !moved.isEmpty {
            out += "\n" + words.movedHeading(moved.count) + "\n"
            for item in moved {
                let rules = item.rules.isEmpty ? "" : ": " + item.rules.joined(separator: ", ")
                let line = "«\(item.summary)» \(readable(item.patternDate)) → \(readable(item.planned)) (\(signed(item.days)))\(rules)"
                out += ConflictReportText.wrap(line, width: width, indent: "  ")
            }
        }
        if !plan.notes.isEmpty {
            out += "\n" + words.notes + "\n"
            for note in plan.notes { out += ConflictReportText.wrap(note, width: width, indent: "  ") }
        }
        let open = plan.unsatisfied
        out += "\n" + words.notSatisfied(open.count) + "\n"
        if open.isEmpty { out += "  " + words.everyRuleHolds + "\n" }
        for conflict in open {
            out += "\n  \(conflict.id)  [\(conflict.severity.rawValue)] \(conflict.rule) (\(conflict.type))\n"
            out += ConflictReportText.wrap(conflict.explanation, width: width, indent: "    ")
        }
        if !plan.conflictingRules.isEmpty {
            out += "\n" + words.rulesInConflict + "\n"
            for rule in plan.conflictingRules {
                out += "  \(rule.rule)\n"
                for reason in rule.reasons { out += ConflictReportText.wrap(reason, width: width, indent: "    ") }
            }
        }
        let counts = [RuleSeverity.error, .warning, .info].map { severity in open.filter { $0.severity == severity }.count }
        out += "\n" + words.planCounts(counts[0], counts[1], counts[2]) + "\n"
        return out
    }

    /// `{"year", "from", "method", "optimal", "items": [...], "unsatisfied": [...]}`, keys sorted.
    public func json() throws -> String {
        struct Item: Encodable {
            var uid: String
            var source: String
            var summary: String
            var pattern: String?
            var patternDate: String
            var planned: String
            var moved: Bool
            var rules: [String]

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(uid, forKey: .uid)
                try container.encode(source, forKey: .source)
                try container.encode(summary, forKey: .summary)
                try container.encode(pattern, forKey: .pattern)   // null for resolve
                try container.encode(patternDate, forKey: .patternDate)
                try container.encode(planned, forKey: .planned)
                try container.encode(moved, forKey: .moved)
                try container.encode(rules, forKey: .rules)
            }

            enum CodingKeys: String, CodingKey { case uid, source, summary, pattern, patternDate, planned, moved, rules }
        }
        struct Document: Encodable {
            var year: Int
            var from: Int
            var method: String
            var optimal: Bool
            var items: [Item]
            var unsatisfied: [Conflict]
        }
        let document = Document(year: plan.year.year, from: plan.from.year, method: plan.method, optimal: plan.optimal,
                                items: plan.items.map { Item(uid: $0.uid, source: $0.source, summary: $0.summary, pattern: $0.pattern,
                                                             patternDate: $0.patternDate, planned: $0.planned, moved: $0.moved, rules: $0.rules) },
                                unsatisfied: plan.unsatisfied)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    private func signed(_ days: Int) -> String {
        (days > 0 ? "+" : "") + labels.messages.words.day.counted(days)
    }

    /// `ti 12.12 10:00` for a date-time text, `ti 12.12` for a date.
    private func readable(_ text: String) -> String {
        guard let date = LocalDate(iso: String(text.prefix(10))) else { return text }
        var result = labels.shortDate(date)
        if text.count >= 16 { result += " " + text.dropFirst(11).prefix(5) }
        return result
    }
}
