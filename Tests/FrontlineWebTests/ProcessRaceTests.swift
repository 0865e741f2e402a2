import Foundation
import FrontlineCore
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FrontlineStore
@testable import FrontlineWeb

/// The race gate over every process action (issue 10): for each table, each action people take is taken several
/// times at once on one demo record, half of the callers naming the version they read and half not. Exactly one
/// succeeds, the others are told 409, and the record's history and audit log hold exactly one entry for it. The
/// actions come from the tables themselves, so a new row joins the race by being in its table; a row that no demo
/// record offers fails the gate until the demo data reaches it. On PostgreSQL this is READ COMMITTED's race.
final class ProcessRaceTests: XCTestCase {
    static let logins = ["gm", "manager", "assistant", "rep1", "rep2", "csmanager", "cs1", "finance", "admin"]
    static let callers = 6

    func testEveryActionOfEveryTableTakenAtOnceIsTakenOnce() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            var tokens: [String: String] = [:]
            var actors: [String: Actor] = [:]
            for name in Self.logins {
                tokens[name] = try await app.login(name)
                let u = try await store.users().first { $0.username == name }!
                actors[name] = Actor(id: u.id, username: u.username, displayName: u.displayName, roles: u.roles)
            }
            let people = try await store.users()
            func id(_ name: String) -> String { String(people.first { $0.username == name }!.id) }
            // A valid value for each field a row may read.
            let sample: [StepField: String] = [
                .comment: #""并发测试""#, .reviewers: "[\(id("csmanager")),\(id("manager"))]", .opinion: #""approve""#,
                .meetingDate: "\"\(DateText.today())\"", .attendees: #""李明、张丽""#, .minutes: #""评审会同意。""#,
                .customerSignedOn: "\"\(DateText.today())\"", .engineerId: "\"\(id("cs1"))\"", .date: "\"\(DateText.today())\"",
                .reason: #""价格""#, .winner: #""对手公司""#, .winningAmount: #""1000.00""#,
                .engineers: "[\(id("cs1"))]", .kind: #""deployment""#, .title: #""并发节点""#, .due: "\"\(DateText.today())\"",
                .text: #""并发阻碍""#, .answer: #""市场部协调""#,
                .verdict: #""feasible""#, .conditions: #""客户提供场地""#, .plan: #""上门处理""#, .startOn: "\"\(DateText.today())\"",
                .endOn: "\"\(DateText.today())\"", .hours: #""2""#, .confirmedBy: #""王芳""#, .satisfaction: "4",
                .rootCause: #""并发原因""#, .amount: #""500""#,
                .place: #""培训室 2""#, .score: "4",
                .startsAt: "\"\(DateText.minute(Store.now() + 30 * 86_400))\"", .endsAt: "\"\(DateText.minute(Store.now() + 30 * 86_400 + 7200))\"",
            ]
            // Fields that name a part of the record itself: its first open milestone, the report the step is about.
            func contextual(_ f: StepField, _ subject: Any, _ action: String) -> String? {
                if let l = subject as? LeadProcess.Subject, f == .ownerId { return l.reps.keys.sorted().first { $0 != l.lead.ownerId }.map { "\($0)" } }
                if let t = subject as? TrainingProcess.Subject {
                    switch f {
                    case .contacts: return t.contacts.keys.min().map { "[\($0)]" }
                    case .contactId: return t.attendees.first { $0.attended }.map { String($0.contactId) }
                    default: return nil
                    }
                }
                guard let s = subject as? ImplementationProcess.Subject else { return nil }
                switch f {
                case .milestoneId:
                    let m = s.milestones.first { !$0.done && ($0.kind != .acceptance || !s.documents.isEmpty) }
                    return m.map { String($0.id) }
                case .documentId: return s.documents.first.map { String($0) }
                case .obstacleId:
                    let wanted: Set<ObstacleReport.State> = action == "answer_obstacle" ? [.open] : (action == "market_note" ? [.answered] : [.open, .answered])
                    return s.obstacles.first { wanted.contains($0.state) }.map { String($0.id) }
                default: return nil
                }
            }
            var covered: [String] = []
            func race<P: ProcessRecords>(_ p: P.Type, table: String, route: String) async throws {
                for action in P.actions {
                    // The first demo record on which some demo user is offered the action now.
                    var found: (String, P.Subject, ProcessOffer<P>)?
                    let ids = try await (app.db as! any SQLDatabase).select().column("id").from(table).orderBy("id").all()
                        .map { try $0.decode(column: "id", as: Int64.self) }
                    search: for rid in ids {
                        for name in Self.logins {
                            guard let subject = try await P.load(store, id: rid, for: actors[name]!, now: Store.nowMillis()) else { continue }
                            if let offer = ProcessEngine.offers(P.self, subject: subject, actor: actors[name]!).first(where: { $0.action == action }) {
                                found = (name, subject, offer)
                                break search
                            }
                        }
                    }
                    guard let (name, subject, offer) = found else {
                        XCTFail("no demo \(P.name) offers \(action.rawValue) to anybody: the gate cannot race it")
                        continue
                    }
                    var fields = offer.input.filter { $0 != .comment }.compactMap { f in
                        (contextual(f, subject, action.rawValue) ?? sample[f]).map { "\"\(f.rawValue)\":\($0)" }
                    }
                    fields.append("\"comment\":\(sample[.comment]!)")
                    let rid = subject.recordId
                    let before = try await store.history(P.name, rid)
                    let auditBefore = try await auditCount(app, P.name, rid)
                    let token = tokens[name]!, path = "/api/v1/\(route)/\(rid)/\(action.rawValue)"
                    // A step that changes the state is refused to the losers by the state itself, so half of them
                    // name no version; a step that may be taken again from where it leads (assemble, assign, amend)
                    // can only be told apart from its repetition by the version, so every caller names it.
                    let rows = P.steps.filter { $0.action == action }
                    let loops = rows.contains { row in rows.contains { $0.from.contains(row.to) } }
                    let bodies = (0..<Self.callers).map { i in
                        "{" + (fields + (loops || i % 2 == 0 ? ["\"version\":\(subject.version)"] : [])).joined(separator: ",") + "}"
                    }
                    let statuses = try await withThrowingTaskGroup(of: (UInt, String).self) { group in
                        for body in bodies {
                            group.addTask {
                                let res = try await app.send(.POST, path, token: token, json: body)
                                return (res.status.code, res.body.string)
                            }
                        }
                        var out: [(UInt, String)] = []
                        for try await s in group { out.append(s) }
                        return out
                    }
                    let label = "\(P.name) \(rid) \(action.rawValue) by \(name)"
                    let won = statuses.filter { (200..<300).contains($0.0) }
                    XCTAssertEqual(won.count, 1, "\(label): \(statuses)")
                    XCTAssertEqual(statuses.filter { $0.0 == 409 }.count, Self.callers - 1, "\(label): \(statuses)")
                    let after = try await store.history(P.name, rid)
                    let added = after.dropFirst(before.count)
                    XCTAssertEqual(added.filter { $0.action == action.rawValue }.count, 1, "\(label): \(added.map(\.action))")
                    // One audit entry per step recorded (its follow-ups included), none for the losers.
                    let auditAfter = try await auditCount(app, P.name, rid)
                    XCTAssertEqual(auditAfter - auditBefore, added.count, label)
                    covered.append("\(P.name).\(action.rawValue)")
                }
            }
            try await race(ApprovalProcess.self, table: "approvals", route: "approvals")
            try await race(QuotationProcess.self, table: "quotations", route: "quotations")
            try await race(ContractProcess.self, table: "contracts", route: "contracts")
            try await race(TenderProcess.self, table: "tenders", route: "tenders")
            try await race(ImplementationProcess.self, table: "implementations", route: "implementations")
            try await race(ServiceRequestProcess.self, table: "service_requests", route: "service-requests")
            try await race(ComplaintProcess.self, table: "complaints", route: "complaints")
            try await race(SupportRequestProcess.self, table: "support_requests", route: "support-requests")
            try await race(TrainingProcess.self, table: "trainings", route: "trainings")
            try await race(OpportunityProcess.self, table: "opportunities", route: "opportunities")
            try await race(LeadProcess.self, table: "leads", route: "leads")
            try await race(DisputeProcess.self, table: "disputes", route: "disputes")
            try await race(ActionPlanProcess.self, table: "action_plans", route: "action-plans")
            try await race(VisitProcess.self, table: "visits", route: "visits")
            try await race(GiftProcess.self, table: "gifts", route: "gifts")
            try await race(ScreeningProcess.self, table: "screenings", route: "screenings")
            let counts: [Int] = [
                QuotationProcess.actions.count, ApprovalProcess.actions.count, ContractProcess.actions.count, TenderProcess.actions.count,
                ImplementationProcess.actions.count, ServiceRequestProcess.actions.count, ComplaintProcess.actions.count, SupportRequestProcess.actions.count,
                TrainingProcess.actions.count, OpportunityProcess.actions.count, LeadProcess.actions.count, DisputeProcess.actions.count,
                ActionPlanProcess.actions.count, VisitProcess.actions.count, GiftProcess.actions.count, ScreeningProcess.actions.count,
            ]
            let expected = counts.reduce(0, +)
            XCTAssertEqual(covered.count, expected, "\(covered)")
            // Every record's history is still a path through its table.
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func auditCount(_ app: Application, _ entity: String, _ id: Int64) async throws -> Int {
        try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_log")
            .where("entity", .equal, entity).where("entity_id", .equal, String(id)).where("action", .equal, "update").first()!
            .decode(column: "n", as: Int.self)
    }
}
