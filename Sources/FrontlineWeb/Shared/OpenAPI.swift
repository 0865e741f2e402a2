import Foundation
import FrontlineCore
import Vapor

/// A JSON value written as Swift literals, for the API document.
indirect enum JSONDoc: Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String), int(Int), bool(Bool), array([JSONDoc]), object([String: JSONDoc]), null

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONDoc...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONDoc)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .bool(let b): try c.encode(b)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        case .null: try c.encodeNil()
        }
    }

    subscript(key: String) -> JSONDoc? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var text: String? { if case .string(let s) = self { s } else { nil } }
    var items: [JSONDoc] { if case .array(let a) = self { a } else { [] } }
    var fields: [String: JSONDoc] { if case .object(let o) = self { o } else { [:] } }
}

/// One operation of the API as the document describes it.
struct APIOperation {
    var method: String
    /// With `{id}` for parameters, as OpenAPI spells them.
    var path: String
    var tag: String
    var summary: String
    var summaryZh: String
    /// Who may call it, in words (the permission matrix in docs/permissions.md is the authority).
    var access: String
    var query: [(name: String, schema: JSONDoc, about: String)] = []
    var body: JSONDoc? = nil
    var bodyRequired = true
    var bodyTypes: [String] = ["application/json"]
    var success: Int = 200
    var result: JSONDoc? = nil
    var resultType: String = "application/json"
    var isPublic: Bool = false
    var extraHeaders: [String] = []

    /// Whether the operation checks a record version (body `version` or If-Match).
    var versioned: Bool { method == "PATCH" || (method == "DELETE" && path == "/customers/{id}") }

    var id: String {
        let words = path.split(separator: "/").filter { !$0.hasPrefix("{") }.map { part in
            part.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        return method.lowercased() + words.joined() + (path.hasSuffix("}") ? "ById" : "")
    }
}

/// The OpenAPI 3.1 document of `/api/v1`, built from one list of operations; the same list renders the API page.
enum OpenAPI {
    static func ref(_ name: String) -> JSONDoc { ["$ref": .string("#/components/schemas/\(name)")] }
    static func list(_ item: String, paged: Bool = true) -> JSONDoc {
        var props: [String: JSONDoc] = [
            "items": ["type": "array", "items": ref(item)], "total": ["type": "integer", "minimum": 0],
        ]
        if paged {
            props["limit"] = ["type": "integer", "minimum": 1, "maximum": 200]
            props["offset"] = ["type": "integer", "minimum": 0]
        }
        return [
            "type": "object", "required": ["items", "total"], "properties": .object(props),
            "additionalProperties": false,
        ]
    }

    static let idText: JSONDoc = ["type": ["integer", "null"], "minimum": 1, "description": "Record id; null clears."]
    /// A text that must hold something besides spaces.
    static func required(_ max: Int, _ about: String = "") -> JSONDoc {
        var o: [String: JSONDoc] = ["type": "string", "minLength": 1, "maxLength": .int(max), "pattern": "\\S"]
        if !about.isEmpty { o["description"] = .string(about) }
        return .object(o)
    }
    static func oneOf(_ values: [String], _ about: String = "") -> JSONDoc {
        var o: [String: JSONDoc] = ["type": "string", "enum": .array(values.map { .string($0) })]
        if !about.isEmpty { o["description"] = .string(about) }
        return .object(o)
    }
    static let day: JSONDoc = [
        "type": ["string", "null"], "pattern": "^[ \\t]*((19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}[ \\t]*)?$",
        "description": "YYYY-MM-DD; empty for none",
    ]
    static let phone: JSONDoc = [
        "type": ["string", "null"], "maxLength": 40, "pattern": "^[0-9+()\\- ]*$",
        "description": "Digits, + - ( ) and spaces; at least 5 digits.",
    ]
    static func text(_ max: Int, _ about: String = "") -> JSONDoc {
        about.isEmpty
            ? ["type": ["string", "null"], "maxLength": .int(max)]
            : ["type": ["string", "null"], "maxLength": .int(max), "description": .string(about)]
    }
    static let version: JSONDoc = [
        "type": "integer", "minimum": 1, "maximum": 2_147_483_647,
        "description":
            "The version the change is based on: needed here or in If-Match (400 when neither is sent). A stale version is refused with 409.",
    ]
    static let string: JSONDoc = ["type": "string"]
    static let money: JSONDoc = ["type": "string", "description": "Yuan, exact decimal, e.g. 12800.00"]
    static let moneyInput: JSONDoc = [
        "type": ["string", "integer"], "minimum": 0, "maximum": 10_000_000_000,
        "pattern": "^ *[0-9]{1,11}(\\.[0-9]{1,2})? *$",
        "description":
            "Yuan, e.g. 12800 or 12800.00; at most 10,000,000,000 (100 亿元). A line (price × quantity) and every total is held to the same ceiling: past it the answer is 422.",
    ]
    static let optString: JSONDoc = ["type": ["string", "null"]]
    static let int: JSONDoc = ["type": "integer"]
    static let optInt: JSONDoc = ["type": ["integer", "null"]]
    static let bool: JSONDoc = ["type": "boolean"]
    static let time: JSONDoc = [
        "type": "string", "description": "ISO 8601 with China's offset, e.g. 2026-11-29T09:30:00+08:00",
    ]

    static func object(_ props: [String: JSONDoc], required: [String] = [], closed: Bool = true) -> JSONDoc {
        var o: [String: JSONDoc] = ["type": "object", "properties": .object(props)]
        if !required.isEmpty { o["required"] = .array(required.sorted().map { .string($0) }) }
        if closed { o["additionalProperties"] = false }
        return .object(o)
    }

    static var schemas: [String: JSONDoc] {
        let base: [String: JSONDoc] = [
            "Problem": object(
                [
                    "type": ["type": "string", "description": "urn:frontline:problem:<kind>"], "title": string,
                    "status": int,
                    "detail": string, "request_id": string,
                    "fields": [
                        "type": "array",
                        "items": object(
                            ["field": string, "code": string, "message": string],
                            required: ["field", "code", "message"]),
                    ],
                ], required: ["type", "title", "status", "detail"]),
            "AuditEntry": object(
                [
                    "id": int, "at": time, "actor_id": optInt, "actor_name": string, "action": string, "entity": string,
                    "entity_id": optString, "before": optString, "after": optString, "ip": optString,
                    "request_id": optString,
                ], required: ["id", "at", "actor_name", "action", "entity"]),
            "AuditList": list("AuditEntry"),
            "Attachment": object(
                [
                    "id": int, "entity": string, "entity_id": int, "name": string, "content_type": string, "size": int,
                    "sha256": string, "uploaded_by": int, "uploader_name": optString, "created_at": time,
                    "archived": bool,
                    "download_url": string,
                ],
                required: [
                    "id", "entity", "entity_id", "name", "content_type", "size", "sha256", "uploaded_by", "created_at",
                    "archived", "download_url",
                ]),
            "AttachmentList": list("Attachment", paged: false),
            "Event": object(
                [
                    "id": int, "from_state": string, "action": string, "to_state": string, "actor_id": int,
                    "actor_name": string, "comment": string, "at": time,
                ],
                required: ["id", "from_state", "action", "to_state", "actor_id", "actor_name", "comment", "at"]),
            "EventList": list("Event", paged: false),
        ]
        return capabilitySchemas.reduce(base) { all, part in all.merging(part) { a, _ in a } }
    }

    /// Each capability's part of the document: one line here per capability.
    static var capabilitySchemas: [[String: JSONDoc]] {
        [
            organisationSchemas, customerSchemas, pricingSchemas, contractSchemas, tenderSchemas, implementationSchemas,
            serviceRequestSchemas, serviceLevelSchemas, complaintSchemas, supportRequestSchemas, trainingSchemas,
            opportunitySchemas, leadSchemas, poolSchemas, disputeSchemas, actionPlanSchemas, visitSchemas, giftSchemas,
            intelligenceSchemas, screeningSchemas, searchSchemas,
        ]
    }
    static var capabilityOperations: [APIOperation] {
        organisationOperations + customerOperations + pricingOperations + contractOperations + tenderOperations
            + implementationOperations + serviceRequestOperations + serviceLevelOperations + complaintOperations
            + supportRequestOperations + trainingOperations + opportunityOperations + leadOperations + poolOperations
            + disputeOperations + actionPlanOperations + visitOperations + giftOperations + intelligenceOperations
            + screeningOperations + searchOperations
    }

    static let paging: [(name: String, schema: JSONDoc, about: String)] = [
        ("limit", ["type": "integer", "minimum": 1, "maximum": 200, "default": 50], "Page size, 1–200."),
        (
            "offset", ["type": "integer", "minimum": 0, "maximum": .int(ListQuery.maxOffset), "default": 0],
            "Rows to skip."
        ),
    ]

    /// A list's `sort`: `id` and the names its store offers, each ascending or with `-` descending (default `-id`).
    static func sort<V>(_ sorts: [String: V]) -> [(name: String, schema: JSONDoc, about: String)] {
        let names = Set(sorts.keys).union(["id"]).sorted().flatMap { [$0, "-" + $0] }
        return [
            (
                "sort", ["type": "string", "enum": .array(names.map { .string($0) }), "default": "-id"],
                "Order; `-` for descending (default -id, the newest first)."
            )
        ]
    }

    static let exportFormat: (name: String, schema: JSONDoc, about: String) = (
        "format", ["type": "string", "enum": ["csv", "xlsx"], "default": "csv"], "File format."
    )

    /// Every operation of `/api/v1`. A test compares this list with the routes the application registers.
    static var operations: [APIOperation] {
        [
            APIOperation(
                method: "POST", path: "/auth/login", tag: "auth", summary: "Sign in and receive a bearer token",
                summaryZh: "登录并取得访问令牌", access: "anyone; failed attempts are throttled (429 with Retry-After)",
                body: ref("Login"), result: ref("LoginAnswer"), isPublic: true),
            APIOperation(
                method: "GET", path: "/openapi.json", tag: "auth", summary: "This document",
                summaryZh: "本 API 文档（OpenAPI 3.1）",
                access: "anyone", result: ["type": "object", "required": ["openapi", "info", "paths"]], isPublic: true),
            APIOperation(
                method: "POST", path: "/auth/logout", tag: "auth", summary: "Revoke the token used",
                summaryZh: "注销当前令牌",
                access: "any signed-in user", success: 204),
            APIOperation(
                method: "GET", path: "/me", tag: "auth", summary: "Who am I", summaryZh: "当前用户",
                access: "any signed-in user", result: ref("Me")),
        ] + capabilityOperations + [
            APIOperation(
                method: "GET", path: "/audit", tag: "audit", summary: "Audit log", summaryZh: "审计日志",
                access: "GM, administrator",
                query: [
                    ("actor_id", ["type": "integer", "minimum": 0], "Who."),
                    (
                        "action",
                        ["type": "string", "enum": .array(AuditAction.allCases.map { .string($0.rawValue) })], "What."
                    ),
                    ("entity", ["type": "string", "pattern": "^[A-Za-z_]{1,40}$"], "Record type, e.g. customer."),
                    ("entity_id", ["type": "string", "maxLength": 40], "Record id."),
                    (
                        "from", ["type": "string", "pattern": "^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"],
                        "From day (YYYY-MM-DD, CST)."
                    ),
                    (
                        "to", ["type": "string", "pattern": "^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"],
                        "To day, inclusive."
                    ),
                ] + paging,
                result: ref("AuditList"))
        ]
    }

    /// The statuses every operation may answer with a problem, besides its own success.
    static func errorStatuses(_ op: APIOperation) -> [Int] {
        var s = [400, 401, 403, 404, 405, 413, 415, 422, 429]
        if op.method != "GET" { s.append(409) }
        if op.isPublic { s.removeAll { $0 == 403 } }
        return s.sorted()
    }

    static let problemText: [Int: String] = [
        400: "Malformed request: bad JSON, wrong types, unknown fields, bad paging or a missing version.",
        401: "Not signed in, or the token expired.", 403: "The role may not do this.",
        404: "No such record, or not one the caller may see.", 405: "Method not allowed.",
        409: "Stale version (somebody changed the record first) or a duplicate.", 413: "Body over 1 MiB.",
        415: "Unsupported content type.", 422: "Validation failed; `fields` says which and why.",
        429:
            "Too many failed sign-ins, or too many public form submissions from one address; retry after the time in Retry-After.",
    ]

    static var document: JSONDoc {
        var paths: [String: [String: JSONDoc]] = [:]
        for op in operations {
            var o: [String: JSONDoc] = [
                "operationId": .string(op.id), "tags": [.string(op.tag)], "summary": .string(op.summary),
                "description": .string("\(op.summaryZh)。Access: \(op.access)."),
            ]
            var params: [JSONDoc] = []
            for part in op.path.split(separator: "/") where part.hasPrefix("{") {
                params.append([
                    "name": .string(String(part.dropFirst().dropLast())), "in": "path", "required": true,
                    "schema": ["type": "integer", "minimum": 1],
                ])
            }
            for q in op.query {
                // An empty query parameter means the parameter is absent (HTML forms send empty fields).
                let schema: JSONDoc = ["anyOf": [q.schema, ["type": "string", "maxLength": 0]]]
                params.append([
                    "name": .string(q.name), "in": "query", "required": false, "schema": schema,
                    "description": .string(q.about + " Empty means absent."),
                ])
            }
            if op.versioned {
                params.append([
                    "name": "If-Match", "in": "header", "required": false,
                    "schema": ["type": "string", "pattern": "^\"?[1-9][0-9]{0,8}\"?$"],
                    "description": "The version, instead of the body's `version`.",
                ])
            }
            if !params.isEmpty { o["parameters"] = .array(params) }
            if let body = op.body {
                o["requestBody"] = [
                    "required": .bool(op.bodyRequired),
                    "content": .object(
                        Dictionary(uniqueKeysWithValues: op.bodyTypes.map { ($0, ["schema": body] as JSONDoc) })),
                ]
            }
            var responses: [String: JSONDoc] = [:]
            var ok: [String: JSONDoc] = ["description": op.success == 204 ? "Done." : "Success."]
            if let result = op.result {
                if op.resultType == "text/csv" {
                    ok["content"] = [
                        "text/csv": ["schema": result],
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["schema": result],
                    ]
                } else {
                    ok["content"] = .object([op.resultType: ["schema": result]])
                }
            }
            if !op.extraHeaders.isEmpty {
                ok["headers"] = .object(
                    Dictionary(
                        uniqueKeysWithValues: op.extraHeaders.map { ($0, ["schema": ["type": "string"]] as JSONDoc) }))
            }
            responses[String(op.success)] = .object(ok)
            for s in errorStatuses(op) {
                var r: [String: JSONDoc] = ["$ref": .string("#/components/responses/Problem\(s)")]
                if s == 429 || s == 413 { r = ["$ref": .string("#/components/responses/Problem\(s)")] }
                responses[String(s)] = .object(r)
            }
            o["responses"] = .object(responses)
            if op.isPublic { o["security"] = [] }
            paths[op.path, default: [:]][op.method.lowercased()] = .object(o)
        }
        var problemResponses: [String: JSONDoc] = [:]
        for (s, text) in problemText {
            var r: [String: JSONDoc] = [
                "description": .string(text), "content": ["application/problem+json": ["schema": ref("Problem")]],
            ]
            if s == 429 {
                r["headers"] = ["Retry-After": ["schema": ["type": "string"], "description": "Seconds to wait."]]
            }
            problemResponses["Problem\(s)"] = .object(r)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Frontline API", "version": "1",
                "description":
                    "The JSON API of Frontline, the sales and marketing operations system (市场部 and 客户服务部). Every rule the web pages follow applies here too. Errors are RFC 9457 problem documents with localised text (zh-CN by default; send Accept-Language: en for English). Amounts are exact decimals in yuan, as text.",
            ],
            "servers": [["url": "/api/v1"]],
            "security": [["bearer": []]],
            "tags": [
                ["name": "auth", "description": "Sign-in and tokens"],
                ["name": "organisation", "description": "Users, regions, authority limits"],
                ["name": "customers", "description": "Customer archive: companies, contacts, communication log"],
                ["name": "sales", "description": "Price book, quotations and approvals"],
                ["name": "contracts", "description": "Contract ledger and contract review (合同评审)"],
                ["name": "tenders", "description": "Tenders (标书): parts, bid review, package, submission and result"],
                [
                    "name": "implementations",
                    "description":
                        "Contract implementation (合同实施): Customer Service's engineers, milestones, acceptance, obstacle reports",
                ],
                [
                    "name": "service",
                    "description":
                        "Service requests (工程施工和售后服务) and complaints (客户投诉): Customer Service's verdict, plan and work log; acknowledgement, resolution and compensation; service levels and the company calendar",
                ],
                [
                    "name": "pipeline",
                    "description":
                        "Front-line selling: leads (线索) and their public form, opportunities (商机) and their stages",
                ],
                [
                    "name": "planning",
                    "description":
                        "Reps' action plans (行动计划), their completion against the communications logged, and the sales summary reports (销售分析和总结报告); customer visits (来访接待), the gift register (馈赠登记) and market intelligence (一线信息/市场调研)",
                ],
                ["name": "audit", "description": "Who changed what"],
            ],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "Token from POST /auth/login."]
                ],
                "schemas": .object(schemas),
                "responses": .object(problemResponses),
            ],
        ]
    }

    /// The document as served and as kept in `docs/openapi.json`: sorted keys, two-space indentation.
    static func documentData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try e.encode(document)
        data.append(0x0A)
        return data
    }

    static let cached: Data = (try? documentData()) ?? Data()

    static func register(_ app: Application) {
        app.get("api", "v1", "openapi.json") { _ -> Response in
            let res = Response(status: .ok, body: .init(data: cached))
            res.headers.contentType = .json
            res.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
            return res
        }
    }
}
