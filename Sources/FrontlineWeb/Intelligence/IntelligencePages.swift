import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The market intelligence pages (一线信息/市场调研): the list, the form a report is written and shared with, and the
/// report with its files.
enum IntelligencePages {
    static func register(_ app: Application) {
        app.get("intelligence-reports", use: list)
        app.get("intelligence-reports", "new", use: newForm)
        app.post("intelligence-reports", use: create)
        app.get("intelligence-reports", ":id", use: show)
        app.post("intelligence-reports", ":id", "edit", use: edit)
        app.on(.POST, "intelligence-reports", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, IntelligenceKind.self)
        let list = Route.page(.intelligence)
        let buttons = [
            ListPages.button(IntelligenceAccess.canWrite(actor), list + "/new", req.t("intel.new"), primary: true)
        ]
        return Pages.page(
            req, title: req.t(IntelligenceKind.title), active: list, ListPages.view(req, m, buttons: buttons))
    }

    static func fields(_ req: Request, values: [String: String], shared: Set<String>, errors: [FieldError]) async throws
        -> HTML
    {
        let actor = try req.actor()
        let customers = try await req.store.customers(
            CustomerFilter(), ListQuery(limit: 200, sortField: "name"), for: actor
        ).items.map { (String($0.customer.id), $0.customer.name) }
        var options: [(value: String, label: String)] = [("", "—")] + customers
        if let c = values["customer_id"], !c.isEmpty, !options.contains(where: { $0.value == c }),
            let name = values["customer_name"]
        {
            options.append((c, name))
        }
        let regions = try await req.store.regions()
        let people = try await req.store.users().filter {
            $0.active && IntelligenceAccess.canBrowse($0.actor) && $0.id != actor.id
                && !IntelligenceAccess.readsAll($0.actor)
        }
        let shareErr: HTML =
            errors.first { $0.field == "shared_with" }.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" }
            ?? ""
        let boxes = people.map { u -> HTML in
            "<label class=\"check\"><input type=\"checkbox\" name=\"shared_with[]\" value=\"\(u.id)\"\(HTML.when(shared.contains(String(u.id)), " checked"))> \(u.displayName)</label>"
        }
        return """
            \(Pages.select(req, "kind", label: req.t("intel.kind"), options: IntelligenceReport.Kind.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: values["kind"] ?? "market_trend", errors: errors, required: true))
            \(Pages.field(req, "title", label: req.t("intel.title_label"), value: values["title"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "competitor", label: req.t("intel.competitor"), value: values["competitor"] ?? "", errors: errors))
            \(Pages.picker(req, "customer_id", kind: .customer, label: req.t("intel.customer"), options: options, selected: values["customer_id"] ?? "", errors: errors))
            \(Pages.select(req, "region_id", label: req.t("intel.region"), options: [("", "—")] + regions.map { (String($0.id), $0.name) }, selected: values["region_id"] ?? "", errors: errors))
            \(Pages.field(req, "body", label: req.t("intel.body"), value: values["body"] ?? "", errors: errors, required: true, type: "textarea", attrs: " rows=\"10\""))
            <fieldset class="field"><legend>\(req.t("intel.shared_with"))</legend><div class="hint">\(req.t("intel.shared_hint"))</div>
            <input type="hidden" name="shared_with_sent" value="1">\(HTML.join(boxes))\(shareErr)</fieldset>
            """
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(
            req, values: ["kind": req.query("kind") ?? "market_trend", "customer_id": req.query("customer_id") ?? ""],
            shared: [], errors: [], error: nil)
    }

    static func form(
        _ req: Request, values: [String: String], shared: Set<String>, errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard IntelligenceAccess.canWrite(actor) else { throw DomainError(.forbidden, .whoAsks("intel.writers")) }
        return Pages.page(
            req, title: req.t("intel.new"), active: "/intelligence-reports", status: status,
            """
            <h1>\(req.t("intel.new"))</h1>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/intelligence-reports" novalidate id="intel-form">\(Pages.csrfField(req))
            \(try await fields(req, values: values, shared: shared, errors: errors))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("intel.save"))</button></div></form>
            """)
    }

    static func posted(_ req: Request) throws -> (IntelligenceInput, [String: String], Set<String>) {
        let form = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for name in IntelligenceInput.changeFields.subtracting(["shared_with"]) {
            values[name] = form.string(name, &e) ?? ""
        }
        let shared = form.stringList("shared_with", &e) ?? (form.has("shared_with_sent") ? [] : nil)
        try Input.check(e)
        let input = IntelligenceInput(
            kind: values["kind"], title: values["title"], body: values["body"], competitor: values["competitor"],
            customerId: values["customer_id"],
            regionId: values["region_id"], sharedWith: shared)
        return (input, values, Set(shared ?? []))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (input, values, shared) = try posted(req)
        do {
            let r = try await req.store.createIntelligence(input, by: actor)
            return Pages.redirect(req, "/intelligence-reports/\(r.id)")
        } catch let err as DomainError where err.kind == .validation {
            return try await form(
                req, values: values, shared: shared, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.intelligenceReport(id: id, for: actor) != nil else { throw DomainError.notFound }
        let (input, values, shared) = try posted(req)
        do {
            _ = try await req.store.updateIntelligence(
                id: id, version: Int(values["version"] ?? "") ?? 0, input, by: actor)
            return Pages.redirect(req, "/intelligence-reports/\(id)")
        } catch let err as DomainError where err.kind != .notFound && err.kind != .unauthenticated {
            return try await page(req, error: err, status: Pages.refusalStatus(err), posted: (values, shared))
        }
    }

    static func upload(_ req: Request) async throws -> Response {
        let id = try APIRoutes.id(req)
        _ = try await Files.attach(req, entity: IntelligenceRoutes.entity, entityId: id, form: true)
        return Pages.redirect(req, "/intelligence-reports/\(id)")
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(
        _ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok,
        posted: ([String: String], Set<String>)? = nil
    ) async throws -> Response {
        let actor = try req.actor()
        guard let r = try await req.store.intelligenceReport(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let names = try await req.userNames()
        let files = try await req.store.attachments(entity: IntelligenceRoutes.entity, entityId: r.id, for: actor)
        let mine = IntelligenceAccess.canEdit(actor, r)
        let fileRows = files.map(Files.item)
        let upload: HTML =
            mine
            ? """
            <form class="inline-form" method="post" action="/intelligence-reports/\(r.id)/files" enctype="multipart/form-data">\(Pages.csrfField(req))
            <input type="file" name="file" required aria-label="\(req.t("intel.upload"))"><button class="btn" type="submit">\(req.t("intel.upload"))</button></form>
            """ : ""
        let values =
            posted?.0 ?? [
                "kind": r.kind.rawValue, "title": r.title, "body": r.body, "competitor": r.competitor,
                "customer_id": r.customerId.map(String.init) ?? "",
                "customer_name": r.customerName, "region_id": r.regionId.map(String.init) ?? "",
            ]
        let editForm: HTML =
            mine
            ? """
            <details class="card"\(HTML.when(posted != nil, " open"))><summary>\(req.t("intel.edit"))</summary>
            <form class="stack" method="post" action="/intelligence-reports/\(r.id)/edit" novalidate id="intel-edit">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(r.version)">
            \(try await fields(req, values: values, shared: posted?.1 ?? Set(r.sharedWith.map(String.init)), errors: error?.fields ?? []))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("intel.save"))</button></div></form></details>
            """ : ""
        let customer: HTML =
            r.customerId.map {
                mine || IntelligenceAccess.readsAll(actor)
                    ? "<a href=\"/customers/\($0)\">\(r.customerName)</a>" : "\(r.customerName)"
            } ?? "—"
        return Pages.page(
            req, title: r.number, active: "/intelligence-reports", status: status,
            """
            <div class="card header-card"><div><h1>\(r.title)</h1>
            <div class="meta"><span>\(r.number)</span><span>\(req.t(r.kind.labelKey))</span><span>\(names[r.authorId] ?? "")</span><span>\(DateText.minute(r.createdAt / 1000))</span></div></div></div>
            \(Pages.alert(req, error))
            <div class="cols"><div>
              <div class="card"><dl class="props" id="intel-facts">
                \(r.competitor.isEmpty ? "" : "<dt>\(req.t("intel.competitor"))</dt><dd>\(r.competitor)</dd>" as HTML)
                <dt>\(req.t("intel.customer"))</dt><dd>\(customer)</dd>
                <dt>\(req.t("intel.shared_with"))</dt><dd>\(r.sharedWith.isEmpty ? "—" : r.sharedWith.compactMap { names[$0] }.joined(separator: "、"))</dd>
              </dl><div class="prose" id="intel-body">\(r.body)</div></div>
              \(editForm)
            </div><div>
              <div class="card"><h2>\(req.t("intel.files"))</h2><ul id="intel-files">\(fileRows.isEmpty ? "<li class=\"muted\">\(req.t("list.empty"))</li>" as HTML : HTML.join(fileRows))</ul>\(upload)</div>
            </div></div>
            """)
    }
}
