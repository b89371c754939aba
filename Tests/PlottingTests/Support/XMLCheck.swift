import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses a document with Foundation's XMLParser and records element names and ids.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var elements: [String] = []
    private(set) var ids: [String] = []
    private(set) var texts: [String] = []
    private(set) var rootAttributes: [String: String] = [:]
    private(set) var error: Error?

    /// True when `text` is well-formed XML.
    static func parse(_ text: String) -> XMLCheck {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = check
        if !parser.parse() { check.error = parser.parserError ?? NSError(domain: "XMLCheck", code: 1) }
        return check
    }

    var isWellFormed: Bool { error == nil }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if elements.isEmpty { rootAttributes = attributeDict }
        elements.append(elementName)
        if let id = attributeDict["id"] { ids.append(id) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        texts.append(string)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = parseError
    }
}
