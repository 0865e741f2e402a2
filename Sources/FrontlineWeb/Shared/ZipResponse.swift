import Foundation
import FrontlineCore

/// An Office Open XML workbook with one sheet of text and numbers (inline strings, so no shared-string table).
enum XLSX {
    enum Cell {
        case text(String)
        case number(String)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                // XML 1.0 forbids most control characters.
                if u.value >= 0x20 && u.value != 0xFFFE && u.value != 0xFFFF { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    static func column(_ i: Int) -> String {
        var n = i + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    static func rowXML(_ r: Int, _ cells: [Cell], style: Int) -> String {
        var s = "<row r=\"\(r)\">"
        for (i, c) in cells.enumerated() {
            let ref = column(i) + String(r)
            switch c {
            case .text(let t):
                s +=
                    "<c r=\"\(ref)\" t=\"inlineStr\" s=\"\(style)\"><is><t xml:space=\"preserve\">\(escape(t))</t></is></c>"
            case .number(let n): s += "<c r=\"\(ref)\" s=\"\(style == 0 ? 2 : style)\"><v>\(n)</v></c>"
            }
        }
        return s + "</row>"
    }

    /// Writes a workbook as it goes — the fixed parts and the header, the rows batch by batch, then the directory —
    /// so a large export is sent without being held.
    struct Writer {
        private var zip = ZipStream()
        private var next = 2

        mutating func start(sheet: String, header: [String]) -> Data {
            var out = Data()
            out += zip.entry(
                "[Content_Types].xml",
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
                    """.utf8))
            out += zip.entry(
                "_rels/.rels",
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                    """.utf8))
            out += zip.entry(
                "xl/workbook.xml",
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\(XLSX.escape(sheet))" sheetId="1" r:id="rId1"/></sheets></workbook>
                    """.utf8))
            out += zip.entry(
                "xl/_rels/workbook.xml.rels",
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                    """.utf8))
            out += zip.entry(
                "xl/styles.xml",
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf fontId="0"/><xf fontId="1" applyFont="1"/><xf fontId="0" numFmtId="4" applyNumberFormat="1"/></cellXfs></styleSheet>
                    """.utf8))
            out += zip.begin("xl/worksheets/sheet1.xml")
            out += zip.write(
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>
                    """.utf8))
            out += zip.write(Data(XLSX.rowXML(1, header.map { .text($0) }, style: 1).utf8))
            return out
        }

        mutating func rows(_ rows: [[Cell]]) -> Data {
            var xml = ""
            for r in rows {
                xml += XLSX.rowXML(next, r, style: 0)
                next += 1
            }
            return zip.write(Data(xml.utf8))
        }

        mutating func finish() -> Data {
            zip.write(Data("</sheetData></worksheet>".utf8)) + zip.end() + zip.finish()
        }
    }

    static func workbook(sheet: String, header: [String], rows: [[Cell]]) -> Data {
        var w = Writer()
        return w.start(sheet: sheet, header: header) + w.rows(rows) + w.finish()
    }
}
