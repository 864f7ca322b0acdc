import ArgumentParser

/// `aarshjul-bench`: the benchmark harness (built only with AARSHJUL_BENCHMARKS set).
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aarshjul-bench",
        abstract: "Generate large calendars and benchmark Aarshjul's reader, expander and writer, its merge and its rules.",
        discussion: "See Benchmarks/README.md for the figures and their targets.",
        subcommands: [
            GenerateCommand.self, RunCommand.self, MergeBenchCommand.self, RulesBenchCommand.self, PlanBenchCommand.self, CLIBenchCommand.self, CalDAVBenchCommand.self, StateBenchCommand.self,
            MeasureFileCommand.self, MeasureLibicalCommand.self, MeasureSwiftCommand.self, MeasureMergeCommand.self,
        ]
    )
}
