import Aarshjul
import Foundation
import PostgresTestSupport
import Testing

/// `sync` and `changes` with the state in PostgreSQL over TLS, and `changes` on a database no
/// sync has written to, against the shared test server.
@Suite("sync on PostgreSQL over TLS")
struct PostgresTLSCommandTests {
    /// The bundled calendars, with a configuration `shared.toml` beside them whose state is
    /// `state` (`DATABASE` replaced by a new database of the test server).
    static func setup(state: (PostgresTestServer, String) -> String) throws -> (directory: TemporaryDirectory, config: String,
                                                                               server: PostgresTestServer, database: String) {
        let directory = try SyncCommandTests.bundledCopy()
        let server = try PostgresTestServer.shared()
        let database = try server.makeDatabase("clitls")
        let config = directory.url.appendingPathComponent("shared.toml").path
        let bundled = try String(contentsOf: directory.url.appendingPathComponent("aarshjul.toml"), encoding: .utf8)
        try (bundled + "\n[sync]\nstate = \"\(state(server, database))\"\nout = \"feeds-shared\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        return (directory, config, server, database)
    }

    @Test("sync with state = postgres://…?sslmode=require, as a user the server takes only over TLS; changes with verify-full and a relative sslrootcert")
    func syncOverTLS() async throws {
        let s = try Self.setup { server, database in server.url(database: database, user: server.tlsOnlyUser, query: "sslmode=require") }
        defer { s.directory.remove() }
        let env: [String: String?] = ["AARSHJUL_PG_PASSWORD": s.server.password]
        let sync = try await CLI.runAsync(["sync", "--config", s.config, "--year", "2027", "--lang", "en", "--fail-on", "never"], environment: env)
        #expect(sync.status == 0, "\(sync.err)")
        #expect(sync.out.contains("First sync: 200 items recorded."), "\(sync.out)")
        #expect(try s.server.psql("SELECT count(*) FROM sync_run", database: s.database).trimmingCharacters(in: .whitespacesAndNewlines) == "1")

        // The same database by name, checking the certificate against the test authority
        // copied beside the configuration (sslrootcert relative to it).
        let authority = try #require(s.server.certificateAuthority)
        try FileManager.default.copyItem(atPath: authority, toPath: s.directory.url.appendingPathComponent("db-ca.pem").path)
        let verified = s.server.url(database: s.database, user: s.server.tlsOnlyUser, host: "localhost", query: "sslmode=verify-full&sslrootcert=db-ca.pem")
        let text = try String(contentsOfFile: s.config, encoding: .utf8)
            .replacingOccurrences(of: s.server.url(database: s.database, user: s.server.tlsOnlyUser, query: "sslmode=require"), with: verified)
        #expect(text.contains(verified), "the configuration now names verify-full")
        try text.write(toFile: s.config, atomically: true, encoding: .utf8)
        let history = try await CLI.runAsync(["changes", "--config", s.config, "--lang", "en"], environment: env)
        #expect(history.status == 0, "\(history.err)")
        #expect(history.out.hasPrefix("1 sync\n"), "\(history.out)")
        #expect(history.out.contains("200 items recorded (first sync)"), "\(history.out)")
    }

    @Test("changes on a database no sync has written to says to run sync first, as for a missing SQLite file, and creates nothing")
    func changesOnEmptyDatabase() async throws {
        let s = try Self.setup { server, database in server.url(database: database) }
        defer { s.directory.remove() }
        let env: [String: String?] = ["AARSHJUL_PG_PASSWORD": s.server.password]
        let result = try await CLI.runAsync(["changes", "--config", s.config, "--lang", "en"], environment: env)
        #expect(result.status == 2)
        #expect(result.out.isEmpty)
        #expect(result.err == "changes: no sync state at \(s.server.url(database: s.database)); run `aarshjul sync` first\n")
        #expect(try s.server.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", database: s.database)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}
