import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock(2)` on a file: held until ``release()`` or until the process ends
/// (also by `kill -9`), so a crashed sync never blocks the next one.
///
/// The file holds the holder's process id and start time, for the message another sync
/// shows while it waits.
public final class FileLock: SyncLock {
    private let descriptor: Mutex<Int32>
    /// The lock file.
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = Mutex(descriptor)
        self.path = path
    }

    /// Takes the lock on `path` (created when missing).
    ///
    /// - Parameters:
    ///   - path: the lock file.
    ///   - wait: wait for the holder (`true`) or fail at once.
    ///   - waiting: called once before waiting, with who holds the lock.
    /// - Throws: ``SyncStateError`` when the lock is held and `wait` is false, or the file
    ///   cannot be opened.
    public static func acquire(path: String, wait: Bool, waiting: (String) -> Void) throws -> FileLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw SyncStateError("cannot open the lock file \(path): \(String(cString: strerror(code)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            // Saved before anything else runs: reading the holder's note calls pread, which may
            // change errno.
            let code = errno
            let holder = Self.holder(descriptor)
            guard code == EWOULDBLOCK || code == EAGAIN else {
                let reason = String(cString: strerror(code))
                close(descriptor)
                throw SyncStateError("cannot lock \(path): \(reason)")
            }
            guard wait else {
                close(descriptor)
                throw SyncStateError("another sync is running (\(holder)); try again when it has finished (lock: \(path))")
            }
            waiting("another sync is running (\(holder)); waiting for it to finish")
            while flock(descriptor, LOCK_EX) != 0 {
                let code = errno
                guard code == EINTR else {
                    let reason = String(cString: strerror(code))
                    close(descriptor)
                    throw SyncStateError("cannot lock \(path): \(reason)")
                }
            }
        }
        let note = "process \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return FileLock(descriptor: descriptor, path: path)
    }

    /// Who holds the lock, from the file's note.
    private static func holder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 200)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return "process unknown" }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "process unknown" : text
    }

    /// `true` until ``release()``: a `flock` is not lost while its process lives.
    public var isHeld: Bool {
        descriptor.withLock { $0 >= 0 }
    }

    public func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            _ = flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
    }

    deinit { release() }
}
