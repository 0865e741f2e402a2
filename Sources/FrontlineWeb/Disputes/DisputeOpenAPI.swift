import Foundation
import FrontlineCore
import FrontlineStore

/// The ownership disputes (工作争议) part of the API document.
extension OpenAPI {
    static var disputeSchemas: [String: JSONDoc] {
        [
            "Dispute": object(
                [
                    "id": int, "number": string, "customer_id": int, "customer_name": string, "claimant_id": int, "claimant_name": string, "owner_id": int,
                    "owner_name": string, "reason": string, "state": oneOf(Dispute.State.allCases.map(\.rawValue)), "decision": string, "version": int,
                    "created_at": time, "updated_at": time,
                ],
                required: ["id", "number", "customer_id", "customer_name", "claimant_id", "claimant_name", "owner_id", "owner_name", "reason", "state", "decision", "version", "created_at", "updated_at"]),
            "DisputeList": list("Dispute"),
            "DisputeDetail": object(["dispute": ref("Dispute"), "actions": ["type": "array", "items": stepOffer]], required: ["dispute", "actions"]),
            "DisputeInput": object(
                ["customer_id": ["type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$", "description": "A customer another rep owns."], "reason": required(2000)],
                required: ["customer_id", "reason"]),
            "DisputeStep": stepSchema(DisputeProcess.self),
        ]
    }

    static let disputeFilters: [(name: String, schema: JSONDoc, about: String)] = [
        ("state", ["type": "string", "enum": .array(Dispute.State.allCases.map { .string($0.rawValue) })], "State."),
        ("customer_id", ["type": "integer", "minimum": 1], "Customer."),
        ("q", ["type": "string", "maxLength": 100], "A fragment of the number, the customer's name or the reason."),
    ]

    static var disputeOperations: [APIOperation] {
        let access = "GM, market manager, business assistant; a sales rep those he raised or that are about his customer"
        return [
            APIOperation(
                method: "GET", path: "/disputes", tag: "pipeline", summary: "Ownership disputes (工作争议), newest first", summaryZh: "客户归属争议", access: access,
                query: disputeFilters + paging + sort(Store.disputeSorts), result: ref("DisputeList")),
            APIOperation(
                method: "GET", path: "/disputes/export", tag: "pipeline", summary: "The disputes as CSV or Excel (same filters, newest first)", summaryZh: "导出归属争议",
                access: "as the list", query: disputeFilters + [exportFormat], result: ["type": "string"], resultType: "text/csv"),
            APIOperation(
                method: "POST", path: "/disputes", tag: "pipeline", summary: "Raise a dispute over a customer another rep owns (one open dispute per customer and rep)",
                summaryZh: "提出归属争议", access: "sales reps", body: ref("DisputeInput"), success: 201, result: ref("DisputeDetail"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/disputes/{id}", tag: "pipeline", summary: "One dispute and the steps open to the caller", summaryZh: "争议详情", access: access,
                result: ref("DisputeDetail"), extraHeaders: ["ETag"]),
            APIOperation(method: "GET", path: "/disputes/{id}/history", tag: "pipeline", summary: "Every step", summaryZh: "争议记录", access: access, result: ref("EventList")),
        ] + stepOperations(DisputeProcess.self, route: "disputes", tag: "pipeline", result: "DisputeDetail") { a in a == .withdraw ? "the rep who raised it" : nil }
    }
}
