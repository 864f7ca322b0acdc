import Aarshjul
import ArgumentParser
import Foundation
import ICalendar

/// `aarshjul-bench rules`: issue 4 — ten rules of all seven types over cycles of growing size;
/// reading, building the cycle and conflict detection timed apart, in-process.
struct RulesBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Benchmark conflict detection (10 rules, all 7 types) against reading and building the cycle.",
        discussion: """
        For each --events N it makes (once, in --dir) two calendars of N series each, packed \
        into --year (`generate --focus-year`), seeds 1 and 2, UID prefixes a- and b-, 10% \
        shared (--shared-seed 7), and an aarshjul.toml with both as sources, [[tag]]s that \
        give the generated summaries a body, kind and area, and 10 [[rule]]s: precedes ×2, \
        lead-time ×2, no-overlap ×2, working-day, within, required, crowding. Each of --repeat \
        rounds times, in this process:
          read     CycleBuilder.loadSources() — the same read `aarshjul conflicts` does;
          build    CycleBuilder.build(year:sources:) — merge, expand and tag;
          detect   ConflictEngine(configuration:, proposeDates: false).run(on:language:) — \
        every rule and the built-in checks, conflict ids, explanations, no proposed dates;
          rules    each rule's evaluate(context) alone, on a context made once.
        With --proposals-up-to M, sizes with at most M occurrences also time \
        ConflictEngine(configuration:).run (proposals on, as the CLI's default) once.
        Ratios compare sizes of the same run. The last line of standard output is JSON.
        """
    )

    @Option(help: "Series per file, comma-separated (each size is two files of this many series).")
    var events: String = "1300,13000,130000"

    @Option(name: .customLong("repeat"), help: "Rounds; the report gives medians.")
    var repeats: Int = 3

    @Option(help: "The cycle year; the calendars are packed into it.")
    var year: Int = 2025

    @Option(help: "Share of series with an RRULE (generator option).")
    var recurringFraction: Double = 0.2

    @Option(help: "Folder for the generated calendars and configurations (made if missing).")
    var dir: String = "/tmp/aarshjul-rules-bench"

    @Option(help: "Also time the engine with proposed dates (the CLI default) on sizes with at most this many occurrences (0: never).")
    var proposalsUpTo: Int = 0

    @Flag(help: "Generate with `--numbered-titles` (every series its own title), so the built-in likely-duplicate check finds only real duplicates; the files get a -numbered suffix.")
    var numberedTitles = false

    @Flag(help: "Only generate the calendars and configurations, then stop.")
    var generateOnly = false

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard !parsedEvents.isEmpty, parsedEvents.allSatisfy({ $0 > 0 }) else { throw ValidationError("--events must be positive numbers") }
    }

    private var parsedEvents: [Int] { events.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    struct RuleTiming: Codable {
        var id: String
        var type: String
        var seconds: Double
        /// This thread's CPU time (median): far below `seconds` means the thread waited
        /// (another process had the core, or the kernel was reclaiming memory).
        var cpuSeconds: Double
        var findings: Int
        var samples: [Double]
    }

    struct SizeReport: Codable {
        var seriesPerFile: Int
        var inputBytes: Int
        var occurrences = 0
        var liveOccurrences = 0
        var readSeconds = 0.0
        var buildSeconds = 0.0
        var detectSeconds = 0.0
        var contextSeconds = 0.0
        var rulesSumSeconds = 0.0
        var conflicts = 0
        var conflictsByRule: [String: Int] = [:]
        var rules: [RuleTiming] = []
        var detectOverRead = 0.0
        var proposalsSeconds: Double?
        var peakKiBAfter = 0
        var samples: [String: [Double]] = [:]
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let root = Subprocess.packageRoot()
        let revision = try? Subprocess.run("/usr/bin/env", ["git", "-C", root.path, "describe", "--always", "--dirty"])
        let loadBefore = loadAverage()
        var reports: [SizeReport] = []
        for size in parsedEvents {
            let suffix = numberedTitles ? "-numbered" : ""
            let a = "\(dir)/a-\(year)-\(size)\(suffix).ics", b = "\(dir)/b-\(year)-\(size)\(suffix).ics"
            for (path, seed, prefix) in [(a, UInt64(1), "a-"), (b, UInt64(2), "b-")] where !FileManager.default.fileExists(atPath: path) {
                log("generating \(path) (--events \(size) --seed \(seed) --uid-prefix \(prefix) --shared-fraction 0.1 --shared-seed 7 --focus-year \(year) --recurring-fraction \(recurringFraction))")
                try writeGenerated(path, GeneratorOptions(events: size, seed: seed, uidPrefix: prefix, sharedFraction: 0.1, sharedSeed: 7,
                                                          recurringFraction: recurringFraction, focusYear: year,
                                                          numberedTitles: numberedTitles))
            }
            let toml = "\(dir)/aarshjul-\(year)-\(size)\(suffix).toml"
            try Self.configuration(a: a, b: b).write(toFile: toml, atomically: true, encoding: .utf8)
            if generateOnly { log("wrote \(a), \(b), \(toml)"); continue }

            let configuration = try AarshjulConfiguration.load(fileAt: toml)
            let builder = CycleBuilder(configuration: configuration)
            let cycleYear = CycleYear(year: year, start: configuration.cycle.start)
            let bytes = ((try? FileManager.default.attributesOfItem(atPath: a)[.size] as? Int) ?? 0)
                + ((try? FileManager.default.attributesOfItem(atPath: b)[.size] as? Int) ?? 0)
            var report = SizeReport(seriesPerFile: size, inputBytes: bytes)
            log("size \(Format.count(size)) series per file (\(Format.megabytes(bytes))): \(toml)")
            let detector = ConflictEngine(configuration: configuration, proposeDates: false)
            var ruleSamples: [[Double]] = Array(repeating: [], count: detector.rules.count)
            var ruleCPUSamples: [[Double]] = Array(repeating: [], count: detector.rules.count)
            var ruleFindings: [Int] = Array(repeating: 0, count: detector.rules.count)
            for round in 1...repeats { do {
                var (sources, readTimes) = try Stopwatch.time { try builder.loadSources() }
                let (cycle, buildTimes) = Stopwatch.time { builder.build(year: cycleYear, sources: sources) }
                sources = []  // the cycle keeps what it needs
                let (conflictReport, detectTimes) = Stopwatch.time { detector.run(on: cycle, language: .nb) }
                let (context, contextTimes) = Stopwatch.time { detector.context(for: cycle, language: .nb) }
                var sum = 0.0
                for (position, rule) in detector.rules.enumerated() {
                    let (findings, times) = Stopwatch.time { rule.evaluate(context) }
                    ruleSamples[position].append(times.wall)
                    ruleCPUSamples[position].append(times.cpu)
                    ruleFindings[position] = findings.count
                    sum += times.wall
                }
                report.occurrences = cycle.occurrences.count
                report.liveOccurrences = context.occurrences.count
                report.conflicts = conflictReport.conflicts.count
                report.conflictsByRule = Dictionary(conflictReport.conflicts.map { ($0.rule, 1) }, uniquingKeysWith: +)
                for (name, value) in [("readSeconds", readTimes.wall), ("buildSeconds", buildTimes.wall), ("detectSeconds", detectTimes.wall),
                                      ("contextSeconds", contextTimes.wall), ("contextCPUSeconds", contextTimes.cpu), ("rulesSumSeconds", sum),
                                      ("detectOverRead", detectTimes.wall / readTimes.wall),
                                      ("readCPUSeconds", readTimes.cpu), ("buildCPUSeconds", buildTimes.cpu), ("detectCPUSeconds", detectTimes.cpu)] {
                    report.samples[name, default: []].append(value)
                }
                log(String(format: "  round %d/%d: %@ occurrences; read %.3f s, build %.3f s, detect %.3f s (%d conflicts; rules alone %.3f s, context %.3f s); peak %@ KiB",
                           round, repeats, Format.count(cycle.occurrences.count), readTimes.wall, buildTimes.wall, detectTimes.wall,
                           conflictReport.conflicts.count, sum, contextTimes.wall, Format.count(PeakMemory.peakKiB())))
                if round == repeats, proposalsUpTo > 0, cycle.occurrences.count <= proposalsUpTo {
                    let (full, times) = Stopwatch.time { ConflictEngine(configuration: configuration).run(on: cycle, language: .nb) }
                    report.proposalsSeconds = times.wall
                    log(String(format: "  with proposed dates (CLI default): %.3f s, %d conflicts, %d with proposals", times.wall,
                               full.conflicts.count, full.conflicts.filter { !$0.suggestions.isEmpty }.count))
                }
            } }
            report.readSeconds = median(report.samples["readSeconds"]!)
            report.buildSeconds = median(report.samples["buildSeconds"]!)
            report.detectSeconds = median(report.samples["detectSeconds"]!)
            report.contextSeconds = median(report.samples["contextSeconds"]!)
            report.rulesSumSeconds = median(report.samples["rulesSumSeconds"]!)
            report.detectOverRead = median(report.samples["detectOverRead"]!)
            report.rules = zip(detector.rules, configuration.rules).enumerated().map { position, pair in
                RuleTiming(id: pair.0.id, type: pair.1.type.rawValue, seconds: median(ruleSamples[position]),
                           cpuSeconds: median(ruleCPUSamples[position]),
                           findings: ruleFindings[position], samples: ruleSamples[position])
            }
            report.peakKiBAfter = PeakMemory.peakKiB()
            reports.append(report)
        }
        if generateOnly { return }
        print(table(reports))
        struct Output: Codable {
            var benchmark = "rules"
            var revision: String?
            var year: Int
            var repeats: Int
            var loadAverageBefore: Double?
            var loadAverageAfter: Double?
            var cores = ProcessInfo.processInfo.activeProcessorCount
            var sizes: [SizeReport]
        }
        let output = Output(revision: revision.flatMap { $0.status == 0 ? $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil },
                            year: year, repeats: repeats, loadAverageBefore: loadBefore, loadAverageAfter: loadAverage(), sizes: reports)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(output), as: UTF8.self))
    }

    private func table(_ reports: [SizeReport]) -> String {
        var lines = ["Rules benchmark (issue 4): 10 rules (all 7 types) over the \(year) cycle of two generated calendars", ""]
        lines.append("series/file  occurrences  read      build     detect    detect/read  rules alone  conflicts  peak RSS so far")
        for r in reports {
            lines.append([Format.count(r.seriesPerFile).padding(10), Format.count(r.occurrences).padding(11),
                          Format.seconds(r.readSeconds).padding(8), Format.seconds(r.buildSeconds).padding(8),
                          Format.seconds(r.detectSeconds).padding(8), Format.ratio(r.detectOverRead).padding(11),
                          Format.seconds(r.rulesSumSeconds).padding(11), Format.count(r.conflicts).padding(9),
                          String(format: "%.0f MiB", Double(r.peakKiBAfter) / 1024)].joined(separator: "  "))
        }
        if reports.count > 1 {
            lines.append("")
            lines.append("Growth between consecutive sizes (target: detect under 13× for 10× the occurrences, i.e. no worse than n log n)")
            lines.append("sizes                 occurrences  read      build     detect    rules alone  detect target")
            for (small, large) in zip(reports, reports.dropFirst()) {
                let n = Double(large.occurrences) / Double(small.occurrences)
                // The allowance: 13× for 10×, scaled as n log n would scale for other ratios.
                let nLogN = n * log(Double(large.occurrences)) / log(Double(small.occurrences))
                let detect = large.detectSeconds / small.detectSeconds
                lines.append(["\(Format.count(small.occurrences))→\(Format.count(large.occurrences))".padding(20),
                              Format.ratio(n).padding(11), Format.ratio(large.readSeconds / small.readSeconds).padding(8),
                              Format.ratio(large.buildSeconds / small.buildSeconds).padding(8), Format.ratio(detect).padding(8),
                              Format.ratio(large.rulesSumSeconds / small.rulesSumSeconds).padding(11),
                              (detect < 13 ? "pass (< 13×)" : "FAIL (≥ 13×)") + String(format: "; n log n would be %.2f×", nLogN)].joined(separator: "  "))
            }
        }
        lines.append("")
        lines.append("Per rule (median wall time, [CPU time] where it differs by more than 20%; findings)")
        var header = "rule".padding(42) + "  type".padding(13)
        for r in reports { header += "  " + Format.count(r.occurrences).padding(18) }
        lines.append(header)
        if let first = reports.first {
            for (position, rule) in first.rules.enumerated() {
                var line = rule.id.padding(42) + "  " + rule.type.padding(11)
                for r in reports where position < r.rules.count {
                    let rule = r.rules[position]
                    let cpu = abs(rule.cpuSeconds - rule.seconds) > 0.2 * rule.seconds && rule.seconds > 0.001 ? " [\(Format.seconds(rule.cpuSeconds))]" : ""
                    line += "  " + "\(Format.seconds(rule.seconds))\(cpu) (\(Format.count(rule.findings)))".padding(18)
                }
                lines.append(line)
            }
            var line = "(context: which occurrences each match selects)".padding(55)
            for r in reports { line += "  " + Format.seconds(r.contextSeconds).padding(18) }
            lines.append(line)
        }
        for r in reports where r.proposalsSeconds != nil {
            lines.append(String(format: "with proposed dates (CLI default) at %@ occurrences: %@ (detect alone %@)", Format.count(r.occurrences),
                                Format.seconds(r.proposalsSeconds!), Format.seconds(r.detectSeconds)))
        }
        return lines.joined(separator: "\n")
    }

    /// The configuration: both calendars as sources, tags for the generator's summaries, and
    /// 10 rules of all 7 types that select a realistic share of the occurrences.
    static func configuration(a: String, b: String) -> String {
        """
        # Generated by aarshjul-bench rules (Benchmarks/Sources/aarshjul-bench/Commands/RulesBenchCommand.swift).
        [cycle]
        name = "Benchmark"
        timezone = "Europe/Oslo"
        start = "01-01"
        language = "nb"

        [[source]]
        id = "a"
        name = "Kalender A"
        path = "\(a)"

        [[source]]
        id = "b"
        name = "Kalender B"
        path = "\(b)"

        # Tags: first match per field wins.
        [[tag]]
        match = { summary = "Saksfrist*" }
        kind = "deadline"

        [[tag]]
        match = { summary = "Høringsfrist*" }
        kind = "hearing"

        [[tag]]
        match = { summary = "Frist for årsmelding*" }
        kind = "deadline"
        body = "styret"

        [[tag]]
        match = { summary = "*styremøte*" }
        kind = "decision"
        body = "styret"

        [[tag]]
        match = { summary = "Ekstraordinært møte*" }
        kind = "decision"

        [[tag]]
        match = { summary = "Møte i *" }
        kind = "meeting"

        [[tag]]
        match = { summary = "*bystyret*" }
        body = "bystyret"

        [[tag]]
        match = { summary = "*formannskapet*" }
        body = "formannskapet"

        [[tag]]
        match = { summary = "*havnestyret*" }
        body = "havnestyret"

        [[tag]]
        match = { summary = "Budsjettseminar*" }
        kind = "meeting"
        area = "budsjett"

        [[tag]]
        match = { summary = "*budsjett*" }
        area = "budsjett"

        [[tag]]
        match = { summary = "Befaring*" }
        kind = "meeting"
        area = "plan"

        [[tag]]
        match = { summary = "Fagdag*" }
        kind = "milestone"

        [[tag]]
        match = { summary = "Generalforsamling*" }
        kind = "decision"
        body = "generalforsamling"

        [[tag]]
        match = { summary = "Årsmøte*" }
        kind = "decision"
        body = "årsmøte"

        # 1. precedes: every bystyret meeting needs a bystyret deadline at least 14 days before.
        [[rule]]
        id = "saksfrist-foer-bystyret"
        type = "precedes"
        first = { kind = "deadline", body = "bystyret" }
        then = { kind = "meeting", body = "bystyret" }
        min-gap = "P14D"
        severity = "error"

        # 2. precedes, across sources, in hours.
        [[rule]]
        id = "formannskapet-foer-bystyrevedtak"
        type = "precedes"
        first = { source = "a", body = "formannskapet" }
        then = { source = "b", kind = "decision", body = "bystyret" }
        min-gap = "PT48H"
        severity = "warning"

        # 3. lead-time in working days.
        [[rule]]
        id = "saksfrist-bystyret-8-arbeidsdager"
        type = "lead-time"
        deadline = { kind = "deadline", body = "bystyret" }
        meeting = { kind = "meeting", body = "bystyret" }
        working-days = 8
        severity = "error"

        # 4. lead-time in calendar days.
        [[rule]]
        id = "hoeringsfrist-foer-formannskapet"
        type = "lead-time"
        deadline = { kind = "hearing" }
        meeting = { body = "formannskapet" }
        min = "P7D"
        severity = "warning"

        # 5. no-overlap in time.
        [[rule]]
        id = "generalforsamlinger-overlapper-ikke"
        type = "no-overlap"
        match = { kind = "decision", body = "generalforsamling" }
        severity = "warning"

        # 6. no-overlap on the same day, across sources.
        [[rule]]
        id = "ekstraordinaere-havnestyremoeter-samme-dag"
        type = "no-overlap"
        match = { kind = "decision", body = "havnestyret" }
        same-day = true
        across = "sources"
        severity = "warning"

        # 7. working-day with closed periods.
        [[rule]]
        id = "frister-paa-arbeidsdager"
        type = "working-day"
        match = { kind = "deadline" }
        closed = ["fellesferie", "christmas", "easter"]
        severity = "warning"

        # 8. within a window of the year.
        [[rule]]
        id = "hoeringer-i-vaarhalvaaret"
        type = "within"
        match = { kind = "hearing" }
        after = "01-15"
        before = "06-15"
        severity = "info"

        # 9. required.
        [[rule]]
        id = "minst-12-styremoeter"
        type = "required"
        match = { kind = "decision", body = "styret" }
        min-count = 12
        severity = "error"

        # 10. crowding.
        [[rule]]
        id = "bystyrefrister-opphopning"
        type = "crowding"
        match = { kind = "deadline", body = "bystyret" }
        max = 3
        per = "P7D"
        severity = "info"

        """
    }
}
