import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1` for the price book, quotations and approvals (issue 4). Actions are `POST /{resource}/{id}/{action}`.
enum SalesRoutes {
    static let quotationActions: [QuotationProcess.Action] = [.submit, .withdraw, .approve, .reject, .send, .accept, .decline, .revise, .cancel]
    static let approvalActions: [ApprovalProcess.Action] = [.approve, .reject, .withdraw]

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

    // MARK: products

    static func listProducts(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let q = Text.clean(req.query("q") ?? "")
        guard q.count <= 100 else { throw DomainError(.badRequest, Message("field.too_long", ["max": "100"]), fields: [FieldError("q", "field.too_long", ["max": "100"])]) }
        let items = try await req.store.products(q: q, includeInactive: try flag(req, "include_inactive"), for: actor)
        let c = PriceAccess.seesConfidential(actor)
        return try DTO.response(DTO.List(items: items.map { DTO.Product($0, confidential: c) }, total: items.count))
    }

    static func exportProducts(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let q = Text.clean(req.query("q") ?? "")
        guard q.count <= 100 else { throw DomainError(.badRequest, Message("field.too_long", ["max": "100"]), fields: [FieldError("q", "field.too_long", ["max": "100"])]) }
        let inactive = try flag(req, "include_inactive")
        _ = try TableExport.format(req)
        let items = try await req.store.products(q: q, includeInactive: inactive, for: actor)
        let secret = PriceAccess.seesConfidential(actor)
        let t = { (k: String) in Catalog.text(k, [:], req.locale) }
        var header = [t("product.code"), t("product.name"), t("product.kind"), t("product.unit"), t("product.list_price"), t("product.tax_rate")]
        if secret { header += [t("product.floor_price"), t("product.cost")] }
        let rows = items.map { p -> [String] in
            var r = [p.code, p.name, t(p.kind.labelKey), p.unit, p.listPrice.decimalString, "\(p.taxRate)%"]
            if secret { r += [p.floorPrice.decimalString, p.cost.decimalString] }
            return r
        }
        return try await TableExport.respond(req, entity: "product", sheet: t("nav.products"), header: header, rows: rows)
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
        let p = try await req.store.updateProduct(id: productId, version: try body.version(req), try body.product(), by: actor)
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
        return try DTO.response(DTO.List(items: page.items.map { DTO.PriceChange($0, confidential: c) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    static func allPriceChanges(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard PriceAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let q = try paging(req)
        let c = PriceAccess.seesConfidential(actor)
        let page = try await req.store.priceChanges(listOnly: !c, limit: q.limit, offset: q.offset)
        return try DTO.response(DTO.List(items: page.items.map { DTO.PriceChange($0, confidential: c) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    // MARK: quotations

    /// What a quotation's page and its JSON both rest on: the standard discount in force, its approval request and
    /// the steps open to the actor.
    static func quotationContext(_ req: Request, _ q: Quotation, actor: Actor) async throws
        -> (standard: Int, approval: ApprovalRequest?, actions: [QuotationProcess.Action])
    {
        let standard = try await req.store.standardDiscount()
        let approval = try await q.approvalId.asyncMap { try await req.store.approval(id: $0) } ?? nil
        let actions = ProcessEngine.available(
            QuotationProcess.self, from: q.state, subject: QuotationProcess.Subject(q, standardDiscount: standard, approval: approval), actor: actor)
        return (standard, approval, actions)
    }

    static func quotationDTO(_ req: Request, _ item: QuotationItem, actor: Actor) async throws -> DTO.Quotation {
        let context = try await quotationContext(req, item.quotation, actor: actor)
        return DTO.Quotation(
            item, confidential: PriceAccess.seesConfidential(actor), standardDiscount: context.standard, actions: context.actions.map(\.rawValue))
    }

    static func listQuotations(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard QuotationAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let f = try quotationFilter(req)
        let q = try paging(req)
        let page = try await req.store.quotations(f, limit: q.limit, offset: q.offset, for: actor)
        let standard = try await req.store.standardDiscount()
        let c = PriceAccess.seesConfidential(actor)
        return try DTO.response(
            DTO.List(items: page.items.map { DTO.Quotation($0, confidential: c, standardDiscount: standard) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    static func exportQuotations(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard QuotationAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let f = try quotationFilter(req)
        _ = try TableExport.format(req)
        let page = try await req.store.quotations(f, limit: 10_000, for: actor)
        let secret = PriceAccess.seesConfidential(actor)
        let t = { (k: String) in Catalog.text(k, [:], req.locale) }
        var header = [t("quotation.number"), t("col.name"), t("quotation.title"), t("quotation.net"), t("quotation.tax"), t("quotation.gross"), t("col.status"), t("col.owner"), t("quotation.valid_until")]
        if secret { header.append(t("quotation.profit")) }
        let rows = page.items.map { i -> [String] in
            let q = i.quotation, tt = q.totals
            var r = ["\(q.number)-V\(q.revision)", i.customerName, q.title, tt.net.decimalString, tt.tax.decimalString, tt.gross.decimalString, t(q.state.labelKey), i.ownerName, q.validUntil]
            if secret { r.append(tt.profit.decimalString) }
            return r
        }
        return try await TableExport.respond(req, entity: "quotation", sheet: t("nav.quotations"), header: header, rows: rows)
    }

    static func quotationFilter(_ req: Request) throws -> QuotationFilter {
        var f = QuotationFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.count > 100 { errors.append(FieldError("q", "field.too_long", ["max": "100"])) } else { f.q = Text.clean(q) }
        }
        if let s = req.query("state"), !s.isEmpty {
            if let st = Quotation.State(rawValue: s) { f.state = st } else {
                errors.append(FieldError("state", "field.one_of", ["values": Quotation.State.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if let c = req.query("customer_id"), !c.isEmpty {
            if let v = Int64(c), v > 0 { f.customerId = v } else { errors.append(FieldError("customer_id", "field.not_id")) }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func visibleQuotation(_ req: Request) async throws -> (Actor, QuotationItem) {
        let actor = try req.actor()
        guard let item = try await req.store.quotation(id: try id(req), for: actor) else { throw DomainError.notFound }
        return (actor, item)
    }

    static func getQuotation(_ req: Request) async throws -> Response {
        let (actor, item) = try await visibleQuotation(req)
        let res = try DTO.response(try await quotationDTO(req, item, actor: actor))
        res.headers.replaceOrAdd(name: .eTag, value: "\"\(item.quotation.version)\"")
        return res
    }

    static func createQuotation(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Input.json(req, allowed: QuotationInput.fieldNames).quotation()
        let q = try await req.store.createQuotation(input, by: actor)
        guard let item = try await req.store.quotation(id: q.id, for: actor) else { throw DomainError.notFound }
        let res = try DTO.response(try await quotationDTO(req, item, actor: actor), status: .created)
        res.headers.replaceOrAdd(name: .location, value: "/api/v1/quotations/\(q.id)")
        return res
    }

    static func updateQuotation(_ req: Request) async throws -> Response {
        let (actor, item) = try await visibleQuotation(req)
        let body = try Input.json(req, allowed: QuotationInput.fieldNames)
        let q = try await req.store.updateQuotation(id: item.quotation.id, version: try body.version(req), try body.quotation(), by: actor)
        return try DTO.response(try await quotationDTO(req, try await req.store.quotation(id: q.id, for: actor)!, actor: actor))
    }

    static func quotationHistory(_ req: Request) async throws -> Response {
        let (_, item) = try await visibleQuotation(req)
        let events = try await req.store.history("quotation", item.quotation.id)
        return try DTO.response(DTO.List(items: events.map(DTO.Event.init), total: events.count))
    }

    /// `{"comment": "…", "version": N}`, both optional; an empty body is fine.
    static func actionBody(_ req: Request) throws -> (comment: String?, version: Int?) {
        guard let buf = req.body.data, buf.readableBytes > 0 else { return (nil, nil) }
        let body = try Input.json(req, allowed: ["comment"])
        var e: [FieldError] = []
        let comment = body.string("comment", &e)
        try Input.check(e)
        return (comment, body.has("version") || req.headers.first(name: .ifMatch) != nil ? try body.version(req) : nil)
    }

    static func actOnQuotation(_ req: Request, _ action: QuotationProcess.Action) async throws -> Response {
        let (actor, item) = try await visibleQuotation(req)
        let (comment, version) = try actionBody(req)
        let q = try await req.store.actOnQuotation(id: item.quotation.id, action, comment: comment, version: version, by: actor)
        if action == .revise, let next = try await req.store.quotations(QuotationFilter(q: q.number), limit: 1, for: actor).items.first {
            let res = try DTO.response(try await quotationDTO(req, next, actor: actor), status: .created)
            res.headers.replaceOrAdd(name: .location, value: "/api/v1/quotations/\(next.quotation.id)")
            return res
        }
        return try DTO.response(try await quotationDTO(req, try await req.store.quotation(id: q.id, for: actor)!, actor: actor))
    }

    // MARK: approvals

    static func listApprovals(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (box, state) = try approvalFilter(req)
        let q = try paging(req)
        let page = try await req.store.approvals(box, state: state, for: actor, limit: q.limit, offset: q.offset)
        return try DTO.response(
            DTO.List(
                items: page.items.map { DTO.Approval($0.approval, for: actor, requesterName: $0.requesterName, deciderName: $0.deciderName) },
                total: page.total, limit: q.limit, offset: q.offset))
    }

    static func exportApprovals(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (box, state) = try approvalFilter(req)
        _ = try TableExport.format(req)
        let page = try await req.store.approvals(box, state: state, for: actor, limit: 10_000)
        let t = { (k: String) in Catalog.text(k, [:], req.locale) }
        let sees = ApprovalRequest.seesBasis(actor)
        let header = [t("approval.kind"), t("approval.subject"), t("approval.amount"), t("approval.routed_to")] + (sees ? [t("approval.limit"), t("approval.basis")] : [])
            + [t("approval.requester"), t("col.status"), t("approval.approver"), t("process.comment")]
        let rows = page.items.map { i -> [String] in
            let a = i.approval
            return [t(a.kind.labelKey), a.title, a.amount.decimalString, t(a.approverRole.labelKey)] + (sees ? [a.limitInForce.decimalString, a.basis] : [])
                + [i.requesterName, t(a.state.labelKey), i.deciderName ?? "", a.decisionComment]
        }
        return try await TableExport.respond(req, entity: "approval", sheet: t("nav.approvals"), header: header, rows: rows)
    }

    static func approvalFilter(_ req: Request) throws -> (Store.ApprovalBox, ApprovalRequest.State?) {
        var errors: [FieldError] = []
        var box = Store.ApprovalBox.inbox
        if let b = req.query("box"), !b.isEmpty {
            if let v = Store.ApprovalBox(rawValue: b) { box = v } else {
                errors.append(FieldError("box", "field.one_of", ["values": Store.ApprovalBox.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        var state: ApprovalRequest.State?
        if let s = req.query("state"), !s.isEmpty {
            if let v = ApprovalRequest.State(rawValue: s) { state = v } else {
                errors.append(FieldError("state", "field.one_of", ["values": ApprovalRequest.State.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return (box, state)
    }

    static func getApproval(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let a = try await req.store.approval(id: try id(req), for: actor) else { throw DomainError.notFound }
        return try DTO.response(DTO.Approval(a, for: actor))
    }

    static func decide(_ req: Request, _ action: ApprovalProcess.Action) async throws -> Response {
        let actor = try req.actor()
        let aid = try id(req)
        guard try await req.store.approval(id: aid, for: actor) != nil else { throw DomainError.notFound }
        let (comment, _) = try actionBody(req)
        let a = try await req.store.decide(approvalId: aid, action, comment: comment, by: actor)
        return try DTO.response(DTO.Approval(a, for: actor))
    }

    static func ledger(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard actor.hasAny([.gm, .marketManager]) else { throw DomainError.forbidden }
        let thisYear = Int(DateText.today().prefix(4))!
        var year = thisYear
        if let y = req.query("year"), !y.isEmpty {
            guard let v = Int(y), (2000...2999).contains(v) else {
                throw DomainError(.badRequest, Message("field.year"), fields: [FieldError("year", "field.year")])
            }
            year = v
        }
        let (limits, _) = try await req.store.authorityLimits()
        let lines = try await req.store.approvalLedger(year: year).map {
            DTO.LedgerLine(
                approverId: $0.approverId, approverName: $0.approverName, kind: $0.kind.rawValue, approvedCount: $0.approvedCount,
                approvedTotal: $0.approvedTotal.decimalString, rejectedCount: $0.rejectedCount, largest: $0.largest.decimalString,
                limit: limits.limit($0.kind).decimalString)
        }
        struct Ledger: Encodable { var year: Int; var items: [DTO.LedgerLine]; var total: Int }
        return try DTO.response(Ledger(year: year, items: lines, total: lines.count))
    }
}
