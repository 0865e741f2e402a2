import Foundation

/// A file kept with a record (a customer's business licence, later a tender's documents). The bytes live in the
/// file folder under their SHA-256 digest, never under a name a user chose, so no upload can reach outside it.
public struct Attachment: Sendable, Equatable, Codable {
    public var id: Int64
    /// The kind of record it belongs to (`customer`) and that record's id.
    public var entity: String
    public var entityId: Int64
    /// The name shown and offered on download, cleaned of any folder and control characters.
    public var name: String
    /// One of `FileKinds.safeTypes`, else `application/octet-stream`.
    public var contentType: String
    public var size: Int64
    public var sha256: String
    public var uploadedBy: Int64
    public var createdAt: Int64
    public var archived: Bool

    public init(
        id: Int64, entity: String, entityId: Int64, name: String, contentType: String, size: Int64, sha256: String,
        uploadedBy: Int64, createdAt: Int64 = 0, archived: Bool = false
    ) {
        self.id = id; self.entity = entity; self.entityId = entityId; self.name = name; self.contentType = contentType
        self.size = size; self.sha256 = sha256; self.uploadedBy = uploadedBy; self.createdAt = createdAt
        self.archived = archived
    }
}

/// What may be uploaded and how it is served back.
public enum FileKinds {
    /// 20 MiB: scans of contracts and licences, bid documents.
    public static let maxSize = 20 << 20

    /// Types served as themselves; anything else (HTML and SVG above all) is served as an opaque download.
    public static let safeTypes: [String: String] = [
        "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8",
        "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "zip": "application/zip", "rar": "application/vnd.rar", "7z": "application/x-7z-compressed",
    ]

    public static func contentType(forName name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return safeTypes[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }

    /// The display name of an upload: the last path component only, portable (see `portable`), at most 120
    /// characters (keeping the extension). Refuses names that are empty after cleaning.
    public static func cleanName(_ raw: String) throws(DomainError) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = portable(last)
        while name.hasPrefix(".") { name.removeFirst() }
        guard !name.isEmpty else { throw .validation([FieldError("file", "file.name")]) }
        if name.unicodeScalars.count > 120 {
            let ext = name.lastIndex(of: ".").map { String(name[$0...]) } ?? ""
            name = String(name.prefix(120 - min(ext.count, 20))) + String(ext.prefix(20))
        }
        return name
    }

    /// A name that shows what it is and unpacks on every system: control characters (C0, DEL, C1) and format
    /// characters (general category Cf: the bidi overrides that make `合同\u{202E}fdp.exe` read `合同exe.pdf`,
    /// zero-width characters, the BOM, the soft hyphen) are dropped; what Windows refuses in a name
    /// (`<>:"/\|?*`) becomes `_`; trailing dots and spaces go, as Windows drops them.
    public static func portable(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        for u in raw.unicodeScalars {
            if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.properties.generalCategory == .format { continue }
            out.append("<>:\"/\\|?*".unicodeScalars.contains(u) ? "_" : u)
        }
        var name = String(out).trimmingCharacters(in: .whitespaces)
        while let c = name.last, c == "." || c == " " { name.removeLast() }
        return name
    }

    public static func check(size: Int) throws(DomainError) {
        guard size > 0 else { throw .validation([FieldError("file", "file.empty")]) }
        guard size <= maxSize else { throw DomainError(.tooLarge, Message("file.too_large", ["max": "20 MiB"])) }
    }
}
