import ArgumentParser
import Foundation

/// `aarshjul`: the command line of the annual-cycle engine.
struct AarshjulCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aarshjul",
        abstract: "Årshjul for Trondheim kommune og NTNU: read, combine and check planning calendars.",
        discussion: """
        Exit status: 0 fine, 1 conflicts at or above --fail-on, 2 bad input or usage.
        Diagnostics go to standard error, results to standard output.
        """,
        version: "0.1.0",
        subcommands: [ValidateCommand.self, ExpandCommand.self, MergeCommand.self, CycleCommand.self,
                      ConflictsCommand.self, PlanCommand.self, ExportCommand.self, WheelCommand.self, SyncCommand.self, ChangesCommand.self,
                      ServeCommand.self, InitCommand.self, StateCommand.self]
    )
}

/// Parses the arguments and runs the command, async for `sync` and `serve`
/// (swift-argument-parser's AsyncParsableCommand).
func runAarshjul() async {
    do {
        var command = try AarshjulCommand.parseAsRoot()
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    } catch {
        // Usage errors exit with 2 like bad input (DESIGN.md §CLI), not swift-argument-parser's 64.
        let code = AarshjulCommand.exitCode(for: error)
        if code.rawValue == 64 {
            FileHandle.standardError.write(Data((AarshjulCommand.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
        AarshjulCommand.exit(withError: error)
    }
}

await runAarshjul()
