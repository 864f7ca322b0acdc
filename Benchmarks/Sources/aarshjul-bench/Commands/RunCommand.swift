import ArgumentParser
import Foundation
import ICalendar

/// `aarshjul-bench run FILE`: libical's bare parse as the baseline, then our read, expansion
/// and write, the oracle's expansion and both parsers' peak memory, all on the same file.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Benchmark reading, expanding and writing a calendar against libical and the oracle.",
        discussion: """
        Prints a table and, as the last line of standard output, one JSON object with every \
        figure. Times are medians of --repeat runs; each repeat runs libical's parse, our read, \
        the expansion and the writers in turn, so ratios compare figures from the same run. \
        Peak memory is measured in fresh child processes (this program's hidden measure-file, \
        measure-libical and measure-swift commands), before anything is loaded here. The \
        oracle runs --oracle-runs times (default once: on 100,000 events it takes minutes).
        """
    )

    @Argument(help: "The .ics file (e.g. from `aarshjul-bench generate`).")
    var file: String

    @Option(name: .customLong("repeat"), help: "Runs of each measurement; the report gives medians.")
    var repeats: Int = 3

    @Option(help: "First day of the expansion window (YYYY-MM-DD), inclusive.")
    var from: String = "2025-01-01"

    @Option(help: "Day after the expansion window (YYYY-MM-DD), exclusive.")
    var to: String = "2026-01-01"

    @Flag(help: "Do not run the oracle (it takes minutes on 100,000 events).")
    var skipOracle = false

    @Option(help: "The oracle script (default: <package root>/../shared/tools/oracle-expand).")
    var oracle: String?

    @Option(help: "The Python that runs the oracle (default: <package root>/.venv-oracle/bin/python).")
    var oraclePython: String?

    @Option(help: "Runs of the oracle; the report gives the median.")
    var oracleRuns: Int = 1

    @Flag(inversion: .prefixedNo, help: "Also time the oracle's parse alone (icalendar.Calendar.from_ical), to estimate its expansion alone.")
    var oracleParse = true

    @Flag(help: "Do not measure peak memory.")
    var skipMemory = false

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard oracleRuns >= 1 else { throw ValidationError("--oracle-runs must be at least 1") }
        guard LocalDate(iso: from) != nil else { throw ValidationError("--from \(from) is not a date (YYYY-MM-DD)") }
        guard LocalDate(iso: to) != nil else { throw ValidationError("--to \(to) is not a date (YYYY-MM-DD)") }
        guard FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("cannot read \(file)") }
    }

    func run() throws {
        let root = Subprocess.packageRoot()
        let oracleScript = oracle ?? root.deletingLastPathComponent().appendingPathComponent("shared/tools/oracle-expand").path
        let python = oraclePython ?? root.appendingPathComponent(".venv-oracle/bin/python").path
        if !skipOracle {
            guard FileManager.default.fileExists(atPath: oracleScript) else {
                throw BenchmarkError("no oracle at \(oracleScript): give --oracle PATH or --skip-oracle")
            }
            guard FileManager.default.isExecutableFile(atPath: python) else {
                throw BenchmarkError("no Python at \(python): give --oracle-python PATH or --skip-oracle")
            }
        }

        let loadBefore = loadAverage()
        let revision = try? Subprocess.run("/usr/bin/env", ["git", "-C", root.path, "describe", "--always", "--dirty"])

        // 1. Peak memory, first, in fresh processes.
        var memory: (file: Int, libical: Int, swift: Int)?
        if !skipMemory { memory = try measureMemory() }

        // 2. Timings, interleaved per repeat.
        let input = try CalendarFile(path: file)
        let window = (LocalDate(iso: from)!, LocalDate(iso: to)!)
        var samples: [String: [Double]] = [:]
        var lastOccurrences: [Occurrence] = []
        var counts = (vevents: 0, libicalVevents: 0, errors: 0, libicalErrors: 0, occurrences: 0, written: 0, serialized: 0)
        for round in 1...repeats {
            // libical: the bare parse is the baseline; its serialiser is shown for reference.
            let (parsed, parseTimes) = input.withCString { text in Stopwatch.time { Libical.parse(text) } }
            guard let tree = parsed else { throw BenchmarkError("libical could not parse \(file)") }
            let (serialized, serializeTimes) = Stopwatch.time { Libical.serializedLength(tree) }
            if round == 1 {
                counts.libicalVevents = Libical.eventCount(tree)
                counts.libicalErrors = Libical.errorCount(tree)
            }
            Libical.free(tree)
            counts.serialized = serialized

            // Ours: read (parse and tree), expand, write.
            let (document, readTimes) = try input.withData { data in
                try Stopwatch.time { try ICalendarReader().read(data, fileName: file) }
            }
            let (expansion, expandTimes) = Stopwatch.time {
                Expander(options: ExpansionOptions()).expand(document, from: window.0, to: window.1)
            }
            let (written, writeTimes) = Stopwatch.time { ICalendarWriter().bytes(document.calendars) }
            counts.occurrences = expansion.occurrences.count
            if round == repeats { lastOccurrences = expansion.occurrences }
            counts.written = written.count
            if round == 1 {
                counts.vevents = document.calendars.reduce(0) { $0 + $1.components(named: "VEVENT").count }
                counts.errors = document.diagnostics.filter { $0.severity == .error }.count
                for diagnostic in document.diagnostics.prefix(5) { log("read: \(diagnostic)") }
                for diagnostic in expansion.diagnostics.prefix(5) { log("expand: \(diagnostic)") }
            }
            for (name, times) in [("libicalParse", parseTimes), ("libicalSerialize", serializeTimes), ("read", readTimes),
                                  ("expand", expandTimes), ("write", writeTimes)] {
                samples[name + "Seconds", default: []].append(times.wall)
                samples[name + "CPUSeconds", default: []].append(times.cpu)
            }
            log(String(format: "repeat %d/%d: libical %.3f s, read %.3f s (%.2f×; CPU %.2f×), expand %.3f s, write %.3f s",
                       round, repeats, parseTimes.wall, readTimes.wall, readTimes.wall / parseTimes.wall,
                       readTimes.cpu / parseTimes.cpu, expandTimes.wall, writeTimes.wall))
        }

        var report = Report(file: file, fileBytes: input.count, vevents: counts.vevents, libicalVevents: counts.libicalVevents,
                            diagnosticsErrors: counts.errors, libicalErrors: counts.libicalErrors, repeats: repeats,
                            windowFrom: from, windowTo: to)
        report.libicalParseSeconds = median(samples["libicalParseSeconds"]!)
        report.readSeconds = median(samples["readSeconds"]!)
        // The ratio of each repeat's pair (measured back to back), then the median: steadier
        // than a ratio of medians when the machine is shared.
        let pairs = zip(samples["readSeconds"]!, samples["libicalParseSeconds"]!).map { $0 / $1 }
        samples["readRatio"] = pairs
        report.readRatio = median(pairs)
        report.readRatioOfMedians = report.readSeconds / report.libicalParseSeconds
        let cpuPairs = zip(samples["readCPUSeconds"]!, samples["libicalParseCPUSeconds"]!).map { $0 / $1 }
        samples["readCPURatio"] = cpuPairs
        report.readCPURatio = median(cpuPairs)
        report.libicalParseCPUSeconds = median(samples["libicalParseCPUSeconds"]!)
        report.readCPUSeconds = median(samples["readCPUSeconds"]!)
        report.expandCPUSeconds = median(samples["expandCPUSeconds"]!)
        report.writeCPUSeconds = median(samples["writeCPUSeconds"]!)
        report.readMeetsTarget = report.readRatio <= report.targets.readRatioAtMost
        report.expandSeconds = median(samples["expandSeconds"]!)
        report.occurrences = counts.occurrences
        let readExpand = zip(samples["readSeconds"]!, samples["expandSeconds"]!).map { $0 + $1 }
        samples["readExpandSeconds"] = readExpand
        report.readExpandSeconds = median(readExpand)
        report.writeSeconds = median(samples["writeSeconds"]!)
        report.writeBytes = counts.written
        report.writeMBps = Double(counts.written) / 1e6 / report.writeSeconds
        report.libicalSerializeSeconds = median(samples["libicalSerializeSeconds"]!)
        report.libicalSerializeBytes = counts.serialized
        report.libicalSerializeMBps = Double(counts.serialized) / 1e6 / report.libicalSerializeSeconds
        if counts.vevents != counts.libicalVevents {
            log("warning: we read \(counts.vevents) VEVENTs, libical \(counts.libicalVevents)")
        }

        // 3. The oracle, after our timings so it cannot disturb them.
        if !skipOracle {
            if oracleParse {
                samples["oracleParseSeconds"] = try (1...oracleRuns).map { _ in try oracleParseSeconds(python: python) }
                report.oracleParseSeconds = median(samples["oracleParseSeconds"]!)
            }
            var totals: [Double] = []
            for run in 1...oracleRuns {
                log("oracle run \(run)/\(oracleRuns): \(python) \(oracleScript) \(file) --from \(from) --to \(to)")
                let out = FileManager.default.temporaryDirectory.appendingPathComponent("aarshjul-bench-oracle-\(getpid()).jsonl").path
                defer { try? FileManager.default.removeItem(atPath: out) }
                let result = try Subprocess.run(python, [oracleScript, file, "--from", from, "--to", to], stdoutFile: out)
                guard result.status == 0 else {
                    throw BenchmarkError("the oracle failed (exit \(result.status)): \(result.stderr.prefix(500))")
                }
                totals.append(result.seconds)
                report.oracleOccurrences = try Subprocess.lineCount(out)
                log(String(format: "oracle run %d: %.1f s, %d occurrences", run, result.seconds, report.oracleOccurrences ?? 0))
                if run == 1 {
                    let comparison = try OracleComparison(ours: lastOccurrences, oracleFile: out)
                    report.oracleMismatches = comparison.mismatches
                    report.oracleOnlyOurs = comparison.onlyOurs.count
                    report.oracleOnlyOracle = comparison.onlyOracle.count
                    for row in comparison.onlyOurs.prefix(5) { log("only ours:   \(row)") }
                    for row in comparison.onlyOracle.prefix(5) { log("only oracle: \(row)") }
                }
            }
            samples["oracleSeconds"] = totals
            let total = median(totals)
            report.oracleRuns = oracleRuns
            report.oracleSeconds = total
            report.speedupExpandVsOracleTotal = total / report.expandSeconds
            report.speedupReadExpandVsOracleTotal = total / report.readExpandSeconds
            report.speedupMeetsTarget = total / report.readExpandSeconds >= report.targets.oracleSpeedupAtLeast
            if let parse = report.oracleParseSeconds, total > parse {
                report.oracleExpandSeconds = total - parse
                report.speedupExpandVsOracleExpand = (total - parse) / report.expandSeconds
            }
        }

        if let memory {
            report.peakFileOnlyKiB = memory.file
            report.peakLibicalKiB = memory.libical
            report.peakSwiftKiB = memory.swift
            report.treeLibicalKiB = memory.libical - memory.file
            report.treeSwiftKiB = memory.swift - memory.file
            report.memoryRatio = Double(memory.swift) / Double(memory.libical)
            report.treeMemoryRatio = Double(memory.swift - memory.file) / Double(max(1, memory.libical - memory.file))
            report.memoryMeetsTarget = memory.swift < memory.libical
        }
        lastOccurrences = []
        report.revision = revision.flatMap { $0.status == 0 ? $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil }
        report.loadAverageBefore = loadBefore
        report.loadAverageAfter = loadAverage()
        report.samples = samples
        print(report.table())
        print(report.json())
    }

    /// Medians over --repeat fresh processes of each `measure-*` command.
    private func measureMemory() throws -> (file: Int, libical: Int, swift: Int) {
        let executable = Subprocess.ownExecutable()
        var peaks: [String: [Double]] = [:]
        for round in 1...repeats {
            for command in ["measure-file", "measure-libical", "measure-swift"] {
                let result = try Subprocess.run(executable, [command, file])
                guard result.status == 0,
                      let field = result.stdout.split(separator: " ").first(where: { $0.hasPrefix("peak_kib=") }),
                      let kib = Int(field.dropFirst("peak_kib=".count)) else {
                    throw BenchmarkError("\(command) failed (exit \(result.status)): \(result.stderr.prefix(500))")
                }
                peaks[command, default: []].append(Double(kib))
            }
            log("memory \(round)/\(repeats): file \(Int(peaks["measure-file"]!.last!)) KiB, libical \(Int(peaks["measure-libical"]!.last!)) KiB, swift \(Int(peaks["measure-swift"]!.last!)) KiB")
        }
        return (Int(median(peaks["measure-file"]!)), Int(median(peaks["measure-libical"]!)), Int(median(peaks["measure-swift"]!)))
    }

    /// The oracle's parse alone, timed inside Python (without interpreter start-up).
    private func oracleParseSeconds(python: String) throws -> Double {
        let script = """
        import sys, time, icalendar
        data = open(sys.argv[1], "rb").read()
        start = time.perf_counter()
        icalendar.Calendar.from_ical(data)
        print(time.perf_counter() - start)
        """
        log("oracle parse only: \(python) -c … \(file)")
        let result = try Subprocess.run(python, ["-c", script, file])
        guard result.status == 0, let seconds = Double(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchmarkError("timing the oracle's parse failed (exit \(result.status)): \(result.stderr.prefix(500))")
        }
        log(String(format: "oracle parse only: %.1f s", seconds))
        return seconds
    }
}
