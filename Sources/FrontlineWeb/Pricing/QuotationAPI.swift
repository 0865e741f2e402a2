import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

extension SalesRoutes {
    // MARK: quotations

    /// What a quotation's page and its JSON both rest on: the standard discount in force, its approval request and
    /// the steps open to the actor.
    static func quotationContext(_ req: Request, _ q: Quotation, actor: Actor) async throws
        -> (standard: Int, approval: ApprovalRequest?, offers: [ProcessOffer<QuotationProcess>])
    {
        let standard = try await req.store.standardDiscount()
        let approval = try await q.approvalId.asyncMap { try await req.store.approval(id: $0) } ?? nil
        let offers = ProcessEngine.offers(
            QuotationProcess.self, subject: QuotationProcess.Subject(q, standardDiscount: standard, approval: approval),
            actor: actor)
        return (standard, approval, offers)
    }

    static func quotationDTO(_ req: Request, _ item: QuotationItem, actor: Actor) async throws -> DTO.Quotation {
        let context = try await quotationContext(req, item.quotation, actor: actor)
        return DTO.Quotation(
            item, confidential: PriceAccess.seesConfidential(actor), standardDiscount: context.standard,
            actions: context.offers.map(\.action.rawValue))
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
            DTO.List(
                items: page.items.map { DTO.Quotation($0, confidential: c, standardDiscount: standard) },
                total: page.total, limit: q.limit, offset: q.offset))
    }

    static func exportQuotations(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard QuotationAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let f = try quotationFilter(req)
        let store = req.store
        let secret = PriceAccess.seesConfidential(actor)
        let t = req.texts
        var header = [
            t("quotation.number"), t("col.name"), t("quotation.title"), t("quotation.net"), t("quotation.tax"),
            t("quotation.gross"), t("col.status"), t("col.owner"), t("quotation.valid_until"),
        ]
        if secret { header.append(t("quotation.profit")) }
        let row: @Sendable (QuotationItem) -> [String] = { i in
            let q = i.quotation, tt = q.totals
            var r = [
                "\(q.number)-V\(q.revision)", i.customerName, q.title, tt.net.decimalString, tt.tax.decimalString,
                tt.gross.decimalString, t(q.state.labelKey), i.ownerName, q.validUntil,
            ]
            if secret { r.append(tt.profit.decimalString) }
            return r
        }
        return try await TableExport.paged(req, entity: "quotation", sheet: t("nav.quotations"), header: header) {
            before in
            let page = try await store.quotations(f, limit: TableExport.batch, before: before, for: actor)
            return (page.items.map(row), page.items.last?.quotation.id, page.total)
        }
    }

    static func quotationFilter(_ req: Request) throws -> QuotationFilter {
        var f = QuotationFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 {
                errors.append(FieldError("q", "field.too_long", ["max": "100"]))
            } else {
                f.q = Text.clean(q)
            }
        }
        if let s = req.query("state"), !s.isEmpty {
            if let st = Quotation.State(rawValue: s) {
                f.state = st
            } else {
                errors.append(
                    FieldError(
                        "state", "field.one_of",
                        ["values": Quotation.State.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if let c = req.query("customer_id"), !c.isEmpty {
            if let v = Int64(c), v > 0 {
                f.customerId = v
            } else {
                errors.append(FieldError("customer_id", "field.not_id"))
            }
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
        let q = try await req.store.updateQuotation(
            id: item.quotation.id, version: try body.version(req), try body.quotation(), by: actor)
        return try DTO.response(
            try await quotationDTO(req, try await req.store.quotation(id: q.id, for: actor)!, actor: actor))
    }

    static func quotationHistory(_ req: Request) async throws -> Response {
        let (_, item) = try await visibleQuotation(req)
        let events = try await req.store.history("quotation", item.quotation.id)
        return try DTO.response(DTO.List(items: events.map(DTO.Event.init), total: events.count))
    }
}
