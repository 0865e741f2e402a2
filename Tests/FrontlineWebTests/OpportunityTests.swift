import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// Opportunities (商机) and leads (线索) through the API and the pages, on SQLite and on PostgreSQL.
final class OpportunityTests: XCTestCase {
    func step(_ app: Application, _ route: String, _ id: Int, _ action: String, _ token: String, _ json: String = "{}")
        async throws -> XCTHTTPResponse
    {
        try await app.send(.POST, "/api/v1/\(route)/\(id)/\(action)", token: token, json: json)
    }

    func opportunity(_ res: XCTHTTPResponse) -> [String: Any] { object(res)["opportunity"] as! [String: Any] }

    func rep1Customer(_ store: Store, _ username: String = "rep1") async throws -> Customer {
        let rep = try await store.users().first { $0.username == username }!.actor
        return try await store.customers(
            CustomerFilter(ownerId: rep.id), ListQuery(limit: 1, sortField: "id", descending: true), for: rep
        ).items[0].customer
    }

    func testAnOpportunityMovesThroughItsStagesKeepsItsProfitSecretAndIsLostWithItsReason() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                manager = try await app.login("manager"), cs1 = try await app.login("cs1")
            let store = Store(database: app.db)
            let customer = try await self.rep1Customer(store)
            let body =
                #"{"customer_id":\#(customer.id),"title":"ERP 升级","amount":"1.2万","expected_close":"2027-03-01","product_ids":[1],"competitors":"金蝶"}"#
            // Another rep's customer is unknown to him, as one that does not exist: neither its name nor that it exists.
            let notHis = try await app.send(.POST, "/api/v1/opportunities", token: rep2, json: body)
            let unknown = try await app.send(
                .POST, "/api/v1/opportunities", token: rep2,
                json: body.replacingOccurrences(of: "\"customer_id\":\(customer.id)", with: "\"customer_id\":99999999"))
            expect(notHis, .unprocessableEntity, "not his customer")
            XCTAssertEqual(object(notHis)["detail"] as? String, object(unknown)["detail"] as? String)
            XCTAssertEqual(
                notHis.body.string.replacingOccurrences(
                    of: #""request_id":"[^"]*""#, with: "", options: .regularExpression),
                unknown.body.string.replacingOccurrences(
                    of: #""request_id":"[^"]*""#, with: "", options: .regularExpression))
            XCTAssertFalse(notHis.body.string.contains(customer.name))
            expect(try await app.send(.POST, "/api/v1/opportunities", token: cs1, json: body), .forbidden)
            expect(
                try await app.send(
                    .POST, "/api/v1/opportunities", token: rep1,
                    json: body.replacingOccurrences(of: "\"1.2万\"", with: "\"-5\"")), .unprocessableEntity)
            expect(
                try await app.send(
                    .POST, "/api/v1/opportunities", token: rep1,
                    json: body.replacingOccurrences(of: "[1]", with: "[999999]")), .unprocessableEntity)
            let secret = try await app.send(
                .POST, "/api/v1/opportunities", token: rep1,
                json: body.replacingOccurrences(
                    of: "\"competitors\"", with: "\"expected_profit\":\"100\",\"competitors\""))
            expect(secret, .unprocessableEntity, "a rep does not see cost, so gives no profit")
            XCTAssertEqual(
                (object(secret)["fields"] as? [[String: Any]])?.first?["code"] as? String,
                "opportunity.profit_confidential")
            let before = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                "opportunities"
            ).first()!.decode(column: "n", as: Int.self)
            let created = try await app.send(.POST, "/api/v1/opportunities", token: rep1, json: body)
            expect(created, .created)
            var o = opportunity(created)
            let id = o["id"] as! Int
            XCTAssertEqual(o["amount"] as? String, "12000.00")
            XCTAssertEqual(o["stage"] as? String, "contact")
            XCTAssertEqual(o["probability"] as? Int, 10)
            XCTAssertEqual(o["weighted_amount"] as? String, "1200.00")
            let opportunitiesNow = try await store.sql.select().column(
                SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
            ).from("opportunities").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(opportunitiesNow, before + 1)
            expect(try await app.send(.GET, "/api/v1/opportunities/\(id)", token: rep2), .notFound)
            // A move sets the stage's default probability; the same move again is refused; a stale version too.
            o = opportunity(try await step(app, "opportunities", id, "to_solution", rep1, #"{"version":1}"#))
            XCTAssertEqual(o["stage"] as? String, "solution")
            XCTAssertEqual(o["probability"] as? Int, 40)
            expect(try await step(app, "opportunities", id, "to_solution", rep1), .conflict)
            expect(try await step(app, "opportunities", id, "to_needs", rep1, #"{"version":1}"#), .conflict)
            expect(try await step(app, "opportunities", id, "to_needs", rep2), .notFound)
            expect(
                try await step(app, "opportunities", id, "record_win", manager), .notFound,
                "won by a tender or a contract only")
            // The manager sets the expected profit; the rep never reads it, in the record, the list or the export.
            expect(
                try await app.send(
                    .PATCH, "/api/v1/opportunities/\(id)", token: manager,
                    json: #"{"expected_profit":"3000","probability":"55%"}"#), .badRequest, "a version is needed")
            let patched = try await app.send(
                .PATCH, "/api/v1/opportunities/\(id)", token: manager,
                json: #"{"expected_profit":"3000","probability":"55%","version":2}"#)
            expect(patched, .ok)
            XCTAssertEqual(opportunity(patched)["expected_profit"] as? String, "3000.00")
            XCTAssertEqual(opportunity(patched)["probability"] as? Int, 55)
            let profitTheRepSees = opportunity(try await app.send(.GET, "/api/v1/opportunities/\(id)", token: rep1))[
                "expected_profit"]
            XCTAssertNil(profitTheRepSees)
            let listed =
                (object(try await app.send(.GET, "/api/v1/opportunities?customer_id=\(customer.id)", token: rep1))[
                    "items"] as! [[String: Any]]).first { $0["id"] as? Int == id }!
            XCTAssertNil(listed["expected_profit"])
            let csv = try await app.send(
                .GET, "/api/v1/opportunities/export?format=csv&customer_id=\(customer.id)", token: rep1)
            expect(csv, .ok)
            XCTAssertFalse(csv.body.string.contains("3000.00"), "the rep's export has no profit column")
            let managerExportHasProfit = try await app.send(
                .GET, "/api/v1/opportunities/export?format=csv&customer_id=\(customer.id)", token: manager
            ).body.string.contains("3000.00")
            XCTAssertTrue(managerExportHasProfit)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/opportunities/\(id)", token: rep1, json: #"{"owner_id":5,"version":3}"#),
                .unprocessableEntity, "a rep hands nothing on")
            expect(
                try await app.send(
                    .PATCH, "/api/v1/opportunities/\(id)", token: rep1, json: #"{"customer_id":2,"version":3}"#),
                .badRequest, "the customer stays")
            // The pipeline sums what the reader sees.
            let pipeline =
                object(
                    try await app.send(.GET, "/api/v1/opportunities/pipeline?customer_id=\(customer.id)", token: rep1))[
                    "items"] as! [[String: Any]]
            let solution = pipeline.first { $0["stage"] as? String == "solution" }!
            XCTAssertGreaterThanOrEqual(solution["count"] as! Int, 1)
            // Lost: the reason is needed; only the managers reopen it.
            expect(try await step(app, "opportunities", id, "lose", rep1, #"{"winner":"金蝶"}"#), .unprocessableEntity)
            // The winner is needed as the reason is (the document says so): a loss to nobody is refused and names it.
            let noWinner = try await step(app, "opportunities", id, "lose", rep1, #"{"reason":"价格高"}"#)
            expect(noWinner, .unprocessableEntity)
            XCTAssertTrue(noWinner.body.string.contains(#""field":"winner""#), noWinner.body.string)
            o = opportunity(
                try await step(app, "opportunities", id, "lose", rep1, #"{"reason":"价格高于对手 20%","winner":"金蝶"}"#))
            XCTAssertEqual(o["stage"] as? String, "lost")
            XCTAssertEqual(o["probability"] as? Int, 0)
            XCTAssertEqual(o["loss_reason"] as? String, "价格高于对手 20%")
            expect(
                try await app.send(
                    .PATCH, "/api/v1/opportunities/\(id)", token: manager, json: #"{"title":"x","version":4}"#),
                .conflict, "a closed one is not changed")
            expect(try await step(app, "opportunities", id, "reopen", rep1, #"{"comment":"客户回头"}"#), .forbidden)
            expect(try await step(app, "opportunities", id, "reopen", manager), .unprocessableEntity, "with the reason")
            o = opportunity(try await step(app, "opportunities", id, "reopen", manager, #"{"comment":"客户预算恢复"}"#))
            XCTAssertEqual(o["stage"] as? String, "contact")
            XCTAssertEqual(o["loss_reason"] as? String, "")
            let history =
                (object(try await app.send(.GET, "/api/v1/opportunities/\(id)/history", token: rep1))["items"]
                as! [[String: Any]]).map { $0["action"] as! String }
            XCTAssertEqual(history, ["create", "to_solution", "lose", "reopen"])
            let audited = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                "audit_log"
            ).where("entity", .equal, "opportunity")
                .where("entity_id", .equal, String(id)).first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(audited, 5, "creation, a move, the change, the loss, the reopening")
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testQuotationsTendersAndContractsHangOnTheirOpportunityAndAWonTenderOrEffectiveContractWinsIt() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), manager = try await app.login("manager"),
                assistant = try await app.login("assistant")
            let store = Store(database: app.db)
            let customer = try await self.rep1Customer(store)
            func open(_ title: String) async throws -> Int {
                opportunity(
                    try await app.send(
                        .POST, "/api/v1/opportunities", token: rep1,
                        json: #"{"customer_id":\#(customer.id),"title":"\#(title)","amount":"500000"}"#))["id"] as! Int
            }
            let byTender = try await open("招标项目"), byContract = try await open("直签项目")
            // A quotation names it; one of another customer, or a closed one, is refused; the existing ones still work without one.
            let other = try await self.rep1Customer(store, "rep2")
            expect(
                try await app.send(
                    .POST, "/api/v1/quotations", token: manager,
                    json:
                        #"{"customer_id":\#(other.id),"title":"x","opportunity_id":\#(byTender),"lines":[{"product_id":1}]}"#
                ), .unprocessableEntity)
            let q = object(
                try await app.send(
                    .POST, "/api/v1/quotations", token: rep1,
                    json:
                        #"{"customer_id":\#(customer.id),"title":"报价","opportunity_id":\#(byTender),"lines":[{"product_id":1}]}"#
                ))
            XCTAssertEqual(q["opportunity_id"] as? Int, byTender)
            expect(
                try await app.send(
                    .POST, "/api/v1/quotations", token: rep1,
                    json: #"{"customer_id":\#(customer.id),"title":"不挂商机","lines":[{"product_id":1}]}"#), .created)
            // A tender from that quotation carries the opportunity; its win wins it and drafts the contract on it.
            let t = object(
                try await app.send(
                    .POST, "/api/v1/tenders", token: assistant,
                    json:
                        #"{"customer_id":\#(customer.id),"quotation_id":\#(q["id"] as! Int),"tender_no":"ZB-9","deadline":"\#(DateText.minute(Store.now() + 30 * 86_400))"}"#
                ))
            XCTAssertEqual(t["opportunity_id"] as? Int, byTender)
            let tenderId = t["id"] as! Int
            try await store.sql.update("tenders").set("state", to: "submitted").where("id", .equal, tenderId).run()
            let won = object(try await step(app, "tenders", tenderId, "win", manager))
            let links = object(try await app.send(.GET, "/api/v1/opportunities/\(byTender)", token: rep1))
            XCTAssertEqual((links["opportunity"] as! [String: Any])["stage"] as? String, "won")
            XCTAssertEqual((links["opportunity"] as! [String: Any])["won_by"] as? String, won["number"] as? String)
            XCTAssertEqual(
                Set((links["links"] as! [[String: Any]]).map { $0["kind"] as! String }),
                ["quotation", "tender", "contract"])
            let drafted = try await store.sql.select().column("opportunity_id").from("contracts").where(
                "id", .equal, won["contract_id"] as! Int
            ).first()!
            XCTAssertEqual(try drafted.decode(column: "opportunity_id", as: Int?.self), byTender)
            // A contract linked to the other one: taking effect wins it.
            let k = object(
                try await app.send(
                    .POST, "/api/v1/contracts", token: assistant,
                    json:
                        #"{"customer_id":\#(customer.id),"title":"直签合同","amount":"500000","opportunity_id":"\#(byContract)"}"#
                ))
            XCTAssertEqual(k["opportunity_id"] as? Int, byContract)
            let kid = k["id"] as! Int
            try await store.sql.update("contracts").set("state", to: "approved").set("technical_signed_by", to: 1).set(
                "commercial_signed_by", to: 1
            ).where("id", .equal, kid).run()
            expect(
                try await step(
                    app, "contracts", kid, "take_effect", assistant, #"{"customer_signed_on":"\#(DateText.today())"}"#),
                .ok)
            let second = opportunity(try await app.send(.GET, "/api/v1/opportunities/\(byContract)", token: rep1))
            XCTAssertEqual(second["stage"] as? String, "won")
            XCTAssertEqual(second["won_by"] as? String, k["number"] as? String)
            let history =
                (object(try await app.send(.GET, "/api/v1/opportunities/\(byContract)/history", token: rep1))["items"]
                    as! [[String: Any]])
            XCTAssertEqual(history.last?["action"] as? String, "record_win")
            // A closed opportunity is no longer offered to new records.
            expect(
                try await app.send(
                    .POST, "/api/v1/quotations", token: rep1,
                    json:
                        #"{"customer_id":\#(customer.id),"title":"x","opportunity_id":\#(byContract),"lines":[{"product_id":1}]}"#
                ), .unprocessableEntity)
        }
    }

    func testTheQuotationTenderAndContractFormsOfferTheCustomersOpenOpportunities() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let rep1 = try await app.login("rep1")
            let rep1User = try await store.users().first { $0.username == "rep1" }!
            let c = try await store.customers(
                CustomerFilter(ownerId: rep1User.id), ListQuery(limit: 1, sortField: "id"), for: rep1User.actor
            ).items[0].customer
            let o =
                object(
                    try await app.send(
                        .POST, "/api/v1/opportunities", token: rep1, json: #"{"customer_id":\#(c.id),"title":"表单关联商机"}"#
                    ))["opportunity"] as! [String: Any]
            let oid = o["id"] as! Int
            let (cookie, _) = try await self.pageLogin(app, "rep1")
            for path in ["/quotations/new?customer_id=\(c.id)", "/tenders/new", "/contracts/new"] {
                let page = try await app.send(.GET, path, headers: [("Cookie", cookie)])
                expect(page, .ok, path)
                XCTAssertTrue(
                    page.body.string.contains("name=\"opportunity_id\"") && page.body.string.contains("表单关联商机"), path)
            }
            let form = try await app.send(.GET, "/quotations/new?customer_id=\(c.id)", headers: [("Cookie", cookie)])
            let product = try await store.products(for: rep1User.actor).first!
            let body =
                "_csrf=\(csrf(in: form.body.string))&customer_id=\(c.id)&title=\(percent("关联报价"))&opportunity_id=\(oid)&product_id[]=\(product.id)&quantity[]=1&discount[]=0"
            let made = try await app.send(
                .POST, "/quotations", body: Array(body.utf8),
                headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)])
            XCTAssertEqual(made.status, .seeOther, made.body.string)
            let links =
                object(try await app.send(.GET, "/api/v1/opportunities/\(oid)", token: rep1))["links"]
                as! [[String: Any]]
            XCTAssertEqual(links.map { $0["kind"] as? String }, ["quotation"])
        }
    }

    func testTheAdminNamesOrdersAndWeighsTheStagesAtTheVersionHeRead() async throws {
        try await withDemoApp { app in
            let admin = try await app.login("admin"), manager = try await app.login("manager"),
                rep1 = try await app.login("rep1")
            let current = object(try await app.send(.GET, "/api/v1/settings/opportunity-stages", token: rep1))
            XCTAssertEqual(
                (current["stages"] as! [[String: Any]]).map { $0["stage"] as! String },
                ["contact", "needs", "solution", "bidding", "negotiation", "won", "lost"])
            let change =
                #"{"version":1,"stages":[{"stage":"needs","name":"需求调研","probability":20},{"stage":"contact","probability":5},{"stage":"solution"},{"stage":"bidding"},{"stage":"negotiation","probability":90},{"stage":"won","probability":3},{"stage":"lost"}]}"#
            expect(
                try await app.send(.PATCH, "/api/v1/settings/opportunity-stages", token: manager, json: change),
                .forbidden)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/opportunity-stages", token: admin,
                    json: #"{"version":1,"stages":[{"stage":"needs"}]}"#), .unprocessableEntity, "every stage once")
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/opportunity-stages", token: admin,
                    json: change.replacingOccurrences(of: "\"probability\":90", with: "\"probability\":190")),
                .unprocessableEntity)
            expect(
                try await app.send(
                    .PATCH, "/api/v1/settings/opportunity-stages", token: admin,
                    json: change.replacingOccurrences(
                        of: "\"stage\":\"contact\"", with: "\"stage\":\"contact\",\"name\":\"需求调研\"")),
                .unprocessableEntity, "two stages, one name")
            let saved = object(
                try await app.send(.PATCH, "/api/v1/settings/opportunity-stages", token: admin, json: change))
            XCTAssertEqual(saved["version"] as? Int, 2)
            let stages = saved["stages"] as! [[String: Any]]
            XCTAssertEqual(
                stages.map { $0["stage"] as! String },
                ["needs", "contact", "solution", "bidding", "negotiation", "won", "lost"])
            XCTAssertEqual(
                stages.first { $0["stage"] as? String == "won" }?["probability"] as? Int, 100, "won stays at 100 %")
            expect(
                try await app.send(.PATCH, "/api/v1/settings/opportunity-stages", token: admin, json: change),
                .conflict, "stale")
            // A new opportunity starts at the first stage in the admin's order, at its probability; the name shows.
            let store = Store(database: app.db)
            let customer = try await self.rep1Customer(store)
            let o = opportunity(
                try await app.send(
                    .POST, "/api/v1/opportunities", token: rep1, json: #"{"customer_id":\#(customer.id),"title":"新商机"}"#
                ))
            XCTAssertEqual(o["stage"] as? String, "needs")
            XCTAssertEqual(o["stage_name"] as? String, "需求调研")
            XCTAssertEqual(o["probability"] as? Int, 20)
            let moved = opportunity(try await step(app, "opportunities", o["id"] as! Int, "to_negotiation", rep1))
            XCTAssertEqual(moved["probability"] as? Int, 90)
            let (cookie, _) = try await self.pageLogin(app, "rep1")
            let board = try await app.send(.GET, "/opportunities/board", headers: [("Cookie", cookie)])
            expect(board, .ok)
            let html = board.body.string
            XCTAssertTrue(html.contains("需求调研"))
            XCTAssertLessThan(
                html.range(of: "data-stage=\"needs\"")!.lowerBound,
                html.range(of: "data-stage=\"contact\"")!.lowerBound, "the columns follow the admin's order")
        }
    }

    func testALeadIsHandedOutFollowedUpAndQualifiedIntoACustomerAndAnOpportunityInOneTransaction() async throws {
        try await withDemoApp { app in
            let rep1 = try await app.login("rep1"), rep2 = try await app.login("rep2"),
                manager = try await app.login("manager"), cs1 = try await app.login("cs1")
            let store = Store(database: app.db)
            let rep1Id = try await store.users().first { $0.username == "rep1" }!.id
            let rep2Id = try await store.users().first { $0.username == "rep2" }!.id
            expect(
                try await app.send(.POST, "/api/v1/leads", token: cs1, json: #"{"company":"x","contact_name":"y"}"#),
                .forbidden)
            expect(
                try await app.send(.POST, "/api/v1/leads", token: rep1, json: #"{"company":"某公司"}"#),
                .unprocessableEntity, "somebody to reach")
            expect(
                try await app.send(
                    .POST, "/api/v1/leads", token: rep1, json: #"{"company":"某公司","contact_name":"张三","phone":"abc"}"#),
                .unprocessableEntity)
            expect(
                try await app.send(
                    .POST, "/api/v1/leads", token: rep1,
                    json: #"{"company":"某公司","contact_name":"张三","owner_id":\#(rep2Id)}"#), .forbidden)
            // The manager records one for nobody yet, then hands it to rep1.
            let created = try await app.send(
                .POST, "/api/v1/leads", token: manager,
                json:
                    #"{"source":"exhibition","company":"泰州新港船舶配件有限公司","contact_name":"顾明","phone":"0523-86668888","need":"ERP 选型"}"#
            )
            expect(created, .created)
            let lead = object(created)["lead"] as! [String: Any]
            let id = lead["id"] as! Int
            XCTAssertNil(lead["owner_id"])
            expect(try await app.send(.GET, "/api/v1/leads/\(id)", token: rep1), .notFound)
            expect(
                try await step(
                    app, "leads", id, "assign", manager,
                    #"{"owner_id":\#(try await store.users().first { $0.username == "cs1" }!.id)}"#),
                .unprocessableEntity, "only a rep")
            expect(try await step(app, "leads", id, "assign", rep1, #"{"owner_id":\#(rep1Id)}"#), .notFound)
            expect(try await step(app, "leads", id, "assign", manager, #"{"owner_id":\#(rep1Id),"version":1}"#), .ok)
            expect(try await step(app, "leads", id, "follow_up", rep2, #"{"text":"x"}"#), .notFound)
            expect(
                try await step(app, "leads", id, "follow_up", rep1, #"{"text":"电话沟通","date":"2000-01-01"}"#),
                .unprocessableEntity, "not in the past")
            let followed =
                object(
                    try await step(
                        app, "leads", id, "follow_up", rep1,
                        #"{"text":"电话沟通，约演示","date":"\#(DateText.day(Store.now() + 86_400))"}"#))["lead"]
                as! [String: Any]
            XCTAssertEqual(followed["next_follow_up"] as? String, DateText.day(Store.now() + 86_400))
            expect(
                try await app.send(
                    .PATCH, "/api/v1/leads/\(id)", token: rep1, json: #"{"need":"ERP 与 MES","version":3}"#), .ok)
            // Qualified: a new customer (with the lead's contact) and an opportunity, in one step.
            let customers = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("customers").first()!.decode(column: "n", as: Int.self)
            let qualified =
                object(try await step(app, "leads", id, "qualify", rep1, #"{"title":"泰州新港 ERP","amount":"380000"}"#))[
                    "lead"] as! [String: Any]
            XCTAssertEqual(qualified["state"] as? String, "qualified")
            let customerId = qualified["customer_id"] as! Int, opportunityId = qualified["opportunity_id"] as! Int
            let customersNow = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("customers").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(customersNow, customers + 1)
            let c = try await store.rawCustomer(id: Int64(customerId))!
            XCTAssertEqual(c.name, "泰州新港船舶配件有限公司")
            XCTAssertEqual(c.ownerId, rep1Id)
            let contactNames = try await store.contacts(customerId: c.id).map(\.name)
            XCTAssertEqual(contactNames, ["顾明"])
            let o = opportunity(try await app.send(.GET, "/api/v1/opportunities/\(opportunityId)", token: rep1))
            XCTAssertEqual(o["amount"] as? String, "380000.00")
            XCTAssertEqual(o["lead_id"] as? Int, id)
            expect(try await step(app, "leads", id, "discard", rep1, #"{"reason":"x"}"#), .conflict)
            // A lead whose company is another rep's customer: the rep may not take it over, and nothing is made.
            let theirs = try await self.rep1Customer(store, "rep2")
            let second = object(
                try await app.send(
                    .POST, "/api/v1/leads", token: rep1, json: #"{"company":"\#(theirs.name) ","contact_name":"李四"}"#))
            let secondId = (second["lead"] as! [String: Any])["id"] as! Int
            XCTAssertEqual((second["match"] as? [String: Any])?["customer_id"] as? Int, Int(theirs.id))
            let opportunities = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("opportunities").first()!.decode(column: "n", as: Int.self)
            let refused = try await step(app, "leads", secondId, "qualify", rep1)
            expect(refused, .conflict)
            XCTAssertTrue((object(refused)["detail"] as? String ?? "").contains(theirs.name))
            let opportunitiesAfter = try await store.sql.select().column(
                SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
            ).from("opportunities").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(opportunitiesAfter, opportunities)
            let stillOpen = object(try await app.send(.GET, "/api/v1/leads/\(secondId)", token: rep1))["lead"].flatMap {
                ($0 as! [String: Any])["state"] as? String
            }
            XCTAssertEqual(stillOpen, "open")
            // The manager links it to the existing customer; the opportunity is the lead owner's.
            let linked = object(try await step(app, "leads", secondId, "qualify", manager))["lead"] as! [String: Any]
            XCTAssertEqual(linked["customer_id"] as? Int, Int(theirs.id))
            expect(try await step(app, "leads", secondId, "reopen", manager, #"{"comment":"x"}"#), .conflict)
            // Discarded with the reason; the office reopens it.
            let third =
                (object(
                    try await app.send(
                        .POST, "/api/v1/leads", token: rep1, json: #"{"company":"某五金店","phone":"13900001234"}"#))[
                    "lead"] as! [String: Any])["id"] as! Int
            expect(try await step(app, "leads", third, "discard", rep1), .unprocessableEntity)
            expect(try await step(app, "leads", third, "discard", rep1, #"{"reason":"不在目标客户范围"}"#), .ok)
            expect(try await step(app, "leads", third, "reopen", rep1, #"{"comment":"x"}"#), .forbidden)
            expect(try await step(app, "leads", third, "reopen", manager, #"{"comment":"客户扩张"}"#), .ok)
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testThePublicLeadFormRefusesRobotsAndFloodsAndFoldsARepeatIntoTheFirst() async throws {
        try await withDemoApp { app in
            let manager = try await app.login("manager")
            let store = Store(database: app.db)
            let token = object(try await app.send(.GET, "/api/v1/public/lead-form"))["form_token"] as! String
            func send(_ company: String, token: String, phone: String = "13800001111", website: String = "")
                async throws -> XCTHTTPResponse
            {
                try await app.send(
                    .POST, "/api/v1/public/leads",
                    json:
                        #"{"company":"\#(company)","contact_name":"访客","phone":"\#(phone)","need":"想了解产品","website":"\#(website)","form_token":"\#(token)"}"#
                )
            }
            expect(try await send("甲公司", token: token), .unprocessableEntity, "sent faster than a person types")
            expect(try await send("甲公司", token: "1.abc"), .unprocessableEntity, "not our token")
            expect(
                try await send("甲公司", token: LeadForm.token(now: Store.nowSeconds() - 2 * 86_400)),
                .unprocessableEntity, "expired")
            let aged = LeadForm.token(now: Store.nowSeconds() - 10)
            expect(
                try await app.send(.POST, "/api/v1/public/leads", json: #"{"company":"甲公司","form_token":"\#(aged)"}"#),
                .unprocessableEntity, "a name and a way to reach him")
            let before = try await store.leads(
                LeadFilter(source: .webForm), ListQuery(sortField: "id"),
                for: Actor(id: 0, username: "m", displayName: "m", roles: [.marketManager])
            ).total
            expect(try await send("甲公司", token: aged), .accepted)
            expect(try await send("甲公司", token: aged), .accepted, "the same enquiry again")
            expect(
                try await send("甲公司", token: aged, phone: "138-0000 1111"), .accepted,
                "the same phone written with a dash and a space")
            expect(
                try await send("机器人公司", token: aged, website: "http://spam.example"), .accepted,
                "a robot learns nothing")
            let after = try await store.leads(
                LeadFilter(source: .webForm), ListQuery(sortField: "id"),
                for: Actor(id: 0, username: "m", displayName: "m", roles: [.marketManager])
            ).items
            XCTAssertEqual(after.count, before + 1, "one lead: the repeat folded, the robot dropped")
            let lead = after.first { $0.company == "甲公司" }!
            XCTAssertNil(lead.ownerId)
            XCTAssertEqual(lead.source, .webForm)
            let listed =
                object(try await app.send(.GET, "/api/v1/leads?unowned=true&source=web_form", token: manager))["items"]
                as! [[String: Any]]
            XCTAssertTrue(listed.contains { $0["id"] as? Int == Int(lead.id) })
            let history =
                object(try await app.send(.GET, "/api/v1/leads/\(lead.id)/history", token: manager))["items"]
                as! [[String: Any]]
            XCTAssertEqual(history.map { $0["action"] as! String }, ["create"])
            // Five an hour from one address; the sixth waits.
            for n in 2...5 { expect(try await send("公司\(n)", token: aged, phone: "1380000\(1000 + n)"), .accepted) }
            let flood = try await send("公司6", token: aged, phone: "13800009999")
            expect(flood, .tooManyRequests)
            XCTAssertNotNil(flood.headers.first(name: .retryAfter))
            // The page: the form carries a token and the trap; it may be framed by the company's site.
            let page = try await app.send(.GET, "/lead-form")
            expect(page, .ok)
            XCTAssertTrue(page.body.string.contains("name=\"form_token\""))
            XCTAssertTrue(page.body.string.contains("name=\"website\""))
            XCTAssertTrue(page.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors *") == true)
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func testPagesRenderInBothLanguagesForEveryRoleThatReadsThem() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            let o = try await store.opportunities(
                OpportunityFilter(), ListQuery(sortField: "id"),
                for: Actor(id: 0, username: "m", displayName: "m", roles: [.marketManager])
            ).items[0]
            let l = try await store.leads(
                LeadFilter(), ListQuery(sortField: "id"),
                for: Actor(id: 0, username: "m", displayName: "m", roles: [.marketManager])
            ).items[0]
            for user in ["manager", "rep1", "assistant", "gm"] {
                let (cookie, _) = try await self.pageLogin(app, user)
                for path in [
                    "/opportunities", "/opportunities/board", "/opportunities/new", "/leads", "/leads/new",
                    "/opportunities?stage=won&sort=-amount", "/leads?due=true",
                ] {
                    let res = try await app.send(.GET, path, headers: [("Cookie", cookie)])
                    expect(res, .ok, "\(user) \(path)")
                    XCTAssertFalse(
                        res.body.string.contains("opportunity.") || res.body.string.contains("lead.")
                            || res.body.string.contains("step."), "a raw key on \(path)")
                }
            }
            let (manager, _) = try await self.pageLogin(app, "manager")
            for path in ["/opportunities/\(o.id)", "/leads/\(l.id)"] {
                let zh = try await app.send(.GET, path, headers: [("Cookie", manager)])
                expect(zh, .ok)
                XCTAssertTrue(zh.body.string.contains("lang=\"zh-CN\""))
                let en = try await app.send(.GET, path, headers: [("Cookie", manager), ("Accept-Language", "en")])
                expect(en, .ok)
                XCTAssertFalse(
                    en.body.string.contains("opportunity.") || en.body.string.contains("lead.")
                        || en.body.string.contains("step."), "a raw key on \(path)")
            }
            let (admin, _) = try await self.pageLogin(app, "admin")
            expect(try await app.send(.GET, "/settings/opportunity-stages", headers: [("Cookie", admin)]), .ok)
            expect(try await app.send(.GET, "/settings/opportunity-stages", headers: [("Cookie", manager)]), .forbidden)
            let (cs, _) = try await self.pageLogin(app, "cs1")
            expect(try await app.send(.GET, "/opportunities", headers: [("Cookie", cs)]), .forbidden)
            // The board's cards each carry the form that moves them without script.
            let board = try await app.send(.GET, "/opportunities/board", headers: [("Cookie", manager)]).body.string
            XCTAssertTrue(board.contains("class=\"move-form\""))
            XCTAssertTrue(board.contains("draggable=\"true\""))
        }
    }
}
