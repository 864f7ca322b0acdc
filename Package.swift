// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Aarshjul",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ICalendar", targets: ["ICalendar"]),
        .library(name: "Aarshjul", targets: ["Aarshjul"]),
        .executable(name: "aarshjul", targets: ["aarshjul"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"])]
        ),
        .target(name: "ICalendar", dependencies: ["CLibical"]),
        .target(name: "Aarshjul", dependencies: ["ICalendar"]),
        .executableTarget(
            name: "aarshjul",
            dependencies: [
                "Aarshjul", "ICalendar",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar"]),
        .testTarget(name: "AarshjulTests", dependencies: ["Aarshjul"]),
        .testTarget(name: "aarshjulTests", dependencies: ["aarshjul"]),
    ],
    swiftLanguageModes: [.v6]
)
