import Foundation
import FrontlineCore
import FrontlineStore

/// The leads (线索) part of the API document, the public form among them.
extension OpenAPI {
    static var leadSchemas: [String: JSONDoc] {
        let id: JSONDoc = [
            "type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$",
        ]
        let input: [String: JSONDoc] = [
            "source": oneOf(Lead.Source.allCases.map(\.rawValue)), "company": required(120), "contact_name": text(60),
            "phone": phone,
            "email": ["type": ["string", "null"], "maxLength": 120], "need": text(2000), "region_id": id,
            "owner_id": [
                "type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$",
                "description": "An active sales rep; a rep's own leads are his.",
            ],
            "next_follow_up": day,
        ]
        var patch = input
        patch["source"] = nil
        patch["owner_id"] = nil
        patch["version"] = version
        return [
            "Lead": object(
                [
                    "id": int, "number": string, "source": oneOf(Lead.Source.allCases.map(\.rawValue)),
                    "company": string, "contact_name": string, "phone": string,
                    "email": string, "need": string, "region_id": optInt, "owner_id": optInt, "owner_name": optString,
                    "next_follow_up": string,
                    "state": oneOf(Lead.State.allCases.map(\.rawValue)), "discard_reason": string,
                    "customer_id": optInt, "opportunity_id": optInt, "version": int,
                    "created_at": time, "updated_at": time,
                ],
                required: [
                    "id", "number", "source", "company", "contact_name", "phone", "email", "need", "next_follow_up",
                    "state", "discard_reason", "version", "created_at",
                    "updated_at",
                ]),
            "LeadList": list("Lead"),
            "LeadDetail": object(
                [
                    "lead": ref("Lead"),
                    "match": object(
                        ["customer_id": int, "name": string, "owner_id": optInt, "owner_name": string],
                        required: ["customer_id", "name", "owner_name"]),
                    "actions": ["type": "array", "items": stepOffer],
                ], required: ["lead", "actions"]),
            "LeadInput": object(input, required: ["company"]),
            "LeadPatch": object(patch),
            "LeadStep": stepSchema(LeadProcess.self),
            "LeadFormToken": object(
                ["form_token": string, "fields": ["type": "array", "items": string]],
                required: ["form_token", "fields"]),
            "WebLead": object(
                [
                    "company": required(120), "contact_name": required(60), "phone": phone,
                    "email": ["type": ["string", "null"], "maxLength": 120],
                    "need": text(2000),
                    "website": [
                        "type": ["string", "null"], "maxLength": 200, "description": "Leave empty (a trap for robots).",
                    ],
                    "form_token": [
                        "type": "string", "maxLength": 200,
                        "description": "From GET /public/lead-form, at least 3 seconds and at most a day old.",
                    ],
                ], required: ["company", "contact_name", "form_token"]),
            "LeadReceived": object(["received": bool, "message": string], required: ["received", "message"]),
        ]
    }

    static var leadOperations: [APIOperation] {
        let access = LeadKind.doc.access
        return Records.operations(LeadKind.self) + [
            APIOperation(
                method: "POST", path: "/leads", tag: "pipeline", summary: "Record a lead", summaryZh: "登记线索",
                access: "GM, market manager, business assistant, sales reps (theirs)",
                body: ref("LeadInput"), success: 201, result: ref("LeadDetail"), extraHeaders: ["Location"]),
            APIOperation(
                method: "PATCH", path: "/leads/{id}", tag: "pipeline",
                summary: "Change an open lead's facts (its owner moves by `assign`)", summaryZh: "修改线索", access: access,
                body: ref("LeadPatch"), result: ref("LeadDetail"), extraHeaders: ["ETag"]),
            APIOperation(
                method: "GET", path: "/public/lead-form", tag: "pipeline",
                summary: "A token for the public lead form (no sign-in)", summaryZh: "获取官网留资表单令牌",
                access: "anyone", result: ref("LeadFormToken"), isPublic: true),
            APIOperation(
                method: "POST", path: "/public/leads", tag: "pipeline",
                summary:
                    "A visitor's enquiry from the company web site (no sign-in): 5 an hour per address, a repeat within a day is the same lead",
                summaryZh: "官网留资", access: "anyone", body: ref("WebLead"), success: 202, result: ref("LeadReceived"),
                isPublic: true),
        ]
            + stepOperations(LeadProcess.self, route: LeadKind.route.path, tag: "pipeline", result: "LeadDetail")
    }
}
