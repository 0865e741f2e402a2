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

    /// The kept values as a query string (`?q=…&state=…`, or empty).
    var query: String { Pages.query(values) }

    /// A link to this list with the same filters and another page.
    func link(_ path: String, page: Int) -> String {
        let q = query
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
        HTML.join(list.map { "<option value=\"\($0.value)\"\(HTML.when($0.value == selected, " selected"))>\($0.label)</option>" })
    }

    /// Reads a list page's filters through the declaration the API reads them with; a refused value is left out and
    /// named above the list, never a failed page.
    /// `defaults` holds the values a filter takes when the query does not name it at all (an empty one clears it).
    static func listQuery<F>(_ req: Request, _ filters: [ListFilter<F>], into f: F, defaults: [String: String] = [:]) -> ListPageQuery<F> {
        var f = f
        let value = { (name: String) in req.query(name) ?? defaults[name] }
        let refused = filters.read(value, into: &f)
        let bad = Set(refused.map(\.field))
        let values = filters.compactMap { filter -> (String, String?)? in
            guard !bad.contains(filter.name), let v = value(filter.name), !v.isEmpty else { return nil }
            return (filter.name, filter.name == "q" ? Text.clean(v) : v)
        }
        let page = max(1, min(Int(req.query("page") ?? "") ?? 1, 10_000))
        return ListPageQuery(filter: f, values: values, page: page, refused: refused)
    }

    /// The filter bar of a list page: each filter a page offers (those with a label), the values it holds, and the
    /// ones the page does not offer kept as hidden fields.
    /// `choices` gives a record filter (a host, an owner) the people or records to pick from; one without choices
    /// is not offered.
    static func filterBar<F>(
        _ req: Request, _ filters: [ListFilter<F>], _ q: ListPageQuery<F>, action: String, choices: [String: [(value: String, label: String)]] = [:]
    ) -> HTML {
        let kept = Dictionary(q.values.map { ($0.0, $0.1 ?? "") }, uniquingKeysWith: { a, _ in a })
        let fields = filters.map { filter -> HTML in
            let value = kept[filter.name] ?? ""
            guard let label = filter.label else {
                return value.isEmpty ? "" : "<input type=\"hidden\" name=\"\(filter.name)\" value=\"\(value)\">"
            }
            switch filter.form {
            case .search:
                return "<label>\(req.t(label))<input type=\"search\" name=\"\(filter.name)\" value=\"\(value)\"></label>"
            case .choice(let values):
                let all = [(value: "", label: req.t("filter.all"))] + values.map { ($0.value, req.t($0.label)) }
                return "<label>\(req.t(label))<select name=\"\(filter.name)\">\(options(all, value))</select></label>"
            case .id:
                guard let list = choices[filter.name], !list.isEmpty else {
                    return value.isEmpty ? "" : "<input type=\"hidden\" name=\"\(filter.name)\" value=\"\(value)\">"
                }
                let all = [(value: "", label: req.t("filter.all"))] + list
                return "<label>\(req.t(label))<select name=\"\(filter.name)\">\(options(all, value))</select></label>"
            case .date:
                return "<label>\(req.t(label))<input type=\"date\" name=\"\(filter.name)\" value=\"\(value)\"></label>"
            }
        }
        let labels = Dictionary(filters.map { ($0.name, $0.label.map { req.t($0) } ?? $0.name) }, uniquingKeysWith: { a, _ in a })
        let refused: HTML =
            q.refused.isEmpty
            ? ""
            : "<div class=\"alert bad\" role=\"alert\">\(req.t("filter.refused"))\(HTML.join(q.refused.map { "<br>\(labels[$0.field] ?? $0.field)：\($0.message.text(req.locale))" as HTML }))</div>"
        return """
            \(refused)<form class="filters" method="get" action="\(action)">\(HTML.join(fields))
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
