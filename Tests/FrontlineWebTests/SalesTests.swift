import Foundation
import FrontlineCore
import FrontlineStore
import XCTVapor
import XCTest

@testable import FrontlineWeb

/// Price book, quotations and approvals through the API, as the roles of SPEC §1 use them.
final class SalesTests: XCTestCase {
    func post(_ app: Application, _ path: String, _ token: String, _ json: String = "{}") async throws
        -> XCTHTTPResponse
    {
        try await app.send(.POST, path, token: token, json: json)
    }

    func product(_ app: Application, _ token: String, _ code: String) async throws -> [String: Any] {
        let list = object(try await app.send(.GET, "/api/v1/products?q=\(code)", token: token))
        return (list["items"] as! [[String: Any]]).first { $0["code"] as? String == code }!
    }

    func firstCustomer(_ app: Application, _ token: String) async throws -> Int {
        let list = object(try await app.send(.GET, "/api/v1/customers?limit=1&sort=id", token: token))
        return (list["items"] as! [[String: Any]])[0]["id"] as! Int
    }

    func testPriceBookKeepsFloorAndCostFromThoseWhoMayNotSeeThemAndKeepsEveryChange() async throws {
        try await withDemoApp { app in
            let rep = try await app.login("rep1"), assistant = try await app.login("assistant"),
                gm = try await app.login("gm")
            let seen = try await self.product(app, rep, "FL-GW-100")
            XCTAssertNil(seen["floor_price"])
            XCTAssertNil(seen["cost"])
            XCTAssertEqual(seen["list_price"] as? String, "8800.00")
            let full = try await self.product(app, assistant, "FL-GW-100")
            XCTAssertEqual(full["floor_price"] as? String, "7400.00")
            // Only the assistant and the manager change prices; a change needs a reason and is kept.
            let id = full["id"] as! Int, v = full["version"] as! Int
            expect(
                try await app.send(
                    .PATCH, "/api/v1/products/\(id)", token: gm,
                    json: #"{"list_price":"9000","reason":"x","version":\#(v)}"#), .forbidden)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/products/\(id)", token: rep,
                    json: #"{"list_price":"9000","reason":"x","version":\#(v)}"#), .forbidden)
            let noReason = try await app.send(
                .PATCH, "/api/v1/products/\(id)", token: assistant, json: #"{"list_price":"9000","version":\#(v)}"#)
            expect(noReason, .unprocessableEntity)
            XCTAssertTrue(noReason.body.string.contains("reason"))
            expect(
                try await app.send(
                    .PATCH, "/api/v1/products/\(id)", token: assistant,
                    json: #"{"list_price":"9,000","reason":"季度调价","version":\#(v)}"#),
                .ok)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/products/\(id)", token: assistant,
                    json: #"{"list_price":"9100","reason":"再调","version":\#(v)}"#),
                .conflict)
            let history = object(try await app.send(.GET, "/api/v1/products/\(id)/price-changes", token: assistant))
            XCTAssertEqual(history["total"] as? Int, 2)
            let latest = (history["items"] as! [[String: Any]])[0]
            XCTAssertEqual(latest["list_after"] as? String, "9000.00")
            XCTAssertEqual(latest["reason"] as? String, "季度调价")
            XCTAssertEqual(latest["changed_by_name"] as? String, "张丽")
            let repHistory = object(try await app.send(.GET, "/api/v1/products/\(id)/price-changes", token: rep))
            let repLatest = (repHistory["items"] as! [[String: Any]])[0]
            XCTAssertNil(repLatest["reason"])
            XCTAssertNil(repLatest["cost_after"])
            // Duplicate codes and bad prices are refused and change nothing.
            expect(
                try await self.post(
                    app, "/api/v1/products", assistant, #"{"code":"fl-gw-100","name":"重复","list_price":"1"}"#),
                .conflict)
            expect(
                try await self.post(
                    app, "/api/v1/products", assistant,
                    #"{"code":"NEW-1","name":"新","list_price":"100","floor_price":"200"}"#), .unprocessableEntity)
        }
    }

    func testQuotationWithinTheStandardGoesOutAndBeyondItWaitsForTheRoutedApprover() async throws {
        try await withDemoApp { app in
            let rep = try await app.login("rep1"), manager = try await app.login("manager"),
                gm = try await app.login("gm")
            let customer = try await self.firstCustomer(app, rep)
            let impl = try await self.product(app, rep, "SVC-IMPL")["id"] as! Int
            let std = try await self.product(app, rep, "FL-CRM-STD")["id"] as! Int
            // Within the standard discount: straight out, exact totals.
            let made = try await self.post(
                app, "/api/v1/quotations", rep,
                #"{"customer_id":\#(customer),"title":"测试项目","lines":[{"product_id":\#(impl),"quantity":"2.5","discount":"5"}]}"#
            )
            expect(made, .created)
            var q = object(made)
            XCTAssertEqual(q["state"] as? String, "draft")
            XCTAssertEqual(q["net_total"] as? String, "7125.00")  // 3,000 × 0.95 × 2.5
            XCTAssertEqual(q["tax_total"] as? String, "427.50")  // 6 %
            XCTAssertEqual(q["gross_total"] as? String, "7552.50")
            XCTAssertNil(q["profit"])
            XCTAssertEqual(q["actions"] as? [String], ["send", "cancel"])
            let id = q["id"] as! Int
            expect(try await self.post(app, "/api/v1/quotations/\(id)/submit", rep), .conflict)
            q = object(try await self.post(app, "/api/v1/quotations/\(id)/send", rep))
            XCTAssertEqual(q["state"] as? String, "sent")
            // A sent quotation is not edited; it is revised into a new revision.
            expect(
                try await app.send(
                    .PATCH, "/api/v1/quotations/\(id)", token: rep,
                    json: #"{"title":"改","version":\#(q["version"] as! Int)}"#), .conflict)
            let revised = try await self.post(app, "/api/v1/quotations/\(id)/revise", rep)
            expect(revised, .created)
            XCTAssertEqual(object(revised)["revision"] as? Int, 2)
            XCTAssertEqual(object(revised)["number"] as? String, q["number"] as? String)
            let old = object(try await app.send(.GET, "/api/v1/quotations/\(id)", token: rep))
            XCTAssertEqual(old["state"] as? String, "superseded")

            // Beyond the standard: the limits route it to the market manager (discount 38,400 ≤ 50,000).
            let over = object(
                try await self.post(
                    app, "/api/v1/quotations", rep,
                    #"{"customer_id":\#(customer),"title":"大单","lines":[{"product_id":\#(std),"quantity":2,"discount":15}]}"#
                ))
            let oid = over["id"] as! Int
            XCTAssertEqual(over["needs_approval"] as? Bool, true)
            expect(try await self.post(app, "/api/v1/quotations/\(oid)/send", rep), .conflict)
            // A request without a reason is refused; the rep is told approval is needed, not why nor the limit.
            expect(try await self.post(app, "/api/v1/quotations/\(oid)/submit", rep), .unprocessableEntity)
            let submitted = object(
                try await self.post(app, "/api/v1/quotations/\(oid)/submit", rep, #"{"comment":"竞争激烈"}"#))
            XCTAssertEqual(submitted["state"] as? String, "pending_approval")
            let aid = submitted["approval_id"] as! Int
            let approval = object(try await app.send(.GET, "/api/v1/approvals/\(aid)", token: manager))
            XCTAssertEqual(approval["approver_role"] as? String, "market_manager")
            XCTAssertEqual(approval["amount"] as? String, "38400.00")
            XCTAssertEqual(approval["limit_in_force"] as? String, "50000.00")
            XCTAssertEqual(approval["basis"] as? String, "FL-CRM-STD 折扣 15% 超过标准折扣 10%")
            let asRep = object(try await app.send(.GET, "/api/v1/approvals/\(aid)", token: rep))
            XCTAssertNil(asRep["limit_in_force"])
            XCTAssertNil(asRep["basis"])
            XCTAssertEqual(asRep["reason"] as? String, "竞争激烈")
            let inbox = object(try await app.send(.GET, "/api/v1/approvals?box=inbox", token: manager))
            XCTAssertTrue((inbox["items"] as! [[String: Any]]).contains { $0["id"] as? Int == aid })
            // The rep cannot decide; a rejection needs a reason; the manager approves.
            expect(try await self.post(app, "/api/v1/approvals/\(aid)/approve", rep), .forbidden)
            expect(try await self.post(app, "/api/v1/approvals/\(aid)/reject", manager), .unprocessableEntity)
            let decided = object(
                try await self.post(app, "/api/v1/approvals/\(aid)/approve", manager, #"{"comment":"同意"}"#))
            XCTAssertEqual(decided["state"] as? String, "approved")
            XCTAssertEqual(decided["decision_comment"] as? String, "同意")
            expect(try await self.post(app, "/api/v1/approvals/\(aid)/reject", gm, #"{"comment":"晚了"}"#), .conflict)
            let approved = object(try await app.send(.GET, "/api/v1/quotations/\(oid)", token: rep))
            XCTAssertEqual(approved["state"] as? String, "approved")
            expect(try await self.post(app, "/api/v1/quotations/\(oid)/send", rep), .ok)
            let history = object(try await app.send(.GET, "/api/v1/quotations/\(oid)/history", token: rep))
            XCTAssertEqual(
                (history["items"] as! [[String: Any]]).map { $0["action"] as! String },
                ["create", "submit", "approve", "send"])

            // Above the manager's limit the GM decides; the manager is refused with the reason.
            let big = object(
                try await self.post(
                    app, "/api/v1/quotations", rep,
                    #"{"customer_id":\#(customer),"title":"特大单","lines":[{"product_id":\#(std),"quantity":5,"discount":"20"}]}"#
                ))
            let bigSubmitted = object(
                try await self.post(app, "/api/v1/quotations/\(big["id"] as! Int)/submit", rep, #"{"comment":"战略客户"}"#))
            let bigApproval = bigSubmitted["approval_id"] as! Int
            let routed = object(try await app.send(.GET, "/api/v1/approvals/\(bigApproval)", token: gm))
            XCTAssertEqual(routed["approver_role"] as? String, "gm")
            let refused = try await self.post(app, "/api/v1/approvals/\(bigApproval)/approve", manager)
            expect(refused, .forbidden)
            // The GM's inbox holds what is routed to him, not the manager's; the manager's is the reverse.
            let gmInbox =
                object(try await app.send(.GET, "/api/v1/approvals?box=inbox", token: gm))["items"] as! [[String: Any]]
            XCTAssertTrue(
                gmInbox.allSatisfy { $0["approver_role"] as? String == "gm" }
                    && gmInbox.contains { $0["id"] as? Int == bigApproval })
            let managerInbox =
                object(try await app.send(.GET, "/api/v1/approvals?box=inbox", token: manager))["items"]
                as! [[String: Any]]
            XCTAssertFalse(managerInbox.contains { $0["id"] as? Int == bigApproval })
            // The manager may not withdraw the rep's request; only the rep may.
            expect(try await self.post(app, "/api/v1/approvals/\(bigApproval)/withdraw", manager), .forbidden)
            let bigQ = object(try await app.send(.GET, "/api/v1/quotations/\(big["id"] as! Int)", token: manager))
            XCTAssertFalse((bigQ["actions"] as? [String] ?? []).contains("withdraw"), "\(bigQ["actions"] ?? "")")
            XCTAssertTrue(refused.body.string.contains("总经理"))
            expect(
                try await self.post(app, "/api/v1/quotations/\(big["id"] as! Int)/reject", gm, #"{"comment":"折扣过大"}"#),
                .ok)
            let back = object(try await app.send(.GET, "/api/v1/quotations/\(big["id"] as! Int)", token: rep))
            XCTAssertEqual(back["state"] as? String, "draft")

            // The ledger counts what each approver decided this year against the limit.
            let ledger = object(try await app.send(.GET, "/api/v1/approvals/ledger", token: gm))
            let lines = ledger["items"] as! [[String: Any]]
            let li = lines.first { $0["approver_name"] as? String == "李明" && $0["kind"] as? String == "discount" }!
            XCTAssertGreaterThanOrEqual(li["approved_count"] as! Int, 2)
            XCTAssertEqual(li["limit"] as? String, "50000.00")
            // What the manager decided is in his 已处理 box.
            let done =
                object(try await app.send(.GET, "/api/v1/approvals?box=done", token: manager))["items"]
                as! [[String: Any]]
            XCTAssertTrue(
                done.contains { $0["id"] as? Int == aid } && done.allSatisfy { $0["decider_name"] as? String == "李明" })
            expect(try await app.send(.GET, "/api/v1/approvals/ledger", token: rep), .forbidden)
        }
    }

    func testAnotherRepsQuotationsAreInvisibleAndCustomerServiceSeesNone() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"), cs = try await app.login("cs1")
            let mine = object(try await app.send(.GET, "/api/v1/quotations?limit=200", token: rep2))
            let ids = (mine["items"] as! [[String: Any]]).map { $0["id"] as! Int }
            XCTAssertFalse(ids.isEmpty)
            for id in ids {
                expect(try await app.send(.GET, "/api/v1/quotations/\(id)", token: rep1), .notFound)
                expect(try await self.post(app, "/api/v1/quotations/\(id)/cancel", rep1), .notFound)
            }
            let rep1List = object(try await app.send(.GET, "/api/v1/quotations?limit=200", token: rep1))
            XCTAssertTrue((rep1List["items"] as! [[String: Any]]).allSatisfy { !ids.contains($0["id"] as! Int) })
            expect(try await app.send(.GET, "/api/v1/quotations", token: cs), .forbidden)
        }
    }

    func testDemoDataCoversEveryQuotationAndApprovalState() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager")
            let all = object(try await app.send(.GET, "/api/v1/quotations?limit=200", token: manager))
            let states = Set((all["items"] as! [[String: Any]]).map { $0["state"] as! String })
            XCTAssertEqual(states, Set(Quotation.State.allCases.map(\.rawValue)))
            let approvals = object(try await app.send(.GET, "/api/v1/approvals?box=all&limit=200", token: manager))
            let astates = Set((approvals["items"] as! [[String: Any]]).map { $0["state"] as! String })
            XCTAssertTrue(astates.isSuperset(of: ["pending", "approved", "rejected"]))
        }
    }

    func testPagesRenderInBothLanguagesAndThePrintSheetSpellsTheTotal() async throws {
        try await withDemoApp { app in
            let (cookie, _) = try await self.pageLogin(app, "assistant")
            for path in [
                "/products", "/price-changes", "/quotations", "/quotations/new", "/approvals", "/products/1",
                "/products/1/edit",
            ] {
                let res = try await app.send(.GET, path, headers: [("Cookie", cookie)])
                expect(res, .ok, path)
            }
            let list = try await app.send(.GET, "/quotations", headers: [("Cookie", cookie)])
            XCTAssertTrue(list.body.string.contains("Q20"))
            let page = try await app.send(.GET, "/quotations/2", headers: [("Cookie", cookie)])
            expect(page, .ok)
            XCTAssertTrue(page.body.string.contains("id=\"history\""))
            let print = try await app.send(.GET, "/quotations/2/print", headers: [("Cookie", cookie)])
            expect(print, .ok)
            XCTAssertTrue(print.body.string.contains("报 价 单"))
            XCTAssertTrue(print.body.string.contains("元"))
            let en = try await app.send(
                .GET, "/quotations/2", headers: [("Cookie", cookie), ("Accept-Language", "en")])
            expect(en, .ok)
        }
    }
}
