import Hummingbird

/// Lets a request through only when its `{token}` path parameter is the feed token; any other
/// request gets `404 Not Found`, the same answer as a path that does not exist, so a wrong
/// token tells nothing about whether private feeds are there.
///
/// The comparison takes the same time wherever the first difference is.
public struct TokenMiddleware<Context: RequestContext>: RouterMiddleware {
    private let token: [UInt8]

    /// Creates the middleware for a token.
    public init(token: String) {
        self.token = Array(token.utf8)
    }

    /// Passes the request on, or answers 404.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let given = context.parameters.get("token"), ConstantTime.equal(Array(given.utf8), token) else {
            throw HTTPError(.notFound)
        }
        return try await next(request, context)
    }
}

/// Comparisons that take the same time wherever the first difference is.
enum ConstantTime {
    /// Equality of two byte strings in time that depends only on their lengths.
    static func equal(_ a: some Collection<UInt8>, _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        if a.count != b.count { difference |= 1 }
        var index = 0
        for x in a {
            difference |= x ^ (index < b.count ? b[index] : 0)
            index += 1
        }
        // As many steps for a short guess as for a long one.
        while index < b.count {
            difference |= b[index]
            difference |= 1
            index += 1
        }
        return difference == 0
    }

    /// Equality of two byte arrays in time that depends only on their lengths.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        if a.count != b.count { difference |= 1 }
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
