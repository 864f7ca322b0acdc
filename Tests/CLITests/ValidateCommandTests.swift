import Foundation
import Testing

/// `aarshjul validate`: every problem with file and line; exit 2 on any error.
@Suite("aarshjul validate")
struct ValidateCommandTests {
    @Test("a good file: exit 0 and one summary line")
    func goodFile() throws {
        let result = try CLI.run(["validate", "Calendars/ntnu.ics"])
        #expect(result.status == 0)
        #expect(result.err == "")
        #expect(result.out == "Calendars/ntnu.ics: 1 calendar(s), 69 item(s), 0 error(s), 0 warning(s)\n")
        Golden.check(transcriptOf: result, matches: "cli/validate-good.txt")
    }

    @Test("all three bundled calendars are clean (Calendars/README.md: 70, 69 and 61 events)")
    func bundledCalendars() throws {
        let result = try CLI.run(["validate", "Calendars/trondheim-kommune.ics", "Calendars/ntnu.ics", "Calendars/universitetskommune.ics"])
        #expect(result.status == 0)
        #expect(result.err == "")
        #expect(result.out == """
            Calendars/trondheim-kommune.ics: 1 calendar(s), 70 item(s), 0 error(s), 0 warning(s)
            Calendars/ntnu.ics: 1 calendar(s), 69 item(s), 0 error(s), 0 warning(s)
            Calendars/universitetskommune.ics: 1 calendar(s), 61 item(s), 0 error(s), 0 warning(s)

            """)
    }

    @Test("a bad DTSTART on line 16: exit 2, the message names file:line and property")
    func badDTSTART() throws {
        let result = try CLI.run(["validate", "Fixtures/bad-dtstart-mid-file.ics"])
        #expect(result.status == 2)
        #expect(result.errLines.count == 1)
        #expect(result.err.hasPrefix("Fixtures/bad-dtstart-mid-file.ics:16: DTSTART: error: "))
        #expect(result.err.contains("20271305T160000"))
        #expect(result.out == "Fixtures/bad-dtstart-mid-file.ics: 1 calendar(s), 3 item(s), 1 error(s), 0 warning(s)\n",
                "the other events are still read")
        Golden.check(transcriptOf: result, matches: "cli/validate-bad-dtstart.txt")
    }

    @Test("an HTML page saved as .ics: exit 2, one clear error")
    func htmlPage() throws {
        let result = try CLI.run(["validate", "Fixtures/malformed/html-login-page.ics"])
        #expect(result.status == 2)
        #expect(result.out == "")
        #expect(result.errLines.count == 1)
        #expect(result.err.hasPrefix("Fixtures/malformed/html-login-page.ics:1: error: "))
        #expect(result.err.contains("HTML"))
        Golden.check(transcriptOf: result, matches: "cli/validate-html.txt")
    }

    @Test("a missing file: exit 2, the path named")
    func missingFile() throws {
        let result = try CLI.run(["validate", "Fixtures/cli/finnes-ikke.ics"])
        #expect(result.status == 2)
        #expect(result.out == "")
        #expect(result.errLines.count == 1)
        #expect(result.err.hasPrefix("Fixtures/cli/finnes-ikke.ics: error: "))
        Golden.check(transcriptOf: result, matches: "cli/validate-missing.txt")
    }

    @Test("a good and a bad file: exit 2, both summarised; --quiet prints only the problems")
    func goodAndBad() throws {
        let files = ["Calendars/ntnu.ics", "Fixtures/bad-dtstart-mid-file.ics"]
        let result = try CLI.run(["validate"] + files)
        #expect(result.status == 2)
        #expect(result.out.split(separator: "\n").count == 2)
        let quiet = try CLI.run(["validate", "--quiet"] + files)
        #expect(quiet.status == 2)
        #expect(quiet.out == "")
        #expect(quiet.err == result.err)
    }
}
