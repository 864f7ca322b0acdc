import Foundation
import Testing

/// One run of the built `aarshjul` executable: exit status and the exact bytes it wrote.
struct CLIResult: Sendable {
    var arguments: [String]
    var status: Int32
    var stdout: Data
    var stderr: Data

    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }

    /// Non-empty lines of standard error.
    var errLines: [String] { err.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}

/// Runs the `aarshjul` product that `swift build --build-tests` put next to the test bundle, the
/// way swift-argument-parser's `AssertExecuteCommand` does: a child process, working directory
/// the package root, standard input closed, output captured byte for byte.
enum CLI {
    /// The package root, found from this file (`Tests/CLITests/CLI.swift`), so relative paths
    /// such as `Calendars/aarshjul.toml` work whatever directory `swift test` was started in.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .standardizedFileURL

    /// The longest one call may take before it is killed and the test fails.
    static let timeout: TimeInterval = 60

    /// The executable: `$AARSHJUL_BIN` if set, else `aarshjul` in the products directory (the
    /// directory holding the test bundle: `.build/debug`, or `X/debug` with `--scratch-path X`).
    static func executable() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["AARSHJUL_BIN"], !path.isEmpty {
            let url = URL(fileURLWithPath: path, relativeTo: packageRoot).standardizedFileURL
            guard FileManager.default.isExecutableFile(atPath: url.path) else {
                throw CLIError("AARSHJUL_BIN=\(path) is not an executable file")
            }
            return url
        }
        for directory in productsDirectoryCandidates() {
            let candidate = directory.appendingPathComponent("aarshjul")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CLIError("""
            cannot find the built aarshjul executable (looked in \(productsDirectoryCandidates().map(\.path))); \
            build it with `swift build --build-tests`, or set AARSHJUL_BIN
            """)
    }

    /// Where the products may be: the test bundle's directory (macOS: the `.xctest` bundle's
    /// parent; Linux: the `.xctest` executable's directory, which is `Bundle.main`), then the
    /// directory of the running executable.
    private static func productsDirectoryCandidates() -> [URL] {
        var candidates: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL)
        #if os(Linux)
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        #endif
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        return candidates
    }

    /// Runs `aarshjul arguments…` in `directory` (default: the package root).
    ///
    /// The child gets this process's environment without `NO_COLOR` (so the tests show that
    /// output to a pipe has no colour by itself), with `environment` applied on top; a value of
    /// `nil` removes the variable.
    static func run(
        _ arguments: [String],
        environment: [String: String?] = [:],
        in directory: URL? = nil
    ) throws -> CLIResult {
        let child = try Child(arguments, environment: environment, in: directory)
        while child.process.isRunning && Date() < child.deadline { usleep(5_000) }
        return try child.finish()
    }

    /// ``run(_:environment:in:)`` for async tests: waits without holding a thread of the
    /// concurrency pool, so long runs do not starve the tests running beside them.
    static func runAsync(
        _ arguments: [String],
        environment: [String: String?] = [:],
        in directory: URL? = nil
    ) async throws -> CLIResult {
        let child = try Child(arguments, environment: environment, in: directory)
        while child.process.isRunning && Date() < child.deadline { try await Task.sleep(for: .milliseconds(5)) }
        return try child.finish()
    }

    /// A started `aarshjul` whose output goes to files.
    struct Child {
        let arguments: [String]
        let process = Process()
        let scratch: TemporaryDirectory
        let outURL: URL
        let errURL: URL
        let outHandle: FileHandle
        let errHandle: FileHandle
        let deadline: Date

        init(_ arguments: [String], environment: [String: String?], in directory: URL?) throws {
            self.arguments = arguments
            process.executableURL = try executable()
            process.arguments = arguments
            process.currentDirectoryURL = directory ?? packageRoot
            var env = ProcessInfo.processInfo.environment
            env["NO_COLOR"] = nil
            for (key, value) in environment { env[key] = value }
            process.environment = env

            // Files, not pipes: the cycle JSON is larger than a pipe buffer, and reading two pipes
            // one after the other can deadlock.
            scratch = try TemporaryDirectory()
            outURL = scratch.url.appendingPathComponent("stdout")
            errURL = scratch.url.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            outHandle = try FileHandle(forWritingTo: outURL)
            errHandle = try FileHandle(forWritingTo: errURL)
            process.standardOutput = outHandle
            process.standardError = errHandle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            deadline = Date().addingTimeInterval(timeout)
        }

        /// Kills the child if it is past its deadline, then collects its status and output.
        func finish() throws -> CLIResult {
            defer { scratch.remove() }
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
                throw CLIError("aarshjul \(arguments.joined(separator: " ")) ran longer than \(Int(timeout)) s and was killed")
            }
            process.waitUntilExit()
            try outHandle.close()
            try errHandle.close()
            let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
            return CLIResult(
                arguments: arguments,
                status: status,
                stdout: try Data(contentsOf: outURL),
                stderr: try Data(contentsOf: errURL)
            )
        }
    }

    /// A fixture or golden file of the package, by path from the package root.
    static func file(_ path: String) -> URL { packageRoot.appendingPathComponent(path) }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A fresh directory under the system's temporary directory, removed with `remove()`.
struct TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("aarshjul-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func appending(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// The names in the directory, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}

/// Records an issue naming each line of `text` longer than `limit` characters (extended
/// grapheme clusters, as a terminal shows them).
func expectLines(of text: String, atMost limit: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    let long = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        .filter { $0.element.count > limit }
        .map { "line \($0.offset + 1) has \($0.element.count) characters: \(String($0.element).debugDescription)" }
    if !long.isEmpty {
        Issue.record(Comment(rawValue: "\(long.count) line(s) longer than \(limit) characters:\n" + long.prefix(5).joined(separator: "\n")),
                     sourceLocation: sourceLocation)
    }
}

extension String {
    /// The text with ANSI escape sequences (`ESC [ … letter`) removed.
    var withoutANSIEscapes: String {
        replacingOccurrences(of: "\u{1B}\\[[0-9;]*[A-Za-z]", with: "", options: .regularExpression)
    }
}
