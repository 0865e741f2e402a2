import Foundation
import FrontlineCore
import FrontlineTestSupport
import NIOCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// A configured application on its own database holding the demo company (a copy of one built once, see
/// `TestDatabase.demo`).
func withDemoApp(loginThrottle: Int = 5, _ body: (Application) async throws -> Void) async throws {
    let files = NSTemporaryDirectory() + "frontline-test-files"
    func config(_ location: DatabaseLocation) -> AppConfig {
        AppConfig(
            database: location, logFormat: "text", logLevel: "warning", loginThrottle: loginThrottle, filesDir: files)
    }
    let location = try await TestDatabase.demo(prefix: "frontline-web") { empty in
        let app = try await Application.make(.testing)
        do {
            try await Frontline.configure(app, config(empty))
            try await Frontline.migrate(app)
            try await Store(database: app.db).seedDemo(files: FileFolder(files))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
    let app = try await Application.make(.testing)
    do {
        try await Frontline.configure(app, config(location))
        try await Frontline.migrate(app)
        CountCache.shared.clear()
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
    TestDatabase.remove(location)
}

extension Application {
    /// Sends a request as a client would. A process step sent as JSON without a `version` carries the version of the
    /// record as the sender reads it now (as every client reads before it writes), unless `versioned` is false — a
    /// step that may leave its state where it was needs one (`ProcessDefinition.versionRequired`).
    func send(
        _ method: HTTPMethod, _ path: String, token: String? = nil, json: String? = nil, body: [UInt8]? = nil,
        headers extra: [(String, String)] = [], versioned: Bool = true
    ) async throws -> XCTHTTPResponse {
        var json = json
        let trimmed = (json ?? "{}").trimmingCharacters(in: .whitespacesAndNewlines)
        if versioned, method == .POST, body == nil, trimmed.hasPrefix("{"), !trimmed.contains("\"version\""),
            !extra.contains(where: { $0.0.lowercased() == "if-match" }), let record = Application.stepRecord(path)
        {
            let read = try await send(.GET, record, token: token, versioned: false)
            if read.status == .ok, let v = Application.version(in: object(read)) {
                json = trimmed == "{}" ? #"{"version":\#(v)}"# : #"{"version":\#(v),"# + trimmed.dropFirst()
            }
        }
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var buffer: ByteBuffer?
        if let json {
            headers.contentType = .json
            buffer = ByteBuffer(string: json)
        } else if let body {
            buffer = ByteBuffer(bytes: body)
        }
        for (k, v) in extra { headers.replaceOrAdd(name: k, value: v) }
        return try await testable().sendRequest(method, path, headers: headers, body: buffer)
    }

    /// `/api/v1/contracts/5` for a step `/api/v1/contracts/5/review` that needs the version, or nil for anything else.
    static func stepRecord(_ path: String) -> String? {
        let parts = path.split(separator: "?")[0].split(separator: "/")
        guard parts.count == 5, parts[0] == "api", parts[1] == "v1", Int(parts[3]) != nil,
            stepsNeedingVersion[String(parts[2])]?.contains(String(parts[4])) == true
        else { return nil }
        return "/" + parts[0...3].joined(separator: "/")
    }

    /// Per route, the steps that must name the version (those that may leave the state where it was).
    static let stepsNeedingVersion: [String: Set<String>] = {
        func of<P: ProcessDefinition>(_ p: P.Type) -> Set<String> {
            Set(P.actions.filter(P.versionRequired).map(\.rawValue))
        }
        return [
            "contracts": of(ContractProcess.self), "disputes": of(DisputeProcess.self),
            "complaints": of(ComplaintProcess.self),
            "quotations": of(QuotationProcess.self), "approvals": of(ApprovalProcess.self),
            "implementations": of(ImplementationProcess.self),
            "gifts": of(GiftProcess.self), "visits": of(VisitProcess.self), "action-plans": of(ActionPlanProcess.self),
            "service-requests": of(ServiceRequestProcess.self), "leads": of(LeadProcess.self),
            "screenings": of(ScreeningProcess.self),
            "tenders": of(TenderProcess.self), "trainings": of(TrainingProcess.self),
            "support-requests": of(SupportRequestProcess.self),
            "opportunities": of(OpportunityProcess.self),
        ]
    }()

    /// A record's version in a detail answer: at its top, or in the record it wraps (`{"opportunity": {...}}`).
    static func version(in o: [String: Any]) -> Int? {
        if let v = o["version"] as? Int { return v }
        for value in o.values { if let inner = value as? [String: Any], let v = inner["version"] as? Int { return v } }
        return nil
    }

    func login(_ user: String) async throws -> String {
        let res = try await send(
            .POST, "/api/v1/auth/login", json: #"{"username":"\#(user)","password":"frontline2026"}"#)
        XCTAssertEqual(res.status, .ok, res.body.string)
        return object(res)["token"] as? String ?? ""
    }
}

func object(_ res: XCTHTTPResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(res.body.string.utf8))) as? [String: Any] ?? [:]
}

final class AuthAPITests: XCTestCase {
    func testLoginMeLogout() async throws {
        try await withDemoApp { app in
            let token = try await app.login("rep1")
            let me = try await app.send(.GET, "/api/v1/me", token: token)
            XCTAssertEqual(me.status, .ok)
            XCTAssertEqual(object(me)["roles"] as? [String], ["sales_rep"])
            XCTAssertEqual(object(me)["locale"] as? String, "zh-CN")
            let out = try await app.send(.POST, "/api/v1/auth/logout", token: token)
            XCTAssertEqual(out.status, .noContent)
            let after = try await app.send(.GET, "/api/v1/me", token: token)
            XCTAssertEqual(after.status, .unauthorized)
            XCTAssertEqual(after.headers.contentType?.subType, "problem+json")
        }
    }

    func testWrongPasswordIsRefusedAuditedAndThrottled() async throws {
        try await withDemoApp(loginThrottle: 3) { app in
            for _ in 0..<3 {
                let r = try await app.send(
                    .POST, "/api/v1/auth/login", json: #"{"username":"rep1","password":"nope-nope"}"#)
                XCTAssertEqual(r.status, .unauthorized)
                XCTAssertEqual(object(r)["detail"] as? String, "用户名或密码错误")
            }
            let r = try await app.send(
                .POST, "/api/v1/auth/login", json: #"{"username":"rep1","password":"frontline2026"}"#)
            XCTAssertEqual(r.status, .tooManyRequests)
            XCTAssertNotNil(r.headers.first(name: .retryAfter))
            let gm = try await app.login("gm")
            let audit = try await app.send(.GET, "/api/v1/audit?action=login_failed", token: gm)
            XCTAssertEqual(object(audit)["total"] as? Int, 3)
        }
    }

    func testDeactivatedUserCannotLogInAndTokensStop() async throws {
        try await withDemoApp { app in
            let repToken = try await app.login("rep2")
            let admin = try await app.login("admin")
            let users = object(try await app.send(.GET, "/api/v1/users", token: admin))["items"] as! [[String: Any]]
            let rep2 = users.first { $0["username"] as? String == "rep2" }!
            let patch = try await app.send(
                .PATCH, "/api/v1/users/\(rep2["id"]!)", token: admin,
                json: #"{"active": false, "version": \#(rep2["version"]!)}"#)
            XCTAssertEqual(patch.status, .ok, patch.body.string)
            expect(try await app.send(.GET, "/api/v1/me", token: repToken), .unauthorized)
            let again = try await app.send(
                .POST, "/api/v1/auth/login", json: #"{"username":"rep2","password":"frontline2026"}"#)
            XCTAssertEqual(again.status, .forbidden)
        }
    }

    func testAdminCreatesUsersOthersCannot() async throws {
        try await withDemoApp { app in
            let admin = try await app.login("admin"), manager = try await app.login("manager")
            let body =
                #"{"username":"rep3","display_name":"吴涛","password":"frontline2026","roles":["sales_rep"],"region_id":2}"#
            expect(try await app.send(.POST, "/api/v1/users", token: manager, json: body), .forbidden)
            let created = try await app.send(.POST, "/api/v1/users", token: admin, json: body)
            XCTAssertEqual(created.status, .created, created.body.string)
            XCTAssertNil(object(created)["password_hash"])
            let dup = try await app.send(.POST, "/api/v1/users", token: admin, json: body)
            XCTAssertEqual(dup.status, .conflict, "a duplicate is a 409 that names the existing record")
            XCTAssertTrue(dup.body.string.contains("rep3"), dup.body.string)
            let rep3 = try await app.login("rep3")
            XCTAssertFalse(rep3.isEmpty)
        }
    }

    func testRegionsAndLimits() async throws {
        try await withDemoApp { app in
            let admin = try await app.login("admin"), rep = try await app.login("rep1"), gm = try await app.login("gm")
            let r = try await app.send(.POST, "/api/v1/regions", token: admin, json: #"{"name":"华中","code":"central"}"#)
            XCTAssertEqual(r.status, .created)
            XCTAssertEqual(object(r)["code"] as? String, "CENTRAL")
            expect(try await app.send(.GET, "/api/v1/settings/authority-limits", token: rep), .forbidden)
            let limits = object(try await app.send(.GET, "/api/v1/settings/authority-limits", token: gm))
            XCTAssertEqual((limits["limits"] as? [String: String])?["discount"], "50000.00")
            let bad = try await app.send(
                .PATCH, "/api/v1/settings/authority-limits", token: admin, json: #"{"discount":"-1","version":1}"#)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            let ok = try await app.send(
                .PATCH, "/api/v1/settings/authority-limits", token: admin, json: #"{"discount":"8万","version":1}"#)
            XCTAssertEqual((object(ok)["limits"] as? [String: String])?["discount"], "80000.00")
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/authority-limits", token: gm, json: #"{"discount":"1","version":2}"#),
                .forbidden)
        }
    }
}

final class CustomerAPITests: XCTestCase {
    /// A malformed `?version=` is refused even when If-Match is sent too, and the two must agree (found by the fuzzer).
    func testArchivingReadsBothVersionsStrictly() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager")
            let c =
                (object(try await app.send(.GET, "/api/v1/customers?limit=1&sort=id", token: manager))["items"]
                as! [[String: Any]])[0]
            let id = c["id"] as! Int, v = c["version"] as! Int
            expect(
                try await app.send(
                    .DELETE, "/api/v1/customers/\(id)?version=L", token: manager, headers: [("If-Match", "\"\(v)\"")]),
                .badRequest)
            expect(
                try await app.send(
                    .DELETE, "/api/v1/customers/\(id)?version=\(v + 1)", token: manager,
                    headers: [("If-Match", "\"\(v)\"")]), .badRequest)
            expect(try await app.send(.DELETE, "/api/v1/customers/\(id)?version=0", token: manager), .badRequest)
            expect(
                try await app.send(
                    .DELETE, "/api/v1/customers/\(id)?version=\(v)", token: manager, headers: [("If-Match", "\"\(v)\"")]
                ), .ok)
        }
    }

    func testRepSeesOnlyHisOwnAndOthersRecordsLeakNothing() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                manager = try await app.login("manager")
            let list1 = object(try await app.send(.GET, "/api/v1/customers?limit=50", token: rep1))
            XCTAssertEqual(list1["total"] as? Int, 6)
            let all = object(try await app.send(.GET, "/api/v1/customers?limit=50", token: manager))
            XCTAssertEqual(all["total"] as? Int, 15)
            let rep1Customer = (list1["items"] as! [[String: Any]])[0]
            let id = rep1Customer["id"] as! Int
            let peek = try await app.send(.GET, "/api/v1/customers/\(id)", token: rep2)
            XCTAssertEqual(peek.status, .notFound)
            XCTAssertFalse(peek.body.string.contains(rep1Customer["name"] as! String))
            let change = try await app.send(
                .PATCH, "/api/v1/customers/\(id)", token: rep2, json: #"{"notes":"x","version":1}"#)
            XCTAssertEqual(change.status, .notFound)
            expect(try await app.send(.GET, "/api/v1/customers/\(id)/contacts", token: rep2), .notFound)
            expect(try await app.send(.DELETE, "/api/v1/customers/\(id)", token: rep2), .notFound)
            let search = object(
                try await app.send(.GET, "/api/v1/customers?q=\(percent(rep1Customer["name"] as! String))", token: rep2)
            )
            XCTAssertEqual(search["total"] as? Int, 0)
            let admin = try await app.login("admin")
            expect(try await app.send(.GET, "/api/v1/customers", token: admin), .forbidden)
            expect(try await app.send(.GET, "/api/v1/customers"), .unauthorized)
        }
    }

    func testCreateEditArchiveWithVersions() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1")
            let created = try await app.send(
                .POST, "/api/v1/customers", token: rep1,
                json: #"{"name":"深圳南山测试科技有限公司","tier":"B","industry":"软件","credit_code":"91350100M000100Y43"}"#)
            XCTAssertEqual(created.status, .created, created.body.string)
            let c = object(created)
            XCTAssertEqual(c["owner_name"] as? String, "陈伟")
            XCTAssertEqual(c["region_name"] as? String, "华东")
            let id = c["id"] as! Int
            let noVersion = try await app.send(.PATCH, "/api/v1/customers/\(id)", token: rep1, json: #"{"tier":"A"}"#)
            XCTAssertEqual(noVersion.status, .badRequest)
            let v2 = try await app.send(
                .PATCH, "/api/v1/customers/\(id)", token: rep1, json: #"{"tier":"A"}"#, headers: [("If-Match", "\"1\"")]
            )
            XCTAssertEqual(v2.status, .ok, v2.body.string)
            XCTAssertEqual(object(v2)["version"] as? Int, 2)
            let stale = try await app.send(
                .PATCH, "/api/v1/customers/\(id)", token: rep1, json: #"{"tier":"D","version":1}"#)
            XCTAssertEqual(stale.status, .conflict)
            let reread = object(try await app.send(.GET, "/api/v1/customers/\(id)", token: rep1))
            XCTAssertEqual(reread["tier"] as? String, "A")
            let handOver = try await app.send(
                .PATCH, "/api/v1/customers/\(id)", token: rep1, json: #"{"owner_id":5,"version":2}"#)
            XCTAssertEqual(handOver.status, .forbidden)
            let archived = try await app.send(.DELETE, "/api/v1/customers/\(id)", token: rep1)
            XCTAssertEqual(object(archived)["archived"] as? Bool, true)
            let list = object(try await app.send(.GET, "/api/v1/customers?q=%E6%B7%B1%E5%9C%B3", token: rep1))
            XCTAssertEqual(list["total"] as? Int, 0)
            let arch = object(try await app.send(.GET, "/api/v1/customers?archived=true", token: rep1))
            XCTAssertEqual(arch["total"] as? Int, 1)
            let gm = try await app.login("gm")
            let audit = object(try await app.send(.GET, "/api/v1/audit?entity=customer&entity_id=\(id)", token: gm))
            XCTAssertEqual(
                (audit["items"] as! [[String: Any]]).map { $0["action"] as! String }, ["archive", "update", "create"])
        }
    }

    func testBadInputGetsClearErrorsAndWritesNothing() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1")
            let cases: [(String, HTTPStatus)] = [
                ("{not json", .badRequest), ("[1,2]", .badRequest), (#"{"name": 42}"#, .badRequest),
                (#"{"name": ["x"]}"#, .badRequest), (#"{"name":"x","colour":"red"}"#, .badRequest),
                (#"{"name":""}"#, .unprocessableEntity), (#"{"name":"x","tier":"Z"}"#, .unprocessableEntity),
                (#"{"name":"x","owner_id":"abc"}"#, .unprocessableEntity),
            ]
            for (body, status) in cases {
                let r = try await app.send(.POST, "/api/v1/customers", token: rep1, json: body)
                XCTAssertEqual(r.status, status, body + " → " + r.body.string)
                XCTAssertEqual(r.headers.contentType?.subType, "problem+json")
                XCTAssertNotNil(object(r)["detail"] as? String)
            }
            let invalidUTF8 = try await app.send(
                .POST, "/api/v1/customers", token: rep1,
                body: [0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D],
                headers: [("Content-Type", "application/json")])
            XCTAssertEqual(invalidUTF8.status, .badRequest)
            let huge = try await app.send(
                .POST, "/api/v1/customers", token: rep1,
                json: #"{"name":""# + String(repeating: "x", count: 1_100_000) + #""}"#)
            XCTAssertEqual(huge.status, .payloadTooLarge)
            for q in ["limit=0", "limit=201", "offset=-1", "limit=abc", "sort=password", "tier=Q"] {
                expect(try await app.send(.GET, "/api/v1/customers?\(q)", token: rep1), .badRequest, q)
            }
            expect(try await app.send(.GET, "/api/v1/customers/abc", token: rep1), .notFound)
            expect(try await app.send(.GET, "/api/v1/customers/99999999999999999999", token: rep1), .notFound)
            let en = try await app.send(
                .POST, "/api/v1/customers", token: rep1, json: #"{"name":""}"#, headers: [("Accept-Language", "en")])
            XCTAssertEqual(((object(en)["fields"] as? [[String: String]])?.first)?["message"], "Required")
            let list = object(try await app.send(.GET, "/api/v1/customers", token: rep1))
            XCTAssertEqual(list["total"] as? Int, 6)
        }
    }

    func testContactsAndCommunications() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1")
            let id =
                ((object(try await app.send(.GET, "/api/v1/customers", token: rep1))["items"] as! [[String: Any]])[0][
                    "id"] as! Int)
            let k = try await app.send(
                .POST, "/api/v1/customers/\(id)/contacts", token: rep1,
                json: #"{"name":"黄磊","mobile":"13912345678","email":"huang@example.cn","is_primary":true}"#)
            XCTAssertEqual(k.status, .created, k.body.string)
            let badMail = try await app.send(
                .POST, "/api/v1/customers/\(id)/contacts", token: rep1, json: #"{"name":"x","email":"not-mail"}"#)
            XCTAssertEqual(badMail.status, .unprocessableEntity)
            let contacts =
                object(try await app.send(.GET, "/api/v1/customers/\(id)/contacts", token: rep1))["items"]
                as! [[String: Any]]
            XCTAssertEqual(contacts.filter { $0["is_primary"] as? Bool == true }.map { $0["name"] as! String }, ["黄磊"])
            let m = try await app.send(
                .POST, "/api/v1/customers/\(id)/communications", token: rep1,
                json:
                    #"{"kind":"visit","direction":"outbound","occurred_at":"2026-11-20 10:00","summary":"演示新版本","next_step":"发送报价","next_step_date":"2026-12-01","contact_id":\#(object(k)["id"]!)}"#
            )
            XCTAssertEqual(m.status, .created, m.body.string)
            XCTAssertEqual(object(m)["occurred_at"] as? String, "2026-11-20T10:00:00+08:00")
            let list = object(try await app.send(.GET, "/api/v1/customers/\(id)/communications", token: rep1))
            XCTAssertTrue((list["items"] as! [[String: Any]]).contains { $0["summary"] as? String == "演示新版本" })
            let bad = try await app.send(
                .POST, "/api/v1/customers/\(id)/communications", token: rep1, json: #"{"kind":"fax","summary":""}"#)
            XCTAssertEqual(
                (object(bad)["fields"] as? [[String: String]])?.map { $0["field"]! }.sorted(), ["kind", "summary"])
        }
    }

    func testAContactIsChangedAtItsVersionAndRemovedButKeptForTheTimeline() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"), gm = try await app.login("gm")
            let id =
                ((object(try await app.send(.GET, "/api/v1/customers", token: rep1))["items"] as! [[String: Any]])[0][
                    "id"] as! Int)
            let path = "/api/v1/customers/\(id)/contacts"
            let made = object(
                try await app.send(.POST, path, token: rep1, json: #"{"name":"周宁","mobile":"13912340000"}"#))
            let cid = made["id"] as! Int
            // A change names the version it is based on; only what is sent changes.
            expect(try await app.send(.PATCH, "\(path)/\(cid)", token: rep1, json: #"{"title":"总监"}"#), .badRequest)
            let changed = try await app.send(
                .PATCH, "\(path)/\(cid)", token: rep1, json: #"{"title":"信息中心总监","is_primary":true,"version":1}"#)
            expect(changed, .ok)
            XCTAssertEqual(object(changed)["title"] as? String, "信息中心总监")
            XCTAssertEqual(object(changed)["mobile"] as? String, "13912340000")
            XCTAssertEqual(object(changed)["version"] as? Int, 2)
            let primaries = (object(try await app.send(.GET, path, token: rep1))["items"] as! [[String: Any]]).filter {
                $0["is_primary"] as? Bool == true
            }
            XCTAssertEqual(
                primaries.map { $0["id"] as! Int }, [cid], "becoming primary takes over from the old primary contact")
            expect(
                try await app.send(.PATCH, "\(path)/\(cid)", token: rep1, json: #"{"title":"旧版本","version":1}"#),
                .conflict)
            // A body version of the wrong type is refused even when If-Match names the right one (found by fuzzing).
            for bad in [#"{}"#, #"[]"#, #""x""#, #"true"#] {
                expect(
                    try await app.send(
                        .PATCH, "\(path)/\(cid)", token: rep1, json: #"{"title":"x","version":\#(bad)}"#,
                        headers: [("If-Match", "2")]), .badRequest, bad)
                expect(
                    try await app.send(
                        .PATCH, "/api/v1/customers/\(id)", token: rep1, json: #"{"notes":"x","version":\#(bad)}"#,
                        headers: [("If-Match", "1")]), .badRequest, bad)
            }
            expect(
                try await app.send(.PATCH, "\(path)/\(cid)", token: rep1, json: #"{"email":"not-mail","version":2}"#),
                .unprocessableEntity)
            expect(
                try await app.send(.PATCH, "\(path)/\(cid)", token: rep2, json: #"{"title":"x","version":2}"#),
                .notFound)
            expect(try await app.send(.DELETE, "\(path)/\(cid)", token: rep2), .notFound)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/customers/\(id)/contacts/999999", token: rep1, json: #"{"title":"x","version":1}"#),
                .notFound)
            // Logged with him, then removed: he leaves the list and new communications, the timeline keeps his name.
            let m = try await app.send(
                .POST, "/api/v1/customers/\(id)/communications", token: rep1,
                json: #"{"kind":"call","summary":"确认需求","contact_id":\#(cid)}"#)
            expect(m, .created)
            expect(try await app.send(.DELETE, "\(path)/\(cid)?version=1", token: rep1), .conflict)
            expect(try await app.send(.DELETE, "\(path)/\(cid)?version=2", token: rep1), .noContent)
            expect(try await app.send(.DELETE, "\(path)/\(cid)", token: rep1), .notFound)
            let left = object(try await app.send(.GET, path, token: rep1))["items"] as! [[String: Any]]
            XCTAssertFalse(left.contains { $0["id"] as? Int == cid })
            let again = try await app.send(
                .POST, "/api/v1/customers/\(id)/communications", token: rep1,
                json: #"{"kind":"call","summary":"再联系","contact_id":\#(cid)}"#)
            expect(again, .unprocessableEntity)
            let timeline =
                object(try await app.send(.GET, "/api/v1/customers/\(id)/communications", token: rep1))["items"]
                as! [[String: Any]]
            XCTAssertEqual(timeline.first { $0["summary"] as? String == "确认需求" }?["contact_name"] as? String, "周宁")
            let audit =
                object(try await app.send(.GET, "/api/v1/audit?entity=contact&entity_id=\(cid)", token: gm))["items"]
                as! [[String: Any]]
            XCTAssertEqual(audit.map { $0["action"] as! String }.sorted(), ["archive", "create", "update"])
        }
    }

    func testExportCSVAndExcel() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1")
            let csv = try await app.send(.GET, "/api/v1/customers/export?format=csv&tier=A", token: rep1)
            XCTAssertEqual(csv.status, .ok)
            let text = csv.body.string
            XCTAssertTrue(text.hasPrefix("\u{FEFF}编号,客户名称"))
            XCTAssertTrue(text.contains("上海浦江智能制造有限公司"))
            XCTAssertFalse(text.contains("北京中关村"))
            XCTAssertEqual(text.split(separator: "\r\n").count, 3)
            let xlsx = try await app.send(.GET, "/api/v1/customers/export?format=xlsx", token: rep1)
            let bytes = Array(xlsx.body.readableBytesView)
            XCTAssertEqual(Array(bytes.prefix(2)), [0x50, 0x4B])
            XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("杭州西湖数据科技有限公司"))
            expect(try await app.send(.GET, "/api/v1/customers/export?format=pdf", token: rep1), .badRequest)
            let gm = try await app.login("gm")
            let audit = object(try await app.send(.GET, "/api/v1/audit?action=export", token: gm))
            XCTAssertEqual(audit["total"] as? Int, 2)
        }
    }

    func testEveryListExportWalksAllItsRecordsBatchByBatch() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager")
            TableExport.batch = 2
            defer { TableExport.batch = 2_000 }
            for (list, export) in [
                ("/api/v1/quotations?limit=200", "/api/v1/quotations/export"),
                ("/api/v1/contracts?limit=200", "/api/v1/contracts/export"),
                ("/api/v1/tenders?limit=200", "/api/v1/tenders/export"),
                ("/api/v1/implementations?limit=200", "/api/v1/implementations/export"),
                ("/api/v1/approvals?box=all&limit=200", "/api/v1/approvals/export?box=all"),
            ] {
                let total = object(try await app.send(.GET, list, token: manager))["total"] as! Int
                XCTAssertGreaterThan(total, 2, list)
                let sep = export.contains("?") ? "&" : "?"
                let csv = try await app.send(.GET, export + sep + "format=csv", token: manager)
                expect(csv, .ok)
                let lines = csv.body.string.split(separator: "\r\n")
                XCTAssertEqual(lines.count, total + 1, "\(export): every record once, in batches of two")
                XCTAssertEqual(Set(lines).count, lines.count, export)
                let xlsx = try await app.send(.GET, export + sep + "format=xlsx", token: manager)
                expect(xlsx, .ok)
                XCTAssertEqual(xlsx.body.string.components(separatedBy: "<row r=").count - 1, total + 1, export)
            }
            // A caller who may not read the list is refused before anything is sent: a 403, not a broken file.
            let admin = try await app.login("admin")
            for export in [
                "/api/v1/quotations/export", "/api/v1/contracts/export", "/api/v1/tenders/export",
                "/api/v1/implementations/export",
            ] {
                expect(try await app.send(.GET, export + "?format=xlsx", token: admin), .forbidden, export)
            }
        }
    }

    func testImportUTF8WithBOMAndGB18030() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager")
            let csv =
                "\u{FEFF}客户名称,等级,负责人,区域,统一社会信用代码\r\n郑州中原测试有限公司,A,rep1,华东,\r\n上海浦江智能制造有限公司,B,,,\r\n洛阳测试有限公司,B,,,91350100M000100Y44\r\n"
            let r = try await app.send(
                .POST, "/api/v1/customers/import", token: manager, body: Array(csv.utf8),
                headers: [("Content-Type", "text/csv")])
            XCTAssertEqual(r.status, .ok, r.body.string)
            let rows = object(r)["rows"] as! [[String: Any]]
            XCTAssertEqual(rows.map { $0["ok"] as! Bool }, [true, false, false])
            XCTAssertEqual(object(r)["imported"] as? Int, 1)
            // "客户名称\r\n西安测试有限公司\r\n" in GB18030, as Chinese Excel saves a CSV.
            let gb: [UInt8] = [
                0xBF, 0xCD, 0xBB, 0xA7, 0xC3, 0xFB, 0xB3, 0xC6, 0x0D, 0x0A, 0xCE, 0xF7, 0xB0, 0xB2, 0xB2, 0xE2, 0xCA,
                0xD4, 0xD3, 0xD0, 0xCF, 0xDE, 0xB9, 0xAB, 0xCB, 0xBE, 0x0D, 0x0A,
            ]
            let g = try await app.send(
                .POST, "/api/v1/customers/import", token: manager, body: gb, headers: [("Content-Type", "text/csv")])
            XCTAssertEqual(g.status, .ok, g.body.string)
            XCTAssertEqual((object(g)["rows"] as? [[String: Any]])?.first?["name"] as? String, "西安测试有限公司")
            let rep1 = try await app.login("rep1")
            let mine = object(try await app.send(.GET, "/api/v1/customers?q=%E9%83%91%E5%B7%9E", token: rep1))
            XCTAssertEqual(mine["total"] as? Int, 1)
        }
    }
}

final class PageTests: XCTestCase {
    /// Signs in through the login page: fetch the form (CSRF cookie), post it, keep the session cookie.

    func testLoginPageAndSecurityHeaders() async throws {
        try await withDemoApp { app in
            let res = try await app.send(.GET, "/login")
            XCTAssertTrue(res.body.string.contains("<html lang=\"zh-CN\">"))
            XCTAssertTrue(res.headers.first(name: "Content-Security-Policy")!.contains("script-src 'self'"))
            XCTAssertEqual(res.headers.first(name: "X-Content-Type-Options"), "nosniff")
            XCTAssertEqual(res.headers.first(name: "X-Frame-Options"), "DENY")
            XCTAssertFalse(res.body.string.contains("<script>"))
            XCTAssertFalse(res.body.string.contains("style=\""))
            let en = try await app.send(.GET, "/login", headers: [("Accept-Language", "en-US,en;q=0.9")])
            XCTAssertTrue(en.body.string.contains("Sign in"))
            let anon = try await app.send(.GET, "/customers")
            XCTAssertEqual(anon.status, .seeOther)
        }
    }

    func testAContactIsChangedAndRemovedFromTheCustomerPage() async throws {
        try await withDemoApp { app in
            let (cookie, csrf) = try await pageLogin(app, "rep1")
            let headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)]
            let rep1 = try await app.login("rep1")
            let id =
                ((object(try await app.send(.GET, "/api/v1/customers", token: rep1))["items"] as! [[String: Any]])[0][
                    "id"] as! Int)
            let contact =
                (object(try await app.send(.GET, "/api/v1/customers/\(id)/contacts", token: rep1))["items"]
                as! [[String: Any]])[0]
            let cid = contact["id"] as! Int, v = contact["version"] as! Int
            let page = try await app.send(.GET, "/customers/\(id)", headers: [("Cookie", cookie)]).body.string
            XCTAssertTrue(
                page.contains("action=\"/customers/\(id)/contacts/\(cid)\""), "each contact has its edit form")
            XCTAssertTrue(page.contains("action=\"/customers/\(id)/contacts/\(cid)/remove\""), "and its remove button")
            let bad = try await app.send(
                .POST, "/customers/\(id)/contacts/\(cid)", body: Array("_csrf=\(csrf)&version=\(v)&name=&email=x".utf8),
                headers: headers)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(
                bad.body.string.contains("<details open><summary class=\"linkbtn\">"),
                "the failed edit form is open again")
            let ok = try await app.send(
                .POST, "/customers/\(id)/contacts/\(cid)",
                body: Array("_csrf=\(csrf)&version=\(v)&title=\(percent("采购经理（页面测试）"))".utf8), headers: headers)
            XCTAssertEqual(ok.status, .seeOther, ok.body.string)
            let stale = try await app.send(
                .POST, "/customers/\(id)/contacts/\(cid)", body: Array("_csrf=\(csrf)&version=\(v)&title=x".utf8),
                headers: headers)
            XCTAssertEqual(stale.status, .conflict)
            XCTAssertTrue(stale.body.string.contains("class=\"alert"), "a stale edit says why")
            let gone = try await app.send(
                .POST, "/customers/\(id)/contacts/\(cid)/remove", body: Array("_csrf=\(csrf)&version=\(v + 1)".utf8),
                headers: headers)
            XCTAssertEqual(gone.status, .seeOther, gone.body.string)
            let after = try await app.send(.GET, "/customers/\(id)", headers: [("Cookie", cookie)]).body.string
            XCTAssertFalse(after.contains("id=\"contact-\(cid)\""))
        }
    }

    func testFormWithoutCSRFIsRefused() async throws {
        try await withDemoApp { app in
            let (cookie, _) = try await pageLogin(app, "rep1")
            let res = try await app.send(
                .POST, "/customers", body: Array("name=%E6%97%A0%E4%BB%A4%E7%89%8C".utf8),
                headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)])
            XCTAssertEqual(res.status, .forbidden)
            let rep1 = try await app.login("rep1")
            let none = object(try await app.send(.GET, "/api/v1/customers?q=%E6%97%A0", token: rep1))
            XCTAssertEqual(none["total"] as? Int, 0)
        }
    }

    func testRepCreatesCustomerThroughTheFormAndSeesInlineErrors() async throws {
        try await withDemoApp { app in
            let (cookie, csrf) = try await pageLogin(app, "rep1")
            let headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)]
            let bad = try await app.send(
                .POST, "/customers", body: Array("_csrf=\(csrf)&name=&tier=A&credit_code=123".utf8), headers: headers)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("统一社会信用代码应为 18 位"))
            XCTAssertTrue(bad.body.string.contains("class=\"err\""))
            let name = "苏州测试页面有限公司"
            let ok = try await app.send(
                .POST, "/customers", body: Array("_csrf=\(csrf)&name=\(percent(name))&tier=B&status=prospect".utf8),
                headers: headers)
            XCTAssertEqual(ok.status, .seeOther)
            let list = try await app.send(.GET, "/customers?q=\(percent("苏州测试"))", headers: [("Cookie", cookie)])
            XCTAssertTrue(list.body.string.contains(name))
            let detail = try await app.send(.GET, ok.headers.first(name: .location)!, headers: [("Cookie", cookie)])
            XCTAssertTrue(detail.body.string.contains(name))
            XCTAssertTrue(detail.body.string.contains("记录沟通"))
            let (cookie2, _) = try await pageLogin(app, "rep2")
            let other = try await app.send(.GET, "/customers?q=\(percent("苏州测试"))", headers: [("Cookie", cookie2)])
            XCTAssertFalse(other.body.string.contains(name))
            expect(
                try await app.send(.GET, ok.headers.first(name: .location)!, headers: [("Cookie", cookie2)]), .notFound)
        }
    }

    func testNavigationFollowsRoles() async throws {
        try await withDemoApp { app in
            let (repCookie, _) = try await pageLogin(app, "rep1")
            let repHome = try await app.send(.GET, "/", headers: [("Cookie", repCookie)]).body.string
            XCTAssertTrue(repHome.contains("href=\"/customers\""))
            XCTAssertFalse(repHome.contains("href=\"/admin/users\""))
            XCTAssertFalse(repHome.contains("href=\"/audit\""))
            let (adminCookie, _) = try await pageLogin(app, "admin")
            let adminHome = try await app.send(.GET, "/", headers: [("Cookie", adminCookie)]).body.string
            XCTAssertTrue(adminHome.contains("href=\"/admin/users\""))
            XCTAssertFalse(adminHome.contains("href=\"/customers\""))
            for path in ["/admin/users", "/admin/regions", "/admin/limits", "/audit"] {
                expect(try await app.send(.GET, path, headers: [("Cookie", repCookie)]), .forbidden, path)
            }
            for path in [
                "/admin/users", "/admin/users/new", "/admin/regions", "/admin/limits", "/audit", "/audit?action=login",
            ] {
                expect(try await app.send(.GET, path, headers: [("Cookie", adminCookie)]), .ok, path)
            }
            for path in [
                "/customers", "/customers/new", "/customers/import", "/customers/1", "/customers/1/edit",
                "/search?q=%E4%B8%8A%E6%B5%B7",
            ] {
                expect(try await app.send(.GET, path, headers: [("Cookie", repCookie)]), .ok, path)
            }
        }
    }

    func testOperationsEndpoints() async throws {
        try await withDemoApp { app in
            let h = try await app.send(.GET, "/healthz")
            XCTAssertEqual(object(h)["database"] as? String, "ok")
            _ = try await app.send(.GET, "/login")
            let m = try await app.send(.GET, "/metrics")
            XCTAssertTrue(m.body.string.contains("frontline_http_requests_total"))
            let css = try await app.send(.GET, "/static/app.css")
            XCTAssertEqual(css.headers.contentType?.type, "text")
            XCTAssertNotNil(h.headers.first(name: "X-Request-Id"))
        }
    }
}

func percent(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

func expect(
    _ res: XCTHTTPResponse, _ status: HTTPStatus, _ message: String = "", file: StaticString = #filePath,
    line: UInt = #line
) {
    XCTAssertEqual(res.status, status, message + " " + res.body.string, file: file, line: line)
}

/// Signing in through the login page, for page tests.
extension XCTestCase {
    func pageLogin(_ app: Application, _ user: String) async throws -> (cookie: String, csrf: String) {
        let form = try await app.send(.GET, "/login")
        XCTAssertEqual(form.status, .ok)
        let pre = form.headers.setCookie?[Auth.preCookie]?.string ?? ""
        let token = csrf(in: form.body.string)
        let body = "_csrf=\(token)&username=\(user)&password=frontline2026"
        let res = try await app.send(
            .POST, "/login", body: Array(body.utf8),
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", "\(Auth.preCookie)=\(pre)")])
        XCTAssertEqual(res.status, .seeOther)
        let session = res.headers.setCookie![Auth.sessionCookie]!
        XCTAssertTrue(session.isHTTPOnly)
        XCTAssertEqual(session.sameSite, .lax)
        let cookie = "\(Auth.sessionCookie)=\(session.string)"
        let home = try await app.send(.GET, "/", headers: [("Cookie", cookie)])
        return (cookie, csrf(in: home.body.string))
    }

    func csrf(in html: String) -> String {
        guard let r = html.range(of: "name=\"_csrf\" value=\"") else { return "" }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }
}
