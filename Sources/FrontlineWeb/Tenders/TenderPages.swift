import Crypto
import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The tender pages (标书, SPEC §3.1): the list, the record with its three parts, the bid review, the package and
/// its cover, the result and the deposit.
enum TenderPages {
    static func register(_ app: Application) {
        app.get("tenders", use: list)
        app.get("tenders", "new", use: newForm)
        app.get("tenders", "templates", use: templates)
        app.on(.POST, "tenders", "templates", body: .collect(maxSize: "21mb"), use: addTemplate)
        app.post("tenders", use: create)
        app.get("tenders", ":id", use: show)
        app.get("tenders", ":id", "edit", use: editForm)
        app.post("tenders", ":id", use: update)
        ProcessPages.register(
            app, TenderProcess.self, route: "tenders",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnTender(
                    id: id, action, input, version: version, folder: Files.folder(req), by: try req.actor())
                return "/tenders/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
        app.on(.POST, "tenders", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
        app.get("tenders", ":id", "files", ":file", use: TenderRoutes.download)
        app.get("tenders", ":id", "package", use: TenderRoutes.package)
        app.get("tenders", ":id", "cover", use: cover)
    }

    static func stateBadge(_ req: Request, _ s: Tender.State) -> HTML {
        let kind =
            switch s {
            case .won, .passed: "ok"
            case .inReview, .submitted: "warn"
            case .lost, .cancelled: "bad"
            default: ""
            }
        return Pages.badge(req.t(s.labelKey), kind)
    }

    /// The deadline, marked when it is near (3 days) or past while the bid is still open.
    static func deadlineHTML(_ req: Request, _ t: Tender) -> HTML {
        let text = DateText.minute(t.deadline)
        guard t.state.open else { return "\(text)" }
        let now = Store.now()
        if t.deadline <= now { return Pages.badge(req.t("tender.deadline_passed", ["deadline": text]), "bad") }
        if t.deadlineNear(now: now) { return Pages.badge(req.t("tender.deadline_soon", ["deadline": text]), "warn") }
        return "\(text)"
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, TenderKind.self)
        let list = Route.page(.tenders)
        let view = ListPages.view(
            req, m,
            buttons: [
                ListPages.button(TenderAccess.canOpen(actor), list + "/new", req.t("tender.new"), primary: true),
                ListPages.button(true, list + "?due_within_days=3", req.t("tender.due_soon")),
                ListPages.button(TenderAccess.readsTemplates(actor), list + "/templates", req.t("tender.templates")),
            ],
            choices: try await OpportunityPages.ownerChoices(req, actor))
        return Pages.page(req, title: req.t(TenderKind.title), active: list, view)
    }

    static func form(
        _ req: Request, _ t: Tender?, actor: Actor, values: [String: String], errors: [FieldError],
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let v = { (key: String) in values[key] ?? "" }
        var source: HTML = ""
        if t == nil {
            let customers = try await req.store.customers(
                CustomerFilter(), ListQuery(limit: 200, offset: 0, sortField: "name"), for: actor
            ).items
                .filter { CustomerAccess.canEdit(actor, $0.customer) }
            let quotes = try await req.store.quotations(QuotationFilter(), limit: 200, for: actor).items
                .filter { [.sent, .accepted, .approved].contains($0.quotation.state) }
            source = """
                \(Pages.picker(req, "customer_id", kind: .customer, label: req.t("col.name"), options: [("", "—")] + customers.map { (String($0.customer.id), $0.customer.name) }, selected: v("customer_id"), errors: errors, required: true))
                \(Pages.select(req, "quotation_id", label: req.t("tender.quotation"), options: [("", "—")] + quotes.map { (String($0.quotation.id), "\($0.quotation.number) v\($0.quotation.revision) · \($0.customerName) · ¥\($0.quotation.totals.gross.grouped)") }, selected: v("quotation_id"), errors: errors))
                """
        }
        let title = t == nil ? req.t("tender.new") : "\(req.t("form.edit")) · \(t!.number)"
        let error: DomainError? = errors.isEmpty ? nil : DomainError.validation(errors)
        return Pages.page(
            req, title: title, active: "/tenders", status: status,
            """
            <h1>\(title)</h1>\(Pages.alert(req, error))
            <form class="stack card" method="post" action="\(t.map { "/tenders/\($0.id)" } ?? "/tenders")" novalidate>\(Pages.csrfField(req))
              <input type="hidden" name="version" value="\(t.map { String($0.version) } ?? "")">
              \(source)
              \(try await OpportunityPages.linkField(req, actor, customerId: t?.customerId, selected: v("opportunity_id"), errors: errors))
              \(Pages.field(req, "title", label: req.t("tender.title"), value: v("title"), errors: errors, required: true, hint: t == nil ? req.t("tender.title_hint") : nil))
              \(Pages.field(req, "tender_no", label: req.t("tender.tender_no"), value: v("tender_no"), errors: errors, required: true))
              \(Pages.field(req, "buyer", label: req.t("tender.buyer"), value: v("buyer"), errors: errors, hint: t == nil ? req.t("tender.buyer_hint") : nil))
              \(Pages.field(req, "agency", label: req.t("tender.agency"), value: v("agency"), errors: errors))
              \(Pages.field(req, "deadline", label: req.t("tender.deadline"), value: v("deadline"), errors: errors, required: true, type: "datetime-local"))
              \(Pages.field(req, "bid_amount", label: req.t("tender.bid_amount"), value: v("bid_amount"), errors: errors, hint: req.t("tender.bid_amount_hint")))
              \(Pages.field(req, "deposit_amount", label: req.t("tender.deposit_amount"), value: v("deposit_amount"), errors: errors))
              <div><button class="btn primary" type="submit">\(req.t("form.save"))</button> <a class="btn" href="\(t.map { "/tenders/\($0.id)" } ?? "/tenders")">\(req.t("form.cancel"))</a></div>
            </form>
            """)
    }

    static func input(_ form: Input, creating: Bool) throws -> TenderInput {
        var e: [FieldError] = []
        let quotation = form.string("quotation_id", &e).flatMap { $0.isEmpty ? nil : $0 }
        let buyer = form.string("buyer", &e)
        let result = TenderInput(
            customerId: creating ? form.string("customer_id", &e) : nil, quotationId: creating ? quotation : nil,
            title: form.string("title", &e).flatMap { quotation != nil && $0.isEmpty ? nil : $0 },
            tenderNo: form.string("tender_no", &e),
            buyer: creating && (buyer ?? "").isEmpty ? nil : buyer, agency: form.string("agency", &e),
            deadline: form.string("deadline", &e),
            bidAmount: form.string("bid_amount", &e).flatMap { quotation != nil && $0.isEmpty ? nil : $0 },
            depositAmount: form.string("deposit_amount", &e),
            opportunityId: form.string("opportunity_id", &e).flatMap { quotation != nil && $0.isEmpty ? nil : $0 })
        try Input.check(e)
        return result
    }

    /// `datetime-local` wants `YYYY-MM-DDTHH:MM`.
    static func localInput(_ t: Int64) -> String { DateText.minute(t).replacingOccurrences(of: " ", with: "T") }

    static func newForm(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard TenderAccess.canOpen(actor) else { throw DomainError.forbidden }
        return try await form(
            req, nil, actor: actor,
            values: ["customer_id": req.query("customer_id") ?? "", "quotation_id": req.query("quotation_id") ?? ""],
            errors: [])
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let posted = try Pages.form(req)
        do {
            let t = try await req.store.createTender(try input(posted, creating: true), by: actor)
            return Pages.redirect(req, "/tenders/\(t.id)")
        } catch let e as DomainError where e.kind == .validation {
            return try await form(
                req, nil, actor: actor, values: SalesPages.formValues(posted), errors: e.fields,
                status: .unprocessableEntity)
        }
    }

    static func editForm(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let t = try await req.store.tender(id: try APIRoutes.id(req), for: actor)?.tender else {
            throw DomainError.notFound
        }
        if let refusal = t.editRefusal { throw refusal }
        return try await form(
            req, t, actor: actor,
            values: [
                "title": t.title, "tender_no": t.tenderNo, "buyer": t.buyer, "agency": t.agency,
                "deadline": localInput(t.deadline),
                "bid_amount": t.bidAmount.decimalString, "deposit_amount": t.depositAmount.decimalString,
                "opportunity_id": t.opportunityId.map(String.init) ?? "",
            ], errors: [])
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let posted = try Pages.form(req)
        guard let t = try await req.store.tender(id: try APIRoutes.id(req), for: actor)?.tender else {
            throw DomainError.notFound
        }
        do {
            _ = try await req.store.updateTender(
                id: t.id, version: try posted.version(req), try input(posted, creating: false), by: actor)
            return Pages.redirect(req, "/tenders/\(t.id)")
        } catch let e as DomainError where e.kind == .validation || e.kind == .conflict {
            let errors = e.fields.isEmpty ? [FieldError("title", e.message.key, e.message.args)] : e.fields
            return try await form(
                req, t, actor: actor, values: SalesPages.formValues(posted), errors: errors,
                status: e.kind == .conflict ? .conflict : .unprocessableEntity)
        }
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    /// The fields of a tender's steps that depend on the tender: who may be chosen, which version of each part.
    static func field(
        _ req: Request, _ t: Tender, _ f: StepField, files: [FrontlineCore.TenderFile], users: [User], actor: Actor,
        errors: [FieldError]
    ) -> HTML? {
        switch f {
        case .engineerId:
            let engineers = users.filter { $0.active && $0.roles.contains(.csEngineer) }
            return Pages.select(
                req, "engineer_id", label: req.t("tender.engineer"),
                options: engineers.map { (String($0.id), $0.displayName) },
                selected: t.engineerId.map(String.init) ?? "", errors: errors)
        case .reviewers: return ReviewHTML.reviewerBoxes(req, users: users, actor: actor, engineer: t.engineerId)
        case .versions:
            return HTML.join(
                Tender.Part.allCases.map { part -> HTML in
                    let mine = files.filter { $0.part == part }
                    return Pages.select(
                        req, "versions.\(part.rawValue)", label: req.t(part.labelKey),
                        options: mine.map { (String($0.version), "v\($0.version) · \($0.file.name)") },
                        selected: mine.first.map { String($0.version) } ?? "", errors: errors)
                })
        case .date:
            return Pages.field(
                req, "date", label: req.t("tender.deposit_date"), value: DateText.today(), errors: errors, type: "date")
        case .reason:
            return Pages.field(
                req, "reason", label: req.t("tender.loss_reason"), value: "", errors: errors, required: true,
                type: "textarea")
        default: return nil
        }
    }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let item = try await req.store.tender(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let t = item.tender
        let reviews = try await req.store.tenderReviews(t.id)
        let files = try await req.store.tenderFiles(t.id)
        let users = try await req.store.users()
        var quotationNumber: String?
        if let id = t.quotationId {
            quotationNumber = try await req.store.quotation(id: id, for: actor)?.quotation.number
        }
        let forms = ProcessPages.forms(
            req, TenderProcess.self, route: "tenders", id: t.id, version: t.version,
            offers: TenderRoutes.offers(t, reviews: reviews, files: files, actor: actor),
            errors: error?.fields ?? []
        ) { f, errors in field(req, t, f, files: files, users: users, actor: actor, errors: errors) }
        // The three parts, each with its owner, its versions and (for its owner, while preparing) an upload form.
        let parts = Tender.Part.allCases.map { part -> HTML in
            let mine = files.filter { $0.part == part }
            let owner =
                part == .technical
                ? (item.engineerName ?? req.t("tender.engineer_unassigned")) : req.t("role.business_assistant")
            let rows = mine.map { f -> HTML in
                let chosen = t.packageVersions[part.rawValue] == f.version
                return """
                    <tr><td>v\(f.version)\(chosen ? " \(Pages.badge(req.t("tender.in_package"), "ok"))" as HTML : "")</td><td><a href="/tenders/\(t.id)/files/\(f.file.id)" download>\(f.file.name)</a></td>
                    <td class="num">\(Files.sizeText(f.file.size))</td><td class="opt">\(f.uploaderName)</td><td class="opt">\(DateText.minute(f.file.createdAt / 1000))</td><td class="opt">\(f.note)</td></tr>
                    """
            }
            let uploadForm: HTML =
                TenderAccess.uploadRefusal(part, of: t, actor) == nil
                ? """
                <form class="inline-form" method="post" action="/tenders/\(t.id)/files" enctype="multipart/form-data">\(Pages.csrfField(req))
                <input type="hidden" name="part" value="\(part.rawValue)"><input type="file" name="file" required aria-label="\(req.t(part.labelKey))">
                <input type="text" name="note" placeholder="\(req.t("tender.file_note"))" aria-label="\(req.t("tender.file_note"))">
                <button class="btn" type="submit">\(req.t("tender.upload"))</button></form>
                """ : ""
            return """
                <div class="card" id="part-\(part.rawValue)"><h3>\(req.t(part.labelKey)) <small class="muted">\(req.t("tender.owner"))：\(owner)</small></h3>
                \(mine.isEmpty ? "<p class=\"muted\">\(req.t("tender.no_files"))</p>" as HTML : "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>\(req.t("tender.file_version"))</th><th>\(req.t("tender.file"))</th><th class=\"num\">\(req.t("tender.size"))</th><th class=\"opt\">\(req.t("tender.uploader"))</th><th class=\"opt\">\(req.t("price.at"))</th><th class=\"opt\">\(req.t("tender.file_note"))</th></tr></thead><tbody>\(HTML.join(rows))</tbody></table></div>")
                \(uploadForm)</div>
                """
        }
        let package: HTML =
            t.packageSha.isEmpty
            ? ""
            : """
            <div class="card" id="package"><h2>\(req.t("tender.package"))</h2>
            <p>\(Tender.Part.allCases.map { "\(req.t($0.labelKey)) v\(t.packageVersions[$0.rawValue] ?? 0)" }.joined(separator: "、")) · \(Files.sizeText(t.packageSize))\(t.packageAt.map { " · " + DateText.minute($0 / 1000) } ?? "")</p>
            <p><a class="btn primary" href="/tenders/\(t.id)/package" download>\(req.t("tender.download_package"))</a> <a class="btn" href="/tenders/\(t.id)/cover" target="_blank">\(req.t("tender.print_cover"))</a></p></div>
            """
        let result: HTML
        switch t.state {
        case .won:
            result =
                "<div class=\"card\" id=\"result\"><h2>\(req.t("tender.result"))</h2><p>\(Pages.badge(req.t(t.state.labelKey), "ok")) \(t.contractId.map { "<a href=\"/contracts/\($0)\">\(req.t("tender.contract_draft"))</a>" as HTML } ?? "")</p></div>"
        case .lost:
            result = """
                <div class="card" id="result"><h2>\(req.t("tender.result"))</h2><dl class="props"><dt>\(req.t("tender.winner"))</dt><dd>\(t.winner)</dd>
                <dt>\(req.t("tender.winning_amount"))</dt><dd>\(t.winningAmount.map { "¥" + $0.grouped } ?? "—")</dd><dt>\(req.t("tender.loss_reason"))</dt><dd>\(t.lossReason)</dd></dl></div>
                """
        default: result = ""
        }
        let deposit: String =
            t.deposit == .none
            ? req.t("tender.deposit.none")
            : [
                "¥" + t.depositAmount.grouped, req.t(t.deposit.labelKey),
                t.depositPaidOn.isEmpty ? "" : req.t("tender.paid_on", ["date": t.depositPaidOn]),
                t.depositClosedOn.isEmpty ? "" : req.t("tender.closed_on", ["date": t.depositClosedOn]),
            ].filter { !$0.isEmpty }.joined(separator: " · ")
        let history = try await req.store.history("tender", t.id)
        return Pages.page(
            req, title: t.number, active: "/tenders", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("tender.heading")) \(t.number)</h1>
            <div class="meta">\(stateBadge(req, t.state))<span><a href="/customers/\(t.customerId)">\(item.customerName)</a></span><span>\(t.title)</span><span>\(req.t("col.owner"))：\(item.ownerName)</span></div></div>
            <div class="actions">\(t.state.open && TenderAccess.canOpen(actor) ? "<a class=\"btn\" href=\"/tenders/\(t.id)/edit\">\(req.t("form.edit"))</a>" as HTML : "")</div></div>
            \(SalesPages.stepBar(req, process: "tender", path: ["preparing", "in_review", "passed", "submitted", "won"], current: t.state.rawValue, history: history))
            \(Pages.alert(req, error))
            <div class="cols"><div>
              <div class="card"><dl class="props" id="tender-facts">
                <dt>\(req.t("tender.tender_no"))</dt><dd>\(t.tenderNo)</dd>
                <dt>\(req.t("tender.buyer"))</dt><dd>\(t.buyer)\(t.agency.isEmpty ? "" : "（\(req.t("tender.agency"))：\(t.agency)）")</dd>
                <dt>\(req.t("tender.deadline"))</dt><dd>\(deadlineHTML(req, t))</dd>
                <dt>\(req.t("tender.bid_amount"))</dt><dd>¥\(t.bidAmount.grouped)（\(t.bidAmount.chineseUppercase)）</dd>
                <dt>\(req.t("tender.deposit"))</dt><dd>\(deposit)</dd>
                <dt>\(req.t("tender.engineer"))</dt><dd>\(item.engineerName ?? req.t("tender.engineer_unassigned"))</dd>
                \(t.quotationId.map { id in "<dt>\(req.t("tender.quotation"))</dt><dd>\(quotationNumber.map { "<a class=\"nowrap\" href=\"\(Route.page(.quotations, id))\">\($0)</a>" as HTML } ?? "\(req.t("nav.quotations"))")</dd>" as HTML } ?? "")
              </dl></div>
              \(result)
              <h2>\(req.t("tender.parts"))\(TenderAccess.readsTemplates(actor) ? " <small><a href=\"/tenders/templates\">\(req.t("tender.templates"))</a></small>" as HTML : "")</h2>
              \(HTML.join(parts))
              \(package)
              <h2>\(req.t("tender.reviews"))</h2>
              \(ReviewHTML.table(req, reviews))
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, "tender", history))</div></div>
            """)
    }

    static func upload(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let item = try await req.store.tender(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        try await req.store.checkMayUploadTenderFile(tenderId: item.tender.id, by: actor)
        let u = try Files.formUpload(req)
        do {
            _ = try await req.store.addTenderFile(
                tenderId: item.tender.id, part: try TenderRoutes.part(u.fields["part"]), name: u.name, bytes: u.bytes,
                note: u.fields["note"],
                folder: Files.folder(req), by: actor)
            return Pages.redirect(req, "/tenders/\(item.tender.id)#part-\(u.fields["part"] ?? "")")
        } catch let e as DomainError where e.kind != .notFound && e.kind != .unauthenticated {
            let status: HTTPResponseStatus =
                e.kind == .forbidden ? .forbidden : (e.kind == .conflict ? .conflict : .unprocessableEntity)
            return try await page(req, error: e, status: status)
        }
    }

    /// The bid templates the assistant keeps (SPEC §3.1), for everyone who writes bids.
    static func templates(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard TenderAccess.readsTemplates(actor) else { throw DomainError.forbidden }
        let items = try await req.store.attachments(entity: TenderAccess.templateEntity, entityId: 0, for: actor)
        let keeps = TenderAccess.keepsTemplates(actor)
        let rows = items.map { it -> HTML in
            let a = it.attachment
            let remove: HTML =
                keeps
                ? """
                <form class="inline" method="post" action="/files/\(a.id)/remove">\(Pages.csrfField(req))<button class="linkbtn" type="submit">\(req.t("file.remove"))</button></form>
                """ : ""
            return """
                <tr><td><a href="/files/\(a.id)" download>\(a.name)</a></td><td class="num">\(Files.sizeText(a.size))</td><td class="opt">\(it.uploaderName)</td><td class="opt">\(DateText.minute(a.createdAt / 1000))</td><td>\(remove)</td></tr>
                """
        }
        let upload: HTML =
            keeps
            ? """
            <form class="inline-form card" method="post" action="/tenders/templates" enctype="multipart/form-data">\(Pages.csrfField(req))
            <input type="file" name="file" required aria-label="\(req.t("tender.templates"))"><button class="btn" type="submit">\(req.t("tender.template_upload"))</button></form>
            """ : ""
        return Pages.page(
            req, title: req.t("tender.templates"), active: "/tenders",
            """
            <div class="toolbar"><h1>\(req.t("tender.templates"))</h1></div>
            <p class="muted">\(req.t("tender.templates_hint"))</p>
            \(upload)
            <div class="table-wrap"><table class="data" id="templates"><thead><tr><th>\(req.t("tender.file"))</th><th class="num">\(req.t("tender.size"))</th><th class="opt">\(req.t("tender.uploader"))</th><th class="opt">\(req.t("price.at"))</th><th></th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"5\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
            """)
    }

    static func addTemplate(_ req: Request) async throws -> Response {
        _ = try await Files.attach(req, entity: TenderAccess.templateEntity, entityId: 0, form: true)
        return Pages.redirect(req, "/tenders/templates")
    }

    /// The cover and index page, exactly as it goes into the package, for printing on A4. Its only style is the one
    /// it carries, allowed by its hash.
    static let coverPolicy: String = {
        let hash = Data(SHA256.hash(data: Data(TenderPackage.style.utf8))).base64EncodedString()
        return "default-src 'none'; style-src 'sha256-\(hash)'; frame-ancestors 'none'"
    }()

    static func cover(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let item = try await req.store.tender(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let t = item.tender
        let files = try await req.store.tenderFiles(t.id)
        let chosen = Tender.Part.allCases.compactMap { part in
            files.first { f in f.part == part && (t.packageVersions[part.rawValue].map { f.version == $0 } ?? true) }
        }
        let html = TenderPackage.cover(
            t, buyerName: t.buyer.isEmpty ? item.customerName : t.buyer, bidder: try await req.store.companyName(),
            files: chosen,
            at: t.packageAt.map { $0 / 1000 } ?? Store.now())
        let res = Response(status: .ok, body: .init(string: html))
        res.headers.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
        res.headers.replaceOrAdd(name: "Content-Security-Policy", value: coverPolicy)
        return res
    }
}
