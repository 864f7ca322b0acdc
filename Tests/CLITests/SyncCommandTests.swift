import Foundation
import Testing

/// `aarshjul sync` and `aarshjul changes` end to end: the bundled calendars with no network,
/// a second sync that waits or refuses, and `kill -9` at any moment of a sync. The tests are
/// async and wait with `Task.sleep`, so their long runs hold no thread other tests need.
@Suite("sync and changes")
struct SyncCommandTests {
    /// A copy of `Calendars/` in a temporary directory (sync writes its state and feeds beside
    /// the configuration).
    static func bundledCopy() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for name in ["aarshjul.toml", "trondheim-kommune.ics", "ntnu.ics", "universitetskommune.ics"] {
            try FileManager.default.copyItem(at: CLI.file("Calendars/\(name)"), to: directory.url.appendingPathComponent(name))
        }
        return directory
    }

    @Test("sync works on the bundled calendars with no network; the second run reports no changes")
    func bundled() async throws {
        let directory = try Self.bundledCopy()
        defer { directory.remove() }
        let config = directory.url.appendingPathComponent("aarshjul.toml").path
        let first = try await CLI.runAsync(["sync", "--config", config, "--year", "2027", "--fail-on", "never"])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("Første synkronisering: 200 hendelser registrert."))
        #expect(first.out.contains("Konflikter: 10 nye, 0 løst, 10 åpne"))
        #expect(first.out.contains("Kalenderfeeder: 21 skrevet til \(directory.url.appendingPathComponent("feeds").path)"))
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(".aarshjul/state.sqlite").path))

        // Exported feeds are those of `aarshjul export` on a first sync.
        let exported = try TemporaryDirectory()
        defer { exported.remove() }
        _ = try await CLI.runAsync(["export", "--config", config, "--year", "2027", "--out", exported.url.path])
        let synced = try Data(contentsOf: directory.url.appendingPathComponent("feeds/combined.ics"))
        #expect(synced == (try Data(contentsOf: exported.url.appendingPathComponent("combined.ics"))))

        let second = try await CLI.runAsync(["sync", "--config", config, "--year", "2027", "--lang", "en", "--format", "json"])
        #expect(second.status == 1, "an open error-level conflict fails the run, as with `conflicts`")
        let json = try #require(try JSONSerialization.jsonObject(with: second.stdout) as? [String: Any])
        #expect((json["changes"] as? [Any])?.isEmpty == true)
        #expect((json["sources"] as? [[String: Any]])?.map { $0["state"] as? String } == ["unchanged", "unchanged", "unchanged"])
        #expect(json["previousSync"] is String)

        let history = try await CLI.runAsync(["changes", "--config", config, "--lang", "en"])
        #expect(history.status == 0)
        #expect(history.out.hasPrefix("2 syncs\n"))
        #expect(history.out.contains("200 items recorded (first sync)"))
        #expect(history.out.contains("  no changes\n"))

        let bad = try await CLI.runAsync(["changes", "--config", config, "--since", "last tuesday"])
        #expect(bad.status == 2)
        #expect(bad.err.contains("--since last tuesday: expected a date"))
    }

    @Test("changes without a state says to run sync first")
    func changesWithoutState() async throws {
        let directory = try Self.bundledCopy()
        defer { directory.remove() }
        let result = try await CLI.runAsync(["changes", "--config", directory.url.appendingPathComponent("aarshjul.toml").path])
        #expect(result.status == 2)
        #expect(result.err.contains("no sync state at"))
        #expect(result.err.contains("run `aarshjul sync` first"))
    }

    /// A calendar of `count` daily events in 2027, one of which (`moving@kill.test`) starts on
    /// day `day` of the year.
    static func largeCalendar(count: Int, movingDay day: Int) -> Data {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Aarshjul tests//kill//NB\r\n"
        func stamp(_ dayOfYear: Int) -> String {
            var components = DateComponents(year: 2027, month: 1, day: 1 + dayOfYear % 365)
            components.calendar = Calendar(identifier: .gregorian)
            let date = components.date ?? Date()
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyyMMdd"
            formatter.timeZone = TimeZone(identifier: "UTC")
            return formatter.string(from: date)
        }
        let days = (0..<365).map(stamp)
        for index in 0..<count {
            text += "BEGIN:VEVENT\r\nUID:e\(index)@kill.test\r\nDTSTAMP:20260901T080000Z\r\n"
                + "DTSTART;TZID=Europe/Oslo:\(days[index % 365])T\(10 + index % 8)0000\r\nDURATION:PT1H\r\n"
                + "SUMMARY:Møte nummer \(index) i utvalget for kommunal planlegging\r\nEND:VEVENT\r\n"
        }
        text += "BEGIN:VEVENT\r\nUID:moving@kill.test\r\nDTSTAMP:20260901T080000Z\r\n"
            + "DTSTART;TZID=Europe/Oslo:\(days[day % 365])T090000\r\nDURATION:PT2H\r\nSUMMARY:Bystyret\r\nEND:VEVENT\r\n"
        text += "END:VCALENDAR\r\n"
        return Data(text.utf8)
    }

    /// Starts `aarshjul sync --no-feeds` in the background, its output discarded.
    static func startSync(_ config: URL) throws -> Process {
        let process = Process()
        process.executableURL = try CLI.executable()
        process.arguments = ["sync", "--config", config.path, "--year", "2027", "--no-feeds"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("kill -9 at any moment of a sync leaves a state the next sync completes from")
    func killNine() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let calendar = directory.url.appendingPathComponent("big.ics")
        let config = directory.url.appendingPathComponent("aarshjul.toml")
        try """
            [cycle]
            name = "Kill"
            timezone = "Europe/Oslo"

            [[source]]
            id = "big"
            path = "big.ics"
            """.write(to: config, atomically: true, encoding: .utf8)
        try Self.largeCalendar(count: 6_000, movingDay: 0).write(to: calendar)
        let first = try await CLI.runAsync(["sync", "--config", config.path, "--year", "2027", "--format", "json"])
        #expect(first.status == 0, "\(first.err)")

        // Each round moves the meeting one day on, starts a sync and kills it after a growing
        // delay, so the kills land before, during and after the state is written.
        let delays = [0.02, 0.1, 0.25, 0.4, 0.6, 0.8, 1.0, 1.3, 1.7, 2.2]
        for (round, delay) in delays.enumerated() {
            try Self.largeCalendar(count: 6_000, movingDay: round + 1).write(to: calendar)
            let process = try Self.startSync(config)
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            while process.isRunning { try await Task.sleep(for: .milliseconds(5)) }
        }
        let final = try await CLI.runAsync(["sync", "--config", config.path, "--year", "2027", "--format", "json"])
        #expect(final.status == 0, "the sync after the kills completes: \(final.err)")

        // Every version of the meeting the state saw is chained: each recorded move starts
        // where the one before ended, and the last ends on the final day. A half-written sync
        // would break the chain or lose the end.
        let history = try await CLI.runAsync(["changes", "--config", config.path, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: history.stdout) as? [String: Any])
        let changes = try #require(json["changes"] as? [[String: Any]])
        let moves = changes.filter { $0["uid"] as? String == "moving@kill.test" && $0["kind"] as? String == "moved" }
        #expect(!moves.isEmpty)
        for (previous, next) in zip(moves, moves.dropFirst()) {
            #expect(previous["newStart"] as? String == next["oldStart"] as? String)
        }
        #expect(moves.last?["newStart"] as? String == "2027-01-11T08:00:00Z")
        #expect(moves.first?["oldStart"] as? String == "2027-01-01T08:00:00Z")
        let runs = try #require(json["runs"] as? [[String: Any]])
        #expect(runs.count >= 2 && runs.count <= delays.count + 2)
    }

    @Test("A second sync with --no-wait says another is running; without it, it waits")
    func concurrent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = directory.url.appendingPathComponent("aarshjul.toml")
        try """
            [cycle]
            name = "Lock"
            timezone = "Europe/Oslo"

            [[source]]
            id = "big"
            path = "big.ics"
            """.write(to: config, atomically: true, encoding: .utf8)
        try Self.largeCalendar(count: 100, movingDay: 0).write(to: directory.url.appendingPathComponent("big.ics"))
        // This test holds the lock the way a running sync does: flock on state.sqlite.lock,
        // with the holder's note in the file.
        let state = directory.url.appendingPathComponent(".aarshjul")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let lockPath = state.appendingPathComponent("state.sqlite.lock").path
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let note = "process \(getpid()) since 2026-11-29T06:00:00Z\n"
        _ = note.withCString { write(descriptor, $0, strlen($0)) }

        let refused = try await CLI.runAsync(["sync", "--config", config.path, "--year", "2027", "--no-feeds", "--no-wait"])
        #expect(refused.status == 2)
        #expect(refused.err.contains("another sync is running (process \(getpid()) since 2026-11-29T06:00:00Z)"))

        let waiting = try CLI.Child(["sync", "--config", config.path, "--year", "2027", "--no-feeds"], environment: [:], in: nil)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !String(decoding: (try? Data(contentsOf: waiting.errURL)) ?? Data(), as: UTF8.self).contains("waiting") {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(waiting.process.isRunning, "the second sync waits while the lock is held")
        _ = flock(descriptor, LOCK_UN)
        while waiting.process.isRunning && Date() < waiting.deadline { try await Task.sleep(for: .milliseconds(10)) }
        let waited = try waiting.finish()
        #expect(waited.status == 0, "\(waited.err)")
        #expect(waited.err.contains("sync: another sync is running (process \(getpid())"))
        #expect(waited.err.contains("waiting for it to finish"))
        #expect(waited.out.contains("Første synkronisering: 101 hendelser registrert."))
    }
}
