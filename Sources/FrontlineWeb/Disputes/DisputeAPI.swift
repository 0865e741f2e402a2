import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/disputes`: ownership disputes (工作争议) a rep raises and the market manager decides; steps
/// `POST /disputes/{id}/{action}` from `DisputeProcess`.
enum DisputeRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, DisputeKind.self)
        api.post("disputes", use: create)
        ProcessAPI.register(app, DisputeProcess.self, route: DisputeKind.route.path) {
            req, id, action, input, version in
            _ = try await req.store.actOnDispute(id: id, action, input, version: version, by: try req.actor())
            return try await DisputeKind.answer(req, id: id)
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let body = try Input.json(req, allowed: ["customer_id", "reason"])
        var e: [FieldError] = []
        let customer = body.string("customer_id", &e), reason = body.string("reason", &e)
        try Input.check(e)
        let d = try await req.store.raiseDispute(customerId: customer, reason: reason, by: try req.actor())
        return try await DisputeKind.answer(req, id: d.id, status: .created)
    }
}

/// Ownership disputes (工作争议) as a record kind.
enum DisputeKind: ProcessRecordKind, ListedKind {
    typealias Process = DisputeProcess
    typealias Detail = ProcessDetail<DTO.Dispute>
    static let route = Route.Records.disputes
    static let entity = "dispute"
    static let schema = "Dispute"
    static let title = "dispute.list"
    static let doc = RecordDoc(
        tag: "pipeline",
        access: "GM, market manager, business assistant; a sales rep those he raised or that are about his customer",
        list: "Ownership disputes (工作争议), newest first", listZh: "客户归属争议", plural: "The disputes", exportZh: "导出归属争议",
        one: "One dispute and the steps open to the caller", oneZh: "争议详情", historyZh: "争议记录")

    static var filter: DisputeFilter { DisputeFilter() }
    static var filters: [ListFilter<DisputeFilter>] {
        [
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .id("customer_id", \.customerId, "Customer."),
            .search(\.q, "A fragment of the number, the customer's name or the reason."),
        ]
    }
    static let sorting = ListSorting.columns(Set(Store.disputeSorts.keys))

    static func fetch(_ store: Store, _ f: DisputeFilter, _ q: ListQuery, before: Int64?, for actor: Actor) async throws
        -> Listing<Dispute>
    {
        try await store.disputes(f, limit: q.limit, offset: q.offset, before: before, order: q, for: actor)
    }
    static func item(_ r: Dispute, _ c: Reading) -> DTO.Dispute { DTO.Dispute(r, names: c.names) }
    static func subject(_ store: Store, id: Int64, for actor: Actor) async throws -> DisputeProcess.Subject? {
        try await store.disputeSubject(id: id, for: actor)
    }
    static func record(_ s: DisputeProcess.Subject) -> Dispute { s.dispute }

    static func canBrowse(_ actor: Actor) -> Bool { DisputeAccess.canBrowse(actor) }
    static let intro: String? = "dispute.intro"
    static var pageColumns: [PageColumn<Dispute>] {
        [
            .init("dispute.number") { d, r in r.number(d.number) },
            .init("dispute.customer") { d, _ in "\(d.customerName)" },
            .init("dispute.claimant") { d, r in "\(r.name(d.claimantId))" },
            .init("dispute.owner") { d, r in "\(r.name(d.ownerId))" },
            .init("col.status") { d, r in DisputePages.stateBadge(r.req, d.state) },
            .init("lead.created", "opt") { d, _ in "\(DateText.minute(d.createdAt / 1000))" },
        ]
    }

    static var columns: [ExportColumn<Dispute>] {
        [
            .init("dispute.number") { d, _ in d.number }, .init("dispute.customer") { d, _ in d.customerName },
            .init("dispute.claimant") { d, r in r.name(d.claimantId) },
            .init("dispute.owner") { d, r in r.name(d.ownerId) },
            .init("dispute.reason") { d, _ in d.reason }, .init("dispute.state") { d, r in r.t(d.state.labelKey) },
            .init("dispute.decision") { d, _ in d.decision },
            .init("dispute.created") { d, _ in DateText.minute(d.createdAt / 1000) },
        ]
    }
}

extension DTO {
    struct Dispute: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, customerId = "customer_id", customerName = "customer_name", claimantId = "claimant_id",
                claimantName = "claimant_name", ownerId = "owner_id"
            case ownerName = "owner_name", reason, state, decision, version, createdAt = "created_at", updatedAt =
                "updated_at"
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
            id = d.id; number = d.number; customerId = d.customerId; customerName = d.customerName;
            claimantId = d.claimantId; claimantName = names[d.claimantId] ?? ""
            ownerId = d.ownerId; ownerName = names[d.ownerId] ?? ""; reason = d.reason; state = d.state.rawValue;
            decision = d.decision; version = d.version
            createdAt = DTO.iso(millis: d.createdAt); updatedAt = DTO.iso(millis: d.updatedAt)
        }
    }

}
