import Foundation

/// Pre-sales support (销售支持) as SPEC §3.5 puts it, one row per step: "the rep asks; the market manager endorses
/// and submits it to Customer Service; the CS manager allocates an engineer and the time; resources are coordinated
/// between the two departments."
public enum SupportRequestProcess: ProcessDefinition {
    public typealias State = SupportRequest.State
    public enum Action: String, CaseIterable, Sendable {
        case endorse
        case returnToRep = "return"
        case resubmit, allocate, decline
        case recordOutcome = "record_outcome"
        case cancel
    }

    public struct Subject: ProcessSubject {
        public var request: SupportRequest
        /// Who may be allocated: the active users.
        public var people: [User]
        /// The other bookings of the allocated engineer that overlap this one.
        public var conflicts: [SupportRequest]
        public init(_ request: SupportRequest, people: [User] = [], conflicts: [SupportRequest] = []) {
            self.request = request; self.people = people; self.conflicts = conflicts
        }
        public var state: SupportRequest.State {
            get { request.state }
            set { request.state = newValue }
        }
        public var version: Int {
            get { request.version }
            set { request.version = newValue }
        }
        public var recordId: Int64 { request.id }
        public var record: SupportRequest { request }
    }

    public enum Effect: Sendable, Equatable {
        /// The outcome goes onto the customer's timeline as a meeting with him.
        case timeline(customerId: Int64, summary: String)
    }

    public static let name = "support_request"

    public static let steps: [ProcessStep<SupportRequestProcess>] = [
        ProcessStep([.submitted], .endorse, .endorsed, by: [.marketManager]),
        ProcessStep([.submitted], .returnToRep, .returned, by: [.marketManager], needsReason: true),
        ProcessStep(
            [.returned], .resubmit, .submitted, by: [.salesRep, .marketManager],
            guard: { s, a in
                a.has(.marketManager) || s.request.requesterId == a.id ? nil : .whoAsks("support.not_requester")
            }),
        // The CS manager allocates an engineer and the time; again to change them (which is how a conflict is resolved).
        ProcessStep(
            [.endorsed, .scheduled], .allocate, .scheduled, by: [.csManager], input: [.engineerId, .startsAt, .endsAt],
            apply: { s, input, c throws(DomainError) in
                var errors: [FieldError] = []
                let raw = (input.engineerId ?? "").trimmingCharacters(in: .whitespaces)
                let engineer = Int64(raw).flatMap { id in s.people.first { $0.id == id && $0.isServiceStaff } }
                if engineer == nil {
                    errors.append(FieldError("engineer_id", "implementation.bad_engineer", ["id": raw]))
                }
                let start = DateText.parseDateTime((input.startsAt ?? "").trimmingCharacters(in: .whitespaces))
                let end = DateText.parseDateTime((input.endsAt ?? "").trimmingCharacters(in: .whitespaces))
                if start == nil { errors.append(FieldError("starts_at", "field.datetime")) }
                if end == nil {
                    errors.append(FieldError("ends_at", "field.datetime"))
                } else if let start, let end, end <= start {
                    errors.append(FieldError("ends_at", "support.end_before_start"))
                } else if let start, let end, end - start > 14 * 86_400 {
                    errors.append(FieldError("ends_at", "support.too_long"))
                }
                if !errors.isEmpty { throw .validation(errors) }
                s.request.engineerId = engineer!.id
                s.request.startsAt = start! * 1000
                s.request.endsAt = end! * 1000
                return StepOutcome(
                    note: "\(engineer!.displayName) · \(DateText.minute(start!)) – \(DateText.minute(end!))")
            }),
        ProcessStep([.endorsed], .decline, .declined, by: [.csManager], needsReason: true),
        // The engineer records the outcome, which goes onto the customer's timeline.
        ProcessStep(
            [.scheduled], .recordOutcome, .done, by: [.csManager, .csEngineer], input: [.text],
            guard: { s, a in a.has(.csManager) || s.request.engineerId == a.id ? nil : .whoAsks("support.not_allocated")
            },
            apply: { s, input, c throws(DomainError) in
                let text = try Text.require(input.text, 4000, "text")
                s.request.outcome = text
                let label = Catalog.text(s.request.kind.labelKey, [:], .zhCN)
                return StepOutcome(
                    [.timeline(customerId: s.request.customerId, summary: "售前支持（\(label)）\(s.request.title)：\(text)")],
                    note: text)
            }),
        ProcessStep(
            [.submitted, .returned, .endorsed, .scheduled], .cancel, .cancelled, by: [.salesRep, .marketManager],
            needsReason: true,
            guard: { s, a in
                a.has(.marketManager) || s.request.requesterId == a.id ? nil : .whoAsks("support.not_requester")
            }),
    ]
}
