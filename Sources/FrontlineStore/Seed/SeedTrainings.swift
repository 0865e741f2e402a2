import FluentKit
import Foundation
import FrontlineCore
import SQLKit

extension Store {
    /// Training sessions for the implemented contracts, planned by Customer Service through the same steps the pages
    /// take: two planned with their invitees, one held with attendance and feedback, one cancelled.
    func seedTrainings() async throws {
        let users = try await self.users()
        func actor(_ name: String) -> Actor { users.first { $0.username == name }!.actor }
        let csManager = actor("csmanager"), cs1 = actor("cs1")
        let handed = try await implementations(ImplementationFilter(), limit: 10, for: csManager).items.filter {
            $0.state != .open
        }
        guard handed.count >= 2 else { return }
        let day: Int64 = 86_400_000, now = Store.nowMillis(), base = (now / 3_600_000) * 3_600_000
        func plan(_ i: Implementation, _ topic: String, inDays: Int64, ago: Int64) async throws -> Int64 {
            try await with(AuditContext(cs1)).createTraining(
                TrainingDraft(
                    implementationId: String(i.id), topic: topic, trainerId: String(cs1.id),
                    startsAt: DateText.minute((base + inDays * day) / 1000),
                    hours: "3", mode: Training.Mode.onsite.rawValue, place: "客户培训室"),
                by: cs1, now: now - ago
            ).id
        }
        func step(_ id: Int64, _ a: TrainingProcess.Action, _ by: Actor, _ input: StepInput = StepInput(), ago: Int64)
            async throws
        {
            _ = try await with(AuditContext(by)).actOnTraining(id: id, a, input, version: nil, by: by, now: now - ago)
        }
        for (n, i) in handed.prefix(2).enumerated() {
            let contacts = try await self.contacts(customerId: i.customerId).map { String($0.id) }
            guard !contacts.isEmpty else { continue }
            let coming = try await plan(i, n == 0 ? "管理员操作培训" : "业务人员操作培训", inDays: 5 + Int64(n), ago: 2 * day)
            try await step(coming, .invite, cs1, StepInput(contacts: contacts), ago: 2 * day - 3_600_000)
            if n == 0 {
                let held = try await plan(i, "系统上线培训", inDays: -7, ago: 10 * day)
                try await step(held, .invite, cs1, StepInput(contacts: contacts), ago: 10 * day)
                try await step(
                    held, .hold, cs1,
                    StepInput(
                        date: DateText.day((now - 7 * day) / 1000),
                        contacts: Array(contacts.prefix(max(1, contacts.count - 1)))), ago: 7 * day)
                try await step(
                    held, .feedback, cs1, StepInput(text: "讲解清楚，希望多一些实操时间。", contactId: contacts[0], score: "4"),
                    ago: 7 * day)
                let dropped = try await plan(i, "报表高级功能培训", inDays: 3, ago: 6 * day)
                try await step(dropped, .cancel, csManager, StepInput(comment: "客户要求并入下次培训"), ago: 5 * day)
            }
        }
    }
}
