import FluentKit
import Foundation
import FrontlineCore
import SQLKit

extension Store {
    /// The demo pool: two customers nobody has taken yet, one rep2 left without a contact past its tier's days (the
    /// sweep returned it), and one of rep1's close to that (the sweep warned him).
    func seedPool() async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let manager = actor("manager"), rep1 = actor("rep1"), rep2 = actor("rep2")
        let day: Int64 = 86_400_000, now = Store.nowMillis()
        for (name, tier, industry) in [("温州瓯江阀门制造有限公司", "C", "制造业"), ("嘉兴南湖纺织科技有限公司", "D", "纺织")] {
            _ = try await with(AuditContext(manager)).createCustomer(
                CustomerInput(name: name, tier: tier, industry: industry, ownerId: ""), by: manager)
        }
        let idle = try await with(AuditContext(manager)).createCustomer(
            CustomerInput(name: "绍兴柯桥印染有限公司", tier: "D", industry: "纺织", ownerId: String(rep2.id)), by: manager)
        let quiet = try await with(AuditContext(manager)).createCustomer(
            CustomerInput(name: "湖州吴兴竹木制品有限公司", tier: "C", industry: "制造业", ownerId: String(rep1.id)), by: manager)
        try await sql.update("customers").set("owner_since", to: now - 40 * day).where("id", .equal, idle.id).run()
        try await sql.update("customers").set("owner_since", to: now - 40 * day).where("id", .equal, quiet.id).run()
        _ = try await runPoolSweep(now: now)
        // Ownership disputes: three awaiting the market manager, one he dismissed.
        let rep1Customers = try await customers(
            CustomerFilter(ownerId: rep1.id), ListQuery(limit: 3, sortField: "id"), for: rep1
        ).items.map(\.customer)
        let rep2Customers = try await customers(
            CustomerFilter(ownerId: rep2.id), ListQuery(limit: 1, sortField: "id"), for: rep2
        ).items.map(\.customer)
        let reasons = ["该客户的采购负责人是我在上一家公司维护的老关系，去年就开始接触", "客户总部在我的区域，分公司的需求由总部统一采购", "展会上由我首先接触并留下了需求"]
        for (i, c) in rep1Customers.prefix(2).enumerated() {
            _ = try await with(AuditContext(rep2)).raiseDispute(
                customerId: String(c.id), reason: reasons[i], by: rep2, now: now - Int64(3 - i) * day)
        }
        if let c = rep2Customers.first {
            _ = try await with(AuditContext(rep1)).raiseDispute(
                customerId: String(c.id), reason: reasons[2], by: rep1, now: now - 2 * day)
        }
        if let c = rep1Customers.dropFirst(2).first {
            let d = try await with(AuditContext(rep2)).raiseDispute(
                customerId: String(c.id), reason: "客户曾由我拜访过一次", by: rep2, now: now - 6 * day)
            _ = try await with(AuditContext(manager)).actOnDispute(
                id: d.id, .dismiss, StepInput(comment: "一次拜访不构成跟进关系，维持原负责人"), version: nil, by: manager,
                now: now - 5 * day)
        }
    }
}
