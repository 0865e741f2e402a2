import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/trainings`: customer training (客户培训, SPEC §3.6); steps `POST /trainings/{id}/{action}` from
/// `TrainingProcess`; `GET /trainings/plan?contract_id=` sets what a contract promised against what was given.
enum TrainingRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("trainings", use: list)
        api.post("trainings", use: create)
        api.get("trainings", "export", use: export)
        api.get("trainings", "plan", use: plan)
        api.get("trainings", ":id", use: get)
        api.get("trainings", ":id", "history", use: history)
        api.get("trainings", ":id", "files", use: files)
        api.on(.POST, "trainings", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
        ProcessAPI.register(app, TrainingProcess.self, route: "trainings") { req, id, action, input, version in
            let actor = try req.actor()
            _ = try await req.store.actOnTraining(id: id, action, input, version: version, by: actor)
            return try DTO.response(try await dto(req, id: id, actor: actor))
        }
    }

    static let createFields: Set<String> = ["contract_id", "implementation_id", "topic", "trainer_id", "starts_at", "hours", "mode", "place"]

    static func filter(_ req: Request) throws -> TrainingFilter {
        var f = TrainingFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 { errors.append(FieldError("q", "field.too_long", ["max": "100"])) } else { f.q = Text.clean(q) }
        }
        f.state = req.choice("state", Training.State.self, &errors)
        for name in ["contract_id", "customer_id"] {
            guard let c = req.query(name), !c.isEmpty else { continue }
            if let v = Int64(c), v > 0 { if name == "contract_id" { f.contractId = v } else { f.customerId = v } } else { errors.append(FieldError(name, "field.not_id")) }
        }
        f.upcoming = try SalesRoutes.flag(req, "upcoming")
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func dto(_ req: Request, id: Int64, actor: Actor) async throws -> DTO.TrainingDetail {
        guard let s = try await req.store.trainingSubject(id: id, for: actor) else { throw DomainError.notFound }
        let names = try await req.userNames()
        return DTO.TrainingDetail(
            training: DTO.Training(s.training, names: names),
            attendees: s.attendees.map { DTO.TrainingAttendee(id: $0.id, contactId: $0.contactId, name: $0.name, attended: $0.attended, score: $0.score, comment: $0.comment) },
            actions: ProcessAPI.offers(TrainingProcess.self, s, actor: actor))
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try req.listQuery(sorting: Store.trainingSorts)
        let page = try await req.store.trainings(f, limit: q.limit, offset: q.offset, order: q, for: actor)
        let names = try await req.userNames()
        return try DTO.response(DTO.List(items: page.items.map { DTO.Training($0, names: names) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let draft = try Input.json(req, allowed: createFields).training()
        let t = try await req.store.createTraining(draft, by: actor)
        return try ProcessAPI.created(try await dto(req, id: t.id, actor: actor), location: "/api/v1/trainings/\(t.id)")
    }

    static func get(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await dto(req, id: try APIRoutes.id(req), actor: actor)
        return try ProcessAPI.tagged(d, version: d.training.version)
    }

    static func history(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await ProcessAPI.history(req, TrainingProcess.name) { try await req.store.training(id: $0, for: actor) != nil }
    }

    static func files(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let items = try await req.store.attachments(entity: "training", entityId: try APIRoutes.id(req), for: actor)
        return try DTO.response(DTO.List(items: items.map { DTO.Attachment($0.attachment, uploaderName: $0.uploaderName) }, total: items.count))
    }

    static func upload(_ req: Request) async throws -> Response {
        try Files.created(req, try await Files.attach(req, entity: "training", entityId: try APIRoutes.id(req), form: false))
    }

    /// The contract a plan is asked for, which the caller must read.
    static func planContract(_ req: Request, actor: Actor) async throws -> Int64 {
        guard let raw = req.query("contract_id"), let id = Int64(raw), id > 0 else {
            throw DomainError(.badRequest, Message("error.validation"), fields: [FieldError("contract_id", "field.not_id")])
        }
        guard TrainingAccess.readsAll(actor) || actor.has(.salesRep), try await req.store.contract(id: id, for: actor) != nil else { throw DomainError.notFound }
        return id
    }

    static func plan(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try await planContract(req, actor: actor)
        let p = try await req.store.trainingPlan(contractId: id, for: actor)
        let names = try await req.userNames()
        return try DTO.response(DTO.TrainingPlan(
            contractId: id, promised: p.promised.map { ["title": $0.title, "due": $0.due, "done_on": $0.doneOn] },
            given: p.given.map { DTO.TrainingPlan.Given(training: DTO.Training($0.training, names: names), invited: $0.invited, attended: $0.attended, score: $0.scoreTenths.map { "\($0 / 10).\($0 % 10)" }) },
            promisedCount: p.promised.count, heldCount: p.heldCount))
    }

    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let names = try await req.userNames()
        let t = req.texts
        let header = [
            t("training.number"), t("training.topic"), t("training.contract"), t("training.customer"), t("training.trainer"), t("training.starts_at"),
            t("training.hours"), t("training.mode"), t("training.place"), t("training.state"), t("training.held_on"),
        ]
        let row: @Sendable (FrontlineCore.Training) -> [String] = { x in
            [x.number, x.topic, x.contractNumber, x.customerName, names[x.trainerId] ?? "", DateText.minute(x.startsAt / 1000), String(x.hours), t(x.mode.labelKey), x.place, t(x.state.labelKey), x.heldOn]
        }
        return try await TableExport.paged(req, entity: "training", sheet: t("training.list"), header: header) { before in
            let page = try await store.trainings(f, limit: TableExport.batch, before: before, for: actor)
            return (page.items.map(row), page.items.last?.id, page.total)
        }
    }
}

extension Input {
    func training() throws -> TrainingDraft {
        var e: [FieldError] = []
        let d = TrainingDraft(
            contractId: string("contract_id", &e), implementationId: string("implementation_id", &e), topic: string("topic", &e), trainerId: string("trainer_id", &e),
            startsAt: string("starts_at", &e), hours: string("hours", &e), mode: string("mode", &e), place: string("place", &e))
        try Input.check(e)
        return d
    }
}

extension DTO {
    struct Training: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, contractId = "contract_id", contractNumber = "contract_number", implementationId = "implementation_id", customerId = "customer_id"
            case customerName = "customer_name", topic, trainerId = "trainer_id", trainerName = "trainer_name", startsAt = "starts_at", hours, mode, place, state
            case heldOn = "held_on", version, createdAt = "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var number: String
        var contractId: Int64
        var contractNumber: String
        var implementationId: Int64?
        var customerId: Int64
        var customerName: String
        var topic: String
        var trainerId: Int64
        var trainerName: String
        var startsAt: String
        var hours: Int
        var mode: String
        var place: String
        var state: String
        var heldOn: String
        var version: Int
        var createdAt: String
        var updatedAt: String
        init(_ t: FrontlineCore.Training, names: [Int64: String]) {
            id = t.id; number = t.number; contractId = t.contractId; contractNumber = t.contractNumber; implementationId = t.implementationId
            customerId = t.customerId; customerName = t.customerName; topic = t.topic; trainerId = t.trainerId; trainerName = names[t.trainerId] ?? ""
            startsAt = DTO.iso(millis: t.startsAt); hours = t.hours; mode = t.mode.rawValue; place = t.place; state = t.state.rawValue; heldOn = t.heldOn
            version = t.version; createdAt = DTO.iso(millis: t.createdAt); updatedAt = DTO.iso(millis: t.updatedAt)
        }
    }

    struct TrainingAttendee: Encodable {
        enum CodingKeys: String, CodingKey { case id, contactId = "contact_id", name, attended, score, comment }
        var id: Int64
        var contactId: Int64
        var name: String
        var attended: Bool
        var score: Int?
        var comment: String
    }

    struct TrainingDetail: Encodable {
        var training: Training
        var attendees: [TrainingAttendee]
        var actions: [ProcessAPI.Offer]
    }

    struct TrainingPlan: Encodable {
        struct Given: Encodable { var training: Training; var invited: Int; var attended: Int; var score: String? }
        enum CodingKeys: String, CodingKey { case contractId = "contract_id", promised, given, promisedCount = "promised_count", heldCount = "held_count" }
        var contractId: Int64
        var promised: [[String: String]]
        var given: [Given]
        var promisedCount: Int
        var heldCount: Int
    }
}
