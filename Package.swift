// swift-tools-version:6.0
// samlab: Sharpness-Aware Minimization and Hessian-spectrum experiments, scripted in `.sam`.
import PackageDescription

let package = Package(
    name: "samlab",
    products: [
        .executable(name: "samlab", targets: ["samlab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(
            name: "CReadline", pkgConfig: "readline",
            providers: [.apt(["libreadline-dev"])]),
        .target(name: "Tensors", dependencies: ["CBLAS"]),
        .target(name: "Autodiff", dependencies: ["Tensors"]),
        .target(name: "Optimizers", dependencies: ["Tensors"]),
        .target(name: "NN", dependencies: ["Autodiff", "Tensors"]),
        .target(name: "Experiments", dependencies: ["Tensors", "Autodiff", "Optimizers"]),
        .executableTarget(
            name: "samlab",
            dependencies: [
                "Tensors", "Autodiff",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "TestSupport", dependencies: ["Tensors", "Autodiff"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "TestSupport"]),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "TestSupport"]),
        .testTarget(name: "OptimizersTests", dependencies: ["Optimizers", "TestSupport"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "TestSupport"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
