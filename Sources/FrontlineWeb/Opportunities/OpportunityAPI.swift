import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/opportunities`: opportunities (商机); stage steps `POST /opportunities/{id}/{action}` from
/// `OpportunityProcess`; `GET /opportunities/pipeline` each stage's count, total and weighted total;
/// `/settings/opportunity-stages` the stages' names, order and default probabilities.
enum OpportunityRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("opportunities", "pipeline", use: pipeline)
        Records.register(app, OpportunityKind.self)
        api.post("opportunities", use: create)
        api.patch("opportunities", ":id", use: update)
        ProcessAPI.register(app, OpportunityProcess.self, route: "opportunities") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnOpportunity(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
        api.get("settings", "opportunity-stages", use: stages)
        api.patch("settings", "opportunity-stages", use: setStages)
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.OpportunityDetail {
        guard let s = try await req.store.opportunitySubject(id: id, for: actor) else { throw DomainError.notFound }
        let links = try await req.store.opportunityLinks(id)
        return DTO.OpportunityDetail(
            opportunity: DTO.Opportunity(
                s.opportunity.seen(by: actor), names: try await req.userNames(), stages: s.stages, locale: req.locale),
            links: links.map {
                DTO.OpportunityLink(kind: $0.kind, id: $0.id, number: $0.number, title: $0.title, state: $0.state)
            },
            actions: ProcessAPI.offers(OpportunityProcess.self, s, actor: actor))
    }

    static func pipeline(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try Records.filter(req, OpportunityKind.self)
        let stages = try await req.store.opportunityStages().0
        let totals = try await req.store.stageTotals(f, for: actor)
        return try DTO.response(
            DTO.List(
                items: totals.map {
                    DTO.StageTotal(
                        stage: $0.stage.rawValue, name: stages.label($0.stage, req.locale),
                        probability: stages.probability($0.stage), count: $0.count,
                        amount: $0.amount.decimalString, weightedAmount: $0.weighted.decimalString)
                }, total: totals.count))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Input.json(req, allowed: OpportunityInput.createFields).opportunity()
        let o = try await req.store.createOpportunity(input, by: actor)
        return try ProcessAPI.created(
            try await dto(req, id: o.id, actor: actor), location: Route.api(.opportunities, o.id))
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try APIRoutes.id(req)
        guard try await req.store.opportunity(id: id, for: actor) != nil else { throw DomainError.notFound }
        let body = try Input.json(req, allowed: OpportunityInput.changeFields)
        let o = try await req.store.updateOpportunity(
            id: id, version: try body.version(req), try body.opportunity(), by: actor)
        let d = try await dto(req, id: o.id, actor: actor)
        return try ProcessAPI.tagged(d, version: d.opportunity.version)
    }

    static func stagesResponse(_ req: Request, _ stages: OpportunityStages, version: Int) throws -> Response {
        try ProcessAPI.tagged(
            DTO.StageSettings(
                stages: stages.entries.map {
                    DTO.StageSettings.Entry(
                        stage: $0.stage.rawValue, name: $0.name,
                        defaultName: Catalog.text($0.stage.labelKey, [:], req.locale), probability: $0.probability)
                }, version: version), version: version)
    }

    static func stages(_ req: Request) async throws -> Response {
        _ = try req.actor()
        let (stages, version) = try await req.store.opportunityStages()
        return try stagesResponse(req, stages, version: version)
    }

    static func setStages(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let body = try Input.json(req, allowed: ["stages", "version"])
        let version = try body.version(req)
        let (stages, v) = try await req.store.setOpportunityStages(
            try body.opportunityStages(), version: version, by: actor)
        return try stagesResponse(req, stages, version: v)
    }
}

/// Opportunities (商机) as a record kind: an opportunity with its quotations, tenders and contracts and the steps open
/// to the reader.
enum OpportunityKind: ListedKind {
    typealias Record = Opportunity
    typealias Item = DTO.Opportunity
    typealias Detail = DTO.OpportunityDetail
    static let route = Route.Records.opportunities
    static let entity = "opportunity"
    static let schema = "Opportunity"
    static let title = "opportunity.list"
    static let process: String? = OpportunityProcess.name
    static let doc = RecordDoc(
        tag: "pipeline",
        access: "GM, market manager, business assistant; a sales rep those he owns and those of his customers",
        list: "Opportunities (商机)", listZh: "商机列表", plural: "Opportunities", exportZh: "导出商机",
        one: "One opportunity, its quotations, tenders and contracts, and the steps open to the caller",
        oneZh: "商机详情", historyZh: "商机记录", history: "Every stage change and step")

    static var filter: OpportunityFilter { OpportunityFilter() }
    static var filters: [ListFilter<OpportunityFilter>] {
        [
            .search(\.q, "Number, title, customer or competitor."),
            .choice("stage", \.stage, "Stage.", label: "opportunity.stage") { $0.labelKey },
            .flag("open", \.openOnly, "Only those not yet won or lost.", label: "opportunity.open_only"),
            .id("owner_id", \.ownerId, "Owner.", label: "opportunity.owner"),
            .id("customer_id", \.customerId, "Customer."),
            .number(
                "closing_within_days", \.closingWithinDays, 0...3660, "Open, expected to close within this many days.",
                label: "opportunity.closing_within"),
        ]
    }
    static let sorting = ListSorting.named(OpportunityFilter.sorts, default: "-updated_at")

    static func fetch(_ store: Store, _ f: OpportunityFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws -> Listing<Opportunity>
    {
        try await store.opportunities(f, q, before: before, for: actor)
    }
    static func id(_ o: Opportunity) -> Int64 { o.id }
    static func prepare(_ req: Request, _ r: inout Reading) async throws {
        r.stages = try await req.store.opportunityStages().0
    }
    static func item(_ o: Opportunity, _ c: Reading) -> DTO.Opportunity {
        DTO.Opportunity(o, names: c.names, stages: c.stages ?? .defaults, locale: c.locale)
    }
    static func readable(_ store: Store, id: Int64, for actor: Actor) async throws -> Bool {
        try await store.opportunity(id: id, for: actor) != nil
    }
    static func detail(_ req: Request, id: Int64, for actor: Actor) async throws
        -> (detail: DTO.OpportunityDetail, version: Int)
    {
        let d = try await OpportunityRoutes.dto(req, id: id, actor: actor)
        return (d, d.opportunity.version)
    }

    static func canBrowse(_ actor: Actor) -> Bool { OpportunityAccess.canBrowse(actor) }
    static var pageOrder: ListQuery { ListQuery(sortField: "updated_at", descending: true) }
    static var totalColumn: String? { "opportunity.amount" }
    static var pageSorts: [(sort: String, label: String)] {
        [
            ("-updated_at", "opportunity.sort.updated"), ("-amount", "opportunity.sort.amount"),
            ("expected_close", "opportunity.sort.close"), ("-probability", "opportunity.sort.probability"),
            ("-number", "opportunity.sort.number"),
        ]
    }
    static var pageColumns: [PageColumn<Opportunity>] {
        [
            .init("opportunity.number") { o, r in r.number(o.number) },
            .init("opportunity.title") { o, _ in "\(o.title)" },
            .init("opportunity.customer", "opt") { o, _ in "\(o.customerName)" },
            .init("opportunity.stage") { o, r in
                OpportunityPages.stageBadge(r.req, o.stage, r.reading.stages ?? .defaults)
            },
            .init("opportunity.amount", "num") { o, _ in "\(o.amount.grouped)" },
            .init("opportunity.probability", "num opt") { o, _ in "\(o.probability)%" },
            .init("opportunity.weighted", "num opt") { o, _ in "\(o.weighted.grouped)" },
            .init("opportunity.expected_close", "opt") { o, _ in "\(o.expectedClose.isEmpty ? "—" : o.expectedClose)" },
            .init("opportunity.owner", "opt") { o, r in "\(r.name(o.ownerId))" },
        ]
    }

    static var columns: [ExportColumn<Opportunity>] {
        [
            .init("opportunity.number") { o, _ in o.number }, .init("opportunity.title") { o, _ in o.title },
            .init("opportunity.customer") { o, _ in o.customerName },
            .init("opportunity.stage") { o, r in (r.stages ?? .defaults).label(o.stage, r.locale) },
            .init("opportunity.amount") { o, _ in o.amount.decimalString },
            .init("opportunity.probability") { o, _ in "\(o.probability)%" },
            .init("opportunity.weighted") { o, _ in o.weighted.decimalString },
            .init("opportunity.expected_close") { o, _ in o.expectedClose },
            .init("opportunity.owner") { o, r in r.name(o.ownerId) },
            .init("opportunity.competitors") { o, _ in o.competitors },
            .init("opportunity.loss_reason") { o, _ in o.lossReason }, .init("opportunity.winner") { o, _ in o.winner },
            .init("opportunity.closed_on") { o, _ in o.closedOn },
            .init("opportunity.expected_profit", confidential: true) { o, _ in o.profit?.decimalString ?? "" },
        ]
    }
}

extension Input {
    func opportunity() throws -> OpportunityInput {
        var e: [FieldError] = []
        let d = OpportunityInput(
            customerId: string("customer_id", &e), title: string("title", &e), productIds: idList("product_ids", &e),
            amount: string("amount", &e),
            profit: string("expected_profit", &e), probability: string("probability", &e),
            expectedClose: string("expected_close", &e),
            ownerId: string("owner_id", &e), competitors: string("competitors", &e))
        try Input.check(e)
        return d
    }

    /// `{"stages": [{"stage": "needs", "name": "需求调研", "probability": 30}, …]}`: every stage once, the open ones in
    /// the order wanted.
    func opportunityStages() throws -> OpportunityStages {
        var e: [FieldError] = []
        guard case .list(let items)? = values["stages"] else {
            throw DomainError(
                .badRequest, Message("error.validation"),
                fields: [
                    FieldError(
                        "stages", values["stages"] == nil ? "field.required" : "error.wrong_type",
                        ["expected": "@type.list"])
                ])
        }
        var entries: [OpportunityStages.Entry] = []
        for (i, item) in items.prefix(20).enumerated() {
            guard case .object(let o) = item else {
                e.append(FieldError("stages[\(i)]", "error.wrong_type", ["expected": "@type.object"]))
                continue
            }
            for k in o.keys where !["stage", "name", "probability"].contains(k) {
                e.append(FieldError("stages[\(i)].\(k)", "error.unknown_field", ["field": k]))
            }
            let line = Input(values: o, isForm: false)
            let stage = line.string("stage", &e).flatMap { Opportunity.Stage(rawValue: $0) }
            if stage == nil {
                e.append(
                    FieldError(
                        "stages[\(i)].stage", "field.one_of",
                        ["values": Opportunity.Stage.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
            var probability = -1
            switch o["probability"] {
            case .number(_, let text)?: probability = Int(text) ?? -1
            case nil: probability = stage.map { OpportunityStages.defaults.probability($0) } ?? 0
            default: e.append(FieldError("stages[\(i)].probability", "error.wrong_type", ["expected": "@type.integer"]))
            }
            if let stage {
                entries.append(
                    OpportunityStages.Entry(stage, name: line.string("name", &e) ?? "", probability: probability))
            }
        }
        try Input.check(e)
        return OpportunityStages(entries: entries)
    }
}

extension DTO {
    struct Opportunity: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, customerId = "customer_id", customerName = "customer_name", title, productIds =
                "product_ids", amount
            case expectedProfit = "expected_profit", probability, weightedAmount = "weighted_amount", expectedClose =
                "expected_close", ownerId = "owner_id"
            case ownerName = "owner_name", competitors, stage, stageName = "stage_name", lossReason = "loss_reason",
                winner, closedOn = "closed_on"
            case wonBy = "won_by", leadId = "lead_id", stageChangedAt = "stage_changed_at", version, createdAt =
                "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var number: String
        var customerId: Int64
        var customerName: String
        var title: String
        var productIds: [Int64]
        var amount: String
        var expectedProfit: String?
        var probability: Int
        var weightedAmount: String
        var expectedClose: String
        var ownerId: Int64
        var ownerName: String
        var competitors: String
        var stage: String
        var stageName: String
        var lossReason: String
        var winner: String
        var closedOn: String
        var wonBy: String
        var leadId: Int64?
        var stageChangedAt: String
        var version: Int
        var createdAt: String
        var updatedAt: String
        init(
            _ o: FrontlineCore.Opportunity, names: [Int64: String], stages: FrontlineCore.OpportunityStages,
            locale: AppLocale
        ) {
            id = o.id; number = o.number; customerId = o.customerId; customerName = o.customerName; title = o.title;
            productIds = o.productIds
            amount = o.amount.decimalString; expectedProfit = o.profit?.decimalString; probability = o.probability;
            weightedAmount = o.weighted.decimalString
            expectedClose = o.expectedClose; ownerId = o.ownerId; ownerName = names[o.ownerId] ?? "";
            competitors = o.competitors; stage = o.stage.rawValue
            stageName = stages.label(o.stage, locale); lossReason = o.lossReason; winner = o.winner;
            closedOn = o.closedOn; wonBy = o.wonBy; leadId = o.leadId
            stageChangedAt = DTO.iso(millis: o.stageChangedAt); version = o.version;
            createdAt = DTO.iso(millis: o.createdAt); updatedAt = DTO.iso(millis: o.updatedAt)
        }
    }

    struct OpportunityLink: Encodable {
        var kind: String
        var id: Int64
        var number: String
        var title: String
        var state: String
    }

    struct OpportunityDetail: Encodable {
        var opportunity: Opportunity
        var links: [OpportunityLink]
        var actions: [ProcessAPI.Offer]
    }

    struct StageTotal: Encodable {
        enum CodingKeys: String, CodingKey {
            case stage, name, probability, count, amount, weightedAmount = "weighted_amount"
        }
        var stage: String
        var name: String
        var probability: Int
        var count: Int
        var amount: String
        var weightedAmount: String
    }

    struct StageSettings: Encodable {
        struct Entry: Encodable {
            enum CodingKeys: String, CodingKey { case stage, name, defaultName = "default_name", probability }
            var stage: String
            var name: String
            var defaultName: String
            var probability: Int
        }
        var stages: [Entry]
        var version: Int
    }
}
