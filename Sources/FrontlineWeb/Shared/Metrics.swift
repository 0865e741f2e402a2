import Foundation
import Prometheus

/// The process's Prometheus metrics, served at `/metrics`.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let requests: Counter
    let errors: Counter
    let duration: DurationHistogram

    init() {
        requests = registry.makeCounter(name: "frontline_http_requests_total", help: "HTTP requests answered")
        errors = registry.makeCounter(
            name: "frontline_http_server_errors_total", help: "HTTP answers with status 500 or above")
        duration = registry.makeDurationHistogram(
            name: "frontline_http_request_duration_seconds",
            buckets: [
                .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5),
            ],
            help: "Time to answer an HTTP request")
    }
}
