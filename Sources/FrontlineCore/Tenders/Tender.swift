import Foundation

/// A tender (标书) the company bids in, per SPEC §3.1: the Market Department owns and assembles it (总成), the
/// business assistant writes the commercial bid and the standard quotation, Customer Service the technical bid.
public struct Tender: Sendable, Equatable, Codable {
    public enum State: String, CaseIterable, Codable, Sendable {
        case preparing
        case inReview = "in_review"
        case passed, submitted, won, lost, cancelled
        public var labelKey: String { "process.tender.state.\(rawValue)" }
        /// Still being worked on: the deadline matters.
        public var open: Bool { self == .preparing || self == .inReview || self == .passed }
    }

    /// The bid deposit (投标保证金).
    public enum Deposit: String, CaseIterable, Codable, Sendable {
        /// No deposit asked.
        case none
        case unpaid, paid, refunded, forfeited
        public var labelKey: String { "tender.deposit.\(rawValue)" }
    }

    /// The three parts of a bid, each with its owner.
    public enum Part: String, CaseIterable, Codable, Sendable {
        /// 商务标 — the business assistant.
        case commercial
        /// 标准报价 — the business assistant.
        case quotation
        /// 技术标 — the Customer Service engineer the CS manager assigns.
        case technical
        public var labelKey: String { "tender.part.\(rawValue)" }
        /// Its folder in the package: `1-商务标`.
        public var folder: String {
            let n = Part.allCases.firstIndex(of: self)! + 1
            return "\(n)-" + Catalog.text(labelKey, [:], .zhCN)
        }
    }

    public var id: Int64
    /// Our own number, `TB2026-0001`.
    public var number: String
    public var customerId: Int64
    /// The account's sales rep (the customer's owner when opened).
    public var ownerId: Int64
    /// The project (项目名称).
    public var title: String
    /// The buyer's tender number (招标编号).
    public var tenderNo: String
    /// The buyer (招标人) and its tendering agency (招标代理), as the notice names them.
    public var buyer: String
    public var agency: String
    /// The submission deadline (投标截止时间), Unix seconds.
    public var deadline: Int64
    public var state: State
    /// Our bid price (投标报价).
    public var bidAmount: Money
    public var depositAmount: Money
    public var deposit: Deposit
    /// `YYYY-MM-DD` the deposit was paid, and refunded or forfeited.
    public var depositPaidOn: String
    public var depositClosedOn: String
    /// The standard quotation it was priced from, if any.
    public var quotationId: Int64?
    /// The Customer Service engineer who writes the technical bid.
    public var engineerId: Int64?
    /// The assembled package: its digest, size, the version chosen of each part, and when.
    public var packageSha: String
    public var packageSize: Int64
    public var packageVersions: [String: Int]
    public var packageAt: Int64?
    public var submittedAt: Int64?
    /// Lost: why, who won and at what price.
    public var lossReason: String
    public var winner: String
    public var winningAmount: Money?
    /// Won: the contract draft it opened.
    public var contractId: Int64?
    /// The opportunity (商机) it bids for, if one was named; winning the tender wins it.
    public var opportunityId: Int64? = nil
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64 = 0, number: String = "", customerId: Int64, ownerId: Int64, title: String = "",
        tenderNo: String = "", buyer: String = "",
        agency: String = "", deadline: Int64 = 0, state: State = .preparing, bidAmount: Money = .zero,
        depositAmount: Money = .zero, deposit: Deposit = .none,
        depositPaidOn: String = "", depositClosedOn: String = "", quotationId: Int64? = nil, engineerId: Int64? = nil,
        packageSha: String = "",
        packageSize: Int64 = 0, packageVersions: [String: Int] = [:], packageAt: Int64? = nil,
        submittedAt: Int64? = nil, lossReason: String = "",
        winner: String = "", winningAmount: Money? = nil, contractId: Int64? = nil, version: Int = 1,
        createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.customerId = customerId; self.ownerId = ownerId; self.title = title
        self.tenderNo = tenderNo; self.buyer = buyer; self.agency = agency; self.deadline = deadline;
        self.state = state; self.bidAmount = bidAmount
        self.depositAmount = depositAmount; self.deposit = deposit; self.depositPaidOn = depositPaidOn;
        self.depositClosedOn = depositClosedOn
        self.quotationId = quotationId; self.engineerId = engineerId; self.packageSha = packageSha;
        self.packageSize = packageSize
        self.packageVersions = packageVersions; self.packageAt = packageAt; self.submittedAt = submittedAt;
        self.lossReason = lossReason
        self.winner = winner; self.winningAmount = winningAmount; self.contractId = contractId; self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// Open, and the deadline within `days` from `now` (or already past): what the home page reminds of.
    /// Why its facts cannot be changed now: only while it is being worked on.
    public var editRefusal: DomainError? {
        state.open ? nil : DomainError(.conflict, Message("tender.closed", ["state": "@" + state.labelKey]))
    }

    public func deadlineNear(now: Int64, days: Int64 = 3) -> Bool { state.open && deadline <= now + days * 86_400 }
}

/// One uploaded version of one part of a bid.
public struct TenderFile: Sendable, Equatable {
    public var tenderId: Int64
    public var part: Tender.Part
    /// 1, 2, 3… within the part.
    public var version: Int
    public var note: String
    public var file: Attachment
    public var uploaderName: String

    public init(
        tenderId: Int64, part: Tender.Part, version: Int, note: String, file: Attachment, uploaderName: String = ""
    ) {
        self.tenderId = tenderId; self.part = part; self.version = version; self.note = note; self.file = file
        self.uploaderName = uploaderName
    }
}

/// What a caller sent to open or change a tender.
public struct TenderInput: Sendable, Equatable {
    public var customerId: String?
    public var quotationId: String?
    public var title: String?
    public var tenderNo: String?
    public var buyer: String?
    public var agency: String?
    public var deadline: String?
    public var bidAmount: String?
    public var depositAmount: String?
    public var opportunityId: String?

    public init(
        customerId: String? = nil, quotationId: String? = nil, title: String? = nil, tenderNo: String? = nil,
        buyer: String? = nil,
        agency: String? = nil, deadline: String? = nil, bidAmount: String? = nil, depositAmount: String? = nil,
        opportunityId: String? = nil
    ) {
        self.customerId = customerId; self.quotationId = quotationId; self.title = title; self.tenderNo = tenderNo;
        self.buyer = buyer
        self.agency = agency; self.deadline = deadline; self.bidAmount = bidAmount; self.depositAmount = depositAmount
        self.opportunityId = opportunityId
    }

    public static let fieldNames: Set<String> = [
        "customer_id", "quotation_id", "title", "tender_no", "buyer", "agency", "deadline", "bid_amount",
        "deposit_amount", "opportunity_id",
    ]

    /// Validates over `base`. A deadline typed anew must lie ahead of `now`; a deposit owed once set cannot be
    /// changed after it is paid.
    public func apply(to base: Tender, now: Int64) throws(DomainError) -> Tender {
        var errors: [FieldError] = []
        var t = base
        if let title {
            t.title = Text.required(title, 200, "title", &errors)
        } else if base.title.isEmpty {
            errors.append(FieldError("title", "field.required"))
        }
        if let tenderNo {
            t.tenderNo = Text.required(tenderNo, 60, "tender_no", &errors)
        } else if base.tenderNo.isEmpty {
            errors.append(FieldError("tender_no", "field.required"))
        }
        if let buyer {
            t.buyer = Text.required(buyer, 200, "buyer", &errors)
        } else if base.buyer.isEmpty {
            errors.append(FieldError("buyer", "field.required"))
        }
        if let agency { Text.limit(agency, 200, "agency", &errors).map { t.agency = $0 } }
        if let deadline {
            if let d = DateText.parseDateTime(deadline.trimmingCharacters(in: .whitespaces)) {
                if d != base.deadline && d <= now { errors.append(FieldError("deadline", "tender.deadline_past")) }
                t.deadline = d
            } else {
                errors.append(FieldError("deadline", "tender.deadline_format"))
            }
        } else if base.deadline == 0 {
            errors.append(FieldError("deadline", "field.required"))
        }
        for (field, raw, path) in [
            ("bid_amount", bidAmount, \Tender.bidAmount), ("deposit_amount", depositAmount, \Tender.depositAmount),
        ] {
            guard let raw else { continue }
            let text = raw.trimmingCharacters(in: .whitespaces)
            if let m = text.isEmpty ? .zero : Money.parse(text), m >= .zero {
                t[keyPath: path] = m
            } else {
                errors.append(FieldError(field, "field.amount"))
            }
        }
        if t.bidAmount != base.bidAmount && base.state != .preparing && base.id != 0 {
            errors.append(FieldError("bid_amount", "tender.bid_locked"))
        }
        if t.depositAmount != base.depositAmount {
            if base.deposit == .paid || base.deposit == .refunded || base.deposit == .forfeited {
                errors.append(FieldError("deposit_amount", "tender.deposit_settled"))
            } else {
                t.deposit = t.depositAmount > .zero ? .unpaid : .none
            }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return t
    }
}

/// Who works on tenders.
public enum TenderAccess {
    /// The Market Department opens tenders and changes their facts; a rep only for his own accounts.
    public static func canOpen(_ actor: Actor) -> Bool { actor.hasAny(ContractAccess.market) }
    /// Bid templates (标书模板, SPEC §3.1: "the assistant also keeps the bid templates") are files of this kind.
    public static let templateEntity = "tender_template"
    /// Everyone who writes or reviews bids reads the templates; the business assistant (and the market manager) keeps them.
    public static func readsTemplates(_ actor: Actor) -> Bool { actor.hasAny(ContractAccess.reviewerRoles) }
    public static func keepsTemplates(_ actor: Actor) -> Bool { actor.hasAny([.businessAssistant, .marketManager]) }
    /// Who records the deposit: the Market Department's office and finance, who pays it.
    public static let depositRoles: Set<Role> = [.businessAssistant, .marketManager, .finance]
    /// Who owns each part: the business assistant the commercial bid and the standard quotation (the market manager
    /// stands in), the assigned CS engineer the technical bid (the CS manager stands in).
    public static func mayWrite(_ part: Tender.Part, of t: Tender, _ actor: Actor) -> Bool {
        switch part {
        case .commercial, .quotation: actor.hasAny([.businessAssistant, .marketManager])
        case .technical: actor.has(.csManager) || (actor.has(.csEngineer) && t.engineerId == actor.id)
        }
    }
    /// The reason a file may not be added to the part now, or nil.
    public static func uploadRefusal(_ part: Tender.Part, of t: Tender, _ actor: Actor) -> DomainError? {
        guard mayWrite(part, of: t, actor) else {
            return DomainError(.forbidden, Message("tender.not_part_owner", ["part": "@" + part.labelKey]))
        }
        guard t.state == .preparing else {
            return DomainError(.conflict, Message("tender.files_frozen", ["state": "@" + t.state.labelKey]))
        }
        return nil
    }
}
