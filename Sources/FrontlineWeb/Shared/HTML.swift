import FrontlineCore

/// HTML that is safe to send: literal markup stays as written, every interpolated `String` is escaped.
/// Nested `HTML` values are inserted as they are, so a page is built from typed pieces.
public struct HTML: ExpressibleByStringInterpolation, Sendable, CustomStringConvertible {
    public var raw: String

    public init(raw: String) { self.raw = raw }
    public init(stringLiteral value: String) { raw = value }
    public init(stringInterpolation: Interpolation) { raw = stringInterpolation.raw }

    public var description: String { raw }

    public static func escape(_ s: String) -> String { Text.escapeHTML(s) }

    public struct Interpolation: StringInterpolationProtocol {
        var raw = ""
        public init(literalCapacity: Int, interpolationCount: Int) { raw.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { raw += literal }
        public mutating func appendInterpolation(_ s: String) { raw += HTML.escape(s) }
        public mutating func appendInterpolation(_ s: String?) { raw += HTML.escape(s ?? "") }
        public mutating func appendInterpolation(_ h: HTML) { raw += h.raw }
        public mutating func appendInterpolation(_ list: [HTML]) { for h in list { raw += h.raw } }
        public mutating func appendInterpolation(_ n: Int) { raw += String(n) }
        public mutating func appendInterpolation(_ n: Int64) { raw += String(n) }
    }

    public static func join(_ parts: [HTML]) -> HTML { HTML(raw: parts.map(\.raw).joined()) }
    public static func join(_ parts: [HTML], separator: HTML) -> HTML {
        HTML(raw: parts.map(\.raw).joined(separator: separator.raw))
    }

    /// `attr` when `on`, else nothing: `<option \(HTML.when(sel, "selected"))>`.
    public static func when(_ on: Bool, _ attr: HTML) -> HTML { on ? attr : "" }
}
