import Foundation

/// Customer training (客户培训, SPEC §3.6): Customer Service plans sessions per contract or implementation, invites
/// the customer's contacts, records who attended and what each thought of it; a contract's training plan sets what
/// was promised (its implementation's training milestones) against what was given.
public struct Training: Sendable, Equatable, Codable {
    public enum Mode: String, CaseIterable, Codable, Sendable {
        case onsite, online
        public var labelKey: String { "training.mode.\(rawValue)" }
    }

    public enum State: String, CaseIterable, Codable, Sendable {
        case planned, held, cancelled
        public var labelKey: String { "process.training.state.\(rawValue)" }
    }

    public var id: Int64
    /// `PX2026-0001`.
    public var number: String
    public var contractId: Int64
    public var contractNumber: String
    public var implementationId: Int64?
    public var customerId: Int64
    public var customerName: String
    public var accountOwnerId: Int64?
    public var topic: String
    public var trainerId: Int64
    /// Milliseconds since 1970, and how long.
    public var startsAt: Int64
    public var hours: Int
    public var mode: Mode
    /// The room, or the meeting link.
    public var place: String
    public var state: State
    public var heldOn: String
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64 = 0, number: String = "", contractId: Int64, contractNumber: String = "",
        implementationId: Int64? = nil, customerId: Int64,
        customerName: String = "", accountOwnerId: Int64? = nil, topic: String, trainerId: Int64, startsAt: Int64,
        hours: Int, mode: Mode, place: String,
        state: State = .planned, heldOn: String = "", version: Int = 1, createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.contractId = contractId; self.contractNumber = contractNumber;
        self.implementationId = implementationId
        self.customerId = customerId; self.customerName = customerName; self.accountOwnerId = accountOwnerId;
        self.topic = topic; self.trainerId = trainerId
        self.startsAt = startsAt; self.hours = hours; self.mode = mode; self.place = place; self.state = state;
        self.heldOn = heldOn
        self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// One invited contact of the customer: whether he came, and his feedback.
public struct TrainingAttendee: Sendable, Equatable, Codable {
    public var id: Int64
    public var contactId: Int64
    public var name: String
    public var attended: Bool
    public var score: Int?
    public var comment: String
    public init(
        id: Int64 = 0, contactId: Int64, name: String, attended: Bool = false, score: Int? = nil, comment: String = ""
    ) {
        self.id = id; self.contactId = contactId; self.name = name; self.attended = attended; self.score = score;
        self.comment = comment
    }
}

/// What a new session says.
public struct TrainingDraft: Sendable, Equatable {
    public var contractId: String?
    public var implementationId: String?
    public var topic: String?
    public var trainerId: String?
    public var startsAt: String?
    public var hours: String?
    public var mode: String?
    public var place: String?
    public init(
        contractId: String? = nil, implementationId: String? = nil, topic: String? = nil, trainerId: String? = nil,
        startsAt: String? = nil,
        hours: String? = nil, mode: String? = nil, place: String? = nil
    ) {
        self.contractId = contractId; self.implementationId = implementationId; self.topic = topic;
        self.trainerId = trainerId; self.startsAt = startsAt
        self.hours = hours; self.mode = mode; self.place = place
    }

    /// The session: `contract` is the one named (or the implementation's), `trainers` the active Customer Service staff.
    public func validated(
        contract: (id: Int64, customerId: Int64)?, implementationId: Int64?, trainers: [Int64: String], now: Int64
    ) throws(DomainError) -> Training {
        var errors: [FieldError] = []
        if contract == nil {
            errors.append(
                FieldError(
                    self.implementationId?.isEmpty == false ? "implementation_id" : "contract_id",
                    "training.no_contract"))
        }
        let topic = Text.required(topic, 200, "topic", &errors)
        var trainer: Int64 = 0
        if let t = Int64((trainerId ?? "").trimmingCharacters(in: .whitespaces)), trainers[t] != nil {
            trainer = t
        } else {
            errors.append(FieldError("trainer_id", "training.bad_trainer"))
        }
        let start = DateText.parseDateTime((startsAt ?? "").trimmingCharacters(in: .whitespaces))
        if start == nil { errors.append(FieldError("starts_at", "field.datetime")) }
        var hours = 0
        if let h = Int((self.hours ?? "").trimmingCharacters(in: .whitespaces)), (1...40).contains(h) {
            hours = h
        } else {
            errors.append(FieldError("hours", "field.range", ["min": "1", "max": "40"]))
        }
        let mode = Training.Mode(rawValue: (mode ?? "").trimmingCharacters(in: .whitespaces))
        if mode == nil {
            errors.append(
                FieldError(
                    "mode", "field.one_of", ["values": Training.Mode.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        let place = Text.required(place, 300, "place", &errors)
        if !errors.isEmpty { throw .validation(errors) }
        return Training(
            contractId: contract!.id, implementationId: implementationId, customerId: contract!.customerId,
            topic: topic, trainerId: trainer,
            startsAt: start! * 1000, hours: hours, mode: mode!, place: place, createdAt: now, updatedAt: now)
    }
}

/// Who reads and who runs trainings.
public enum TrainingAccess {
    public static let customerService: Set<Role> = [.csManager, .csEngineer]
    static let readAll: Set<Role> = customerService.union([.gm, .marketManager, .businessAssistant])
    public static func readsAll(_ actor: Actor) -> Bool { actor.hasAny(readAll) }
    /// Who lists sessions: whoever reads them all, and a sales rep (his customers').
    public static func canBrowse(_ actor: Actor) -> Bool { readsAll(actor) || actor.has(.salesRep) }
    /// A rep reads the trainings of the customers he owns.
    public static func canRead(_ actor: Actor, _ t: Training) -> Bool {
        readsAll(actor) || (actor.has(.salesRep) && t.accountOwnerId == actor.id)
    }
}

/// A contract's training plan: what was promised (its implementation's training milestones) against what was given.
public struct TrainingPlan: Sendable, Equatable {
    public struct Promise: Sendable, Equatable {
        public var title: String
        public var due: String
        public var doneOn: String
        public init(title: String, due: String, doneOn: String) {
            self.title = title; self.due = due; self.doneOn = doneOn
        }
    }
    public struct Given: Sendable, Equatable {
        public var training: Training
        public var invited: Int
        public var attended: Int
        /// Mean feedback score in tenths, of those who gave one.
        public var scoreTenths: Int?
        public init(training: Training, invited: Int, attended: Int, scoreTenths: Int?) {
            self.training = training; self.invited = invited; self.attended = attended; self.scoreTenths = scoreTenths
        }
    }
    public var promised: [Promise]
    public var given: [Given]
    public init(promised: [Promise], given: [Given]) { self.promised = promised; self.given = given }
    /// Sessions held, against the sessions promised.
    public var heldCount: Int { given.filter { $0.training.state == .held }.count }
}
