import Foundation
import Vapor

/// The paths Frontline serves, named once: a route registers from here and a link, a form's action, a redirect or a
/// Location header is built here.
enum Route {
    /// The record collections, each served at `/api/v1/{path}` and on the pages at `/{path}`.
    enum Records: String, CaseIterable, Sendable {
        case actionPlans = "action-plans"
        case approvals
        case complaints
        case contracts
        case customers
        case disputes
        case gifts
        case implementations
        case intelligence = "intelligence-reports"
        case leads
        case opportunities
        case quotations
        case screenings
        case serviceRequests = "service-requests"
        case supportRequests = "support-requests"
        case tenders
        case trainings
        case visits

        var path: String { rawValue }
        var segments: [PathComponent] { [PathComponent(stringLiteral: rawValue)] }
    }

    /// A record's page.
    static func page(_ r: Records, _ id: Int64) -> String { "/\(r.path)/\(id)" }
    /// A collection's list page.
    static func page(_ r: Records) -> String { "/\(r.path)" }
    /// A record in the API, as a Location header names it.
    static func api(_ r: Records, _ id: Int64) -> String { "/api/v1/\(r.path)/\(id)" }
}
