import Notebooks
import Reports

/// Every expression the math tests know: the exact-output cases of `MathConverterTests`, the
/// malformed inputs of `MathWarningTests` and the notebook formulas of `MathNotebookFormulaTests`. The browser check page (`MathPageTests`) shows them
/// all, and `MathXMLTests` parses every output as XML.
enum MathCatalogue {
    static var expressions: [(tex: String, display: MathDisplay)] {
        MathConverterTests.cases.map { ($0.tex, $0.display) } + MathWarningTests.cases.map { ($0.tex, $0.display) }
            + MathNotebookFormulaTests.formulas
    }
}
