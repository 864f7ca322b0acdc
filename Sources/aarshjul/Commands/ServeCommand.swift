import Aarshjul
import AarshjulPostgres
import AarshjulServer
import AarshjulSync
import ArgumentParser
import Foundation
import ICalendar
import Logging

extension LogFormat: ExpressibleByArgument {}

/// `aarshjul serve`: the feed server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the feeds, the conflicts and an index page over HTTP, rebuilding them from the sources on an interval.",
        discussion: """
        Paths: / (index page), /feeds/NAME.ics, /conflicts.json and /healthz. With a token (the \
        \(FeedServerSettings.tokenVariable) environment variable, else [feeds] token) every path but /healthz \
        moves under /s/TOKEN/, and the paths without it answer 404.

        Feeds carry a strong ETag, Last-Modified and Cache-Control: max-age from [feeds] refresh; \
        If-None-Match and If-Modified-Since get 304. They are rebuilt from the sources every [feeds] \
        rebuild (default \(FeedServerSettings.defaultRebuild)) and swapped in whole; a failed rebuild is \
        logged and the last good feeds stay. The year served is the cycle year containing today, looked \
        up again at every rebuild, unless --year pins it.

        Several servers may share one state ([sync] state, a PostgreSQL database for servers on \
        several machines): the one holding the state's sync lock leads and syncs; the others follow, \
        serving what it commits (built from the state, no source fetched), and take the lead within \
        seconds when it ends. Every server sends the same bytes, ETag and Last-Modified; /healthz \
        tells each one's role.

        One log line per request goes to standard error. SIGINT or SIGTERM stops the server gracefully.
        """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port; the port is printed).")
    var port: Int = 8080

    @Option(help: "Rebuild interval as an iCalendar duration (PT15M); default: [feeds] rebuild, else \(FeedServerSettings.defaultRebuild).")
    var rebuild: String?

    @Option(help: "The public address for the index page's links (https://kalender.example.no); default: http:// and the request's Host.")
    var publicURL: String?

    @Option(help: "Log format: text or json.")
    var logFormat: LogFormat = .text

    @Option(help: "Log level: \(ServerLogging.levelNames.joined(separator: ", ")).")
    var logLevel: String = "info"

    func validate() throws {
        if let rebuild, ICalDuration.parse(rebuild).map({ $0.totalSeconds > 0 }) != true {
            throw ValidationError("--rebuild \(rebuild): expected a positive duration such as PT15M or PT1H")
        }
        guard ServerLogging.levelNames.contains(logLevel) else {
            throw ValidationError("--log-level \(logLevel): expected one of \(ServerLogging.levelNames.joined(separator: ", "))")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port \(port): expected 0–65535") }
    }

    func run() async throws {
        let configuration = try options.load()
        let settings: FeedServerSettings
        do {
            settings = try FeedServerSettings(configuration: configuration, host: host, port: port,
                                              rebuild: rebuild.flatMap(ICalDuration.parse), publicURL: publicURL,
                                              environment: ProcessInfo.processInfo.environment)
        } catch {
            Terminal.error("serve: error: \(error)")
            throw ExitCode(2)
        }
        for warning in settings.warnings { Terminal.error("serve: warning: \(warning)") }

        ServerLogging.bootstrap(format: logFormat)
        let logger = ServerLogging.logger(level: logLevel)
        let state: any SyncStateStore
        do {
            state = try await Self.openState(configuration)
        } catch {
            Terminal.error("serve: error: \(error)")
            throw ExitCode(2)
        }
        let store = FeedStore(privateFeeds: settings.token != nil)
        let leadership = SyncLeadership(store: state, interval: settings.rebuildInterval)
        let build = Build(configurationPath: options.config, year: options.year, language: options.lang, state: state,
                          leadership: leadership, feeds: store, logger: logger)
        let rebuilder = FeedRebuilder(store: store, logger: logger) { try await build.step() }
        let server = FeedServer(settings: settings, store: store)
        let host = self.host
        if case .failed(let message) = await rebuilder.rebuild(), await leadership.role == .leader {
            Terminal.error("serve: error: the first build failed: \(message)")
            await leadership.resign()
            throw ExitCode(2)
        }
        let role = await leadership.role
        do {
            try await server.run(rebuilder: rebuilder, logger: logger, every: Self.poll(settings.rebuildInterval),
                                 wakeUps: state.commitSignals()) { port in
                let shown = host.contains(":") ? "[\(host)]" : host
                let prefix = settings.token == nil ? "" : "/s/[token]"
                let feeds = store.snapshot?.entries.count ?? 0
                let year = store.snapshot.map { " of \($0.year)" } ?? ""
                let following = role == .follower ? "; following the server that syncs" : ""
                Terminal.error("serve: listening on http://\(shown):\(port)\(prefix)/ (\(feeds) feeds\(year), e.g. \(prefix)/feeds/combined.ics\(following)); Ctrl-C stops")
            }
        } catch {
            await leadership.resign()
            Terminal.error("serve: error: cannot serve on \(host):\(settings.port): \(error)")
            throw ExitCode(2)
        }
        await leadership.resign()
        await state.close()
        Terminal.error("serve: stopped")
    }

    /// How often a server looks at the shared state: every 5 s (at most every rebuild
    /// interval), so a follower takes the lead within seconds of the leader's end, and serves
    /// the leader's syncs within seconds of their commit. A store that signals commits
    /// (PostgreSQL's `LISTEN`) has followers look at once as well.
    static func poll(_ interval: Duration) -> Duration {
        min(interval, .seconds(5))
    }

    /// The state `[sync] state` names.
    static func openState(_ configuration: AarshjulConfiguration) async throws -> any SyncStateStore {
        try await SyncStateStores.open(configuration.sync.state)
    }

    /// One step of the rebuild loop: this server syncs when it leads and a sync is due, or
    /// builds what the leader committed when it follows.
    struct Build: Sendable {
        let configurationPath: String
        let year: Int?
        let language: Language?
        let state: any SyncStateStore
        let leadership: SyncLeadership
        let feeds: FeedStore
        let logger: Logger

        func step() async throws -> FeedBuild? {
            let step: SyncLeadership.Step
            do {
                step = try await leadership.step(sync: { lock in try await sync(holding: lock) }, follow: { try await follow() })
            } catch {
                feeds.setRole(await leadership.role.rawValue)
                throw error
            }
            let role = await leadership.role
            if feeds.status.role != role.rawValue {
                logger.notice(role == .leader ? "leading: this server syncs" : "following: another server syncs; serving what it commits",
                              metadata: ["role": .string(role.rawValue)])
                feeds.setRole(role.rawValue)
            }
            switch step {
            case .synced(let outcome):
                let committed = try await state.latestRun()
                return try Self.feedBuild(configuration: try load(), cycle: outcome.cycle, conflicts: outcome.conflicts,
                                          feeds: outcome.feeds, language: outcome.language, sources: outcome.sources,
                                          staleSources: outcome.report.staleSources.map(\.source), fileTimes: outcome.fileTimes,
                                          run: committed, serialized: outcome.files)
            case .followed(let committed):
                return try Self.feedBuild(configuration: try load(), cycle: committed.cycle, conflicts: committed.conflicts,
                                          feeds: committed.feeds, language: committed.language, sources: committed.sources,
                                          staleSources: committed.run.staleSources, fileTimes: committed.fileTimes, run: committed.run)
            case .unchanged:
                return nil
            }
        }

        private func load() throws -> AarshjulConfiguration {
            do {
                return try AarshjulConfiguration.load(fileAt: configurationPath, language: language)
            } catch {
                throw FeedBuildError(message: "\(error)")
            }
        }

        private var syncOptions: SyncOptions { SyncOptions(year: year, language: language, writeFeeds: false) }

        /// One sync, as `aarshjul sync` runs it (sources fetched, state recorded, SEQUENCEs
        /// raised where content changed), under the lock this server holds as leader, with the
        /// feeds kept in memory instead of written out.
        private func sync(holding lock: any SyncLock) async throws -> SyncOutcome {
            let configuration = try load()
            var options = syncOptions
            options.heldLock = lock
            let fetcher = HTTPSourceFetcher(limits: FetchLimits(configuration.sync))
            let outcome: SyncOutcome
            do {
                outcome = try await SyncEngine(configuration: configuration, store: state, fetcher: fetcher, options: options).run()
            } catch {
                try? await fetcher.shutdown()
                throw error
            }
            try? await fetcher.shutdown()
            let report = outcome.report
            for source in report.staleSources {
                logger.warning("source stale; serving its last good copy", metadata: [
                    "source": .string(source.source), "state": .string(source.state.rawValue), "reason": .string(source.reason ?? ""),
                ])
            }
            if !report.isFirstSync, !report.changes.isEmpty || !report.newConflicts.isEmpty || !report.resolvedConflicts.isEmpty {
                logger.info("sources changed", metadata: [
                    "items_changed": .stringConvertible(report.changes.count), "conflicts_new": .stringConvertible(report.newConflicts.count),
                    "conflicts_resolved": .stringConvertible(report.resolvedConflicts.count),
                ])
            }
            return outcome
        }

        /// What the leader committed last, built from the state.
        private func follow() async throws -> CommittedCycle? {
            try await SyncEngine.committed(configuration: try load(), store: state, options: syncOptions)
        }

        /// The feeds, pages and status of one cycle, and next year's plan, planned from the
        /// calendars the sync read (URL and CalDAV sources included, not read a second time);
        /// a failure to plan is a page that says why.
        static func feedBuild(configuration: AarshjulConfiguration, cycle: Cycle, conflicts: ConflictReport, feeds: [Feed],
                              language: Language, sources: [SourceCalendar], staleSources: [String], fileTimes: [String: Date],
                              run: SyncRun?, serialized: [String: [UInt8]] = [:]) throws -> FeedBuild {
            var build = try FeedBuild.make(configuration: configuration, cycle: cycle, report: conflicts, feeds: feeds,
                                           language: language, staleSources: staleSources, indexExtra: ServeCommand.wheel,
                                           wheelPage: ServeCommand.wheelPage, serialized: serialized)
            build.modifiedAt = fileTimes.mapValues { Int($0.timeIntervalSince1970.rounded(.down)) }
            if let run, let id = run.id {
                build.committedSync = FeedBuild.CommittedSync(id: id, finishedAt: Int(run.finishedAt.timeIntervalSince1970.rounded(.down)))
            }
            build.planPage = PlanPage.html(configuration: configuration, sources: .success(sources), year: cycle.year.year + 1,
                                           language: language, links: [WheelLink(title: language.messages.wheel.thisYearsWheel,
                                                                                 href: "wheel.html")])
            return build
        }
    }

    /// The index page shows the wheel of the cycle it serves (source rings, today marked when
    /// it falls in the cycle), as inline SVG: its marks carry their details as `<title>`.
    /// The wheel's interactive page at `/wheel.html`: the wheel, the month-by-month list and the
    /// conflicts, with details on hover or focus.
    static let wheelPage: IndexExtra = { cycle, report, language in
        let options = WheelOptions(rings: .source, language: language, today: Wheel.today(in: cycle))
        return Wheel(cycle: cycle, report: report, options: options).htmlPage()
    }

    static let wheel: IndexExtra = { cycle, report, language in
        let options = WheelOptions(rings: .source, language: language, today: Wheel.today(in: cycle))
        return Wheel(cycle: cycle, report: report, options: options).svg()
    }
}
