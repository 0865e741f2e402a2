import FluentKit
import Foundation
import FrontlineCore
import SQLKit

extension Store {
    /// Pre-sales support in every state, asked by the reps and moved by the market manager and the CS manager through
    /// the same steps the pages take; two of cs1's bookings overlap — the conflict both managers see.
    func seedSupportRequests() async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let manager = actor("manager"), csManager = actor("csmanager"), cs1 = actor("cs1"), rep1 = actor("rep1"),
            rep2 = actor("rep2")
        let customers = try await sql.select().columns("id", "owner_id").from("customers").orderBy("id").all()
            .map {
                (
                    id: try $0.decode(column: "id", as: Int64.self),
                    owner: try $0.decode(column: "owner_id", as: Int64?.self)
                )
            }
        let mine = customers.filter { $0.owner == rep1.id }.map(\.id),
            theirs = customers.filter { $0.owner == rep2.id }.map(\.id)
        guard !mine.isEmpty, !theirs.isEmpty else { return }
        let hour: Int64 = 3_600_000, day: Int64 = 86_400_000, now = Store.nowMillis()
        // Whole hours, so that bookings read plainly.
        let base = (now / hour) * hour
        func ask(
            _ by: Actor, _ customer: Int64, _ kind: SupportRequest.Kind, _ title: String, inDays: Int64, ago: Int64
        ) async throws -> Int64 {
            try await with(AuditContext(by)).createSupportRequest(
                SupportRequestDraft(
                    kind: kind.rawValue, title: title, detail: "客户希望现场看到与其业务相关的演示。", customerId: String(customer),
                    wishedAt: DateText.minute((base + inDays * day) / 1000), hours: "3"),
                by: by, now: now - ago
            ).id
        }
        func step(
            _ id: Int64, _ a: SupportRequestProcess.Action, _ by: Actor, _ input: StepInput = StepInput(), ago: Int64
        ) async throws {
            _ = try await with(AuditContext(by)).actOnSupportRequest(
                id: id, a, input, version: nil, by: by, now: now - ago)
        }
        func allocate(_ id: Int64, at: Int64, hours: Int64, ago: Int64) async throws {
            try await step(
                id, .allocate, csManager,
                StepInput(
                    engineerId: String(cs1.id),
                    startsAt: DateText.minute((base + at) / 1000),
                    endsAt: DateText.minute((base + at + hours * hour) / 1000)), ago: ago)
        }
        // Waiting for the market manager (two), and one he returned.
        _ = try await ask(rep1, mine[0], .demo, "营销平台移动端演示", inDays: 5, ago: 2 * hour)
        _ = try await ask(rep2, theirs[0], .exchange, "与客户信息中心的技术交流", inDays: 7, ago: 3 * hour)
        let returned = try await ask(rep1, mine[1 % mine.count], .solution, "集团级部署方案", inDays: 10, ago: day)
        try await step(returned, .returnToRep, manager, StepInput(comment: "请先确认客户的预算和范围再申请"), ago: day - hour)
        // With Customer Service, to allocate (two).
        for (i, c) in [mine[0], theirs[0]].enumerated() {
            let id = try await ask(
                i == 0 ? rep1 : rep2, c, .bid, i == 0 ? "投标技术答疑支持" : "技术标书评审支持", inDays: 6, ago: 2 * day)
            try await step(id, .endorse, manager, StepInput(comment: "重点项目"), ago: 2 * day - hour)
        }
        // Allocated: two of cs1's bookings overlap (the conflict), a third does not.
        for (i, (c, at)) in [(mine[0], 2 * day), (theirs[0], 2 * day + hour), (mine[1 % mine.count], 4 * day)]
            .enumerated()
        {
            let id = try await ask(
                i == 1 ? rep2 : rep1, c, i == 2 ? .solution : .demo, ["现场产品演示", "远程演示与答疑", "方案设计评审"][i], inDays: 2,
                ago: 3 * day)
            try await step(id, .endorse, manager, ago: 3 * day - hour)
            try await allocate(id, at: at, hours: 3, ago: 3 * day - 2 * hour)
        }
        // Done: the outcome on the customer's timeline; declined; cancelled.
        let done = try await ask(rep1, mine[0], .exchange, "数据平台技术交流", inDays: 1, ago: 10 * day)
        try await step(done, .endorse, manager, ago: 10 * day - hour)
        try await allocate(done, at: -9 * day, hours: 2, ago: 10 * day - 2 * hour)
        try await step(done, .recordOutcome, cs1, StepInput(text: "客户认可数据平台架构，要求下周提供正式方案和报价。"), ago: 9 * day - 3 * hour)
        let declined = try await ask(rep2, theirs[0], .demo, "第三方系统集成演示", inDays: 3, ago: 5 * day)
        try await step(declined, .endorse, manager, ago: 5 * day - hour)
        try await step(declined, .decline, csManager, StepInput(comment: "该第三方系统没有测试环境，无法演示"), ago: 4 * day)
        let cancelled = try await ask(rep1, mine[0], .demo, "年会期间演示", inDays: 8, ago: 6 * day)
        try await step(cancelled, .cancel, rep1, StepInput(comment: "客户年会延期"), ago: 5 * day)
    }
}
