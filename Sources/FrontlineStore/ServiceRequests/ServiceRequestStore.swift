import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which service requests to list.
public struct ServiceRequestFilter: Sendable, Equatable {
    public var q: String?
    public var state: ServiceRequest.State?
    public var kind: ServiceRequest.Kind?
    public var customerId: Int64?
    /// Only those not closed, declined or withdrawn.
    public var open: Bool
    /// Only open ones whose answer or resolution is due soon or overdue (at `now`).
    public var attention: Bool
    /// Only those the actor asked for, or is assigned to.
    public var mine: Bool
    /// `id` (asked), `due` (the resolution target, the nearest first, paused and stopped ones last), `wished_on`
    /// (the customer's day, none last), `customer`; descending when `descending`.
    public var sort: String
    public var descending: Bool
    public static let sorts: Set<String> = ["id", "due", "wished_on", "customer"]
    public init(
        q: String? = nil, state: ServiceRequest.State? = nil, kind: ServiceRequest.Kind? = nil,
        customerId: Int64? = nil, open: Bool = false,
        attention: Bool = false, mine: Bool = false, sort: String = "id", descending: Bool = true
    ) {
        self.sort = sort; self.descending = descending
        self.q = q; self.state = state; self.kind = kind; self.customerId = customerId; self.open = open;
        self.attention = attention; self.mine = mine
    }
}

/// Engineering and after-sales requests (工程施工和售后服务, SPEC §3.4).
extension Store {
    static let serviceRequestColumns =
        [
            "id", "number", "kind", "title", "detail", "location", "wished_on", "customer_id", "requester_id",
            "contract_id", "implementation_id", "state",
            "resume_state", "verdict", "verdict_reason", "conditions", "verdict_by", "verdict_by_name", "plan",
            "engineer_ids", "start_on", "end_on",
            "resolution", "confirmed_by", "satisfaction", "version", "created_at", "updated_at", "closed_at",
        ] + serviceTimeColumns

    func serviceRequestSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.serviceRequestColumns.map { SQLColumn($0, table: "r") })
            .column(SQLColumn("name", table: "c"), as: "customer_name").column(
                SQLColumn("owner_id", table: "c"), as: "account_owner_id"
            )
            .column(SQLColumn("display_name", table: "u"), as: "requester_name").column(
                SQLColumn("number", table: "k"), as: "contract_number"
            )
            .from(SQLAlias(SQLIdentifier("service_requests"), as: SQLIdentifier("r")))
            .join(
                SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                on: SQLColumn("customer_id", table: "r"), .equal, SQLColumn("id", table: "c")
            )
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.left,
                on: SQLColumn("requester_id", table: "r"), .equal, SQLColumn("id", table: "u")
            )
            .join(
                SQLAlias(SQLIdentifier("contracts"), as: SQLIdentifier("k")), method: SQLJoinMethod.left,
                on: SQLColumn("contract_id", table: "r"), .equal, SQLColumn("id", table: "k"))
    }

    static func decodeServiceRequest(_ r: any SQLRow) throws -> ServiceRequest {
        let engineers =
            (try? JSONDecoder().decode(
                [Int64].self, from: Data(try r.decode(column: "engineer_ids", as: String.self).utf8))) ?? []
        return ServiceRequest(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            kind: ServiceRequest.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .other,
            title: try r.decode(column: "title", as: String.self),
            detail: try r.decode(column: "detail", as: String.self),
            location: try r.decode(column: "location", as: String.self),
            wishedOn: try r.decode(column: "wished_on", as: String.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            customerName: try r.decode(column: "customer_name", as: String.self),
            requesterId: try r.decode(column: "requester_id", as: Int64.self),
            requesterName: try r.decode(column: "requester_name", as: String?.self) ?? "",
            accountOwnerId: try r.decode(column: "account_owner_id", as: Int64?.self),
            contractId: try r.decode(column: "contract_id", as: Int64?.self),
            contractNumber: try r.decode(column: "contract_number", as: String?.self) ?? "",
            implementationId: try r.decode(column: "implementation_id", as: Int64?.self),
            state: ServiceRequest.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .submitted,
            resumeState: ServiceRequest.State(rawValue: try r.decode(column: "resume_state", as: String.self)),
            verdict: ServiceRequest.Verdict(rawValue: try r.decode(column: "verdict", as: String.self)),
            verdictReason: try r.decode(column: "verdict_reason", as: String.self),
            conditions: try r.decode(column: "conditions", as: String.self),
            verdictBy: try r.decode(column: "verdict_by", as: Int64?.self),
            verdictByName: try r.decode(column: "verdict_by_name", as: String.self),
            plan: try r.decode(column: "plan", as: String.self), engineerIds: engineers,
            startOn: try r.decode(column: "start_on", as: String.self),
            endOn: try r.decode(column: "end_on", as: String.self),
            resolution: try r.decode(column: "resolution", as: String.self),
            confirmedBy: try r.decode(column: "confirmed_by", as: String.self),
            satisfaction: try r.decode(column: "satisfaction", as: Int?.self),
            times: try decodeServiceTimes(r), version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self),
            closedAt: try r.decode(column: "closed_at", as: Int64?.self))
    }

    /// A rep reads those he asked for and those of the customers he owns; the others read every one.
    func scopeServiceRequests<B: SQLPredicateBuilder>(_ b: B, for actor: Actor) -> B {
        if !ServiceAccess.readsAll(actor) {
            let me = actor.has(.salesRep) ? actor.id : -1
            b.where { w in
                w.orWhere(SQLColumn("requester_id", table: "r"), .equal, SQLBind(me)).orWhere(
                    SQLColumn("owner_id", table: "c"), .equal, SQLBind(me))
            }
        }
        return b
    }

    public func serviceRequest(id: Int64, for actor: Actor) async throws -> ServiceRequest? {
        guard let row = try await serviceRequestSelect().where(SQLColumn("id", table: "r"), .equal, SQLBind(id)).first()
        else { return nil }
        let r = try Store.decodeServiceRequest(row)
        return ServiceAccess.canRead(actor, r) ? r : nil
    }

    public func serviceRequests(
        _ f: ServiceRequestFilter, limit: Int = 50, offset: Int = 0, before: Int64? = nil, for actor: Actor,
        now: Int64 = Store.nowMillis()
    ) async throws -> Listing<ServiceRequest> {
        guard ServiceAccess.canBrowse(actor) else { throw DomainError.forbidden }
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            _ = scopeServiceRequests(b, for: actor)
            if let before { b.where(SQLColumn("id", table: "r"), .lessThan, SQLBind(before)) }
            if let s = f.state { b.where(SQLColumn("state", table: "r"), .equal, SQLBind(s.rawValue)) }
            if let k = f.kind { b.where(SQLColumn("kind", table: "r"), .equal, SQLBind(k.rawValue)) }
            if let c = f.customerId { b.where(SQLColumn("customer_id", table: "r"), .equal, SQLBind(c)) }
            if f.open || f.attention {
                b.where(
                    SQLColumn("state", table: "r"), .in, SQLBind.group(ServiceRequest.State.openStates.map(\.rawValue)))
            }
            if f.attention {
                b.where { w in
                    w.orWhere(SQLColumn("response_warn_at", table: "r"), .lessThanOrEqual, SQLBind(now))
                        .orWhere(SQLColumn("resolution_warn_at", table: "r"), .lessThanOrEqual, SQLBind(now))
                }
            }
            if f.mine {
                b.where { w in
                    w.orWhere(SQLColumn("requester_id", table: "r"), .equal, SQLBind(actor.id))
                        .orWhere(SQLColumn("engineer_ids", table: "r"), .like, SQLBind("%[\(actor.id)]%"))
                        .orWhere(SQLColumn("engineer_ids", table: "r"), .like, SQLBind("%[\(actor.id),%"))
                        .orWhere(SQLColumn("engineer_ids", table: "r"), .like, SQLBind("%,\(actor.id),%"))
                        .orWhere(SQLColumn("engineer_ids", table: "r"), .like, SQLBind("%,\(actor.id)]%"))
                }
            }
            if let q = f.q, !q.isEmpty {
                let pattern = Store.likePattern(q.lowercased())
                b.where { w in
                    w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("number", table: "r")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("title", table: "r")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name", table: "c")), pattern))
                }
            }
            return b
        }
        let total =
            try await filtered(customerRecordCount("service_requests", "r")).first()?.decode(column: "n", as: Int.self)
            ?? 0
        let q = filtered(serviceRequestSelect())
        let direction = f.descending ? SQLDirection.descending : SQLDirection.ascending
        switch before == nil ? f.sort : "id" {
        case "due":
            q.orderBy(SQLRaw("CASE WHEN r.resolution_due_at IS NULL THEN 1 ELSE 0 END")).orderBy(
                SQLColumn("resolution_due_at", table: "r"), direction)
        case "wished_on":
            q.orderBy(SQLRaw("CASE WHEN r.wished_on = '' THEN 1 ELSE 0 END")).orderBy(
                SQLColumn("wished_on", table: "r"), direction)
        case "customer": q.orderBy(SQLColumn("name", table: "c"), direction)
        default: break
        }
        let rows = try await q.orderBy(
            SQLColumn("id", table: "r"), before == nil && f.sort == "id" ? direction : SQLDirection.descending
        )
        .limit(limit).offset(offset).all()
        return Listing(items: try rows.map(Store.decodeServiceRequest), total: total)
    }

    public func serviceWorkLog(_ requestId: Int64) async throws -> [ServiceWorkEntry] {
        try await sql.select().columns("id", "by_id", "by_name", "at", "day", "minutes", "text").from(
            "service_request_logs"
        )
        .where("request_id", .equal, requestId).orderBy("id").all().map { r in
            ServiceWorkEntry(
                id: try r.decode(column: "id", as: Int64.self), by: try r.decode(column: "by_id", as: Int64.self),
                name: try r.decode(column: "by_name", as: String.self), at: try r.decode(column: "at", as: Int64.self),
                day: try r.decode(column: "day", as: String.self),
                minutes: try r.decode(column: "minutes", as: Int.self),
                text: try r.decode(column: "text", as: String.self))
        }
    }

    /// What a new request may name for `customerId`: his contracts (id → number) and their implementations (id →
    /// contract id).
    public func serviceRequestChoices(customerId: Int64) async throws -> (
        contracts: [Int64: String], implementations: [Int64: Int64]
    ) {
        var contracts: [Int64: String] = [:]
        for r in try await sql.select().columns("id", "number", "amendment").from("contracts").where(
            "customer_id", .equal, customerId
        ).all() {
            let n = try r.decode(column: "number", as: String.self), a = try r.decode(column: "amendment", as: Int.self)
            contracts[try r.decode(column: "id", as: Int64.self)] = a > 0 ? "\(n) v\(a)" : n
        }
        var implementations: [Int64: Int64] = [:]
        if !contracts.isEmpty {
            for r in try await sql.select().columns("id", "contract_id").from("implementations").where(
                "contract_id", .in, SQLBind.group(Array(contracts.keys))
            ).all() {
                implementations[try r.decode(column: "id", as: Int64.self)] = try r.decode(
                    column: "contract_id", as: Int64.self)
            }
        }
        return (contracts, implementations)
    }

    /// A new request: a rep for a customer he owns, the market manager or the assistant for any; its service-level
    /// targets are those of its type in force now.
    public func createServiceRequest(_ draft: ServiceRequestDraft, by actor: Actor, now: Int64 = Store.nowMillis())
        async throws -> ServiceRequest
    {
        guard actor.hasAny(ServiceAccess.market) else { throw DomainError(.forbidden, .whoAsks("service.market_asks")) }
        let cid = try draft.customer()
        return try await transaction { s in
            guard let c = try await s.rawCustomer(id: cid), CustomerAccess.canRead(actor, c) else {
                throw DomainError.validation([FieldError("customer_id", "service.unknown_customer")])
            }
            if c.archived { throw DomainError.validation([FieldError("customer_id", "service.unknown_customer")]) }
            if let refusal = ServiceAccess.mayRequest(actor, customerOwner: c.ownerId) {
                throw DomainError(.forbidden, refusal)
            }
            let choices = try await s.serviceRequestChoices(customerId: cid)
            let (levels, _) = try await s.serviceLevels()
            var r = try draft.validated(
                customer: (c.id, c.name), contracts: choices.contracts, implementations: choices.implementations,
                by: actor, today: DateText.day(now / 1000),
                now: now, target: ServiceLevels.Target(response: 0, resolution: 0))
            r.times.target = levels.target(r.levelSubject)
            r.number = try await s.nextNumber(in: "service_requests", prefix: "FW")
            let d = r.times.deadlines(levels.calendar)
            let row = try await s.sql.insert(into: "service_requests")
                .columns(
                    "number", "kind", "title", "detail", "location", "wished_on", "customer_id", "requester_id",
                    "contract_id", "implementation_id", "state",
                    "resume_state", "verdict", "verdict_reason", "conditions", "verdict_by_name", "plan",
                    "engineer_ids", "start_on", "end_on", "resolution",
                    "confirmed_by", "opened_at", "pauses", "response_minutes", "resolution_minutes", "response_warn_at",
                    "response_due_at",
                    "resolution_warn_at", "resolution_due_at", "version", "created_at", "updated_at"
                )
                .values(
                    SQLBind(r.number), SQLBind(r.kind.rawValue), SQLBind(r.title), SQLBind(r.detail),
                    SQLBind(r.location), SQLBind(r.wishedOn), SQLBind(r.customerId),
                    SQLBind(r.requesterId), SQLBind(r.contractId), SQLBind(r.implementationId),
                    SQLBind(r.state.rawValue), SQLBind(""), SQLBind(""), SQLBind(""),
                    SQLBind(""), SQLBind(""), SQLBind(""), SQLBind("[]"), SQLBind(""), SQLBind(""), SQLBind(""),
                    SQLBind(""), SQLBind(r.times.openedAt),
                    SQLBind("[]"), SQLBind(r.times.target.response), SQLBind(r.times.target.resolution),
                    SQLBind(d.responseWarn), SQLBind(d.responseDue),
                    SQLBind(d.resolutionWarn), SQLBind(d.resolutionDue), SQLBind(1), SQLBind(now), SQLBind(now)
                ).returning("id").first()
            r.id = try row!.decode(column: "id", as: Int64.self)
            r.accountOwnerId = c.ownerId
            try await s.recordCreation(
                ServiceRequestProcess.name, r.id, state: r.state.rawValue, by: actor, comment: "\(r.number) \(r.title)",
                record: r)
            return r
        }
    }

    public func serviceRequestSubject(id: Int64, for actor: Actor) async throws -> ServiceRequestProcess.Subject? {
        try await ServiceRequestProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    /// Takes one step of a service request (the table is `ServiceRequestProcess`).
    public func actOnServiceRequest(
        id: Int64, _ action: ServiceRequestProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    ) async throws -> ServiceRequest {
        try await run(ServiceRequestProcess.self, id: id, action, input, version: version, by: actor, now: now).request
    }

    /// What the home pages show: for Customer Service the requests near or past their targets and those waiting
    /// for a verdict; for the Market Department the open ones it asked for or owns, the latest verdicts first.
    public func serviceReminders(for actor: Actor, now: Int64 = Store.nowMillis()) async throws
        -> (attention: [ServiceRequest], waiting: [ServiceRequest], mine: [ServiceRequest])
    {
        var attention: [ServiceRequest] = [], waiting: [ServiceRequest] = [], mine: [ServiceRequest] = []
        if actor.hasAny(ServiceAccess.customerService) {
            attention = try await serviceRequests(
                ServiceRequestFilter(attention: true), limit: 20, for: actor, now: now
            ).items
                .filter { actor.has(.csManager) || $0.engineerIds.isEmpty || $0.engineerIds.contains(actor.id) }
            waiting = try await serviceRequests(
                ServiceRequestFilter(state: .submitted), limit: 20, for: actor, now: now
            ).items
        }
        if actor.has(.salesRep) {
            mine = try await serviceRequests(ServiceRequestFilter(open: true), limit: 20, for: actor, now: now).items
        }
        return (attention, waiting, mine)
    }
}

extension ServiceRequestProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let r = try await s.serviceRequest(id: id, for: actor) else { return nil }
        return Subject(r, log: try await s.serviceWorkLog(id), people: try await s.users())
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        let r = new.request
        let (levels, _) = try await s.serviceLevels()
        let engineers = String(decoding: try JSONEncoder().encode(r.engineerIds), as: UTF8.self)
        try await s.setServiceTimes(s.sql.update("service_requests"), r.times, levels.calendar, open: r.state.open)
            .set("state", to: r.state.rawValue).set("resume_state", to: r.resumeState?.rawValue ?? "").set(
                "verdict", to: r.verdict?.rawValue ?? ""
            )
            .set("verdict_reason", to: r.verdictReason).set("conditions", to: r.conditions).set(
                "verdict_by", to: r.verdictBy
            )
            .set("verdict_by_name", to: r.verdictByName).set("plan", to: r.plan).set("engineer_ids", to: engineers).set(
                "start_on", to: r.startOn
            )
            .set("end_on", to: r.endOn).set("resolution", to: r.resolution).set("confirmed_by", to: r.confirmedBy).set(
                "satisfaction", to: r.satisfaction
            )
            .set("closed_at", to: r.closedAt).set("version", to: r.version).set("updated_at", to: Store.nowMillis())
            .versioned(id: r.id, version: version)
        for e in new.log where e.id == 0 {
            try await s.sql.insert(into: "service_request_logs").columns(
                "request_id", "by_id", "by_name", "at", "day", "minutes", "text"
            )
            .values(
                SQLBind(r.id), SQLBind(e.by), SQLBind(e.name), SQLBind(e.at), SQLBind(e.day), SQLBind(e.minutes),
                SQLBind(e.text)
            ).run()
        }
    }
}
