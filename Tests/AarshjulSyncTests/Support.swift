import Aarshjul
import AarshjulSync
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL

/// A file of `Fixtures/sync/`.
func fixture(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("Fixtures/sync/\(name)")))
}

/// A fresh temporary directory, removed by the caller with `cleanUp`.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("aarshjul-sync-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// What the scripted server answers at `/cal.ics`.
enum ServerScript: Sendable {
    /// 200 with these bytes and this ETag; 304 when the request's If-None-Match is the ETag.
    case calendar([UInt8], etag: String)
    /// 200 with gzip-compressed bytes (`Content-Encoding: gzip`).
    case gzip([UInt8], etag: String)
    /// This status with a short body.
    case status(Int)
    /// 200 with this body as `text/html`.
    case html([UInt8])
    /// Waits this long, then answers 200 with the bytes.
    case slow(seconds: Double, [UInt8])
}

/// A calendar server on loopback whose answers a test changes between syncs, and which
/// records the conditional headers it receives.
final class ScriptedServer: Sendable {
    let script: Mutex<ServerScript>
    let received = Mutex<[(ifNoneMatch: String?, acceptEncoding: String?)]>([])

    init(_ script: ServerScript) {
        self.script = Mutex(script)
    }

    func set(_ script: ServerScript) { self.script.withLock { $0 = script } }

    var requests: [(ifNoneMatch: String?, acceptEncoding: String?)] { received.withLock { $0 } }

    /// Runs the server for the duration of `body`, which gets the base URL (`http://127.0.0.1:PORT`).
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.get("/cal.ics") { [self] request, _ -> Response in
            let ifNoneMatch = request.headers[.ifNoneMatch]
            self.received.withLock { $0.append((ifNoneMatch, request.headers[.acceptEncoding])) }
            switch self.script.withLock({ $0 }) {
            case .calendar(let bytes, let etag):
                if ifNoneMatch == etag { return Response(status: .notModified, headers: [.eTag: etag]) }
                return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .eTag: etag],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            case .gzip(let bytes, let etag):
                if ifNoneMatch == etag { return Response(status: .notModified, headers: [.eTag: etag]) }
                return Response(status: .ok, headers: [.contentType: "text/calendar", .contentEncoding: "gzip", .eTag: etag],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            case .status(let code):
                return Response(status: HTTPResponse.Status(code: code), body: ResponseBody(byteBuffer: ByteBuffer(string: "error \(code)\n")))
            case .html(let bytes):
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            case .slow(let seconds, let bytes):
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                return Response(status: .ok, headers: [.contentType: "text/calendar"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        router.get("/moved.ics") { _, _ -> Response in
            Response(status: .found, headers: [.location: "/cal.ics"])
        }
        router.get("/loop-a") { _, _ -> Response in Response(status: .found, headers: [.location: "/loop-b"]) }
        router.get("/loop-b") { _, _ -> Response in Response(status: .found, headers: [.location: "/loop-a"]) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            guard let port = client.port else { throw SyncError("the test server has no port") }
            try await body("http://127.0.0.1:\(port)")
        }
    }
}

/// A configuration with one url source and one local file source, in `directory`.
func writeConfiguration(in directory: URL, url: String, extra: String = "") throws -> AarshjulConfiguration {
    // The local source has the remote one's items under other UIDs.
    let local = String(decoding: try fixture("v1.ics"), as: UTF8.self).replacingOccurrences(of: "@sync.test", with: "@lokal.test")
    try Data(local.utf8).write(to: directory.appendingPathComponent("lokal.ics"))
    let text = """
        [cycle]
        name = "Synktest"
        timezone = "Europe/Oslo"

        [[source]]
        id = "fjern"
        name = "Fjernkilde"
        url = "\(url)"

        [[source]]
        id = "lokal"
        name = "Lokal kilde"
        path = "lokal.ics"

        [sync]
        timeout = "PT5S"
        \(extra)
        """
    let path = directory.appendingPathComponent("aarshjul.toml")
    try text.write(to: path, atomically: true, encoding: .utf8)
    return try AarshjulConfiguration.load(fileAt: path.path)
}

/// Runs one sync of `configuration` with a fresh fetcher, pinned to cycle year 2027.
func sync(_ configuration: AarshjulConfiguration, at now: Date, writeFeeds: Bool = true, language: Language = .en) async throws -> SyncOutcome {
    try await SyncEngine.run(configuration: configuration,
                             options: SyncOptions(year: 2027, language: language, writeFeeds: writeFeeds, now: now))
}

extension SyncOutcome {
    /// The status of a source.
    func source(_ id: String) -> SourceStatus? { report.sources.first { $0.source == id } }

    /// The UIDs in the combined feed.
    var combinedUIDs: Set<String> {
        guard let combined = feeds.first(where: { $0.kind == .combined }) else { return [] }
        return Set(combined.calendar.components.filter { $0.name == "VEVENT" }.compactMap { $0.value(of: "UID") })
    }
}
