import Foundation

/// A market intelligence report (一线信息/市场调研, SPEC §2 "front-line reports and research reports, competitor news,
/// evaluations of research and advertising effect"; the rep's duty "评估市场调研、广告效果，提出改进建议或研究报告供领导参考"):
/// what the author saw or found, with its files. Its readers are the author, the market manager, the GM and whoever
/// the author shares it with.
public struct IntelligenceReport: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case competitor
        case marketTrend = "market_trend"
        case customerFeedback = "customer_feedback"
        case research
        case adEvaluation = "ad_evaluation"
        public var labelKey: String { "intel.kind.\(rawValue)" }
    }
    public var id: Int64
    /// `QB2026-0001`.
    public var number: String
    public var kind: Kind
    public var title: String
    public var body: String
    /// The competitor it is about (competitor news), and the customer or region it concerns, if any.
    public var competitor: String
    public var customerId: Int64?
    public var customerName: String
    public var regionId: Int64?
    public var authorId: Int64
    /// Users the author shares it with, besides the market manager and the GM.
    public var sharedWith: [Int64]
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64
    public init(
        id: Int64 = 0, number: String = "", kind: Kind, title: String, body: String, competitor: String = "",
        customerId: Int64? = nil, customerName: String = "",
        regionId: Int64? = nil, authorId: Int64, sharedWith: [Int64] = [], version: Int = 1, createdAt: Int64 = 0,
        updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.kind = kind; self.title = title; self.body = body;
        self.competitor = competitor; self.customerId = customerId
        self.customerName = customerName; self.regionId = regionId; self.authorId = authorId;
        self.sharedWith = sharedWith; self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// What a caller sent to write or change a report; `nil` is "not sent".
public struct IntelligenceInput: Sendable, Equatable {
    public var kind: String?
    public var title: String?
    public var body: String?
    public var competitor: String?
    public var customerId: String?
    public var regionId: String?
    public var sharedWith: [String]?
    public init(
        kind: String? = nil, title: String? = nil, body: String? = nil, competitor: String? = nil,
        customerId: String? = nil, regionId: String? = nil,
        sharedWith: [String]? = nil
    ) {
        self.kind = kind; self.title = title; self.body = body; self.competitor = competitor;
        self.customerId = customerId; self.regionId = regionId
        self.sharedWith = sharedWith
    }
    public static let fields: Set<String> = [
        "kind", "title", "body", "competitor", "customer_id", "region_id", "shared_with",
    ]
    public static let changeFields: Set<String> = fields.union(["version"])
    public static let maxShared = 50

    /// Applies the input over `base`: `customers` the ids the author may read (with their names), `regions` the
    /// known regions, `people` the active users he may share with.
    public func apply(to base: IntelligenceReport, customers: [Int64: String], regions: Set<Int64>, people: Set<Int64>)
        throws(DomainError) -> IntelligenceReport
    {
        var r = base
        var errors: [FieldError] = []
        if kind == nil && base.id == 0 { errors.append(FieldError("kind", "field.required")) }
        if let kind {
            if let k = IntelligenceReport.Kind(rawValue: kind.trimmingCharacters(in: .whitespaces)) {
                r.kind = k
            } else {
                errors.append(
                    FieldError(
                        "kind", "field.one_of",
                        ["values": IntelligenceReport.Kind.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if let title {
            r.title = Text.required(title, 200, "title", &errors)
        } else if base.title.isEmpty {
            errors.append(FieldError("title", "field.required"))
        }
        if let body {
            if let v = Text.limit(body, 20_000, "body", &errors, multiline: true) {
                r.body = v
                if v.isEmpty { errors.append(FieldError("body", "field.required")) }
            }
        } else if base.body.isEmpty {
            errors.append(FieldError("body", "field.required"))
        }
        if let competitor { Text.limit(competitor, 120, "competitor", &errors).map { r.competitor = $0 } }
        if r.kind == .competitor && r.competitor.isEmpty && !errors.contains(where: { $0.field == "competitor" }) {
            errors.append(FieldError("competitor", "intel.competitor_needed"))
        }
        if let customerId {
            switch Text.optionalID(customerId, "customer_id", &errors) {
            case .some(.some(let id)):
                if let name = customers[id] {
                    r.customerId = id; r.customerName = name
                } else {
                    errors.append(FieldError("customer_id", "intel.customer_unknown"))
                }
            case .some(.none): r.customerId = nil; r.customerName = ""
            case .none: break
            }
        }
        if let regionId {
            switch Text.optionalID(regionId, "region_id", &errors) {
            case .some(.some(let id)) where !regions.contains(id):
                errors.append(FieldError("region_id", "customer.region_unknown"))
            case .some(let id): r.regionId = id
            case .none: break
            }
        }
        if let sharedWith {
            var ids: [Int64] = []
            for raw in sharedWith {
                guard let id = Int64(raw.trimmingCharacters(in: .whitespaces)), id > 0 else {
                    errors.append(FieldError("shared_with", "field.not_id")); break
                }
                guard people.contains(id) else {
                    errors.append(FieldError("shared_with", "intel.share_unknown")); break
                }
                if id != base.authorId && !ids.contains(id) { ids.append(id) }
            }
            if ids.count > IntelligenceInput.maxShared {
                errors.append(
                    FieldError("shared_with", "intel.share_too_many", ["max": String(IntelligenceInput.maxShared)]))
            }
            r.sharedWith = ids.sorted()
        }
        if !errors.isEmpty { throw .validation(errors) }
        return r
    }
}

/// Who writes and reads reports: the Market Department writes them (the GM may too); the author, the market manager,
/// the GM and those it is shared with read it; only the author changes it, shares it and adds its files.
public enum IntelligenceAccess {
    static let writers: Set<Role> = [.gm, .marketManager, .businessAssistant, .salesRep]
    static let readAll: Set<Role> = [.gm, .marketManager]
    public static func readsAll(_ actor: Actor) -> Bool { actor.hasAny(readAll) }
    public static func canWrite(_ actor: Actor) -> Bool { actor.hasAny(writers) }
    public static func canBrowse(_ actor: Actor) -> Bool { actor.roles.contains { $0 != .admin } }
    public static func canRead(_ actor: Actor, _ r: IntelligenceReport) -> Bool {
        readsAll(actor) || r.authorId == actor.id || r.sharedWith.contains(actor.id)
    }
    public static func canEdit(_ actor: Actor, _ r: IntelligenceReport) -> Bool {
        r.authorId == actor.id && canWrite(actor)
    }
}
