import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The gift register pages (馈赠登记): the list, the form one declares a gift with, the entry with the business
/// assistant's confirmation, and the GM's register for a period with its totals.
enum GiftPages {
    static func register(_ app: Application) {
        app.get("gifts", use: list)
        app.get("gifts", "new", use: newForm)
        app.post("gifts", use: create)
        app.get("gifts", "register", use: periodRegister)
        app.get("gifts", ":id", use: show)
        ProcessPages.register(
            app, GiftProcess.self, route: "gifts",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnGift(id: id, action, input, version: version, by: try req.actor())
                return "/gifts/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
    }

    static func stateBadge(_ req: Request, _ s: Gift.State) -> HTML {
        Pages.badge(req.t(s.labelKey), s == .declared ? "warn" : "ok")
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, GiftKind.self)
        let list = Route.page(.gifts)
        let buttons = [
            ListPages.button(GiftAccess.canDeclare(actor), list + "/new", req.t("gift.new"), primary: true),
            ListPages.button(GiftAccess.readsAll(actor), list + "/register", req.t("gift.register")),
        ]
        return Pages.page(req, title: req.t(GiftKind.title), active: list, ListPages.view(req, m, buttons: buttons))
    }

    /// The GM's register: every entry offered in the period, the totals by kind, state and person.
    static func periodRegister(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard GiftAccess.readsAll(actor) else { throw DomainError.forbidden }
        let (from, to): (String, String)
        do { (from, to) = try GiftRoutes.period(req) } catch {
            let month = PlanPeriod.current(.month, today: DateText.today())
            (from, to) = (month, try PlanPeriod.bounds(.month, start: month).end)
        }
        let r = try await req.store.giftRegister(from: from, to: to, for: actor)
        let names = try await req.userNames()
        let rows = r.entries.map { g -> HTML in
            """
            <tr><td><a href="/gifts/\(g.id)">\(g.number)</a></td><td>\(g.offeredOn)</td><td>\(names[g.declarantId] ?? "—")</td><td>\(g.customerName)</td>
            <td>\(req.t(g.kind.labelKey))</td><td>\(g.description)</td><td class="num">¥\(g.value.decimalString)</td><td>\(stateBadge(req, g.state))</td></tr>
            """
        }
        func totals(_ pairs: [(String, GiftRegister.Total)]) -> HTML {
            HTML.join(
                pairs.map {
                    "<tr><td>\($0.0)</td><td class=\"num\">\(String($0.1.count))</td><td class=\"num\">¥\($0.1.value.decimalString)</td></tr>"
                })
        }
        let byPerson = r.byDeclarant.sorted { $0.value.value.fen > $1.value.value.fen }.map {
            (names[$0.key] ?? "—", $0.value)
        }
        return Pages.page(
            req, title: req.t("gift.register"), active: "/gifts",
            """
            <div class="toolbar"><h1>\(req.t("gift.register"))</h1><div class="actions"><a class="btn" href="/gifts">\(req.t("gift.list"))</a>
            <a class="btn" href="/gifts/export?from=\(from)&to=\(to)&format=xlsx">\(req.t("export.xlsx"))</a></div></div>
            <p class="muted">\(req.t("gift.register_intro"))</p>
            <form class="filters" method="get" action="/gifts/register">
              <label>\(req.t("visit.from"))<input type="date" name="from" value="\(from)"></label>
              <label>\(req.t("visit.to"))<input type="date" name="to" value="\(to)"></label>
              <button class="btn" type="submit">\(req.t("filter.apply"))</button></form>
            <div class="grid"><div class="stat" id="gift-total"><b>¥\(r.total.value.decimalString)</b><span>\(req.t("gift.total"))：\(String(r.total.count))</span></div></div>
            <div class="grid"><div class="card"><h2>\(req.t("gift.by_kind"))</h2><table class="data" id="gift-by-kind"><tbody>
            \(totals(Gift.Kind.allCases.map { (req.t($0.labelKey), r.byKind[$0] ?? .init()) }))</tbody></table></div>
            <div class="card"><h2>\(req.t("gift.by_state"))</h2><table class="data" id="gift-by-state"><tbody>
            \(totals(Gift.State.allCases.map { (req.t($0.labelKey), r.byState[$0] ?? .init()) }))</tbody></table></div>
            <div class="card"><h2>\(req.t("gift.by_declarant"))</h2><table class="data" id="gift-by-person"><tbody>\(totals(byPerson))</tbody></table></div></div>
            <div class="table-wrap"><table class="data" id="gift-register"><thead><tr><th>\(req.t("gift.number"))</th><th>\(req.t("gift.offered_on"))</th>
            <th>\(req.t("gift.declarant"))</th><th>\(req.t("gift.customer"))</th><th>\(req.t("gift.kind"))</th><th>\(req.t("gift.description"))</th>
            <th class="num">\(req.t("gift.value"))</th><th>\(req.t("col.status"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"8\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
            """)
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(
            req,
            values: ["customer_id": req.query("customer_id") ?? "", "offered_on": DateText.today(), "kind": "gift"],
            errors: [], error: nil)
    }

    static func form(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard GiftAccess.canDeclare(actor) else { throw DomainError(.forbidden, .whoAsks("gift.declarers")) }
        let customers = try await req.store.customers(
            CustomerFilter(), ListQuery(limit: 200, sortField: "name"), for: actor
        ).items.map { (String($0.customer.id), $0.customer.name) }
        return Pages.page(
            req, title: req.t("gift.new"), active: "/gifts", status: status,
            """
            <h1>\(req.t("gift.new"))</h1>
            <p class="muted">\(req.t("gift.intro"))</p>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/gifts" novalidate id="gift-form">\(Pages.csrfField(req))
            \(Pages.picker(req, "customer_id", kind: .customer, label: req.t("gift.customer"), options: [("", "—")] + customers, selected: values["customer_id"] ?? "", errors: errors, required: true))
            \(Pages.select(req, "kind", label: req.t("gift.kind"), options: Gift.Kind.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: values["kind"] ?? "gift", errors: errors, required: true))
            \(Pages.field(req, "description", label: req.t("gift.description"), value: values["description"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "value", label: req.t("gift.value"), value: values["value"] ?? "", errors: errors, required: true, attrs: " inputmode=\"decimal\""))
            \(Pages.field(req, "offered_on", label: req.t("gift.offered_on"), value: values["offered_on"] ?? "", errors: errors, required: true, type: "date"))
            \(Pages.field(req, "note", label: req.t("gift.note"), value: values["note"] ?? "", errors: errors, type: "textarea"))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("gift.new"))</button></div></form>
            """)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for name in GiftInput.fields { values[name] = form.string(name, &e) ?? "" }
        try Input.check(e)
        let input = GiftInput(
            customerId: values["customer_id"], kind: values["kind"], description: values["description"],
            value: values["value"], offeredOn: values["offered_on"],
            note: values["note"])
        do {
            let g = try await req.store.declareGift(input, by: actor)
            return Pages.redirect(req, "/gifts/\(g.id)")
        } catch let err as DomainError where err.kind == .validation || err.kind == .conflict {
            return try await self.form(
                req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.giftSubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let g = s.gift
        let names = try await req.userNames()
        let offers = ProcessEngine.offers(GiftProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, GiftProcess.self, route: "gifts", id: g.id, version: s.version, offers: offers,
            errors: error?.fields ?? []
        ) { f, errors in
            f == .date
                ? Pages.field(
                    req, "date", label: req.t("gift.handled_on"), value: DateText.today(), errors: errors, type: "date")
                : nil
        }
        let history = try await req.store.history(GiftProcess.name, g.id)
        return Pages.page(
            req, title: g.number, active: "/gifts", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("gift.title")) \(g.number)</h1>
            <div class="meta">\(stateBadge(req, g.state))<span>\(g.customerName)</span><span>¥\(g.value.decimalString)</span></div></div></div>
            \(Pages.alert(req, error))
            <div class="cols"><div>
              <div class="card"><dl class="props" id="gift-facts">
                <dt>\(req.t("gift.declarant"))</dt><dd>\(names[g.declarantId] ?? "—")</dd>
                <dt>\(req.t("gift.customer"))</dt><dd>\(g.customerName)</dd>
                <dt>\(req.t("gift.kind"))</dt><dd>\(req.t(g.kind.labelKey))</dd>
                <dt>\(req.t("gift.description"))</dt><dd>\(g.description)</dd>
                <dt>\(req.t("gift.value"))</dt><dd>¥\(g.value.decimalString)</dd>
                <dt>\(req.t("gift.offered_on"))</dt><dd>\(g.offeredOn)</dd>
                \(g.note.isEmpty ? "" : "<dt>\(req.t("gift.note"))</dt><dd>\(g.note)</dd>" as HTML)
                \(g.handledOn.isEmpty ? "" : "<dt>\(req.t("gift.handled_on"))</dt><dd>\(g.handledOn)</dd><dt>\(req.t("gift.handled_by"))</dt><dd>\(g.handledBy.flatMap { names[$0] } ?? "—")</dd>" as HTML)
              </dl></div>
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, GiftProcess.name, history))</div></div>
            """)
    }
}
