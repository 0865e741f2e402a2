import FrontlineCore
import XCTest

/// The company calendar and the service-level clock (issue 11): targets in working hours, holidays and 调休, a clock
/// that pauses while the case waits on the customer.
final class ServiceLevelTests: XCTestCase {
    func t(_ s: String) -> Int64 { DateText.parseDateTime(s)! }

    func testATargetInWorkingHoursSkipsEveningsWeekendsHolidaysAndCountsWorkedWeekends() throws {
        let cal = WorkCalendar.standard
        XCTAssertEqual(
            cal.workingSeconds(from: t("2026-12-04 17:00"), to: t("2026-12-07 10:00")), 2 * 3600,
            "Friday's last hour and Monday's first")
        XCTAssertEqual(
            cal.workingSeconds(from: t("2026-12-02 11:00"), to: t("2026-12-02 14:00")), 3600 + 30 * 60,
            "lunch is not worked")
        XCTAssertEqual(cal.workingSeconds(from: t("2026-12-02 14:00"), to: t("2026-12-02 11:00")), 0)
        // Eight working hours from Friday 16:00: 2 on Friday, 3 on Monday morning, 3 after lunch.
        XCTAssertEqual(cal.adding(8 * 3600, to: t("2026-12-04 16:00")), t("2026-12-07 16:30"))
        XCTAssertEqual(
            cal.adding(0, to: t("2026-12-05 10:00")), t("2026-12-07 09:00"),
            "a case opened on Saturday starts on Monday")
        var holiday = cal
        holiday.holidays = ["2026-12-07"]
        XCTAssertEqual(holiday.adding(8 * 3600, to: t("2026-12-04 16:00")), t("2026-12-08 16:30"))
        var swapped = cal
        swapped.workingWeekends = ["2026-12-05"]
        XCTAssertEqual(
            swapped.adding(8 * 3600, to: t("2026-12-04 16:00")), t("2026-12-05 16:30"), "a worked Saturday (调休) counts")
        XCTAssertNil(
            WorkCalendar(workdays: [], periods: [WorkCalendar.Period(540, 600)]).adding(60, to: t("2026-12-02 09:00")))
    }

    func testTheClockPausesWhileTheCaseWaitsOnTheCustomer() {
        let cal = WorkCalendar.standard
        var clock = ServiceClock(startedAt: t("2026-12-07 09:00"))
        XCTAssertEqual(clock.due(cal, target: 2 * 3600), t("2026-12-07 11:00"))
        clock.pause(at: t("2026-12-07 10:00"))
        XCTAssertTrue(clock.paused)
        XCTAssertEqual(clock.elapsed(cal, at: t("2026-12-08 17:00")), 3600, "waiting on the customer does not count")
        XCTAssertNil(clock.due(cal, target: 2 * 3600), "no due time while the customer is to answer")
        clock.resume(at: t("2026-12-08 09:00"))
        XCTAssertEqual(clock.due(cal, target: 2 * 3600), t("2026-12-08 10:00"))
        XCTAssertEqual(clock.elapsed(cal, at: t("2026-12-08 09:30")), 3600 + 1800)
        // The target reached before a later pause keeps its due time.
        clock.pause(at: t("2026-12-08 11:00"))
        XCTAssertEqual(clock.due(cal, target: 2 * 3600), t("2026-12-08 10:00"))
        clock.stop(at: t("2026-12-09 09:00"))
        XCTAssertFalse(clock.paused)
        XCTAssertEqual(
            clock.elapsed(cal, at: t("2026-12-20 09:00")), 3 * 3600, "a stopped clock stays where it stopped")
    }

    func testStandingAgainstATarget() {
        XCTAssertEqual(ServiceLevelStatus.of(elapsed: 10, target: 100, stopped: false), .onTrack)
        XCTAssertEqual(ServiceLevelStatus.of(elapsed: 80, target: 100, stopped: false), .dueSoon)
        XCTAssertEqual(ServiceLevelStatus.of(elapsed: 101, target: 100, stopped: false), .overdue)
        XCTAssertEqual(ServiceLevelStatus.of(elapsed: 100, target: 100, stopped: true), .met)
        XCTAssertEqual(ServiceLevelStatus.of(elapsed: 101, target: 100, stopped: true), .missed)
    }

    func testACalendarIsCheckedAsAnAdministratorSetsIt() {
        func fields(_ c: WorkCalendar) -> [String] {
            do { _ = try c.validated(); return [] } catch { return error.fields.map(\.field) }
        }
        XCTAssertEqual(fields(.standard), [])
        XCTAssertEqual(fields(WorkCalendar(workdays: [1], periods: [.init(600, 540)])), ["periods"])
        XCTAssertEqual(
            fields(WorkCalendar(workdays: [1], periods: [.init(540, 720), .init(700, 800)])), ["periods"], "overlapping"
        )
        XCTAssertEqual(fields(WorkCalendar(workdays: [0, 8], periods: [.init(540, 720)])), ["workdays"])
        XCTAssertEqual(fields(WorkCalendar(workdays: [1], periods: [])), ["periods"])
        XCTAssertEqual(
            fields(WorkCalendar(workdays: [1], periods: [.init(540, 720)], holidays: ["2026-02-30"])), ["holidays"])
        XCTAssertEqual(
            fields(
                WorkCalendar(
                    workdays: [1], periods: [.init(540, 720)], holidays: ["2026-10-01"], workingWeekends: ["2026-10-01"]
                )), ["holidays"])
    }
}
