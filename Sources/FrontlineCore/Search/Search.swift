import Foundation

/// The one search (the top bar, `GET /api/v1/search`): customers, contacts, leads, opportunities, quotations,
/// contracts, tenders, service and pre-sales support requests and complaints found by name, number or any fragment of two
/// characters or more, each hit only for those who may read it.
///
/// The index holds every two-, three- and five-character term of each record's searchable texts, as the database lowers
/// them (`search_terms`, kept by triggers on both databases). A record whose text contains the query contains every
/// term of it, so the records that hold all of the query's terms include every true hit; each is then checked with
/// the text itself (`LIKE`) and with the reader's visibility, so the hits are those of a scan, newest first.
public enum SearchKind: String, CaseIterable, Codable, Sendable {
    case customer, contact, lead, opportunity, quotation, contract, tender
    case serviceRequest = "service_request"
    case supportRequest = "support_request"
    case complaint

    /// The kind's number in the index.
    public var code: Int { SearchKind.allCases.firstIndex(of: self)! + 1 }

    /// The table its records live in.
    public var table: String {
        switch self {
        case .customer: "customers"
        case .contact: "contacts"
        case .lead: "leads"
        case .opportunity: "opportunities"
        case .quotation: "quotations"
        case .contract: "contracts"
        case .tender: "tenders"
        case .serviceRequest: "service_requests"
        case .supportRequest: "support_requests"
        case .complaint: "complaints"
        }
    }

    /// The columns a record is found by. A customer by its name as duplicates are matched (`name_key`: folded
    /// width, case, spaces and brackets) and its credit code; a contact by name, phones and e-mail; the others by
    /// their number and title (a lead by its company, contact and phones; an opportunity also by its competitors; a
    /// tender by the buyer's tender number and the buyer; a complaint by its number, who complained and the words).
    public var columns: [String] {
        switch self {
        case .customer: ["name_key", "credit_code"]
        case .contact: ["name", "mobile", "phone", "email"]
        case .lead: ["number", "company", "contact_name", "phone", "email"]
        case .opportunity: ["number", "title", "competitors"]
        case .quotation, .contract, .serviceRequest, .supportRequest: ["number", "title"]
        case .tender: ["number", "title", "tender_no", "buyer"]
        case .complaint: ["number", "contact_name", "words"]
        }
    }

    /// Whether a column is matched (and indexed) lowered, as `LOWER` does in the database: all but a customer's
    /// `name_key`, which is stored folded already.
    public func lowered(_ column: String) -> Bool { !(self == .customer && column == "name_key") }

    public var labelKey: String {
        switch self {
        case .customer: "nav.customers"
        case .contact: "contact.heading"
        case .lead: "nav.leads"
        case .opportunity: "nav.opportunities"
        case .quotation: "nav.quotations"
        case .contract: "nav.contracts"
        case .tender: "nav.tenders"
        case .serviceRequest: "nav.service_requests"
        case .supportRequest: "nav.support_requests"
        case .complaint: "nav.complaints"
        }
    }

    /// The page of one record.
    public func path(_ id: Int64, customerId: Int64?) -> String {
        switch self {
        case .customer: "/customers/\(id)"
        case .contact: "/customers/\(customerId ?? 0)"
        case .lead: "/leads/\(id)"
        case .opportunity: "/opportunities/\(id)"
        case .quotation: "/quotations/\(id)"
        case .contract: "/contracts/\(id)"
        case .tender: "/tenders/\(id)"
        case .serviceRequest: "/service-requests/\(id)"
        case .supportRequest: "/support-requests/\(id)"
        case .complaint: "/complaints/\(id)"
        }
    }

    /// The kind's own list, searching the same words (its `q` may match more, the customer's name among them).
    public func listPath(_ q: String) -> String? {
        let base: String? =
            switch self {
            case .customer: "/customers"
            case .contact: nil
            case .lead: "/leads"
            case .opportunity: "/opportunities"
            case .quotation: "/quotations"
            case .contract: "/contracts"
            case .tender: "/tenders"
            case .serviceRequest: "/service-requests"
            case .supportRequest: "/support-requests"
            case .complaint: "/complaints"
            }
        guard let base else { return nil }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&+=#%")
        return base + "?q=" + (q.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    /// The text a query is matched with in this kind's columns: a customer's name folds as duplicates do, the other
    /// texts are lowered (as `LOWER` in the database and the lists' `q` do).
    public func key(_ q: String) -> String {
        self == .customer ? Text.matchKey(q) : Text.clean(q).lowercased()
    }
}

/// A search as asked: the words, the kinds (all by default) and how many hits of each kind.
public struct SearchQuery: Sendable, Equatable {
    public var text: String
    public var kinds: [SearchKind]
    public var limit: Int

    public static let minLength = 2
    public static let maxLength = 100
    public static let maxLimit = 50
    public static let defaultLimit = 10

    public init(text: String, kinds: [SearchKind] = SearchKind.allCases, limit: Int = SearchQuery.defaultLimit) {
        self.text = text; self.kinds = kinds; self.limit = limit
    }

    /// `q` (at most 100 characters as sent, at least two after spaces are trimmed), `kinds` (comma-separated) and `limit` (1–50), each
    /// refused with its reason rather than corrected.
    public static func parse(q: String?, kinds: String?, limit: String?) throws(DomainError) -> SearchQuery {
        var errors: [FieldError] = []
        let text = Text.clean(q ?? "")
        if (q ?? "").unicodeScalars.count > maxLength {
            // Counted as sent, in Unicode scalars, as the API document's maxLength counts.
            errors.append(FieldError("q", "field.too_long", ["max": String(maxLength)]))
        } else if text.isEmpty {
            errors.append(FieldError("q", "field.required"))
        } else if text.count < minLength
            || SearchKind.allCases.allSatisfy({ $0.key(text).unicodeScalars.count < minLength })
        {
            errors.append(FieldError("q", "search.too_short", ["min": String(minLength)]))
        }
        var chosen = SearchKind.allCases
        if let kinds, !kinds.isEmpty {
            chosen = []
            for part in kinds.split(separator: ",", omittingEmptySubsequences: false) {
                guard let k = SearchKind(rawValue: String(part).trimmingCharacters(in: .whitespaces)) else {
                    errors.append(
                        FieldError(
                            "kinds", "search.kind_unknown",
                            ["kinds": SearchKind.allCases.map(\.rawValue).joined(separator: ", ")]))
                    break
                }
                if !chosen.contains(k) { chosen.append(k) }
            }
        }
        var n = defaultLimit
        if let limit, !limit.isEmpty {
            if let v = Int(limit), (1...maxLimit).contains(v) {
                n = v
            } else {
                errors.append(FieldError("limit", "paging.limit", ["max": String(maxLimit)]))
            }
        }
        if !errors.isEmpty { throw .validation(errors) }
        return SearchQuery(text: text, kinds: chosen, limit: n)
    }
}

/// How a query becomes the index's terms.
public enum SearchTerms {
    /// The lengths of the terms indexed: pairs serve a query of two characters, triples one of three or four, fives
    /// every longer one — a pair is common (every opportunity number holds "00"), a triple seldom is unless it is
    /// digits (every one of a thousand triples of digits is in thousands of sequential numbers and phones), a five
    /// almost never.
    public static let lengths = [2, 3, 5]

    /// The terms probed: the distinct runs of neighbouring characters (Unicode scalars, as the database counts them)
    /// of the key, of the longest length indexed that the key holds, at most `max`, taken evenly from the whole key so
    /// a long query is still narrowed at both ends. Any subset of them is correct (each candidate is checked with the
    /// text itself); more only narrows sooner. Empty for a key of one character.
    public static func terms(_ key: String, max: Int = 6) -> [String] {
        let s = Array(key.unicodeScalars)
        guard let length = lengths.last(where: { $0 <= s.count }) else { return [] }
        var all: [String] = []
        for i in 0...(s.count - length) {
            var t = String.UnicodeScalarView()
            t.append(contentsOf: s[i..<(i + length)])
            let term = String(t)
            if !all.contains(term) { all.append(term) }
        }
        guard all.count > max else { return all }
        return (0..<max).map { all[$0 * (all.count - 1) / (max - 1)] }
    }
}

/// One record found.
public struct SearchHit: Sendable, Equatable, Codable {
    public var kind: SearchKind
    public var id: Int64
    /// The record's number (empty for customers and contacts).
    public var number: String
    /// Its name or title.
    public var title: String
    /// A line beside it: the customer's name, a contact's phone, a lead's contact.
    public var detail: String
    public var customerId: Int64?
    /// Its state or stage as stored (the page shows its label).
    public var state: String
    public var path: String
    public init(
        kind: SearchKind, id: Int64, number: String = "", title: String, detail: String = "", customerId: Int64? = nil,
        state: String = ""
    ) {
        self.kind = kind; self.id = id; self.number = number; self.title = title; self.detail = detail;
        self.customerId = customerId; self.state = state
        self.path = kind.path(id, customerId: customerId)
    }
}

/// The hits of one kind, newest first, and whether there are more than were returned.
public struct SearchGroup: Sendable, Equatable {
    public var kind: SearchKind
    public var hits: [SearchHit]
    public var more: Bool
    public init(kind: SearchKind, hits: [SearchHit], more: Bool) {
        self.kind = kind; self.hits = hits; self.more = more
    }
}
