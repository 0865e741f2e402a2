import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// Action plans (行动计划, issue 12) on SQLite and PostgreSQL: a rep plans his week or month on his own customers, the
/// market manager approves, returns and comments, the communications he logs count against the items, the manager
/// sees every rep's completion for a period, and at the period's end the rep's summary report is reviewed.
final class ActionPlanTests: XCTestCase {
    func plan(_ res: XCTHTTPResponse) -> [String: Any] { object(res)["plan"] as? [String: Any] ?? [:] }

    func testARepPlansTheManagerChecksAndTheLogCountsAgainstTheItems() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                manager = try await app.login("manager"), cs1 = try await app.login("cs1")
            let rep1User = try await store.users().first { $0.username == "rep1" }!
            let mine = try await store.customers(
                CustomerFilter(ownerId: rep1User.id), ListQuery(limit: 3, sortField: "id"), for: rep1User.actor
            ).items.map(\.customer)
            let rep2User = try await store.users().first { $0.username == "rep2" }!
            let theirs = try await store.customers(
                CustomerFilter(ownerId: rep2User.id), ListQuery(limit: 1, sortField: "id"), for: rep2User.actor
            ).items[0].customer
            let week = PlanPeriod.current(.week, today: DateText.today())
            // A new rep with three customers and nothing logged yet plans this week.
            let rep9User = try await store.createUser(
                UserInput(username: "rep9", displayName: "周明", password: "frontline2026", roles: ["sales_rep"]))
            let managerActor = try await store.users().first { $0.username == "manager" }!.actor
            var his: [Customer] = []
            for name in ["计划测试甲公司", "计划测试乙公司", "计划测试丙公司"] {
                his.append(
                    try await store.createCustomer(
                        CustomerInput(name: name, tier: "B", ownerId: String(rep9User.id)), by: managerActor))
            }
            let rep9 = try await app.login("rep9")
            let made9 = try await app.send(
                .POST, "/api/v1/action-plans", token: rep9,
                json:
                    #"{"items":[{"customer_id":\#(his[0].id),"kind":"visit","goal":"演示"},{"customer_id":\#(his[1].id),"kind":"call","times":2,"goal":"续签"},{"customer_id":"\#(his[2].id)","kind":"meeting","times":"1","goal":"二期"},{"goal":"竞品报价"}]}"#
            )
            expect(made9, .created)
            let id = plan(made9)["id"] as! Int
            XCTAssertEqual(plan(made9)["starts_on"] as? String, week, "this week's when none is named")
            let log = { (c: Customer, kind: String, token: String, extra: String) in
                expect(
                    try await app.send(
                        .POST, "/api/v1/customers/\(c.id)/communications", token: token,
                        json: #"{"kind":"\#(kind)","summary":"计划测试"\#(extra)}"#), .created)
            }
            try await log(his[0], "visit", rep9, "")
            try await log(his[1], "call", rep9, "")
            var p = plan(try await app.send(.GET, "/api/v1/action-plans/\(id)", token: rep9))
            // The goal of its own ("竞品报价") counts once: planned 1 + 2 + 1 + 1.
            XCTAssertEqual(p["planned"] as? Int, 5)
            XCTAssertEqual(p["completed"] as? Int, 2)
            XCTAssertEqual(p["rate"] as? Int, 40)
            XCTAssertEqual((p["items"] as! [[String: Any]]).map { $0["done"] as? Int }, [1, 1, 0, 0])
            XCTAssertEqual((p["items"] as! [[String: Any]]).map { $0["met"] as? Bool }, [nil, nil, nil, false])
            // Another call counts; a visit to the second customer, the manager's call and one last week do not.
            try await log(his[1], "call", rep9, "")
            try await log(his[1], "visit", rep9, "")
            try await log(his[2], "meeting", manager, "")
            try await log(
                his[2], "meeting", rep9,
                #","occurred_at":"\#(DateText.minute(PlanPeriod.window(week, week).lowerBound - 60))""#)
            p = plan(try await app.send(.GET, "/api/v1/action-plans/\(id)", token: rep9))
            XCTAssertEqual(p["completed"] as? Int, 3)
            XCTAssertEqual(p["rate"] as? Int, 60)
            // His home page: this week's plan and how far it got.
            let (rep9Cookie, _) = try await self.pageLogin(app, "rep9")
            let home = try await app.send(.GET, "/", headers: [("Cookie", rep9Cookie)]).body.string
            XCTAssertTrue(home.contains("id=\"home-plan\" href=\"/action-plans/\(id)\"><b>60%</b>"), home)
            // The manager's page: every active rep, with or without a plan.
            let completion = object(
                try await app.send(
                    .GET, "/api/v1/action-plans/completion?period=week&starts_on=\(week)", token: manager))
            let lines = completion["items"] as! [[String: Any]]
            XCTAssertEqual(lines.first { $0["rep_id"] as? Int == Int(rep9User.id) }?["rate"] as? Int, 60)
            XCTAssertTrue(lines.contains { $0["rep_id"] as? Int == Int(rep2User.id) && $0["plan_id"] != nil })
            XCTAssertEqual(completion["ends_on"] as? String, DateText.day((DateText.parseDay(week)! + 6) * 86_400))
            expect(try await app.send(.GET, "/api/v1/action-plans/completion", token: rep1), .forbidden)
            expect(
                try await app.send(
                    .GET, "/api/v1/action-plans/completion?period=week&starts_on=2026-12-01", token: manager),
                .badRequest, "not a Monday")
            expect(try await app.send(.GET, "/api/v1/action-plans", token: cs1), .forbidden)
            expect(try await app.send(.GET, "/api/v1/action-plans/\(id)", token: rep2), .notFound)
            let listed =
                object(try await app.send(.GET, "/api/v1/action-plans?period=week&starts_on=\(week)", token: rep1))[
                    "items"] as! [[String: Any]]
            XCTAssertEqual(listed.count, 1, "a rep lists only his own")
            // One plan per rep and period; his own customers only; the manager does not plan for him.
            let dup = try await app.send(
                .POST, "/api/v1/action-plans", token: rep1, json: #"{"period":"week","items":[{"goal":"x"}]}"#)
            expect(dup, .conflict)
            XCTAssertTrue(dup.body.string.contains(listed[0]["number"] as! String))
            let far = PlanPeriod.shifted(.month, start: PlanPeriod.current(.month, today: DateText.today()), by: 3)
            let foreign = try await app.send(
                .POST, "/api/v1/action-plans", token: rep1,
                json:
                    #"{"period":"month","starts_on":"\#(far)","items":[{"customer_id":\#(theirs.id),"kind":"visit","goal":"x"}]}"#
            )
            expect(foreign, .unprocessableEntity)
            XCTAssertTrue(foreign.body.string.contains("items[0].customer_id"))
            expect(
                try await app.send(
                    .POST, "/api/v1/action-plans", token: manager, json: #"{"period":"week","items":[{"goal":"x"}]}"#),
                .forbidden)
            expect(
                try await app.send(
                    .POST, "/api/v1/action-plans", token: rep1,
                    json: #"{"period":"month","starts_on":"\#(far)","items":[{"goal":"x","color":"red"}]}"#),
                .badRequest)
            let made = try await app.send(
                .POST, "/api/v1/action-plans", token: rep1,
                json:
                    #"{"period":"month","starts_on":"\#(far)","items":[{"customer_id":\#(mine[0].id),"kind":"visit","times":3,"goal":"季度回访","expected":"续签"}]}"#
            )
            expect(made, .created)
            let newId = plan(made)["id"] as! Int
            XCTAssertEqual(plan(made)["ends_on"] as? String, try PlanPeriod.bounds(.month, start: far).end)
            // Submitted, its items no longer change; returned, they do; the manager's comment needs words.
            expect(
                try await app.send(.POST, "/api/v1/action-plans/\(newId)/submit", token: rep1, json: #"{"version":1}"#),
                .ok)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/action-plans/\(newId)", token: rep1, json: #"{"items":[],"version":2}"#), .conflict
            )
            expect(try await app.send(.POST, "/api/v1/action-plans/\(newId)/approve", token: rep1), .forbidden)
            expect(
                try await app.send(.POST, "/api/v1/action-plans/\(newId)/comment", token: manager), .unprocessableEntity
            )
            expect(
                try await app.send(
                    .POST, "/api/v1/action-plans/\(newId)/comment", token: manager,
                    json: #"{"comment":"回访之外请安排一次高层拜访"}"#), .ok)
            expect(
                try await app.send(
                    .POST, "/api/v1/action-plans/\(newId)/return", token: manager, json: #"{"comment":"补充高层拜访"}"#), .ok)
            let changed = try await app.send(
                .PATCH, "/api/v1/action-plans/\(newId)", token: rep1,
                json:
                    #"{"items":[{"customer_id":\#(mine[0].id),"kind":"visit","times":3,"goal":"季度回访"},{"customer_id":\#(mine[0].id),"kind":"meeting","goal":"高层拜访"}],"version":4}"#
            )
            expect(changed, .ok)
            XCTAssertEqual((plan(changed)["items"] as! [[String: Any]]).count, 2)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/action-plans/\(newId)", token: rep1, json: #"{"items":[],"version":4}"#),
                .conflict, "stale")
            expect(
                try await app.send(
                    .PATCH, "/api/v1/action-plans/\(newId)", token: rep1, json: #"{"results":"早了","version":5}"#),
                .conflict, "the report waits for approval")
            let history =
                object(try await app.send(.GET, "/api/v1/action-plans/\(newId)/history", token: manager))["items"]
                as! [[String: Any]]
            XCTAssertEqual(history.map { $0["action"] as? String }, ["create", "submit", "comment", "return"])
            // The export carries the completion.
            let csv = try await app.send(
                .GET, "/api/v1/action-plans/export?format=csv&owner_id=\(rep9User.id)", token: manager)
            expect(csv, .ok)
            XCTAssertTrue(csv.body.string.contains("60%"))
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testTheSummaryReportIsWrittenAtThePeriodsEndAndReviewed() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), manager = try await app.login("manager")
            let lastWeek = PlanPeriod.shifted(.week, start: PlanPeriod.current(.week, today: DateText.today()), by: -1)
            let id =
                (object(
                    try await app.send(.GET, "/api/v1/action-plans?starts_on=\(lastWeek)&period=week", token: rep1))[
                    "items"] as! [[String: Any]])[0]["id"] as! Int
            var p = plan(try await app.send(.GET, "/api/v1/action-plans/\(id)", token: rep1))
            XCTAssertEqual(p["state"] as? String, "approved")
            let v = p["version"] as! Int
            expect(
                try await app.send(
                    .PATCH, "/api/v1/action-plans/\(id)", token: manager, json: #"{"results":"x","version":\#(v)}"#),
                .forbidden)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/action-plans/\(id)", token: rep1,
                    json: #"{"results":"","lost_deals":"一个商机输给本地厂商","version":\#(v)}"#), .ok)
            expect(
                try await app.send(.POST, "/api/v1/action-plans/\(id)/report", token: rep1), .conflict, "results first")
            p = plan(
                try await app.send(
                    .PATCH, "/api/v1/action-plans/\(id)", token: rep1,
                    json: #"{"results":"完成两次拜访","version":\#(v + 1)}"#))
            XCTAssertEqual(p["lost_deals"] as? String, "一个商机输给本地厂商")
            // Only a goal of the plan's own is reported met; a measured item is counted from the log.
            if let measured = (p["items"] as! [[String: Any]]).firstIndex(where: { $0["customer_id"] != nil }) {
                let refused = try await app.send(
                    .PATCH, "/api/v1/action-plans/\(id)", token: rep1,
                    json: #"{"goals_met":[\#(measured + 1)],"version":\#(v + 2)}"#)
                expect(refused, .unprocessableEntity)
                XCTAssertTrue(refused.body.string.contains("goals_met"))
            }
            expect(try await app.send(.POST, "/api/v1/action-plans/\(id)/report", token: rep1), .ok)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/action-plans/\(id)", token: rep1, json: #"{"results":"改","version":\#(v + 3)}"#),
                .conflict, "submitted")
            expect(try await app.send(.POST, "/api/v1/action-plans/\(id)/review", token: manager), .unprocessableEntity)
            expect(
                try await app.send(
                    .POST, "/api/v1/action-plans/\(id)/review", token: manager, json: #"{"comment":"分析到位"}"#), .ok)
            // A plan for a period still running cannot be reported on.
            let week = PlanPeriod.current(.week, today: DateText.today())
            let now =
                (object(try await app.send(.GET, "/api/v1/action-plans?starts_on=\(week)&period=week", token: rep1))[
                    "items"] as! [[String: Any]])[0]["id"] as! Int
            expect(try await app.send(.POST, "/api/v1/action-plans/\(now)/approve", token: manager), .ok)
            let early = try await app.send(.POST, "/api/v1/action-plans/\(now)/report", token: rep1)
            if DateText.today()
                < (plan(try await app.send(.GET, "/api/v1/action-plans/\(now)", token: rep1))["ends_on"] as! String)
            {
                expect(early, .conflict)
            }
            // The pages: the list, the plan with its report, the manager's completion page; a rep is refused that one.
            let (mc, _) = try await self.pageLogin(app, "manager")
            let page = try await app.send(.GET, "/action-plans/\(id)", headers: [("Cookie", mc)])
            expect(page, .ok)
            XCTAssertTrue(page.body.string.contains("完成两次拜访") && page.body.string.contains("分析到位"))
            let completion = try await app.send(.GET, "/action-plans/completion", headers: [("Cookie", mc)])
            expect(completion, .ok)
            XCTAssertTrue(
                completion.body.string.contains("陈伟") && completion.body.string.contains("id=\"plan-completion\""))
            expect(try await app.send(.GET, "/action-plans?q=\(percent("陈伟"))", headers: [("Cookie", mc)]), .ok)
            let (rc, _) = try await self.pageLogin(app, "rep1")
            expect(try await app.send(.GET, "/action-plans/completion", headers: [("Cookie", rc)]), .forbidden)
        }
    }

    func testThePlanFormKeepsWhatWasTypedAndNamesTheRow() async throws {
        try await withDemoApp { app in
            let (cookie, _) = try await self.pageLogin(app, "rep1")
            let form = try await app.send(.GET, "/action-plans/new?period=month", headers: [("Cookie", cookie)])
            expect(form, .ok)
            let token = csrf(in: form.body.string)
            let far = PlanPeriod.shifted(.month, start: PlanPeriod.current(.month, today: DateText.today()), by: 5)
            func post(_ fields: [(String, String)]) async throws -> XCTHTTPResponse {
                let body = ([("_csrf", token)] + fields).map { "\($0.0)=\(percent($0.1))" }.joined(separator: "&")
                return try await app.send(
                    .POST, "/action-plans", body: Array(body.utf8),
                    headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)])
            }
            // The second row left blank, the third has a kind and no customer: the error names the second row shown.
            let bad = try await post([
                ("period", "month"), ("starts_on", far), ("item_goal.0", "整理竞品资料"), ("item_kind.2", "visit"),
                ("item_goal.2", "拜访重点客户"),
            ])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("整理竞品资料") && bad.body.string.contains("拜访重点客户"))
            XCTAssertTrue(bad.body.string.contains(Catalog.text("plan.customer_needed", [:], .zhCN)))
            XCTAssertTrue(bad.body.string.contains("name=\"item_goal.1\" value=\"拜访重点客户\""), "renumbered")
            let ok = try await post([
                ("period", "month"), ("starts_on", far), ("item_goal.0", "整理竞品资料"), ("item_goal.3", "写月度总结"),
            ])
            XCTAssertEqual(ok.status, .seeOther)
            let page = try await app.send(.GET, ok.headers.first(name: .location)!, headers: [("Cookie", cookie)])
            XCTAssertTrue(page.body.string.contains("写月度总结") && page.body.string.contains("id=\"plan-edit\""))
        }
    }
}
