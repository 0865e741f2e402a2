import Foundation
import FrontlineCore

/// The tender (标书) part of the API document.
extension OpenAPI {
    /// A money field that may be left empty (none yet).
    static let optionalMoneyInput: JSONDoc = [
        "type": ["string", "integer", "null"], "minimum": 0, "maximum": 999_999_999_999,
        "pattern": "^ *([0-9]{1,12}(\\.[0-9]{1,2})?)? *$",
        "description": "Yuan, e.g. 12800 or 12800.00; empty for none",
    ]

    static var tenderSchemas: [String: JSONDoc] {
        let input: [String: JSONDoc] = [
            "customer_id": ["type": "integer", "minimum": 1],
            "quotation_id": [
                "type": ["integer", "null"], "minimum": 1,
                "description":
                    "The standard quotation it is priced from (same customer); sets the bid amount and the title.",
            ],
            "title": required(200, "The project."), "tender_no": required(60, "The buyer's tender number (招标编号)."),
            "buyer": required(200, "The buyer (招标人); default the customer's name."),
            "agency": text(200, "The tendering agency (招标代理)."),
            "deadline": [
                "type": "string", "minLength": 10, "maxLength": 40,
                "description": "Submission deadline: YYYY-MM-DD HH:MM (CST) or ISO 8601; must lie ahead.",
            ],
            "bid_amount": optionalMoneyInput, "deposit_amount": optionalMoneyInput, "opportunity_id": opportunityLink,
        ]
        var patch = input
        patch["customer_id"] = nil
        patch["quotation_id"] = nil
        patch["version"] = version
        let file = object(
            [
                "id": int, "part": oneOf(Tender.Part.allCases.map(\.rawValue)), "version": int, "name": string,
                "note": string, "content_type": string,
                "size": int, "sha256": string, "uploaded_by": int, "uploader_name": string, "created_at": time,
                "download_url": string,
            ],
            required: [
                "id", "part", "version", "name", "note", "content_type", "size", "sha256", "uploaded_by",
                "uploader_name", "created_at", "download_url",
            ])
        let review = object(
            [
                "reviewer_id": int, "reviewer_name": string, "part": oneOf(["technical", "commercial"]),
                "opinion": oneOf(Review.Opinion.allCases.map(\.rawValue)), "comment": string,
                "at": ["type": ["string", "null"]],
            ], required: ["reviewer_id", "reviewer_name", "part", "opinion", "comment"])
        let versions: JSONDoc = object(
            Dictionary(
                uniqueKeysWithValues: Tender.Part.allCases.map {
                    ($0.rawValue, ["type": "integer", "minimum": 1, "maximum": 2_147_483_647] as JSONDoc)
                }))
        return [
            "TenderFile": file,
            "TenderFileList": list("TenderFile", paged: false),
            "Tender": object(
                [
                    "id": int, "number": string, "customer_id": int, "customer_name": string, "owner_id": int,
                    "owner_name": string, "title": string,
                    "tender_no": string, "buyer": string, "agency": string, "deadline": time,
                    "deadline_near": [
                        "type": "boolean", "description": "Open, and the deadline within 3 days or past.",
                    ],
                    "state": oneOf(Tender.State.allCases.map(\.rawValue)), "bid_amount": money, "deposit_amount": money,
                    "deposit": oneOf(Tender.Deposit.allCases.map(\.rawValue)), "deposit_paid_on": string,
                    "deposit_closed_on": string,
                    "quotation_id": optInt, "engineer_id": optInt, "engineer_name": optString,
                    "package": object(
                        [
                            "size": int, "sha256": string,
                            "versions": ["type": "object", "additionalProperties": ["type": "integer"]],
                            "assembled_at": optString, "download_url": string,
                        ],
                        required: ["size", "sha256", "versions", "download_url"]),
                    "submitted_at": optString, "loss_reason": string, "winner": string, "winning_amount": optString,
                    "contract_id": optInt, "opportunity_id": optInt,
                    "files": ["type": "array", "items": ref("TenderFile")],
                    "reviews": ["type": "array", "items": review],
                    "actions": ["type": "array", "items": string], "version": int, "created_at": time,
                    "updated_at": time,
                ],
                required: [
                    "id", "number", "customer_id", "customer_name", "owner_id", "owner_name", "title", "tender_no",
                    "buyer", "agency", "deadline",
                    "deadline_near", "state", "bid_amount", "deposit_amount", "deposit", "deposit_paid_on",
                    "deposit_closed_on", "loss_reason",
                    "winner", "version", "created_at", "updated_at",
                ]),
            "TenderList": list("Tender"),
            "TenderInput": object(input, required: ["customer_id", "tender_no", "deadline"]),
            "TenderPatch": object(patch),
            "TenderStep": stepSchema(TenderProcess.self),
        ]
    }

    static func tenderAccess(_ action: TenderProcess.Action) -> String? {
        switch action {
        case .review: "the named reviewers, each once"
        case .assign: "CS manager"
        default: nil
        }
    }

    static var tenderOperations: [APIOperation] {
        let access =
            "as the customer (a rep: his own customers'); the CS manager every tender; a CS engineer those he writes; reviewers those they review"
        return Records.operations(TenderKind.self) + [
            APIOperation(
                method: "POST", path: "/tenders", tag: "tenders", summary: "Open a tender for a customer",
                summaryZh: "新建标书",
                access: "market manager, business assistant; sales rep for his own customers", body: ref("TenderInput"),
                success: 201,
                result: ref("Tender"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/tender-templates", tag: "tenders",
                summary:
                    "The bid templates the business assistant keeps (download and remove through /attachments/{id})",
                summaryZh: "标书模板",
                access: "GM, Market Department, Customer Service", result: ref("AttachmentList")),
            APIOperation(
                method: "POST", path: "/tender-templates", tag: "tenders",
                summary:
                    "Upload a bid template (≤ 20 MiB): a multipart form's `file`, or the raw bytes with `?filename=`",
                summaryZh: "上传标书模板",
                access: "business assistant, market manager",
                query: [("filename", ["type": "string", "maxLength": 255], "The file's name, for a raw upload.")],
                body: [
                    "type": "object", "properties": ["file": ["type": "string", "format": "binary"]],
                    "required": ["file"],
                ],
                bodyTypes: ["multipart/form-data"], success: 201, result: ref("Attachment"), extraHeaders: ["Location"]),
            APIOperation(
                method: "PATCH", path: "/tenders/{id}", tag: "tenders",
                summary: "Change a tender's facts while it is open (a new deadline, the deposit asked)",
                summaryZh: "修改标书信息", access: "market manager, business assistant; sales rep for his own customers",
                body: ref("TenderPatch"),
                result: ref("Tender")),
            APIOperation(
                method: "GET", path: "/tenders/{id}/files", tag: "tenders", summary: "Every version of every part",
                summaryZh: "标书文件",
                access: access, result: ref("TenderFileList")),
            APIOperation(
                method: "POST", path: "/tenders/{id}/files", tag: "tenders",
                summary:
                    "Upload a new version of a part (≤ 20 MiB): a multipart form's `file` and `part`, or the raw bytes with `?filename=&part=`",
                summaryZh: "上传标书文件",
                access:
                    "commercial and quotation parts: business assistant, market manager; technical part: the assigned CS engineer, CS manager; only while preparing",
                query: [
                    ("filename", ["type": "string", "maxLength": 255], "The file's name, for a raw upload."),
                    (
                        "part", ["type": "string", "enum": .array(Tender.Part.allCases.map { .string($0.rawValue) })],
                        "The part, for a raw upload."
                    ),
                    (
                        "note", ["type": "string", "maxLength": 2000],
                        "What changed in this version (a form may send it as a field too)."
                    ),
                ],
                body: [
                    "type": "object",
                    "properties": [
                        "file": ["type": "string", "format": "binary"],
                        "part": oneOf(Tender.Part.allCases.map(\.rawValue), "Or `?part=` in the query."),
                    ],
                    "required": ["file"],
                ],
                bodyTypes: ["multipart/form-data"], success: 201, result: ref("TenderFile"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/tenders/{id}/files/{file}", tag: "tenders",
                summary: "Download one version of a part (audited)",
                summaryZh: "下载标书文件", access: access, result: ["type": "string", "format": "binary"], resultType: "*/*"),
            APIOperation(
                method: "GET", path: "/tenders/{id}/package", tag: "tenders",
                summary:
                    "Download the assembled package: a ZIP with the cover and index page and the chosen version of each part (audited)",
                summaryZh: "下载投标文件包", access: access, result: ["type": "string", "format": "binary"],
                resultType: "application/zip"),
        ]
            + stepOperations(
                TenderProcess.self, route: "tenders", tag: "tenders", result: "Tender", access: tenderAccess)
    }
}
