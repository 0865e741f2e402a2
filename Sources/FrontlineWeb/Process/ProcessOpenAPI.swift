import Foundation
import FrontlineCore

/// What every process gives the API document: one operation per action of its table, whose body has the fields
/// the table's rows declare and whose access comes from the rows' roles.
extension OpenAPI {
    /// The schema of each field a step may carry.
    static let stepFieldSchemas: [StepField: JSONDoc] = [
        .comment: [
            "type": ["string", "null"], "maxLength": 2000,
            "description": "Remarks; the reason for a step that needs one (cancel, reject, return…).",
        ],
        .reviewers: [
            "type": "array", "items": ["type": "integer", "minimum": 1],
            "description": "open_review: the reviewers, Customer Service among them.",
        ],
        .opinion: [
            "type": ["string", "null"], "enum": ["approve", "approve_with_conditions", "reject", .null],
            "description": "review: the caller's opinion.",
        ],
        .meetingDate: day, .attendees: text(500), .minutes: text(20_000), .customerSignedOn: day,
        .engineerId: [
            "type": ["integer", "null"], "minimum": 1,
            "description": "assign: the CS engineer who writes the technical bid.",
        ],
        .versions: [
            "type": "object", "additionalProperties": ["type": "integer", "minimum": 1, "maximum": 2_147_483_647],
            "description":
                "assemble: the version of each part (technical, commercial, quotation); the latest when left out.",
        ],
        .reason: text(2000, "lose: why (needed)."), .winner: text(200, "lose: the winning competitor (needed)."),
        .winningAmount: optionalMoneyInput,
        .engineers: [
            "type": "array", "items": ["type": "integer", "minimum": 1],
            "description": "assign: the Customer Service engineers.",
        ],
        .kind: [
            "type": ["string", "null"],
            "enum": .array(ImplementationMilestone.Kind.allCases.map { .string($0.rawValue) } + [.null]),
            "description": "plan: the milestone's kind.",
        ],
        .title: ["type": ["string", "null"], "maxLength": 200, "description": "plan: the milestone."],
        .due: ["type": ["string", "null"], "maxLength": 10, "description": "plan: due day, YYYY-MM-DD."],
        .paymentSeq: [
            "type": ["integer", "null"], "minimum": 1,
            "description": "plan: the payment-plan line its completion (an acceptance) makes due.",
        ],
        .milestoneId: [
            "type": ["integer", "null"], "minimum": 1, "description": "complete_milestone: which milestone.",
        ],
        .date: [
            "type": ["string", "null"], "maxLength": 10,
            "description":
                "The day (a deposit's payment or return, a milestone's completion, an acceptance: the customer's acceptance date); today when left out.",
        ],
        .documentId: [
            "type": ["integer", "null"], "minimum": 1,
            "description": "complete_milestone: the uploaded acceptance document (needed for an acceptance).",
        ],
        .obstacleId: [
            "type": ["integer", "null"], "minimum": 1,
            "description": "answer_obstacle, market_note, resolve_obstacle: which report.",
        ],
        .text: [
            "type": ["string", "null"], "maxLength": 4000,
            "description": "report_obstacle: the obstacle; market_note: what the Market Department did.",
        ],
        .answer: [
            "type": ["string", "null"], "maxLength": 4000,
            "description": "answer_obstacle: what the Market Department will do.",
        ],
        .verdict: [
            "type": ["string", "null"],
            "enum": .array(ServiceRequest.Verdict.allCases.map { .string($0.rawValue) } + [.null]),
            "description": "answer: Customer Service's verdict on a service request (not_feasible closes it).",
        ],
        .conditions: [
            "type": ["string", "null"], "maxLength": 4000,
            "description": "answer: the conditions of a conditional verdict (needed then).",
        ],
        .plan: [
            "type": ["string", "null"], "maxLength": 4000, "description": "schedule: what Customer Service will do.",
        ],
        .startOn: ["type": ["string", "null"], "maxLength": 10, "description": "schedule: first day, YYYY-MM-DD."],
        .endOn: [
            "type": ["string", "null"], "maxLength": 10,
            "description": "schedule: last day, YYYY-MM-DD, not before the first.",
        ],
        .hours: [
            "type": ["string", "number", "null"], "maxLength": 10, "exclusiveMinimum": 0, "maximum": 24,
            "description": "log: hours of work (more than 0, at most 24; 1.5 is an hour and a half).",
        ],
        .confirmedBy: [
            "type": ["string", "null"], "maxLength": 100,
            "description": "confirm: who at the customer confirmed it done.",
        ],
        .satisfaction: [
            "type": ["integer", "null"], "minimum": 1, "maximum": 5,
            "description": "confirm: the customer's satisfaction, 1–5 (needed to close a complaint).",
        ],
        .rootCause: [
            "type": ["string", "null"], "maxLength": 2000,
            "description": "resolve (a complaint): the root cause (needed).",
        ],
        .amount: optionalMoneyInput,
        .contacts: [
            "type": "array", "items": ["type": "integer", "minimum": 1],
            "description": "invite: the customer's contacts to invite; hold: those who came.",
        ],
        .contactId: ["type": ["integer", "null"], "minimum": 1, "description": "feedback: the attendee."],
        .place: [
            "type": ["string", "null"], "maxLength": 300, "description": "reschedule: the room or the meeting link.",
        ],
        .score: [
            "type": ["integer", "null"], "minimum": 1, "maximum": 5,
            "description": "feedback: the attendee's score, 1–5.",
        ],
        .startsAt: [
            "type": ["string", "null"], "maxLength": 40,
            "description": "allocate: the booking's start, YYYY-MM-DD HH:MM (CST).",
        ],
        .endsAt: [
            "type": ["string", "null"], "maxLength": 40,
            "description": "allocate: the booking's end, after its start, within 14 days.",
        ],
        .ownerId: [
            "type": ["integer", "null"], "minimum": 1, "description": "assign: the sales rep a lead is handed to.",
        ],
    ]

    /// A step open to the caller, as every record's detail lists them in `actions`.
    static let stepOffer = object(
        ["action": string, "input": ["type": "array", "items": string], "needs_reason": bool],
        required: ["action", "input", "needs_reason"])

    /// A step body for a process: every field its rows declare, and the version.
    static func stepSchema<P: ProcessDefinition>(_ process: P.Type, versionRequired: Bool = false) -> JSONDoc {
        var props: [String: JSONDoc] = ["version": version, "comment": stepFieldSchemas[.comment]!]
        for f in Set(P.steps.flatMap(\.input)) {
            props[f.rawValue] = stepFieldSchemas[f] ?? ["type": ["string", "null"]]
        }
        return versionRequired ? object(props, required: ["version"]) : object(props)
    }

    /// The name of a process's step body in the document: `TenderStep`.
    /// `service_request` → `ServiceRequestStep`: the name the capability registers its step schema under.
    static func stepSchemaName<P: ProcessDefinition>(_ process: P.Type) -> String {
        P.name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "Step"
    }

    /// Who may take an action, from its rows' roles.
    static func stepAccess<P: ProcessDefinition>(_ process: P.Type, _ action: P.Action) -> String {
        Set(P.steps.filter { $0.action == action }.flatMap(\.roles)).sorted().map {
            Catalog.text($0.labelKey, [:], .en)
        }.joined(separator: ", ")
    }

    /// `POST /{route}/{id}/{action}` for every action of the table — what `ProcessAPI.register` serves. A step in
    /// `created` makes a new record (a revision, an amendment): 201 with its Location.
    static func stepOperations<P: ProcessDefinition>(
        _ process: P.Type, route: String, tag: String, result: String, created: Set<P.Action> = [],
        access: (P.Action) -> String? = { _ in nil }
    ) -> [APIOperation] {
        P.actions.map { action in
            let label = "process.\(P.name).action.\(action.rawValue)"
            return APIOperation(
                method: "POST", path: "/\(route)/{id}/\(action.rawValue)", tag: tag,
                summary: P.name.prefix(1).uppercased() + P.name.dropFirst().replacingOccurrences(of: "_", with: " ")
                    + " step: " + Catalog.text(label, [:], .en),
                summaryZh: Catalog.text(label, [:], .zhCN), access: access(action) ?? stepAccess(P.self, action),
                // A step that may leave the state where it was needs the version (or If-Match): its body says so.
                body: P.versionRequired(action)
                    ? stepSchema(P.self, versionRequired: true) : ref(stepSchemaName(P.self)), bodyRequired: false,
                success: created.contains(action) ? 201 : 200, result: ref(result),
                extraHeaders: created.contains(action) ? ["Location"] : [])
        }
    }
}
