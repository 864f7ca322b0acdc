/// A proleptic Gregorian date with its own arithmetic, independent of the code under test (so
/// a fault in `ICalendar.LocalDate` cannot make the generator agree with the expander).
struct CivilDate: Comparable {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// From days since 1970-01-01 (H. Hinnant's `civil_from_days`).
    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (`days_from_civil`).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 0 = Monday … 6 = Sunday.
    var weekday: Int {
        ((dayNumber % 7) + 7 + 3) % 7
    }

    func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber + days)
    }

    /// The same day `count` months later (the caller keeps `day` ≤ 28).
    func adding(months count: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + count
        return CivilDate(year: index / 12, month: index % 12 + 1, day: day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The `n`th (1…4) or last (`n == -1`) given weekday of a month.
    static func nth(_ n: Int, weekday: Int, year: Int, month: Int) -> CivilDate {
        if n > 0 {
            let first = CivilDate(year: year, month: month, day: 1)
            let offset = (weekday - first.weekday + 7) % 7
            return first.adding(days: offset + 7 * (n - 1))
        }
        let last = CivilDate(year: year, month: month, day: daysIn(month: month, year: year))
        return last.adding(days: -((last.weekday - weekday + 7) % 7))
    }

    /// `YYYYMMDD`.
    var basic: String {
        pad(year, 4) + pad(month, 2) + pad(day, 2)
    }

    static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A wall-clock time of day in minutes.
struct TimeOfDay {
    var minutes: Int

    /// `THHMMSS`.
    var basic: String {
        "T" + pad(minutes / 60, 2) + pad(minutes % 60, 2) + "00"
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
