import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1` for the price book, quotations and approvals (issue 4). Actions are `POST /{resource}/{id}/{action}`.
enum SalesRoutes {
    /// The steps people take, from the tables.
    static let quotationActions = QuotationProcess.actions
    static let approvalActions = ApprovalProcess.actions

    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("products", use: listProducts)
        api.get("products", "export", use: exportProducts)
        api.post("products", use: createProduct)
        api.get("products", ":id", use: getProduct)
        api.patch("products", ":id", use: updateProduct)
        api.get("products", ":id", "price-changes", use: productPriceChanges)
        api.get("price-changes", use: allPriceChanges)

        api.get("quotations", use: listQuotations)
        api.get("quotations", "export", use: exportQuotations)
        api.post("quotations", use: createQuotation)
        api.get("quotations", ":id", use: getQuotation)
        api.patch("quotations", ":id", use: updateQuotation)
        api.get("quotations", ":id", "history", use: quotationHistory)
        for action in quotationActions {
            api.post("quotations", ":id", PathComponent(stringLiteral: action.rawValue)) { req in try await actOnQuotation(req, action) }
        }

        api.get("approvals", use: listApprovals)
        api.get("approvals", "export", use: exportApprovals)
        api.get("approvals", "ledger", use: ledger)
        api.get("approvals", ":id", use: getApproval)
        for action in approvalActions {
            api.post("approvals", ":id", PathComponent(stringLiteral: action.rawValue)) { req in try await decide(req, action) }
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
