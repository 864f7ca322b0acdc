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
        let (configuration, cycle) = try options.buildCycle()
        let day: LocalDate? = switch today {
        case "none": nil
        case let text?: LocalDate(iso: text)
        case nil: Wheel.today(in: cycle)
        }
        let wheelOptions = WheelOptions(rings: rings, language: options.language(for: configuration), today: day)
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
}
