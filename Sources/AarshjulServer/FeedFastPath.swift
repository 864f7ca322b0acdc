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
/// straight from the snapshot, right after the HTTP/1.1 decoder, and passes every other
/// request on to the router.
///
/// A feed is what calendar clients poll, and most polls end in `304`, so this is the path
/// that carries the load. It works on NIO's HTTP/1 request head as the decoder makes it and
/// writes the response as bytes made once a second per file (``ServedFile/wireOK`` and
/// ``ServedFile/wireNotModified`` with `Date` and `Server`), past the response encoder: a
/// `304` costs no conversion to and from `HTTPTypes`, no header formatting and no allocation
/// of its head (measured with `perf` under `wrk`: these were about a fifth of a `304`'s user
/// time). The bytes are the router's answer for the same request (same fields, same order;
/// `PipelineTests` compares them), and the log line is the router's without Hummingbird's
/// request id.
///
/// The token is compared in constant time; a wrong one goes to the router, which answers 404.
///
/// Order is kept: while a request passed to the router has not been answered, later requests
/// are passed on too (HTTP/1.1 answers in order). A request with a body, an HTTP/1.0 request,
/// one that asks to close the connection, a connection that cannot take more output, or a
/// feed name not in the snapshot go to the router as well.
///
/// Because the requests it answers never reach Hummingbird's `HTTPConnectionStateHandler`,
/// this handler, which sees every request, keeps the connection's idle time-out (the state
/// handler runs without one), and it holds back the graceful-shutdown event until its own
/// answers are written, so that shutting down never cuts one off.
final class FeedFastPathHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let store: FeedStore
    private let token: [UInt8]?
    private let logger: Logger
    private let idleTimeout: TimeAmount?
    /// The response encoder's context: writes made through it go to the socket as they are.
    private var wire: ChannelHandlerContext?
    /// Requests passed on whose response has not ended.
    private var forwarded = 0
    /// Whether the request being read was answered here (its remaining parts are dropped).
    private var answered = false
    /// Whether a graceful shutdown has begun: from then on every request goes to the router,
    /// whose state handler closes the connection.
    private var quiescing = false
    /// When a request part was last read or a response last ended.
    private var lastActivity = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    /// The last answers' heads with `Date` and `Server`, reused while the second and the file
    /// stay the same.
    private var heads = PerSecondCache<String, (ok: ByteBuffer, notModified: ByteBuffer)>()

    /// Creates the handler for one connection.
    ///
    /// - Parameters:
    ///   - store: the snapshots.
    ///   - token: the feed token, or `nil` for open feeds.
    ///   - logger: where the request lines go.
    ///   - idleTimeout: how long the connection may stay idle, or `nil` to keep it open.
    init(store: FeedStore, token: String?, logger: Logger, idleTimeout: Duration?) {
        self.store = store
        self.token = token.map { Array($0.utf8) }
        self.logger = logger
        self.idleTimeout = idleTimeout.map { TimeAmount($0) }
    }

    // MARK: Life cycle

    func handlerAdded(context: ChannelHandlerContext) {
        wire = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self)
        if context.channel.isActive { scheduleIdleCheck(context: context, at: .now() + (idleTimeout ?? .zero)) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        idleCheck = nil
        wire = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        lastActivity = .now()
        scheduleIdleCheck(context: context, at: lastActivity + (idleTimeout ?? .zero))
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        idleCheck = nil
        context.fireChannelInactive()
    }

    // MARK: Requests and responses

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActivity = .now()
        switch unwrapInboundIn(data) {
        case .head(let head):
            if forwarded == 0, !quiescing, let wire, context.channel.isWritable, let file = feed(for: head) {
                answered = true
                answer(head, with: file, through: wire)
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
        if case .end = unwrapOutboundIn(data), forwarded > 0 {
            forwarded -= 1
            lastActivity = .now()
        }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent, let wire, !quiescing else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        quiescing = true
        // Writes complete in order: once this empty one has, every answer made here is out.
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenComplete { _ in context.fireUserInboundEventTriggered(event) }
        wire.writeAndFlush(NIOAny(ByteBuffer()), promise: written)
    }

    /// The feed a request asks for, if this handler may answer it.
    private func feed(for head: HTTPRequestHead) -> ServedFile? {
        guard head.method == .GET || head.method == .HEAD, head.version == .http1_1, head.isKeepAlive else { return nil }
        for (name, value) in head.headers {
            if name.utf8.count == 14, name.lowercased() == "content-length" {
                guard value == "0" else { return nil }
            } else if name.utf8.count == 17, name.lowercased() == "transfer-encoding" {
                return nil
            }
        }
        var rest = head.uri.utf8[...]
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

    /// Writes the answer to the socket and logs it.
    private func answer(_ head: HTTPRequestHead, with file: ServedFile, through wire: ChannelHandlerContext) {
        let started = ContinuousClock.now
        let notModified = file.isNotModified(ifNoneMatch: Self.joined(head.headers["If-None-Match"]),
                                             ifModifiedSince: head.headers.first(name: "If-Modified-Since"))
        let heads = self.heads(for: file)
        let sendBody = !notModified && head.method == .GET
        if sendBody {
            wire.write(NIOAny(heads.ok), promise: nil)
            wire.writeAndFlush(NIOAny(file.body), promise: nil)
        } else {
            wire.writeAndFlush(NIOAny(notModified ? heads.notModified : heads.ok), promise: nil)
        }
        RequestLog.log(logger, method: head.method.rawValue, path: head.uri, status: notModified ? 304 : 200,
                       bytes: sendBody ? file.body.readableBytes : 0, started: started)
    }

    /// The values of a repeated field joined with `, ` (the list syntax), as `HTTPFields` does.
    private static func joined(_ values: [String]) -> String? {
        switch values.count {
        case 0: nil
        case 1: values[0]
        default: values.joined(separator: ", ")
        }
    }

    /// The file's response heads with `Date` (formatted once a second) and `Server`, as
    /// Hummingbird adds them, and the empty line.
    private func heads(for file: ServedFile) -> (ok: ByteBuffer, notModified: ByteBuffer) {
        let second = wallClockNow().second
        return heads.value(second: second, key: file.etag) {
            let tail = Array("Date: \(HTTPDate.format(second))\r\nServer: \(AarshjulServerModule.name)\r\n\r\n".utf8)
            return (ByteBuffer(bytes: file.wireOK + tail), ByteBuffer(bytes: file.wireNotModified + tail))
        }
    }

    // MARK: Idle time-out

    /// Checks at `deadline` whether the connection has been idle for the whole time-out, and
    /// closes it if so; a request in progress (or a newer one) moves the check on.
    private func scheduleIdleCheck(context: ChannelHandlerContext, at deadline: NIODeadline) {
        guard let idleTimeout, idleCheck == nil else { return }
        idleCheck = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            idleCheck = nil
            guard context.channel.isActive else { return }
            let now = NIODeadline.now()
            if forwarded > 0 || answered {
                scheduleIdleCheck(context: context, at: now + idleTimeout)
            } else if lastActivity + idleTimeout <= now {
                context.close(promise: nil)
            } else {
                scheduleIdleCheck(context: context, at: lastActivity + idleTimeout)
            }
        }
    }
}

/// HTTP/1.1 connections as Hummingbird's `HTTP1Channel` sets them up (its decoder limits,
/// no pipelining assistance, no error handler), with a ``FeedFastPathHandler`` between NIO's
/// HTTP/1 decoder and the conversion to `HTTPTypes`.
///
/// The encoder and decoder are made separately, not by `configureHTTPServerPipeline`, which
/// pairs them so that the encoder learns each request's method (to drop the body of a `HEAD`
/// answer): the fast path answers some requests past the encoder, which would leave their
/// methods queued and pair later answers with the wrong request. Hummingbird already answers
/// `HEAD` without a body, so nothing depends on the pairing.
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
            let decoder = HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .drop,
                                             limitConfiguration: limits)
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(HTTPResponseEncoder(configuration: .init()))
            try pipeline.addHandler(ByteToMessageHandler(decoder))
            try pipeline.addHandler(FeedFastPathHandler(store: store, token: token, logger: requestLogger, idleTimeout: idleTimeout))
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}
