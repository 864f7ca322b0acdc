import Aarshjul
@testable import AarshjulSync
import AarshjulPostgres
import Foundation
import GRDB
import ICalendar
import PostgresTestSupport
import Synchronization
import Testing

/// The two state stores the state tests run against: the SQLite file and PostgreSQL (a real
/// server the tests start, ``PostgresTestServer``).
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The configuration with its state in this kind of store: the file beside it, or a new
    /// database of the shared test server.
    func configure(_ configuration: AarshjulConfiguration) throws -> AarshjulConfiguration {
        guard self == .postgres else { return configuration }
        let server = try PostgresTestServer.shared()
        let database = try server.makeDatabase("state")
        var changed = configuration
        guard case .success(let location) = StateLocation.parse(server.url(database: database), baseDirectory: "/") else {
            throw PostgresTestServer.Failure(description: "cannot read \(server.url(database: database))")
        }
        changed.sync.state = location
        return changed
    }

    /// The configuration's store, opened as `aarshjul sync` opens it.
    func open(_ configuration: AarshjulConfiguration) async throws -> any SyncStateStore {
        let environment = self == .postgres ? try PostgresTestServer.shared().environment : ProcessInfo.processInfo.environment
        return try await SyncStateStores.open(configuration.sync.state, environment: environment)
    }
}

/// Two local sources in a temporary directory: `a.ics` (switched between the fixtures) and
/// `b.ics`, which holds a retyped copy of v1's budget meeting (another UID, same title and
/// start): a likely duplicate while v1 is current, resolved when v2 moves the meeting.
struct LocalSetup {
    let directory: URL
    let configuration: AarshjulConfiguration

    init(extra: String = "") throws {
        directory = try temporaryDirectory()
        try Data(try fixture("v1.ics")).write(to: directory.appendingPathComponent("a.ics"))
        let b = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Aarshjul tests//b//NB\r
            BEGIN:VEVENT\r
            UID:retyped-budget@b.test\r
            DTSTAMP:20260901T080000Z\r
            DTSTART;TZID=Europe/Oslo:20271216T090000\r
            DTEND;TZID=Europe/Oslo:20271216T220000\r
            SUMMARY:Bystyret – budsjett 2028\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        try b.write(to: directory.appendingPathComponent("b.ics"), atomically: true, encoding: .utf8)
        let text = """
            [cycle]
            name = "Synktest"
            timezone = "Europe/Oslo"

            [[source]]
            id = "a"
            name = "Kilde A"
            path = "a.ics"

            [[source]]
            id = "b"
            name = "Kilde B"
            path = "b.ics"
            \(extra)
            """
        let path = directory.appendingPathComponent("aarshjul.toml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        configuration = try AarshjulConfiguration.load(fileAt: path.path)
    }

    func use(_ fixtureName: String) throws {
        try Data(try fixture(fixtureName)).write(to: directory.appendingPathComponent("a.ics"))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// The VEVENT with this UID in a feed, as written.
func eventText(_ uid: String, in feed: Feed) -> String? {
    guard let event = feed.calendar.components.first(where: { $0.name == "VEVENT" && $0.value(of: "UID") == uid }) else { return nil }
    return ICalendarWriter().string(event)
}

@Suite("Sync state")
struct StateTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("Feeds across syncs: changed content without a new SEQUENCE gets a higher one; unchanged events keep their bytes",
          arguments: StoreKind.allCases)
    func sequences(kind: StoreKind) async throws {
        let setup = try StoreSetup(kind)
        defer { setup.remove() }
        let first = try await setup.sync(setup.configuration, at: start, writeFeeds: false)
        let combined1 = try #require(first.feeds.first { $0.kind == .combined })
        #expect(eventText("m12@sync.test", in: combined1)?.contains("SEQUENCE:0") == true)

        try setup.use("v2.ics")
        let second = try await setup.sync(setup.configuration, at: start + 3600, writeFeeds: false)
        let combined2 = try #require(second.feeds.first { $0.kind == .combined })
        // Moved, source SEQUENCE still 0: the feeds say 1.
        #expect(eventText("m12@sync.test", in: combined2)?.contains("SEQUENCE:1\r\n") == true)
        // A place added, source SEQUENCE still 0: 1.
        #expect(eventText("m02@sync.test", in: combined2)?.contains("SEQUENCE:1\r\n") == true)
        // Cancelled with the source's own SEQUENCE 1: kept at 1, not raised again.
        #expect(eventText("m06@sync.test", in: combined2)?.contains("SEQUENCE:1\r\n") == true)
        // Unchanged: the same bytes.
        #expect(eventText("m01@sync.test", in: combined2) == eventText("m01@sync.test", in: combined1))
        // The per-source feed carries the same raised SEQUENCE.
        let sourceFeed = try #require(second.feeds.first { $0.name == "source-a" })
        #expect(eventText("m12@sync.test", in: sourceFeed) == eventText("m12@sync.test", in: combined2))
        // The outcome carries each served file's bytes, serialised once: the raised feeds as
        // they are, and the conflict report.
        #expect(Set(second.files.keys) == Set(second.feeds.map(\.fileName) + ["conflicts.json"]))
        #expect(second.files["combined.ics"] == combined2.bytes)
        #expect(second.files["conflicts.json"]
            == Array(try ConflictReportText(report: second.conflicts, language: second.language).json().utf8))
        #expect(second.report.raisedSequences >= 2)

        // Nothing changes: nothing is raised again, and every feed is byte for byte the same.
        let third = try await setup.sync(setup.configuration, at: start + 7200, writeFeeds: false)
        #expect(third.feeds.map(\.bytes) == second.feeds.map(\.bytes))
        #expect(third.report.raisedSequences == 0)

        // The source finally raises its SEQUENCE for the move, with no other change: the feed
        // stays at 1 (no new content for clients).
        let raised = String(decoding: try fixture("v2.ics"), as: UTF8.self)
            .replacingOccurrences(of: "UID:m12@sync.test\r\nDTSTAMP:20260901T080000Z\r\nSEQUENCE:0", with: "UID:m12@sync.test\r\nDTSTAMP:20260901T080000Z\r\nSEQUENCE:1")
        #expect(raised.contains("UID:m12@sync.test\r\nDTSTAMP:20260901T080000Z\r\nSEQUENCE:1"))
        try raised.write(to: setup.directory.appendingPathComponent("a.ics"), atomically: true, encoding: .utf8)
        let fourth = try await setup.sync(setup.configuration, at: start + 10_800, writeFeeds: false)
        let combined4 = try #require(fourth.feeds.first { $0.kind == .combined })
        #expect(eventText("m12@sync.test", in: combined4) == eventText("m12@sync.test", in: combined2))
    }

    @Test("A source's copy whose hash is stored keeps its bytes and gets its other columns; a new hash replaces the bytes",
          arguments: StoreKind.allCases)
    func snapshotBytesWrittenOnlyWhenTheyChange(kind: StoreKind) async throws {
        let setup = try StoreSetup(kind)
        defer { setup.remove() }
        let store = try await setup.open()
        func commit(_ snapshot: SourceSnapshot, at offset: Double) async throws {
            let at = start + offset
            try await store.commit(SyncRecord(run: SyncRun(startedAt: at, finishedAt: at, year: "2027", staleSources: []),
                                              snapshots: [snapshot]))
        }
        let first = SourceSnapshot(source: "a", origin: "a.ics", content: Array("first copy".utf8), contentHash: "hash-1",
                                   eventCount: 3, validators: FetchValidators(etag: "\"1\""), fetchedAt: start, checkedAt: start)
        try await commit(first, at: 0)

        // The same hash: the store keeps the bytes it has (a hash names one content; these
        // bytes differ only to show which were kept) and takes every other column.
        var checked = first
        checked.content = Array("not written".utf8)
        checked.validators = FetchValidators(etag: "\"2\"", lastModified: "Mon, 01 Nov 2027 08:00:00 GMT")
        checked.checkedAt = start + 60
        checked.lastError = "timed out"
        checked.lastErrorAt = start + 60
        try await commit(checked, at: 60)
        var expected = checked
        expected.content = first.content
        #expect(try await store.load().snapshots["a"] == expected)

        var changed = checked
        changed.content = Array("second copy".utf8)
        changed.contentHash = "hash-2"
        changed.eventCount = 4
        changed.fetchedAt = start + 120
        changed.checkedAt = start + 120
        changed.lastError = nil
        changed.lastErrorAt = nil
        try await commit(changed, at: 120)
        #expect(try await store.load().snapshots["a"] == changed)
        await store.close()
    }

    @Test("Conflicts are recorded new and resolved; acceptances as applied; the history reads back", arguments: StoreKind.allCases)
    func conflictHistory(kind: StoreKind) async throws {
        let setup = try StoreSetup(kind)
        defer { setup.remove() }
        let first = try await setup.sync(setup.configuration, at: start, writeFeeds: false)
        #expect(first.report.newConflicts.count == 1)
        #expect(first.report.newConflicts.first?.rule == "likely-duplicate")
        let id = try #require(first.report.newConflicts.first?.conflict)

        // The same conflict is not new again.
        let again = try await setup.sync(setup.configuration, at: start + 60, writeFeeds: false)
        #expect(again.report.newConflicts.isEmpty && again.report.resolvedConflicts.isEmpty)

        // v2 moves the meeting: the duplicate is resolved.
        try setup.use("v2.ics")
        let second = try await setup.sync(setup.configuration, at: start + 3600, writeFeeds: false)
        #expect(second.report.resolvedConflicts.map(\.conflict) == [id])

        let store = try await setup.open()
        let state = try await store.load()
        #expect(state.conflicts[id]?.resolvedAt == start + 3600)
        #expect(state.conflicts[id]?.firstSeen == start)
        let history = try await store.history(since: nil)
        #expect(history.runs.count == 3)
        #expect(history.conflictChanges.map(\.kind) == [.new, .resolved])
        #expect(history.itemChanges.filter { $0.at == start + 3600 }.count == 5)
        let recent = try await store.history(since: start + 1800)
        #expect(recent.runs.count == 1)
        #expect(recent.itemChanges.allSatisfy { $0.at == start + 3600 })

        // Accepting it (back on v1) records the acceptance as matched, and it is not new.
        try setup.use("v1.ics")
        let accepted = try setup.reload(extra: "\n[[accept]]\nconflict = \"\(id)\"\nreason = \"Samme møte, to kalendere\"\n")
        let third = try await setup.sync(accepted, at: start + 7200, writeFeeds: false)
        #expect(third.report.newConflicts.isEmpty)
        #expect(third.report.acceptedConflicts == 1)
        let acceptance = try #require(try await store.load().acceptances[id])
        #expect(acceptance.matched && acceptance.reason == "Samme møte, to kalendere" && acceptance.firstApplied == start + 7200)
    }

    @Test("The text report of a sync, byte for byte (Fixtures/sync/report-nb.txt)")
    func reportGolden() async throws {
        let setup = try LocalSetup()
        defer { setup.remove() }
        _ = try await sync(setup.configuration, at: start, writeFeeds: false, language: .nb)
        try setup.use("v2.ics")
        let second = try await sync(setup.configuration, at: start + 86_400, writeFeeds: false, language: .nb)
        var report = second.report
        report.feedsDirectory = "feeds"
        report.feedFiles = ["combined.ics"]
        let text = SyncReportText(language: .nb, timezone: "Europe/Oslo", sourceNames: ["a": "Kilde A", "b": "Kilde B"]).text(report)
        let golden = packageRoot.appendingPathComponent("Fixtures/sync/report-nb.txt")
        if ProcessInfo.processInfo.environment["AARSHJUL_UPDATE_GOLDEN"] == "1" {
            try text.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("updated Fixtures/sync/report-nb.txt; review it")
        }
        #expect(text == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test("A second sync waits for the first, or says at once that one is running", arguments: StoreKind.allCases)
    func lock(kind: StoreKind) async throws {
        let setup = try StoreSetup(kind)
        defer { setup.remove() }
        let store = try await setup.open()
        let held = try await store.acquireLock(wait: false) { _ in }
        let fetcher = HTTPSourceFetcher()
        defer { Task { try? await fetcher.shutdown() } }
        let engine = SyncEngine(configuration: setup.configuration, store: store, fetcher: fetcher,
                                options: SyncOptions(year: 2027, writeFeeds: false, waitForLock: false, now: start))
        do {
            _ = try await engine.run()
            Issue.record("a sync must not run while another holds the lock")
        } catch let error as SyncStateError {
            #expect(error.message.contains("another sync is running ("))
            #expect(error.message.contains("process \(getpid())"))
        }

        var waiting = engine
        waiting.options.waitForLock = true
        let released = Task {
            try await Task.sleep(for: .milliseconds(300))
            await held.release()
        }
        let told = LockMessages()
        let outcome = try await waiting.run(waiting: { told.add($0) })
        _ = try await released.value
        #expect(outcome.report.isFirstSync)
        #expect(told.all.count == 1 && told.all.first?.contains("waiting for it to finish") == true)
    }

    @Test("A sync under a lock the caller holds neither takes nor releases it, and refuses to commit once it is lost",
          arguments: StoreKind.allCases)
    func heldLock(kind: StoreKind) async throws {
        let setup = try StoreSetup(kind)
        defer { setup.remove() }
        let store = try await setup.open()
        let held = try await store.acquireLock(wait: false) { _ in }
        let fetcher = HTTPSourceFetcher()
        defer { Task { try? await fetcher.shutdown() } }
        let engine = SyncEngine(configuration: setup.configuration, store: store, fetcher: fetcher,
                                options: SyncOptions(year: 2027, writeFeeds: false, waitForLock: false, now: start, heldLock: held))
        let first = try await engine.run()
        #expect(first.report.isFirstSync)
        #expect(await held.isHeld)
        // Still ours: another sync that takes the lock itself is refused.
        do {
            _ = try await store.acquireLock(wait: false) { _ in }
            Issue.record("the engine must not release a lock it did not take")
        } catch is SyncStateError {}
        #expect(try await store.latestRun()?.id == 1)

        await held.release()
        #expect(await held.isHeld == false)
        do {
            _ = try await engine.run()
            Issue.record("a sync must not commit without its lock")
        } catch let error as SyncStateError {
            #expect(error.message.contains("lost the lock"))
        }
        #expect(try await store.history(since: nil).runs.map(\.id) == [1])
    }

    @Test("The state refuses a database from a newer Aarshjul, and a file that is not a database")
    func schema() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        _ = try SQLiteStateStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        #expect(throws: SyncStateError.self) { _ = try SQLiteStateStore(path: path) }
        do {
            _ = try SQLiteStateStore(path: path)
        } catch let error as SyncStateError {
            #expect(error.message.contains("was written by a newer Aarshjul"))
        }

        let garbage = directory.appendingPathComponent("garbage.sqlite").path
        try Data("BEGIN:VCALENDAR\r\nthis is not SQLite\r\n".utf8).write(to: URL(fileURLWithPath: garbage))
        do {
            _ = try SQLiteStateStore(path: garbage)
            Issue.record("a calendar is not a state database")
        } catch let error as SyncStateError {
            #expect(error.message.contains(garbage))
        }
    }

    @Test("A state written before CalDAV (schema v1) is upgraded in place: its copies stay, mirrors and publications are stored and read back")
    func migrationToCalDAV() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try SQLiteStateStore.migrator.migrate(queue, upTo: "v1")
        let fetched = Date(timeIntervalSince1970: 1_800_000_000)
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO sourceSnapshot (source, origin, content, contentHash, eventCount, fetchedAt, checkedAt)
                VALUES ('tk', 'tk.ics', ?, 'hash', 1, ?, ?)
                """, arguments: [Data("BEGIN:VCALENDAR".utf8), fetched, fetched])
        }
        try queue.close()

        let store = try SQLiteStateStore(path: path)
        let before = try await store.load()
        #expect(before.snapshots["tk"]?.contentHash == "hash")
        #expect(before.calDAVMirrors.isEmpty && before.publications.isEmpty)

        let mirror = CalDAVMirror(collection: "http://127.0.0.1:5232/tk/kal/", from: "20260101T000000Z", to: "20300101T000000Z",
                                  syncToken: "http://radicale.org/ns/sync/1",
                                  resources: ["http://127.0.0.1:5232/tk/kal/a.ics": .init(etag: "\"e1\"", text: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")])
        let published = CalDAVPublisher.State(collection: "http://127.0.0.1:5232/tk/pub/",
                                              resources: ["aarshjul-1.ics": .init(uid: "a", etag: "\"p1\"", digest: "d1")])
        try await store.commit(SyncRecord(run: SyncRun(startedAt: fetched, finishedAt: fetched, year: "2027", staleSources: []),
                                    calDAVMirrors: ["tk": mirror], publications: ["combined http://127.0.0.1:5232/": published]))
        let after = try await store.load()
        #expect(after.calDAVMirrors["tk"] == mirror)
        #expect(after.publications["combined http://127.0.0.1:5232/"] == published)
        #expect(after.snapshots["tk"]?.contentHash == "hash")
    }
}

/// Messages from the lock, collected across tasks.
final class LockMessages: Sendable {
    private let messages = Mutex<[String]>([])
    func add(_ message: String) { messages.withLock { $0.append(message) } }
    var all: [String] { messages.withLock { $0 } }
}

extension LocalSetup {
    /// The setup's configuration with text added at the end.
    static func reload(_ setup: LocalSetup, extra: String) throws -> AarshjulConfiguration {
        let path = setup.directory.appendingPathComponent("aarshjul.toml")
        let text = try String(contentsOf: path, encoding: .utf8) + extra
        try text.write(to: path, atomically: true, encoding: .utf8)
        return try AarshjulConfiguration.load(fileAt: path.path)
    }
}

/// A ``LocalSetup`` whose state is in one kind of store.
struct StoreSetup {
    let kind: StoreKind
    let local: LocalSetup
    let configuration: AarshjulConfiguration
    var directory: URL { local.directory }

    init(_ kind: StoreKind) throws {
        self.kind = kind
        local = try LocalSetup()
        configuration = try kind.configure(local.configuration)
    }

    func use(_ fixtureName: String) throws { try local.use(fixtureName) }
    func remove() { local.remove() }

    /// The store, opened as `aarshjul sync` opens it.
    func open() async throws -> any SyncStateStore { try await kind.open(configuration) }

    /// The configuration with text added at the end, its state where this setup's is.
    func reload(extra: String) throws -> AarshjulConfiguration {
        var reloaded = try LocalSetup.reload(local, extra: extra)
        reloaded.sync.state = configuration.sync.state
        return reloaded
    }

    /// One sync pinned to 2027 against this setup's store.
    func sync(_ configuration: AarshjulConfiguration, at now: Date, writeFeeds: Bool = true,
              language: Language = .en) async throws -> SyncOutcome {
        let store = try await open()
        let outcome: SyncOutcome
        do {
            outcome = try await SyncEngine.run(configuration: configuration, store: store,
                                               options: SyncOptions(year: 2027, language: language, writeFeeds: writeFeeds, now: now))
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        return outcome
    }
}
