import FrontlineCore
import XCTest

/// Service requests (工程施工和售后服务, SPEC §3.4) in the pure engine: Customer Service alone answers and decides
/// the work, the Market Department asks and follows; the service-level clocks stop and pause with the steps.
final class ServiceRequestCoreTests: XCTestCase {
    func t(_ s: String) -> Int64 { DateText.parseDateTime(s)! * 1000 }
    let rep = Actor(id: 4, username: "rep1", displayName: "陈伟", roles: [.salesRep])
    let manager = Actor(id: 2, username: "manager", displayName: "李明", roles: [.marketManager])
    let csManager = Actor(id: 6, username: "csmanager", displayName: "赵强", roles: [.csManager])
    let cs1 = Actor(id: 7, username: "cs1", displayName: "孙磊", roles: [.csEngineer])
    let cs2 = Actor(id: 8, username: "cs2", displayName: "钱程", roles: [.csEngineer])
    var people: [User] {
        [cs1, cs2, csManager, rep].map {
            User(id: $0.id, username: $0.username, displayName: $0.displayName, roles: $0.roles, regionId: nil)
        }
    }

    func subject(at: String = "2026-12-07 09:00") throws -> ServiceRequestProcess.Subject {
        var r = try ServiceRequestDraft(kind: "repair", title: "报表服务器无法访问", detail: "月底结账受影响", customerId: "11")
            .validated(
                customer: (11, "上海浦江"), contracts: [:], implementations: [:], by: rep, today: "2026-12-07", now: t(at),
                target: ServiceLevels.Target(response: 120, resolution: 960))
        r.id = 1
        return ServiceRequestProcess.Subject(r, people: people)
    }

    func take(
        _ s: inout ServiceRequestProcess.Subject, _ a: ServiceRequestProcess.Action, _ by: Actor,
        _ input: StepInput = StepInput(), at: String
    )
        throws -> ServiceRequestProcess.Action?
    {
        let taken = try ProcessEngine.take(
            ServiceRequestProcess.self, a, on: s, input: input, context: StepContext(actor: by, now: t(at)))
        s = taken.after
        return taken.followUp
    }

    func refusal(_ body: () throws -> Void) -> DomainError? {
        do { try body(); return nil } catch let e as DomainError { return e } catch { return nil }
    }

    func testCustomerServiceAnswersPlansWorksAndTheCustomerConfirms() throws {
        var s = try subject()
        // The Market Department does not judge feasibility, nor schedule the work: refused with who may.
        for who in [rep, manager] {
            let e = refusal {
                _ = try take(&s, .answer, who, StepInput(text: "可以", verdict: "feasible"), at: "2026-12-07 09:10")
            }
            XCTAssertEqual(e?.kind, .forbidden)
            XCTAssertEqual(e?.message.key, "process.role")
        }
        XCTAssertEqual(
            refusal {
                _ = try take(&s, .answer, cs1, StepInput(text: "可以", verdict: "conditional"), at: "2026-12-07 09:10")
            }?.fields.map(\.field), ["conditions"])
        XCTAssertEqual(
            refusal { _ = try take(&s, .answer, cs1, StepInput(verdict: "maybe"), at: "2026-12-07 09:10") }?.fields.map(
                \.field), ["verdict", "text"])
        XCTAssertNil(try take(&s, .answer, cs1, StepInput(text: "备件有库存", verdict: "feasible"), at: "2026-12-07 10:00"))
        XCTAssertEqual(s.state, .answered)
        XCTAssertEqual(s.request.times.respondedAt, t("2026-12-07 10:00"))
        XCTAssertEqual(
            s.request.times.response(.standard, at: t("2026-12-08 10:00")).status, .met,
            "answered in one working hour of two")
        XCTAssertEqual(
            s.request.times.resolution(.standard, at: t("2026-12-07 10:00")).status, .onTrack,
            "the answer does not resolve it")
        // Only the CS manager decides when and with whom.
        let plan = StepInput(engineers: ["7"], plan: "上门更换电源", startOn: "2026-12-08", endOn: "2026-12-08")
        XCTAssertEqual(refusal { _ = try take(&s, .schedule, cs1, plan, at: "2026-12-07 11:00") }?.kind, .forbidden)
        XCTAssertEqual(refusal { _ = try take(&s, .schedule, manager, plan, at: "2026-12-07 11:00") }?.kind, .forbidden)
        var bad = plan
        bad.endOn = "2026-12-01"
        bad.engineers = ["4"]
        XCTAssertEqual(
            Set(
                refusal { _ = try take(&s, .schedule, csManager, bad, at: "2026-12-07 11:00") }?.fields.map(\.field)
                    ?? []), ["end_on", "engineers"])
        _ = try take(&s, .schedule, csManager, plan, at: "2026-12-07 11:00")
        XCTAssertEqual(s.state, .scheduled)
        XCTAssertEqual(s.request.engineerIds, [7])
        // The assigned engineer logs his work; another engineer may not.
        XCTAssertEqual(
            refusal {
                _ = try take(
                    &s, .log, cs2, StepInput(date: "2026-12-07", text: "x", hours: "1"), at: "2026-12-07 12:00")
            }?.message.key, "service.not_assigned")
        XCTAssertEqual(
            refusal {
                _ = try take(
                    &s, .log, cs1, StepInput(date: "2026-12-07", text: "x", hours: "25"), at: "2026-12-07 12:00")
            }?.fields.map(\.field), ["hours"])
        XCTAssertEqual(
            refusal {
                _ = try take(
                    &s, .log, cs1, StepInput(date: "2026-12-09", text: "x", hours: "1"), at: "2026-12-07 12:00")
            }?.fields.map(\.field), ["date"])
        _ = try take(&s, .log, cs1, StepInput(date: "2026-12-07", text: "排查电源", hours: "1.5"), at: "2026-12-07 12:00")
        XCTAssertEqual(s.log.last?.minutes, 90)
        // Waiting on the customer pauses both clocks; the rep who hears from him resumes it.
        _ = try take(&s, .wait, cs1, StepInput(text: "请客户确认停机窗口"), at: "2026-12-07 14:00")
        XCTAssertEqual(s.state, .waiting)
        XCTAssertTrue(s.request.times.paused)
        XCTAssertNil(s.request.times.deadlines(.standard).resolutionDue)
        XCTAssertEqual(
            refusal { _ = try take(&s, .withdraw, rep, StepInput(comment: "不要了"), at: "2026-12-07 15:00") }?.message
                .key, "service.work_begun")
        _ = try take(&s, .resume, rep, StepInput(text: "客户同意周二晚上停机"), at: "2026-12-09 09:00")
        XCTAssertEqual(s.state, .scheduled, "back where it waited")
        XCTAssertEqual(
            s.request.times.resolution(.standard, at: t("2026-12-09 09:00")).elapsed, 3 * 3600 + 1800,
            "09:00–14:00 less the lunch break; the wait not counted")
        // Resolved, reopened by the customer, resolved again and confirmed.
        _ = try take(&s, .resolve, cs1, StepInput(text: "更换电源后恢复"), at: "2026-12-09 10:00")
        XCTAssertEqual(s.state, .resolved)
        XCTAssertEqual(
            refusal { _ = try take(&s, .reopen, rep, at: "2026-12-10 09:00") }?.fields.map(\.field), ["comment"],
            "a reopening says why")
        _ = try take(&s, .reopen, rep, StepInput(comment: "又出现了"), at: "2026-12-10 09:00")
        XCTAssertEqual(s.state, .scheduled)
        XCTAssertNil(s.request.times.resolvedAt)
        XCTAssertEqual(
            s.request.times.resolution(.standard, at: t("2026-12-10 09:00")).elapsed, 4 * 3600 + 1800,
            "the time it stood resolved is not counted")
        _ = try take(&s, .resolve, cs1, StepInput(text: "更换主板"), at: "2026-12-10 11:00")
        XCTAssertEqual(
            refusal {
                _ = try take(&s, .confirm, rep, StepInput(confirmedBy: "王芳", satisfaction: "6"), at: "2026-12-10 12:00")
            }?.fields.map(\.field), ["satisfaction"])
        XCTAssertEqual(
            refusal { _ = try take(&s, .confirm, rep, StepInput(satisfaction: "5"), at: "2026-12-10 12:00") }?.fields
                .map(\.field), ["confirmed_by"])
        _ = try take(&s, .confirm, rep, StepInput(confirmedBy: "王芳", satisfaction: "5"), at: "2026-12-10 12:00")
        XCTAssertEqual(s.state, .closed)
        XCTAssertEqual(s.request.satisfaction, 5)
        XCTAssertEqual(
            s.request.times.resolution(.standard, at: t("2026-12-20 12:00")).status, .met,
            "within sixteen working hours")
        XCTAssertEqual(
            ProcessEngine.offers(ServiceRequestProcess.self, subject: s, actor: csManager).count, 0,
            "nothing more once closed")
    }

    func testNotFeasibleClosesItAndTheMarketDepartmentMayWithdrawBeforeTheWork() throws {
        var s = try subject()
        let follow = try take(
            &s, .answer, csManager, StepInput(text: "第三方设备未经认证", verdict: "not_feasible"), at: "2026-12-07 09:30")
        XCTAssertEqual(follow, .decline, "not feasible closes it by itself")
        _ = try take(&s, follow!, csManager, at: "2026-12-07 09:30")
        XCTAssertEqual(s.state, .declined)
        XCTAssertNotNil(s.request.closedAt)
        XCTAssertEqual(ServiceRequestProcess.automaticActions, [.decline])

        var w = try subject()
        XCTAssertEqual(
            refusal { _ = try take(&w, .withdraw, cs1, StepInput(comment: "x"), at: "2026-12-07 10:00") }?.kind,
            .forbidden)
        XCTAssertEqual(
            refusal { _ = try take(&w, .withdraw, rep, at: "2026-12-07 10:00") }?.fields.map(\.field), ["comment"])
        _ = try take(&w, .wait, cs1, StepInput(text: "请提供现场照片"), at: "2026-12-07 10:00")
        _ = try take(&w, .withdraw, rep, StepInput(comment: "客户自行处理"), at: "2026-12-07 11:00")
        XCTAssertEqual(w.state, .withdrawn)
        XCTAssertFalse(w.request.times.paused)
        XCTAssertEqual(
            refusal {
                _ = try take(&w, .answer, cs1, StepInput(text: "x", verdict: "feasible"), at: "2026-12-07 12:00")
            }?.message.key, "process.not_now")
    }

    func testANewRequestIsCheckedAgainstItsCustomer() {
        func fields(_ d: ServiceRequestDraft) -> [String] {
            do {
                _ = try d.validated(
                    customer: (11, "x"), contracts: [21: "HT2026-0001", 22: "HT2026-0002"],
                    implementations: [31: 21, 32: 22], by: rep, today: "2026-12-07",
                    now: t("2026-12-07 09:00"), target: ServiceLevels.Target(response: 60, resolution: 600))
                return []
            } catch { return error.fields.map(\.field) }
        }
        XCTAssertEqual(fields(ServiceRequestDraft(kind: "repair", title: "x", detail: "y")), [])
        XCTAssertEqual(fields(ServiceRequestDraft(kind: "paint", title: " ", detail: "")), ["kind", "title", "detail"])
        XCTAssertEqual(
            fields(ServiceRequestDraft(kind: "repair", title: "x", detail: "y", wishedOn: "2026-12-01")), ["wished_on"])
        XCTAssertEqual(
            fields(ServiceRequestDraft(kind: "repair", title: "x", detail: "y", contractId: "99")), ["contract_id"])
        XCTAssertEqual(
            fields(ServiceRequestDraft(kind: "repair", title: "x", detail: "y", implementationId: "33")),
            ["implementation_id"], "not his")
        XCTAssertEqual(
            fields(
                ServiceRequestDraft(kind: "repair", title: "x", detail: "y", contractId: "21", implementationId: "32")),
            ["implementation_id"], "another contract's")
        XCTAssertEqual(
            fields(
                ServiceRequestDraft(kind: "repair", title: "x", detail: "y", contractId: "21", implementationId: "31")),
            [])
        XCTAssertEqual(ServiceAccess.mayRequest(rep, customerOwner: 5)?.key, "service.not_your_customer")
        XCTAssertNil(ServiceAccess.mayRequest(rep, customerOwner: rep.id))
        XCTAssertNil(ServiceAccess.mayRequest(manager, customerOwner: 5))
        XCTAssertEqual(ServiceAccess.mayRequest(cs1, customerOwner: 5)?.key, "service.market_asks")
    }

    func testServiceLevelsAreChangedAsAWholeAndCheckedSo() throws {
        let changed = try ServiceLevelsChange(
            workdays: ["1", "2", "3", "4", "5", "6"], periods: ["08:30-12:00", "13:00-17:30"], holidays: ["2027-01-01"],
            workingWeekends: ["2027-02-07"],
            targets: ["request.repair": ("60", "480")]
        ).applied(to: .defaults)
        XCTAssertEqual(changed.calendar.workdays, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(changed.calendar.periods, [WorkCalendar.Period(510, 720), WorkCalendar.Period(780, 1050)])
        XCTAssertEqual(changed.target("request.repair"), ServiceLevels.Target(response: 60, resolution: 480))
        XCTAssertEqual(changed.target("request.upgrade"), ServiceLevels.defaults.target("request.upgrade"))
        func fields(_ c: ServiceLevelsChange) -> [String] {
            do { _ = try c.applied(to: .defaults); return [] } catch { return error.fields.map(\.field) }
        }
        XCTAssertEqual(fields(ServiceLevelsChange(workdays: ["8"])), ["workdays"])
        XCTAssertEqual(fields(ServiceLevelsChange(periods: ["9点-12点"])), ["periods"])
        XCTAssertEqual(
            fields(ServiceLevelsChange(periods: ["13:00-18:00", "09:00-14:00"])), ["periods"], "out of order")
        XCTAssertEqual(fields(ServiceLevelsChange(holidays: ["2027-13-01"])), ["holidays"])
        XCTAssertEqual(
            fields(ServiceLevelsChange(targets: ["request.repair": ("0", nil)])), ["targets.request.repair.response"])
        XCTAssertEqual(
            fields(ServiceLevelsChange(targets: ["request.repair": ("2000", "100")])),
            ["targets.request.repair.response"], "answer after resolution")
        XCTAssertEqual(fields(ServiceLevelsChange(targets: ["request.paint": ("10", "20")])), ["targets.request.paint"])
        // The due-soon moment is four fifths of the target in working time, and none while paused.
        var times = ServiceTimes(
            openedAt: t("2026-12-07 09:00"), target: ServiceLevels.Target(response: 100, resolution: 600))
        let d = times.deadlines(.standard)
        XCTAssertEqual(d.responseWarn, t("2026-12-07 10:20"))
        XCTAssertEqual(d.responseDue, t("2026-12-07 10:40"))
        XCTAssertEqual(d.resolutionDue, t("2026-12-08 11:30"), "ten working hours: 7.5 on Monday, 2.5 on Tuesday")
        times.pause(at: t("2026-12-07 09:30"))
        XCTAssertEqual(times.deadlines(.standard), ServiceTimes.Deadlines())
        XCTAssertEqual(
            WorkingTime.standing(times.response(.standard, at: t("2026-12-07 12:00")), .zhCN),
            "等待客户·暂停计时（剩余 1 小时 10 分钟）")
    }
}

/// Complaints (客户投诉) in the pure engine: routed by category, handled by the department that owns them, a
/// compensation raised through the authority limits and paid only once approved.
final class ComplaintCoreTests: XCTestCase {
    func t(_ s: String) -> Int64 { DateText.parseDateTime(s)! * 1000 }
    let assistant = Actor(id: 3, username: "assistant", displayName: "张丽", roles: [.businessAssistant])
    let rep = Actor(id: 4, username: "rep1", displayName: "陈伟", roles: [.salesRep])
    let cs1 = Actor(id: 7, username: "cs1", displayName: "孙磊", roles: [.csEngineer])
    let finance = Actor(id: 9, username: "finance", displayName: "周敏", roles: [.finance])

    func subject(_ category: String) throws -> ComplaintProcess.Subject {
        var c = try ComplaintDraft(
            customerId: "11", channel: "phone", category: category, severity: "high", words: "三次没修好"
        ).validated(
            customer: (11, "上海浦江"), products: [:], by: assistant, now: t("2026-12-07 09:00"),
            target: ServiceLevels.Target(response: 120, resolution: 960))
        c.id = 1
        c.accountOwnerId = rep.id
        return ComplaintProcess.Subject(c)
    }

    func take(
        _ s: inout ComplaintProcess.Subject, _ a: ComplaintProcess.Action, _ by: Actor, _ input: StepInput = StepInput()
    ) throws -> [ComplaintProcess.Effect] {
        let taken = try ProcessEngine.take(
            ComplaintProcess.self, a, on: s, input: input, context: StepContext(actor: by, now: t("2026-12-07 10:00")))
        s = taken.after
        return taken.effects
    }

    func testRoutingHandlingAndCompensation() throws {
        XCTAssertEqual(
            Complaint.Category.allCases.filter { $0.department == .customerService }, [.engineering, .afterSales])
        var s = try subject("after_sales")
        XCTAssertEqual(s.complaint.department, .customerService)
        do { _ = try take(&s, .acknowledge, assistant, StepInput(text: "收到")); XCTFail() } catch let e as DomainError {
            XCTAssertEqual(e.kind, .forbidden)
            XCTAssertEqual(e.message.key, "complaint.customer_service_owns")
        }
        _ = try take(&s, .acknowledge, cs1, StepInput(text: "收到"))
        XCTAssertEqual(s.complaint.times.respondedAt, t("2026-12-07 10:00"))
        var m = try subject("billing")
        do { _ = try take(&m, .acknowledge, cs1, StepInput(text: "收到")); XCTFail() } catch let e as DomainError {
            XCTAssertEqual(e.message.key, "complaint.market_owns")
        }
        _ = try take(&m, .acknowledge, rep, StepInput(text: "收到"))
        // A compensation within the limit goes to the market manager, above it to the GM; paid only once approved.
        let effects = try take(&m, .requestCompensation, assistant, StepInput(text: "停产损失", amount: "30000"))
        guard case .raiseApproval(let request)? = effects.first else { return XCTFail("no approval raised") }
        XCTAssertEqual(request.kind, .compensation)
        XCTAssertEqual(request.approverRole, .gm, "above the default 20,000")
        XCTAssertEqual(request.amount, Money(yuan: 30_000))
        XCTAssertEqual(m.approval, .pending)
        do { _ = try take(&m, .payCompensation, finance); XCTFail() } catch let e as DomainError {
            XCTAssertEqual(e.message.key, "complaint.compensation_not_approved")
        }
        do {
            _ = try take(&m, .requestCompensation, assistant, StepInput(text: "再要", amount: "1")); XCTFail()
        } catch let e as DomainError {
            XCTAssertEqual(e.message.key, "complaint.compensation_open")
        }
        m.approval = .approved
        _ = try take(&m, .payCompensation, finance, StepInput(date: "2026-12-07"))
        XCTAssertEqual(m.complaint.compensationPaidOn, "2026-12-07")
        do { _ = try take(&m, .payCompensation, finance); XCTFail() } catch let e as DomainError {
            XCTAssertEqual(e.message.key, "complaint.compensation_paid")
        }
        // Closing needs the customer's satisfaction.
        _ = try take(&m, .resolve, assistant, StepInput(text: "退款", rootCause: "开票错误"))
        do { _ = try take(&m, .confirm, rep, StepInput(confirmedBy: "王芳")); XCTFail() } catch let e as DomainError {
            XCTAssertEqual(e.fields.map(\.field), ["satisfaction"])
        }
        _ = try take(&m, .confirm, rep, StepInput(confirmedBy: "王芳", satisfaction: "3"))
        XCTAssertEqual(m.state, .closed)
    }
}
