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

    /// An amount (what `Money.decimalString` writes: digits, a point, two decimals) is a number cell shown as
    /// #,##0.00, so that Excel sums it; everything else — codes, phone numbers, dates — stays text.
    static func cell(_ value: String) -> XLSX.Cell {
        let u = Array(value.utf8)
        let digits = u.first == UInt8(ascii: "-") ? u.dropFirst() : u[...]
        guard digits.count >= 4, digits.count <= 17, digits[digits.endIndex - 3] == UInt8(ascii: "."),
            digits.enumerated().allSatisfy({ i, b in i == digits.count - 3 || (b >= 48 && b <= 57) }),
            digits.first != UInt8(ascii: "0") || digits.count == 4
        else { return .text(value) }
        return .number(value)
    }

    static func respond(_ req: Request, entity: String, sheet: String, header: [String], rows: [[String]]) async throws -> Response {
        let format = try format(req)
        try await req.store.audit(.export, entity, nil, note: ["rows": String(rows.count), "format": format])
        let res: Response
        if format == "csv" {
            res = Response(status: .ok, body: .init(data: CSV.write([header] + rows)))
            res.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        } else {
            res = Response(status: .ok, body: .init(data: XLSX.workbook(sheet: sheet, header: header, rows: rows.map { $0.map(cell) })))
            res.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(entity)s.\(format)\"")
        return res
    }
}
