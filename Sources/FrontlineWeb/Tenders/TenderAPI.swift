import Crypto
import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/tenders`: tenders (标书, SPEC §3.1) with their part files, bid review, package and result; steps are
/// `POST /tenders/{id}/{action}`.
enum TenderRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        Records.register(app, TenderKind.self)
        api.post("tenders", use: create)
        api.get("tender-templates", use: templates)
        api.on(.POST, "tender-templates", body: .collect(maxSize: "21mb"), use: addTemplate)
        api.patch("tenders", ":id", use: update)
        api.get("tenders", ":id", "files", use: files)
        api.on(.POST, "tenders", ":id", "files", body: .collect(maxSize: "21mb"), use: upload)
        api.get("tenders", ":id", "files", ":file", use: download)
        api.get("tenders", ":id", "package", use: package)
        ProcessAPI.register(app, TenderProcess.self, route: "tenders") { req, id, action, input, version in
            let actor = try req.actor()
            let t = try await req.store.actOnTender(
                id: id, action, input, version: version, folder: Files.folder(req), by: actor)
            return try DTO.response(try await dto(req, try await req.store.tender(id: t.id, for: actor)!, actor: actor))
        }
    }

    /// The steps open to the actor now, as the runner would judge them.
    static func offers(_ t: Tender, reviews: [Review], files: [FrontlineCore.TenderFile], actor: Actor)
        -> [ProcessOffer<TenderProcess>]
    {
        let subject = TenderProcess.Subject(
            t, reviews: reviews, partsWithFiles: Set(files.map(\.part)), now: Store.now(), files: files)
        return ProcessEngine.offers(TenderProcess.self, subject: subject, actor: actor)
    }

    static func dto(_ req: Request, _ item: TenderItem, actor: Actor, full: Bool = true) async throws -> DTO.Tender {
        guard full else { return DTO.Tender(item, now: Store.now()) }
        let reviews = try await req.store.tenderReviews(item.tender.id)
        let files = try await req.store.tenderFiles(item.tender.id)
        return DTO.Tender(
            item, now: Store.now(), files: files, reviews: reviews,
            actions: offers(item.tender, reviews: reviews, files: files, actor: actor).map(\.action.rawValue))
    }

    static func visible(_ req: Request) async throws -> (Actor, TenderItem) {
        let actor = try req.actor()
        guard let item = try await req.store.tender(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        return (actor, item)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Input.json(req, allowed: TenderInput.fieldNames).tender()
        let t = try await req.store.createTender(input, by: actor)
        let res = try DTO.response(
            try await dto(req, try await req.store.tender(id: t.id, for: actor)!, actor: actor), status: .created)
        res.headers.replaceOrAdd(name: .location, value: "/api/v1/tenders/\(t.id)")
        return res
    }

    static func update(_ req: Request) async throws -> Response {
        let (actor, item) = try await visible(req)
        let body = try Input.json(req, allowed: TenderInput.fieldNames)
        let t = try await req.store.updateTender(
            id: item.tender.id, version: try body.version(req), try body.tender(), by: actor)
        return try DTO.response(try await dto(req, try await req.store.tender(id: t.id, for: actor)!, actor: actor))
    }

    static func files(_ req: Request) async throws -> Response {
        let (_, item) = try await visible(req)
        let files = try await req.store.tenderFiles(item.tender.id)
        return try DTO.response(DTO.List(items: files.map(DTO.TenderFile.init), total: files.count))
    }

    /// The part named by the form field or the query: `commercial`, `quotation` or `technical`.
    static func part(_ raw: String?) throws -> Tender.Part {
        guard let raw, let p = Tender.Part(rawValue: raw) else {
            throw DomainError(
                .badRequest, Message("error.validation"),
                fields: [
                    FieldError(
                        "part", "field.one_of", ["values": Tender.Part.allCases.map(\.rawValue).joined(separator: ", ")]
                    )
                ])
        }
        return p
    }

    static func upload(_ req: Request) async throws -> Response {
        let (actor, item) = try await visible(req)
        try await req.store.checkMayUploadTenderFile(tenderId: item.tender.id, by: actor)
        let u = try Files.upload(req)
        // A part named in the query must be one, even when the form names it too.
        if let raw = req.query("part"), !raw.isEmpty { _ = try part(raw) }
        let f = try await req.store.addTenderFile(
            tenderId: item.tender.id, part: try part(u.fields["part"]), name: u.name, bytes: u.bytes,
            note: u.fields["note"],
            folder: Files.folder(req), by: actor)
        let res = try DTO.response(DTO.TenderFile(f), status: .created)
        res.headers.replaceOrAdd(name: .location, value: "/api/v1/tenders/\(item.tender.id)/files/\(f.file.id)")
        return res
    }

    static func download(_ req: Request) async throws -> Response {
        let (actor, item) = try await visible(req)
        guard let raw = req.parameters.get("file"), let fileId = Int64(raw), fileId > 0 else {
            throw DomainError.notFound
        }
        guard let f = try await req.store.tenderFiles(item.tender.id).first(where: { $0.file.id == fileId }) else {
            throw DomainError.notFound
        }
        try await req.store.audit(.export, "tender_file", String(fileId), note: ["tender": item.tender.number])
        return try Files.download(req, f.file)
    }

    /// The assembled package: the archive the assistant hands in.
    static func package(_ req: Request) async throws -> Response {
        let (actor, item) = try await visible(req)
        let t = item.tender
        guard !t.packageSha.isEmpty else { throw DomainError(.notFound, Message("tender.no_package")) }
        try await req.store.audit(.export, "tender", String(t.id), note: ["package": t.packageSha])
        let a = Attachment(
            id: 0, entity: "tender", entityId: t.id, name: TenderPackage.fileName(t), contentType: "application/zip",
            size: t.packageSize,
            sha256: t.packageSha, uploadedBy: actor.id)
        return try Files.download(req, a)
    }

    /// The bid templates (标书模板) the assistant keeps; each downloads and is removed through `/attachments/{id}`.
    static func templates(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard TenderAccess.readsTemplates(actor) else { throw DomainError.forbidden }
        let items = try await req.store.attachments(entity: TenderAccess.templateEntity, entityId: 0, for: actor)
        return try DTO.response(
            DTO.List(
                items: items.map { DTO.Attachment($0.attachment, uploaderName: $0.uploaderName) }, total: items.count))
    }

    static func addTemplate(_ req: Request) async throws -> Response {
        try Files.created(
            req, try await Files.attach(req, entity: TenderAccess.templateEntity, entityId: 0, form: false))
    }
}

/// Tenders (标书) as a record kind: a tender with its files, reviews and the steps open to the reader.
enum TenderKind: ListedKind {
    typealias Record = TenderItem
    typealias Item = DTO.Tender
    typealias Detail = DTO.Tender
    static let route = Route.Records.tenders
    static let entity = "tender"
    static let schema = "Tender"
    static let title = "nav.tenders"
    static let process: String? = TenderProcess.name
    static let detailSchema = "Tender"
    static let doc = RecordDoc(
        tag: "tenders",
        access:
            "as the customer (a rep: his own customers'); the CS manager every tender; a CS engineer those he writes; reviewers those they review",
        list: "Tenders, newest first (or by deadline with due_within_days)", listZh: "标书列表", plural: "Tenders",
        exportZh: "导出标书台账", one: "One tender with its files, reviews and the steps open to the caller",
        oneZh: "标书详情", historyZh: "标书记录", history: "Every step, upload and review answer")

    static var filter: TenderFilter { TenderFilter() }
    static var filters: [ListFilter<TenderFilter>] {
        [
            .search(\.q, "Number, tender number, project, buyer or customer."),
            .choice("state", \.state, "State.", label: "col.status") { $0.labelKey },
            .choice("deposit", \.deposit, "Deposit state.", label: "tender.deposit") { $0.labelKey },
            .id("customer_id", \.customerId, "Customer."), .id("owner_id", \.ownerId, "Owner.", label: "col.owner"),
            .number(
                "due_within_days", \.dueWithinDays, 0...365,
                "Open tenders whose deadline is within so many days (or past), soonest first.",
                label: "tender.due_within"),
        ]
    }
    static let sorting = ListSorting.columns(Set(TenderFilter.sorts.keys).subtracting(["id"]))

    static func fetch(_ store: Store, _ f: TenderFilter, _ q: ListQuery, before: Int64?, for actor: Actor) async throws
        -> Listing<TenderItem>
    {
        try await store.tenders(f, q, before: before, for: actor)
    }
    static func id(_ r: TenderItem) -> Int64 { r.tender.id }
    static var needsNames: Bool { false }
    static func item(_ i: TenderItem, _ c: Reading) -> DTO.Tender { DTO.Tender(i, now: c.now / 1000) }
    static func readable(_ store: Store, id: Int64, for actor: Actor) async throws -> Bool {
        try await store.tender(id: id, for: actor) != nil
    }
    static func detail(_ req: Request, id: Int64, for actor: Actor) async throws -> (detail: DTO.Tender, version: Int) {
        guard let item = try await req.store.tender(id: id, for: actor) else { throw DomainError.notFound }
        return (try await TenderRoutes.dto(req, item, actor: actor), item.tender.version)
    }

    static func canBrowse(_ actor: Actor) -> Bool {
        CustomerAccess.canBrowse(actor) || actor.hasAny(ContractAccess.customerService)
    }
    static var totalColumn: String? { "tender.bid_amount" }
    static var pageSorts: [(sort: String, label: String)] {
        [
            ("-id", "sort.newest"), ("deadline", "sort.deadline"), ("-bid", "sort.amount_desc"),
            ("-updated_at", "sort.updated"),
        ]
    }
    static var pageColumns: [PageColumn<TenderItem>] {
        [
            .init("tender.number") { i, r in r.number(i.tender.number) },
            .init("tender.tender_no", "opt") { i, _ in "\(i.tender.tenderNo)" },
            .init("col.name") { i, _ in "\(i.customerName)" },
            .init("tender.title", "opt") { i, _ in "\(i.tender.title)" },
            .init("tender.deadline") { i, r in TenderPages.deadlineHTML(r.req, i.tender) },
            .init("tender.bid_amount", "num") { i, _ in "\(i.tender.bidAmount.grouped)" },
            .init("col.status") { i, r in TenderPages.stateBadge(r.req, i.tender.state) },
            .init("tender.deposit", "opt") { i, r in
                let t = i.tender
                return "\(t.deposit == .none ? "—" : "\(t.depositAmount.grouped) · \(r.t(t.deposit.labelKey))")"
            },
            .init("col.owner", "opt") { i, _ in "\(i.ownerName)" },
        ]
    }

    static var columns: [ExportColumn<TenderItem>] {
        [
            .init("tender.number") { i, _ in i.tender.number }, .init("tender.tender_no") { i, _ in i.tender.tenderNo },
            .init("col.name") { i, _ in i.customerName }, .init("tender.title") { i, _ in i.tender.title },
            .init("tender.buyer") { i, _ in i.tender.buyer },
            .init("tender.deadline") { i, _ in DateText.minute(i.tender.deadline) },
            .init("col.status") { i, r in r.t(i.tender.state.labelKey) },
            .init("tender.bid_amount") { i, _ in i.tender.bidAmount.decimalString },
            .init("tender.deposit_amount") { i, _ in i.tender.depositAmount.decimalString },
            .init("tender.deposit") { i, r in r.t(i.tender.deposit.labelKey) },
            .init("col.owner") { i, _ in i.ownerName }, .init("tender.winner") { i, _ in i.tender.winner },
        ]
    }
}
