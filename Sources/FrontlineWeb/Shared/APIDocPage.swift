import Foundation
import FrontlineCore
import Vapor

/// `/api/docs`: the API reference for people, rendered from the OpenAPI document itself, so the two cannot drift.
enum APIDocPage {
    static func register(_ app: Application) {
        app.get("api", "docs", use: show)
    }

    static func show(_ req: Request) throws -> Response {
        let t = { (k: String) in req.t(k) }
        let doc = OpenAPI.document
        let schemas = doc["components"]?["schemas"]?.fields ?? [:]
        let paths = doc["paths"]?.fields ?? [:]
        let order = ["get", "post", "patch", "put", "delete"]
        var toc: [HTML] = []
        var sections: [HTML] = []
        var usedSchemas: [String] = []
        for tag in doc["tags"]?.items ?? [] {
            let name = tag["name"]?.text ?? ""
            var ops: [HTML] = []
            for path in paths.keys.sorted() {
                for method in order {
                    guard let op = paths[path]?[method], op["tags"]?.items.first?.text == name else { continue }
                    let anchor = op["operationId"]?.text ?? ""
                    toc.append(
                        "<li><a href=\"#\(anchor)\"><code>\(method.uppercased()) \(path)</code></a> \(op["summary"]?.text ?? "")</li>"
                    )
                    var params: [HTML] = []
                    for p in op["parameters"]?.items ?? [] {
                        params.append(
                            "<tr><td><code>\(p["name"]?.text ?? "")</code></td><td>\(p["in"]?.text ?? "")</td><td>\(typeText(p["schema"]))</td><td>\(p["description"]?.text ?? "")</td></tr>"
                        )
                    }
                    let paramTable: HTML =
                        params.isEmpty
                        ? ""
                        : """
                        <h4>\(t("apidoc.parameters"))</h4><div class="tablewrap"><table><thead><tr><th>\(t("apidoc.name"))</th><th>\(t("apidoc.in"))</th><th>\(t("apidoc.type"))</th><th>\(t("apidoc.about"))</th></tr></thead><tbody>\(params)</tbody></table></div>
                        """
                    var bodyHTML: HTML = ""
                    if let content = op["requestBody"]?["content"]?.fields, let (type, media) = content.first {
                        let schema = media["schema"]
                        if let r = schema?["$ref"]?.text { usedSchemas.append(String(r.split(separator: "/").last!)) }
                        bodyHTML = "<h4>\(t("apidoc.body"))</h4><p><code>\(type)</code> \(schemaLink(schema))</p>"
                    }
                    var responses: [HTML] = []
                    for (code, r) in (op["responses"]?.fields ?? [:]).sorted(by: { $0.key < $1.key }) {
                        if let ref = r["$ref"]?.text {
                            let name = String(ref.split(separator: "/").last!)
                            let text = doc["components"]?["responses"]?[name]?["description"]?.text ?? ""
                            responses.append(
                                "<tr><td>\(code)</td><td><a href=\"#schema-Problem\">Problem</a></td><td>\(text)</td></tr>"
                            )
                        } else {
                            let content = r["content"]?.fields ?? [:]
                            let types = content.keys.sorted().joined(separator: ", ")
                            let schema = content.values.first?["schema"]
                            if let ref = schema?["$ref"]?.text {
                                usedSchemas.append(String(ref.split(separator: "/").last!))
                            }
                            responses.append(
                                "<tr><td>\(code)</td><td>\(schemaLink(schema)) <small>\(types)</small></td><td>\(r["description"]?.text ?? "")</td></tr>"
                            )
                        }
                    }
                    ops.append(
                        """
                        <section class="card apiop" id="\(anchor)">
                          <h3><span class="badge">\(method.uppercased())</span> <code>/api/v1\(path)</code></h3>
                          <p>\(op["summary"]?.text ?? "")</p><p class="muted">\(op["description"]?.text ?? "")</p>
                          \(paramTable)\(bodyHTML)
                          <h4>\(t("apidoc.responses"))</h4><div class="tablewrap"><table><tbody>\(responses)</tbody></table></div>
                        </section>
                        """)
                }
            }
            sections.append("<h2 id=\"tag-\(name)\">\(name) — \(tag["description"]?.text ?? "")</h2>\(ops)")
        }
        var schemaHTML: [HTML] = []
        for name in schemas.keys.sorted() {
            let s = schemas[name]!
            let required = Set((s["required"]?.items ?? []).compactMap(\.text))
            var rows: [HTML] = []
            for (field, fs) in (s["properties"]?.fields ?? [:]).sorted(by: { $0.key < $1.key }) {
                rows.append(
                    "<tr><td><code>\(field)</code></td><td>\(typeText(fs))</td><td>\(required.contains(field) ? "✓" : "")</td><td>\(fs["description"]?.text ?? "")</td></tr>"
                )
            }
            schemaHTML.append(
                """
                <section class="card" id="schema-\(name)"><h3>\(name)</h3>
                <div class="tablewrap"><table><thead><tr><th>\(t("apidoc.field"))</th><th>\(t("apidoc.type"))</th><th>\(t("apidoc.required"))</th><th>\(t("apidoc.about"))</th></tr></thead><tbody>\(rows)</tbody></table></div></section>
                """)
        }
        let body: HTML = """
            <div class="card"><h1>\(t("apidoc.title"))</h1>
            <p>\(doc["info"]?["description"]?.text ?? "")</p>
            <p>\(t("apidoc.intro")) <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a></p>
            <ul class="apitoc">\(toc)</ul></div>
            \(sections)
            <h2>\(t("apidoc.schemas"))</h2>
            \(schemaHTML)
            """
        return Pages.page(req, title: t("apidoc.title"), active: "/api/docs", body)
    }

    static func schemaLink(_ schema: JSONDoc?) -> HTML {
        if let ref = schema?["$ref"]?.text {
            let name = String(ref.split(separator: "/").last!)
            return "<a href=\"#schema-\(name)\">\(name)</a>"
        }
        return "\(typeText(schema))"
    }

    static func typeText(_ schema: JSONDoc?) -> HTML {
        guard let schema else { return "" }
        if let ref = schema["$ref"]?.text {
            let name = String(ref.split(separator: "/").last!)
            return "<a href=\"#schema-\(name)\">\(name)</a>"
        }
        var text: String
        switch schema["type"] {
        case .string(let s)?: text = s
        case .array(let a)?: text = a.compactMap(\.text).joined(separator: " | ")
        default: text = "any"
        }
        if text == "array", let items = schema["items"] { return "array of \(typeText(items))" }
        var extra: [String] = []
        if let e = schema["enum"]?.items, !e.isEmpty { extra.append(e.compactMap(\.text).joined(separator: ", ")) }
        if case .int(let m)? = schema["maxLength"] { extra.append("≤ \(m)") }
        if case .int(let m)? = schema["minimum"] { extra.append("≥ \(m)") }
        if case .int(let m)? = schema["maximum"] { extra.append("≤ \(m)") }
        return extra.isEmpty ? "\(text)" : "\(text) (\(extra.joined(separator: "; ")))"
    }
}
