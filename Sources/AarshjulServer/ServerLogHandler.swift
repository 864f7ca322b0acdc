import Aarshjul
import Foundation
import ICalendar
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The swift-log handler of `aarshjul serve`: one line per event on standard error, as text
/// (`key=value`) or as a JSON object, each line written with a single `write(2)`.
///
/// ```
/// 2027-03-01T09:00:00.123Z info aarshjul: request bytes=0 duration_ms=0.011 hb.request.id=… method=GET path=/feeds/combined.ics status=304
/// {"ts":"2027-03-01T09:00:00.123Z","level":"info","label":"aarshjul","msg":"request","bytes":0,"duration_ms":0.011,…}
/// ```
///
/// Metadata keys are sorted. In text, a value with a space, quote, `=` or control character is
/// quoted; in JSON, numbers stay numbers and lists and dictionaries become arrays and objects.
/// It is cheaper per line than swift-log's `StreamLogHandler` (no `strftime`, no `fflush`),
/// which matters at tens of thousands of requests a second.
///
/// ```swift
/// LoggingSystem.bootstrap { label in ServerLogHandler(label: label, format: .json) }
/// ```
public struct ServerLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// Text or JSON.
    public let format: LogFormat
    /// The level below which nothing is written.
    public var logLevel: Logger.Level = .info
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]
    /// A provider of more metadata (e.g. from task-locals).
    public var metadataProvider: Logger.MetadataProvider?
    private let write: @Sendable (String) -> Void

    /// A handler writing to standard error.
    public init(label: String, format: LogFormat, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, format: format, metadataProvider: metadataProvider, write: Self.standardError)
    }

    /// A handler giving each line (ending in a newline) to `write`, for tests.
    public init(label: String, format: LogFormat, metadataProvider: Logger.MetadataProvider? = nil,
                write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.format = format
        self.metadataProvider = metadataProvider
        self.write = write
    }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event as one line.
    public func log(event: LogEvent) {
        var merged = event.metadata ?? [:]
        if !metadata.isEmpty { merged.merge(metadata) { new, _ in new } }
        if let provided = metadataProvider?.get(), !provided.isEmpty { merged.merge(provided) { new, _ in new } }
        let keys = merged.keys.sorted()
        var line = ""
        line.reserveCapacity(160 + 40 * keys.count)
        switch format {
        case .text:
            line += Self.timestamp()
            line += " "
            line += event.level.rawValue
            line += " "
            line += label
            line += ": "
            line += event.message.description
            for key in keys {
                guard let value = merged[key] else { continue }
                line += " "
                line += key
                line += "="
                Self.appendText(value, to: &line)
            }
        case .json:
            line += "{\"ts\":\""
            line += Self.timestamp()
            line += "\",\"level\":\""
            line += event.level.rawValue
            line += "\",\"label\":"
            Self.appendJSONString(label, to: &line)
            line += ",\"msg\":"
            Self.appendJSONString(event.message.description, to: &line)
            for key in keys where !["ts", "level", "label", "msg"].contains(key) {
                guard let value = merged[key] else { continue }
                line += ","
                Self.appendJSONString(key, to: &line)
                line += ":"
                Self.appendJSON(value, to: &line)
            }
            line += "}"
        }
        line += "\n"
        write(line)
    }

    /// Writes ``RequestLog``'s line without a metadata dictionary: the same bytes ``log(event:)``
    /// writes for message `request` with metadata `bytes`, `duration_ms`, `hb.request.id` (when
    /// given), `method`, `path` and `status` (already in key order). At tens of thousands of
    /// requests a second, building, merging and sorting the dictionary cost more than the rest
    /// of a request's logging. Returns false, writing nothing, when this handler has metadata of
    /// its own or from a provider (the caller then logs the general way, which merges them).
    func logRequest(method: String, path: String, status: Int, bytes: Int, durationMS: Double, requestID: String?) -> Bool {
        guard metadata.isEmpty, metadataProvider == nil else { return false }
        var line = ""
        line.reserveCapacity(200)
        let duration = durationMS.description
        switch format {
        case .text:
            line += Self.timestamp()
            line += " info "
            line += label
            line += ": request bytes="
            line += String(bytes)
            line += " duration_ms="
            Self.appendTextScalar(duration, to: &line)
            if let requestID {
                line += " hb.request.id="
                Self.appendTextScalar(requestID, to: &line)
            }
            line += " method="
            Self.appendTextScalar(method, to: &line)
            line += " path="
            Self.appendTextScalar(path, to: &line)
            line += " status="
            line += String(status)
        case .json:
            line += "{\"ts\":\""
            line += Self.timestamp()
            line += "\",\"level\":\"info\",\"label\":"
            Self.appendJSONString(label, to: &line)
            line += ",\"msg\":\"request\",\"bytes\":"
            line += String(bytes)
            line += ",\"duration_ms\":"
            if durationMS.isFinite { line += duration } else { Self.appendJSONString(duration, to: &line) }
            if let requestID {
                line += ",\"hb.request.id\":"
                Self.appendJSONString(requestID, to: &line)
            }
            line += ",\"method\":"
            Self.appendJSONString(method, to: &line)
            line += ",\"path\":"
            Self.appendJSONString(path, to: &line)
            line += ",\"status\":"
            line += String(status)
            line += "}"
        }
        line += "\n"
        write(line)
        return true
    }

    // MARK: Text

    private static func appendText(_ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let text): appendTextScalar(text, to: &line)
        case .stringConvertible(let convertible): appendTextScalar(convertible.description, to: &line)
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                appendText(element, to: &line)
            }
            line += "]"
        case .dictionary(let values):
            line += "{"
            for (index, key) in values.keys.sorted().enumerated() {
                if index > 0 { line += "," }
                line += key
                line += ":"
                if let element = values[key] { appendText(element, to: &line) }
            }
            line += "}"
        }
    }

    private static func appendTextScalar(_ text: String, to line: inout String) {
        let plain = !text.isEmpty && text.utf8.allSatisfy { $0 > 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "=") && $0 != 0x7F }
        if plain { line += text } else { appendJSONString(text, to: &line) }
    }

    // MARK: JSON

    private static func appendJSON(_ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let text): appendJSONString(text, to: &line)
        case .stringConvertible(let convertible):
            let text = convertible.description
            if convertible is any BinaryInteger || (convertible is Double && Double(text)?.isFinite == true) {
                line += text
            } else {
                appendJSONString(text, to: &line)
            }
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                appendJSON(element, to: &line)
            }
            line += "]"
        case .dictionary(let values):
            line += "{"
            for (index, key) in values.keys.sorted().enumerated() {
                if index > 0 { line += "," }
                appendJSONString(key, to: &line)
                line += ":"
                if let element = values[key] { appendJSON(element, to: &line) }
            }
            line += "}"
        }
    }

    /// JSON string escaping shared with the CLI (``JSONText``: `\b` and `\f` short, the other
    /// control characters `\u00XX`).
    private static func appendJSONString(_ text: String, to line: inout String) {
        JSONText.appendQuoted(text, to: &line)
    }

    // MARK: Time and output

    /// The last second formatted, shared by every handler (formatting a date costs more than
    /// the rest of a line).
    private static let secondText = Mutex(PerSecondCache<Int, String>())

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, now.
    private static func timestamp() -> String {
        let now = wallClockNow()
        let text = secondText.withLock { cache in
            cache.value(second: now.second, key: 0) { LocalDateTime(secondsSinceEpoch: now.second).description }
        }
        let millis = now.nanoseconds / 1_000_000
        return text + (millis < 10 ? ".00" : millis < 100 ? ".0" : ".") + String(millis) + "Z"
    }

    /// Writes a line to file descriptor 2 in one `write(2)` (repeated only if the kernel takes
    /// part of it).
    private static let standardError: @Sendable (String) -> Void = { line in
        var line = line
        line.withUTF8 { buffer in
            guard var base = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let written = systemWrite(2, base, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                left -= written
                base += written
            }
        }
    }
}

/// `write(2)` under a name no property shadows.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
