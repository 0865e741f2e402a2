import Foundation
import FrontlineCore

/// The demo company's price book, quotations in every state and approvals, made through the same store calls as
/// the pages and the API (so they follow the same rules and leave the same history).
extension Store {
    public func seedSales(folder: FileFolder) async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let manager = actor("manager"), assistant = actor("assistant"), rep1 = actor("rep1"), rep2 = actor("rep2"),
            gm = actor("gm")
        let book: [(String, String, String, String, String, String, String, String)] = [
            ("FL-CRM-STD", "Frontline 营销管理系统 标准版（50 用户）", "product", "套", "128000", "96000", "38000", "13"),
            ("FL-CRM-ENT", "Frontline 营销管理系统 企业版（不限用户）", "product", "套", "368000", "280000", "95000", "13"),
            ("FL-GW-100", "数据采集网关 GW-100", "product", "台", "8600", "7200", "4100", "13"),
            ("SVC-IMPL", "实施服务", "service", "人天", "2800", "2200", "1300", "6"),
            ("SVC-TRAIN", "用户培训（每期 20 人）", "service", "期", "12000", "9000", "4500", "6"),
            ("SVC-MAINT", "年度维保服务", "service", "年", "36000", "28800", "12000", "6"),
        ]
        var products: [String: Product] = [:]
        for (code, name, kind, unit, list, floor, cost, tax) in book {
            products[code] = try await with(AuditContext(assistant)).createProduct(
                ProductInput(
                    code: code, name: name, kind: kind, unit: unit, listPrice: list, floorPrice: floor, cost: cost,
                    taxRate: tax),
                by: assistant)
        }
        // Two price changes, with their reasons.
        let gw = products["FL-GW-100"]!
        products["FL-GW-100"] = try await with(AuditContext(assistant)).updateProduct(
            id: gw.id, version: gw.version,
            ProductInput(listPrice: "8800", floorPrice: "7400", cost: "4300", reason: "芯片涨价，成本上调 200 元"), by: assistant)
        let impl = products["SVC-IMPL"]!
        products["SVC-IMPL"] = try await with(AuditContext(manager)).updateProduct(
            id: impl.id, version: impl.version, ProductInput(listPrice: "3000", reason: "2026 年实施人天标准价调整"), by: manager)

        let customers = try await self.customers(
            CustomerFilter(), ListQuery(limit: 200, offset: 0, sortField: "id"), for: manager
        ).items
        let rep1Customers = customers.filter { $0.customer.ownerId == rep1.id }.map(\.customer)
        let rep2Customers = customers.filter { $0.customer.ownerId == rep2.id }.map(\.customer)
        func line(_ code: String, _ qty: String, _ discount: String) -> QuotationInput.Line {
            QuotationInput.Line(productId: String(products[code]!.id), quantity: qty, discount: discount)
        }
        func quote(_ by: Actor, _ customer: Customer, _ title: String, _ lines: [QuotationInput.Line]) async throws
            -> Quotation
        {
            try await with(AuditContext(by)).createQuotation(
                QuotationInput(
                    customerId: String(customer.id), title: title, terms: "含税价；付款方式：合同签订后付 30%，验收后付 60%，质保期满付 10%。",
                    lines: lines), by: by)
        }
        func act(_ q: Quotation, _ a: QuotationProcess.Action, _ by: Actor, _ comment: String = "") async throws
            -> Quotation
        {
            try await with(AuditContext(by)).actOnQuotation(id: q.id, a, comment: comment, version: nil, by: by)
        }
        func decide(_ q: Quotation, _ a: ApprovalProcess.Action, _ by: Actor, _ comment: String) async throws {
            let current = try await quotation(id: q.id, for: by)!.quotation
            _ = try await with(AuditContext(by)).decide(approvalId: current.approvalId!, a, comment: comment, by: by)
        }
        // Draft.
        _ = try await quote(
            rep1, rep1Customers[0], "二期扩容", [line("FL-CRM-STD", "1", "5"), line("SVC-IMPL", "10", "0")])
        // Sent within the standard discount, and one accepted.
        let sent = try await quote(
            rep1, rep1Customers[1], "营销系统升级", [line("FL-CRM-STD", "1", "8"), line("SVC-TRAIN", "1", "0")])
        _ = try await act(sent, .send, rep1)
        let won = try await quote(
            assistant, rep2Customers[0], "数据采集改造", [line("FL-GW-100", "20", "10"), line("SVC-IMPL", "6", "5")])
        _ = try await act(try await act(won, .send, assistant), .accept, assistant, "客户 11 月 20 日回函确认")
        // Accepted and not yet drafted into a contract: the next one to draft.
        let toDraft = try await quote(
            assistant, rep2Customers[0], "数据采集二期", [line("FL-GW-100", "10", "5"), line("SVC-TRAIN", "2", "0")])
        _ = try await act(try await act(toDraft, .send, assistant), .accept, assistant, "客户邮件确认")
        // Waiting for the market manager (within his limit) and for the GM (above it).
        let pendingManager = try await quote(
            rep1, rep1Customers[2], "集团营销平台", [line("FL-CRM-STD", "2", "15"), line("SVC-MAINT", "2", "10")])
        _ = try await act(pendingManager, .submit, rep1, "竞争对手报价低 12%，客户为重点 A 类")
        let pendingGM = try await quote(
            rep2, rep2Customers[1], "全国渠道营销平台", [line("FL-CRM-ENT", "2", "25"), line("SVC-IMPL", "60", "20")])
        _ = try await act(pendingGM, .submit, rep2, "战略客户，三年框架")
        // More waiting in the approvers' boxes: a second one for each approver, and one the rep may still take back.
        let pendingManager2 = try await quote(rep2, rep2Customers[2], "服务网点管理系统", [line("FL-CRM-STD", "1", "14")])
        _ = try await act(pendingManager2, .submit, rep2, "客户要求与去年同价")
        let pendingGM2 = try await quote(
            rep1, rep1Customers[0], "集团数据中台", [line("FL-CRM-ENT", "3", "22"), line("SVC-IMPL", "40", "15")])
        _ = try await act(pendingGM2, .submit, rep1, "集团统一采购，竞争激烈")
        let pendingManager3 = try await quote(rep1, rep1Customers[1], "营销系统扩容", [line("FL-CRM-STD", "1", "12")])
        _ = try await act(pendingManager3, .submit, rep1, "老客户续购")
        // Approved by the manager, ready to go out.
        let approved = try await quote(rep1, rep1Customers[3], "渠道门户", [line("FL-CRM-STD", "1", "18")])
        _ = try await act(approved, .submit, rep1, "年底冲量")
        try await decide(approved, .approve, manager, "同意，注意回款条件")
        // Rejected: back in draft with the reason.
        let rejected = try await quote(rep2, rep2Customers[2], "培训平台", [line("SVC-TRAIN", "3", "30")])
        _ = try await act(rejected, .submit, rep2, "客户预算有限")
        try await decide(rejected, .reject, manager, "折扣过大，请先与客户确认培训人数")
        // Declined, then revised into a second revision; and one cancelled.
        let declined = try await quote(
            rep2, rep2Customers[3 % rep2Customers.count], "网关替换", [line("FL-GW-100", "10", "5")])
        _ = try await act(try await act(declined, .send, rep2), .decline, rep2, "客户选择了竞品")
        _ = try await act(try await quotation(id: declined.id, for: rep2)!.quotation, .revise, rep2, "按新数量重新报价")
        let lost = try await quote(rep1, rep1Customers[1], "维保续约", [line("SVC-MAINT", "1", "5")])
        _ = try await act(try await act(lost, .send, rep1), .decline, rep1, "客户改用原厂维保")
        let cancelled = try await quote(
            assistant, rep1Customers[4 % rep1Customers.count], "临时询价", [line("SVC-MAINT", "1", "0")])
        _ = try await act(cancelled, .cancel, assistant, "客户取消采购计划")
        _ = gm
        try await seedContracts(wonQuotation: won.id, folder: folder)
    }

    /// Contracts in every state of the review, made through the same steps people take.
    func seedContracts(wonQuotation: Int64, folder: FileFolder) async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let manager = actor("manager"), assistant = actor("assistant"), rep1 = actor("rep1"), cs1 = actor("cs1"),
            csManager = actor("csmanager")
        let customers = try await self.customers(
            CustomerFilter(), ListQuery(limit: 200, offset: 0, sortField: "id"), for: manager
        ).items
        let rep1Customers = customers.filter { $0.customer.ownerId == rep1.id }.map(\.customer)
        let reviewers = [String(manager.id), String(cs1.id)]
        func draft(_ customer: Customer, _ title: String, _ amount: String, special: Bool = false) async throws
            -> Contract
        {
            try await with(AuditContext(assistant)).createContract(
                ContractInput(
                    customerId: String(customer.id), title: title, amount: amount,
                    costEstimate: String((Int(amount) ?? 0) / 2),
                    technicalAnnex: "系统部署于客户机房，含数据迁移与接口对接。", commercialTerms: "含税价，质保一年。", special: special),
                by: assistant)
        }
        func step(
            _ k: Contract, _ a: ContractProcess.Action, _ by: Actor, _ input: ContractStepInput = ContractStepInput()
        ) async throws -> Contract {
            try await with(AuditContext(by)).actOnContract(id: k.id, a, input, version: nil, by: by)
        }
        func review(_ k: Contract, _ by: Actor, _ opinion: String, _ comment: String = "") async throws -> Contract {
            try await step(k, .review, by, ContractStepInput(comment: comment, opinion: opinion))
        }
        func throughReview(_ k: Contract) async throws -> Contract {
            var k = try await step(k, .openReview, assistant, ContractStepInput(reviewers: reviewers))
            k = try await review(k, manager, "approve")
            return try await review(k, cs1, "approve")
        }
        func effective(_ k: Contract) async throws -> Contract {
            var k = try await throughReview(k)
            k = try await step(k, .signTechnical, csManager)
            k = try await step(k, .signCommercial, manager)
            return try await step(k, .takeEffect, assistant, ContractStepInput(customerSignedOn: DateText.today()))
        }
        // A draft from the accepted quotation.
        _ = try await with(AuditContext(assistant)).createContract(
            ContractInput(quotationId: String(wonQuotation)), by: assistant)
        // In review: the manager has answered, Customer Service not yet.
        let inReview = try await step(
            try await draft(rep1Customers[0], "二期扩容合同", "180000"), .openReview, assistant,
            ContractStepInput(reviewers: reviewers))
        _ = try await review(inReview, manager, "approve", "商务条款可接受")
        // A special contract waits for the review meeting.
        _ = try await throughReview(try await draft(rep1Customers[1], "集团框架协议（非标准条款）", "2400000", special: true))
        _ = try await throughReview(try await draft(rep1Customers[3], "数据采集平台总包合同（含分包条款）", "1650000", special: true))
        // A rejection also goes to the meeting; the manager's meeting sends it back with its minutes.
        var returned = try await step(
            try await draft(rep1Customers[2], "渠道门户合同", "98000"), .openReview, assistant,
            ContractStepInput(reviewers: reviewers))
        returned = try await review(returned, cs1, "reject", "接口范围未明确，工期不可行")
        returned = try await review(returned, manager, "approve_with_conditions", "须补充验收标准")
        _ = try await step(
            returned, .returnDraft, manager,
            ContractStepInput(meetingDate: DateText.today(), attendees: "李明、张丽、赵强、孙磊", minutes: "技术范围不清，退回补充接口清单后重新评审。")
        )
        // Approved, Customer Service has signed, the commercial signature is still missing.
        _ = try await step(
            try await throughReview(try await draft(rep1Customers[3], "数据采集网关采购合同", "156000")), .signTechnical, cs1)
        // In effect (handed to Customer Service), then amended: the amendment took effect and superseded it.
        let first = try await effective(try await draft(rep1Customers[4 % rep1Customers.count], "营销系统实施合同", "320000"))
        _ = try await step(first, .amend, assistant, ContractStepInput(comment: "增加 10 人天实施"))
        if let next = try await contracts(ContractFilter(q: first.number), limit: 5, for: manager).items.map(\.contract)
            .first(where: { $0.amendment == 1 })
        {
            let fixed = try await with(AuditContext(assistant)).updateContract(
                id: next.id, version: next.version,
                ContractInput(
                    amount: "350000",
                    milestones: ContractInput.standardMilestones(Money(yuan: 350_000)).map {
                        ContractInput.Milestone(name: $0.name, amount: $0.amount.decimalString, due: $0.due)
                    }), by: assistant)
            _ = try await effective(fixed)
        }
        // Another one simply in effect, and a cancelled draft.
        _ = try await effective(try await draft(rep1Customers[1], "年度维保合同", "36000"))
        _ = try await step(
            try await draft(rep1Customers[2], "临时采购合同", "12000"), .cancel, assistant, ContractStepInput(comment: "客户取消")
        )
        // Contracts in effect whose implementations show every state (SPEC §3.3).
        var implemented: [Contract] = []
        for (i, (title, amount)) in [
            ("营销平台部署合同", "260000"), ("渠道系统实施合同", "188000"), ("客服中心集成合同", "142000"), ("网关批量部署合同", "96000"),
            ("培训与验收服务合同", "54000"),
        ].enumerated() {
            implemented.append(
                try await effective(try await draft(rep1Customers[i % rep1Customers.count], title, amount)))
        }
        try await seedImplementations(implemented, folder: folder)
    }
}
