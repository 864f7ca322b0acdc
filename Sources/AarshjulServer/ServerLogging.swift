import Logging

/// How the server's log lines look.
public enum LogFormat: String, Sendable, CaseIterable {
    /// `TIME LEVEL LABEL: message key=value …` (``ServerLogHandler``).
    case text
    /// One JSON object per line (``ServerLogHandler``).
    case json
}

/// Sets up swift-log for the `serve` command. The library itself never bootstraps logging;
/// only a program does, once.
public enum ServerLogging {
    /// The level names `--log-level` accepts: `trace`, `debug`, `info`, `notice`, `warning`,
    /// `error`, `critical`.
    public static let levelNames = Logger.Level.allCases.map(\.rawValue)

    /// Makes every logger of the process write to standard error in `format`.
    public static func bootstrap(format: LogFormat) {
        LoggingSystem.bootstrap { label in ServerLogHandler(label: label, format: format) }
    }

    /// The server's logger (label `aarshjul`) at a level named in ``levelNames`` (`info` for an
    /// unknown name).
    public static func logger(level: String = "info") -> Logger {
        var logger = Logger(label: "aarshjul")
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}
