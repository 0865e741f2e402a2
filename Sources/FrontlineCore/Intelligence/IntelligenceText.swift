extension Catalog {
    /// Market intelligence's strings (一线信息/市场调研): `key | 中文 | English`.
    static let intelligenceTable = """
        nav.intelligence | 市场信息 | Market intelligence
        intel.list | 一线信息与市场调研 | Market intelligence
        intel.new | 提交信息报告 | New report
        intel.title_label | 标题 | Title
        intel.report | 信息报告 | Report
        intel.number | 编号 | Number
        intel.kind | 类别 | Kind
        intel.kind.competitor | 竞争对手动态 | Competitor
        intel.kind.market_trend | 市场趋势 | Market trend
        intel.kind.customer_feedback | 客户意见 | Customer feedback
        intel.kind.research | 调研报告 | Research report
        intel.kind.ad_evaluation | 广告效果评估 | Advertising-effect evaluation
        intel.body | 内容 | Text
        intel.competitor | 竞争对手 | Competitor
        intel.customer | 相关客户 | Customer
        intel.region | 区域 | Region
        intel.author | 提交人 | Author
        intel.shared_with | 共享给 | Shared with
        intel.shared_hint | 市场部经理和总经理总能阅读；可再共享给其他同事。 | The market manager and the GM always read it; share it with others here.
        intel.files | 附件 | Files
        intel.upload | 上传附件 | Upload a file
        intel.edit | 修改报告 | Change the report
        intel.save | 保存 | Save
        intel.created | 提交时间 | Submitted
        intel.intro | 一线信息、竞争对手动态、客户意见、调研报告和广告效果评估。 | Front-line information, competitor news, customer feedback, research and advertising-effect evaluations.
        intel.competitor_needed | 竞争对手动态须写明是哪家对手 | Competitor news names the competitor
        intel.customer_unknown | 客户不存在或你无权查看 | No such customer, or not one you may see
        intel.share_unknown | 只能共享给在职同事 | Share with active colleagues only
        intel.share_too_many | 最多共享给 {max} 人 | Share with at most {max} people
        intel.writers | 信息报告由市场部人员提交 | The Market Department writes reports
        intel.not_author | 只有提交人可以修改、共享或上传附件 | Only the author changes, shares or adds files to it
        """
}
