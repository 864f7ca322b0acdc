import Foundation

/// Child processes: the `measure-*` commands and the oracle.
enum Subprocess {
    /// The path of this executable, to start its hidden commands.
    static func ownExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        let argument = CommandLine.arguments[0]
        if argument.contains("/") { return URL(fileURLWithPath: argument).standardizedFileURL.path }
        return Bundle.main.executablePath ?? argument
    }

    /// The package root (the folder with `Package.swift`): above the executable when it was
    /// built in the package, else above this source file.
    static func packageRoot() -> URL {
        var folder = URL(fileURLWithPath: ownExecutable()).deletingLastPathComponent()
        for _ in 0..<8 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        // Benchmarks/Sources/aarshjul-bench/Support/Subprocess.swift
        var source = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { source = source.deletingLastPathComponent() }
        return source
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    /// Runs a program to its end; standard output goes to `stdoutFile` when given (for large
    /// outputs), else it is collected.
    static func run(_ executable: String, _ arguments: [String], stdoutFile: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("aarshjul-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let outPath = stdoutFile ?? scratch.path + ".out"
        let errPath = scratch.path + ".err"
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
              FileManager.default.createFile(atPath: errPath, contents: nil) else {
            throw BenchmarkError("cannot create scratch files in \(FileManager.default.temporaryDirectory.path)")
        }
        defer {
            if stdoutFile == nil { try? FileManager.default.removeItem(atPath: outPath) }
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        let start = Stopwatch.now()
        do {
            try process.run()
        } catch {
            throw BenchmarkError("cannot start \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let seconds = Stopwatch.seconds(since: start)
        try? out.close()
        try? err.close()
        let stdout = stdoutFile == nil ? (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" : ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr, seconds: seconds)
    }

    /// The number of lines in a file, read in chunks.
    static func lineCount(_ path: String) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BenchmarkError("cannot read \(path)") }
        defer { try? handle.close() }
        var lines = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            lines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        return lines
    }
}
