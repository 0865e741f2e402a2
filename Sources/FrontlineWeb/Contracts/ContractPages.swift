import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The contract ledger and the contract review pages (SPEC §3.2).
enum ContractPages {
    static func register(_ app: Application) {
        app.get("contracts", use: list)
        app.get("contracts", "new", use: newForm)
        app.post("contracts", use: create)
        app.get("contracts", ":id", use: show)
        app.get("contracts", ":id", "edit", use: editForm)
        app.post("contracts", ":id", use: update)
        ProcessPages.register(
            app, ContractProcess.self, route: "contracts",
            act: { req, id, action, input, version in
                let actor = try req.actor()
                let k = try await req.store.actOnContract(id: id, action, input, version: version, by: actor)
                if action == .amend,
                    let next = try await req.store.contracts(ContractFilter(q: k.number), limit: 1, for: actor).items
                        .first
                {
                    return "/contracts/\(next.contract.id)"
                }
                return "/contracts/\(k.id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
    }

    static func yuan(_ m: Money) -> String { m.grouped }

    static func stateBadge(_ req: Request, _ s: Contract.State) -> HTML {
        let kind =
            switch s {
            case .effective, .approved: "ok"
            case .inReview, .awaitingMeeting: "warn"
            case .cancelled: "bad"
            default: ""
            }
        return Pages.badge(req.t(s.labelKey), kind)
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, ContractKind.self)
        let list = Route.page(.contracts)
        let view = ListPages.view(
            req, m,
            buttons: [
                ListPages.button(ContractAccess.canDraft(actor), list + "/new", req.t("contract.new"), primary: true)
            ],
            choices: try await OpportunityPages.ownerChoices(req, actor))
        return Pages.page(req, title: req.t(ContractKind.title), active: list, view)
    }

    static func milestoneText(_ ms: [PaymentMilestone]) -> String {
        ms.map { "\($0.name)｜\($0.amount.decimalString)\($0.due.isEmpty ? "" : "｜\($0.due)")" }.joined(separator: "\n")
    }

    /// Milestones typed one per line: `name | amount | due`.
    static func parseMilestones(_ text: String) -> [ContractInput.Milestone] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(
                omittingEmptySubsequences: false, whereSeparator: { $0 == "|" || $0 == "｜" || $0 == "/" }
            )
            .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.contains(where: { !$0.isEmpty }) else { return nil }
            return ContractInput.Milestone(
                name: parts[0], amount: parts.count > 1 ? parts[1] : "", due: parts.count > 2 ? parts[2] : "")
        }
    }

    static func form(
        _ req: Request, _ k: Contract?, actor: Actor, values: [String: String], errors: [FieldError],
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let v = { (key: String) in values[key] ?? "" }
        var source: HTML = ""
        if k == nil {
            let accepted = try await req.store.quotations(QuotationFilter(state: .accepted), limit: 200, for: actor)
                .items
            let customers = try await req.store.customers(
                CustomerFilter(), ListQuery(limit: 200, offset: 0, sortField: "name"), for: actor
            ).items
                .filter { CustomerAccess.canEdit(actor, $0.customer) }
            source = """
                \(Pages.select(req, "quotation_id", label: req.t("contract.from_quotation"), options: [("", "—")] + accepted.map { (String($0.quotation.id), "\($0.quotation.number) v\($0.quotation.revision) · \($0.customerName) · ¥\(yuan($0.quotation.totals.gross))") }, selected: v("quotation_id"), errors: errors))
                \(Pages.picker(req, "customer_id", kind: .customer, label: req.t("contract.or_customer"), options: [("", "—")] + customers.map { (String($0.customer.id), $0.customer.name) }, selected: v("customer_id"), errors: errors))
                """
        }
        let title = k == nil ? req.t("contract.new") : "\(req.t("form.edit")) · \(k!.number)"
        let error: DomainError? = errors.isEmpty ? nil : DomainError.validation(errors)
        let msErr = errors.first { $0.field.hasPrefix("milestones") }
        return Pages.page(
            req, title: title, active: "/contracts", status: status,
            """
            <h1>\(title)</h1>\(Pages.alert(req, error))
            <form class="stack card" method="post" action="\(k.map { "/contracts/\($0.id)" } ?? "/contracts")" novalidate>\(Pages.csrfField(req))
              <input type="hidden" name="version" value="\(k.map { String($0.version) } ?? "")">
              \(source)
              \(try await OpportunityPages.linkField(req, actor, customerId: k?.customerId, selected: v("opportunity_id"), errors: errors))
              \(Pages.field(req, "title", label: req.t("contract.title"), value: v("title"), errors: errors, hint: k == nil ? req.t("contract.title_hint") : nil))
              \(Pages.field(req, "amount", label: req.t("contract.amount"), value: v("amount"), errors: errors, hint: k == nil ? req.t("contract.amount_hint") : nil))
              \(Pages.field(req, "tax_rate", label: req.t("contract.tax_rate_label") + " (%)", value: v("tax_rate").isEmpty ? "13" : v("tax_rate"), errors: errors))
              \(PriceAccess.seesConfidential(actor) ? Pages.field(req, "cost_estimate", label: req.t("contract.cost_estimate"), value: v("cost_estimate"), errors: errors) : "")
              <div class="field\(HTML.when(msErr != nil, " error"))"><label for="f-milestones">\(req.t("contract.milestones"))</label>
              <textarea id="f-milestones" name="milestones_text" rows="4">\(v("milestones_text"))</textarea><div class="hint">\(req.t("contract.milestones_hint"))</div>
              \(msErr.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" as HTML } ?? "")</div>
              \(Pages.field(req, "technical_annex", label: req.t("contract.technical_annex"), value: v("technical_annex"), errors: errors, type: "textarea"))
              \(Pages.field(req, "commercial_terms", label: req.t("contract.commercial_terms"), value: v("commercial_terms"), errors: errors, type: "textarea"))
              <div class="field"><input type="hidden" name="special_present" value="1"><label><input type="checkbox" name="special" value="true"\(HTML.when(v("special") == "true", " checked"))> \(req.t("contract.special"))</label></div>
              <div><button class="btn primary" type="submit">\(req.t("form.save"))</button> <a class="btn" href="\(k.map { "/contracts/\($0.id)" } ?? "/contracts")">\(req.t("form.cancel"))</a></div>
            </form>
            """)
    }

    static func input(_ form: Input) throws -> ContractInput {
        var e: [FieldError] = []
        let ms = form.string("milestones_text", &e).map(parseMilestones)
        var special = form.bool("special", &e)
        if special == nil && form.values["special_present"] != nil { special = false }
        let quotation = form.string("quotation_id", &e).flatMap { $0.isEmpty ? nil : $0 }
        let result = ContractInput(
            customerId: quotation == nil ? form.string("customer_id", &e) : nil, quotationId: quotation,
            title: form.string("title", &e).flatMap { quotation != nil && $0.isEmpty ? nil : $0 },
            amount: form.string("amount", &e).flatMap { quotation != nil && $0.isEmpty ? nil : $0 },
            costEstimate: form.string("cost_estimate", &e).flatMap { quotation != nil && $0.isEmpty ? nil : $0 },
            milestones: ms.flatMap { $0.isEmpty ? nil : $0 }, technicalAnnex: form.string("technical_annex", &e),
            commercialTerms: form.string("commercial_terms", &e), special: special,
            taxRate: form.string("tax_rate", &e).flatMap { quotation != nil && $0.isEmpty ? nil : $0 },
            opportunityId: form.string("opportunity_id", &e).flatMap { quotation != nil && $0.isEmpty ? nil : $0 })
        try Input.check(e)
        return result
    }

    static func values(_ form: Input) -> [String: String] { SalesPages.formValues(form) }

    static func newForm(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard ContractAccess.canDraft(actor) else { throw DomainError.forbidden }
        return try await form(
            req, nil, actor: actor, values: ["quotation_id": req.query("quotation_id") ?? ""], errors: [])
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let posted = try Pages.form(req)
        do {
            let k = try await req.store.createContract(try input(posted), by: actor)
            return Pages.redirect(req, "/contracts/\(k.id)")
        } catch let e as DomainError where e.kind == .validation {
            return try await form(
                req, nil, actor: actor, values: values(posted), errors: e.fields, status: .unprocessableEntity)
        }
    }

    static func editForm(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let k = try await req.store.contract(id: try APIRoutes.id(req), for: actor)?.contract else {
            throw DomainError.notFound
        }
        if let refusal = k.editRefusal { throw refusal }
        return try await form(
            req, k, actor: actor,
            values: [
                "title": k.title, "amount": k.amount.decimalString,
                "cost_estimate": k.costEstimate?.decimalString ?? "",
                "tax_rate": Rate.text(k.taxRate).replacingOccurrences(of: "%", with: ""),
                "milestones_text": milestoneText(k.milestones), "technical_annex": k.technicalAnnex,
                "commercial_terms": k.commercialTerms,
                "special": k.special ? "true" : "", "opportunity_id": k.opportunityId.map(String.init) ?? "",
            ], errors: [])
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let posted = try Pages.form(req)
        guard let k = try await req.store.contract(id: try APIRoutes.id(req), for: actor)?.contract else {
            throw DomainError.notFound
        }
        do {
            _ = try await req.store.updateContract(
                id: k.id, version: try posted.version(req), try input(posted), by: actor)
            return Pages.redirect(req, "/contracts/\(k.id)")
        } catch let e as DomainError where e.kind == .validation || e.kind == .conflict {
            let errors = e.fields.isEmpty ? [FieldError("title", e.message.key, e.message.args)] : e.fields
            return try await form(
                req, k, actor: actor, values: values(posted), errors: errors,
                status: e.kind == .conflict ? .conflict : .unprocessableEntity)
        }
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let item = try await req.store.contract(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let k = item.contract
        guard let subject = try await req.store.contractSubject(id: k.id, for: actor) else {
            throw DomainError.notFound
        }
        let reviews = subject.reviews
        let users = try await req.store.users()
        let name = { (id: Int64?) in id.flatMap { i in users.first { $0.id == i }?.displayName } ?? "—" }
        let secret = PriceAccess.seesConfidential(actor)
        let forms = ProcessPages.forms(
            req, ContractProcess.self, route: "contracts", id: k.id, version: k.version,
            offers: ProcessEngine.offers(ContractProcess.self, subject: subject, actor: actor),
            errors: error?.fields ?? []
        ) { f, errors in
            switch f {
            case .reviewers: ReviewHTML.reviewerBoxes(req, users: users, actor: actor)
            case .attendees:
                Pages.field(req, "attendees", label: req.t("step.attendees"), value: k.meetingAttendees, errors: errors)
            default: nil
            }
        }
        let msRows = k.milestones.enumerated().map { i, m -> HTML in
            "<tr><td>\(i + 1)</td><td>\(m.name)</td><td class=\"num\">\(yuan(m.amount))</td><td>\(m.due.isEmpty ? "—" : m.due)</td></tr>"
        }
        let handoff = try await req.store.handoff(k.id)
        let handoffHTML: HTML =
            handoff.map { h in
                "<div class=\"card\" id=\"handoff\"><h2>\(req.t("contract.handoff"))</h2><p>\(req.t("contract.handoff_text", ["id": String(h.implementationId)]))</p></div>"
            } ?? ""
        let meeting: HTML =
            k.meetingMinutes.isEmpty
            ? ""
            : """
            <div class="card"><h2>\(req.t("contract.meeting"))</h2><dl class="props"><dt>\(req.t("contract.meeting_date"))</dt><dd>\(k.meetingDate)</dd>
            <dt>\(req.t("contract.attendees"))</dt><dd>\(k.meetingAttendees)</dd><dt>\(req.t("contract.minutes"))</dt><dd>\(k.meetingMinutes)</dd></dl></div>
            """
        let history = try await req.store.history("contract", k.id)
        // Where it came from, by the number people use (报价单 Q2026-0003 v2, 标书 TB2026-0001), not its row id.
        var source: HTML = ""
        if let sid = k.sourceId, let number = try await req.store.sourceNumber(kind: k.sourceKind, id: sid) {
            let (path, label) =
                k.sourceKind == "quotation"
                ? ("/quotations", "nav.quotations")
                : (k.sourceKind == "tender" ? ("/tenders", "nav.tenders") : ("/contracts", "contract.heading"))
            source =
                "<dt>\(req.t("contract.source"))</dt><dd><a href=\"\(path)/\(sid)\">\(req.t(label)) \(number)</a></dd>"
        }
        return Pages.page(
            req, title: k.number, active: "/contracts", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("contract.heading")) \(k.number)\(k.amendment > 0 ? " · \(req.t("contract.amendment_n", ["n": String(k.amendment)]))" : "")</h1>
            <div class="meta">\(stateBadge(req, k.state))<span><a href="/customers/\(k.customerId)">\(item.customerName)</a></span><span>\(k.title)</span><span>\(req.t("col.owner"))：\(item.ownerName)</span>\(k.isSpecial(threshold: subject.threshold) ? Pages.badge(req.t("contract.special_badge"), "warn") : "")</div></div>
            <div class="actions">\(k.state == .draft && ContractAccess.canDraft(actor) ? "<a class=\"btn\" href=\"/contracts/\(k.id)/edit\">\(req.t("form.edit"))</a>" as HTML : "")</div></div>
            \(SalesPages.stepBar(req, process: "contract", path: ["draft", "in_review", "awaiting_meeting", "approved", "effective"], current: k.state.rawValue, history: history))
            \(Pages.alert(req, error))
            <div class="cols"><div>
              <div class="card"><dl class="props" id="contract-facts">
                <dt>\(req.t("contract.amount"))</dt><dd>¥\(yuan(k.amount))（\(k.amount.chineseUppercase)）</dd>
                <dt>\(req.t("contract.tax_rate_label"))</dt><dd>\(Rate.text(k.taxRate))</dd><dt>\(req.t("contract.net_amount"))</dt><dd>¥\(yuan(k.netAmount))</dd>
                \(secret ? "<dt>\(req.t("contract.cost_estimate"))</dt><dd>\(k.costEstimate.map { "¥" + yuan($0) } ?? "—")</dd><dt>\(req.t("quotation.profit"))</dt><dd>\(k.profit.map { "¥" + yuan($0) } ?? req.t("contract.profit_unknown"))</dd>" as HTML : "")
                <dt>\(req.t("contract.signatures"))</dt><dd>\(req.t("contract.part.technical"))：\(name(k.technicalSignedBy))；\(req.t("contract.part.commercial"))：\(name(k.commercialSignedBy))；\(req.t("contract.customer_signed_on"))：\(k.customerSignedOn.isEmpty ? "—" : k.customerSignedOn)</dd>
                \(source)
              </dl></div>
              <h2>\(req.t("contract.milestones"))</h2>
              <div class="table-wrap"><table class="data" id="milestones"><thead><tr><th>#</th><th>\(req.t("contract.milestone"))</th><th class="num">\(req.t("contract.milestone_amount"))</th><th>\(req.t("contract.due"))</th></tr></thead><tbody>\(msRows)</tbody></table></div>
              <h2>\(req.t("contract.reviews"))</h2>
              \(ReviewHTML.table(req, reviews))
              \(meeting)
              \(k.technicalAnnex.isEmpty ? "" : "<div class=\"card\"><h2>\(req.t("contract.technical_annex"))</h2><p>\(k.technicalAnnex)</p></div>" as HTML)
              \(k.commercialTerms.isEmpty ? "" : "<div class=\"card\"><h2>\(req.t("contract.commercial_terms"))</h2><p>\(k.commercialTerms)</p></div>" as HTML)
            </div><div id="actions">\(handoffHTML)\(forms)\(SalesPages.historyHTML(req, "contract", history))</div></div>
            """)
    }
}
