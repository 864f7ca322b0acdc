import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The reason to show for a failed file operation: the system's own words
/// (`No such file or directory`), found through Foundation's wrapping errors, not Foundation's
/// `The operation could not be completed` text. The one such conversion, used by
/// the reader, the starter configuration, the atomic writes and the sync's source loader.
///
/// ```swift
/// do { _ = try Data(contentsOf: URL(fileURLWithPath: "/nowhere")) }
/// catch { print(SystemErrorReason.text(for: error)) }  // "No such file or directory"
/// ```
public enum SystemErrorReason {
    /// `strerror` of the first POSIX error in `error`'s chain of underlying errors, else the
    /// error's localized description.
    ///
    /// Foundation on Linux reports a missing or unreadable file as a Cocoa file error with no
    /// POSIX error under it; those codes are given the system's words too.
    public static func text(for error: any Error) -> String {
        var current = error as NSError
        while true {
            if current.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(current.code))) }
            if current.domain == NSCocoaErrorDomain, let code = posixCode(forFileError: current.code) {
                return String(cString: strerror(code))
            }
            guard let underlying = current.userInfo[NSUnderlyingErrorKey] as? any Error else { break }
            current = underlying as NSError
        }
        return error.localizedDescription
    }

    /// The POSIX error a Cocoa file error code stands for, where there is one.
    private static func posixCode(forFileError code: Int) -> Int32? {
        switch code {
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: ENOENT
        case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: EACCES
        case NSFileWriteOutOfSpaceError: ENOSPC
        case NSFileWriteVolumeReadOnlyError: EROFS
        case NSFileWriteFileExistsError: EEXIST
        case NSFileReadTooLargeError: EFBIG
        default: nil
        }
    }

    /// `strerror(code)`: for a failed system call, with the `errno` saved right after it.
    public static func text(errno code: Int32) -> String {
        String(cString: strerror(code))
    }
}
