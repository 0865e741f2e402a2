import Foundation
import FrontlineCore
import FrontlineStore

/// The gift register (馈赠登记) part of the API document.
extension OpenAPI {
    static var giftSchemas: [String: JSONDoc] {
        let total = object(["count": int, "value": string], required: ["count", "value"])
        return [
            "Gift": object(
                [
                    "id": int, "number": string, "declarant_id": int, "declarant_name": string, "customer_id": int,
                    "customer_name": string,
                    "kind": oneOf(Gift.Kind.allCases.map(\.rawValue)), "description": string, "value": string,
                    "offered_on": string, "note": string,
                    "state": oneOf(Gift.State.allCases.map(\.rawValue)), "handled_on": string, "handled_by": int,
                    "handled_by_name": string, "version": int,
                    "created_at": time, "updated_at": time,
                ],
                required: [
                    "id", "number", "declarant_id", "declarant_name", "customer_id", "customer_name", "kind",
                    "description", "value", "offered_on", "note", "state",
                    "handled_on", "version", "created_at", "updated_at",
                ]),
            "GiftList": list("Gift"),
            "GiftDetail": object(
                ["gift": ref("Gift"), "actions": ["type": "array", "items": stepOffer]], required: ["gift", "actions"]),
            "GiftInput": object(
                [
                    "customer_id": [
                        "type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$",
                        "description": "A customer the declarant reads.",
                    ],
                    "kind": oneOf(Gift.Kind.allCases.map(\.rawValue)),
                    "description": required(500, "What was offered."),
                    "value": [
                        "type": "string", "maxLength": 20, "pattern": "^ *[0-9]{1,12}(\\.[0-9]{1,2})? *$",
                        "description": "Yuan, more than 0, at most two decimals.",
                    ],
                    "offered_on": [
                        "type": ["string", "null"],
                        "pattern": "^[ \\t]*((19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}[ \\t]*)?$",
                        "description": "YYYY-MM-DD, not in the future; today when absent.",
                    ],
                    "note": text(2000),
                ], required: ["customer_id", "description", "value"]),
            "GiftStep": stepSchema(GiftProcess.self),
            "GiftRegister": object(
                [
                    "from": string, "to": string, "items": ["type": "array", "items": ref("Gift")], "total": total,
                    "by_kind": object(
                        Dictionary(uniqueKeysWithValues: Gift.Kind.allCases.map { ($0.rawValue, total) }),
                        required: Gift.Kind.allCases.map(\.rawValue)),
                    "by_state": object(
                        Dictionary(uniqueKeysWithValues: Gift.State.allCases.map { ($0.rawValue, total) }),
                        required: Gift.State.allCases.map(\.rawValue)),
                ], required: ["from", "to", "items", "total", "by_kind", "by_state"]),
        ]
    }

    static var giftOperations: [APIOperation] {
        Records.operations(GiftKind.self) + [
            APIOperation(
                method: "POST", path: "/gifts", tag: "planning",
                summary: "Declare what a customer offered (never changed or deleted afterwards)", summaryZh: "登记馈赠",
                access: "GM, Market Department, Customer Service", body: ref("GiftInput"), success: 201,
                result: ref("GiftDetail"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/gifts/register", tag: "planning",
                summary: "Every entry offered in a period, with the totals by kind and state", summaryZh: "馈赠登记簿",
                access: "GM, market manager, business assistant",
                query: [
                    ("from", ["type": "string", "format": "date"], "First day (this month's first by default)."),
                    ("to", ["type": "string", "format": "date"], "Last day (this month's last by default)."),
                ], result: ref("GiftRegister")),
        ] + stepOperations(GiftProcess.self, route: GiftKind.route.path, tag: "planning", result: "GiftDetail")
    }
}
