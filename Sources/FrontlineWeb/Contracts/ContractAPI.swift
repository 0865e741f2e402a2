import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/contracts`: the contract ledger and contract review (SPEC §3.2); steps are `POST /contracts/{id}/{action}`.
enum ContractRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("contracts", use: list)
        api.post("contracts", use: create)
        api.get("contracts", "export", use: export)
        api.get("contracts", ":id", use: get)
        api.patch("contracts", ":id", use: update)
        api.get("contracts", ":id", "history", use: history)
        ProcessAPI.register(app, ContractProcess.self, route: "contracts") { req, id, action, input, version in
            let actor = try req.actor()
            let k = try await req.store.actOnContract(id: id, action, input, version: version, by: actor)
            // An amendment is a new version of the contract: 201 with where it is.
            if action == .amend,
                let next = try await req.store.contracts(ContractFilter(q: k.number), limit: 1, for: actor).items.first
            {
                let res = try DTO.response(try await dto(req, next, actor: actor), status: .created)
                res.headers.replaceOrAdd(name: .location, value: "/api/v1/contracts/\(next.contract.id)")
                return res
            }
            return try DTO.response(
                try await dto(req, try await req.store.contract(id: k.id, for: actor)!, actor: actor))
        }
    }

    static func filter(_ req: Request) throws -> ContractFilter {
        var f = ContractFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 {
                errors.append(FieldError("q", "field.too_long", ["max": "100"]))
            } else {
                f.q = Text.clean(q)
            }
        }
        if let s = req.query("state"), !s.isEmpty {
            if let st = Contract.State(rawValue: s) {
                f.state = st
            } else {
                errors.append(
                    FieldError(
                        "state", "field.one_of",
                        ["values": Contract.State.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if let c = req.query("customer_id"), !c.isEmpty {
            if let v = Int64(c), v > 0 {
                f.customerId = v
            } else {
                errors.append(FieldError("customer_id", "field.not_id"))
            }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func dto(_ req: Request, _ item: ContractItem, actor: Actor, full: Bool = true) async throws -> DTO.Contract
    {
        let k = item.contract
        guard full else {
            return DTO.Contract(
                item, confidential: PriceAccess.seesConfidential(actor),
                threshold: try await req.store.specialThreshold())
        }
        // The contract as its steps read it (reviews, threshold, an open amendment): the page shows the same, and
        // the steps open to the caller are those the runner would take.
        guard let subject = try await req.store.contractSubject(id: k.id, for: actor) else {
            throw DomainError.notFound
        }
        let actions = ProcessEngine.offers(ContractProcess.self, subject: subject, actor: actor).map(\.action)
        return DTO.Contract(
            item, confidential: PriceAccess.seesConfidential(actor), threshold: subject.threshold,
            reviews: subject.reviews,
            handoff: try await req.store.handoff(k.id), actions: actions.map(\.rawValue))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try SalesRoutes.paging(req)
        let page = try await req.store.contracts(f, limit: q.limit, offset: q.offset, for: actor)
        var items: [DTO.Contract] = []
        for i in page.items { items.append(try await dto(req, i, actor: actor, full: false)) }
        return try DTO.response(DTO.List(items: items, total: page.total, limit: q.limit, offset: q.offset))
    }

    static func visible(_ req: Request) async throws -> (Actor, ContractItem) {
        let actor = try req.actor()
        guard let item = try await req.store.contract(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        return (actor, item)
    }

    static func get(_ req: Request) async throws -> Response {
        let (actor, item) = try await visible(req)
        let res = try DTO.response(try await dto(req, item, actor: actor))
        res.headers.replaceOrAdd(name: .eTag, value: "\"\(item.contract.version)\"")
        return res
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Input.json(req, allowed: ContractInput.fieldNames).contract()
        let k = try await req.store.createContract(input, by: actor)
        let res = try DTO.response(
            try await dto(req, try await req.store.contract(id: k.id, for: actor)!, actor: actor), status: .created)
        res.headers.replaceOrAdd(name: .location, value: "/api/v1/contracts/\(k.id)")
        return res
    }

    static func update(_ req: Request) async throws -> Response {
        let (actor, item) = try await visible(req)
        let body = try Input.json(req, allowed: ContractInput.fieldNames)
        let k = try await req.store.updateContract(
            id: item.contract.id, version: try body.version(req), try body.contract(), by: actor)
        return try DTO.response(try await dto(req, try await req.store.contract(id: k.id, for: actor)!, actor: actor))
    }

    static func history(_ req: Request) async throws -> Response {
        let (_, item) = try await visible(req)
        let events = try await req.store.history("contract", item.contract.id)
        return try DTO.response(DTO.List(items: events.map(DTO.Event.init), total: events.count))
    }

    /// The contract ledger (合同台账) as CSV or Excel, with the list's filters; audited.
    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let secret = PriceAccess.seesConfidential(actor)
        let t = req.texts
        var header = [
            t("contract.number"), t("col.name"), t("contract.title"), t("contract.amount"), t("col.status"),
            t("col.owner"), t("contract.customer_signed_on"),
        ]
        if secret { header += [t("contract.cost_estimate"), t("quotation.profit")] }
        let row: @Sendable (ContractItem) -> [String] = { i in
            let k = i.contract
            var r = [
                "\(k.number)\(k.amendment > 0 ? "-\(k.amendment)" : "")", i.customerName, k.title,
                k.amount.decimalString, t(k.state.labelKey), i.ownerName, k.customerSignedOn,
            ]
            if secret { r += [k.costEstimate?.decimalString ?? "", k.profit?.decimalString ?? ""] }
            return r
        }
        return try await TableExport.paged(req, entity: "contract", sheet: t("nav.contracts"), header: header) {
            before in
            let page = try await store.contracts(f, limit: TableExport.batch, before: before, for: actor)
            return (page.items.map(row), page.items.last?.contract.id, page.total)
        }
    }
}
