import FluentKit
import Foundation
import FrontlineCore
import SQLKit

extension Store {
    /// Implementations in every state, made through the same steps Customer Service and the market manager take:
    /// one under way with a milestone overdue, one held up by an obstacle report waiting for the market manager, one
    /// whose report he answered (the Market Department now acts on it), one ready to complete and one completed.
    func seedImplementations(_ contracts: [Contract], folder: FileFolder) async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let csManager = actor("csmanager"), cs1 = actor("cs1"), manager = actor("manager"), rep1 = actor("rep1")
        var ids: [Int64] = []
        for k in contracts {
            if let i = try await implementation(contractId: k.id, for: csManager) { ids.append(i.id) }
        }
        guard ids.count == 5 else { return }
        func step(_ id: Int64, _ a: ImplementationProcess.Action, _ by: Actor, _ input: StepInput = StepInput())
            async throws
        {
            _ = try await with(AuditContext(by)).actOnImplementation(id: id, a, input, version: nil, by: by)
        }
        func milestone(_ id: Int64, _ title: String) async throws -> Int64 {
            try await milestones(id).first { $0.title == title }!.id
        }
        let today = DateText.today(), day = 86_400 as Int64, now = Store.now()
        func plan(_ id: Int64, _ kind: ImplementationMilestone.Kind, _ title: String, _ dueIn: Int64, pay: Int? = nil)
            async throws
        {
            try await step(
                id, .plan, cs1,
                StepInput(
                    kind: kind.rawValue, title: title, due: DateText.day(now + dueIn * day),
                    paymentSeq: pay.map(String.init)))
        }
        func accept(_ id: Int64) async throws {
            let doc = try await with(AuditContext(cs1)).addAttachment(
                entity: "implementation", entityId: id, name: "验收单.pdf", bytes: Array("客户签字盖章的验收单".utf8),
                folder: folder, by: cs1)
            try await step(
                id, .completeMilestone, cs1,
                StepInput(
                    comment: "客户项目经理签字", date: today, milestoneId: String(try await milestone(id, "客户验收")),
                    documentId: String(doc.id)))
        }
        // Under way: deployed, the training overdue, the acceptance ahead.
        try await step(ids[0], .assign, csManager, StepInput(engineers: [String(cs1.id)]))
        try await plan(ids[0], .deployment, "系统部署", -10)
        try await plan(ids[0], .training, "管理员培训", -2)
        try await plan(ids[0], .acceptance, "客户验收", 20, pay: 2)
        try await step(
            ids[0], .completeMilestone, cs1,
            StepInput(
                comment: "生产环境上线", date: DateText.day(now - 9 * day),
                milestoneId: String(try await milestone(ids[0], "系统部署"))))
        // Held up: the customer's site is not ready; the report waits for the market manager's answer.
        try await step(ids[1], .assign, csManager, StepInput(engineers: [String(cs1.id)]))
        try await plan(ids[1], .deployment, "系统部署", 5)
        try await step(ids[1], .reportObstacle, cs1, StepInput(text: "客户机房改造未完成，服务器无法上架，已停工一周；客户方项目负责人更换，无人签字确认。"))
        // Answered: the Market Department now acts on that report, and says what it did.
        try await step(ids[2], .assign, csManager, StepInput(engineers: [String(cs1.id)]))
        try await step(ids[2], .reportObstacle, cs1, StepInput(text: "客户要求增加合同外的三个接口，否则不予验收。"))
        let report = try await obstacles(ids[2])[0].id
        try await step(
            ids[2], .answerObstacle, manager,
            StepInput(obstacleId: String(report), answer: "由销售代表与客户商谈，接口另签补充合同，本合同按原范围验收。"))
        try await step(ids[2], .marketNote, rep1, StepInput(obstacleId: String(report), text: "已拜访客户信息部，对方同意接口另行立项。"))
        // Every milestone done, the acceptance among them: ready to complete.
        try await step(ids[3], .assign, csManager, StepInput(engineers: [String(cs1.id)]))
        try await plan(ids[3], .deployment, "网关安装调试", -15)
        try await plan(ids[3], .acceptance, "客户验收", -1, pay: 2)
        try await step(
            ids[3], .completeMilestone, cs1,
            StepInput(date: DateText.day(now - 14 * day), milestoneId: String(try await milestone(ids[3], "网关安装调试"))))
        try await accept(ids[3])
        // Completed.
        try await step(ids[4], .assign, csManager, StepInput(engineers: [String(cs1.id)]))
        try await plan(ids[4], .training, "用户培训", -20)
        try await plan(ids[4], .acceptance, "客户验收", -3, pay: 2)
        try await step(
            ids[4], .completeMilestone, cs1,
            StepInput(date: DateText.day(now - 19 * day), milestoneId: String(try await milestone(ids[4], "用户培训"))))
        try await accept(ids[4])
        try await step(ids[4], .complete, csManager, StepInput(comment: "项目关闭，转入售后维保"))
    }
}
