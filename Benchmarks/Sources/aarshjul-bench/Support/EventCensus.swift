import Foundation

/// A quick count of the VEVENTs in an .ics file, by scanning its lines (unfolded) — not with
/// the reader under test — to check a merge's output: how many events, how many distinct
/// items (UID, RECURRENCE-ID), and whether a shared series' master appears more than once.
struct EventCensus {
    var vevents = 0
    /// The distinct (UID, RECURRENCE-ID value) pairs.
    var identitySet: Set<String> = []
    /// How many distinct (UID, RECURRENCE-ID value) pairs.
    var identities: Int { identitySet.count }
    /// Masters (no RECURRENCE-ID) whose UID starts with `sharedPrefix`.
    var sharedMasters = 0
    /// Distinct UIDs starting with `sharedPrefix` among the masters.
    var sharedUIDs = 0
    /// Shared UIDs whose master appears more than once.
    var sharedUIDsRepeated = 0

    init(path: String, sharedPrefix: String) throws {
        let input = try CalendarFile(path: path)
        var seen: Set<String> = []
        var masters: [String: Int] = [:]
        var inEvent = false, depth = 0
        var uid = "", recurrenceID: String?
        var previous = ""
        func line(_ text: String) {
            if text == "BEGIN:VEVENT" { inEvent = true; depth = 0; uid = ""; recurrenceID = nil; return }
            guard inEvent else { return }
            if text.hasPrefix("BEGIN:") { depth += 1; return }
            if text.hasPrefix("END:") {
                if depth > 0 { depth -= 1; return }
                inEvent = false
                vevents += 1
                seen.insert(uid + "\u{0}" + (recurrenceID ?? ""))
                if recurrenceID == nil, uid.hasPrefix(sharedPrefix) { masters[uid, default: 0] += 1 }
                return
            }
            guard depth == 0 else { return }
            if text.hasPrefix("UID:") || text.hasPrefix("UID;") {
                uid = String(text[text.index(after: text.firstIndex(of: ":")!)...])
            } else if text.hasPrefix("RECURRENCE-ID") {
                recurrenceID = text.firstIndex(of: ":").map { String(text[text.index(after: $0)...]) } ?? ""
            }
        }
        input.withData { data in
            data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let bytes = raw.bindMemory(to: UInt8.self)
                var start = 0
                var index = 0
                let count = bytes.count
                while index <= count {
                    if index == count || bytes[index] == 0x0A {
                        var end = index
                        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                        if end > start {
                            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                            if text.first == " " || text.first == "\t" {
                                previous += text.dropFirst()
                            } else {
                                if !previous.isEmpty { line(previous) }
                                previous = text
                            }
                        }
                        start = index + 1
                    }
                    index += 1
                }
                if !previous.isEmpty { line(previous) }
            }
        }
        identitySet = seen
        sharedMasters = masters.values.reduce(0, +)
        sharedUIDs = masters.count
        sharedUIDsRepeated = masters.values.filter { $0 > 1 }.count
    }
}
