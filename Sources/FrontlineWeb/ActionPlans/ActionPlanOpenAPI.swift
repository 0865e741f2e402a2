import Foundation
import FrontlineCore
import FrontlineStore

/// The action plans (行动计划) and summary reports part of the API document.
extension OpenAPI {
    static var actionPlanSchemas: [String: JSONDoc] {
        let kinds: JSONDoc = [
            "type": ["string", "null"],
            "enum": .array(([""] + CommunicationKind.allCases.map(\.rawValue)).map { .string($0) } + [.null]),
        ]
        let item = object(
            [
                "customer_id": [
                    "type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$",
                    "description": "One of the rep's own customers; needed with a kind.",
                ], "kind": kinds,
                "times": [
                    "type": ["integer", "string", "null"], "minimum": 1, "maximum": 50,
                    "pattern": "^ *([1-9]|[1-4][0-9]|50)? *$", "description": "Contacts planned (default 1).",
                ],
                "goal": required(300), "expected": text(300),
            ], required: ["goal"])
        let start: JSONDoc = [
            "type": "string", "pattern": "^[ \\t]*(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}[ \\t]*$",
            "description": "A Monday for a week, the 1st for a month; this period's when absent.",
        ]
        let items: JSONDoc = ["type": "array", "maxItems": .int(ActionPlanInput.maxItems), "items": item]
        let planDoc = object(
            [
                "id": int, "number": string, "owner_id": int, "owner_name": string,
                "period": oneOf(ActionPlan.Period.allCases.map(\.rawValue)), "starts_on": string,
                "ends_on": string, "state": oneOf(ActionPlan.State.allCases.map(\.rawValue)),
                "items": [
                    "type": "array",
                    "items": object(
                        [
                            "customer_id": int, "customer_name": string,
                            "kind": oneOf(CommunicationKind.allCases.map(\.rawValue)), "times": int, "goal": string,
                            "expected": string, "done": int,
                            "met": [
                                "type": "boolean",
                                "description": "An item without a customer: whether its owner reported it met.",
                            ],
                        ], required: ["times", "goal", "expected"]),
                ],
                "planned": int, "completed": int,
                "rate": ["type": "integer", "description": "Whole percent; absent when nothing is planned."],
                "results": string,
                "lost_deals": string, "market_notes": string, "version": int, "created_at": time, "updated_at": time,
            ],
            required: [
                "id", "number", "owner_id", "owner_name", "period", "starts_on", "ends_on", "state", "items", "planned",
                "completed", "results", "lost_deals", "market_notes",
                "version", "created_at", "updated_at",
            ])
        return [
            "ActionPlan": planDoc,
            "ActionPlanList": list("ActionPlan"),
            "ActionPlanDetail": object(
                [
                    "plan": ref("ActionPlan"),
                    "outcomes": [
                        "type": "array",
                        "items": object(
                            [
                                "opportunity_id": int, "number": string, "title": string, "customer_name": string,
                                "result": oneOf(["won", "lost"]), "amount": string,
                                "reason": string, "winner": string,
                            ],
                            required: [
                                "opportunity_id", "number", "title", "customer_name", "result", "amount", "reason",
                                "winner",
                            ]),
                    ],
                    "actions": ["type": "array", "items": stepOffer],
                ], required: ["plan", "outcomes", "actions"]),
            "ActionPlanInput": object([
                "period": oneOf(ActionPlan.Period.allCases.map(\.rawValue)), "starts_on": start, "items": items,
            ]),
            "ActionPlanPatch": object(
                [
                    "period": oneOf(ActionPlan.Period.allCases.map(\.rawValue)), "starts_on": start, "items": items,
                    "results": text(8000, "The summary report (once the plan is approved): results."),
                    "lost_deals": text(8000), "market_notes": text(8000), "version": version,
                    "goals_met": [
                        "type": "array", "maxItems": .int(ActionPlanInput.maxItems),
                        "items": ["type": "integer", "minimum": 1, "maximum": .int(ActionPlanInput.maxItems)],
                        "description":
                            "The summary (once the plan is approved): the numbers (1 for the first item) of the plan's own goals met.",
                    ],
                ]),
            "ActionPlanStep": stepSchema(ActionPlanProcess.self),
            "PlanCompletion": object(
                [
                    "period": oneOf(ActionPlan.Period.allCases.map(\.rawValue)), "starts_on": string, "ends_on": string,
                    "items": [
                        "type": "array",
                        "items": object(
                            [
                                "rep_id": int, "rep_name": string, "plan_id": int, "number": string,
                                "state": oneOf(ActionPlan.State.allCases.map(\.rawValue)),
                                "planned": int, "completed": int, "rate": int,
                            ], required: ["rep_id", "rep_name", "planned", "completed"]),
                    ],
                    "total": int,
                ], required: ["period", "starts_on", "ends_on", "items", "total"]),
        ]
    }

    static var actionPlanOperations: [APIOperation] {
        let access = "GM, market manager, business assistant; a sales rep his own"
        return Records.operations(ActionPlanKind.self) + [
            APIOperation(
                method: "POST", path: "/action-plans", tag: "planning",
                summary: "Make one's plan for a week or a month (one per rep and period)", summaryZh: "制定行动计划",
                access: "sales reps", body: ref("ActionPlanInput"), success: 201, result: ref("ActionPlanDetail"),
                extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/action-plans/completion", tag: "planning",
                summary: "Every active rep's plan for one period: planned, done, rate",
                summaryZh: "计划完成情况", access: "GM, market manager, business assistant",
                query: [
                    (
                        "period",
                        ["type": "string", "enum": .array(ActionPlan.Period.allCases.map { .string($0.rawValue) })],
                        "Weekly (default) or monthly."
                    ),
                    (
                        "starts_on", ["type": "string", "format": "date"],
                        "The period's first day (a Monday, or the 1st); this period when absent."
                    ),
                ], result: ref("PlanCompletion")),
            APIOperation(
                method: "PATCH", path: "/action-plans/{id}", tag: "planning",
                summary:
                    "Change the period and items (draft or returned) or the summary report (approved); its rep only",
                summaryZh: "修改行动计划或总结",
                access: "the plan's rep", body: ref("ActionPlanPatch"), result: ref("ActionPlanDetail"),
                extraHeaders: ["ETag"]),
        ]
            + stepOperations(ActionPlanProcess.self, route: "action-plans", tag: "planning", result: "ActionPlanDetail")
        { a in
            [.submit, .withdraw, .report].contains(a) ? "the plan's rep" : nil
        }
    }
}
