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
            throw SyncStateError("cannot connect to the sync state \(url): \(PostgresFailure.describe(error))")
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

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch url.sslMode {
        case .disable: return .disable
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
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
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if error.code == .authMechanismRequiresPassword {
                return "the server asks for a password and none was found; set AARSHJUL_PG_PASSWORD or add a line to ~/.pgpass (PGPASSFILE)"
            }
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError {
            return describe(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError ?? error)
        }
        return "\(error)"
    }

    /// Whether `error` is a serialization failure (SQLSTATE 40001) or a deadlock (40P01),
    /// after which the transaction is tried again.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }
}
