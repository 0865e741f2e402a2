import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The service levels page: the company calendar and each kind of case's response and resolution targets.
enum ServiceLevelPages {
    static func register(_ app: Application) {
        app.get("settings", "service-levels", use: show)
        app.post("settings", "service-levels", use: save)
    }

    static func editable(_ actor: Actor) -> Bool { actor.hasAny([.admin, .gm, .csManager]) }

    static func show(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard editable(actor) else { throw DomainError.forbidden }
        return try await page(req, values: nil, errors: [], error: nil)
    }

    static func page(
        _ req: Request, values: [String: String]?, errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let (levels, version) = try await req.store.serviceLevels()
        let c = levels.calendar
        func v(_ key: String, _ current: String) -> String { values?[key] ?? current }
        let days = (1...7).map { d -> HTML in
            let on =
                values.map { ($0["workdays"] ?? "").split(separator: ",").contains(Substring(String(d))) }
                ?? c.workdays.contains(d)
            return
                "<label class=\"check\"><input type=\"checkbox\" name=\"workdays\" value=\"\(d)\"\(HTML.when(on, " checked"))> \(req.t("sla.weekday.\(d)"))</label>"
        }
        let dayErr = errors.first { $0.field == "workdays" }
        let targets = ServiceLevels.subjects.map { subject -> HTML in
            let t = levels.target(subject)
            let parts = subject.split(separator: ".").map(String.init)
            let label =
                parts.first == "complaint"
                ? "\(req.t("complaint.title"))：\(req.t("complaint.severity.\(parts[1])"))"
                : "\(req.t("service.title"))：\(req.t("service.kind.\(parts[1])"))"
            return """
                <tr><td>\(label)</td>
                <td>\(Pages.field(req, "targets.\(subject).response", label: req.t("sla.response_minutes"), value: v("targets.\(subject).response", String(t.response)), errors: errors, type: "number", attrs: " min=\"1\""))</td>
                <td>\(Pages.field(req, "targets.\(subject).resolution", label: req.t("sla.resolution_minutes"), value: v("targets.\(subject).resolution", String(t.resolution)), errors: errors, type: "number", attrs: " min=\"1\""))</td></tr>
                """
        }
        return Pages.page(
            req, title: req.t("sla.settings"), active: "/settings/service-levels", status: status,
            """
            <h1>\(req.t("sla.settings"))</h1>
            <p class="muted">\(req.t("sla.settings_intro"))</p>
            \(Pages.alert(req, error))
            <form class="stack card" method="post" action="/settings/service-levels" novalidate id="service-levels">\(Pages.csrfField(req))
            <input type="hidden" name="version" value="\(values?["version"] ?? String(version))">
            <fieldset class="field"><legend>\(req.t("sla.workdays"))</legend>\(HTML.join(days))\(dayErr.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" as HTML } ?? "")</fieldset>
            \(Pages.field(req, "periods", label: req.t("sla.periods"), value: v("periods", c.periods.map(ServiceLevelsChange.text).joined(separator: ", ")), errors: errors))
            \(Pages.field(req, "holidays", label: req.t("sla.holidays"), value: v("holidays", c.holidays.sorted().joined(separator: "\n")), errors: errors, type: "textarea"))
            \(Pages.field(req, "working_weekends", label: req.t("sla.working_weekends"), value: v("working_weekends", c.workingWeekends.sorted().joined(separator: "\n")), errors: errors, type: "textarea"))
            <div class="table-wrap"><table class="data" id="targets"><thead><tr><th>\(req.t("sla.subject"))</th><th>\(req.t("sla.response"))</th><th>\(req.t("sla.resolution"))</th></tr></thead>
            <tbody>\(HTML.join(targets))</tbody></table></div>
            <div class="actions"><button class="btn primary" type="submit">\(req.t("form.save"))</button></div></form>
            """)
    }

    static func save(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard editable(actor) else { throw DomainError.forbidden }
        let posted = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        let workdays = posted.stringList("workdays", &e) ?? []
        values["workdays"] = workdays.joined(separator: ",")
        for k in ["periods", "holidays", "working_weekends", "version"] { values[k] = posted.string(k, &e) ?? "" }
        var targets: [String: (response: String?, resolution: String?)] = [:]
        for s in ServiceLevels.subjects {
            let r = posted.string("targets.\(s).response", &e), d = posted.string("targets.\(s).resolution", &e)
            values["targets.\(s).response"] = r ?? ""
            values["targets.\(s).resolution"] = d ?? ""
            if r != nil || d != nil { targets[s] = (r, d) }
        }
        func lines(_ s: String?) -> [String] {
            (s ?? "").split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == "\r" }).map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
        }
        let change = ServiceLevelsChange(
            workdays: workdays, periods: lines(values["periods"]), holidays: lines(values["holidays"]),
            workingWeekends: lines(values["working_weekends"]), targets: targets)
        do {
            try Input.check(e)
            let (current, _) = try await req.store.serviceLevels()
            _ = try await req.store.setServiceLevels(
                try change.applied(to: current), version: try posted.version(req), by: actor)
            return Pages.redirect(req, "/settings/service-levels")
        } catch let err as DomainError where err.kind != .forbidden && err.kind != .unauthenticated {
            return try await page(req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }
}
