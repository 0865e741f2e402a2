import Foundation
import FrontlineCore

/// The contracts part of the API document: the ledger and contract review.
extension OpenAPI {

    /// Who takes a step, where the rows' roles alone would not say it.
    static func contractAccess(_ action: ContractProcess.Action) -> String? {
        switch action {
        case .review: "the named reviewers, each once"
        case .signCommercial: "market manager, or the account's sales rep"
        default: nil
        }
    }

    static var contractSchemas: [String: JSONDoc] {
        let contractInput: [String: JSONDoc] = [
            "customer_id": ["type": "integer", "minimum": 1],
            "quotation_id": ["type": "integer", "minimum": 1, "description": "Draft from this accepted quotation."],
            "title": required(200), "amount": moneyInput,
            "tax_rate": [
                "type": ["string", "number"], "pattern": "^ *[0-9]{1,2}(\\.[0-9]{1,2})? *%?$", "minimum": 0,
                "exclusiveMaximum": 100,
                "description":
                    "VAT rate the amount includes, percent (default 13; from the quotation when drafted from one).",
            ],
            "cost_estimate": [
                "type": ["string", "integer"], "minimum": 0, "maximum": 10_000_000_000,
                "pattern": "^ *([0-9]{1,11}(\\.[0-9]{1,2})?)? *$",
                "description":
                    "Cost net of VAT in yuan; empty when not known (the profit is then unknown too). Confidential.",
            ], "technical_annex": text(20_000),
            "commercial_terms": text(20_000), "special": bool, "opportunity_id": opportunityLink,
            "milestones": [
                "type": "array", "maxItems": 24, "description": "They must add up to the amount.",
                "items": object(
                    ["name": required(60), "amount": moneyInput, "due": day], required: ["name", "amount"]),
            ],
        ]
        var contractPatch = contractInput
        contractPatch["version"] = version
        contractPatch["customer_id"] = nil
        contractPatch["quotation_id"] = nil
        return [
            "Milestone": object(
                ["name": string, "amount": money, "due": string], required: ["name", "amount", "due"]),
            "Contract": object(
                [
                    "id": int, "number": string, "amendment": int, "customer_id": int, "customer_name": string,
                    "owner_id": int,
                    "owner_name": string, "title": string, "source_kind": string, "source_id": optInt,
                    "opportunity_id": optInt, "amount": money,
                    "tax_rate": ["type": "string", "description": "VAT rate the amount includes, e.g. 13%."],
                    "net_amount": ["type": "string", "description": "The amount net of VAT, rounded half up."],
                    "cost_estimate": [
                        "type": "string",
                        "description":
                            "Confidential: GM, market manager, business assistant only; absent while not known.",
                    ],
                    "profit": [
                        "type": "string",
                        "description":
                            "Confidential (GM, market manager, business assistant): net_amount less cost_estimate; absent while the cost is not known.",
                    ],
                    "milestones": ["type": "array", "items": ref("Milestone")], "technical_annex": string,
                    "commercial_terms": string,
                    "special": bool, "requires_meeting": bool, "state": oneOf(Contract.State.allCases.map(\.rawValue)),
                    "meeting_date": string, "meeting_attendees": string, "meeting_minutes": string,
                    "technical_signed_by": optInt,
                    "commercial_signed_by": optInt, "customer_signed_on": string,
                    "effective_at": ["type": ["string", "null"]],
                    "reviews": [
                        "type": "array",
                        "items": object(
                            [
                                "reviewer_id": int, "reviewer_name": string,
                                "part": oneOf(["technical", "commercial"]),
                                "opinion": oneOf(ContractReview.Opinion.allCases.map(\.rawValue)), "comment": string,
                                "at": ["type": ["string", "null"]],
                            ], required: ["reviewer_id", "reviewer_name", "part", "opinion", "comment"]),
                    ],
                    "handoff": object(
                        [
                            "implementation_id": int, "implementation_state": string,
                            "payment_plan": ["type": "array", "items": ref("Milestone")],
                        ],
                        required: ["implementation_id", "implementation_state", "payment_plan"]),
                    "actions": ["type": "array", "items": string], "version": int, "created_at": time,
                    "updated_at": time,
                ],
                required: [
                    "id", "number", "amendment", "customer_id", "customer_name", "owner_id", "owner_name", "title",
                    "source_kind", "amount",
                    "milestones", "technical_annex", "commercial_terms", "special", "requires_meeting", "state",
                    "meeting_date",
                    "meeting_attendees", "meeting_minutes", "customer_signed_on", "version", "created_at", "updated_at",
                ]),
            "ContractList": list("Contract"),
            "ContractInput": object(contractInput),
            "ContractPatch": object(contractPatch),
            "ContractStep": stepSchema(ContractProcess.self),
        ]
    }

    static var contractOperations: [APIOperation] {
        Records.operations(ContractKind.self) + [
            APIOperation(
                method: "POST", path: "/contracts", tag: "contracts",
                summary: "Draft a contract, from an accepted quotation or for a customer",
                summaryZh: "起草合同", access: "market manager, business assistant; sales rep for his own customers",
                body: ref("ContractInput"),
                success: 201, result: ref("Contract"), extraHeaders: ["Location"]),
            APIOperation(
                method: "PATCH", path: "/contracts/{id}", tag: "contracts", summary: "Change a draft",
                summaryZh: "修改合同草稿",
                access: "market manager, business assistant; sales rep for his own customers",
                body: ref("ContractPatch"), result: ref("Contract")),
        ]
            + stepOperations(
                ContractProcess.self, route: "contracts", tag: "contracts", result: "Contract", created: [.amend],
                access: contractAccess)
    }
}
