import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The columns of a customer file, shared by export (which writes them) and import (which reads them back).
enum CustomerColumns {
    /// field → catalogue key of its header.
    static let all: [(field: String, key: String)] = [
        ("id", "col.id"), ("name", "col.name"), ("tier", "col.tier"), ("industry", "col.industry"),
        ("region", "col.region"), ("owner", "col.owner"), ("status", "col.status"), ("address", "col.address"),
        ("credit_code", "col.credit_code"), ("notes", "col.notes"), ("updated_at", "col.updated_at"),
    ]

    /// Maps a header cell (Chinese, English or the field code) to its field.
    static func field(forHeader header: String) -> String? {
        let h = header.trimmingCharacters(in: .whitespaces).lowercased()
        for (field, key) in all {
            if h == field || h == Catalog.text(key, [:], .zhCN).lowercased()
                || h == Catalog.text(key, [:], .en).lowercased()
            {
                return field
            }
        }
        return nil
    }
}

enum CustomerExport {
    /// Answers the filtered list as CSV or Excel; the export is audited.
    static func respond(_ req: Request, actor: Actor) async throws -> Response {
        let format = try TableExport.format(req)
        let (filter, q) = try APIRoutes.customerQuery(req)
        let locale = req.locale
        let header = CustomerColumns.all.map { Catalog.text($0.key, [:], locale) }
        @Sendable func row(_ item: CustomerListItem) -> [String] {
            let c = item.customer
            return [
                String(c.id), c.name, c.tier.rawValue, c.industry, item.regionName ?? "", item.ownerName ?? "",
                Catalog.text(c.status.labelKey, [:], locale), c.address, c.creditCode ?? "", c.notes,
                DateText.minute(c.updatedAt / 1000),
            ]
        }
        let stamp = DateText.day(Store.nowSeconds())
        let store = req.store
        // Walked by keyset and sent batch by batch, as CSV or as a workbook: the server holds one batch, whatever the
        // archive's size. The number column is a number in Excel; the rest (codes, phones) stays text.
        return TableExport.streamed(
            req, format: format, filename: "customers-\(stamp)", sheet: Catalog.text("nav.customers", [:], locale),
            header: header,
            cell: { i, v in i == 0 ? .number(v) : .text(v) }
        ) { sink in
            try await store.exportCustomers(filter, sort: q, for: actor) { items in try await sink.rows(items.map(row))
            }
        }
    }
}

enum CustomerImport {
    /// Reads the uploaded file (raw CSV body, or a multipart form's `file`) and imports it row by row.
    static func run(_ req: Request, actor: Actor, dryRun: Bool) async throws -> [ImportRowResult] {
        let bytes = try fileBytes(req)
        return try await importBytes(bytes, req: req, actor: actor, dryRun: dryRun)
    }

    static func fileBytes(_ req: Request) throws -> [UInt8] {
        if let ct = req.headers.contentType, ct.type == "multipart" {
            struct Upload: Content { var file: File }
            try Files.checkMultipart(req)
            let upload = try req.content.decode(Upload.self)
            var buf = upload.file.data
            return buf.readBytes(length: buf.readableBytes) ?? []
        }
        guard var buf = req.body.data else { return [] }
        return buf.readBytes(length: buf.readableBytes) ?? []
    }

    static func importBytes(_ bytes: [UInt8], req: Request, actor: Actor, dryRun: Bool) async throws
        -> [ImportRowResult]
    {
        guard !bytes.isEmpty else {
            throw DomainError(.badRequest, Message("import.empty"), fields: [FieldError("file", "import.empty")])
        }
        guard let text = CSV.decode(bytes), !text.contains("\0") else {
            throw DomainError(.badRequest, Message("import.encoding"), fields: [FieldError("file", "import.encoding")])
        }
        guard let table = CSV.parse(text), let header = table.first else {
            throw DomainError(
                .badRequest, Message("import.no_header"), fields: [FieldError("file", "import.no_header")])
        }
        var fields: [String?] = []
        var unknown: [FieldError] = []
        for h in header {
            let f = CustomerColumns.field(forHeader: h)
            if f == nil && !h.trimmingCharacters(in: .whitespaces).isEmpty {
                unknown.append(FieldError("file", "import.unknown_column", ["column": h]))
            }
            fields.append(f)
        }
        if !unknown.isEmpty { throw DomainError(.badRequest, unknown[0].message, fields: unknown) }
        guard fields.contains("name") else {
            throw DomainError(
                .badRequest, Message("import.missing_name"), fields: [FieldError("file", "import.missing_name")])
        }
        var rows: [(line: Int, fields: [String: String])] = []
        var results: [ImportRowResult] = []
        for (i, cells) in table.dropFirst().enumerated() {
            let line = i + 2
            if cells.count != header.count {
                results.append(
                    ImportRowResult(
                        row: line, ok: false, id: nil, name: cells.first ?? "",
                        errors: [FieldError("row", "import.bad_row", ["row": String(line)])]))
                continue
            }
            var dict: [String: String] = [:]
            for (j, f) in fields.enumerated() where f != nil && f != "id" && f != "updated_at" { dict[f!] = cells[j] }
            rows.append((line, dict))
        }
        results += try await req.store.importCustomers(rows, by: actor, dryRun: dryRun)
        return results.sorted { $0.row < $1.row }
    }
}
