import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The service request pages (工程施工和售后服务): the list with its service levels, the form a rep asks with, and the
/// request with its verdict, plan, work log, files and the steps open to the reader, drawn from the table's rows.
enum ServiceRequestPages {
    static func register(_ app: Application) {
        app.get("service-requests", use: list)
        app.get("service-requests", "new", use: newForm)
        app.post("service-requests", use: create)
        app.get("service-requests", ":id", use: show)
        ProcessPages.register(
            app, ServiceRequestProcess.self, route: "service-requests",
            act: { req, id, action, input, version in
                _ = try await req.store.actOnServiceRequest(
                    id: id, action, input, version: version, by: try req.actor())
                return "/service-requests/\(id)"
            }, page: { req, error, status in try await page(req, error: error, status: status) })
        app.on(.POST, "service-requests", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
    }

    static func stateBadge(_ req: Request, _ s: ServiceRequest.State) -> HTML {
        let kind =
            switch s {
            case .closed: "ok"
            case .scheduled, .answered, .resolved: "warn"
            case .declined, .waiting: "bad"
            case .submitted, .withdrawn: ""
            }
        return Pages.badge(req.t(s.labelKey), kind)
    }

    /// How a clock stands, as a badge with the time left or over.
    static func standingBadge(_ req: Request, _ s: ServiceTimes.Standing) -> HTML {
        let kind =
            switch s.status {
            case .met: "ok"
            case .onTrack: ""
            case .dueSoon: "warn"
            case .overdue, .missed: "bad"
            }
        return Pages.badge(WorkingTime.standing(s, req.locale), kind)
    }

    /// The clock that matters now: the answer's until it is given, then the resolution's.
    static func currentStanding(_ r: ServiceRequest, _ calendar: WorkCalendar, now: Int64) -> ServiceTimes.Standing {
        r.times.respondedAt == nil ? r.times.response(calendar, at: now) : r.times.resolution(calendar, at: now)
    }

    /// Rows of a request table, as the list, the home page and the customer's page show them.
    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await ListPages.model(req, ServiceRequestKind.self)
        let list = Route.page(.serviceRequests)
        let buttons = [
            ListPages.button(actor.hasAny(ServiceAccess.market), list + "/new", req.t("service.new"), primary: true),
            ListPages.button(true, list + "?attention=true&sort=due", req.t("service.filter_attention")),
            ListPages.button(true, list + "?open=true", req.t("service.filter_open")),
        ]
        let sorts: [(value: String, label: String)] = [
            ("-id", req.t("service.sort_newest")), ("id", req.t("service.sort_oldest")),
            ("due", req.t("service.sort_due")), ("wished_on", req.t("service.wished_on")),
            ("customer", req.t("service.customer")),
        ]
        return Pages.page(
            req, title: req.t(ServiceRequestKind.title), active: list,
            ListPages.view(req, m, buttons: buttons, sorts: sorts))
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(
            req,
            values: ["customer_id": req.query("customer_id") ?? "", "contract_id": req.query("contract_id") ?? ""],
            errors: [], error: nil)
    }

    static func form(
        _ req: Request, values: [String: String], errors: [FieldError], error: DomainError?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.actor()
        guard actor.hasAny(ServiceAccess.market) else { throw DomainError(.forbidden, .whoAsks("service.market_asks")) }
        // The customers he may ask for: a rep his own, the manager and the assistant any (chosen by id from the customer's page).
        var customers: [(value: String, label: String)] = [("", "—")]
        let mine = try await req.store.customers(
            CustomerFilter(
                ownerId: actor.has(.salesRep) && !actor.hasAny([.marketManager, .businessAssistant]) ? actor.id : nil),
            ListQuery(limit: 200, sortField: "name"), for: actor)
        customers += mine.items.filter { !$0.customer.archived }.map { (String($0.customer.id), $0.customer.name) }
        if let cid = Int64(values["customer_id"] ?? ""), !customers.contains(where: { $0.value == String(cid) }),
            let item = try await req.store.customer(id: cid, for: actor)
        {
            customers.append((String(cid), item.customer.name))
        }
        var contracts: [(value: String, label: String)] = [("", "—")]
        var implementations: [(value: String, label: String)] = [("", "—")]
        if let cid = Int64(values["customer_id"] ?? "") {
            let choices = try await req.store.serviceRequestChoices(customerId: cid)
            contracts += choices.contracts.sorted { $0.key > $1.key }.map { (String($0.key), $0.value) }
            implementations += choices.implementations.sorted { $0.key > $1.key }.map {
                (String($0.key), "\(req.t("implementation.title")) · \(choices.contracts[$0.value] ?? "")")
            }
        }
        let kinds = ServiceRequest.Kind.allCases.map { ($0.rawValue, req.t($0.labelKey)) }
        return Pages.page(
            req, title: req.t("service.new"), active: "/service-requests", status: status,
            """
            <h1>\(req.t("service.new"))</h1>
            <p class="muted">\(req.t("service.read_only"))</p>
            \(Pages.alert(req, error))
            <form class="card stack" method="post" action="/service-requests" novalidate id="service-request-form">\(Pages.csrfField(req))
            \(Pages.picker(req, "customer_id", kind: .customer, label: req.t("service.customer"), options: customers, selected: values["customer_id"] ?? "", errors: errors, required: true))
            \(Pages.select(req, "kind", label: req.t("service.kind"), options: kinds, selected: values["kind"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "title", label: req.t("service.subject"), value: values["title"] ?? "", errors: errors, required: true))
            \(Pages.field(req, "detail", label: req.t("service.detail"), value: values["detail"] ?? "", errors: errors, required: true, type: "textarea"))
            \(Pages.field(req, "location", label: req.t("service.location"), value: values["location"] ?? "", errors: errors))
            \(Pages.field(req, "wished_on", label: req.t("service.wished_on"), value: values["wished_on"] ?? "", errors: errors, type: "date"))
            \(Pages.select(req, "contract_id", label: req.t("service.contract"), options: contracts, selected: values["contract_id"] ?? "", errors: errors))
            \(Pages.select(req, "implementation_id", label: req.t("service.implementation"), options: implementations, selected: values["implementation_id"] ?? "", errors: errors))
            <p class="muted">\(req.t("service.files_after"))</p>
            <div class="actions"><button class="btn primary" type="submit">\(req.t("service.new"))</button></div></form>
            """)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let posted = try Pages.form(req)
        var e: [FieldError] = []
        var values: [String: String] = [:]
        for k in Input.serviceRequestFields { values[k] = posted.string(k, &e) ?? "" }
        do {
            let r = try await req.store.createServiceRequest(try posted.serviceRequest(), by: actor)
            return Pages.redirect(req, "/service-requests/\(r.id)")
        } catch let err as DomainError
            where err.kind != .notFound && err.kind != .unauthenticated
            && !(err.kind == .forbidden && !actor.hasAny(ServiceAccess.market))
        {
            return try await form(req, values: values, errors: err.fields, error: err, status: Pages.refusalStatus(err))
        }
    }

    static func show(_ req: Request) async throws -> Response { try await page(req, error: nil) }

    /// The fields of a request's steps that depend on it: whom Customer Service may assign.
    static func field(_ req: Request, _ f: StepField, _ s: ServiceRequestProcess.Subject, errors: [FieldError]) -> HTML?
    {
        switch f {
        case .engineers:
            let boxes = s.people.filter(\.isServiceStaff).map { u -> HTML in
                "<label class=\"check\"><input type=\"checkbox\" name=\"engineers\" value=\"\(u.id)\"\(HTML.when(s.request.engineerIds.contains(u.id), " checked"))> \(u.displayName)</label>"
            }
            let err = errors.first { $0.field == "engineers" }
            return
                "<fieldset class=\"field\"><legend>\(req.t("step.engineers"))</legend>\(HTML.join(boxes))\(err.map { "<div class=\"err\">\($0.message.text(req.locale))</div>" as HTML } ?? "")</fieldset>"
        case .plan:
            return Pages.field(
                req, "plan", label: req.t("step.plan"), value: s.request.plan, errors: errors, required: true,
                type: "textarea")
        case .startOn:
            return Pages.field(
                req, "start_on", label: req.t("step.start_on"),
                value: s.request.startOn.isEmpty ? DateText.today() : s.request.startOn, errors: errors, required: true,
                type: "date")
        case .endOn:
            return Pages.field(
                req, "end_on", label: req.t("step.end_on"),
                value: s.request.endOn.isEmpty ? DateText.today() : s.request.endOn, errors: errors, required: true,
                type: "date")
        default: return nil
        }
    }

    static func page(_ req: Request, error: DomainError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await req.store.serviceRequestSubject(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        let r = s.request
        let files = try await req.store.attachments(entity: "service_request", entityId: r.id, for: actor)
        let names = Dictionary(uniqueKeysWithValues: s.people.map { ($0.id, $0.displayName) })
        let offers = ProcessEngine.offers(ServiceRequestProcess.self, subject: s, actor: actor)
        let forms = ProcessPages.forms(
            req, ServiceRequestProcess.self, route: "service-requests", id: r.id, version: s.version, offers: offers,
            errors: error?.fields ?? []
        ) { f, errors in
            field(req, f, s, errors: errors)
        }
        let (levels, _) = try await req.store.serviceLevels()
        let now = Store.nowMillis()
        let log = s.log.reversed().map { e -> HTML in
            "<tr><td>\(e.day)</td><td>\(e.name)</td><td class=\"num\">\(WorkingTime.hoursText(e.minutes))</td><td>\(e.text)</td></tr>"
        }
        let fileRows = files.map(Files.item)
        let mayUpload =
            (try? await req.store.checkMayAttach(entity: "service_request", entityId: r.id, for: actor)) != nil
        let upload: HTML =
            mayUpload
            ? """
            <form class="inline-form" method="post" action="/service-requests/\(r.id)/files" enctype="multipart/form-data">\(Pages.csrfField(req))
            <input type="file" name="file" required aria-label="\(req.t("service.upload"))"><button class="btn" type="submit">\(req.t("service.upload"))</button></form>
            """ : ""
        let history = try await req.store.history(ServiceRequestProcess.name, r.id)
        let verdict: HTML =
            r.verdict.map { v in
                """
                <div class="card" id="verdict"><h3>\(req.t("service.verdict_label"))：\(Pages.badge(req.t(v.labelKey), v == .notFeasible ? "bad" : (v == .conditional ? "warn" : "ok")))</h3>
                <p>\(r.verdictReason)</p>\(r.conditions.isEmpty ? "" : "<p><strong>\(req.t("service.conditions_label"))</strong>：\(r.conditions)</p>" as HTML)
                <p class="muted">\(req.t("service.verdict_by"))：\(r.verdictByName)\(r.times.respondedAt.map { " · \(DateText.minute($0 / 1000))" } ?? "")</p></div>
                """
            } ?? ""
        let plan: HTML =
            r.plan.isEmpty
            ? ""
            : """
            <div class="card" id="plan"><h3>\(req.t("service.plan_label"))</h3><p>\(r.plan)</p>
            <dl class="props"><dt>\(req.t("service.engineers"))</dt><dd>\(r.engineerIds.compactMap { names[$0] }.joined(separator: "、"))</dd>
            <dt>\(req.t("service.dates"))</dt><dd>\(r.startOn) – \(r.endOn)</dd></dl></div>
            """
        let marketReader = actor.hasAny(ServiceAccess.market) && !actor.hasAny(ServiceAccess.customerService)
        return Pages.page(
            req, title: r.number, active: "/service-requests", status: status,
            """
            <div class="card header-card"><div><h1>\(req.t("service.title")) \(r.number)</h1>
            <div class="meta">\(stateBadge(req, r.state))<span>\(req.t(r.kind.labelKey))</span><span><a href="/customers/\(r.customerId)">\(r.customerName)</a></span>
            \(r.contractId.map { "<span><a href=\"/contracts/\($0)\">\(r.contractNumber)</a></span>" as HTML } ?? "")
            \(r.implementationId.map { "<span><a href=\"/implementations/\($0)\">\(req.t("implementation.title"))</a></span>" as HTML } ?? "")</div></div></div>
            \(SalesPages.stepBar(req, process: ServiceRequestProcess.name, path: ["submitted", "answered", "scheduled", "resolved", "closed"], current: r.state.rawValue, history: history))
            \(Pages.alert(req, error))
            \(marketReader ? "<p class=\"notice\" id=\"market-read-only\">\(req.t("service.read_only"))</p>" as HTML : "")
            <div class="cols"><div>
              <div class="card"><h2>\(r.title)</h2><p>\(r.detail)</p><dl class="props" id="service-facts">
                <dt>\(req.t("service.location"))</dt><dd>\(r.location.isEmpty ? "—" : r.location)</dd>
                <dt>\(req.t("service.wished_on"))</dt><dd>\(r.wishedOn.isEmpty ? "—" : r.wishedOn)</dd>
                <dt>\(req.t("service.requester"))</dt><dd>\(r.requesterName)</dd>
                <dt>\(req.t("service.created"))</dt><dd>\(DateText.minute(r.createdAt / 1000))</dd>
                <dt>\(req.t("service.response"))</dt><dd id="sla-response">\(standingBadge(req, r.times.response(levels.calendar, at: now)))</dd>
                <dt>\(req.t("service.resolve_by"))</dt><dd id="sla-resolution">\(standingBadge(req, r.times.resolution(levels.calendar, at: now)))</dd>
              </dl></div>
              \(verdict)\(plan)
              \(r.resolution.isEmpty ? "" : "<div class=\"card\" id=\"resolution\"><h3>\(req.t("service.resolution"))</h3><p>\(r.resolution)</p></div>" as HTML)
              \(r.confirmedBy.isEmpty ? "" : "<div class=\"card\" id=\"confirmation\"><h3>\(req.t("service.confirmed"))</h3><p>\(r.confirmedBy)\(r.satisfaction.map { " · \(req.t("step.satisfaction"))：\($0)/5" } ?? "")</p></div>" as HTML)
              <h2>\(req.t("service.log"))</h2>
              <div class="table-wrap"><table class="data" id="work-log"><thead><tr><th>\(req.t("step.date"))</th><th>\(req.t("service.engineers"))</th>
              <th class="num">\(req.t("step.hours"))</th><th>\(req.t("step.text"))</th></tr></thead>
              <tbody>\(log.isEmpty ? "<tr><td colspan=\"4\" class=\"muted\">\(req.t("service.none"))</td></tr>" as HTML : HTML.join(log))</tbody></table></div>
              <h2>\(req.t("service.files"))</h2>
              <div class="card">\(fileRows.isEmpty ? "<p class=\"muted\">\(req.t("service.none"))</p>" as HTML : "<ul>\(HTML.join(fileRows))</ul>" as HTML)\(upload)</div>
            </div><div id="actions">\(forms)\(SalesPages.historyHTML(req, ServiceRequestProcess.name, history))</div></div>
            """)
    }

    static func upload(_ req: Request) async throws -> Response {
        let id = try APIRoutes.id(req)
        _ = try await Files.attach(req, entity: "service_request", entityId: id, form: true)
        return Pages.redirect(req, "/service-requests/\(id)")
    }
}
