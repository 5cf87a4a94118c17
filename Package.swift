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
        .target(name: "Spectrum", dependencies: ["Tensors"]),
        .executableTarget(
            name: "samlab",
            dependencies: [
                "Tensors",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "SpectrumTests", dependencies: ["Spectrum"]),
    ],
    swiftLanguageModes: [.v5]
)
