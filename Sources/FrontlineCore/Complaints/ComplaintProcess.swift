import Foundation

/// Complaints (客户投诉) on the one runner: acknowledged within the severity's target, handled by the department that
/// owns it (Customer Service for engineering and after-sales, SPEC §3.4), resolved with the root cause, closed with
/// the customer's satisfaction. A compensation (客诉赔偿) is an approval within the authority limits (SPEC §1: the
/// market manager within his limit, the GM above it) and is paid only once approved.
public enum ComplaintProcess: ProcessDefinition {
    public typealias State = Complaint.State
    public enum Action: String, CaseIterable, Sendable {
        case acknowledge, wait, resume, resolve, confirm, reopen
        case requestCompensation = "request_compensation"
        case payCompensation = "pay_compensation"
    }

    public struct Subject: ProcessSubject {
        public var complaint: Complaint
        /// The limits in force, to route a compensation's approval.
        public var limits: AuthorityLimits
        public var limitsVersion: Int
        /// The state of its compensation's approval, if one was asked.
        public var approval: ApprovalRequest.State?
        public init(
            _ complaint: Complaint, limits: AuthorityLimits = .defaults, limitsVersion: Int = 1,
            approval: ApprovalRequest.State? = nil
        ) {
            self.complaint = complaint; self.limits = limits; self.limitsVersion = limitsVersion;
            self.approval = approval
        }
        public var state: Complaint.State {
            get { complaint.state }
            set { complaint.state = newValue }
        }
        public var version: Int {
            get { complaint.version }
            set { complaint.version = newValue }
        }
        public var recordId: Int64 { complaint.id }
        public var record: Complaint { complaint }
    }

    public enum Effect: Sendable, Equatable {
        /// Raise the compensation's approval request; the store writes its id back.
        case raiseApproval(ApprovalRequest)
    }

    public static let name = "complaint"
    static let both = ComplaintAccess.customerService.union(ComplaintAccess.market)
    static let handles: ProcessStep<ComplaintProcess>.Guard = { s, a in ComplaintAccess.handles(a, s.complaint) }

    public static let steps: [ProcessStep<ComplaintProcess>] = [
        // Acknowledged to the customer within the target of its severity: the first answer stops the response clock.
        ProcessStep(
            [.received], .acknowledge, .acknowledged, by: both, input: [.text], guard: handles,
            apply: { s, input, c throws(DomainError) in
                s.complaint.acknowledgement = try Text.require(input.text, 4000, "text")
                s.complaint.times.respond(at: c.now)
                return StepOutcome(note: s.complaint.acknowledgement)
            }),
        ProcessStep([.received], .wait, .waiting, by: both, input: [.text], guard: handles, apply: waitFor(.received)),
        ProcessStep(
            [.acknowledged], .wait, .waiting, by: both, input: [.text], guard: handles, apply: waitFor(.acknowledged)),
        ProcessStep(
            [.waiting], .resume, .received, by: both, input: [.text],
            guard: { s, _ in s.complaint.resumeState == .received ? nil : Message("service.resume_elsewhere") },
            apply: resumed),
        ProcessStep(
            [.waiting], .resume, .acknowledged, by: both, input: [.text],
            guard: { s, _ in s.complaint.resumeState == .acknowledged ? nil : Message("service.resume_elsewhere") },
            apply: resumed),
        // Resolved with the root cause: only this stops the resolution clock.
        ProcessStep(
            [.acknowledged], .resolve, .resolved, by: both, input: [.rootCause, .text], guard: handles,
            apply: { s, input, c throws(DomainError) in
                var errors: [FieldError] = []
                let cause = Text.required(input.rootCause, 2000, "root_cause", &errors)
                let resolution = Text.required(input.text, 4000, "text", &errors)
                if !errors.isEmpty { throw .validation(errors) }
                s.complaint.rootCause = cause
                s.complaint.resolution = resolution
                s.complaint.times.resolve(at: c.now)
                return StepOutcome(note: "\(cause)：\(resolution)")
            }),
        // The customer's closing confirmation and satisfaction, recorded by whoever of either department heard it.
        ProcessStep(
            [.resolved], .confirm, .closed, by: both, input: [.satisfaction, .confirmedBy],
            apply: { s, input, c throws(DomainError) in
                var errors: [FieldError] = []
                let score = StepInput.score(input.satisfaction, "satisfaction", &errors)
                if score == nil && !errors.contains(where: { $0.field == "satisfaction" }) {
                    errors.append(FieldError("satisfaction", "field.required"))
                }
                let who = Text.required(input.confirmedBy, 100, "confirmed_by", &errors)
                if !errors.isEmpty { throw .validation(errors) }
                s.complaint.satisfaction = score
                s.complaint.confirmedBy = who
                s.complaint.closedAt = c.now
                return StepOutcome(note: "\(who) · \(score!)/5")
            }),
        ProcessStep(
            [.resolved], .reopen, .acknowledged, by: both, needsReason: true,
            apply: { s, _, c in
                s.complaint.times.reopen(at: c.now)
                return StepOutcome()
            }),
        // A compensation is asked by the department that handles it and routed by the authority limits.
        ProcessStep(
            [.acknowledged], .requestCompensation, .acknowledged, by: both, input: [.amount, .text],
            guard: compensationOpen, apply: compensate),
        ProcessStep(
            [.resolved], .requestCompensation, .resolved, by: both, input: [.amount, .text], guard: compensationOpen,
            apply: compensate),
        // Paid only once approved, by finance.
        ProcessStep(
            [.acknowledged], .payCompensation, .acknowledged, by: [.finance], input: [.date], guard: approved,
            apply: pay),
        ProcessStep(
            [.resolved], .payCompensation, .resolved, by: [.finance], input: [.date], guard: approved, apply: pay),
        ProcessStep([.closed], .payCompensation, .closed, by: [.finance], input: [.date], guard: approved, apply: pay),
    ]

    static func waitFor(_ from: State) -> ProcessStep<ComplaintProcess>.Apply {
        { s, input, c throws(DomainError) in
            let text = try Text.require(input.text, 4000, "text")
            s.complaint.resumeState = from
            s.complaint.times.pause(at: c.now)
            return StepOutcome(note: text)
        }
    }

    static let resumed: ProcessStep<ComplaintProcess>.Apply = { s, input, c throws(DomainError) in
        let text = try Text.require(input.text, 4000, "text")
        s.complaint.resumeState = nil
        s.complaint.times.resume(at: c.now)
        return StepOutcome(note: text)
    }

    static let compensationOpen: ProcessStep<ComplaintProcess>.Guard = { s, a in
        if let refusal = ComplaintAccess.handles(a, s.complaint) { return refusal }
        if s.approval == .pending || s.approval == .approved { return Message("complaint.compensation_open") }
        return nil
    }

    static let compensate: ProcessStep<ComplaintProcess>.Apply = { s, input, c throws(DomainError) in
        let raw = (input.amount ?? "").trimmingCharacters(in: .whitespaces)
        guard let amount = Money.parse(raw), amount > .zero else {
            throw .validation([FieldError("amount", raw.isEmpty ? "field.required" : "field.amount")])
        }
        let reason = try Text.require(input.text, 4000, "text")
        let c0 = s.complaint
        let request = try ApprovalRequest.raise(
            kind: .compensation, amount: amount, subject: "complaint", subjectId: c0.id,
            title: "客诉赔偿 \(c0.number) \(c0.customerName)：\(Catalog.text(c0.category.labelKey, [:], .zhCN))",
            reason: reason, by: c.actor,
            limits: s.limits, limitsVersion: s.limitsVersion, now: c.now)
        s.complaint.compensation = amount
        s.complaint.compensationPaidOn = ""
        s.approval = .pending
        return StepOutcome([.raiseApproval(request)], note: "¥\(amount.grouped)：\(reason)")
    }

    static let approved: ProcessStep<ComplaintProcess>.Guard = { s, _ in
        if s.approval != .approved { return Message("complaint.compensation_not_approved") }
        if !s.complaint.compensationPaidOn.isEmpty {
            return Message("complaint.compensation_paid", ["day": s.complaint.compensationPaidOn])
        }
        return nil
    }

    static let pay: ProcessStep<ComplaintProcess>.Apply = { s, input, c throws(DomainError) in
        let raw = (input.date ?? "").trimmingCharacters(in: .whitespaces)
        let day = raw.isEmpty ? c.today : raw
        guard DateText.isDate(day) else { throw .validation([FieldError("date", "field.date")]) }
        guard day <= c.today else { throw .validation([FieldError("date", "contract.date_future")]) }
        s.complaint.compensationPaidOn = day
        return StepOutcome(note: "¥\(s.complaint.compensation?.grouped ?? "0") · \(day)")
    }
}
