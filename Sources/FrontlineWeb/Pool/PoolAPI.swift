import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/pool`: the customer pool (公海) — the customers nobody owns, claims and hand-outs, each customer's pool
/// history, the warnings before a return; `/settings/pool` its rules.
enum PoolRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("pool", use: list)
        api.get("pool", "warnings", use: warnings)
        api.post("pool", ":id", "claim", use: claim)
        api.post("pool", ":id", "assign", use: assign)
        api.get("pool", ":id", "events", use: events)
        api.get("settings", "pool", use: rules)
        api.patch("settings", "pool", use: setRules)
    }

    static func filter(_ req: Request) throws -> PoolFilter {
        var f = PoolFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 {
                errors.append(FieldError("q", "field.too_long", ["max": "100"]))
            } else {
                f.q = Text.clean(q)
            }
        }
        if let t = req.query("tier"), !t.isEmpty {
            if let tier = CustomerTier(rawValue: t) {
                f.tier = tier
            } else {
                errors.append(FieldError("tier", "field.one_of", ["values": "A, B, C, D"]))
            }
        }
        if let r = req.query("region_id"), !r.isEmpty {
            if let v = Int64(r), v > 0 {
                f.regionId = v
            } else {
                errors.append(FieldError("region_id", "field.not_id"))
            }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorts: ["name", "updated_at"], default: "-updated_at", sortable: true)
        let page = try await req.store.poolCustomers(f, q, for: actor)
        let names = try await req.userNames()
        return try DTO.response(
            DTO.List(
                items: page.items.map { DTO.PoolCustomer($0, names: names) }, total: page.total, limit: q.limit,
                offset: q.offset))
    }

    static func warnings(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard PoolAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let list = try await req.store.poolWarnings(for: actor, limit: 200)
        return try DTO.response(
            DTO.List(
                items: list.map {
                    DTO.PoolWarning(
                        customerId: $0.customerId, customerName: $0.name, ownerId: $0.ownerId, returnsOn: $0.returnsOn)
                }, total: list.count))
    }

    static func claim(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let c = try await req.store.claimCustomer(id: try APIRoutes.id(req), by: actor)
        return try DTO.response(DTO.Customer(try await req.store.customer(id: c.id, for: actor)!))
    }

    static func assign(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let body = try Input.json(req, allowed: ["owner_id", "comment", "version"])
        var e: [FieldError] = []
        let raw = body.string("owner_id", &e), comment = body.string("comment", &e) ?? ""
        try Input.check(e)
        let version = body.has("version") || req.headers.first(name: .ifMatch) != nil ? try body.version(req) : nil
        guard let owner = Int64((raw ?? "").trimmingCharacters(in: .whitespaces)), owner > 0 else {
            throw DomainError.validation([FieldError("owner_id", "field.required")])
        }
        let note = Text.clean(comment)
        guard note.unicodeScalars.count <= 500 else {
            throw DomainError.validation([FieldError("comment", "field.too_long", ["max": "500"])])
        }
        let c = try await req.store.assignCustomer(
            id: try APIRoutes.id(req), to: owner, note: note, version: version, by: actor)
        return try DTO.response(DTO.Customer(try await req.store.customer(id: c.id, for: actor)!))
    }

    static func events(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let list = try await req.store.poolEvents(customerId: try APIRoutes.id(req), for: actor)
        let names = try await req.userNames()
        return try DTO.response(DTO.List(items: list.map { DTO.PoolEvent($0, names: names) }, total: list.count))
    }

    static func rulesResponse(_ r: PoolRules, version: Int) throws -> Response {
        try ProcessAPI.tagged(DTO.PoolRules(r, version: version), version: version)
    }

    static func rules(_ req: Request) async throws -> Response {
        _ = try req.actor()
        let (r, v) = try await req.store.poolRules()
        return try rulesResponse(r, version: v)
    }

    static let ruleFields: Set<String> = [
        "return_days", "warn_days", "exempt_negotiation", "exempt_effective_contract", "owned_limit", "daily_claims",
        "reclaim_days", "version",
    ]

    static func setRules(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let body = try Input.json(req, allowed: ruleFields)
        let version = try body.version(req)
        var r = try await req.store.poolRules().0
        try body.poolRules(into: &r)
        let (saved, v) = try await req.store.setPoolRules(r, version: version, by: actor)
        return try rulesResponse(saved, version: v)
    }
}

extension Input {
    /// The rules' fields sent, over the rules in force: whole numbers, two switches, and `return_days` by tier.
    func poolRules(into r: inout PoolRules) throws {
        var e: [FieldError] = []
        func int(_ key: String) -> Int? {
            switch values[key] {
            case nil: return nil
            case .number(_, let text)? where Int(text) != nil: return Int(text)!
            case .string(let s)? where isForm && Int(s.trimmingCharacters(in: .whitespaces)) != nil:
                return Int(s.trimmingCharacters(in: .whitespaces))!
            default:
                e.append(FieldError(key, "error.wrong_type", ["expected": "@type.integer"]))
                return nil
            }
        }
        int("warn_days").map { r.warnDays = $0 }
        int("owned_limit").map { r.ownedLimit = $0 }
        int("daily_claims").map { r.dailyClaims = $0 }
        int("reclaim_days").map { r.reclaimDays = $0 }
        bool("exempt_negotiation", &e).map { r.exemptNegotiation = $0 }
        bool("exempt_effective_contract", &e).map { r.exemptEffectiveContract = $0 }
        switch values["return_days"] {
        case nil: break
        case .object(let o)?:
            for (k, v) in o {
                guard case .number(_, let text) = v, let d = Int(text) else {
                    e.append(FieldError("return_days.\(k)", "error.wrong_type", ["expected": "@type.integer"]))
                    continue
                }
                r.returnDays[k] = d
            }
        default: e.append(FieldError("return_days", "error.wrong_type", ["expected": "@type.object"]))
        }
        if isForm {
            for t in CustomerTier.allCases { int("return_days.\(t.rawValue)").map { r.returnDays[t.rawValue] = $0 } }
        }
        try Input.check(e)
    }
}

extension DTO {
    struct PoolCustomer: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, name, tier, industry, regionId = "region_id", regionName = "region_name", status, returnedAt =
                "returned_at", lastOwnerId = "last_owner_id"
            case lastOwnerName = "last_owner_name", version
        }
        var id: Int64
        var name: String
        var tier: String
        var industry: String
        var regionId: Int64?
        var regionName: String?
        var status: String
        var returnedAt: String?
        var lastOwnerId: Int64?
        var lastOwnerName: String?
        var version: Int
        init(_ i: PoolItem, names: [Int64: String]) {
            let c = i.customer
            id = c.id; name = c.name; tier = c.tier.rawValue; industry = c.industry; regionId = c.regionId;
            regionName = i.regionName; status = c.status.rawValue
            returnedAt = i.returnedAt.map { DTO.iso(millis: $0) }; lastOwnerId = i.lastOwnerId;
            lastOwnerName = i.lastOwnerId.flatMap { names[$0] }; version = c.version
        }
    }

    struct PoolWarning: Encodable {
        enum CodingKeys: String, CodingKey {
            case customerId = "customer_id", customerName = "customer_name", ownerId = "owner_id", returnsOn =
                "returns_on"
        }
        var customerId: Int64
        var customerName: String
        var ownerId: Int64
        var returnsOn: String
    }

    struct PoolEvent: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, customerId = "customer_id", kind, fromOwnerId = "from_owner_id", fromOwnerName = "from_owner_name",
                toOwnerId = "to_owner_id"
            case toOwnerName = "to_owner_name", note, actorId = "actor_id", actorName = "actor_name", at
        }
        var id: Int64
        var customerId: Int64
        var kind: String
        var fromOwnerId: Int64?
        var fromOwnerName: String?
        var toOwnerId: Int64?
        var toOwnerName: String?
        var note: String
        var actorId: Int64
        var actorName: String
        var at: String
        init(_ e: FrontlineCore.PoolEvent, names: [Int64: String]) {
            id = e.id; customerId = e.customerId; kind = e.kind.rawValue; fromOwnerId = e.fromOwnerId;
            fromOwnerName = e.fromOwnerId.flatMap { names[$0] }
            toOwnerId = e.toOwnerId; toOwnerName = e.toOwnerId.flatMap { names[$0] }; note = e.note;
            actorId = e.actorId; actorName = names[e.actorId] ?? ""
            at = DTO.iso(millis: e.at)
        }
    }

    struct PoolRules: Encodable {
        enum CodingKeys: String, CodingKey {
            case returnDays = "return_days", warnDays = "warn_days", exemptNegotiation = "exempt_negotiation",
                exemptEffectiveContract = "exempt_effective_contract"
            case ownedLimit = "owned_limit", dailyClaims = "daily_claims", reclaimDays = "reclaim_days", version
        }
        var returnDays: [String: Int]
        var warnDays: Int
        var exemptNegotiation: Bool
        var exemptEffectiveContract: Bool
        var ownedLimit: Int
        var dailyClaims: Int
        var reclaimDays: Int
        var version: Int
        init(_ r: FrontlineCore.PoolRules, version: Int) {
            returnDays = Dictionary(uniqueKeysWithValues: CustomerTier.allCases.map { ($0.rawValue, r.days($0)) });
            warnDays = r.warnDays
            exemptNegotiation = r.exemptNegotiation; exemptEffectiveContract = r.exemptEffectiveContract;
            ownedLimit = r.ownedLimit; dailyClaims = r.dailyClaims
            reclaimDays = r.reclaimDays; self.version = version
        }
    }
}
