/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters whose last is a check
/// character computed from the first 17.
public enum CreditCode {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Upper-cases and trims what a user typed.
    public static func normalize(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespaces).uppercased()
    }

    /// The check character for the first 17 characters, or nil when one is not in the code's alphabet.
    public static func checkCharacter(for body: String) -> Character? {
        let chars = Array(body)
        guard chars.count == 17 else { return nil }
        var sum = 0
        for (i, ch) in chars.enumerated() {
            guard let value = alphabet.firstIndex(of: ch) else { return nil }
            sum += value * weights[i]
        }
        let check = (31 - sum % 31) % 31
        return alphabet[check]
    }

    /// Whether a normalized code is well formed and its check character is right.
    public static func isValid(_ code: String) -> Bool {
        let chars = Array(code)
        guard chars.count == 18, let expected = checkCharacter(for: String(chars[0..<17])) else { return false }
        return chars[17] == expected
    }
}
