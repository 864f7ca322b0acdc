import Foundation

/// Wall-clock and CPU time.
///
/// Wall time is what the targets are judged on; the CPU time of the calling thread is kept
/// beside it because, on a shared machine, it moves much less when other processes compete
/// for the cores (page faults and cache misses still count, waiting for a core does not).
enum Stopwatch {
    struct Times {
        var wall: Double
        var cpu: Double
    }

    static func now() -> UInt64 {
        read(CLOCK_MONOTONIC)
    }

    static func seconds(since start: UInt64) -> Double {
        Double(now() - start) / 1e9
    }

    /// Runs `body` and returns its result, its wall time and this thread's CPU time, in seconds.
    @inline(never)
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Times) {
        let wall = now()
        let cpu = read(CLOCK_THREAD_CPUTIME_ID)
        let result = try body()
        let cpuEnd = read(CLOCK_THREAD_CPUTIME_ID)
        return (result, Times(wall: seconds(since: wall), cpu: Double(cpuEnd - cpu) / 1e9))
    }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

/// The median of some samples (the mean of the middle two for an even count).
func median(_ samples: [Double]) -> Double {
    precondition(!samples.isEmpty, "median of no samples")
    let sorted = samples.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
