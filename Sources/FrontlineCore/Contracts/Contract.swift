import Foundation

/// One payment milestone of a contract (付款节点); together they sum to the contract amount.
public struct PaymentMilestone: Sendable, Equatable, Codable {
    public var name: String
    public var amount: Money
    /// `YYYY-MM-DD`, or empty when it is tied to an event (验收后).
    public var due: String

    public init(name: String, amount: Money, due: String = "") {
        self.name = name; self.amount = amount; self.due = due
    }
}

/// A contract (合同) under review per SPEC §3.2, and after it takes effect the record Customer Service implements.
public struct Contract: Sendable, Equatable, Codable {
    public enum State: String, CaseIterable, Codable, Sendable {
        case draft
        case inReview = "in_review"
        case awaitingMeeting = "awaiting_meeting"
        case approved, effective, superseded, cancelled
        public var labelKey: String { "process.contract.state.\(rawValue)" }
    }

    public var id: Int64
    /// `HT2026-0001`; an amendment (变更) keeps the number and raises `amendment`.
    public var number: String
    public var amendment: Int
    public var customerId: Int64
    public var ownerId: Int64
    public var title: String
    /// Where the draft came from: `quotation`, `tender`, or empty.
    public var sourceKind: String
    public var sourceId: Int64?
    /// What the customer pays, VAT included.
    public var amount: Money
    /// The VAT rate the amount includes, in basis points (1300 = 13 %).
    public var taxRate: Int
    /// Confidential, like cost in the price book; net of VAT; nil while not known.
    public var costEstimate: Money?
    public var milestones: [PaymentMilestone]
    public var technicalAnnex: String
    public var commercialTerms: String
    /// Non-standard terms: goes to a review meeting whatever the reviewers say.
    public var special: Bool
    public var state: State
    public var meetingDate: String
    public var meetingAttendees: String
    public var meetingMinutes: String
    public var technicalSignedBy: Int64?
    public var commercialSignedBy: Int64?
    public var customerSignedOn: String
    public var effectiveAt: Int64?
    /// The opportunity (商机) it closes, if one was named; taking effect wins it.
    public var opportunityId: Int64? = nil
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64 = 0, number: String = "", amendment: Int = 0, customerId: Int64, ownerId: Int64, title: String = "",
        sourceKind: String = "", sourceId: Int64? = nil, amount: Money = .zero, taxRate: Int = Contract.standardTaxRate,
        costEstimate: Money? = nil,
        milestones: [PaymentMilestone] = [], technicalAnnex: String = "", commercialTerms: String = "",
        special: Bool = false,
        state: State = .draft, meetingDate: String = "", meetingAttendees: String = "", meetingMinutes: String = "",
        technicalSignedBy: Int64? = nil, commercialSignedBy: Int64? = nil, customerSignedOn: String = "",
        effectiveAt: Int64? = nil,
        version: Int = 1, createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.amendment = amendment; self.customerId = customerId;
        self.ownerId = ownerId
        self.title = title; self.sourceKind = sourceKind; self.sourceId = sourceId; self.amount = amount;
        self.taxRate = taxRate
        self.costEstimate = costEstimate; self.milestones = milestones; self.technicalAnnex = technicalAnnex
        self.commercialTerms = commercialTerms; self.special = special; self.state = state;
        self.meetingDate = meetingDate
        self.meetingAttendees = meetingAttendees; self.meetingMinutes = meetingMinutes;
        self.technicalSignedBy = technicalSignedBy
        self.commercialSignedBy = commercialSignedBy; self.customerSignedOn = customerSignedOn;
        self.effectiveAt = effectiveAt
        self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// 13 %, the VAT rate of software sold as goods; a contract from a quotation takes the quotation's own.
    public static let standardTaxRate = 1_300

    /// The amount net of VAT, rounded half up to the fen.
    public var netAmount: Money { amount.scaled(10_000, Int128(10_000 + taxRate)) ?? amount }

    /// Profit (毛利), one of the three target measures: the amount net of VAT less the cost; unknown (nil) while
    /// the cost is, never the whole amount.
    public var profit: Money? { costEstimate.map { netAmount - $0 } }

    /// Why the draft's facts cannot be changed now: only a draft is edited (an effective contract is amended).
    public var editRefusal: DomainError? {
        state == .draft ? nil : DomainError(.conflict, Message("contract.not_draft", ["state": "@" + state.labelKey]))
    }

    /// The VAT rate a quotation's totals carry, in basis points, rounded half up (its lines may mix rates).
    public static func taxRate(of t: QuoteTotals) -> Int {
        guard t.net > .zero else { return standardTaxRate }
        return Int(t.tax.scaled(10_000, Int128(t.net.fen))?.fen ?? Int64(standardTaxRate))
    }
    public var milestoneTotal: Money { milestones.reduce(.zero) { $0 + $1.amount } }

    /// Whether it must go to a review meeting: marked special, or above the configured amount.
    public func isSpecial(threshold: Money) -> Bool { special || amount > threshold }
}

/// One reviewer's answer (评审意见) in a joint review — of a contract or of a tender's bid. Customer Service reviews
/// the technical part.
public struct Review: Sendable, Equatable, Codable {
    public enum Opinion: String, CaseIterable, Codable, Sendable {
        case pending, approve
        case approveWithConditions = "approve_with_conditions"
        case reject
        public var labelKey: String { "contract.opinion.\(rawValue)" }
    }
    /// The contract or tender reviewed.
    public var recordId: Int64
    public var reviewerId: Int64
    public var reviewerName: String
    /// `technical` for Customer Service, `commercial` for the Market Department, `other`.
    public var part: String
    public var opinion: Opinion
    public var comment: String
    public var at: Int64?

    public init(
        recordId: Int64, reviewerId: Int64, reviewerName: String, part: String, opinion: Opinion = .pending,
        comment: String = "",
        at: Int64? = nil
    ) {
        self.recordId = recordId; self.reviewerId = reviewerId; self.reviewerName = reviewerName; self.part = part
        self.opinion = opinion; self.comment = comment; self.at = at
    }

    /// Everyone named has answered.
    public static func answered(_ reviews: [Review]) -> Bool {
        !reviews.isEmpty && reviews.allSatisfy { $0.opinion != .pending }
    }
    public static func anyRejection(_ reviews: [Review]) -> Bool { reviews.contains { $0.opinion == .reject } }

    /// The guard of a reviewer's answer: he was named on this record (`process`: contract or tender) and has not
    /// answered yet.
    public static func mayAnswer(_ reviews: [Review], _ actor: Actor, process: String) -> Message? {
        guard let r = reviews.first(where: { $0.reviewerId == actor.id }) else {
            return .whoAsks("\(process).not_reviewer")
        }
        return r.opinion == .pending ? nil : Message("contract.already_answered")
    }
}

extension Review {
    /// The reviewers a step names, by user id: active people of a department or the GM. Customer Service reviews the
    /// technical part, the others the commercial one; Customer Service must be among them.
    public static func name(_ ids: [String]?, from people: [User], recordId: Int64) throws(DomainError) -> [Review] {
        guard let ids, !ids.isEmpty else { throw .validation([FieldError("reviewers", "contract.reviewers_needed")]) }
        var chosen: [User] = []
        var errors: [FieldError] = []
        for n in ids {
            guard let uid = Int64(n.trimmingCharacters(in: .whitespaces)),
                let u = people.first(where: { $0.id == uid && $0.active }),
                u.roles.contains(where: { $0.department != nil || $0 == .gm })
            else {
                errors.append(FieldError("reviewers", "contract.bad_reviewer", ["id": n]))
                continue
            }
            if !chosen.contains(where: { $0.id == u.id }) { chosen.append(u) }
        }
        if !errors.isEmpty { throw .validation(errors) }
        let named = chosen.map {
            Review(
                recordId: recordId, reviewerId: $0.id, reviewerName: $0.displayName,
                part: $0.roles.contains(where: { ContractAccess.customerService.contains($0) })
                    ? "technical" : "commercial")
        }
        if !named.contains(where: { $0.part == "technical" }) {
            throw DomainError(.conflict, Message("contract.needs_cs_reviewer"))
        }
        return named
    }

    /// The history's note of a review's opening: who was named, then the remarks.
    public static func namesNote(_ reviews: [Review], _ comment: String) -> String {
        [reviews.map(\.reviewerName).joined(separator: "、"), comment].filter { !$0.isEmpty }.joined(separator: "：")
    }

    /// Records the actor's answer, checked for form: anything but a plain approval says why. Answers the history's
    /// note: the opinion as people read it (同意, 有条件同意, 不同意), then the remarks.
    public static func answer(_ reviews: inout [Review], _ input: StepInput, context: StepContext) throws(DomainError)
        -> String
    {
        let comment = try input.cleanComment()
        guard let raw = input.opinion, let opinion = Opinion(rawValue: raw), opinion != .pending else {
            throw .validation([
                FieldError("opinion", "field.one_of", ["values": "approve, approve_with_conditions, reject"])
            ])
        }
        if opinion != .approve && comment.isEmpty {
            throw .validation([FieldError("comment", "contract.comment_needed")])
        }
        if let i = reviews.firstIndex(where: { $0.reviewerId == context.actor.id }) {
            reviews[i].opinion = opinion
            reviews[i].comment = comment
            reviews[i].at = context.now
        }
        return [Catalog.text(opinion.labelKey, [:], .zhCN), comment].filter { !$0.isEmpty }.joined(separator: "：")
    }
}

public typealias ContractReview = Review

/// What a caller sent to draft or change a contract.
public struct ContractInput: Sendable, Equatable {
    public struct Milestone: Sendable, Equatable {
        public var name: String?
        public var amount: String?
        public var due: String?
        public init(name: String? = nil, amount: String? = nil, due: String? = nil) {
            self.name = name; self.amount = amount; self.due = due
        }
    }
    public var customerId: String?
    public var quotationId: String?
    public var title: String?
    public var amount: String?
    public var taxRate: String?
    public var costEstimate: String?
    public var milestones: [Milestone]?
    public var technicalAnnex: String?
    public var commercialTerms: String?
    public var special: Bool?
    public var opportunityId: String?

    public init(
        customerId: String? = nil, quotationId: String? = nil, title: String? = nil, amount: String? = nil,
        costEstimate: String? = nil,
        milestones: [Milestone]? = nil, technicalAnnex: String? = nil, commercialTerms: String? = nil,
        special: Bool? = nil,
        taxRate: String? = nil, opportunityId: String? = nil
    ) {
        self.opportunityId = opportunityId
        self.customerId = customerId; self.quotationId = quotationId; self.title = title; self.amount = amount;
        self.taxRate = taxRate
        self.costEstimate = costEstimate; self.milestones = milestones; self.technicalAnnex = technicalAnnex
        self.commercialTerms = commercialTerms; self.special = special
    }

    public static let fieldNames: Set<String> = [
        "customer_id", "quotation_id", "title", "amount", "tax_rate", "cost_estimate", "milestones", "technical_annex",
        "commercial_terms", "special", "opportunity_id",
    ]
    public static let milestoneFieldNames: Set<String> = ["name", "amount", "due"]

    /// Validates over `base`; the milestones must sum to the amount, to the fen.
    public func apply(to base: Contract) throws(DomainError) -> Contract {
        var errors: [FieldError] = []
        var c = base
        if let title {
            c.title = Text.required(title, 200, "title", &errors)
        } else if base.title.isEmpty {
            errors.append(FieldError("title", "field.required"))
        }
        if let amount {
            if let m = Money.parse(amount), m >= .zero {
                c.amount = m
            } else {
                errors.append(FieldError("amount", "field.amount"))
            }
        }
        if let costEstimate {
            // Empty: the cost is not known (yet), and neither is the profit.
            let raw = costEstimate.trimmingCharacters(in: .whitespaces)
            if raw.isEmpty {
                c.costEstimate = nil
            } else if let m = Money.parse(raw), m >= .zero {
                c.costEstimate = m
            } else {
                errors.append(FieldError("cost_estimate", "field.amount"))
            }
        }
        if let taxRate {
            if let bp = Rate.parsePercent(taxRate), bp < 10_000, !taxRate.trimmingCharacters(in: .whitespaces).isEmpty {
                c.taxRate = bp
            } else {
                errors.append(FieldError("tax_rate", "contract.tax_rate"))
            }
        }
        if c.amount <= .zero && !errors.contains(where: { $0.field == "amount" }) {
            errors.append(FieldError("amount", "contract.amount_positive"))
        }
        if let technicalAnnex {
            Text.limit(technicalAnnex, 20_000, "technical_annex", &errors, multiline: true).map {
                c.technicalAnnex = $0
            }
        }
        if let commercialTerms {
            Text.limit(commercialTerms, 20_000, "commercial_terms", &errors, multiline: true).map {
                c.commercialTerms = $0
            }
        }
        if let special { c.special = special }
        if let milestones {
            if milestones.count > 24 { errors.append(FieldError("milestones", "contract.too_many_milestones")) }
            var out: [PaymentMilestone] = []
            for (i, m) in milestones.enumerated() {
                let f = "milestones[\(i)]"
                let name = Text.required(m.name, 60, "\(f).name", &errors)
                guard let amount = Money.parse(m.amount ?? ""), amount > .zero else {
                    errors.append(FieldError("\(f).amount", "field.amount"))
                    continue
                }
                let due = (m.due ?? "").trimmingCharacters(in: .whitespaces)
                if !due.isEmpty && !DateText.isDate(due) { errors.append(FieldError("\(f).due", "field.date")) }
                out.append(PaymentMilestone(name: name, amount: amount, due: due))
            }
            c.milestones = out
        }
        if errors.isEmpty && !c.milestones.isEmpty && Money.total(c.milestones.map(\.amount)) == nil {
            errors.append(FieldError("milestones", "amount.too_large", ["max": Money.ceiling.wan]))
        } else if errors.isEmpty && !c.milestones.isEmpty && c.milestoneTotal != c.amount {
            errors.append(
                FieldError(
                    "milestones", "contract.milestones_sum",
                    ["sum": c.milestoneTotal.grouped, "amount": c.amount.grouped]))
        }
        if !errors.isEmpty { throw .validation(errors) }
        return c
    }

    /// The usual terms: 30 % on signing, 60 % on acceptance, 10 % after the warranty; the last takes the rounding.
    public static func standardMilestones(_ amount: Money) -> [PaymentMilestone] {
        let first = Money(fen: Rate.apply(3_000, to: amount.fen)),
            second = Money(fen: Rate.apply(6_000, to: amount.fen))
        return [
            PaymentMilestone(name: "合同签订后预付款 30%", amount: first), PaymentMilestone(name: "验收合格后 60%", amount: second),
            PaymentMilestone(name: "质保期满 10%", amount: amount - first - second),
        ]
    }
}

/// Who works on contracts: the Market Department drafts and signs the commercial part; Customer Service reviews and
/// signs the technical part; the GM and finance read.
public enum ContractAccess {
    public static let market: Set<Role> = [.marketManager, .businessAssistant, .salesRep]
    public static let customerService: Set<Role> = [.csManager, .csEngineer]

    public static func canDraft(_ actor: Actor) -> Bool { actor.hasAny(market) }
    /// Reviewers come from the departments concerned, or are the GM.
    public static let reviewerRoles: Set<Role> = market.union(customerService).union([.gm])
    /// Customer Service sees every contract past the draft: it reviews them, signs them and implements them.
    public static func csSees(_ actor: Actor, _ c: Contract) -> Bool {
        actor.hasAny(customerService) && c.state != .draft
    }
}
