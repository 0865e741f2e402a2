import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// A request body read strictly: a JSON object or an HTML form, with every key known and every value of the
/// right type. Problems become a `DomainError` naming the field, so nothing is written from a bad request.
struct Input {
    enum Value {
        case string(String)
        case number(Double, text: String)
        case bool(Bool)
        case null
        case list([Value])
        case object([String: Value])
    }

    var values: [String: Value]
    var isForm: Bool

    /// Reads a JSON object body, refusing keys outside `allowed` (plus `version`, always allowed).
    static func json(_ req: Request, allowed: Set<String>) throws -> Input {
        guard let ct = req.headers.contentType, ct.type == "application",
            ct.subType == "json" || ct.subType.hasSuffix("+json")
        else {
            let type = req.headers.first(name: .contentType) ?? "—"
            throw DomainError(.badRequest, Message("error.content_type", ["type": type]))
        }
        guard var buffer = req.body.data, let bytes = buffer.readBytes(length: buffer.readableBytes), !bytes.isEmpty
        else {
            throw DomainError.badRequest("error.bad_json", ["detail": "empty body"])
        }
        guard bytes.count <= 1 << 20 else { throw DomainError(.tooLarge, Message("error.too_large", ["max": "1 MiB"])) }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw DomainError.badRequest("error.bad_utf8") }
        let object: JSONValue
        do {
            object = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw DomainError.badRequest("error.bad_json", ["detail": Input.describe(error)])
        }
        guard case .object(let dict) = object else { throw DomainError.badRequest("error.not_object") }
        var values: [String: Value] = [:]
        var errors: [FieldError] = []
        for (k, v) in dict {
            if k.contains("\0") || v.holdsNUL {
                let name = k.contains("\0") ? "?" : k
                throw DomainError(
                    .badRequest, Message("error.nul", ["field": name]),
                    fields: [FieldError(name, "error.nul", ["field": name])])
            }
            if !allowed.contains(k) && k != "version" {
                let name = k.count > 64 ? String(k.prefix(64)) + "…" : k
                errors.append(FieldError(name, "error.unknown_field", ["field": name]))
                continue
            }
            values[k] = v.value
        }
        if !errors.isEmpty {
            // At most `listedErrors` are named, so a body of 50,000 unknown fields gets a short answer.
            let named = errors.sorted { $0.field < $1.field }.prefix(Input.listedErrors)
            var list = named.map(\.field).joined(separator: ", ")
            if errors.count > named.count { list += " … (\(errors.count))" }
            throw DomainError(.badRequest, Message("error.unknown_field", ["field": list]), fields: Array(named))
        }
        return Input(values: values, isForm: false)
    }

    static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let ctx) = error {
            return String(ctx.debugDescription.prefix(120))
        }
        return "syntax"
    }

    /// Any JSON value, decoded strictly (a boolean is never a number).
    indirect enum JSONValue: Decodable {
        case string(String), int(Int64), double(Double), bool(Bool), null, array([JSONValue]), object(
            [String: JSONValue])

        init(from decoder: any Decoder) throws {
            if let c = try? decoder.container(keyedBy: AnyKey.self) {
                var d: [String: JSONValue] = [:]
                for k in c.allKeys { d[k.stringValue] = try c.decode(JSONValue.self, forKey: k) }
                self = .object(d)
                return
            }
            if var a = try? decoder.unkeyedContainer() {
                var out: [JSONValue] = []
                while !a.isAtEnd { out.append(try a.decode(JSONValue.self)) }
                self = .array(out)
                return
            }
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? c.decode(Int64.self) {
                self = .int(i)
            } else if let d = try? c.decode(Double.self) {
                self = .double(d)
            } else {
                self = .string(try c.decode(String.self))
            }
        }

        /// Whether a NUL character hides anywhere in this value.
        var holdsNUL: Bool {
            switch self {
            case .string(let s): s.contains("\0")
            case .array(let a): a.contains { $0.holdsNUL }
            case .object(let o): o.contains { $0.key.contains("\0") || $0.value.holdsNUL }
            default: false
            }
        }

        var value: Value {
            switch self {
            case .string(let s): .string(s)
            case .int(let i): .number(Double(i), text: String(i))
            case .double(let d): .number(d, text: String(d))
            case .bool(let b): .bool(b)
            case .null: .null
            case .array(let a): .list(a.map(\.value))
            case .object(let o): .object(o.mapValues(\.value))
            }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The pairs of `application/x-www-form-urlencoded` text (a form body or a query string), in order;
    /// a pair that is not valid percent-encoding is dropped.
    static func urlEncodedPairs(_ raw: String) -> [(String, String)] {
        raw.split(separator: "&").compactMap { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = String(kv[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
                let value = (kv.count > 1 ? String(kv[1]) : "").replacingOccurrences(of: "+", with: " ")
                    .removingPercentEncoding
            else { return nil }
            return (key, value)
        }
    }

    /// Reads an url-encoded form; keys outside `allowed` (and the CSRF field) are ignored, as browsers send them.
    static func form(_ req: Request) throws -> Input {
        let raw = req.body.string ?? ""
        var values: [String: Value] = [:]
        var lists: [String: [Value]] = [:]
        for (key, value) in urlEncodedPairs(raw) {
            if key.contains("\0") || value.contains("\0") {
                throw DomainError(
                    .badRequest, Message("error.nul", ["field": key]),
                    fields: [FieldError(key, "error.nul", ["field": key])])
            }
            if key.hasSuffix("[]") {
                lists[String(key.dropLast(2)), default: []].append(.string(value))
            } else {
                values[key] = .string(key.hasSuffix("_id") ? picked(value) : value)
            }
        }
        for (k, v) in lists { values[k] = .list(v) }
        return Input(values: values, isForm: true)
    }

    /// A record picker's choice (`名称 #12`) as the id it names; any other value as it came.
    static func picked(_ value: String) -> String {
        guard let hash = value.lastIndex(of: "#") else { return value }
        let digits = value[value.index(after: hash)...].trimmingCharacters(in: .whitespaces)
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && Int64(digits) != nil ? digits : value
    }

    func has(_ key: String) -> Bool { values[key] != nil }

    /// Fields that may come as JSON numbers (ids, amounts, versions); every other text field must be a string.
    static let numericFields: Set<String> = Set([
        "region_id", "owner_id", "contact_id", "head_id", "version", "customer_id", "product_id", "list_price",
        "floor_price", "cost",
        "tax_rate", "quantity", "discount", "quotation_id", "amount", "cost_estimate", "standard_discount",
        "special_contract_threshold",
        "bid_amount", "deposit_amount", "engineer_id", "winning_amount", "payment_seq", "milestone_id", "document_id",
        "obstacle_id",
        "hours", "satisfaction", "contract_id", "implementation_id", "tender_id", "score", "trainer_id",
        "opportunity_id", "expected_profit",
        "probability", "times", "host_id",
    ])
    .union(ApprovalKind.allCases.map(\.rawValue))

    /// A text field; null clears it (empty text).
    func string(_ key: String, _ errors: inout [FieldError]) -> String? {
        switch values[key] {
        case nil: return nil
        case .string(let s): return s
        case .number(_, let text) where Input.numericFields.contains(key): return text
        case .null: return ""
        default:
            errors.append(FieldError(key, "error.wrong_type", ["expected": "@type.string"]))
            return nil
        }
    }

    func bool(_ key: String, _ errors: inout [FieldError]) -> Bool? {
        switch values[key] {
        case nil: return nil
        case .bool(let b): return b
        case .string(let s) where isForm: return s == "on" || s == "true" || s == "1"
        default:
            errors.append(FieldError(key, "error.wrong_type", ["expected": "@type.boolean"]))
            return nil
        }
    }

    func stringList(_ key: String, _ errors: inout [FieldError]) -> [String]? {
        switch values[key] {
        case nil: return nil
        case .list(let items):
            var out: [String] = []
            for i in items {
                if case .string(let s) = i {
                    out.append(s)
                } else {
                    errors.append(FieldError(key, "error.wrong_type", ["expected": "@type.string_list"]))
                    return nil
                }
            }
            return out
        case .string(let s) where isForm: return [s]
        default:
            errors.append(FieldError(key, "error.wrong_type", ["expected": "@type.string_list"]))
            return nil
        }
    }

    /// The record version a change is based on, from the body or `If-Match`.
    func version(_ req: Request) throws -> Int {
        var errors: [FieldError] = []
        var text = string("version", &errors)
        // A body version of the wrong type is a mistake even when If-Match carries one (the fuzzer sent `{}`).
        guard errors.isEmpty else {
            throw DomainError(.badRequest, Message("field.version"), fields: [FieldError("version", "field.version")])
        }
        if let tag = req.headers.first(name: .ifMatch) {
            // A malformed If-Match, or one that disagrees with the body, is a mistake to point out, not to ignore.
            let header = tag.trimmingCharacters(in: CharacterSet(charactersIn: "\"W/ "))
            guard let v = Int(header), v > 0, v <= Int(Int32.max), text == nil || Int(text!) == v else {
                throw DomainError(
                    .badRequest, Message("field.version"), fields: [FieldError("version", "field.version")])
            }
            text = header
        }
        guard let text else {
            throw DomainError(
                .badRequest, Message("error.version_required"),
                fields: [FieldError("version", "error.version_required")])
        }
        guard let v = Int(text), v > 0, v <= Int(Int32.max) else {
            throw DomainError(.badRequest, Message("field.version"), fields: [FieldError("version", "field.version")])
        }
        return v
    }

    /// Throws the wrong-type errors gathered while reading.
    /// How many failing fields an error answer lists at most.
    static let listedErrors = 20

    static func check(_ errors: [FieldError]) throws {
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
    }

    func customer() throws -> CustomerInput {
        var e: [FieldError] = []
        let input = CustomerInput(
            name: string("name", &e), tier: string("tier", &e), industry: string("industry", &e),
            regionId: string("region_id", &e), ownerId: string("owner_id", &e), status: string("status", &e),
            address: string("address", &e), creditCode: string("credit_code", &e), notes: string("notes", &e))
        try Input.check(e)
        return input
    }

    func contact() throws -> ContactInput {
        var e: [FieldError] = []
        let input = ContactInput(
            name: string("name", &e), title: string("title", &e), phone: string("phone", &e),
            mobile: string("mobile", &e),
            email: string("email", &e), isPrimary: bool("is_primary", &e), notes: string("notes", &e))
        try Input.check(e)
        return input
    }

    func communication() throws -> CommunicationInput {
        var e: [FieldError] = []
        let input = CommunicationInput(
            kind: string("kind", &e), direction: string("direction", &e), occurredAt: string("occurred_at", &e),
            summary: string("summary", &e), nextStep: string("next_step", &e),
            nextStepDate: string("next_step_date", &e),
            contactId: string("contact_id", &e))
        try Input.check(e)
        return input
    }

    func user() throws -> UserInput {
        var e: [FieldError] = []
        var input = UserInput(
            username: string("username", &e), displayName: string("display_name", &e), password: string("password", &e),
            roles: stringList("roles", &e), regionId: string("region_id", &e), active: bool("active", &e),
            locale: string("locale", &e), email: string("email", &e))
        if isForm {
            // A form leaves unchecked boxes out: no roles ticked means none, an unticked "active" means inactive.
            if input.roles == nil && values["roles_present"] != nil { input.roles = [] }
            if input.active == nil && values["active_present"] != nil { input.active = false }
        }
        try Input.check(e)
        return input
    }

    func region() throws -> RegionInput {
        var e: [FieldError] = []
        let input = RegionInput(name: string("name", &e), code: string("code", &e), headId: string("head_id", &e))
        try Input.check(e)
        return input
    }

    func product() throws -> ProductInput {
        var e: [FieldError] = []
        let input = ProductInput(
            code: string("code", &e), name: string("name", &e), kind: string("kind", &e), unit: string("unit", &e),
            description: string("description", &e), listPrice: string("list_price", &e),
            floorPrice: string("floor_price", &e),
            cost: string("cost", &e), taxRate: string("tax_rate", &e), active: bool("active", &e),
            reason: string("reason", &e))
        try Input.check(e)
        return input
    }

    /// A quotation's header and its `lines`: a list of objects with only `product_id`, `quantity` and `discount`.
    func quotation() throws -> QuotationInput {
        var e: [FieldError] = []
        var lines: [QuotationInput.Line]?
        switch values["lines"] {
        case nil: break
        case .list(let items)?:
            lines = []
            for (i, item) in items.enumerated() {
                guard case .object(let o) = item else {
                    e.append(FieldError("lines[\(i)]", "error.wrong_type", ["expected": "@type.object"]))
                    continue
                }
                for k in o.keys where !QuotationInput.lineFieldNames.contains(k) {
                    e.append(FieldError("lines[\(i)].\(k)", "error.unknown_field", ["field": k]))
                }
                let line = Input(values: o, isForm: false)
                lines?.append(
                    QuotationInput.Line(
                        productId: line.string("product_id", &e), quantity: line.string("quantity", &e),
                        discount: line.string("discount", &e)))
            }
        default: e.append(FieldError("lines", "error.wrong_type", ["expected": "@type.list"]))
        }
        let input = QuotationInput(
            customerId: string("customer_id", &e), title: string("title", &e), validUntil: string("valid_until", &e),
            terms: string("terms", &e), lines: lines, opportunityId: string("opportunity_id", &e))
        try Input.check(e)
        return input
    }

    func contract() throws -> ContractInput {
        var e: [FieldError] = []
        var milestones: [ContractInput.Milestone]?
        switch values["milestones"] {
        case nil: break
        case .list(let items)?:
            milestones = []
            for (i, item) in items.enumerated() {
                guard case .object(let o) = item else {
                    e.append(FieldError("milestones[\(i)]", "error.wrong_type", ["expected": "@type.object"]))
                    continue
                }
                for k in o.keys where !ContractInput.milestoneFieldNames.contains(k) {
                    e.append(FieldError("milestones[\(i)].\(k)", "error.unknown_field", ["field": k]))
                }
                let m = Input(values: o, isForm: false)
                milestones?.append(
                    ContractInput.Milestone(
                        name: m.string("name", &e), amount: m.string("amount", &e), due: m.string("due", &e)))
            }
        default: e.append(FieldError("milestones", "error.wrong_type", ["expected": "@type.list"]))
        }
        let input = ContractInput(
            customerId: string("customer_id", &e), quotationId: string("quotation_id", &e), title: string("title", &e),
            amount: string("amount", &e), costEstimate: string("cost_estimate", &e), milestones: milestones,
            technicalAnnex: string("technical_annex", &e), commercialTerms: string("commercial_terms", &e),
            special: bool("special", &e),
            taxRate: string("tax_rate", &e), opportunityId: string("opportunity_id", &e))
        try Input.check(e)
        return input
    }

    /// A list of user ids: JSON numbers, or form values.
    func idList(_ key: String, _ e: inout [FieldError]) -> [String]? {
        switch values[key] {
        case nil: return nil
        case .list(let items)?:
            var ids: [String] = []
            for item in items {
                switch item {
                case .string(let s) where isForm: ids.append(s)
                case .number(_, let text) where (Int64(text) ?? 0) > 0: ids.append(text)
                default: e.append(FieldError(key, "error.wrong_type", ["expected": "@type.integer"]))
                }
            }
            return ids
        case .string(let s)? where isForm: return [s]
        default:
            e.append(FieldError(key, "error.wrong_type", ["expected": "@type.list"]))
            return nil
        }
    }

    /// Whatever the step, an opinion sent must be one of the answers.
    static func checkOpinion(_ o: String?, _ e: inout [FieldError]) {
        if let o, !o.isEmpty, Review.Opinion(rawValue: o) == nil || o == "pending" {
            e.append(FieldError("opinion", "field.one_of", ["values": "approve, approve_with_conditions, reject"]))
        }
    }
}

extension Input {
    func tender() throws -> TenderInput {
        var e: [FieldError] = []
        let input = TenderInput(
            customerId: string("customer_id", &e), quotationId: string("quotation_id", &e), title: string("title", &e),
            tenderNo: string("tender_no", &e), buyer: string("buyer", &e), agency: string("agency", &e),
            deadline: string("deadline", &e),
            bidAmount: string("bid_amount", &e), depositAmount: string("deposit_amount", &e),
            opportunityId: string("opportunity_id", &e))
        try Input.check(e)
        return input
    }
}

extension Input {
    static let serviceRequestFields: Set<String> = [
        "kind", "title", "detail", "location", "wished_on", "customer_id", "contract_id", "implementation_id",
    ]

    func serviceRequest() throws -> ServiceRequestDraft {
        var e: [FieldError] = []
        let input = ServiceRequestDraft(
            kind: string("kind", &e), title: string("title", &e), detail: string("detail", &e),
            location: string("location", &e),
            wishedOn: string("wished_on", &e), customerId: string("customer_id", &e),
            contractId: string("contract_id", &e),
            implementationId: string("implementation_id", &e))
        try Input.check(e)
        return input
    }
}

extension DTO.Thresholds {
    static func read(_ discount: String?, _ threshold: String?, into invalid: inout [FieldError]) throws -> (
        Int?, Money?
    ) {
        var d: Int?
        var t: Money?
        if let discount {
            if let v = Rate.parsePercent(discount), v < 10_000 {
                d = v
            } else {
                invalid.append(FieldError("standard_discount", "quotation.discount"))
            }
        }
        if let threshold {
            do { t = try AuthorityLimits.parseLimit(threshold, field: "special_contract_threshold") } catch {
                invalid += error.fields
            }
        }
        return (d, t)
    }
}
