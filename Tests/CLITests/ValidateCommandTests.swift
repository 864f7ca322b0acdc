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

/// `aarshjul validate` and `expand` on what real producers write (issue 11 §3): read, with
/// each problem on its own line, and never a date past year 9999.
@Suite("aarshjul validate: producer quirks")
struct ValidateProducerQuirkTests {
    @Test("bare VEVENTs: one calendar, two items, a warning; exit 0")
    func bareComponents() throws {
        let result = try CLI.run(["validate", "Fixtures/bare-vevents-without-vcalendar.ics"])
        #expect(result.status == 0)
        #expect(result.out == "Fixtures/bare-vevents-without-vcalendar.ics: 1 calendar(s), 2 item(s), 0 error(s), 1 warning(s)\n")
        #expect(result.err == "Fixtures/bare-vevents-without-vcalendar.ics:1: BEGIN: warning: BEGIN:VEVENT outside any VCALENDAR; it and the components after it are read as one calendar, wrapped in a VCALENDAR added by the reader (RFC 5545 §3.4)\n")
    }

    @Test("END:VCALENDARX: the error at line 19, not \"looks truncated\" at line 1; both items read")
    func misspeltOutermostEnd() throws {
        let result = try CLI.run(["validate", "Fixtures/misspelt-end-vcalendar.ics"])
        #expect(result.status == 2)
        #expect(result.out == "Fixtures/misspelt-end-vcalendar.ics: 1 calendar(s), 2 item(s), 1 error(s), 0 warning(s)\n")
        #expect(result.err == "Fixtures/misspelt-end-vcalendar.ics:19: END: error: END:VCALENDARX does not match BEGIN:VCALENDAR at line 1; read as its end\n")
    }

    @Test("a double quote in an unquoted parameter value: an error at its line; exit 2")
    func doubleQuoteInParameter() throws {
        let result = try CLI.run(["validate", "Fixtures/unquoted-parameter-with-dquote.ics"])
        #expect(result.status == 2)
        #expect(result.err == "Fixtures/unquoted-parameter-with-dquote.ics:9: ORGANIZER: error: parameter CN=Ola \"Sjefen\" Nordmann: an unquoted parameter value may not contain a double quote (RFC 5545 §3.1 paramtext); quote the whole value and write ^' for a quote inside it (RFC 6868); the value is read as written\n")
    }

    @Test("spaces in an RRULE list: a warning naming the rule; exit 0 and the rule expanded")
    func ruleListSpaces() throws {
        let result = try CLI.run(["validate", "Fixtures/rrule-list-with-spaces.ics"])
        #expect(result.status == 0)
        #expect(result.err == "Fixtures/rrule-list-with-spaces.ics:11: RRULE: warning: the rule \"FREQ=WEEKLY;BYDAY=MO, TU;COUNT=4\" has white space inside \"BYDAY=MO, TU\" (RFC 5545 §3.3.10 allows none); it is read without it\n")
        let expand = try CLI.run(["expand", "Fixtures/rrule-list-with-spaces.ics", "--from", "2027-01-01", "--to", "2028-01-01", "--format", "jsonl"])
        #expect(expand.out.split(separator: "\n").count == 4)
    }

    @Test("a DURATION out of range and an end past 9999: errors at their lines; expand prints no year past 9999")
    func beyondYear9999() throws {
        let file = "Fixtures/duration-out-of-range.ics"
        let result = try CLI.run(["validate", file])
        #expect(result.status == 2)
        #expect(result.errLines == [
            file + ":10: DURATION: error: \"P999999999999999999W\" is out of range: a DURATION can be no longer than the 10,000 years from 0000-01-01 to 9999-12-31",
            file + ":17: DURATION: error: DTSTART 9999-12-30T10:00:00Z plus P2D ends after 9999-12-31T23:59:59, out of the range of iCalendar dates; the item is left out of expansion",
        ])
        let expand = try CLI.run(["expand", file, "--from", "9999-12-01", "--to", "9999-12-31", "--format", "jsonl"])
        #expect(expand.out == "{\"uid\":\"siste-dag@aarshjul.test\",\"start\":\"9999-12-29T10:00:00Z\",\"end\":\"9999-12-29T12:00:00Z\",\"summary\":\"Siste dag\"}\n")
        #expect(expand.errLines.contains(file + ":16: DTSTART: error: \"Etter år 9999\": an occurrence starting 9999-12-30T10:00:00Z reaches past 9999-12-31T23:59:59 (or before year 0000), out of the range of iCalendar dates; it is left out"))
        #expect(!expand.out.contains("10000") && !expand.err.contains("10000-"))
    }
}
