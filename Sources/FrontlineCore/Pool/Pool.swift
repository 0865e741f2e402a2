import Foundation

/// The customer pool (公海): a customer nobody owns, or whose owner has logged nothing with it for the days its tier
/// allows, returns to the pool, where reps claim customers within their limits and the managers hand them out.
public struct PoolRules: Sendable, Equatable, Codable {
    /// Days without a contact logged by the owner before a customer of each tier returns (0: never).
    public var returnDays: [String: Int]
    /// How many days before its return the owner is warned.
    public var warnDays: Int
    /// A customer with an opportunity in negotiation, or an effective contract, stays with its owner.
    public var exemptNegotiation: Bool
    public var exemptEffectiveContract: Bool
    /// How many customers a rep may own, how many he may claim a day, and how long he waits to claim again one he lost.
    public var ownedLimit: Int
    public var dailyClaims: Int
    public var reclaimDays: Int

    public init(
        returnDays: [String: Int], warnDays: Int, exemptNegotiation: Bool, exemptEffectiveContract: Bool,
        ownedLimit: Int, dailyClaims: Int, reclaimDays: Int
    ) {
        self.returnDays = returnDays; self.warnDays = warnDays; self.exemptNegotiation = exemptNegotiation
        self.exemptEffectiveContract = exemptEffectiveContract; self.ownedLimit = ownedLimit;
        self.dailyClaims = dailyClaims; self.reclaimDays = reclaimDays
    }

    public static let defaults = PoolRules(
        returnDays: ["A": 90, "B": 60, "C": 45, "D": 30], warnDays: 7, exemptNegotiation: true,
        exemptEffectiveContract: true, ownedLimit: 300,
        dailyClaims: 10, reclaimDays: 30)

    public func days(_ tier: CustomerTier) -> Int {
        returnDays[tier.rawValue] ?? PoolRules.defaults.returnDays[tier.rawValue]!
    }

    /// Each number within its range; every tier named.
    public func validated() throws(DomainError) -> PoolRules {
        var errors: [FieldError] = []
        var out = self
        for t in CustomerTier.allCases {
            let d = returnDays[t.rawValue] ?? PoolRules.defaults.returnDays[t.rawValue]!
            if !(0...3650).contains(d) {
                errors.append(FieldError("return_days.\(t.rawValue)", "field.range", ["min": "0", "max": "3650"]))
            }
            out.returnDays[t.rawValue] = d
        }
        for k in returnDays.keys where CustomerTier(rawValue: k) == nil {
            errors.append(FieldError("return_days.\(k)", "error.unknown_field", ["field": k]))
        }
        out.returnDays = out.returnDays.filter { CustomerTier(rawValue: $0.key) != nil }
        for (name, v, range) in [
            ("warn_days", warnDays, 0...365), ("owned_limit", ownedLimit, 1...100_000),
            ("daily_claims", dailyClaims, 0...1000), ("reclaim_days", reclaimDays, 0...3650),
        ]
        where !range.contains(v) {
            errors.append(
                FieldError(name, "field.range", ["min": String(range.lowerBound), "max": String(range.upperBound)]))
        }
        if !errors.isEmpty { throw .validation(errors) }
        return out
    }
}

/// What the pool records of a customer: its return (and why), a warning before it, a claim, a hand-out by a manager.
public struct PoolEvent: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case returned, warned, claimed, assigned
        public var labelKey: String { "pool.event.\(rawValue)" }
    }
    public var id: Int64
    public var customerId: Int64
    public var kind: Kind
    public var fromOwnerId: Int64?
    public var toOwnerId: Int64?
    public var note: String
    public var actorId: Int64
    /// Milliseconds since 1970.
    public var at: Int64
    public init(
        id: Int64 = 0, customerId: Int64, kind: Kind, fromOwnerId: Int64?, toOwnerId: Int64?, note: String,
        actorId: Int64, at: Int64
    ) {
        self.id = id; self.customerId = customerId; self.kind = kind; self.fromOwnerId = fromOwnerId;
        self.toOwnerId = toOwnerId; self.note = note
        self.actorId = actorId; self.at = at
    }
}

/// One owned customer as the sweep reads it.
public struct PoolCandidate: Sendable, Equatable {
    public var customerId: Int64
    public var tier: CustomerTier
    public var ownerId: Int64
    /// Unix seconds: the owner's last logged contact, or when he got the customer if later (or if none).
    public var since: Int64
    public var inNegotiation: Bool
    public var effectiveContract: Bool
    public init(
        customerId: Int64, tier: CustomerTier, ownerId: Int64, since: Int64, inNegotiation: Bool = false,
        effectiveContract: Bool = false
    ) {
        self.customerId = customerId; self.tier = tier; self.ownerId = ownerId; self.since = since;
        self.inNegotiation = inNegotiation
        self.effectiveContract = effectiveContract
    }
}

public enum PoolDecision: Sendable, Equatable {
    case keep
    /// Warn the owner: it returns on this day (`YYYY-MM-DD`).
    case warn(returnsOn: String)
    /// It returns now: `idleDays` without a contact, against `allowed`.
    case returnToPool(idleDays: Int, allowed: Int)
}

/// Who works the pool, and the sweep's and the claim's rules.
public enum PoolAccess {
    public static func canBrowse(_ actor: Actor) -> Bool {
        actor.hasAny([.gm, .marketManager, .businessAssistant, .salesRep])
    }
    public static func canClaim(_ actor: Actor) -> Bool { actor.has(.salesRep) }
    /// Handing customers out (from the pool or from another rep) is the managers' and the assistant's.
    public static func canAssign(_ actor: Actor) -> Bool { CustomerAccess.canReassign(actor) }
    public static func canSetRules(_ actor: Actor) -> Bool { actor.hasAny([.admin, .marketManager]) }

    /// What the sweep does with one owned customer at `now` (Unix seconds).
    public static func decide(_ c: PoolCandidate, rules: PoolRules, now: Int64) -> PoolDecision {
        let allowed = rules.days(c.tier)
        guard allowed > 0 else { return .keep }
        if (rules.exemptNegotiation && c.inNegotiation) || (rules.exemptEffectiveContract && c.effectiveContract) {
            return .keep
        }
        let idle = Int((now - c.since) / 86_400)
        if idle >= allowed { return .returnToPool(idleDays: idle, allowed: allowed) }
        if rules.warnDays > 0 && idle >= allowed - rules.warnDays {
            return .warn(returnsOn: DateText.day(c.since + Int64(allowed) * 86_400))
        }
        return .keep
    }

    /// Why a rep may not claim a customer now, or nil: his owned customers, his claims today, a customer he lost lately.
    public static func claimRefusal(owned: Int, claimedToday: Int, lostAt: Int64?, rules: PoolRules, now: Int64)
        -> Message?
    {
        if owned >= rules.ownedLimit { return Message("pool.owned_full", ["limit": String(rules.ownedLimit)]) }
        if claimedToday >= rules.dailyClaims {
            return Message("pool.daily_limit", ["limit": String(rules.dailyClaims)])
        }
        if let lostAt, rules.reclaimDays > 0, now - lostAt / 1000 < Int64(rules.reclaimDays) * 86_400 {
            return Message(
                "pool.reclaim_wait", ["date": DateText.day(lostAt / 1000 + Int64(rules.reclaimDays) * 86_400)])
        }
        return nil
    }
}
