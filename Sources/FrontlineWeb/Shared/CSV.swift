import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Comma-separated values as Excel and WPS write and read them (RFC 4180 quoting).
enum CSV {
    /// Writes rows with a UTF-8 byte-order mark, so that Excel opens Chinese text correctly.
    static func write(_ rows: [[String]]) -> Data { Data("\u{FEFF}".utf8) + self.rows(rows) }

    /// Rows without the byte-order mark: what follows the first batch of a streamed file.
    static func rows(_ rows: [[String]]) -> Data {
        var out = ""
        for row in rows {
            out += row.map(quote).joined(separator: ",")
            out += "\r\n"
        }
        return Data(out.utf8)
    }

    static func quote(_ s: String) -> String {
        // A leading = + - @ would run as a formula in a spreadsheet: neutralise it.
        // Both checks read bytes, not characters: an export quotes every field of every row.
        var v = s
        if let f = v.utf8.first,
            f == UInt8(ascii: "=") || f == UInt8(ascii: "+") || f == UInt8(ascii: "-") || f == UInt8(ascii: "@"),
            Double(v) == nil
        {
            v = "'" + v
        }
        if v.utf8.contains(where: {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    /// Parses CSV text into rows of fields; answers nil on an unterminated quote.
    static func parse(_ text: String) -> [[String]]? {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var it = Array(text.unicodeScalars)
        if it.first == "\u{FEFF}" { it.removeFirst() }
        var i = 0
        while i < it.count {
            let c = it[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < it.count && it[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"": inQuotes = true
                case ",": row.append(field); field = ""
                case "\r": break
                case "\n":
                    row.append(field); field = ""
                    rows.append(row); row = []
                default: field.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        if inQuotes { return nil }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows.filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty) }
    }

    /// Decodes an uploaded file: UTF-8 (with or without BOM), else GB18030 as Chinese Excel saves it.
    static func decode(_ bytes: [UInt8]) -> String? {
        var b = bytes
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        if let s = String(validating: b, as: UTF8.self) { return s }
        return iconvDecode(b, from: "GB18030")
    }

    static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        let outCapacity = bytes.count * 4 + 16
        var output = [CChar](repeating: 0, count: outCapacity)
        var inLeft = input.count
        var outLeft = outCapacity
        let ok = input.withUnsafeMutableBufferPointer { inBuf -> Bool in
            output.withUnsafeMutableBufferPointer { outBuf -> Bool in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1
            }
        }
        guard ok, inLeft == 0 else { return nil }
        let produced = output[0..<(outCapacity - outLeft)].map { UInt8(bitPattern: $0) }
        return String(validating: produced, as: UTF8.self)
    }
}
