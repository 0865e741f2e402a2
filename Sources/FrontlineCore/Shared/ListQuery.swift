/// Paging and sorting of a list, checked against what the list allows.
public struct ListQuery: Sendable, Equatable {
    public var limit: Int
    public var offset: Int
    public var sortField: String
    public var descending: Bool

    public static let maxLimit = 200
    public static let maxOffset = 10_000_000

    public init(limit: Int = 50, offset: Int = 0, sortField: String, descending: Bool = false) {
        self.limit = limit; self.offset = offset; self.sortField = sortField; self.descending = descending
    }

    /// Parses `limit`, `offset` and `sort` (`name`, `-updated_at`) as sent; unknown sorts and out-of-range paging
    /// are refused rather than silently corrected, so a client learns of its mistake.
    public static func parse(
        limit: String?, offset: String?, sort: String?, allowedSorts: Set<String>, defaultSort: String,
        defaultLimit: Int = 50
    ) throws(DomainError) -> ListQuery {
        var errors: [FieldError] = []
        var q = ListQuery(limit: defaultLimit, offset: 0, sortField: defaultSort)
        if let limit, !limit.isEmpty {
            if let n = Int(limit), (1...maxLimit).contains(n) {
                q.limit = n
            } else {
                errors.append(FieldError("limit", "paging.limit", ["max": String(maxLimit)]))
            }
        }
        if let offset, !offset.isEmpty {
            if let n = Int(offset), (0...maxOffset).contains(n) {
                q.offset = n
            } else {
                errors.append(FieldError("offset", "paging.offset"))
            }
        }
        var s = sort ?? defaultSort
        if s.isEmpty { s = defaultSort }
        if s.hasPrefix("-") {
            q.descending = true
            s.removeFirst()
        }
        if allowedSorts.contains(s) {
            q.sortField = s
        } else {
            errors.append(FieldError("sort", "paging.sort", ["values": allowedSorts.sorted().joined(separator: ", ")]))
        }
        if !errors.isEmpty { throw .validation(errors) }
        return q
    }
}

/// A page of a list with the total that matched.
public struct Listing<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int
    /// The sum of the amount column over every row that matched (not only this page), for a list that totals one.
    public var amount: Money?

    public init(items: [Item], total: Int, amount: Money? = nil) {
        self.items = items
        self.total = total
        self.amount = amount
    }
}

/// Filters of the customer list, each optional.
public struct CustomerFilter: Sendable, Equatable {
    public var q: String?
    public var tier: CustomerTier?
    public var status: CustomerStatus?
    public var regionId: Int64?
    public var ownerId: Int64?
    public var industry: String?
    /// Archived records are shown only when asked for.
    public var archived: Bool

    public init(
        q: String? = nil, tier: CustomerTier? = nil, status: CustomerStatus? = nil, regionId: Int64? = nil,
        ownerId: Int64? = nil, industry: String? = nil, archived: Bool = false
    ) {
        self.q = q; self.tier = tier; self.status = status; self.regionId = regionId; self.ownerId = ownerId
        self.industry = industry; self.archived = archived
    }

    public static let sorts: Set<String> = ["name", "tier", "status", "updated_at", "created_at", "id"]

    /// Parses the list's query parameters; an unknown value is refused, naming the field.
    public static func parse(_ p: (String) -> String?) throws(DomainError) -> CustomerFilter {
        var f = CustomerFilter()
        var errors: [FieldError] = []
        if let q = p("q") {
            let t = Text.clean(q)
            if t.unicodeScalars.count > 100 { errors.append(FieldError("q", "field.too_long", ["max": "100"])) }
            f.q = t.isEmpty ? nil : t
        }
        if let t = p("tier"), !t.isEmpty {
            if let v = CustomerTier(rawValue: t.uppercased()) {
                f.tier = v
            } else {
                errors.append(FieldError("tier", "field.one_of", ["values": "A, B, C, D"]))
            }
        }
        if let s = p("status"), !s.isEmpty {
            if let v = CustomerStatus(rawValue: s) {
                f.status = v
            } else {
                errors.append(
                    FieldError(
                        "status", "field.one_of",
                        ["values": CustomerStatus.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if let s = p("region_id"), !s.isEmpty {
            if let v = Int64(s), v > 0 {
                f.regionId = v
            } else {
                errors.append(FieldError("region_id", "field.not_id"))
            }
        }
        if let s = p("owner_id"), !s.isEmpty {
            if let v = Int64(s), v > 0 { f.ownerId = v } else { errors.append(FieldError("owner_id", "field.not_id")) }
        }
        if let i = p("industry"), !i.isEmpty { f.industry = Text.clean(i) }
        if let a = p("archived"), !a.isEmpty {
            switch a {
            case "true", "1": f.archived = true
            case "false", "0": f.archived = false
            default: errors.append(FieldError("archived", "field.boolean"))
            }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return f
    }
}
