import Dispatch
import Synchronization

/// The result of async work, handed from its task to the waiting thread.
private final class BlockingOutcome<T: Sendable>: Sendable {
    let value = Mutex<Result<T, any Error>?>(nil)
}

/// Runs async work from a synchronous command and waits for it (the main thread blocks; the
/// work runs on the concurrency pool).
func runBlocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = BlockingOutcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        let result: Result<T, any Error>
        do { result = .success(try await work()) } catch { result = .failure(error) }
        outcome.value.withLock { $0 = result }
        done.signal()
    }
    done.wait()
    guard let result = outcome.value.withLock({ $0 }) else {
        preconditionFailure("runBlocking: the task ended without a result")
    }
    return try result.get()
}
