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
        api.post("customers", "transfer", use: transferCustomers)
        api.get("customers", ":id", use: getCustomer)
        api.patch("customers", ":id", use: updateCustomer)
        api.delete("customers", ":id", use: archiveCustomer)
        api.post("customers", ":id", "restore", use: restoreCustomer)
        api.get("customers", ":id", "contacts", use: listContacts)
        api.post("customers", ":id", "contacts", use: createContact)
        api.patch("customers", ":id", "contacts", ":contact", use: updateContact)
        api.delete("customers", ":id", "contacts", ":contact", use: removeContact)
        api.get("customers", ":id", "communications", use: listCommunications)
        api.post("customers", ":id", "communications", use: createCommunication)
        api.get("next-steps", use: nextSteps)
        api.post("next-steps", ":id", "done", use: completeNextStep)
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

    // MARK: audit

    static func listAudit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard OrganisationAccess.canReadAudit(actor) else { throw DomainError.forbidden }
        let p: (String) -> String? = { req.query($0) }
        let f: AuditFilter
        do { f = try AuditFilter.parse(p) } catch {
            throw DomainError(.badRequest, Message("error.validation"), fields: error.fields)
        }
        let q = try req.listQuery(sorts: ["at"], default: "at")
        let page = try await req.store.auditEntries(f, limit: q.limit, offset: q.offset, for: actor)
        return try DTO.response(
            DTO.List(items: page.items.map(DTO.Audit.init), total: page.total, limit: q.limit, offset: q.offset))
    }
}
