import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/implementations`: contract implementation (合同实施, SPEC §3.3), owned by Customer Service; its steps
/// are `POST /implementations/{id}/{action}`, one per row of `ImplementationProcess`.
enum ImplementationRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("implementations", use: list)
        api.get("implementations", "export", use: export)
        api.get("implementations", ":id", use: get)
        api.get("implementations", ":id", "history", use: history)
        api.get("implementations", ":id", "files", use: files)
        api.on(.POST, "implementations", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
        ProcessAPI.register(app, ImplementationProcess.self, route: "implementations") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnImplementation(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
    }

    static func filter(_ req: Request) throws -> ImplementationFilter {
        var f = ImplementationFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 { errors.append(FieldError("q", "field.too_long", ["max": "100"])) } else { f.q = Text.clean(q) }
        }
        if let s = req.query("state"), !s.isEmpty {
            if let st = Implementation.State(rawValue: s) { f.state = st } else {
                errors.append(FieldError("state", "field.one_of", ["values": Implementation.State.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if let c = req.query("customer_id"), !c.isEmpty {
            if let v = Int64(c), v > 0 { f.customerId = v } else { errors.append(FieldError("customer_id", "field.not_id")) }
        }
        f.overdue = try SalesRoutes.flag(req, "overdue")
        f.obstructed = try SalesRoutes.flag(req, "obstructed")
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.ImplementationDetail {
        guard let subject = try await req.store.implementationSubject(id: id, for: actor) else { throw DomainError.notFound }
        let people = Dictionary(uniqueKeysWithValues: subject.people.map { ($0.id, $0.displayName) })
        return DTO.ImplementationDetail(
            subject, names: people, today: DateText.today(), actions: ProcessAPI.offers(ImplementationProcess.self, subject, actor: actor))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorting: Store.implementationSorts)
        let page = try await req.store.implementations(f, limit: q.limit, offset: q.offset, order: q, for: actor)
        let names = try await req.userNames()
        return try DTO.response(DTO.List(items: page.items.map { DTO.Implementation($0, names: names) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        let res = try DTO.response(d)
        res.headers.replaceOrAdd(name: .eTag, value: "\"\(d.implementation.version)\"")
        return res
    }

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let i = try await req.store.implementation(id: try APIRoutes.id(req), for: actor) else { throw DomainError.notFound }
        let events = try await req.store.history("implementation", i.id)
        return try DTO.response(DTO.List(items: events.map(DTO.Event.init), total: events.count))
    }

    static func files(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let items = try await req.store.attachments(entity: "implementation", entityId: try APIRoutes.id(req), for: actor)
        return try DTO.response(DTO.List(items: items.map { DTO.Attachment($0.attachment, uploaderName: $0.uploaderName) }, total: items.count))
    }

    /// A document of the implementation (the customer's acceptance form, a deployment report): Customer Service's.
    static func upload(_ req: Request) async throws -> Response {
        try Files.created(req, try await Files.attach(req, entity: "implementation", entityId: try APIRoutes.id(req), form: false))
    }

    /// The implementation list as CSV or Excel, with the list's filters; audited.
    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let names = try await req.userNames()
        let t = req.texts
        let header = [
            t("implementation.contract"), t("tender.title"), t("implementation.customer"), t("implementation.state"), t("implementation.engineers"),
            t("implementation.created"),
        ]
        let row: @Sendable (Implementation) -> [String] = { i in
            [
                i.contractLabel, i.contractTitle, i.customerName, t(i.state.labelKey), i.engineerIds.compactMap { names[$0] }.joined(separator: "、"),
                DateText.minute(i.createdAt / 1000),
            ]
        }
        return try await TableExport.paged(req, entity: "implementation", sheet: t("implementation.list"), header: header) { before in
            let page = try await store.implementations(f, limit: TableExport.batch, before: before, for: actor)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
    }
}

extension DTO {
    struct Implementation: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, contractId = "contract_id", contractNumber = "contract_number", contractTitle = "contract_title", customerId = "customer_id"
            case customerName = "customer_name", accountOwnerId = "account_owner_id", managerId = "manager_id", engineerIds = "engineer_ids"
            case engineerNames = "engineer_names", state, version, createdAt = "created_at", updatedAt = "updated_at", completedAt = "completed_at"
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
            id = i.id; contractId = i.contractId; contractNumber = i.contractLabel; contractTitle = i.contractTitle; customerId = i.customerId
            customerName = i.customerName; accountOwnerId = i.accountOwnerId; managerId = i.managerId; engineerIds = i.engineerIds
            engineerNames = i.engineerIds.compactMap { names[$0] }; state = i.state.rawValue; version = i.version
            createdAt = DTO.iso(millis: i.createdAt); updatedAt = DTO.iso(millis: i.updatedAt); completedAt = i.completedAt.map { DTO.iso(millis: $0) }
        }
    }

    struct ImplementationMilestone: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, kind, title, due, doneOn = "done_on", documentId = "document_id", paymentSeq = "payment_seq", note, overdue
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
            case id, text, state, raisedBy = "raised_by", raisedByName = "raised_by_name", raisedAt = "raised_at", answer
            case answeredByName = "answered_by_name", answeredAt = "answered_at", notes, resolution, resolvedAt = "resolved_at"
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
        enum CodingKeys: String, CodingKey { case implementation, milestones, obstacles, paymentPlan = "payment_plan", actions }

        init(_ s: ImplementationProcess.Subject, names: [Int64: String], today: String, actions: [ProcessAPI.Offer]) {
            implementation = Implementation(s.implementation, names: names)
            milestones = s.milestones.map {
                ImplementationMilestone(
                    id: $0.id, kind: $0.kind.rawValue, title: $0.title, due: $0.due, doneOn: $0.doneOn, documentId: $0.documentId,
                    paymentSeq: $0.paymentSeq, note: $0.note, overdue: $0.overdue(today: today))
            }
            obstacles = s.obstacles.map { o in
                Obstacle(
                    id: o.id, text: o.text, state: o.state.rawValue, raisedBy: o.raisedBy, raisedByName: o.raisedByName, raisedAt: DTO.iso(millis: o.raisedAt),
                    answer: o.answer, answeredByName: o.answeredByName, answeredAt: o.answeredAt.map { DTO.iso(millis: $0) },
                    notes: o.notes.map { Obstacle.Note(name: $0.name, at: DTO.iso(millis: $0.at), text: $0.text) }, resolution: o.resolution,
                    resolvedAt: o.resolvedAt.map { DTO.iso(millis: $0) })
            }
            paymentPlan = s.paymentPlan.map { ["seq": String($0.seq), "name": $0.name] }
            self.actions = actions
        }
    }
}
