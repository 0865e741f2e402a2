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
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner, on: SQLColumn("reviewer_id", table: "r"), .equal, SQLColumn("id", table: "u"))
            .where(SQLColumn(t.key, table: "r"), .equal, SQLBind(recordId)).orderBy(SQLColumn("id", table: "r")).all()
            .map { r in
                Review(
                    recordId: recordId, reviewerId: try r.decode(column: "reviewer_id", as: Int64.self),
                    reviewerName: try r.decode(column: "reviewer_name", as: String.self), part: try r.decode(column: "part", as: String.self),
                    opinion: Review.Opinion(rawValue: try r.decode(column: "opinion", as: String.self)) ?? .pending,
                    comment: try r.decode(column: "comment", as: String.self), at: try r.decode(column: "at", as: Int64?.self))
            }
    }

    /// The reviewers a step names, by user id: active people of a department or the GM. Customer Service reviews the
    /// technical part, the others the commercial one.
    func namedReviewers(_ names: [String]?, recordId: Int64) async throws -> [Review] {
        guard let names, !names.isEmpty else { throw DomainError.validation([FieldError("reviewers", "contract.reviewers_needed")]) }
        let users = try await self.users()
        var chosen: [User] = []
        var errors: [FieldError] = []
        for n in names {
            guard let uid = Int64(n.trimmingCharacters(in: .whitespaces)), let u = users.first(where: { $0.id == uid && $0.active }),
                u.roles.contains(where: { $0.department != nil || $0 == .gm })
            else {
                errors.append(FieldError("reviewers", "contract.bad_reviewer", ["id": n]))
                continue
            }
            if !chosen.contains(where: { $0.id == u.id }) { chosen.append(u) }
        }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        return chosen.map {
            Review(
                recordId: recordId, reviewerId: $0.id, reviewerName: $0.displayName,
                part: $0.roles.contains(where: { ContractAccess.customerService.contains($0) }) ? "technical" : "commercial")
        }
    }

    /// Names a new round of reviewers, every answer pending.
    func replaceReviews(_ t: ReviewTable, _ recordId: Int64, _ reviews: [Review]) async throws {
        try await sql.delete(from: t.table).where(t.key, .equal, recordId).run()
        for r in reviews {
            try await sql.insert(into: t.table).columns(t.key, "reviewer_id", "part", "opinion", "comment", "at")
                .values(SQLBind(recordId), SQLBind(r.reviewerId), SQLBind(r.part), SQLBind("pending"), SQLBind(""), SQLBind(Optional<Int64>.none)).run()
        }
    }

    /// Records the actor's answer, checked for form: anything but a plain approval says why.
    func answer(_ t: ReviewTable, _ recordId: Int64, _ reviews: inout [Review], opinion raw: String?, comment: String, by actor: Actor)
        async throws
    {
        guard let raw, let opinion = Review.Opinion(rawValue: raw), opinion != .pending else {
            throw DomainError.validation([FieldError("opinion", "field.one_of", ["values": "approve, approve_with_conditions, reject"])])
        }
        if opinion != .approve && comment.isEmpty { throw DomainError.validation([FieldError("comment", "contract.comment_needed")]) }
        guard let i = reviews.firstIndex(where: { $0.reviewerId == actor.id }) else { return }
        reviews[i].opinion = opinion
        reviews[i].comment = comment
        reviews[i].at = Store.nowMillis()
        try await sql.update(t.table).set("opinion", to: opinion.rawValue).set("comment", to: comment).set("at", to: reviews[i].at)
            .where(t.key, .equal, recordId).where("reviewer_id", .equal, actor.id).run()
    }
}

extension Store {
    /// How many reviews wait for the actor's answer: records in review that name him and that he has not answered.
    public func pendingReviews(for actor: Actor) async throws -> (contracts: Int, tenders: Int) {
        func count(_ t: ReviewTable, _ records: String) async throws -> Int {
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(SQLAlias(SQLIdentifier(t.table), as: SQLIdentifier("r")))
                .join(SQLAlias(SQLIdentifier(records), as: SQLIdentifier("x")), method: SQLJoinMethod.inner, on: SQLColumn(t.key, table: "r"), .equal, SQLColumn("id", table: "x"))
                .where(SQLColumn("reviewer_id", table: "r"), .equal, SQLBind(actor.id)).where(SQLColumn("opinion", table: "r"), .equal, SQLBind("pending"))
                .where(SQLColumn("state", table: "x"), .equal, SQLBind("in_review")).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return (try await count(.contract, "contracts"), try await count(.tender, "tenders"))
    }
}
