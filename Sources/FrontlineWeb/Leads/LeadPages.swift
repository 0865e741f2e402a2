import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The lead pages (线索): the list, the form that records one, the lead with the customer it matches, its steps and
/// history; and the public form (`/lead-form`) a company web site links to or frames.
enum LeadPages {
    static func register(_ app: Application) {
        app.get("leads", use: list)
        app.get("leads", "new", use: newForm)
        app.post("leads", use: create)
        app.get("leads", ":id", use: show)
        app.post("leads", ":id", "edit", use: edit)
        ProcessPages.register(
            app, LeadProcess.self, route: "leads",
            act: { req, id, action, input, version in
                let l = try await req.store.actOnLead(id: id, action, input, version: version, by: try req.actor())
                if action == .qualify, let o = l.opportunityId { return "/opportunities/\(o)" }
                return "/leads/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
        app.get("lead-form", use: publicForm)
        app.post("lead-form", use: publicSubmit)
    }

    static func stateBadge(_ req: Request, _ s: Lead.State) -> HTML {
        Pages.badge(req.t(s.labelKey), s == .qualified ? "ok" : (s == .discarded ? "" : "warn"))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, LeadKind.self)
        let list = Route.page(.leads)
        let view = ListPages.view(
            req, m, buttons: [ListPages.button(true, list + "/new", req.t("lead.new"), primary: true)],
            choices: try await OpportunityPages.ownerChoices(req, actor),
            hide: LeadAccess.mayAssign(actor) ? [] : ["unowned"])
        return Pages.page(req, title: req.t(LeadKind.title), active: list, view)
    }

    static func factFields(
        _ req: Request, values: [String: String], errors: [FieldError], regions: [Region], reps: [User],
        withSource: Bool
    ) -> HTML {
        """
        \(withSource ? Pages.select(req, "source", label: req.t("lead.source"), options: Lead.Source.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: values["source"] ?? "frontline", errors: errors, required: true) : "")
        \(Pages.field(req, "company", label: req.t("lead.company"), value: values["company"] ?? "", errors: errors, required: true))
        \(Pages.field(req, "contact_name", label: req.t("lead.contact_name"), value: values["contact_name"] ?? "", errors: errors))
        \(Pages.field(req, "phone", label: req.t("lead.phone"), value: values["phone"] ?? "", errors: errors, type: "tel"))
        \(Pages.field(req, "email", label: req.t("lead.email"), value: values["email"] ?? "", errors: errors, type: "email"))
        \(Pages.field(req, "need", label: req.t("lead.need"), value: values["need"] ?? "", errors: errors, type: "textarea"))
        \(Pages.select(req, "region_id", label: req.t("lead.region"), options: [("", "—")] + regions.map { (String($0.id), $0.name) }, selected: values["region_id"] ?? "", errors: errors))
        \(reps.isEmpty ? "" : Pages.select(req, "owner_id", label: req.t("lead.owner"), options: [("", req.t("lead.unowned"))] + reps.map { (String($0.id), $0.displayName) }, selected: values["owner_id"] ?? "", errors: errors))
        \(Pages.field(req, "next_follow_up", label: req.t("lead.next_follow_up"), value: values["next_follow_up"] ?? "", errors: errors, type: "date"))
        """
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(req, values: [:], errors: [], error: nil)
    }

    static func form(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard LeadAccess.canCreate(actor) else { throw DomainError.forbidden }
        let reps = LeadAccess.mayAssign(actor) ? try await OpportunityPages.reps(req, actor) : []
        return Pages.page(
            req, title: req.t("lead.new"), active: "/leads", status: status,
            """
            <h1>\(req.t("lead.new"))</h1>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/leads" novalidate id="lead-form">\(Pages.csrfField(req))
            \(factFields(req, values: values, errors: errors, regions: try await req.store.regions(), reps: reps, withSource: true))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("lead.new"))</button></div></form>
            """)
    }

    static func posted(_ req: Request, fields: Set<String>) throws -> (LeadInput, [String: String]) {
        let posted = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for k in fields where k != "version" { values[k] = posted.string(k, &e) ?? "" }
        var input = try posted.lead()
        if (values["owner_id"] ?? "").isEmpty { input.ownerId = nil }
        return (input, values)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (input, values) = try posted(req, fields: LeadInput.createFields)
        do {
            let l = try await req.store.createLead(input, by: actor)
            return Pages.redirect(req, "/leads/\(l.id)")
        } catch let err as DomainError
            where err.kind != .notFound && err.kind != .unauthenticated
            && !(err.kind == .forbidden && !LeadAccess.canCreate(actor))
        {
            return try await form(req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.lead(id: id, for: actor) != nil else { throw DomainError.notFound }
        let (input, _) = try posted(req, fields: LeadInput.changeFields)
        var e: [FieldError] = []
        let version = Int(try Input.form(req).string("version", &e) ?? "") ?? 0
        do {
            _ = try await req.store.updateLead(id: id, version: version, input, by: actor)
            return Pages.redirect(req, "/leads/\(id)")
        } catch let err as DomainError where err.kind != .notFound && err.kind != .unauthenticated {
            return try await page(req, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.leadSubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let l = s.lead
        let names = try await req.userNames()
        let regions = try await req.store.regions()
        let match = l.state == .open ? try await req.store.leadMatch(l) : nil
        let offers = ProcessEngine.offers(LeadProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, LeadProcess.self, route: "leads", id: l.id, version: s.version, offers: offers,
            errors: error?.fields ?? []
        ) { f, errors in
            switch f {
            case .ownerId:
                return Pages.select(
                    req, "owner_id", label: req.t("lead.owner"),
                    options: s.reps.sorted { $0.value < $1.value }.map { (String($0.key), $0.value) }, selected: "",
                    errors: errors, required: true)
            case .date:
                return Pages.field(
                    req, "date", label: req.t("lead.next_follow_up"), value: "", errors: errors, type: "date")
            case .title:
                return Pages.field(
                    req, "title", label: req.t("opportunity.title"), value: "", errors: errors, hint: req.t("lead.need")
                )
            case .amount:
                return Pages.field(
                    req, "amount", label: req.t("opportunity.amount"), value: "", errors: errors,
                    attrs: " inputmode=\"decimal\"")
            case .reason:
                return Pages.field(
                    req, "reason", label: req.t("lead.discard_reason"), value: "", errors: errors, required: true,
                    type: "textarea")
            default: return nil
            }
        }
        let values: [String: String] = [
            "company": l.company, "contact_name": l.contactName, "phone": l.phone, "email": l.email, "need": l.need,
            "region_id": l.regionId.map(String.init) ?? "",
            "next_follow_up": l.nextFollowUp,
        ]
        let editForm: HTML =
            l.state == .open
            ? """
            <details class="card"><summary>\(req.t("lead.edit"))</summary>
            <form class="stack" method="post" action="/leads/\(l.id)/edit" novalidate id="lead-edit">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(l.version)">
            \(factFields(req, values: values, errors: error?.fields ?? [], regions: regions, reps: [], withSource: false))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("lead.save"))</button></div></form></details>
            """ : ""
        let history = try await req.store.history(LeadProcess.name, l.id)
        return Pages.page(
            req, title: l.number, active: "/leads", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("lead.title")) \(l.number) · \(l.company)</h1>
            <div class="meta">\(stateBadge(req, l.state))<span>\(req.t(l.source.labelKey))</span><span>\(l.ownerId.flatMap { names[$0] } ?? req.t("lead.unowned"))</span></div></div></div>
            \(Pages.alert(req, error))
            \(match.map { m -> HTML in
                let dispute: HTML = DisputeAccess.canRaise(actor) && m.ownerId != nil && m.ownerId != actor.id
                    ? " <a class=\"btn\" href=\"/disputes/new?customer_id=\(m.customerId)\">\(req.t("dispute.new"))</a>" : ""
                return "<div class=\"alert warn\" id=\"lead-match\">\(req.t("lead.matches", ["name": m.name, "owner": m.ownerName]))\(dispute)</div>"
            } ?? "")
            <div class="cols"><div>
              <div class="card"><dl class="props" id="lead-facts">
                <dt>\(req.t("lead.contact_name"))</dt><dd>\(l.contactName.isEmpty ? "—" : l.contactName)</dd>
                <dt>\(req.t("lead.phone"))</dt><dd>\(l.phone.isEmpty ? "—" : l.phone)</dd>
                <dt>\(req.t("lead.email"))</dt><dd>\(l.email.isEmpty ? "—" : l.email)</dd>
                <dt>\(req.t("lead.need"))</dt><dd>\(l.need.isEmpty ? "—" : l.need)</dd>
                <dt>\(req.t("lead.region"))</dt><dd>\(l.regionId.flatMap { id in regions.first { $0.id == id }?.name } ?? "—")</dd>
                <dt>\(req.t("lead.next_follow_up"))</dt><dd>\(l.nextFollowUp.isEmpty ? "—" : l.nextFollowUp)</dd>
                \(l.discardReason.isEmpty ? "" : "<dt>\(req.t("lead.discard_reason"))</dt><dd>\(l.discardReason)</dd>" as HTML)
                \(l.customerId.map { "<dt>\(req.t("lead.customer"))</dt><dd><a href=\"/customers/\($0)\">#\($0)</a></dd>" as HTML } ?? "")
                \(l.opportunityId.map { "<dt>\(req.t("lead.opportunity"))</dt><dd><a href=\"/opportunities/\($0)\">#\($0)</a></dd>" as HTML } ?? "")
                <dt>\(req.t("lead.created"))</dt><dd>\(DateText.minute(l.createdAt / 1000))</dd>
              </dl></div>
              \(editForm)
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, LeadProcess.name, history))</div></div>
            """)
    }

    // MARK: The public form

    /// May be framed by the company's own site; everything else about the page's policy stays as strict.
    static let framePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors *; form-action 'self'; base-uri 'none'; object-src 'none'"

    static func publicPage(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?, thanks: Bool,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let body: HTML =
            thanks
            ? "<div class=\"card\" id=\"lead-thanks\"><h1>\(req.t("lead.form_title"))</h1><p>\(req.t("lead.form_thanks"))</p></div>"
            : """
            <div class="card"><h1>\(req.t("lead.form_title"))</h1><p class="muted">\(req.t("lead.form_intro"))</p>
            \(Pages.alert(req, error))
            <form class="stack" method="post" action="/lead-form" novalidate id="public-lead-form"><input type="hidden" name="form_token" value="\(LeadForm.token(now: Store.nowSeconds()))">
            \(Pages.field(req, "company", label: req.t("lead.company"), value: values["company"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "contact_name", label: req.t("lead.contact_name"), value: values["contact_name"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "phone", label: req.t("lead.phone"), value: values["phone"] ?? "", errors: errors, type: "tel"))
            \(Pages.field(req, "email", label: req.t("lead.email"), value: values["email"] ?? "", errors: errors, type: "email"))
            \(Pages.field(req, "need", label: req.t("lead.need"), value: values["need"] ?? "", errors: errors, type: "textarea"))
            <div class="hp" aria-hidden="true"><label for="f-website">\(req.t("lead.form_website"))</label><input id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
            <div class="actions"><button class="btn primary" type="submit">\(req.t("lead.form_send"))</button></div></form></div>
            """
        let res = Pages.page(req, title: req.t("lead.form_title"), status: status, body)
        res.headers.replaceOrAdd(name: "Content-Security-Policy", value: framePolicy)
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "ALLOWALL")
        return res
    }

    static func publicForm(_ req: Request) async throws -> Response {
        publicPage(req, values: [:], errors: [], error: nil, thanks: req.query("sent") == "1")
    }

    static func publicSubmit(_ req: Request) async throws -> Response {
        let posted = try Input.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for k in ["company", "contact_name", "phone", "email", "need"] { values[k] = posted.string(k, &e) ?? "" }
        do {
            _ = try await LeadForm.take(req, posted)
            return Pages.redirect(req, "/lead-form?sent=1")
        } catch let err as DomainError
            where err.kind == .validation || err.kind == .badRequest || err.kind == .throttled
        {
            let res = publicPage(
                req, values: values, errors: err.fields, error: err, thanks: false, status: Pages.refusalStatus(err))
            if let wait = err.retryAfter { res.headers.replaceOrAdd(name: .retryAfter, value: String(wait)) }
            return res
        }
    }
}
