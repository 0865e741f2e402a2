import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/search`: the top bar's search, each kind the reader may browse in its own table, newest first, with the way to
/// the kind's list for more.
enum SearchPages {
    static func register(_ app: Application) {
        app.get("search", use: page)
        app.get("search", "pick", use: pick)
    }

    /// The table's id: `search-customers`, `search-service-requests`.
    static func tableId(_ kind: SearchKind) -> String {
        "search-" + kind.table.replacingOccurrences(of: "_", with: "-")
    }

    static func stateLabel(_ req: Request, _ hit: SearchHit, _ stages: OpportunityStages) -> HTML {
        switch hit.kind {
        case .contact: return ""
        case .customer: return CustomerStatus(rawValue: hit.state).map { Pages.statusBadge(req, $0) } ?? ""
        case .opportunity:
            return Opportunity.Stage(rawValue: hit.state).map { OpportunityPages.stageBadge(req, $0, stages) } ?? ""
        default:
            let key = "process.\(hit.kind.rawValue).state.\(hit.state)"
            return Pages.badge(Catalog.has(key) ? req.t(key) : hit.state)
        }
    }

    /// `GET /search/pick?kind=customer&q=…`: a picker's choices for what was typed, as the one search finds them
    /// for the reader (`["名称 #12", …]`, at most 20); too short a text answers none.
    static func pick(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let kind = SearchKind(rawValue: req.query("kind") ?? "") else { throw DomainError.notFound }
        let text = Text.clean(req.query("q") ?? "")
        var out: [String] = []
        if let q = try? SearchQuery.parse(q: text, kinds: kind.rawValue, limit: "20") {
            for g in try await req.store.search(q, for: actor) {
                out += g.hits.map {
                    Pages.pickValue($0.number.isEmpty ? $0.title : "\($0.number) \($0.title)", String($0.id))
                }
            }
        }
        let res = try DTO.response(out)
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return res
    }

    static func page(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let raw = req.query("q") ?? ""
        let text = Text.clean(raw)
        var body: [HTML] = []
        if !text.isEmpty {
            do {
                let q = try SearchQuery.parse(q: text, kinds: nil, limit: nil)
                let groups = try await req.store.search(q, for: actor)
                let stages =
                    groups.contains { $0.kind == .opportunity && !$0.hits.isEmpty }
                    ? try await req.store.opportunityStages().0 : OpportunityStages.defaults
                let found = groups.filter { !$0.hits.isEmpty }
                for g in found {
                    let rows = g.hits.map { h -> HTML in
                        """
                        <tr data-href="\(h.path)"><td class="nowrap">\(h.number)</td><td><a href="\(h.path)">\(h.title)</a></td><td>\(h.detail)</td><td>\(stateLabel(req, h, stages))</td></tr>
                        """
                    }
                    let more: HTML =
                        g.more
                        ? (g.kind.listPath(text).map {
                            "<p class=\"muted\"><a href=\"\($0)\">\(req.t("search.more_in_list"))</a></p>" as HTML
                        } ?? "<p class=\"muted\">\(req.t("search.more"))</p>")
                        : ""
                    body.append(
                        """
                        <h2>\(req.t(g.kind.labelKey)) · \(g.more ? "\(g.hits.count)+" : String(g.hits.count))</h2>
                        <div class="table-wrap"><table class="data" id="\(tableId(g.kind))"><tbody>\(rows)</tbody></table></div>
                        \(more)
                        """)
                }
                if found.isEmpty {
                    body.append("<p class=\"muted\" id=\"search-nothing\">\(req.t("search.nothing", ["q": text]))</p>")
                }
            } catch let e as DomainError {
                body.append(
                    "<p class=\"error\" id=\"search-error\">\(e.fields.first.map { $0.message.text(req.locale) } ?? req.t("search.hint"))</p>"
                )
            }
        }
        return Pages.page(
            req, title: req.t("search.title"),
            """
            <h1>\(req.t("search.title"))\(text.isEmpty ? "" : "：“\(text)”")</h1>
            <form class="filters" method="get" action="/search" role="search">
              <label>\(req.t("filter.search"))<input type="search" name="q" value="\(text)" minlength="2" maxlength="100" autofocus></label>
              <button class="btn" type="submit">\(req.t("search.title"))</button>
            </form>
            <p class="muted">\(req.t("search.hint"))</p>
            <section id="search-results">\(body)</section>
            """)
    }
}
