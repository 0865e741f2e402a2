import Foundation
import Logging

/// One JSON object per line on standard error: time, level, message, source and metadata (request id among them).
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        var fields: [String: String] = [
            "ts": ISO8601DateFormatter.string(
                from: Date(), timeZone: TimeZone(identifier: "UTC")!,
                formatOptions: [.withInternetDateTime, .withFractionalSeconds]),
            "level": level.rawValue, "msg": message.description, "logger": label,
        ]
        for (k, v) in metadata.merging(explicit ?? [:], uniquingKeysWith: { $1 }) { fields[k] = "\(v)" }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        var out = data
        out.append(0x0A)
        FileHandle.standardError.write(out)
    }
}
