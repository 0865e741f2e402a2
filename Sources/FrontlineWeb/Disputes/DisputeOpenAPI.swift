import Foundation
import FrontlineCore
import FrontlineStore

/// The ownership disputes (工作争议) part of the API document.
extension OpenAPI {
    static var disputeSchemas: [String: JSONDoc] {
        [
            "Dispute": object(
                [
                    "id": int, "number": string, "customer_id": int, "customer_name": string, "claimant_id": int,
                    "claimant_name": string, "owner_id": int,
                    "owner_name": string, "reason": string, "state": oneOf(Dispute.State.allCases.map(\.rawValue)),
                    "decision": string, "version": int,
                    "created_at": time, "updated_at": time,
                ],
                required: [
                    "id", "number", "customer_id", "customer_name", "claimant_id", "claimant_name", "owner_id",
                    "owner_name", "reason", "state", "decision", "version", "created_at", "updated_at",
                ]),
            "DisputeList": list("Dispute"),
            "DisputeDetail": object(
                ["dispute": ref("Dispute"), "actions": ["type": "array", "items": stepOffer]],
                required: ["dispute", "actions"]),
            "DisputeInput": object(
                [
                    "customer_id": [
                        "type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$",
                        "description": "A customer another rep owns.",
                    ], "reason": required(2000),
                ],
                required: ["customer_id", "reason"]),
            "DisputeStep": stepSchema(DisputeProcess.self),
        ]
    }

    static var disputeOperations: [APIOperation] {
        Records.operations(DisputeKind.self) + [
            APIOperation(
                method: "POST", path: "/disputes", tag: "pipeline",
                summary: "Raise a dispute over a customer another rep owns (one open dispute per customer and rep)",
                summaryZh: "提出归属争议", access: "sales reps", body: ref("DisputeInput"), success: 201,
                result: ref("DisputeDetail"), extraHeaders: ["Location"])
        ]
            + stepOperations(
                DisputeProcess.self, route: DisputeKind.route.path, tag: "pipeline", result: "DisputeDetail"
            ) { a in a == .withdraw ? "the rep who raised it" : nil }
    }
}
