import Aarshjul
import AarshjulPostgres
import AarshjulSync
import ArgumentParser
import Foundation

/// `aarshjul state`: work on the sync state itself.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Work on the sync state: copy a SQLite state into PostgreSQL.",
        subcommands: [StateMigrateCommand.self]
    )
}

/// `aarshjul state migrate --from FILE --to postgres://…`: copies every table of a SQLite
/// state into a PostgreSQL database, in one transaction.
struct StateMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a SQLite sync state (every sync, change, copy and record) into a PostgreSQL database.",
        discussion: """
        The password comes from AARSHJUL_PG_PASSWORD or ~/.pgpass (PGPASSFILE), never from the \
        address. A database that already holds a state is refused unless --force is given, which \
        replaces it. Nothing is written unless everything is. Stop the servers and syncs that use \
        either state while copying.
        """
    )

    @Option(help: "The SQLite state file (for example .aarshjul/state.sqlite).")
    var from: String

    @Option(help: "The PostgreSQL database: postgres://user@host:5432/database[?sslmode=require].")
    var to: String

    @Flag(help: "Replace a state the database already holds.")
    var force = false

    func run() async throws {
        let path = URL(fileURLWithPath: from).standardized.path
        guard FileManager.default.fileExists(atPath: path) else {
            Terminal.error("state migrate: error: no sync state at \(path)")
            throw ExitCode(2)
        }
        let url: PostgresURL
        switch StateLocation.parse(to, baseDirectory: FileManager.default.currentDirectoryPath) {
        case .success(.postgres(let address)): url = address
        case .success(.file):
            Terminal.error("state migrate: error: --to \(to): expected a PostgreSQL address (postgres://user@host:5432/database)")
            throw ExitCode(2)
        case .failure(let error):
            Terminal.error("state migrate: error: --to: \(error.message)")
            throw ExitCode(2)
        }
        do {
            let source = try SQLiteStateStore(path: path)
            let lock = try await source.acquireLock(wait: false) { _ in }
            let state = try await source.load()
            let history = try await source.history(since: nil)
            let target = try await PostgresStateStore(url: url)
            let counts: PostgresStateStore.CopyCounts
            do {
                counts = try await target.copy(state: state, history: history, replacing: force)
            } catch {
                await target.close()
                await lock.release()
                throw error
            }
            await target.close()
            await lock.release()
            var lines = ["copied \(path) into \(url):"]
            for (table, rows) in counts.tables {
                lines.append("  \(table.padding(toLength: 16, withPad: " ", startingAt: 0)) \(rows)")
            }
            Terminal.write(lines.joined(separator: "\n") + "\n")
        } catch {
            Terminal.error("state migrate: error: \(error)")
            throw ExitCode(2)
        }
    }
}
