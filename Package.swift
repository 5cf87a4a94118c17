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
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(name: "ProcessSupport"),
        .target(name: "Plotting", dependencies: ["ProcessSupport"]),
        .target(name: "Tensors", dependencies: ["CBLAS"]),
        .target(name: "Autodiff", dependencies: ["Tensors"]),
        .target(name: "Datasets", dependencies: ["Tensors", "CZlib", "ProcessSupport"]),
        .target(name: "Optimizers", dependencies: ["Tensors"]),
        .target(name: "Experiments", dependencies: ["ProcessSupport", "Plotting", "Tensors", "Autodiff", "Datasets", "NN", "Optimizers", "Spectrum"]),
        .target(name: "SamLanguage"),
        .target(name: "Spectrum", dependencies: ["Tensors"]),
        .target(name: "NN", dependencies: ["Autodiff", "ProcessSupport", "Tensors", "Datasets"]),
        .target(name: "SamInterpreter", dependencies: ["ProcessSupport", "SamLanguage", "Tensors", "Autodiff", "Datasets", "NN", "Optimizers", "Spectrum", "Plotting", "Experiments"]),
        .target(name: "SamREPL", dependencies: ["ProcessSupport", "SamInterpreter", "SamLanguage", "CReadline"]),
        .executableTarget(
            name: "samlab",
            dependencies: [
                "ProcessSupport", "Tensors", "Autodiff", "NN", "Optimizers", "Spectrum", "Datasets", "Plotting", "Experiments", "SamLanguage", "SamInterpreter", "SamREPL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "TestSupport", dependencies: ["Tensors", "Autodiff"], path: "Tests/TestSupport"),
        .testTarget(name: "ProcessSupportTests", dependencies: ["ProcessSupport"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "TestSupport"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "TestSupport"]),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "ProcessSupport", "TestSupport"]),
        .testTarget(name: "OptimizersTests", dependencies: ["Optimizers", "TestSupport"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Datasets", "TestSupport"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["ProcessSupport", "Plotting", "Experiments", "Datasets", "NN", "Optimizers", "TestSupport"]),
        .testTarget(name: "SamLanguageTests", dependencies: ["SamLanguage"]),
        .testTarget(name: "SpectrumTests", dependencies: ["Spectrum"]),
        .testTarget(name: "SamlabCLITests", dependencies: ["samlab", "Experiments", "TestSupport"], exclude: ["ResultsGolden"]),
        .testTarget(name: "SamInterpreterTests", dependencies: ["SamInterpreter", "TestSupport", "NN", "Datasets", "Tensors"], exclude: ["Golden"]),
        .testTarget(name: "SamREPLTests", dependencies: ["ProcessSupport", "SamREPL", "SamInterpreter", "SamLanguage"]),
    ],
    swiftLanguageModes: [.v5]
)
