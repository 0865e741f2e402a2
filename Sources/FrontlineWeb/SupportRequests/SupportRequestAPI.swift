import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/support-requests`: pre-sales support (销售支持, SPEC §3.5); the steps are
/// `POST /support-requests/{id}/{action}` from `SupportRequestProcess`.
enum SupportRequestRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, SupportRequestKind.self)
        api.post("support-requests", use: create)
        ProcessAPI.register(app, SupportRequestProcess.self, route: SupportRequestKind.route.path) {
            req, id, action, input, version in
            _ = try await req.store.actOnSupportRequest(id: id, action, input, version: version, by: try req.actor())
            return try await SupportRequestKind.answer(req, id: id)
        }
    }

    static let createFields: Set<String> = [
        "kind", "title", "detail", "customer_id", "tender_id", "wished_at", "hours",
    ]

    static func create(_ req: Request) async throws -> Response {
        let draft = try Input.json(req, allowed: createFields).supportRequest()
        let r = try await req.store.createSupportRequest(draft, by: try req.actor())
        return try await SupportRequestKind.answer(req, id: r.id, status: .created)
    }
}

/// Pre-sales support requests (销售支持) as a record kind.
enum SupportRequestKind: ProcessRecordKind, ListedKind {
    typealias Process = SupportRequestProcess
    typealias Record = FrontlineCore.SupportRequest
    typealias Detail = DTO.SupportRequestDetail
    static let route = Route.Records.supportRequests
    static let entity = "support_request"
    static let schema = "SupportRequest"
    static let namesFromSubject = true
    static let title = "support.list"
    static let doc = RecordDoc(
        tag: "service",
        access:
            "GM, market manager, business assistant, Customer Service; a sales rep those he asked for and his customers'",
        list: "Pre-sales support requests (销售支持), newest first", listZh: "售前支持列表", plural: "Support requests",
        exportZh: "导出售前支持",
        one:
            "One request with its booking, the engineer's other bookings at the same time (conflicts) and the steps open to the caller",
        oneZh: "售前支持详情", historyZh: "售前支持记录")

    static var filter: SupportRequestFilter { SupportRequestFilter() }
    static var filters: [ListFilter<SupportRequestFilter>] {
        [
            .search(\.q, "Number, what, or customer."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .choice("kind", \.kind, "Kind.", label: "support.kind") { $0.labelKey },
            .id("customer_id", \.customerId, "Customer."), .id("engineer_id", \.engineerId, "Engineer allocated."),
            .flag("open", \.open, "Only those not done, declined or cancelled.", label: "support.filter_open"),
            .flag(
                "conflicts", \.conflicts, "Only allocated ones whose engineer is booked elsewhere at the same time.",
                label: "support.filter_conflicts"),
        ]
    }
    static let sorting = ListSorting.columns(Set(Store.supportSorts.keys))

    static func fetch(_ store: Store, _ f: SupportRequestFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws
        -> Listing<Record>
    {
        try await store.supportRequests(f, limit: q.limit, offset: q.offset, before: before, order: q, for: actor)
    }
    static func item(_ r: Record, _ c: Reading) -> DTO.SupportRequest { DTO.SupportRequest(r, names: c.names) }
    static func subject(_ store: Store, id: Int64, for actor: Actor) async throws -> SupportRequestProcess.Subject? {
        try await store.supportSubject(id: id, for: actor)
    }
    static func record(_ s: SupportRequestProcess.Subject) -> Record { s.request }
    /// The names of the people the request and its conflicts name, as the subject read them.
    static func present(_ s: SupportRequestProcess.Subject, _: Reading, actions: [ProcessAPI.Offer])
        -> DTO.SupportRequestDetail
    {
        let names = Dictionary(uniqueKeysWithValues: s.people.map { ($0.id, $0.displayName) })
        return DTO.SupportRequestDetail(
            request: DTO.SupportRequest(s.request, names: names),
            conflicts: s.conflicts.map { DTO.SupportRequest($0, names: names) }, actions: actions)
    }

    static func canBrowse(_ actor: Actor) -> Bool { SupportAccess.canBrowse(actor) }
    static func booking(_ r: Record) -> String {
        r.startsAt.map { DateText.minute($0 / 1000) + " – " + DateText.minute((r.endsAt ?? $0) / 1000) } ?? ""
    }
    static var pageColumns: [PageColumn<Record>] {
        [
            .init("support.number") { r, row in row.number(r.number) },
            .init("support.kind") { r, row in "\(row.t(r.kind.labelKey))" },
            .init("support.subject") { r, _ in "\(r.title)" },
            .init("support.customer", "opt") { r, _ in "\(r.customerName)" },
            .init("col.status") { r, row in
                "\(SupportRequestPages.stateBadge(row.req, r.state))\(row.flagged ? " \(Pages.badge(row.t("support.conflict"), "bad"))" as HTML : "")"
            },
            .init("support.engineer", "opt") { r, row in "\(row.name(r.engineerId))" },
            .init("support.booking") { r, _ in "\(r.startsAt == nil ? r.wishedAt : booking(r))" },
        ]
    }

    static var columns: [ExportColumn<Record>] {
        [
            .init("support.number") { r, _ in r.number }, .init("support.kind") { r, x in x.t(r.kind.labelKey) },
            .init("support.subject") { r, _ in r.title },
            .init("support.customer") { r, _ in r.customerName }, .init("support.tender") { r, _ in r.tenderNumber },
            .init("support.requester") { r, _ in r.requesterName },
            .init("support.state") { r, x in x.t(r.state.labelKey) },
            .init("support.wished_at") { r, _ in r.wishedAt }, .init("support.hours") { r, _ in String(r.hours) },
            .init("support.engineer") { r, x in x.name(r.engineerId) }, .init("support.booking") { r, _ in booking(r) },
            .init("support.outcome") { r, _ in r.outcome },
        ]
    }
}

extension Input {
    func supportRequest() throws -> SupportRequestDraft {
        var e: [FieldError] = []
        let d = SupportRequestDraft(
            kind: string("kind", &e), title: string("title", &e), detail: string("detail", &e),
            customerId: string("customer_id", &e),
            tenderId: string("tender_id", &e), wishedAt: string("wished_at", &e), hours: string("hours", &e))
        try Input.check(e)
        return d
    }
}

extension DTO {
    struct SupportRequest: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, kind, title, detail, customerId = "customer_id", customerName = "customer_name",
                accountOwnerId = "account_owner_id"
            case tenderId = "tender_id", tenderNumber = "tender_number", wishedAt = "wished_at", hours, requesterId =
                "requester_id"
            case requesterName = "requester_name", state, engineerId = "engineer_id", engineerName = "engineer_name",
                startsAt = "starts_at", endsAt = "ends_at"
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
            id = r.id; number = r.number; kind = r.kind.rawValue; title = r.title; detail = r.detail;
            customerId = r.customerId
            customerName = r.customerName; accountOwnerId = r.accountOwnerId; tenderId = r.tenderId;
            tenderNumber = r.tenderNumber; wishedAt = r.wishedAt
            hours = r.hours; requesterId = r.requesterId; requesterName = r.requesterName; state = r.state.rawValue;
            engineerId = r.engineerId
            engineerName = r.engineerId.flatMap { names[$0] }; startsAt = r.startsAt.map { DTO.iso(millis: $0) };
            endsAt = r.endsAt.map { DTO.iso(millis: $0) }
            outcome = r.outcome; version = r.version; createdAt = DTO.iso(millis: r.createdAt);
            updatedAt = DTO.iso(millis: r.updatedAt)
        }
    }

    struct SupportRequestDetail: Encodable {
        var request: SupportRequest
        var conflicts: [SupportRequest]
        var actions: [ProcessAPI.Offer]
    }
}
