import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The pieces of a joint review (评审) that the contract and the tender pages share.
enum ReviewHTML {
    /// The reviewer boxes of the step that opens a review: people of a department other than the caller. Ticked to
    /// start with: the market manager and, for the technical part, `engineer` (else one CS engineer or the CS manager).
    static func reviewerBoxes(_ req: Request, users: [User], actor: Actor, engineer preferred: Int64? = nil) -> HTML {
        let candidates = users.filter { $0.active && ($0.roles.contains { $0.department != nil }) && $0.id != actor.id }
        let engineer =
            candidates.first { $0.id == preferred } ?? candidates.first { $0.roles.contains(.csEngineer) }
            ?? candidates.first { $0.roles.contains(.csManager) }
        let boxes = candidates.map { u -> HTML in
            let ticked = u.id == engineer?.id || u.roles.contains(.marketManager)
            return
                "<label><input type=\"checkbox\" name=\"reviewers[]\" value=\"\(u.id)\"\(HTML.when(ticked, " checked"))> \(u.displayName)（\(u.roles.sorted().map { req.t($0.labelKey) }.joined(separator: "、"))）</label>"
        }
        return "<fieldset class=\"checks\"><legend>\(req.t("contract.reviewers"))</legend>\(boxes)</fieldset>"
    }

    /// The reviewer's answer.
    static func opinionSelect(_ req: Request, errors: [FieldError]) -> HTML {
        Pages.select(
            req, "opinion", label: req.t("contract.opinion"),
            options: [Review.Opinion.approve, .approveWithConditions, .reject].map {
                ($0.rawValue, req.t($0.labelKey))
            }, selected: "approve",
            errors: errors)
    }

    /// Who was named, for which part, and what each answered.
    static func table(_ req: Request, _ reviews: [Review]) -> HTML {
        let rows = reviews.map { r -> HTML in
            "<tr><td>\(r.reviewerName)</td><td>\(req.t("contract.part.\(r.part)"))</td><td>\(req.t(r.opinion.labelKey))</td><td>\(r.comment)</td><td class=\"opt\">\(r.at.map { DateText.minute($0 / 1000) } ?? "")</td></tr>"
        }
        return """
            <div class="table-wrap"><table class="data" id="reviews"><thead><tr><th>\(req.t("contract.reviewer"))</th><th>\(req.t("contract.part"))</th><th>\(req.t("contract.opinion"))</th><th>\(req.t("review.remarks"))</th><th class="opt">\(req.t("price.at"))</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"5\" class=\"muted\">\(req.t("contract.no_reviews"))</td></tr>" as HTML : HTML.join(rows))</tbody></table></div>
            """
    }
}

extension Pages {
    /// The status a refused step answers with when its page is shown again with the reason.
    static func refusalStatus(_ e: DomainError) -> HTTPResponseStatus {
        switch e.kind {
        case .forbidden: .forbidden
        case .validation: .unprocessableEntity
        default: .conflict
        }
    }
}
