import Foundation
import FrontlineCore
import FrontlineStore
import XCTVapor
import XCTest

@testable import FrontlineWeb

/// The API contract: the routes, the OpenAPI document, its committed copy and the page made from it agree.
final class QualityGateTests: XCTestCase {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testEveryAPIRouteIsDocumentedAndEveryDocumentedOperationExists() async throws {
        try await withDemoApp { app in
            var routes = Set<String>()
            for route in app.routes.all {
                let parts = route.path.map { c -> String in
                    if case .parameter(let name) = c { return "{\(name)}" }
                    return c.description
                }
                guard parts.count >= 2, parts[0] == "api", parts[1] == "v1" else { continue }
                routes.insert(route.method.rawValue + " /" + parts.dropFirst(2).joined(separator: "/"))
            }
            let documented = Set(OpenAPI.operations.map { "\($0.method) \($0.path)" })
            XCTAssertEqual(routes.subtracting(documented).sorted(), [], "routes the document does not describe")
            XCTAssertEqual(documented.subtracting(routes).sorted(), [], "documented operations with no route")
            XCTAssertEqual(documented.count, OpenAPI.operations.count, "an operation is documented twice")
        }
    }

    func testTheCommittedDocumentIsTheServedOne() async throws {
        try await withDemoApp { app in
            let res = try await app.send(.GET, "/api/v1/openapi.json")
            expect(res, .ok)
            let served = Data(res.body.readableBytesView)
            let committed = try Data(contentsOf: Self.repoRoot.appendingPathComponent("docs/openapi.json"))
            XCTAssertEqual(
                served, committed, "docs/openapi.json is stale: run `swift run frontline openapi > docs/openapi.json`")
            let doc = try JSONSerialization.jsonObject(with: served) as! [String: Any]
            XCTAssertEqual(doc["openapi"] as? String, "3.1.0")
            let paths = doc["paths"] as! [String: [String: Any]]
            for (path, ops) in paths {
                for (method, op) in ops {
                    let op = op as! [String: Any]
                    let responses = op["responses"] as! [String: Any]
                    XCTAssertNotNil(op["operationId"], "\(method) \(path)")
                    XCTAssertTrue(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) has no success")
                    XCTAssertNotNil(responses["400"], "\(method) \(path) documents no errors")
                }
            }
            // Every reference resolves: a step body naming a schema nobody registered is not checked by anyone.
            let components = doc["components"] as! [String: Any]
            func refs(_ v: Any) -> [String] {
                if let d = v as? [String: Any] { return (d["$ref"] as? String).map { [$0] } ?? d.values.flatMap(refs) }
                if let a = v as? [Any] { return a.flatMap(refs) }
                return []
            }
            for ref in Set(refs(doc)) {
                let parts = ref.split(separator: "/").map(String.init)
                XCTAssertEqual(parts.count, 4, ref)
                guard parts.count == 4, parts[0] == "#", parts[1] == "components" else { continue }
                XCTAssertNotNil((components[parts[2]] as? [String: Any])?[parts[3]], "\(ref) does not resolve")
            }
        }
    }

    func testTheAPIPageListsEveryOperationInBothLanguages() async throws {
        try await withDemoApp { app in
            let zh = try await app.send(.GET, "/api/docs")
            expect(zh, .ok)
            XCTAssertTrue(zh.body.string.contains("Frontline API 文档"))
            for op in OpenAPI.operations {
                XCTAssertTrue(zh.body.string.contains("/api/v1\(op.path)"), op.path)
                XCTAssertTrue(zh.body.string.contains("id=\"\(op.id)\""), op.id)
            }
            let en = try await app.send(.GET, "/api/docs", headers: [("Accept-Language", "en")])
            XCTAssertTrue(en.body.string.contains("Frontline API reference"))
        }
    }

    /// A step body's amount is yuan with at most two decimals, as a string or a whole number, whichever step it is sent
    /// to — a JSON fraction or text that is no amount is refused even where the step ignores it (the fuzzer's ST201).
    func testAStepsAmountIsAnAmountWhereverItIsSent() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1")
            let store = Store(database: app.db)
            let rep1User = try await store.users().first { $0.username == "rep1" }!
            let c = try await store.customers(
                CustomerFilter(ownerId: rep1User.id), ListQuery(limit: 1, sortField: "id"), for: rep1User.actor
            ).items[0].customer
            let id =
                (object(
                    try await app.send(
                        .POST, "/api/v1/opportunities", token: rep1, json: #"{"customer_id":\#(c.id),"title":"金额检查"}"#))[
                    "opportunity"] as! [String: Any])["id"] as! Int
            for bad in ["1.5", #""abc""#, #""1.234""#, "-3", #""1e3""#] {
                let res = try await app.send(
                    .POST, "/api/v1/opportunities/\(id)/to_solution", token: rep1, json: #"{"amount":\#(bad)}"#)
                expect(res, .unprocessableEntity, bad)
                XCTAssertEqual((object(res)["fields"] as? [[String: Any]])?.first?["field"] as? String, "amount", bad)
            }
            expect(
                try await app.send(
                    .POST, "/api/v1/opportunities/\(id)/to_solution", token: rep1, json: #"{"amount":"12.50"}"#), .ok)
        }
    }

    func testUnknownMethodOnAKnownPathIs405WithAllow() async throws {
        try await withDemoApp { app in
            let token = try await app.login("manager")
            let res = try await app.send(.PUT, "/api/v1/customers", token: token)
            expect(res, .methodNotAllowed)
            XCTAssertEqual(res.headers.first(name: .allow), "GET, HEAD, POST")
            let export = try await app.send(.PATCH, "/api/v1/customers/export", token: token)
            expect(export, .methodNotAllowed)
            expect(try await app.send(.GET, "/api/v1/nothing-here", token: token), .notFound)
            expect(try await app.send(.GET, "/api/v1/customers/abc", token: token), .notFound)
        }
    }

    func testIfMatchMustBeAVersionAndAgreeWithTheBody() async throws {
        try await withDemoApp { app in
            let token = try await app.login("manager")
            let list = object(try await app.send(.GET, "/api/v1/customers?limit=1", token: token))
            let c = (list["items"] as! [[String: Any]])[0]
            let id = c["id"] as! Int, v = c["version"] as! Int
            let bad = try await app.send(
                .PATCH, "/api/v1/customers/\(id)", token: token, json: #"{"notes":"x","version":\#(v)}"#,
                headers: [("If-Match", "z-.Z")])
            expect(bad, .badRequest)
            let differ = try await app.send(
                .PATCH, "/api/v1/customers/\(id)", token: token, json: #"{"notes":"x","version":\#(v)}"#,
                headers: [("If-Match", "\"\(v + 1)\"")])
            expect(differ, .badRequest)
            let ok = try await app.send(
                .PATCH, "/api/v1/customers/\(id)", token: token, json: #"{"notes":"x"}"#,
                headers: [("If-Match", "\"\(v)\"")])
            expect(ok, .ok)
        }
    }

    func testNoPasswordOrTokenInTheAuditLog() async throws {
        try await withDemoApp { app in
            let login = try await app.send(
                .POST, "/api/v1/auth/login", json: #"{"username":"rep1","password":"frontline2026"}"#)
            let token = object(login)["token"] as! String
            _ = try await app.send(
                .POST, "/api/v1/auth/login", json: #"{"username":"rep1","password":"wrong-secret-1"}"#)
            let admin = try await app.login("admin")
            let created = try await app.send(
                .POST, "/api/v1/users", token: admin,
                json: #"{"username":"newrep","display_name":"新代表","password":"very-secret-9","roles":["sales_rep"]}"#)
            expect(created, .created)
            let gm = try await app.login("gm")
            let audit = try await app.send(.GET, "/api/v1/audit?limit=200", token: gm)
            expect(audit, .ok)
            for secret in ["frontline2026", "wrong-secret-1", "very-secret-9", token] {
                XCTAssertFalse(audit.body.string.contains(secret), secret)
            }
        }
    }

    /// PostgreSQL cannot store NUL and no person types it: refused at the door, on both databases alike.
    func testNULIsRefusedInBodiesQueriesAndForms() async throws {
        try await withDemoApp { app in
            let token = try await app.login("manager")
            let body = try await app.send(.POST, "/api/v1/customers", token: token, json: #"{"name":"a\u0000b"}"#)
            expect(body, .badRequest)
            XCTAssertTrue(body.body.string.contains("error.nul"))
            expect(try await app.send(.GET, "/api/v1/customers?q=%00x", token: token), .badRequest)
            let login = try await app.send(.POST, "/api/v1/auth/login", json: #"{"username":"x\u0000","password":"y"}"#)
            expect(login, .badRequest)
            let csv = try await app.send(
                .POST, "/api/v1/customers/import", token: token, body: Array("name\nA\u{0}B\n".utf8),
                headers: [("Content-Type", "text/csv")])
            expect(csv, .badRequest)
            let list = object(try await app.send(.GET, "/api/v1/customers?q=a", token: token))
            XCTAssertNotNil(list["total"])
        }
    }

    /// An upload's name never chooses where it is stored, and nothing uploaded comes back as a page.
    func testUploadsStayInTheirFolderAndAreNeverServedAsPages() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2")
            let mine = object(try await app.send(.GET, "/api/v1/customers?limit=1", token: rep1))
            let cid = (mine["items"] as! [[String: Any]])[0]["id"] as! Int
            let escape = "/tmp/frontline-escape-\(UUID().uuidString).html"
            let name = ("../../../../.." + escape).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let html = "<html><script>alert(1)</script></html>"
            let up = try await app.send(
                .POST, "/api/v1/customers/\(cid)/attachments?filename=\(name)", token: rep1, body: Array(html.utf8),
                headers: [("Content-Type", "application/octet-stream")])
            expect(up, .created)
            let a = object(up)
            XCTAssertEqual(a["name"] as? String, String(escape.split(separator: "/").last!))
            XCTAssertEqual(a["content_type"] as? String, "application/octet-stream")
            XCTAssertFalse(FileManager.default.fileExists(atPath: escape))
            let sha = a["sha256"] as! String
            let folder = FileFolder(app.services.config.filesDir)
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path(for: sha)!))

            let down = try await app.send(.GET, "/api/v1/attachments/\(a["id"] as! Int)", token: rep1)
            expect(down, .ok)
            XCTAssertEqual(down.body.string, html)
            XCTAssertEqual(down.headers.first(name: .contentType), "application/octet-stream")
            XCTAssertTrue(down.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") ?? false)
            XCTAssertTrue(down.headers.first(name: "Content-Security-Policy")?.contains("sandbox") ?? false)
            XCTAssertEqual(down.headers.first(name: "X-Content-Type-Options"), "nosniff")

            let svg = try await app.send(
                .POST, "/api/v1/customers/\(cid)/attachments?filename=logo.svg", token: rep1,
                body: Array("<svg onload='x()'/>".utf8),
                headers: [("Content-Type", "application/octet-stream")])
            XCTAssertEqual(object(svg)["content_type"] as? String, "application/octet-stream")
            let pdf = try await app.send(
                .POST, "/api/v1/customers/\(cid)/attachments?filename=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf",
                token: rep1,
                body: Array("%PDF-1.4".utf8), headers: [("Content-Type", "application/octet-stream")])
            XCTAssertEqual(object(pdf)["content_type"] as? String, "application/pdf")
            XCTAssertEqual(object(pdf)["name"] as? String, "营业执照.pdf")

            // Another rep learns nothing of it; empty and nameless uploads are refused.
            expect(try await app.send(.GET, "/api/v1/attachments/\(a["id"] as! Int)", token: rep2), .notFound)
            expect(try await app.send(.DELETE, "/api/v1/attachments/\(a["id"] as! Int)", token: rep2), .notFound)
            expect(try await app.send(.GET, "/api/v1/customers/\(cid)/attachments", token: rep2), .notFound)
            expect(
                try await app.send(
                    .POST, "/api/v1/customers/\(cid)/attachments?filename=empty.txt", token: rep1, body: [],
                    headers: [("Content-Type", "application/octet-stream")]), .unprocessableEntity)
            expect(
                try await app.send(
                    .POST, "/api/v1/customers/\(cid)/attachments?filename=..", token: rep1, body: [1],
                    headers: [("Content-Type", "application/octet-stream")]), .unprocessableEntity)
            let list = object(try await app.send(.GET, "/api/v1/customers/\(cid)/attachments", token: rep1))
            XCTAssertEqual(list["total"] as? Int, 3)
            expect(try await app.send(.DELETE, "/api/v1/attachments/\(a["id"] as! Int)", token: rep1), .ok)
            let after = object(try await app.send(.GET, "/api/v1/customers/\(cid)/attachments", token: rep1))
            XCTAssertEqual(after["total"] as? Int, 2)
            expect(try await app.send(.GET, "/api/v1/attachments/\(a["id"] as! Int)", token: rep1), .notFound)
        }
    }
}
