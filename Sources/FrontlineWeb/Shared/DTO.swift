import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// The JSON shapes of the API: snake_case keys spelled out in each type's CodingKeys (a key strategy costs a fifth
/// of a list's time), times in ISO 8601 with China's offset, amounts as decimal text.
enum DTO {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        return e
    }()

    static func iso(millis: Int64) -> String { iso(seconds: millis / 1000) }

    static func iso(seconds: Int64) -> String { DateText.iso8601(seconds) }

    static func response(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let data = try encoder.encode(value)
        let res = Response(status: status, body: .init(data: data))
        res.headers.contentType = .json
        return res
    }

    struct List<Item: Encodable>: Encodable {
        var items: [Item]
        var total: Int
        var limit: Int?
        var offset: Int?
    }

    struct Customer: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, name, tier, industry, regionId = "region_id", regionName = "region_name", ownerId = "owner_id",
                ownerName = "owner_name", status, address, creditCode = "credit_code", notes, archived, version,
                createdAt = "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var name: String
        var tier: String
        var industry: String
        var regionId: Int64?
        var regionName: String?
        var ownerId: Int64?
        var ownerName: String?
        var status: String
        var address: String
        var creditCode: String?
        var notes: String
        var archived: Bool
        var version: Int
        var createdAt: String
        var updatedAt: String

        init(_ item: CustomerListItem) {
            let c = item.customer
            id = c.id; name = c.name; tier = c.tier.rawValue; industry = c.industry; regionId = c.regionId
            regionName = item.regionName; ownerId = c.ownerId; ownerName = item.ownerName; status = c.status.rawValue
            address = c.address; creditCode = c.creditCode; notes = c.notes; archived = c.archived; version = c.version
            createdAt = DTO.iso(millis: c.createdAt); updatedAt = DTO.iso(millis: c.updatedAt)
        }
    }

    struct Contact: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, customerId = "customer_id", name, title, phone, mobile, email, isPrimary = "is_primary", notes,
                version, createdAt = "created_at"
        }
        var id: Int64
        var customerId: Int64
        var name: String
        var title: String
        var phone: String
        var mobile: String
        var email: String
        var isPrimary: Bool
        var notes: String
        var version: Int
        var createdAt: String

        init(_ c: FrontlineCore.Contact) {
            id = c.id; customerId = c.customerId; name = c.name; title = c.title; phone = c.phone; mobile = c.mobile
            email = c.email; isPrimary = c.isPrimary; notes = c.notes; version = c.version
            createdAt = DTO.iso(millis: c.createdAt)
        }
    }

    struct Communication: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, customerId = "customer_id", contactId = "contact_id", contactName = "contact_name", kind,
                direction, occurredAt = "occurred_at", summary, nextStep = "next_step", nextStepDate = "next_step_date",
                authorId = "author_id", authorName = "author_name", createdAt = "created_at", nextStepDoneAt =
                "next_step_done_at", nextStepClosedBy = "next_step_closed_by"
        }
        var id: Int64
        var customerId: Int64
        var contactId: Int64?
        var contactName: String?
        var kind: String
        var direction: String
        var occurredAt: String
        var summary: String
        var nextStep: String
        var nextStepDate: String?
        var authorId: Int64
        var authorName: String?
        var createdAt: String
        /// When the next step was closed (done, or by the next contact: `next_step_closed_by` names it); absent while open.
        var nextStepDoneAt: String?
        var nextStepClosedBy: Int64?

        init(_ m: FrontlineCore.Communication, authorName: String? = nil, contactName: String? = nil) {
            id = m.id; customerId = m.customerId; contactId = m.contactId; self.contactName = contactName
            kind = m.kind.rawValue; direction = m.direction.rawValue; occurredAt = DTO.iso(seconds: m.occurredAt)
            summary = m.summary; nextStep = m.nextStep; nextStepDate = m.nextStepDate; authorId = m.authorId
            self.authorName = authorName; createdAt = DTO.iso(millis: m.createdAt)
            nextStepDoneAt = m.nextStep.isEmpty ? nil : m.nextStepDoneAt.map { DTO.iso(millis: $0) };
            nextStepClosedBy = m.nextStepClosedBy
        }
    }

    struct User: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, username, displayName = "display_name", roles, regionId = "region_id", active, locale, email,
                version
        }
        var id: Int64
        var username: String
        var displayName: String
        var roles: [String]
        var regionId: Int64?
        var active: Bool
        var locale: String
        var email: String
        var version: Int

        init(_ u: FrontlineCore.User) {
            id = u.id; username = u.username; displayName = u.displayName; roles = u.roles.sorted().map(\.rawValue)
            regionId = u.regionId; active = u.active; locale = u.locale.rawValue; email = u.email; version = u.version
        }
    }

    struct Region: Encodable {
        enum CodingKeys: String, CodingKey { case id, name, code, headId = "head_id", version }
        var id: Int64
        var name: String
        var code: String
        var headId: Int64?
        var version: Int
        init(_ r: FrontlineCore.Region) {
            id = r.id; name = r.name; code = r.code; headId = r.headId; version = r.version
        }
    }

    struct Limits: Encodable {
        enum CodingKeys: String, CodingKey {
            case limits, version, standardDiscount = "standard_discount", specialContractThreshold =
                "special_contract_threshold"
        }
        var limits: [String: String]
        var version: Int
        /// Percent, e.g. "10" (a discount beyond it needs approval).
        var standardDiscount: String
        /// Yuan: a contract above it goes to the review meeting.
        var specialContractThreshold: String
        init(_ l: AuthorityLimits, version: Int, standardDiscount: Int, threshold: Money) {
            limits = Dictionary(
                uniqueKeysWithValues: ApprovalKind.allCases.map { ($0.rawValue, l.limit($0).decimalString) })
            self.version = version
            self.standardDiscount = Rate.text(standardDiscount).replacingOccurrences(of: "%", with: "")
            specialContractThreshold = threshold.decimalString
        }
    }

    /// Reads the two sales thresholds as typed: a percentage under 100, and an amount.
    enum Thresholds {}

    struct Audit: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, at, actorId = "actor_id", actorName = "actor_name", action, entity, entityId = "entity_id", before,
                after, ip, requestId = "request_id"
        }
        var id: Int64
        var at: String
        var actorId: Int64?
        var actorName: String
        var action: String
        var entity: String
        var entityId: String?
        var before: String?
        var after: String?
        var ip: String?
        var requestId: String?

        init(_ a: AuditEntry) {
            id = a.id; at = DTO.iso(millis: a.at); actorId = a.actorId; actorName = a.actorName; action = a.action
            entity = a.entity; entityId = a.entityId; before = a.before; after = a.after; ip = a.ip;
            requestId = a.requestId
        }
    }

    struct Attachment: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, entity, entityId = "entity_id", name, contentType = "content_type", size, sha256, uploadedBy =
                "uploaded_by", uploaderName = "uploader_name", createdAt = "created_at", archived, downloadURL =
                "download_url"
        }
        var id: Int64
        var entity: String
        var entityId: Int64
        var name: String
        var contentType: String
        var size: Int64
        var sha256: String
        var uploadedBy: Int64
        var uploaderName: String?
        var createdAt: String
        var archived: Bool
        var downloadURL: String

        init(_ a: FrontlineCore.Attachment, uploaderName: String?) {
            id = a.id; entity = a.entity; entityId = a.entityId; name = a.name; contentType = a.contentType;
            size = a.size
            sha256 = a.sha256; uploadedBy = a.uploadedBy; self.uploaderName = uploaderName;
            createdAt = DTO.iso(millis: a.createdAt)
            archived = a.archived; downloadURL = "/api/v1/attachments/\(a.id)"
        }
    }

    /// What a hand-over of customers did: the ones moved, how many were the rep's already.
    struct Transfer: Encodable {
        enum CodingKeys: String, CodingKey { case moved, unchanged, ownerId = "owner_id" }
        var moved: [Int64]
        var unchanged: Int
        var ownerId: Int64
    }
}
