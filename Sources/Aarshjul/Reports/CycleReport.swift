import Foundation
import ICalendar

/// The combined cycle as text: a month-by-month table for people, JSON and CSV for scripts.
public struct CycleReport: Sendable {
    /// The cycle.
    public var cycle: Cycle
    /// The language of labels.
    public var labels: Labels

    /// Creates a report.
    public init(cycle: Cycle, language: Language) {
        self.cycle = cycle
        self.labels = Labels(language)
    }

    /// The time column: `09:00–12:00`, `09:00`, `hele dagen`, or the date span of a multi-day item.
    func timeText(_ occurrence: CycleOccurrence) -> String {
        if occurrence.isAllDay {
            let last = occurrence.lastDate
            if last > occurrence.startDate {
                return "–" + labels.dayMonth(last)
            }
            return labels.allDay
        }
        let start = clock(occurrence.startLocal)
        if occurrence.endInstant <= occurrence.startInstant { return start }
        if occurrence.endLocal.date != occurrence.startLocal.date {
            return start + "–" + labels.dayMonth(occurrence.lastDate)
        }
        return start + "–" + clock(occurrence.endLocal)
    }

    /// A table per month that fits 80 columns.
    public func table(width: Int = 80) -> String {
        var out = labels.messages.reports.cycleTitle(cycle.name, cycle.year.description) + "\n"
        var month: (Int, Int)?
        var rows: [[String]] = []
        func flush() {
            guard let current = month, !rows.isEmpty else { return }
            out += "\n" + labels.month(current.1) + " \(current.0)\n"
            out += TextTable.render(headers: labels.cycleHeaders, rows: rows, width: width)
            rows = []
        }
        for occurrence in cycle.occurrences {
            let key = (occurrence.startDate.year, occurrence.startDate.month)
            if month.map({ $0 != key }) ?? true {
                flush()
                month = key
            }
            var summary = occurrence.summary
            if occurrence.isCancelled { summary = "(\(labels.cancelled)) " + summary }
            rows.append([labels.shortDate(occurrence.startDate), timeText(occurrence), occurrence.primarySource,
                         occurrence.tags.body ?? "", labels.kind(occurrence.tags.kind), summary])
        }
        flush()
        out += "\n" + labels.messages.words.occurrence.counted(cycle.occurrences.count) + "\n"
        return out
    }

    /// CSV (RFC 4180) with a header row.
    public func csv() -> String {
        var out = "date,start,end,all_day,source,sources,body,kind,area,summary,uid,recurrence_id,status\r\n"
        for occurrence in cycle.occurrences {
            let fields = [occurrence.startDate.description, occurrence.startText, endText(occurrence),
                          occurrence.isAllDay ? "true" : "false", occurrence.primarySource, occurrence.sources.joined(separator: " "),
                          occurrence.tags.body ?? "", occurrence.tags.kind ?? "", occurrence.tags.area ?? "",
                          occurrence.summary, occurrence.uid, occurrence.identity.recurrenceID ?? occurrence.occurrence.recurrenceID.map { $0.description } ?? "",
                          occurrence.status]
            out += fields.map(TextTable.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The local end (exclusive).
    func endText(_ occurrence: CycleOccurrence) -> String {
        occurrence.isAllDay ? occurrence.endLocal.date.description : occurrence.endLocal.description
    }

    /// JSON: the cycle and its occurrences, keys sorted, for scripts and golden tests.
    public func json() throws -> String {
        struct Row: Encodable {
            var date: String
            var start: String
            var end: String
            var allDay: Bool
            var source: String
            var sources: [String]
            var body: String?
            var kind: String?
            var area: String?
            var fixed: Bool
            var summary: String
            var uid: String
            var recurrenceId: String?
            var status: String?
        }
        struct Document: Encodable {
            var name: String
            var year: Int
            var from: String
            var to: String
            var timezone: String
            var occurrences: [Row]
        }
        let rows = cycle.occurrences.map { occurrence in
            Row(date: occurrence.startDate.description, start: occurrence.startText, end: endText(occurrence),
                allDay: occurrence.isAllDay, source: occurrence.primarySource, sources: occurrence.sources,
                body: occurrence.tags.body, kind: occurrence.tags.kind, area: occurrence.tags.area, fixed: occurrence.tags.fixed,
                summary: occurrence.summary, uid: occurrence.uid,
                recurrenceId: occurrence.recurrenceIDText,
                status: occurrence.status.isEmpty ? nil : occurrence.status)
        }
        let document = Document(name: cycle.name, year: cycle.year.year, from: cycle.year.firstDay.description,
                                to: cycle.year.endDay.description, timezone: cycle.timezone, occurrences: rows)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
