import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The complaint pages (客户投诉): the list with each one's standing against its targets, the form it is taken in
/// with, the complaint with the steps open to the reader, and the statistics.
enum ComplaintPages {
    static func register(_ app: Application) {
        app.get("complaints", use: list)
        app.get("complaints", "new", use: newForm)
        app.post("complaints", use: create)
        app.get("complaints", "stats", use: stats)
        app.get("complaints", ":id", use: show)
        ProcessPages.register(
            app, ComplaintProcess.self, route: "complaints",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnComplaint(id: id, action, input, version: version, by: try req.actor())
                return "/complaints/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
    }

    static func stateBadge(_ req: Request, _ s: Complaint.State) -> HTML {
        let kind =
            switch s {
            case .closed: "ok"
            case .acknowledged, .resolved: "warn"
            case .received, .waiting: "bad"
            }
        return Pages.badge(req.t(s.labelKey), kind)
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, ComplaintKind.self)
        let list = Route.page(.complaints)
        let buttons = [
            ListPages.button(
                actor.hasAny(ComplaintAccess.market), list + "/new", req.t("complaint.new"), primary: true),
            ListPages.button(true, list + "?attention=true", req.t("complaint.filter_attention")),
            ListPages.button(true, list + "/stats", req.t("complaint.stats")),
        ]
        return Pages.page(
            req, title: req.t(ComplaintKind.title), active: list, ListPages.view(req, m, buttons: buttons))
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(
            req, values: ["customer_id": req.query("customer_id") ?? "", "channel": "phone", "severity": "normal"],
            errors: [], error: nil)
    }

    static func form(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard actor.hasAny(ComplaintAccess.market) else {
            throw DomainError(.forbidden, .whoAsks("complaint.market_takes_in"))
        }
        var customers: [(value: String, label: String)] = [("", "—")]
        let rep = actor.has(.salesRep) && !actor.hasAny([.marketManager, .businessAssistant])
        let listed = try await req.store.customers(
            CustomerFilter(ownerId: rep ? actor.id : nil), ListQuery(limit: 200, sortField: "name"), for: actor)
        customers += listed.items.filter { !$0.customer.archived }.map { (String($0.customer.id), $0.customer.name) }
        if let cid = Int64(values["customer_id"] ?? ""), !customers.contains(where: { $0.value == String(cid) }),
            let item = try await req.store.customer(id: cid, for: actor)
        {
            customers.append((String(cid), item.customer.name))
        }
        let products = (try? await req.store.products(for: actor)) ?? []
        func opts<E: RawRepresentable & CaseIterable>(_: E.Type, _ label: (E) -> String) -> [(
            value: String, label: String
        )] where E.RawValue == String {
            E.allCases.map { ($0.rawValue, label($0)) }
        }
        return Pages.page(
            req, title: req.t("complaint.new"), active: "/complaints", status: status,
            """
            <h1>\(req.t("complaint.new"))</h1>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/complaints" novalidate id="complaint-form">\(Pages.csrfField(req))
            \(Pages.picker(req, "customer_id", kind: .customer, label: req.t("complaint.customer"), options: customers, selected: values["customer_id"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "contact_name", label: req.t("complaint.contact"), value: values["contact_name"] ?? "", errors: errors))
            \(Pages.select(req, "channel", label: req.t("complaint.channel"), options: opts(Complaint.Channel.self) { req.t($0.labelKey) }, selected: values["channel"] ?? "", errors: errors, required: true))
            \(Pages.select(req, "category", label: req.t("complaint.category"), options: [("", "—")] + opts(Complaint.Category.self) { req.t($0.labelKey) }, selected: values["category"] ?? "", errors: errors, required: true))
            \(Pages.select(req, "product_id", label: req.t("complaint.product"), options: [("", "—")] + products.map { (String($0.id), $0.name) }, selected: values["product_id"] ?? "", errors: errors))
            \(Pages.select(req, "severity", label: req.t("complaint.severity"), options: opts(Complaint.Severity.self) { req.t($0.labelKey) }, selected: values["severity"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "words", label: req.t("complaint.words"), value: values["words"] ?? "", errors: errors, required: true, type: "textarea"))
            <p class="muted">\(req.t("complaint.follow_only"))</p>
            <div class="actions"><button class="btn primary" type="submit">\(req.t("complaint.new"))</button></div></form>
            """)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let posted = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for k in ComplaintRoutes.createFields { values[k] = posted.string(k, &e) ?? "" }
        do {
            let c = try await req.store.createComplaint(try posted.complaint(), by: actor)
            return Pages.redirect(req, "/complaints/\(c.id)")
        } catch let err as DomainError
            where err.kind != .notFound && err.kind != .unauthenticated
            && !(err.kind == .forbidden && !actor.hasAny(ComplaintAccess.market))
        {
            return try await form(req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.complaintSubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let c = s.complaint
        let offers = ProcessEngine.offers(ComplaintProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, ComplaintProcess.self, route: "complaints", id: c.id, version: s.version, offers: offers,
            errors: error?.fields ?? [])
        let (levels, _) = try await req.store.serviceLevels()
        let now = Store.nowMillis()
        let history = try await req.store.history(ComplaintProcess.name, c.id)
        let following = ComplaintAccess.handles(actor, c) != nil && actor.hasAny(ComplaintAccess.market)
        let compensation: HTML =
            c.compensation.map { amount in
                """
                <div class="card" id="compensation"><h3>\(req.t("complaint.compensation"))：¥\(amount.grouped)</h3>
                <p>\(req.t("complaint.compensation_state"))：\(s.approval.map { Pages.badge(req.t($0.labelKey), $0 == .approved ? "ok" : ($0 == .pending ? "warn" : "bad")) } ?? "—" as HTML)
                \(c.compensationApprovalId.map { " <a href=\"/approvals\">#\($0)</a>" as HTML } ?? "")</p>
                \(c.compensationPaidOn.isEmpty ? "" : "<p>\(req.t("complaint.compensation_paid_on"))：\(c.compensationPaidOn)</p>" as HTML)</div>
                """
            } ?? ""
        return Pages.page(
            req, title: c.number, active: "/complaints", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("complaint.title")) \(c.number)</h1>
            <div class="meta">\(stateBadge(req, c.state))<span>\(req.t(c.category.labelKey))</span><span>\(req.t(c.severity.labelKey))</span>
            <span><a href="/customers/\(c.customerId)">\(c.customerName)</a></span><span>\(req.t("complaint.department"))：\(req.t(c.department.labelKey))</span></div></div></div>
            \(SalesPages.stepBar(req, process: ComplaintProcess.name, path: ["received", "acknowledged", "resolved", "closed"], current: c.state.rawValue, history: history))
            \(Pages.alert(req, error))
            \(following ? "<p class=\"notice\" id=\"follow-only\">\(req.t(c.department == .customerService ? "complaint.follow_only" : "complaint.market_handles"))</p>" as HTML : "")
            <div class="cols"><div>
              <div class="card"><h2>\(req.t("complaint.words"))</h2><blockquote id="words">\(c.words)</blockquote><dl class="props" id="complaint-facts">
                <dt>\(req.t("complaint.contact"))</dt><dd>\(c.contactName.isEmpty ? "—" : c.contactName)</dd>
                <dt>\(req.t("complaint.channel"))</dt><dd>\(req.t(c.channel.labelKey))</dd>
                <dt>\(req.t("complaint.product"))</dt><dd>\(c.productName.isEmpty ? "—" : c.productName)</dd>
                <dt>\(req.t("complaint.taken_by"))</dt><dd>\(c.takenByName) · \(DateText.minute(c.createdAt / 1000))</dd>
                <dt>\(req.t("complaint.acknowledge_by"))</dt><dd id="sla-response">\(ServiceRequestPages.standingBadge(req, c.times.response(levels.calendar, at: now)))</dd>
                <dt>\(req.t("complaint.resolve_by"))</dt><dd id="sla-resolution">\(ServiceRequestPages.standingBadge(req, c.times.resolution(levels.calendar, at: now)))</dd>
              </dl></div>
              \(c.acknowledgement.isEmpty ? "" : "<div class=\"card\" id=\"acknowledgement\"><h3>\(req.t("complaint.acknowledgement"))</h3><p>\(c.acknowledgement)</p></div>" as HTML)
              \(c.resolution.isEmpty ? "" : "<div class=\"card\" id=\"resolution\"><h3>\(req.t("complaint.resolution"))</h3><p><strong>\(req.t("complaint.root_cause"))</strong>：\(c.rootCause)</p><p>\(c.resolution)</p></div>" as HTML)
              \(c.confirmedBy.isEmpty ? "" : "<div class=\"card\" id=\"confirmation\"><h3>\(req.t("complaint.confirmed"))</h3><p>\(c.confirmedBy) · \(req.t("step.satisfaction"))：\(c.satisfaction.map { "\($0)/5" } ?? "—")</p></div>" as HTML)
              \(compensation)
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, ComplaintProcess.name, history))</div></div>
            """)
    }

    static func stats(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (from, to) = try ComplaintRoutes.period(req)
        let s = try await ComplaintRoutes.statLines(req, from: from, to: to, actor: actor)
        func label(_ dimension: String, _ key: String) -> String {
            switch dimension {
            case "category": return req.t("complaint.category.\(key)")
            case "severity": return req.t("complaint.severity.\(key)")
            case "product": return key.isEmpty ? req.t("complaint.no_product") : key
            case "region": return key.isEmpty ? req.t("complaint.no_region") : key
            default: return key
            }
        }
        func minutes(_ m: Int?) -> String { m.map { WorkingTime.text(seconds: Int64($0) * 60, req.locale) } ?? "—" }
        let sections = ComplaintRoutes.dimensions.map { d -> HTML in
            let rows = (s.groups[d] ?? []).map { l -> HTML in
                "<tr><td>\(label(d, l.key))</td><td class=\"num\">\(l.count)</td><td class=\"num\">\(l.open)</td><td>\(minutes(l.acknowledgeMinutes))</td><td>\(minutes(l.resolveMinutes))</td><td class=\"num\">\(l.satisfactionTenths.map { "\($0 / 10).\($0 % 10)" } ?? "—")</td></tr>"
            }
            return """
                <h2>\(req.t("complaint.by.\(d)"))</h2>
                <div class="table-wrap"><table class="data" id="stats-\(d)"><thead><tr><th>\(req.t("complaint.stats_by"))</th><th class="num">\(req.t("complaint.stats_count"))</th>
                <th class="num">\(req.t("complaint.stats_open"))</th><th>\(req.t("complaint.stats_ack"))</th><th>\(req.t("complaint.stats_resolve"))</th><th class="num">\(req.t("complaint.stats_satisfaction"))</th></tr></thead>
                <tbody>\(rows.isEmpty ? "<tr><td colspan=\"6\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
                """
        }
        return Pages.page(
            req, title: req.t("complaint.stats"), active: "/complaints/stats",
            """
            <h1>\(req.t("complaint.stats"))</h1>
            <p class="muted">\(req.t("complaint.stats_intro"))</p>
            <form class="filters" method="get" action="/complaints/stats">
              <label>\(req.t("complaint.stats_from"))<input type="date" name="from" value="\(from)"></label>
              <label>\(req.t("complaint.stats_to"))<input type="date" name="to" value="\(to)"></label>
              <button class="btn" type="submit">\(req.t("filter.apply"))</button></form>
            <p>\(req.t("list.total", ["count": String(s.total)]))</p>
            \(HTML.join(sections))
            """)
    }
}
