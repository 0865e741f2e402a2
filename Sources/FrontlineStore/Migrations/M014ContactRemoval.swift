import FluentKit
import FrontlineCore
import SQLKit

/// A contact who left the customer is removed from its list but kept: the communications that name him keep his
/// name, and the audit log holds the removal.
struct M014ContactRemoval: AsyncMigration {
    var name: String { "014_contact_removal" }

    func prepare(on db: any Database) async throws {
        try await db.schema("contacts").field("removed_at", .int64).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("contacts").deleteField("removed_at").update()
    }
}
