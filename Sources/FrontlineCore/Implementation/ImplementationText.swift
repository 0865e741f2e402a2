extension Catalog {
    /// Contract implementation's strings: `key | 中文 | English`.
    static let implementationTable = """
        nav.implementations | 合同实施 | Implementation
        nav.section.service | 客户服务 | Customer service
        implementation.title | 合同实施 | Contract implementation
        implementation.list | 实施项目 | Implementations
        implementation.contract | 合同 | Contract
        implementation.customer | 客户 | Customer
        implementation.manager | 客户服务部经理 | CS manager
        implementation.engineers | 实施工程师 | Engineers
        implementation.state | 状态 | State
        implementation.created | 交接时间 | Handed over
        implementation.milestones | 实施节点 | Milestones
        implementation.milestone | 节点 | Milestone
        implementation.due | 计划日期 | Due
        implementation.done_on | 完成日期 | Done
        implementation.document | 验收单 | Acceptance document
        implementation.documents | 实施文档 | Documents
        implementation.upload | 上传文档 | Upload a document
        implementation.payment | 对应付款节点 | Payment line
        implementation.obstacles | 阻碍报告（不可抗拒之阻力） | Obstacle reports
        implementation.obstacle | 阻碍报告 | Obstacle report
        implementation.raised | 报告人 | Raised by
        implementation.answer_label | 市场部答复 | Market Department's answer
        implementation.notes | 市场部处理记录 | What the Market Department did
        implementation.resolution | 排除情况 | How it was overcome
        implementation.none | 暂无 | None
        implementation.overdue | 已逾期 | Overdue
        implementation.read_only | 合同实施由客户服务部负责；市场部只能查看，仅在客户服务部提出阻碍报告且市场部经理答复后，才可就该报告记录处理情况。 | Implementation is Customer Service's; the Market Department reads it and acts only on an obstacle report the market manager has answered.
        implementation.filter_overdue | 有逾期节点 | With overdue milestones
        implementation.filter_obstructed | 有未排除的阻碍 | With open obstacles
        implementation.home_handed | 新交接的合同实施 | New hand-offs
        implementation.home_overdue | 逾期的实施节点 | Overdue milestones
        implementation.home_obstructed | 未排除的阻碍报告 | Open obstacle reports
        implementation.kind.deployment | 部署 | Deployment
        implementation.kind.training | 培训 | Training
        implementation.kind.acceptance | 验收 | Acceptance
        implementation.kind.other | 其他 | Other
        implementation.obstacle.open | 待市场部答复 | Waiting for the Market Department
        implementation.obstacle.answered | 市场部已答复 | Answered
        implementation.obstacle.resolved | 已排除 | Overcome
        implementation.cs_only | 实施项目的文件由客户服务部添加，市场部不参与 | An implementation's files are Customer Service's to add; the Market Department takes no part
        implementation.not_assigned | 只有被指派的实施工程师或客户服务部经理可以操作该实施项目 | Only the assigned engineers or the CS manager work on this implementation
        implementation.engineers_needed | 请至少指派一名工程师 | Assign at least one engineer
        implementation.bad_engineer | 用户 {id} 不是在职的客户服务部人员 | User {id} is not active Customer Service staff
        implementation.no_such_payment | 合同付款计划中没有第 {seq} 个节点 | The payment plan has no line {seq}
        implementation.too_many_milestones | 节点过多（最多 100 个） | Too many milestones (100 at most)
        implementation.too_many_notes | 处理记录过多 | Too many notes
        implementation.no_such_milestone | 请选择该实施项目的一个节点 | Choose a milestone of this implementation
        implementation.milestone_done | 节点“{title}”已完成 | “{title}” is done already
        implementation.no_such_document | 请选择该实施项目已上传的文档 | Choose a document uploaded to this implementation
        implementation.acceptance_document | 验收须附客户签署的验收单（先上传文档） | An acceptance needs the customer's signed document (upload it first)
        implementation.acceptance_date | 请填写客户的验收日期 | Give the customer's acceptance date
        implementation.no_such_obstacle | 请选择该实施项目的一份阻碍报告 | Choose an obstacle report of this implementation
        implementation.obstacle_answered | 该阻碍报告已答复 | That report has been answered
        implementation.obstacle_not_answered | 市场部经理答复该阻碍报告后，市场部才能就其记录处理情况 | The Market Department acts on a report once the market manager has answered it
        implementation.obstacle_resolved | 该阻碍已排除 | That obstacle has been overcome
        implementation.no_open_obstacle | 没有待答复的阻碍报告 | No obstacle report waits for an answer
        implementation.obstacles_remain | 还有其他未排除的阻碍 | Other obstacles remain
        implementation.market_not_involved | 合同实施由客户服务部负责：只有在客户服务部提出阻碍报告且市场部经理答复后，市场部才能参与 | Implementation is Customer Service's: the Market Department takes part only once the market manager has answered an obstacle report
        implementation.not_your_account | 只能处理自己客户的实施项目 | Only your own accounts' implementations
        implementation.not_accepted | 客户验收完成后才能关闭实施项目 | The customer's acceptance comes before completion
        implementation.milestone_open | 节点“{title}”尚未完成 | “{title}” is not done
        process.implementation.state.open | 待分派 | Handed over
        process.implementation.state.in_progress | 实施中 | In progress
        process.implementation.state.blocked | 受阻 | Held up
        process.implementation.state.completed | 已完成 | Completed
        process.implementation.action.create | 合同生效交接 | Handed over
        process.implementation.action.assign | 指派工程师 | Assign engineers
        process.implementation.action.plan | 添加节点 | Plan a milestone
        process.implementation.action.complete_milestone | 完成节点 | Complete a milestone
        process.implementation.action.report_obstacle | 提出阻碍报告 | Report an obstacle
        process.implementation.action.answer_obstacle | 答复阻碍报告 | Answer the report
        process.implementation.action.market_note | 记录市场部处理 | Record what was done
        process.implementation.action.resolve_obstacle | 阻碍已排除 | Obstacle overcome
        process.implementation.action.complete | 关闭实施项目 | Complete
        """
}
