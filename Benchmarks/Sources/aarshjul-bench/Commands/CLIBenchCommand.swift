import ArgumentParser
import Foundation

/// `aarshjul-bench cli`: the CLI as a user runs it, whole processes, against the oracle.
struct CLIBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cli",
        abstract: "Time `aarshjul expand` (jsonl, csv, table) against the oracle as whole processes, and conflicts, cycle and export on a pair.",
        discussion: """
        Generates a calendar (--events series, --seed) in --dir once, then runs, interleaved for \
        --repeat rounds: `aarshjul expand FILE --from --to --format F` for each format, output to a \
        file. The oracle (`python oracle-expand FILE --from --to`) runs --oracle-runs times; its \
        rows are compared with the jsonl rows (uid, start, end, summary, in order). With --pair \
        N it also generates two calendars of N series (seeds 1 and 2, 10% shared, the rules \
        benchmark's configuration) and times `conflicts --no-suggestions`, `cycle` and `export` \
        on them. Figures are medians; ratios are oracle / ours from the same run.
        """
    )

    @Option(help: "Series in the expansion calendar.")
    var events: Int = 20_000

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 42

    @Option(help: "First day of the window (YYYY-MM-DD).")
    var from: String = "2024-01-01"

    @Option(help: "Day after the window (YYYY-MM-DD).")
    var to: String = "2027-01-01"

    @Option(name: .customLong("repeat"), help: "Rounds; each runs every format once.")
    var repeats: Int = 5

    @Option(help: "Formats to time, comma-separated.")
    var formats: String = "jsonl,csv,table"

    @Option(help: "The aarshjul executable (default: .build-bench/release/aarshjul).")
    var aarshjul: String?

    @Option(help: "The oracle script (default: <package root>/../shared/tools/oracle-expand).")
    var oracle: String?

    @Option(help: "The Python that runs the oracle (default: <package root>/.venv-oracle/bin/python).")
    var oraclePython: String?

    @Option(help: "Runs of the oracle.")
    var oracleRuns: Int = 3

    @Flag(help: "Do not run the oracle.")
    var skipOracle = false

    @Option(help: "Also time conflicts, cycle and export on two generated calendars of this many series each.")
    var pair: Int?

    @Option(help: "The cycle year for --pair.")
    var year: Int = 2025

    @Option(help: "Where the calendars are generated (and reused).")
    var dir: String = "/tmp/aarshjul-cli-bench"

    func run() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let root = Subprocess.packageRoot()
        let binary = aarshjul ?? root.appendingPathComponent(".build-bench/release/aarshjul").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw BenchmarkError("no aarshjul at \(binary)") }
        let oracleScript = oracle ?? root.deletingLastPathComponent().appendingPathComponent("shared/tools/oracle-expand").path
        let python = oraclePython ?? root.appendingPathComponent(".venv-oracle/bin/python").path
        let revision = try? Subprocess.run("/usr/bin/env", ["git", "-C", root.path, "describe", "--always", "--dirty"])
        let loadBefore = loadAverage()

        let file = "\(dir)/cli-\(events)-\(seed).ics"
        if !FileManager.default.fileExists(atPath: file) {
            log("generating \(file) (--events \(events) --seed \(seed))")
            try writeGenerated(file, GeneratorOptions(events: events, seed: seed, uidPrefix: "s\(seed)-"))
        }
        let formatList = formats.split(separator: ",").map(String.init)
        var samples: [String: [Double]] = [:]
        var outputs: [String: String] = [:]
        var lines: [String: Int] = [:]
        for round in 1...repeats {
            for format in formatList {
                let out = "\(dir)/expand.\(format)"
                let result = try ChildProcess.run(binary, ["expand", file, "--from", from, "--to", to, "--format", format], stdoutPath: out)
                guard result.status == 0 else { throw BenchmarkError("aarshjul expand failed (\(result.status ?? -1)): \(result.stderr.prefix(500))") }
                samples["expand-\(format)", default: []].append(result.seconds)
                samples["expand-\(format)-cpu", default: []].append(result.cpuSeconds)
                outputs[format] = out
                lines[format] = try Subprocess.lineCount(out)
                log(String(format: "round %d/%d: expand --format %@ %.3f s (CPU %.3f s)", round, repeats, format, result.seconds, result.cpuSeconds))
            }
        }
        var mismatches: Int?
        if !skipOracle {
            for run in 1...oracleRuns {
                let out = "\(dir)/oracle.jsonl"
                let result = try ChildProcess.run(python, [oracleScript, file, "--from", from, "--to", to], stdoutPath: out)
                guard result.status == 0 else { throw BenchmarkError("the oracle failed (\(result.status ?? -1)): \(result.stderr.prefix(500))") }
                samples["oracle", default: []].append(result.seconds)
                samples["oracle-cpu", default: []].append(result.cpuSeconds)
                log(String(format: "oracle run %d/%d: %.2f s (CPU %.2f s)", run, oracleRuns, result.seconds, result.cpuSeconds))
                if run == 1, let ours = outputs["jsonl"] {
                    mismatches = try Self.rowMismatches(ours, out)
                    log("jsonl against the oracle: \(mismatches ?? 0) rows differ")
                }
            }
        }
        var pairFigures: [(String, Double, Double)] = []
        if let pair {
            let a = "\(dir)/pair-a-\(pair).ics", b = "\(dir)/pair-b-\(pair).ics"
            for (path, seed, prefix) in [(a, UInt64(1), "a-"), (b, UInt64(2), "b-")] where !FileManager.default.fileExists(atPath: path) {
                log("generating \(path) (--events \(pair) --seed \(seed) --uid-prefix \(prefix) --shared-fraction 0.1 --shared-seed 7)")
                try writeGenerated(path, GeneratorOptions(events: pair, seed: seed, uidPrefix: prefix, sharedFraction: 0.1, sharedSeed: 7))
            }
            let toml = "\(dir)/pair-\(pair).toml"
            try RulesBenchCommand.configuration(a: a, b: b).write(toFile: toml, atomically: true, encoding: .utf8)
            let common = ["--config", toml, "--year", String(year)]
            let commands: [(String, [String])] = [
                ("conflicts table", ["conflicts"] + common + ["--no-suggestions", "--format", "table"]),
                ("conflicts json", ["conflicts"] + common + ["--no-suggestions", "--format", "json"]),
                ("cycle table", ["cycle"] + common + ["--format", "table"]),
                ("cycle json", ["cycle"] + common + ["--format", "json"]),
                ("cycle csv", ["cycle"] + common + ["--format", "csv"]),
                ("export", ["export"] + common + ["--out", "\(dir)/export"]),
            ]
            for round in 1...repeats {
                for (name, arguments) in commands {
                    let result = try ChildProcess.run(binary, arguments, stdoutPath: "\(dir)/pair.out")
                    guard let status = result.status, status <= 1 else {
                        throw BenchmarkError("aarshjul \(name) failed (\(result.status ?? -1)): \(result.stderr.prefix(500))")
                    }
                    samples[name, default: []].append(result.seconds)
                    samples[name + "-cpu", default: []].append(result.cpuSeconds)
                    log(String(format: "round %d/%d: %@ %.3f s (CPU %.3f s)", round, repeats, name, result.seconds, result.cpuSeconds))
                }
            }
            pairFigures = commands.map { ($0.0, median(samples[$0.0]!), median(samples[$0.0 + "-cpu"]!)) }
        }

        // The report.
        let oracleSeconds = samples["oracle"].map(median), oracleCPU = samples["oracle-cpu"].map(median)
        print("aarshjul-bench cli: \(file) [\(from), \(to)), \(lines["jsonl"].map(Format.count) ?? "?") occurrences; "
              + "median of \(repeats) rounds; load \(loadBefore.map { String(format: "%.2f", $0) } ?? "?") → "
              + "\(loadAverage().map { String(format: "%.2f", $0) } ?? "?"); revision "
              + "\(revision.map { $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "?")")
        print("command                  wall s      CPU s   oracle/ours wall   oracle/ours CPU   / jsonl (wall, CPU)")
        if let oracleSeconds, let oracleCPU {
            print("oracle-expand          \(Format.seconds(oracleSeconds).padding(10))  \(Format.seconds(oracleCPU).padding(10))")
        }
        let jsonl = samples["expand-jsonl"].map(median), jsonlCPU = samples["expand-jsonl-cpu"].map(median)
        for format in formatList {
            let seconds = median(samples["expand-\(format)"]!), cpu = median(samples["expand-\(format)-cpu"]!)
            var line = "expand --format \(format.padding(6)) \(Format.seconds(seconds).padding(10))  \(Format.seconds(cpu).padding(10))"
            if let oracleSeconds, let oracleCPU {
                line += String(format: "  %10.1f×   %15.1f×", oracleSeconds / seconds, oracleCPU / cpu)
            } else {
                line += String(repeating: " ", count: 31)
            }
            if format != "jsonl", let jsonl, let jsonlCPU { line += String(format: "     %.2f×, %.2f×", seconds / jsonl, cpu / jsonlCPU) }
            print(line)
        }
        for (name, seconds, cpu) in pairFigures {
            print("\(name.padding(22)) \(Format.seconds(seconds).padding(10))  \(Format.seconds(cpu).padding(10))")
        }
        if let mismatches { print("jsonl rows differing from the oracle: \(mismatches)") }
        var json: [String: Any] = ["file": file, "from": from, "to": to, "repeats": repeats,
                                   "samples": samples, "occurrences": lines["jsonl"] ?? 0]
        if let mismatches { json["oracleMismatches"] = mismatches }
        if let loadBefore { json["loadAverageBefore"] = loadBefore }
        if let data = try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// Rows (uid, start, end, summary) that differ between two JSON-lines files, line by line,
    /// plus the difference in length.
    static func rowMismatches(_ ours: String, _ theirs: String) throws -> Int {
        func rows(_ path: String) throws -> [[String]] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return try text.split(separator: "\n").map { line in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] ?? [:]
                return ["uid", "start", "end", "summary"].map { object[$0] ?? "" }
            }
        }
        let a = try rows(ours), b = try rows(theirs)
        return zip(a, b).filter { $0 != $1 }.count + abs(a.count - b.count)
    }
}
