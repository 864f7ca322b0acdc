import Foundation
import ICalendar

/// One source's calendar as read: the source's id and name, and the document.
public struct SourceCalendar: Sendable {
    /// The short, stable id (`tk`, `ntnu`), used in reports and feed names.
    public var id: String
    /// The display name.
    public var name: String
    /// The calendar as read.
    public var document: ICalendarDocument

    /// Creates a source calendar.
    public init(id: String, name: String, document: ICalendarDocument) {
        self.id = id
        self.name = name
        self.document = document
    }

    /// Reads a file as a source whose id is the file name without its extension.
    ///
    /// - Throws: `ICalendarError` when the file cannot be read or is not iCalendar.
    public static func read(fileAt path: String, id: String? = nil, name: String? = nil) throws -> SourceCalendar {
        let document = try ICalendarReader().read(fileAt: path)
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return SourceCalendar(id: id ?? stem, name: name ?? stem, document: document)
    }
}
