import Foundation
import FrontlineCore
import Vapor

/// A JSON value written as Swift literals, for the API document.
indirect enum JSONDoc: Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String), int(Int), bool(Bool), array([JSONDoc]), object([String: JSONDoc]), null

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONDoc...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONDoc)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .bool(let b): try c.encode(b)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        case .null: try c.encodeNil()
        }
    }

    subscript(key: String) -> JSONDoc? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var text: String? { if case .string(let s) = self { s } else { nil } }
    var items: [JSONDoc] { if case .array(let a) = self { a } else { [] } }
    var fields: [String: JSONDoc] { if case .object(let o) = self { o } else { [:] } }
}

/// One operation of the API as the document describes it.
struct APIOperation {
    var method: String
    /// With `{id}` for parameters, as OpenAPI spells them.
    var path: String
    var tag: String
    var summary: String
    var summaryZh: String
    /// Who may call it, in words (the permission matrix in docs/permissions.md is the authority).
    var access: String
    var query: [(name: String, schema: JSONDoc, about: String)] = []
    var body: JSONDoc? = nil
    var bodyRequired = true
    var bodyTypes: [String] = ["application/json"]
    var success: Int = 200
    var result: JSONDoc? = nil
    var resultType: String = "application/json"
    var public_: Bool = false
    var extraHeaders: [String] = []

    /// Whether the operation checks a record version (body `version` or If-Match).
    var versioned: Bool { method == "PATCH" || (method == "DELETE" && path == "/customers/{id}") }

    var id: String {
        let words = path.split(separator: "/").filter { !$0.hasPrefix("{") }.map { part in
            part.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        return method.lowercased() + words.joined() + (path.hasSuffix("}") ? "ById" : "")
    }
}

/// The OpenAPI 3.1 document of `/api/v1`, built from one list of operations; the same list renders the API page.
enum OpenAPI {
    static func ref(_ name: String) -> JSONDoc { ["$ref": .string("#/components/schemas/\(name)")] }
    static func list(_ item: String, paged: Bool = true) -> JSONDoc {
        var props: [String: JSONDoc] = ["items": ["type": "array", "items": ref(item)], "total": ["type": "integer", "minimum": 0]]
        if paged {
            props["limit"] = ["type": "integer", "minimum": 1, "maximum": 200]
            props["offset"] = ["type": "integer", "minimum": 0]
        }
        return ["type": "object", "required": ["items", "total"], "properties": .object(props), "additionalProperties": false]
    }

    static let idText: JSONDoc = ["type": ["integer", "null"], "minimum": 1, "description": "Record id; null clears."]
    /// A text that must hold something besides spaces.
    static func required(_ max: Int, _ about: String = "") -> JSONDoc {
        var o: [String: JSONDoc] = ["type": "string", "minLength": 1, "maxLength": .int(max), "pattern": "\\S"]
        if !about.isEmpty { o["description"] = .string(about) }
        return .object(o)
    }
    static func oneOf(_ values: [String], _ about: String = "") -> JSONDoc {
        var o: [String: JSONDoc] = ["type": "string", "enum": .array(values.map { .string($0) })]
        if !about.isEmpty { o["description"] = .string(about) }
        return .object(o)
    }
    static let day: JSONDoc = ["type": ["string", "null"], "pattern": "^[ \\t]*((19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}[ \\t]*)?$", "description": "YYYY-MM-DD; empty for none"]
    static let phone: JSONDoc = ["type": ["string", "null"], "maxLength": 40, "pattern": "^[0-9+()\\- ]*$", "description": "Digits, + - ( ) and spaces; at least 5 digits."]
    static func text(_ max: Int, _ about: String = "") -> JSONDoc {
        about.isEmpty ? ["type": ["string", "null"], "maxLength": .int(max)] : ["type": ["string", "null"], "maxLength": .int(max), "description": .string(about)]
    }
    static let version: JSONDoc = ["type": "integer", "minimum": 1, "maximum": 2_147_483_647, "description": "The version the change is based on (or send If-Match). A stale version is refused with 409."]
    static let string: JSONDoc = ["type": "string"]
    static let money: JSONDoc = ["type": "string", "description": "Yuan, exact decimal, e.g. 12800.00"]
    static let moneyInput: JSONDoc = ["type": ["string", "integer"], "minimum": 0, "maximum": 10_000_000_000, "pattern": "^ *[0-9]{1,11}(\\.[0-9]{1,2})? *$", "description": "Yuan, e.g. 12800 or 12800.00; at most 10,000,000,000 (100 亿元). A line (price × quantity) and every total is held to the same ceiling: past it the answer is 422."]
    static let optString: JSONDoc = ["type": ["string", "null"]]
    static let int: JSONDoc = ["type": "integer"]
    static let optInt: JSONDoc = ["type": ["integer", "null"]]
    static let bool: JSONDoc = ["type": "boolean"]
    static let time: JSONDoc = ["type": "string", "description": "ISO 8601 with China's offset, e.g. 2026-11-29T09:30:00+08:00"]

    static func object(_ props: [String: JSONDoc], required: [String] = [], closed: Bool = true) -> JSONDoc {
        var o: [String: JSONDoc] = ["type": "object", "properties": .object(props)]
        if !required.isEmpty { o["required"] = .array(required.sorted().map { .string($0) }) }
        if closed { o["additionalProperties"] = false }
        return .object(o)
    }

    static var schemas: [String: JSONDoc] {
        let tiers: JSONDoc = .array(CustomerTier.allCases.map { .string($0.rawValue) })
        let statuses: JSONDoc = .array(CustomerStatus.allCases.map { .string($0.rawValue) })
        let roles: JSONDoc = .array(Role.allCases.map { .string($0.rawValue) })
        let customerProps: [String: JSONDoc] = [
            "id": int, "name": string, "tier": ["type": "string", "enum": tiers], "industry": string,
            "region_id": optInt, "region_name": optString, "owner_id": optInt, "owner_name": optString,
            "status": ["type": "string", "enum": statuses], "address": string, "credit_code": optString, "notes": string,
            "archived": bool, "version": int, "created_at": time, "updated_at": time,
        ]
        let customerInput: [String: JSONDoc] = [
            "name": required(120, "Company name; unique after folding brackets and spaces."),
            "tier": oneOf(CustomerTier.allCases.map(\.rawValue), "Key-account tier."),
            "industry": text(60), "region_id": idText, "owner_id": idText,
            "status": oneOf(CustomerStatus.allCases.map(\.rawValue)),
            "address": text(200), "credit_code": text(40, "Unified social credit code (18 characters, GB 32100 check digit)."),
            "notes": text(4000),
        ]
        var customerPatch = customerInput
        customerPatch["version"] = version
        let userInput: [String: JSONDoc] = [
            "username": ["type": "string", "pattern": "^[A-Za-z][A-Za-z0-9._-]{1,31}$", "description": "2–32 of a–z, 0–9, . _ -; starts with a letter; cannot change."],
            "display_name": required(60), "password": ["type": "string", "maxLength": 72, "description": "At least 10 characters and at most 72 bytes of UTF-8 (bcrypt reads no more; a longer one is refused, not cut); not only spaces, not containing the username, not a common password. Empty on a change keeps the old one."],
            "roles": ["type": "array", "minItems": 1, "items": ["type": "string", "enum": roles]],
            "region_id": idText, "active": bool, "locale": oneOf(AppLocale.allCases.map(\.rawValue)),
            "email": text(120),
        ]
        var userPatch = userInput
        userPatch["version"] = version
        let regionInput: [String: JSONDoc] = [
            "name": required(40), "code": ["type": "string", "pattern": "^ *[A-Za-z0-9-]{1,16} *$", "description": "Short code, e.g. EAST."], "head_id": idText,
        ]
        var regionPatch = regionInput
        regionPatch["version"] = version
        let productInput: [String: JSONDoc] = [
            "code": ["type": "string", "pattern": "^ *[A-Za-z0-9._-]{1,32} *$"], "name": required(120), "kind": oneOf(ProductKind.allCases.map(\.rawValue)),
            "unit": required(10), "description": text(2000), "list_price": moneyInput, "floor_price": moneyInput, "cost": moneyInput,
            "tax_rate": ["type": "integer", "enum": .array(VATRate.allowed.map { .int($0) })], "active": bool,
            "reason": text(500, "Why the price changes; required when list price, floor price or cost change."),
        ]
        var productPatch = productInput
        productPatch["version"] = version
        let quotationInput: [String: JSONDoc] = [
            "customer_id": ["type": "integer", "minimum": 1], "title": required(200), "valid_until": day, "terms": text(4000),
            "lines": [
                "type": "array", "maxItems": 200,
                "items": object(
                    [
                        "product_id": ["type": "integer", "minimum": 1],
                        "quantity": ["type": ["string", "number"], "pattern": "^ *[0-9]{1,8}(\\.[0-9]{1,2})? *$", "exclusiveMinimum": 0, "maximum": 10_000_000, "description": "Default 1; two decimals at most."],
                        "discount": ["type": ["string", "number"], "pattern": "^ *[0-9]{1,2}(\\.[0-9]{1,2})? *%?$", "minimum": 0, "exclusiveMaximum": 100, "description": "Percent off the list price, e.g. 12.5."],
                    ], required: ["product_id"]),
            ],
        ]
        var quotationPatch = quotationInput
        quotationPatch["version"] = version
        let contractInput: [String: JSONDoc] = [
            "customer_id": ["type": "integer", "minimum": 1], "quotation_id": ["type": "integer", "minimum": 1, "description": "Draft from this accepted quotation."],
            "title": required(200), "amount": moneyInput,
            "tax_rate": ["type": ["string", "number"], "pattern": "^ *[0-9]{1,2}(\\.[0-9]{1,2})? *%?$", "minimum": 0, "exclusiveMaximum": 100, "description": "VAT rate the amount includes, percent (default 13; from the quotation when drafted from one)."],
            "cost_estimate": ["type": ["string", "integer"], "minimum": 0, "maximum": 10_000_000_000, "pattern": "^ *([0-9]{1,11}(\\.[0-9]{1,2})?)? *$", "description": "Cost net of VAT in yuan; empty when not known (the profit is then unknown too). Confidential."], "technical_annex": text(20_000),
            "commercial_terms": text(20_000), "special": bool,
            "milestones": [
                "type": "array", "maxItems": 24, "description": "They must add up to the amount.",
                "items": object(["name": required(60), "amount": moneyInput, "due": day], required: ["name", "amount"]),
            ],
        ]
        var contractPatch = contractInput
        contractPatch["version"] = version
        contractPatch["customer_id"] = nil
        contractPatch["quotation_id"] = nil
        var limitProps: [String: JSONDoc] = [
            "version": version,
            "standard_discount": ["type": ["string", "integer"], "minimum": 0, "maximum": 99, "pattern": "^ *[0-9]{1,2}(\\.[0-9]{1,2})? *%?$", "description": "Percent, e.g. 10 or 12.5"],
            "special_contract_threshold": ["type": ["string", "integer"], "minimum": 0, "maximum": 999_999_999_999, "pattern": "^[0-9]{1,12}(\\.[0-9]{1,2})?万?$", "description": "Yuan, e.g. 1000000 or 100万"],
        ]
        for k in ApprovalKind.allCases {
            limitProps[k.rawValue] = ["type": ["string", "integer"], "minimum": 0, "maximum": 999_999_999_999, "pattern": "^[0-9]{1,12}(\\.[0-9]{1,2})?万?$", "description": "Yuan, e.g. 50000, 50000.00 or 5万"]
        }
        let base: [String: JSONDoc] = [
            "Problem": object(
                [
                    "type": ["type": "string", "description": "urn:frontline:problem:<kind>"], "title": string, "status": int,
                    "detail": string, "request_id": string,
                    "fields": [
                        "type": "array",
                        "items": object(["field": string, "code": string, "message": string], required: ["field", "code", "message"]),
                    ],
                ], required: ["type", "title", "status", "detail"]),
            "Customer": object(customerProps, required: ["id", "name", "tier", "industry", "status", "address", "notes", "archived", "version", "created_at", "updated_at"]),
            "CustomerList": list("Customer"),
            "CustomerInput": object(customerInput, required: ["name"]),
            "CustomerPatch": object(customerPatch, required: ["version"]),
            "Contact": object(
                [
                    "id": int, "customer_id": int, "name": string, "title": string, "phone": string, "mobile": string,
                    "email": string, "is_primary": bool, "notes": string, "version": int, "created_at": time,
                ], required: ["id", "customer_id", "name", "title", "phone", "mobile", "email", "is_primary", "notes", "version", "created_at"]),
            "ContactList": list("Contact", paged: false),
            "ContactInput": object(
                [
                    "name": required(60), "title": text(60), "phone": phone, "mobile": phone, "email": text(120),
                    "is_primary": bool, "notes": text(2000),
                ], required: ["name"]),
            "Communication": object(
                [
                    "id": int, "customer_id": int, "contact_id": optInt, "contact_name": optString,
                    "kind": ["type": "string", "enum": .array(CommunicationKind.allCases.map { .string($0.rawValue) })],
                    "direction": ["type": "string", "enum": ["inbound", "outbound"]], "occurred_at": time, "summary": string,
                    "next_step": string, "next_step_date": optString, "author_id": int, "author_name": optString,
                    "created_at": time,
                ], required: ["id", "customer_id", "kind", "direction", "occurred_at", "summary", "next_step", "author_id", "created_at"]),
            "CommunicationList": list("Communication"),
            "CommunicationInput": object(
                [
                    "kind": oneOf(CommunicationKind.allCases.map(\.rawValue)),
                    "direction": oneOf(CommunicationDirection.allCases.map(\.rawValue), "Default outbound."),
                    "occurred_at": ["type": ["string", "null"], "description": "YYYY-MM-DD HH:MM (CST) or ISO 8601, not more than a day ahead; default now"],
                    "summary": required(4000), "next_step": text(500, "Needed when next_step_date is given."),
                    "next_step_date": day, "contact_id": idText,
                ], required: ["kind", "summary"]),
            "User": object(
                [
                    "id": int, "username": string, "display_name": string, "roles": ["type": "array", "items": ["type": "string", "enum": roles]],
                    "region_id": optInt, "active": bool, "locale": string, "email": string, "version": int,
                ], required: ["id", "username", "display_name", "roles", "active", "locale", "email", "version"]),
            "UserList": list("User", paged: false),
            "UserInput": object(userInput, required: ["username", "display_name", "password", "roles"]),
            "UserPatch": object(userPatch, required: ["version"]),
            "Region": object(["id": int, "name": string, "code": string, "head_id": optInt, "version": int], required: ["id", "name", "code", "version"]),
            "RegionList": list("Region", paged: false),
            "RegionInput": object(regionInput, required: ["name", "code"]),
            "RegionPatch": object(regionPatch, required: ["version"]),
            "AuthorityLimits": object(
                [
                    "limits": object(
                        Dictionary(uniqueKeysWithValues: ApprovalKind.allCases.map { ($0.rawValue, ["type": "string", "description": "Yuan, exact decimal"] as JSONDoc) }),
                        required: ApprovalKind.allCases.map(\.rawValue)),
                    "version": int,
                    "standard_discount": ["type": "string", "description": "Percent; a quotation line beyond it needs approval."],
                    "special_contract_threshold": ["type": "string", "description": "Yuan; a contract above it goes to the review meeting."],
                ], required: ["limits", "version", "standard_discount", "special_contract_threshold"]),
            "AuthorityLimitsPatch": object(limitProps, required: ["version"]),
            "AuditEntry": object(
                [
                    "id": int, "at": time, "actor_id": optInt, "actor_name": string, "action": string, "entity": string,
                    "entity_id": optString, "before": optString, "after": optString, "ip": optString, "request_id": optString,
                ], required: ["id", "at", "actor_name", "action", "entity"]),
            "AuditList": list("AuditEntry"),
            "Attachment": object(
                [
                    "id": int, "entity": string, "entity_id": int, "name": string, "content_type": string, "size": int,
                    "sha256": string, "uploaded_by": int, "uploader_name": optString, "created_at": time, "archived": bool,
                    "download_url": string,
                ], required: ["id", "entity", "entity_id", "name", "content_type", "size", "sha256", "uploaded_by", "created_at", "archived", "download_url"]),
            "AttachmentList": list("Attachment", paged: false),
            "Product": object(
                [
                    "id": int, "code": string, "name": string, "kind": oneOf(ProductKind.allCases.map(\.rawValue)), "unit": string,
                    "description": string, "list_price": money, "floor_price": ["type": "string", "description": "Confidential: GM, market manager, business assistant only."],
                    "cost": ["type": "string", "description": "Confidential: GM, market manager, business assistant only."], "tax_rate": int,
                    "active": bool, "version": int, "created_at": time, "updated_at": time,
                ], required: ["id", "code", "name", "kind", "unit", "description", "list_price", "tax_rate", "active", "version", "created_at", "updated_at"]),
            "ProductList": list("Product", paged: false),
            "ProductInput": object(productInput, required: ["code", "name", "list_price"]),
            "ProductPatch": object(productPatch, required: ["version"]),
            "PriceChange": object(
                [
                    "id": int, "product_id": int, "product_code": string, "product_name": string, "list_before": money, "list_after": money,
                    "floor_before": money, "floor_after": money, "cost_before": money, "cost_after": money,
                    "reason": ["type": "string", "description": "Confidential like cost and floor price."],
                    "changed_by": int, "changed_by_name": string, "at": time,
                ], required: ["id", "product_id", "product_code", "product_name", "list_before", "list_after", "changed_by", "changed_by_name", "at"]),
            "PriceChangeList": list("PriceChange"),
            "QuoteLine": object(
                [
                    "product_id": int, "code": string, "name": string, "unit": string, "quantity": string, "list_price": money,
                    "discount": string, "unit_price": money, "tax_rate": int, "list_amount": money, "net_amount": money, "tax_amount": money,
                    "floor_price": money, "cost": money, "below_floor": bool,
                ], required: ["product_id", "code", "name", "unit", "quantity", "list_price", "discount", "unit_price", "tax_rate", "list_amount", "net_amount", "tax_amount"]),
            "Quotation": object(
                [
                    "id": int, "number": string, "revision": int, "customer_id": int, "customer_name": string, "owner_id": int,
                    "owner_name": string, "title": string, "valid_until": string, "terms": string,
                    "state": oneOf(Quotation.State.allCases.map(\.rawValue)), "approval_id": optInt, "lines": ["type": "array", "items": ref("QuoteLine")],
                    "list_total": money, "discount_total": money, "net_total": money, "tax_total": money, "gross_total": money,
                    "profit": ["type": "string", "description": "Confidential: GM, market manager, business assistant only."],
                    "needs_approval": bool, "actions": ["type": "array", "items": oneOf(QuotationProcess.Action.allCases.map(\.rawValue))],
                    "version": int, "created_at": time, "updated_at": time,
                ], required: ["id", "number", "revision", "customer_id", "customer_name", "owner_id", "owner_name", "title", "valid_until", "terms", "state", "lines", "list_total", "discount_total", "net_total", "tax_total", "gross_total", "needs_approval", "version", "created_at", "updated_at"]),
            "QuotationList": list("Quotation"),
            "QuotationInput": object(quotationInput, required: ["customer_id", "title"]),
            "QuotationPatch": object(quotationPatch, required: ["version"]),
            "ActionBody": object(["comment": text(2000), "version": version]),
            "Event": object(
                ["id": int, "from_state": string, "action": string, "to_state": string, "actor_id": int, "actor_name": string, "comment": string, "at": time],
                required: ["id", "from_state", "action", "to_state", "actor_id", "actor_name", "comment", "at"]),
            "EventList": list("Event", paged: false),
            "Approval": object(
                [
                    "id": int, "kind": oneOf(ApprovalKind.allCases.map(\.rawValue)), "amount": money, "subject": string, "subject_id": int,
                    "title": string, "reason": string, "requested_by": int, "requester_name": optString,
                    "approver_role": oneOf(["market_manager", "gm"]),
                    "limit_in_force": ["type": "string", "description": "The limit it was routed by; for GM, market manager and business assistant only."],
                    "basis": ["type": "string", "description": "Why approval is needed (below the floor, beyond the standard discount); for GM, market manager and business assistant only."],
                    "limits_version": int,
                    "state": oneOf(ApprovalRequest.State.allCases.map(\.rawValue)), "decided_by": optInt, "decider_name": optString,
                    "decision_comment": string, "created_at": time, "decided_at": ["type": ["string", "null"]], "version": int,
                ], required: ["id", "kind", "amount", "subject", "subject_id", "title", "reason", "requested_by", "approver_role", "limits_version", "state", "decision_comment", "created_at", "version"]),
            "ApprovalList": list("Approval"),
            "Ledger": object(
                [
                    "year": int, "total": int,
                    "items": [
                        "type": "array",
                        "items": object(
                            [
                                "approver_id": int, "approver_name": string, "kind": string, "approved_count": int, "approved_total": money,
                                "rejected_count": int, "largest": money, "limit": money,
                            ], required: ["approver_id", "approver_name", "kind", "approved_count", "approved_total", "rejected_count", "largest", "limit"]),
                    ],
                ], required: ["year", "items", "total"]),
            "Milestone": object(["name": string, "amount": money, "due": string], required: ["name", "amount", "due"]),
            "Contract": object(
                [
                    "id": int, "number": string, "amendment": int, "customer_id": int, "customer_name": string, "owner_id": int,
                    "owner_name": string, "title": string, "source_kind": string, "source_id": optInt, "amount": money,
                    "tax_rate": ["type": "string", "description": "VAT rate the amount includes, e.g. 13%."],
                    "net_amount": ["type": "string", "description": "The amount net of VAT, rounded half up."],
                    "cost_estimate": ["type": "string", "description": "Confidential: GM, market manager, business assistant only; absent while not known."],
                    "profit": ["type": "string", "description": "Confidential (GM, market manager, business assistant): net_amount less cost_estimate; absent while the cost is not known."],
                    "milestones": ["type": "array", "items": ref("Milestone")], "technical_annex": string, "commercial_terms": string,
                    "special": bool, "requires_meeting": bool, "state": oneOf(Contract.State.allCases.map(\.rawValue)),
                    "meeting_date": string, "meeting_attendees": string, "meeting_minutes": string, "technical_signed_by": optInt,
                    "commercial_signed_by": optInt, "customer_signed_on": string, "effective_at": ["type": ["string", "null"]],
                    "reviews": [
                        "type": "array",
                        "items": object(
                            [
                                "reviewer_id": int, "reviewer_name": string, "part": oneOf(["technical", "commercial"]),
                                "opinion": oneOf(ContractReview.Opinion.allCases.map(\.rawValue)), "comment": string, "at": ["type": ["string", "null"]],
                            ], required: ["reviewer_id", "reviewer_name", "part", "opinion", "comment"]),
                    ],
                    "handoff": object(
                        ["implementation_id": int, "implementation_state": string, "payment_plan": ["type": "array", "items": ref("Milestone")]],
                        required: ["implementation_id", "implementation_state", "payment_plan"]),
                    "actions": ["type": "array", "items": string], "version": int, "created_at": time, "updated_at": time,
                ],
                required: [
                    "id", "number", "amendment", "customer_id", "customer_name", "owner_id", "owner_name", "title", "source_kind", "amount",
                    "milestones", "technical_annex", "commercial_terms", "special", "requires_meeting", "state", "meeting_date",
                    "meeting_attendees", "meeting_minutes", "customer_signed_on", "version", "created_at", "updated_at",
                ]),
            "ContractList": list("Contract"),
            "ContractInput": object(contractInput),
            "ContractPatch": object(contractPatch, required: ["version"]),
            "ContractStep": object(
                [
                    "comment": text(2000), "version": version,
                    "reviewers": ["type": "array", "items": ["type": "integer", "minimum": 1], "description": "open_review: the reviewers, Customer Service among them."],
                    "opinion": ["type": ["string", "null"], "enum": ["approve", "approve_with_conditions", "reject", .null], "description": "review: the caller's opinion."],
                    "meeting_date": day, "attendees": text(500), "minutes": text(20_000),
                    "customer_signed_on": day,
                ]),
            "Login": object(["username": required(64), "password": ["type": "string", "minLength": 1, "maxLength": 256]], required: ["username", "password"]),
            "LoginAnswer": object(
                ["token": string, "token_type": ["type": "string", "const": "Bearer"], "expires_in": int, "user": ref("User")],
                required: ["token", "token_type", "expires_in", "user"]),
            "Me": object(
                ["user": ref("User"), "roles": ["type": "array", "items": string], "locale": string, "departments": ["type": "array", "items": string]],
                required: ["user", "roles", "locale", "departments"]),
            "ImportReport": object(
                [
                    "imported": int, "failed": int, "dry_run": bool,
                    "rows": [
                        "type": "array",
                        "items": object(
                            [
                                "row": int, "ok": bool, "id": optInt, "name": string,
                                "errors": ["type": "array", "items": object(["field": string, "message": string], required: ["field", "message"])],
                            ], required: ["row", "ok", "name", "errors"]),
                    ],
                ], required: ["imported", "failed", "dry_run", "rows"]),
        ]
        return base.merging(tenderSchemas) { a, _ in a }.merging(implementationSchemas) { a, _ in a }
    }

    static let paging: [(name: String, schema: JSONDoc, about: String)] = [
        ("limit", ["type": "integer", "minimum": 1, "maximum": 200, "default": 50], "Page size, 1–200."),
        ("offset", ["type": "integer", "minimum": 0, "maximum": .int(ListQuery.maxOffset), "default": 0], "Rows to skip."),
    ]

    static let exportFormat: (name: String, schema: JSONDoc, about: String) = (
        "format", ["type": "string", "enum": ["csv", "xlsx"], "default": "csv"], "File format."
    )

    /// The filters a list and its export share.
    static var quotationFilters: [(name: String, schema: JSONDoc, about: String)] {
        [
            ("q", ["type": "string", "maxLength": 100], "Number, project or customer."),
            ("state", ["type": "string", "enum": .array(Quotation.State.allCases.map { .string($0.rawValue) })], "State."),
            ("customer_id", ["type": "integer", "minimum": 1], "Customer."),
        ]
    }

    static var contractFilters: [(name: String, schema: JSONDoc, about: String)] {
        [
            ("q", ["type": "string", "maxLength": 100], "Number, title or customer."),
            ("state", ["type": "string", "enum": .array(Contract.State.allCases.map { .string($0.rawValue) })], "State."),
            ("customer_id", ["type": "integer", "minimum": 1], "Customer."),
        ]
    }

    static var customerFilters: [(name: String, schema: JSONDoc, about: String)] {
        [
            ("q", ["type": "string", "maxLength": 100], "Search in name, credit code and contacts."),
            ("tier", ["type": "string", "enum": ["A", "B", "C", "D"]], "Tier."),
            ("status", ["type": "string", "enum": .array(CustomerStatus.allCases.map { .string($0.rawValue) })], "Status."),
            ("region_id", ["type": "integer", "minimum": 1], "Region."),
            ("owner_id", ["type": "integer", "minimum": 1], "Owner rep."),
            ("industry", ["type": "string"], "Industry, exact."),
            ("archived", ["type": "boolean"], "true lists the archived ones instead."),
        ]
    }

    /// Every operation of `/api/v1`. A test compares this list with the routes the application registers.
    static var operations: [APIOperation] {
        let sorts = CustomerFilter.sorts.sorted().flatMap { [$0, "-" + $0] }
        return [
            APIOperation(
                method: "POST", path: "/auth/login", tag: "auth", summary: "Sign in and receive a bearer token",
                summaryZh: "登录并取得访问令牌", access: "anyone; failed attempts are throttled (429 with Retry-After)",
                body: ref("Login"), result: ref("LoginAnswer"), public_: true),
            APIOperation(
                method: "GET", path: "/openapi.json", tag: "auth", summary: "This document", summaryZh: "本 API 文档（OpenAPI 3.1）",
                access: "anyone", result: ["type": "object", "required": ["openapi", "info", "paths"]], public_: true),
            APIOperation(
                method: "POST", path: "/auth/logout", tag: "auth", summary: "Revoke the token used", summaryZh: "注销当前令牌",
                access: "any signed-in user", success: 204),
            APIOperation(method: "GET", path: "/me", tag: "auth", summary: "Who am I", summaryZh: "当前用户", access: "any signed-in user", result: ref("Me")),
            APIOperation(
                method: "GET", path: "/users", tag: "organisation", summary: "List users", summaryZh: "用户列表",
                access: "any signed-in user (the administrator also sees inactive users)", result: ref("UserList")),
            APIOperation(
                method: "POST", path: "/users", tag: "organisation", summary: "Create a user", summaryZh: "新建用户",
                access: "administrator", body: ref("UserInput"), success: 201, result: ref("User")),
            APIOperation(
                method: "GET", path: "/users/{id}", tag: "organisation", summary: "One user", summaryZh: "用户详情",
                access: "any signed-in user (inactive users: administrator)", result: ref("User")),
            APIOperation(
                method: "PATCH", path: "/users/{id}", tag: "organisation", summary: "Change a user (roles, region, active, password)",
                summaryZh: "修改用户", access: "administrator", body: ref("UserPatch"), result: ref("User")),
            APIOperation(method: "GET", path: "/regions", tag: "organisation", summary: "List regions", summaryZh: "区域列表", access: "any signed-in user", result: ref("RegionList")),
            APIOperation(
                method: "POST", path: "/regions", tag: "organisation", summary: "Create a region", summaryZh: "新建区域", access: "administrator",
                body: ref("RegionInput"), success: 201, result: ref("Region")),
            APIOperation(method: "GET", path: "/regions/{id}", tag: "organisation", summary: "One region", summaryZh: "区域详情", access: "any signed-in user", result: ref("Region")),
            APIOperation(
                method: "PATCH", path: "/regions/{id}", tag: "organisation", summary: "Change a region", summaryZh: "修改区域", access: "administrator",
                body: ref("RegionPatch"), result: ref("Region")),
            APIOperation(
                method: "GET", path: "/settings/authority-limits", tag: "organisation", summary: "Authority limits in force",
                summaryZh: "审批权限额度", access: "GM, market manager, administrator", result: ref("AuthorityLimits")),
            APIOperation(
                method: "PATCH", path: "/settings/authority-limits", tag: "organisation", summary: "Change authority limits",
                summaryZh: "修改审批权限额度", access: "administrator", body: ref("AuthorityLimitsPatch"), result: ref("AuthorityLimits")),
            APIOperation(
                method: "GET", path: "/customers", tag: "customers", summary: "List customers", summaryZh: "客户列表",
                access: "GM, market manager, business assistant, finance: all; sales rep: own customers only",
                query: customerFilters + paging + [("sort", ["type": "string", "enum": .array(sorts.map { .string($0) })], "Sort field; a leading - sorts descending.")],
                result: ref("CustomerList")),
            APIOperation(
                method: "POST", path: "/customers", tag: "customers", summary: "Create a customer", summaryZh: "新建客户",
                access: "GM, market manager, business assistant, sales rep (a rep becomes the owner)", body: ref("CustomerInput"), success: 201,
                result: ref("Customer"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/customers/export", tag: "customers", summary: "Export the filtered list (CSV or Excel)", summaryZh: "导出客户",
                access: "as the list (a rep exports his own customers)",
                query: customerFilters + [exportFormat],
                result: ["type": "string"], resultType: "text/csv"),
            APIOperation(
                method: "POST", path: "/customers/import", tag: "customers", summary: "Import customers from CSV (UTF-8 or GB18030, ≤ 5,000 rows)",
                summaryZh: "导入客户", access: "GM, market manager, business assistant, sales rep (rows become his own)",
                query: [("dry_run", ["type": "string", "enum": ["true", "false"]], "true checks every row and writes nothing.")],
                body: ["type": "string", "minLength": 1, "description": "CSV with a header row naming the columns (中文 or English)."], bodyTypes: ["text/csv"],
                result: ref("ImportReport")),
            APIOperation(
                method: "GET", path: "/customers/{id}", tag: "customers", summary: "One customer", summaryZh: "客户详情",
                access: "as the list (a rep: own only; another rep's record is 404)", result: ref("Customer"), extraHeaders: ["ETag"]),
            APIOperation(
                method: "PATCH", path: "/customers/{id}", tag: "customers", summary: "Change a customer", summaryZh: "修改客户",
                access: "GM, market manager, business assistant; sales rep: own only", body: ref("CustomerPatch"), result: ref("Customer")),
            APIOperation(
                method: "DELETE", path: "/customers/{id}", tag: "customers", summary: "Archive a customer (kept, restorable)", summaryZh: "归档客户",
                access: "GM, market manager, business assistant; sales rep: own only",
                query: [("version", ["type": "integer", "minimum": 1], "Optional version check (or If-Match).")], result: ref("Customer")),
            APIOperation(
                method: "POST", path: "/customers/{id}/restore", tag: "customers", summary: "Restore an archived customer", summaryZh: "恢复客户",
                access: "GM, market manager, business assistant; sales rep: own only", result: ref("Customer")),
            APIOperation(
                method: "GET", path: "/customers/{id}/contacts", tag: "customers", summary: "Contacts of a customer", summaryZh: "联系人",
                access: "as the customer", result: ref("ContactList")),
            APIOperation(
                method: "POST", path: "/customers/{id}/contacts", tag: "customers", summary: "Add a contact", summaryZh: "新增联系人",
                access: "as changing the customer", body: ref("ContactInput"), success: 201, result: ref("Contact")),
            APIOperation(
                method: "GET", path: "/customers/{id}/communications", tag: "customers", summary: "Communication log, newest first",
                summaryZh: "客户通信记录", access: "as the customer", query: paging, result: ref("CommunicationList")),
            APIOperation(
                method: "POST", path: "/customers/{id}/communications", tag: "customers", summary: "Log a call, visit, letter, e-mail or meeting",
                summaryZh: "记录客户通信", access: "as changing the customer", body: ref("CommunicationInput"), success: 201,
                result: ref("Communication")),
            APIOperation(
                method: "GET", path: "/customers/{id}/attachments", tag: "customers", summary: "Files kept with a customer, newest first",
                summaryZh: "客户附件", access: "as the customer", result: ref("AttachmentList")),
            APIOperation(
                method: "POST", path: "/customers/{id}/attachments", tag: "customers",
                summary: "Upload a file (≤ 20 MiB): a multipart form's `file`, or the raw bytes with `?filename=`",
                summaryZh: "上传客户附件", access: "as changing the customer",
                query: [("filename", ["type": "string", "maxLength": 255], "The file's name, for a raw upload.")],
                body: ["type": "object", "properties": ["file": ["type": "string", "format": "binary"]], "required": ["file"]],
                bodyTypes: ["multipart/form-data"], success: 201, result: ref("Attachment"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/attachments/{id}", tag: "customers",
                summary: "Download a file (always as an attachment; HTML and SVG as application/octet-stream)",
                summaryZh: "下载附件", access: "as the record it belongs to", result: ["type": "string", "format": "binary"], resultType: "*/*"),
            APIOperation(
                method: "DELETE", path: "/attachments/{id}", tag: "customers", summary: "Remove a file from its record (kept for the audit trail)",
                summaryZh: "删除附件", access: "as changing the record it belongs to", result: ref("Attachment")),
            APIOperation(
                method: "GET", path: "/products", tag: "sales", summary: "The price book", summaryZh: "价格表",
                access: "every role but the administrator; floor price and cost only for GM, market manager, business assistant",
                query: [("q", ["type": "string", "maxLength": 100], "Code or name."), ("include_inactive", ["type": "boolean"], "Include discontinued products.")],
                result: ref("ProductList")),
            APIOperation(
                method: "GET", path: "/products/export", tag: "sales", summary: "The price book as CSV or Excel", summaryZh: "导出价格表",
                access: "as the price book (floor and cost columns only for their readers)",
                query: [("q", ["type": "string", "maxLength": 100], "Code or name."), ("include_inactive", ["type": "boolean"], "Include discontinued products."), exportFormat],
                result: ["type": "string"], resultType: "text/csv"),
            APIOperation(
                method: "POST", path: "/products", tag: "sales", summary: "Add a product or service", summaryZh: "新建产品",
                access: "market manager, business assistant", body: ref("ProductInput"), success: 201, result: ref("Product"), extraHeaders: ["Location"]),
            APIOperation(method: "GET", path: "/products/{id}", tag: "sales", summary: "One product", summaryZh: "产品详情", access: "as the price book", result: ref("Product")),
            APIOperation(
                method: "PATCH", path: "/products/{id}", tag: "sales", summary: "Change a product; a price change needs a reason and is kept",
                summaryZh: "修改产品或调价", access: "market manager, business assistant", body: ref("ProductPatch"), result: ref("Product")),
            APIOperation(
                method: "GET", path: "/products/{id}/price-changes", tag: "sales", summary: "Price history of a product", summaryZh: "产品调价记录",
                access: "as the price book (floor and cost changes for their readers)", query: paging, result: ref("PriceChangeList")),
            APIOperation(
                method: "GET", path: "/price-changes", tag: "sales", summary: "Every price change, newest first", summaryZh: "调价记录",
                access: "as the price book", query: paging, result: ref("PriceChangeList")),
            APIOperation(
                method: "GET", path: "/quotations", tag: "sales", summary: "Quotations, newest first", summaryZh: "报价单列表",
                access: "as the customers they are for (a rep: his own customers')",
                query: quotationFilters + paging, result: ref("QuotationList")),
            APIOperation(
                method: "GET", path: "/quotations/export", tag: "sales", summary: "Quotations as CSV or Excel (same filters)", summaryZh: "导出报价单",
                access: "as the list (profit only for its readers)",
                query: quotationFilters + [exportFormat], result: ["type": "string"], resultType: "text/csv"),
            APIOperation(
                method: "POST", path: "/quotations", tag: "sales", summary: "Open a quotation in draft, priced from the price book",
                summaryZh: "新建报价单", access: "market manager, business assistant; sales rep for his own customers",
                body: ref("QuotationInput"), success: 201, result: ref("Quotation"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/quotations/{id}", tag: "sales", summary: "One quotation with its totals and the actions open to the caller",
                summaryZh: "报价单详情", access: "as the customer", result: ref("Quotation"), extraHeaders: ["ETag"]),
            APIOperation(
                method: "PATCH", path: "/quotations/{id}", tag: "sales", summary: "Change a draft (header and lines)", summaryZh: "修改报价单草稿",
                access: "market manager, business assistant; sales rep for his own customers", body: ref("QuotationPatch"), result: ref("Quotation")),
            APIOperation(
                method: "GET", path: "/quotations/{id}/history", tag: "sales", summary: "Every step the quotation went through", summaryZh: "报价单流程记录",
                access: "as the customer", result: ref("EventList")),
        ] + SalesRoutes.quotationActions.map { action in
            APIOperation(
                method: "POST", path: "/quotations/{id}/\(action.rawValue)", tag: "sales",
                summary: "Quotation step: " + Catalog.text("process.quotation.action.\(action.rawValue)", [:], .en),
                summaryZh: Catalog.text("process.quotation.action.\(action.rawValue)", [:], .zhCN),
                access: [.approve, .reject].contains(action)
                    ? "the approver the limits route to (market manager within his limit, GM above), never the requester"
                    : "market manager, business assistant; sales rep for his own customers",
                body: ref("ActionBody"), bodyRequired: false, success: action == .revise ? 201 : 200, result: ref("Quotation"),
                extraHeaders: action == .revise ? ["Location"] : [])
        } + [
            APIOperation(
                method: "GET", path: "/approvals", tag: "sales", summary: "Approval requests: the caller's inbox, his own, or all",
                summaryZh: "审批列表",
                access: "everyone signed in sees what he raised; the market manager and the GM their inbox and all",
                query: [
                    ("box", ["type": "string", "enum": ["inbox", "done", "mine", "all"], "default": "inbox"], "Which requests: routed to me and pending, decided by me, raised by me, all."),
                    ("state", ["type": "string", "enum": .array(ApprovalRequest.State.allCases.map { .string($0.rawValue) })], "State."),
                ] + paging, result: ref("ApprovalList")),
            APIOperation(
                method: "GET", path: "/approvals/export", tag: "sales", summary: "Approval requests as CSV or Excel (same box and state)", summaryZh: "导出审批",
                access: "as the list",
                query: [
                    ("box", ["type": "string", "enum": ["inbox", "done", "mine", "all"], "default": "inbox"], "Which requests: routed to me and pending, decided by me, raised by me, all."),
                    ("state", ["type": "string", "enum": .array(ApprovalRequest.State.allCases.map { .string($0.rawValue) })], "State."), exportFormat,
                ], result: ["type": "string"], resultType: "text/csv"),
            APIOperation(
                method: "GET", path: "/approvals/ledger", tag: "sales", summary: "Year-to-date ledger: approved per approver and kind, against the limits",
                summaryZh: "审批台账", access: "GM, market manager",
                query: [("year", ["type": "integer", "minimum": 2000, "maximum": 2999], "Default this year.")], result: ref("Ledger")),
            APIOperation(
                method: "GET", path: "/approvals/{id}", tag: "sales", summary: "One approval request", summaryZh: "审批详情",
                access: "the requester, the approvers, and readers of its subject", result: ref("Approval")),
        ] + SalesRoutes.approvalActions.map { action in
            APIOperation(
                method: "POST", path: "/approvals/{id}/\(action.rawValue)", tag: "sales",
                summary: "Approval step: " + Catalog.text("process.approval.action.\(action.rawValue)", [:], .en),
                summaryZh: Catalog.text("process.approval.action.\(action.rawValue)", [:], .zhCN),
                access: action == .withdraw ? "the requester" : "the routed approver (or the GM), never the requester; a rejection needs a comment",
                body: ref("ActionBody"), bodyRequired: false, result: ref("Approval"))
        } + [
            APIOperation(
                method: "GET", path: "/contracts", tag: "contracts", summary: "The contract ledger, newest first", summaryZh: "合同台账",
                access: "as the customers (a rep: his own); Customer Service every contract past the draft",
                query: contractFilters + paging, result: ref("ContractList")),
            APIOperation(
                method: "POST", path: "/contracts", tag: "contracts", summary: "Draft a contract, from an accepted quotation or for a customer",
                summaryZh: "起草合同", access: "market manager, business assistant; sales rep for his own customers", body: ref("ContractInput"),
                success: 201, result: ref("Contract"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/contracts/export", tag: "contracts", summary: "The ledger as CSV or Excel (same filters)", summaryZh: "导出合同台账",
                access: "as the ledger",
                query: contractFilters + [exportFormat], result: ["type": "string"], resultType: "text/csv"),
            APIOperation(
                method: "GET", path: "/contracts/{id}", tag: "contracts", summary: "One contract with its reviews, hand-off and the steps open to the caller",
                summaryZh: "合同详情", access: "as the ledger", result: ref("Contract"), extraHeaders: ["ETag"]),
            APIOperation(
                method: "PATCH", path: "/contracts/{id}", tag: "contracts", summary: "Change a draft", summaryZh: "修改合同草稿",
                access: "market manager, business assistant; sales rep for his own customers", body: ref("ContractPatch"), result: ref("Contract")),
            APIOperation(
                method: "GET", path: "/contracts/{id}/history", tag: "contracts", summary: "Every step of the review", summaryZh: "合同评审记录",
                access: "as the ledger", result: ref("EventList")),
        ] + ContractRoutes.actions.map { action in
            APIOperation(
                method: "POST", path: "/contracts/{id}/\(action.rawValue)", tag: "contracts",
                summary: "Contract step: " + Catalog.text("process.contract.action.\(action.rawValue)", [:], .en),
                summaryZh: Catalog.text("process.contract.action.\(action.rawValue)", [:], .zhCN),
                access: ContractPages.accessText(action), body: ref("ContractStep"), bodyRequired: false,
                success: action == .amend ? 201 : 200, result: ref("Contract"), extraHeaders: action == .amend ? ["Location"] : [])
        } + tenderOperations + implementationOperations + [
            APIOperation(
                method: "GET", path: "/audit", tag: "audit", summary: "Audit log", summaryZh: "审计日志", access: "GM, administrator",
                query: [
                    ("actor_id", ["type": "integer", "minimum": 0], "Who."),
                    ("action", ["type": "string", "enum": .array(AuditAction.allCases.map { .string($0.rawValue) })], "What."),
                    ("entity", ["type": "string", "pattern": "^[A-Za-z_]{1,40}$"], "Record type, e.g. customer."),
                    ("entity_id", ["type": "string", "maxLength": 40], "Record id."),
                    ("from", ["type": "string", "pattern": "^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"], "From day (YYYY-MM-DD, CST)."),
                    ("to", ["type": "string", "pattern": "^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"], "To day, inclusive."),
                ] + paging,
                result: ref("AuditList")),
        ]
    }

    /// The statuses every operation may answer with a problem, besides its own success.
    static func errorStatuses(_ op: APIOperation) -> [Int] {
        var s = [400, 401, 403, 404, 405, 413, 415, 422, 429]
        if op.method != "GET" { s.append(409) }
        if op.public_ { s.removeAll { $0 == 403 } }
        return s.sorted()
    }

    static let problemText: [Int: String] = [
        400: "Malformed request: bad JSON, wrong types, unknown fields, bad paging or a missing version.",
        401: "Not signed in, or the token expired.", 403: "The role may not do this.",
        404: "No such record, or not one the caller may see.", 405: "Method not allowed.",
        409: "Stale version (somebody changed the record first) or a duplicate.", 413: "Body over 1 MiB.",
        415: "Unsupported content type.", 422: "Validation failed; `fields` says which and why.",
        429: "Too many failed sign-ins; retry after the time in Retry-After.",
    ]

    static var document: JSONDoc {
        var paths: [String: [String: JSONDoc]] = [:]
        for op in operations {
            var o: [String: JSONDoc] = [
                "operationId": .string(op.id), "tags": [.string(op.tag)], "summary": .string(op.summary),
                "description": .string("\(op.summaryZh)。Access: \(op.access)."),
            ]
            var params: [JSONDoc] = []
            for part in op.path.split(separator: "/") where part.hasPrefix("{") {
                params.append(["name": .string(String(part.dropFirst().dropLast())), "in": "path", "required": true, "schema": ["type": "integer", "minimum": 1]])
            }
            for q in op.query {
                // An empty query parameter means the parameter is absent (HTML forms send empty fields).
                let schema: JSONDoc = ["anyOf": [q.schema, ["type": "string", "maxLength": 0]]]
                params.append(["name": .string(q.name), "in": "query", "required": false, "schema": schema, "description": .string(q.about + " Empty means absent.")])
            }
            if op.versioned {
                params.append([
                    "name": "If-Match", "in": "header", "required": false, "schema": ["type": "string", "pattern": "^\"?[1-9][0-9]{0,8}\"?$"],
                    "description": "The version, instead of the body's `version`.",
                ])
            }
            if !params.isEmpty { o["parameters"] = .array(params) }
            if let body = op.body {
                o["requestBody"] = [
                    "required": .bool(op.bodyRequired),
                    "content": .object(Dictionary(uniqueKeysWithValues: op.bodyTypes.map { ($0, ["schema": body] as JSONDoc) })),
                ]
            }
            var responses: [String: JSONDoc] = [:]
            var ok: [String: JSONDoc] = ["description": op.success == 204 ? "Done." : "Success."]
            if let result = op.result {
                if op.resultType == "text/csv" {
                    ok["content"] = ["text/csv": ["schema": result], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["schema": result]]
                } else {
                    ok["content"] = .object([op.resultType: ["schema": result]])
                }
            }
            if !op.extraHeaders.isEmpty {
                ok["headers"] = .object(Dictionary(uniqueKeysWithValues: op.extraHeaders.map { ($0, ["schema": ["type": "string"]] as JSONDoc) }))
            }
            responses[String(op.success)] = .object(ok)
            for s in errorStatuses(op) {
                var r: [String: JSONDoc] = ["$ref": .string("#/components/responses/Problem\(s)")]
                if s == 429 || s == 413 { r = ["$ref": .string("#/components/responses/Problem\(s)")] }
                responses[String(s)] = .object(r)
            }
            o["responses"] = .object(responses)
            if op.public_ { o["security"] = [] }
            paths[op.path, default: [:]][op.method.lowercased()] = .object(o)
        }
        var problemResponses: [String: JSONDoc] = [:]
        for (s, text) in problemText {
            var r: [String: JSONDoc] = ["description": .string(text), "content": ["application/problem+json": ["schema": ref("Problem")]]]
            if s == 429 { r["headers"] = ["Retry-After": ["schema": ["type": "string"], "description": "Seconds to wait."]] }
            problemResponses["Problem\(s)"] = .object(r)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Frontline API", "version": "1",
                "description": "The JSON API of Frontline, the sales and marketing operations system (市场部 and 客户服务部). Every rule the web pages follow applies here too. Errors are RFC 9457 problem documents with localised text (zh-CN by default; send Accept-Language: en for English). Amounts are exact decimals in yuan, as text.",
            ],
            "servers": [["url": "/api/v1"]],
            "security": [["bearer": []]],
            "tags": [
                ["name": "auth", "description": "Sign-in and tokens"], ["name": "organisation", "description": "Users, regions, authority limits"],
                ["name": "customers", "description": "Customer archive: companies, contacts, communication log"],
                ["name": "sales", "description": "Price book, quotations and approvals"],
                ["name": "contracts", "description": "Contract ledger and contract review (合同评审)"],
                ["name": "tenders", "description": "Tenders (标书): parts, bid review, package, submission and result"],
                ["name": "implementations", "description": "Contract implementation (合同实施): Customer Service's engineers, milestones, acceptance, obstacle reports"],
                ["name": "audit", "description": "Who changed what"],
            ],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "description": "Token from POST /auth/login."]],
                "schemas": .object(schemas),
                "responses": .object(problemResponses),
            ],
        ]
    }

    /// The document as served and as kept in `docs/openapi.json`: sorted keys, two-space indentation.
    static func documentData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try e.encode(document)
        data.append(0x0A)
        return data
    }

    static let cached: Data = (try? documentData()) ?? Data()

    static func register(_ app: Application) {
        app.get("api", "v1", "openapi.json") { _ -> Response in
            let res = Response(status: .ok, body: .init(data: cached))
            res.headers.contentType = .json
            res.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
            return res
        }
    }
}
