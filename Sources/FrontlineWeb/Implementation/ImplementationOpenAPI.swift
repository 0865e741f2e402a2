import Foundation
import FrontlineCore
import FrontlineStore

/// The contract implementation (合同实施) part of the API document.
extension OpenAPI {
    static var implementationSchemas: [String: JSONDoc] {
        let implementation = object(
            [
                "id": int, "contract_id": int, "contract_number": string, "contract_title": string, "customer_id": int,
                "customer_name": string,
                "account_owner_id": int, "manager_id": optInt, "engineer_ids": ["type": "array", "items": int],
                "engineer_names": ["type": "array", "items": string],
                "state": oneOf(Implementation.State.allCases.map(\.rawValue)), "version": int,
                "created_at": time, "updated_at": time, "completed_at": optString,
            ],
            required: [
                "id", "contract_id", "contract_number", "contract_title", "customer_id", "customer_name",
                "account_owner_id", "engineer_ids", "engineer_names", "state", "version", "created_at", "updated_at",
            ])
        let milestone = object(
            [
                "id": int, "kind": oneOf(ImplementationMilestone.Kind.allCases.map(\.rawValue)), "title": string,
                "due": string, "done_on": string,
                "document_id": optInt, "payment_seq": optInt, "note": string, "overdue": bool,
            ], required: ["id", "kind", "title", "due", "done_on", "note", "overdue"])
        let note = object(["name": string, "at": time, "text": string], required: ["name", "at", "text"])
        let obstacle = object(
            [
                "id": int, "text": string, "state": oneOf(ObstacleReport.State.allCases.map(\.rawValue)),
                "raised_by": int, "raised_by_name": string,
                "raised_at": time, "answer": string, "answered_by_name": string, "answered_at": optString,
                "notes": ["type": "array", "items": note],
                "resolution": string, "resolved_at": optString,
            ],
            required: [
                "id", "text", "state", "raised_by", "raised_by_name", "raised_at", "answer", "answered_by_name",
                "notes", "resolution",
            ])
        return [
            "Implementation": implementation,
            "ImplementationList": list("Implementation"),
            "ImplementationDetail": object(
                [
                    "implementation": ref("Implementation"), "milestones": ["type": "array", "items": milestone],
                    "obstacles": ["type": "array", "items": obstacle],
                    "payment_plan": ["type": "array", "items": ["type": "object", "additionalProperties": string]],
                    "actions": ["type": "array", "items": stepOffer],
                ], required: ["implementation", "milestones", "obstacles", "payment_plan", "actions"]),
            "ImplementationStep": stepSchema(ImplementationProcess.self),
        ]
    }

    static var implementationOperations: [APIOperation] {
        let access = ImplementationKind.doc.access
        return Records.operations(ImplementationKind.self) + [
            APIOperation(
                method: "GET", path: "/implementations/{id}/files", tag: "implementations",
                summary: "Its documents (download through /attachments/{id})",
                summaryZh: "实施文档", access: access, result: ref("AttachmentList")),
            APIOperation(
                method: "POST", path: "/implementations/{id}/files", tag: "implementations",
                summary:
                    "Upload a document (the customer's acceptance form…) (≤ 20 MiB): a multipart form's `file`, or the raw bytes with `?filename=`",
                summaryZh: "上传实施文档", access: "CS manager; the assigned engineers",
                query: [("filename", ["type": "string", "maxLength": 255], "The file's name, for a raw upload.")],
                body: [
                    "type": "object", "properties": ["file": ["type": "string", "format": "binary"]],
                    "required": ["file"],
                ],
                bodyTypes: ["multipart/form-data"], success: 201, result: ref("Attachment"), extraHeaders: ["Location"]),
        ]
            + stepOperations(
                ImplementationProcess.self, route: ImplementationKind.route.path, tag: "implementations",
                result: "ImplementationDetail")
    }
}
