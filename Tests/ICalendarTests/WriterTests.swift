import Foundation
import Testing
@testable import ICalendar

@Suite("Writing")
struct WriterTests {
    private func calendar(_ properties: [Property], components: [Component] = []) -> Component {
        Component(name: "VCALENDAR", properties: [Property(name: "VERSION", value: "2.0"),
                                                  Property(name: "PRODID", value: "-//Aarshjul//Tests//NB")],
                  components: [Component(name: "VEVENT", properties: [Property(name: "UID", value: "w@aarshjul.test")] + properties,
                                         components: components)])
    }

    /// The physical lines of the written calendar, as text.
    private func lines(_ component: Component) -> [String] {
        crlfLines(ICalendarWriter().bytes([component])).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("Every line ends in CRLF, and there are no bare CR or LF")
    func crlf() {
        let bytes = ICalendarWriter().bytes([calendar([Property(name: "SUMMARY", value: "Bystyret")])])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Aarshjul//Tests//NB\r\nBEGIN:VEVENT\r\nUID:w@aarshjul.test\r\n"
                + "SUMMARY:Bystyret\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A) }
        }
    }

    @Test("A line of exactly 75 octets is not folded; 76 octets fold into 75 + (space + 1)")
    func foldAtSeventyFiveOctets() throws {
        let prefix = "SUMMARY:"
        let exact = prefix + String(repeating: "a", count: 75 - prefix.utf8.count)
        #expect(exact.utf8.count == 75)
        #expect(lines(calendar([Property(name: "SUMMARY", value: String(exact.dropFirst(prefix.count)))])).contains(exact))

        let long = prefix + String(repeating: "b", count: 76 - prefix.utf8.count)
        let written = lines(calendar([Property(name: "SUMMARY", value: String(long.dropFirst(prefix.count)))]))
        let start = try #require(written.firstIndex { $0.hasPrefix(prefix) })
        #expect(written[start] == String(long.prefix(75)))
        #expect(written[start + 1] == " b")

        // 75 + 74 + 74 …: continuation lines are 75 octets with their leading space.
        let veryLong = String(repeating: "c", count: 300)
        let folded = lines(calendar([Property(name: "DESCRIPTION", value: veryLong)]))
        let first = try #require(folded.firstIndex { $0.hasPrefix("DESCRIPTION:") })
        #expect(folded[first].utf8.count == 75)
        #expect(folded[first + 1].utf8.count == 75 && folded[first + 1].hasPrefix(" "))
        #expect(folded[first + 2].utf8.count == 75)
        #expect(folded[first + 4] == " " + String(repeating: "c", count: 300 - 63 - 74 * 3))
    }

    @Test("Folding never splits a UTF-8 character: ø at octets 75–76 moves to the next line")
    func foldOnCharacterBoundary() throws {
        // "SUMMARY:" is 8 octets; 66 ASCII letters bring us to 74; ø takes octets 75 and 76.
        let value = String(repeating: "x", count: 66) + "øre"
        let written = lines(calendar([Property(name: "SUMMARY", value: value)]))
        let start = try #require(written.firstIndex { $0.hasPrefix("SUMMARY:") })
        #expect(written[start] == "SUMMARY:" + String(repeating: "x", count: 66))
        #expect(written[start].utf8.count == 74)
        #expect(written[start + 1] == " øre")
    }

    @Test("Parameter values with ':' ';' or ',' are quoted; others are not")
    func parameterQuoting() throws {
        let property = Property(name: "ATTENDEE", parameters: [
            Parameter("CN", "Hansen, Kari"),
            Parameter("X-TID", "kl. 16:00"),
            Parameter("X-LISTE", "a;b"),
            Parameter("ROLE", "REQ-PARTICIPANT"),
            Parameter(name: "DELEGATED-FROM", values: ["mailto:a@x.no", "mailto:b@x.no"]),
        ], value: "mailto:kari@x.no")
        let written = ICalendarWriter().string(calendar([property]))
        #expect(written.replacingOccurrences(of: "\r\n ", with: "").contains(
            "ATTENDEE;CN=\"Hansen, Kari\";X-TID=\"kl. 16:00\";X-LISTE=\"a;b\";ROLE=REQ-PARTICIPANT;DELEGATED-FROM=\"mailto:a@x.no\",\"mailto:b@x.no\":mailto:kari@x.no\r\n"))
        let back = try ICalendarReader().read(written)
        #expect(back.calendars.first?.components.first?.property("ATTENDEE") == property)
    }

    @Test("RFC 6868: ^ is ^^, a newline is ^n, a double quote is ^' — and they read back")
    func caretEncoding() throws {
        #expect(ICalendarWriter.parameterValue("Munkegata 1\nTrondheim") == "Munkegata 1^nTrondheim")
        #expect(ICalendarWriter.parameterValue("a^b") == "a^^b")
        #expect(ICalendarWriter.parameterValue("\"Rådhuset\"") == "^'Rådhuset^'")
        #expect(ICalendarWriter.parameterValue("Munkegata 1\nTrondheim, Norge") == "\"Munkegata 1^nTrondheim, Norge\"")
        #expect(ICalendarWriter.parameterValue("plain") == "plain")
        let property = Property(name: "LOCATION", parameters: [
            Parameter("X-ADR", "Munkegata 1\nTrondheim"), Parameter("X-NAME", "\"Rådhuset\" ^ ok; fint"),
        ], value: "Rådhuset")
        let written = ICalendarWriter().string(calendar([property]))
        #expect(written.replacingOccurrences(of: "\r\n ", with: "")
            .contains("LOCATION;X-ADR=Munkegata 1^nTrondheim;X-NAME=\"^'Rådhuset^' ^^ ok; fint\":Rådhuset\r\n"))
        let back = try ICalendarReader().read(written)
        #expect(back.calendars.first?.components.first?.property("LOCATION") == property)
    }

    @Test("RFC 6868: a CRLF line break in a parameter value is written as ^n, never raw")
    func caretEncodingOfCRLF() throws {
        // In Swift "\r\n" is one Character, equal to neither "\r" nor "\n".
        #expect(ICalendarWriter.parameterValue("Munkegata 1\r\nTrondheim") == "Munkegata 1^nTrondheim")
        let property = Property(name: "LOCATION", parameters: [Parameter("X-ADR", "Munkegata 1\r\nTrondheim")], value: "Rådhuset")
        let bytes = ICalendarWriter().bytes([calendar([property])])
        #expect(crlfLines(bytes).contains { String(decoding: $0, as: UTF8.self) == "Trondheim:Rådhuset" } == false)
        let back = try ICalendarReader().read(Data(bytes))
        #expect(back.diagnostics.allSatisfy { $0.property == "VEVENT" && $0.message.contains("no DTSTART") }, "\(back.diagnostics)")
        #expect(back.calendars.first?.components.first?.property("LOCATION")?.parameter("X-ADR") == "Munkegata 1\nTrondheim")
    }

    @Test("Raw line breaks in a value built in code are written as \\n, never as a bare line break")
    func rawNewlinesInValue() throws {
        let property = Property(name: "DESCRIPTION", value: "Første linje\nAndre linje\r\nTredje")
        let written = lines(calendar([property]))
        #expect(written.contains("DESCRIPTION:Første linje\\nAndre linje\\nTredje"))
        let back = try ICalendarReader().read(ICalendarWriter().string(calendar([property])))
        #expect(back.calendars.first?.components.first?.property("DESCRIPTION")?.textValue == "Første linje\nAndre linje\nTredje")
    }

    @Test("The same tree gives the same bytes, every time; properties and components keep their order")
    func deterministic() throws {
        let document = try readFixture("unknown-components-and-properties.ics")
        let first = ICalendarWriter().bytes(document.calendars)
        let second = ICalendarWriter().bytes(document.calendars)
        #expect(first == second)
        let reread = try ICalendarReader().read(Data(first))
        #expect(ICalendarWriter().bytes(reread.calendars) == first)
        // A copy built independently writes the same.
        let copy = document.calendars.map { calendar -> Component in
            var rebuilt = Component(name: calendar.name)
            rebuilt.properties = calendar.properties.map { Property(name: $0.name, parameters: $0.parameters, value: $0.value) }
            rebuilt.components = calendar.components
            return rebuilt
        }
        #expect(ICalendarWriter().bytes(copy) == first)
        #expect(ICalendarWriter().string(document.calendars) == String(decoding: first, as: UTF8.self))
    }

    @Test("Norwegian text: written lines are ≤ 75 octets, each valid UTF-8, and match the golden file byte for byte")
    func norwegianFolding() throws {
        let document = try readFixture("norwegian-text-folding.ics")
        let bytes = ICalendarWriter().bytes(document.calendars)
        let physical = crlfLines(bytes)
        for line in physical {
            #expect(line.count <= 75, "\(line.count) octets: \(String(decoding: line, as: UTF8.self))")
            #expect(String(validating: line, as: UTF8.self) != nil, "not UTF-8 alone: \(line)")
        }
        // The text is such that a fold at exactly 75 octets would split æ/ø/å: check the fixture
        // still exercises that, so the test cannot pass by luck.
        var splitsAvoided = 0
        for property in document.calendars[0].components[0].properties where ["SUMMARY", "DESCRIPTION"].contains(property.name) {
            var rest = Array((property.name + ":" + property.value).utf8)[...]
            var limit = 75
            while rest.count > limit {
                var cut = rest.startIndex + limit
                if rest[cut] & 0xC0 == 0x80 { splitsAvoided += 1 }
                while rest[cut] & 0xC0 == 0x80 { cut -= 1 }
                rest = rest[cut...]
                limit = 74
            }
        }
        #expect(splitsAvoided >= 3)
        let golden = try Data(contentsOf: Paths.fixtures.appendingPathComponent("golden/norwegian-text-folding.written.ics"))
        #expect(bytes == Array(golden))
        let back = try ICalendarReader().read(Data(bytes))
        #expect(back.calendars == document.calendars)
        #expect(back.diagnostics.isEmpty)
    }

    @Test("TextEscaping: \\\\ \\; \\, \\n are decoded; unknown escapes are kept; escape is the inverse")
    func textEscaping() {
        #expect(TextEscaping.unescape("Rådhuset\\, bystyresalen\\; 2. etg.\\nInngang A\\\\B") == "Rådhuset, bystyresalen; 2. etg.\nInngang A\\B")
        #expect(TextEscaping.unescape("linje\\Nlinje") == "linje\nlinje")
        #expect(TextEscaping.unescape("C:\\temp") == "C:\\temp")
        #expect(TextEscaping.unescape("slutt\\") == "slutt\\")
        #expect(TextEscaping.unescape("ingen escapes: æøå") == "ingen escapes: æøå")
        #expect(TextEscaping.escape("Rådhuset, bystyresalen; 2. etg.\nInngang A\\B") == "Rådhuset\\, bystyresalen\\; 2. etg.\\nInngang A\\\\B")
        #expect(TextEscaping.escape("a\r\nb") == "a\\nb")
        #expect(TextEscaping.escape("kl. 16:00") == "kl. 16:00") // a colon is not escaped in TEXT
        for text in ["", "\\", ",;\n", "æ\\nø", "Sak 12/27: «Økonomiplan», vedtak\\innstilling\n\n"] {
            #expect(TextEscaping.unescape(TextEscaping.escape(text)) == text)
        }
    }
}
