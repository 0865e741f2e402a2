import FluentKit
import Foundation
import FrontlineCore
import SQLKit

extension Store {
    /// The demo pipeline, made through the same steps the pages take: every rep's customers have opportunities at
    /// every stage, the first customers' quotations, tenders and contracts hang on their first one (an effective
    /// contract has won it), one lost with its reason; and leads from every source — unowned web-form enquiries,
    /// a rep's open ones (one due today), one qualified into an opportunity of the customer it matched, one discarded.
    func seedOpportunities() async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let manager = actor("manager"), assistant = actor("assistant")
        let day: Int64 = 86_400_000, now = Store.nowMillis()
        let products = try await sql.select().column("id").from("products").where("active", .equal, true).orderBy("id")
            .limit(6).all()
            .map { String(try $0.decode(column: "id", as: Int64.self)) }
        let titles = ["ERP 升级项目", "MES 二期", "数据中台建设", "供应链协同平台", "移动办公套件", "年度运维服务"]
        let competitors = ["用友、金蝶", "鼎捷", "SAP", "浪潮", "", "本地服务商"]
        let plan: [(stage: Opportunity.Stage, amount: Int64, closeIn: Int64)] = [
            (.contact, 180_000, 90), (.needs, 420_000, 60), (.solution, 650_000, 45), (.bidding, 880_000, 30),
            (.negotiation, 1_250_000, 14), (.lost, 300_000, -10),
        ]
        for (r, rep) in ["rep1", "rep2"].map(actor).enumerated() {
            let customers = try await customers(
                CustomerFilter(ownerId: rep.id), ListQuery(limit: 6, sortField: "id"), for: rep
            ).items.map(\.customer)
            for (i, c) in customers.enumerated() {
                let p = plan[(i + r * 3) % plan.count]
                let ago = Int64(20 - i) * day
                let o = try await with(AuditContext(rep)).createOpportunity(
                    OpportunityInput(
                        customerId: String(c.id), title: "\(c.name.prefix(4))\(titles[(i + r) % titles.count])",
                        productIds: Array(products.dropFirst(i % 3).prefix(2)),
                        amount: String(p.amount), expectedClose: DateText.day((now + p.closeIn * day) / 1000),
                        competitors: competitors[(i + r) % competitors.count]),
                    by: rep, now: now - ago)
                try await sql.update("opportunities").set("profit_fen", to: p.amount * 100 / 4).where(
                    "id", .equal, o.id
                ).run()
                // The first two customers' quotations, tenders and contracts serve their first opportunity.
                for table in ["quotations", "tenders", "contracts"] where i < 2 {
                    try await sql.update(table).set("opportunity_id", to: o.id).where("customer_id", .equal, c.id)
                        .where("opportunity_id", .is, SQLLiteral.null).run()
                }
                var version = 1
                func step(_ a: OpportunityProcess.Action, _ input: StepInput = StepInput(), by: Actor = rep, ago: Int64)
                    async throws
                {
                    _ = try await with(AuditContext(by)).actOnOpportunity(
                        id: o.id, a, input, version: version, by: by, now: now - ago)
                    version += 1
                }
                if i < 2,
                    let effective = try await sql.select().column("number").from("contracts").where(
                        "customer_id", .equal, c.id
                    ).where("state", .equal, "effective").first()
                {
                    let number = try effective.decode(column: "number", as: String.self)
                    try await transaction { s in
                        try await s.winOpportunity(o.id, by: number, StepContext(actor: assistant, now: now - ago / 2))
                    }
                    continue
                }
                let path = Opportunity.Stage.open.prefix(while: { $0 != p.stage }).dropFirst()
                for (k, stage) in path.enumerated() {
                    try await step(OpportunityProcess.Action.move(to: stage)!, ago: ago - Int64(k + 1) * 2 * day)
                }
                if p.stage == .lost {
                    try await step(.toNeeds, ago: ago - day)
                    try await step(.lose, StepInput(reason: "预算冻结，项目推迟到明年", winner: "竞争对手报价低 15%"), ago: 10 * day)
                } else if p.stage != .contact {
                    try await step(
                        OpportunityProcess.Action.move(to: p.stage)!, StepInput(comment: "客户确认进入下一阶段"), ago: 3 * day)
                }
            }
        }
        // Leads.
        let rep1 = actor("rep1")
        let regions = try await self.regions()
        func lead(_ input: LeadInput, by: Actor, ago: Int64) async throws -> Lead {
            try await with(AuditContext(by)).createLead(input, by: by, now: now - ago)
        }
        for (i, (company, contact, need)) in [
            ("杭州云栖数据科技有限公司", "周敏", "想了解贵司 ERP 的云部署方案和报价"), ("苏州工业园区精密模具有限公司", "钱立", "MES 选型，计划明年一季度上线"),
        ].enumerated() {
            _ = try await submitWebLead(
                Lead(source: .webForm, company: company, contactName: contact, phone: "1390000\(1000 + i)", need: need),
                sender: "203.0.113.\(10 + i)", now: now - Int64(i + 1) * 3_600_000)
        }
        let due = try await lead(
            LeadInput(
                source: "exhibition", company: "宁波港联物流有限公司", contactName: "孙浩", phone: "0574-88886666",
                need: "仓储管理系统改造", regionId: regions.first.map { String($0.id) },
                nextFollowUp: DateText.day(now / 1000)), by: rep1, ago: 6 * day)
        _ = try await with(AuditContext(rep1)).actOnLead(
            id: due.id, .followUp, StepInput(date: DateText.day(now / 1000), text: "电话沟通，约下周演示"), version: nil,
            by: rep1, now: now - 3 * day)
        _ = try await lead(
            LeadInput(
                source: "referral", company: "合肥新能动力电池有限公司", contactName: "吴静", email: "wujing@example.com",
                need: "老客户介绍，关注质量追溯"), by: rep1, ago: 2 * day)
        // A campaign response from a customer rep1 already has: qualifying links it (matched as duplicates are).
        let known = try await customers(
            CustomerFilter(ownerId: rep1.id), ListQuery(limit: 1, sortField: "id", descending: true), for: rep1
        ).items[0].customer
        let assigned = try await lead(
            LeadInput(
                source: "campaign", company: known.name, contactName: "郑凯", phone: "13812345678",
                need: "春季推广会现场登记，新工厂 MES 需求"), by: manager, ago: 9 * day)
        _ = try await with(AuditContext(manager)).actOnLead(
            id: assigned.id, .assign, StepInput(ownerId: String(rep1.id)), version: nil, by: manager, now: now - 8 * day
        )
        _ = try await with(AuditContext(rep1)).actOnLead(
            id: assigned.id, .qualify, StepInput(title: "\(known.name.prefix(4))新工厂 MES 项目", amount: "560000"),
            version: nil, by: rep1, now: now - 4 * day)
        let dropped = try await lead(
            LeadInput(source: "frontline", company: "常州某五金店", contactName: "老李", phone: "13900001111", need: "询问单机版价格"),
            by: rep1, ago: 12 * day)
        _ = try await with(AuditContext(rep1)).actOnLead(
            id: dropped.id, .discard, StepInput(reason: "个体商户，不在目标客户范围"), version: nil, by: rep1, now: now - 11 * day)
    }
}
