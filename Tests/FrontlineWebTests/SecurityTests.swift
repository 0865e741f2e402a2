import Foundation
import FrontlineCore
import NIOCore
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// The holes an outside review found in a running Frontline (issue 9), each by class: every test fails on the
/// code before its fix.
final class SecurityTests: XCTestCase {
    /// Every redirect target the app takes from input: `next` on the login page (signed in, and after signing in)
    /// and `back` on the language switch. None may split the header or leave the site.
    func testRedirectTargetsFromInputStayOnTheSiteAndInOneHeader() async throws {
        try await withDemoApp { app in
            let (cookie, csrf) = try await self.pageLogin(app, "rep1")
            let hostile = [
                "/%0d%0aSet-Cookie:%20fl_session=attacker", "/%0aSet-Cookie:%20fl_session=attacker",
                "/%0dSet-Cookie:x=1",
                "/%09/other.example/", "/%20/other.example", "//other.example/", "/\\other.example",
                "/%5Cother.example",
                "https://other.example/", "javascript:alert(1)", "/%7F", "/%0b/other.example", "/%0c/other.example",
            ]
            for next in hostile {
                let res = try await app.send(.GET, "/login?next=\(next)", headers: [("Cookie", cookie)])
                XCTAssertEqual(res.status, .seeOther, next)
                XCTAssertEqual(res.headers.first(name: .location), "/", next)
                XCTAssertEqual(res.headers[.setCookie].filter { $0.contains("fl_session") }.count, 0, next)
                for (name, value) in res.headers {
                    XCTAssertFalse(name.lowercased() == "set-cookie" && value.contains("attacker"), next)
                }
                let back = "_csrf=\(csrf)&locale=en&back=\(next)"
                let lang = try await app.send(
                    .POST, "/locale", body: Array(back.utf8),
                    headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")])
                XCTAssertEqual(lang.headers.first(name: .location), "/", "back=" + next)
            }
            // A same-site path with a query still works.
            let ok = try await app.send(
                .GET, "/login?next=%2Fcustomers%3Fq%3D%E4%B8%8A%E6%B5%B7", headers: [("Cookie", cookie)])
            XCTAssertEqual(ok.headers.first(name: .location), "/customers?q=%E4%B8%8A%E6%B5%B7")
            // A line separator past ASCII stays a local path, percent-encoded.
            let sep = try await app.send(.GET, "/login?next=/%E2%80%A8x", headers: [("Cookie", cookie)])
            XCTAssertEqual(sep.headers.first(name: .location), "/%E2%80%A8x")
            // After signing in, the same rule.
            let form = try await app.send(.GET, "/login")
            let pre = form.headers.setCookie?[Auth.preCookie]?.string ?? ""
            let body = "_csrf=\(self.csrf(in: form.body.string))&username=rep2&password=frontline2026"
            let signed = try await app.send(
                .POST, "/login?next=/%0d%0aSet-Cookie:%20x=1", body: Array(body.utf8),
                headers: [
                    ("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", "\(Auth.preCookie)=\(pre)"),
                ])
            XCTAssertEqual(signed.status, .seeOther)
            XCTAssertEqual(signed.headers.first(name: .location), "/")
            XCTAssertEqual(signed.headers[.setCookie].filter { $0.hasPrefix("x=") }.count, 0)
        }
    }

    /// The quotation that ended the process: a localised 422, and the server keeps answering.
    func testAmountsPastTheCeilingAreA422NotACrash() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant"), rep = try await app.login("rep1")
            let made = try await app.send(
                .POST, "/api/v1/products", token: assistant,
                json:
                    #"{"code":"HUGE-1","name":"超大件","kind":"product","unit":"套","list_price":"50000000","floor_price":"1","cost":"1","tax_rate":13}"#
            )
            XCTAssertEqual(made.status, .created, made.body.string)
            let pid = object(made)["id"] as! Int
            let customers =
                object(try await app.send(.GET, "/api/v1/customers?limit=1&sort=id", token: rep))["items"]
                as! [[String: Any]]
            let cid = customers[0]["id"] as! Int
            let line = #"{"product_id":\#(pid),"quantity":"10000000"}"#
            let lines = Array(repeating: line, count: 200).joined(separator: ",")
            let res = try await app.send(
                .POST, "/api/v1/quotations", token: rep,
                json: #"{"customer_id":\#(cid),"title":"溢出","lines":[\#(lines)]}"#)
            XCTAssertEqual(res.status, .unprocessableEntity, res.body.string)
            XCTAssertTrue(res.body.string.contains("金额超出上限"), res.body.string)
            let health = try await app.send(.GET, "/healthz")
            XCTAssertEqual(health.status, .ok)
            // One line alone past the ceiling, a contract past it, and an amount past it are refused the same way.
            let one = try await app.send(
                .POST, "/api/v1/quotations", token: rep,
                json: #"{"customer_id":\#(cid),"title":"溢出","lines":[{"product_id":\#(pid),"quantity":"9000"}]}"#)
            XCTAssertEqual(one.status, .unprocessableEntity, one.body.string)
            let k = try await app.send(
                .POST, "/api/v1/contracts", token: rep,
                json: #"{"customer_id":\#(cid),"title":"大合同","amount":"10000000000.01"}"#)
            XCTAssertTrue([400, 422].contains(k.status.code), k.body.string)
            let ms = (0..<24).map { _ in #"{"name":"期","amount":"9999999999"}"# }.joined(separator: ",")
            let k2 = try await app.send(
                .POST, "/api/v1/contracts", token: rep,
                json: #"{"customer_id":\#(cid),"title":"大合同","amount":"9999999999","milestones":[\#(ms)]}"#)
            XCTAssertEqual(k2.status, .unprocessableEntity, k2.body.string)
        }
    }

    /// A body of 20,000 empty parts is refused at once — before any parse for a user who may not upload — and the
    /// server answers others meanwhile.
    func testHugeMultipartBodiesAreRefusedFastAndRightsComeFirst() async throws {
        try await withDemoApp { app in
            let rep = try await app.login("rep1"), assistant = try await app.login("assistant")
            let boundary = "b"
            var body = ""
            body.reserveCapacity(20_000 * 50)
            for _ in 0..<20_000 { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\r\n" }
            body += "--\(boundary)--\r\n"
            let bytes = Array(body.utf8)
            let headers = [("Content-Type", "multipart/form-data; boundary=\(boundary)")]
            let customers =
                object(try await app.send(.GET, "/api/v1/customers?limit=1&sort=id", token: rep))["items"]
                as! [[String: Any]]
            let cid = customers[0]["id"] as! Int
            for (token, path, status) in [
                // A rep may not keep templates: refused before the parse.
                (rep, "/api/v1/tender-templates", HTTPResponseStatus.forbidden),
                (assistant, "/api/v1/tender-templates", .badRequest),
                (rep, "/api/v1/customers/\(cid)/attachments", .badRequest),
                (assistant, "/api/v1/tenders/1/files", .badRequest),
                (assistant, "/api/v1/customers/import", .badRequest),
            ] {
                let started = Date()
                async let other = app.send(.GET, "/healthz")
                let res = try await app.send(.POST, path, token: token, body: bytes, headers: headers)
                XCTAssertEqual(res.status, status, path + " " + res.body.string.prefix(300))
                XCTAssertLessThan(Date().timeIntervalSince(started), 1.0, path)
                let answered = try await other
                XCTAssertEqual(answered.status, .ok)
            }
            // A long header line is refused too.
            let long =
                "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(String(repeating: "a", count: 5000)).pdf\"\r\n\r\nx\r\n--b--\r\n"
            let res = try await app.send(
                .POST, "/api/v1/tender-templates", token: assistant, body: Array(long.utf8), headers: headers)
            XCTAssertEqual(res.status, .badRequest)
        }
    }

    /// 30 wrong passwords at once for one user: no more than the limit are checked (the rest wait); an address with
    /// many people behind it does not lock out a correct password; unknown names from it are throttled.
    func testLoginThrottleIsAtomicPerUserAndFairPerAddress() async throws {
        try await withDemoApp(loginThrottle: 5) { app in
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for i in 0..<30 {
                    group.addTask {
                        try await app.send(
                            .POST, "/api/v1/auth/login", json: #"{"username":"rep1","password":"wrong-\#(i)-secret"}"#
                        ).status.code
                    }
                }
                var out: [UInt] = []
                for try await s in group { out.append(s) }
                return out
            }
            XCTAssertLessThanOrEqual(statuses.filter { $0 == 401 }.count, 5, "\(statuses)")
            XCTAssertEqual(statuses.filter { $0 == 429 }.count + statuses.filter { $0 == 401 }.count, 30)
            let gm = try await app.login("gm")
            let audit = object(try await app.send(.GET, "/api/v1/audit?action=login_failed&limit=100", token: gm))
            XCTAssertLessThanOrEqual(audit["total"] as? Int ?? 99, 5)
            // Twenty-five different unknown names from one address (all tests share it): spraying.
            for i in 0..<25 {
                _ = try await app.send(
                    .POST, "/api/v1/auth/login", json: #"{"username":"nobody\#(i)","password":"wrong-password-1"}"#)
            }
            let sprayed = try await app.send(
                .POST, "/api/v1/auth/login", json: #"{"username":"nobody99","password":"wrong-password-1"}"#)
            XCTAssertEqual(sprayed.status, .tooManyRequests)
            // Yet a colleague behind the same address, not under attack, signs in with his correct password…
            let ok = try await app.send(
                .POST, "/api/v1/auth/login", json: #"{"username":"rep2","password":"frontline2026"}"#)
            XCTAssertEqual(ok.status, .ok, ok.body.string)
            // …while a wrong one from there is refused and counts against him.
            let wrong = try await app.send(
                .POST, "/api/v1/auth/login", json: #"{"username":"csmanager","password":"wrong-password-1"}"#)
            XCTAssertEqual(wrong.status, .tooManyRequests)
        }
    }

    /// A web session is not an API token, nor the reverse; a deactivated user's token stops at once in this process.
    func testSessionsAndTokensAreKeptApartAndDeactivationIsImmediate() async throws {
        try await withDemoApp { app in
            let token = try await app.login("rep2")
            let (cookie, _) = try await self.pageLogin(app, "rep1")
            let webToken = String(cookie.dropFirst(Auth.sessionCookie.count + 1))
            let r1 = try await app.send(.GET, "/api/v1/me", token: webToken)
            XCTAssertEqual(r1.status, .unauthorized)
            let r2 = try await app.send(.GET, "/api/v1/me", token: token)
            XCTAssertEqual(r2.status, .ok)
            let asCookie = try await app.send(
                .GET, "/customers", headers: [("Cookie", "\(Auth.sessionCookie)=\(token)")])
            XCTAssertEqual(asCookie.status, .seeOther, "an API token must not open the pages")
            let r3 = try await app.send(.GET, "/customers", headers: [("Cookie", cookie)])
            XCTAssertEqual(r3.status, .ok)
            // Deactivation while the token is in use: the moment the change is answered, the token is refused.
            let admin = try await app.login("admin")
            let users = object(try await app.send(.GET, "/api/v1/users", token: admin))["items"] as! [[String: Any]]
            let rep2 = users.first { $0["username"] as? String == "rep2" }!
            let hammer = Task {
                while !Task.isCancelled { _ = try? await app.send(.GET, "/api/v1/me", token: token) }
            }
            let off = try await app.send(
                .PATCH, "/api/v1/users/\(rep2["id"] as! Int)", token: admin,
                json: #"{"active":false,"version":\#(rep2["version"] as! Int)}"#)
            XCTAssertEqual(off.status, .ok, off.body.string)
            for _ in 0..<20 {
                let me = try await app.send(.GET, "/api/v1/me", token: token)
                XCTAssertEqual(me.status, .unauthorized)
            }
            hammer.cancel()
            _ = await hammer.result
        }
    }

    func testWeakPasswordsAreRefusedThroughTheAPI() async throws {
        try await withDemoApp { app in
            let admin = try await app.login("admin")
            for weak in [
                "12345678", "password", "        ", "frontline", "1234567890", "newrep2026",
                String(repeating: "长", count: 30),
            ] {
                let res = try await app.send(
                    .POST, "/api/v1/users", token: admin,
                    json: #"{"username":"newrep","display_name":"新代表","password":"\#(weak)","roles":["sales_rep"]}"#)
                XCTAssertEqual(res.status, .unprocessableEntity, weak + " " + res.body.string)
            }
        }
    }

    /// rep2 cannot create a look-alike of rep1's account by any of the classes the review used.
    func testLookAlikeCustomerNamesAreDuplicates() async throws {
        try await withDemoApp { app in
            let rep2 = try await app.login("rep2")
            for name in [
                "上海浦江\u{200B}智能制造有限公司", "上海浦江\u{00AD}智能制造有限公司", "上海浦江\u{200D}智能制造有限公司", "\u{FEFF}上海浦江智能制造有限公司",
                "上海浦江智能制造有限公司\u{202E}", "上海浦江智能制造有限公司 ",
            ] {
                let json = String(
                    data: try JSONSerialization.data(withJSONObject: ["name": name, "tier": "B"]), encoding: .utf8)!
                let res = try await app.send(.POST, "/api/v1/customers", token: rep2, json: json)
                XCTAssertEqual(
                    res.status, .conflict,
                    name.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") + res.body.string)
            }
            // Full-width digits and bracket forms: one name once, then each look-alike refused.
            let first = try await app.send(
                .POST, "/api/v1/customers", token: rep2, json: #"{"name":"北方重工（集团）2号厂","tier":"B"}"#)
            XCTAssertEqual(first.status, .created, first.body.string)
            for name in ["北方重工【集团】2号厂", "北方重工〔集团〕2号厂", "北方重工(集团)２号厂", "北方重工［集团］2号厂"] {
                let res = try await app.send(
                    .POST, "/api/v1/customers", token: rep2, json: #"{"name":"\#(name)","tier":"B"}"#)
                XCTAssertEqual(res.status, .conflict, name)
            }
        }
    }

    func testUploadedFileNamesAreCleanedAndErrorAnswersStaySmall() async throws {
        try await withDemoApp { app in
            let rep = try await app.login("rep1")
            let customers =
                object(try await app.send(.GET, "/api/v1/customers?limit=1&sort=id", token: rep))["items"]
                as! [[String: Any]]
            let cid = customers[0]["id"] as! Int
            let name = "合同\u{202E}fdp.exe".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let res = try await app.send(
                .POST, "/api/v1/customers/\(cid)/attachments?filename=\(name)", token: rep, body: Array("MZ".utf8))
            XCTAssertEqual(res.status, .created, res.body.string)
            XCTAssertEqual(object(res)["name"] as? String, "合同fdp.exe")
            // 50,000 unknown fields: the answer names a few, not all.
            let fields = (0..<50_000).map { #""f\#($0)":1"# }.joined(separator: ",")
            let big = try await app.send(.POST, "/api/v1/customers", token: rep, json: "{\(fields)}")
            XCTAssertEqual(big.status, .badRequest)
            XCTAssertLessThan(big.body.readableBytes, 8_000)
            XCTAssertEqual((object(big)["fields"] as? [Any])?.count, Input.listedErrors)
        }
    }
}
