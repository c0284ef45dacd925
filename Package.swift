// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ChatFiles",
    products: [
        .library(name: "ChatFiles", targets: ["ChatFiles"]),
        .executable(name: "chatfiles", targets: ["chatfiles"]),
    ],
    targets: [
        // C libraries, each behind a module map and a shim header.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),

        // Content-addressed blobs: digests, hashing, zlib streams and durable publication.
        .target(
            name: "BlobStore",
            dependencies: ["CZlib", "CCrypto"]
        ),

        // The public store: the chat_files index in SQLite on top of the blob store.
        .target(
            name: "ChatFiles",
            dependencies: ["BlobStore", "CSQLite"]
        ),

        // The command-line tool: argument parsing, help and the commands, tested in-process.
        .target(
            name: "ChatFilesCLI",
            dependencies: ["ChatFiles"]
        ),

        // The `chatfiles` executable: a thin entry point that runs ChatFilesCLI.
        .executableTarget(
            name: "chatfiles",
            dependencies: ["ChatFilesCLI"]
        ),

        // A worker process that tests start to write from several processes at once.
        .executableTarget(
            name: "chatfiles-test-worker",
            dependencies: ["ChatFiles"],
            path: "Tests/Worker"
        ),

        // The benchmark: the store against codec bounds, content inline in SQLite, and plain files.
        .executableTarget(
            name: "chatfiles-bench",
            dependencies: ["ChatFiles", "BlobStore", "CSQLite", "CZlib", "CCrypto"],
            path: "Benchmarks/ChatFilesBenchmarks"
        ),

        .testTarget(
            name: "BlobStoreTests",
            dependencies: ["BlobStore"]
        ),
        .testTarget(
            name: "ChatFilesTests",
            dependencies: ["ChatFiles", "BlobStore", "chatfiles-test-worker"]
        ),
        .testTarget(
            name: "ChatFilesCLITests",
            dependencies: ["ChatFilesCLI", "chatfiles"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
