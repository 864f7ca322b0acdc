import Dispatch
import Foundation
import Logging

/// Rebuilds the feeds from the sources and installs them in a ``FeedStore``: once on demand
/// (``rebuild()``) or on an interval (``run(every:wakeUps:)``).
///
/// The engine runs on a serial queue of its own, not on the threads that answer requests, so
/// a long rebuild never stalls serving, and two rebuilds never overlap. A build that throws is
/// logged and recorded; the store keeps serving the last good snapshot.
///
/// ```swift
/// let rebuilder = FeedRebuilder(store: store, logger: logger) {
///     try FeedBuild.engine(configurationPath: "aarshjul.toml")
/// }
/// await rebuilder.rebuild()                      // the first build
/// await rebuilder.run(every: .seconds(15 * 60))  // until the task is cancelled
/// ```
public final class FeedRebuilder: Sendable {
    /// What one rebuild did.
    public enum Outcome: Sendable, Hashable {
        /// A new snapshot is being served.
        case installed(FeedStore.InstallResult)
        /// The build failed with this message; the previous snapshot is still served.
        case failed(String)
        /// There was nothing new to build (another server syncs, and has committed nothing
        /// since): the snapshot stays.
        case unchanged
    }

    /// The store rebuilt into.
    public let store: FeedStore
    private let build: @Sendable () async throws -> FeedBuild?
    private let logger: Logger
    private let now: @Sendable () -> Int

    /// Creates a rebuilder.
    ///
    /// - Parameters:
    ///   - store: where the snapshots go.
    ///   - logger: rebuilds and failures are logged here.
    ///   - now: the clock, in seconds since 1970 (for `Last-Modified` and the status).
    ///   - build: runs the engine (or a sync, which fetches the sources first), or returns
    ///     `nil` when there is nothing new to serve.
    public init(store: FeedStore, logger: Logger, now: @escaping @Sendable () -> Int = FeedRebuilder.systemNow,
                build: @escaping @Sendable () async throws -> FeedBuild?) {
        self.store = store
        self.logger = logger
        self.now = now
        self.build = build
    }

    /// The system clock in whole seconds since 1970.
    public static let systemNow: @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }

    /// Builds once and installs the result, or records the failure.
    @discardableResult
    public func rebuild() async -> Outcome {
        let started = ContinuousClock.now
        let build = self.build
        let result: Result<FeedBuild, any Error>
        do {
            guard let built = try await build() else { return .unchanged }
            result = .success(built)
        } catch {
            result = .failure(error)
        }
        let milliseconds = (ContinuousClock.now - started).milliseconds
        switch result {
        case .success(let feeds):
            let installed = store.install(feeds, now: now())
            logger.info("feeds rebuilt", metadata: [
                "year": .stringConvertible(feeds.year.year), "feeds": .stringConvertible(feeds.feeds.count),
                "changed": .array(installed.changed.map { .string($0) }), "unchanged": .stringConvertible(installed.unchanged),
                "duration_ms": .stringConvertible(milliseconds),
            ])
            return .installed(installed)
        case .failure(let error):
            let message = "\(error)"
            store.recordFailure(message, now: now())
            let serving = store.snapshot.map { HTTPDate.format($0.builtAt) } ?? "nothing"
            logger.error("rebuild failed; still serving the last good feeds", metadata: [
                "error": .string(message), "serving_built_at": .string(serving), "duration_ms": .stringConvertible(milliseconds),
            ])
            return .failed(message)
        }
    }

    /// Rebuilds every `interval`, and also whenever `wakeUps` signals, until the task is
    /// cancelled (after a rebuild in progress).
    ///
    /// Rebuilds never overlap: a signal during a rebuild leads to one more rebuild after it,
    /// however many signals came meanwhile. The interval runs on regardless of the signals.
    ///
    /// - Parameters:
    ///   - interval: how often a rebuild is due; the clock runs on during a rebuild, so a
    ///     rebuild that takes longer than the interval is followed by the next at once.
    ///   - wakeUps: signals to rebuild at once, such as a shared state's commits
    ///     (`SyncStateStore.commitSignals()`), or `nil`.
    public func run(every interval: Duration, wakeUps: AsyncStream<Void>? = nil) async {
        let (due, dueContinuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while (try? await Task.sleep(for: interval)) != nil {
                    dueContinuation.yield()
                }
            }
            if let wakeUps {
                group.addTask {
                    for await _ in wakeUps { dueContinuation.yield() }
                }
            }
            for await _ in due {
                if Task.isCancelled { break }
                await rebuild()
            }
            group.cancelAll()
        }
        dueContinuation.finish()
    }
}

extension Duration {
    /// The duration in milliseconds, with microsecond precision.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return (Double(seconds) * 1_000 + Double(attoseconds / 1_000_000_000_000) / 1_000)
    }
}
