import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// Users, regions and authority limits (administrator), and the audit log (GM, administrator).
enum AdminPages {
    static func register(_ app: Application) {
        app.get("admin", "users", use: users)
        app.get("admin", "users", "new", use: newUser)
        app.post("admin", "users", use: createUser)
        app.get("admin", "users", ":id", use: editUser)
        app.post("admin", "users", ":id", use: updateUser)
        app.get("admin", "regions", use: regions)
        app.post("admin", "regions", use: createRegion)
        app.post("admin", "regions", ":id", use: updateRegion)
        app.get("admin", "limits", use: limits)
        app.post("admin", "limits", use: setLimits)
        app.get("audit", use: audit)
    }

    static func admin(_ req: Request) throws -> Actor {
        let a = try req.actor()
        guard OrganisationAccess.canManage(a) else { throw DomainError.forbidden }
        return a
    }

    static func users(_ req: Request) async throws -> Response {
        _ = try admin(req)
        let users = try await req.store.users()
        let regions = Dictionary(uniqueKeysWithValues: try await req.store.regions().map { ($0.id, $0.name) })
        let rows = users.map { u -> HTML in
            """
            <tr data-href="/admin/users/\(u.id)"><td><a href="/admin/users/\(u.id)">\(u.username)</a></td><td>\(u.displayName)</td>
            <td>\(u.roles.sorted().map { req.t($0.labelKey) }.joined(separator: "、"))</td><td>\(u.regionId.flatMap { regions[$0] } ?? "—")</td>
            <td>\(u.active ? Pages.badge(req.t("user.active"), "ok") : Pages.badge(req.t("user.inactive_badge"), "bad"))</td></tr>
            """
        }
        return Pages.page(
            req, title: req.t("nav.users"), active: "/admin/users",
            """
            <div class="toolbar"><h1>\(req.t("nav.users"))</h1><div class="actions"><a class="btn primary" href="/admin/users/new">\(req.t("user.new"))</a></div></div>
            <div class="table-wrap"><table class="data" id="users"><thead><tr><th>\(req.t("login.username"))</th><th>\(req.t("user.display_name"))</th><th>\(req.t("user.roles"))</th><th>\(req.t("col.region"))</th><th>\(req.t("col.status"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """)
    }

    static func userForm(
        _ req: Request, user: User?, values: [String: String], roles: Set<String>, errors: [FieldError],
        error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let regions = try await req.store.regions()
        let v = { (k: String) in values[k] ?? "" }
        let roleBoxes = Role.allCases.map { r -> HTML in
            "<label><input type=\"checkbox\" name=\"roles[]\" value=\"\(r.rawValue)\"\(HTML.when(roles.contains(r.rawValue), " checked"))> \(req.t(r.labelKey))</label>"
        }
        let roleErr: HTML =
            errors.first { $0.field == "roles" }.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" } ?? ""
        let title = user.map { req.t("user.edit", ["name": $0.username]) } ?? req.t("user.new")
        let action = user.map { "/admin/users/\($0.id)" } ?? "/admin/users"
        return Pages.page(
            req, title: title, active: "/admin/users", status: status,
            """
            <h1>\(title)</h1><div class="card">\(Pages.alert(req, error))
            <form class="stack" method="post" action="\(action)" novalidate>\(Pages.csrfField(req))
              \(user.map { "<input type=\"hidden\" name=\"version\" value=\"\(values["version"] ?? String($0.version))\">" as HTML } ?? "")
              \(user == nil ? Pages.field(req, "username", label: req.t("login.username"), value: v("username"), errors: errors, required: true, hint: req.t("user.username_format")) : "<p><b>\(req.t("login.username"))：</b>\(user!.username)</p>" as HTML)
              \(Pages.field(req, "display_name", label: req.t("user.display_name"), value: v("display_name"), errors: errors, required: true))
              \(Pages.field(req, "password", label: user == nil ? req.t("login.password") : req.t("user.new_password"), value: "", errors: errors, required: user == nil, type: "password", hint: req.t("user.password_length"), attrs: " autocomplete=\"new-password\""))
              \(Pages.field(req, "email", label: req.t("contact.email"), value: v("email"), errors: errors, type: "email"))
              <div class="field\(HTML.when(!roleErr.raw.isEmpty, " error"))"><label class="req">\(req.t("user.roles"))</label><input type="hidden" name="roles_present" value="1"><div class="checks">\(roleBoxes)</div>\(roleErr)</div>
              \(Pages.select(req, "region_id", label: req.t("col.region"), options: [("", "—")] + regions.map { (String($0.id), $0.name) }, selected: v("region_id"), errors: errors))
              \(Pages.select(req, "locale", label: req.t("user.locale"), options: [("zh-CN", "中文"), ("en", "English")], selected: v("locale").isEmpty ? "zh-CN" : v("locale"), errors: errors))
              \(user != nil ? "<div class=\"field\"><input type=\"hidden\" name=\"active_present\" value=\"1\"><label><input type=\"checkbox\" name=\"active\" value=\"true\"\(v("active") == "false" ? "" : " checked")> \(req.t("user.active"))</label><div class=\"hint\">\(req.t("user.deactivate_hint"))</div>\(errors.first { $0.field == "active" }.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" as HTML } ?? "")</div>" as HTML : "")
              <button class="btn primary" type="submit">\(req.t("form.save"))</button> <a class="btn" href="/admin/users">\(req.t("form.cancel"))</a>
            </form></div>
            """)
    }

    static func formValues(_ input: Input) -> ([String: String], Set<String>) {
        var e: [FieldError] = []
        var vals: [String: String] = [:]
        for k in ["username", "display_name", "email", "region_id", "locale", "version"] {
            if let v = input.string(k, &e) { vals[k] = v }
        }
        vals["active"] = input.bool("active", &e) == true ? "true" : "false"
        return (vals, Set(input.stringList("roles", &e) ?? []))
    }

    static func newUser(_ req: Request) async throws -> Response {
        _ = try admin(req)
        return try await userForm(req, user: nil, values: [:], roles: [], errors: [], error: nil)
    }

    static func createUser(_ req: Request) async throws -> Response {
        _ = try admin(req)
        let input = try Pages.form(req)
        do {
            let u = try await req.store.createUser(try input.user())
            return Pages.redirect(req, "/admin/users/\(u.id)")
        } catch let e as DomainError where e.kind == .validation || e.kind == .badRequest {
            let (vals, roles) = formValues(input)
            return try await userForm(
                req, user: nil, values: vals, roles: roles, errors: e.fields, error: e, status: .unprocessableEntity)
        }
    }

    static func editUser(_ req: Request) async throws -> Response {
        _ = try admin(req)
        guard let u = try await req.store.user(id: try APIRoutes.id(req)) else { throw DomainError.notFound }
        let vals = [
            "display_name": u.displayName, "email": u.email, "region_id": u.regionId.map(String.init) ?? "",
            "locale": u.locale.rawValue, "active": u.active ? "true" : "false",
        ]
        return try await userForm(
            req, user: u, values: vals, roles: Set(u.roles.map(\.rawValue)), errors: [], error: nil)
    }

    static func updateUser(_ req: Request) async throws -> Response {
        let actor = try admin(req)
        guard let u = try await req.store.user(id: try APIRoutes.id(req)) else { throw DomainError.notFound }
        let input = try Pages.form(req)
        do {
            _ = try await req.store.updateUser(id: u.id, version: try input.version(req), try input.user(), by: actor)
            return Pages.redirect(req, "/admin/users")
        } catch let e as DomainError where e.kind != .notFound && e.kind != .forbidden {
            let (vals, roles) = formValues(input)
            return try await userForm(
                req, user: u, values: vals, roles: roles, errors: e.fields, error: e, status: ErrorRenderer.status(e, e)
            )
        }
    }

    static func regions(_ req: Request) async throws -> Response {
        _ = try admin(req)
        return try await regionsPage(req, errors: [], error: nil)
    }

    static func regionsPage(_ req: Request, errors: [FieldError], error: DomainError?, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let regions = try await req.store.regions()
        let users = try await req.store.users(includeInactive: false)
        let reps = Dictionary(
            grouping: users.filter { $0.roles.contains(.salesRep) && $0.regionId != nil }, by: { $0.regionId! })
        let rows = regions.map { r -> HTML in
            let heads = [("", "—")] + users.map { (String($0.id), $0.displayName) }
            return """
                <tr><td>\(r.code)</td><td>
                <form class="inline" method="post" action="/admin/regions/\(r.id)">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(r.version)">
                <input name="name" value="\(r.name)" aria-label="\(req.t("region.name"))"> <select name="head_id" aria-label="\(req.t("region.head"))">\(Pages.options(heads.map { (value: $0.0, label: $0.1) }, r.headId.map(String.init) ?? ""))</select>
                <button class="btn" type="submit">\(req.t("form.save"))</button></form></td>
                <td>\((reps[r.id] ?? []).map(\.displayName).joined(separator: "、"))</td></tr>
                """
        }
        return Pages.page(
            req, title: req.t("nav.regions"), active: "/admin/regions", status: status,
            """
            <h1>\(req.t("nav.regions"))</h1>
            <div class="table-wrap"><table class="data" id="regions"><thead><tr><th>\(req.t("region.code"))</th><th>\(req.t("region.name")) / \(req.t("region.head"))</th><th>\(req.t("region.reps"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            <h2>\(req.t("region.new"))</h2>
            <div class="card">\(Pages.alert(req, error))<form class="stack" method="post" action="/admin/regions" novalidate>\(Pages.csrfField(req))
              \(Pages.field(req, "code", label: req.t("region.code"), value: "", errors: errors, required: true, hint: req.t("region.code_format")))
              \(Pages.field(req, "name", label: req.t("region.name"), value: "", errors: errors, required: true))
              <button class="btn primary" type="submit">\(req.t("form.save"))</button></form></div>
            """)
    }

    static func createRegion(_ req: Request) async throws -> Response {
        _ = try admin(req)
        let input = try Pages.form(req)
        do {
            _ = try await req.store.createRegion(try input.region())
            return Pages.redirect(req, "/admin/regions")
        } catch let e as DomainError where e.kind == .validation || e.kind == .badRequest {
            return try await regionsPage(req, errors: e.fields, error: e, status: .unprocessableEntity)
        }
    }

    static func updateRegion(_ req: Request) async throws -> Response {
        _ = try admin(req)
        let input = try Pages.form(req)
        do {
            _ = try await req.store.updateRegion(
                id: try APIRoutes.id(req), version: try input.version(req), try input.region())
            return Pages.redirect(req, "/admin/regions")
        } catch let e as DomainError where e.kind != .notFound && e.kind != .forbidden {
            return try await regionsPage(req, errors: e.fields, error: e, status: ErrorRenderer.status(e, e))
        }
    }

    static func limits(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard OrganisationAccess.canReadLimits(actor) else { throw DomainError.forbidden }
        return try await limitsPage(req, actor: actor, errors: [], error: nil, values: nil)
    }

    static func limitsPage(
        _ req: Request, actor: Actor, errors: [FieldError], error: DomainError?, values: [String: String]?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let (limits, version) = try await req.store.authorityLimits()
        let editable = OrganisationAccess.canManage(actor)
        let rows = ApprovalKind.allCases.map { k -> HTML in
            let value = values?[k.rawValue] ?? limits.limit(k).grouped
            if editable {
                return
                    "<tr><td>\(req.t(k.labelKey))</td><td>\(Pages.field(req, k.rawValue, label: req.t("limit.amount"), value: value, errors: errors, attrs: " inputmode=\"decimal\""))</td></tr>"
            }
            return "<tr><td>\(req.t(k.labelKey))</td><td class=\"num\">¥ \(limits.limit(k).grouped)</td></tr>"
        }
        let discount = Rate.text(try await req.store.standardDiscount()).replacingOccurrences(of: "%", with: "")
        let threshold = try await req.store.specialThreshold()
        let extra: [HTML] = [
            editable
                ? "<tr><td>\(req.t("limit.standard_discount"))</td><td>\(Pages.field(req, "standard_discount", label: "%", value: values?["standard_discount"] ?? discount, errors: errors, attrs: " inputmode=\"decimal\""))</td></tr>"
                : "<tr><td>\(req.t("limit.standard_discount"))</td><td class=\"num\">\(discount)%</td></tr>",
            editable
                ? "<tr><td>\(req.t("limit.special_contract"))</td><td>\(Pages.field(req, "special_contract_threshold", label: req.t("limit.amount"), value: values?["special_contract_threshold"] ?? threshold.grouped, errors: errors, attrs: " inputmode=\"decimal\""))</td></tr>"
                : "<tr><td>\(req.t("limit.special_contract"))</td><td class=\"num\">¥ \(threshold.grouped)</td></tr>",
        ]
        let table: HTML =
            "<div class=\"table-wrap\"><table class=\"data\" id=\"limits\"><thead><tr><th>\(req.t("limit.kind"))</th><th>\(req.t("limit.amount"))</th></tr></thead><tbody>\(rows)\(extra)</tbody></table></div>"
        return Pages.page(
            req, title: req.t("nav.limits"), active: "/admin/limits", status: status,
            """
            <h1>\(req.t("nav.limits"))</h1>
            <p class="muted">\(req.t("limit.help"))</p>
            \(Pages.alert(req, error))
            \(editable ? "<form class=\"stack\" method=\"post\" action=\"/admin/limits\" novalidate>\(Pages.csrfField(req))<input type=\"hidden\" name=\"version\" value=\"\(values?["version"] ?? String(version))\">\(table)<p><button class=\"btn primary\" type=\"submit\">\(req.t("form.save"))</button></p></form>" as HTML : table)
            """)
    }

    static func setLimits(_ req: Request) async throws -> Response {
        let actor = try admin(req)
        let input = try Pages.form(req)
        var e: [FieldError] = []
        var vals: [String: String] = [:]
        for k in ApprovalKind.allCases { vals[k.rawValue] = input.string(k.rawValue, &e) }
        vals["standard_discount"] = input.string("standard_discount", &e)
        vals["special_contract_threshold"] = input.string("special_contract_threshold", &e)
        vals["version"] = input.string("version", &e)
        do {
            var amounts: [ApprovalKind: Money] = [:]
            var invalid: [FieldError] = []
            for k in ApprovalKind.allCases {
                guard let text = vals[k.rawValue] else { continue }
                do { amounts[k] = try AuthorityLimits.parseLimit(text, field: k.rawValue) } catch {
                    invalid += error.fields
                }
            }
            let (discount, threshold) = try DTO.Thresholds.read(
                vals["standard_discount"], vals["special_contract_threshold"], into: &invalid)
            if !invalid.isEmpty { throw DomainError.validation(invalid) }
            _ = try await req.store.setAuthorityLimits(
                amounts, standardDiscount: discount, specialThreshold: threshold, version: try input.version(req),
                by: actor)
            return Pages.redirect(req, "/admin/limits")
        } catch let err as DomainError where err.kind != .forbidden {
            return try await limitsPage(
                req, actor: actor, errors: err.fields, error: err, values: vals, status: ErrorRenderer.status(err, err))
        }
    }

    static func audit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard OrganisationAccess.canReadAudit(actor) else { throw DomainError.forbidden }
        let p: (String) -> String? = { req.query($0) }
        let f: AuditFilter
        do { f = try AuditFilter.parse(p) } catch {
            throw DomainError(.badRequest, Message("error.validation"), fields: error.fields)
        }
        let q = try req.listQuery(sorts: ["at"], default: "at")
        let page = try await req.store.auditEntries(f, limit: q.limit, offset: q.offset, for: actor)
        let users = try await req.store.users()
        let rows = page.items.map { a -> HTML in
            let label = AuditAction(rawValue: a.action).map { req.t($0.labelKey) } ?? a.action
            return """
                <tr><td>\(DTO.iso(millis: a.at).prefix(19).replacingOccurrences(of: "T", with: " "))</td><td>\(a.actorName)</td><td>\(label)</td><td>\(a.entity)\(a.entityId.map { " #" + $0 } ?? "")</td>
                <td class="opt">\(a.ip ?? "")</td><td><pre class="json">\(a.before.map { "− " + $0 + "\n" } ?? "")\(a.after.map { "+ " + $0 } ?? "")</pre></td></tr>
                """
        }
        let params: [(String, String?)] = [
            ("actor_id", f.actorId.map(String.init)), ("action", f.action), ("entity", f.entity),
            ("entity_id", f.entityId),
            ("from", f.from), ("to", f.to),
        ]
        let next: HTML =
            q.offset + page.items.count < page.total
            ? "<a class=\"btn\" href=\"/audit\(Pages.query(params + [("offset", String(q.offset + q.limit))]))\">\(req.t("pager.next"))</a>"
            : ""
        let prev: HTML =
            q.offset > 0
            ? "<a class=\"btn\" href=\"/audit\(Pages.query(params + [("offset", String(max(0, q.offset - q.limit)))]))\">\(req.t("pager.prev"))</a>"
            : ""
        let actions = [("", req.t("filter.all"))] + AuditAction.allCases.map { ($0.rawValue, req.t($0.labelKey)) }
        let actors = [("", req.t("filter.all"))] + users.map { (String($0.id), $0.displayName) }
        let entities =
            [("", req.t("filter.all"))]
            + ["customer", "contact", "communication", "user", "region", "authority_limits"].map { ($0, $0) }
        return Pages.page(
            req, title: req.t("nav.audit"), active: "/audit",
            """
            <h1>\(req.t("nav.audit"))</h1>
            <form class="filters" method="get" action="/audit">
              <label>\(req.t("audit.actor"))<select name="actor_id">\(Pages.options(actors.map { (value: $0.0, label: $0.1) }, f.actorId.map(String.init) ?? ""))</select></label>
              <label>\(req.t("audit.action"))<select name="action">\(Pages.options(actions.map { (value: $0.0, label: $0.1) }, f.action ?? ""))</select></label>
              <label>\(req.t("audit.entity"))<select name="entity">\(Pages.options(entities.map { (value: $0.0, label: $0.1) }, f.entity ?? ""))</select></label>
              <label>\(req.t("audit.entity_id"))<input name="entity_id" value="\(f.entityId ?? "")" size="6"></label>
              <label>\(req.t("audit.from"))<input type="date" name="from" value="\(f.from ?? "")"></label>
              <label>\(req.t("audit.to"))<input type="date" name="to" value="\(f.to ?? "")"></label>
              <button class="btn" type="submit">\(req.t("filter.apply"))</button>
            </form>
            <div class="table-wrap"><table class="data" id="audit"><thead><tr><th>\(req.t("audit.at"))</th><th>\(req.t("audit.actor"))</th><th>\(req.t("audit.action"))</th><th>\(req.t("audit.entity"))</th><th class="opt">IP</th><th>\(req.t("audit.change"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"6\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
            <div class="pager"><span>\(req.t("pager.range", ["from": String(page.total == 0 ? 0 : q.offset + 1), "to": String(q.offset + page.items.count), "total": String(page.total)]))</span>\(prev)\(next)</div>
            """)
    }
}
