import { addBundle } from '../shared/i18n.js';

/** The technician pages' strings, zh-CN (default) and en-US. */
addBundle(
  {
    tech: {
      title: '我的派工单', login: '维修工登录', usernameRequired: '请输入用户名', passwordRequired: '请输入密码',
      tabNew: '新单', tabToday: '今日', tabOverdue: '超时', count: '{{name}} · 共 {{count}} 单', empty: '暂无派工单',
      pending: '{{count}} 个操作待联网补发', resent: '已补发 {{count}} 个操作',
      refusedTitle: '以下离线操作被服务器拒绝，未生效：', refusedDismiss: '知道了',
      itemDesc: '预约 {{appt}} · 派工 {{issued}}',
      order: '派工单', orderNo: '派工单 {{number}}', instructions: '派工说明：{{text}}', contact: '联系人：{{name}} {{phone}}', appointment: '预约：{{at}}',
      paid: '有偿服务', quote: '报价 {{amount}}', noQuote: '未报价', status: '状态：', queued: '无网络，已保存，联网后自动发送', completed: '已完工',
      fee: '费用', feeTotal: '合计 {{amount}}（{{count}} 项材料）', due: '应收合计：', dueParts: '（人工 {{labour}} + 材料 {{materials}}）', submit: '完工并提交',
      workDone: '维修内容', workDoneRequired: '请填写维修内容', workDonePlaceholder: '如：更换角阀', materials: '材料（价目表或手填）',
      labour: '人工费（元）', labourPlaceholder: '人工费，元', labourNumber: '人工费须为数字', before: '维修前照片', after: '维修后照片', afterInput: '现场照片（维修后）',
      signature: '业户签名', signatureRequired: '请业户签名确认（R-WO-6）', rating: '业户评价（满意度）', evaluation: '业户意见', evaluationPlaceholder: '业户对本次维修的意见',
      priceSearch: '搜索价目表，如 角阀', priceSearchLabel: '搜索价目表', notInPriceList: '价目表中没有「{{q}}」，可手填材料', remove: '删除', quantity: '{{name}} 数量',
      company: '公司提供', resident: '业户自备', residentNote: '业户自备，须业户签字确认', manual: '手填材料', name: '名称', namePlaceholder: '材料名称', spec: '规格',
      specPlaceholder: '规格型号', qty: '数量', price: '单价', yuan: '元', source: '来源', add: '加入材料', cancel: '取消', nameRequired: '请填写材料名称', priceNumber: '单价须为数字',
      photo: '拍照', removePhoto: '删除照片', resign: '重写签名',
    },
  },
  {
    tech: {
      title: 'My work orders', login: 'Technician sign-in', usernameRequired: 'Enter your username', passwordRequired: 'Enter your password',
      tabNew: 'New', tabToday: 'Today', tabOverdue: 'Overdue', count: '{{name}} · {{count}} orders', empty: 'No work orders',
      pending: '{{count}} action(s) waiting for the network', resent: 'Sent {{count}} queued action(s)',
      refusedTitle: 'The server refused these offline actions; they did not take effect:', refusedDismiss: 'OK',
      itemDesc: 'Booked {{appt}} · issued {{issued}}',
      order: 'Work order', orderNo: 'Work order {{number}}', instructions: 'Instructions: {{text}}', contact: 'Contact: {{name}} {{phone}}', appointment: 'Booked: {{at}}',
      paid: 'Paid service', quote: 'Quote {{amount}}', noQuote: 'not quoted', status: 'Status: ', queued: 'No network: saved, will be sent when online', completed: 'Completed',
      fee: 'Charges', feeTotal: 'Total {{amount}} ({{count}} material lines)', due: 'Amount due: ', dueParts: ' (labour {{labour}} + materials {{materials}})', submit: 'Complete and submit',
      workDone: 'Work done', workDoneRequired: 'Describe the work done', workDonePlaceholder: 'e.g. replaced the angle valve', materials: 'Materials (price list or by hand)',
      labour: 'Labour (yuan)', labourPlaceholder: 'Labour, yuan', labourNumber: 'Labour must be a number', before: 'Photos before', after: 'Photos after', afterInput: 'Site photos (after)',
      signature: "Resident's signature", signatureRequired: 'The resident must sign (R-WO-6)', rating: "Resident's rating", evaluation: "Resident's comments", evaluationPlaceholder: "The resident's view of the repair",
      priceSearch: 'Search the price list, e.g. valve', priceSearchLabel: 'Search the price list', notInPriceList: '"{{q}}" is not in the price list; add it by hand', remove: 'Remove', quantity: '{{name}} quantity',
      company: 'Company', resident: 'Resident', residentNote: 'Supplied by the resident; the resident signs for it', manual: 'Add by hand', name: 'Name', namePlaceholder: 'Material name', spec: 'Spec',
      specPlaceholder: 'Spec / model', qty: 'Qty', price: 'Price', yuan: 'yuan', source: 'Supplied by', add: 'Add material', cancel: 'Cancel', nameRequired: 'Enter the material name', priceNumber: 'Price must be a number',
      photo: 'Photo', removePhoto: 'Remove photo', resign: 'Sign again',
    },
  },
);
