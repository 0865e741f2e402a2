import FluentKit
import Foundation
import FrontlineCore
import SQLKit

extension Store {
    /// The demo visits (来访接待): three to come (rep1 hosts one today, the manager one tomorrow, Customer Service a
    /// technical exchange), one received last week with how it went, one the customer cancelled.
    func seedVisits() async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let assistant = actor("assistant"), manager = actor("manager"), rep1 = actor("rep1"), rep2 = actor("rep2"),
            cs1 = actor("cs1")
        func first(_ rep: Actor) async throws -> Customer? {
            try await customers(CustomerFilter(ownerId: rep.id), ListQuery(limit: 1, sortField: "id"), for: rep).items
                .first?.customer
        }
        let c1 = try await first(rep1), c2 = try await first(rep2)
        let today = DateText.parseDay(DateText.today())!
        func at(_ dayOffset: Int64, _ time: String) -> String {
            DateText.day((today + dayOffset) * 86_400) + " " + time
        }
        func schedule(
            _ c: Customer?, _ visitors: String, _ purpose: String, _ from: String, _ to: String, host: Actor,
            place: String, arrangements: String
        ) async throws -> Visit {
            try await with(AuditContext(assistant)).scheduleVisit(
                VisitInput(
                    customerId: c.map { String($0.id) } ?? "", visitors: visitors, purpose: purpose, startsAt: from,
                    endsAt: to, hostId: String(host.id), place: place,
                    arrangements: arrangements), by: assistant)
        }
        _ = try await schedule(
            c1, "信息中心主任王芳等 3 人", "考察报表平台，洽谈二期", at(0, "14:00"), at(0, "16:30"), host: rep1, place: "公司二楼会议室",
            arrangements: "14:00 前台接待；会议室投影与样机；会后参观研发中心")
        _ = try await schedule(
            c2, "采购部经理及技术负责人 2 人", "年度框架协议商务谈判", at(1, "10:00"), at(1, "11:30"), host: manager, place: "总经理会议室",
            arrangements: "机场接站（航班 MU5137，09:05 到达）；午餐安排在公司餐厅")
        _ = try await schedule(
            c1, "客户运维工程师 4 人", "系统升级前的技术交流", at(3, "09:30"), at(3, "17:00"), host: cs1, place: "客户服务部培训室",
            arrangements: "全天培训室；两台测试机；工作餐")
        let done = try await schedule(
            c2, "副总经理一行 4 人", "回访与续约", at(-5, "09:00"), at(-5, "12:00"), host: rep2, place: "公司一楼接待室",
            arrangements: "接站、午宴")
        _ = try await with(AuditContext(rep2)).actOnVisit(
            id: done.id, .complete, StepInput(text: "客户对服务满意，同意续签三年维保，下周发合同。"), version: nil, by: rep2)
        let cancelled = try await schedule(
            c1, "财务总监", "付款条件沟通", at(-2, "15:00"), at(-2, "16:00"), host: rep1, place: "公司二楼会议室", arrangements: "")
        _ = try await with(AuditContext(assistant)).actOnVisit(
            id: cancelled.id, .cancel, StepInput(comment: "客户临时出差，改为电话沟通"), version: nil, by: assistant)
    }

    /// The demo gift register (馈赠登记): two declarations the business assistant has still to take in, one handed
    /// to the company, one given back.
    func seedGifts() async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let assistant = actor("assistant"), rep1 = actor("rep1"), rep2 = actor("rep2")
        func first(_ rep: Actor) async throws -> Customer? {
            try await customers(CustomerFilter(ownerId: rep.id), ListQuery(limit: 1, sortField: "id"), for: rep).items
                .first?.customer
        }
        guard let c1 = try await first(rep1), let c2 = try await first(rep2) else { return }
        let today = DateText.parseDay(DateText.today())!
        func day(_ offset: Int64) -> String { DateText.day((today + offset) * 86_400) }
        func declare(
            _ by: Actor, _ c: Customer, _ kind: String, _ what: String, _ value: String, _ on: String, note: String = ""
        ) async throws -> Gift {
            try await with(AuditContext(by)).declareGift(
                GiftInput(
                    customerId: String(c.id), kind: kind, description: what, value: value, offeredOn: on, note: note),
                by: by)
        }
        _ = try await declare(rep1, c1, "gift", "茶具一套", "680", day(-2), note: "项目验收后客户赠送")
        _ = try await declare(rep2, c2, "gift", "月饼礼盒两盒", "396", day(-1))
        let money = try await declare(rep2, c2, "money", "红包（现金）", "2000", day(-6), note: "当面无法推辞，次日交商务助理")
        _ = try await with(AuditContext(assistant)).actOnGift(
            id: money.id, .handOver, StepInput(comment: "已入公司账户", date: day(-5)), version: nil, by: assistant)
        let card = try await declare(rep1, c1, "money", "购物卡", "1000", day(-9))
        _ = try await with(AuditContext(assistant)).actOnGift(
            id: card.id, .giveBack, StepInput(comment: "购物卡按公司规定退还客户", date: day(-8)), version: nil, by: assistant)
    }
}

extension Store {
    /// The demo market intelligence (一线信息/市场调研): competitor news rep1 shares with rep2, a customer's feedback,
    /// a research report and the business assistant's evaluation of last quarter's advertising.
    func seedIntelligence() async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let assistant = actor("assistant"), rep1 = actor("rep1"), rep2 = actor("rep2")
        let c1 = try await customers(CustomerFilter(ownerId: rep1.id), ListQuery(limit: 1, sortField: "id"), for: rep1)
            .items.first?.customer
        func write(_ by: Actor, _ input: IntelligenceInput) async throws {
            _ = try await with(AuditContext(by)).createIntelligence(input, by: by)
        }
        try await write(
            rep1,
            IntelligenceInput(
                kind: "competitor", title: "某友商在华东推出零首付方案",
                body: "友商本月起对 50 万以下项目提供零首付、分 12 期付款，并承诺免费实施。已有两家客户询问我方能否跟进。\n建议：对重点客户给出分期方案，由市场部统一口径。",
                competitor: "华信软件", customerId: c1.map { String($0.id) }, sharedWith: [String(rep2.id)]))
        try await write(
            rep2,
            IntelligenceInput(
                kind: "customer_feedback", title: "客户对报表导出速度的意见", body: "三家客户反映月底导出大报表超过 5 分钟，希望二期优化。已转客户服务部评估。"))
        try await write(
            rep1,
            IntelligenceInput(
                kind: "research", title: "华东制造业信息化预算调研（2026 年第四季度）",
                body: "走访 12 家制造业客户：8 家明年预算持平或增加，重点在数据平台和国产化替代；4 家预算缩减。"))
        try await write(
            assistant,
            IntelligenceInput(
                kind: "ad_evaluation", title: "第三季度行业展会与线上广告效果评估",
                body: "展会带来线索 23 条，转为商机 6 个；线上广告线索 41 条，转为商机 3 个。展会单条线索成本更高，但转化率高出约 3 倍。建议明年保留两场重点展会、压缩线上投放。"))
    }
}

extension Store {
    /// The demo screenings (筛选客户): three proposals awaiting the GM (raise a customer to key account, mark one lost, lower one),
    /// one he approved.
    func seedScreenings() async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let manager = actor("manager"), gm = actor("gm")
        let list = try await customers(CustomerFilter(), ListQuery(limit: 6, sortField: "id"), for: manager).items.map(
            \.customer
        ).filter { !$0.archived }
        guard list.count >= 3 else { return }
        func propose(_ c: Customer, _ input: ScreeningInput) async throws -> Screening {
            var i = input
            i.customerId = String(c.id)
            return try await with(AuditContext(manager)).proposeScreening(i, by: manager)
        }
        let up = list.first { $0.tier != .a }!
        _ = try await propose(up, ScreeningInput(outcome: "tier", tier: "A", reason: "近两年合同额居区域前三，二期项目在谈，建议列为重点客户"))
        let quiet = list.first { $0.id != up.id && $0.status != .lost }!
        _ = try await propose(quiet, ScreeningInput(outcome: "status", status: "lost", reason: "连续两年无采购，联系人已离职，建议标为流失"))
        if let third = list.first(where: { $0.id != up.id && $0.id != quiet.id && $0.tier != .d }) {
            _ = try await propose(third, ScreeningInput(outcome: "tier", tier: "D", reason: "年采购额不足五万元，建议下调为 D 类"))
        }
        // The approved one changes a customer the other demo figures do not count: a pool customer's status.
        let unowned = try await sql.select().column("id").from("customers").where("owner_id", .is, SQLLiteral.null)
            .where("archived", .equal, false)
            .orderBy("id", .descending).first()?.decode(column: "id", as: Int64.self)
        if let id = unowned, let other = try await rawCustomer(id: id), other.status != .dormant {
            let done = try await propose(
                other, ScreeningInput(outcome: "status", status: "dormant", reason: "公海客户一年无人跟进，建议标为休眠"))
            _ = try await with(AuditContext(gm)).actOnScreening(
                id: done.id, .approve, StepInput(comment: "同意"), version: nil, by: gm)
        }
    }
}
