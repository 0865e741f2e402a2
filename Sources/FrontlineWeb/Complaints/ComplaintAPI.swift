import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/complaints`: customer complaints (客户投诉). Taken in by the Market Department; one about engineering or
/// after-sales is Customer Service's by itself; the steps are `POST /complaints/{id}/{action}` from `ComplaintProcess`.
enum ComplaintRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, ComplaintKind.self)
        api.post("complaints", use: create)
        api.get("complaints", "stats", use: stats)
        ProcessAPI.register(app, ComplaintProcess.self, route: ComplaintKind.route.path) {
            req, id, action, input, version in
            _ = try await req.store.actOnComplaint(id: id, action, input, version: version, by: try req.actor())
            return try await ComplaintKind.answer(req, id: id)
        }
    }

    static let createFields: Set<String> = [
        "customer_id", "contact_name", "channel", "category", "product_id", "severity", "words",
    ]

    static func create(_ req: Request) async throws -> Response {
        let draft = try Input.json(req, allowed: createFields).complaint()
        let c = try await req.store.createComplaint(draft, by: try req.actor())
        return try await ComplaintKind.answer(req, id: c.id, status: .created)
    }

    /// The period a statistics request names: `from`/`to`, by default this year to today.
    static func period(_ req: Request) throws -> (from: String, to: String) {
        let f = try Records.filter(req, ComplaintKind.self)
        let today = DateText.today()
        let from = f.from ?? String(today.prefix(4)) + "-01-01", to = f.to ?? today
        guard from <= to else {
            throw DomainError(.badRequest, Message("error.validation"), fields: [FieldError("to", "complaint.period")])
        }
        guard let a = DateText.parseDay(from), let b = DateText.parseDay(to), b - a <= 3 * 366 else {
            throw DomainError(
                .badRequest, Message("error.validation"), fields: [FieldError("from", "complaint.period")])
        }
        return (from, to)
    }

    /// Statistics by category, product, region, severity and month, with the mean time to acknowledge and resolve.
    static func stats(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (from, to) = try period(req)
        let s = try await statLines(req, from: from, to: to, actor: actor)
        return try DTO.response(
            DTO.ComplaintStats(
                from: from, to: to, total: s.total, groups: s.groups.mapValues { $0.map(DTO.ComplaintStatLine.init) }))
    }

    static let dimensions = ["category", "product", "region", "severity", "month"]

    static func statLines(_ req: Request, from: String, to: String, actor: Actor) async throws -> (
        total: Int, groups: [String: [ComplaintStatLine]]
    ) {
        let items = try await req.store.complaintsForStats(from: from, to: to, for: actor)
        let (levels, _) = try await req.store.serviceLevels()
        let regions = Dictionary(uniqueKeysWithValues: try await req.store.regions().map { ($0.id, $0.name) })
        let now = Store.nowMillis()
        let keys: [String: (FrontlineCore.Complaint) -> String] = [
            "category": { $0.category.rawValue }, "severity": { $0.severity.rawValue },
            "product": { $0.productName.isEmpty ? "" : $0.productName },
            "region": { $0.regionId.flatMap { regions[$0] } ?? "" },
            "month": { String(DateText.day($0.createdAt / 1000).prefix(7)) },
        ]
        var groups: [String: [ComplaintStatLine]] = [:]
        for d in dimensions {
            groups[d] = ComplaintStatLine.lines(items, calendar: levels.calendar, now: now, by: keys[d]!)
        }
        return (items.count, groups)
    }

}

/// Complaints (客户投诉) as a record kind: each shows its service-level standing.
enum ComplaintKind: ProcessRecordKind, ListedKind {
    typealias Process = ComplaintProcess
    typealias Record = FrontlineCore.Complaint
    typealias Detail = DTO.ComplaintDetail
    static let route = Route.Records.complaints
    static let entity = "complaint"
    static let schema = "Complaint"
    static let title = "complaint.list"
    static let needsCalendar = true
    static let needsNames = false
    static let doc = RecordDoc(
        tag: "service",
        access:
            "Customer Service, GM, finance, market manager, business assistant; a sales rep those of his customers and those he took in",
        list: "Complaints (客户投诉), newest first", listZh: "客户投诉列表", plural: "Complaints", exportZh: "导出投诉",
        one: "One complaint with its service levels, compensation and the steps open to the caller", oneZh: "投诉详情",
        historyZh: "投诉记录")

    static var filter: ComplaintFilter { ComplaintFilter() }
    static var filters: [ListFilter<ComplaintFilter>] {
        let day: JSONDoc = ["type": "string", "pattern": "^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"]
        return [
            .search(\.q, "Number, the customer's words, or customer."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .choice("category", \.category, "Category.", label: "complaint.category") { $0.labelKey },
            .choice("severity", \.severity, "Severity.", label: "complaint.severity") { $0.labelKey },
            .choice("department", \.department, "The department that owns it.", label: "complaint.department") {
                $0.labelKey
            },
            .id("customer_id", \.customerId, "Customer."),
            .flag("open", \.open, "Only those not closed.", label: "complaint.filter_open"),
            .flag(
                "attention", \.attention, "Only open ones whose acknowledgement or resolution is due soon or overdue.",
                label: "complaint.filter_attention"),
            ListFilter.date("from", \.from, "Taken in from this day (CST).").documented(as: day),
            ListFilter.date("to", \.to, "Taken in up to this day, inclusive.").documented(as: day),
        ]
    }
    static let sorting = ListSorting.columns(Set(Store.complaintSorts.keys))

    static func fetch(_ store: Store, _ f: ComplaintFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws
        -> Listing<Record>
    {
        try await store.complaints(f, limit: q.limit, offset: q.offset, before: before, order: q, for: actor)
    }
    static func item(_ r: Record, _ c: Reading) -> DTO.Complaint { DTO.Complaint(r, calendar: c.calendar, now: c.now) }
    static func subject(_ store: Store, id: Int64, for actor: Actor) async throws -> ComplaintProcess.Subject? {
        try await store.complaintSubject(id: id, for: actor)
    }
    static func record(_ s: ComplaintProcess.Subject) -> Record { s.complaint }
    static func present(_ s: ComplaintProcess.Subject, _ c: Reading, actions: [ProcessAPI.Offer]) -> DTO.ComplaintDetail
    {
        DTO.ComplaintDetail(complaint: item(s.complaint, c), compensationState: s.approval?.rawValue, actions: actions)
    }

    static func canBrowse(_ actor: Actor) -> Bool { ComplaintAccess.canBrowse(actor) }
    static var pageColumns: [PageColumn<Record>] {
        [
            .init("complaint.number") { c, r in r.number(c.number) },
            .init("complaint.customer") { c, _ in "\(c.customerName)" },
            .init("complaint.category") { c, r in "\(r.t(c.category.labelKey))" },
            .init("complaint.severity") { c, r in
                Pages.badge(r.t(c.severity.labelKey), c.severity == .critical || c.severity == .high ? "bad" : "")
            },
            .init("complaint.department", "opt") { c, r in "\(r.t(c.department.labelKey))" },
            .init("col.status") { c, r in ComplaintPages.stateBadge(r.req, c.state) },
            .init("sla.standing") { c, r in
                let calendar = r.reading.calendar, now = r.reading.now
                let current =
                    c.times.respondedAt == nil
                    ? c.times.response(calendar, at: now) : c.times.resolution(calendar, at: now)
                return c.state.open
                    ? ServiceRequestPages.standingBadge(r.req, current)
                    : Pages.badge(WorkingTime.standing(c.times.resolution(calendar, at: now), r.req.locale), "")
            },
        ]
    }

    static var columns: [ExportColumn<Record>] {
        [
            .init("complaint.number") { c, _ in c.number }, .init("complaint.customer") { c, _ in c.customerName },
            .init("complaint.channel") { c, r in r.t(c.channel.labelKey) },
            .init("complaint.category") { c, r in r.t(c.category.labelKey) },
            .init("complaint.product") { c, _ in c.productName },
            .init("complaint.severity") { c, r in r.t(c.severity.labelKey) },
            .init("complaint.department") { c, r in r.t(c.department.labelKey) },
            .init("complaint.state") { c, r in r.t(c.state.labelKey) },
            .init("complaint.taken_by") { c, _ in c.takenByName },
            .init("complaint.created") { c, _ in DateText.minute(c.createdAt / 1000) },
            .init("complaint.acknowledge_by") { c, r in
                WorkingTime.standing(c.times.response(r.calendar, at: r.now), r.locale)
            },
            .init("complaint.resolve_by") { c, r in
                WorkingTime.standing(c.times.resolution(r.calendar, at: r.now), r.locale)
            },
            .init("complaint.root_cause") { c, _ in c.rootCause },
            .init("step.satisfaction") { c, _ in c.satisfaction.map(String.init) ?? "" },
            .init("complaint.compensation") { c, _ in c.compensation?.decimalString ?? "" },
        ]
    }
}

extension Input {
    func complaint() throws -> ComplaintDraft {
        var e: [FieldError] = []
        let d = ComplaintDraft(
            customerId: string("customer_id", &e), contactName: string("contact_name", &e),
            channel: string("channel", &e), category: string("category", &e),
            productId: string("product_id", &e), severity: string("severity", &e), words: string("words", &e))
        try Input.check(e)
        return d
    }
}

extension DTO {
    struct Complaint: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, customerId = "customer_id", customerName = "customer_name", accountOwnerId =
                "account_owner_id", contactName = "contact_name"
            case channel, category, productId = "product_id", productName = "product_name", severity, words, takenBy =
                "taken_by", takenByName = "taken_by_name"
            case department, state, acknowledgement, rootCause = "root_cause", resolution, confirmedBy = "confirmed_by",
                satisfaction, compensation
            case compensationApprovalId = "compensation_approval_id", compensationPaidOn = "compensation_paid_on",
                response, resolutionLevel = "resolution_level"
            case version, createdAt = "created_at", updatedAt = "updated_at", closedAt = "closed_at"
        }
        var id: Int64
        var number: String
        var customerId: Int64
        var customerName: String
        var accountOwnerId: Int64?
        var contactName: String
        var channel: String
        var category: String
        var productId: Int64?
        var productName: String
        var severity: String
        var words: String
        var takenBy: Int64
        var takenByName: String
        var department: String
        var state: String
        var acknowledgement: String
        var rootCause: String
        var resolution: String
        var confirmedBy: String
        var satisfaction: Int?
        var compensation: String?
        var compensationApprovalId: Int64?
        var compensationPaidOn: String
        var response: ServiceStanding
        var resolutionLevel: ServiceStanding
        var version: Int
        var createdAt: String
        var updatedAt: String
        var closedAt: String?
        init(_ c: FrontlineCore.Complaint, calendar: WorkCalendar, now: Int64) {
            id = c.id; number = c.number; customerId = c.customerId; customerName = c.customerName;
            accountOwnerId = c.accountOwnerId
            contactName = c.contactName; channel = c.channel.rawValue; category = c.category.rawValue;
            productId = c.productId; productName = c.productName
            severity = c.severity.rawValue; words = c.words; takenBy = c.takenBy; takenByName = c.takenByName;
            department = c.department.rawValue
            state = c.state.rawValue; acknowledgement = c.acknowledgement; rootCause = c.rootCause;
            resolution = c.resolution; confirmedBy = c.confirmedBy
            satisfaction = c.satisfaction; compensation = c.compensation?.decimalString;
            compensationApprovalId = c.compensationApprovalId
            compensationPaidOn = c.compensationPaidOn; response = ServiceStanding(c.times.response(calendar, at: now))
            resolutionLevel = ServiceStanding(c.times.resolution(calendar, at: now)); version = c.version;
            createdAt = DTO.iso(millis: c.createdAt)
            updatedAt = DTO.iso(millis: c.updatedAt); closedAt = c.closedAt.map { DTO.iso(millis: $0) }
        }
    }

    struct ComplaintDetail: Encodable {
        var complaint: Complaint
        var compensationState: String?
        var actions: [ProcessAPI.Offer]
        enum CodingKeys: String, CodingKey { case complaint, compensationState = "compensation_state", actions }
    }

    struct ComplaintStatLine: Encodable {
        enum CodingKeys: String, CodingKey {
            case key, count, open, acknowledgeMinutes = "acknowledge_minutes", resolveMinutes = "resolve_minutes",
                satisfaction
        }
        var key: String
        var count: Int
        var open: Int
        var acknowledgeMinutes: Int?
        var resolveMinutes: Int?
        var satisfaction: String?
        init(_ l: FrontlineCore.ComplaintStatLine) {
            key = l.key; count = l.count; open = l.open; acknowledgeMinutes = l.acknowledgeMinutes;
            resolveMinutes = l.resolveMinutes
            satisfaction = l.satisfactionTenths.map { "\($0 / 10).\($0 % 10)" }
        }
    }

    struct ComplaintStats: Encodable {
        var from: String
        var to: String
        var total: Int
        var groups: [String: [ComplaintStatLine]]
    }
}
