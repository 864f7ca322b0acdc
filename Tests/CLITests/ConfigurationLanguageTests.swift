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
}
