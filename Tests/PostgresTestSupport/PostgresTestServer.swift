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
    private let databases = Mutex(0)

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
                let server = try PostgresTestServer()
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
    public init() throws {
        guard let binaries = Self.findBinaries() else {
            throw Failure(description: "PostgreSQL is not installed: apt-get install postgresql (the PostgreSQL tests run against a real server)")
        }
        self.binaries = binaries
        runAs = getuid() == 0 ? try Self.unprivilegedUser() : nil
        let folder = NSTemporaryDirectory() + "aarshjul-pg-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.folder = folder
        port = try Self.freePort()
        if let runAs { try Self.run("/bin/chown", ["-R", runAs, folder]) }
        try "\(password)\n".write(toFile: folder + "/pwfile", atomically: true, encoding: .utf8)
        if let runAs { try Self.run("/bin/chown", [runAs, folder + "/pwfile"]) }
        try command("initdb", ["-D", folder + "/data", "-U", user, "--pwfile", folder + "/pwfile", "--auth-local=trust",
                               "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
    }

    /// Starts the server and waits until it accepts connections.
    public func start() throws {
        let options = "-p \(port) -c listen_addresses=127.0.0.1 -k \(folder) -c fsync=off -c max_connections=200"
        try command("pg_ctl", ["-D", folder + "/data", "-l", folder + "/log", "-o", options, "-w", "-t", "30", "start"])
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

    /// `postgres://aarshjul@127.0.0.1:PORT/DATABASE`.
    public func url(database: String) -> String {
        "postgres://\(user)@127.0.0.1:\(port)/\(database)?sslmode=disable"
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

    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw Failure(description: "bind: \(errno)") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw Failure(description: "getsockname: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
