/// Who may see and change which customers (SPEC.md §1, issue "customer archive"): a rep only the customers he
/// owns; the market manager, the business assistant and the GM all of them; finance reads all (invoices and
/// collections need the payer); Customer Service sees customers once contracts are handed to it; the
/// administrator manages users, not customers.
public enum CustomerAccess {
    /// Which rows of the archive a person may read; applied in the query itself.
    public enum Scope: Sendable, Equatable {
        case all
        case ownedBy(Int64)
        /// Customer Service reads the customers of what was handed to it: a contract past its draft (it reviews,
        /// signs and implements those) and a bid it writes or reviews (the CS manager: every bid, he assigns them) —
        /// implementing a contract needs the customer's contacts. It changes none of them.
        case handedToCustomerService(userId: Int64, manager: Bool)
        case none
    }

    static let seeAll: Set<Role> = [.gm, .marketManager, .businessAssistant]
    static let readAll: Set<Role> = [.finance]

    public static func readScope(_ actor: Actor) -> Scope {
        if actor.hasAny(seeAll) || actor.hasAny(readAll) { return .all }
        if actor.has(.salesRep) { return .ownedBy(actor.id) }
        if actor.hasAny([.csManager, .csEngineer]) {
            return .handedToCustomerService(userId: actor.id, manager: actor.has(.csManager))
        }
        return .none
    }

    /// Whether a person may open the customer module at all.
    public static func canBrowse(_ actor: Actor) -> Bool { readScope(actor) != .none }

    public static func canRead(_ actor: Actor, _ c: Customer) -> Bool {
        switch readScope(actor) {
        case .all: true
        case .ownedBy(let id): c.ownerId == id
        // What was handed over is a matter of other records: the store reads the customer through the scope's query.
        case .handedToCustomerService, .none: false
        }
    }

    public static func canCreate(_ actor: Actor) -> Bool { actor.hasAny(seeAll) || actor.has(.salesRep) }

    public static func canEdit(_ actor: Actor, _ c: Customer) -> Bool {
        if actor.hasAny(seeAll) { return true }
        return actor.has(.salesRep) && c.ownerId == actor.id
    }

    /// Archiving (the API's DELETE) keeps the record and its history but takes it off the working lists.
    public static func canArchive(_ actor: Actor, _ c: Customer) -> Bool { canEdit(actor, c) }

    /// Reassigning an account to another rep is a management decision.
    public static func canReassign(_ actor: Actor) -> Bool { actor.hasAny([.gm, .marketManager, .businessAssistant]) }

    public static func canImport(_ actor: Actor) -> Bool { canCreate(actor) }
    public static func canExport(_ actor: Actor) -> Bool { canBrowse(actor) }

    /// Checks a create or an edit and settles the owner: a rep's new customers are his own, and he cannot
    /// hand one to somebody else. `ownerIsRep` tells whether a proposed owner holds the sales rep role.
    public static func settleOwner(
        _ actor: Actor, proposed: CustomerFields, existing: Customer?, ownerIsRep: (Int64) -> Bool
    ) throws(DomainError) -> CustomerFields {
        var fields = proposed
        if let existing {
            guard canEdit(actor, existing) else { throw .notFound }
            if fields.ownerId != existing.ownerId && !canReassign(actor) {
                throw DomainError(.forbidden, Message("customer.reassign_forbidden"))
            }
        } else {
            guard canCreate(actor) else { throw .forbidden }
            if !canReassign(actor) {
                if let owner = fields.ownerId, owner != actor.id {
                    throw DomainError(.forbidden, Message("customer.reassign_forbidden"))
                }
                fields.ownerId = actor.id
                if fields.regionId == nil { fields.regionId = actor.regionId }
            }
        }
        if let owner = fields.ownerId, owner != existing?.ownerId, !ownerIsRep(owner) {
            throw .validation([FieldError("owner_id", "customer.owner_not_rep")])
        }
        return fields
    }
}

/// Who manages the organisation: users, roles, regions and the authority limits.
public enum OrganisationAccess {
    public static func canManage(_ actor: Actor) -> Bool { actor.has(.admin) }
    /// Directories (people and regions) are readable by everyone signed in: they name owners and hosts.
    public static func canReadDirectory(_ actor: Actor) -> Bool { true }
    /// The audit log is for the GM and the administrator.
    public static func canReadAudit(_ actor: Actor) -> Bool { actor.hasAny([.gm, .admin]) }
    /// Authority limits are read by those who approve against them.
    public static func canReadLimits(_ actor: Actor) -> Bool { actor.hasAny([.gm, .marketManager, .admin]) }
}
