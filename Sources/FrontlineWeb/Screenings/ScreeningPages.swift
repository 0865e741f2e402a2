import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The customer screening pages (筛选客户): the list, the form the market manager proposes one with (reached from the
/// customer's page, `?customer_id=`), and the proposal with the GM's decision.
enum ScreeningPages {
    static func register(_ app: Application) {
        app.get("screenings", use: list)
        app.get("screenings", "new", use: newForm)
        app.post("screenings", use: create)
        app.get("screenings", ":id", use: show)
        ProcessPages.register(
            app, ScreeningProcess.self, route: "screenings",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnScreening(id: id, action, input, version: version, by: try req.actor())
                return "/screenings/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
    }

    static func stateBadge(_ req: Request, _ s: Screening.State) -> HTML {
        Pages.badge(req.t(s.labelKey), s == .proposed ? "warn" : (s == .approved ? "ok" : ""))
    }

    /// What is proposed, as people read it: 调整客户等级 B → A.
    static func proposal(_ req: Request, _ s: Screening) -> String {
        switch s.outcome {
        case .tier:
            return req.t(s.outcome.labelKey) + " " + req.t(s.tierBefore.labelKey) + " → "
                + (s.tier.map { req.t($0.labelKey) } ?? "")
        case .status:
            return req.t(s.outcome.labelKey) + " " + req.t(s.statusBefore.labelKey) + " → "
                + (s.status.map { req.t($0.labelKey) } ?? "")
        case .archive: return req.t(s.outcome.labelKey)
        }
    }

    static func list(_ req: Request) async throws -> Response {
        let m = try await ListPages.model(req, ScreeningKind.self)
        return Pages.page(
            req, title: req.t(ScreeningKind.title), active: Route.page(.screenings), ListPages.view(req, m))
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(
            req, values: ["customer_id": req.query("customer_id") ?? "", "outcome": "tier"], errors: [], error: nil)
    }

    static func form(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard ScreeningAccess.canPropose(actor) else { throw DomainError(.forbidden, .whoAsks("screening.managers")) }
        var customer: Customer?
        if let id = Int64(values["customer_id"] ?? ""), let item = try await req.store.customer(id: id, for: actor),
            !item.customer.archived
        {
            customer = item.customer
        }
        let now: HTML =
            customer.map {
                "<p><b>\(req.t("screening.customer"))：</b>\($0.name) · \(req.t("screening.before"))：\(req.t($0.tier.labelKey)) / \(req.t($0.status.labelKey))</p>"
            }
            ?? "<p class=\"muted\">—</p>"
        return Pages.page(
            req, title: req.t("screening.new"), active: "/screenings", status: status,
            """
            <h1>\(req.t("screening.new"))</h1>
            <p class="muted">\(req.t("screening.intro"))</p>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/screenings" novalidate id="screening-form">\(Pages.csrfField(req))
            <input type="hidden" name="customer_id" value="\(values["customer_id"] ?? "")">\(now)
            \(Pages.select(req, "outcome", label: req.t("screening.outcome"), options: Screening.Outcome.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: values["outcome"] ?? "tier", errors: errors, required: true))
            \(Pages.select(req, "tier", label: req.t("screening.tier"), options: [("", "—")] + CustomerTier.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: values["tier"] ?? "", errors: errors))
            \(Pages.select(req, "status", label: req.t("screening.status"), options: [("", "—")] + CustomerStatus.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: values["status"] ?? "", errors: errors))
            \(Pages.field(req, "reason", label: req.t("screening.reason"), value: values["reason"] ?? "", errors: errors, required: true, type: "textarea"))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("screening.new"))</button></div></form>
            """)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let posted = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for name in ScreeningInput.fields { values[name] = posted.string(name, &e) ?? "" }
        try Input.check(e)
        let input = ScreeningInput(
            customerId: values["customer_id"], outcome: values["outcome"], tier: values["tier"],
            status: values["status"], reason: values["reason"])
        do {
            let s = try await req.store.proposeScreening(input, by: actor)
            return Pages.redirect(req, "/screenings/\(s.id)")
        } catch let err as DomainError where err.kind == .validation || err.kind == .duplicate || err.kind == .conflict
        {
            return try await form(req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.screeningSubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let p = s.screening
        let names = try await req.userNames()
        let offers = ProcessEngine.offers(ScreeningProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, ScreeningProcess.self, route: "screenings", id: p.id, version: s.version, offers: offers,
            errors: error?.fields ?? [])
        let history = try await req.store.history(ScreeningProcess.name, p.id)
        return Pages.page(
            req, title: p.number, active: "/screenings", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("screening.title")) \(p.number)</h1>
            <div class="meta">\(stateBadge(req, p.state))<span><a href="/customers/\(p.customerId)">\(p.customerName)</a></span></div></div></div>
            \(Pages.alert(req, error))
            <div class="cols"><div>
              <div class="card"><dl class="props" id="screening-facts">
                <dt>\(req.t("screening.outcome"))</dt><dd>\(proposal(req, p))</dd>
                <dt>\(req.t("screening.proposer"))</dt><dd>\(names[p.proposerId] ?? "—")</dd>
                <dt>\(req.t("screening.reason"))</dt><dd>\(p.reason)</dd>
                \(p.decision.isEmpty ? "" : "<dt>\(req.t("screening.decision"))</dt><dd>\(p.decision)</dd>" as HTML)
              </dl></div>
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, ScreeningProcess.name, history))</div></div>
            """)
    }
}
