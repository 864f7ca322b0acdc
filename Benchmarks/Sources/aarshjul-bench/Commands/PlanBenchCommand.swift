import Aarshjul
import ArgumentParser
import Foundation
import ICalendar

/// `aarshjul-bench plan`: issue 12 — the planner on the bundled calendars and on generated
/// cycles of growing size, and the local search's objective against the exact optimum.
struct PlanBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Benchmark the planner (issue 12): bundled calendars, generated cycles, optimality gap.",
        discussion: """
        Three parts, each timed in this process (sources read once, untimed):
          bundled   Planner.plan(year: 2028, from: 2027) and Planner.resolve(year: 2027) on \
        Calendars/aarshjul.toml: time, method, whether optimal, the score; then the same with \
        local search only, and the gap between the two objectives.
          sizes     for each --items N: two generated calendars of N/2 single events each \
        (`generate --focus-year`, seeds 1 and 101, 10% shared, --recurring-fraction 0, numbered \
        titles) with the rules benchmark's configuration (its ten rules) and a third source with \
        one bystyret deadline on 2 January (without it no bystyret meeting \
        has a deadline before it and the instance cannot be satisfied); \
        Planner.resolve(year:) from the items' dates: time, movable items, errors before and \
        after, method.
          gap       for each of --gap-seeds: a generated cycle of about --gap-items items \
        (seeds s and s+100), solved with the exact search (no size limit) and with local search \
        only; when the exact search finishes, the gap in working days moved between the two \
        (the errors and warnings left must be equal for the gap to be a gap in days).
        The last line of standard output is JSON.
        """
    )

    @Option(help: "Movable items of the generated cycles, comma-separated.")
    var items: String = "1000,10000,50000"

    @Option(help: "Items of each generated instance of the optimality-gap part.")
    var gapItems: Int = 200

    @Option(help: "Seeds of the optimality-gap instances, comma-separated.")
    var gapSeeds: String = "1,2,3,4,5,6,7,8"

    @Option(help: "The cycle year of the generated cycles.")
    var year: Int = 2025

    @Option(help: "Folder for the generated calendars and configurations (made if missing).")
    var dir: String = "/tmp/aarshjul-plan-bench"

    @Option(help: "Rounds for the bundled calendars; the report gives medians.")
    var repeats: Int = 3

    @Flag(help: "Skip the bundled calendars.")
    var skipBundled = false

    @Flag(help: "Skip the optimality gap.")
    var skipGap = false

    private func numbers(_ text: String) -> [Int] {
        text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    struct Run: Codable {
        var name: String
        var search: String
        var seconds: Double
        var cpuSeconds: Double
        var occurrences: Int
        var movable: Int
        var method: String
        var optimal: Bool
        var errorsBefore: Int?
        var errors: Int
        var warnings: Int
        var moved: Int
        var days: Int
        var errorsLeftInReport: Int
    }

    struct Gap: Codable {
        var name: String
        var exact: Run
        var local: Run
        var exactFinished: Bool
        /// Local days moved over exact days moved, minus 1 (0 when both move nothing);
        /// nil when the errors or warnings left differ.
        var gapInDays: Double?
        var sameErrorsAndWarnings: Bool
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let root = Subprocess.packageRoot()
        let revision = try? Subprocess.run("/usr/bin/env", ["git", "-C", root.path, "describe", "--always", "--dirty"])
        let loadBefore = loadAverage()
        var bundled: [Run] = []
        var gaps: [Gap] = []
        var sizes: [Run] = []

        if !skipBundled {
            let toml = root.appendingPathComponent("Calendars/aarshjul.toml").path
            let configuration = try AarshjulConfiguration.load(fileAt: toml)
            let sources = try CycleBuilder(configuration: configuration).loadSources()
            for (name, resolve) in [("bundled plan 2028", false), ("bundled resolve 2027", true)] {
                var runs: [Run] = []
                for _ in 1...max(1, repeats) {
                    runs.append(try measure(name: name, configuration: configuration, sources: sources, year: resolve ? 2027 : 2028,
                                            resolve: resolve, search: .automatic))
                }
                var run = runs.sorted { $0.seconds < $1.seconds }[runs.count / 2]
                run.seconds = median(runs.map(\.seconds))
                bundled.append(run)
                log(describe(run))
                let local = try measure(name: name, configuration: configuration, sources: sources, year: resolve ? 2027 : 2028,
                                        resolve: resolve, search: .localSearch)
                log(describe(local))
                gaps.append(gap(name: name, exact: run, local: local))
            }
        }

        if !skipGap {
            for seed in numbers(gapSeeds) {
                let (configuration, sources) = try generated(items: gapItems, seed: UInt64(seed))
                let name = "generated \(gapItems) (seed \(seed))"
                let exact = try measure(name: name, configuration: configuration, sources: sources, year: year, resolve: true, search: .exact)
                log(describe(exact))
                let local = try measure(name: name, configuration: configuration, sources: sources, year: year, resolve: true, search: .localSearch)
                log(describe(local))
                gaps.append(gap(name: name, exact: exact, local: local))
            }
        }

        for size in numbers(items) {
            let (configuration, sources) = try generated(items: size, seed: 1)
            let run = try measure(name: "generated \(size)", configuration: configuration, sources: sources, year: year,
                                  resolve: true, search: .automatic)
            log(describe(run))
            sizes.append(run)
        }

        print(table(bundled: bundled, sizes: sizes, gaps: gaps))
        struct Output: Codable {
            var benchmark = "plan"
            var revision: String?
            var loadAverageBefore: Double?
            var loadAverageAfter: Double?
            var cores = ProcessInfo.processInfo.activeProcessorCount
            var bundled: [Run]
            var sizes: [Run]
            var gaps: [Gap]
        }
        let output = Output(revision: revision.flatMap { $0.status == 0 ? $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil },
                            loadAverageBefore: loadBefore, loadAverageAfter: loadAverage(), bundled: bundled, sizes: sizes, gaps: gaps)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(output), as: UTF8.self))
    }

    /// Two generated calendars of about `items` single events in all, with the rules
    /// benchmark's configuration.
    private func generated(items: Int, seed: UInt64) throws -> (AarshjulConfiguration, [SourceCalendar]) {
        let half = max(1, items / 2)
        let a = "\(dir)/a-\(year)-\(half)-\(seed).ics", b = "\(dir)/b-\(year)-\(half)-\(seed).ics"
        for (path, fileSeed, prefix) in [(a, seed, "a-"), (b, seed + 100, "b-")] where !FileManager.default.fileExists(atPath: path) {
            log("generating \(path)")
            try writeGenerated(path, GeneratorOptions(events: half, seed: fileSeed, uidPrefix: prefix, sharedFraction: 0.1, sharedSeed: 7,
                                                      recurringFraction: 0, focusYear: year, numberedTitles: true))
        }
        // The generated calendars have no bystyret deadline that could come first for the
        // year's first bystyret meetings, so `saksfrist-foer-bystyret` could never hold: a third
        // source plants one on 2 January (every meeting after 14 days then
        // has its deadline; earlier ones must move), so the instance can be satisfied.
        let planted = "\(dir)/planted-\(year).ics"
        let day = String(format: "%04d0102", year), next = String(format: "%04d0103", year)
        try """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Aarshjul benchmarks//plan//NO\r
        BEGIN:VEVENT\r
        UID:planted-\(year)@aarshjul.bench\r
        DTSTAMP:\(year)0101T000000Z\r
        DTSTART;VALUE=DATE:\(day)\r
        DTEND;VALUE=DATE:\(next)\r
        SUMMARY:Saksfrist bystyret (plantet)\r
        END:VEVENT\r
        END:VCALENDAR\r

        """.write(toFile: planted, atomically: true, encoding: .utf8)
        let toml = "\(dir)/aarshjul-\(year)-\(half)-\(seed).toml"
        let text = RulesBenchCommand.configuration(a: a, b: b) + """

        [[source]]
        id = "planted"
        name = "Plantet frist"
        path = "\(planted)"

        """
        try text.write(toFile: toml, atomically: true, encoding: .utf8)
        let configuration = try AarshjulConfiguration.load(fileAt: toml)
        return (configuration, try CycleBuilder(configuration: configuration).loadSources())
    }

    private func measure(name: String, configuration: AarshjulConfiguration, sources: [SourceCalendar], year: Int,
                         resolve: Bool, search: Planner.Search) throws -> Run {
        var planner = Planner(configuration: configuration)
        planner.search = search
        let (plan, times) = try Stopwatch.time {
            resolve ? try planner.resolve(year: year, sources: sources, language: .nb)
                : try planner.plan(year: year, from: year - 1, sources: sources, language: .nb)
        }
        var errorsBefore: Int?
        if resolve {
            let cycle = CycleBuilder(configuration: configuration).build(year: CycleYear(year: year, start: configuration.cycle.start), sources: sources)
            errorsBefore = ConflictEngine(configuration: configuration, proposeDates: false).run(on: cycle, language: .nb)
                .open.filter { $0.severity == .error }.count
        }
        let label: String
        switch search {
        case .automatic: label = "automatic"
        case .exact: label = "exact"
        case .localSearch: label = "local-search"
        }
        return Run(name: name, search: label, seconds: times.wall, cpuSeconds: times.cpu, occurrences: plan.items.count,
                   movable: plan.items.filter { !$0.fixed }.count, method: plan.method, optimal: plan.optimal,
                   errorsBefore: errorsBefore, errors: plan.score.errors, warnings: plan.score.warnings,
                   moved: plan.score.moved, days: plan.score.days,
                   errorsLeftInReport: plan.unsatisfied.filter { $0.severity == .error && !$0.isAccepted }.count)
    }

    private func gap(name: String, exact: Run, local: Run) -> Gap {
        let same = exact.errors == local.errors && exact.warnings == local.warnings
        var days: Double?
        if same {
            days = exact.days == 0 ? (local.days == 0 ? 0 : Double.infinity) : Double(local.days) / Double(exact.days) - 1
        }
        return Gap(name: name, exact: exact, local: local, exactFinished: exact.method == "exact" && exact.optimal,
                   gapInDays: days, sameErrorsAndWarnings: same)
    }

    private func describe(_ run: Run) -> String {
        String(format: "%@ [%@]: %.3f s (CPU %.3f s), %@ items (%@ movable), %@%@, errors %@→%d, warnings %d, moved %d, days %d",
               run.name, run.search, run.seconds, run.cpuSeconds, Format.count(run.occurrences), Format.count(run.movable), run.method,
               run.optimal ? " (optimal)" : "", run.errorsBefore.map(String.init) ?? "–", run.errors, run.warnings, run.moved, run.days)
    }

    private func table(bundled: [Run], sizes: [Run], gaps: [Gap]) -> String {
        var lines = ["Planner benchmark (issue 12)", ""]
        func row(_ run: Run) -> String {
            [run.name.padding(28), String(format: "%.3f s", run.seconds).padding(10), Format.count(run.occurrences).padding(8),
             Format.count(run.movable).padding(8), (run.method + (run.optimal ? " (optimal)" : "")).padding(16),
             (run.errorsBefore.map(String.init) ?? "–").padding(7), "\(run.errors)".padding(6), "\(run.warnings)".padding(8),
             "\(run.moved)".padding(6), "\(run.days)"].joined(separator: "  ")
        }
        let header = ["instance".padding(28), "time".padding(10), "items".padding(8), "movable".padding(8), "method".padding(16),
                      "errors0".padding(7), "errors".padding(6), "warnings".padding(8), "moved".padding(6), "days"].joined(separator: "  ")
        if !bundled.isEmpty {
            lines.append("Bundled calendars (target: optimal, under 2 s)")
            lines.append(header)
            lines += bundled.map(row)
            lines.append("")
        }
        if !sizes.isEmpty {
            lines.append("Generated cycles, the rules benchmark's ten rules, --resolve (target: 10,000 under 60 s, no error left when satisfiable)")
            lines.append(header)
            lines += sizes.map(row)
            lines.append("")
        }
        if !gaps.isEmpty {
            lines.append("Optimality gap: local search against the exact optimum (target: 0 on the bundled calendars, ≤ 5% on 200-item instances)")
            lines.append(["instance".padding(28), "exact (e/w/moved/days)".padding(24), "local (e/w/moved/days)".padding(24), "gap in days"].joined(separator: "  "))
            for gap in gaps {
                let exact = "\(gap.exact.errors)/\(gap.exact.warnings)/\(gap.exact.moved)/\(gap.exact.days)" + (gap.exactFinished ? "" : " (not finished)")
                let local = "\(gap.local.errors)/\(gap.local.warnings)/\(gap.local.moved)/\(gap.local.days)"
                let value = gap.gapInDays.map { $0.isFinite ? String(format: "%.1f%%", $0 * 100) : "∞" } ?? "scores differ"
                lines.append([gap.name.padding(28), exact.padding(24), local.padding(24), value].joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
