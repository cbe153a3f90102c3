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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(name: "ArchitectureDescription"),
        // libcmark renders every Markdown page of the site.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        // Graphviz lays out the SVG pictures of the views.
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        // mimalloc serves every allocation of the executables on Linux, in place of glibc's malloc.
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        // The executables' allocator: linking this module (not the library) chooses it.
        .target(name: "ArchdocAllocator", dependencies: [.target(name: "CMimalloc", condition: .when(platforms: [.linux]))]),
        .target(
            name: "ArchdocKit",
            dependencies: [
                "ArchitectureDescription",
                "CCmark",
                "CGraphviz",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")]
        ),
        // The docs server: Hummingbird, kept out of ArchdocKit so the core builds fast.
        .target(
            name: "ArchdocServer",
            dependencies: [
                "ArchdocKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "archdoc",
            dependencies: [
                "ArchdocKit",
                "ArchdocServer",
                "ArchdocAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: stage timings, peak memory and peers (not a test target).
        // With archdoc's allocator, so that the in-process stages measure what archdoc runs.
        .executableTarget(name: "archdoc-bench", dependencies: ["ArchdocKit", "ArchitectureDescription", "ArchdocAllocator"]),
        .testTarget(
            name: "ArchitectureDescriptionTests",
            dependencies: ["ArchitectureDescription"]
        ),
        // Helpers shared by the test targets, such as reading Markdown tables back.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ArchdocKitTests",
            dependencies: [
                "ArchdocKit",
                "TestSupport",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["ArchdocKit", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
