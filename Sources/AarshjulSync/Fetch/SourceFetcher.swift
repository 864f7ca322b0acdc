import Aarshjul
import Foundation

/// The validators a server gave with a calendar, sent back on the next fetch so an
/// unchanged calendar costs a `304 Not Modified` instead of the whole file.
public struct FetchValidators: Hashable, Sendable, Codable {
    /// The `ETag` response header, as sent (quotes and `W/` included).
    public var etag: String?
    /// The `Last-Modified` response header, as sent.
    public var lastModified: String?

    /// Creates validators.
    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// Whether there is anything to send.
    public var isEmpty: Bool { etag == nil && lastModified == nil }
}

/// What a fetch brought back.
public enum FetchOutcome: Sendable, Hashable {
    /// The calendar's bytes (decompressed), with the validators to send next time.
    case fetched(bytes: [UInt8], validators: FetchValidators)
    /// `304 Not Modified`: the copy held is still current.
    case notModified
}

/// Why a fetch (of a URL or CalDAV source) or a CalDAV write failed. The sync keeps the last
/// good copy of the source and reports this.
public struct FetchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The address cannot be fetched (bad URL, unsupported scheme).
        case invalidAddress = "invalid-address"
        /// No connection, a refused or reset connection, DNS, TLS.
        case network
        /// The server took longer than the timeout.
        case timeout
        /// The server answered with an error status (4xx, 5xx) or an unexpected one.
        case status
        /// More redirects than allowed, or a redirect loop.
        case redirects
        /// The calendar is larger than the size limit.
        case tooLarge = "too-large"
        /// A local file that cannot be read.
        case unreadable
        /// 401 or 403: the user name or password is wrong, or the user may not read this.
        case unauthorized
        /// A CalDAV address that does not lead to a calendar (404, no principal, no home).
        case notFound = "not-found"
        /// Several CalDAV calendars and none chosen, or the chosen one is not there.
        case ambiguous
        /// The server's XML (a CalDAV multistatus) cannot be read.
        case malformed
        /// The CalDAV sync token is no longer valid (RFC 6578 §3.2): fetch everything again.
        case invalidSyncToken = "invalid-sync-token"
        /// A conditional CalDAV write failed (412): someone changed the resource meanwhile.
        case preconditionFailed = "precondition-failed"
    }

    /// The kind of failure.
    public var kind: Kind
    /// What happened, in English, naming the address or path.
    public var message: String
    /// The HTTP status, for ``Kind/status``.
    public var status: Int?

    /// Creates an error.
    public init(kind: Kind, message: String, status: Int? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
    }

    /// The message.
    public var description: String { message }
}

/// Fetches a remote calendar. ``HTTPSourceFetcher`` is the real one; tests and other
/// transports can supply their own.
public protocol SourceFetching: Sendable {
    /// Fetches `url` (`https://`, `http://` or `webcal://`, which is read as `https://`),
    /// sending `validators` from the last good copy when there is one.
    func fetch(_ url: String, validators: FetchValidators?) async throws(FetchError) -> FetchOutcome

    /// A CalDAV client for `caldav` sources and `[[publish]]` targets, sharing this fetcher's
    /// connections and limits; `nil` when this fetcher cannot reach CalDAV servers (the
    /// default).
    func calDAVClient(username: String?, password: String?) -> CalDAVClient?
}

extension SourceFetching {
    /// No CalDAV: a fetcher that only fetches files says so.
    public func calDAVClient(username: String?, password: String?) -> CalDAVClient? { nil }
}

/// The limits a fetch observes (`[sync]` in the configuration).
public struct FetchLimits: Hashable, Sendable {
    /// Seconds to connect, and seconds for the whole request.
    public var timeoutSeconds: Int
    /// Redirects followed; 0 follows none.
    public var maxRedirects: Int
    /// The largest body accepted, in bytes, after decompression.
    public var maxBytes: Int

    /// Creates limits.
    public init(timeoutSeconds: Int = 30, maxRedirects: Int = 5, maxBytes: Int = 20_000_000) {
        self.timeoutSeconds = timeoutSeconds
        self.maxRedirects = maxRedirects
        self.maxBytes = maxBytes
    }
}

extension FetchLimits {
    /// The limits of a configuration's `[sync]` table.
    public init(_ settings: SyncSettings) {
        self.init(timeoutSeconds: settings.timeoutSeconds, maxRedirects: settings.maxRedirects, maxBytes: settings.maxBytes)
    }
}
