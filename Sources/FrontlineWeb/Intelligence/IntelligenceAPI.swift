import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/intelligence-reports`: market intelligence (一线信息/市场调研) — competitor news, market trends, customer
/// feedback, research reports and advertising-effect evaluations, with their files, read by the author, the market
/// manager, the GM and whoever the author shares them with.
enum IntelligenceRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, IntelligenceKind.self)
        api.post("intelligence-reports", use: create)
        api.patch("intelligence-reports", ":id", use: update)
        api.get("intelligence-reports", ":id", "files", use: files)
        api.on(.POST, "intelligence-reports", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
    }

    static let entity = IntelligenceKind.entity

    static func response(_ req: Request, _ r: IntelligenceReport, status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let dto = DTO.IntelligenceReport(r, names: try await req.userNames())
        if status == .created { return try ProcessAPI.created(dto, location: Route.api(.intelligence, r.id)) }
        return try ProcessAPI.tagged(dto, version: r.version)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let r = try await req.store.createIntelligence(
            try Input.json(req, allowed: IntelligenceInput.fields).intelligence(), by: actor)
        return try await response(req, r, status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.intelligenceReport(id: id, for: actor) != nil else { throw DomainError.notFound }
        let body = try Input.json(req, allowed: IntelligenceInput.changeFields)
        let r = try await req.store.updateIntelligence(
            id: id, version: try body.version(req), try body.intelligence(), by: actor)
        return try await response(req, r)
    }

    static func files(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let items = try await req.store.attachments(entity: entity, entityId: try APIRoutes.id(req), for: actor)
        return try DTO.response(
            DTO.List(
                items: items.map { DTO.Attachment($0.attachment, uploaderName: $0.uploaderName) }, total: items.count))
    }

    /// The research report itself, the competitor's brochure, the survey's figures: added by the author.
    static func upload(_ req: Request) async throws -> Response {
        try Files.created(
            req, try await Files.attach(req, entity: entity, entityId: try APIRoutes.id(req), form: false))
    }
}

/// Market intelligence (一线信息/市场调研) as a record kind: no steps, so no history.
enum IntelligenceKind: ListedKind {
    static let route = Route.Records.intelligence
    static let entity = "intelligence_report"
    static let schema = "IntelligenceReport"
    static let detailSchema = "IntelligenceReport"
    static let title = "intel.list"
    static let listID = "intel-list"
    static let process: String? = nil
    static let doc = RecordDoc(
        tag: "planning", access: "the author, the market manager, the GM and whoever it is shared with",
        list: "Market intelligence (一线信息/市场调研) the caller reads", listZh: "市场信息列表", plural: "Reports",
        exportZh: "导出信息报告",
        one: "One report", oneZh: "信息报告详情", historyZh: "")

    static var filter: IntelligenceFilter { IntelligenceFilter() }
    static var filters: [ListFilter<IntelligenceFilter>] {
        [
            .search(\.q, "Number, title, text, competitor or customer."),
            .choice("kind", \.kind, "Kind.", label: "intel.kind") { $0.labelKey },
            .id("author_id", \.authorId, "Author."), .id("customer_id", \.customerId, "Customer."),
            .id("region_id", \.regionId, "Region."),
        ]
    }
    static let sorting = ListSorting.named(IntelligenceFilter.sorts, default: "-created_at")

    static func fetch(_ store: Store, _ f: IntelligenceFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws
        -> Listing<IntelligenceReport>
    {
        try await store.intelligenceReports(f, q, before: before, for: actor)
    }
    static func item(_ r: IntelligenceReport, _ c: Reading) -> DTO.IntelligenceReport {
        DTO.IntelligenceReport(r, names: c.names)
    }

    static func detail(_ req: Request, id: Int64, for actor: Actor) async throws -> (
        detail: DTO.IntelligenceReport, version: Int
    ) {
        guard let r = try await req.store.intelligenceReport(id: id, for: actor) else { throw DomainError.notFound }
        return (item(r, try await Reading.load(req, Self.self)), r.version)
    }
    static func readable(_ store: Store, id: Int64, for actor: Actor) async throws -> Bool {
        try await store.intelligenceReport(id: id, for: actor) != nil
    }

    static func canBrowse(_ actor: Actor) -> Bool { IntelligenceAccess.canBrowse(actor) }
    static let intro: String? = "intel.intro"
    static var pageOrder: ListQuery { ListQuery(sortField: "created_at", descending: true) }
    static var pageColumns: [PageColumn<IntelligenceReport>] {
        [
            .init("intel.number") { r, row in row.number(r.number) },
            .init("intel.kind") { r, row in "\(row.t(r.kind.labelKey))" },
            .init("intel.title_label") { r, _ in "\(r.title)" },
            .init("intel.competitor", "opt") { r, _ in "\(r.competitor.isEmpty ? r.customerName : r.competitor)" },
            .init("intel.author") { r, row in "\(row.name(r.authorId))" },
            .init("intel.created", "opt") { r, _ in "\(DateText.minute(r.createdAt / 1000))" },
        ]
    }

    static var columns: [ExportColumn<IntelligenceReport>] {
        [
            .init("intel.number") { r, _ in r.number }, .init("intel.kind") { r, row in row.t(r.kind.labelKey) },
            .init("intel.title_label") { r, _ in r.title },
            .init("intel.competitor") { r, _ in r.competitor }, .init("intel.customer") { r, _ in r.customerName },
            .init("intel.author") { r, row in row.name(r.authorId) },
            .init("intel.created") { r, _ in DateText.minute(r.createdAt / 1000) },
            .init("intel.body") { r, _ in r.body },
        ]
    }
}

extension Input {
    func intelligence() throws -> IntelligenceInput {
        var e: [FieldError] = []
        let r = IntelligenceInput(
            kind: string("kind", &e), title: string("title", &e), body: string("body", &e),
            competitor: string("competitor", &e), customerId: string("customer_id", &e),
            regionId: string("region_id", &e), sharedWith: idList("shared_with", &e))
        try Input.check(e)
        return r
    }
}

extension DTO {
    struct IntelligenceReport: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, kind, title, body, competitor, customerId = "customer_id", customerName = "customer_name",
                regionId = "region_id"
            case authorId = "author_id", authorName = "author_name", sharedWith = "shared_with", version, createdAt =
                "created_at", updatedAt = "updated_at"
        }
        struct Person: Encodable {
            var id: Int64
            var name: String
        }
        var id: Int64
        var number: String
        var kind: String
        var title: String
        var body: String
        var competitor: String
        var customerId: Int64?
        var customerName: String
        var regionId: Int64?
        var authorId: Int64
        var authorName: String
        var sharedWith: [Person]
        var version: Int
        var createdAt: String
        var updatedAt: String
        init(_ r: FrontlineCore.IntelligenceReport, names: [Int64: String]) {
            id = r.id; number = r.number; kind = r.kind.rawValue; title = r.title; body = r.body;
            competitor = r.competitor; customerId = r.customerId
            customerName = r.customerName; regionId = r.regionId; authorId = r.authorId;
            authorName = names[r.authorId] ?? ""
            sharedWith = r.sharedWith.map { Person(id: $0, name: names[$0] ?? "") }; version = r.version
            createdAt = DTO.iso(millis: r.createdAt); updatedAt = DTO.iso(millis: r.updatedAt)
        }
    }
}
