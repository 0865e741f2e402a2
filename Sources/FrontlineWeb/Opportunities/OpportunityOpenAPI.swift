import Foundation
import FrontlineCore
import FrontlineStore

/// The opportunities (商机) part of the API document.
extension OpenAPI {
    /// The opportunity a quotation, tender or contract serves: one of the customer's, still open; empty or null for none.
    static let opportunityLink: JSONDoc = [
        "type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$",
        "description":
            "An open opportunity of the same customer (商机); empty or null for none. Winning the tender or the contract taking effect wins it.",
    ]

    static var opportunitySchemas: [String: JSONDoc] {
        let stage = oneOf(Opportunity.Stage.allCases.map(\.rawValue))
        let percent: JSONDoc = [
            "type": ["integer", "string"], "minimum": 0, "maximum": 100, "pattern": "^ *[0-9]{1,3} *%? *$",
        ]
        let input: [String: JSONDoc] = [
            "customer_id": [
                "type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$",
                "description": "A customer the caller works (a rep: his own).",
            ],
            "title": required(200),
            "product_ids": [
                "type": "array", "maxItems": 50, "items": ["type": "integer", "minimum": 1],
                "description": "Active lines of the price book.",
            ],
            "amount": moneyInput,
            "expected_profit": [
                "type": ["string", "integer", "null"], "maximum": 10_000_000_000,
                "pattern": "^ *(-?[0-9]{1,11}(\\.[0-9]{1,2})?)? *$",
                "description": "Yuan; only those who see cost (GM, market manager, business assistant) may send it.",
            ],
            "probability": percent, "expected_close": day,
            "owner_id": [
                "type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$",
                "description":
                    "An active sales rep; only the GM, the market manager and the business assistant hand it to another.",
            ],
            "competitors": text(500),
        ]
        var patch = input
        patch["customer_id"] = nil
        patch["version"] = version
        let entry = object(
            ["stage": stage, "name": string, "default_name": string, "probability": int],
            required: ["stage", "name", "default_name", "probability"])
        return [
            "Opportunity": object(
                [
                    "id": int, "number": string, "customer_id": int, "customer_name": string, "title": string,
                    "product_ids": ["type": "array", "items": int],
                    "amount": money,
                    "expected_profit": [
                        "type": "string",
                        "description": "Only for those who see cost; absent otherwise or when none was given.",
                    ],
                    "probability": int, "weighted_amount": money, "expected_close": string, "owner_id": int,
                    "owner_name": string, "competitors": string,
                    "stage": stage,
                    "stage_name": ["type": "string", "description": "The stage as the admin named it."],
                    "loss_reason": string, "winner": string,
                    "closed_on": string,
                    "won_by": [
                        "type": "string",
                        "description": "The tender's or contract's number that won it; empty when a person did.",
                    ],
                    "lead_id": optInt, "stage_changed_at": time, "version": int, "created_at": time, "updated_at": time,
                ],
                required: [
                    "id", "number", "customer_id", "customer_name", "title", "product_ids", "amount", "probability",
                    "weighted_amount", "expected_close", "owner_id",
                    "owner_name", "competitors", "stage", "stage_name", "loss_reason", "winner", "closed_on", "won_by",
                    "stage_changed_at", "version", "created_at", "updated_at",
                ]),
            "OpportunityList": list("Opportunity"),
            "OpportunityDetail": object(
                [
                    "opportunity": ref("Opportunity"),
                    "links": [
                        "type": "array",
                        "items": object(
                            [
                                "kind": oneOf(["quotation", "tender", "contract"]), "id": int, "number": string,
                                "title": string, "state": string,
                            ], required: ["kind", "id", "number", "title", "state"]),
                    ],
                    "actions": ["type": "array", "items": stepOffer],
                ], required: ["opportunity", "links", "actions"]),
            "OpportunityInput": object(input, required: ["customer_id", "title"]),
            "OpportunityPatch": object(patch),
            "StageTotalList": object(
                [
                    "items": [
                        "type": "array",
                        "items": object(
                            [
                                "stage": stage, "name": string, "probability": int, "count": int, "amount": money,
                                "weighted_amount": money,
                            ], required: ["stage", "name", "probability", "count", "amount", "weighted_amount"]),
                    ], "total": int,
                ], required: ["items", "total"]),
            "OpportunityStages": object(
                ["stages": ["type": "array", "items": entry], "version": int], required: ["stages", "version"]),
            "OpportunityStagesInput": object(
                [
                    "stages": [
                        "type": "array", "maxItems": 20,
                        "description":
                            "Every stage once; the open ones in the order wanted (won and lost stay last at 100 % and 0 %).",
                        "items": object(
                            [
                                "stage": stage, "name": text(20, "Empty: the built-in name."),
                                "probability": ["type": "integer", "minimum": 0, "maximum": 100],
                            ], required: ["stage"]),
                    ], "version": version,
                ], required: ["stages"]),
            "OpportunityStep": stepSchema(OpportunityProcess.self),
        ]
    }

    static var opportunityOperations: [APIOperation] {
        return Records.operations(OpportunityKind.self) + [
            APIOperation(
                method: "POST", path: "/opportunities", tag: "pipeline",
                summary: "Open an opportunity for a customer, at the first stage", summaryZh: "新建商机",
                access: "GM, market manager, business assistant; a sales rep for his own customers",
                body: ref("OpportunityInput"), success: 201,
                result: ref("OpportunityDetail"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/opportunities/pipeline", tag: "pipeline",
                summary: "Each stage's count, total and weighted total (same filters)", summaryZh: "销售漏斗",
                access: "as the list", query: OpportunityKind.filters.documented(), result: ref("StageTotalList")),
            APIOperation(
                method: "PATCH", path: "/opportunities/{id}", tag: "pipeline",
                summary: "Change an open opportunity's facts (its stage moves by a step)", summaryZh: "修改商机",
                access: "GM, market manager, business assistant; the owning rep", body: ref("OpportunityPatch"),
                result: ref("OpportunityDetail"), extraHeaders: ["ETag"]),
            APIOperation(
                method: "GET", path: "/settings/opportunity-stages", tag: "pipeline",
                summary: "The stages: names, order and default probabilities", summaryZh: "商机阶段",
                access: "every signed-in user", result: ref("OpportunityStages"), extraHeaders: ["ETag"]),
            APIOperation(
                method: "PATCH", path: "/settings/opportunity-stages", tag: "pipeline",
                summary: "Rename and reorder the stages and set their default probabilities",
                summaryZh: "设置商机阶段", access: "administrator", body: ref("OpportunityStagesInput"),
                result: ref("OpportunityStages"), extraHeaders: ["ETag"]),
        ]
            + stepOperations(
                OpportunityProcess.self, route: "opportunities", tag: "pipeline", result: "OpportunityDetail")
    }
}
