import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Which leads to list.
public struct LeadFilter: Sendable, Equatable {
    public var q: String?
    public var state: Lead.State?
    public var source: Lead.Source?
    public var ownerId: Int64?
    /// Only those nobody owns yet.
    public var unowned: Bool
    /// Only open ones due for follow-up today or before.
    public var due: Bool
    public init(
        q: String? = nil, state: Lead.State? = nil, source: Lead.Source? = nil, ownerId: Int64? = nil,
        unowned: Bool = false, due: Bool = false
    ) {
        self.q = q; self.state = state; self.source = source; self.ownerId = ownerId; self.unowned = unowned;
        self.due = due
    }
    public static let sorts: Set<String> = ["number", "company", "next_follow_up", "created_at", "updated_at"]
}

/// The existing customer a lead's company is, found as duplicates are (the name's match key).
public struct LeadMatch: Sendable, Equatable {
    public var customerId: Int64
    public var name: String
    public var ownerId: Int64?
    public var ownerName: String
}

/// Leads (线索, SPEC §2) and the public form a company web site posts to.
extension Store {
    static let leadColumns = [
        "id", "number", "source", "company", "contact_name", "phone", "email", "need", "region_id", "owner_id",
        "next_follow_up", "state", "discard_reason",
        "customer_id", "opportunity_id", "version", "created_at", "updated_at",
    ]

    static func decodeLead(_ r: any SQLRow) throws -> Lead {
        Lead(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            source: Lead.Source(rawValue: try r.decode(column: "source", as: String.self)) ?? .other,
            company: try r.decode(column: "company", as: String.self),
            contactName: try r.decode(column: "contact_name", as: String.self),
            phone: try r.decode(column: "phone", as: String.self),
            email: try r.decode(column: "email", as: String.self), need: try r.decode(column: "need", as: String.self),
            regionId: try r.decode(column: "region_id", as: Int64?.self),
            ownerId: try r.decode(column: "owner_id", as: Int64?.self),
            nextFollowUp: try r.decode(column: "next_follow_up", as: String.self),
            state: Lead.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .open,
            discardReason: try r.decode(column: "discard_reason", as: String.self),
            customerId: try r.decode(column: "customer_id", as: Int64?.self),
            opportunityId: try r.decode(column: "opportunity_id", as: Int64?.self),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    func rawLead(id: Int64) async throws -> Lead? {
        try await sql.select().columns(Store.leadColumns).from("leads").where("id", .equal, id).first().map(
            Store.decodeLead)
    }

    public func lead(id: Int64, for actor: Actor) async throws -> Lead? {
        guard let l = try await rawLead(id: id), LeadAccess.canRead(actor, l) else { return nil }
        return l
    }

    func restrictLeads<B: SQLPredicateBuilder>(_ b: B, _ f: LeadFilter, for actor: Actor, today: String) -> B {
        if !LeadAccess.readsAll(actor) { b.where("owner_id", .equal, SQLBind(actor.has(.salesRep) ? actor.id : -1)) }
        if let s = f.state { b.where("state", .equal, SQLBind(s.rawValue)) }
        if let s = f.source { b.where("source", .equal, SQLBind(s.rawValue)) }
        if let o = f.ownerId { b.where("owner_id", .equal, SQLBind(o)) }
        if f.unowned { b.where("owner_id", .is, SQLLiteral.null) }
        if f.due {
            b.where("state", .equal, SQLBind(Lead.State.open.rawValue)).where("next_follow_up", .notEqual, SQLBind(""))
                .where("next_follow_up", .lessThanOrEqual, SQLBind(today))
        }
        if let q = f.q, !q.isEmpty {
            let pattern = Store.likePattern(q.lowercased())
            b.where { w in
                w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("number")), pattern)).orWhere(
                    Store.like(SQLFunction("LOWER", args: SQLColumn("company")), pattern)
                )
                .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("contact_name")), pattern)).orWhere(
                    Store.like(SQLFunction("LOWER", args: SQLColumn("phone")), pattern)
                )
                .orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("email")), pattern))
            }
        }
        return b
    }

    public func leads(
        _ f: LeadFilter, _ q: ListQuery, before: Int64? = nil, for actor: Actor, today: String = DateText.today()
    ) async throws -> Listing<Lead> {
        guard LeadAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let count = restrictLeads(
            sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("leads"), f, for: actor,
            today: today)
        return try await page(
            count: count,
            rows: restrictLeads(sql.select().columns(Store.leadColumns).from("leads"), f, for: actor, today: today), q,
            before: before,
            decode: Store.decodeLead)
    }

    func leadChoices() async throws -> (regions: Set<Int64>, reps: Set<Int64>) {
        (Set(try await regions().map(\.id)), try await activeRepIds())
    }

    /// Records a lead: a rep's are his own; the managers and the assistant name its owner or leave it for later.
    public func createLead(_ input: LeadInput, by actor: Actor, now: Int64 = Store.nowMillis()) async throws -> Lead {
        guard LeadAccess.canCreate(actor) else { throw DomainError.forbidden }
        let (regions, reps) = try await leadChoices()
        var base = Lead(source: .frontline, company: "", regionId: actor.regionId)
        if !LeadAccess.mayAssign(actor) {
            if let o = input.ownerId, !o.trimmingCharacters(in: .whitespaces).isEmpty,
                Int64(o.trimmingCharacters(in: .whitespaces)) != actor.id
            {
                throw DomainError(
                    .forbidden, Message("customer.reassign_forbidden"),
                    fields: [FieldError("owner_id", "customer.reassign_forbidden")])
            }
            base.ownerId = actor.id
        }
        var input = input
        if !LeadAccess.mayAssign(actor) { input.ownerId = nil }
        var draft = try input.apply(to: base, regions: regions, reps: reps)
        draft.createdAt = now
        draft.updatedAt = now
        let lead = draft
        return try await transaction { s in try await s.insertLead(lead, sender: "", by: actor) }
    }

    func insertLead(_ new: Lead, sender: String, by actor: Actor) async throws -> Lead {
        var l = new
        l.number = try await nextNumber(in: "leads", prefix: "XS")
        let row = try await sql.insert(into: "leads").columns(
            Store.leadColumns.filter { $0 != "id" } + ["company_key", "sender"]
        )
        .values(
            SQLBind(l.number), SQLBind(l.source.rawValue), SQLBind(l.company), SQLBind(l.contactName), SQLBind(l.phone),
            SQLBind(l.email), SQLBind(l.need),
            SQLBind(l.regionId), SQLBind(l.ownerId), SQLBind(l.nextFollowUp), SQLBind(l.state.rawValue), SQLBind(""),
            SQLBind(l.customerId),
            SQLBind(l.opportunityId), SQLBind(1), SQLBind(l.createdAt), SQLBind(l.updatedAt),
            SQLBind(Text.matchKey(l.company)), SQLBind(sender)
        ).returning("id").first()
        l.id = try row!.decode(column: "id", as: Int64.self)
        try await recordCreation(
            LeadProcess.name, l.id, state: l.state.rawValue, by: actor, comment: "\(l.number) \(l.company)", record: l)
        return l
    }

    /// Changes an open lead's facts at the version the caller read; its owner moves by `assign`.
    public func updateLead(id: Int64, version: Int, _ input: LeadInput, by actor: Actor, now: Int64 = Store.nowMillis())
        async throws -> Lead
    {
        let (regions, reps) = try await leadChoices()
        return try await transaction { s in
            guard let old = try await s.lead(id: id, for: actor) else { throw DomainError.notFound }
            guard old.version == version else { throw Store.stale(old.version) }
            guard old.state == .open else {
                throw DomainError(.conflict, Message("lead.closed", ["state": "@" + old.state.labelKey]))
            }
            var input = input
            input.ownerId = nil
            input.source = nil
            var l = try input.apply(to: old, regions: regions, reps: reps)
            l.version = old.version + 1
            l.updatedAt = now
            try await s.sql.update("leads").set("company", to: l.company).set(
                "company_key", to: Text.matchKey(l.company)
            ).set("contact_name", to: l.contactName)
                .set("phone", to: l.phone).set("email", to: l.email).set("need", to: l.need).set(
                    "region_id", to: l.regionId
                ).set("next_follow_up", to: l.nextFollowUp)
                .set("version", to: l.version).set("updated_at", to: now).versioned(id: id, version: version)
            try await s.audit(.update, LeadProcess.name, String(id), before: old, after: l)
            return l
        }
    }

    /// A lead from the public form of the company's web site, unowned until the office hands it out. The same
    /// company and phone or e-mail sent again within a day is the one lead, not two; `sender` is the address it came
    /// from, and it may leave at most `perHour` leads an hour (429 past it). The form acts as the system's web-form
    /// user whatever cookies came with it: a staff member's session in the same browser is not who sent it.
    public func submitWebLead(_ lead: Lead, sender: String, perHour: Int = .max, now: Int64 = Store.nowMillis())
        async throws -> Lead
    {
        let sender = String(sender.prefix(64))
        return try await transaction { s in
            // The same enquiry sent twice at once, or a burst from one address: web leads queue on the system user's
            // row, so the second finds the first and the count below sees every lead committed before it.
            var web = try await s.systemActor()
            try await s.lockRow("users", web.id)
            web.displayName = Catalog.text("lead.source.web_form", [:], .zhCN)
            let s = s.with(AuditContext(web, ip: s.context.ip, requestId: s.context.requestId))
            if try await s.webLeadCount(sender: sender, since: now - 3_600_000) >= perHour {
                throw DomainError(.throttled, Message("lead.rate_limited", ["seconds": "3600"]), retryAfter: 3600)
            }
            // The same phone is the same digits (spaces, dashes and brackets aside); the same e-mail is the same
            // address in any case. The day's leads of one company are few, so they are compared here.
            let candidates = try await s.sql.select().columns(Store.leadColumns).from("leads").where(
                "company_key", .equal, Text.matchKey(lead.company)
            )
            .where("source", .equal, Lead.Source.webForm.rawValue).where("created_at", .greaterThan, now - 86_400_000)
            .orderBy("id").limit(1000).all().map(Store.decodeLead)
            if let same = candidates.first(where: { $0.isRepeat(of: lead) }) { return same }
            var l = lead
            l.createdAt = now
            l.updatedAt = now
            return try await s.insertLead(l, sender: sender, by: web)
        }
    }

    /// How many leads the form took from `sender` since `since` (the per-address limit survives a restart).
    public func webLeadCount(sender: String, since: Int64) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("leads").where(
            "sender", .equal, String(sender.prefix(64))
        )
        .where("created_at", .greaterThan, since).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The customer the lead's company already is, if any.
    public func leadMatch(_ lead: Lead) async throws -> LeadMatch? {
        guard
            let r = try await sql.select().column(SQLColumn("id", table: "c")).column(SQLColumn("name", table: "c"))
                .column(SQLColumn("owner_id", table: "c"))
                .column(SQLColumn("display_name", table: "u"), as: "owner_name")
                .from(SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")))
                .join(
                    SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.left,
                    on: SQLColumn("id", table: "u"), .equal, SQLColumn("owner_id", table: "c")
                )
                .where(SQLColumn("name_key", table: "c"), .equal, SQLBind(Text.matchKey(lead.company))).first()
        else { return nil }
        return LeadMatch(
            customerId: try r.decode(column: "id", as: Int64.self), name: try r.decode(column: "name", as: String.self),
            ownerId: try r.decode(column: "owner_id", as: Int64?.self),
            ownerName: try r.decode(column: "owner_name", as: String?.self) ?? "—")
    }

    public func leadSubject(id: Int64, for actor: Actor) async throws -> LeadProcess.Subject? {
        try await LeadProcess.load(self, id: id, for: actor, now: Store.nowMillis())
    }

    public func actOnLead(
        id: Int64, _ action: LeadProcess.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis()
    ) async throws -> Lead {
        try await run(LeadProcess.self, id: id, action, input, version: version, by: actor, now: now).lead
    }

    /// Qualifying: the customer the company already is (linked; an unowned one becomes the lead owner's), or a new
    /// one with the lead's contact; then the opportunity, owned by the lead's owner.
    func convert(_ lead: inout Lead, title: String, amount: Money, _ context: StepContext) async throws {
        let actor = context.actor
        var owner = lead.ownerId
        var customerId: Int64
        if let match = try await leadMatch(lead) {
            if let other = match.ownerId, other != owner, !LeadAccess.readsAll(actor) {
                throw DomainError(
                    .conflict, Message("lead.customer_owned", ["name": match.name, "owner": match.ownerName]))
            }
            customerId = match.customerId
            if owner == nil { owner = match.ownerId }
            if match.ownerId == nil, let owner, let old = try await rawCustomer(id: customerId) {
                // A rep qualifying his lead into a pool customer claims it: the pool's limits hold (the office hands it out).
                if !LeadAccess.readsAll(actor) {
                    try await lockRow("users", owner)
                    if let refusal = try await claimRefusal(
                        customerId: customerId, for: owner, rules: try await poolRules().0, now: context.now)
                    {
                        throw DomainError(.conflict, refusal)
                    }
                }
                _ = try await moveOwner(old, to: owner, .claimed, note: lead.number, by: actor, at: context.now)
            }
        } else {
            guard let owner else { throw DomainError(.conflict, Message("lead.owner_needed")) }
            var region = lead.regionId
            if region == nil { region = try await users().first { $0.id == owner }?.regionId }
            let c = try await insertCustomer(
                CustomerFields(name: lead.company, regionId: region, ownerId: owner, notes: lead.need), by: actor)
            try await audit(.create, "customer", String(c.id), before: Optional<Customer>.none, after: c)
            customerId = c.id
            if !lead.contactName.isEmpty {
                _ = try await insertContact(
                    Contact(
                        id: 0, customerId: c.id, name: lead.contactName, phone: lead.phone, email: lead.email,
                        isPrimary: true, createdAt: context.now))
            }
        }
        guard let owner, let customer = try await rawCustomer(id: customerId) else {
            throw DomainError(.conflict, Message("lead.owner_needed"))
        }
        let stages = try await opportunityStages().0
        let first = stages.openOrder.first ?? .contact
        var o = Opportunity(
            customerId: customerId, customerName: customer.name, customerOwnerId: customer.ownerId, title: title,
            amount: amount, probability: stages.probability(first),
            ownerId: owner, stage: first, leadId: lead.id)
        o = try await insertOpportunity(&o, by: actor, now: context.now)
        lead.customerId = customerId
        lead.opportunityId = o.id
        lead.ownerId = owner
    }
}

extension LeadProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let l = try await s.lead(id: id, for: actor) else { return nil }
        let reps = Dictionary(
            uniqueKeysWithValues: try await s.users().filter(\.isActiveRep).map { ($0.id, $0.displayName) })
        return Subject(l, reps: reps)
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        let l = new.lead
        try await s.sql.update("leads").set("state", to: l.state.rawValue).set("owner_id", to: l.ownerId).set(
            "next_follow_up", to: l.nextFollowUp
        )
        .set("discard_reason", to: l.discardReason).set("customer_id", to: l.customerId).set(
            "opportunity_id", to: l.opportunityId
        )
        .set("version", to: l.version).set("updated_at", to: Store.nowMillis()).versioned(id: l.id, version: version)
    }

    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool {
        switch effect {
        case .convert(let title, let amount): try await s.convert(&subject.lead, title: title, amount: amount, context)
        }
        return true
    }
}
