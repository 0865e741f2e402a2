import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

extension SalesRoutes {
    // MARK: products

    static func listProducts(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let q = Text.clean(req.query("q") ?? "")
        guard q.unicodeScalars.count <= 100 else {
            throw DomainError(
                .badRequest, Message("field.too_long", ["max": "100"]),
                fields: [FieldError("q", "field.too_long", ["max": "100"])])
        }
        let items = try await req.store.products(q: q, includeInactive: try flag(req, "include_inactive"), for: actor)
        let c = PriceAccess.seesConfidential(actor)
        return try DTO.response(DTO.List(items: items.map { DTO.Product($0, confidential: c) }, total: items.count))
    }

    static func exportProducts(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let q = Text.clean(req.query("q") ?? "")
        guard q.unicodeScalars.count <= 100 else {
            throw DomainError(
                .badRequest, Message("field.too_long", ["max": "100"]),
                fields: [FieldError("q", "field.too_long", ["max": "100"])])
        }
        let inactive = try flag(req, "include_inactive")
        _ = try TableExport.format(req)
        let items = try await req.store.products(q: q, includeInactive: inactive, for: actor)
        let secret = PriceAccess.seesConfidential(actor)
        let t = { (k: String) in Catalog.text(k, [:], req.locale) }
        var header = [
            t("product.code"), t("product.name"), t("product.kind"), t("product.unit"), t("product.list_price"),
            t("product.tax_rate"),
        ]
        if secret { header += [t("product.floor_price"), t("product.cost")] }
        let rows = items.map { p -> [String] in
            var r = [p.code, p.name, t(p.kind.labelKey), p.unit, p.listPrice.decimalString, "\(p.taxRate)%"]
            if secret { r += [p.floorPrice.decimalString, p.cost.decimalString] }
            return r
        }
        return try await TableExport.respond(
            req, entity: "product", sheet: t("nav.products"), header: header, rows: rows)
    }

    static func getProduct(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard PriceAccess.canBrowse(actor) else { throw DomainError.forbidden }
        guard let p = try await req.store.product(id: try id(req)) else { throw DomainError.notFound }
        return try DTO.response(DTO.Product(p, confidential: PriceAccess.seesConfidential(actor)))
    }

    static func createProduct(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard PriceAccess.canEdit(actor) else { throw DomainError.forbidden }
        let input = try Input.json(req, allowed: ProductInput.fieldNames).product()
        let p = try await req.store.createProduct(input, by: actor)
        let res = try DTO.response(DTO.Product(p, confidential: true), status: .created)
        res.headers.replaceOrAdd(name: .location, value: "/api/v1/products/\(p.id)")
        return res
    }

    static func updateProduct(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let productId = try id(req)
        guard PriceAccess.canEdit(actor) else { throw DomainError.forbidden }
        let body = try Input.json(req, allowed: ProductInput.fieldNames)
        let p = try await req.store.updateProduct(
            id: productId, version: try body.version(req), try body.product(), by: actor)
        return try DTO.response(DTO.Product(p, confidential: true))
    }

    static func productPriceChanges(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard PriceAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let pid = try id(req)
        guard try await req.store.product(id: pid) != nil else { throw DomainError.notFound }
        let q = try paging(req)
        let c = PriceAccess.seesConfidential(actor)
        let page = try await req.store.priceChanges(productId: pid, listOnly: !c, limit: q.limit, offset: q.offset)
        return try DTO.response(
            DTO.List(
                items: page.items.map { DTO.PriceChange($0, confidential: c) }, total: page.total, limit: q.limit,
                offset: q.offset))
    }

    static func allPriceChanges(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard PriceAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let q = try paging(req)
        let c = PriceAccess.seesConfidential(actor)
        let page = try await req.store.priceChanges(listOnly: !c, limit: q.limit, offset: q.offset)
        return try DTO.response(
            DTO.List(
                items: page.items.map { DTO.PriceChange($0, confidential: c) }, total: page.total, limit: q.limit,
                offset: q.offset))
    }
}
