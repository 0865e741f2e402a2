import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// Demo and volume data. The demo company is written through the same store calls as real work, so it is
/// audited and validated; volume data goes in batches straight to the tables (one audit entry for the run).
extension Store {
    public static let demoPassword = "frontline2026"

    /// Whether the database has any user yet besides the system's own.
    public func isEmpty() async throws -> Bool {
        let system =
            try await sql.select().column("value").from("settings").where("key", .equal, Store.systemUserKey).first()
            .flatMap { Int64(try $0.decode(column: "value", as: String.self)) } ?? 0
        return try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users").where(
            "id", .notEqual, system
        ).first()?
        .decode(column: "n", as: Int.self) == 0
    }

    /// A valid unified social credit code from a 17-character body of digits.
    public static func creditCode(_ body: String) -> String {
        body + String(CreditCode.checkCharacter(for: body)!)
    }

    /// The demo company; tender documents go into `files`.
    public func seedDemo(files: FileFolder) async throws {
        let regions = [("EAST", "华东"), ("NORTH", "华北"), ("SOUTH", "华南"), ("WEST", "西南")]
        var regionIds: [String: Int64] = [:]
        for (code, name) in regions {
            regionIds[code] = try await createRegion(RegionInput(name: name, code: code)).id
        }
        let people: [(String, String, [Role], String?)] = [
            ("gm", "王建国", [.gm], nil),
            ("manager", "李明", [.marketManager], nil),
            ("assistant", "张丽", [.businessAssistant], nil),
            ("rep1", "陈伟", [.salesRep], "EAST"),
            ("rep2", "刘洋", [.salesRep], "NORTH"),
            ("csmanager", "赵强", [.csManager], nil),
            ("cs1", "孙磊", [.csEngineer], nil),
            ("finance", "周敏", [.finance], nil),
            ("admin", "系统管理员", [.admin], nil),
        ]
        var users: [String: User] = [:]
        for (username, name, roles, region) in people {
            users[username] = try await createUser(
                UserInput(
                    username: username, displayName: name, password: Store.demoPassword, roles: roles.map(\.rawValue),
                    regionId: region.flatMap { regionIds[$0] }.map(String.init), email: "\(username)@frontline.example")
            )
        }
        try await sql.update("regions").set("head_id", to: users["rep1"]!.id).where("code", .equal, "EAST").run()
        let rep1 = users["rep1"]!.actor, rep2 = users["rep2"]!.actor, assistant = users["assistant"]!.actor
        let customers: [(Actor, String, String, String, String, String, String)] = [
            (rep1, "上海浦江智能制造有限公司", "A", "制造业", "active", "上海市浦东新区张江路 88 号", "91310115"),
            (rep1, "杭州西湖数据科技有限公司", "B", "软件和信息技术服务", "active", "浙江省杭州市西湖区文三路 199 号", "91330106"),
            (rep1, "苏州恒信电子有限公司", "B", "电子元器件", "prospect", "江苏省苏州市工业园区星湖街 328 号", "91320594"),
            (rep1, "南京金陵医药集团有限公司", "A", "医药", "active", "江苏省南京市鼓楼区中山北路 10 号", "91320106"),
            (rep1, "宁波港城物流股份有限公司", "C", "物流", "dormant", "浙江省宁波市北仑区明州路 500 号", "91330206"),
            (rep2, "北京中关村云智软件有限公司", "A", "软件和信息技术服务", "active", "北京市海淀区中关村大街 27 号", "91110108"),
            (rep2, "天津滨海重工机械有限公司", "B", "装备制造", "active", "天津市滨海新区黄海路 56 号", "91120116"),
            (rep2, "河北冀东钢铁集团有限公司", "C", "钢铁", "prospect", "河北省唐山市丰润区钢城路 1 号", "91130208"),
            (rep2, "太原晋能电力工程有限公司", "D", "能源", "lost", "山西省太原市小店区长治路 300 号", "91140105"),
            (assistant, "广州珠江智慧城市科技有限公司", "B", "智慧城市", "prospect", "广东省广州市天河区珠江新城华夏路 8 号", "91440106"),
            (assistant, "成都天府软件园服务有限公司", "C", "园区服务", "prospect", "四川省成都市高新区天府大道中段 1268 号", "91510100"),
        ]
        let contactNames = [
            ("王芳", "信息中心主任"), ("李强", "采购经理"), ("张敏", "总经理"), ("刘杰", "IT 主管"), ("陈静", "财务经理"), ("杨洋", "项目经理"),
        ]
        let summaries = [
            ("visit", "outbound", "上门拜访，介绍新版本的营销管理方案，客户对合同评审流程很感兴趣。", "准备演示环境并约技术交流"),
            ("call", "inbound", "客户来电咨询年度维保续约的价格和服务范围。", "发送续约报价"),
            ("meeting", "outbound", "与客户信息中心开需求梳理会，确认三个业务部门的使用场景。", "提交需求确认书"),
            ("email", "outbound", "发送产品彩页和成功案例。", ""),
            ("letter", "inbound", "收到客户关于项目进度的书面问询函。", "协调客户服务部书面答复"),
        ]
        let now = Store.nowSeconds()
        for (i, (owner, name, tier, industry, status, address, prefix)) in customers.enumerated() {
            // The office's own prospects are filed under their province's region: 广东 is 华南, 四川 西南.
            let regionId = owner.regionId ?? (address.hasPrefix("广东") ? regionIds["SOUTH"] : regionIds["WEST"])
            let c = try await createCustomer(
                CustomerInput(
                    name: name, tier: tier, industry: industry, regionId: regionId.map(String.init), status: status,
                    address: address, creditCode: Store.creditCode(prefix + String(format: "%09d", 100_000 + i * 7919)),
                    notes: i == 0 ? "重点客户，年度合同额目标 300 万元。" : ""), by: owner)
            var contactIds: [Int64] = []
            for j in 0..<(2 + i % 2) {
                let (cn, title) = contactNames[(i + j) % contactNames.count]
                let k = try await addContact(
                    customerId: c.id,
                    ContactInput(
                        name: cn, title: title, phone: "021-6\(String(format: "%07d", 1_000_000 + i * 37 + j))",
                        mobile: "13\(8 - j)\(String(format: "%08d", 10_000_000 + i * 1013 + j * 7))",
                        email: "contact\(j + 1)@customer\(i + 1).example.cn", isPrimary: j == 0), by: owner)
                contactIds.append(k.id)
            }
            for j in 0..<(2 + i % 3) {
                let (kind, dir, summary, next) = summaries[(i + j) % summaries.count]
                let when = now - Int64((j * 6 + i % 5 + 1) * 86_400) - Int64(i * 3600)
                let nextDate = next.isEmpty ? "" : DateText.day(now + Int64((j == 0 ? i % 6 : -3) * 86_400))
                _ = try await addCommunication(
                    customerId: c.id,
                    CommunicationInput(
                        kind: kind, direction: dir, occurredAt: DateText.minute(when), summary: summary, nextStep: next,
                        nextStepDate: nextDate, contactId: String(contactIds[j % contactIds.count])), by: owner)
            }
        }
        try await seedSales(folder: files)
        try await seedTenders(folder: files)
        try await seedServiceRequests()
        try await seedComplaints()
        try await seedSupportRequests()
        try await seedTrainings()
        try await seedOpportunities()
        try await seedPool()
        try await seedActionPlans()
        try await seedVisits()
        try await seedGifts()
        try await seedIntelligence()
        try await seedScreenings()
    }

    /// Adds `count` customers (with two contacts and two communications each) spread over reps and regions,
    /// in batches; `progress` is told how many are done.
    public func seedScale(_ count: Int, progress: @Sendable (Int) -> Void) async throws {
        var reps = try await users().filter { $0.roles.contains(.salesRep) && $0.active }
        let regions = try await self.regions()
        guard !regions.isEmpty else { return }
        // Volume needs more than two reps: add reps scaleN, one region each in turn.
        let wanted = max(20, reps.count)
        var n = 1
        while reps.count < wanted {
            let name = "scale\(n)"
            n += 1
            if try await userRow(where: "username", name) != nil { continue }
            reps.append(
                try await createUser(
                    UserInput(
                        username: name, displayName: "业务代表\(n - 1)", password: Store.demoPassword, roles: ["sales_rep"],
                        regionId: String(regions[reps.count % regions.count].id))))
        }
        let allReps = reps
        let start =
            try await sql.select().column(
                SQLFunction("COALESCE", args: SQLFunction("MAX", args: SQLColumn("id")), SQLLiteral.numeric("0")),
                as: "n"
            )
            .from("customers").first()?.decode(column: "n", as: Int64.self) ?? 0
        let prefixes = ["华信", "中科", "东方", "金桥", "瑞达", "恒通", "天成", "博远", "新创", "联合", "海纳", "启明", "鼎盛", "宏图", "安泰"]
        let cities = ["上海", "北京", "杭州", "南京", "苏州", "天津", "广州", "深圳", "成都", "武汉", "西安", "青岛"]
        let trades = [("软件", "软件和信息技术服务"), ("智能制造", "制造业"), ("医药", "医药"), ("物流", "物流"), ("能源", "能源"), ("电子", "电子元器件")]
        let tiers = ["A", "B", "B", "C", "C", "C", "D"]
        let statuses = ["active", "active", "prospect", "prospect", "dormant", "lost"]
        let batch = 500
        var done = 0
        let now = Store.nowMillis()
        while done < count {
            let size = min(batch, count - done)
            let base = start + Int64(done)
            try await transaction { s in
                let ins = s.sql.insert(into: "customers").columns(
                    "name", "name_key", "name_sort", "tier", "industry", "region_id", "owner_id", "status", "address",
                    "credit_code",
                    "notes", "archived", "version", "created_by", "created_at", "updated_at")
                for i in 0..<size {
                    let seq = base + Int64(i) + 1
                    let rep = allReps[Int(seq % Int64(allReps.count))]
                    let city = cities[Int(seq % Int64(cities.count))]
                    let trade = trades[Int((seq / 7) % Int64(trades.count))]
                    let name = "\(city)\(prefixes[Int((seq / 3) % Int64(prefixes.count))])\(trade.0)有限公司\(seq)号"
                    let code = Store.creditCode("9131" + String(format: "%013d", seq))
                    let t = now - (seq % 1000) * 60_000
                    ins.values(
                        SQLBind(name), SQLBind(Text.matchKey(name)), SQLBind(Text.sortKey(name)),
                        SQLBind(tiers[Int(seq % 7)]), SQLBind(trade.1),
                        SQLBind(rep.regionId), SQLBind(rep.id), SQLBind(statuses[Int(seq % 6)]),
                        SQLBind("\(city)市高新区创业路 \(seq % 900 + 1) 号"), SQLBind(code), SQLBind(""), SQLBind(false),
                        SQLBind(1), SQLBind(rep.id), SQLBind(t), SQLBind(t))
                }
                try await ins.run()
                let ids = try await s.sql.select().column("id").from("customers").where("id", .greaterThan, base)
                    .orderBy("id").limit(size).all().map { try $0.decode(column: "id", as: Int64.self) }
                let kins = s.sql.insert(into: "contacts").columns(
                    "customer_id", "name", "title", "phone", "mobile", "email", "is_primary", "notes", "version",
                    "created_at")
                // Ten communications and three opportunities a customer, in statements of at most 1,500 rows (PostgreSQL
                // takes 65,535 parameters, SQLite 32,766).
                func communications() -> SQLInsertBuilder {
                    s.sql.insert(into: "communications").columns(
                        "customer_id", "contact_id", "kind", "direction", "occurred_at", "summary", "next_step",
                        "next_step_date", "author_id", "created_at")
                }
                func opportunities() -> SQLInsertBuilder {
                    s.sql.insert(into: "opportunities").columns(Store.opportunityColumns.filter { $0 != "id" })
                }
                var mins = communications(), opps = opportunities()
                var pending = 0, pendingOpps = 0
                let kinds = ["call", "visit", "email", "meeting", "call"]
                let summaries = ["电话沟通需求", "上门拜访", "发送方案资料", "技术交流会", "跟进报价反馈"]
                let stages = Opportunity.Stage.allCases
                let opportunityTitles = ["ERP 升级", "MES 实施", "数据平台", "运维服务"]
                for (i, id) in ids.enumerated() {
                    let seq = base + Int64(i) + 1
                    kins.values(
                        SQLBind(id), SQLBind("联系人\(seq)"), SQLBind("采购经理"), SQLBind(""),
                        SQLBind("13\(String(format: "%09d", seq % 1_000_000_000))"), SQLBind(""), SQLBind(true),
                        SQLBind(""),
                        SQLBind(1), SQLBind(now))
                    kins.values(
                        SQLBind(id), SQLBind("技术联系人\(seq)"), SQLBind("信息中心主任"), SQLBind(""), SQLBind(""), SQLBind(""),
                        SQLBind(false), SQLBind(""), SQLBind(1), SQLBind(now))
                    let rep = allReps[Int(seq % Int64(allReps.count))]
                    for j in 0..<10 {
                        mins.values(
                            SQLBind(id), SQLBind(Optional<Int64>.none), SQLBind(kinds[j % kinds.count]),
                            SQLBind(j % 3 == 2 ? "inbound" : "outbound"),
                            SQLBind(now / 1000 - Int64(j + 1) * 86_400 * 3 - seq % 86_400),
                            SQLBind(summaries[(j + Int(seq % 5)) % summaries.count]), SQLBind(""),
                            SQLBind(Optional<String>.none),
                            SQLBind(rep.id), SQLBind(now))
                        pending += 1
                    }
                    for j in 0..<3 {
                        let stage = stages[Int((seq * 3 + Int64(j)) % Int64(stages.count))]
                        let amount = Int64(50_000 + (seq * 7919 + Int64(j) * 104_729) % 2_000_000) * 100
                        let probability = [10, 25, 40, 60, 80, 100, 0][stages.firstIndex(of: stage)!]
                        opps.values(
                            SQLBind("SJ0000-\(String(format: "%07d", seq * 3 + Int64(j)))"), SQLBind(id),
                            SQLBind("\(opportunityTitles[j % opportunityTitles.count]) \(seq)-\(j + 1)"),
                            SQLBind("[]"), SQLBind(amount), SQLBind(amount / 4), SQLBind(probability),
                            SQLBind(DateText.day(now / 1000 + (seq % 180) * 86_400)),
                            SQLBind(rep.id), SQLBind(""), SQLBind(stage.rawValue), SQLBind(stage == .lost ? "价格" : ""),
                            SQLBind(""),
                            SQLBind(stage.isOpen ? "" : DateText.day(now / 1000)), SQLBind(""),
                            SQLBind(Optional<Int64>.none), SQLBind(now), SQLBind(1), SQLBind(now), SQLBind(now))
                        pendingOpps += 1
                    }
                    if pending >= 1500 {
                        try await mins.run()
                        mins = communications()
                        pending = 0
                    }
                    if pendingOpps >= 1500 {
                        try await opps.run()
                        opps = opportunities()
                        pendingOpps = 0
                    }
                }
                try await kins.run()
                if pending > 0 { try await mins.run() }
                if pendingOpps > 0 { try await opps.run() }
                // Each opportunity's history begins with its creation, as `frontline check` expects.
                try await s.sql.raw(
                    """
                    INSERT INTO process_events (process, record_id, from_state, action, to_state, actor_id, actor_name, comment, at)
                    SELECT 'opportunity', o.id, '', 'create', o.stage, o.owner_id, 'seed', o.number, o.created_at FROM opportunities o
                    WHERE o.customer_id > \(bind: base) AND o.customer_id <= \(bind: base + Int64(size))
                    """
                ).run()
            }
            done += size
            progress(done)
        }
        CountCache.shared.clear()
        try await transaction { s in
            try await s.audit(.import, "customer", nil, note: ["seed_scale": String(count)])
        }
    }
}
