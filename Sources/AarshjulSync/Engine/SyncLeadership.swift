import Foundation

/// One server's part among several that share one state: exactly one of them (the leader,
/// the holder of the store's sync lock) syncs, on an interval; the others (followers) serve
/// what it committed, built from the state without fetching a source.
///
/// Call ``step(sync:follow:)`` every few seconds (the poll). A follower tries to take the lock
/// at every step, so when the leader dies (its process, or the database connection that held
/// the lock) a follower takes over within one poll and syncs at once. With a store that only
/// one server uses (the SQLite file), that server is always the leader and nothing changes.
///
/// ```swift
/// let leadership = SyncLeadership(store: store, interval: .seconds(15 * 60))
/// switch try await leadership.step(sync: { lock in try await engine(holding: lock).run() },
///                                  follow: { try await engine().committed() }) {
/// case .synced(let outcome): serve(outcome.feeds)
/// case .followed(let committed): serve(committed.feeds)
/// case .unchanged: break
/// }
/// ```
public actor SyncLeadership {
    /// What a server does in the group.
    public enum Role: String, Sendable, Hashable {
        /// It holds the sync lock and syncs.
        case leader
        /// Another server syncs; this one serves the state it commits.
        case follower
    }

    /// What one step did.
    public enum Step: Sendable {
        /// This server leads and synced (a new leader syncs at once, then every interval).
        case synced(SyncOutcome)
        /// This server follows, and built what another server committed since the last step.
        case followed(CommittedCycle)
        /// Nothing new to serve.
        case unchanged
    }

    /// The shared state.
    public let store: any SyncStateStore
    /// How often the leader syncs.
    public let interval: Duration
    /// The role after the latest step (a server starts as a follower).
    public private(set) var role: Role = .follower
    /// How many times this server became leader.
    public private(set) var terms = 0

    private var lock: (any SyncLock)?
    private var nextSync: ContinuousClock.Instant?
    private var servedRun: Int64?

    /// Creates a server's leadership over `store`.
    public init(store: any SyncStateStore, interval: Duration) {
        self.store = store
        self.interval = interval
    }

    /// Takes or keeps the lead if it can, then syncs (leader, when due) or builds a newly
    /// committed sync (follower).
    ///
    /// - Parameters:
    ///   - sync: one sync under the lock this server holds (``SyncOptions/heldLock``).
    ///   - follow: the last committed sync, built from the state (``SyncEngine/committed(configuration:store:options:)``).
    /// - Throws: what `sync` or `follow` throw, or ``SyncStateError`` when the state cannot be
    ///   read. The role stays as it was found; the next step tries again.
    public func step(sync: @Sendable (any SyncLock) async throws -> SyncOutcome,
                     follow: @Sendable () async throws -> CommittedCycle?) async throws -> Step {
        if let held = lock, !(await held.isHeld) {
            // The connection that held it is gone: another server may lead by now.
            lock = nil
            nextSync = nil
        }
        if lock == nil, let taken = try? await store.acquireLock(wait: false, waiting: { _ in }) {
            lock = taken
            terms += 1
            nextSync = nil
        }
        let now = ContinuousClock.now
        if let lock {
            role = .leader
            if let next = nextSync, next > now { return .unchanged }
            nextSync = now + interval
            let outcome = try await sync(lock)
            servedRun = nil
            return .synced(outcome)
        }
        role = .follower
        guard let latest = try await store.latestRun(), latest.id != servedRun else { return .unchanged }
        guard let committed = try await follow() else { return .unchanged }
        servedRun = committed.run.id
        return .followed(committed)
    }

    /// Gives the lead up (a server shutting down), so another server takes it at its next step.
    public func resign() async {
        if let lock { await lock.release() }
        lock = nil
        role = .follower
    }
}
