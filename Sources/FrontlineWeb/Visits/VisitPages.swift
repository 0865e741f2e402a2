import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The visitor reception pages (来访接待): the list, the month calendar (the host sees his, the office every one),
/// the form the business assistant schedules a visit with, and the visit with its arrangements, steps and history.
enum VisitPages {
    static func register(_ app: Application) {
        app.get("visits", use: list)
        app.get("visits", "calendar", use: calendar)
        app.get("visits", "new", use: newForm)
        app.post("visits", use: create)
        app.get("visits", ":id", use: show)
        app.post("visits", ":id", "edit", use: edit)
        ProcessPages.register(
            app, VisitProcess.self, route: "visits",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnVisit(id: id, action, input, version: version, by: try req.actor())
                return "/visits/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
    }

    static func stateBadge(_ req: Request, _ s: Visit.State) -> HTML {
        Pages.badge(req.t(s.labelKey), s == .scheduled ? "warn" : (s == .done ? "ok" : ""))
    }

    static func when(_ v: Visit) -> String {
        let start = DateText.minute(v.startsAt), end = DateText.minute(v.endsAt)
        return start.prefix(10) == end.prefix(10) ? start + "–" + end.suffix(5) : start + " – " + end
    }

    /// From today onwards unless the reader asks otherwise.
    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, VisitKind.self, defaults: ["from": DateText.today()])
        let hosts =
            VisitAccess.readsAll(actor)
            ? try await req.store.users().filter { $0.active && $0.roles.contains { $0 != .admin } } : []
        let list = Route.page(.visits)
        let buttons = [
            ListPages.button(VisitAccess.canSchedule(actor), list + "/new", req.t("visit.new"), primary: true),
            ListPages.button(true, list + "/calendar", req.t("visit.calendar")),
        ]
        let view = ListPages.view(
            req, m, buttons: buttons, choices: ["host_id": hosts.map { (String($0.id), $0.displayName) }])
        return Pages.page(req, title: req.t(VisitKind.title), active: list, view)
    }

    /// A month, Monday first, each day with the visits the reader may see (`?month=YYYY-MM`, this month by default).
    static func calendar(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard VisitAccess.canBrowse(actor) else { throw DomainError.forbidden }
        var first = PlanPeriod.current(.month, today: DateText.today())
        if let m = req.query("month"), m.count == 7, DateText.isDate(m + "-01") { first = m + "-01" }
        let last = try PlanPeriod.bounds(.month, start: first).end
        let window = PlanPeriod.window(first, last)
        var f = VisitFilter(from: window.lowerBound, to: window.upperBound + 1)
        f.hostId = req.query("mine") == "true" ? actor.id : nil
        let visits = try await req.store.visits(
            f, ListQuery(limit: ListQuery.maxLimit, sortField: "starts_at", descending: false), for: actor
        ).items
        let names = try await req.userNames()
        let firstDay = DateText.parseDay(first)!, lastDay = DateText.parseDay(last)!
        let lead = Int64(WorkCalendar.weekday(firstDay) - 1)
        let today = DateText.today()
        var cells: [HTML] = []
        for _ in 0..<lead { cells.append("<td class=\"cal-out\"></td>") }
        for d in firstDay...lastDay {
            let day = DateText.day(d * 86_400)
            let dayStart = d * 86_400 - DateText.offset, dayEnd = dayStart + 86_400
            let items = visits.filter { $0.startsAt < dayEnd && $0.endsAt > dayStart }.map { v -> HTML in
                """
                <a class="cal-item \(v.state.rawValue)" href="/visits/\(v.id)">\(String(DateText.minute(max(v.startsAt, dayStart)).suffix(5))) \(v.customerName.isEmpty ? v.visitors : v.customerName) · \(names[v.hostId] ?? "")</a>
                """
            }
            cells.append(
                "<td\(HTML.when(day == today, " class=\"cal-today\"")) data-day=\"\(day)\"><div class=\"cal-day\">\(String(day.suffix(2)))</div>\(HTML.join(items))</td>"
            )
        }
        while cells.count % 7 != 0 { cells.append("<td class=\"cal-out\"></td>") }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { i -> HTML in
            "<tr>\(HTML.join(Array(cells[i..<i + 7])))</tr>"
        }
        let heads = (1...7).map { i -> HTML in "<th>\(req.t("sla.weekday.\(i)"))</th>" }
        let month = String(first.prefix(7))
        let prev = String(PlanPeriod.shifted(.month, start: first, by: -1).prefix(7)),
            next = String(PlanPeriod.shifted(.month, start: first, by: 1).prefix(7))
        let mine = req.query("mine") == "true"
        return Pages.page(
            req, title: req.t("visit.calendar"), active: "/visits",
            """
            <div class="toolbar"><h1>\(req.t("visit.calendar")) \(month)</h1><div class="actions">
            \(VisitAccess.canSchedule(actor) ? "<a class=\"btn primary\" href=\"/visits/new\">\(req.t("visit.new"))</a>" as HTML : "")
            <a class="btn" href="/visits">\(req.t("visit.list"))</a></div></div>
            <div class="pager"><a class="btn" href="/visits/calendar?month=\(prev)\(mine ? "&mine=true" : "")">\(req.t("visit.month_prev"))</a>
            <a class="btn" href="/visits/calendar?month=\(next)\(mine ? "&mine=true" : "")">\(req.t("visit.month_next"))</a>
            \(mine ? "<a class=\"btn\" href=\"/visits/calendar?month=\(month)\">\(req.t("filter.all"))</a>" as HTML : "<a class=\"btn\" href=\"/visits/calendar?month=\(month)&mine=true\">\(req.t("visit.mine"))</a>" as HTML)</div>
            <div class="table-wrap"><table class="calendar" id="visit-calendar"><thead><tr>\(HTML.join(heads))</tr></thead><tbody>\(HTML.join(weeks))</tbody></table></div>
            """)
    }

    // MARK: The form

    static func hostChoices(_ req: Request) async throws -> [(value: String, label: String)] {
        [("", "—")]
            + (try await req.store.users().filter { $0.active && $0.roles.contains { $0 != .admin } }.map {
                (String($0.id), $0.displayName)
            })
    }

    static func fields(_ req: Request, values: [String: String], errors: [FieldError]) async throws -> HTML {
        let actor = try req.actor()
        let customers = try await req.store.customers(
            CustomerFilter(), ListQuery(limit: 200, sortField: "name"), for: actor
        ).items.map { (String($0.customer.id), $0.customer.name) }
        var options: [(value: String, label: String)] = [("", "—")] + customers
        if let c = values["customer_id"], !c.isEmpty, !options.contains(where: { $0.value == c }), let id = Int64(c),
            let item = try await req.store.customer(id: id, for: actor)
        {
            options.append((c, item.customer.name))
        }
        return """
            \(Pages.picker(req, "customer_id", kind: .customer, label: req.t("visit.customer"), options: options, selected: values["customer_id"] ?? "", errors: errors))
            \(Pages.field(req, "visitors", label: req.t("visit.visitors"), value: values["visitors"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "purpose", label: req.t("visit.purpose"), value: values["purpose"] ?? "", errors: errors, type: "textarea"))
            \(Pages.field(req, "starts_at", label: req.t("visit.starts_at"), value: values["starts_at"] ?? "", errors: errors, required: true, type: "datetime-local"))
            \(Pages.field(req, "ends_at", label: req.t("visit.ends_at"), value: values["ends_at"] ?? "", errors: errors, required: true, type: "datetime-local"))
            \(Pages.select(req, "host_id", label: req.t("visit.host"), options: try await hostChoices(req), selected: values["host_id"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "place", label: req.t("visit.place"), value: values["place"] ?? "", errors: errors))
            \(Pages.field(req, "arrangements", label: req.t("visit.arrangements"), value: values["arrangements"] ?? "", errors: errors, type: "textarea", hint: req.t("visit.arrangements_hint")))
            """
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(req, values: ["customer_id": req.query("customer_id") ?? ""], errors: [], error: nil)
    }

    static func form(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard VisitAccess.canSchedule(actor) else { throw DomainError(.forbidden, .whoAsks("visit.schedulers")) }
        return Pages.page(
            req, title: req.t("visit.new"), active: "/visits", status: status,
            """
            <h1>\(req.t("visit.new"))</h1>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/visits" novalidate id="visit-form">\(Pages.csrfField(req))
            \(try await fields(req, values: values, errors: errors))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("visit.save"))</button></div></form>
            """)
    }

    static func posted(_ req: Request) throws -> (VisitInput, [String: String]) {
        let form = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for name in VisitInput.fields.union(["version"]) { values[name] = form.string(name, &e) ?? "" }
        try Input.check(e)
        let input = VisitInput(
            customerId: values["customer_id"], visitors: values["visitors"], purpose: values["purpose"],
            startsAt: values["starts_at"], endsAt: values["ends_at"],
            hostId: values["host_id"], place: values["place"], arrangements: values["arrangements"])
        return (input, values)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (input, values) = try posted(req)
        do {
            let v = try await req.store.scheduleVisit(input, by: actor)
            return Pages.redirect(req, "/visits/\(v.id)")
        } catch let err as DomainError where err.kind == .validation || err.kind == .conflict {
            return try await form(req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.visit(id: id, for: actor) != nil else { throw DomainError.notFound }
        let (input, values) = try posted(req)
        do {
            _ = try await req.store.updateVisit(id: id, version: Int(values["version"] ?? "") ?? 0, input, by: actor)
            return Pages.redirect(req, "/visits/\(id)")
        } catch let err as DomainError where err.kind != .notFound && err.kind != .unauthenticated {
            return try await page(req, error: err, status: Pages.refusalStatus(err), values: values)
        }
    }

    // MARK: The visit

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(
        _ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok, values posted: [String: String]? = nil
    ) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.visitSubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let v = s.visit
        let names = try await req.userNames()
        let offers = ProcessEngine.offers(VisitProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, VisitProcess.self, route: "visits", id: v.id, version: s.version, offers: offers,
            errors: error?.fields ?? []
        ) { f, errors in
            f == .text
                ? Pages.field(req, "text", label: req.t("visit.outcome"), value: "", errors: errors, type: "textarea")
                : nil
        }
        let history = try await req.store.history(VisitProcess.name, v.id)
        let errors = error?.fields ?? []
        let editable = VisitAccess.canSchedule(actor) && v.state == .scheduled
        let values =
            posted ?? [
                "customer_id": v.customerId.map(String.init) ?? "", "visitors": v.visitors, "purpose": v.purpose,
                "starts_at": DateText.minute(v.startsAt).replacingOccurrences(of: " ", with: "T"),
                "ends_at": DateText.minute(v.endsAt).replacingOccurrences(of: " ", with: "T"),
                "host_id": String(v.hostId), "place": v.place, "arrangements": v.arrangements,
            ]
        let editForm: HTML =
            editable
            ? """
            <details class="card"\(HTML.when(posted != nil, " open"))><summary>\(req.t("visit.edit"))</summary>
            <form class="stack" method="post" action="/visits/\(v.id)/edit" novalidate id="visit-edit">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(v.version)">
            \(try await fields(req, values: values, errors: errors))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("visit.save"))</button></div></form></details>
            """ : ""
        let customer: HTML =
            v.customerId.map { id in
                VisitAccess.readsAll(actor) || v.customerOwnerId == actor.id
                    ? "<a href=\"/customers/\(id)\">\(v.customerName)</a>" : "\(v.customerName)"
            } ?? "—"
        return Pages.page(
            req, title: v.number, active: "/visits", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("visit.title")) \(v.number)</h1>
            <div class="meta">\(stateBadge(req, v.state))<span>\(when(v))</span><span>\(customer)</span></div></div></div>
            \(Pages.alert(req, error))
            <div class="cols"><div>
              <div class="card"><dl class="props" id="visit-facts">
                <dt>\(req.t("visit.visitors"))</dt><dd>\(v.visitors)</dd>
                <dt>\(req.t("visit.purpose"))</dt><dd>\(v.purpose.isEmpty ? "—" : v.purpose)</dd>
                <dt>\(req.t("visit.host"))</dt><dd>\(names[v.hostId] ?? "—")</dd>
                <dt>\(req.t("visit.place"))</dt><dd>\(v.place.isEmpty ? "—" : v.place)</dd>
                <dt>\(req.t("visit.arrangements"))</dt><dd>\(v.arrangements.isEmpty ? "—" : v.arrangements)</dd>
                <dt>\(req.t("visit.scheduled_by"))</dt><dd>\(names[v.scheduledBy] ?? "—")</dd>
                \(v.outcome.isEmpty ? "" : "<dt>\(req.t("visit.outcome"))</dt><dd>\(v.outcome)</dd>" as HTML)
              </dl></div>
              \(editForm)
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, VisitProcess.name, history))</div></div>
            """)
    }
}
