import Autodiff
import Tensors

/// One named parameter tensor of a model: its shape, how it is initialised and the fans its initialiser
/// sees.
public struct ParameterSpec: Hashable, Sendable {
    /// The stable name (also the tensor name in parameter files), e.g. `dense_0.weight`.
    public var name: String
    /// The shape.
    public var shape: [Int]
    /// How the initial values are drawn.
    public var initializer: Initializer
    /// Fan-in seen by a variance-scaling initialiser.
    public var fanIn: Int
    /// Fan-out seen by a variance-scaling initialiser.
    public var fanOut: Int

    public init(name: String, shape: [Int], initializer: Initializer, fanIn: Int, fanOut: Int) {
        self.name = name
        self.shape = shape
        self.initializer = initializer
        self.fanIn = fanIn
        self.fanOut = fanOut
    }

    /// A dense weight `[inputs, outputs]` (fan-in `inputs`, fan-out `outputs`).
    public static func weight(_ name: String, _ inputs: Int, _ outputs: Int, _ initializer: Initializer) -> ParameterSpec {
        ParameterSpec(name: name, shape: [inputs, outputs], initializer: initializer, fanIn: inputs, fanOut: outputs)
    }

    /// A vector of `count` elements with a constant initialiser (bias, LayerNorm gain or offset).
    public static func vector(_ name: String, _ count: Int, _ initializer: Initializer) -> ParameterSpec {
        ParameterSpec(name: name, shape: [count], initializer: initializer, fanIn: count, fanOut: count)
    }

    /// The initial values, drawn from this parameter's own random stream (see ``stream(seed:)``).
    public func initialValue(seed: UInt64, dtype: DType) -> Tensor {
        var rng = stream(seed: seed)
        return initializer.sample(shape, fanIn: fanIn, fanOut: fanOut, dtype: dtype, rng: &rng)
    }

    /// The random stream this parameter draws from: `RandomGenerator(seed: seed).split(h)` where `h` is
    /// the 64-bit FNV-1a hash of the UTF-8 name. A tensor's initial values therefore depend only on the
    /// seed, its name, shape and initialiser — adding, removing or resizing *another* layer never changes
    /// them (renaming does: inserting a layer in the middle of an MLP renumbers the layers after it).
    public func stream(seed: UInt64) -> RandomGenerator {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return RandomGenerator(seed: seed).split(hash)
    }
}

/// The parameter variables of one traced model application, looked up by name.
///
/// A model's ``Model/apply(parameters:input:)`` receives its parameters as an array in layout order; this
/// wrapper lets the model body say `p["dense_0.weight"]` instead of relying on positions.
public struct NamedParameters {
    private let variables: [String: Var]

    /// Pairs `parameters` (in layout order) with the specs' names; throws if the counts differ.
    public init(_ parameters: [Var], specs: [ParameterSpec]) throws {
        guard parameters.count == specs.count else {
            throw NNError("model expects \(specs.count) parameter tensors, got \(parameters.count)")
        }
        for (v, spec) in zip(parameters, specs) where v.shape != spec.shape {
            throw NNError("parameter '\(spec.name)': expected shape \(describeShape(spec.shape)), got \(describeShape(v.shape))")
        }
        variables = Dictionary(uniqueKeysWithValues: zip(specs.map(\.name), parameters))
    }

    /// The variable named `name`; throws if the model has no such parameter.
    public subscript(_ name: String) -> Var {
        get throws {
            guard let v = variables[name] else { throw NNError("no parameter named '\(name)'") }
            return v
        }
    }
}
