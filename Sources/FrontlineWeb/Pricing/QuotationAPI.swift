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

    static func visibleQuotation(_ req: Request) async throws -> (Actor, QuotationItem) {
        let actor = try req.actor()
        guard let item = try await req.store.quotation(id: try id(req), for: actor) else { throw DomainError.notFound }
        return (actor, item)
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
}

/// Quotations (报价单) as a record kind: a quotation with its totals and the steps open to the reader.
enum QuotationKind: ListedKind {
    typealias Record = QuotationItem
    typealias Item = DTO.Quotation
    typealias Detail = DTO.Quotation
    static let route = Route.Records.quotations
    static let entity = "quotation"
    static let schema = "Quotation"
    static let title = "nav.quotations"
    static let process: String? = QuotationProcess.name
    static let detailSchema = "Quotation"
    static let doc = RecordDoc(
        tag: "sales", access: "as the customers they are for (a rep: his own customers'); profit only for its readers",
        list: "Quotations, newest first", listZh: "报价单列表", plural: "Quotations", exportZh: "导出报价单",
        one: "One quotation with its totals and the actions open to the caller", oneZh: "报价单详情",
        historyZh: "报价单流程记录", history: "Every step the quotation went through")

    static var filter: QuotationFilter { QuotationFilter() }
    static var filters: [ListFilter<QuotationFilter>] {
        [
            .search(\.q, "Number, project or customer."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .id("customer_id", \.customerId, "Customer."), .id("owner_id", \.ownerId, "Owner.", label: "col.owner"),
            .date("from", "Made on this day or later.", label: "quotation.made_from") { f, d in
                f.from = DateText.start(of: d).map { $0 * 1000 }
            },
            .date("to", "Made on this day or earlier.", label: "quotation.made_to") { f, d in
                f.before = DateText.parseDay(d).map { DateText.start(ofDay: $0 + 1) * 1000 }
            },
        ]
    }
    static let sorting = ListSorting.columns(Set(QuotationFilter.sorts.keys).subtracting(["id"]))

    static func fetch(_ store: Store, _ f: QuotationFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws
        -> Listing<QuotationItem>
    {
        try await store.quotations(f, q, before: before, for: actor)
    }
    static func id(_ r: QuotationItem) -> Int64 { r.quotation.id }
    static func prepare(_ req: Request, _ r: inout Reading) async throws {
        r.standardDiscount = try await req.store.standardDiscount()
    }
    static var needsNames: Bool { false }
    static func item(_ i: QuotationItem, _ c: Reading) -> DTO.Quotation {
        DTO.Quotation(i, confidential: c.confidential, standardDiscount: c.standardDiscount)
    }
    static func readable(_ store: Store, id: Int64, for actor: Actor) async throws -> Bool {
        try await store.quotation(id: id, for: actor) != nil
    }
    static func detail(_ req: Request, id: Int64, for actor: Actor) async throws -> (
        detail: DTO.Quotation, version: Int
    ) {
        guard let item = try await req.store.quotation(id: id, for: actor) else { throw DomainError.notFound }
        return (try await SalesRoutes.quotationDTO(req, item, actor: actor), item.quotation.version)
    }

    static func canBrowse(_ actor: Actor) -> Bool { QuotationAccess.canBrowse(actor) }
    static var totalColumn: String? { "quotation.gross" }
    static var pageSorts: [(sort: String, label: String)] {
        [
            ("-id", "sort.newest"), ("-gross", "sort.amount_desc"), ("gross", "sort.amount_asc"),
            ("valid_until", "sort.valid_until"), ("-updated_at", "sort.updated"),
        ]
    }
    static var pageColumns: [PageColumn<QuotationItem>] {
        [
            .init("quotation.number") { i, r in "\(r.number(i.quotation.number)) v\(String(i.quotation.revision))" },
            .init("col.name") { i, _ in "\(i.customerName)" },
            .init("quotation.title", "opt") { i, _ in "\(i.quotation.title)" },
            .init("quotation.gross", "num") { i, _ in "\(i.quotation.totals.gross.grouped)" },
            .init("col.status") { i, r in SalesPages.stateBadge(r.req, i.quotation.state) },
            .init("col.owner", "opt") { i, _ in "\(i.ownerName)" },
            .init("quotation.valid_until", "opt") { i, _ in "\(i.quotation.validUntil)" },
        ]
    }

    static var columns: [ExportColumn<QuotationItem>] {
        [
            .init("quotation.number") { i, _ in "\(i.quotation.number)-V\(i.quotation.revision)" },
            .init("col.name") { i, _ in i.customerName }, .init("quotation.title") { i, _ in i.quotation.title },
            .init("quotation.net") { i, _ in i.quotation.totals.net.decimalString },
            .init("quotation.tax") { i, _ in i.quotation.totals.tax.decimalString },
            .init("quotation.gross") { i, _ in i.quotation.totals.gross.decimalString },
            .init("col.status") { i, r in r.t(i.quotation.state.labelKey) }, .init("col.owner") { i, _ in i.ownerName },
            .init("quotation.valid_until") { i, _ in i.quotation.validUntil },
            .init("quotation.profit", confidential: true) { i, _ in i.quotation.totals.profit.decimalString },
        ]
    }
}
