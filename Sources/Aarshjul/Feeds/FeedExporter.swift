import Foundation

/// Writes feeds to a directory so that a subscriber never sees a half-written file: every
/// feed is first written in full to a temporary name beside its target, and only when all of
/// them are written are they renamed into place. If anything fails before the renames, the
/// previous feeds are left exactly as they were and the temporary files are removed.
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
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ExportError(path: directory, reason: (error as NSError).localizedDescription)
        }
        var staged: [(temporary: String, target: String)] = []
        let token = "\(ProcessInfo.processInfo.processIdentifier)"
        do {
            for feed in feeds {
                let target = (directory as NSString).appendingPathComponent(feed.fileName)
                let temporary = (directory as NSString).appendingPathComponent(".\(feed.fileName).\(token).tmp")
                staged.append((temporary, target))
                guard manager.createFile(atPath: temporary, contents: Data(feed.bytes)) else {
                    throw ExportError(path: target, reason: String(cString: strerror(errno)))
                }
            }
        } catch {
            for file in staged { try? manager.removeItem(atPath: file.temporary) }
            throw error
        }
        for file in staged where rename(file.temporary, file.target) != 0 {
            let reason = String(cString: strerror(errno))
            for rest in staged { try? manager.removeItem(atPath: rest.temporary) }
            throw ExportError(path: file.target, reason: reason)
        }
        return staged.map(\.target)
    }
}
