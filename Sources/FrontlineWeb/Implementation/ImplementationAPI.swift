import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/implementations`: contract implementation (合同实施, SPEC §3.3), owned by Customer Service; its steps
/// are `POST /implementations/{id}/{action}`, one per row of `ImplementationProcess`.
enum ImplementationRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, ImplementationKind.self)
        api.get("implementations", ":id", "files", use: files)
        api.on(.POST, "implementations", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
        ProcessAPI.register(app, ImplementationProcess.self, route: ImplementationKind.route.path) {
            req, id, action, input, version in
            _ = try await req.store.actOnImplementation(id: id, action, input, version: version, by: try req.actor())
            return try await ImplementationKind.answer(req, id: id)
        }
    }

    static func files(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let items = try await req.store.attachments(
            entity: "implementation", entityId: try APIRoutes.id(req), for: actor)
        return try DTO.response(
            DTO.List(
                items: items.map { DTO.Attachment($0.attachment, uploaderName: $0.uploaderName) }, total: items.count))
    }

    /// A document of the implementation (the customer's acceptance form, a deployment report): Customer Service's.
    static func upload(_ req: Request) async throws -> Response {
        try Files.created(
            req, try await Files.attach(req, entity: "implementation", entityId: try APIRoutes.id(req), form: false))
    }

}

/// Contract implementations (合同实施) as a record kind: Customer Service's side of an effective contract.
enum ImplementationKind: ProcessRecordKind, ListedKind {
    typealias Process = ImplementationProcess
    typealias Record = FrontlineCore.Implementation
    typealias Detail = DTO.ImplementationDetail
    static let route = Route.Records.implementations
    static let entity = "implementation"
    static let schema = "Implementation"
    static let namesFromSubject = true
    static let title = "implementation.list"
    static let doc = RecordDoc(
        tag: "implementations",
        access: "Customer Service, GM, finance, market manager, business assistant; a sales rep his own accounts'",
        list: "Implementations (合同实施), newest hand-off first", listZh: "合同实施列表", plural: "Implementations",
        exportZh: "导出合同实施",
        one:
            "One implementation with its milestones, obstacle reports, payment plan and the steps open to the caller (each with the input it needs)",
        oneZh: "合同实施详情", historyZh: "合同实施记录")

    static var filter: ImplementationFilter { ImplementationFilter() }
    static var filters: [ListFilter<ImplementationFilter>] {
        [
            .search(\.q, "Contract number or title, or customer."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .id("customer_id", \.customerId, "Customer."),
            .flag(
                "overdue", \.overdue, "Only those with a milestone past its due day.",
                label: "implementation.filter_overdue"),
            .flag(
                "obstructed", \.obstructed, "Only those with an obstacle report not yet overcome.",
                label: "implementation.filter_obstructed"),
        ]
    }
    static let sorting = ListSorting.columns(Set(Store.implementationSorts.keys))

    static func fetch(_ store: Store, _ f: ImplementationFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws
        -> Listing<Record>
    {
        try await store.implementations(f, limit: q.limit, offset: q.offset, before: before, order: q, for: actor)
    }
    static func item(_ r: Record, _ c: Reading) -> DTO.Implementation { DTO.Implementation(r, names: c.names) }
    static func subject(_ store: Store, id: Int64, for actor: Actor) async throws -> ImplementationProcess.Subject? {
        try await store.implementationSubject(id: id, for: actor)
    }
    static func record(_ s: ImplementationProcess.Subject) -> Record { s.implementation }
    /// The names of the people it names, as the subject read them.
    static func present(_ s: ImplementationProcess.Subject, _ c: Reading, actions: [ProcessAPI.Offer])
        -> DTO.ImplementationDetail
    {
        DTO.ImplementationDetail(
            s, names: Dictionary(uniqueKeysWithValues: s.people.map { ($0.id, $0.displayName) }),
            today: DateText.today(), actions: actions)
    }

    static func canBrowse(_ actor: Actor) -> Bool { ImplementationAccess.canBrowse(actor) }
    static var pageColumns: [PageColumn<Record>] {
        [
            .init("implementation.contract") { i, r in r.number(i.contractLabel) },
            .init("tender.title", "opt") { i, _ in "\(i.contractTitle)" },
            .init("implementation.customer") { i, _ in "\(i.customerName)" },
            .init("col.status") { i, r in ImplementationPages.stateBadge(r.req, i.state) },
            .init("implementation.engineers", "opt") { i, r in
                "\(i.engineerIds.compactMap { r.reading.names[$0] }.joined(separator: "、"))"
            },
            .init("implementation.created", "opt") { i, _ in "\(DateText.minute(i.createdAt / 1000))" },
        ]
    }

    static var columns: [ExportColumn<Record>] {
        [
            .init("implementation.contract") { i, _ in i.contractLabel },
            .init("tender.title") { i, _ in i.contractTitle },
            .init("implementation.customer") { i, _ in i.customerName },
            .init("implementation.state") { i, r in r.t(i.state.labelKey) },
            .init("implementation.engineers") { i, r in i.engineerIds.compactMap { r.names[$0] }.joined(separator: "、")
            },
            .init("implementation.created") { i, _ in DateText.minute(i.createdAt / 1000) },
        ]
    }
}

extension DTO {
    struct Implementation: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, contractId = "contract_id", contractNumber = "contract_number", contractTitle = "contract_title",
                customerId = "customer_id"
            case customerName = "customer_name", accountOwnerId = "account_owner_id", managerId = "manager_id",
                engineerIds = "engineer_ids"
            case engineerNames = "engineer_names", state, version, createdAt = "created_at", updatedAt = "updated_at",
                completedAt = "completed_at"
        }
        var id: Int64
        var contractId: Int64
        var contractNumber: String
        var contractTitle: String
        var customerId: Int64
        var customerName: String
        var accountOwnerId: Int64
        var managerId: Int64?
        var engineerIds: [Int64]
        var engineerNames: [String]
        var state: String
        var version: Int
        var createdAt: String
        var updatedAt: String
        var completedAt: String?
        init(_ i: FrontlineCore.Implementation, names: [Int64: String]) {
            id = i.id; contractId = i.contractId; contractNumber = i.contractLabel; contractTitle = i.contractTitle;
            customerId = i.customerId
            customerName = i.customerName; accountOwnerId = i.accountOwnerId; managerId = i.managerId;
            engineerIds = i.engineerIds
            engineerNames = i.engineerIds.compactMap { names[$0] }; state = i.state.rawValue; version = i.version
            createdAt = DTO.iso(millis: i.createdAt); updatedAt = DTO.iso(millis: i.updatedAt);
            completedAt = i.completedAt.map { DTO.iso(millis: $0) }
        }
    }

    struct ImplementationMilestone: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, kind, title, due, doneOn = "done_on", documentId = "document_id", paymentSeq = "payment_seq", note,
                overdue
        }
        var id: Int64
        var kind: String
        var title: String
        var due: String
        var doneOn: String
        var documentId: Int64?
        var paymentSeq: Int?
        var note: String
        var overdue: Bool
    }

    struct Obstacle: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, text, state, raisedBy = "raised_by", raisedByName = "raised_by_name", raisedAt = "raised_at",
                answer
            case answeredByName = "answered_by_name", answeredAt = "answered_at", notes, resolution, resolvedAt =
                "resolved_at"
        }
        struct Note: Encodable { var name: String; var at: String; var text: String }
        var id: Int64
        var text: String
        var state: String
        var raisedBy: Int64
        var raisedByName: String
        var raisedAt: String
        var answer: String
        var answeredByName: String
        var answeredAt: String?
        var notes: [Note]
        var resolution: String
        var resolvedAt: String?
    }

    struct ImplementationDetail: Encodable {
        var implementation: Implementation
        var milestones: [ImplementationMilestone]
        var obstacles: [Obstacle]
        var paymentPlan: [[String: String]]
        var actions: [ProcessAPI.Offer]
        enum CodingKeys: String, CodingKey {
            case implementation, milestones, obstacles, paymentPlan = "payment_plan", actions
        }

        init(_ s: ImplementationProcess.Subject, names: [Int64: String], today: String, actions: [ProcessAPI.Offer]) {
            implementation = Implementation(s.implementation, names: names)
            milestones = s.milestones.map {
                ImplementationMilestone(
                    id: $0.id, kind: $0.kind.rawValue, title: $0.title, due: $0.due, doneOn: $0.doneOn,
                    documentId: $0.documentId,
                    paymentSeq: $0.paymentSeq, note: $0.note, overdue: $0.overdue(today: today))
            }
            obstacles = s.obstacles.map { o in
                Obstacle(
                    id: o.id, text: o.text, state: o.state.rawValue, raisedBy: o.raisedBy, raisedByName: o.raisedByName,
                    raisedAt: DTO.iso(millis: o.raisedAt),
                    answer: o.answer, answeredByName: o.answeredByName,
                    answeredAt: o.answeredAt.map { DTO.iso(millis: $0) },
                    notes: o.notes.map { Obstacle.Note(name: $0.name, at: DTO.iso(millis: $0.at), text: $0.text) },
                    resolution: o.resolution,
                    resolvedAt: o.resolvedAt.map { DTO.iso(millis: $0) })
            }
            paymentPlan = s.paymentPlan.map { ["seq": String($0.seq), "name": $0.name] }
            self.actions = actions
        }
    }
}
