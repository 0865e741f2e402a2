extension Catalog {
    /// The organisation's strings (people, roles, regions, signing in): `key | 中文 | English`.
    static let organisationTable = """
        role.gm | 总经理 | General manager
        role.market_manager | 市场部经理 | Market manager
        role.business_assistant | 商务助理 | Business assistant
        role.sales_rep | 业务代表 | Sales representative
        role.cs_manager | 客户服务部经理 | Customer Service manager
        role.cs_engineer | 客户服务工程师 | Customer Service engineer
        role.finance | 财务 | Finance
        role.admin | 系统管理员 | Administrator
        department.market | 市场部 | Market Department
        department.customer_service | 客户服务部 | Customer Service Department
        user.username_fixed | 用户名创建后不能修改 | A username cannot change once created
        user.username_format | 用户名为 2–32 位字母、数字、. _ -，以字母开头 | 2–32 letters, digits, . _ - starting with a letter
        user.password_length | 密码至少 10 位 | A password has at least 10 characters
        user.password_bytes | 密码不能超过 72 字节（约 24 个汉字或 72 个字母） | A password is at most 72 bytes (72 letters, about 24 Chinese characters)
        user.password_blank | 密码不能全是空格 | A password cannot be only spaces
        user.password_username | 密码不能包含用户名 | A password cannot contain the username
        user.password_common | 这个密码太常见，容易被猜到，请换一个 | This password is too common to be safe; choose another
        user.unknown_role | 不存在的角色：{role} | No such role: {role}
        user.roles_required | 至少选择一个角色 | Choose at least one role
        user.duplicate | 用户名“{name}”已被使用 | The username “{name}” is taken
        user.region_unknown | 区域不存在 | No such region
        user.bad_credentials | 用户名或密码错误 | Wrong username or password
        user.inactive | 该账号已停用 | This account has been deactivated
        user.self_deactivate | 不能停用自己的账号 | You cannot deactivate your own account
        region.code_format | 区域代码为 1–16 位字母、数字或 - | A region code has 1–16 letters, digits or -
        region.duplicate | 区域“{name}”已存在 | The region “{name}” exists already
        region.head_unknown | 负责人不存在 | No such user
        login.title | 登录 | Sign in
        login.username | 用户名 | Username
        login.password | 密码 | Password
        login.submit | 登录 | Sign in
        user.new | 新建用户 | New user
        user.edit | 编辑用户：{name} | Edit user: {name}
        user.display_name | 姓名 | Name
        user.roles | 角色 | Roles
        user.locale | 界面语言 | Language
        user.active | 在职 | Active
        user.inactive_badge | 已停用 | Deactivated
        user.new_password | 重设密码（留空则不变） | New password (leave empty to keep)
        user.deactivate_hint | 取消勾选即停用：该用户无法登录，已登录的会话和 API 令牌立即失效 | Untick to deactivate: the user cannot sign in and every session and API token stops working at once
        region.code | 代码 | Code
        region.name | 名称 | Name
        region.head | 负责人 | Head
        region.reps | 业务代表 | Reps
        region.new | 新建区域 | New region
        """
}
