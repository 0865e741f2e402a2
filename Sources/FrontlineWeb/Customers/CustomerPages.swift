import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The customer archive's pages: list, record, forms, import.
enum CustomerPages {
    static func register(_ app: Application) {
        app.get("customers", use: list)
        app.get("customers", "new", use: newForm)
        app.post("customers", use: create)
        app.get("customers", "export", use: export)
        app.get("customers", "import", use: importForm)
        app.on(.POST, "customers", "import", body: .collect(maxSize: "10mb"), use: importFile)
        app.post("customers", "transfer", use: transfer)
        app.get("customers", ":id", use: show)
        app.get("customers", ":id", "edit", use: editForm)
        app.post("customers", ":id", use: update)
        app.post("customers", ":id", "archive", use: archive)
        app.post("customers", ":id", "restore", use: restore)
        app.post("customers", ":id", "contacts", use: addContact)
        app.post("customers", ":id", "contacts", ":contact", use: editContact)
        app.post("customers", ":id", "contacts", ":contact", "remove", use: removeContact)
        app.post("customers", ":id", "communications", use: addCommunication)
        app.post("next-steps", ":id", "done", use: completeNextStep)
        app.post("next-steps", ":id", "undo", use: reopenNextStep)
        app.on(.POST, "customers", ":id", "attachments", body: .collect(maxSize: "21mb"), use: uploadFile)
        app.get("files", ":id", use: downloadFile)
        app.post("files", ":id", "remove", use: removeFile)
    }

    static func list(_ req: Request) async throws -> Response { try await list(req, refused: nil) }

    /// The list page; `refused`, a hand-over the office asked for and was refused, is said above the list with the
    /// customers it named still ticked.
    static func list(_ req: Request, refused: (error: DomainError, selected: Set<Int64>)?) async throws -> Response {
        let actor = try req.actor()
        guard CustomerAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let (filter, q) = try APIRoutes.customerQuery(req)
        let page = try await req.store.customers(filter, q, for: actor)
        let followUps = try await req.store.followUps(page.items.map(\.customer.id))
        let today = DateText.today()
        let bulk = PoolAccess.canAssign(actor)
        let regions = try await req.store.regions()
        let reps = try await req.store.users(includeInactive: false).filter { $0.roles.contains(.salesRep) }
        let params: [(String, String?)] = [
            ("q", filter.q), ("tier", filter.tier?.rawValue), ("status", filter.status?.rawValue),
            ("region_id", filter.regionId.map(String.init)), ("owner_id", filter.ownerId.map(String.init)),
            ("archived", filter.archived ? "true" : nil),
        ]
        let sortParam = (q.descending ? "-" : "") + q.sortField
        func sortLink(_ field: String, _ key: String) -> HTML {
            let next = (q.sortField == field && !q.descending) ? "-" + field : field
            let mark = q.sortField == field ? (q.descending ? " ↓" : " ↑") : ""
            return "<a href=\"/customers\(Pages.query(params + [("sort", next)]))\">\(req.t(key))\(mark)</a>"
        }
        let rows = page.items.map { item -> HTML in
            let c = item.customer
            let f = followUps[c.id]
            let last: HTML = f?.last.map { "\(DateText.day($0))" } ?? "—"
            let next: HTML =
                switch f?.next {
                case nil: "—"
                case ""?: "<span class=\"muted\">\(req.t("customer.no_day"))</span>"
                case let day?: day < today ? "<span class=\"overdue\">\(day)</span>" : "\(day)"
                }
            let pick: HTML =
                bulk
                ? "<td><input type=\"checkbox\" form=\"bulk\" name=\"customers[]\" value=\"\(c.id):\(c.version)\" aria-label=\"\(req.t("customer.select")) \(c.name)\"\(HTML.when(refused?.selected.contains(c.id) == true, " checked"))></td>"
                : ""
            return """
                <tr data-href="/customers/\(c.id)">\(pick)<td><a href="/customers/\(c.id)">\(c.name)</a>\(c.archived ? Pages.badge(req.t("customer.archived_badge")) : "")</td>
                <td>\(Pages.badge(c.tier.rawValue, "tier-" + c.tier.rawValue))</td><td class="opt">\(Pages.statusBadge(req, c.status))</td>
                <td class="opt">\(c.industry)</td><td class="opt">\(item.regionName ?? "—")</td><td>\(item.ownerName ?? req.t("customer.unowned"))</td>
                <td class="opt nowrap">\(last)</td><td class="nowrap">\(next)</td></tr>
                """
        }
        let back =
            "/customers"
            + Pages.query(
                params + [
                    ("sort", (q.descending ? "-" : "") + q.sortField),
                    ("offset", q.offset > 0 ? String(q.offset) : nil),
                ])
        let bulkForm: HTML =
            bulk && !page.items.isEmpty
            ? """
            <form class="bulk-bar" id="bulk" method="post" action="/customers/transfer\(Pages.query(params + [("sort", (q.descending ? "-" : "") + q.sortField), ("offset", q.offset > 0 ? String(q.offset) : nil)]))">\(Pages.csrfField(req))<input type="hidden" name="back" value="\(back)">
            <label>\(req.t("customer.transfer_to"))<select name="owner_id" required>\(Pages.options([("", "—")] + reps.map { (String($0.id), $0.displayName) }, ""))</select></label>
            <label>\(req.t("customer.transfer_note"))<input name="note" maxlength="500"></label>
            <button class="btn" type="submit">\(req.t("customer.transfer"))</button></form>
            """ : ""
        let mine = filter.ownerId == actor.id
        let tabs: HTML =
            CustomerAccess.readScope(actor) == .all
            ? """
            <nav class="tabs" aria-label="\(req.t("nav.customers"))"><a href="/customers"\(HTML.when(!mine, " aria-current=\"page\""))>\(req.t("customer.tab_all"))</a>
            <a href="/customers?owner_id=\(actor.id)"\(HTML.when(mine, " aria-current=\"page\""))>\(req.t("customer.tab_mine"))</a></nav>
            """ : ""
        let opt = { (all: String, list: [(String, String)]) -> [(value: String, label: String)] in
            [("", all)] + list.map { (value: $0.0, label: $0.1) }
        }
        let canSeeOwners = CustomerAccess.readScope(actor) == .all
        let ownerSelect: HTML =
            canSeeOwners
            ? """
            <label>\(req.t("col.owner"))<select name="owner_id">\(Pages.options(opt(req.t("filter.all"), reps.map { (String($0.id), $0.displayName) }), String(filter.ownerId ?? 0)))</select></label>
            """ : ""
        let from = page.total == 0 ? 0 : q.offset + 1
        let to = q.offset + page.items.count
        let prev: HTML =
            q.offset > 0
            ? "<a class=\"btn\" href=\"/customers\(Pages.query(params + [("sort", sortParam), ("offset", String(max(0, q.offset - q.limit))), ("limit", q.limit == 50 ? nil : String(q.limit))]))\">\(req.t("pager.prev"))</a>"
            : ""
        let next: HTML =
            to < page.total
            ? "<a class=\"btn\" href=\"/customers\(Pages.query(params + [("sort", sortParam), ("offset", String(q.offset + q.limit)), ("limit", q.limit == 50 ? nil : String(q.limit))]))\">\(req.t("pager.next"))</a>"
            : ""
        let exportQuery = Pages.query(params + [("sort", sortParam)])
        let sep = exportQuery.isEmpty ? "?" : "&"
        return Pages.page(
            req, title: req.t("nav.customers"), active: "/customers",
            """
            <div class="toolbar"><h1>\(req.t("nav.customers"))</h1>
            <div class="actions">
              \(CustomerAccess.canCreate(actor) ? "<a class=\"btn primary\" href=\"/customers/new\">\(req.t("customer.new"))</a>" as HTML : "")
              \(CustomerAccess.canImport(actor) ? "<a class=\"btn\" href=\"/customers/import\">\(req.t("nav.import"))</a>" as HTML : "")
              <a class="btn" href="/customers/export\(exportQuery)\(sep)format=csv">\(req.t("export.csv"))</a>
              <a class="btn" href="/customers/export\(exportQuery)\(sep)format=xlsx">\(req.t("export.xlsx"))</a>
            </div></div>
            \(tabs)<form class="filters" method="get" action="/customers">
              <label>\(req.t("filter.search"))<input type="search" name="q" value="\(filter.q ?? "")" placeholder="\(req.t("filter.search_hint"))"></label>
              <label>\(req.t("col.tier"))<select name="tier">\(Pages.options(opt(req.t("filter.all"), CustomerTier.allCases.map { ($0.rawValue, req.t($0.labelKey)) }), filter.tier?.rawValue ?? ""))</select></label>
              <label>\(req.t("col.status"))<select name="status">\(Pages.options(opt(req.t("filter.all"), CustomerStatus.allCases.map { ($0.rawValue, req.t($0.labelKey)) }), filter.status?.rawValue ?? ""))</select></label>
              <label>\(req.t("col.region"))<select name="region_id">\(Pages.options(opt(req.t("filter.all"), regions.map { (String($0.id), $0.name) }), String(filter.regionId ?? 0)))</select></label>
              \(ownerSelect)
              <label>\(req.t("filter.archived"))<select name="archived">\(Pages.options([("", req.t("filter.current")), ("true", req.t("filter.archived_only"))], filter.archived ? "true" : ""))</select></label>
              <input type="hidden" name="sort" value="\(sortParam)">
              <button class="btn" type="submit">\(req.t("filter.apply"))</button>
              <a class="btn" href="/customers">\(req.t("filter.reset"))</a>
            </form>
            \(refused.map { r in "<div class=\"alert bad\" role=\"alert\">\(r.error.message.text(req.locale))\(HTML.join(r.error.fields.map { "<br>\($0.message.text(req.locale))" as HTML }))</div>" as HTML } ?? "")\(bulkForm)
            <div class="table-wrap"><table class="data" id="customer-list">
              <thead><tr>\(bulk ? "<th><input type=\"checkbox\" data-check-all=\"customers[]\" aria-label=\"\(req.t("customer.select_all"))\"></th>" as HTML : "")<th>\(sortLink("name", "col.name"))</th><th>\(sortLink("tier", "col.tier"))</th><th class="opt">\(sortLink("status", "col.status"))</th>
              <th class="opt">\(req.t("col.industry"))</th><th class="opt">\(req.t("col.region"))</th><th>\(req.t("col.owner"))</th><th class="opt">\(req.t("customer.last_follow_up"))</th><th>\(req.t("customer.next_follow_up"))</th></tr></thead>
              <tbody>\(rows.isEmpty ? "<tr><td colspan=\"9\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(rows))</tbody>
            </table></div>
            <div class="pager"><span>\(req.t("pager.range", ["from": String(from), "to": String(to), "total": String(page.total)]))</span>\(prev)\(next)</div>
            """)
    }

    /// `POST /customers/transfer`: the ticked customers to one rep; back to the same list with what happened, or
    /// the list again with the refusal and the ticks kept.
    static func transfer(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        var e: [FieldError] = []
        let back = input.string("back", &e).flatMap { $0.hasPrefix("/customers") ? $0 : nil } ?? "/customers"
        do {
            let t = try input.transfer()
            let done = try await req.store.transferCustomers(t, by: actor)
            var notice = req.t("customer.transfer_done", ["moved": String(done.moved.count)])
            if done.unchanged > 0 { notice += req.t("customer.transfer_unchanged", ["n": String(done.unchanged)]) }
            return Pages.redirect(req, back, notice: notice)
        } catch let error as DomainError where [.validation, .conflict].contains(error.kind) {
            var selected = Set<Int64>()
            if case .list(let items)? = input.values["customers"] {
                for case .string(let v) in items {
                    if let id = Int64(v.split(separator: ":").first ?? "") { selected.insert(id) }
                }
            }
            let res = try await list(req, refused: (error, selected))
            res.status = error.kind == .conflict ? .conflict : .unprocessableEntity
            return res
        }
    }

    static func id(_ req: Request) throws -> Int64 { try APIRoutes.id(req) }

    // MARK: form

    static func form(
        _ req: Request, actor: Actor, action: String, values: [String: String], errors: [FieldError],
        error: DomainError?,
        title: String, version: Int? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let regions = try await req.store.regions()
        let reps = try await req.store.users(includeInactive: false).filter { $0.roles.contains(.salesRep) }
        let v = { (k: String) in values[k] ?? "" }
        let ownerField: HTML =
            CustomerAccess.canReassign(actor)
            ? Pages.select(
                req, "owner_id", label: req.t("col.owner"),
                options: [("", req.t("customer.unowned"))] + reps.map { (String($0.id), $0.displayName) },
                selected: v("owner_id"), errors: errors)
            : ""
        return Pages.page(
            req, title: title, active: "/customers", status: status,
            """
            <h1>\(title)</h1>
            <div class="card">
            \(Pages.alert(req, error))
            <form class="stack" method="post" action="\(action)" novalidate>
              \(Pages.csrfField(req))
              \(version.map { "<input type=\"hidden\" name=\"version\" value=\"\($0)\">" as HTML } ?? "")
              \(Pages.field(req, "name", label: req.t("col.name"), value: v("name"), errors: errors, required: true))
              \(Pages.select(req, "tier", label: req.t("col.tier"), options: CustomerTier.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: v("tier").isEmpty ? "C" : v("tier"), errors: errors, required: true))
              \(Pages.select(req, "status", label: req.t("col.status"), options: CustomerStatus.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: v("status").isEmpty ? "prospect" : v("status"), errors: errors, required: true))
              \(Pages.field(req, "industry", label: req.t("col.industry"), value: v("industry"), errors: errors))
              \(Pages.select(req, "region_id", label: req.t("col.region"), options: [("", "—")] + regions.map { (String($0.id), $0.name) }, selected: v("region_id"), errors: errors))
              \(ownerField)
              \(Pages.field(req, "credit_code", label: req.t("col.credit_code"), value: v("credit_code"), errors: errors, hint: req.t("customer.credit_code_hint"), attrs: " maxlength=\"18\" autocapitalize=\"characters\""))
              \(Pages.field(req, "address", label: req.t("col.address"), value: v("address"), errors: errors))
              \(Pages.field(req, "notes", label: req.t("col.notes"), value: v("notes"), errors: errors, type: "textarea"))
              <button class="btn primary" type="submit">\(req.t("form.save"))</button>
              <a class="btn" href="/customers">\(req.t("form.cancel"))</a>
            </form></div>
            """)
    }

    static func values(_ input: Input) -> [String: String] {
        var out: [String: String] = [:]
        var e: [FieldError] = []
        for k in CustomerInput.fieldNames { if let v = input.string(k, &e) { out[k] = v } }
        return out
    }

    static func values(of c: Customer) -> [String: String] {
        [
            "name": c.name, "tier": c.tier.rawValue, "status": c.status.rawValue, "industry": c.industry,
            "region_id": c.regionId.map(String.init) ?? "", "owner_id": c.ownerId.map(String.init) ?? "",
            "credit_code": c.creditCode ?? "", "address": c.address, "notes": c.notes,
        ]
    }

    static func newForm(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard CustomerAccess.canCreate(actor) else { throw DomainError.forbidden }
        return try await form(
            req, actor: actor, action: "/customers", values: [:], errors: [], error: nil, title: req.t("customer.new"))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        do {
            var ci = try input.customer()
            if !CustomerAccess.canReassign(actor) { ci.ownerId = nil }
            let c = try await req.store.createCustomer(ci, by: actor)
            return Pages.redirect(req, "/customers/\(c.id)")
        } catch let e as DomainError where e.kind == .validation || e.kind == .duplicate || e.kind == .badRequest {
            return try await form(
                req, actor: actor, action: "/customers", values: values(input), errors: e.fields, error: e,
                title: req.t("customer.new"), status: e.kind == .duplicate ? .conflict : .unprocessableEntity)
        }
    }

    static func editForm(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let item = try await req.store.customer(id: try id(req), for: actor) else { throw DomainError.notFound }
        guard CustomerAccess.canEdit(actor, item.customer) else { throw DomainError.forbidden }
        return try await form(
            req, actor: actor, action: "/customers/\(item.customer.id)", values: values(of: item.customer), errors: [],
            error: nil, title: req.t("customer.edit", ["name": item.customer.name]), version: item.customer.version)
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let cid = try id(req)
        guard let item = try await req.store.customer(id: cid, for: actor) else { throw DomainError.notFound }
        let input = try Pages.form(req)
        do {
            var ci = try input.customer()
            if !CustomerAccess.canReassign(actor) { ci.ownerId = nil }
            _ = try await req.store.updateCustomer(id: cid, version: try input.version(req), ci, by: actor)
            return Pages.redirect(req, "/customers/\(cid)")
        } catch let e as DomainError where e.kind != .notFound && e.kind != .forbidden {
            var e2: [FieldError] = []
            let sentVersion = Int(input.string("version", &e2) ?? "") ?? item.customer.version
            return try await form(
                req, actor: actor, action: "/customers/\(cid)", values: values(input), errors: e.fields, error: e,
                title: req.t("customer.edit", ["name": item.customer.name]), version: sentVersion,
                status: ErrorRenderer.status(e, e))
        }
    }

    static func archive(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        _ = try await req.store.setArchived(id: try id(req), true, version: try input.version(req), by: actor)
        return Pages.redirect(req, "/customers/\(try id(req))")
    }

    static func restore(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        _ = try await req.store.setArchived(id: try id(req), false, version: try input.version(req), by: actor)
        return Pages.redirect(req, "/customers/\(try id(req))")
    }

    // MARK: record

    static func show(_ req: Request) async throws -> Response {
        try await detail(req, contactErrors: [], contactValues: [:], commErrors: [], commValues: [:], status: .ok)
    }

    static func detail(
        _ req: Request, contactErrors: [FieldError], contactValues: [String: String], commErrors: [FieldError],
        commValues: [String: String], status: HTTPResponseStatus, editing: Int64? = nil, error: DomainError? = nil
    ) async throws -> Response {
        let actor = try req.actor()
        guard let item = try await req.store.customer(id: try id(req), for: actor) else { throw DomainError.notFound }
        let c = item.customer
        let contacts = try await req.store.contacts(customerId: c.id)
        let comms = try await req.store.communications(customerId: c.id, limit: 100)
        let canEdit = CustomerAccess.canEdit(actor, c)
        let serviceBlock = try await serviceBlock(req, c, actor: actor)
        let files = try await req.store.attachments(entity: "customer", entityId: c.id, for: actor)
        let fileRows = files.map { it -> HTML in
            let a = it.attachment
            let remove: HTML =
                canEdit
                ? """
                <form class="inline" method="post" action="/files/\(a.id)/remove" data-confirm="\(req.t("file.remove_confirm"))">\(Pages.csrfField(req))<button class="linkbtn" type="submit">\(req.t("file.remove"))</button></form>
                """ : ""
            return """
                <tr><td><a href="/files/\(a.id)" download>\(a.name)</a></td><td class="num">\(Files.sizeText(a.size))</td><td class="opt">\(it.uploaderName)</td><td class="opt">\(DateText.minute(a.createdAt / 1000))</td><td>\(remove)</td></tr>
                """
        }
        let uploadForm: HTML =
            canEdit && !c.archived
            ? """
            <form class="inline-form card" method="post" action="/customers/\(c.id)/attachments" enctype="multipart/form-data">\(Pages.csrfField(req))
              <label>\(req.t("file.choose")) <input type="file" name="file" required></label>
              <button class="btn" type="submit">\(req.t("file.upload"))</button>
            </form>
            """ : ""
        let ev = { (k: String) in contactValues[k] ?? "" }
        /// The contact's fields, filled from what was posted when it was this form that failed.
        func contactFields(_ k: Contact?) -> HTML {
            let mine = (k == nil && editing == nil) || (k != nil && k?.id == editing)
            let v = { (f: String, stored: String) in mine && contactValues[f] != nil ? ev(f) : stored }
            let errors = mine ? contactErrors : []
            let primary =
                mine && contactValues["is_primary"] != nil ? ev("is_primary") == "true" : (k?.isPrimary ?? false)
            return """
                \(Pages.field(req, "name", label: req.t("contact.name"), value: v("name", k?.name ?? ""), errors: errors, required: true))
                \(Pages.field(req, "title", label: req.t("contact.title"), value: v("title", k?.title ?? ""), errors: errors))
                \(Pages.field(req, "mobile", label: req.t("contact.mobile"), value: v("mobile", k?.mobile ?? ""), errors: errors, type: "tel"))
                \(Pages.field(req, "phone", label: req.t("contact.phone"), value: v("phone", k?.phone ?? ""), errors: errors, type: "tel"))
                \(Pages.field(req, "email", label: req.t("contact.email"), value: v("email", k?.email ?? ""), errors: errors, type: "email"))
                \(Pages.field(req, "notes", label: req.t("col.notes"), value: v("notes", k?.notes ?? ""), errors: errors, type: "textarea"))
                <div class="field"><input type="hidden" name="is_primary" value="false"><label><input type="checkbox" name="is_primary" value="true"\(HTML.when(primary, " checked"))> \(req.t("contact.primary"))</label></div>
                """
        }
        let contactRows = contacts.map { k -> HTML in
            let change: HTML =
                canEdit && !c.archived
                ? """
                <details\(HTML.when(editing == k.id, " open"))><summary class="linkbtn">\(req.t("form.edit"))</summary>
                <form class="stack card" method="post" action="/customers/\(c.id)/contacts/\(k.id)" novalidate>\(Pages.csrfField(req))<input type="hidden" name="version" value="\(k.version)">
                \(contactFields(k))<button class="btn primary" type="submit">\(req.t("form.save"))</button></form></details>
                <form class="inline" method="post" action="/customers/\(c.id)/contacts/\(k.id)/remove" data-confirm="\(req.t("contact.remove_confirm", ["name": k.name]))">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(k.version)"><button class="linkbtn" type="submit">\(req.t("contact.remove"))</button></form>
                """ : ""
            return """
                <tr id="contact-\(k.id)"><td><b>\(k.name)</b>\(k.isPrimary ? Pages.badge(req.t("contact.primary"), "ok") : "")\(k.title.isEmpty ? "" : "<br><span class=\"muted\">\(k.title)</span>" as HTML)</td><td>\(HTML.join([k.mobile, k.phone].filter { !$0.isEmpty }.map { Pages.tel($0) }, separator: "<br>"))\(k.email.isEmpty ? "" : "<br><a href=\"mailto:\(k.email)\">\(k.email)</a>" as HTML)</td><td>\(change)</td></tr>
                """
        }
        let timeline = comms.items.map { it -> HTML in
            let m = it.communication
            let state: HTML =
                m.nextStepDoneAt == nil
                ? Pages.badge(req.t("comm.step_open"), "warn")
                : Pages.badge(req.t(m.nextStepClosedBy == nil ? "comm.step_done" : "comm.step_superseded"), "ok")
            let done: HTML =
                m.hasOpenNextStep && NextStepAccess.mayClose(actor, ownerId: m.authorId, customer: c)
                ? "<form class=\"inline\" method=\"post\" action=\"/next-steps/\(m.id)/done\">\(Pages.csrfField(req))<input type=\"hidden\" name=\"back\" value=\"/customers/\(c.id)#timeline\"><button class=\"btn\" type=\"submit\">\(req.t("comm.mark_done"))</button></form>"
                : ""
            let next: HTML =
                m.nextStep.isEmpty
                ? ""
                : "<p class=\"next-step\"><b>\(req.t("comm.next_step"))：</b>\(m.nextStep)\(m.nextStepDate.map { " (\($0))" } ?? "") \(state) \(done)</p>"
            return """
                <li><div class="when">\(DateText.minute(m.occurredAt)) · \(req.t(m.kind.labelKey)) · \(req.t(m.direction.labelKey)) · \(it.authorName)\(it.contactName.map { " → " + $0 } ?? "")</div>
                <p>\(m.summary)</p>\(next)</li>
                """
        }
        let mv = { (k: String) in commValues[k] ?? "" }
        let contactForm: HTML =
            canEdit && !c.archived
            ? """
            <details\(HTML.when(!contactErrors.isEmpty && editing == nil, " open"))><summary class="btn">\(req.t("contact.add"))</summary>
            <form class="stack card" method="post" action="/customers/\(c.id)/contacts" novalidate>\(Pages.csrfField(req))
              \(contactFields(nil))
              <button class="btn primary" type="submit">\(req.t("form.save"))</button>
            </form></details>
            """ : ""
        let commForm: HTML =
            canEdit && !c.archived
            ? """
            <form class="stack card" id="comm-form" method="post" action="/customers/\(c.id)/communications" novalidate>\(Pages.csrfField(req))
              <h2>\(req.t("comm.add"))</h2>
              \(Pages.select(req, "kind", label: req.t("comm.kind"), options: CommunicationKind.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: mv("kind").isEmpty ? "call" : mv("kind"), errors: commErrors, required: true))
              \(Pages.select(req, "direction", label: req.t("comm.direction"), options: CommunicationDirection.allCases.reversed().map { ($0.rawValue, req.t($0.labelKey)) }, selected: mv("direction"), errors: commErrors, required: true))
              \(Pages.select(req, "contact_id", label: req.t("comm.contact"), options: [("", "—")] + contacts.map { (String($0.id), $0.name) }, selected: mv("contact_id"), errors: commErrors))
              \(Pages.field(req, "occurred_at", label: req.t("comm.occurred_at"), value: mv("occurred_at").isEmpty ? DateText.minute(Store.nowSeconds()) : mv("occurred_at"), errors: commErrors, hint: "2026-11-29 14:30"))
              \(Pages.field(req, "summary", label: req.t("comm.summary"), value: mv("summary"), errors: commErrors, required: true, type: "textarea"))
              \(Pages.field(req, "next_step", label: req.t("comm.next_step"), value: mv("next_step"), errors: commErrors))
              \(Pages.field(req, "next_step_date", label: req.t("comm.next_step_date"), value: mv("next_step_date"), errors: commErrors, type: "date"))
              <button class="btn primary" type="submit">\(req.t("form.save"))</button>
            </form>
            """ : ""
        let archiveForm: HTML =
            CustomerAccess.canArchive(actor, c)
            ? """
            <form class="inline" method="post" action="/customers/\(c.id)/\(c.archived ? "restore" : "archive")" data-confirm="\(req.t(c.archived ? "customer.restore_confirm" : "customer.archive_confirm"))">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(c.version)"><button class="btn\(c.archived ? "" : " danger")" type="submit">\(req.t(c.archived ? "customer.restore" : "customer.archive"))</button></form>
            """ : ""
        return Pages.page(
            req, title: c.name, active: "/customers", status: status,
            """
            <div class="card header-card">
              <div><h1>\(c.name)</h1>
              <div class="meta">\(Pages.badge(req.t(c.tier.labelKey), "tier-" + c.tier.rawValue)) \(Pages.statusBadge(req, c.status)) \(c.archived ? Pages.badge(req.t("customer.archived_badge"), "bad") : "")
                <span>\(req.t("col.owner"))：\(item.ownerName ?? req.t("customer.unowned"))</span><span>\(req.t("col.region"))：\(item.regionName ?? "—")</span></div></div>
              <div class="actions">\(canEdit && !c.archived ? "<a class=\"btn primary\" href=\"#f-summary\">\(req.t("comm.write"))</a>" as HTML : "")
                \(canEdit && QuotationAccess.canWrite(actor) && !c.archived ? "<a class=\"btn\" href=\"/quotations/new?customer_id=\(c.id)\">\(req.t("quotation.new"))</a>" as HTML : "")
                \(QuotationAccess.canBrowse(actor) ? "<a class=\"btn\" href=\"/quotations?customer_id=\(c.id)\">\(req.t("nav.quotations"))</a>" as HTML : "") <a class="btn" href="/contracts?customer_id=\(c.id)">\(req.t("nav.contracts"))</a> <a class="btn" href="/tenders?customer_id=\(c.id)">\(req.t("nav.tenders"))</a>
                \(ScreeningAccess.canPropose(actor) && !c.archived ? "<a class=\"btn\" href=\"/screenings/new?customer_id=\(c.id)\">\(req.t("screening.new"))</a>" as HTML : "")
                \(canEdit ? "<a class=\"btn\" href=\"/customers/\(c.id)/edit\">\(req.t("form.edit"))</a>" as HTML : "") \(archiveForm)</div>
            </div>
            \(Pages.alert(req, error))
            <div class="cols customer-page">
              <div class="main">
                \(commForm)
                <h2>\(req.t("comm.heading")) · \(comms.total)</h2>
                <ul class="timeline" id="timeline">\(timeline.isEmpty ? "<li class=\"muted\">\(req.t("comm.none"))</li>" as HTML : HTML.join(timeline))</ul>
              </div>
              <div class="side">
                <div class="card"><dl class="props">
                  <dt>\(req.t("col.industry"))</dt><dd>\(c.industry.isEmpty ? "—" : c.industry)</dd>
                  <dt>\(req.t("col.credit_code"))</dt><dd>\(c.creditCode ?? "—")</dd>
                  <dt>\(req.t("col.address"))</dt><dd>\(c.address.isEmpty ? "—" : c.address)</dd>
                  <dt>\(req.t("col.notes"))</dt><dd>\(c.notes.isEmpty ? "—" : c.notes)</dd>
                  <dt>\(req.t("col.updated_at"))</dt><dd>\(DateText.minute(c.updatedAt / 1000))</dd>
                </dl></div>
                <h2>\(req.t("contact.heading")) · \(contacts.count)</h2>
                <div class="table-wrap"><table class="data" id="contacts"><thead><tr><th>\(req.t("contact.name"))</th><th>\(req.t("contact.phones"))</th><th></th></tr></thead>
                <tbody>\(contactRows.isEmpty ? "<tr><td colspan=\"3\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(contactRows))</tbody></table></div>
                \(contactForm)
                \(try await opportunityBlock(req, c, actor: actor))
                \(serviceBlock)
                \(try await poolBlock(req, c, actor: actor))
                <h2>\(req.t("file.heading")) · \(files.count)</h2>
                <div class="table-wrap"><table class="data" id="attachments"><thead><tr><th>\(req.t("file.filename"))</th><th class="num">\(req.t("file.size"))</th><th class="opt">\(req.t("file.uploaded_by"))</th><th class="opt">\(req.t("file.uploaded_at"))</th><th></th></tr></thead>
                <tbody>\(fileRows.isEmpty ? "<tr><td colspan=\"5\" class=\"muted\">\(req.t("file.none"))</td></tr>" as HTML : HTML.join(fileRows))</tbody></table></div>
                \(uploadForm)
              </div>
            </div>
            """)
    }

    /// What Customer Service does for the customer, for those who read it, beside his communication log (issue 11):
    /// his open service requests, complaints and support requests, and his training sessions — each with the way to
    /// ask for one when the reader may. The calendar and the people's names are read once, when first wanted.
    static func serviceBlock(_ req: Request, _ c: Customer, actor: Actor) async throws -> HTML {
        var serviceBlock: HTML = ""
        var known: Reading?
        func reading() async throws -> Reading {
            if known == nil { known = try await Reading.load(req, ServiceRequestKind.self) }
            return known!
        }
        if ServiceAccess.canBrowse(actor) {
            let open = try await req.store.serviceRequests(
                ServiceRequestFilter(customerId: c.id, open: true), limit: 20, for: actor)
            let mayAsk = ServiceAccess.mayRequest(actor, customerOwner: c.ownerId) == nil && !c.archived
            if !open.items.isEmpty || mayAsk {
                serviceBlock = """
                    <h2>\(req.t("service.customer_section")) · \(open.total)</h2>
                    \(mayAsk ? "<p><a class=\"btn\" href=\"/service-requests/new?customer_id=\(c.id)\">\(req.t("service.new"))</a> <a class=\"btn\" href=\"/service-requests?customer_id=\(c.id)\">\(req.t("service.all_of_customer"))</a></p>" as HTML : "")
                    \(ListPages.table(req, ServiceRequestKind.self, open.items, reading: try await reading(), id: "customer-service-requests", omit: ["service.customer"]))
                    """
            }
        }
        if ComplaintAccess.canBrowse(actor) {
            let open = try await req.store.complaints(
                ComplaintFilter(customerId: c.id, open: true), limit: 20, for: actor)
            let mayTakeIn = ComplaintAccess.mayTakeIn(actor, customerOwner: c.ownerId) == nil && !c.archived
            if !open.items.isEmpty || mayTakeIn {
                let complaints: HTML = """
                    <h2>\(req.t("complaint.customer_section")) · \(open.total)</h2>
                    \(mayTakeIn ? "<p><a class=\"btn\" href=\"/complaints/new?customer_id=\(c.id)\">\(req.t("complaint.new"))</a></p>" as HTML : "")
                    \(ListPages.table(req, ComplaintKind.self, open.items, reading: try await reading(), id: "customer-complaints", omit: ["complaint.customer"]))
                    """
                serviceBlock = HTML.join([serviceBlock, complaints])
            }
        }
        if SupportAccess.canBrowse(actor) {
            let open = try await req.store.supportRequests(
                SupportRequestFilter(customerId: c.id, open: true), limit: 20, for: actor)
            let mayAsk = SupportAccess.mayAsk(actor, customerOwner: c.ownerId) == nil && !c.archived
            if !open.items.isEmpty || mayAsk {
                let support: HTML = """
                    <h2>\(req.t("support.list")) · \(open.total)</h2>
                    \(mayAsk ? "<p><a class=\"btn\" href=\"/support-requests/new?customer_id=\(c.id)\">\(req.t("support.new"))</a></p>" as HTML : "")
                    \(ListPages.table(req, SupportRequestKind.self, open.items, reading: try await reading(), id: "customer-support-requests", flagged: open.items.isEmpty ? [] : try await req.store.conflictingSupportIds()))
                    """
                serviceBlock = HTML.join([serviceBlock, support])
            }
        }
        if TrainingAccess.canBrowse(actor) {
            let sessions = try await req.store.trainings(TrainingFilter(customerId: c.id), limit: 20, for: actor)
            if !sessions.items.isEmpty {
                serviceBlock = HTML.join([
                    serviceBlock,
                    "<h2>\(req.t("training.list")) · \(sessions.total)</h2>\(ListPages.table(req, TrainingKind.self, sessions.items, reading: try await reading(), id: "customer-trainings"))",
                ])
            }
        }
        return serviceBlock
    }

    static func addContact(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        do {
            _ = try await req.store.addContact(customerId: try id(req), try input.contact(), by: actor)
            return Pages.redirect(req, "/customers/\(try id(req))")
        } catch let e as DomainError where e.kind == .validation || e.kind == .badRequest {
            var vals: [String: String] = [:]
            var x: [FieldError] = []
            for k in ContactInput.fieldNames { if let v = input.string(k, &x) { vals[k] = v } }
            return try await detail(
                req, contactErrors: e.fields, contactValues: vals, commErrors: [], commValues: [:],
                status: .unprocessableEntity)
        }
    }

    static func editContact(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        let contact = try APIRoutes.contactId(req)
        do {
            _ = try await req.store.updateContact(
                customerId: try id(req), id: contact, version: try input.version(req), try input.contact(), by: actor)
            return Pages.redirect(req, "/customers/\(try id(req))")
        } catch let e as DomainError where e.kind == .validation || e.kind == .badRequest || e.kind == .conflict {
            var vals: [String: String] = [:]
            var x: [FieldError] = []
            for k in ContactInput.fieldNames { if let v = input.string(k, &x) { vals[k] = v } }
            return try await detail(
                req, contactErrors: e.fields, contactValues: vals, commErrors: [], commValues: [:],
                status: Pages.refusalStatus(e), editing: contact,
                error: e.fields.isEmpty ? e : nil)
        }
    }

    static func removeContact(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        do {
            try await req.store.removeContact(
                customerId: try id(req), id: try APIRoutes.contactId(req),
                version: input.has("version") ? try input.version(req) : nil, by: actor)
            return Pages.redirect(req, "/customers/\(try id(req))")
        } catch let e as DomainError where e.kind == .conflict {
            return try await detail(
                req, contactErrors: [], contactValues: [:], commErrors: [], commValues: [:],
                status: Pages.refusalStatus(e), error: e)
        }
    }

    /// The customer's opportunities (the ten latest, open first), with the way to open one when the reader may.
    static func opportunityBlock(_ req: Request, _ c: Customer, actor: Actor) async throws -> HTML {
        guard OpportunityAccess.canBrowse(actor) else { return "" }
        let page = try await req.store.opportunities(
            OpportunityFilter(customerId: c.id), ListQuery(limit: 10, sortField: "updated_at", descending: true),
            for: actor)
        let stages = try await req.store.opportunityStages().0
        let rows = page.items.sorted {
            ($0.stage.isOpen ? 0 : 1, -$0.updatedAt) < ($1.stage.isOpen ? 0 : 1, -$1.updatedAt)
        }.map { o -> HTML in
            """
            <tr data-href="/opportunities/\(o.id)"><td><a href="/opportunities/\(o.id)">\(o.number)</a></td><td>\(o.title)</td><td>\(stages.label(o.stage, req.locale))</td>
            <td class="num">¥\(OpportunityPages.yuan(o.amount))</td></tr>
            """
        }
        let new: HTML =
            !c.archived && OpportunityAccess.canOpen(actor, customerOwnerId: c.ownerId)
            ? "<a class=\"btn\" href=\"/opportunities/new?customer_id=\(c.id)\">\(req.t("opportunity.new"))</a>" : ""
        return """
            <h2>\(req.t("nav.opportunities")) · \(String(page.total))</h2>
            <div class="table-wrap"><table class="data" id="customer-opportunities"><tbody>\(rows.isEmpty ? "<tr><td class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
            <p>\(new) \(page.total > 10 ? "<a class=\"btn\" href=\"/opportunities?customer_id=\(c.id)\">\(req.t("list.total", ["count": String(page.total)]))</a>" as HTML : "")</p>
            """
    }

    /// The customer's pool history (returns, warnings, claims, hand-outs), when it has one.
    static func poolBlock(_ req: Request, _ c: Customer, actor: Actor) async throws -> HTML {
        let events = try await req.store.poolEvents(customerId: c.id, for: actor)
        guard !events.isEmpty else { return "" }
        let names = try await req.userNames()
        let rows = events.prefix(20).map { e -> HTML in
            let who = [e.fromOwnerId.flatMap { names[$0] }, e.toOwnerId.flatMap { names[$0] }].compactMap { $0 }.joined(
                separator: " → ")
            return
                "<tr><td>\(DateText.minute(e.at / 1000))</td><td>\(req.t(e.kind.labelKey))</td><td>\(who)</td><td>\(e.kind == .warned ? req.t("pool.warn_note", ["date": e.note]) : e.note)</td></tr>"
        }
        return """
            <h2>\(req.t("pool.events"))</h2>
            <div class="table-wrap"><table class="data" id="pool-events"><tbody>\(HTML.join(rows))</tbody></table></div>
            """
    }

    /// The home page's "done" button on a next step: back to where it was pressed.
    /// Marks a next step done and returns to the page it was marked on (home unless the form says which), saying
    /// so and offering to take it back.
    static func completeNextStep(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        var e: [FieldError] = []
        let back = input.string("back", &e) ?? "/"
        do {
            let m = try await req.store.completeNextStep(communicationId: try APIRoutes.id(req), by: actor)
            return Pages.redirect(
                req, back, notice: req.t("comm.done_notice", ["step": m.nextStep]),
                undo: "/next-steps/\(m.id)/undo?done_at=\(m.nextStepDoneAt ?? 0)")
        } catch let e as DomainError where e.kind == .conflict {
            // Closed meanwhile (by the next contact, or in another tab): nothing left to do.
            return Pages.redirect(req, back, notice: e.message.text(req.locale))
        }
    }

    /// Takes back a next step just marked done (the undo beside its message).
    static func reopenNextStep(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        var e: [FieldError] = []
        let back = input.string("back", &e) ?? "/"
        guard let doneAt = Int64(req.query("done_at") ?? "") else { throw DomainError.notFound }
        do {
            _ = try await req.store.reopenNextStep(communicationId: try APIRoutes.id(req), doneAt: doneAt, by: actor)
            return Pages.redirect(req, back, notice: req.t("comm.undone"))
        } catch let e as DomainError where e.kind == .conflict {
            return Pages.redirect(req, back, notice: e.message.text(req.locale))
        }
    }

    static func addCommunication(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        do {
            _ = try await req.store.addCommunication(customerId: try id(req), try input.communication(), by: actor)
            return Pages.redirect(req, "/customers/\(try id(req))")
        } catch let e as DomainError where e.kind == .validation || e.kind == .badRequest {
            var vals: [String: String] = [:]
            var x: [FieldError] = []
            for k in CommunicationInput.fieldNames { if let v = input.string(k, &x) { vals[k] = v } }
            return try await detail(
                req, contactErrors: [], contactValues: [:], commErrors: e.fields, commValues: vals,
                status: .unprocessableEntity)
        }
    }

    // MARK: import and export

    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard CustomerAccess.canExport(actor) else { throw DomainError.forbidden }
        return try await CustomerExport.respond(req, actor: actor)
    }

    static func importForm(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard CustomerAccess.canImport(actor) else { throw DomainError.forbidden }
        return importPage(req, results: nil, error: nil)
    }

    static func importPage(
        _ req: Request, results: [ImportRowResult]?, error: DomainError?, status: HTTPResponseStatus = .ok
    ) -> Response {
        let header = CustomerColumns.all.filter { $0.field != "id" && $0.field != "updated_at" }.map { req.t($0.key) }
            .joined(separator: ",")
        var report: HTML = ""
        if let results {
            let ok = results.filter(\.ok).count
            let rows = results.map { r -> HTML in
                let errs = r.errors.map { "\($0.field): \($0.message.text(req.locale))" }.joined(separator: "；")
                return
                    "<tr><td class=\"num\">\(r.row)</td><td>\(r.name)</td><td>\(r.ok ? Pages.badge(req.t("import.ok"), "ok") : Pages.badge(req.t("import.failed"), "bad"))</td><td>\(r.id.map { "<a href=\"/customers/\($0)\">#\($0)</a>" as HTML } ?? HTML(raw: HTML.escape(errs)))</td></tr>"
            }
            report = """
                <div class="alert \(ok == results.count ? "ok" : "bad")">\(req.t("import.summary", ["ok": String(ok), "failed": String(results.count - ok)]))</div>
                <div class="table-wrap"><table class="data" id="import-report"><thead><tr><th>\(req.t("import.row"))</th><th>\(req.t("col.name"))</th><th>\(req.t("col.status"))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></div>
                """
        }
        return Pages.page(
            req, title: req.t("nav.import"), active: "/customers/import", status: status,
            """
            <h1>\(req.t("nav.import"))</h1>
            <div class="card">
              \(Pages.alert(req, error))
              <p>\(req.t("import.help"))</p>
              <p class="hint">\(header)</p>
              <form class="stack" method="post" action="/customers/import" enctype="multipart/form-data">
                \(Pages.csrfField(req))
                <div class="field"><label for="f-file" class="req">\(req.t("import.file"))</label><input id="f-file" type="file" name="file" accept=".csv,text/csv" required></div>
                <button class="btn primary" type="submit">\(req.t("import.submit"))</button>
              </form>
            </div>
            \(report)
            """)
    }

    static func importFile(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard CustomerAccess.canImport(actor) else { throw DomainError.forbidden }
        struct Upload: Content {
            var _csrf: String?
            var file: File?
        }
        try Files.checkMultipart(req)
        let upload = try? req.content.decode(Upload.self)
        try Auth.checkCSRF(req, sent: upload?._csrf)
        do {
            guard var buf = upload?.file?.data else { throw DomainError(.badRequest, Message("import.empty")) }
            let bytes = buf.readBytes(length: buf.readableBytes) ?? []
            let results = try await CustomerImport.importBytes(bytes, req: req, actor: actor, dryRun: false)
            return importPage(req, results: results, error: nil)
        } catch let e as DomainError where e.kind == .badRequest || e.kind == .validation {
            return importPage(req, results: nil, error: e, status: .badRequest)
        }
    }

    static func uploadFile(_ req: Request) async throws -> Response {
        let customerId = try id(req)
        _ = try await Files.attach(req, entity: "customer", entityId: customerId, form: true)
        return Pages.redirect(req, "/customers/\(customerId)#attachments")
    }

    static func downloadFile(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let a = try await req.store.attachment(id: try id(req), for: actor) else { throw DomainError.notFound }
        return try Files.download(req, a)
    }

    static func removeFile(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        _ = try Pages.form(req)
        let a = try await req.store.removeAttachment(id: try id(req), by: actor)
        return Pages.redirect(
            req, a.entity == TenderAccess.templateEntity ? "/tenders/templates" : "/customers/\(a.entityId)#attachments"
        )
    }
}
