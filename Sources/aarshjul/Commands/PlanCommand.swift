import Aarshjul
import ArgumentParser
import Foundation

/// `aarshjul plan`: next year's cycle from this year's patterns, or this year's conflicts
/// resolved with the fewest, smallest moves; writes one draft calendar per source.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan next year's cycle from this year's patterns (or --resolve this year's conflicts) and write drafts.",
        discussion: """
        Infers each item's annual pattern in --from (default: the year before --year), places it in
        --year, and moves as few items as little as possible until every error-level rule holds
        (then as many warnings as possible). Writes DIR/<source-id>.ics, one draft per source, all
        or nothing. With --resolve, starts from the items' dates in --year instead, and the drafts
        hold only the moved items as new versions (merge each into its source with `aarshjul merge`).
        Exit status: 0 every error-level rule holds in the plan, 1 some cannot, 2 bad input.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var options: ConfigOptions

    @Option(help: "The cycle year the patterns come from (default: the year before --year).")
    var from: Int?

    @Flag(help: "Resolve the conflicts of --year from the items' current dates instead of planning from patterns.")
    var resolve = false

    @Option(help: "The directory to write the drafts to (<source-id>.ics).")
    var out: String

    @Option(help: "Output format: table or json (table on a terminal, json otherwise).")
    var format: Format?

    func validate() throws {
        if resolve, from != nil { throw ValidationError("--from cannot be combined with --resolve (it resolves --year from its own dates)") }
    }

    func run() throws {
        let configuration = try options.load()
        let language = options.language(for: configuration)
        let builder = CycleBuilder(configuration: configuration)
        let sources = try options.loadSources(builder)
        let year = options.year ?? builder.year().year + (resolve ? 0 : 1)
        let planner = Planner(configuration: configuration)
        let plan: Plan
        do {
            plan = resolve ? try planner.resolve(year: year, sources: sources, language: language)
                : try planner.plan(year: year, from: from ?? year - 1, sources: sources, language: language)
        } catch {
            Terminal.error("plan: error: \(error)")
            throw ExitCode(2)
        }
        do {
            try FeedExporter(directory: out).write(files: plan.drafts.map { (name: $0.fileName, bytes: $0.bytes) })
        } catch let error as FeedExporter.ExportError {
            Terminal.error("plan: error: \(error)")
            throw ExitCode(2)
        }
        let text = PlanReportText(plan: plan, cycleName: configuration.cycle.name, language: language)
        switch format ?? (Terminal.isInteractive ? .table : .json) {
        case .table:
            Terminal.write(text.table())
        case .json:
            Terminal.write(try text.json())
            for note in plan.notes { Terminal.error("plan: note: \(note)") }
            for rule in plan.conflictingRules {
                Terminal.error("plan: cannot hold together: \(rule.rule): " + rule.reasons.joined(separator: " "))
            }
        }
        if !plan.errorsCleared { throw ExitCode(1) }
    }
}
