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
        api.get("opportunities", use: list)
        api.post("opportunities", use: create)
        api.get("opportunities", "export", use: export)
        api.get("opportunities", "pipeline", use: pipeline)
        api.get("opportunities", ":id", use: get)
        api.patch("opportunities", ":id", use: update)
        api.get("opportunities", ":id", "history", use: history)
        ProcessAPI.register(app, OpportunityProcess.self, route: "opportunities") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnOpportunity(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
        api.get("settings", "opportunity-stages", use: stages)
        api.patch("settings", "opportunity-stages", use: setStages)
    }

    static func filter(_ req: Request) throws -> OpportunityFilter {
        var f = OpportunityFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 {
                errors.append(FieldError("q", "field.too_long", ["max": "100"]))
            } else {
                f.q = Text.clean(q)
            }
        }
        f.stage = req.choice("stage", Opportunity.Stage.self, &errors)
        for name in ["owner_id", "customer_id"] {
            guard let c = req.query(name), !c.isEmpty else { continue }
            if let v = Int64(c), v > 0 {
                if name == "owner_id" { f.ownerId = v } else { f.customerId = v }
            } else {
                errors.append(FieldError(name, "field.not_id"))
            }
        }
        if let d = req.query("closing_within_days"), !d.isEmpty {
            if let n = Int(d), (0...3660).contains(n) {
                f.closingWithinDays = n
            } else {
                errors.append(FieldError("closing_within_days", "field.range", ["min": "0", "max": "3660"]))
            }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        f.openOnly = try SalesRoutes.flag(req, "open")
        return f
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

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorts: OpportunityFilter.sorts, default: "-updated_at", sortable: true)
        let page = try await req.store.opportunities(f, q, for: actor)
        let names = try await req.userNames(), stages = try await req.store.opportunityStages().0
        return try DTO.response(
            DTO.List(
                items: page.items.map { DTO.Opportunity($0, names: names, stages: stages, locale: req.locale) },
                total: page.total, limit: q.limit, offset: q.offset))
    }

    static func pipeline(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
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
            try await dto(req, id: o.id, actor: actor), location: "/api/v1/opportunities/\(o.id)")
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        return try ProcessAPI.tagged(d, version: d.opportunity.version)
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

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await ProcessAPI.history(req, OpportunityProcess.name) {
            try await req.store.opportunity(id: $0, for: actor) != nil
        }
    }

    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store, locale = req.locale
        let names = try await req.userNames(), stages = try await req.store.opportunityStages().0
        let profit = PriceAccess.seesConfidential(actor)
        let t = req.texts
        let header =
            [
                t("opportunity.number"), t("opportunity.title"), t("opportunity.customer"), t("opportunity.stage"),
                t("opportunity.amount"),
                t("opportunity.probability"), t("opportunity.weighted"), t("opportunity.expected_close"),
                t("opportunity.owner"), t("opportunity.competitors"),
                t("opportunity.loss_reason"), t("opportunity.winner"), t("opportunity.closed_on"),
            ] + (profit ? [t("opportunity.expected_profit")] : [])
        let row: @Sendable (Opportunity) -> [String] = { o in
            [
                o.number, o.title, o.customerName, stages.label(o.stage, locale), o.amount.decimalString,
                "\(o.probability)%", o.weighted.decimalString,
                o.expectedClose, names[o.ownerId] ?? "", o.competitors, o.lossReason, o.winner, o.closedOn,
            ] + (profit ? [o.profit?.decimalString ?? ""] : [])
        }
        return try await TableExport.paged(req, entity: "opportunity", sheet: t("opportunity.list"), header: header) {
            before in
            let page = try await store.opportunities(
                f, ListQuery(limit: TableExport.batch, sortField: "id", descending: true), before: before ?? Int64.max,
                for: actor)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
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
