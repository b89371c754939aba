import Tensors

/// An explicit record of a computation for reverse-mode differentiation.
///
/// Every operation on `Variable`s appends a node holding its value, its inputs and a pullback that
/// maps the gradient of the output to gradients of the inputs. `gradients(of:)` walks the nodes in
/// reverse order, summing the contributions that reach each node (a value used twice receives the
/// sum of both gradients). A tape belongs to one computation on one thread; nothing is global.
public final class Tape<Scalar: BLASScalar> {
    /// Maps the output gradient to one gradient per input, given which inputs need one (the
    /// pullback may return nil for the others and skip their cost).
    public typealias Pullback = (_ gradient: Tensor<Scalar>, _ needed: [Bool]) -> [Tensor<Scalar>?]

    @usableFromInline
    struct Node {
        var value: Tensor<Scalar>
        var inputs: [Int]
        var pullback: Pullback?
        var requiresGradient: Bool
        var parameterName: String?
    }

    @usableFromInline var nodes: [Node] = []

    public init() {}

    /// A leaf that gradients are taken with respect to, identified by `name`.
    public func parameter(_ name: String, _ value: Tensor<Scalar>) -> Variable<Scalar> {
        nodes.append(Node(value: value, inputs: [], pullback: nil, requiresGradient: true, parameterName: name))
        return Variable(tape: self, id: nodes.count - 1)
    }

    /// A leaf that is held fixed (data, targets).
    public func constant(_ value: Tensor<Scalar>) -> Variable<Scalar> {
        nodes.append(Node(value: value, inputs: [], pullback: nil, requiresGradient: false, parameterName: nil))
        return Variable(tape: self, id: nodes.count - 1)
    }

    /// Binds every parameter of `parameters` as a leaf, in order. With `differentiable: false` they
    /// become constants, so no pullback is kept (evaluation only).
    public func bind(_ parameters: Parameters<Scalar>, differentiable: Bool = true) -> ParameterVariables<Scalar> {
        var vars: [String: Variable<Scalar>] = [:]
        for (name, value) in zip(parameters.names, parameters.tensors) {
            vars[name] = differentiable ? parameter(name, value) : constant(value)
        }
        return ParameterVariables(variables: vars)
    }

    /// Records the result of an operation on `inputs`. The pullback is kept only when some input
    /// needs a gradient.
    public func record(_ value: Tensor<Scalar>, inputs: [Variable<Scalar>], pullback: @escaping Pullback) -> Variable<Scalar> {
        let ids = inputs.map(\.id)
        let requires = ids.contains { nodes[$0].requiresGradient }
        nodes.append(Node(value: value, inputs: ids, pullback: requires ? pullback : nil,
                          requiresGradient: requires, parameterName: nil))
        return Variable(tape: self, id: nodes.count - 1)
    }

    /// The gradient of the scalar `output` (or of ⟨seed, output⟩ when a seed is given) with respect
    /// to every parameter leaf that it depends on, by parameter name.
    public func gradients(of output: Variable<Scalar>, seed: Tensor<Scalar>? = nil) -> Gradients<Scalar> {
        precondition(output.tape === self, "Tape.gradients: variable from another tape")
        let outValue = nodes[output.id].value
        if seed == nil {
            precondition(outValue.count == 1, "Tape.gradients: output of shape \(outValue.shape) is not a scalar; pass a seed")
        }
        var grads = [Tensor<Scalar>?](repeating: nil, count: output.id + 1)
        grads[output.id] = seed ?? Tensor(repeating: 1, shape: outValue.shape)
        var result = Gradients<Scalar>()
        for id in stride(from: output.id, through: 0, by: -1) {
            guard let g = grads[id] else { continue }
            grads[id] = nil
            let node = nodes[id]
            if let name = node.parameterName {
                result.accumulate(name, g)
                continue
            }
            guard let pullback = node.pullback else { continue }
            let needed = node.inputs.map { nodes[$0].requiresGradient }
            let inputGrads = pullback(g, needed)
            for (k, input) in node.inputs.enumerated() where needed[k] {
                guard let gi = inputGrads[k] else { continue }
                precondition(gi.shape == nodes[input].value.shape,
                             "Tape: pullback gave gradient of shape \(gi.shape) for input of shape \(nodes[input].value.shape)")
                if grads[input] == nil { grads[input] = gi } else { grads[input]! += gi }
            }
        }
        return result
    }
}

/// A value on a tape. Operations on variables record themselves on the tape.
public struct Variable<Scalar: BLASScalar> {
    public let tape: Tape<Scalar>
    public let id: Int

    /// The computed value.
    public var value: Tensor<Scalar> { tape.nodes[id].value }
    public var shape: [Int] { tape.nodes[id].value.shape }
}

/// The parameter leaves bound on a tape, by name.
public struct ParameterVariables<Scalar: BLASScalar> {
    public let variables: [String: Variable<Scalar>]
    public subscript(name: String) -> Variable<Scalar> {
        guard let v = variables[name] else { preconditionFailure("no parameter named \(name)") }
        return v
    }
}
