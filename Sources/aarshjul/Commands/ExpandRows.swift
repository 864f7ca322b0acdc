import Aarshjul
import Foundation
import ICalendar

/// The rows `aarshjul expand` prints, one per occurrence, in the oracle's order (start, uid,
/// end, summary) and in its text forms (``Occurrence/normalizedStart``).
///
/// Made for speed on large calendars: each occurrence's times become a ``NormalizedTime`` (an
/// integer that sorts as the text does, and the fields to write it), its summary is unescaped
/// once, and the rows are sorted through their indices, so sorting moves integers rather than
/// occurrences. The writers append bytes to an ``OutputBuffer`` row by row.
struct ExpandRows {
    struct Row {
        var start: NormalizedTime
        var end: NormalizedTime
        var uid: String
        var summary: String
    }

    /// The rows, in the order of the occurrences given.
    let rows: [Row]
    /// Indices into ``rows`` in output order.
    let order: [Int]

    /// - Complexity: O(*n* log *n*) for *n* occurrences.
    init(_ occurrences: [Occurrence]) {
        var rows: [Row] = []
        rows.reserveCapacity(occurrences.count)
        var exact = true
        for occurrence in occurrences {
            let start = NormalizedTime(occurrence.start, instant: occurrence.startUTC)
            let end = NormalizedTime(occurrence.end, instant: occurrence.endUTC)
            exact = exact && start.sortsAsText && end.sortsAsText
            rows.append(Row(start: start, end: end, uid: occurrence.uid, summary: occurrence.summary))
        }
        var order = Array(rows.indices)
        if exact {
            // Integers first; the strings only for rows that start at the same time.
            let keys = rows.map { (start: $0.start.key, end: $0.end.key) }
            keys.withUnsafeBufferPointer { keys in
                rows.withUnsafeBufferPointer { rows in
                    order.sort { a, b in
                        if keys[a].start != keys[b].start { return keys[a].start < keys[b].start }
                        let uid = Self.compare(rows[a].uid, rows[b].uid)
                        if uid != 0 { return uid < 0 }
                        if keys[a].end != keys[b].end { return keys[a].end < keys[b].end }
                        return Self.compare(rows[a].summary, rows[b].summary) < 0
                    }
                }
            }
        } else {
            // Years outside 0000–9999 or out-of-range fields: compare the texts themselves.
            let texts = rows.map { (start: $0.start.text, end: $0.end.text) }
            order.sort { a, b in
                for (x, y) in [(texts[a].start, texts[b].start), (rows[a].uid, rows[b].uid), (texts[a].end, texts[b].end)] {
                    let compared = Self.compare(x, y)
                    if compared != 0 { return compared < 0 }
                }
                return Self.compare(rows[a].summary, rows[b].summary) < 0
            }
        }
        self.rows = rows
        self.order = order
    }

    /// Compares two strings by code point, as Python compares strings (UTF-8 byte order is
    /// code point order): negative, zero or positive.
    static func compare(_ a: String, _ b: String) -> Int {
        let answer = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Int in
                let common = min(x.count, y.count)
                if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let compared = memcmp(p, q, common)
                    if compared != 0 { return Int(compared) }
                }
                return x.count - y.count
            }
        }
        if let answer, let answer { return answer }
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    /// `{"uid":…,"start":…,"end":…,"summary":…}` and a newline per row, as the oracle writes.
    func writeJSONLines(to out: inout OutputBuffer) {
        for index in order {
            let row = rows[index]
            out.append("{\"uid\":")
            JSON.append(row.uid, to: &out)
            out.append(",\"start\":\"")
            row.start.append(to: &out)
            out.append("\",\"end\":\"")
            row.end.append(to: &out)
            out.append("\",\"summary\":")
            JSON.append(row.summary, to: &out)
            out.append("}\n")
            out.recordEnded()
        }
    }

    /// RFC 4180: a header, then `start,end,uid,summary` per row, CRLF line ends; fields with
    /// `,` `"` or a line break quoted (as ``TextTable/csvField(_:)``).
    func writeCSV(to out: inout OutputBuffer) {
        out.append("start,end,uid,summary\r\n")
        for index in order {
            let row = rows[index]
            row.start.append(to: &out)
            out.append(byte: UInt8(ascii: ","))
            row.end.append(to: &out)
            out.append(byte: UInt8(ascii: ","))
            Self.appendCSVField(row.uid, to: &out)
            out.append(byte: UInt8(ascii: ","))
            Self.appendCSVField(row.summary, to: &out)
            out.append("\r\n")
            out.recordEnded()
        }
    }

    /// The table `TextTable.render` makes of Start, Slutt, Hva and UID, and the count: the
    /// columns measured in one pass, then the rows written one by one.
    func writeTable(to out: inout OutputBuffer) {
        let headers = ["Start", "Slutt", "Hva", "UID"]
        var widths = headers.map { $0.count }
        for row in rows {
            widths[0] = max(widths[0], row.start.textWidth)
            widths[1] = max(widths[1], row.end.textWidth)
            widths[2] = max(widths[2], TextTable.cellWidth(row.summary))
            widths[3] = max(widths[3], TextTable.cellWidth(row.uid))
        }
        let layout = TextTable.Layout(headers: headers, widths: widths)
        out.withBytes { layout.appendHeader(to: &$0) }
        for index in order {
            let row = rows[index]
            let cells = [row.start.text, row.end.text, row.summary, row.uid]
            out.withBytes { layout.append(cells, to: &$0) }
            out.recordEnded()
        }
        out.append("\(rows.count) forekomst(er)\n")
    }

    static func appendCSVField(_ text: String, to out: inout OutputBuffer) {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        }
        if plain ?? false {
            out.append(text)
        } else {
            out.append(TextTable.csvField(text))
        }
    }
}

/// A time in the oracle's text form (``Occurrence/normalizedText(_:instant:)``): `…Z` for an
/// instant, the bare wall time for a floating time, `YYYY-MM-DD` for a date; kept as fields and
/// as a ``key`` that orders as the texts do.
struct NormalizedTime {
    enum Kind: Int { case date = 0, floating = 1, instant = 2 }

    let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    let kind: Kind

    init(_ value: DateTimeValue, instant: Int?) {
        let time: LocalDateTime
        if case .date(let date) = value {
            time = LocalDateTime(date: date)
            kind = .date
        } else if let instant {
            time = LocalDateTime(secondsSinceEpoch: instant)
            kind = .instant
        } else {
            time = value.local
            kind = .floating
        }
        year = time.date.year
        month = time.date.month
        day = time.date.day
        hour = time.hour
        minute = time.minute
        second = time.second
    }

    /// Whether ``key`` orders as the text: a four-digit year and two-digit fields.
    var sortsAsText: Bool {
        (0...9999).contains(year) && [month, day, hour, minute, second].allSatisfy { (0...99).contains($0) }
    }

    /// The fields as decimal digits, then the kind: `2025-01-01` < `2025-01-01T00:00:00` <
    /// `2025-01-01T00:00:00Z` < `2025-01-01T00:00:01`, as the texts sort (when ``sortsAsText``).
    var key: Int {
        ((((((year * 100 + month) * 100 + day) * 100 + hour) * 100 + minute) * 100 + second) * 3) + kind.rawValue
    }

    /// The text, as ``Occurrence/normalizedText(_:instant:)`` gives it.
    var text: String {
        let time = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        switch kind {
        case .date: return time.date.description
        case .floating: return time.description
        case .instant: return time.description + "Z"
        }
    }

    /// The length of ``text``.
    var textWidth: Int {
        guard sortsAsText else { return text.count }
        switch kind {
        case .date: return 10
        case .floating: return 19
        case .instant: return 20
        }
    }

    /// Appends ``text``'s bytes.
    func append(to out: inout OutputBuffer) {
        guard sortsAsText else { return out.append(text) }
        @inline(__always) func digits(_ value: Int, _ count: Int) {
            var divisor = count == 4 ? 1000 : 10
            while divisor > 0 {
                out.append(byte: UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        out.append(byte: UInt8(ascii: "-"))
        digits(month, 2)
        out.append(byte: UInt8(ascii: "-"))
        digits(day, 2)
        guard kind != .date else { return }
        out.append(byte: UInt8(ascii: "T"))
        digits(hour, 2)
        out.append(byte: UInt8(ascii: ":"))
        digits(minute, 2)
        out.append(byte: UInt8(ascii: ":"))
        digits(second, 2)
        if kind == .instant { out.append(byte: UInt8(ascii: "Z")) }
    }
}
