/// Inline math (`$...$`) sits in a line of text; block math (`$$...$$`) is a displayed equation.
public enum MathDisplay: Sendable, Equatable {
    case inline, block
}
