import Testing
@testable import ICalendar

/// The Swift rule iterator against a brute-force reference over generated rules: the reference
/// walks every day from DTSTART and keeps the days RFC 5545 §3.3.10 names, reading each rule
/// part as a plain statement about the day (counting weekdays for `2MO`, finding the week by
/// the year that holds its fourth day), with none of the iterator's period arithmetic.
/// DAILY … YEARLY rules on all-day starts, without BYSETPOS (which needs the periods the
/// iterator builds; the oracle covers it in `Scripts/rrule-differential`).
@Suite("Rule iterator against a day-by-day reference")
struct RecurrencePropertyTests {
    /// A small seeded generator (SplitMix64), so a failure names a reproducible rule.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
        mutating func signed(_ high: Int) -> Int { chance(30) ? -int(1...high) : int(1...high) }
        mutating func list(_ most: Int, _ draw: (inout Generator) -> String) -> [String] {
            var out: [String] = []
            for _ in 0..<int(1...most) {
                let value = draw(&self)
                if !out.contains(value) { out.append(value) }
            }
            return out
        }
    }

    static let codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// A rule over DAILY … YEARLY with any BY parts but BYSETPOS and the time parts.
    static func rule(_ g: inout Generator) -> String {
        let frequency = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY"][g.int(0...3)]
        var parts = ["FREQ=\(frequency)"]
        if g.chance(30) { parts.append("INTERVAL=\(g.int(2...4))") }
        if g.chance(35) { parts.append("BYMONTH=" + g.list(3) { "\($0.int(1...12))" }.joined(separator: ",")) }
        let weekNumbers = frequency == "YEARLY" && g.chance(25)
        if weekNumbers { parts.append("BYWEEKNO=" + g.list(2) { "\($0.signed(53))" }.joined(separator: ",")) }
        if frequency == "YEARLY" && g.chance(20) { parts.append("BYYEARDAY=" + g.list(3) { "\($0.signed(366))" }.joined(separator: ",")) }
        if frequency != "WEEKLY" && g.chance(35) { parts.append("BYMONTHDAY=" + g.list(3) { "\($0.signed(31))" }.joined(separator: ",")) }
        if g.chance(45) {
            let ordinals = frequency == "MONTHLY" || (frequency == "YEARLY" && !weekNumbers)
            parts.append("BYDAY=" + g.list(3) { g in
                let code = codes[g.int(0...6)]
                return ordinals && g.chance(40) ? "\(g.signed(frequency == "MONTHLY" ? 5 : 53))\(code)" : code
            }.joined(separator: ","))
        }
        if g.chance(25) { parts.append("WKST=\(codes[g.int(0...6)])") }
        if g.chance(40) { parts.append("COUNT=\(g.int(1...30))") }
        return parts.joined(separator: ";")
    }

    // MARK: The reference

    struct Reference {
        let rule: [String: [String]]
        let frequency: String
        let interval: Int
        let weekStart: Int
        let start: LocalDate

        init(text: String, start: LocalDate) {
            var parts: [String: [String]] = [:]
            for part in text.split(separator: ";") {
                let pair = part.split(separator: "=")
                parts[String(pair[0])] = pair[1].split(separator: ",").map(String.init)
            }
            rule = parts
            frequency = parts["FREQ"]![0]
            interval = Int(parts["INTERVAL"]?[0] ?? "1")!
            weekStart = (RecurrencePropertyTests.codes.firstIndex(of: parts["WKST"]?[0] ?? "MO") ?? 0) + 1
            self.start = start
        }

        func numbers(_ key: String) -> [Int]? { rule[key]?.map { Int($0)! } }

        /// The day the week holding `day` starts on, found by stepping back.
        func weekBegin(_ day: LocalDate) -> LocalDate {
            var begin = day
            while begin.weekday != weekStart { begin = begin.adding(days: -1) }
            return begin
        }

        /// The week number (ISO 8601 with WKST): a week belongs to the year holding its fourth
        /// day, and week 1 is the week holding 4 January.
        func week(_ day: LocalDate) -> (number: Int, weeks: Int) {
            let begin = weekBegin(day)
            let year = begin.adding(days: 3).year
            let first = weekBegin(LocalDate(year: year, month: 1, day: 4))
            let last = weekBegin(LocalDate(year: year, month: 12, day: 28))
            return ((begin.daysSinceEpoch - first.daysSinceEpoch) / 7 + 1, (last.daysSinceEpoch - first.daysSinceEpoch) / 7 + 1)
        }

        func inPeriod(_ day: LocalDate) -> Bool {
            let distance: Int
            switch frequency {
            case "YEARLY": distance = day.year - start.year
            case "MONTHLY": distance = (day.year - start.year) * 12 + day.month - start.month
            case "WEEKLY": distance = (weekBegin(day).daysSinceEpoch - weekBegin(start).daysSinceEpoch) / 7
            default: distance = day.daysSinceEpoch - start.daysSinceEpoch
            }
            return distance % interval == 0
        }

        /// Whether `day` is the n-th (from the end when negative) of its weekday in the
        /// month or year, counted by stepping a week at a time.
        func isOrdinal(_ day: LocalDate, _ n: Int, inMonth: Bool) -> Bool {
            func sameScope(_ other: LocalDate) -> Bool { other.year == day.year && (!inMonth || other.month == day.month) }
            var count = 0
            var probe = day
            while sameScope(probe) {
                count += 1
                probe = probe.adding(days: n > 0 ? -7 : 7)
            }
            return count == abs(n)
        }

        func matches(_ day: LocalDate) -> Bool {
            guard inPeriod(day) else { return false }
            let dayParts = ["BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY"].contains { rule[$0] != nil }
            if let months = numbers("BYMONTH"), !months.contains(day.month) { return false }
            if !dayParts {
                switch frequency {
                case "YEARLY": return (rule["BYMONTH"] != nil || day.month == start.month) && day.day == start.day
                case "MONTHLY": return day.day == start.day
                case "WEEKLY": return day.weekday == start.weekday
                default: return true
                }
            }
            if let weeks = numbers("BYWEEKNO") {
                let (number, count) = week(day)
                if !weeks.contains(number) && !weeks.contains(number - count - 1) { return false }
            }
            if let yearDays = numbers("BYYEARDAY") {
                let ordinal = day.daysSinceEpoch - LocalDate(year: day.year, month: 1, day: 1).daysSinceEpoch + 1
                let length = LocalDate(year: day.year, month: 12, day: 31).daysSinceEpoch - LocalDate(year: day.year, month: 1, day: 1).daysSinceEpoch + 1
                if !yearDays.contains(ordinal) && !yearDays.contains(ordinal - length - 1) { return false }
            }
            if let monthDays = numbers("BYMONTHDAY") {
                let length = LocalDate.daysIn(month: day.month, year: day.year)
                if !monthDays.contains(day.day) && !monthDays.contains(day.day - length - 1) { return false }
            }
            if let entries = rule["BYDAY"] {
                let inMonth = frequency == "MONTHLY" || rule["BYMONTH"] != nil
                let any = entries.contains { entry in
                    let code = String(entry.suffix(2))
                    guard RecurrencePropertyTests.codes.firstIndex(of: code)! + 1 == day.weekday else { return false }
                    let prefix = entry.dropLast(2)
                    guard let n = Int(prefix), frequency == "MONTHLY" || frequency == "YEARLY" else { return true }
                    return isOrdinal(day, n, inMonth: inMonth)
                }
                if !any { return false }
            }
            return true
        }

        func days(through end: LocalDate) -> [LocalDate] {
            let count = numbers("COUNT")?.first
            var found: [LocalDate] = []
            var day = start
            while day < end {
                if matches(day) {
                    found.append(day)
                    if let count, found.count == count { break }
                }
                day = day.adding(days: 1)
            }
            return found
        }
    }

    @Test("300 generated rules: the iterator's days are the reference's, over five years", arguments: [20_261_202, 5_545])
    func iteratorAgreesWithReference(seed: UInt64) throws {
        var g = Generator(state: seed)
        var disagreements: [String] = []
        for _ in 0..<300 {
            let text = Self.rule(&g)
            let start = LocalDate(year: g.int(2024...2026), month: g.int(1...12), day: g.int(1...28))
            let end = LocalDate(year: start.year + 5, month: 1, day: 1)
            let rule = try RecurrenceRule.parse(text).get()
            let parts = try #require(RuleComponents(rule: rule, start: LocalDateTime(date: start)), "\(text)")
            var iterator = GregorianRuleIterator(parts: parts, start: LocalDateTime(date: start), isDate: true, jumpTo: nil,
                                                 horizon: LocalDateTime(date: end))
            var got: [LocalDate] = []
            while let next = iterator.next(), next.date < end { got.append(next.date) }
            let want = Reference(text: text, start: start).days(through: end)
            if got != want {
                let index = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
                disagreements.append("\(text) from \(start): #\(index + 1) iterator \(index < got.count ? "\(got[index])" : "none"), reference \(index < want.count ? "\(want[index])" : "none")")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) rules disagree:\n\(disagreements.prefix(10).joined(separator: "\n"))")
    }

    @Test("Jumping to a window gives the instances a walk from DTSTART gives there")
    func jumpAgreesWithWalk() throws {
        var g = Generator(state: 11)
        for _ in 0..<200 {
            let text = Self.rule(&g).split(separator: ";").filter { !$0.hasPrefix("COUNT=") }.joined(separator: ";")
            let start = LocalDateTime(year: 2020, month: g.int(1...12), day: g.int(1...28), hour: 9)
            let jump = LocalDateTime(year: 2027, month: g.int(1...12), day: g.int(1...28))
            let end = LocalDateTime(year: 2029, month: 1, day: 1)
            let rule = try RecurrenceRule.parse(text).get()
            let parts = try #require(RuleComponents(rule: rule, start: start))
            var walk = GregorianRuleIterator(parts: parts, start: start, isDate: false, jumpTo: nil, horizon: end)
            var jumped = GregorianRuleIterator(parts: parts, start: start, isDate: false, jumpTo: jump, horizon: end)
            var walked: [LocalDateTime] = []
            while let next = walk.next(), next < end { if next >= jump { walked.append(next) } }
            var skipped: [LocalDateTime] = []
            while let next = jumped.next(), next < end { skipped.append(next) }
            #expect(walked == skipped, "\(text) from \(start), jump to \(jump)")
        }
    }
}
