extension Catalog {
    /// The one search's strings: `key | 中文 | English`.
    static let searchTable = """
        search.placeholder | 搜索客户、联系人、商机、合同… | Search customers, contacts, deals, contracts…
        search.title | 搜索 | Search
        search.hint | 输入至少两个字：客户名称或信用代码，联系人姓名、电话或邮箱，线索、商机、报价单、合同、标书、服务请求或售前支持的编号或名称，投诉的编号、投诉人或内容 | Type two characters or more: a customer's name or credit code; a contact's name, phone or e-mail; the number or title of a lead, opportunity, quotation, contract, tender, service or support request; a complaint's number, who complained or its words
        search.too_short | 请至少输入 {min} 个字 | Type at least {min} characters
        search.kind_unknown | 只能是：{kinds} | One of: {kinds}
        search.nothing | 没有找到“{q}” | Nothing found for “{q}”
        search.more | 更多… | More…
        search.more_in_list | 在列表中查看全部 | See them all in the list
        """
}
