import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/action-plans`: reps' weekly and monthly action plans (行动计划) with their completion against the
/// communications logged, and the summary report (销售分析和总结报告) at the period's end; steps
/// `POST /action-plans/{id}/{action}` from `ActionPlanProcess`; `GET /action-plans/completion` every rep's completion
/// for one period.
enum ActionPlanRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("action-plans", use: list)
        api.post("action-plans", use: create)
        api.get("action-plans", "export", use: export)
        api.get("action-plans", "completion", use: completion)
        api.get("action-plans", ":id", use: get)
        api.patch("action-plans", ":id", use: update)
        api.get("action-plans", ":id", "history", use: history)
        ProcessAPI.register(app, ActionPlanProcess.self, route: "action-plans") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnActionPlan(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
    }

    static func filter(_ req: Request) throws -> ActionPlanFilter {
        var f = ActionPlanFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 {
                errors.append(FieldError("q", "field.too_long", ["max": "100"]))
            } else {
                f.q = Text.clean(q)
            }
        }
        f.state = req.choice("state", ActionPlan.State.self, &errors)
        f.period = req.choice("period", ActionPlan.Period.self, &errors)
        if let c = req.query("owner_id"), !c.isEmpty {
            if let v = Int64(c), v > 0 { f.ownerId = v } else { errors.append(FieldError("owner_id", "field.not_id")) }
        }
        if let d = req.query("starts_on"), !d.isEmpty {
            if DateText.isDate(d) { f.startsOn = d } else { errors.append(FieldError("starts_on", "field.date")) }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.ActionPlanDetail {
        guard let s = try await req.store.actionPlanSubject(id: id, for: actor) else { throw DomainError.notFound }
        let p = s.plan
        let progress = try await req.store.planProgress(p)
        let outcomes = try await req.store.planOutcomes(p)
        return DTO.ActionPlanDetail(
            plan: DTO.ActionPlan(
                p, progress: progress, names: try await req.userNames(),
                customers: try await req.store.planCustomerNames([p])),
            outcomes: outcomes.map(DTO.PlanOutcome.init),
            actions: ProcessAPI.offers(ActionPlanProcess.self, s, actor: actor))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorts: ActionPlanFilter.sorts, default: "-starts_on", sortable: true)
        let page = try await req.store.actionPlans(f, q, for: actor)
        let names = try await req.userNames(), customers = try await req.store.planCustomerNames(page.items)
        let progress = try await req.store.planProgresses(page.items)
        return try DTO.response(
            DTO.List(
                items: page.items.map {
                    DTO.ActionPlan($0, progress: progress[$0.id], names: names, customers: customers)
                }, total: page.total, limit: q.limit, offset: q.offset))
    }

    /// The period a completion or a new plan is about: `period` (week, month) and `starts_on` (this one's when absent).
    static func period(_ req: Request) throws -> (ActionPlan.Period, String) {
        var errors: [FieldError] = []
        let period = req.choice("period", ActionPlan.Period.self, &errors) ?? .week
        var start = PlanPeriod.current(period, today: DateText.today())
        if let d = req.query("starts_on"), !d.isEmpty {
            do { start = try PlanPeriod.bounds(period, start: d).start } catch { errors += error.fields }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return (period, start)
    }

    static func completion(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let (period, start) = try period(req)
        let lines = try await req.store.planCompletion(period, start: start, for: actor)
        let names = try await req.userNames()
        let end = try PlanPeriod.bounds(period, start: start).end
        return try DTO.response(
            DTO.PlanCompletionList(
                period: period.rawValue, startsOn: start, endsOn: end,
                items: lines.map {
                    DTO.PlanCompletionLine(
                        repId: $0.repId, repName: names[$0.repId] ?? "", planId: $0.plan?.id, number: $0.plan?.number,
                        state: $0.plan?.state.rawValue,
                        planned: $0.progress?.planned ?? 0, completed: $0.progress?.completed ?? 0,
                        rate: $0.progress?.rate)
                }, total: lines.count))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Input.json(req, allowed: ActionPlanInput.createFields).actionPlan()
        let p = try await req.store.createActionPlan(input, by: actor)
        return try ProcessAPI.created(
            try await dto(req, id: p.id, actor: actor), location: "/api/v1/action-plans/\(p.id)")
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        return try ProcessAPI.tagged(d, version: d.plan.version)
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.actionPlan(id: id, for: actor) != nil else { throw DomainError.notFound }
        let body = try Input.json(req, allowed: ActionPlanInput.changeFields)
        let p = try await req.store.updateActionPlan(
            id: id, version: try body.version(req), try body.actionPlan(), by: actor)
        let d = try await dto(req, id: p.id, actor: actor)
        return try ProcessAPI.tagged(d, version: d.plan.version)
    }

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await ProcessAPI.history(req, ActionPlanProcess.name) {
            try await req.store.actionPlan(id: $0, for: actor) != nil
        }
    }

    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let names = try await req.userNames()
        let t = req.texts
        let header = [
            t("plan.number"), t("plan.owner"), t("plan.period"), t("plan.starts_on"), t("plan.ends_on"),
            t("plan.state"), t("plan.items"), t("plan.planned"),
            t("plan.completed"), t("plan.rate"), t("plan.results"), t("plan.lost_deals"), t("plan.market_notes"),
        ]
        return try await TableExport.paged(req, entity: "action_plan", sheet: t("plan.list"), header: header) {
            before in
            let page = try await store.actionPlans(
                f, ListQuery(limit: TableExport.batch, sortField: "id", descending: true), before: before ?? Int64.max,
                for: actor)
            let progress = try await store.planProgresses(page.items)
            let rows = page.items.map { p -> [String] in
                let g = progress[p.id]
                return [
                    p.number, names[p.ownerId] ?? "", t(p.period.labelKey), p.startsOn, p.endsOn, t(p.state.labelKey),
                    String(p.items.count), String(g?.planned ?? 0),
                    String(g?.completed ?? 0), g?.rate.map { "\($0)%" } ?? "", p.results, p.lostDeals, p.marketNotes,
                ]
            }
            return (rows, page.items.last?.id, page.total)
        }
    }
}

extension Input {
    /// A plan's period and `items` (a list of objects with only `customer_id`, `kind`, `times`, `goal`, `expected`), and
    /// its summary report's `results`, `lost_deals`, `market_notes`.
    /// The numbers of the plan's own goals met: a JSON list, or a form's checkboxes (with `goals_met_sent`, so that
    /// none ticked says none met).
    func goalsMet(_ e: inout [FieldError]) -> [Int64]? {
        guard has("goals_met") || (isForm && has("goals_met_sent")) else { return nil }
        var out: [Int64] = []
        for raw in idList("goals_met", &e) ?? [] {
            if let n = Int64(raw.trimmingCharacters(in: .whitespaces)), n > 0 {
                out.append(n)
            } else {
                e.append(FieldError("goals_met", "field.not_id"))
            }
        }
        return out
    }

    func actionPlan() throws -> ActionPlanInput {
        var e: [FieldError] = []
        var items: [ActionPlanInput.Item]?
        switch values["items"] {
        case nil: break
        case .list(let list)?:
            items = []
            for (i, item) in list.enumerated() {
                guard case .object(let o) = item else {
                    e.append(FieldError("items[\(i)]", "error.wrong_type", ["expected": "@type.object"]))
                    continue
                }
                for k in o.keys where !ActionPlanInput.itemFieldNames.contains(k) {
                    e.append(FieldError("items[\(i)].\(k)", "error.unknown_field", ["field": k]))
                }
                let line = Input(values: o, isForm: false)
                items?.append(
                    ActionPlanInput.Item(
                        customerId: line.string("customer_id", &e), kind: line.string("kind", &e),
                        times: line.string("times", &e), goal: line.string("goal", &e),
                        expected: line.string("expected", &e)))
            }
        default: e.append(FieldError("items", "error.wrong_type", ["expected": "@type.list"]))
        }
        let input = ActionPlanInput(
            period: string("period", &e), startsOn: string("starts_on", &e), items: items,
            results: string("results", &e), lostDeals: string("lost_deals", &e),
            marketNotes: string("market_notes", &e), goalsMet: goalsMet(&e))
        try Input.check(e)
        return input
    }
}

extension DTO {
    struct ActionPlanItem: Encodable {
        enum CodingKeys: String, CodingKey {
            case customerId = "customer_id", customerName = "customer_name", kind, times, goal, expected, done, met
        }
        var customerId: Int64?
        var customerName: String?
        var kind: String?
        var times: Int
        var goal: String
        var expected: String
        var done: Int?
        var met: Bool?
    }

    struct ActionPlan: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, ownerId = "owner_id", ownerName = "owner_name", period, startsOn = "starts_on", endsOn =
                "ends_on", state, items, planned, completed
            case rate, results, lostDeals = "lost_deals", marketNotes = "market_notes", version, createdAt =
                "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var number: String
        var ownerId: Int64
        var ownerName: String
        var period: String
        var startsOn: String
        var endsOn: String
        var state: String
        var items: [ActionPlanItem]
        var planned: Int
        var completed: Int
        /// Whole percent; null when no item is measured.
        var rate: Int?
        var results: String
        var lostDeals: String
        var marketNotes: String
        var version: Int
        var createdAt: String
        var updatedAt: String
        init(_ p: FrontlineCore.ActionPlan, progress: PlanProgress?, names: [Int64: String], customers: [Int64: String])
        {
            id = p.id; number = p.number; ownerId = p.ownerId; ownerName = names[p.ownerId] ?? "";
            period = p.period.rawValue; startsOn = p.startsOn; endsOn = p.endsOn
            state = p.state.rawValue
            items = p.items.enumerated().map { i, item in
                ActionPlanItem(
                    customerId: item.customerId, customerName: item.customerId.map { customers[$0] ?? "" },
                    kind: item.kind?.rawValue, times: item.times, goal: item.goal,
                    expected: item.expected, done: progress?.done[i], met: item.measured ? nil : item.met ?? false)
            }
            planned = progress?.planned ?? 0; completed = progress?.completed ?? 0; rate = progress?.rate
            results = p.results; lostDeals = p.lostDeals; marketNotes = p.marketNotes; version = p.version
            createdAt = DTO.iso(millis: p.createdAt); updatedAt = DTO.iso(millis: p.updatedAt)
        }
    }

    struct PlanOutcome: Encodable {
        enum CodingKeys: String, CodingKey {
            case opportunityId = "opportunity_id", number, title, customerName = "customer_name", result, amount,
                reason, winner
        }
        var opportunityId: Int64
        var number: String
        var title: String
        var customerName: String
        var result: String
        var amount: String
        var reason: String
        var winner: String
        init(_ o: FrontlineStore.PlanOutcome) {
            opportunityId = o.opportunityId; number = o.number; title = o.title; customerName = o.customerName;
            result = o.won ? "won" : "lost"
            amount = Money(fen: o.amountFen).decimalString; reason = o.reason; winner = o.winner
        }
    }

    struct ActionPlanDetail: Encodable {
        var plan: ActionPlan
        /// The owner's opportunities won or lost inside the period, for the summary report.
        var outcomes: [PlanOutcome]
        var actions: [ProcessAPI.Offer]
    }

    struct PlanCompletionLine: Encodable {
        enum CodingKeys: String, CodingKey {
            case repId = "rep_id", repName = "rep_name", planId = "plan_id", number, state, planned, completed, rate
        }
        var repId: Int64
        var repName: String
        var planId: Int64?
        var number: String?
        var state: String?
        var planned: Int
        var completed: Int
        var rate: Int?
    }

    struct PlanCompletionList: Encodable {
        enum CodingKeys: String, CodingKey { case period, startsOn = "starts_on", endsOn = "ends_on", items, total }
        var period: String
        var startsOn: String
        var endsOn: String
        var items: [PlanCompletionLine]
        var total: Int
    }
}
