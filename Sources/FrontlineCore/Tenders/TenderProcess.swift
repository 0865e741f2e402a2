import Foundation

/// Tender (标书制作) as SPEC §3.1 puts it, one row per step.
public enum TenderProcess: ProcessDefinition {
    public typealias State = Tender.State
    public enum Action: String, CaseIterable, Sendable {
        case assign
        case openReview = "open_review"
        case review, pass
        case returnDraft = "return"
        case reopen, assemble, submit, win, lose
        case payDeposit = "pay_deposit"
        case refundDeposit = "refund_deposit"
        case forfeitDeposit = "forfeit_deposit"
        case cancel
    }
    public struct Subject: ProcessSubject {
        public var tender: Tender
        public var reviews: [Review]
        /// The parts that have at least one file.
        public var partsWithFiles: Set<Tender.Part>
        /// Unix seconds: the deadline is checked against it.
        public var now: Int64
        /// Every uploaded file, newest version first per part (the package chooses among them).
        public var files: [TenderFile]
        /// Who may be named a reviewer or assigned as the engineer: the active users.
        public var people: [User]
        public init(
            _ tender: Tender, reviews: [Review], partsWithFiles: Set<Tender.Part>, now: Int64, files: [TenderFile] = [],
            people: [User] = []
        ) {
            self.tender = tender; self.reviews = reviews; self.partsWithFiles = partsWithFiles; self.now = now
            self.files = files; self.people = people
        }
        var late: Message? {
            now >= tender.deadline ? Message("tender.late", ["deadline": DateText.minute(tender.deadline)]) : nil
        }
        public var state: Tender.State {
            get { tender.state }
            set { tender.state = newValue }
        }
        public var version: Int {
            get { tender.version }
            set { tender.version = newValue }
        }
        public var recordId: Int64 { tender.id }
        public var record: Tender { tender }
    }

    /// What a step asks the store for besides the tender itself.
    public enum Effect: Sendable, Equatable {
        /// Build the package archive (cover, index and the chosen file of each part) and keep it.
        case buildPackage([TenderFile])
        /// SPEC §3.1: "a won tender leads to a contract" — its draft, from the bid.
        case draftContract
    }

    public static let name = "tender"
    /// A part's new file version is noted in the history (TenderAccess decides who may upload when).
    public static let notes: Set<String> = ["upload"]
    static let office: Set<Role> = [.businessAssistant, .marketManager]

    /// A deposit step: it leaves the tender in the state it is in.
    static func deposit(_ action: Action, when: Tender.Deposit) -> [ProcessStep<TenderProcess>] {
        Tender.State.allCases.filter { $0 != .cancelled || action != .payDeposit }.map { state in
            ProcessStep(
                [state], action, state, by: TenderAccess.depositRoles, input: [.date],
                guard: { s, _ in
                    s.tender.deposit == when ? nil : Message("tender.deposit_not", ["state": "@" + when.labelKey])
                },
                apply: { s, input, c throws(DomainError) in
                    let date = (input.date ?? "").trimmingCharacters(in: .whitespaces)
                    let day = date.isEmpty ? c.today : date
                    guard DateText.isDate(day) else { throw .validation([FieldError("date", "field.date")]) }
                    guard day <= c.today else { throw .validation([FieldError("date", "contract.date_future")]) }
                    if action == .payDeposit {
                        s.tender.depositPaidOn = day
                        s.tender.deposit = .paid
                    } else {
                        s.tender.depositClosedOn = day
                        s.tender.deposit = action == .refundDeposit ? .refunded : .forfeited
                    }
                    return StepOutcome(
                        note: [day, try input.cleanComment()].filter { !$0.isEmpty }.joined(separator: "："))
                })
        }
    }

    public static let steps: [ProcessStep<TenderProcess>] =
        [
            // "All technical solutions and the technical bid are Customer Service's": its manager names the engineer.
            ProcessStep(
                [.preparing], .assign, .preparing, by: [.csManager], input: [.engineerId],
                apply: { s, input, _ throws(DomainError) in
                    guard let raw = input.engineerId, let uid = Int64(raw.trimmingCharacters(in: .whitespaces)),
                        let u = s.people.first(where: { $0.id == uid && $0.active && $0.roles.contains(.csEngineer) })
                    else { throw .validation([FieldError("engineer_id", "tender.bad_engineer")]) }
                    s.tender.engineerId = u.id
                    return StepOutcome(
                        note: [u.displayName, try input.cleanComment()].filter { !$0.isEmpty }.joined(separator: "："))
                }),
            // "The Market Department organises the bid review with the departments concerned, Customer Service assisting."
            ProcessStep(
                [.preparing], .openReview, .inReview, by: office, input: [.reviewers],
                guard: { s, _ in
                    if let missing = Tender.Part.allCases.first(where: { !s.partsWithFiles.contains($0) }) {
                        return Message("tender.part_missing", ["part": "@" + missing.labelKey])
                    }
                    return s.late
                },
                apply: { s, input, _ throws(DomainError) in
                    s.reviews = try Review.name(input.reviewers, from: s.people, recordId: s.tender.id)
                    return StepOutcome(note: Review.namesNote(s.reviews, try input.cleanComment()))
                }),
            ProcessStep(
                [.inReview], .review, .inReview, by: ContractAccess.reviewerRoles, input: [.opinion],
                guard: { s, a in Review.mayAnswer(s.reviews, a, process: "tender") },
                apply: { s, input, c throws(DomainError) in
                    StepOutcome(note: try Review.answer(&s.reviews, input, context: c))
                },
                then: { s in Review.answered(s.reviews) ? (Review.anyRejection(s.reviews) ? .returnDraft : .pass) : nil
                }),
            // Everyone approves → passed; any rejection sends it back to the writers with the reasons.
            ProcessStep(
                [.inReview], .pass, .passed, by: ContractAccess.reviewerRoles, automatic: true,
                guard: { s, _ in
                    !Review.answered(s.reviews)
                        ? Message("contract.reviews_pending")
                        : (Review.anyRejection(s.reviews) ? Message("tender.review_rejected") : nil)
                }),
            ProcessStep(
                [.inReview], .returnDraft, .preparing, by: ContractAccess.reviewerRoles, automatic: true,
                guard: { s, _ in
                    !Review.answered(s.reviews)
                        ? Message("contract.reviews_pending")
                        : (Review.anyRejection(s.reviews) ? nil : Message("tender.review_not_rejected"))
                },
                apply: dropPackage),
            // A clarification from the buyer (澄清) can reopen a passed bid for changes; it is reviewed again.
            ProcessStep([.passed], .reopen, .preparing, by: office, apply: dropPackage),
            // "After review the assistant assembles one package…"
            ProcessStep(
                [.passed], .assemble, .passed, by: [.businessAssistant], input: [.versions], guard: { s, _ in s.late },
                apply: { s, input, c throws(DomainError) in
                    let chosen = try TenderPackage.choose(input.versions, from: s.files)
                    s.tender.packageVersions = Dictionary(
                        uniqueKeysWithValues: chosen.map { ($0.part.rawValue, $0.version) })
                    s.tender.packageAt = c.now
                    return StepOutcome(
                        [.buildPackage(chosen)],
                        note: chosen.map { "\(Catalog.text($0.part.labelKey, [:], .zhCN)) v\($0.version)" }.joined(
                            separator: "、"))
                }),
            // "…it is submitted before the deadline…"
            ProcessStep(
                [.passed], .submit, .submitted, by: office,
                guard: { s, _ in
                    if s.tender.packageSha.isEmpty { return Message("tender.no_package") }
                    if s.tender.bidAmount <= .zero { return Message("tender.bid_amount_needed") }
                    return s.late
                },
                apply: { s, _, c in
                    s.tender.submittedAt = c.now
                    return StepOutcome()
                }),
            // "…and its result (won, lost) is recorded. A won tender leads to a contract."
            ProcessStep([.submitted], .win, .won, by: office, apply: { _, _, _ in StepOutcome([.draftContract]) }),
            ProcessStep(
                [.submitted], .lose, .lost, by: office, input: [.reason, .winner, .winningAmount],
                apply: { s, input, _ throws(DomainError) in
                    var errors: [FieldError] = []
                    let reason = Text.required(input.reason, 2000, "reason", &errors)
                    let winner = Text.required(input.winner, 200, "winner", &errors)
                    var amount: Money?
                    if let raw = input.winningAmount?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                        if let m = Money.parse(raw), m > .zero, m <= Money.ceiling {
                            amount = m
                        } else {
                            errors.append(FieldError("winning_amount", "field.amount"))
                        }
                    }
                    if !errors.isEmpty { throw .validation(errors) }
                    s.tender.lossReason = reason
                    s.tender.winner = winner
                    s.tender.winningAmount = amount
                    return StepOutcome(
                        note: [winner, reason, try input.cleanComment()].filter { !$0.isEmpty }.joined(separator: "："))
                }),
            // 放弃投标: cannot be undone, so it says why.
            ProcessStep([.preparing, .inReview, .passed], .cancel, .cancelled, by: office, needsReason: true),
        ]
        + deposit(.payDeposit, when: .unpaid) + deposit(.refundDeposit, when: .paid)
        + deposit(.forfeitDeposit, when: .paid)

    /// A reopened or returned bid is changed and reviewed again: its package no longer stands.
    static let dropPackage: ProcessStep<TenderProcess>.Apply = { s, _, _ in
        s.tender.packageSha = ""
        s.tender.packageSize = 0
        s.tender.packageVersions = [:]
        s.tender.packageAt = nil
        return StepOutcome()
    }
}
