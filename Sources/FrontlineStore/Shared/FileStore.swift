import Crypto
import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// The folder that holds uploaded files, each under `xx/<sha256>`: the path is built from the digest alone, so a
/// file name can never point outside the folder.
public struct FileFolder: Sendable {
    public let root: String

    public init(_ root: String) { self.root = root.hasSuffix("/") ? String(root.dropLast()) : root }

    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public func path(for sha256: String) -> String? {
        guard sha256.count == 64, sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        return "\(root)/\(sha256.prefix(2))/\(sha256)"
    }

    /// Writes the bytes (once: the same content is stored once) and answers their digest. The file appears under its
    /// final name only when complete.
    public func write(_ bytes: [UInt8]) throws -> String {
        let sha = FileFolder.hex(SHA256.hash(data: bytes))
        let path = path(for: sha)!
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { return sha }
        try fm.createDirectory(atPath: "\(root)/\(sha.prefix(2))", withIntermediateDirectories: true)
        let temp = path + ".part-" + UUID().uuidString
        guard fm.createFile(atPath: temp, contents: Data(bytes)) else {
            throw StoreError.corrupt("cannot write \(temp)")
        }
        if rename(temp, path) != 0 {
            try? fm.removeItem(atPath: temp)
            throw StoreError.corrupt("cannot move \(temp) into place")
        }
        return sha
    }

    public func read(_ sha256: String) throws -> Data {
        guard let path = path(for: sha256) else { throw StoreError.corrupt("bad digest") }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}

/// An attachment with the name of whoever uploaded it.
public struct AttachmentItem: Sendable {
    public var attachment: Attachment
    public var uploaderName: String
}

extension Store {
    static let attachmentColumns = [
        "id", "entity", "entity_id", "name", "content_type", "size", "sha256", "uploaded_by", "created_at", "archived",
    ]

    static func decodeAttachment(_ row: any SQLRow) throws -> Attachment {
        Attachment(
            id: try row.decode(column: "id", as: Int64.self), entity: try row.decode(column: "entity", as: String.self),
            entityId: try row.decode(column: "entity_id", as: Int64.self),
            name: try row.decode(column: "name", as: String.self),
            contentType: try row.decode(column: "content_type", as: String.self),
            size: try row.decode(column: "size", as: Int64.self),
            sha256: try row.decode(column: "sha256", as: String.self),
            uploadedBy: try row.decode(column: "uploaded_by", as: Int64.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self),
            archived: try row.decode(column: "archived", as: Bool.self))
    }

    /// Why the actor may not change the files of a record now: nil when he may; not found when he may not see the
    /// record at all (nothing more is said of it); otherwise the reason — the record is closed, or his part is only to
    /// read it. Customers' files follow the customer; bid templates (entity `tender_template`, id 0) are read by
    /// those who write bids and kept by the business assistant and the market manager.
    func attachmentRefusal(entity: String, id: Int64, for actor: Actor) async throws -> DomainError? {
        func closed(_ process: String, _ state: String) -> DomainError {
            DomainError(.conflict, Message("file.record_closed", ["state": "@process.\(process).state.\(state)"]))
        }
        switch entity {
        case "customer":
            // Read as the customer is (Customer Service too, for what was handed to it); changed by who edits it.
            guard let item = try await customer(id: id, for: actor) else { return .notFound }
            return CustomerAccess.canEdit(actor, item.customer) ? nil : .forbidden
        case TenderAccess.templateEntity:
            guard id == 0, TenderAccess.readsTemplates(actor) else { return .notFound }
            return TenderAccess.keepsTemplates(actor) ? nil : .forbidden
        case "implementation":
            // Read as the implementation is; its documents (the acceptance form) are Customer Service's to add.
            guard let i = try await implementation(id: id, for: actor) else { return .notFound }
            guard actor.hasAny(ImplementationAccess.customerService) else {
                return DomainError(.forbidden, .whoAsks("implementation.cs_only"))
            }
            if let refusal = ImplementationAccess.works(actor, i) { return DomainError(.forbidden, refusal) }
            return i.state == .completed ? closed("implementation", i.state.rawValue) : nil
        case "service_request":
            // Read as the request is; while it is open, those who ask and those who do the work add to it.
            guard let r = try await serviceRequest(id: id, for: actor) else { return .notFound }
            guard actor.hasAny(ServiceAccess.market.union(ServiceAccess.customerService)) else { return .forbidden }
            return r.state.open ? nil : closed("service_request", r.state.rawValue)
        case "training":
            // Its materials: read as the session is, added by Customer Service until it is cancelled.
            guard let t = try await training(id: id, for: actor) else { return .notFound }
            guard actor.hasAny(TrainingAccess.customerService) else { return .forbidden }
            return t.state == .cancelled ? closed("training", t.state.rawValue) : nil
        case "intelligence_report":
            // Read by the report's readers; its files are the author's to add.
            guard let r = try await intelligenceReport(id: id, for: actor) else { return .notFound }
            return IntelligenceAccess.canEdit(actor, r) ? nil : .forbidden
        default: return .notFound
        }
    }

    /// Refuses, before an upload's body is read, an actor who may not attach a file to this record (404 when he
    /// may not see it, 403 when he may only read it).
    public func checkMayAttach(entity: String, entityId: Int64, for actor: Actor) async throws {
        if let refusal = try await attachmentRefusal(entity: entity, id: entityId, for: actor) { throw refusal }
    }

    /// Stores an upload on a record the actor may change, audited with its digest.
    public func addAttachment(
        entity: String, entityId: Int64, name rawName: String, bytes: [UInt8], folder: FileFolder, by actor: Actor
    ) async throws -> Attachment {
        try await checkMayAttach(entity: entity, entityId: entityId, for: actor)
        let name = try FileKinds.cleanName(rawName)
        try FileKinds.check(size: bytes.count)
        let sha = try folder.write(bytes)
        return try await transaction { s in
            if let refusal = try await s.attachmentRefusal(entity: entity, id: entityId, for: actor) { throw refusal }
            var a = Attachment(
                id: 0, entity: entity, entityId: entityId, name: name,
                contentType: FileKinds.contentType(forName: name),
                size: Int64(bytes.count), sha256: sha, uploadedBy: actor.id, createdAt: Store.nowMillis())
            let row = try await s.sql.insert(into: "attachments")
                .columns(Array(Store.attachmentColumns.dropFirst()))
                .values(
                    SQLBind(a.entity), SQLBind(a.entityId), SQLBind(a.name), SQLBind(a.contentType), SQLBind(a.size),
                    SQLBind(a.sha256), SQLBind(a.uploadedBy), SQLBind(a.createdAt), SQLBind(false)
                ).returning("id").first()
            a.id = try row!.decode(column: "id", as: Int64.self)
            try await s.audit(.create, "attachment", String(a.id), before: Optional<Attachment>.none, after: a)
            return a
        }
    }

    /// The live attachments of a record the actor may see, newest first.
    public func attachments(entity: String, entityId: Int64, for actor: Actor) async throws -> [AttachmentItem] {
        if try await attachmentRefusal(entity: entity, id: entityId, for: actor)?.kind == .notFound {
            throw DomainError.notFound
        }
        let rows = try await sql.select().columns(Store.attachmentColumns.map { SQLColumn($0, table: "a") })
            .column(SQLColumn("display_name", table: "u"), as: "uploader_name")
            .from(SQLAlias(SQLIdentifier("attachments"), as: SQLIdentifier("a")))
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.left,
                on: SQLColumn("uploaded_by", table: "a"), .equal, SQLColumn("id", table: "u")
            )
            .where(SQLColumn("entity", table: "a"), .equal, SQLBind(entity)).where(
                SQLColumn("entity_id", table: "a"), .equal, SQLBind(entityId)
            )
            .where(SQLColumn("archived", table: "a"), .equal, SQLBind(false))
            .orderBy(SQLColumn("id", table: "a"), SQLDirection.descending).all()
        return try rows.map {
            AttachmentItem(
                attachment: try Store.decodeAttachment($0),
                uploaderName: (try? $0.decode(column: "uploader_name", as: String.self)) ?? "—")
        }
    }

    /// One live attachment, if the actor may see the record it belongs to.
    public func attachment(id: Int64, for actor: Actor) async throws -> Attachment? {
        guard
            let row = try await sql.select().columns(Store.attachmentColumns).from("attachments").where(
                "id", .equal, id
            ).first()
        else { return nil }
        let a = try Store.decodeAttachment(row)
        guard !a.archived, try await attachmentRefusal(entity: a.entity, id: a.entityId, for: actor)?.kind != .notFound
        else { return nil }
        return a
    }

    /// Takes an attachment off its record (the bytes stay for the audit trail), if the actor may change the record.
    public func removeAttachment(id: Int64, by actor: Actor) async throws -> Attachment {
        try await transaction { s in
            guard let a = try await s.attachment(id: id, for: actor) else { throw DomainError.notFound }
            if let refusal = try await s.attachmentRefusal(entity: a.entity, id: a.entityId, for: actor) {
                throw refusal
            }
            // Taken off in the write itself: of two removals at once, the second finds it gone (404), not removed twice.
            guard
                try await s.sql.update("attachments").set("archived", to: true).where("id", .equal, id).where(
                    "archived", .equal, false
                )
                .returning("id").first() != nil
            else { throw DomainError.notFound }
            var after = a
            after.archived = true
            try await s.audit(.archive, "attachment", String(id), before: a, after: after)
            return after
        }
    }
}
