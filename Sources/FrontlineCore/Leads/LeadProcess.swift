import Foundation

/// A lead on the one runner: handed to a rep, followed up, then qualified — into a customer (or the existing one it
/// matches, found as duplicates are) and an opportunity, in the step's transaction — or discarded with the reason.
public enum LeadProcess: ProcessDefinition {
    public typealias State = Lead.State
    public enum Action: String, CaseIterable, Sendable {
        case assign
        case followUp = "follow_up"
        case qualify, discard, reopen
    }

    public struct Subject: ProcessSubject {
        public var lead: Lead
        /// The active sales reps (id → name): whom a lead may be handed to.
        public var reps: [Int64: String]
        public init(_ lead: Lead, reps: [Int64: String] = [:]) { self.lead = lead; self.reps = reps }
        public var state: Lead.State {
            get { lead.state }
            set { lead.state = newValue }
        }
        public var version: Int {
            get { lead.version }
            set { lead.version = newValue }
        }
        public var recordId: Int64 { lead.id }
        public var record: Lead { lead }
    }

    /// What qualifying asks the store for: the customer (found or made) and the opportunity, named and valued.
    public enum Effect: Sendable, Equatable {
        case convert(title: String, amount: Money)
    }

    public static let name = "lead"
    static let workers = LeadAccess.workers

    static let mine: ProcessStep<LeadProcess>.Guard = { s, a in
        if LeadAccess.readsAll(a) { return nil }
        return s.lead.ownerId == a.id ? nil : .whoAsks("lead.not_owner")
    }

    public static let steps: [ProcessStep<LeadProcess>] = [
        // The manager or the assistant hands a lead to a rep (a web-form lead arrives unowned).
        ProcessStep(
            [.open], .assign, .open, by: [.gm, .marketManager, .businessAssistant], input: [.ownerId],
            apply: { s, input, _ throws(DomainError) in
                let raw = (input.ownerId ?? "").trimmingCharacters(in: .whitespaces)
                guard let id = Int64(raw), let name = s.reps[id] else {
                    throw .validation([FieldError("owner_id", "customer.owner_not_rep")])
                }
                guard id != s.lead.ownerId else { throw .validation([FieldError("owner_id", "lead.same_owner")]) }
                s.lead.ownerId = id
                return StepOutcome(
                    note: [name, try input.cleanComment()].filter { !$0.isEmpty }.joined(separator: "："))
            }),
        // A follow-up: what happened, and the next date.
        ProcessStep(
            [.open], .followUp, .open, by: workers, input: [.text, .date], guard: mine,
            apply: { s, input, c throws(DomainError) in
                var errors: [FieldError] = []
                let text = Text.required(input.text, 2000, "text", &errors)
                let day = (input.date ?? "").trimmingCharacters(in: .whitespaces)
                if !day.isEmpty && !DateText.isDate(day) {
                    errors.append(FieldError("date", "field.date"))
                } else if !day.isEmpty && day < c.today {
                    errors.append(FieldError("date", "lead.follow_up_past"))
                }
                if !errors.isEmpty { throw .validation(errors) }
                s.lead.nextFollowUp = day
                return StepOutcome(note: day.isEmpty ? text : "\(text)（\(day)）")
            }),
        // Qualified: a customer and an opportunity, in one transaction; the opportunity's title and amount may be given.
        ProcessStep(
            [.open], .qualify, .qualified, by: workers, input: [.title, .amount],
            guard: { s, a in s.lead.ownerId == nil ? Message("lead.owner_needed") : mine(s, a) },
            apply: { s, input, _ throws(DomainError) in
                var errors: [FieldError] = []
                var title = Text.limit(input.title ?? "", 200, "title", &errors) ?? ""
                if title.isEmpty {
                    title =
                        String(
                            (s.lead.need.isEmpty ? s.lead.company : "\(s.lead.company)：\(s.lead.need)").split(
                                separator: "\n"
                            ).first ?? ""
                        ).prefix(200).description
                }
                var amount = Money.zero
                let raw = (input.amount ?? "").trimmingCharacters(in: .whitespaces)
                if !raw.isEmpty {
                    if let m = Money.parse(raw), m.withinCeiling, m.fen >= 0 {
                        amount = m
                    } else {
                        errors.append(FieldError("amount", "field.amount"))
                    }
                }
                if !errors.isEmpty { throw .validation(errors) }
                s.lead.nextFollowUp = ""
                return StepOutcome([.convert(title: title, amount: amount)], note: title)
            }),
        ProcessStep(
            [.open], .discard, .discarded, by: workers, input: [.reason], guard: mine,
            apply: { s, input, _ throws(DomainError) in
                s.lead.discardReason = try Text.require(input.reason, 1000, "reason")
                s.lead.nextFollowUp = ""
                return StepOutcome(
                    note: [s.lead.discardReason, try input.cleanComment()].filter { !$0.isEmpty }.joined(separator: "：")
                )
            }),
        ProcessStep(
            [.discarded], .reopen, .open, by: [.gm, .marketManager, .businessAssistant], needsReason: true,
            apply: { s, _, _ in
                s.lead.discardReason = ""
                return StepOutcome()
            }),
    ]
}
