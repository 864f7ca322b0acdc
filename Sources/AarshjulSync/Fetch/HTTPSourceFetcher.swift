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
        var configuration = HTTPClient.Configuration(redirectConfiguration: redirects, timeout: timeout,
                                                     decompression: .enabled(limit: .size(limits.maxBytes)))
        // AsyncHTTPClient would retry a refused connection until the whole [sync] timeout has
        // passed, so a server that is down held every sync for 30 s; `executeConnecting` retries
        // twice within about a second instead and then reports the refusal.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connection pool.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// A CalDAV client on this fetcher's connection pool, with its limits.
    public func calDAVClient(username: String?, password: String?) -> CalDAVClient? {
        CalDAVClient(http: client, username: username, password: password, limits: limits, meter: meter, retriesConnections: true)
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
            let response = try await client.executeConnecting(request, timeout: .seconds(Int64(limits.timeoutSeconds)))
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
                throw Self.statusError(Int(response.status.code), reason: response.status.reasonPhrase, url: url)
            }
        } catch let error as FetchError {
            throw error
        } catch {
            throw Self.describe(error, url: url, limits: limits)
        }
    }

    /// A url source's error status in words: what it means and what to check.
    static func statusError(_ status: Int, reason: String, url: String) -> FetchError {
        let http = "HTTP \(status) \(reason)"
        let message: String
        let kind: FetchError.Kind
        switch status {
        case 401:
            kind = .unauthorized
            message = "\(url): the server wants a user name and password (\(http)); a url source sends none. Use the calendar's public or secret address, or read it from its calendar server as a caldav source (caldav = …, with username and password-env)"
        case 403:
            kind = .unauthorized
            message = "\(url): the server refuses access to this calendar (\(http)); check that the calendar is still shared or public, and that the address is complete (secret addresses carry a key)"
        case 404, 410:
            kind = .notFound
            message = "\(url): there is no calendar at this address (\(http)); check the address: the calendar may have moved, been renamed, or no longer be shared"
        case 500...599:
            kind = .status
            message = "\(url): the server has a problem (\(http)); nothing to fix here, the next sync tries again. If it lasts, tell the server's administrator"
        default:
            kind = .status
            message = "\(url): the server answered \(http)"
        }
        return FetchError(kind: kind, message: message, status: status)
    }

    /// `host` and `port` of an address, for messages.
    static func endpoint(_ url: String) -> (host: String, port: Int) {
        let parsed = URL(string: httpAddress(url))
        let host = parsed?.host ?? url
        let port = parsed?.port ?? (parsed?.scheme?.lowercased() == "http" ? 80 : 443)
        return (host, port)
    }

    /// A fetch error for what AsyncHTTPClient or NIO threw.
    static func describe(_ error: any Error, url: String, limits: FetchLimits) -> FetchError {
        let (host, port) = endpoint(url)
        let text = String(describing: error)
        let typeName = String(reflecting: type(of: error))
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED:
                return refused(url, host: host, port: port)
            case ECONNRESET, EPIPE:
                return FetchError(kind: .network, message: "\(url): \(host) broke off the connection; the next sync tries again. If it keeps happening, check the address and port (\(port))")
            case EHOSTUNREACH, ENETUNREACH, EHOSTDOWN:
                return FetchError(kind: .network, message: "\(url): \(host) cannot be reached from this machine (no route to it); check the network connection, and any firewall or VPN between here and the server")
            default:
                break
            }
        }
        if typeName.hasSuffix("NIOConnectionError") || typeName.contains("SocketAddressError") {
            if text.contains("DNS error") || text.contains("UnknownHost") || text.contains("Name or service not known")
                || text.contains("Temporary failure in name resolution") {
                return FetchError(kind: .network, message: "\(url): the server name \(host) cannot be found (DNS); check the spelling of the address, and this machine's network connection")
            }
            if text.contains("Connection refused") { return refused(url, host: host, port: port) }
        }
        if typeName.contains("NIOSSL") || typeName.contains("BoringSSL") {
            if text.contains("CERTIFICATE") || text.contains("certificate") || text.contains("Hostname") || text.contains("hostname") {
                return FetchError(kind: .network, message: "\(url): the server's certificate is not trusted (TLS: \(text)); check that the address names the right server, and ask its administrator whether the certificate has expired or is self-signed")
            }
            return FetchError(kind: .network, message: "\(url): a secure connection (TLS) to \(host) port \(port) could not be set up; check that the server speaks https:// on that port (an internal server may need http://), and its certificate")
        }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return FetchError(kind: .timeout, message: "\(url): no complete answer within \(limits.timeoutSeconds) s ([sync] timeout); check that the server is up and reachable from here, or raise [sync] timeout for a slow one")
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

    private static func refused(_ url: String, host: String, port: Int) -> FetchError {
        FetchError(kind: .network, message: "\(url): \(host) refused the connection on port \(port); check the address and port, and that the server is running")
    }

    /// `20 MB`, `512 kB`, `900 B`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return "\(Double(bytes / 100_000) / 10) MB".replacingOccurrences(of: ".0 ", with: " ") }
        if bytes >= 1_000 { return "\(bytes / 1_000) kB" }
        return "\(bytes) B"
    }
}

extension HTTPClient {
    /// The pauses before the second and third attempt to connect.
    static let connectionRetryPauses: [Duration] = [.milliseconds(200), .milliseconds(800)]

    /// Executes `request`, trying again twice (after 0.2 s and 0.8 s) when no connection could be
    /// made at all: a refused connection, or no route to the host. A connection blip is ridden
    /// out, and a server that is down is reported within about a second rather than after the
    /// whole timeout. Nothing was sent when these errors occur, so a retry cannot repeat a write.
    func executeConnecting(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> HTTPClientResponse {
        var pauses = Self.connectionRetryPauses[...]
        while true {
            do {
                return try await execute(request, timeout: timeout)
            } catch where Self.isConnectionSetupFailure(error) {
                guard let pause = pauses.popFirst() else { throw error }
                try await _Concurrency.Task.sleep(for: pause)
            }
        }
    }

    /// Whether `error` means that no connection was made (so no byte of the request was sent).
    static func isConnectionSetupFailure(_ error: any Error) -> Bool {
        if let io = error as? IOError {
            return [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH].contains(io.errnoCode)
        }
        let typeName = String(reflecting: type(of: error))
        return typeName.hasSuffix("NIOConnectionError") && String(describing: error).contains("Connection refused")
    }
}
