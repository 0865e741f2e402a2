import Foundation
import FrontlineCore
import FrontlineStore

/// The customer screening (筛选客户) part of the API document.
extension OpenAPI {
    static var screeningSchemas: [String: JSONDoc] {
        [
            "Screening": object(
                [
                    "id": int, "number": string, "customer_id": int, "customer_name": string,
                    "outcome": oneOf(Screening.Outcome.allCases.map(\.rawValue)),
                    "tier": oneOf(CustomerTier.allCases.map(\.rawValue)),
                    "status": oneOf(CustomerStatus.allCases.map(\.rawValue)),
                    "tier_before": oneOf(CustomerTier.allCases.map(\.rawValue)),
                    "status_before": oneOf(CustomerStatus.allCases.map(\.rawValue)), "reason": string,
                    "decision": string, "proposer_id": int, "proposer_name": string,
                    "state": oneOf(Screening.State.allCases.map(\.rawValue)), "version": int,
                    "created_at": time, "updated_at": time,
                ],
                required: [
                    "id", "number", "customer_id", "customer_name", "outcome", "tier_before", "status_before", "reason",
                    "decision", "proposer_id", "proposer_name", "state",
                    "version", "created_at", "updated_at",
                ]),
            "ScreeningList": list("Screening"),
            "ScreeningDetail": object(
                ["screening": ref("Screening"), "actions": ["type": "array", "items": stepOffer]],
                required: ["screening", "actions"]),
            "ScreeningInput": object(
                [
                    "customer_id": [
                        "type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$",
                        "description": "A customer in the archive.",
                    ],
                    "outcome": oneOf(Screening.Outcome.allCases.map(\.rawValue)),
                    "tier": [
                        "type": ["string", "null"],
                        "enum": .array(CustomerTier.allCases.map { .string($0.rawValue) } + [.null]),
                        "description": "For `tier`: another than the customer's.",
                    ],
                    "status": [
                        "type": ["string", "null"],
                        "enum": .array(CustomerStatus.allCases.map { .string($0.rawValue) } + [.null]),
                        "description": "For `status`: another than the customer's.",
                    ],
                    "reason": required(2000),
                ], required: ["customer_id", "outcome", "reason"]),
            "ScreeningStep": stepSchema(ScreeningProcess.self),
        ]
    }

    static var screeningOperations: [APIOperation] {
        Records.operations(ScreeningKind.self) + [
            APIOperation(
                method: "POST", path: "/screenings", tag: "customers",
                summary: "Propose a customer's screening: a tier, a status, or dropping it (one open per customer)",
                summaryZh: "提出筛选建议", access: "market manager", body: ref("ScreeningInput"), success: 201,
                result: ref("ScreeningDetail"), extraHeaders: ["Location"])
        ]
            + stepOperations(
                ScreeningProcess.self, route: ScreeningKind.route.path, tag: "customers", result: "ScreeningDetail")
    }
}
