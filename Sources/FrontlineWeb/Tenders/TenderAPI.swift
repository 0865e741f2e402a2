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
        api.get("tenders", use: list)
        api.post("tenders", use: create)
        api.get("tenders", "export", use: export)
        api.get("tender-templates", use: templates)
        api.on(.POST, "tender-templates", body: .collect(maxSize: "21mb"), use: addTemplate)
        api.get("tenders", ":id", use: get)
        api.patch("tenders", ":id", use: update)
        api.get("tenders", ":id", "history", use: history)
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

    static func filter(_ req: Request) throws -> TenderFilter {
        var f = TenderFilter()
        var errors: [FieldError] = []
        if let q = req.query("q"), !q.isEmpty {
            if q.unicodeScalars.count > 100 {
                errors.append(FieldError("q", "field.too_long", ["max": "100"]))
            } else {
                f.q = Text.clean(q)
            }
        }
        if let s = req.query("state"), !s.isEmpty {
            if let st = Tender.State(rawValue: s) {
                f.state = st
            } else {
                errors.append(
                    FieldError(
                        "state", "field.one_of",
                        ["values": Tender.State.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if let d = req.query("deposit"), !d.isEmpty {
            if let v = Tender.Deposit(rawValue: d) {
                f.deposit = v
            } else {
                errors.append(
                    FieldError(
                        "deposit", "field.one_of",
                        ["values": Tender.Deposit.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if let c = req.query("customer_id"), !c.isEmpty {
            if let v = Int64(c), v > 0 {
                f.customerId = v
            } else {
                errors.append(FieldError("customer_id", "field.not_id"))
            }
        }
        if let d = req.query("due_within_days"), !d.isEmpty {
            if let v = Int(d), (0...365).contains(v) {
                f.dueWithinDays = v
            } else {
                errors.append(FieldError("due_within_days", "field.range", ["min": "0", "max": "365"]))
            }
        }
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
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

    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let q = try SalesRoutes.paging(req)
        let page = try await req.store.tenders(f, limit: q.limit, offset: q.offset, for: actor)
        return try DTO.response(
            DTO.List(
                items: page.items.map { DTO.Tender($0, now: Store.now()) }, total: page.total, limit: q.limit,
                offset: q.offset))
    }

    static func visible(_ req: Request) async throws -> (Actor, TenderItem) {
        let actor = try req.actor()
        guard let item = try await req.store.tender(id: try APIRoutes.id(req), for: actor) else {
            throw DomainError.notFound
        }
        return (actor, item)
    }

    static func get(_ req: Request) async throws -> Response {
        let (actor, item) = try await visible(req)
        let res = try DTO.response(try await dto(req, item, actor: actor))
        res.headers.replaceOrAdd(name: .eTag, value: "\"\(item.tender.version)\"")
        return res
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

    static func history(_ req: Request) async throws -> Response {
        let (_, item) = try await visible(req)
        let events = try await req.store.history("tender", item.tender.id)
        return try DTO.response(DTO.List(items: events.map(DTO.Event.init), total: events.count))
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

    /// The tender list as CSV or Excel, with the list's filters; audited.
    static func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req)
        let store = req.store
        let t = req.texts
        let header = [
            t("tender.number"), t("tender.tender_no"), t("col.name"), t("tender.title"), t("tender.buyer"),
            t("tender.deadline"), t("col.status"),
            t("tender.bid_amount"), t("tender.deposit_amount"), t("tender.deposit"), t("col.owner"), t("tender.winner"),
        ]
        let row: @Sendable (TenderItem) -> [String] = { i in
            let x = i.tender
            return [
                x.number, x.tenderNo, i.customerName, x.title, x.buyer, DateText.minute(x.deadline),
                t(x.state.labelKey), x.bidAmount.decimalString,
                x.depositAmount.decimalString, t(x.deposit.labelKey), i.ownerName, x.winner,
            ]
        }
        return try await TableExport.paged(req, entity: "tender", sheet: t("nav.tenders"), header: header) { before in
            let page = try await store.tenders(
                f, limit: TableExport.batch, before: before, newestFirst: true, for: actor)
            return (page.items.map(row), page.items.last?.tender.id, page.total)
        }
    }
}
