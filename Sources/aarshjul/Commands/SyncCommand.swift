import Aarshjul
import AarshjulPostgres
import AarshjulSync
import ArgumentParser
import Foundation
import ICalendar

/// `aarshjul sync`: fetch every source, rebuild the cycle, conflicts and feeds, record the
/// state, and report what changed since the last sync.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch the sources, update the feeds and the state, and report what changed since the last sync.",
        discussion: """
        Sources with url = "https://…" (or webcal://) are fetched all at once, with If-None-Match and \
        If-Modified-Since; caldav sources are read from their calendar server, only what changed since \
        the last sync (the password comes from the environment variable named by password-env); path \
        sources are read from disk. A source that cannot be fetched, or whose \
        new copy is not a whole calendar or has lost most of its events, is built from its last good \
        copy and reported as stale, with how stale it is. The state (default .aarshjul/state.sqlite \
        beside the configuration, [sync] state) records every source copy, item and conflict; the feeds \
        go to [sync] out (default feeds/ beside the configuration) or --out.

        The report lists, per source, the items new, moved, changed, cancelled and removed since the \
        last sync, the conflicts new and resolved, and the stale sources. Exit status as for \
        `aarshjul conflicts`: 1 when an open conflict is at or above --fail-on; 2 when the state or \
        the feeds cannot be written. After the sync, each [[publish]] calendar is brought to its feed's \
        items (--no-publish: not); what was written, and items left alone because someone edited them \
        on the server, are in the report. A second sync started while one runs waits for it (--no-wait: \
        fails at once).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var options: ConfigOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Exit with status 1 when an open conflict is at least this severe: error, warning, info or never.")
    var failOn: ConflictsCommand.FailOn = .error

    @Option(help: "Write the feeds here instead of [sync] out.")
    var out: String?

    @Flag(help: "Do not write the feeds (record the state and report only).")
    var noFeeds = false

    @Flag(help: "Fail at once when another sync is running, instead of waiting for it.")
    var noWait = false

    @Flag(help: "Do not publish into the [[publish]] calendars this time.")
    var noPublish = false

    func run() async throws {
        let configuration = try options.load()
        let language = options.language(for: configuration)
        let syncOptions = SyncOptions(year: options.year, language: language,
                                      outputDirectory: out.map { URL(fileURLWithPath: $0).standardized.path },
                                      writeFeeds: !noFeeds, waitForLock: !noWait, publish: !noPublish)
        let progress = Terminal.standardErrorIsInteractive
        let outcome: SyncOutcome
        do {
            outcome = try await withSyncState(configuration) { store in
                try await SyncEngine.run(configuration: configuration, store: store, options: syncOptions, progress: { event in
                    guard progress else { return }
                    Self.show(event, words: language.messages.sync)
                }, waiting: { message in Terminal.error("sync: \(message)") })
            }
        } catch {
            Terminal.error("sync: error: \(error)")
            throw ExitCode(2)
        }
        let text = SyncReportText(configuration: configuration, language: language)
        switch format {
        case .text: Terminal.write(text.text(outcome.report))
        case .json: Terminal.write(try text.json(outcome.report))
        }
        if let threshold = failOn.threshold, outcome.conflicts.hasOpen(atLeast: threshold) { throw ExitCode(1) }
    }

    /// A progress line on standard error for each remote fetch.
    private static func show(_ event: SourceProgress, words: SyncMessages) {
        switch event {
        case .started(let source, let origin):
            guard !origin.hasPrefix("/") else { return }
            Terminal.error(words.fetching(source, "\(origin)"))
        case .finished(let status):
            guard status.seconds != nil else { return }
            let took = String(format: "%.1f s", status.seconds ?? 0)
            switch status.state {
            case .updated, .unchanged, .notModified:
                Terminal.error(words.fetched(status.source, status.events, took))
            case .stale, .unavailable:
                Terminal.error(words.fetchFailed(status.source, took, status.reason ?? ""))
            }
        }
    }
}

/// `aarshjul changes`: the change history recorded by `aarshjul sync`.
struct ChangesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Show the changes recorded by earlier syncs: items new, moved, changed, cancelled and removed, conflicts new and resolved.",
        discussion: """
        --since takes a date (2027-03-01, from midnight in the cycle's time zone), a date and time \
        (2027-03-01T12:00), or a duration back from now (P7D: the last seven days).
        """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "Only syncs from this date, date and time, or duration ago (P7D).")
    var since: String?

    @Option(help: "Output format: text or json.")
    var format: SyncCommand.Format = .text

    func run() async throws {
        let configuration = try options.load()
        let from: Date?
        if let since {
            guard let date = Self.parse(since, timezone: configuration.cycle.timezone) else {
                Terminal.error("changes: error: --since \(since): expected a date (2027-03-01), a date and time (2027-03-01T12:00) or a duration (P7D)")
                throw ExitCode(2)
            }
            from = date
        } else {
            from = nil
        }
        guard await SyncStateStores.exists(configuration.sync.state) else {
            Terminal.error("changes: no sync state at \(configuration.sync.state); run `aarshjul sync` first")
            throw ExitCode(2)
        }
        let history: SyncHistory
        do {
            history = try await withSyncState(configuration) { try await $0.history(since: from) }
        } catch {
            Terminal.error("changes: error: \(error)")
            throw ExitCode(2)
        }
        let language = options.language(for: configuration)
        let text = SyncReportText(configuration: configuration, language: language)
        switch format {
        case .text: Terminal.write(text.text(history, since: from))
        case .json: Terminal.write(try text.json(history))
        }
    }

    /// A date, date-time (local to the cycle's zone) or duration back from `now`.
    static func parse(_ text: String, timezone: String, now: Date = Date()) -> Date? {
        let zone = ZoneRules.system(timezone) ?? .fixed(seconds: 0)
        if text.hasPrefix("P"), let duration = ICalDuration.parse(text), duration.totalSeconds > 0 {
            return now.addingTimeInterval(-Double(duration.totalSeconds))
        }
        if text.count == 10, let date = LocalDate(iso: text) {
            return Date(timeIntervalSince1970: Double(zone.utc(for: LocalDateTime(date: date))))
        }
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let date = LocalDate(iso: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":")
        guard clock.count >= 2, let hour = Int(clock[0]), let minute = Int(clock[1]), (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return Date(timeIntervalSince1970: Double(zone.utc(for: LocalDateTime(date: date, hour: hour, minute: minute))))
    }
}

/// Runs `body` with the configuration's sync state (`[sync] state`: a file or PostgreSQL),
/// closed afterwards.
func withSyncState<T: Sendable>(_ configuration: AarshjulConfiguration,
                                _ body: (any SyncStateStore) async throws -> T) async throws -> T {
    let store = try await SyncStateStores.open(configuration.sync.state)
    do {
        let value = try await body(store)
        await store.close()
        return value
    } catch {
        await store.close()
        throw error
    }
}
