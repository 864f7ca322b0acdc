import Foundation
import ICalendar

/// libFuzzer entry point: the reader and its validator on the input as a file's bytes, then the
/// writer on what was read, and the reader again on what was written.
///
/// A thrown ``ICalendarError`` is the reader's answer to bad input, not a finding. Findings are
/// crashes, sanitizer reports, runs over the time limit, and the one property checked here:
/// what the writer makes of a calendar the reader accepted is itself readable.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRead(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Data(bytes: data, count: size)
    guard let document = try? ICalendarReader().read(input, fileName: "fuzz.ics") else { return 0 }
    let written = ICalendarWriter().bytes(document.calendars)
    do {
        _ = try ICalendarReader().read(Data(written), fileName: "fuzz-written.ics")
    } catch {
        fatalError("the writer's output of an accepted calendar does not read back: \(error)")
    }
    return 0
}
