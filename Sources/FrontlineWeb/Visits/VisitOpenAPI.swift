import Foundation
import FrontlineCore
import FrontlineStore

/// The visitor reception (来访接待) part of the API document.
extension OpenAPI {
    static var visitSchemas: [String: JSONDoc] {
        let moment: JSONDoc = [
            "type": ["string", "null"], "maxLength": 40,
            "pattern":
                "^[ \\t]*(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?)?[ \\t]*$",
            "description": "YYYY-MM-DD HH:MM (China time) or ISO 8601 with a zone.",
        ]
        let id: JSONDoc = [
            "type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$",
        ]
        let input: [String: JSONDoc] = [
            "customer_id": id, "visitors": required(500, "Who comes: names, titles, how many."), "purpose": text(2000),
            "starts_at": moment, "ends_at": moment,
            "host_id": [
                "type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$",
                "description": "An active member of staff, free at that time.",
            ],
            "place": text(200), "arrangements": text(4000, "Pick-up, meeting room, meals, hotel."),
        ]
        var patch = input
        patch["version"] = version
        return [
            "Visit": object(
                [
                    "id": int, "number": string, "customer_id": int, "customer_name": string, "visitors": string,
                    "purpose": string, "starts_at": time, "ends_at": time,
                    "host_id": int, "host_name": string, "place": string, "arrangements": string, "outcome": string,
                    "state": oneOf(Visit.State.allCases.map(\.rawValue)),
                    "scheduled_by": int, "version": int, "created_at": time, "updated_at": time,
                ],
                required: [
                    "id", "number", "customer_name", "visitors", "purpose", "starts_at", "ends_at", "host_id",
                    "host_name", "place", "arrangements", "outcome", "state",
                    "scheduled_by", "version", "created_at", "updated_at",
                ]),
            "VisitList": list("Visit"),
            "VisitDetail": object(
                ["visit": ref("Visit"), "actions": ["type": "array", "items": stepOffer]],
                required: ["visit", "actions"]),
            "VisitInput": object(input, required: ["visitors", "starts_at", "ends_at", "host_id"]),
            "VisitPatch": object(patch),
            "VisitStep": stepSchema(VisitProcess.self),
        ]
    }

    static var visitOperations: [APIOperation] {
        Records.operations(VisitKind.self) + [
            APIOperation(
                method: "POST", path: "/visits", tag: "planning",
                summary: "Schedule a visit (the host free at that time)", summaryZh: "安排来访",
                access: "business assistant, market manager", body: ref("VisitInput"), success: 201,
                result: ref("VisitDetail"), extraHeaders: ["Location"]),
            APIOperation(
                method: "PATCH", path: "/visits/{id}", tag: "planning",
                summary: "Change a scheduled visit's arrangements", summaryZh: "修改接待安排",
                access: "business assistant, market manager", body: ref("VisitPatch"), result: ref("VisitDetail"),
                extraHeaders: ["ETag"]),
        ]
            + stepOperations(VisitProcess.self, route: VisitKind.route.path, tag: "planning", result: "VisitDetail") {
                a in
                a == .complete ? "the host, the business assistant, the market manager" : nil
            }
    }
}
