/// The instances of a Gregorian rule in DTSTART's wall time, by the algorithm of RFC 5545
/// §3.3.10: the rule's periods (FREQ × INTERVAL counted from DTSTART) are visited in order;
/// for each, the candidate set is built (every day of the period that passes the day parts,
/// at every time the time parts allow, following the expand/limit table), BYSETPOS picks from
/// the period's sorted set, candidates before DTSTART are dropped and COUNT is counted from
/// DTSTART. Invalid dates (30 February, 31 April) never arise: only real days are visited.
///
/// Every loop is bounded: a period with no candidates counts towards a whole Gregorian cycle
/// (400 years: the calendar repeats after it), after which the rule is taken to have no more
/// instances; the caller may also give a horizon past which nothing is looked for.
///
/// - Complexity: O(*d* + *c* log *c*) per period, for *d* days in the period and *c*
///   candidates; sub-daily rules cost O(1) per day whose day parts fail, and
///   O(min(slots, filter product)) per day that passes.
struct GregorianRuleIterator {
    private let parts: RuleComponents
    private let start: LocalDateTime
    private let isDate: Bool
    /// Nothing before this is returned: DTSTART, or the jump target of a rule without COUNT.
    private let floor: LocalDateTime
    private let horizon: LocalDateTime?
    /// The index of the next period to visit (in periods of FREQ, counted from DTSTART's).
    private var period: Int
    private var pending: [LocalDateTime] = []
    private var pendingIndex = 0
    private var remaining: Int?
    private var finished = false
    private var emptyPeriods = 0
    /// Sub-daily rules: phases of the step grid against midnight known to give no time.
    private var emptyPhases: Set<Int> = []
    /// The times of day (seconds from midnight) of a DAILY … YEARLY rule, sorted.
    private let timesOfDay: [Int]

    /// Days in the 400-year Gregorian cycle.
    static let cycleDays = 146_097

    /// `start` is DTSTART's wall time; `jumpTo`, for a rule without COUNT, skips the periods
    /// wholly before it; `horizon` ends the iteration at that wall time.
    init(parts: RuleComponents, start: LocalDateTime, isDate: Bool, jumpTo: LocalDateTime?, horizon: LocalDateTime?) {
        self.parts = parts
        self.start = start
        self.isDate = isDate
        self.horizon = horizon
        remaining = parts.count
        var floor = start
        if let jumpTo, parts.count == nil, jumpTo > start { floor = jumpTo }
        self.floor = floor
        if isDate {
            timesOfDay = [0]
        } else {
            var times: [Int] = []
            for hour in parts.hours {
                for minute in parts.minutes {
                    for second in parts.seconds { times.append(hour * 3_600 + minute * 60 + second) }
                }
            }
            timesOfDay = times
        }
        period = Self.firstPeriod(parts: parts, start: start, floor: floor)
        if parts.matchesNothing { finished = true }
    }

    /// The next instance, or nil at the end of the rule.
    mutating func next() -> LocalDateTime? {
        while pendingIndex >= pending.count {
            if finished { return nil }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            fillNextPeriod()
        }
        if let left = remaining {
            if left <= 0 { finished = true; pending = []; return nil }
            remaining = left - 1
        }
        let value = pending[pendingIndex]
        pendingIndex += 1
        return value
    }

    // MARK: Periods

    /// The index of the period holding `floor`, rounded down to a multiple of INTERVAL, so the
    /// first period is computed rather than stepped to.
    ///
    /// - Complexity: O(1).
    static func firstPeriod(parts: RuleComponents, start: LocalDateTime, floor: LocalDateTime) -> Int {
        guard floor > start else { return 0 }
        let distance: Int
        switch parts.frequency {
        case .yearly: distance = floor.date.year - start.date.year
        case .monthly: distance = (floor.date.year * 12 + floor.date.month) - (start.date.year * 12 + start.date.month)
        case .weekly:
            distance = (weekStart(of: floor.date.daysSinceEpoch, weekStart: parts.weekStart)
                - weekStart(of: start.date.daysSinceEpoch, weekStart: parts.weekStart)) / 7
        // Sub-daily rules are walked a day at a time: the index counts days.
        case .daily, .hourly, .minutely, .secondly: distance = floor.date.daysSinceEpoch - start.date.daysSinceEpoch
        }
        if parts.frequency.isSubDaily { return max(0, distance) }
        return max(0, distance / parts.interval)
    }

    /// The first day of the week (starting on `weekStart`) that holds `day`.
    static func weekStart(of day: Int, weekStart: Int) -> Int {
        let weekday = LocalDate(daysSinceEpoch: day).weekday
        return day - (weekday - weekStart + 7) % 7
    }

    /// Visits the next period (or, for sub-daily rules, the next day) and queues its instances.
    private mutating func fillNextPeriod() {
        if parts.frequency.isSubDaily {
            fillSubDailyDay()
            return
        }
        let index = period
        period += 1
        let (first, last) = days(ofPeriod: index)
        if let horizon, first > horizon.date.daysSinceEpoch {
            finished = true
            return
        }
        let selected = selectPositions(candidates(from: first, through: last))
        if selected.isEmpty {
            emptyPeriods += 1
            if emptyPeriods >= periodsPerCycle { finished = true }
            return
        }
        emptyPeriods = 0
        queue(selected)
    }

    /// How many periods of FREQ make a Gregorian cycle (400 years), after which a rule that
    /// found nothing never will.
    private var periodsPerCycle: Int {
        switch parts.frequency {
        case .yearly: return 400
        case .monthly: return 4_800
        case .weekly: return Self.cycleDays / 7
        default: return Self.cycleDays
        }
    }

    /// The first and last day (days since the epoch) of period `index`.
    ///
    /// - Complexity: O(1).
    func days(ofPeriod index: Int) -> (Int, Int) {
        let step = index * parts.interval
        switch parts.frequency {
        case .yearly:
            let year = start.date.year + step
            return (LocalDate(year: year, month: 1, day: 1).daysSinceEpoch, LocalDate(year: year, month: 12, day: 31).daysSinceEpoch)
        case .monthly:
            let months = start.date.year * 12 + (start.date.month - 1) + step
            let year = months >= 0 ? months / 12 : (months - 11) / 12
            let month = months - year * 12 + 1
            let first = LocalDate(year: year, month: month, day: 1).daysSinceEpoch
            return (first, first + LocalDate.daysIn(month: month, year: year) - 1)
        case .weekly:
            let first = Self.weekStart(of: start.date.daysSinceEpoch, weekStart: parts.weekStart) + 7 * step
            return (first, first + 6)
        default:
            let day = start.date.daysSinceEpoch + step
            return (day, day)
        }
    }

    /// The period's candidate set, sorted: each day of `first…last` that passes the day parts,
    /// at each time of day.
    ///
    /// - Complexity: O(*d* + *c*) for *d* days and *c* candidates.
    private func candidates(from first: Int, through last: Int) -> [LocalDateTime] {
        let ordinalDays = ordinalWeekdayDays(from: first, through: last)
        var result: [LocalDateTime] = []
        var day = first
        while day <= last {
            let date = LocalDate(daysSinceEpoch: day)
            if dayMatches(date, day: day, ordinalDays: ordinalDays) {
                for time in timesOfDay {
                    result.append(LocalDateTime(date: date, hour: time / 3_600, minute: time / 60 % 60, second: time % 60))
                }
            }
            day += 1
        }
        return result
    }

    /// BYSETPOS applied to a period's sorted candidates (all of them without BYSETPOS).
    ///
    /// - Complexity: O(*c* + *p* log *p*) for *c* candidates and *p* positions.
    private func selectPositions(_ candidates: [LocalDateTime]) -> [LocalDateTime] {
        guard !parts.setPositions.isEmpty else { return candidates }
        var picked: Set<Int> = []
        for position in parts.setPositions {
            let index = position > 0 ? position - 1 : candidates.count + position
            if index >= 0 && index < candidates.count { picked.insert(index) }
        }
        return picked.sorted().map { candidates[$0] }
    }

    /// Queues a period's instances from the floor on (earlier ones were before DTSTART or
    /// before the window).
    private mutating func queue(_ instances: [LocalDateTime]) {
        for instance in instances where instance >= floor {
            if let horizon, instance > horizon {
                finished = true
                break
            }
            pending.append(instance)
        }
    }

    // MARK: Day parts

    /// The days named by BYDAY entries with an ordinal (`2MO`, `-1FR`) in a MONTHLY period,
    /// or in a YEARLY one (each month of BYMONTH when given, else the whole year).
    ///
    /// - Complexity: O(*m* × *w*) for *m* months and *w* entries.
    private func ordinalWeekdayDays(from first: Int, through last: Int) -> Set<Int> {
        guard !parts.ordinalWeekdays.isEmpty else { return [] }
        var ranges: [(Int, Int)] = []
        if parts.frequency == .yearly && !parts.months.isEmpty {
            let year = LocalDate(daysSinceEpoch: first).year
            for month in parts.months {
                let monthFirst = LocalDate(year: year, month: month, day: 1).daysSinceEpoch
                ranges.append((monthFirst, monthFirst + LocalDate.daysIn(month: month, year: year) - 1))
            }
        } else {
            ranges = [(first, last)]
        }
        var days: Set<Int> = []
        for (low, high) in ranges {
            for entry in parts.ordinalWeekdays {
                guard let ordinal = entry.ordinal else { continue }
                if ordinal > 0 {
                    let firstWeekday = low + (entry.weekday - LocalDate(daysSinceEpoch: low).weekday + 7) % 7
                    let day = firstWeekday + 7 * (ordinal - 1)
                    if day <= high { days.insert(day) }
                } else {
                    let lastWeekday = high - (LocalDate(daysSinceEpoch: high).weekday - entry.weekday + 7) % 7
                    let day = lastWeekday - 7 * (-ordinal - 1)
                    if day >= low { days.insert(day) }
                }
            }
        }
        return days
    }

    /// Whether a day passes BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY and BYDAY.
    ///
    /// - Complexity: O(*v*) for *v* values in the rule's lists.
    private func dayMatches(_ date: LocalDate, day: Int, ordinalDays: Set<Int>) -> Bool {
        if !parts.months.isEmpty && !parts.months.contains(date.month) { return false }
        if parts.hasWeekdayFilter {
            if !parts.weekdays.contains(date.weekday) && !ordinalDays.contains(day) { return false }
        }
        if !parts.monthDays.isEmpty {
            let length = LocalDate.daysIn(month: date.month, year: date.year)
            let fromEnd = date.day - length - 1
            if !parts.monthDays.contains(where: { $0 == date.day || $0 == fromEnd }) { return false }
        }
        if !parts.yearDays.isEmpty {
            let yearStart = LocalDate(year: date.year, month: 1, day: 1).daysSinceEpoch
            let length = LocalDate.daysIn(month: 2, year: date.year) == 29 ? 366 : 365
            let ordinal = day - yearStart + 1
            let fromEnd = ordinal - length - 1
            if !parts.yearDays.contains(where: { $0 == ordinal || $0 == fromEnd }) { return false }
        }
        if !parts.weekNumbers.isEmpty {
            let (number, weeks) = Self.weekNumber(of: day, year: date.year, weekStart: parts.weekStart)
            let fromEnd = number - weeks - 1
            if !parts.weekNumbers.contains(where: { $0 == number || $0 == fromEnd }) { return false }
        }
        return true
    }

    /// The first day of week 1 of `year`: the week (starting on `weekStart`) that holds at
    /// least four days of the year (ISO 8601, with RFC 5545's WKST).
    static func firstWeek(of year: Int, weekStart: Int) -> Int {
        let january1 = LocalDate(year: year, month: 1, day: 1).daysSinceEpoch
        let begin = Self.weekStart(of: january1, weekStart: weekStart)
        return january1 - begin <= 3 ? begin : begin + 7
    }

    /// A day's week number in its week-numbering year, and how many weeks that year has.
    ///
    /// - Complexity: O(1).
    static func weekNumber(of day: Int, year: Int, weekStart: Int) -> (number: Int, weeks: Int) {
        var owner = year
        var begin = firstWeek(of: year, weekStart: weekStart)
        var next = firstWeek(of: year + 1, weekStart: weekStart)
        if day < begin {
            owner = year - 1
            next = begin
            begin = firstWeek(of: owner, weekStart: weekStart)
        } else if day >= next {
            owner = year + 1
            begin = next
            next = firstWeek(of: owner + 1, weekStart: weekStart)
        }
        return ((day - begin) / 7 + 1, (next - begin) / 7)
    }

    // MARK: Sub-daily rules

    /// HOURLY, MINUTELY, SECONDLY: visits the next day; queues the times of that day that lie
    /// on the rule's grid (DTSTART + k × INTERVAL units) and pass the time parts, expanding
    /// each period (an hour, a minute) by the smaller time parts and applying BYSETPOS per
    /// period.
    ///
    /// - Complexity: O(1) for a day the day parts exclude or whose grid phase is known to be
    ///   empty; else O(min(slots of the day, product of the time parts)).
    private mutating func fillSubDailyDay() {
        let dayIndex = start.date.daysSinceEpoch + period
        period += 1
        if let horizon, dayIndex > horizon.date.daysSinceEpoch {
            finished = true
            return
        }
        emptyPeriods += 1
        if emptyPeriods > Self.cycleDays {
            finished = true
            return
        }
        let date = LocalDate(daysSinceEpoch: dayIndex)
        guard dayMatches(date, day: dayIndex, ordinalDays: []) else { return }
        let unit: Int
        switch parts.frequency {
        case .hourly: unit = 3_600
        case .minutely: unit = 60
        default: unit = 1
        }
        let step = unit * parts.interval
        let startSlot = Self.floorDivide(start.secondsSinceEpoch, unit) * unit
        let midnight = dayIndex * 86_400
        let phase = Self.modulo(midnight - startSlot, step)
        if emptyPhases.contains(phase) { return }
        let times = subDailyTimes(midnight: midnight, startSlot: startSlot, step: step, unit: unit)
        if times.isEmpty {
            if emptyPhases.count < 100_000 { emptyPhases.insert(phase) }
            return
        }
        emptyPeriods = 0
        queue(times.map { LocalDateTime(secondsSinceEpoch: $0) })
    }

    /// The instants (seconds of wall time) of one day of a sub-daily rule, sorted.
    private func subDailyTimes(midnight: Int, startSlot: Int, step: Int, unit: Int) -> [Int] {
        let hourFilter = parts.hours.isEmpty ? nil : Set(parts.hours)
        let minuteFilter = parts.minutes.isEmpty ? nil : Set(parts.minutes)
        // The first slot of the day on the grid.
        var slot = midnight + Self.modulo(startSlot - midnight, step)
        var result: [Int] = []
        if unit == 1 {
            let secondFilter = parts.seconds.isEmpty ? nil : Set(parts.seconds)
            let gridSlots = (86_400 + step - 1) / step
            let product = (parts.hours.isEmpty ? 24 : parts.hours.count) * (parts.minutes.isEmpty ? 60 : parts.minutes.count)
                * (parts.seconds.isEmpty ? 60 : parts.seconds.count)
            let keep = parts.setPositions.isEmpty || parts.setPositions.contains(1) || parts.setPositions.contains(-1)
            guard keep else { return [] }
            if product < gridSlots {
                for hour in parts.hours.isEmpty ? Array(0...23) : parts.hours {
                    for minute in parts.minutes.isEmpty ? Array(0...59) : parts.minutes {
                        for second in parts.seconds.isEmpty ? Array(0...59) : parts.seconds {
                            let time = midnight + hour * 3_600 + minute * 60 + second
                            if Self.modulo(time - startSlot, step) == 0 { result.append(time) }
                        }
                    }
                }
                return result
            }
            while slot < midnight + 86_400 {
                let offset = slot - midnight
                if hourFilter?.contains(offset / 3_600) ?? true, minuteFilter?.contains(offset / 60 % 60) ?? true,
                   secondFilter?.contains(offset % 60) ?? true {
                    result.append(slot)
                }
                slot += step
            }
            return result
        }
        // HOURLY and MINUTELY: each slot is a period, expanded by the smaller units.
        var offsets: [Int] = []
        if unit == 3_600 {
            for minute in parts.minutes { for second in parts.seconds { offsets.append(minute * 60 + second) } }
        } else {
            offsets = parts.seconds
        }
        while slot < midnight + 86_400 {
            let offset = slot - midnight
            let passes = (hourFilter?.contains(offset / 3_600) ?? true)
                && (unit == 3_600 || (minuteFilter?.contains(offset / 60 % 60) ?? true))
            if passes {
                let candidates = offsets.map { slot + $0 }
                if parts.setPositions.isEmpty {
                    result.append(contentsOf: candidates)
                } else {
                    var picked: Set<Int> = []
                    for position in parts.setPositions {
                        let index = position > 0 ? position - 1 : candidates.count + position
                        if index >= 0 && index < candidates.count { picked.insert(index) }
                    }
                    result.append(contentsOf: picked.sorted().map { candidates[$0] })
                }
            }
            slot += step
        }
        return result
    }

    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    static func modulo(_ value: Int, _ divisor: Int) -> Int {
        let rest = value % divisor
        return rest < 0 ? rest + divisor : rest
    }
}

extension RecurrenceRule.Frequency {
    /// HOURLY, MINUTELY or SECONDLY.
    var isSubDaily: Bool { self == .hourly || self == .minutely || self == .secondly }
}
