import Foundation
import FrontlineCore
import FrontlineStore

/// The customer training (客户培训) part of the API document.
extension OpenAPI {
    static var trainingSchemas: [String: JSONDoc] {
        let training = object(
            [
                "id": int, "number": string, "contract_id": int, "contract_number": string, "implementation_id": optInt,
                "customer_id": int, "customer_name": string,
                "topic": string, "trainer_id": int, "trainer_name": string, "starts_at": time, "hours": int,
                "mode": oneOf(Training.Mode.allCases.map(\.rawValue)),
                "place": string, "state": oneOf(Training.State.allCases.map(\.rawValue)), "held_on": string,
                "version": int, "created_at": time, "updated_at": time,
            ],
            required: [
                "id", "number", "contract_id", "contract_number", "customer_id", "customer_name", "topic", "trainer_id",
                "trainer_name", "starts_at", "hours", "mode", "place", "state", "held_on", "version", "created_at",
                "updated_at",
            ])
        let attendee = object(
            ["id": int, "contact_id": int, "name": string, "attended": bool, "score": optInt, "comment": string],
            required: ["id", "contact_id", "name", "attended", "comment"])
        let given = object(
            ["training": ref("Training"), "invited": int, "attended": int, "score": optString],
            required: ["training", "invited", "attended"])
        let id: JSONDoc = [
            "type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$",
        ]
        return [
            "Training": training,
            "TrainingList": list("Training"),
            "TrainingDetail": object(
                [
                    "training": ref("Training"), "attendees": ["type": "array", "items": attendee],
                    "actions": ["type": "array", "items": stepOffer],
                ],
                required: ["training", "attendees", "actions"]),
            "TrainingInput": object(
                [
                    "contract_id": id, "implementation_id": id, "topic": required(200),
                    "trainer_id": ["type": ["integer", "string"], "minimum": 1, "pattern": "^ *[1-9][0-9]{0,17} *$"],
                    "starts_at": ["type": "string", "maxLength": 40, "description": "YYYY-MM-DD HH:MM (CST)."],
                    "hours": [
                        "type": ["integer", "string"], "minimum": 1, "maximum": 40, "pattern": "^ *[1-9][0-9]? *$",
                    ], "mode": oneOf(Training.Mode.allCases.map(\.rawValue)),
                    "place": required(300),
                ], required: ["topic", "trainer_id", "starts_at", "hours", "mode", "place"]),
            "TrainingPlan": object(
                [
                    "contract_id": int,
                    "promised": ["type": "array", "items": ["type": "object", "additionalProperties": string]],
                    "given": ["type": "array", "items": given],
                    "promised_count": int, "held_count": int,
                ], required: ["contract_id", "promised", "given", "promised_count", "held_count"]),
            "TrainingStep": stepSchema(TrainingProcess.self),
        ]
    }

    static var trainingOperations: [APIOperation] {
        let access = TrainingKind.doc.access
        return Records.operations(TrainingKind.self) + [
            APIOperation(
                method: "POST", path: "/trainings", tag: "service",
                summary: "Plan a session for an effective contract or its implementation", summaryZh: "安排培训",
                access: "CS manager, CS engineers", body: ref("TrainingInput"), success: 201,
                result: ref("TrainingDetail"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/trainings/plan", tag: "service",
                summary: "A contract's training plan: what was promised (training milestones) against what was given",
                summaryZh: "合同培训计划", access: "as the list, for a contract the caller reads",
                query: [("contract_id", ["type": "integer", "minimum": 1], "The contract (needed).")],
                result: ref("TrainingPlan")),
            APIOperation(
                method: "GET", path: "/trainings/{id}/files", tag: "service",
                summary: "Its materials (download through /attachments/{id})", summaryZh: "培训资料",
                access: access, result: ref("AttachmentList")),
            APIOperation(
                method: "POST", path: "/trainings/{id}/files", tag: "service",
                summary: "Upload material (≤ 20 MiB): a multipart form's `file`, or the raw bytes with `?filename=`",
                summaryZh: "上传培训资料",
                access: "CS manager, CS engineers, until it is cancelled",
                query: [("filename", ["type": "string", "maxLength": 255], "The file's name, for a raw upload.")],
                body: [
                    "type": "object", "properties": ["file": ["type": "string", "format": "binary"]],
                    "required": ["file"],
                ],
                bodyTypes: ["multipart/form-data"], success: 201, result: ref("Attachment"), extraHeaders: ["Location"]),
        ]
            + stepOperations(
                TrainingProcess.self, route: TrainingKind.route.path, tag: "service", result: "TrainingDetail")
    }
}
