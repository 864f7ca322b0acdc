import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// One `aarshjul serve` process on a free loopback port, for tests of several servers sharing
/// one state: started, asked over HTTP, killed.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let errors: Pipe
    private let collected = Collected()

    /// What the process wrote to standard error so far.
    var log: String { collected.text }

    /// Starts `aarshjul serve --port 0 arguments…` and waits until it says where it listens.
    init(_ arguments: [String], environment: [String: String] = [:], startup: Duration = .seconds(300)) async throws {
        process.executableURL = try CLI.executable()
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = CLI.packageRoot
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        errors = Pipe()
        process.standardError = errors
        let collected = self.collected
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if !data.isEmpty { collected.append(data) }
        }
        try process.run()
        let deadline = ContinuousClock.now + startup
        var found: Int?
        while found == nil, ContinuousClock.now < deadline, process.isRunning {
            found = Self.port(in: collected.text)
            if found == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        guard let found else {
            if process.isRunning { process.terminate() }
            throw CLIError("aarshjul serve did not start listening: \(collected.text)")
        }
        port = found
    }

    /// The port in `serve: listening on http://127.0.0.1:PORT/…`.
    static func port(in log: String) -> Int? {
        guard let range = log.range(of: "listening on http://127.0.0.1:") else { return nil }
        return Int(log[range.upperBound...].prefix { $0.isNumber })
    }

    /// `kill -9`: the process ends at once, as on a crash.
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, and waits for the graceful stop.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// A GET of `path`, with `headers`: status, headers (lower-case names) and body.
    func get(_ path: String, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: Data) {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        request.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return (http.statusCode, fields, data)
    }

    /// `/healthz` as a dictionary.
    func health() async throws -> [String: Any] {
        let answer = try await get("/healthz")
        return try #require(try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
    }

    /// Waits until `/healthz` satisfies `condition`, or fails after `timeout`.
    @discardableResult
    func waitForHealth(timeout: Duration, _ what: String, _ condition: ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + timeout
        var last: [String: Any] = [:]
        while ContinuousClock.now < deadline {
            if let health = try? await health() {
                last = health
                if condition(health) { return health }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw CLIError("server on port \(port): \(what) did not happen within \(timeout); last /healthz: \(last)\nlog:\n\(log)")
    }

    deinit {
        errors.fileHandleForReading.readabilityHandler = nil
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

/// Bytes appended from a pipe's handler thread, read from the test.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) {
        lock.lock()
        data.append(more)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
