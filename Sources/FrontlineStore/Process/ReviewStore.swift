import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// The joint reviews (评审) contracts and tenders share: who is named, and each one's answer. Each process keeps
/// its answers in its own table (`contract_reviews`, `tender_reviews`), keyed by the record.
struct ReviewTable: Sendable {
    let table: String
    let key: String
    static let contract = ReviewTable(table: "contract_reviews", key: "contract_id")
    static let tender = ReviewTable(table: "tender_reviews", key: "tender_id")
}

extension Store {
    func reviews(_ t: ReviewTable, _ recordId: Int64) async throws -> [Review] {
        try await sql.select()
            .columns(["reviewer_id", "part", "opinion", "comment", "at"].map { SQLColumn($0, table: "r") })
            .column(SQLColumn("display_name", table: "u"), as: "reviewer_name")
            .from(SQLAlias(SQLIdentifier(t.table), as: SQLIdentifier("r")))
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                on: SQLColumn("reviewer_id", table: "r"), .equal, SQLColumn("id", table: "u")
            )
            .where(SQLColumn(t.key, table: "r"), .equal, SQLBind(recordId)).orderBy(SQLColumn("id", table: "r")).all()
            .map { r in
                Review(
                    recordId: recordId, reviewerId: try r.decode(column: "reviewer_id", as: Int64.self),
                    reviewerName: try r.decode(column: "reviewer_name", as: String.self),
                    part: try r.decode(column: "part", as: String.self),
                    opinion: Review.Opinion(rawValue: try r.decode(column: "opinion", as: String.self)) ?? .pending,
                    comment: try r.decode(column: "comment", as: String.self),
                    at: try r.decode(column: "at", as: Int64?.self))
            }
    }

    /// Names a new round of reviewers, every answer pending.
    func replaceReviews(_ t: ReviewTable, _ recordId: Int64, _ reviews: [Review]) async throws {
        try await sql.delete(from: t.table).where(t.key, .equal, recordId).run()
        for r in reviews {
            try await sql.insert(into: t.table).columns(t.key, "reviewer_id", "part", "opinion", "comment", "at")
                .values(
                    SQLBind(recordId), SQLBind(r.reviewerId), SQLBind(r.part), SQLBind("pending"), SQLBind(""),
                    SQLBind(Optional<Int64>.none)
                ).run()
        }
    }

    /// Writes a step's reviews over those it started from: a new set of names is a new round (every answer
    /// pending); otherwise each changed answer.
    func saveReviews(_ t: ReviewTable, _ recordId: Int64, _ new: [Review], over old: [Review]) async throws {
        if new.map(\.reviewerId) != old.map(\.reviewerId) {
            try await replaceReviews(t, recordId, new)
            return
        }
        for (n, o) in zip(new, old) where n != o {
            try await sql.update(t.table).set("opinion", to: n.opinion.rawValue).set("comment", to: n.comment).set(
                "at", to: n.at
            )
            .where(t.key, .equal, recordId).where("reviewer_id", .equal, n.reviewerId).run()
        }
    }
}

extension Store {
    /// How many reviews wait for the actor's answer: records in review that name him and that he has not answered.
    public func pendingReviews(for actor: Actor) async throws -> (contracts: Int, tenders: Int) {
        func count(_ t: ReviewTable, _ records: String) async throws -> Int {
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(SQLAlias(SQLIdentifier(t.table), as: SQLIdentifier("r")))
                .join(
                    SQLAlias(SQLIdentifier(records), as: SQLIdentifier("x")), method: SQLJoinMethod.inner,
                    on: SQLColumn(t.key, table: "r"), .equal, SQLColumn("id", table: "x")
                )
                .where(SQLColumn("reviewer_id", table: "r"), .equal, SQLBind(actor.id)).where(
                    SQLColumn("opinion", table: "r"), .equal, SQLBind("pending")
                )
                .where(SQLColumn("state", table: "x"), .equal, SQLBind("in_review")).first()?.decode(
                    column: "n", as: Int.self) ?? 0
        }
        return (try await count(.contract, "contracts"), try await count(.tender, "tenders"))
    }
}
