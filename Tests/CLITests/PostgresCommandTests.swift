import AarshjulPostgres
import AarshjulSync
import Aarshjul
import Foundation
import PostgresTestSupport
import Testing

/// `sync`, `changes` and `state migrate` with the state in PostgreSQL (a real server the tests
/// start), and two `sync` processes on one database.
@Suite("sync on PostgreSQL")
struct PostgresCommandTests {
    /// The bundled calendars, and a second configuration beside them whose state is a new
    /// database of the test server.
    static func setup() throws -> (directory: TemporaryDirectory, sqliteConfig: String, postgresConfig: String,
                                   server: PostgresTestServer, url: String, database: String) {
        let directory = try SyncCommandTests.bundledCopy()
        let server = try PostgresTestServer.shared()
        let database = try server.makeDatabase("cli")
        let url = server.url(database: database)
        let sqliteConfig = directory.url.appendingPathComponent("aarshjul.toml").path
        let postgresConfig = directory.url.appendingPathComponent("shared.toml").path
        let text = try String(contentsOfFile: sqliteConfig, encoding: .utf8) + "\n[sync]\nstate = \"\(url)\"\nout = \"feeds-shared\"\n"
        try text.write(toFile: postgresConfig, atomically: true, encoding: .utf8)
        return (directory, sqliteConfig, postgresConfig, server, url, database)
    }

    @Test("state migrate copies a SQLite state, refuses a second copy without --force; sync and changes then run on PostgreSQL")
    func migrateThenSync() async throws {
        let s = try Self.setup()
        defer { s.directory.remove() }
        let env: [String: String?] = ["AARSHJUL_PG_PASSWORD": s.server.password]
        let first = try await CLI.runAsync(["sync", "--config", s.sqliteConfig, "--year", "2027", "--lang", "en", "--fail-on", "never"])
        #expect(first.status == 0, "\(first.err)")

        let state = s.directory.url.appendingPathComponent(".aarshjul/state.sqlite").path
        let copied = try await CLI.runAsync(["state", "migrate", "--from", state, "--to", s.url], environment: env)
        #expect(copied.status == 0, "\(copied.err)")
        #expect(copied.out.contains("  sync_run         1\n"))
        #expect(copied.out.contains("  item_change      200\n"))
        #expect(copied.out.contains("  conflict_change  10\n"))
        #expect(copied.out.contains("  source_snapshot  3\n"))
        #expect(copied.out.contains("  item             200\n"))

        let again = try await CLI.runAsync(["state", "migrate", "--from", state, "--to", s.url], environment: env)
        #expect(again.status == 2)
        #expect(again.err.contains("already holds a sync state; give --force to replace it"))
        let forced = try await CLI.runAsync(["state", "migrate", "--from", state, "--to", s.url, "--force"], environment: env)
        #expect(forced.status == 0, "\(forced.err)")

        // The copy is the state: the next sync on PostgreSQL finds nothing new.
        let second = try await CLI.runAsync(["sync", "--config", s.postgresConfig, "--year", "2027", "--lang", "en", "--fail-on", "never"],
                                            environment: env)
        #expect(second.status == 0, "\(second.err)")
        #expect(second.out.contains("No changes to the items since the previous sync."), "\(second.out)")
        #expect(second.out.contains("tk    Trondheim kommune: unchanged, 70 events"))
        #expect(second.out.contains("Conflicts: 0 new, 0 resolved, 10 open"))
        #expect(!second.out.contains("raised SEQUENCE"), "the feeds' sequences came across")
        let history = try await CLI.runAsync(["changes", "--config", s.postgresConfig, "--lang", "en"], environment: env)
        #expect(history.status == 0, "\(history.err)")
        #expect(history.out.hasPrefix("2 syncs\n"), "\(history.out)")
        #expect(history.out.contains("200 items recorded (first sync)"))

        // Without the password the server refuses, and sync says where it failed.
        let refused = try await CLI.runAsync(["sync", "--config", s.postgresConfig, "--year", "2027"],
                                             environment: ["AARSHJUL_PG_PASSWORD": nil, "PGPASSFILE": "/nonexistent"])
        #expect(refused.status == 2)
        #expect(refused.err.contains("cannot connect to the sync state postgres://aarshjul@127.0.0.1:\(s.server.port)/\(s.database)"))
        #expect(refused.err.contains("the server asks for a password and none was found; set AARSHJUL_PG_PASSWORD"), "\(refused.err)")
    }

    @Test("Two sync processes on one database: one waits for the other, never both at once; --no-wait says who holds the lock")
    func twoProcesses() async throws {
        let s = try Self.setup()
        defer { s.directory.remove() }
        let env: [String: String?] = ["AARSHJUL_PG_PASSWORD": s.server.password]
        let arguments = ["sync", "--config", s.postgresConfig, "--year", "2027", "--fail-on", "never", "--no-feeds"]
        async let a = CLI.runAsync(arguments, environment: env)
        async let b = CLI.runAsync(arguments, environment: env)
        let (ra, rb) = try await (a, b)
        #expect(ra.status == 0, "\(ra.err)")
        #expect(rb.status == 0, "\(rb.err)")

        guard case .postgres(let url) = try AarshjulConfiguration.load(fileAt: s.postgresConfig).sync.state else {
            Issue.record("the configuration's state is PostgreSQL")
            return
        }
        let store = try await PostgresStateStore(url: url, environment: s.server.environment)
        let runs = try await store.history(since: nil).runs
        #expect(runs.count == 2)
        if runs.count == 2 {
            #expect(runs[1].startedAt >= runs[0].finishedAt, "the second sync started after the first committed")
        }

        // A sync that must not wait names the holder.
        let held = try await store.acquireLock(wait: false) { _ in }
        let refused = try await CLI.runAsync(arguments + ["--no-wait"], environment: env)
        #expect(refused.status == 2)
        #expect(refused.err.contains("another sync is running (aarshjul on \(ProcessInfo.processInfo.hostName) process \(getpid()) since "),
                "\(refused.err)")
        await held.release()
        await store.close()
    }
}
