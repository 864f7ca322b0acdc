import ArgumentParser

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
        subcommands: [ValidateCommand.self, ExpandCommand.self, MergeCommand.self, CycleCommand.self, ConflictsCommand.self, InitCommand.self]
    )
}

AarshjulCommand.main()
