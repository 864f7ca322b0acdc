import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML element name with its namespace, as WebDAV uses them: `DAV:` `getetag`,
/// `urn:ietf:params:xml:ns:caldav` `calendar-data`. Prefixes are the sender's choice and are
/// never compared.
public struct DAVName: Hashable, Sendable, CustomStringConvertible {
    /// The namespace URI.
    public var namespace: String
    /// The local name.
    public var name: String

    /// Creates a name.
    public init(_ namespace: String, _ name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// The `DAV:` namespace (RFC 4918).
    public static let davNamespace = "DAV:"
    /// The CalDAV namespace (RFC 4791).
    public static let calDAVNamespace = "urn:ietf:params:xml:ns:caldav"
    /// Apple's and CalendarServer's namespace for calendar colours.
    public static let appleICalNamespace = "http://apple.com/ns/ical/"

    /// A `DAV:` name.
    public static func dav(_ name: String) -> DAVName { DAVName(davNamespace, name) }
    /// A CalDAV name.
    public static func calDAV(_ name: String) -> DAVName { DAVName(calDAVNamespace, name) }

    /// `{namespace}name`, Clark notation.
    public var description: String { "{\(namespace)}\(name)" }
}

/// A property value as a multistatus carries it: its text, the `href`s inside it
/// (`current-user-principal`, `calendar-home-set`) and the names of its child elements
/// (`resourcetype`: `collection`, `calendar`).
public struct DAVPropertyValue: Hashable, Sendable {
    /// The text content, with the text of child elements other than `href` left out.
    public var text: String
    /// The `DAV:href` elements inside, in order, as sent.
    public var hrefs: [String]
    /// The names of the direct child elements.
    public var children: [DAVName]
    /// The names of every element below the property, at any depth, in document order
    /// (`supported-report-set` holds `supported-report/report/sync-collection`).
    public var descendants: [DAVName]

    /// Creates a value.
    public init(text: String = "", hrefs: [String] = [], children: [DAVName] = [], descendants: [DAVName] = []) {
        self.text = text
        self.hrefs = hrefs
        self.children = children
        self.descendants = descendants
    }
}

/// One `DAV:response` of a multistatus: a resource, its properties found (status 2xx), the
/// names of those not found, and the response's own status (a removed member in a
/// `sync-collection` report carries `404` here).
public struct DAVResource: Hashable, Sendable {
    /// The `href`, as sent (usually an absolute path, percent-encoded).
    public var href: String
    /// The status of the whole response, when it has one instead of `propstat`s.
    public var status: Int?
    /// The properties the server returned with a 2xx status.
    public var properties: [DAVName: DAVPropertyValue]
    /// The properties the server named with another status (404: not there).
    public var missing: Set<DAVName>

    /// Creates a resource.
    public init(href: String, status: Int? = nil, properties: [DAVName: DAVPropertyValue] = [:], missing: Set<DAVName> = []) {
        self.href = href
        self.status = status
        self.properties = properties
        self.missing = missing
    }

    /// A property's text, trimmed, if it was returned.
    public func text(_ name: DAVName) -> String? {
        properties[name].map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Whether `resourcetype` names `child` (`collection`, CalDAV's `calendar`).
    public func isOfType(_ child: DAVName) -> Bool {
        properties[.dav("resourcetype")]?.children.contains(child) ?? false
    }

    /// The entity tag, as sent (quotes included).
    public var etag: String? { text(.dav("getetag")) }
}

/// A parsed `207 Multi-Status` body (RFC 4918 §13): its responses and, for a
/// `sync-collection` report (RFC 6578), the new sync token.
public struct DAVMultistatus: Hashable, Sendable {
    /// The responses, in document order.
    public var resources: [DAVResource]
    /// The top-level `DAV:sync-token`, if any.
    public var syncToken: String?

    /// Creates a multistatus.
    public init(resources: [DAVResource] = [], syncToken: String? = nil) {
        self.resources = resources
        self.syncToken = syncToken
    }

    /// Parses a multistatus body with namespaces resolved, so any prefix (or none) works.
    ///
    /// - Throws: ``DAVXMLError`` when the body is not well-formed XML or its root is not
    ///   `DAV:multistatus`.
    public static func parse(_ data: [UInt8]) throws(DAVXMLError) -> DAVMultistatus {
        let collector = MultistatusCollector()
        let parser = XMLParser(data: Data(data))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        let parsed = parser.parse()
        if let problem = collector.problem { throw problem }
        guard parsed else {
            let line = parser.lineNumber
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "not well-formed"
            throw DAVXMLError(line: line, reason: "the server's XML cannot be read: \(reason)")
        }
        guard collector.sawRoot else { throw DAVXMLError(line: 1, reason: "the server's answer is not a DAV:multistatus") }
        // libxml2 (under FoundationXML) reports a body cut off inside its root as parsed.
        guard collector.rootClosed else {
            throw DAVXMLError(line: parser.lineNumber, reason: "the server's XML cannot be read: the answer ends before </multistatus> (cut off?)")
        }
        return DAVMultistatus(resources: collector.resources, syncToken: collector.syncToken)
    }
}

/// A multistatus that cannot be read.
public struct DAVXMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line in the body, 1-based.
    public var line: Int
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// The reason, with the line.
    public var description: String { "\(reason) (line \(line) of the answer)" }
}

/// The `XMLParser` delegate that builds ``DAVResource``s. Only used inside
/// ``DAVMultistatus/parse(_:)``, on the parsing thread.
private final class MultistatusCollector: NSObject, XMLParserDelegate {
    var resources: [DAVResource] = []
    var syncToken: String?
    var sawRoot = false
    var rootClosed = false
    var problem: DAVXMLError?

    /// The open elements, outermost first.
    private var stack: [DAVName] = []
    private var text = ""
    // The response being read.
    private var href: String?
    private var responseStatus: Int?
    private var properties: [DAVName: DAVPropertyValue] = [:]
    private var missing: Set<DAVName> = []
    // The propstat being read: its properties wait for its status.
    private var pending: [DAVName: DAVPropertyValue] = [:]
    private var propstatStatus: Int?
    // The property being read (a direct child of prop).
    private var property: DAVName?
    private var value = DAVPropertyValue()

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let name = DAVName(namespaceURI ?? "", elementName)
        if stack.isEmpty {
            guard name == .dav("multistatus") else {
                problem = DAVXMLError(line: parser.lineNumber, reason: "the server's answer is \(name), not a DAV:multistatus")
                parser.abortParsing()
                return
            }
            sawRoot = true
        }
        let parent = stack.last
        stack.append(name)
        text = ""
        switch name {
        case .dav("response") where parent == .dav("multistatus"):
            href = nil
            responseStatus = nil
            properties = [:]
            missing = []
        case .dav("propstat"):
            pending = [:]
            propstatStatus = nil
        default:
            if parent == .dav("prop"), stack.count >= 3, stack[stack.count - 3] == .dav("propstat") {
                property = name
                value = DAVPropertyValue()
            } else if property != nil {
                value.descendants.append(name)
                if parent == property { value.children.append(name) }
            }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = DAVName(namespaceURI ?? "", elementName)
        defer {
            if !stack.isEmpty { stack.removeLast() }
            if stack.isEmpty { rootClosed = true }
        }
        let parent = stack.count >= 2 ? stack[stack.count - 2] : nil
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let current = property {
            if name == current {
                if value.text.isEmpty { value.text = text }
                pending[current] = value
                property = nil
            } else if name == .dav("href") {
                value.hrefs.append(trimmed)
            }
            text = ""
            return
        }
        switch name {
        case .dav("href") where parent == .dav("response"):
            href = trimmed
        case .dav("status") where parent == .dav("response"):
            responseStatus = Self.statusCode(trimmed)
        case .dav("status") where parent == .dav("propstat"):
            propstatStatus = Self.statusCode(trimmed)
        case .dav("propstat"):
            if let status = propstatStatus, (200..<300).contains(status) {
                properties.merge(pending) { first, _ in first }
            } else {
                missing.formUnion(pending.keys)
            }
        case .dav("response") where parent == .dav("multistatus"):
            if let href {
                resources.append(DAVResource(href: href, status: responseStatus, properties: properties, missing: missing))
            }
        case .dav("sync-token") where parent == .dav("multistatus"):
            syncToken = trimmed
        default:
            break
        }
        text = ""
    }

    /// `HTTP/1.1 404 Not Found` → 404.
    static func statusCode(_ line: String) -> Int? {
        let parts = line.split(separator: " ")
        guard parts.count >= 2 else { return nil }
        return Int(parts[1])
    }
}
