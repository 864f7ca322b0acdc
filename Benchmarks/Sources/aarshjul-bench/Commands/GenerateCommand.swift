import ArgumentParser
import Foundation

/// `aarshjul-bench generate --events N --seed S -o FILE`: a large realistic calendar.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a large, realistic calendar, the same bytes for the same options.",
        discussion: """
        About 20% of the series recur (weekly, monthly or yearly, ending by COUNT or UNTIL, some \
        with EXDATEs and RECURRENCE-ID overrides); times are in Europe/Oslo (with a VTIMEZONE), \
        UTC, or all-day; text is Norwegian, and DESCRIPTIONs are long enough to fold. Lines end \
        in CRLF and fold at 75 octets.

        For a merge benchmark, make two files that share some series:
          generate --events 100000 --seed 1 --uid-prefix a- --shared-fraction 0.1 --shared-seed 7 -o a.ics
          generate --events 100000 --seed 2 --uid-prefix b- --shared-fraction 0.1 --shared-seed 7 -o b.ics
        Both then hold the same ~10% of series (UID shared-7-<index>@aarshjul.bench, same content), \
        with SEQUENCE and LAST-MODIFIED drawn from each file's own seed.
        """
    )

    @Option(help: "Number of series (master VEVENTs); overrides come on top.")
    var events: Int = 10_000

    @Option(help: "Seed of the generator: the same seed gives the same bytes.")
    var seed: UInt64 = 42

    @Option(name: [.short, .customLong("output")], help: "The file to write (keep it out of the repository, e.g. in /tmp).")
    var output: String

    @Option(help: "Start of every UID that is not shared (default: s<seed>-).")
    var uidPrefix: String?

    @Option(help: "Share of series (0…1) whose UID and content come from --shared-seed.")
    var sharedFraction: Double = 0

    @Option(help: "Seed that picks and fills the shared series.")
    var sharedSeed: UInt64 = 0

    @Option(help: "Share of series (0…1) with an RRULE.")
    var recurringFraction: Double = 0.2

    @Flag(help: "Write X-WR-TIMEZONE:Europe/Oslo in the header, as Google and Apple do (the oracle then reads UTC series in Oslo wall time; see README).")
    var xWrTimezone = false

    @Option(help: "Pack the calendar into one year (singles in YEAR, series starting from 1 July the year before to 30 June), for a dense cycle year. Without it the output is unchanged.")
    var focusYear: Int?

    @Flag(help: "Give every series its own title (its number after the generated title), as real calendars do; for dense benchmark years.")
    var numberedTitles = false

    func validate() throws {
        guard events >= 0 else { throw ValidationError("--events must be 0 or more") }
        guard (0...1).contains(sharedFraction) else { throw ValidationError("--shared-fraction must be between 0 and 1") }
        guard (0...1).contains(recurringFraction) else { throw ValidationError("--recurring-fraction must be between 0 and 1") }
        if let focusYear, !(1901...2099).contains(focusYear) { throw ValidationError("--focus-year must be between 1901 and 2099") }
    }

    func run() throws {
        let options = GeneratorOptions(events: events, seed: seed, uidPrefix: uidPrefix ?? "s\(seed)-",
                                       sharedFraction: sharedFraction, sharedSeed: sharedSeed,
                                       recurringFraction: recurringFraction, xWRTimeZone: xWrTimezone,
                                       focusYear: focusYear, numberedTitles: numberedTitles)
        guard FileManager.default.createFile(atPath: output, contents: nil) else {
            throw ValidationError("cannot create \(output): check that the folder exists and is writable")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        defer { try? handle.close() }
        let started = Stopwatch.now()
        let summary = try CalendarGenerator(options: options).generate { chunk in
            try handle.write(contentsOf: chunk)
        }
        let seconds = Stopwatch.seconds(since: started)
        var text = "wrote \(output): \(Format.count(summary.events)) series (\(Format.count(summary.recurring)) recurring, "
        text += "\(Format.count(summary.overrides)) overrides, \(Format.count(summary.exdates)) EXDATEs; "
        text += "\(Format.count(summary.oslo)) Europe/Oslo, \(Format.count(summary.utc)) UTC, \(Format.count(summary.allDay)) all-day"
        if summary.shared > 0 { text += "; \(Format.count(summary.shared)) shared" }
        text += "), \(Format.megabytes(summary.bytes)) in \(Format.seconds(seconds))\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
