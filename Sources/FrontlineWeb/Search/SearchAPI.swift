import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `GET /api/v1/search`: the one search, each kind's hits newest first as the caller may read them.
enum SearchRoutes {
    static func register(_ app: Application) {
        app.grouped("api", "v1").get("search", use: search)
    }

    static func query(_ req: Request) throws -> SearchQuery {
        do {
            return try SearchQuery.parse(q: req.query("q"), kinds: req.query("kinds"), limit: req.query("limit"))
        } catch {
            throw DomainError(.badRequest, Message("error.validation"), fields: error.fields)
        }
    }

    static func search(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let q = try query(req)
        let groups = try await req.store.search(q, for: actor)
        return try DTO.response(DTO.SearchResult(q: q.text, groups: groups.map(DTO.SearchGroup.init)))
    }
}

extension DTO {
    struct SearchResult: Encodable {
        var q: String
        var groups: [SearchGroup]
    }

    struct SearchGroup: Encodable {
        var kind: String
        var hits: [SearchHit]
        var more: Bool
        init(_ g: FrontlineCore.SearchGroup) {
            kind = g.kind.rawValue; hits = g.hits.map(SearchHit.init); more = g.more
        }
    }

    struct SearchHit: Encodable {
        var kind: String
        var id: Int64
        var number: String
        var title: String
        var detail: String
        var customerId: Int64?
        var state: String
        var path: String
        enum CodingKeys: String, CodingKey {
            case kind, id, number, title, detail, customerId = "customer_id", state, path
        }
        init(_ h: FrontlineCore.SearchHit) {
            kind = h.kind.rawValue; id = h.id; number = h.number; title = h.title; detail = h.detail;
            customerId = h.customerId; state = h.state; path = h.path
        }
    }
}
