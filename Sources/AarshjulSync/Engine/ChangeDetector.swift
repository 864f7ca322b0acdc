import Aarshjul
import Foundation
import ICalendar

/// Compares each source's items with the state's records of them: what is new, moved,
/// changed, cancelled or removed.
///
/// Items are compared per source (UID and RECURRENCE-ID within the source), so a change in one
/// institution's file is reported against that institution even when the other has the same
/// item. Sources that are stale or unavailable are not compared: their items did not go
/// away, the fetch did.
struct ChangeDetector {
    var previous: [SourceItemKey: ItemRecord]
    var now: Date

    struct Result {
        var changes: [ItemChange] = []
        var records: [ItemRecord] = []
    }

    /// The current items of the sources in `current`, from the merge's versions.
    static func currentItems(of merge: MergeResult, sources current: Set<String>) -> [SourceItemKey: (version: ItemVersion, hash: String)] {
        var items: [SourceItemKey: (version: ItemVersion, hash: String)] = [:]
        for item in merge.items {
            for version in item.versions where current.contains(version.source) {
                let key = SourceItemKey(source: version.source, uid: item.identity.uid, recurrenceID: item.identity.recurrenceID ?? "")
                if let held = items[key], held.version.sequence > version.sequence { continue }
                items[key] = (version, contentHash(version.component))
            }
        }
        return items
    }

    /// SHA-256 of a component as written, without the properties named: by default DTSTAMP,
    /// which many exporters set to the time of export, so it changes when nothing else does.
    static func contentHash(_ component: Component, ignoring names: [String] = ["DTSTAMP"]) -> String {
        var copy = component
        for name in names { copy.removeProperties(named: name) }
        return SourceLoader.sha256(ICalendarWriter().bytes([copy]))
    }

    func detect(current: [SourceItemKey: (version: ItemVersion, hash: String)], sources: Set<String>) -> Result {
        var result = Result()
        for key in current.keys.sorted() {
            guard let (version, hash) = current[key] else { continue }
            let component = version.component
            let summary = component.property("SUMMARY").map { TextEscaping.unescape($0.value) } ?? ""
            let status = component.property("STATUS")?.value.uppercased() ?? ""
            let start = version.start ?? ""
            var record = ItemRecord(key: key, summary: summary, start: start, end: version.end, status: status,
                                    sequence: version.sequence, contentHash: hash, firstSeen: now, lastChanged: now)
            guard let old = previous[key], old.removedAt == nil else {
                if let old = previous[key] {
                    record.firstSeen = old.firstSeen
                    record.versions = old.versions + 1
                }
                result.records.append(record)
                result.changes.append(change(key, .new, summary: summary, newStart: start))
                continue
            }
            record.firstSeen = old.firstSeen
            guard old.contentHash != hash else {
                // Unchanged: the record stays as it is, apart from what the hash leaves out.
                if old.sequence != record.sequence || old.summary != summary {
                    record.lastChanged = old.lastChanged
                    record.versions = old.versions
                    result.records.append(record)
                }
                continue
            }
            record.versions = old.versions + 1
            result.records.append(record)
            if status == "CANCELLED", old.status != "CANCELLED" {
                result.changes.append(change(key, .cancelled, summary: summary, oldStart: old.start, newStart: start))
            } else if old.start != start || old.end != version.end {
                result.changes.append(change(key, .moved, summary: summary, oldStart: old.start, newStart: start,
                                             oldEnd: old.end, newEnd: version.end))
            } else {
                result.changes.append(change(key, .changed, summary: summary, oldStart: old.start, newStart: start))
            }
        }
        for (key, old) in previous.sorted(by: { $0.key < $1.key })
        where old.removedAt == nil && sources.contains(key.source) && current[key] == nil {
            var record = old
            record.removedAt = now
            result.records.append(record)
            result.changes.append(change(key, .removed, summary: old.summary, oldStart: old.start))
        }
        return result
    }

    private func change(_ key: SourceItemKey, _ kind: ItemChange.Kind, summary: String, oldStart: String? = nil, newStart: String? = nil,
                        oldEnd: String? = nil, newEnd: String? = nil) -> ItemChange {
        ItemChange(at: now, source: key.source, uid: key.uid, recurrenceID: key.recurrenceID, kind: kind, summary: summary,
                   oldStart: oldStart, newStart: newStart, oldEnd: oldEnd, newEnd: newEnd)
    }
}
