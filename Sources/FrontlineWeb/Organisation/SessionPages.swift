import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// Sign-in, sign-out, language and the home page of each role.
enum SessionPages {
    static func register(_ app: Application) {
        app.get("login", use: loginForm)
        app.post("login", use: login)
        app.post("logout", use: logout)
        app.post("locale", use: setLocale)
        app.get(use: home)
    }

    static func loginForm(_ req: Request) async throws -> Response {
        if req.state.session != nil { return Pages.redirect(req, Pages.safeBack(req.query("next"))) }
        return render(req, username: "", error: nil)
    }

    static func render(_ req: Request, username: String, error: DomainError?, status: HTTPResponseStatus = .ok)
        -> Response
    {
        let next = Pages.safeBack(req.query("next"))
        let langLinks = AppLocale.allCases.map { l -> HTML in
            "<button class=\"linkbtn\" type=\"submit\" name=\"locale\" value=\"\(l.rawValue)\"\(HTML.when(l == req.locale, " aria-current=\"true\""))>\(l == .zhCN ? "中文" : "English")</button>"
        }
        return Pages.page(
            req, title: req.t("login.title"), status: status,
            """
            <span class="brand">\(HTML(raw: Assets.icon)) \(req.t("app.name"))</span>
            <div class="card">
              <h1>\(req.t("login.title"))</h1>
              \(Pages.alert(req, error))
              <form class="stack" method="post" action="/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")">
                \(Pages.csrfField(req))
                \(Pages.field(req, "username", label: req.t("login.username"), value: username, errors: [], required: true, attrs: " autocomplete=\"username\" autofocus"))
                \(Pages.field(req, "password", label: req.t("login.password"), value: "", errors: [], required: true, type: "password", attrs: " autocomplete=\"current-password\""))
                <button class="btn primary" type="submit">\(req.t("login.submit"))</button>
              </form>
            </div>
            <form class="inline lang" action="/locale" method="post">\(Pages.csrfField(req))<input type="hidden" name="back" value="/login">\(langLinks)</form>
            <p class="muted">\(req.t("app.tagline"))</p>
            """)
    }

    static func login(_ req: Request) async throws -> Response {
        let input = try Pages.form(req)
        var e: [FieldError] = []
        let username = input.string("username", &e) ?? ""
        let password = input.string("password", &e) ?? ""
        do {
            if username.isEmpty || password.isEmpty {
                throw DomainError(.unauthenticated, Message("user.bad_credentials"))
            }
            let (_, token, _) = try await Auth.login(req, username: username, password: password, kind: "web")
            let res = Pages.redirect(req, Pages.safeBack(req.query("next")))
            res.cookies[Auth.sessionCookie] = Auth.sessionCookieValue(token, req)
            return res
        } catch let error as DomainError {
            let status: HTTPResponseStatus =
                error.kind == .throttled ? .tooManyRequests : (error.kind == .forbidden ? .forbidden : .unauthorized)
            let res = render(req, username: username, error: error, status: status)
            if let s = error.retryAfter { res.headers.replaceOrAdd(name: .retryAfter, value: String(s)) }
            return res
        }
    }

    static func logout(_ req: Request) async throws -> Response {
        _ = try Pages.form(req)
        if let token = req.state.token, let user = req.state.session?.user {
            try await req.store.closeSession(token: token, user: user)
        }
        let res = req.redirect(to: "/login")
        res.cookies[Auth.sessionCookie] = Auth.sessionCookieValue(nil, req)
        return res
    }

    static func setLocale(_ req: Request) async throws -> Response {
        let input = try Pages.form(req)
        var e: [FieldError] = []
        let locale = AppLocale(rawValue: input.string("locale", &e) ?? "") ?? .zhCN
        if let user = req.state.session?.user {
            try await req.store.setLocale(userId: user.id, locale)
        }
        let res = Pages.redirect(req, Pages.safeBack(input.string("back", &e)))
        res.cookies["fl_lang"] = HTTPCookies.Value(
            string: locale.rawValue, maxAge: 365 * 86_400, path: "/", isSecure: req.cookiesSecure, isHTTPOnly: true,
            sameSite: .lax)
        return res
    }

    /// What waits for me, then my figures.
    static func home(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let store = req.store
        var blocks: [HTML] = []
        var first: HTML = "", figures: HTML = ""
        if CustomerAccess.canBrowse(actor) {
            let counts = try await store.customerCounts(for: actor)
            let total = counts.values.reduce(0, +)
            let stats = CustomerStatus.allCases.map { s -> HTML in
                "<a class=\"stat\" href=\"/customers?status=\(s.rawValue)\"><b>\(counts[s] ?? 0)</b><span>\(req.t(s.labelKey))</span></a>"
            }
            let today = DateText.day(Store.nowSeconds())
            let due = try await store.openNextSteps(for: actor)
            let dueRows = due.items.map { d -> HTML in
                let late = d.overdue(today: today)
                return """
                    <tr><td>\(d.due.map { Pages.badge($0, late ? "bad" : ($0 == today ? "warn" : "")) } ?? "—")</td><td><a href="/customers/\(d.customerId)">\(d.customerName)</a></td><td>\(d.step)</td>
                    <td><form class="inline" method="post" action="/next-steps/\(d.communicationId)/done">\(Pages.csrfField(req))<button class="btn" type="submit">\(req.t("comm.mark_done"))</button></form></td></tr>
                    """
            }
            // What waits for me comes first: my next steps (and the customers about to return to the pool); my
            // figures come last.
            first = """
                <h2>\(req.t("home.waiting")) · \(due.total)</h2>
                \(due.items.isEmpty ? "<p class=\"muted\">\(req.t("home.nothing_due"))</p>" : "<div class=\"table-wrap\"><table class=\"data\" id=\"next-steps\"><thead><tr><th>\(req.t("comm.next_step_date"))</th><th>\(req.t("col.name"))</th><th>\(req.t("comm.next_step"))</th><th></th></tr></thead><tbody>\(HTML.join(dueRows))</tbody></table></div>" as HTML)
                \(try await poolWarnings(req, actor))
                """
            figures = """
                <h2>\(actor.has(.salesRep) && !actor.hasAny([.gm, .marketManager, .businessAssistant]) ? req.t("home.my_customers") : req.t("home.all_customers")) · \(total)</h2>
                <div class="grid" id="home-figures">\(stats)</div>
                """
        }
        // What waits for this person in the processes: approvals to decide, contracts to review, sign or put into effect.
        var work: [HTML] = []
        if actor.hasAny([.gm, .marketManager]) {
            let inbox = try await store.approvals(.inbox, for: actor, limit: 1)
            if inbox.total > 0 {
                work.append(
                    "<a class=\"stat\" href=\"/approvals?box=inbox\"><b>\(inbox.total)</b><span>\(req.t("home.approvals_waiting"))</span></a>"
                )
            }
        }
        if CustomerAccess.canBrowse(actor) || actor.hasAny(ContractAccess.customerService) {
            let (toReview, tendersToReview) = try await store.pendingReviews(for: actor)
            var toSign = 0, toMeet = 0
            for state in [Contract.State.approved, .awaitingMeeting] {
                for item in try await store.contracts(ContractFilter(state: state), limit: 200, for: actor).items {
                    let k = item.contract
                    switch state {
                    case .approved:
                        if (k.technicalSignedBy == nil && actor.hasAny(ContractAccess.customerService))
                            || (k.commercialSignedBy == nil
                                && (actor.has(.marketManager) || (actor.has(.salesRep) && k.ownerId == actor.id)))
                        {
                            toSign += 1
                        }
                    default:
                        if actor.has(.marketManager) { toMeet += 1 }
                    }
                }
            }
            if toReview > 0 {
                work.append(
                    "<a class=\"stat\" href=\"/contracts?state=in_review\"><b>\(toReview)</b><span>\(req.t("home.contracts_to_review"))</span></a>"
                )
            }
            if toMeet > 0 {
                work.append(
                    "<a class=\"stat\" href=\"/contracts?state=awaiting_meeting\"><b>\(toMeet)</b><span>\(req.t("home.contracts_to_meet"))</span></a>"
                )
            }
            if toSign > 0 {
                work.append(
                    "<a class=\"stat\" href=\"/contracts?state=approved\"><b>\(toSign)</b><span>\(req.t("home.contracts_to_sign"))</span></a>"
                )
            }
            if tendersToReview > 0 {
                work.append(
                    "<a class=\"stat\" href=\"/tenders?state=in_review\"><b>\(tendersToReview)</b><span>\(req.t("home.tenders_to_review"))</span></a>"
                )
            }
        }
        // Bid deposits to get back: paid on tenders that are decided or abandoned.
        if actor.hasAny(TenderAccess.depositRoles) {
            let paid = try await store.tenders(TenderFilter(deposit: .paid), limit: 200, for: actor).items
            let due = paid.filter { [.won, .lost, .cancelled].contains($0.tender.state) }
            if !due.isEmpty {
                let sum = due.reduce(Money.zero) { $0 + $1.tender.depositAmount }
                work.append(
                    "<a class=\"stat\" href=\"/tenders?deposit=paid\"><b>\(due.count)</b><span>\(req.t("home.deposits_to_recover", ["amount": sum.grouped]))</span></a>"
                )
            }
        }
        // Tender deadlines within three days, for those who work on the bids (SPEC §3.1: submitted before the deadline).
        let due = try await store.tenderReminders(for: actor)
        if !due.isEmpty {
            let rows = due.map { i -> HTML in
                let t = i.tender
                return
                    "<tr><td>\(TenderPages.deadlineHTML(req, t))</td><td><a href=\"/tenders/\(t.id)\">\(t.number)</a></td><td>\(t.title)</td><td class=\"opt\">\(i.customerName)</td><td>\(TenderPages.stateBadge(req, t.state))</td></tr>"
            }
            blocks.insert(
                """
                <h2>\(req.t("home.tenders_due"))</h2>
                <div class="table-wrap"><table class="data" id="tenders-due"><thead><tr><th>\(req.t("tender.deadline"))</th><th>\(req.t("tender.number"))</th><th>\(req.t("tender.title"))</th><th class="opt">\(req.t("col.name"))</th><th>\(req.t("col.status"))</th></tr></thead><tbody>\(HTML.join(rows))</tbody></table></div>
                """, at: 0)
        }
        // Implementation (SPEC §3.3): new hand-offs and overdue milestones for Customer Service; obstacle reports for the
        // CS manager, the market manager who must answer them and the account's rep.
        let (handed, overdue, obstructed) = try await store.implementationReminders(for: actor)
        for (id, key, list) in [
            ("implementations-obstructed", "implementation.home_obstructed", obstructed),
            ("implementations-overdue", "implementation.home_overdue", overdue),
            ("implementations-handed", "implementation.home_handed", handed),
        ] where !list.isEmpty {
            let rows = list.map { i -> HTML in
                "<tr><td><a href=\"/implementations/\(i.id)\">\(i.contractLabel)</a></td><td>\(i.contractTitle)</td><td class=\"opt\">\(i.customerName)</td><td>\(ImplementationPages.stateBadge(req, i.state))</td></tr>"
            }
            blocks.insert(
                """
                <h2>\(req.t(key))</h2>
                <div class="table-wrap"><table class="data" id="\(id)"><thead><tr><th>\(req.t("implementation.contract"))</th><th>\(req.t("tender.title"))</th><th class="opt">\(req.t("implementation.customer"))</th><th>\(req.t("col.status"))</th></tr></thead><tbody>\(HTML.join(rows))</tbody></table></div>
                """, at: 0)
        }
        // Service requests (SPEC §3.4): near or past their targets and waiting for a verdict for Customer Service; the
        // rep's own open ones with their verdicts and plans.
        let service = try await store.serviceReminders(for: actor)
        // Complaints: near or past their targets and to acknowledge for those who handle them; the ones Customer
        // Service handles on the Market Department's customers, which it follows.
        let complaints = try await store.complaintReminders(for: actor)
        let serviceLists = [
            ("service-mine", "service.home_mine", service.mine),
            ("service-waiting", "service.home_new", service.waiting),
            ("service-attention", "service.home_attention", service.attention),
        ]
        let complaintLists = [
            ("complaints-followed", "complaint.home_followed", complaints.followed),
            ("complaints-received", "complaint.home_received", complaints.received),
            ("complaints-attention", "complaint.home_attention", complaints.attention),
        ]
        if serviceLists.contains(where: { !$0.2.isEmpty }) || complaintLists.contains(where: { !$0.2.isEmpty }) {
            // One calendar and one clock for every standing shown.
            let reading = try await Reading.load(req, ServiceRequestKind.self)
            for (id, key, list) in serviceLists where !list.isEmpty {
                blocks.insert(
                    "<h2>\(req.t(key))</h2>\(ListPages.table(req, ServiceRequestKind.self, list, reading: reading, id: id))",
                    at: 0)
            }
            for (id, key, list) in complaintLists where !list.isEmpty {
                blocks.insert(
                    "<h2>\(req.t(key))</h2>\(ListPages.table(req, ComplaintKind.self, list, reading: reading, id: id))",
                    at: 0)
            }
        }
        // Pre-sales support (SPEC §3.5): engineers booked twice for both managers; to endorse, to allocate; the rep's own.
        let support = try await store.supportReminders(for: actor)
        if !(support.conflicts.isEmpty && support.toEndorse.isEmpty && support.toAllocate.isEmpty
            && support.mine.isEmpty)
        {
            let names = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.displayName) })
            let conflicting = Set(support.conflicts.map(\.id))
            for (id, key, list) in [
                ("support-mine", "support.home_mine", support.mine),
                ("support-to-allocate", "support.home_to_allocate", support.toAllocate),
                ("support-to-endorse", "support.home_to_endorse", support.toEndorse),
                ("support-conflicts", "support.home_conflicts", support.conflicts),
            ] where !list.isEmpty {
                blocks.insert(
                    "<h2>\(req.t(key))</h2>\(ListPages.table(req, SupportRequestKind.self, list, reading: try await Reading.load(req, SupportRequestKind.self), id: id, flagged: conflicting))",
                    at: 0)
            }
        }
        // Coming training sessions, for Customer Service (the trainer's own for an engineer).
        if actor.hasAny(TrainingAccess.customerService) {
            let coming = try await store.trainings(TrainingFilter(upcoming: true), limit: 20, for: actor).items.filter {
                actor.has(.csManager) || $0.trainerId == actor.id
            }
            if !coming.isEmpty {
                let names = try await req.userNames()
                blocks.insert(
                    "<h2>\(req.t("training.home_upcoming"))</h2>\(ListPages.table(req, TrainingKind.self, coming, reading: try await Reading.load(req, TrainingKind.self), id: "trainings-upcoming"))",
                    at: 0)
            }
        }
        // Today's visits: the ones he hosts (the office: every one), with their arrangements a click away.
        if VisitAccess.canBrowse(actor) {
            let window = PlanPeriod.window(DateText.today(), DateText.today())
            var f = VisitFilter(state: .scheduled, from: window.lowerBound, to: window.upperBound + 1)
            if !VisitAccess.readsAll(actor) { f.hostId = actor.id }
            let visits = try await store.visits(
                f, ListQuery(limit: 20, sortField: "starts_at", descending: false), for: actor
            ).items
            if !visits.isEmpty {
                let names = try await req.userNames()
                let rows = visits.map { v -> HTML in
                    """
                    <tr><td><a href="/visits/\(v.id)">\(VisitPages.when(v))</a></td><td>\(v.customerName.isEmpty ? "—" : v.customerName)</td><td>\(v.visitors)</td>
                    <td>\(names[v.hostId] ?? "—")</td><td class="opt">\(v.place)</td></tr>
                    """
                }
                blocks.insert(
                    "<h2>\(req.t("visit.today"))</h2><div class=\"table-wrap\"><table class=\"data\" id=\"visits-today\"><tbody>\(HTML.join(rows))</tbody></table></div>",
                    at: 0)
            }
        }
        // A rep's plan of the week: how far it got, or the way to make it.
        if ActionPlanAccess.canPlan(actor) {
            let week = PlanPeriod.current(.week, today: DateText.today())
            let plan = try await store.actionPlans(
                ActionPlanFilter(period: .week, ownerId: actor.id, startsOn: week),
                ListQuery(limit: 1, sortField: "id"), for: actor
            ).items.first
            if let plan {
                let progress = try await store.planProgress(plan)
                work.append(
                    "<a class=\"stat\" id=\"home-plan\" href=\"/action-plans/\(plan.id)\"><b>\(ActionPlanPages.rate(progress))</b><span>\(req.t("plan.home")) · \(req.t(plan.state.labelKey))</span></a>"
                )
            } else {
                work.append(
                    "<a class=\"stat\" id=\"home-plan\" href=\"/action-plans/new\"><b>—</b><span>\(req.t("plan.home_none"))</span></a>"
                )
            }
        }
        if !work.isEmpty {
            blocks.insert("<h2>\(req.t("home.my_work"))</h2><div class=\"grid\" id=\"my-work\">\(work)</div>", at: 0)
        }
        blocks.insert(first, at: 0)
        blocks.append(figures)
        if OrganisationAccess.canManage(actor) {
            let users = try await store.users()
            blocks.append(
                """
                <h2>\(req.t("nav.users"))</h2>
                <div class="grid"><a class="stat" href="/admin/users"><b>\(users.filter(\.active).count)</b><span>\(req.t("home.active_users"))</span></a>
                <a class="stat" href="/admin/users"><b>\(users.filter { !$0.active }.count)</b><span>\(req.t("home.inactive_users"))</span></a></div>
                """)
        }
        if blocks.allSatisfy({ $0.raw.isEmpty }) {
            blocks.append("<p class=\"muted\">\(req.t("home.empty_role"))</p>")
        }
        let roles = actor.roles.sorted().map { req.t($0.labelKey) }.joined(separator: "、")
        return Pages.page(
            req, title: req.t("nav.home"), active: "/",
            """
            <h1>\(req.t("home.hello", ["name": actor.displayName]))</h1>
            <p class="muted">\(roles)</p>
            \(blocks)
            """)
    }

    /// The customers that return to the pool soon: a rep's own, every rep's for the office.
    static func poolWarnings(_ req: Request, _ actor: Actor) async throws -> HTML {
        let warnings = try await req.store.poolWarnings(for: actor)
        guard !warnings.isEmpty else { return "" }
        let names = try await req.userNames()
        let rows = warnings.map { w -> HTML in
            "<tr><td>\(Pages.badge(w.returnsOn, "warn"))</td><td><a href=\"/customers/\(w.customerId)\">\(w.name)</a></td><td class=\"opt\">\(names[w.ownerId] ?? "—")</td></tr>"
        }
        return """
            <h2>\(req.t("pool.home_warnings")) · \(warnings.count)</h2>
            <div class="table-wrap"><table class="data" id="pool-warnings"><thead><tr><th>\(req.t("pool.returns_on"))</th><th>\(req.t("col.name"))</th><th class="opt">\(req.t("col.owner"))</th></tr></thead>
            <tbody>\(HTML.join(rows))</tbody></table></div>
            """
    }
}
