import Foundation

/// Writes feeds to a directory so that a subscriber never sees a half-written file: every
/// feed is first written in full to a temporary name beside its target, and only when all of
/// them are written are they renamed into place. If anything fails, the previous feeds are
/// left (or put back) as they were and the temporary files are removed.
public struct FeedExporter: Sendable {
    /// The directory the feeds go to.
    public var directory: String

    /// Creates an exporter for a directory (created if missing).
    public init(directory: String) {
        self.directory = directory
    }

    /// Why an export failed, naming the file.
    public struct ExportError: Error, CustomStringConvertible, Sendable {
        /// The file concerned.
        public var path: String
        /// What went wrong.
        public var reason: String
        /// `cannot write PATH: reason; the previous feeds are unchanged`.
        public var description: String { "cannot write \(path): \(reason); the previous feeds are unchanged" }
    }

    /// Writes the feeds; returns the paths written, in order.
    ///
    /// - Throws: ``ExportError``; nothing of the previous export is changed then.
    @discardableResult
    public func write(_ feeds: [Feed]) throws -> [String] {
        try write(files: feeds.map { (name: $0.fileName, bytes: $0.bytes) })
    }

    /// Writes files (a name in the directory and its bytes) all or nothing, as
    /// ``write(_:)`` writes feeds; returns the paths written, in order.
    ///
    /// - Throws: ``ExportError``; nothing of the previous files is changed then.
    @discardableResult
    public func write(files: [(name: String, bytes: [UInt8])]) throws -> [String] {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ExportError(path: directory, reason: (error as NSError).localizedDescription)
        }
        var staged: [(temporary: String, target: String)] = []
        let token = "\(ProcessInfo.processInfo.processIdentifier)"
        do {
            for file in files {
                let target = (directory as NSString).appendingPathComponent(file.name)
                do {
                    staged.append((try AtomicFile.stage(file.bytes, beside: target, tag: token), target))
                } catch {
                    throw ExportError(path: target, reason: error.reason)
                }
            }
        } catch {
            for file in staged { try? manager.removeItem(atPath: file.temporary) }
            throw error
        }
        // Renames: each replaced feed is first kept under a backup name (a hard link), so that
        // if a rename fails halfway, the feeds already renamed are put back and the directory
        // holds the previous export again.
        var renamed: [(target: String, backup: String?)] = []
        for file in staged {
            let backup = (directory as NSString).appendingPathComponent(".\((file.target as NSString).lastPathComponent).\(token).previous")
            let hasPrevious = manager.fileExists(atPath: file.target) && link(file.target, backup) == 0
            do {
                try AtomicFile.publish(file.temporary, to: file.target, overwrite: true)
            } catch {
                let reason = error.reason
                if hasPrevious { try? manager.removeItem(atPath: backup) }
                for done in renamed.reversed() {
                    if let backup = done.backup {
                        _ = rename(backup, done.target)
                    } else {
                        try? manager.removeItem(atPath: done.target)
                    }
                }
                for rest in staged { try? manager.removeItem(atPath: rest.temporary) }
                throw ExportError(path: file.target, reason: reason)
            }
            renamed.append((file.target, hasPrevious ? backup : nil))
        }
        for done in renamed { if let backup = done.backup { try? manager.removeItem(atPath: backup) } }
        return staged.map(\.target)
    }
}
