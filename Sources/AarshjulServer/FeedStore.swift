import Synchronization

/// Holds the snapshot being served and replaces it atomically.
///
/// A request takes the current ``FeedSnapshot`` (one lock, one reference) and answers from it
/// alone; a rebuild makes a whole new snapshot outside the lock and swaps the reference. So a
/// client gets either the old feeds or the new ones, never a mixture or a half-built file, and
/// a failed rebuild (``recordFailure(_:now:)``) leaves the last good snapshot in place.
///
/// ```swift
/// let store = FeedStore(privateFeeds: false)
/// store.install(try FeedBuild.engine(configurationPath: "aarshjul.toml"), now: 1_800_000_000)
/// store.snapshot?.feeds["combined.ics"]?.etag
/// ```
public final class FeedStore: Sendable {
    /// How the rebuilds have gone, for `/healthz` and the logs.
    public struct Status: Sendable, Hashable {
        /// Successful installs so far.
        public var builds = 0
        /// Failed rebuilds so far.
        public var failures = 0
        /// Failures since the last success.
        public var consecutiveFailures = 0
        /// When the last install happened (seconds since 1970).
        public var lastSuccess: Int?
        /// When the last failure happened.
        public var lastFailure: Int?
        /// The last failure's message, until the next success.
        public var lastError: String?
        /// The server's role among servers sharing one state (`leader`, `follower`), if set.
        public var role: String?
    }

    /// What an install changed.
    public struct InstallResult: Sendable, Hashable {
        /// The files whose bytes changed (or are new), by name.
        public var changed: [String]
        /// The files whose bytes stayed the same.
        public var unchanged: Int
    }

    private struct State: Sendable {
        var snapshot: FeedSnapshot?
        var status = Status()
    }

    private let state = Mutex(State())
    /// Whether the feeds need a token (their `Cache-Control` is then `private`).
    public let privateFeeds: Bool

    /// Creates an empty store; nothing is served until the first ``install(_:now:)``.
    public init(privateFeeds: Bool) {
        self.privateFeeds = privateFeeds
    }

    /// The snapshot being served, or `nil` before the first install.
    ///
    /// - Complexity: O(1): one lock and one reference.
    public var snapshot: FeedSnapshot? { state.withLock { $0.snapshot } }

    /// How the rebuilds have gone.
    public var status: Status { state.withLock { $0.status } }

    /// Makes a snapshot of `build` and puts it in place of the current one.
    ///
    /// - Complexity: O(*b*) in the size of the feeds, all of it outside the lock.
    @discardableResult
    public func install(_ build: FeedBuild, now: Int) -> InstallResult {
        while true {
            let previous = snapshot
            let next = FeedSnapshot(build: build, previous: previous, now: now, privateFeeds: privateFeeds)
            let swapped = state.withLock { state -> Bool in
                guard state.snapshot === previous else { return false }
                state.snapshot = next
                state.status.builds += 1
                state.status.consecutiveFailures = 0
                state.status.lastSuccess = now
                state.status.lastError = nil
                return true
            }
            // Another install came first: redo against it, so Last-Modified stays right.
            guard swapped else { continue }
            let changed = next.entries.map(\.fileName).filter { previous?.feeds[$0]?.etag != next.feeds[$0]?.etag }
            return InstallResult(changed: changed, unchanged: next.entries.count - changed.count)
        }
    }

    /// Sets the role `/healthz` reports.
    public func setRole(_ role: String?) {
        state.withLock { $0.status.role = role }
    }

    /// Records a failed rebuild; the snapshot stays as it is.
    public func recordFailure(_ message: String, now: Int) {
        state.withLock { state in
            state.status.failures += 1
            state.status.consecutiveFailures += 1
            state.status.lastFailure = now
            state.status.lastError = message
        }
    }
}
