import Foundation
import ICalendar

/// libFuzzer entry point: read the input, then expand events and to-dos over a two-year window
/// with at most 200 instances per item.
///
/// The window and the cap bound the work any honest input asks for, so a run over libFuzzer's
/// `-timeout` (1 s in `Scripts/fuzz`) is a real hang in the rule iterator, not a big answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpand(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let document = try? ICalendarReader().read(Data(bytes: data, count: size), fileName: "fuzz.ics") else {
        return 0
    }
    let options = ExpansionOptions(maxOccurrencesPerEvent: 200, componentNames: ["VEVENT", "VTODO"])
    _ = Expander(options: options).expand(
        document, from: LocalDate(year: 2026, month: 1, day: 1), to: LocalDate(year: 2028, month: 1, day: 1))
    return 0
}
