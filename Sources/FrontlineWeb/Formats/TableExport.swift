import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// A list answered as a CSV or Excel file, audited like every export.
enum TableExport {
    static func format(_ req: Request) throws -> String {
        let f = (req.query("format") ?? "").isEmpty ? "csv" : req.query("format")!
        guard f == "csv" || f == "xlsx" else {
            throw DomainError(.badRequest, Message("export.format"), fields: [FieldError("format", "export.format")])
        }
        return f
    }

    static func respond(_ req: Request, entity: String, sheet: String, header: [String], rows: [[String]]) async throws -> Response {
        let format = try format(req)
        try await req.store.audit(.export, entity, nil, note: ["rows": String(rows.count), "format": format])
        let res: Response
        if format == "csv" {
            res = Response(status: .ok, body: .init(data: CSV.write([header] + rows)))
            res.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        } else {
            res = Response(status: .ok, body: .init(data: XLSX.workbook(sheet: sheet, header: header, rows: rows.map { $0.map { .text($0) } })))
            res.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(entity)s.\(format)\"")
        return res
    }
}
