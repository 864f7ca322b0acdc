import Foundation
import ICalendar

/// The conflict report as text: grouped by severity for people (optionally coloured), JSON
/// and CSV for scripts.
public struct ConflictReportText: Sendable {
    /// The report.
    public var report: ConflictReport
    /// The words of the report's language.
    public var labels: Labels

    /// Creates the text of a report.
    public init(report: ConflictReport, language: Language) {
        self.report = report
        self.labels = Labels(language)
    }

    /// Grouped by severity, each conflict with its id, rule, explanation and proposed dates,
    /// wrapped at `width` columns. `color` adds ANSI colours to the headings.
    public func table(color: Bool = false, width: Int = 80) -> String {
        let words = labels.messages.reports
        var out = words.conflictsTitle(report.year.description, report.cycle) + "\n"
        let open = report.open
        if open.isEmpty { out += "\n" + words.noOpenConflicts + "\n" }
        for severity in [RuleSeverity.error, .warning, .info] {
            let group = open.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            let title = "\(words.severityHeadings(severity)) (\(group.count))"
            let code = severity == .error ? "31" : severity == .warning ? "33" : "36"
            out += "\n" + (color ? "\u{1B}[1;\(code)m\(title)\u{1B}[0m" : title) + "\n"
            for conflict in group {
                out += "\n" + (color ? "\u{1B}[1m\(conflict.id)\u{1B}[0m" : conflict.id) + "  \(conflict.rule) (\(conflict.type))\n"
                out += Self.wrap(conflict.explanation, width: width, indent: "  ")
                if let proposal = Self.proposal(conflict, labels: labels) {
                    out += Self.wrap(proposal, width: width, indent: "  ")
                }
            }
        }
        let counts = [RuleSeverity.error, .warning, .info].map { severity in open.filter { $0.severity == severity }.count }
        let accepted = report.accepted.count
        out += "\n" + words.conflictCounts(counts[0], counts[1], counts[2], accepted) + "\n"
        for conflict in report.accepted {
            out += words.acceptedPrefix + "\(conflict.id) \(conflict.rule)" + (conflict.acceptedBecause.map { $0.isEmpty ? "" : " — \($0)" } ?? "") + "\n"
        }
        for stale in report.staleAcceptances {
            out += words.staleAcceptance(stale.conflict, stale.line) + "\n"
        }
        return out
    }

    /// JSON with keys sorted: the cycle, counts, conflicts (accepted ones flagged) and stale
    /// acceptances.
    public func json() throws -> String {
        struct Stale: Encodable {
            var conflict: String
            var line: Int
            var reason: String?
        }
        struct Document: Encodable {
            var cycle: String
            var year: Int
            var open: Int
            var accepted: Int
            var conflicts: [Conflict]
            var staleAcceptances: [Stale]
        }
        let document = Document(cycle: report.cycle, year: report.year.year, open: report.open.count, accepted: report.accepted.count,
                                conflicts: report.conflicts,
                                staleAcceptances: report.staleAcceptances.map { Stale(conflict: $0.conflict, line: $0.line, reason: $0.reason) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    /// CSV: one row per conflict. `sources` has one word per occurrence, the sources that
    /// hold it joined by `+` (`ntnu+uk tk`).
    public func csv() -> String {
        var out = "id,severity,rule,type,accepted,first_start,sources,summaries,explanation,suggestions\r\n"
        for conflict in report.conflicts {
            let fields = [conflict.id, conflict.severity.rawValue, conflict.rule, conflict.type, conflict.isAccepted ? "true" : "false",
                          conflict.occurrences.first?.start ?? "", conflict.occurrences.map { $0.sources.joined(separator: "+") }.joined(separator: " "),
                          conflict.occurrences.map(\.summary).joined(separator: " | "), conflict.explanation,
                          conflict.suggestions.map { suggestion in
                              let who = conflict.occurrences.indices.contains(suggestion.occurrence) ? conflict.occurrences[suggestion.occurrence].summary : ""
                              return "\(suggestion.date) \(who)"
                          }.joined(separator: " | ")]
            out += fields.map(TextTable.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The proposed dates of a conflict in words, grouped by the item that would move:
    /// `Forslag: flytt «X» til ti 18.05 eller to 20.05.`; `nil` without proposals.
    static func proposal(_ conflict: Conflict, labels: Labels) -> String? {
        guard !conflict.suggestions.isEmpty else { return nil }
        let words = labels.messages.reports
        var order: [Int] = []
        var dates: [Int: [String]] = [:]
        for suggestion in conflict.suggestions {
            if dates[suggestion.occurrence] == nil { order.append(suggestion.occurrence) }
            let date = LocalDate(iso: suggestion.date).map { labels.shortDate($0) } ?? suggestion.date
            dates[suggestion.occurrence, default: []].append(date)
        }
        let parts = order.map { index -> String in
            let name = conflict.occurrences.indices.contains(index) ? conflict.occurrences[index].summary : ""
            return words.proposedMove(name, (dates[index] ?? []).joined(separator: labels.messages.words.or))
        }
        return words.proposal(parts.joined(separator: words.orElse))
    }

    /// Wraps text at word boundaries.
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var out = ""
        var line = indent
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.count + word.count + 1 > width, line != indent {
                out += line + "\n"
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        if line != indent { out += line + "\n" }
        return out
    }
}
