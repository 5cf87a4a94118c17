import Foundation

/// Makes sure OpenBLAS runs its fastest kernels on this CPU.
///
/// OpenBLAS picks its kernel family once, when the library is loaded (before `main`). Older builds (Debian's
/// 0.3.21 among them) do not recognise some newer CPUs and fall back to generic kernels ("Prescott"), which
/// run sgemm several times slower. ``ensureOptimalKernel(arguments:)`` detects that case from
/// `openblas_get_corename()` and the CPU's feature flags, and re-executes the process once with
/// `OPENBLAS_CORETYPE` set to the best family the CPU supports. A user's own `OPENBLAS_CORETYPE` always
/// wins, and `SAMLAB_NO_REEXEC=1` disables the mechanism.
public enum BLASKernelSelection {
    /// Kernel families that are generic fallbacks rather than tuned code for a modern CPU.
    static let genericCores: Set<String> = ["prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "unknown", "katmai", "coppermine", "northwood", "banias", "athlon", "opteron", "barcelona", "bobcat"]

    /// The best OpenBLAS kernel family for a CPU with these `/proc/cpuinfo` flags, or nil if none fits.
    public static func recommendedCore(cpuFlags: Set<String>) -> String? {
        if cpuFlags.contains("avx512f") && cpuFlags.contains("avx512bw") && cpuFlags.contains("avx512vl") { return "SkylakeX" }
        if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { return "Haswell" }
        if cpuFlags.contains("avx") { return "SandyBridge" }
        return nil
    }

    /// Whether a loaded core is a generic fallback that a better family should replace.
    public static func isGenericFallback(_ coreName: String) -> Bool { genericCores.contains(coreName.lowercased()) }

    /// The CPU feature flags of this machine (Linux `/proc/cpuinfo`; empty elsewhere).
    public static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }

    /// If OpenBLAS loaded a generic kernel on a CPU that supports a tuned one, re-executes this process
    /// with `OPENBLAS_CORETYPE` set (never returns in that case). Otherwise returns the kernel in use.
    @discardableResult
    public static func ensureOptimalKernel(arguments: [String] = CommandLine.arguments) -> String {
        let core = BLAS.coreName
        let env = ProcessInfo.processInfo.environment
        guard env["OPENBLAS_CORETYPE"] == nil, env["SAMLAB_NO_REEXEC"] == nil, env["SAMLAB_REEXECED"] == nil,
              isGenericFallback(core), let better = recommendedCore(cpuFlags: cpuFlags()) else { return core }
        setenv("OPENBLAS_CORETYPE", better, 1)
        setenv("SAMLAB_REEXECED", "1", 1)
        let executable = "/proc/self/exe"
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv(executable, argv)
        // execv only returns on failure: carry on with the kernel we have.
        return core
    }
}
