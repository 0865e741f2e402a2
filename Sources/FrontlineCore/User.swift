/// A person who signs in to Frontline.
public struct User: Sendable, Equatable, Codable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var roles: Set<Role>
    public var regionId: Int64?
    public var active: Bool
    public var locale: AppLocale
    public var email: String
    public var version: Int

    public init(
        id: Int64, username: String, displayName: String, roles: Set<Role>, regionId: Int64?, active: Bool = true,
        locale: AppLocale = .zhCN, email: String = "", version: Int = 1
    ) {
        self.id = id; self.username = username; self.displayName = displayName; self.roles = roles
        self.regionId = regionId; self.active = active; self.locale = locale; self.email = email; self.version = version
    }

    public var actor: Actor {
        Actor(id: id, username: username, displayName: displayName, roles: roles, regionId: regionId, locale: locale)
    }
}

/// What an administrator sent to create or change a user.
public struct UserInput: Sendable, Equatable {
    public var username: String?
    public var displayName: String?
    public var password: String?
    public var roles: [String]?
    public var regionId: String?
    public var active: Bool?
    public var locale: String?
    public var email: String?

    public init(
        username: String? = nil, displayName: String? = nil, password: String? = nil, roles: [String]? = nil,
        regionId: String? = nil, active: Bool? = nil, locale: String? = nil, email: String? = nil
    ) {
        self.username = username; self.displayName = displayName; self.password = password; self.roles = roles
        self.regionId = regionId; self.active = active; self.locale = locale; self.email = email
    }

    public static let fieldNames: Set<String> = [
        "username", "display_name", "password", "roles", "region_id", "active", "locale", "email",
    ]

    /// Validates over `base`; for a new user `base` is nil and username, name, password and roles are required.
    /// Answers the validated user and the new password, if one was given.
    public func apply(to base: User?) throws(DomainError) -> (User, String?) {
        var errors: [FieldError] = []
        var user = base ?? User(id: 0, username: "", displayName: "", roles: [], regionId: nil)
        if let username {
            let u = username.trimmingCharacters(in: .whitespaces).lowercased()
            if base != nil && u != base!.username {
                errors.append(FieldError("username", "user.username_fixed"))
            } else if !UserInput.isValidUsername(u) {
                errors.append(FieldError("username", "user.username_format"))
            }
            user.username = u
        } else if base == nil {
            errors.append(FieldError("username", "field.required"))
        }
        if let displayName {
            user.displayName = Text.required(displayName, 60, "display_name", &errors)
        } else if base == nil {
            errors.append(FieldError("display_name", "field.required"))
        }
        var newPassword: String?
        if let password, !(base != nil && password.isEmpty) {
            if password.count < 8 || password.count > 128 {
                errors.append(FieldError("password", "user.password_length"))
            } else {
                newPassword = password
            }
        } else if base == nil {
            errors.append(FieldError("password", "field.required"))
        }
        if let roles {
            var set = Set<Role>()
            for name in roles {
                if let r = Role(rawValue: name.trimmingCharacters(in: .whitespaces)) {
                    set.insert(r)
                } else {
                    errors.append(FieldError("roles", "user.unknown_role", ["role": name]))
                }
            }
            if set.isEmpty && !errors.contains(where: { $0.field == "roles" }) {
                errors.append(FieldError("roles", "user.roles_required"))
            }
            user.roles = set
        } else if base == nil {
            errors.append(FieldError("roles", "user.roles_required"))
        }
        if let regionId { Text.optionalID(regionId, "region_id", &errors).map { user.regionId = $0 } }
        if let active { user.active = active }
        if let locale {
            if let l = AppLocale(rawValue: locale) { user.locale = l } else {
                errors.append(FieldError("locale", "field.one_of", ["values": "zh-CN, en"]))
            }
        }
        if let email {
            let e = email.trimmingCharacters(in: .whitespaces)
            if !e.isEmpty && !ContactInput.looksLikeEmail(e) { errors.append(FieldError("email", "field.email")) }
            user.email = e
        }
        if !errors.isEmpty { throw .validation(errors) }
        return (user, newPassword)
    }

    public static func isValidUsername(_ u: String) -> Bool {
        (2...32).contains(u.count)
            && u.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "." || $0 == "_" || $0 == "-" }
            && u.first!.isLetter
    }
}

/// A regional branch (区域分支机构) with its reps.
public struct Region: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var code: String
    public var headId: Int64?
    public var version: Int

    public init(id: Int64, name: String, code: String, headId: Int64? = nil, version: Int = 1) {
        self.id = id; self.name = name; self.code = code; self.headId = headId; self.version = version
    }
}

/// What an administrator sent to create or change a region.
public struct RegionInput: Sendable, Equatable {
    public var name: String?
    public var code: String?
    public var headId: String?

    public init(name: String? = nil, code: String? = nil, headId: String? = nil) {
        self.name = name; self.code = code; self.headId = headId
    }

    public static let fieldNames: Set<String> = ["name", "code", "head_id"]

    public func apply(to base: Region?) throws(DomainError) -> Region {
        var errors: [FieldError] = []
        var r = base ?? Region(id: 0, name: "", code: "")
        if let name { r.name = Text.required(name, 40, "name", &errors) } else if base == nil {
            errors.append(FieldError("name", "field.required"))
        }
        if let code {
            let c = code.trimmingCharacters(in: .whitespaces).uppercased()
            if !(1...16).contains(c.count) || !c.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                errors.append(FieldError("code", "region.code_format"))
            }
            r.code = c
        } else if base == nil {
            errors.append(FieldError("code", "field.required"))
        }
        if let headId { Text.optionalID(headId, "head_id", &errors).map { r.headId = $0 } }
        if !errors.isEmpty { throw .validation(errors) }
        return r
    }
}
