import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// Uploads and downloads of attachments, shared by the API and the pages.
enum Files {
    static func folder(_ req: Request) -> FileFolder { FileFolder(req.application.services.config.filesDir) }

    /// The uploaded bytes and file name: a multipart form's `file` part, or a raw body named by `?filename=`. A tender
    /// file's `part` and `note` come as form fields beside it, or in the query.
    static func upload(_ req: Request) throws -> (name: String, bytes: [UInt8], csrf: String?, fields: [String: String]) {
        // The query is read strictly whichever way the bytes come: each of its fields once, and well-formed.
        let keys = Input.urlEncodedPairs(req.url.query ?? "").map(\.0)
        for key in ["filename", "part", "note"] where keys.filter({ $0 == key }).count > 1 {
            throw DomainError(.badRequest, Message("error.validation"), fields: [FieldError(key, "field.once")])
        }
        if let name = req.query("filename"), name.count > 255 {
            throw DomainError(.badRequest, Message("file.name"), fields: [FieldError("filename", "file.name")])
        }
        if let note = req.query("note"), note.count > 2000 {
            throw DomainError(.badRequest, Message("error.validation"), fields: [FieldError("note", "field.too_long", ["max": "2000"])])
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
            guard let file = upload.file else { throw DomainError(.badRequest, Message("file.missing"), fields: [FieldError("file", "file.missing")]) }
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

    /// Refuses a multipart body the parser must not see: MultipartKit 4.7.1 traps (ending the process) on a byte
    /// above 0x7F in a part's header name, so such a body is a 400 here, before it is parsed. Header values (a file
    /// name in UTF-8) may hold such bytes; only names are checked.
    static func checkMultipart(_ req: Request) throws {
        guard let boundary = req.headers.contentType?.parameters["boundary"], !boundary.isEmpty, let body = req.body.data else { return }
        let bytes = Array(body.readableBytesView)
        let delimiter = Array(("--" + boundary).utf8)
        let refuse = DomainError(.badRequest, Message("file.missing"), fields: [FieldError("file", "file.missing")])
        var i = 0
        while i + delimiter.count <= bytes.count {
            guard bytes[i] == delimiter[0], bytes[i..<(i + delimiter.count)].elementsEqual(delimiter) else {
                i += 1
                continue
            }
            var p = i + delimiter.count
            if p + 1 < bytes.count && bytes[p] == 0x2D && bytes[p + 1] == 0x2D { return }  // the closing delimiter
            while p < bytes.count && bytes[p] != 0x0A { p += 1 }
            p += 1
            // Header lines up to the empty line: the name runs to the colon (or the line's end).
            while p < bytes.count && bytes[p] != 0x0D && bytes[p] != 0x0A {
                while p < bytes.count && bytes[p] != 0x3A && bytes[p] != 0x0A {
                    if bytes[p] >= 0x80 { throw refuse }
                    p += 1
                }
                while p < bytes.count && bytes[p] != 0x0A { p += 1 }
                p += 1
            }
            i = p
        }
    }

    /// The file as a download: never rendered by the browser as a page (attachment, sandboxed, no sniffing).
    static func download(_ req: Request, _ a: Attachment) throws -> Response {
        let data = try folder(req).read(a.sha256)
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.replaceOrAdd(name: .contentType, value: a.contentType)
        let ascii = String(a.name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = a.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
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
