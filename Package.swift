// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "frontline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "frontline", targets: ["frontline"]),
        .library(name: "FrontlineCore", targets: ["FrontlineCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(name: "FrontlineCore", swiftSettings: strict),
        .target(
            name: "FrontlineStore",
            dependencies: [
                "FrontlineCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "FrontlineWeb",
            dependencies: [
                "FrontlineCore", "FrontlineStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "frontline",
            dependencies: [
                "FrontlineCore", "FrontlineStore", "FrontlineWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "FrontlineCoreTests", dependencies: ["FrontlineCore"]),
        .target(
            name: "FrontlineTestSupport",
            dependencies: ["FrontlineStore", .product(name: "Vapor", package: "vapor")],
            path: "Tests/FrontlineTestSupport"
        ),
        .testTarget(
            name: "FrontlineStoreTests",
            dependencies: ["FrontlineStore", "FrontlineCore", "FrontlineTestSupport"]
        ),
        .testTarget(
            name: "FrontlineWebTests",
            dependencies: [
                "FrontlineWeb", "FrontlineStore", "FrontlineCore", "FrontlineTestSupport",
                .product(name: "XCTVapor", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
