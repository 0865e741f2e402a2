import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// What a list page read of its query through its kind's filters: the filter for the store, the values kept (for
/// the filter bar, the paging links and the export), the page asked for and the filters refused.
struct ListPageQuery<F> {
    var filter: F
    var values: [(String, String?)]
    var page: Int
    var refused: [FieldError]
    /// The order asked for, kept by the paging links.
    var sort: String? = nil

    /// The kept values as a query string (`?q=…&state=…`, or empty).
    var query: String { Pages.query(values) }

    /// A link to this list with the same filters and order and another page.
    func link(_ path: String, page: Int) -> String {
        let q = Pages.query(values + [("sort", sort)])
        return path + q + (q.isEmpty ? "?" : "&") + "page=\(page)"
    }

    /// The export of the same filters.
    func export(_ path: String, format: String) -> String {
        let q = query
        return path + "/export" + q + (q.isEmpty ? "?" : "&") + "format=\(format)"
    }
}

extension Pages {
    /// The `<option>`s of a choice, the selected one marked.
    static func options(_ list: [(value: String, label: String)], _ selected: String) -> HTML {
        HTML.join(
            list.map {
                "<option value=\"\($0.value)\"\(HTML.when($0.value == selected, " selected"))>\($0.label)</option>"
            })
    }

    /// Reads a list page's filters through the declaration the API reads them with; a refused value is left out and
    /// named above the list, never a failed page.
    /// `defaults` holds the values a filter takes when the query does not name it at all (an empty one clears it).
    static func listQuery<F>(_ req: Request, _ filters: [ListFilter<F>], into f: F, defaults: [String: String] = [:])
        -> ListPageQuery<F>
    {
        var f = f
        let value = { (name: String) in req.query(name) ?? defaults[name] }
        let refused = filters.read(value, into: &f)
        let bad = Set(refused.map(\.field))
        let values = filters.compactMap { filter -> (String, String?)? in
            guard !bad.contains(filter.name), let v = value(filter.name), !v.isEmpty else { return nil }
            return (filter.name, filter.name == "q" ? Text.clean(v) : v)
        }
        let page = max(1, min(Int(req.query("page") ?? "") ?? 1, 10_000))
        var q = ListPageQuery(filter: f, values: values, page: page, refused: refused)
        if let sort = req.query("sort"), !sort.isEmpty, sort.count <= 40 { q.sort = sort }
        return q
    }

    /// The filter bar of a list page: each filter a page offers (those with a label), the values it holds, and the
    /// ones the page does not offer kept as hidden fields.
    /// `choices` gives a record filter (a host, an owner) the people or records to pick from — one without choices
    /// is not offered — and a choice the labels its values are shown by when they are not the declared ones (stage
    /// names the admin set).
    /// `sorts` offers the orders a reader may choose, the first the default.
    static func filterBar<F>(
        _ req: Request, _ filters: [ListFilter<F>], _ q: ListPageQuery<F>, action: String,
        choices: [String: [(value: String, label: String)]] = [:],
        sorts: [(value: String, label: String)] = [], hide: Set<String> = []
    ) -> HTML {
        let kept = Dictionary(q.values.map { ($0.0, $0.1 ?? "") }, uniquingKeysWith: { a, _ in a })
        let fields = filters.map { filter -> HTML in
            let value = kept[filter.name] ?? ""
            guard let label = filter.label, !hide.contains(filter.name) else {
                return value.isEmpty ? "" : "<input type=\"hidden\" name=\"\(filter.name)\" value=\"\(value)\">"
            }
            switch filter.form {
            case .search:
                return
                    "<label>\(req.t(label))<input type=\"search\" name=\"\(filter.name)\" value=\"\(value)\"></label>"
            case .choice(let values):
                let all =
                    [(value: "", label: req.t("filter.all"))]
                    + (choices[filter.name] ?? values.map { ($0.value, req.t($0.label)) })
                return "<label>\(req.t(label))<select name=\"\(filter.name)\">\(options(all, value))</select></label>"
            case .id:
                guard let list = choices[filter.name], !list.isEmpty else {
                    return value.isEmpty ? "" : "<input type=\"hidden\" name=\"\(filter.name)\" value=\"\(value)\">"
                }
                let all = [(value: "", label: req.t("filter.all"))] + list
                return "<label>\(req.t(label))<select name=\"\(filter.name)\">\(options(all, value))</select></label>"
            case .number(let range):
                return
                    "<label>\(req.t(label))<input type=\"number\" name=\"\(filter.name)\" min=\"\(range.lowerBound)\" max=\"\(range.upperBound)\" value=\"\(value)\"></label>"
            case .date:
                return "<label>\(req.t(label))<input type=\"date\" name=\"\(filter.name)\" value=\"\(value)\"></label>"
            case .flag:
                return
                    "<label class=\"check\"><input type=\"checkbox\" name=\"\(filter.name)\" value=\"true\"\(HTML.when(value == "true", " checked"))> \(req.t(label))</label>"
            }
        }
        let labels = Dictionary(
            filters.map { ($0.name, $0.label.map { req.t($0) } ?? $0.name) }, uniquingKeysWith: { a, _ in a })
        let refused: HTML =
            q.refused.isEmpty
            ? ""
            : "<div class=\"alert bad\" role=\"alert\">\(req.t("filter.refused"))\(HTML.join(q.refused.map { "<br>\(labels[$0.field] ?? $0.field)：\($0.message.text(req.locale))" as HTML }))</div>"
        let order: HTML =
            sorts.isEmpty
            ? ""
            : "<label>\(req.t("list.sort"))<select name=\"sort\">\(options(sorts, q.sort ?? sorts[0].value))</select></label>"
        return """
            \(refused)<form class="filters" method="get" action="\(action)">\(HTML.join(fields))\(order)
            <button class="btn" type="submit">\(req.t("filter.apply"))</button></form>
            """
    }

    /// The line under a list: how many matched, and the links to the pages before and after.
    static func pager<F>(_ req: Request, total: Int, perPage: Int, _ q: ListPageQuery<F>, path: String) -> HTML {
        let pages = max(1, (total + perPage - 1) / perPage)
        return """
            <div class="pager"><span>\(req.t("list.total", ["count": String(total)]))</span>
            \(q.page > 1 ? "<a class=\"btn\" href=\"\(q.link(path, page: q.page - 1))\">\(req.t("service.prev"))</a>" as HTML : "")
            \(q.page < pages ? "<a class=\"btn\" href=\"\(q.link(path, page: q.page + 1))\">\(req.t("service.next"))</a>" as HTML : "")</div>
            """
    }
}

/// One column of a list page: its heading's key, its class (`num`, `opt` for one a phone leaves out) and its cell.
struct PageColumn<R> {
    var title: String
    var cls: String = ""
    /// Whether only a reader who sees cost and profit gets it.
    var confidential = false
    var cell: (R, ListRow) -> HTML

    init(_ title: String, _ cls: String = "", confidential: Bool = false, _ cell: @escaping (R, ListRow) -> HTML) {
        self.title = title
        self.cls = cls
        self.confidential = confidential
        self.cell = cell
    }
}

/// What a list page's cells may need: the reader's language, people's names and the record's link.
struct ListRow {
    var req: Request
    var reading: Reading
    var link: String
    /// Whether the page marks this record (a support request whose engineer is booked twice).
    var flagged = false

    func t(_ key: String) -> String { req.t(key) }
    func name(_ id: Int64?) -> String { id.flatMap { reading.names[$0] } ?? "—" }
    /// The record's number as the link to its page (a number never wraps).
    func number(_ n: String) -> HTML { "<a class=\"nowrap\" href=\"\(link)\">\(n)</a>" }
}

/// A record kind with a list page: who browses it, what its rows show and what the page says of it.
protocol ListedKind: RecordKind {
    static func canBrowse(_ actor: Actor) -> Bool
    static var pageColumns: [PageColumn<Record>] { get }
    /// The key of the line under the title, if any.
    static var intro: String? { get }
    /// The order a page lists in when the reader names none.
    static var pageOrder: ListQuery { get }
    /// The list table's id on the page.
    static var listID: String { get }
    /// The heading of the column under which the list's amount total is shown (the store sums it), if any.
    static var totalColumn: String? { get }
    /// The orders the page offers: each sort parameter with the key of its label, the first the page's usual order
    /// (none: the page offers no choice).
    static var pageSorts: [(sort: String, label: String)] { get }
}

extension ListedKind {
    static var intro: String? { nil }
    static var pageOrder: ListQuery { ListQuery(sortField: "id", descending: true) }
    static var listID: String { entity.replacingOccurrences(of: "_", with: "-") + "-list" }
    static var totalColumn: String? { nil }
    static var pageSorts: [(sort: String, label: String)] { [] }
}

/// A list page's model: what the query found.
struct ListPageModel<K: ListedKind> {
    var query: ListPageQuery<K.Filter>
    var page: Listing<K.Record>
    var reading: Reading
    static var perPage: Int { 50 }
}

enum ListPages {
    /// Reads the filters and the page through the kind's declaration and asks the store.
    static func model<K: ListedKind>(_ req: Request, _: K.Type, defaults: [String: String] = [:]) async throws
        -> ListPageModel<K>
    {
        let actor = try req.actor()
        guard K.canBrowse(actor) else { throw DomainError.forbidden }
        let q = Pages.listQuery(req, K.filters, into: K.filter, defaults: defaults)
        var order = (req.query("sort").flatMap { _ in try? K.sorting.query(req) }) ?? K.pageOrder
        order.limit = ListPageModel<K>.perPage
        order.offset = (q.page - 1) * order.limit
        let page = try await K.list(req.store, q.filter, order, for: actor)
        return ListPageModel(query: q, page: page, reading: try await Reading.load(req, K.self))
    }

    /// The list page: its title and buttons, the kind's intro, what the page shows above the filters, the filter
    /// bar (the kind's own, unless `bar` is the page's), the table and the pager.
    static func view<K: ListedKind>(
        _ req: Request, _ m: ListPageModel<K>, buttons: [HTML] = [], above: HTML = "",
        choices: [String: [(value: String, label: String)]] = [:],
        flagged: Set<Int64> = [], sorts: [(value: String, label: String)] = [], hide: Set<String> = [],
        bar: HTML? = nil
    ) -> HTML {
        let list = Route.page(K.route)
        return """
            <div class="toolbar"><h1>\(req.t(K.title))</h1><div class="actions">\(HTML.join(buttons))
            <a class="btn" href="\(m.query.export(list, format: "csv"))">\(req.t("export.csv"))</a>
            <a class="btn" href="\(m.query.export(list, format: "xlsx"))">\(req.t("export.xlsx"))</a></div></div>
            \(K.intro.map { "<p class=\"muted\">\(req.t($0))</p>" as HTML } ?? "")\(above)
            \(bar ?? Pages.filterBar(req, K.filters, m.query, action: list, choices: choices, sorts: sorts.isEmpty ? Self.sorts(req, K.self) : sorts, hide: hide))
            \(table(req, K.self, m.page.items, reading: m.reading, id: K.listID, flagged: flagged, amount: m.page.amount))
            \(Pages.pager(req, total: m.page.total, perPage: ListPageModel<K>.perPage, m.query, path: list))
            """
    }

    /// Records of a kind as its list page shows them, wherever they are listed (a customer's trainings, home).
    /// `amount`, the total of every record that matched, is shown under the kind's `totalColumn`.
    static func table<K: ListedKind>(
        _ req: Request, _: K.Type, _ items: [K.Record], reading: Reading, id: String, flagged: Set<Int64> = [],
        omit: Set<String> = [], amount: Money? = nil
    ) -> HTML {
        let columns = K.pageColumns.filter { !omit.contains($0.title) && (!$0.confidential || reading.confidential) }
        let rows = items.map { r -> HTML in
            let row = ListRow(
                req: req, reading: reading, link: Route.page(K.route, K.id(r)), flagged: flagged.contains(K.id(r)))
            return
                "<tr data-href=\"\(row.link)\">\(HTML.join(columns.map { c in "<td\(c.cls.isEmpty ? "" : " class=\"\(c.cls)\"" as HTML)>\(c.cell(r, row))</td>" }))</tr>"
        }
        let heads = HTML.join(
            columns.map { c in "<th\(c.cls.isEmpty ? "" : " class=\"\(c.cls)\"" as HTML)>\(req.t(c.title))</th>" })
        let empty: HTML =
            "<tr><td colspan=\"\(String(columns.count))\" class=\"muted\">\(req.t("list.empty"))</td></tr>"
        var foot: HTML = ""
        if let amount, let at = columns.firstIndex(where: { $0.title == K.totalColumn }), !items.isEmpty {
            let cells = columns.indices.map { i -> HTML in
                let c = columns[i]
                let cls: HTML = c.cls.isEmpty ? "" : " class=\"\(c.cls)\""
                if i == at {
                    return
                        "<td\(cls) data-total>\(amount.grouped)<br><small class=\"muted\">\(req.t("money.wan", ["amount": amount.wan]))</small></td>"
                }
                return i == 0 ? "<th scope=\"row\">\(req.t("list.sum"))</th>" : "<td\(cls)></td>"
            }
            foot = "<tfoot><tr>\(HTML.join(cells))</tr></tfoot>"
        }
        return """
            <div class="table-wrap"><table class="data" id="\(id)"><thead><tr>\(heads)</tr></thead>
            <tbody>\(rows.isEmpty ? empty : HTML.join(rows))</tbody>\(foot)</table></div>
            """
    }

    /// The orders a kind's page offers, by their labels in the reader's language.
    static func sorts<K: ListedKind>(_ req: Request, _: K.Type) -> [(value: String, label: String)] {
        K.pageSorts.map { ($0.sort, req.t($0.label)) }
    }

    /// A link that looks like a button, shown when `shown`.
    static func button(_ shown: Bool, _ href: String, _ label: String, primary: Bool = false) -> HTML {
        shown ? "<a class=\"btn\(primary ? " primary" : "")\" href=\"\(href)\">\(label)</a>" : ""
    }
}
