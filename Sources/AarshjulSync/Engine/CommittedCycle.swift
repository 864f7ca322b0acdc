import Aarshjul
import Foundation

/// The cycle, conflicts and feeds of the last committed sync, built from the state alone:
/// what a server that does not sync itself serves (see
/// ``SyncEngine/committed(configuration:store:options:)``).
public struct CommittedCycle: Sendable {
    /// The committed sync the build comes from.
    public var run: SyncRun
    /// The cycle built from the sources' copies that sync used.
    public var cycle: Cycle
    /// Its conflicts.
    public var conflicts: ConflictReport
    /// The feeds, with the SEQUENCEs that sync recorded: the same bytes as the syncing
    /// server's.
    public var feeds: [Feed]
    /// The language of the explanations and titles.
    public var language: Language
    /// The source calendars the cycle was built from.
    public var sources: [SourceCalendar]
    /// When each served file's bytes last changed, as that sync recorded it.
    public var fileTimes: [String: Date]
}

extension SyncEngine {
    /// Builds the cycle, conflicts and feeds of the last committed sync from the state, fetching
    /// nothing and writing nothing: for a server that serves what another one synced.
    ///
    /// The sources' calendars are the copies that sync stored (a stale source's last good copy
    /// among them), the cycle year is the one that sync picked (unless ``SyncOptions/year``
    /// pins one), and the feeds' SEQUENCEs are those it recorded; so with the same
    /// configuration the feeds are byte for byte the ones the syncing server built.
    ///
    /// - Parameters:
    ///   - configuration: the configuration (the same as the syncing server's).
    ///   - store: the shared state.
    ///   - options: ``SyncOptions/year`` and ``SyncOptions/language`` are used.
    /// - Returns: `nil` while the state holds no sync.
    /// - Throws: ``SyncStateError`` when the state cannot be read.
    public static func committed(configuration: AarshjulConfiguration, store: any SyncStateStore,
                                 options: SyncOptions = SyncOptions()) async throws -> CommittedCycle? {
        let state = try await store.load()
        guard let run = state.lastRun else { return nil }
        var sources: [SourceCalendar] = []
        for source in configuration.sources {
            // The same copies the sync used: a snapshot of another path or address is not this
            // source's, and a source without one was unavailable to that sync too.
            guard let snapshot = state.snapshots[source.id], snapshot.origin == source.origin,
                  let calendar = try? SourceLoader.read(snapshot.content, source: source) else { continue }
            sources.append(calendar)
        }
        let builder = CycleBuilder(configuration: configuration)
        let year = options.year.map { CycleYear(year: $0, start: configuration.cycle.start) } ?? builder.year(now: run.startedAt)
        let cycle = builder.build(year: year, sources: sources)
        let language = options.language ?? configuration.cycle.language
        let conflicts = ConflictEngine(configuration: configuration).run(on: cycle, language: language)
        let sequenced = FeedSequencer(previous: state.feedItems)
            .apply(to: FeedBuilder(configuration: configuration, language: language).feeds(for: cycle, conflicts: conflicts))
        return CommittedCycle(run: run, cycle: cycle, conflicts: conflicts, feeds: sequenced.feeds, language: language, sources: sources,
                              fileTimes: state.feedFiles.mapValues(\.modifiedAt))
    }
}
