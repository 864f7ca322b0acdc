import Aarshjul
import Foundation

/// The last good copy of one source, and how its latest fetch went.
public struct SourceSnapshot: Hashable, Sendable {
    /// The source's id.
    public var source: String
    /// Where it came from: the absolute path or the address.
    public var origin: String
    /// The calendar's bytes as fetched (decompressed).
    public var content: [UInt8]
    /// SHA-256 of ``content``, hex.
    public var contentHash: String
    /// How many `VEVENT`s the copy has (the shrink guard compares against it).
    public var eventCount: Int
    /// The validators the server sent with it.
    public var validators: FetchValidators
    /// When these bytes were fetched.
    public var fetchedAt: Date
    /// When the source last confirmed this copy (a fetch that gave these bytes or `304`).
    public var checkedAt: Date
    /// The latest failed fetch's reason, while the source is stale; `nil` once a fetch works.
    public var lastError: String?
    /// When the latest fetch failed.
    public var lastErrorAt: Date?

    /// Creates a snapshot.
    public init(source: String, origin: String, content: [UInt8], contentHash: String, eventCount: Int,
                validators: FetchValidators = FetchValidators(), fetchedAt: Date, checkedAt: Date,
                lastError: String? = nil, lastErrorAt: Date? = nil) {
        self.source = source
        self.origin = origin
        self.content = content
        self.contentHash = contentHash
        self.eventCount = eventCount
        self.validators = validators
        self.fetchedAt = fetchedAt
        self.checkedAt = checkedAt
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
    }
}

/// The key of one source's item: the source, the UID and the RECURRENCE-ID (empty for a
/// master or single event).
public struct SourceItemKey: Hashable, Sendable, Comparable {
    /// The source's id.
    public var source: String
    /// The UID.
    public var uid: String
    /// The RECURRENCE-ID as the merge normalises it, or `""`.
    public var recurrenceID: String

    /// Creates a key.
    public init(source: String, uid: String, recurrenceID: String = "") {
        self.source = source
        self.uid = uid
        self.recurrenceID = recurrenceID
    }

    public static func < (lhs: SourceItemKey, rhs: SourceItemKey) -> Bool {
        (lhs.source, lhs.uid, lhs.recurrenceID) < (rhs.source, rhs.uid, rhs.recurrenceID)
    }
}

/// What the state remembers of one item in one source.
public struct ItemRecord: Hashable, Sendable {
    /// Which item.
    public var key: SourceItemKey
    /// SUMMARY.
    public var summary: String
    /// The start as the merge normalises it (`2027-12-16T09:00:00Z`, `2027-12-16`).
    public var start: String
    /// The end, when the item has one.
    public var end: String?
    /// STATUS, upper case, or `""`.
    public var status: String
    /// SEQUENCE as the source wrote it.
    public var sequence: Int
    /// SHA-256 of the item's content without DTSTAMP, hex.
    public var contentHash: String
    /// When the item was first seen.
    public var firstSeen: Date
    /// When its content last changed (or it was first seen).
    public var lastChanged: Date
    /// How many versions of it the state has seen (1 for an item never changed).
    public var versions: Int
    /// When it went missing from its source, or `nil` while present.
    public var removedAt: Date?

    /// Creates a record.
    public init(key: SourceItemKey, summary: String, start: String, end: String?, status: String, sequence: Int,
                contentHash: String, firstSeen: Date, lastChanged: Date, versions: Int = 1, removedAt: Date? = nil) {
        self.key = key
        self.summary = summary
        self.start = start
        self.end = end
        self.status = status
        self.sequence = sequence
        self.contentHash = contentHash
        self.firstSeen = firstSeen
        self.lastChanged = lastChanged
        self.versions = versions
        self.removedAt = removedAt
    }
}

/// What the state remembers of one event in the generated feeds, so that an event whose
/// content changed while its source kept the same SEQUENCE gets a higher one.
public struct FeedItemRecord: Hashable, Sendable {
    /// The UID in the feeds.
    public var uid: String
    /// The RECURRENCE-ID value as written, or `""`.
    public var recurrenceID: String
    /// SHA-256 of the event as the feeds write it, without SEQUENCE and DTSTAMP, hex.
    public var contentHash: String
    /// The SEQUENCE its source wrote.
    public var sourceSequence: Int
    /// The SEQUENCE the feeds carry (at least ``sourceSequence``).
    public var emittedSequence: Int

    /// Creates a record.
    public init(uid: String, recurrenceID: String, contentHash: String, sourceSequence: Int, emittedSequence: Int) {
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.contentHash = contentHash
        self.sourceSequence = sourceSequence
        self.emittedSequence = emittedSequence
    }
}

/// What the state remembers of one file a server serves (a feed, `conflicts.json`): the hash of
/// its bytes and when they last changed. Every server that serves the same committed sync
/// sends this time as `Last-Modified`, so a client may ask any of them.
public struct FeedFileRecord: Hashable, Sendable {
    /// The file name (`combined.ics`, `conflicts.json`).
    public var name: String
    /// SHA-256 of its bytes, hex.
    public var contentHash: String
    /// When its bytes last changed: the start of the sync that changed them, whole seconds,
    /// and always later than the time it replaces.
    public var modifiedAt: Date

    /// Creates a record.
    public init(name: String, contentHash: String, modifiedAt: Date) {
        self.name = name
        self.contentHash = contentHash
        self.modifiedAt = modifiedAt
    }

    /// The records for `files` (name and bytes) after a sync that started at `now`: a file
    /// whose bytes are those of `previous` keeps its time; a changed or new one gets `now` in
    /// whole seconds, or one second after its old time if that is not earlier (so a client
    /// holding the old bytes never gets a `304` for `If-Modified-Since`).
    public static func records(for files: [(name: String, bytes: [UInt8])], previous: [String: FeedFileRecord],
                               now: Date) -> [FeedFileRecord] {
        let second = now.timeIntervalSince1970.rounded(.down)
        return files.map { file in
            let hash = SourceLoader.sha256(file.bytes)
            guard let old = previous[file.name] else {
                return FeedFileRecord(name: file.name, contentHash: hash, modifiedAt: Date(timeIntervalSince1970: second))
            }
            if old.contentHash == hash { return old }
            let after = old.modifiedAt.timeIntervalSince1970.rounded(.down) + 1
            return FeedFileRecord(name: file.name, contentHash: hash, modifiedAt: Date(timeIntervalSince1970: max(second, after)))
        }
    }
}

/// What the state remembers of one conflict.
public struct ConflictRecord: Hashable, Sendable {
    /// The conflict's stable id.
    public var id: String
    /// The rule's id.
    public var rule: String
    /// `error`, `warning` or `info`.
    public var severity: String
    /// The explanation when last seen.
    public var explanation: String
    /// When it was first found.
    public var firstSeen: Date
    /// When it was last found.
    public var lastSeen: Date
    /// When it stopped being found, or `nil` while it is.
    public var resolvedAt: Date?
    /// Whether an `[[accept]]` covered it when last seen.
    public var accepted: Bool

    /// Creates a record.
    public init(id: String, rule: String, severity: String, explanation: String, firstSeen: Date, lastSeen: Date,
                resolvedAt: Date? = nil, accepted: Bool = false) {
        self.id = id
        self.rule = rule
        self.severity = severity
        self.explanation = explanation
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.resolvedAt = resolvedAt
        self.accepted = accepted
    }
}

/// An `[[accept]]` as syncs applied it.
public struct AcceptanceRecord: Hashable, Sendable {
    /// The accepted conflict's id.
    public var conflict: String
    /// The reason given.
    public var reason: String?
    /// The first sync that applied it.
    public var firstApplied: Date
    /// The latest sync that had it in the configuration.
    public var lastApplied: Date
    /// Whether it matched an open conflict at the latest sync.
    public var matched: Bool

    /// Creates a record.
    public init(conflict: String, reason: String?, firstApplied: Date, lastApplied: Date, matched: Bool) {
        self.conflict = conflict
        self.reason = reason
        self.firstApplied = firstApplied
        self.lastApplied = lastApplied
        self.matched = matched
    }
}

/// One change to one item, as a sync found it.
public struct ItemChange: Hashable, Sendable, Codable {
    /// What happened.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The item appeared.
        case new
        /// Its start or end moved.
        case moved
        /// Something else in it changed (title, place, description…).
        case changed
        /// Its STATUS became CANCELLED.
        case cancelled
        /// It is no longer in its source.
        case removed
    }

    /// When the sync that found it ran.
    public var at: Date
    /// The source's id.
    public var source: String
    /// The UID.
    public var uid: String
    /// The RECURRENCE-ID, or `""`.
    public var recurrenceID: String
    /// What happened.
    public var kind: Kind
    /// SUMMARY (the new one, or the last known for a removal).
    public var summary: String
    /// The start before, for `moved`, `changed`, `cancelled` and `removed`.
    public var oldStart: String?
    /// The start after, for `new`, `moved`, `changed` and `cancelled`.
    public var newStart: String?
    /// The end before (for `moved`).
    public var oldEnd: String?
    /// The end after (for `moved`).
    public var newEnd: String?

    /// Creates a change.
    public init(at: Date, source: String, uid: String, recurrenceID: String = "", kind: Kind, summary: String,
                oldStart: String? = nil, newStart: String? = nil, oldEnd: String? = nil, newEnd: String? = nil) {
        self.at = at
        self.source = source
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.kind = kind
        self.summary = summary
        self.oldStart = oldStart
        self.newStart = newStart
        self.oldEnd = oldEnd
        self.newEnd = newEnd
    }
}

/// A conflict that appeared or went away at a sync.
public struct ConflictChange: Hashable, Sendable, Codable {
    /// What happened.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// First found (or found again after being resolved).
        case new
        /// No longer found.
        case resolved
    }

    /// When the sync ran.
    public var at: Date
    /// The conflict's id.
    public var conflict: String
    /// What happened.
    public var kind: Kind
    /// The rule's id.
    public var rule: String
    /// `error`, `warning` or `info`.
    public var severity: String
    /// The explanation (as last seen, for a resolved one).
    public var explanation: String

    /// Creates a change.
    public init(at: Date, conflict: String, kind: Kind, rule: String, severity: String, explanation: String) {
        self.at = at
        self.conflict = conflict
        self.kind = kind
        self.rule = rule
        self.severity = severity
        self.explanation = explanation
    }
}

/// One completed sync.
public struct SyncRun: Hashable, Sendable, Codable {
    /// The run's number in its state, growing with every commit; `nil` for a run not yet
    /// committed (the store assigns it).
    public var id: Int64?
    /// When it started.
    public var startedAt: Date
    /// When it finished.
    public var finishedAt: Date
    /// The cycle year it built (`2027`, `2027/28`).
    public var year: String
    /// The ids of the sources that were stale (served from their last good copy).
    public var staleSources: [String]

    /// Creates a run.
    public init(id: Int64? = nil, startedAt: Date, finishedAt: Date, year: String, staleSources: [String]) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.year = year
        self.staleSources = staleSources
    }
}

/// Everything the state holds that a sync reads before it starts.
public struct SyncState: Sendable {
    /// The last good copy of each source, by id.
    public var snapshots: [String: SourceSnapshot]
    /// Every item ever seen (removed ones keep their record), by key.
    public var items: [SourceItemKey: ItemRecord]
    /// The feed events' sequences, by UID and RECURRENCE-ID.
    public var feedItems: [String: FeedItemRecord]
    /// Every conflict ever found, by id.
    public var conflicts: [String: ConflictRecord]
    /// The acceptances as last applied, by conflict id.
    public var acceptances: [String: AcceptanceRecord]
    /// The latest completed sync, or `nil` before the first.
    public var lastRun: SyncRun?
    /// The local copy of each CalDAV source (resources, entity tags, sync token), by source id.
    public var calDAVMirrors: [String: CalDAVMirror] = [:]
    /// What was published into each `[[publish]]` target, by its target key (feed, address, calendar).
    public var publications: [String: CalDAVPublisher.State] = [:]
    /// The served files' hashes and change times as the last sync left them, by file name.
    public var feedFiles: [String: FeedFileRecord] = [:]

    /// An empty state: no sync has run.
    public init(snapshots: [String: SourceSnapshot] = [:], items: [SourceItemKey: ItemRecord] = [:],
                feedItems: [String: FeedItemRecord] = [:], conflicts: [String: ConflictRecord] = [:],
                acceptances: [String: AcceptanceRecord] = [:], lastRun: SyncRun? = nil) {
        self.snapshots = snapshots
        self.items = items
        self.feedItems = feedItems
        self.conflicts = conflicts
        self.acceptances = acceptances
        self.lastRun = lastRun
    }

    /// The key of ``feedItems`` for an event.
    public static func feedKey(uid: String, recurrenceID: String) -> String {
        recurrenceID.isEmpty ? uid : uid + "\u{1F}" + recurrenceID
    }
}

/// What one sync writes, all in one transaction.
public struct SyncRecord: Sendable {
    /// The run.
    public var run: SyncRun
    /// Source snapshots to store (new copies, or old copies with a new check time or error).
    public var snapshots: [SourceSnapshot]
    /// Item records to insert or replace.
    public var items: [ItemRecord]
    /// Feed item records to insert or replace.
    public var feedItems: [FeedItemRecord]
    /// Conflict records to insert or replace.
    public var conflicts: [ConflictRecord]
    /// Acceptance records to insert or replace.
    public var acceptances: [AcceptanceRecord]
    /// The item changes this sync found.
    public var itemChanges: [ItemChange]
    /// The conflict changes this sync found.
    public var conflictChanges: [ConflictChange]
    /// CalDAV mirrors to store, by source id (only those whose new copy was used).
    public var calDAVMirrors: [String: CalDAVMirror] = [:]
    /// Publishing states to store, by target (only those of targets published this sync).
    public var publications: [String: CalDAVPublisher.State] = [:]
    /// The served files of this sync; they replace the stored ones (a file absent here is
    /// removed).
    public var feedFiles: [FeedFileRecord] = []

    /// Creates a record.
    public init(run: SyncRun, snapshots: [SourceSnapshot] = [], items: [ItemRecord] = [], feedItems: [FeedItemRecord] = [],
                conflicts: [ConflictRecord] = [], acceptances: [AcceptanceRecord] = [],
                itemChanges: [ItemChange] = [], conflictChanges: [ConflictChange] = [],
                calDAVMirrors: [String: CalDAVMirror] = [:], publications: [String: CalDAVPublisher.State] = [:],
                feedFiles: [FeedFileRecord] = []) {
        self.feedFiles = feedFiles
        self.calDAVMirrors = calDAVMirrors
        self.publications = publications
        self.run = run
        self.snapshots = snapshots
        self.items = items
        self.feedItems = feedItems
        self.conflicts = conflicts
        self.acceptances = acceptances
        self.itemChanges = itemChanges
        self.conflictChanges = conflictChanges
    }
}

/// The history `aarshjul changes` shows: the syncs and what each found.
public struct SyncHistory: Sendable {
    /// The syncs, oldest first.
    public var runs: [SyncRun]
    /// The item changes, oldest first.
    public var itemChanges: [ItemChange]
    /// The conflict changes, oldest first.
    public var conflictChanges: [ConflictChange]

    /// Creates a history.
    public init(runs: [SyncRun], itemChanges: [ItemChange], conflictChanges: [ConflictChange]) {
        self.runs = runs
        self.itemChanges = itemChanges
        self.conflictChanges = conflictChanges
    }
}
