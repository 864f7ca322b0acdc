import Aarshjul
import ArgumentParser
import Foundation

/// `aarshjul init`: writes a commented starter `aarshjul.toml`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter aarshjul.toml.",
        discussion: """
        The starter has a [cycle], two calendars (trondheim-kommune.ics and ntnu.ics beside \
        the file), a few tags and one rule of each type. Put the calendar exports beside it, \
        or change the paths, before running the other commands. An existing file is never \
        replaced without --force. Exit status 2 when nothing was written.
        """
    )

    @Option(name: .shortAndLong, help: "The file to write.")
    var output = AarshjulConfiguration.defaultFileName

    @Flag(help: "Replace the file if it already exists.")
    var force = false

    @Option(name: [.customLong("lang"), .customLong("language")], help: "The language of the comments and of reports: nb, nn or en.")
    var language = Language.nb.rawValue

    func validate() throws {
        guard Language(rawValue: language) != nil else {
            throw ValidationError("--language must be one of \(Language.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(language)\")")
        }
    }

    func run() throws {
        let chosen = Language(rawValue: language) ?? .nb
        let written: String
        do {
            written = try StarterConfiguration.write(to: output, language: chosen, overwrite: force)
        } catch .exists(let path) {
            Terminal.error("aarshjul init: \(path) already exists; use --force to replace it")
            throw ExitCode(2)
        } catch {
            Terminal.error("aarshjul init: \(error)")
            throw ExitCode(2)
        }
        Terminal.error("wrote \(written)")
        let directory = URL(fileURLWithPath: written).deletingLastPathComponent()
        let missing = StarterConfiguration.sourcePaths.filter {
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
        if !missing.isEmpty {
            Terminal.error("next: put the calendar exports beside it (\(missing.joined(separator: ", "))), or edit path/url in its [[source]] tables")
        }
    }
}
