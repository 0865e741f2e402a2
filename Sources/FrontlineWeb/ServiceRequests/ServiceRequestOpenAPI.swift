import Foundation
import FrontlineCore
import FrontlineStore

/// The service requests (工程施工和售后服务) part of the API document.
extension OpenAPI {
    static var serviceRequestSchemas: [String: JSONDoc] {
        let standing = object(
            [
                "status": oneOf(ServiceLevelStatus.allCases.map(\.rawValue)), "paused": bool, "target_minutes": int,
                "elapsed_minutes": int,
                "left_minutes": [
                    "type": "integer", "description": "Working minutes left; negative when past the target.",
                ], "due": optString,
            ], required: ["status", "paused", "target_minutes", "elapsed_minutes", "left_minutes"])
        let request = object(
            [
                "id": int, "number": string, "kind": oneOf(ServiceRequest.Kind.allCases.map(\.rawValue)),
                "title": string, "detail": string, "location": string,
                "wished_on": string, "customer_id": int, "customer_name": string, "requester_id": int,
                "requester_name": string, "account_owner_id": optInt,
                "contract_id": optInt, "contract_number": string, "implementation_id": optInt,
                "state": oneOf(ServiceRequest.State.allCases.map(\.rawValue)),
                "verdict": [
                    "type": ["string", "null"],
                    "enum": .array(ServiceRequest.Verdict.allCases.map { .string($0.rawValue) } + [.null]),
                ],
                "verdict_reason": string, "conditions": string, "verdict_by_name": string, "plan": string,
                "engineer_ids": ["type": "array", "items": int],
                "engineer_names": ["type": "array", "items": string], "start_on": string, "end_on": string,
                "resolution": string, "confirmed_by": string,
                "satisfaction": optInt, "response": ref("ServiceStanding"), "resolution_level": ref("ServiceStanding"),
                "version": int, "created_at": time, "updated_at": time,
                "closed_at": optString,
            ],
            required: [
                "id", "number", "kind", "title", "detail", "location", "wished_on", "customer_id", "customer_name",
                "requester_id", "requester_name",
                "contract_number", "state", "verdict_reason", "conditions", "verdict_by_name", "plan", "engineer_ids",
                "engineer_names", "start_on", "end_on",
                "resolution", "confirmed_by", "response", "resolution_level", "version", "created_at", "updated_at",
            ])
        let entry = object(
            ["id": int, "name": string, "at": time, "day": string, "minutes": int, "text": string],
            required: ["id", "name", "at", "day", "minutes", "text"])
        return [
            "ServiceStanding": standing,
            "ServiceRequest": request,
            "ServiceRequestList": list("ServiceRequest"),
            "ServiceRequestDetail": object(
                [
                    "request": ref("ServiceRequest"), "log": ["type": "array", "items": entry],
                    "actions": ["type": "array", "items": stepOffer],
                ],
                required: ["request", "log", "actions"]),
            "ServiceRequestInput": object(
                [
                    "kind": oneOf(ServiceRequest.Kind.allCases.map(\.rawValue)), "title": required(200),
                    "detail": required(4000), "location": text(200),
                    "wished_on": day,
                    "customer_id": ["type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$"],
                    "contract_id": [
                        "type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$",
                    ],
                    "implementation_id": [
                        "type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$",
                    ],
                ], required: ["kind", "title", "detail", "customer_id"]),
            "ServiceRequestStep": stepSchema(ServiceRequestProcess.self),
        ]
    }

    static var serviceRequestOperations: [APIOperation] {
        let access = ServiceRequestKind.doc.access
        return Records.operations(ServiceRequestKind.self) + [
            APIOperation(
                method: "POST", path: "/service-requests", tag: "service",
                summary:
                    "Ask Customer Service for engineering or after-sales work for a customer (its service-level targets are those of its type now)",
                summaryZh: "提交服务请求", access: "sales rep for a customer he owns; market manager, business assistant",
                body: ref("ServiceRequestInput"), success: 201, result: ref("ServiceRequestDetail"),
                extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/service-requests/{id}/files", tag: "service",
                summary: "Its files (download through /attachments/{id})",
                summaryZh: "服务请求附件", access: access, result: ref("AttachmentList")),
            APIOperation(
                method: "POST", path: "/service-requests/{id}/files", tag: "service",
                summary:
                    "Attach a file while it is open (≤ 20 MiB): a multipart form's `file`, or the raw bytes with `?filename=`",
                summaryZh: "上传服务请求附件",
                access: "those who read it, of the Market Department or Customer Service, while it is open",
                query: [("filename", ["type": "string", "maxLength": 255], "The file's name, for a raw upload.")],
                body: [
                    "type": "object", "properties": ["file": ["type": "string", "format": "binary"]],
                    "required": ["file"],
                ],
                bodyTypes: ["multipart/form-data"], success: 201, result: ref("Attachment"), extraHeaders: ["Location"]),
        ]
            + stepOperations(
                ServiceRequestProcess.self, route: ServiceRequestKind.route.path, tag: "service",
                result: "ServiceRequestDetail")
    }
}
