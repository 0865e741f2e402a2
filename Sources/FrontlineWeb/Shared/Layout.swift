import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// Shared page furniture: the layout with its role-based navigation, form fields and small helpers.
enum Pages {
    /// A navigation entry; `show` decides from the viewer's roles.
    struct NavItem: Sendable {
        var section: String
        var key: String
        var path: String
        var show: @Sendable (Actor) -> Bool
    }

    static let nav: [NavItem] = [
        NavItem(section: "nav.section.work", key: "nav.home", path: "/", show: { _ in true }),
        NavItem(section: "nav.section.work", key: "nav.customers", path: "/customers", show: CustomerAccess.canBrowse),
        NavItem(
            section: "nav.section.work", key: "nav.import", path: "/customers/import", show: CustomerAccess.canImport),
        NavItem(section: "nav.section.sales", key: "nav.leads", path: "/leads", show: LeadAccess.canBrowse),
        NavItem(
            section: "nav.section.sales", key: "nav.opportunities", path: "/opportunities",
            show: OpportunityAccess.canBrowse),
        NavItem(
            section: "nav.section.sales", key: "nav.pipeline_board", path: "/opportunities/board",
            show: OpportunityAccess.canBrowse),
        NavItem(section: "nav.section.sales", key: "nav.pool", path: "/pool", show: PoolAccess.canBrowse),
        NavItem(section: "nav.section.sales", key: "nav.disputes", path: "/disputes", show: DisputeAccess.canBrowse),
        NavItem(
            section: "nav.section.sales", key: "nav.action_plans", path: "/action-plans",
            show: ActionPlanAccess.canBrowse),
        NavItem(section: "nav.section.sales", key: "nav.visits", path: "/visits", show: VisitAccess.canBrowse),
        NavItem(section: "nav.section.sales", key: "nav.gifts", path: "/gifts", show: GiftAccess.canBrowse),
        NavItem(
            section: "nav.section.sales", key: "nav.screenings", path: "/screenings", show: ScreeningAccess.canBrowse),
        NavItem(
            section: "nav.section.sales", key: "nav.intelligence", path: "/intelligence-reports",
            show: IntelligenceAccess.canBrowse),
        NavItem(
            section: "nav.section.sales", key: "nav.quotations", path: "/quotations", show: QuotationAccess.canBrowse),
        NavItem(
            section: "nav.section.sales", key: "nav.contracts", path: "/contracts",
            show: { CustomerAccess.canBrowse($0) || $0.hasAny(ContractAccess.customerService) }),
        NavItem(
            section: "nav.section.sales", key: "nav.tenders", path: "/tenders",
            show: { CustomerAccess.canBrowse($0) || $0.hasAny(ContractAccess.customerService) }),
        NavItem(
            section: "nav.section.sales", key: "nav.approvals", path: "/approvals",
            show: { $0.hasAny([.gm, .marketManager, .businessAssistant, .salesRep]) }),
        NavItem(section: "nav.section.sales", key: "nav.products", path: "/products", show: PriceAccess.canBrowse),
        NavItem(
            section: "nav.section.service", key: "nav.implementations", path: "/implementations",
            show: ImplementationAccess.canBrowse),
        NavItem(
            section: "nav.section.service", key: "nav.service_requests", path: "/service-requests",
            show: ServiceAccess.canBrowse),
        NavItem(
            section: "nav.section.service", key: "nav.complaints", path: "/complaints", show: ComplaintAccess.canBrowse),
        NavItem(
            section: "nav.section.service", key: "nav.support_requests", path: "/support-requests",
            show: SupportAccess.canBrowse),
        NavItem(
            section: "nav.section.service", key: "nav.trainings", path: "/trainings",
            show: TrainingAccess.canBrowse),
        NavItem(
            section: "nav.section.service", key: "nav.complaint_stats", path: "/complaints/stats",
            show: ComplaintAccess.canBrowse),
        NavItem(
            section: "nav.section.control", key: "nav.audit", path: "/audit", show: OrganisationAccess.canReadAudit),
        NavItem(
            section: "nav.section.control", key: "nav.limits", path: "/admin/limits",
            show: OrganisationAccess.canReadLimits),
        NavItem(
            section: "nav.section.control", key: "nav.service_levels", path: "/settings/service-levels",
            show: { $0.hasAny([.admin, .gm, .csManager]) }),
        NavItem(
            section: "nav.section.admin", key: "nav.users", path: "/admin/users", show: OrganisationAccess.canManage),
        NavItem(
            section: "nav.section.admin", key: "nav.opportunity_stages", path: "/settings/opportunity-stages",
            show: { $0.has(.admin) }),
        NavItem(
            section: "nav.section.admin", key: "nav.pool_rules", path: "/settings/pool", show: PoolAccess.canSetRules),
        NavItem(
            section: "nav.section.admin", key: "nav.regions", path: "/admin/regions", show: OrganisationAccess.canManage
        ),
        NavItem(section: "nav.section.help", key: "nav.api_docs", path: "/api/docs", show: { _ in true }),
    ]

    static func page(
        _ req: Request, title: String, active: String? = nil, status: HTTPResponseStatus = .ok, _ body: HTML
    )
        -> Response
    {
        let locale = req.locale
        let t = { (k: String) in Catalog.text(k, [:], locale) }
        var shell: HTML
        if let user = req.state.session?.user {
            let actor = user.actor
            var sections: [HTML] = []
            var current = ""
            for item in nav where item.show(actor) {
                if item.section != current {
                    current = item.section
                    sections.append("<h3>\(t(item.section))</h3>")
                }
                let on = item.path == active
                sections.append(
                    "<a href=\"\(item.path)\"\(HTML.when(on, " class=\"active\" aria-current=\"page\""))>\(t(item.key))</a>"
                )
            }
            let roles = user.roles.sorted().map { t($0.labelKey) }.joined(separator: "、")
            shell = """
                <input type="checkbox" id="nav" class="nav-toggle" aria-hidden="true">
                <header class="topbar">
                  <label for="nav" class="nav-button" title="\(t("nav.menu"))">☰</label>
                  <a class="brand" href="/">\(HTML(raw: Assets.icon))<span>Frontline</span></a>
                  <form class="search" action="/search" method="get" role="search">
                    <input type="search" name="q" placeholder="\(t("search.placeholder"))" aria-label="\(t("search.placeholder"))" value="\(req.url.path == "/search" ? (req.query("q") ?? "") : "")">
                  </form>
                  <span class="spacer"></span>
                  \(languageSwitch(req))
                  <span class="who" title="\(roles)">\(user.displayName)</span>
                  <form class="inline" action="/logout" method="post">\(csrfField(req))<button class="linkbtn" type="submit">\(t("nav.logout"))</button></form>
                </header>
                <div class="shell"><nav class="sidenav" aria-label="\(t("nav.menu"))">\(sections)</nav>
                <main id="main">\(noticeHTML(req))\(body)</main></div>
                """
        } else {
            shell = "<main class=\"login\" id=\"main\">\(body)</main>"
        }
        let html: HTML = """
            <!doctype html>
            <html lang="\(locale.rawValue)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Frontline</title>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/static/app.css">
            <script src="/static/app.js" defer></script></head>
            <body>\(shell)</body></html>
            """
        let res = Response(status: status, body: .init(string: html.raw))
        res.headers.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        Auth.attachPreCookie(req, res)
        // The message of the save that led here is shown once.
        if req.cookies[noticeCookie] != nil { res.cookies[noticeCookie] = .expired }
        if req.cookies[undoCookie] != nil { res.cookies[undoCookie] = .expired }
        return res
    }

    /// The cookie that carries a save's message to the page the save redirects to.
    static let noticeCookie = "fl_notice"

    /// The cookie that carries the undo of a save (the path its button posts to) with its message.
    static let undoCookie = "fl_undo"

    /// A redirect after a save, with the message the page it leads to shows once ("已保存", "已提交审批"…) and, when
    /// the save can be taken back, the path of its undo, offered beside the message.
    static func redirect(_ req: Request, _ path: String, notice: String, undo: String? = nil) -> Response {
        let res = plainRedirect(req, path)
        func cookie(_ text: String) -> HTTPCookies.Value {
            HTTPCookies.Value(
                string: String(text.prefix(200)).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                maxAge: 60, path: "/", isSecure: req.cookiesSecure, isHTTPOnly: true, sameSite: .lax)
        }
        res.cookies[noticeCookie] = cookie(notice)
        // The page that shows it keeps the path on the site (`safeBack`).
        if let undo { res.cookies[undoCookie] = cookie(undo) }
        return res
    }

    /// The message a save left for this page, if any, with its undo.
    static func noticeHTML(_ req: Request) -> HTML {
        guard let raw = req.cookies[noticeCookie]?.string, let text = raw.removingPercentEncoding, !text.isEmpty else {
            return ""
        }
        var undo: HTML = ""
        if let path = req.cookies[undoCookie]?.string.removingPercentEncoding.map(safeBack), path != "/" {
            undo =
                " <form class=\"inline\" method=\"post\" action=\"\(path)\">\(csrfField(req))<input type=\"hidden\" name=\"back\" value=\"\(req.url.path)\"><button class=\"linkbtn\" type=\"submit\" id=\"undo\">\(req.t("comm.undo"))</button></form>"
        }
        return "<div class=\"alert ok\" role=\"status\" id=\"notice\">\(String(text.prefix(200)))\(undo)</div>"
    }

    static func languageSwitch(_ req: Request) -> HTML {
        let current = req.locale
        let back = req.url.string
        let buttons = AppLocale.allCases.map { l -> HTML in
            let label = l == .zhCN ? "中文" : "English"
            return
                "<button class=\"linkbtn\" type=\"submit\" name=\"locale\" value=\"\(l.rawValue)\"\(HTML.when(l == current, " aria-current=\"true\""))>\(label)</button>"
        }
        return """
            <form class="inline lang" action="/locale" method="post">\(csrfField(req))<input type="hidden" name="back" value="\(back)">\(buttons)</form>
            """
    }

    static func csrfField(_ req: Request) -> HTML {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(Auth.csrfToken(req))\">"
    }

    static func errorPage(_ req: Request, status: HTTPResponseStatus, title: String, detail: String) -> Response {
        page(
            req, title: title, status: status,
            """
            <div class="card"><h1>\(title)</h1><p>\(detail)</p><p><a href="/">\(req.t("nav.home"))</a></p></div>
            """)
    }

    /// A labelled form field with its inline error.
    static func field(
        _ req: Request, _ name: String, label: String, value: String, errors: [FieldError], required: Bool = false,
        type: String = "text", hint: String? = nil, attrs: HTML = ""
    ) -> HTML {
        let err = errors.first { $0.field == name }
        let errHTML: HTML =
            err.map { "<div class=\"err\" id=\"\(name)-error\">\($0.message.text(req.locale))</div>" } ?? ""
        let hintHTML: HTML = hint.map { "<div class=\"hint\">\($0)</div>" } ?? ""
        let control: HTML
        if type == "textarea" {
            control =
                "<textarea id=\"f-\(name)\" name=\"\(name)\"\(HTML.when(err != nil, " aria-invalid=\"true\""))\(attrs)>\(value)</textarea>"
        } else {
            control =
                "<input id=\"f-\(name)\" name=\"\(name)\" type=\"\(type)\" value=\"\(value)\"\(HTML.when(required, " required"))\(HTML.when(err != nil, " aria-invalid=\"true\" aria-describedby=\"\(name)-error\""))\(attrs)>"
        }
        return """
            <div class="field\(HTML.when(err != nil, " error"))"><label for="f-\(name)"\(HTML.when(required, " class=\"req\""))>\(label)</label>\(control)\(hintHTML)\(errHTML)</div>
            """
    }

    static func select(
        _ req: Request, _ name: String, label: String, options: [(value: String, label: String)], selected: String,
        errors: [FieldError], required: Bool = false
    ) -> HTML {
        let err = errors.first { $0.field == name }
        let opts = options.map { o -> HTML in
            "<option value=\"\(o.value)\"\(HTML.when(o.value == selected, " selected"))>\(o.label)</option>"
        }
        let errHTML: HTML =
            err.map { "<div class=\"err\" id=\"\(name)-error\">\($0.message.text(req.locale))</div>" } ?? ""
        return """
            <div class="field\(HTML.when(err != nil, " error"))"><label for="f-\(name)"\(HTML.when(required, " class=\"req\""))>\(label)</label><select id="f-\(name)" name="\(name)">\(opts)</select>\(errHTML)</div>
            """
    }

    /// A record picker that searches as one types: a text box over the browser's own list of the first records
    /// (`options`, which filters as one types without any script), refilled from the one search as one types when
    /// script runs (`GET /search/pick`). Each choice reads `名称 #id`; the form sends it and `Input.form` keeps the id.
    static func picker(
        _ req: Request, _ name: String, kind: SearchKind, label: String, options: [(value: String, label: String)],
        selected: String, errors: [FieldError], required: Bool = false
    ) -> HTML {
        let shown =
            selected.isEmpty
            ? "" : (options.first { $0.value == selected }.map { pickValue($0.label, $0.value) } ?? "#" + selected)
        let opts = options.filter { !$0.value.isEmpty }.map { o -> HTML in
            "<option value=\"\(pickValue(o.label, o.value))\"></option>"
        }
        let box = field(
            req, name, label: label, value: shown, errors: errors, required: required,
            attrs:
                " list=\"f-\(name)-list\" data-pick=\"\(kind.rawValue)\" autocomplete=\"off\" placeholder=\"\(req.t("pick.placeholder"))\""
        )
        return "\(box)<datalist id=\"f-\(name)-list\">\(HTML.join(opts))</datalist>"
    }

    /// A choice as a picker shows and sends it: `名称 #12`.
    static func pickValue(_ label: String, _ id: String) -> String { "\(label) #\(id)" }

    /// The form-level alert that sums up a refusal.
    static func alert(_ req: Request, _ error: DomainError?) -> HTML {
        guard let error else { return "" }
        return "<div class=\"alert bad\" role=\"alert\">\(error.message.text(req.locale))</div>"
    }

    /// A phone number one taps to call (`tel:` with the digits and a leading +).
    static func tel(_ number: String) -> HTML {
        let dial = String(number.filter { $0.isNumber || $0 == "+" })
        return "<a class=\"nowrap\" href=\"tel:\(dial)\">\(number)</a>"
    }

    static func badge(_ text: String, _ kind: String = "") -> HTML {
        "<span class=\"badge \(kind)\">\(text)</span>"
    }

    static func statusBadge(_ req: Request, _ s: CustomerStatus) -> HTML {
        let kind =
            switch s {
            case .active: "ok"
            case .prospect: "warn"
            case .dormant: ""
            case .lost: "bad"
            }
        return badge(req.t(s.labelKey), kind)
    }

    /// Reads a posted form and checks its CSRF token.
    static func form(_ req: Request) throws -> Input {
        let input = try Input.form(req)
        try Auth.checkCSRF(req, input)
        return input
    }

    /// Builds a query string from the non-empty pairs.
    static func query(_ pairs: [(String, String?)]) -> String {
        let parts = pairs.compactMap { k, v -> String? in
            guard let v, !v.isEmpty else { return nil }
            return k + "=" + (v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// ` data-confirm="…"` for a step that cannot be undone (the script asks before the form goes).
    static func confirmAttr(_ req: Request, _ irreversible: Bool) -> HTML {
        irreversible ? " data-confirm=\"\(req.t("process.confirm"))\"" : ""
    }

    /// Every redirect of the pages goes through `safeBack`, so no target can leave the site or split the header.
    /// A form's save that leads to another page says so there ("已保存") unless it says more (`notice:`); signing
    /// in or out and changing the language are no saves.
    static func redirect(_ req: Request, _ path: String) -> Response {
        let quiet: Set<String> = ["/login", "/logout", "/locale"]
        if req.method == .POST && !quiet.contains(req.url.path) {
            return redirect(req, path, notice: req.t("notice.saved"))
        }
        return plainRedirect(req, path)
    }

    static func plainRedirect(_ req: Request, _ path: String) -> Response {
        let res = req.redirect(to: safeBack(path), redirectType: .normal)
        Auth.attachPreCookie(req, res)
        return res
    }

    /// Only a same-origin path is followed after sign-in or a language change: "/" and then no control character
    /// or space (a CR or LF would start a header of its own, and browsers drop tabs and newlines, so "/\t/host" would
    /// become "//host"), no backslash (read as a slash), not scheme-relative ("//host"). Anything past ASCII is
    /// percent-encoded, so the header carries ASCII alone.
    static func safeBack(_ s: String?) -> String {
        guard let s, s.utf8.count <= 2048, s.utf8.first == UInt8(ascii: "/"),
            s.utf8.dropFirst().first != UInt8(ascii: "/"),
            !s.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") })
        else { return "/" }
        guard s.utf8.contains(where: { $0 >= 0x80 }) else { return s }
        var out = ""
        for b in s.utf8 {
            if b >= 0x80 {
                out += "%" + String(b, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out
    }
}
