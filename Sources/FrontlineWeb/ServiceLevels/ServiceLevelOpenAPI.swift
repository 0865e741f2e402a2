import Foundation
import FrontlineCore

/// The service levels part of the API document.
extension OpenAPI {
    static var serviceLevelSchemas: [String: JSONDoc] {
        let minutes: JSONDoc = [
            "type": "integer", "minimum": 1, "maximum": .int(ServiceLevels.maxMinutes),
            "description": "Working minutes.",
        ]
        let target = object(["response": minutes, "resolution": minutes], required: ["response", "resolution"])
        let targetInput = object(["response": minutes, "resolution": minutes])
        let subjects = ServiceLevels.subjects
        let days: JSONDoc = [
            "type": "array", "maxItems": 1000,
            "items": ["type": "string", "pattern": "^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"],
        ]
        let periods: JSONDoc = [
            "type": "array", "maxItems": 24,
            "items": ["type": "string", "pattern": "^[0-2]?[0-9]:[0-5][0-9]-[0-2]?[0-9]:[0-5][0-9]$"],
            "description": "Working periods of a day, China Standard Time, in order, not overlapping: 09:00-12:00.",
        ]
        let workdays: JSONDoc = [
            "type": "array", "maxItems": 7, "items": ["type": "integer", "minimum": 1, "maximum": 7],
            "description": "1 = Monday … 7 = Sunday.",
        ]
        return [
            "ServiceLevels": object(
                [
                    "workdays": workdays, "periods": periods, "holidays": days, "working_weekends": days,
                    "targets": object(
                        Dictionary(uniqueKeysWithValues: subjects.map { ($0, target) }), required: subjects),
                    "version": int,
                ], required: ["workdays", "periods", "holidays", "working_weekends", "targets", "version"]),
            "ServiceLevelsInput": object(
                [
                    "workdays": workdays, "periods": periods, "holidays": days, "working_weekends": days,
                    "targets": object(Dictionary(uniqueKeysWithValues: subjects.map { ($0, targetInput) })),
                    "version": version,
                ]),
        ]
    }

    static var serviceLevelOperations: [APIOperation] {
        [
            APIOperation(
                method: "GET", path: "/settings/service-levels", tag: "service",
                summary:
                    "The company calendar (working days, periods, holidays, worked weekend days) and the response and resolution targets",
                summaryZh: "服务时限与工作日历", access: "every signed-in user", result: ref("ServiceLevels"),
                extraHeaders: ["ETag"]),
            APIOperation(
                method: "PATCH", path: "/settings/service-levels", tag: "service",
                summary:
                    "Change the calendar or targets: new targets apply to cases opened from now on, the calendar to every open case at once",
                summaryZh: "修改服务时限与工作日历", access: "administrator, GM, CS manager", body: ref("ServiceLevelsInput"),
                result: ref("ServiceLevels")),
        ]
    }
}
