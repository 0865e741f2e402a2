import FluentKit
import Foundation
import FrontlineCore
import SQLKit

extension Store {
    /// Complaints in every state, taken in by the business assistant and the reps and handled by the department that
    /// owns each through the same steps the pages take: two to acknowledge (one long past its target), some being handled,
    /// one waiting on the customer, two waiting for the customer's confirmation, closed ones, and compensations
    /// waiting for approval, approved to pay, and paid.
    func seedComplaints() async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let assistant = actor("assistant"), manager = actor("manager"), rep1 = actor("rep1"), cs1 = actor("cs1"),
            csManager = actor("csmanager")
        let finance = actor("finance")
        let customers = try await sql.select().columns("id", "owner_id").from("customers").orderBy("id").all()
            .map {
                (
                    id: try $0.decode(column: "id", as: Int64.self),
                    owner: try $0.decode(column: "owner_id", as: Int64?.self)
                )
            }
        let mine = customers.filter { $0.owner == rep1.id }.map(\.id),
            others = customers.filter { $0.owner != nil && $0.owner != rep1.id }.map(\.id)
        guard !mine.isEmpty, !others.isEmpty else { return }
        let product = try await sql.select().column("id").from("products").orderBy("id").first()?.decode(
            column: "id", as: Int64.self)
        let hour: Int64 = 3_600_000, day: Int64 = 86_400_000, now = Store.nowMillis()
        func take(
            _ by: Actor, _ customer: Int64, _ category: Complaint.Category, _ severity: Complaint.Severity,
            _ words: String, ago: Int64,
            channel: Complaint.Channel = .phone
        ) async throws -> Int64 {
            try await with(AuditContext(by)).createComplaint(
                ComplaintDraft(
                    customerId: String(customer), contactName: "王芳", channel: channel.rawValue,
                    category: category.rawValue,
                    productId: category == .product ? product.map(String.init) : nil, severity: severity.rawValue,
                    words: words),
                by: by, now: now - ago
            ).id
        }
        func step(_ id: Int64, _ a: ComplaintProcess.Action, _ by: Actor, _ input: StepInput = StepInput(), ago: Int64)
            async throws
        {
            _ = try await with(AuditContext(by)).actOnComplaint(id: id, a, input, version: nil, by: by, now: now - ago)
        }
        let ack = StepInput(text: "已收到您的投诉，我们将在两个工作日内给出处理方案。")
        // To acknowledge: a critical product fault taken in ten days ago, past its target in working time whenever the
        // demo is loaded (two days back from a Monday morning are a weekend, with no working time in it; ten days hold
        // working days even across the Spring Festival), and a fresh after-sales one.
        _ = try await take(assistant, mine[0], .product, .critical, "新上线的采集模块频繁死机，产线停了两次，请立即处理！", ago: 10 * day)
        _ = try await take(rep1, mine[0], .afterSales, .normal, "维保工程师上次来没有带备件，白跑一趟。", ago: 1 * hour, channel: .visit)
        // Being handled: one by the Market Department, one by Customer Service.
        let billing = try await take(
            assistant, others[0], .billing, .normal, "发票金额与合同不符，多开了 2,000 元。", ago: 3 * day, channel: .email)
        try await step(billing, .acknowledge, assistant, ack, ago: 3 * day - 2 * hour)
        let works = try await take(
            assistant, mine[1 % mine.count], .engineering, .high, "施工队把机房地板弄坏了，至今没人修。", ago: 2 * day)
        try await step(works, .acknowledge, cs1, ack, ago: 2 * day - hour)
        // Waiting on the customer.
        let waiting = try await take(
            assistant, others[0], .afterSales, .low, "报修电话总是占线。", ago: 4 * day, channel: .letter)
        try await step(waiting, .acknowledge, csManager, ack, ago: 4 * day - hour)
        try await step(waiting, .wait, csManager, StepInput(text: "请客户提供占线的时间段，以便核查话务记录。"), ago: 3 * day)
        // Resolved, waiting for the customer's confirmation.
        for (i, c) in [mine[0], others[0]].enumerated() {
            let id = try await take(
                assistant, c, .delivery, .normal, i == 0 ? "第二批设备比合同约定晚到了十天。" : "培训资料一直没有寄到。", ago: 6 * day)
            try await step(id, .acknowledge, assistant, ack, ago: 6 * day - hour)
            try await step(
                id, .resolve, assistant, StepInput(text: "已协调物流加急并向客户书面致歉。", rootCause: "供应商排产延误，未及时通知客户。"),
                ago: 5 * day)
        }
        // Closed with the customer's satisfaction.
        let closed = try await take(rep1, mine[0], .attitude, .low, "客服人员接电话态度生硬。", ago: 15 * day)
        try await step(closed, .acknowledge, manager, ack, ago: 15 * day - hour)
        try await step(
            closed, .resolve, manager, StepInput(text: "已约谈相关人员并回访客户。", rootCause: "新员工未经服务规范培训即上岗。"), ago: 14 * day)
        try await step(closed, .confirm, rep1, StepInput(confirmedBy: "王芳（信息中心主任）", satisfaction: "4"), ago: 13 * day)
        // Compensations: one waiting for the market manager, one approved and to be paid by finance, one paid.
        let pending = try await take(assistant, mine[0], .product, .high, "网关批量故障，客户要求赔偿停产损失。", ago: 5 * day)
        try await step(pending, .acknowledge, assistant, ack, ago: 5 * day - hour)
        try await step(
            pending, .requestCompensation, assistant, StepInput(text: "按合同约定赔偿停产损失的一半。", amount: "8000"), ago: 4 * day)
        let approved = try await take(assistant, others[0], .product, .normal, "报表导出错误导致客户重复对账。", ago: 9 * day)
        try await step(approved, .acknowledge, assistant, ack, ago: 9 * day - hour)
        try await step(
            approved, .resolve, assistant, StepInput(text: "已发布修复版本。", rootCause: "导出模块的四舍五入错误。"), ago: 8 * day)
        try await step(
            approved, .requestCompensation, assistant, StepInput(text: "补偿客户两天的对账人工。", amount: "3000"), ago: 8 * day)
        let paid = try await take(assistant, mine[0], .billing, .normal, "维保费重复扣款。", ago: 20 * day)
        try await step(paid, .acknowledge, assistant, ack, ago: 20 * day - hour)
        try await step(
            paid, .requestCompensation, assistant, StepInput(text: "退还重复扣款并补偿利息。", amount: "1200"), ago: 19 * day)
        for id in [approved, paid] {
            guard let a = try await complaint(id: id, for: manager)?.compensationApprovalId else { continue }
            _ = try await with(AuditContext(manager)).decide(
                approvalId: a, .approve, comment: "同意，按合同条款执行。", by: manager)
        }
        try await step(
            paid, .payCompensation, finance, StepInput(date: DateText.day((now - 17 * day) / 1000)), ago: 17 * day)
        try await step(paid, .resolve, assistant, StepInput(text: "已退款并致歉。", rootCause: "扣款系统重复提交。"), ago: 17 * day)
        try await step(paid, .confirm, assistant, StepInput(confirmedBy: "李强（采购经理）", satisfaction: "5"), ago: 16 * day)
    }
}
