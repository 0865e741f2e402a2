import Foundation
import FrontlineCore

/// The pricing part of the API document: the price book, quotations and approvals.
extension OpenAPI {
    static var pricingSchemas: [String: JSONDoc] {
        let productInput: [String: JSONDoc] = [
            "code": ["type": "string", "pattern": "^ *[A-Za-z0-9._-]{1,32} *$"], "name": required(120),
            "kind": oneOf(ProductKind.allCases.map(\.rawValue)),
            "unit": required(10), "description": text(2000), "list_price": moneyInput, "floor_price": moneyInput,
            "cost": moneyInput,
            "tax_rate": ["type": "integer", "enum": .array(VATRate.allowed.map { .int($0) })], "active": bool,
            "reason": text(500, "Why the price changes; required when list price, floor price or cost change."),
        ]
        var productPatch = productInput
        productPatch["version"] = version
        let quotationInput: [String: JSONDoc] = [
            "customer_id": ["type": "integer", "minimum": 1], "title": required(200), "valid_until": day,
            "terms": text(4000), "opportunity_id": opportunityLink,
            "lines": [
                "type": "array", "maxItems": 200,
                "items": object(
                    [
                        "product_id": ["type": "integer", "minimum": 1],
                        "quantity": [
                            "type": ["string", "number"], "pattern": "^ *[0-9]{1,8}(\\.[0-9]{1,2})? *$",
                            "exclusiveMinimum": 0, "maximum": 10_000_000,
                            "description": "Default 1; two decimals at most.",
                        ],
                        "discount": [
                            "type": ["string", "number"], "pattern": "^ *[0-9]{1,2}(\\.[0-9]{1,2})? *%?$", "minimum": 0,
                            "exclusiveMaximum": 100, "description": "Percent off the list price, e.g. 12.5.",
                        ],
                    ], required: ["product_id"]),
            ],
        ]
        var quotationPatch = quotationInput
        quotationPatch["version"] = version
        return [
            "Product": object(
                [
                    "id": int, "code": string, "name": string, "kind": oneOf(ProductKind.allCases.map(\.rawValue)),
                    "unit": string,
                    "description": string, "list_price": money,
                    "floor_price": [
                        "type": "string", "description": "Confidential: GM, market manager, business assistant only.",
                    ],
                    "cost": [
                        "type": "string", "description": "Confidential: GM, market manager, business assistant only.",
                    ], "tax_rate": int,
                    "active": bool, "version": int, "created_at": time, "updated_at": time,
                ],
                required: [
                    "id", "code", "name", "kind", "unit", "description", "list_price", "tax_rate", "active", "version",
                    "created_at", "updated_at",
                ]),
            "ProductList": list("Product", paged: false),
            "ProductInput": object(productInput, required: ["code", "name", "list_price"]),
            "ProductPatch": object(productPatch),
            "PriceChange": object(
                [
                    "id": int, "product_id": int, "product_code": string, "product_name": string, "list_before": money,
                    "list_after": money,
                    "floor_before": money, "floor_after": money, "cost_before": money, "cost_after": money,
                    "reason": ["type": "string", "description": "Confidential like cost and floor price."],
                    "changed_by": int, "changed_by_name": string, "at": time,
                ],
                required: [
                    "id", "product_id", "product_code", "product_name", "list_before", "list_after", "changed_by",
                    "changed_by_name", "at",
                ]),
            "PriceChangeList": list("PriceChange"),
            "QuoteLine": object(
                [
                    "product_id": int, "code": string, "name": string, "unit": string, "quantity": string,
                    "list_price": money,
                    "discount": string, "unit_price": money, "tax_rate": int, "list_amount": money, "net_amount": money,
                    "tax_amount": money,
                    "floor_price": money, "cost": money, "below_floor": bool,
                ],
                required: [
                    "product_id", "code", "name", "unit", "quantity", "list_price", "discount", "unit_price",
                    "tax_rate", "list_amount", "net_amount", "tax_amount",
                ]),
            "Quotation": object(
                [
                    "id": int, "number": string, "revision": int, "customer_id": int, "customer_name": string,
                    "owner_id": int,
                    "owner_name": string, "title": string, "valid_until": string, "terms": string,
                    "state": oneOf(Quotation.State.allCases.map(\.rawValue)), "approval_id": optInt,
                    "opportunity_id": optInt, "lines": ["type": "array", "items": ref("QuoteLine")],
                    "list_total": money, "discount_total": money, "net_total": money, "tax_total": money,
                    "gross_total": money,
                    "profit": [
                        "type": "string", "description": "Confidential: GM, market manager, business assistant only.",
                    ],
                    "needs_approval": bool,
                    "actions": ["type": "array", "items": oneOf(QuotationProcess.Action.allCases.map(\.rawValue))],
                    "version": int, "created_at": time, "updated_at": time,
                ],
                required: [
                    "id", "number", "revision", "customer_id", "customer_name", "owner_id", "owner_name", "title",
                    "valid_until", "terms", "state", "lines", "list_total", "discount_total", "net_total", "tax_total",
                    "gross_total", "needs_approval", "version", "created_at", "updated_at",
                ]),
            "QuotationList": list("Quotation"),
            "QuotationInput": object(quotationInput, required: ["customer_id", "title"]),
            "QuotationPatch": object(quotationPatch),
            "QuotationStep": stepSchema(QuotationProcess.self),
            "ApprovalStep": stepSchema(ApprovalProcess.self),
            "Approval": object(
                [
                    "id": int, "kind": oneOf(ApprovalKind.allCases.map(\.rawValue)), "amount": money, "subject": string,
                    "subject_id": int,
                    "title": string, "reason": string, "requested_by": int, "requester_name": optString,
                    "approver_role": oneOf(["market_manager", "gm"]),
                    "limit_in_force": [
                        "type": "string",
                        "description":
                            "The limit it was routed by; for GM, market manager and business assistant only.",
                    ],
                    "basis": [
                        "type": "string",
                        "description":
                            "Why approval is needed (below the floor, beyond the standard discount); for GM, market manager and business assistant only.",
                    ],
                    "limits_version": int,
                    "state": oneOf(ApprovalRequest.State.allCases.map(\.rawValue)), "decided_by": optInt,
                    "decider_name": optString,
                    "decision_comment": string, "created_at": time, "decided_at": ["type": ["string", "null"]],
                    "version": int,
                ],
                required: [
                    "id", "kind", "amount", "subject", "subject_id", "title", "reason", "requested_by", "approver_role",
                    "limits_version", "state", "decision_comment", "created_at", "version",
                ]),
            "ApprovalList": list("Approval"),
            "Ledger": object(
                [
                    "year": int, "total": int,
                    "items": [
                        "type": "array",
                        "items": object(
                            [
                                "approver_id": int, "approver_name": string, "kind": string, "approved_count": int,
                                "approved_total": money,
                                "rejected_count": int, "largest": money, "limit": money,
                            ],
                            required: [
                                "approver_id", "approver_name", "kind", "approved_count", "approved_total",
                                "rejected_count", "largest", "limit",
                            ]),
                    ],
                ], required: ["year", "items", "total"]),
        ]
    }

    static var pricingOperations: [APIOperation] {
        return Records.operations(QuotationKind.self) + [
            APIOperation(
                method: "GET", path: "/products", tag: "sales", summary: "The price book", summaryZh: "价格表",
                access:
                    "every role but the administrator; floor price and cost only for GM, market manager, business assistant",
                query: [
                    ("q", ["type": "string", "maxLength": 100], "Code or name."),
                    ("include_inactive", ["type": "boolean"], "Include discontinued products."),
                ],
                result: ref("ProductList")),
            APIOperation(
                method: "GET", path: "/products/export", tag: "sales", summary: "The price book as CSV or Excel",
                summaryZh: "导出价格表",
                access: "as the price book (floor and cost columns only for their readers)",
                query: [
                    ("q", ["type": "string", "maxLength": 100], "Code or name."),
                    ("include_inactive", ["type": "boolean"], "Include discontinued products."), exportFormat,
                ],
                result: ["type": "string"], resultType: "text/csv"),
            APIOperation(
                method: "POST", path: "/products", tag: "sales", summary: "Add a product or service", summaryZh: "新建产品",
                access: "market manager, business assistant", body: ref("ProductInput"), success: 201,
                result: ref("Product"), extraHeaders: ["Location"]),
            APIOperation(
                method: "GET", path: "/products/{id}", tag: "sales", summary: "One product", summaryZh: "产品详情",
                access: "as the price book", result: ref("Product")),
            APIOperation(
                method: "PATCH", path: "/products/{id}", tag: "sales",
                summary: "Change a product; a price change needs a reason and is kept",
                summaryZh: "修改产品或调价", access: "market manager, business assistant", body: ref("ProductPatch"),
                result: ref("Product")),
            APIOperation(
                method: "GET", path: "/products/{id}/price-changes", tag: "sales",
                summary: "Price history of a product", summaryZh: "产品调价记录",
                access: "as the price book (floor and cost changes for their readers)", query: paging,
                result: ref("PriceChangeList")),
            APIOperation(
                method: "GET", path: "/price-changes", tag: "sales", summary: "Every price change, newest first",
                summaryZh: "调价记录",
                access: "as the price book", query: paging, result: ref("PriceChangeList")),
            APIOperation(
                method: "POST", path: "/quotations", tag: "sales",
                summary: "Open a quotation in draft, priced from the price book",
                summaryZh: "新建报价单", access: "market manager, business assistant; sales rep for his own customers",
                body: ref("QuotationInput"), success: 201, result: ref("Quotation"), extraHeaders: ["Location"]),
            APIOperation(
                method: "PATCH", path: "/quotations/{id}", tag: "sales", summary: "Change a draft (header and lines)",
                summaryZh: "修改报价单草稿",
                access: "market manager, business assistant; sales rep for his own customers",
                body: ref("QuotationPatch"), result: ref("Quotation")),
        ]
            + stepOperations(
                QuotationProcess.self, route: "quotations", tag: "sales", result: "Quotation", created: [.revise]
            ) { action in
                [.approve, .reject].contains(action)
                    ? "the approver the limits route to (market manager within his limit, GM above), never the requester"
                    : "market manager, business assistant; sales rep for his own customers"
            } + [
                APIOperation(
                    method: "GET", path: "/approvals/ledger", tag: "sales",
                    summary: "Year-to-date ledger: approved per approver and kind, against the limits",
                    summaryZh: "审批台账", access: "GM, market manager",
                    query: [("year", ["type": "integer", "minimum": 2000, "maximum": 2999], "Default this year.")],
                    result: ref("Ledger"))
            ]
            + Records.operations(ApprovalRequestKind.self)
            + stepOperations(ApprovalProcess.self, route: "approvals", tag: "sales", result: "Approval") { action in
                action == .withdraw
                    ? "the requester"
                    : "the routed approver (or the GM), never the requester; a rejection needs a comment"
            }
    }
}
