import Foundation

/// Where syncs keep their state. ``SQLiteStateStore`` is the one built in (one file beside the
/// configuration); a store shared by several servers (PostgreSQL, say) implements the same
/// same operations, and the engine does not change. Every operation is `async`, as a store
/// on a network server waits for it.
///
/// A conforming store guarantees:
/// - ``commit(_:)`` is atomic: after a crash the state is the one before or the one after,
///   never a mix;
/// - ``acquireLock(wait:waiting:)`` excludes every other sync on the same state, also in
///   other processes (and, for a shared store, on other machines), and the lock goes away
///   with the process that holds it;
/// - ``latestRun()`` changes with every ``commit(_:)`` (its ``SyncRun/id`` grows), so a
///   server that does not sync can poll it to learn that another one has.
public protocol SyncStateStore: Sendable {
    /// Takes the lock that makes one sync at a time.
    ///
    /// - Parameters:
    ///   - wait: wait for a running sync to finish (`true`), or fail at once.
    ///   - waiting: called once, before waiting, with a description of the sync that holds
    ///     the lock, so the user knows why nothing happens.
    /// - Throws: ``SyncStateError`` when the lock is held and `wait` is false, or cannot be taken.
    func acquireLock(wait: Bool, waiting: (String) -> Void) async throws -> any SyncLock

    /// Everything the next sync needs to compare against.
    func load() async throws -> SyncState

    /// Writes one sync's results in one transaction.
    func commit(_ record: SyncRecord) async throws

    /// The syncs and their changes, from `since` (inclusive) or from the first sync.
    func history(since: Date?) async throws -> SyncHistory

    /// The latest committed sync, with its ``SyncRun/id``, or `nil` before the first: a cheap
    /// read, for a server that polls for syncs another server committed.
    func latestRun() async throws -> SyncRun?

    /// A signal after each sync that any process commits to this state, so that a server that
    /// does not sync looks at once instead of at its next poll of ``latestRun()``; `nil` when
    /// the store cannot tell (then polling is all there is).
    ///
    /// A signal says "look now", not "a sync was committed": a store may also signal when it
    /// may have missed one (after it reconnected). The stream ends when the store closes.
    func commitSignals() -> AsyncStream<Void>?

    /// Closes what the store keeps open (connections); the store is not used afterwards.
    func close() async
}

extension SyncStateStore {
    /// Nothing to close.
    public func close() async {}

    /// No signals: servers poll ``latestRun()``.
    public func commitSignals() -> AsyncStream<Void>? { nil }
}

/// A held sync lock; released by ``release()`` or when the process ends.
public protocol SyncLock: AnyObject, Sendable {
    /// Releases the lock (again is harmless).
    func release() async

    /// Whether the lock is still held: `false` once released, or once it was lost (for a
    /// lock held by a database connection, when that connection closed). A sync checks it
    /// before it commits and refuses to commit without it.
    var isHeld: Bool { get async }
}

/// A state that cannot be opened, read, written or locked.
public struct SyncStateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, naming the file.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
