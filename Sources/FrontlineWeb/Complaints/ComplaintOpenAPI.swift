import Foundation
import FrontlineCore
import FrontlineStore

/// The complaints (客户投诉) part of the API document.
extension OpenAPI {
    static var complaintSchemas: [String: JSONDoc] {
        let standing = ref("ServiceStanding")
        let complaint = object(
            [
                "id": int, "number": string, "customer_id": int, "customer_name": string, "account_owner_id": optInt,
                "contact_name": string,
                "channel": oneOf(Complaint.Channel.allCases.map(\.rawValue)),
                "category": oneOf(Complaint.Category.allCases.map(\.rawValue)),
                "product_id": optInt, "product_name": string,
                "severity": oneOf(Complaint.Severity.allCases.map(\.rawValue)), "words": string,
                "taken_by": int, "taken_by_name": string, "department": oneOf(Department.allCases.map(\.rawValue)),
                "state": oneOf(Complaint.State.allCases.map(\.rawValue)), "acknowledgement": string,
                "root_cause": string, "resolution": string,
                "confirmed_by": string, "satisfaction": optInt,
                "compensation": ["type": ["string", "null"], "description": "Yuan, exact decimal."],
                "compensation_approval_id": optInt, "compensation_paid_on": string, "response": standing,
                "resolution_level": standing, "version": int,
                "created_at": time, "updated_at": time, "closed_at": optString,
            ],
            required: [
                "id", "number", "customer_id", "customer_name", "contact_name", "channel", "category", "product_name",
                "severity", "words", "taken_by",
                "taken_by_name", "department", "state", "acknowledgement", "root_cause", "resolution", "confirmed_by",
                "compensation_paid_on", "response",
                "resolution_level", "version", "created_at", "updated_at",
            ])
        let line = object(
            [
                "key": string, "count": int, "open": int, "acknowledge_minutes": optInt, "resolve_minutes": optInt,
                "satisfaction": optString,
            ],
            required: ["key", "count", "open"])
        return [
            "Complaint": complaint,
            "ComplaintList": list("Complaint"),
            "ComplaintDetail": object(
                [
                    "complaint": ref("Complaint"),
                    "compensation_state": [
                        "type": ["string", "null"],
                        "enum": .array(ApprovalRequest.State.allCases.map { .string($0.rawValue) } + [.null]),
                    ],
                    "actions": ["type": "array", "items": stepOffer],
                ], required: ["complaint", "actions"]),
            "ComplaintInput": object(
                [
                    "customer_id": ["type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$"],
                    "contact_name": text(100),
                    "channel": oneOf(Complaint.Channel.allCases.map(\.rawValue)),
                    "category": oneOf(Complaint.Category.allCases.map(\.rawValue)),
                    "product_id": [
                        "type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$",
                    ],
                    "severity": oneOf(Complaint.Severity.allCases.map(\.rawValue)), "words": required(4000),
                ], required: ["customer_id", "channel", "category", "severity", "words"]),
            "ComplaintStats": object(
                [
                    "from": string, "to": string, "total": int,
                    "groups": object(
                        Dictionary(
                            uniqueKeysWithValues: ["category", "product", "region", "severity", "month"].map {
                                ($0, ["type": "array", "items": line] as JSONDoc)
                            })),
                ], required: ["from", "to", "total", "groups"]),
            "ComplaintStep": stepSchema(ComplaintProcess.self),
        ]
    }

    static var complaintOperations: [APIOperation] {
        Records.operations(ComplaintKind.self) + [
            APIOperation(
                method: "POST", path: "/complaints", tag: "service",
                summary: "Take in a complaint; one about engineering or after-sales goes to Customer Service by itself",
                summaryZh: "受理投诉",
                access: "business assistant, market manager; a sales rep for a customer he owns",
                body: ref("ComplaintInput"), success: 201,
                result: ref("ComplaintDetail"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/complaints/stats", tag: "service",
                summary:
                    "Statistics by category, product, region, severity and month, with the mean working time to acknowledge and to resolve (default: this year)",
                summaryZh: "投诉统计", access: "as the list (a rep counts his own)",
                query: ComplaintKind.filters.documented().filter { ["from", "to"].contains($0.name) },
                result: ref("ComplaintStats")),
        ]
            + stepOperations(
                ComplaintProcess.self, route: ComplaintKind.route.path, tag: "service", result: "ComplaintDetail")
    }
}
