import { addBundle } from '../shared/i18n.js';

/** The resident portal's strings, zh-CN (default) and en-US. */
addBundle(
  {
    portal: {
      title: '业户服务 · {{name}}', login: '业户登录', phone: '手机号', phoneRequired: '请输入手机号', phonePlaceholder: '登记的手机号', askCode: '获取验证码', codeSent: '验证码已发送',
      code: '验证码', codeRequired: '请输入验证码', codePlaceholder: '6 位验证码', report: '我要报修', mine: '我的记录（{{count}}）', noHome: '您的账号尚未关联房号，请联系客服中心', empty: '暂无记录',
      kind: '类型', description: '问题描述', descriptionRequired: '请描述问题', descriptionPlaceholder: '如：厨房水龙头漏水', photos: '照片（可选）', photosHint: '可拍摄问题部位，最多 6 张',
      photoInput: '问题照片', preferred: '希望上门时间', preferredHint: '工作人员将按此时间预约上门', submit: '提交', submitted: '已提交，编号 {{number}}',
      photoFailed: '报修已提交（{{number}}），但照片上传失败：{{message}}', offline: '网络不可用，请稍后再试',
      case: '案件', receipt: '书面投诉回执号（请妥善保存）', appointment: '预约上门：{{at}}', done: '已提交',
      stepOpened: '已受理', stepPhotos: '已上传照片', stepIssued: '已派工', stepAccepted: '维修工已接单', stepArrived: '维修工已到场', stepCompleted: '维修完成', stepConfirmed: '您已确认',
      stepStatus: '状态更新', stepVisit: '回访：{{satisfaction}}{{online}}', visitOnline: '（您在线评价）',
      confirmTitle: '确认维修结果', rating: '评分', confirm: '已修好，确认', notFixed: '没修好', notFixedReason: '业户反映没修好', stillBroken: '问题仍未解决？', notFixedAgain: '没修好，重新处理',
      visitTitle: '回访评价', visitIntro: '您的事项已办结，请对处理过程、措施和结果进行评价。', satisfaction: '满意度', satisfactionRequired: '请选择满意度', opinion: '您的意见或建议（可选）', visitSubmit: '提交回访评价',
      s5: '非常满意', s4: '满意', s3: '一般', s2: '不满意', s1: '非常不满意',
    },
  },
  {
    portal: {
      title: 'Resident services · {{name}}', login: 'Resident sign-in', phone: 'Phone', phoneRequired: 'Enter your phone number', phonePlaceholder: 'Registered phone number', askCode: 'Get code', codeSent: 'Code sent',
      code: 'Code', codeRequired: 'Enter the code', codePlaceholder: '6-digit code', report: 'Report a problem', mine: 'My cases ({{count}})', noHome: 'Your account is not linked to a unit yet; please call the service centre', empty: 'No cases yet',
      kind: 'Type', description: 'Problem', descriptionRequired: 'Describe the problem', descriptionPlaceholder: 'e.g. the kitchen tap is leaking', photos: 'Photos (optional)', photosHint: 'Photograph the problem, up to 6 photos',
      photoInput: 'Problem photo', preferred: 'Preferred visit time', preferredHint: 'Staff will book the visit for this time', submit: 'Submit', submitted: 'Submitted, number {{number}}',
      photoFailed: 'Report submitted ({{number}}), but the photos failed to upload: {{message}}', offline: 'No network, please try again later',
      case: 'Case', receipt: 'Written complaint receipt number (please keep it)', appointment: 'Visit booked: {{at}}', done: 'Submitted',
      stepOpened: 'Received', stepPhotos: 'Photos uploaded', stepIssued: 'Dispatched', stepAccepted: 'Technician accepted', stepArrived: 'Technician on site', stepCompleted: 'Repair done', stepConfirmed: 'You confirmed',
      stepStatus: 'Status changed', stepVisit: 'Return visit: {{satisfaction}}{{online}}', visitOnline: ' (your online rating)',
      confirmTitle: 'Confirm the repair', rating: 'Rating', confirm: 'Fixed, confirm', notFixed: 'Not fixed', notFixedReason: 'Resident says it is not fixed', stillBroken: 'Still not fixed?', notFixedAgain: 'Not fixed, reopen',
      visitTitle: 'Return visit', visitIntro: 'Your case is closed; please rate how it was handled and the result.', satisfaction: 'Satisfaction', satisfactionRequired: 'Choose a rating', opinion: 'Your comments (optional)', visitSubmit: 'Send rating',
      s5: 'Very satisfied', s4: 'Satisfied', s3: 'Neutral', s2: 'Dissatisfied', s1: 'Very dissatisfied',
    },
  },
);
