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
        api.get("action-plans", "completion", use: completion)
        Records.register(app, ActionPlanKind.self)
        api.post("action-plans", use: create)
        api.patch("action-plans", ":id", use: update)
        ProcessAPI.register(app, ActionPlanProcess.self, route: "action-plans") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnActionPlan(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
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
            try await dto(req, id: p.id, actor: actor), location: Route.api(.actionPlans, p.id))
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
}

/// A plan as its list shows it: with its completion and the names of the customers its items name.
struct PlanRow: Sendable {
    var plan: ActionPlan
    var progress: PlanProgress?
    var customers: [Int64: String]
}

/// Reps' action plans (行动计划) as a record kind: a plan with its completion, the deals closed in its period and the
/// steps open to the reader.
enum ActionPlanKind: ListedKind {
    typealias Record = PlanRow
    typealias Item = DTO.ActionPlan
    typealias Detail = DTO.ActionPlanDetail
    static let route = Route.Records.actionPlans
    static let entity = "action_plan"
    static let schema = "ActionPlan"
    static let title = "plan.list"
    static let process: String? = ActionPlanProcess.name
    static let listID = "plan-list"
    static let doc = RecordDoc(
        tag: "planning", access: "GM, market manager, business assistant; a sales rep his own",
        list: "Action plans (行动计划) with their completion", listZh: "行动计划列表", plural: "Action plans",
        exportZh: "导出行动计划", one: "One plan, its completion, the opportunities closed in its period, and the steps open",
        oneZh: "行动计划详情", historyZh: "计划记录")

    static var filter: ActionPlanFilter { ActionPlanFilter() }
    static var filters: [ListFilter<ActionPlanFilter>] {
        [
            .search(\.q, "Number, the rep's name, an item's goal or the report's results."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .choice("period", \.period, "Weekly or monthly.", label: "plan.period") { $0.labelKey },
            .id("owner_id", \.ownerId, "The rep.", label: "plan.owner"),
            .date("starts_on", \.startsOn, "The period's first day.", label: "plan.starts_on"),
        ]
    }
    static let sorting = ListSorting.named(ActionPlanFilter.sorts, default: "-starts_on")

    /// The plans with their completion and their items' customers, read once for the page or the batch.
    static func rows(_ store: Store, _ page: Listing<ActionPlan>) async throws -> Listing<PlanRow> {
        let progress = try await store.planProgresses(page.items)
        let customers = try await store.planCustomerNames(page.items)
        return Listing(
            items: page.items.map { PlanRow(plan: $0, progress: progress[$0.id], customers: customers) },
            total: page.total)
    }
    static func fetch(_ store: Store, _ f: ActionPlanFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws -> Listing<PlanRow>
    {
        try await rows(store, try await store.actionPlans(f, q, before: before, for: actor))
    }
    static func id(_ r: PlanRow) -> Int64 { r.plan.id }
    static func item(_ r: PlanRow, _ c: Reading) -> DTO.ActionPlan {
        DTO.ActionPlan(r.plan, progress: r.progress, names: c.names, customers: r.customers)
    }
    static func readable(_ store: Store, id: Int64, for actor: Actor) async throws -> Bool {
        try await store.actionPlan(id: id, for: actor) != nil
    }
    static func detail(_ req: Request, id: Int64, for actor: Actor) async throws
        -> (detail: DTO.ActionPlanDetail, version: Int)
    {
        let d = try await ActionPlanRoutes.dto(req, id: id, actor: actor)
        return (d, d.plan.version)
    }

    static func canBrowse(_ actor: Actor) -> Bool { ActionPlanAccess.canBrowse(actor) }
    static var pageOrder: ListQuery { ListQuery(sortField: "starts_on", descending: true) }
    static var pageSorts: [(sort: String, label: String)] {
        [
            ("-starts_on", "plan.sort.latest"), ("starts_on", "plan.sort.earliest"), ("-updated_at", "sort.updated"),
            ("number", "plan.number"),
        ]
    }
    static var pageColumns: [PageColumn<PlanRow>] {
        [
            .init("plan.number") { r, row in row.number(r.plan.number) },
            .init("plan.owner") { r, row in "\(row.name(r.plan.ownerId))" },
            .init("plan.period", "opt") { r, row in "\(row.t(r.plan.period.labelKey))" },
            .init("plan.starts_on") { r, row in
                "\(row.req.t("plan.range", ["start": r.plan.startsOn, "end": r.plan.endsOn]))"
            },
            .init("plan.done_of_planned", "num") { r, _ in
                "\(String(r.progress?.completed ?? 0))/\(String(r.progress?.planned ?? 0))"
            },
            .init("plan.rate", "num") { r, _ in "\(ActionPlanPages.rate(r.progress))" },
            .init("col.status") { r, row in ActionPlanPages.stateBadge(row.req, r.plan.state) },
        ]
    }

    static var columns: [ExportColumn<PlanRow>] {
        [
            .init("plan.number") { r, _ in r.plan.number }, .init("plan.owner") { r, c in c.name(r.plan.ownerId) },
            .init("plan.period") { r, c in c.t(r.plan.period.labelKey) },
            .init("plan.starts_on") { r, _ in r.plan.startsOn },
            .init("plan.ends_on") { r, _ in r.plan.endsOn }, .init("plan.state") { r, c in c.t(r.plan.state.labelKey) },
            .init("plan.items") { r, _ in String(r.plan.items.count) },
            .init("plan.planned") { r, _ in String(r.progress?.planned ?? 0) },
            .init("plan.completed") { r, _ in String(r.progress?.completed ?? 0) },
            .init("plan.rate") { r, _ in r.progress?.rate.map { "\($0)%" } ?? "" },
            .init("plan.results") { r, _ in r.plan.results }, .init("plan.lost_deals") { r, _ in r.plan.lostDeals },
            .init("plan.market_notes") { r, _ in r.plan.marketNotes },
        ]
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
