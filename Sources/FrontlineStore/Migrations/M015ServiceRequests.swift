import FluentKit
import FrontlineCore
import SQLKit

/// Issue 11: engineering and after-sales requests (工程施工和售后服务) with their work log, and the service-level
/// moments a list asks about (when each running clock is due soon and due), kept with each request.
struct M015ServiceRequests: AsyncMigration {
    var name: String { "015_service_requests" }

    func prepare(on db: any Database) async throws {
        try await db.schema("service_requests")
            .field("id", .int64, .identifier(auto: true))
            .field("number", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("detail", .string, .required)
            .field("location", .string, .required)
            .field("wished_on", .string, .required)
            .field("customer_id", .int64, .required, .references("customers", "id"))
            .field("requester_id", .int64, .required)
            .field("contract_id", .int64)
            .field("implementation_id", .int64)
            .field("state", .string, .required)
            .field("resume_state", .string, .required)
            .field("verdict", .string, .required)
            .field("verdict_reason", .string, .required)
            .field("conditions", .string, .required)
            .field("verdict_by", .int64)
            .field("verdict_by_name", .string, .required)
            .field("plan", .string, .required)
            .field("engineer_ids", .string, .required)
            .field("start_on", .string, .required)
            .field("end_on", .string, .required)
            .field("resolution", .string, .required)
            .field("confirmed_by", .string, .required)
            .field("satisfaction", .int)
            .field("opened_at", .int64, .required)
            .field("pauses", .string, .required)
            .field("responded_at", .int64)
            .field("resolved_at", .int64)
            .field("response_minutes", .int, .required)
            .field("resolution_minutes", .int, .required)
            .field("response_warn_at", .int64)
            .field("response_due_at", .int64)
            .field("resolution_warn_at", .int64)
            .field("resolution_due_at", .int64)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .field("closed_at", .int64)
            .unique(on: "number")
            .create()
        try await index(db, "service_requests_state", on: "service_requests", ["state"])
        try await index(db, "service_requests_customer", on: "service_requests", ["customer_id"])
        try await index(db, "service_requests_requester", on: "service_requests", ["requester_id"])
        try await index(db, "service_requests_response_warn", on: "service_requests", ["response_warn_at"])
        try await index(db, "service_requests_resolution_warn", on: "service_requests", ["resolution_warn_at"])
        try await db.schema("service_request_logs")
            .field("id", .int64, .identifier(auto: true))
            .field("request_id", .int64, .required, .references("service_requests", "id"))
            .field("by_id", .int64, .required)
            .field("by_name", .string, .required)
            .field("at", .int64, .required)
            .field("day", .string, .required)
            .field("minutes", .int, .required)
            .field("text", .string, .required)
            .create()
        try await index(db, "service_request_logs_request", on: "service_request_logs", ["request_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("service_request_logs").delete()
        try await db.schema("service_requests").delete()
    }
}
