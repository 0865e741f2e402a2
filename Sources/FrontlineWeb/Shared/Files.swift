import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// Uploads and downloads of attachments, shared by the API and the pages.
enum Files {
    static func folder(_ req: Request) -> FileFolder { FileFolder(req.application.services.config.filesDir) }

    /// A file posted from a page: the multipart form must carry the session's CSRF token.
    static func formUpload(_ req: Request) throws -> (
        name: String, bytes: [UInt8], csrf: String?, fields: [String: String]
    ) {
        let u = try upload(req)
        try Auth.checkCSRF(req, sent: u.csrf)
        return u
    }

    /// Keeps an uploaded file with its record: the right to attach is checked before the body is read, a page's form
    /// must carry its CSRF token (`form`), and the attachment is audited.
    static func attach(_ req: Request, entity: String, entityId: Int64, form: Bool) async throws -> Attachment {
        let actor = try req.actor()
        try await req.store.checkMayAttach(entity: entity, entityId: entityId, for: actor)
        let u = try form ? formUpload(req) : upload(req)
        return try await req.store.addAttachment(
            entity: entity, entityId: entityId, name: u.name, bytes: u.bytes, folder: folder(req), by: actor)
    }

    /// A page's link to a file: `/files/{id}`, which opens with the session cookie for whoever sees the record (the
    /// API's `/api/v1/attachments/{id}` takes a bearer token only).
    static func link(_ a: Attachment) -> HTML { "<a href=\"/files/\(a.id)\" download>\(a.name)</a>" }

    /// A file in a record's list of files: its link, who uploaded it and when.
    static func item(_ d: AttachmentItem) -> HTML {
        "<li>\(link(d.attachment)) <small class=\"muted\">\(d.uploaderName) · \(DateText.minute(d.attachment.createdAt / 1000))</small></li>"
    }

    /// 201 with the new attachment and where it is.
    static func created(_ req: Request, _ a: Attachment) throws -> Response {
        let res = try DTO.response(DTO.Attachment(a, uploaderName: try req.actor().displayName), status: .created)
        res.headers.replaceOrAdd(name: .location, value: "/api/v1/attachments/\(a.id)")
        return res
    }

    /// The uploaded bytes and file name: a multipart form's `file` part, or a raw body named by `?filename=`. A tender
    /// file's `part` and `note` come as form fields beside it, or in the query.
    static func upload(_ req: Request) throws -> (name: String, bytes: [UInt8], csrf: String?, fields: [String: String])
    {
        // The query is read strictly whichever way the bytes come: each of its fields once, and well-formed.
        let keys = Input.urlEncodedPairs(req.url.query ?? "").map(\.0)
        for key in ["filename", "part", "note"] where keys.filter({ $0 == key }).count > 1 {
            throw DomainError(.badRequest, Message("error.validation"), fields: [FieldError(key, "field.once")])
        }
        if let name = req.query("filename"), name.unicodeScalars.count > 255 {
            throw DomainError(.badRequest, Message("file.name"), fields: [FieldError("filename", "file.name")])
        }
        if let note = req.query("note"), note.unicodeScalars.count > 2000 {
            throw DomainError(
                .badRequest, Message("error.validation"),
                fields: [FieldError("note", "field.too_long", ["max": "2000"])])
        }
        if let ct = req.headers.contentType, ct.type == "multipart" {
            struct Upload: Content {
                var _csrf: String?
                var file: File?
                var part: String?
                var note: String?
            }
            let upload: Upload
            try checkMultipart(req)
            do { upload = try req.content.decode(Upload.self) } catch {
                throw DomainError(.badRequest, Message("file.missing"), fields: [FieldError("file", "file.missing")])
            }
            guard let file = upload.file else {
                throw DomainError(.badRequest, Message("file.missing"), fields: [FieldError("file", "file.missing")])
            }
            var buf = file.data
            var fields: [String: String] = [:]
            fields["part"] = upload.part ?? req.query("part")
            fields["note"] = upload.note ?? req.query("note")
            return (file.filename, buf.readBytes(length: buf.readableBytes) ?? [], upload._csrf, fields)
        }
        guard let name = req.query("filename"), !name.isEmpty else {
            throw DomainError(.badRequest, Message("file.name"), fields: [FieldError("filename", "file.name")])
        }
        guard var buf = req.body.data else { throw DomainError.validation([FieldError("file", "file.empty")]) }
        var fields: [String: String] = [:]
        fields["part"] = req.query("part")
        fields["note"] = req.query("note")
        return (name, buf.readBytes(length: buf.readableBytes) ?? [], nil, fields)
    }

    /// The most parts a form of ours has (`_csrf`, `file`, `part`, `note`, with room to spare), and the longest
    /// header line and header block of one part. MultipartKit's parse grows with the square of the part count
    /// (20,000 empty parts took 6 s and stalled the server), so anything past these is refused before parsing.
    static let maxParts = 8
    static let maxHeaderLine = 1_024
    static let maxHeaderBlock = 4_096

    /// Refuses a multipart body the parser must not see, in one pass over the bytes: more than `maxParts` parts,
    /// a header line or block past its cap, or a byte above 0x7F in a part's header name (MultipartKit 4.7.1 traps
    /// on it, ending the process). Header values (a file name in UTF-8) may hold such bytes. Callers check the
    /// asker's rights before this, so a user who may not upload never costs a parse.
    static func checkMultipart(_ req: Request) throws {
        let refuse = DomainError(.badRequest, Message("file.missing"), fields: [FieldError("file", "file.missing")])
        guard let boundary = req.headers.contentType?.parameters["boundary"], !boundary.isEmpty,
            boundary.utf8.count <= 200
        else {
            throw refuse
        }
        guard let body = req.body.data else { return }
        let tooMany = DomainError(
            .badRequest, Message("file.multipart_limits", ["parts": String(maxParts)]),
            fields: [FieldError("file", "file.multipart_limits", ["parts": String(maxParts)])])
        try body.withUnsafeReadableBytes { (bytes: UnsafeRawBufferPointer) in
            let delimiter = Array(("--" + boundary).utf8)
            let n = bytes.count
            var parts = 0
            var i = 0
            while i + delimiter.count <= n {
                // A delimiter starts the body or follows a line break.
                guard bytes[i] == delimiter[0], i == 0 || bytes[i - 1] == 0x0A,
                    (0..<delimiter.count).allSatisfy({ bytes[i + $0] == delimiter[$0] })
                else {
                    i += 1
                    continue
                }
                var p = i + delimiter.count
                if p + 1 < n && bytes[p] == 0x2D && bytes[p + 1] == 0x2D { return }  // the closing delimiter
                parts += 1
                if parts > maxParts { throw tooMany }
                while p < n && bytes[p] != 0x0A { p += 1 }
                p += 1
                // Header lines up to the empty line: the name runs to the colon (or the line's end).
                let blockStart = p
                while p < n && bytes[p] != 0x0D && bytes[p] != 0x0A {
                    let lineStart = p
                    while p < n && bytes[p] != 0x3A && bytes[p] != 0x0A {
                        if bytes[p] >= 0x80 { throw refuse }
                        p += 1
                    }
                    while p < n && bytes[p] != 0x0A { p += 1 }
                    if p - lineStart > maxHeaderLine || p - blockStart > maxHeaderBlock { throw tooMany }
                    p += 1
                }
                i = p
            }
        }
    }

    /// The file as a download: never rendered by the browser as a page (attachment, sandboxed, no sniffing).
    static func download(_ req: Request, _ a: Attachment) throws -> Response {
        let data = try folder(req).read(a.sha256)
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.replaceOrAdd(name: .contentType, value: a.contentType)
        let ascii = String(
            a.name.unicodeScalars.map {
                $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_"
            })
        let encoded =
            a.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_")))
            ?? ascii
        res.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        res.headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
        res.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return res
    }

    static func sizeText(_ n: Int64) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1 << 20 { return "\((n * 10 / 1024 + 5) / 10) KB" }
        let tenths = (n * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
