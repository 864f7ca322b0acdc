import Aarshjul
import Foundation

/// Standard output and error, and whether they are a terminal.
enum Terminal {
    static var isInteractive: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Ends the process with status 0 once a command has written everything, without
    /// releasing what it built: a large calendar is hundreds of thousands of objects, and
    /// freeing them one by one only to exit is wasted time. Standard I/O buffers are flushed
    /// (`exit` runs them down); call it only after the command's own output is flushed.
    static func exitWithoutTeardown() -> Never {
        fflush(nil)
        exit(EXIT_SUCCESS)
    }

    /// Whether standard error is a terminal (progress lines go there only then).
    static var standardErrorIsInteractive: Bool { isatty(STDERR_FILENO) != 0 }

    /// Colours only on a terminal, and never when NO_COLOR is set (no-color.org).
    static var wantsColor: Bool {
        isInteractive && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Writes text to standard output as it is (its UTF-8 bytes, no copy for a native string).
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { OutputBuffer.writeAll($0, to: STDOUT_FILENO) }
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Bytes on their way to a file descriptor, written in blocks of about 64 KiB as they are
/// made, so a long listing is never held whole as a `String`.
///
/// ```swift
/// var out = OutputBuffer(descriptor: STDOUT_FILENO)
/// out.append("start,end\r\n")
/// out.flush()
/// ```
struct OutputBuffer {
    /// Bytes not yet written.
    private(set) var bytes: [UInt8] = []
    private let descriptor: Int32
    private let blockSize: Int

    /// A buffer for `descriptor`, written whenever `blockSize` bytes are waiting.
    init(descriptor: Int32, blockSize: Int = 1 << 16) {
        self.descriptor = descriptor
        self.blockSize = blockSize
        bytes.reserveCapacity(blockSize + 4_096)
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends bytes.
    @inline(__always)
    mutating func append(_ other: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: other)
    }

    /// Lets `body` append to the bytes waiting.
    @inline(__always)
    mutating func withBytes<Result>(_ body: (inout [UInt8]) -> Result) -> Result {
        body(&bytes)
    }

    /// Writes what is waiting when a block is full; call after each record.
    @inline(__always)
    mutating func recordEnded() {
        if bytes.count >= blockSize { flush() }
    }

    /// Writes everything waiting.
    mutating func flush() {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { Self.writeAll($0, to: descriptor) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// `write(2)` until every byte is taken (or the descriptor fails, e.g. a closed pipe).
    static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        guard var base = buffer.baseAddress else { return }
        var left = buffer.count
        while left > 0 {
            let written = Foundation.write(descriptor, base, left)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            left -= written
            base += written
        }
    }
}

/// JSON text for strings on the CLI's output buffer, escaped by ``JSONText`` (as Python's
/// `json.dumps(ensure_ascii=False)` does, so the output compares with the oracle's byte for byte).
enum JSON {
    /// The quoted, escaped string.
    static func string(_ text: String) -> String {
        JSONText.quoted(text)
    }

    /// Appends the quoted, escaped string.
    ///
    /// - Complexity: O(*n*) in the UTF-8 length; one copy when nothing needs escaping.
    @inline(__always)
    static func append(_ text: String, to out: inout OutputBuffer) {
        out.withBytes { JSONText.appendQuoted(text, to: &$0) }
    }
}
