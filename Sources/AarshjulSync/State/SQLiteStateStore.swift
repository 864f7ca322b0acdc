import Aarshjul
import Foundation
import GRDB

/// The sync state in one SQLite file (GRDB), by default `.aarshjul/state.sqlite` beside the
/// configuration, with its lock file beside it (`state.sqlite.lock`).
///
/// ```swift
/// let store = try SQLiteStateStore(path: configuration.sync.statePath)
/// let lock = try await store.acquireLock(wait: true) { print($0) }
/// let state = try await store.load()
/// await lock.release()
/// ```
///
/// The database runs in WAL mode (a `DatabasePool`); the schema is created and upgraded by
/// GRDB's `DatabaseMigrator` (see ``migrator``); ``commit(_:)`` writes a whole sync in one
/// transaction, so a crash (even `kill -9`) mid-sync leaves the previous state whole.
public final class SQLiteStateStore: SyncStateStore {
    /// The database file.
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating the directory and the file when missing) and migrates the state.
    ///
    /// - Throws: ``SyncStateError`` naming the file when it cannot be opened, is not a
    ///   database, or is from a newer Aarshjul.
    public init(path: String) throws {
        self.path = path
        if path.contains("://") {
            throw SyncStateError("\(path) is an address, not a file; a PostgreSQL state is opened by AarshjulPostgres (SyncStateStores.open)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SyncStateError("cannot create the state directory \(directory): \(error.localizedDescription)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "aarshjul-state"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = Self.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw SyncStateError("\(path) was written by a newer Aarshjul; update Aarshjul, or move the file away to start a new history")
            }
            try migrator.migrate(pool)
        } catch let error as SyncStateError {
            throw error
        } catch {
            throw SyncStateError("cannot open the sync state \(path): \(error)")
        }
    }

    /// The schema, one migration per version. Never edit a migration that has shipped; add one.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "sourceSnapshot") { t in
                t.primaryKey("source", .text)
                t.column("origin", .text).notNull()
                t.column("content", .blob).notNull()
                t.column("contentHash", .text).notNull()
                t.column("eventCount", .integer).notNull()
                t.column("etag", .text)
                t.column("lastModified", .text)
                t.column("fetchedAt", .datetime).notNull()
                t.column("checkedAt", .datetime).notNull()
                t.column("lastError", .text)
                t.column("lastErrorAt", .datetime)
            }
            try db.create(table: "item") { t in
                t.column("source", .text).notNull()
                t.column("uid", .text).notNull()
                t.column("recurrenceID", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("start", .text).notNull()
                t.column("end", .text)
                t.column("status", .text).notNull()
                t.column("sequence", .integer).notNull()
                t.column("contentHash", .text).notNull()
                t.column("firstSeen", .datetime).notNull()
                t.column("lastChanged", .datetime).notNull()
                t.column("versions", .integer).notNull()
                t.column("removedAt", .datetime)
                t.primaryKey(["source", "uid", "recurrenceID"])
            }
            try db.create(table: "feedItem") { t in
                t.column("uid", .text).notNull()
                t.column("recurrenceID", .text).notNull()
                t.column("contentHash", .text).notNull()
                t.column("sourceSequence", .integer).notNull()
                t.column("emittedSequence", .integer).notNull()
                t.primaryKey(["uid", "recurrenceID"])
            }
            try db.create(table: "conflict") { t in
                t.primaryKey("id", .text)
                t.column("rule", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("explanation", .text).notNull()
                t.column("firstSeen", .datetime).notNull()
                t.column("lastSeen", .datetime).notNull()
                t.column("resolvedAt", .datetime)
                t.column("accepted", .boolean).notNull()
            }
            try db.create(table: "acceptance") { t in
                t.primaryKey("conflict", .text)
                t.column("reason", .text)
                t.column("firstApplied", .datetime).notNull()
                t.column("lastApplied", .datetime).notNull()
                t.column("matched", .boolean).notNull()
            }
            try db.create(table: "syncRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("startedAt", .datetime).notNull()
                t.column("finishedAt", .datetime).notNull()
                t.column("year", .text).notNull()
                t.column("staleSources", .text).notNull()
            }
            try db.create(table: "itemChange") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("syncRun", onDelete: .cascade).notNull()
                t.column("at", .datetime).notNull().indexed()
                t.column("source", .text).notNull()
                t.column("uid", .text).notNull()
                t.column("recurrenceID", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("oldStart", .text)
                t.column("newStart", .text)
                t.column("oldEnd", .text)
                t.column("newEnd", .text)
            }
            try db.create(table: "conflictChange") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("syncRun", onDelete: .cascade).notNull()
                t.column("at", .datetime).notNull().indexed()
                t.column("conflict", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("rule", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("explanation", .text).notNull()
            }
        }
        // v2: CalDAV sources' mirrors and [[publish]] targets' states, each as JSON (their
        // shape is the library's Codable types; the row is replaced whole on every sync).
        migrator.registerMigration("v2") { db in
            try db.create(table: "calDAVMirror") { t in
                t.primaryKey("source", .text)
                t.column("mirror", .blob).notNull()
            }
            try db.create(table: "publication") { t in
                t.primaryKey("target", .text)
                t.column("state", .blob).notNull()
            }
        }
        // v3: the served files' hashes and change times, so that every server sharing the state
        // sends the same Last-Modified.
        migrator.registerMigration("v3") { db in
            try db.create(table: "feedFile") { t in
                t.primaryKey("name", .text)
                t.column("contentHash", .text).notNull()
                t.column("modifiedAt", .datetime).notNull()
            }
        }
        return migrator
    }

    public func acquireLock(wait: Bool, waiting: (String) -> Void) async throws -> any SyncLock {
        try FileLock.acquire(path: path + ".lock", wait: wait, waiting: waiting)
    }

    public func load() async throws -> SyncState {
        do {
            return try await pool.read { db in
                var state = SyncState()
                for row in try Row.fetchAll(db, sql: "SELECT * FROM sourceSnapshot") {
                    let snapshot = SourceSnapshot(
                        source: row["source"], origin: row["origin"], content: [UInt8](row["content"] as Data),
                        contentHash: row["contentHash"], eventCount: row["eventCount"],
                        validators: FetchValidators(etag: row["etag"], lastModified: row["lastModified"]),
                        fetchedAt: row["fetchedAt"], checkedAt: row["checkedAt"],
                        lastError: row["lastError"], lastErrorAt: row["lastErrorAt"])
                    state.snapshots[snapshot.source] = snapshot
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM item") {
                    let key = SourceItemKey(source: row["source"], uid: row["uid"], recurrenceID: row["recurrenceID"])
                    state.items[key] = ItemRecord(
                        key: key, summary: row["summary"], start: row["start"], end: row["end"], status: row["status"],
                        sequence: row["sequence"], contentHash: row["contentHash"], firstSeen: row["firstSeen"],
                        lastChanged: row["lastChanged"], versions: row["versions"], removedAt: row["removedAt"])
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM feedItem") {
                    let record = FeedItemRecord(uid: row["uid"], recurrenceID: row["recurrenceID"], contentHash: row["contentHash"],
                                                sourceSequence: row["sourceSequence"], emittedSequence: row["emittedSequence"])
                    state.feedItems[SyncState.feedKey(uid: record.uid, recurrenceID: record.recurrenceID)] = record
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM conflict") {
                    let record = ConflictRecord(id: row["id"], rule: row["rule"], severity: row["severity"], explanation: row["explanation"],
                                                firstSeen: row["firstSeen"], lastSeen: row["lastSeen"], resolvedAt: row["resolvedAt"],
                                                accepted: row["accepted"])
                    state.conflicts[record.id] = record
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM acceptance") {
                    let record = AcceptanceRecord(conflict: row["conflict"], reason: row["reason"], firstApplied: row["firstApplied"],
                                                  lastApplied: row["lastApplied"], matched: row["matched"])
                    state.acceptances[record.conflict] = record
                }
                let decoder = JSONDecoder()
                for row in try Row.fetchAll(db, sql: "SELECT * FROM calDAVMirror") {
                    // A mirror that cannot be read is as if absent: the next fetch is a full one.
                    if let mirror = try? decoder.decode(CalDAVMirror.self, from: row["mirror"] as Data) {
                        state.calDAVMirrors[row["source"]] = mirror
                    }
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM publication") {
                    if let published = try? decoder.decode(CalDAVPublisher.State.self, from: row["state"] as Data) {
                        state.publications[row["target"]] = published
                    }
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM feedFile") {
                    let record = FeedFileRecord(name: row["name"], contentHash: row["contentHash"], modifiedAt: row["modifiedAt"])
                    state.feedFiles[record.name] = record
                }
                if let row = try Row.fetchOne(db, sql: "SELECT * FROM syncRun ORDER BY id DESC LIMIT 1") {
                    state.lastRun = Self.run(row)
                }
                return state
            }
        } catch {
            throw SyncStateError("cannot read the sync state \(path): \(error)")
        }
    }

    public func commit(_ record: SyncRecord) async throws {
        do {
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO syncRun (startedAt, finishedAt, year, staleSources) VALUES (?, ?, ?, ?)",
                               arguments: [record.run.startedAt, record.run.finishedAt, record.run.year,
                                           record.run.staleSources.joined(separator: ",")])
                let runID = db.lastInsertedRowID

                let snapshot = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO sourceSnapshot
                    (source, origin, content, contentHash, eventCount, etag, lastModified, fetchedAt, checkedAt, lastError, lastErrorAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                // A copy whose bytes are already stored (most syncs) gets its other columns only:
                // writing the calendar again costs as much as the rest of the commit.
                let snapshotKept = try db.cachedStatement(sql: """
                    UPDATE sourceSnapshot SET origin = ?, eventCount = ?, etag = ?, lastModified = ?, fetchedAt = ?, checkedAt = ?,
                    lastError = ?, lastErrorAt = ? WHERE source = ? AND contentHash = ?
                    """)
                for s in record.snapshots {
                    try snapshotKept.execute(arguments: [s.origin, s.eventCount, s.validators.etag, s.validators.lastModified,
                                                         s.fetchedAt, s.checkedAt, s.lastError, s.lastErrorAt, s.source, s.contentHash])
                    guard db.changesCount == 0 else { continue }
                    try snapshot.execute(arguments: [s.source, s.origin, Data(s.content), s.contentHash, s.eventCount,
                                                     s.validators.etag, s.validators.lastModified, s.fetchedAt, s.checkedAt,
                                                     s.lastError, s.lastErrorAt])
                }
                let item = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO item
                    (source, uid, recurrenceID, summary, start, "end", status, sequence, contentHash, firstSeen, lastChanged, versions, removedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for i in record.items {
                    try item.execute(arguments: [i.key.source, i.key.uid, i.key.recurrenceID, i.summary, i.start, i.end, i.status,
                                                 i.sequence, i.contentHash, i.firstSeen, i.lastChanged, i.versions, i.removedAt])
                }
                let feedItem = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO feedItem (uid, recurrenceID, contentHash, sourceSequence, emittedSequence)
                    VALUES (?, ?, ?, ?, ?)
                    """)
                for f in record.feedItems {
                    try feedItem.execute(arguments: [f.uid, f.recurrenceID, f.contentHash, f.sourceSequence, f.emittedSequence])
                }
                let conflict = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO conflict (id, rule, severity, explanation, firstSeen, lastSeen, resolvedAt, accepted)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for c in record.conflicts {
                    try conflict.execute(arguments: [c.id, c.rule, c.severity, c.explanation, c.firstSeen, c.lastSeen, c.resolvedAt, c.accepted])
                }
                let acceptance = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO acceptance (conflict, reason, firstApplied, lastApplied, matched) VALUES (?, ?, ?, ?, ?)
                    """)
                for a in record.acceptances {
                    try acceptance.execute(arguments: [a.conflict, a.reason, a.firstApplied, a.lastApplied, a.matched])
                }
                let itemChange = try db.cachedStatement(sql: """
                    INSERT INTO itemChange (syncRunId, at, source, uid, recurrenceID, kind, summary, oldStart, newStart, oldEnd, newEnd)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for c in record.itemChanges {
                    try itemChange.execute(arguments: [runID, c.at, c.source, c.uid, c.recurrenceID, c.kind.rawValue, c.summary,
                                                       c.oldStart, c.newStart, c.oldEnd, c.newEnd])
                }
                let conflictChange = try db.cachedStatement(sql: """
                    INSERT INTO conflictChange (syncRunId, at, conflict, kind, rule, severity, explanation) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
                for c in record.conflictChanges {
                    try conflictChange.execute(arguments: [runID, c.at, c.conflict, c.kind.rawValue, c.rule, c.severity, c.explanation])
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                for (source, mirror) in record.calDAVMirrors {
                    try db.execute(sql: "INSERT OR REPLACE INTO calDAVMirror (source, mirror) VALUES (?, ?)",
                                   arguments: [source, try encoder.encode(mirror)])
                }
                for (target, published) in record.publications {
                    try db.execute(sql: "INSERT OR REPLACE INTO publication (target, state) VALUES (?, ?)",
                                   arguments: [target, try encoder.encode(published)])
                }
                try db.execute(sql: "DELETE FROM feedFile")
                for file in record.feedFiles {
                    try db.execute(sql: "INSERT INTO feedFile (name, contentHash, modifiedAt) VALUES (?, ?, ?)",
                                   arguments: [file.name, file.contentHash, file.modifiedAt])
                }
            }
        } catch {
            throw SyncStateError("cannot write the sync state \(path): \(error); the previous state is unchanged")
        }
    }

    public func latestRun() async throws -> SyncRun? {
        do {
            return try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM syncRun ORDER BY id DESC LIMIT 1").map(Self.run)
            }
        } catch {
            throw SyncStateError("cannot read the sync state \(path): \(error)")
        }
    }

    public func history(since: Date?) async throws -> SyncHistory {
        let from = since ?? Date(timeIntervalSince1970: 0)
        do {
            return try await pool.read { db in
                let runs = try Row.fetchAll(db, sql: "SELECT * FROM syncRun WHERE startedAt >= ? ORDER BY id", arguments: [from]).map(Self.run)
                let items = try Row.fetchAll(db, sql: "SELECT * FROM itemChange WHERE at >= ? ORDER BY id", arguments: [from]).compactMap { row -> ItemChange? in
                    guard let kind = ItemChange.Kind(rawValue: row["kind"]) else { return nil }
                    return ItemChange(at: row["at"], source: row["source"], uid: row["uid"], recurrenceID: row["recurrenceID"], kind: kind,
                                      summary: row["summary"], oldStart: row["oldStart"], newStart: row["newStart"],
                                      oldEnd: row["oldEnd"], newEnd: row["newEnd"])
                }
                let conflicts = try Row.fetchAll(db, sql: "SELECT * FROM conflictChange WHERE at >= ? ORDER BY id", arguments: [from]).compactMap { row -> ConflictChange? in
                    guard let kind = ConflictChange.Kind(rawValue: row["kind"]) else { return nil }
                    return ConflictChange(at: row["at"], conflict: row["conflict"], kind: kind, rule: row["rule"],
                                          severity: row["severity"], explanation: row["explanation"])
                }
                return SyncHistory(runs: runs, itemChanges: items, conflictChanges: conflicts)
            }
        } catch {
            throw SyncStateError("cannot read the sync history from \(path): \(error)")
        }
    }

    private static func run(_ row: Row) -> SyncRun {
        let stale: String = row["staleSources"]
        return SyncRun(id: row["id"], startedAt: row["startedAt"], finishedAt: row["finishedAt"], year: row["year"],
                       staleSources: stale.isEmpty ? [] : stale.split(separator: ",").map(String.init))
    }
}
