import Aarshjul
import AarshjulServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization

/// The package root, found from this file, so `Calendars/aarshjul.toml` resolves whatever
/// directory `swift test` runs in.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL

/// A minimal calendar with one event, whose summary makes the bytes differ.
func calendarBytes(_ summary: String, padding: Int = 0) -> [UInt8] {
    let description = padding > 0 ? "DESCRIPTION:" + String(repeating: "x", count: padding) + "\r\n" : ""
    return Array(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1@test\r\n"
        + "DTSTAMP:20270101T000000Z\r\nDTSTART;VALUE=DATE:20270301\r\nSUMMARY:\(summary)\r\n\(description)END:VEVENT\r\nEND:VCALENDAR\r\n").utf8)
}

/// A build with a combined feed and a source feed, both with `summary`.
func makeBuild(_ summary: String = "Bystyret", name: String = "Universitetskommunen <Trondheim>", language: Language = .nb,
               extraHTML: String? = nil, maxAge: Int = 14_400) -> FeedBuild {
    FeedBuild(
        cycleName: name, year: CycleYear(year: 2027, start: .januaryFirst), timezone: "Europe/Oslo", language: language,
        feeds: [
            .init(name: "combined", title: "Alt – årshjul 2027", kind: .combined, events: 1, bytes: calendarBytes(summary)),
            .init(name: "source-tk", title: "Trondheim kommune & co", kind: .source, events: 1, bytes: calendarBytes(summary + " TK")),
        ],
        conflictsJSON: "{\"cycle\":\"\(summary)\",\"conflicts\":[]}\n", maxAge: maxAge, extraHTML: extraHTML)
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let seconds: Mutex<Int>
    init(_ start: Int = 1_800_000_000) { seconds = Mutex(start) }
    var now: Int { seconds.withLock { $0 } }
    func advance(_ by: Int) { seconds.withLock { $0 += by } }
}

/// Log lines captured as JSON objects.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var logger: Logger {
        var logger = Logger(label: "aarshjul-test") { label in
            ServerLogHandler(label: label, format: .json) { [self] line in self.lines.withLock { $0.append(line) } }
        }
        logger.logLevel = .info
        return logger
    }

    /// Every captured line, decoded.
    var records: [[String: Any]] {
        lines.withLock { $0 }.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// The `request` lines.
    var requests: [[String: Any]] { records.filter { $0["msg"] as? String == "request" } }
}

/// A store with one build installed, and the server over it.
func makeServer(token: String? = nil, build: FeedBuild = makeBuild(), now: Int = 1_800_000_000,
                publicURL: String? = nil) -> (FeedServer, FeedStore) {
    let store = FeedStore(privateFeeds: token != nil)
    store.install(build, now: now)
    let settings = FeedServerSettings(host: "127.0.0.1", port: 0, token: token, publicURL: publicURL)
    return (FeedServer(settings: settings, store: store), store)
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
}

/// The two ways a test reaches the server: in-process through the router, and over a live
/// loopback socket on a port the system picks.
enum Setup: String, CaseIterable, Sendable {
    case router, live

    var testing: TestingSetup { self == .router ? .router : .live }
}
