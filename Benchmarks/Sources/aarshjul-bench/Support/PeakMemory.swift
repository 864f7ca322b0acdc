import Foundation

/// The peak resident memory of this process.
enum PeakMemory {
    /// `VmHWM` from `/proc/self/status` in KiB (Linux): the high-water mark of this address
    /// space only, so a child's figure does not include what its parent had before `exec`.
    static func highWaterKiB() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).split(separator: " ").first ?? "")
        }
        return nil
    }

    /// `getrusage(RUSAGE_SELF).ru_maxrss` in KiB.
    static func maxRSSKiB() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss)
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss) / 1024
        #endif
    }

    /// The best figure available: VmHWM where there is one, else ru_maxrss.
    static func peakKiB() -> Int {
        highWaterKiB() ?? maxRSSKiB()
    }
}
