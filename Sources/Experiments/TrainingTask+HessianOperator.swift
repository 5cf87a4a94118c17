import ProcessSupport
import Spectrum
import Tensors

extension TrainingTask {
    /// The Hessian of the probe loss at `w` as a symmetric operator (exact Hessian-vector products); Ctrl-C
    /// stops a computation on it between products (``Interruption/check()``).
    public func hessianOperator(at w: Tensor) -> ClosureOperator {
        ClosureOperator(dimension: dimension, dtype: dtype) { v in
            try Interruption.check()
            var r = Tensor(zeros: [self.dimension], dtype: self.dtype)
            try self.probeHessianVectorProduct(at: w, vector: v, into: &r)
            return r
        }
    }
}
