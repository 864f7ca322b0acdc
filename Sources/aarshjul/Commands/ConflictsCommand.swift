import Aarshjul
import ArgumentParser
import Foundation

/// `aarshjul conflicts`: the clashes in the combined cycle, explained, with proposed dates.
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Find conflicting dates in the combined cycle, explain them and propose new dates.",
        discussion: """
        Runs the [[rule]]s of aarshjul.toml (or, with none, the built-in checks) over the cycle year.
        Exit status 1 when an open conflict is at or above --fail-on (default: error); accepted
        conflicts ([[accept]]) are counted but never fail the run. Colours on a terminal unless
        NO_COLOR is set.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning, info, never

        /// The least severe open conflict that fails the run, or `nil` for never.
        var threshold: RuleSeverity? {
            switch self {
            case .error: .error
            case .warning: .warning
            case .info: .info
            case .never: nil
            }
        }
    }

    @OptionGroup var options: ConfigOptions

    @Option(help: "Output format: table, json or csv (table on a terminal, json otherwise).")
    var format: Format?

    @Option(help: "Exit with status 1 when an open conflict is at least this severe: error, warning, info or never.")
    var failOn: FailOn = .error

    @Flag(help: "Do not propose new dates (faster on very large cycles).")
    var noSuggestions = false

    func run() throws {
        let (configuration, cycle) = try options.buildCycle()
        let language = options.language(for: configuration)
        let report = ConflictEngine(configuration: configuration, proposeDates: !noSuggestions).run(on: cycle, language: language)
        let text = ConflictReportText(report: report, language: language)
        switch format ?? (Terminal.isInteractive ? .table : .json) {
        case .table: Terminal.write(text.table(color: Terminal.wantsColor))
        case .json: Terminal.write(try text.json())
        case .csv: Terminal.write(text.csv())
        }
        if let threshold = failOn.threshold, report.hasOpen(atLeast: threshold) { throw ExitCode(1) }
    }
}
