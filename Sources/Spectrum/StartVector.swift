import Tensors

/// How an iterative eigensolver (``Lanczos``, ``PowerIteration``) chooses its first vector.
public enum StartVector {
    /// A standard normal vector from the solver's seed (the cold start).
    case random
    /// This vector (any shape with `dimension` elements; converted to the operator's element type).
    case vector(Tensor)
    /// A warm start from eigenvectors of a nearby operator (e.g. the previous probe during training):
    /// `x = Σᵢ uᵢ/‖uᵢ‖ / √k + randomWeight · r`, with `r` a random unit vector from the solver's seed.
    ///
    /// The equal-weight sum lies (almost) in the wanted invariant subspace of the new operator, so the Krylov
    /// space captures it after about `k` steps and Lanczos needs only a few more to reduce the residuals to
    /// tolerance, instead of first amplifying random components. The random part keeps a component along
    /// every eigenvector, so that an eigenvalue that has overtaken the previous top `k` is still found; make
    /// it larger when the spectrum moves a lot between calls.
    case warm([Tensor], randomWeight: Double)

    /// A warm start from the eigenvectors of a previous estimate, with a random part of weight 0.01.
    public static func warm(from previous: EigenEstimate, randomWeight: Double = 0.01) -> StartVector {
        .warm(previous.eigenvectors, randomWeight: randomWeight)
    }

    /// The (not normalised) start vector for `op`, drawing random numbers from `rng`.
    func make(for op: any SymmetricOperator, rng: inout RandomGenerator) throws -> Tensor {
        let d = op.dimension
        switch self {
        case .random:
            return rng.normalTensor([d], dtype: op.dtype)
        case .vector(let v):
            guard v.count == d else { throw SpectrumError("start vector has \(v.count) elements, the operator's dimension is \(d)") }
            return try v.converted(to: op.dtype).reshaped([d])
        case .warm(let vectors, let randomWeight):
            guard randomWeight >= 0, randomWeight.isFinite else {
                throw SpectrumError("warm start: randomWeight must be finite and ≥ 0, got \(randomWeight)")
            }
            var x = rng.normalTensor([d], dtype: op.dtype)
            x.scale(by: randomWeight / max(x.norm, .leastNormalMagnitude))
            let used = vectors.filter { $0.norm > 0 }
            for u in used {
                guard u.count == d else { throw SpectrumError("warm start vector has \(u.count) elements, the operator's dimension is \(d)") }
                x.addScaled(try u.converted(to: op.dtype).reshaped([d]), 1 / (u.norm * Double(used.count).squareRoot()))
            }
            return x
        }
    }
}
