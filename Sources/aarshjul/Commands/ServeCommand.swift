import Aarshjul
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
        let store = FeedStore(privateFeeds: settings.token != nil)
        let path = options.config, year = options.year, language = options.lang
        let rebuilder = FeedRebuilder(store: store, logger: logger) {
            try await Self.sync(configurationPath: path, year: year, language: language, logger: logger)
        }
        let server = FeedServer(settings: settings, store: store)
        let host = self.host
        if case .failed(let message) = await rebuilder.rebuild() {
            Terminal.error("serve: error: the first build failed: \(message)")
            throw ExitCode(2)
        }
        do {
            try await server.run(rebuilder: rebuilder, logger: logger) { port in
                let shown = host.contains(":") ? "[\(host)]" : host
                let prefix = settings.token == nil ? "" : "/s/[token]"
                let feeds = store.snapshot?.entries.count ?? 0
                let year = store.snapshot.map { " of \($0.year)" } ?? ""
                Terminal.error("serve: listening on http://\(shown):\(port)\(prefix)/ (\(feeds) feeds\(year), e.g. \(prefix)/feeds/combined.ics); Ctrl-C stops")
            }
        } catch {
            Terminal.error("serve: error: cannot serve on \(host):\(settings.port): \(error)")
            throw ExitCode(2)
        }
        Terminal.error("serve: stopped")
    }

    /// One rebuild: the same sync as `aarshjul sync` (sources fetched, state recorded, SEQUENCEs
    /// raised where content changed), with the feeds kept in memory instead of written out.
    private static func sync(configurationPath: String, year: Int?, language: Language?, logger: Logger) async throws -> FeedBuild {
        let configuration: AarshjulConfiguration
        do {
            configuration = try AarshjulConfiguration.load(fileAt: configurationPath)
        } catch {
            throw FeedBuildError(message: "\(error)")
        }
        let options = SyncOptions(year: year, language: language, writeFeeds: false)
        let outcome = try await withSyncState(configuration) { store in
            try await SyncEngine.run(configuration: configuration, store: store, options: options, waiting: { message in
                logger.notice("\(message)")
            })
        }
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
        var build = try FeedBuild.make(configuration: configuration, cycle: outcome.cycle, report: outcome.conflicts, feeds: outcome.feeds,
                                       language: outcome.language, staleSources: report.staleSources.map(\.source), indexExtra: Self.wheel,
                                       wheelPage: Self.wheelPage)
        // Next year's plan on every rebuild: the year after the cycle served, planned from the
        // calendars this sync read (URL and CalDAV sources included, not read a second time).
        // A failure to plan is a page that says why.
        build.planPage = PlanPage.html(configuration: configuration, sources: .success(outcome.sources), year: outcome.cycle.year.year + 1,
                                       language: outcome.language, links: [WheelLink(title: outcome.language == .nb ? "Årshjulet i år" : "This year's wheel",
                                                                                     href: "wheel.html")])
        return build
    }

    /// The index page shows the wheel of the cycle it serves (source rings, today marked when
    /// it falls in the cycle), as inline SVG: its marks carry their details as `<title>`.
    /// The wheel's interactive page at `/wheel.html`: the wheel, the month-by-month list and the
    /// conflicts, with details on hover or focus.
    private static let wheelPage: IndexExtra = { cycle, report, language in
        let options = WheelOptions(rings: .source, language: language, today: Wheel.today(in: cycle))
        return Wheel(cycle: cycle, report: report, options: options).htmlPage()
    }

    private static let wheel: IndexExtra = { cycle, report, language in
        let options = WheelOptions(rings: .source, language: language, today: Wheel.today(in: cycle))
        return Wheel(cycle: cycle, report: report, options: options).svg()
    }
}
