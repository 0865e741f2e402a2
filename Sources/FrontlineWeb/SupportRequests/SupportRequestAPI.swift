import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/support-requests`: pre-sales support (销售支持, SPEC §3.5); the steps are
/// `POST /support-requests/{id}/{action}` from `SupportRequestProcess`.
enum SupportRequestRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("support-requests", use: list)
        api.post("support-requests", use: create)
        api.get("support-requests", "export", use: export)
        api.get("support-requests", ":id", use: get)
        api.get("support-requests", ":id", "history", use: history)
        ProcessAPI.register(app, SupportRequestProcess.self, route: "support-requests") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnSupportRequest(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
    }

    static let createFields: Set<String> = ["kind", "title", "detail", "customer_id", "tender_id", "wished_at", "hours"]

    static func filter(_ req: Request) throws -> SupportRequestFilter {
        var f = SupportRequestFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 { errors.append(FieldError("q", "field.too_long", ["max": "100"])) } else { f.q = Text.clean(q) }
        }
        f.state = req.choice("state", SupportRequest.State.self, &errors)
        f.kind = req.choice("kind", SupportRequest.Kind.self, &errors)
        for name in ["customer_id", "engineer_id"] {
            guard let c = req.query(name), !c.isEmpty else { continue }
            if let v = Int64(c), v > 0 { if name == "customer_id" { f.customerId = v } else { f.engineerId = v } } else { errors.append(FieldError(name, "field.not_id")) }
        }
        f.open = try SalesRoutes.flag(req, "open")
        f.conflicts = try SalesRoutes.flag(req, "conflicts")
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.SupportRequestDetail {
        guard let s = try await req.store.supportSubject(id: id, for: actor) else { throw DomainError.notFound }
        let names = Dictionary(uniqueKeysWithValues: s.people.map { ($0.id, $0.displayName) })
        return DTO.SupportRequestDetail(
            request: DTO.SupportRequest(s.request, names: names), conflicts: s.conflicts.map { DTO.SupportRequest($0, names: names) },
            actions: ProcessAPI.offers(SupportRequestProcess.self, s, actor: actor))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorting: Store.supportSorts)
        let page = try await req.store.supportRequests(f, limit: q.limit, offset: q.offset, order: q, for: actor)
        let names = try await req.userNames()
        return try DTO.response(DTO.List(items: page.items.map { DTO.SupportRequest($0, names: names) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let draft = try Input.json(req, allowed: createFields).supportRequest()
        let r = try await req.store.createSupportRequest(draft, by: actor)
        return try ProcessAPI.created(try await dto(req, id: r.id, actor: actor), location: "/api/v1/support-requests/\(r.id)")
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        return try ProcessAPI.tagged(d, version: d.request.version)
    }

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await ProcessAPI.history(req, SupportRequestProcess.name) { try await req.store.supportRequest(id: $0, for: actor) != nil }
    }

    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let names = try await req.userNames()
        let t = req.texts
        let header = [
            t("support.number"), t("support.kind"), t("support.subject"), t("support.customer"), t("support.tender"), t("support.requester"), t("support.state"),
            t("support.wished_at"), t("support.hours"), t("support.engineer"), t("support.booking"), t("support.outcome"),
        ]
        let row: @Sendable (FrontlineCore.SupportRequest) -> [String] = { r in
            [
                r.number, t(r.kind.labelKey), r.title, r.customerName, r.tenderNumber, r.requesterName, t(r.state.labelKey), r.wishedAt, String(r.hours),
                r.engineerId.flatMap { names[$0] } ?? "",
                r.startsAt.map { DateText.minute($0 / 1000) + " – " + DateText.minute((r.endsAt ?? $0) / 1000) } ?? "", r.outcome,
            ]
        }
        return try await TableExport.paged(req, entity: "support_request", sheet: t("support.list"), header: header) { before in
            let page = try await store.supportRequests(f, limit: TableExport.batch, before: before, for: actor)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
    }
}

extension Input {
    func supportRequest() throws -> SupportRequestDraft {
        var e: [FieldError] = []
        let d = SupportRequestDraft(
            kind: string("kind", &e), title: string("title", &e), detail: string("detail", &e), customerId: string("customer_id", &e),
            tenderId: string("tender_id", &e), wishedAt: string("wished_at", &e), hours: string("hours", &e))
        try Input.check(e)
        return d
    }
}

extension DTO {
    struct SupportRequest: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, kind, title, detail, customerId = "customer_id", customerName = "customer_name", accountOwnerId = "account_owner_id"
            case tenderId = "tender_id", tenderNumber = "tender_number", wishedAt = "wished_at", hours, requesterId = "requester_id"
            case requesterName = "requester_name", state, engineerId = "engineer_id", engineerName = "engineer_name", startsAt = "starts_at", endsAt = "ends_at"
            case outcome, version, createdAt = "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var number: String
        var kind: String
        var title: String
        var detail: String
        var customerId: Int64
        var customerName: String
        var accountOwnerId: Int64?
        var tenderId: Int64?
        var tenderNumber: String
        var wishedAt: String
        var hours: Int
        var requesterId: Int64
        var requesterName: String
        var state: String
        var engineerId: Int64?
        var engineerName: String?
        var startsAt: String?
        var endsAt: String?
        var outcome: String
        var version: Int
        var createdAt: String
        var updatedAt: String
        init(_ r: FrontlineCore.SupportRequest, names: [Int64: String]) {
            id = r.id; number = r.number; kind = r.kind.rawValue; title = r.title; detail = r.detail; customerId = r.customerId
            customerName = r.customerName; accountOwnerId = r.accountOwnerId; tenderId = r.tenderId; tenderNumber = r.tenderNumber; wishedAt = r.wishedAt
            hours = r.hours; requesterId = r.requesterId; requesterName = r.requesterName; state = r.state.rawValue; engineerId = r.engineerId
            engineerName = r.engineerId.flatMap { names[$0] }; startsAt = r.startsAt.map { DTO.iso(millis: $0) }; endsAt = r.endsAt.map { DTO.iso(millis: $0) }
            outcome = r.outcome; version = r.version; createdAt = DTO.iso(millis: r.createdAt); updatedAt = DTO.iso(millis: r.updatedAt)
        }
    }

    struct SupportRequestDetail: Encodable {
        var request: SupportRequest
        var conflicts: [SupportRequest]
        var actions: [ProcessAPI.Offer]
    }
}
