import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Approvals the authority limits route (SPEC §1) and the year-to-date ledger.
extension Store {
    // MARK: approvals

    static let approvalColumns = [
        "id", "kind", "amount_fen", "subject", "subject_id", "title", "reason", "requested_by", "approver_role",
        "limit_fen",
        "limits_version", "state", "decided_by", "decision_comment", "created_at", "decided_at", "version", "basis",
    ]

    static func decodeApproval(_ r: any SQLRow) throws -> ApprovalRequest {
        ApprovalRequest(
            id: try r.decode(column: "id", as: Int64.self),
            kind: ApprovalKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .discount,
            amount: Money(fen: try r.decode(column: "amount_fen", as: Int64.self)),
            subject: try r.decode(column: "subject", as: String.self),
            subjectId: try r.decode(column: "subject_id", as: Int64.self),
            title: try r.decode(column: "title", as: String.self),
            reason: try r.decode(column: "reason", as: String.self),
            basis: try r.decode(column: "basis", as: String.self),
            requestedBy: try r.decode(column: "requested_by", as: Int64.self),
            approverRole: Role(rawValue: try r.decode(column: "approver_role", as: String.self)) ?? .gm,
            limitInForce: Money(fen: try r.decode(column: "limit_fen", as: Int64.self)),
            limitsVersion: try r.decode(column: "limits_version", as: Int.self),
            state: ApprovalRequest.State(rawValue: try r.decode(column: "state", as: String.self)) ?? .pending,
            decidedBy: try r.decode(column: "decided_by", as: Int64?.self),
            decisionComment: try r.decode(column: "decision_comment", as: String.self),
            createdAt: try r.decode(column: "created_at", as: Int64.self),
            decidedAt: try r.decode(column: "decided_at", as: Int64?.self),
            version: try r.decode(column: "version", as: Int.self))
    }

    public func approval(id: Int64) async throws -> ApprovalRequest? {
        try await sql.select().columns(Store.approvalColumns).from("approvals").where("id", .equal, id).first().map(
            Store.decodeApproval)
    }

    /// Who may read an approval: the requester, the approvers (manager, GM), and readers of its subject.
    public func approval(id: Int64, for actor: Actor) async throws -> ApprovalRequest? {
        guard let a = try await approval(id: id) else { return nil }
        if a.requestedBy == actor.id || actor.hasAny([.gm, .marketManager]) { return a }
        if a.subject == "quotation", try await quotation(id: a.subjectId, for: actor) != nil { return a }
        if a.subject == "complaint", try await complaint(id: a.subjectId, for: actor) != nil { return a }
        return nil
    }

    func insertApproval(_ r: ApprovalRequest, by actor: Actor) async throws -> ApprovalRequest {
        var r = r
        let row = try await sql.insert(into: "approvals").columns(Array(Store.approvalColumns.dropFirst()))
            .values(
                SQLBind(r.kind.rawValue), SQLBind(r.amount.fen), SQLBind(r.subject), SQLBind(r.subjectId),
                SQLBind(r.title),
                SQLBind(r.reason), SQLBind(r.requestedBy), SQLBind(r.approverRole.rawValue),
                SQLBind(r.limitInForce.fen),
                SQLBind(r.limitsVersion), SQLBind(r.state.rawValue), SQLBind(r.decidedBy), SQLBind(r.decisionComment),
                SQLBind(r.createdAt), SQLBind(r.decidedAt), SQLBind(1), SQLBind(r.basis)
            ).returning("id").first()
        r.id = try row!.decode(column: "id", as: Int64.self)
        try await recordCreation("approval", r.id, state: r.state.rawValue, by: actor, comment: r.reason, record: r)
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

        /// What a list without a box shows: the approvers' inbox, and to everyone else (a rep, a CS engineer who
        /// asked for a compensation) his own requests.
        public static func `default`(for actor: Actor) -> ApprovalBox {
            actor.hasAny([.gm, .marketManager]) ? .inbox : .mine
        }
    }

    public struct ApprovalItem: Sendable {
        public var approval: ApprovalRequest
        public var requesterName: String
        public var deciderName: String?
    }

    public func approvals(
        _ box: ApprovalBox, state: ApprovalRequest.State? = nil, for actor: Actor, limit: Int = 50, offset: Int = 0,
        before: Int64? = nil
    )
        async throws -> Listing<ApprovalItem>
    {
        func filtered<B: SQLPredicateBuilder>(_ b: B) -> B {
            if let before { b.where(SQLColumn("id", table: "a"), .lessThan, SQLBind(before)) }
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
                if !actor.hasAny([.gm, .marketManager]) {
                    b.where(SQLColumn("requested_by", table: "a"), .equal, SQLBind(actor.id))
                }
            }
            if let state { b.where(SQLColumn("state", table: "a"), .equal, SQLBind(state.rawValue)) }
            return b
        }
        let from = SQLAlias(SQLIdentifier("approvals"), as: SQLIdentifier("a"))
        let total =
            try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(from))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(
            sql.select().columns(Store.approvalColumns.map { SQLColumn($0, table: "a") })
                .column(SQLColumn("display_name", table: "r"), as: "requester_name").column(
                    SQLColumn("display_name", table: "d"), as: "decider_name"
                )
                .from(from)
                .join(
                    SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("r")), method: SQLJoinMethod.inner,
                    on: SQLColumn("requested_by", table: "a"), .equal, SQLColumn("id", table: "r")
                )
                .join(
                    SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("d")), method: SQLJoinMethod.left,
                    on: SQLColumn("decided_by", table: "a"), .equal, SQLColumn("id", table: "d"))
        ).orderBy(SQLColumn("id", table: "a"), SQLDirection.descending).limit(limit).offset(offset).all()
        return Listing(
            items: try rows.map {
                ApprovalItem(
                    approval: try Store.decodeApproval($0),
                    requesterName: try $0.decode(column: "requester_name", as: String.self),
                    deciderName: try $0.decode(column: "decider_name", as: String?.self))
            }, total: total)
    }

    /// Approves, rejects or withdraws a request (the table is `ApprovalProcess`), and moves its subject on: an
    /// approved discount lets the quotation go out, a rejected one sends it back to draft.
    public func decide(
        approvalId: Int64, _ action: ApprovalProcess.Action, comment: String?, version: Int? = nil, by actor: Actor
    ) async throws
        -> ApprovalRequest
    {
        try await run(
            ApprovalProcess.self, id: approvalId, action, StepInput(comment: comment), version: version, by: actor)
    }

    /// The year-to-date ledger: per approver and kind, what was approved and rejected, against the limits in force.
    public func approvalLedger(year: Int) async throws -> [ApprovalLedgerLine] {
        guard let first = DateText.parseDay(String(format: "%04d-01-01", year)),
            let last = DateText.parseDay(String(format: "%04d-12-31", year))
        else { return [] }
        let start = DateText.start(ofDay: first) * 1000
        let end = DateText.start(ofDay: last + 1) * 1000
        let rows = try await sql.select()
            .column(SQLColumn("decided_by", table: "a"), as: "approver_id").column(
                SQLColumn("display_name", table: "u"), as: "approver_name"
            )
            .column(SQLColumn("kind", table: "a"), as: "kind").column(SQLColumn("state", table: "a"), as: "state")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            // PostgreSQL sums BIGINT into NUMERIC; bring it back to BIGINT so both databases answer the same type.
            .column(SQLRaw("CAST(SUM(\"a\".\"amount_fen\") AS BIGINT)"), as: "total")
            .column(SQLFunction("MAX", args: SQLColumn("amount_fen", table: "a")), as: "largest")
            .from(SQLAlias(SQLIdentifier("approvals"), as: SQLIdentifier("a")))
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                on: SQLColumn("decided_by", table: "a"), .equal, SQLColumn("id", table: "u")
            )
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
            var line =
                lines[key]
                ?? ApprovalLedgerLine(
                    approverId: id, approverName: name, kind: kind, approvedCount: 0, approvedTotal: .zero,
                    rejectedCount: 0, largest: .zero)
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

extension ApprovalProcess: ProcessRecords {
    /// Takes its subject's row first, then reads the approval again: every writer on a quotation or a complaint and
    /// its approval locks the subject before the approval (a cancel writes the quotation, then voids its approval),
    /// so two of them queue instead of deadlocking, and the approval read is the one the subject's writer left.
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject? {
        guard let first = try await s.approval(id: id, for: actor) else { return nil }
        if let table = subjectTables[first.subject] { try await s.lockRow(table, first.subjectId) }
        return try await s.approval(id: id, for: actor)
    }

    /// The table of each kind of record an approval is about.
    static let subjectTables = ["quotation": "quotations", "complaint": "complaints"]

    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws {
        try await s.sql.update("approvals").set("state", to: new.state.rawValue).set("decided_by", to: new.decidedBy)
            .set("decided_at", to: new.decidedAt).set("decision_comment", to: new.decisionComment).set(
                "version", to: new.version
            )
            .versioned(id: new.id, version: version)
    }

    /// The quotation moves with its approval's decision, as the quotation table's own step, in the same transaction.
    /// A decision on a quotation that no longer waits for this approval (voided, withdrawn, revised) is refused (409)
    /// and nothing of it is written; a withdrawal finds it moved already only when the quotation's own step took it.
    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool {
        switch effect {
        case .moveQuotation(let action):
            guard
                var q = try await QuotationProcess.load(s, id: subject.subjectId, for: context.actor, now: context.now),
                q.state == .pendingApproval, q.quotation.approvalId == subject.id
            else {
                if action == .withdraw { return false }
                throw DomainError(.conflict, Message("approval.subject_moved"))
            }
            // The decision is the approver's to take; the quotation follows it whoever owns the customer.
            q.mayEdit = true
            _ = try await s.take(
                QuotationProcess.self, action, on: q, StepInput(comment: subject.decisionComment), context, files: nil)
            return false
        }
    }
}
