import Foundation

/// One line of the audit log: who did what to which record, when, with the record before and after.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int64
    /// Unix milliseconds.
    public var at: Int64
    public var actorId: Int64?
    public var actorName: String
    public var action: String
    public var entity: String
    public var entityId: String?
    /// JSON text of the record before the change (nil for a create).
    public var before: String?
    /// JSON text of the record after the change.
    public var after: String?
    public var ip: String?
    public var requestId: String?

    public init(
        id: Int64 = 0, at: Int64, actorId: Int64?, actorName: String, action: String, entity: String, entityId: String?,
        before: String? = nil, after: String? = nil, ip: String? = nil, requestId: String? = nil
    ) {
        self.id = id; self.at = at; self.actorId = actorId; self.actorName = actorName; self.action = action
        self.entity = entity; self.entityId = entityId; self.before = before; self.after = after; self.ip = ip
        self.requestId = requestId
    }
}

/// The audited actions, so that filters and labels agree with what is written.
public enum AuditAction: String, CaseIterable, Sendable {
    case create, update, archive, restore, login, loginFailed = "login_failed", logout, export, `import`
    case deactivate, passwordChange = "password_change"

    public var labelKey: String { "audit.action.\(rawValue)" }
}

/// Filters of the audit list.
public struct AuditFilter: Sendable, Equatable {
    public var actorId: Int64?
    public var action: String?
    public var entity: String?
    public var entityId: String?
    /// Inclusive bounds, `YYYY-MM-DD` (CST).
    public var from: String?
    public var to: String?

    public init(
        actorId: Int64? = nil, action: String? = nil, entity: String? = nil, entityId: String? = nil,
        from: String? = nil, to: String? = nil
    ) {
        self.actorId = actorId; self.action = action; self.entity = entity; self.entityId = entityId
        self.from = from; self.to = to
    }

    public static func parse(_ p: (String) -> String?) throws(DomainError) -> AuditFilter {
        var f = AuditFilter()
        var errors: [FieldError] = []
        if let s = p("actor_id"), !s.isEmpty {
            if let v = Int64(s), v >= 0 { f.actorId = v } else { errors.append(FieldError("actor_id", "field.not_id")) }
        }
        if let s = p("action"), !s.isEmpty {
            if AuditAction(rawValue: s) != nil {
                f.action = s
            } else {
                errors.append(
                    FieldError(
                        "action", "field.one_of",
                        ["values": AuditAction.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if let s = p("entity"), !s.isEmpty {
            if s.count <= 40 && s.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }) {
                f.entity = s
            } else {
                errors.append(FieldError("entity", "field.invalid"))
            }
        }
        if let s = p("entity_id"), !s.isEmpty {
            if s.count <= 40 {
                f.entityId = s
            } else {
                errors.append(FieldError("entity_id", "field.too_long", ["max": "40"]))
            }
        }
        for name in ["from", "to"] {
            if let s = p(name), !s.isEmpty {
                if DateText.isDate(s) {
                    if name == "from" { f.from = s } else { f.to = s }
                } else {
                    errors.append(FieldError(name, "field.date"))
                }
            }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return f
    }
}

/// The audit log shows each reader what the records show him: snapshots lose the confidential figures (cost, floor
/// price, profit, margin, and the costs inside quotation lines and price changes) for a reader who may not see prices.
public enum AuditRedaction {
    /// Keys of a snapshot that only `PriceAccess.seesConfidential` readers see, at any depth.
    public static let confidentialKeys: Set<String> = [
        "cost", "floor_price", "cost_estimate", "profit", "margin", "cost_amount", "cost_before", "cost_after",
        "floor_before",
        "floor_after", "cost_fen", "floor_fen", "cost_estimate_fen",
        // An approval's basis ("低于底价") tells where the floor lies, which is as confidential as the floor itself.
        "basis", "below_floor",
    ]

    /// The entry as `reader` may read it.
    public static func view(_ e: AuditEntry, for reader: Actor) -> AuditEntry {
        guard !PriceAccess.seesConfidential(reader) else { return e }
        var out = e
        out.before = e.before.map(redact)
        out.after = e.after.map(redact)
        return out
    }

    /// A snapshot's JSON without the confidential keys (a snapshot that is not JSON is dropped whole).
    public static func redact(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else {
            return "{}"
        }
        let clean = strip(object)
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: clean, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func strip(_ value: Any) -> Any {
        if let d = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (k, v) in d where !confidentialKeys.contains(k) { out[k] = strip(v) }
            return out
        }
        if let a = value as? [Any] { return a.map(strip) }
        return value
    }
}
