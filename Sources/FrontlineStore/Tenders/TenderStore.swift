import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// A tender with the names around it.
public struct TenderItem: Sendable {
    public var tender: Tender
    public var customerName: String
    public var ownerName: String
    public var engineerName: String?
}

public struct TenderFilter: Sendable, Equatable {
    public var q: String?
    public var state: Tender.State?
    public var deposit: Tender.Deposit?
    public var customerId: Int64?
    /// Open tenders whose deadline falls within this many days (or has passed).
    public var dueWithinDays: Int?
    public var ownerId: Int64?

    /// The sorts of the list and the column each reads.
    public static let sorts: [String: String] = [
        "deadline": "deadline", "bid": "bid_fen", "updated_at": "updated_at", "created_at": "created_at", "id": "id",
    ]
    public init(
        q: String? = nil, state: Tender.State? = nil, deposit: Tender.Deposit? = nil, customerId: Int64? = nil,
        dueWithinDays: Int? = nil
    ) {
        self.q = q; self.state = state; self.deposit = deposit; self.customerId = customerId;
        self.dueWithinDays = dueWithinDays
    }
}

/// What a step of the tender process may carry besides a comment: the one step input every process reads.
public typealias TenderStepInput = StepInput

extension Store {
    static let tenderColumns = [
        "id", "number", "customer_id", "owner_id", "title", "tender_no", "buyer", "agency", "deadline", "state",
        "bid_fen", "deposit_fen",
        "deposit", "deposit_paid_on", "deposit_closed_on", "quotation_id", "engineer_id", "package_sha", "package_size",
        "package_versions",
        "package_at", "submitted_at", "loss_reason", "winner", "winning_fen", "contract_id", "opportunity_id",
        "version", "created_at", "updated_at",
    ]

    static func decodeTender(_ r: any SQLRow) throws -> Tender {
        var t = Tender(
            id: try r.decode(column: "id", as: Int64.self), number: try r.decode(column: "number", as: String.self),
            customerId: try r.decode(column: "customer_id", as: Int64.self),
            ownerId: try r.decode(column: "owner_id", as: Int64.self),
            title: try r.decode(column: "title", as: String.self),
            tenderNo: try r.decode(column: "tender_no", as: String.self),
            buyer: try r.decode(column: "buyer", as: String.self),
            agency: try r.decode(column: "agency", as: String.self),
            deadline: try r.decode(column: "deadline", as: Int64.self),
            state: Tender.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .preparing,
            bidAmount: Money(fen: try r.decode(column: "bid_fen", as: Int64.self)),
            depositAmount: Money(fen: try r.decode(column: "deposit_fen", as: Int64.self)),
            deposit: Tender.Deposit(rawValue: try r.decode(column: "deposit", as: String.self)) ?? .none,
            depositPaidOn: try r.decode(column: "deposit_paid_on", as: String.self),
            depositClosedOn: try r.decode(column: "deposit_closed_on", as: String.self),
            quotationId: try r.decode(column: "quotation_id", as: Int64?.self),
            engineerId: try r.decode(column: "engineer_id", as: Int64?.self),
            packageSha: try r.decode(column: "package_sha", as: String.self),
            packageSize: try r.decode(column: "package_size", as: Int64.self),
            packageVersions: try JSONDecoder().decode(
                [String: Int].self, from: Data(try r.decode(column: "package_versions", as: String.self).utf8)),
            packageAt: try r.decode(column: "package_at", as: Int64?.self),
            submittedAt: try r.decode(column: "submitted_at", as: Int64?.self),
            lossReason: try r.decode(column: "loss_reason", as: String.self),
            winner: try r.decode(column: "winner", as: String.self),
            winningAmount: try r.decode(column: "winning_fen", as: Int64?.self).map { Money(fen: $0) },
            contractId: try r.decode(column: "contract_id", as: Int64?.self),
            version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            updatedAt: try r.decode(column: "updated_at", as: Int64.self))
        t.opportunityId = try r.decode(column: "opportunity_id", as: Int64?.self)
        return t
    }

    func tenderSelect() -> SQLSelectBuilder {
        sql.select().columns(Store.tenderColumns.map { SQLColumn($0, table: "t") })
            .column(SQLColumn("name", table: "c"), as: "customer_name").column(
                SQLColumn("display_name", table: "u"), as: "owner_name"
            )
            .column(SQLColumn("display_name", table: "e"), as: "engineer_name")
            .from(SQLAlias(SQLIdentifier("tenders"), as: SQLIdentifier("t")))
            .join(
                SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                on: SQLColumn("customer_id", table: "t"), .equal, SQLColumn("id", table: "c")
            )
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                on: SQLColumn("owner_id", table: "t"), .equal, SQLColumn("id", table: "u")
            )
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("e")), method: SQLJoinMethod.left,
                on: SQLColumn("engineer_id", table: "t"), .equal, SQLColumn("id", table: "e"))
    }

    static func decodeTenderItem(_ r: any SQLRow) throws -> TenderItem {
        TenderItem(
            tender: try decodeTender(r), customerName: try r.decode(column: "customer_name", as: String.self),
            ownerName: try r.decode(column: "owner_name", as: String.self),
            engineerName: try r.decode(column: "engineer_name", as: String?.self))
    }

    /// Who reads a tender: whoever reads its customer; the CS manager every tender (he assigns the technical bids);
    /// an engineer the ones he writes; every named reviewer the one he reviews.
    func scopeTenders<B: SQLPredicateBuilder>(_ b: B, for actor: Actor) -> B {
        let scope = CustomerAccess.readScope(actor)
        if scope == .all || actor.has(.csManager) { return b }
        b.where { w in
            if case .ownedBy(let id) = scope { w.orWhere(SQLColumn("owner_id", table: "c"), .equal, SQLBind(id)) }
            if actor.has(.csEngineer) { w.orWhere(SQLColumn("engineer_id", table: "t"), .equal, SQLBind(actor.id)) }
            return w.orWhere(
                SQLQueryString(
                    "\(ident: "t").\(ident: "id") IN (SELECT \(ident: "tender_id") FROM \(ident: "tender_reviews") WHERE \(ident: "reviewer_id") = \(bind: actor.id))"
                ))
        }
        return b
    }

    public func tender(id: Int64, for actor: Actor) async throws -> TenderItem? {
        try await scopeTenders(tenderSelect().where(SQLColumn("id", table: "t"), .equal, SQLBind(id)), for: actor)
            .first().map(Store.decodeTenderItem)
    }

    /// A page of the tenders the actor reads in the order asked, with the bid price of every one that matched;
    /// asked in no order with `dueWithinDays`, the open ones by deadline, soonest first.
    public func tenders(
        _ f: TenderFilter, _ q: ListQuery, before: Int64? = nil, for actor: Actor, now: Int64 = Store.now()
    ) async throws -> Listing<TenderItem> {
        guard CustomerAccess.canBrowse(actor) || actor.hasAny(ContractAccess.customerService) else {
            throw DomainError.forbidden
        }
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            _ = scopeTenders(b, for: actor)
            if let s = f.state { b.where(SQLColumn("state", table: "t"), .equal, SQLBind(s.rawValue)) }
            if let d = f.deposit { b.where(SQLColumn("deposit", table: "t"), .equal, SQLBind(d.rawValue)) }
            if let c = f.customerId { b.where(SQLColumn("customer_id", table: "t"), .equal, SQLBind(c)) }
            if let o = f.ownerId { b.where(SQLColumn("owner_id", table: "t"), .equal, SQLBind(o)) }
            if let days = f.dueWithinDays {
                b.where(
                    SQLColumn("state", table: "t"), .in,
                    SQLGroupExpression([Tender.State.preparing, .inReview, .passed].map { SQLBind($0.rawValue) }))
                b.where(SQLColumn("deadline", table: "t"), .lessThanOrEqual, SQLBind(now + Int64(days) * 86_400))
            }
            if let q = f.q, !q.isEmpty {
                let pattern = Store.likePattern(q.lowercased())
                b.where { w in
                    for col in ["number", "title", "tender_no", "buyer"] {
                        w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn(col, table: "t")), pattern))
                    }
                    return w.orWhere(Store.like(SQLFunction("LOWER", args: SQLColumn("name", table: "c")), pattern))
                }
            }
            return b
        }
        var order = q
        if f.dueWithinDays != nil, q.sortField == "id", q.descending {
            order = ListQuery(limit: q.limit, offset: q.offset, sortField: "deadline")
        }
        return try await page(
            count: filtered(customerRecordCount("tenders", "t", sum: "bid_fen")), rows: filtered(tenderSelect()),
            alias: "t", order, before: before, columns: TenderFilter.sorts, summed: true, decode: Store.decodeTenderItem
        )
    }

    /// The newest `limit` tenders the actor reads (with `dueWithinDays`, the soonest due).
    public func tenders(_ f: TenderFilter, limit: Int = 50, for actor: Actor) async throws -> Listing<TenderItem> {
        try await tenders(f, ListQuery(limit: limit, sortField: "id", descending: true), for: actor)
    }

    public func tenderReviews(_ id: Int64) async throws -> [Review] { try await reviews(.tender, id) }

    /// Every version of every part, by part and then newest first.
    public func tenderFiles(_ tenderId: Int64) async throws -> [TenderFile] {
        try await sql.select().columns(
            ["id", "part", "version", "note", "name", "content_type", "size", "sha256", "uploaded_by", "created_at"].map
            { SQLColumn($0, table: "f") }
        )
        .column(SQLColumn("display_name", table: "u"), as: "uploader_name")
        .from(SQLAlias(SQLIdentifier("tender_files"), as: SQLIdentifier("f")))
        .join(
            SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
            on: SQLColumn("uploaded_by", table: "f"), .equal, SQLColumn("id", table: "u")
        )
        .where(SQLColumn("tender_id", table: "f"), .equal, SQLBind(tenderId))
        .orderBy(SQLColumn("part", table: "f")).orderBy(SQLColumn("version", table: "f"), SQLDirection.descending).all()
        .map { r in
            let part = Tender.Part(rawValue: try r.decode(column: "part", as: String.self)) ?? .commercial
            return TenderFile(
                tenderId: tenderId, part: part, version: try r.decode(column: "version", as: Int.self),
                note: try r.decode(column: "note", as: String.self),
                file: Attachment(
                    id: try r.decode(column: "id", as: Int64.self), entity: "tender", entityId: tenderId,
                    name: try r.decode(column: "name", as: String.self),
                    contentType: try r.decode(column: "content_type", as: String.self),
                    size: try r.decode(column: "size", as: Int64.self),
                    sha256: try r.decode(column: "sha256", as: String.self),
                    uploadedBy: try r.decode(column: "uploaded_by", as: Int64.self),
                    createdAt: try r.decode(column: "created_at", as: Int64.self)),
                uploaderName: try r.decode(column: "uploader_name", as: String.self))
        }
        .sorted { ($0.part.order, -$0.version) < ($1.part.order, -$1.version) }
    }

    func writeTender(_ t: Tender, old: Tender?) async throws -> Tender {
        var t = t
        t.updatedAt = Store.nowMillis()
        if let old {
            t.version = old.version + 1
            try await updateTenderRow(t, at: old.version)
        } else {
            t.createdAt = t.updatedAt
            t.version = 1
            let (columns, values) = try Store.tenderRow(t)
            let row = try await sql.insert(into: "tenders").columns(columns + ["version", "created_at", "updated_at"])
                .values(values.map { SQLBind($0) } + [SQLBind(1), SQLBind(t.createdAt), SQLBind(t.updatedAt)])
                .returning("id").first()
            t.id = try row!.decode(column: "id", as: Int64.self)
        }
        return t
    }

    static func tenderRow(_ t: Tender) throws -> ([String], [any Encodable & Sendable]) {
        let versions = String(decoding: try JSONEncoder().encode(t.packageVersions), as: UTF8.self)
        let values: [any Encodable & Sendable] = [
            t.number, t.customerId, t.ownerId, t.title, t.tenderNo, t.buyer, t.agency, t.deadline, t.state.rawValue,
            t.bidAmount.fen,
            t.depositAmount.fen, t.deposit.rawValue, t.depositPaidOn, t.depositClosedOn, t.quotationId, t.engineerId,
            t.packageSha, t.packageSize,
            versions, t.packageAt, t.submittedAt, t.lossReason, t.winner, t.winningAmount?.fen, t.contractId,
            t.opportunityId,
        ]
        return (Array(Store.tenderColumns.dropFirst().prefix(values.count)), values)
    }

    /// The one versioned write of a tender's row: every column, `version` as `t` holds it, where the row is at
    /// `version` (409 when another writer got there first).
    func updateTenderRow(_ t: Tender, at version: Int) async throws {
        let (columns, values) = try Store.tenderRow(t)
        let u = sql.update("tenders")
        for (c, v) in zip(columns, values) { u.set(SQLColumn(c), to: SQLBind(v)) }
        try await u.set("version", to: t.version).set("updated_at", to: t.updatedAt).versioned(
            id: t.id, version: version)
    }

    /// Opens a tender for a customer the actor may change, priced from a quotation of that customer when one is named.
    public func createTender(_ input: TenderInput, by actor: Actor, now: Int64 = Store.now()) async throws -> Tender {
        guard TenderAccess.canOpen(actor) else { throw DomainError.forbidden }
        guard let cid = input.customerId.flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw DomainError.validation([FieldError("customer_id", "field.required")])
        }
        return try await transaction { s in
            guard let c = try await s.rawCustomer(id: cid), CustomerAccess.canRead(actor, c) else {
                throw DomainError.validation([FieldError("customer_id", "quotation.unknown_customer")])
            }
            guard CustomerAccess.canEdit(actor, c) else { throw DomainError.forbidden }
            var base = Tender(customerId: cid, ownerId: c.ownerId ?? actor.id, buyer: input.buyer == nil ? c.name : "")
            if let raw = input.quotationId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                guard let qid = Int64(raw), let q = try await s.quotation(id: qid, for: actor)?.quotation,
                    q.customerId == cid
                else {
                    throw DomainError.validation([FieldError("quotation_id", "tender.unknown_quotation")])
                }
                base.quotationId = q.id
                base.opportunityId = q.opportunityId
                base.bidAmount = q.totals.gross
                if input.title == nil { base.title = q.title }
            }
            var t = try input.apply(to: base, now: now)
            if input.opportunityId != nil {
                t.opportunityId = try await s.linkableOpportunity(input.opportunityId, customerId: cid, for: actor)
            }
            t.number = try await s.nextNumber(in: "tenders", prefix: "TB")
            t = try await s.writeTender(t, old: nil)
            try await s.recordStep(
                "tender", t.id, from: "", action: "create", to: t.state.rawValue, actor: actor, comment: "")
            try await s.audit(.create, "tender", String(t.id), before: Optional<Tender>.none, after: t)
            return t
        }
    }

    /// Changes a tender's facts while it is being worked on (a buyer's extension moves the deadline, for one).
    public func updateTender(id: Int64, version: Int, _ input: TenderInput, by actor: Actor, now: Int64 = Store.now())
        async throws -> Tender
    {
        try await transaction { s in
            guard let old = try await s.tender(id: id, for: actor)?.tender else { throw DomainError.notFound }
            guard TenderAccess.canOpen(actor), let c = try await s.rawCustomer(id: old.customerId),
                CustomerAccess.canEdit(actor, c)
            else {
                throw DomainError.forbidden
            }
            guard old.version == version else { throw Store.stale(old.version) }
            if let refusal = old.editRefusal { throw refusal }
            if input.customerId != nil || input.quotationId != nil {
                throw DomainError.validation([FieldError("customer_id", "contract.source_fixed")])
            }
            var changed = try input.apply(to: old, now: now)
            if input.opportunityId != nil {
                changed.opportunityId = try await s.linkableOpportunity(
                    input.opportunityId, customerId: old.customerId, for: actor)
            }
            let t = try await s.writeTender(changed, old: old)
            try await s.audit(.update, "tender", String(id), before: old, after: t)
            return t
        }
    }

    /// Refuses, before an upload's body is read, an actor who may write no part of this bid now.
    public func checkMayUploadTenderFile(tenderId: Int64, by actor: Actor) async throws {
        guard let item = try await tender(id: tenderId, for: actor) else { throw DomainError.notFound }
        let refusals = Tender.Part.allCases.map { TenderAccess.uploadRefusal($0, of: item.tender, actor) }
        if let first = refusals.first, refusals.allSatisfy({ $0 != nil }) { throw first! }
    }

    /// Adds a new version of one part of a bid, by that part's owner while the bid is being written.
    public func addTenderFile(
        tenderId: Int64, part: Tender.Part, name rawName: String, bytes: [UInt8], note rawNote: String?,
        folder: FileFolder, by actor: Actor
    ) async throws -> TenderFile {
        guard let item = try await tender(id: tenderId, for: actor) else { throw DomainError.notFound }
        if let refusal = TenderAccess.uploadRefusal(part, of: item.tender, actor) { throw refusal }
        let name = try FileKinds.cleanName(rawName)
        let note = try Store.comment(rawNote)
        try FileKinds.check(size: bytes.count)
        let sha = try folder.write(bytes)
        return try await transaction { s in
            guard let t = try await s.tender(id: tenderId, for: actor)?.tender else { throw DomainError.notFound }
            if let refusal = TenderAccess.uploadRefusal(part, of: t, actor) { throw refusal }
            let last = try await s.sql.select().column(SQLFunction("MAX", args: SQLColumn("version")), as: "m").from(
                "tender_files"
            )
            .where("tender_id", .equal, tenderId).where("part", .equal, part.rawValue).first()
            let version = ((try? last?.decode(column: "m", as: Int?.self)) ?? nil ?? 0) + 1
            let createdAt = Store.nowMillis()
            let row = try await s.sql.insert(into: "tender_files")
                .columns(
                    "tender_id", "part", "version", "note", "name", "content_type", "size", "sha256", "uploaded_by",
                    "created_at"
                )
                .values(
                    SQLBind(tenderId), SQLBind(part.rawValue), SQLBind(version), SQLBind(note), SQLBind(name),
                    SQLBind(FileKinds.contentType(forName: name)),
                    SQLBind(Int64(bytes.count)), SQLBind(sha), SQLBind(actor.id), SQLBind(createdAt)
                ).returning("id").first()
            let f = TenderFile(
                tenderId: tenderId, part: part, version: version, note: note,
                file: Attachment(
                    id: try row!.decode(column: "id", as: Int64.self), entity: "tender", entityId: tenderId, name: name,
                    contentType: FileKinds.contentType(forName: name), size: Int64(bytes.count), sha256: sha,
                    uploadedBy: actor.id, createdAt: createdAt),
                uploaderName: actor.displayName)
            try await s.recordStep(
                "tender", tenderId, from: t.state.rawValue, action: "upload", to: t.state.rawValue, actor: actor,
                comment: "\(Catalog.text(part.labelKey, [:], .zhCN)) v\(version)：\(name)")
            try await s.audit(
                .create, "tender_file", String(f.file.id),
                note: ["tender": t.number, "part": part.rawValue, "version": String(version), "sha256": sha])
            return f
        }
    }

    /// The open tenders whose deadline is within three days (or past), for the home page of those who work on them.
    public func tenderReminders(for actor: Actor, now: Int64 = Store.now()) async throws -> [TenderItem] {
        guard actor.hasAny(ContractAccess.market.union(ContractAccess.customerService)) else { return [] }
        return try await tenders(
            TenderFilter(dueWithinDays: 3), ListQuery(limit: 20, sortField: "id", descending: true), for: actor,
            now: now
        ).items
    }

    /// Takes one step of the tender process (the table is `TenderProcess`): the last review answer concludes the
    /// review by itself; `assemble` builds the package into `folder`; `win` opens the contract draft.
    public func actOnTender(
        id: Int64, _ action: TenderProcess.Action, _ input: StepInput, version: Int?, folder: FileFolder,
        by actor: Actor,
        now: Int64 = Store.now()
    ) async throws -> Tender {
        try await run(
            TenderProcess.self, id: id, action, input, version: version, by: actor, now: now * 1000, files: folder
        ).tender
    }

    /// The bidder on a package's cover: setting `company.name`.
    public func companyName() async throws -> String {
        let row = try await sql.select().column("value").from("settings").where("key", .equal, "company.name").first()
        return row.flatMap { try? $0.decode(column: "value", as: String.self) }
            ?? Catalog.text("app.company", [:], .zhCN)
    }

    /// "A won tender leads to a contract": a draft for the bid price, priced from its quotation when it has one.
    func draftContract(from t: Tender, by actor: Actor) async throws -> Contract {
        var k = Contract(
            customerId: t.customerId, ownerId: t.ownerId, title: t.title, sourceKind: "tender", sourceId: t.id,
            amount: t.bidAmount,
            milestones: ContractInput.standardMilestones(t.bidAmount))
        k.opportunityId = t.opportunityId
        if let qid = t.quotationId, let q = try await quotation(id: qid, for: actor)?.quotation {
            k.costEstimate = q.totals.net - q.totals.profit
            k.commercialTerms = q.terms
        }
        return try await insertContract(k, by: actor, comment: t.number)
    }
}

extension Tender.Part {
    var order: Int { Tender.Part.allCases.firstIndex(of: self)! }
}

extension TenderProcess: ProcessRecords {
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let item = try await s.tender(id: id, for: actor) else { return nil }
        let files = try await s.tenderFiles(id)
        return Subject(
            item.tender, reviews: try await s.tenderReviews(id), partsWithFiles: Set(files.map(\.part)),
            now: now / 1000, files: files,
            people: try await s.users())
    }

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        var t = new.tender
        t.updatedAt = Store.nowMillis()
        try await s.updateTenderRow(t, at: version)
        try await s.saveReviews(.tender, t.id, new.reviews, over: old.reviews)
    }

    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool {
        switch effect {
        case .buildPackage(let chosen):
            guard let folder = files else { throw DomainError(.conflict, Message("tender.no_package")) }
            let t = subject.tender
            let customer = try await s.rawCustomer(id: t.customerId)
            let cover = TenderPackage.cover(
                t, buyerName: t.buyer.isEmpty ? customer?.name ?? "" : t.buyer, bidder: try await s.companyName(),
                files: chosen, at: context.seconds)
            let data = TenderPackage.archive(
                cover: cover, files: try chosen.map { ($0, try folder.read($0.file.sha256)) })
            subject.tender.packageSha = try folder.write(Array(data))
            subject.tender.packageSize = Int64(data.count)
        case .draftContract:
            subject.tender.contractId = try await s.draftContract(from: subject.tender, by: context.actor).id
            try await s.winOpportunity(subject.tender.opportunityId, by: subject.tender.number, context)
        }
        return true
    }
}
