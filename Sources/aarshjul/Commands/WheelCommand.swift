import Aarshjul
import ArgumentParser
import Foundation
import ICalendar

extension WheelRings: ExpressibleByArgument {}

/// `aarshjul wheel`: the combined cycle drawn as an årshjul, as SVG or an HTML page.
struct WheelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wheel",
        abstract: "Draw the combined annual cycle as a wheel, with its conflicts: SVG or a self-contained HTML page.",
        discussion: """
        Twelve month sectors from cycle.start at twelve o'clock, clockwise; one ring per source (or \
        thematic area, or body); each occurrence at its date, its shape telling its kind; every open \
        conflict numbered, hatched and connected. The format follows the extension of -o: .svg for an \
        image, .html for a page with the wheel, a month-by-month list and the conflicts explained.
        """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "What the rings stand for: source, area or body.")
    var rings: WheelRings = .source

    @Option(name: .shortAndLong, help: "The file to write: FILE.svg or FILE.html.")
    var output: String

    @Option(help: "The day to mark as today (YYYY-MM-DD), or 'none'; default: today in the cycle's time zone.")
    var today: String?

    @Option(help: "A folder of drafts from `aarshjul plan --out` (DIR/<source-id>.ics): draw the cycle with them added to their sources, moved items marked. Give --year the planned year.")
    var plan: String?

    func validate() throws {
        guard WheelFormat(path: output) != nil else {
            throw ValidationError("-o \(output): the file name must end in .svg or .html")
        }
        if let today, today != "none", LocalDate(iso: today) == nil {
            throw ValidationError("--today \(today): expected a date as YYYY-MM-DD, or 'none'")
        }
    }

    func run() throws {
        guard let format = WheelFormat(path: output) else { throw ExitCode(2) }
        let (configuration, cycle, moved) = try plan.map(buildPlannedCycle) ?? { let built = try options.buildCycle(); return (built.0, built.1, []) }()
        let day: LocalDate? = switch today {
        case "none": nil
        case let text?: LocalDate(iso: text)
        case nil: Wheel.today(in: cycle)
        }
        let wheelOptions = WheelOptions(rings: rings, language: options.language(for: configuration), today: day, moved: moved)
        let wheel = Wheel(configuration: configuration, cycle: cycle, options: wheelOptions)
        for warning in wheel.colorWarnings { Terminal.error("warning: \(warning)") }
        do {
            try AtomicFile.write(wheel.render(format), to: output)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
        Terminal.error("wrote \(output) (\(cycle.occurrences.count) occurrences, \(wheel.report.open.count) open conflicts)")
    }

    /// The cycle of `--year` with the drafts in `directory` added to their sources, and the
    /// UIDs the drafts move.
    private func buildPlannedCycle(_ directory: String) throws -> (AarshjulConfiguration, Cycle, Set<String>) {
        let configuration = try options.load()
        let builder = CycleBuilder(configuration: configuration)
        let sources = try options.loadSources(builder)
        var drafts: [Draft] = []
        for source in configuration.sources {
            let path = (directory as NSString).appendingPathComponent(source.id + ".ics")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                let document = try ICalendarReader().read(text, fileName: path)
                drafts += document.calendars.map { Draft(source: source.id, calendar: $0) }
            } catch {
                Terminal.error("error: \(path): \(error)")
                throw ExitCode(2)
            }
        }
        guard !drafts.isEmpty else {
            Terminal.error("error: --plan \(directory): no draft <source-id>.ics for any source of the configuration")
            throw ExitCode(2)
        }
        let cycleYear = options.year.map { CycleYear(year: $0, start: configuration.cycle.start) } ?? builder.year()
        let cycle = builder.build(year: cycleYear, sources: Draft.merging(drafts, into: sources))
        for diagnostic in cycle.diagnostics where diagnostic.severity == .error { Terminal.error(diagnostic.description) }
        return (configuration, cycle, drafts.reduce(into: Set<String>()) { $0.formUnion($1.movedUIDs) })
    }
}
