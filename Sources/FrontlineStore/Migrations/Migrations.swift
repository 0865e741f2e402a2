import FluentKit
import FrontlineCore
import SQLKit

/// The schema, one numbered, reversible step per change. The same steps serve SQLite and PostgreSQL.
public enum Migrations {
    public static let all: [any AsyncMigration] = [
        M001Organisation(), M002Sessions(), M003Customers(), M004Audit(), M005Attachments(), M006Sales(),
        M007Contracts(), M008Tenders(), M009CustomerCounts(), M010Hardening(),
        M011ProcessHistory(), M012OnePrimaryContact(), M013Implementation(), M014ContactRemoval(),
        M015ServiceRequests(), M016Complaints(), M017SupportRequests(), M018Trainings(), M019Opportunities(),
        M020NextSteps(), M021Pool(), M022Disputes(), M023ActionPlans(), M024Visits(), M025Gifts(), M026Intelligence(),
        M027Screenings(), M028Search(), M029OpportunityTotals(), M030SearchFives(), M031RepOpportunities(),
        M032SearchComplaints(), M033OneWarning(), M034NameOrder(), M035ListOrder(),
    ]
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
