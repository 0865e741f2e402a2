import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// The price book, approvals and quotations (issue 4), and the history every process step leaves.
extension Store {
    // MARK: process history

    /// Records one step of a process, in the caller's transaction.
    func recordStep(_ process: String, _ recordId: Int64, from: String, action: String, to: String, actor: Actor, comment: String)
        async throws
    {
        try await sql.insert(into: "process_events")
            .columns("process", "record_id", "from_state", "action", "to_state", "actor_id", "actor_name", "comment", "at")
            .values(
                SQLBind(process), SQLBind(recordId), SQLBind(from), SQLBind(action), SQLBind(to), SQLBind(actor.id),
                SQLBind(actor.displayName), SQLBind(comment), SQLBind(Store.nowMillis())
            ).run()
    }

    /// An automatic step (the last review answer concluding the review) is the system's, not the last reviewer's:
    /// its history entry says so, and who triggered it.
    static func automatic(_ trigger: Actor) -> Actor {
        Actor(id: trigger.id, username: "system", displayName: Catalog.text("process.automatic", [:], .zhCN), roles: trigger.roles)
    }
    static func automaticNote(_ trigger: Actor) -> String { Catalog.text("process.automatic_after", ["name": trigger.displayName], .zhCN) }

    /// A review answer in the history: the opinion as people read it (同意, 有条件同意, 不同意), then the remarks.
    static func reviewNote(_ opinion: String?, _ comment: String) -> String {
        let label = opinion.flatMap { $0.isEmpty ? nil : Catalog.text("contract.opinion.\($0)", [:], .zhCN) } ?? ""
        return [label, comment].filter { !$0.isEmpty }.joined(separator: "：")
    }

    /// The steps a record has been through, oldest first.
    public func history(_ process: String, _ recordId: Int64) async throws -> [ProcessEvent] {
        try await sql.select().columns("id", "process", "record_id", "from_state", "action", "to_state", "actor_id", "actor_name", "comment", "at")
            .from("process_events").where("process", .equal, process).where("record_id", .equal, recordId).orderBy("id").all()
            .map { r in
                ProcessEvent(
                    id: try r.decode(column: "id", as: Int64.self), process: process, recordId: recordId,
                    fromState: try r.decode(column: "from_state", as: String.self), action: try r.decode(column: "action", as: String.self),
                    toState: try r.decode(column: "to_state", as: String.self), actorId: try r.decode(column: "actor_id", as: Int64.self),
                    actorName: try r.decode(column: "actor_name", as: String.self), comment: try r.decode(column: "comment", as: String.self),
                    at: try r.decode(column: "at", as: Int64.self))
            }
    }

    static func comment(_ raw: String?) throws(DomainError) -> String {
        let c = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard c.count <= 2000 else { throw .validation([FieldError("comment", "field.too_long", ["max": "2000"])]) }
        return c
    }

    // MARK: settings

    /// The discount a seller may give without approval, in basis points (setting `quote.standard_discount`, 10 %).
    public func standardDiscount() async throws -> Int {
        let row = try await sql.select().column("value").from("settings").where("key", .equal, "quote.standard_discount").first()
        return row.flatMap { try? $0.decode(column: "value", as: String.self) }.flatMap { Int($0) } ?? 1_000
    }

    // MARK: products

    static let productColumns = [
        "id", "code", "name", "kind", "unit", "description", "list_fen", "floor_fen", "cost_fen", "tax_rate", "active", "version",
        "created_at", "updated_at",
    ]

    static func decodeProduct(_ r: any SQLRow) throws -> Product {
        Product(
            id: try r.decode(column: "id", as: Int64.self), code: try r.decode(column: "code", as: String.self),
            name: try r.decode(column: "name", as: String.self),
            kind: ProductKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .product,
            unit: try r.decode(column: "unit", as: String.self), description: try r.decode(column: "description", as: String.self),
            listPrice: Money(fen: try r.decode(column: "list_fen", as: Int64.self)),
            floorPrice: Money(fen: try r.decode(column: "floor_fen", as: Int64.self)),
            cost: Money(fen: try r.decode(column: "cost_fen", as: Int64.self)), taxRate: try r.decode(column: "tax_rate", as: Int.self),
            active: try r.decode(column: "active", as: Bool.self), version: try r.decode(column: "version", as: Int.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self), updatedAt: try r.decode(column: "updated_at", as: Int64.self))
    }

    /// The price book, by code; `q` searches code and name.
    public func products(q: String? = nil, includeInactive: Bool = false, for actor: Actor) async throws -> [Product] {
        guard PriceAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let b = sql.select().columns(Store.productColumns).from("products")
        if !includeInactive { b.where("active", .equal, true) }
        if let q, !q.isEmpty {
            let pattern = Store.likePattern(q.lowercased())
            b.where { w in
                w.where(SQLFunction("LOWER", args: SQLColumn("code")), .like, SQLBind(pattern))
                    .orWhere(SQLFunction("LOWER", args: SQLColumn("name")), .like, SQLBind(pattern))
            }
        }
        return try await b.orderBy("code").all().map(Store.decodeProduct)
    }

    public func product(id: Int64) async throws -> Product? {
        try await sql.select().columns(Store.productColumns).from("products").where("id", .equal, id).first().map(Store.decodeProduct)
    }

    public func createProduct(_ input: ProductInput, by actor: Actor) async throws -> Product {
        guard PriceAccess.canEdit(actor) else { throw DomainError.forbidden }
        let (validated, _, _) = try input.apply(to: nil)
        return try await transaction { s in
            var p = validated
            if try await s.sql.select().column("id").from("products").where("code", .equal, p.code).first() != nil {
                throw DomainError(.duplicate, Message("product.duplicate", ["code": p.code]), fields: [FieldError("code", "product.duplicate", ["code": p.code])])
            }
            let now = Store.nowMillis()
            p.createdAt = now
            p.updatedAt = now
            let row = try await s.sql.insert(into: "products").columns(Array(Store.productColumns.dropFirst()))
                .values(
                    SQLBind(p.code), SQLBind(p.name), SQLBind(p.kind.rawValue), SQLBind(p.unit), SQLBind(p.description),
                    SQLBind(p.listPrice.fen), SQLBind(p.floorPrice.fen), SQLBind(p.cost.fen), SQLBind(p.taxRate), SQLBind(p.active),
                    SQLBind(1), SQLBind(now), SQLBind(now)
                ).returning("id").first()
            p.id = try row!.decode(column: "id", as: Int64.self)
            try await s.audit(.create, "product", String(p.id), before: Optional<Product>.none, after: p)
            return p
        }
    }

    /// Changes a product; a price change is kept in the price history with its reason.
    public func updateProduct(id: Int64, version: Int, _ input: ProductInput, by actor: Actor) async throws -> Product {
        guard PriceAccess.canEdit(actor) else { throw DomainError.forbidden }
        return try await transaction { s in
            guard let old = try await s.product(id: id) else { throw DomainError.notFound }
            guard old.version == version else { throw Store.stale(old.version) }
            var (p, changed, reason) = try input.apply(to: old)
            if p.code != old.code, try await s.sql.select().column("id").from("products").where("code", .equal, p.code).first() != nil {
                throw DomainError(.duplicate, Message("product.duplicate", ["code": p.code]), fields: [FieldError("code", "product.duplicate", ["code": p.code])])
            }
            let now = Store.nowMillis()
            p.version = old.version + 1
            p.updatedAt = now
            try await s.sql.update("products")
                .set("code", to: p.code).set("name", to: p.name).set("kind", to: p.kind.rawValue).set("unit", to: p.unit)
                .set("description", to: p.description).set("list_fen", to: p.listPrice.fen).set("floor_fen", to: p.floorPrice.fen)
                .set("cost_fen", to: p.cost.fen).set("tax_rate", to: p.taxRate).set("active", to: p.active)
                .set("version", to: p.version).set("updated_at", to: now)
                .versioned(id: id, version: version)
            if changed {
                try await s.sql.insert(into: "price_changes")
                    .columns("product_id", "list_before", "list_after", "floor_before", "floor_after", "cost_before", "cost_after", "reason", "changed_by", "at")
                    .values(
                        SQLBind(id), SQLBind(old.listPrice.fen), SQLBind(p.listPrice.fen), SQLBind(old.floorPrice.fen),
                        SQLBind(p.floorPrice.fen), SQLBind(old.cost.fen), SQLBind(p.cost.fen), SQLBind(reason), SQLBind(actor.id), SQLBind(now)
                    ).run()
            }
            try await s.audit(.update, "product", String(id), before: old, after: p)
            return p
        }
    }

    /// A price change with the product and the name of who made it.
    public struct PriceChangeItem: Sendable {
        public var change: PriceChange
        public var productCode: String
        public var productName: String
        public var changedByName: String
    }

    /// The price history, newest first: of one product, or of the whole book.
    /// `listOnly` keeps to changes of the list price: that floor or cost moved is itself confidential.
    public func priceChanges(productId: Int64? = nil, listOnly: Bool = false, limit: Int = 200, offset: Int = 0) async throws
        -> Listing<PriceChangeItem>
    {
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            if let productId { b.where(SQLColumn("product_id", table: "c"), .equal, SQLBind(productId)) }
            if listOnly { b.where(SQLColumn("list_before", table: "c"), .notEqual, SQLColumn("list_after", table: "c")) }
            return b
        }
        let total = try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLIdentifier("price_changes"), as: SQLIdentifier("c")))).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(
            sql.select()
                .columns(["id", "product_id", "list_before", "list_after", "floor_before", "floor_after", "cost_before", "cost_after", "reason", "changed_by", "at"].map { SQLColumn($0, table: "c") })
                .column(SQLColumn("code", table: "p"), as: "product_code").column(SQLColumn("name", table: "p"), as: "product_name")
                .column(SQLColumn("display_name", table: "u"), as: "changed_by_name")
                .from(SQLAlias(SQLIdentifier("price_changes"), as: SQLIdentifier("c")))
                .join(SQLAlias(SQLIdentifier("products"), as: SQLIdentifier("p")), method: SQLJoinMethod.inner, on: SQLColumn("product_id", table: "c"), .equal, SQLColumn("id", table: "p"))
                .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner, on: SQLColumn("changed_by", table: "c"), .equal, SQLColumn("id", table: "u"))
        ).orderBy(SQLColumn("id", table: "c"), SQLDirection.descending).limit(limit).offset(offset).all()
        let items = try rows.map { r in
            PriceChangeItem(
                change: PriceChange(
                    id: try r.decode(column: "id", as: Int64.self), productId: try r.decode(column: "product_id", as: Int64.self),
                    listBefore: Money(fen: try r.decode(column: "list_before", as: Int64.self)), listAfter: Money(fen: try r.decode(column: "list_after", as: Int64.self)),
                    floorBefore: Money(fen: try r.decode(column: "floor_before", as: Int64.self)), floorAfter: Money(fen: try r.decode(column: "floor_after", as: Int64.self)),
                    costBefore: Money(fen: try r.decode(column: "cost_before", as: Int64.self)), costAfter: Money(fen: try r.decode(column: "cost_after", as: Int64.self)),
                    reason: try r.decode(column: "reason", as: String.self), changedBy: try r.decode(column: "changed_by", as: Int64.self),
                    at: try r.decode(column: "at", as: Int64.self)),
                productCode: try r.decode(column: "product_code", as: String.self), productName: try r.decode(column: "product_name", as: String.self),
                changedByName: try r.decode(column: "changed_by_name", as: String.self))
        }
        return Listing(items: items, total: total)
    }

    // MARK: approvals

    static let approvalColumns = [
        "id", "kind", "amount_fen", "subject", "subject_id", "title", "reason", "requested_by", "approver_role", "limit_fen",
        "limits_version", "state", "decided_by", "decision_comment", "created_at", "decided_at", "version", "basis",
    ]

    static func decodeApproval(_ r: any SQLRow) throws -> ApprovalRequest {
        ApprovalRequest(
            id: try r.decode(column: "id", as: Int64.self), kind: ApprovalKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .discount,
            amount: Money(fen: try r.decode(column: "amount_fen", as: Int64.self)), subject: try r.decode(column: "subject", as: String.self),
            subjectId: try r.decode(column: "subject_id", as: Int64.self), title: try r.decode(column: "title", as: String.self),
            reason: try r.decode(column: "reason", as: String.self), basis: try r.decode(column: "basis", as: String.self),
            requestedBy: try r.decode(column: "requested_by", as: Int64.self),
            approverRole: Role(rawValue: try r.decode(column: "approver_role", as: String.self)) ?? .gm,
            limitInForce: Money(fen: try r.decode(column: "limit_fen", as: Int64.self)), limitsVersion: try r.decode(column: "limits_version", as: Int.self),
            state: ApprovalRequest.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .pending,
            decidedBy: try r.decode(column: "decided_by", as: Int64?.self), decisionComment: try r.decode(column: "decision_comment", as: String.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self), decidedAt: try r.decode(column: "decided_at", as: Int64?.self),
            version: try r.decode(column: "version", as: Int.self))
    }

    public func approval(id: Int64) async throws -> ApprovalRequest? {
        try await sql.select().columns(Store.approvalColumns).from("approvals").where("id", .equal, id).first().map(Store.decodeApproval)
    }

    /// Who may read an approval: the requester, the approvers (manager, GM), and readers of its subject.
    public func approval(id: Int64, for actor: Actor) async throws -> ApprovalRequest? {
        guard let a = try await approval(id: id) else { return nil }
        if a.requestedBy == actor.id || actor.hasAny([.gm, .marketManager]) { return a }
        if a.subject == "quotation", try await quotation(id: a.subjectId, for: actor) != nil { return a }
        return nil
    }

    func insertApproval(_ r: ApprovalRequest) async throws -> ApprovalRequest {
        var r = r
        let row = try await sql.insert(into: "approvals").columns(Array(Store.approvalColumns.dropFirst()))
            .values(
                SQLBind(r.kind.rawValue), SQLBind(r.amount.fen), SQLBind(r.subject), SQLBind(r.subjectId), SQLBind(r.title),
                SQLBind(r.reason), SQLBind(r.requestedBy), SQLBind(r.approverRole.rawValue), SQLBind(r.limitInForce.fen),
                SQLBind(r.limitsVersion), SQLBind(r.state.rawValue), SQLBind(r.decidedBy), SQLBind(r.decisionComment),
                SQLBind(r.createdAt), SQLBind(r.decidedAt), SQLBind(1), SQLBind(r.basis)
            ).returning("id").first()
        r.id = try row!.decode(column: "id", as: Int64.self)
        try await audit(.create, "approval", String(r.id), before: Optional<ApprovalRequest>.none, after: r)
        return r
    }

    /// Which approvals to list.
    public enum ApprovalBox: String, Sendable, CaseIterable {
        /// Pending ones the actor may decide now.
        case inbox
        /// Ones the actor raised.
        case mine
        /// Ones the actor decided.
        case done
        /// Every approval (GM and market manager).
        case all
    }

    public struct ApprovalItem: Sendable {
        public var approval: ApprovalRequest
        public var requesterName: String
        public var deciderName: String?
    }

    public func approvals(_ box: ApprovalBox, state: ApprovalRequest.State? = nil, for actor: Actor, limit: Int = 50, offset: Int = 0)
        async throws -> Listing<ApprovalItem>
    {
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            switch box {
            case .inbox:
                // What is routed to the actor: the GM's inbox holds what is above the manager's limit, the manager's
                // what is within it (the GM may still decide those from 全部); nobody else has an inbox.
                b.where(SQLColumn("state", table: "a"), .equal, SQLBind("pending"))
                b.where(SQLColumn("requested_by", table: "a"), .notEqual, SQLBind(actor.id))
                let routed = actor.has(.gm) ? "gm" : (actor.has(.marketManager) ? "market_manager" : "-")
                b.where(SQLColumn("approver_role", table: "a"), .equal, SQLBind(routed))
            case .done:
                b.where(SQLColumn("decided_by", table: "a"), .equal, SQLBind(actor.id))
            case .mine:
                b.where(SQLColumn("requested_by", table: "a"), .equal, SQLBind(actor.id))
            case .all:
                if !actor.hasAny([.gm, .marketManager]) { b.where(SQLColumn("requested_by", table: "a"), .equal, SQLBind(actor.id)) }
            }
            if let state { b.where(SQLColumn("state", table: "a"), .equal, SQLBind(state.rawValue)) }
            return b
        }
        let from = SQLAlias(SQLIdentifier("approvals"), as: SQLIdentifier("a"))
        let total = try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(from))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(
            sql.select().columns(Store.approvalColumns.map { SQLColumn($0, table: "a") })
                .column(SQLColumn("display_name", table: "r"), as: "requester_name").column(SQLColumn("display_name", table: "d"), as: "decider_name")
                .from(from)
                .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("r")), method: SQLJoinMethod.inner, on: SQLColumn("requested_by", table: "a"), .equal, SQLColumn("id", table: "r"))
                .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("d")), method: SQLJoinMethod.left, on: SQLColumn("decided_by", table: "a"), .equal, SQLColumn("id", table: "d"))
        ).orderBy(SQLColumn("id", table: "a"), SQLDirection.descending).limit(limit).offset(offset).all()
        return Listing(
            items: try rows.map {
                ApprovalItem(
                    approval: try Store.decodeApproval($0), requesterName: try $0.decode(column: "requester_name", as: String.self),
                    deciderName: try $0.decode(column: "decider_name", as: String?.self))
            }, total: total)
    }

    /// Approves, rejects or withdraws a request, and moves its subject on: an approved discount lets the quotation
    /// go out, a rejected one sends it back to draft.
    public func decide(approvalId: Int64, _ action: ApprovalProcess.Action, comment raw: String?, by actor: Actor) async throws -> ApprovalRequest {
        let comment = try Store.comment(raw)
        return try await transaction { s in
            guard let old = try await s.approval(id: approvalId, for: actor) else { throw DomainError.notFound }
            // Only the requester takes a request back; to anybody else it is not his to withdraw.
            if action == .withdraw && old.requestedBy != actor.id { throw DomainError.forbidden }
            let step = try ProcessEngine.step(ApprovalProcess.self, from: old.state, action: action, subject: old, actor: actor, comment: comment)
            var r = old
            r.state = step.to
            r.version += 1
            if action != .withdraw {
                r.decidedBy = actor.id
                r.decidedAt = Store.nowMillis()
                r.decisionComment = comment
            }
            try await s.sql.update("approvals").set("state", to: r.state.rawValue).set("decided_by", to: r.decidedBy)
                .set("decided_at", to: r.decidedAt).set("decision_comment", to: r.decisionComment).set("version", to: r.version)
                .versioned(id: r.id, version: old.version)
            try await s.recordStep("approval", r.id, from: old.state.rawValue, action: action.rawValue, to: r.state.rawValue, actor: actor, comment: comment)
            try await s.audit(.update, "approval", String(r.id), before: old, after: r)
            if r.subject == "quotation" {
                let follow: QuotationProcess.Action = action == .approve ? .approve : (action == .reject ? .reject : .withdraw)
                try await s.moveQuotation(id: r.subjectId, follow, comment: comment, by: actor, approval: old)
            }
            return r
        }
    }

    /// The year-to-date ledger: per approver and kind, what was approved and rejected, against the limits in force.
    public func approvalLedger(year: Int) async throws -> [ApprovalLedgerLine] {
        guard let first = DateText.parseDay(String(format: "%04d-01-01", year)),
            let last = DateText.parseDay(String(format: "%04d-12-31", year))
        else { return [] }
        let start = (first * 86_400 - DateText.offset) * 1000
        let end = ((last + 1) * 86_400 - DateText.offset) * 1000
        let rows = try await sql.select()
            .column(SQLColumn("decided_by", table: "a"), as: "approver_id").column(SQLColumn("display_name", table: "u"), as: "approver_name")
            .column(SQLColumn("kind", table: "a"), as: "kind").column(SQLColumn("state", table: "a"), as: "state")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            // PostgreSQL sums BIGINT into NUMERIC; bring it back to BIGINT so both databases answer the same type.
            .column(SQLRaw("CAST(SUM(\"a\".\"amount_fen\") AS BIGINT)"), as: "total")
            .column(SQLFunction("MAX", args: SQLColumn("amount_fen", table: "a")), as: "largest")
            .from(SQLAlias(SQLIdentifier("approvals"), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner, on: SQLColumn("decided_by", table: "a"), .equal, SQLColumn("id", table: "u"))
            .where(SQLColumn("decided_at", table: "a"), .greaterThanOrEqual, SQLBind(start))
            .where(SQLColumn("decided_at", table: "a"), .lessThan, SQLBind(end))
            .where(SQLColumn("state", table: "a"), .in, SQLGroupExpression([SQLBind("approved"), SQLBind("rejected")]))
            .groupBy(SQLColumn("decided_by", table: "a")).groupBy(SQLColumn("display_name", table: "u"))
            .groupBy(SQLColumn("kind", table: "a")).groupBy(SQLColumn("state", table: "a")).all()
        var lines: [String: ApprovalLedgerLine] = [:]
        for r in rows {
            let id = try r.decode(column: "approver_id", as: Int64.self)
            guard let kind = ApprovalKind(rawValue: try r.decode(column: "kind", as: String.self)) else { continue }
            let key = "\(id)-\(kind.rawValue)"
            let name = try r.decode(column: "approver_name", as: String.self)
            var line = lines[key] ?? ApprovalLedgerLine(
                approverId: id, approverName: name, kind: kind, approvedCount: 0, approvedTotal: .zero, rejectedCount: 0, largest: .zero)
            let n = try r.decode(column: "n", as: Int.self)
            if try r.decode(column: "state", as: String.self) == "approved" {
                line.approvedCount += n
                line.approvedTotal = line.approvedTotal + Money(fen: try r.decode(column: "total", as: Int64.self))
                line.largest = max(line.largest, Money(fen: try r.decode(column: "largest", as: Int64.self)))
            } else {
                line.rejectedCount += n
            }
            lines[key] = line
        }
        return lines.values.sorted { ($0.approverName, $0.kind.rawValue) < ($1.approverName, $1.kind.rawValue) }
    }
}
