extension Catalog {
    /// Opportunities' strings (商机): `key | 中文 | English`.
    static let opportunityTable = """
        nav.opportunities | 商机 | Opportunities
        nav.pipeline_board | 商机看板 | Pipeline board
        nav.opportunity_stages | 商机阶段 | Opportunity stages
        opportunity.list | 商机 | Opportunities
        opportunity.board | 商机看板 | Pipeline board
        opportunity.as_list | 列表 | List
        opportunity.as_board | 看板 | Board
        opportunity.new | 新建商机 | New opportunity
        opportunity.title_label | 商机 | Opportunity
        opportunity.number | 编号 | Number
        opportunity.title | 名称 | Title
        opportunity.customer | 客户 | Customer
        opportunity.products | 意向产品 | Products of interest
        opportunity.amount | 预计金额 | Amount
        opportunity.expected_profit | 预计利润 | Expected profit
        opportunity.probability | 赢单概率 | Probability
        opportunity.weighted | 加权金额 | Weighted
        opportunity.expected_close | 预计成交日期 | Expected close
        opportunity.owner | 负责人 | Owner
        opportunity.competitors | 竞争对手 | Competitors
        opportunity.stage | 阶段 | Stage
        opportunity.loss_reason | 输单原因 | Why it was lost
        opportunity.winner | 赢单方 | Won by (competitor)
        opportunity.closed_on | 结束日期 | Closed on
        opportunity.won_by | 赢单依据 | Won through
        opportunity.lead | 来源线索 | From lead
        opportunity.updated | 最近更新 | Updated
        opportunity.stage_since | 进入本阶段 | In this stage since
        opportunity.count | {count} 个 | {count}
        opportunity.column_total | 合计 {amount} · 加权 {weighted} | Total {amount} · weighted {weighted}
        opportunity.move_to | 移至 | Move to
        opportunity.move | 移动 | Move
        opportunity.drag_hint | 拖动卡片即可改变阶段；也可在卡片上选择阶段后点“移动”。 | Drag a card to change its stage, or choose a stage on the card and press Move.
        opportunity.linked | 关联单据 | Linked records
        opportunity.quotations | 报价 | Quotations
        opportunity.tenders | 标书 | Tenders
        opportunity.contracts | 合同 | Contracts
        opportunity.none | 暂无 | None
        opportunity.edit | 修改商机 | Change the opportunity
        opportunity.save | 保存 | Save
        opportunity.open_only | 只看未结束的 | Open ones only
        opportunity.closing_within | 预计成交（天内） | Closing within (days)
        opportunity.sort | 排序 | Sort
        opportunity.sort.updated | 最近更新 | Recently updated
        opportunity.sort.amount | 金额从高到低 | Largest amount
        opportunity.sort.close | 预计成交日期 | Expected close
        opportunity.sort.probability | 概率从高到低 | Highest probability
        opportunity.sort.number | 编号 | Number
        opportunity.pipeline | 销售漏斗 | Pipeline
        opportunity.home_mine | 我的商机 | My opportunities
        opportunity.stages_settings | 商机阶段设置 | Opportunity stages
        opportunity.stage_name | 显示名称（留空用默认） | Name shown (empty: the built-in name)
        opportunity.stage_default | 默认名称 | Built-in name
        opportunity.stage_probability | 默认概率（%） | Default probability (%)
        opportunity.stage_position | 顺序 | Position
        opportunity.stages_saved | 阶段设置已保存 | Stages saved
        opportunity.stages_note | 赢单和输单总在最后，概率固定为 100% 和 0%；移动商机到某阶段时，概率设为该阶段的默认概率。 | Won and lost stay last at 100 % and 0 %; moving an opportunity into a stage sets its probability to the stage's default.
        opportunity.product_unknown | 产品 {id} 不在价格表中或已停用 | Product {id} is not an active line of the price book
        opportunity.too_many_products | 意向产品最多 {max} 个 | At most {max} products
        opportunity.profit_confidential | 预计利润只有能查看成本的角色（总经理、市场部经理、商务助理）才能填写 | Only those who see cost (GM, market manager, business assistant) give the expected profit
        opportunity.reassign_forbidden | 只有总经理、市场部经理和商务助理可以把商机交给别人 | Only the GM, the market manager and the business assistant hand an opportunity to somebody else
        opportunity.not_owner | 这个商机不归你负责 | This opportunity is not yours
        opportunity.customer_not_yours | 只能为自己负责的客户建立商机 | You open opportunities for your own customers
        opportunity.customer_unknown | 客户不存在或已归档 | No such customer, or it is archived
        opportunity.closed | 商机已结束（{stage}），不能修改 | The opportunity is closed ({stage}) and cannot be changed
        opportunity.link | 所属商机 | Opportunity
        opportunity.link_unknown | 商机不存在、已结束或不属于该客户 | No such open opportunity of this customer
        opportunity.stage_twice | 每个阶段只能出现一次 | Give each stage once
        opportunity.stage_name_twice | 两个阶段不能同名 | Two stages cannot share a name
        opportunity.stage_missing | 缺少阶段：{stages} | Stages missing: {stages}
        process.opportunity.state.contact | 初步接触 | First contact
        process.opportunity.state.needs | 需求确认 | Needs confirmed
        process.opportunity.state.solution | 方案设计 | Solution design
        process.opportunity.state.bidding | 投标/报价 | Bid / quotation
        process.opportunity.state.negotiation | 商务谈判 | Negotiation
        process.opportunity.state.won | 赢单 | Won
        process.opportunity.state.lost | 输单 | Lost
        process.opportunity.action.create | 建立商机 | Opened
        process.opportunity.action.to_contact | 移至初步接触 | Move to first contact
        process.opportunity.action.to_needs | 移至需求确认 | Move to needs confirmed
        process.opportunity.action.to_solution | 移至方案设计 | Move to solution design
        process.opportunity.action.to_bidding | 移至投标/报价 | Move to bid / quotation
        process.opportunity.action.to_negotiation | 移至商务谈判 | Move to negotiation
        process.opportunity.action.win | 登记赢单 | Record as won
        process.opportunity.action.lose | 登记输单 | Record as lost
        process.opportunity.action.reopen | 重新打开 | Reopen
        process.opportunity.action.record_win | 因中标或合同生效而赢单 | Won by a tender or a contract
        """
}
