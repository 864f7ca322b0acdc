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
    /// - Parameters:
    ///   - location: the file or the database (`configuration.sync.state`).
    ///   - environment: where a PostgreSQL password is looked up (`AARSHJUL_PG_PASSWORD`,
    ///     `PGPASSFILE`, `HOME`).
    /// - Throws: `SyncStateError` when the state cannot be opened.
    public static func open(_ location: StateLocation,
                            environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> any SyncStateStore {
        switch location {
        case .file(let path): return try SQLiteStateStore(path: path)
        case .postgres(let url): return try await PostgresStateStore(url: url, environment: environment)
        }
    }

    /// Whether a state file exists at `location` (a database is taken to exist: opening it
    /// says whether it can be reached), so that `changes` can say "run sync first" instead of
    /// creating an empty file.
    public static func exists(_ location: StateLocation) -> Bool {
        switch location {
        case .file(let path): return FileManager.default.fileExists(atPath: path)
        case .postgres: return true
        }
    }
}
