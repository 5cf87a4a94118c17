/// The domain forms: `train ... on ... { }`, probe clauses and `sweep`.

/// `train MODEL on DATA { settings and probe clauses }`, or `train MODEL { … }` without data (a function
/// or a quadratic, which need none).
///
/// Desugars to a call of the builtin `train`: `train(model: MODEL, data: DATA, k1: v1, ...,
/// probes: [clause, ...])` (no `data:` when `on DATA` is left out), each setting `k = v` becoming a named argument and the probe clauses, in
/// order, the `probes` argument. The checker validates settings against the `train` signature.
public struct TrainForm: Sendable {
    /// The name of the builtin a train form calls.
    public static let builtinName = "train"
    /// The parameter that receives MODEL.
    public static let modelParameter = "model"
    /// The parameter that receives DATA.
    public static let dataParameter = "data"
    /// The parameter that receives the probe clauses.
    public static let probesParameter = "probes"

    /// The range of the `train` keyword.
    public var keywordRange: SourceRange
    /// The model expression.
    public var model: Expr
    /// The data expression (nil without `on DATA`).
    public var data: Expr?
    /// The `name = value` settings, in source order.
    public var settings: [Setting]
    /// The probe clauses, in source order.
    public var probes: [ProbeClauseSyntax]
    /// The block, from `{` to `}`.
    public var blockRange: SourceRange

    /// Creates a train form.
    public init(keywordRange: SourceRange, model: Expr, data: Expr?, settings: [Setting], probes: [ProbeClauseSyntax],
                blockRange: SourceRange) {
        self.keywordRange = keywordRange
        self.model = model
        self.data = data
        self.settings = settings
        self.probes = probes
        self.blockRange = blockRange
    }
}

/// One `name = value` line of a train block.
public struct Setting: Sendable {
    /// The setting (a parameter of the `train` builtin).
    public var name: Identifier
    /// Its value.
    public var value: Expr

    /// Creates a setting.
    public init(name: Identifier, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// `probe SCHEDULE: item, item, ...`: what to measure, and when.
public struct ProbeClauseSyntax: Sendable {
    /// When the probes fire.
    public var schedule: ProbeScheduleSyntax
    /// What they measure.
    public var items: [ProbeItem]
    /// From `probe` to the last item.
    public var range: SourceRange

    /// Creates a probe clause.
    public init(schedule: ProbeScheduleSyntax, items: [ProbeItem], range: SourceRange) {
        self.schedule = schedule
        self.items = items
        self.range = range
    }
}

/// When a probe clause fires.
public struct ProbeScheduleSyntax: Sendable {
    /// The schedule kind with its operands.
    public var kind: Kind
    /// From the schedule word to its end.
    public var range: SourceRange

    /// Creates a schedule.
    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The schedule kinds.
    public enum Kind: Sendable {
        /// `every N steps`: at step 0 and every N optimizer steps.
        case everySteps(Expr)
        /// `every T seconds`: every T seconds of training wall-clock time (probe time excluded).
        case everySeconds(Expr)
        /// `at [s1, s2, ...]`: at the listed steps (any list or range expression).
        case atSteps(Expr)
        /// `log(points: N, ...)`: about N log-spaced steps over the run; the arguments are checked
        /// against ``Checker/logScheduleSignature``.
        case logSpaced([Argument])
    }
}

/// One probed quantity: a probe name, optionally with arguments (`hessian_top(k: 3)`).
public struct ProbeItem: Sendable {
    /// The probe name (checked against the catalog's probes).
    public var name: Identifier
    /// The arguments, or `nil` for a bare name.
    public var arguments: [Argument]?
    /// The whole item.
    public var range: SourceRange

    /// Creates a probe item.
    public init(name: Identifier, arguments: [Argument]?, range: SourceRange) {
        self.name = name
        self.arguments = arguments
        self.range = range
    }
}

/// `sweep a in xs, b in ys { body }`: runs the body once per cell of the cartesian grid, the first axis
/// varying slowest, each cell in a fresh scope with the axis names bound. A seeds axis is just another
/// axis (`seed in 0..<3`).
public struct SweepForm: Sendable {
    /// The range of the `sweep` keyword.
    public var keywordRange: SourceRange
    /// The axes, in order.
    public var axes: [SweepAxis]
    /// The body.
    public var body: Block

    /// Creates a sweep form.
    public init(keywordRange: SourceRange, axes: [SweepAxis], body: Block) {
        self.keywordRange = keywordRange
        self.axes = axes
        self.body = body
    }
}

/// One `name in values` axis of a sweep.
public struct SweepAxis: Sendable {
    /// The axis name.
    public var name: Identifier
    /// The values (a list or range expression).
    public var values: Expr

    /// Creates an axis.
    public init(name: Identifier, values: Expr) {
        self.name = name
        self.values = values
    }
}
