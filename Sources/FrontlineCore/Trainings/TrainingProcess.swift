import Foundation

/// Customer training (客户培训) on the one runner: Customer Service plans, invites the customer's contacts, holds the
/// session recording who attended, and records each attendee's feedback.
public enum TrainingProcess: ProcessDefinition {
    public typealias State = Training.State
    public enum Action: String, CaseIterable, Sendable {
        case invite, reschedule, hold, feedback, cancel
    }

    public struct Subject: ProcessSubject {
        public var training: Training
        public var attendees: [TrainingAttendee]
        /// The customer's current contacts (id → name): whom one may invite.
        public var contacts: [Int64: String]
        public init(_ training: Training, attendees: [TrainingAttendee] = [], contacts: [Int64: String] = [:]) {
            self.training = training; self.attendees = attendees; self.contacts = contacts
        }
        public var state: Training.State {
            get { training.state }
            set { training.state = newValue }
        }
        public var version: Int {
            get { training.version }
            set { training.version = newValue }
        }
        public var recordId: Int64 { training.id }
        public var record: Training { training }
    }

    public static let name = "training"
    static let cs = TrainingAccess.customerService

    public static let steps: [ProcessStep<TrainingProcess>] = [
        // Invites from the customer's contacts.
        ProcessStep(
            [.planned], .invite, .planned, by: cs, input: [.contacts],
            apply: { s, input, _ throws(DomainError) in
                let ids = try contactIds(s, input)
                guard !ids.isEmpty else { throw .validation([FieldError("contacts", "training.contacts_needed")]) }
                var added: [String] = []
                for id in ids where !s.attendees.contains(where: { $0.contactId == id }) {
                    s.attendees.append(TrainingAttendee(contactId: id, name: s.contacts[id]!))
                    added.append(s.contacts[id]!)
                }
                if s.attendees.count > 200 { throw .validation([FieldError("contacts", "training.too_many")]) }
                return StepOutcome(note: added.joined(separator: "、"))
            }),
        ProcessStep(
            [.planned], .reschedule, .planned, by: cs, input: [.startsAt, .place],
            apply: { s, input, _ throws(DomainError) in
                var errors: [FieldError] = []
                let start = DateText.parseDateTime((input.startsAt ?? "").trimmingCharacters(in: .whitespaces))
                if start == nil { errors.append(FieldError("starts_at", "field.datetime")) }
                let place = Text.required(input.place, 300, "place", &errors)
                if !errors.isEmpty { throw .validation(errors) }
                s.training.startsAt = start! * 1000
                s.training.place = place
                return StepOutcome(note: "\(DateText.minute(start!)) · \(place)")
            }),
        // Held: who came (the invited not named were absent; a contact who came uninvited is added).
        ProcessStep(
            [.planned], .hold, .held, by: cs, input: [.contacts, .date],
            apply: { s, input, c throws(DomainError) in
                let present = try contactIds(s, input)
                let raw = (input.date ?? "").trimmingCharacters(in: .whitespaces)
                let day = raw.isEmpty ? c.today : raw
                guard DateText.isDate(day) else { throw .validation([FieldError("date", "field.date")]) }
                guard day <= c.today else { throw .validation([FieldError("date", "contract.date_future")]) }
                for id in present where !s.attendees.contains(where: { $0.contactId == id }) {
                    s.attendees.append(TrainingAttendee(contactId: id, name: s.contacts[id]!))
                }
                for i in s.attendees.indices { s.attendees[i].attended = present.contains(s.attendees[i].contactId) }
                s.training.heldOn = day
                return StepOutcome(note: "\(day) · \(present.count)/\(s.attendees.count)")
            }),
        // Each attendee's feedback: a score 1–5 and his comments.
        ProcessStep(
            [.held], .feedback, .held, by: cs, input: [.contactId, .score, .text],
            apply: { s, input, _ throws(DomainError) in
                var errors: [FieldError] = []
                let raw = (input.contactId ?? "").trimmingCharacters(in: .whitespaces)
                let i = Int64(raw).flatMap { id in s.attendees.firstIndex { $0.contactId == id && $0.attended } }
                if i == nil { errors.append(FieldError("contact_id", "training.not_attendee")) }
                let score = StepInput.score(input.score, "score", &errors)
                if score == nil && !errors.contains(where: { $0.field == "score" }) {
                    errors.append(FieldError("score", "field.whole_range", ["min": "1", "max": "5"]))
                }
                let comment = Text.limit(input.text ?? "", 2000, "text", &errors, multiline: true) ?? ""
                if !errors.isEmpty { throw .validation(errors) }
                s.attendees[i!].score = score
                s.attendees[i!].comment = comment
                return StepOutcome(note: "\(s.attendees[i!].name) · \(score!)/5\(comment.isEmpty ? "" : "：\(comment)")")
            }),
        ProcessStep([.planned], .cancel, .cancelled, by: [.csManager], needsReason: true),
    ]

    /// The contacts a step names, each one of the customer's.
    static func contactIds(_ s: Subject, _ input: StepInput) throws(DomainError) -> [Int64] {
        var out: [Int64] = []
        for raw in input.contacts ?? [] {
            guard let id = Int64(raw.trimmingCharacters(in: .whitespaces)), s.contacts[id] != nil else {
                throw .validation([FieldError("contacts", "training.not_contact", ["id": raw])])
            }
            if !out.contains(id) { out.append(id) }
        }
        return out
    }
}
