import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// What every process shares on its pages: the forms of the steps offered to the reader, drawn from the input each
/// row declares, and `POST /{records}/{id}/act`, which takes any of them through the one runner.
enum ProcessPages {
    /// Draws a field that depends on the record (whom one may choose, which milestone…); nil draws the plain field.
    typealias Field = (StepField, [FieldError]) -> HTML?

    /// Registers the page route that takes a step: the posted `action` and the fields its row declares; a refusal
    /// shows the record's page again with the reason, a success goes where `act` says.
    static func register<P: ProcessDefinition>(
        _ app: Application, _ process: P.Type, route: String,
        act: @escaping @Sendable (Request, Int64, P.Action, StepInput, Int?) async throws -> String,
        page: @escaping @Sendable (Request, DomainError, HTTPResponseStatus) async throws -> Response
    ) {
        app.post(PathComponent(stringLiteral: route), ":id", "act") { req async throws -> Response in
            let posted = try Pages.form(req)
            var e: [FieldError] = []
            guard let action = P.Action(rawValue: posted.string("action", &e) ?? ""), P.actions.contains(action) else {
                throw DomainError(.badRequest, Message("error.bad_request"))
            }
            let id = try APIRoutes.id(req)
            do {
                let input = try posted.step(P.self)
                let version = posted.has("version") ? try posted.version(req) : nil
                let next = try await Store.$versionDemanded.withValue(true) {
                    try await act(req, id, action, input, version)
                }
                // The step's name says what happened: "已完成：提交审批".
                let done = req.t("notice.step_done", ["action": req.t("process.\(P.name).action.\(action.rawValue)")])
                return Pages.redirect(req, next, notice: done)
            } catch let e as DomainError where e.kind != .notFound && e.kind != .unauthenticated {
                return try await page(req, e, Pages.refusalStatus(e))
            }
        }
    }

    /// The steps a reader is offered are dangerous to click by mistake when they end or refuse something.
    static let cautious: Set<String> = ["cancel", "reject", "decline", "lose", "forfeit_deposit", "return", "withdraw"]

    /// The forms of the offered steps: steps that ask for the same input share one form (its fields once, a button
    /// each) — those that need only a remark, or a meeting's approve and return; the comment is always there, required
    /// when every step of the form needs a reason.
    static func forms<P: ProcessDefinition>(
        _ req: Request, _ process: P.Type, route: String, id: Int64, version: Int, offers: [ProcessOffer<P>],
        errors: [FieldError],
        field: Field = { _, _ in nil }
    ) -> HTML {
        // A refusal marks only the form of the step that was sent, not every form with a field of the same name.
        var unused: [FieldError] = []
        let sent = req.method == .POST ? (try? Input.form(req))?.string("action", &unused) : nil
        var groups: [(input: [StepField], offers: [ProcessOffer<P>])] = []
        for o in offers {
            if let i = groups.firstIndex(where: { $0.input == o.input }) {
                groups[i].offers.append(o)
            } else {
                groups.append((o.input, [o]))
            }
        }
        let forms = groups.map { g -> HTML in
            let errors = sent == nil || g.offers.contains { $0.action.rawValue == sent } ? errors : []
            let buttons = g.offers.map { o -> HTML in
                let a = o.action.rawValue
                // A step that refuses or ends something is red and asks first; one that goes back is drawn apart
                // (↩, dashed) and asks too; one that cannot be undone (it closes the record) is marked and asks;
                // the rest simply go forward.
                let look: (style: String, confirm: HTML) =
                    if cautious.contains(a) {
                        (" danger", Pages.confirmAttr(req, true))
                    } else if o.backward {
                        (" back", " data-confirm=\"\(req.t("process.confirm_back"))\"")
                    } else if o.final || o.needsReason {
                        (" primary final", Pages.confirmAttr(req, true))
                    } else {
                        (" primary", "")
                    }
                return """
                    <button class="btn\(look.style)" type="submit" name="action" value="\(a)"\(look.confirm)>\(o.backward ? "↩ " : "")\(req.t("process.\(P.name).action.\(a)"))</button>
                    """
            }
            let anyReason = g.offers.contains(where: \.needsReason)
            let allReason = g.offers.allSatisfy(\.needsReason)
            let fields = g.input.map { f in field(f, errors) ?? plainField(req, f, errors: errors) }
            // A step whose own words are its text (a reply, a log, a reason) has no second box beside them.
            let ownWords = !anyReason && g.input.contains { [.text, .answer, .reason].contains($0) }
            let comment: HTML =
                ownWords
                ? ""
                : Pages.field(
                    req, "comment",
                    label: req.t(anyReason && !allReason ? "process.comment_or_reason" : "process.comment"), value: "",
                    errors: errors, required: allReason, type: "textarea")
            return """
                <form class="card stack step-form" method="post" action="/\(route)/\(id)/act">\(Pages.csrfField(req))<input type="hidden" name="version" value="\(version)">
                \(HTML.join(fields))\(comment)
                <div class="actions">\(HTML.join(buttons))</div></form>
                """
        }
        return forms.isEmpty ? "" : "<h2>\(req.t("process.actions"))</h2>\(HTML.join(forms))"
    }

    /// A field as its kind asks: a date, a choice of opinion, a long text or a line.
    static func plainField(_ req: Request, _ f: StepField, errors: [FieldError]) -> HTML {
        let label = req.t("step.\(f.rawValue)")
        switch f {
        case .opinion: return ReviewHTML.opinionSelect(req, errors: errors)
        case .meetingDate, .customerSignedOn, .date:
            return Pages.field(req, f.rawValue, label: label, value: DateText.today(), errors: errors, type: "date")
        case .due:
            return Pages.field(req, f.rawValue, label: label, value: "", errors: errors, required: true, type: "date")
        case .minutes, .text, .answer, .reason:
            return Pages.field(
                req, f.rawValue, label: label, value: "", errors: errors, required: true, type: "textarea")
        case .winner, .title, .confirmedBy:
            return Pages.field(req, f.rawValue, label: label, value: "", errors: errors, required: true)
        case .plan:
            return Pages.field(
                req, f.rawValue, label: label, value: "", errors: errors, required: true, type: "textarea")
        case .conditions: return Pages.field(req, f.rawValue, label: label, value: "", errors: errors, type: "textarea")
        case .startsAt, .endsAt:
            return Pages.field(
                req, f.rawValue, label: label, value: "", errors: errors, required: true, type: "datetime-local")
        case .startOn, .endOn:
            return Pages.field(
                req, f.rawValue, label: label, value: DateText.today(), errors: errors, required: true, type: "date")
        case .hours:
            return Pages.field(
                req, f.rawValue, label: label, value: "", errors: errors, required: true, type: "number",
                attrs: " min=\"0.1\" max=\"24\" step=\"0.1\"")
        case .verdict:
            return Pages.select(
                req, "verdict", label: label,
                options: ServiceRequest.Verdict.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: "",
                errors: errors,
                required: true)
        case .satisfaction:
            return Pages.select(
                req, "satisfaction", label: label,
                options: [("", "—")] + (1...5).reversed().map { (String($0), String($0)) }, selected: "", errors: errors
            )
        default: return Pages.field(req, f.rawValue, label: label, value: "", errors: errors)
        }
    }
}
