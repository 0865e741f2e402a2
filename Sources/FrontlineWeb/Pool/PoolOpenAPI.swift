import Foundation
import FrontlineCore

/// The customer pool (公海) part of the API document.
extension OpenAPI {
    static var poolSchemas: [String: JSONDoc] {
        let days: JSONDoc = ["type": "integer", "minimum": 0, "maximum": 3650]
        let tiers = Dictionary(uniqueKeysWithValues: CustomerTier.allCases.map { ($0.rawValue, days) })
        return [
            "PoolCustomer": object(
                [
                    "id": int, "name": string, "tier": oneOf(CustomerTier.allCases.map(\.rawValue)), "industry": string,
                    "region_id": optInt, "region_name": optString,
                    "status": oneOf(CustomerStatus.allCases.map(\.rawValue)),
                    "returned_at": [
                        "type": "string",
                        "description": "Its last return to the pool; absent when it never had an owner.",
                    ],
                    "last_owner_id": int, "last_owner_name": string, "version": int,
                ], required: ["id", "name", "tier", "industry", "status", "version"]),
            "PoolCustomerList": list("PoolCustomer"),
            "PoolWarning": object(
                ["customer_id": int, "customer_name": string, "owner_id": int, "returns_on": string],
                required: ["customer_id", "customer_name", "owner_id", "returns_on"]),
            "PoolWarningList": list("PoolWarning", paged: false),
            "PoolEvent": object(
                [
                    "id": int, "customer_id": int, "kind": oneOf(PoolEvent.Kind.allCases.map(\.rawValue)),
                    "from_owner_id": int, "from_owner_name": string,
                    "to_owner_id": int, "to_owner_name": string, "note": string, "actor_id": int, "actor_name": string,
                    "at": time,
                ], required: ["id", "customer_id", "kind", "note", "actor_id", "actor_name", "at"]),
            "PoolEventList": list("PoolEvent", paged: false),
            "PoolAssign": object(
                [
                    "owner_id": [
                        "type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$",
                        "description": "An active sales rep.",
                    ], "comment": text(500),
                    "version": [
                        "type": "integer", "minimum": 1, "maximum": 2_147_483_647,
                        "description":
                            "The customer's version the hand-out is based on (or If-Match): 409 when another changed it first.",
                    ],
                ],
                required: ["owner_id"]),
            "PoolRules": object(
                [
                    "return_days": object(tiers, required: CustomerTier.allCases.map(\.rawValue)), "warn_days": int,
                    "exempt_negotiation": bool,
                    "exempt_effective_contract": bool, "owned_limit": int, "daily_claims": int, "reclaim_days": int,
                    "version": int,
                ],
                required: [
                    "return_days", "warn_days", "exempt_negotiation", "exempt_effective_contract", "owned_limit",
                    "daily_claims", "reclaim_days", "version",
                ]),
            "PoolRulesInput": object(
                [
                    "return_days": object(tiers), "warn_days": ["type": "integer", "minimum": 0, "maximum": 365],
                    "exempt_negotiation": bool,
                    "exempt_effective_contract": bool,
                    "owned_limit": ["type": "integer", "minimum": 1, "maximum": 100_000],
                    "daily_claims": ["type": "integer", "minimum": 0, "maximum": 1000], "reclaim_days": days,
                    "version": version,
                ]),
        ]
    }

    static var poolOperations: [APIOperation] {
        [
            APIOperation(
                method: "GET", path: "/pool", tag: "pipeline", summary: "The customer pool (公海): customers nobody owns",
                summaryZh: "公海客户",
                access: "GM, market manager, business assistant, sales reps",
                query: [
                    ("q", ["type": "string", "maxLength": 100], "Name."),
                    ("tier", ["type": "string", "enum": ["A", "B", "C", "D"]], "Tier."),
                    ("region_id", ["type": "integer", "minimum": 1], "Region."),
                    (
                        "sort", ["type": "string", "enum": ["name", "-name", "updated_at", "-updated_at"]],
                        "Order (default -updated_at: the latest returned first)."
                    ),
                ] + paging, result: ref("PoolCustomerList")),
            APIOperation(
                method: "GET", path: "/pool/warnings", tag: "pipeline",
                summary: "Customers that return to the pool within the warning days (a rep: his own)",
                summaryZh: "即将退回公海的客户", access: "GM, market manager, business assistant, sales reps",
                result: ref("PoolWarningList")),
            APIOperation(
                method: "POST", path: "/pool/{id}/claim", tag: "pipeline",
                summary:
                    "Claim a customer from the pool: within the rep's owned and daily limits, not one he lost lately (409 with the reason)",
                summaryZh: "领取公海客户", access: "sales reps", success: 200, result: ref("Customer")),
            APIOperation(
                method: "POST", path: "/pool/{id}/assign", tag: "pipeline",
                summary:
                    "Hand a customer (from the pool or from another rep) to a rep; with the version read, two hand-outs at once cannot both land",
                summaryZh: "分配客户", access: "GM, market manager, business assistant", body: ref("PoolAssign"),
                result: ref("Customer")),
            APIOperation(
                method: "GET", path: "/pool/{id}/events", tag: "pipeline",
                summary: "A customer's pool history: returns, warnings, claims, hand-outs",
                summaryZh: "客户公海记录", access: "as the customer (while it is in the pool: whoever browses the pool)",
                result: ref("PoolEventList")),
            APIOperation(
                method: "GET", path: "/settings/pool", tag: "pipeline", summary: "The pool's rules", summaryZh: "公海规则",
                access: "every signed-in user",
                result: ref("PoolRules"), extraHeaders: ["ETag"]),
            APIOperation(
                method: "PATCH", path: "/settings/pool", tag: "pipeline",
                summary: "Set the pool's rules: days per tier, warning, exemptions, limits",
                summaryZh: "设置公海规则", access: "administrator, market manager", body: ref("PoolRulesInput"),
                result: ref("PoolRules"), extraHeaders: ["ETag"]),
        ]
    }
}
