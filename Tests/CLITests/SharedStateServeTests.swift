import Foundation
import PostgresTestSupport
import Testing

/// Where the servers of a test keep their shared state: one suite, two stores.
enum SharedStore: String, CaseIterable, Sendable, CustomStringConvertible {
    /// The SQLite file beside the configuration (servers on one machine).
    case sqlite
    /// A database of the test PostgreSQL server.
    case postgres

    var description: String { rawValue }
}

/// Several `aarshjul serve` processes sharing one state: exactly one syncs (the leader, holder
/// of the state's sync lock), the others serve what it commits, every server sends the same
/// bytes, ETags and Last-Modified, and when the leader dies another takes over.
@Suite("serve: several servers, one state", .serialized)
struct SharedStateServeTests {
    /// The bundled calendars in a temporary directory, their configuration with its state in
    /// `store`, and the environment the servers need (the PostgreSQL password).
    static func setUp(_ store: SharedStore) throws -> (directory: TemporaryDirectory, config: String, environment: [String: String]) {
        let directory = try SyncCommandTests.bundledCopy()
        let config = directory.appending("aarshjul.toml").path
        guard store == .postgres else { return (directory, config, [:]) }
        let server = try PostgresTestServer.shared()
        let url = server.url(database: try server.makeDatabase("serve"))
        let text = try String(contentsOfFile: config, encoding: .utf8) + "\n[sync]\nstate = \"\(url)\"\n"
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        return (directory, config, ["AARSHJUL_PG_PASSWORD": server.password])
    }

    /// Two servers on one state: the first once it leads and has synced, then the second once
    /// it follows a sync. A process that is not stopped by the test ends with it (`deinit`).
    static func startLeaderAndFollower(_ arguments: [String], environment: [String: String], following: String = "following")
        async throws -> (leader: ServeProcess, follower: ServeProcess, led: [String: Any], followed: [String: Any]) {
        let leader = try await ServeProcess(arguments, environment: environment)
        let led = try await leader.waitForHealth(timeout: .seconds(180), "a first sync as leader") {
            role($0) == "leader" && sync($0) != nil
        }
        let follower = try await ServeProcess(arguments, environment: environment)
        let followed = try await follower.waitForHealth(timeout: .seconds(180), following) {
            role($0) == "follower" && sync($0) != nil
        }
        return (leader, follower, led, followed)
    }

    static func role(_ health: [String: Any]) -> String? { health["role"] as? String }
    static func sync(_ health: [String: Any]) -> Int? { health["sync"] as? Int }

    @Test("One leads and syncs, the other follows; both send the same feeds, ETags and Last-Modified, and each answers the other's validators with 304", arguments: SharedStore.allCases)
    func sameFeedsEverywhere(store: SharedStore) async throws {
        let (directory, config, environment) = try Self.setUp(store)
        defer { directory.remove() }
        let arguments = ["--config", config, "--year", "2027", "--rebuild", "PT1H"]
        let (leader, follower, led, followed) = try await Self.startLeaderAndFollower(arguments, environment: environment,
                                                                                      following: "following the leader's sync")
        defer { leader.stop(); follower.stop() }
        #expect(Self.sync(followed) == Self.sync(led))
        #expect(follower.log.contains("following the server that syncs"))

        for path in ["/feeds/combined.ics", "/feeds/conflicts.ics", "/feeds/source-tk.ics", "/conflicts.json"] {
            let a = try await leader.get(path)
            let b = try await follower.get(path)
            #expect(a.status == 200, "\(path)")
            #expect(a.body == b.body, "\(path): the same bytes from both servers")
            let etag = try #require(a.headers["etag"])
            let modified = try #require(a.headers["last-modified"])
            #expect(b.headers["etag"] == etag, "\(path)")
            #expect(b.headers["last-modified"] == modified, "\(path)")
            #expect(try await follower.get(path, headers: ["If-None-Match": etag]).status == 304, "\(path)")
            #expect(try await leader.get(path, headers: ["If-Modified-Since": modified]).status == 304, "\(path)")
        }
    }

    @Test("A change to a source reaches the follower as soon as the leader commits it, with the same new bytes", arguments: SharedStore.allCases)
    func followerServesNewSync(store: SharedStore) async throws {
        let (directory, config, environment) = try Self.setUp(store)
        defer { directory.remove() }
        let arguments = ["--config", config, "--year", "2027", "--rebuild", "PT5S"]
        let (leader, follower, _, _) = try await Self.startLeaderAndFollower(arguments, environment: environment)
        defer { leader.stop(); follower.stop() }
        let before = try await follower.get("/feeds/combined.ics")

        // NTNU renames a board meeting.
        let ntnu = directory.appending("ntnu.ics")
        let text = try String(contentsOf: ntnu, encoding: .utf8)
        let renamed = text.replacingOccurrences(of: "SUMMARY:Styremøte NTNU", with: "SUMMARY:Styremøte NTNU (flyttet)")
        #expect(renamed != text)
        try renamed.write(to: ntnu, atomically: true, encoding: .utf8)

        var after = before
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            after = try await follower.get("/feeds/combined.ics")
            if after.body != before.body { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(String(decoding: after.body, as: UTF8.self).contains("Styremøte NTNU (flyttet)"))
        #expect(after.headers["etag"] != before.headers["etag"])
        // The leader may have synced again meanwhile (nothing changed then): same bytes.
        let fromLeader = try await leader.get("/feeds/combined.ics")
        #expect(fromLeader.body == after.body)
        #expect(fromLeader.headers["last-modified"] == after.headers["last-modified"])
    }

    @Test("The leader killed with kill -9: the follower takes the lead and syncs; the feeds and the history stay whole", arguments: SharedStore.allCases)
    func failover(store: SharedStore) async throws {
        let (directory, config, environment) = try Self.setUp(store)
        defer { directory.remove() }
        let arguments = ["--config", config, "--year", "2027", "--rebuild", "PT5S"]
        let (leader, follower, _, following) = try await Self.startLeaderAndFollower(arguments, environment: environment)
        defer { leader.stop(); follower.stop() }
        let feedBefore = try await follower.get("/feeds/combined.ics")

        // The leader syncs every 5 s; a kill at some point of its loop.
        try await Task.sleep(for: .milliseconds(5_700))
        leader.kill()
        let took = try await follower.waitForHealth(timeout: .seconds(180), "taking the lead and syncing") {
            Self.role($0) == "leader" && (Self.sync($0) ?? 0) > (Self.sync(following) ?? 0)
        }
        // How long it takes is measured by the benchmark (`Benchmarks/failover-bench`), on a
        // release build; here it only has to happen.
        #expect(follower.log.contains("leading: this server syncs"))
        // Nothing changed in the sources: the new leader's feeds are the old ones, byte for byte.
        let feedAfter = try await follower.get("/feeds/combined.ics")
        #expect(feedAfter.body == feedBefore.body)
        #expect(feedAfter.headers["last-modified"] == feedBefore.headers["last-modified"])
        #expect(took["status"] as? String == "ok")

        // The history is whole: every sync recorded, the last ones with no changes.
        let history = try await CLI.runAsync(["changes", "--config", config, "--lang", "en"], environment: environment)
        #expect(history.status == 0, "\(history.err)")
        #expect(history.out.contains("200 items recorded (first sync)"))

        // The old leader comes back: it follows.
        let back = try await ServeProcess(arguments, environment: environment)
        defer { back.stop() }
        try await back.waitForHealth(timeout: .seconds(180), "following the new leader") { Self.role($0) == "follower" && Self.sync($0) != nil }
        #expect(try await follower.health()["role"] as? String == "leader")
    }

    @Test("PostgreSQL restarted under two servers: they keep serving their feeds meanwhile, reconnect, and one leads again")
    func databaseRestart() async throws {
        // A cluster of its own: stopping the shared one would fail the other suites' tests.
        let server = try PostgresTestServer()
        try server.start()
        defer { server.remove() }
        let directory = try SyncCommandTests.bundledCopy()
        defer { directory.remove() }
        let config = directory.appending("aarshjul.toml").path
        let url = server.url(database: try server.makeDatabase("restart"))
        try (try String(contentsOfFile: config, encoding: .utf8) + "\n[sync]\nstate = \"\(url)\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let environment = ["AARSHJUL_PG_PASSWORD": server.password]
        let arguments = ["--config", config, "--year", "2027", "--rebuild", "PT5S"]
        let (a, b, _, following) = try await Self.startLeaderAndFollower(arguments, environment: environment)
        defer { a.stop(); b.stop() }
        let feed = try await b.get("/feeds/combined.ics")

        try server.stop()
        defer { try? server.start() }
        // While the database is down: the leader's lock is gone, syncs fail, the feeds stay.
        try await a.waitForHealth(timeout: .seconds(180), "a failed rebuild while the database is down") {
            ($0["consecutiveFailures"] as? Int ?? 0) > 0
        }
        for process in [a, b] {
            let during = try await process.get("/feeds/combined.ics")
            #expect(during.status == 200)
            #expect(during.body == feed.body)
        }
        try server.start()

        // Back: one of them leads and commits a newer sync, and both serve it.
        let deadline = ContinuousClock.now + .seconds(180)
        var roles: [String?] = []
        var syncs: [Int?] = []
        while ContinuousClock.now < deadline {
            let health = [try await a.health(), try await b.health()]
            roles = health.map(Self.role)
            syncs = health.map(Self.sync)
            if roles.sorted(by: { ($0 ?? "") < ($1 ?? "") }) == ["follower", "leader"], let s0 = syncs[0], s0 == syncs[1],
               s0 > (Self.sync(following) ?? 0), health.allSatisfy({ $0["consecutiveFailures"] as? Int == 0 }) { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(roles.sorted(by: { ($0 ?? "") < ($1 ?? "") }) == ["follower", "leader"], "\(a.log)\n\(b.log)")
        #expect(syncs[0] != nil && syncs[0] == syncs[1] && (syncs[0] ?? 0) > (Self.sync(following) ?? 0))
        let afterA = try await a.get("/feeds/combined.ics")
        let afterB = try await b.get("/feeds/combined.ics")
        #expect(afterA.body == feed.body && afterB.body == feed.body)
    }
}
