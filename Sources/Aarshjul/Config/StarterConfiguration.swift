import Foundation

/// The commented `aarshjul.toml` that `aarshjul init` writes.
///
/// It is a working configuration for the two institutions: a `[cycle]`, two `[[source]]`
/// calendars (`trondheim-kommune.ics` and `ntnu.ics` beside the file, see ``sourcePaths``),
/// a few `[[tag]]`s and one `[[rule]]` of every type. The optional tables (`[[closed]]`,
/// `[[holiday]]`, `[[accept]]`, `[feeds]`) are there as comments, ready to uncomment.
///
/// The sources are real entries, not comments: a configuration without calendars does
/// nothing, and a source file that is missing is an error, so the starter loads once the
/// calendar exports are in place (or the paths are changed), and until then
/// ``AarshjulConfiguration/load(fileAt:language:)`` says which file it looked for.
///
/// ```swift
/// let path = try StarterConfiguration.write(to: "aarshjul.toml", language: .nb)
/// ```
public enum StarterConfiguration {
    /// The calendar files the starter's sources name, relative to the configuration file.
    public static let sourcePaths = ["trondheim-kommune.ics", "ntnu.ics"]

    /// The starter's text, with comments in `language` and `[cycle] language` set to it.
    public static func text(language: Language = .nb) -> String {
        switch language {
        case .nb: return norwegian
        case .nn: return nynorsk
        case .en: return english
        }
    }

    /// Why ``write(to:language:overwrite:)`` failed.
    public enum WriteError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file exists and `overwrite` was false; the absolute path.
        case exists(String)
        /// The file could not be written; the absolute path and the system's reason.
        case failed(path: String, reason: String)

        /// `/abs/aarshjul.toml already exists` or `cannot write /abs/aarshjul.toml: reason`.
        public var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists"
            case .failed(let path, let reason): return "cannot write \(path): \(reason)"
            }
        }
    }

    /// Writes the starter to `path` atomically: to a temporary file beside it, then moved into
    /// place, so no reader ever sees half a file.
    ///
    /// Without `overwrite`, an existing file is never replaced, not even one created between
    /// the check and the move (the move is a hard link, which fails if the name exists).
    ///
    /// - Returns: the absolute path written.
    /// - Throws: ``WriteError``.
    @discardableResult
    public static func write(to path: String, language: Language = .nb, overwrite: Bool = false) throws(WriteError) -> String {
        let destination = URL(fileURLWithPath: path).standardized
        let target = destination.path
        if !overwrite, FileManager.default.fileExists(atPath: target) { throw .exists(target) }
        do {
            let temporary = try AtomicFile.stage(Array(text(language: language).utf8), beside: target, tag: UUID().uuidString)
            defer { unlink(temporary) }
            try AtomicFile.publish(temporary, to: target, overwrite: overwrite)
        } catch {
            throw error.exists ? .exists(target) : .failed(path: target, reason: error.reason)
        }
        return target
    }

    /// The starter with comments in bokmål (`Resources/starter.nb.toml`, embedded at build time).
    private static let norwegian = String(decoding: PackageResources.starter_nb_toml, as: UTF8.self)

    /// The starter with comments in nynorsk (`Resources/starter.nn.toml`, embedded at build time).
    private static let nynorsk = String(decoding: PackageResources.starter_nn_toml, as: UTF8.self)

    /// The starter with comments in English (`Resources/starter.en.toml`, embedded at build time).
    private static let english = String(decoding: PackageResources.starter_en_toml, as: UTF8.self)
}
