import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// What every process shares on the web: its steps' input read from a JSON body or a form by the fields the table's
/// rows declare, the steps offered to the caller, and `POST /api/v1/{records}/{id}/{action}` for every action.
enum ProcessAPI {
    /// Registers one route per action people take, from the table itself.
    static func register<P: ProcessDefinition>(
        _ app: Application, _ process: P.Type, route: String,
        act: @escaping @Sendable (Request, Int64, P.Action, StepInput, Int?) async throws -> Response
    ) {
        let api = app.grouped("api", "v1")
        for action in P.actions {
            api.post(PathComponent(stringLiteral: route), ":id", PathComponent(stringLiteral: action.rawValue)) { req in
                let id = try APIRoutes.id(req)
                // The version the caller read, in the body or If-Match: required (400 without it) for a step that may
                // leave the state where it was, which would otherwise apply twice when sent twice; optional for one
                // the state alone keeps from applying twice (`versionRequired`, as the API document marks each).
                var input = StepInput()
                var body = Input(values: [:], isForm: false)
                if let buf = req.body.data, buf.readableBytes > 0 {
                    body = try Input.json(req, allowed: P.inputFields)
                    input = try body.step(P.self)
                }
                let named = body.has("version") || req.headers.first(name: .ifMatch) != nil
                let version = named ? try body.version(req) : nil
                return try await Store.$versionDemanded.withValue(true) {
                    try await act(req, id, action, input, version)
                }
            }
        }
    }

    /// The steps open to the caller, each with the input it needs.
    struct Offer: Encodable {
        var action: String
        var input: [String]
        var needsReason: Bool
        enum CodingKeys: String, CodingKey { case action, input, needsReason = "needs_reason" }
    }

    /// `GET /{records}/{id}/history`: every step of a record the caller reads (404 otherwise).
    static func history(_ req: Request, _ process: String, readable: (Int64) async throws -> Bool) async throws
        -> Response
    {
        let id = try APIRoutes.id(req)
        guard try await readable(id) else { throw DomainError.notFound }
        let events = try await req.store.history(process, id)
        return try DTO.response(DTO.List(items: events.map(DTO.Event.init), total: events.count))
    }

    /// A record as read, with its version as the ETag an edit may send back in If-Match.
    static func tagged(_ value: some Encodable, version: Int) throws -> Response {
        let res = try DTO.response(value)
        res.headers.replaceOrAdd(name: .eTag, value: "\"\(version)\"")
        return res
    }

    /// A record just made: 201 with its Location.
    static func created(_ value: some Encodable, location: String) throws -> Response {
        let res = try DTO.response(value, status: .created)
        res.headers.replaceOrAdd(name: .location, value: location)
        return res
    }

    static func offers<P: ProcessDefinition>(_ process: P.Type, _ subject: P.Subject, actor: Actor) -> [Offer] {
        ProcessEngine.offers(P.self, subject: subject, actor: actor).map {
            Offer(action: $0.action.rawValue, input: $0.input.map(\.rawValue), needsReason: $0.needsReason)
        }
    }
}

extension Input {
    /// A step's input: each field the process's rows declare, checked for its form (the step checks the rest).
    func step<P: ProcessDefinition>(_ process: P.Type) throws -> StepInput {
        var e: [FieldError] = []
        let fields = Set(P.steps.flatMap(\.input))
        func text(_ f: StepField, max: Int = 4000) -> String? {
            guard fields.contains(f) || f == .comment else { return nil }
            let v = string(f.rawValue, &e)
            if let v, v.unicodeScalars.count > max {
                e.append(FieldError(f.rawValue, "field.too_long", ["max": String(max)]))
            }
            return v
        }
        var input = StepInput(comment: text(.comment, max: 2000))
        if fields.contains(.reviewers) { input.reviewers = idList("reviewers", &e) }
        if fields.contains(.engineers) { input.engineers = idList("engineers", &e) }
        input.opinion = text(.opinion)
        Input.checkOpinion(input.opinion, &e)
        input.meetingDate = text(.meetingDate); input.attendees = text(.attendees, max: 500);
        input.minutes = text(.minutes, max: 20_000)
        input.customerSignedOn = text(.customerSignedOn); input.engineerId = text(.engineerId); input.date = text(.date)
        input.reason = text(.reason, max: 2000); input.winner = text(.winner, max: 200);
        input.winningAmount = text(.winningAmount)
        input.kind = text(.kind); input.title = text(.title, max: 200); input.due = text(.due);
        input.paymentSeq = text(.paymentSeq)
        input.milestoneId = text(.milestoneId); input.documentId = text(.documentId);
        input.obstacleId = text(.obstacleId)
        input.text = text(.text); input.answer = text(.answer)
        input.verdict = text(.verdict); input.conditions = text(.conditions); input.plan = text(.plan);
        input.startOn = text(.startOn)
        input.endOn = text(.endOn); input.hours = text(.hours, max: 10);
        input.confirmedBy = text(.confirmedBy, max: 100)
        input.satisfaction = text(.satisfaction, max: 10)
        input.rootCause = text(.rootCause, max: 2000); input.amount = text(.amount, max: 40)
        input.startsAt = text(.startsAt, max: 40); input.endsAt = text(.endsAt, max: 40)
        if fields.contains(.contacts) { input.contacts = idList("contacts", &e) }
        input.contactId = text(.contactId, max: 20); input.place = text(.place, max: 300);
        input.score = text(.score, max: 10)
        input.ownerId = text(.ownerId, max: 20)
        if fields.contains(.versions) { input.versions = versions(&e) }
        // An amount is yuan with at most two decimals, in a string or a whole number, as the document says — whichever
        // step it is sent to (a JSON fraction, or text that is no amount, is refused even where the step ignores it).
        // A page's form is read by the step itself, which also takes 12,345.67 and 1.2万.
        var amounts: [FieldError] = []
        for (f, v) in [(StepField.amount, input.amount), (.winningAmount, input.winningAmount)] where !isForm {
            if case .number(let n, _)? = values[f.rawValue], n != n.rounded(.towardZero) || n < 0 {
                amounts.append(FieldError(f.rawValue, "field.amount"))
                continue
            }
            guard let v = v?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { continue }
            let parts = v.split(separator: ".", omittingEmptySubsequences: false)
            let digits = { (p: Substring) in !p.isEmpty && p.allSatisfy { $0.isASCII && $0.isNumber } }
            if !(parts.count <= 2 && digits(parts[0]) && parts[0].count <= 12
                && (parts.count == 1 || (digits(parts[1]) && parts[1].count <= 2)))
            {
                amounts.append(FieldError(f.rawValue, "field.amount"))
            }
        }
        for (f, v) in [
            (StepField.meetingDate, input.meetingDate), (.customerSignedOn, input.customerSignedOn),
            (.date, input.date), (.due, input.due), (.startOn, input.startOn), (.endOn, input.endOn),
        ] {
            if let v = v?.trimmingCharacters(in: .whitespaces), !v.isEmpty, !DateText.isDate(v) {
                e.append(FieldError(f.rawValue, "field.date"))
            }
        }
        // A score is a whole number from 1 to 5, and the answer says so (422, not that "abc" is too long).
        for (f, v) in [(StepField.satisfaction, input.satisfaction), (.score, input.score)] {
            var range: [FieldError] = []
            _ = StepInput.score(v, f.rawValue, &range)
            if !range.isEmpty {
                e.removeAll { $0.field == f.rawValue && $0.message.key == "field.too_long" }
                amounts += range
            }
        }
        for (f, v) in [
            (StepField.paymentSeq, input.paymentSeq), (.milestoneId, input.milestoneId),
            (.documentId, input.documentId), (.obstacleId, input.obstacleId), (.ownerId, input.ownerId),
        ] {
            if let v = v?.trimmingCharacters(in: .whitespaces), !v.isEmpty, (Int64(v) ?? 0) <= 0 {
                e.append(FieldError(f.rawValue, "field.not_id"))
            }
        }
        try Input.check(e)
        if !amounts.isEmpty { throw DomainError.validation(amounts) }
        return input
    }

    /// Which version of each part: a JSON object of positive whole numbers, or a form's `versions.{part}` fields.
    private func versions(_ e: inout [FieldError]) -> [String: String]? {
        if isForm {
            let posted = values.filter { $0.key.hasPrefix("versions.") }
            guard !posted.isEmpty else { return nil }
            var out: [String: String] = [:]
            for (k, v) in posted {
                guard case .string(let s) = v else { continue }
                out[String(k.dropFirst("versions.".count))] = s
            }
            return out
        }
        switch values["versions"] {
        case nil: return nil
        case .object(let o)?:
            var out: [String: String] = [:]
            for (k, v) in o {
                switch v {
                case .number(_, let text) where (Int(text) ?? 0) > 0 && Int(text)! <= Int(Int32.max): out[k] = text
                default: e.append(FieldError("versions.\(k)", "error.wrong_type", ["expected": "@type.integer"]))
                }
            }
            return out
        default:
            e.append(FieldError("versions", "error.wrong_type", ["expected": "@type.object"]))
            return nil
        }
    }
}

extension Request {
    /// A query parameter that names one of an enumeration's values: nil when absent, a field error when not one of them.
    func choice<E: RawRepresentable & CaseIterable>(_ name: String, _: E.Type, _ errors: inout [FieldError]) -> E?
    where E.RawValue == String {
        guard let raw = query(name), !raw.isEmpty else { return nil }
        if let v = E(rawValue: raw) { return v }
        errors.append(FieldError(name, "field.one_of", ["values": E.allCases.map(\.rawValue).joined(separator: ", ")]))
        return nil
    }

    /// A list's search text `q`: nil when absent, cleaned; a field error past 100 characters.
    func searchText(_ errors: inout [FieldError]) -> String? {
        guard let q = query("q"), !q.isEmpty else { return nil }
        if q.unicodeScalars.count > 100 {
            errors.append(FieldError("q", "field.too_long", ["max": "100"]))
            return nil
        }
        return Text.clean(q)
    }
}
