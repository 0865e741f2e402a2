import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

extension SalesPages {
    // MARK: approvals

    static func approvals(_ req: Request) async throws -> Response { try await approvalsPage(req, error: nil) }

    static func approvalsPage(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let actor = try req.actor()
        let boxes: [Store.ApprovalBox] = actor.hasAny([.gm, .marketManager]) ? [.inbox, .done, .mine, .all] : [.mine]
        let box =
            req.query("box").flatMap(Store.ApprovalBox.init(rawValue:)).flatMap { boxes.contains($0) ? $0 : nil }
            ?? boxes[0]
        let sees = ApprovalRequest.seesBasis(actor)
        let page = try await req.store.approvals(box, for: actor, limit: 100)
        let rows = page.items.map { i -> HTML in
            let a = i.approval
            let subject: HTML =
                a.subject == "quotation"
                ? "<a href=\"/quotations/\(a.subjectId)\">\(a.title)</a>"
                : (a.subject == "complaint" ? "<a href=\"/complaints/\(a.subjectId)\">\(a.title)</a>" : "\(a.title)")
            // The steps this reader may take on it, from the table: the approver's in his inbox, the requester's withdrawal.
            let offers = ProcessEngine.offers(ApprovalProcess.self, subject: a, actor: actor).filter {
                box == .inbox || $0.action == .withdraw
            }
            let buttons = offers.map { o -> HTML in
                let name = o.action.rawValue
                return
                    "<button class=\"btn\(ProcessPages.cautious.contains(name) ? " danger" : " primary")\" name=\"action\" value=\"\(name)\">\(req.t("process.approval.action.\(name)"))</button>"
            }
            let decide: HTML =
                offers.isEmpty
                ? "\(a.decisionComment)"
                : """
                <form class="inline-form" method="post" action="/approvals/\(a.id)/act">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(a.version)">
                <input name="comment" placeholder="\(req.t("process.comment"))" aria-label="\(req.t("process.comment"))">\(HTML.join(buttons))</form>
                """
            return """
                <tr><td>\(req.t(a.kind.labelKey))</td><td>\(subject)<div class="muted">\(a.reason)</div>\(sees && !a.basis.isEmpty ? "<div class=\"muted\">\(req.t("approval.basis"))：\(a.basis)</div>" as HTML : "")</td><td class="num">¥\(yuan(a.amount))</td>
                <td>\(req.t(a.approverRole.labelKey))\(sees ? "<div class=\"muted\">\(limitText(req, a))</div>" as HTML : "")</td><td>\(i.requesterName)</td>
                <td>\(req.t(a.state.labelKey))\(i.deciderName.map { " · \($0)" } ?? "")</td><td>\(decide)</td></tr>
                """
        }
        var tabs: [HTML] = []
        for b in boxes {
            tabs.append(
                "<a class=\"btn\(b == box ? " primary" : "")\" href=\"/approvals?box=\(b.rawValue)\">\(req.t("approval.box.\(b.rawValue)"))</a>"
            )
        }
        var ledgerHTML: HTML = ""
        if actor.hasAny([.gm, .marketManager]) {
            let year = Int(DateText.today().prefix(4))!
            let (limits, _) = try await req.store.authorityLimits()
            let lines = try await req.store.approvalLedger(year: year)
            let lrows = lines.map { l -> HTML in
                "<tr><td>\(l.approverName)</td><td>\(req.t(l.kind.labelKey))</td><td class=\"num\">\(l.approvedCount)</td><td class=\"num\">¥\(yuan(l.approvedTotal))</td><td class=\"num\">¥\(yuan(l.largest))</td><td class=\"num\">¥\(yuan(limits.limit(l.kind)))</td><td class=\"num\">\(l.rejectedCount)</td></tr>"
            }
            ledgerHTML = """
                <h2>\(req.t("approval.ledger", ["year": String(year)]))</h2>
                <div class="table-wrap"><table class="data" id="ledger"><thead><tr><th>\(req.t("approval.approver"))</th><th>\(req.t("approval.kind"))</th><th class="num">\(req.t("approval.count"))</th><th class="num">\(req.t("approval.total"))</th><th class="num">\(req.t("approval.largest"))</th><th class="num">\(req.t("approval.limit"))</th><th class="num">\(req.t("approval.rejected"))</th></tr></thead>
                <tbody>\(lrows.isEmpty ? "<tr><td colspan=\"7\" class=\"muted\">\(req.t("list.empty"))</td></tr>" as HTML : HTML.join(lrows))</tbody></table></div>
                """
        }
        return Pages.page(
            req, title: req.t("nav.approvals"), active: "/approvals", status: status,
            """
            <div class="toolbar"><h1>\(req.t("nav.approvals"))</h1><div class="actions">\(tabs)
            <a class="btn" href="/approvals/export?box=\(box.rawValue)&format=csv">\(req.t("export.csv"))</a>
            <a class="btn" href="/approvals/export?box=\(box.rawValue)&format=xlsx">\(req.t("export.xlsx"))</a></div></div>
            \(Pages.alert(req, error))
            <div class="table-wrap"><table class="data" id="approval-list"><thead><tr><th>\(req.t("approval.kind"))</th><th>\(req.t("approval.subject"))</th><th class="num">\(req.t("approval.amount"))</th><th>\(req.t("approval.routed_to"))</th><th>\(req.t("approval.requester"))</th><th>\(req.t("col.status"))</th><th></th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"7\" class=\"muted\">\(req.t("approval.none"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
            \(ledgerHTML)
            """)
    }
}
