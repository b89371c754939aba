import Tensors

/// Named parameter tensors in a fixed order. Names are stable across steps, so optimizer state
/// and gradients follow them; the order defines the flat parameter vector.
public struct Parameters<Scalar: BLASScalar>: Sendable, Equatable {
    public private(set) var names: [String] = []
    public var tensors: [Tensor<Scalar>] = []

    public init() {}

    /// Appends a parameter; names must be unique.
    public mutating func append(_ name: String, _ value: Tensor<Scalar>) {
        precondition(!names.contains(name), "Parameters: duplicate name \(name)")
        names.append(name)
        tensors.append(value)
    }

    public subscript(name: String) -> Tensor<Scalar> {
        get {
            guard let k = names.firstIndex(of: name) else { preconditionFailure("Parameters: no parameter \(name)") }
            return tensors[k]
        }
        set {
            guard let k = names.firstIndex(of: name) else { preconditionFailure("Parameters: no parameter \(name)") }
            precondition(newValue.shape == tensors[k].shape, "Parameters: shape change for \(name)")
            tensors[k] = newValue
        }
    }

    /// The total number of scalars.
    public var count: Int { tensors.reduce(0) { $0 + $1.count } }

    /// All scalars concatenated in parameter order, as Double.
    public func flattened() -> [Double] { flatScalars().map { Double($0) } }

    /// Overwrites every scalar from a flat vector in parameter order.
    public mutating func setFlattened(_ flat: [Double]) { setFlatScalars(flat.map { Scalar($0) }) }

    /// All scalars concatenated in parameter order, in this precision.
    public func flatScalars() -> [Scalar] {
        var out = [Scalar]()
        out.reserveCapacity(count)
        for t in tensors { out.append(contentsOf: t.scalars) }
        return out
    }

    /// Overwrites every scalar from a flat vector of this precision, in parameter order.
    public mutating func setFlatScalars(_ flat: [Scalar]) {
        precondition(flat.count == count, "Parameters: \(flat.count) values for \(count) parameters")
        var offset = 0
        for k in tensors.indices {
            let n = tensors[k].count
            tensors[k].scalars.withUnsafeMutableBufferPointer { p in
                flat.withUnsafeBufferPointer { f in p.baseAddress!.update(from: f.baseAddress! + offset, count: n) }
            }
            offset += n
        }
    }

    /// √(Σ‖θ‖²) over all parameters.
    public var norm: Double {
        (tensors.reduce(0.0) { s, t in let n = Double(t.norm); return s + n * n }).squareRoot()
    }

    /// The same parameters in another precision.
    public func converted<Other: BLASScalar>(to _: Other.Type = Other.self) -> Parameters<Other> {
        var p = Parameters<Other>()
        for (n, t) in zip(names, tensors) { p.append(n, t.converted(to: Other.self)) }
        return p
    }
}

/// Gradients by parameter name. `accumulate` adds, so gradients of several losses or batches sum.
public struct Gradients<Scalar: BLASScalar>: Sendable {
    public private(set) var byName: [String: Tensor<Scalar>] = [:]

    public init() {}

    public subscript(name: String) -> Tensor<Scalar>? { byName[name] }

    /// Adds `gradient` to the stored gradient of `name`.
    public mutating func accumulate(_ name: String, _ gradient: Tensor<Scalar>) {
        if byName[name] == nil { byName[name] = gradient } else { byName[name]! += gradient }
    }

    /// Drops the gradient of `name`: the optimizer then leaves that parameter alone (a frozen layer).
    public mutating func remove(_ name: String) { byName[name] = nil }

    /// Multiplies the gradient of `name` element by element by `factors` (a pruning mask of 0s and 1s).
    public mutating func multiply(_ name: String, by factors: [Scalar]) {
        guard let g = byName[name] else { return }
        precondition(g.count == factors.count, "Gradients.multiply: \(factors.count) factors for \(g.count) values of \(name)")
        byName[name] = Tensor(shape: g.shape, scalars: zip(g.scalars, factors).map { $0 * $1 })
    }

    /// Adds every gradient of `other`.
    public mutating func accumulate(_ other: Gradients<Scalar>) {
        for (n, g) in other.byName { accumulate(n, g) }
    }

    /// All gradients scaled by `factor`.
    public mutating func scale(by factor: Scalar) {
        for n in Array(byName.keys) { byName[n] = byName[n]! * factor }
    }

    /// The gradients flattened in the order of `parameters`, in this precision (zeros where a
    /// parameter got none).
    public func flatScalars(like parameters: Parameters<Scalar>) -> [Scalar] {
        var out = [Scalar]()
        out.reserveCapacity(parameters.count)
        for (n, t) in zip(parameters.names, parameters.tensors) {
            if let g = byName[n] { out.append(contentsOf: g.scalars) } else { out.append(contentsOf: repeatElement(0, count: t.count)) }
        }
        return out
    }

    /// The gradients flattened in the order of `parameters` (zeros where a parameter got none).
    public func flattened(like parameters: Parameters<Scalar>) -> [Double] { flatScalars(like: parameters).map { Double($0) } }
}
