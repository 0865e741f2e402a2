import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/screenings`: customer screening proposals (筛选客户) the market manager makes and the GM decides; steps
/// `POST /screenings/{id}/{action}` from `ScreeningProcess`.
enum ScreeningRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("screenings", use: list)
        api.get("screenings", "export", use: export)
        api.post("screenings", use: create)
        api.get("screenings", ":id", use: get)
        api.get("screenings", ":id", "history", use: history)
        ProcessAPI.register(app, ScreeningProcess.self, route: "screenings") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnScreening(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
    }

    static func filter(_ req: Request) throws -> ScreeningFilter {
        var f = ScreeningFilter()
        var errors: [FieldError] = []
        f.state = req.choice("state", Screening.State.self, &errors)
        f.q = req.searchText(&errors)
        if let c = req.query("customer_id"), !c.isEmpty {
            if let v = Int64(c), v > 0 { f.customerId = v } else { errors.append(FieldError("customer_id", "field.not_id")) }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.ScreeningDetail {
        guard let s = try await req.store.screeningSubject(id: id, for: actor) else { throw DomainError.notFound }
        return DTO.ScreeningDetail(screening: DTO.Screening(s.screening, names: try await req.userNames()), actions: ProcessAPI.offers(ScreeningProcess.self, s, actor: actor))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorting: Store.screeningSorts)
        let page = try await req.store.screenings(f, limit: q.limit, offset: q.offset, order: q, for: actor)
        let names = try await req.userNames()
        return try DTO.response(DTO.List(items: page.items.map { DTO.Screening($0, names: names) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    /// The proposals as CSV or Excel: the same filters, newest first.
    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let names = try await req.userNames()
        let t = req.texts
        let header = [
            t("screening.number"), t("screening.customer"), t("screening.outcome"), t("screening.before"), t("screening.tier"), t("screening.status"),
            t("screening.reason"), t("screening.proposer"), t("screening.state"), t("screening.decision"), t("screening.created"),
        ]
        let row: @Sendable (Screening) -> [String] = { s in
            [
                s.number, s.customerName, t(s.outcome.labelKey), "\(s.tierBefore.rawValue) · \(t(s.statusBefore.labelKey))", s.tier?.rawValue ?? "",
                s.status.map { t($0.labelKey) } ?? "", s.reason, names[s.proposerId] ?? "", t(s.state.labelKey), s.decision, DateText.minute(s.createdAt / 1000),
            ]
        }
        return try await TableExport.paged(req, entity: "screening", sheet: t("screening.list"), header: header) { before in
            let page = try await store.screenings(f, limit: TableExport.batch, before: before, for: actor)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let body = try Input.json(req, allowed: ScreeningInput.fields)
        var e: [FieldError] = []
        let input = ScreeningInput(
            customerId: body.string("customer_id", &e), outcome: body.string("outcome", &e), tier: body.string("tier", &e), status: body.string("status", &e),
            reason: body.string("reason", &e))
        try Input.check(e)
        let p = try await req.store.proposeScreening(input, by: actor)
        return try ProcessAPI.created(try await dto(req, id: p.id, actor: actor), location: "/api/v1/screenings/\(p.id)")
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        return try ProcessAPI.tagged(d, version: d.screening.version)
    }

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await ProcessAPI.history(req, ScreeningProcess.name) { try await req.store.screening(id: $0, for: actor) != nil }
    }
}

extension DTO {
    struct Screening: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, customerId = "customer_id", customerName = "customer_name", outcome, tier, status, tierBefore = "tier_before", statusBefore = "status_before"
            case reason, decision, proposerId = "proposer_id", proposerName = "proposer_name", state, version, createdAt = "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var number: String
        var customerId: Int64
        var customerName: String
        var outcome: String
        var tier: String?
        var status: String?
        var tierBefore: String
        var statusBefore: String
        var reason: String
        var decision: String
        var proposerId: Int64
        var proposerName: String
        var state: String
        var version: Int
        var createdAt: String
        var updatedAt: String
        init(_ s: FrontlineCore.Screening, names: [Int64: String]) {
            id = s.id; number = s.number; customerId = s.customerId; customerName = s.customerName; outcome = s.outcome.rawValue; tier = s.tier?.rawValue
            status = s.status?.rawValue; tierBefore = s.tierBefore.rawValue; statusBefore = s.statusBefore.rawValue; reason = s.reason; decision = s.decision
            proposerId = s.proposerId; proposerName = names[s.proposerId] ?? ""; state = s.state.rawValue; version = s.version
            createdAt = DTO.iso(millis: s.createdAt); updatedAt = DTO.iso(millis: s.updatedAt)
        }
    }

    struct ScreeningDetail: Encodable {
        var screening: Screening
        var actions: [ProcessAPI.Offer]
    }
}
