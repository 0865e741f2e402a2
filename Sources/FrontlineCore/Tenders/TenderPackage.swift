import Foundation

/// The bid package: the chosen version of every part, with a generated cover and index page, as one ZIP archive.
public enum TenderPackage {
    /// The cover and index page's style: A4, printable, standalone (it travels inside the archive).
    public static let style = """
        @page{size:A4;margin:20mm}body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;color:#111;max-width:180mm;margin:0 auto}\
        .cover{min-height:240mm;display:flex;flex-direction:column;justify-content:center;text-align:center;page-break-after:always}\
        .cover h1{font-size:32pt;letter-spacing:.3em;margin:0 0 16mm}.cover h2{font-size:18pt;margin:0 0 24mm}\
        .cover dl{display:grid;grid-template-columns:auto auto;gap:3mm 6mm;justify-content:center;text-align:left;font-size:13pt}\
        .cover dt{font-weight:bold}table{width:100%;border-collapse:collapse;font-size:10pt}th,td{border:1px solid #888;padding:2mm;text-align:left;vertical-align:top}\
        td.hash{font-family:monospace;font-size:7pt;word-break:break-all}
        """

    static func esc(_ s: String) -> String { Text.escapeHTML(s) }

    /// The path of a part's file inside the archive.
    public static func path(_ f: TenderFile) -> String { "\(f.part.folder)/\(FileKinds.portable(f.file.name))" }

    /// The cover (项目、招标编号、投标人、报价、日期) and the index of what the archive holds, in Chinese.
    public static func cover(_ t: Tender, buyerName: String, bidder: String, files: [TenderFile], at: Int64) -> String {
        let zh = { (k: String) in Catalog.text(k, [:], .zhCN) }
        let rows = files.map { f in
            "<tr><td>\(esc(zh(f.part.labelKey)))</td><td>\(esc(path(f)))</td><td>v\(f.version)</td><td>\(esc(f.uploaderName))</td>"
                + "<td>\(DateText.minute(f.file.createdAt / 1000))</td><td>\(f.file.size)</td><td class=\"hash\">\(f.file.sha256)</td></tr>"
        }.joined()
        return """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(esc(t.title)) \(esc(zh("tender.package.cover")))</title><style>\(style)</style></head><body>
            <section class="cover"><h1>\(esc(zh("tender.package.heading")))</h1><h2>\(esc(t.title))</h2><dl>
            <dt>\(esc(zh("tender.tender_no")))</dt><dd>\(esc(t.tenderNo))</dd>
            <dt>\(esc(zh("tender.buyer")))</dt><dd>\(esc(buyerName))</dd>
            \(t.agency.isEmpty ? "" : "<dt>\(esc(zh("tender.agency")))</dt><dd>\(esc(t.agency))</dd>")
            <dt>\(esc(zh("tender.bidder")))</dt><dd>\(esc(bidder))</dd>
            <dt>\(esc(zh("tender.bid_amount")))</dt><dd>¥\(t.bidAmount.grouped)（\(t.bidAmount.chineseUppercase)）</dd>
            <dt>\(esc(zh("tender.deadline")))</dt><dd>\(DateText.minute(t.deadline))</dd>
            <dt>\(esc(zh("tender.package.date")))</dt><dd>\(DateText.day(at))</dd>
            </dl></section>
            <section><h2>\(esc(zh("tender.package.index")))</h2><table><thead><tr><th>\(esc(zh("tender.part")))</th><th>\(esc(zh("tender.file")))</th>
            <th>\(esc(zh("tender.file_version")))</th><th>\(esc(zh("tender.uploader")))</th><th>\(esc(zh("price.at")))</th><th>\(esc(zh("tender.size_bytes")))</th><th>SHA-256</th></tr></thead>
            <tbody>\(rows)</tbody></table><p>\(esc(t.number)) · \(esc(zh("tender.package.note")))</p></section></body></html>
            """
    }

    /// The archive: `00-封面与目录.html`, then each part's chosen file in its folder.
    public static func archive(cover: String, files: [(TenderFile, Data)]) -> Data {
        var zip = ZipWriter()
        zip.add("00-" + Catalog.text("tender.package.cover", [:], .zhCN) + ".html", Data(cover.utf8))
        for (f, data) in files { zip.add(path(f), data) }
        return zip.finish()
    }

    /// The archive's file name: `TB2026-0001-项目-投标文件.zip`, without characters a file system refuses.
    public static func fileName(_ t: Tender) -> String {
        let title = String(FileKinds.portable(t.title).prefix(60))
        return "\(t.number)-\(title)-" + Catalog.text("tender.package.heading", [:], .zhCN) + ".zip"
    }

    /// The file of each part for the package: the version asked for, else the latest. Every part must have one.
    public static func choose(_ asked: [String: String]?, from files: [TenderFile]) throws(DomainError) -> [TenderFile]
    {
        var errors: [FieldError] = []
        for key in (asked ?? [:]).keys where Tender.Part(rawValue: key) == nil {
            errors.append(
                FieldError(
                    "versions", "field.one_of", ["values": Tender.Part.allCases.map(\.rawValue).joined(separator: ", ")]
                ))
        }
        var chosen: [TenderFile] = []
        for part in Tender.Part.allCases {
            let mine = files.filter { $0.part == part }
            if let raw = asked?[part.rawValue]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                if let v = Int(raw), let f = mine.first(where: { $0.version == v }) {
                    chosen.append(f)
                } else {
                    errors.append(
                        FieldError(
                            "versions.\(part.rawValue)", "tender.no_such_version",
                            ["part": "@" + part.labelKey, "version": raw]))
                }
            } else if let latest = mine.first {
                chosen.append(latest)
            } else {
                errors.append(
                    FieldError("versions.\(part.rawValue)", "tender.part_missing", ["part": "@" + part.labelKey]))
            }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return chosen
    }
}
