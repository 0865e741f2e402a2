import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

extension SalesPages {
    // MARK: products

    static func products(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let q = Text.clean(req.query("q") ?? "")
        let inactive = req.query("include_inactive") == "true"
        let list = try await req.store.products(q: String(q.prefix(100)), includeInactive: inactive, for: actor)
        let secret = PriceAccess.seesConfidential(actor)
        let rows = list.map { p -> HTML in
            let conf: HTML =
                secret ? "<td class=\"num\">\(yuan(p.floorPrice))</td><td class=\"num\">\(yuan(p.cost))</td>" : ""
            return """
                <tr><td><a href="/products/\(p.id)">\(p.code)</a></td><td>\(p.name)\(p.active ? "" : Pages.badge(req.t("product.inactive"), "bad"))</td>
                <td class="opt">\(req.t(p.kind.labelKey))</td><td>\(p.unit)</td><td class="num">\(yuan(p.listPrice))</td>\(conf)<td class="num opt">\(p.taxRate)%</td></tr>
                """
        }
        let confHead: HTML =
            secret
            ? "<th class=\"num\">\(req.t("product.floor_price"))</th><th class=\"num\">\(req.t("product.cost"))</th>"
            : ""
        return Pages.page(
            req, title: req.t("nav.products"), active: "/products",
            """
            <div class="toolbar"><h1>\(req.t("nav.products"))</h1><div class="actions">
              \(PriceAccess.canEdit(actor) ? "<a class=\"btn primary\" href=\"/products/new\">\(req.t("product.new"))</a>" as HTML : "")
              <a class="btn" href="/price-changes">\(req.t("nav.price_changes"))</a>
              <a class="btn" href="/products/export?format=csv\(inactive ? "&include_inactive=true" : "")">\(req.t("export.csv"))</a>
              <a class="btn" href="/products/export?format=xlsx\(inactive ? "&include_inactive=true" : "")">\(req.t("export.xlsx"))</a></div></div>
            <form class="filters" method="get" action="/products">
              <label>\(req.t("filter.search"))<input type="search" name="q" value="\(q)"></label>
              <label><input type="checkbox" name="include_inactive" value="true"\(HTML.when(inactive, " checked"))> \(req.t("product.show_inactive"))</label>
              <button class="btn" type="submit">\(req.t("filter.apply"))</button></form>
            <div class="table-wrap"><table class="data" id="product-list"><thead><tr><th>\(req.t("product.code"))</th><th>\(req.t("product.name"))</th>
            <th class="opt">\(req.t("product.kind"))</th><th>\(req.t("product.unit"))</th><th class="num">\(req.t("product.list_price"))</th>\(confHead)<th class="num opt">\(req.t("product.tax_rate"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"8\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
            <p class="muted">\(req.t("product.prices_exclude_tax"))</p>
            """)
    }

    static func productForm(
        _ req: Request, _ p: Product?, values: [String: String], errors: [FieldError], status: HTTPResponseStatus = .ok
    ) -> Response {
        let v = { (k: String) in values[k] ?? "" }
        let title = p == nil ? req.t("product.new") : "\(req.t("form.edit")) · \(p!.code)"
        let action = p.map { "/products/\($0.id)" } ?? "/products"
        let error: DomainError? = errors.isEmpty ? nil : DomainError.validation(errors)
        return Pages.page(
            req, title: title, active: "/products", status: status,
            """
            <h1>\(title)</h1>\(Pages.alert(req, error))
            <form class="stack card" method="post" action="\(action)" novalidate>\(Pages.csrfField(req))
              <input type="hidden" name="version" value="\(p.map { String($0.version) } ?? "")">
              \(Pages.field(req, "code", label: req.t("product.code"), value: v("code"), errors: errors, required: true))
              \(Pages.field(req, "name", label: req.t("product.name"), value: v("name"), errors: errors, required: true))
              \(Pages.select(req, "kind", label: req.t("product.kind"), options: ProductKind.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: v("kind"), errors: errors))
              \(Pages.field(req, "unit", label: req.t("product.unit"), value: v("unit").isEmpty ? "套" : v("unit"), errors: errors))
              \(Pages.field(req, "list_price", label: req.t("product.list_price"), value: v("list_price"), errors: errors, required: true, hint: "12,800.00 / 1.28万"))
              \(Pages.field(req, "floor_price", label: req.t("product.floor_price"), value: v("floor_price"), errors: errors))
              \(Pages.field(req, "cost", label: req.t("product.cost"), value: v("cost"), errors: errors))
              \(Pages.select(req, "tax_rate", label: req.t("product.tax_rate"), options: VATRate.allowed.map { (String($0), "\($0)%") }, selected: v("tax_rate").isEmpty ? "13" : v("tax_rate"), errors: errors))
              \(Pages.field(req, "description", label: req.t("product.description"), value: v("description"), errors: errors, type: "textarea"))
              \(p == nil ? "" : Pages.field(req, "reason", label: req.t("product.reason"), value: v("reason"), errors: errors, hint: req.t("product.reason_hint")))
              \(p == nil ? "" : "<div class=\"field\"><input type=\"hidden\" name=\"active_present\" value=\"1\"><label><input type=\"checkbox\" name=\"active\" value=\"true\"\(HTML.when(v("active") != "false", " checked"))> \(req.t("product.active"))</label></div>" as HTML)
              <div><button class="btn primary" type="submit">\(req.t("form.save"))</button> <a class="btn" href="\(p.map { "/products/\($0.id)" } ?? "/products")">\(req.t("form.cancel"))</a></div>
            </form>
            """)
    }

    static func values(_ p: Product) -> [String: String] {
        [
            "code": p.code, "name": p.name, "kind": p.kind.rawValue, "unit": p.unit,
            "list_price": p.listPrice.decimalString,
            "floor_price": p.floorPrice.decimalString, "cost": p.cost.decimalString, "tax_rate": String(p.taxRate),
            "description": p.description, "active": p.active ? "true" : "false",
        ]
    }

    static func formValues(_ input: Input) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in input.values { if case .string(let s) = v { out[k] = s } }
        return out
    }

    static func newProduct(_ req: Request) async throws -> Response {
        guard PriceAccess.canEdit(try req.actor()) else { throw DomainError.forbidden }
        return productForm(req, nil, values: [:], errors: [])
    }

    static func createProduct(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        do {
            let p = try await req.store.createProduct(try input.product(), by: actor)
            return Pages.redirect(req, "/products/\(p.id)")
        } catch let e as DomainError where e.kind == .validation || e.kind == .duplicate || e.kind == .badRequest {
            return productForm(
                req, nil, values: formValues(input),
                errors: e.fields.isEmpty ? [FieldError("code", e.message.key, e.message.args)] : e.fields,
                status: .unprocessableEntity)
        }
    }

    static func product(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard PriceAccess.canBrowse(actor), let p = try await req.store.product(id: try id(req)) else {
            throw DomainError.notFound
        }
        let secret = PriceAccess.seesConfidential(actor)
        let changes = try await req.store.priceChanges(productId: p.id, listOnly: !secret, limit: 100)
        let rows = changes.items.map { i -> HTML in
            let c = i.change
            let conf: HTML =
                secret
                ? "<td class=\"num\">\(yuan(c.floorBefore)) → \(yuan(c.floorAfter))</td><td class=\"num\">\(yuan(c.costBefore)) → \(yuan(c.costAfter))</td>"
                : ""
            return
                "<tr><td>\(DateText.minute(c.at / 1000))</td><td class=\"num\">\(yuan(c.listBefore)) → \(yuan(c.listAfter))</td>\(conf)<td>\(secret ? c.reason : "—")</td><td>\(i.changedByName)</td></tr>"
        }
        let conf: HTML =
            secret
            ? """
            <dt>\(req.t("product.floor_price"))</dt><dd>\(yuan(p.floorPrice))</dd><dt>\(req.t("product.cost"))</dt><dd>\(yuan(p.cost))</dd>
            """ : ""
        let confHead: HTML =
            secret
            ? "<th class=\"num\">\(req.t("product.floor_price"))</th><th class=\"num\">\(req.t("product.cost"))</th>"
            : ""
        return Pages.page(
            req, title: p.name, active: "/products",
            """
            <div class="card header-card"><div><h1>\(p.name)</h1><div class="meta"><span>\(p.code)</span><span>\(req.t(p.kind.labelKey))</span><span>v\(p.version)</span>\(p.active ? "" : Pages.badge(req.t("product.inactive"), "bad"))</div></div>
            <div class="actions">\(PriceAccess.canEdit(actor) ? "<a class=\"btn\" href=\"/products/\(p.id)/edit\">\(req.t("form.edit"))</a>" as HTML : "")</div></div>
            <div class="card"><dl class="props"><dt>\(req.t("product.list_price"))</dt><dd>\(yuan(p.listPrice)) / \(p.unit)</dd>\(conf)
            <dt>\(req.t("product.tax_rate"))</dt><dd>\(p.taxRate)%</dd><dt>\(req.t("product.description"))</dt><dd>\(p.description.isEmpty ? "—" : p.description)</dd></dl></div>
            <h2>\(req.t("nav.price_changes")) · \(changes.total)</h2>
            <div class="table-wrap"><table class="data" id="price-history"><thead><tr><th>\(req.t("price.at"))</th><th class="num">\(req.t("product.list_price"))</th>\(confHead)<th>\(req.t("product.reason"))</th><th>\(req.t("price.by"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"5\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
            """)
    }

    static func editProduct(_ req: Request) async throws -> Response {
        guard PriceAccess.canEdit(try req.actor()) else { throw DomainError.forbidden }
        guard let p = try await req.store.product(id: try id(req)) else { throw DomainError.notFound }
        return productForm(req, p, values: values(p), errors: [])
    }

    static func updateProduct(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Pages.form(req)
        guard let p = try await req.store.product(id: try id(req)) else { throw DomainError.notFound }
        do {
            var product = try input.product()
            if input.isForm && input.values["active_present"] != nil && product.active == nil { product.active = false }
            _ = try await req.store.updateProduct(id: p.id, version: try input.version(req), product, by: actor)
            return Pages.redirect(req, "/products/\(p.id)")
        } catch let e as DomainError where e.kind == .validation || e.kind == .duplicate || e.kind == .conflict {
            let errors = e.fields.isEmpty ? [FieldError("reason", e.message.key, e.message.args)] : e.fields
            return productForm(
                req, p, values: formValues(input), errors: errors,
                status: e.kind == .conflict ? .conflict : .unprocessableEntity)
        }
    }

    static func priceChanges(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard PriceAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let secret = PriceAccess.seesConfidential(actor)
        let page = try await req.store.priceChanges(listOnly: !secret, limit: 200)
        let rows = page.items.map { i -> HTML in
            let c = i.change
            let conf: HTML =
                secret
                ? "<td class=\"num\">\(yuan(c.floorBefore)) → \(yuan(c.floorAfter))</td><td class=\"num\">\(yuan(c.costBefore)) → \(yuan(c.costAfter))</td>"
                : ""
            return
                "<tr><td>\(DateText.minute(c.at / 1000))</td><td><a href=\"/products/\(c.productId)\">\(i.productCode)</a> \(i.productName)</td><td class=\"num\">\(yuan(c.listBefore)) → \(yuan(c.listAfter))</td>\(conf)<td>\(secret ? c.reason : "—")</td><td>\(i.changedByName)</td></tr>"
        }
        let confHead: HTML =
            secret
            ? "<th class=\"num\">\(req.t("product.floor_price"))</th><th class=\"num\">\(req.t("product.cost"))</th>"
            : ""
        return Pages.page(
            req, title: req.t("nav.price_changes"), active: "/products",
            """
            <h1>\(req.t("nav.price_changes"))</h1>
            <div class="table-wrap"><table class="data"><thead><tr><th>\(req.t("price.at"))</th><th>\(req.t("product.name"))</th><th class="num">\(req.t("product.list_price"))</th>\(confHead)<th>\(req.t("product.reason"))</th><th>\(req.t("price.by"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"6\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
            """)
    }
}
