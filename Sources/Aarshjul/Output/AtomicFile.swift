import Foundation

/// Writes files so that a reader sees the old file or the new one, never half of one.
public enum AtomicFile {
    /// An error writing a file, naming it.
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        /// The file that could not be written.
        public var path: String
        /// Why.
        public var reason: String
        /// `cannot write PATH: reason`.
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
    ///
    /// - Throws: ``WriteError``; the previous file, if any, is left as it was.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: (error as NSError).localizedDescription)
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}
