import Aarshjul
import AarshjulPostgres
import AarshjulSync
import ArgumentParser
import Foundation
import PostgresTestSupport

/// `state`: a sync of the generated pair with its state in SQLite and in PostgreSQL, in one run;
/// the commit (one transaction of the whole sync) timed apart from the rest (issue 15).
struct StateBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Time syncs of the generated pair against the SQLite and the PostgreSQL state store; the commits apart.",
        discussion: """
        Each round syncs the pair twice into a new, empty state of each store: the first sync \
        inserts everything, the second (nothing changed) writes every record again. Without \
        --postgres a server is started for the run (initdb + pg_ctl on loopback, as the tests do).
        """
    )

    @Option(help: "Series per calendar of the pair.")
    var pair = 20_000

    @Option(name: .customLong("repeat"), help: "Rounds (a new state each).")
    var repeats = 3

    @Option(help: "Where the generated calendars and the SQLite states go.")
    var dir = "/tmp/aarshjul-state-bench"

    @Option(help: "A PostgreSQL server's address without the database (postgres://user@host:port); the password from AARSHJUL_PG_PASSWORD. Default: start one.")
    var postgres: String?

    func run() async throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let a = "\(dir)/pair-a-\(pair).ics", b = "\(dir)/pair-b-\(pair).ics"
        for (path, seed, prefix) in [(a, UInt64(1), "a-"), (b, UInt64(2), "b-")] where !FileManager.default.fileExists(atPath: path) {
            try writeGenerated(path, GeneratorOptions(events: pair, seed: seed, uidPrefix: prefix, sharedFraction: 0.1, sharedSeed: 7))
        }
        let toml = "\(dir)/pair-\(pair).toml"
        try RulesBenchCommand.configuration(a: a, b: b).write(toFile: toml, atomically: true, encoding: .utf8)
        let configuration = try AarshjulConfiguration.load(fileAt: toml)

        var server: PostgresTestServer?
        let base: String
        var environment = ProcessInfo.processInfo.environment
        if let postgres {
            base = postgres
        } else {
            let started = try PostgresTestServer.shared()
            server = started
            environment = started.environment
            base = "postgres://\(started.user)@127.0.0.1:\(started.port)"
        }

        var samples: [String: [Double]] = [:]
        for round in 1...repeats {
            for kind in ["sqlite", "postgres"] {
                let store: any SyncStateStore
                if kind == "sqlite" {
                    let path = "\(dir)/state-\(round).sqlite"
                    for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                    store = try SQLiteStateStore(path: path)
                } else {
                    let database: String
                    if let server {
                        database = try server.makeDatabase("bench")
                    } else {
                        database = "aarshjul_bench_\(getpid())_\(round)"
                        throw ValidationError("with --postgres, create the database \(database) first (not done by the bench)")
                    }
                    guard case .success(let url) = PostgresURL.parse("\(base)/\(database)?sslmode=disable") else {
                        throw ValidationError("cannot read \(base)")
                    }
                    store = try await PostgresStateStore(url: url, environment: environment)
                }
                let timed = TimedStore(store)
                for (pass, name) in ["first", "again"].enumerated() {
                    let fetcher = HTTPSourceFetcher()
                    let start = Stopwatch.now()
                    let outcome = try await SyncEngine(configuration: configuration, store: timed, fetcher: fetcher,
                                                       options: SyncOptions(year: 2027, writeFeeds: false, publish: false))
                        .run()
                    let total = Stopwatch.seconds(since: start)
                    try await fetcher.shutdown()
                    let commit = timed.lastCommit
                    samples["\(kind) \(name) sync", default: []].append(total)
                    samples["\(kind) \(name) commit", default: []].append(commit)
                    samples["\(kind) \(name) load", default: []].append(timed.lastLoad)
                    log(String(format: "round %d %@ %@ (%d changes): sync %.3f s, load %.3f s, commit %.3f s",
                               round, kind, name, outcome.report.changes.count, total, timed.lastLoad, commit))
                    log("  record: \(timed.lastRows)")
                    _ = pass
                }
                await store.close()
            }
        }
        var figures: [String: Double] = [:]
        for (name, values) in samples.sorted(by: { $0.key < $1.key }) {
            figures[name] = median(values)
            print(String(format: "%-24@ median %.3f s  (%@)", name as NSString, median(values),
                         values.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
        }
        for pass in ["first", "again"] {
            if let sqlite = figures["sqlite \(pass) commit"], let pg = figures["postgres \(pass) commit"], sqlite > 0 {
                print(String(format: "commit ratio postgres/sqlite, %@ sync: %.2f× (target ≤ 3×)", pass, pg / sqlite))
            }
        }
        let json = try JSONSerialization.data(withJSONObject: samples, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
        server?.remove()
    }
}

/// A store that times its loads and commits.
final class TimedStore: SyncStateStore, @unchecked Sendable {
    private let store: any SyncStateStore
    private(set) var lastCommit = 0.0
    private(set) var lastLoad = 0.0
    /// The rows of the last record, per table, and the bytes of its calendar copies.
    private(set) var lastRows = ""

    init(_ store: any SyncStateStore) { self.store = store }

    func acquireLock(wait: Bool, waiting: (String) -> Void) async throws -> any SyncLock {
        try await store.acquireLock(wait: wait, waiting: waiting)
    }

    func load() async throws -> SyncState {
        let start = Stopwatch.now()
        defer { lastLoad = Stopwatch.seconds(since: start) }
        return try await store.load()
    }

    func commit(_ record: SyncRecord) async throws {
        let start = Stopwatch.now()
        defer { lastCommit = Stopwatch.seconds(since: start) }
        lastRows = "snapshots \(record.snapshots.count) (\(record.snapshots.reduce(0) { $0 + $1.content.count }) bytes), "
            + "items \(record.items.count), feed items \(record.feedItems.count), conflicts \(record.conflicts.count), "
            + "acceptances \(record.acceptances.count), item changes \(record.itemChanges.count), "
            + "conflict changes \(record.conflictChanges.count), feed files \(record.feedFiles.count)"
        try await store.commit(record)
    }

    func history(since: Date?) async throws -> SyncHistory { try await store.history(since: since) }
    func latestRun() async throws -> SyncRun? { try await store.latestRun() }
}
