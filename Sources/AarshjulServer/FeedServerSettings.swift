import Aarshjul
import ICalendar

/// How the feed server listens and what its URLs look like.
///
/// ```swift
/// let settings = try FeedServerSettings(
///     configuration: configuration, host: "127.0.0.1", port: 8080,
///     environment: ProcessInfo.processInfo.environment)
/// settings.token            // AARSHJUL_FEED_TOKEN, else [feeds] token, else nil
/// settings.rebuildInterval  // [feeds] rebuild, else 15 minutes
/// ```
///
/// URL layout, with no token: `/` (index), `/feeds/NAME.ics`, `/conflicts.json`, `/healthz`.
/// With a token every path but `/healthz` moves under `/s/TOKEN`: `/s/TOKEN/`,
/// `/s/TOKEN/feeds/NAME.ics`, `/s/TOKEN/conflicts.json`; the paths without it, and any other
/// token, answer 404. The token is in the path (not a query string) because Outlook and Google
/// subscribe by URL alone, and a path survives every client and proxy.
public struct FeedServerSettings: Sendable, Hashable {
    /// The address to listen on (default `127.0.0.1`: put a TLS proxy in front for the world).
    public var host: String
    /// The port (default 8080; 0 picks a free one).
    public var port: Int
    /// The secret the feed URLs must carry, or `nil` for open feeds.
    public var token: String?
    /// How often the feeds are rebuilt from the sources.
    public var rebuildInterval: Duration
    /// The public address clients reach the server at (`https://kalender.example.no`), used in
    /// the index page's links; `nil` to use `http://` and the request's `Host`.
    public var publicURL: String?
    /// How long a keep-alive connection may stay without a request in progress before the
    /// server closes it (default 75 seconds, as nginx and Hummingbird do).
    public var idleTimeout: Duration = .seconds(75)

    /// The environment variable that holds the token; it wins over `[feeds] token`.
    public static let tokenVariable = "AARSHJUL_FEED_TOKEN"
    /// The rebuild interval when `[feeds] rebuild` is absent: 15 minutes.
    public static let defaultRebuild = ICalDuration(minutes: 15)
    /// Tokens shorter than this are accepted with a warning (``warnings``).
    public static let recommendedTokenLength = 16

    /// Creates settings from their parts; ``validate()`` checks them.
    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
                rebuildInterval: Duration = .seconds(FeedServerSettings.defaultRebuild.totalSeconds), publicURL: String? = nil) {
        self.host = host
        self.port = port
        self.token = token
        self.rebuildInterval = rebuildInterval
        self.publicURL = publicURL
    }

    /// Settings from a configuration's `[feeds]` table and the environment: the token from
    /// ``tokenVariable`` when set and not empty, else `[feeds] token`; the rebuild interval
    /// from `rebuild` (or `[feeds] rebuild`, or ``defaultRebuild``).
    ///
    /// - Throws: ``ServerSettingsError`` when the token, interval, port or public URL is unusable.
    public init(configuration: AarshjulConfiguration, host: String = "127.0.0.1", port: Int = 8080,
                rebuild: ICalDuration? = nil, publicURL: String? = nil, environment: [String: String]) throws(ServerSettingsError) {
        var token = configuration.feeds.token
        if let fromEnvironment = environment[Self.tokenVariable], !fromEnvironment.isEmpty { token = fromEnvironment }
        let interval = rebuild ?? configuration.feeds.rebuild ?? Self.defaultRebuild
        guard interval.totalSeconds > 0 else {
            throw ServerSettingsError("the rebuild interval must be positive (got \(interval))")
        }
        self.init(host: host, port: port, token: token, rebuildInterval: .seconds(interval.totalSeconds),
                  publicURL: publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 })
        try validate()
    }

    /// Checks the settings.
    ///
    /// - Throws: ``ServerSettingsError`` for an empty token or one with characters a URL path
    ///   would have to escape (allowed: `A–Z a–z 0–9 - . _ ~`), a port outside 0–65535, or a
    ///   public URL that is not `http://` or `https://` with a host and no query.
    public func validate() throws(ServerSettingsError) {
        if let token {
            guard !token.isEmpty else { throw ServerSettingsError("the feed token is empty; remove it or set a long random value") }
            let allowed = token.unicodeScalars.allSatisfy {
                ($0 >= "A" && $0 <= "Z") || ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || "-._~".unicodeScalars.contains($0)
            }
            guard allowed, token != ".", token != ".." else {
                throw ServerSettingsError("the feed token may only hold A-Z, a-z, 0-9, '-', '.', '_' and '~' (it goes in the URL path); `openssl rand -hex 24` makes a good one")
            }
        }
        guard (0...65_535).contains(port) else { throw ServerSettingsError("--port \(port): expected 0–65535") }
        if let publicURL {
            let lower = publicURL.lowercased()
            let rest = lower.hasPrefix("https://") ? lower.dropFirst(8) : lower.hasPrefix("http://") ? lower.dropFirst(7) : nil
            guard let rest, !rest.isEmpty, !rest.hasPrefix("/"), !publicURL.contains("?"), !publicURL.contains("#"),
                  !publicURL.contains(" ") else {
                throw ServerSettingsError("--public-url \(publicURL): expected an http:// or https:// address like https://kalender.example.no (no query)")
            }
        }
    }

    /// Things worth a warning that do not stop the server (a short token).
    public var warnings: [String] {
        guard let token, token.count < Self.recommendedTokenLength else { return [] }
        return ["the feed token has \(token.count) characters; anyone who guesses it can read the feeds, so use at least \(Self.recommendedTokenLength) random ones (`openssl rand -hex 24`)"]
    }

    /// The path before `/feeds/`: `""`, or `/s/TOKEN`.
    public var pathPrefix: String { token.map { "/s/" + $0 } ?? "" }
}

/// Settings the server cannot start with.
public struct ServerSettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
