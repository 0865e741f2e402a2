import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/leads`: leads (线索); steps `POST /leads/{id}/{action}` from `LeadProcess`; and the public form a company
/// web site posts to: `GET /api/v1/public/lead-form` for a form token, `POST /api/v1/public/leads` with it.
enum LeadRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("leads", use: list)
        api.post("leads", use: create)
        api.get("leads", "export", use: export)
        api.get("leads", ":id", use: get)
        api.patch("leads", ":id", use: update)
        api.get("leads", ":id", "history", use: history)
        ProcessAPI.register(app, LeadProcess.self, route: "leads") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnLead(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
        api.get("public", "lead-form", use: formToken)
        api.post("public", "leads", use: submit)
    }

    static func filter(_ req: Request) throws -> LeadFilter {
        var f = LeadFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 { errors.append(FieldError("q", "field.too_long", ["max": "100"])) } else { f.q = Text.clean(q) }
        }
        f.state = req.choice("state", Lead.State.self, &errors)
        f.source = req.choice("source", Lead.Source.self, &errors)
        if let c = req.query("owner_id"), !c.isEmpty {
            if let v = Int64(c), v > 0 { f.ownerId = v } else { errors.append(FieldError("owner_id", "field.not_id")) }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        f.unowned = try SalesRoutes.flag(req, "unowned")
        f.due = try SalesRoutes.flag(req, "due")
        return f
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.LeadDetail {
        guard let s = try await req.store.leadSubject(id: id, for: actor) else { throw DomainError.notFound }
        let match = s.lead.state == .open ? try await req.store.leadMatch(s.lead) : nil
        return DTO.LeadDetail(
            lead: DTO.Lead(s.lead, names: try await req.userNames()),
            match: match.map { DTO.LeadMatch(customerId: $0.customerId, name: $0.name, ownerId: $0.ownerId, ownerName: $0.ownerName) },
            actions: ProcessAPI.offers(LeadProcess.self, s, actor: actor))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorts: LeadFilter.sorts, default: "-created_at", sortable: true)
        let page = try await req.store.leads(f, q, for: actor)
        let names = try await req.userNames()
        return try DTO.response(DTO.List(items: page.items.map { DTO.Lead($0, names: names) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Input.json(req, allowed: LeadInput.createFields).lead()
        let l = try await req.store.createLead(input, by: actor)
        return try ProcessAPI.created(try await dto(req, id: l.id, actor: actor), location: "/api/v1/leads/\(l.id)")
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        return try ProcessAPI.tagged(d, version: d.lead.version)
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.lead(id: id, for: actor) != nil else { throw DomainError.notFound }
        let body = try Input.json(req, allowed: LeadInput.changeFields)
        let l = try await req.store.updateLead(id: id, version: try body.version(req), try body.lead(), by: actor)
        let d = try await dto(req, id: l.id, actor: actor)
        return try ProcessAPI.tagged(d, version: d.lead.version)
    }

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await ProcessAPI.history(req, LeadProcess.name) { try await req.store.lead(id: $0, for: actor) != nil }
    }

    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let names = try await req.userNames()
        let t = req.texts
        let header = [
            t("lead.number"), t("lead.source"), t("lead.company"), t("lead.contact_name"), t("lead.phone"), t("lead.email"), t("lead.need"), t("lead.owner"),
            t("lead.next_follow_up"), t("lead.state"), t("lead.discard_reason"), t("lead.created"),
        ]
        let row: @Sendable (Lead) -> [String] = { l in
            [
                l.number, t(l.source.labelKey), l.company, l.contactName, l.phone, l.email, l.need, l.ownerId.flatMap { names[$0] } ?? "", l.nextFollowUp,
                t(l.state.labelKey), l.discardReason, DateText.minute(l.createdAt / 1000),
            ]
        }
        return try await TableExport.paged(req, entity: "lead", sheet: t("lead.list"), header: header) { before in
            let page = try await store.leads(f, ListQuery(limit: TableExport.batch, sortField: "id", descending: true), before: before ?? Int64.max, for: actor)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
    }

    // MARK: The public form

    static func formToken(_ req: Request) async throws -> Response {
        try DTO.response(DTO.LeadFormToken(formToken: LeadForm.token(now: Store.nowSeconds()), fields: WebLead.fieldNames.sorted()))
    }

    static func submit(_ req: Request) async throws -> Response {
        let body = try Input.json(req, allowed: WebLead.fieldNames)
        _ = try await LeadForm.take(req, body)
        return try DTO.response(DTO.LeadReceived(received: true, message: Catalog.text("lead.form_thanks", [:], req.locale)), status: .accepted)
    }
}

/// The public lead form's defences, without a third-party service: a signed token that says when the form was
/// handed out (a robot that posts at once, or replays an old form, is refused), a trap field people never see,
/// a limit of leads per address and hour, and a repeat within a day folded into the first.
enum LeadForm {
    /// Signs the tokens; a server restart hands out new forms (the old ones are refused as expired).
    static let key = SymmetricKey(size: .bits256)
    static let minimumSeconds: Int64 = 3
    static let lifetime: Int64 = 24 * 3600
    static let perHour = 5

    static func token(now: Int64) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("lead-form:\(now)".utf8), using: key)
        return "\(now).\(Data(mac).map { String(format: "%02x", $0) }.joined())"
    }

    /// Refuses a token that is not ours, too young or too old.
    static func check(_ token: String?, now: Int64) throws {
        let parts = (token ?? "").split(separator: ".")
        guard parts.count == 2, let issued = Int64(parts[0]), token == LeadForm.token(now: issued) else {
            throw DomainError(.validation, Message("lead.form_expired"), fields: [FieldError("form_token", "lead.form_expired")])
        }
        if now - issued < minimumSeconds { throw DomainError(.validation, Message("lead.form_too_fast"), fields: [FieldError("form_token", "lead.form_too_fast")]) }
        if now - issued > lifetime { throw DomainError(.validation, Message("lead.form_expired"), fields: [FieldError("form_token", "lead.form_expired")]) }
    }

    /// Checks and keeps one submission; answers the lead, or nil when it was dropped as a robot's.
    static func take(_ req: Request, _ body: Input) async throws -> Lead? {
        var e: [FieldError] = []
        let now = Store.nowSeconds()
        let sent = WebLead(
            company: body.string("company", &e), contactName: body.string("contact_name", &e), phone: body.string("phone", &e), email: body.string("email", &e),
            need: body.string("need", &e), website: body.string("website", &e))
        let token = body.string("form_token", &e)
        try Input.check(e)
        try check(token, now: now)
        let (lead, automated) = try sent.validated()
        if automated { return nil }
        // The limit is counted in the write's transaction, so a burst of posts at once cannot all pass it.
        return try await req.store.submitWebLead(lead, sender: req.clientAddress, perHour: perHour, now: now * 1000)
    }
}

extension Input {
    func lead() throws -> LeadInput {
        var e: [FieldError] = []
        let d = LeadInput(
            source: string("source", &e), company: string("company", &e), contactName: string("contact_name", &e), phone: string("phone", &e),
            email: string("email", &e), need: string("need", &e), regionId: string("region_id", &e), ownerId: string("owner_id", &e),
            nextFollowUp: string("next_follow_up", &e))
        try Input.check(e)
        return d
    }
}

extension DTO {
    struct Lead: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, source, company, contactName = "contact_name", phone, email, need, regionId = "region_id", ownerId = "owner_id"
            case ownerName = "owner_name", nextFollowUp = "next_follow_up", state, discardReason = "discard_reason", customerId = "customer_id"
            case opportunityId = "opportunity_id", version, createdAt = "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var number: String
        var source: String
        var company: String
        var contactName: String
        var phone: String
        var email: String
        var need: String
        var regionId: Int64?
        var ownerId: Int64?
        var ownerName: String?
        var nextFollowUp: String
        var state: String
        var discardReason: String
        var customerId: Int64?
        var opportunityId: Int64?
        var version: Int
        var createdAt: String
        var updatedAt: String
        init(_ l: FrontlineCore.Lead, names: [Int64: String]) {
            id = l.id; number = l.number; source = l.source.rawValue; company = l.company; contactName = l.contactName; phone = l.phone; email = l.email
            need = l.need; regionId = l.regionId; ownerId = l.ownerId; ownerName = l.ownerId.flatMap { names[$0] }; nextFollowUp = l.nextFollowUp
            state = l.state.rawValue; discardReason = l.discardReason; customerId = l.customerId; opportunityId = l.opportunityId; version = l.version
            createdAt = DTO.iso(millis: l.createdAt); updatedAt = DTO.iso(millis: l.updatedAt)
        }
    }

    struct LeadMatch: Encodable {
        enum CodingKeys: String, CodingKey { case customerId = "customer_id", name, ownerId = "owner_id", ownerName = "owner_name" }
        var customerId: Int64
        var name: String
        var ownerId: Int64?
        var ownerName: String
    }

    struct LeadDetail: Encodable {
        var lead: Lead
        var match: LeadMatch?
        var actions: [ProcessAPI.Offer]
    }

    struct LeadFormToken: Encodable {
        enum CodingKeys: String, CodingKey { case formToken = "form_token", fields }
        var formToken: String
        var fields: [String]
    }

    struct LeadReceived: Encodable {
        var received: Bool
        var message: String
    }
}
