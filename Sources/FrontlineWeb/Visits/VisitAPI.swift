import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/visits`: customer visits (来访接待) the business assistant schedules; steps `POST /visits/{id}/{action}`
/// from `VisitProcess`.
enum VisitRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, VisitKind.self)
        api.post("visits", use: create)
        api.patch("visits", ":id", use: update)
        ProcessAPI.register(app, VisitProcess.self, route: VisitKind.route.path) { req, id, action, input, version in
            _ = try await req.store.actOnVisit(id: id, action, input, version: version, by: try req.actor())
            return try await VisitKind.answer(req, id: id)
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let v = try await req.store.scheduleVisit(
            try Input.json(req, allowed: VisitInput.fields).visit(), by: try req.actor())
        return try await VisitKind.answer(req, id: v.id, status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.visit(id: id, for: actor) != nil else { throw DomainError.notFound }
        let body = try Input.json(req, allowed: VisitInput.changeFields)
        let v = try await req.store.updateVisit(id: id, version: try body.version(req), try body.visit(), by: actor)
        let d = try await VisitKind.detail(req, id: v.id, for: actor)
        return try ProcessAPI.tagged(d.detail, version: d.version)
    }
}

/// Customer visits (来访接待) as a record kind.
enum VisitKind: ProcessRecordKind, ListedKind {
    typealias Process = VisitProcess
    typealias Detail = ProcessDetail<DTO.Visit>
    static let route = Route.Records.visits
    static let entity = "visit"
    static let schema = "Visit"
    static let title = "visit.list"
    static let doc = RecordDoc(
        tag: "planning", access: "GM, market manager, business assistant; a host his; a sales rep his customers'",
        list: "Customer visits (来访接待)",
        listZh: "来访接待列表", plural: "Visits", exportZh: "导出来访接待", one: "One visit and the steps open to the caller",
        oneZh: "来访详情",
        historyZh: "来访记录")

    static var filter: VisitFilter { VisitFilter() }
    /// `from` and `to` are days (CST): visits that touch them, `to` inclusive.
    static var filters: [ListFilter<VisitFilter>] {
        [
            .search(\.q, "Number, visitors, purpose, place or customer."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .id("host_id", \.hostId, "Host.", label: "visit.host"), .id("customer_id", \.customerId, "Customer."),
            .date("from", "Visits that touch this day or later.", label: "visit.from") { f, d in
                f.from = DateText.parseDay(d).map(DateText.start(ofDay:))
            },
            .date("to", "Visits that touch this day or earlier.", label: "visit.to") { f, d in
                f.to = DateText.parseDay(d).map { DateText.start(ofDay: $0 + 1) }
            },
        ]
    }
    static let sorting = ListSorting.named(VisitFilter.sorts, default: "starts_at")

    static func fetch(_ store: Store, _ f: VisitFilter, _ q: ListQuery, before: Int64?, for actor: Actor) async throws
        -> Listing<Visit>
    {
        try await store.visits(f, q, before: before, for: actor)
    }
    static func item(_ v: Visit, _ c: Reading) -> DTO.Visit { DTO.Visit(v, names: c.names) }
    static func subject(_ store: Store, id: Int64, for actor: Actor) async throws -> VisitProcess.Subject? {
        try await store.visitSubject(id: id, for: actor)
    }
    static func record(_ s: VisitProcess.Subject) -> Visit { s.visit }

    static func canBrowse(_ actor: Actor) -> Bool { VisitAccess.canBrowse(actor) }
    static var pageOrder: ListQuery { ListQuery(sortField: "starts_at") }
    static var pageColumns: [PageColumn<Visit>] {
        [
            .init("visit.number") { v, r in r.number(v.number) },
            .init("visit.when") { v, _ in "\(VisitPages.when(v))" },
            .init("visit.customer") { v, _ in "\(v.customerName.isEmpty ? "—" : v.customerName)" },
            .init("visit.visitors", "opt") { v, _ in "\(v.visitors)" },
            .init("visit.host") { v, r in "\(r.name(v.hostId))" }, .init("visit.place", "opt") { v, _ in "\(v.place)" },
            .init("col.status") { v, r in VisitPages.stateBadge(r.req, v.state) },
        ]
    }

    static var columns: [ExportColumn<Visit>] {
        [
            .init("visit.number") { v, _ in v.number },
            .init("visit.starts_at") { v, _ in DateText.minute(v.startsAt) },
            .init("visit.ends_at") { v, _ in DateText.minute(v.endsAt) },
            .init("visit.customer") { v, _ in v.customerName },
            .init("visit.visitors") { v, _ in v.visitors }, .init("visit.purpose") { v, _ in v.purpose },
            .init("visit.host") { v, r in r.name(v.hostId) },
            .init("visit.place") { v, _ in v.place }, .init("visit.arrangements") { v, _ in v.arrangements },
            .init("visit.state") { v, r in r.t(v.state.labelKey) }, .init("visit.outcome") { v, _ in v.outcome },
        ]
    }
}

extension Input {
    func visit() throws -> VisitInput {
        var e: [FieldError] = []
        let v = VisitInput(
            customerId: string("customer_id", &e), visitors: string("visitors", &e), purpose: string("purpose", &e),
            startsAt: string("starts_at", &e),
            endsAt: string("ends_at", &e), hostId: string("host_id", &e), place: string("place", &e),
            arrangements: string("arrangements", &e))
        try Input.check(e)
        return v
    }
}

extension DTO {
    struct Visit: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, customerId = "customer_id", customerName = "customer_name", visitors, purpose, startsAt =
                "starts_at", endsAt = "ends_at"
            case hostId = "host_id", hostName = "host_name", place, arrangements, outcome, state, scheduledBy =
                "scheduled_by", version
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
            id = v.id; number = v.number; customerId = v.customerId; customerName = v.customerName;
            visitors = v.visitors; purpose = v.purpose
            startsAt = DateText.iso8601(v.startsAt); endsAt = DateText.iso8601(v.endsAt); hostId = v.hostId;
            hostName = names[v.hostId] ?? ""; place = v.place
            arrangements = v.arrangements; outcome = v.outcome; state = v.state.rawValue; scheduledBy = v.scheduledBy;
            version = v.version
            createdAt = DTO.iso(millis: v.createdAt); updatedAt = DTO.iso(millis: v.updatedAt)
        }
    }

}
