// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ppo",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PPOEngine", targets: ["PPOEngine"]),
        .executable(name: "ppo", targets: ["ppo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        // `swift run -c release ppo-bench`: every figure in BENCHMARKS.md.
        .executableTarget(name: "ppo-bench", dependencies: ["PPOEngine"]),
        .testTarget(name: "PPOEngineTests", dependencies: ["PPOEngine"], resources: [.copy("Golden")]),
        .testTarget(name: "ppoTests", dependencies: ["PPOEngine"]),
    ]
)
