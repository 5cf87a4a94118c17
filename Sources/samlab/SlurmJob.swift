import Foundation

/// The Slurm job array `samlab sweep FILE --emit slurm --shards N` writes into `OUT/slurm/`:
///
/// - `sweep.sbatch`: an array of N tasks; task i runs `samlab run FILE --shard i/N --out OUT/shards/i-of-N`
///   with `OPENBLAS_NUM_THREADS` set to the task's CPUs;
/// - `merge.sbatch`: `samlab merge` of the N shard directories into OUT (which also draws the figures);
/// - `submit.sh`: submits the array, then the merge with `--dependency=afterok` on it.
///
/// Paths are absolute and the tasks start in the directory `samlab sweep` ran in, so relative data paths
/// in the script resolve as they do locally. A shard that is resubmitted resumes where it stopped.
struct SlurmJob {
    var executable: String
    var script: String
    var outputDirectory: String
    var workingDirectory: String
    var shards: Int
    var seed: UInt64
    var overrides: [String]
    var overwrite: Bool
    var cpusPerTask: Int
    var partition: String?
    var timeLimit: String?
    var memory: String?

    var slurmDirectory: String { outputDirectory + "/slurm" }
    var shardDirectories: [String] { (1...shards).map { "\(outputDirectory)/shards/\($0)-of-\(shards)" } }
    private var name: String { ((script as NSString).lastPathComponent as NSString).deletingPathExtension }

    /// The three files as (file name, text).
    var files: [(name: String, text: String)] {
        [("sweep.sbatch", arrayScript), ("merge.sbatch", mergeScript), ("submit.sh", submitScript)]
    }

    /// Writes the files (executable) and returns their paths.
    func write() throws -> [String] {
        try FileManager.default.createDirectory(atPath: slurmDirectory, withIntermediateDirectories: true)
        return try files.map { file in
            let path = slurmDirectory + "/" + file.name
            try file.text.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            return path
        }
    }

    private func directives(job: String, log: String, cpus: Int) -> [String] {
        var lines = ["#!/bin/bash", "#SBATCH --job-name=\(job)", "#SBATCH --output=\(log)", "#SBATCH --cpus-per-task=\(cpus)"]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let timeLimit { lines.append("#SBATCH --time=\(timeLimit)") }
        if let memory { lines.append("#SBATCH --mem=\(memory)") }
        return lines
    }

    var arrayScript: String {
        var lines = directives(job: "samlab-\(name)", log: "\(slurmDirectory)/shard-%a.log", cpus: cpusPerTask)
        lines.append("#SBATCH --array=1-\(shards)")
        lines += [
            "# One task per shard of \(script); written by samlab sweep --emit slurm.",
            "set -euo pipefail",
            "cd \(Self.quoted(workingDirectory))",
            "export OPENBLAS_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-\(cpusPerTask)}\"",
            "shard=\"${SLURM_ARRAY_TASK_ID:?run this script with sbatch (or set SLURM_ARRAY_TASK_ID)}\"",
            "exec " + ([Self.quoted(executable), "run", Self.quoted(script), "--shard", "\"$shard/\(shards)\"",
                        "--out", Self.quoted(outputDirectory + "/shards/") + "\"$shard\"" + Self.quoted("-of-\(shards)"),
                        "--seed", String(seed), "--quiet"] + overrides.flatMap { ["--set", Self.quoted($0)] }
                       + (overwrite ? ["--overwrite"] : [])).joined(separator: " "),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    var mergeScript: String {
        var lines = directives(job: "samlab-\(name)-merge", log: "\(slurmDirectory)/merge.log", cpus: 1)
        lines += [
            "# Assembles the shards of \(script) into \(outputDirectory); submit after the array (see submit.sh).",
            "set -euo pipefail",
            "cd \(Self.quoted(workingDirectory))",
            "exec " + ([Self.quoted(executable), "merge"] + shardDirectories.map(Self.quoted) + ["--out", Self.quoted(outputDirectory)]).joined(separator: " "),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    var submitScript: String {
        """
        #!/bin/sh
        # Submits the sweep's job array, then the merge once every shard has succeeded.
        set -eu
        cd \(Self.quoted(slurmDirectory))
        array=$(sbatch --parsable sweep.sbatch)
        array=${array%%;*}
        merge=$(sbatch --parsable --dependency=afterok:"$array" merge.sbatch)
        echo "submitted array job $array (\(shards) shards) and merge job ${merge%%;*}"

        """
    }

    /// A word for the shell: single-quoted unless it is plainly safe.
    static func quoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-=:,+@%")
        if !word.isEmpty && word.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
