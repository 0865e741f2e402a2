import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

extension Input {
    /// A hand-over: `customers`, each `{"id": 1, "version": 3}` (the version optional) in JSON or `1:3` in a form;
    /// `owner_id`; `note`.
    func transfer() throws -> CustomerTransfer {
        var e: [FieldError] = []
        var customers: [(id: String, version: String?)] = []
        switch values["customers"] {
        case .list(let items)?:
            for item in items {
                switch item {
                case .string(let s) where isForm:
                    let parts = s.split(separator: ":", maxSplits: 1).map(String.init)
                    customers.append((parts.first ?? "", parts.count > 1 ? parts[1] : nil))
                case .object(let o):
                    let id: String? =
                        if case .number(_, let t)? = o["id"] { t } else { nil }
                    let version: String? =
                        if case .number(_, let t)? = o["version"] { t } else { nil }
                    if id == nil || o.keys.contains(where: { $0 != "id" && $0 != "version" }) {
                        e.append(FieldError("customers", "error.wrong_type", ["expected": "@type.object"]))
                    }
                    customers.append((id ?? "", version))
                default: e.append(FieldError("customers", "error.wrong_type", ["expected": "@type.object"]))
                }
            }
        case .string(let s)? where isForm:
            let parts = s.split(separator: ":", maxSplits: 1).map(String.init)
            customers.append((parts.first ?? "", parts.count > 1 ? parts[1] : nil))
        case nil: break
        default: e.append(FieldError("customers", "error.wrong_type", ["expected": "@type.list"]))
        }
        let owner = string("owner_id", &e), note = string("note", &e)
        try Input.check(e)
        return try CustomerTransfer.checked(customers: customers, ownerId: owner, note: note)
    }
}

extension APIRoutes {
    // MARK: customers

    static func customerQuery(_ req: Request) throws -> (CustomerFilter, ListQuery) {
        let p: (String) -> String? = { req.query($0) }
        do {
            let filter = try CustomerFilter.parse(p)
            let q = try ListQuery.parse(
                limit: p("limit"), offset: p("offset"), sort: p("sort"), allowedSorts: CustomerFilter.sorts,
                defaultSort: "name")
            return (filter, q)
        } catch {
            throw DomainError(.badRequest, Message("error.validation"), fields: error.fields)
        }
    }

    static func listCustomers(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard CustomerAccess.canBrowse(actor) else { throw DomainError.forbidden }
        let (filter, q) = try customerQuery(req)
        let page = try await req.store.customers(filter, q, for: actor)
        return try DTO.response(
            DTO.List(items: page.items.map(DTO.Customer.init), total: page.total, limit: q.limit, offset: q.offset))
    }

    /// `POST /customers/transfer`: several customers to one rep at once (批量转移), all or none.
    static func transferCustomers(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let t = try Input.json(req, allowed: ["customers", "owner_id", "note"]).transfer()
        let done = try await req.store.transferCustomers(t, by: actor)
        return try DTO.response(
            DTO.Transfer(moved: done.moved.map(\.id), unchanged: done.unchanged, ownerId: t.ownerId))
    }

    static func getCustomer(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let item = try await req.store.customer(id: try id(req), for: actor) else { throw DomainError.notFound }
        let res = try DTO.response(DTO.Customer(item))
        res.headers.replaceOrAdd(name: .eTag, value: "\"\(item.customer.version)\"")
        return res
    }

    static func createCustomer(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try Input.json(req, allowed: CustomerInput.fieldNames).customer()
        let c = try await req.store.createCustomer(input, by: actor)
        guard let item = try await req.store.customer(id: c.id, for: actor) else { throw DomainError.notFound }
        let res = try DTO.response(DTO.Customer(item), status: .created)
        res.headers.replaceOrAdd(name: .location, value: "/api/v1/customers/\(c.id)")
        return res
    }

    static func updateCustomer(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try id(req)
        // Nothing about a record is said to somebody who may not see it, not even that his body was wrong.
        guard try await req.store.customer(id: id, for: actor) != nil else { throw DomainError.notFound }
        let body = try Input.json(req, allowed: CustomerInput.fieldNames)
        let c = try await req.store.updateCustomer(
            id: id, version: try body.version(req), try body.customer(), by: actor)
        guard let item = try await req.store.customer(id: c.id, for: actor) else { throw DomainError.notFound }
        return try DTO.response(DTO.Customer(item))
    }

    /// The version a body-less change (DELETE) is based on, from If-Match or `?version=`: each must be well-formed,
    /// and when both are sent they must agree; nil when neither is.
    static func bodylessVersion(_ req: Request) throws -> Int? {
        let bad = DomainError(.badRequest, Message("field.version"), fields: [FieldError("version", "field.version")])
        var version: Int?
        if let v = req.query("version"), !v.isEmpty {
            guard let n = Int(v), n >= 1 else { throw bad }
            version = n
        }
        if let tag = req.headers.first(name: .ifMatch) {
            guard let v = Int(tag.trimmingCharacters(in: CharacterSet(charactersIn: "\"W/ "))),
                version == nil || version == v
            else { throw bad }
            version = v
        }
        return version
    }

    static func archiveCustomer(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let version = try bodylessVersion(req)
        let c = try await req.store.setArchived(id: try id(req), true, version: version, by: actor)
        guard let item = try await req.store.customer(id: c.id, for: actor) else { throw DomainError.notFound }
        return try DTO.response(DTO.Customer(item))
    }

    static func restoreCustomer(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let c = try await req.store.setArchived(id: try id(req), false, version: nil, by: actor)
        guard let item = try await req.store.customer(id: c.id, for: actor) else { throw DomainError.notFound }
        return try DTO.response(DTO.Customer(item))
    }

    static func visibleCustomer(_ req: Request) async throws -> (Actor, CustomerListItem) {
        let actor = try req.actor()
        guard let item = try await req.store.customer(id: try id(req), for: actor) else { throw DomainError.notFound }
        return (actor, item)
    }

    static func listContacts(_ req: Request) async throws -> Response {
        let (_, item) = try await visibleCustomer(req)
        let contacts = try await req.store.contacts(customerId: item.customer.id)
        return try DTO.response(DTO.List(items: contacts.map(DTO.Contact.init), total: contacts.count))
    }

    static func contactId(_ req: Request) throws -> Int64 {
        guard let v = req.parameters.get("contact"), let n = Int64(v), n > 0 else { throw DomainError.notFound }
        return n
    }

    static func updateContact(_ req: Request) async throws -> Response {
        let (actor, item) = try await visibleCustomer(req)
        let body = try Input.json(req, allowed: ContactInput.fieldNames)
        let c = try await req.store.updateContact(
            customerId: item.customer.id, id: try contactId(req), version: try body.version(req), try body.contact(),
            by: actor)
        return try DTO.response(DTO.Contact(c))
    }

    static func removeContact(_ req: Request) async throws -> Response {
        let (actor, item) = try await visibleCustomer(req)
        try await req.store.removeContact(
            customerId: item.customer.id, id: try contactId(req), version: try bodylessVersion(req), by: actor)
        return Response(status: .noContent)
    }

    static func createContact(_ req: Request) async throws -> Response {
        let (actor, item) = try await visibleCustomer(req)
        let input = try Input.json(req, allowed: ContactInput.fieldNames).contact()
        let c = try await req.store.addContact(customerId: item.customer.id, input, by: actor)
        return try DTO.response(DTO.Contact(c), status: .created)
    }

    static func listCommunications(_ req: Request) async throws -> Response {
        let (_, item) = try await visibleCustomer(req)
        let q = try req.listQuery(sorts: ["occurred_at"], default: "occurred_at")
        let page = try await req.store.communications(customerId: item.customer.id, limit: q.limit, offset: q.offset)
        return try DTO.response(
            DTO.List(
                items: page.items.map {
                    DTO.Communication($0.communication, authorName: $0.authorName, contactName: $0.contactName)
                },
                total: page.total, limit: q.limit, offset: q.offset))
    }

    static func createCommunication(_ req: Request) async throws -> Response {
        let (actor, item) = try await visibleCustomer(req)
        let input = try Input.json(req, allowed: CommunicationInput.fieldNames).communication()
        let m = try await req.store.addCommunication(customerId: item.customer.id, input, by: actor)
        return try DTO.response(DTO.Communication(m, authorName: actor.displayName), status: .created)
    }

    /// The caller's open next steps, overdue first (the managers and the assistant may ask for a rep's).
    static func nextSteps(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard CustomerAccess.canBrowse(actor) else { throw DomainError.forbidden }
        var owner: Int64?
        if let raw = req.query("owner_id"), !raw.isEmpty {
            guard let v = Int64(raw), v > 0 else {
                throw DomainError(
                    .badRequest, Message("error.validation"), fields: [FieldError("owner_id", "field.not_id")])
            }
            guard v == actor.id || CustomerAccess.canReassign(actor) else { throw DomainError.forbidden }
            owner = v
        }
        let q = try req.listQuery(sorts: ["due"], default: "due")
        let page = try await req.store.openNextSteps(for: actor, ownerId: owner, limit: q.limit)
        let today = DateText.today()
        return try DTO.response(
            DTO.List(
                items: page.items.map { DTO.NextStep($0, today: today) }, total: page.total, limit: q.limit, offset: 0))
    }

    static func completeNextStep(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try await req.store.completeNextStep(communicationId: try id(req), by: actor)
        return try DTO.response(DTO.Communication(m))
    }

    static func listAttachments(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let items = try await req.store.attachments(entity: "customer", entityId: try id(req), for: actor)
        return try DTO.response(
            DTO.List(
                items: items.map { DTO.Attachment($0.attachment, uploaderName: $0.uploaderName) }, total: items.count))
    }

    static func uploadAttachment(_ req: Request) async throws -> Response {
        try Files.created(req, try await Files.attach(req, entity: "customer", entityId: try id(req), form: false))
    }

    static func downloadAttachment(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let a = try await req.store.attachment(id: try id(req), for: actor) else { throw DomainError.notFound }
        return try Files.download(req, a)
    }

    static func removeAttachment(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let a = try await req.store.removeAttachment(id: try id(req), by: actor)
        return try DTO.response(DTO.Attachment(a, uploaderName: nil))
    }

    static func exportCustomers(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard CustomerAccess.canExport(actor) else { throw DomainError.forbidden }
        return try await CustomerExport.respond(req, actor: actor)
    }

    static func importCustomers(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard CustomerAccess.canImport(actor) else { throw DomainError.forbidden }
        let dryRun: Bool
        switch req.query("dry_run") ?? "" {
        case "true", "1": dryRun = true
        case "false", "0", "": dryRun = false
        default:
            throw DomainError(.badRequest, Message("field.boolean"), fields: [FieldError("dry_run", "field.boolean")])
        }
        let results = try await CustomerImport.run(req, actor: actor, dryRun: dryRun)
        struct Report: Encodable {
            var imported: Int
            var failed: Int
            var dryRun: Bool
            var rows: [Row]
            enum CodingKeys: String, CodingKey { case imported, failed, dryRun = "dry_run", rows }
            struct Row: Encodable {
                var row: Int
                var ok: Bool
                var id: Int64?
                var name: String
                var errors: [[String: String]]
            }
        }
        let locale = req.locale
        let rows = results.map { r in
            Report.Row(
                row: r.row, ok: r.ok, id: r.id, name: r.name,
                errors: r.errors.map { ["field": $0.field, "message": $0.message.text(locale)] })
        }
        let ok = results.filter(\.ok).count
        return try DTO.response(
            Report(imported: dryRun ? 0 : ok, failed: results.count - ok, dryRun: dryRun, rows: rows),
            status: ok > 0 || ok == results.count ? .ok : .unprocessableEntity)
    }
}

extension DTO {
    struct NextStep: Encodable {
        enum CodingKeys: String, CodingKey {
            case communicationId = "communication_id", customerId = "customer_id", customerName = "customer_name",
                ownerId = "owner_id", nextStep = "next_step", due, overdue
            case loggedAt = "logged_at"
        }
        var communicationId: Int64
        var customerId: Int64
        var customerName: String
        var ownerId: Int64
        var nextStep: String
        var due: String?
        var overdue: Bool
        var loggedAt: String
        init(_ t: NextStepTask, today: String) {
            communicationId = t.communicationId; customerId = t.customerId; customerName = t.customerName;
            ownerId = t.ownerId; nextStep = t.step
            due = t.due; overdue = t.overdue(today: today); loggedAt = DTO.iso(seconds: t.loggedAt)
        }
    }
}
