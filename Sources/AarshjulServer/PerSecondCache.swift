#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall clock as whole seconds since 1970 and the nanoseconds into the second.
func wallClockNow() -> (second: Int, nanoseconds: Int) {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return (Int(spec.tv_sec), Int(spec.tv_nsec))
}

/// A value made from the current second (and a key), made again only when either changes:
/// the one per-second cache behind the log lines' timestamps and the fast path's `Date`
/// headers, where formatting a date costs more than the rest of the work.
struct PerSecondCache<Key: Equatable, Value> {
    private var entry: (second: Int, key: Key, value: Value)?

    /// An empty cache.
    init() {}

    /// The value for `second` and `key`, from `make` when the cached one is for another.
    mutating func value(second: Int, key: Key, make: () -> Value) -> Value {
        if let entry, entry.second == second, entry.key == key { return entry.value }
        let value = make()
        entry = (second, key, value)
        return value
    }
}

extension PerSecondCache: Sendable where Key: Sendable, Value: Sendable {}
