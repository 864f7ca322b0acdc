import Foundation
import Testing

/// Bad configuration and bad usage: exit status 2 (DESIGN.md §CLI), never swift-argument-parser's
/// 64, with a message that says where the problem is.
@Suite("aarshjul: configuration and usage errors")
struct ErrorsAndUsageTests {
    @Test("an unknown key in the config: exit 2, file:line and key named",
          arguments: ["conflicts", "cycle"])
    func unknownKey(command: String) throws {
        let result = try CLI.run([command, "--config", "Fixtures/cli/unknown-key.toml", "--year", "2027", "--lang", "en"])
        #expect(result.status == 2)
        #expect(result.out == "")
        #expect(result.errLines.count == 1)
        #expect(result.err.hasPrefix("error: Fixtures/cli/unknown-key.toml:17: "))
        #expect(result.err.contains("unknown key \"min-gapp\""))
        #expect(result.err.contains("min-gap"), "names the key that was meant among the allowed ones")
    }

    @Test("an unknown key in the config: transcript golden")
    func unknownKeyTranscript() throws {
        let result = try CLI.run(["conflicts", "--config", "Fixtures/cli/unknown-key.toml", "--year", "2027", "--lang", "en"])
        Golden.check(transcriptOf: result, matches: "cli/config-unknown-key.txt")
    }

    @Test("a source file that does not exist: exit 2, the path named")
    func missingSource() throws {
        let result = try CLI.run(["conflicts", "--config", "Fixtures/cli/missing-source.toml", "--year", "2027", "--lang", "en"])
        #expect(result.status == 2)
        #expect(result.out == "")
        #expect(result.err.hasPrefix("error: Fixtures/cli/missing-source.toml:9: "))
        #expect(result.err.contains("finnes-ikke.ics"))
        Golden.check(transcriptOf: result, matches: "cli/config-missing-source.txt")
    }

    @Test("no config file: exit 2, the path named, init suggested")
    func missingConfig() throws {
        let result = try CLI.run(["conflicts", "--config", "Fixtures/cli/finnes-ikke.toml", "--year", "2027", "--lang", "en"])
        #expect(result.status == 2)
        #expect(result.out == "")
        #expect(result.err.contains("Fixtures/cli/finnes-ikke.toml"))
        #expect(result.err.contains("aarshjul init"))
        Golden.check(transcriptOf: result, matches: "cli/config-missing.txt")
    }

    @Test("the default config is aarshjul.toml in the working directory")
    func defaultConfig() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let result = try CLI.run(["cycle", "--year", "2027"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.err.contains("aarshjul.toml"))
        let inCalendars = try CLI.run(["cycle", "--year", "2027", "--format", "json"], in: CLI.file("Calendars"))
        #expect(inCalendars.status == 0)
        Golden.check(inCalendars.stdout, matches: "cycle-2027.json")
    }

    @Test("usage errors exit 2, not 64, with the usage on stderr and nothing on stdout",
          arguments: [
            ["frobnicate"],
            ["conflicts", "--bogus"],
            ["conflicts", "--config", "Calendars/aarshjul.toml", "--format", "xml"],
            ["conflicts", "--config", "Calendars/aarshjul.toml", "--fail-on", "sometimes"],
            ["conflicts", "--config", "Calendars/aarshjul.toml", "--year", "abc"],
            ["conflicts", "--config", "Calendars/aarshjul.toml", "--lang", "de"],
            ["cycle", "--config", "Calendars/aarshjul.toml", "--fail-on", "never"],
            ["expand", "Fixtures/count.ics", "--to", "2028-01-01"],
            ["expand", "Fixtures/count.ics", "--from", "2027-01-01", "--to", "2028-01-01", "--max-occurrences", "0"],
            ["merge", "Calendars/ntnu.ics"],
            ["validate"],
          ])
    func usageErrors(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2)
        #expect(result.out == "")
        #expect(result.err.hasPrefix("Error: "))
        #expect(result.err.contains("Usage: aarshjul"))
    }

    @Test("a usage error: transcript golden")
    func usageTranscript() throws {
        let result = try CLI.run(["conflicts", "--config", "Calendars/aarshjul.toml", "--format", "xml"])
        Golden.check(transcriptOf: result, matches: "cli/usage-bad-format.txt")
    }

    @Test("--help and --version exit 0 on stdout")
    func helpAndVersion() throws {
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.out == "0.1.0\n")
        #expect(version.err == "")
        for arguments in [["--help"], ["conflicts", "--help"], ["help", "merge"]] {
            let help = try CLI.run(arguments)
            #expect(help.status == 0, "\(arguments)")
            #expect(help.out.contains("USAGE: aarshjul"), "\(arguments)")
            #expect(help.err == "", "\(arguments)")
        }
    }
}
