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
            _ = try await with(AuditContext(manager)).createCustomer(CustomerInput(name: name, tier: tier, industry: industry, ownerId: ""), by: manager)
        }
        let idle = try await with(AuditContext(manager)).createCustomer(CustomerInput(name: "绍兴柯桥印染有限公司", tier: "D", industry: "纺织", ownerId: String(rep2.id)), by: manager)
        let quiet = try await with(AuditContext(manager)).createCustomer(CustomerInput(name: "湖州吴兴竹木制品有限公司", tier: "C", industry: "制造业", ownerId: String(rep1.id)), by: manager)
        try await sql.update("customers").set("owner_since", to: now - 40 * day).where("id", .equal, idle.id).run()
        try await sql.update("customers").set("owner_since", to: now - 40 * day).where("id", .equal, quiet.id).run()
        _ = try await runPoolSweep(now: now)
    }
}
