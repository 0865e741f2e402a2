import Foundation
import FrontlineCore
import FrontlineStore

/// The visitor reception (来访接待) part of the API document.
extension OpenAPI {
    static var visitSchemas: [String: JSONDoc] {
        let moment: JSONDoc = [
            "type": ["string", "null"], "maxLength": 40,
            "pattern": "^[ \\t]*(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?)?[ \\t]*$",
            "description": "YYYY-MM-DD HH:MM (China time) or ISO 8601 with a zone.",
        ]
        let id: JSONDoc = ["type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$"]
        let input: [String: JSONDoc] = [
            "customer_id": id, "visitors": required(500, "Who comes: names, titles, how many."), "purpose": text(2000), "starts_at": moment, "ends_at": moment,
            "host_id": ["type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$", "description": "An active member of staff, free at that time."],
            "place": text(200), "arrangements": text(4000, "Pick-up, meeting room, meals, hotel."),
        ]
        var patch = input
        patch["version"] = version
        return [
            "Visit": object(
                [
                    "id": int, "number": string, "customer_id": int, "customer_name": string, "visitors": string, "purpose": string, "starts_at": time, "ends_at": time,
                    "host_id": int, "host_name": string, "place": string, "arrangements": string, "outcome": string, "state": oneOf(Visit.State.allCases.map(\.rawValue)),
                    "scheduled_by": int, "version": int, "created_at": time, "updated_at": time,
                ],
                required: [
                    "id", "number", "customer_name", "visitors", "purpose", "starts_at", "ends_at", "host_id", "host_name", "place", "arrangements", "outcome", "state",
                    "scheduled_by", "version", "created_at", "updated_at",
                ]),
            "VisitList": list("Visit"),
            "VisitDetail": object(["visit": ref("Visit"), "actions": ["type": "array", "items": stepOffer]], required: ["visit", "actions"]),
            "VisitInput": object(input, required: ["visitors", "starts_at", "ends_at", "host_id"]),
            "VisitPatch": object(patch),
            "VisitStep": stepSchema(VisitProcess.self),
        ]
    }

    static var visitFilters: [(name: String, schema: JSONDoc, about: String)] {
        [
            ("q", ["type": "string", "maxLength": 100], "Number, visitors, purpose, place or customer."),
            ("state", ["type": "string", "enum": .array(Visit.State.allCases.map { .string($0.rawValue) })], "State."),
            ("host_id", ["type": "integer", "minimum": 1], "Host."), ("customer_id", ["type": "integer", "minimum": 1], "Customer."),
            ("from", ["type": "string", "format": "date"], "Visits that touch this day or later."), ("to", ["type": "string", "format": "date"], "Visits that touch this day or earlier."),
        ]
    }

    static var visitOperations: [APIOperation] {
        let access = "GM, market manager, business assistant; a host his; a sales rep his customers'"
        let sort: (name: String, schema: JSONDoc, about: String) = (
            "sort", ["type": "string", "enum": .array(VisitFilter.sorts.sorted().flatMap { [.string($0), .string("-" + $0)] })], "Order; `-` for descending (default starts_at)."
        )
        return [
            APIOperation(method: "GET", path: "/visits", tag: "planning", summary: "Customer visits (来访接待)", summaryZh: "来访接待列表", access: access, query: visitFilters + [sort] + paging, result: ref("VisitList")),
            APIOperation(
                method: "POST", path: "/visits", tag: "planning", summary: "Schedule a visit (the host free at that time)", summaryZh: "安排来访",
                access: "business assistant, market manager", body: ref("VisitInput"), success: 201, result: ref("VisitDetail"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/visits/export", tag: "planning", summary: "Visits as CSV or Excel (same filters, newest first)", summaryZh: "导出来访接待", access: "as the list",
                query: visitFilters + [exportFormat], result: ["type": "string"], resultType: "text/csv"),
            APIOperation(method: "GET", path: "/visits/{id}", tag: "planning", summary: "One visit and the steps open to the caller", summaryZh: "来访详情", access: access, result: ref("VisitDetail"), extraHeaders: ["ETag"]),
            APIOperation(
                method: "PATCH", path: "/visits/{id}", tag: "planning", summary: "Change a scheduled visit's arrangements", summaryZh: "修改接待安排",
                access: "business assistant, market manager", body: ref("VisitPatch"), result: ref("VisitDetail"), extraHeaders: ["ETag"]),
            APIOperation(method: "GET", path: "/visits/{id}/history", tag: "planning", summary: "Every step", summaryZh: "来访记录", access: access, result: ref("EventList")),
        ] + stepOperations(VisitProcess.self, route: "visits", tag: "planning", result: "VisitDetail") { a in a == .complete ? "the host, the business assistant, the market manager" : nil }
    }
}
