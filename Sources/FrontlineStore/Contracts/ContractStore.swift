import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// A contract with the names around it, its reviews and, once effective, its hand-off.
public struct ContractItem: Sendable {
    public var contract: Contract
    public var customerName: String
    public var ownerName: String
}

public struct ContractFilter: Sendable, Equatable {
    public var q: String?
    public var state: Contract.State?
    public var customerId: Int64?
    public var ownerId: Int64?
    /// Signed by the customer on this day (`YYYY-MM-DD`) or later.
    public var signedFrom: String?
    /// Signed by the customer on this day or earlier.
    public var signedTo: String?
    public init(q: String? = nil, state: Contract.State? = nil, customerId: Int64? = nil) {
        self.q = q; self.state = state; self.customerId = customerId
    }

    /// The sorts of the ledger and the column each reads.
    public static let sorts: [String: String] = [
        "amount": "amount_fen", "customer_signed_on": "customer_signed_on", "updated_at": "updated_at",
        "created_at": "created_at", "id": "id",
    ]
}

/// What an effective contract hands to Customer Service: the implementation record and the payment plan.
public struct ContractHandoff: Sendable, Equatable {
    public var implementationId: Int64
    public var implementationState: String
    public var plan: [PaymentMilestone]
}

/// What a step of the contract process may carry besides a comment: the one step input every process reads.
public typealias ContractStepInput = StepInput

extension Store {
    static let contractColumns = [
        "id", "number", "amendment", "customer_id", "owner_id", "title", "source_kind", "source_id", "amount_fen",
        "cost_fen",
        "tax_rate", "cost_estimate_fen", "milestones", "technical_annex", "commercial_terms", "special", "state",
        "meeting_date", "meeting_attendees", "meeting_minutes",
        "technical_signed_by", "commercial_signed_by", "customer_signed_on", "effective_at", "version", "created_at",
        "updated_at", "opportunity_id",
    ]

    static func decodeContract(_ r: any SQLRow) throws -> Contract {
        var k = Contract(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            amendment: try r.decode(column: "amendment", as: Int.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            ownerId: try r.decode(column: "owner_id", as: Int64.self),
            title: try r.decode(column: "title", as: String.self),
            sourceKind: try r.decode(column: "source_kind", as: String.self),
            sourceId: try r.decode(column: "source_id", as: Int64?.self),
            amount: Money(fen: try r.decode(column: "amount_fen", as: Int64.self)),
            taxRate: try r.decode(column: "tax_rate", as: Int.self),
            costEstimate: try r.decode(column: "cost_estimate_fen", as: Int64?.self).map { Money(fen: $0) },
            milestones: try JSONDecoder().decode(
                [PaymentMilestone].self, from: Data(try r.decode(column: "milestones", as: String.self).utf8)),
            technicalAnnex: try r.decode(column: "technical_annex", as: String.self),
            commercialTerms: try r.decode(column: "commercial_terms", as: String.self),
            special: try r.decode(column: "special", as: Bool.self),
            state: Contract.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .draft,
            meetingDate: try r.decode(column: "meeting_date", as: String.self),
            meetingAttendees: try r.decode(column: "meeting_attendees", as: String.self),
            meetingMinutes: try r.decode(column: "meeting_minutes", as: String.self),
            technicalSignedBy: try r.decode(column: "technical_signed_by", as: Int64?.self),
            commercialSignedBy: try r.decode(column: "commercial_signed_by", as: Int64?.self),
            customerSignedOn: try r.decode(column: "customer_signed_on", as: String.self),
            effectiveAt: try r.decode(column: "effective_at", as: Int64?.self),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
        k.opportunityId = try r.decode(column: "opportunity_id", as: Int64?.self)
        return k
    }

    /// The amount above which a contract is special and goes to the review meeting (setting, default 1,000,000 yuan).
    public func specialThreshold() async throws -> Money {
        let row = try await sql.select().column("value").from("settings").where(
            "key", .equal, "contract.special_threshold"
        ).first()
        return row.flatMap { try? $0.decode(column: "value", as: String.self) }.flatMap { Int64($0) }.map {
            Money(fen: $0)
        } ?? Money(yuan: 1_000_000)
    }

    func contractSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.contractColumns.map { SQLColumn($0, table: "k") })
            .column(SQLColumn("name", table: "c"), as: "customer_name").column(
                SQLColumn("display_name", table: "u"), as: "owner_name"
            )
            .from(SQLAlias(SQLIdentifier("contracts"), as: SQLIdentifier("k")))
            .join(
                SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                on: SQLColumn("customer_id", table: "k"), .equal, SQLColumn("id", table: "c")
            )
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                on: SQLColumn("owner_id", table: "k"), .equal, SQLColumn("id", table: "u"))
    }

    /// What the actor may read: as the customer; Customer Service every contract past the draft; a rep also the
    /// contracts he is named to review.
    func scopeContracts<B: SQLPredicateBuilder>(_ b: B, for actor: Actor) -> B {
        switch CustomerAccess.readScope(actor) {
        case .all: break
        case .ownedBy(let id):
            b.where { w in
                w.where(SQLColumn("owner_id", table: "c"), .equal, SQLBind(id))
                if actor.hasAny(ContractAccess.customerService) {
                    w.orWhere(SQLColumn("state", table: "k"), .notEqual, SQLBind("draft"))
                }
                return w.orWhere(
                    SQLQueryString(
                        "\(ident: "k").\(ident: "id") IN (SELECT \(ident: "contract_id") FROM \(ident: "contract_reviews") WHERE \(ident: "reviewer_id") = \(bind: id))"
                    ))
            }
        case .handedToCustomerService, .none:
            if actor.hasAny(ContractAccess.customerService) {
                b.where(SQLColumn("state", table: "k"), .notEqual, SQLBind("draft"))
            } else {
                b.where(SQLLiteral.boolean(false), .equal, SQLLiteral.boolean(true))
            }
        }
        return b
    }

    static func decodeContractItem(_ r: any SQLRow) throws -> ContractItem {
        ContractItem(
            contract: try decodeContract(r), customerName: try r.decode(column: "customer_name", as: String.self),
            ownerName: try r.decode(column: "owner_name", as: String.self))
    }

    public func contract(id: Int64, for actor: Actor) async throws -> ContractItem? {
        try await scopeContracts(contractSelect().where(SQLColumn("id", table: "k"), .equal, SQLBind(id)), for: actor)
            .first()
            .map(Store.decodeContractItem)
    }

    /// A page of the ledger the actor reads, with the amount of every contract that matched.
    public func contracts(_ f: ContractFilter, _ q: ListQuery, before: Int64? = nil, for actor: Actor) async throws
        -> Listing<ContractItem>
    {
        guard CustomerAccess.canBrowse(actor) || actor.hasAny(ContractAccess.customerService) else {
            throw DomainError.forbidden
        }
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            _ = scopeContracts(b, for: actor)
            if let s = f.state { b.where(SQLColumn("state", table: "k"), .equal, SQLBind(s.rawValue)) }
            if let c = f.customerId { b.where(SQLColumn("customer_id", table: "k"), .equal, SQLBind(c)) }
            if let o = f.ownerId { b.where(SQLColumn("owner_id", table: "k"), .equal, SQLBind(o)) }
            if let d = f.signedFrom {
                b.where(SQLColumn("customer_signed_on", table: "k"), .greaterThanOrEqual, SQLBind(d))
            }
            if let d = f.signedTo {
                b.where(SQLColumn("customer_signed_on", table: "k"), .notEqual, SQLBind("")).where(
                    SQLColumn("customer_signed_on", table: "k"), .lessThanOrEqual, SQLBind(d))
            }
            if let q = f.q, !q.isEmpty {
                let pattern = Store.likePattern(q.lowercased())
                b.where { w in
                    w.where(Store.like(SQLFunction("LOWER", args: SQLColumn("number", table: "k")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("title", table: "k")), pattern))
                        .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name", table: "c")), pattern))
                }
            }
            return b
        }
        return try await page(
            count: filtered(customerRecordCount("contracts", "k", sum: "amount_fen")), rows: filtered(contractSelect()),
            alias: "k", q, before: before, columns: ContractFilter.sorts, summed: true,
            decode: Store.decodeContractItem)
    }

    /// The newest `limit` contracts of the ledger the actor reads.
    public func contracts(_ f: ContractFilter, limit: Int, for actor: Actor) async throws -> Listing<ContractItem> {
        try await contracts(f, ListQuery(limit: limit, sortField: "id", descending: true), for: actor)
    }

    public func contractReviews(_ contractId: Int64) async throws -> [ContractReview] {
        try await reviews(.contract, contractId)
    }

    public func handoff(_ contractId: Int64) async throws -> ContractHandoff? {
        guard
            let imp = try await sql.select().columns("id", "state").from("implementations").where(
                "contract_id", .equal, contractId
            ).first()
        else {
            return nil
        }
        let plan = try await sql.select().columns("name", "amount_fen", "due").from("payment_plan").where(
            "contract_id", .equal, contractId
        )
        .orderBy("seq").all().map {
            PaymentMilestone(
                name: try $0.decode(column: "name", as: String.self),
                amount: Money(fen: try $0.decode(column: "amount_fen", as: Int64.self)),
                due: try $0.decode(column: "due", as: String.self))
        }
        return ContractHandoff(
            implementationId: try imp.decode(column: "id", as: Int64.self),
            implementationState: try imp.decode(column: "state", as: String.self), plan: plan)
    }

    func writeContract(_ c: Contract, old: Contract?) async throws -> Contract {
        var c = c
        let milestones = String(decoding: try JSONEncoder().encode(c.milestones), as: UTF8.self)
        c.updatedAt = Store.nowMillis()
        if let old {
            c.version = old.version + 1
            try await updateContractRow(c, at: old.version)
        } else {
            c.createdAt = c.updatedAt
            c.version = 1
            let row = try await sql.insert(into: "contracts").columns(Array(Store.contractColumns.dropFirst()))
                .values(
                    SQLBind(c.number), SQLBind(c.amendment), SQLBind(c.customerId), SQLBind(c.ownerId),
                    SQLBind(c.title), SQLBind(c.sourceKind),
                    SQLBind(c.sourceId), SQLBind(c.amount.fen), SQLBind(c.costEstimate?.fen ?? 0), SQLBind(c.taxRate),
                    SQLBind(c.costEstimate?.fen),
                    SQLBind(milestones), SQLBind(c.technicalAnnex),
                    SQLBind(c.commercialTerms), SQLBind(c.special), SQLBind(c.state.rawValue), SQLBind(c.meetingDate),
                    SQLBind(c.meetingAttendees),
                    SQLBind(c.meetingMinutes), SQLBind(c.technicalSignedBy), SQLBind(c.commercialSignedBy),
                    SQLBind(c.customerSignedOn),
                    SQLBind(c.effectiveAt), SQLBind(1), SQLBind(c.createdAt), SQLBind(c.updatedAt),
                    SQLBind(c.opportunityId)
                ).returning("id").first()
            c.id = try row!.decode(column: "id", as: Int64.self)
        }
        return c
    }

    /// The one versioned write of a contract's row: every column, `version` as `c` holds it, where the row is at
    /// `version` (409 when another writer got there first).
    func updateContractRow(_ c: Contract, at version: Int) async throws {
        let milestones = String(decoding: try JSONEncoder().encode(c.milestones), as: UTF8.self)
        try await sql.update("contracts").set("title", to: c.title).set("amount_fen", to: c.amount.fen).set(
            "cost_fen", to: c.costEstimate?.fen ?? 0
        )
        .set("tax_rate", to: c.taxRate).set("cost_estimate_fen", to: c.costEstimate?.fen)
        .set("milestones", to: milestones).set("technical_annex", to: c.technicalAnnex).set(
            "commercial_terms", to: c.commercialTerms
        )
        .set("special", to: c.special).set("state", to: c.state.rawValue).set("meeting_date", to: c.meetingDate)
        .set("meeting_attendees", to: c.meetingAttendees).set("meeting_minutes", to: c.meetingMinutes)
        .set("technical_signed_by", to: c.technicalSignedBy).set("commercial_signed_by", to: c.commercialSignedBy)
        .set("customer_signed_on", to: c.customerSignedOn).set("effective_at", to: c.effectiveAt).set(
            "opportunity_id", to: c.opportunityId
        ).set("version", to: c.version)
        .set("updated_at", to: c.updatedAt).versioned(id: c.id, version: version)
    }

    /// The number of a contract's source (a quotation with its revision, a tender, the contract it amends).
    public func sourceNumber(kind: String, id: Int64) async throws -> String? {
        switch kind {
        case "quotation":
            guard
                let r = try await sql.select().column("number").column("revision").from("quotations").where(
                    "id", .equal, id
                ).first()
            else { return nil }
            return
                "\(try r.decode(column: "number", as: String.self)) v\(try r.decode(column: "revision", as: Int.self))"
        case "tender":
            return try await sql.select().column("number").from("tenders").where("id", .equal, id).first()?.decode(
                column: "number", as: String.self)
        case "amendment":
            guard
                let r = try await sql.select().column("number").column("amendment").from("contracts").where(
                    "id", .equal, id
                ).first()
            else { return nil }
            let n = try r.decode(column: "amendment", as: Int.self)
            return try r.decode(column: "number", as: String.self) + (n > 0 ? " v\(n)" : "")
        default: return nil
        }
    }

    /// Drafts a contract: from an accepted quotation (customer, amount, cost, standard milestones) or from scratch.
    public func createContract(_ input: ContractInput, by actor: Actor) async throws -> Contract {
        guard ContractAccess.canDraft(actor) else { throw DomainError.forbidden }
        return try await transaction { s in
            var base: Contract
            if let qid = input.quotationId.flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }) {
                guard let q = try await s.quotation(id: qid, for: actor)?.quotation else {
                    throw DomainError.validation([FieldError("quotation_id", "contract.unknown_quotation")])
                }
                guard q.state == .accepted else {
                    throw DomainError.validation([FieldError("quotation_id", "contract.quotation_not_accepted")])
                }
                // One quotation, one contract: a second draft would count the same deal twice.
                if let other = try await s.sql.select().column("number").from("contracts").where(
                    "source_kind", .equal, "quotation"
                )
                .where("source_id", .equal, q.id).where("state", .notEqual, Contract.State.cancelled.rawValue).first() {
                    let number = try other.decode(column: "number", as: String.self)
                    throw DomainError(
                        .duplicate, Message("contract.quotation_has_contract", ["number": number]),
                        fields: [FieldError("quotation_id", "contract.quotation_has_contract", ["number": number])])
                }
                let t = q.totals
                base = Contract(
                    customerId: q.customerId, ownerId: q.ownerId, title: q.title, sourceKind: "quotation",
                    sourceId: q.id, amount: t.gross,
                    taxRate: Contract.taxRate(of: t), costEstimate: t.net - t.profit,
                    milestones: ContractInput.standardMilestones(t.gross), commercialTerms: q.terms)
                base.opportunityId = q.opportunityId
            } else {
                guard let cid = input.customerId.flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }) else {
                    throw DomainError.validation([FieldError("customer_id", "field.required")])
                }
                guard let c = try await s.rawCustomer(id: cid), CustomerAccess.canRead(actor, c) else {
                    throw DomainError.validation([FieldError("customer_id", "quotation.unknown_customer")])
                }
                base = Contract(customerId: cid, ownerId: c.ownerId ?? actor.id)
            }
            guard let customer = try await s.rawCustomer(id: base.customerId), CustomerAccess.canEdit(actor, customer)
            else { throw DomainError.forbidden }
            var k = try input.apply(to: base)
            if input.opportunityId != nil {
                k.opportunityId = try await s.linkableOpportunity(
                    input.opportunityId, customerId: k.customerId, for: actor)
            }
            if k.milestones.isEmpty { k.milestones = ContractInput.standardMilestones(k.amount) }
            return try await s.insertContract(k, by: actor, comment: "")
        }
    }

    /// Numbers and stores a new draft, with its first history step and audit entry (in the caller's transaction).
    func insertContract(_ draft: Contract, by actor: Actor, comment: String) async throws -> Contract {
        var k = draft
        k.number = try await nextNumber(in: "contracts", prefix: "HT")
        k = try await writeContract(k, old: nil)
        try await recordStep("contract", k.id, from: "", action: "create", to: "draft", actor: actor, comment: comment)
        try await audit(.create, "contract", String(k.id), before: Optional<Contract>.none, after: k)
        return k
    }

    /// Changes a draft. Anything past the draft belongs to the review; an effective one is amended.
    public func updateContract(id: Int64, version: Int, _ input: ContractInput, by actor: Actor) async throws
        -> Contract
    {
        try await transaction { s in
            guard let old = try await s.contract(id: id, for: actor)?.contract else { throw DomainError.notFound }
            guard ContractAccess.canDraft(actor), let c = try await s.rawCustomer(id: old.customerId),
                CustomerAccess.canEdit(actor, c)
            else {
                throw DomainError.forbidden
            }
            guard old.version == version else { throw Store.stale(old.version) }
            if let refusal = old.editRefusal { throw refusal }
            if input.customerId != nil || input.quotationId != nil {
                throw DomainError.validation([FieldError("customer_id", "contract.source_fixed")])
            }
            var changed = try input.apply(to: old)
            if input.opportunityId != nil {
                changed.opportunityId = try await s.linkableOpportunity(
                    input.opportunityId, customerId: old.customerId, for: actor)
            }
            let k = try await s.writeContract(changed, old: old)
            try await s.audit(.update, "contract", String(id), before: old, after: k)
            return k
        }
    }

    /// A contract as its steps read it (reviews, threshold, an open amendment), if the actor may see it.
    public func contractSubject(id: Int64, for actor: Actor) async throws -> ContractProcess.Subject? {
        try await ContractProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    /// Takes one step of contract review (the table is `ContractProcess`); the last review answer concludes it.
    public func actOnContract(
        id: Int64, _ action: ContractProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    )
        async throws -> Contract
    {
        try await run(ContractProcess.self, id: id, action, input, version: version, by: actor, now: now).contract
    }

    /// The hand-off (SPEC §3.3): an implementation record owned by Customer Service and the payment plan; an earlier
    /// version of an amended contract is superseded.
    func handOver(_ k: Contract, _ context: StepContext) async throws {
        let csManager = try await users().first { $0.active && $0.roles.contains(.csManager) }?.id
        try await openImplementation(for: k, manager: csManager, context)
        for (i, m) in k.milestones.enumerated() {
            try await sql.insert(into: "payment_plan").columns(
                "contract_id", "seq", "name", "amount_fen", "due", "received_fen"
            )
            .values(
                SQLBind(k.id), SQLBind(i + 1), SQLBind(m.name), SQLBind(m.amount.fen), SQLBind(m.due), SQLBind(Int64(0))
            ).run()
        }
        let earlier = try await sql.select().columns(Store.contractColumns).from("contracts").where(
            "number", .equal, k.number
        )
        .where("state", .equal, "effective").where("id", .notEqual, k.id).all().map(Store.decodeContract)
        for e in earlier {
            _ = try await take(
                ContractProcess.self, .supersede, on: ContractProcess.Subject(e, reviews: [], threshold: .zero),
                StepInput(comment: "\(k.number) v\(k.amendment)"), context, files: nil)
        }
    }

    /// An amendment (变更): the next version of an effective contract, in draft, reviewed again.
    func openAmendment(of old: Contract, _ context: StepContext) async throws {
        var next = old
        next.id = 0
        next.amendment =
            try await sql.select().column(SQLFunction("MAX", args: SQLColumn("amendment")), as: "m").from("contracts")
            .where("number", .equal, old.number).first()!.decode(column: "m", as: Int.self) + 1
        next.state = .draft
        next.technicalSignedBy = nil
        next.commercialSignedBy = nil
        next.customerSignedOn = ""
        next.effectiveAt = nil
        next.meetingDate = ""
        next.meetingAttendees = ""
        next.meetingMinutes = ""
        next.sourceKind = "amendment"
        next.sourceId = old.id
        let created = try await writeContract(next, old: nil)
        try await recordCreation(
            "contract", created.id, state: created.state.rawValue, by: context.actor, record: created)
    }
}

extension ContractProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let item = try await s.contract(id: id, for: actor) else { return nil }
        let k = item.contract
        let open = try await s.sql.select().column("amendment").from("contracts").where("number", .equal, k.number)
            .where("amendment", .greaterThan, k.amendment)
            .where("state", .in, [Contract.State.draft, .inReview, .awaitingMeeting, .approved].map(\.rawValue))
            .first()?
            .decode(column: "amendment", as: Int.self)
        return Subject(
            k, reviews: try await s.contractReviews(id), threshold: try await s.specialThreshold(),
            people: try await s.users(), openAmendment: open)
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        var k = new.contract
        k.updatedAt = Store.nowMillis()
        try await s.updateContractRow(k, at: version)
        try await s.saveReviews(.contract, k.id, new.reviews, over: old.reviews)
    }

    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool {
        switch effect {
        case .handOver:
            try await s.handOver(subject.contract, context)
            try await s.winOpportunity(subject.contract.opportunityId, by: subject.contract.number, context)
        case .openAmendment: try await s.openAmendment(of: subject.contract, context)
        }
        return false
    }
}
