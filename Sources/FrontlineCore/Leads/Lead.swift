import Foundation

/// A lead (线索, SPEC §2): front-line information (一线信息), a campaign's response, a referral, an exhibition contact
/// or a web-form enquiry, followed up by its owner until it is qualified — into a customer (or the existing one it
/// matches) and an opportunity — or discarded with the reason.
public struct Lead: Sendable, Equatable, Codable {
    public enum Source: String, CaseIterable, Codable, Sendable {
        case frontline, campaign, referral, exhibition
        case webForm = "web_form"
        case other
        public var labelKey: String { "lead.source.\(rawValue)" }
    }

    public enum State: String, CaseIterable, Codable, Sendable {
        case open, qualified, discarded
        public var labelKey: String { "process.lead.state.\(rawValue)" }
    }

    public var id: Int64
    /// `XS2026-0001`.
    public var number: String
    public var source: Source
    public var company: String
    public var contactName: String
    public var phone: String
    public var email: String
    public var need: String
    public var regionId: Int64?
    /// Nil until the manager or the assistant hands it to a rep (a web-form lead arrives unowned).
    public var ownerId: Int64?
    /// `YYYY-MM-DD`, or empty.
    public var nextFollowUp: String
    public var state: State
    public var discardReason: String
    /// The customer and the opportunity qualifying made or linked.
    public var customerId: Int64?
    public var opportunityId: Int64?
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64 = 0, number: String = "", source: Source, company: String, contactName: String = "",
        phone: String = "", email: String = "",
        need: String = "", regionId: Int64? = nil, ownerId: Int64? = nil, nextFollowUp: String = "",
        state: State = .open, discardReason: String = "",
        customerId: Int64? = nil, opportunityId: Int64? = nil, version: Int = 1, createdAt: Int64 = 0,
        updatedAt: Int64 = 0
    ) {
        self.id = id; self.number = number; self.source = source; self.company = company;
        self.contactName = contactName; self.phone = phone
        self.email = email; self.need = need; self.regionId = regionId; self.ownerId = ownerId;
        self.nextFollowUp = nextFollowUp; self.state = state
        self.discardReason = discardReason; self.customerId = customerId; self.opportunityId = opportunityId;
        self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// What a caller sent to record or change a lead; `nil` is "not sent".
public struct LeadInput: Sendable, Equatable {
    public var source: String?
    public var company: String?
    public var contactName: String?
    public var phone: String?
    public var email: String?
    public var need: String?
    public var regionId: String?
    public var ownerId: String?
    public var nextFollowUp: String?
    public init(
        source: String? = nil, company: String? = nil, contactName: String? = nil, phone: String? = nil,
        email: String? = nil, need: String? = nil,
        regionId: String? = nil, ownerId: String? = nil, nextFollowUp: String? = nil
    ) {
        self.source = source; self.company = company; self.contactName = contactName; self.phone = phone;
        self.email = email; self.need = need
        self.regionId = regionId; self.ownerId = ownerId; self.nextFollowUp = nextFollowUp
    }

    public static let createFields: Set<String> = [
        "source", "company", "contact_name", "phone", "email", "need", "region_id", "owner_id", "next_follow_up",
    ]
    /// A change: everything but where it came from; the owner moves by the `assign` step.
    public static let changeFields: Set<String> = [
        "company", "contact_name", "phone", "email", "need", "region_id", "next_follow_up", "version",
    ]

    /// Applies the input over `base` and validates the result. `regions` are the known regions, `reps` the active
    /// sales reps an owner may be.
    public func apply(to base: Lead, regions: Set<Int64>, reps: Set<Int64>) throws(DomainError) -> Lead {
        var l = base
        var errors: [FieldError] = []
        if let source {
            if let s = Lead.Source(rawValue: source.trimmingCharacters(in: .whitespaces)) {
                l.source = s
            } else {
                errors.append(
                    FieldError(
                        "source", "field.one_of",
                        ["values": Lead.Source.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        if let company {
            l.company = Text.required(company, 120, "company", &errors)
        } else if base.company.isEmpty {
            errors.append(FieldError("company", "field.required"))
        }
        // The contact's name, phone and e-mail are checked as a customer contact's are.
        let contact = ContactInput(
            name: contactName ?? (base.contactName.isEmpty ? "-" : base.contactName), phone: phone ?? base.phone,
            email: email ?? base.email)
        do {
            let c = try contact.validated(customerId: 0)
            if contactName != nil { l.contactName = c.name }
            l.phone = c.phone
            l.email = c.email
        } catch {
            errors += error.fields.map {
                FieldError($0.field == "name" ? "contact_name" : $0.field, $0.message.key, $0.message.args)
            }
        }
        if let contactName, Text.clean(contactName).isEmpty { l.contactName = "" }
        if let need { Text.limit(need, 2000, "need", &errors, multiline: true).map { l.need = $0 } }
        if let regionId {
            switch Text.optionalID(regionId, "region_id", &errors) {
            case .some(.some(let id)) where !regions.contains(id):
                errors.append(FieldError("region_id", "customer.region_unknown"))
            case .some(let id): l.regionId = id
            case .none: break
            }
        }
        if let ownerId {
            switch Text.optionalID(ownerId, "owner_id", &errors) {
            case .some(.some(let id)) where !reps.contains(id):
                errors.append(FieldError("owner_id", "customer.owner_not_rep"))
            case .some(let id): l.ownerId = id
            case .none: break
            }
        }
        if let nextFollowUp {
            let d = nextFollowUp.trimmingCharacters(in: .whitespaces)
            if d.isEmpty || DateText.isDate(d) {
                l.nextFollowUp = d
            } else {
                errors.append(FieldError("next_follow_up", "field.date"))
            }
        }
        if l.contactName.isEmpty && l.phone.isEmpty && l.email.isEmpty {
            errors.append(FieldError("contact_name", "lead.contact_needed"))
        }
        if !errors.isEmpty { throw .validation(errors) }
        return l
    }
}

/// Who reads and works which leads: the GM, the market manager and the business assistant all of them (they hand
/// the unowned ones out); a rep those he owns.
public enum LeadAccess {
    static let readAll: Set<Role> = [.gm, .marketManager, .businessAssistant]
    public static let workers: Set<Role> = [.gm, .marketManager, .businessAssistant, .salesRep]
    public static func readsAll(_ actor: Actor) -> Bool { actor.hasAny(readAll) }
    public static func canBrowse(_ actor: Actor) -> Bool { readsAll(actor) || actor.has(.salesRep) }
    public static func canRead(_ actor: Actor, _ l: Lead) -> Bool {
        readsAll(actor) || (actor.has(.salesRep) && l.ownerId == actor.id)
    }
    public static func canWork(_ actor: Actor, _ l: Lead) -> Bool { canRead(actor, l) }
    /// A rep's own leads are his; the others name the owner, or leave it for later.
    public static func canCreate(_ actor: Actor) -> Bool { canBrowse(actor) }
    public static func mayAssign(_ actor: Actor) -> Bool { readsAll(actor) }
}

/// What a visitor sends through the public lead form of the company's web site: checked as a lead is, and for the
/// signs of a robot — a filled trap field, a form sent faster than a person types, links in the text.
public struct WebLead: Sendable, Equatable {
    public var company: String?
    public var contactName: String?
    public var phone: String?
    public var email: String?
    public var need: String?
    /// The trap: a field people do not see and robots fill.
    public var website: String?
    public init(
        company: String? = nil, contactName: String? = nil, phone: String? = nil, email: String? = nil,
        need: String? = nil, website: String? = nil
    ) {
        self.company = company; self.contactName = contactName; self.phone = phone; self.email = email;
        self.need = need; self.website = website
    }
    public static let fieldNames: Set<String> = [
        "company", "contact_name", "phone", "email", "need", "website", "form_token",
    ]

    /// The lead it makes, or the fields' errors; `looksAutomated` is true when it should be dropped unseen (the
    /// sender is answered as if it were taken, so a robot learns nothing).
    public func validated() throws(DomainError) -> (lead: Lead, looksAutomated: Bool) {
        var errors: [FieldError] = []
        let input = LeadInput(
            source: Lead.Source.webForm.rawValue, company: company, contactName: contactName, phone: phone,
            email: email, need: need)
        var lead = Lead(source: .webForm, company: "")
        do { lead = try input.apply(to: lead, regions: [], reps: []) } catch { errors = error.fields }
        if Text.clean(contactName ?? "").isEmpty && !errors.contains(where: { $0.field == "contact_name" }) {
            errors.append(FieldError("contact_name", "field.required"))
        }
        if Text.clean(phone ?? "").isEmpty && Text.clean(email ?? "").isEmpty
            && !errors.contains(where: { $0.field == "phone" || $0.field == "email" })
        {
            errors.append(FieldError("phone", "lead.phone_or_email"))
        }
        if !errors.isEmpty {
            throw .validation(errors.filter { $0.field != "contact_name" || $0.message.key != "lead.contact_needed" })
        }
        let text = [lead.company, lead.contactName, lead.need].joined(separator: " ").lowercased()
        let links = ["http://", "https://", "www.", "[url", "<a "].reduce(0) {
            $0 + text.components(separatedBy: $1).count - 1
        }
        return (lead, !(website ?? "").isEmpty || links > 1)
    }
}

extension Lead {
    /// A phone number as its digits alone: `138-0013 8000` and `13800138000` are one number.
    public static func phoneKey(_ phone: String) -> String {
        String(phone.unicodeScalars.filter { $0.properties.numericType == .decimal }.map(Character.init))
    }

    /// Whether `other` is this enquiry sent again: the same phone (its digits) or the same e-mail (in any case).
    public func isRepeat(of other: Lead) -> Bool {
        let phone = Lead.phoneKey(other.phone)
        if !phone.isEmpty && Lead.phoneKey(self.phone) == phone { return true }
        let email = other.email.lowercased()
        return !email.isEmpty && self.email.lowercased() == email
    }
}
