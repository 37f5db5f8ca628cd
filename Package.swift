// swift-tools-version:6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "tokensh",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tokensh", targets: ["tokensh"]),
        .executable(name: "tokensh-sandbox", targets: ["tokensh-sandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        .systemLibrary(
            name: "CKeyutils",
            pkgConfig: "libkeyutils",
            providers: [.apt(["libkeyutils-dev"])]
        ),
        .target(name: "CShims", dependencies: ["CEditLine", "CCurl"]),
        // libsecret, opened on first use, behind plain C types: Swift never imports GLib, and a
        // start-up loads none of it.
        .target(name: "CSecretShims", linkerSettings: [.linkedLibrary("dl")]),
        // Process control the Glibc module does not import (closefrom in spawn, prctl).
        .target(name: "CProcessShims"),
        // Token formats and codecs (npm token and checksum, TOTP, Base32/62, IPv4 CIDR, JSON text,
        // ISO timestamps, terminal-safe text): what the shell and the sandbox both need, and
        // nothing else, so the sandbox does not link the interpreter.
        .target(
            name: "TokenCodecs",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TokenShellCore",
            dependencies: ["TokenCodecs", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TokenShellTerminal",
            dependencies: ["TokenShellCore", "CEditLine", "CShims", "CProcessShims"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TokenShellHTTP",
            dependencies: ["TokenShellCore", "CCurl", "CShims"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TokenShellSystem",
            dependencies: ["TokenShellCore", "CProcessShims"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TokenShellKeyring",
            dependencies: [
                "TokenShellCore", "TokenShellSystem", "CSecretShims", "CKeyutils",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SandboxRegistry",
            dependencies: [
                "TokenCodecs",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "tokensh",
            dependencies: [
                "TokenShellCore", "TokenShellTerminal", "TokenShellHTTP", "TokenShellSystem", "TokenShellKeyring",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // The sandbox registry in its own executable: the shell's start-up never loads the server library.
        .executableTarget(
            name: "tokensh-sandbox",
            dependencies: [
                "TokenCodecs", "SandboxRegistry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Timings for scripts/bench (TAB completion in process); not installed.
        .executableTarget(name: "tokensh-bench", dependencies: ["TokenShellCore"], swiftSettings: strictSettings),
        .testTarget(name: "TokenShellCoreTests", dependencies: ["TokenShellCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "TokenShellCommandTests",
            dependencies: [
                "tokensh", "TokenShellCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TokenShellSystemTests",
            dependencies: ["TokenShellSystem", "TokenShellCore", "TokenShellKeyring"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SandboxRegistryTests",
            dependencies: ["SandboxRegistry", "TokenShellCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TokenShellTerminalTests",
            dependencies: ["TokenShellTerminal", "TokenShellCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TokenShellHTTPTests",
            dependencies: [
                "TokenShellHTTP", "SandboxRegistry", "TokenShellCore",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
