import Foundation

/// A whole other program timed as a user runs it: wall time from spawn to exit, and its own
/// peak resident memory (`ru_maxrss` from `wait4`, so the figure is the child's alone, not
/// this process's), with a time limit. Used to compare two programs like for like.
enum ChildProcess {
    struct Result {
        /// The exit status, or nil when it was killed (by the time limit or a signal).
        var status: Int32?
        /// The signal that ended it, if one did.
        var signal: Int32?
        var seconds: Double
        /// Peak resident set size of the child in KiB.
        var maxRSSKiB: Int
        /// User plus system CPU time of the child (`ru_utime` + `ru_stime` from `wait4`): on a
        /// shared machine it moves much less than wall time when other processes compete.
        var cpuSeconds: Double
        var timedOut: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` with `arguments`; its standard output and error go to files and are
    /// returned (the last 64 KiB of each). After `timeout` seconds it is killed (SIGKILL).
    /// With `stdoutPath`, standard output goes to that file and is kept.
    static func run(_ executable: String, _ arguments: [String], timeout: Double = .infinity,
                    stdoutPath: String? = nil) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("aarshjul-bench-child-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let outPath = stdoutPath ?? scratch + ".out", errPath = scratch + ".err"
        defer {
            if stdoutPath == nil { try? FileManager.default.removeItem(atPath: outPath) }
            try? FileManager.default.removeItem(atPath: errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = Stopwatch.now()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw BenchmarkError("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0 && errno != EINTR { throw BenchmarkError("wait4 failed: \(String(cString: strerror(errno)))") }
            if !timedOut, Stopwatch.seconds(since: start) > timeout {
                kill(pid, SIGKILL)
                timedOut = true
            }
            usleep(1_000)
        }
        let seconds = Stopwatch.seconds(since: start)
        let signal = status & 0x7f
        return Result(status: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
                      seconds: seconds, maxRSSKiB: Int(usage.ru_maxrss),
                      cpuSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
                          + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
                      timedOut: timedOut,
                      stdout: tail(outPath), stderr: tail(errPath))
    }

    private static func tail(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 65_536 ? size - 65_536 : 0)
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }
}
