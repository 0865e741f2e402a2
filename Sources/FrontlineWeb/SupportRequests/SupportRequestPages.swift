import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The pre-sales support pages (销售支持): the list, the rep's form, and the request with its booking, any conflict
/// and the steps open to the reader.
enum SupportRequestPages {
    static func register(_ app: Application) {
        app.get("support-requests", use: list)
        app.get("support-requests", "new", use: newForm)
        app.post("support-requests", use: create)
        app.get("support-requests", ":id", use: show)
        ProcessPages.register(
            app, SupportRequestProcess.self, route: "support-requests",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnSupportRequest(
                    id: id, action, input, version: version, by: try req.actor())
                return "/support-requests/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
    }

    static func stateBadge(_ req: Request, _ s: SupportRequest.State) -> HTML {
        let kind =
            switch s {
            case .done: "ok"
            case .endorsed, .scheduled: "warn"
            case .declined, .returned: "bad"
            case .submitted, .cancelled: ""
            }
        return Pages.badge(req.t(s.labelKey), kind)
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, SupportRequestKind.self)
        let list = Route.page(.supportRequests)
        let buttons = [
            ListPages.button(SupportAccess.canAsk(actor), list + "/new", req.t("support.new"), primary: true),
            ListPages.button(true, list + "?conflicts=true", req.t("support.filter_conflicts")),
        ]
        let conflicting = try await req.store.conflictingSupportIds()
        return Pages.page(
            req, title: req.t(SupportRequestKind.title), active: list,
            ListPages.view(req, m, buttons: buttons, flagged: conflicting))
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(
            req,
            values: [
                "customer_id": req.query("customer_id") ?? "", "tender_id": req.query("tender_id") ?? "", "hours": "2",
            ], errors: [], error: nil)
    }

    static func form(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard SupportAccess.canAsk(actor) else { throw DomainError(.forbidden, .whoAsks("support.reps_ask")) }
        var customers: [(value: String, label: String)] = [("", "—")]
        let listed = try await req.store.customers(
            CustomerFilter(ownerId: actor.has(.marketManager) ? nil : actor.id),
            ListQuery(limit: 200, sortField: "name"), for: actor)
        customers += listed.items.filter { !$0.customer.archived }.map { (String($0.customer.id), $0.customer.name) }
        var tenders: [(value: String, label: String)] = [("", "—")]
        if let cid = Int64(values["customer_id"] ?? "") {
            for t in try await req.store.tenders(TenderFilter(customerId: cid), limit: 100, for: actor).items {
                tenders.append((String(t.tender.id), "\(t.tender.number) \(t.tender.title)"))
            }
        }
        return Pages.page(
            req, title: req.t("support.new"), active: "/support-requests", status: status,
            """
            <h1>\(req.t("support.new"))</h1>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/support-requests" novalidate id="support-request-form">\(Pages.csrfField(req))
            \(Pages.picker(req, "customer_id", kind: .customer, label: req.t("support.customer"), options: customers, selected: values["customer_id"] ?? "", errors: errors, required: true))
            \(Pages.select(req, "kind", label: req.t("support.kind"), options: SupportRequest.Kind.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: values["kind"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "title", label: req.t("support.subject"), value: values["title"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "detail", label: req.t("support.detail"), value: values["detail"] ?? "", errors: errors, type: "textarea"))
            \(Pages.select(req, "tender_id", label: req.t("support.tender"), options: tenders, selected: values["tender_id"] ?? "", errors: errors))
            \(Pages.field(req, "wished_at", label: req.t("support.wished_at"), value: values["wished_at"] ?? "", errors: errors, required: true, type: "datetime-local"))
            \(Pages.field(req, "hours", label: req.t("support.hours"), value: values["hours"] ?? "", errors: errors, required: true, type: "number", attrs: " min=\"1\" max=\"80\""))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("support.new"))</button></div></form>
            """)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let posted = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for k in SupportRequestRoutes.createFields { values[k] = posted.string(k, &e) ?? "" }
        do {
            let r = try await req.store.createSupportRequest(try posted.supportRequest(), by: actor)
            return Pages.redirect(req, "/support-requests/\(r.id)")
        } catch let err as DomainError
            where err.kind != .notFound && err.kind != .unauthenticated
            && !(err.kind == .forbidden && !SupportAccess.canAsk(actor))
        {
            return try await form(req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.supportSubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let r = s.request
        let names = Dictionary(uniqueKeysWithValues: s.people.map { ($0.id, $0.displayName) })
        let offers = ProcessEngine.offers(SupportRequestProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, SupportRequestProcess.self, route: "support-requests", id: r.id, version: s.version, offers: offers,
            errors: error?.fields ?? []
        ) { f, errors in
            guard f == .engineerId else { return nil }
            let engineers = s.people.filter(\.isServiceStaff)
            return Pages.select(
                req, "engineer_id", label: req.t("support.engineer"),
                options: engineers.map { (String($0.id), $0.displayName) },
                selected: r.engineerId.map(String.init) ?? "", errors: errors, required: true)
        }
        let history = try await req.store.history(SupportRequestProcess.name, r.id)
        let conflict: HTML =
            s.conflicts.isEmpty
            ? ""
            : """
            <p class="alert" id="conflict" role="alert">\(req.t("support.conflict_with", ["name": r.engineerId.flatMap { names[$0] } ?? "", "others": s.conflicts.map { "\($0.number)（\(DateText.minute(($0.startsAt ?? 0) / 1000))）" }.joined(separator: "、")]))
            \(HTML.join(s.conflicts.map { "<a href=\"/support-requests/\($0.id)\">\($0.number)</a> " as HTML }))</p>
            """
        return Pages.page(
            req, title: r.number, active: "/support-requests", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("support.title")) \(r.number)</h1>
            <div class="meta">\(stateBadge(req, r.state))<span>\(req.t(r.kind.labelKey))</span><span><a href="/customers/\(r.customerId)">\(r.customerName)</a></span>
            \(r.tenderId.map { "<span><a href=\"/tenders/\($0)\">\(r.tenderNumber)</a></span>" as HTML } ?? "")</div></div></div>
            \(SalesPages.stepBar(req, process: SupportRequestProcess.name, path: ["submitted", "endorsed", "scheduled", "done"], current: r.state.rawValue, history: history))
            \(Pages.alert(req, error))
            \(conflict)
            <div class="cols"><div>
              <div class="card"><h2>\(r.title)</h2><p>\(r.detail)</p><dl class="props" id="support-facts">
                <dt>\(req.t("support.requester"))</dt><dd>\(r.requesterName)</dd>
                <dt>\(req.t("support.wished_at"))</dt><dd>\(r.wishedAt) · \(r.hours) h</dd>
                <dt>\(req.t("support.engineer"))</dt><dd>\(r.engineerId.flatMap { names[$0] } ?? "—")</dd>
                <dt>\(req.t("support.booking"))</dt><dd id="booking">\(r.startsAt.map { DateText.minute($0 / 1000) + " – " + DateText.minute((r.endsAt ?? $0) / 1000) } ?? "—")</dd>
              </dl></div>
              \(r.outcome.isEmpty ? "" : "<div class=\"card\" id=\"outcome\"><h3>\(req.t("support.outcome"))</h3><p>\(r.outcome)</p></div>" as HTML)
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, SupportRequestProcess.name, history))</div></div>
            """)
    }
}
