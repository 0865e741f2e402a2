import FrontlineCore
import XCTest

/// Visits (来访接待) and the gift register (馈赠登记) in the pure core.
final class VisitCoreTests: XCTestCase {
    let assistant = Actor(id: 3, username: "assistant", displayName: "王芳", roles: [.businessAssistant])
    let rep = Actor(id: 4, username: "rep1", displayName: "陈伟", roles: [.salesRep])
    let rep2 = Actor(id: 5, username: "rep2", displayName: "刘洋", roles: [.salesRep])

    func refusal(_ body: () throws -> Void) -> DomainError? {
        do { try body(); return nil } catch let e as DomainError { return e } catch { return nil }
    }

    func testAVisitIsCheckedAndOnlyItsHostOrTheOfficeRecordsHowItWent() throws {
        let now = DateText.parseDateTime("2026-12-03 09:00")!
        let blank = Visit(visitors: "", startsAt: 0, endsAt: 0, hostId: 0)
        let input = VisitInput(
            customerId: "11", visitors: "王主任等 3 人", startsAt: "2026-12-04 14:00", endsAt: "2026-12-04 16:00",
            hostId: "4")
        let v = try input.apply(to: blank, customers: [11: "上海浦江"], hosts: [4, 5], now: now)
        XCTAssertEqual(v.customerName, "上海浦江")
        XCTAssertEqual(DateText.minute(v.endsAt), "2026-12-04 16:00")
        let bad = VisitInput(
            customerId: "12", visitors: " ", startsAt: "2026-12-04 14:00", endsAt: "2026-12-04 13:00", hostId: "9")
        XCTAssertEqual(
            Set(
                refusal { _ = try bad.apply(to: blank, customers: [:], hosts: [4], now: now) }?.fields.map(\.field)
                    ?? []), ["customer_id", "visitors", "ends_at", "host_id"])
        let long = VisitInput(visitors: "x", startsAt: "2026-12-04 14:00", endsAt: "2026-12-12 14:00", hostId: "4")
        XCTAssertEqual(
            refusal { _ = try long.apply(to: blank, customers: [:], hosts: [4], now: now) }?.fields.first?.message.key,
            "visit.too_long")
        let old = VisitInput(visitors: "x", startsAt: "2026-10-01 14:00", endsAt: "2026-10-01 15:00", hostId: "4")
        XCTAssertEqual(
            refusal { _ = try old.apply(to: blank, customers: [:], hosts: [4], now: now) }?.fields.first?.message.key,
            "visit.too_late")
        var later = v
        later.startsAt = v.endsAt
        later.endsAt = v.endsAt + 3600
        XCTAssertFalse(v.overlaps(later), "back to back")
        later.startsAt -= 1
        XCTAssertTrue(v.overlaps(later))
        var s = VisitProcess.Subject(v)
        s.visit.id = 1
        func take(_ a: VisitProcess.Action, _ by: Actor, _ input: StepInput = StepInput()) throws {
            s = try ProcessEngine.take(
                VisitProcess.self, a, on: s, input: input, context: StepContext(actor: by, now: 0)
            ).after
        }
        XCTAssertEqual(refusal { try take(.complete, rep2, StepInput(text: "x")) }?.kind, .forbidden)
        XCTAssertEqual(refusal { try take(.cancel, rep) }?.kind, .forbidden)
        XCTAssertEqual(refusal { try take(.cancel, assistant) }?.fields.first?.message.key, "process.reason_needed")
        try take(.complete, rep, StepInput(text: "客户同意试点"))
        XCTAssertEqual(s.visit.outcome, "客户同意试点")
        XCTAssertEqual(s.state, .done)
        XCTAssertTrue(VisitAccess.canRead(rep, v))
        var theirs = v
        theirs.hostId = 5
        XCTAssertFalse(VisitAccess.canRead(rep, theirs))
        theirs.customerOwnerId = 4
        XCTAssertTrue(VisitAccess.canRead(rep, theirs), "his customer's visit")
    }

    func testAGiftIsDeclaredWithItsValueAndTakenInOnADayBetweenOfferAndToday() throws {
        let g = try GiftInput(kind: "money", description: "红包", value: "1,000.5", offeredOn: "2026-12-01").declared(
            by: rep, customerId: 11, customerName: "上海浦江", today: "2026-12-03")
        XCTAssertEqual(g.value, Money(fen: 100_050))
        XCTAssertEqual(
            Set(
                refusal {
                    _ = try GiftInput(kind: "car", description: "", value: "0", offeredOn: "2026-12-04").declared(
                        by: rep, customerId: 11, customerName: "", today: "2026-12-03")
                }?.fields.map(\.field) ?? []), ["kind", "description", "value", "offered_on"])
        XCTAssertEqual(
            refusal {
                _ = try GiftInput(description: "x", value: "1.001").declared(
                    by: rep, customerId: 11, customerName: "", today: "2026-12-03")
            }?.fields.first?.message.key, "gift.value_invalid")
        var s = GiftProcess.Subject(g)
        let today = DateText.parseDateTime("2026-12-03 10:00")! * 1000
        XCTAssertEqual(
            refusal {
                _ = try ProcessEngine.take(
                    GiftProcess.self, .handOver, on: s, input: StepInput(), context: StepContext(actor: rep, now: today)
                )
            }?.kind, .forbidden)
        XCTAssertEqual(
            refusal {
                _ = try ProcessEngine.take(
                    GiftProcess.self, .handOver, on: s, input: StepInput(date: "2026-11-30"),
                    context: StepContext(actor: assistant, now: today))
            }?.fields.first?.message.key, "gift.handled_on_range")
        s = try ProcessEngine.take(
            GiftProcess.self, .handOver, on: s, input: StepInput(), context: StepContext(actor: assistant, now: today)
        ).after
        XCTAssertEqual(s.gift.handledOn, "2026-12-03")
        XCTAssertEqual(s.gift.handledBy, 3)
        XCTAssertEqual(
            ProcessEngine.available(GiftProcess.self, from: s.state, subject: s, actor: assistant), [], "final")
        var other = g
        other.kind = .gift
        other.value = Money(fen: 39_600)
        let r = GiftRegister(from: "2026-12-01", to: "2026-12-31", entries: [s.gift, other])
        XCTAssertEqual(r.total.value, Money(fen: 139_650))
        XCTAssertEqual(r.byKind[.money]?.count, 1)
        XCTAssertEqual(r.byState[.declared]?.value, Money(fen: 39_600))
        XCTAssertEqual(r.byDeclarant[4], GiftRegister.Total(count: 2, value: Money(fen: 139_650)))
    }
}
