import Foundation
import Testing
@testable import ICalendar

/// The system zones' offsets come from a table of each year read once; the table must give
/// what Foundation's `TimeZone` gives, at every instant and around every change.
@Suite("System zones: the year tables agree with Foundation")
struct ZoneRulesTests {
    /// Zones with DST (both hemispheres), a half-hour DST (Lord Howe), no DST, a 45-minute
    /// offset, and a zone that changed its standard offset and skipped a day (Apia, 2011).
    static let zones = ["Europe/Oslo", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
                        "Asia/Kathmandu", "Pacific/Apia", "America/Sao_Paulo", "Europe/Moscow"]

    @Test("every 90 minutes from 1965 to 2040", arguments: zones)
    func sampledOffsets(_ identifier: String) throws {
        let rules = try #require(ZoneRules.system(identifier))
        let zone = try #require(TimeZone(identifier: identifier))
        let first = LocalDate(year: 1965, month: 1, day: 1).daysSinceEpoch * 86_400
        let last = LocalDate(year: 2040, month: 1, day: 1).daysSinceEpoch * 86_400
        var mismatches: [String] = []
        // 90 minutes is prime to the day, so the samples walk through every time of day.
        for instant in stride(from: first, to: last, by: 5_400) {
            let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
            let found = rules.offset(atUTC: instant)
            if found != expected, mismatches.count < 5 { mismatches.append("\(instant): \(found) ≠ \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(identifier): \(mismatches)")
    }

    @Test("the second before and the second of each change", arguments: zones)
    func offsetsAroundChanges(_ identifier: String) throws {
        let rules = try #require(ZoneRules.system(identifier))
        let zone = try #require(TimeZone(identifier: identifier))
        var date = Date(timeIntervalSince1970: TimeInterval(LocalDate(year: 1970, month: 1, day: 1).daysSinceEpoch * 86_400))
        let end = Date(timeIntervalSince1970: TimeInterval(LocalDate(year: 2038, month: 1, day: 1).daysSinceEpoch * 86_400))
        var checked = 0
        while let change = zone.nextDaylightSavingTimeTransition(after: date), change < end {
            let instant = Int(change.timeIntervalSince1970.rounded())
            for probe in [instant - 1, instant, instant + 1] {
                let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe)))
                #expect(rules.offset(atUTC: probe) == expected, "\(identifier) at \(probe)")
            }
            checked += 1
            date = change
        }
        if ["Europe/Oslo", "America/New_York", "Australia/Lord_Howe"].contains(identifier) { #expect(checked > 50) }
    }
}
