import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// `/api/v1/settings/service-levels`: the company calendar and the response and resolution targets (issue 11).
enum ServiceLevelRoutes {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("settings", "service-levels", use: get)
        api.patch("settings", "service-levels", use: patch)
    }

    static let fields: Set<String> = ["workdays", "periods", "holidays", "working_weekends", "targets"]

    static func get(_ req: Request) async throws -> Response {
        _ = try req.actor()
        let (levels, version) = try await req.store.serviceLevels()
        let res = try DTO.response(DTO.ServiceLevels(levels, version: version))
        res.headers.replaceOrAdd(name: .eTag, value: "\"\(version)\"")
        return res
    }

    static func patch(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let body = try Input.json(req, allowed: fields)
        let version = try body.version(req)
        let change = try body.serviceLevels()
        let (current, _) = try await req.store.serviceLevels()
        let (levels, v) = try await req.store.setServiceLevels(
            try change.applied(to: current), version: version, by: actor)
        return try DTO.response(DTO.ServiceLevels(levels, version: v))
    }
}

extension Input {
    /// The parts of a service-levels change: lists of text or numbers, and targets as
    /// `{"request.repair": {"response": 120, "resolution": 960}}`.
    func serviceLevels() throws -> ServiceLevelsChange {
        var e: [FieldError] = []
        func list(_ key: String) -> [String]? {
            switch values[key] {
            case nil: return nil
            case .list(let items)?:
                var out: [String] = []
                for i in items {
                    switch i {
                    case .string(let s): out.append(s)
                    case .number(_, let text): out.append(text)
                    default:
                        e.append(FieldError(key, "error.wrong_type", ["expected": "@type.string_list"]))
                        return nil
                    }
                }
                return out
            case .string(let s)? where isForm: return [s]
            default:
                e.append(FieldError(key, "error.wrong_type", ["expected": "@type.string_list"]))
                return nil
            }
        }
        var change = ServiceLevelsChange(
            workdays: list("workdays"), periods: list("periods"), holidays: list("holidays"),
            workingWeekends: list("working_weekends"))
        switch values["targets"] {
        case nil: break
        case .object(let o)?:
            var targets: [String: (response: String?, resolution: String?)] = [:]
            for (subject, v) in o {
                guard case .object(let t) = v else {
                    e.append(FieldError("targets.\(subject)", "error.wrong_type", ["expected": "@type.object"]))
                    continue
                }
                var pair: (response: String?, resolution: String?) = (nil, nil)
                for (name, value) in t {
                    guard name == "response" || name == "resolution" else {
                        e.append(FieldError("targets.\(subject).\(name)", "error.unknown_field", ["field": name]))
                        continue
                    }
                    guard case .number(_, let text) = value else {
                        e.append(
                            FieldError("targets.\(subject).\(name)", "error.wrong_type", ["expected": "@type.integer"]))
                        continue
                    }
                    if name == "response" { pair.response = text } else { pair.resolution = text }
                }
                targets[subject] = pair
            }
            change.targets = targets
        default: e.append(FieldError("targets", "error.wrong_type", ["expected": "@type.object"]))
        }
        try Input.check(e)
        return change
    }
}

extension DTO {
    struct ServiceLevels: Encodable {
        enum CodingKeys: String, CodingKey {
            case workdays, periods, holidays, workingWeekends = "working_weekends", targets, version
        }
        struct Target: Encodable { var response: Int; var resolution: Int }
        var workdays: [Int]
        var periods: [String]
        var holidays: [String]
        var workingWeekends: [String]
        var targets: [String: Target]
        var version: Int
        init(_ l: FrontlineCore.ServiceLevels, version: Int) {
            workdays = l.calendar.workdays.sorted(); periods = l.calendar.periods.map(ServiceLevelsChange.text)
            holidays = l.calendar.holidays.sorted(); workingWeekends = l.calendar.workingWeekends.sorted()
            targets = Dictionary(
                uniqueKeysWithValues: FrontlineCore.ServiceLevels.subjects.map { s in
                    let t = l.target(s)
                    return (s, Target(response: t.response, resolution: t.resolution))
                })
            self.version = version
        }
    }
}
