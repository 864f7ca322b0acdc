import Aarshjul
import Foundation
import ICalendar

/// Gives an event whose content changed, while its source kept the same SEQUENCE, a higher
/// SEQUENCE in the feeds, so that calendar clients replace their copy (RFC 5546 §2.1.4:
/// clients may ignore an update that does not raise it). Unchanged events keep their bytes.
struct FeedSequencer {
    var previous: [String: FeedItemRecord]

    struct Result {
        var feeds: [Feed]
        var records: [FeedItemRecord]
        /// Events (UID and RECURRENCE-ID) whose SEQUENCE this sync raised, because their
        /// content changed without their source raising it.
        var raised: Int
    }

    func apply(to feeds: [Feed]) -> Result {
        // Decide once per event, from its first appearance (every feed carries the same copy).
        var decided: [String: FeedItemRecord] = [:]
        var order: [String] = []
        for feed in feeds {
            for event in feed.calendar.components where event.name == "VEVENT" {
                let uid = event.value(of: "UID") ?? ""
                let recurrenceID = event.value(of: "RECURRENCE-ID") ?? ""
                let key = SyncState.feedKey(uid: uid, recurrenceID: recurrenceID)
                guard decided[key] == nil else { continue }
                let hash = ChangeDetector.contentHash(event, ignoring: ["DTSTAMP", "SEQUENCE"])
                let sequence = Int(event.value(of: "SEQUENCE")?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
                var emitted = sequence
                if let old = previous[key] {
                    // Unchanged: as before. Changed: above what clients hold, whether or not the
                    // source raised its own SEQUENCE.
                    emitted = max(sequence, old.contentHash == hash ? old.emittedSequence : old.emittedSequence + 1)
                }
                decided[key] = FeedItemRecord(uid: uid, recurrenceID: recurrenceID, contentHash: hash,
                                              sourceSequence: sequence, emittedSequence: emitted)
                order.append(key)
            }
        }
        var out = feeds
        for index in out.indices {
            var calendar = out[index].calendar
            var touched = false
            for position in calendar.components.indices where calendar.components[position].name == "VEVENT" {
                let event = calendar.components[position]
                let key = SyncState.feedKey(uid: event.value(of: "UID") ?? "", recurrenceID: event.value(of: "RECURRENCE-ID") ?? "")
                guard let record = decided[key], record.emittedSequence != record.sourceSequence else { continue }
                calendar.components[position].setProperty(Property(name: "SEQUENCE", value: String(record.emittedSequence)))
                touched = true
            }
            if touched { out[index].calendar = calendar }
        }
        let records = order.compactMap { key -> FeedItemRecord? in
            guard let record = decided[key] else { return nil }
            return previous[key] == record ? nil : record
        }
        let raised = decided.count { key, record in
            guard let old = previous[key] else { return false }
            return record.emittedSequence > old.emittedSequence && record.emittedSequence > record.sourceSequence
        }
        return Result(feeds: out, records: records, raised: raised)
    }
}
