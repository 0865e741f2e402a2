import FluentKit
import Foundation
import FrontlineCore
import SQLKit

/// What the runner needs of one process's records: how to load a subject within the actor's visibility, how to
/// save it with the one versioned write, and how to carry out each effect its table asks for. Nothing else in the
/// store switches on actions.
protocol ProcessRecords: ProcessDefinition {
    /// The subject (the record and whatever its guards and `apply` read), or nil when the actor may not see it.
    static func load(_ s: Store, id: Int64, for actor: Actor, now: Int64) async throws -> Subject?
    /// Writes `new` over the row at `version`: `UPDATE … WHERE id AND version` (`versioned`), 409 when no row
    /// changed. `new.version` is what the row then holds.
    static func save(_ s: Store, _ new: Subject, over old: Subject, at version: Int) async throws
    /// Carries out one effect in the step's transaction; answers whether it changed the subject (the runner then
    /// writes it once more, under the row it already holds).
    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool
}

extension ProcessRecords {
    static func perform(
        _ s: Store, _ effect: Effect, on subject: inout Subject, context: StepContext, files: FileFolder?
    ) async throws -> Bool { false }
}

extension Store {
    /// Takes one step a person asked for, in one transaction: loads the subject (404 when not his to see), checks
    /// the version he read, asks the engine (403 who-asks, 409 state or guard, 422 input), writes the record with the
    /// one versioned write (409 when another writer won), carries out the effects, appends the history event and the
    /// audit entry, and runs the follow-ups, each as its own recorded step.
    func run<P: ProcessRecords>(
        _ process: P.Type, id: Int64, _ action: P.Action, _ input: StepInput, version: Int?, by actor: Actor,
        now: Int64 = Store.nowMillis(),
        files: FileFolder? = nil
    ) async throws -> P.Subject {
        if P.automaticActions.contains(action) {
            throw DomainError(
                .conflict, Message("process.automatic_only", ["action": "@process.\(P.name).action.\(action.rawValue)"])
            )
        }
        _ = try input.cleanComment()
        // Read here, in the request's task: the database's connection runs the body in a task of its own.
        let demanded = Store.versionDemanded
        return try await transaction { s in
            try await s.step(
                P.self, id: id, action, input, version: version, demanded: demanded, by: actor, now: now, files: files)
        }
    }

    /// Whether the person asking must name the version he read for a step that may leave its state where it was
    /// (`ProcessDefinition.versionRequired`): set around a request by the web's step registrar; the seed and the
    /// runner's own follow-ups ask for nothing.
    @TaskLocal public static var versionDemanded = false

    /// `run`'s body, in the caller's transaction: loads the subject (404 when not his to see), checks the version he
    /// read and takes the step.
    func step<P: ProcessRecords>(
        _ process: P.Type, id: Int64, _ action: P.Action, _ input: StepInput, version: Int?, demanded: Bool = false,
        by actor: Actor, now: Int64,
        files: FileFolder? = nil
    ) async throws -> P.Subject {
        guard let subject = try await P.load(self, id: id, for: actor, now: now) else { throw DomainError.notFound }
        if version == nil, demanded, P.versionRequired(action) {
            // Who may not take it, or not now, is told that first (403, 409); the one who may is asked for the version
            // (400): sent twice without it, a step that leaves the state where it was would apply twice.
            _ = try ProcessEngine.step(
                P.self, from: subject.state, action: action, subject: subject, actor: actor, comment: "-")
            throw DomainError(
                .badRequest, Message("error.version_required"),
                fields: [FieldError("version", "error.version_required")])
        }
        if let version, version != subject.version { throw Store.stale(subject.version) }
        return try await take(P.self, action, on: subject, input, StepContext(actor: actor, now: now), files: files)
    }

    /// One step on a loaded subject and the follow-ups it brings, in the caller's transaction.
    func take<P: ProcessRecords>(
        _ process: P.Type, _ action: P.Action, on subject: P.Subject, _ input: StepInput, _ context: StepContext,
        files: FileFolder?,
        automatic: Bool = false
    ) async throws -> P.Subject {
        var taken = try ProcessEngine.take(P.self, action, on: subject, input: input, context: context)
        taken.after.version = subject.version + 1
        try await P.save(self, taken.after, over: subject, at: subject.version)
        var after = taken.after
        var changed = false
        for effect in taken.effects {
            if try await P.perform(self, effect, on: &after, context: context, files: files) { changed = true }
        }
        if changed { try await P.save(self, after, over: taken.after, at: after.version) }
        let who = automatic ? Store.automatic(context.actor) : context.actor
        try await recordStep(
            P.name, subject.recordId, from: subject.state.rawValue, action: action.rawValue, to: after.state.rawValue,
            actor: who,
            comment: automatic ? Store.automaticNote(context.actor) : taken.note, at: context.now)
        try await audit(.update, P.name, String(subject.recordId), before: subject.record, after: after.record)
        if let next = taken.followUp {
            return try await take(P.self, next, on: after, StepInput(), context, files: files, automatic: true)
        }
        return after
    }

    /// The first record of a process created by a step or a form: its history begins with `create`.
    func recordCreation(
        _ process: String, _ id: Int64, state: String, by actor: Actor, comment: String = "", record: some Encodable
    ) async throws {
        try await recordStep(process, id, from: "", action: "create", to: state, actor: actor, comment: comment)
        try await audit(.create, process, String(id), before: Optional<Int>.none, after: record)
    }
}
