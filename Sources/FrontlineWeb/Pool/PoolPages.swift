import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The customer pool pages (公海): the list with a claim button for reps and a hand-out form for the office, and the
/// rules' settings.
enum PoolPages {
    static func register(_ app: Application) {
        app.get("pool", use: list)
        app.post("pool", ":id", "claim", use: claim)
        app.post("pool", ":id", "assign", use: assign)
        app.get("settings", "pool", use: rulesPage)
        app.post("settings", "pool", use: saveRules)
    }

    static func list(_ req: Request) async throws -> Response { try await listPage(req, error: nil) }

    static func listPage(_ req: Request, error: DomainError?, notice: String? = nil, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let actor = try req.actor()
        guard PoolAccess.canBrowse(actor) else { throw DomainError.forbidden }
        var f = PoolFilter()
        f.q = req.query("q").map(Text.clean).flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        f.tier = req.query("tier").flatMap(CustomerTier.init(rawValue:))
        f.regionId = req.query("region_id").flatMap { Int64($0) }
        let perPage = 50
        let pageNo = max(1, min(Int(req.query("page") ?? "") ?? 1, 10_000))
        let page = try await req.store.poolCustomers(
            f, ListQuery(limit: perPage, offset: (pageNo - 1) * perPage, sortField: "updated_at", descending: true),
            for: actor)
        let names = try await req.userNames()
        let reps = PoolAccess.canAssign(actor) ? try await req.store.users().filter(\.isActiveRep) : []
        let (rules, _) = try await req.store.poolRules()
        let rows = page.items.map { i -> HTML in
            let c = i.customer
            var action: HTML = ""
            if PoolAccess.canClaim(actor) {
                action =
                    "<form class=\"inline\" method=\"post\" action=\"/pool/\(c.id)/claim\">\(Pages.csrfField(req))<button class=\"btn primary\" type=\"submit\">\(req.t("pool.claim"))</button></form>"
            } else if !reps.isEmpty {
                action = """
                    <form class="inline" method="post" action="/pool/\(c.id)/assign">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(c.version)"><select name="owner_id" aria-label="\(req.t("pool.assign"))">\(Pages.options(reps.map { (String($0.id), $0.displayName) }, ""))</select>
                    <button class="btn" type="submit">\(req.t("pool.assign_button"))</button></form>
                    """
            }
            return """
                <tr id="pool-\(c.id)"><td>\(c.name)</td><td>\(c.tier.rawValue)</td><td class="opt">\(c.industry)</td><td class="opt">\(i.regionName ?? "—")</td>
                <td class="opt">\(i.returnedAt.map { DateText.minute($0 / 1000) } ?? "—")</td><td class="opt">\(i.lastOwnerId.flatMap { names[$0] } ?? "—")</td><td>\(action)</td></tr>
                """
        }
        let tiers: [(value: String, label: String)] =
            [("", req.t("filter.all"))] + CustomerTier.allCases.map { ($0.rawValue, $0.rawValue) }
        let query = Pages.query([("q", f.q), ("tier", f.tier?.rawValue), ("region_id", f.regionId.map(String.init))])
        let sep = query.isEmpty ? "?" : "&"
        let pages = max(1, (page.total + perPage - 1) / perPage)
        let summary = CustomerTier.allCases.map { "\($0.rawValue) \(rules.days($0))" }.joined(separator: " · ")
        return Pages.page(
            req, title: req.t("pool.list"), active: "/pool", status: status,
            """
            <div class="toolbar"><h1>\(req.t("pool.list"))</h1></div>
            <p class="muted">\(req.t("pool.intro"))</p>
            <p class="muted" id="pool-rules">\(req.t("pool.rules")) · \(summary) · \(req.t("pool.daily_claims")) \(rules.dailyClaims) · \(req.t("pool.owned_limit")) \(rules.ownedLimit)</p>
            \(notice.map { "<div class=\"alert ok\" role=\"status\">\($0)</div>" as HTML } ?? "")
            \(Pages.alert(req, error))
            <form class="filters" method="get" action="/pool">
              <label>\(req.t("filter.search"))<input type="search" name="q" value="\(f.q ?? "")"></label>
              <label>\(req.t("col.tier"))<select name="tier">\(Pages.options(tiers, f.tier?.rawValue ?? ""))</select></label>
              <button class="btn" type="submit">\(req.t("filter.apply"))</button></form>
            <div class="table-wrap"><table class="data" id="pool-list"><thead><tr><th>\(req.t("col.name"))</th><th>\(req.t("col.tier"))</th><th class="opt">\(req.t("col.industry"))</th>
            <th class="opt">\(req.t("col.region"))</th><th class="opt">\(req.t("pool.returned_at"))</th><th class="opt">\(req.t("pool.last_owner"))</th><th></th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"7\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
            <div class="pager"><span>\(req.t("list.total", ["count": String(page.total)]))</span>
            \(pageNo > 1 ? "<a class=\"btn\" href=\"/pool\(query)\(sep)page=\(pageNo - 1)\">\(req.t("service.prev"))</a>" as HTML : "")
            \(pageNo < pages ? "<a class=\"btn\" href=\"/pool\(query)\(sep)page=\(pageNo + 1)\">\(req.t("service.next"))</a>" as HTML : "")</div>
            """)
    }

    static func claim(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        _ = try Pages.form(req)
        do {
            let c = try await req.store.claimCustomer(id: try APIRoutes.id(req), by: actor)
            return Pages.redirect(req, "/customers/\(c.id)")
        } catch let e as DomainError where e.kind == .conflict || e.kind == .validation {
            return try await listPage(req, error: e, status: Pages.refusalStatus(e))
        }
    }

    static func assign(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = try Pages.form(req)
        var e: [FieldError] = []
        let owner = Int64((form.string("owner_id", &e) ?? "").trimmingCharacters(in: .whitespaces)) ?? 0
        let version = form.has("version") ? try form.version(req) : nil
        do {
            let c = try await req.store.assignCustomer(
                id: try APIRoutes.id(req), to: owner, version: version, by: actor)
            let name = try await req.store.users().first { $0.id == owner }?.displayName ?? ""
            return try await listPage(req, error: nil, notice: "\(c.name) → \(name)")
        } catch let err as DomainError where err.kind == .conflict || err.kind == .validation {
            return try await listPage(req, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func rulesPage(_ req: Request) async throws -> Response {
        try await rulesForm(req, error: nil, saved: req.query("saved") == "1")
    }

    static func rulesForm(_ req: Request, error: DomainError?, saved: Bool = false, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let actor = try req.actor()
        guard PoolAccess.canSetRules(actor) else { throw DomainError.forbidden }
        let (r, version) = try await req.store.poolRules()
        let errors = error?.fields ?? []
        let days = CustomerTier.allCases.map { t -> HTML in
            Pages.field(
                req, "return_days.\(t.rawValue)", label: req.t("pool.return_days", ["tier": t.rawValue]),
                value: String(r.days(t)), errors: errors, type: "number", attrs: " min=\"0\" max=\"3650\"")
        }
        func check(_ name: String, _ on: Bool, _ label: String) -> HTML {
            "<label class=\"check\"><input type=\"hidden\" name=\"\(name)\" value=\"false\"><input type=\"checkbox\" name=\"\(name)\" value=\"true\"\(HTML.when(on, " checked"))> \(label)</label>"
        }
        return Pages.page(
            req, title: req.t("pool.rules"), active: "/settings/pool", status: status,
            """
            <h1>\(req.t("pool.rules"))</h1>
            \(saved ? "<div class=\"alert ok\" role=\"status\">\(req.t("pool.rules_saved"))</div>" as HTML : "")
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/settings/pool" novalidate id="pool-rules-form">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(version)">
            \(HTML.join(days))
            \(Pages.field(req, "warn_days", label: req.t("pool.warn_days"), value: String(r.warnDays), errors: errors, type: "number", attrs: " min=\"0\" max=\"365\""))
            \(check("exempt_negotiation", r.exemptNegotiation, req.t("pool.exempt_negotiation")))
            \(check("exempt_effective_contract", r.exemptEffectiveContract, req.t("pool.exempt_contract")))
            \(Pages.field(req, "owned_limit", label: req.t("pool.owned_limit"), value: String(r.ownedLimit), errors: errors, type: "number", attrs: " min=\"1\""))
            \(Pages.field(req, "daily_claims", label: req.t("pool.daily_claims"), value: String(r.dailyClaims), errors: errors, type: "number", attrs: " min=\"0\""))
            \(Pages.field(req, "reclaim_days", label: req.t("pool.reclaim_days"), value: String(r.reclaimDays), errors: errors, type: "number", attrs: " min=\"0\""))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("opportunity.save"))</button></div></form>
            """)
    }

    static func saveRules(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard PoolAccess.canSetRules(actor) else { throw DomainError.forbidden }
        let form = try Pages.form(req)
        do {
            var r = try await req.store.poolRules().0
            // A checkbox sends "false" from its hidden twin and "true" when ticked: the last one wins.
            var values = form.values
            for k in ["exempt_negotiation", "exempt_effective_contract"] {
                if case .list(let items)? = values[k] { values[k] = items.last }
            }
            try Input(values: values, isForm: true).poolRules(into: &r)
            _ = try await req.store.setPoolRules(r, version: (try? form.version(req)) ?? 0, by: actor)
            return Pages.redirect(req, "/settings/pool?saved=1")
        } catch let err as DomainError where err.kind == .validation || err.kind == .badRequest || err.kind == .conflict
        {
            return try await rulesForm(req, error: err, status: Pages.refusalStatus(err))
        }
    }
}
