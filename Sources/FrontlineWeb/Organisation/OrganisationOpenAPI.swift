import Foundation
import FrontlineCore

/// The organisation's part of the API document: people, regions, authority limits, signing in.
extension OpenAPI {
    static var organisationSchemas: [String: JSONDoc] {
        let roles: JSONDoc = .array(Role.allCases.map { .string($0.rawValue) })
        let userInput: [String: JSONDoc] = [
            "username": [
                "type": "string", "pattern": "^[A-Za-z][A-Za-z0-9._-]{1,31}$",
                "description": "2–32 of a–z, 0–9, . _ -; starts with a letter; cannot change.",
            ],
            "display_name": required(60),
            "password": [
                "type": "string", "maxLength": 72,
                "description":
                    "At least 10 characters and at most 72 bytes of UTF-8 (bcrypt reads no more; a longer one is refused, not cut); not only spaces, not containing the username, not a common password. Empty on a change keeps the old one.",
            ],
            "roles": ["type": "array", "minItems": 1, "items": ["type": "string", "enum": roles]],
            "region_id": idText, "active": bool, "locale": oneOf(AppLocale.allCases.map(\.rawValue)),
            "email": text(120),
        ]
        var userPatch = userInput
        userPatch["version"] = version
        let regionInput: [String: JSONDoc] = [
            "name": required(40),
            "code": ["type": "string", "pattern": "^ *[A-Za-z0-9-]{1,16} *$", "description": "Short code, e.g. EAST."],
            "head_id": idText,
        ]
        var regionPatch = regionInput
        regionPatch["version"] = version
        var limitProps: [String: JSONDoc] = [
            "version": version,
            "standard_discount": [
                "type": ["string", "integer"], "minimum": 0, "maximum": 99,
                "pattern": "^ *[0-9]{1,2}(\\.[0-9]{1,2})? *%?$", "description": "Percent, e.g. 10 or 12.5",
            ],
            "special_contract_threshold": [
                "type": ["string", "integer"], "minimum": 0, "maximum": 999_999_999_999,
                "pattern": "^[0-9]{1,12}(\\.[0-9]{1,2})?万?$", "description": "Yuan, e.g. 1000000 or 100万",
            ],
        ]
        for k in ApprovalKind.allCases {
            limitProps[k.rawValue] = [
                "type": ["string", "integer"], "minimum": 0, "maximum": 999_999_999_999,
                "pattern": "^[0-9]{1,12}(\\.[0-9]{1,2})?万?$", "description": "Yuan, e.g. 50000, 50000.00 or 5万",
            ]
        }
        return [
            "User": object(
                [
                    "id": int, "username": string, "display_name": string,
                    "roles": ["type": "array", "items": ["type": "string", "enum": roles]],
                    "region_id": optInt, "active": bool, "locale": string, "email": string, "version": int,
                ], required: ["id", "username", "display_name", "roles", "active", "locale", "email", "version"]),
            "UserList": list("User", paged: false),
            "UserInput": object(userInput, required: ["username", "display_name", "password", "roles"]),
            "UserPatch": object(userPatch),
            "Region": object(
                ["id": int, "name": string, "code": string, "head_id": optInt, "version": int],
                required: ["id", "name", "code", "version"]),
            "RegionList": list("Region", paged: false),
            "RegionInput": object(regionInput, required: ["name", "code"]),
            "RegionPatch": object(regionPatch),
            "AuthorityLimits": object(
                [
                    "limits": object(
                        Dictionary(
                            uniqueKeysWithValues: ApprovalKind.allCases.map {
                                ($0.rawValue, ["type": "string", "description": "Yuan, exact decimal"] as JSONDoc)
                            }),
                        required: ApprovalKind.allCases.map(\.rawValue)),
                    "version": int,
                    "standard_discount": [
                        "type": "string", "description": "Percent; a quotation line beyond it needs approval.",
                    ],
                    "special_contract_threshold": [
                        "type": "string", "description": "Yuan; a contract above it goes to the review meeting.",
                    ],
                ], required: ["limits", "version", "standard_discount", "special_contract_threshold"]),
            "AuthorityLimitsPatch": object(limitProps),
            "Login": object(
                ["username": required(64), "password": ["type": "string", "minLength": 1, "maxLength": 256]],
                required: ["username", "password"]),
            "LoginAnswer": object(
                [
                    "token": string, "token_type": ["type": "string", "const": "Bearer"], "expires_in": int,
                    "user": ref("User"),
                ],
                required: ["token", "token_type", "expires_in", "user"]),
            "Me": object(
                [
                    "user": ref("User"), "roles": ["type": "array", "items": string], "locale": string,
                    "departments": ["type": "array", "items": string],
                ],
                required: ["user", "roles", "locale", "departments"]),
        ]
    }

    static var organisationOperations: [APIOperation] {
        return [
            APIOperation(
                method: "GET", path: "/users", tag: "organisation", summary: "List users", summaryZh: "用户列表",
                access: "any signed-in user (the administrator also sees inactive users)", result: ref("UserList")),
            APIOperation(
                method: "POST", path: "/users", tag: "organisation", summary: "Create a user", summaryZh: "新建用户",
                access: "administrator", body: ref("UserInput"), success: 201, result: ref("User")),
            APIOperation(
                method: "GET", path: "/users/{id}", tag: "organisation", summary: "One user", summaryZh: "用户详情",
                access: "any signed-in user (inactive users: administrator)", result: ref("User")),
            APIOperation(
                method: "PATCH", path: "/users/{id}", tag: "organisation",
                summary: "Change a user (roles, region, active, password)",
                summaryZh: "修改用户", access: "administrator", body: ref("UserPatch"), result: ref("User")),
            APIOperation(
                method: "GET", path: "/regions", tag: "organisation", summary: "List regions", summaryZh: "区域列表",
                access: "any signed-in user", result: ref("RegionList")),
            APIOperation(
                method: "POST", path: "/regions", tag: "organisation", summary: "Create a region", summaryZh: "新建区域",
                access: "administrator",
                body: ref("RegionInput"), success: 201, result: ref("Region")),
            APIOperation(
                method: "GET", path: "/regions/{id}", tag: "organisation", summary: "One region", summaryZh: "区域详情",
                access: "any signed-in user", result: ref("Region")),
            APIOperation(
                method: "PATCH", path: "/regions/{id}", tag: "organisation", summary: "Change a region",
                summaryZh: "修改区域", access: "administrator",
                body: ref("RegionPatch"), result: ref("Region")),
            APIOperation(
                method: "GET", path: "/settings/authority-limits", tag: "organisation",
                summary: "Authority limits in force",
                summaryZh: "审批权限额度", access: "GM, market manager, administrator", result: ref("AuthorityLimits")),
            APIOperation(
                method: "PATCH", path: "/settings/authority-limits", tag: "organisation",
                summary: "Change authority limits",
                summaryZh: "修改审批权限额度", access: "administrator", body: ref("AuthorityLimitsPatch"),
                result: ref("AuthorityLimits")),
        ]
    }
}
