import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/gifts`: the gift register (馈赠登记); steps `POST /gifts/{id}/{action}` from `GiftProcess`;
/// `GET /gifts/register` the entries of a period with their totals. Nothing deletes or changes a declaration.
enum GiftRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, GiftKind.self)
        api.post("gifts", use: create)
        api.get("gifts", "register", use: periodRegister)
        ProcessAPI.register(app, GiftProcess.self, route: "gifts") { req, id, action, input, version in
            _ = try await req.store.actOnGift(id: id, action, input, version: version, by: try req.actor())
            return try await GiftKind.answer(req, id: id)
        }
    }

    /// The period a register covers: `from` and `to` (`YYYY-MM-DD`), this month by default.
    static func period(_ req: Request) throws -> (String, String) {
        var errors: [FieldError] = []
        let month = PlanPeriod.current(.month, today: DateText.today())
        var from = month, to = (try? PlanPeriod.bounds(.month, start: month).end) ?? month
        for name in ["from", "to"] {
            guard let d = req.query(name), !d.isEmpty else { continue }
            if DateText.isDate(d) {
                if name == "from" { from = d } else { to = d }
            } else {
                errors.append(FieldError(name, "field.date"))
            }
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
        return try DTO.response(
            DTO.GiftRegisterDoc(
                from: r.from, to: r.to, items: r.entries.map { DTO.Gift($0, names: names) }, total: total(r.total),
                byKind: Dictionary(
                    uniqueKeysWithValues: Gift.Kind.allCases.map { ($0.rawValue, total(r.byKind[$0] ?? .init())) }),
                byState: Dictionary(
                    uniqueKeysWithValues: Gift.State.allCases.map { ($0.rawValue, total(r.byState[$0] ?? .init())) })))
    }

    static func create(_ req: Request) async throws -> Response {
        let g = try await req.store.declareGift(
            try Input.json(req, allowed: GiftInput.fields).gift(), by: try req.actor())
        return try await GiftKind.answer(req, id: g.id, status: .created)
    }
}

/// The gift register (馈赠登记) as a record kind.
enum GiftKind: ProcessRecordKind, ListedKind {
    typealias Process = GiftProcess
    typealias Detail = ProcessDetail<DTO.Gift>
    static let route = Route.Records.gifts
    static let entity = "gift"
    static let schema = "Gift"
    static let title = "gift.list"
    static let doc = RecordDoc(
        tag: "planning", access: "GM, market manager, business assistant; the others their own",
        list: "The gift register (馈赠登记)",
        listZh: "馈赠登记列表", plural: "The register", exportZh: "导出馈赠登记", one: "One entry and the steps open to the caller",
        oneZh: "馈赠详情",
        historyZh: "馈赠记录")

    static var filter: GiftFilter { GiftFilter() }
    static var filters: [ListFilter<GiftFilter>] {
        [
            .search(\.q, "Number, what, note or customer."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .choice("kind", \.kind, "Gift or money.", label: "gift.kind") { $0.labelKey },
            .id("declarant_id", \.declarantId, "Who declared it."), .id("customer_id", \.customerId, "Customer."),
            .date("from", \.from, "Offered on or after.", label: "visit.from"),
            .date("to", \.to, "Offered on or before.", label: "visit.to"),
        ]
    }
    static let sorting = ListSorting.named(GiftFilter.sorts, default: "-offered_on")

    static func fetch(_ store: Store, _ f: GiftFilter, _ q: ListQuery, before: Int64?, for actor: Actor) async throws
        -> Listing<Gift>
    {
        try await store.gifts(f, q, before: before, for: actor)
    }
    static func item(_ g: Gift, _ c: Reading) -> DTO.Gift { DTO.Gift(g, names: c.names) }
    static func subject(_ store: Store, id: Int64, for actor: Actor) async throws -> GiftProcess.Subject? {
        try await store.giftSubject(id: id, for: actor)
    }
    static func record(_ s: GiftProcess.Subject) -> Gift { s.gift }

    static func canBrowse(_ actor: Actor) -> Bool { GiftAccess.canBrowse(actor) }
    static let intro: String? = "gift.intro"
    static var pageOrder: ListQuery { ListQuery(sortField: "offered_on", descending: true) }
    static var totalColumn: String? { "gift.value" }
    static var pageColumns: [PageColumn<Gift>] {
        [
            .init("gift.number") { g, r in r.number(g.number) }, .init("gift.offered_on") { g, _ in "\(g.offeredOn)" },
            .init("gift.declarant") { g, r in "\(r.name(g.declarantId))" },
            .init("gift.customer", "opt") { g, _ in "\(g.customerName)" },
            .init("gift.kind", "opt") { g, r in "\(r.t(g.kind.labelKey))" },
            .init("gift.description") { g, _ in "\(g.description)" },
            .init("gift.value", "num") { g, _ in "¥\(g.value.decimalString)" },
            .init("col.status") { g, r in GiftPages.stateBadge(r.req, g.state) },
        ]
    }

    static var columns: [ExportColumn<Gift>] {
        [
            .init("gift.number") { g, _ in g.number }, .init("gift.offered_on") { g, _ in g.offeredOn },
            .init("gift.declarant") { g, r in r.name(g.declarantId) },
            .init("gift.customer") { g, _ in g.customerName },
            .init("gift.kind") { g, r in r.t(g.kind.labelKey) }, .init("gift.description") { g, _ in g.description },
            .init("gift.value") { g, _ in g.value.decimalString }, .init("gift.note") { g, _ in g.note },
            .init("gift.state") { g, r in r.t(g.state.labelKey) }, .init("gift.handled_on") { g, _ in g.handledOn },
            .init("gift.handled_by") { g, r in r.name(g.handledBy) },
        ]
    }
}

extension Input {
    func gift() throws -> GiftInput {
        var e: [FieldError] = []
        let g = GiftInput(
            customerId: string("customer_id", &e), kind: string("kind", &e), description: string("description", &e),
            value: string("value", &e),
            offeredOn: string("offered_on", &e), note: string("note", &e))
        try Input.check(e)
        return g
    }
}

extension DTO {
    struct Gift: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, declarantId = "declarant_id", declarantName = "declarant_name", customerId = "customer_id",
                customerName = "customer_name", kind
            case description, value, offeredOn = "offered_on", note, state, handledOn = "handled_on", handledBy =
                "handled_by", handledByName = "handled_by_name"
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
            id = g.id; number = g.number; declarantId = g.declarantId; declarantName = names[g.declarantId] ?? "";
            customerId = g.customerId; customerName = g.customerName
            kind = g.kind.rawValue; description = g.description; value = g.value.decimalString; offeredOn = g.offeredOn;
            note = g.note; state = g.state.rawValue
            handledOn = g.handledOn; handledBy = g.handledBy; handledByName = g.handledBy.flatMap { names[$0] };
            version = g.version
            createdAt = DTO.iso(millis: g.createdAt); updatedAt = DTO.iso(millis: g.updatedAt)
        }
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
