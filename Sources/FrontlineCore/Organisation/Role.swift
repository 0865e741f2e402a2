/// The roles of SPEC.md §1. A person may hold several.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case gm
    case marketManager = "market_manager"
    case businessAssistant = "business_assistant"
    case salesRep = "sales_rep"
    case csManager = "cs_manager"
    case csEngineer = "cs_engineer"
    case finance
    case admin

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The department the role belongs to; GM, finance and admin stand outside both.
    public var department: Department? {
        switch self {
        case .marketManager, .businessAssistant, .salesRep: .market
        case .csManager, .csEngineer: .customerService
        case .gm, .finance, .admin: nil
        }
    }

    /// Catalogue key of the role's name.
    public var labelKey: String { "role.\(rawValue)" }

    /// Parses a comma-separated role list such as `sales_rep,finance`; nil when any name is unknown.
    public static func parseList(_ text: String) -> Set<Role>? {
        var roles = Set<Role>()
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { continue }
            guard let role = Role(rawValue: name) else { return nil }
            roles.insert(role)
        }
        return roles
    }

    public static func listText(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ",")
    }
}

/// The two departments of the design: the Market Department (市场部) and Customer Service (客户服务部).
public enum Department: String, CaseIterable, Codable, Sendable {
    case market
    case customerService = "customer_service"

    public var labelKey: String { "department.\(rawValue)" }
}

/// The signed-in person on whose behalf the core decides.
public struct Actor: Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var roles: Set<Role>
    public var regionId: Int64?
    public var locale: AppLocale

    public init(
        id: Int64, username: String, displayName: String, roles: Set<Role>, regionId: Int64? = nil,
        locale: AppLocale = .zhCN
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.roles = roles
        self.regionId = regionId
        self.locale = locale
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }
    public func hasAny(_ set: Set<Role>) -> Bool { !roles.isDisjoint(with: set) }

    /// The system itself, for seeding and command-line work.
    public static let system = Actor(id: 0, username: "system", displayName: "system", roles: [.admin])
}
