import Aarshjul
import AarshjulSync
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// Opens connections to the database a ``PostgresURL`` names, with the password from the
/// environment or a `.pgpass` file.
struct PostgresConnector: Sendable {
    let url: PostgresURL
    let password: String?
    let logger: Logger
    /// Shown in `pg_stat_activity.application_name`, so that a waiting sync can say who holds the lock.
    let applicationName: String

    init(url: PostgresURL, environment: [String: String]) {
        self.url = url
        self.password = PostgresPasswordFile.find(for: url, environment: environment)
        var logger = Logger(label: "aarshjul.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let host = ProcessInfo.processInfo.hostName
        self.applicationName = String("aarshjul on \(host) process \(getpid())".prefix(63))
    }

    /// A new connection.
    func connect() async throws -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: password, database: url.database, tls: try tls())
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: Self.nextID(), logger: logger)
        } catch {
            throw SyncStateError("cannot connect to the sync state \(url): \(PostgresFailure.describe(error, url: url))")
        }
    }

    /// Runs `body` on a new connection, closed afterwards.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await connect()
        do {
            let value = try await body(connection)
            try? await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The TLS the address asks for: none, or a context that checks the server's certificate
    /// in the modes libpq checks it (``PostgresURL/checksCertificate``), trusting the
    /// `sslrootcert` file when one is given and the system's trust store otherwise (libpq:
    /// `~/.postgresql/root.crt`).
    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch url.sslMode {
        case .disable: return .disable
        case .prefer, .require: tls.certificateVerification = url.checksCertificate ? .noHostnameVerification : .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let path = url.sslRootCert {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(path)
            } catch {
                throw SyncStateError("cannot read sslrootcert \(path) for the sync state \(url): \(error); give a PEM file of certificates")
            }
            guard !certificates.isEmpty else {
                throw SyncStateError("sslrootcert \(path) for the sync state \(url) holds no certificate; give a PEM file of certificates")
            }
            tls.trustRoots = .certificates(certificates)
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw SyncStateError("cannot set up TLS for the sync state \(url): \(error)")
        }
        return url.sslMode == .prefer ? .prefer(context) : .require(context)
    }

    private static let ids = IDs()

    private static func nextID() -> Int { ids.next() }

    private final class IDs: Sendable {
        private let value = Mutex(0)
        func next() -> Int { value.withLock { $0 += 1; return $0 } }
    }
}

import Synchronization

/// Readable text for PostgresNIO's errors, whose own description hides the server's message.
enum PostgresFailure {
    /// What went wrong, in words; with `url`, a TLS failure also says what to change in the address.
    static func describe(_ error: any Error, url: PostgresURL? = nil) -> String {
        if let error = error as? PSQLError {
            if error.code == .authMechanismRequiresPassword {
                return "the server asks for a password and none was found; set AARSHJUL_PG_PASSWORD or add a line to ~/.pgpass (PGPASSFILE)"
            }
            if error.code == .sslUnsupported {
                return "the server does not offer TLS, and sslmode=\(url?.sslMode.rawValue ?? "require") asks for it; turn ssl on in the server (ssl = on, with its certificate and key)"
            }
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                // pg_hba.conf allows this user only over TLS (hostssl).
                let hint = message.hasSuffix("no encryption") && url?.sslMode == .disable ? "; the server takes this connection only over TLS: use sslmode=require or stronger" : ""
                return message + state + hint
            }
            if let underlying = error.underlying { return describe(underlying, url: url) }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError {
            return describe(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError ?? error, url: url)
        }
        if let text = describeTLS(error, url: url) { return text }
        return "\(error)"
    }

    /// A certificate the handshake refused, in words, or `nil` for any other error. BoringSSL
    /// says only `CERTIFICATE_VERIFY_FAILED`; which authority was trusted comes from the address.
    private static func describeTLS(_ error: any Error, url: PostgresURL?) -> String? {
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
            let host = url?.host ?? "the host"
            return "the server's TLS certificate is not for \(host) (\(error)); connect by a name the certificate holds, or use sslmode=verify-ca to check only who signed it"
        }
        guard let error = error as? NIOSSLError, case .handshakeFailed(.sslError(let reasons)) = error,
              reasons.contains(where: { $0.description.contains("CERTIFICATE_VERIFY_FAILED") }) else { return nil }
        let trusted = url?.sslRootCert.map { "the certificate authority in sslrootcert \($0)" } ?? "the system's trust store"
        let advice = url?.sslRootCert == nil
            ? "give the PEM file of the authority that signed it as sslrootcert=/path/to/ca.pem"
            : "check that sslrootcert is the authority that signed the server's certificate, and that the certificate has not expired"
        return "the server's TLS certificate could not be verified against \(trusted) (CERTIFICATE_VERIFY_FAILED); \(advice)"
    }

    /// Whether `error` is a serialization failure (SQLSTATE 40001) or a deadlock (40P01),
    /// after which the transaction is tried again.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }
}
