import ArgumentParser
import Foundation
import Aarshjul
import ICalendar

/// `aarshjul validate FILE…`: reads calendars (and `.toml` configurations) and reports every
/// problem with its line.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check iCalendar files and list every problem with file and line.",
        discussion: """
            A file whose name ends in .toml is checked as an aarshjul.toml configuration instead. \
            Exit status 2 when any file has an error; warnings alone give 0.
            """
    )

    @Argument(help: "The .ics files (or .toml configurations) to check.")
    var files: [String]

    @Flag(name: .shortAndLong, help: "Print only the problems, not a summary line per file.")
    var quiet = false

    @Option(help: "Language of configuration errors: nb, nn or en (default: the configuration's cycle.language).")
    var lang: Language?

    func run() throws {
        var failed = false
        for file in files {
            if file.hasSuffix(".toml") {
                if !validateConfiguration(file) { failed = true }
                continue
            }
            do {
                let document = try ICalendarReader().read(fileAt: file)
                for diagnostic in document.diagnostics { Terminal.error(diagnostic.description) }
                if document.hasErrors { failed = true }
                if !quiet {
                    let items = document.calendars.reduce(0) { count, calendar in
                        count + calendar.components.filter { ["VEVENT", "VTODO", "VJOURNAL"].contains($0.name) }.count
                    }
                    let errors = document.diagnostics.filter { $0.severity == .error }.count
                    let warnings = document.diagnostics.count - errors
                    print("\(file): \(document.calendars.count) calendar(s), \(items) item(s), \(errors) error(s), \(warnings) warning(s)")
                }
            } catch let error as ICalendarError {
                Terminal.error(error.description)
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }

    /// Loads a configuration as every command does (its source files must exist), printing
    /// its first problem in `--lang`, else its own language; `false` when it has one.
    private func validateConfiguration(_ file: String) -> Bool {
        do {
            let configuration = try AarshjulConfiguration.load(fileAt: file, language: lang)
            if !quiet {
                print("\(file): configuration, \(configuration.sources.count) source(s), \(configuration.rules.count) rule(s), 0 error(s)")
            }
            return true
        } catch {
            Terminal.error("error: \(error)")
            return false
        }
    }
}
