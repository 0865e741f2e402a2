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
        api.get("intelligence-reports", use: list)
        api.post("intelligence-reports", use: create)
        api.get("intelligence-reports", "export", use: export)
        api.get("intelligence-reports", ":id", use: get)
        api.patch("intelligence-reports", ":id", use: update)
        api.get("intelligence-reports", ":id", "files", use: files)
        api.on(.POST, "intelligence-reports", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
    }

    static let entity = "intelligence_report"

    static func filter(_ req: Request) throws -> IntelligenceFilter {
        var f = IntelligenceFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 { errors.append(FieldError("q", "field.too_long", ["max": "100"])) } else { f.q = Text.clean(q) }
        }
        f.kind = req.choice("kind", IntelligenceReport.Kind.self, &errors)
        for name in ["author_id", "customer_id", "region_id"] {
            guard let c = req.query(name), !c.isEmpty else { continue }
            guard let v = Int64(c), v > 0 else { errors.append(FieldError(name, "field.not_id")); continue }
            switch name {
            case "author_id": f.authorId = v
            case "customer_id": f.customerId = v
            default: f.regionId = v
            }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func response(_ req: Request, _ r: IntelligenceReport, status: HTTPResponseStatus = .ok) async throws -> Response {
        let dto = DTO.IntelligenceReport(r, names: try await req.userNames())
        if status == .created { return try ProcessAPI.created(dto, location: "/api/v1/intelligence-reports/\(r.id)") }
        return try ProcessAPI.tagged(dto, version: r.version)
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorts: IntelligenceFilter.sorts, default: "-created_at", sortable: true)
        let page = try await req.store.intelligenceReports(f, q, for: actor)
        let names = try await req.userNames()
        return try DTO.response(DTO.List(items: page.items.map { DTO.IntelligenceReport($0, names: names) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let r = try await req.store.createIntelligence(try Input.json(req, allowed: IntelligenceInput.fields).intelligence(), by: actor)
        return try await response(req, r, status: .created)
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let r = try await req.store.intelligenceReport(id: try APIRoutes.id(req), for: actor) else { throw DomainError.notFound }
        return try await response(req, r)
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.intelligenceReport(id: id, for: actor) != nil else { throw DomainError.notFound }
        let body = try Input.json(req, allowed: IntelligenceInput.changeFields)
        let r = try await req.store.updateIntelligence(id: id, version: try body.version(req), try body.intelligence(), by: actor)
        return try await response(req, r)
    }

    static func files(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let items = try await req.store.attachments(entity: entity, entityId: try APIRoutes.id(req), for: actor)
        return try DTO.response(DTO.List(items: items.map { DTO.Attachment($0.attachment, uploaderName: $0.uploaderName) }, total: items.count))
    }

    /// The research report itself, the competitor's brochure, the survey's figures: added by the author.
    static func upload(_ req: Request) async throws -> Response {
        try Files.created(req, try await Files.attach(req, entity: entity, entityId: try APIRoutes.id(req), form: false))
    }

    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let names = try await req.userNames()
        let t = req.texts
        let header = [t("intel.number"), t("intel.kind"), t("intel.title_label"), t("intel.competitor"), t("intel.customer"), t("intel.author"), t("intel.created"), t("intel.body")]
        let row: @Sendable (IntelligenceReport) -> [String] = { r in
            [r.number, t(r.kind.labelKey), r.title, r.competitor, r.customerName, names[r.authorId] ?? "", DateText.minute(r.createdAt / 1000), r.body]
        }
        return try await TableExport.paged(req, entity: entity, sheet: t("intel.list"), header: header) { before in
            let page = try await store.intelligenceReports(f, ListQuery(limit: TableExport.batch, sortField: "id", descending: true), before: before ?? Int64.max, for: actor)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
    }
}

extension Input {
    func intelligence() throws -> IntelligenceInput {
        var e: [FieldError] = []
        let r = IntelligenceInput(
            kind: string("kind", &e), title: string("title", &e), body: string("body", &e), competitor: string("competitor", &e), customerId: string("customer_id", &e),
            regionId: string("region_id", &e), sharedWith: idList("shared_with", &e))
        try Input.check(e)
        return r
    }
}

extension DTO {
    struct IntelligenceReport: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, kind, title, body, competitor, customerId = "customer_id", customerName = "customer_name", regionId = "region_id"
            case authorId = "author_id", authorName = "author_name", sharedWith = "shared_with", version, createdAt = "created_at", updatedAt = "updated_at"
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
            id = r.id; number = r.number; kind = r.kind.rawValue; title = r.title; body = r.body; competitor = r.competitor; customerId = r.customerId
            customerName = r.customerName; regionId = r.regionId; authorId = r.authorId; authorName = names[r.authorId] ?? ""
            sharedWith = r.sharedWith.map { Person(id: $0, name: names[$0] ?? "") }; version = r.version
            createdAt = DTO.iso(millis: r.createdAt); updatedAt = DTO.iso(millis: r.updatedAt)
        }
    }
}
