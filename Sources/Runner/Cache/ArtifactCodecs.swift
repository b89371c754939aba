import Foundation
import Learning

/// How the cache stores one type of cell artifact. An artifact whose type has no codec makes its
/// cell uncacheable: it runs on every render (`folio explain` says why).
public struct ArtifactCodec: Sendable {
    /// Names the type in stored entries (`"TrainingRun"`); never reuse a name for another type.
    public var name: String
    /// The artifact's bytes, or nil when the artifact is not of this codec's type.
    public var encode: @Sendable (any Sendable) throws -> Data?
    public var decode: @Sendable (Data) throws -> any Sendable

    public init(name: String, encode: @escaping @Sendable (any Sendable) throws -> Data?,
                decode: @escaping @Sendable (Data) throws -> any Sendable) {
        self.name = name
        self.encode = encode
        self.decode = decode
    }

    /// A codec storing a `Codable` type as JSON (sorted keys, so equal artifacts give equal bytes).
    public static func json<T: Codable & Sendable>(_ type: T.Type, name: String) -> ArtifactCodec {
        ArtifactCodec(
            name: name,
            encode: { artifact in
                guard let value = artifact as? T else { return nil }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return try encoder.encode(value)
            },
            decode: { data in try JSONDecoder().decode(T.self, from: data) })
    }
}

/// The artifact codecs the cache knows, tried in order.
public struct ArtifactCodecs: Sendable {
    public var codecs: [ArtifactCodec]

    public init(_ codecs: [ArtifactCodec]) { self.codecs = codecs }

    /// Every artifact type Folio's directives produce. Adding a directive's artifact type is one
    /// line here: `.json(MyResult.self, name: "MyResult")` for a `Codable` type.
    public static let standard = ArtifactCodecs([
        .json(TrainingRun.self, name: "TrainingRun"),
        .json([TrainingRun].self, name: "TrainingRuns"),
    ])

    public func codec(named name: String) -> ArtifactCodec? { codecs.first { $0.name == name } }

    /// (codec name, bytes) for an artifact, or nil when no codec takes its type.
    public func encode(_ artifact: any Sendable) throws -> (name: String, data: Data)? {
        for codec in codecs {
            if let data = try codec.encode(artifact) { return (codec.name, data) }
        }
        return nil
    }
}
