/// The languages Frontline speaks: Simplified Chinese first, English second.
public enum AppLocale: String, CaseIterable, Codable, Sendable {
    case zhCN = "zh-CN"
    case en

    /// Picks from an `Accept-Language` header, honouring q-values; Chinese when nothing matches.
    public static func negotiate(_ header: String?) -> AppLocale {
        guard let header, !header.isEmpty else { return .zhCN }
        var best: (AppLocale, Double)?
        for part in header.split(separator: ",") {
            let bits = part.split(separator: ";")
            let tag = bits[0].trimmingCharacters(in: .whitespaces).lowercased()
            var q = 1.0
            for b in bits.dropFirst() {
                let kv = b.trimmingCharacters(in: .whitespaces)
                if kv.hasPrefix("q="), let v = Double(kv.dropFirst(2)) { q = v }
            }
            let locale: AppLocale? = tag.hasPrefix("zh") ? .zhCN : (tag.hasPrefix("en") ? .en : nil)
            if let locale, q > 0, q > (best?.1 ?? -1) { best = (locale, q) }
        }
        return best?.0 ?? .zhCN
    }
}

/// Every string a user reads, in both languages. Kept as tables (a capability may bring its own) so a test can prove
/// none is missing.
public enum Catalog {
    /// The strings of every capability: one line here per capability that keeps its own.
    static let tables = [
        table, organisationTable, customerTable, pricingTable, tenderTable, contractTable, processTable,
        implementationTable, serviceLevelTable, serviceRequestTable, complaintTable, supportRequestTable, trainingTable,
        opportunityTable, leadTable, poolTable, disputeTable, actionPlanTable, visitTable, giftTable, intelligenceTable,
        screeningTable, searchTable,
    ]

    /// key → (zh-CN, en)
    public static let entries: [String: (zh: String, en: String)] = {
        var out: [String: (zh: String, en: String)] = [:]
        for line in tables.joined(separator: "\n").split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 3 else { continue }
            out[parts[0]] = (parts[1], parts[2])
        }
        return out
    }()

    /// Renders a key with `{name}` placeholders filled; a missing key shows itself, which the tests forbid.
    public static func text(_ key: String, _ args: [String: String] = [:], _ locale: AppLocale) -> String {
        guard let e = entries[key] else { return key }
        var s = locale == .en ? e.en : e.zh
        for (k, v) in args {
            // A value written `@key` (or `@key1,key2`) is itself translated: names of states, actions, roles.
            let shown =
                v.hasPrefix("@")
                ? v.dropFirst().split(separator: ",").map { text(String($0), [:], locale) }.joined(
                    separator: locale == .en ? ", " : "、")
                : v
            s = s.replacingOccurrences(of: "{\(k)}", with: shown)
            s = plural(s, k, v)
        }
        return s
    }

    /// `{count~customer~customers}`: the first word when the value is 1, the second otherwise (English needs it;
    /// Chinese text has no plural and does not use it).
    static func plural(_ text: String, _ key: String, _ value: String) -> String {
        var s = text
        let open = "{\(key)~"
        while let start = s.range(of: open), let end = s[start.upperBound...].firstIndex(of: "}") {
            let forms = s[start.upperBound..<end].split(separator: "~", omittingEmptySubsequences: false)
            let word = forms.count == 2 ? String(value == "1" ? forms[0] : forms[1]) : String(s[start.upperBound..<end])
            s.replaceSubrange(start.lowerBound...end, with: word)
        }
        return s
    }

    public static func has(_ key: String) -> Bool { entries[key] != nil }
}
