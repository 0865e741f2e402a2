import Foundation

/// An exact amount of Chinese yuan (CNY), held as integer fen (分) so that no arithmetic ever rounds.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in fen: 1 yuan = 100 fen.
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }
    public init(yuan: Int64) {
        self.fen = yuan.multipliedReportingOverflow(by: 100).overflow ? (yuan < 0 ? .min : .max) : yuan * 100
    }

    public static let zero = Money(fen: 0)

    /// The largest amount a business can mean here, for one price, line, contract or total: 100 亿元
    /// (10,000,000,000 yuan). Every amount a user enters, and every sum or product of them, is checked against it
    /// and refused with a localised 422 past it, so that no arithmetic on amounts can overflow.
    public static let ceiling = Money(fen: 1_000_000_000_000)

    /// An exact intermediate (Int128) as an amount, or nil past the ceiling.
    public init?(exactly n: Int128) {
        guard n.magnitude <= UInt128(Money.ceiling.fen) else { return nil }
        self.fen = Int64(n)
    }

    /// The sum, or nil when it (or any part) passes the ceiling.
    public static func total<S: Sequence>(_ amounts: S) -> Money? where S.Element == Money {
        var sum: Int128 = 0
        for a in amounts {
            sum += Int128(a.fen)
            if sum.magnitude > UInt128(ceiling.fen) { return nil }
        }
        return Money(exactly: sum)
    }

    public var withinCeiling: Bool { fen.magnitude <= UInt64(Money.ceiling.fen) }

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    /// Plain addition and subtraction serve amounts already within the ceiling (their results cannot overflow);
    /// they saturate instead of trapping, so that not even a slip elsewhere can end the process.
    public static func + (a: Money, b: Money) -> Money {
        let (r, o) = a.fen.addingReportingOverflow(b.fen)
        return Money(fen: o ? (b.fen < 0 ? .min : .max) : r)
    }
    public static func - (a: Money, b: Money) -> Money {
        let (r, o) = a.fen.subtractingReportingOverflow(b.fen)
        return Money(fen: o ? (b.fen > 0 ? .min : .max) : r)
    }

    /// `self × numerator / denominator`, rounded half up (四舍五入, away from zero at exactly half), as Chinese
    /// invoices round; nil past the ceiling.
    public func scaled(_ numerator: Int128, _ denominator: Int128) -> Money? {
        guard denominator > 0 else { return nil }
        return Money(exactly: Money.roundHalfUp(Int128(fen) * numerator, denominator))
    }

    /// `n / d` (d > 0) rounded half up, away from zero at exactly half: the one rounding of every amount.
    static func roundHalfUp(_ n: Int128, _ d: Int128) -> Int128 {
        let half = d / 2
        return n >= 0 ? (n + half) / d : -((-n + half) / d)
    }

    /// Plain decimal text, e.g. `12345.67`, the form used in JSON and CSV.
    public var decimalString: String {
        let sign = fen < 0 ? "-" : ""
        let a = fen.magnitude
        let cents = a % 100
        return "\(sign)\(a / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// With thousands separators, e.g. `12,345.67`, as users read amounts.
    public var grouped: String {
        let sign = fen < 0 ? "-" : ""
        let a = fen.magnitude
        let cents = a % 100
        return "\(sign)\(Self.group(a / 100)).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// In ten-thousands of yuan (万元) with two decimals, as Chinese readers expect in reports.
    public var wan: String {
        let sign = fen < 0 ? "-" : ""
        // 1 万元 = 1,000,000 fen; round half up to 0.01 万.
        let a = fen.magnitude
        let hundredths = a / 10_000 + (a % 10_000 >= 5_000 ? 1 : 0)
        let frac = hundredths % 100
        return "\(sign)\(Self.group(hundredths / 100)).\(frac < 10 ? "0" : "")\(frac)"
    }

    public var description: String { decimalString }

    static func group(_ n: UInt64) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// Parses what a user types: `12345.67`, `12,345.67`, `¥1,000`, `1.2万`, `-5`.
    /// Answers nil for anything else, or more than two decimals of yuan, or an amount past the ceiling (100 亿元).
    public static func parse(_ raw: String) -> Money? {
        var text = raw.trimmingCharacters(in: .whitespaces)
        for prefix in ["¥", "￥", "CNY"] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        var scale = 2  // decimals of fen the digits carry
        if text.hasSuffix("万元") {
            text = String(text.dropLast(2)); scale = 6
        } else if text.hasSuffix("万") {
            text = String(text.dropLast()); scale = 6
        } else if text.hasSuffix("元") {
            text = String(text.dropLast())
        }
        // Separators only between thousands of the whole part (12,345.67): "1,5" or "1,0,0" is no amount, not 15 or 100.
        text = text.replacingOccurrences(of: "，", with: ",")
        if text.contains(",") {
            let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let groups = whole.drop { $0 == "-" }.split(separator: ",", omittingEmptySubsequences: false)
            guard !text.drop(while: { $0 != "." }).contains(","), (1...3).contains(groups[0].count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
            text = text.replacingOccurrences(of: ",", with: "")
        }
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        guard !text.isEmpty else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty || parts.count == 2 else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard whole.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
            fraction.count <= scale, whole.count <= 15
        else { return nil }
        let padded = fraction + String(repeating: "0", count: scale - fraction.count)
        guard let w = Int64(whole.isEmpty ? "0" : String(whole)), let f = Int64(padded.isEmpty ? "0" : String(padded))
        else {
            return nil
        }
        var fen: Int64
        if scale == 6 {
            // 万 with up to six decimals: whole * 1,000,000 fen + fraction (already in fen).
            let (m, o) = w.multipliedReportingOverflow(by: 1_000_000)
            guard !o else { return nil }
            fen = m + f
        } else {
            let (m, o) = w.multipliedReportingOverflow(by: 100)
            guard !o else { return nil }
            fen = m + f
        }
        guard fen <= Money.ceiling.fen else { return nil }
        if negative { fen = -fen }
        return Money(fen: fen)
    }

    // JSON carries amounts as decimal strings ("12345.67") so no client parses them as floating point.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self), let m = Money.parse(s) {
            self = m
        } else if let i = try? c.decode(Int64.self), i.magnitude <= UInt64(Money.ceiling.fen / 100) {
            self = Money(fen: i * 100)
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "amount")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(decimalString)
    }
}
