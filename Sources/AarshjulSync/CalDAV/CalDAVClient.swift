import Aarshjul
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A calendar collection on a CalDAV server, as discovery found it.
public struct CalDAVCollection: Hashable, Sendable {
    /// The collection's absolute URL, ending in `/`.
    public var url: String
    /// Its `displayname`, when it has one.
    public var displayName: String?
    /// Whether the server lists `sync-collection` (RFC 6578) among the collection's reports.
    public var supportsSyncCollection: Bool

    /// Creates a collection.
    public init(url: String, displayName: String?, supportsSyncCollection: Bool) {
        self.url = url
        self.displayName = displayName
        self.supportsSyncCollection = supportsSyncCollection
    }
}

/// One calendar object resource: its URL, entity tag and, when fetched, its iCalendar text.
public struct CalDAVResource: Hashable, Sendable {
    /// The resource's absolute URL.
    public var url: String
    /// The entity tag, as the server sent it.
    public var etag: String?
    /// The iCalendar text (`calendar-data`), when the report asked for it.
    public var calendarData: String?

    /// Creates a resource.
    public init(url: String, etag: String?, calendarData: String? = nil) {
        self.url = url
        self.etag = etag
        self.calendarData = calendarData
    }
}

/// What a `sync-collection` report returned: members changed or added since the token, members
/// removed, and the token to send next time.
public struct CalDAVChanges: Hashable, Sendable {
    /// Changed and new members, with their entity tags (no data: fetch it with
    /// ``CalDAVClient/multiget(_:urls:)``).
    public var changed: [CalDAVResource]
    /// The URLs of members removed.
    public var removed: [String]
    /// The new sync token.
    public var syncToken: String?
}

/// CalDAV failures are ``FetchError``s, as URL sources' are: one vocabulary and one wording
/// for everything remote (the CalDAV-only kinds are `unauthorized`, `notFound`, `ambiguous`,
/// `malformed`, `invalidSyncToken` and `preconditionFailed`).
public typealias CalDAVError = FetchError

/// A CalDAV client over AsyncHTTPClient: discovery (RFC 4791 §6, RFC 5397), `calendar-query`
/// with a time range, `sync-collection` (RFC 6578), `calendar-multiget`, and conditional `PUT`
/// and `DELETE` for publishing. XML is read by ``DAVMultistatus`` with namespaces resolved.
///
/// ```swift
/// let client = CalDAVClient(http: http, username: "tk", password: password, limits: FetchLimits())
/// let collection = try await client.discover("https://dav.example.no/", calendar: "Trondheim kommune")
/// let all = try await client.calendarQuery(collection, from: "20270101T000000Z", to: "20280101T000000Z")
/// ```
public struct CalDAVClient: Sendable {
    /// The HTTP client (its connection pool is the caller's to shut down).
    public let http: HTTPClient
    /// The user name for HTTP Basic authentication, or `nil` for none.
    public let username: String?
    /// The password.
    public let password: String?
    /// Timeout and size limit of each request.
    public let limits: FetchLimits
    /// Counts requests and bytes, when given (tests and benchmarks read it).
    public let meter: CalDAVMeter?
    /// Whether this client retries a refused connection itself (twice, within about a second):
    /// only on ``HTTPSourceFetcher``'s pool, which leaves that to its callers. A pool with
    /// AsyncHTTPClient's default configuration already retries until the request's timeout.
    let retriesConnections: Bool

    /// Creates a client.
    public init(http: HTTPClient, username: String?, password: String?, limits: FetchLimits = FetchLimits(), meter: CalDAVMeter? = nil) {
        self.init(http: http, username: username, password: password, limits: limits, meter: meter, retriesConnections: false)
    }

    init(http: HTTPClient, username: String?, password: String?, limits: FetchLimits, meter: CalDAVMeter?, retriesConnections: Bool) {
        self.http = http
        self.username = username
        self.password = password
        self.limits = limits
        self.meter = meter
        self.retriesConnections = retriesConnections
    }

    // MARK: Discovery

    /// Finds the calendar collection an address leads to: the collection itself, or a
    /// server root, principal or calendar home from which `current-user-principal` and
    /// `calendar-home-set` lead to the calendars. With several calendars, `calendar` picks one
    /// by display name or last path segment; without it the error lists them.
    public func discover(_ address: String, calendar: String? = nil) async throws(CalDAVError) -> CalDAVCollection {
        let start = try await propfind(address, depth: 0, properties: Self.discoveryProperties)
        guard let here = start.resources.first else {
            throw CalDAVError(kind: .notFound, message: "\(address): the server answered with no properties for this address; is it a CalDAV address?")
        }
        if here.isOfType(.calDAV("calendar")) {
            if let calendar, !Self.names(here, url: address, match: calendar) {
                throw CalDAVError(kind: .ambiguous, message: "\(address) is the calendar \(Self.label(here, url: address)), not \"\(calendar)\"")
            }
            return collection(here, url: address)
        }
        // The calendar home: named here, or on the principal this address or the server names.
        var homes = here.properties[.calDAV("calendar-home-set")]?.hrefs ?? []
        if homes.isEmpty {
            guard let principal = here.properties[.dav("current-user-principal")]?.hrefs.first
                ?? here.properties[.dav("principal-URL")]?.hrefs.first else {
                throw CalDAVError(kind: .notFound, message: "\(address) is not a calendar, and the server names no principal for user \(username ?? "(none)"); paste the calendar's own address from your calendar app")
            }
            let principalURL = Self.resolve(principal, against: address)
            let answer = try await propfind(principalURL, depth: 0, properties: [.calDAV("calendar-home-set")])
            homes = answer.resources.first?.properties[.calDAV("calendar-home-set")]?.hrefs ?? []
            guard !homes.isEmpty else {
                throw CalDAVError(kind: .notFound, message: "\(principalURL): the principal names no calendar home (calendar-home-set); is this a CalDAV server?")
            }
        }
        let homeURL = Self.resolve(homes[0], against: address)
        let members = try await propfind(homeURL, depth: 1, properties: Self.discoveryProperties)
        let calendars = members.resources
            .filter { $0.isOfType(.calDAV("calendar")) }
            .map { (resource: $0, url: Self.resolve($0.href, against: homeURL)) }
            .sorted { $0.url < $1.url }
        guard !calendars.isEmpty else {
            throw CalDAVError(kind: .notFound, message: "\(homeURL): the calendar home holds no calendars")
        }
        if let calendar {
            guard let chosen = calendars.first(where: { Self.names($0.resource, url: $0.url, match: calendar) }) else {
                throw CalDAVError(kind: .ambiguous, message: "\(homeURL): no calendar named \"\(calendar)\"; found \(calendars.map { Self.label($0.resource, url: $0.url) }.joined(separator: ", "))")
            }
            return collection(chosen.resource, url: chosen.url)
        }
        guard calendars.count == 1, let only = calendars.first else {
            throw CalDAVError(kind: .ambiguous, message: "\(homeURL) holds \(calendars.count) calendars: \(calendars.map { Self.label($0.resource, url: $0.url) }.joined(separator: ", ")); choose one with calendar = \"…\" in the source")
        }
        return collection(only.resource, url: only.url)
    }

    static let discoveryProperties: [DAVName] = [
        .dav("resourcetype"), .dav("displayname"), .dav("current-user-principal"), .dav("principal-URL"),
        .calDAV("calendar-home-set"), .dav("supported-report-set"), .dav("sync-token"),
    ]

    private func collection(_ resource: DAVResource, url: String) -> CalDAVCollection {
        // supported-report-set holds supported-report/report/<name>, two levels down.
        let syncs = resource.properties[.dav("supported-report-set")]?.descendants.contains(.dav("sync-collection")) ?? false
        let tokenGiven = resource.properties[.dav("sync-token")] != nil
        return CalDAVCollection(url: Self.directory(url), displayName: resource.text(.dav("displayname")).flatMap { $0.isEmpty ? nil : $0 },
                                supportsSyncCollection: syncs || tokenGiven)
    }

    /// `«Trondheim kommune» (/tk/kal/)`.
    static func label(_ resource: DAVResource, url: String) -> String {
        var path = URL(string: url)?.path ?? url
        if url.hasSuffix("/"), !path.hasSuffix("/") { path += "/" }
        if let name = resource.text(.dav("displayname")), !name.isEmpty { return "«\(name)» (\(path))" }
        return path
    }

    /// Whether `match` is the calendar's display name (ignoring case) or its last path segment.
    static func names(_ resource: DAVResource, url: String, match: String) -> Bool {
        if let name = resource.text(.dav("displayname")), name.caseInsensitiveCompare(match) == .orderedSame { return true }
        let segment = (URL(string: url)?.path ?? url).split(separator: "/").last.map(String.init)
        return segment?.removingPercentEncoding == match || segment == match
    }

    // MARK: Reading

    /// Every calendar object in the collection with events overlapping `[from, to)` (UTC
    /// DATE-TIME texts, `20270101T000000Z`), with data and entity tags: the first fetch.
    public func calendarQuery(_ collection: CalDAVCollection, from: String, to: String) async throws(CalDAVError) -> [CalDAVResource] {
        let body = """
        <?xml version="1.0" encoding="utf-8"?>
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop><D:getetag/><C:calendar-data/></D:prop>
          <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
            <C:time-range start="\(from)" end="\(to)"/>
          </C:comp-filter></C:comp-filter></C:filter>
        </C:calendar-query>
        """
        let answer = try await report(collection.url, depth: 1, body: body)
        return resources(in: answer, base: collection.url)
    }

    /// The members changed and removed since `token` (RFC 6578). A token the server no longer
    /// knows throws ``FetchError/Kind/invalidSyncToken``: fetch everything again then.
    public func syncCollection(_ collection: CalDAVCollection, token: String?) async throws(CalDAVError) -> CalDAVChanges {
        let tokenElement = token.map { "<D:sync-token>\(Self.escape($0))</D:sync-token>" } ?? "<D:sync-token/>"
        let body = """
        <?xml version="1.0" encoding="utf-8"?>
        <D:sync-collection xmlns:D="DAV:">
          \(tokenElement)
          <D:sync-level>1</D:sync-level>
          <D:prop><D:getetag/></D:prop>
        </D:sync-collection>
        """
        let answer: DAVMultistatus
        do {
            answer = try await report(collection.url, depth: nil, body: body)
        } catch let error where error.status == 403 || error.status == 409 {
            // RFC 6578 §3.2: DAV:valid-sync-token precondition failed.
            throw CalDAVError(kind: .invalidSyncToken, message: "\(collection.url): the server no longer knows the sync token; everything is fetched again", status: error.status)
        }
        var changed: [CalDAVResource] = []
        var removed: [String] = []
        for resource in answer.resources {
            let url = Self.resolve(resource.href, against: collection.url)
            if Self.directory(url) == collection.url { continue }
            if resource.status == 404 {
                removed.append(url)
            } else {
                changed.append(CalDAVResource(url: url, etag: resource.etag))
            }
        }
        return CalDAVChanges(changed: changed, removed: removed, syncToken: answer.syncToken)
    }

    /// The entity tags of every member (`PROPFIND` depth 1): what to compare when the server
    /// has no `sync-collection`.
    public func etags(_ collection: CalDAVCollection) async throws(CalDAVError) -> [CalDAVResource] {
        let answer = try await propfind(collection.url, depth: 1, properties: [.dav("getetag"), .dav("resourcetype")])
        return answer.resources.compactMap { resource in
            let url = Self.resolve(resource.href, against: collection.url)
            guard Self.directory(url) != collection.url, !resource.isOfType(.dav("collection")) else { return nil }
            return CalDAVResource(url: url, etag: resource.etag)
        }
    }

    /// The data and entity tags of the given members (`calendar-multiget`).
    public func multiget(_ collection: CalDAVCollection, urls: [String]) async throws(CalDAVError) -> [CalDAVResource] {
        guard !urls.isEmpty else { return [] }
        let hrefs = urls.map { "<D:href>\(Self.escape(URL(string: $0)?.path ?? $0))</D:href>" }.joined(separator: "\n  ")
        let body = """
        <?xml version="1.0" encoding="utf-8"?>
        <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop><D:getetag/><C:calendar-data/></D:prop>
          \(hrefs)
        </C:calendar-multiget>
        """
        let answer = try await report(collection.url, depth: 1, body: body)
        return resources(in: answer, base: collection.url)
    }

    private func resources(in answer: DAVMultistatus, base: String) -> [CalDAVResource] {
        answer.resources.compactMap { resource in
            guard resource.status == nil || (200..<300).contains(resource.status ?? 0) else { return nil }
            let url = Self.resolve(resource.href, against: base)
            guard Self.directory(url) != base else { return nil }
            return CalDAVResource(url: url, etag: resource.etag, calendarData: resource.properties[.calDAV("calendar-data")]?.text)
        }
    }

    // MARK: Writing

    /// What a conditional write asks of the resource's current state.
    public enum Precondition: Hashable, Sendable {
        /// `If-None-Match: *`: create only, never replace.
        case absent
        /// `If-Match: <etag>`: replace only the version last seen.
        case matches(String)
    }

    /// Writes a calendar object resource; returns the new entity tag when the server gives one.
    /// A failed precondition throws ``FetchError/Kind/preconditionFailed``.
    @discardableResult
    public func put(_ url: String, calendar text: String, precondition: Precondition) async throws(CalDAVError) -> String? {
        var headers = HTTPHeaders([("Content-Type", "text/calendar; charset=utf-8")])
        switch precondition {
        case .absent: headers.add(name: "If-None-Match", value: "*")
        case .matches(let etag): headers.add(name: "If-Match", value: etag)
        }
        let response = try await send(.PUT, url, headers: headers, body: Array(text.utf8), expecting: 200..<300)
        return response.headers.first(name: "ETag")
    }

    /// Deletes a resource, only if it is still the version with `etag` (when given).
    public func delete(_ url: String, etag: String?) async throws(CalDAVError) {
        var headers = HTTPHeaders()
        if let etag { headers.add(name: "If-Match", value: etag) }
        _ = try await send(.DELETE, url, headers: headers, body: nil, expecting: 200..<300)
    }

    // MARK: HTTP

    private func propfind(_ url: String, depth: Int, properties: [DAVName]) async throws(CalDAVError) -> DAVMultistatus {
        let namespaces = Array(Set(properties.map(\.namespace))).sorted()
        let prefixes = Dictionary(uniqueKeysWithValues: namespaces.enumerated().map { ($1, "n\($0)") })
        let declarations = namespaces.map { "xmlns:\(prefixes[$0] ?? "n")=\"\(Self.escape($0))\"" }.joined(separator: " ")
        let props = properties.map { "<\(prefixes[$0.namespace] ?? "n"):\($0.name)/>" }.joined()
        let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:propfind xmlns:D=\"DAV:\" \(declarations)><D:prop>\(props)</D:prop></D:propfind>"
        return try await multistatus(.PROPFIND, url, depth: depth, body: body)
    }

    private func report(_ url: String, depth: Int?, body: String) async throws(CalDAVError) -> DAVMultistatus {
        try await multistatus(.REPORT, url, depth: depth, body: body)
    }

    private func multistatus(_ method: HTTPMethod, _ url: String, depth: Int?, body: String) async throws(CalDAVError) -> DAVMultistatus {
        var headers = HTTPHeaders([("Content-Type", "application/xml; charset=utf-8")])
        if let depth { headers.add(name: "Depth", value: String(depth)) }
        let response = try await send(method, url, headers: headers, body: Array(body.utf8), expecting: 207...207)
        do {
            return try DAVMultistatus.parse(response.body)
        } catch {
            throw CalDAVError(kind: .malformed, message: "\(url): \(error)")
        }
    }

    struct Response {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    private func send(_ method: HTTPMethod, _ url: String, headers: HTTPHeaders, body: [UInt8]?,
                      expecting: some RangeExpression<Int> & Sendable) async throws(CalDAVError) -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        request.headers.add(name: "User-Agent", value: HTTPSourceFetcher.userAgent)
        if let username {
            let credentials = Data("\(username):\(password ?? "")".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let status: Int
        let responseHeaders: HTTPHeaders
        let bytes: [UInt8]
        do {
            let timeout = TimeAmount.seconds(Int64(limits.timeoutSeconds))
            let response = retriesConnections ? try await http.executeConnecting(request, timeout: timeout)
                                              : try await http.execute(request, timeout: timeout)
            status = Int(response.status.code)
            responseHeaders = response.headers
            do {
                bytes = Array(buffer: try await response.body.collect(upTo: limits.maxBytes))
            } catch is NIOTooManyBytesError {
                throw CalDAVError(kind: .tooLarge, message: "\(url): the answer is larger than the limit of \(HTTPSourceFetcher.size(limits.maxBytes)) ([sync] max-size)")
            }
        } catch let error as CalDAVError {
            throw error
        } catch {
            throw HTTPSourceFetcher.describe(error, url: url, limits: limits)
        }
        meter?.record(method: method, sent: body?.count ?? 0, received: bytes.count)
        guard expecting.contains(status) else { throw Self.failure(method, url: url, status: status, user: username) }
        return Response(status: status, headers: responseHeaders, body: bytes)
    }

    static func failure(_ method: HTTPMethod, url: String, status: Int, user: String?) -> CalDAVError {
        switch status {
        case 401:
            return CalDAVError(kind: .unauthorized, message: "\(url): the server did not accept the user name and password (HTTP 401); check username\(user.map { " (\($0))" } ?? "") and the password in the environment variable named by password-env", status: status)
        case 403:
            return CalDAVError(kind: .unauthorized, message: "\(url): the user\(user.map { " \($0)" } ?? "") may not \(method == .PUT || method == .DELETE ? "write" : "read") here (HTTP 403); check the calendar's sharing on the server", status: status)
        case 404:
            return CalDAVError(kind: .notFound, message: "\(url): no such calendar or resource on the server (HTTP 404); check the address", status: status)
        case 412:
            return CalDAVError(kind: .preconditionFailed, message: "\(url): someone changed this item on the server since Aarshjul last wrote it (HTTP 412); their edit is kept", status: status)
        case 500...599:
            return CalDAVError(kind: .status, message: "\(url): the server has a problem (HTTP \(status)); try again later, or ask its administrator", status: status)
        default:
            return CalDAVError(kind: .status, message: "\(url): the server answered \(method.rawValue) with HTTP \(status)", status: status)
        }
    }

    // MARK: Addresses

    /// An `href` (usually an absolute path) as an absolute URL on `base`'s server.
    static func resolve(_ href: String, against base: String) -> String {
        guard let baseURL = URL(string: base), let resolved = URL(string: href, relativeTo: baseURL) else { return href }
        return resolved.absoluteString
    }

    /// A collection URL with its trailing slash.
    static func directory(_ url: String) -> String {
        url.hasSuffix("/") ? url : url + "/"
    }

    /// Text escaped for an XML element or attribute.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// Requests a ``CalDAVClient`` made and the bytes of their bodies, by method.
public final class CalDAVMeter: Sendable {
    /// The counts so far.
    public struct Counts: Hashable, Sendable {
        /// Requests answered, by method (`PROPFIND`, `REPORT`, `PUT`, `DELETE`).
        public var requests: [String: Int] = [:]
        /// Bytes of request bodies sent and of response bodies received.
        public var sent = 0
        public var received = 0

        /// `PUT`s and `DELETE`s: the requests that change the server.
        public var writes: Int { (requests["PUT"] ?? 0) + (requests["DELETE"] ?? 0) }
        /// Every request.
        public var total: Int { requests.values.reduce(0, +) }
    }

    private let state = Mutex(Counts())

    /// Creates a meter at zero.
    public init() {}

    /// The counts so far.
    public var counts: Counts { state.withLock { $0 } }

    /// Sets the counts back to zero.
    public func reset() { state.withLock { $0 = Counts() } }

    func record(method: HTTPMethod, sent: Int, received: Int) {
        state.withLock {
            $0.requests[method.rawValue, default: 0] += 1
            $0.sent += sent
            $0.received += received
        }
    }
}
