/// The directives a notebook may use, looked up by kind.
public struct DirectiveRegistry: Sendable {
    public var directives: [any Directive.Type]

    public init(_ directives: [any Directive.Type]) { self.directives = directives }

    /// Every directive Folio ships. Adding a directive is adding its type here.
    public static let standard = DirectiveRegistry([
        DataDirective.self,
        TableDirective.self,
        ClaimDirective.self,
        TrainDirective.self,
        PlotDirective.self,
        HeatmapDirective.self,
        HistogramDirective.self,
        LLCDirective.self,
        LLCCalibrationDirective.self,
        HessianDirective.self,
        PruneDirective.self,
        FourierDirective.self,
        ExtractProgramDirective.self,
        CKADirective.self,
        PermutationNullDirective.self,
        SimplicityDirective.self,
    ])

    public var kinds: [String] { directives.map { $0.kind } }

    public func directive(named kind: String) -> (any Directive.Type)? {
        directives.first { $0.kind == kind }
    }
}
