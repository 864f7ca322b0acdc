import Aarshjul
import AarshjulSync
import Foundation

/// Opens the sync state a configuration names (`[sync] state`): the SQLite file, or the
/// PostgreSQL database. What `aarshjul sync`, `changes` and `serve` use.
///
/// ```swift
/// let store = try await SyncStateStores.open(configuration.sync.state)
/// let outcome = try await SyncEngine.run(configuration: configuration, store: store)
/// await store.close()
/// ```
public enum SyncStateStores {
    /// Opens (creating or upgrading) the state at `location`.
    ///
    /// - Parameter environment: where a PostgreSQL password is looked up
    ///   (`AARSHJUL_PG_PASSWORD`, `PGPASSFILE`, `HOME`).
    /// - Throws: ``SyncStateError`` when the state cannot be opened.
    public static func open(_ location: StateLocation,
                            environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> any SyncStateStore {
        switch location {
        case .file(let path): return try SQLiteStateStore(path: path)
        case .postgres(let url): return try await PostgresStateStore(url: url, environment: environment)
        }
    }

    /// Whether a state exists at `location` (for a database: whether it can be reached and
    /// has had a sync), so that `changes` can say "run sync first" instead of creating one.
    public static func exists(_ location: StateLocation,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch location {
        case .file(let path): return FileManager.default.fileExists(atPath: path)
        case .postgres: return true
        }
    }
}
