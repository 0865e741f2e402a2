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

    /// What every race of the gate needs: the demo users signed in, and a valid value for each field a step reads.
    struct Gate {
        let app: Application
        let store: Store
        var tokens: [String: String] = [:]
        var actors: [String: Actor] = [:]
        var sample: [StepField: String] = [:]

        init(_ app: Application) async throws {
            self.app = app
            store = Store(database: app.db)
            for name in ProcessRaceTests.logins {
                tokens[name] = try await app.login(name)
                let u = try await store.users().first { $0.username == name }!
                actors[name] = Actor(id: u.id, username: u.username, displayName: u.displayName, roles: u.roles)
            }
            let people = try await store.users()
            func id(_ name: String) -> String { String(people.first { $0.username == name }!.id) }
            sample = [
                .comment: #""并发测试""#, .reviewers: "[\(id("csmanager")),\(id("manager"))]", .opinion: #""approve""#,
                .meetingDate: "\"\(DateText.today())\"", .attendees: #""李明、张丽""#, .minutes: #""评审会同意。""#,
                .customerSignedOn: "\"\(DateText.today())\"", .engineerId: "\"\(id("cs1"))\"",
                .date: "\"\(DateText.today())\"",
                .reason: #""价格""#, .winner: #""对手公司""#, .winningAmount: #""1000.00""#,
                .engineers: "[\(id("cs1"))]", .kind: #""deployment""#, .title: #""并发节点""#,
                .due: "\"\(DateText.today())\"",
                .text: #""并发阻碍""#, .answer: #""市场部协调""#,
                .verdict: #""feasible""#, .conditions: #""客户提供场地""#, .plan: #""上门处理""#,
                .startOn: "\"\(DateText.today())\"",
                .endOn: "\"\(DateText.today())\"", .hours: #""2""#, .confirmedBy: #""王芳""#, .satisfaction: "4",
                .rootCause: #""并发原因""#, .amount: #""500""#,
                .place: #""培训室 2""#, .score: "4",
                .startsAt: "\"\(DateText.minute(Store.now() + 30 * 86_400))\"",
                .endsAt: "\"\(DateText.minute(Store.now() + 30 * 86_400 + 7200))\"",
            ]
        }

        /// Fields that name a part of the record itself: its first open milestone, the report the step is about.
        func contextual(_ f: StepField, _ subject: Any, _ action: String) -> String? {
            if let l = subject as? LeadProcess.Subject, f == .ownerId {
                return l.reps.keys.sorted().first { $0 != l.lead.ownerId }.map { "\($0)" }
            }
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
                let wanted: Set<ObstacleReport.State> =
                    action == "answer_obstacle"
                    ? [.open] : (action == "market_note" ? [.answered] : [.open, .answered])
                return s.obstacles.first { wanted.contains($0.state) }.map { String($0.id) }
            default: return nil
            }
        }

        /// A step's body: a valid value for each field its offer needs, a comment, and the version when given.
        func body<P: ProcessDefinition>(_ p: P.Type, _ offer: ProcessOffer<P>, _ subject: P.Subject, version: Int?)
            -> String
        {
            var fields = offer.input.filter { $0 != .comment }.compactMap { f in
                (contextual(f, subject, offer.action.rawValue) ?? sample[f]).map { "\"\(f.rawValue)\":\($0)" }
            }
            fields.append("\"comment\":\(sample[.comment]!)")
            if let version { fields.append("\"version\":\(version)") }
            return "{" + fields.joined(separator: ",") + "}"
        }

        /// Every offer some demo user has on the record now, one per action, the first user in `logins` order.
        func offers<P: ProcessRecords>(_ p: P.Type, _ id: Int64) async throws -> [(
            name: String, subject: P.Subject, offer: ProcessOffer<P>
        )] {
            var out: [(name: String, subject: P.Subject, offer: ProcessOffer<P>)] = []
            for name in ProcessRaceTests.logins {
                guard let subject = try await P.load(store, id: id, for: actors[name]!, now: Store.nowMillis()) else {
                    continue
                }
                for offer in ProcessEngine.offers(P.self, subject: subject, actor: actors[name]!)
                where !out.contains(where: { $0.offer.action == offer.action }) {
                    out.append((name, subject, offer))
                }
            }
            return out
        }

        /// Sends every (token, path, body) at once; answers (status, body) of each.
        func atOnce(_ calls: [(String, String, String)]) async throws -> [(UInt, String)] {
            try await withThrowingTaskGroup(of: (UInt, String).self) { group in
                for (token, path, body) in calls {
                    group.addTask {
                        let res = try await app.send(.POST, path, token: token, json: body)
                        return (res.status.code, res.body.string)
                    }
                }
                var out: [(UInt, String)] = []
                for try await s in group { out.append(s) }
                return out
            }
        }
    }

    /// Every table's records, as the gate walks them, with their routes.
    static func tables(_ walk: (any ProcessRecords.Type, String, String) async throws -> Void) async throws {
        try await walk(ApprovalProcess.self, "approvals", "approvals")
        try await walk(QuotationProcess.self, "quotations", "quotations")
        try await walk(ContractProcess.self, "contracts", "contracts")
        try await walk(TenderProcess.self, "tenders", "tenders")
        try await walk(ImplementationProcess.self, "implementations", "implementations")
        try await walk(ServiceRequestProcess.self, "service_requests", "service-requests")
        try await walk(ComplaintProcess.self, "complaints", "complaints")
        try await walk(SupportRequestProcess.self, "support_requests", "support-requests")
        try await walk(TrainingProcess.self, "trainings", "trainings")
        try await walk(OpportunityProcess.self, "opportunities", "opportunities")
        try await walk(LeadProcess.self, "leads", "leads")
        try await walk(DisputeProcess.self, "disputes", "disputes")
        try await walk(ActionPlanProcess.self, "action_plans", "action-plans")
        try await walk(VisitProcess.self, "visits", "visits")
        try await walk(GiftProcess.self, "gifts", "gifts")
        try await walk(ScreeningProcess.self, "screenings", "screenings")
    }

    func testEveryActionOfEveryTableTakenAtOnceIsTakenOnce() async throws {
        try await withDemoApp { app in
            let gate = try await Gate(app)
            let store = gate.store
            var covered: [String] = []
            func race<P: ProcessRecords>(_ p: P.Type, table: String, route: String) async throws {
                for action in P.actions {
                    // The first demo record on which some demo user is offered the action now.
                    var found: (String, P.Subject, ProcessOffer<P>)?
                    let ids = try await (app.db as! any SQLDatabase).select().column("id").from(table).orderBy("id")
                        .all()
                        .map { try $0.decode(column: "id", as: Int64.self) }
                    search: for rid in ids {
                        if let o = try await gate.offers(P.self, rid).first(where: { $0.offer.action == action }) {
                            found = (o.name, o.subject, o.offer)
                            break search
                        }
                    }
                    guard let (name, subject, offer) = found else {
                        XCTFail("no demo \(P.name) offers \(action.rawValue) to anybody: the gate cannot race it")
                        continue
                    }
                    let rid = subject.recordId
                    let before = try await store.history(P.name, rid)
                    let auditBefore = try await auditCount(app, P.name, rid)
                    let token = gate.tokens[name]!, path = "/api/v1/\(route)/\(rid)/\(action.rawValue)"
                    // A step that changes the state is refused to the losers by the state itself, so half of them
                    // name no version; a step that may be taken again from where it leads (assemble, assign, amend)
                    // can only be told apart from its repetition by the version, so every caller names it.
                    let rows = P.steps.filter { $0.action == action }
                    let loops =
                        P.versionRequired(action) || rows.contains { row in rows.contains { $0.from.contains(row.to) } }
                    let statuses = try await gate.atOnce(
                        (0..<Self.callers).map { i in
                            (
                                token, path,
                                gate.body(P.self, offer, subject, version: loops || i % 2 == 0 ? subject.version : nil)
                            )
                        })
                    let label = "\(P.name) \(rid) \(action.rawValue) by \(name)"
                    let won = statuses.filter { (200..<300).contains($0.0) }
                    XCTAssertEqual(won.count, 1, "\(label): \(statuses)")
                    XCTAssertEqual(statuses.filter { $0.0 == 409 }.count, Self.callers - 1, "\(label): \(statuses)")
                    let after = try await store.history(P.name, rid)
                    let added = after.dropFirst(before.count)
                    XCTAssertEqual(
                        added.filter { $0.action == action.rawValue }.count, 1, "\(label): \(added.map(\.action))")
                    // One audit entry per step recorded (its follow-ups included), none for the losers.
                    let auditAfter = try await auditCount(app, P.name, rid)
                    XCTAssertEqual(auditAfter - auditBefore, added.count, label)
                    covered.append("\(P.name).\(action.rawValue)")
                }
            }
            var expected = 0
            try await Self.tables { p, table, route in
                func walk<P: ProcessRecords>(_ p: P.Type) async throws {
                    expected += P.actions.count
                    try await race(P.self, table: table, route: route)
                }
                try await walk(p)
            }
            XCTAssertEqual(covered.count, expected, "\(covered)")
            // Every record's history is still a path through its table.
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    /// Different actions on one record at once, each with the version its caller read (the GM approving while the rep
    /// cancels): exactly one is taken, nothing answers 5xx, the history holds the winner's step alone. For every
    /// table, on the first demo records that offer two actions or more to the demo users.
    func testDifferentActionsOnOneRecordTakenAtOnceLeaveOneOutcome() async throws {
        try await withDemoApp { app in
            let gate = try await Gate(app)
            var raced = 0
            try await Self.tables { p, table, route in
                func walk<P: ProcessRecords>(_ p: P.Type) async throws {
                    let ids = try await (app.db as! any SQLDatabase).select().column("id").from(table).orderBy("id")
                        .limit(60).all()
                        .map { try $0.decode(column: "id", as: Int64.self) }
                    var done = 0
                    for rid in ids where done < 2 {
                        let offers = try await gate.offers(P.self, rid)
                        guard offers.count >= 2, let version = offers.first?.subject.version else { continue }
                        let before = try await gate.store.history(P.name, rid)
                        let statuses = try await gate.atOnce(
                            offers.map { o in
                                (
                                    gate.tokens[o.name]!, "/api/v1/\(route)/\(rid)/\(o.offer.action.rawValue)",
                                    gate.body(P.self, o.offer, o.subject, version: version)
                                )
                            })
                        let label = "\(P.name) \(rid) \(offers.map { "\($0.offer.action.rawValue) by \($0.name)" })"
                        XCTAssertFalse(statuses.contains { $0.0 >= 500 }, "\(label): \(statuses)")
                        XCTAssertEqual(statuses.filter { (200..<300).contains($0.0) }.count, 1, "\(label): \(statuses)")
                        XCTAssertTrue(
                            statuses.allSatisfy { (200..<300).contains($0.0) || [403, 409, 422].contains($0.0) },
                            "\(label): \(statuses)")
                        let added = try await gate.store.history(P.name, rid).dropFirst(before.count)
                        let taken = Set(offers.map(\.offer.action.rawValue))
                        XCTAssertEqual(
                            added.filter {
                                taken.contains($0.action) && !P.automaticActions.map(\.rawValue).contains($0.action)
                            }.count, 1, "\(label): \(added.map(\.action))")
                        done += 1
                        raced += 1
                    }
                }
                try await walk(p)
            }
            XCTAssertGreaterThan(raced, 10)
            let problems = try await gate.store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    /// Every scheduled job run four times at once (two servers and an operator's run): each change is made once and
    /// counted once — of the runs' counts together, no more than was written — and four more runs at the same moment
    /// find nothing left to do.
    func testEveryScheduledJobRunFourTimesAtOnceDoesItsWorkOnce() async throws {
        try await withDemoApp { app in
            let store = Store(database: app.db)
            // Work for the pool sweep: customers past their days and near them.
            let manager = try await store.users().first { $0.username == "manager" }!.actor
            let rep1 = try await store.users().first { $0.username == "rep1" }!
            for (i, idle) in [40, 40, 40, 95, 95].enumerated() {
                let c = try await store.createCustomer(
                    CustomerInput(name: "定时任务客户\(i)", tier: "C", ownerId: String(rep1.id)), by: manager)
                try await store.sql.update("customers").set(
                    "owner_since", to: Store.nowMillis() - Int64(idle) * 86_400_000
                ).where("id", .equal, c.id).run()
            }
            let now = Store.nowMillis()
            func events() async throws -> Int {
                try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                    "pool_events"
                ).first()!.decode(column: "n", as: Int.self)
            }
            for job in ScheduledJob.allCases {
                func round() async throws -> Int {
                    try await withThrowingTaskGroup(of: Int.self) { group in
                        for _ in 0..<4 {
                            group.addTask { try await job.run(Store(database: app.db), now: now).values.reduce(0, +) }
                        }
                        var total = 0
                        for try await n in group { total += n }
                        return total
                    }
                }
                let before = try await events()
                let first = try await round()
                let written = try await events() - before
                XCTAssertGreaterThan(first, 0, "\(job.rawValue) had work")
                XCTAssertEqual(first, written, "\(job.rawValue): each change counted by the one run that made it")
                switch job {
                case .poolSweep:
                    // Made once: one warning per customer, owner and day, one return per customer.
                    let twice = try await store.sql.raw(
                        """
                        SELECT customer_id FROM pool_events WHERE kind IN ('warned', 'returned') AND at = \(bind: now)
                        GROUP BY customer_id, kind, to_owner_id, note HAVING COUNT(*) > 1
                        """
                    ).all()
                    XCTAssertEqual(twice.count, 0, "changes made twice by runs at once")
                }
                let again = try await round()
                XCTAssertEqual(again, 0, "\(job.rawValue): nothing left at the same moment")
                let after = try await events()
                XCTAssertEqual(after, before + written)
            }
            let problems = try await store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    /// Actions on records linked by an effect, at once: each pending approval decided (approve and reject) while every
    /// step its subject offers is taken — the subject and its approval end agreeing, nothing answers 5xx.
    func testAnApprovalAndItsSubjectRacedEndAgreeing() async throws {
        try await withDemoApp { app in
            let gate = try await Gate(app)
            let pending = try await (app.db as! any SQLDatabase).select().columns("id", "subject", "subject_id").from(
                "approvals"
            )
            .where("state", .equal, "pending").orderBy("id").all()
            var raced: Set<String> = []
            for row in pending {
                let aid = try row.decode(column: "id", as: Int64.self),
                    kind = try row.decode(column: "subject", as: String.self)
                let sid = try row.decode(column: "subject_id", as: Int64.self)
                var calls: [(String, String, String)] = []
                for o in try await gate.offers(ApprovalProcess.self, aid) {
                    calls.append(
                        (
                            gate.tokens[o.name]!, "/api/v1/approvals/\(aid)/\(o.offer.action.rawValue)",
                            gate.body(ApprovalProcess.self, o.offer, o.subject, version: o.subject.version)
                        ))
                }
                switch kind {
                case "quotation":
                    for o in try await gate.offers(QuotationProcess.self, sid) {
                        calls.append(
                            (
                                gate.tokens[o.name]!, "/api/v1/quotations/\(sid)/\(o.offer.action.rawValue)",
                                gate.body(QuotationProcess.self, o.offer, o.subject, version: o.subject.version)
                            ))
                    }
                case "complaint":
                    for o in try await gate.offers(ComplaintProcess.self, sid) {
                        calls.append(
                            (
                                gate.tokens[o.name]!, "/api/v1/complaints/\(sid)/\(o.offer.action.rawValue)",
                                gate.body(ComplaintProcess.self, o.offer, o.subject, version: o.subject.version)
                            ))
                    }
                default: XCTFail("an approval about \(kind): the gate does not know its subject")
                }
                let statuses = try await gate.atOnce(calls)
                XCTAssertFalse(statuses.contains { $0.0 >= 500 }, "\(kind) \(sid) and approval \(aid): \(statuses)")
                let approval = try await gate.store.approval(id: aid)!
                if kind == "quotation",
                    let q = try await gate.store.quotation(id: sid, for: gate.actors["gm"]!)?.quotation,
                    q.approvalId == aid
                {
                    switch q.state {
                    case .pendingApproval: XCTAssertEqual(approval.state, .pending)
                    case .approved, .sent: XCTAssertEqual(approval.state, .approved)
                    case .cancelled:
                        XCTAssertEqual(approval.state, .withdrawn, "a void quotation's approval is void with it")
                    case .draft: XCTAssertTrue([.rejected, .withdrawn].contains(approval.state), "\(approval.state)")
                    default: XCTFail("quotation \(sid) is \(q.state.rawValue) with approval \(approval.state.rawValue)")
                    }
                }
                raced.insert(kind)
            }
            XCTAssertTrue(raced.contains("quotation"), "the demo holds a quotation waiting for approval")
            let problems = try await gate.store.integrityProblems()
            XCTAssertEqual(problems, [])
        }
    }

    func auditCount(_ app: Application, _ entity: String, _ id: Int64) async throws -> Int {
        try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("audit_log")
            .where("entity", .equal, entity).where("entity_id", .equal, String(id)).where("action", .equal, "update")
            .first()!
            .decode(column: "n", as: Int.self)
    }
}
