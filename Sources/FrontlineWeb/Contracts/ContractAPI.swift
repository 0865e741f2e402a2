import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/contracts`: the contract ledger and contract review (SPEC §3.2); steps are `POST /contracts/{id}/{action}`.
enum ContractRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, ContractKind.self)
        api.post("contracts", use: create)
        api.patch("contracts", ":id", use: update)
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

    static func visible(_ req: Request) async throws -> (Actor, ContractItem) {
        let actor = try req.actor()
        guard let item = try await req.store.contract(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        return (actor, item)
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
}

/// The contract ledger (合同台账) as a record kind: a contract with its reviews, hand-off and the steps open to the
/// reader.
enum ContractKind: ListedKind {
    typealias Record = ContractItem
    typealias Item = DTO.Contract
    typealias Detail = DTO.Contract
    static let route = Route.Records.contracts
    static let entity = "contract"
    static let schema = "Contract"
    static let title = "nav.contracts"
    static let process: String? = ContractProcess.name
    static let detailSchema = "Contract"
    static let doc = RecordDoc(
        tag: "contracts", access: "as the customers (a rep: his own); Customer Service every contract past the draft",
        list: "The contract ledger, newest first", listZh: "合同台账", plural: "The ledger", exportZh: "导出合同台账",
        one: "One contract with its reviews, hand-off and the steps open to the caller", oneZh: "合同详情",
        historyZh: "合同评审记录", history: "Every step of the review")

    static var filter: ContractFilter { ContractFilter() }
    static var filters: [ListFilter<ContractFilter>] {
        [
            .search(\.q, "Number, title or customer."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .id("customer_id", \.customerId, "Customer."), .id("owner_id", \.ownerId, "Owner.", label: "col.owner"),
            .date(
                "signed_from", \.signedFrom, "Signed by the customer on this day or later.",
                label: "contract.signed_from"),
            .date(
                "signed_to", \.signedTo, "Signed by the customer on this day or earlier.", label: "contract.signed_to"),
        ]
    }
    static let sorting = ListSorting.columns(Set(ContractFilter.sorts.keys).subtracting(["id"]))

    static func fetch(_ store: Store, _ f: ContractFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws
        -> Listing<ContractItem>
    {
        try await store.contracts(f, q, before: before, for: actor)
    }
    static func id(_ r: ContractItem) -> Int64 { r.contract.id }
    static func prepare(_ req: Request, _ r: inout Reading) async throws {
        r.threshold = try await req.store.specialThreshold()
    }
    static var needsNames: Bool { false }
    static func item(_ i: ContractItem, _ c: Reading) -> DTO.Contract {
        DTO.Contract(i, confidential: c.confidential, threshold: c.threshold)
    }
    static func readable(_ store: Store, id: Int64, for actor: Actor) async throws -> Bool {
        try await store.contract(id: id, for: actor) != nil
    }
    static func detail(_ req: Request, id: Int64, for actor: Actor) async throws -> (detail: DTO.Contract, version: Int)
    {
        guard let item = try await req.store.contract(id: id, for: actor) else { throw DomainError.notFound }
        return (try await ContractRoutes.dto(req, item, actor: actor), item.contract.version)
    }

    static func canBrowse(_ actor: Actor) -> Bool {
        CustomerAccess.canBrowse(actor) || actor.hasAny(ContractAccess.customerService)
    }
    static var totalColumn: String? { "contract.amount" }
    static var pageSorts: [(sort: String, label: String)] {
        [
            ("-id", "sort.newest"), ("-amount", "sort.amount_desc"), ("amount", "sort.amount_asc"),
            ("-customer_signed_on", "sort.signed_desc"), ("-updated_at", "sort.updated"),
        ]
    }
    static var pageColumns: [PageColumn<ContractItem>] {
        [
            .init("contract.number") { i, r in
                let k = i.contract
                return
                    "\(r.number(k.number))\(k.amendment > 0 ? " · \(r.req.t("contract.amendment_n", ["n": String(k.amendment)]))" : "")"
            },
            .init("col.name") { i, _ in "\(i.customerName)" },
            .init("contract.title", "opt") { i, _ in "\(i.contract.title)" },
            .init("contract.amount", "num") { i, _ in "\(i.contract.amount.grouped)" },
            .init("quotation.profit", "num opt", confidential: true) { i, _ in "\(i.contract.profit?.grouped ?? "—")" },
            .init("col.status") { i, r in ContractPages.stateBadge(r.req, i.contract.state) },
            .init("col.owner", "opt") { i, _ in "\(i.ownerName)" },
            .init("contract.customer_signed_on", "opt") { i, _ in
                "\(i.contract.customerSignedOn.isEmpty ? "—" : i.contract.customerSignedOn)"
            },
        ]
    }

    static var columns: [ExportColumn<ContractItem>] {
        [
            .init("contract.number") { i, _ in
                "\(i.contract.number)\(i.contract.amendment > 0 ? "-\(i.contract.amendment)" : "")"
            },
            .init("col.name") { i, _ in i.customerName }, .init("contract.title") { i, _ in i.contract.title },
            .init("contract.amount") { i, _ in i.contract.amount.decimalString },
            .init("col.status") { i, r in r.t(i.contract.state.labelKey) }, .init("col.owner") { i, _ in i.ownerName },
            .init("contract.customer_signed_on") { i, _ in i.contract.customerSignedOn },
            .init("contract.cost_estimate", confidential: true) { i, _ in i.contract.costEstimate?.decimalString ?? ""
            },
            .init("quotation.profit", confidential: true) { i, _ in i.contract.profit?.decimalString ?? "" },
        ]
    }
}
