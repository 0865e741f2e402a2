import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/visits`: customer visits (来访接待) the business assistant schedules; steps `POST /visits/{id}/{action}`
/// from `VisitProcess`.
enum VisitRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("visits", use: list)
        api.post("visits", use: create)
        api.get("visits", "export", use: export)
        api.get("visits", ":id", use: get)
        api.patch("visits", ":id", use: update)
        api.get("visits", ":id", "history", use: history)
        ProcessAPI.register(app, VisitProcess.self, route: "visits") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnVisit(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
    }

    static func filter(_ req: Request) throws -> VisitFilter {
        var f = VisitFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 { errors.append(FieldError("q", "field.too_long", ["max": "100"])) } else { f.q = Text.clean(q) }
        }
        f.state = req.choice("state", Visit.State.self, &errors)
        for name in ["host_id", "customer_id"] {
            guard let c = req.query(name), !c.isEmpty else { continue }
            if let v = Int64(c), v > 0 { if name == "host_id" { f.hostId = v } else { f.customerId = v } } else { errors.append(FieldError(name, "field.not_id")) }
        }
        // `from` and `to` are days (CST): visits that touch them, `to` inclusive.
        if let d = req.query("from"), !d.isEmpty {
            if let day = DateText.parseDay(d) { f.from = DateText.start(ofDay: day) } else { errors.append(FieldError("from", "field.date")) }
        }
        if let d = req.query("to"), !d.isEmpty {
            if let day = DateText.parseDay(d) { f.to = DateText.start(ofDay: day + 1) } else { errors.append(FieldError("to", "field.date")) }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.VisitDetail {
        guard let s = try await req.store.visitSubject(id: id, for: actor) else { throw DomainError.notFound }
        return DTO.VisitDetail(visit: DTO.Visit(s.visit, names: try await req.userNames()), actions: ProcessAPI.offers(VisitProcess.self, s, actor: actor))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorts: VisitFilter.sorts, default: "starts_at", sortable: true)
        let page = try await req.store.visits(f, q, for: actor)
        let names = try await req.userNames()
        return try DTO.response(DTO.List(items: page.items.map { DTO.Visit($0, names: names) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let v = try await req.store.scheduleVisit(try Input.json(req, allowed: VisitInput.fields).visit(), by: actor)
        return try ProcessAPI.created(try await dto(req, id: v.id, actor: actor), location: "/api/v1/visits/\(v.id)")
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        return try ProcessAPI.tagged(d, version: d.visit.version)
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.visit(id: id, for: actor) != nil else { throw DomainError.notFound }
        let body = try Input.json(req, allowed: VisitInput.changeFields)
        let v = try await req.store.updateVisit(id: id, version: try body.version(req), try body.visit(), by: actor)
        let d = try await dto(req, id: v.id, actor: actor)
        return try ProcessAPI.tagged(d, version: d.visit.version)
    }

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await ProcessAPI.history(req, VisitProcess.name) { try await req.store.visit(id: $0, for: actor) != nil }
    }

    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let names = try await req.userNames()
        let t = req.texts
        let header = [
            t("visit.number"), t("visit.starts_at"), t("visit.ends_at"), t("visit.customer"), t("visit.visitors"), t("visit.purpose"), t("visit.host"), t("visit.place"),
            t("visit.arrangements"), t("visit.state"), t("visit.outcome"),
        ]
        let row: @Sendable (Visit) -> [String] = { v in
            [
                v.number, DateText.minute(v.startsAt), DateText.minute(v.endsAt), v.customerName, v.visitors, v.purpose, names[v.hostId] ?? "", v.place, v.arrangements,
                t(v.state.labelKey), v.outcome,
            ]
        }
        return try await TableExport.paged(req, entity: "visit", sheet: t("visit.list"), header: header) { before in
            let page = try await store.visits(f, ListQuery(limit: TableExport.batch, sortField: "id", descending: true), before: before ?? Int64.max, for: actor)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
    }
}

extension Input {
    func visit() throws -> VisitInput {
        var e: [FieldError] = []
        let v = VisitInput(
            customerId: string("customer_id", &e), visitors: string("visitors", &e), purpose: string("purpose", &e), startsAt: string("starts_at", &e),
            endsAt: string("ends_at", &e), hostId: string("host_id", &e), place: string("place", &e), arrangements: string("arrangements", &e))
        try Input.check(e)
        return v
    }
}

extension DTO {
    struct Visit: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, customerId = "customer_id", customerName = "customer_name", visitors, purpose, startsAt = "starts_at", endsAt = "ends_at"
            case hostId = "host_id", hostName = "host_name", place, arrangements, outcome, state, scheduledBy = "scheduled_by", version
            case createdAt = "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var number: String
        var customerId: Int64?
        var customerName: String
        var visitors: String
        var purpose: String
        var startsAt: String
        var endsAt: String
        var hostId: Int64
        var hostName: String
        var place: String
        var arrangements: String
        var outcome: String
        var state: String
        var scheduledBy: Int64
        var version: Int
        var createdAt: String
        var updatedAt: String
        init(_ v: FrontlineCore.Visit, names: [Int64: String]) {
            id = v.id; number = v.number; customerId = v.customerId; customerName = v.customerName; visitors = v.visitors; purpose = v.purpose
            startsAt = DateText.iso8601(v.startsAt); endsAt = DateText.iso8601(v.endsAt); hostId = v.hostId; hostName = names[v.hostId] ?? ""; place = v.place
            arrangements = v.arrangements; outcome = v.outcome; state = v.state.rawValue; scheduledBy = v.scheduledBy; version = v.version
            createdAt = DTO.iso(millis: v.createdAt); updatedAt = DTO.iso(millis: v.updatedAt)
        }
    }

    struct VisitDetail: Encodable {
        var visit: Visit
        var actions: [ProcessAPI.Offer]
    }
}
