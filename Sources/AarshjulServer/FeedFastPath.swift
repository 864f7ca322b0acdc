import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Answers `GET` and `HEAD` of a feed (`/feeds/NAME.ics`, or `/s/TOKEN/feeds/NAME.ics`)
/// straight from the snapshot on the connection's event loop, and passes every other request
/// on to the router.
///
/// A feed is what calendar clients poll, so this is the path that carries the load; answering
/// it in the channel pipeline saves the hops between the event loop and Swift concurrency a
/// routed request makes (measured: about a third of the CPU time of a `304`). The answer is
/// the same ``ServedFile`` response the router gives, with the `Date` and `Server` headers
/// Hummingbird adds, and the same log line (without Hummingbird's request id).
///
/// The token is compared in constant time; a wrong one goes to the router, which answers 404.
///
/// Order is kept: while a request passed to the router has not been answered, later requests
/// are passed on too (HTTP/1.1 answers in order). A request with a body or `Connection: close`,
/// a connection that cannot take more output, or a feed name not in the snapshot go to the
/// router as well.
final class FeedFastPathHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let store: FeedStore
    private let token: [UInt8]?
    private let logger: Logger
    /// Requests passed on whose response has not ended.
    private var forwarded = 0
    /// Whether the request being read was answered here (its remaining parts are dropped).
    private var answered = false
    /// The last answer's headers with `Date` and `Server`, reused while the second and the
    /// file stay the same.
    private var headerCache = PerSecondCache<String, (ok: HTTPFields, notModified: HTTPFields)>()

    /// Creates the handler for one connection.
    ///
    /// - Parameters:
    ///   - store: the snapshots.
    ///   - token: the feed token, or `nil` for open feeds.
    ///   - logger: where the request lines go.
    init(store: FeedStore, token: String?, logger: Logger) {
        self.store = store
        self.token = token.map { Array($0.utf8) }
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if forwarded == 0, context.channel.isWritable, let file = feed(for: head) {
                answered = true
                answer(head, with: file, context: context)
            } else {
                forwarded += 1
                context.fireChannelRead(data)
            }
        case .body:
            if !answered { context.fireChannelRead(data) }
        case .end:
            if answered {
                answered = false
            } else {
                context.fireChannelRead(data)
            }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), forwarded > 0 { forwarded -= 1 }
        context.write(data, promise: promise)
    }

    /// The feed a request asks for, if this handler may answer it.
    private func feed(for head: HTTPRequest) -> ServedFile? {
        guard head.method == .get || head.method == .head, let fullPath = head.path,
              head.headerFields[.contentLength].map({ $0 == "0" }) ?? true, head.headerFields[.transferEncoding] == nil,
              head.headerFields[.connection]?.lowercased() != "close" else { return nil }
        var rest = fullPath.utf8[...]
        if let token {
            // /s/TOKEN/…
            guard rest.starts(with: "/s/".utf8) else { return nil }
            rest = rest.dropFirst(3)
            let slash = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            guard ConstantTime.equal(rest[..<slash], token) else { return nil }
            rest = rest[slash...]
        }
        guard rest.starts(with: "/feeds/".utf8) else { return nil }
        rest = rest.dropFirst(7)
        let end = rest.firstIndex(of: UInt8(ascii: "?")) ?? rest.endIndex
        guard !rest[..<end].isEmpty, !rest[..<end].contains(UInt8(ascii: "/")), let name = String(rest[..<end]) else { return nil }
        return store.snapshot?.feeds[name]
    }

    private func answer(_ head: HTTPRequest, with file: ServedFile, context: ChannelHandlerContext) {
        let started = ContinuousClock.now
        let notModified = file.isNotModified(for: head.headerFields)
        let headers = self.headers(for: file)
        let response = HTTPResponse(status: notModified ? .notModified : .ok,
                                    headerFields: notModified ? headers.notModified : headers.ok)
        context.write(wrapOutboundOut(.head(response)), promise: nil)
        let sendBody = !notModified && head.method == .get
        if sendBody { context.write(wrapOutboundOut(.body(file.body)), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        RequestLog.log(logger, method: head.method.rawValue, path: head.path ?? "", status: notModified ? 304 : 200,
                       bytes: sendBody ? file.body.readableBytes : 0, started: started)
    }

    /// The file's headers with `Date` (formatted once a second) and `Server`, as Hummingbird
    /// adds them.
    private func headers(for file: ServedFile) -> (ok: HTTPFields, notModified: HTTPFields) {
        let second = wallClockNow().second
        return headerCache.value(second: second, key: file.etag) {
            let date = HTTPDate.format(second)
            var ok = file.okHeaders
            var notModified = file.notModifiedHeaders
            ok[.date] = date
            ok[.server] = AarshjulServerModule.name
            notModified[.date] = date
            notModified[.server] = AarshjulServerModule.name
            return (ok, notModified)
        }
    }
}

/// HTTP/1.1 connections as Hummingbird's `HTTP1Channel` sets them up, with a
/// ``FeedFastPathHandler`` after the connection-state handler (so idle time-outs and graceful
/// shutdown see every request) and before the router.
struct FeedHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let store: FeedStore
    let token: String?
    let requestLogger: Logger
    let idleTimeout: Duration?

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            // As Hummingbird's HTTP1Channel with its default configuration.
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderFieldSize = 80 * 1024
            limits.maxHeaderListSize = 80 * 1024
            limits.maxHeaderFieldCount = 1000
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                withPipeliningAssistance: false,
                withErrorHandling: false,
                withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(),
                withDecoderLimitConfiguration: limits
            )
            try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try channel.pipeline.syncOperations.addHandler(HTTPConnectionStateHandler(idleTimeout: idleTimeout, logger: logger))
            try channel.pipeline.syncOperations.addHandler(
                FeedFastPathHandler(store: store, token: token, logger: requestLogger))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}
