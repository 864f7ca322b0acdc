import Aarshjul
import Foundation
import ICalendar

/// `aarshjul sync` and `aarshjul changes` as people read them (bokmål, nynorsk or English,
/// from `SyncMessages` of the `Aarshjul` table) and as scripts read them (JSON).
///
/// Times are shown in the cycle's time zone: `16.12.2027 kl. 09.00` in bokmål and nynorsk,
/// `16 Dec 2027 09:00` in English; all-day items by their date alone.
public struct SyncReportText: Sendable {
    /// The language.
    public var language: Language
    /// The cycle's time zone (IANA).
    public var timezone: String
    /// Source names by id.
    public var sourceNames: [String: String]

    /// Creates a renderer.
    public init(language: Language, timezone: String, sourceNames: [String: String] = [:]) {
        self.language = language
        self.timezone = timezone
        self.sourceNames = sourceNames
    }

    /// A renderer for a configuration's cycle: its time zone and its sources' names.
    public init(configuration: AarshjulConfiguration, language: Language) {
        self.init(language: language, timezone: configuration.cycle.timezone,
                  sourceNames: Dictionary(configuration.sources.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
    }

    private var words: SyncMessages { language.messages.sync }

    // MARK: sync

    /// The report of one sync, for a terminal or an e-mail.
    public func text(_ report: SyncReport) -> String {
        var out = ""
        out += report.previousSync.map { words.titleWithPrevious(moment(report.startedAt), moment($0), report.year) }
            ?? words.title(moment(report.startedAt), report.year)
        out += "\n"

        out += "\n" + words.sources + "\n"
        for source in report.sources {
            out += "  " + pad(source.source, to: report.sources.map(\.source.count).max() ?? 0) + "  " + sourceLine(source, now: report.startedAt) + "\n"
        }

        out += "\n"
        if report.isFirstSync {
            let count = report.changes.count(where: { $0.kind == .new })
            out += words.firstSync(count) + "\n"
        } else if report.changes.isEmpty {
            out += words.noChanges + "\n"
        } else {
            out += words.changesHeading + "\n"
            out += changeLines(report.changes)
        }

        out += "\n" + words.conflicts(report.newConflicts.count, report.resolvedConflicts.count, report.openConflicts)
        if report.acceptedConflicts > 0 { out += words.acceptedConflicts(report.acceptedConflicts) }
        out += "\n"
        for change in report.newConflicts {
            out += "  " + words.newConflict + "[\(severity(change.severity))] " + change.explanation + "  (\(change.conflict))\n"
        }
        for change in report.resolvedConflicts {
            out += "  " + words.resolvedConflict + "[\(severity(change.severity))] " + change.explanation + "  (\(change.conflict))\n"
        }
        for id in report.staleAcceptances {
            out += "  " + words.staleAcceptance(id) + "\n"
        }

        if let directory = report.feedsDirectory {
            out += "\n" + words.feedsWritten(report.feedFiles.count, directory)
            if report.raisedSequences > 0 {
                out += words.raisedSequences(report.raisedSequences)
            }
            out += "\n"
        }
        if let publications = report.publications, !publications.isEmpty {
            out += "\n" + words.published + "\n"
            for publication in publications { out += publicationLines(publication) }
        }
        return out
    }

    /// A `[[publish]]` target's line, and one line per item left alone, with what to do.
    func publicationLines(_ status: PublishStatus) -> String {
        let target = "  \(status.feed) → \(status.collection ?? status.address): "
        var out = target
        switch status.state {
        case .published:
            out += words.publishCounts(status.created, status.updated, status.deleted, status.unchanged)
            if !status.refused.isEmpty {
                out += words.notWritten(status.refused.count)
            }
        case .failed:
            out += words.publishFailed
            out += status.reason ?? "?"
        case .heldBack:
            let names = status.missingSources.map { sourceNames[$0] ?? $0 }.joined(separator: ", ")
            out += words.heldBack(names)
        }
        out += "\n"
        for refusal in status.refused {
            out += "    " + refusalText(refusal) + " (\(refusal.url))\n"
        }
        return out
    }

    /// Why an item was not written, and what the coordinator can do.
    func refusalText(_ refusal: CalDAVPublisher.Refusal) -> String {
        let item = "«\(refusal.summary)»"
        switch refusal.reason {
        case .changedOnServer: return words.changedOnServer(item)
        case .notOurs: return words.notOurs(item)
        case .changedNotDeleted: return words.changedNotDeleted(item)
        }
    }

    /// One source's line: what happened and, for a stale one, how stale.
    func sourceLine(_ source: SourceStatus, now: Date) -> String {
        let name = source.name
        let events = words.event.counted(source.events)
        let took = source.seconds.map { String(format: " (%.1f s)", $0) } ?? ""
        switch source.state {
        case .updated:
            return "\(name): " + words.newVersion + events + took
        case .unchanged:
            return "\(name): " + words.unchanged + events + took
        case .notModified:
            return "\(name): " + words.notModified + events + took
        case .stale:
            let age = source.checkedAt.map { self.age(from: $0, to: now) } ?? "?"
            return "\(name): " + words.stale(events, source.fetchedAt.map(moment) ?? "?", age)
                + (source.reason ?? "?")
        case .unavailable:
            return "\(name): " + words.unavailable
                + (source.reason ?? "?")
        }
    }

    /// Changes grouped by source, one line each.
    func changeLines(_ changes: [ItemChange], withTime: Bool = false) -> String {
        var out = ""
        var bySource: [String: [ItemChange]] = [:]
        var order: [String] = []
        for change in changes {
            if bySource[change.source] == nil { order.append(change.source) }
            bySource[change.source, default: []].append(change)
        }
        for source in order {
            out += "  " + (sourceNames[source] ?? source) + "\n"
            for change in bySource[source] ?? [] {
                out += "    " + (withTime ? moment(change.at) + "  " : "") + pad(kind(change.kind), to: words.kindWidth) + "  " + describe(change) + "\n"
            }
        }
        return out
    }

    /// `Bystyret: 16.12.2027 kl. 09.00 → 17.12.2027 kl. 09.00`.
    func describe(_ change: ItemChange) -> String {
        let summary = change.summary.isEmpty ? change.uid : change.summary
        switch change.kind {
        case .new:
            return summary + (change.newStart.map { ", " + when($0) } ?? "")
        case .moved:
            let from = change.oldStart.map(when) ?? "?"
            let to = change.newStart.map(when) ?? "?"
            if from == to, let oldEnd = change.oldEnd, let newEnd = change.newEnd {
                return summary + ", " + from + words.end + when(oldEnd) + " → " + when(newEnd)
            }
            return summary + ": " + from + " → " + to
        case .changed, .cancelled:
            return summary + (change.newStart.map { ", " + when($0) } ?? "")
        case .removed:
            return summary + (change.oldStart.map { ", " + when($0) } ?? "")
        }
    }

    // MARK: changes

    /// The history from the state, sync by sync.
    public func text(_ history: SyncHistory, since: Date?) -> String {
        var out = ""
        let from = since.map { words.since(moment($0)) } ?? ""
        guard !history.runs.isEmpty else {
            return words.noSyncs(from) + "\n"
        }
        out += words.syncCount(history.runs.count, from) + "\n"
        let firstRun = history.runs.first?.startedAt
        for run in history.runs {
            let items = history.itemChanges.filter { $0.at == run.startedAt }
            let conflicts = history.conflictChanges.filter { $0.at == run.startedAt }
            out += "\n" + moment(run.startedAt) + words.runYear(run.year)
            if !run.staleSources.isEmpty {
                out += words.staleSources(run.staleSources.map { sourceNames[$0] ?? $0 }.joined(separator: ", "))
            }
            out += "\n"
            let onlyNew = items.allSatisfy { $0.kind == .new }
            if items.isEmpty && conflicts.isEmpty {
                out += "  " + words.runWithoutChanges + "\n"
                continue
            }
            if onlyNew, items.count > 20, run.startedAt == firstRun, since == nil {
                out += "  " + words.firstRunItems(items.count) + "\n"
            } else if !items.isEmpty {
                out += changeLines(items)
            }
            for change in conflicts {
                out += "  " + (change.kind == .new ? words.historyNew : words.historyResolved)
                    + "[\(severity(change.severity))] " + change.explanation + "\n"
            }
        }
        return out
    }

    // MARK: JSON

    /// The report as JSON: stable key order, dates in ISO 8601 (UTC).
    public func json(_ report: SyncReport) throws -> String {
        try Self.encode(report)
    }

    /// The history as JSON.
    public func json(_ history: SyncHistory) throws -> String {
        struct Out: Encodable {
            var runs: [SyncRun]
            var changes: [ItemChange]
            var conflicts: [ConflictChange]
        }
        return try Self.encode(Out(runs: history.runs, changes: history.itemChanges, conflicts: history.conflictChanges))
    }

    private static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    // MARK: Words and times

    func kind(_ kind: ItemChange.Kind) -> String {
        switch kind {
        case .new: return words.newItem
        case .moved: return words.moved
        case .changed: return words.changed
        case .cancelled: return words.cancelled
        case .removed: return words.removed
        }
    }

    func severity(_ severity: String) -> String {
        language.messages.words.severities(severity)
    }

    private var zone: ZoneRules { ZoneRules.system(timezone) ?? .fixed(seconds: 0) }

    /// A moment in the cycle's zone: `29.11.2026 kl. 06.10`, `29 Nov 2026 06:10`.
    func moment(_ date: Date) -> String {
        local(zone.local(forUTC: Int(date.timeIntervalSince1970.rounded(.down))))
    }

    /// A normalised start (`2027-12-16`, `2027-12-16T08:00:00Z`, or a floating time) for people.
    func when(_ normalized: String) -> String {
        switch NormalizedTime(normalized, in: zone) {
        case nil: return normalized
        case .date(let date)?: return dateText(date)
        case .time(let time)?: return local(time)
        }
    }

    private func dateText(_ date: LocalDate) -> String {
        words.date(date.day, date.month, date.year)
    }

    private func local(_ time: LocalDateTime) -> String {
        let hour = time.hour < 10 ? "0\(time.hour)" : "\(time.hour)"
        let minute = time.minute < 10 ? "0\(time.minute)" : "\(time.minute)"
        return words.time(dateText(time.date), hour, minute)
    }

    /// `3 timer`, `2 dager`, `5 minutes`.
    func age(from start: Date, to end: Date) -> String {
        let seconds = max(0, Int(end.timeIntervalSince(start)))
        if seconds >= 2 * 86_400 { return words.day.counted(seconds / 86_400) }
        if seconds >= 2 * 3_600 { return words.hour.counted(seconds / 3_600) }
        if seconds >= 60 { return words.minute.counted(seconds / 60) }
        return words.second.counted(seconds)
    }

    private func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
