import Foundation

/// Engineering and after-sales requests (工程施工和售后服务) as SPEC §3.4 puts them, one row per step: "the Market
/// Department does not judge feasibility; Customer Service answers feasible, feasible with conditions or not
/// feasible, and decides whether and when to carry it out." The front-line rep asks and follows; Customer Service
/// answers, plans, works, and closes it once the customer confirms.
public enum ServiceRequestProcess: ProcessDefinition {
    public typealias State = ServiceRequest.State
    public enum Action: String, CaseIterable, Sendable {
        case answer, decline, schedule, log, wait, resume, resolve, confirm, reopen, withdraw
    }

    public struct Subject: ProcessSubject {
        public var request: ServiceRequest
        public var log: [ServiceWorkEntry]
        /// Who may be assigned: the active users.
        public var people: [User]
        public init(_ request: ServiceRequest, log: [ServiceWorkEntry] = [], people: [User] = []) {
            self.request = request; self.log = log; self.people = people
        }
        public var state: ServiceRequest.State {
            get { request.state }
            set { request.state = newValue }
        }
        public var version: Int {
            get { request.version }
            set { request.version = newValue }
        }
        public var recordId: Int64 { request.id }
        public var record: ServiceRequest { request }
    }

    public static let name = "service_request"
    static let cs = ServiceAccess.customerService
    static let market = ServiceAccess.market
    static let waitable: [State] = [.submitted, .answered, .scheduled]

    public static let steps: [ProcessStep<ServiceRequestProcess>] =
        rows + waitable.map(waitRow) + waitable.map(resumeRow) + laterRows

    static let rows: [ProcessStep<ServiceRequestProcess>] = [
        // "Customer Service answers each request feasible / feasible with conditions / not feasible, with its
        // reasoning." Not feasible closes it.
        ProcessStep(
            [.submitted], .answer, .answered, by: cs, input: [.verdict, .text, .conditions],
            guard: { s, a in ServiceAccess.works(a, s.request) },
            apply: { s, input, c throws(DomainError) in
                var errors: [FieldError] = []
                let verdict = ServiceRequest.Verdict(
                    rawValue: (input.verdict ?? "").trimmingCharacters(in: .whitespaces))
                if verdict == nil {
                    errors.append(FieldError.oneOf("verdict", ServiceRequest.Verdict.self))
                }
                let reason = Text.required(input.text, 4000, "text", &errors)
                let conditions = Text.limit(input.conditions ?? "", 4000, "conditions", &errors, multiline: true) ?? ""
                if verdict == .conditional && conditions.isEmpty {
                    errors.append(FieldError("conditions", "service.conditions_needed"))
                }
                if !errors.isEmpty { throw .validation(errors) }
                s.request.verdict = verdict
                s.request.verdictReason = reason
                s.request.conditions = verdict == .conditional ? conditions : ""
                s.request.verdictBy = c.actor.id
                s.request.verdictByName = c.actor.displayName
                s.request.times.respond(at: c.now)
                let label = Catalog.text(verdict!.labelKey, [:], .zhCN)
                return StepOutcome(
                    note: [label, reason, s.request.conditions].filter { !$0.isEmpty }.joined(separator: "："))
            },
            then: { s in s.request.verdict == .notFeasible ? .decline : nil }),
        ProcessStep(
            [.answered], .decline, .declined, by: cs, automatic: true,
            apply: { s, _, c in
                s.request.times.resolve(at: c.now)
                s.request.closedAt = c.now
                return StepOutcome()
            }),
        // "CS alone decides whether and when to carry it out": the plan, the engineers, the days; again to change it.
        ProcessStep(
            [.answered, .scheduled], .schedule, .scheduled, by: [.csManager],
            input: [.plan, .engineers, .startOn, .endOn],
            apply: { s, input, c throws(DomainError) in
                var errors: [FieldError] = []
                let plan = Text.limit(input.plan ?? "", 4000, "plan", &errors, multiline: true) ?? ""
                if plan.isEmpty && !errors.contains(where: { $0.field == "plan" }) {
                    errors.append(FieldError("plan", "field.required"))
                }
                let start = (input.startOn ?? "").trimmingCharacters(in: .whitespaces),
                    end = (input.endOn ?? "").trimmingCharacters(in: .whitespaces)
                if !DateText.isDate(start) { errors.append(FieldError("start_on", "field.date")) }
                if !DateText.isDate(end) {
                    errors.append(FieldError("end_on", "field.date"))
                } else if DateText.isDate(start) && end < start {
                    errors.append(FieldError("end_on", "service.end_before_start"))
                }
                var chosen: [User] = []
                if let ids = input.engineers, !ids.isEmpty {
                    for raw in ids {
                        guard let id = Int64(raw.trimmingCharacters(in: .whitespaces)),
                            let u = s.people.first(where: { $0.id == id && $0.isServiceStaff })
                        else {
                            errors.append(FieldError("engineers", "implementation.bad_engineer", ["id": raw])); break
                        }
                        if !chosen.contains(where: { $0.id == u.id }) { chosen.append(u) }
                    }
                } else {
                    errors.append(FieldError("engineers", "implementation.engineers_needed"))
                }
                if chosen.count > 20 { errors.append(FieldError("engineers", "service.too_many_engineers")) }
                if !errors.isEmpty { throw .validation(errors) }
                s.request.plan = plan
                s.request.engineerIds = chosen.map(\.id)
                s.request.startOn = start
                s.request.endOn = end
                return StepOutcome(
                    note: "\(start) – \(end) · \(chosen.map(\.displayName).joined(separator: "、"))：\(plan)")
            }),
        // The work log: who did what, when, for how long.
        ProcessStep(
            [.scheduled], .log, .scheduled, by: cs, input: [.text, .date, .hours],
            guard: { s, a in ServiceAccess.works(a, s.request) },
            apply: { s, input, c throws(DomainError) in
                var errors: [FieldError] = []
                let text = Text.required(input.text, 4000, "text", &errors)
                let raw = (input.date ?? "").trimmingCharacters(in: .whitespaces)
                let day = raw.isEmpty ? c.today : raw
                if !DateText.isDate(day) {
                    errors.append(FieldError("date", "field.date"))
                } else if day > c.today {
                    errors.append(FieldError("date", "contract.date_future"))
                }
                let minutes = hours(input.hours, &errors)
                if s.log.count >= 1000 { errors.append(FieldError("text", "service.log_full")) }
                if !errors.isEmpty { throw .validation(errors) }
                s.log.append(
                    ServiceWorkEntry(
                        by: c.actor.id, name: c.actor.displayName, at: c.now, day: day, minutes: minutes, text: text))
                return StepOutcome(note: "\(day) · \(WorkingTime.hoursText(minutes))：\(text)")
            }),
    ]

    // "The clock pauses while the case waits on the customer": what Customer Service asked of him.
    static func waitRow(_ from: State) -> ProcessStep<ServiceRequestProcess> {
        ProcessStep(
            [from], .wait, .waiting, by: cs, input: [.text], guard: { s, a in ServiceAccess.works(a, s.request) },
            apply: { s, input, c throws(DomainError) in
                let text = try Text.require(input.text, 4000, "text")
                s.request.resumeState = from
                s.request.times.pause(at: c.now)
                return StepOutcome(note: text)
            })
    }

    // "…and resumes when he answers": back where it waited, by Customer Service or the rep who hears from him.
    static func resumeRow(_ to: State) -> ProcessStep<ServiceRequestProcess> {
        ProcessStep(
            [.waiting], .resume, to, by: cs.union(market), input: [.text],
            guard: { s, _ in s.request.resumeState == to ? nil : Message("service.resume_elsewhere") },
            apply: { s, input, c throws(DomainError) in
                let text = try Text.require(input.text, 4000, "text")
                s.request.resumeState = nil
                s.request.times.resume(at: c.now)
                return StepOutcome(note: text)
            })
    }

    static let laterRows: [ProcessStep<ServiceRequestProcess>] = [
        // Done as Customer Service sees it — a reply is not a resolution; only this step stops that clock.
        ProcessStep(
            [.scheduled], .resolve, .resolved, by: cs, input: [.text],
            guard: { s, a in ServiceAccess.works(a, s.request) },
            apply: { s, input, c throws(DomainError) in
                let text = try Text.require(input.text, 4000, "text")
                s.request.resolution = text
                s.request.times.resolve(at: c.now)
                return StepOutcome(note: text)
            }),
        // "…closes it with the customer's confirmation": who confirmed, and how satisfied he is.
        ProcessStep(
            [.resolved], .confirm, .closed, by: cs.union(market), input: [.confirmedBy, .satisfaction],
            apply: { s, input, c throws(DomainError) in
                var errors: [FieldError] = []
                let who = Text.required(input.confirmedBy, 100, "confirmed_by", &errors)
                let score = StepInput.score(input.satisfaction, "satisfaction", &errors)
                if !errors.isEmpty { throw .validation(errors) }
                s.request.confirmedBy = who
                s.request.satisfaction = score
                s.request.closedAt = c.now
                return StepOutcome(
                    note: [who, score.map { "\($0)/5" } ?? "", try input.cleanComment()].filter { !$0.isEmpty }.joined(
                        separator: " · "))
            }),
        // "…(or reopens it)": the customer says it is not done; the resolution clock runs again.
        ProcessStep(
            [.resolved], .reopen, .scheduled, by: cs.union(market), needsReason: true,
            apply: { s, _, c in
                s.request.times.reopen(at: c.now)
                s.request.resolution = ""
                return StepOutcome()
            }),
        // The Market Department may take back what it asked while Customer Service has not begun the work.
        ProcessStep(
            [.submitted, .answered, .waiting], .withdraw, .withdrawn, by: market, needsReason: true,
            guard: { s, _ in
                s.request.state == .waiting && s.request.resumeState == .scheduled ? Message("service.work_begun") : nil
            },
            apply: { s, _, c in
                s.request.times.resolve(at: c.now)
                s.request.resumeState = nil
                s.request.closedAt = c.now
                return StepOutcome()
            }),
    ]

    /// Hours as written (`2`, `1.5`), as whole minutes: more than nothing, at most a day.
    static func hours(_ raw: String?, _ errors: inout [FieldError]) -> Int {
        let v = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !v.isEmpty else { errors.append(FieldError("hours", "field.required")); return 0 }
        guard let d = Decimal(string: v, locale: Locale(identifier: "en_US_POSIX")), d > 0, d <= 24,
            v.allSatisfy({ $0.isNumber || $0 == "." })
        else {
            errors.append(FieldError("hours", "service.hours"))
            return 0
        }
        return Int(truncating: (d * 60) as NSDecimalNumber)
    }
}

extension WorkingTime {
    /// `2.5 h` as the work log writes it.
    public static func hoursText(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60)h" : String(format: "%.1fh", Double(minutes) / 60)
    }
}
