import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/gifts`: the gift register (馈赠登记); steps `POST /gifts/{id}/{action}` from `GiftProcess`;
/// `GET /gifts/register` the entries of a period with their totals. Nothing deletes or changes a declaration.
enum GiftRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("gifts", use: list)
        api.post("gifts", use: create)
        api.get("gifts", "export", use: export)
        api.get("gifts", "register", use: periodRegister)
        api.get("gifts", ":id", use: get)
        api.get("gifts", ":id", "history", use: history)
        ProcessAPI.register(app, GiftProcess.self, route: "gifts") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnGift(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
    }

    static func filter(_ req: Request) throws -> GiftFilter {
        var f = GiftFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 { errors.append(FieldError("q", "field.too_long", ["max": "100"])) } else { f.q = Text.clean(q) }
        }
        f.state = req.choice("state", Gift.State.self, &errors)
        f.kind = req.choice("kind", Gift.Kind.self, &errors)
        for name in ["declarant_id", "customer_id"] {
            guard let c = req.query(name), !c.isEmpty else { continue }
            if let v = Int64(c), v > 0 { if name == "declarant_id" { f.declarantId = v } else { f.customerId = v } } else { errors.append(FieldError(name, "field.not_id")) }
        }
        for name in ["from", "to"] {
            guard let d = req.query(name), !d.isEmpty else { continue }
            if DateText.isDate(d) { if name == "from" { f.from = d } else { f.to = d } } else { errors.append(FieldError(name, "field.date")) }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.GiftDetail {
        guard let s = try await req.store.giftSubject(id: id, for: actor) else { throw DomainError.notFound }
        return DTO.GiftDetail(gift: DTO.Gift(s.gift, names: try await req.userNames()), actions: ProcessAPI.offers(GiftProcess.self, s, actor: actor))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorts: GiftFilter.sorts, default: "-offered_on", sortable: true)
        let page = try await req.store.gifts(f, q, for: actor)
        let names = try await req.userNames()
        return try DTO.response(DTO.List(items: page.items.map { DTO.Gift($0, names: names) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    /// The period a register covers: `from` and `to` (`YYYY-MM-DD`), this month by default.
    static func period(_ req: Request) throws -> (String, String) {
        var errors: [FieldError] = []
        let month = PlanPeriod.current(.month, today: DateText.today())
        var from = month, to = (try? PlanPeriod.bounds(.month, start: month).end) ?? month
        for name in ["from", "to"] {
            guard let d = req.query(name), !d.isEmpty else { continue }
            if DateText.isDate(d) { if name == "from" { from = d } else { to = d } } else { errors.append(FieldError(name, "field.date")) }
        }
        if errors.isEmpty && to < from { errors.append(FieldError("to", "gift.to_before_from")) }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return (from, to)
    }

    static func periodRegister(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (from, to) = try period(req)
        let r = try await req.store.giftRegister(from: from, to: to, for: actor)
        let names = try await req.userNames()
        let total = { (t: GiftRegister.Total) in DTO.GiftTotal(count: t.count, value: t.value.decimalString) }
        return try DTO.response(DTO.GiftRegisterDoc(
            from: r.from, to: r.to, items: r.entries.map { DTO.Gift($0, names: names) }, total: total(r.total),
            byKind: Dictionary(uniqueKeysWithValues: Gift.Kind.allCases.map { ($0.rawValue, total(r.byKind[$0] ?? .init())) }),
            byState: Dictionary(uniqueKeysWithValues: Gift.State.allCases.map { ($0.rawValue, total(r.byState[$0] ?? .init())) })))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let g = try await req.store.declareGift(try Input.json(req, allowed: GiftInput.fields).gift(), by: actor)
        return try ProcessAPI.created(try await dto(req, id: g.id, actor: actor), location: "/api/v1/gifts/\(g.id)")
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        return try ProcessAPI.tagged(d, version: d.gift.version)
    }

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await ProcessAPI.history(req, GiftProcess.name) { try await req.store.gift(id: $0, for: actor) != nil }
    }

    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let names = try await req.userNames()
        let t = req.texts
        let header = [
            t("gift.number"), t("gift.offered_on"), t("gift.declarant"), t("gift.customer"), t("gift.kind"), t("gift.description"), t("gift.value"), t("gift.note"),
            t("gift.state"), t("gift.handled_on"), t("gift.handled_by"),
        ]
        let row: @Sendable (Gift) -> [String] = { g in
            [
                g.number, g.offeredOn, names[g.declarantId] ?? "", g.customerName, t(g.kind.labelKey), g.description, g.value.decimalString, g.note, t(g.state.labelKey),
                g.handledOn, g.handledBy.flatMap { names[$0] } ?? "",
            ]
        }
        return try await TableExport.paged(req, entity: "gift", sheet: t("gift.list"), header: header) { before in
            let page = try await store.gifts(f, ListQuery(limit: TableExport.batch, sortField: "id", descending: true), before: before ?? Int64.max, for: actor)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
    }
}

extension Input {
    func gift() throws -> GiftInput {
        var e: [FieldError] = []
        let g = GiftInput(
            customerId: string("customer_id", &e), kind: string("kind", &e), description: string("description", &e), value: string("value", &e),
            offeredOn: string("offered_on", &e), note: string("note", &e))
        try Input.check(e)
        return g
    }
}

extension DTO {
    struct Gift: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, declarantId = "declarant_id", declarantName = "declarant_name", customerId = "customer_id", customerName = "customer_name", kind
            case description, value, offeredOn = "offered_on", note, state, handledOn = "handled_on", handledBy = "handled_by", handledByName = "handled_by_name"
            case version, createdAt = "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var number: String
        var declarantId: Int64
        var declarantName: String
        var customerId: Int64
        var customerName: String
        var kind: String
        var description: String
        var value: String
        var offeredOn: String
        var note: String
        var state: String
        var handledOn: String
        var handledBy: Int64?
        var handledByName: String?
        var version: Int
        var createdAt: String
        var updatedAt: String
        init(_ g: FrontlineCore.Gift, names: [Int64: String]) {
            id = g.id; number = g.number; declarantId = g.declarantId; declarantName = names[g.declarantId] ?? ""; customerId = g.customerId; customerName = g.customerName
            kind = g.kind.rawValue; description = g.description; value = g.value.decimalString; offeredOn = g.offeredOn; note = g.note; state = g.state.rawValue
            handledOn = g.handledOn; handledBy = g.handledBy; handledByName = g.handledBy.flatMap { names[$0] }; version = g.version
            createdAt = DTO.iso(millis: g.createdAt); updatedAt = DTO.iso(millis: g.updatedAt)
        }
    }

    struct GiftDetail: Encodable {
        var gift: Gift
        var actions: [ProcessAPI.Offer]
    }

    struct GiftTotal: Encodable {
        var count: Int
        var value: String
    }

    struct GiftRegisterDoc: Encodable {
        enum CodingKeys: String, CodingKey { case from, to, items, total, byKind = "by_kind", byState = "by_state" }
        var from: String
        var to: String
        var items: [Gift]
        var total: GiftTotal
        var byKind: [String: GiftTotal]
        var byState: [String: GiftTotal]
    }
}
