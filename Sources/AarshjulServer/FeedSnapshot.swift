import Aarshjul
import Hummingbird

/// One file the server answers with: its bytes, validators and ready-made response headers.
///
/// Immutable; the bytes live in one `ByteBuffer` every response shares (no copy per request).
public struct ServedFile: Sendable {
    /// The name in the URL (`combined.ics`, `conflicts.json`).
    public let name: String
    /// The bytes.
    public let body: ByteBuffer
    /// The strong ETag, quoted (see ``EntityTag/strong(for:)``).
    public let etag: String
    /// When these bytes were first served, in seconds since 1970: kept across rebuilds that
    /// produce the same bytes.
    public let lastModified: Int
    /// The headers of a `200 OK`.
    let okHeaders: HTTPFields
    /// The headers of a `304 Not Modified`: the validators and `Cache-Control` (RFC 9110
    /// §15.4.5). No `Content-Length`: RFC 9110 §8.6 allows the length a `200` would have, but
    /// NIO's encoder drops it from every response without a body, so the fast path, which
    /// writes past the encoder, leaves it out too and sends the router's bytes.
    let notModifiedHeaders: HTTPFields
    /// The status line and ``okHeaders`` as HTTP/1.1 bytes, each field as `Name: value` + CRLF,
    /// without the closing empty line: what the feed fast path sends before `Date` and `Server`.
    let wireOK: [UInt8]
    /// The status line and ``notModifiedHeaders`` as HTTP/1.1 bytes, as ``wireOK``.
    let wireNotModified: [UInt8]

    /// Creates a served file.
    ///
    /// - Parameters:
    ///   - name: the name in the URL.
    ///   - bytes: the content.
    ///   - contentType: `Content-Type`.
    ///   - cacheControl: `Cache-Control`.
    ///   - lastModified: seconds since 1970.
    ///   - etag: the ETag when already known for these bytes (it is computed otherwise).
    public init(name: String, bytes: [UInt8], contentType: String, cacheControl: String, lastModified: Int, etag: String? = nil) {
        self.name = name
        self.body = ByteBuffer(bytes: bytes)
        self.etag = etag ?? EntityTag.strong(for: bytes)
        self.lastModified = lastModified
        var validators = HTTPFields()
        validators[.eTag] = self.etag
        validators[.lastModified] = HTTPDate.format(lastModified)
        validators[.cacheControl] = cacheControl
        validators[.xContentTypeOptions] = "nosniff"
        self.notModifiedHeaders = validators
        validators[.contentLength] = String(bytes.count)
        validators[.contentType] = contentType
        self.okHeaders = validators
        self.wireOK = Self.wire(status: "200 OK", fields: okHeaders)
        self.wireNotModified = Self.wire(status: "304 Not Modified", fields: notModifiedHeaders)
    }

    /// A response head in HTTP/1.1 syntax, field names as given (as NIO's encoder writes them),
    /// without the empty line that ends it.
    static func wire(status: String, fields: HTTPFields) -> [UInt8] {
        var text = "HTTP/1.1 \(status)\r\n"
        for field in fields { text += "\(field.name.rawName): \(field.value)\r\n" }
        return Array(text.utf8)
    }

    /// The response to a `GET` (or `HEAD`, which drops the body) with these request headers:
    /// `304` when `If-None-Match` names the ETag, or — without `If-None-Match` — when
    /// `If-Modified-Since` is not older than ``lastModified``; otherwise `200` with the bytes
    /// (RFC 9110 §13.2.2).
    ///
    /// - Complexity: O(*h*) in the length of the conditional headers.
    public func response(to headers: HTTPFields) -> Response {
        if isNotModified(for: headers) {
            return Response(status: .notModified, headers: notModifiedHeaders)
        }
        return Response(status: .ok, headers: okHeaders, body: ResponseBody(byteBuffer: body))
    }

    /// Whether a conditional request's validators say the client's copy is current.
    public func isNotModified(for headers: HTTPFields) -> Bool {
        // Several If-None-Match fields come joined with ", ", which is the list syntax.
        isNotModified(ifNoneMatch: headers[.ifNoneMatch], ifModifiedSince: headers[.ifModifiedSince])
    }

    /// Whether the values of a request's `If-None-Match` (all its fields joined with `, `) and
    /// `If-Modified-Since` say the client's copy is current.
    func isNotModified(ifNoneMatch: String?, ifModifiedSince: String?) -> Bool {
        if let ifNoneMatch {
            return EntityTag.matches(ifNoneMatch: ifNoneMatch, current: etag)
        }
        if let ifModifiedSince, let seconds = HTTPDate.parse(ifModifiedSince) {
            return lastModified <= seconds
        }
        return false
    }
}

/// Everything the server answers with at one moment: built once per rebuild, never changed,
/// and replaced as a whole (see ``FeedStore``). A request reads one snapshot from start to
/// finish, so it never mixes two builds.
public final class FeedSnapshot: Sendable {
    /// One feed as the index page lists it.
    public struct Entry: Sendable, Hashable {
        /// The name without `.ics`.
        public let name: String
        /// `name.ics`.
        public let fileName: String
        /// The title calendar apps show.
        public let title: String
        /// What the feed holds.
        public let kind: Feed.Kind
        /// How many events it has.
        public let events: Int
    }

    /// The cycle's name.
    public let cycleName: String
    /// The cycle year served.
    public let year: CycleYear
    /// The cycle's time zone (IANA).
    public let timezone: String
    /// The language of titles, explanations and the index page.
    public let language: Language
    /// When this snapshot was installed, in seconds since 1970.
    public let builtAt: Int
    /// The feeds in the engine's order.
    public let entries: [Entry]
    /// The feeds by file name (`combined.ics`): the only files the server can send.
    public let feeds: [String: ServedFile]
    /// `conflicts.json`.
    public let conflictsJSON: ServedFile
    /// The open conflicts, most severe first.
    public let openConflicts: [Conflict]
    /// How many conflicts are accepted.
    public let acceptedCount: Int
    /// Extra HTML for the index page.
    public let extraHTML: String?
    /// The sources served from their last good copy (see ``FeedBuild/staleSources``).
    public let staleSources: [String]
    /// The wheel page (`/wheel.html`), if the build made one.
    public let wheelPage: ServedFile?
    /// The plan page (`/plan.html`), if the build made one.
    public let planPage: ServedFile?
    /// The committed sync served, when the build came from a sync state.
    public let committedSync: FeedBuild.CommittedSync?

    /// Turns a build into a snapshot. A file whose bytes equal the previous snapshot's keeps
    /// its ETag and `Last-Modified`; a file the build gives a time (``FeedBuild/modifiedAt``) has
    /// that one; another changed file gets `now`, or one second after its
    /// previous `Last-Modified` if that is not earlier than `now` (so a client holding the old
    /// bytes never gets a `304` for `If-Modified-Since`).
    ///
    /// - Parameters:
    ///   - build: the engine's result.
    ///   - previous: the snapshot being replaced, if any.
    ///   - now: seconds since 1970.
    ///   - privateFeeds: whether the feeds need a token (`Cache-Control: private`).
    /// - Complexity: O(*b*) in the total size of the feeds (hashing and comparing bytes).
    public init(build: FeedBuild, previous: FeedSnapshot?, now: Int, privateFeeds: Bool) {
        let cacheControl = "\(privateFeeds ? "private" : "public"), max-age=\(build.maxAge)"
        func served(_ name: String, _ bytes: [UInt8], _ type: String, _ control: String, _ old: ServedFile?) -> ServedFile {
            let etag = EntityTag.strong(for: bytes)
            var modified = now
            if let fixed = build.modifiedAt[name] {
                modified = fixed
            } else if let old {
                modified = old.etag == etag && old.body.readableBytesView.elementsEqual(bytes)
                    ? old.lastModified : max(now, old.lastModified + 1)
            }
            return ServedFile(name: name, bytes: bytes, contentType: type, cacheControl: control, lastModified: modified, etag: etag)
        }
        var feeds: [String: ServedFile] = [:]
        var entries: [Entry] = []
        for feed in build.feeds where feeds[feed.fileName] == nil {
            feeds[feed.fileName] = served(feed.fileName, feed.bytes, "text/calendar; charset=utf-8", cacheControl,
                                          previous?.feeds[feed.fileName])
            entries.append(Entry(name: feed.name, fileName: feed.fileName, title: feed.title, kind: feed.kind, events: feed.events))
        }
        self.cycleName = build.cycleName
        self.year = build.year
        self.timezone = build.timezone
        self.language = build.language
        self.builtAt = now
        self.entries = entries
        self.feeds = feeds
        self.conflictsJSON = served("conflicts.json", Array(build.conflictsJSON.utf8), "application/json; charset=utf-8",
                                    privateFeeds ? "private, no-cache" : "no-cache", previous?.conflictsJSON)
        self.openConflicts = build.openConflicts
        self.acceptedCount = build.acceptedCount
        self.extraHTML = build.extraHTML
        self.staleSources = build.staleSources
        self.committedSync = build.committedSync
        self.wheelPage = build.wheelPage.map {
            served("wheel.html", Array($0.utf8), "text/html; charset=utf-8", privateFeeds ? "private, no-cache" : "no-cache", previous?.wheelPage)
        }
        self.planPage = build.planPage.map {
            served("plan.html", Array($0.utf8), "text/html; charset=utf-8", privateFeeds ? "private, no-cache" : "no-cache", previous?.planPage)
        }
    }
}
