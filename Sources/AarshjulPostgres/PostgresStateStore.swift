import Aarshjul
import AarshjulSync
import Crypto
import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The sync state in a PostgreSQL database, shared by every server whose `[sync] state`
/// names it: the same tables and guarantees as `SQLiteStateStore`.
///
/// ```swift
/// let store = try await PostgresStateStore(url: url)   // connects and migrates
/// let lock = try await store.acquireLock(wait: true) { print($0) }
/// let state = try await store.load()
/// await lock.release()
/// ```
///
/// - ``commit(_:)`` writes a whole sync in one `SERIALIZABLE` transaction, tried again on a
///   serialization failure (SQLSTATE 40001), and notifies the channel ``notificationChannel``
///   with the new run's id.
/// - The lock is a session-level advisory lock held by a connection of its own: it goes away
///   when that connection does (the process ended, the network or the server went away),
///   and `SyncLock.isHeld` then says so. Advisory locks belong to one database, so one key
///   serves every configuration whose state is that database.
/// - The schema is created and upgraded by append-only migrations recorded in
///   `aarshjul_schema`; a database from a newer Aarshjul is refused.
public final class PostgresStateStore: SyncStateStore {
    /// The database.
    public let url: PostgresURL
    let connector: PostgresConnector
    private let poller: Poller
    /// The tasks that `LISTEN` for ``commitSignals()``, cancelled by ``close()``.
    private let listeners = Mutex<[Task<Void, Never>]>([])

    /// The channel each commit notifies (`NOTIFY aarshjul_sync, '<run id>'`).
    public static let notificationChannel = "aarshjul_sync"

    /// The advisory lock's key: the first 31 bits of SHA-256("aarshjul sync state"), the
    /// same in every process, as the lock is per database.
    public static let lockKey: Int64 = {
        let digest = Array(SHA256.hash(data: Data("aarshjul sync state".utf8)))
        return Int64(digest[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } & 0x7fff_ffff)
    }()

    /// Key of the transaction-level lock that keeps two processes from migrating at once.
    static let migrationKey: Int64 = lockKey ^ 0x5a5a

    /// The schema, one migration per version, in order. Never edit one that has shipped; add one.
    static let migrations: [[String]] = [
        // v1: as the SQLite store's v1.
        [
            """
            CREATE TABLE source_snapshot (
                source text PRIMARY KEY, origin text NOT NULL, content bytea NOT NULL, content_hash text NOT NULL,
                event_count bigint NOT NULL, etag text, last_modified text, fetched_at timestamptz NOT NULL,
                checked_at timestamptz NOT NULL, last_error text, last_error_at timestamptz)
            """,
            """
            CREATE TABLE item (
                source text NOT NULL, uid text NOT NULL, recurrence_id text NOT NULL, summary text NOT NULL,
                start text NOT NULL, "end" text, status text NOT NULL, sequence bigint NOT NULL, content_hash text NOT NULL,
                first_seen timestamptz NOT NULL, last_changed timestamptz NOT NULL, versions bigint NOT NULL,
                removed_at timestamptz, PRIMARY KEY (source, uid, recurrence_id))
            """,
            """
            CREATE TABLE feed_item (
                uid text NOT NULL, recurrence_id text NOT NULL, content_hash text NOT NULL,
                source_sequence bigint NOT NULL, emitted_sequence bigint NOT NULL, PRIMARY KEY (uid, recurrence_id))
            """,
            """
            CREATE TABLE conflict (
                id text PRIMARY KEY, rule text NOT NULL, severity text NOT NULL, explanation text NOT NULL,
                first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL, resolved_at timestamptz,
                accepted boolean NOT NULL)
            """,
            """
            CREATE TABLE acceptance (
                conflict text PRIMARY KEY, reason text, first_applied timestamptz NOT NULL,
                last_applied timestamptz NOT NULL, matched boolean NOT NULL)
            """,
            """
            CREATE TABLE sync_run (
                id bigserial PRIMARY KEY, started_at timestamptz NOT NULL, finished_at timestamptz NOT NULL,
                year text NOT NULL, stale_sources text NOT NULL)
            """,
            """
            CREATE TABLE item_change (
                id bigserial PRIMARY KEY, sync_run_id bigint NOT NULL REFERENCES sync_run(id) ON DELETE CASCADE,
                at timestamptz NOT NULL, source text NOT NULL, uid text NOT NULL, recurrence_id text NOT NULL,
                kind text NOT NULL, summary text NOT NULL, old_start text, new_start text, old_end text, new_end text)
            """,
            "CREATE INDEX item_change_at ON item_change (at)",
            "CREATE INDEX item_change_sync_run ON item_change (sync_run_id)",
            """
            CREATE TABLE conflict_change (
                id bigserial PRIMARY KEY, sync_run_id bigint NOT NULL REFERENCES sync_run(id) ON DELETE CASCADE,
                at timestamptz NOT NULL, conflict text NOT NULL, kind text NOT NULL, rule text NOT NULL,
                severity text NOT NULL, explanation text NOT NULL)
            """,
            "CREATE INDEX conflict_change_at ON conflict_change (at)",
            "CREATE INDEX conflict_change_sync_run ON conflict_change (sync_run_id)",
        ],
        // v2: CalDAV mirrors and [[publish]] states, as JSON (the library's Codable types).
        [
            "CREATE TABLE caldav_mirror (source text PRIMARY KEY, mirror bytea NOT NULL)",
            "CREATE TABLE publication (target text PRIMARY KEY, state bytea NOT NULL)",
        ],
        // v3: the served files' hashes and change times, so that every server sharing the
        // state sends the same Last-Modified.
        [
            "CREATE TABLE feed_file (name text PRIMARY KEY, content_hash text NOT NULL, modified_at timestamptz NOT NULL)",
        ],
    ]

    /// The schema version this Aarshjul writes.
    public static var schemaVersion: Int { migrations.count }

    /// Connects, and creates or upgrades the schema.
    ///
    /// - Parameters:
    ///   - url: the database.
    ///   - environment: where `AARSHJUL_PG_PASSWORD`, `PGPASSFILE` and `HOME` are read.
    ///   - migrateUpTo: the schema version to migrate to; the latest unless a test asks for an older one.
    /// - Throws: `SyncStateError` naming the database when it cannot be reached, or is
    ///   from a newer Aarshjul.
    public init(url: PostgresURL, environment: [String: String] = ProcessInfo.processInfo.environment,
                migrateUpTo: Int? = nil) async throws {
        self.url = url
        connector = PostgresConnector(url: url, environment: environment)
        poller = Poller(connector: connector)
        try await migrate(upTo: min(migrateUpTo ?? Self.schemaVersion, Self.schemaVersion))
        if migrateUpTo == nil { await preferLZ4() }
    }

    /// Has the server compress the sources' copies with LZ4 rather than pglz, where it can
    /// (PostgreSQL 14 or later, built with LZ4): the first commit of two 20,000-event
    /// calendars (34.5 MB) spent 0.44 s compressing them with pglz, 0.09 s with LZ4, which
    /// also stores them in 6.7 MB instead of 11.3 MB. Copies written before keep pglz until
    /// their source changes.
    ///
    /// Not a migration: it changes how values are stored, not the tables, so an older
    /// Aarshjul still opens the database. It is asked for at every open until it holds; a
    /// server that cannot (an older version, no LZ4, a role that does not own the table) keeps
    /// pglz, and the store opens all the same.
    private func preferLZ4() async {
        _ = try? await connector.withConnection { connection in
            try await connection.query("""
                DO $$ BEGIN
                    IF (SELECT attcompression FROM pg_attribute
                        WHERE attrelid = 'source_snapshot'::regclass AND attname = 'content') IS DISTINCT FROM 'l' THEN
                        EXECUTE 'ALTER TABLE source_snapshot ALTER COLUMN content SET COMPRESSION lz4';
                    END IF;
                EXCEPTION WHEN undefined_column OR feature_not_supported OR syntax_error THEN NULL;
                END $$
                """, logger: connector.logger)
        }
    }

    private func migrate(upTo target: Int) async throws {
        let url = self.url
        let logger = connector.logger
        try await connector.withConnection { connection in
            do {
                try await connection.query("BEGIN", logger: logger)
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationKey))", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS aarshjul_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                    """, logger: logger)
                var current = 0
                for try await version in try await connection.query("SELECT coalesce(max(version), 0) FROM aarshjul_schema", logger: logger)
                    .decode(Int.self) {
                    current = version
                }
                if current > Self.schemaVersion {
                    throw SyncStateError("the sync state \(url) was written by a newer Aarshjul (schema version \(current); this one knows up to \(Self.schemaVersion)); update Aarshjul, or give this one a database of its own")
                }
                for version in (current + 1)...max(current + 1, target) where version <= target {
                    for statement in Self.migrations[version - 1] {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("INSERT INTO aarshjul_schema (version) VALUES (\(version))", logger: logger)
                }
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                if let error = error as? SyncStateError { throw error }
                throw SyncStateError("cannot set up the sync state \(url): \(PostgresFailure.describe(error))")
            }
        }
    }

    /// The schema version the database has.
    public func storedSchemaVersion() async throws -> Int {
        let logger = connector.logger
        return try await connector.withConnection { connection in
            var current = 0
            for try await version in try await connection.query("SELECT coalesce(max(version), 0) FROM aarshjul_schema", logger: logger)
                .decode(Int.self) {
                current = version
            }
            return current
        }
    }

    // MARK: Lock

    public func acquireLock(wait: Bool, waiting: (String) -> Void) async throws -> any SyncLock {
        let connection = try await connector.connect()
        let logger = connector.logger
        do {
            var told = false
            while true {
                var taken = false
                for try await value in try await connection.query("SELECT pg_try_advisory_lock(\(Self.lockKey))", logger: logger)
                    .decode(Bool.self) {
                    taken = value
                }
                if taken { return PostgresLock(connection: connection, url: url) }
                let holder = await self.holder(on: connection)
                guard wait else {
                    try? await connection.close()
                    throw SyncStateError("another sync is running (\(holder)); try again when it has finished (lock: advisory lock \(Self.lockKey) in \(url))")
                }
                if !told {
                    waiting("another sync is running (\(holder)); waiting for it to finish")
                    told = true
                }
                try await Task.sleep(for: .milliseconds(200))
            }
        } catch let error as SyncStateError {
            throw error
        } catch {
            try? await connection.close()
            throw SyncStateError("cannot lock the sync state \(url): \(PostgresFailure.describe(error))")
        }
    }

    /// Who holds the lock, from `pg_locks` and `pg_stat_activity`.
    private func holder(on connection: PostgresConnection) async -> String {
        let query: PostgresQuery = """
            SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = \(Self.lockKey)::oid AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """
        do {
            for try await (name, since) in try await connection.query(query, logger: connector.logger).decode((String?, Date?).self) {
                let who = name.flatMap { $0.isEmpty ? nil : $0 } ?? "a client that gave no name"
                return since.map { "\(who) since \(ISO8601DateFormatter().string(from: $0))" } ?? who
            }
        } catch {}
        return "holder unknown"
    }

    // MARK: Reading

    public func load() async throws -> SyncState {
        let logger = connector.logger
        do {
            return try await connector.withConnection { connection in
                // One snapshot of the database for every table.
                try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                var state = SyncState()
                for try await (source, origin, content, contentHash, eventCount, etag, lastModified, fetchedAt, checkedAt, lastError, lastErrorAt)
                    in try await connection.query("""
                        SELECT source, origin, content, content_hash, event_count, etag, last_modified, fetched_at, checked_at,
                               last_error, last_error_at FROM source_snapshot
                        """, logger: logger)
                    .decode((String, String, ByteBuffer, String, Int, String?, String?, Date, Date, String?, Date?).self) {
                    state.snapshots[source] = SourceSnapshot(
                        source: source, origin: origin, content: Array(content.readableBytesView), contentHash: contentHash,
                        eventCount: eventCount, validators: FetchValidators(etag: etag, lastModified: lastModified),
                        fetchedAt: fetchedAt, checkedAt: checkedAt, lastError: lastError, lastErrorAt: lastErrorAt)
                }
                for try await (source, uid, recurrenceID, summary, start, end, status, sequence, contentHash, firstSeen, lastChanged, versions, removedAt)
                    in try await connection.query("""
                        SELECT source, uid, recurrence_id, summary, start, "end", status, sequence, content_hash, first_seen,
                               last_changed, versions, removed_at FROM item
                        """, logger: logger)
                    .decode((String, String, String, String, String, String?, String, Int, String, Date, Date, Int, Date?).self) {
                    let key = SourceItemKey(source: source, uid: uid, recurrenceID: recurrenceID)
                    state.items[key] = ItemRecord(key: key, summary: summary, start: start, end: end, status: status, sequence: sequence,
                                                  contentHash: contentHash, firstSeen: firstSeen, lastChanged: lastChanged,
                                                  versions: versions, removedAt: removedAt)
                }
                for try await (uid, recurrenceID, contentHash, sourceSequence, emittedSequence) in try await connection.query(
                    "SELECT uid, recurrence_id, content_hash, source_sequence, emitted_sequence FROM feed_item", logger: logger)
                    .decode((String, String, String, Int, Int).self) {
                    state.feedItems[SyncState.feedKey(uid: uid, recurrenceID: recurrenceID)] = FeedItemRecord(
                        uid: uid, recurrenceID: recurrenceID, contentHash: contentHash, sourceSequence: sourceSequence,
                        emittedSequence: emittedSequence)
                }
                for try await (id, rule, severity, explanation, firstSeen, lastSeen, resolvedAt, accepted) in try await connection.query(
                    "SELECT id, rule, severity, explanation, first_seen, last_seen, resolved_at, accepted FROM conflict", logger: logger)
                    .decode((String, String, String, String, Date, Date, Date?, Bool).self) {
                    state.conflicts[id] = ConflictRecord(id: id, rule: rule, severity: severity, explanation: explanation,
                                                         firstSeen: firstSeen, lastSeen: lastSeen, resolvedAt: resolvedAt, accepted: accepted)
                }
                for try await (conflict, reason, firstApplied, lastApplied, matched) in try await connection.query(
                    "SELECT conflict, reason, first_applied, last_applied, matched FROM acceptance", logger: logger)
                    .decode((String, String?, Date, Date, Bool).self) {
                    state.acceptances[conflict] = AcceptanceRecord(conflict: conflict, reason: reason, firstApplied: firstApplied,
                                                                   lastApplied: lastApplied, matched: matched)
                }
                let decoder = JSONDecoder()
                for try await (source, mirror) in try await connection.query("SELECT source, mirror FROM caldav_mirror", logger: logger)
                    .decode((String, ByteBuffer).self) {
                    // A mirror that cannot be read is as if absent: the next fetch is a full one.
                    if let mirror = try? decoder.decode(CalDAVMirror.self, from: Data(mirror.readableBytesView)) {
                        state.calDAVMirrors[source] = mirror
                    }
                }
                for try await (target, published) in try await connection.query("SELECT target, state FROM publication", logger: logger)
                    .decode((String, ByteBuffer).self) {
                    if let published = try? decoder.decode(CalDAVPublisher.State.self, from: Data(published.readableBytesView)) {
                        state.publications[target] = published
                    }
                }
                for try await (name, hash, modified) in try await connection.query(
                    "SELECT name, content_hash, modified_at FROM feed_file", logger: logger).decode((String, String, Date).self) {
                    state.feedFiles[name] = FeedFileRecord(name: name, contentHash: hash, modifiedAt: modified)
                }
                state.lastRun = try await Self.latestRun(on: connection, logger: logger)
                try await connection.query("COMMIT", logger: logger)
                return state
            }
        } catch let error as SyncStateError {
            throw error
        } catch {
            throw SyncStateError("cannot read the sync state \(url): \(PostgresFailure.describe(error))")
        }
    }

    public func latestRun() async throws -> SyncRun? {
        do {
            return try await poller.latestRun()
        } catch let error as SyncStateError {
            throw error
        } catch {
            throw SyncStateError("cannot read the sync state \(url): \(PostgresFailure.describe(error))")
        }
    }

    static func latestRun(on connection: PostgresConnection, logger: Logger) async throws -> SyncRun? {
        for try await (id, startedAt, finishedAt, year, stale) in try await connection.query(
            "SELECT id, started_at, finished_at, year, stale_sources FROM sync_run ORDER BY id DESC LIMIT 1", logger: logger)
            .decode((Int64, Date, Date, String, String).self) {
            return run(id: id, startedAt: startedAt, finishedAt: finishedAt, year: year, stale: stale)
        }
        return nil
    }

    private static func run(id: Int64, startedAt: Date, finishedAt: Date, year: String, stale: String) -> SyncRun {
        SyncRun(id: id, startedAt: startedAt, finishedAt: finishedAt, year: year,
                staleSources: stale.isEmpty ? [] : stale.split(separator: ",").map(String.init))
    }

    public func history(since: Date?) async throws -> SyncHistory {
        let from = since ?? Date(timeIntervalSince1970: 0)
        let logger = connector.logger
        do {
            return try await connector.withConnection { connection in
                try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                var runs: [SyncRun] = []
                for try await (id, startedAt, finishedAt, year, stale) in try await connection.query(
                    "SELECT id, started_at, finished_at, year, stale_sources FROM sync_run WHERE started_at >= \(from) ORDER BY id",
                    logger: logger).decode((Int64, Date, Date, String, String).self) {
                    runs.append(Self.run(id: id, startedAt: startedAt, finishedAt: finishedAt, year: year, stale: stale))
                }
                var items: [ItemChange] = []
                for try await (at, source, uid, recurrenceID, kind, summary, oldStart, newStart, oldEnd, newEnd) in try await connection.query("""
                    SELECT at, source, uid, recurrence_id, kind, summary, old_start, new_start, old_end, new_end
                    FROM item_change WHERE at >= \(from) ORDER BY id
                    """, logger: logger).decode((Date, String, String, String, String, String, String?, String?, String?, String?).self) {
                    guard let kind = ItemChange.Kind(rawValue: kind) else { continue }
                    items.append(ItemChange(at: at, source: source, uid: uid, recurrenceID: recurrenceID, kind: kind, summary: summary,
                                            oldStart: oldStart, newStart: newStart, oldEnd: oldEnd, newEnd: newEnd))
                }
                var conflicts: [ConflictChange] = []
                for try await (at, conflict, kind, rule, severity, explanation) in try await connection.query("""
                    SELECT at, conflict, kind, rule, severity, explanation FROM conflict_change WHERE at >= \(from) ORDER BY id
                    """, logger: logger).decode((Date, String, String, String, String, String).self) {
                    guard let kind = ConflictChange.Kind(rawValue: kind) else { continue }
                    conflicts.append(ConflictChange(at: at, conflict: conflict, kind: kind, rule: rule, severity: severity,
                                                    explanation: explanation))
                }
                try await connection.query("COMMIT", logger: logger)
                return SyncHistory(runs: runs, itemChanges: items, conflictChanges: conflicts)
            }
        } catch let error as SyncStateError {
            throw error
        } catch {
            throw SyncStateError("cannot read the sync history from \(url): \(PostgresFailure.describe(error))")
        }
    }

    // MARK: Writing

    public func commit(_ record: SyncRecord) async throws {
        let logger = connector.logger
        do {
            try await connector.withConnection { connection in
                var attempt = 1
                while true {
                    do {
                        try await connection.query("BEGIN ISOLATION LEVEL SERIALIZABLE", logger: logger)
                        try await Self.write(record, on: connection, logger: logger)
                        try await connection.query("COMMIT", logger: logger)
                        return
                    } catch {
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                        guard PostgresFailure.isRetryable(error), attempt < 5 else { throw error }
                        attempt += 1
                        try await Task.sleep(for: .milliseconds(50 * attempt))
                    }
                }
            }
        } catch let error as SyncStateError {
            throw error
        } catch {
            throw SyncStateError("cannot write the sync state \(url): \(PostgresFailure.describe(error)); the previous state is unchanged")
        }
    }

    private static func write(_ record: SyncRecord, on connection: PostgresConnection, logger: Logger) async throws {
        let run = record.run
        var runID: Int64 = 0
        for try await id in try await connection.query("""
            INSERT INTO sync_run (started_at, finished_at, year, stale_sources)
            VALUES (\(run.startedAt), \(run.finishedAt), \(run.year), \(run.staleSources.joined(separator: ","))) RETURNING id
            """, logger: logger).decode(Int64.self) {
            runID = id
        }
        let writer = BatchWriter(connection: connection, logger: logger)
        try await writeTables(record, on: connection, writer: writer)
        try await writer.upsert(record.itemChanges, into: "item_change",
                                columns: ["sync_run_id", "at", "source", "uid", "recurrence_id", "kind", "summary", "old_start",
                                          "new_start", "old_end", "new_end"], key: nil) { c, b in
            b.append(runID); b.append(c.at); b.append(c.source); b.append(c.uid); b.append(c.recurrenceID); b.append(c.kind.rawValue)
            b.append(c.summary); b.append(c.oldStart); b.append(c.newStart); b.append(c.oldEnd); b.append(c.newEnd)
        }
        try await writer.upsert(record.conflictChanges, into: "conflict_change",
                                columns: ["sync_run_id", "at", "conflict", "kind", "rule", "severity", "explanation"], key: nil) { c, b in
            b.append(runID); b.append(c.at); b.append(c.conflict); b.append(c.kind.rawValue); b.append(c.rule)
            b.append(c.severity); b.append(c.explanation)
        }
        try await connection.query("SELECT pg_notify(\(notificationChannel), \(String(runID)))", logger: logger)
    }

    /// The current tables of a record (everything but the run and its changes).
    private static func writeTables(_ record: SyncRecord, on connection: PostgresConnection, writer: BatchWriter) async throws {
        // A copy whose bytes are already stored (most syncs) gets its other columns only:
        // sending the calendars again costs more than the rest of the commit.
        var storedHashes: [String: String] = [:]
        for try await (source, hash) in try await connection.query("SELECT source, content_hash FROM source_snapshot",
                                                                   logger: writer.logger).decode((String, String).self) {
            storedHashes[source] = hash
        }
        let snapshots = unique(record.snapshots, by: \.source)
        for s in snapshots where storedHashes[s.source] == s.contentHash {
            try await connection.query("""
                UPDATE source_snapshot SET origin = \(s.origin), event_count = \(s.eventCount), etag = \(s.validators.etag),
                last_modified = \(s.validators.lastModified), fetched_at = \(s.fetchedAt), checked_at = \(s.checkedAt),
                last_error = \(s.lastError), last_error_at = \(s.lastErrorAt) WHERE source = \(s.source)
                """, logger: writer.logger)
        }
        try await writer.upsert(snapshots.filter { storedHashes[$0.source] != $0.contentHash }, into: "source_snapshot",
                                columns: ["source", "origin", "content", "content_hash", "event_count", "etag", "last_modified",
                                          "fetched_at", "checked_at", "last_error", "last_error_at"], key: ["source"]) { s, b in
            b.append(s.source); b.append(s.origin); b.append(ByteBuffer(bytes: s.content)); b.append(s.contentHash)
            b.append(s.eventCount); b.append(s.validators.etag); b.append(s.validators.lastModified); b.append(s.fetchedAt)
            b.append(s.checkedAt); b.append(s.lastError); b.append(s.lastErrorAt)
        }
        try await writer.upsert(unique(record.items, by: \.key), into: "item",
                                columns: ["source", "uid", "recurrence_id", "summary", "start", "\"end\"", "status", "sequence",
                                          "content_hash", "first_seen", "last_changed", "versions", "removed_at"],
                                key: ["source", "uid", "recurrence_id"]) { i, b in
            b.append(i.key.source); b.append(i.key.uid); b.append(i.key.recurrenceID); b.append(i.summary); b.append(i.start)
            b.append(i.end); b.append(i.status); b.append(i.sequence); b.append(i.contentHash); b.append(i.firstSeen)
            b.append(i.lastChanged); b.append(i.versions); b.append(i.removedAt)
        }
        try await writer.upsert(unique(record.feedItems, by: { SyncState.feedKey(uid: $0.uid, recurrenceID: $0.recurrenceID) }),
                                into: "feed_item",
                                columns: ["uid", "recurrence_id", "content_hash", "source_sequence", "emitted_sequence"],
                                key: ["uid", "recurrence_id"]) { f, b in
            b.append(f.uid); b.append(f.recurrenceID); b.append(f.contentHash); b.append(f.sourceSequence); b.append(f.emittedSequence)
        }
        try await writer.upsert(unique(record.conflicts, by: \.id), into: "conflict",
                                columns: ["id", "rule", "severity", "explanation", "first_seen", "last_seen", "resolved_at", "accepted"],
                                key: ["id"]) { c, b in
            b.append(c.id); b.append(c.rule); b.append(c.severity); b.append(c.explanation); b.append(c.firstSeen)
            b.append(c.lastSeen); b.append(c.resolvedAt); b.append(c.accepted)
        }
        try await writer.upsert(unique(record.acceptances, by: \.conflict), into: "acceptance",
                                columns: ["conflict", "reason", "first_applied", "last_applied", "matched"], key: ["conflict"]) { a, b in
            b.append(a.conflict); b.append(a.reason); b.append(a.firstApplied); b.append(a.lastApplied); b.append(a.matched)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let mirrors = try record.calDAVMirrors.sorted { $0.key < $1.key }.map { ($0.key, try encoder.encode($0.value)) }
        try await writer.upsert(mirrors, into: "caldav_mirror", columns: ["source", "mirror"], key: ["source"]) { m, b in
            b.append(m.0); b.append(ByteBuffer(bytes: m.1))
        }
        let published = try record.publications.sorted { $0.key < $1.key }.map { ($0.key, try encoder.encode($0.value)) }
        try await writer.upsert(published, into: "publication", columns: ["target", "state"], key: ["target"]) { p, b in
            b.append(p.0); b.append(ByteBuffer(bytes: p.1))
        }
        // The served files are replaced whole: a file no longer served goes.
        try await connection.query("DELETE FROM feed_file", logger: writer.logger)
        try await writer.upsert(unique(record.feedFiles, by: \.name), into: "feed_file", columns: ["name", "content_hash", "modified_at"],
                                key: nil) { f, b in
            b.append(f.name); b.append(f.contentHash); b.append(f.modifiedAt)
        }
    }

    /// The records with one per key, the last one winning (as `INSERT OR REPLACE` does), in
    /// their first order: PostgreSQL's `ON CONFLICT` refuses a key twice in one statement.
    private static func unique<Element, Key: Hashable>(_ records: [Element], by key: (Element) -> Key) -> [Element] {
        var index: [Key: Int] = [:]
        var result: [Element] = []
        result.reserveCapacity(records.count)
        for record in records {
            let k = key(record)
            if let at = index[k] {
                result[at] = record
            } else {
                index[k] = result.count
                result.append(record)
            }
        }
        return result
    }

    // MARK: Copying a state in

    /// How many rows ``copy(state:history:replacing:)`` wrote, per table.
    public struct CopyCounts: Sendable {
        /// Rows per table, in the order the tables are written.
        public var tables: [(table: String, rows: Int)] { [
            ("sync_run", runs), ("item_change", itemChanges), ("conflict_change", conflictChanges),
            ("source_snapshot", snapshots), ("item", items), ("feed_item", feedItems), ("conflict", conflicts),
            ("acceptance", acceptances), ("caldav_mirror", mirrors), ("publication", publications), ("feed_file", feedFiles),
        ] }
        var runs = 0, itemChanges = 0, conflictChanges = 0, snapshots = 0, items = 0, feedItems = 0
        var conflicts = 0, acceptances = 0, mirrors = 0, publications = 0, feedFiles = 0
    }

    /// Writes a whole state and its history (from another store, such as the SQLite file) in
    /// one transaction, keeping the syncs' ids; a change belongs to the sync that started when
    /// it was found (as the engine records them).
    ///
    /// - Parameters:
    ///   - state: the current tables.
    ///   - history: every sync and the changes each found.
    ///   - replacing: empty a database that already has a state first; without it, such a
    ///     database is refused.
    /// - Throws: `SyncStateError` when the database has a state and `replacing` is false, or
    ///   cannot be written (then nothing was).
    public func copy(state: SyncState, history: SyncHistory, replacing: Bool) async throws -> CopyCounts {
        let logger = connector.logger
        let url = self.url
        do {
            return try await connector.withConnection { connection in
                do {
                    try await connection.query("BEGIN ISOLATION LEVEL SERIALIZABLE", logger: logger)
                    var existing = 0
                    for try await count in try await connection.query(
                        "SELECT (SELECT count(*) FROM sync_run) + (SELECT count(*) FROM source_snapshot)", logger: logger).decode(Int.self) {
                        existing = count
                    }
                    if existing > 0 {
                        guard replacing else {
                            throw SyncStateError("\(url) already holds a sync state; give --force to replace it")
                        }
                        try await connection.query("""
                            TRUNCATE sync_run, item_change, conflict_change, source_snapshot, item, feed_item, conflict, acceptance,
                                     caldav_mirror, publication, feed_file RESTART IDENTITY
                            """, logger: logger)
                    }
                    let counts = try await Self.copy(state: state, history: history, on: connection, logger: logger)
                    try await connection.query("COMMIT", logger: logger)
                    return counts
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch let error as SyncStateError {
            throw error
        } catch {
            throw SyncStateError("cannot copy into the sync state \(url): \(PostgresFailure.describe(error)); nothing was written")
        }
    }

    private static func copy(state: SyncState, history: SyncHistory, on connection: PostgresConnection, logger: Logger) async throws -> CopyCounts {
        var counts = CopyCounts()
        let writer = BatchWriter(connection: connection, logger: logger)
        // Runs keep their ids (a run without one, from a store that has none, gets the next).
        var next: Int64 = (history.runs.compactMap(\.id).max() ?? 0) + 1
        var runs: [(Int64, SyncRun)] = []
        var byStart: [Date: Int64] = [:]
        for run in history.runs {
            let id = run.id ?? { defer { next += 1 }; return next }()
            runs.append((id, run))
            byStart[run.startedAt] = id
        }
        try await writer.upsert(runs, into: "sync_run", columns: ["id", "started_at", "finished_at", "year", "stale_sources"], key: nil) { r, b in
            b.append(r.0); b.append(r.1.startedAt); b.append(r.1.finishedAt); b.append(r.1.year)
            b.append(r.1.staleSources.joined(separator: ","))
        }
        try await connection.query("SELECT setval('sync_run_id_seq', GREATEST((SELECT max(id) FROM sync_run), 1))", logger: logger)
        counts.runs = runs.count
        let itemChanges = history.itemChanges.compactMap { change in byStart[change.at].map { ($0, change) } }
        try await writer.upsert(itemChanges, into: "item_change",
                                columns: ["sync_run_id", "at", "source", "uid", "recurrence_id", "kind", "summary", "old_start",
                                          "new_start", "old_end", "new_end"], key: nil) { p, b in
            let c = p.1
            b.append(p.0); b.append(c.at); b.append(c.source); b.append(c.uid); b.append(c.recurrenceID); b.append(c.kind.rawValue)
            b.append(c.summary); b.append(c.oldStart); b.append(c.newStart); b.append(c.oldEnd); b.append(c.newEnd)
        }
        counts.itemChanges = itemChanges.count
        let conflictChanges = history.conflictChanges.compactMap { change in byStart[change.at].map { ($0, change) } }
        try await writer.upsert(conflictChanges, into: "conflict_change",
                                columns: ["sync_run_id", "at", "conflict", "kind", "rule", "severity", "explanation"], key: nil) { p, b in
            let c = p.1
            b.append(p.0); b.append(c.at); b.append(c.conflict); b.append(c.kind.rawValue); b.append(c.rule)
            b.append(c.severity); b.append(c.explanation)
        }
        counts.conflictChanges = conflictChanges.count
        // The current tables, as a commit writes them (with no run of their own).
        var record = SyncRecord(run: SyncRun(startedAt: Date(), finishedAt: Date(), year: "", staleSources: []))
        record.snapshots = state.snapshots.values.sorted { $0.source < $1.source }
        record.items = state.items.values.sorted { $0.key < $1.key }
        record.feedItems = state.feedItems.sorted { $0.key < $1.key }.map(\.value)
        record.conflicts = state.conflicts.values.sorted { $0.id < $1.id }
        record.acceptances = state.acceptances.values.sorted { $0.conflict < $1.conflict }
        record.calDAVMirrors = state.calDAVMirrors
        record.publications = state.publications
        record.feedFiles = state.feedFiles.values.sorted { $0.name < $1.name }
        try await writeTables(record, on: connection, writer: writer)
        counts.snapshots = record.snapshots.count
        counts.items = record.items.count
        counts.feedItems = record.feedItems.count
        counts.conflicts = record.conflicts.count
        counts.acceptances = record.acceptances.count
        counts.mirrors = record.calDAVMirrors.count
        counts.publications = record.publications.count
        counts.feedFiles = record.feedFiles.count
        return counts
    }

    /// A signal after every commit to this database, from any process: a connection of its
    /// own `LISTEN`s on ``notificationChannel``. When that connection is lost it is opened
    /// again (after 0.5 s, doubling up to 10 s), and the stream signals once it listens again,
    /// as a commit may have come in between.
    public func commitSignals() -> AsyncStream<Void>? {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let connector = self.connector
        let task = Task {
            var delay = Duration.milliseconds(500)
            var listenedBefore = false
            while !Task.isCancelled {
                do {
                    try await connector.withConnection { connection in
                        try await connection.listen(on: Self.notificationChannel) { notifications in
                            if listenedBefore { continuation.yield() }
                            listenedBefore = true
                            delay = .milliseconds(500)
                            for try await _ in notifications { continuation.yield() }
                        }
                    }
                } catch {
                    // Lost or refused: the poll of latestRun() carries on meanwhile.
                }
                guard !Task.isCancelled else { break }
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(10))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        listeners.withLock { $0.append(task) }
        return stream
    }

    /// Closes the connection ``latestRun()`` keeps open between polls, and stops listening
    /// for ``commitSignals()`` (their streams end).
    public func close() async {
        for task in listeners.withLock({ tasks in defer { tasks = [] }; return tasks }) { task.cancel() }
        await poller.close()
    }
}

/// Multi-row `INSERT … ON CONFLICT DO UPDATE` statements, as many rows per statement as
/// fit well under PostgreSQL's 65,535 parameters.
struct BatchWriter {
    let connection: PostgresConnection
    let logger: Logger

    func upsert<Row>(_ rows: [Row], into table: String, columns: [String], key: [String]?,
                     bind: (Row, inout PostgresBindings) -> Void) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, 20_000 / columns.count)
        var start = 0
        while start < rows.count {
            let end = min(start + perStatement, rows.count)
            var bindings = PostgresBindings(capacity: (end - start) * columns.count)
            var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            var parameter = 1
            for (offset, row) in rows[start..<end].enumerated() {
                sql += offset == 0 ? "(" : ", ("
                sql += (parameter..<(parameter + columns.count)).map { "$\($0)" }.joined(separator: ", ")
                sql += ")"
                parameter += columns.count
                bind(row, &bindings)
            }
            if let key {
                // A row that is already as written is left alone: an update would write a new
                // version of it all the same, and most rows of a sync are unchanged.
                let others = columns.filter { !key.contains($0) }
                sql += " ON CONFLICT (\(key.joined(separator: ", "))) DO "
                if others.isEmpty {
                    sql += "NOTHING"
                } else {
                    sql += "UPDATE SET " + others.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
                    sql += " WHERE (" + others.map { "\(table).\($0)" }.joined(separator: ", ") + ") IS DISTINCT FROM ("
                    sql += others.map { "EXCLUDED.\($0)" }.joined(separator: ", ") + ")"
                }
            }
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            start = end
        }
    }
}

/// The held advisory lock: its own connection, closed on release (which ends the lock too).
final class PostgresLock: SyncLock {
    private let connection: PostgresConnection
    private let url: PostgresURL
    private let released = Mutex(false)

    init(connection: PostgresConnection, url: PostgresURL) {
        self.connection = connection
        self.url = url
    }

    var isHeld: Bool {
        get async {
            guard !released.withLock({ $0 }), !connection.isClosed else { return false }
            // The session's advisory lock lasts as long as the session: a round trip proves it.
            var logger = Logger(label: "aarshjul.postgres")
            logger.logLevel = .critical
            do {
                try await connection.query("SELECT 1", logger: logger)
                return true
            } catch {
                return false
            }
        }
    }

    func release() async {
        let first = released.withLock { released in
            defer { released = true }
            return !released
        }
        guard first else { return }
        try? await connection.close()
    }

    deinit {
        if !released.withLock({ $0 }) { PostgresLock.closeInBackground(connection) }
    }

    /// Closes a connection from a synchronous context, keeping it alive until it has closed
    /// (PostgresNIO requires a connection to be closed before it is freed).
    static func closeInBackground(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }
}

/// One connection kept for ``PostgresStateStore/latestRun()``, opened again when it closed.
actor Poller {
    private let connector: PostgresConnector
    private var connection: PostgresConnection?

    init(connector: PostgresConnector) {
        self.connector = connector
    }

    func latestRun() async throws -> SyncRun? {
        let connection: PostgresConnection
        if let open = self.connection, !open.isClosed {
            connection = open
        } else {
            connection = try await connector.connect()
            self.connection = connection
        }
        do {
            return try await PostgresStateStore.latestRun(on: connection, logger: connector.logger)
        } catch {
            try? await connection.close()
            self.connection = nil
            throw error
        }
    }

    func close() async {
        try? await connection?.close()
        connection = nil
    }

    deinit {
        if let connection { PostgresLock.closeInBackground(connection) }
    }
}
