import Foundation
import Testing

/// Configuration errors in the reader's language: `--lang` when given, else the file's
/// `[cycle] language` (even when the problem is in another table), else bokmål.
@Suite("aarshjul: configuration errors in bokmål, nynorsk and English")
struct ConfigurationLanguageTests {
    @Test("a misspelt time zone: bokmål by default, nynorsk and English with --lang (transcript goldens)",
          arguments: [("nb", [String]()), ("nn", ["--lang", "nn"]), ("en", ["--lang", "en"])])
    func languageOfTheCommandLine(language: String, extra: [String]) throws {
        let result = try CLI.run(["conflicts", "--config", "Fixtures/cli/bad-timezone.toml", "--year", "2027"] + extra)
        #expect(result.status == 2)
        #expect(result.out == "")
        #expect(result.errLines.count == 1)
        #expect(result.err.hasPrefix("error: Fixtures/cli/bad-timezone.toml:4: [cycle]: timezone \"Europe/Olso\" "))
        Golden.check(transcriptOf: result, matches: "cli/config-bad-timezone-\(language).txt")
    }

    @Test("[cycle] language = \"nn\": an error in [[source]] comes in nynorsk (transcript golden)")
    func languageOfTheFile() throws {
        let result = try CLI.run(["conflicts", "--config", "Fixtures/cli/nynorsk-bad-source.toml", "--year", "2027"])
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("error: Fixtures/cli/nynorsk-bad-source.toml:12: [[source]] \"ntnu\": color \"blå\" må vere #RRGGBB"))
        Golden.check(transcriptOf: result, matches: "cli/config-file-language-nn.txt")
    }

    @Test("--lang wins over [cycle] language", arguments: ["cycle", "conflicts"])
    func commandLineWinsOverFile(command: String) throws {
        let result = try CLI.run([command, "--config", "Fixtures/cli/nynorsk-bad-source.toml", "--year", "2027", "--lang", "en"])
        #expect(result.status == 2)
        #expect(result.err == "error: Fixtures/cli/nynorsk-bad-source.toml:12: [[source]] \"ntnu\": color \"blå\" must be #RRGGBB, e.g. \"#0067B1\"\n")
    }

    @Test("aarshjul validate on configurations: the error in --lang, else the file's language, else bokmål (transcript goldens)",
          arguments: [
            ("validate-config-nb", ["Fixtures/cli/bad-timezone.toml"]),
            ("validate-config-nn", ["--lang", "nn", "Fixtures/cli/bad-timezone.toml"]),
            ("validate-config-en", ["--lang", "en", "Fixtures/cli/bad-timezone.toml"]),
            ("validate-config-file-nn", ["Fixtures/cli/nynorsk-bad-source.toml"]),
          ])
    func validateConfiguration(golden: String, arguments: [String]) throws {
        let result = try CLI.run(["validate"] + arguments)
        #expect(result.status == 2)
        #expect(result.out == "")
        #expect(result.errLines.count == 1)
        Golden.check(transcriptOf: result, matches: "cli/\(golden).txt")
    }

    @Test("aarshjul validate on a good configuration and a calendar: a summary line each, exit 0")
    func validateGoodConfiguration() throws {
        let result = try CLI.run(["validate", "Calendars/aarshjul.toml", "Calendars/ntnu.ics"])
        #expect(result.status == 0)
        #expect(result.err == "")
        #expect(result.out == """
            Calendars/aarshjul.toml: configuration, 3 source(s), \(try Self.ruleCount()) rule(s), 0 error(s)
            Calendars/ntnu.ics: 1 calendar(s), 69 item(s), 0 error(s), 0 warning(s)

            """)
    }

    /// The `[[rule]]` tables of the bundled configuration, counted from the file.
    static func ruleCount() throws -> Int {
        let text = try String(contentsOf: CLI.file("Calendars/aarshjul.toml"), encoding: .utf8)
        return text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces) == "[[rule]]" }.count
    }
}
