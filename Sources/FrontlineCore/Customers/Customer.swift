import Foundation

/// Key-account tier of a customer (A is the most important).
public enum CustomerTier: String, CaseIterable, Codable, Sendable {
    case a = "A", b = "B", c = "C", d = "D"
    public var labelKey: String { "tier.\(rawValue)" }
}

/// Where a customer stands with us.
public enum CustomerStatus: String, CaseIterable, Codable, Sendable {
    case prospect, active, dormant, lost
    public var labelKey: String { "customer.status.\(rawValue)" }
}

/// A company in the customer archive (客户资料档案).
public struct Customer: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var tier: CustomerTier
    public var industry: String
    public var regionId: Int64?
    public var ownerId: Int64?
    public var status: CustomerStatus
    public var address: String
    public var creditCode: String?
    public var notes: String
    public var archived: Bool
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64, name: String, tier: CustomerTier, industry: String, regionId: Int64?, ownerId: Int64?,
        status: CustomerStatus, address: String, creditCode: String?, notes: String, archived: Bool = false,
        version: Int = 1, createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id
        self.name = name
        self.tier = tier
        self.industry = industry
        self.regionId = regionId
        self.ownerId = ownerId
        self.status = status
        self.address = address
        self.creditCode = creditCode
        self.notes = notes
        self.archived = archived
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The editable fields of a customer after validation.
public struct CustomerFields: Sendable, Equatable {
    public var name: String
    public var tier: CustomerTier
    public var industry: String
    public var regionId: Int64?
    public var ownerId: Int64?
    public var status: CustomerStatus
    public var address: String
    public var creditCode: String?
    public var notes: String

    public init(of c: Customer) {
        name = c.name; tier = c.tier; industry = c.industry; regionId = c.regionId; ownerId = c.ownerId
        status = c.status; address = c.address; creditCode = c.creditCode; notes = c.notes
    }

    public init(
        name: String, tier: CustomerTier = .c, industry: String = "", regionId: Int64? = nil, ownerId: Int64? = nil,
        status: CustomerStatus = .prospect, address: String = "", creditCode: String? = nil, notes: String = ""
    ) {
        self.name = name; self.tier = tier; self.industry = industry; self.regionId = regionId; self.ownerId = ownerId
        self.status = status; self.address = address; self.creditCode = creditCode; self.notes = notes
    }
}

/// What a caller sent to create or change a customer: every field optional, as text, as typed.
/// `nil` means "not sent"; an empty string clears an optional field.
public struct CustomerInput: Sendable, Equatable {
    public var name: String?
    public var tier: String?
    public var industry: String?
    public var regionId: String?
    public var ownerId: String?
    public var status: String?
    public var address: String?
    public var creditCode: String?
    public var notes: String?

    public init(
        name: String? = nil, tier: String? = nil, industry: String? = nil, regionId: String? = nil,
        ownerId: String? = nil, status: String? = nil, address: String? = nil, creditCode: String? = nil,
        notes: String? = nil
    ) {
        self.name = name; self.tier = tier; self.industry = industry; self.regionId = regionId
        self.ownerId = ownerId; self.status = status; self.address = address; self.creditCode = creditCode
        self.notes = notes
    }

    /// Field names callers may send, as the API spells them.
    public static let fieldNames: Set<String> = [
        "name", "tier", "industry", "region_id", "owner_id", "status", "address", "credit_code", "notes",
    ]

    /// Applies this input over `base` (the defaults for a new record, or the stored one) and validates the result.
    public func apply(to base: CustomerFields) throws(DomainError) -> CustomerFields {
        var out = base
        var errors: [FieldError] = []
        if let name {
            let n = Text.clean(name)
            if n.isEmpty {
                errors.append(FieldError("name", "field.required"))
            } else if n.unicodeScalars.count > 120 {
                errors.append(FieldError("name", "field.too_long", ["max": "120"]))
            }
            out.name = n
        } else if base.name.isEmpty {
            errors.append(FieldError("name", "field.required"))
        }
        if let tier {
            if let t = CustomerTier(rawValue: tier.trimmingCharacters(in: .whitespaces).uppercased()) {
                out.tier = t
            } else {
                errors.append(FieldError("tier", "field.one_of", ["values": "A, B, C, D"]))
            }
        }
        if let status {
            if let s = CustomerStatus(rawValue: status.trimmingCharacters(in: .whitespaces).lowercased()) {
                out.status = s
            } else {
                errors.append(FieldError.oneOf("status", CustomerStatus.self))
            }
        }
        if let industry { Text.limit(industry, 60, "industry", &errors).map { out.industry = $0 } }
        if let address { Text.limit(address, 200, "address", &errors).map { out.address = $0 } }
        if let notes { Text.limit(notes, 4000, "notes", &errors, multiline: true).map { out.notes = $0 } }
        if let regionId { Text.optionalID(regionId, "region_id", &errors).map { out.regionId = $0 } }
        if let ownerId { Text.optionalID(ownerId, "owner_id", &errors).map { out.ownerId = $0 } }
        if let creditCode {
            let code = CreditCode.normalize(creditCode)
            if code.isEmpty {
                out.creditCode = nil
            } else if code.count != 18 {
                errors.append(FieldError("credit_code", "credit_code.length"))
            } else if !CreditCode.isValid(code) {
                errors.append(FieldError("credit_code", "credit_code.check_digit"))
            } else {
                out.creditCode = code
            }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return out
    }
}

/// Text clean-up shared by every input type.
public enum Text {
    /// Text made safe inside HTML: the five characters that mean markup become entities.
    public static func escapeHTML(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Trims, drops format characters (zero-width spaces and joiners, the BOM, the soft hyphen, bidi overrides:
    /// they show as nothing or reorder what is shown) and folds runs of whitespace (the ideographic space too) into one.
    public static func clean(_ s: String) -> String {
        var kept = String.UnicodeScalarView()
        for u in s.unicodeScalars where u.properties.generalCategory != .format { kept.append(u) }
        return String(kept).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The key used to find duplicate names, so that names which read the same collide: cleaned, folded by Unicode
    /// NFKC (full-width letters and digits to ASCII), lower-cased, every bracket form (（）【】〔〕〖〗［］{}) to `()`, and
    /// spaces removed — "华东（上海）科技", "华东【上海】科技" and "华东(上海)科技 " are one name.
    /// A name's place in an alphabetical list as Chinese readers expect it: by its pinyin (北京 bei jing, then 南京
    /// nan jing, then 上海 shang hai), Latin letters and digits as they are, case and tones aside. Both databases
    /// sort this key byte by byte, so the order is the same on each.
    public static func sortKey(_ s: String) -> String {
        let cleaned = clean(s)
        let latin = cleaned.applyingTransform(.mandarinToLatin, reverse: false) ?? cleaned
        let plain = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
        return String(plain.lowercased().prefix(400))
    }

    public static func matchKey(_ s: String) -> String {
        let folded = clean(s).precomposedStringWithCompatibilityMapping.lowercased()
        var out = String.UnicodeScalarView()
        for u in folded.unicodeScalars {
            if u.properties.generalCategory == .format || u.properties.isWhitespace { continue }
            if "([{【〔〖〘〚".unicodeScalars.contains(u) {
                out.append("(")
            } else if ")]}】〕〗〙〛".unicodeScalars.contains(u) {
                out.append(")")
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    static func limit(
        _ raw: String, _ max: Int, _ field: String, _ errors: inout [FieldError], multiline: Bool = false
    ) -> String? {
        let v = multiline ? raw.trimmingCharacters(in: .whitespacesAndNewlines) : clean(raw)
        if v.unicodeScalars.count > max {
            errors.append(FieldError(field, "field.too_long", ["max": String(max)]))
            return nil
        }
        return v
    }

    static func optionalID(_ raw: String, _ field: String, _ errors: inout [FieldError]) -> Int64?? {
        let v = raw.trimmingCharacters(in: .whitespaces)
        if v.isEmpty { return .some(nil) }
        guard let id = Int64(v), id > 0 else {
            errors.append(FieldError(field, "field.not_id"))
            return nil
        }
        return .some(id)
    }

    /// A required text that is the step's only input: cleaned, or the field's error thrown.
    public static func require(_ raw: String?, _ max: Int, _ field: String) throws(DomainError) -> String {
        var errors: [FieldError] = []
        let v = required(raw, max, field, &errors)
        if !errors.isEmpty { throw .validation(errors) }
        return v
    }

    public static func required(_ raw: String?, _ max: Int, _ field: String, _ errors: inout [FieldError]) -> String {
        let v = clean(raw ?? "")
        if v.isEmpty {
            errors.append(FieldError(field, "field.required"))
        } else if v.unicodeScalars.count > max {
            errors.append(FieldError(field, "field.too_long", ["max": String(max)]))
        }
        return v
    }
}
