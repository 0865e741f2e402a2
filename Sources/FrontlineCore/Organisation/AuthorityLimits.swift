/// The kinds of request that SPEC.md §1 ties to an authority limit (权限).
public enum ApprovalKind: String, CaseIterable, Codable, Sendable {
    /// Sales allowance or discount (销货折让) on a quote or contract.
    case discount
    /// A return (退货).
    case `return`
    /// Compensation for a complaint (客诉赔偿).
    case compensation
    /// One expense from the department budget (限额资金支配).
    case expense

    public var labelKey: String { "limit.\(rawValue)" }
}

/// The configured amounts up to which the market manager approves; above them the GM does.
public struct AuthorityLimits: Sendable, Equatable {
    public var amounts: [ApprovalKind: Money]

    public init(_ amounts: [ApprovalKind: Money]) { self.amounts = amounts }

    /// The defaults a new installation starts from, until an administrator sets the company's own.
    public static let defaults = AuthorityLimits([
        .discount: Money(yuan: 50_000), .return: Money(yuan: 100_000),
        .compensation: Money(yuan: 20_000), .expense: Money(yuan: 10_000),
    ])

    public func limit(_ kind: ApprovalKind) -> Money { amounts[kind] ?? .zero }

    /// The role that must approve a request of `kind` for `amount`: the market manager within his limit, the GM above.
    public func approver(for kind: ApprovalKind, amount: Money) -> Role {
        amount <= limit(kind) ? .marketManager : .gm
    }

    /// Validates a new limit as typed by an administrator.
    public static func parseLimit(_ raw: String, field: String) throws(DomainError) -> Money {
        guard let m = Money.parse(raw) else { throw .validation([FieldError(field, "field.amount")]) }
        guard m >= .zero else { throw .validation([FieldError(field, "field.not_negative")]) }
        return m
    }
}
