import Aarshjul
import Foundation
import ICalendar

/// libFuzzer entry point: the input is two calendars separated by a NUL byte (the reader refuses
/// NUL bytes, so the separator never hides part of a calendar); without one, the input is merged
/// with itself. Both are read, merged by ``Merger``, and the merged calendar is written.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMerge(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0)
    let first = Data(bytes[..<(split ?? size)])
    let second = split.map { Data(bytes[($0 + 1)...]) } ?? first
    guard let a = try? ICalendarReader().read(first, fileName: "a.ics"),
          let b = try? ICalendarReader().read(second, fileName: "b.ics") else { return 0 }
    let result = Merger().merge([
        SourceCalendar(id: "a", name: "A", document: a),
        SourceCalendar(id: "b", name: "B", document: b),
    ])
    _ = ICalendarWriter().bytes([result.calendar()])
    return 0
}
