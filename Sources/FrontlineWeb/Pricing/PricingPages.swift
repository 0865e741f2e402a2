import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// Pages of the price book, quotations and approvals.
enum SalesPages {
    static func register(_ app: Application) {
        app.get("products", use: products)
        // The list exports, for people signed in by cookie (the same handlers as the API's).
        app.get("products", "export", use: SalesRoutes.exportProducts)
        app.get("products", "new", use: newProduct)
        app.post("products", use: createProduct)
        app.get("products", ":id", use: product)
        app.get("products", ":id", "edit", use: editProduct)
        app.post("products", ":id", use: updateProduct)
        app.get("price-changes", use: priceChanges)
        app.get("quotations", use: quotations)
        app.get("quotations", "new", use: newQuotation)
        app.post("quotations", use: createQuotation)
        app.get("quotations", ":id", use: quotation)
        app.get("quotations", ":id", "edit", use: editQuotation)
        app.post("quotations", ":id", use: updateQuotation)
        ProcessPages.register(
            app, QuotationProcess.self, route: "quotations",
            act: { req, id, action, input, version in
                let actor = try req.actor()
                let q = try await req.store.actOnQuotation(
                    id: id, action, comment: input.comment, version: version, by: actor)
                // A revision opens at its form, to be changed.
                if action == .revise,
                    let next = try await req.store.quotations(QuotationFilter(q: q.number), limit: 1, for: actor).items
                        .first
                {
                    return "/quotations/\(next.quotation.id)/edit"
                }
                return "/quotations/\(q.id)"
            }, page: { req, error, status in try await quotationPage(req, error: error, status: status) })
        app.get("quotations", ":id", "print", use: printQuotation)
        app.get("approvals", use: approvals)
        ProcessPages.register(
            app, ApprovalProcess.self, route: "approvals",
            act: { req, id, action, input, version in
                let a = try await req.store.decide(
                    approvalId: id, action, comment: input.comment, version: version, by: try req.actor())
                return a.subject == "quotation" ? "/quotations/\(a.subjectId)" : "/approvals"
            }, page: { req, error, status in try await approvalsPage(req, error: error, status: status) })
    }

    static func id(_ req: Request) throws -> Int64 { try APIRoutes.id(req) }
    static func yuan(_ m: Money) -> String { m.grouped }

    /// The limit an approval was routed by, as its approvers read it: within the manager's, or above it (the GM's).
    static func limitText(_ req: Request, _ a: ApprovalRequest) -> String {
        "\(req.t(a.approverRole == .gm ? "approval.limit_above" : "approval.limit")) ¥\(yuan(a.limitInForce))"
    }
}
