import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The ownership dispute pages (工作争议): the list, the form a rep raises one with (reached from a lead that matches
/// another rep's customer, or with `?customer_id=`), and the dispute with the market manager's decision.
enum DisputePages {
    static func register(_ app: Application) {
        app.get("disputes", use: list)
        app.get("disputes", "new", use: newForm)
        app.post("disputes", use: create)
        app.get("disputes", ":id", use: show)
        ProcessPages.register(
            app, DisputeProcess.self, route: "disputes",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnDispute(id: id, action, input, version: version, by: try req.actor())
                return "/disputes/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
    }

    static func stateBadge(_ req: Request, _ s: Dispute.State) -> HTML {
        Pages.badge(req.t(s.labelKey), s == .open ? "warn" : (s == .awarded ? "ok" : ""))
    }

    static func list(_ req: Request) async throws -> Response {
        let m = try await ListPages.model(req, DisputeKind.self)
        return Pages.page(req, title: req.t(DisputeKind.title), active: Route.page(.disputes), ListPages.view(req, m))
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(req, values: ["customer_id": req.query("customer_id") ?? ""], errors: [], error: nil)
    }

    static func form(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard DisputeAccess.canRaise(actor) else { throw DomainError(.forbidden, .whoAsks("dispute.reps_raise")) }
        // The customer is named by id: a rep cannot read another rep's customer, so he does not choose from a list.
        var name = ""
        if let id = Int64(values["customer_id"] ?? ""),
            let n = try await req.store.disputableCustomerName(id: id, for: actor)
        {
            name = n
        }
        return Pages.page(
            req, title: req.t("dispute.new"), active: "/disputes", status: status,
            """
            <h1>\(req.t("dispute.new"))</h1>
            <p class="muted">\(req.t("dispute.intro"))</p>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/disputes" novalidate id="dispute-form">\(Pages.csrfField(req))
            <input type="hidden" name="customer_id" value="\(values["customer_id"] ?? "")">
            <p><b>\(req.t("dispute.customer"))：</b>\(name.isEmpty ? "—" : name)</p>
            \(Pages.field(req, "reason", label: req.t("dispute.reason"), value: values["reason"] ?? "", errors: errors, required: true, type: "textarea"))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("dispute.new"))</button></div></form>
            """)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let posted = try Pages.form(req)
        var e: [FieldError] = []
        let values = [
            "customer_id": posted.string("customer_id", &e) ?? "", "reason": posted.string("reason", &e) ?? "",
        ]
        do {
            let d = try await req.store.raiseDispute(
                customerId: values["customer_id"], reason: values["reason"], by: actor)
            return Pages.redirect(req, "/disputes/\(d.id)")
        } catch let err as DomainError where err.kind == .validation || err.kind == .duplicate || err.kind == .conflict
        {
            return try await form(req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.disputeSubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let d = s.dispute
        let names = try await req.userNames()
        let offers = ProcessEngine.offers(DisputeProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, DisputeProcess.self, route: "disputes", id: d.id, version: s.version, offers: offers,
            errors: error?.fields ?? [])
        let history = try await req.store.history(DisputeProcess.name, d.id)
        let customer: HTML =
            DisputeAccess.readsAll(actor) || s.currentOwnerId == actor.id
            ? "<a href=\"/customers/\(d.customerId)\">\(d.customerName)</a>" : "\(d.customerName)"
        return Pages.page(
            req, title: d.number, active: "/disputes", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("dispute.title")) \(d.number)</h1>
            <div class="meta">\(stateBadge(req, d.state))<span>\(customer)</span></div></div></div>
            \(Pages.alert(req, error))
            <div class="cols"><div>
              <div class="card"><dl class="props" id="dispute-facts">
                <dt>\(req.t("dispute.claimant"))</dt><dd>\(names[d.claimantId] ?? "—")</dd>
                <dt>\(req.t("dispute.owner"))</dt><dd>\(names[d.ownerId] ?? "—")</dd>
                <dt>\(req.t("dispute.reason"))</dt><dd>\(d.reason)</dd>
                \(d.decision.isEmpty ? "" : "<dt>\(req.t("dispute.decision"))</dt><dd>\(d.decision)</dd>" as HTML)
              </dl></div>
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, DisputeProcess.name, history))</div></div>
            """)
    }
}
