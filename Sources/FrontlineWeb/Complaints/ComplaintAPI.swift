import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/complaints`: customer complaints (客户投诉). Taken in by the Market Department; one about engineering or
/// after-sales is Customer Service's by itself; the steps are `POST /complaints/{id}/{action}` from `ComplaintProcess`.
enum ComplaintRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("complaints", use: list)
        api.post("complaints", use: create)
        api.get("complaints", "export", use: export)
        api.get("complaints", "stats", use: stats)
        api.get("complaints", ":id", use: get)
        api.get("complaints", ":id", "history", use: history)
        ProcessAPI.register(app, ComplaintProcess.self, route: "complaints") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnComplaint(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
    }

    static let createFields: Set<String> = ["customer_id", "contact_name", "channel", "category", "product_id", "severity", "words"]

    static func filter(_ req: Request) throws -> ComplaintFilter {
        var f = ComplaintFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 { errors.append(FieldError("q", "field.too_long", ["max": "100"])) } else { f.q = Text.clean(q) }
        }
        f.state = req.choice("state", Complaint.State.self, &errors)
        f.category = req.choice("category", Complaint.Category.self, &errors)
        f.severity = req.choice("severity", Complaint.Severity.self, &errors)
        f.department = req.choice("department", Department.self, &errors)
        if let c = req.query("customer_id"), !c.isEmpty {
            if let v = Int64(c), v > 0 { f.customerId = v } else { errors.append(FieldError("customer_id", "field.not_id")) }
        }
        for name in ["from", "to"] {
            guard let d = req.query(name), !d.isEmpty else { continue }
            if DateText.isDate(d) { if name == "from" { f.from = d } else { f.to = d } } else { errors.append(FieldError(name, "field.date")) }
        }
        f.open = try SalesRoutes.flag(req, "open")
        f.attention = try SalesRoutes.flag(req, "attention")
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.ComplaintDetail {
        guard let s = try await req.store.complaintSubject(id: id, for: actor) else { throw DomainError.notFound }
        let (levels, _) = try await req.store.serviceLevels()
        return DTO.ComplaintDetail(
            complaint: DTO.Complaint(s.complaint, calendar: levels.calendar, now: Store.nowMillis()), compensationState: s.approval?.rawValue,
            actions: ProcessAPI.offers(ComplaintProcess.self, s, actor: actor))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorting: Store.complaintSorts)
        let page = try await req.store.complaints(f, limit: q.limit, offset: q.offset, order: q, for: actor)
        let (levels, _) = try await req.store.serviceLevels()
        let now = Store.nowMillis()
        return try DTO.response(DTO.List(items: page.items.map { DTO.Complaint($0, calendar: levels.calendar, now: now) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let draft = try Input.json(req, allowed: createFields).complaint()
        let c = try await req.store.createComplaint(draft, by: actor)
        return try ProcessAPI.created(try await dto(req, id: c.id, actor: actor), location: "/api/v1/complaints/\(c.id)")
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        return try ProcessAPI.tagged(d, version: d.complaint.version)
    }

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await ProcessAPI.history(req, ComplaintProcess.name) { try await req.store.complaint(id: $0, for: actor) != nil }
    }

    /// The period a statistics request names: `from`/`to`, by default this year to today.
    static func period(_ req: Request) throws -> (from: String, to: String) {
        let f = try filter(req)
        let today = DateText.today()
        let from = f.from ?? String(today.prefix(4)) + "-01-01", to = f.to ?? today
        guard from <= to else { throw DomainError(.badRequest, Message("error.validation"), fields: [FieldError("to", "complaint.period")]) }
        guard let a = DateText.parseDay(from), let b = DateText.parseDay(to), b - a <= 3 * 366 else {
            throw DomainError(.badRequest, Message("error.validation"), fields: [FieldError("from", "complaint.period")])
        }
        return (from, to)
    }

    /// Statistics by category, product, region, severity and month, with the mean time to acknowledge and resolve.
    static func stats(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (from, to) = try period(req)
        let s = try await statLines(req, from: from, to: to, actor: actor)
        return try DTO.response(DTO.ComplaintStats(from: from, to: to, total: s.total, groups: s.groups.mapValues { $0.map(DTO.ComplaintStatLine.init) }))
    }

    static let dimensions = ["category", "product", "region", "severity", "month"]

    static func statLines(_ req: Request, from: String, to: String, actor: Actor) async throws -> (total: Int, groups: [String: [ComplaintStatLine]]) {
        let items = try await req.store.complaintsForStats(from: from, to: to, for: actor)
        let (levels, _) = try await req.store.serviceLevels()
        let regions = Dictionary(uniqueKeysWithValues: try await req.store.regions().map { ($0.id, $0.name) })
        let now = Store.nowMillis()
        let keys: [String: (FrontlineCore.Complaint) -> String] = [
            "category": { $0.category.rawValue }, "severity": { $0.severity.rawValue },
            "product": { $0.productName.isEmpty ? "" : $0.productName }, "region": { $0.regionId.flatMap { regions[$0] } ?? "" },
            "month": { String(DateText.day($0.createdAt / 1000).prefix(7)) },
        ]
        var groups: [String: [ComplaintStatLine]] = [:]
        for d in dimensions { groups[d] = ComplaintStatLine.lines(items, calendar: levels.calendar, now: now, by: keys[d]!) }
        return (items.count, groups)
    }

    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store, locale = req.locale
        let (levels, _) = try await req.store.serviceLevels()
        let now = Store.nowMillis()
        let t = req.texts
        let header = [
            t("complaint.number"), t("complaint.customer"), t("complaint.channel"), t("complaint.category"), t("complaint.product"), t("complaint.severity"),
            t("complaint.department"), t("complaint.state"), t("complaint.taken_by"), t("complaint.created"), t("complaint.acknowledge_by"),
            t("complaint.resolve_by"), t("complaint.root_cause"), t("step.satisfaction"), t("complaint.compensation"),
        ]
        let row: @Sendable (FrontlineCore.Complaint) -> [String] = { c in
            [
                c.number, c.customerName, t(c.channel.labelKey), t(c.category.labelKey), c.productName, t(c.severity.labelKey), t(c.department.labelKey),
                t(c.state.labelKey), c.takenByName, DateText.minute(c.createdAt / 1000), WorkingTime.standing(c.times.response(levels.calendar, at: now), locale),
                WorkingTime.standing(c.times.resolution(levels.calendar, at: now), locale), c.rootCause, c.satisfaction.map(String.init) ?? "",
                c.compensation?.decimalString ?? "",
            ]
        }
        return try await TableExport.paged(req, entity: "complaint", sheet: t("complaint.list"), header: header) { before in
            let page = try await store.complaints(f, limit: TableExport.batch, before: before, for: actor, now: now)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
    }
}

extension Input {
    func complaint() throws -> ComplaintDraft {
        var e: [FieldError] = []
        let d = ComplaintDraft(
            customerId: string("customer_id", &e), contactName: string("contact_name", &e), channel: string("channel", &e), category: string("category", &e),
            productId: string("product_id", &e), severity: string("severity", &e), words: string("words", &e))
        try Input.check(e)
        return d
    }
}

extension DTO {
    struct Complaint: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, customerId = "customer_id", customerName = "customer_name", accountOwnerId = "account_owner_id", contactName = "contact_name"
            case channel, category, productId = "product_id", productName = "product_name", severity, words, takenBy = "taken_by", takenByName = "taken_by_name"
            case department, state, acknowledgement, rootCause = "root_cause", resolution, confirmedBy = "confirmed_by", satisfaction, compensation
            case compensationApprovalId = "compensation_approval_id", compensationPaidOn = "compensation_paid_on", response, resolutionLevel = "resolution_level"
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
            id = c.id; number = c.number; customerId = c.customerId; customerName = c.customerName; accountOwnerId = c.accountOwnerId
            contactName = c.contactName; channel = c.channel.rawValue; category = c.category.rawValue; productId = c.productId; productName = c.productName
            severity = c.severity.rawValue; words = c.words; takenBy = c.takenBy; takenByName = c.takenByName; department = c.department.rawValue
            state = c.state.rawValue; acknowledgement = c.acknowledgement; rootCause = c.rootCause; resolution = c.resolution; confirmedBy = c.confirmedBy
            satisfaction = c.satisfaction; compensation = c.compensation?.decimalString; compensationApprovalId = c.compensationApprovalId
            compensationPaidOn = c.compensationPaidOn; response = ServiceStanding(c.times.response(calendar, at: now))
            resolutionLevel = ServiceStanding(c.times.resolution(calendar, at: now)); version = c.version; createdAt = DTO.iso(millis: c.createdAt)
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
            case key, count, open, acknowledgeMinutes = "acknowledge_minutes", resolveMinutes = "resolve_minutes", satisfaction
        }
        var key: String
        var count: Int
        var open: Int
        var acknowledgeMinutes: Int?
        var resolveMinutes: Int?
        var satisfaction: String?
        init(_ l: FrontlineCore.ComplaintStatLine) {
            key = l.key; count = l.count; open = l.open; acknowledgeMinutes = l.acknowledgeMinutes; resolveMinutes = l.resolveMinutes
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
