import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

extension SalesRoutes {
    // MARK: approvals

    static func listApprovals(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (box, state) = try approvalFilter(req)
        let q = try paging(req)
        let page = try await req.store.approvals(box, state: state, for: actor, limit: q.limit, offset: q.offset)
        return try DTO.response(
            DTO.List(
                items: page.items.map {
                    DTO.Approval($0.approval, for: actor, requesterName: $0.requesterName, deciderName: $0.deciderName)
                },
                total: page.total, limit: q.limit, offset: q.offset))
    }

    static func exportApprovals(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (box, state) = try approvalFilter(req)
        let store = req.store
        let t = req.texts
        let sees = ApprovalRequest.seesBasis(actor)
        let header =
            [t("approval.kind"), t("approval.subject"), t("approval.amount"), t("approval.routed_to")]
            + (sees ? [t("approval.limit"), t("approval.basis")] : [])
            + [t("approval.requester"), t("col.status"), t("approval.approver"), t("process.comment")]
        let row: @Sendable (Store.ApprovalItem) -> [String] = { i in
            let a = i.approval
            return [t(a.kind.labelKey), a.title, a.amount.decimalString, t(a.approverRole.labelKey)]
                + (sees ? [a.limitInForce.decimalString, a.basis] : [])
                + [i.requesterName, t(a.state.labelKey), i.deciderName ?? "", a.decisionComment]
        }
        return try await TableExport.paged(req, entity: "approval", sheet: t("nav.approvals"), header: header) {
            before in
            let page = try await store.approvals(
                box, state: state, for: actor, limit: TableExport.batch, before: before)
            return (page.items.map(row), page.items.last?.approval.id, page.total)
        }
    }

    static func approvalFilter(_ req: Request) throws -> (Store.ApprovalBox, ApprovalRequest.State?) {
        var errors: [FieldError] = []
        var box = Store.ApprovalBox.default(for: try req.actor())
        if let b = req.query("box"), !b.isEmpty {
            if let v = Store.ApprovalBox(rawValue: b) {
                box = v
            } else {
                errors.append(
                    FieldError(
                        "box", "field.one_of",
                        ["values": Store.ApprovalBox.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        var state: ApprovalRequest.State?
        if let s = req.query("state"), !s.isEmpty {
            if let v = ApprovalRequest.State(rawValue: s) {
                state = v
            } else {
                errors.append(
                    FieldError(
                        "state", "field.one_of",
                        ["values": ApprovalRequest.State.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return (box, state)
    }

    static func getApproval(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let a = try await req.store.approval(id: try id(req), for: actor) else { throw DomainError.notFound }
        return try DTO.response(DTO.Approval(a, for: actor))
    }

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
