import Aarshjul
@testable import AarshjulPostgres
import AarshjulSync
import Foundation
import PostgresNIO
import PostgresTestSupport
import Testing

/// The PostgreSQL store over TLS, against the shared test server, which speaks TLS with a
/// certificate for `localhost` and `127.0.0.1` from a certificate authority made at test time
/// (``PostgresTestServer/certificateAuthority``). Whether a connection is encrypted is asked of
/// the server (`pg_stat_ssl`), on a connection made the way the store makes its own.
@Suite("PostgreSQL over TLS")
struct PostgresTLSTests {
    /// A new database of the shared server, the server, and its test authority's certificate.
    static func database() throws -> (server: PostgresTestServer, name: String, authority: String) {
        let server = try PostgresTestServer.shared()
        guard let authority = server.certificateAuthority else {
            throw PostgresTestServer.Failure(description: "the shared test server speaks TLS")
        }
        return (server, try server.makeDatabase("tls"), authority)
    }

    /// Parses an address the way `[sync] state` is read.
    static func url(_ text: String) throws -> PostgresURL {
        try PostgresURL.parse(text).get()
    }

    /// Whether the server sees the connection `url` gives as encrypted (`pg_stat_ssl.ssl`).
    static func serverSeesTLS(_ url: PostgresURL, environment: [String: String]) async throws -> Bool {
        let connector = PostgresConnector(url: url, environment: environment)
        return try await connector.withConnection { connection in
            let rows = try await connection.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: connector.logger)
            for try await ssl in rows.decode(Bool.self) { return ssl }
            throw PostgresTestServer.Failure(description: "pg_stat_ssl has no row for this connection")
        }
    }

    /// What opening a store on `url` throws, as the user reads it.
    static func refusal(_ url: PostgresURL, environment: [String: String]) async -> String? {
        do {
            let store = try await PostgresStateStore(url: url, environment: environment)
            await store.close()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("sslmode=require encrypts the connection (pg_stat_ssl says so), sslmode=disable does not; the store opens over TLS")
    func requireUsesTLS() async throws {
        let d = try Self.database()
        let require = try Self.url(d.server.url(database: d.name, query: "sslmode=require"))
        #expect(try await Self.serverSeesTLS(require, environment: d.server.environment))
        let disable = try Self.url(d.server.url(database: d.name, query: "sslmode=disable"))
        #expect(try await Self.serverSeesTLS(disable, environment: d.server.environment) == false)

        let store = try await PostgresStateStore(url: require, environment: d.server.environment)
        #expect(try await store.storedSchemaVersion() == PostgresStateStore.schemaVersion)
        await store.close()
    }

    @Test("A user the server takes only over TLS (hostssl): sslmode=disable is refused with the server's reason and what to write; require connects")
    func disableRefusedByHostSSL() async throws {
        let d = try Self.database()
        let user = d.server.tlsOnlyUser
        let plain = try Self.url(d.server.url(database: d.name, user: user, query: "sslmode=disable"))
        let refused = await Self.refusal(plain, environment: d.server.environment)
        #expect(refused?.contains("cannot connect to the sync state \(plain)") == true, "\(refused ?? "connected")")
        #expect(refused?.contains("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"\(user)\", database \"\(d.name)\", no encryption (SQLSTATE 28000); the server takes this connection only over TLS: use sslmode=require or stronger") == true,
                "\(refused ?? "connected")")

        let encrypted = try Self.url(d.server.url(database: d.name, user: user, query: "sslmode=require"))
        #expect(try await Self.serverSeesTLS(encrypted, environment: d.server.environment))
    }

    @Test("verify-full with sslrootcert = the test authority and host localhost connects over TLS; verify-ca by address too")
    func verifyFullWithRootCert() async throws {
        let d = try Self.database()
        let full = try Self.url(d.server.url(database: d.name, host: "localhost", query: "sslmode=verify-full&sslrootcert=\(d.authority)"))
        #expect(full.sslRootCert == d.authority)
        #expect(try await Self.serverSeesTLS(full, environment: d.server.environment))
        let store = try await PostgresStateStore(url: full, environment: d.server.environment)
        #expect(try await store.latestRun() == nil)
        await store.close()

        let ca = try Self.url(d.server.url(database: d.name, query: "sslmode=verify-ca&sslrootcert=\(d.authority)"))
        #expect(try await Self.serverSeesTLS(ca, environment: d.server.environment))
    }

    @Test("verify-full without sslrootcert (the system's trust store) is refused, naming the certificate problem and the fix")
    func verifyFullWithoutRootCert() async throws {
        let d = try Self.database()
        let full = try Self.url(d.server.url(database: d.name, host: "localhost", query: "sslmode=verify-full"))
        let refused = await Self.refusal(full, environment: d.server.environment)
        #expect(refused == "cannot connect to the sync state \(full): the server's TLS certificate could not be verified against the system's trust store (CERTIFICATE_VERIFY_FAILED); give the PEM file of the authority that signed it as sslrootcert=/path/to/ca.pem")
    }

    @Test("require (and prefer) with sslrootcert check the certificate as verify-ca does (libpq's rule); another authority is refused, and prefer does not fall back to plain text as libpq would")
    func requireWithRootCertVerifies() async throws {
        let d = try Self.database()
        let folder = NSTemporaryDirectory() + "aarshjul-other-ca-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try PostgresTestServer.makeCertificateAuthority(certificate: folder + "/ca.crt", key: folder + "/ca.key", name: "Another CA")

        let other = try Self.url(d.server.url(database: d.name, query: "sslmode=require&sslrootcert=\(folder)/ca.crt"))
        #expect(other.checksCertificate)
        let refused = await Self.refusal(other, environment: d.server.environment)
        #expect(refused == "cannot connect to the sync state \(other): the server's TLS certificate could not be verified against the certificate authority in sslrootcert \(folder)/ca.crt (CERTIFICATE_VERIFY_FAILED); check that sslrootcert is the authority that signed the server's certificate, and that the certificate has not expired")

        // prefer, too, checks when the server offers TLS, and does not fall back to no TLS.
        let preferred = try Self.url(d.server.url(database: d.name, query: "sslrootcert=\(folder)/ca.crt"))
        #expect(preferred.sslMode == .prefer)
        #expect(await Self.refusal(preferred, environment: d.server.environment)?.contains("(CERTIFICATE_VERIFY_FAILED)") == true)

        let right = try Self.url(d.server.url(database: d.name, query: "sslmode=require&sslrootcert=\(d.authority)"))
        #expect(try await Self.serverSeesTLS(right, environment: d.server.environment))
    }
}
