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

    /// Whether a sync state exists at `location`, without creating one: the SQLite file, or
    /// Aarshjul's tables in the PostgreSQL database. So that `changes` says "run sync first"
    /// instead of creating an empty state and showing an empty history.
    ///
    /// A database that cannot be reached is taken to exist: opening it then says why it
    /// cannot be reached.
    public static func exists(_ location: StateLocation,
                              environment: [String: String] = ProcessInfo.processInfo.environment) async -> Bool {
        switch location {
        case .file(let path): return FileManager.default.fileExists(atPath: path)
        case .postgres(let url):
            let connector = PostgresConnector(url: url, environment: environment)
            do {
                return try await connector.withConnection { connection in
                    // The table of each sync's run, in the schema the store creates its tables in.
                    let rows = try await connection.query("SELECT to_regclass('sync_run') IS NOT NULL", logger: connector.logger)
                    for try await found in rows.decode(Bool.self) { return found }
                    return false
                }
            } catch {
                return true
            }
        }
    }
}
