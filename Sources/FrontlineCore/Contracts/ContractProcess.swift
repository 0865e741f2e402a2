import Foundation

/// Contract review (合同评审) exactly as SPEC §3.2 puts it, one row per step.
public enum ContractProcess: ProcessDefinition {
    public typealias State = Contract.State
    public enum Action: String, CaseIterable, Sendable {
        case openReview = "open_review"
        case review
        case conclude
        case toMeeting = "to_meeting"
        case approve
        case returnDraft = "return"
        case signTechnical = "sign_technical"
        case signCommercial = "sign_commercial"
        case takeEffect = "take_effect"
        case amend, cancel
        /// An earlier version replaced by its amendment taking effect (recorded by the hand-off).
        case supersede
    }
    public struct Subject: ProcessSubject {
        public var contract: Contract
        public var reviews: [ContractReview]
        public var threshold: Money
        /// Who may be named a reviewer: the active users.
        public var people: [User]
        /// A later version of this contract still on its way (draft, review, signature), if any.
        public var openAmendment: Int?
        public init(
            _ contract: Contract, reviews: [ContractReview], threshold: Money, people: [User] = [],
            openAmendment: Int? = nil
        ) {
            self.contract = contract; self.reviews = reviews; self.threshold = threshold; self.people = people
            self.openAmendment = openAmendment
        }
        public var answered: Bool { Review.answered(reviews) }
        public var anyRejection: Bool { Review.anyRejection(reviews) }
        public var toMeeting: Bool { anyRejection || contract.isSpecial(threshold: threshold) }
        public var state: Contract.State {
            get { contract.state }
            set { contract.state = newValue }
        }
        public var version: Int {
            get { contract.version }
            set { contract.version = newValue }
        }
        public var recordId: Int64 { contract.id }
        public var record: Contract { contract }
    }

    /// What a step asks the store for besides the contract itself.
    public enum Effect: Sendable, Equatable {
        /// SPEC §3.3: the effective contract goes to Customer Service for implementation, with its payment plan; an
        /// earlier version it amends is superseded.
        case handOver
        /// A new version (变更) in draft, to be reviewed again.
        case openAmendment
    }

    public static let name = "contract"

    public static let steps: [ProcessStep<ContractProcess>] = [
        // "The business assistant organises a joint review by the departments concerned; the technical part is
        // reviewed by Customer Service."
        ProcessStep(
            [.draft], .openReview, .inReview, by: [.businessAssistant, .marketManager], input: [.reviewers],
            guard: { s, _ in s.contract.milestones.isEmpty ? Message("contract.no_milestones") : nil },
            apply: { s, input, _ throws(DomainError) in
                s.reviews = try Review.name(input.reviewers, from: s.people, recordId: s.contract.id)
                return StepOutcome(note: Review.namesNote(s.reviews, try input.cleanComment()))
            }),
        // Each named reviewer answers, in parallel.
        ProcessStep(
            [.inReview], .review, .inReview, by: ContractAccess.reviewerRoles, input: [.opinion],
            guard: { s, a in Review.mayAnswer(s.reviews, a, process: "contract") },
            apply: { s, input, c throws(DomainError) in
                StepOutcome(note: try Review.answer(&s.reviews, input, context: c))
            },
            then: { s in s.answered ? (s.toMeeting ? .toMeeting : .conclude) : nil }),
        // All approve → approved; any rejection, or a special contract, goes to the review meeting.
        ProcessStep(
            [.inReview], .conclude, .approved, by: ContractAccess.reviewerRoles, automatic: true,
            guard: { s, _ in
                !s.answered
                    ? Message("contract.reviews_pending") : (s.toMeeting ? Message("contract.meeting_needed") : nil)
            }),
        ProcessStep(
            [.inReview], .toMeeting, .awaitingMeeting, by: ContractAccess.reviewerRoles, automatic: true,
            guard: { s, _ in
                !s.answered
                    ? Message("contract.reviews_pending") : (s.toMeeting ? nil : Message("contract.no_meeting_needed"))
            }),
        // "…goes to a review meeting convened by the market manager, whose decision is recorded."
        ProcessStep(
            [.awaitingMeeting], .approve, .approved, by: [.marketManager], input: meeting, apply: recordMeeting),
        ProcessStep(
            [.awaitingMeeting], .returnDraft, .draft, by: [.marketManager], input: meeting, apply: recordMeeting),
        // "After approval Customer Service signs the technical part and the Market Department signs the commercial part."
        ProcessStep(
            [.approved], .signTechnical, .approved, by: [.csManager, .csEngineer],
            guard: { s, _ in s.contract.technicalSignedBy == nil ? nil : Message("contract.already_signed") },
            apply: { s, _, c in
                s.contract.technicalSignedBy = c.actor.id
                return StepOutcome()
            }),
        ProcessStep(
            [.approved], .signCommercial, .approved, by: [.marketManager, .salesRep],
            guard: { s, a in
                if s.contract.commercialSignedBy != nil { return Message("contract.already_signed") }
                if a.has(.salesRep) && !a.has(.marketManager) && s.contract.ownerId != a.id {
                    return .whoAsks("contract.not_owner")
                }
                return nil
            },
            apply: { s, _, c in
                s.contract.commercialSignedBy = c.actor.id
                return StepOutcome()
            }),
        // "The contract then takes effect and enters implementation."
        ProcessStep(
            [.approved], .takeEffect, .effective, by: [.businessAssistant, .marketManager], input: [.customerSignedOn],
            guard: { s, _ in
                s.contract.technicalSignedBy == nil || s.contract.commercialSignedBy == nil
                    ? Message("contract.signatures_missing") : nil
            },
            apply: { s, input, c throws(DomainError) in
                let date = (input.customerSignedOn ?? "").trimmingCharacters(in: .whitespaces)
                guard DateText.isDate(date) else {
                    throw .validation([FieldError("customer_signed_on", "contract.customer_date_missing")])
                }
                guard date <= c.today else {
                    throw .validation([FieldError("customer_signed_on", "contract.date_future")])
                }
                s.contract.customerSignedOn = date
                s.contract.effectiveAt = c.now
                return StepOutcome([.handOver])
            }),
        // An amendment (变更) is a new version that goes through review again; the version it amends is superseded
        // when the new one takes effect.
        // One amendment at a time: a second would be reviewed against terms the first is still changing.
        ProcessStep(
            [.effective], .amend, .effective, by: [.businessAssistant, .marketManager],
            guard: { s, _ in
                s.openAmendment.map {
                    Message("contract.amendment_open", ["number": s.contract.number, "amendment": String($0)])
                }
            },
            apply: { _, _, _ in StepOutcome([.openAmendment]) }),
        ProcessStep([.effective], .supersede, .superseded, by: [.businessAssistant, .marketManager], automatic: true),
        // Void (作废): cannot be undone, so it says why.
        ProcessStep(
            [.draft, .inReview, .awaitingMeeting, .approved], .cancel, .cancelled,
            by: [.businessAssistant, .marketManager], needsReason: true),
    ]

    static let meeting: [StepField] = [.meetingDate, .attendees, .minutes]

    /// The review meeting's record: its date, who attended and the minutes (the decision's reasons).
    static let recordMeeting: ProcessStep<ContractProcess>.Apply = { s, input, _ throws(DomainError) in
        var errors: [FieldError] = []
        let date = (input.meetingDate ?? "").trimmingCharacters(in: .whitespaces)
        if !DateText.isDate(date) { errors.append(FieldError("meeting_date", "field.date")) }
        let attendees = Text.clean(input.attendees ?? "")
        if attendees.isEmpty { errors.append(FieldError("attendees", "field.required")) }
        let minutes = (input.minutes ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if minutes.isEmpty { errors.append(FieldError("minutes", "contract.minutes_needed")) }
        if minutes.count > 20_000 || attendees.count > 500 {
            errors.append(FieldError("minutes", "field.too_long", ["max": "20000"]))
        }
        if !errors.isEmpty { throw .validation(errors) }
        s.contract.meetingDate = date
        s.contract.meetingAttendees = attendees
        s.contract.meetingMinutes = minutes
        return StepOutcome()
    }
}
