/// A message the user reads, as a catalogue key and its arguments; rendered in the reader's language at the edge.
public struct Message: Sendable, Equatable, Codable {
    public var key: String
    public var args: [String: String]
    /// A guard's refusal about who asks (not the named reviewer, above one's limit, one's own request), which the
    /// engine answers as 403 rather than the 409 of a record's state.
    public var aboutWhoAsks: Bool = false

    public init(_ key: String, _ args: [String: String] = [:]) {
        self.key = key
        self.args = args
    }

    /// A refusal about who asks, answered 403.
    public static func whoAsks(_ key: String, _ args: [String: String] = [:]) -> Message {
        var m = Message(key, args)
        m.aboutWhoAsks = true
        return m
    }

    public func text(_ locale: AppLocale) -> String { Catalog.text(key, args, locale) }
}

/// One field that failed validation, and why.
public struct FieldError: Sendable, Equatable, Codable {
    public var field: String
    public var message: Message

    public init(_ field: String, _ key: String, _ args: [String: String] = [:]) {
        self.field = field
        self.message = Message(key, args)
    }
}

/// A choice people see by its label (a state, a kind, a category): the key of its text in the catalogue.
public protocol Labelled {
    var labelKey: String { get }
}

extension FieldError {
    /// A value outside its set: the message names the choices as the reader sees them (产品质量、工程施工…), in his
    /// language, never their codes; the codes are in the API document.
    public static func oneOf<E: CaseIterable & Labelled>(_ field: String, _: E.Type) -> FieldError {
        FieldError(field, "field.one_of", ["values": "@" + E.allCases.map(\.labelKey).joined(separator: ",")])
    }
}

/// A refusal by the business rules. Each kind maps to one HTTP status and problem type at the edge.
public struct DomainError: Error, Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case validation  // 400 / 422: bad input, with fields
        case badRequest  // 400: the request itself cannot be read
        case unauthenticated  // 401
        case forbidden  // 403
        case notFound  // 404
        case conflict  // 409: stale version
        case duplicate  // 409: the record exists already
        case tooLarge  // 413
        case throttled  // 429
    }

    public var kind: Kind
    public var message: Message
    public var fields: [FieldError]
    /// Seconds a throttled caller should wait.
    public var retryAfter: Int?

    public init(_ kind: Kind, _ message: Message, fields: [FieldError] = [], retryAfter: Int? = nil) {
        self.kind = kind
        self.message = message
        self.fields = fields
        self.retryAfter = retryAfter
    }

    public static func validation(_ fields: [FieldError]) -> DomainError {
        DomainError(.validation, Message("error.validation"), fields: fields)
    }
    public static let notFound = DomainError(.notFound, Message("error.not_found"))
    public static let forbidden = DomainError(.forbidden, Message("error.forbidden"))
    public static let unauthenticated = DomainError(.unauthenticated, Message("error.unauthenticated"))
    public static let staleVersion = DomainError(.conflict, Message("error.stale_version"))
    public static func badRequest(_ key: String, _ args: [String: String] = [:]) -> DomainError {
        DomainError(.badRequest, Message(key, args))
    }
}

/// A stored record: its id and the version an edit must name.
public protocol Versioned {
    var id: Int64 { get }
    var version: Int { get }
}

extension Gift: Versioned {}
extension Visit: Versioned {}
extension Dispute: Versioned {}
extension Screening: Versioned {}
extension IntelligenceReport: Versioned {}
extension Training: Versioned {}
extension SupportRequest: Versioned {}
extension Complaint: Versioned {}
extension ServiceRequest: Versioned {}
extension Implementation: Versioned {}
extension Lead: Versioned {}

// The choices whose refusals name them by their labels.
extension ActionPlan.Period: Labelled {}
extension Complaint.Channel: Labelled {}
extension Complaint.Category: Labelled {}
extension Complaint.Severity: Labelled {}
extension CustomerStatus: Labelled {}
extension Gift.Kind: Labelled {}
extension ImplementationMilestone.Kind: Labelled {}
extension ServiceRequest.Kind: Labelled {}
extension ServiceRequest.Verdict: Labelled {}
