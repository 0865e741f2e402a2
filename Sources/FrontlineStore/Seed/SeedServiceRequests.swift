import FluentKit
import Foundation
import FrontlineCore
import SQLKit

extension Store {
    /// Service requests in every state, asked by the reps and answered by Customer Service through the same steps
    /// the pages take: two waiting for a verdict (one past its response target), two judged feasible (one with
    /// conditions), two under way with a work log, one waiting on the customer, two waiting for the customer's
    /// confirmation, one closed, one judged not feasible, one withdrawn.
    func seedServiceRequests() async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let csManager = actor("csmanager"), cs1 = actor("cs1"), rep1 = actor("rep1"), rep2 = actor("rep2")
        let customers = try await sql.select().columns("id", "owner_id").from("customers").orderBy("id").all()
            .map {
                (
                    id: try $0.decode(column: "id", as: Int64.self),
                    owner: try $0.decode(column: "owner_id", as: Int64?.self)
                )
            }
        let rep1Customers = customers.filter { $0.owner == rep1.id }.map(\.id),
            rep2Customers = customers.filter { $0.owner == rep2.id }.map(\.id)
        guard !rep1Customers.isEmpty, !rep2Customers.isEmpty else { return }
        let hour: Int64 = 3_600_000, day: Int64 = 86_400_000, now = Store.nowMillis()
        func ask(
            _ by: Actor, _ customer: Int64, _ kind: ServiceRequest.Kind, _ title: String, _ detail: String, ago: Int64,
            wished: Int64? = nil
        ) async throws -> Int64 {
            let choices = try await serviceRequestChoices(customerId: customer)
            let r = try await with(AuditContext(by)).createServiceRequest(
                ServiceRequestDraft(
                    kind: kind.rawValue, title: title, detail: detail, location: "客户现场",
                    wishedOn: wished.map { DateText.day((now + $0) / 1000) } ?? "",
                    customerId: String(customer), contractId: choices.contracts.keys.max().map(String.init)),
                by: by, now: now - ago)
            return r.id
        }
        func step(
            _ id: Int64, _ a: ServiceRequestProcess.Action, _ by: Actor, _ input: StepInput = StepInput(), ago: Int64
        ) async throws {
            _ = try await with(AuditContext(by)).actOnServiceRequest(
                id: id, a, input, version: nil, by: by, now: now - ago)
        }
        let feasible = StepInput(text: "现场条件具备，备件有库存。", verdict: ServiceRequest.Verdict.feasible.rawValue)
        func schedule(_ id: Int64, ago: Int64) async throws {
            try await step(
                id, .schedule, csManager,
                StepInput(
                    engineers: [String(cs1.id)], plan: "派工程师上门，先排查后处理，完成后请客户签字确认。",
                    startOn: DateText.day((now - ago) / 1000), endOn: DateText.day((now - ago + 3 * day) / 1000)),
                ago: ago)
        }
        // Waiting for a verdict: one fresh, one asked three working days ago and past its target.
        _ = try await ask(
            rep1, rep1Customers[0], .installation, "新增两台数据采集网关安装调试", "车间二期扩产，需要在 3 号线安装两台网关并接入现有平台。", ago: 1 * hour,
            wished: 10 * day)
        _ = try await ask(rep2, rep2Customers[0], .repair, "报表服务器无法访问", "客户反映自上周五起报表服务器无法登录，影响月底结账。", ago: 4 * day)
        // Judged feasible, one with conditions: Customer Service decides when.
        let a1 = try await ask(
            rep1, rep1Customers[1 % rep1Customers.count], .upgrade, "平台升级到 5.2 版本", "客户希望使用新版本的移动审批功能。", ago: 3 * day,
            wished: 20 * day)
        try await step(a1, .answer, cs1, feasible, ago: 2 * day)
        let a2 = try await ask(
            rep2, rep2Customers[1 % rep2Customers.count], .engineering, "机房综合布线改造", "新建机房需要综合布线及机柜安装。", ago: 5 * day)
        try await step(
            a2, .answer, csManager,
            StepInput(
                text: "可以施工，但客户须先完成机房装修和供电改造。", verdict: ServiceRequest.Verdict.conditional.rawValue,
                conditions: "客户完成机房装修并提供双路供电后进场。"), ago: 4 * day)
        // Under way, with the work log.
        for (i, c) in [rep1Customers[0], rep1Customers[2 % rep1Customers.count]].enumerated() {
            let id = try await ask(
                rep1, c, i == 0 ? .maintenance : .repair, i == 0 ? "年度巡检维护" : "门禁终端故障维修", "按维保合同进行季度巡检。",
                ago: (8 - Int64(i)) * day)
            try await step(id, .answer, cs1, feasible, ago: (7 - Int64(i)) * day)
            try await schedule(id, ago: (6 - Int64(i)) * day)
            try await step(
                id, .log, cs1,
                StepInput(date: DateText.day((now - 5 * day) / 1000), text: "完成服务器与网络设备巡检，更换一块故障硬盘。", hours: "3.5"),
                ago: 5 * day)
        }
        // Waiting on the customer: the clock paused.
        let w = try await ask(rep2, rep2Customers[0], .other, "数据迁移咨询", "客户拟将历史数据迁移到新平台，需要评估。", ago: 3 * day)
        try await step(w, .wait, cs1, StepInput(text: "请客户提供历史数据样本和字段说明。"), ago: 2 * day)
        // Resolved, waiting for the customer's confirmation (two: one to confirm, one the customer may reopen).
        for (i, c) in [rep1Customers[3 % rep1Customers.count], rep2Customers[1 % rep2Customers.count]].enumerated() {
            let by = i == 0 ? rep1 : rep2
            let id = try await ask(by, c, .installation, i == 0 ? "打印服务器安装" : "考勤终端安装", "新办公区需要安装调试。", ago: 10 * day)
            try await step(id, .answer, cs1, feasible, ago: 9 * day)
            try await schedule(id, ago: 9 * day)
            try await step(
                id, .log, cs1, StepInput(date: DateText.day((now - 8 * day) / 1000), text: "设备安装完成并联调。", hours: "6"),
                ago: 8 * day)
            try await step(id, .resolve, cs1, StepInput(text: "安装调试完成，客户试用正常。"), ago: 7 * day)
        }
        // Closed with the customer's confirmation.
        let closed = try await ask(rep1, rep1Customers[0], .repair, "生产看板显示异常", "看板数据不刷新。", ago: 20 * day)
        try await step(closed, .answer, cs1, feasible, ago: 20 * day - 2 * hour)
        try await schedule(closed, ago: 19 * day)
        try await step(
            closed, .log, cs1, StepInput(date: DateText.day((now - 19 * day) / 1000), text: "重启采集服务并修复配置。", hours: "2"),
            ago: 19 * day)
        try await step(closed, .resolve, cs1, StepInput(text: "看板已恢复正常刷新。"), ago: 19 * day)
        try await step(closed, .confirm, rep1, StepInput(confirmedBy: "王芳（信息中心主任）", satisfaction: "5"), ago: 18 * day)
        // Not feasible, and withdrawn.
        let no = try await ask(
            rep2, rep2Customers[0], .engineering, "更换全部老旧终端为第三方品牌", "客户要求更换为非我司认证的第三方终端。", ago: 12 * day)
        try await step(
            no, .answer, csManager,
            StepInput(text: "第三方终端未经兼容性认证，无法保证运行，不予施工。", verdict: ServiceRequest.Verdict.notFeasible.rawValue),
            ago: 11 * day)
        let back = try await ask(
            rep1, rep1Customers[1 % rep1Customers.count], .other, "临时技术支持", "客户活动期间需要驻场支持。", ago: 6 * day)
        try await step(back, .withdraw, rep1, StepInput(comment: "客户活动取消"), ago: 5 * day)
    }
}
