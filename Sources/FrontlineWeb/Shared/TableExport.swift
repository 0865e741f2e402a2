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

    /// A file's name: the list's title as the reader reads it and the day (`客户投诉-2026-12-07`).
    static func filename(_ sheet: String) -> String {
        let title = String(
            sheet.unicodeScalars.filter { !"\\/:*?\"<>|\u{0}".unicodeScalars.contains($0) && $0.value >= 0x20 }.map(
                Character.init))
        return (title.isEmpty ? "export" : title) + "-" + DateText.today()
    }

    /// Rows per batch when a store walks a list for an export (a test sets it small to walk many batches).
    nonisolated(unsafe) static var batch = 2_000

    static func respond(_ req: Request, entity: String, sheet: String, header: [String], rows: [[String]]) async throws
        -> Response
    {
        let format = try format(req)
        try await req.store.audit(.export, entity, nil, note: ["rows": String(rows.count), "format": format])
        return streamed(req, format: format, filename: filename(sheet), sheet: sheet, header: header) { sink in
            try await sink.rows(rows)
        }
    }

    /// A list of records walked newest first by id, `batch` at a time: `page(before)` answers the rows of the
    /// records before that id (all when nil), the last one's id and how many there are in all (for the audit). The
    /// first batch is read before anything is sent, so a refusal (the caller may not read the list) is a proper
    /// error response, not a broken file.
    static func paged(
        _ req: Request, entity: String, sheet: String, header: [String],
        page: @escaping @Sendable (_ before: Int64?) async throws -> (rows: [[String]], last: Int64?, total: Int)
    ) async throws -> Response {
        let format = try format(req)
        let first = try await page(nil)
        try await req.store.audit(.export, entity, nil, note: ["rows": String(first.total), "format": format])
        return streamed(req, format: format, filename: filename(sheet), sheet: sheet, header: header) { sink in
            var p = first
            while true {
                try await sink.rows(p.rows)
                guard p.rows.count >= batch, let last = p.last else { break }
                p = try await page(last)
            }
        }
    }

    /// The file sent as it is written: `fill` hands the rows to the sink batch by batch, and the server holds one
    /// batch whatever the list's size. A failure part-way ends the response with an error, never a short file.
    static func streamed(
        _ req: Request, format: String, filename: String, sheet: String, header: [String],
        cell: @escaping @Sendable (Int, String) -> XLSX.Cell = { _, v in TableExport.cell(v) },
        fill: @escaping @Sendable (ExportSink) async throws -> Void
    ) -> Response {
        let res = Response(
            status: .ok,
            body: .init(asyncStream: { writer in
                let sink = ExportSink(writer, format: format, cell: cell)
                do {
                    try await sink.start(sheet: sheet, header: header)
                    try await fill(sink)
                    try await sink.finish()
                } catch {
                    try? await writer.write(.error(error))
                }
            }))
        res.headers.replaceOrAdd(
            name: .contentType,
            value: format == "csv"
                ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        // The name the reader's language gives the list (客户筛选建议-2026-12-07.xlsx), with an ASCII name for a client
        // that does not read RFC 6266's filename*.
        let plain = filename.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || "0123456789-_".unicodeScalars.contains($0))
        }
        let ascii = plain ? filename : "export-" + DateText.today()
        let encoded =
            "\(filename).\(format)".addingPercentEncoding(
                withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? ""
        res.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"\(ascii).\(format)\"; filename*=UTF-8''\(encoded)")
        return res
    }
}

/// Where an export's rows go, as CSV lines or as a workbook's rows; used by one writer at a time.
final class ExportSink: @unchecked Sendable {
    private let writer: any AsyncBodyStreamWriter
    private let csv: Bool
    private let cell: @Sendable (Int, String) -> XLSX.Cell
    private var workbook = XLSX.Writer()

    init(_ writer: any AsyncBodyStreamWriter, format: String, cell: @escaping @Sendable (Int, String) -> XLSX.Cell) {
        self.writer = writer; self.csv = format == "csv"; self.cell = cell
    }

    private func send(_ d: Data) async throws { try await writer.write(.buffer(ByteBuffer(data: d))) }

    func start(sheet: String, header: [String]) async throws {
        try await send(csv ? CSV.write([header]) : workbook.start(sheet: sheet, header: header))
    }

    func rows(_ rows: [[String]]) async throws {
        guard !rows.isEmpty else { return }
        try await send(
            csv ? CSV.rows(rows) : workbook.rows(rows.map { r in r.enumerated().map { i, v in cell(i, v) } }))
    }

    func finish() async throws {
        if !csv { try await send(workbook.finish()) }
        try await writer.write(.end)
    }
}
