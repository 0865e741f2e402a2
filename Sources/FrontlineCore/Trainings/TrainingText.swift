extension Catalog {
    /// Customer training's strings (客户培训): `key | 中文 | English`.
    static let trainingTable = """
        nav.trainings | 培训 | Training
        training.list | 客户培训 | Customer training
        training.new | 安排培训 | Plan a session
        training.title | 客户培训 | Training session
        training.number | 编号 | Number
        training.topic | 主题 | Topic
        training.contract | 合同 | Contract
        training.implementation | 实施项目 | Implementation
        training.customer | 客户 | Customer
        training.trainer | 讲师 | Trainer
        training.starts_at | 时间 | When
        training.hours | 时长（小时） | Hours
        training.mode | 方式 | Mode
        training.place | 地点或会议链接 | Place or meeting link
        training.state | 状态 | State
        training.held_on | 举办日期 | Held on
        training.attendees | 学员 | Attendees
        training.attended | 出席 | Attended
        training.absent | 缺席 | Absent
        training.invited | 已邀请 | Invited
        training.score | 评分 | Score
        training.comment | 意见 | Comments
        training.materials | 培训资料 | Materials
        training.upload | 上传资料 | Upload material
        training.plan | 培训计划：承诺与完成 | Training plan: promised and given
        training.promised | 合同承诺的培训（实施节点） | Promised (implementation milestones)
        training.given | 已安排和举办的培训 | Planned and given
        training.plan_summary | 承诺 {promised} 次，已举办 {held} 次 | {promised} promised, {held} given
        training.none | 暂无 | None
        training.home_upcoming | 即将举办的培训 | Coming sessions
        training.mode.onsite | 现场 | On site
        training.mode.online | 线上 | Online
        training.no_contract | 请选择一份已生效的合同或其实施项目 | Choose an effective contract or its implementation
        training.bad_trainer | 讲师须是在职的客户服务部人员 | The trainer is active Customer Service staff
        training.contacts_needed | 请至少选择一名客户联系人 | Choose at least one of the customer's contacts
        training.not_contact | {id} 不是该客户的联系人 | {id} is not one of the customer's contacts
        training.not_attendee | 请选择一名出席的学员 | Choose an attendee who came
        training.too_many | 学员过多（最多 200 名） | Too many attendees (200 at most)
        training.cs_plans | 培训由客户服务部安排 | Customer Service plans the training
        process.training.state.planned | 已计划 | Planned
        process.training.state.held | 已举办 | Held
        process.training.state.cancelled | 已取消 | Cancelled
        process.training.action.create | 安排培训 | Planned
        process.training.action.invite | 邀请学员 | Invite
        process.training.action.reschedule | 调整时间地点 | Reschedule
        process.training.action.hold | 记录出席（已举办） | Record attendance
        process.training.action.feedback | 记录学员反馈 | Record feedback
        process.training.action.cancel | 取消培训 | Cancel
        """
}
