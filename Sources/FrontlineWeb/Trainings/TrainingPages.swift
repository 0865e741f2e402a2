import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The customer training pages (客户培训): the list (with a contract's plan when one is chosen), the form Customer
/// Service plans a session with, and the session with its attendees, materials and the steps open to the reader.
enum TrainingPages {
    static func register(_ app: Application) {
        app.get("trainings", use: list)
        app.get("trainings", "new", use: newForm)
        app.post("trainings", use: create)
        app.get("trainings", ":id", use: show)
        ProcessPages.register(
            app, TrainingProcess.self, route: "trainings",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnTraining(id: id, action, input, version: version, by: try req.actor())
                return "/trainings/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
        app.on(.POST, "trainings", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
    }

    static func stateBadge(_ req: Request, _ s: Training.State) -> HTML {
        Pages.badge(req.t(s.labelKey), s == .held ? "ok" : (s == .cancelled ? "" : "warn"))
    }

    /// What a contract promised against what was given.
    static func planHTML(_ req: Request, _ p: TrainingPlan) -> HTML {
        let promised = p.promised.map { m -> HTML in
            "<tr><td>\(m.title)</td><td>\(m.due)</td><td>\(m.doneOn.isEmpty ? "—" : m.doneOn)</td></tr>"
        }
        let given = p.given.map { g -> HTML in
            "<tr><td><a href=\"/trainings/\(g.training.id)\">\(g.training.number)</a> \(g.training.topic)</td><td>\(stateBadge(req, g.training.state))</td><td class=\"num\">\(g.attended)/\(g.invited)</td><td class=\"num\">\(g.scoreTenths.map { "\($0 / 10).\($0 % 10)" } ?? "—")</td></tr>"
        }
        return """
            <div class="card" id="training-plan"><h2>\(req.t("training.plan"))</h2><p>\(req.t("training.plan_summary", ["promised": String(p.promised.count), "held": String(p.heldCount)]))</p>
            <h3>\(req.t("training.promised"))</h3><div class="table-wrap"><table class="data"><thead><tr><th>\(req.t("training.topic"))</th><th>\(req.t("implementation.due"))</th><th>\(req.t("implementation.done_on"))</th></tr></thead>
            <tbody>\(promised.isEmpty ? "<tr><td colspan=\"3\" class=\"muted\">\(req.t("training.none"))</td></tr>" as HTML : HTML.join(promised))</tbody></table></div>
            <h3>\(req.t("training.given"))</h3><div class="table-wrap"><table class="data"><thead><tr><th>\(req.t("training.topic"))</th><th>\(req.t("col.status"))</th><th class="num">\(req.t("training.attended"))</th><th class="num">\(req.t("training.score"))</th></tr></thead>
            <tbody>\(given.isEmpty ? "<tr><td colspan=\"4\" class=\"muted\">\(req.t("training.none"))</td></tr>" as HTML : HTML.join(given))</tbody></table></div></div>
            """
    }

    /// The list; with a contract chosen, its training plan above it.
    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, TrainingKind.self)
        var plan: HTML = ""
        if let k = m.query.filter.contractId, try await req.store.contract(id: k, for: actor) != nil {
            plan = planHTML(req, try await req.store.trainingPlan(contractId: k, for: actor))
        }
        let list = Route.page(.trainings)
        let new = list + "/new" + (m.query.filter.contractId.map { "?contract_id=\($0)" } ?? "")
        let buttons = [
            ListPages.button(actor.hasAny(TrainingAccess.customerService), new, req.t("training.new"), primary: true)
        ]
        return Pages.page(
            req, title: req.t(TrainingKind.title), active: list, ListPages.view(req, m, buttons: buttons, above: plan))
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(
            req, values: ["contract_id": req.query("contract_id") ?? "", "hours": "3", "mode": "onsite"], errors: [],
            error: nil)
    }

    static func form(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard actor.hasAny(TrainingAccess.customerService) else {
            throw DomainError(.forbidden, .whoAsks("training.cs_plans"))
        }
        let handed = try await req.store.implementations(ImplementationFilter(), limit: 200, for: actor).items
        let contracts: [(value: String, label: String)] =
            [("", "—")] + handed.map { (String($0.contractId), "\($0.contractLabel) \($0.customerName)") }
        let trainers = try await req.store.users().filter(\.isServiceStaff)
        return Pages.page(
            req, title: req.t("training.new"), active: "/trainings", status: status,
            """
            <h1>\(req.t("training.new"))</h1>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/trainings" novalidate id="training-form">\(Pages.csrfField(req))
            \(Pages.select(req, "contract_id", label: req.t("training.contract"), options: contracts, selected: values["contract_id"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "topic", label: req.t("training.topic"), value: values["topic"] ?? "", errors: errors, required: true))
            \(Pages.select(req, "trainer_id", label: req.t("training.trainer"), options: trainers.map { (String($0.id), $0.displayName) }, selected: values["trainer_id"] ?? String(actor.id), errors: errors, required: true))
            \(Pages.field(req, "starts_at", label: req.t("training.starts_at"), value: values["starts_at"] ?? "", errors: errors, required: true, type: "datetime-local"))
            \(Pages.field(req, "hours", label: req.t("training.hours"), value: values["hours"] ?? "", errors: errors, required: true, type: "number", attrs: " min=\"1\" max=\"40\""))
            \(Pages.select(req, "mode", label: req.t("training.mode"), options: Training.Mode.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: values["mode"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "place", label: req.t("training.place"), value: values["place"] ?? "", errors: errors, required: true))
            <div class="actions"><button class="btn primary" type="submit">\(req.t("training.new"))</button></div></form>
            """)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let posted = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for k in TrainingRoutes.createFields { values[k] = posted.string(k, &e) ?? "" }
        do {
            let t = try await req.store.createTraining(try posted.training(), by: actor)
            return Pages.redirect(req, "/trainings/\(t.id)")
        } catch let err as DomainError
            where err.kind != .notFound && err.kind != .unauthenticated
            && !(err.kind == .forbidden && !actor.hasAny(TrainingAccess.customerService))
        {
            return try await form(req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.trainingSubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let t = s.training
        let names = try await req.userNames()
        let offers = ProcessEngine.offers(TrainingProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, TrainingProcess.self, route: "trainings", id: t.id, version: s.version, offers: offers,
            errors: error?.fields ?? []
        ) { f, errors in
            switch f {
            case .contacts:
                let boxes = s.contacts.sorted { $0.key < $1.key }.map { (id, name) -> HTML in
                    "<label class=\"check\"><input type=\"checkbox\" name=\"contacts\" value=\"\(id)\"\(HTML.when(s.attendees.contains { $0.contactId == id }, " checked"))> \(name)</label>"
                }
                let err = errors.first { $0.field == "contacts" }
                return
                    "<fieldset class=\"field\"><legend>\(req.t("step.contacts"))</legend>\(HTML.join(boxes))\(err.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" as HTML } ?? "")</fieldset>"
            case .contactId:
                return Pages.select(
                    req, "contact_id", label: req.t("step.contact_id"),
                    options: s.attendees.filter(\.attended).map { (String($0.contactId), $0.name) }, selected: "",
                    errors: errors, required: true)
            case .score:
                return Pages.select(
                    req, "score", label: req.t("step.score"),
                    options: (1...5).reversed().map { (String($0), String($0)) }, selected: "", errors: errors,
                    required: true)
            case .text:
                return Pages.field(
                    req, "text", label: req.t("training.comment"), value: "", errors: errors, type: "textarea")
            default: return nil
            }
        }
        let files = try await req.store.attachments(entity: "training", entityId: t.id, for: actor)
        let fileRows = files.map(Files.item)
        let mayUpload = (try? await req.store.checkMayAttach(entity: "training", entityId: t.id, for: actor)) != nil
        let upload: HTML =
            mayUpload
            ? """
            <form class="inline-form" method="post" action="/trainings/\(t.id)/files" enctype="multipart/form-data">\(Pages.csrfField(req))
            <input type="file" name="file" required aria-label="\(req.t("training.upload"))"><button class="btn" type="submit">\(req.t("training.upload"))</button></form>
            """ : ""
        let attendees = s.attendees.map { a -> HTML in
            "<tr><td>\(a.name)</td><td>\(t.state == .held ? (a.attended ? req.t("training.attended") : req.t("training.absent")) : req.t("training.invited"))</td><td class=\"num\">\(a.score.map(String.init) ?? "—")</td><td>\(a.comment)</td></tr>"
        }
        let history = try await req.store.history(TrainingProcess.name, t.id)
        return Pages.page(
            req, title: t.number, active: "/trainings", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("training.title")) \(t.number)</h1>
            <div class="meta">\(stateBadge(req, t.state))<span><a href="/customers/\(t.customerId)">\(t.customerName)</a></span>
            <span><a href="/trainings?contract_id=\(t.contractId)">\(t.contractNumber)</a></span></div></div></div>
            \(Pages.alert(req, error))
            <div class="cols"><div>
              <div class="card"><h2>\(t.topic)</h2><dl class="props" id="training-facts">
                <dt>\(req.t("training.trainer"))</dt><dd>\(names[t.trainerId] ?? "—")</dd>
                <dt>\(req.t("training.starts_at"))</dt><dd>\(DateText.minute(t.startsAt / 1000)) · \(t.hours) h</dd>
                <dt>\(req.t("training.mode"))</dt><dd>\(req.t(t.mode.labelKey))</dd>
                <dt>\(req.t("training.place"))</dt><dd>\(t.place)</dd>
                <dt>\(req.t("training.held_on"))</dt><dd>\(t.heldOn.isEmpty ? "—" : t.heldOn)</dd>
              </dl></div>
              <h2>\(req.t("training.attendees")) · \(s.attendees.count)</h2>
              <div class="table-wrap"><table class="data" id="attendees"><thead><tr><th>\(req.t("contact.name"))</th><th>\(req.t("training.attended"))</th><th class="num">\(req.t("training.score"))</th><th>\(req.t("training.comment"))</th></tr></thead>
              <tbody>\(attendees.isEmpty ? "<tr><td colspan=\"4\" class=\"muted\">\(req.t("training.none"))</td></tr>" as HTML : HTML.join(attendees))</tbody></table></div>
              <h2>\(req.t("training.materials"))</h2>
              <div class="card">\(fileRows.isEmpty ? "<p class=\"muted\">\(req.t("training.none"))</p>" as HTML : "<ul>\(HTML.join(fileRows))</ul>" as HTML)\(upload)</div>
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, TrainingProcess.name, history))</div></div>
            """)
    }

    static func upload(_ req: Request) async throws -> Response {
        let id = try APIRoutes.id(req)
        _ = try await Files.attach(req, entity: "training", entityId: id, form: true)
        return Pages.redirect(req, "/trainings/\(id)")
    }
}
