import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

extension SalesRoutes {
    // MARK: approvals

    static func ledger(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard actor.hasAny([.gm, .marketManager]) else { throw DomainError.forbidden }
        let thisYear = Int(DateText.today().prefix(4))!
        var year = thisYear
        if let y = req.query("year"), !y.isEmpty {
            guard let v = Int(y), (2000...2999).contains(v) else {
                throw DomainError(.badRequest, Message("field.year"), fields: [FieldError("year", "field.year")])
            }
            year = v
        }
        let (limits, _) = try await req.store.authorityLimits()
        let lines = try await req.store.approvalLedger(year: year).map {
            DTO.LedgerLine(
                approverId: $0.approverId, approverName: $0.approverName, kind: $0.kind.rawValue,
                approvedCount: $0.approvedCount,
                approvedTotal: $0.approvedTotal.decimalString, rejectedCount: $0.rejectedCount,
                largest: $0.largest.decimalString,
                limit: limits.limit($0.kind).decimalString)
        }
        struct Ledger: Encodable { var year: Int; var items: [DTO.LedgerLine]; var total: Int }
        return try DTO.response(Ledger(year: year, items: lines, total: lines.count))
    }
}

/// What an approval list is narrowed to: whose box (the reader's usual one when not named) and the state.
struct ApprovalFilter: Sendable {
    var box: Store.ApprovalBox?
    var state: ApprovalRequest.State?
}

/// Approval requests (审批) as a record kind: each routed by the one authority-limit mechanism, decided inline.
enum ApprovalRequestKind: RecordKind {
    typealias Record = Store.ApprovalItem
    typealias Item = DTO.Approval
    typealias Detail = DTO.Approval
    static let route = Route.Records.approvals
    static let entity = "approval"
    static let schema = "Approval"
    static let title = "nav.approvals"
    static let process: String? = nil
    static let detailSchema = "Approval"
    static let doc = RecordDoc(
        tag: "sales",
        access: "everyone signed in sees what he raised; the market manager and the GM their inbox and all",
        list: "Approval requests: the caller's inbox, his own, or all", listZh: "审批列表",
        plural: "Approval requests", exportZh: "导出审批", one: "One approval request", oneZh: "审批详情", historyZh: "")

    static var filter: ApprovalFilter { ApprovalFilter() }
    static var filters: [ListFilter<ApprovalFilter>] {
        [
            .choice("box", \.box, "Which requests: routed to me and pending, decided by me, raised by me, all.")
                .documented(as: ["type": "string", "enum": ["inbox", "done", "mine", "all"], "default": "inbox"]),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
        ]
    }
    static let sorting = ListSorting.fixed

    static func fetch(_ store: Store, _ f: ApprovalFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws -> Listing<Store.ApprovalItem>
    {
        try await store.approvals(
            f.box ?? .default(for: actor), state: f.state, for: actor, limit: q.limit, offset: q.offset,
            before: before)
    }
    static func id(_ r: Store.ApprovalItem) -> Int64 { r.approval.id }
    static var needsNames: Bool { false }
    static func item(_ i: Store.ApprovalItem, _ c: Reading) -> DTO.Approval {
        DTO.Approval(i.approval, for: c.reader, requesterName: i.requesterName, deciderName: i.deciderName)
    }
    static func readable(_ store: Store, id: Int64, for actor: Actor) async throws -> Bool {
        try await store.approval(id: id, for: actor) != nil
    }
    static func detail(_ req: Request, id: Int64, for actor: Actor) async throws -> (detail: DTO.Approval, version: Int)
    {
        guard let a = try await req.store.approval(id: id, for: actor) else { throw DomainError.notFound }
        return (DTO.Approval(a, for: actor), a.version)
    }

    static var columns: [ExportColumn<Store.ApprovalItem>] {
        [
            .init("approval.kind") { i, r in r.t(i.approval.kind.labelKey) },
            .init("approval.subject") { i, _ in i.approval.title },
            .init("approval.amount") { i, _ in i.approval.amount.decimalString },
            .init("approval.routed_to") { i, r in r.t(i.approval.approverRole.labelKey) },
            .init("approval.limit", confidential: true) { i, _ in i.approval.limitInForce.decimalString },
            .init("approval.basis", confidential: true) { i, _ in i.approval.basis },
            .init("approval.requester") { i, _ in i.requesterName },
            .init("col.status") { i, r in r.t(i.approval.state.labelKey) },
            .init("approval.approver") { i, _ in i.deciderName ?? "" },
            .init("process.comment") { i, _ in i.approval.decisionComment },
        ]
    }
}
