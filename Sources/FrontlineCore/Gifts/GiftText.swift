extension Catalog {
    /// The gift register's strings (馈赠登记): `key | 中文 | English`.
    static let giftTable = """
        nav.gifts | 馈赠登记 | Gift register
        gift.list | 馈赠登记 | Gift register
        gift.new | 登记馈赠 | Declare a gift
        gift.title | 馈赠登记 | Gift declaration
        gift.number | 编号 | Number
        gift.declarant | 登记人 | Declared by
        gift.customer | 客户 | Customer
        gift.kind | 类别 | Kind
        gift.kind.gift | 礼品 | Gift
        gift.kind.money | 礼金/现金 | Money
        gift.description | 物品或款项 | What
        gift.value | 价值（元） | Value (CNY)
        gift.offered_on | 馈赠日期 | Offered on
        gift.note | 说明 | Note
        gift.state | 状态 | State
        gift.handled_on | 上交/退回日期 | Handed in / back on
        gift.handled_by | 经办人 | Handled by
        gift.register | 馈赠登记簿 | Gift register by period
        gift.register_intro | 期间内登记的馈赠（按馈赠日期），及按类别、状态的合计。 | The gifts offered in the period (by the day offered), with totals by kind and state.
        gift.total | 合计 | Total
        gift.by_kind | 按类别 | By kind
        gift.by_state | 按状态 | By state
        gift.intro | 客户馈赠的钱物须如实登记并上交公司，不得索取回扣。登记后不能修改或删除。 | Declare what a customer offers you and hand it to the company; kickbacks are forbidden. A declaration cannot be changed or deleted.
        gift.value_invalid | 价值须是大于 0 的金额，最多两位小数 | The value is an amount above 0, at most two decimals
        gift.future | 馈赠日期不能晚于今天 | The day offered is not in the future
        gift.handled_on_range | 日期须在馈赠日期（{date}）与今天之间 | The day is between the day offered ({date}) and today
        gift.customer_unknown | 客户不存在或你无权查看 | No such customer, or not one you may see
        gift.to_before_from | 结束日期不能早于开始日期 | The last day is not before the first
        gift.by_declarant | 按登记人 | By person
        gift.declarers | 馈赠由收到的人本人登记 | Whoever was offered it declares it
        process.gift.state.declared | 待上交 | Declared
        process.gift.state.handed_over | 已上交公司 | Handed to the company
        process.gift.state.returned | 已退回 | Given back
        process.gift.action.create | 登记 | Declared
        process.gift.action.hand_over | 确认上交 | Confirm handed in
        process.gift.action.give_back | 确认退回 | Confirm given back
        """
}
