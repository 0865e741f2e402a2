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
        api.get("service-requests", use: list)
        api.post("service-requests", use: create)
        api.get("service-requests", "export", use: export)
        api.get("service-requests", ":id", use: get)
        api.get("service-requests", ":id", "history", use: history)
        api.get("service-requests", ":id", "files", use: files)
        api.on(.POST, "service-requests", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
        ProcessAPI.register(app, ServiceRequestProcess.self, route: "service-requests") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnServiceRequest(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
    }

    static func filter(_ req: Request) throws -> ServiceRequestFilter {
        var f = ServiceRequestFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 { errors.append(FieldError("q", "field.too_long", ["max": "100"])) } else { f.q = Text.clean(q) }
        }
        f.state = req.choice("state", ServiceRequest.State.self, &errors)
        f.kind = req.choice("kind", ServiceRequest.Kind.self, &errors)
        if let c = req.query("customer_id"), !c.isEmpty {
            if let v = Int64(c), v > 0 { f.customerId = v } else { errors.append(FieldError("customer_id", "field.not_id")) }
        }
        f.open = try SalesRoutes.flag(req, "open")
        f.attention = try SalesRoutes.flag(req, "attention")
        f.mine = try SalesRoutes.flag(req, "mine")
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func paging(_ req: Request, _ f: inout ServiceRequestFilter) throws -> ListQuery {
        let q = try req.listQuery(sorts: ServiceRequestFilter.sorts, default: "-id", sortable: true)
        f.sort = q.sortField
        f.descending = q.descending
        return q
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.ServiceRequestDetail {
        guard let subject = try await req.store.serviceRequestSubject(id: id, for: actor) else { throw DomainError.notFound }
        let names = Dictionary(uniqueKeysWithValues: subject.people.map { ($0.id, $0.displayName) })
        let (levels, _) = try await req.store.serviceLevels()
        return DTO.ServiceRequestDetail(
            subject, names: names, calendar: levels.calendar, now: Store.nowMillis(), actions: ProcessAPI.offers(ServiceRequestProcess.self, subject, actor: actor))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        var f = try filter(req)
        let q = try paging(req, &f)
        let page = try await req.store.serviceRequests(f, limit: q.limit, offset: q.offset, for: actor)
        let names = try await req.userNames()
        let (levels, _) = try await req.store.serviceLevels()
        let now = Store.nowMillis()
        return try DTO.response(
            DTO.List(items: page.items.map { DTO.ServiceRequest($0, names: names, calendar: levels.calendar, now: now) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let draft = try Input.json(req, allowed: Input.serviceRequestFields).serviceRequest()
        let r = try await req.store.createServiceRequest(draft, by: actor)
        return try ProcessAPI.created(try await dto(req, id: r.id, actor: actor), location: "/api/v1/service-requests/\(r.id)")
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        return try ProcessAPI.tagged(d, version: d.request.version)
    }

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await ProcessAPI.history(req, ServiceRequestProcess.name) { try await req.store.serviceRequest(id: $0, for: actor) != nil }
    }

    static func files(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let items = try await req.store.attachments(entity: "service_request", entityId: try APIRoutes.id(req), for: actor)
        return try DTO.response(DTO.List(items: items.map { DTO.Attachment($0.attachment, uploaderName: $0.uploaderName) }, total: items.count))
    }

    /// A photo of the site, a drawing, the customer's letter: added while the request is open.
    static func upload(_ req: Request) async throws -> Response {
        try Files.created(req, try await Files.attach(req, entity: "service_request", entityId: try APIRoutes.id(req), form: false))
    }

    /// The list as CSV or Excel, with the list's filters; audited.
    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store, locale = req.locale
        let names = try await req.userNames()
        let (levels, _) = try await req.store.serviceLevels()
        let now = Store.nowMillis()
        let t = req.texts
        let header = [
            t("service.number"), t("service.kind"), t("service.subject"), t("service.customer"), t("service.requester"), t("service.state"),
            t("service.verdict_label"), t("service.engineers"), t("service.wished_on"), t("service.created"), t("service.response"), t("service.resolve_by"),
        ]
        let row: @Sendable (FrontlineCore.ServiceRequest) -> [String] = { r in
            [
                r.number, t(r.kind.labelKey), r.title, r.customerName, r.requesterName, t(r.state.labelKey), r.verdict.map { t($0.labelKey) } ?? "",
                r.engineerIds.compactMap { names[$0] }.joined(separator: "、"), r.wishedOn, DateText.minute(r.createdAt / 1000),
                WorkingTime.standing(r.times.response(levels.calendar, at: now), locale), WorkingTime.standing(r.times.resolution(levels.calendar, at: now), locale),
            ]
        }
        var byId = f
        byId.sort = "id"
        byId.descending = true
        let sorted = byId
        return try await TableExport.paged(req, entity: "service_request", sheet: t("service.list"), header: header) { before in
            let page = try await store.serviceRequests(sorted, limit: TableExport.batch, before: before, for: actor, now: now)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
    }
}

extension DTO {
    /// How one clock stands, as the API writes it.
    struct ServiceStanding: Encodable {
        enum CodingKeys: String, CodingKey {
            case status, paused, targetMinutes = "target_minutes", elapsedMinutes = "elapsed_minutes", leftMinutes = "left_minutes", due
        }
        var status: String
        var paused: Bool
        var targetMinutes: Int64
        var elapsedMinutes: Int64
        var leftMinutes: Int64
        var due: String?
        init(_ s: ServiceTimes.Standing) {
            status = s.status.rawValue; paused = s.paused; targetMinutes = s.target / 60; elapsedMinutes = s.elapsed / 60; leftMinutes = s.left / 60
            due = s.due.map { DTO.iso(millis: $0) }
        }
    }

    struct ServiceRequest: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, kind, title, detail, location, wishedOn = "wished_on", customerId = "customer_id", customerName = "customer_name"
            case requesterId = "requester_id", requesterName = "requester_name", accountOwnerId = "account_owner_id", contractId = "contract_id"
            case contractNumber = "contract_number", implementationId = "implementation_id", state, verdict, verdictReason = "verdict_reason"
            case conditions, verdictByName = "verdict_by_name", plan, engineerIds = "engineer_ids", engineerNames = "engineer_names"
            case startOn = "start_on", endOn = "end_on", resolution, confirmedBy = "confirmed_by", satisfaction, response, resolutionLevel = "resolution_level"
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
            id = r.id; number = r.number; kind = r.kind.rawValue; title = r.title; detail = r.detail; location = r.location; wishedOn = r.wishedOn
            customerId = r.customerId; customerName = r.customerName; requesterId = r.requesterId; requesterName = r.requesterName
            accountOwnerId = r.accountOwnerId; contractId = r.contractId; contractNumber = r.contractNumber; implementationId = r.implementationId
            state = r.state.rawValue; verdict = r.verdict?.rawValue; verdictReason = r.verdictReason; conditions = r.conditions
            verdictByName = r.verdictByName; plan = r.plan; engineerIds = r.engineerIds; engineerNames = r.engineerIds.compactMap { names[$0] }
            startOn = r.startOn; endOn = r.endOn; resolution = r.resolution; confirmedBy = r.confirmedBy; satisfaction = r.satisfaction
            response = ServiceStanding(r.times.response(calendar, at: now)); resolutionLevel = ServiceStanding(r.times.resolution(calendar, at: now))
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
        init(_ s: ServiceRequestProcess.Subject, names: [Int64: String], calendar: WorkCalendar, now: Int64, actions: [ProcessAPI.Offer]) {
            request = ServiceRequest(s.request, names: names, calendar: calendar, now: now)
            log = s.log.map { ServiceWorkEntry(id: $0.id, name: $0.name, at: DTO.iso(millis: $0.at), day: $0.day, minutes: $0.minutes, text: $0.text) }
            self.actions = actions
        }
    }
}
