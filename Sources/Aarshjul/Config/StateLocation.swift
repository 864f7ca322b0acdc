import Foundation

/// Where `aarshjul sync` keeps its state (`[sync] state`): a SQLite file, or a PostgreSQL
/// database shared by several servers.
///
/// ```toml
/// [sync]
/// state = ".aarshjul/state.sqlite"                          # a file, relative to aarshjul.toml
/// state = "postgres://aarshjul@db.example:5432/aarshjul"    # or a PostgreSQL database
/// state = "postgres://aarshjul@db.example/aarshjul?sslmode=verify-full&sslrootcert=db-ca.pem"
/// ```
public enum StateLocation: Hashable, Sendable, CustomStringConvertible {
    /// A SQLite file, absolute.
    case file(String)
    /// A PostgreSQL database (the password comes from the environment or a `.pgpass`).
    case postgres(PostgresURL)

    /// The file's path, or the database's address (without a password).
    public var description: String {
        switch self {
        case .file(let path): return path
        case .postgres(let url): return url.description
        }
    }

    /// Reads a `state` value: a path (relative to `baseDirectory`), or a `postgres://` or
    /// `postgresql://` address (its `sslrootcert` file, too, relative to `baseDirectory`).
    ///
    /// - Parameters:
    ///   - text: the value of `state`.
    ///   - baseDirectory: what a relative path is relative to (the configuration file's folder).
    ///   - messages: the language of the reasons; English unless given.
    /// - Returns: the location, or the reason the value is refused (an address of another
    ///   kind, a password in the address, a part missing).
    public static func parse(_ text: String, baseDirectory: String,
                             messages: ConfigurationMessages = .en) -> Result<StateLocation, StateLocationError> {
        guard let scheme = Self.scheme(of: text) else {
            return .success(.file(AarshjulConfiguration.absolutePath(text, relativeTo: baseDirectory)))
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            return .failure(StateLocationError(message: messages.stateUnknownScheme(scheme)))
        }
        return PostgresURL.parse(text, baseDirectory: baseDirectory, messages: messages).map(StateLocation.postgres)
    }

    /// The scheme of a `scheme://…` value, lower-cased, or `nil` for a path.
    static func scheme(of text: String) -> String? {
        guard let range = text.range(of: "://") else { return nil }
        let scheme = text[..<range.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        return scheme.lowercased()
    }
}

/// Why a `[sync] state` value is refused.
public struct StateLocationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, and what to write instead.
    public var message: String

    /// The message.
    public var description: String { message }
}

/// A PostgreSQL database's address as `[sync] state` gives it:
/// `postgres://user@host:5432/database?sslmode=require`.
///
/// Two of libpq's parameters are read: `sslmode` (``SSLMode``) and `sslrootcert`, the PEM
/// file of the certificate authority to trust (``sslRootCert``). As with libpq, giving
/// `sslrootcert` makes `require` (and `prefer`, when the server offers TLS) check that the
/// certificate is signed by that authority, as `verify-ca` does. Unlike libpq, `prefer` does
/// not try again without TLS when the handshake fails, and without `sslrootcert` the
/// `verify-` modes trust the system's authorities (libpq: `~/.postgresql/root.crt`).
///
/// The address never holds the password: it comes from `AARSHJUL_PG_PASSWORD`, or from the
/// `.pgpass` file (`PGPASSFILE`, else `~/.pgpass`) as for `psql`.
public struct PostgresURL: Hashable, Sendable, CustomStringConvertible {
    /// How the connection uses TLS (`sslmode`, as libpq names the modes).
    public enum SSLMode: String, Hashable, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it (libpq's default).
        case prefer
        /// TLS or no connection; the certificate is not checked, unless an ``PostgresURL/sslRootCert``
        /// is given (then checked as ``verifyCA``).
        case require
        /// TLS with a certificate signed by a trusted authority, for any host name.
        case verifyCA = "verify-ca"
        /// TLS with a trusted certificate for this host name.
        case verifyFull = "verify-full"
    }

    /// The user name.
    public var user: String
    /// The host name or address.
    public var host: String
    /// The port; 5432 unless the address names another.
    public var port: Int
    /// The database.
    public var database: String
    /// The TLS mode; ``SSLMode/prefer`` unless the address names another.
    public var sslMode: SSLMode
    /// The certificate authority to trust (`sslrootcert`: a PEM file, absolute), or `nil` for
    /// the system's trust store.
    public var sslRootCert: String?

    /// Creates an address.
    public init(user: String, host: String, port: Int = 5432, database: String, sslMode: SSLMode = .prefer,
                sslRootCert: String? = nil) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
        self.sslRootCert = sslRootCert
    }

    /// Whether the server's certificate is checked against a trusted authority: in
    /// `verify-ca` and `verify-full`, and in `prefer` and `require` when ``sslRootCert`` is given.
    public var checksCertificate: Bool {
        switch sslMode {
        case .disable: return false
        case .prefer, .require: return sslRootCert != nil
        case .verifyCA, .verifyFull: return true
        }
    }

    /// The address as it is written (the `sslmode` only when not the default, the `sslrootcert`
    /// when given).
    public var description: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = user
        components.host = host
        components.port = port
        components.path = "/" + database
        var items: [URLQueryItem] = []
        if sslMode != .prefer { items.append(URLQueryItem(name: "sslmode", value: sslMode.rawValue)) }
        if let sslRootCert { items.append(URLQueryItem(name: "sslrootcert", value: sslRootCert)) }
        if !items.isEmpty { components.queryItems = items }
        return components.string ?? "postgres://\(user)@\(host):\(port)/\(database)"
    }

    /// Reads a `postgres://` or `postgresql://` address.
    ///
    /// - Parameters:
    ///   - text: the address.
    ///   - baseDirectory: what a relative `sslrootcert` is relative to (the configuration
    ///     file's folder); the current directory unless given.
    ///   - messages: the language of the reasons; English unless given.
    /// - Returns: the address, or why it is refused; an `sslrootcert` file that does not
    ///   exist is refused here, not at the first connection.
    public static func parse(_ text: String, baseDirectory: String = FileManager.default.currentDirectoryPath,
                             messages: ConfigurationMessages = .en) -> Result<PostgresURL, StateLocationError> {
        func refuse(_ reason: String) -> Result<PostgresURL, StateLocationError> {
            .failure(StateLocationError(message: messages.postgresAddress(reason)))
        }
        guard let components = URLComponents(string: text) else { return refuse(messages.postgresUnreadable(text)) }
        if components.password != nil {
            return .failure(StateLocationError(message: messages.postgresPassword))
        }
        guard let user = components.user, !user.isEmpty else { return refuse(messages.postgresNoUser) }
        guard let host = components.host, !host.isEmpty else { return refuse(messages.postgresNoHost) }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { return refuse(messages.postgresNoDatabase) }
        var sslMode = SSLMode.prefer
        var sslRootCert: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = SSLMode(rawValue: value) else {
                    let modes = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                    return .failure(StateLocationError(message: messages.sslModeUnknown(item.value ?? "", modes)))
                }
                sslMode = mode
            case "sslrootcert":
                guard let value = item.value, !value.isEmpty else {
                    return .failure(StateLocationError(message: messages.sslRootCertEmpty))
                }
                let path = AarshjulConfiguration.absolutePath(value, relativeTo: baseDirectory)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    return .failure(StateLocationError(message: messages.rootCertNotFound("\"\(value)\"", path)))
                }
                sslRootCert = path
            default:
                return .failure(StateLocationError(message: messages.postgresUnknownParameter(item.name)))
            }
        }
        return .success(PostgresURL(user: user.removingPercentEncoding ?? user, host: host, port: components.port ?? 5432,
                                    database: database.removingPercentEncoding ?? database, sslMode: sslMode,
                                    sslRootCert: sslRootCert))
    }
}

/// The password for a database: `AARSHJUL_PG_PASSWORD`, else the first matching line of the
/// `.pgpass` file (`PGPASSFILE`, else `~/.pgpass`), as libpq reads it.
public enum PostgresPasswordFile {
    /// The password for `url`, or `nil` when neither source has one (the server may not ask).
    public static func find(for url: PostgresURL, environment: [String: String]) -> String? {
        if let password = environment["AARSHJUL_PG_PASSWORD"], !password.isEmpty { return password }
        let path = environment["PGPASSFILE"]
            ?? environment["HOME"].map { $0 + "/.pgpass" }
            ?? (NSHomeDirectory() + "/.pgpass")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return match(text, url: url)
    }

    /// The password of the first line of a `.pgpass` text that matches `url`
    /// (`host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped).
    public static func match(_ text: String, url: PostgresURL) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [url.host, String(url.port), url.database, url.user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
