import Foundation
import FrontlineCore
import FrontlineStore

/// The pre-sales support (销售支持) part of the API document.
extension OpenAPI {
    static var supportRequestSchemas: [String: JSONDoc] {
        let request = object(
            [
                "id": int, "number": string, "kind": oneOf(SupportRequest.Kind.allCases.map(\.rawValue)),
                "title": string, "detail": string,
                "customer_id": int, "customer_name": string, "account_owner_id": optInt, "tender_id": optInt,
                "tender_number": string, "wished_at": string,
                "hours": int, "requester_id": int, "requester_name": string,
                "state": oneOf(SupportRequest.State.allCases.map(\.rawValue)),
                "engineer_id": optInt, "engineer_name": optString, "starts_at": optString, "ends_at": optString,
                "outcome": string, "version": int,
                "created_at": time, "updated_at": time,
            ],
            required: [
                "id", "number", "kind", "title", "detail", "customer_id", "customer_name", "tender_number", "wished_at",
                "hours", "requester_id",
                "requester_name", "state", "outcome", "version", "created_at", "updated_at",
            ])
        return [
            "SupportRequest": request,
            "SupportRequestList": list("SupportRequest"),
            "SupportRequestDetail": object(
                [
                    "request": ref("SupportRequest"), "conflicts": ["type": "array", "items": ref("SupportRequest")],
                    "actions": ["type": "array", "items": stepOffer],
                ],
                required: ["request", "conflicts", "actions"]),
            "SupportRequestInput": object(
                [
                    "kind": oneOf(SupportRequest.Kind.allCases.map(\.rawValue)), "title": required(200),
                    "detail": text(4000),
                    "customer_id": ["type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$"],
                    "tender_id": [
                        "type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$",
                    ],
                    "wished_at": [
                        "type": "string", "maxLength": 40, "description": "YYYY-MM-DD HH:MM (CST), not past.",
                    ],
                    "hours": [
                        "type": ["integer", "string"], "minimum": 1, "maximum": 80, "pattern": "^ *[1-9][0-9]? *$",
                    ],
                ], required: ["kind", "title", "customer_id", "wished_at", "hours"]),
            "SupportRequestStep": stepSchema(SupportRequestProcess.self),
        ]
    }

    static var supportRequestOperations: [APIOperation] {
        Records.operations(SupportRequestKind.self) + [
            APIOperation(
                method: "POST", path: "/support-requests", tag: "service",
                summary: "Ask for an engineer: a demonstration, solution design, technical exchange or bid support",
                summaryZh: "申请售前支持", access: "sales rep for a customer he owns; market manager",
                body: ref("SupportRequestInput"), success: 201,
                result: ref("SupportRequestDetail"), extraHeaders: ["Location"])
        ]
            + stepOperations(
                SupportRequestProcess.self, route: SupportRequestKind.route.path, tag: "service",
                result: "SupportRequestDetail")
    }
}
