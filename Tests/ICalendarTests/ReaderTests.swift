import Foundation
import Testing
@testable import ICalendar

/// Reading real and broken files: errors for what is not iCalendar, diagnostics with lines for
/// what is damaged, and nothing lost of what is merely unknown.
@Suite("Reading")
struct ReaderTests {

    // MARK: Not iCalendar at all: one ICalendarError each

    private func readError(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> ICalendarError? {
        let path = Paths.fixture(name).path
        do {
            let document = try ICalendarReader().read(fileAt: path)
            Issue.record("\(name) was read as \(document.calendars.count) calendar(s); an ICalendarError was expected",
                         sourceLocation: sourceLocation)
            return nil
        } catch let error as ICalendarError {
            #expect(error.file == path, sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("\(name) threw \(type(of: error)), not ICalendarError: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test("An empty file is an error that says the file is empty")
    func emptyFile() throws {
        let error = try #require(readError("malformed/empty.ics"))
        #expect(error.message.contains("the file is empty"))
        #expect(error.message.contains("BEGIN:VCALENDAR"))
        #expect(error.line == 0)
        // White space only is empty too.
        #expect(throws: ICalendarError.self) { try ICalendarReader().read(" \r\n\r\n\t\n") }
    }

    @Test("An HTML page (a login page served instead of the calendar) is an error that says so")
    func htmlPage() throws {
        let error = try #require(readError("malformed/html-login-page.ics"))
        #expect(error.message.contains("HTML page"))
        #expect(error.message.contains("not an iCalendar file"))
        #expect(error.line == 1)
    }

    @Test("A binary file (NUL bytes) is an error that says it is binary")
    func binaryFile() throws {
        let error = try #require(readError("malformed/binary-nul-bytes.ics"))
        #expect(error.message.contains("binary file"))
        #expect(error.message.contains("NUL"))
    }

    @Test("A file cut off before END:VCALENDAR is an error that says it looks truncated and where")
    func truncatedFile() throws {
        let error = try #require(readError("malformed/truncated-before-end.ics"))
        #expect(error.message.contains("ends before END:VCALENDAR"))
        #expect(error.message.contains("truncated"))
        #expect(error.message.contains("BEGIN:VEVENT at line 12"))
        #expect(error.line == 12)
        #expect(error.description.hasSuffix("truncated-before-end.ics:12: error: " + error.message))
    }

    @Test("A file that is not there is an ICalendarError naming it")
    func missingFile() {
        #expect {
            try ICalendarReader().read(fileAt: Paths.fixture("no-such-file.ics").path)
        } throws: { error in
            guard let error = error as? ICalendarError else { return false }
            return error.message.contains("cannot read the file") && error.file.hasSuffix("no-such-file.ics")
        }
    }

    @Test("Text that starts with something else than BEGIN:VCALENDAR is refused")
    func otherText() {
        #expect(throws: ICalendarError.self) { try ICalendarReader().read("BEGIN:VCARD\r\nFN:Ola Nordmann\r\nEND:VCARD\r\n") }
        #expect(throws: ICalendarError.self) { try ICalendarReader().read("{\"events\": []}") }
    }

    // MARK: Damaged files: diagnostics, the rest still read

    @Test("A bad DTSTART mid-file: a diagnostic with the right line and property; the other events are read and expanded")
    func badDTStartMidFile() throws {
        let document = try readFixture("bad-dtstart-mid-file.ics")
        #expect(document.calendars.count == 1)
        #expect(document.calendars[0].components(named: "VEVENT").count == 3)
        let errors = document.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.line == 16)
        #expect(error.property == "DTSTART")
        #expect(error.message.contains("\"20271305T160000\" is not a DATE-TIME"))
        #expect(error.description.hasSuffix("bad-dtstart-mid-file.ics:16: DTSTART: error: " + error.message))
        // The property stays in the tree as written.
        let bad = document.calendars[0].components(named: "VEVENT")[1]
        #expect(bad.value(of: "DTSTART") == "20271305T160000")
        #expect(bad.property("DTSTART")?.parameter("TZID") == "Europe/Oslo")

        let expansion = Expander().expand(document, from: day("2027-01-01"), to: day("2028-01-01"))
        #expect(expansion.occurrences.map(\.uid) == ["gyldig-1@aarshjul.test", "gyldig-2@aarshjul.test"])
        #expect(expansion.spans == ["2027-01-05T09:00:00Z/2027-01-05T12:00:00Z", "2027-01-06T08:00:00Z/2027-01-06T10:00:00Z"])
    }

    @Test("A line without a colon is skipped with a diagnostic naming its line; the rest is read")
    func lineWithoutColon() throws {
        let document = try readFixture("line-without-colon.ics")
        #expect(document.diagnostics.count == 1)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.line == 9)
        #expect(diagnostic.message.contains("no ':'"))
        #expect(diagnostic.message.contains("DESCRIPTION Saksliste kommer"))
        let events = document.calendars[0].components(named: "VEVENT")
        #expect(events.map(\.uid) == ["uten-kolon@aarshjul.test", "etter-feil@aarshjul.test"])
        #expect(events[0].property("DESCRIPTION") == nil)
        #expect(events[0].value(of: "DTSTART") == "20270105T100000")
        let expansion = Expander().expand(document, from: day("2027-01-01"), to: day("2028-01-01"))
        #expect(expansion.spans == ["2027-01-05T09:00:00Z/2027-01-05T12:00:00Z", "2027-01-07T15:00:00Z/2027-01-07T19:00:00Z"])
    }

    @Test("A misspelt END closes the open component with a diagnostic; the next event is its own")
    func misspeltEnd() throws {
        let document = try readFixture("misspelt-end.ics")
        let diagnostic = try #require(document.diagnostics.first)
        #expect(document.diagnostics.count == 1)
        #expect(diagnostic.line == 11)
        #expect(diagnostic.property == "END")
        #expect(diagnostic.message.contains("END:VEVNT does not match BEGIN:VEVENT at line 5"))
        let calendar = try #require(document.calendars.first)
        #expect(document.calendars.count == 1)
        #expect(calendar.components.map(\.name) == ["VEVENT", "VEVENT"])
        #expect(calendar.components.map(\.uid) == ["feilstavet-end@aarshjul.test", "etter-feilstavet-end@aarshjul.test"])
        #expect(calendar.components[0].components.isEmpty)
        let expansion = Expander().expand(document, from: day("2027-01-01"), to: day("2028-01-01"))
        #expect(expansion.occurrences.count == 2)
    }

    @Test("A UTF-8 byte-order mark and bare LF line ends are read like a clean CRLF file")
    func bomAndLF() throws {
        let bytes = try fixtureBytes("bom-lf-endings.ics")
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(!bytes.contains(0x0D))
        let document = try readFixture("bom-lf-endings.ics")
        #expect(document.diagnostics.isEmpty)
        let clean = String(decoding: bytes.dropFirst(3), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
        let reference = try ICalendarReader().read(clean)
        #expect(document.calendars == reference.calendars)
        let event = try #require(document.calendars.first?.components.first)
        #expect(event.summary == "Møte i formannskapet")
        #expect(event.property("DESCRIPTION")?.textValue == "Fila starter med en UTF-8 BOM og har bare LF som linjeskift, ikke CRLF.")
        #expect(document.calendars[0].properties.first?.name == "VERSION")
        let expansion = Expander().expand(document, from: day("2027-01-01"), to: day("2028-01-01"))
        #expect(expansion.spans == ["2027-01-12T09:00:00Z/2027-01-12T12:00:00Z"])
    }

    @Test("Windows-1252 bytes are decoded with a warning on the first such line")
    func windows1252() throws {
        let bytes = try fixtureBytes("windows-1252.ics")
        #expect(bytes.contains(0xF8) && bytes.contains(0x96)) // ø and – in Windows-1252
        let document = try readFixture("windows-1252.ics")
        #expect(document.diagnostics.count == 1)
        let warning = try #require(document.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.line == 7)
        #expect(warning.message.contains("not valid UTF-8"))
        #expect(warning.message.contains("Windows-1252"))
        let event = try #require(document.calendars.first?.components.first)
        #expect(event.summary == "Møte i formannskapet – økonomi og årsbudsjett")
        #expect(event.property("LOCATION")?.textValue == "Rådhuset, bystyresalen")
        let expansion = Expander().expand(document, from: day("2027-01-01"), to: day("2028-01-01"))
        #expect(expansion.spans == ["2027-01-12T09:00:00Z/2027-01-12T12:00:00Z"])
    }

    @Test("Several VCALENDARs in one file are all read, and all expanded")
    func severalCalendars() throws {
        let document = try readFixture("several-vcalendars.ics")
        #expect(document.diagnostics.isEmpty)
        #expect(document.calendars.map(\.name) == ["VCALENDAR", "VCALENDAR"])
        #expect(document.calendars.map { $0.property("X-WR-CALNAME")?.textValue } == ["Trondheim kommune", "NTNU"])
        let expansion = Expander().expand(document, from: day("2027-01-01"), to: day("2028-01-01"))
        #expect(expansion.occurrences.map(\.uid) == ["kalender-1@aarshjul.test", "kalender-2@aarshjul.test"])
        #expect(expansion.spans == ["2027-01-07T15:00:00Z/2027-01-07T19:00:00Z", "2027-01-08T08:00:00Z/2027-01-08T14:00:00Z"])
    }

    @Test("Unknown X- and IANA components, properties and parameters are kept, in order, and written back")
    func unknownThingsArePreserved() throws {
        let document = try readFixture("unknown-components-and-properties.ics")
        #expect(document.diagnostics.isEmpty)
        let calendar = try #require(document.calendars.first)
        #expect(calendar.components.map(\.name) == ["X-AARSHJUL-SYKLUS", "VEVENT"])
        #expect(calendar.value(of: "X-AARSHJUL-VERSJON") == "1")
        let cycle = calendar.components[0]
        #expect(cycle.value(of: "X-START") == "20270101")
        #expect(cycle.property("X-START")?.parameter("VALUE") == "DATE")
        let event = calendar.components[1]
        #expect(event.components.map(\.name) == ["VLOCATION", "X-AARSHJUL-NOTAT", "VALARM"])
        #expect(event.properties.map(\.name) == ["UID", "DTSTAMP", "SUMMARY", "DTSTART", "DTEND", "LOCATION-TYPE",
                                                 "FUTURE-PROPERTY", "X-AARSHJUL-KIND", "X-AARSHJUL-BODY"])
        let future = try #require(event.property("FUTURE-PROPERTY"))
        #expect(future.value == "verdi\\, med komma")
        #expect(future.textValue == "verdi, med komma")
        #expect(future.parameters == [Parameter(name: "FUTURE-PARAM", values: ["a", "b"]),
                                      Parameter(name: "X-NOTE", values: ["kl. 16:00; salen"])])
        #expect(event.property("X-AARSHJUL-BODY")?.parameter("X-KILDE") == "tk")

        let written = ICalendarWriter().string(document.calendars)
        let unfolded = written.replacingOccurrences(of: "\r\n ", with: "")
        for line in ["BEGIN:X-AARSHJUL-SYKLUS", "X-NAVN:Budsjettåret 2027", "X-START;VALUE=DATE:20270101",
                     "LOCATION-TYPE:municipal-hall", "FUTURE-PROPERTY;FUTURE-PARAM=a,b;X-NOTE=\"kl. 16:00; salen\":verdi\\, med komma",
                     "X-AARSHJUL-BODY;X-KILDE=tk:bystyret", "BEGIN:VLOCATION", "NAME:Rådhuset", "END:VLOCATION",
                     "BEGIN:X-AARSHJUL-NOTAT", "X-TEKST:Innstilling fra formannskapet", "END:X-AARSHJUL-NOTAT"] {
            #expect(unfolded.contains(line + "\r\n"), "missing \(line)")
        }
        let again = try ICalendarReader().read(written)
        #expect(again.calendars == document.calendars)
    }

    // MARK: Norwegian text

    @Test("Norwegian text folded by octets, splitting æ/ø/å across lines, is restored (RFC 5545 §3.1)")
    func foldedInsideCharacters() throws {
        let bytes = try fixtureBytes("norwegian-text-folded-inside-characters.ics")
        // The fixture really splits characters: some physical lines are not valid UTF-8 alone.
        let broken = crlfLines(Array(bytes)).filter { String(validating: $0, as: UTF8.self) == nil }
        #expect(broken.count >= 2)
        let document = try readFixture("norwegian-text-folded-inside-characters.ics")
        let reference = try readFixture("norwegian-text-folding.ics")
        // RFC 5545 §3.1: "implementations need to unfold lines in such a way to properly restore
        // the original sequence" — the text is UTF-8, not Windows-1252, and nothing is warned.
        #expect(document.diagnostics.isEmpty)
        let event = try #require(document.calendars.first?.components.first)
        let expected = try #require(reference.calendars.first?.components.first)
        #expect(event.summary == expected.summary)
        #expect(event.property("DESCRIPTION") == expected.property("DESCRIPTION"))
        #expect(event.summary?.hasPrefix("Bystyret 2027: økonomiplan 2028–2031 og årsbudsjett 2028") == true)
    }

    @Test("Folding with a TAB, at character boundaries, unfolds to the exact text")
    func norwegianTextUnfolds() throws {
        let document = try readFixture("norwegian-text-folding.ics")
        #expect(document.diagnostics.isEmpty)
        let event = try #require(document.calendars.first?.components.first)
        #expect(event.summary == "Bystyret 2027: økonomiplan 2028–2031 og årsbudsjett 2028 – førstegangsbehandling i formannskapet, særskilt høring for råd og utvalg")
        let description = try #require(event.property("DESCRIPTION")?.textValue)
        #expect(description.hasPrefix("Saksframlegg til bystyret torsdag 9. desember. Kommunedirektørens forslag"))
        #expect(description.contains("førstegangsbehandlingen; økonomiplanen må være ferdigbehandlet før årsskiftet.\nMerknader sendes"))
        #expect(description.hasSuffix("Trondheim kommune (Søndre gate 7–11, 7011 Trondheim)."))
        #expect(event.property("SUMMARY")?.line == 8)
        #expect(event.property("DESCRIPTION")?.line == 11)
    }

    // MARK: Content lines

    @Test("Names are case-insensitive and stored upper-cased; parameters are split and unquoted")
    func contentLineParsing() throws {
        let text = "begin:vcalendar\r\nversion:2.0\r\nbegin:vevent\r\nuid:a@b\r\n"
            + "attendee;cn=\"Hansen, Kari\";member=\"mailto:a@x.no\",\"mailto:b@x.no\";x-a=1:mailto:kari@x.no\r\n"
            + "dtstart;tzid=Europe/Oslo:20270105T100000\r\nend:vevent\r\nend:vcalendar\r\n"
        let document = try ICalendarReader().read(text)
        let event = try #require(document.calendars.first?.components.first)
        #expect(event.name == "VEVENT")
        let attendee = try #require(event.property("attendee"))
        #expect(attendee.name == "ATTENDEE")
        #expect(attendee.value == "mailto:kari@x.no")
        #expect(attendee.parameters == [
            Parameter(name: "CN", values: ["Hansen, Kari"]),
            Parameter(name: "MEMBER", values: ["mailto:a@x.no", "mailto:b@x.no"]),
            Parameter(name: "X-A", values: ["1"]),
        ])
        #expect(event.property("DTSTART")?.dateTimeValue == .zoned(LocalDateTime(year: 2027, month: 1, day: 5, hour: 10), tzid: "Europe/Oslo"))
        #expect(attendee.line == 5)
    }

    @Test("RFC 6868 caret escapes in parameter values are decoded on reading")
    func caretDecoding() throws {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"
            + "LOCATION;X-ADR=\"Munkegata 1^nTrondheim\";X-NAME=^'Rådhuset^' ^^ ok:Rådhuset\r\n"
            + "END:VEVENT\r\nEND:VCALENDAR\r\n"
        let document = try ICalendarReader().read(text)
        let location = try #require(document.calendars.first?.components.first?.property("LOCATION"))
        #expect(location.parameter("X-ADR") == "Munkegata 1\nTrondheim")
        #expect(location.parameter("X-NAME") == "\"Rådhuset\" ^ ok")
    }
}
