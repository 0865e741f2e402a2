import Foundation

/// A person at a customer.
public struct Contact: Sendable, Equatable, Codable {
    public var id: Int64
    public var customerId: Int64
    public var name: String
    public var title: String
    public var phone: String
    public var mobile: String
    public var email: String
    public var isPrimary: Bool
    public var notes: String
    public var version: Int
    public var createdAt: Int64

    public init(
        id: Int64, customerId: Int64, name: String, title: String = "", phone: String = "", mobile: String = "",
        email: String = "", isPrimary: Bool = false, notes: String = "", version: Int = 1, createdAt: Int64 = 0
    ) {
        self.id = id; self.customerId = customerId; self.name = name; self.title = title; self.phone = phone
        self.mobile = mobile; self.email = email; self.isPrimary = isPrimary; self.notes = notes
        self.version = version; self.createdAt = createdAt
    }
}

/// What a caller sent to create a contact.
public struct ContactInput: Sendable, Equatable {
    public var name: String?
    public var title: String?
    public var phone: String?
    public var mobile: String?
    public var email: String?
    public var isPrimary: Bool?
    public var notes: String?

    public init(
        name: String? = nil, title: String? = nil, phone: String? = nil, mobile: String? = nil, email: String? = nil,
        isPrimary: Bool? = nil, notes: String? = nil
    ) {
        self.name = name; self.title = title; self.phone = phone; self.mobile = mobile; self.email = email
        self.isPrimary = isPrimary; self.notes = notes
    }

    public static let fieldNames: Set<String> = ["name", "title", "phone", "mobile", "email", "is_primary", "notes"]

    /// Validates the input into a new contact of `customerId` (id 0 until stored).
    public func validated(customerId: Int64) throws(DomainError) -> Contact {
        var errors: [FieldError] = []
        let name = Text.required(name, 60, "name", &errors)
        let title = Text.limit(title ?? "", 60, "title", &errors) ?? ""
        let phone = Text.limit(phone ?? "", 40, "phone", &errors) ?? ""
        let mobile = Text.limit(mobile ?? "", 40, "mobile", &errors) ?? ""
        let email = Text.limit(email ?? "", 120, "email", &errors) ?? ""
        let notes = Text.limit(notes ?? "", 2000, "notes", &errors, multiline: true) ?? ""
        for (field, value) in [("phone", phone), ("mobile", mobile)] where !value.isEmpty {
            if !value.allSatisfy({ $0.isASCII && ($0.isNumber || "+-() ".contains($0)) })
                || value.filter(\.isNumber).count < 5
            {
                errors.append(FieldError(field, "field.phone"))
            }
        }
        if !email.isEmpty && !ContactInput.looksLikeEmail(email) {
            errors.append(FieldError("email", "field.email"))
        }
        if !errors.isEmpty { throw .validation(errors) }
        return Contact(
            id: 0, customerId: customerId, name: name, title: title, phone: phone, mobile: mobile, email: email,
            isPrimary: isPrimary ?? false, notes: notes)
    }

    /// A change to `old`: the fields sent replace the stored ones, the others stay; checked as a new contact is.
    public func apply(to old: Contact) throws(DomainError) -> Contact {
        let merged = ContactInput(
            name: name ?? old.name, title: title ?? old.title, phone: phone ?? old.phone, mobile: mobile ?? old.mobile,
            email: email ?? old.email, isPrimary: isPrimary ?? old.isPrimary, notes: notes ?? old.notes)
        var c = try merged.validated(customerId: old.customerId)
        c.id = old.id; c.version = old.version; c.createdAt = old.createdAt
        return c
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !s.contains(" ") else { return false }
        return !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }
}

/// How a communication with a customer took place (客户通信).
public enum CommunicationKind: String, CaseIterable, Codable, Sendable {
    case call, visit, email, letter, meeting
    public var labelKey: String { "comm.kind.\(rawValue)" }
}

/// Who started the communication: us (outbound) or the customer (inbound).
public enum CommunicationDirection: String, CaseIterable, Codable, Sendable {
    case inbound, outbound
    public var labelKey: String { "comm.direction.\(rawValue)" }
}

/// One entry of the two-way communication log.
public struct Communication: Sendable, Equatable, Codable {
    public var id: Int64
    public var customerId: Int64
    public var contactId: Int64?
    public var kind: CommunicationKind
    public var direction: CommunicationDirection
    /// When it happened, as Unix seconds.
    public var occurredAt: Int64
    public var summary: String
    public var nextStep: String
    /// The day the next step is due, `YYYY-MM-DD`.
    public var nextStepDate: String?
    public var authorId: Int64
    public var createdAt: Int64
    /// The next step is a task: closed (milliseconds since 1970) when its owner marks it done, or when the next
    /// contact with the customer is logged (`nextStepClosedBy` then names that communication).
    public var nextStepDoneAt: Int64?
    public var nextStepClosedBy: Int64?

    public init(
        id: Int64, customerId: Int64, contactId: Int64?, kind: CommunicationKind, direction: CommunicationDirection,
        occurredAt: Int64, summary: String, nextStep: String, nextStepDate: String?, authorId: Int64,
        createdAt: Int64 = 0,
        nextStepDoneAt: Int64? = nil, nextStepClosedBy: Int64? = nil
    ) {
        self.id = id; self.customerId = customerId; self.contactId = contactId; self.kind = kind
        self.direction = direction; self.occurredAt = occurredAt; self.summary = summary; self.nextStep = nextStep
        self.nextStepDate = nextStepDate; self.authorId = authorId; self.createdAt = createdAt
        self.nextStepDoneAt = nextStepDoneAt; self.nextStepClosedBy = nextStepClosedBy
    }

    /// Whether it leaves a task still to do.
    public var hasOpenNextStep: Bool { !nextStep.isEmpty && nextStepDoneAt == nil }
}

/// A next step still to do, as the home page and `GET /next-steps` list them.
public struct NextStepTask: Sendable, Equatable {
    public var communicationId: Int64
    public var customerId: Int64
    public var customerName: String
    public var ownerId: Int64
    public var step: String
    /// `YYYY-MM-DD`, or nil when none was given.
    public var due: String?
    /// When the communication it follows happened, Unix seconds.
    public var loggedAt: Int64
    public init(
        communicationId: Int64, customerId: Int64, customerName: String, ownerId: Int64, step: String, due: String?,
        loggedAt: Int64
    ) {
        self.communicationId = communicationId; self.customerId = customerId; self.customerName = customerName;
        self.ownerId = ownerId
        self.step = step; self.due = due; self.loggedAt = loggedAt
    }
    public func overdue(today: String) -> Bool { due.map { $0 < today } ?? false }
}

/// Who closes a next step: its owner (who logged it), or those who manage the customer.
public enum NextStepAccess {
    public static func mayClose(_ actor: Actor, ownerId: Int64, customer: Customer) -> Bool {
        actor.id == ownerId || CustomerAccess.canReassign(actor)
            || (actor.has(.salesRep) && customer.ownerId == actor.id)
    }
}

/// What a caller sent to log a communication.
public struct CommunicationInput: Sendable, Equatable {
    public var kind: String?
    public var direction: String?
    public var occurredAt: String?
    public var summary: String?
    public var nextStep: String?
    public var nextStepDate: String?
    public var contactId: String?

    public init(
        kind: String? = nil, direction: String? = nil, occurredAt: String? = nil, summary: String? = nil,
        nextStep: String? = nil, nextStepDate: String? = nil, contactId: String? = nil
    ) {
        self.kind = kind; self.direction = direction; self.occurredAt = occurredAt; self.summary = summary
        self.nextStep = nextStep; self.nextStepDate = nextStepDate; self.contactId = contactId
    }

    public static let fieldNames: Set<String> = [
        "kind", "direction", "occurred_at", "summary", "next_step", "next_step_date", "contact_id",
    ]

    /// Validates into a new log entry; `now` (Unix seconds) is the default time and the limit for the future.
    public func validated(customerId: Int64, authorId: Int64, now: Int64) throws(DomainError) -> Communication {
        var errors: [FieldError] = []
        let kindText = (kind ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let kind = CommunicationKind(rawValue: kindText)
        if kind == nil {
            errors.append(
                FieldError(
                    "kind", kindText.isEmpty ? "field.required" : "field.one_of",
                    ["values": CommunicationKind.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        let dirText = (direction ?? "outbound").trimmingCharacters(in: .whitespaces).lowercased()
        let direction = CommunicationDirection(rawValue: dirText)
        if direction == nil { errors.append(FieldError("direction", "field.one_of", ["values": "inbound, outbound"])) }
        var occurred = now
        if let raw = occurredAt?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let t = DateText.parseDateTime(raw) {
                if t > now + 86_400 { errors.append(FieldError("occurred_at", "comm.future")) }
                occurred = t
            } else {
                errors.append(FieldError("occurred_at", "field.datetime"))
            }
        }
        let summary = Text.limit(summary ?? "", 4000, "summary", &errors, multiline: true) ?? ""
        if summary.isEmpty && !errors.contains(where: { $0.field == "summary" }) {
            errors.append(FieldError("summary", "field.required"))
        }
        let nextStep = Text.limit(nextStep ?? "", 500, "next_step", &errors) ?? ""
        var nextDate: String?
        if let raw = nextStepDate?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if DateText.isDate(raw) {
                nextDate = raw
            } else {
                errors.append(FieldError("next_step_date", "field.date"))
            }
        }
        if nextDate != nil && nextStep.isEmpty { errors.append(FieldError("next_step", "comm.next_step_needed")) }
        var contact: Int64?
        if let contactId { Text.optionalID(contactId, "contact_id", &errors).map { contact = $0 } }
        guard errors.isEmpty, let kind, let direction else { throw .validation(errors) }
        return Communication(
            id: 0, customerId: customerId, contactId: contact, kind: kind, direction: direction, occurredAt: occurred,
            summary: summary, nextStep: nextStep, nextStepDate: nextDate, authorId: authorId)
    }
}

/// Dates as users type and read them: `2026-11-29` and `2026-11-29 14:30` (China Standard Time, UTC+8).
public enum DateText {
    /// The company works in China Standard Time.
    public static let offset: Int64 = 8 * 3600

    public static func isDate(_ s: String) -> Bool { parseDay(s) != nil }

    /// Today in China, `YYYY-MM-DD`.
    public static func today(now: Int64 = Int64(Date().timeIntervalSince1970)) -> String { day(now) }

    /// Days since 1970-01-01 for `YYYY-MM-DD`, checking the calendar (no 2026-02-30).
    public static func parseDay(_ s: String) -> Int64? {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
            let y = Int64(p[0]), let m = Int64(p[1]), let d = Int64(p[2]), (1900...2999).contains(y),
            (1...12).contains(m), d >= 1, d <= daysIn(y, m)
        else { return nil }
        return daysFromCivil(y, m, d)
    }

    /// The Unix time (seconds) at which day `d` (days since 1970, as `parseDay` answers) begins in China. Every day
    /// boundary is computed here: a day number is not a time (days × 1000 is a moment in January 1970).
    public static func start(ofDay d: Int64) -> Int64 { d * 86_400 - offset }

    /// The Unix time (seconds) at which `YYYY-MM-DD` begins in China, or nil for a day that does not exist.
    public static func start(of day: String) -> Int64? { parseDay(day).map(start(ofDay:)) }

    /// The Unix time (seconds) at which the China day holding `t` began: midnight in Asia/Shanghai, not UTC.
    public static func startOfDay(_ t: Int64) -> Int64 { t - parts(t).secs }

    /// `YYYY-MM-DD` `n` days after `day` (before it when negative), or nil for a day that does not exist.
    public static func adding(_ n: Int, to day: String) -> String? {
        parseDay(day).map { self.day(start(ofDay: $0 + Int64(n))) }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DDTHH:MM[:SS]` (CST) or full ISO 8601 with a zone.
    public static func parseDateTime(_ raw: String) -> Int64? {
        let s = raw.replacingOccurrences(of: "T", with: " ")
        if let day = parseDay(s) { return day * 86_400 - offset }
        var text = s
        var zone: Int64 = offset
        if text.hasSuffix("Z") {
            text.removeLast(); zone = 0
        } else if text.count > 6, let signIdx = text.index(text.endIndex, offsetBy: -6, limitedBy: text.startIndex),
            ["+", "-"].contains(text[signIdx]), text[text.index(signIdx, offsetBy: 3)] == ":"
        {
            let z = text[text.index(after: signIdx)...].split(separator: ":")
            guard z.count == 2, let h = Int64(z[0]), let m = Int64(z[1]) else { return nil }
            zone = (h * 3600 + m * 60) * (text[signIdx] == "-" ? -1 : 1)
            text = String(text[..<signIdx])
        }
        let parts = text.split(separator: " ")
        guard parts.count == 2, let day = parseDay(String(parts[0])) else { return nil }
        let t = parts[1].split(separator: ":")
        guard (2...3).contains(t.count), t.allSatisfy({ $0.count == 2 }), let h = Int64(t[0]), let mi = Int64(t[1]),
            h < 24, mi < 60
        else { return nil }
        var sec: Int64 = 0
        if t.count == 3 {
            guard let s = Int64(t[2].prefix(2)), s < 60 else { return nil }
            sec = s
        }
        return day * 86_400 + h * 3600 + mi * 60 + sec - zone
    }

    /// `YYYY-MM-DD` of a Unix time, in CST.
    public static func day(_ t: Int64) -> String { parts(t).day }

    /// `YYYY-MM-DD HH:MM` of a Unix time, in CST.
    public static func minute(_ t: Int64) -> String {
        let p = parts(t)
        return p.day + " " + pad(p.secs / 3600) + ":" + pad(p.secs % 3600 / 60)
    }

    /// ISO 8601 with China's offset, e.g. `2026-11-29T14:30:05+08:00`, as the API writes times.
    public static func iso8601(_ t: Int64) -> String {
        let p = parts(t)
        return p.day + "T" + pad(p.secs / 3600) + ":" + pad(p.secs % 3600 / 60) + ":" + pad(p.secs % 60) + "+08:00"
    }

    /// The CST day and the seconds into it. Lists format two times per row, so this avoids `String(format:)`.
    static func parts(_ t: Int64) -> (day: String, secs: Int64) {
        let local = t + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let (y, m, d) = civil(fromDays: days)
        return (String(y) + "-" + pad(m) + "-" + pad(d), local - days * 86_400)
    }

    static func pad(_ n: Int64) -> String { n < 10 ? "0" + String(n) : String(n) }

    static func daysIn(_ y: Int64, _ m: Int64) -> Int64 {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days-from-civil algorithm.
    static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
