import Aarshjul
import Foundation
import ICalendar

/// `aarshjul sync` and `aarshjul changes` as people read them (bokmål or English) and as
/// scripts read them (JSON).
///
/// Times are shown in the cycle's time zone: `16.12.2027 kl. 09.00` in bokmål, `16 Dec 2027
/// 09:00` in English; all-day items by their date alone.
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

    private var nb: Bool { language == .nb }

    // MARK: sync

    /// The report of one sync, for a terminal or an e-mail.
    public func text(_ report: SyncReport) -> String {
        var out = ""
        let previous = report.previousSync.map { (nb ? " (forrige: " : " (previous: ") + moment($0) + ")" } ?? ""
        out += (nb ? "Synkronisering " : "Sync ") + moment(report.startedAt) + previous + (nb ? ", årshjul " : ", cycle ") + report.year + "\n"

        out += "\n" + (nb ? "Kilder" : "Sources") + "\n"
        for source in report.sources {
            out += "  " + pad(source.source, to: report.sources.map(\.source.count).max() ?? 0) + "  " + sourceLine(source, now: report.startedAt) + "\n"
        }

        out += "\n"
        if report.isFirstSync {
            let count = report.changes.count(where: { $0.kind == .new })
            out += nb ? "Første synkronisering: \(count) \(count == 1 ? "hendelse" : "hendelser") registrert. Neste gang vises det som er endret.\n"
                      : "First sync: \(count) \(count == 1 ? "item" : "items") recorded. Next time, what changed is shown.\n"
        } else if report.changes.isEmpty {
            out += nb ? "Ingen endringer i hendelsene siden forrige synkronisering.\n" : "No changes to the items since the previous sync.\n"
        } else {
            out += (nb ? "Endringer siden forrige synkronisering" : "Changes since the previous sync") + "\n"
            out += changeLines(report.changes)
        }

        out += "\n" + (nb ? "Konflikter: " : "Conflicts: ")
        out += nb ? "\(report.newConflicts.count) nye, \(report.resolvedConflicts.count) løst, \(report.openConflicts) åpne"
                  : "\(report.newConflicts.count) new, \(report.resolvedConflicts.count) resolved, \(report.openConflicts) open"
        if report.acceptedConflicts > 0 { out += nb ? " (\(report.acceptedConflicts) akseptert)" : " (\(report.acceptedConflicts) accepted)" }
        out += "\n"
        for change in report.newConflicts {
            out += "  " + (nb ? "ny     " : "new      ") + "[\(severity(change.severity))] " + change.explanation + "  (\(change.conflict))\n"
        }
        for change in report.resolvedConflicts {
            out += "  " + (nb ? "løst   " : "resolved ") + "[\(severity(change.severity))] " + change.explanation + "  (\(change.conflict))\n"
        }
        for id in report.staleAcceptances {
            out += nb ? "  [[accept]] \(id) passer ikke lenger til noen konflikt; den kan fjernes.\n"
                      : "  [[accept]] \(id) no longer matches any conflict; it can be removed.\n"
        }

        if let directory = report.feedsDirectory {
            out += "\n" + (nb ? "Kalenderfeeder: \(report.feedFiles.count) skrevet til \(directory)"
                               : "Feeds: \(report.feedFiles.count) written to \(directory)")
            if report.raisedSequences > 0 {
                out += nb ? " (\(report.raisedSequences) med høyere SEQUENCE, så abonnentene oppdaterer dem)"
                          : " (\(report.raisedSequences) with a raised SEQUENCE, so subscribers update them)"
            }
            out += "\n"
        }
        if let publications = report.publications, !publications.isEmpty {
            out += "\n" + (nb ? "Publisert til kalenderservere" : "Published to calendar servers") + "\n"
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
            out += nb ? "\(status.created) opprettet, \(status.updated) endret, \(status.deleted) slettet, \(status.unchanged) uendret"
                      : "\(status.created) created, \(status.updated) updated, \(status.deleted) deleted, \(status.unchanged) unchanged"
            if !status.refused.isEmpty {
                out += nb ? ", \(status.refused.count) ikke skrevet (se under)" : ", \(status.refused.count) not written (see below)"
            }
        case .failed:
            out += nb ? "FEILET – det som ikke ble skrevet, prøves igjen ved neste synkronisering; kildene er synkronisert som vanlig. Årsak: "
                      : "FAILED – what was not written is tried again at the next sync; the sources synced as usual. Reason: "
            out += status.reason ?? "?"
        case .heldBack:
            let names = status.missingSources.map { sourceNames[$0] ?? $0 }.joined(separator: ", ")
            out += nb ? "HOLDT TILBAKE – \(names) har ingen kopi ennå, og å publisere nå ville fjerne hendelsene derfra i kalenderen. Publiseres når kilden kan leses."
                      : "HELD BACK – \(names) has no copy yet, and publishing now would remove its items from the calendar. Published once the source can be read."
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
        switch (refusal.reason, nb) {
        case (.changedOnServer, true):
            return "\(item) er endret i kalenderen på serveren etter at Aarshjul publiserte den, så Aarshjul skriver ikke over endringen. Endre hendelsen i kildekalenderen, eller slett kopien på serveren, så publiseres den på nytt ved neste synkronisering."
        case (.changedOnServer, false):
            return "\(item) was changed in the calendar on the server after Aarshjul published it, so Aarshjul does not write over that change. Change the item in its source calendar, or delete the server's copy to have it published again at the next sync."
        case (.notOurs, true):
            return "En hendelse som Aarshjul ikke har laget, har samme navn på serveren; den blir stående, og \(item) publiseres ikke der. Flytt eller slett den hendelsen, eller publiser til en egen kalender."
        case (.notOurs, false):
            return "An item Aarshjul did not create has the same name on the server; it is left as it is, and \(item) is not published there. Move or delete that item, or publish into a calendar of its own."
        case (.changedNotDeleted, true):
            return "Hendelsen \(item) er ikke lenger i feeden, men noen har endret den på serveren, så Aarshjul sletter den ikke. Slett den i kalenderappen hvis den skal bort."
        case (.changedNotDeleted, false):
            return "The item \(item) left the feed, but someone changed it on the server, so Aarshjul does not delete it. Delete it in the calendar app if it should go."
        }
    }

    /// One source's line: what happened and, for a stale one, how stale.
    func sourceLine(_ source: SourceStatus, now: Date) -> String {
        let name = source.name
        let events = nb ? "\(source.events) \(source.events == 1 ? "hendelse" : "hendelser")" : "\(source.events) \(source.events == 1 ? "event" : "events")"
        let took = source.seconds.map { String(format: " (%.1f s)", $0) } ?? ""
        switch source.state {
        case .updated:
            return "\(name): " + (nb ? "ny versjon, " : "new version, ") + events + took
        case .unchanged:
            return "\(name): " + (nb ? "uendret, " : "unchanged, ") + events + took
        case .notModified:
            return "\(name): " + (nb ? "uendret (304), " : "unchanged (304), ") + events + took
        case .stale:
            let age = source.checkedAt.map { self.age(from: $0, to: now) } ?? "?"
            return "\(name): " + (nb ? "FORELDET – bruker siste gode kopi (\(events), hentet \(source.fetchedAt.map(moment) ?? "?"), bekreftet for \(age) siden). Årsak: "
                                     : "STALE – using the last good copy (\(events), fetched \(source.fetchedAt.map(moment) ?? "?"), confirmed \(age) ago). Reason: ")
                + (source.reason ?? "?")
        case .unavailable:
            return "\(name): " + (nb ? "UTILGJENGELIG – ingen tidligere kopi, kilden er utelatt. Årsak: " : "UNAVAILABLE – no earlier copy, the source is left out. Reason: ")
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
                out += "    " + (withTime ? moment(change.at) + "  " : "") + pad(kind(change.kind), to: nb ? 8 : 9) + "  " + describe(change) + "\n"
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
                return summary + ", " + from + (nb ? ", slutt " : ", end ") + when(oldEnd) + " → " + when(newEnd)
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
        let from = since.map { (nb ? " fra " : " from ") + moment($0) } ?? ""
        guard !history.runs.isEmpty else {
            return nb ? "Ingen synkroniseringer\(from) i tilstanden.\n" : "No syncs\(from) in the state.\n"
        }
        out += nb ? "\(history.runs.count) \(history.runs.count == 1 ? "synkronisering" : "synkroniseringer")\(from)\n"
                  : "\(history.runs.count) \(history.runs.count == 1 ? "sync" : "syncs")\(from)\n"
        let firstRun = history.runs.first?.startedAt
        for run in history.runs {
            let items = history.itemChanges.filter { $0.at == run.startedAt }
            let conflicts = history.conflictChanges.filter { $0.at == run.startedAt }
            out += "\n" + moment(run.startedAt) + (nb ? " – årshjul " : " – cycle ") + run.year
            if !run.staleSources.isEmpty {
                out += nb ? " (foreldet: " : " (stale: "
                out += run.staleSources.map { sourceNames[$0] ?? $0 }.joined(separator: ", ") + ")"
            }
            out += "\n"
            let onlyNew = items.allSatisfy { $0.kind == .new }
            if items.isEmpty && conflicts.isEmpty {
                out += nb ? "  ingen endringer\n" : "  no changes\n"
                continue
            }
            if onlyNew, items.count > 20, run.startedAt == firstRun, since == nil {
                out += nb ? "  \(items.count) hendelser registrert (første synkronisering)\n" : "  \(items.count) items recorded (first sync)\n"
            } else if !items.isEmpty {
                out += changeLines(items)
            }
            for change in conflicts {
                out += "  " + (change.kind == .new ? (nb ? "ny konflikt   " : "new conflict      ") : (nb ? "løst konflikt " : "resolved conflict "))
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
        switch (kind, nb) {
        case (.new, true): return "ny"
        case (.moved, true): return "flyttet"
        case (.changed, true): return "endret"
        case (.cancelled, true): return "avlyst"
        case (.removed, true): return "fjernet"
        case (.new, false): return "new"
        case (.moved, false): return "moved"
        case (.changed, false): return "changed"
        case (.cancelled, false): return "cancelled"
        case (.removed, false): return "removed"
        }
    }

    func severity(_ severity: String) -> String {
        guard nb else { return severity }
        switch severity {
        case "error": return "feil"
        case "warning": return "advarsel"
        default: return "info"
        }
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
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 10 ? "0\(date.month)" : "\(date.month)"
        if nb { return "\(day).\(month).\(date.year)" }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(date.day) \(months[max(0, min(11, date.month - 1))]) \(date.year)"
    }

    private func local(_ time: LocalDateTime) -> String {
        let hour = time.hour < 10 ? "0\(time.hour)" : "\(time.hour)"
        let minute = time.minute < 10 ? "0\(time.minute)" : "\(time.minute)"
        return dateText(time.date) + (nb ? " kl. \(hour).\(minute)" : " \(hour):\(minute)")
    }

    /// `3 timer`, `2 dager`, `5 minutes`.
    func age(from start: Date, to end: Date) -> String {
        let seconds = max(0, Int(end.timeIntervalSince(start)))
        let (value, nbUnit, enUnit): (Int, (String, String), (String, String))
        if seconds >= 2 * 86_400 {
            (value, nbUnit, enUnit) = (seconds / 86_400, ("dag", "dager"), ("day", "days"))
        } else if seconds >= 2 * 3_600 {
            (value, nbUnit, enUnit) = (seconds / 3_600, ("time", "timer"), ("hour", "hours"))
        } else if seconds >= 60 {
            (value, nbUnit, enUnit) = (seconds / 60, ("minutt", "minutter"), ("minute", "minutes"))
        } else {
            (value, nbUnit, enUnit) = (seconds, ("sekund", "sekunder"), ("second", "seconds"))
        }
        let unit = nb ? (value == 1 ? nbUnit.0 : nbUnit.1) : (value == 1 ? enUnit.0 : enUnit.1)
        return "\(value) \(unit)"
    }

    private func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
