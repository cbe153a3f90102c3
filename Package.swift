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
        // BuilderChunking and the compiler hints parse the user's Swift; the import tests parse what `import` writes.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        // `make docs`: the DocC reference of the DSL (`swift package generate-documentation`).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
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
        // archdoc's pipeline, one module per stage, each depending only on the stages
        // before it (the README's "How archdoc is built" draws the graph):
        //
        // Basics: what every stage shares (processes, files, text scanning); nothing of the model.
        .target(name: "ArchdocBasics", dependencies: ["CArchdocProcess"]),
        // Starting a child in its own process group, with limits, killed with archdoc (fork/exec in C).
        .target(name: "CArchdocProcess"),
        // The resolved model, its validation rules and diagnostics. Imports only the DSL.
        .target(name: "ArchdocModel", dependencies: ["ArchitectureDescription"]),
        // Compiling and running the user's Swift, and the model cache.
        .target(
            name: "ArchdocLoading",
            dependencies: [
                "ArchdocModel", "ArchdocBasics", "ArchitectureDescription", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftParser", package: "swift-syntax"), .product(name: "SwiftSyntax", package: "swift-syntax"),
            ]
        ),
        // What each diagram shows: the views of a model.
        .target(name: "ArchdocViews", dependencies: ["ArchdocModel", "ArchdocBasics", "ArchitectureDescription"]),
        // The default templates (arc42 chapters, the site's layout) and the user's overrides.
        .target(
            name: "ArchdocTemplates",
            dependencies: ["ArchdocBasics", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates")]
        ),
        // The text renderers: C4-PlantUML, Mermaid, compose and arc42 Markdown. They
        // cannot see loading or the compose-file parser; the compose renderer writes YAML with Yams.
        .target(
            name: "ArchdocRenderers",
            dependencies: [
                "ArchdocViews", "ArchdocModel", "ArchdocTemplates", "ArchdocBasics", "ArchitectureDescription",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The SVG pictures of the views (Graphviz), and PlantUML's own drawings.
        .target(
            name: "ArchdocPictures",
            dependencies: [
                "ArchdocRenderers", "ArchdocViews", "ArchdocBasics", "CGraphviz",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Markdown (libcmark) and the HTML site.
        .target(
            name: "ArchdocSite",
            dependencies: [
                "ArchdocRenderers", "ArchdocViews", "ArchdocModel", "ArchdocTemplates", "ArchdocBasics",
                "ArchitectureDescription", "CCmark",
            ]
        ),
        // Reading compose files: YAML with lines, interpolation, compose's merge rules.
        .target(
            name: "ArchdocComposeFiles",
            dependencies: ["ArchdocBasics", "ArchdocModel", "ArchitectureDescription", .product(name: "Yams", package: "Yams")]
        ),
        // `check`: generated files against the disk, compose files against the model.
        .target(
            name: "ArchdocDrift",
            dependencies: ["ArchdocComposeFiles", "ArchdocCIFiles", "ArchdocManifestFiles", "ArchdocRenderers", "ArchdocModel", "ArchdocBasics", "ArchitectureDescription"]
        ),
        // Reading CI definition files (GitLab CI, GitHub Actions) for `check`, with lines.
        .target(name: "ArchdocCIFiles", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Reading Kubernetes manifests for `check`, with lines.
        .target(name: "ArchdocManifestFiles", dependencies: [.product(name: "Yams", package: "Yams")]),
        // `import`: a compose file to a Swift architecture.
        .target(
            name: "ArchdocImport",
            dependencies: ["ArchdocComposeFiles", "ArchdocRenderers", "ArchdocModel", "ArchdocBasics", "ArchitectureDescription"]
        ),
        // The pipelines the commands run (generate, check, import, watch) and the output writer.
        .target(
            name: "ArchdocGeneration",
            dependencies: [
                "ArchdocLoading", "ArchdocModel", "ArchdocViews", "ArchdocRenderers", "ArchdocPictures", "ArchdocSite",
                "ArchdocComposeFiles", "ArchdocCIFiles", "ArchdocManifestFiles", "ArchdocDrift", "ArchdocImport", "ArchdocBasics",
            ]
        ),
        // The docs server: Hummingbird, serving a built site with live reload. It knows
        // nothing of the pipeline: the CLI hands it the folder and the rebuild events.
        .target(
            name: "ArchdocServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "archdoc",
            dependencies: [
                "ArchdocGeneration",
                "ArchdocModel",
                "ArchdocBasics",
                "ArchdocServer",
                "ArchdocAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: stage timings, peak memory and peers (not a test target).
        // With archdoc's allocator, so that the in-process stages measure what archdoc runs.
        .executableTarget(
            name: "archdoc-bench",
            dependencies: [
                "ArchdocGeneration", "ArchdocLoading", "ArchdocModel", "ArchdocViews", "ArchdocRenderers", "ArchdocPictures",
                "ArchdocSite", "ArchdocComposeFiles", "ArchdocManifestFiles", "ArchdocDrift", "ArchdocBasics", "ArchitectureDescription", "ArchdocAllocator",
            ]
        ),
        .testTarget(
            name: "ArchitectureDescriptionTests",
            dependencies: ["ArchitectureDescription"]
        ),
        // Helpers shared by the test targets, such as reading Markdown tables back.
        .target(
            name: "TestSupport",
            dependencies: ["ArchdocLoading", "ArchdocModel", "ArchitectureDescription"],
            path: "Tests/TestSupport"
        ),
        // One unit-test target per module; each tests its module through its `package` API.
        .testTarget(name: "ArchdocModelTests", dependencies: ["ArchdocModel", "ArchitectureDescription"]),
        .testTarget(
            name: "ArchdocLoadingTests",
            dependencies: [
                "TestSupport", "ArchdocLoading", "ArchdocModel", "ArchitectureDescription",
                .product(name: "SwiftParser", package: "swift-syntax"), .product(name: "SwiftSyntax", package: "swift-syntax"),
            ]
        ),
        .testTarget(name: "ArchdocViewsTests", dependencies: ["ArchdocViews", "ArchdocModel", "ArchitectureDescription"]),
        .testTarget(name: "ArchdocRenderersTests", dependencies: ["ArchdocRenderers", "ArchdocViews", "ArchdocModel", "ArchdocBasics", "ArchitectureDescription", "TestSupport", "ArchdocLoading", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "ArchdocPicturesTests", dependencies: ["TestSupport", "ArchdocLoading", "ArchdocPictures", "ArchdocViews", "ArchdocModel", "ArchitectureDescription", .product(name: "SnapshotTesting", package: "swift-snapshot-testing")], exclude: ["__Snapshots__"]),
        .testTarget(name: "ArchdocSiteTests", dependencies: ["ArchdocGeneration", "ArchdocLoading", "ArchdocSite", "ArchdocRenderers", "ArchdocModel", "ArchdocTemplates", "ArchdocBasics", "ArchitectureDescription", "TestSupport"]),
        .testTarget(name: "ArchdocDriftTests", dependencies: ["TestSupport", "ArchdocLoading", "ArchdocDrift", "ArchdocCIFiles", "ArchdocComposeFiles", "ArchdocRenderers", "ArchdocModel", "ArchitectureDescription"]),
        .testTarget(
            name: "ArchdocImportTests",
            dependencies: [
                "ArchdocImport", "ArchdocComposeFiles", "ArchdocLoading", "ArchitectureDescription", "TestSupport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ]
        ),
        .testTarget(name: "ArchdocGenerationTests", dependencies: ["TestSupport", "ArchdocGeneration", "ArchdocPictures", "ArchdocLoading", "ArchdocModel", "ArchdocBasics", "ArchitectureDescription", .product(name: "SnapshotTesting", package: "swift-snapshot-testing")], exclude: ["__Snapshots__"]),
        // The built binary, run as a user runs it.
        .testTarget(name: "EndToEndTests", dependencies: ["ArchdocComposeFiles", "ArchdocDrift", "ArchdocManifestFiles", "ArchdocModel", "ArchdocRenderers", "ArchdocLoading", "ArchdocBasics", "TestSupport", .product(name: "Yams", package: "Yams")]),
    ],
    swiftLanguageModes: [.v6]
)
