import Dispatch

/// Splits large loops of the tensor kernels over the machine's cores.
///
/// A loop is cut into contiguous ranges that are processed concurrently (`DispatchQueue.concurrentPerform`)
/// when its work is large enough to pay for waking the other threads. Loops split this way only do work
/// whose results do not depend on the split: elementwise loops, and reductions in which every output
/// element is accumulated by one thread in a fixed order (or fixed blocks combined in order), so their
/// results are bit-identical whatever ``maximumThreads`` is.
public enum Parallel {
    /// The most threads one loop, product or vector operation is split over; 1 runs everything on the
    /// calling thread. Default: OpenBLAS's configured count, that is `OPENBLAS_NUM_THREADS` when set (as
    /// parallel sweeps do to share the cores between worker processes), else the cores. Elementwise and
    /// reduction results do not depend on it; products and dot products are the same from run to run
    /// for a given count.
    nonisolated(unsafe) public static var maximumThreads = BLAS.configuredThreads

    /// Work (elements × per-element cost) below which a loop stays on the calling thread.
    static let minimumWork = 1 << 16

    /// Calls `body` on contiguous ranges that together cover `0..<count` exactly once, concurrently when
    /// `count × cost` reaches ``minimumWork``. Range boundaries are multiples of `alignment` (so threads
    /// do not write to the same cache line of an output indexed like the loop).
    static func forEachRange(_ count: Int, cost: Int = 1, alignment: Int = 16, _ body: (Range<Int>) -> Void) {
        let chunks = chunkCount(count, cost: cost, alignment: alignment)
        guard chunks > 1 else {
            if count > 0 { body(0..<count) }
            return
        }
        // Equal shares rounded up to the alignment; the last range takes what is left.
        let share = ((count + chunks - 1) / chunks + alignment - 1) / alignment * alignment
        DispatchQueue.concurrentPerform(iterations: chunks) { i in
            let start = i * share, end = Swift.min(count, start + share)
            if start < end { body(start..<end) }
        }
    }

    /// How many ranges a loop is cut into: a few per thread (so a thread slowed by other work on the
    /// machine does not hold the others up), each at least ``minimumWork`` / 4 of work.
    static func chunkCount(_ count: Int, cost: Int, alignment: Int) -> Int {
        let threads = maximumThreads
        guard threads > 1, count * cost >= minimumWork, count >= 2 * alignment else { return 1 }
        let byWork = Swift.max(1, count * cost / (minimumWork / 4))
        return Swift.min(threads * 4, byWork, count / alignment)
    }
}
