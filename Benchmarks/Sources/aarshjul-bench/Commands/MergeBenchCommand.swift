import Aarshjul
import ArgumentParser
import Foundation
import ICalendar

/// `aarshjul-bench merge`: issue 3 — merging two generated calendars that share 10% of their
/// UIDs, against `mergecal` (PyPI) on the same files, at several sizes.
struct MergeBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Benchmark merging two calendars: in-process phases, the aarshjul CLI and mergecal as whole processes.",
        discussion: """
        For each size N it makes (once, in --dir) two calendars of N series each with \
        `generate --seed 1 --uid-prefix a-` and `--seed 2 --uid-prefix b-`, both with \
        --shared-fraction 0.1 --shared-seed 7, then measures:
          in-process  read (SourceCalendar.read, as the CLI does) of both files, Merger().merge, \
        write (ICalendarWriter + AtomicFile), medians of --repeat runs;
          cli         `aarshjul merge A B -o OUT` as a child process: wall time and its peak RSS \
        (ru_maxrss from wait4), medians of --repeat runs;
          mergecal    `mergecal A B -o OUT` the same way (--mergecal-runs, --mergecal-timeout).
        Speed-up = mergecal / cli, both whole processes on the same files. The outputs are then \
        counted (VEVENTs, distinct UID+RECURRENCE-ID, shared masters written twice). The last \
        line of standard output is one JSON object with every figure.
        """
    )

    @Option(help: "Series per file, comma-separated.")
    var sizes: String = "10000,50000,100000"

    @Option(name: .customLong("repeat"), help: "Runs of the in-process and CLI measurements; the report gives medians.")
    var repeats: Int = 3

    @Option(help: "Folder for the generated calendars and the merged outputs (made if missing).")
    var dir: String = "/tmp/aarshjul-merge-bench"

    @Option(help: "The aarshjul executable (default: <package root>/.build-bench/release/aarshjul).")
    var aarshjul: String?

    @Option(help: "The mergecal executable (default: <package root>/.venv-mergecal/bin/mergecal).")
    var mergecal: String?

    @Option(help: "Runs of mergecal per size; the report gives the median.")
    var mergecalRuns: Int = 1

    @Option(help: "Seconds after which a mergecal run is killed and reported as timed out.")
    var mergecalTimeout: Double = 1800

    @Flag(help: "Do not run mergecal.")
    var skipMergecal = false

    @Flag(help: "Do not run the aarshjul CLI.")
    var skipCli = false

    func validate() throws {
        guard repeats >= 1, mergecalRuns >= 1 else { throw ValidationError("--repeat and --mergecal-runs must be at least 1") }
        guard !parsedSizes.isEmpty, parsedSizes.allSatisfy({ $0 > 0 }) else { throw ValidationError("--sizes must be positive numbers, e.g. 10000,50000") }
    }

    private var parsedSizes: [Int] { sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    struct SizeReport: Codable {
        var seriesPerFile: Int
        var inputBytes: Int
        var inputVevents: Int
        var inputIdentities: Int
        var readSeconds = 0.0
        var mergeSeconds = 0.0
        var writeSeconds = 0.0
        var totalSeconds = 0.0
        var inProcessPeakKiB: Int?
        var cliSeconds: Double?
        var cliPeakKiB: Int?
        var mergecalSeconds: Double?
        var mergecalPeakKiB: Int?
        var mergecalTimedOut: Bool?
        var mergecalFailure: String?
        var speedup: Double?
        var cliKiBPerInputEvent: Double?
        var mergecalKiBPerInputEvent: Double?
        var oursVevents: Int?
        var oursIdentities: Int?
        var oursSharedUIDsRepeated: Int?
        var mergecalVevents: Int?
        var mergecalIdentities: Int?
        var mergecalSharedUIDsRepeated: Int?
        var sharedUIDs: Int?
        var mergedItems = 0
        var mismatches = 0
        var duplicates = 0
        var samples: [String: [Double]] = [:]
    }

    func run() throws {
        let root = Subprocess.packageRoot()
        let cli = aarshjul ?? root.appendingPathComponent(".build-bench/release/aarshjul").path
        let mergecalPath = mergecal ?? root.appendingPathComponent(".venv-mergecal/bin/mergecal").path
        if !skipCli, !FileManager.default.isExecutableFile(atPath: cli) {
            throw BenchmarkError("no aarshjul at \(cli): build it (AARSHJUL_BENCHMARKS=1 swift build -c release --scratch-path .build-bench --product aarshjul), give --aarshjul PATH or --skip-cli")
        }
        if !skipMergecal, !FileManager.default.isExecutableFile(atPath: mergecalPath) {
            throw BenchmarkError("no mergecal at \(mergecalPath): python3 -m venv .venv-mergecal && .venv-mergecal/bin/pip install mergecal, or --skip-mergecal")
        }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let revision = try? Subprocess.run("/usr/bin/env", ["git", "-C", root.path, "describe", "--always", "--dirty"])
        let loadBefore = loadAverage()
        let sharedPrefix = "shared-7-"
        var reports: [SizeReport] = []

        for size in parsedSizes {
            let a = "\(dir)/a-\(size).ics", b = "\(dir)/b-\(size).ics"
            try generateIfMissing(a, events: size, seed: 1, prefix: "a-")
            try generateIfMissing(b, events: size, seed: 2, prefix: "b-")
            let inputA = try EventCensus(path: a, sharedPrefix: sharedPrefix)
            let inputB = try EventCensus(path: b, sharedPrefix: sharedPrefix)
            let union = inputA.identitySet.union(inputB.identitySet).count
            let bytes = (try fileSize(a)) + (try fileSize(b))
            var report = SizeReport(seriesPerFile: size, inputBytes: bytes, inputVevents: inputA.vevents + inputB.vevents,
                                    inputIdentities: union)
            log("size \(Format.count(size)) series per file: \(Format.megabytes(bytes)) in, \(Format.count(report.inputVevents)) VEVENTs, \(Format.count(union)) distinct items")

            // 1. Peak memory of the whole job in-process, in a fresh child.
            let memory = try ChildProcess.run(Subprocess.ownExecutable(), ["measure-merge", a, b, "\(dir)/ours-measure-\(size).ics"])
            if memory.status == 0, let field = memory.stdout.split(separator: " ").first(where: { $0.hasPrefix("peak_kib=") }) {
                report.inProcessPeakKiB = Int(field.dropFirst("peak_kib=".count))
            } else {
                log("measure-merge failed: \(memory.stderr.suffix(500))")
            }

            // 2. In-process phases.
            let out = "\(dir)/ours-inprocess-\(size).ics"
            for round in 1...repeats {
                let (sources, readTimes) = try Stopwatch.time { [try SourceCalendar.read(fileAt: a), try SourceCalendar.read(fileAt: b)] }
                let (result, mergeTimes) = Stopwatch.time { Merger().merge(sources) }
                let (_, writeTimes) = try Stopwatch.time { try AtomicFile.write(ICalendarWriter().bytes([result.calendar()]), to: out) }
                report.samples["readSeconds", default: []].append(readTimes.wall)
                report.samples["mergeSeconds", default: []].append(mergeTimes.wall)
                report.samples["writeSeconds", default: []].append(writeTimes.wall)
                report.samples["totalSeconds", default: []].append(readTimes.wall + mergeTimes.wall + writeTimes.wall)
                report.mergedItems = result.items.count
                report.mismatches = result.mismatches.count
                report.duplicates = result.duplicates.count
                log(String(format: "  in-process %d/%d: read %.3f s, merge %.3f s, write %.3f s", round, repeats,
                           readTimes.wall, mergeTimes.wall, writeTimes.wall))
            }
            report.readSeconds = median(report.samples["readSeconds"]!)
            report.mergeSeconds = median(report.samples["mergeSeconds"]!)
            report.writeSeconds = median(report.samples["writeSeconds"]!)
            report.totalSeconds = median(report.samples["totalSeconds"]!)

            // 3. The CLI as a whole process.
            if !skipCli {
                let cliOut = "\(dir)/ours-\(size).ics"
                for round in 1...repeats {
                    let result = try ChildProcess.run(cli, ["merge", a, b, "-o", cliOut])
                    guard result.status == 0 else {
                        throw BenchmarkError("aarshjul merge failed (exit \(result.status.map(String.init) ?? "signal \(result.signal ?? 0)")): \(result.stderr.suffix(500))")
                    }
                    report.samples["cliSeconds", default: []].append(result.seconds)
                    report.samples["cliPeakKiB", default: []].append(Double(result.maxRSSKiB))
                    log(String(format: "  cli %d/%d: %.3f s, peak %@", round, repeats, result.seconds, Format.count(result.maxRSSKiB) + " KiB"))
                }
                report.cliSeconds = median(report.samples["cliSeconds"]!)
                report.cliPeakKiB = Int(median(report.samples["cliPeakKiB"]!))
                report.cliKiBPerInputEvent = Double(report.cliPeakKiB!) / Double(report.inputVevents)
                let census = try EventCensus(path: cliOut, sharedPrefix: sharedPrefix)
                report.oursVevents = census.vevents
                report.oursIdentities = census.identities
                report.oursSharedUIDsRepeated = census.sharedUIDsRepeated
                report.sharedUIDs = census.sharedUIDs
            }

            // 4. mergecal as a whole process.
            if !skipMergecal {
                let theirOut = "\(dir)/mergecal-\(size).ics"
                for round in 1...mergecalRuns {
                    try? FileManager.default.removeItem(atPath: theirOut)
                    log("  mergecal \(round)/\(mergecalRuns): \(mergecalPath) \(a) \(b) -o \(theirOut) (time limit \(Int(mergecalTimeout)) s)")
                    let result = try ChildProcess.run(mergecalPath, [a, b, "-o", theirOut], timeout: mergecalTimeout)
                    if result.timedOut {
                        report.mergecalTimedOut = true
                        report.mergecalFailure = String(format: "killed after %.0f s (time limit)", result.seconds)
                        log("  mergecal: \(report.mergecalFailure!)")
                        break
                    }
                    // mergecal prints its errors and still exits 0: check its words and its file.
                    guard result.status == 0, result.stdout.contains("Successfully"), FileManager.default.fileExists(atPath: theirOut) else {
                        report.mergecalFailure = "exit \(result.status.map(String.init) ?? "signal \(result.signal ?? 0)"): \((result.stdout + result.stderr).suffix(300))"
                        log("  mergecal failed: \(report.mergecalFailure!)")
                        break
                    }
                    report.mergecalTimedOut = false
                    report.samples["mergecalSeconds", default: []].append(result.seconds)
                    report.samples["mergecalPeakKiB", default: []].append(Double(result.maxRSSKiB))
                    log(String(format: "  mergecal %d/%d: %.3f s, peak %@", round, mergecalRuns, result.seconds, Format.count(result.maxRSSKiB) + " KiB"))
                }
                if let seconds = report.samples["mergecalSeconds"] {
                    report.mergecalSeconds = median(seconds)
                    report.mergecalPeakKiB = Int(median(report.samples["mergecalPeakKiB"]!))
                    report.mergecalKiBPerInputEvent = Double(report.mergecalPeakKiB!) / Double(report.inputVevents)
                    if let cliSeconds = report.cliSeconds { report.speedup = report.mergecalSeconds! / cliSeconds }
                    let census = try EventCensus(path: theirOut, sharedPrefix: sharedPrefix)
                    report.mergecalVevents = census.vevents
                    report.mergecalIdentities = census.identities
                    report.mergecalSharedUIDsRepeated = census.sharedUIDsRepeated
                }
            }
            reports.append(report)
        }
        print(table(reports))
        struct Output: Codable {
            var benchmark = "merge"
            var revision: String?
            var repeats: Int
            var mergecalRuns: Int
            var mergecalTimeoutSeconds: Double
            var loadAverageBefore: Double?
            var loadAverageAfter: Double?
            var cores = ProcessInfo.processInfo.activeProcessorCount
            var sizes: [SizeReport]
        }
        let output = Output(revision: revision.flatMap { $0.status == 0 ? $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil },
                            repeats: repeats, mergecalRuns: mergecalRuns, mergecalTimeoutSeconds: mergecalTimeout,
                            loadAverageBefore: loadBefore, loadAverageAfter: loadAverage(), sizes: reports)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(output), as: UTF8.self))
    }

    private func table(_ reports: [SizeReport]) -> String {
        func s(_ value: Double?) -> String { value.map(Format.seconds) ?? "–" }
        func kib(_ value: Int?) -> String { value.map { String(format: "%.0f MiB", Double($0) / 1024) } ?? "–" }
        func per(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }
        var lines = ["Merge benchmark (issue 3): two generated calendars sharing 10% of their series", ""]
        lines.append("series/file  input      read      merge     write     in-proc   cli       mergecal  speed-up  target ≥ 20×")
        for r in reports {
            let pass = r.speedup.map { $0 >= 20 ? "pass" : "FAIL" } ?? (r.mergecalTimedOut == true ? "mergecal timed out" : "–")
            lines.append([Format.count(r.seriesPerFile).padding(10), Format.megabytes(r.inputBytes).padding(9),
                          s(r.readSeconds).padding(8), s(r.mergeSeconds).padding(8), s(r.writeSeconds).padding(8),
                          s(r.totalSeconds).padding(8), s(r.cliSeconds).padding(8), s(r.mergecalSeconds).padding(8),
                          (r.speedup.map(Format.ratio) ?? "–").padding(8), pass].joined(separator: "  "))
        }
        lines.append("")
        lines.append("Peak RSS (whole processes; KiB per input VEVENT shows linearity)")
        lines.append("series/file  VEVENTs in   in-proc     cli         cli KiB/ev  mergecal    mergecal KiB/ev")
        for r in reports {
            lines.append([Format.count(r.seriesPerFile).padding(10), Format.count(r.inputVevents).padding(11),
                          kib(r.inProcessPeakKiB).padding(10), kib(r.cliPeakKiB).padding(10), per(r.cliKiBPerInputEvent).padding(10),
                          kib(r.mergecalPeakKiB).padding(10), per(r.mergecalKiBPerInputEvent)].joined(separator: "  "))
        }
        if reports.count > 1, let first = reports.first, let last = reports.last {
            let scale = Double(last.inputVevents) / Double(first.inputVevents)
            if let a = first.cliPeakKiB, let b = last.cliPeakKiB {
                lines.append(String(format: "cli peak RSS grows %.2f× for %.2f× the input (%@ → %@ series)", Double(b) / Double(a), scale,
                                    Format.count(first.seriesPerFile), Format.count(last.seriesPerFile)))
            }
            if let a = first.mergecalPeakKiB, let b = last.mergecalPeakKiB {
                lines.append(String(format: "mergecal peak RSS grows %.2f× for %.2f× the input", Double(b) / Double(a), scale))
            }
        }
        lines.append("")
        lines.append("Outputs (distinct = UID+RECURRENCE-ID; repeated = shared series whose master is written more than once)")
        lines.append("series/file  distinct in  ours VEVENTs  ours distinct  ours repeated  mergecal VEVENTs  mergecal distinct  mergecal repeated")
        for r in reports {
            func c(_ v: Int?) -> String { v.map(Format.count) ?? "–" }
            lines.append([Format.count(r.seriesPerFile).padding(10), Format.count(r.inputIdentities).padding(11),
                          c(r.oursVevents).padding(12), c(r.oursIdentities).padding(13), c(r.oursSharedUIDsRepeated).padding(13),
                          c(r.mergecalVevents).padding(16), c(r.mergecalIdentities).padding(17), c(r.mergecalSharedUIDsRepeated)].joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }

    private func generateIfMissing(_ path: String, events: Int, seed: UInt64, prefix: String) throws {
        if FileManager.default.fileExists(atPath: path) { return }
        log("generating \(path) (--events \(events) --seed \(seed) --uid-prefix \(prefix) --shared-fraction 0.1 --shared-seed 7)")
        try writeGenerated(path, GeneratorOptions(events: events, seed: seed, uidPrefix: prefix, sharedFraction: 0.1, sharedSeed: 7))
    }

    private func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}

/// Writes a generated calendar to a file.
func writeGenerated(_ path: String, _ options: GeneratorOptions) throws {
    guard FileManager.default.createFile(atPath: path + ".part", contents: nil) else {
        throw BenchmarkError("cannot create \(path).part")
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + ".part"))
    _ = try CalendarGenerator(options: options).generate { try handle.write(contentsOf: $0) }
    try handle.close()
    try FileManager.default.moveItem(atPath: path + ".part", toPath: path)
}

/// `measure-merge A B OUT`: the whole merge job once (read, merge, write), then the peak memory.
struct MeasureMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure-merge", abstract: "Read, merge and write two calendars once and print the peak memory.", shouldDisplay: false)

    @Argument(help: "The .ics files and the output.")
    var files: [String]

    func run() throws {
        guard files.count >= 3 else { throw ValidationError("give two or more inputs and an output") }
        let sources = try files.dropLast().map { try SourceCalendar.read(fileAt: $0) }
        let result = Merger().merge(sources)
        try AtomicFile.write(ICalendarWriter().bytes([result.calendar()]), to: files.last!)
        withExtendedLifetime((sources, result)) {
            MeasureReport.print(vevents: result.items.count)
        }
    }
}

/// A progress line on standard error.
func log(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The 1-minute load average: above the core count, other work shared the machine.
func loadAverage() -> Double? {
    var loads = [0.0, 0.0, 0.0]
    return getloadavg(&loads, 3) >= 1 ? loads[0] : nil
}

extension String {
    /// Left-aligned in a column of `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
