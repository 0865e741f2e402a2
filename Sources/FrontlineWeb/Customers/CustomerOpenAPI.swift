import Foundation
import FrontlineCore

/// The customer archive's part of the API document: customers, contacts, communications, files, import and export.
extension OpenAPI {

    static var customerFilters: [(name: String, schema: JSONDoc, about: String)] {
        [
            ("q", ["type": "string", "maxLength": 100], "Search in name, credit code and contacts."),
            ("tier", ["type": "string", "enum": ["A", "B", "C", "D"]], "Tier."),
            (
                "status", ["type": "string", "enum": .array(CustomerStatus.allCases.map { .string($0.rawValue) })],
                "Status."
            ),
            ("region_id", ["type": "integer", "minimum": 1], "Region."),
            ("owner_id", ["type": "integer", "minimum": 1], "Owner rep."),
            ("industry", ["type": "string"], "Industry, exact."),
            ("archived", ["type": "boolean"], "true lists the archived ones instead."),
        ]
    }

    static var customerSchemas: [String: JSONDoc] {
        let tiers: JSONDoc = .array(CustomerTier.allCases.map { .string($0.rawValue) })
        let statuses: JSONDoc = .array(CustomerStatus.allCases.map { .string($0.rawValue) })
        let customerProps: [String: JSONDoc] = [
            "id": int, "name": string, "tier": ["type": "string", "enum": tiers], "industry": string,
            "region_id": optInt, "region_name": optString, "owner_id": optInt, "owner_name": optString,
            "status": ["type": "string", "enum": statuses], "address": string, "credit_code": optString,
            "notes": string,
            "archived": bool, "version": int, "created_at": time, "updated_at": time,
        ]
        let customerInput: [String: JSONDoc] = [
            "name": required(120, "Company name; unique after folding brackets and spaces."),
            "tier": oneOf(CustomerTier.allCases.map(\.rawValue), "Key-account tier."),
            "industry": text(60), "region_id": idText, "owner_id": idText,
            "status": oneOf(CustomerStatus.allCases.map(\.rawValue)),
            "address": text(200),
            "credit_code": text(40, "Unified social credit code (18 characters, GB 32100 check digit)."),
            "notes": text(4000),
        ]
        var customerPatch = customerInput
        customerPatch["version"] = version
        return [
            "Customer": object(
                customerProps,
                required: [
                    "id", "name", "tier", "industry", "status", "address", "notes", "archived", "version", "created_at",
                    "updated_at",
                ]),
            "CustomerList": list("Customer"),
            "CustomerInput": object(customerInput, required: ["name"]),
            "CustomerPatch": object(customerPatch),
            "Contact": object(
                [
                    "id": int, "customer_id": int, "name": string, "title": string, "phone": string, "mobile": string,
                    "email": string, "is_primary": bool, "notes": string, "version": int, "created_at": time,
                ],
                required: [
                    "id", "customer_id", "name", "title", "phone", "mobile", "email", "is_primary", "notes", "version",
                    "created_at",
                ]),
            "ContactList": list("Contact", paged: false),
            "ContactInput": object(
                [
                    "name": required(60), "title": text(60), "phone": phone, "mobile": phone, "email": text(120),
                    "is_primary": bool, "notes": text(2000),
                ], required: ["name"]),
            "ContactPatch": object(
                [
                    "name": required(60), "title": text(60), "phone": phone, "mobile": phone, "email": text(120),
                    "is_primary": bool, "notes": text(2000), "version": version,
                ]),
            "Communication": object(
                [
                    "id": int, "customer_id": int, "contact_id": optInt, "contact_name": optString,
                    "kind": [
                        "type": "string", "enum": .array(CommunicationKind.allCases.map { .string($0.rawValue) }),
                    ],
                    "direction": ["type": "string", "enum": ["inbound", "outbound"]], "occurred_at": time,
                    "summary": string,
                    "next_step": string, "next_step_date": optString, "author_id": int, "author_name": optString,
                    "created_at": time,
                    "next_step_done_at": [
                        "type": "string", "description": "When the next step was closed; absent while it is open.",
                    ],
                    "next_step_closed_by": [
                        "type": "integer",
                        "description":
                            "The later communication that closed the next step (absent when its owner marked it done).",
                    ],
                ],
                required: [
                    "id", "customer_id", "kind", "direction", "occurred_at", "summary", "next_step", "author_id",
                    "created_at",
                ]),
            "CommunicationList": list("Communication"),
            "NextStep": object(
                [
                    "communication_id": int, "customer_id": int, "customer_name": string, "owner_id": int,
                    "next_step": string, "due": optString,
                    "overdue": bool, "logged_at": time,
                ],
                required: [
                    "communication_id", "customer_id", "customer_name", "owner_id", "next_step", "overdue", "logged_at",
                ]),
            "NextStepList": list("NextStep"),
            "CommunicationInput": object(
                [
                    "kind": oneOf(CommunicationKind.allCases.map(\.rawValue)),
                    "direction": oneOf(CommunicationDirection.allCases.map(\.rawValue), "Default outbound."),
                    "occurred_at": [
                        "type": ["string", "null"],
                        "description": "YYYY-MM-DD HH:MM (CST) or ISO 8601, not more than a day ahead; default now",
                    ],
                    "summary": required(4000), "next_step": text(500, "Needed when next_step_date is given."),
                    "next_step_date": day, "contact_id": idText,
                ], required: ["kind", "summary"]),
            "CustomerTransfer": object(
                [
                    "customers": [
                        "type": "array", "minItems": 1, "maxItems": .int(CustomerTransfer.maxCustomers),
                        "items": object(
                            ["id": ["type": "integer", "minimum": 1], "version": ["type": "integer", "minimum": 1]],
                            required: ["id"]),
                        "description":
                            "The customers, each with the version read (optional): one changed since refuses the whole hand-over.",
                    ],
                    "owner_id": ["type": "integer", "minimum": 1, "description": "An active sales rep."],
                    "note": ["type": "string", "maxLength": 500],
                ], required: ["customers", "owner_id"]),
            "CustomerTransferResult": object(
                [
                    "moved": ["type": "array", "items": ["type": "integer"]], "unchanged": int,
                    "owner_id": ["type": "integer"],
                ], required: ["moved", "unchanged", "owner_id"]),
            "ImportReport": object(
                [
                    "imported": int, "failed": int, "dry_run": bool,
                    "rows": [
                        "type": "array",
                        "items": object(
                            [
                                "row": int, "ok": bool, "id": optInt, "name": string,
                                "errors": [
                                    "type": "array",
                                    "items": object(
                                        ["field": string, "message": string], required: ["field", "message"]),
                                ],
                            ], required: ["row", "ok", "name", "errors"]),
                    ],
                ], required: ["imported", "failed", "dry_run", "rows"]),
        ]
    }

    static var customerOperations: [APIOperation] {
        let sorts = CustomerFilter.sorts.sorted().flatMap { [$0, "-" + $0] }
        return [
            APIOperation(
                method: "GET", path: "/customers", tag: "customers", summary: "List customers", summaryZh: "客户列表",
                access: "GM, market manager, business assistant, finance: all; sales rep: own customers only",
                query: customerFilters + paging + [
                    (
                        "sort", ["type": "string", "enum": .array(sorts.map { .string($0) })],
                        "Sort field; a leading - sorts descending."
                    )
                ],
                result: ref("CustomerList")),
            APIOperation(
                method: "POST", path: "/customers", tag: "customers", summary: "Create a customer", summaryZh: "新建客户",
                access: "GM, market manager, business assistant, sales rep (a rep becomes the owner)",
                body: ref("CustomerInput"), success: 201,
                result: ref("Customer"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/customers/export", tag: "customers",
                summary: "Export the filtered list (CSV or Excel)", summaryZh: "导出客户",
                access: "as the list (a rep exports his own customers)",
                query: customerFilters + [exportFormat],
                result: ["type": "string"], resultType: "text/csv"),
            APIOperation(
                method: "POST", path: "/customers/transfer", tag: "customers",
                summary:
                    "Hand several customers to one rep at once, all or none (those already his are left as they are)",
                summaryZh: "批量转移客户", access: "GM, market manager, business assistant",
                body: ref("CustomerTransfer"), result: ref("CustomerTransferResult")),
            APIOperation(
                method: "POST", path: "/customers/import", tag: "customers",
                summary: "Import customers from CSV (UTF-8 or GB18030, ≤ 5,000 rows)",
                summaryZh: "导入客户", access: "GM, market manager, business assistant, sales rep (rows become his own)",
                query: [
                    (
                        "dry_run", ["type": "string", "enum": ["true", "false"]],
                        "true checks every row and writes nothing."
                    )
                ],
                body: [
                    "type": "string", "minLength": 1,
                    "description": "CSV with a header row naming the columns (中文 or English).",
                ], bodyTypes: ["text/csv"],
                result: ref("ImportReport")),
            APIOperation(
                method: "GET", path: "/customers/{id}", tag: "customers", summary: "One customer", summaryZh: "客户详情",
                access: "as the list (a rep: own only; another rep's record is 404)", result: ref("Customer"),
                extraHeaders: ["ETag"]),
            APIOperation(
                method: "PATCH", path: "/customers/{id}", tag: "customers", summary: "Change a customer",
                summaryZh: "修改客户",
                access: "GM, market manager, business assistant; sales rep: own only", body: ref("CustomerPatch"),
                result: ref("Customer")),
            APIOperation(
                method: "DELETE", path: "/customers/{id}", tag: "customers",
                summary: "Archive a customer (kept, restorable)", summaryZh: "归档客户",
                access: "GM, market manager, business assistant; sales rep: own only",
                query: [("version", ["type": "integer", "minimum": 1], "Optional version check (or If-Match).")],
                result: ref("Customer")),
            APIOperation(
                method: "POST", path: "/customers/{id}/restore", tag: "customers",
                summary: "Restore an archived customer", summaryZh: "恢复客户",
                access: "GM, market manager, business assistant; sales rep: own only", result: ref("Customer")),
            APIOperation(
                method: "GET", path: "/customers/{id}/contacts", tag: "customers", summary: "Contacts of a customer",
                summaryZh: "联系人",
                access: "as the customer", result: ref("ContactList")),
            APIOperation(
                method: "POST", path: "/customers/{id}/contacts", tag: "customers", summary: "Add a contact",
                summaryZh: "新增联系人",
                access: "as changing the customer", body: ref("ContactInput"), success: 201, result: ref("Contact")),
            APIOperation(
                method: "PATCH", path: "/customers/{id}/contacts/{contact}", tag: "customers",
                summary: "Change a contact (the fields sent; becoming primary takes over from the old primary contact)",
                summaryZh: "修改联系人",
                access: "as changing the customer", body: ref("ContactPatch"), result: ref("Contact")),
            APIOperation(
                method: "DELETE", path: "/customers/{id}/contacts/{contact}", tag: "customers",
                summary: "Remove a contact who left (kept for the communications that name him; audited)",
                summaryZh: "移除联系人",
                access: "as changing the customer",
                query: [
                    (
                        "version", ["type": "integer", "minimum": 1, "maximum": 2_147_483_647],
                        "Optional version check (or If-Match)."
                    )
                ], success: 204),
            APIOperation(
                method: "GET", path: "/customers/{id}/communications", tag: "customers",
                summary: "Communication log, newest first",
                summaryZh: "客户通信记录", access: "as the customer", query: paging, result: ref("CommunicationList")),
            APIOperation(
                method: "POST", path: "/customers/{id}/communications", tag: "customers",
                summary: "Log a call, visit, letter, e-mail or meeting",
                summaryZh: "记录客户通信", access: "as changing the customer", body: ref("CommunicationInput"), success: 201,
                result: ref("Communication")),
            APIOperation(
                method: "GET", path: "/next-steps", tag: "customers",
                summary:
                    "Open next steps (tasks) of the caller, or of `owner_id` for the GM, market manager and business assistant: overdue first",
                summaryZh: "我的待办（下一步）", access: "as the customers",
                query: [
                    (
                        "owner_id", ["type": "integer", "minimum": 1],
                        "Whose (the managers and the assistant: anybody's; the others: their own)."
                    )
                ] + [paging[0]],
                result: ref("NextStepList")),
            APIOperation(
                method: "POST", path: "/next-steps/{id}/done", tag: "customers",
                summary: "Mark a communication's next step done (409 when it is closed already)",
                summaryZh: "完成下一步", access: "its owner, the customer's rep, GM, market manager, business assistant",
                result: ref("Communication")),
            APIOperation(
                method: "GET", path: "/customers/{id}/attachments", tag: "customers",
                summary: "Files kept with a customer, newest first",
                summaryZh: "客户附件", access: "as the customer", result: ref("AttachmentList")),
            APIOperation(
                method: "POST", path: "/customers/{id}/attachments", tag: "customers",
                summary: "Upload a file (≤ 20 MiB): a multipart form's `file`, or the raw bytes with `?filename=`",
                summaryZh: "上传客户附件", access: "as changing the customer",
                query: [("filename", ["type": "string", "maxLength": 255], "The file's name, for a raw upload.")],
                body: [
                    "type": "object", "properties": ["file": ["type": "string", "format": "binary"]],
                    "required": ["file"],
                ],
                bodyTypes: ["multipart/form-data"], success: 201, result: ref("Attachment"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/attachments/{id}", tag: "customers",
                summary: "Download a file (always as an attachment; HTML and SVG as application/octet-stream)",
                summaryZh: "下载附件", access: "as the record it belongs to",
                result: ["type": "string", "format": "binary"], resultType: "*/*"),
            APIOperation(
                method: "DELETE", path: "/attachments/{id}", tag: "customers",
                summary: "Remove a file from its record (kept for the audit trail)",
                summaryZh: "删除附件", access: "as changing the record it belongs to", result: ref("Attachment")),
        ]
    }
}
