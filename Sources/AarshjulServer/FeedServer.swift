import Aarshjul
import Hummingbird
import HummingbirdCore
import Logging

/// The feed server: answers from a ``FeedStore`` over HTTP with Hummingbird.
///
/// | path | answer |
/// | --- | --- |
/// | `/feeds/NAME.ics` | the feed, `text/calendar; charset=utf-8`, strong `ETag`, `Last-Modified`, `Cache-Control: max-age` from `[feeds] refresh`; `304` for a matching `If-None-Match` or a not-older `If-Modified-Since` |
/// | `/` | the index page (``IndexPage``) |
/// | `/wheel.html` | the wheel's interactive page, when the build has one (``FeedBuild/wheelPage``) |
/// | `/plan.html`, `/plan` | next year's plan, when the build has one (``FeedBuild/planPage``) |
/// | `/conflicts.json` | the conflict report as `aarshjul conflicts --format json` prints it |
/// | `/healthz` | `200` and a JSON status while a snapshot is served (`503` before the first) |
///
/// `HEAD` is answered for every `GET`. With a token, all but `/healthz` move under
/// `/s/TOKEN` (see ``FeedServerSettings``). Every other path is `404`. Feeds are only ever
/// looked up by name in the snapshot: no request reads a file.
///
/// The router answers everything; on a live server, feed requests are answered before they
/// reach it, in the connection's pipeline, with the same response (`FeedFastPathHandler`).
///
/// ```swift
/// let store = FeedStore(privateFeeds: settings.token != nil)
/// let rebuilder = FeedRebuilder(store: store, logger: logger) { try FeedBuild.engine(configurationPath: path) }
/// await rebuilder.rebuild()
/// try await FeedServer(settings: settings, store: store).run(rebuilder: rebuilder, logger: logger)
/// ```
public struct FeedServer: Sendable {
    /// Where and how to listen.
    public var settings: FeedServerSettings
    /// What to serve.
    public var store: FeedStore

    /// Creates a server.
    public init(settings: FeedServerSettings, store: FeedStore) {
        self.settings = settings
        self.store = store
    }

    /// The routes, with the request log and (for private feeds) the token check.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware())
        let store = self.store
        let settings = self.settings
        router.get("/healthz") { _, _ in Self.health(store) }
        let scope: RouterGroup<BasicRequestContext>
        if let token = settings.token {
            scope = router.group("/s/{token}").add(middleware: TokenMiddleware(token: token))
        } else {
            scope = router.group()
        }
        scope.get("/feeds/{file}") { request, context in
            guard let snapshot = store.snapshot else { return Self.unavailable() }
            guard let name = context.parameters.get("file"), let file = snapshot.feeds[name] else { throw HTTPError(.notFound) }
            return file.response(to: request.headers)
        }
        scope.get("/conflicts.json") { request, _ in
            guard let snapshot = store.snapshot else { return Self.unavailable() }
            return snapshot.conflictsJSON.response(to: request.headers)
        }
        for path in ["/plan.html", "/plan"] {
            scope.get(RouterPath(path)) { request, _ in
                guard let snapshot = store.snapshot else { return Self.unavailable() }
                guard let page = snapshot.planPage else { throw HTTPError(.notFound) }
                var response = page.response(to: request.headers)
                response.headers[.contentSecurityPolicy] = Wheel.pageContentSecurityPolicy + "; frame-ancestors 'none'"
                response.headers[.xContentTypeOptions] = "nosniff"
                return response
            }
        }
        scope.get("/wheel.html") { request, _ in
            guard let snapshot = store.snapshot else { return Self.unavailable() }
            guard let page = snapshot.wheelPage else { throw HTTPError(.notFound) }
            var response = page.response(to: request.headers)
            response.headers[.contentSecurityPolicy] = Wheel.pageContentSecurityPolicy + "; frame-ancestors 'none'"
            response.headers[.xContentTypeOptions] = "nosniff"
            return response
        }
        scope.get("/") { request, _ in
            guard let snapshot = store.snapshot else { return Self.unavailable() }
            let page = IndexPage(snapshot: snapshot, baseURL: settings.publicURL ?? "http://" + Self.host(of: request),
                                 prefix: settings.pathPrefix)
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            headers[.cacheControl] = settings.token == nil ? "no-cache" : "private, no-cache"
            headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
            headers[.xContentTypeOptions] = "nosniff"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page.html())))
        }
        return router
    }

    /// The Hummingbird application: the router on ``settings``' address, HTTP/1.1 with idle
    /// connections closed after ``FeedServerSettings/idleTimeout``, and feeds answered by the fast path
    /// (`FeedFastPathHandler`) in the connection's pipeline.
    ///
    /// - Parameters:
    ///   - logger: the server's logger.
    ///   - onServerRunning: called with the bound port once the server listens (the port the
    ///     system chose for port 0).
    public func application(logger: Logger, onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(
            router: router(),
            server: HTTPServerBuilder { [store, settings] responder in
                FeedHTTP1Channel(responder: responder, store: store, token: settings.token, requestLogger: logger,
                                 idleTimeout: settings.idleTimeout)
            },
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port),
                                                    serverName: AarshjulServerModule.name),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// Serves until SIGINT or SIGTERM, calling the rebuilder every `rebuildEvery` (default
    /// ``FeedServerSettings/rebuildInterval``; a server sharing its state with others calls it
    /// more often, to notice their syncs and to take the lead).
    ///
    /// On a signal the server stops accepting connections, finishes the requests in flight and
    /// returns; the rebuild loop stops with it (after a rebuild in progress).
    ///
    /// - Parameters:
    ///   - rebuilder: what builds the feeds.
    ///   - logger: the request log and the rebuilds' log.
    ///   - rebuildEvery: how often to call the rebuilder.
    ///   - wakeUps: signals to call the rebuilder at once as well (a shared state's commits).
    ///   - onServerRunning: called with the bound port once the server listens.
    /// - Throws: what Hummingbird throws, e.g. when the address cannot be bound.
    public func run(rebuilder: FeedRebuilder, logger: Logger, every rebuildEvery: Duration? = nil, wakeUps: AsyncStream<Void>? = nil,
                    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) async throws {
        let app = application(logger: logger, onServerRunning: onServerRunning)
        let interval = rebuildEvery ?? settings.rebuildInterval
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await rebuilder.run(every: interval, wakeUps: wakeUps) }
            try await app.runService()
            group.cancelAll()
        }
    }

    // MARK: Answers

    /// `503` with `Retry-After` while nothing has been built.
    static func unavailable() -> Response {
        var headers = HTTPFields()
        headers[.retryAfter] = "5"
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .serviceUnavailable, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: "the feeds are being built; try again shortly\n")))
    }

    /// `/healthz`: `{"status":"ok"|"stale"|"starting",…,"role":"leader"|"follower"|null,"sync":N,
    /// "syncFinishedAt":"…","syncAgeSeconds":N}` — the role among servers sharing a state, and
    /// which committed sync is served and how old it is. `stale` means the last rebuild
    /// failed and older feeds are served, or a source's latest fetch failed and its last good
    /// copy is served (`staleSources` names them); the reason is in the log, not here (the
    /// endpoint needs no token).
    static func health(_ store: FeedStore, now: Int = FeedRebuilder.systemNow()) -> Response {
        let status = store.status
        let snapshot = store.snapshot
        let staleSources = snapshot?.staleSources ?? []
        let state = snapshot == nil ? "starting" : status.consecutiveFailures > 0 || !staleSources.isEmpty ? "stale" : "ok"
        func date(_ seconds: Int?) -> String { seconds.map { "\"\(HTTPDate.format($0))\"" } ?? "null" }
        let json = "{\"status\":\"\(state)\",\"year\":\(snapshot.map { "\($0.year.year)" } ?? "null"),"
            + "\"feeds\":\(snapshot?.entries.count ?? 0),\"builtAt\":\(date(snapshot?.builtAt)),"
            + "\"builds\":\(status.builds),\"failures\":\(status.failures),\"consecutiveFailures\":\(status.consecutiveFailures),"
            + "\"lastFailure\":\(date(status.lastFailure)),"
            + "\"staleSources\":[\(staleSources.map { "\"\($0)\"" }.joined(separator: ","))],"
            + "\"role\":\(status.role.map { "\"\($0)\"" } ?? "null"),"
            + "\"sync\":\(snapshot?.committedSync.map { "\($0.id)" } ?? "null"),"
            + "\"syncFinishedAt\":\(date(snapshot?.committedSync?.finishedAt)),"
            + "\"syncAgeSeconds\":\(snapshot?.committedSync.map { "\(max(0, now - $0.finishedAt))" } ?? "null")}\n"
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: snapshot == nil ? .serviceUnavailable : .ok, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    /// The request's host and port, if it is a plain host name or address; `localhost`
    /// otherwise (the value goes into links on the index page).
    static func host(of request: Request) -> String {
        let value = request.head.authority ?? ""
        let safe = !value.isEmpty && value.count <= 255 && value.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || ".-:[]".unicodeScalars.contains($0)
        }
        return safe ? value : "localhost"
    }
}
