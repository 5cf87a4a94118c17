#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Knows how much of the current thread's stack is left, so deep `.sam` recursion ends with the
/// error "recursion too deep" instead of overflowing the stack — whatever thread the interpreter runs
/// on and however large its frames are (debug builds use several times the stack of release builds).
///
/// The stack bounds come from glibc's `pthread_getattr_np` and are cached per thread. On platforms without it
/// the guard never fires and ``Interpreter/Options/maxCallDepth`` alone limits recursion.
struct StackGuard {
    /// Stack that must stay free below the point of a check: room for one call level's deepest
    /// non-call recursion (expressions nest at most ``Parser/maxNestingDepth`` deep) and for builtins.
    static let reserve: UInt = 1 << 20

    private var thread: pthread_t?
    private var lowerBound: UInt?

    /// Whether less than ``reserve`` bytes of stack are left below the caller.
    mutating func isNearlyFull() -> Bool {
        #if canImport(Glibc)
        let current = pthread_self()
        if thread.map({ pthread_equal($0, current) == 0 }) ?? true {
            thread = current
            lowerBound = StackGuard.stackLowerBound()
        }
        guard let lowerBound else { return false }
        var marker = 0
        let position = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return position < lowerBound || position - lowerBound < StackGuard.reserve
        #else
        return false
        #endif
    }

    #if canImport(Glibc)
    /// glibc's `pthread_getattr_np`, a GNU extension the Swift Glibc module does not import; looked up
    /// by name and called with the C calling convention.
    private typealias GetAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
    private static let getAttributes: GetAttributes? = dlsym(nil, "pthread_getattr_np").map { unsafeBitCast($0, to: GetAttributes.self) }

    /// The lowest address of the calling thread's stack (the stack grows down towards it).
    private static func stackLowerBound() -> UInt? {
        guard let getAttributes else { return nil }
        var attributes = pthread_attr_t()
        guard getAttributes(pthread_self(), &attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        var address: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
        return UInt(bitPattern: address)
    }
    #endif
}
