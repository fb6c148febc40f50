// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ppo",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PPOEngine", targets: ["PPOEngine"]),
        .executable(name: "ppo", targets: ["ppo"]),
        .executable(name: "ppod", targets: ["ppod"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The daemon's stack. Hummingbird's default traits pull in swift-configuration, which ppod
        // does not use: leaving them off saves CI a package build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Under Hummingbird too: named for the header field names of the digest headers.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already under Hummingbird; named for the connection timeout handler (a NIO channel handler
        // on Hummingbird's HTTP/1 request and response parts).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        // Already under Hummingbird; named so the rules watcher and the daily run are services.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Already under Hummingbird; named for `--tls-cert` and `--tls-key` (HTTPS).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The web interface's pages: templates that escape every value by default.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The engine embeds anywhere: Foundation and the standard library only.
        .target(name: "PPOEngine"),
        .executableTarget(
            name: "ppo",
            dependencies: [
                "PPOEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The daemon: routes, middleware and the SQLite store over the same engine.
        .executableTarget(
            name: "ppod",
            dependencies: [
                "PPOEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        // `swift run -c release ppo-bench`: every figure in BENCHMARKS.md.
        .executableTarget(name: "ppo-bench", dependencies: ["PPOEngine"]),
        .testTarget(name: "PPOEngineTests", dependencies: ["PPOEngine"], resources: [.copy("Golden")]),
        .testTarget(name: "ppoTests", dependencies: ["PPOEngine"]),
        // Starts the built `ppod` on a loopback port and talks HTTP to it; table tests of its parts.
        .testTarget(name: "ppodTests", dependencies: [
            "PPOEngine", "ppod", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
