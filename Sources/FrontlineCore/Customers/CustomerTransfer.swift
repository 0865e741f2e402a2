/// A hand-over of several customers to one rep at once (批量转移), as the office asks it: the customers (each with the
/// version the asker read, when he sends it), the rep and why.
public struct CustomerTransfer: Sendable, Equatable {
    public var customers: [(id: Int64, version: Int?)]
    public var ownerId: Int64
    public var note: String

    /// At most this many customers move in one hand-over.
    public static let maxCustomers = 200

    public static func == (a: Self, b: Self) -> Bool {
        a.ownerId == b.ownerId && a.note == b.note && a.customers.map(\.id) == b.customers.map(\.id)
            && a.customers.map(\.version) == b.customers.map(\.version)
    }

    /// Checks what was asked, all of it at once: one customer or more (at most `maxCustomers`), each named once by a
    /// whole number, a rep, a note of at most 500 characters.
    public static func checked(customers raw: [(id: String, version: String?)], ownerId: String?, note: String?)
        throws(DomainError) -> CustomerTransfer
    {
        var errors: [FieldError] = []
        var customers: [(id: Int64, version: Int?)] = []
        if raw.isEmpty { errors.append(FieldError("customers", "customer.transfer_none")) }
        if raw.count > maxCustomers {
            errors.append(FieldError("customers", "customer.transfer_too_many", ["max": String(maxCustomers)]))
        }
        for r in raw.prefix(maxCustomers) {
            guard let id = Int64(r.id.trimmingCharacters(in: .whitespaces)), id > 0 else {
                errors.append(FieldError("customers", "field.not_id"))
                break
            }
            var version: Int?
            if let v = r.version, !v.isEmpty {
                guard let n = Int(v), n >= 1 else {
                    errors.append(FieldError("version", "field.version"))
                    break
                }
                version = n
            }
            if customers.contains(where: { $0.id == id }) { continue }
            customers.append((id, version))
        }
        let owner = Int64((ownerId ?? "").trimmingCharacters(in: .whitespaces))
        if owner == nil || owner! <= 0 {
            errors.append(FieldError("owner_id", (ownerId ?? "").isEmpty ? "field.required" : "field.not_id"))
        }
        let text = Text.clean(note ?? "")
        if text.count > 500 { errors.append(FieldError("note", "field.too_long", ["max": "500"])) }
        if !errors.isEmpty { throw .validation(errors) }
        return CustomerTransfer(customers: customers, ownerId: owner!, note: text)
    }
}
