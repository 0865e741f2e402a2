import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1` for the price book, quotations and approvals (issue 4). Actions are `POST /{resource}/{id}/{action}`.
enum SalesRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("products", use: listProducts)
        api.get("products", "export", use: exportProducts)
        api.post("products", use: createProduct)
        api.get("products", ":id", use: getProduct)
        api.patch("products", ":id", use: updateProduct)
        api.get("products", ":id", "price-changes", use: productPriceChanges)
        api.get("price-changes", use: allPriceChanges)

        Records.register(app, QuotationKind.self)
        api.post("quotations", use: createQuotation)
        api.patch("quotations", ":id", use: updateQuotation)
        ProcessAPI.register(app, QuotationProcess.self, route: "quotations") { req, id, action, input, version in
            let actor = try req.actor()
            let q = try await req.store.actOnQuotation(
                id: id, action, comment: input.comment, version: version, by: actor)
            // A revision is a new version of the quotation: 201 with where it is.
            if action == .revise,
                let next = try await req.store.quotations(QuotationFilter(q: q.number), limit: 1, for: actor).items
                    .first
            {
                let res = try DTO.response(try await quotationDTO(req, next, actor: actor), status: .created)
                res.headers.replaceOrAdd(name: .location, value: "/api/v1/quotations/\(next.quotation.id)")
                return res
            }
            return try DTO.response(
                try await quotationDTO(req, try await req.store.quotation(id: q.id, for: actor)!, actor: actor))
        }

        api.get("approvals", "ledger", use: ledger)
        Records.register(app, ApprovalRequestKind.self)
        ProcessAPI.register(app, ApprovalProcess.self, route: "approvals") { req, id, action, input, version in
            let actor = try req.actor()
            let a = try await req.store.decide(
                approvalId: id, action, comment: input.comment, version: version, by: actor)
            return try DTO.response(DTO.Approval(a, for: actor))
        }
    }

    static func id(_ req: Request) throws -> Int64 { try APIRoutes.id(req) }

    static func paging(_ req: Request) throws -> ListQuery {
        try req.listQuery(sorts: ["id"], default: "id")
    }

    static func flag(_ req: Request, _ name: String) throws -> Bool {
        switch req.query(name) ?? "" {
        case "true", "1": return true
        case "false", "0", "": return false
        default: throw DomainError(.badRequest, Message("field.boolean"), fields: [FieldError(name, "field.boolean")])
        }
    }
}
