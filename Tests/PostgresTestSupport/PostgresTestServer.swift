import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real PostgreSQL server for tests: a cluster made by `initdb` in a temporary folder and
/// started by `pg_ctl` on a free loopback port, with a superuser `aarshjul` whose password is
/// ``password`` (SCRAM over TCP). When the tests run as root, the cluster runs as the
/// unprivileged user `postgres` (Debian's), or `aarshjul-pg`, created when neither exists.
///
/// ``shared()`` starts one server for the whole test process, stopped when the process ends;
/// each test makes a database of its own (``makeDatabase(_:)``). ``stop()`` and ``start()``
/// restart the same cluster on the same port, for tests of a server that goes away.
///
/// A server made with `tls: true` (the shared one is) also speaks TLS (`ssl = on`), with a key
/// and a certificate for `localhost` and `127.0.0.1` signed by a certificate authority made for
/// it with the `openssl` command line (``certificateAuthority``). Connections as ``user`` may
/// use TLS or not, so the other tests' plain connections work as before; connections as
/// ``tlsOnlyUser`` must use TLS (`hostssl` in `pg_hba.conf`; the same without TLS is rejected).
///
/// The binaries are found with `pg_config --bindir`, else in the newest
/// `/usr/lib/postgresql/*/bin` (Debian's `postgresql` package).
public final class PostgresTestServer: Sendable {
    /// The cluster's folder (data in `data/`, log in `log`).
    public let folder: String
    /// The loopback port.
    public let port: Int
    /// The superuser.
    public let user = "aarshjul"
    /// The superuser's password.
    public let password = "hemmelig-pg"
    /// The folder of `initdb`, `pg_ctl` and `psql`.
    public let binaries: String
    /// The system user the server runs as, or `nil` for the current one.
    public let runAs: String?
    /// The test certificate authority's certificate (PEM) when the server speaks TLS: the
    /// file to give as `sslrootcert` so that `verify-ca` and `verify-full` trust the server.
    public let certificateAuthority: String?
    /// A second superuser, with the same password, that `pg_hba.conf` accepts only over TLS
    /// (made when the server speaks TLS).
    public let tlsOnlyUser = PostgresTestServer.tlsOnlyRole
    private static let tlsOnlyRole = "aarshjul_tls"
    private let databases = Mutex(0)
    private let rolesMade = Mutex(false)

    /// The environment a client needs for the password: `AARSHJUL_PG_PASSWORD` and `PGPASSWORD`.
    public var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["AARSHJUL_PG_PASSWORD"] = password
        environment["PGPASSWORD"] = password
        return environment
    }

    /// Why the server could not be set up.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the command's output.
        public var description: String

        /// Creates a failure.
        public init(description: String) {
            self.description = description
        }
    }

    private static let sharedServer = Mutex<Result<PostgresTestServer, Failure>?>(nil)

    /// The server of this test process, started on first use and stopped (its folder removed)
    /// when the process exits.
    public static func shared() throws -> PostgresTestServer {
        try sharedServer.withLock { shared in
            if let shared { return try shared.get() }
            let result: Result<PostgresTestServer, Failure>
            do {
                let server = try PostgresTestServer(tls: true)
                try server.start()
                result = .success(server)
            } catch let error as Failure {
                result = .failure(error)
            } catch {
                result = .failure(Failure(description: "\(error)"))
            }
            shared = result
            if case .success = result {
                atexit {
                    if case .success(let server)? = PostgresTestServer.sharedServer.withLock({ $0 }) { server.remove() }
                }
            }
            return try result.get()
        }
    }

    /// Makes a cluster (not started) in a new temporary folder.
    ///
    /// - Parameter tls: whether the server also speaks TLS, with a certificate signed by a
    ///   certificate authority made for it (``certificateAuthority``).
    public init(tls: Bool = false) throws {
        guard let binaries = Self.findBinaries() else {
            throw Failure(description: "PostgreSQL is not installed: apt-get install postgresql (the PostgreSQL tests run against a real server)")
        }
        self.binaries = binaries
        runAs = getuid() == 0 ? try Self.unprivilegedUser() : nil
        let folder = NSTemporaryDirectory() + "aarshjul-pg-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.folder = folder
        port = try LoopbackPort.free()
        certificateAuthority = tls ? folder + "/tls/ca.crt" : nil
        if let runAs { try Self.run("/bin/chown", ["-R", runAs, folder]) }
        try "\(password)\n".write(toFile: folder + "/pwfile", atomically: true, encoding: .utf8)
        if let runAs { try Self.run("/bin/chown", [runAs, folder + "/pwfile"]) }
        try command("initdb", ["-D", folder + "/data", "-U", user, "--pwfile", folder + "/pwfile", "--auth-local=trust",
                               "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        if tls { try Self.configureTLS(folder: folder, runAs: runAs, tlsOnlyUser: Self.tlsOnlyRole) }
    }

    /// Makes a certificate authority and a server certificate signed by it in `folder/tls`,
    /// turns TLS on in the cluster's `postgresql.conf`, and lets `tlsOnlyUser` in over TLS only.
    /// The authority's certificate is `folder/tls/ca.crt`.
    ///
    /// Elliptic-curve keys (P-256), so that making them takes milliseconds; valid for two days.
    private static func configureTLS(folder: String, runAs: String?, tlsOnlyUser: String) throws {
        let directory = folder + "/tls"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let openssl = try findOpenSSL()
        try makeCertificateAuthority(certificate: directory + "/ca.crt", key: directory + "/ca.key", name: "Aarshjul test CA")
        try run(openssl, ["req", "-new"] + ecKey + ["-keyout", directory + "/server.key", "-out", directory + "/server.csr",
                          "-subj", "/CN=localhost"])
        try """
            subjectAltName = DNS:localhost, IP:127.0.0.1
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth

            """.write(toFile: directory + "/server.ext", atomically: true, encoding: .utf8)
        try run(openssl, ["x509", "-req", "-in", directory + "/server.csr", "-CA", directory + "/ca.crt", "-CAkey", directory + "/ca.key",
                          "-set_serial", "2", "-days", "2", "-extfile", directory + "/server.ext", "-out", directory + "/server.crt"])
        // The server refuses a key that others can read, or that another user owns.
        try run("/bin/chmod", ["600", directory + "/server.key"])
        if let runAs { try run("/bin/chown", ["-R", runAs, directory]) }

        let data = folder + "/data"
        try append("""

            # Aarshjul tests: TLS with a certificate from the test authority (tls/ca.crt).
            ssl = on
            ssl_cert_file = '\(directory)/server.crt'
            ssl_key_file = '\(directory)/server.key'

            """, to: data + "/postgresql.conf")
        // pg_hba.conf is read top down: these lines come before initdb's `host all all`.
        let hba = try String(contentsOfFile: data + "/pg_hba.conf", encoding: .utf8)
        try """
            # Aarshjul tests: \(tlsOnlyUser) connects over TLS or not at all.
            hostssl all \(tlsOnlyUser) 127.0.0.1/32 scram-sha-256
            host    all \(tlsOnlyUser) 127.0.0.1/32 reject

            """.appending(hba).write(toFile: data + "/pg_hba.conf", atomically: false, encoding: .utf8)
    }

    /// Makes a self-signed certificate authority (P-256, valid for two days) with `openssl`:
    /// its certificate and its key, PEM, at the paths given.
    public static func makeCertificateAuthority(certificate: String, key: String, name: String) throws {
        try run(try findOpenSSL(), ["req", "-x509", "-new"] + ecKey + ["-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=\(name)",
                                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    }

    /// `openssl req`'s arguments for a new P-256 key, not encrypted.
    private static let ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    private static func append(_ text: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw Failure(description: "cannot open \(path)") }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// The `openssl` command line (Debian's `openssl` package, which `postgresql` pulls in).
    static func findOpenSSL() throws -> String {
        for path in ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
            where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        throw Failure(description: "openssl is not installed: apt-get install openssl (the TLS tests make their certificates with it)")
    }

    /// Starts the server and waits until it accepts connections.
    public func start() throws {
        let options = "-p \(port) -c listen_addresses=127.0.0.1 -k \(folder) -c fsync=off -c max_connections=200"
        try command("pg_ctl", ["-D", folder + "/data", "-l", folder + "/log", "-o", options, "-w", "-t", "30", "start"])
        if certificateAuthority != nil {
            try rolesMade.withLock { made in
                guard !made else { return }
                try psql("CREATE ROLE \(tlsOnlyUser) LOGIN SUPERUSER PASSWORD '\(password)'")
                made = true
            }
        }
    }

    /// Stops the server at once (`-m immediate`: as a crash would, without a checkpoint).
    public func stop() throws {
        try command("pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
    }

    /// Stops the server (if running) and removes its folder.
    public func remove() {
        try? stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A new, empty database; returns its name.
    public func makeDatabase(_ prefix: String = "test") throws -> String {
        let number = databases.withLock { $0 += 1; return $0 }
        let name = "\(prefix)_\(getpid())_\(number)".lowercased()
        try psql("CREATE DATABASE \(name)")
        return name
    }

    /// `postgres://aarshjul@127.0.0.1:PORT/DATABASE?sslmode=disable`.
    public func url(database: String) -> String {
        "postgres://\(user)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// `postgres://USER@HOST:PORT/DATABASE?QUERY`: ``user`` unless another is named, the
    /// query as given (`sslmode=require`, `sslmode=verify-full&sslrootcert=…`).
    public func url(database: String, user: String? = nil, host: String = "127.0.0.1", query: String) -> String {
        "postgres://\(user ?? self.user)@\(host):\(port)/\(database)?\(query)"
    }

    /// Runs SQL with `psql` (in database `postgres` unless another is named); returns its output.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try Self.run(binaries + "/psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port),
                                          "-U", user, "-d", database, "-c", sql], environment: environment)
    }

    private func command(_ name: String, _ arguments: [String]) throws {
        if let runAs {
            try Self.run("/usr/sbin/runuser", ["-u", runAs, "--", binaries + "/" + name] + arguments)
        } else {
            try Self.run(binaries + "/" + name, arguments)
        }
    }

    /// Runs a program to its end; throws with its output when it fails.
    ///
    /// Spawned and waited for with `posix_spawn` and `waitpid`, not `Process`: `pg_ctl start`
    /// leaves a server behind that `Process` on Linux never saw end its parent (the parent
    /// stayed a zombie, `isRunning` true).
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
        let output = NSTemporaryDirectory() + "aarshjul-pg-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environmentLines.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw Failure(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(description: "waitpid \(executable): \(errno)") }
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        // Exited normally with status 0: WIFEXITED and WEXITSTATUS, spelled out (macros).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed (wait status \(status)):\n\(text)")
        }
        return text
    }

    static func findBinaries() -> String? {
        if let output = try? run("/usr/bin/env", ["pg_config", "--bindir"]) {
            let directory = output.trimmingCharacters(in: .whitespacesAndNewlines)
            if FileManager.default.isExecutableFile(atPath: directory + "/initdb") { return directory }
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        for version in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        return nil
    }

    /// `postgres` when it exists, else `aarshjul-pg` (created with `useradd`).
    static func unprivilegedUser() throws -> String {
        if getpwnam("postgres") != nil { return "postgres" }
        if getpwnam("aarshjul-pg") == nil {
            try run("/usr/sbin/useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "aarshjul-pg"])
        }
        return "aarshjul-pg"
    }
}
