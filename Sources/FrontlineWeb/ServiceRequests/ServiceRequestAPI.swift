import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/service-requests`: engineering and after-sales requests (工程施工和售后服务, SPEC §3.4). The Market
/// Department asks; Customer Service answers and does the work; the steps are `POST /service-requests/{id}/{action}`,
/// one per row of `ServiceRequestProcess`.
enum ServiceRequestRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, ServiceRequestKind.self)
        api.post("service-requests", use: create)
        api.get("service-requests", ":id", "files", use: files)
        api.on(.POST, "service-requests", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
        ProcessAPI.register(app, ServiceRequestProcess.self, route: ServiceRequestKind.route.path) {
            req, id, action, input, version in
            _ = try await req.store.actOnServiceRequest(id: id, action, input, version: version, by: try req.actor())
            return try await ServiceRequestKind.answer(req, id: id)
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let draft = try Input.json(req, allowed: Input.serviceRequestFields).serviceRequest()
        let r = try await req.store.createServiceRequest(draft, by: try req.actor())
        return try await ServiceRequestKind.answer(req, id: r.id, status: .created)
    }

    static func files(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let items = try await req.store.attachments(
            entity: "service_request", entityId: try APIRoutes.id(req), for: actor)
        return try DTO.response(
            DTO.List(
                items: items.map { DTO.Attachment($0.attachment, uploaderName: $0.uploaderName) }, total: items.count))
    }

    /// A photo of the site, a drawing, the customer's letter: added while the request is open.
    static func upload(_ req: Request) async throws -> Response {
        try Files.created(
            req, try await Files.attach(req, entity: "service_request", entityId: try APIRoutes.id(req), form: false))
    }

}

/// Engineering and after-sales requests (工程施工和售后服务) as a record kind: each shows its service-level standing.
enum ServiceRequestKind: ProcessRecordKind, ListedKind {
    typealias Process = ServiceRequestProcess
    typealias Record = FrontlineCore.ServiceRequest
    typealias Detail = DTO.ServiceRequestDetail
    static let route = Route.Records.serviceRequests
    static let entity = "service_request"
    static let schema = "ServiceRequest"
    static let namesFromSubject = true
    static let title = "service.list"
    static let needsCalendar = true
    static let doc = RecordDoc(
        tag: "service",
        access:
            "Customer Service, GM, market manager, business assistant; a sales rep those he asked for and his customers'",
        list: "Engineering and after-sales requests (工程施工和售后服务), newest first", listZh: "服务请求列表",
        plural: "Service requests",
        exportZh: "导出服务请求",
        one: "One request with its verdict, plan, work log, service levels and the steps open to the caller",
        oneZh: "服务请求详情", historyZh: "服务请求记录")

    static var filter: ServiceRequestFilter { ServiceRequestFilter() }
    static var filters: [ListFilter<ServiceRequestFilter>] {
        [
            .search(\.q, "Number, what, or customer."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .choice("kind", \.kind, "Type.", label: "service.kind") { $0.labelKey },
            .id("customer_id", \.customerId, "Customer."),
            .flag("open", \.open, "Only those not closed, declined or withdrawn.", label: "service.filter_open"),
            .flag(
                "attention", \.attention,
                "Only open ones whose answer or resolution is due soon (four fifths of the target used) or overdue.",
                label: "service.filter_attention"),
            .flag("mine", \.mine, "Only those the caller asked for or is assigned to.", label: "service.filter_mine"),
        ]
    }
    static let sorting = ListSorting.explained(
        ServiceRequestFilter.sorts, default: "-id",
        about: "Sort field; a leading - sorts descending. `due`: the resolution target, nearest first.")

    /// The order travels in the store's filter.
    static func fetch(_ store: Store, _ f: ServiceRequestFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws -> Listing<Record>
    {
        var f = f
        f.sort = q.sortField
        f.descending = q.descending
        return try await store.serviceRequests(f, limit: q.limit, offset: q.offset, before: before, for: actor)
    }
    static func item(_ r: Record, _ c: Reading) -> DTO.ServiceRequest {
        DTO.ServiceRequest(r, names: c.names, calendar: c.calendar, now: c.now)
    }
    static func subject(_ store: Store, id: Int64, for actor: Actor) async throws -> ServiceRequestProcess.Subject? {
        try await store.serviceRequestSubject(id: id, for: actor)
    }
    static func record(_ s: ServiceRequestProcess.Subject) -> Record { s.request }
    /// The names of the people the request names, as the subject read them.
    static func present(_ s: ServiceRequestProcess.Subject, _ c: Reading, actions: [ProcessAPI.Offer])
        -> DTO.ServiceRequestDetail
    {
        let names = Dictionary(uniqueKeysWithValues: s.people.map { ($0.id, $0.displayName) })
        return DTO.ServiceRequestDetail(s, names: names, calendar: c.calendar, now: c.now, actions: actions)
    }

    static func canBrowse(_ actor: Actor) -> Bool { ServiceAccess.canBrowse(actor) }
    static var pageColumns: [PageColumn<Record>] {
        [
            .init("service.number") { x, r in r.number(x.number) },
            .init("service.kind") { x, r in "\(r.t(x.kind.labelKey))" },
            .init("service.subject") { x, _ in "\(x.title)" },
            .init("service.customer", "opt") { x, _ in "\(x.customerName)" },
            .init("col.status") { x, r in ServiceRequestPages.stateBadge(r.req, x.state) },
            .init("service.verdict_label", "opt") { x, r in "\(x.verdict.map { r.t($0.labelKey) } ?? "—")" },
            .init("sla.standing") { x, r in
                let calendar = r.reading.calendar, now = r.reading.now
                return x.state.open
                    ? ServiceRequestPages.standingBadge(
                        r.req, ServiceRequestPages.currentStanding(x, calendar, now: now))
                    : Pages.badge(WorkingTime.standing(x.times.resolution(calendar, at: now), r.req.locale), "")
            },
        ]
    }

    static var columns: [ExportColumn<Record>] {
        [
            .init("service.number") { x, _ in x.number }, .init("service.kind") { x, r in r.t(x.kind.labelKey) },
            .init("service.subject") { x, _ in x.title },
            .init("service.customer") { x, _ in x.customerName },
            .init("service.requester") { x, _ in x.requesterName },
            .init("service.state") { x, r in r.t(x.state.labelKey) },
            .init("service.verdict_label") { x, r in x.verdict.map { r.t($0.labelKey) } ?? "" },
            .init("service.engineers") { x, r in x.engineerIds.compactMap { r.names[$0] }.joined(separator: "、") },
            .init("service.wished_on") { x, _ in x.wishedOn },
            .init("service.created") { x, _ in DateText.minute(x.createdAt / 1000) },
            .init("service.response") { x, r in WorkingTime.standing(x.times.response(r.calendar, at: r.now), r.locale)
            },
            .init("service.resolve_by") { x, r in
                WorkingTime.standing(x.times.resolution(r.calendar, at: r.now), r.locale)
            },
        ]
    }
}

extension DTO {
    /// How one clock stands, as the API writes it.
    struct ServiceStanding: Encodable {
        enum CodingKeys: String, CodingKey {
            case status, paused, targetMinutes = "target_minutes", elapsedMinutes = "elapsed_minutes", leftMinutes =
                "left_minutes", due
        }
        var status: String
        var paused: Bool
        var targetMinutes: Int64
        var elapsedMinutes: Int64
        var leftMinutes: Int64
        var due: String?
        init(_ s: ServiceTimes.Standing) {
            status = s.status.rawValue; paused = s.paused; targetMinutes = s.target / 60;
            elapsedMinutes = s.elapsed / 60; leftMinutes = s.left / 60
            due = s.due.map { DTO.iso(millis: $0) }
        }
    }

    struct ServiceRequest: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, kind, title, detail, location, wishedOn = "wished_on", customerId = "customer_id",
                customerName = "customer_name"
            case requesterId = "requester_id", requesterName = "requester_name", accountOwnerId = "account_owner_id",
                contractId = "contract_id"
            case contractNumber = "contract_number", implementationId = "implementation_id", state, verdict,
                verdictReason = "verdict_reason"
            case conditions, verdictByName = "verdict_by_name", plan, engineerIds = "engineer_ids", engineerNames =
                "engineer_names"
            case startOn = "start_on", endOn = "end_on", resolution, confirmedBy = "confirmed_by", satisfaction,
                response, resolutionLevel = "resolution_level"
            case version, createdAt = "created_at", updatedAt = "updated_at", closedAt = "closed_at"
        }
        var id: Int64
        var number: String
        var kind: String
        var title: String
        var detail: String
        var location: String
        var wishedOn: String
        var customerId: Int64
        var customerName: String
        var requesterId: Int64
        var requesterName: String
        var accountOwnerId: Int64?
        var contractId: Int64?
        var contractNumber: String
        var implementationId: Int64?
        var state: String
        var verdict: String?
        var verdictReason: String
        var conditions: String
        var verdictByName: String
        var plan: String
        var engineerIds: [Int64]
        var engineerNames: [String]
        var startOn: String
        var endOn: String
        var resolution: String
        var confirmedBy: String
        var satisfaction: Int?
        var response: ServiceStanding
        var resolutionLevel: ServiceStanding
        var version: Int
        var createdAt: String
        var updatedAt: String
        var closedAt: String?
        init(_ r: FrontlineCore.ServiceRequest, names: [Int64: String], calendar: WorkCalendar, now: Int64) {
            id = r.id; number = r.number; kind = r.kind.rawValue; title = r.title; detail = r.detail;
            location = r.location; wishedOn = r.wishedOn
            customerId = r.customerId; customerName = r.customerName; requesterId = r.requesterId;
            requesterName = r.requesterName
            accountOwnerId = r.accountOwnerId; contractId = r.contractId; contractNumber = r.contractNumber;
            implementationId = r.implementationId
            state = r.state.rawValue; verdict = r.verdict?.rawValue; verdictReason = r.verdictReason;
            conditions = r.conditions
            verdictByName = r.verdictByName; plan = r.plan; engineerIds = r.engineerIds;
            engineerNames = r.engineerIds.compactMap { names[$0] }
            startOn = r.startOn; endOn = r.endOn; resolution = r.resolution; confirmedBy = r.confirmedBy;
            satisfaction = r.satisfaction
            response = ServiceStanding(r.times.response(calendar, at: now));
            resolutionLevel = ServiceStanding(r.times.resolution(calendar, at: now))
            version = r.version; createdAt = DTO.iso(millis: r.createdAt); updatedAt = DTO.iso(millis: r.updatedAt)
            closedAt = r.closedAt.map { DTO.iso(millis: $0) }
        }
    }

    struct ServiceWorkEntry: Encodable {
        var id: Int64
        var name: String
        var at: String
        var day: String
        var minutes: Int
        var text: String
    }

    struct ServiceRequestDetail: Encodable {
        var request: ServiceRequest
        var log: [ServiceWorkEntry]
        var actions: [ProcessAPI.Offer]
        init(
            _ s: ServiceRequestProcess.Subject, names: [Int64: String], calendar: WorkCalendar, now: Int64,
            actions: [ProcessAPI.Offer]
        ) {
            request = ServiceRequest(s.request, names: names, calendar: calendar, now: now)
            log = s.log.map {
                ServiceWorkEntry(
                    id: $0.id, name: $0.name, at: DTO.iso(millis: $0.at), day: $0.day, minutes: $0.minutes,
                    text: $0.text)
            }
            self.actions = actions
        }
    }
}
