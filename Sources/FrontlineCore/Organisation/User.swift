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

    /// Whether he may be assigned Customer Service work (an implementation, a service request, a booking, a
    /// training): active, and a CS engineer or the CS manager.
    public var isServiceStaff: Bool { active && (roles.contains(.csEngineer) || roles.contains(.csManager)) }
    /// Whether the user may own customers, opportunities and leads: active and holding the sales rep role.
    public var isActiveRep: Bool { active && roles.contains(.salesRep) }

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
            if let problem = Password.problem(password, username: user.username) {
                errors.append(FieldError("password", problem))
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
            if let l = AppLocale(rawValue: locale) {
                user.locale = l
            } else {
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
        if let name {
            r.name = Text.required(name, 40, "name", &errors)
        } else if base == nil {
            errors.append(FieldError("name", "field.required"))
        }
        if let code {
            let c = code.trimmingCharacters(in: .whitespaces).uppercased()
            if !(1...16).contains(c.count) || !c.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            {
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

/// What a password must be. bcrypt reads only the first 72 bytes, so a longer password is refused rather than
/// silently cut (two passwords sharing their first 72 bytes would both open the account).
public enum Password {
    public static let minLength = 10
    public static let maxBytes = 72

    /// Whether bcrypt reads all of it.
    public static func fitsBcrypt(_ p: String) -> Bool { p.utf8.count <= maxBytes }

    /// The catalogue key of what is wrong with a new password, or nil.
    public static func problem(_ p: String, username: String) -> String? {
        if p.allSatisfy({ $0.isWhitespace }) { return "user.password_blank" }
        if p.count < minLength { return "user.password_length" }
        if !fitsBcrypt(p) { return "user.password_bytes" }
        let folded = p.lowercased().filter { !$0.isWhitespace }
        let name = username.lowercased()
        if name.count >= 2 && folded.contains(name) { return "user.password_username" }
        if common.contains(folded) || Set(folded).count <= 2 || isRun(folded) { return "user.password_common" }
        return nil
    }

    /// Ascending or descending runs of digits or letters ("0123456789", "9876543210", "abcdefghij").
    static func isRun(_ s: String) -> Bool {
        let v = s.unicodeScalars.map { Int($0.value) }
        guard v.count >= 2 else { return false }
        let steps = Set(zip(v, v.dropFirst()).map { $1 - $0 })
        return steps == [1] || steps == [-1]
    }

    /// Passwords at the top of every leaked list, and this system's own name, in the forms of ten or more characters.
    static let common: Set<String> = [
        "1234567890", "0987654321", "1234512345", "1122334455", "1q2w3e4r5t", "1qaz2wsx3e", "1qaz2wsx3edc",
        "a123456789",
        "123456789a", "abc1234567", "abcd123456", "abcd1234567", "qwerty1234", "qwerty12345", "qwertyuiop",
        "asdfghjkl1",
        "asdfghjkl;", "zxcvbnm123", "zxcvbnm,./", "password12", "password123", "password1234", "passw0rd12",
        "p@ssw0rd12",
        "p@ssw0rd123", "p@ssword123", "iloveyou12", "iloveyou123", "welcome123", "welcome1234", "changeme123",
        "letmein123",
        "admin12345", "admin123456", "administrator", "adminadmin", "rootroot12", "sunshine12", "princess12",
        "football12",
        "baseball12", "dragon1234", "monkey1234", "superman12", "woaini1314", "woaini520", "5201314520", "1314520520",
        "qq123456789", "aa12345678", "a1234567890", "abcdefg123", "frontline1", "frontline12", "frontline123",
        "frontline1234", "frontline!", "frontline2025", "frontline2024", "frontlinecrm", "marketing123", "sales12345",
        "company123", "test123456", "testtest12", "guest12345", "user123456", "china12345", "beijing123", "shanghai123",
    ]
}
