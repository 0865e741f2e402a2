import Foundation
import FrontlineCore
import FrontlineStore

/// The one search's part of the API document.
extension OpenAPI {
    static var searchSchemas: [String: JSONDoc] {
        let kind = oneOf(SearchKind.allCases.map(\.rawValue))
        return [
            "SearchHit": object(
                [
                    "kind": kind, "id": int, "number": string, "title": string, "detail": string, "customer_id": int,
                    "state": string,
                    "path": ["type": "string", "description": "The record's page."],
                ], required: ["kind", "id", "number", "title", "detail", "state", "path"]),
            "SearchGroup": object(
                ["kind": kind, "hits": ["type": "array", "items": ref("SearchHit")], "more": bool],
                required: ["kind", "hits", "more"]),
            "SearchResult": object(
                ["q": string, "groups": ["type": "array", "items": ref("SearchGroup")]], required: ["q", "groups"]),
        ]
    }

    static var searchOperations: [APIOperation] {
        [
            APIOperation(
                method: "GET", path: "/search", tag: "customers",
                summary:
                    "The one search: customers, contacts, leads, opportunities, quotations, contracts, tenders, service and support requests by name, number or any fragment of two characters or more, newest first, each kind as the caller may read it",
                summaryZh: "全局搜索", access: "everybody; each kind as its own list",
                query: [
                    ("q", ["type": "string", "minLength": 2, "maxLength": 100], "Two to 100 characters."),
                    (
                        "kinds", ["type": "string", "maxLength": 200],
                        "Comma-separated kinds (\(SearchKind.allCases.map(\.rawValue).joined(separator: ", "))); all by default."
                    ),
                    (
                        "limit", ["type": "integer", "minimum": 1, "maximum": .int(SearchQuery.maxLimit)],
                        "Hits of each kind (default \(SearchQuery.defaultLimit))."
                    ),
                ], result: ref("SearchResult"))
        ]
    }
}
