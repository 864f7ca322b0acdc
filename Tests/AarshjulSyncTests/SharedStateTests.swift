import Aarshjul
@testable import AarshjulSync
import Foundation
import Testing

/// What a server that does not sync serves: the last committed sync built from the state,
/// byte for byte what the syncing server built; and the leadership over a shared state.
@Suite("Shared state: committed builds and leadership")
struct SharedStateTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// The feeds, names and bytes.
    static func files(_ feeds: [Feed]) -> [String: [UInt8]] {
        Dictionary(feeds.map { ($0.name, $0.bytes) }, uniquingKeysWith: { a, _ in a })
    }

    @Test("The committed build equals the sync's feeds after each of several syncs (moves, raised SEQUENCEs, a cancellation)")
    func committedEqualsSynced() async throws {
        let setup = try LocalSetup()
        defer { setup.remove() }
        let store = try SQLiteStateStore(path: setup.configuration.sync.statePath)
        let options = SyncOptions(year: 2027, language: .en)
        #expect(try await SyncEngine.committed(configuration: setup.configuration, store: store, options: options) == nil)

        for (step, name) in ["v1.ics", "v2.ics", "v2.ics", "v1.ics"].enumerated() {
            try setup.use(name)
            let synced = try await sync(setup.configuration, at: start + Double(step) * 3600, writeFeeds: false)
            let committed = try #require(try await SyncEngine.committed(configuration: setup.configuration, store: store, options: options))
            #expect(Self.files(committed.feeds) == Self.files(synced.feeds), "after sync \(step + 1) (\(name))")
            #expect(committed.conflicts.conflicts.map(\.id) == synced.conflicts.conflicts.map(\.id))
            #expect(committed.fileTimes == synced.fileTimes)
            #expect(committed.run.id == Int64(step + 1))
        }
    }

    @Test("A stale source is built from the copy the sync used, as on the syncing server")
    func committedWithStaleSource() async throws {
        let setup = try LocalSetup()
        defer { setup.remove() }
        let store = try SQLiteStateStore(path: setup.configuration.sync.statePath)
        _ = try await sync(setup.configuration, at: start, writeFeeds: false)
        try "not a calendar".write(to: setup.directory.appendingPathComponent("a.ics"), atomically: true, encoding: .utf8)
        let synced = try await sync(setup.configuration, at: start + 3600, writeFeeds: false)
        #expect(synced.report.staleSources.map(\.source) == ["a"])
        let committed = try #require(try await SyncEngine.committed(configuration: setup.configuration, store: store,
                                                                     options: SyncOptions(year: 2027, language: .en)))
        #expect(Self.files(committed.feeds) == Self.files(synced.feeds))
        #expect(committed.run.staleSources == ["a"])
    }

    @Test("Served files keep their time while their bytes stay; a change gets the sync's time, always later than before")
    func fileTimes() {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000.7)
        let first = FeedFileRecord.records(for: [("a.ics", [1]), ("b.ics", [2])], previous: [:], now: t0)
        #expect(first.map(\.modifiedAt) == [Date(timeIntervalSince1970: 1_800_000_000), Date(timeIntervalSince1970: 1_800_000_000)])
        let previous = Dictionary(uniqueKeysWithValues: first.map { ($0.name, $0) })
        // Half a second later (same second), a.ics changed: one second after its old time.
        let second = FeedFileRecord.records(for: [("a.ics", [9]), ("b.ics", [2])], previous: previous, now: t0 + 0.2)
        #expect(second[0].modifiedAt == Date(timeIntervalSince1970: 1_800_000_001))
        #expect(second[1] == first[1])
        // An hour later: the sync's time.
        let third = FeedFileRecord.records(for: [("a.ics", [8])], previous: previous, now: t0 + 3600)
        #expect(third[0].modifiedAt == Date(timeIntervalSince1970: 1_800_003_600))
    }

    @Test("Leadership: the first server leads and syncs on its interval; a second follows and builds each new commit once; it leads when the first resigns")
    func leadership() async throws {
        let setup = try LocalSetup()
        defer { setup.remove() }
        let configuration = setup.configuration
        let first = SyncLeadership(store: try SQLiteStateStore(path: configuration.sync.statePath), interval: .seconds(3600))
        let second = SyncLeadership(store: try SQLiteStateStore(path: configuration.sync.statePath), interval: .seconds(3600))
        let options = SyncOptions(year: 2027, language: .en, writeFeeds: false)
        let fetcher = HTTPSourceFetcher()
        @Sendable func syncing(_ store: any SyncStateStore) -> @Sendable (any SyncLock) async throws -> SyncOutcome {
            { lock in
                var held = options
                held.heldLock = lock
                return try await SyncEngine(configuration: configuration, store: store, fetcher: fetcher, options: held).run()
            }
        }
        @Sendable func following(_ store: any SyncStateStore) -> @Sendable () async throws -> CommittedCycle? {
            { try await SyncEngine.committed(configuration: configuration, store: store, options: options) }
        }
        func kind(_ step: SyncLeadership.Step) -> String {
            switch step {
            case .synced: "synced"
            case .followed(let committed): "followed \(committed.run.id ?? 0)"
            case .unchanged: "unchanged"
            }
        }

        #expect(kind(try await first.step(sync: syncing(first.store), follow: following(first.store))) == "synced")
        #expect(await first.role == .leader)
        // Not due again within the interval.
        #expect(kind(try await first.step(sync: syncing(first.store), follow: following(first.store))) == "unchanged")

        #expect(kind(try await second.step(sync: syncing(second.store), follow: following(second.store))) == "followed 1")
        #expect(await second.role == .follower)
        #expect(kind(try await second.step(sync: syncing(second.store), follow: following(second.store))) == "unchanged")

        // Another commit (an `aarshjul sync` beside the servers waits for the leader's lock, so
        // here the leader's own sync after its interval, simulated by a resign and a new term).
        await first.resign()
        #expect(await first.role == .follower)
        #expect(kind(try await second.step(sync: syncing(second.store), follow: following(second.store))) == "synced")
        #expect(await second.role == .leader)
        #expect(await second.terms == 1)
        #expect(kind(try await first.step(sync: syncing(first.store), follow: following(first.store))) == "followed 2")
        #expect(await first.role == .follower)
        await second.resign()
        try await fetcher.shutdown()
    }
}
