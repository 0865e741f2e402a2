import Foundation

/// An engineering or after-sales request (工程施工和售后服务): the front-line rep asks on his customer's behalf,
/// Customer Service alone judges whether it can be done and decides whether and when to do it (SPEC §3.4: "the
/// Market Department does not judge feasibility"), does it, and closes it with the customer's confirmation.
public struct ServiceRequest: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        /// 工程施工: construction on the customer's site.
        case engineering
        /// 安装调试.
        case installation
        /// 故障维修.
        case repair
        /// 维护保养.
        case maintenance
        /// 升级改造.
        case upgrade
        case other
        public var labelKey: String { "service.kind.\(rawValue)" }
    }

    public enum State: String, CaseIterable, Codable, Sendable {
        /// Waiting for Customer Service's verdict (待答复).
        case submitted
        /// Judged feasible (with or without conditions): Customer Service decides when to do it.
        case answered
        /// Planned: engineers and dates set; the work log runs.
        case scheduled
        /// Waiting on the customer: the service-level clocks are paused.
        case waiting
        /// Done as Customer Service sees it; waiting for the customer's confirmation.
        case resolved
        case closed
        /// Judged not feasible.
        case declined
        case withdrawn
        public var labelKey: String { "process.service_request.state.\(rawValue)" }
        public var open: Bool { ![.closed, .declined, .withdrawn].contains(self) }
        public static var openStates: [State] { allCases.filter(\.open) }
    }

    public enum Verdict: String, CaseIterable, Codable, Sendable {
        case feasible
        /// 有条件可行: the conditions say what.
        case conditional
        case notFeasible = "not_feasible"
        public var labelKey: String { "service.verdict.\(rawValue)" }
    }

    public var id: Int64
    /// `FW2026-0001`.
    public var number: String
    public var kind: Kind
    public var title: String
    public var detail: String
    /// Where the work is to be done.
    public var location: String
    /// The day the customer wishes it done by, `YYYY-MM-DD`, or empty.
    public var wishedOn: String
    public var customerId: Int64
    public var customerName: String
    /// The rep who asked.
    public var requesterId: Int64
    public var requesterName: String
    /// The customer's owner now: he reads it as his account's.
    public var accountOwnerId: Int64?
    public var contractId: Int64?
    public var contractNumber: String
    public var implementationId: Int64?
    public var state: State
    /// Where a case waiting on the customer goes back to when he answers.
    public var resumeState: State?
    public var verdict: Verdict?
    /// Customer Service's reasoning, and the conditions of a conditional verdict.
    public var verdictReason: String
    public var conditions: String
    public var verdictBy: Int64?
    public var verdictByName: String
    /// The plan Customer Service decided on, the engineers and the days.
    public var plan: String
    public var engineerIds: [Int64]
    public var startOn: String
    public var endOn: String
    public var resolution: String
    /// Who at the customer confirmed it done, and how satisfied he was (1–5), if he said.
    public var confirmedBy: String
    public var satisfaction: Int?
    public var times: ServiceTimes
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64
    public var closedAt: Int64?

    public init(
        id: Int64 = 0, number: String = "", kind: Kind, title: String, detail: String = "", location: String = "",
        wishedOn: String = "",
        customerId: Int64, customerName: String = "", requesterId: Int64, requesterName: String = "",
        accountOwnerId: Int64? = nil,
        contractId: Int64? = nil, contractNumber: String = "", implementationId: Int64? = nil,
        state: State = .submitted, resumeState: State? = nil,
        verdict: Verdict? = nil, verdictReason: String = "", conditions: String = "", verdictBy: Int64? = nil,
        verdictByName: String = "",
        plan: String = "", engineerIds: [Int64] = [], startOn: String = "", endOn: String = "", resolution: String = "",
        confirmedBy: String = "",
        satisfaction: Int? = nil, times: ServiceTimes, version: Int = 1, createdAt: Int64 = 0, updatedAt: Int64 = 0,
        closedAt: Int64? = nil
    ) {
        self.id = id; self.number = number; self.kind = kind; self.title = title; self.detail = detail;
        self.location = location
        self.wishedOn = wishedOn; self.customerId = customerId; self.customerName = customerName;
        self.requesterId = requesterId
        self.requesterName = requesterName; self.accountOwnerId = accountOwnerId; self.contractId = contractId;
        self.contractNumber = contractNumber
        self.implementationId = implementationId; self.state = state; self.resumeState = resumeState;
        self.verdict = verdict
        self.verdictReason = verdictReason; self.conditions = conditions; self.verdictBy = verdictBy;
        self.verdictByName = verdictByName
        self.plan = plan; self.engineerIds = engineerIds; self.startOn = startOn; self.endOn = endOn;
        self.resolution = resolution
        self.confirmedBy = confirmedBy; self.satisfaction = satisfaction; self.times = times; self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.closedAt = closedAt
    }

    /// The service-level subject its targets are set for.
    public var levelSubject: String { "request.\(kind.rawValue)" }
}

/// One entry of a request's work log (工作记录): who did what on which day, for how long.
public struct ServiceWorkEntry: Sendable, Equatable, Codable {
    public var id: Int64
    public var by: Int64
    public var name: String
    /// Milliseconds since 1970, when it was written.
    public var at: Int64
    /// `YYYY-MM-DD`, the day the work was done.
    public var day: String
    /// Working minutes spent.
    public var minutes: Int
    public var text: String
    public init(id: Int64 = 0, by: Int64, name: String, at: Int64, day: String, minutes: Int, text: String) {
        self.id = id; self.by = by; self.name = name; self.at = at; self.day = day; self.minutes = minutes;
        self.text = text
    }
}

/// What a new request says; checked against the customer it names.
public struct ServiceRequestDraft: Sendable, Equatable {
    public var kind: String?
    public var title: String?
    public var detail: String?
    public var location: String?
    public var wishedOn: String?
    public var customerId: String?
    public var contractId: String?
    public var implementationId: String?
    public init(
        kind: String? = nil, title: String? = nil, detail: String? = nil, location: String? = nil,
        wishedOn: String? = nil, customerId: String? = nil,
        contractId: String? = nil, implementationId: String? = nil
    ) {
        self.kind = kind; self.title = title; self.detail = detail; self.location = location; self.wishedOn = wishedOn;
        self.customerId = customerId
        self.contractId = contractId; self.implementationId = implementationId
    }

    /// The customer it names, or the field error.
    public func customer() throws(DomainError) -> Int64 {
        guard let raw = customerId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            throw .validation([FieldError("customer_id", "field.required")])
        }
        guard let id = Int64(raw), id > 0 else { throw .validation([FieldError("customer_id", "field.not_id")]) }
        return id
    }

    /// A request from these fields for `customer`: `contracts` are the customer's (id → number), `implementations`
    /// his contracts' implementations (id → contract id). A day wished for may not be past.
    public func validated(
        customer: (id: Int64, name: String), contracts: [Int64: String], implementations: [Int64: Int64],
        by actor: Actor,
        today: String, now: Int64, target: ServiceLevels.Target
    ) throws(DomainError) -> ServiceRequest {
        var errors: [FieldError] = []
        let kind = ServiceRequest.Kind(rawValue: (kind ?? "").trimmingCharacters(in: .whitespaces))
        if kind == nil {
            errors.append(FieldError.oneOf("kind", ServiceRequest.Kind.self))
        }
        let title = Text.required(title, 200, "title", &errors)
        let detail = Text.limit(detail ?? "", 4000, "detail", &errors, multiline: true) ?? ""
        if detail.isEmpty && !errors.contains(where: { $0.field == "detail" }) {
            errors.append(FieldError("detail", "field.required"))
        }
        let location = Text.limit(location ?? "", 200, "location", &errors) ?? ""
        let wished = (wishedOn ?? "").trimmingCharacters(in: .whitespaces)
        if !wished.isEmpty {
            if !DateText.isDate(wished) {
                errors.append(FieldError("wished_on", "field.date"))
            } else if wished < today {
                errors.append(FieldError("wished_on", "service.wished_past"))
            }
        }
        var contract: Int64?
        if let c = Text.optionalID(contractId ?? "", "contract_id", &errors) ?? nil {
            if contracts[c] == nil {
                errors.append(FieldError("contract_id", "service.not_customers_contract"))
            } else {
                contract = c
            }
        }
        var implementation: Int64?
        if let i = Text.optionalID(implementationId ?? "", "implementation_id", &errors) ?? nil {
            if let k = implementations[i] {
                implementation = i
                if let contract, contract != k {
                    errors.append(FieldError("implementation_id", "service.implementation_other_contract"))
                }
                if contract == nil { contract = k }
            } else {
                errors.append(FieldError("implementation_id", "service.not_customers_implementation"))
            }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return ServiceRequest(
            kind: kind!, title: title, detail: detail, location: location, wishedOn: wished, customerId: customer.id,
            customerName: customer.name,
            requesterId: actor.id, requesterName: actor.displayName, contractId: contract,
            contractNumber: contract.flatMap { contracts[$0] } ?? "",
            implementationId: implementation, times: ServiceTimes(openedAt: now, target: target), createdAt: now,
            updatedAt: now)
    }
}

/// Who reads and who works on service requests.
public enum ServiceAccess {
    public static let customerService: Set<Role> = [.csManager, .csEngineer]
    public static let market: Set<Role> = [.marketManager, .businessAssistant, .salesRep]
    /// Everyone but the rep reads every request: Customer Service, the GM, the market manager and his assistant.
    static let readAll: Set<Role> = customerService.union([.gm, .marketManager, .businessAssistant])

    public static func readsAll(_ actor: Actor) -> Bool { actor.hasAny(readAll) }
    /// Who lists requests: whoever reads them all, and a sales rep (those he asked for and his customers').
    public static func canBrowse(_ actor: Actor) -> Bool { readsAll(actor) || actor.has(.salesRep) }

    /// A rep reads the requests he made and those of the customers he owns.
    public static func canRead(_ actor: Actor, _ r: ServiceRequest) -> Bool {
        readsAll(actor) || (actor.has(.salesRep) && (r.requesterId == actor.id || r.accountOwnerId == actor.id))
    }

    /// Who may ask: a rep for a customer he owns, the market manager and the business assistant for any.
    public static func mayRequest(_ actor: Actor, customerOwner: Int64?) -> Message? {
        if actor.hasAny([.marketManager, .businessAssistant]) { return nil }
        if actor.has(.salesRep) { return customerOwner == actor.id ? nil : .whoAsks("service.not_your_customer") }
        return .whoAsks("service.market_asks")
    }

    /// A Customer Service user works on it: the manager always, an engineer while nobody is assigned or when he is.
    public static func works(_ actor: Actor, _ r: ServiceRequest) -> Message? {
        if actor.has(.csManager) || r.engineerIds.isEmpty || r.engineerIds.contains(actor.id) { return nil }
        return .whoAsks("service.not_assigned")
    }
}
