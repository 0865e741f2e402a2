import Foundation
import FrontlineCore
import FrontlineStore

/// The market intelligence (一线信息/市场调研) part of the API document.
extension OpenAPI {
    static var intelligenceSchemas: [String: JSONDoc] {
        let id: JSONDoc = [
            "type": ["integer", "string", "null"], "minimum": 1, "pattern": "^ *([1-9][0-9]{0,17})? *$",
        ]
        let input: [String: JSONDoc] = [
            "kind": oneOf(IntelligenceReport.Kind.allCases.map(\.rawValue)), "title": required(200),
            "body": required(20_000),
            "competitor": text(120, "Needed for competitor news."), "customer_id": id, "region_id": id,
            "shared_with": [
                "type": "array", "maxItems": .int(IntelligenceInput.maxShared),
                "items": ["type": "integer", "minimum": 1], "description": "Active users who read it too.",
            ],
        ]
        var patch = input
        patch["version"] = version
        return [
            "IntelligenceReport": object(
                [
                    "id": int, "number": string, "kind": oneOf(IntelligenceReport.Kind.allCases.map(\.rawValue)),
                    "title": string, "body": string, "competitor": string,
                    "customer_id": int, "customer_name": string, "region_id": int, "author_id": int,
                    "author_name": string,
                    "shared_with": [
                        "type": "array", "items": object(["id": int, "name": string], required: ["id", "name"]),
                    ], "version": int, "created_at": time,
                    "updated_at": time,
                ],
                required: [
                    "id", "number", "kind", "title", "body", "competitor", "customer_name", "author_id", "author_name",
                    "shared_with", "version", "created_at", "updated_at",
                ]),
            "IntelligenceReportList": list("IntelligenceReport"),
            "IntelligenceInput": object(input, required: ["kind", "title", "body"]),
            "IntelligencePatch": object(patch),
        ]
    }

    static var intelligenceOperations: [APIOperation] {
        let access = IntelligenceKind.doc.access
        return Records.operations(IntelligenceKind.self) + [
            APIOperation(
                method: "POST", path: "/intelligence-reports", tag: "planning",
                summary: "Submit a report (shared with the users named)", summaryZh: "提交信息报告",
                access: "GM, market manager, business assistant, sales reps", body: ref("IntelligenceInput"),
                success: 201, result: ref("IntelligenceReport"), extraHeaders: ["Location"]),
            APIOperation(
                method: "PATCH", path: "/intelligence-reports/{id}", tag: "planning",
                summary: "Change the report or whom it is shared with", summaryZh: "修改或共享信息报告",
                access: "its author", body: ref("IntelligencePatch"), result: ref("IntelligenceReport"),
                extraHeaders: ["ETag"]),
            APIOperation(
                method: "GET", path: "/intelligence-reports/{id}/files", tag: "planning",
                summary: "Its files (download through /attachments/{id})", summaryZh: "信息报告附件",
                access: access, result: ref("AttachmentList")),
            APIOperation(
                method: "POST", path: "/intelligence-reports/{id}/files", tag: "planning",
                summary: "Attach a file (≤ 20 MiB): a multipart form's `file`, or the raw bytes with `?filename=`",
                summaryZh: "上传信息报告附件", access: "its author",
                query: [("filename", ["type": "string", "maxLength": 255], "The file's name, for a raw upload.")],
                body: [
                    "type": "object", "properties": ["file": ["type": "string", "format": "binary"]],
                    "required": ["file"],
                ],
                bodyTypes: ["multipart/form-data"], success: 201, result: ref("Attachment"), extraHeaders: ["Location"]),
        ]
    }
}
