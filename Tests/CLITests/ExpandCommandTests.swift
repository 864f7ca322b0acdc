import Foundation
import Testing

/// `aarshjul expand`: occurrences in a window, normalised as `shared/tools/oracle-expand` does.
@Suite("aarshjul expand")
struct ExpandCommandTests {
    static let year2027 = ["--from", "2027-01-01", "--to", "2028-01-01"]

    /// Fixtures/cli/expand-mixed.ics: a weekly Europe/Oslo series across the March DST change with
    /// an EXDATE and a moved instance, a multi-day all-day event, a floating time with `,` and `"`
    /// in the summary, a UTC event with DURATION, and an event outside the window.
    @Test("a mixed calendar as JSON lines: golden")
    func mixedJSONL() throws {
        let result = try CLI.run(["expand", "Fixtures/cli/expand-mixed.ics"] + Self.year2027 + ["--format", "jsonl"])
        #expect(result.status == 0)
        #expect(result.err == "")
        Golden.check(result.stdout, matches: "expand-mixed.jsonl")
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"uid\":") }, "keys in the order uid, start, end, summary")
        // 16 Mar is CET (09:00Z); 6 Apr is CEST (08:00Z); 23 Mar is excluded; 30 Mar moved to 31 Mar.
        #expect(result.out.contains("\"start\":\"2027-03-16T09:00:00Z\""))
        #expect(result.out.contains("\"start\":\"2027-04-06T08:00:00Z\""))
        #expect(!result.out.contains("2027-03-23"))
        #expect(!result.out.contains("2027-03-30"))
        #expect(result.out.contains("\"start\":\"2027-03-31T11:00:00Z\",\"end\":\"2027-03-31T13:00:00Z\",\"summary\":\"Kontrollutvalget (flyttet)\""))
        #expect(result.out.contains("\"start\":\"2027-03-17T09:00:00\",\"end\":\"2027-03-17T11:30:00\""), "floating: bare local time")
        #expect(result.out.contains("\"summary\":\"Arbeidsverksted, \\\"budsjett\\\" og plan\""))
        #expect(result.out.contains("\"start\":\"2027-02-22\",\"end\":\"2027-02-27\""), "dates as YYYY-MM-DD")
        #expect(!result.out.contains("2028"))
    }

    @Test("a mixed calendar as CSV: golden, quoted fields, CRLF records")
    func mixedCSV() throws {
        let result = try CLI.run(["expand", "Fixtures/cli/expand-mixed.ics"] + Self.year2027 + ["--format", "csv"])
        #expect(result.status == 0)
        #expect(result.err == "")
        Golden.check(result.stdout, matches: "expand-mixed.csv")
        #expect(result.out.hasPrefix("start,end,uid,summary\r\n"))
        #expect(result.out.contains(",\"Arbeidsverksted, \"\"budsjett\"\" og plan\"\r\n"))
        #expect(result.out.components(separatedBy: "\r\n").count == 1 + 6 + 1)
    }

    /// The table is written row by row from the sorted rows: the same bytes as the report
    /// tables (`TextTable.render`), cells cut with `…` and the UID wrapped at 80 columns.
    @Test("a mixed calendar as a table: golden, cut cells, wrapped UIDs, the count")
    func mixedTable() throws {
        let result = try CLI.run(["expand", "Fixtures/cli/expand-mixed.ics"] + Self.year2027 + ["--format", "table"])
        #expect(result.status == 0)
        #expect(result.err == "")
        Golden.check(result.stdout, matches: "expand-mixed.txt")
        #expect(result.out.hasPrefix("Start "))
        #expect(result.out.contains("Vinterferie i Tr…"))
        #expect(result.out.hasSuffix("\n6 forekomst(er)\n"))
    }

    /// RFC 5545 §3.3.5: a local time in the spring gap is read with the offset before the gap
    /// (02:30 on 28 March 2027 = 01:30Z); §3.8.5.3: every instance keeps the first one's exact
    /// duration (1 hour), so that instance ends at 02:30Z.
    @Test("Fixtures/dst-gap-oslo.ics: a time that does not exist in Oslo")
    func dstGap() throws {
        let result = try CLI.run(["expand", "Fixtures/dst-gap-oslo.ics"] + Self.year2027 + ["--format", "jsonl"])
        #expect(result.status == 0)
        #expect(result.err == "")
        Golden.check(result.stdout, matches: "expand-dst-gap-oslo.jsonl")
        #expect(result.out.contains("\"start\":\"2027-03-28T01:30:00Z\",\"end\":\"2027-03-28T02:30:00Z\""))
    }

    /// RFC 5545 §3.3.5: a local time in the autumn fold is its first occurrence (02:30 CEST on
    /// 31 October 2027 = 00:30Z), and lasts the same exact hour.
    @Test("Fixtures/dst-fold-oslo.ics: a time that occurs twice in Oslo")
    func dstFold() throws {
        let result = try CLI.run(["expand", "Fixtures/dst-fold-oslo.ics"] + Self.year2027 + ["--format", "jsonl"])
        #expect(result.status == 0)
        #expect(result.err == "")
        Golden.check(result.stdout, matches: "expand-dst-fold-oslo.jsonl")
        #expect(result.out.contains("\"start\":\"2027-10-31T00:30:00Z\",\"end\":\"2027-10-31T01:30:00Z\""))
    }

    @Test("a bad --from or --to is a usage error: exit 2, the value named, nothing on stdout",
          arguments: [
            (["--from", "2027-13-01", "--to", "2028-01-01"], "Error: --from 2027-13-01 is not a date (YYYY-MM-DD)"),
            (["--from", "tomorrow", "--to", "2028-01-01"], "Error: --from tomorrow is not a date (YYYY-MM-DD)"),
            (["--from", "2027-02-30", "--to", "2028-01-01"], "Error: --from 2027-02-30 is not a date (YYYY-MM-DD)"),
            (["--from", "2027-01-01", "--to", "1.1.2028"], "Error: --to 1.1.2028 is not a date (YYYY-MM-DD)"),
          ])
    func badWindow(window: [String], message: String) throws {
        let result = try CLI.run(["expand", "Fixtures/count.ics"] + window)
        #expect(result.status == 2)
        #expect(result.out == "")
        #expect(result.errLines.first == message)
        #expect(result.err.contains("Usage: aarshjul expand"))
    }

    @Test("the whole run with a bad --from: transcript golden")
    func badFromTranscript() throws {
        let result = try CLI.run(["expand", "Fixtures/count.ics", "--from", "2027-13-01", "--to", "2028-01-01"])
        Golden.check(transcriptOf: result, matches: "cli/expand-bad-from.txt")
    }

    @Test("a missing file: exit 2, the path named")
    func missingFile() throws {
        let result = try CLI.run(["expand", "Fixtures/cli/finnes-ikke.ics"] + Self.year2027)
        #expect(result.status == 2)
        #expect(result.out == "")
        #expect(result.errLines.count == 1)
        #expect(result.err.hasPrefix("Fixtures/cli/finnes-ikke.ics: error: "))
    }
}
