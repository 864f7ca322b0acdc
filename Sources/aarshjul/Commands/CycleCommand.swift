import Aarshjul
import ArgumentParser
import Foundation

/// Options every command that reads `aarshjul.toml` shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file.")
    var config: String = AarshjulConfiguration.defaultFileName

    @Option(help: "The cycle year (the year the cycle starts in); default: the one containing today.")
    var year: Int?

    @Option(help: "Language of labels and explanations: nb, nn or en (default: the config's cycle.language).")
    var lang: Language?

    /// Loads the configuration, turning errors into a message (in `--lang`, else the file's
    /// language) and exit status 2.
    func load() throws -> AarshjulConfiguration {
        do {
            return try AarshjulConfiguration.load(fileAt: config, language: lang)
        } catch let error as ConfigurationError {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// The language of labels and explanations: `--lang`, else the configuration's.
    func language(for configuration: AarshjulConfiguration) -> Language {
        lang ?? configuration.cycle.language
    }

    /// The configuration's source calendars; a source that cannot be read is printed and
    /// ends the command with status 2.
    func loadSources(_ builder: CycleBuilder) throws -> [SourceCalendar] {
        do {
            return try builder.loadSources()
        } catch let error as SourceError {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// Loads the configuration and builds the cycle for `--year`, printing the reading and
    /// expansion errors (every diagnostic when `verbose`) on standard error.
    func buildCycle(verbose: Bool = false) throws -> (AarshjulConfiguration, Cycle) {
        let configuration = try load()
        let builder = CycleBuilder(configuration: configuration)
        let sources = try loadSources(builder)
        let cycleYear = year.map { CycleYear(year: $0, start: configuration.cycle.start) } ?? builder.year()
        let cycle = builder.build(year: cycleYear, sources: sources)
        for diagnostic in cycle.diagnostics where verbose || diagnostic.severity == .error { Terminal.error(diagnostic.description) }
        return (configuration, cycle)
    }
}

extension Language: ExpressibleByArgument {}

/// `aarshjul cycle`: the combined annual cycle, month by month.
struct CycleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cycle",
        abstract: "Show the combined annual cycle of all sources, month by month.",
        discussion: "Reads aarshjul.toml, merges the sources, expands them over the cycle year and tags each occurrence."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @OptionGroup var options: ConfigOptions

    @Option(help: "Output format: table, json or csv (table on a terminal, json otherwise).")
    var format: Format?

    @Flag(help: "Also print reading and expansion warnings on standard error.")
    var verbose = false

    func run() throws {
        let (configuration, cycle) = try options.buildCycle(verbose: verbose)
        let report = CycleReport(cycle: cycle, language: options.language(for: configuration))
        switch format ?? (Terminal.isInteractive ? .table : .json) {
        case .table: Terminal.write(report.table())
        case .json: Terminal.write(try report.json())
        case .csv: Terminal.write(report.csv())
        }
    }
}
