import Foundation
import FrontlineCore
import FrontlineStore
import XCTVapor
import XCTest

@testable import FrontlineWeb

/// Contract review as SPEC §3.2 describes it, through the API, with the people the design names.
final class ContractTests: XCTestCase {
    func post(_ app: Application, _ path: String, _ token: String, _ json: String = "{}") async throws
        -> XCTHTTPResponse
    {
        try await app.send(.POST, path, token: token, json: json)
    }

    func userId(_ app: Application, _ token: String, _ username: String) async throws -> Int {
        let list = object(try await app.send(.GET, "/api/v1/users", token: token))
        return (list["items"] as! [[String: Any]]).first { $0["username"] as? String == username }!["id"] as! Int
    }

    func testAContractGoesFromDraftThroughReviewMeetingAndSignaturesIntoEffectAndToCustomerService() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant"), manager = try await app.login("manager"),
                cs1 = try await app.login("cs1")
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                csm = try await app.login("csmanager")
            let managerId = try await self.userId(app, assistant, "manager"),
                cs1Id = try await self.userId(app, assistant, "cs1")
            // Drafted from the accepted quotation: amount, cost and the standard milestones follow from it.
            // One quotation, one contract: the demo drafted one from "数据采集改造", so a second is refused; "数据采集二期"
            // has none yet.
            let accepted =
                object(try await app.send(.GET, "/api/v1/quotations?state=accepted", token: assistant))["items"]
                as! [[String: Any]]
            let drafted = accepted.first { $0["title"] as? String == "数据采集改造" }!
            let twice = try await self.post(
                app, "/api/v1/contracts", assistant, #"{"quotation_id":\#(drafted["id"] as! Int)}"#)
            expect(twice, .conflict)
            XCTAssertTrue(twice.body.string.contains("已有合同 HT"), twice.body.string)
            let quote = accepted.first { $0["title"] as? String == "数据采集二期" }!
            let made = try await self.post(
                app, "/api/v1/contracts", assistant, #"{"quotation_id":\#(quote["id"] as! Int)}"#)
            expect(made, .created)
            let again = try await self.post(
                app, "/api/v1/contracts", assistant, #"{"quotation_id":\#(quote["id"] as! Int)}"#)
            expect(again, .conflict)
            var k = object(made)
            let id = k["id"] as! Int
            XCTAssertEqual(k["state"] as? String, "draft")
            XCTAssertEqual(k["amount"] as? String, quote["gross_total"] as? String)
            XCTAssertEqual((k["milestones"] as! [[String: Any]]).count, 3)
            // Milestones must add up; the draft is the Market Department's to change.
            let bad = try await app.send(
                .PATCH, "/api/v1/contracts/\(id)", token: assistant,
                json: #"{"milestones":[{"name":"全款","amount":"1"}],"version":\#(k["version"] as! Int)}"#)
            expect(bad, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("contract.milestones_sum"))
            // Customer Service must be among the reviewers; the rep does not open reviews; CS does not see drafts.
            expect(
                try await self.post(
                    app, "/api/v1/contracts/\(id)/open_review", assistant, #"{"reviewers":[\#(managerId)]}"#), .conflict
            )
            expect(
                try await self.post(
                    app, "/api/v1/contracts/\(id)/open_review", rep2, #"{"reviewers":[\#(managerId),\#(cs1Id)]}"#),
                .forbidden)
            expect(
                try await self.post(
                    app, "/api/v1/contracts/\(id)/open_review", rep1, #"{"reviewers":[\#(managerId),\#(cs1Id)]}"#),
                .notFound)
            expect(try await app.send(.GET, "/api/v1/contracts/\(id)", token: cs1), .notFound)
            k = object(
                try await self.post(
                    app, "/api/v1/contracts/\(id)/open_review", assistant, #"{"reviewers":[\#(managerId),\#(cs1Id)]}"#))
            XCTAssertEqual(k["state"] as? String, "in_review")
            let parts = (k["reviews"] as! [[String: Any]]).map { $0["part"] as! String }.sorted()
            XCTAssertEqual(parts, ["commercial", "technical"])
            // Only named reviewers answer, once; a rejection needs a reason and sends it to the meeting.
            expect(
                try await self.post(app, "/api/v1/contracts/\(id)/review", rep1, #"{"opinion":"approve"}"#), .notFound)
            // Not named: a refusal about who asks, 403 (issue 9).
            expect(
                try await self.post(app, "/api/v1/contracts/\(id)/review", rep2, #"{"opinion":"approve"}"#), .forbidden)
            expect(
                try await self.post(app, "/api/v1/contracts/\(id)/review", csm, #"{"opinion":"approve"}"#), .forbidden)
            expect(
                try await self.post(app, "/api/v1/contracts/\(id)/review", cs1, #"{"opinion":"reject"}"#),
                .unprocessableEntity)
            expect(
                try await self.post(
                    app, "/api/v1/contracts/\(id)/review", cs1, #"{"opinion":"reject","comment":"工期不可行"}"#), .ok)
            expect(
                try await self.post(app, "/api/v1/contracts/\(id)/review", cs1, #"{"opinion":"approve"}"#), .conflict)
            k = object(try await self.post(app, "/api/v1/contracts/\(id)/review", manager, #"{"opinion":"approve"}"#))
            XCTAssertEqual(k["state"] as? String, "awaiting_meeting")
            // The market manager's meeting decides, with its minutes.
            expect(
                try await self.post(
                    app, "/api/v1/contracts/\(id)/approve", assistant,
                    #"{"meeting_date":"2026-11-20","attendees":"李明","minutes":"同意"}"#), .forbidden)
            expect(
                try await self.post(app, "/api/v1/contracts/\(id)/approve", manager, #"{"meeting_date":"2026-11-20"}"#),
                .unprocessableEntity)
            k = object(
                try await self.post(
                    app, "/api/v1/contracts/\(id)/approve", manager,
                    #"{"meeting_date":"2026-11-20","attendees":"李明、张丽、赵强、孙磊","minutes":"调整工期后同意签订"}"#))
            XCTAssertEqual(k["state"] as? String, "approved")
            // Both signatures and the customer's date, or no effect.
            expect(
                try await self.post(
                    app, "/api/v1/contracts/\(id)/take_effect", assistant, #"{"customer_signed_on":"2026-11-25"}"#),
                .conflict)
            expect(try await self.post(app, "/api/v1/contracts/\(id)/sign_commercial", cs1), .forbidden)
            expect(try await self.post(app, "/api/v1/contracts/\(id)/sign_technical", assistant), .forbidden)
            expect(try await self.post(app, "/api/v1/contracts/\(id)/sign_technical", cs1), .ok)
            expect(try await self.post(app, "/api/v1/contracts/\(id)/sign_technical", csm), .conflict)
            expect(try await self.post(app, "/api/v1/contracts/\(id)/sign_commercial", manager), .ok)
            expect(
                try await self.post(
                    app, "/api/v1/contracts/\(id)/take_effect", assistant, #"{"customer_signed_on":"2999-01-01"}"#),
                .unprocessableEntity)
            k = object(
                try await self.post(
                    app, "/api/v1/contracts/\(id)/take_effect", assistant, #"{"customer_signed_on":"2026-11-25"}"#))
            XCTAssertEqual(k["state"] as? String, "effective")
            // The hand-off: an implementation record for Customer Service and the payment plan, summing to the amount.
            let handoff = k["handoff"] as! [String: Any]
            XCTAssertNotNil(handoff["implementation_id"])
            let plan = handoff["payment_plan"] as! [[String: Any]]
            let sum = plan.map { Money.parse($0["amount"] as! String)! }.reduce(Money.zero, +)
            XCTAssertEqual(sum.decimalString, k["amount"] as? String)
            // From now on the Market Department cannot change it; an amendment is a new version under review.
            expect(
                try await app.send(
                    .PATCH, "/api/v1/contracts/\(id)", token: assistant,
                    json: #"{"title":"改","version":\#(k["version"] as! Int)}"#), .conflict)
            expect(try await app.send(.GET, "/api/v1/contracts/\(id)", token: cs1), .ok)
            let amended = try await self.post(app, "/api/v1/contracts/\(id)/amend", assistant, #"{"comment":"增加培训"}"#)
            expect(amended, .created)
            XCTAssertEqual(object(amended)["amendment"] as? Int, 1)
            XCTAssertEqual(object(amended)["state"] as? String, "draft")
            let history = object(try await app.send(.GET, "/api/v1/contracts/\(id)/history", token: assistant))
            XCTAssertEqual(
                (history["items"] as! [[String: Any]]).map { $0["action"] as! String },
                [
                    "create", "open_review", "review", "review", "to_meeting", "approve", "sign_technical",
                    "sign_commercial", "take_effect", "amend",
                ])
            // Another rep sees none of it; the cost and profit stay with their readers.
            expect(try await app.send(.GET, "/api/v1/contracts/\(id)", token: rep1), .notFound)
            let asRep = object(try await app.send(.GET, "/api/v1/contracts/\(id)", token: rep2))
            XCTAssertNil(asRep["cost_estimate"])
            XCTAssertNil(asRep["profit"])
        }
    }

    func testDemoContractsCoverEveryStateAndTheLedgerExports() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager")
            let all = object(try await app.send(.GET, "/api/v1/contracts?limit=200", token: manager))
            let states = Set((all["items"] as! [[String: Any]]).map { $0["state"] as! String })
            XCTAssertEqual(states, Set(Contract.State.allCases.map(\.rawValue)))
            let csv = try await app.send(.GET, "/api/v1/contracts/export?format=csv&state=effective", token: manager)
            expect(csv, .ok)
            XCTAssertTrue(csv.body.string.contains("HT20"))
            let xlsx = try await app.send(.GET, "/api/v1/contracts/export?format=xlsx", token: manager)
            expect(xlsx, .ok)
            XCTAssertEqual(Array(xlsx.body.readableBytesView.prefix(2)), [0x50, 0x4B])
            let (cookie, _) = try await self.pageLogin(app, "assistant")
            for path in [
                "/contracts", "/contracts/new", "/contracts/1", "/contracts/2", "/contracts/export?format=xlsx",
                "/quotations/export?format=csv",
                "/products/export", "/approvals/export?box=mine",
            ] {
                expect(try await app.send(.GET, path, headers: [("Cookie", cookie)]), .ok, path)
            }
        }
    }

    func testHomePagesShowWhatWaitsInTheProcesses() async throws {
        try await withDemoApp { app in
            let (manager, _) = try await self.pageLogin(app, "manager")
            let home = try await app.send(.GET, "/", headers: [("Cookie", manager)])
            XCTAssertTrue(home.body.string.contains("待我审批"))
            XCTAssertTrue(home.body.string.contains("待评审会决定的合同"))
            let (cs, _) = try await self.pageLogin(app, "cs1")
            let csHome = try await app.send(.GET, "/", headers: [("Cookie", cs)])
            XCTAssertTrue(csHome.body.string.contains("待我评审的合同"))
            XCTAssertFalse(csHome.body.string.contains("待我审批"))
        }
    }

    func testTheStandardDiscountAndTheSpecialContractAmountAreSettings() async throws {
        try await withDemoApp { app in
            let admin = try await app.login("admin"), assistant = try await app.login("assistant"),
                manager = try await app.login("manager")
            let limits = object(try await app.send(.GET, "/api/v1/settings/authority-limits", token: manager))
            XCTAssertEqual(limits["standard_discount"] as? String, "10")
            XCTAssertEqual(limits["special_contract_threshold"] as? String, "1000000.00")
            let v = limits["version"] as! Int
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/authority-limits", token: manager,
                    json: #"{"standard_discount":"12","version":\#(v)}"#), .forbidden)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/authority-limits", token: admin,
                    json: #"{"standard_discount":"100","version":\#(v)}"#), .unprocessableEntity)
            let set = object(
                try await app.send(
                    .PATCH, "/api/v1/settings/authority-limits", token: admin,
                    json: #"{"standard_discount":"12.5","special_contract_threshold":"50万","version":\#(v)}"#))
            XCTAssertEqual(set["standard_discount"] as? String, "12.5")
            XCTAssertEqual(set["special_contract_threshold"] as? String, "500000.00")
            // An 11 % line now goes straight out; a contract above 500,000 now needs the meeting.
            let customer =
                (object(try await app.send(.GET, "/api/v1/customers?limit=1", token: assistant))["items"]
                as! [[String: Any]])[0]["id"] as! Int
            let products =
                object(try await app.send(.GET, "/api/v1/products?q=SVC-IMPL", token: assistant))["items"]
                as! [[String: Any]]
            let q = object(
                try await app.send(
                    .POST, "/api/v1/quotations", token: assistant,
                    json:
                        #"{"customer_id":\#(customer),"title":"阈值","lines":[{"product_id":\#(products[0]["id"] as! Int),"discount":"11"}]}"#
                ))
            XCTAssertEqual(q["needs_approval"] as? Bool, false)
            let k = object(
                try await app.send(
                    .POST, "/api/v1/contracts", token: assistant,
                    json: #"{"customer_id":\#(customer),"title":"大合同","amount":"600000"}"#))
            XCTAssertEqual(k["requires_meeting"] as? Bool, true)
        }
    }

    func testARepNamedAsReviewerReadsAndReviewsAnotherRepsContract() async throws {
        try await withDemoApp { app in
            let assistant = try await app.login("assistant"), rep2 = try await app.login("rep2")
            let rep1 = try await app.login("rep1")
            let customers =
                object(try await app.send(.GET, "/api/v1/customers?limit=1", token: rep1))["items"] as! [[String: Any]]
            let made = object(
                try await self.post(
                    app, "/api/v1/contracts", assistant,
                    #"{"customer_id":\#(customers[0]["id"] as! Int),"title":"评审可见性","amount":"80000"}"#))
            let id = made["id"] as! Int
            expect(try await app.send(.GET, "/api/v1/contracts/\(id)", token: rep2), .notFound)
            let managerId = try await self.userId(app, assistant, "manager"),
                cs1Id = try await self.userId(app, assistant, "cs1")
            let rep2Id = try await self.userId(app, assistant, "rep2")
            expect(
                try await self.post(
                    app, "/api/v1/contracts/\(id)/open_review", assistant,
                    #"{"reviewers":[\#(managerId),\#(cs1Id),\#(rep2Id)]}"#), .ok)
            // Named, he reads it, finds it in his list and on his home page, and answers.
            expect(try await app.send(.GET, "/api/v1/contracts/\(id)", token: rep2), .ok)
            let list =
                object(try await app.send(.GET, "/api/v1/contracts?state=in_review&limit=200", token: rep2))["items"]
                as! [[String: Any]]
            XCTAssertTrue(list.contains { $0["id"] as? Int == id })
            let (cookie, _) = try await self.pageLogin(app, "rep2")
            let home = try await app.send(.GET, "/", headers: [("Cookie", cookie)])
            XCTAssertTrue(home.body.string.contains("/contracts?state=in_review"))
            expect(try await self.post(app, "/api/v1/contracts/\(id)/review", rep2, #"{"opinion":"approve"}"#), .ok)
            // Still not his to change or sign.
            expect(
                try await app.send(.PATCH, "/api/v1/contracts/\(id)", token: rep2, json: #"{"title":"x","version":1}"#),
                .forbidden)
        }
    }
}
