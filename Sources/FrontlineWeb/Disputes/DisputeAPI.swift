import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/disputes`: ownership disputes (工作争议) a rep raises and the market manager decides; steps
/// `POST /disputes/{id}/{action}` from `DisputeProcess`.
enum DisputeRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("disputes", use: list)
        api.get("disputes", "export", use: export)
        api.post("disputes", use: create)
        api.get("disputes", ":id", use: get)
        api.get("disputes", ":id", "history", use: history)
        ProcessAPI.register(app, DisputeProcess.self, route: "disputes") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnDispute(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
    }

    static func filter(_ req: Request) throws -> DisputeFilter {
        var f = DisputeFilter()
        var errors: [FieldError] = []
        f.state = req.choice("state", Dispute.State.self, &errors)
        f.q = req.searchText(&errors)
        if let c = req.query("customer_id"), !c.isEmpty {
            if let v = Int64(c), v > 0 { f.customerId = v } else { errors.append(FieldError("customer_id", "field.not_id")) }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.DisputeDetail {
        guard let s = try await req.store.disputeSubject(id: id, for: actor) else { throw DomainError.notFound }
        return DTO.DisputeDetail(dispute: DTO.Dispute(s.dispute, names: try await req.userNames()), actions: ProcessAPI.offers(DisputeProcess.self, s, actor: actor))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorting: Store.disputeSorts)
        let page = try await req.store.disputes(f, limit: q.limit, offset: q.offset, order: q, for: actor)
        let names = try await req.userNames()
        return try DTO.response(DTO.List(items: page.items.map { DTO.Dispute($0, names: names) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    /// The list as CSV or Excel: the same filters, newest first.
    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let names = try await req.userNames()
        let t = req.texts
        let header = [t("dispute.number"), t("dispute.customer"), t("dispute.claimant"), t("dispute.owner"), t("dispute.reason"), t("dispute.state"), t("dispute.decision"), t("dispute.created")]
        let row: @Sendable (Dispute) -> [String] = { d in
            [d.number, d.customerName, names[d.claimantId] ?? "", names[d.ownerId] ?? "", d.reason, t(d.state.labelKey), d.decision, DateText.minute(d.createdAt / 1000)]
        }
        return try await TableExport.paged(req, entity: "dispute", sheet: t("dispute.list"), header: header) { before in
            let page = try await store.disputes(f, limit: TableExport.batch, before: before, for: actor)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let body = try Input.json(req, allowed: ["customer_id", "reason"])
        var e: [FieldError] = []
        let customer = body.string("customer_id", &e), reason = body.string("reason", &e)
        try Input.check(e)
        let d = try await req.store.raiseDispute(customerId: customer, reason: reason, by: actor)
        return try ProcessAPI.created(try await dto(req, id: d.id, actor: actor), location: "/api/v1/disputes/\(d.id)")
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        return try ProcessAPI.tagged(d, version: d.dispute.version)
    }

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await ProcessAPI.history(req, DisputeProcess.name) { try await req.store.dispute(id: $0, for: actor) != nil }
    }
}

extension DTO {
    struct Dispute: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, customerId = "customer_id", customerName = "customer_name", claimantId = "claimant_id", claimantName = "claimant_name", ownerId = "owner_id"
            case ownerName = "owner_name", reason, state, decision, version, createdAt = "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var number: String
        var customerId: Int64
        var customerName: String
        var claimantId: Int64
        var claimantName: String
        var ownerId: Int64
        var ownerName: String
        var reason: String
        var state: String
        var decision: String
        var version: Int
        var createdAt: String
        var updatedAt: String
        init(_ d: FrontlineCore.Dispute, names: [Int64: String]) {
            id = d.id; number = d.number; customerId = d.customerId; customerName = d.customerName; claimantId = d.claimantId; claimantName = names[d.claimantId] ?? ""
            ownerId = d.ownerId; ownerName = names[d.ownerId] ?? ""; reason = d.reason; state = d.state.rawValue; decision = d.decision; version = d.version
            createdAt = DTO.iso(millis: d.createdAt); updatedAt = DTO.iso(millis: d.updatedAt)
        }
    }

    struct DisputeDetail: Encodable {
        var dispute: Dispute
        var actions: [ProcessAPI.Offer]
    }
}
