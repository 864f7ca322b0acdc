import Aarshjul
import AarshjulServer
import ArgumentParser
import Foundation
import Synchronization

extension LogFormat: ExpressibleByArgument {}

/// `aarshjul serve`: the feed server.
struct ServeCommand: ParsableCommand {
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

    func run() throws {
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
            try FeedBuild.engine(configurationPath: path, year: year, language: language, indexExtra: Self.wheel)
        }
        let server = FeedServer(settings: settings, store: store)
        let host = self.host
        let status = try Self.block { () async throws -> Int32 in
            if case .failed(let message) = await rebuilder.rebuild() {
                Terminal.error("serve: error: the first build failed: \(message)")
                return 2
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
                return 2
            }
            Terminal.error("serve: stopped")
            return 0
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The index page shows the wheel of the cycle it serves (source rings, today marked when
    /// it falls in the cycle), as inline SVG: its marks carry their details as `<title>`.
    private static let wheel: IndexExtra = { cycle, report, language in
        let options = WheelOptions(rings: .source, language: language, today: Wheel.today(in: cycle))
        return Wheel(cycle: cycle, report: report, options: options).svg()
    }

    /// Runs async work from this synchronous command and waits for it (the main thread blocks;
    /// the work runs on the concurrency pool).
    private static func block(_ work: @escaping @Sendable () async throws -> Int32) throws -> Int32 {
        final class Outcome: Sendable {
            let value = Mutex<Result<Int32, any Error>?>(nil)
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            let result: Result<Int32, any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            outcome.value.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.value.withLock { $0 }?.get() ?? 1
    }
}
