import Aarshjul
import Foundation
import ICalendar

/// What `aarshjul sync` found: the sources, the changes since the last sync, the conflicts
/// that appeared and went away, and the feeds written.
public struct SyncReport: Sendable, Codable {
    /// When this sync started (every change it found carries this time).
    public var startedAt: Date
    /// When it finished.
    public var finishedAt: Date
    /// When the previous sync started, or `nil` for the first.
    public var previousSync: Date?
    /// The cycle year built.
    public var year: String
    /// How each source fared, in configuration order.
    public var sources: [SourceStatus]
    /// The item changes, by source, then UID.
    public var changes: [ItemChange]
    /// Conflicts found for the first time (or again after being resolved).
    public var newConflicts: [ConflictChange]
    /// Conflicts no longer found.
    public var resolvedConflicts: [ConflictChange]
    /// Open conflicts now.
    public var openConflicts: Int
    /// Accepted conflicts now.
    public var acceptedConflicts: Int
    /// Acceptances in the configuration that match no conflict.
    public var staleAcceptances: [String]
    /// The directory the feeds were written to, or `nil` when none were written.
    public var feedsDirectory: String?
    /// The feed files written.
    public var feedFiles: [String]
    /// Events whose SEQUENCE this sync raised above their source's, because their content
    /// changed without the source raising it.
    public var raisedSequences: Int
    /// How each `[[publish]]` target fared, in configuration order; `nil` when there are none.
    public var publications: [PublishStatus]?

    /// Whether this was the first sync of the state.
    public var isFirstSync: Bool { previousSync == nil }
    /// The sources served from their last good copy or missing.
    public var staleSources: [SourceStatus] { sources.filter { !$0.isCurrent } }
}

/// A sync's report with what it built, for a caller that serves or prints more.
public struct SyncOutcome: Sendable {
    /// The report.
    public var report: SyncReport
    /// The cycle built.
    public var cycle: Cycle
    /// Its conflicts.
    public var conflicts: ConflictReport
    /// The feeds, with their SEQUENCEs raised where needed.
    public var feeds: [Feed]
    /// The language of the explanations and titles.
    public var language: Language
    /// The source calendars the cycle was built from (a stale source's last good copy
    /// included), for a caller that builds more from them, such as next year's plan.
    public var sources: [SourceCalendar] = []
    /// When each served file's bytes last changed (`combined.ics`, `conflicts.json`), as the
    /// state records them: what a server sends as `Last-Modified`.
    public var fileTimes: [String: Date] = [:]
    /// The bytes of each served file, by name, as the sync serialised and hashed them, so
    /// that a server does not serialise the feeds again.
    public var files: [String: [UInt8]] = [:]
}

/// Options of one sync.
public struct SyncOptions: Sendable {
    /// A pinned cycle year, or `nil` for the one containing the sync's time.
    public var year: Int?
    /// The language of titles and explanations, or `nil` for the configuration's.
    public var language: Language?
    /// Where to write the feeds; `nil` for `[sync] out`.
    public var outputDirectory: String?
    /// Whether to write the feeds at all.
    public var writeFeeds: Bool
    /// Whether to wait for a sync that is already running (else fail at once).
    public var waitForLock: Bool
    /// The time of the sync (the clock, unless a test pins it).
    public var now: Date?
    /// Whether to publish into the `[[publish]]` targets.
    public var publish: Bool
    /// The environment `password-env` names are looked up in; `nil` for the process's.
    public var environment: [String: String]?
    /// A lock on the store that the caller already holds (a server elected to sync holds it
    /// for as long as it leads), or `nil` to take the store's lock for this sync alone. With
    /// one, the sync neither takes nor releases the lock, and ``waitForLock`` is not used.
    public var heldLock: (any SyncLock)?

    /// Creates options.
    public init(year: Int? = nil, language: Language? = nil, outputDirectory: String? = nil, writeFeeds: Bool = true,
                waitForLock: Bool = true, now: Date? = nil, publish: Bool = true, environment: [String: String]? = nil,
                heldLock: (any SyncLock)? = nil) {
        self.heldLock = heldLock
        self.publish = publish
        self.environment = environment
        self.year = year
        self.language = language
        self.outputDirectory = outputDirectory
        self.writeFeeds = writeFeeds
        self.waitForLock = waitForLock
        self.now = now
    }
}

/// Why a sync failed as a whole (a source failing does not fail the sync).
public struct SyncError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// One sync: fetch every source at once (files, URLs, CalDAV calendars) → merge → conflicts →
/// feeds → publish into the `[[publish]]` calendars → record the state, and report what changed
/// since the last sync.
///
/// ```swift
/// let configuration = try AarshjulConfiguration.load(fileAt: "aarshjul.toml")
/// let store = try SQLiteStateStore(path: configuration.sync.statePath)
/// let fetcher = HTTPSourceFetcher(limits: FetchLimits(configuration.sync))
/// let outcome = try await SyncEngine(configuration: configuration, store: store, fetcher: fetcher).run()
/// for change in outcome.report.changes { print(change.kind, change.summary) }
/// try await fetcher.shutdown()
/// ```
///
/// A source that cannot be fetched, or whose new copy is refused (not iCalendar, cut short,
/// far fewer events than before), is built from its last good copy and reported stale; its
/// items are neither removed nor reported changed. A publish target that fails is reported
/// without failing the sync; publishing waits while a source has no copy at all. The state
/// (CalDAV mirrors and publishing states included) is written in one transaction after the
/// feeds and the publishing, so a crash leaves the previous state, and the next sync redoes
/// the work.
public struct SyncEngine: Sendable {
    /// The configuration.
    public var configuration: AarshjulConfiguration
    /// Where the state lives.
    public var store: any SyncStateStore
    /// Fetches `url` sources.
    public var fetcher: any SourceFetching
    /// The options.
    public var options: SyncOptions

    /// Creates an engine.
    public init(configuration: AarshjulConfiguration, store: any SyncStateStore, fetcher: any SourceFetching,
                options: SyncOptions = SyncOptions()) {
        self.configuration = configuration
        self.store = store
        self.fetcher = fetcher
        self.options = options
    }

    /// Runs the sync.
    ///
    /// - Parameters:
    ///   - progress: called as each source's fetch starts and finishes (from any task).
    ///   - waiting: called when another sync holds the lock and this one waits for it.
    /// - Throws: ``SyncStateError`` (the state cannot be locked, read or written, or the lock
    ///   was lost before the commit) or ``SyncError`` (the feeds cannot be written). Nothing is
    ///   recorded then.
    public func run(progress: @escaping @Sendable (SourceProgress) -> Void = { _ in },
                    waiting: (String) -> Void = { _ in }) async throws -> SyncOutcome {
        if let held = options.heldLock {
            return try await run(holding: held, progress: progress)
        }
        let lock = try await store.acquireLock(wait: options.waitForLock, waiting: waiting)
        let outcome: SyncOutcome
        do {
            outcome = try await run(holding: lock, progress: progress)
        } catch {
            await lock.release()
            throw error
        }
        await lock.release()
        return outcome
    }

    /// The sync under `lock`, which the caller takes and releases.
    private func run(holding lock: any SyncLock, progress: @escaping @Sendable (SourceProgress) -> Void) async throws -> SyncOutcome {
        let started = options.now ?? Date()
        let state = try await store.load()

        // 1. Every source at once.
        let builder = CycleBuilder(configuration: configuration)
        let year = options.year.map { CycleYear(year: $0, start: configuration.cycle.start) } ?? builder.year(now: started)
        let environment = options.environment ?? ProcessInfo.processInfo.environment
        let loader = SourceLoader(settings: configuration.sync, fetcher: fetcher, now: started, environment: environment,
                                  window: CalDAVWindow(year: year))
        let sources = configuration.sources
        let loaded = await withTaskGroup(of: (Int, LoadedSource).self) { group in
            for (index, source) in sources.enumerated() {
                let previous = state.snapshots[source.id]
                let mirror = state.calDAVMirrors[source.id]
                group.addTask {
                    progress(.started(source: source.id, origin: source.origin))
                    let result = await loader.load(source, snapshot: previous, mirror: mirror)
                    progress(.finished(result.status))
                    return (index, result)
                }
            }
            var results = [LoadedSource?](repeating: nil, count: sources.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }

        // 2. Merge, cycle, conflicts, feeds.
        let calendars = loaded.compactMap(\.calendar)
        let cycle = builder.build(year: year, sources: calendars)
        let language = options.language ?? configuration.cycle.language
        let conflicts = ConflictEngine(configuration: configuration).run(on: cycle, language: language)
        let sequenced = FeedSequencer(previous: state.feedItems)
            .apply(to: FeedBuilder(configuration: configuration, language: language).feeds(for: cycle, conflicts: conflicts))

        // 3. What changed.
        let current = Set(loaded.filter { $0.status.isCurrent }.map(\.status.source))
        let items = ChangeDetector(previous: state.items, now: started)
            .detect(current: ChangeDetector.currentItems(of: cycle.merge, sources: current), sources: current)
        let conflictDiff = Self.compare(conflicts, with: state, at: started)
        let acceptances = configuration.accepts.map { accept in
            let matched = conflicts.conflicts.contains { $0.id == accept.conflict && $0.isAccepted }
            let first = state.acceptances[accept.conflict]?.firstApplied ?? started
            return AcceptanceRecord(conflict: accept.conflict, reason: accept.reason, firstApplied: first, lastApplied: started, matched: matched)
        }

        // 4. The feeds, then the state (one transaction). Each file is serialised once: its
        // bytes are written, hashed for the state and handed to the caller that serves them.
        let feedFiles = sequenced.feeds.map { (name: $0.fileName, bytes: $0.bytes) }
        let served = Self.servedFiles(feedFiles, conflicts: conflicts, language: language)
        var files: [String] = []
        var directory: String?
        if options.writeFeeds {
            let out = options.outputDirectory ?? configuration.sync.outputDirectory
            do {
                files = try FeedExporter(directory: out).write(files: feedFiles).map { ($0 as NSString).lastPathComponent }
                directory = out
            } catch {
                throw SyncError("\(error); nothing was recorded, the next sync tries again")
            }
        }
        // 5. The [[publish]] targets, one after the other; their states go into the same commit.
        var publications: [PublishStatus] = []
        var published: [String: CalDAVPublisher.State] = [:]
        if options.publish {
            let publishing = FeedPublishing(fetcher: fetcher, environment: environment)
            let missing = loaded.filter { $0.status.state == .unavailable }.map(\.status.source)
            for target in configuration.publish {
                let result = await publishing.publish(target, feeds: sequenced.feeds, state: state.publications[target.target],
                                                      missingSources: missing)
                publications.append(result.status)
                if let kept = result.state { published[target.target] = kept }
            }
        }

        let servedFiles = FeedFileRecord.records(for: served, previous: state.feedFiles, now: started)
        let finished = options.now ?? Date()
        let stale = loaded.filter { !$0.status.isCurrent }.map(\.status.source)
        let run = SyncRun(startedAt: started, finishedAt: max(finished, started), year: year.description, staleSources: stale)
        // Another sync may hold the lock by now (a database connection that held it closed):
        // committing then could interleave two syncs' states.
        guard await lock.isHeld else {
            throw SyncStateError("lost the lock on the sync state before committing; nothing was recorded, the next sync tries again")
        }
        try await store.commit(SyncRecord(run: run, snapshots: loaded.compactMap(\.snapshot), items: items.records,
                                    feedItems: sequenced.records, conflicts: conflictDiff.records, acceptances: acceptances,
                                    itemChanges: items.changes, conflictChanges: conflictDiff.changes,
                                    calDAVMirrors: Dictionary(loaded.compactMap { result in result.mirror.map { (result.status.source, $0) } },
                                                              uniquingKeysWith: { a, _ in a }),
                                    publications: published, feedFiles: servedFiles))

        let report = SyncReport(
            startedAt: started, finishedAt: run.finishedAt, previousSync: state.lastRun?.startedAt, year: year.description,
            sources: loaded.map(\.status), changes: items.changes,
            newConflicts: conflictDiff.changes.filter { $0.kind == .new },
            resolvedConflicts: conflictDiff.changes.filter { $0.kind == .resolved },
            openConflicts: conflicts.open.count, acceptedConflicts: conflicts.accepted.count,
            staleAcceptances: conflicts.staleAcceptances.map(\.conflict),
            feedsDirectory: directory, feedFiles: files, raisedSequences: sequenced.raised,
            publications: publications.isEmpty ? nil : publications)
        return SyncOutcome(report: report, cycle: cycle, conflicts: conflicts, feeds: sequenced.feeds, language: language,
                           sources: calendars, fileTimes: Dictionary(servedFiles.map { ($0.name, $0.modifiedAt) }, uniquingKeysWith: { a, _ in a }),
                           files: Dictionary(served.map { ($0.name, $0.bytes) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The files a server serves from a sync's results, by name: each feed (already
    /// serialised) and `conflicts.json`.
    static func servedFiles(_ feedFiles: [(name: String, bytes: [UInt8])], conflicts: ConflictReport,
                            language: Language) -> [(name: String, bytes: [UInt8])] {
        var files = feedFiles
        if let json = try? ConflictReportText(report: conflicts, language: language).json() {
            files.append((name: "conflicts.json", bytes: Array(json.utf8)))
        }
        return files
    }

    /// Conflicts that appeared and went away, and the records to store.
    static func compare(_ report: ConflictReport, with state: SyncState, at now: Date) -> (changes: [ConflictChange], records: [ConflictRecord]) {
        var changes: [ConflictChange] = []
        var records: [ConflictRecord] = []
        var seen: Set<String> = []
        for conflict in report.conflicts {
            seen.insert(conflict.id)
            let old = state.conflicts[conflict.id]
            let wasOpen = old.map { $0.resolvedAt == nil && !$0.accepted } ?? false
            if !conflict.isAccepted, !wasOpen {
                changes.append(ConflictChange(at: now, conflict: conflict.id, kind: .new, rule: conflict.rule,
                                              severity: conflict.severity.rawValue, explanation: conflict.explanation))
            }
            records.append(ConflictRecord(id: conflict.id, rule: conflict.rule, severity: conflict.severity.rawValue,
                                          explanation: conflict.explanation, firstSeen: old?.firstSeen ?? now, lastSeen: now,
                                          resolvedAt: nil, accepted: conflict.isAccepted))
        }
        for (id, old) in state.conflicts.sorted(by: { $0.key < $1.key }) where old.resolvedAt == nil && !seen.contains(id) {
            var record = old
            record.resolvedAt = now
            records.append(record)
            if !old.accepted {
                changes.append(ConflictChange(at: now, conflict: id, kind: .resolved, rule: old.rule, severity: old.severity,
                                              explanation: old.explanation))
            }
        }
        return (changes, records)
    }
}

extension SyncEngine {
    /// One sync with an HTTP fetcher with the configuration's `[sync]` limits, closed
    /// afterwards: what `aarshjul sync` and `aarshjul serve` run.
    ///
    /// - Parameters:
    ///   - configuration: the configuration.
    ///   - store: the state; `nil` opens the configuration's state file. A PostgreSQL state
    ///     (`[sync] state = "postgres://…"`) is opened by AarshjulPostgres's
    ///     `SyncStateStores.open` and passed here.
    ///   - options: the options.
    ///   - progress: called as each source's fetch starts and finishes.
    ///   - waiting: called when another sync holds the lock and this one waits for it.
    /// - Throws: as ``run(progress:waiting:)``, and ``SyncStateError`` when the state file
    ///   cannot be opened.
    public static func run(configuration: AarshjulConfiguration, store: (any SyncStateStore)? = nil,
                           options: SyncOptions = SyncOptions(),
                           progress: @escaping @Sendable (SourceProgress) -> Void = { _ in },
                           waiting: (String) -> Void = { _ in }) async throws -> SyncOutcome {
        let store = try store ?? Self.fileStore(configuration.sync.state)
        let fetcher = HTTPSourceFetcher(limits: FetchLimits(configuration.sync))
        let outcome: SyncOutcome
        do {
            outcome = try await SyncEngine(configuration: configuration, store: store, fetcher: fetcher, options: options)
                .run(progress: progress, waiting: waiting)
        } catch {
            try? await fetcher.shutdown()
            throw error
        }
        try? await fetcher.shutdown()
        return outcome
    }

    /// The SQLite store of a file state; a PostgreSQL state needs AarshjulPostgres.
    private static func fileStore(_ location: StateLocation) throws -> SQLiteStateStore {
        switch location {
        case .file(let path): return try SQLiteStateStore(path: path)
        case .postgres(let url):
            throw SyncStateError("the state \(url) is a PostgreSQL database; open it with AarshjulPostgres (SyncStateStores.open) and pass it as store")
        }
    }
}
