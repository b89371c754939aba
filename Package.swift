// swift-tools-version: 6.0
// Folio: a literate notebook runner for executable essays about deep learning.
// Module layout and dependency direction: docs/architecture.md (the core knows nothing of notebooks).
import PackageDescription

let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Folio",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "folio", targets: ["folio"]),
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "Learning", targets: ["Learning"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Plotting", targets: ["Plotting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // `folio preview`'s local server; service-lifecycle, NIO and swift-log come with it (Ctrl-C,
        // bind errors, a quiet server log).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(name: "Ccmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // One C function: glibc's allocator settings (mallopt), which Swift's Glibc module does not export.
        .target(name: "CAllocator"),
        // The numerical core is compiled with optimization even in debug builds: its generic
        // per-element loops run 20-50x slower unoptimized, which would make the training tests
        // (run by CI in debug) take minutes.
        .target(name: "Tensors", dependencies: ["CBLAS", "CAllocator"], swiftSettings: optimizedInDebug),
        .target(name: "Learning", dependencies: ["Tensors"], swiftSettings: optimizedInDebug),
        .target(name: "Analysis", dependencies: ["Learning", "Tensors"]),
        // The checked conversion from a number to a count or size, shared by every module below.
        .target(name: "WholeNumbers"),
        // The one escaper and id rule for HTML, SVG and MathML, shared by Plotting and Reports.
        .target(name: "Markup"),
        .target(name: "Plotting", dependencies: ["WholeNumbers", "Markup"]),
        .target(name: "Notebooks", dependencies: ["Ccmark", "Yams", "WholeNumbers"]),
        .target(
            name: "Runner",
            dependencies: [
                "Notebooks", "Learning", "Analysis", "Plotting", "Tensors", "WholeNumbers",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "Reports",
            dependencies: ["Runner", "Notebooks", "Plotting", "WholeNumbers", "Markup", .product(name: "Mustache", package: "swift-mustache")]),
        .executableTarget(
            name: "folio",
            dependencies: [
                "Runner", "Reports", "Notebooks", "Learning", "Analysis", "Tensors", "Markup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "Tensors"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Learning", "Tensors"]),
        // Snapshots are read from the source tree by path (#filePath), not bundled.
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "Markup"], exclude: ["Snapshots"]),
        .testTarget(name: "WholeNumbersTests", dependencies: ["WholeNumbers"]),
        .testTarget(name: "MarkupTests", dependencies: ["Markup"]),
        .testTarget(name: "NotebooksTests", dependencies: ["Notebooks"]),
        .testTarget(name: "RunnerTests", dependencies: ["Runner", "Notebooks", "Learning", "Analysis", "Tensors", "Plotting"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Runner", "Notebooks", "Tensors", "Markup"]),
        .testTarget(name: "FolioCLITests", dependencies: ["folio", "Tensors"]),
    ]
)
