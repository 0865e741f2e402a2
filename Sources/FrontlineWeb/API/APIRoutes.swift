import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// A path segment where a record id belongs that is not one: 404, or 405 when the path names another route.
struct NotARecordID: Error {}

/// The JSON API under `/api/v1`. Each handler reads strictly, asks the store (which asks the core), encodes.
enum APIRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.post("auth", "login", use: login)
        api.post("auth", "logout", use: logout)
        api.get("me", use: me)

        api.get("users", use: listUsers)
        api.post("users", use: createUser)
        api.get("users", ":id", use: getUser)
        api.patch("users", ":id", use: updateUser)
        api.get("regions", use: listRegions)
        api.post("regions", use: createRegion)
        api.get("regions", ":id", use: getRegion)
        api.patch("regions", ":id", use: updateRegion)
        api.get("settings", "authority-limits", use: getLimits)
        api.patch("settings", "authority-limits", use: setLimits)

        api.get("customers", use: listCustomers)
        api.post("customers", use: createCustomer)
        api.get("customers", "export", use: exportCustomers)
        api.on(.POST, "customers", "import", body: .collect(maxSize: "10mb"), use: importCustomers)
        api.get("customers", ":id", use: getCustomer)
        api.patch("customers", ":id", use: updateCustomer)
        api.delete("customers", ":id", use: archiveCustomer)
        api.post("customers", ":id", "restore", use: restoreCustomer)
        api.get("customers", ":id", "contacts", use: listContacts)
        api.post("customers", ":id", "contacts", use: createContact)
        api.get("customers", ":id", "communications", use: listCommunications)
        api.post("customers", ":id", "communications", use: createCommunication)
        api.get("customers", ":id", "attachments", use: listAttachments)
        api.on(.POST, "customers", ":id", "attachments", body: .collect(maxSize: "21mb"), use: uploadAttachment)
        api.get("attachments", ":id", use: downloadAttachment)
        api.delete("attachments", ":id", use: removeAttachment)

        api.get("audit", use: listAudit)
    }

    static func id(_ req: Request) throws -> Int64 {
        guard let id = req.parameters.get("id", as: Int64.self), id > 0 else { throw NotARecordID() }
        return id
    }

    // MARK: auth

    static func login(_ req: Request) async throws -> Response {
        let input = try Input.json(req, allowed: ["username", "password"])
        var e: [FieldError] = []
        let username = input.string("username", &e) ?? ""
        let password = input.string("password", &e) ?? ""
        try Input.check(e)
        var missing: [FieldError] = []
        if username.isEmpty { missing.append(FieldError("username", "field.required")) }
        if password.isEmpty { missing.append(FieldError("password", "field.required")) }
        if !missing.isEmpty { throw DomainError.validation(missing) }
        let (user, token, _) = try await Auth.login(req, username: username, password: password, kind: "api")
        struct Answer: Encodable {
            var token: String
            var tokenType = "Bearer"
            var expiresIn = Int(Store.apiLifetime)
            var user: DTO.User
            enum CodingKeys: String, CodingKey { case token, tokenType = "token_type", expiresIn = "expires_in", user }
        }
        return try DTO.response(Answer(token: token, user: DTO.User(user)))
    }

    static func logout(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let token = req.state.token, let user = req.state.session?.user, user.id == actor.id else {
            throw DomainError.unauthenticated
        }
        try await req.store.closeSession(token: token, user: user)
        return Response(status: .noContent)
    }

    static func me(_ req: Request) async throws -> Response {
        _ = try req.actor()
        let user = req.state.session!.user
        struct Me: Encodable {
            var user: DTO.User
            var roles: [String]
            var locale: String
            var departments: [String]
        }
        return try DTO.response(
            Me(
                user: DTO.User(user), roles: user.roles.sorted().map(\.rawValue), locale: req.locale.rawValue,
                departments: Array(Set(user.roles.compactMap { $0.department?.rawValue })).sorted()))
    }

    // MARK: organisation

    static func requireAdmin(_ req: Request) throws -> Actor {
        let a = try req.actor()
        guard OrganisationAccess.canManage(a) else { throw DomainError.forbidden }
        return a
    }

    static func listUsers(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        var users = try await req.store.users()
        if !OrganisationAccess.canManage(actor) { users = users.filter(\.active) }
        return try DTO.response(DTO.List(items: users.map(DTO.User.init), total: users.count))
    }

    static func getUser(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let u = try await req.store.user(id: try id(req)), u.active || OrganisationAccess.canManage(actor) || u.id == actor.id
        else { throw DomainError.notFound }
        return try DTO.response(DTO.User(u))
    }

    static func createUser(_ req: Request) async throws -> Response {
        _ = try requireAdmin(req)
        let input = try Input.json(req, allowed: UserInput.fieldNames).user()
        return try DTO.response(DTO.User(try await req.store.createUser(input)), status: .created)
    }

    static func updateUser(_ req: Request) async throws -> Response {
        let actor = try requireAdmin(req)
        let userId = try id(req)
        let body = try Input.json(req, allowed: UserInput.fieldNames)
        let user = try await req.store.updateUser(id: userId, version: try body.version(req), try body.user(), by: actor)
        return try DTO.response(DTO.User(user))
    }

    static func listRegions(_ req: Request) async throws -> Response {
        _ = try req.actor()
        let regions = try await req.store.regions()
        return try DTO.response(DTO.List(items: regions.map(DTO.Region.init), total: regions.count))
    }

    static func getRegion(_ req: Request) async throws -> Response {
        _ = try req.actor()
        guard let r = try await req.store.region(id: try id(req)) else { throw DomainError.notFound }
        return try DTO.response(DTO.Region(r))
    }

    static func createRegion(_ req: Request) async throws -> Response {
        _ = try requireAdmin(req)
        let input = try Input.json(req, allowed: RegionInput.fieldNames).region()
        return try DTO.response(DTO.Region(try await req.store.createRegion(input)), status: .created)
    }

    static func updateRegion(_ req: Request) async throws -> Response {
        _ = try requireAdmin(req)
        let regionId = try id(req)
        let body = try Input.json(req, allowed: RegionInput.fieldNames)
        let r = try await req.store.updateRegion(id: regionId, version: try body.version(req), try body.region())
        return try DTO.response(DTO.Region(r))
    }

    static func getLimits(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard OrganisationAccess.canReadLimits(actor) else { throw DomainError.forbidden }
        let (limits, version) = try await req.store.authorityLimits()
        return try DTO.response(
            DTO.Limits(limits, version: version, standardDiscount: try await req.store.standardDiscount(), threshold: try await req.store.specialThreshold()))
    }

    static func setLimits(_ req: Request) async throws -> Response {
        let actor = try requireAdmin(req)
        let body = try Input.json(req, allowed: Set(ApprovalKind.allCases.map(\.rawValue) + ["standard_discount", "special_contract_threshold"]))
        let version = try body.version(req)
        var e: [FieldError] = []
        var amounts: [ApprovalKind: Money] = [:]
        var raw: [(ApprovalKind, String)] = []
        for kind in ApprovalKind.allCases {
            if let text = body.string(kind.rawValue, &e) { raw.append((kind, text)) }
        }
        try Input.check(e)
        var invalid: [FieldError] = []
        for (kind, text) in raw {
            do { amounts[kind] = try AuthorityLimits.parseLimit(text, field: kind.rawValue) } catch { invalid += error.fields }
        }
        let (discount, threshold) = try DTO.Thresholds.read(body.string("standard_discount", &e), body.string("special_contract_threshold", &e), into: &invalid)
        try Input.check(e)
        if !invalid.isEmpty { throw DomainError.validation(invalid) }
        let (limits, v) = try await req.store.setAuthorityLimits(
            amounts, standardDiscount: discount, specialThreshold: threshold, version: version, by: actor)
        return try DTO.response(
            DTO.Limits(limits, version: v, standardDiscount: try await req.store.standardDiscount(), threshold: try await req.store.specialThreshold()))
    }

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
        return try DTO.response(DTO.List(items: page.items.map(DTO.Customer.init), total: page.total, limit: q.limit, offset: q.offset))
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
        let c = try await req.store.updateCustomer(id: id, version: try body.version(req), try body.customer(), by: actor)
        guard let item = try await req.store.customer(id: c.id, for: actor) else { throw DomainError.notFound }
        return try DTO.response(DTO.Customer(item))
    }

    static func archiveCustomer(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        var version: Int?
        if let tag = req.headers.first(name: .ifMatch) {
            guard let v = Int(tag.trimmingCharacters(in: CharacterSet(charactersIn: "\"W/ "))) else {
                throw DomainError(.badRequest, Message("field.version"), fields: [FieldError("version", "field.version")])
            }
            version = v
        } else if let v = req.query("version"), !v.isEmpty {
            guard let n = Int(v) else { throw DomainError(.badRequest, Message("field.version"), fields: [FieldError("version", "field.version")]) }
            version = n
        }
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
                items: page.items.map { DTO.Communication($0.communication, authorName: $0.authorName, contactName: $0.contactName) },
                total: page.total, limit: q.limit, offset: q.offset))
    }

    static func createCommunication(_ req: Request) async throws -> Response {
        let (actor, item) = try await visibleCustomer(req)
        let input = try Input.json(req, allowed: CommunicationInput.fieldNames).communication()
        let m = try await req.store.addCommunication(customerId: item.customer.id, input, by: actor)
        return try DTO.response(DTO.Communication(m, authorName: actor.displayName), status: .created)
    }

    static func listAttachments(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let items = try await req.store.attachments(entity: "customer", entityId: try id(req), for: actor)
        return try DTO.response(DTO.List(items: items.map { DTO.Attachment($0.attachment, uploaderName: $0.uploaderName) }, total: items.count))
    }

    static func uploadAttachment(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let customerId = try id(req)
        try await req.store.checkMayAttach(entity: "customer", entityId: customerId, for: actor)
        let (name, bytes, _, _) = try Files.upload(req)
        let a = try await req.store.addAttachment(entity: "customer", entityId: customerId, name: name, bytes: bytes, folder: Files.folder(req), by: actor)
        let res = try DTO.response(DTO.Attachment(a, uploaderName: actor.displayName), status: .created)
        res.headers.replaceOrAdd(name: .location, value: "/api/v1/attachments/\(a.id)")
        return res
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
        default: throw DomainError(.badRequest, Message("field.boolean"), fields: [FieldError("dry_run", "field.boolean")])
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

    // MARK: audit

    static func listAudit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard OrganisationAccess.canReadAudit(actor) else { throw DomainError.forbidden }
        let p: (String) -> String? = { req.query($0) }
        let f: AuditFilter
        do { f = try AuditFilter.parse(p) } catch { throw DomainError(.badRequest, Message("error.validation"), fields: error.fields) }
        let q = try req.listQuery(sorts: ["at"], default: "at")
        let page = try await req.store.auditEntries(f, limit: q.limit, offset: q.offset, for: actor)
        return try DTO.response(DTO.List(items: page.items.map(DTO.Audit.init), total: page.total, limit: q.limit, offset: q.offset))
    }
}
