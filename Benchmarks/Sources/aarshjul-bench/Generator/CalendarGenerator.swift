/// What to generate.
struct GeneratorOptions {
    /// Series (master VEVENTs) to write; RECURRENCE-ID overrides come on top.
    var events: Int
    var seed: UInt64
    /// Starts every UID that is not shared (`<prefix><index>@aarshjul.bench`).
    var uidPrefix: String
    /// The share of series, 0…1, whose UID and content come from `sharedSeed` instead of `seed`.
    var sharedFraction: Double = 0
    var sharedSeed: UInt64 = 0
    /// The share of series with an RRULE.
    var recurringFraction: Double = 0.2
    /// Whether to write `X-WR-TIMEZONE:Europe/Oslo` in the header, as Google and Apple do.
    var xWRTimeZone = false
    /// Packs the calendar into one year: singles fall in this year, series start between
    /// 1 July of the year before and 30 June of this year (nil: singles 2023–2027, series from
    /// mid-2022 to mid-2026). Draws the same random numbers either way, only from other ranges.
    var focusYear: Int? = nil
    /// Gives every series its own title, its number after the generated one ("… (sak 1234)"),
    /// as real calendars name their case numbers and committees: without it, a packed year of
    /// hundreds of thousands of events repeats the same titles at the same times, and the
    /// likely-duplicate check finds a number of pairs that grows with the square of the density.
    var numberedTitles = false
}

/// Counts of what was written, for the summary line.
struct GeneratorSummary {
    var events = 0
    var recurring = 0
    var overrides = 0
    var exdates = 0
    var allDay = 0
    var utc = 0
    var oslo = 0
    var shared = 0
    var bytes = 0
}

/// Generates a large, realistic calendar deterministically: the same options give the same
/// bytes on every machine.
///
/// Each series draws from its own ``SplitMix64`` stream keyed by (seed, index), so series are
/// independent of each other. A *shared* series (chosen by `sharedSeed` alone) draws its UID and
/// content from `sharedSeed`, so two files generated with the same `--events`, `--shared-seed`
/// and `--shared-fraction` hold the same shared series; their SEQUENCE and LAST-MODIFIED still
/// come from each file's own seed, so a merge has a newer copy to choose.
///
/// - Complexity: O(*n*) in the number of events.
struct CalendarGenerator {
    let options: GeneratorOptions

    private static let zoneID = "Europe/Oslo"

    /// Writes the whole calendar through `sink`, in chunks of about `chunkSize` bytes.
    func generate(chunkSize: Int = 1 << 22, sink: ([UInt8]) throws -> Void) rethrows -> GeneratorSummary {
        var summary = GeneratorSummary()
        var out = ContentLineWriter(capacity: chunkSize + 65_536)
        header(&out)
        for index in 0..<options.events {
            event(index, into: &out, summary: &summary)
            if out.bytes.count >= chunkSize {
                summary.bytes += out.bytes.count
                try sink(out.bytes)
                out.removeAll()
            }
        }
        out.line("END:VCALENDAR")
        summary.bytes += out.bytes.count
        try sink(out.bytes)
        return summary
    }

    private func header(_ out: inout ContentLineWriter) {
        out.line("BEGIN:VCALENDAR")
        out.line("VERSION:2.0")
        out.line("PRODID:-//Aarshjul//Benchmark generator 1.0//NO")
        out.line("CALSCALE:GREGORIAN")
        out.line("METHOD:PUBLISH")
        out.line("X-WR-CALNAME:Årshjul – generert testkalender (seed \(options.seed))")
        if options.xWRTimeZone { out.line("X-WR-TIMEZONE:\(Self.zoneID)") }
        out.line("X-WR-CALDESC:" + escapeText("Syntetisk årshjul for ytelsestester: bystyret, formannskapet, styremøter og saksfrister."))
        // Europe/Oslo as Outlook and Google publish it: the EU rule since 1996.
        out.line("BEGIN:VTIMEZONE")
        out.line("TZID:\(Self.zoneID)")
        out.line("X-LIC-LOCATION:\(Self.zoneID)")
        out.line("BEGIN:DAYLIGHT")
        out.line("TZOFFSETFROM:+0100")
        out.line("TZOFFSETTO:+0200")
        out.line("TZNAME:CEST")
        out.line("DTSTART:19700329T020000")
        out.line("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
        out.line("END:DAYLIGHT")
        out.line("BEGIN:STANDARD")
        out.line("TZOFFSETFROM:+0200")
        out.line("TZOFFSETTO:+0100")
        out.line("TZNAME:CET")
        out.line("DTSTART:19701025T030000")
        out.line("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
        out.line("END:STANDARD")
        out.line("END:VTIMEZONE")
    }

    // MARK: - One series

    private enum Timing {
        case allDay, utc, oslo
    }

    private enum Shape {
        case weekly(interval: Int, weekdays: [Int])
        case monthlyDay(interval: Int, day: Int)
        case monthlyNth(interval: Int, n: Int, weekday: Int)
        case yearly
    }

    private static let weekdayNames = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    private static let singleStart = CivilDate(year: 2023, month: 1, day: 1).dayNumber
    private static let singleEnd = CivilDate(year: 2027, month: 12, day: 31).dayNumber
    private static let seriesStart = CivilDate(year: 2022, month: 6, day: 1).dayNumber
    private static let seriesEnd = CivilDate(year: 2026, month: 6, day: 30).dayNumber

    /// The days singles fall on.
    private var singleRange: ClosedRange<Int> {
        guard let year = options.focusYear else { return Self.singleStart...Self.singleEnd }
        return CivilDate(year: year, month: 1, day: 1).dayNumber...CivilDate(year: year, month: 12, day: 31).dayNumber
    }

    /// The days series start on.
    private var seriesRange: ClosedRange<Int> {
        guard let year = options.focusYear else { return Self.seriesStart...Self.seriesEnd }
        return CivilDate(year: year - 1, month: 7, day: 1).dayNumber...CivilDate(year: year, month: 6, day: 30).dayNumber
    }

    private func event(_ index: Int, into out: inout ContentLineWriter, summary: inout GeneratorSummary) {
        var pick = SplitMix64(seed: options.sharedSeed, stream: 2, index: index)
        let shared = options.sharedFraction > 0 && pick.unit() < options.sharedFraction
        var r = shared ? SplitMix64(seed: options.sharedSeed, stream: 3, index: index)
                       : SplitMix64(seed: options.seed, stream: 3, index: index)
        var own = SplitMix64(seed: options.seed, stream: 4, index: index)
        let uid = shared ? "shared-\(options.sharedSeed)-\(index)@aarshjul.bench" : "\(options.uidPrefix)\(index)@aarshjul.bench"
        summary.events += 1
        if shared { summary.shared += 1 }

        let recurring = r.chance(options.recurringFraction)
        var timing: Timing
        let roll = r.unit()
        timing = roll < 0.12 ? .allDay : roll < 0.35 ? .utc : .oslo

        var shape: Shape?
        var start: CivilDate
        var title: String
        if recurring {
            summary.recurring += 1
            let kind = r.unit()
            start = CivilDate(dayNumber: r.int(seriesRange))
            if kind < 0.45 {
                if start.weekday >= 5 { start = start.adding(days: 7 - start.weekday) }
                var days = [start.weekday]
                if r.chance(0.3) {
                    let other = (start.weekday + r.int(1...3)) % 5
                    if other != start.weekday { days.append(other) }
                }
                shape = .weekly(interval: r.pick([1, 1, 1, 2, 2, 3]), weekdays: days.sorted())
                title = r.pick([
                    "Ukentlig avdelingsmøte i \(r.pick(NorwegianText.units))",
                    "Gruppemøte \(r.pick(NorwegianText.parties))",
                    "Ledermøte – \(r.pick(NorwegianText.units))",
                    "Formannskapet: formøte",
                    "Lunsjmøte for \(r.pick(NorwegianText.units))",
                ])
            } else if kind < 0.80 {
                let interval = r.pick([1, 1, 1, 2, 3])
                if r.chance(0.6) {
                    let n = r.pick([1, 2, 3, 4, -1])
                    let weekday = r.int(0...4)
                    start = CivilDate.nth(n, weekday: weekday, year: start.year, month: start.month)
                    shape = .monthlyNth(interval: interval, n: n, weekday: weekday)
                } else {
                    start.day = min(start.day, 28)
                    shape = .monthlyDay(interval: interval, day: start.day)
                }
                let council = r.pick(NorwegianText.councils)
                title = r.pick([
                    "Møte i \(council)",
                    "Styremøte i \(r.pick(NorwegianText.boards))",
                    "Saksfrist for \(council)",
                    "Månedlig styremøte",
                    "Arbeidsmøte i \(council)",
                ])
                if title.hasPrefix("Saksfrist") { timing = .allDay }
            } else {
                start.day = min(start.day, 28)
                shape = .yearly
                if r.chance(0.7) { timing = .allDay }
                title = timing == .allDay
                    ? r.pick(["Bursdag: \(r.pick(NorwegianText.people))", "Frist for årsmelding til \(r.pick(NorwegianText.boards))",
                              "Merkedag: \(r.pick(NorwegianText.councils)) fyller år"])
                    : r.pick(["Årsmøte i \(r.pick(NorwegianText.boards))", "Generalforsamling i \(r.pick(NorwegianText.boards))"])
            }
        } else {
            start = CivilDate(dayNumber: r.int(singleRange))
            if timing == .allDay {
                title = r.pick([
                    "Saksfrist: \(r.pick(NorwegianText.topics))",
                    "Høringsfrist: \(r.pick(NorwegianText.topics))",
                    "Seminar om \(r.pick(NorwegianText.topics))",
                    "Fagdag for \(r.pick(NorwegianText.units))",
                ])
            } else {
                if start.weekday >= 5 { start = start.adding(days: 7 - start.weekday) }
                title = r.pick([
                    "Møte i \(r.pick(NorwegianText.councils))",
                    "Styremøte i \(r.pick(NorwegianText.boards))",
                    "Befaring: \(r.pick(NorwegianText.places))",
                    "Budsjettseminar for formannskapet",
                    "Dialogmøte om \(r.pick(NorwegianText.topics))",
                    "Ekstraordinært møte i \(r.pick(NorwegianText.councils))",
                    "Temamøte: \(r.pick(NorwegianText.topics))",
                ])
            }
        }
        switch timing {
        case .allDay: summary.allDay += 1
        case .utc: summary.utc += 1
        case .oslo: summary.oslo += 1
        }
        title = title.prefix(1).uppercased() + title.dropFirst()

        // Times: Oslo 07:30–16:00 local; UTC one hour earlier; lengths 30 min–4 h.
        let startMinutes = 450 + 15 * r.int(0...34) - (timing == .utc ? 60 : 0)
        let length = 15 * r.int(2...(recurring ? 12 : 16))
        let days = r.int(1...(recurring ? 1 : 3))

        func stamp(_ rng: inout SplitMix64) -> String {
            CivilDate(dayNumber: CivilDate(year: 2024, month: 1, day: 1).dayNumber + rng.int(0...364)).basic
                + TimeOfDay(minutes: rng.int(0...1439)).basic + "Z"
        }
        func dateTime(_ name: String, _ date: CivilDate, _ minutes: Int) -> String {
            switch timing {
            case .allDay: return "\(name);VALUE=DATE:\(date.basic)"
            case .utc: return "\(name):\(date.basic)\(TimeOfDay(minutes: minutes).basic)Z"
            case .oslo: return "\(name);TZID=\(Self.zoneID):\(date.basic)\(TimeOfDay(minutes: minutes).basic)"
            }
        }
        func value(_ date: CivilDate, _ minutes: Int) -> String {
            timing == .allDay ? date.basic : date.basic + TimeOfDay(minutes: minutes).basic + (timing == .utc ? "Z" : "")
        }
        func end(_ name: String, _ date: CivilDate, _ minutes: Int, _ useDuration: Bool) -> String {
            if timing == .allDay { return "\(name);VALUE=DATE:\(date.adding(days: days).basic)" }
            if useDuration {
                let text = "PT" + (length / 60 > 0 ? "\(length / 60)H" : "") + (length % 60 > 0 ? "\(length % 60)M" : "")
                return "DURATION:" + text
            }
            let total = minutes + length
            return dateTime(name, date.adding(days: total / 1440), total % 1440)
        }
        func description(_ rng: inout SplitMix64, lead: String? = nil) -> String {
            let parts = rng.sample(NorwegianText.sentences, count: rng.int(2...6))
            let separator = rng.chance(0.25) ? "\n\n" : " "
            return escapeText(([lead].compactMap { $0 } + parts).joined(separator: separator))
        }

        // Occurrences of the rule, so EXDATE, RECURRENCE-ID and UNTIL hit real instances.
        var occurrences: [CivilDate] = []
        var rrule: String?
        if let shape {
            let count: Int
            switch shape {
            case .weekly(let interval, let weekdays):
                count = r.int(4...52)
                let weekStart = start.dayNumber - start.weekday
                var day = start.dayNumber
                while occurrences.count < count {
                    let date = CivilDate(dayNumber: day)
                    if ((day - weekStart) / 7) % interval == 0, weekdays.contains(date.weekday) { occurrences.append(date) }
                    day += 1
                }
                rrule = "FREQ=WEEKLY" + (interval > 1 ? ";INTERVAL=\(interval)" : "")
                    + ";BYDAY=" + weekdays.map { Self.weekdayNames[$0] }.joined(separator: ",")
            case .monthlyDay(let interval, let day):
                count = r.int(3...24)
                occurrences = (0..<count).map { start.adding(months: $0 * interval) }
                rrule = "FREQ=MONTHLY" + (interval > 1 ? ";INTERVAL=\(interval)" : "") + ";BYMONTHDAY=\(day)"
            case .monthlyNth(let interval, let n, let weekday):
                count = r.int(3...24)
                occurrences = (0..<count).map {
                    let month = CivilDate(year: start.year, month: start.month, day: 1).adding(months: $0 * interval)
                    return CivilDate.nth(n, weekday: weekday, year: month.year, month: month.month)
                }
                rrule = "FREQ=MONTHLY" + (interval > 1 ? ";INTERVAL=\(interval)" : "") + ";BYDAY=\(n)\(Self.weekdayNames[weekday])"
            case .yearly:
                count = r.int(2...10)
                occurrences = (0..<count).map { CivilDate(year: start.year + $0, month: start.month, day: start.day) }
                rrule = "FREQ=YEARLY"
            }
            if r.chance(0.5) {
                rrule! += ";COUNT=\(count)"
            } else if timing == .allDay {
                rrule! += ";UNTIL=\(occurrences[count - 1].basic)"
            } else {
                // A UTC UNTIL late on the last day: after the last instance, before the next.
                rrule! += ";UNTIL=\(occurrences[count - 1].basic)T225959Z"
            }
        }

        var exdates: [CivilDate] = []
        var moved: [CivilDate] = []
        if recurring, occurrences.count > 2 {
            var rest = Array(occurrences.dropFirst())
            if r.chance(0.3) {
                exdates = r.sample(rest, count: r.int(1...3))
                rest.removeAll { exdates.contains($0) }
            }
            if r.chance(0.2), !rest.isEmpty {
                moved = r.sample(rest, count: r.int(1...2))
            }
        }

        let sequence = own.chance(0.7) ? 0 : own.int(1...4)
        let location = r.chance(0.85) ? r.pick(NorwegianText.places) : nil
        let body = r.chance(0.9) ? description(&r) : nil

        out.line("BEGIN:VEVENT")
        out.property("UID", uid)
        out.property("DTSTAMP", stamp(&r))
        if r.chance(0.6) { out.property("CREATED", stamp(&r)) }
        if own.chance(0.6) { out.property("LAST-MODIFIED", stamp(&own)) }
        if sequence > 0 { out.property("SEQUENCE", String(sequence)) }
        if options.numberedTitles { title += " (sak \(index))" }
        out.property("SUMMARY", escapeText(title))
        out.line(dateTime("DTSTART", start, startMinutes))
        out.line(end("DTEND", start, startMinutes, !recurring && r.chance(0.15)))
        if let rrule { out.property("RRULE", rrule) }
        if !exdates.isEmpty {
            summary.exdates += exdates.count
            if r.chance(0.5) {
                let head = dateTime("EXDATE", exdates[0], startMinutes).split(separator: ":", maxSplits: 1)[0]
                out.line(String(head) + ":" + exdates.map { value($0, startMinutes) }.joined(separator: ","))
            } else {
                for date in exdates { out.line(dateTime("EXDATE", date, startMinutes)) }
            }
        }
        if let location { out.property("LOCATION", escapeText(location)) }
        if let body { out.property("DESCRIPTION", body) }
        if r.chance(0.4) {
            out.property("CATEGORIES", r.pick(["Politikk", "Styre", "Frist", "Møte"]) + "," + escapeText(r.pick(NorwegianText.councils)))
        }
        if r.chance(0.5) {
            let organizer = r.chance(0.5) ? "Politisk sekretariat, Trondheim kommune" : r.pick(NorwegianText.people)
            let mailbox = organizer.hasPrefix("Politisk") ? "postmottak@trondheim.kommune.no" : asciiMailbox(organizer) + "@example.no"
            out.line("ORGANIZER;CN=\(parameterValue(organizer)):mailto:\(mailbox)")
        }
        if r.chance(0.3) {
            for person in r.sample(NorwegianText.people, count: r.int(1...4)) {
                let state = r.pick(["NEEDS-ACTION", "ACCEPTED", "TENTATIVE", "DECLINED"])
                out.line("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=\(state);RSVP=TRUE;CN=\(parameterValue(person)):mailto:\(asciiMailbox(person))@example.no")
            }
        }
        let status = r.unit()
        if status < 0.7 { out.property("STATUS", "CONFIRMED") } else if status < 0.8 { out.property("STATUS", "TENTATIVE") }
        out.property("TRANSP", timing == .allDay ? "TRANSPARENT" : "OPAQUE")
        if r.chance(0.3) { out.property("CLASS", r.chance(0.9) ? "PUBLIC" : "PRIVATE") }
        if r.chance(0.2) { out.property("URL", "https://innsyn.example.kommune.no/motekalender/\(index)/sak-\(r.int(1000...99999))") }
        if r.chance(0.15) { out.property("X-MICROSOFT-CDO-BUSYSTATUS", timing == .allDay ? "FREE" : "BUSY") }
        if r.chance(0.15) {
            out.line("BEGIN:VALARM")
            out.property("ACTION", "DISPLAY")
            out.property("TRIGGER", r.pick(["-PT15M", "-PT30M", "-PT1H", "-P1D"]))
            out.property("DESCRIPTION", escapeText("Påminnelse: " + title))
            out.line("END:VALARM")
        }
        out.line("END:VEVENT")

        // RECURRENCE-ID overrides: moved an hour or two, or to the next day.
        for date in moved {
            summary.overrides += 1
            let nextDay = timing == .allDay || r.chance(0.3)
            let newDate = nextDay ? date.adding(days: 1) : date
            let newMinutes = nextDay ? startMinutes : startMinutes + 60 * r.int(1...2)
            out.line("BEGIN:VEVENT")
            out.property("UID", uid)
            out.line(dateTime("RECURRENCE-ID", date, startMinutes))
            out.property("DTSTAMP", stamp(&r))
            out.property("SEQUENCE", String(sequence + 1))
            out.property("SUMMARY", escapeText("Flyttet: " + title))
            out.line(dateTime("DTSTART", newDate, newMinutes))
            out.line(end("DTEND", newDate, newMinutes, false))
            if let location { out.property("LOCATION", escapeText(location)) }
            out.property("DESCRIPTION", description(&r, lead: "Merk: møtet er flyttet fra \(date.basic)."))
            out.property("STATUS", "CONFIRMED")
            out.line("END:VEVENT")
        }
    }
}
