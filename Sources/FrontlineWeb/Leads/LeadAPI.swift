import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/leads`: leads (线索); steps `POST /leads/{id}/{action}` from `LeadProcess`; and the public form a company
/// web site posts to: `GET /api/v1/public/lead-form` for a form token, `POST /api/v1/public/leads` with it.
enum LeadRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, LeadKind.self)
        api.post("leads", use: create)
        api.patch("leads", ":id", use: update)
        ProcessAPI.register(app, LeadProcess.self, route: LeadKind.route.path) { req, id, action, input, version in
            _ = try await req.store.actOnLead(id: id, action, input, version: version, by: try req.actor())
            return try await LeadKind.answer(req, id: id)
        }
        api.get("public", "lead-form", use: formToken)
        api.post("public", "leads", use: submit)
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try Input.json(req, allowed: LeadInput.createFields).lead()
        let l = try await req.store.createLead(input, by: try req.actor())
        return try await LeadKind.answer(req, id: l.id, status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.lead(id: id, for: actor) != nil else { throw DomainError.notFound }
        let body = try Input.json(req, allowed: LeadInput.changeFields)
        let l = try await req.store.updateLead(id: id, version: try body.version(req), try body.lead(), by: actor)
        let d = try await LeadKind.detail(req, id: l.id, for: actor)
        return try ProcessAPI.tagged(d.detail, version: d.version)
    }

    // MARK: The public form

    static func formToken(_ req: Request) async throws -> Response {
        try DTO.response(
            DTO.LeadFormToken(formToken: LeadForm.token(now: Store.nowSeconds()), fields: WebLead.fieldNames.sorted()))
    }

    static func submit(_ req: Request) async throws -> Response {
        let body = try Input.json(req, allowed: WebLead.fieldNames)
        _ = try await LeadForm.take(req, body)
        return try DTO.response(
            DTO.LeadReceived(received: true, message: Catalog.text("lead.form_thanks", [:], req.locale)),
            status: .accepted)
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
            throw DomainError(
                .validation, Message("lead.form_expired"), fields: [FieldError("form_token", "lead.form_expired")])
        }
        if now - issued < minimumSeconds {
            throw DomainError(
                .validation, Message("lead.form_too_fast"), fields: [FieldError("form_token", "lead.form_too_fast")])
        }
        if now - issued > lifetime {
            throw DomainError(
                .validation, Message("lead.form_expired"), fields: [FieldError("form_token", "lead.form_expired")])
        }
    }

    /// Checks and keeps one submission; answers the lead, or nil when it was dropped as a robot's.
    static func take(_ req: Request, _ body: Input) async throws -> Lead? {
        var e: [FieldError] = []
        let now = Store.nowSeconds()
        let sent = WebLead(
            company: body.string("company", &e), contactName: body.string("contact_name", &e),
            phone: body.string("phone", &e), email: body.string("email", &e),
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

/// Leads (线索) as a record kind: an open lead shows the customer its company already is.
enum LeadKind: ProcessRecordKind, ListedKind {
    typealias Process = LeadProcess
    typealias Record = FrontlineCore.Lead
    typealias Detail = DTO.LeadDetail
    static let route = Route.Records.leads
    static let entity = "lead"
    static let schema = "Lead"
    static let title = "lead.list"
    static let doc = RecordDoc(
        tag: "pipeline", access: "GM, market manager, business assistant; a sales rep his own", list: "Leads (线索)",
        listZh: "线索列表",
        plural: "Leads", exportZh: "导出线索", one: "One lead, the customer it matches, and the steps open to the caller",
        oneZh: "线索详情",
        historyZh: "线索记录")

    static var filter: LeadFilter { LeadFilter() }
    static var filters: [ListFilter<LeadFilter>] {
        [
            .search(\.q, "Number, company, contact, phone or e-mail."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .choice("source", \.source, "Source.", label: "lead.source") { $0.labelKey },
            .id("owner_id", \.ownerId, "Owner.", label: "lead.owner"),
            .flag("unowned", \.unowned, "Only those nobody owns yet.", label: "lead.unowned_only"),
            .flag("due", \.due, "Only open ones due for follow-up today or before.", label: "lead.due_only"),
        ]
    }
    static let sorting = ListSorting.named(LeadFilter.sorts, default: "-created_at")

    static func fetch(_ store: Store, _ f: LeadFilter, _ q: ListQuery, before: Int64?, for actor: Actor) async throws
        -> Listing<Record>
    {
        try await store.leads(f, q, before: before, for: actor)
    }
    static func item(_ r: Record, _ c: Reading) -> DTO.Lead { DTO.Lead(r, names: c.names) }
    static func subject(_ store: Store, id: Int64, for actor: Actor) async throws -> LeadProcess.Subject? {
        try await store.leadSubject(id: id, for: actor)
    }
    static func record(_ s: LeadProcess.Subject) -> Record { s.lead }
    static func present(_ s: LeadProcess.Subject, _ c: Reading, actions: [ProcessAPI.Offer]) -> DTO.LeadDetail {
        DTO.LeadDetail(lead: item(s.lead, c), match: nil, actions: actions)
    }

    /// The detail with the customer an open lead's company already is.
    static func detail(_ req: Request, id: Int64, for actor: Actor) async throws -> (
        detail: DTO.LeadDetail, version: Int
    ) {
        guard let s = try await subject(req.store, id: id, for: actor) else { throw DomainError.notFound }
        var d = present(
            s, try await Reading.load(req, Self.self), actions: ProcessAPI.offers(LeadProcess.self, s, actor: actor))
        if s.lead.state == .open, let m = try await req.store.leadMatch(s.lead) {
            d.match = DTO.LeadMatch(customerId: m.customerId, name: m.name, ownerId: m.ownerId, ownerName: m.ownerName)
        }
        return (d, s.lead.version)
    }

    static func canBrowse(_ actor: Actor) -> Bool { LeadAccess.canBrowse(actor) }
    static var pageOrder: ListQuery { ListQuery(sortField: "created_at", descending: true) }
    static var pageColumns: [PageColumn<Record>] {
        [
            .init("lead.number") { l, r in r.number(l.number) }, .init("lead.company") { l, _ in "\(l.company)" },
            .init("lead.contact_name", "opt") { l, _ in "\(l.contactName)" },
            .init("lead.source", "opt") { l, r in "\(r.t(l.source.labelKey))" },
            .init("lead.owner", "opt") { l, r in "\(l.ownerId == nil ? r.t("lead.unowned") : r.name(l.ownerId))" },
            .init("lead.next_follow_up", "opt") { l, _ in "\(l.nextFollowUp.isEmpty ? "—" : l.nextFollowUp)" },
            .init("col.status") { l, r in LeadPages.stateBadge(r.req, l.state) },
        ]
    }

    static var columns: [ExportColumn<Record>] {
        [
            .init("lead.number") { l, _ in l.number }, .init("lead.source") { l, r in r.t(l.source.labelKey) },
            .init("lead.company") { l, _ in l.company },
            .init("lead.contact_name") { l, _ in l.contactName }, .init("lead.phone") { l, _ in l.phone },
            .init("lead.email") { l, _ in l.email },
            .init("lead.need") { l, _ in l.need }, .init("lead.owner") { l, r in r.name(l.ownerId) },
            .init("lead.next_follow_up") { l, _ in l.nextFollowUp },
            .init("lead.state") { l, r in r.t(l.state.labelKey) },
            .init("lead.discard_reason") { l, _ in l.discardReason },
            .init("lead.created") { l, _ in DateText.minute(l.createdAt / 1000) },
        ]
    }
}

extension Input {
    func lead() throws -> LeadInput {
        var e: [FieldError] = []
        let d = LeadInput(
            source: string("source", &e), company: string("company", &e), contactName: string("contact_name", &e),
            phone: string("phone", &e),
            email: string("email", &e), need: string("need", &e), regionId: string("region_id", &e),
            ownerId: string("owner_id", &e),
            nextFollowUp: string("next_follow_up", &e))
        try Input.check(e)
        return d
    }
}

extension DTO {
    struct Lead: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, source, company, contactName = "contact_name", phone, email, need, regionId = "region_id",
                ownerId = "owner_id"
            case ownerName = "owner_name", nextFollowUp = "next_follow_up", state, discardReason = "discard_reason",
                customerId = "customer_id"
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
            id = l.id; number = l.number; source = l.source.rawValue; company = l.company; contactName = l.contactName;
            phone = l.phone; email = l.email
            need = l.need; regionId = l.regionId; ownerId = l.ownerId; ownerName = l.ownerId.flatMap { names[$0] };
            nextFollowUp = l.nextFollowUp
            state = l.state.rawValue; discardReason = l.discardReason; customerId = l.customerId;
            opportunityId = l.opportunityId; version = l.version
            createdAt = DTO.iso(millis: l.createdAt); updatedAt = DTO.iso(millis: l.updatedAt)
        }
    }

    struct LeadMatch: Encodable {
        enum CodingKeys: String, CodingKey {
            case customerId = "customer_id", name, ownerId = "owner_id", ownerName = "owner_name"
        }
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
