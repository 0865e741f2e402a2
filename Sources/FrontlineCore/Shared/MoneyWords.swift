/// 人民币大写: the amount in words as Chinese invoices, contracts and quotations write it.
extension Money {
    public var chineseUppercase: String {
        let digits = Array("零壹贰叁肆伍陆柒捌玖")
        // The magnitude, so that even the most negative amount cannot trap.
        let fen = self.fen.magnitude
        let negative = self.fen < 0
        let yuan = fen / 100, jiao = Int((fen / 10) % 10), cents = Int(fen % 10)
        if fen == 0 { return "零元整" }
        func four(_ g: Int) -> String {
            let units = ["仟", "佰", "拾", ""]
            let ds = [g / 1000, (g / 100) % 10, (g / 10) % 10, g % 10]
            var s = ""
            var zero = false
            for (i, d) in ds.enumerated() {
                if d == 0 {
                    zero = !s.isEmpty
                } else {
                    if zero { s += "零" }
                    s += String(digits[d]) + units[i]
                    zero = false
                }
            }
            return s
        }
        var out = ""
        if yuan > 0 {
            var groups: [Int] = []
            var y = yuan
            while y > 0 {
                groups.append(Int(y % 10_000))
                y /= 10_000
            }
            let names = ["", "万", "亿", "万", "京"]
            var pendingZero = false
            for gi in stride(from: groups.count - 1, through: 0, by: -1) {
                let g = groups[gi]
                if g == 0 {
                    pendingZero = !out.isEmpty
                    continue
                }
                if !out.isEmpty && (pendingZero || g < 1000) { out += "零" }
                out += four(g) + names[gi]
                pendingZero = false
            }
            out += "元"
        }
        if jiao == 0 && cents == 0 {
            out += "整"
        } else {
            if jiao > 0 { out += String(digits[jiao]) + "角" } else if yuan > 0 { out += "零" }
            if cents > 0 { out += String(digits[cents]) + "分" } else { out += "整" }
        }
        return (negative ? "负" : "") + out
    }
}
