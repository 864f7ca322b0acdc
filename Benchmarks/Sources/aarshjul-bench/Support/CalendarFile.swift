import Foundation

/// A file's bytes, read once, NUL-terminated, handed to libical as a C string and to
/// `ICalendarReader` as `Data` without a copy, so both parsers start from the same memory.
struct CalendarFile {
    let path: String
    /// The contents followed by one NUL.
    private let storage: [UInt8]

    /// The size of the file in bytes.
    var count: Int { storage.count - 1 }

    init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw BenchmarkError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw BenchmarkError("cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        let size = Int(status.st_size)
        var failure: String?
        storage = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
            var done = 0
            while done < size {
                let got = read(descriptor, buffer.baseAddress! + done, size - done)
                if got <= 0 {
                    failure = got == 0 ? "the file shrank while it was read" : String(cString: strerror(errno))
                    break
                }
                done += got
            }
            buffer[done] = 0
            initialized = done + 1
        }
        if let failure { throw BenchmarkError("cannot read \(path): \(failure)") }
    }

    /// The contents as a NUL-terminated C string (valid only inside `body`).
    func withCString<T>(_ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        try storage.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// The contents as `Data` sharing this file's memory (valid only inside `body`).
    func withData<T>(_ body: (Data) throws -> T) rethrows -> T {
        try storage.withUnsafeBufferPointer { buffer in
            let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: buffer.baseAddress!), count: count,
                            deallocator: .none)
            return try body(data)
        }
    }
}

/// A failure of the harness itself, with what to do about it.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
