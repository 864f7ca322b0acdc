import Aarshjul
import Foundation

/// An empty folder the configuration's relative paths resolve against, made once per process, so
/// source paths are looked up on disk but never find a calendar to read.
private let baseDirectory: String = {
    let path = NSTemporaryDirectory() + "aarshjul-fuzz-config-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

/// libFuzzer entry point: the configuration parser (TOMLKit, then Aarshjul's checks of every
/// table) on the input as the text of `aarshjul.toml`. A thrown ``ConfigurationError`` is the
/// parser's answer to bad input, not a finding; input that is not UTF-8 is refused before, as
/// ``AarshjulConfiguration/load(fileAt:)`` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    _ = try? AarshjulConfiguration.parse(text, fileName: "aarshjul.toml", baseDirectory: baseDirectory)
    return 0
}
