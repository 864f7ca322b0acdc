import Aarshjul
import AarshjulPostgres
import AarshjulSync
import Foundation
import PostgresTestSupport
import Testing

/// What only the PostgreSQL store has: its schema versions in a table, and a lock that a
/// connection holds (and loses with it). The behaviour both stores share is in ``StateTests``.
@Suite("PostgreSQL state")
struct PostgresStateTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A new database of the shared server, and its address.
    static func database() throws -> (server: PostgresTestServer, name: String, url: PostgresURL) {
        let server = try PostgresTestServer.shared()
        let name = try server.makeDatabase("pgstate")
        let url = try PostgresURL.parse(server.url(database: name)).get()
        return (server, name, url)
    }

    /// A database of a cluster of its own, started, for a test that stops it (stopping the
    /// shared one would break the tests running beside it); the caller removes the cluster.
    static func ownDatabase(_ prefix: String) throws -> (server: PostgresTestServer, name: String, url: PostgresURL) {
        let server = try PostgresTestServer()
        do {
            try server.start()
            let name = try server.makeDatabase(prefix)
            return (server, name, try PostgresURL.parse(server.url(database: name)).get())
        } catch {
            server.remove()
            throw error
        }
    }

    @Test("A new database gets the whole schema; one from v1 is upgraded in place; one from a newer Aarshjul is refused")
    func migrations() async throws {
        let fresh = try Self.database()
        let store = try await PostgresStateStore(url: fresh.url, environment: fresh.server.environment)
        #expect(try await store.storedSchemaVersion() == PostgresStateStore.schemaVersion)
        #expect(try fresh.server.psql("SELECT string_agg(version::text, ',' ORDER BY version) FROM aarshjul_schema", database: fresh.name)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "1,2,3")
        // The copies are compressed with LZ4 (Debian's PostgreSQL has it), without a schema version.
        #expect(try fresh.server.psql("""
            SELECT attcompression FROM pg_attribute WHERE attrelid = 'source_snapshot'::regclass AND attname = 'content'
            """, database: fresh.name).trimmingCharacters(in: .whitespacesAndNewlines) == "l")
        await store.close()

        // Written by the Aarshjul before CalDAV (schema v1), with a source's copy in it.
        let old = try Self.database()
        let v1 = try await PostgresStateStore(url: old.url, environment: old.server.environment, migrateUpTo: 1)
        #expect(try await v1.storedSchemaVersion() == 1)
        await v1.close()
        try old.server.psql("""
            INSERT INTO source_snapshot (source, origin, content, content_hash, event_count, fetched_at, checked_at)
            VALUES ('tk', 'tk.ics', 'BEGIN:VCALENDAR'::bytea, 'hash', 1, to_timestamp(1800000000), to_timestamp(1800000000))
            """, database: old.name)
        #expect(throws: (any Error).self) { try old.server.psql("SELECT 1 FROM caldav_mirror", database: old.name) }
        let upgraded = try await PostgresStateStore(url: old.url, environment: old.server.environment)
        #expect(try await upgraded.storedSchemaVersion() == PostgresStateStore.schemaVersion)
        let before = try await upgraded.load()
        #expect(before.snapshots["tk"]?.contentHash == "hash")
        #expect(before.snapshots["tk"]?.content == Array("BEGIN:VCALENDAR".utf8))
        let mirror = CalDAVMirror(collection: "http://127.0.0.1:5232/tk/kal/", from: "20260101T000000Z", to: "20300101T000000Z",
                                  syncToken: "token-1", resources: ["http://127.0.0.1:5232/tk/kal/a.ics": .init(etag: "\"e1\"", text: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")])
        try await upgraded.commit(SyncRecord(run: SyncRun(startedAt: start, finishedAt: start, year: "2027", staleSources: ["tk"]),
                                             calDAVMirrors: ["tk": mirror]))
        let after = try await upgraded.load()
        #expect(after.calDAVMirrors["tk"] == mirror)
        #expect(after.lastRun?.staleSources == ["tk"])
        #expect(after.lastRun == (try await upgraded.latestRun()))
        await upgraded.close()

        // A version this Aarshjul does not know.
        try old.server.psql("INSERT INTO aarshjul_schema (version) VALUES (99)", database: old.name)
        do {
            _ = try await PostgresStateStore(url: old.url, environment: old.server.environment)
            Issue.record("a database from a newer Aarshjul must be refused")
        } catch let error as SyncStateError {
            #expect(error.message.contains("was written by a newer Aarshjul (schema version 99; this one knows up to \(PostgresStateStore.schemaVersion))"))
            #expect(error.message.contains(old.name))
        }
    }

    @Test("The lock goes with its connection: terminated, isHeld is false, a sync under it refuses to commit, and another takes it")
    func lockLost() async throws {
        let db = try Self.database()
        let setup = try LocalSetup()
        defer { setup.remove() }
        var configuration = setup.configuration
        configuration.sync.state = .postgres(db.url)
        let store = try await PostgresStateStore(url: db.url, environment: db.server.environment)
        let held = try await store.acquireLock(wait: false) { _ in }
        #expect(await held.isHeld)

        // Who waits is told who holds it.
        do {
            _ = try await store.acquireLock(wait: false) { _ in }
            Issue.record("the lock is held")
        } catch let error as SyncStateError {
            #expect(error.message.contains("another sync is running (aarshjul on \(ProcessInfo.processInfo.hostName) process \(getpid()) since "))
        }

        // An administrator (or a failover) ends the holder's session.
        let terminated = try db.server.psql("""
            SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.objid = \(PostgresStateStore.lockKey) AND l.granted
              AND l.database = (SELECT oid FROM pg_database WHERE datname = '\(db.name)')
            """)
        #expect(terminated.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(await held.isHeld == false)

        let fetcher = HTTPSourceFetcher()
        let engine = SyncEngine(configuration: configuration, store: store, fetcher: fetcher,
                                options: SyncOptions(year: 2027, writeFeeds: false, now: start, heldLock: held))
        do {
            _ = try await engine.run()
            Issue.record("a sync whose lock was lost must not commit")
        } catch let error as SyncStateError {
            #expect(error.message.contains("lost the lock"))
        }
        #expect(try await store.latestRun() == nil)

        // The lock is free again: a sync that takes it itself commits.
        var own = engine
        own.options.heldLock = nil
        own.options.waitForLock = false
        let outcome = try await own.run()
        #expect(outcome.report.isFirstSync)
        #expect(try await store.latestRun()?.id != nil)
        try await fetcher.shutdown()
        await held.release()
        await store.close()
    }

    @Test("latestRun is nil before the first commit, and its id grows with every commit")
    func latestRunGrows() async throws {
        let db = try Self.database()
        let store = try await PostgresStateStore(url: db.url, environment: db.server.environment)
        #expect(try await store.latestRun() == nil)
        var ids: [Int64] = []
        for offset in 0..<3 {
            let at = start + Double(offset * 60)
            try await store.commit(SyncRecord(run: SyncRun(startedAt: at, finishedAt: at + 1, year: "2027", staleSources: [])))
            ids.append(try #require(try await store.latestRun()?.id))
        }
        #expect(ids == ids.sorted() && Set(ids).count == 3)
        #expect(try await store.history(since: start + 60).runs.map(\.id) == Array(ids.dropFirst()))
        await store.close()
    }

    @Test("The server restarted (the harness's stop and start): the store reconnects and reads the same state")
    func restart() async throws {
        let (server, name, url) = try Self.ownDatabase("restart")
        defer { server.remove() }
        let store = try await PostgresStateStore(url: url, environment: server.environment)
        try await store.commit(SyncRecord(run: SyncRun(startedAt: start, finishedAt: start, year: "2027", staleSources: [])))
        let before = try #require(try await store.latestRun())

        try server.stop()
        do {
            _ = try await store.latestRun()
            Issue.record("the server is down")
        } catch let error as SyncStateError {
            #expect(error.message.contains(name))
        }
        try server.start()
        #expect(try await store.latestRun() == before)
        #expect(try await store.load().lastRun == before)
        await store.close()
    }

    @Test("A commit by another process's store is signalled to a store that listens, and the listener reconnects after a restart")
    func commitSignals() async throws {
        let (server, name, url) = try Self.ownDatabase("signals")
        defer { server.remove() }
        let follower = try await PostgresStateStore(url: url, environment: server.environment)
        let signals = try #require(follower.commitSignals())
        try await Self.waitUntil { try Self.listeners(server, database: name) == 1 }

        let leader = try await PostgresStateStore(url: url, environment: server.environment)
        try await leader.commit(SyncRecord(run: SyncRun(startedAt: start, finishedAt: start, year: "2027", staleSources: [])))
        #expect(await Self.signalled(signals))
        await leader.close()

        // The listening connection is lost with the server; once it listens again, it signals
        // (a commit may have come while it did not listen).
        try server.stop()
        try server.start()
        #expect(await Self.signalled(signals))
        try await Self.waitUntil { try Self.listeners(server, database: name) == 1 }

        await follower.close()
        try await Self.waitUntil { try Self.listeners(server, database: name) == 0 }
    }

    /// The connections that wait on the commit channel (their last statement was its LISTEN).
    static func listeners(_ server: PostgresTestServer, database: String) throws -> Int {
        let count = try server.psql(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND query ILIKE 'LISTEN%' AND state = 'idle'")
        return Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Waits (polling, at most two minutes) until `condition` holds.
    static func waitUntil(_ condition: () throws -> Bool) async throws {
        for _ in 0..<1_200 {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the condition did not come true within two minutes")
    }

    /// Whether `signals` gives a signal within two minutes: a bound so that a missing signal
    /// fails the test instead of hanging it, not a measure of speed.
    static func signalled(_ signals: AsyncStream<Void>) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                var iterator = signals.makeAsyncIterator()
                return await iterator.next() != nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(120))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
