import FluentKit
import FrontlineCore
import SQLKit

/// The schema, one numbered, reversible step per change. The same steps serve SQLite and PostgreSQL.
public enum Migrations {
    public static let all: [any AsyncMigration] = [M001Organisation(), M002Sessions(), M003Customers(), M004Audit(), M005Attachments(), M006Sales(), M007Contracts(), M008Tenders(), M009CustomerCounts(), M010Hardening()]
}

extension AsyncMigration {
    func index(_ db: any Database, _ name: String, on table: String, _ columns: [String], unique: Bool = false)
        async throws
    {
        var b = (db as! any SQLDatabase).create(index: name).on(table)
        if unique { b = b.unique() }
        for c in columns { b = b.column(c) }
        try await b.run()
    }
}

/// Regions, users and system settings (authority limits).
struct M001Organisation: AsyncMigration {
    var name: String { "001_organisation" }

    func prepare(on db: any Database) async throws {
        try await db.schema("regions")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("code", .string, .required)
            .field("head_id", .int64)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .unique(on: "name").unique(on: "code")
            .create()
        try await db.schema("users")
            .field("id", .int64, .identifier(auto: true))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("roles", .string, .required)
            .field("region_id", .int64, .references("regions", "id"))
            .field("active", .bool, .required)
            .field("locale", .string, .required)
            .field("email", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "username")
            .create()
        try await db.schema("settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("version", .int, .required)
            .field("updated_at", .int64, .required)
            .field("updated_by", .int64)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("settings").delete()
        try await db.schema("users").delete()
        try await db.schema("regions").delete()
    }
}

/// Web sessions, API tokens and failed sign-ins, kept in the database so servers stay stateless.
struct M002Sessions: AsyncMigration {
    var name: String { "002_sessions" }

    func prepare(on db: any Database) async throws {
        try await db.schema("sessions")
            .field("id", .int64, .identifier(auto: true))
            .field("token_hash", .string, .required)
            .field("user_id", .int64, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("csrf", .string, .required)
            .field("created_at", .int64, .required)
            .field("expires_at", .int64, .required)
            .unique(on: "token_hash")
            .create()
        try await index(db, "sessions_user", on: "sessions", ["user_id"])
        try await db.schema("login_failures")
            .field("id", .int64, .identifier(auto: true))
            .field("key", .string, .required)
            .field("at", .int64, .required)
            .create()
        try await index(db, "login_failures_key_at", on: "login_failures", ["key", "at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("login_failures").delete()
        try await db.schema("sessions").delete()
    }
}

/// The customer archive: customers, contacts and the communication log.
struct M003Customers: AsyncMigration {
    var name: String { "003_customers" }

    func prepare(on db: any Database) async throws {
        try await db.schema("customers")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("tier", .string, .required)
            .field("industry", .string, .required)
            .field("region_id", .int64, .references("regions", "id"))
            .field("owner_id", .int64, .references("users", "id"))
            .field("status", .string, .required)
            .field("address", .string, .required)
            .field("credit_code", .string)
            .field("notes", .string, .required)
            .field("archived", .bool, .required)
            .field("version", .int, .required)
            .field("created_by", .int64)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()
        try await index(db, "customers_name_key", on: "customers", ["name_key"], unique: true)
        try await index(db, "customers_credit_code", on: "customers", ["credit_code"], unique: true)
        try await index(db, "customers_archived_name", on: "customers", ["archived", "name"])
        try await index(db, "customers_owner_archived_name", on: "customers", ["owner_id", "archived", "name"])
        try await index(db, "customers_region", on: "customers", ["region_id", "archived"])
        try await index(db, "customers_updated", on: "customers", ["archived", "updated_at"])
        try await db.schema("contacts")
            .field("id", .int64, .identifier(auto: true))
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("name", .string, .required)
            .field("title", .string, .required)
            .field("phone", .string, .required)
            .field("mobile", .string, .required)
            .field("email", .string, .required)
            .field("is_primary", .bool, .required)
            .field("notes", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .create()
        try await index(db, "contacts_customer", on: "contacts", ["customer_id"])
        try await db.schema("communications")
            .field("id", .int64, .identifier(auto: true))
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("contact_id", .int64, .references("contacts", "id"))
            .field("kind", .string, .required)
            .field("direction", .string, .required)
            .field("occurred_at", .int64, .required)
            .field("summary", .string, .required)
            .field("next_step", .string, .required)
            .field("next_step_date", .string)
            .field("author_id", .int64, .required, .references("users", "id"))
            .field("created_at", .int64, .required)
            .create()
        try await index(db, "communications_customer_time", on: "communications", ["customer_id", "occurred_at"])
        try await index(db, "communications_author_next", on: "communications", ["author_id", "next_step_date"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("communications").delete()
        try await db.schema("contacts").delete()
        try await db.schema("customers").delete()
    }
}

/// The audit log.
struct M004Audit: AsyncMigration {
    var name: String { "004_audit" }

    func prepare(on db: any Database) async throws {
        try await db.schema("audit_log")
            .field("id", .int64, .identifier(auto: true))
            .field("at", .int64, .required)
            .field("actor_id", .int64)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string)
            .field("before", .string)
            .field("after", .string)
            .field("ip", .string)
            .field("request_id", .string)
            .create()
        try await index(db, "audit_at", on: "audit_log", ["at"])
        try await index(db, "audit_entity", on: "audit_log", ["entity", "entity_id"])
        try await index(db, "audit_actor", on: "audit_log", ["actor_id", "at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_log").delete()
    }
}

struct M005Attachments: AsyncMigration {
    var name: String { "005_attachments" }

    func prepare(on db: any Database) async throws {
        try await db.schema("attachments")
            .field("id", .int64, .identifier(auto: true))
            .field("entity", .string, .required)
            .field("entity_id", .int64, .required)
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .int64, .required, .references("users", "id"))
            .field("created_at", .int64, .required)
            .field("archived", .bool, .required)
            .create()
        try await index(db, "attachments_entity", on: "attachments", ["entity", "entity_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("attachments").delete()
    }
}

/// Issue 4: the price book, approvals, quotations and the history of every process step.
struct M006Sales: AsyncMigration {
    var name: String { "006_sales" }

    func prepare(on db: any Database) async throws {
        try await db.schema("products")
            .field("id", .int64, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("unit", .string, .required)
            .field("description", .string, .required)
            .field("list_fen", .int64, .required)
            .field("floor_fen", .int64, .required)
            .field("cost_fen", .int64, .required)
            .field("tax_rate", .int, .required)
            .field("active", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "code")
            .create()
        try await db.schema("price_changes")
            .field("id", .int64, .identifier(auto: true))
            .field("product_id", .int64, .required, .references("products", "id"))
            .field("list_before", .int64, .required)
            .field("list_after", .int64, .required)
            .field("floor_before", .int64, .required)
            .field("floor_after", .int64, .required)
            .field("cost_before", .int64, .required)
            .field("cost_after", .int64, .required)
            .field("reason", .string, .required)
            .field("changed_by", .int64, .required, .references("users", "id"))
            .field("at", .int64, .required)
            .create()
        try await index(db, "price_changes_product", on: "price_changes", ["product_id", "at"])
        try await db.schema("approvals")
            .field("id", .int64, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("subject", .string, .required)
            .field("subject_id", .int64, .required)
            .field("title", .string, .required)
            .field("reason", .string, .required)
            .field("requested_by", .int64, .required, .references("users", "id"))
            .field("approver_role", .string, .required)
            .field("limit_fen", .int64, .required)
            .field("limits_version", .int, .required)
            .field("state", .string, .required)
            .field("decided_by", .int64, .references("users", "id"))
            .field("decision_comment", .string, .required)
            .field("created_at", .int64, .required)
            .field("decided_at", .int64)
            .field("version", .int, .required)
            .create()
        try await index(db, "approvals_state", on: "approvals", ["state", "approver_role"])
        try await index(db, "approvals_subject", on: "approvals", ["subject", "subject_id"])
        try await db.schema("quotations")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("revision", .int, .required)
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("owner_id", .int64, .required, .references("users", "id"))
            .field("title", .string, .required)
            .field("valid_until", .string, .required)
            .field("terms", .string, .required)
            .field("state", .string, .required)
            .field("approval_id", .int64, .references("approvals", "id"))
            .field("lines", .string, .required)
            .field("net_fen", .int64, .required)
            .field("gross_fen", .int64, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number", "revision")
            .create()
        try await index(db, "quotations_customer", on: "quotations", ["customer_id"])
        try await index(db, "quotations_state", on: "quotations", ["state"])
        try await db.schema("process_events")
            .field("id", .int64, .identifier(auto: true))
            .field("process", .string, .required)
            .field("record_id", .int64, .required)
            .field("from_state", .string, .required)
            .field("action", .string, .required)
            .field("to_state", .string, .required)
            .field("actor_id", .int64, .required, .references("users", "id"))
            .field("actor_name", .string, .required)
            .field("comment", .string, .required)
            .field("at", .int64, .required)
            .create()
        try await index(db, "process_events_record", on: "process_events", ["process", "record_id"])
    }

    func revert(on db: any Database) async throws {
        for t in ["process_events", "quotations", "approvals", "price_changes", "products"] { try await db.schema(t).delete() }
    }
}

/// Issue 4: contracts under review, their reviewers, and what an effective contract hands to Customer Service.
struct M007Contracts: AsyncMigration {
    var name: String { "007_contracts" }

    func prepare(on db: any Database) async throws {
        try await db.schema("contracts")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("amendment", .int, .required)
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("owner_id", .int64, .required, .references("users", "id"))
            .field("title", .string, .required)
            .field("source_kind", .string, .required)
            .field("source_id", .int64)
            .field("amount_fen", .int64, .required)
            .field("cost_fen", .int64, .required)
            .field("milestones", .string, .required)
            .field("technical_annex", .string, .required)
            .field("commercial_terms", .string, .required)
            .field("special", .bool, .required)
            .field("state", .string, .required)
            .field("meeting_date", .string, .required)
            .field("meeting_attendees", .string, .required)
            .field("meeting_minutes", .string, .required)
            .field("technical_signed_by", .int64, .references("users", "id"))
            .field("commercial_signed_by", .int64, .references("users", "id"))
            .field("customer_signed_on", .string, .required)
            .field("effective_at", .int64)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number", "amendment")
            .create()
        try await index(db, "contracts_customer", on: "contracts", ["customer_id"])
        try await index(db, "contracts_state", on: "contracts", ["state"])
        try await db.schema("contract_reviews")
            .field("id", .int64, .identifier(auto: true))
            .field("contract_id", .int64, .required, .references("contracts", "id"))
            .field("reviewer_id", .int64, .required, .references("users", "id"))
            .field("part", .string, .required)
            .field("opinion", .string, .required)
            .field("comment", .string, .required)
            .field("at", .int64)
            .unique(on: "contract_id", "reviewer_id")
            .create()
        try await db.schema("implementations")
            .field("id", .int64, .identifier(auto: true))
            .field("contract_id", .int64, .required, .references("contracts", "id"))
            .field("owner_id", .int64, .references("users", "id"))
            .field("state", .string, .required)
            .field("created_at", .int64, .required)
            .unique(on: "contract_id")
            .create()
        try await db.schema("payment_plan")
            .field("id", .int64, .identifier(auto: true))
            .field("contract_id", .int64, .required, .references("contracts", "id"))
            .field("seq", .int, .required)
            .field("name", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("due", .string, .required)
            .field("received_fen", .int64, .required)
            .create()
        try await index(db, "payment_plan_contract", on: "payment_plan", ["contract_id", "seq"])
    }

    func revert(on db: any Database) async throws {
        for t in ["payment_plan", "implementations", "contract_reviews", "contracts"] { try await db.schema(t).delete() }
    }
}

/// Issue 4: tenders (标书) with their versioned part files and bid review.
struct M008Tenders: AsyncMigration {
    var name: String { "008_tenders" }

    func prepare(on db: any Database) async throws {
        try await db.schema("tenders")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("owner_id", .int64, .required, .references("users", "id"))
            .field("title", .string, .required)
            .field("tender_no", .string, .required)
            .field("buyer", .string, .required)
            .field("agency", .string, .required)
            .field("deadline", .int64, .required)
            .field("state", .string, .required)
            .field("bid_fen", .int64, .required)
            .field("deposit_fen", .int64, .required)
            .field("deposit", .string, .required)
            .field("deposit_paid_on", .string, .required)
            .field("deposit_closed_on", .string, .required)
            .field("quotation_id", .int64, .references("quotations", "id"))
            .field("engineer_id", .int64, .references("users", "id"))
            .field("package_sha", .string, .required)
            .field("package_size", .int64, .required)
            .field("package_versions", .string, .required)
            .field("package_at", .int64)
            .field("submitted_at", .int64)
            .field("loss_reason", .string, .required)
            .field("winner", .string, .required)
            .field("winning_fen", .int64)
            .field("contract_id", .int64, .references("contracts", "id"))
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await index(db, "tenders_customer", on: "tenders", ["customer_id"])
        try await index(db, "tenders_state_deadline", on: "tenders", ["state", "deadline"])
        try await db.schema("tender_reviews")
            .field("id", .int64, .identifier(auto: true))
            .field("tender_id", .int64, .required, .references("tenders", "id"))
            .field("reviewer_id", .int64, .required, .references("users", "id"))
            .field("part", .string, .required)
            .field("opinion", .string, .required)
            .field("comment", .string, .required)
            .field("at", .int64)
            .unique(on: "tender_id", "reviewer_id")
            .create()
        try await db.schema("tender_files")
            .field("id", .int64, .identifier(auto: true))
            .field("tender_id", .int64, .required, .references("tenders", "id"))
            .field("part", .string, .required)
            .field("version", .int, .required)
            .field("note", .string, .required)
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .int64, .required, .references("users", "id"))
            .field("created_at", .int64, .required)
            .unique(on: "tender_id", "part", "version")
            .create()
    }

    func revert(on db: any Database) async throws {
        for t in ["tender_files", "tender_reviews", "tenders"] { try await db.schema(t).delete() }
    }
}

/// The home page counts customers by status for everybody who signs in: covering indexes keep that to the index
/// (about 10 ms instead of 100 over 100,000 customers on SQLite), for all customers and for one rep's.
struct M009CustomerCounts: AsyncMigration {
    var name: String { "009_customer_counts" }

    func prepare(on db: any Database) async throws {
        try await index(db, "customers_archived_status", on: "customers", ["archived", "status"])
        try await index(db, "customers_owner_archived_status", on: "customers", ["owner_id", "archived", "status"])
    }

    func revert(on db: any Database) async throws {
        for name in ["customers_archived_status", "customers_owner_archived_status"] {
            try await (db as! any SQLDatabase).raw("DROP INDEX IF EXISTS \(ident: name)").run()
        }
    }
}

/// Failed sign-ins remember the username they were for, so an address is throttled by how many different names
/// fail there, not by how many people share it; customers' duplicate keys are folded anew (NFKC, format characters,
/// every bracket form). Two archived look-alikes that now share a key keep the older one's key and the other's own
/// key with its id, so neither is lost and `frontline check` need not fail.
struct M010Hardening: AsyncMigration {
    var name: String { "010_hardening" }

    func prepare(on db: any Database) async throws {
        try await db.schema("login_failures").field("subject", .string, .required, .sql(.default(""))).update()
        let sql = db as! any SQLDatabase
        // A contract's profit is net of VAT and unknown without a cost: the rate it includes, and a cost that may be
        // missing (an old zero cost meant "not entered").
        try await db.schema("contracts").field("tax_rate", .int, .required, .sql(.default(1300))).update()
        try await db.schema("contracts").field("cost_estimate_fen", .int64).update()
        try await sql.raw("UPDATE contracts SET cost_estimate_fen = cost_fen WHERE cost_fen > 0").run()
        // An approval's basis (below the floor, beyond the standard) is kept apart from the requester's reasons, so
        // that the rep who asks is not told where the floor lies.
        try await db.schema("approvals").field("basis", .string, .required, .sql(.default(""))).update()
        let rows = try await sql.select().column("id").column("name").column("name_key").from("customers").orderBy("id").all()
        var taken = Set<String>()
        var changed: [(Int64, String)] = []
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            let old = try row.decode(column: "name_key", as: String.self)
            var key = Text.matchKey(try row.decode(column: "name", as: String.self))
            if taken.contains(key) { key += "#\(id)" }
            taken.insert(key)
            if key != old { changed.append((id, key)) }
        }
        // Two passes, so that no new key meets an old one still in place under the unique index.
        for (id, _) in changed { try await sql.update("customers").set("name_key", to: "#migrating#\(id)").where("id", .equal, id).run() }
        for (id, key) in changed { try await sql.update("customers").set("name_key", to: key).where("id", .equal, id).run() }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("login_failures").deleteField("subject").update()
        try await db.schema("contracts").deleteField("cost_estimate_fen").update()
        try await db.schema("contracts").deleteField("tax_rate").update()
        try await db.schema("approvals").deleteField("basis").update()
    }
}
