import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

extension APIRoutes {
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
        guard let u = try await req.store.user(id: try id(req)),
            u.active || OrganisationAccess.canManage(actor) || u.id == actor.id
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
        let user = try await req.store.updateUser(
            id: userId, version: try body.version(req), try body.user(), by: actor)
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
            DTO.Limits(
                limits, version: version, standardDiscount: try await req.store.standardDiscount(),
                threshold: try await req.store.specialThreshold()))
    }

    static func setLimits(_ req: Request) async throws -> Response {
        let actor = try requireAdmin(req)
        let body = try Input.json(
            req,
            allowed: Set(ApprovalKind.allCases.map(\.rawValue) + ["standard_discount", "special_contract_threshold"]))
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
            do { amounts[kind] = try AuthorityLimits.parseLimit(text, field: kind.rawValue) } catch {
                invalid += error.fields
            }
        }
        let (discount, threshold) = try DTO.Thresholds.read(
            body.string("standard_discount", &e), body.string("special_contract_threshold", &e), into: &invalid)
        try Input.check(e)
        if !invalid.isEmpty { throw DomainError.validation(invalid) }
        let (limits, v) = try await req.store.setAuthorityLimits(
            amounts, standardDiscount: discount, specialThreshold: threshold, version: version, by: actor)
        return try DTO.response(
            DTO.Limits(
                limits, version: v, standardDiscount: try await req.store.standardDiscount(),
                threshold: try await req.store.specialThreshold()))
    }
}
