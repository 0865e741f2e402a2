import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

extension SalesPages {
    // MARK: quotations

    static func stateBadge(_ req: Request, _ s: Quotation.State) -> HTML {
        let kind =
            switch s {
            case .accepted, .approved: "ok"
            case .pendingApproval, .sent: "warn"
            case .declined, .cancelled: "bad"
            default: ""
            }
        return Pages.badge(req.t(s.labelKey), kind)
    }

    static func quotations(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, QuotationKind.self)
        let list = Route.page(.quotations)
        let view = ListPages.view(
            req, m,
            buttons: [
                ListPages.button(QuotationAccess.canWrite(actor), list + "/new", req.t("quotation.new"), primary: true)
            ],
            choices: try await OpportunityPages.ownerChoices(req, actor))
        return Pages.page(req, title: req.t(QuotationKind.title), active: list, view)
    }

    static func quotationForm(
        _ req: Request, _ q: Quotation?, actor: Actor, values: [String: String], lines: [(String, String, String)],
        errors: [FieldError],
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let products = try await req.store.products(for: actor)
        let v = { (k: String) in values[k] ?? "" }
        var customerField: HTML
        if let q {
            let name = try await req.store.quotation(id: q.id, for: actor)?.customerName ?? ""
            customerField = "<div class=\"field\"><label>\(req.t("col.name"))</label><div>\(name)</div></div>"
        } else {
            let mine = try await req.store.customers(
                CustomerFilter(), ListQuery(limit: 200, offset: 0, sortField: "name"), for: actor
            ).items
                .filter { CustomerAccess.canEdit(actor, $0.customer) }
            customerField = Pages.picker(
                req, "customer_id", kind: .customer, label: req.t("col.name"),
                options: [("", "—")] + mine.map { (String($0.customer.id), $0.customer.name) },
                selected: v("customer_id"), errors: errors, required: true)
        }
        let productOptions =
            [("", "—")]
            + products.map { (String($0.id), "\($0.code) · \($0.name) · ¥\($0.listPrice.grouped)/\($0.unit)") }
        var rows: [HTML] = []
        let padded = lines + Array(repeating: ("", "1", "0"), count: max(3, 8 - lines.count))
        for (i, l) in padded.enumerated() {
            let err = errors.first { $0.field.hasPrefix("lines[\(i)]") }
            rows.append(
                """
                <tr\(HTML.when(err != nil, " class=\"error\""))><td>\(i + 1)</td><td><select name="product_id[]" aria-label="\(req.t("product.name")) \(i + 1)">\(Pages.options(productOptions.map { (value: $0.0, label: $0.1) }, l.0))</select>\(err.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" as HTML } ?? "")</td>
                <td><input name="quantity[]" value="\(l.1)" inputmode="decimal" size="6" aria-label="\(req.t("quotation.col_quantity")) \(i + 1)"></td>
                <td><input name="discount[]" value="\(l.2)" inputmode="decimal" size="5" aria-label="\(req.t("quotation.col_discount")) \(i + 1)">%</td></tr>
                """)
        }
        let title = q == nil ? req.t("quotation.new") : "\(req.t("form.edit")) · \(q!.number) v\(q!.revision)"
        let error: DomainError? = errors.isEmpty ? nil : DomainError.validation(errors)
        return Pages.page(
            req, title: title, active: "/quotations", status: status,
            """
            <h1>\(title)</h1>\(Pages.alert(req, error))
            <form class="stack card" method="post" action="\(q.map { "/quotations/\($0.id)" } ?? "/quotations")" novalidate>\(Pages.csrfField(req))
              <input type="hidden" name="version" value="\(q.map { String($0.version) } ?? "")">
              \(customerField)
              \(Pages.field(req, "title", label: req.t("quotation.title"), value: v("title"), errors: errors, required: true, hint: req.t("quotation.title_hint")))
              \(Pages.field(req, "valid_until", label: req.t("quotation.valid_until"), value: v("valid_until"), errors: errors, type: "date"))
              \(try await OpportunityPages.linkField(req, actor, customerId: q?.customerId, selected: v("opportunity_id"), errors: errors))
              <div class="table-wrap"><table class="data" id="line-editor"><thead><tr><th>#</th><th>\(req.t("product.name"))</th><th>\(req.t("quotation.col_quantity"))</th><th>\(req.t("quotation.col_discount"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
              <p class="hint">\(req.t("quotation.lines_hint"))</p>
              \(Pages.field(req, "terms", label: req.t("quotation.terms"), value: v("terms"), errors: errors, type: "textarea"))
              <div><button class="btn primary" type="submit">\(req.t("form.save"))</button> <a class="btn" href="\(q.map { "/quotations/\($0.id)" } ?? "/quotations")">\(req.t("form.cancel"))</a></div>
            </form>
            """)
    }

    static func newQuotation(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard QuotationAccess.canWrite(actor) else { throw DomainError.forbidden }
        let valid = DateText.day(Int64(Date().timeIntervalSince1970) + 30 * 86_400)
        return try await quotationForm(
            req, nil, actor: actor,
            values: [
                "customer_id": req.query("customer_id") ?? "", "valid_until": valid,
                "opportunity_id": req.query("opportunity_id") ?? "",
            ], lines: [], errors: [])
    }

    /// The posted lines as (product, quantity, discount), empty rows dropped.
    static func postedLines(_ input: Input) -> [(String, String, String)] {
        func list(_ k: String) -> [String] {
            switch input.values[k] {
            case .list(let items)?: items.map { if case .string(let s) = $0 { s } else { "" } }
            case .string(let s)?: [s]
            default: []
            }
        }
        let p = list("product_id"), q = list("quantity"), d = list("discount")
        return p.indices.compactMap { i in
            p[i].isEmpty ? nil : (p[i], i < q.count ? q[i] : "1", i < d.count ? d[i] : "0")
        }
    }

    static func quotationInput(_ input: Input) throws -> QuotationInput {
        var e: [FieldError] = []
        let result = QuotationInput(
            customerId: input.string("customer_id", &e), title: input.string("title", &e),
            validUntil: input.string("valid_until", &e),
            terms: input.string("terms", &e),
            lines: postedLines(input).map { QuotationInput.Line(productId: $0.0, quantity: $0.1, discount: $0.2) },
            opportunityId: input.string("opportunity_id", &e))
        try Input.check(e)
        return result
    }

    static func createQuotation(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        do {
            let q = try await req.store.createQuotation(try quotationInput(input), by: actor)
            return Pages.redirect(req, "/quotations/\(q.id)")
        } catch let e as DomainError where e.kind == .validation {
            return try await quotationForm(
                req, nil, actor: actor, values: formValues(input), lines: postedLines(input), errors: e.fields,
                status: .unprocessableEntity)
        }
    }

    static func editQuotation(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let item = try await req.store.quotation(id: try id(req), for: actor) else { throw DomainError.notFound }
        let q = item.quotation
        if let refusal = q.editRefusal { throw refusal }
        let lines = q.lines.map {
            (String($0.productId), $0.quantity.text, Rate.text($0.discount).replacingOccurrences(of: "%", with: ""))
        }
        return try await quotationForm(
            req, q, actor: actor,
            values: [
                "title": q.title, "valid_until": q.validUntil, "terms": q.terms,
                "opportunity_id": q.opportunityId.map(String.init) ?? "",
            ], lines: lines, errors: [])
    }

    static func updateQuotation(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        guard let item = try await req.store.quotation(id: try id(req), for: actor) else { throw DomainError.notFound }
        do {
            _ = try await req.store.updateQuotation(
                id: item.quotation.id, version: try input.version(req), try quotationInput(input), by: actor)
            return Pages.redirect(req, "/quotations/\(item.quotation.id)")
        } catch let e as DomainError where e.kind == .validation || e.kind == .conflict {
            let errors = e.fields.isEmpty ? [FieldError("title", e.message.key, e.message.args)] : e.fields
            return try await quotationForm(
                req, item.quotation, actor: actor, values: formValues(input), lines: postedLines(input), errors: errors,
                status: e.kind == .conflict ? .conflict : .unprocessableEntity)
        }
    }

    /// Where a record stands in its process: the main path, the current step highlighted, and as done exactly the
    /// steps its history went through — a declined quotation was sent, a lost bid was handed in, and a contract that
    /// needed no meeting never waited for one.
    static func stepBar(_ req: Request, process: String, path: [String], current: String, history: [ProcessEvent])
        -> HTML
    {
        let visited = Set(history.flatMap { [$0.fromState, $0.toState] })
        let items = path.map { s -> HTML in
            let cls = s == current ? "now" : (visited.contains(s) ? "done" : "")
            return
                "<li class=\"\(cls)\"\(HTML.when(s == current, " aria-current=\"step\""))>\(req.t("process.\(process).state.\(s)"))</li>"
        }
        let off: HTML =
            path.contains(current)
            ? "" : " <span class=\"badge bad\">\(req.t("process.\(process).state.\(current)"))</span>"
        return "<ol class=\"steps\" id=\"step-bar\">\(items)</ol>\(off)"
    }

    static func historyHTML(_ req: Request, _ process: String, _ events: [ProcessEvent]) -> HTML {
        let items = events.map { e -> HTML in
            let action =
                Catalog.has("process.\(process).action.\(e.action)")
                ? req.t("process.\(process).action.\(e.action)") : req.t("process.created")
            return """
                <li><div class="when">\(DateText.minute(e.at / 1000)) · \(e.actorName)</div><p><b>\(action)</b>\(e.toState.isEmpty ? "" : " → \(req.t("process.\(process).state.\(e.toState)"))")</p>\(e.comment.isEmpty ? "" : "<p>\(e.comment)</p>" as HTML)</li>
                """
        }
        return "<h2>\(req.t("process.history"))</h2><ul class=\"timeline\" id=\"history\">\(items)</ul>"
    }

    static func quotation(_ req: Request) async throws -> Response {
        try await quotationPage(req, error: nil)
    }

    static func quotationPage(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let actor = try req.actor()
        guard let item = try await req.store.quotation(id: try id(req), for: actor) else { throw DomainError.notFound }
        let q = item.quotation
        let t = q.totals
        let secret = PriceAccess.seesConfidential(actor)
        let (standard, approval, offers) = try await SalesRoutes.quotationContext(req, q, actor: actor)
        let lineRows = q.lines.enumerated().map { i, l -> HTML in
            let conf: HTML =
                secret
                ? "<td class=\"num\">\(yuan(l.floorPrice))\(l.belowFloor ? Pages.badge(req.t("quotation.under_floor"), "bad") : "")</td>"
                : ""
            return """
                <tr><td>\(i + 1)</td><td>\(l.code)</td><td>\(l.name)</td><td class="num">\(l.quantity.text) \(l.unit)</td><td class="num">\(yuan(l.listPrice))</td>
                <td class="num">\(Rate.text(l.discount))\(l.discount > standard ? Pages.badge(req.t("quotation.over_standard_short"), "warn") : "")</td><td class="num">\(yuan(l.unitPrice))</td><td class="num">\(yuan(l.netAmount))</td><td class="num opt">\(l.taxRate)%</td>\(conf)</tr>
                """
        }
        let reasons = q.approvalReasons(standardDiscount: standard)
        let approvalHTML: HTML
        if let a = approval {
            approvalHTML = """
                <div class="card" id="approval"><h2>\(req.t("approval.heading"))</h2><dl class="props">
                <dt>\(req.t("col.status"))</dt><dd>\(req.t(a.state.labelKey))</dd>
                <dt>\(req.t("approval.amount"))</dt><dd>¥\(yuan(a.amount))</dd>
                <dt>\(req.t("approval.routed_to"))</dt><dd>\(req.t(a.approverRole.labelKey))\(ApprovalRequest.seesBasis(actor) ? "（\(limitText(req, a))）" as HTML : "")</dd>
                \(ApprovalRequest.seesBasis(actor) && !a.basis.isEmpty ? "<dt>\(req.t("approval.basis"))</dt><dd>\(a.basis)</dd>" as HTML : "")
                \(a.decisionComment.isEmpty ? "" : "<dt>\(req.t("process.comment"))</dt><dd>\(a.decisionComment)</dd>" as HTML)</dl></div>
                """
        } else if !reasons.isEmpty {
            // The rep learns only that approval is needed: the reason may tell where the floor lies.
            approvalHTML =
                ApprovalRequest.seesBasis(actor)
                ? "<div class=\"alert warn\">\(reasons.map { $0.text(req.locale) }.joined(separator: "；"))</div>"
                : "<div class=\"alert warn\">\(req.t("approval.needed_generic"))</div>"
        } else {
            approvalHTML = ""
        }
        let actionForm: HTML =
            offers.isEmpty
            ? ""
            : """
            <div id="actions">\(ProcessPages.forms(req, QuotationProcess.self, route: "quotations", id: q.id, version: q.version, offers: offers, errors: error?.fields ?? []))</div>
            """
        let profit: HTML = secret ? "<dt>\(req.t("quotation.profit"))</dt><dd>¥\(yuan(t.profit))</dd>" : ""
        let history = try await req.store.history("quotation", q.id)
        return Pages.page(
            req, title: "\(q.number) v\(q.revision)", active: "/quotations", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("quotation.heading")) \(q.number) <small>v\(q.revision)</small></h1>
            <div class="meta">\(stateBadge(req, q.state))<span><a href="/customers/\(q.customerId)">\(item.customerName)</a></span><span>\(q.title)</span><span>\(req.t("col.owner"))：\(item.ownerName)</span><span>\(req.t("quotation.valid_until"))：\(q.validUntil)</span></div></div>
            <div class="actions">\(q.state == .draft && QuotationAccess.canWrite(actor) ? "<a class=\"btn\" href=\"/quotations/\(q.id)/edit\">\(req.t("form.edit"))</a>" as HTML : "")
            \(q.state == .accepted && ContractAccess.canDraft(actor) ? "<a class=\"btn primary\" href=\"/contracts/new?quotation_id=\(q.id)\">\(req.t("quotation.to_contract"))</a>" as HTML : "")
            <a class="btn" href="/quotations/\(q.id)/print">\(req.t("quotation.print"))</a></div></div>
            \(stepBar(req, process: "quotation", path: ["draft", "pending_approval", "approved", "sent", "accepted"], current: q.state.rawValue, history: history))
            \(Pages.alert(req, error))
            <div class="table-wrap"><table class="data" id="lines"><thead><tr><th>#</th><th>\(req.t("product.code"))</th><th>\(req.t("product.name"))</th><th class="num">\(req.t("quotation.col_quantity"))</th><th class="num">\(req.t("product.list_price"))</th><th class="num">\(req.t("quotation.col_discount"))</th><th class="num">\(req.t("quotation.unit_price"))</th><th class="num">\(req.t("quotation.net"))</th><th class="num opt">\(req.t("product.tax_rate"))</th>\(secret ? "<th class=\"num\">\(req.t("product.floor_price"))</th>" as HTML : "")</tr></thead>
            <tbody>\(lineRows.isEmpty ? "<tr><td colspan=\"10\" class=\"muted\">\(req.t("quotation.no_lines"))</td></tr>" as HTML : HTML.join(lineRows))</tbody></table></div>
            <div class="cols"><div class="card"><dl class="props" id="totals">
              <dt>\(req.t("quotation.list_total"))</dt><dd>¥\(yuan(t.list))</dd><dt>\(req.t("quotation.discount_total"))</dt><dd>¥\(yuan(t.discount))</dd>
              <dt>\(req.t("quotation.net"))</dt><dd>¥\(yuan(t.net))</dd><dt>\(req.t("quotation.tax"))</dt><dd>¥\(yuan(t.tax))</dd>
              <dt>\(req.t("quotation.gross"))</dt><dd><b>¥\(yuan(t.gross))</b></dd>\(profit)</dl></div>
            <div>\(approvalHTML)\(actionForm)</div></div>
            \(q.terms.isEmpty ? "" : "<div class=\"card\"><h2>\(req.t("quotation.terms"))</h2><p>\(q.terms)</p></div>" as HTML)
            \(historyHTML(req, "quotation", history))
            """)
    }

    static func printQuotation(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let item = try await req.store.quotation(id: try id(req), for: actor) else { throw DomainError.notFound }
        let q = item.quotation
        let t = q.totals
        let rows = q.lines.enumerated().map { i, l -> HTML in
            """
            <tr><td>\(i + 1)</td><td>\(l.code)</td><td>\(l.name)</td><td>\(l.unit)</td><td class="num">\(l.quantity.text)</td><td class="num">\(yuan(l.listPrice))</td>
            <td class="num">\(Rate.text(l.discount))</td><td class="num">\(yuan(l.unitPrice))</td><td class="num">\(yuan(l.netAmount))</td><td class="num">\(l.taxRate)%</td><td class="num">\(yuan(l.taxAmount))</td></tr>
            """
        }
        let html: HTML = """
            <!doctype html><html lang="\(req.locale.rawValue)"><head><meta charset="utf-8"><title>\(q.number) v\(q.revision) · \(item.customerName)</title>
            <link rel="stylesheet" href="/static/app.css"></head><body class="print-doc">
            <div class="print-actions"><a class="btn" href="/quotations/\(q.id)">← \(req.t("nav.quotations"))</a> <span class="muted">\(req.t("quotation.print_hint"))</span></div>
            <article class="quote-sheet">
            <header><h1>\(req.t("quotation.sheet_title"))</h1><p class="muted">\(req.t("app.name"))</p></header>
            <table class="meta-table"><tr><th>\(req.t("quotation.to"))</th><td>\(item.customerName)</td><th>\(req.t("quotation.number"))</th><td>\(q.number)-V\(q.revision)</td></tr>
            <tr><th>\(req.t("quotation.title"))</th><td>\(q.title)</td><th>\(req.t("quotation.date"))</th><td>\(DateText.day(q.updatedAt / 1000))</td></tr>
            <tr><th>\(req.t("col.owner"))</th><td>\(item.ownerName)</td><th>\(req.t("quotation.valid_until"))</th><td>\(q.validUntil)</td></tr></table>
            <table class="lines"><thead><tr><th>\(req.t("quotation.seq"))</th><th>\(req.t("product.code"))</th><th>\(req.t("product.name"))</th><th>\(req.t("product.unit"))</th><th>\(req.t("quotation.col_quantity"))</th><th>\(req.t("product.list_price"))</th><th>\(req.t("quotation.col_discount"))</th><th>\(req.t("quotation.unit_price"))</th><th>\(req.t("quotation.net"))</th><th>\(req.t("product.tax_rate"))</th><th>\(req.t("quotation.tax"))</th></tr></thead>
            <tbody>\(rows)</tbody>
            <tfoot><tr><td colspan="8">\(req.t("quotation.net"))</td><td class="num">\(yuan(t.net))</td><td></td><td class="num">\(yuan(t.tax))</td></tr>
            <tr><td colspan="8">\(req.t("quotation.gross"))（\(req.t("quotation.in_words"))：\(t.gross.chineseUppercase)）</td><td colspan="3" class="num"><b>¥\(yuan(t.gross))</b></td></tr></tfoot></table>
            \(q.terms.isEmpty ? "" : "<section><h2>\(req.t("quotation.terms"))</h2><p>\(q.terms)</p></section>" as HTML)
            <footer class="signatures"><div>\(req.t("quotation.our_seal"))</div><div>\(req.t("quotation.customer_seal"))</div></footer>
            </article></body></html>
            """
        let res = Response(status: .ok, body: .init(string: html.raw))
        res.headers.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return res
    }
}
