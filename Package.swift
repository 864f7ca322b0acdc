// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Aarshjul",
    // macOS 15: `Mutex` (Synchronization) is macOS 15 / iOS 18; Scripts/check-availability holds the
    // sources to it in CI. Only macOS is named among Apple's platforms, as libical comes from
    // Homebrew there and from no package manager on iOS, tvOS, watchOS or visionOS.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ICalendar", targets: ["ICalendar"]),
        .library(name: "Aarshjul", targets: ["Aarshjul"]),
        .library(name: "AarshjulServer", targets: ["AarshjulServer"]),
        .library(name: "AarshjulSync", targets: ["AarshjulSync"]),
        // The sync state in PostgreSQL, for several servers sharing one state; a separate
        // product so that a library user who keeps the SQLite state does not build PostgresNIO.
        .library(name: "AarshjulPostgres", targets: ["AarshjulPostgres"]),
        .executable(name: "aarshjul", targets: ["aarshjul"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        // Hummingbird's own dependencies, named because the feed fast path uses them directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        // The sync state (SQLite) and the client that fetches remote sources.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        // The shared sync state (AarshjulPostgres), and the TLS it connects with.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"]), .brew(["libical"])]
        ),
        .target(name: "ICalendar", dependencies: ["CLibical"]),
        .target(
            name: "Aarshjul",
            dependencies: [
                "ICalendar",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            // Text the code serves or writes, kept as the files they are and compiled in as
            // bytes (`PackageResources`), so the binary needs no resource bundle beside it.
            resources: [
                .embedInCode("Resources/wheel.css"),
                .embedInCode("Resources/wheel.js"),
                .embedInCode("Resources/starter.nb.toml"),
                .embedInCode("Resources/starter.nn.toml"),
                .embedInCode("Resources/starter.en.toml"),
            ]
        ),
        .target(
            name: "AarshjulServer",
            dependencies: [
                "Aarshjul",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.embedInCode("Resources/index.css"), .embedInCode("Resources/plan-error.css")]
        ),
        .target(
            name: "AarshjulSync",
            dependencies: [
                "Aarshjul",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "AarshjulPostgres",
            dependencies: [
                "Aarshjul", "AarshjulSync",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "aarshjul",
            dependencies: [
                "Aarshjul", "ICalendar", "AarshjulServer", "AarshjulSync", "AarshjulPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar"]),
        .testTarget(
            name: "AarshjulTests",
            dependencies: ["Aarshjul", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["aarshjul", "Aarshjul", "ICalendar", "AarshjulSync", "AarshjulPostgres", "PostgresTestSupport"]
        ),
        // A real PostgreSQL server for the tests (initdb + pg_ctl on loopback), shared by the
        // sync and the serve tests.
        .target(name: "PostgresTestSupport", path: "Tests/PostgresTestSupport"),
        .testTarget(
            name: "AarshjulSyncTests",
            dependencies: [
                "AarshjulSync", "AarshjulPostgres", "PostgresTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The TLS tests ask the server, on the store's own connection, whether it is encrypted.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "AarshjulServerTests",
            dependencies: [
                "AarshjulServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The documentation (DocC catalogs in Sources/*/*.docc), built with swift-docc-plugin only on
// request so the plugin is not even resolved by a normal build:
// AARSHJUL_DOCS=1 swift package generate-documentation --target Aarshjul (Scripts/docs does all four).
if Context.environment["AARSHJUL_DOCS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
}

// The benchmark harness (Benchmarks/README.md), built only on request so CI and users do not
// build it: AARSHJUL_BENCHMARKS=1 swift build -c release --scratch-path .build-bench
if Context.environment["AARSHJUL_BENCHMARKS"] != nil {
    package.targets += [
        .executableTarget(
            name: "aarshjul-bench",
            dependencies: [
                "ICalendar", "CLibical", "Aarshjul", "AarshjulSync", "AarshjulPostgres", "PostgresTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/Sources/aarshjul-bench"
        ),
    ]
    package.products += [
        .executable(name: "aarshjul-bench", targets: ["aarshjul-bench"]),
    ]
}

// The libFuzzer targets (Fuzz/README.md), built only on request and only with the fuzzer and
// address sanitizers: AARSHJUL_FUZZ=1 swift build -c release --sanitize=fuzzer --sanitize=address
// -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz --product fuzz-read (Scripts/fuzz
// does this; Fuzz/README.md says why both forms). Each links only the modules it tests:
// ICalendar, or Aarshjul for the configuration and merge targets.
if Context.environment["AARSHJUL_FUZZ"] != nil {
    // libFuzzer provides `main`; the targets only define LLVMFuzzerTestOneInput.
    let fuzzSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("fuzz-read", ["ICalendar"]),
        ("fuzz-expand", ["ICalendar"]),
        ("fuzz-config", ["Aarshjul"]),
        ("fuzz-merge", ["Aarshjul", "ICalendar"]),
    ]
    for target in fuzzTargets {
        package.targets.append(.executableTarget(
            name: target.name, dependencies: target.dependencies,
            path: "Fuzz/Sources/\(target.name)", swiftSettings: fuzzSettings
        ))
        package.products.append(.executable(name: target.name, targets: [target.name]))
    }
}
