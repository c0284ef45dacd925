import ChatFiles
import Foundation

/// The `--json` output of `ls` and `stats`: objects with snake_case keys, sorted, pretty-printed.
///
/// The keys are part of the tool's interface and documented in the README; add keys, never rename them.
enum JSONOutput {
    /// Serializes an array or object as pretty-printed JSON with sorted keys and a final newline.
    static func render(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(
            withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Returns the object for one file. `metadata` is the stored JSON object as text, exactly as written.
    static func object(for file: ChatFile) -> [String: Any] {
        [
            "id": file.id,
            "chat_id": file.chatID,
            "user_id": file.userID,
            "filename": file.filename,
            "file_type": file.fileType.rawValue,
            "size_bytes": file.size,
            "sha256": file.blob.hex,
            "description": file.description ?? NSNull(),
            "metadata": file.metadata ?? NSNull(),
            "created_at": Formatting.timestamp(file.createdAt),
            "updated_at": Formatting.timestamp(file.updatedAt),
        ]
    }

    /// Returns the object for one chat with its owner and totals.
    static func object(for chat: ChatSummary, userID: String) -> [String: Any] {
        [
            "chat_id": chat.chatID,
            "user_id": userID,
            "file_count": chat.fileCount,
            "total_bytes": chat.totalSize,
            "last_updated_at": Formatting.timestamp(chat.lastUpdatedAt),
        ]
    }

    /// Returns the object for the store's totals, with ratios rounded to three decimals.
    static func object(for statistics: StoreStatistics) -> [String: Any] {
        [
            "files": statistics.files,
            "chats": statistics.chats,
            "blobs": statistics.blobs,
            "logical_bytes": statistics.logicalBytes,
            "unique_bytes": statistics.uniqueBytes,
            "stored_bytes": statistics.storedBytes,
            "deduplication_ratio": rounded(statistics.deduplicationRatio),
            "compression_ratio": rounded(statistics.compressionRatio),
            "garbage_blobs": statistics.garbageBlobs,
            "garbage_bytes": statistics.garbageBytes,
        ]
    }

    /// Returns the object for a garbage collection's report.
    static func object(for report: CollectionReport) -> [String: Any] {
        [
            "dry_run": report.isDryRun,
            "removed_blobs": report.removedBlobs,
            "removed_bytes": report.removedBytes,
            "kept_blobs": report.keptBlobs,
            "kept_bytes": report.keptBytes,
            "removed_orphans": report.removedOrphans,
            "removed_orphan_bytes": report.removedOrphanBytes,
            "removed_temporary_files": report.removedTemporaryFiles,
            "removed_temporary_bytes": report.removedTemporaryBytes,
            "elapsed_seconds": rounded(Formatting.secondsValue(report.elapsed)),
        ]
    }

    /// Returns the object for a verify report; each problem lists the files it affects.
    static func object(for report: VerifyReport) -> [String: Any] {
        [
            "healthy": report.isHealthy,
            "files_checked": report.filesChecked,
            "blobs_checked": report.blobsChecked,
            "blobs_rehashed": report.blobsRehashed,
            "problems": report.problems.map { problem in
                [
                    "kind": problem.kind.rawValue,
                    "blob": problem.blob.map { $0.hex } as Any? ?? NSNull(),
                    "message": problem.message,
                    "files": problem.files.map { ["chat_id": $0.chatID, "filename": $0.filename] },
                ] as [String: Any]
            },
            "orphan_files": report.orphanFiles,
            "orphan_bytes": report.orphanBytes,
            "temporary_files": report.temporaryFiles,
            "temporary_bytes": report.temporaryBytes,
            "elapsed_seconds": rounded(Formatting.secondsValue(report.elapsed)),
        ]
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
