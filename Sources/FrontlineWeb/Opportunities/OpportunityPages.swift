import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The opportunity pages (商机): the list, the pipeline board (drag a card to move it; each card carries a form that
/// does the same without script), the form that opens one, the opportunity with its facts, links, steps and history,
/// and the admin's stage settings.
enum OpportunityPages {
    static func register(_ app: Application) {
        app.get("opportunities", use: list)
        app.get("opportunities", "board", use: board)
        app.get("opportunities", "new", use: newForm)
        app.post("opportunities", use: create)
        app.get("opportunities", ":id", use: show)
        app.post("opportunities", ":id", "edit", use: edit)
        ProcessPages.register(
            app, OpportunityProcess.self, route: "opportunities",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnOpportunity(id: id, action, input, version: version, by: try req.actor())
                return req.query("back") == "board" ? "/opportunities/board" : "/opportunities/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
        app.get("settings", "opportunity-stages", use: stagesPage)
        app.post("settings", "opportunity-stages", use: saveStages)
    }

    static func yuan(_ m: Money) -> String { m.grouped }

    static func stageBadge(_ req: Request, _ s: Opportunity.Stage, _ stages: OpportunityStages) -> HTML {
        Pages.badge(stages.label(s, req.locale), s == .won ? "ok" : (s == .lost ? "bad" : "warn"))
    }

    /// The filter bar of the list and the board: the kind's filters, the stages by the names the admin gave them,
    /// the owners for those who read everyone's.
    static func filterBar(
        _ req: Request, _ q: ListPageQuery<OpportunityFilter>, action: String, reps: [User], stages: OpportunityStages,
        board: Bool
    ) -> HTML {
        Pages.filterBar(
            req, OpportunityKind.filters, q, action: action,
            choices: [
                "stage": stages.order.map { ($0.rawValue, stages.label($0, req.locale)) },
                "owner_id": reps.map { (String($0.id), $0.displayName) },
            ],
            sorts: board ? [] : ListPages.sorts(req, OpportunityKind.self),
            hide: board ? ["stage", "open"] : [])
    }

    /// The open opportunities a quotation, tender or contract may hang on — the customer's when it is known, else the
    /// reader's latest 200 — and the one it hangs on already.
    static func linkField(_ req: Request, _ actor: Actor, customerId: Int64?, selected: String, errors: [FieldError])
        async throws -> HTML
    {
        guard OpportunityAccess.canBrowse(actor) else { return "" }
        var f = OpportunityFilter(customerId: customerId)
        f.openOnly = true
        let list = try await req.store.opportunities(
            f, ListQuery(limit: 200, sortField: "updated_at", descending: true), for: actor, counting: false
        ).items
        var options: [(value: String, label: String)] =
            [("", "—")]
            + list.map {
                (String($0.id), "\($0.number) · \($0.title)" + (customerId == nil ? " · \($0.customerName)" : ""))
            }
        if let id = Int64(selected), !options.contains(where: { $0.value == selected }),
            let o = try await req.store.opportunity(id: id, for: actor)
        {
            options.append((selected, "\(o.number) · \(o.title)"))
        }
        return Pages.select(
            req, "opportunity_id", label: req.t("opportunity.link"), options: options, selected: selected,
            errors: errors)
    }

    static func reps(_ req: Request, _ actor: Actor) async throws -> [User] {
        OpportunityAccess.readsAll(actor) ? try await req.store.users().filter(\.isActiveRep) : []
    }

    /// The reps a list's owner filter offers (none to a rep, who reads his own): `choices` of the filter bar.
    static func ownerChoices(_ req: Request, _ actor: Actor) async throws -> [String: [(value: String, label: String)]]
    {
        ["owner_id": try await reps(req, actor).map { (String($0.id), $0.displayName) }]
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        var m = try await ListPages.model(req, OpportunityKind.self)
        let f = m.query.filter
        let stages = m.reading.stages ?? .defaults
        // The stages' kept totals give the amount of every opportunity that matched (the table's total) and the
        // open pipeline above it.
        let totals = try await req.store.stageTotals(f, for: actor)
        m.page.amount = Money.total(totals.map(\.amount)) ?? .zero
        let sum = Money.total(totals.filter(\.stage.isOpen).map(\.amount)) ?? .zero,
            weighted = Money.total(totals.filter(\.stage.isOpen).map(\.weighted)) ?? .zero
        let list = Route.page(.opportunities)
        let view = ListPages.view(
            req, m,
            buttons: [
                ListPages.button(true, list + "/board" + m.query.query, req.t("opportunity.as_board")),
                ListPages.button(
                    true, list + "/new" + Pages.query([("customer_id", f.customerId.map(String.init))]),
                    req.t("opportunity.new"), primary: true),
            ],
            above:
                "<p class=\"muted\" id=\"pipeline-sum\">\(req.t("opportunity.pipeline")) · \(req.t("opportunity.column_total", ["amount": "¥" + yuan(sum), "weighted": "¥" + yuan(weighted)]))</p>",
            bar: filterBar(req, m.query, action: list, reps: try await reps(req, actor), stages: stages, board: false))
        return Pages.page(req, title: req.t(OpportunityKind.title), active: list, view)
    }

    /// How many cards a column shows; its count and totals cover all of them.
    static let cardsPerColumn = 50

    static func board(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard OpportunityAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let query = Pages.listQuery(req, OpportunityKind.filters, into: OpportunityKind.filter)
        var f = query.filter
        f.stage = nil
        f.openOnly = false
        let names = try await req.userNames(), stages = try await req.store.opportunityStages().0
        let totals = try await req.store.stageTotals(f, for: actor)
        var columns: [HTML] = []
        let csrf = Pages.csrfField(req)
        for total in totals {
            let stage = total.stage
            let cards = try await req.store.boardColumn(stage, f, limit: cardsPerColumn, for: actor)
            let action = OpportunityProcess.Action.move(to: stage)!
            let cardHTML = cards.map { o -> HTML in
                let subject = OpportunityProcess.Subject(o, stages: stages)
                let offers = ProcessEngine.offers(OpportunityProcess.self, subject: subject, actor: actor).filter {
                    $0.action != .lose && $0.action != .reopen
                }
                let moves = offers.compactMap { offer -> (value: String, label: String)? in
                    guard
                        let target = stages.order.first(where: {
                            OpportunityProcess.Action.move(to: $0) == offer.action
                        })
                    else { return nil }
                    return (offer.action.rawValue, stages.label(target, req.locale))
                }
                let form: HTML =
                    moves.isEmpty
                    ? ""
                    : """
                    <form class="move-form" method="post" action="/opportunities/\(o.id)/act?back=board">\(csrf)<input type="hidden" name="version" value="\(o.version)">
                    <select name="action" required aria-label="\(req.t("opportunity.move_to"))">\(Pages.options([("", stages.label(o.stage, req.locale))] + moves, ""))</select><button class="btn" type="submit">\(req.t("opportunity.move"))</button></form>
                    """
                return """
                    <div class="kanban-card" id="opp-\(o.id)" data-id="\(o.id)"\(HTML.when(!moves.isEmpty, " draggable=\"true\""))><a class="title" href="/opportunities/\(o.id)">\(o.title)</a>
                    <div class="meta">\(o.customerName) · ¥\(yuan(o.amount)) · \(o.probability)%</div>
                    <div class="meta">\(names[o.ownerId] ?? "—")\(o.expectedClose.isEmpty ? "" : " · \(o.expectedClose)")</div>\(form)</div>
                    """
            }
            let more: HTML =
                total.count > cards.count
                ? "<a class=\"muted\" href=\"/opportunities\(Pages.query([("stage", stage.rawValue)]))\">\(req.t("list.total", ["count": String(total.count)]))</a>"
                : ""
            columns.append(
                """
                <section class="kanban-col" data-stage="\(stage.rawValue)" data-action="\(action.rawValue)"\(HTML.when(stage == .lost, " data-dialog=\"lose-dialog\""))>
                <h2><span>\(stages.label(stage, req.locale))</span><span class="count">\(req.t("opportunity.count", ["count": String(total.count)]))</span></h2>
                <div class="totals">\(req.t("opportunity.column_total", ["amount": "¥" + yuan(total.amount), "weighted": "¥" + yuan(total.weighted)]))</div>
                <div class="kanban-cards">\(HTML.join(cardHTML))</div>\(more)</section>
                """)
        }
        return Pages.page(
            req, title: req.t("opportunity.board"), active: "/opportunities/board",
            """
            <div class="toolbar"><h1>\(req.t("opportunity.board"))</h1><div class="actions">
            <a class="btn" href="/opportunities\(query.query)">\(req.t("opportunity.as_list"))</a>
            <a class="btn primary" href="/opportunities/new">\(req.t("opportunity.new"))</a></div></div>
            \(filterBar(req, query, action: "/opportunities/board", reps: try await reps(req, actor), stages: stages, board: true))
            <p class="muted">\(req.t("opportunity.drag_hint"))</p>
            <div class="kanban" id="kanban">\(HTML.join(columns))</div>
            <dialog id="lose-dialog"><form method="dialog" class="stack" id="lose-form">
            <h2>\(req.t("process.opportunity.action.lose"))</h2>
            <div class="field"><label for="lose-reason" class="req">\(req.t("opportunity.loss_reason"))</label><textarea id="lose-reason" name="reason" rows="3" maxlength="1000" required></textarea></div>
            <div class="field"><label for="lose-winner" class="req">\(req.t("opportunity.winner"))</label><input id="lose-winner" name="winner" maxlength="200" required></div>
            <div class="actions"><button class="btn" value="cancel" formnovalidate>\(req.t("form.cancel"))</button>
            <button class="btn primary" value="lose">\(req.t("process.opportunity.action.lose"))</button></div></form></dialog>
            """)
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(req, values: ["customer_id": req.query("customer_id") ?? ""], errors: [], error: nil)
    }

    /// The customers one may open an opportunity for: a rep's own; the others' from the archive (the first 500 by name).
    static func customerChoices(_ req: Request, _ actor: Actor) async throws -> [(value: String, label: String)] {
        let list = try await req.store.customers(CustomerFilter(), ListQuery(limit: 200, sortField: "name"), for: actor)
            .items
        return [("", "—")]
            + list.filter { OpportunityAccess.canOpen(actor, customerOwnerId: $0.customer.ownerId) }.map {
                (String($0.customer.id), $0.customer.name)
            }
    }

    static func factFields(
        _ req: Request, _ actor: Actor, values: [String: String], errors: [FieldError], products: [Product],
        reps: [User]
    ) -> HTML {
        let chosen = Set((values["product_ids"] ?? "").split(separator: ",").map(String.init))
        let boxes = products.map { p -> HTML in
            "<label class=\"check\"><input type=\"checkbox\" name=\"product_ids\" value=\"\(p.id)\"\(HTML.when(chosen.contains(String(p.id)), " checked"))> \(p.code) \(p.name)</label>"
        }
        let err = errors.first { $0.field == "product_ids" }
        return """
            \(Pages.field(req, "title", label: req.t("opportunity.title"), value: values["title"] ?? "", errors: errors, required: true))
            <fieldset class="field"><legend>\(req.t("opportunity.products"))</legend>\(HTML.join(boxes))\(err.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" as HTML } ?? "")</fieldset>
            \(Pages.field(req, "amount", label: req.t("opportunity.amount"), value: values["amount"] ?? "", errors: errors, attrs: " inputmode=\"decimal\""))
            \(PriceAccess.seesConfidential(actor) ? Pages.field(req, "expected_profit", label: req.t("opportunity.expected_profit"), value: values["expected_profit"] ?? "", errors: errors, attrs: " inputmode=\"decimal\"") : "")
            \(values["probability"] == nil ? "" : Pages.field(req, "probability", label: req.t("opportunity.probability"), value: values["probability"] ?? "", errors: errors, type: "number", attrs: " min=\"0\" max=\"100\""))
            \(Pages.field(req, "expected_close", label: req.t("opportunity.expected_close"), value: values["expected_close"] ?? "", errors: errors, type: "date"))
            \(reps.isEmpty ? "" : Pages.select(req, "owner_id", label: req.t("opportunity.owner"), options: [("", "—")] + reps.map { (String($0.id), $0.displayName) }, selected: values["owner_id"] ?? "", errors: errors))
            \(Pages.field(req, "competitors", label: req.t("opportunity.competitors"), value: values["competitors"] ?? "", errors: errors))
            """
    }

    static func form(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard OpportunityAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let products = try await req.store.products(includeInactive: false, for: actor)
        return Pages.page(
            req, title: req.t("opportunity.new"), active: "/opportunities", status: status,
            """
            <h1>\(req.t("opportunity.new"))</h1>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/opportunities" novalidate id="opportunity-form">\(Pages.csrfField(req))
            \(Pages.picker(req, "customer_id", kind: .customer, label: req.t("opportunity.customer"), options: try await customerChoices(req, actor), selected: values["customer_id"] ?? "", errors: errors, required: true))
            \(factFields(req, actor, values: values, errors: errors, products: products, reps: try await reps(req, actor)))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("opportunity.new"))</button></div></form>
            """)
    }

    /// The posted facts, as the API reads them, and as the form shows them again after a refusal.
    static func posted(_ req: Request) throws -> (input: OpportunityInput, values: [String: String]) {
        let posted = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for k in OpportunityInput.createFields where k != "product_ids" { values[k] = posted.string(k, &e) ?? "" }
        values["product_ids"] = (posted.idList("product_ids", &e) ?? []).joined(separator: ",")
        var input = try posted.opportunity()
        if input.productIds == nil { input.productIds = [] }
        // A field the form does not show is not sent.
        if !posted.has("expected_profit") { input.profit = nil }
        if !posted.has("probability") { input.probability = nil }
        if !posted.has("owner_id") || (values["owner_id"] ?? "").isEmpty { input.ownerId = nil }
        return (input, values)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (input, values) = try posted(req)
        do {
            let o = try await req.store.createOpportunity(input, by: actor)
            return Pages.redirect(req, "/opportunities/\(o.id)")
        } catch let err as DomainError
            where err.kind != .notFound && err.kind != .unauthenticated
            && !(err.kind == .forbidden && !OpportunityAccess.canBrowse(actor))
        {
            return try await form(req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.opportunity(id: id, for: actor) != nil else { throw DomainError.notFound }
        let (input, _) = try posted(req)
        var e: [FieldError] = []
        let form = try Input.form(req)
        let version = Int(form.string("version", &e) ?? "") ?? 0
        do {
            _ = try await req.store.updateOpportunity(id: id, version: version, input, by: actor)
            return Pages.redirect(req, "/opportunities/\(id)")
        } catch let err as DomainError where err.kind != .notFound && err.kind != .unauthenticated {
            return try await page(req, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.opportunitySubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let o = s.opportunity.seen(by: actor)
        let names = try await req.userNames()
        let products = try await req.store.products(includeInactive: true, for: actor)
        let productNames = o.productIds.compactMap { id in
            products.first { $0.id == id }.map { "\($0.code) \($0.name)" }
        }
        let offers = ProcessEngine.offers(OpportunityProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, OpportunityProcess.self, route: "opportunities", id: o.id, version: s.version, offers: offers,
            errors: error?.fields ?? []
        ) { f, errors in
            switch f {
            case .reason:
                return Pages.field(
                    req, "reason", label: req.t("opportunity.loss_reason"), value: "", errors: errors, required: true,
                    type: "textarea")
            case .winner:
                return Pages.field(
                    req, "winner", label: req.t("opportunity.winner"), value: "", errors: errors, required: true)
            case .amount:
                return Pages.field(
                    req, "amount", label: req.t("opportunity.amount"), value: o.amount.decimalString, errors: errors,
                    attrs: " inputmode=\"decimal\"")
            default: return nil
            }
        }
        let links = try await req.store.opportunityLinks(o.id)
        let linkRows = links.map { l -> HTML in
            let path =
                ["quotation": "quotations", "tender": "tenders", "contract": "contracts"][l.kind] ?? "quotations"
            return
                "<tr><td>\(req.t("opportunity.\(path)"))</td><td><a href=\"/\(path)/\(l.id)\">\(l.number)</a></td><td>\(l.title)</td><td>\(req.t("process.\(l.kind).state.\(l.state)"))</td></tr>"
        }
        let editable = o.stage.isOpen && OpportunityAccess.canWork(actor, o)
        // The lead it came from, by its number (XS2026-0005) when the reader may read it.
        var leadNumber: String?
        if let id = o.leadId { leadNumber = try await req.store.lead(id: id, for: actor)?.number }
        let values: [String: String] = [
            "title": o.title, "product_ids": o.productIds.map(String.init).joined(separator: ","),
            "amount": o.amount.decimalString,
            "expected_profit": o.profit?.decimalString ?? "", "probability": String(o.probability),
            "expected_close": o.expectedClose,
            "owner_id": String(o.ownerId), "competitors": o.competitors,
        ]
        let editForm: HTML =
            editable
            ? """
            <details class="card"\(HTML.when(error != nil && error!.fields.contains { $0.field != "comment" && $0.field != "reason" && $0.field != "amount" }, " open"))><summary>\(req.t("opportunity.edit"))</summary>
            <form class="stack" method="post" action="/opportunities/\(o.id)/edit" novalidate id="opportunity-edit">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(o.version)">
            \(factFields(req, actor, values: values, errors: error?.fields ?? [], products: try await req.store.products(includeInactive: false, for: actor), reps: OpportunityAccess.mayReassign(actor) ? try await reps(req, actor) : []))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("opportunity.save"))</button></div></form></details>
            """ : ""
        let history = try await req.store.history(OpportunityProcess.name, o.id)
        return Pages.page(
            req, title: o.number, active: "/opportunities", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("opportunity.title_label")) \(o.number) · \(o.title)</h1>
            <div class="meta">\(stageBadge(req, o.stage, s.stages))<span><a href="/customers/\(o.customerId)">\(o.customerName)</a></span>
            <span>\(names[o.ownerId] ?? "—")</span></div></div></div>
            \(Pages.alert(req, error))
            <div class="cols"><div>
              <div class="card"><dl class="props" id="opportunity-facts">
                <dt>\(req.t("opportunity.amount"))</dt><dd>¥\(yuan(o.amount))</dd>
                \(o.profit.map { "<dt>\(req.t("opportunity.expected_profit"))</dt><dd>¥\(yuan($0))</dd>" as HTML } ?? "")
                <dt>\(req.t("opportunity.probability"))</dt><dd>\(o.probability)% · \(req.t("opportunity.weighted")) ¥\(yuan(o.weighted))</dd>
                <dt>\(req.t("opportunity.expected_close"))</dt><dd>\(o.expectedClose.isEmpty ? "—" : o.expectedClose)</dd>
                <dt>\(req.t("opportunity.products"))</dt><dd>\(productNames.isEmpty ? "—" : productNames.joined(separator: "、"))</dd>
                <dt>\(req.t("opportunity.competitors"))</dt><dd>\(o.competitors.isEmpty ? "—" : o.competitors)</dd>
                <dt>\(req.t("opportunity.stage_since"))</dt><dd>\(DateText.minute(o.stageChangedAt / 1000))</dd>
                \(o.closedOn.isEmpty ? "" : "<dt>\(req.t("opportunity.closed_on"))</dt><dd>\(o.closedOn)</dd>" as HTML)
                \(o.wonBy.isEmpty ? "" : "<dt>\(req.t("opportunity.won_by"))</dt><dd>\(o.wonBy)</dd>" as HTML)
                \(o.lossReason.isEmpty ? "" : "<dt>\(req.t("opportunity.loss_reason"))</dt><dd>\(o.lossReason)</dd>" as HTML)
                \(o.winner.isEmpty ? "" : "<dt>\(req.t("opportunity.winner"))</dt><dd>\(o.winner)</dd>" as HTML)
                \(o.leadId.map { id in "<dt>\(req.t("opportunity.lead"))</dt><dd>\(leadNumber.map { "<a class=\"nowrap\" href=\"\(Route.page(.leads, id))\">\($0)</a>" as HTML } ?? "\(req.t("lead.title"))")</dd>" as HTML } ?? "")
              </dl></div>
              \(editForm)
              <h2>\(req.t("opportunity.linked"))</h2>
              <div class="table-wrap"><table class="data" id="opportunity-links"><tbody>\(linkRows.isEmpty ? "<tr><td class=\"muted\">\(req.t("opportunity.none"))</td></tr>" as HTML : HTML.join(linkRows))</tbody></table></div>
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, OpportunityProcess.name, history))</div></div>
            """)
    }

    // MARK: Stage settings

    static func stagesPage(_ req: Request) async throws -> Response {
        try await stagesForm(req, error: nil, saved: req.query("saved") == "1")
    }

    static func stagesForm(_ req: Request, error: DomainError?, saved: Bool = false, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let actor = try req.actor()
        guard actor.has(.admin) else { throw DomainError.forbidden }
        let (stages, version) = try await req.store.opportunityStages()
        let rows = stages.entries.enumerated().map { i, e -> HTML in
            let open = e.stage.isOpen
            return """
                <tr><td>\(Catalog.text(e.stage.labelKey, [:], req.locale))<input type="hidden" name="stage_\(i)" value="\(e.stage.rawValue)"></td>
                <td><input name="name_\(i)" value="\(e.name)" maxlength="20" aria-label="\(req.t("opportunity.stage_name"))"></td>
                <td>\(open ? "<input type=\"number\" name=\"probability_\(i)\" min=\"0\" max=\"100\" value=\"\(e.probability)\" aria-label=\"\(req.t("opportunity.stage_probability"))\">" as HTML : "\(e.probability)%")</td>
                <td>\(open ? "<input type=\"number\" name=\"position_\(i)\" min=\"1\" max=\"5\" value=\"\(i + 1)\" aria-label=\"\(req.t("opportunity.stage_position"))\">" as HTML : "—")</td></tr>
                """
        }
        return Pages.page(
            req, title: req.t("opportunity.stages_settings"), active: "/settings/opportunity-stages", status: status,
            """
            <h1>\(req.t("opportunity.stages_settings"))</h1>
            \(saved ? "<div class=\"alert ok\" role=\"status\">\(req.t("opportunity.stages_saved"))</div>" as HTML : "")
            \(Pages.alert(req, error))
            <p class="muted">\(req.t("opportunity.stages_note"))</p>
            <form class="card" method="post" action="/settings/opportunity-stages" id="stages-form">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(version)">
            <div class="table-wrap"><table class="data"><thead><tr><th>\(req.t("opportunity.stage_default"))</th><th>\(req.t("opportunity.stage_name"))</th>
            <th>\(req.t("opportunity.stage_probability"))</th><th>\(req.t("opportunity.stage_position"))</th></tr></thead><tbody>\(HTML.join(rows))</tbody></table></div>
            <div class="actions"><button class="btn primary" type="submit">\(req.t("opportunity.save"))</button></div></form>
            """)
    }

    static func saveStages(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard actor.has(.admin) else { throw DomainError.forbidden }
        let posted = try Pages.form(req)
        var e: [FieldError] = []
        var entries: [(position: Int, entry: OpportunityStages.Entry)] = []
        for i in 0..<Opportunity.Stage.allCases.count {
            guard let stage = posted.string("stage_\(i)", &e).flatMap(Opportunity.Stage.init(rawValue:)) else {
                continue
            }
            let probability =
                Int((posted.string("probability_\(i)", &e) ?? "").trimmingCharacters(in: .whitespaces))
                ?? (stage == .won ? 100 : (stage == .lost ? 0 : -1))
            let position =
                Int((posted.string("position_\(i)", &e) ?? "").trimmingCharacters(in: .whitespaces)) ?? (100 + i)
            entries.append(
                (
                    stage.isOpen ? position : 100 + i,
                    OpportunityStages.Entry(stage, name: posted.string("name_\(i)", &e) ?? "", probability: probability)
                ))
        }
        let ordered = entries.enumerated().sorted {
            ($0.element.position, $0.offset) < ($1.element.position, $1.offset)
        }.map(\.element.entry)
        do {
            _ = try await req.store.setOpportunityStages(
                OpportunityStages(entries: ordered), version: (try? posted.version(req)) ?? 0, by: actor)
            return Pages.redirect(req, "/settings/opportunity-stages?saved=1")
        } catch let err as DomainError
            where err.kind != .notFound && err.kind != .unauthenticated && err.kind != .forbidden
        {
            return try await stagesForm(req, error: err, status: Pages.refusalStatus(err))
        }
    }
}
