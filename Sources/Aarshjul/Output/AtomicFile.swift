import Foundation
import ICalendar
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader sees the old file or the new one, never half of one: the one
/// implementation behind `merge --output`, `aarshjul init` and the feed export.
///
/// A write is two steps, which callers writing several files use apart: ``stage(_:beside:tag:)``
/// writes a temporary file in the target's directory, ``publish(_:to:overwrite:)`` moves it into
/// place (a rename, or a hard link that fails when the name exists).
public enum AtomicFile {
    /// An error writing a file, naming it.
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        /// The file that could not be written.
        public var path: String
        /// Why.
        public var reason: String
        /// Whether it failed because the file exists (``publish(_:to:overwrite:)`` without
        /// `overwrite`).
        public var exists: Bool
        /// `cannot write PATH: reason`.
        public var description: String { "cannot write \(path): \(reason)" }

        /// An error for `path`.
        public init(path: String, reason: String, exists: Bool = false) {
            self.path = path
            self.reason = reason
            self.exists = exists
        }
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
    ///
    /// - Throws: ``WriteError``; the previous file, if any, is left as it was.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = try stage(bytes, beside: path, tag: "\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try publish(temporary, to: path, overwrite: true)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// The temporary name for `path`: hidden, beside it (same file system, so a rename moves
    /// it), told apart by `tag`.
    public static func temporaryPath(for path: String, tag: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(tag).tmp").path
    }

    /// Writes `bytes` to ``temporaryPath(for:tag:)`` and returns that path.
    ///
    /// - Throws: ``WriteError`` naming `path`; nothing is left behind then.
    public static func stage(_ bytes: [UInt8], beside path: String, tag: String) throws(WriteError) -> String {
        let temporary = temporaryPath(for: path, tag: tag)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        } catch {
            unlink(temporary)
            throw WriteError(path: path, reason: SystemErrorReason.text(for: error))
        }
        return temporary
    }

    /// Moves a staged file into place. With `overwrite`, by `rename(2)` over whatever is there;
    /// without, by a hard link that fails if the name exists (so a file created between a check
    /// and the move is never replaced), falling back to check-then-rename on file systems
    /// without hard links. The temporary name is gone afterwards unless this throws.
    ///
    /// - Throws: ``WriteError`` (with `exists` when the name was taken).
    public static func publish(_ temporary: String, to path: String, overwrite: Bool) throws(WriteError) {
        if overwrite {
            guard rename(temporary, path) == 0 else {
                throw WriteError(path: path, reason: SystemErrorReason.text(errno: errno))
            }
            return
        }
        if link(temporary, path) == 0 {
            unlink(temporary)
            return
        }
        let linkError = errno
        if linkError == EEXIST { throw WriteError(path: path, reason: "file exists", exists: true) }
        guard linkError == EPERM || linkError == ENOTSUP || linkError == EOPNOTSUPP || linkError == EXDEV else {
            throw WriteError(path: path, reason: SystemErrorReason.text(errno: linkError))
        }
        if FileManager.default.fileExists(atPath: path) { throw WriteError(path: path, reason: "file exists", exists: true) }
        guard rename(temporary, path) == 0 else {
            throw WriteError(path: path, reason: SystemErrorReason.text(errno: errno))
        }
    }
}
