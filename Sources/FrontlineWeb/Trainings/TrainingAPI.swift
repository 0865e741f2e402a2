import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/trainings`: customer training (客户培训, SPEC §3.6); steps `POST /trainings/{id}/{action}` from
/// `TrainingProcess`; `GET /trainings/plan?contract_id=` sets what a contract promised against what was given.
enum TrainingRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, TrainingKind.self)
        api.post("trainings", use: create)
        api.get("trainings", "plan", use: plan)
        api.get("trainings", ":id", "files", use: files)
        api.on(.POST, "trainings", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
        ProcessAPI.register(app, TrainingProcess.self, route: TrainingKind.route.path) {
            req, id, action, input, version in
            _ = try await req.store.actOnTraining(id: id, action, input, version: version, by: try req.actor())
            return try await TrainingKind.answer(req, id: id)
        }
    }

    static let createFields: Set<String> = [
        "contract_id", "implementation_id", "topic", "trainer_id", "starts_at", "hours", "mode", "place",
    ]

    static func create(_ req: Request) async throws -> Response {
        let draft = try Input.json(req, allowed: createFields).training()
        let t = try await req.store.createTraining(draft, by: try req.actor())
        return try await TrainingKind.answer(req, id: t.id, status: .created)
    }

    static func files(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let items = try await req.store.attachments(entity: "training", entityId: try APIRoutes.id(req), for: actor)
        return try DTO.response(
            DTO.List(
                items: items.map { DTO.Attachment($0.attachment, uploaderName: $0.uploaderName) }, total: items.count))
    }

    static func upload(_ req: Request) async throws -> Response {
        try Files.created(
            req, try await Files.attach(req, entity: "training", entityId: try APIRoutes.id(req), form: false))
    }

    /// The contract a plan is asked for, which the caller must read.
    static func planContract(_ req: Request, actor: Actor) async throws -> Int64 {
        guard let raw = req.query("contract_id"), let id = Int64(raw), id > 0 else {
            throw DomainError(
                .badRequest, Message("error.validation"), fields: [FieldError("contract_id", "field.not_id")])
        }
        guard TrainingAccess.canBrowse(actor), try await req.store.contract(id: id, for: actor) != nil else {
            throw DomainError.notFound
        }
        return id
    }

    static func plan(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try await planContract(req, actor: actor)
        let p = try await req.store.trainingPlan(contractId: id, for: actor)
        let names = try await req.userNames()
        return try DTO.response(
            DTO.TrainingPlan(
                contractId: id, promised: p.promised.map { ["title": $0.title, "due": $0.due, "done_on": $0.doneOn] },
                given: p.given.map {
                    DTO.TrainingPlan.Given(
                        training: DTO.Training($0.training, names: names), invited: $0.invited, attended: $0.attended,
                        score: $0.scoreTenths.map { "\($0 / 10).\($0 % 10)" })
                },
                promisedCount: p.promised.count, heldCount: p.heldCount))
    }

}

/// Customer training sessions (客户培训) as a record kind.
enum TrainingKind: ProcessRecordKind, ListedKind {
    typealias Process = TrainingProcess
    typealias Record = FrontlineCore.Training
    typealias Detail = DTO.TrainingDetail
    static let route = Route.Records.trainings
    static let entity = "training"
    static let schema = "Training"
    static let title = "training.list"
    static let doc = RecordDoc(
        tag: "service", access: "GM, market manager, business assistant, Customer Service; a sales rep his customers'",
        list: "Customer training sessions (客户培训), newest first", listZh: "客户培训列表", plural: "Sessions", exportZh: "导出培训",
        one: "One session with its attendees and the steps open to the caller", oneZh: "培训详情", historyZh: "培训记录")

    static var filter: TrainingFilter { TrainingFilter() }
    static var filters: [ListFilter<TrainingFilter>] {
        [
            .search(\.q, "Number, topic or customer."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .id("contract_id", \.contractId, "Contract."), .id("customer_id", \.customerId, "Customer."),
            .flag("upcoming", \.upcoming, "Only planned sessions from today on.", label: "training.home_upcoming"),
        ]
    }
    static let sorting = ListSorting.columns(Set(Store.trainingSorts.keys))

    static func fetch(_ store: Store, _ f: TrainingFilter, _ q: ListQuery, before: Int64?, for actor: Actor)
        async throws
        -> Listing<Record>
    {
        try await store.trainings(f, limit: q.limit, offset: q.offset, before: before, order: q, for: actor)
    }
    static func item(_ t: Record, _ c: Reading) -> DTO.Training { DTO.Training(t, names: c.names) }
    static func subject(_ store: Store, id: Int64, for actor: Actor) async throws -> TrainingProcess.Subject? {
        try await store.trainingSubject(id: id, for: actor)
    }
    static func record(_ s: TrainingProcess.Subject) -> Record { s.training }
    static func present(_ s: TrainingProcess.Subject, _ c: Reading, actions: [ProcessAPI.Offer]) -> DTO.TrainingDetail {
        DTO.TrainingDetail(
            training: DTO.Training(s.training, names: c.names),
            attendees: s.attendees.map {
                DTO.TrainingAttendee(
                    id: $0.id, contactId: $0.contactId, name: $0.name, attended: $0.attended, score: $0.score,
                    comment: $0.comment)
            },
            actions: actions)
    }

    static func canBrowse(_ actor: Actor) -> Bool { TrainingAccess.canBrowse(actor) }
    static var pageColumns: [PageColumn<Record>] {
        [
            .init("training.number") { t, r in r.number(t.number) }, .init("training.topic") { t, _ in "\(t.topic)" },
            .init("training.customer", "opt") { t, _ in "\(t.customerName)" },
            .init("training.contract", "opt") { t, _ in "\(t.contractNumber)" },
            .init("training.starts_at") { t, _ in "\(DateText.minute(t.startsAt / 1000))" },
            .init("training.trainer", "opt") { t, r in "\(r.name(t.trainerId))" },
            .init("col.status") { t, r in TrainingPages.stateBadge(r.req, t.state) },
        ]
    }

    static var columns: [ExportColumn<Record>] {
        [
            .init("training.number") { x, _ in x.number }, .init("training.topic") { x, _ in x.topic },
            .init("training.contract") { x, _ in x.contractNumber },
            .init("training.customer") { x, _ in x.customerName },
            .init("training.trainer") { x, r in r.name(x.trainerId) },
            .init("training.starts_at") { x, _ in DateText.minute(x.startsAt / 1000) },
            .init("training.hours") { x, _ in String(x.hours) },
            .init("training.mode") { x, r in r.t(x.mode.labelKey) }, .init("training.place") { x, _ in x.place },
            .init("training.state") { x, r in r.t(x.state.labelKey) }, .init("training.held_on") { x, _ in x.heldOn },
        ]
    }
}

extension Input {
    func training() throws -> TrainingDraft {
        var e: [FieldError] = []
        let d = TrainingDraft(
            contractId: string("contract_id", &e), implementationId: string("implementation_id", &e),
            topic: string("topic", &e), trainerId: string("trainer_id", &e),
            startsAt: string("starts_at", &e), hours: string("hours", &e), mode: string("mode", &e),
            place: string("place", &e))
        try Input.check(e)
        return d
    }
}

extension DTO {
    struct Training: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, contractId = "contract_id", contractNumber = "contract_number", implementationId =
                "implementation_id", customerId = "customer_id"
            case customerName = "customer_name", topic, trainerId = "trainer_id", trainerName = "trainer_name",
                startsAt = "starts_at", hours, mode, place, state
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
            id = t.id; number = t.number; contractId = t.contractId; contractNumber = t.contractNumber;
            implementationId = t.implementationId
            customerId = t.customerId; customerName = t.customerName; topic = t.topic; trainerId = t.trainerId;
            trainerName = names[t.trainerId] ?? ""
            startsAt = DTO.iso(millis: t.startsAt); hours = t.hours; mode = t.mode.rawValue; place = t.place;
            state = t.state.rawValue; heldOn = t.heldOn
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
        enum CodingKeys: String, CodingKey {
            case contractId = "contract_id", promised, given, promisedCount = "promised_count", heldCount = "held_count"
        }
        var contractId: Int64
        var promised: [[String: String]]
        var given: [Given]
        var promisedCount: Int
        var heldCount: Int
    }
}
