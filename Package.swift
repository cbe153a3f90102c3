// swift-tools-version:6.1

import PackageDescription

let package = Package(
    name: "archdoc",
    platforms: [.macOS(.v14)],
    products: [
        // The DSL that users import in `architecture/*.swift`. It is dynamic so that
        // archdoc can compile the user's files against it at run time.
        .library(name: "ArchitectureDescription", type: .dynamic, targets: ["ArchitectureDescription"]),
        .executable(name: "archdoc", targets: ["archdoc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .target(name: "ArchitectureDescription"),
        .target(
            name: "ArchdocKit",
            dependencies: [
                "ArchitectureDescription",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")]
        ),
        .executableTarget(
            name: "archdoc",
            dependencies: [
                "ArchdocKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ArchitectureDescriptionTests",
            dependencies: ["ArchitectureDescription"]
        ),
        .testTarget(
            name: "ArchdocKitTests",
            dependencies: [
                "ArchdocKit",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["ArchdocKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
