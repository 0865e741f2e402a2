import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The implementation pages (合同实施, SPEC §3.3): the list, and the record with its engineers, milestones,
/// documents, obstacle reports and the steps open to the reader, each drawn from the fields its row declares.
enum ImplementationPages {
    static func register(_ app: Application) {
        app.get("implementations", use: list)
        app.get("implementations", ":id", use: show)
        ProcessPages.register(
            app, ImplementationProcess.self, route: "implementations",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnImplementation(
                    id: id, action, input, version: version, by: try req.actor())
                return "/implementations/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
        app.on(.POST, "implementations", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
    }

    static func stateBadge(_ req: Request, _ s: Implementation.State) -> HTML {
        let kind =
            switch s {
            case .completed: "ok"
            case .inProgress: "warn"
            case .blocked: "bad"
            case .open: ""
            }
        return Pages.badge(req.t(s.labelKey), kind)
    }

    static func list(_ req: Request) async throws -> Response {
        let m = try await ListPages.model(req, ImplementationKind.self)
        let list = Route.page(.implementations)
        let buttons = [
            ListPages.button(true, list + "?overdue=true", req.t("implementation.filter_overdue")),
            ListPages.button(true, list + "?obstructed=true", req.t("implementation.filter_obstructed")),
        ]
        return Pages.page(
            req, title: req.t(ImplementationKind.title), active: list, ListPages.view(req, m, buttons: buttons))
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    /// The fields of an implementation's steps that depend on it: its people, milestones, documents and reports.
    static func field(
        _ req: Request, _ f: StepField, _ s: ImplementationProcess.Subject,
        offers: [ProcessOffer<ImplementationProcess>],
        documents: [AttachmentItem], errors: [FieldError]
    ) -> HTML? {
        let label = req.t("step.\(f.rawValue)")
        switch f {
        case .engineers:
            let boxes = s.people.filter(\.isServiceStaff).map { u -> HTML in
                "<label class=\"check\"><input type=\"checkbox\" name=\"engineers\" value=\"\(u.id)\"\(HTML.when(s.implementation.engineerIds.contains(u.id), " checked"))> \(u.displayName)</label>"
            }
            let err = errors.first { $0.field == "engineers" }
            return
                "<fieldset class=\"field\"><legend>\(label)</legend>\(HTML.join(boxes))\(err.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" as HTML } ?? "")</fieldset>"
        case .kind:
            return Pages.select(
                req, "kind", label: label,
                options: ImplementationMilestone.Kind.allCases.map { ($0.rawValue, req.t($0.labelKey)) }, selected: "",
                errors: errors, required: true)
        case .paymentSeq:
            return Pages.select(
                req, "payment_seq", label: label,
                options: [("", "—")] + s.paymentPlan.map { (String($0.seq), "\($0.seq). \($0.name)") }, selected: "",
                errors: errors)
        case .milestoneId:
            let open = s.milestones.filter { !$0.done }
            return Pages.select(
                req, "milestone_id", label: label,
                options: open.map { (String($0.id), "\(req.t($0.kind.labelKey)) · \($0.title) · \($0.due)") },
                selected: "", errors: errors, required: true)
        case .documentId:
            return Pages.select(
                req, "document_id", label: label,
                options: [("", "—")] + documents.map { (String($0.attachment.id), $0.attachment.name) }, selected: "",
                errors: errors)
        case .obstacleId:
            // The reports the offered steps may name: open ones to answer, answered ones to act on.
            var wanted: Set<ObstacleReport.State> = []
            for o in offers where o.input.contains(.obstacleId) {
                switch o.action {
                case .answerObstacle: wanted.insert(.open)
                case .marketNote: wanted.insert(.answered)
                default: wanted.formUnion([.open, .answered])
                }
            }
            let reports = s.obstacles.filter { wanted.contains($0.state) }
            return Pages.select(
                req, "obstacle_id", label: label,
                options: reports.map { (String($0.id), "#\($0.id) \(String($0.text.prefix(40)))") }, selected: "",
                errors: errors, required: true)
        case .date:
            let completing = offers.contains { $0.action == .completeMilestone }
            return Pages.field(
                req, "date", label: completing ? req.t("implementation.done_on") : label, value: DateText.today(),
                errors: errors, type: "date")
        default:
            return nil
        }
    }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.implementationSubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let i = s.implementation
        let documents = try await req.store.attachments(entity: "implementation", entityId: i.id, for: actor)
        let names = Dictionary(uniqueKeysWithValues: s.people.map { ($0.id, $0.displayName) })
        let offers = ProcessEngine.offers(ImplementationProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, ImplementationProcess.self, route: "implementations", id: i.id, version: s.version, offers: offers,
            errors: error?.fields ?? []
        ) { f, errors in
            field(req, f, s, offers: offers.filter { $0.input.contains(f) }, documents: documents, errors: errors)
        }
        let today = DateText.today()
        let milestones = s.milestones.map { m -> HTML in
            """
            <tr><td>\(req.t(m.kind.labelKey))</td><td>\(m.title)</td><td>\(m.due)\(m.overdue(today: today) ? " \(Pages.badge(req.t("implementation.overdue"), "bad"))" as HTML : "")</td>
            <td>\(m.doneOn.isEmpty ? "—" : m.doneOn)</td><td class="opt">\(m.documentId.flatMap { d in documents.first { $0.attachment.id == d } }.map { Files.link($0.attachment) } ?? "—")</td>
            <td class="opt">\(m.paymentSeq.flatMap { n in s.paymentPlan.first { $0.seq == n }?.name } ?? "—")</td><td class="opt">\(m.note)</td></tr>
            """
        }
        let obstacles = s.obstacles.map { o -> HTML in
            let notes = o.notes.map { n -> HTML in "<li>\(n.name) · \(DateText.minute(n.at / 1000))：\(n.text)</li>" }
            return """
                <div class="card" id="obstacle-\(o.id)"><h3>#\(o.id) \(Pages.badge(req.t(o.state.labelKey), o.state == .resolved ? "ok" : (o.state == .open ? "bad" : "warn")))</h3>
                <p>\(o.text)</p><p class="muted">\(req.t("implementation.raised"))：\(o.raisedByName) · \(DateText.minute(o.raisedAt / 1000))</p>
                \(o.answer.isEmpty ? "" : "<p><strong>\(req.t("implementation.answer_label"))</strong>（\(o.answeredByName)）：\(o.answer)</p>" as HTML)
                \(notes.isEmpty ? "" : "<p><strong>\(req.t("implementation.notes"))</strong></p><ul>\(HTML.join(notes))</ul>" as HTML)
                \(o.resolution.isEmpty && o.state != .resolved ? "" : "<p><strong>\(req.t("implementation.resolution"))</strong>：\(o.resolution.isEmpty ? "—" : o.resolution)</p>" as HTML)</div>
                """
        }
        let docRows = documents.map(Files.item)
        let mayUpload =
            (try? await req.store.checkMayAttach(entity: "implementation", entityId: i.id, for: actor)) != nil
        let upload: HTML =
            mayUpload
            ? """
            <form class="inline-form" method="post" action="/implementations/\(i.id)/files" enctype="multipart/form-data">\(Pages.csrfField(req))
            <input type="file" name="file" required aria-label="\(req.t("implementation.upload"))"><button class="btn" type="submit">\(req.t("implementation.upload"))</button></form>
            """ : ""
        let history = try await req.store.history("implementation", i.id)
        let marketReader =
            actor.hasAny(ImplementationAccess.market) && !actor.hasAny(ImplementationAccess.customerService)
        return Pages.page(
            req, title: i.contractLabel, active: "/implementations", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("implementation.title")) \(i.contractLabel)</h1>
            <div class="meta">\(stateBadge(req, i.state))<span><a href="/customers/\(i.customerId)">\(i.customerName)</a></span>
            <span><a href="/contracts/\(i.contractId)">\(i.contractTitle)</a></span>
            <span><a href="/trainings?contract_id=\(i.contractId)">\(req.t("training.plan"))</a></span></div></div></div>
            \(SalesPages.stepBar(req, process: "implementation", path: ["open", "in_progress", "completed"], current: i.state.rawValue, history: history))
            \(Pages.alert(req, error))
            \(marketReader ? "<p class=\"notice\" id=\"market-read-only\">\(req.t("implementation.read_only"))</p>" as HTML : "")
            <div class="cols"><div>
              <div class="card"><dl class="props" id="implementation-facts">
                <dt>\(req.t("implementation.manager"))</dt><dd>\(i.managerId.flatMap { names[$0] } ?? "—")</dd>
                <dt>\(req.t("implementation.engineers"))</dt><dd>\(i.engineerIds.isEmpty ? "—" : i.engineerIds.compactMap { names[$0] }.joined(separator: "、"))</dd>
                <dt>\(req.t("implementation.created"))</dt><dd>\(DateText.minute(i.createdAt / 1000))</dd>
              </dl></div>
              <h2>\(req.t("implementation.milestones"))</h2>
              <div class="table-wrap"><table class="data" id="milestones"><thead><tr><th>\(req.t("step.kind"))</th><th>\(req.t("implementation.milestone"))</th>
              <th>\(req.t("implementation.due"))</th><th>\(req.t("implementation.done_on"))</th><th class="opt">\(req.t("implementation.document"))</th>
              <th class="opt">\(req.t("implementation.payment"))</th><th class="opt">\(req.t("process.comment"))</th></tr></thead>
              <tbody>\(milestones.isEmpty ? "<tr><td colspan=\"7\" class=\"muted\">\(req.t("implementation.none"))</td></tr>" as HTML : HTML.join(milestones))</tbody></table></div>
              <h2>\(req.t("implementation.documents"))</h2>
              <div class="card">\(docRows.isEmpty ? "<p class=\"muted\">\(req.t("implementation.none"))</p>" as HTML : "<ul>\(HTML.join(docRows))</ul>" as HTML)\(upload)</div>
              <h2>\(req.t("implementation.obstacles"))</h2>
              \(obstacles.isEmpty ? "<p class=\"muted\">\(req.t("implementation.none"))</p>" as HTML : HTML.join(obstacles))
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, "implementation", history))</div></div>
            """)
    }

    static func upload(_ req: Request) async throws -> Response {
        let id = try APIRoutes.id(req)
        // A page's upload carries the form's CSRF token like every other form.
        _ = try await Files.attach(req, entity: "implementation", entityId: id, form: true)
        return Pages.redirect(req, "/implementations/\(id)")
    }
}
