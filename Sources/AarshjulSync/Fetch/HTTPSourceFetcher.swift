import Aarshjul
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// Fetches calendars over HTTP(S) with AsyncHTTPClient: conditional GET (`If-None-Match`,
/// `If-Modified-Since`), gzip and deflate, a timeout, a redirect limit and a size limit.
///
/// ```swift
/// let fetcher = HTTPSourceFetcher(limits: FetchLimits(timeoutSeconds: 30))
/// defer { Task { try? await fetcher.shutdown() } }
/// switch try await fetcher.fetch("webcal://example.no/cal.ics", validators: nil) {
/// case .fetched(let bytes, let validators): …
/// case .notModified: …
/// }
/// ```
///
/// One fetcher holds one connection pool; call ``shutdown()`` when done with it.
public final class HTTPSourceFetcher: SourceFetching {
    /// The limits every fetch observes.
    public let limits: FetchLimits
    /// Counts the CalDAV requests and bytes of the clients this fetcher makes, when given.
    public let meter: CalDAVMeter?
    private let client: HTTPClient

    /// The `User-Agent` sent: servers can tell Aarshjul's polling apart.
    public static let userAgent = "Aarshjul/\(AarshjulEngine.version) (+https://github.com/aarshjul)"

    /// Creates a fetcher with its own connection pool on the shared event loops.
    public init(limits: FetchLimits = FetchLimits(), meter: CalDAVMeter? = nil) {
        self.limits = limits
        self.meter = meter
        let redirects: HTTPClient.Configuration.RedirectConfiguration =
            limits.maxRedirects > 0 ? .follow(max: limits.maxRedirects, allowCycles: false) : .disallow
        let timeout = HTTPClient.Configuration.Timeout(connect: .seconds(Int64(limits.timeoutSeconds)),
                                                       read: .seconds(Int64(limits.timeoutSeconds)))
        let configuration = HTTPClient.Configuration(redirectConfiguration: redirects, timeout: timeout,
                                                     decompression: .enabled(limit: .size(limits.maxBytes)))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connection pool.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// A CalDAV client on this fetcher's connection pool, with its limits.
    public func calDAVClient(username: String?, password: String?) -> CalDAVClient? {
        CalDAVClient(http: client, username: username, password: password, limits: limits, meter: meter)
    }

    /// The address actually requested: `webcal://` becomes `https://`.
    public static func httpAddress(_ url: String) -> String {
        let lowered = url.lowercased()
        if lowered.hasPrefix("webcal://") { return "https://" + url.dropFirst("webcal://".count) }
        return url
    }

    public func fetch(_ url: String, validators: FetchValidators?) async throws(FetchError) -> FetchOutcome {
        let address = Self.httpAddress(url)
        var request = HTTPClientRequest(url: address)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Accept", value: "text/calendar, application/calendar+ics;q=0.9, */*;q=0.5")
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if let etag = validators?.etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified = validators?.lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }

        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(limits.timeoutSeconds)))
            switch response.status.code {
            case 304:
                return .notModified
            case 200...299:
                let body: ByteBuffer
                do {
                    body = try await response.body.collect(upTo: limits.maxBytes)
                } catch is NIOTooManyBytesError {
                    throw FetchError(kind: .tooLarge, message: "\(url): the calendar is larger than the limit of \(Self.size(limits.maxBytes)) ([sync] max-size)")
                }
                let fresh = FetchValidators(etag: response.headers.first(name: "ETag"),
                                            lastModified: response.headers.first(name: "Last-Modified"))
                return .fetched(bytes: Array(buffer: body), validators: fresh)
            case 300...399:
                throw FetchError(kind: .redirects, message: "\(url): the server redirects (HTTP \(response.status.code)) and [sync] max-redirects is 0",
                                 status: Int(response.status.code))
            default:
                throw FetchError(kind: .status, message: "\(url): the server answered HTTP \(response.status.code) \(response.status.reasonPhrase)",
                                 status: Int(response.status.code))
            }
        } catch let error as FetchError {
            throw error
        } catch {
            throw Self.describe(error, url: url, limits: limits)
        }
    }

    /// A fetch error for what AsyncHTTPClient or NIO threw.
    static func describe(_ error: any Error, url: String, limits: FetchLimits) -> FetchError {
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return FetchError(kind: .timeout, message: "\(url): no complete answer within \(limits.timeoutSeconds) s ([sync] timeout)")
            case .redirectLimitReached:
                return FetchError(kind: .redirects, message: "\(url): more than \(limits.maxRedirects) redirects ([sync] max-redirects)")
            case .redirectCycleDetected:
                return FetchError(kind: .redirects, message: "\(url): the redirects go round in a loop")
            case .invalidURL, .emptyHost, .emptyScheme:
                return FetchError(kind: .invalidAddress, message: "\(url): not a valid address")
            case .remoteConnectionClosed:
                return FetchError(kind: .network, message: "\(url): the server closed the connection before the calendar was complete")
            default:
                return FetchError(kind: .network, message: "\(url): \(client)")
            }
        }
        if error is NIOTooManyBytesError || error is NIOHTTPDecompression.DecompressionError {
            return FetchError(kind: .tooLarge, message: "\(url): the calendar is larger than the limit of \(size(limits.maxBytes)) ([sync] max-size)")
        }
        if error is CancellationError {
            return FetchError(kind: .timeout, message: "\(url): the fetch was cancelled")
        }
        return FetchError(kind: .network, message: "\(url): \(error)")
    }

    /// `20 MB`, `512 kB`, `900 B`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return "\(Double(bytes / 100_000) / 10) MB".replacingOccurrences(of: ".0 ", with: " ") }
        if bytes >= 1_000 { return "\(bytes / 1_000) kB" }
        return "\(bytes) B"
    }
}
