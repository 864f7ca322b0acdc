import Foundation
import ICalendar
import Testing

/// A failed file operation is explained in the system's words, whichever way Foundation wraps
/// the error (on Linux a missing file is a Cocoa error with no POSIX error under it).
@Suite struct SystemErrorReasonTests {
    @Test func cocoaFileErrorsGetTheSystemsWords() {
        let cases: [(Int, String)] = [
            (NSFileReadNoSuchFileError, "No such file or directory"),
            (NSFileNoSuchFileError, "No such file or directory"),
            (NSFileReadNoPermissionError, "Permission denied"),
            (NSFileWriteOutOfSpaceError, "No space left on device"),
        ]
        for (code, text) in cases {
            #expect(SystemErrorReason.text(for: NSError(domain: NSCocoaErrorDomain, code: code)) == text, "code \(code)")
        }
    }

    @Test func posixErrorsUnderAnotherErrorAreFound() {
        let posix = NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))
        let wrapped = NSError(domain: NSCocoaErrorDomain, code: 4_242, userInfo: [NSUnderlyingErrorKey: posix])
        #expect(SystemErrorReason.text(for: wrapped) == "Permission denied")
    }

    /// The reader's message for a missing file (it was Foundation's "The operation could not be
    /// completed. The file doesn't exist.").
    @Test func readerNamesAMissingFileInTheSystemsWords() throws {
        let path = NSTemporaryDirectory() + "aarshjul-missing-\(UUID().uuidString).ics"
        do {
            _ = try ICalendarReader().read(fileAt: path)
            Issue.record("a missing file was read")
        } catch let error as ICalendarError {
            #expect(error.description.hasSuffix("cannot read the file: No such file or directory"), "\(error)")
        }
    }
}
