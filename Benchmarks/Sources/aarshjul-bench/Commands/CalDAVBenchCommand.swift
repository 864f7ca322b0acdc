import Aarshjul
import AarshjulSync
import ArgumentParser
import AsyncHTTPClient
import Foundation
import ICalendar
import NIOCore
import NIOHTTP1

/// `aarshjul-bench caldav`: a CalDAV source's first sync against an incremental one, and
/// publishing a feed against republishing it with a few items changed (issue 14), on a real
/// server (`Benchmarks/caldav-bench` starts Radicale on loopback and runs this).
struct CalDAVBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caldav",
        abstract: "Time a CalDAV source's first and incremental sync, and a publish and a republish, on a real server.",
        discussion: """
        Creates two calendars in the user's calendar home (MKCALENDAR), puts --events events into the
        first (as another client would), reads it with CalDAVSourceReader (the first fetch: a
        calendar-query), changes --changed events, reads it again (sync-collection and
        calendar-multiget of the changed ones), then publishes a feed of --events events into
        the second calendar with CalDAVPublisher and republishes it with --changed of them
        changed. Requests and bytes are counted by CalDAVMeter. Targets (issue 14): the
        incremental sync under 2% of the first's bytes and under a tenth of its time; the
        republish exactly --changed writes.
        """
    )

    @Option(help: "The server's root URL.") var server: String
    @Option(help: "The user.") var user: String
    @Option(name: .customLong("password-env"), help: "The environment variable holding the password.") var passwordEnvironment = "AARSHJUL_BENCH_PASSWORD"
    @Option(help: "Where to create the two calendars: the user's calendar home (default: SERVER/USER/, Radicale's; Xandikos's is SERVER/USER/calendars/).") var home: String?
    @Option(help: "Events in the calendar and in the feed.") var events = 5000
    @Option(help: "Events changed between the two syncs and the two publishes.") var changed = 10
    @Flag(help: "Measure the syncs only (a server whose writes are slow, such as Xandikos, which commits each PUT to git).") var noPublish = false

    func run() async throws {
        let password = ProcessInfo.processInfo.environment[passwordEnvironment] ?? ""
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await measure(http: http, password: password)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    private func measure(http: HTTPClient, password: String) async throws {
        let meter = CalDAVMeter()
        let client = CalDAVClient(http: http, username: user, password: password, limits: FetchLimits(timeoutSeconds: 600, maxBytes: 500_000_000), meter: meter)
        let base = server.hasSuffix("/") ? server : server + "/"
        let homeURL = home.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "\(base)\(user)/"
        try await makeCalendar(http, url: "\(homeURL)bench-source/", password: password, name: "Benchmark source")
        try await makeCalendar(http, url: "\(homeURL)bench-published/", password: password, name: "Benchmark published")
        let source = try await client.discover(base, calendar: "bench-source")
        let target = try await client.discover(base, calendar: "bench-published")

        var clock = ContinuousClock.now
        for index in 0..<events {
            try await client.put("\(source.url)b\(index).ics", calendar: Self.calendar(Self.event(index, revision: 0)), precondition: .absent)
        }
        let setup = ContinuousClock.now - clock

        let reader = CalDAVSourceReader(client: client)
        let window = (from: "20270101T000000Z", to: "20280101T000000Z")
        meter.reset()
        clock = ContinuousClock.now
        let first = try await reader.refresh(source, mirror: nil, from: window.from, to: window.to)
        let firstTime = ContinuousClock.now - clock
        let firstCounts = meter.counts

        let step = Self.changeStep(events: events, changed: changed)
        for index in stride(from: 0, to: events, by: step).prefix(changed) {
            try await client.put("\(source.url)b\(index).ics", calendar: Self.calendar(Self.event(index, revision: 1)), precondition: .matches(first.mirror.resources["\(source.url)b\(index).ics"]?.etag ?? "*"))
        }
        meter.reset()
        clock = ContinuousClock.now
        let second = try await reader.refresh(source, mirror: first.mirror, from: window.from, to: window.to)
        let secondTime = ContinuousClock.now - clock
        let secondCounts = meter.counts

        func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
        let byteShare = Double(secondCounts.received + secondCounts.sent) / Double(max(1, firstCounts.received + firstCounts.sent))
        let timeShare = seconds(secondTime) / max(1e-9, seconds(firstTime))
        print("aarshjul-bench caldav: \(events) events, \(changed) changed; server \(base)")
        print("setup: \(events) PUTs by another client in \(String(format: "%.1f", seconds(setup))) s")
        print(String(format: "first sync        %@  %8.3f s  %6d requests  %10d bytes  (%d fetched)", first.method.rawValue, seconds(firstTime), firstCounts.total, firstCounts.received + firstCounts.sent, first.fetched))
        print(String(format: "incremental sync  %@  %8.3f s  %6d requests  %10d bytes  (%d fetched, %d removed)", second.method.rawValue, seconds(secondTime), secondCounts.total, secondCounts.received + secondCounts.sent, second.fetched, second.removed))
        print(String(format: "incremental / first: bytes %.2f%% (target < 2%%), time %.2f%% (target < 10%%)", byteShare * 100, timeShare * 100))
        var pass = byteShare < 0.02 && timeShare < 0.1 && second.fetched == changed
        if !noPublish {
            pass = try await measurePublishing(client: client, meter: meter, target: target, step: step) && pass
        }
        print(pass ? "PASS" : "FAIL")
        if !pass { throw ExitCode(1) }
    }

    /// Publishes a feed of `events` events, then republishes it with `changed` of them
    /// changed; prints the figures, and whether the republish wrote exactly the changed ones.
    private func measurePublishing(client: CalDAVClient, meter: CalDAVMeter, target: CalDAVCollection, step: Int) async throws -> Bool {
        let publisher = CalDAVPublisher(client: client, feed: "combined")
        let feed = try ICalendarReader().read(Self.calendar((0..<events).map { Self.event($0, revision: 0) }.joined())).calendars
        meter.reset()
        var clock = ContinuousClock.now
        let published = try await publisher.publish(feed, to: target, state: nil)
        let publishTime = ContinuousClock.now - clock
        let publishCounts = meter.counts
        let changedIndices = Set(stride(from: 0, to: events, by: step).prefix(changed))
        let feed2 = try ICalendarReader().read(Self.calendar((0..<events).map { Self.event($0, revision: changedIndices.contains($0) ? 1 : 0) }.joined())).calendars
        meter.reset()
        clock = ContinuousClock.now
        let republished = try await publisher.publish(feed2, to: target, state: published.state)
        let republishTime = ContinuousClock.now - clock
        let republishCounts = meter.counts

        func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
        print(String(format: "publish           %8.3f s  %6d writes (%d created)", seconds(publishTime), publishCounts.writes, published.created.count))
        print(String(format: "republish         %8.3f s  %6d writes (%d updated, %d unchanged; target %d writes)", seconds(republishTime), republishCounts.writes, republished.updated.count, republished.unchanged, changed))
        return republishCounts.writes == changed
    }

    private func makeCalendar(_ http: HTTPClient, url: String, password: String, name: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .MKCALENDAR
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        request.body = .bytes(ByteBuffer(string: """
        <?xml version="1.0" encoding="utf-8"?>
        <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
        <D:displayname>\(name)</D:displayname>
        </D:prop></D:set></C:mkcalendar>
        """))
        let response = try await http.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1_000_000)
        guard response.status.code == 201 else { throw ValidationError("MKCALENDAR \(url) answered \(response.status.code)") }
    }

    /// Every `step`-th event is changed.
    static func changeStep(events: Int, changed: Int) -> Int { max(1, events / max(1, changed)) }

    static func calendar(_ events: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Aarshjul//bench//NO\r\n\(events)END:VCALENDAR\r\n"
    }

    /// An event of about 600 bytes in 2027, its summary changed in revision 1.
    static func event(_ index: Int, revision: Int) -> String {
        let day = index % 365
        let month = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var rest = day, m = 0
        while rest >= month[m] { rest -= month[m]; m += 1 }
        let date = String(format: "2027%02d%02d", m + 1, rest + 1)
        let hour = 8 + index % 9
        return """
        BEGIN:VEVENT\r
        UID:bench-\(index)@aarshjul.bench\r
        DTSTAMP:20261201T080000Z\r
        DTSTART:\(date)T\(String(format: "%02d", hour))0000Z\r
        DURATION:PT1H30M\r
        SUMMARY:\(revision == 0 ? "Møte" : "Flyttet møte") \(index) i formannskapet\r
        DESCRIPTION:Saksliste og vedlegg sendes ut en uke før møtet\\, jf. reglementet. Saker til b\r
         ehandling meldes til sekretariatet innen fristen. Møtet er åpent for publikum\r
         .\r
        LOCATION:Rådhuset\\, Munkegata 1\r
        END:VEVENT\r

        """
    }
}
