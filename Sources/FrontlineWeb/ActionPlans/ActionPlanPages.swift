import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The action plan pages (行动计划): the list, the form a rep plans his week or month with, the plan with its
/// completion, its summary report (销售分析和总结报告), steps and history, and the manager's completion page for a period.
enum ActionPlanPages {
    static func register(_ app: Application) {
        app.get("action-plans", use: list)
        app.get("action-plans", "new", use: newForm)
        app.post("action-plans", use: create)
        app.get("action-plans", "completion", use: completion)
        app.get("action-plans", ":id", use: show)
        app.post("action-plans", ":id", "edit", use: edit)
        app.post("action-plans", ":id", "summary", use: summary)
        ProcessPages.register(
            app, ActionPlanProcess.self, route: "action-plans",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnActionPlan(id: id, action, input, version: version, by: try req.actor())
                return "/action-plans/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
    }

    static func stateBadge(_ req: Request, _ s: ActionPlan.State) -> HTML {
        let kind =
            switch s {
            case .approved, .reviewed: "ok"
            case .submitted, .reported: "warn"
            case .returned: "bad"
            case .draft: ""
            }
        return Pages.badge(req.t(s.labelKey), kind)
    }

    static func rate(_ p: PlanProgress?) -> String { p?.rate.map { "\($0)%" } ?? "—" }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, ActionPlanKind.self)
        let list = Route.page(.actionPlans)
        let view = ListPages.view(
            req, m,
            buttons: [
                ListPages.button(ActionPlanAccess.canPlan(actor), list + "/new", req.t("plan.new"), primary: true),
                ListPages.button(ActionPlanAccess.readsAll(actor), list + "/completion", req.t("plan.completion")),
            ],
            choices: try await OpportunityPages.ownerChoices(req, actor))
        return Pages.page(req, title: req.t(ActionPlanKind.title), active: list, view)
    }

    /// The manager's page: every active rep's plan for one period, planned against done, with the previous and next.
    static func completion(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard ActionPlanAccess.readsAll(actor) else { throw DomainError.forbidden }
        let period = req.query("period").flatMap(ActionPlan.Period.init(rawValue:)) ?? .week
        let today = DateText.today()
        var start = PlanPeriod.current(period, today: today)
        if let d = req.query("starts_on"), DateText.isDate(d) { start = PlanPeriod.current(period, today: d) }
        let end = try PlanPeriod.bounds(period, start: start).end
        let lines = try await req.store.planCompletion(period, start: start, for: actor)
        let names = try await req.userNames()
        let rows = lines.map { l -> HTML in
            let plan: HTML =
                l.plan.map { "<a href=\"/action-plans/\($0.id)\">\($0.number)</a>" }
                ?? "<span class=\"muted\">\(req.t("plan.none"))</span>"
            return """
                <tr><td>\(names[l.repId] ?? "—")</td><td>\(plan)</td><td>\(l.plan.map { stateBadge(req, $0.state) } ?? "")</td>
                <td class="num">\(String(l.progress?.planned ?? 0))</td><td class="num">\(String(l.progress?.completed ?? 0))</td><td class="num">\(rate(l.progress))</td></tr>
                """
        }
        let link = { (s: String) in "/action-plans/completion?period=\(period.rawValue)&starts_on=\(s)" }
        let periods = ActionPlan.Period.allCases.map { p -> HTML in
            p == period
                ? "<b class=\"btn\">\(req.t(p.labelKey))</b> "
                : "<a class=\"btn\" href=\"/action-plans/completion?period=\(p.rawValue)\">\(req.t(p.labelKey))</a>"
        }
        return Pages.page(
            req, title: req.t("plan.completion"), active: "/action-plans",
            """
            <div class="toolbar"><h1>\(req.t("plan.completion"))</h1><div class="actions">\(HTML.join(periods))</div></div>
            <p class="muted">\(req.t("plan.completion_intro"))</p>
            <div class="pager"><a class="btn" href="\(link(PlanPeriod.shifted(period, start: start, by: -1)))">\(req.t("plan.previous"))</a>
            <b id="completion-period">\(req.t("plan.range", ["start": start, "end": end]))</b>
            <a class="btn" href="\(link(PlanPeriod.shifted(period, start: start, by: 1)))">\(req.t("plan.next"))</a></div>
            <div class="table-wrap"><table class="data" id="plan-completion"><thead><tr><th>\(req.t("plan.owner"))</th><th>\(req.t("plan.number"))</th>
            <th>\(req.t("col.status"))</th><th class="num">\(req.t("plan.planned"))</th><th class="num">\(req.t("plan.completed"))</th><th class="num">\(req.t("plan.rate"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"6\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
            """)
    }

    // MARK: The plan's form

    /// The customers a rep may plan work with: his own (the first 200 by name), and those the plan names already.
    static func customerChoices(_ req: Request, _ actor: Actor, keep: [Int64: String]) async throws -> [(
        value: String, label: String
    )] {
        let list = try await req.store.customers(CustomerFilter(), ListQuery(limit: 200, sortField: "name"), for: actor)
            .items
        var out: [(value: String, label: String)] =
            [("", "—")] + list.map { (String($0.customer.id), $0.customer.name) }
        for (id, name) in keep.sorted(by: { $0.key < $1.key }) where !out.contains(where: { $0.value == String(id) }) {
            out.append((String(id), name))
        }
        return out
    }

    static func itemValues(_ items: [ActionPlanItem]) -> [String: String] {
        var v: [String: String] = [:]
        for (i, item) in items.enumerated() {
            v["item_customer_id.\(i)"] = item.customerId.map(String.init) ?? ""
            v["item_kind.\(i)"] = item.kind?.rawValue ?? ""
            v["item_times.\(i)"] = String(item.times)
            v["item_goal.\(i)"] = item.goal
            v["item_expected.\(i)"] = item.expected
        }
        return v
    }

    /// The items table of the form: the rows given and a few blank ones (blank rows are dropped).
    static func itemRows(
        _ req: Request, values: [String: String], errors: [FieldError], customers: [(value: String, label: String)]
    ) -> HTML {
        let given = (0..<ActionPlanInput.maxItems).filter { i in
            ["item_goal", "item_customer_id", "item_kind", "item_expected"].contains {
                !(values["\($0).\(i)"] ?? "").isEmpty
            }
        }
        let count = min(ActionPlanInput.maxItems, max(5, (given.last.map { $0 + 1 } ?? 0) + 3))
        let kinds: [(value: String, label: String)] =
            [("", "—")] + CommunicationKind.allCases.map { ($0.rawValue, req.t($0.labelKey)) }
        let rows = (0..<count).map { i -> HTML in
            let errs = errors.filter { $0.field.hasPrefix("items[\(i)]") }
            let err: HTML =
                errs.isEmpty
                ? "" : "<div class=\"err\">\(errs.map { $0.message.text(req.locale) }.joined(separator: "；"))</div>"
            return """
                <tr\(HTML.when(!errs.isEmpty, " class=\"error\""))><td><select name="item_customer_id.\(i)" aria-label="\(req.t("plan.item_customer"))">\(Pages.options(customers, values["item_customer_id.\(i)"] ?? ""))</select></td>
                <td><select name="item_kind.\(i)" aria-label="\(req.t("plan.item_kind"))">\(Pages.options(kinds, values["item_kind.\(i)"] ?? ""))</select></td>
                <td><input name="item_times.\(i)" type="number" min="1" max="50" value="\(values["item_times.\(i)"] ?? "1")" aria-label="\(req.t("plan.item_times"))" class="narrow"></td>
                <td><input name="item_goal.\(i)" value="\(values["item_goal.\(i)"] ?? "")" aria-label="\(req.t("plan.item_goal"))" maxlength="300"></td>
                <td><input name="item_expected.\(i)" value="\(values["item_expected.\(i)"] ?? "")" aria-label="\(req.t("plan.item_expected"))" maxlength="300">\(err)</td></tr>
                """
        }
        let listErr: HTML =
            errors.first { $0.field == "items" }.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" } ?? ""
        return """
            <h2>\(req.t("plan.items"))</h2><p class="hint">\(req.t("plan.items_hint"))</p>\(listErr)
            <div class="table-wrap"><table class="data" id="plan-items-form"><thead><tr><th>\(req.t("plan.item_customer"))</th><th>\(req.t("plan.item_kind"))</th>
            <th>\(req.t("plan.item_times"))</th><th>\(req.t("plan.item_goal"))</th><th>\(req.t("plan.item_expected"))</th></tr></thead><tbody>\(HTML.join(rows))</tbody></table></div>
            """
    }

    /// What a page's form sent: the period and each item row that is not blank.
    static func posted(_ req: Request) throws -> (ActionPlanInput, [String: String]) {
        let form = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for (k, v) in form.values { if case .string(let s) = v { values[k] = s } }
        var items: [ActionPlanInput.Item] = []
        for i in 0..<(ActionPlanInput.maxItems + 1) {
            let item = ActionPlanInput.Item(
                customerId: form.string("item_customer_id.\(i)", &e), kind: form.string("item_kind.\(i)", &e),
                times: form.string("item_times.\(i)", &e),
                goal: form.string("item_goal.\(i)", &e), expected: form.string("item_expected.\(i)", &e))
            items.append(item)
        }
        try Input.check(e)
        // Blank rows are dropped and the rest numbered again, so an error names the row the form shows again.
        let kept = items.filter { !$0.isBlank }
        for k in values.keys where k.hasPrefix("item_") { values[k] = nil }
        for (i, item) in kept.enumerated() {
            values["item_customer_id.\(i)"] = item.customerId; values["item_kind.\(i)"] = item.kind;
            values["item_times.\(i)"] = item.times
            values["item_goal.\(i)"] = item.goal; values["item_expected.\(i)"] = item.expected
        }
        return (
            ActionPlanInput(period: form.string("period", &e), startsOn: form.string("starts_on", &e), items: kept),
            values
        )
    }

    static func newForm(_ req: Request) async throws -> Response {
        let period = req.query("period").flatMap(ActionPlan.Period.init(rawValue:)) ?? .week
        return try await form(
            req,
            values: [
                "period": period.rawValue,
                "starts_on": req.query("starts_on") ?? PlanPeriod.current(period, today: DateText.today()),
            ], errors: [], error: nil)
    }

    static func form(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard ActionPlanAccess.canPlan(actor) else { throw DomainError(.forbidden, .whoAsks("plan.reps_plan")) }
        let customers = try await customerChoices(req, actor, keep: [:])
        return Pages.page(
            req, title: req.t("plan.new"), active: "/action-plans", status: status,
            """
            <h1>\(req.t("plan.new"))</h1>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/action-plans" novalidate id="plan-form">\(Pages.csrfField(req))
            \(periodFields(req, values: values, errors: errors))
            \(itemRows(req, values: values, errors: errors, customers: customers))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("plan.save"))</button></div></form>
            """)
    }

    static func periodFields(_ req: Request, values: [String: String], errors: [FieldError]) -> HTML {
        """
        \(Pages.select(req, "period", label: req.t("plan.period"), options: ActionPlan.Period.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: values["period"] ?? "week", errors: errors, required: true))
        \(Pages.field(req, "starts_on", label: req.t("plan.starts_on"), value: values["starts_on"] ?? "", errors: errors, required: true, type: "date", hint: req.t("plan.week_monday") + "；" + req.t("plan.month_first")))
        """
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (input, values) = try posted(req)
        do {
            let p = try await req.store.createActionPlan(input, by: actor)
            return Pages.redirect(req, "/action-plans/\(p.id)")
        } catch let err as DomainError where err.kind == .validation || err.kind == .duplicate || err.kind == .conflict
        {
            return try await form(req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.actionPlan(id: id, for: actor) != nil else { throw DomainError.notFound }
        let (input, values) = try posted(req)
        do {
            _ = try await req.store.updateActionPlan(
                id: id, version: Int(values["version"] ?? "") ?? 0, input, by: actor)
            return Pages.redirect(req, "/action-plans/\(id)")
        } catch let err as DomainError where err.kind != .notFound && err.kind != .unauthenticated {
            return try await page(req, error: err, status: Pages.refusalStatus(err), values: values)
        }
    }

    static func summary(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.actionPlan(id: id, for: actor) != nil else { throw DomainError.notFound }
        let form = try Pages.form(req)
        var e: [FieldError] = []
        let input = ActionPlanInput(
            results: form.string("results", &e) ?? "", lostDeals: form.string("lost_deals", &e) ?? "",
            marketNotes: form.string("market_notes", &e) ?? "", goalsMet: form.goalsMet(&e))
        try Input.check(e)
        var values: [String: String] = [:]
        for (k, v) in form.values { if case .string(let s) = v { values[k] = s } }
        do {
            _ = try await req.store.updateActionPlan(
                id: id, version: Int(values["version"] ?? "") ?? 0, input, by: actor)
            return Pages.redirect(req, "/action-plans/\(id)#summary")
        } catch let err as DomainError where err.kind != .notFound && err.kind != .unauthenticated {
            return try await page(req, error: err, status: Pages.refusalStatus(err), values: values)
        }
    }

    /// The plan's own goals (items without a customer), each a box its owner ticks when it was met.
    static func goalBoxes(_ req: Request, _ p: ActionPlan, errors: [FieldError]) -> HTML {
        let goals = p.items.enumerated().filter { !$0.element.measured }
        guard !goals.isEmpty else { return "" }
        let boxes = goals.map { i, item -> HTML in
            "<label class=\"check\"><input type=\"checkbox\" name=\"goals_met[]\" value=\"\(i + 1)\"\(HTML.when(item.met == true, " checked"))> \(item.goal)</label>"
        }
        let err: HTML =
            errors.first { $0.field == "goals_met" }.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" }
            ?? ""
        return """
            <fieldset class="field" id="plan-goals"><legend>\(req.t("plan.goals_met"))</legend>
            <input type="hidden" name="goals_met_sent" value="1">\(HTML.join(boxes))\(err)</fieldset>
            """
    }

    // MARK: The plan

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(
        _ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok, values posted: [String: String]? = nil
    ) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.actionPlanSubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let p = s.plan
        let names = try await req.userNames()
        let customers = try await req.store.planCustomerNames([p])
        let progress = try await req.store.planProgress(p)
        let outcomes = try await req.store.planOutcomes(p)
        let offers = ProcessEngine.offers(ActionPlanProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, ActionPlanProcess.self, route: "action-plans", id: p.id, version: s.version, offers: offers,
            errors: error?.fields ?? [])
        let history = try await req.store.history(ActionPlanProcess.name, p.id)
        let errors = error?.fields ?? []
        let shownItems = p.items.enumerated().map { i, item -> HTML in
            let customer: HTML =
                item.customerId.map { id in
                    ActionPlanAccess.readsAll(actor) || actor.id == p.ownerId
                        ? "<a href=\"/customers/\(id)\">\(customers[id] ?? "#\(id)")</a>" : "\(customers[id] ?? "")"
                } ?? "—"
            return """
                <tr><td>\(customer)</td><td>\(item.kind.map { req.t($0.labelKey) } ?? "—")</td><td class="num">\(item.measured ? String(item.times) : "1")</td>
                <td class="num">\(item.measured ? String(progress.done[i]) : (item.met == true ? req.t("plan.goal_met") : "0"))</td><td>\(item.goal)</td><td>\(item.expected)</td></tr>
                """
        }
        let editing = ActionPlanAccess.canEdit(actor, p) && p.state.itemsOpen
        let choices = editing ? try await customerChoices(req, actor, keep: customers) : []
        let editForm: HTML =
            editing
            ? """
            <details class="card"\(HTML.when(posted != nil && error?.fields.contains { $0.field.hasPrefix("item") || $0.field == "starts_on" || $0.field == "period" } == true, " open"))><summary>\(req.t("plan.edit"))</summary>
            <form class="stack" method="post" action="/action-plans/\(p.id)/edit" novalidate id="plan-edit">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(p.version)">
            \(periodFields(req, values: posted ?? ["period": p.period.rawValue, "starts_on": p.startsOn], errors: errors))
            \(itemRows(req, values: posted ?? itemValues(p.items), errors: errors, customers: choices))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("plan.save"))</button></div></form></details>
            """ : ""
        let summaryOpen = ActionPlanAccess.canEdit(actor, p) && p.state.summaryOpen
        let summaryValues = posted ?? ["results": p.results, "lost_deals": p.lostDeals, "market_notes": p.marketNotes]
        let summary: HTML
        if summaryOpen {
            summary = """
                <form class="stack" method="post" action="/action-plans/\(p.id)/summary" novalidate id="plan-summary">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(p.version)">
                \(Pages.field(req, "results", label: req.t("plan.results"), value: summaryValues["results"] ?? "", errors: errors, required: true, type: "textarea"))
                \(Pages.field(req, "lost_deals", label: req.t("plan.lost_deals"), value: summaryValues["lost_deals"] ?? "", errors: errors, type: "textarea"))
                \(Pages.field(req, "market_notes", label: req.t("plan.market_notes"), value: summaryValues["market_notes"] ?? "", errors: errors, type: "textarea"))
                \(goalBoxes(req, p, errors: errors))
                <div class="actions"><button class="btn" type="submit">\(req.t("plan.save_summary"))</button></div></form>
                """
        } else if !p.results.isEmpty || !p.lostDeals.isEmpty || !p.marketNotes.isEmpty {
            summary = """
                <dl class="props" id="plan-summary-text"><dt>\(req.t("plan.results"))</dt><dd>\(p.results)</dd>
                <dt>\(req.t("plan.lost_deals"))</dt><dd>\(p.lostDeals.isEmpty ? "—" : p.lostDeals)</dd>
                <dt>\(req.t("plan.market_notes"))</dt><dd>\(p.marketNotes.isEmpty ? "—" : p.marketNotes)</dd></dl>
                """
        } else {
            summary = "<p class=\"muted\">\(req.t("plan.summary_hint"))</p>"
        }
        let outcomeRows = outcomes.map { o -> HTML in
            """
            <tr><td><a href="/opportunities/\(o.opportunityId)">\(o.number)</a></td><td>\(o.title)</td><td class="opt">\(o.customerName)</td>
            <td>\(o.won ? Pages.badge(req.t("plan.won"), "ok") : Pages.badge(req.t("plan.lost"), "bad"))</td><td class="num">¥\(Money(fen: o.amountFen).decimalString)</td>
            <td>\(o.won ? "" : [o.reason, o.winner].filter { !$0.isEmpty }.joined(separator: " · "))</td></tr>
            """
        }
        return Pages.page(
            req, title: p.number, active: "/action-plans", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("plan.title")) \(p.number)</h1>
            <div class="meta">\(stateBadge(req, p.state))<span>\(names[p.ownerId] ?? "")</span><span>\(req.t(p.period.labelKey))</span>
            <span>\(req.t("plan.range", ["start": p.startsOn, "end": p.endsOn]))</span></div></div>
            <div class="stat" id="plan-rate"><b>\(rate(progress))</b><span>\(req.t("plan.rate"))：\(String(progress.completed))/\(String(progress.planned))</span></div></div>
            \(Pages.alert(req, error))
            <div class="cols"><div>
              <div class="card"><h2>\(req.t("plan.items"))</h2>
              <div class="table-wrap"><table class="data" id="plan-items"><thead><tr><th>\(req.t("plan.item_customer"))</th><th>\(req.t("plan.item_kind"))</th>
              <th class="num">\(req.t("plan.item_times"))</th><th class="num">\(req.t("plan.item_done"))</th><th>\(req.t("plan.item_goal"))</th><th>\(req.t("plan.item_expected"))</th></tr></thead>
              <tbody>\(shownItems.isEmpty ? "<tr><td colspan=\"6\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(shownItems))</tbody></table></div></div>
              \(editForm)
              <div class="card" id="summary"><h2>\(req.t("plan.summary"))</h2>\(summary)</div>
              <div class="card"><h2>\(req.t("plan.outcomes"))</h2>
              <div class="table-wrap"><table class="data" id="plan-outcomes"><tbody>\(outcomeRows.isEmpty ? "<tr><td class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(outcomeRows))</tbody></table></div></div>
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, ActionPlanProcess.name, history))</div></div>
            """)
    }
}
