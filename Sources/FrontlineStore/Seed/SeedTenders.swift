import Foundation
import FrontlineCore
import SQLKit

/// Demo tenders in every state, made through the same steps people take (files go into `folder`).
extension Store {
    func seedTenders(folder: FileFolder) async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let manager = actor("manager"), assistant = actor("assistant"), rep1 = actor("rep1"), rep2 = actor("rep2")
        let cs1 = actor("cs1"), csManager = actor("csmanager"), finance = actor("finance")
        let customers = try await self.customers(
            CustomerFilter(), ListQuery(limit: 200, offset: 0, sortField: "id"), for: manager
        ).items.map(\.customer)
        let mine1 = customers.filter { $0.ownerId == rep1.id }, mine2 = customers.filter { $0.ownerId == rep2.id }
        let now = Store.now()
        let reviewers = [String(manager.id), String(cs1.id)]

        func open(_ c: Customer, _ title: String, _ no: String, days: Int64, bid: String, deposit: String) async throws
            -> Tender
        {
            try await with(AuditContext(assistant)).createTender(
                TenderInput(
                    customerId: String(c.id), title: title, tenderNo: no, agency: "华东招标代理有限公司",
                    deadline: DateText.day(now + days * 86_400) + " 09:30", bidAmount: bid, depositAmount: deposit),
                by: assistant)
        }
        func step(_ t: Tender, _ a: TenderProcess.Action, _ by: Actor, _ input: TenderStepInput = TenderStepInput())
            async throws -> Tender
        {
            try await with(AuditContext(by)).actOnTender(id: t.id, a, input, version: nil, folder: folder, by: by)
        }
        func file(_ t: Tender, _ part: Tender.Part, _ by: Actor, _ name: String, _ note: String = "") async throws {
            let text = "\(t.title)\n\(Catalog.text(part.labelKey, [:], .zhCN))（\(name)）\n\(note)\n"
            _ = try await with(AuditContext(by)).addTenderFile(
                tenderId: t.id, part: part, name: name, bytes: Array(text.utf8), note: note, folder: folder, by: by)
        }
        /// Engineer assigned and the three parts written.
        func written(_ t: Tender) async throws -> Tender {
            let t = try await step(t, .assign, csManager, TenderStepInput(engineerId: String(cs1.id)))
            try await file(t, .commercial, assistant, "商务标.pdf", "初稿")
            try await file(t, .quotation, assistant, "报价一览表.xlsx")
            try await file(t, .technical, cs1, "技术方案.pdf", "按招标文件第五章编写")
            return t
        }
        func passed(_ t: Tender) async throws -> Tender {
            var t = try await step(try await written(t), .openReview, assistant, TenderStepInput(reviewers: reviewers))
            t = try await step(t, .review, manager, TenderStepInput(opinion: "approve"))
            return try await step(t, .review, cs1, TenderStepInput(comment: "技术偏离表已核对", opinion: "approve"))
        }
        func submitted(_ t: Tender) async throws -> Tender {
            var t = try await passed(t)
            if t.deposit == .unpaid { t = try await step(t, .payDeposit, finance, TenderStepInput(comment: "银行转账")) }
            t = try await step(t, .assemble, assistant)
            return try await step(t, .submit, assistant, TenderStepInput(comment: "现场递交，已取得回执"))
        }

        // The bidder named on every package's cover.
        try await sql.delete(from: "settings").where("key", .equal, "company.name").run()
        try await sql.insert(into: "settings").columns("key", "value", "version", "updated_at", "updated_by")
            .values(
                SQLBind("company.name"), SQLBind("杭州前线软件科技有限公司"), SQLBind(1), SQLBind(Store.nowMillis()),
                SQLBind(Optional<Int64>.none)
            ).run()
        // The templates the assistant keeps.
        for (name, text) in [
            ("商务标模板.docx", "商务标：投标函、法定代表人授权书、资格证明文件、商务偏离表"), ("技术标模板.docx", "技术标：需求理解、总体方案、实施计划、技术偏离表"),
            ("报价一览表模板.xlsx", "序号、名称、规格、数量、单价、合价"),
        ] {
            _ = try await with(AuditContext(assistant)).addAttachment(
                entity: TenderAccess.templateEntity, entityId: 0, name: name, bytes: Array(text.utf8), folder: folder,
                by: assistant)
        }
        // Being prepared: nothing written yet, the technical bid not yet assigned.
        _ = try await open(mine1[0], "智能工厂营销数字化平台", "HDZB-2026-1187", days: 12, bid: "", deposit: "20000")
        // Due in two days, parts partly rewritten, deposit paid: it shows on the owners' home pages.
        var urgent = try await written(
            try await open(mine1[1], "园区客户服务平台", "SHCG-2026-0452", days: 2, bid: "468000", deposit: "10000"))
        try await file(urgent, .commercial, assistant, "商务标.pdf", "按澄清函修改付款条件")
        urgent = try await step(urgent, .payDeposit, assistant)
        // In bid review: the manager has approved, Customer Service not yet.
        let reviewing = try await step(
            try await written(
                try await open(mine1[2], "集团渠道管理系统", "JTZB-2026-0078", days: 6, bid: "860000", deposit: "")),
            .openReview,
            assistant, TenderStepInput(reviewers: reviewers))
        _ = try await step(reviewing, .review, manager, TenderStepInput(comment: "报价在授权范围内", opinion: "approve"))
        // Returned by the review: Customer Service rejected the technical bid.
        var returned = try await step(
            try await written(
                try await open(mine2[0], "经销商门户二期", "BJZB-2026-0311", days: 9, bid: "236000", deposit: "5000")),
            .openReview,
            assistant, TenderStepInput(reviewers: reviewers))
        returned = try await step(
            returned, .review, cs1, TenderStepInput(comment: "接口数量与招标文件不符，须补充偏离说明", opinion: "reject"))
        _ = try await step(returned, .review, manager, TenderStepInput(opinion: "approve"))
        // Review passed and the package assembled, ready to hand in tomorrow.
        _ = try await step(
            try await passed(
                try await open(mine2[1], "全国服务网点管理系统", "ZGCG-2026-1520", days: 1, bid: "1280000", deposit: "")),
            .assemble, assistant)
        // Review passed, the package not yet assembled.
        _ = try await passed(
            try await open(mine1[0], "客户服务热线升级", "HDZB-2026-1230", days: 10, bid: "152000", deposit: ""))
        // A second one handed in, waiting for the opening.
        _ = try await submitted(
            try await open(mine2[1], "渠道培训平台", "BJZB-2026-0333", days: 2, bid: "96000", deposit: ""))
        // Submitted, waiting for the opening.
        _ = try await submitted(
            try await open(mine1[3], "售后工单系统升级", "HDZB-2026-1203", days: 4, bid: "312000", deposit: "8000"))
        // Won: it opened a contract draft; the deposit came back.
        let won = try await step(
            try await submitted(
                try await open(mine2[2], "营销管理系统采购", "BJZB-2026-0266", days: 3, bid: "398000", deposit: "10000")), .win,
            assistant, TenderStepInput(comment: "中标通知书已收到"))
        _ = try await step(won, .refundDeposit, finance)
        // Lost to a competitor: deposit refunded. Another lost one forfeited its deposit.
        let lost = try await step(
            try await submitted(
                try await open(
                    mine1[4 % mine1.count], "客户数据中台", "HDZB-2026-1099", days: 5, bid: "560000", deposit: "12000")),
            .lose,
            assistant, TenderStepInput(reason: "价格分落后 4.2 分，技术分持平", winner: "某国际 CRM 厂商", winningAmount: "498000"))
        _ = try await step(lost, .refundDeposit, finance)
        let forfeited = try await step(
            try await submitted(
                try await open(
                    mine2[3 % mine2.count], "渠道返利结算系统", "BJZB-2026-0290", days: 7, bid: "188000", deposit: "4000")),
            .lose,
            assistant, TenderStepInput(reason: "投标有效期内报价未获公司确认，被视为撤回投标", winner: "本地软件公司", winningAmount: ""))
        _ = try await step(forfeited, .forfeitDeposit, finance, TenderStepInput(comment: "招标人依招标文件第 3.4 条没收"))
        // Abandoned before the review.
        _ = try await step(
            try await open(mine2[4 % mine2.count], "呼叫中心改造", "BJZB-2026-0301", days: 8, bid: "", deposit: ""), .cancel,
            manager,
            TenderStepInput(comment: "资质要求（CMMI 5）不满足，放弃投标"))
    }
}
