import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/screenings`: customer screening proposals (筛选客户) the market manager makes and the GM decides; steps
/// `POST /screenings/{id}/{action}` from `ScreeningProcess`.
enum ScreeningRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, ScreeningKind.self)
        api.post("screenings", use: create)
        ProcessAPI.register(app, ScreeningProcess.self, route: ScreeningKind.route.path) {
            req, id, action, input, version in
            _ = try await req.store.actOnScreening(id: id, action, input, version: version, by: try req.actor())
            return try await ScreeningKind.answer(req, id: id)
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let body = try Input.json(req, allowed: ScreeningInput.fields)
        var e: [FieldError] = []
        let input = ScreeningInput(
            customerId: body.string("customer_id", &e), outcome: body.string("outcome", &e),
            tier: body.string("tier", &e), status: body.string("status", &e),
            reason: body.string("reason", &e))
        try Input.check(e)
        let p = try await req.store.proposeScreening(input, by: try req.actor())
        return try await ScreeningKind.answer(req, id: p.id, status: .created)
    }
}

/// Customer screening proposals (筛选客户) as a record kind.
enum ScreeningKind: ProcessRecordKind, ListedKind {
    typealias Process = ScreeningProcess
    typealias Detail = ProcessDetail<DTO.Screening>
    static let route = Route.Records.screenings
    static let entity = "screening"
    static let schema = "Screening"
    static let title = "screening.list"
    static let doc = RecordDoc(
        tag: "customers", access: "GM, market manager, business assistant",
        list: "Customer screening proposals (筛选客户), newest first",
        listZh: "客户筛选建议", plural: "The proposals", exportZh: "导出客户筛选建议",
        one: "One proposal and the steps open to the caller",
        oneZh: "筛选建议详情", historyZh: "筛选建议记录")

    static var filter: ScreeningFilter { ScreeningFilter() }
    static var filters: [ListFilter<ScreeningFilter>] {
        [
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .id("customer_id", \.customerId, "Customer."),
            .search(\.q, "A fragment of the number, the customer's name or the reason."),
        ]
    }
    static let sorting = ListSorting.columns(Set(Store.screeningSorts.keys))

    static func fetch(_ store: Store, _ f: ScreeningFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws
        -> Listing<Screening>
    {
        try await store.screenings(f, limit: q.limit, offset: q.offset, before: before, order: q, for: actor)
    }
    static func item(_ r: Screening, _ c: Reading) -> DTO.Screening { DTO.Screening(r, names: c.names) }
    static func subject(_ store: Store, id: Int64, for actor: Actor) async throws -> ScreeningProcess.Subject? {
        try await store.screeningSubject(id: id, for: actor)
    }
    static func record(_ s: ScreeningProcess.Subject) -> Screening { s.screening }

    static func canBrowse(_ actor: Actor) -> Bool { ScreeningAccess.canBrowse(actor) }
    static let intro: String? = "screening.intro"
    static var pageColumns: [PageColumn<Screening>] {
        [
            .init("screening.number") { s, r in r.number(s.number) },
            .init("screening.customer") { s, _ in "\(s.customerName)" },
            .init("screening.outcome") { s, r in "\(ScreeningPages.proposal(r.req, s))" },
            .init("screening.proposer", "opt") { s, r in "\(r.name(s.proposerId))" },
            .init("col.status") { s, r in ScreeningPages.stateBadge(r.req, s.state) },
            .init("lead.created", "opt") { s, _ in "\(DateText.minute(s.createdAt / 1000))" },
        ]
    }

    static var columns: [ExportColumn<Screening>] {
        [
            .init("screening.number") { s, _ in s.number }, .init("screening.customer") { s, _ in s.customerName },
            .init("screening.outcome") { s, r in r.t(s.outcome.labelKey) },
            .init("screening.before") { s, r in "\(s.tierBefore.rawValue) · \(r.t(s.statusBefore.labelKey))" },
            .init("screening.tier") { s, _ in s.tier?.rawValue ?? "" },
            .init("screening.status") { s, r in s.status.map { r.t($0.labelKey) } ?? "" },
            .init("screening.reason") { s, _ in s.reason },
            .init("screening.proposer") { s, r in r.name(s.proposerId) },
            .init("screening.state") { s, r in r.t(s.state.labelKey) },
            .init("screening.decision") { s, _ in s.decision },
            .init("screening.created") { s, _ in DateText.minute(s.createdAt / 1000) },
        ]
    }
}

extension DTO {
    struct Screening: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, customerId = "customer_id", customerName = "customer_name", outcome, tier, status,
                tierBefore = "tier_before", statusBefore = "status_before"
            case reason, decision, proposerId = "proposer_id", proposerName = "proposer_name", state, version,
                createdAt = "created_at", updatedAt = "updated_at"
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
            id = s.id; number = s.number; customerId = s.customerId; customerName = s.customerName;
            outcome = s.outcome.rawValue; tier = s.tier?.rawValue
            status = s.status?.rawValue; tierBefore = s.tierBefore.rawValue; statusBefore = s.statusBefore.rawValue;
            reason = s.reason; decision = s.decision
            proposerId = s.proposerId; proposerName = names[s.proposerId] ?? ""; state = s.state.rawValue;
            version = s.version
            createdAt = DTO.iso(millis: s.createdAt); updatedAt = DTO.iso(millis: s.updatedAt)
        }
    }

}
