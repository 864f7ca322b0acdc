import AarshjulServer
import Testing

/// HTTP dates and entity tags.
@Suite struct ValidatorTests {
    @Test func httpDatesRoundTrip() {
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == 784_111_777)
        for seconds in stride(from: 0, to: 4_000_000_000, by: 86_399 * 37) {
            #expect(HTTPDate.parse(HTTPDate.format(seconds)) == seconds)
        }
        for bad in ["", "yesterday", "Sun, 06 Nov 1994 08:49:37 CET", "Sun, 31 Feb 1994 08:49:37 GMT",
                    "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z"] {
            #expect(HTTPDate.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func entityTagsAreStrongAndStable() {
        let tag = EntityTag.strong(for: Array("BEGIN:VCALENDAR\r\n".utf8))
        #expect(tag == EntityTag.strong(for: Array("BEGIN:VCALENDAR\r\n".utf8)))
        #expect(tag != EntityTag.strong(for: Array("BEGIN:VCALENDAR\r\n ".utf8)))
        #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && !tag.hasPrefix("W/"))
        #expect(EntityTag.strong(for: [UInt8]()) == "\"cbf29ce484222325-0\"")
    }

    @Test func ifNoneMatchLists() {
        let tag = "\"abc-1\""
        #expect(EntityTag.matches(ifNoneMatch: tag, current: tag))
        #expect(EntityTag.matches(ifNoneMatch: "W/\"abc-1\"", current: tag))
        #expect(EntityTag.matches(ifNoneMatch: "\"x\", \"abc-1\"", current: tag))
        #expect(EntityTag.matches(ifNoneMatch: "\"x\",W/\"abc-1\"", current: tag))
        #expect(EntityTag.matches(ifNoneMatch: "*", current: tag))
        #expect(!EntityTag.matches(ifNoneMatch: "\"abc\"", current: tag))
        #expect(!EntityTag.matches(ifNoneMatch: "abc-1", current: tag))
        #expect(!EntityTag.matches(ifNoneMatch: "\"abc-1", current: tag))
        #expect(!EntityTag.matches(ifNoneMatch: "", current: tag))
    }
}
